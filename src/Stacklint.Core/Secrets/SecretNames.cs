using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Stacklint.Secrets;

/// <summary>
/// What a variable's name says about its value. A name is split into words (<c>_ . -</c>, and lower-to-upper case
/// changes: <c>dbPassword</c> ⇒ DB, PASSWORD). It names a secret when a secret word — PASSWORD, PASSWD, PASS, PWD, PW,
/// PASSPHRASE, SECRET, TOKEN, CREDENTIALS, CREDS, APIKEY, or KEY as the last word (<c>API_KEY</c>, <c>PRIVATE_KEY</c>,
/// <c>AWS_SECRET_ACCESS_KEY</c>) — is followed only by qualifiers (<c>_HEX</c>, <c>_PROD</c>, <c>_BASE</c>, <c>_V2</c> …).
/// So <c>JWT_SECRET</c>, <c>DB_PASSWORD_PROD</c> and <c>MASTER_KEY_HEX</c> are secrets; <c>AWS_ACCESS_KEY_ID</c>,
/// <c>PUBLIC_KEY</c>, <c>RECAPTCHA_SITE_KEY</c>, <c>DB_PASSWORD_FILE</c>, <c>TOKEN_EXPIRES_IN</c>,
/// <c>PASSWORD_MIN_LENGTH</c> and switches such as <c>MYSQL_ALLOW_EMPTY_PASSWORD</c> are not.
/// </summary>
public static class SecretNames
{
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "PASSWORD", "PASSWORDS", "PASSWD", "PASS", "PWD", "PW", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "TOKENS",
        "CREDENTIAL", "CREDENTIALS", "CREDS", "APIKEY", "PRIVATEKEY", "SECRETKEY", "ACCESSKEY", "AUTHKEY", "AUTHTOKEN",
        "APITOKEN", "KEY",
    };

    /// <summary>Glued forms (<c>DBPASSWORD</c>, <c>MYSQLROOTPASSWORD</c>) count by their ending.</summary>
    private static readonly string[] SecretEndings = { "PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "PASSPHRASE" };

    /// <summary>Words that may follow a secret word without changing what the value is.</summary>
    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal)
    {
        "HEX", "B64", "BASE64", "RAW", "BASE", "VALUE", "STRING", "ENCODED", "PLAIN", "JSON", "PEM", "PROD", "PRODUCTION", "DEV",
        "DEVELOPMENT", "STAGING", "STAGE", "TEST", "LIVE", "OLD", "NEW", "PREV", "PREVIOUS", "CURRENT", "NEXT", "PRIMARY",
        "SECONDARY", "BACKUP", "LOCAL", "REMOTE", "REFRESH",
    };

    /// <summary>Words before KEY that make it a public or non-secret key.</summary>
    private static readonly HashSet<string> NonSecretKeyOwners = new(StringComparer.Ordinal)
    {
        "PUBLIC", "PUBLISHABLE", "PUB", "SITE", "CACHE", "SORT", "PARTITION", "PRIMARY", "FOREIGN", "ROUTING", "SHARD",
        "LOOKUP", "HOT", "MAP", "INDEX", "CURSOR", "OBJECT", "BUCKET", "S3", "IDEMPOTENCY",
    };

    /// <summary>Words that make the variable a switch about a secret, not a secret.</summary>
    private static readonly HashSet<string> Switches = new(StringComparer.Ordinal)
        { "ALLOW", "EMPTY", "RANDOM", "SKIP", "GENERATE", "DISABLE", "DISABLED", "ENABLE", "ENABLED", "REQUIRE", "REQUIRED", "NO", "USE" };

    /// <summary>Words that mark a signing or encryption secret (a key for HMAC, AES, sessions, cookies).</summary>
    private static readonly HashSet<string> SigningWords = new(StringComparer.Ordinal)
    {
        "JWT", "JWS", "JWE", "SIGNING", "SIGNATURE", "SIGN", "HMAC", "ENCRYPTION", "ENCRYPT", "CRYPT", "CRYPTO", "CIPHER",
        "MASTER", "SESSION", "SESSIONS", "COOKIE", "COOKIES", "CSRF", "XSRF", "NEXTAUTH", "BETTER",
    };

    /// <summary>Whole names of framework signing secrets.</summary>
    private static readonly HashSet<string> SigningNames = new(StringComparer.Ordinal)
    {
        "SECRET", "SECRET_KEY", "SECRET_KEY_BASE", "APP_KEY", "APP_SECRET", "AUTH_SECRET", "DJANGO_SECRET_KEY",
        "FLASK_SECRET_KEY", "RAILS_SECRET_KEY_BASE", "LARAVEL_APP_KEY", "SECRETKEY", "APPLICATION_SECRET",
    };

    /// <summary>The words of a name, upper case.</summary>
    public static IReadOnlyList<string> Words(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }
            // dbPassword ⇒ db|Password; APIKey ⇒ API|Key.
            if (current.Length > 0 && char.IsUpper(c)
                && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                Flush();
            current.Append(char.ToUpperInvariant(c));
        }
        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0) words.Add(current.ToString());
            current.Clear();
        }
    }

    /// <summary>Does the name say its value is a secret?</summary>
    public static bool IsSecret(string name) => SecretWordIndex(Words(name)) >= 0;

    /// <summary>A signing or encryption secret (<c>JWT_SECRET</c>, <c>SESSION_SECRET</c>, <c>ENCRYPTION_KEY</c>,
    /// <c>SECRET_KEY_BASE</c>, <c>APP_KEY</c> …), which must be long and random (32 bytes or more).</summary>
    public static bool IsSigningSecret(string name)
    {
        var words = Words(name);
        var at = SecretWordIndex(words);
        if (at < 0) return false;
        if (SigningNames.Contains(string.Join("_", words))) return true;
        if (words[at] is not ("SECRET" or "KEY" or "SECRETKEY" or "SECRETS")) return false;
        return words.Take(at).Any(SigningWords.Contains);
    }

    /// <summary>A password for a login (as opposed to a token or key issued by someone else).</summary>
    public static bool IsPassword(string name)
    {
        var words = Words(name);
        var at = SecretWordIndex(words);
        return at >= 0 && (words[at] is "PASSWORD" or "PASSWORDS" or "PASSWD" or "PASS" or "PWD" or "PW" or "PASSPHRASE"
                           || words[at].EndsWith("PASSWORD", StringComparison.Ordinal) || words[at].EndsWith("PASSWD", StringComparison.Ordinal));
    }

    /// <summary>The words before the secret word (<c>POSTGRES</c> for <c>POSTGRES_PASSWORD</c>, <c>MYSQL ROOT</c> for
    /// <c>MYSQL_ROOT_PASSWORD</c>), which name whose secret it is; empty when the name is no secret.</summary>
    public static IReadOnlyList<string> Owner(string name)
    {
        var words = Words(name);
        var at = SecretWordIndex(words);
        if (at < 0) return Array.Empty<string>();
        // MINIO_SECRET_KEY and AWS_SECRET_ACCESS_KEY belong to MINIO and AWS.
        var owner = words.Take(at).ToList();
        while (owner.Count > 0 && owner[owner.Count - 1] is "SECRET" or "ACCESS" or "API" or "PRIVATE" or "AUTH") owner.RemoveAt(owner.Count - 1);
        return owner;
    }

    /// <summary>Is this the user name that goes with a secret owned by <paramref name="owner"/>
    /// (<c>POSTGRES_USER</c>, <c>DB_USERNAME</c>, <c>MINIO_ROOT_USER</c>, <c>MINIO_ACCESS_KEY</c> …)?</summary>
    public static bool IsUserFor(string name, IReadOnlyList<string> owner)
    {
        var words = Words(name);
        if (words.Count == 0) return false;
        var last = words[words.Count - 1];
        IReadOnlyList<string> prefix;
        if (last is "USER" or "USERNAME" or "USR" or "LOGIN" or "UID") prefix = words.Take(words.Count - 1).ToList();
        else if (words.Count >= 2 && words[words.Count - 2] == "USER" && last == "NAME") prefix = words.Take(words.Count - 2).ToList();
        else if (words.Count >= 2 && words[words.Count - 2] == "ACCESS" && last == "KEY") prefix = words.Take(words.Count - 2).ToList();
        else return false;
        static IEnumerable<string> Core(IEnumerable<string> w) => w.Where(x => x != "ROOT" && x != "ADMIN");
        return prefix.SequenceEqual(owner) || Core(prefix).SequenceEqual(Core(owner));
    }

    /// <summary>Where the secret word is, or -1 when the name is no secret.</summary>
    private static int SecretWordIndex(IReadOnlyList<string> words)
    {
        for (var i = words.Count - 1; i >= 0; i--)
        {
            if (!IsSecretWord(words[i])) continue;
            // Only qualifiers may follow: DB_PASSWORD_FILE, TOKEN_EXPIRES_IN and AWS_ACCESS_KEY_ID are not secrets.
            if (words.Skip(i + 1).Any(w => !Qualifiers.Contains(w) && !w.All(char.IsDigit) && !(w.Length == 2 && w[0] == 'V' && char.IsDigit(w[1])))) return -1;
            if (words.Take(i).Any(Switches.Contains)) return -1;
            if (words[i] == "KEY" && i > 0 && NonSecretKeyOwners.Contains(words[i - 1])) return -1;
            return i;
        }
        return -1;
    }

    private static bool IsSecretWord(string word) =>
        SecretWords.Contains(word) || (word.Length > 6 && SecretEndings.Any(e => word.EndsWith(e, StringComparison.Ordinal)));
}
