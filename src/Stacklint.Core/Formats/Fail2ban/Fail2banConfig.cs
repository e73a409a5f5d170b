using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.Fail2ban;

/// <summary>Why a file is read, which decides its place in the reading order.</summary>
public enum Fail2banFileRole
{
    /// <summary><c>jail.conf</c> (or <c>fail2ban.conf</c>).</summary>
    Conf,
    /// <summary><c>jail.d/*.conf</c> (or <c>fail2ban.d/*.conf</c>).</summary>
    ConfDropIn,
    /// <summary><c>jail.local</c> (or <c>fail2ban.local</c>).</summary>
    Local,
    /// <summary><c>jail.d/*.local</c> (or <c>fail2ban.d/*.local</c>).</summary>
    LocalDropIn,
    /// <summary>Named by <c>[INCLUDES] before</c>/<c>after</c> (<c>paths-debian.conf</c>), or the <c>.local</c> beside one.</summary>
    Include,
}

/// <summary>A file of a fail2ban configuration: in the repository, or one of fail2ban's stock files standing in for
/// one the repository does not have.</summary>
public sealed class Fail2banFile
{
    internal Fail2banFile(Fail2banDocument document, Fail2banFileRole role, string? stockName)
    {
        Document = document;
        Role = role;
        StockName = stockName;
    }

    public Fail2banDocument Document { get; }
    public SourceFile File => Document.File;
    public Fail2banFileRole Role { get; }
    /// <summary>For a stock file, its name in fail2ban's configuration directory (<c>jail.conf</c>); null for a file of
    /// the repository.</summary>
    public string? StockName { get; }
    public bool IsStock => StockName is not null;
    /// <summary>The repository path, or "fail2ban's stock jail.conf (not in the repository)".</summary>
    public string Display => StockName is null ? File.RelativePath : Fail2banStockConfig.Describe(StockName);

    /// <summary>"path:line" in the repository; a stock file is named without a line (the user does not have it).</summary>
    public string Describe(TextSpan span) => IsStock ? Display : File.Describe(span);

    public override string ToString() => Display;
}

/// <summary>An <c>[INCLUDES] before/after</c> file fail2ban would skip because it is not there (fail2ban reads on
/// without it; so does stacklint, which never reports it).</summary>
public sealed record Fail2banMissingInclude(Fail2banOption Option, string Path);

/// <summary>
/// The value fail2ban ends up with for one option of one section (a jail, [DEFAULT], or fail2ban.conf's [Definition]),
/// and where it came from.
/// </summary>
public sealed class Fail2banSetting
{
    private readonly Fail2banConfig _config;

    internal Fail2banSetting(Fail2banConfig config, string section, string name, Fail2banOption? option, bool fromDefault,
        IReadOnlyList<Fail2banOption> overridden, string rawValue, string value, Fail2banInterpolationProblem? problem,
        IReadOnlyList<Fail2banOption?>? problemTrail)
    {
        _config = config;
        Section = section;
        Name = name;
        Option = option;
        FromDefault = fromDefault;
        Overridden = overridden;
        RawValue = rawValue;
        Value = value;
        Problem = problem;
        ProblemTrail = problemTrail ?? Array.Empty<Fail2banOption?>();
    }

    /// <summary>The section the value is read for (a jail's name, <c>DEFAULT</c>, <c>Definition</c>).</summary>
    public string Section { get; }
    /// <summary>The option name, lower-cased.</summary>
    public string Name { get; }
    /// <summary>The line that won; null for a value fail2ban supplies itself (<c>fail2ban_version</c>).</summary>
    public Fail2banOption? Option { get; }
    /// <summary>The value comes from [DEFAULT] (the section does not set it in any file).</summary>
    public bool FromDefault { get; }
    /// <summary>The other lines that set it and lost: earlier files' values for the section (latest first), then the
    /// [DEFAULT] values (latest first; all of them when the section sets it itself).</summary>
    public IReadOnlyList<Fail2banOption> Overridden { get; }
    /// <summary>The winning value as written (continuation lines joined with <c>\n</c>).</summary>
    public string RawValue { get; }
    /// <summary>The value after <c>%(name)s</c> interpolation (the raw value when interpolation fails).</summary>
    public string Value { get; }
    /// <summary>Why fail2ban cannot interpolate the value (it then refuses to start, if it reads this option).</summary>
    public Fail2banInterpolationProblem? Problem { get; }
    internal IReadOnlyList<Fail2banOption?> ProblemTrail { get; }

    /// <summary>The winning line is in one of the repository's files (not in a stock file fail2ban brings).</summary>
    public bool IsInRepository => Option is not null && !_config.IsStock(Option.File);
    /// <summary>The winning line, when it is in the repository: where a finding about the value belongs.</summary>
    public Location? Location => IsInRepository ? Option!.Location : null;
    /// <summary>The winning value's place, when it is in the repository.</summary>
    public Location? ValueLocation => IsInRepository ? Option!.File.Location(Option.ValueSpan) : null;

    /// <summary>"jail.local:12", "[DEFAULT] in jail.conf:40", "fail2ban's stock jail.conf (not in the repository)", "fail2ban itself".</summary>
    public string Where => Option is null ? "fail2ban itself" : (FromDefault ? "[DEFAULT] in " : "") + _config.Describe(Option);

    /// <summary>For messages: "set in jail.local:12, which wins over jail.conf:250 and [DEFAULT] in jail.local:3 (a
    /// jail's own value beats [DEFAULT] from any file)".</summary>
    public string Origin
    {
        get
        {
            var origin = Option is null ? "set by fail2ban itself" : $"set in {Where}";
            if (Overridden.Count == 0) return origin;
            var losers = Overridden.Select(o => (o.Section == Fail2banParser.DefaultSection && !FromDefault ? "[DEFAULT] in " : "") + _config.Describe(o)).Distinct().ToList();
            var list = losers.Count == 1 ? losers[0] : string.Join(", ", losers.Take(losers.Count - 1)) + " and " + losers[losers.Count - 1];
            var why = !FromDefault && Overridden.Any(o => o.Section == Fail2banParser.DefaultSection)
                ? " (a jail's own value beats [DEFAULT] from any file)" : "";
            return $"{origin}, which wins over {list}{why}";
        }
    }

    /// <summary>The value as fail2ban reads a time (seconds; negative: permanent), null when it cannot.</summary>
    public double? Seconds => Problem is null ? Fail2banTime.Seconds(Value) : null;
    /// <summary>The value as fail2ban reads an integer (Python's <c>int()</c>), null when it cannot.</summary>
    public long? Integer => Problem is null && Fail2banValues.TryParseInteger(Value, out var number) ? number : null;
    /// <summary>The value as fail2ban reads a boolean: true only for 1/on/true/yes (any case).</summary>
    public bool IsTrue => Problem is null && Fail2banValues.IsTrue(Value);
    /// <summary>Spelled as a boolean (true/false, yes/no, on/off, 1/0); anything else fail2ban silently reads as false.</summary>
    public bool IsBooleanWord => Fail2banValues.IsBooleanWord(Value);
    /// <summary>The value is exactly as written at the winning line (no interpolation changed it), so positions in it
    /// are positions in the file.</summary>
    public bool IsLiteral => Problem is null && Option is not null && Value == RawValue;

    /// <summary>The place of a part of <see cref="Value"/>: exact for a literal value in the repository, the whole
    /// winning value otherwise, null when the value is not in the repository.</summary>
    public Location? LocationOf(int index, int length)
    {
        if (!IsInRepository) return null;
        return Option!.File.Location(IsLiteral ? Option.SpanOf(index, length) : Option.ValueSpan);
    }

    public override string ToString() => $"[{Section}] {Name} = {Value} ({Origin})";
}

/// <summary>One <c>ignoreip</c> word, read as fail2ban reads it.</summary>
public sealed record Fail2banIgnoreIpEntry(Fail2banAddress Address, Fail2banSetting Setting, Location? Location)
{
    public string Text => Address.Text;
}

/// <summary>One item of a jail's <c>port</c>.</summary>
public sealed record Fail2banPortEntry(Fail2banPortItem Item, Fail2banSetting Setting, Location? Location)
{
    public string Text => Item.Text;
}

/// <summary>How far a value problem gets fail2ban.</summary>
public enum Fail2banProblemEffect
{
    /// <summary>fail2ban-client cannot read the configuration: <c>fail2ban-client -t</c> fails and nothing starts.</summary>
    ConfigurationRefused,
    /// <summary><c>-t</c> passes, but the server rejects the value as it sets the jail up: <c>fail2ban-client start</c>
    /// fails ("NOK"), and this jail and every jail after it are never started.</summary>
    StartFails,
}

/// <summary>What is wrong with a value.</summary>
public enum Fail2banProblemKind { Interpolation, Time, Integer }

/// <summary>A value fail2ban cannot use (F2B007 reports these; the loader does not): an undefined <c>%(x)s</c>, an
/// interpolation loop, an unreadable time or integer.</summary>
public sealed class Fail2banValueProblem
{
    internal Fail2banValueProblem(Fail2banProblemKind kind, Fail2banProblemEffect effect, string message, Fail2banSetting setting,
        Fail2banOption? culprit, IReadOnlyList<string> jails, Location location)
    {
        Kind = kind;
        Effect = effect;
        Message = message;
        Setting = setting;
        Culprit = culprit;
        Jails = jails;
        Location = location;
    }

    public Fail2banProblemKind Kind { get; }
    public Fail2banProblemEffect Effect { get; }
    /// <summary>fail2ban's own words where it has some (<c>Bad value substitution: …</c>, <c>Wrong value for 'maxretry' …</c>),
    /// otherwise what Python says about the time.</summary>
    public string Message { get; }
    /// <summary>The setting fail2ban was reading (for the first jail concerned).</summary>
    public Fail2banSetting Setting { get; }
    /// <summary>The line to change: the repository line whose value holds the bad reference or text (for a reference
    /// reached through other options, the innermost one in the repository); null when none is in the repository.</summary>
    public Fail2banOption? Culprit { get; }
    /// <summary>The jails that read the value (empty for fail2ban.conf's settings).</summary>
    public IReadOnlyList<string> Jails { get; }
    /// <summary>Where to report it: the culprit, else the jail's header in the repository, else the configuration's anchor.</summary>
    public Location Location { get; }

    public override string ToString() => $"{Setting.Section}/{Setting.Name}: {Message}";
}

/// <summary>One jail: a section of the jail configuration (every section but [INCLUDES]; fail2ban treats even a
/// [Definition] section of jail.local as a jail).</summary>
public sealed class Fail2banJail
{
    private readonly Dictionary<string, Fail2banSetting?> _settings = new(StringComparer.Ordinal);

    internal Fail2banJail(Fail2banConfig config, string name)
    {
        Config = config;
        Name = name;
    }

    public Fail2banConfig Config { get; }
    public string Name { get; }
    /// <summary>As fail2ban decides it: <c>enabled</c> interpolated and read as a boolean (true/yes/on/1); false when
    /// unset or unreadable.</summary>
    public bool Enabled => EnabledSetting is { Problem: null } s && Fail2banValues.IsTrue(s.Value);
    public Fail2banSetting? EnabledSetting => Get("enabled");

    /// <summary>Every <c>[name]</c> block of this jail, in reading order (stock ones included).</summary>
    public IReadOnlyList<Fail2banSection> Sections => Config.Layers.Blocks(Name);
    /// <summary>The jail's header in the last repository file that has one, or null (a jail only stock files define).</summary>
    public Location? Location => Sections.LastOrDefault(s => !Config.IsStock(s.File))?.Location;

    /// <summary>Where a finding about this jail belongs: the setting's line if it is in the repository, else the
    /// jail's header in the repository, else the configuration's first repository file.</summary>
    public Location ReportLocation(Fail2banSetting? setting = null) => setting?.Location ?? Location ?? Config.Anchor;

    /// <summary>The effective value of an option (its own, else [DEFAULT]'s), null when neither sets it.</summary>
    public Fail2banSetting? Get(string option)
    {
        var name = Fail2banParser.FoldOptionName(option);
        if (!_settings.TryGetValue(name, out var setting)) _settings[name] = setting = Config.Setting(Name, name);
        return setting;
    }

    /// <summary>The options the jail's own sections set (not [DEFAULT]), lower-cased: where a misspelt option shows.</summary>
    public IEnumerable<string> OwnOptionNames => Config.Layers.OwnOptions(Name);
    /// <summary>Every option the jail sees: its own and [DEFAULT]'s.</summary>
    public IEnumerable<string> OptionNames => OwnOptionNames.Concat(Config.Layers.DefaultOptions).Distinct();
    /// <summary>The lines of the jail's own sections that set <paramref name="option"/>, in reading order.</summary>
    public IReadOnlyList<Fail2banOption> OwnLines(string option) => Config.Layers.Writers(Name, Fail2banParser.FoldOptionName(option)).Own;

    public Fail2banSetting? BanTime => Get("bantime");
    public Fail2banSetting? FindTime => Get("findtime");
    public Fail2banSetting? MaxRetry => Get("maxretry");
    public Fail2banSetting? Backend => Get("backend");
    public Fail2banSetting? Filter => Get("filter");
    public Fail2banSetting? Action => Get("action");
    public Fail2banSetting? BanAction => Get("banaction");
    public Fail2banSetting? Port => Get("port");
    public Fail2banSetting? IgnoreIp => Get("ignoreip");
    public Fail2banSetting? IgnoreSelf => Get("ignoreself");
    public Fail2banSetting? LogPath => Get("logpath");
    public Fail2banSetting? BanTimeIncrement => Get("bantime.increment");
    public Fail2banSetting? BanTimeMaxTime => Get("bantime.maxtime");

    /// <summary>Seconds of <c>bantime</c>/<c>findtime</c> (negative bantime: permanent), null when unset or unreadable.</summary>
    public double? BanTimeSeconds => BanTime?.Seconds;
    public double? FindTimeSeconds => FindTime?.Seconds;
    public long? MaxRetryCount => MaxRetry?.Integer;
    /// <summary><c>bantime.increment</c> read as fail2ban reads it (false when unset).</summary>
    public bool BanTimeIncrements => BanTimeIncrement?.IsTrue ?? false;

    /// <summary>The filter's name: <c>filter</c> up to <c>[</c> (<c>sshd[mode=aggressive]</c> → <c>sshd</c>), null when
    /// the jail has no filter.</summary>
    public string? FilterName
    {
        get
        {
            var value = Filter?.Value;
            if (value is null) return null;
            var bracket = value.IndexOf('[');
            var name = Fail2banParser.Strip(bracket < 0 ? value : value.Substring(0, bracket));
            return name.Length == 0 ? null : name;
        }
    }

    /// <summary>The <c>ignoreip</c> words (IPs, networks, host names), split as fail2ban splits them.</summary>
    public IReadOnlyList<Fail2banIgnoreIpEntry> IgnoreIpEntries =>
        IgnoreIp is { } setting
            ? Fail2banValues.SplitWords(setting.Value).Select(w => new Fail2banIgnoreIpEntry(Fail2banAddress.Parse(w.Word), setting, setting.LocationOf(w.Index, w.Word.Length))).ToList()
            : Array.Empty<Fail2banIgnoreIpEntry>();

    /// <summary>The <c>port</c> items (numbers, ranges, service names resolved where known).</summary>
    public IReadOnlyList<Fail2banPortEntry> PortEntries =>
        Port is { } setting
            ? Fail2banPorts.Parse(setting.Value).Select(p => new Fail2banPortEntry(p, setting, setting.LocationOf(p.Index, p.Text.Length))).ToList()
            : Array.Empty<Fail2banPortEntry>();

    /// <summary>The log paths, one per line of <c>logpath</c> (a trailing <c> head</c>/<c> tail</c> dropped).</summary>
    public IReadOnlyList<string> LogPaths =>
        LogPath is { } setting
            ? setting.Value.Split('\n').Select(l => Fail2banParser.Strip(l)).Where(l => l.Length > 0)
                .Select(l => l.EndsWith(" head", StringComparison.Ordinal) || l.EndsWith(" tail", StringComparison.Ordinal) ? l.Substring(0, l.Length - 5).TrimEnd() : l).ToList()
            : Array.Empty<string>();

    /// <summary>The actions of <c>action</c> as fail2ban cuts them, with the options the jail passes to each
    /// (<c>iptables-multiport[port="ssh", protocol="tcp", chain="INPUT"]</c>).</summary>
    public IReadOnlyList<Fail2banActionReference> Actions =>
        Action is { } setting ? Fail2banActions.Parse(setting.Value, out _) : Array.Empty<Fail2banActionReference>();

    /// <summary>The action names (<c>iptables-multiport</c>).</summary>
    public IReadOnlyList<string> ActionNames => Actions.Select(a => Fail2banParser.Strip(a.Name)).ToList();

    /// <summary>Whether the jail bans <paramref name="port"/>: the ports the actions are given (a jail's actions usually
    /// take <c>port="%(port)s"</c>, but some stock jails pass others, as counter-strike passes its tcpport); when no
    /// action is given one, the jail's <c>port</c>. An action that bans every port (iptables-allports) is not
    /// recognised as such here.</summary>
    public bool CoversPort(int port)
    {
        var given = Actions.Where(a => a.Port is not null).ToList();
        return given.Count > 0
            ? given.Any(a => Fail2banPorts.Parse(a.Port!).Any(p => p.Covers(port)))
            : PortEntries.Any(p => p.Item.Covers(port));
    }

    public override string ToString() => $"[{Name}]{(Enabled ? " enabled" : "")}";
}

/// <summary>
/// One fail2ban configuration directory of the repository (<c>etc/fail2ban/</c>, <c>fail2ban/</c>, or wherever a
/// jail.local sits), evaluated as fail2ban 1.0.2 evaluates it: the jail files (jail.conf, jail.d/*.conf, jail.local,
/// jail.d/*.local, each with its <c>[INCLUDES]</c>) and the daemon's files (fail2ban.conf, fail2ban.d/*.conf,
/// fail2ban.local, fail2ban.d/*.local). Where the repository has no jail.conf (or fail2ban.conf), fail2ban's stock file
/// (1.0.2, as Debian 12 ships it) stands in, marked as not being in the repository.
/// </summary>
public sealed class Fail2banConfig
{
    private readonly HashSet<SourceFile> _stock;
    private readonly Fail2banLayers _daemon;
    private IReadOnlyList<Fail2banJail>? _jails;
    private IReadOnlyList<Fail2banValueProblem>? _problems;

    internal Fail2banConfig(string directory, IReadOnlyList<Fail2banFile> jailFiles, IReadOnlyList<Fail2banFile> daemonFiles,
        IReadOnlyList<string> filters, IReadOnlyList<Fail2banMissingInclude> missingIncludes, Location anchor,
        IReadOnlyDictionary<string, SourceFile>? pluginFiles = null)
    {
        PluginFiles = pluginFiles ?? new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        Directory = directory;
        JailFiles = jailFiles;
        DaemonFiles = daemonFiles;
        Filters = filters;
        MissingIncludes = missingIncludes;
        Anchor = anchor;
        _stock = new HashSet<SourceFile>(jailFiles.Concat(daemonFiles).Where(f => f.IsStock).Select(f => f.File));
        Layers = new Fail2banLayers();
        foreach (var file in jailFiles) Layers.Merge(file.Document);
        // fail2ban's jail reader adds these to [DEFAULT] before it interpolates anything.
        Layers.AddBuiltInDefault("fail2ban_version", Fail2banStockConfig.Version);
        Layers.AddBuiltInDefault("fail2ban_confpath", "/etc/fail2ban");
        _daemon = new Fail2banLayers();
        foreach (var file in daemonFiles) _daemon.Merge(file.Document);
    }

    internal Fail2banLayers Layers { get; }

    /// <summary>The directory, relative to the scan root ("" for the root itself).</summary>
    public string Directory { get; }
    /// <summary>The jail configuration's files in fail2ban's reading order (includes in their place; a file included
    /// twice is listed twice, as fail2ban reads it twice).</summary>
    public IReadOnlyList<Fail2banFile> JailFiles { get; }
    /// <summary>fail2ban.conf and its layers, in reading order.</summary>
    public IReadOnlyList<Fail2banFile> DaemonFiles { get; }
    /// <summary>Every file read once, repository and stock.</summary>
    public IReadOnlyList<Fail2banFile> Files => JailFiles.Concat(DaemonFiles).GroupBy(f => f.File).Select(g => g.First()).ToList();
    /// <summary>The repository has no jail.conf here, so fail2ban's stock jail.conf (1.0.2) is read in its place.</summary>
    public bool UsesStockJailConf => JailFiles.Any(f => f.IsStock && f.StockName == Fail2banStockConfig.JailConf);
    /// <summary>The repository has no fail2ban.conf here, so fail2ban's stock one is read in its place.</summary>
    public bool UsesStockFail2banConf => DaemonFiles.Any(f => f.IsStock && f.StockName == Fail2banStockConfig.Fail2banConf);
    /// <summary>Filter names defined in this directory's <c>filter.d/</c> (from its .conf and .local files).</summary>
    public IReadOnlyList<string> Filters { get; }
    /// <summary>The repository's filter.d and action.d files of this directory, by their path in it
    /// (<c>filter.d/myapp.conf</c>), unparsed: fail2ban reads them only for the jails that use them.</summary>
    public IReadOnlyDictionary<string, SourceFile> PluginFiles { get; }
    /// <summary><c>[INCLUDES]</c> files that are not there (fail2ban skips them silently).</summary>
    public IReadOnlyList<Fail2banMissingInclude> MissingIncludes { get; }
    /// <summary>A place in the repository for findings about the configuration as a whole (the start of its first
    /// repository file: jail.local, else the first jail.d file, else jail.conf, else fail2ban.*).</summary>
    public Location Anchor { get; }

    /// <summary>Every jail, in the order fail2ban reads them.</summary>
    public IReadOnlyList<Fail2banJail> Jails => _jails ??= Layers.SectionNames
        .Where(n => n != "INCLUDES" && !n.StartsWith("KNOWN/", StringComparison.Ordinal))
        .Select(n => new Fail2banJail(this, n)).ToList();
    public IReadOnlyList<Fail2banJail> EnabledJails => Jails.Where(j => j.Enabled).ToList();
    public Fail2banJail? Jail(string name) => Jails.FirstOrDefault(j => j.Name == name);
    public bool HasFilter(string name) => Filters.Contains(name, StringComparer.Ordinal);

    /// <summary>A [DEFAULT] value of the jail configuration (interpolated within [DEFAULT]).</summary>
    public Fail2banSetting? Default(string option) => Setting(Fail2banParser.DefaultSection, Fail2banParser.FoldOptionName(option));
    /// <summary>The [DEFAULT] option names.</summary>
    public IEnumerable<string> DefaultNames => Layers.DefaultOptions;

    /// <summary>A setting of fail2ban.conf's <c>[Definition]</c> (loglevel, logtarget, dbfile, dbpurgeage…), or of another
    /// of its sections (<c>[Thread] stacksize</c>).</summary>
    public Fail2banSetting? Daemon(string option, string section = "Definition") =>
        BuildSetting(_daemon, section, Fail2banParser.FoldOptionName(option));

    /// <summary>The values fail2ban cannot use, each once (a bad [DEFAULT] value read by several jails lists them all).</summary>
    public IReadOnlyList<Fail2banValueProblem> ValueProblems => _problems ??= Fail2banValueChecks.Find(this);

    internal Fail2banSetting? Setting(string section, string name) => BuildSetting(Layers, section, name);

    private Fail2banSetting? BuildSetting(Fail2banLayers layers, string section, string name)
    {
        if (!layers.TryRaw(section, name, out var raw, out var origin)) return null;
        var (own, defaults) = layers.Writers(section, name);
        var fromDefault = own.Count == 0;
        // Latest first: the section's own earlier values, then [DEFAULT]'s (which lose to any of the section's).
        var losers = own.Reverse().Concat(defaults.Reverse()).Where(o => !ReferenceEquals(o, origin)).ToList();
        var interpolated = layers.Interpolate(section, name, raw, origin);
        return new Fail2banSetting(this, section, name, origin, fromDefault && origin is not null, losers, raw,
            interpolated.Value, interpolated.Problem, interpolated.Trail);
    }

    internal bool IsStock(SourceFile file) => _stock.Contains(file);

    internal string Describe(Fail2banOption option) =>
        IsStock(option.File) ? Files.First(f => f.File == option.File).Display : option.Where;

    public override string ToString() => $"fail2ban configuration in {(Directory.Length == 0 ? "." : Directory)}";
}
