using System.Collections.Generic;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Engine;

/// <summary>Every rule against its fixtures, through the real discovery, parser, resolver, evaluator and rule.</summary>
public class RuleFixtureTests
{
    public static IEnumerable<object[]> Cases() => Fixtures.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture_produces_exactly_the_expected_findings(string rule, string fixture)
    {
        using var tree = new TempDir();
        Fixtures.Materialize(rule, fixture, tree);
        var expected = Fixtures.Expectations(rule, fixture, id => id == rule || id.StartsWith("LNT"));
        var result = Scan.Run(tree.Root);
        Assert.Empty(result.InternalErrors);
        var actual = result.Diagnostics.Where(d => d.Id == rule || d.Id.StartsWith("LNT")).Brief().OrderBy(s => s, System.StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
        if (fixture.StartsWith("fail")) Assert.Contains(actual, a => a.EndsWith(" " + rule));
        else Assert.StartsWith("pass", fixture);
    }

    [Fact]
    public void Every_rule_has_a_failing_and_a_passing_fixture()
    {
        var fixtures = Fixtures.All().Select(f => ((string)f[0], (string)f[1])).ToList();
        foreach (var rule in Rule.All)
        {
            Assert.True(fixtures.Any(f => f.Item1 == rule.Id && f.Item2.StartsWith("fail")), $"{rule.Id} has no fail-* fixture");
            Assert.True(fixtures.Any(f => f.Item1 == rule.Id && f.Item2.StartsWith("pass")), $"{rule.Id} has no pass-* fixture");
        }
    }
}
