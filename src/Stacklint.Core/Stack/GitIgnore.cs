using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace Stacklint.Stack;

/// <summary>The patterns of one <c>.gitignore</c> (or <c>.git/info/exclude</c>), with git's semantics: last match
/// wins, <c>!</c> re-includes, a trailing <c>/</c> matches directories only, a pattern with an inner <c>/</c> is
/// anchored to the file's directory, <c>**</c> spans directories.</summary>
public sealed class GitIgnore
{
    private readonly List<(Regex Pattern, bool Negated, bool DirectoryOnly)> _rules = new();

    /// <param name="baseRelative">The directory holding the file, relative to the scan root ("" for the root).</param>
    public GitIgnore(string baseRelative, string content)
    {
        BaseRelative = baseRelative;
        foreach (var raw in content.Replace("\r\n", "\n").Split('\n'))
        {
            var line = TrimTrailingSpaces(raw);
            if (line.Length == 0 || line[0] == '#') continue;
            var negated = false;
            if (line[0] == '!') { negated = true; line = line.Substring(1); }
            else if (line.StartsWith("\\!", StringComparison.Ordinal) || line.StartsWith("\\#", StringComparison.Ordinal)) line = line.Substring(1);
            var directoryOnly = line.EndsWith("/", StringComparison.Ordinal);
            if (directoryOnly) line = line.TrimEnd('/');
            if (line.Length == 0) continue;
            var anchored = line.Contains("/");
            if (line.StartsWith("/", StringComparison.Ordinal)) line = line.Substring(1);
            var body = ToRegex(line);
            var regex = anchored ? "^" + body + "$" : "^(?:.*/)?" + body + "$";
            _rules.Add((new Regex(regex, RegexOptions.CultureInvariant), negated, directoryOnly));
        }
    }

    public string BaseRelative { get; }

    /// <summary>null when no pattern speaks of the path; otherwise whether the last matching pattern ignores it.</summary>
    /// <param name="relativePath">Relative to <see cref="BaseRelative"/>, with forward slashes.</param>
    public bool? Decide(string relativePath, bool isDirectory)
    {
        bool? decision = null;
        foreach (var (pattern, negated, directoryOnly) in _rules)
        {
            if (directoryOnly && !isDirectory) continue;
            if (pattern.IsMatch(relativePath)) decision = !negated;
        }
        return decision;
    }

    private static string TrimTrailingSpaces(string line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] == ' ' && !(end > 1 && line[end - 2] == '\\')) end--;
        return line.Substring(0, end).Replace("\\ ", " ");
    }

    private static string ToRegex(string glob)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*')
            {
                var doubleStar = i + 1 < glob.Length && glob[i + 1] == '*';
                var atSegmentStart = i == 0 || glob[i - 1] == '/';
                if (doubleStar && atSegmentStart && (i + 2 == glob.Length || glob[i + 2] == '/'))
                {
                    if (i + 2 == glob.Length) { sb.Append(".*"); i++; }        // "a/**": everything inside
                    else { sb.Append("(?:.*/)?"); i += 2; }                    // "**/b", "a/**/b": zero or more directories
                    continue;
                }
                sb.Append("[^/]*");
                if (doubleStar) i++;
            }
            else if (c == '?') sb.Append("[^/]");
            else if (c == '[')
            {
                var close = i + 2 <= glob.Length ? glob.IndexOf(']', i + 2) : -1;
                if (close < 0) { sb.Append("\\["); continue; }
                var set = glob.Substring(i + 1, close - i - 1);
                if (set.StartsWith("!", StringComparison.Ordinal)) set = "^" + set.Substring(1);
                sb.Append('[').Append(set.Replace("\\", "\\\\")).Append(']');
                i = close;
            }
            else if (c == '\\' && i + 1 < glob.Length) { sb.Append(Regex.Escape(glob[++i].ToString())); }
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.ToString();
    }
}

/// <summary>All <c>.gitignore</c> files met while walking down from the scan root.</summary>
public sealed class GitIgnoreStack
{
    private readonly List<GitIgnore> _files = new();

    public static GitIgnoreStack ForRoot(string rootFullPath)
    {
        var stack = new GitIgnoreStack();
        var exclude = Path.Combine(rootFullPath, ".git", "info", "exclude");
        if (File.Exists(exclude)) stack._files.Add(new GitIgnore("", SafeRead(exclude)));
        return stack;
    }

    public void AddDirectory(string directoryFullPath, string directoryRelative)
    {
        var file = Path.Combine(directoryFullPath, ".gitignore");
        if (File.Exists(file)) _files.Add(new GitIgnore(directoryRelative, SafeRead(file)));
    }

    public bool IsIgnored(string relativePath, bool isDirectory)
    {
        bool ignored = false;
        foreach (var gitignore in _files)
        {
            string local;
            if (gitignore.BaseRelative.Length == 0) local = relativePath;
            else if (relativePath.StartsWith(gitignore.BaseRelative + "/", StringComparison.Ordinal))
                local = relativePath.Substring(gitignore.BaseRelative.Length + 1);
            else continue;
            // Deeper files come later in the list, so their verdict overrides shallower ones, as in git.
            if (gitignore.Decide(local, isDirectory) is bool decision) ignored = decision;
        }
        return ignored;
    }

    private static string SafeRead(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }
}
