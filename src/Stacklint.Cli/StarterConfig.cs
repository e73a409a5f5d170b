using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Stacklint.Stack;

namespace Stacklint.Cli;

/// <summary>The commented <c>.stacklint.yml</c> that <c>stacklint init</c> writes. Everything but <c>fail-on</c> is a
/// commented example, so the file changes nothing until edited — except the include-path mappings it can see in the
/// tree (an <c>etc/ssh/sshd_config</c> in <c>deploy/</c> means <c>/etc/ssh</c> lives in <c>deploy/etc/ssh</c>).</summary>
public static class StarterConfig
{
    public const string SchemaUrl = "https://raw.githubusercontent.com/stacklint/stacklint/main/src/Stacklint.Core/Configuration/stacklint.schema.json";

    public static string For(string directory)
    {
        var mappings = DetectedMappings(directory);
        var text = new StringBuilder();
        text.AppendLine($"# yaml-language-server: $schema={SchemaUrl}");
        text.AppendLine("# stacklint configuration, found from the scanned path upwards. Options on the command line win over it.");
        text.AppendLine("# Every setting is explained at https://github.com/stacklint/stacklint#configuration-stacklintyml");
        text.AppendLine();
        text.AppendLine("# The lowest severity that makes `stacklint scan` exit 1: error | warning | note | none.");
        text.AppendLine("fail-on: warning");
        text.AppendLine();
        text.AppendLine("# A rule's severity (error | warning | note), or off / on against its default. `stacklint rules` lists them.");
        text.AppendLine("# rules:");
        text.AppendLine("#   SSH022: warning      # sshd on port 22 (off by default)");
        text.AppendLine("#   SSH014: off");
        text.AppendLine();
        text.AppendLine("# Which files are scanned: globs relative to this file (** any depth). Without include, everything is.");
        text.AppendLine("# include: [\"deploy/**\"]");
        text.AppendLine("# exclude: [\"**/testdata/**\"]");
        text.AppendLine();
        text.AppendLine("# What a file is, where its name does not say: sshd | nginx | compose | fail2ban | dotenv | daemonjson | ignore.");
        text.AppendLine("# kinds:");
        text.AppendLine("#   \"deploy/ssh/main.conf\": sshd");
        text.AppendLine();
        text.AppendLine("# Where absolute include paths (Include /etc/ssh/sshd_config.d/*.conf) live in this repository.");
        if (mappings.Count == 0)
        {
            text.AppendLine("# paths:");
            text.AppendLine("#   /etc/ssh: deploy/ssh");
        }
        else
        {
            text.AppendLine("paths:");
            foreach (var (from, to) in mappings) text.AppendLine($"  {from}: {to}");
        }
        text.AppendLine();
        text.AppendLine("# The daemon versions you deploy to, where defaults differ between versions (quote them).");
        text.AppendLine("# targets:");
        text.AppendLine("#   openssh: \"9.2\"");
        text.AppendLine("#   nginx: \"1.26\"");
        text.AppendLine();
        text.AppendLine("# Findings to accept in files that cannot carry a `# stacklint-disable-next-line ID -- reason` comment.");
        text.AppendLine("# ignore:");
        text.AppendLine("#   - path: legacy/**");
        text.AppendLine("#     rules: [SSH001]");
        text.AppendLine("#     reason: the old bastion, switched off in March");
        return text.ToString();
    }

    /// <summary>/etc/ssh and /etc/nginx mapped to the directory of the first sshd_config / nginx.conf found.</summary>
    private static IReadOnlyList<(string From, string To)> DetectedMappings(string directory)
    {
        var files = Discovery.Walk(directory);
        var result = new List<(string, string)>();
        void Add(string from, string fileName)
        {
            var main = files.FirstOrDefault(f => Path.GetFileName(f.RelativePath) == fileName && f.RelativePath.Contains('/'));
            if (main is null) return;
            var dir = Path.GetDirectoryName(main.RelativePath)!.Replace('\\', '/');
            if (dir != from.TrimStart('/')) result.Add((from, dir));
        }
        Add("/etc/ssh", "sshd_config");
        Add("/etc/nginx", "nginx.conf");
        return result;
    }
}
