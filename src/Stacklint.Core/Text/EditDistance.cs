using System;

namespace Stacklint.Text;

/// <summary>How far a misspelt name is from a known one, for "did you mean …?" suggestions.</summary>
public static class EditDistance
{
    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and a swap of two neighbours
    /// (<c>bsae</c> → <c>base</c>, <c>maxrerty</c> → <c>maxretry</c>) each count as one edit.</summary>
    public static int Between(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
