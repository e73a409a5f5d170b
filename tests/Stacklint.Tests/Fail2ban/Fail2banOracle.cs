using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Stacklint.Tests.Support;

namespace Stacklint.Tests.Fail2ban;

/// <summary>
/// The real fail2ban (Debian 12's 1.0.2, installed by tests/run.sh) as the reference.
/// <list type="bullet">
/// <item><see cref="Dump"/>: <c>fail2ban-client -c DIR -d</c>, the configuration as the server would receive it:
/// <c>['add', JAIL, BACKEND]</c> for each enabled jail, <c>['set', JAIL, OPTION, VALUE]</c>,
/// <c>['set', JAIL, 'addignoreip', …]</c>, <c>['multi-set', JAIL, 'action', NAME, [[KEY, VALUE], …]]</c> (each
/// action's port is there), printed as Python literals. Exit code 255 and no stream when fail2ban refuses the configuration.</item>
/// <item><see cref="DumpMany"/>: the same for many directories in two Python processes (fail2ban's own client class,
/// run with the same arguments), because each <c>fail2ban-client</c> start costs 0.1–0.5 s; a test checks that both
/// give the same output.</item>
/// <item><see cref="Str2Seconds"/>: <c>MyTime.str2seconds</c>, the function behind <c>fail2ban-client --str2sec</c>,
/// for many strings in one process (<see cref="Str2SecCommand"/> runs the command itself).</item>
/// </list>
/// <see cref="Deploy"/> writes a configuration directory with fail2ban's installed filter.d and action.d beside it, so
/// that fail2ban can read every jail.
/// </summary>
public static class Fail2banOracle
{
    public const string Client = "/usr/bin/fail2ban-client";
    public const string StockDirectory = "/etc/fail2ban";
    private const string Hint = "The fail2ban oracle tests need fail2ban 1.0.2 (tests/run.sh installs Debian's fail2ban).";

    /// <summary>The Python fail2ban-client runs under (its #! line), which can import fail2ban.</summary>
    public static string Python
    {
        get
        {
            ExternalTool.Require(Client, Hint);
            var shebang = File.ReadLines(Client).First();
            return shebang.StartsWith("#!", StringComparison.Ordinal) ? shebang.Substring(2).Trim() : "/usr/bin/python3";
        }
    }

    /// <summary>The installed top-level files of /etc/fail2ban (jail.conf, paths-*.conf, fail2ban.conf), by name.</summary>
    private static readonly Lazy<Dictionary<string, string>> Installed = new(() =>
        Directory.GetFiles(StockDirectory, "*.conf").ToDictionary(f => Path.GetFileName(f), File.ReadAllText));

    /// <summary>Writes <paramref name="tree"/> (paths relative to the configuration directory) into
    /// <paramref name="directory"/>, with the installed filter.d and action.d linked beside it (the tree's own filters and
    /// actions taking precedence).</summary>
    public static void Deploy(IReadOnlyDictionary<string, string> tree, string directory)
    {
        ExternalTool.Require(Client, Hint);
        foreach (var (path, content) in tree)
        {
            var full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            // A file identical to the installed one is linked to it, which is quicker than writing a copy.
            var installed = Path.Combine(StockDirectory, path);
            if (Installed.Value.TryGetValue(path, out var stock) && stock == content) File.CreateSymbolicLink(full, installed);
            else File.WriteAllText(full, content);
        }
        // A link to the installed directory: fail2ban reads through it, and hundreds of configurations need no copies.
        // Where the tree brings filters or actions of its own, the installed ones are linked one by one beside them.
        foreach (var sub in new[] { "filter.d", "action.d" })
        {
            var target = Path.Combine(directory, sub);
            if (!tree.Keys.Any(k => k.StartsWith(sub + "/", StringComparison.Ordinal)))
            {
                Directory.CreateSymbolicLink(target, Path.Combine(StockDirectory, sub));
                continue;
            }
            foreach (var entry in Directory.GetFileSystemEntries(Path.Combine(StockDirectory, sub)))
            {
                var link = Path.Combine(target, Path.GetFileName(entry));
                if (File.Exists(link) || Directory.Exists(link)) continue;
                if (Directory.Exists(entry)) Directory.CreateSymbolicLink(link, entry);
                else File.CreateSymbolicLink(link, entry);
            }
        }
    }

    /// <summary>What <c>fail2ban-client -d</c> printed, read.</summary>
    public sealed class Outcome
    {
        public Outcome(int exitCode, string stdout, string stderr)
        {
            ExitCode = exitCode;
            Stdout = stdout;
            Stderr = stderr;
            Commands = stdout.Split('\n').Where(l => l.StartsWith("[", StringComparison.Ordinal))
                .Select(l => PythonLiteral.Parse(l.TrimEnd('\r')) as List<object?> ?? throw new FormatException("not a list: " + l)).ToList();
        }

        public int ExitCode { get; }
        public string Stdout { get; }
        public string Stderr { get; }
        public IReadOnlyList<List<object?>> Commands { get; }
        public bool Accepted => ExitCode == 0 && Commands.Count > 0;

        /// <summary>Stderr without the line every run prints and without timestamps and process ids (for comparisons).</summary>
        public string Messages => string.Join("\n", Stderr.Split('\n')
            .Where(l => l.Length > 0 && !l.Contains("'allowipv6' not defined"))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"^\S+ \S+ (\S+)\s+\[\d+\]:", "$1:")));

        /// <summary>Jails the server would add (enabled and readable), in order.</summary>
        public IReadOnlyList<string> Added => Commands.Where(c => c.Count == 3 && Equals(c[0], "add")).Select(c => (string)c[1]!).ToList();

        /// <summary>Enabled jails fail2ban skips because of their configuration (a missing filter or action).</summary>
        public IReadOnlyList<string> Skipped => Commands.Where(c => c.Count == 2 && Equals(c[0], "config-error"))
            .Select(c => System.Text.RegularExpressions.Regex.Match((string)c[1]!, "^Jail '([^']*)'").Groups[1].Value).ToList();

        /// <summary>The value of <c>['set', jail, option, value]</c>, or <see cref="Missing"/>.</summary>
        public object? Set(string jail, string option)
        {
            var command = Commands.FirstOrDefault(c => c.Count == 4 && Equals(c[0], "set") && Equals(c[1], jail) && Equals(c[2], option));
            return command is null ? Missing : command[3];
        }

        /// <summary>The words of <c>['set', jail, 'addignoreip', …]</c>, or null when there is none.</summary>
        public IReadOnlyList<string>? IgnoreIps(string jail) =>
            Commands.FirstOrDefault(c => c.Count >= 3 && Equals(c[0], "set") && Equals(c[1], jail) && Equals(c[2], "addignoreip"))
                ?.Skip(3).Cast<string>().ToList();

        /// <summary>For each of the jail's actions in order, the <c>port</c> it receives (null when it has none).</summary>
        public IReadOnlyList<string?> ActionPorts(string jail) =>
            Commands.Where(c => c.Count == 5 && Equals(c[0], "multi-set") && Equals(c[1], jail) && Equals(c[2], "action"))
                .Select(c => ((List<object?>)c[4]!).OfType<List<object?>>().FirstOrDefault(kv => kv.Count == 2 && Equals(kv[0], "port"))?[1] as string)
                .ToList();

        /// <summary>Daemon settings: <c>['set', option, value]</c>.</summary>
        public object? Daemon(string option)
        {
            var command = Commands.FirstOrDefault(c => c.Count == 3 && Equals(c[0], "set") && Equals(c[1], option));
            return command is null ? Missing : command[2];
        }
    }

    /// <summary>Stands for "not in the dump" (a dumped value can be None).</summary>
    public static readonly object Missing = new();

    /// <summary><c>fail2ban-client -c DIRECTORY -d</c> (or <c>-t</c>).</summary>
    public static Outcome Dump(string directory, bool test = false)
    {
        ExternalTool.Require(Client, Hint);
        var run = ExternalTool.Run(Client, new[] { "-c", directory, test ? "-t" : "-d" }, directory);
        return new Outcome(run.ExitCode, run.Stdout, run.Stderr);
    }

    private const string DumpDriver = """
        import contextlib, io, json, logging, sys
        from fail2ban.client.fail2banclient import Fail2banClient
        results = []
        for directory in json.load(sys.stdin):
            out, err = io.StringIO(), io.StringIO()
            logger = logging.getLogger('fail2ban')
            handlers = list(logger.handlers)
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    ok = Fail2banClient().start(['fail2ban-client', '-c', directory, '-d'])
                except SystemExit as e:
                    ok = e.code in (0, None)
                except Exception as e:
                    print('ERROR: %s' % e, file=sys.stderr)
                    ok = False
            for handler in list(logger.handlers):
                if handler not in handlers:
                    logger.removeHandler(handler)
            results.append({'rc': 0 if ok else 255, 'stdout': out.getvalue(), 'stderr': err.getvalue()})
        json.dump(results, sys.stdout)
        """;

    /// <summary><see cref="Dump"/> for each directory, in two Python processes running fail2ban's client side by side.</summary>
    public static IReadOnlyList<Outcome> DumpMany(IReadOnlyList<string> directories)
    {
        if (directories.Count == 0) return Array.Empty<Outcome>();
        var half = (directories.Count + 1) / 2;
        var parts = new[] { directories.Take(half).ToList(), directories.Skip(half).ToList() }.Where(p => p.Count > 0).ToList();
        var results = new IReadOnlyList<Outcome>[parts.Count];
        System.Threading.Tasks.Parallel.For(0, parts.Count, i =>
        {
            using var json = JsonDocument.Parse(RunPython(DumpDriver, JsonSerializer.Serialize(parts[i])));
            results[i] = json.RootElement.EnumerateArray()
                .Select(r => new Outcome(r.GetProperty("rc").GetInt32(), r.GetProperty("stdout").GetString()!, r.GetProperty("stderr").GetString()!))
                .ToList();
        });
        return results.SelectMany(r => r).ToList();
    }

    private const string ReadDriver = """
        import json, sys
        from fail2ban.client.configparserinc import SafeConfigParserWithIncludes
        results = []
        for path in json.load(sys.stdin):
            parser = SafeConfigParserWithIncludes()
            try:
                parser.read(path, get_includes=False)
                results.append({'ok': True,
                    'sections': [[name, [[k, v] for k, v in options.items()]] for name, options in parser.get_sections().items()],
                    'defaults': [[k, v] for k, v in parser.get_defaults().items()]})
            except Exception as e:
                results.append({'ok': False, 'error': '%s: %s' % (type(e).__name__, e)})
        json.dump(results, sys.stdout)
        """;

    /// <summary>One file as fail2ban's parser holds it after reading it alone: sections (in order) with their options,
    /// and [DEFAULT]'s; or the error it stops with.</summary>
    public sealed record ReadResult(bool Ok, string Error, IReadOnlyList<(string Name, IReadOnlyList<(string Key, string Value)> Options)> Sections,
        IReadOnlyList<(string Key, string Value)> Defaults);

    /// <summary>fail2ban's <c>SafeConfigParserWithIncludes</c> reading each file by itself (no includes).</summary>
    public static IReadOnlyList<ReadResult> ReadFiles(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) return Array.Empty<ReadResult>();
        var results = RunPython(ReadDriver, JsonSerializer.Serialize(paths));
        using var json = JsonDocument.Parse(results);
        static IReadOnlyList<(string, string)> Pairs(JsonElement list) =>
            list.EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetString()!)).ToList();
        return json.RootElement.EnumerateArray()
            .Select(r => r.GetProperty("ok").GetBoolean()
                ? new ReadResult(true, "", r.GetProperty("sections").EnumerateArray().Select(s => (s[0].GetString()!, Pairs(s[1]))).ToList(), Pairs(r.GetProperty("defaults")))
                : new ReadResult(false, r.GetProperty("error").GetString()!, Array.Empty<(string, IReadOnlyList<(string, string)>)>(), Array.Empty<(string, string)>()))
            .ToList();
    }

    private const string Str2SecDriver = """
        import json, sys
        from fail2ban.server.mytime import MyTime
        results = []
        for text in json.load(sys.stdin):
            try:
                value = MyTime.str2seconds(text)
                if isinstance(value, (int, float)):
                    try:
                        number = repr(float(value))
                    except OverflowError:
                        number = 'inf' if value > 0 else '-inf'
                    results.append({'ok': True, 'value': number, 'repr': repr(value)})
                else:
                    results.append({'ok': False, 'error': 'not a number: %r' % (value,)})
            except Exception as e:
                results.append({'ok': False, 'error': '%s: %s' % (type(e).__name__, e)})
        json.dump(results, sys.stdout)
        """;

    public sealed record Seconds(bool Ok, double Value, string Text);

    /// <summary><c>MyTime.str2seconds</c> for each string (Python's result as a double, or its error).</summary>
    public static IReadOnlyList<Seconds> Str2Seconds(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return Array.Empty<Seconds>();
        var results = RunPython(Str2SecDriver, JsonSerializer.Serialize(texts));
        using var json = JsonDocument.Parse(results);
        return json.RootElement.EnumerateArray()
            .Select(r => r.GetProperty("ok").GetBoolean()
                ? new Seconds(true, ParseFloat(r.GetProperty("value").GetString()!), r.GetProperty("repr").GetString()!)
                : new Seconds(false, 0, r.GetProperty("error").GetString()!))
            .ToList();
    }

    private static double ParseFloat(string repr) => repr switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(repr, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary><c>fail2ban-client --str2sec TEXT</c>: what it printed, and its exit code.</summary>
    public static (int ExitCode, string Output) Str2SecCommand(string text)
    {
        ExternalTool.Require(Client, Hint);
        var run = ExternalTool.Run(Client, new[] { "--str2sec", text }, Path.GetTempPath());
        return (run.ExitCode, run.Stdout.Trim());
    }

    private static string RunPython(string script, string input)
    {
        var python = Python;
        using var temp = new TempDir();
        var scriptPath = temp.Write("driver.py", script);
        var inputPath = temp.Write("input.json", input);
        var run = ExternalTool.RunOk("/bin/sh", new[] { "-c", $"\"$0\" \"$1\" < \"$2\"", python, scriptPath, inputPath }, temp.Root);
        return run.Stdout;
    }
}

/// <summary>Reads the Python literals fail2ban's dump prints: lists, strings (either quote, with escapes), integers,
/// floats, None, True, False.</summary>
public static class PythonLiteral
{
    public static object? Parse(string text)
    {
        var i = 0;
        var value = Value(text, ref i);
        Skip(text, ref i);
        if (i != text.Length) throw new FormatException($"unexpected text at {i}: {text.Substring(i)}");
        return value;
    }

    private static void Skip(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
    }

    private static object? Value(string s, ref int i)
    {
        Skip(s, ref i);
        if (i >= s.Length) throw new FormatException("unexpected end");
        var c = s[i];
        if (c == '[')
        {
            i++;
            var list = new List<object?>();
            Skip(s, ref i);
            if (s[i] == ']') { i++; return list; }
            while (true)
            {
                list.Add(Value(s, ref i));
                Skip(s, ref i);
                if (s[i] == ',') { i++; Skip(s, ref i); if (s[i] == ']') { i++; return list; } continue; }
                if (s[i] == ']') { i++; return list; }
                throw new FormatException($"expected , or ] at {i}");
            }
        }
        if (c is '\'' or '"') return String(s, ref i);
        foreach (var (word, result) in new (string, object?)[] { ("None", null), ("True", true), ("False", false) })
            if (string.CompareOrdinal(s, i, word, 0, word.Length) == 0) { i += word.Length; return result; }
        var start = i;
        while (i < s.Length && (char.IsDigit(s[i]) || s[i] is '-' or '+' or '.' or 'e' or 'E')) i++;
        var number = s.Substring(start, i - start);
        if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return integer;
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) return real;
        throw new FormatException($"unexpected '{c}' at {start}");
    }

    private static string String(string s, ref int i)
    {
        var quote = s[i++];
        var sb = new StringBuilder();
        while (s[i] != quote)
        {
            if (s[i] != '\\') { sb.Append(s[i++]); continue; }
            var e = s[i + 1];
            i += 2;
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'x': sb.Append((char)Convert.ToInt32(s.Substring(i, 2), 16)); i += 2; break;
                case 'u': sb.Append((char)Convert.ToInt32(s.Substring(i, 4), 16)); i += 4; break;
                case 'U': sb.Append(char.ConvertFromUtf32(Convert.ToInt32(s.Substring(i, 8), 16))); i += 8; break;
                default: sb.Append(e); break;
            }
        }
        i++;
        return sb.ToString();
    }
}
