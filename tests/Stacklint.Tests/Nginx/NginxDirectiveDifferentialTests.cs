using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Formats.Nginx;
using Stacklint.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Stacklint.Tests.Nginx;

/// <summary>
/// NGX028 against the real nginx: the corpus trees, deployed as nginx runs them (see <see cref="NginxMutationTests"/>),
/// get one directive-level mistake at a time in every file nginx reads — an unknown name, a directive in the wrong
/// context, one argument too many, a block after a simple directive, a flag that is neither on nor off. The scan
/// targets nginx 1.22.1 (a .stacklint.yml says so), the version installed here. For each mutant:
/// <list type="bullet">
/// <item>nginx accepts it ⇒ stacklint reports neither NGX028 nor LNT001;</item>
/// <item>nginx rejects it at FILE:LINE ⇒ stacklint's first NGX028/LNT001 in FILE is on LINE, carries nginx's own
/// message, and there is none in other files;</item>
/// <item>nginx fails for a reason that is not about a line ⇒ no NGX028.</item>
/// </list>
/// </summary>
public class NginxDirectiveDifferentialTests
{
    private readonly ITestOutputHelper _output;

    public NginxDirectiveDifferentialTests(ITestOutputHelper output) => _output = output;

    [Theory]
    // folder, at least this many mutants nginx rejects (so the comparison cannot be vacuous)
    [InlineData("h5bp-server-configs-nginx", 60)]
    [InlineData("debian-bookworm", 30)]
    public void Stacklint_reports_NGX028_exactly_where_nginx_t_rejects_a_directive(string folder, int minimumRejected)
    {
        using var tree = new TempDir();
        NginxMutationTests.Setup(folder, tree);
        tree.Write(".stacklint.yml", "targets:\n  nginx: \"1.22.1\"\n");
        using var prefix = new TempDir();
        NginxOracle.Deploy(tree.Root, prefix.Root);
        Assert.True(NginxOracle.Test(prefix.Root).Accepted);
        Assert.Empty(Findings(tree.Root));

        var files = NginxOracle.FilesRead(prefix.Root);
        var counts = new Dictionary<string, int> { ["accepted"] = 0, ["rejected"] = 0, ["other"] = 0 };
        var byKind = new Dictionary<string, int>();
        var disagreements = new List<string>();
        foreach (var file in files)
        {
            var original = File.ReadAllText(Path.Combine(tree.Root, file));
            foreach (var (kind, mutant) in Mutants(original))
            {
                File.WriteAllText(Path.Combine(tree.Root, file), mutant);
                NginxOracle.Redeploy(prefix.Root, file, mutant);
                var nginx = NginxOracle.Test(prefix.Root);
                var found = Findings(tree.Root);
                string? problem = null;
                if (nginx.Accepted)
                {
                    counts["accepted"]++;
                    if (found.Count > 0) problem = $"nginx accepts it, stacklint reports {Describe(found)}";
                }
                else if (nginx.FirstError is not { } error || HostDependent(error))
                {
                    counts["other"]++;
                    if (nginx.FirstError is null && found.Any(f => f.Id == "NGX028")) problem = $"nginx failed without naming a line, stacklint reports {Describe(found)}";
                }
                else
                {
                    counts["rejected"]++;
                    byKind[kind] = byKind.GetValueOrDefault(kind) + 1;
                    var first = found.Where(f => f.File == error.File).OrderBy(f => f.Line).FirstOrDefault();
                    if (error.File != file) problem = $"nginx reports another file: {error}";
                    else if (first is null || first.Line != error.Line || found.Any(f => f.File != file))
                        problem = $"nginx: {error}; stacklint: {Describe(found)}";
                    else if (first.Id == "NGX028" && !first.Message.Contains(error.Message, StringComparison.Ordinal))
                        problem = $"nginx says `{error.Message}`, stacklint says `{first.Message}`";
                }
                if (problem is not null) disagreements.Add($"{file} [{kind}]: {problem}");
            }
            File.WriteAllText(Path.Combine(tree.Root, file), original);
            NginxOracle.Redeploy(prefix.Root, file, original);
        }
        _output.WriteLine($"{folder}: {files.Count} files; mutants: {counts["accepted"]} accepted, {counts["rejected"]} rejected ({string.Join(", ", byKind.Select(k => $"{k.Key} {k.Value}"))}), {counts["other"]} other; {disagreements.Count} disagreements");
        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        Assert.True(counts["rejected"] >= minimumRejected, $"only {counts["rejected"]} rejected mutants");
    }

    /// <summary>NGX028's "is duplicate" check holds for every directive it applies it to: written twice in one block,
    /// nginx 1.22.1 refuses the second line with exactly that message.</summary>
    [Fact]
    public void Every_directive_NGX028_calls_single_valued_is_refused_twice_by_nginx()
    {
        var build = NginxOracle.Build();
        var entries = NginxDirectiveTable.All
            .Where(e => build.Has(e.Module) && e.ExistsIn(build.Version) && !e.OpensBlock)
            .Where(e => (e.Args == NginxArgs.Flag) || Stacklint.Rules.Nginx.NGX028InvalidDirective.SingleValued.Contains(e.Name))
            .GroupBy(e => e.Name).Select(g => g.First()).ToList();
        var checkedNames = new List<string>();
        var wrong = new List<string>();
        foreach (var entry in entries)
        {
            var context = NginxProbes.Contexts.FirstOrDefault(c => c is NginxContextFlags.Location or NginxContextFlags.Server or NginxContextFlags.Http or NginxContextFlags.Main or NginxContextFlags.StreamServer or NginxContextFlags.Events && entry.AllowedIn(c));
            if (context == NginxContextFlags.None) continue;
            var probe = NginxProbes.Valid(entry, context);
            var (config, lines) = NginxProbes.Build(new[] { probe });
            var line = lines.Keys.Single();
            var text = config.Split('\n').ToList();
            text.Insert(line, probe.Line);
            var outcome = NginxOracle.Probe(string.Join("\n", text));
            checkedNames.Add(entry.Name);
            var expected = $"\"{entry.Name}\" directive is duplicate";
            if (outcome.Error is not { } error || error.Message != expected || error.Line != line + 1)
                wrong.Add($"{entry.Name} in {context}: nginx says {(outcome.Error is { } e ? $"{e.Message} at {e.Line}" : "nothing")}");
        }
        _output.WriteLine($"{checkedNames.Count} single-valued directives written twice; {wrong.Count} not refused as duplicates");
        Assert.True(checkedNames.Count >= 100, $"only {checkedNames.Count} directives checked");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>Failures that depend on the machine, not the text: a user or group that does not exist here.</summary>
    private static bool HostDependent(NginxOracle.Error error) => error.Message.StartsWith("getgrnam", StringComparison.Ordinal) || error.Message.StartsWith("getpwnam", StringComparison.Ordinal);

    private sealed record Finding(string Id, string File, int Line, string Message);

    private static List<Finding> Findings(string root) => Scan.Run(root).Diagnostics
        .Where(d => d.Id is "NGX028" or "LNT001")
        .Select(d => new Finding(d.Id, d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.GetMessage()))
        .ToList();

    private static string Describe(IEnumerable<Finding> findings)
    {
        var list = findings.ToList();
        return list.Count == 0 ? "nothing" : string.Join("; ", list.Select(f => $"{f.File}:{f.Line} {f.Id} {f.Message}"));
    }

    private static readonly Regex Simple = new(@"^(?<indent>\s*)(?<name>[a-z_0-9]+)(?<args>(\s+[^\s;{}#""']+)*)\s*;\s*(#.*)?$", RegexOptions.CultureInvariant);

    /// <summary>The edits, each applied alone: (kind, mutated text).</summary>
    private static IEnumerable<(string Kind, string Text)> Mutants(string text)
    {
        var lines = text.Split('\n');
        string With(int index, string line) => string.Join("\n", lines.Select((l, n) => n == index ? line : l));
        string Insert(int after, string line) => string.Join("\n", lines.Take(after + 1).Append(line).Concat(lines.Skip(after + 1)));
        var simple = Enumerable.Range(0, lines.Length).Where(i => Simple.IsMatch(lines[i])).ToList();

        foreach (var i in NginxMutationTests.Spread(simple))
        {
            var m = Simple.Match(lines[i]);
            yield return ("unknown name", With(i, m.Groups["indent"].Value + m.Groups["name"].Value + "x" + m.Groups["args"].Value + ";"));
            yield return ("extra argument", With(i, m.Groups["indent"].Value + m.Groups["name"].Value + m.Groups["args"].Value + " extra_argument;"));
            yield return ("block after a simple directive", With(i, m.Groups["indent"].Value + m.Groups["name"].Value + m.Groups["args"].Value + " { }"));
        }
        foreach (var i in NginxMutationTests.Spread(simple.Where(i => Regex.IsMatch(lines[i], @"\s(on|off);")).ToList()))
            yield return ("flag neither on nor off", With(i, Regex.Replace(lines[i], @"\s(on|off);", " yes;")));
        foreach (var i in NginxMutationTests.Spread(Enumerable.Range(0, lines.Length).Where(i => Regex.IsMatch(lines[i], @"^\s*(server|location[^{]*)\{\s*$")).ToList()))
        {
            yield return ("main-only directive in a block", Insert(i, "worker_processes 2;"));
            yield return ("server-only directive in the wrong place", Insert(i, lines[i].TrimStart().StartsWith("server") ? "location_x_is_not_a_directive on;" : "listen 8081;"));
        }
    }
}
