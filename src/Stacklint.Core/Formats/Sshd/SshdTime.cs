namespace Stacklint.Formats.Sshd;

/// <summary>
/// OpenSSH's <c>convtime()</c> (misc.c) as used by sshd 9.2 for LoginGraceTime, ClientAliveInterval,
/// UnusedConnectionTimeout, the RekeyLimit interval and ChannelTimeout intervals.
/// </summary>
/// <remarks>
/// The text is a sequence of <c>number[unit]</c> groups whose values are summed: "90", "1m30s", "1h", "2w", "1m30"
/// (a trailing group without unit is seconds). Units are s, m, h, d, w in either case. Each number is read like
/// C <c>strtol</c>, so leading whitespace and a sign are accepted ("+5", "-0", " 5" all parse); any negative
/// number, an unknown unit character, a group without digits, or a total above <see cref="int.MaxValue"/> is rejected.
/// </remarks>
public static class SshdTime
{
    public static bool TryParseSeconds(string text, out long seconds)
    {
        seconds = 0;
        if (string.IsNullOrEmpty(text)) return false;

        long total = 0;
        var p = 0;
        while (p < text.Length)
        {
            if (!CNumber.StrToLong(text, p, 10, out var secs, out var end)) return false;
            if (secs < 0) return false;

            long multiplier;
            var unit = end < text.Length ? text[end] : '\0';
            switch (unit)
            {
                case '\0': multiplier = 1; break;
                case 's': case 'S': multiplier = 1; end++; break;
                case 'm': case 'M': multiplier = 60; end++; break;
                case 'h': case 'H': multiplier = 60 * 60; end++; break;
                case 'd': case 'D': multiplier = 24 * 60 * 60; end++; break;
                case 'w': case 'W': multiplier = 7 * 24 * 60 * 60; end++; break;
                default: return false;
            }

            if (secs > int.MaxValue / multiplier) return false;
            secs *= multiplier;
            if (total > int.MaxValue - secs) return false;
            total += secs;
            p = end;
        }

        seconds = total;
        return true;
    }
}

/// <summary>C library number parsing, reproduced for sshd's config parser (64-bit glibc semantics).</summary>
internal static class CNumber
{
    internal static bool IsCSpace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';

    private static int DigitValue(char c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'z') return c - 'a' + 10;
        if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
        return 99;
    }

    /// <summary>
    /// <c>strtol(s + start, &amp;end, base)</c>: skips whitespace, takes one sign, reads digits (base 0 auto-detects
    /// 0x / 0 prefixes), saturates at long.MinValue/long.MaxValue. Returns false when no digits were consumed
    /// (C leaves end == start then).
    /// </summary>
    internal static bool StrToLong(string s, int start, int numberBase, out long value, out int end)
    {
        value = 0;
        end = start;
        var i = start;
        while (i < s.Length && IsCSpace(s[i])) i++;
        var negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }

        if (numberBase == 0 || numberBase == 16)
        {
            if (i + 1 < s.Length && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')
                && i + 2 < s.Length && DigitValue(s[i + 2]) < 16)
            {
                i += 2;
                numberBase = 16;
            }
            else if (numberBase == 0)
            {
                numberBase = i < s.Length && s[i] == '0' ? 8 : 10;
            }
        }

        var digitsStart = i;
        ulong acc = 0;
        var overflow = false;
        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        while (i < s.Length)
        {
            var d = DigitValue(s[i]);
            if (d >= numberBase) break;
            if (!overflow)
            {
                if (acc > (limit - (ulong)d) / (ulong)numberBase) overflow = true;
                else acc = acc * (ulong)numberBase + (ulong)d;
            }
            i++;
        }

        if (i == digitsStart) return false;
        end = i;
        if (overflow) value = negative ? long.MinValue : long.MaxValue;
        else value = negative ? (acc == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)acc) : (long)acc;
        return true;
    }

    /// <summary>OpenBSD <c>strtonum(s, min, max)</c>: error is "invalid", "too small" or "too large".</summary>
    internal static string? StrToNum(string? s, long min, long max, out long value)
    {
        value = 0;
        if (string.IsNullOrEmpty(s)) return "invalid";
        if (!StrToLong(s!, 0, 10, out var v, out var end) || end != s!.Length) return "invalid";
        if (v == long.MinValue || v < min) return "too small";
        if (v == long.MaxValue || v > max) return "too large";
        value = v;
        return null;
    }

    /// <summary>OpenSSH <c>atoi_err()</c>: non-negative int via strtonum; "missing" for an empty string.</summary>
    internal static string? AtoiErr(string? s, out int value)
    {
        value = 0;
        if (string.IsNullOrEmpty(s)) return "missing";
        var err = StrToNum(s, 0, int.MaxValue, out var v);
        if (err == null) value = (int)v;
        return err;
    }

    /// <summary>glibc <c>sscanf("%d")</c> for one field: whitespace, sign, decimal digits, result truncated to int.</summary>
    internal static bool ScanInt(string s, ref int pos, out int value)
    {
        value = 0;
        if (!StrToLong(s, pos, 10, out var v, out var end)) return false;
        pos = end;
        value = unchecked((int)v);
        return true;
    }
}
