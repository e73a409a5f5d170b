using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Formats.Sshd;
using Stacklint.Tests.Support;

namespace Stacklint.Tests.Sshd;

/// <summary>The real OpenSSH daemon (Debian's openssh-server, installed by tests/run.sh) as the reference:
/// <c>sshd -T</c> prints the effective configuration, <c>sshd -t</c> says whether sshd would start.</summary>
public static class SshdOracle
{
    public const string Binary = "/usr/sbin/sshd";

    private static readonly Lazy<string> HostKey = new(CreateHostKey);

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    /// <summary><c>sshd -T</c>: keyword (lower case) ⇒ the values printed for it, one per output line.</summary>
    public static (Outcome Run, Dictionary<string, List<string>> Values) Dump(string mainFile, SshdConnection? connection)
    {
        var args = new List<string> { "-T", "-f", mainFile, "-h", HostKey.Value };
        if (connection is not null) args.AddRange(new[] { "-C", connection.ToTestSpec() });
        var run = RunRaw(args.ToArray());
        var values = new Dictionary<string, List<string>>();
        foreach (var line in run.Stdout.Split('\n').Where(l => l.Length > 0))
        {
            var space = line.IndexOf(' ');
            var key = space < 0 ? line : line.Substring(0, space);
            if (!values.TryGetValue(key, out var list)) values[key] = list = new List<string>();
            list.Add(space < 0 ? "" : line.Substring(space + 1));
        }
        return (run, values);
    }

    /// <summary><c>sshd -t</c>: exit code 0 when sshd would start with this file, 255 when it refuses.</summary>
    public static Outcome Test(string mainFile) => RunRaw("-t", "-f", mainFile, "-h", HostKey.Value);

    public static Outcome RunRaw(params string[] args)
    {
        ExternalTool.Require(Binary, "The differential tests need openssh-server (tests/run.sh installs it).");
        // sshd refuses to run without its privilege separation directory, even for -T/-t.
        try { Directory.CreateDirectory("/run/sshd"); } catch (UnauthorizedAccessException) { } catch (IOException) { }
        var run = ExternalTool.Run(Binary, args, Path.GetTempPath());
        return new Outcome(run.ExitCode, run.Stdout, run.Stderr);
    }

    /// <summary>
    /// Writes a repository tree (root-relative path ⇒ content, main file at etc/ssh/sshd_config) twice: as is, for
    /// stacklint, and with every Include pointed into the copy, for sshd (which would otherwise read the real /etc/ssh).
    /// Returns the sshd copy's main file.
    /// </summary>
    public static string WriteForSshd(TempDir temp, IReadOnlyDictionary<string, string> tree)
    {
        var sshDirectory = Path.Combine(temp.Root, "sshd-copy", "etc", "ssh");
        foreach (var (path, content) in tree)
            temp.Write(Path.Combine("sshd-copy", path), PointIncludesAt(content, sshDirectory));
        return Path.Combine(sshDirectory, "sshd_config");
    }

    private static string PointIncludesAt(string content, string sshDirectory) =>
        Regex.Replace(content, @"^(\s*include(?:\s*=\s*|\s+))(.*)$", m =>
        {
            var targets = m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t =>
                t.StartsWith("/etc/ssh/", StringComparison.Ordinal) ? sshDirectory + t.Substring("/etc/ssh".Length)
                : t.StartsWith("/", StringComparison.Ordinal) ? t
                : Path.Combine(sshDirectory, t));
            return m.Groups[1].Value + string.Join(" ", targets);
        }, RegexOptions.Multiline | RegexOptions.IgnoreCase);

    private static string CreateHostKey()
    {
        var directory = Path.Combine(Path.GetTempPath(), "stacklint-sshd-oracle-" + Environment.ProcessId);
        Directory.CreateDirectory(directory);
        var key = Path.Combine(directory, "ssh_host_ed25519_key");
        if (File.Exists(key)) return key;
        ExternalTool.RunOk(ExternalTool.Require("ssh-keygen", "Install openssh-client (tests/run.sh installs openssh-server, which brings it)."),
            new[] { "-q", "-t", "ed25519", "-N", "", "-f", key }, directory);
        return key;
    }
}
