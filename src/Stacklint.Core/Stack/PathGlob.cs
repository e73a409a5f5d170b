using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Stacklint.Stack;

/// <summary>glob(3) over the scan root, as sshd and nginx call it: <c>*</c>, <c>?</c> and <c>[...]</c> within one
/// path segment, a leading dot matched only explicitly, results in byte order.</summary>
public static class PathGlob
{
    public static bool HasWildcards(string path) => path.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

    /// <summary>Files (not directories) matching a root-relative pattern, sorted as glob(3) sorts them.</summary>
    public static IReadOnlyList<string> Expand(FileStore store, string rootRelativePattern)
    {
        var segments = rootRelativePattern.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { "" };
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            var segment = segments[i];
            var next = new List<string>();
            foreach (var directory in current)
            {
                if (!HasWildcards(segment))
                {
                    var candidate = Join(directory, segment);
                    if (last ? store.Exists(candidate) : store.DirectoryExists(candidate)) next.Add(candidate);
                    continue;
                }
                var regex = SegmentRegex(segment);
                foreach (var (name, isDirectory) in store.List(directory))
                {
                    if (name.StartsWith(".", StringComparison.Ordinal) && !segment.StartsWith(".", StringComparison.Ordinal)) continue;
                    if (last == isDirectory) continue;
                    if (regex.IsMatch(name)) next.Add(Join(directory, name));
                }
            }
            current = next;
        }
        return current.Where(p => p.Length > 0).OrderBy(p => p, StringComparer.Ordinal).ToList();
    }

    private static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    internal static Regex SegmentRegex(string segment)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c == '*') sb.Append(".*");
            else if (c == '?') sb.Append('.');
            else if (c == '[' && i + 2 <= segment.Length && segment.IndexOf(']', i + 2) is var close && close > 0)
            {
                var set = segment.Substring(i + 1, close - i - 1);
                if (set.StartsWith("!", StringComparison.Ordinal)) set = "^" + set.Substring(1);
                sb.Append('[').Append(set.Replace("\\", "\\\\")).Append(']');
                i = close;
            }
            else if (c == '\\' && i + 1 < segment.Length) sb.Append(Regex.Escape(segment[++i].ToString()));
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    /// <summary>Collapses "." and ".." in a root-relative path; null when ".." climbs above the root.</summary>
    public static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join("/", parts);
    }
}
