using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Sshd;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Sshd;

/// <summary>The keyword table checked against the real sshd 9.2: what it prints, accepts, refuses and where.</summary>
public class SshdKeywordTableTests
{
    /// <summary>Values that exercise every argument reader: flags in odd case, numbers at and past their limits,
    /// time units, algorithm lists with prefixes and wildcards, and words no keyword accepts.</summary>
    private static readonly string[] Probes =
    {
        "yes", "no", "YES", "No", "zzz", "0", "3", "010", "-1", "65535", "65536", "2147483648", "1m30", "2h", "5x", "none",
        "prohibit-password", "without-password", "forced-commands-only", "delayed", "clientspecified", "shosts-only",
        "local", "all", "point-to-point", "Ethernet", "inet6", "VERBOSE", "debug1", "authpriv", "md5", "SHA1",
        "+aes128-cbc", "-*-cbc", "^3des-cbc", "aes*", "aes256-ctr,", "hmac-sha2-512", "+hmac-md5", "curve25519-sha256",
        "+diffie-hellman-group1-sha1", "ssh-ed*", "+ssh-rsa", "-ecdsa*", "rsa-sha2-512,ssh-ed25519", "ssh-foo*", "!ssh-rsa",
        "10:30:100", "10:30", "20:50:10", "5:10:20x", "QUIET", "sha512",
    };

    private static readonly SshdValueKind[] CheckedKinds =
    {
        SshdValueKind.Flag, SshdValueKind.Choice, SshdValueKind.Integer, SshdValueKind.Port, SshdValueKind.Time,
        SshdValueKind.TimeOrNone, SshdValueKind.Algorithms, SshdValueKind.Startups,
    };

    [Fact]
    public void Defaults_are_what_sshd_prints_for_an_empty_file_and_every_printed_keyword_is_known()
    {
        using var temp = new TempDir();
        var (run, printed) = SshdOracle.Dump(temp.Write("sshd_config", ""), null);
        Assert.Equal(0, run.ExitCode);
        var problems = new List<string>();
        foreach (var (key, values) in printed)
        {
            var keyword = SshdKeywordTable.All.FirstOrDefault(k => k.DumpName == key);
            if (keyword is null) problems.Add($"sshd prints `{key}`, which the table does not know");
            else if (!keyword.Accumulates && keyword.Default != values[0]) problems.Add($"{keyword.Name}: table default `{keyword.Default}`, sshd `{values[0]}`");
        }
        foreach (var keyword in SshdKeywordTable.All.Where(k => k.DumpName is not null && !k.Accumulates && k.Default is not null))
            if (!printed.ContainsKey(keyword.DumpName!)) problems.Add($"{keyword.Name}: table default `{keyword.Default}`, sshd prints nothing");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(printed.Count >= 85, $"only {printed.Count} keywords printed");
    }

    [Fact]
    public void Match_permission_is_what_sshd_enforces()
    {
        using var temp = new TempDir();
        var problems = new List<string>();
        foreach (var keyword in SshdKeywordTable.All.Where(k => k.Status == SshdKeywordStatus.Supported && k.Name is not ("Match" or "Include")))
        {
            // An inactive Match block: sshd refuses a global-only keyword there before it looks at the value.
            var file = temp.Write("sshd_config", $"Match User nobody\n{keyword.Name} zzz\n");
            var refused = SshdOracle.Test(file).Stderr.Contains("is not allowed within a Match block");
            if (refused == keyword.AllowedInMatch) problems.Add($"{keyword.Name}: table says AllowedInMatch={keyword.AllowedInMatch}, sshd disagrees");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Deprecated_and_unsupported_keywords_are_the_ones_sshd_warns_about()
    {
        using var temp = new TempDir();
        var problems = new List<string>();
        foreach (var keyword in SshdKeywordTable.All.Where(k => k.Kind == SshdValueKind.Ignored))
        {
            var stderr = SshdOracle.Test(temp.Write("sshd_config", $"{keyword.Name} yes\n")).Stderr;
            var expected = keyword.Status == SshdKeywordStatus.Unsupported && keyword.Name != "RDomain" ? "Unsupported option"
                : keyword.Name == "RDomain" ? "not supported on this platform"
                : keyword.Name == "Protocol" ? null : "Deprecated option";
            if (expected is not null && !stderr.Contains(expected)) problems.Add($"{keyword.Name}: expected \"{expected}\", sshd said: {stderr.Trim()}");
        }
        foreach (var name in new[] { "PasswdAuthentication", "UseBlacklist", "PermitRootLogins" })
        {
            Assert.Null(SshdKeywordTable.Find(name));
            Assert.Contains("Bad configuration option", SshdOracle.Test(temp.Write("sshd_config", $"{name} yes\n")).Stderr);
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Values_are_accepted_refused_and_printed_as_sshd_does()
    {
        using var temp = new TempDir();
        var problems = new List<string>();
        var cases = 0;
        foreach (var keyword in SshdKeywordTable.All.Where(k => k.Status == SshdKeywordStatus.Supported && CheckedKinds.Contains(k.Kind)))
        foreach (var value in Probes)
        {
            cases++;
            var (run, printed) = SshdOracle.Dump(temp.Write("sshd_config", $"{keyword.Name} {value}\n"), null);
            var sshdAccepts = run.ExitCode == 0;
            var problem = keyword.Validate(new[] { value });
            if (sshdAccepts != (problem is null))
            {
                problems.Add($"`{keyword.Name} {value}`: sshd {(sshdAccepts ? "accepts" : "refuses (" + run.Stderr.Trim() + ")")}, stacklint {(problem is null ? "accepts" : "refuses (" + problem + ")")}");
                continue;
            }
            if (!sshdAccepts || !keyword.CanonicalMatchesDump) continue;
            var key = SshdEvaluator.Target(keyword).DumpName!;
            var shown = printed.TryGetValue(key, out var lines) ? lines[0] : "(nothing)";
            if (shown != keyword.Canonical(new[] { value })) problems.Add($"`{keyword.Name} {value}`: sshd prints `{shown}`, stacklint `{keyword.Canonical(new[] { value })}`");
        }
        Assert.True(problems.Count == 0, $"{problems.Count} of {cases} cases disagree:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Extra_and_missing_arguments_are_refused_like_sshd()
    {
        using var temp = new TempDir();
        foreach (var line in new[] { "PasswordAuthentication no yes", "Banner /a /b", "PermitUserEnvironment a b", "IPQoS af21 cs1 cs2", "UsePAM" })
        {
            Assert.Equal(255, SshdOracle.Test(temp.Write("sshd_config", line + "\n")).ExitCode);
            var parts = line.Split(' ');
            Assert.NotNull(SshdKeywordTable.Find(parts[0])!.Validate(parts.Skip(1).ToList()));
        }
        foreach (var line in new[] { "AuthorizedKeysFile a b", "ForceCommand /bin/echo a b", "IPQoS af21 cs1", "AllowUsers alice bob" })
        {
            Assert.Equal(0, SshdOracle.Test(temp.Write("sshd_config", line + "\n")).ExitCode);
            var parts = line.Split(' ');
            Assert.Null(SshdKeywordTable.Find(parts[0])!.Validate(parts.Skip(1).ToList()));
        }
    }
}
