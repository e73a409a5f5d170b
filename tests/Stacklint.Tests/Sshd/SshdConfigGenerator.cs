using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Stacklint.Formats.Sshd;

namespace Stacklint.Tests.Sshd;

/// <summary>Random but reproducible sshd configurations for the differential tests: repeated keywords, odd case,
/// <c>=</c> and quotes, Match blocks with lists and negation, Includes (also inside Match blocks) of drop-ins
/// that have Match blocks of their own, <c>Match All</c>, algorithm lists with <c>+</c>/<c>-</c>/<c>^</c>.</summary>
public static class SshdConfigGenerator
{
    private static readonly (string Keyword, string[] Values)[] Pool =
    {
        ("PasswordAuthentication", new[] { "yes", "no" }),
        ("PermitRootLogin", new[] { "yes", "no", "prohibit-password", "without-password", "forced-commands-only" }),
        ("X11Forwarding", new[] { "yes", "no" }),
        ("MaxAuthTries", new[] { "1", "3", "4", "6", "10" }),
        ("MaxSessions", new[] { "2", "10" }),
        ("LoginGraceTime", new[] { "0", "30", "1m", "2m30s", "120" }),
        ("ClientAliveInterval", new[] { "0", "300", "5m" }),
        ("ClientAliveCountMax", new[] { "0", "2", "3" }),
        ("LogLevel", new[] { "QUIET", "ERROR", "INFO", "VERBOSE", "DEBUG2" }),
        ("PermitEmptyPasswords", new[] { "yes", "no" }),
        ("KbdInteractiveAuthentication", new[] { "yes", "no" }),
        ("ChallengeResponseAuthentication", new[] { "yes", "no" }),
        ("UsePAM", new[] { "yes", "no" }),
        ("PubkeyAuthentication", new[] { "yes", "no" }),
        ("HostbasedAuthentication", new[] { "yes", "no" }),
        ("IgnoreRhosts", new[] { "yes", "no", "shosts-only" }),
        ("GatewayPorts", new[] { "yes", "no", "clientspecified" }),
        ("PermitTunnel", new[] { "yes", "no", "point-to-point", "ethernet" }),
        ("StrictModes", new[] { "yes", "no" }),
        ("PermitUserEnvironment", new[] { "yes", "no" }),
        ("AllowTcpForwarding", new[] { "yes", "no", "local", "remote", "all" }),
        ("AllowAgentForwarding", new[] { "yes", "no" }),
        ("Compression", new[] { "yes", "no", "delayed" }),
        ("UseDNS", new[] { "yes", "no" }),
        ("TCPKeepAlive", new[] { "yes", "no" }),
        ("PrintMotd", new[] { "yes", "no" }),
        ("Banner", new[] { "none", "/etc/issue.net" }),
        ("Ciphers", new[] { "+aes128-cbc", "-*-cbc", "^3des-cbc", "chacha20-poly1305@openssh.com,aes256-ctr", "-chacha20*", "aes256-gcm@openssh.com,aes128-ctr" }),
        ("MACs", new[] { "-hmac-sha1*", "+hmac-md5", "hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com", "^hmac-sha1", "-*-etm@openssh.com" }),
        ("KexAlgorithms", new[] { "+diffie-hellman-group14-sha1", "-ecdh-sha2*", "curve25519-sha256,diffie-hellman-group16-sha512", "^diffie-hellman-group1-sha1" }),
        ("HostKeyAlgorithms", new[] { "+ssh-rsa", "ssh-ed25519,rsa-sha2-512", "-ecdsa*" }),
        ("PubkeyAcceptedAlgorithms", new[] { "+ssh-rsa", "ssh-ed25519,rsa-sha2-256", "-ssh-ed25519*" }),
        ("PubkeyAcceptedKeyTypes", new[] { "+ssh-dss", "ssh-ed25519" }),
        ("DisableForwarding", new[] { "yes", "no" }),
        ("PermitTTY", new[] { "yes", "no" }),
        ("MaxStartups", new[] { "10:30:100", "3:50:10", "20" }),
    };

    private static readonly string[] MatchCriteria =
    {
        "User alice", "User bob,carol", "User !alice,*", "User root", "Address 10.0.0.0/8", "Address 192.168.1.0/24,!192.168.1.5",
        "Host *.example.com", "User alice Address 10.0.0.0/8", "LocalPort 22", "LocalAddress 10.0.0.1", "Address 203.0.113.0/24", "User *",
    };

    /// <summary>The connections each generated configuration is evaluated for (null: sshd -T without -C).</summary>
    public static readonly SshdConnection?[] Connections =
    {
        null,
        new("alice", "h1.example.com", "10.1.2.3", "10.0.0.1", 22),
        new("bob", "laptop.example.org", "192.168.1.5", "192.168.1.1", 2222),
        new("root", "scanner.example.net", "203.0.113.9", "10.0.0.1", 22),
        new("carol", "h2.example.com", "192.168.1.7", "10.0.0.2", 22),
    };

    /// <summary>A tree: root-relative path ⇒ content. The main file is <c>etc/ssh/sshd_config</c>.</summary>
    public static Dictionary<string, string> Generate(int seed)
    {
        var random = new Random(seed);
        var files = new Dictionary<string, string>();
        var dropIns = random.Next(0, 3);
        for (var i = 0; i < dropIns; i++)
            files[$"etc/ssh/sshd_config.d/{random.Next(10, 99)}-gen{i}.conf"] = Body(random, random.Next(1, 6), allowInclude: false);
        var main = new StringBuilder();
        if (dropIns > 0 && random.Next(2) == 0) main.AppendLine(Pick(random, "Include /etc/ssh/sshd_config.d/*.conf", "Include sshd_config.d/*.conf"));
        main.Append(Body(random, random.Next(2, 12), allowInclude: dropIns > 0));
        if (dropIns > 0 && random.Next(3) == 0) main.AppendLine("Include sshd_config.d/*.conf");
        files["etc/ssh/sshd_config"] = main.ToString();
        return files;
    }

    private static string Body(Random random, int lines, bool allowInclude)
    {
        var sb = new StringBuilder();
        var inMatch = false;
        for (var i = 0; i < lines; i++)
        {
            var roll = random.Next(10);
            if (roll == 0)
            {
                sb.AppendLine("Match " + (random.Next(6) == 0 ? "All" : Pick(random, MatchCriteria)));
                inMatch = true;
                continue;
            }
            if (roll == 1 && allowInclude)
            {
                sb.AppendLine("Include /etc/ssh/sshd_config.d/*.conf");
                continue;
            }
            if (roll == 2) sb.AppendLine("# a comment");
            var (keyword, values) = Pool[random.Next(Pool.Length)];
            var entry = SshdKeywordTable.Find(keyword)!;
            if (inMatch && !entry.AllowedInMatch) continue;
            sb.AppendLine((inMatch && random.Next(2) == 0 ? "    " : "") + Line(random, keyword, Pick(random, values)));
        }
        return sb.ToString();
    }

    private static string Line(Random random, string keyword, string value)
    {
        var spelled = random.Next(4) switch { 0 => keyword.ToLowerInvariant(), 1 => keyword.ToUpperInvariant(), _ => keyword };
        var separator = Pick(random, " ", "=", " = ", "\t", "  ");
        var quoted = random.Next(5) == 0 ? "\"" + value + "\"" : value;
        return spelled + separator + quoted;
    }

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];
}
