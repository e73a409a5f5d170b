using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stacklint.Formats.DotEnv;
using Stacklint.Formats.Nginx;

namespace Stacklint.Stack;

/// <summary>What a file is, and so which parser reads it.</summary>
public enum FileKind { Unknown, Sshd, Nginx, Compose, Fail2ban, DotEnv, DaemonJson }

/// <summary>Classifies a file by its name and place in the tree, and where those are not enough (a <c>.conf</c> file,
/// <c>mime.types</c>, <c>sites-available/x</c>), by its content.</summary>
public static class FileClassifier
{
    /// <summary>Names nginx packages ship in /etc/nginx besides nginx.conf.</summary>
    private static readonly HashSet<string> NginxNames = new(StringComparer.Ordinal)
        { "mime.types", "fastcgi_params", "fastcgi.conf", "proxy_params", "scgi_params", "uwsgi_params", "koi-utf", "koi-win", "win-utf" };

    /// <summary>Directories of configuration pieces that nginx (and Apache, for sites-*) uses.</summary>
    private static readonly HashSet<string> NginxPieceDirectories = new(StringComparer.Ordinal)
        { "sites-available", "sites-enabled", "snippets", "conf.d" };

    /// <summary>Compose's default names and their variants: compose.yaml, docker-compose.override.yml, compose.prod.yaml,
    /// docker-compose-dev.yml (not composer.yml).</summary>
    private static readonly System.Text.RegularExpressions.Regex ComposeName =
        new(@"^(docker-)?compose([.-][^/]*)?\.ya?ml$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>By name and place only (for callers that cannot read the file).</summary>
    public static FileKind Classify(string relativePath) => Classify(relativePath, (Func<string?>?)null);

    /// <summary>By name and place, and by content read from <paramref name="tree"/> where those are not enough (the
    /// tree's own rules apply: nothing outside the root, nothing too large or binary).</summary>
    public static FileKind Classify(string relativePath, FileTree tree, string rootFullPath)
    {
        var root = Path.GetFullPath(rootFullPath).TrimEnd(Path.DirectorySeparatorChar);
        return Classify(relativePath, () => tree.Read(Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar)), root, out _));
    }

    /// <param name="readText">Reads the file's text (null when it cannot), for files whose name and place are not enough.</param>
    public static FileKind Classify(string relativePath, Func<string?>? readText)
    {
        var path = relativePath.Replace('\\', '/');
        var name = Path.GetFileName(path);
        var directory = Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";
        var parent = Path.GetFileName(directory);

        // sshd: the main file (also variants such as sshd_config.hardened) and its drop-in directory.
        if (name.Equals("sshd_config", StringComparison.OrdinalIgnoreCase)
            || (name.StartsWith("sshd_config.", StringComparison.OrdinalIgnoreCase) && !IsBackup(name)))
            return FileKind.Sshd;
        if (parent.Equals("sshd_config.d", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".conf", StringComparison.OrdinalIgnoreCase))
            return FileKind.Sshd;
        // .env before the backup check: a .env.bak holds the same secrets as the .env it copies.
        if (DotEnvFileName.Matches(name)) return FileKind.DotEnv;
        if (IsBackup(name)) return FileKind.Unknown;

        // Compose, daemon.json and fail2ban are recognised before nginx so that they are never mistaken for it (a pre-commit
        // hook passes them by name). fail2ban comes before nginx: jail.d/*.conf and filter.d/nginx-*.conf are fail2ban's.
        var lower = name.ToLowerInvariant();
        if (ComposeName.IsMatch(lower)) return FileKind.Compose;
        if (lower == "daemon.json") return FileKind.DaemonJson;
        if (IsFail2ban(lower, directory, parent, readText)) return FileKind.Fail2ban;
        return ClassifyNginx(lower, directory, parent, readText);
    }

    /// <summary>fail2ban: jail.conf, jail.local, fail2ban.conf, fail2ban.local anywhere; .conf/.local files in jail.d/,
    /// fail2ban.d/, filter.d/ and action.d/; paths-*.conf (and .local) under a directory named like fail2ban, or elsewhere
    /// when they read as fail2ban's (an <c>[INCLUDES]</c> or <c>[DEFAULT]</c> section).</summary>
    private static bool IsFail2ban(string lower, string directory, string parent, Func<string?>? readText)
    {
        var conf = lower.EndsWith(".conf", StringComparison.Ordinal) || lower.EndsWith(".local", StringComparison.Ordinal);
        if (lower is "jail.conf" or "jail.local" or "fail2ban.conf" or "fail2ban.local") return true;
        if (parent is "jail.d" or "fail2ban.d" or "filter.d" or "action.d" && conf) return true;
        if (!lower.StartsWith("paths-", StringComparison.Ordinal) || !conf) return false;
        if (directory.Split('/').Any(segment => segment.IndexOf("fail2ban", StringComparison.OrdinalIgnoreCase) >= 0)) return true;
        return readText?.Invoke() is { } text && Fail2banPathsContent.IsMatch(text);
    }

    private static readonly System.Text.RegularExpressions.Regex Fail2banPathsContent =
        new(@"^\[(INCLUDES|DEFAULT)\][ \t]*\r?$", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>nginx: nginx.conf anywhere; under a directory named like nginx (<c>deploy/nginx/</c>), its .conf files
    /// and the files nginx packages ship. Elsewhere a .conf file, one of those names, or any file in sites-*/ or
    /// snippets/ (Debian's site files have no extension) is nginx when its content reads as nginx
    /// (<see cref="NginxContent"/>); Apache's sites-available, lighttpd's conf.d, other daemons' .conf files and a
    /// README next to the sites do not.</summary>
    private static FileKind ClassifyNginx(string lower, string directory, string parent, Func<string?>? readText)
    {
        if (lower == "nginx.conf") return FileKind.Nginx;
        var conf = lower.EndsWith(".conf", StringComparison.Ordinal);
        var nginxName = NginxNames.Contains(lower);
        var piece = NginxPieceDirectories.Contains(parent);
        var underNginx = directory.Split('/').Any(segment => segment.IndexOf("nginx", StringComparison.OrdinalIgnoreCase) >= 0);
        if (underNginx && (conf || nginxName)) return FileKind.Nginx;
        if (!conf && !nginxName && !(piece && parent != "conf.d")) return FileKind.Unknown;
        // Without the content, claim nothing: Apache has sites-available too.
        return readText?.Invoke() is { } text && NginxContent.LooksLikeNginx(text) ? FileKind.Nginx : FileKind.Unknown;
    }

    private static bool IsBackup(string name) =>
        name.EndsWith(".orig", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".bak", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("~", StringComparison.Ordinal) || name.EndsWith(".dpkg-dist", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".dpkg-old", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ucf-dist", StringComparison.OrdinalIgnoreCase);
}
