using System;
using System.Linq;
using System.Text;
using Stacklint.Secrets;

namespace Stacklint.Rules.DotEnv;

sealed class ENV005ShortSigningSecret : DotEnvRule
{
    /// <summary>HMAC-SHA256 (HS256) needs a key of at least 256 bits (RFC 7518 §3.2); AES-256 needs 32 bytes too.</summary>
    public const int MinimumBytes = 32;

    public override void Analyze(DotEnvContext cx)
    {
        if (cx.File.IsTemplate || cx.File.IsDevelopment) return;
        foreach (var secret in DotEnvSecrets.Of(cx.Document))
        {
            if (secret.InUrl || !SecretNames.IsSigningSecret(secret.Entry.Key)) continue;
            // A weak value is ENV002's (an error); one finding per value.
            if (WeakSecrets.Judge(secret.Value, secret.User, secret.OwnerWords) is not null) continue;
            var (bytes, encoding) = KeyBytes(secret.Value);
            if (bytes >= MinimumBytes) continue;
            cx.Report(secret.Span,
                $"{secret.Name} (`{SecretMask.Mask(secret.Value)}`) holds {bytes} bytes{encoding}: signing and encryption secrets need at least {MinimumBytes} random bytes (HS256 keys: RFC 7518 §3.2), or tokens and cookies they protect can be forged by brute force. " +
                "Generate one with `openssl rand -hex 32` (64 hex digits) or `openssl rand -base64 32`.");
        }
    }

    /// <summary>How many bytes of key material the value carries: Laravel's <c>base64:</c> prefix and padded base64 are
    /// decoded, an even run of hex digits counts two per byte, anything else counts as its UTF-8 bytes.</summary>
    internal static (int Bytes, string Encoding) KeyBytes(string value)
    {
        if (value.StartsWith("base64:", StringComparison.Ordinal) && Base64Length(value.Substring(7)) is int laravel) return (laravel, ", base64-decoded");
        if (value.Length >= 16 && value.Length % 2 == 0 && value.All(Uri.IsHexDigit)) return (value.Length / 2, $" ({value.Length} hex digits)");
        if ((value.EndsWith("=", StringComparison.Ordinal) || value.IndexOfAny(new[] { '+', '/' }) >= 0) && Base64Length(value) is int decoded)
            return (decoded, ", base64-decoded");
        return (Encoding.UTF8.GetByteCount(value), "");
    }

    private static int? Base64Length(string text)
    {
        if (text.Length == 0 || text.Length % 4 != 0) return null;
        try { return Convert.FromBase64String(text).Length; }
        catch (FormatException) { return null; }
    }
}
