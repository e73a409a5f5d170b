using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Formats.Fail2ban;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Fail2ban;

/// <summary>The fail2ban data stacklint carries (jail options, stock variables, stock filters) against the installed
/// fail2ban 1.0.2 package (tests/run.sh installs it), so that the lists cannot drift from what fail2ban reads.</summary>
public class Fail2banStockDataTests
{
    private const string Sources = "/usr/lib/python3/dist-packages/fail2ban/client";
    private const string Configuration = "/etc/fail2ban";

    private static readonly Regex OptionsDictionary = new(@"^\t_configOpts(?:1st)?\s*=\s*\{(?<body>.*?)\n\t\}", RegexOptions.Singleline | RegexOptions.Multiline);
    private static readonly Regex OptionEntry = new(@"""(?<name>[^""]+)""\s*:\s*\[\s*""(?<type>\w+)""");

    [Fact]
    public void Reader_options_are_the_options_jailreader_and_filterreader_read_with_their_types()
    {
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in new[] { "jailreader.py", "filterreader.py" })
        {
            var text = ReadInstalled(Path.Combine(Sources, file));
            var blocks = OptionsDictionary.Matches(text);
            Assert.True(blocks.Count > 0, $"no _configOpts in {file}");
            foreach (Match block in blocks)
                foreach (Match entry in OptionEntry.Matches(block.Groups["body"].Value))
                    declared[entry.Groups["name"].Value] = entry.Groups["type"].Value;
        }
        Assert.Equal(declared.Keys.OrderBy(k => k, StringComparer.Ordinal), Fail2banJailOptions.ReaderOptions.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (name, type) in declared)
        {
            var kind = Fail2banJailOptions.ReaderOptions[name];
            switch (type)
            {
                case "bool": Assert.Equal(Fail2banValueKind.Boolean, kind); break;
                case "int": Assert.Equal(Fail2banValueKind.Integer, kind); break;
                // Strings to the reader; the server converts the times and the multipliers.
                case "string": Assert.Contains(kind, new[] { Fail2banValueKind.Text, Fail2banValueKind.Time, Fail2banValueKind.IntegerList }); break;
                default: throw new InvalidOperationException($"{name}: unknown reader type {type}");
            }
        }
        var times = Fail2banJailOptions.ReaderOptions.Where(o => o.Value == Fail2banValueKind.Time).Select(o => o.Key).OrderBy(k => k, StringComparer.Ordinal);
        Assert.Equal(new[] { "bantime", "bantime.maxtime", "bantime.rndtime", "findtime" }, times);
    }

    [Fact]
    public void Stock_variables_are_the_names_the_packaged_jail_configuration_defines_or_references()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var files = new[] { Path.Combine(Configuration, "jail.conf") }
            .Concat(Directory.GetFiles(Configuration, "paths-*.conf").OrderBy(f => f, StringComparer.Ordinal));
        foreach (var file in files)
        {
            string? section = null;
            foreach (var line in File.ReadLines(file))
            {
                var trimmed = line.TrimStart();
                if (trimmed.StartsWith("#", StringComparison.Ordinal) || trimmed.StartsWith(";", StringComparison.Ordinal)) continue;
                var header = Regex.Match(line, @"^\[(?<name>[^\]]+)\]");
                if (header.Success) { section = header.Groups["name"].Value; continue; }
                // An option starts in column 0; an indented line continues the previous value.
                var option = Regex.Match(line, @"^(?<name>[^\s=:#;][^=:]*?)\s*[=:]");
                if (option.Success && section != "INCLUDES") names.Add(option.Groups["name"].Value.Trim().ToLowerInvariant());
                foreach (Match reference in Regex.Matches(line, @"%\((?<name>[^)]+)\)s"))
                    names.Add(reference.Groups["name"].Value.Split('/').Last().ToLowerInvariant());
            }
        }
        names.ExceptWith(Fail2banJailOptions.ReaderOptions.Keys);
        names.Remove("__name__");
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), Fail2banJailOptions.StockVariables.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_option_of_the_packaged_jail_files_is_known()
    {
        // F2B006 must never call an option of the package's own jail files unknown.
        var files = new[] { Path.Combine(Configuration, "jail.conf") }
            .Concat(Directory.GetFiles(Path.Combine(Configuration, "jail.d"), "*.conf"))
            .Concat(Directory.GetFiles(Configuration, "paths-*.conf"));
        var unknown = new List<string>();
        foreach (var file in files)
        {
            string? section = null;
            foreach (var line in File.ReadLines(file))
            {
                var header = Regex.Match(line, @"^\[(?<name>[^\]]+)\]");
                if (header.Success) { section = header.Groups["name"].Value; continue; }
                var option = Regex.Match(line, @"^(?<name>[^\s=:#;][^=:]*?)\s*[=:]");
                if (!option.Success) continue;
                var name = option.Groups["name"].Value;
                var known = section == "INCLUDES" ? Fail2banJailOptions.IncludesOptions.Contains(name) : Fail2banJailOptions.IsKnown(name);
                if (!known) unknown.Add($"{Path.GetFileName(file)} [{section}] {name}");
            }
        }
        Assert.Empty(unknown);
    }

    [Fact]
    public void Stock_filters_are_the_filters_the_package_installs()
    {
        var installed = Directory.GetFiles(Path.Combine(Configuration, "filter.d"), "*.conf")
            .Select(f => Path.GetFileNameWithoutExtension(f)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(installed, Fail2banStockFilters.Names.OrderBy(n => n, StringComparer.Ordinal));
        Assert.True(Fail2banStockFilters.Contains("sshd"));
        Assert.False(Fail2banStockFilters.Contains("SSHD"));
        Assert.False(Fail2banStockFilters.Contains("ssh"));
    }

    [Fact]
    public void Option_names_are_matched_as_fail2ban_lower_cases_them()
    {
        Assert.True(Fail2banJailOptions.IsReaderOption("MaxRetry"));
        Assert.True(Fail2banJailOptions.IsStockVariable("BanAction"));
        Assert.False(Fail2banJailOptions.IsKnown("maxretries"));
        Assert.Equal(Fail2banValueKind.Time, Fail2banJailOptions.KindOf("BanTime"));
        Assert.Equal(Fail2banValueKind.Text, Fail2banJailOptions.KindOf("port"));
    }

    private static string ReadInstalled(string path)
    {
        ExternalTool.Require("/usr/bin/fail2ban-client", "Install fail2ban (apt-get install fail2ban; tests/run.sh does): its sources are the reference.");
        return File.ReadAllText(path);
    }
}
