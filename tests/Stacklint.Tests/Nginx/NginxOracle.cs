using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Tests.Support;

namespace Stacklint.Tests.Nginx;

/// <summary>
/// The real nginx (Debian's nginx-light 1.22, installed by tests/run.sh) as the reference: <c>nginx -t</c> says
/// whether nginx would start with a configuration and, when not, the first error and its file and line.
/// </summary>
/// <remarks>
/// A repository tree cannot be handed to nginx as it is: its absolute paths name the host (<c>include
/// /etc/nginx/mime.types</c>, <c>error_log /var/log/nginx/error.log</c>, certificates under /etc). <see cref="Deploy"/>
/// copies the tree into a prefix and points those paths into it (the copy stacklint scans stays untouched, so
/// lines do not move), and gives every <c>ssl_certificate</c>/<c>ssl_certificate_key</c> a self-signed pair.
/// nginx runs with <c>-p PREFIX -c MAIN -e stderr</c>, so it writes nothing outside the prefix.
/// </remarks>
public static partial class NginxOracle
{
    public const string Binary = "/usr/sbin/nginx";

    private static readonly Lazy<(string Certificate, string Key)> Pair = new(CreatePair);

    /// <summary>The first <c>[emerg]</c> nginx printed: its message, and the file (relative to the prefix) and line.</summary>
    public sealed record Error(string Message, string File, int Line)
    {
        public override string ToString() => $"{File}:{Line}: {Message}";
    }

    public sealed record Outcome(int ExitCode, string Output, Error? FirstError, string Prefix)
    {
        public bool Accepted => ExitCode == 0;
    }

    private static readonly Regex Emerg = new(@"\[emerg\] (?:\d+#\d+: )?(?<message>.*?) in (?<file>/\S+):(?<line>\d+)\s*$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>Copies <paramref name="tree"/> into <paramref name="prefix"/>, with host paths pointed into the prefix.</summary>
    public static void Deploy(string tree, string prefix)
    {
        var prefixSlash = prefix.TrimEnd('/') + "/";
        foreach (var file in Directory.GetFiles(tree, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(tree, file);
            var target = Path.Combine(prefix, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, PointAtPrefix(File.ReadAllText(file), prefixSlash));
        }
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        foreach (var file in Directory.GetFiles(prefix, "*", SearchOption.AllDirectories))
            foreach (Match m in Regex.Matches(File.ReadAllText(file), @"^\s*(?<directive>ssl_certificate(?:_key)?)\s+(?<path>\S+?);", RegexOptions.Multiline))
            {
                var path = m.Groups["path"].Value;
                if (!path.StartsWith(prefixSlash, StringComparison.Ordinal) || File.Exists(path)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Copy(m.Groups["directive"].Value == "ssl_certificate" ? Pair.Value.Certificate : Pair.Value.Key, path);
            }
    }

    /// <summary>Writes one file of a deployed tree again (after a mutation), host paths pointed into the prefix.</summary>
    public static void Redeploy(string prefix, string relative, string content) =>
        File.WriteAllText(Path.Combine(prefix, relative), PointAtPrefix(content, prefix.TrimEnd('/') + "/"));

    private static string PointAtPrefix(string content, string prefixSlash) => content
        .Replace("/etc/nginx/", prefixSlash)
        .Replace("/etc/ssl/", prefixSlash + "ssl/")
        .Replace("/var/log/nginx/", prefixSlash + "logs/")
        .Replace("/var/run/", prefixSlash + "logs/")
        .Replace(" /run/", " " + prefixSlash + "logs/");

    /// <summary><c>nginx -t</c> on <paramref name="mainRelative"/> inside a deployed prefix.</summary>
    public static Outcome Test(string prefix, string mainRelative = "nginx.conf")
    {
        ExternalTool.Require(Binary, "The nginx oracle tests need nginx (tests/run.sh installs nginx-light).");
        var prefixSlash = prefix.TrimEnd('/') + "/";
        var run = ExternalTool.Run(Binary, new[] { "-t", "-p", prefixSlash, "-c", Path.Combine(prefix, mainRelative), "-e", "stderr" }, prefix);
        var output = run.Output;
        Error? first = null;
        if (Emerg.Match(output) is { Success: true } m)
        {
            var file = m.Groups["file"].Value;
            first = new Error(m.Groups["message"].Value,
                file.StartsWith(prefixSlash, StringComparison.Ordinal) ? file.Substring(prefixSlash.Length) : file,
                int.Parse(m.Groups["line"].Value));
        }
        return new Outcome(run.ExitCode, output, first, prefix);
    }

    /// <summary>Whether an nginx error comes from reading the text (<c>ngx_conf_read_token</c>, <c>ngx_conf_parse</c>),
    /// which is what LNT001 covers, rather than from a directive's handler (unknown directive, wrong context, bad
    /// arguments, "is not terminated by ;", "has no opening {": NGX028's business).</summary>
    /// <remarks>nginx also says <c>unexpected "{"</c> when a block opens inside a <c>map</c>/<c>types</c>-like block
    /// (their handler takes entries only). The reader's own <c>unexpected "{"</c> is a <c>{</c> with no words before it,
    /// so that message counts as syntax only when the <c>{</c> on the reported line follows <c>;</c>, <c>{</c>,
    /// <c>}</c> or nothing.</remarks>
    public static bool IsSyntaxError(Error error, string fileText)
    {
        var message = error.Message;
        if (message.StartsWith("unexpected end of file", StringComparison.Ordinal)) return true;
        if (message.StartsWith("too long parameter", StringComparison.Ordinal)) return true;
        if (message == "unexpected \"{\"")
        {
            var lines = fileText.Replace("\r\n", "\n").Split('\n');
            var line = error.Line - 1 < lines.Length ? lines[error.Line - 1] : "";
            var brace = line.IndexOf('{');
            var before = brace < 0 ? "" : line.Substring(0, brace).TrimEnd();
            return brace >= 0 && (before.Length == 0 || before.EndsWith(";") || before.EndsWith("{") || before.EndsWith("}"));
        }
        return Regex.IsMatch(message, "^unexpected \".\"$");
    }

    /// <summary>The files nginx read for a configuration (<c>nginx -T</c> prints "# configuration file PATH:" for
    /// each), relative to the prefix, in reading order.</summary>
    public static IReadOnlyList<string> FilesRead(string prefix, string mainRelative = "nginx.conf")
    {
        var prefixSlash = prefix.TrimEnd('/') + "/";
        var run = ExternalTool.RunOk(Binary, new[] { "-T", "-p", prefixSlash, "-c", Path.Combine(prefix, mainRelative), "-e", "stderr" }, prefix);
        return Regex.Matches(run.Stdout, @"^# configuration file (?<path>.+):$", RegexOptions.Multiline)
            .Select(m => m.Groups["path"].Value)
            .Select(p => p.StartsWith(prefixSlash, StringComparison.Ordinal) ? p.Substring(prefixSlash.Length) : p)
            .Distinct().ToList();
    }

    private static (string Certificate, string Key) CreatePair()
    {
        var directory = Path.Combine(Path.GetTempPath(), "stacklint-nginx-oracle-" + Environment.ProcessId);
        Directory.CreateDirectory(directory);
        var certificate = Path.Combine(directory, "self-signed.crt");
        var key = Path.Combine(directory, "self-signed.key");
        if (!File.Exists(certificate) || !File.Exists(key))
            ExternalTool.RunOk(ExternalTool.Require("openssl", "Install openssl (the nginx oracle needs a self-signed certificate)."),
                new[] { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=localhost" },
                directory);
        return (certificate, key);
    }
}
