using System;
using System.IO;

namespace Stacklint.Stack;

/// <summary>What a file is, and so which parser reads it.</summary>
public enum FileKind { Unknown, Sshd, Nginx, Compose, Fail2ban, DotEnv, DaemonJson }

/// <summary>Classifies a file by its name and place in the tree (content sniffing comes with the formats that need it).</summary>
public static class FileClassifier
{
    public static FileKind Classify(string relativePath)
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
        if (IsBackup(name)) return FileKind.Unknown;

        // The other formats are recognised already so that they are never mistaken for sshd_config (a pre-commit hook
        // passes them by name); their parsers come with their issues, and until then they are not read.
        var lower = name.ToLowerInvariant();
        var yaml = lower.EndsWith(".yml", StringComparison.Ordinal) || lower.EndsWith(".yaml", StringComparison.Ordinal);
        if (yaml && (lower.StartsWith("docker-compose", StringComparison.Ordinal) || lower.StartsWith("compose", StringComparison.Ordinal)))
            return FileKind.Compose;
        if (lower == ".env" || lower.StartsWith(".env.", StringComparison.Ordinal)) return FileKind.DotEnv;
        if (lower == "daemon.json") return FileKind.DaemonJson;
        if (lower is "jail.conf" or "jail.local" || (parent is "jail.d" or "filter.d" or "action.d" && (lower.EndsWith(".conf", StringComparison.Ordinal) || lower.EndsWith(".local", StringComparison.Ordinal))))
            return FileKind.Fail2ban;
        if (lower == "nginx.conf" || (lower.EndsWith(".conf", StringComparison.Ordinal) && (directory + "/").IndexOf("nginx/", StringComparison.OrdinalIgnoreCase) >= 0)
            || parent is "sites-available" or "sites-enabled")
            return FileKind.Nginx;
        return FileKind.Unknown;
    }

    private static bool IsBackup(string name) =>
        name.EndsWith(".orig", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".bak", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("~", StringComparison.Ordinal) || name.EndsWith(".dpkg-dist", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".dpkg-old", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ucf-dist", StringComparison.OrdinalIgnoreCase);
}
