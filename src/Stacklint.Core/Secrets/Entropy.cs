using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Secrets;

/// <summary>How random a value looks.</summary>
public static class Entropy
{
    /// <summary>Shannon entropy of the value's characters, in bits per character (0 for one repeated character; at most
    /// log2 of the length, so short values score low whatever they are).</summary>
    public static double Shannon(string value)
    {
        if (value.Length == 0) return 0;
        var counts = new Dictionary<char, int>();
        foreach (var c in value) counts[c] = counts.TryGetValue(c, out var n) ? n + 1 : 1;
        double bits = 0;
        foreach (var count in counts.Values)
        {
            var p = (double)count / value.Length;
            bits -= p * Math.Log(p, 2);
        }
        return bits;
    }

    /// <summary>How many of lower case, upper case, digits and other characters the value uses.</summary>
    public static int CharacterClasses(string value) =>
        (value.Any(char.IsLower) ? 1 : 0) + (value.Any(char.IsUpper) ? 1 : 0) + (value.Any(char.IsDigit) ? 1 : 0)
        + (value.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);

    /// <summary>Mostly a run of consecutive characters (<c>abcdefgh</c>, <c>12345678</c>, <c>987654</c>) or of a
    /// keyboard row (<c>qwertyuiop</c>, <c>asdfgh</c>).</summary>
    public static bool IsSequential(string value)
    {
        if (value.Length < 4) return false;
        var lower = value.ToLowerInvariant();
        var steps = 0;
        for (var i = 1; i < lower.Length; i++)
            if (Math.Abs(lower[i] - lower[i - 1]) == 1 || KeyboardNeighbours(lower[i - 1], lower[i])) steps++;
        return steps >= (lower.Length - 1) * 3 / 4;
    }

    private static readonly string[] Rows = { "1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm" };

    private static bool KeyboardNeighbours(char a, char b) =>
        Rows.Any(row => row.IndexOf(a) is var i && i >= 0 && row.IndexOf(b) is var j && j >= 0 && Math.Abs(i - j) == 1);

    /// <summary>Too predictable to be a secret: few distinct characters, low entropy, or a sequence.</summary>
    public static bool IsLow(string value) =>
        value.Distinct().Count() <= 4 || Shannon(value) < 2.5 || IsSequential(value);

    /// <summary>Looks generated rather than typed: long enough, varied, and no blanks.</summary>
    public static bool LooksRandom(string value, int minLength = 16, double minBits = 3.5) =>
        value.Length >= minLength && value.IndexOf(' ') < 0 && Shannon(value) >= minBits && CharacterClasses(value) >= 2;
}
