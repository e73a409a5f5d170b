using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Text;

namespace Stacklint.Formats.Nginx;

/// <summary>
/// One configuration level of nginx's http module — <c>http</c>, a <c>server</c>, a <c>location</c> (nested ones
/// too), an <c>if</c> or a <c>limit_except</c> — with the directives written at it (includes spliced in). nginx merges
/// each level's settings with its parent's: a directive set at a level wins over the parent's; an unset one is
/// inherited. Array-like directives (<c>add_header</c>, <c>proxy_set_header</c>, <c>limit_req</c>, <c>allow</c>/<c>deny</c>…)
/// are inherited only by a level that defines none of its own — see <see cref="Array"/>.
/// </summary>
public sealed class NginxLevel
{
    private readonly List<NginxLevel> _children = new();

    private NginxLevel(NginxConfig config, NginxNode? block, NginxLevel? parent, NginxContext context, IReadOnlyList<NginxNode> directives)
    {
        Config = config;
        Block = block;
        Parent = parent;
        Context = context;
        Directives = directives;
    }

    public NginxConfig Config { get; }
    /// <summary>The block directive that opens the level; null for a level the scan does not have, such as the http
    /// block around a <c>conf.d/site.conf</c> that nothing includes.</summary>
    public NginxNode? Block { get; }
    public NginxLevel? Parent { get; }
    /// <summary>The opening directive's arguments (<c>location ~ \.php$</c> → <c>~</c>, <c>\.php$</c>); none for a virtual level.</summary>
    public IReadOnlyList<NginxArgument> Arguments => Block?.Arguments ?? System.Array.Empty<NginxArgument>();
    /// <summary>Http, Server, Location, ServerIf, LocationIf or LimitExcept.</summary>
    public NginxContext Context { get; }
    /// <summary>The directives written at this level, in order (not those of nested levels).</summary>
    public IReadOnlyList<NginxNode> Directives { get; }
    public IReadOnlyList<NginxLevel> Children => _children;

    public bool IsServer => Context == NginxContext.Server;
    public bool IsLocation => Context == NginxContext.Location;
    public bool IsIf => Context is NginxContext.ServerIf or NginxContext.LocationIf;
    /// <summary>A level whose block the scan does not have (the http block around a fragment).</summary>
    public bool IsVirtual => Block is null;

    /// <summary>The server this level belongs to (itself for a server), or null for http.</summary>
    public NginxLevel? Server => Context == NginxContext.Http ? null : IsServer ? this : Parent?.Server;

    /// <summary>This level and its parents, innermost first.</summary>
    public IEnumerable<NginxLevel> Chain()
    {
        for (var level = this; level is not null; level = level.Parent) yield return level;
    }

    /// <summary>Every level below this one, depth first in reading order.</summary>
    public IEnumerable<NginxLevel> Descendants()
    {
        foreach (var child in _children)
        {
            yield return child;
            foreach (var inner in child.Descendants()) yield return inner;
        }
    }

    /// <summary>The directives called <paramref name="name"/> written at this level.</summary>
    public IEnumerable<NginxNode> Own(string name) => Directives.Where(d => d.Is(name));

    /// <summary>The effective value of an ordinary directive: the one written at the nearest level, this one first
    /// (nginx rejects most directives written twice at one level; the first is the one it keeps).</summary>
    public NginxNode? Find(string name) => Chain().Select(l => l.Own(name).FirstOrDefault()).FirstOrDefault(d => d is not null);

    /// <summary>
    /// The effective entries of an array-like directive (several names may share one array: <c>allow</c> and
    /// <c>deny</c>): this level's own entries if it has any, otherwise the nearest parent's — never both. That is
    /// how nginx's merge works for <c>add_header</c>, <c>add_trailer</c>, <c>proxy_set_header</c>, <c>*_hide_header</c>,
    /// <c>fastcgi_param</c>, <c>error_page</c>, <c>limit_req</c>, <c>limit_conn</c> and access rules.
    /// </summary>
    public ArraySetting Array(params string[] names)
    {
        foreach (var level in Chain())
        {
            var own = level.Directives.Where(d => names.Any(d.Is)).ToList();
            if (own.Count > 0) return new ArraySetting(level, own);
        }
        return new ArraySetting(null, System.Array.Empty<NginxNode>());
    }

    /// <summary>"the server at conf.d/site.conf:3", "location /api/ (nginx.conf:40)" — for messages.</summary>
    public string Describe()
    {
        if (Block is null) return Context switch
        {
            NginxContext.Http => "the http block",
            NginxContext.Server => $"the server in {Config.Main.File.RelativePath}",
            _ => $"the top of {Config.Main.File.RelativePath}",
        };
        var head = string.Join(" ", new[] { Block.Name }.Concat(Block.Arguments.Select(a => a.Raw)));
        return $"`{head}` ({Block.Origin})";
    }

    public override string ToString() => Describe();

    /// <summary>The http levels of a configuration: the http block of nginx.conf, or for a fragment the levels its
    /// content implies around it (a file of server blocks sits in an http block the scan does not have).</summary>
    public static IReadOnlyList<NginxLevel> Build(NginxConfig config)
    {
        var roots = new List<NginxLevel>();
        switch (config.RootContext)
        {
            case NginxContext.Main:
                foreach (var http in config.Directives.Where(d => d.Is("http") && d.Block is not null))
                    roots.Add(Grow(new NginxLevel(config, http, null, NginxContext.Http, http.Block!)));
                break;
            case NginxContext.Http:
                roots.Add(Grow(new NginxLevel(config, null, null, NginxContext.Http, config.Directives)));
                break;
            case NginxContext.Server:
            {
                var http = new NginxLevel(config, null, null, NginxContext.Http, System.Array.Empty<NginxNode>());
                http._children.Add(Grow(new NginxLevel(config, null, http, NginxContext.Server, config.Directives)));
                roots.Add(http);
                break;
            }
            case NginxContext.Location:
            {
                var http = new NginxLevel(config, null, null, NginxContext.Http, System.Array.Empty<NginxNode>());
                var server = new NginxLevel(config, null, http, NginxContext.Server, System.Array.Empty<NginxNode>());
                http._children.Add(server);
                server._children.Add(Grow(new NginxLevel(config, null, server, NginxContext.Location, config.Directives)));
                roots.Add(http);
                break;
            }
        }
        return roots;
    }

    private static NginxLevel Grow(NginxLevel level)
    {
        foreach (var node in level.Directives)
        {
            if (node.Block is null) continue;
            var inner = node.InnerContext;
            if (inner is NginxContext.Server or NginxContext.Location or NginxContext.ServerIf or NginxContext.LocationIf or NginxContext.LimitExcept
                && (level.Context != NginxContext.Http || inner == NginxContext.Server))
                level._children.Add(Grow(new NginxLevel(level.Config, node, level, inner, node.Block)));
        }
        return level;
    }
}

/// <summary>The effective entries of an array-like directive and the level they come from (null: none anywhere).</summary>
public sealed class ArraySetting
{
    public ArraySetting(NginxLevel? from, IReadOnlyList<NginxNode> entries)
    {
        From = from;
        Entries = entries;
    }

    public NginxLevel? From { get; }
    public IReadOnlyList<NginxNode> Entries { get; }
    public bool IsEmpty => Entries.Count == 0;
}
