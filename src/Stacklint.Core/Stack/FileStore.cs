using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Engine;
using Stacklint.Text;

namespace Stacklint.Stack;

/// <summary>Reads files of the scan root, once each, and never outside it. A file that cannot be used (too
/// large, binary, unreadable) gives LNT005 and is left out; the scan goes on.</summary>
public sealed class FileStore
{
    /// <summary>Configuration files are small; anything bigger is not one of ours (or is an attack on the linter).</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    private readonly Dictionary<string, SourceFile?> _cache = new(StringComparer.Ordinal);
    private readonly FindingSink _sink;

    public FileStore(string rootFullPath, string displayPrefix, FindingSink sink)
    {
        RootFullPath = Path.GetFullPath(rootFullPath).TrimEnd(Path.DirectorySeparatorChar);
        DisplayPrefix = displayPrefix;
        _sink = sink;
    }

    public string RootFullPath { get; }
    /// <summary>Prepended to root-relative paths in what users see ("" when the root is the working directory).</summary>
    public string DisplayPrefix { get; }

    public string Display(string rootRelative) => DisplayPrefix.Length == 0 ? rootRelative : DisplayPrefix + "/" + rootRelative;

    public string FullPath(string rootRelative) => Path.Combine(RootFullPath, rootRelative.Replace('/', Path.DirectorySeparatorChar));

    public bool Exists(string rootRelative) => File.Exists(FullPath(rootRelative));

    public bool DirectoryExists(string rootRelative) =>
        Directory.Exists(rootRelative.Length == 0 ? RootFullPath : FullPath(rootRelative));

    /// <summary>Entries of a directory inside the root (names only), or none if it is not there.</summary>
    public IEnumerable<(string Name, bool IsDirectory)> List(string rootRelative)
    {
        var full = rootRelative.Length == 0 ? RootFullPath : FullPath(rootRelative);
        if (!Directory.Exists(full)) yield break;
        IEnumerable<FileSystemInfo> entries;
        try { entries = new DirectoryInfo(full).EnumerateFileSystemInfos(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { yield break; }
        foreach (var entry in entries)
            yield return (entry.Name, entry is DirectoryInfo);
    }

    /// <summary>The file's text, or null (with LNT005 reported at the file) when it cannot be linted.</summary>
    public SourceFile? Load(string rootRelative)
    {
        if (_cache.TryGetValue(rootRelative, out var cached)) return cached;
        var file = LoadUncached(rootRelative);
        _cache[rootRelative] = file;
        return file;
    }

    private SourceFile? LoadUncached(string rootRelative)
    {
        var full = FullPath(rootRelative);
        var display = Display(rootRelative);
        try
        {
            var info = new FileInfo(full);
            if (!IsInsideRoot(info)) return Skip(display, "it resolves (through a link) to a place outside the scan root");
            if (info.Length > MaxFileBytes) return Skip(display, $"it is {info.Length / 1024} KiB, above the {MaxFileBytes / 1024 / 1024} MiB limit for a configuration file");
            var bytes = File.ReadAllBytes(full);
            if (Array.IndexOf(bytes, (byte)0) >= 0) return Skip(display, "it is binary (it contains NUL bytes)");
            // Invalid UTF-8 is decoded with replacement characters: parsers then report the exact place.
            var text = new UTF8Encoding(false, false).GetString(bytes);
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
            return new SourceFile(display, full, SourceText.From(text));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Skip(display, "it could not be read: " + e.Message);
        }
    }

    private bool IsInsideRoot(FileInfo info)
    {
#if NET
        var target = info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(true)?.FullName ?? info.FullName;
#else
        // netstandard2.0 (the analyzer host) cannot resolve links; there MSBuild hands us the files anyway.
        var target = info.FullName;
#endif
        return target.StartsWith(RootFullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private SourceFile? Skip(string display, string why)
    {
        var empty = new SourceFile(display, FullPath(display), SourceText.From(""));
        _sink.Report(LinterDiagnostics.FileSkipped, empty.StartLocation(), $"{display} was skipped: {why}.");
        return null;
    }
}
