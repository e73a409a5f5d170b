using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Fail2ban;

/// <summary>
/// Every F2B fixture against the real fail2ban 1.0.2 (Debian's package; tests/run.sh installs it). The fixture's
/// <c>etc/fail2ban</c> files are laid over a copy of the installed <c>/etc/fail2ban</c>, as the F2B pages lay a stack over
/// the package (a fixture file replaces the package file of the same path; a lone jail.local keeps the package's
/// jail.conf and jail.d/defaults-debian.conf). The markers describe what fail2ban does on that Debian host; stacklint
/// does not assume defaults-debian.conf (F2B001), so a fixture can show fail2ban running sshd there while F2B001 flags
/// the repository for not enabling it. The copy must load with <c>fail2ban-client -c DIR -d</c>, and fail2ban-server's
/// own command handler must accept the configuration stream it prints, unless the fixture says otherwise. Markers are
/// full-line comments in any fixture file:
/// <list type="bullet">
/// <item><c># fail2ban: refuses</c> — <c>fail2ban-client -d</c> exits non-zero: the configuration reader stops.</item>
/// <item><c># fail2ban: skips JAIL</c> — it loads, but skips JAIL with a <c>config-error</c> (<c>-t</c> fails; the server
/// starts without it). Without this marker no jail may be skipped.</item>
/// <item><c># fail2ban: server refuses</c> — it loads, and fail2ban-server refuses a command of the stream (as
/// <c>fail2ban-server -xf start</c> does before it exits with 255).</item>
/// <item><c># fail2ban: jails A B</c> (or <c>none</c>) — exactly the jails fail2ban adds and starts.</item>
/// <item><c># fail2ban: JAIL OPTION = VALUE</c> — the dump sets OPTION of JAIL to VALUE as Python prints it (<c>None</c>,
/// <c>True</c>, the words of a list joined by spaces); a trailing <c>(N)</c> also asks <c>fail2ban-client --str2sec
/// VALUE</c> to give N seconds. This is how a page's claim about the value that wins is held to fail2ban.</item>
/// <item><c># fail2ban: JAIL OPTION unset</c> — the dump does not set OPTION for JAIL.</item>
/// </list>
/// </summary>
public class F2BFixtureOracleTests
{
    private const string Client = "/usr/bin/fail2ban-client";
    private const string PackageDirectory = "/etc/fail2ban";
    private const string StackDirectory = "etc/fail2ban/";

    /// <summary>Feeds the stream <c>fail2ban-client -d</c> printed (argv[1]) to fail2ban-server's command handler, the
    /// way <c>fail2ban-server -xf start</c> does, and prints the stream and the first refused command as JSON, with the
    /// seconds of the times in argv[2:] (<c>MyTime.str2seconds</c>, what <c>fail2ban-client --str2sec</c> prints; one process
    /// instead of one per time). It never starts a jail, so no action runs; global settings (log target, database) are left
    /// alone, and every jail is added with the polling backend: the backend depends on the host (python3-systemd,
    /// pyinotify), not on the values judged.</summary>
    private const string ServerHarness = """
        import ast, json, sys
        from fail2ban.server.mytime import MyTime
        from fail2ban.server.server import Server
        from fail2ban.server.transmitter import Transmitter
        def seconds(value):
            try:
                return MyTime.str2seconds(value)
            except Exception:
                return None
        stream = [ast.literal_eval(line) for line in open(sys.argv[1]) if line.startswith('[')]
        transmitter = Transmitter(Server(daemon=False))
        refused = None
        for command in stream:
            if command[0] in ('start', 'config-error') or (command[0] == 'set' and len(command) == 3):
                continue
            if command[0] == 'add':
                command = ['add', command[1], 'polling']
            code, result = transmitter.proceed(command)
            if code:
                refused = '%r: %r' % (command[:4], result)
                break
        print(json.dumps({'stream': stream, 'refused': refused, 'seconds': [seconds(v) for v in sys.argv[2:]]}, default=str))
        """;

    private static readonly Regex Marker = new(@"^#\s*fail2ban:\s*(?<text>.*?)\s*$", RegexOptions.Multiline);
    private static readonly Regex Seconds = new(@"^(?<value>.*?)\s*\((?<seconds>-?[0-9.]+)\)$");

    private static readonly Lazy<string> Python = new(() =>
    {
        // The interpreter fail2ban itself runs with (its shebang), which is where its modules are installed.
        ExternalTool.Require(Client, "Install fail2ban (apt-get install fail2ban; tests/run.sh does): the F2B fixtures are checked against it.");
        var shebang = File.ReadLines(Client).First();
        return shebang.StartsWith("#!", StringComparison.Ordinal) ? shebang.Substring(2).Trim() : "/usr/bin/python3";
    });

    public static IEnumerable<object[]> Cases() => Fixtures.All().Where(c => ((string)c[0]).StartsWith("F2B", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture_is_what_fail2ban_makes_of_it(string rule, string fixture)
    {
        using var temp = new TempDir();
        using var stackTree = new TempDir();
        Fixtures.Materialize(rule, fixture, stackTree);
        var stack = stackTree.Root;
        var files = Directory.GetFiles(stack, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(stack, f).Replace('\\', '/')).ToList();
        Assert.All(files, f => Assert.StartsWith(StackDirectory, f));
        var markers = files.SelectMany(f => Marker.Matches(File.ReadAllText(Path.Combine(stack, f))).Select(m => m.Groups["text"].Value)).ToList();

        var configuration = Path.Combine(temp.Root, "fail2ban");
        CopyTree(PackageDirectory, configuration);
        foreach (var file in files) CopyFile(Path.Combine(stack, file), Path.Combine(configuration, file.Substring(StackDirectory.Length)));

        var dump = ExternalTool.Run(ExternalTool.Require(Client, "Install fail2ban (tests/run.sh does)."), new[] { "-c", configuration, "-d" }, temp.Root);
        if (markers.Contains("refuses"))
        {
            Assert.True(dump.ExitCode != 0, $"fail2ban was expected to refuse {rule}/{fixture}:\n{dump}");
            return;
        }
        Assert.True(dump.ExitCode == 0, $"fail2ban refused {rule}/{fixture}:\n{dump}");

        var times = markers.Select(m => Seconds.Match(m)).Where(m => m.Success && m.Groups["value"].Value.Contains(" =", StringComparison.Ordinal))
            .Select(m => TimeOf(m.Groups["value"].Value)).Distinct().ToList();
        var (stream, refused, seconds) = Serve(temp, dump.Stdout, times);
        var skipped = stream.Where(c => c[0] == "config-error").Select(c => Regex.Match(c[1], "Jail '([^']+)'").Groups[1].Value).OrderBy(j => j, StringComparer.Ordinal).ToList();
        var skips = markers.Where(m => m.StartsWith("skips ", StringComparison.Ordinal)).Select(m => m.Substring(6).Trim()).OrderBy(j => j, StringComparer.Ordinal).ToList();
        Assert.True(skips.SequenceEqual(skipped), $"{rule}/{fixture}: fail2ban skipped [{string.Join(", ", skipped)}], the fixture says [{string.Join(", ", skips)}]\n{dump.Stderr}");
        if (markers.Contains("server refuses"))
            Assert.True(refused is not null, $"fail2ban-server was expected to refuse the stream of {rule}/{fixture}");
        else
            Assert.True(refused is null, $"fail2ban-server refused the stream of {rule}/{fixture}: {refused}");

        foreach (var marker in markers.Where(m => m is not "refuses" and not "server refuses" && !m.StartsWith("skips ", StringComparison.Ordinal)))
            CheckMarker($"{rule}/{fixture}", marker, stream, seconds);
    }

    /// <summary>F2B002–F2B005 are about the value that wins: each of their fixtures names it, and the theory above holds
    /// it to fail2ban's dump.</summary>
    [Fact]
    public void Fixtures_about_an_effective_value_name_the_value_fail2ban_uses()
    {
        foreach (var c in Cases().Where(c => (string)c[0] is "F2B002" or "F2B003" or "F2B004" or "F2B005"))
        {
            using var temp = new TempDir();
            Fixtures.Materialize((string)c[0], (string)c[1], temp);
            var markers = Directory.GetFiles(temp.Root, "*", SearchOption.AllDirectories)
                .SelectMany(f => Marker.Matches(File.ReadAllText(f)).Select(m => m.Groups["text"].Value));
            Assert.True(markers.Any(m => m.Contains(" = ", StringComparison.Ordinal) || m.EndsWith(" unset", StringComparison.Ordinal)),
                $"{c[0]}/{c[1]} names no `# fail2ban: JAIL OPTION = VALUE`");
        }
    }

    /// <summary>A fail fixture expects its own rule somewhere and nothing else; a pass fixture expects nothing (the rule
    /// fixture test holds the findings to these lines once the rules exist).</summary>
    [Fact]
    public void Fail_fixtures_expect_their_rule_and_pass_fixtures_nothing()
    {
        foreach (var c in Cases())
        {
            var (rule, fixture) = ((string)c[0], (string)c[1]);
            var expected = Fixtures.Expectations(rule, fixture, _ => true);
            if (fixture.StartsWith("fail", StringComparison.Ordinal))
            {
                Assert.True(expected.Count > 0, $"{rule}/{fixture} expects no finding");
                Assert.All(expected, e => Assert.EndsWith(" " + rule, e));
            }
            else Assert.True(expected.Count == 0, $"{rule}/{fixture} is a pass fixture and expects [{string.Join(", ", expected)}]");
        }
    }

    /// <summary>The time table of rules/F2B007.md is what fail2ban computes (<c>fail2ban-client --str2sec</c>).</summary>
    [Fact]
    public void Time_table_of_F2B007_is_what_fail2ban_computes()
    {
        var page = File.ReadAllText(Repo.Path("rules", "F2B007.md")).Replace("\r\n", "\n");
        var section = page.Substring(page.IndexOf("### Time values", StringComparison.Ordinal));
        section = section.Substring(0, section.IndexOf("\n### ", 4, StringComparison.Ordinal));
        var rows = Regex.Matches(section, @"^\| `(?<value>[^`]*)` \| (?<seconds>[^|]+?) \|$", RegexOptions.Multiline);
        Assert.True(rows.Count >= 30, $"the table has {rows.Count} rows");
        var client = ExternalTool.Require(Client, "Install fail2ban (tests/run.sh does).");
        var wrong = new List<string>();
        foreach (Match row in rows)
        {
            var value = row.Groups["value"].Value;
            var expected = row.Groups["seconds"].Value.Trim();
            var run = ExternalTool.Run(client, new[] { "--str2sec", value }, Path.GetTempPath());
            var actual = run.ExitCode != 0 ? "refused" : run.Stdout.Trim();
            var same = expected == "refused"
                ? actual == "refused"
                : actual != "refused" && double.Parse(actual, CultureInfo.InvariantCulture) == double.Parse(expected, CultureInfo.InvariantCulture);
            if (!same) wrong.Add($"`{value}`: the page says {expected}, fail2ban says {actual}");
        }
        Assert.Empty(wrong);
    }

    private static string TimeOf(string markerLeftOfSeconds) =>
        markerLeftOfSeconds.Substring(markerLeftOfSeconds.IndexOf(" =", StringComparison.Ordinal) + 2).Trim();

    private static void CheckMarker(string fixture, string marker, List<List<string>> stream, IReadOnlyDictionary<string, double?> secondsOf)
    {
        var added = stream.Where(c => c[0] == "add").Select(c => c[1]).OrderBy(j => j, StringComparer.Ordinal).ToList();
        var started = stream.Where(c => c[0] == "start").Select(c => c[1]).OrderBy(j => j, StringComparer.Ordinal).ToList();
        if (marker.StartsWith("jails ", StringComparison.Ordinal))
        {
            var expected = marker == "jails none" ? new List<string>() : marker.Substring(6).Split(' ', StringSplitOptions.RemoveEmptyEntries).OrderBy(j => j, StringComparer.Ordinal).ToList();
            Assert.True(expected.SequenceEqual(added) && expected.SequenceEqual(started),
                $"{fixture}: fail2ban runs [{string.Join(", ", started)}], the fixture says [{string.Join(", ", expected)}]");
            return;
        }
        if (marker.EndsWith(" unset", StringComparison.Ordinal))
        {
            var words = marker.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(words.Length == 3, $"{fixture}: bad marker `{marker}`");
            Assert.False(stream.Any(c => c.Count >= 3 && c[0] == "set" && c[1] == words[0] && c[2] == words[1]),
                $"{fixture}: fail2ban sets {words[1]} for {words[0]}");
            return;
        }
        var equals = marker.IndexOf(" =", StringComparison.Ordinal);
        Assert.True(equals > 0, $"{fixture}: unknown marker `# fail2ban: {marker}`");
        var target = marker.Substring(0, equals).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(target.Length == 2, $"{fixture}: bad marker `{marker}`");
        var value = marker.Substring(equals + 2).Trim();
        string? seconds = null;
        var withSeconds = Seconds.Match(value);
        if (withSeconds.Success) (value, seconds) = (withSeconds.Groups["value"].Value, withSeconds.Groups["seconds"].Value);

        var set = stream.LastOrDefault(c => c.Count >= 3 && c[0] == "set" && c[1] == target[0] && c[2] == target[1]);
        Assert.True(set is not null, $"{fixture}: fail2ban does not set {target[1]} for jail {target[0]}");
        Assert.Equal(value, string.Join(" ", set!.Skip(3)));
        if (seconds is null) return;
        Assert.True(secondsOf[value] == double.Parse(seconds, CultureInfo.InvariantCulture),
            $"{fixture}: fail2ban converts `{value}` to {secondsOf[value]?.ToString(CultureInfo.InvariantCulture) ?? "an error"} seconds, the fixture says {seconds}");
    }

    /// <summary>The stream of <c>fail2ban-client -d</c> (each command's elements as Python's str() prints them; nested lists
    /// as empty strings), the first command fail2ban-server refuses, if any, and fail2ban's seconds for each time (null
    /// when fail2ban cannot convert it).</summary>
    private static (List<List<string>> Stream, string? Refused, Dictionary<string, double?> Seconds) Serve(TempDir temp, string dump, List<string> times)
    {
        var dumpFile = temp.Write("dump.txt", dump);
        var run = ExternalTool.Run(Python.Value, new[] { "-c", ServerHarness, dumpFile }.Concat(times), temp.Root);
        Assert.True(run.ExitCode == 0, "The fail2ban-server harness failed:\n" + run);
        using var json = JsonDocument.Parse(run.Stdout);
        var stream = json.RootElement.GetProperty("stream").EnumerateArray()
            .Select(command => command.EnumerateArray().Select(Str).ToList()).ToList();
        var refused = json.RootElement.GetProperty("refused");
        var converted = json.RootElement.GetProperty("seconds").EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : (double?)null).ToList();
        var seconds = times.Select((t, i) => (t, converted[i])).ToDictionary(x => x.t, x => x.Item2, StringComparer.Ordinal);
        return (stream, refused.ValueKind == JsonValueKind.Null ? null : refused.GetString(), seconds);
    }

    private static string Str(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        _ => "",
    };

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            CopyFile(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }
}
