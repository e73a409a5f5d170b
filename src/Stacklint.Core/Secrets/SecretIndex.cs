using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Secrets;

/// <summary>
/// The places in the scanned files that hold secrets, so that nothing shows them: reporters that print file text
/// (a code frame, a SARIF snippet) replace them with stars, fingerprints are computed without them, and the scanner
/// masks a finding's message that would quote one. Loaders mark what they know to be secret: values of secret-named
/// variables, credentials recognised by format, passwords in URLs. A format that reads secrets (compose's
/// <c>environment:</c>, say) marks its values with <see cref="Mark"/>.
/// </summary>
public sealed class SecretIndex
{
    /// <summary>Secrets at least this long that look generated (or are credentials recognised by form) are masked in
    /// messages wherever they appear; shorter or word-like ones (a default such as <c>postgres</c>) would mask ordinary
    /// words, and rules never quote values anyway.</summary>
    public const int MessageMaskLength = 12;

    private static readonly Regex UrlPassword = new(@"[A-Za-z][A-Za-z0-9+.\-]{1,20}://[^\s:/@""'`]*:(?<password>[^\s@/""'`]+)@", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        TimeSpan.FromSeconds(2));

    private readonly Dictionary<string, List<TextSpan>> _byPath = new(StringComparer.Ordinal);
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);

    /// <summary>Marks <paramref name="span"/> of <paramref name="file"/> as secret.</summary>
    public void Mark(SourceFile file, TextSpan span)
    {
        if (span.Length == 0) return;
        if (!_byPath.TryGetValue(file.RelativePath, out var spans)) _byPath[file.RelativePath] = spans = new List<TextSpan>();
        if (spans.Contains(span)) return;
        spans.Add(span);
        var text = file.Text.ToString(span).Trim();
        if (Entropy.LooksRandom(text, MessageMaskLength, 3.0)) _values.Add(text);
    }

    /// <summary>Marks what any file's text gives away by its form: credentials (<see cref="CredentialFormat"/>) and
    /// passwords in URLs (<c>postgres://app:pw@db</c>). Returns the credentials found.</summary>
    public IReadOnlyList<CredentialMatch> MarkByForm(SourceFile file)
    {
        var text = file.Text.ToString();
        var credentials = CredentialFormat.FindAll(text);
        foreach (var credential in credentials)
        {
            Mark(file, credential.Span);
            if (credential.Value.Trim().Length >= MessageMaskLength) _values.Add(credential.Value.Trim());
        }
        foreach (var span in UrlPasswords(text)) Mark(file, span);
        return credentials;
    }

    /// <summary>Where URLs in <paramref name="text"/> carry a password (<c>scheme://user:password@host</c>).</summary>
    public static IEnumerable<TextSpan> UrlPasswords(string text)
    {
        if (text.IndexOf("://", StringComparison.Ordinal) < 0) yield break;
        MatchCollection matches;
        try { matches = UrlPassword.Matches(text); _ = matches.Count; }
        catch (RegexMatchTimeoutException) { yield break; }
        foreach (Match match in matches)
        {
            var password = match.Groups["password"];
            // ${DB_PASSWORD} is a reference, not a password.
            if (password.Value.StartsWith("$", StringComparison.Ordinal)) continue;
            yield return new TextSpan(password.Index, password.Length);
        }
    }

    /// <summary>The secret places of a file (by its shown path).</summary>
    public IReadOnlyList<TextSpan> In(string path) =>
        _byPath.TryGetValue(path, out var spans) ? spans : (IReadOnlyList<TextSpan>)Array.Empty<TextSpan>();

    public bool IsEmpty => _byPath.Count == 0;

    /// <summary>The text of <paramref name="span"/> with every secret in it replaced by stars, one per character (so
    /// columns still line up); line breaks are kept.</summary>
    public string Redact(SourceFile file, TextSpan span)
    {
        var text = file.Text.ToString(span);
        if (!_byPath.TryGetValue(file.RelativePath, out var secrets)) return text;
        char[]? chars = null;
        foreach (var secret in secrets)
        {
            var from = Math.Max(secret.Start, span.Start);
            var to = Math.Min(secret.End, span.End);
            for (var i = from; i < to; i++)
            {
                chars ??= text.ToCharArray();
                var c = chars[i - span.Start];
                if (c is not ('\n' or '\r')) chars[i - span.Start] = '*';
            }
        }
        return chars is null ? text : new string(chars);
    }

    /// <summary>One line of a file (0-based, without its line break), secrets replaced.</summary>
    public string RedactLine(SourceFile file, int line) =>
        line < file.Text.Lines.Count ? Redact(file, file.Text.Lines[line].Span) : "";

    /// <summary>The message with every secret long enough to be recognised replaced by its mask.</summary>
    public string RedactMessage(string message)
    {
        if (_values.Count == 0) return message;
        foreach (var value in _values.OrderByDescending(v => v.Length))
            if (message.IndexOf(value, StringComparison.Ordinal) >= 0)
                message = message.Replace(value, SecretMask.Mask(value));
        return message;
    }

    /// <summary>Takes in another scan's secrets (a scan of several paths).</summary>
    public void AddRange(SecretIndex other)
    {
        foreach (var pair in other._byPath)
        {
            if (!_byPath.TryGetValue(pair.Key, out var spans)) _byPath[pair.Key] = spans = new List<TextSpan>();
            foreach (var span in pair.Value) if (!spans.Contains(span)) spans.Add(span);
        }
        _values.UnionWith(other._values);
    }
}
