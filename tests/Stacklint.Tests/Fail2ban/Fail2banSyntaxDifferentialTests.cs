using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Formats.Fail2ban;
using Stacklint.Tests.Support;
using Stacklint.Text;
using Xunit;

namespace Stacklint.Tests.Fail2ban;

/// <summary>
/// The parser against fail2ban's own (<c>SafeConfigParserWithIncludes</c> on Python's configparser) for generated files
/// full of the constructs that trip people up: indentation that turns a line into a continuation, inline <c>;</c> and
/// <c>#</c>, <c>:</c> and <c>=</c>, repeated sections and options, [DEFAULT] twice, lines without a separator, options
/// before any section, CRLF and CR line ends, a byte order mark. fail2ban refuses a file exactly when the parser
/// reports an error, and otherwise both hold the same sections, options and values.
/// </summary>
public class Fail2banSyntaxDifferentialTests
{
    private const int Files = 400;

    private static readonly string[] Headers = { "[sshd]", "[DEFAULT]", "[web]", "[sshd] ; note", "[web] # note", "[a]b]", "[]", "[ sshd ]", "[Sshd]" };

    private static readonly string[] Options =
    {
        "maxretry = 3", "MaxRetry = 5", "port: ssh", "port:ssh,2222", "bantime=1h", "bantime = 1h ; one hour", "findtime = 10m # ten",
        "ignoreip =", "ignoreip = 127.0.0.1/8 ::1", "logpath = /var/log/a;b", "key:b = c", "url = http://x/y=1", "= value",
        "just words", "enabled = true", "enabled = false", "action = %(action_mwl)s", "x = 1;2", "x = 1 ;2",
    };

    private static readonly string[] Comments = { "# comment", "; comment", "   # indented", "\t; tabbed", "#", ";" };
    private static readonly string[] Indents = { "", "", "", " ", "  ", "\t", "    " };

    public static string Generate(Random random)
    {
        var sb = new StringBuilder();
        var lines = random.Next(3, 14);
        var started = random.Next(8) != 0;
        if (started) sb.Append(Headers[random.Next(Headers.Length)]).Append('\n');
        for (var i = 0; i < lines; i++)
        {
            var kind = random.Next(10);
            var line = kind switch
            {
                0 => Headers[random.Next(Headers.Length)],
                1 => Comments[random.Next(Comments.Length)],
                2 => random.Next(2) == 0 ? "" : "  ",
                _ => Options[random.Next(Options.Length)],
            };
            sb.Append(Indents[random.Next(Indents.Length)]).Append(line);
            sb.Append(random.Next(12) switch { 0 => "\r\n", 1 => "\r", _ => "\n" });
        }
        return sb.ToString();
    }

    [Fact]
    public void Generated_files_read_as_fail2ban_reads_them()
    {
        using var temp = new TempDir();
        var random = new Random(6);
        var texts = new List<(string Text, bool Bom)>();
        for (var i = 0; i < Files; i++) texts.Add((Generate(random), random.Next(25) == 0));
        var paths = texts.Select((t, i) =>
        {
            var path = Path.Combine(temp.Root, $"f{i}.conf");
            var bytes = Encoding.UTF8.GetBytes(t.Text);
            File.WriteAllBytes(path, t.Bom ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray() : bytes);
            return path;
        }).ToList();
        var theirs = Fail2banOracle.ReadFiles(paths);

        var disagreements = new List<string>();
        var refused = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var document = Fail2banParser.Read(new SourceFile($"f{i}.conf", paths[i], SourceText.From(texts[i].Text)), texts[i].Bom);
            var expected = theirs[i];
            if (!expected.Ok) refused++;
            var show = texts[i].Text.Replace("\r", "\\r").Replace("\n", "\\n\n");
            if (expected.Ok != (document.Errors.Count == 0))
            {
                disagreements.Add($"file {i}: fail2ban {(expected.Ok ? "reads it" : "refuses it: " + expected.Error)}; stacklint {(document.Errors.Count == 0 ? "reads it" : "reports " + string.Join("; ", document.Errors.Select(e => e.Message)))}\n{show}");
                continue;
            }
            if (!expected.Ok) continue;
            var ours = Sections(document);
            var theirSections = expected.Sections.Select(s => $"[{s.Name}] " + string.Join(" | ", s.Options.Select(o => $"{o.Key}={o.Value}"))).ToList();
            var theirDefaults = string.Join(" | ", expected.Defaults.Select(o => $"{o.Key}={o.Value}"));
            if (!ours.Sections.SequenceEqual(theirSections) || ours.Defaults != theirDefaults)
                disagreements.Add($"file {i}:\n  fail2ban: {string.Join(" / ", theirSections)} DEFAULT {theirDefaults}\n  stacklint: {string.Join(" / ", ours.Sections)} DEFAULT {ours.Defaults}\n{show}");
        }
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {Files} files disagree:\n" + string.Join("\n", disagreements.Take(8)));
        Assert.InRange(refused, Files / 5, Files * 4 / 5);
    }

    /// <summary>The document as configparser holds one file: sections in order (blocks of the same name together),
    /// options with their last value, [DEFAULT]'s apart.</summary>
    private static (List<string> Sections, string Defaults) Sections(Fail2banDocument document)
    {
        var sections = new List<(string Name, List<(string Key, string Value)> Options)>();
        var defaults = new List<(string Key, string Value)>();
        void Set(List<(string Key, string Value)> options, Fail2banOption option)
        {
            var at = options.FindIndex(o => o.Key == option.Name);
            if (at >= 0) options[at] = (option.Name, option.Value);
            else options.Add((option.Name, option.Value));
        }
        foreach (var section in document.Sections)
        {
            if (section.IsDefault)
            {
                foreach (var option in section.Options) Set(defaults, option);
                continue;
            }
            var entry = sections.FirstOrDefault(s => s.Name == section.Name);
            if (entry.Options is null)
            {
                entry = (section.Name, new List<(string, string)>());
                sections.Add(entry);
            }
            foreach (var option in section.Options) Set(entry.Options, option);
        }
        return (sections.Select(s => $"[{s.Name}] " + string.Join(" | ", s.Options.Select(o => $"{o.Key}={o.Value}"))).ToList(),
            string.Join(" | ", defaults.Select(o => $"{o.Key}={o.Value}")));
    }
}
