using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace Stacklint.Stack;

/// <summary>
/// What git says about the files of a scan root: whether a file is tracked (<c>git ls-files</c>, when the git
/// command is there) and whether the repository's ignore rules cover it (<c>.git/info/exclude</c> and every
/// <c>.gitignore</c> from the top of the work tree down to the file's directory, with git's semantics: last match
/// wins, negation, a file inside an ignored directory stays ignored). The user's global excludes file is not read:
/// what matters is what the repository ignores for everyone who clones it. Ignore files above the scan root (up to
/// the work tree's top) are read; nothing else outside the root is.
/// </summary>
public sealed class GitRepository
{
    private readonly string _scanRoot;
    private readonly Dictionary<string, bool> _hasIgnoreFile = new(StringComparer.Ordinal);
    private HashSet<string>? _tracked;
    private bool _trackedRead;

    private GitRepository(string scanRoot, string? workTreeRoot)
    {
        _scanRoot = scanRoot;
        WorkTreeRoot = workTreeRoot;
    }

    /// <summary>The repository around a scan root on disk (a work tree, or a plain tree that may hold .gitignore files).</summary>
    public static GitRepository Open(string scanRootFullPath)
    {
        var root = Path.GetFullPath(scanRootFullPath).TrimEnd(Path.DirectorySeparatorChar);
        string? workTree = null;
        for (var directory = new DirectoryInfo(root); directory is not null; directory = directory.Parent)
            if (Directory.Exists(Path.Combine(directory.FullName, ".git")) || File.Exists(Path.Combine(directory.FullName, ".git")))
            {
                workTree = directory.FullName.TrimEnd(Path.DirectorySeparatorChar);
                break;
            }
        return new GitRepository(root, workTree);
    }

    /// <summary>The top of the git work tree the scan root is in, or null when it is in none.</summary>
    public string? WorkTreeRoot { get; }
    public bool IsWorkTree => WorkTreeRoot is not null;

    /// <summary>Whether git tracks the file, or null when that cannot be known (no work tree, no git command, git
    /// refusing the repository).</summary>
    public bool? IsTracked(string rootRelative)
    {
        if (!_trackedRead)
        {
            _trackedRead = true;
            _tracked = IsWorkTree ? ListTracked(_scanRoot) : null;
        }
        return _tracked?.Contains(rootRelative);
    }

    /// <summary>Every file git tracks under the scan root (root-relative), or none when that cannot be known.</summary>
    public IEnumerable<string> Tracked()
    {
        IsTracked("");
        return _tracked ?? Enumerable.Empty<string>();
    }

    /// <summary>Whether the repository's ignore rules cover the file (or a directory above it).</summary>
    public bool IsIgnored(string rootRelative)
    {
        var top = WorkTreeRoot ?? _scanRoot;
        var full = Path.Combine(_scanRoot, rootRelative.Replace('/', Path.DirectorySeparatorChar));
        var relative = Relative(top, full);
        var parts = relative.Split('/');
        var ignores = GitIgnoreStack.ForRoot(top);
        var directory = top;
        ignores.AddDirectory(directory, "");
        for (var i = 0; i < parts.Length - 1; i++)
        {
            directory = Path.Combine(directory, parts[i]);
            var directoryRelative = string.Join("/", parts.Take(i + 1));
            // A file inside an ignored directory cannot be re-included by a rule further down.
            if (ignores.IsIgnored(directoryRelative, isDirectory: true)) return true;
            ignores.AddDirectory(directory, directoryRelative);
        }
        return ignores.IsIgnored(relative, isDirectory: false);
    }

    /// <summary>Is there any ignore rule on the way to the file (<c>.git/info/exclude</c>, or a <c>.gitignore</c> at
    /// the top or in a directory above it)? Together with <see cref="IsWorkTree"/>, this tells a repository's tree
    /// (a clone, a source archive) from a plain directory of a host.</summary>
    public bool HasIgnoreRules(string rootRelative)
    {
        var top = WorkTreeRoot ?? _scanRoot;
        if (File.Exists(Path.Combine(top, ".git", "info", "exclude"))) return true;
        var parts = Relative(top, Path.Combine(_scanRoot, rootRelative.Replace('/', Path.DirectorySeparatorChar))).Split('/');
        var directory = top;
        for (var i = 0; i < parts.Length; i++)
        {
            if (HasIgnoreFile(directory)) return true;
            if (i < parts.Length - 1) directory = Path.Combine(directory, parts[i]);
        }
        return false;
    }

    private bool HasIgnoreFile(string directory)
    {
        if (!_hasIgnoreFile.TryGetValue(directory, out var has)) _hasIgnoreFile[directory] = has = File.Exists(Path.Combine(directory, ".gitignore"));
        return has;
    }

    /// <summary>The files git tracks under <paramref name="root"/>, relative to it, or null when git cannot say.</summary>
    private static HashSet<string>? ListTracked(string root)
    {
        try
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
                StandardOutputEncoding = Encoding.UTF8,
            };
            // -z: NUL-separated paths relative to the working directory, never quoted.
            start.Arguments = "ls-files -z";
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(30_000))
            {
                try { process.Kill(); } catch (InvalidOperationException) { }
                return null;
            }
            if (process.ExitCode != 0) return null;
            return new HashSet<string>(output.Result.Split(new[] { '\0' }, StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            // No git on this machine: tracking is unknown, the ignore rules still speak.
            return null;
        }
    }

    private static string Relative(string from, string to)
    {
#if NET
        return Path.GetRelativePath(from, to).Replace('\\', '/');
#else
        var fromUri = new Uri(from.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar);
        return Uri.UnescapeDataString(fromUri.MakeRelativeUri(new Uri(to)).ToString()).Replace('\\', '/');
#endif
    }
}
