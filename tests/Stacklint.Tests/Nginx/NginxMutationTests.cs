using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Stacklint.Tests.Nginx;

/// <summary>
/// Differential test of the syntax against the real nginx: the corpus trees, deployed the way nginx runs them, are
/// broken one edit at a time (a <c>;</c> deleted, a <c>}</c> deleted, a stray <c>}</c> added, a quote opened) in
/// every file nginx reads. For each mutant:
/// <list type="bullet">
/// <item>nginx accepts it ⇒ stacklint reports no LNT001;</item>
/// <item>nginx rejects it with a syntax error ⇒ stacklint reports LNT001 in that file, the first on nginx's line;</item>
/// <item>nginx rejects it for a directive (unknown, wrong context, "not terminated by ;": NGX028's business, not a
/// syntax error) ⇒ stacklint, which reads the same text, reports no LNT001 before that line, and none elsewhere;</item>
/// <item>nginx reads it all and fails for another reason (a types hash too small) ⇒ no LNT001.</item>
/// </list>
/// </summary>
public class NginxMutationTests
{
    /// <summary>At most this many mutants per kind and file (spread over the file), to keep the run short.</summary>
    internal const int PerKindAndFile = 3;

    private readonly ITestOutputHelper _output;

    public NginxMutationTests(ITestOutputHelper output) => _output = output;

    /// <summary>The corpus tree as a host would run it: Debian enables its default site through sites-enabled/, plus a
    /// site using the snippets and parameter files it ships; h5bp's test virtual hosts and templates are copied into
    /// conf.d/ in place of the catch-all (both claim default_server).</summary>
    internal static void Setup(string folder, TempDir tree)
    {
        NginxCorpusTests.CopyCorpus(folder, tree);
        if (folder == "debian-bookworm")
        {
            tree.Write("sites-enabled/default", File.ReadAllText(Path.Combine(tree.Root, "sites-available/default")));
            tree.Write("sites-enabled/app", string.Join("\n",
                "server {",
                "\tlisten 443 ssl;",
                "\tserver_name app.example;",
                "\tinclude snippets/snakeoil.conf;",
                "\troot /var/www/app;",
                "\tlocation ~ \\.php$ {",
                "\t\tinclude snippets/fastcgi-php.conf;",
                "\t\tfastcgi_pass unix:/run/php/php8.2-fpm.sock;",
                "\t}",
                "\tlocation /api/ {",
                "\t\tinclude proxy_params;",
                "\t\tproxy_pass http://127.0.0.1:8080;",
                "\t}",
                "\tlocation /scgi/ {",
                "\t\tinclude scgi_params;",
                "\t\tscgi_pass 127.0.0.1:4000;",
                "\t}",
                "\tlocation /uwsgi/ {",
                "\t\tinclude uwsgi_params;",
                "\t\tuwsgi_pass 127.0.0.1:4001;",
                "\t}",
                "}",
                ""));
        }
        else
        {
            File.Delete(Path.Combine(tree.Root, "conf.d/no-ssl.default.conf"));
            foreach (var file in Directory.GetFiles(Path.Combine(tree.Root, "test/vhosts")).Concat(Directory.GetFiles(Path.Combine(tree.Root, "conf.d/templates"))))
                tree.Write("conf.d/" + Path.GetFileName(file), File.ReadAllText(file));
        }
    }

    [Theory]
    // folder, at least this many mutants nginx rejects with a syntax error (so the comparison cannot be vacuous)
    [InlineData("h5bp-server-configs-nginx", 60)]
    [InlineData("debian-bookworm", 30)]
    public void Stacklint_reports_LNT001_exactly_when_nginx_rejects_the_syntax_and_on_the_same_line(string folder, int minimumSyntaxErrors)
    {
        using var tree = new TempDir();
        Setup(folder, tree);
        using var prefix = new TempDir();
        NginxOracle.Deploy(tree.Root, prefix.Root);
        var baseline = NginxOracle.Test(prefix.Root);
        Assert.True(baseline.Accepted, baseline.Output);
        Assert.Empty(Scan.Run(tree.Root).Diagnostics.Where(d => d.Id.StartsWith("LNT")).Brief());

        var files = NginxOracle.FilesRead(prefix.Root);
        Assert.True(files.Count >= 3, string.Join(", ", files));
        var counts = new Dictionary<string, int> { ["accepted"] = 0, ["syntax"] = 0, ["directive"] = 0, ["other"] = 0 };
        var disagreements = new List<string>();
        foreach (var file in files)
        {
            var original = File.ReadAllText(Path.Combine(tree.Root, file));
            foreach (var (kind, mutant) in Mutants(original))
            {
                File.WriteAllText(Path.Combine(tree.Root, file), mutant);
                NginxOracle.Redeploy(prefix.Root, file, mutant);
                var nginx = NginxOracle.Test(prefix.Root);
                var lnt001 = Scan.Run(tree.Root).Diagnostics.Where(d => d.Id == "LNT001")
                    .Select(d => (File: d.Location.GetLineSpan().Path, Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, Message: d.GetMessage()))
                    .ToList();
                var where = $"{file} [{kind}]";
                var elsewhere = lnt001.Where(d => d.File != file).ToList();
                var first = lnt001.Where(d => d.File == file).Select(d => d.Line).DefaultIfEmpty(int.MaxValue).Min();
                string? problem;
                if (nginx.Accepted)
                {
                    counts["accepted"]++;
                    problem = lnt001.Count == 0 ? null : $"nginx accepts it, stacklint reports {Describe(lnt001)}";
                }
                else if (nginx.FirstError is not { } error)
                {
                    // nginx read the whole text and failed later (e.g. "could not build types_hash"): not syntax.
                    counts["other"]++;
                    problem = lnt001.Count == 0 ? null : $"nginx read it all and failed for another reason, stacklint reports {Describe(lnt001)}";
                }
                else if (error.File != file)
                    problem = $"nginx reports another file: {error}";
                else if (NginxOracle.IsSyntaxError(error, mutant))
                {
                    counts["syntax"]++;
                    problem = first == error.Line && elsewhere.Count == 0 ? null : $"nginx: {error}; stacklint: {Describe(lnt001)}";
                }
                else
                {
                    counts["directive"]++;
                    problem = first >= error.Line && elsewhere.Count == 0 ? null : $"nginx (directive): {error}; stacklint: {Describe(lnt001)}";
                }
                if (problem is not null) disagreements.Add($"{where}: {problem}");
            }
            File.WriteAllText(Path.Combine(tree.Root, file), original);
            NginxOracle.Redeploy(prefix.Root, file, original);
        }
        _output.WriteLine($"{folder}: {files.Count} files nginx reads; mutants: {counts["accepted"]} accepted, {counts["syntax"]} syntax errors, {counts["directive"]} directive errors, {counts["other"]} other failures; {disagreements.Count} disagreements");
        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        Assert.True(counts["syntax"] >= minimumSyntaxErrors, $"only {counts["syntax"]} syntax mutants");
    }

    private static string Describe(IEnumerable<(string File, int Line, string Message)> lnt001)
    {
        var list = lnt001.ToList();
        return list.Count == 0 ? "no LNT001" : string.Join("; ", list.Select(d => $"{d.File}:{d.Line} {d.Message}"));
    }

    /// <summary>The edits, each applied alone: (kind, mutated text).</summary>
    private static IEnumerable<(string Kind, string Text)> Mutants(string text)
    {
        var lines = text.Split('\n');
        string Join(IEnumerable<string> edited) => string.Join("\n", edited);
        string Code(string line) => Regex.Replace(line, @"(^|\s)#.*$", "");

        foreach (var i in Spread(Indexes(lines, l => Code(l).Contains(';'))))
        {
            var code = Code(lines[i]);
            var at = code.LastIndexOf(';');
            yield return ("delete ;", Join(lines.Select((l, n) => n == i ? l.Remove(at, 1) : l)));
        }
        foreach (var i in Spread(Indexes(lines, l => Code(l).TrimEnd().EndsWith("}"))))
        {
            var at = Code(lines[i]).LastIndexOf('}');
            yield return ("delete }", Join(lines.Select((l, n) => n == i ? l.Remove(at, 1) : l)));
        }
        yield return ("stray } first", "}\n" + text);
        foreach (var i in Spread(Indexes(lines, l => Code(l).TrimEnd().EndsWith("{"))))
            yield return ("stray } in a block", Join(lines.Take(i + 1).Append("}").Concat(lines.Skip(i + 1))));
        foreach (var i in Spread(Indexes(lines, l => Regex.IsMatch(Code(l), @"^\s*[a-z_]+\s+[^\s""'#{}]"))))
        {
            var second = Regex.Match(lines[i], @"^\s*[a-z_]+\s+").Length;
            yield return ("open a quote", Join(lines.Select((l, n) => n == i ? l.Insert(second, "\"") : l)));
        }
    }

    private static List<int> Indexes(string[] lines, Func<string, bool> where) =>
        Enumerable.Range(0, lines.Length).Where(i => !lines[i].TrimStart().StartsWith("#") && where(lines[i])).ToList();

    /// <summary>At most <see cref="PerKindAndFile"/> of the candidates, spread evenly over them.</summary>
    internal static IEnumerable<int> Spread(List<int> candidates)
    {
        if (candidates.Count <= PerKindAndFile) return candidates;
        return Enumerable.Range(0, PerKindAndFile).Select(k => candidates[k * (candidates.Count - 1) / (PerKindAndFile - 1)]).Distinct();
    }
}
