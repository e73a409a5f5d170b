using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.Nginx;

/// <summary>
/// A directive in its place in a resolved configuration: <c>include</c>s are replaced by the directives of the files
/// they name, so a file included from three places gives three sets of nodes (one per place, each with its own
/// <see cref="Parent"/>, <see cref="Context"/> and <see cref="IncludedBy"/>) over the same <see cref="Directive"/>s.
/// </summary>
public sealed class NginxNode
{
    private List<NginxNode>? _block;

    internal NginxNode(NginxDirective directive, NginxNode? parent, NginxNode? includedBy, NginxContext context)
    {
        Directive = directive;
        Parent = parent;
        IncludedBy = includedBy;
        Context = context;
    }

    /// <summary>The directive as written in its file.</summary>
    public NginxDirective Directive { get; }
    /// <summary>The block directive this one sits in (after splicing), or null at the top of the configuration.</summary>
    public NginxNode? Parent { get; }
    /// <summary>The <c>include</c> (a node in its own place) that brought in the file this directive is written in;
    /// null for a directive of the entry file. Follow it up for the whole chain of includes.</summary>
    public NginxNode? IncludedBy { get; }
    /// <summary>The context this directive sits in (<see cref="NginxContext.Main"/> at the top of nginx.conf).</summary>
    public NginxContext Context { get; }
    /// <summary>The directives inside the block, includes spliced in; null for a directive ended by <c>;</c>.</summary>
    public IReadOnlyList<NginxNode>? Block => _block;
    public bool HasBlock => _block is not null;
    /// <summary>The context of the directives inside this block.</summary>
    public NginxContext InnerContext => NginxContexts.Inside(Context, Name);

    public string Name => Directive.Name;
    public IReadOnlyList<NginxArgument> Arguments => Directive.Arguments;
    public SourceFile File => Directive.File;
    public TextSpan Span => Directive.Span;
    /// <summary>The directive's head (name and arguments) in its file.</summary>
    public Location Location => Directive.Location;
    public bool Is(string name) => Directive.Is(name);
    public string? Arg(int index) => Directive.Arg(index);

    /// <summary>"path:line", and for a directive that came through includes, where it was included from:
    /// "h5bp/tls/policy.conf:3 (included from conf.d/site.conf:12, from nginx.conf:80)".</summary>
    public string Origin
    {
        get
        {
            var chain = new List<string>();
            for (var include = IncludedBy; include is not null; include = include.IncludedBy) chain.Add(include.Directive.Where);
            return chain.Count == 0 ? Directive.Where : $"{Directive.Where} (included from {string.Join(", from ", chain)})";
        }
    }

    /// <summary>The enclosing block directives, innermost first.</summary>
    public IEnumerable<NginxNode> Ancestors()
    {
        for (var node = Parent; node is not null; node = node.Parent) yield return node;
    }

    /// <summary>The nearest enclosing block directive with this name (<c>"server"</c>, <c>"location"</c>), or null.</summary>
    public NginxNode? Enclosing(string name) => Ancestors().FirstOrDefault(a => a.Is(name));

    /// <summary>The directives of the block named <paramref name="name"/>, in order (none for a <c>;</c> directive).</summary>
    public IEnumerable<NginxNode> Children(string name) => (Block ?? Array.Empty<NginxNode>()).Where(c => c.Is(name));

    /// <summary>Every directive inside this block, depth first in reading order.</summary>
    public IEnumerable<NginxNode> Descendants() => NginxConfig.Flatten(Block ?? Array.Empty<NginxNode>());

    internal void SetBlock(List<NginxNode> block) => _block = block;

    public override string ToString() => $"{Origin}: {Name}{string.Concat(Arguments.Select(a => " " + a.Raw))}{(HasBlock ? " { ... }" : ";")}";
}

/// <summary>One <c>include</c> directive in its place and the files it brought in, in nginx's order (for a glob:
/// sorted; none when the glob matched nothing or the file is missing).</summary>
public sealed class NginxInclude
{
    internal NginxInclude(NginxNode directive, IReadOnlyList<NginxDocument> documents)
    {
        Directive = directive;
        Documents = documents;
    }

    public NginxNode Directive { get; }
    public IReadOnlyList<NginxDocument> Documents { get; }
}

/// <summary>
/// One nginx configuration as nginx would load it from one entry file: nginx.conf (a main file) with its includes
/// followed, or a file nothing includes (a fragment: <c>conf.d/site.conf</c>, <c>snippets/ssl.conf</c>) analysed in
/// the context its content implies.
/// </summary>
public sealed class NginxConfig
{
    internal NginxConfig(NginxDocument main, IReadOnlyList<NginxNode> directives, NginxContext rootContext,
        string prefixDirectory, IReadOnlyList<NginxInclude> includes)
    {
        Main = main;
        Directives = directives;
        RootContext = rootContext;
        PrefixDirectory = prefixDirectory;
        Includes = includes;
    }

    /// <summary>The entry file.</summary>
    public NginxDocument Main { get; }
    /// <summary>The top-level directives with every include spliced in place (the include directives themselves are
    /// not in the tree; <see cref="Includes"/> and <see cref="NginxNode.IncludedBy"/> keep them).</summary>
    public IReadOnlyList<NginxNode> Directives { get; }
    /// <summary>The context the entry file's top level is in: <see cref="NginxContext.Main"/> for nginx.conf; for a
    /// fragment what its content implies (a top-level <c>server</c> ⇒ <see cref="NginxContext.Http"/>, a top-level
    /// <c>location</c> or <c>add_header</c> ⇒ <see cref="NginxContext.Server"/>).</summary>
    public NginxContext RootContext { get; }
    /// <summary>The entry file is not a whole nginx.conf: what it sets is judged, what it leaves unset may be set by
    /// the file that includes it on the host, which the scan does not have.</summary>
    public bool IsFragment => RootContext != NginxContext.Main;
    /// <summary>The scan-root-relative directory standing for nginx's conf prefix (<c>/etc/nginx</c>): relative
    /// include paths resolve against it ("" for the scan root).</summary>
    public string PrefixDirectory { get; }
    /// <summary>Every include that was followed, in reading order, with what it brought in.</summary>
    public IReadOnlyList<NginxInclude> Includes { get; }

    /// <summary>Every file this configuration reads: the entry file, then the included ones (each once).</summary>
    public IEnumerable<SourceFile> Files =>
        new[] { Main.File }.Concat(Includes.SelectMany(i => i.Documents).Select(d => d.File)).Distinct();

    /// <summary>Every directive, depth first in the order nginx reads them.</summary>
    public IEnumerable<NginxNode> AllNodes() => Flatten(Directives);

    /// <summary>Every directive called <paramref name="name"/>, anywhere.</summary>
    public IEnumerable<NginxNode> All(string name) => AllNodes().Where(n => n.Is(name));

    internal static IEnumerable<NginxNode> Flatten(IEnumerable<NginxNode> nodes)
    {
        foreach (var node in nodes)
        {
            yield return node;
            if (node.Block is { } block)
                foreach (var inner in Flatten(block))
                    yield return inner;
        }
    }
}
