using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Stacklint.Tests.Support;

/// <summary>Rule fixtures: <c>Fixtures/&lt;RULE&gt;/&lt;pass|fail&gt;-name.&lt;ext&gt;</c> (one file) or a folder of that name
/// (a small tree, for includes). Expected findings are written on the lines where they must appear, in a
/// trailing comment: <c># expect: SSH001</c> (several ids separated by commas or spaces). A finding about an
/// absent setting lands at line 1, so its expectation goes in a comment on line 1. A folder fixture may hold a
/// <c>fixture.setup</c> file of commands applied to the materialised tree and then removed: <c>git init</c>,
/// <c>git add PATH…</c>, <c>git commit</c>, <c>chmod MODE PATH</c> (what git and the disk say about files cannot be
/// written in their text). A fixture's ignore file is stored as <c>gitignore</c> and materialised as <c>.gitignore</c>, so
/// that it does not hide the fixture's own files from this repository. JSON has no comments, so in a JSON file (a
/// <c>.daemon-json</c> fixture, a <c>*.json</c> file of a folder) the <c># expect:</c> comment is stripped when the fixture
/// is materialised; expectations are therefore read from the fixture's source (<see cref="Expectations(string, string, Func{string, bool})"/>).</summary>
public static class Fixtures
{
    private static readonly Regex Expect = new(@"#\s*expect:\s*(?<ids>[A-Z][A-Z0-9]{2}[0-9]{3}(?:[\s,]+[A-Z][A-Z0-9]{2}[0-9]{3})*)", RegexOptions.Compiled);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Every fixture: (rule id, fixture name).</summary>
    public static IEnumerable<object[]> All() =>
        System.IO.Directory.GetDirectories(Directory)
            .SelectMany(rule => System.IO.Directory.GetFileSystemEntries(rule)
                .Select(entry => new object[] { Path.GetFileName(rule), Path.GetFileName(entry) }))
            .OrderBy(x => (string)x[0]).ThenBy(x => (string)x[1]);

    /// <summary>Expected "relative/path:line ID" strings of a fixture, for the ids asked about, with the paths the fixture
    /// gets in the materialised tree.</summary>
    public static List<string> Expectations(string rule, string name, Func<string, bool> idFilter)
    {
        var source = Path.Combine(Directory, rule, name);
        var files = System.IO.Directory.Exists(source)
            ? System.IO.Directory.GetFiles(source, "*", SearchOption.AllDirectories).Select(f => (f, Target(Path.GetRelativePath(source, f))))
                .Where(f => f.Item2 != SetupFile)
            : new[] { (source, TargetFor(rule, name)) };
        var expected = new List<string>();
        foreach (var (file, relative) in files.OrderBy(f => f.Item2, StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                foreach (Match match in Expect.Matches(lines[i]))
                    foreach (var id in match.Groups["ids"].Value.Split(new[] { ' ', ',', '\t' }, StringSplitOptions.RemoveEmptyEntries))
                        if (idFilter(id)) expected.Add($"{relative}:{i + 1} {id}");
        }
        expected.Sort(StringComparer.Ordinal);
        return expected;
    }

    /// <summary>A folder fixture's file as it is written into the tree (forward slashes; <c>gitignore</c> ⇒ <c>.gitignore</c>).</summary>
    private static string Target(string relative)
    {
        relative = relative.Replace('\\', '/');
        var slash = relative.LastIndexOf('/');
        return relative.Substring(slash + 1) == "gitignore" ? relative.Substring(0, slash + 1) + ".gitignore" : relative;
    }

    /// <summary>A JSON file's text without its <c># expect:</c> comments (line numbers unchanged).</summary>
    private static string Materialized(string target, string text) =>
        target.EndsWith(".json", StringComparison.Ordinal) ? ExpectComment.Replace(text, "") : text;

    private static readonly Regex ExpectComment = new(@"[ \t]*#\s*expect:[^\r\n]*", RegexOptions.Compiled);

    public const string SetupFile = "fixture.setup";

    /// <summary>Copies a fixture into a fresh tree: a single file becomes the file its extension names (see
    /// <see cref="TargetFor"/>), a folder is copied as it is and its <see cref="SetupFile"/> applied.</summary>
    public static void Materialize(string rule, string name, TempDir into)
    {
        var source = Path.Combine(Directory, rule, name);
        if (System.IO.Directory.Exists(source))
        {
            foreach (var file in System.IO.Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                if (relative == SetupFile) continue;
                if (Path.GetFileName(relative) == "gitignore") relative = Path.Combine(Path.GetDirectoryName(relative)!, ".gitignore");
                into.Write(relative, Materialized(relative, File.ReadAllText(file)));
            }
            var setup = Path.Combine(source, SetupFile);
            if (File.Exists(setup)) Setup(File.ReadAllLines(setup), into.Root, $"{rule}/{name}");
            return;
        }
        var target = TargetFor(rule, name);
        into.Write(target, Materialized(target, File.ReadAllText(source)));
    }

    /// <summary>Runs a fixture's setup commands in <paramref name="root"/>.</summary>
    public static void Setup(IEnumerable<string> commands, string root, string fixture)
    {
        foreach (var raw in commands)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal)) continue;
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words[0])
            {
                case "git":
                    var git = ExternalTool.Require("git", "Install git (apt-get install git): fixtures about tracked files need it.");
                    var arguments = words.Skip(1).ToList();
                    if (arguments[0] == "commit") arguments.AddRange(new[] { "-q", "-m", "fixture" });
                    var environment = new Dictionary<string, string?>
                    {
                        ["GIT_AUTHOR_NAME"] = "fixture", ["GIT_AUTHOR_EMAIL"] = "fixture@example.invalid",
                        ["GIT_COMMITTER_NAME"] = "fixture", ["GIT_COMMITTER_EMAIL"] = "fixture@example.invalid",
                    };
                    var run = ExternalTool.Run(git, arguments, root, environment);
                    if (run.ExitCode != 0) throw new InvalidOperationException($"Fixture {fixture}: `{line}` failed.\n{run}");
                    break;
                case "chmod" when words.Length == 3:
                    if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException($"Fixture {fixture}: chmod needs Unix file modes.");
                    File.SetUnixFileMode(Path.Combine(root, words[2]), (UnixFileMode)Convert.ToInt32(words[1], 8));
                    break;
                default:
                    throw new InvalidOperationException($"Fixture {fixture}: unknown setup command `{line}` (git …, chmod MODE PATH).");
            }
        }
    }

    /// <summary>Where a single-file fixture goes in the tree: <c>.sshd_config</c> ⇒ <c>sshd_config</c>; <c>.nginx</c> ⇒
    /// <c>nginx.conf</c> (a whole main file); <c>.conf</c> ⇒ <c>nginx/conf.d/&lt;name&gt;.conf</c> (a server snippet
    /// nothing includes, analysed in http context); <c>.env</c> ⇒ <c>.env</c>; <c>.env-NAME</c> ⇒ <c>.env.NAME</c>
    /// (<c>.env-example</c> ⇒ <c>.env.example</c>, <c>.env-production</c> ⇒ <c>.env.production</c>). A single .env
    /// fixture lies in no repository (ENV001 and ENV011 need a folder fixture with a .gitignore or git). <c>.daemon-json</c> ⇒
    /// <c>etc/docker/daemon.json</c> (the host's /etc/docker/daemon.json kept in the repository, which every Compose
    /// project of the tree takes as its daemon default).
    /// <c>.jail-local</c> ⇒ <c>etc/fail2ban/jail.local</c> alone: the stack's only fail2ban file, read over the packaged
    /// jail.conf (layered cases are folder fixtures with <c>etc/fail2ban/jail.conf</c>,
    /// <c>jail.d/</c>, <c>filter.d/</c>).</summary>
    public static string TargetFor(string rule, string name) => Path.GetExtension(name).TrimStart('.') switch
    {
        "sshd_config" => "sshd_config",
        "nginx" => "nginx.conf",
        "conf" => "nginx/conf.d/" + name,
        "env" => ".env",
        "daemon-json" => "etc/docker/daemon.json",
        "jail-local" => "etc/fail2ban/jail.local",
        var env when env.StartsWith("env-", StringComparison.Ordinal) => ".env." + env.Substring(4),
        var other => throw new InvalidOperationException($"Fixture {rule}/{name}: unknown fixture kind '.{other}'."),
    };
}
