using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Stacklint.Secrets;

/// <summary>Why a secret's value is weak, in words fit for a message (they never quote the value).</summary>
public enum WeakReason { Placeholder, KnownDefault, DictionaryWord, EqualsUser, NamedAfterService, TooShort, LowEntropy }

/// <summary>
/// Judges a secret's value: a placeholder left in place (<c>&lt;your-password&gt;</c>, <c>changeme</c>,
/// <c>your_secret_here</c>), a well-known default (the images' and tutorials' <c>postgres</c>, <c>guest</c>,
/// <c>minioadmin</c>, <c>admin</c>, <c>secret</c>, Django's <c>django-insecure-</c> keys …), a common password with
/// digits or symbols around it or letters swapped for look-alikes (<c>P@ssw0rd123!</c>), the user name or the
/// service's own name, too short, or too predictable (few distinct characters, a sequence, low entropy).
/// </summary>
public static class WeakSecrets
{
    /// <summary>Shorter than this is too short for a password (NIST SP 800-63B asks for at least 8 from users; a
    /// generated service password has no reason to be shorter than 12, and <c>openssl rand -base64 32</c> gives 44).</summary>
    public const int MinimumLength = 12;

    /// <summary>Values that images, tutorials and docker-compose examples ship as defaults, and the most common
    /// passwords. Compared case-insensitively.</summary>
    private static readonly HashSet<string> Defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pass", "passw0rd", "p@ssw0rd", "p@ssword", "pa$$word", "password1", "password123", "pass123",
        "pass1234", "changeme", "change_me", "change-me", "changeit", "change_it", "changethis", "change_this", "changeme123",
        "replaceme", "replace_me", "secret", "secret123", "secrets", "mysecret", "my_secret", "supersecret", "topsecret",
        "secretkey", "secret_key", "secret-key", "s3cr3t", "s3cret", "admin", "admin123", "admin1234", "administrator",
        "root", "toor", "rootpassword", "root_password", "postgres", "postgresql", "pgpassword", "mysql", "mariadb", "mongo",
        "mongodb", "redis", "rabbitmq", "guest", "minioadmin", "minio123", "elastic", "elasticsearch", "changeme!",
        "grafana", "prom-operator", "keycloak", "sa", "oracle", "example", "test", "testing", "test123", "tester", "demo",
        "default", "dev", "development", "letmein", "welcome", "welcome1", "qwerty", "qwerty123", "123456", "1234567",
        "12345678", "123456789", "1234567890", "111111", "000000", "abc123", "iloveyou", "monkey", "dragon", "master",
        "user", "username", "login", "mypassword", "my_password", "my-password", "dbpassword", "db_password", "database",
        "db", "app", "keyboard cat", "keyboardcat", "notasecret", "not-a-secret", "insecure", "unsafe", "none", "null",
        "undefined", "todo", "tbd", "fixme", "foobar", "foo", "bar", "hunter2", "trustno1", "nextcloud", "wordpress",
        "gitea", "gitlab", "jenkins", "nginx", "docker", "ubuntu", "debian", "raspberry", "pi", "vagrant", "openstack",
    };

    /// <summary>Words that, with digits and symbols stripped and look-alikes read back (<c>P@ssw0rd2024!</c> ⇒
    /// password), make a value a dictionary password.</summary>
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "password", "passwort", "passwd", "pass", "secret", "changeme", "admin", "root", "postgres", "mysql", "letmein",
        "welcome", "qwerty", "master", "dragon", "monkey", "iloveyou", "trustno", "summer", "winter", "spring", "autumn",
        "test", "guest", "default", "login", "super", "supersecret", "mypassword", "changeit", "hello", "football",
        "baseball", "shadow", "sunshine", "princess", "azerty", "abc", "abcd", "abcdef", "secretkey",
    };

    private static readonly Regex PlaceholderPattern = new(
        @"^(?:<[^<>]*>|\{\{.*\}\}|\[[^\[\]]*\]|%[A-Za-z_]+%|\*+|\.{2,}|x{3,}|X{3,}|_+|-+|#+|\?+)$" +
        @"|(?i:^your[-_ ]|[-_ ]here$|^(?:please[-_ ]?)?(?:change|replace|insert|enter|put|set|generate|fill)[-_ ]?(?:me|it|this|in|your|with|a[-_ ]|the[-_ ])|change[-_ ]?me|replace[-_ ]?me|placeholder|^dummy|^example|^sample|^todo|^tbd|^fixme|^xxx|openssl rand|^<|>$)",
        RegexOptions.CultureInvariant);

    /// <summary>A placeholder that someone was meant to replace.</summary>
    public static bool IsPlaceholder(string value) => value.Trim().Length > 0 && PlaceholderPattern.IsMatch(value.Trim());

    /// <summary>A value that is no secret because the world knows it (a placeholder, a default, a dictionary password).</summary>
    public static bool IsKnown(string value) => IsPlaceholder(value) || IsDefault(value) || IsDictionaryWord(value);

    /// <summary>A default shipped by images and tutorials, or a common password; also Django's generated-but-public
    /// <c>django-insecure-</c> keys.</summary>
    public static bool IsDefault(string value) =>
        Defaults.Contains(value.Trim()) || value.StartsWith("django-insecure-", StringComparison.Ordinal);

    /// <summary>A common word dressed up with digits, symbols and look-alike characters.</summary>
    public static bool IsDictionaryWord(string value)
    {
        var core = Normalize(value);
        return core.Length >= 3 && (Words.Contains(core) || Defaults.Contains(core));
    }

    /// <summary>The first weakness found, or null. <paramref name="user"/> is the value of the matching user variable
    /// (<c>POSTGRES_USER</c> for <c>POSTGRES_PASSWORD</c>); <paramref name="ownerWords"/> are the name's words before the
    /// secret word (<c>POSTGRES</c>).</summary>
    public static WeakReason? Judge(string value, string? user, IReadOnlyList<string> ownerWords, int minimumLength = MinimumLength)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0) return null;
        if (IsPlaceholder(trimmed)) return WeakReason.Placeholder;
        if (user is { Length: > 0 } && string.Equals(trimmed, user, StringComparison.OrdinalIgnoreCase)) return WeakReason.EqualsUser;
        if (IsDefault(trimmed)) return WeakReason.KnownDefault;
        if (ownerWords.Any(w => w.Length >= 2 && string.Equals(w, trimmed, StringComparison.OrdinalIgnoreCase))) return WeakReason.NamedAfterService;
        if (IsDictionaryWord(trimmed)) return WeakReason.DictionaryWord;
        if (trimmed.Length < minimumLength) return WeakReason.TooShort;
        if (Entropy.IsLow(trimmed)) return WeakReason.LowEntropy;
        return null;
    }

    /// <summary>The reason as a phrase: "is a well-known default".</summary>
    public static string Describe(WeakReason reason, int length, string? userKey) => reason switch
    {
        WeakReason.Placeholder => "is a placeholder that was never replaced",
        WeakReason.KnownDefault => "is a well-known default or common password",
        WeakReason.DictionaryWord => "is a common password with digits or symbols added",
        WeakReason.EqualsUser => $"is the same as the user name{(userKey is null ? "" : $" ({userKey})")}",
        WeakReason.NamedAfterService => "is the service's own name",
        WeakReason.TooShort => $"is only {length} character{(length == 1 ? "" : "s")} long (use at least {MinimumLength}, better 32 random characters)",
        WeakReason.LowEntropy => "is too predictable (few distinct characters, a sequence or a repeated pattern)",
        _ => "is weak",
    };

    /// <summary>Lower case, look-alikes read back as letters, digits and symbols at either end removed.</summary>
    private static string Normalize(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value.Trim().ToLowerInvariant())
            sb.Append(c switch { '@' => 'a', '4' => 'a', '3' => 'e', '1' => 'i', '!' => 'i', '0' => 'o', '$' => 's', '5' => 's', '7' => 't', '+' => 't', _ => c });
        var text = sb.ToString();
        // What was a digit or symbol on the outside (Password2024!, !admin1) is padding, not part of the word.
        var original = value.Trim().ToLowerInvariant();
        int start = 0, end = original.Length;
        while (start < end && !char.IsLetter(original[start]) && !IsLookAlike(original, start)) start++;
        while (end > start && !char.IsLetter(original[end - 1])) end--;
        var core = text.Substring(start, end - start);
        return new string(core.Where(char.IsLetter).ToArray());
    }

    /// <summary>A look-alike inside a word (<c>p@ss</c>), not padding at its start (<c>2024secret</c>).</summary>
    private static bool IsLookAlike(string text, int at) =>
        text[at] is '@' or '$' && at + 1 < text.Length && char.IsLetter(text[at + 1]);
}
