using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Text;

namespace Stacklint.Formats.Compose;

/// <summary>A typed value read from a scalar, with the scalar (its origin, its interpolation) beside it.</summary>
public sealed class ComposeValue<T>
{
    public ComposeValue(T value, ComposeScalar node)
    {
        Value = value;
        Node = node;
    }

    public T Value { get; }
    /// <summary>The scalar the value was read from: <see cref="ComposeScalar.Interpolation"/> says whether it came from a
    /// literal, a default or a variable.</summary>
    public ComposeScalar Node { get; }
    public ComposeOrigin Origin => Node.Origin;
    public override string ToString() => Value?.ToString() ?? "null";
}

/// <summary>One <c>KEY=VALUE</c> of labels, sysctls, logging options and the like (map or list form).</summary>
public sealed class ComposeKeyValue
{
    public ComposeKeyValue(ComposeEntry entry)
    {
        Entry = entry;
    }

    public ComposeEntry Entry { get; }
    public string Key => Entry.Name;
    /// <summary>The value, or null when written without one.</summary>
    public string? Value => Entry.Value.Text;
    public ComposeScalar? Node => Entry.Value as ComposeScalar;
    public ComposeOrigin Origin => Entry.Origin;
    public override string ToString() => Value is null ? Key : $"{Key}={Value}";
}

/// <summary>Where a container's environment variable comes from.</summary>
public enum ComposeEnvironmentSource
{
    /// <summary>The service's <c>environment:</c>.</summary>
    Environment,
    /// <summary>One of the service's <c>env_file:</c> files.</summary>
    EnvFile,
}

/// <summary>A variable of the container's environment as Compose computes it: <c>env_file</c> files in order (a later
/// file wins), then <c>environment</c> over them. Values may be secrets: never print them.</summary>
public sealed class ComposeEnvironmentVariable
{
    internal ComposeEnvironmentVariable(string name, string? value, ComposeEnvironmentSource source, ComposeOrigin origin,
        ComposeScalar? node, ComposeVariable? variable, ComposeEnvFile? envFile, ComposeEnvironmentVariable? replaces)
    {
        Name = name;
        Value = value;
        Source = source;
        Origin = origin;
        Node = node;
        Variable = variable;
        EnvFile = envFile;
        Replaces = replaces;
    }

    public string Name { get; }
    /// <summary>The value the container gets; null for a bare <c>KEY</c> (or <c>KEY:</c>) that no project variable
    /// defines: Compose then passes nothing.</summary>
    public string? Value { get; }
    public ComposeEnvironmentSource Source { get; }
    /// <summary>The line that set it: the <c>environment</c> entry or item, or the env_file line.</summary>
    public ComposeOrigin Origin { get; }
    /// <summary>For <see cref="ComposeEnvironmentSource.Environment"/>: the value as written, with its interpolation.</summary>
    public ComposeScalar? Node { get; }
    /// <summary>For an env_file: its definition. For a bare <c>KEY</c> in <c>environment</c>: the project variable (.env)
    /// it takes its value from, if any.</summary>
    public ComposeVariable? Variable { get; }
    public ComposeEnvFile? EnvFile { get; }
    /// <summary>The value this one replaced (an env_file value under <c>environment</c>, an earlier env_file's), or null.</summary>
    public ComposeEnvironmentVariable? Replaces { get; }
    /// <summary>Written out in the compose file itself, with no variable substitution.</summary>
    public bool IsLiteralInComposeFile => Source == ComposeEnvironmentSource.Environment && Node is { IsNull: false, IsLiteral: true };
    public override string ToString() => $"{Name} ({Origin.Describe()})";
}

/// <summary>One <c>env_file:</c> entry of a service (string, list item, or long form with <c>path</c>/<c>required</c>).</summary>
public sealed class ComposeEnvFile
{
    internal ComposeEnvFile(ComposeNode node, string path, string? repositoryPath, bool required, SourceFile? file,
        IReadOnlyList<ComposeVariable> variables)
    {
        Node = node;
        Path = path;
        RepositoryPath = repositoryPath;
        Required = required;
        File = file;
        Variables = variables;
    }

    public ComposeNode Node { get; }
    public ComposeOrigin Origin => Node.Origin;
    /// <summary>The path as written (after interpolation).</summary>
    public string Path { get; }
    /// <summary>Resolved against the declaring file's project directory, relative to the scan root; null when it leaves
    /// the root or is absolute.</summary>
    public string? RepositoryPath { get; }
    /// <summary>False for <c>required: false</c>: Compose then ignores a missing file.</summary>
    public bool Required { get; }
    /// <summary>The file when it is in the repository (and readable), else null (often: not committed, on purpose).</summary>
    public SourceFile? File { get; }
    public bool Exists => File is not null;
    public IReadOnlyList<ComposeVariable> Variables { get; }
}

/// <summary>A service's <c>healthcheck</c>.</summary>
public sealed class ComposeHealthcheck
{
    internal ComposeHealthcheck(ComposeMapping node)
    {
        Node = node;
        Test = node["test"] switch
        {
            ComposeSequence s => s.Items.Select(i => i.Text ?? "").ToList(),
            ComposeScalar { IsNull: false } s => new[] { "CMD-SHELL", s.Text ?? "" },
            _ => Array.Empty<string>(),
        };
        Disabled = (node["disable"] as ComposeScalar)?.AsBoolean() == true
                   || (Test.Count > 0 && Test[0].Equals("NONE", StringComparison.OrdinalIgnoreCase));
    }

    public ComposeMapping Node { get; }
    public ComposeOrigin Origin => Node.Origin;
    /// <summary>The test as a list (a string test is <c>CMD-SHELL</c>, as Compose reads it); empty when not given.</summary>
    public IReadOnlyList<string> Test { get; }
    /// <summary><c>disable: true</c> or <c>test: ["NONE"]</c>: the image's healthcheck is switched off too.</summary>
    public bool Disabled { get; }
    public ComposeScalar? Interval => Node["interval"] as ComposeScalar;
}

/// <summary>A service's <c>logging</c>.</summary>
public sealed class ComposeLogging
{
    internal ComposeLogging(ComposeMapping node)
    {
        Node = node;
        Driver = ComposeService.StringValue(node["driver"]);
        Options = node["options"] is ComposeMapping options ? options.Entries.Select(e => new ComposeKeyValue(e)).ToList() : Array.Empty<ComposeKeyValue>();
    }

    public ComposeMapping Node { get; }
    public ComposeOrigin Origin => Node.Origin;
    /// <summary>The driver, or null (the daemon's <c>log-driver</c>, json-file by default).</summary>
    public ComposeValue<string>? Driver { get; }
    public IReadOnlyList<ComposeKeyValue> Options { get; }
    public ComposeKeyValue? Option(string key) => Options.FirstOrDefault(o => o.Key == key);
}

/// <summary><c>command</c> or <c>entrypoint</c>: a string (run by a shell-like split) or a list.</summary>
public sealed class ComposeCommand
{
    internal ComposeCommand(ComposeNode node)
    {
        Node = node;
        Words = node is ComposeSequence s ? s.Items.Select(i => i.Text ?? "").ToList() : Array.Empty<string>();
    }

    public ComposeNode Node { get; }
    public ComposeOrigin Origin => Node.Origin;
    public bool IsList => Node is ComposeSequence;
    /// <summary>The string form's text, or the list joined by spaces.</summary>
    public string Text => Node is ComposeSequence ? string.Join(" ", Words) : Node.Text ?? "";
    /// <summary>The list form's items (empty for the string form).</summary>
    public IReadOnlyList<string> Words { get; }
    public override string ToString() => Text;
}

/// <summary>A device mapping: <c>HOST[:CONTAINER[:PERMISSIONS]]</c> or the long form.</summary>
public sealed class ComposeDevice
{
    internal ComposeDevice(ComposeNode node, string source, string target, string? permissions)
    {
        Node = node;
        Source = source;
        Target = target;
        Permissions = permissions;
    }

    public ComposeNode Node { get; }
    public ComposeOrigin Origin => Node.Origin;
    /// <summary>The host device (<c>/dev/ttyUSB0</c>), or a CDI name.</summary>
    public string Source { get; }
    public string Target { get; }
    public string? Permissions { get; }

    internal static ComposeDevice? Read(ComposeNode node)
    {
        if (node is ComposeMapping m)
        {
            var source = m["source"]?.Text;
            return source is null ? null : new ComposeDevice(node, source, m["target"]?.Text ?? source, m["permissions"]?.Text);
        }
        if (node.Text is not { Length: > 0 } text) return null;
        var parts = text.Split(':');
        return new ComposeDevice(node, parts[0], parts.Length > 1 ? parts[1] : parts[0], parts.Length > 2 ? parts[2] : null);
    }
}

/// <summary>
/// A service of a merged, interpolated project, with typed views of the settings security rules read. Every view keeps
/// its node, so a finding is reported where the value is written (the override file's line, the extended file's, the
/// anchor's). Anything not given a view is in <see cref="Node"/>.
/// </summary>
public sealed class ComposeService
{
    internal ComposeService(string name, ComposeEntry entry, ComposeMapping node, IReadOnlyList<ComposeEntry> declarations,
        Func<SourceFile, string> baseDirectoryOf, Func<ComposeNode, ComposeEnvFile?> readEnvFile, IComposeEnvironment variables,
        ICollection<ComposeError> errors)
    {
        Name = name;
        Entry = entry;
        Node = node;
        Declarations = declarations;

        Profiles = Strings(node["profiles"]).Select(p => p.Value).ToList();
        Image = ComposeImage.Read(node["image"]);
        User = StringValue(node["user"]);
        Privileged = BooleanValue(node["privileged"]);
        ReadOnly = BooleanValue(node["read_only"]);
        CapAdd = Strings(node["cap_add"]);
        CapDrop = Strings(node["cap_drop"]);
        SecurityOpt = Strings(node["security_opt"]);
        NetworkMode = StringValue(node["network_mode"]);
        Pid = StringValue(node["pid"]);
        Ipc = StringValue(node["ipc"]);
        Uts = StringValue(node["uts"]);
        UsernsMode = StringValue(node["userns_mode"]);
        CgroupParent = StringValue(node["cgroup_parent"]);
        Restart = StringValue(node["restart"]);
        MemLimit = StringValue(node["mem_limit"]);
        Cpus = StringValue(node["cpus"]);
        PidsLimit = IntegerValue(node["pids_limit"]);
        ContainerName = StringValue(node["container_name"]);
        Healthcheck = node["healthcheck"] is ComposeMapping health ? new ComposeHealthcheck(health) : null;
        Logging = node["logging"] is ComposeMapping logging ? new ComposeLogging(logging) : null;
        Command = node["command"] is { } command and not ComposeScalar { IsNull: true } ? new ComposeCommand(command) : null;
        Entrypoint = node["entrypoint"] is { } entrypoint and not ComposeScalar { IsNull: true } ? new ComposeCommand(entrypoint) : null;
        Labels = KeyValues(node["labels"]);
        Sysctls = KeyValues(node["sysctls"]);
        Expose = Strings(node["expose"]);
        Tmpfs = Strings(node["tmpfs"]);
        Devices = (node["devices"] as ComposeSequence)?.Items.Select(ComposeDevice.Read).Where(d => d is not null).Select(d => d!).ToList()
                  ?? (IReadOnlyList<ComposeDevice>)Array.Empty<ComposeDevice>();

        var ports = new List<ComposePort>();
        foreach (var item in Items(node["ports"]))
        {
            var port = ComposePort.Read(item, out var error);
            if (port is not null) ports.Add(port);
            else if (error is not null && IsResolved(item)) errors.Add(new ComposeError(item.Origin, $"service `{name}`: invalid port: {error}"));
        }
        Ports = ports;

        var volumes = new List<ComposeVolumeMount>();
        foreach (var item in Items(node["volumes"]))
        {
            var volume = ComposeVolumeMount.Read(item, baseDirectoryOf(item.Origin.File), out var error);
            if (volume is not null) volumes.Add(volume);
            else if (error is not null && IsResolved(item)) errors.Add(new ComposeError(item.Origin, $"service `{name}`: invalid volume: {error}"));
        }
        Volumes = volumes;

        EnvFiles = Items(node["env_file"]).Select(readEnvFile).Where(f => f is not null).Select(f => f!).ToList();
        Environment = BuildEnvironment(node["environment"], EnvFiles, variables);
    }

    public string Name { get; }
    /// <summary>The service's entry under <c>services:</c> (the first file that declares it): where a finding about a
    /// missing setting is reported.</summary>
    public ComposeEntry Entry { get; }
    public ComposeOrigin Origin => Entry.Key.Origin;
    /// <summary>The merged service.</summary>
    public ComposeMapping Node { get; }
    /// <summary>Every declaration merged into this service, in merge order (the base file's, overrides', extended services').</summary>
    public IReadOnlyList<ComposeEntry> Declarations { get; }

    /// <summary>The profiles the service belongs to; empty when it always runs. Every service is analysed.</summary>
    public IReadOnlyList<string> Profiles { get; }
    /// <summary>Starts with a plain <c>docker compose up</c> (no profile).</summary>
    public bool IsEnabledByDefault => Profiles.Count == 0;

    public ComposeImage? Image { get; }
    public bool HasBuild => Node.Contains("build");
    public IReadOnlyList<ComposePort> Ports { get; }
    /// <summary><c>expose:</c>: ports reachable from other containers only, never published.</summary>
    public IReadOnlyList<ComposeValue<string>> Expose { get; }
    public IReadOnlyList<ComposeVolumeMount> Volumes { get; }
    public IReadOnlyList<ComposeValue<string>> Tmpfs { get; }
    /// <summary>The container's environment: env_file values under <c>environment</c> ones, by name, in first-set order.</summary>
    public IReadOnlyList<ComposeEnvironmentVariable> Environment { get; }
    public ComposeEnvironmentVariable? EnvironmentVariable(string name) => Environment.FirstOrDefault(v => v.Name == name);
    public IReadOnlyList<ComposeEnvFile> EnvFiles { get; }

    public ComposeValue<string>? User { get; }
    public ComposeValue<bool>? Privileged { get; }
    public ComposeValue<bool>? ReadOnly { get; }
    public IReadOnlyList<ComposeValue<string>> CapAdd { get; }
    public IReadOnlyList<ComposeValue<string>> CapDrop { get; }
    public IReadOnlyList<ComposeValue<string>> SecurityOpt { get; }
    public ComposeValue<string>? NetworkMode { get; }
    public ComposeValue<string>? Pid { get; }
    public ComposeValue<string>? Ipc { get; }
    public ComposeValue<string>? Uts { get; }
    public ComposeValue<string>? UsernsMode { get; }
    public ComposeValue<string>? CgroupParent { get; }
    public IReadOnlyList<ComposeDevice> Devices { get; }
    public ComposeHealthcheck? Healthcheck { get; }
    public ComposeValue<string>? Restart { get; }
    /// <summary><c>deploy.restart_policy</c>, or null.</summary>
    public ComposeMapping? RestartPolicy => Node.At("deploy", "restart_policy") as ComposeMapping;
    public ComposeLogging? Logging { get; }
    public ComposeValue<string>? MemLimit { get; }
    public ComposeValue<string>? Cpus { get; }
    public ComposeValue<long>? PidsLimit { get; }
    /// <summary><c>deploy.resources.limits</c> (<c>memory</c>, <c>cpus</c>, <c>pids</c>), or null.</summary>
    public ComposeMapping? ResourceLimits => Node.At("deploy", "resources", "limits") as ComposeMapping;
    public ComposeValue<string>? LimitsMemory => StringValue(ResourceLimits?["memory"]);
    public ComposeValue<string>? LimitsCpus => StringValue(ResourceLimits?["cpus"]);
    public ComposeValue<long>? LimitsPids => IntegerValue(ResourceLimits?["pids"]);
    public ComposeCommand? Command { get; }
    public ComposeCommand? Entrypoint { get; }
    public IReadOnlyList<ComposeKeyValue> Labels { get; }
    public IReadOnlyList<ComposeKeyValue> Sysctls { get; }
    public ComposeValue<string>? ContainerName { get; }

    public override string ToString() => Name;

    private static IReadOnlyList<ComposeEnvironmentVariable> BuildEnvironment(ComposeNode? environment, IReadOnlyList<ComposeEnvFile> envFiles,
        IComposeEnvironment variables)
    {
        var result = new List<ComposeEnvironmentVariable>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        void Set(ComposeEnvironmentVariable variable)
        {
            if (index.TryGetValue(variable.Name, out var at))
                result[at] = new ComposeEnvironmentVariable(variable.Name, variable.Value, variable.Source, variable.Origin, variable.Node,
                    variable.Variable, variable.EnvFile, result[at]);
            else
            {
                index[variable.Name] = result.Count;
                result.Add(variable);
            }
        }
        foreach (var file in envFiles)
            foreach (var variable in file.Variables)
                Set(new ComposeEnvironmentVariable(variable.Name, variable.Value, ComposeEnvironmentSource.EnvFile,
                    variable.Origin ?? file.Origin, null, variable, file, null));
        if (environment is not null && environment is not ComposeScalar { IsNull: true })
            foreach (var entry in ComposeMerger.KeyValueMapping(environment).Entries)
            {
                var value = entry.Value as ComposeScalar;
                if (value is null || value.IsNull)
                {
                    // A bare KEY takes its value from the project environment (.env); unset, Compose passes nothing.
                    var isSet = variables.TryGet(entry.Name, out var projectVariable);
                    Set(new ComposeEnvironmentVariable(entry.Name, isSet ? projectVariable.Value : null, ComposeEnvironmentSource.Environment,
                        entry.Origin, value, isSet ? projectVariable : null, null, null));
                }
                else
                    Set(new ComposeEnvironmentVariable(entry.Name, value.Text, ComposeEnvironmentSource.Environment, entry.Origin, value, null, null, null));
            }
        return result;
    }

    /// <summary>The items of a list, a single scalar standing for a one-item list.</summary>
    internal static IEnumerable<ComposeNode> Items(ComposeNode? node) => node switch
    {
        ComposeSequence sequence => sequence.Items,
        ComposeScalar { IsNull: true } or null => Array.Empty<ComposeNode>(),
        ComposeMapping => Array.Empty<ComposeNode>(),
        _ => new[] { node },
    };

    internal static IReadOnlyList<ComposeValue<string>> Strings(ComposeNode? node) =>
        Items(node).OfType<ComposeScalar>().Where(s => !s.IsNull).Select(s => new ComposeValue<string>(s.Text!, s)).ToList();

    internal static ComposeValue<string>? StringValue(ComposeNode? node) =>
        node is ComposeScalar { IsNull: false } scalar ? new ComposeValue<string>(scalar.Text!, scalar) : null;

    internal static ComposeValue<bool>? BooleanValue(ComposeNode? node) =>
        node is ComposeScalar scalar && scalar.AsBoolean() is { } value ? new ComposeValue<bool>(value, scalar) : null;

    internal static ComposeValue<long>? IntegerValue(ComposeNode? node) =>
        node is ComposeScalar scalar && scalar.AsInteger() is { } value ? new ComposeValue<long>(value, scalar) : null;

    internal static IReadOnlyList<ComposeKeyValue> KeyValues(ComposeNode? node) =>
        node is null or ComposeScalar { IsNull: true } ? Array.Empty<ComposeKeyValue>()
            : ComposeMerger.KeyValueMapping(node).Entries.Select(e => new ComposeKeyValue(e)).ToList();

    /// <summary>A value whose variables are all defined (or defaulted): a parse error in it is the file's, not the
    /// missing .env's.</summary>
    private static bool IsResolved(ComposeNode node) => node switch
    {
        ComposeScalar scalar => scalar.Interpolation is null
                                || scalar.Interpolation.AllSubstitutions.All(s => s.Source is not (ComposeSubstitutionSource.Unset or ComposeSubstitutionSource.MissingRequired)),
        ComposeMapping mapping => mapping.Entries.All(e => IsResolved(e.Value)),
        ComposeSequence sequence => sequence.Items.All(IsResolved),
        _ => true,
    };
}
