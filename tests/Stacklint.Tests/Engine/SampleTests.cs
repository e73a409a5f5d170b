using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Engine;

/// <summary>Each <c>samples/&lt;stack&gt;/&lt;variant&gt;/</c> produces exactly the findings its
/// <c>expected-findings.txt</c> lists (default rules, as <c>stacklint scan</c> runs them: findings silenced by a
/// <c># stacklint-disable</c> comment with its reason do not count, in the list or for the hardened variants).</summary>
public class SampleTests
{
    public static IEnumerable<object[]> Variants() =>
        Directory.GetFiles(Repo.Path("samples"), "expected-findings.txt", SearchOption.AllDirectories)
            .Select(f => new object[] { Path.GetRelativePath(Repo.Path("samples"), Path.GetDirectoryName(f)!).Replace('\\', '/') })
            .OrderBy(v => (string)v[0]);

    [Theory]
    [MemberData(nameof(Variants))]
    public void Sample_produces_its_expected_findings(string variant)
    {
        var root = Repo.Path("samples", variant);
        var result = Scanner.Scan(new[] { root }, new ScanOptions { BaseDirectory = root });
        Assert.Empty(result.InternalErrors);
        var actual = result.Active.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return $"{span.Path}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1} {d.Severity.ToRuleSeverity().ToText()} {d.Id}";
        }).ToList();
        var expected = File.ReadAllLines(Path.Combine(root, "expected-findings.txt"))
            .Where(l => l.Trim().Length > 0 && !l.StartsWith("#")).ToList();
        Assert.Equal(expected, actual);
        if (variant.EndsWith("hardened"))
            Assert.DoesNotContain(result.Active, d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
    }

    [Fact]
    public void There_are_insecure_and_hardened_samples() =>
        Assert.Contains(Variants(), v => ((string)v[0]).EndsWith("insecure"));
}
