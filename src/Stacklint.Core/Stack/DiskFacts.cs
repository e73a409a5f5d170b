using System;
using System.IO;

namespace Stacklint.Stack;

/// <summary>Who besides the owner can get at a file on disk: its permission bits, and whether group members and other
/// users can read it (or write it) — which also takes the directories from the scan root down to it (their execute
/// bits) into account.</summary>
public sealed record FileAccessFacts(int Mode, bool GroupCanRead, bool OthersCanRead, bool GroupOrOthersCanWrite)
{
    /// <summary>The mode as <c>ls -l</c> and <c>chmod</c> write it: <c>0644</c>.</summary>
    public string Octal => "0" + Convert.ToString(Mode & 0xFFF, 8).PadLeft(3, '0');
}

/// <summary>What a scan of the disk learns beyond the files' text: git's view of them and their permissions. A scan of
/// texts handed over (the Roslyn analyzer) has no such facts, and the rules that need them stay silent.</summary>
public sealed class DiskFacts
{
    private readonly string _root;

    public DiskFacts(string rootFullPath)
    {
        _root = Path.GetFullPath(rootFullPath).TrimEnd(Path.DirectorySeparatorChar);
        Git = GitRepository.Open(_root);
    }

    public GitRepository Git { get; }

    /// <summary>The file's permissions, or null where the platform has no Unix modes (Windows, or the netstandard
    /// build that the analyzer loads).</summary>
    public FileAccessFacts? Access(string rootRelative)
    {
#if NET
        if (OperatingSystem.IsWindows()) return null;
        try
        {
            var full = Path.Combine(_root, rootRelative.Replace('/', Path.DirectorySeparatorChar));
            var mode = (int)File.GetUnixFileMode(full);
            bool groupPasses = true, othersPass = true;
            // Directories from the scan root down: without their execute bit, a class cannot reach the file at all.
            var directory = Path.GetDirectoryName(full);
            while (directory is not null && directory.Length >= _root.Length)
            {
                var bits = (int)File.GetUnixFileMode(directory);
                groupPasses &= (bits & 0b000_001_000) != 0;
                othersPass &= (bits & 0b000_000_001) != 0;
                if (directory.Length == _root.Length) break;
                directory = Path.GetDirectoryName(directory);
            }
            return new FileAccessFacts(mode,
                GroupCanRead: groupPasses && (mode & 0b000_100_000) != 0,
                OthersCanRead: othersPass && (mode & 0b000_000_100) != 0,
                GroupOrOthersCanWrite: (groupPasses && (mode & 0b000_010_000) != 0) || (othersPass && (mode & 0b000_000_010) != 0));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
#else
        _ = rootRelative;
        return null;
#endif
    }
}
