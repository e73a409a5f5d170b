using System;

namespace Stacklint.Secrets;

/// <summary>How a secret may appear in a message: never whole. At most the first two characters are shown, and never
/// more than a quarter of the value (so a value of under four characters shows none), printable ones only; the rest
/// are stars, one per character up to ten.</summary>
public static class SecretMask
{
    public const int MaxShown = 2;
    public const int MaxStars = 10;

    /// <summary><c>changeme</c> ⇒ <c>ch******</c>; <c>abc</c> ⇒ <c>***</c>; a 40-character key ⇒ <c>AK**********</c>.</summary>
    public static string Mask(string value)
    {
        if (value.Length == 0) return "";
        var shown = Math.Min(MaxShown, value.Length / 4);
        // Never half a surrogate pair, never a blank or control character (it would read as a different value).
        for (var i = 0; i < shown; i++)
            if (char.IsSurrogate(value[i]) || char.IsWhiteSpace(value[i]) || char.IsControl(value[i])) { shown = i; break; }
        return value.Substring(0, shown) + new string('*', Math.Min(value.Length - shown, MaxStars));
    }
}
