using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Formats.Sshd;

public enum SshdAlgorithmKind
{
    Ciphers,
    MACs,
    KexAlgorithms,
    HostKeyAlgorithms,
    PubkeyAcceptedAlgorithms,
    HostbasedAcceptedAlgorithms,
    CASignatureAlgorithms,
}

/// <summary>
/// The algorithm names OpenSSH 9.2 knows, its default lists, and <c>kex_assemble_names()</c> (kex.c), which turns a
/// configured list with its <c>+</c>/<c>-</c>/<c>^</c> prefix and wildcards into the list sshd offers.
/// </summary>
/// <remarks>Lists as printed by <c>ssh -Q cipher|mac|kex|key-sig|sig</c> and <c>sshd -T</c> of Debian's OpenSSH 9.2p1.</remarks>
public static class SshdAlgorithms
{
    private static readonly string[] Ciphers =
    {
        "3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc", "aes128-ctr", "aes192-ctr", "aes256-ctr",
        "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com",
    };

    private static readonly string[] Macs =
    {
        "hmac-sha1", "hmac-sha1-96", "hmac-sha2-256", "hmac-sha2-512", "hmac-md5", "hmac-md5-96",
        "umac-64@openssh.com", "umac-128@openssh.com", "hmac-sha1-etm@openssh.com", "hmac-sha1-96-etm@openssh.com",
        "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-md5-etm@openssh.com",
        "hmac-md5-96-etm@openssh.com", "umac-64-etm@openssh.com", "umac-128-etm@openssh.com",
    };

    private static readonly string[] Kex =
    {
        "diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group14-sha256",
        "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group-exchange-sha1",
        "diffie-hellman-group-exchange-sha256", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
        "curve25519-sha256", "curve25519-sha256@libssh.org", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com",
    };

    /// <summary><c>sshkey_alg_list(0, 0, 1)</c>: every key and signature type, certificates included.</summary>
    private static readonly string[] Keys =
    {
        "ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com", "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com",
        "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
        "webauthn-sk-ecdsa-sha2-nistp256@openssh.com", "ssh-dss", "ssh-dss-cert-v01@openssh.com", "ssh-rsa",
        "ssh-rsa-cert-v01@openssh.com", "rsa-sha2-256", "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512",
        "rsa-sha2-512-cert-v01@openssh.com",
    };

    /// <summary><c>sshkey_alg_list(0, 1, 1)</c>: plain signature types, the universe for CASignatureAlgorithms.</summary>
    private static readonly string[] Signatures =
    {
        "ssh-ed25519", "sk-ssh-ed25519@openssh.com", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ecdsa-sha2-nistp256@openssh.com", "webauthn-sk-ecdsa-sha2-nistp256@openssh.com", "ssh-dss", "ssh-rsa",
        "rsa-sha2-256", "rsa-sha2-512",
    };

    private static readonly string[] DefaultCiphers =
    {
        "chacha20-poly1305@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
    };

    private static readonly string[] DefaultMacs =
    {
        "umac-64-etm@openssh.com", "umac-128-etm@openssh.com", "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
        "hmac-sha1-etm@openssh.com", "umac-64@openssh.com", "umac-128@openssh.com", "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1",
    };

    private static readonly string[] DefaultKex =
    {
        "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com", "curve25519-sha256", "curve25519-sha256@libssh.org",
        "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "diffie-hellman-group-exchange-sha256",
        "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256",
    };

    private static readonly string[] DefaultKeys =
    {
        "ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
        "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
        "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com", "ssh-ed25519", "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
        "rsa-sha2-512", "rsa-sha2-256",
    };

    private static readonly string[] DefaultCaSignatures =
    {
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com", "rsa-sha2-512", "rsa-sha2-256",
    };

    /// <summary>Every name sshd accepts for the list (the <c>all</c> argument of kex_assemble_names).</summary>
    public static IReadOnlyList<string> Supported(SshdAlgorithmKind kind) => kind switch
    {
        SshdAlgorithmKind.Ciphers => Ciphers,
        SshdAlgorithmKind.MACs => Macs,
        SshdAlgorithmKind.KexAlgorithms => Kex,
        SshdAlgorithmKind.CASignatureAlgorithms => Signatures,
        _ => Keys,
    };

    /// <summary>The list sshd 9.2 offers when the keyword is not set.</summary>
    public static IReadOnlyList<string> Defaults(SshdAlgorithmKind kind) => kind switch
    {
        SshdAlgorithmKind.Ciphers => DefaultCiphers,
        SshdAlgorithmKind.MACs => DefaultMacs,
        SshdAlgorithmKind.KexAlgorithms => DefaultKex,
        SshdAlgorithmKind.CASignatureAlgorithms => DefaultCaSignatures,
        _ => DefaultKeys,
    };

    /// <summary>
    /// The check servconf.c makes while reading the line: every name after the optional <c>+</c>/<c>^</c> must be a
    /// known algorithm (key type lists may use wildcards that match at least one type); a <c>-</c> list is not checked.
    /// </summary>
    public static string? Validate(SshdAlgorithmKind kind, string spec)
    {
        if (spec.Length == 0) return "empty list";
        if (spec[0] == '-') return null;
        var names = spec[0] is '+' or '^' ? spec.Substring(1) : spec;
        var all = Supported(kind);
        var wildcards = kind is not (SshdAlgorithmKind.Ciphers or SshdAlgorithmKind.MACs or SshdAlgorithmKind.KexAlgorithms);
        foreach (var name in names.Split(','))
        {
            if (name.Length == 0)
            {
                // ciphers_valid/mac_valid/kex_names_valid skip empty names; sshkey_names_valid2 rejects them.
                if (wildcards) return "empty algorithm name";
                continue;
            }
            if (all.Contains(name)) continue;
            if (wildcards && all.Any(a => SshdMatch.Wildcard(a, name))) continue;
            return $"unknown algorithm `{name}`";
        }
        return null;
    }

    /// <summary><c>kex_assemble_names(spec, default, all)</c>.</summary>
    public static bool TryAssemble(SshdAlgorithmKind kind, string spec, out IReadOnlyList<string> list, out string? error)
    {
        var defaults = Defaults(kind);
        var all = Supported(kind);
        list = defaults;
        error = null;
        if (spec.Length == 0) return true;

        IEnumerable<string> patterns;
        switch (spec[0])
        {
            case '-':
                var remove = Split(spec.Substring(1));
                var left = defaults.Where(d => !remove.Any(p => SshdMatch.Wildcard(d, p))).ToList();
                // An empty result leaves sshd's list unset, so it falls back to the default (observed with sshd -T).
                list = left.Count == 0 ? defaults : left;
                return true;
            case '+':
                patterns = Concat(defaults, Split(spec.Substring(1)));
                break;
            case '^':
                patterns = Concat(Split(spec.Substring(1)), defaults);
                break;
            default:
                patterns = Split(spec);
                break;
        }

        var result = new List<string>();
        foreach (var pattern in patterns)
        {
            if (pattern.StartsWith("!", StringComparison.Ordinal))
            {
                error = $"negated pattern `{pattern}` is not allowed here";
                return false;
            }
            foreach (var name in all)
                if (SshdMatch.Wildcard(name, pattern) && !result.Contains(name)) result.Add(name);
        }

        if (result.Count == 0)
        {
            error = "no supported algorithm left";
            return false;
        }
        list = result;
        return true;
    }

    private static List<string> Split(string names) => names.Split(',').Where(n => n.Length > 0).ToList();

    private static IEnumerable<string> Concat(IEnumerable<string> first, IEnumerable<string> second)
    {
        var seen = new List<string>();
        foreach (var name in first.Concat(second))
            if (!seen.Contains(name)) seen.Add(name);
        return seen;
    }
}
