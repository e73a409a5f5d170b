using System;
using System.IO;

namespace Stacklint.Tests.Support;

/// <summary>Where things are: the repository (found from the test binaries) and the shared folder beside it.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine(new[] { Root }.Concat(parts));

    /// <summary>The project's shared folder (corpus, research): a sibling of the repository in CI and here.</summary>
    public static string Shared(params string[] parts)
    {
        var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared"));
        if (!Directory.Exists(shared))
            throw new DirectoryNotFoundException($"The shared folder is expected at {shared} (beside the repository).");
        return System.IO.Path.Combine(new[] { shared }.Concat(parts));
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Linter.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Linter.sln not found above " + AppContext.BaseDirectory);
    }

    private static string[] Concat(this string[] first, string[] second)
    {
        var all = new string[first.Length + second.Length];
        first.CopyTo(all, 0);
        second.CopyTo(all, first.Length);
        return all;
    }
}

/// <summary>A temporary directory that removes itself.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stacklint-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string relative, string content)
    {
        var full = System.IO.Path.Combine(Root, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
