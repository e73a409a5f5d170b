using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Formats.DotEnv;
using Stacklint.Secrets;
using Stacklint.Stack;

namespace Stacklint.Rules.DotEnv;

/// <summary>A secret a .env file gives a value to: a secret-named variable, or the password in a URL (<c>DATABASE_URL=
/// postgres://app:pw@db/app</c>). <see cref="Name"/> names it in messages (the variable, or "the password in
/// DATABASE_URL"); <see cref="Span"/> is where the value is written.</summary>
internal sealed record DotEnvSecret(DotEnvEntry Entry, string Name, string Value, TextSpan Span, string? User, string? UserKey,
    IReadOnlyList<string> OwnerWords, bool InUrl);

/// <summary>The secrets of a .env file as the rules judge them: the values Compose ends up with (the last entry per
/// key), written literally (a value built from <c>${OTHER}</c> is judged where OTHER is set), not empty.</summary>
internal static class DotEnvSecrets
{
    public static IEnumerable<DotEnvSecret> Of(DotEnvDocument document)
    {
        foreach (var entry in document.Effective())
        {
            if (entry.Literal is not { Length: > 0 } literal) continue;
            if (SecretNames.IsSecret(entry.Key))
            {
                var owner = SecretNames.Owner(entry.Key);
                var user = document.Effective().FirstOrDefault(e => e != entry && e.Literal is { Length: > 0 } && SecretNames.IsUserFor(e.Key, owner));
                // A root password's user is root (MYSQL_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD).
                var userValue = user?.Literal ?? (SecretNames.Words(entry.Key).Contains("ROOT") ? "root" : null);
                yield return new DotEnvSecret(entry, $"`{entry.Key}`", literal, entry.ValueSpan, userValue, user?.Key, owner, InUrl: false);
                continue;
            }
            // Only a value written as it is read (unquoted or single-quoted) maps character by character onto the file.
            if (entry.Quote == DotEnvQuote.Double && entry.Value != document.File.Text.ToString(entry.ValueSpan)) continue;
            foreach (var span in SecretIndex.UrlPasswords(literal))
            {
                var password = Unescape(literal.Substring(span.Start, span.Length));
                var userStart = literal.LastIndexOf("//", span.Start, StringComparison.Ordinal) + 2;
                var user = Unescape(literal.Substring(userStart, span.Start - 1 - userStart));
                var scheme = literal.Substring(0, Math.Max(0, literal.IndexOf("://", StringComparison.Ordinal)));
                yield return new DotEnvSecret(entry, $"the password in `{entry.Key}`", password,
                    new TextSpan(entry.ValueSpan.Start + span.Start, span.Length), user.Length > 0 ? user : null, null,
                    SecretNames.Words(scheme), InUrl: true);
            }
        }
    }

    /// <summary>Whether this secret's value is also a credential that ENV004 reports by its format.</summary>
    public static bool IsKnownCredential(StackModel stack, DotEnvFile file, DotEnvSecret secret) =>
        stack.Credentials.Any(c => c.File == file.File && c.Match.Span.OverlapsWith(secret.Span));

    private static string Unescape(string text)
    {
        try { return Uri.UnescapeDataString(text); }
        catch (UriFormatException) { return text; }
    }
}
