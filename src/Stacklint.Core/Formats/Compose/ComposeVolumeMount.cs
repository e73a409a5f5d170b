using System;
using System.Linq;

namespace Stacklint.Formats.Compose;

/// <summary>What a service volume mounts.</summary>
public enum ComposeMountKind
{
    /// <summary>A host path (short form: a source starting with <c>/</c>, <c>.</c> or <c>~</c>; long form <c>type: bind</c>).</summary>
    Bind,
    /// <summary>A named volume (<c>db-data:/var/lib/postgresql/data</c>).</summary>
    Volume,
    /// <summary>An anonymous volume: a lone container path (<c>- /var/lib/data</c>), or <c>type: volume</c> with no source.</summary>
    Anonymous,
    Tmpfs,
    Npipe,
    Image,
    Cluster,
}

/// <summary>
/// One item of a service's <c>volumes:</c>, from the short syntax (<c>SOURCE:TARGET[:OPTIONS]</c>, split as compose-go's
/// <c>format.ParseVolume</c> splits it, Windows drive letters included) or the long syntax (<c>type</c>, <c>source</c>,
/// <c>target</c>, <c>read_only</c>, <c>bind.propagation</c>, <c>bind.selinux</c>, <c>volume.nocopy</c>).
/// </summary>
public sealed class ComposeVolumeMount
{
    internal ComposeVolumeMount(ComposeNode node, ComposeMountKind kind, string? source, string target, bool readOnly,
        string? propagation, string? selinux, bool noCopy, string? hostPath, string? repositoryPath)
    {
        Node = node;
        Kind = kind;
        Source = source;
        Target = target;
        ReadOnly = readOnly;
        Propagation = propagation;
        SELinux = selinux;
        NoCopy = noCopy;
        HostPath = hostPath;
        RepositoryPath = repositoryPath;
    }

    public ComposeNode Node { get; }
    public ComposeOrigin Origin => Node.Origin;
    public bool IsLongSyntax => Node is ComposeMapping;
    public ComposeMountKind Kind { get; }
    /// <summary>The source as written (after interpolation): a host path, a volume name, or null.</summary>
    public string? Source { get; }
    /// <summary>The path in the container.</summary>
    public string Target { get; }
    /// <summary><c>:ro</c> or <c>read_only: true</c>.</summary>
    public bool ReadOnly { get; }
    /// <summary>Bind propagation (<c>shared</c>, <c>rshared</c>, <c>slave</c>, <c>rslave</c>, <c>private</c>, <c>rprivate</c>), or null.</summary>
    public string? Propagation { get; }
    /// <summary><c>z</c> or <c>Z</c>, or null.</summary>
    public string? SELinux { get; }
    public bool NoCopy { get; }
    /// <summary>For a bind: the host path Docker mounts. Absolute paths and <c>~/…</c> as written (normalised); a relative
    /// path resolved against the project directory, as a path relative to the scan root when it stays inside it (else as
    /// written, and <see cref="RepositoryPath"/> is null).</summary>
    public string? HostPath { get; }
    /// <summary>For a bind with a relative source: the root-relative path in the repository; null otherwise or when it
    /// climbs above the scan root.</summary>
    public string? RepositoryPath { get; }

    public override string ToString() => $"{Kind} {Source ?? "(none)"} -> {Target}{(ReadOnly ? " (ro)" : "")}";

    private static readonly string[] Propagations = { "rprivate", "private", "rshared", "shared", "rslave", "slave" };

    /// <summary>Reads one item of <c>volumes:</c>. <paramref name="baseDirectory"/> is the root-relative directory relative
    /// paths are resolved against (the project directory, or an extended/included file's). Null with
    /// <paramref name="error"/> set when Compose would refuse it.</summary>
    public static ComposeVolumeMount? Read(ComposeNode node, string baseDirectory, out string? error)
    {
        error = null;
        switch (node)
        {
            case ComposeScalar { IsNull: false } scalar:
                return ParseShort(node, scalar.Text ?? "", baseDirectory, out error);
            case ComposeMapping mapping:
                return ParseLong(mapping, baseDirectory, out error);
            default:
                error = "a volume is a string such as \"./data:/data:ro\" or a mapping with `type` and `target`";
                return null;
        }
    }

    public static ComposeVolumeMount? ParseShort(ComposeNode node, string spec, string baseDirectory, out string? error)
    {
        error = null;
        if (spec.Length == 0)
        {
            error = "an empty volume";
            return null;
        }
        if (spec.Length <= 2) return new ComposeVolumeMount(node, ComposeMountKind.Anonymous, null, spec, false, null, null, false, null, null);

        string? source = null, target = null;
        bool readOnly = false, noCopy = false;
        string? propagation = null, selinux = null;
        var buffer = new System.Text.StringBuilder();
        var text = spec + "\0";
        foreach (var c in text)
        {
            if (c == ':' && buffer.Length == 1 && char.IsLetter(buffer[0]))
            {
                buffer.Append(c); // a Windows drive letter: C:\data
                continue;
            }
            if (c != ':' && c != '\0')
            {
                buffer.Append(c);
                continue;
            }
            var part = buffer.ToString();
            buffer.Clear();
            if (part.Length == 0)
            {
                error = "an empty section between colons";
                return null;
            }
            if (source is null && c == '\0') target = part; // a lone path: an anonymous volume
            else if (source is null) source = part;
            else if (target is null) target = part;
            else if (c == ':')
            {
                error = "too many colons";
                return null;
            }
            else
            {
                foreach (var option in part.Split(','))
                {
                    if (option == "ro") readOnly = true;
                    else if (option == "rw") readOnly = false;
                    else if (option == "nocopy") noCopy = true;
                    else if (Propagations.Contains(option)) propagation = option;
                    else if (option is "z" or "Z") selinux = option;
                    // Compose ignores other options.
                }
            }
        }
        if (source is null) return new ComposeVolumeMount(node, ComposeMountKind.Anonymous, null, target!, readOnly, null, null, noCopy, null, null);
        var kind = IsFilePath(source) ? ComposeMountKind.Bind : ComposeMountKind.Volume;
        var (host, repository) = kind == ComposeMountKind.Bind ? ResolveHostPath(source, baseDirectory) : (null, null);
        return new ComposeVolumeMount(node, kind, source, target!, readOnly, propagation, selinux, noCopy, host, repository);
    }

    private static ComposeVolumeMount? ParseLong(ComposeMapping mapping, string baseDirectory, out string? error)
    {
        error = null;
        var type = mapping["type"]?.Text?.Trim().ToLowerInvariant();
        var source = mapping["source"]?.Text;
        var target = mapping["target"]?.Text;
        if (string.IsNullOrEmpty(target))
        {
            error = "the long volume syntax needs `target`";
            return null;
        }
        var kind = type switch
        {
            "bind" => ComposeMountKind.Bind,
            "tmpfs" => ComposeMountKind.Tmpfs,
            "npipe" => ComposeMountKind.Npipe,
            "image" => ComposeMountKind.Image,
            "cluster" => ComposeMountKind.Cluster,
            "volume" or null or "" => string.IsNullOrEmpty(source) ? ComposeMountKind.Anonymous : ComposeMountKind.Volume,
            _ => (ComposeMountKind?)null,
        };
        if (kind is null)
        {
            error = $"unknown volume type `{type}` (volume, bind, tmpfs, npipe, image, cluster)";
            return null;
        }
        if (kind == ComposeMountKind.Bind && string.IsNullOrEmpty(source))
        {
            error = "a bind mount needs `source`";
            return null;
        }
        var readOnly = (mapping["read_only"] as ComposeScalar)?.AsBoolean() ?? false;
        var bind = mapping["bind"] as ComposeMapping;
        var (host, repository) = kind == ComposeMountKind.Bind ? ResolveHostPath(source!, baseDirectory) : (null, null);
        var noCopy = ((mapping["volume"] as ComposeMapping)?["nocopy"] as ComposeScalar)?.AsBoolean() ?? false;
        return new ComposeVolumeMount(mapping, kind.Value, string.IsNullOrEmpty(source) ? null : source, target!, readOnly,
            bind?["propagation"]?.Text, bind?["selinux"]?.Text, noCopy, host, repository);
    }

    /// <summary>compose-go's rule: a short-syntax source is a host path when it starts with <c>.</c>, <c>/</c> or
    /// <c>~</c>, is a Windows named pipe (<c>\\</c>) or starts with a drive letter; anything else names a volume.</summary>
    public static bool IsFilePath(string source)
    {
        if (source.Length == 0) return false;
        if (source[0] is '.' or '/' or '~') return true;
        if (source.StartsWith(@"\\", StringComparison.Ordinal)) return true;
        return source.Length >= 2 && char.IsLetter(source[0]) && source[1] == ':';
    }

    /// <summary>The host path of a bind (absolute or <c>~</c> paths normalised, relative ones resolved against the
    /// project directory) and, for a relative path that stays inside the scan root, its root-relative path.</summary>
    public static (string? HostPath, string? RepositoryPath) ResolveHostPath(string source, string baseDirectory)
    {
        var slashed = source.Replace('\\', '/');
        if (slashed.StartsWith("/", StringComparison.Ordinal))
            return ("/" + (Stack.PathGlob.Normalize(slashed) ?? ""), null);
        if (slashed == "~" || slashed.StartsWith("~/", StringComparison.Ordinal))
            return ("~/" + (Stack.PathGlob.Normalize(slashed.Substring(1)) ?? ""), null);
        if (slashed.Length >= 2 && char.IsLetter(slashed[0]) && slashed[1] == ':') return (slashed, null);
        var joined = baseDirectory.Length == 0 ? slashed : baseDirectory + "/" + slashed;
        var repository = Stack.PathGlob.Normalize(joined);
        return (repository ?? slashed, repository);
    }
}
