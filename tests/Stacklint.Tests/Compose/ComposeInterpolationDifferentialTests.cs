using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Stacklint.Formats.Compose;
using Stacklint.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Stacklint.Tests.Compose;

/// <summary>
/// Interpolation against a real Compose: generated values through stacklint and through <c>docker-compose config</c>.
/// Docker Compose v2 (the Go plugin) cannot be installed here (Debian 12 has no package for it, and its releases are
/// downloads); Debian's <c>docker-compose</c> is Compose v1.29 (Python). The two agree on the operators compared here —
/// <c>$VAR</c>, <c>${VAR}</c>, <c>:-</c>, <c>-</c>, <c>:?</c>, <c>?</c> on set, empty and unset variables, and <c>$$</c> — so
/// the generator stays inside that common ground (v1 has no <c>:+</c>/<c>+</c>, no nesting, and refuses a <c>$</c> that v2
/// keeps as written); those are covered by <see cref="ComposeInterpolationTests"/> from compose-go v2's source.
/// </summary>
public class ComposeInterpolationDifferentialTests
{
    private const int Cases = 400;
    private static readonly string[] Names = { "SL_SET", "SL_EMPTY", "SL_UNSET", "sl_lower", "SL_SPACE" };
    private const string DotEnv = "SL_SET=value\nSL_EMPTY=\nsl_lower=small\nSL_SPACE=a b\n";

    private static string DockerCompose() => ExternalTool.Require("docker-compose", "Install Debian's docker-compose (tests/run.sh does).");

    /// <summary>A value of literal text, escapes and substitutions, reproducible from the seed.</summary>
    private static string Generate(Random random, bool allowRequired)
    {
        var text = new StringBuilder();
        var pieces = random.Next(1, 5);
        for (var i = 0; i < pieces; i++)
        {
            var name = Names[random.Next(Names.Length)];
            var literal = new[] { "", "x", "a-b", "/p", ":", " ", "1.2", "http://h:8080/x", "-", "?" }[random.Next(10)];
            text.Append(random.Next(allowRequired ? 9 : 7) switch
            {
                0 => literal,
                1 => "$$" + (random.Next(2) == 0 ? name : "{" + name + "}"),
                2 => "${" + name + "}",
                3 => "$" + name + (random.Next(2) == 0 ? "/" : " "),
                4 => "${" + name + ":-" + literal + "}",
                5 => "${" + name + "-" + literal + "}",
                6 => "${" + name + (random.Next(2) == 0 ? ":-" : "-") + "}",
                7 => "${" + name + ":?" + "set it" + "}",
                _ => "${" + name + "?" + "set it" + "}",
            });
        }
        return text.ToString();
    }

    private static ExternalTool.Outcome Config(TempDir temp, IEnumerable<(string Key, string Template)> values)
    {
        var compose = new StringBuilder("version: '3.9'\nservices:\n  s:\n    image: x\n    environment:\n");
        foreach (var (key, template) in values) compose.Append($"      {key}: '{template.Replace("'", "''")}'\n");
        temp.Write("compose.yaml", compose.ToString());
        temp.Write(".env", DotEnv);
        // The process environment must not leak in: Compose reads it, stacklint never does.
        var environment = Names.ToDictionary(n => n, n => (string?)null);
        return ExternalTool.Run(DockerCompose(), new[] { "-f", "compose.yaml", "config" }, temp.Root, environment, TimeSpan.FromMinutes(2));
    }

    private static ComposeVariables Variables()
    {
        var variables = new ComposeVariables();
        foreach (var line in DotEnv.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            variables.Set(line.Substring(0, line.IndexOf('=')), line.Substring(line.IndexOf('=') + 1));
        return variables;
    }

    [Fact]
    public void Generated_values_interpolate_like_docker_compose()
    {
        var random = new Random(20261123);
        var variables = Variables();
        var cases = Enumerable.Range(0, Cases).Select(i => ($"K{i}", Generate(random, allowRequired: true))).ToList();
        var ours = cases.ToDictionary(c => c.Item1, c => ComposeInterpolator.Interpolate(c.Item2, variables));
        // Compose refuses a whole file for one missing required variable: those are compared one by one below.
        var passing = cases.Where(c => ours[c.Item1]?.AllSubstitutions.All(s => s.Source != ComposeSubstitutionSource.MissingRequired) ?? true).ToList();
        Assert.True(passing.Count > Cases / 2, $"only {passing.Count} cases without a missing required variable");

        using var temp = new TempDir();
        var outcome = Config(temp, passing);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var stream = new YamlStream();
        stream.Load(new StringReader(outcome.Stdout));
        var environment = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["services"])["s"])["environment"];
        var theirs = environment.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "");

        var disagreements = new List<string>();
        foreach (var (key, template) in passing)
        {
            var expected = (theirs.TryGetValue(key, out var value) ? value : "<missing>").Replace("$$", "$");
            var actual = ours[key]?.Value ?? template;
            if (expected != actual) disagreements.Add($"{template}: docker-compose `{expected}`, stacklint `{actual}`");
        }
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    [Fact]
    public void A_missing_required_variable_is_what_docker_compose_refuses()
    {
        var random = new Random(7);
        var variables = Variables();
        var compared = 0;
        for (var i = 0; i < 300 && compared < 12; i++)
        {
            var template = Generate(random, allowRequired: true);
            var ours = ComposeInterpolator.Interpolate(template, variables);
            var missing = ours?.AllSubstitutions.Any(s => s.Source == ComposeSubstitutionSource.MissingRequired) ?? false;
            // Half refused, half accepted cases that use a required operator.
            if (!template.Contains('?') || (!missing && compared % 2 == 1)) continue;
            using var temp = new TempDir();
            var outcome = Config(temp, new[] { ("K", template) });
            Assert.True((outcome.ExitCode != 0) == missing, $"{template}: stacklint says {(missing ? "missing" : "fine")}\n{outcome}");
            if (missing) Assert.Contains("Missing mandatory value", outcome.Output);
            compared++;
        }
        Assert.Equal(12, compared);
    }
}
