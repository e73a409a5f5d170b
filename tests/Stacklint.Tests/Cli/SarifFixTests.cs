using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Stacklint.Cli.Output;
using Stacklint.Tests.Sshd;
using Stacklint.Tests.Support;
using Xunit;
using Sarif = Microsoft.CodeAnalysis.Sarif;

namespace Stacklint.Tests.CommandLine;

/// <summary>SARIF <c>fixes</c>: applied the way a viewer applies them (line/column regions under %SRCROOT%), each one
/// must make its finding go away without adding another, and leave a configuration sshd (or nginx) still accepts.</summary>
public class SarifFixTests
{
    public static IEnumerable<object[]> Trees()
    {
        yield return new object[] { "samples/vps-ssh/insecure" };
        yield return new object[] { "samples/nginx-front-door/insecure" };
        foreach (var fixture in Fixtures.All().Where(f => ((string)f[0]).StartsWith("SSH", StringComparison.Ordinal) || ((string)f[0]).StartsWith("NGX", StringComparison.Ordinal))
                     .Where(f => ((string)f[1]).StartsWith("fail", StringComparison.Ordinal)))
            yield return new object[] { $"fixture:{fixture[0]}/{fixture[1]}" };
    }

    [Theory]
    [MemberData(nameof(Trees))]
    public void Every_fix_resolves_its_finding_and_keeps_the_configuration_valid(string source)
    {
        using var original = Materialize(source);
        var before = Scan.Run(original.Root, allRules: false);
        var log = new SarifReporter(original.Root).Build(new Report(before));
        var fixedResults = log.Runs[0].Results.Where(r => r.Fixes is { Count: > 0 }).ToList();

        foreach (var result in fixedResults)
        {
            using var tree = Copy(original.Root);
            foreach (var change in result.Fixes[0].ArtifactChanges)
            {
                var path = Path.Combine(tree.Root, change.ArtifactLocation.Uri.OriginalString);
                File.WriteAllText(path, Apply(File.ReadAllText(path), change.Replacements));
            }
            var after = Scan.Run(tree.Root, allRules: false);
            var what = $"{result.RuleId} at {result.Locations[0].PhysicalLocation.ArtifactLocation.Uri}:{result.Locations[0].PhysicalLocation.Region.StartLine} ({result.Fixes[0].Description.Text})";
            Assert.True(Count(after, result.RuleId) < Count(before, result.RuleId), $"the fix for {what} did not remove the finding");
            foreach (var rule in after.Active.Select(d => d.Id).Distinct())
                Assert.True(Count(after, rule) <= Count(before, rule), $"the fix for {what} added a {rule} finding");
            if (SshdAccepts(original.Root)) Assert.True(SshdAccepts(tree.Root), $"sshd -t refuses the file after the fix for {what}");
            if (NginxAccepts(original.Root)) Assert.True(NginxAccepts(tree.Root), $"nginx -t refuses the configuration after the fix for {what}");
        }
        if (source == "samples/vps-ssh/insecure") Assert.True(fixedResults.Count >= 10, $"only {fixedResults.Count} fixes on the insecure sshd sample");
        if (source == "samples/nginx-front-door/insecure") Assert.True(fixedResults.Count >= 3, $"only {fixedResults.Count} fixes on the insecure nginx sample");
    }

    [Fact]
    public void A_fix_for_an_absent_setting_inserts_it_above_the_include_that_would_win()
    {
        using var tree = new TempDir();
        tree.Write("etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n");
        tree.Write("etc/ssh/sshd_config.d/10-x.conf", "PermitRootLogin no\n");
        var log = new SarifReporter(tree.Root).Build(new Report(Scan.Run(tree.Root, allRules: false)));
        var grace = log.Runs[0].Results.Single(r => r.RuleId == "SSH015");
        var replacement = grace.Fixes.Single().ArtifactChanges.Single().Replacements.Single();
        Assert.Equal((1, 1, 1, 1), (replacement.DeletedRegion.StartLine, replacement.DeletedRegion.StartColumn, replacement.DeletedRegion.EndLine, replacement.DeletedRegion.EndColumn));
        Assert.Equal("LoginGraceTime 60\n", replacement.InsertedContent.Text);
    }

    private static int Count(Stacklint.Engine.ScanResult result, string rule) => result.Active.Count(d => d.Id == rule);

    /// <summary>Replacements in the order a viewer applies them: from the end of the file backwards.</summary>
    private static string Apply(string text, IEnumerable<Sarif.Replacement> replacements)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++) if (text[i] == '\n') lineStarts.Add(i + 1);
        int Offset(int line, int column) => (line - 1 < lineStarts.Count ? lineStarts[line - 1] : text.Length) + column - 1;
        var builder = new StringBuilder(text);
        foreach (var r in replacements.OrderByDescending(r => Offset(r.DeletedRegion.StartLine, r.DeletedRegion.StartColumn)))
        {
            var start = Offset(r.DeletedRegion.StartLine, r.DeletedRegion.StartColumn);
            var end = Math.Min(text.Length, Offset(r.DeletedRegion.EndLine, r.DeletedRegion.EndColumn));
            builder.Remove(start, end - start).Insert(start, r.InsertedContent?.Text ?? "");
        }
        return builder.ToString();
    }

    private static bool SshdAccepts(string root)
    {
        var tree = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => MainAt(Path.GetRelativePath(root, f).Replace('\\', '/')), File.ReadAllText);
        if (!tree.ContainsKey("etc/ssh/sshd_config")) return false;
        using var temp = new TempDir();
        return SshdOracle.Test(SshdOracle.WriteForSshd(temp, tree)).ExitCode == 0;
    }

    /// <summary>nginx -t accepts the tree's nginx.conf (none: false), deployed as the nginx oracle does it.</summary>
    private static bool NginxAccepts(string root)
    {
        var main = Directory.GetFiles(root, "nginx.conf", SearchOption.AllDirectories).FirstOrDefault();
        if (main is null) return false;
        using var prefix = new TempDir();
        Stacklint.Tests.Nginx.NginxOracle.Deploy(Path.GetDirectoryName(main)!, prefix.Root);
        return Stacklint.Tests.Nginx.NginxOracle.Test(prefix.Root).Accepted;
    }

    private static string MainAt(string relative) =>
        relative.StartsWith("etc/ssh/", StringComparison.Ordinal) ? relative
        : relative.StartsWith("sshd_config", StringComparison.Ordinal) ? "etc/ssh/" + relative : relative;

    private static TempDir Materialize(string source)
    {
        var tree = new TempDir();
        if (source.StartsWith("fixture:", StringComparison.Ordinal))
        {
            var parts = source.Substring("fixture:".Length).Split('/');
            Fixtures.Materialize(parts[0], parts[1], tree);
        }
        else
            foreach (var file in Directory.GetFiles(Repo.Path(source.Split('/')), "*", SearchOption.AllDirectories))
                if (Path.GetFileName(file) != "expected-findings.txt")
                    tree.Write(Path.GetRelativePath(Repo.Path(source.Split('/')), file), File.ReadAllText(file));
        return tree;
    }

    private static TempDir Copy(string root)
    {
        var copy = new TempDir();
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
            copy.Write(Path.GetRelativePath(root, file), File.ReadAllText(file));
        return copy;
    }
}
