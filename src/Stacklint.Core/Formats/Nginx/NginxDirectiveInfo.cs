using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Formats.Nginx;

/// <summary>
/// Where a directive stands: nginx's NGX_*_CONF bits, made absolute (nginx reuses the same bits per module family;
/// here every context has its own bit, so "allowed here" is one AND). A value is one context; a set of them is the
/// places a directive may appear.
/// </summary>
[Flags]
public enum NginxContextFlags
{
    None = 0,
    /// <summary>The top level of nginx.conf (NGX_MAIN_CONF).</summary>
    Main = 1 << 0,
    /// <summary><c>events { }</c> (NGX_EVENT_CONF).</summary>
    Events = 1 << 1,
    /// <summary><c>http { }</c> (NGX_HTTP_MAIN_CONF).</summary>
    Http = 1 << 2,
    /// <summary><c>http { server { } }</c> (NGX_HTTP_SRV_CONF).</summary>
    Server = 1 << 3,
    /// <summary><c>location { }</c>, also nested (NGX_HTTP_LOC_CONF).</summary>
    Location = 1 << 4,
    /// <summary><c>http { upstream name { } }</c> (NGX_HTTP_UPS_CONF).</summary>
    Upstream = 1 << 5,
    /// <summary><c>if ( ) { }</c> directly in a server (NGX_HTTP_SIF_CONF).</summary>
    IfInServer = 1 << 6,
    /// <summary><c>if ( ) { }</c> in a location (NGX_HTTP_LIF_CONF).</summary>
    IfInLocation = 1 << 7,
    /// <summary><c>limit_except METHOD { }</c> (NGX_HTTP_LMT_CONF).</summary>
    LimitExcept = 1 << 8,
    /// <summary><c>stream { }</c> (NGX_STREAM_MAIN_CONF).</summary>
    Stream = 1 << 9,
    /// <summary><c>stream { server { } }</c> (NGX_STREAM_SRV_CONF).</summary>
    StreamServer = 1 << 10,
    /// <summary><c>stream { upstream name { } }</c> (NGX_STREAM_UPS_CONF).</summary>
    StreamUpstream = 1 << 11,
    /// <summary><c>mail { }</c> (NGX_MAIL_MAIN_CONF).</summary>
    Mail = 1 << 12,
    /// <summary><c>mail { server { } }</c> (NGX_MAIL_SRV_CONF).</summary>
    MailServer = 1 << 13,

    // Blocks whose lines are not directives: the owning module reads each line itself ("key value;"), so nothing in
    // them is looked up in the table and nginx never says "unknown directive" there.

    /// <summary><c>types { text/html html; }</c>.</summary>
    Types = 1 << 16,
    /// <summary><c>map $a $b { key value; }</c> (http and stream).</summary>
    Map = 1 << 17,
    /// <summary><c>geo [$a] $b { cidr value; }</c> (http and stream).</summary>
    Geo = 1 << 18,
    /// <summary><c>split_clients "$a" $b { 10% value; }</c> (http and stream).</summary>
    SplitClients = 1 << 19,
    /// <summary><c>charset_map a b { code code; }</c>.</summary>
    CharsetMap = 1 << 20,
    /// <summary>A third-party module's own "key value" block (e.g. geoip2's <c>geoip2 file { $var path; }</c>).</summary>
    KeyValue = 1 << 21,
    /// <summary>A block whose body is another language, not nginx syntax (lua-nginx-module's <c>*_by_lua_block { }</c>).</summary>
    Script = 1 << 22,

    /// <summary>Every directive context (NGX_ANY_CONF: <c>include</c>).</summary>
    AnyDirectiveContext = Main | Events | Http | Server | Location | Upstream | IfInServer | IfInLocation | LimitExcept
        | Stream | StreamServer | StreamUpstream | Mail | MailServer,
    /// <summary>The blocks whose lines are read by their module rather than as directives.</summary>
    FreeForm = Types | Map | Geo | SplitClients | CharsetMap | KeyValue | Script,
}

/// <summary>
/// How many arguments a directive takes and whether it opens a block: nginx's own NGX_CONF_* argument bits with
/// their values, so a line of the table reads like the <c>ngx_command_t</c> it describes.
/// </summary>
[Flags]
public enum NginxArgs
{
    None = 0,
    NoArgs = 0x0001,
    Take1 = 0x0002,
    Take2 = 0x0004,
    Take3 = 0x0008,
    Take4 = 0x0010,
    Take5 = 0x0020,
    Take6 = 0x0040,
    Take7 = 0x0080,
    /// <summary>The directive opens a block: <c>name args { ... }</c>.</summary>
    Block = 0x0100,
    /// <summary>Exactly one argument, "on" or "off".</summary>
    Flag = 0x0200,
    /// <summary>Any number of arguments, none included.</summary>
    Any = 0x0400,
    /// <summary>One or more.</summary>
    OneMore = 0x0800,
    /// <summary>Two or more.</summary>
    TwoMore = 0x1000,

    Take12 = Take1 | Take2,
    Take13 = Take1 | Take3,
    Take23 = Take2 | Take3,
    Take123 = Take1 | Take2 | Take3,
    Take1234 = Take1 | Take2 | Take3 | Take4,
}

public enum NginxModuleKind
{
    /// <summary>Always built (core, http core, events, log, upstream, headers, index ...).</summary>
    Core,
    /// <summary>Built unless configure says <c>--without-...</c>.</summary>
    Default,
    /// <summary>Built only with <c>--with-...</c>; several can be built as dynamic modules (<c>load_module</c>).</summary>
    Optional,
    /// <summary>Not part of nginx: compiled in by a distribution (OpenResty, Debian's libnginx-mod-*) or loaded with
    /// <c>load_module</c>.</summary>
    ThirdParty,
}

/// <summary>An nginx module as users meet it: the name in nginx's documentation, how it gets into a build, and
/// for modules that can be dynamic, the file <c>load_module</c> names.</summary>
public sealed class NginxModule
{
    internal NginxModule(string name, NginxModuleKind kind, string? configure = null, string? dynamicFile = null,
        string? project = null, string? since = null)
    {
        Name = name;
        Kind = kind;
        Configure = configure;
        DynamicFile = dynamicFile;
        Project = project;
        Since = since is null ? null : NginxVersion.Parse(since);
    }

    /// <summary>As nginx.org names it: <c>ngx_http_gzip_module</c>, <c>ngx_stream_ssl_module</c>.</summary>
    public string Name { get; }
    public NginxModuleKind Kind { get; }
    /// <summary>The configure option that adds (<c>--with-...</c>) or removes (<c>--without-...</c>) it, if any.</summary>
    public string? Configure { get; }
    /// <summary>The shared object <c>load_module</c> loads when the module is built dynamically
    /// (<c>ngx_stream_module.so</c> holds every stream module of the build).</summary>
    public string? DynamicFile { get; }
    /// <summary>For third-party modules: where it comes from (project or package).</summary>
    public string? Project { get; }
    /// <summary>The nginx release that first had the module, when that is newer than <see cref="NginxVersion.OldestModeled"/>.</summary>
    public NginxVersion? Since { get; }

    /// <summary>What to tell a user whose nginx lacks the module.</summary>
    public string Hint => Kind switch
    {
        NginxModuleKind.ThirdParty => $"third-party module {Name} ({Project}); needs a build that includes it or "
            + (DynamicFile is null ? "its load_module line" : $"load_module modules/{DynamicFile};"),
        NginxModuleKind.Optional => $"{Name} is not built by default (configure {Configure})"
            + (DynamicFile is null ? "" : $"; where it is a dynamic module: load_module modules/{DynamicFile};"),
        NginxModuleKind.Default => $"{Name} (left out by configure {Configure})",
        _ => Name,
    };

    public override string ToString() => Name;
}

/// <summary>One directive of one module, like an entry of nginx's <c>ngx_command_t</c> arrays: its name, where it
/// may stand, what arguments it takes, and in which nginx releases it exists. The same name can have several
/// entries (<c>server</c> in http, upstream, stream, mail ...); their contexts never overlap.</summary>
public sealed class NginxDirectiveInfo
{
    internal NginxDirectiveInfo(string name, NginxModule module, NginxContextFlags contexts, NginxArgs args,
        NginxVersion? since, NginxVersion? removed, NginxVersion? deprecated, string? deprecation, NginxContextFlags body)
    {
        Name = name;
        Module = module;
        Contexts = contexts;
        Args = args;
        Since = since ?? module.Since;
        Removed = removed;
        Deprecated = deprecated;
        Deprecation = deprecation;
        Body = body;
    }

    public string Name { get; }
    public NginxModule Module { get; }
    /// <summary>Every context the directive may appear in.</summary>
    public NginxContextFlags Contexts { get; }
    public NginxArgs Args { get; }
    /// <summary>First release that knows the directive (null: older than <see cref="NginxVersion.OldestModeled"/>).</summary>
    public NginxVersion? Since { get; }
    /// <summary>First release that no longer knows it ("unknown directive").</summary>
    public NginxVersion? Removed { get; }
    /// <summary>First release that still accepts it but warns (deprecated or obsolete).</summary>
    public NginxVersion? Deprecated { get; }
    /// <summary>What nginx (or its documentation) says instead, for <see cref="Deprecated"/> directives.</summary>
    public string? Deprecation { get; }
    /// <summary>For block directives: the context of the block's body (for <c>if</c>, the one in a location;
    /// see <see cref="BodyIn"/>).</summary>
    public NginxContextFlags Body { get; }

    public bool OpensBlock => (Args & NginxArgs.Block) != 0;

    public bool ExistsIn(NginxVersion version) =>
        (Since is not { } since || version >= since) && (Removed is not { } removed || version < removed);

    public bool IsDeprecatedIn(NginxVersion version) => Deprecated is { } d && version >= d && ExistsIn(version);

    public bool AllowedIn(NginxContextFlags context) => (Contexts & context) != 0;

    /// <summary>The context of the block body when the directive stands in <paramref name="parent"/>
    /// (<c>if</c> in a server gives <see cref="NginxContextFlags.IfInServer"/>, in a location <see cref="NginxContextFlags.IfInLocation"/>).</summary>
    public NginxContextFlags BodyIn(NginxContextFlags parent) =>
        Body == NginxContextFlags.IfInLocation && parent == NginxContextFlags.Server ? NginxContextFlags.IfInServer : Body;

    /// <summary>nginx's argument check (ngx_conf_handler), <paramref name="count"/> not counting the name.</summary>
    public bool AcceptsArgumentCount(int count)
    {
        if ((Args & NginxArgs.Any) != 0) return true;
        if ((Args & NginxArgs.Flag) != 0) return count == 1;
        if ((Args & NginxArgs.OneMore) != 0) return count >= 1;
        if ((Args & NginxArgs.TwoMore) != 0) return count >= 2;
        if (count < 0 || count > 7) return false;
        return ((int)Args & (1 << count)) != 0; // NoArgs = bit 0, TakeN = bit N
    }

    /// <summary>The smallest and largest argument counts accepted (null: no upper bound).</summary>
    public (int Min, int? Max) ArgumentRange
    {
        get
        {
            if ((Args & NginxArgs.Any) != 0) return (0, null);
            if ((Args & NginxArgs.Flag) != 0) return (1, 1);
            if ((Args & NginxArgs.OneMore) != 0) return (1, null);
            if ((Args & NginxArgs.TwoMore) != 0) return (2, null);
            var counts = Enumerable.Range(0, 8).Where(AcceptsArgumentCount).ToList();
            return (counts.First(), counts.Last());
        }
    }

    public override string ToString() => $"{Name} ({Module.Name}; {Contexts}; {Args})";
}

/// <summary>Which modules an nginx has and its version: nginx says "unknown directive" only when no module it has
/// knows the name, and "is not allowed here" when one does but not for this context.</summary>
public sealed class NginxBuild
{
    private readonly HashSet<NginxModule> _modules;

    public NginxBuild(NginxVersion version, IEnumerable<NginxModule> modules)
    {
        Version = version;
        _modules = new HashSet<NginxModule>(modules);
    }

    public NginxVersion Version { get; }
    public IReadOnlyCollection<NginxModule> Modules => _modules;

    public bool Has(NginxModule module) => _modules.Contains(module) && (module.Since is not { } s || Version >= s);

    /// <summary>Every nginx.org module (default, optional and dynamic ones loaded), no third-party module: the most
    /// that a stock nginx of <paramref name="version"/> can know.</summary>
    public static NginxBuild Standard(NginxVersion version) =>
        new(version, NginxDirectiveTable.Modules.Where(m => m.Kind != NginxModuleKind.ThirdParty));

    public NginxBuild With(params NginxModule[] modules) => new(Version, _modules.Concat(modules));

    public NginxBuild Without(params NginxModule[] modules) => new(Version, _modules.Except(modules));
}

public enum NginxDirectiveProblemKind
{
    /// <summary><c>unknown directive "x"</c>: no module of the build knows the name (in this version).</summary>
    UnknownDirective,
    /// <summary><c>"x" directive is not allowed here</c>.</summary>
    NotAllowedHere,
    /// <summary><c>directive "x" is not terminated by ";"</c>: a non-block directive followed by <c>{</c>.</summary>
    NotTerminated,
    /// <summary><c>directive "x" has no opening "{"</c>: a block directive ended by <c>;</c>.</summary>
    NoOpeningBrace,
    /// <summary><c>invalid number of arguments in "x" directive</c>.</summary>
    InvalidArgumentCount,
}

/// <summary>Why <c>nginx -t</c> would refuse a directive: <see cref="Message"/> is nginx's own wording (what follows
/// "[emerg]"); <see cref="Note"/> explains it where nginx does not (the release that added or removed it, the module
/// that provides it).</summary>
public sealed class NginxDirectiveProblem
{
    internal NginxDirectiveProblem(NginxDirectiveProblemKind kind, string name, string? note, NginxModule? missingModule,
        IReadOnlyList<NginxDirectiveInfo> candidates)
    {
        Kind = kind;
        Name = name;
        Note = note;
        MissingModule = missingModule;
        Candidates = candidates;
    }

    public NginxDirectiveProblemKind Kind { get; }
    public string Name { get; }
    public string Message => MessageFor(Kind, Name);
    public string? Note { get; }
    /// <summary>For an unknown directive that a module outside the build provides: that module.</summary>
    public NginxModule? MissingModule { get; }
    /// <summary>The table's entries for the name (of any version or module), for explanations.</summary>
    public IReadOnlyList<NginxDirectiveInfo> Candidates { get; }

    public static string MessageFor(NginxDirectiveProblemKind kind, string name) => kind switch
    {
        NginxDirectiveProblemKind.UnknownDirective => $"unknown directive \"{name}\"",
        NginxDirectiveProblemKind.NotAllowedHere => $"\"{name}\" directive is not allowed here",
        NginxDirectiveProblemKind.NotTerminated => $"directive \"{name}\" is not terminated by \";\"",
        NginxDirectiveProblemKind.NoOpeningBrace => $"directive \"{name}\" has no opening \"{{\"",
        NginxDirectiveProblemKind.InvalidArgumentCount => $"invalid number of arguments in \"{name}\" directive",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public override string ToString() => Note is null ? Message : $"{Message} ({Note})";
}
