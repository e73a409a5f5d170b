using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Formats.Nginx;

/// <summary>The characters the taint rules ask about: line breaks (header injection), and what lets a value leave a
/// host name or cut a URL's authority short (SSRF).</summary>
[Flags]
public enum NginxChars
{
    None = 0,
    CarriageReturn = 1,
    LineFeed = 2,
    Slash = 4,
    Dot = 8,
    At = 16,
    Colon = 32,
    Question = 64,
    Hash = 128,
    LineBreaks = CarriageReturn | LineFeed,
    All = CarriageReturn | LineFeed | Slash | Dot | At | Colon | Question | Hash,
}

public static class NginxCharsExtensions
{
    private static readonly (NginxChars Flag, char Char, string Name)[] Table =
    {
        (NginxChars.CarriageReturn, '\r', "CR"), (NginxChars.LineFeed, '\n', "LF"), (NginxChars.Slash, '/', "/"),
        (NginxChars.Dot, '.', "."), (NginxChars.At, '@', "@"), (NginxChars.Colon, ':', ":"), (NginxChars.Question, '?', "?"),
        (NginxChars.Hash, '#', "#"),
    };

    public static bool Has(this NginxChars chars, NginxChars any) => (chars & any) != 0;

    /// <summary>The characters of <paramref name="within"/> that the group can match (literal text in it does not count).</summary>
    public static NginxChars MatchableBy(RxNode group, NginxChars within = NginxChars.All) =>
        Table.Where(t => within.Has(t.Flag) && NginxRegex.CanMatch(group, t.Char, countLiterals: false))
            .Aggregate(NginxChars.None, (all, t) => all | t.Flag);

    /// <summary>"CR", "LF", "CR and LF", "'.', '/' and ':'".</summary>
    public static string Describe(this NginxChars chars)
    {
        var names = Table.Where(t => chars.Has(t.Flag)).Select(t => t.Name.Length == 1 ? $"'{t.Name}'" : t.Name).ToList();
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
    }
}

/// <summary>Who chooses the value of a builtin variable.</summary>
public enum NginxControl
{
    /// <summary>The configuration or the server (<c>$server_name</c>, <c>$scheme</c>, <c>$remote_addr</c>).</summary>
    Fixed,
    /// <summary>The client, within <see cref="NginxBuiltin.Chars"/>.</summary>
    Client,
    /// <summary><c>$host</c>: one of the server's own names, unless the server is the default server of a socket,
    /// where it is whatever name the client sends.</summary>
    HostName,
    /// <summary>The upstream application (<c>$upstream_http_*</c>, <c>$sent_http_*</c>): as trusted as the application.</summary>
    Upstream,
}

/// <summary>A builtin variable: who chooses it and which characters a client can get into it (gixy-decisions §1).</summary>
public sealed record NginxBuiltin(string Name, NginxControl Control, NginxChars Chars, bool StartsWithSlash = false)
{
    private const NginxChars NoBreaks = NginxChars.All & ~NginxChars.LineBreaks;
    private const NginxChars HostChars = NginxChars.Dot | NginxChars.At | NginxChars.Colon | NginxChars.Question | NginxChars.Hash;

    private static readonly Dictionary<string, NginxBuiltin> Exact = new[]
    {
        // Percent-decoded and normalised: %0d%0a becomes a raw CRLF.
        new NginxBuiltin("uri", NginxControl.Client, NginxChars.All, StartsWithSlash: true),
        new NginxBuiltin("document_uri", NginxControl.Client, NginxChars.All, StartsWithSlash: true),
        new NginxBuiltin("request_filename", NginxControl.Client, NginxChars.All, StartsWithSlash: true),
        // Raw, still percent-encoded: nginx rejects raw CR/LF in the request line and in header values.
        new NginxBuiltin("request_uri", NginxControl.Client, NoBreaks, StartsWithSlash: true),
        new NginxBuiltin("args", NginxControl.Client, NoBreaks),
        new NginxBuiltin("query_string", NginxControl.Client, NoBreaks),
        new NginxBuiltin("request", NginxControl.Client, NoBreaks),
        new NginxBuiltin("content_type", NginxControl.Client, NoBreaks),
        new NginxBuiltin("proxy_add_x_forwarded_for", NginxControl.Client, NoBreaks),
        // The Host header: "Host: a/b" gets 400, but '@', '?', '#' and a port pass.
        new NginxBuiltin("http_host", NginxControl.Client, HostChars),
        new NginxBuiltin("host", NginxControl.HostName, HostChars),
        new NginxBuiltin("ssl_server_name", NginxControl.Client, NginxChars.Dot),
        new NginxBuiltin("ssl_preread_server_name", NginxControl.Client, NginxChars.Dot),
        // Base64-decoded from "Authorization: Basic", whether or not auth is configured: CR/LF get through.
        new NginxBuiltin("remote_user", NginxControl.Client, NginxChars.All),
        new NginxBuiltin("request_body", NginxControl.Client, NginxChars.All),
        // Derived from $uri by fastcgi_split_path_info (see NginxVariables.Resolve for the split regex).
        new NginxBuiltin("fastcgi_script_name", NginxControl.Client, NginxChars.All, StartsWithSlash: true),
        new NginxBuiltin("fastcgi_path_info", NginxControl.Client, NginxChars.All),
        new NginxBuiltin("request_method", NginxControl.Client, NginxChars.None),
        new NginxBuiltin("content_length", NginxControl.Client, NginxChars.None),
    }.ToDictionary(b => b.Name, StringComparer.Ordinal);

    private static readonly NginxBuiltin[] Prefixes =
    {
        new("http_", NginxControl.Client, NoBreaks),
        new("arg_", NginxControl.Client, NoBreaks),
        new("cookie_", NginxControl.Client, NoBreaks),
        new("sent_http_", NginxControl.Upstream, NoBreaks),
        new("sent_trailer_", NginxControl.Upstream, NoBreaks),
        new("upstream_", NginxControl.Upstream, NoBreaks),
    };

    /// <summary>The builtin for a variable name (lower-cased, without <c>$</c>); anything not listed here and not
    /// defined by the configuration is taken as chosen by the server (<c>$scheme</c>, <c>$remote_addr</c>, <c>$status</c>…).</summary>
    public static NginxBuiltin Of(string key)
    {
        if (Exact.TryGetValue(key, out var builtin)) return builtin;
        var prefix = Prefixes.FirstOrDefault(p => key.StartsWith(p.Name, StringComparison.Ordinal));
        return prefix is null ? new NginxBuiltin(key, NginxControl.Fixed, NginxChars.None) : prefix with { Name = key };
    }
}

public enum NginxCaptureKind { Location, If, Rewrite, Map, SplitPathInfo, ServerName }

/// <summary>A regex whose captures (<c>$1</c>..<c>$9</c> and named groups) a directive can use, and where it runs.</summary>
public sealed class NginxCaptureProvider
{
    public NginxCaptureProvider(NginxNode node, NginxCaptureKind kind, NginxRegex regex, string? source = null)
    {
        Node = node;
        Kind = kind;
        Regex = regex;
        Source = source;
    }

    /// <summary>The <c>location</c>, <c>if</c>, <c>rewrite</c>, map entry, <c>fastcgi_split_path_info</c> or <c>server_name</c>.</summary>
    public NginxNode Node { get; }
    public NginxCaptureKind Kind { get; }
    public NginxRegex Regex { get; }
    /// <summary>What the regex is applied to, for <c>if</c> (the tested value) and map entries (the map's source);
    /// null where it is the URI (or, for server_name, the host).</summary>
    public string? Source { get; }

    /// <summary>"`location ~ ^/img(.*)$` (nginx.conf:9)".</summary>
    public string Describe()
    {
        var head = Kind == NginxCaptureKind.Map
            ? $"map entry {Node.Name}"
            : string.Join(" ", new[] { Node.Name }.Concat(Node.Arguments.Select(a => a.Raw)));
        return $"`{head}` ({Node.Directive.Where})";
    }
}

/// <summary>
/// Where a value that a directive uses comes from, followed to the end: a builtin variable, a regex capture, a map of
/// literals. <see cref="Chars"/> says which of the asked-about characters the client can get into it.
/// </summary>
public sealed class NginxValueSource
{
    public NginxValueSource(string variable, bool controlled, NginxChars chars, IReadOnlyList<string> via,
        NginxCaptureProvider? capture = null, RxGroup? group = null, string? note = null)
    {
        Variable = variable;
        Controlled = controlled;
        Chars = controlled ? chars : NginxChars.None;
        Via = via;
        Capture = capture;
        Group = group;
        Note = note;
    }

    /// <summary>"$uri", "$1", "$tenant".</summary>
    public string Variable { get; }
    /// <summary>The client can choose the value (at least in part).</summary>
    public bool Controlled { get; }
    /// <summary>The asked-about characters the client can get into the value (none when not controlled).</summary>
    public NginxChars Chars { get; }
    /// <summary>The steps from the variable the directive names to this source: "`$target` (set at nginx.conf:12)".</summary>
    public IReadOnlyList<string> Via { get; }
    /// <summary>For a capture: the regex that provides it.</summary>
    public NginxCaptureProvider? Capture { get; }
    public RxGroup? Group { get; }
    /// <summary>Extra detail for messages ("an allow-list map", "escaped by rewrite").</summary>
    public string? Note { get; }

    public bool CanContain(NginxChars chars) => Chars.Has(chars);

    /// <summary>"`$1` of `location ~ /(.*)$` (nginx.conf:10)", "`$http_x_backend` (through `$backend` set at nginx.conf:12)".</summary>
    public string Describe()
    {
        var what = Capture is null ? $"`{Variable}`" : $"`{Variable}` of {Capture.Describe()}";
        return Via.Count == 0 ? what : $"{what} (through {string.Join(", ", Via)})";
    }

    public override string ToString() => Describe();
}

/// <summary>
/// The variable model the taint rules share (NGX019–NGX023): what a variable reference at a directive can hold.
/// Follows <c>set</c> (every assignment that can run before the directive: its server, its locations and their
/// <c>if</c> blocks; elsewhere when none of those assigns it), <c>map</c> (the union of its values; a map of literals is
/// an allow-list) and regex captures (the regex in effect at the directive: its own <c>rewrite</c>, the enclosing
/// <c>if (… ~ …)</c>, earlier <c>rewrite</c>s, the enclosing regex location — and what its group can match, bounded
/// by what its source can contain). Builtins follow <see cref="NginxBuiltin"/>.
/// </summary>
public sealed class NginxVariables
{
    private static readonly HashSet<string> RewritePhase = new(StringComparer.Ordinal) { "set", "rewrite", "return", "if", "break" };
    private static readonly string[] DefiningBlocks = { "map", "geo", "split_clients" };
    private static readonly string[] DefiningDirectives = { "perl_set", "js_set", "auth_request_set", "set_by_lua", "set_by_lua_block", "set_by_lua_file" };

    private readonly NginxConfig _config;
    private readonly Dictionary<NginxNode, NginxLevel> _levels = new();
    private readonly List<NginxLevel> _servers;
    private readonly ILookup<string, NginxNode> _sets;
    private readonly Dictionary<string, NginxNode> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<NginxNode, NginxCaptureProvider?> _providers = new();
    private List<NginxCaptureProvider>? _allProviders;

    public NginxVariables(NginxConfig config, IEnumerable<NginxLevel> levels)
    {
        _config = config;
        var all = levels.ToList();
        foreach (var level in all)
            foreach (var node in level.Directives)
                _levels[node] = level;
        _servers = all.Where(l => l.IsServer).ToList();
        var nodes = config.AllNodes().ToList();
        _sets = nodes.Where(n => n.Is("set") && n.Arguments.Count == 2 && n.Context != NginxContext.Entries)
            .ToLookup(n => Key(n.Arguments[0].Value), StringComparer.Ordinal);
        foreach (var node in nodes.Where(n => n.Context != NginxContext.Entries))
        {
            string? defined = null;
            if (node.Is("map") || node.Is("split_clients")) defined = node.Arg(1);
            else if (node.Is("geo")) defined = node.Arguments.LastOrDefault()?.Value;
            else if (DefiningDirectives.Any(node.Is)) defined = node.Arg(0);
            if (defined is not null && defined.StartsWith("$", StringComparison.Ordinal))
            {
                var key = Key(defined);
                if (!_definitions.ContainsKey(key)) _definitions[key] = node;
            }
        }
    }

    private static string Key(string variable) => variable.TrimStart('$').Trim('{', '}').ToLowerInvariant();

    /// <summary>The http level a directive is written at (null outside http: stream, map entries, upstream blocks).</summary>
    public NginxLevel? LevelOf(NginxNode node) => _levels.TryGetValue(node, out var level) ? level : null;

    /// <summary>Every source of <paramref name="variable"/> as used by the directive <paramref name="at"/>.</summary>
    public IReadOnlyList<NginxValueSource> Resolve(NginxNode at, NginxVariable variable) =>
        Resolve(at, variable, at, new Walk(), Array.Empty<string>());

    /// <summary>The sources of every variable in <paramref name="argument"/>, per reference.</summary>
    public IReadOnlyList<(NginxVariable Variable, IReadOnlyList<NginxValueSource> Sources)> Resolve(NginxNode at, NginxArgument argument) =>
        argument.Variables.Select(v => (v, Resolve(at, v))).ToList();

    /// <summary>The variables being followed (a cycle ends the chain) and a bound on the work: chains that fan out
    /// (<c>set $a "$b$b"; set $b "$c$c"; …</c>) would otherwise take exponential time on hostile input.</summary>
    private sealed class Walk : HashSet<string>
    {
        public const int MaxSteps = 20000;
        public int Steps;
        public Walk() : base(StringComparer.Ordinal) { }
        public bool Exhausted => ++Steps > MaxSteps;
    }

    private IReadOnlyList<NginxValueSource> Resolve(NginxNode at, NginxVariable variable, NginxNode sink, Walk visiting, IReadOnlyList<string> via)
    {
        if (visiting.Exhausted) return Array.Empty<NginxValueSource>();
        if (variable.Capture is { } number)
        {
            var escaped = at.Is("rewrite"); // nginx percent-escapes $1..$9 in a rewrite replacement
            return CaptureProviders(at)
                .Select(p => (Provider: p, Group: p.Regex.Group(number)))
                .Where(x => x.Group is not null)
                .Select(x => CaptureSource($"${number}", x.Provider, x.Group!, sink, visiting, via, escaped))
                .ToList();
        }

        var key = variable.Key;
        if (!visiting.Add(key)) return Array.Empty<NginxValueSource>();
        try
        {
            var sets = Assignments(key, at);
            if (sets.Count > 0)
                return sets.SelectMany(set => set.Arguments[1].Variables.SelectMany(inner =>
                    Resolve(set, inner, sink, visiting, via.Append($"`${variable.Name}` set at {set.Origin}").ToList()))).ToList();

            if (_definitions.TryGetValue(key, out var definition))
                return definition.Is("map") ? FromMap(definition, variable, sink, visiting, via) : new[]
                {
                    new NginxValueSource($"${variable.Name}", false, NginxChars.None, via, note: $"defined by `{definition.Name}` at {definition.Origin}"),
                };

            // A known builtin cannot be redefined by a named capture (nginx refuses the duplicate variable).
            if (NginxBuiltin.Of(key).Control != NginxControl.Fixed) return new[] { FromBuiltin(variable, sink, visiting, via) };
            var named = NamedProviders(at, key);
            if (named.Count > 0)
                return named.Select(p => CaptureSource($"${variable.Name}", p, p.Regex.Group(key)!, sink, visiting, via, escaped: false)).ToList();

            return new[] { FromBuiltin(variable, sink, visiting, via) };
        }
        finally
        {
            visiting.Remove(key);
        }
    }

    private NginxValueSource FromBuiltin(NginxVariable variable, NginxNode sink, Walk visiting, IReadOnlyList<string> via)
    {
        var builtin = NginxBuiltin.Of(variable.Key);
        var name = $"${variable.Name}";
        switch (builtin.Control)
        {
            case NginxControl.HostName:
            {
                var server = LevelOf(sink)?.Server;
                var open = server is not null && IsDefaultServer(server);
                return new NginxValueSource(name, open, builtin.Chars, via,
                    note: open ? "the server is the default server of its socket, so it answers any Host the client sends" : "the server only receives requests for its own names");
            }
            case NginxControl.Client when variable.Key is "fastcgi_script_name" or "fastcgi_path_info":
            {
                // With fastcgi_split_path_info, they are the regex's two captures over $uri.
                var split = LevelOf(sink)?.Find("fastcgi_split_path_info");
                if (split?.Arg(0) is { } pattern && NginxRegex.Parse(pattern) is { IsValid: true } regex
                    && regex.Group(variable.Key == "fastcgi_script_name" ? 1 : 2) is { } group)
                    return CaptureSource(name, new NginxCaptureProvider(split, NginxCaptureKind.SplitPathInfo, regex), group, sink, visiting, via, escaped: false);
                return new NginxValueSource(name, true, builtin.Chars, via);
            }
            default:
                return new NginxValueSource(name, builtin.Control == NginxControl.Client, builtin.Chars, via);
        }
    }

    /// <summary>A map: the union of its values' sources. Captures in a value come from that entry's key regex applied
    /// to the map's source; a map whose values are all literals can only yield one of them (an allow-list).</summary>
    private IReadOnlyList<NginxValueSource> FromMap(NginxNode map, NginxVariable variable, NginxNode sink, Walk visiting, IReadOnlyList<string> via)
    {
        var step = via.Append($"`map {map.Arg(0)} ${variable.Name}` at {map.Origin}").ToList();
        var sources = new List<NginxValueSource>();
        foreach (var entry in NginxMapEntry.Of(map))
        {
            foreach (var inner in entry.Value!.Variables)
            {
                var group = entry.Regex is { IsValid: true } regex ? regex.GroupFor(inner) : null;
                if (group is not null)
                {
                    var provider = new NginxCaptureProvider(entry.Node, NginxCaptureKind.Map, entry.Regex!, map.Arg(0));
                    sources.Add(CaptureSource($"${inner.Name}", provider, group, sink, visiting, step, escaped: false));
                }
                else if (inner.Capture is null)
                {
                    sources.AddRange(Resolve(sink, inner, sink, visiting, step));
                }
            }
        }
        if (sources.Count == 0)
            sources.Add(new NginxValueSource($"${variable.Name}", false, NginxChars.None, via, note: $"an allow-list: `map` at {map.Origin} has only literal values"));
        return sources;
    }

    /// <summary>A capture: controlled when its regex's source is, and it can hold a character when the source can and
    /// the group can match it.</summary>
    private NginxValueSource CaptureSource(string name, NginxCaptureProvider provider, RxGroup group, NginxNode sink,
        Walk visiting, IReadOnlyList<string> via, bool escaped)
    {
        IReadOnlyList<NginxValueSource> source = provider.Kind switch
        {
            NginxCaptureKind.If or NginxCaptureKind.Map when provider.Source is { } text =>
                NginxVariable.Scan(text).SelectMany(v => Resolve(provider.Kind == NginxCaptureKind.If ? provider.Node : sink, v, sink, visiting, Array.Empty<string>())).ToList(),
            NginxCaptureKind.ServerName => new[] { new NginxValueSource("$host", true, NginxBuiltin.Of("http_host").Chars, Array.Empty<string>()) },
            _ => new[] { new NginxValueSource("$uri", true, NginxChars.All, Array.Empty<string>()) },
        };
        // A group of literal alternatives ("(a|b)", "(https?)") lets the client pick among strings the configuration wrote.
        var literalOnly = !NginxRegex.HasWildcard(group.Body);
        var controlled = source.Any(s => s.Controlled) && !literalOnly;
        var chars = source.Aggregate(NginxChars.None, (all, s) => all | s.Chars) & NginxCharsExtensions.MatchableBy(group.Body);
        if (escaped && group.Name is null) chars &= ~NginxChars.LineBreaks;
        var note = literalOnly ? "its group only matches literal text written in the regex"
            : escaped && group.Name is null ? "escaped by nginx inside the rewrite replacement" : null;
        return new NginxValueSource(name, controlled, chars, via, provider, group, note);
    }

    /// <summary>Whether a variable reference always yields a value starting with <c>/</c> (<c>$uri</c>, <c>$request_uri</c>,
    /// a variable set to one of them): where a URL's path begins.</summary>
    public bool MustStartWithSlash(NginxNode at, NginxVariable variable) => MustStartWithSlash(at, variable, new Walk());

    private bool MustStartWithSlash(NginxNode at, NginxVariable variable, Walk visiting)
    {
        if (visiting.Exhausted) return false;
        if (variable.Capture is { } number)
        {
            var groups = CaptureProviders(at).Select(p => p.Regex.Group(number)).ToList();
            return groups.Count > 0 && groups.All(g => g is not null && NginxRegex.First(g.Body) is { Count: > 0 } first && first.All(a => a.OnlyMatches('/')));
        }
        if (!visiting.Add(variable.Key)) return false;
        try
        {
            bool Starts(NginxNode where, NginxArgument value, bool script) =>
                value.Value.StartsWith("/", StringComparison.Ordinal)
                || (script && value.Variables.FirstOrDefault() is { Start: 0 } first && MustStartWithSlash(where, first, visiting));
            var sets = Assignments(variable.Key, at);
            if (sets.Count > 0) return sets.All(s => Starts(s, s.Arguments[1], script: true));
            if (_definitions.TryGetValue(variable.Key, out var definition))
            {
                // Every value, and a default (without one an unmatched request gets ""). geo values are plain strings;
                // a map value is a script, whose captures come from its own key.
                var (entries, hasDefault) = DefinedEntries(definition);
                return hasDefault && entries.All(e => Starts(definition.Is("map") ? e : at, e.Arguments[0], script: definition.Is("map")));
            }
            return NginxBuiltin.Of(variable.Key).StartsWithSlash;
        }
        finally
        {
            visiting.Remove(variable.Key);
        }
    }

    private static readonly string[] GeoParameters = { "delete", "proxy", "include", "ranges", "proxy_recursive" };

    /// <summary>The value entries of a <c>map</c>, <c>geo</c> or <c>split_clients</c> block, and whether it has a
    /// fallback (<c>default</c>, or <c>*</c> for split_clients).</summary>
    private static (IReadOnlyList<NginxNode> Entries, bool HasDefault) DefinedEntries(NginxNode definition)
    {
        var entries = (definition.Block ?? Array.Empty<NginxNode>())
            .Where(e => e.Arguments.Count == 1 && !(definition.Is("geo") && GeoParameters.Contains(e.Name))).ToList();
        var fallback = definition.Is("split_clients") ? "*" : "default";
        return (entries, entries.Any(e => e.Name == fallback));
    }

    /// <summary>The <c>set $name …</c> directives that can have run before <paramref name="at"/>: those of its server,
    /// its enclosing locations and the <c>if</c> blocks directly in them; if none of those assigns it, every assignment
    /// in the configuration (an internal redirect keeps variables).</summary>
    public IReadOnlyList<NginxNode> Assignments(string name, NginxNode at)
    {
        var all = _sets[Key(name)].ToList();
        if (all.Count == 0) return all;
        var chain = LevelOf(at) is { } level ? new HashSet<NginxLevel>(level.Chain()) : null;
        if (chain is null) return all;
        var near = all.Where(s => LevelOf(s) is { } of && (chain.Contains(of) || (of.IsIf && of.Parent is { } parent && chain.Contains(parent)))).ToList();
        return near.Count > 0 ? near : all;
    }

    /// <summary>The <c>map</c>, <c>geo</c>, <c>split_clients</c> or <c>*_set</c> directive that defines a variable.</summary>
    public NginxNode? Definition(string name) => _definitions.TryGetValue(Key(name), out var node) ? node : null;

    /// <summary>
    /// The regexes whose numbered captures <c>$1</c>..<c>$9</c> can be current at <paramref name="at"/> (a union when
    /// several can): a <c>rewrite</c>'s own regex; for a map entry its key; otherwise, walking out from the directive,
    /// earlier <c>rewrite</c>s (all of the level for directives that run after the rewrite phase, with the level's
    /// <c>if (… ~ …)</c> blocks whose configuration they may run in), then the enclosing <c>if (… ~ …)</c> or regex
    /// location, which ends the walk; a prefix location passes on to its parent; the server's own rewrites run before
    /// any location is chosen.
    /// </summary>
    public IReadOnlyList<NginxCaptureProvider> CaptureProviders(NginxNode at)
    {
        if (at.Is("rewrite")) return ProviderOf(at) is { } own ? new[] { own } : Array.Empty<NginxCaptureProvider>();
        if (NginxMapEntry.For(at) is { Regex: { IsValid: true } key })
            return new[] { new NginxCaptureProvider(at, NginxCaptureKind.Map, key, at.Parent!.Arg(0)) };
        var level = LevelOf(at);
        if (level is null) return Array.Empty<NginxCaptureProvider>();
        var providers = new List<NginxCaptureProvider>();
        var contentPhase = !RewritePhase.Contains(at.Name);
        NginxNode bound = at;
        var runsHere = true;      // the level's rewrite directives run for this request
        var precedingOnly = !contentPhase;
        for (var l = level; l is not null && l.Context != NginxContext.Http; l = l.Parent)
        {
            if (runsHere)
            {
                foreach (var node in l.Directives)
                {
                    if (precedingOnly && node == bound) break;
                    if (node.Is("rewrite") && ProviderOf(node) is { } rewrite) providers.Add(rewrite);
                    else if (node.Is("if") && node != bound && (l.IsServer || (l == level && contentPhase)) && ProviderOf(node) is { } test) providers.Add(test);
                }
            }
            if (l.Block is { } block && (l.IsIf || l.IsLocation) && ProviderOf(block) is { } enclosing)
            {
                providers.Add(enclosing);
                break;
            }
            if (l.IsServer) break;
            // Leaving an if: the directives before it ran. Leaving a location for its parent (or the server): the
            // parent location's rewrites do not run for a nested location, the server's all ran before the search.
            runsHere = l.IsIf || l.Parent?.IsServer == true;
            precedingOnly = l.IsIf;
            bound = l.Block ?? bound;
        }
        return providers;
    }

    /// <summary>The regexes that can have set the named capture <c>$name</c> before <paramref name="at"/>: those in
    /// effect there, else any regex in the configuration with a group of that name.</summary>
    private IReadOnlyList<NginxCaptureProvider> NamedProviders(NginxNode at, string name)
    {
        if (at.Is("rewrite") && ProviderOf(at) is { } own && own.Regex.Group(name) is not null) return new[] { own };
        var near = new List<NginxCaptureProvider>();
        for (var l = LevelOf(at); l is not null; l = l.Parent)
        {
            near.AddRange(l.Directives.Where(d => d.Is("rewrite") || d.Is("if")).Select(ProviderOf).OfType<NginxCaptureProvider>());
            if (l.Block is { } block && ProviderOf(block) is { } enclosing) near.Add(enclosing);
        }
        near = near.Where(p => p.Regex.Group(name) is not null).ToList();
        if (near.Count > 0) return near;
        _allProviders ??= _config.AllNodes().SelectMany(n => n.Is("server_name") ? ServerNameProviders(n) : new[] { ProviderOf(n) }.OfType<NginxCaptureProvider>())
            .OfType<NginxCaptureProvider>().ToList();
        return _allProviders.Where(p => p.Regex.Group(name) is not null).ToList();
    }

    private NginxCaptureProvider? ProviderOf(NginxNode node)
    {
        if (!_providers.TryGetValue(node, out var provider)) _providers[node] = provider = Provider(node);
        return provider;
    }

    /// <summary>Regex server names (<c>server_name ~^(?&lt;sub&gt;.+)\.example\.com$</c>) set their named captures too.</summary>
    private static IEnumerable<NginxCaptureProvider> ServerNameProviders(NginxNode serverName) =>
        serverName.Arguments.Where(a => a.Value.StartsWith("~", StringComparison.Ordinal))
            .Select(a => NginxRegex.Parse(a.Value.Substring(1), caseless: true))
            .Where(r => r.IsValid)
            .Select(r => new NginxCaptureProvider(serverName, NginxCaptureKind.ServerName, r));

    /// <summary>The regex a <c>location</c>, <c>if (… ~ …)</c>, <c>rewrite</c>, map entry or <c>fastcgi_split_path_info</c>
    /// provides captures from (null if it provides none or cannot be read).</summary>
    public static NginxCaptureProvider? Provider(NginxNode node)
    {
        NginxCaptureProvider? provider = node.Name switch
        {
            "location" when NginxLocationPattern.Of(node) is { Regex: { } regex } => new(node, NginxCaptureKind.Location, regex),
            "if" when NginxCondition.Of(node) is { SetsCaptures: true, Regex: { } regex } condition => new(node, NginxCaptureKind.If, regex, condition.Left),
            "rewrite" when node.Arg(0) is { } pattern => new(node, NginxCaptureKind.Rewrite, NginxRegex.Parse(pattern)),
            "fastcgi_split_path_info" when node.Arg(0) is { } pattern => new(node, NginxCaptureKind.SplitPathInfo, NginxRegex.Parse(pattern)),
            _ => NginxMapEntry.For(node) is { Regex: { } regex } entry ? new(node, NginxCaptureKind.Map, regex, node.Parent!.Arg(0)) : null,
        };
        return provider is { Regex.IsValid: true } ? provider : null;
    }

    /// <summary>
    /// Whether <paramref name="server"/> is the default server of one of its listen sockets (<c>default_server</c>
    /// there, else the first server in configuration order listening on it): nginx then hands it every request whose
    /// Host no other server claims, so <c>$host</c> is whatever the client sends.
    /// </summary>
    public bool IsDefaultServer(NginxLevel server)
    {
        foreach (var socket in Sockets(server))
        {
            var on = _servers.Where(s => Sockets(s).Contains(socket)).ToList();
            var marked = on.FirstOrDefault(s => s.Own("listen").Any(l => Socket(l.Arg(0) ?? "") == socket
                && l.Arguments.Skip(1).Any(a => a.Is("default_server") || a.Is("default"))));
            if ((marked ?? on.FirstOrDefault()) == server) return true;
        }
        return false;
    }

    private static IReadOnlyList<string> Sockets(NginxLevel server)
    {
        var listens = server.Own("listen").Select(l => Socket(l.Arg(0) ?? "")).ToList();
        return listens.Count > 0 ? listens : new[] { "*:80" };
    }

    /// <summary>"80", "*:80", "0.0.0.0:80" → "*:80"; "[::]:443" stays; "127.0.0.1" → "127.0.0.1:80".</summary>
    public static string Socket(string address)
    {
        if (address.StartsWith("unix:", StringComparison.Ordinal)) return address;
        if (address.All(char.IsDigit) && address.Length > 0) return "*:" + address;
        var bracket = address.LastIndexOf(']');
        var colon = address.LastIndexOf(':');
        string host, port;
        if (colon > bracket) { host = address.Substring(0, colon); port = address.Substring(colon + 1); }
        else { host = address; port = "80"; }
        if (host is "*" or "0.0.0.0" or "") host = "*";
        return host.ToLowerInvariant() + ":" + port;
    }
}

/// <summary>
/// A URL-valued argument (a <c>*_pass</c> target, a redirect) cut as nginx and the upstream will read it: the scheme
/// (before <c>://</c>), the authority (up to the first literal <c>/</c>, <c>?</c> or <c>#</c>, or a variable that always
/// starts with <c>/</c> such as <c>$request_uri</c>), and the rest. Without <c>://</c> (<c>fastcgi_pass $backend</c>,
/// stream <c>proxy_pass</c>) the argument is all authority.
/// </summary>
public sealed class NginxUrl
{
    private NginxUrl(string value, bool hasScheme, int authorityStart, int authorityEnd, IReadOnlyList<NginxVariable> scheme, IReadOnlyList<NginxVariable> authority)
    {
        HasScheme = hasScheme;
        Authority = value.Substring(authorityStart, authorityEnd - authorityStart);
        SchemeVariables = scheme;
        AuthorityVariables = authority;
        // The host is made of variables alone when nothing but variable references precede an optional ":port".
        var host = Authority;
        var colon = host.LastIndexOf(':');
        if (colon > 0 && host.LastIndexOf(']') < colon) host = host.Substring(0, colon);
        var literal = host;
        foreach (var v in authority.Where(v => v.Start - authorityStart < host.Length).OrderByDescending(v => v.Start))
            literal = literal.Remove(v.Start - authorityStart, Math.Min(v.Length, literal.Length - (v.Start - authorityStart)));
        HostIsVariablesOnly = authority.Count > 0 && literal.Length == 0;
    }

    public bool HasScheme { get; }
    /// <summary>The authority as written, variables in place: "$1.internal.example:8080".</summary>
    public string Authority { get; }
    public IReadOnlyList<NginxVariable> SchemeVariables { get; }
    public IReadOnlyList<NginxVariable> AuthorityVariables { get; }
    /// <summary>No literal text in the host: the variables alone name it (<c>http://$1</c>, <c>http://$host:8080</c>).</summary>
    public bool HostIsVariablesOnly { get; }
    /// <summary>A unix-domain socket target (<c>unix:/run/app.sock</c>): no host to pick.</summary>
    public bool IsUnixSocket => Authority.StartsWith("unix:", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The URLs an argument can be, split where each is written: an argument that is one variable assigned by
    /// <c>set $upstream "http://some$request_uri"</c> is split as the set's value (at the set, where its own variables
    /// and captures are judged), so that the URL's structure hidden in the variable is seen.
    /// </summary>
    public static IReadOnlyList<(NginxNode At, NginxUrl Url)> Targets(NginxNode at, NginxArgument argument, NginxVariables variables)
    {
        var targets = new List<(NginxNode, NginxUrl)>();
        Collect(at, argument, variables, targets, 0);
        return targets;
    }

    private static void Collect(NginxNode at, NginxArgument argument, NginxVariables variables, List<(NginxNode, NginxUrl)> targets, int depth)
    {
        var whole = argument.Variables.Count == 1 && argument.Variables[0].Length == argument.Value.Length && argument.Variables[0].Capture is null
            ? argument.Variables[0] : null;
        var sets = whole is not null && depth < 8 ? variables.Assignments(whole.Name, at) : Array.Empty<NginxNode>();
        if (sets.Count == 0)
        {
            targets.Add((at, Split(at, argument, variables)));
            return;
        }
        foreach (var set in sets) Collect(set, set.Arguments[1], variables, targets, depth + 1);
    }

    public static NginxUrl Split(NginxNode at, NginxArgument argument, NginxVariables variables)
    {
        var value = argument.Value;
        var references = argument.Variables;
        bool InsideReference(int i) => references.Any(r => i >= r.Start && i < r.Start + r.Length);
        var separator = -1;
        for (var i = value.IndexOf("://", StringComparison.Ordinal); i >= 0; i = value.IndexOf("://", i + 1, StringComparison.Ordinal))
            if (!InsideReference(i)) { separator = i; break; }
        var start = separator >= 0 ? separator + 3 : 0;
        var end = value.Length;
        for (var i = start; i < value.Length; i++)
        {
            var reference = references.FirstOrDefault(r => r.Start == i);
            if (reference is not null)
            {
                if (variables.MustStartWithSlash(at, reference)) { end = i; break; }
                i += reference.Length - 1;
                continue;
            }
            if (value[i] is '/' or '?' or '#') { end = i; break; }
        }
        return new NginxUrl(value, separator >= 0, start, end,
            references.Where(r => separator >= 0 && r.Start < separator).ToList(),
            references.Where(r => r.Start >= start && r.Start < end).ToList());
    }
}
