using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.Sshd;
using Stacklint.Stack;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Sshd;

/// <summary>
/// stacklint's effective sshd configuration against the real daemon's: the corpus and generated configurations
/// (Includes, Match blocks, repeated keywords, odd case, quotes, algorithm prefixes), evaluated globally and for
/// several connections; and mutated files, which sshd -t must refuse exactly when stacklint reports SSH021/LNT001.
/// </summary>
public class SshdDifferentialTests
{
    private const int GeneratedSeeds = 150;
    private const int MutationSeeds = 120;

    public static IEnumerable<object[]> CorpusFiles() =>
        Directory.GetFiles(Repo.Shared("corpus", "sshd"), "sshd_config", SearchOption.AllDirectories)
            .Select(f => new object[] { Path.GetRelativePath(Repo.Shared("corpus", "sshd"), f) })
            .OrderBy(f => (string)f[0]);

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_file_parses_cleanly_and_evaluates_like_sshd(string relative)
    {
        var tree = new Dictionary<string, string> { ["etc/ssh/sshd_config"] = File.ReadAllText(Repo.Shared("corpus", "sshd", relative)) };
        using var temp = new TempDir();
        var (config, sink) = Load(temp, tree);
        Assert.Empty(sink.Diagnostics.Where(d => d.Id.StartsWith("LNT", StringComparison.Ordinal)).Select(d => d.ToString()));
        var disagreements = Compare(config, SshdOracle.WriteForSshd(temp, tree), SshdConfigGenerator.Connections, out var compared);
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(compared > 300, $"only {compared} values compared");
    }

    [Fact]
    public void Generated_configurations_evaluate_like_sshd_for_every_connection()
    {
        var disagreements = new List<string>();
        var compared = 0;
        for (var seed = 1; seed <= GeneratedSeeds && disagreements.Count < 20; seed++)
        {
            var tree = SshdConfigGenerator.Generate(seed);
            using var temp = new TempDir();
            var (config, _) = Load(temp, tree);
            var main = SshdOracle.WriteForSshd(temp, tree);
            if (SshdOracle.Test(main).ExitCode != 0) continue; // the mutation test covers refused files
            var problems = Compare(config, main, SshdConfigGenerator.Connections, out var count);
            disagreements.AddRange(problems.Select(p => $"seed {seed}: {p}"));
            compared += count;
        }
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(20)));
        Assert.True(compared > GeneratedSeeds * 5 * 50, $"only {compared} values compared");
    }

    [Fact]
    public void Sshd_refuses_exactly_the_files_stacklint_reports_SSH021_or_LNT001_for()
    {
        var disagreements = new List<string>();
        var refused = 0;
        for (var seed = 1; seed <= MutationSeeds; seed++)
        {
            var tree = SshdConfigGenerator.Generate(1000 + seed);
            var mutation = Mutate(tree, seed);
            using var temp = new TempDir();
            var sshdRefuses = SshdOracle.Test(SshdOracle.WriteForSshd(temp, tree)).ExitCode != 0;
            var root = Path.Combine(temp.Root, "repo");
            foreach (var (path, content) in tree) temp.Write(Path.Combine("repo", path), content);
            var result = Scan.Run(root);
            var stacklintRefuses = result.Diagnostics.Any(d => d.Id is "SSH021" or "LNT001");
            if (sshdRefuses) refused++;
            if (sshdRefuses != stacklintRefuses)
                disagreements.Add($"seed {seed} ({mutation}): sshd {(sshdRefuses ? "refuses" : "accepts")}, stacklint {(stacklintRefuses ? "reports " + string.Join(", ", result.Diagnostics.Where(d => d.Id is "SSH021" or "LNT001").Select(d => d.GetMessage())) : "reports nothing")}\n{tree["etc/ssh/sshd_config"]}");
        }
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(10)));
        Assert.InRange(refused, MutationSeeds / 3, MutationSeeds - MutationSeeds / 10);
    }

    /// <summary>One change of the kind people make by mistake, or none (every fifth seed).</summary>
    private static string Mutate(Dictionary<string, string> tree, int seed)
    {
        var random = new Random(seed);
        const string main = "etc/ssh/sshd_config";
        var lines = tree[main].Split('\n').ToList();
        var at = random.Next(lines.Count);
        string mutation;
        switch (seed % 5)
        {
            case 0:
                return "unchanged";
            case 1:
                mutation = random.Next(3) switch { 0 => "PasswdAuthentication no", 1 => "PermitRootLogins no", _ => "UseBlacklist yes" };
                break;
            case 2:
                mutation = random.Next(6) switch
                {
                    0 => "PasswordAuthentication maybe", 1 => "MaxAuthTries three", 2 => "LoginGraceTime 2x",
                    3 => "Ciphers +aes128-cbc,blowfish-cbc", 4 => "Port 70000", _ => "PermitTunnel Yes",
                };
                break;
            case 3:
                // A global-only keyword after a Match line that does not match at start-up.
                mutation = "Match User nobody\n" + (random.Next(3) switch { 0 => "Port 2222", 1 => "Ciphers aes256-ctr", _ => "UseDNS no" });
                at = lines.Count;
                break;
            default:
                mutation = random.Next(2) == 0 ? "Banner \"/etc/issue.net" : "AllowUsers \"alice";
                break;
        }
        lines.Insert(at, mutation);
        tree[main] = string.Join("\n", lines);
        return mutation.Replace("\n", " / ");
    }

    private static (SshdConfig Config, FindingSink Sink) Load(TempDir temp, IReadOnlyDictionary<string, string> tree)
    {
        var root = Path.Combine(temp.Root, "repo");
        foreach (var (path, content) in tree) temp.Write(Path.Combine("repo", path), content);
        var sink = new FindingSink();
        var stack = StackLoader.Load(new FileStore(root, "", sink), Discovery.Walk(root), sink);
        return (stack.Sshd.Single(c => !c.IsFragment), sink);
    }

    /// <summary>Every modelled keyword, globally and per connection; returns one line per value that differs.</summary>
    private static List<string> Compare(SshdConfig config, string sshdMain, IEnumerable<SshdConnection?> connections, out int compared)
    {
        var problems = new List<string>();
        compared = 0;
        foreach (var connection in connections)
        {
            var (run, printed) = SshdOracle.Dump(sshdMain, connection);
            // Without -C, sshd -T refuses a file whose Match blocks test attributes it was not given.
            if (connection is null && run.Stderr.Contains("not in connection test specification")) continue;
            if (run.ExitCode != 0)
            {
                problems.Add($"sshd -T failed for {connection?.ToTestSpec() ?? "global"}: {run.Stderr.Trim()}");
                continue;
            }
            var ours = connection is null ? SshdEvaluator.Global(config) : SshdEvaluator.ForConnection(config, connection);
            foreach (var keyword in SshdKeywordTable.All.Where(k => k.CanonicalMatchesDump))
            {
                compared++;
                var setting = ours.Get(keyword.Name);
                var expected = printed.TryGetValue(keyword.DumpName!, out var values) ? values[0] : null;
                var actual = setting.IsDefault && keyword.Default is null ? null : setting.Value;
                if (expected != actual)
                    problems.Add($"{connection?.ToTestSpec() ?? "global"}: {keyword.Name} is `{expected ?? "(unset)"}` for sshd, `{actual ?? "(unset)"}` for stacklint ({setting.Origin})");
            }
            // Keywords whose lines add up: the ports must be the same set.
            compared++;
            var ports = ours.Get("Port");
            var ourPorts = ports.IsDefault ? new List<string> { "22" } : ports.Lines.Select(l => ports.Keyword.Canonical(l.Values)).Distinct().ToList();
            if (!printed["port"].OrderBy(p => p).SequenceEqual(ourPorts.OrderBy(p => p)))
                problems.Add($"{connection?.ToTestSpec() ?? "global"}: ports {string.Join(",", printed["port"])} for sshd, {string.Join(",", ourPorts)} for stacklint");
        }
        return problems;
    }
}
