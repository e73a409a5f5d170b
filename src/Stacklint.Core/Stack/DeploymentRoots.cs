using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Stack;

/// <summary>
/// Where the deployments of a scan root begin. A repository may hold one deployment or several (one folder each:
/// <c>prod/</c> and <c>staging/</c>, or samples side by side), and files are judged together only within one.
/// Each configuration file points at the folder its host tree starts in (its <em>anchor</em>): the folder above
/// <c>etc/</c> for a file kept the way it sits on the host (<c>etc/ssh/sshd_config</c>), the folder above a directory
/// named for its daemon (<c>deploy/nginx/nginx.conf</c> ⇒ <c>deploy</c>), else the file's own folder (a compose
/// project's directory). The topmost anchors are the deployment roots: an anchor inside another one belongs to it.
/// </summary>
public static class DeploymentRoots
{
    /// <summary>Folders a daemon's configuration is kept in, by kind: the deployment starts above them.</summary>
    private static readonly Dictionary<FileKind, string[]> DaemonFolders = new()
    {
        [FileKind.Sshd] = new[] { "ssh", "sshd", "sshd_config.d" },
        [FileKind.Nginx] = new[] { "conf.d", "sites-available", "sites-enabled", "snippets" },
        [FileKind.Fail2ban] = new[] { "fail2ban", "jail.d", "filter.d", "action.d", "fail2ban.d" },
        [FileKind.DaemonJson] = new[] { "docker" },
    };

    /// <summary>The deployment roots (root-relative folders, <c>""</c> for the scan root itself), none inside another.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<DiscoveredFile> files)
    {
        var anchors = files.Where(f => f.Kind != FileKind.Unknown).Select(f => Anchor(f.RelativePath, f.Kind))
            .Distinct(StringComparer.Ordinal).OrderBy(a => a.Length).ThenBy(a => a, StringComparer.Ordinal).ToList();
        var roots = new List<string>();
        foreach (var anchor in anchors)
            if (!roots.Any(root => Contains(root, anchor))) roots.Add(anchor);
        return roots.OrderBy(r => r, StringComparer.Ordinal).ToList();
    }

    /// <summary>The deployment root a file lies in, or null when it lies in none (a file beside the deployments).</summary>
    public static string? RootOf(IReadOnlyList<string> roots, string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        return roots.Where(root => Contains(root, path)).OrderByDescending(root => root.Length).Select(root => (string?)root).FirstOrDefault();
    }

    /// <summary>Is <paramref name="path"/> the folder <paramref name="root"/> or inside it?</summary>
    public static bool Contains(string root, string path) =>
        root.Length == 0 || path == root || path.StartsWith(root + "/", StringComparison.Ordinal);

    /// <summary>The folder a file's host tree starts in (see the class summary).</summary>
    public static string Anchor(string relativePath, FileKind kind)
    {
        var folders = relativePath.Replace('\\', '/').Split('/');
        folders = folders.Take(folders.Length - 1).ToArray();
        var etc = Array.IndexOf(folders, "etc");
        if (etc >= 0) return string.Join("/", folders.Take(etc));
        // nginx is often kept in a folder named after it (nginx/, nginx-conf/, deploy/nginx/).
        var daemonFolder = kind == FileKind.Nginx
            ? Array.FindLastIndex(folders, f => f.IndexOf("nginx", StringComparison.OrdinalIgnoreCase) >= 0)
            : -1;
        if (daemonFolder < 0 && DaemonFolders.TryGetValue(kind, out var names))
            daemonFolder = Array.FindIndex(folders, f => names.Contains(f, StringComparer.OrdinalIgnoreCase));
        if (daemonFolder >= 0) return string.Join("/", folders.Take(daemonFolder));
        return string.Join("/", folders);
    }
}
