using System;
using System.Linq;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>The container runtime's socket (or the directory holding it) mounted into a container: whoever controls
/// the container controls the Docker API, and with it the host. <c>:ro</c> does not help.</summary>
public sealed class DCO004DockerSocketMounted : ComposeRule
{
    private static readonly string[] SocketNames = { "docker.sock", "podman.sock", "containerd.sock", "crio.sock" };
    private static readonly string[] SocketDirectories = { "/run", "/var/run", "/run/containerd", "/run/podman", "/var/run/docker", "/run/docker" };

    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            foreach (var mount in ComposeHostPaths.Of(service, cx.Project))
            {
                string what;
                if (SocketNames.Contains(mount.Path.Substring(mount.Path.LastIndexOf('/') + 1))) what = $"the container runtime socket `{mount.Path}`";
                else if (SocketDirectories.Contains(mount.Path)) what = $"`{mount.Path}`, the directory that holds the container runtime socket,";
                else continue;
                var readOnly = mount.Mount.ReadOnly ? " Read-only makes the socket file read-only, not the API." : "";
                cx.Report(service, mount.Origin,
                    $"mounts {what} at `{mount.Mount.Target}`{mount.Via}: the container can start a privileged container with the host's / "
                    + $"mounted, which is root on the host.{readOnly} Give it a socket proxy that allows only the API calls it needs "
                    + "(e.g. tecnativa/docker-socket-proxy on an internal network), or remove the mount.");
            }
            if (service.Node["use_api_socket"] is ComposeScalar apiSocket && ComposeValues.Boolean(apiSocket) == true)
                cx.Report(service, apiSocket.Origin,
                    "`use_api_socket: true` mounts the Docker API socket (and the user's registry credentials) into the container: control of "
                    + "the container is control of the host. Remove it, or use a socket proxy limited to the calls the tool needs.");
        }
    }
}
