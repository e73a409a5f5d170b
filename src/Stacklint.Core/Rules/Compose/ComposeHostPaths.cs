using System;
using System.Linq;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>The host path a service volume mounts (README S7), whatever the syntax.</summary>
public sealed class HostMount
{
    internal HostMount(ComposeVolumeMount mount, string path, ComposeOrigin origin, ComposeOrigin? device)
    {
        Mount = mount;
        Path = path;
        Origin = origin;
        Device = device;
    }

    public ComposeVolumeMount Mount { get; }
    /// <summary>Absolute and normalised (<c>/var/run/docker.sock</c>), or under the home directory (<c>~/.ssh</c>).</summary>
    public string Path { get; }
    /// <summary>Where a finding about it goes: the short entry, the long entry's <c>source:</c>, the service's entry that
    /// mounts a named volume.</summary>
    public ComposeOrigin Origin { get; }
    /// <summary>For a named volume the local driver binds: the <c>device:</c> line of its definition.</summary>
    public ComposeOrigin? Device { get; }
    /// <summary>" (the named volume `hostrun` binds it: compose.yaml:13)" or "".</summary>
    public string Via => Device is null ? "" : $" (the named volume `{Mount.Source}` binds it: {Device.Describe()})";
}

public static class ComposeHostPaths
{
    /// <summary>The host paths a service mounts from outside the project: absolute and home paths of binds, and named
    /// volumes that the local driver binds to a device path. Relative paths (inside the project) are left out.</summary>
    public static System.Collections.Generic.IEnumerable<HostMount> Of(ComposeService service, ComposeProject project)
    {
        foreach (var mount in service.Volumes)
        {
            if (mount.Kind == ComposeMountKind.Bind && mount.HostPath is { } host)
            {
                var sourceNode = mount.Node is ComposeMapping m ? m["source"] as ComposeScalar : mount.Node as ComposeScalar;
                var path = HomeRelative(sourceNode, host);
                if (path is null) continue;
                yield return new HostMount(mount, path, sourceNode is not null && mount.Node is ComposeMapping ? sourceNode.Origin : mount.Origin, null);
            }
            else if (mount.Kind == ComposeMountKind.Volume && mount.Source is { } name
                     && project.Volumes?[name] is ComposeMapping definition
                     && (definition["driver"]?.Text is null or "local")
                     && definition["driver_opts"] is ComposeMapping options
                     && (options["o"]?.Text ?? "").Split(',').Any(o => o.Trim() == "bind")
                     && options["device"] is ComposeScalar { Text: { Length: > 0 } device } deviceNode)
            {
                var (devicePath, _) = ComposeVolumeMount.ResolveHostPath(device, project.Directory);
                if (devicePath is null || !(devicePath.StartsWith("/", StringComparison.Ordinal) || devicePath.StartsWith("~", StringComparison.Ordinal))) continue;
                yield return new HostMount(mount, devicePath, mount.Origin, deviceNode.Origin);
            }
        }
    }

    /// <summary>The absolute or home path; <c>$HOME</c>/<c>${HOME}</c> (which Compose takes from the shell, not .env)
    /// read as <c>~</c>; null for a path inside the project.</summary>
    private static string? HomeRelative(ComposeScalar? source, string host)
    {
        if (source?.Interpolation?.Substitutions is { Count: > 0 } substitutions && substitutions[0] is { Offset: 0, Name: "HOME", IsSet: false }
            && host.StartsWith("/", StringComparison.Ordinal))
            return host.Length > 1 ? "~" + host.TrimEnd('/') : "~"; // HOME was empty: "${HOME}/.ssh" read "/.ssh"
        if (host.StartsWith("/", StringComparison.Ordinal)) return host.Length > 1 ? host.TrimEnd('/') : host;
        if (host == "~/" || host == "~") return "~";
        if (host.StartsWith("~/", StringComparison.Ordinal)) return host.TrimEnd('/');
        return null;
    }

    /// <summary><paramref name="path"/> is <paramref name="directory"/> or under it, by whole components
    /// (<c>*</c> matches one component: <c>/home/*/.ssh</c>).</summary>
    public static bool IsUnder(string path, string directory)
    {
        var p = path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        var d = directory.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        if ((path.StartsWith("~", StringComparison.Ordinal)) != (directory.StartsWith("~", StringComparison.Ordinal)) || p.Length < d.Length) return false;
        for (var i = 0; i < d.Length; i++)
            if (d[i] != "*" && d[i] != p[i]) return false;
        return true;
    }
}
