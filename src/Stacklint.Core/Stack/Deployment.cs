using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Compose;
using Stacklint.Formats.DaemonJson;
using Stacklint.Formats.Fail2ban;
using Stacklint.Formats.Nginx;
using Stacklint.Formats.Sshd;

namespace Stacklint.Stack;

/// <summary>
/// The configurations of one deployment (one host, or one folder of a repository holding several; see
/// <see cref="DeploymentRoots"/>), and the links between them that cross-file rules follow: which compose service
/// nginx hands requests to, which container a config file is mounted into, which repository file a key path names.
/// </summary>
public sealed class Deployment
{
    public Deployment(string root, IReadOnlyList<SshdConfig> sshd, IReadOnlyList<NginxConfig> nginx, IReadOnlyList<ComposeProject> compose,
        IReadOnlyList<DaemonJsonConfig> daemonJson, IReadOnlyList<DotEnvFile> dotEnv, IReadOnlyList<Fail2banConfig> fail2ban)
    {
        Root = root;
        Sshd = sshd;
        Nginx = nginx;
        Compose = compose;
        DaemonJson = daemonJson;
        DotEnv = dotEnv;
        Fail2ban = fail2ban;
    }

    /// <summary>The folder the deployment starts in, root-relative; <c>""</c> is the scan root.</summary>
    public string Root { get; }
    public IReadOnlyList<SshdConfig> Sshd { get; }
    public IReadOnlyList<NginxConfig> Nginx { get; }
    public IReadOnlyList<ComposeProject> Compose { get; }
    public IReadOnlyList<DaemonJsonConfig> DaemonJson { get; }
    public IReadOnlyList<DotEnvFile> DotEnv { get; }
    public IReadOnlyList<Fail2banConfig> Fail2ban { get; }

    /// <summary>Config files bind-mounted into a compose service.</summary>
    public IReadOnlyList<ComposeMountLink> Mounts { get; internal set; } = Array.Empty<ComposeMountLink>();
    /// <summary>nginx backends that are compose services of this deployment.</summary>
    public IReadOnlyList<NginxBackendLink> Backends { get; internal set; } = Array.Empty<NginxBackendLink>();
    /// <summary>Enabled fail2ban jails that protect a daemon of this deployment (sshd, nginx), with its configurations.</summary>
    public IReadOnlyList<JailLink> Jails { get; internal set; } = Array.Empty<JailLink>();
    /// <summary>The enabled jails that protect sshd.</summary>
    public IEnumerable<JailLink> SshdJails => Jails.Where(j => j.Daemon == "sshd");
    /// <summary>Paths of private keys named by the configurations, with the repository file each stands for.</summary>
    public IReadOnlyList<KeyFileReference> KeyReferences { get; internal set; } = Array.Empty<KeyFileReference>();

    /// <summary>"samples/tems/insecure", or "the scan root", for messages.</summary>
    public string Describe() => Root.Length == 0 ? "the scan root" : Root;

    public override string ToString() => Describe();
}
