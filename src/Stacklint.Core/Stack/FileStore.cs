using System;
using System.Collections.Generic;
using System.IO;
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
    private readonly HashSet<string> _byteOrderMarks = new(StringComparer.Ordinal);
    private readonly FindingSink _sink;
    private readonly FileTree _tree;

    public FileStore(string rootFullPath, string displayPrefix, FindingSink sink, FileTree? tree = null)
    {
        RootFullPath = Path.GetFullPath(rootFullPath).TrimEnd(Path.DirectorySeparatorChar);
        DisplayPrefix = displayPrefix;
        _sink = sink;
        _tree = tree ?? FileTree.Disk;
    }

    public string RootFullPath { get; }
    /// <summary>Prepended to root-relative paths in what users see ("" when the root is the working directory).</summary>
    public string DisplayPrefix { get; }

    public string Display(string rootRelative) => DisplayPrefix.Length == 0 ? rootRelative : DisplayPrefix + "/" + rootRelative;

    /// <summary>Where a file read through the store lies, relative to the root ("etc/nginx/nginx.conf").</summary>
    public string RootRelative(SourceFile file) =>
        file.FullPath.StartsWith(RootFullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? file.FullPath.Substring(RootFullPath.Length + 1).Replace(Path.DirectorySeparatorChar, '/')
            : file.RelativePath;

    public string FullPath(string rootRelative) => Path.Combine(RootFullPath, rootRelative.Replace('/', Path.DirectorySeparatorChar));

    public bool Exists(string rootRelative) => _tree.FileExists(FullPath(rootRelative));

    public bool DirectoryExists(string rootRelative) =>
        _tree.DirectoryExists(rootRelative.Length == 0 ? RootFullPath : FullPath(rootRelative));

    /// <summary>Entries of a directory inside the root (names only), or none if it is not there.</summary>
    public IEnumerable<(string Name, bool IsDirectory)> List(string rootRelative) =>
        _tree.List(rootRelative.Length == 0 ? RootFullPath : FullPath(rootRelative));

    /// <summary>The text of a file no parser reads (a key file a rule looks into), or null when it cannot be read as
    /// text; nothing is reported: the file is not one of ours.</summary>
    public string? PeekText(string rootRelative) => _tree.Read(FullPath(rootRelative), RootFullPath, out _);

    /// <summary>The file began with a UTF-8 byte order mark, which <see cref="Load"/> leaves out of its text (fail2ban,
    /// for one, reads the mark as text and refuses the file).</summary>
    public bool HadByteOrderMark(string rootRelative) => _byteOrderMarks.Contains(rootRelative);

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
        var text = _tree.Read(full, RootFullPath, out var problem);
        if (text is null)
        {
            var empty = new SourceFile(display, full, SourceText.From(""));
            _sink.Report(LinterDiagnostics.FileSkipped, empty.StartLocation(), $"{display} was skipped: {problem}.");
            return null;
        }
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text.Substring(1);
            _byteOrderMarks.Add(rootRelative);
        }
        return new SourceFile(display, full, SourceText.From(text));
    }
}
