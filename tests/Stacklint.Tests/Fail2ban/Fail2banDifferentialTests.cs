using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Formats.Fail2ban;
using Stacklint.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Stacklint.Tests.Fail2ban;

/// <summary>
/// stacklint's fail2ban model against fail2ban 1.0.2 itself (<c>fail2ban-client -c DIR -d</c>): for the corpus
/// directories with every jail enabled, and for generated layered configurations, the jails fail2ban adds are the
/// jails stacklint finds enabled, with the same maxretry, findtime, bantime (and the same seconds as
/// <c>MyTime.str2seconds</c>), ignoreip and port; fail2ban.conf's dbpurgeage and loglevel too. Mutated configurations
/// (a repeated option or section, a line without <c>=</c>, an option before any section, a byte order mark, an
/// undefined <c>%(x)s</c>, a missing include) are refused by fail2ban exactly when stacklint reports LNT001 or a value
/// problem that stops fail2ban-client; <c>-t</c> refuses what <c>-d</c> refuses.
/// </summary>
public class Fail2banDifferentialTests
{
    private const int GeneratedSeeds = 300;
    private const int MutationSeeds = 150;
    private const string ConfigDirectory = "etc/fail2ban";

    private readonly ITestOutputHelper _output;

    public Fail2banDifferentialTests(ITestOutputHelper output) => _output = output;

    /// <summary>Writes the repository tree (for stacklint) and the host tree (for fail2ban) of a case.</summary>
    private static (Fail2banConfig Config, Stacklint.Engine.FindingSink Sink, string HostDirectory) Prepare(TempDir temp, string name,
        IReadOnlyDictionary<string, string> repository, IReadOnlyDictionary<string, string> host)
    {
        foreach (var (path, content) in repository) temp.Write(Path.Combine(name, "repo", ConfigDirectory, path), content);
        var hostDirectory = Path.Combine(temp.Root, name, "host");
        Fail2banOracle.Deploy(host, hostDirectory);
        var (configs, sink, _) = Fail2banTestSupport.Load(Path.Combine(temp.Root, name, "repo"));
        return (Assert.Single(configs), sink, hostDirectory);
    }

    /// <summary>A jail.d file that enables every jail of <paramref name="jailConf"/>.</summary>
    private static string EnableAll(string jailConf) =>
        string.Concat(Regex.Matches(jailConf, @"^\[([^\]]+)\]", RegexOptions.Multiline).Select(m => m.Groups[1].Value)
            .Where(n => n is not "INCLUDES" and not "DEFAULT").Distinct().Select(n => $"[{n}]\nenabled = true\n\n"));

    public static IEnumerable<object[]> CorpusDirectories() => new[] { new object[] { "debian-bookworm" }, new object[] { "upstream" } };

    [Theory]
    [MemberData(nameof(CorpusDirectories))]
    public void Corpus_configuration_with_every_jail_enabled_evaluates_like_fail2ban(string corpus)
    {
        var source = Repo.Shared("corpus", "fail2ban", corpus);
        var tree = Directory.GetFiles(source, "*.conf", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(source, f).Replace('\\', '/'), File.ReadAllText);
        tree["jail.d/zz-every-jail.local"] = EnableAll(tree["jail.conf"]);
        using var temp = new TempDir();
        var (config, sink, host) = Prepare(temp, "corpus", tree, tree);
        Assert.Empty(sink.Lnt());
        var dump = Fail2banOracle.Dump(host);
        Assert.True(dump.Accepted, dump.Stdout + dump.Stderr);
        var disagreements = new List<string>();
        var times = new Dictionary<string, double?>();
        var compared = Compare(config, dump, disagreements, times);
        disagreements.AddRange(CompareTimes(times));
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(30)));
        Assert.True(config.EnabledJails.Count > 80, $"only {config.EnabledJails.Count} jails enabled");
        Assert.True(compared > 400, $"only {compared} values compared");
        _output.WriteLine($"{corpus}: {config.EnabledJails.Count} jails, {dump.Added.Count} added and {dump.Skipped.Count} skipped by fail2ban, {compared} values compared");
    }

    public static IEnumerable<object[]> SampleDirectories() =>
        Directory.GetDirectories(Repo.Path("samples"), "fail2ban", SearchOption.AllDirectories)
            .Select(d => new object[] { Path.GetRelativePath(Repo.Path("samples"), d).Replace('\\', '/') })
            .OrderBy(d => (string)d[0], StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(SampleDirectories))]
    public void Sample_configuration_evaluates_like_fail2ban(string sample)
    {
        var source = Repo.Path("samples", sample);
        var repository = Directory.GetFiles(source, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(source, f).Replace('\\', '/'), File.ReadAllText);
        // On the host, fail2ban's package brings what the sample does not carry.
        var host = new Dictionary<string, string>(repository);
        foreach (var name in new[] { "jail.conf", "paths-common.conf", "paths-debian.conf", "fail2ban.conf" })
            if (!host.ContainsKey(name)) host[name] = File.ReadAllText(Path.Combine(Fail2banOracle.StockDirectory, name));
        using var temp = new TempDir();
        var (config, sink, hostDirectory) = Prepare(temp, "sample", repository, host);
        Assert.Empty(sink.Lnt());
        var dump = Fail2banOracle.Dump(hostDirectory);
        Assert.True(dump.Accepted, dump.Stdout + dump.Stderr);
        var disagreements = new List<string>();
        var times = new Dictionary<string, double?>();
        Compare(config, dump, disagreements, times);
        disagreements.AddRange(CompareTimes(times));
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.NotEmpty(config.EnabledJails);
    }

    [Fact]
    public void The_batch_driver_prints_what_fail2ban_client_prints()
    {
        using var temp = new TempDir();
        var directories = new List<string>();
        var models = new List<Fail2banConfig>();
        for (var seed = 1; seed <= 6; seed++)
        {
            var (repository, host) = Fail2banConfigGenerator.Generate(seed);
            // Read last, so no other layer overrides it.
            if (seed % 3 == 0) repository["jail.d/zz-last.local"] = host["jail.d/zz-last.local"] = "[sshd]\nenabled = true\nbantime = %(undefined)s\n";
            var (config, _, directory) = Prepare(temp, $"c{seed}", repository, host);
            directories.Add(directory);
            models.Add(config);
        }
        var clock = Stopwatch.StartNew();
        var single = directories.Select(d => Fail2banOracle.Dump(d)).ToList();
        var perClient = clock.Elapsed;
        clock.Restart();
        var batch = Fail2banOracle.DumpMany(directories);
        var batched = clock.Elapsed;
        for (var i = 0; i < directories.Count; i++)
        {
            Assert.Equal(single[i].ExitCode, batch[i].ExitCode);
            Assert.Equal(single[i].Stdout, batch[i].Stdout);
            Assert.Equal(single[i].Messages, batch[i].Messages);
        }
        Assert.Contains(single, o => !o.Accepted);
        // -t (the configuration test) refuses the undefined reference as -d does, and the model records it. (-t also
        // fails on log files that are not there, so it is not compared on the others.)
        for (var i = 2; i < directories.Count; i += 3)
        {
            var test = Fail2banOracle.Dump(directories[i], test: true);
            Assert.NotEqual(0, test.ExitCode);
            Assert.Contains("Bad value substitution", test.Messages);
            var problem = Assert.Single(models[i].ValueProblems, p => p.Effect == Fail2banProblemEffect.ConfigurationRefused);
            Assert.StartsWith("Bad value substitution: option 'bantime' in section 'sshd'", problem.Message);
        }
        _output.WriteLine($"fail2ban-client -d: {perClient.TotalMilliseconds / directories.Count:F0} ms per configuration; batch: {batched.TotalMilliseconds / directories.Count:F0} ms per configuration");
    }

    [Fact]
    public void Generated_configurations_evaluate_like_fail2ban()
    {
        using var temp = new TempDir();
        var cases = new List<(int Seed, Fail2banConfig Config, Stacklint.Engine.FindingSink Sink, string Host, Dictionary<string, string> Repository)>();
        var clock = Stopwatch.StartNew();
        for (var seed = 1; seed <= GeneratedSeeds; seed++)
        {
            var (repository, host) = Fail2banConfigGenerator.Generate(seed);
            var (config, sink, hostDirectory) = Prepare(temp, $"g{seed}", repository, host);
            cases.Add((seed, config, sink, hostDirectory, repository));
        }
        var ours = clock.Elapsed;
        clock.Restart();
        var dumps = Fail2banOracle.DumpMany(cases.Select(c => c.Host).ToList());
        var theirs = clock.Elapsed;

        var disagreements = new List<string>();
        var times = new Dictionary<string, double?>();
        var compared = 0;
        var accepted = 0;
        var jails = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var (seed, config, sink, _, repository) = cases[i];
            var dump = dumps[i];
            Assert.Empty(sink.Lnt());
            var refused = config.ValueProblems.Where(p => p.Effect == Fail2banProblemEffect.ConfigurationRefused).ToList();
            if (!dump.Accepted || refused.Count > 0)
            {
                if (dump.Accepted || refused.Count == 0)
                    disagreements.Add($"seed {seed}: fail2ban {(dump.Accepted ? "accepts it" : "refuses it: " + dump.Messages)}; stacklint {(refused.Count == 0 ? "sees no problem" : "predicts refusal: " + string.Join("; ", refused))}\n{Show(repository)}");
                continue;
            }
            accepted++;
            jails += dump.Added.Count;
            var problems = new List<string>();
            compared += Compare(config, dump, problems, times);
            disagreements.AddRange(problems.Select(p => $"seed {seed}: {p}\n{Show(repository)}"));
        }
        disagreements.AddRange(CompareTimes(times));
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements:\n" + string.Join("\n", disagreements.Take(10)));
        Assert.InRange(accepted, GeneratedSeeds * 6 / 10, GeneratedSeeds);
        Assert.True(compared > GeneratedSeeds * 8, $"only {compared} values compared");
        _output.WriteLine($"{GeneratedSeeds} configurations ({accepted} accepted by fail2ban, {jails} enabled jails), {compared} values and {times.Count} distinct times compared; stacklint {ours.TotalSeconds:F1} s (writing included), fail2ban {theirs.TotalSeconds:F1} s");
    }

    [Fact]
    public void Fail2ban_refuses_exactly_the_configurations_stacklint_reports_LNT001_or_a_refusing_value_problem_for()
    {
        using var temp = new TempDir();
        var cases = new List<(int Seed, string Mutation, Fail2banConfig Config, Stacklint.Engine.FindingSink Sink, string Host, Dictionary<string, string> Repository)>();
        for (var seed = 1; seed <= MutationSeeds; seed++)
        {
            var (repository, host) = Fail2banConfigGenerator.Generate(5000 + seed);
            var mutation = Mutate(repository, seed);
            foreach (var (path, content) in repository) host[path] = content;
            var (config, sink, hostDirectory) = Prepare(temp, $"m{seed}", repository, host);
            cases.Add((seed, mutation, config, sink, hostDirectory, repository));
        }
        var dumps = Fail2banOracle.DumpMany(cases.Select(c => c.Host).ToList());
        var disagreements = new List<string>();
        var refusedCount = 0;
        var byParseError = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var (seed, mutation, config, sink, _, repository) = cases[i];
            var fail2banRefuses = !dumps[i].Accepted;
            var parseErrors = sink.Diagnostics.Where(d => d.Id == "LNT001").Select(d => d.GetMessage()).ToList();
            var refusing = config.ValueProblems.Where(p => p.Effect == Fail2banProblemEffect.ConfigurationRefused).Select(p => p.Message).ToList();
            var stacklintRefuses = parseErrors.Count + refusing.Count > 0;
            if (fail2banRefuses) refusedCount++;
            if (parseErrors.Count > 0) byParseError++;
            if (sink.Diagnostics.Any(d => d.Id == "LNT002"))
                disagreements.Add($"seed {seed} ({mutation}): LNT002, though fail2ban never fails on a missing include");
            if (fail2banRefuses != stacklintRefuses)
                disagreements.Add($"seed {seed} ({mutation}): fail2ban {(fail2banRefuses ? "refuses: " + dumps[i].Messages : "accepts")}; stacklint {(stacklintRefuses ? "reports " + string.Join("; ", parseErrors.Concat(refusing)) : "reports nothing")}\n{Show(repository)}");
        }
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements:\n" + string.Join("\n", disagreements.Take(8)));
        Assert.InRange(refusedCount, MutationSeeds / 3, MutationSeeds - MutationSeeds / 10);
        Assert.True(byParseError > MutationSeeds / 4, $"only {byParseError} parse errors");
        _output.WriteLine($"{MutationSeeds} mutated configurations: fail2ban refuses {refusedCount}, {byParseError} with LNT001");
    }

    /// <summary>One mistake of the kinds fail2ban refuses (or, for an undefined reference in a disabled jail, does not
    /// notice), in one of the repository's layer files.</summary>
    private static string Mutate(Dictionary<string, string> repository, int seed)
    {
        var random = new Random(seed);
        var layers = repository.Keys.Where(k => k.StartsWith("jail.", StringComparison.Ordinal) && k != "jail.conf" || k.StartsWith("jail.d/", StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var path = layers[random.Next(layers.Count)];
        var lines = repository[path].Split('\n').ToList();
        var optionLines = lines.Select((l, i) => (l, i)).Where(x => Regex.IsMatch(x.l, @"^\w[\w.]*\s*[=:]")).Select(x => x.i).ToList();
        string mutation;
        switch (seed % 8)
        {
            case 0 when optionLines.Count > 0:
                var repeated = lines[optionLines[random.Next(optionLines.Count)]];
                lines.Add(repeated.Split(new[] { '=', ':' }, 2)[0].Trim() + " = 1");
                mutation = "option repeated in its section";
                break;
            case 1:
                lines.Insert(Math.Min(lines.Count, 1 + random.Next(Math.Max(1, lines.Count - 1))), Fail2banSyntaxWords[random.Next(Fail2banSyntaxWords.Length)]);
                mutation = "line without a separator";
                break;
            case 2:
                lines.Insert(0, "bantime = 1h");
                mutation = "option before the first section";
                break;
            case 3 when lines.FirstOrDefault(l => l.StartsWith("[", StringComparison.Ordinal) && !l.StartsWith("[DEFAULT]", StringComparison.Ordinal)) is { } header:
                lines.Add(header);
                lines.Add("port = 2222");
                mutation = "section repeated";
                break;
            case 4:
                lines[0] = "\uFEFF" + lines[0];
                mutation = "byte order mark";
                break;
            case 5:
                lines.Add("[sshd]");
                lines.Add(random.Next(2) == 0 ? "enabled = true" : "enabled = false");
                lines.Add($"{(random.Next(2) == 0 ? "bantime" : "backend")} = %(undefined_{seed})s");
                mutation = "undefined reference";
                break;
            case 6:
                // fail2ban skips includes that are not there: not a refusal, and no LNT002 either.
                lines.InsertRange(0, new[] { "[INCLUDES]", $"before = missing-{seed}.conf", "after = /etc/fail2ban/missing.local", "" });
                mutation = "missing includes";
                break;
            default:
                return "unchanged";
        }
        repository[path] = string.Join("\n", lines);
        return $"{mutation} in {path}";
    }

    private static readonly string[] Fail2banSyntaxWords = { "enabled true", "maxretry", "ignoreip 10.0.0.0/8", "sshd" };

    /// <summary>Compares what fail2ban would run with stacklint's model; returns how many values were compared.</summary>
    private static int Compare(Fail2banConfig config, Fail2banOracle.Outcome dump, List<string> disagreements, Dictionary<string, double?> times)
    {
        var compared = 0;
        var ours = config.EnabledJails.Select(j => j.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var theirs = dump.Added.Concat(dump.Skipped).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (!ours.SequenceEqual(theirs))
            disagreements.Add($"enabled jails: fail2ban [{string.Join(", ", theirs)}], stacklint [{string.Join(", ", ours)}]");
        compared++;

        foreach (var name in dump.Added)
        {
            var jail = config.Jail(name);
            if (jail is null) continue;
            void Check(string what, object? fail2ban, object? stacklint)
            {
                compared++;
                if (!Equals(fail2ban, stacklint)) disagreements.Add($"[{name}] {what}: fail2ban {Show(fail2ban)}, stacklint {Show(stacklint)}");
            }

            var maxretry = dump.Set(name, "maxretry");
            Check("maxretry", maxretry, jail.MaxRetry is null ? Fail2banOracle.Missing : (object?)jail.MaxRetry.Integer);
            foreach (var option in new[] { "findtime", "bantime" })
            {
                var setting = jail.Get(option);
                var value = dump.Set(name, option);
                Check(option, value, setting is null ? Fail2banOracle.Missing : setting.Value);
                if (setting is not null) times[setting.Value] = setting.Seconds;
            }
            var ignoreIps = dump.IgnoreIps(name);
            Check("ignoreip", ignoreIps is null ? null : string.Join(" ", ignoreIps),
                jail.IgnoreIp is null ? null : string.Join(" ", jail.IgnoreIpEntries.Select(e => e.Text)));
            // The ports each action bans: the jail's port for most, tcpport/udpport for counter-strike, and so on.
            var ports = dump.ActionPorts(name);
            var actions = jail.Actions;
            Check("number of actions", ports.Count, actions.Count);
            for (var a = 0; a < Math.Min(ports.Count, actions.Count); a++)
                if (actions[a].Port is { } port) Check($"port of action {a + 1} ({actions[a].Name})", ports[a], port);
        }
        foreach (var option in new[] { "dbpurgeage", "loglevel" })
        {
            compared++;
            var value = dump.Daemon(option);
            if (!Equals(value, config.Daemon(option)?.Value))
                disagreements.Add($"fail2ban.conf {option}: fail2ban {Show(value)}, stacklint {Show(config.Daemon(option)?.Value)}");
        }
        return compared;
    }

    /// <summary>stacklint's seconds for each time value against <c>MyTime.str2seconds</c>.</summary>
    private static IEnumerable<string> CompareTimes(Dictionary<string, double?> times)
    {
        var texts = times.Keys.ToList();
        var python = Fail2banOracle.Str2Seconds(texts);
        for (var i = 0; i < texts.Count; i++)
        {
            var ours = times[texts[i]];
            var theirs = python[i];
            if (theirs.Ok != ours.HasValue || (ours is { } seconds && Math.Abs(seconds - theirs.Value) > 1e-9 * Math.Max(1, Math.Abs(seconds))))
                yield return $"time {Show(texts[i])}: fail2ban {(theirs.Ok ? theirs.Text : "error " + theirs.Text)}, stacklint {(ours?.ToString(CultureInfo.InvariantCulture) ?? "unreadable")}";
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "None",
        string s => "'" + s.Replace("\n", "\\n") + "'",
        _ when ReferenceEquals(value, Fail2banOracle.Missing) => "(not set)",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Show(Dictionary<string, string> repository) =>
        string.Join("\n", repository.Where(f => f.Key != "jail.conf" && !f.Key.StartsWith("paths-", StringComparison.Ordinal) && f.Key != "fail2ban.conf")
            .Select(f => $"--- {f.Key}\n{f.Value}"));
}
