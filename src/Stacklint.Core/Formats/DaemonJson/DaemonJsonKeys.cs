using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Stacklint.Formats.DaemonJson;

/// <summary>How dockerd treats a top-level name of daemon.json.</summary>
public enum DaemonJsonKeyStatus
{
    /// <summary>A setting: dockerd's check knows the name (a command-line flag's, or a list flag's configuration name)
    /// and a field of its configuration reads it.</summary>
    Read,
    /// <summary>A configuration field's JSON name that is not a flag's name: the check refuses it ("the following
    /// directives don't match any configuration option") although a field has that name.</summary>
    FieldWithoutFlag,
    /// <summary>A flag's name that no field reads (<c>insecure-registry</c>, <c>label</c>): accepted, then ignored.</summary>
    FlagOnly,
    /// <summary>Deprecated and skipped by the check: accepted, then ignored.</summary>
    Skipped,
    /// <summary>A setting of earlier releases, gone from this one: refused like any unknown name.</summary>
    Removed,
}

/// <summary>One top-level name of daemon.json: its status, the Go type its value is decoded into, and what dockerd
/// validates beyond the type.</summary>
public sealed class DaemonJsonKey
{
    internal DaemonJsonKey(string name, DaemonJsonKeyStatus status, GoType? type, string? note,
        Func<DaemonJsonValue, IEnumerable<(DaemonJsonValue At, string Error)>>? validate)
    {
        Name = name;
        Status = status;
        Type = type;
        Note = note;
        Validate = validate;
    }

    public string Name { get; }
    public DaemonJsonKeyStatus Status { get; }
    /// <summary>The Go type of the field (null for names no field reads).</summary>
    public GoType? Type { get; }
    /// <summary>For a name dockerd refuses or ignores: why, and what to write instead.</summary>
    public string? Note { get; }
    internal Func<DaemonJsonValue, IEnumerable<(DaemonJsonValue At, string Error)>>? Validate { get; }

    public override string ToString() => $"{Name} ({Status}{(Type is null ? "" : ", " + Type.Name)})";
}

/// <summary>
/// The names of dockerd's daemon.json on Linux, with the Go type of each value, and how dockerd checks the file.
/// <para>
/// Source, read with the search tool (no dockerd to run here): moby/moby at commit
/// <c>058152027af55ba856677e84103f9b6113efbf0a</c> (the Docker Engine 29.0 line: <c>DefaultAPIVersion = "1.52"</c>):
/// <c>daemon/config/config.go</c> (<c>CommonConfig</c>, <c>NetworkConfig</c>, <c>Proxies</c>, <c>LogConfig</c>,
/// <c>DNSConfig</c>, <c>TLSOptions</c>; <c>flatOptions</c>, <c>skipValidateOptions</c>, <c>migratedNamedConfig</c>;
/// <c>getConflictFreeConfiguration</c>, <c>configValuesSet</c>, <c>findConfigurationConflicts</c>, <c>Validate</c>),
/// <c>daemon/config/config_linux.go</c> (<c>Config</c>, <c>BridgeConfig</c>, <c>DefaultBridgeConfig</c>,
/// <c>validatePlatformConfig</c>), <c>daemon/command/config.go</c> and <c>daemon/command/config_unix.go</c> (the flags);
/// of the same line at the commits the index holds: <c>daemon/command/options.go</c> (0e90002a: <c>debug</c>,
/// <c>validate</c>, <c>log-level</c>, <c>log-format</c>, <c>tls*</c>, <c>host</c>), <c>daemon/config/builder.go</c>
/// (0deca495), <c>daemon/pkg/opts/address_pools.go</c> and <c>opts.go</c> (<c>PoolsOpt</c>, <c>MemBytes</c>),
/// <c>registry.ServiceOptions</c> (<c>registry-mirrors</c>, <c>insecure-registries</c>). Engine 28 has the same JSON
/// names; 27 lacks <c>bip6</c>, <c>ip-forward-no-drop</c>, <c>allow-direct-routing</c>, <c>bridge-accept-fwmark</c>
/// and <c>firewall-backend</c>.
/// </para>
/// <para>
/// How dockerd reads the file: <c>json.Unmarshal</c> into <c>map[string]interface{}</c> (last of a repeated name wins);
/// a top-level object whose name is not one of <see cref="FlatOptions"/> is replaced by its members (so
/// <c>proxies.http-proxy</c> is checked as <c>http-proxy</c>); every resulting name must be a flag's name, a list flag's
/// configuration name (<c>NamedOption</c>: <c>labels</c> for <c>--label</c>) or one of <see cref="SkippedNames"/>, else
/// "the following directives don't match any configuration option: NAME" and dockerd exits. Then <c>json.Unmarshal</c>
/// into the configuration struct: a value of the wrong type is an <c>UnmarshalTypeError</c> and dockerd exits; a name
/// the check accepted but no field has (a flag's name such as <c>insecure-registry</c>) is silently ignored. Then
/// <c>Validate</c>. A name given both in the file and as a flag is fatal too (systemd's <c>-H fd://</c> with
/// <c>hosts</c>); flags are not in the file, so that is left to the rule pages.
/// </para>
/// <para>
/// Two names in Docker's documentation do not behave as written there: <c>containerd-plugin-namespace</c> is the
/// field's JSON name but no flag's, so dockerd refuses it (docker/docs#19398 quotes <c>dockerd --validate</c> 25.0.3:
/// "the following directives don't match any configuration option: containerd-plugin-namespace");
/// <c>containerd-plugins-namespace</c> is the flag's name, so the check accepts it, but no field reads it: it is ignored.
/// </para>
/// </summary>
public static class DaemonJsonKeys
{
    /// <summary><c>flatOptions</c>: top-level names whose object value is the setting itself, not a group of names.</summary>
    public static readonly IReadOnlyCollection<string> FlatOptions = new HashSet<string>(StringComparer.Ordinal)
        { "cluster-store-opts", "default-network-opts", "log-opts", "runtimes", "default-ulimits", "features", "builder" };

    /// <summary><c>skipValidateOptions</c>: never refused by the check.</summary>
    public static readonly IReadOnlyCollection<string> SkippedNames = new HashSet<string>(StringComparer.Ordinal)
        { "features", "builder", "deprecated-key-path", "allow-nondistributable-artifacts" };

    private static readonly GoType StringList = GoType.List(GoType.String);

    private static readonly GoType Ulimit = GoType.Struct("container.Ulimit", ("Name", GoType.String), ("Hard", GoType.Int64), ("Soft", GoType.Int64));
    private static readonly GoType Runtime = GoType.Struct("system.Runtime",
        ("path", GoType.String), ("runtimeArgs", StringList), ("runtimeType", GoType.String), ("options", GoType.Map(GoType.Any)));
    private static readonly GoType AddressPool = GoType.Struct("ipamutils.NetworkToSplit", ("base", GoType.NetipPrefix), ("size", GoType.Int));
    private static readonly GoType Proxies = GoType.Struct("config.Proxies", ("http-proxy", GoType.String), ("https-proxy", GoType.String), ("no-proxy", GoType.String));
    private static readonly GoType GcRule = GoType.Struct("config.BuilderGCRule",
        ("All", GoType.Bool),
        ("Filter", GoType.Either("config.BuilderGCFilter", "an array of \"key=value\" strings", StringList, GoType.Map(GoType.Map(GoType.Bool)))),
        ("ReservedSpace", GoType.String), ("MaxUsedSpace", GoType.String), ("MinFreeSpace", GoType.String), ("KeepStorage", GoType.String),
        // Docker's build garbage-collection documentation shows keepDuration ("48h", or ["1440h"]); builder.go at 0deca495
        // has no such field. Taken as anything, so that no finding rests on the difference.
        ("KeepDuration", GoType.Any));
    private static readonly GoType Builder = GoType.Struct("config.BuilderConfig",
        ("GC", GoType.Struct("config.BuilderGCConfig", ("Enabled", GoType.Bool), ("Policy", GoType.List(GcRule)),
            ("DefaultReservedSpace", GoType.String), ("DefaultMaxUsedSpace", GoType.String), ("DefaultMinFreeSpace", GoType.String),
            ("DefaultKeepStorage", GoType.String))),
        ("Entitlements", GoType.Struct("config.BuilderEntitlements", ("network-host", GoType.Bool), ("security-insecure", GoType.Bool), ("device", GoType.Bool))),
        ("History", GoType.Struct("config.BuilderHistoryConfig", ("MaxAge", GoType.Duration), ("MaxEntries", GoType.Int64))),
        ("proxy-network", GoType.Bool));

    private static readonly DaemonJsonKey[] Table =
    {
        // CommonConfig (daemon/config/config.go)
        Read("authorization-plugins", StringList),
        Read("exec-opts", StringList, ExecOptions),
        Read("storage-driver", GoType.String),
        Read("storage-opts", StringList),
        Read("labels", StringList, Labels),
        Read("network-diagnostic-port", GoType.Int, v => Between(v, 0, 65535, n => $"invalid network-diagnostic-port ({n}): value must be between 0 and 65535")),
        Read("pidfile", GoType.String),
        Read("raw-logs", GoType.Bool),
        Read("data-root", GoType.String),
        Read("exec-root", GoType.String),
        Read("group", GoType.String),
        Read("api-cors-header", GoType.String, v => v.Text is { Length: > 0 }
            ? One(v, "DEPRECATED: The \"api-cors-header\" config parameter and the dockerd \"--api-cors-header\" option have been removed; use a reverse proxy if you need CORS headers")
            : None),
        Read("proxies", Proxies),
        Read("live-restore", GoType.Bool),
        Read("max-concurrent-downloads", GoType.Int, v => Between(v, 0, long.MaxValue, n => $"invalid max concurrent downloads: {n}")),
        Read("max-concurrent-uploads", GoType.Int, v => Between(v, 0, long.MaxValue, n => $"invalid max concurrent uploads: {n}")),
        Read("max-download-attempts", GoType.Int, v => Between(v, 0, long.MaxValue, n => $"invalid max download attempts: {n}")),
        Read("shutdown-timeout", GoType.Int),
        Read("debug", GoType.Bool),
        Read("hosts", StringList, Hosts),
        Read("log-level", GoType.String, v => v.Text is { Length: > 0 } level && !new[] { "panic", "fatal", "error", "warn", "info", "debug", "trace" }.Contains(level.ToLowerInvariant())
            ? One(v, $"invalid logging level: {level}") : None),
        Read("log-format", GoType.String, v => v.Text is { Length: > 0 } format && format is not ("text" or "json") ? One(v, $"invalid log format: {format}") : None),
        Read("tls", GoType.Bool),
        Read("tlsverify", GoType.Bool),
        Read("tlscacert", GoType.String),
        Read("tlscert", GoType.String),
        Read("tlskey", GoType.String),
        Read("swarm-default-advertise-addr", GoType.String),
        Read("metrics-addr", GoType.String),
        Read("dns", GoType.List(GoType.NetipAddr)),
        Read("dns-opts", StringList),
        Read("dns-search", StringList),
        Read("host-gateway-ip", GoType.NetIP),
        Read("host-gateway-ips", GoType.List(GoType.NetipAddr)),
        Read("log-driver", GoType.String),
        Read("log-opts", GoType.Map(GoType.String)),
        Read("registry-mirrors", StringList),
        Read("insecure-registries", StringList),
        Read("experimental", GoType.Bool),
        Read("node-generic-resources", StringList, v => v.Items.Where(i => i.IsString && !i.Text!.Contains("="))
            .Select(i => (i, $"invalid node-generic-resource format `{i.Text}` expected `name=value`"))),
        Read("containerd", GoType.String),
        Read("cri-containerd", GoType.Bool),
        Read("features", GoType.Map(GoType.Bool)),
        Read("builder", Builder),
        Read("containerd-namespace", GoType.String),
        Read("default-runtime", GoType.String),
        Read("cdi-spec-dirs", StringList),
        // NetworkConfig and BridgeConfig (config.go, config_linux.go)
        Read("default-address-pools", GoType.List(AddressPool, "opts.PoolsOpt")),
        Read("network-control-plane-mtu", GoType.Int),
        Read("default-network-opts", GoType.Map(GoType.Map(GoType.String))),
        Read("firewall-backend", GoType.String, v => v.Text is { Length: > 0 } backend && backend is not ("iptables" or "nftables")
            ? One(v, "invalid firewall-backend: allowed values are \"iptables\" and \"nftables\"") : None),
        Read("iptables", GoType.Bool),
        Read("ip6tables", GoType.Bool),
        Read("ip-forward", GoType.Bool),
        Read("ip-forward-no-drop", GoType.Bool),
        Read("ip-masq", GoType.Bool),
        Read("userland-proxy", GoType.Bool),
        Read("userland-proxy-path", GoType.String, v => v.Text is { Length: > 0 } path && !path.StartsWith("/", StringComparison.Ordinal)
            ? One(v, "invalid userland-proxy-path: must be an absolute path: " + path) : None),
        Read("allow-direct-routing", GoType.Bool),
        Read("bridge-accept-fwmark", GoType.String),
        Read("bridge", GoType.String),
        Read("fixed-cidr", GoType.String),
        Read("ipv6", GoType.Bool),
        Read("fixed-cidr-v6", GoType.String),
        Read("mtu", GoType.Int, v => Between(v, 0, long.MaxValue, n => $"invalid default MTU: {n}")),
        Read("ip", GoType.NetIP),
        Read("bip", GoType.String),
        Read("bip6", GoType.String),
        Read("default-gateway", GoType.NetIP),
        Read("default-gateway-v6", GoType.NetIP),
        Read("icc", GoType.Bool),
        // Config (config_linux.go)
        Read("runtimes", GoType.Map(Runtime)),
        Read("cgroup-parent", GoType.String),
        Read("selinux-enabled", GoType.Bool),
        Read("userns-remap", GoType.String),
        Read("default-ulimits", GoType.Map(Ulimit)),
        Read("cpu-rt-period", GoType.Int64),
        Read("cpu-rt-runtime", GoType.Int64),
        Read("init", GoType.Bool),
        Read("init-path", GoType.String),
        Read("seccomp-profile", GoType.String),
        Read("default-shm-size", GoType.MemBytes),
        Read("no-new-privileges", GoType.Bool),
        Read("default-ipc-mode", GoType.String, v => v.Text is { Length: > 0 } mode && mode is not ("private" or "shareable")
            ? One(v, $"IPC mode \"{mode}\" is not supported as default value; use \"shareable\" or \"private\"") : None),
        Read("default-cgroupns-mode", GoType.String, v => v.Text is { Length: > 0 } mode && mode is not ("host" or "private")
            ? One(v, $"invalid default cgroup namespace ({mode}): use \"host\" or \"private\"") : None),
        Read("rootless", GoType.Bool),

        // Fields whose JSON name is no flag's: findConfigurationConflicts refuses them.
        FieldWithoutFlag("containerd-plugin-namespace", GoType.String,
            "it is the field's JSON name, but dockerd's check only knows the flag's name, containerd-plugins-namespace (docker/docs#19398), and that one is "
            + "accepted but never read: set the plugin namespace with dockerd's --containerd-plugins-namespace flag"),
        FieldWithoutFlag("default-init", GoType.String, "no dockerd flag has this name; use `init-path` for the docker-init binary"),
        FieldWithoutFlag("resolv-conf", GoType.String, "no dockerd flag has this name, so the check refuses it"),
        FieldWithoutFlag("swarm-raft-heartbeat-tick", GoType.Uint32, "no dockerd flag has this name, so the check refuses it"),
        FieldWithoutFlag("swarm-raft-election-tick", GoType.Uint32, "no dockerd flag has this name, so the check refuses it"),

        // Flags' names no field reads: accepted, ignored.
        FlagOnly("containerd-plugins-namespace", "it is the flag's name; the configuration field is named containerd-plugin-namespace, which the check refuses. "
            + "Set it with dockerd's --containerd-plugins-namespace flag"),
        FlagOnly("registry-mirror", "the setting is `registry-mirrors` (an array)"),
        FlagOnly("insecure-registry", "the setting is `insecure-registries` (an array)"),
        FlagOnly("storage-opt", "the setting is `storage-opts` (an array)"),
        FlagOnly("authorization-plugin", "the setting is `authorization-plugins` (an array)"),
        FlagOnly("exec-opt", "the setting is `exec-opts` (an array)"),
        FlagOnly("feature", "the setting is `features` (an object of booleans)"),
        FlagOnly("default-network-opt", "the setting is `default-network-opts` (an object)"),
        FlagOnly("dns-opt", "the setting is `dns-opts` (an array)"),
        FlagOnly("label", "the setting is `labels` (an array)"),
        FlagOnly("log-opt", "the setting is `log-opts` (an object of strings)"),
        FlagOnly("node-generic-resource", "the setting is `node-generic-resources` (an array)"),
        FlagOnly("cdi-spec-dir", "the setting is `cdi-spec-dirs` (an array)"),
        FlagOnly("add-runtime", "the setting is `runtimes` (an object)"),
        FlagOnly("default-ulimit", "the setting is `default-ulimits` (an object)"),
        FlagOnly("default-address-pool", "the setting is `default-address-pools` (an array of {base, size})"),
        FlagOnly("host", "the setting is `hosts` (an array)"),
        FlagOnly("http-proxy", "the setting is `proxies.http-proxy`"),
        FlagOnly("https-proxy", "the setting is `proxies.https-proxy`"),
        FlagOnly("no-proxy", "the setting is `proxies.no-proxy`"),
        FlagOnly("config-file", "it is a command-line flag only"),
        FlagOnly("validate", "it is a command-line flag only (`dockerd --validate`)"),
        FlagOnly("restart", "it is a deprecated command-line flag; use restart policies on containers"),

        // skipValidateOptions: deprecated, accepted, ignored.
        Skipped("allow-nondistributable-artifacts", "deprecated in Engine 28: pushing non-distributable artifacts is always allowed now"),
        Skipped("deprecated-key-path", "deprecated: the daemon's trust key is no longer used"),

        // Settings of earlier releases: now unknown names.
        Removed("graph", "removed in Engine 23.0; use `data-root`"),
        Removed("cluster-store", "Swarm classic's option, removed in Engine 23.0"),
        Removed("cluster-advertise", "Swarm classic's option, removed in Engine 23.0"),
        Removed("cluster-store-opts", "Swarm classic's option, removed in Engine 23.0"),
        Removed("disable-legacy-registry", "removed in Engine 17.12 with support for v1 registries"),
        Removed("oom-score-adjust", "removed in Engine 25.0"),
    };

    private static readonly Dictionary<string, DaemonJsonKey> ByName = Table.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>Every top-level name stacklint knows, settings and the names dockerd refuses or ignores.</summary>
    public static IReadOnlyList<DaemonJsonKey> All => Table;

    /// <summary>The entry for a top-level name (case-sensitive, as dockerd's check is), or null for an unknown name.</summary>
    public static DaemonJsonKey? Find(string name) => ByName.TryGetValue(name, out var key) ? key : null;

    /// <summary>The settings a misspelt name may have meant.</summary>
    public static IEnumerable<string> SettingNames => Table.Where(k => k.Status == DaemonJsonKeyStatus.Read).Select(k => k.Name);

    private static IEnumerable<(DaemonJsonValue, string)> None => Enumerable.Empty<(DaemonJsonValue, string)>();
    private static IEnumerable<(DaemonJsonValue, string)> One(DaemonJsonValue at, string error) => new[] { (at, error) };

    private static DaemonJsonKey Read(string name, GoType type, Func<DaemonJsonValue, IEnumerable<(DaemonJsonValue, string)>>? validate = null) =>
        new(name, DaemonJsonKeyStatus.Read, type, null, validate);
    private static DaemonJsonKey FieldWithoutFlag(string name, GoType type, string note) => new(name, DaemonJsonKeyStatus.FieldWithoutFlag, type, note, null);
    private static DaemonJsonKey FlagOnly(string name, string note) => new(name, DaemonJsonKeyStatus.FlagOnly, null, note, null);
    private static DaemonJsonKey Skipped(string name, string note) => new(name, DaemonJsonKeyStatus.Skipped, null, note, null);
    private static DaemonJsonKey Removed(string name, string note) => new(name, DaemonJsonKeyStatus.Removed, null, note, null);

    private static IEnumerable<(DaemonJsonValue, string)> Between(DaemonJsonValue value, long min, long max, Func<string, string> error) =>
        value.Kind == System.Text.Json.JsonValueKind.Number && long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && (n < min || n > max)
            ? One(value, error(value.Text!)) : None;

    /// <summary><c>opts.ValidateHost</c> on each entry of <c>hosts</c>.</summary>
    private static IEnumerable<(DaemonJsonValue, string)> Hosts(DaemonJsonValue hosts)
    {
        foreach (var item in hosts.Items.Where(i => i.IsString))
        {
            var host = item.Text!.Trim();
            if (host.Length == 0) continue;
            var address = DaemonHost.Parse(host);
            if (address.Error is { } error) yield return (item, error);
        }
    }

    /// <summary><c>opts.ValidateLabel</c> on each label, then <c>GetConflictFreeLabels</c>.</summary>
    private static IEnumerable<(DaemonJsonValue, string)> Labels(DaemonJsonValue labels)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in labels.Items.Where(i => i.IsString))
        {
            var label = item.Text!;
            var equals = label.IndexOf('=');
            if (equals < 0) { yield return (item, $"bad attribute format: {label}"); continue; }
            var lowered = label.ToLowerInvariant();
            if (lowered.StartsWith("com.docker.", StringComparison.Ordinal) || lowered.StartsWith("io.docker.", StringComparison.Ordinal)
                || lowered.StartsWith("org.dockerproject.", StringComparison.Ordinal))
            {
                yield return (item, $"label {label} is not allowed: the namespaces com.docker.*, io.docker.*, and org.dockerproject.* are reserved for internal use");
                continue;
            }
            var key = label.Substring(0, equals);
            var value = label.Substring(equals + 1);
            if (seen.TryGetValue(key, out var earlier) && earlier != value) yield return (item, $"conflict labels for {key}={value} and {key}={earlier}");
            seen[key] = value;
        }
    }

    /// <summary><c>parseExecOptions</c> with Linux's <c>validatePlatformExecOpt</c>.</summary>
    private static IEnumerable<(DaemonJsonValue, string)> ExecOptions(DaemonJsonValue options)
    {
        foreach (var item in options.Items.Where(i => i.IsString))
        {
            var text = item.Text!;
            var equals = text.IndexOf('=');
            var key = equals < 0 ? "" : text.Substring(0, equals).Trim().ToLowerInvariant();
            var value = equals < 0 ? "" : text.Substring(equals + 1).Trim();
            if (key.Length == 0 || value.Length == 0) yield return (item, $"invalid exec-opt ({text}): must be formatted 'opt=value'");
            else if (key == "isolation") yield return (item, $"invalid exec-opt ({text}): option '{key}' is only supported on windows");
            else if (key != "native.cgroupdriver") yield return (item, $"invalid exec-opt ({text}): unknown option: '{key}'");
        }
    }

    /// <summary>
    /// What dockerd makes of the file, beyond JSON syntax: names it refuses or ignores, values it cannot decode or
    /// validate, names written twice. In the file's order.
    /// </summary>
    public static IReadOnlyList<DaemonJsonProblem> Check(DaemonJsonConfig config)
    {
        var problems = new List<DaemonJsonProblem>();
        var check = new GoTypeCheck();
        if (config.Root is { } root) Repeated(root, problems);
        var last = new Dictionary<string, DaemonJsonProperty>(StringComparer.Ordinal);
        foreach (var property in config.Properties) last[property.Name] = property;

        foreach (var property in config.Properties)
        {
            var name = property.Name;
            var value = property.Value;
            var isLast = ReferenceEquals(last[name], property);
            // configValuesSet: an object under a name that is not flat stands for its members, and the name itself is
            // never checked; anything else under "proxies" (null included) leaves "proxies", which is no flag's name.
            if (value.IsObject && !FlatOptions.Contains(name))
            {
                if (Find(name) is { Status: DaemonJsonKeyStatus.Read } read) read.Type!.Check(value, check);
                if (isLast) Flattened(property, problems);
                continue;
            }
            if (name == "proxies")
            {
                if (isLast) problems.Add(Unknown(property, null, "`proxies` must be an object ({\"http-proxy\": …}): anything else is checked as the name `proxies`, which no flag has"));
                continue;
            }
            var key = Find(name);
            if (key is null || key.Status is DaemonJsonKeyStatus.Removed or DaemonJsonKeyStatus.FieldWithoutFlag)
            {
                if (isLast) problems.Add(Unknown(property, key, null));
                continue;
            }
            if (key.Status is DaemonJsonKeyStatus.FlagOnly or DaemonJsonKeyStatus.Skipped)
            {
                if (isLast) problems.Add(Ignored(property, key));
                continue;
            }
            var before = check.Problems.Count;
            key.Type!.Check(value, check);
            if (check.Problems.Count > before || key.Validate is null || value.IsNull) continue;
            foreach (var (at, error) in key.Validate(value))
                check.Problems.Add(new DaemonJsonProblem(DaemonJsonProblemKind.InvalidValue, at.Location, at.Path,
                    $"dockerd refuses to start: {error} (`{at.Path}` is {at.Shown}).", refused: true));
        }
        problems.AddRange(check.Problems);

        // migratedNamedConfig: the old single address and the new list together.
        if (config["host-gateway-ip"] is { IsNull: false } oldIp && config["host-gateway-ips"] is { IsNull: false } newIps)
            problems.Add(new DaemonJsonProblem(DaemonJsonProblemKind.InvalidValue, oldIp.Location, oldIp.Path,
                $"dockerd refuses to start: host-gateway-ip and host-gateway-ips must not both be specified in the config file ({newIps.Describe()} sets "
                + "`host-gateway-ips`). Keep `host-gateway-ips`.", refused: true));

        return problems.OrderBy(p => p.Location.SourceSpan.Start).ToList();
    }

    private static DaemonJsonProblem Unknown(DaemonJsonProperty property, DaemonJsonKey? key, string? note)
    {
        var suggestion = key is null && note is null ? NearMiss(property.Name, SettingNames) : null;
        var why = note is not null ? $": {note}."
            : key?.Note is { } keyNote ? $": `{property.Name}` {(key.Status == DaemonJsonKeyStatus.Removed ? "was " + keyNote : "is refused: " + keyNote)}."
            : suggestion is not null ? $". Did you mean `{suggestion}`?" : ": no Linux dockerd setting has this name.";
        return new DaemonJsonProblem(DaemonJsonProblemKind.Unknown, property.NameLocation, property.Name,
            $"dockerd refuses to start: \"the following directives don't match any configuration option: {property.Name}\"{why}", refused: true, suggestion);
    }

    /// <summary>Whether dockerd's check accepts a top-level name (a flag's name, a list flag's configuration name, or a
    /// skipped deprecated name). <c>proxies</c> is not one: only its members are checked.</summary>
    public static bool AcceptedByCheck(string name) =>
        Find(name) is { Status: DaemonJsonKeyStatus.Read or DaemonJsonKeyStatus.FlagOnly or DaemonJsonKeyStatus.Skipped } && name != "proxies";

    private static DaemonJsonProblem Ignored(DaemonJsonProperty property, DaemonJsonKey key) =>
        new(DaemonJsonProblemKind.Ignored, property.NameLocation, property.Name,
            key.Status == DaemonJsonKeyStatus.Skipped
                ? $"dockerd ignores `{property.Name}`: {key.Note}. Remove it."
                : $"dockerd accepts `{property.Name}` but ignores it, so it has no effect: {key.Note}.",
            refused: false, key.Note is { } n && n.StartsWith("the setting is `", StringComparison.Ordinal) ? n.Substring(16, n.IndexOf('`', 16) - 16) : null);

    /// <summary>An object under a name that is not a flat setting: dockerd checks its members as top-level names.</summary>
    private static void Flattened(DaemonJsonProperty property, List<DaemonJsonProblem> problems)
    {
        var value = property.Value;
        var unknown = new List<DaemonJsonProperty>();
        foreach (var member in value.Members.Keys.Select(k => value.Properties.Last(p => p.Name == k)))
        {
            if (property.Name == "proxies" && member.Name is "http-proxy" or "https-proxy" or "no-proxy") continue;
            if (!AcceptedByCheck(member.Name)) unknown.Add(member);
        }
        // The outer name is what was misspelt when it is no setting's name ("log_opts"); inside "proxies", the member.
        var outerMeant = Find(property.Name) is null ? NearMiss(property.Name, SettingNames) : null;
        foreach (var member in unknown)
        {
            var suggestion = property.Name == "proxies" ? NearMiss(member.Name, new[] { "http-proxy", "https-proxy", "no-proxy" }) : null;
            var why = property.Name == "proxies" ? "" : outerMeant is not null ? $" (`{property.Name}` is no setting's name: did you mean `{outerMeant}`?)"
                : $" (`{property.Name}` is not a setting that takes an object)";
            problems.Add(new DaemonJsonProblem(DaemonJsonProblemKind.Unknown, member.NameLocation, member.Value.Path,
                $"dockerd refuses to start: \"the following directives don't match any configuration option: {member.Name}\": dockerd reads the members of "
                + $"`{property.Name}` as top-level names{why}" + (suggestion is not null ? $". Did you mean `{suggestion}`?" : "."), refused: true, suggestion ?? outerMeant));
        }
        // A setting of another type is a type error (reported with the types); "proxies" is read.
        if (unknown.Count > 0 || Find(property.Name) is { Status: DaemonJsonKeyStatus.Read }) return;
        // Every member is a name the check knows: dockerd starts, and ignores the whole object.
        var meant = NearMiss(property.Name, SettingNames);
        problems.Add(new DaemonJsonProblem(DaemonJsonProblemKind.Ignored, property.NameLocation, property.Name,
            $"dockerd ignores `{property.Name}`: it is no setting's name, and its check passes only because it reads the members of an object as top-level "
            + $"names{(meant is null ? "" : $". Did you mean `{meant}`?")}", refused: false, meant));
    }

    /// <summary>Names written twice in one object, at any depth: at the earlier one, which the later one overrides.</summary>
    private static void Repeated(DaemonJsonValue value, List<DaemonJsonProblem> problems)
    {
        if (value.IsObject)
        {
            var byName = new Dictionary<string, DaemonJsonProperty>(StringComparer.Ordinal);
            foreach (var property in value.Properties)
            {
                if (byName.TryGetValue(property.Name, out var earlier))
                    problems.Add(new DaemonJsonProblem(DaemonJsonProblemKind.Repeated, earlier.NameLocation, earlier.Value.Path,
                        earlier.Value.IsObject && property.Value.IsObject
                            ? $"`{earlier.Value.Path}` is written again at {property.Describe()}: dockerd merges the two objects, the later one's members winning, "
                              + "so this one only partly applies. Keep one."
                            : $"`{earlier.Value.Path}` is written again at {property.Describe()}: dockerd keeps the last value ({property.Value.Shown}), so "
                              + $"this one ({earlier.Value.Shown}) has no effect. Keep one.", refused: false));
                byName[property.Name] = property;
            }
            foreach (var property in value.Properties) Repeated(property.Value, problems);
        }
        else foreach (var item in value.Items) Repeated(item, problems);
    }

    /// <summary>The candidate a misspelt name most likely means: the same once case and <c>_</c> are normalised, else
    /// within a small edit distance.</summary>
    public static string? NearMiss(string name, IEnumerable<string> candidates)
    {
        var normal = name.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var lower = candidate.ToLowerInvariant();
            if (lower == normal || lower.Replace("-", "") == normal.Replace("-", "")) return candidate;
            var distance = Stacklint.Text.EditDistance.Between(normal, lower);
            if (distance < bestDistance) { bestDistance = distance; best = candidate; }
        }
        return best is not null && bestDistance <= Math.Max(1, Math.Min(3, best.Length / 4)) ? best : null;
    }


    private static readonly Regex IPv4 = new(@"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$", RegexOptions.CultureInvariant);

    /// <summary>Go's <c>net.ParseIP</c> (dotted IPv4 without leading zeros, or IPv6 without brackets), or with
    /// <paramref name="allowZone"/> <c>netip.ParseAddr</c>, which also takes an IPv6 zone (<c>fe80::1%eth0</c>).</summary>
    public static bool IsGoIP(string text, bool allowZone = false)
    {
        if (IPv4.IsMatch(text)) return true;
        if (!text.Contains(":") || text.Contains("[") || text.Contains("]") || text.Contains("/")) return false;
        var zone = text.IndexOf('%');
        if (zone >= 0 && (!allowZone || zone == text.Length - 1)) return false;
        var address = zone >= 0 ? text.Substring(0, zone) : text;
        return IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static readonly Regex Size = new(@"^([0-9]+(\.[0-9]+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$", RegexOptions.CultureInvariant);

    /// <summary>go-units <c>RAMInBytes</c> (binary units: <c>64m</c> = 64 MiB), or null when it refuses the text.</summary>
    public static double? RamInBytes(string text)
    {
        var match = Size.Match(text);
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return null;
        var unit = match.Groups[3].Value.ToLowerInvariant();
        return number * Math.Pow(1024, unit.Length == 0 ? 0 : "kmgtp".IndexOf(unit[0]) + 1);
    }
}

/// <summary>An entry of <c>hosts</c> as dockerd parses it (<c>opts.ParseDaemonHost</c>): a socket it listens on.</summary>
public sealed class DaemonHost
{
    private DaemonHost(string protocol, string address, string? host, string? error)
    {
        Protocol = protocol;
        Address = address;
        Host = host;
        Error = error;
    }

    /// <summary><c>tcp</c>, <c>unix</c>, <c>fd</c>, <c>npipe</c>; an address without <c>://</c> is TCP.</summary>
    public string Protocol { get; }
    public string Address { get; }
    /// <summary>For TCP: the host part (dockerd's default <c>localhost</c> when empty), without brackets.</summary>
    public string? Host { get; }
    /// <summary>dockerd's error for an entry it refuses, or null.</summary>
    public string? Error { get; }
    public bool IsTcp => Protocol == "tcp" && Error is null;

    /// <summary>A TCP socket reachable only from the host itself: <c>localhost</c>, 127.0.0.0/8, <c>::1</c>.</summary>
    public bool IsLoopback => IsTcp && (Host == "localhost" || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip)));

    public static DaemonHost Parse(string entry)
    {
        var text = entry.Trim();
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        var protocol = separator < 0 ? "tcp" : text.Substring(0, separator);
        var rest = separator < 0 ? text : text.Substring(separator + 3);
        switch (protocol)
        {
            case "tcp":
                if (!Uri.TryCreate("tcp://" + rest, UriKind.Absolute, out var uri) || uri.Scheme != "tcp")
                    return new DaemonHost(protocol, rest, null, $"invalid bind address ({entry})");
                if (uri.AbsolutePath.Length > 1) return new DaemonHost(protocol, rest, null, $"invalid bind address ({entry}): should not contain a path element");
                var host = uri.Host.Trim('[', ']');
                // ParseTCPAddr: an empty host is DefaultHTTPHost, localhost.
                return new DaemonHost(protocol, rest, host.Length == 0 ? "localhost" : host, null);
            case "unix" or "npipe" or "fd":
                return rest.Contains("://") ? new DaemonHost(protocol, rest, null, $"invalid {protocol} address: {rest}") : new DaemonHost(protocol, rest, null, null);
            default:
                return new DaemonHost(protocol, rest, null, $"invalid bind address ({entry}): unsupported proto '{protocol}'");
        }
    }
}
