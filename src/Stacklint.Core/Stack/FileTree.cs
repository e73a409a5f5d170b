using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Stacklint.Stack;

/// <summary>Where a scan's files come from: the disk (the CLI), or the texts a compiler hands over (the Roslyn
/// analyzer, which must not read the disk behind the IDE's back). Paths are full paths.</summary>
public abstract class FileTree
{
    public static FileTree Disk { get; } = new DiskFileTree();

    public abstract bool FileExists(string fullPath);
    public abstract bool DirectoryExists(string fullPath);
    /// <summary>Entries of a directory (names only), or none if it is not there.</summary>
    public abstract IEnumerable<(string Name, bool IsDirectory)> List(string fullPath);
    /// <summary>The file's text, or null with the reason it cannot be linted.</summary>
    public abstract string? Read(string fullPath, string rootFullPath, out string? problem);
}

internal sealed class DiskFileTree : FileTree
{
    public override bool FileExists(string fullPath) => File.Exists(fullPath);
    public override bool DirectoryExists(string fullPath) => Directory.Exists(fullPath);

    public override IEnumerable<(string Name, bool IsDirectory)> List(string fullPath)
    {
        if (!Directory.Exists(fullPath)) yield break;
        IEnumerable<FileSystemInfo> entries;
        try { entries = new DirectoryInfo(fullPath).EnumerateFileSystemInfos(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { yield break; }
        foreach (var entry in entries)
            yield return (entry.Name, entry is DirectoryInfo);
    }

    public override string? Read(string fullPath, string rootFullPath, out string? problem)
    {
        problem = null;
        try
        {
            var info = new FileInfo(fullPath);
            if (!IsInside(info, rootFullPath)) return Fail("it resolves (through a link) to a place outside the scan root", out problem);
            if (info.Length > FileStore.MaxFileBytes) return Fail($"it is {info.Length / 1024} KiB, above the {FileStore.MaxFileBytes / 1024 / 1024} MiB limit for a configuration file", out problem);
            var bytes = File.ReadAllBytes(fullPath);
            if (Array.IndexOf(bytes, (byte)0) >= 0) return Fail("it is binary (it contains NUL bytes)", out problem);
            // Invalid UTF-8 is decoded with replacement characters: parsers then report the exact place.
            return new UTF8Encoding(false, false).GetString(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail("it could not be read: " + e.Message, out problem);
        }
    }

    private static string? Fail(string why, out string? problem)
    {
        problem = why;
        return null;
    }

    private static bool IsInside(FileInfo info, string rootFullPath)
    {
#if NET
        var target = info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(true)?.FullName ?? info.FullName;
#else
        var target = info.FullName;
#endif
        return target.StartsWith(rootFullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}

/// <summary>A set of texts standing in for the disk: directories are whatever the paths imply.</summary>
public sealed class MemoryFileTree : FileTree
{
    private readonly Dictionary<string, SourceText> _files;
    private readonly Dictionary<string, SortedDictionary<string, bool>> _directories = new(StringComparer.Ordinal);

    public MemoryFileTree(IEnumerable<(string FullPath, SourceText Text)> files)
    {
        _files = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        foreach (var (path, text) in files)
        {
            var full = Path.GetFullPath(path);
            _files[full] = text;
            // Register every ancestor, so that List and DirectoryExists see the tree the paths imply.
            var child = full;
            for (var parent = Path.GetDirectoryName(child); parent is not null; child = parent, parent = Path.GetDirectoryName(parent))
            {
                if (!_directories.TryGetValue(parent, out var entries)) _directories[parent] = entries = new SortedDictionary<string, bool>(StringComparer.Ordinal);
                entries[Path.GetFileName(child)] = child != full;
            }
        }
    }

    public IEnumerable<string> Paths => _files.Keys;

    public override bool FileExists(string fullPath) => _files.ContainsKey(fullPath);
    public override bool DirectoryExists(string fullPath) => _directories.ContainsKey(fullPath.TrimEnd(Path.DirectorySeparatorChar));

    public override IEnumerable<(string Name, bool IsDirectory)> List(string fullPath) =>
        _directories.TryGetValue(fullPath.TrimEnd(Path.DirectorySeparatorChar), out var entries)
            ? entries.Select(e => (e.Key, e.Value))
            : Enumerable.Empty<(string, bool)>();

    public override string? Read(string fullPath, string rootFullPath, out string? problem)
    {
        problem = null;
        if (!_files.TryGetValue(fullPath, out var text)) { problem = "it is not among the files given"; return null; }
        if (text.Length > FileStore.MaxFileBytes) { problem = $"it is {text.Length / 1024} KiB, above the {FileStore.MaxFileBytes / 1024 / 1024} MiB limit for a configuration file"; return null; }
        var content = text.ToString();
        if (content.IndexOf('\0') >= 0) { problem = "it is binary (it contains NUL characters)"; return null; }
        return content;
    }
}
