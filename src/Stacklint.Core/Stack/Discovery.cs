using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Stacklint.Stack;

/// <summary>A file found under the scan root, with what it was classified as.</summary>
public sealed record DiscoveredFile(string RelativePath, FileKind Kind);

/// <summary>Walks the scan root the way git sees it: <c>.gitignore</c> files (nested, negations) and
/// <c>.git/info/exclude</c> are honoured, <c>.git</c> itself is never entered, and directory links are not
/// followed (they could lead outside the root or round in a circle).</summary>
public static class Discovery
{
    public static IReadOnlyList<DiscoveredFile> Walk(string rootFullPath)
    {
        var result = new List<DiscoveredFile>();
        var ignores = GitIgnoreStack.ForRoot(rootFullPath);
        WalkDirectory(rootFullPath, "", ignores, result, rootFullPath);
        return result;
    }

    private static void WalkDirectory(string full, string relative, GitIgnoreStack ignores, List<DiscoveredFile> result, string root)
    {
        ignores.AddDirectory(full, relative);
        FileSystemInfo[] entries;
        try { entries = new DirectoryInfo(full).GetFileSystemInfos(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }

        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var entryRelative = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            if (entry is DirectoryInfo directory)
            {
                if (entry.Name == ".git") continue;
                if ((directory.Attributes & FileAttributes.ReparsePoint) != 0) continue;
                if (ignores.IsIgnored(entryRelative, isDirectory: true)) continue;
                WalkDirectory(directory.FullName, entryRelative, ignores, result, root);
            }
            else
            {
                if (ignores.IsIgnored(entryRelative, isDirectory: false)) continue;
                result.Add(new DiscoveredFile(entryRelative, FileClassifier.Classify(entryRelative, FileTree.Disk, root)));
            }
        }
    }
}
