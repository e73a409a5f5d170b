using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stacklint.Formats.DotEnv;

namespace Stacklint.Stack;

/// <summary>A file found under the scan root, with what it was classified as.</summary>
public sealed record DiscoveredFile(string RelativePath, FileKind Kind);

/// <summary>Walks the scan root the way git sees it: <c>.gitignore</c> files (nested, negations) and
/// <c>.git/info/exclude</c> are honoured, <c>.git</c> itself is never entered, and directory links are not
/// followed (they could lead outside the root or round in a circle). The one exception: ignored .env files (outside
/// ignored directories) are found too, because Compose reads them whether git ignores them or not.</summary>
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
                if (ignores.IsIgnored(entryRelative, isDirectory: false))
                {
                    // An ignored .env is still read: Compose reads it, its secrets are the deployment's, and "is it
                    // really not committed?" is asked of it (ENV001). Ignored directories stay unvisited.
                    if (DotEnvFileName.Matches(entry.Name)) result.Add(new DiscoveredFile(entryRelative, FileKind.DotEnv));
                    continue;
                }
                result.Add(new DiscoveredFile(entryRelative, FileClassifier.Classify(entryRelative, FileTree.Disk, root)));
            }
        }
    }
}
