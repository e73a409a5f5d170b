using System;
using System.Collections.Generic;
using System.Linq;
using static Stacklint.Formats.Sshd.SshdValueKind;

namespace Stacklint.Formats.Sshd;

/// <summary>
/// Every keyword servconf.c of OpenSSH 9.2p1 (Debian bookworm, with its GSSAPI key-exchange patch) recognises.
/// </summary>
/// <remarks>
/// Derived from the binary and checked against it (tests/Stacklint.Tests/Sshd/SshdKeywordTableTests.cs): names from
/// servconf.c's keyword table, Match permission from <c>sshd -t</c> with the keyword inside a non-matching Match block,
/// deprecated/unsupported from sshd's warnings, defaults from <c>sshd -T</c> on an empty file.
/// </remarks>
public static class SshdKeywordTable
{
    private static readonly Dictionary<string, string> Tcpforward = Map("yes=yes", "all=yes", "no=no", "local=local", "remote=remote");

    private static readonly SshdKeyword[] Keywords =
    {
        G("UsePAM", Flag, "no"),
        Old("PAMAuthenticationViaKbdInt"),
        new("Port", SshdValueKind.Port, false, "22", accumulates: true),
        new("HostKey", Word, false, null, accumulates: true),
        new("HostDSAKey", Word, false, null, aliasOf: "HostKey", accumulates: true),
        G("HostKeyAgent", Word, "none"),
        G("PidFile", Word, "/run/sshd.pid"),
        G("ModuliFile", Word, "/etc/ssh/moduli"),
        Old("ServerKeyBits"),
        G("LoginGraceTime", Time, "120"),
        Old("KeyRegenerationInterval"),
        M("PermitRootLogin", Choice, "without-password",
            Map("yes=yes", "no=no", "prohibit-password=without-password", "without-password=without-password", "forced-commands-only=forced-commands-only")),
        G("SyslogFacility", Choice, "AUTH",
            Map("DAEMON=DAEMON", "USER=USER", "AUTH=AUTH", "AUTHPRIV=AUTHPRIV", "LOCAL0=LOCAL0", "LOCAL1=LOCAL1", "LOCAL2=LOCAL2",
                "LOCAL3=LOCAL3", "LOCAL4=LOCAL4", "LOCAL5=LOCAL5", "LOCAL6=LOCAL6", "LOCAL7=LOCAL7")),
        M("LogLevel", Choice, "INFO",
            Map("QUIET=SILENT", "SILENT=SILENT", "FATAL=FATAL", "ERROR=ERROR", "INFO=INFO", "VERBOSE=VERBOSE", "DEBUG=DEBUG", "DEBUG1=DEBUG",
                "DEBUG2=DEBUG2", "DEBUG3=DEBUG3")),
        M("LogVerbose", Words, null),
        Old("RhostsAuthentication"),
        Old("RhostsRSAAuthentication", inMatch: true),
        M("HostbasedAuthentication", Flag, "no"),
        M("HostbasedUsesNameFromPacketOnly", Flag, "no"),
        Algo("HostbasedAcceptedAlgorithms", SshdAlgorithmKind.HostbasedAcceptedAlgorithms, true),
        Alias("HostbasedAcceptedKeyTypes", "HostbasedAcceptedAlgorithms", true, SshdValueKind.Algorithms, SshdAlgorithmKind.HostbasedAcceptedAlgorithms),
        Algo("HostKeyAlgorithms", SshdAlgorithmKind.HostKeyAlgorithms, false),
        Old("RSAAuthentication", inMatch: true),
        M("PubkeyAuthentication", Flag, "yes"),
        Algo("PubkeyAcceptedAlgorithms", SshdAlgorithmKind.PubkeyAcceptedAlgorithms, true),
        Alias("PubkeyAcceptedKeyTypes", "PubkeyAcceptedAlgorithms", true, SshdValueKind.Algorithms, SshdAlgorithmKind.PubkeyAcceptedAlgorithms),
        M("PubkeyAuthOptions", Words, "none"),
        Alias("DSAAuthentication", "PubkeyAuthentication", false, Flag),
        M("KerberosAuthentication", Flag, "no"),
        G("KerberosOrLocalPasswd", Flag, "yes"),
        G("KerberosTicketCleanup", Flag, "yes"),
        Old("KerberosGetAFSToken", SshdKeywordStatus.Unsupported),
        Old("KerberosTgtPassing", SshdKeywordStatus.Unsupported),
        Old("AFSTokenPassing", SshdKeywordStatus.Unsupported),
        M("GSSAPIAuthentication", Flag, "no"),
        G("GSSAPICleanupCredentials", Flag, "yes"),
        Alias("GSSAPICleanupCreds", "GSSAPICleanupCredentials", false, Flag),
        G("GSSAPIStrictAcceptorCheck", Flag, "yes"),
        G("GSSAPIKeyExchange", Flag, "no"),
        G("GSSAPIStoreCredentialsOnRekey", Flag, "no"),
        G("GSSAPIKexAlgorithms", Word, "gss-group14-sha256-,gss-group16-sha512-,gss-nistp256-sha256-,gss-curve25519-sha256-,gss-group14-sha1-,gss-gex-sha1-"),
        Old("GSSUseSessionCCache", SshdKeywordStatus.Unsupported),
        Old("GSSAPIUseSessionCredCache", SshdKeywordStatus.Unsupported),
        M("PasswordAuthentication", Flag, "yes"),
        M("KbdInteractiveAuthentication", Flag, "yes"),
        Alias("ChallengeResponseAuthentication", "KbdInteractiveAuthentication", true, Flag),
        Alias("SkeyAuthentication", "KbdInteractiveAuthentication", true, Flag),
        Old("CheckMail"),
        new("ListenAddress", Words, false, "0.0.0.0:22", accumulates: true),
        G("AddressFamily", Choice, "any", Map("inet=inet", "inet6=inet6", "any=any")),
        G("PrintMotd", Flag, "yes"),
        G("PrintLastLog", Flag, "yes"),
        M("IgnoreRhosts", Choice, "yes", Map("yes=yes", "no=no", "shosts-only=shosts-only")),
        G("IgnoreUserKnownHosts", Flag, "no"),
        M("X11Forwarding", Flag, "no"),
        M("X11DisplayOffset", Integer, "10"),
        M("X11UseLocalhost", Flag, "yes"),
        G("XAuthLocation", Word, "/usr/bin/xauth"),
        G("StrictModes", Flag, "yes"),
        Old("PermitBlacklistedKeys"),
        M("PermitEmptyPasswords", Flag, "no"),
        G("PermitUserEnvironment", Word, "no"),
        Old("UseLogin"),
        G("Compression", Choice, "yes", Map("yes=yes", "delayed=yes", "no=no")),
        M("RekeyLimit", Pair, "0 0"),
        G("TCPKeepAlive", Flag, "yes"),
        Alias("KeepAlive", "TCPKeepAlive", false, Flag),
        M("AllowTcpForwarding", Choice, "yes", Tcpforward),
        M("AllowAgentForwarding", Flag, "yes"),
        new("AllowUsers", Words, true, null, accumulates: true),
        new("DenyUsers", Words, true, null, accumulates: true),
        new("AllowGroups", Words, true, null, accumulates: true),
        new("DenyGroups", Words, true, null, accumulates: true),
        Algo("Ciphers", SshdAlgorithmKind.Ciphers, false),
        Algo("MACs", SshdAlgorithmKind.MACs, false),
        // Protocol is still parsed (sIgnore) but has no effect; SSH018 explains it.
        new("Protocol", Ignored, false, null, status: SshdKeywordStatus.Deprecated),
        M("GatewayPorts", Choice, "no", Map("no=no", "yes=yes", "clientspecified=clientspecified")),
        new("Subsystem", Words, false, null, accumulates: true),
        new("MaxStartups", Startups, false, "10:30:100", lastWins: true),
        new("PerSourceMaxStartups", Spec, false, "none", lastWins: true),
        new("PerSourceNetBlockSize", Spec, false, "32:128", lastWins: true),
        M("MaxAuthTries", Integer, "6"),
        M("MaxSessions", Integer, "10"),
        M("Banner", Word, "none"),
        G("UseDNS", Flag, "no"),
        Old("VerifyReverseMapping"),
        Old("ReverseMappingCheck"),
        M("ClientAliveInterval", Time, "0"),
        M("ClientAliveCountMax", Integer, "3"),
        M("AuthorizedKeysFile", Words, ".ssh/authorized_keys .ssh/authorized_keys2"),
        Old("AuthorizedKeysFile2", inMatch: true),
        Old("UsePrivilegeSeparation"),
        Algo("KexAlgorithms", SshdAlgorithmKind.KexAlgorithms, false),
        new("AcceptEnv", Words, true, null, accumulates: true),
        M("SetEnv", Words, null),
        M("PermitTunnel", Choice, "no", Map("yes=yes", "point-to-point=point-to-point", "ethernet=ethernet", "no=no"), ignoreCase: false),
        M("PermitTTY", Flag, "yes"),
        M("PermitUserRC", Flag, "yes"),
        M("Match", Words, null),
        M("PermitOpen", Words, "any"),
        M("PermitListen", Words, "any"),
        M("ForceCommand", Words, "none"),
        M("ChrootDirectory", Word, "none"),
        new("HostCertificate", Word, false, null, accumulates: true),
        M("RevokedKeys", Word, "none"),
        M("TrustedUserCAKeys", Word, "none"),
        M("AuthorizedPrincipalsFile", Word, "none"),
        M("Include", Words, null),
        new("IPQoS", Pair, true, "lowdelay throughput", lastWins: true),
        M("AuthorizedKeysCommand", Words, "none"),
        M("AuthorizedKeysCommandUser", Word, "none"),
        M("AuthorizedPrincipalsCommand", Words, "none"),
        M("AuthorizedPrincipalsCommandUser", Word, "none"),
        G("VersionAddendum", Words, "none"),
        M("AuthenticationMethods", Words, "any"),
        new("StreamLocalBindMask", Spec, true, "0177", lastWins: true),
        M("StreamLocalBindUnlink", Flag, "no"),
        M("AllowStreamLocalForwarding", Choice, "yes", Tcpforward),
        new("FingerprintHash", Choice, false, "SHA256", choices: Map("md5=MD5", "sha1=SHA1", "sha256=SHA256", "sha384=SHA384", "sha512=SHA512"), lastWins: true),
        M("DisableForwarding", Flag, "no"),
        M("ExposeAuthInfo", Flag, "no"),
        // Linux builds reject it at run time ("not supported on this platform"), so it is marked unsupported here.
        new("RDomain", Ignored, true, null, status: SshdKeywordStatus.Unsupported),
        Algo("CASignatureAlgorithms", SshdAlgorithmKind.CASignatureAlgorithms, true),
        G("SecurityKeyProvider", Word, "internal"),
        M("RequiredRSASize", Integer, "1024"),
        M("ChannelTimeout", Words, null),
        M("UnusedConnectionTimeout", TimeOrNone, "none"),
        // Debian's patch: sshd -T does not print it.
        new("DebianBanner", Flag, false, null, dumped: false),
    };

    private static readonly Dictionary<string, SshdKeyword> ByName =
        Keywords.ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<SshdKeyword> All => Keywords;

    /// <summary>The keyword, compared case-insensitively as sshd does; null when sshd does not know it.</summary>
    public static SshdKeyword? Find(string name) => ByName.TryGetValue(name, out var keyword) ? keyword : null;

    private static SshdKeyword G(string name, SshdValueKind kind, string? @default, Dictionary<string, string>? choices = null) =>
        new(name, kind, false, @default, choices: choices);

    private static SshdKeyword M(string name, SshdValueKind kind, string? @default, Dictionary<string, string>? choices = null, bool ignoreCase = true) =>
        new(name, kind, true, @default, choices: choices, choicesIgnoreCase: ignoreCase);

    private static SshdKeyword Algo(string name, SshdAlgorithmKind kind, bool inMatch) =>
        new(name, SshdValueKind.Algorithms, inMatch, string.Join(",", SshdAlgorithms.Defaults(kind)), algorithms: kind);

    private static SshdKeyword Alias(string name, string target, bool inMatch, SshdValueKind kind, SshdAlgorithmKind? algorithms = null) =>
        new(name, kind, inMatch, null, aliasOf: target, algorithms: algorithms);

    private static SshdKeyword Old(string name, SshdKeywordStatus status = SshdKeywordStatus.Deprecated, bool inMatch = false) =>
        new(name, Ignored, inMatch, null, status: status);

    private static Dictionary<string, string> Map(params string[] pairs) =>
        pairs.Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
}
