using System;
using System.Linq;

namespace Stacklint.Rules.Compose;

/// <summary>
/// Which environment keys name secrets (README S10) and how their values are shown. A minimal stand-in for the shared
/// secret knowledge being written on the <c>dotenv</c> branch (<c>src/Stacklint.Core/Secrets/</c>: secret names, weak
/// values, masking): when both branches are merged, DCO009 and DCO017 should use that and this class should go.
/// </summary>
internal static class ComposeSecrets
{
    private static readonly string[] SecretParts =
    {
        "PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "PRIVATE_KEY", "API_KEY", "APIKEY", "ACCESS_KEY", "CREDENTIAL",
        "AUTH_KEY", "ENCRYPTION_KEY", "SIGNING_KEY", "MASTER_KEY",
    };

    private static readonly string[] SecretSuffixes = { "_KEY", "_PASS", "_PWD", "_PSK" };

    /// <summary>Keys that name a secret's place or a property of it, not the secret.</summary>
    private static readonly string[] NotSecretSuffixes =
    {
        "_FILE", "_PATH", "_DIR", "_NAME", "_ID", "_USER", "_USERNAME", "_LENGTH", "_MIN_LENGTH", "_TTL", "_EXPIRES_IN", "_EXPIRY",
        "_EXPIRATION", "_TIMEOUT", "_ALGORITHM", "_ALG", "_ENABLED", "_HEADER", "_PREFIX", "_TYPE", "_METHOD", "_POLICY", "_ROUNDS",
        "_COST", "_URL", "_HOST", "_PORT",
    };

    private static readonly string[] NotSecretParts = { "PUBLIC_KEY", "PUBLISHABLE_KEY", "ALLOW_EMPTY", "RANDOM_ROOT_PASSWORD" };

    /// <summary>The key (compared upper case) names a secret: <c>POSTGRES_PASSWORD</c>, <c>JWT_SECRET</c>, <c>STRIPE_API_KEY</c>;
    /// not <c>POSTGRES_PASSWORD_FILE</c>, <c>TOKEN_TTL</c>, <c>STRIPE_PUBLISHABLE_KEY</c>.</summary>
    public static bool IsSecretName(string key)
    {
        var upper = key.ToUpperInvariant().Replace('-', '_').Replace('.', '_');
        if (NotSecretSuffixes.Any(s => upper.EndsWith(s, StringComparison.Ordinal))) return false;
        if (NotSecretParts.Any(p => upper.Contains(p))) return false;
        return SecretParts.Any(p => upper.Contains(p)) || SecretSuffixes.Any(s => upper.EndsWith(s, StringComparison.Ordinal));
    }

    /// <summary><c>true</c>, <c>no</c>, <c>1</c>…: a switch, never a secret.</summary>
    public static bool IsBooleanWord(string value) =>
        value.Trim().ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "0" or "1";

    /// <summary>The first two characters and asterisks (<c>hu****</c>); the length is not shown.</summary>
    public static string Mask(string secret) => secret.Length <= 2 ? "****" : secret.Substring(0, 2) + "****";
}
