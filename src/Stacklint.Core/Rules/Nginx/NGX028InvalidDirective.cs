using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

/// <summary>What <c>nginx -t</c> refuses about a directive line: a name no module of the target nginx knows, a
/// directive in a context it does not belong to, a wrong number of arguments, a block where a <c>;</c> belongs or the
/// other way round. Judged with the directive table for the target version and the modules the configuration loads.</summary>
sealed class NGX028InvalidDirective : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        var build = Build(cx);
        // Debian loads dynamic modules through modules-enabled/*.conf, which a repository rarely holds: then which
        // third-party modules are loaded is unknown, and their directives are given the benefit of the doubt.
        // A fragment nothing includes may be meant for a server that loads such modules, too.
        var modulesUnknown = cx.Config.IsFragment || cx.Config.Includes.Any(i => (i.Directive.Arg(0) ?? "").Contains("modules-enabled") && i.Documents.Count == 0);
        var seen = new HashSet<(NginxNode? Block, string Name)>();
        // include lines are replaced by what they bring in; they are judged where they stand.
        foreach (var node in cx.Config.AllNodes().Concat(cx.Config.Includes.Select(i => i.Directive)).OrderBy(n => n.File.RelativePath, StringComparer.Ordinal).ThenBy(n => n.Span.Start))
        {
            if (node.Context == NginxContext.Entries)
            {
                if (EntryProblem(node) is { } entryProblem) Refuse(cx, node, entryProblem, "An entry is `key value;`; blocks cannot nest here.");
                continue;
            }
            var context = Flags(node, cx.Config);
            if (context == NginxContextFlags.None) continue;
            var problem = NginxDirectiveTable.Check(node.Name, node.Arguments.Count, node.HasBlock, context, build);
            if (problem is not null)
            {
                if (modulesUnknown && problem.MissingModule is { Kind: NginxModuleKind.ThirdParty }) continue;
                var note = problem.Note is null ? "" : $" ({problem.Note})";
                Refuse(cx, node, problem.Message + note, Advice(problem));
                continue;
            }
            var entry = NginxDirectiveTable.Find(node.Name, context, build);
            if (entry is null) continue;
            if ((entry.Args & NginxArgs.Flag) != 0 && node.Arg(0) is { } flag && !flag.Equals("on", StringComparison.OrdinalIgnoreCase) && !flag.Equals("off", StringComparison.OrdinalIgnoreCase))
                Refuse(cx, node, $"invalid value \"{flag}\" in \"{node.Name}\" directive, it must be \"on\" or \"off\"", $"Write `{node.Name} on;` or `{node.Name} off;`.");
            else if (ValueProblem(node) is { } valueProblem)
                Refuse(cx, node, valueProblem, "See the directive's syntax in the nginx documentation.");
            else if (node.Name is "add_header" or "add_trailer" && node.Arguments.Count == 3 && node.Arg(2) != "always")
                Refuse(cx, node, $"invalid parameter \"{node.Arg(2)}\"", "The only parameter is `always`, in lower case.");
            else if (node.Name is "fastcgi_param" or "scgi_param" or "uwsgi_param" or "grpc_set_header" && node.Arguments.Count == 3 && node.Arg(2) != "if_not_empty" && node.Name != "grpc_set_header")
                Refuse(cx, node, $"invalid parameter \"{node.Arg(2)}\"", "The only parameter is `if_not_empty`.");
            else if (node.Is("listen") && node.Context == NginxContext.Server && UnknownListenParameter(node, cx.Target) is { } parameter)
                Refuse(cx, node, $"invalid parameter \"{parameter}\"", "See the listen directive's parameters for this nginx version.");
            else if (RejectsDuplicates(entry) && !seen.Add((node.Parent, node.Name)))
                Refuse(cx, node, $"\"{node.Name}\" directive is duplicate", $"Keep one `{node.Name}` in this block.");
        }
    }

    private static readonly System.Text.RegularExpressions.Regex Time = new(@"^(\d+(ms|s|m|h|d|w|M|y)?)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    private static readonly string[] Protocols = { "SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3" };

    /// <summary>Values nginx's handlers refuse, for directives whose value grammar is simple and often got wrong.</summary>
    private static string? ValueProblem(NginxNode node)
    {
        var args = node.Arguments.Select(a => a.Value).ToList();
        if (node.Is("expires") && args.Count == 2 && args[0] != "modified") return "\"expires\" directive invalid value";
        // A value holding a variable is checked at run time, not by nginx -t.
        if (args.Any(a => a.Contains('$'))) return null;
        switch (node.Name)
        {
            case "server_tokens" when args[0] is not ("on" or "off" or "build"):
            case "gzip_static" when args[0] is not ("on" or "off" or "always"):
                return $"invalid value \"{args[0]}\"";
            case "ssl_protocols" or "proxy_ssl_protocols" when args.FirstOrDefault(a => !Protocols.Contains(a)) is { } protocol:
                return $"invalid value \"{protocol}\"";
            case "keepalive_timeout" when args.Any(a => !Time.IsMatch(a)):
                return "\"keepalive_timeout\" directive invalid value";
            case "expires" when args.Count == 2 ? args[0] != "modified" || !IsExpiresTime(args[1]) : !IsExpiresTime(args[0]):
                return "\"expires\" directive invalid value";
            case "error_page" when args.Take(args.Count - 1).FirstOrDefault(a => !IsErrorCode(a)) is { } code:
                return $"invalid value \"{code}\"";
            default:
                return null;
        }
    }

    private static bool IsExpiresTime(string value) =>
        value is "epoch" or "max" or "off" || Time.IsMatch(value.TrimStart('-', '+', '@'));

    private static bool IsErrorCode(string value) =>
        value.StartsWith("=", StringComparison.Ordinal) || (value.Length == 3 && int.TryParse(value, out var code) && code >= 300 && code <= 599);

    /// <summary>An entry of a map, geo or types block that nginx refuses.</summary>
    private static string? EntryProblem(NginxNode entry)
    {
        if (entry.HasBlock) return "unexpected \"{\"";
        var block = entry.Parent?.Name;
        if (block is "map" && !entry.Is("hostnames") && !entry.Is("volatile") && entry.Arguments.Count != 1)
            return "invalid number of the map parameters";
        if (block is "geo" && !entry.Is("ranges") && !entry.Is("delete") && entry.Arguments.Count != 1 && !(entry.Is("proxy_recursive") && entry.Arguments.Count == 0))
            return "invalid number of the geo parameters";
        return null;
    }

    /// <summary>The first parameter of an http <c>listen</c> that nginx does not know (ngx_http_core_parse_listen).</summary>
    private static string? UnknownListenParameter(NginxNode listen, NginxVersion target)
    {
        foreach (var argument in listen.Arguments.Skip(1))
        {
            var value = argument.Value;
            var name = value.Contains('=') ? value.Substring(0, value.IndexOf('=') + 1) : value;
            var known = name is "default_server" or "default" or "ssl" or "proxy_protocol" or "reuseport" or "deferred" or "bind"
                or "backlog=" or "rcvbuf=" or "sndbuf=" or "ipv6only=" or "so_keepalive=" or "setfib=" or "fastopen=" or "accept_filter="
                || (name == "http2" && target < new NginxVersion(1, 33, 0))
                || (name == "quic" && target >= new NginxVersion(1, 25, 0))
                || (name == "spdy" && target < new NginxVersion(1, 9, 5));
            if (!known) return value;
        }
        return null;
    }

    private static void Refuse(NginxRuleContext cx, NginxNode node, string what, string advice) =>
        cx.Report(node, $"nginx {cx.Target} refuses this line: {what}. `nginx -t` fails and nginx will not start or reload. {advice}");

    /// <summary>Directives nginx stores in a single slot, so that a second one in the same block is "is duplicate":
    /// every on/off flag, and these (each confirmed with nginx -t by the tests). Array-like directives (add_header,
    /// proxy_set_header, allow, listen…) and accumulating ones (index, access_log, return) may repeat.</summary>
    internal static readonly HashSet<string> SingleValued = new(StringComparer.Ordinal)
    {
        "root", "alias", "client_max_body_size", "proxy_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass", "grpc_pass",
        "keepalive_timeout", "charset", "default_type", "expires", "try_files", "proxy_http_version", "client_body_timeout",
        "client_header_timeout", "send_timeout", "proxy_read_timeout", "proxy_connect_timeout", "proxy_send_timeout",
        "internal", "auth_basic", "auth_basic_user_file", "ssl_ciphers", "ssl_session_timeout",
        "ssl_dhparam", "worker_processes", "user", "pid", "worker_connections", "limit_rate", "server_tokens",
    };

    private static bool RejectsDuplicates(NginxDirectiveInfo entry) =>
        ((entry.Args & NginxArgs.Flag) != 0 && entry.Args == NginxArgs.Flag) || SingleValued.Contains(entry.Name);

    private static string Advice(NginxDirectiveProblem problem) => problem.Kind switch
    {
        NginxDirectiveProblemKind.UnknownDirective when problem.MissingModule is not null => "Load that module (load_module at the top of nginx.conf) or remove the line.",
        NginxDirectiveProblemKind.UnknownDirective => "Check the spelling, or the nginx version it needs (`targets: { nginx: … }` in .stacklint.yml says which version you run).",
        NginxDirectiveProblemKind.NotAllowedHere => "Move it into a block where it is allowed.",
        NginxDirectiveProblemKind.InvalidArgumentCount => "Fix the arguments (quote a value that contains spaces).",
        NginxDirectiveProblemKind.NotTerminated => "End it with `;` — it does not take a block.",
        NginxDirectiveProblemKind.NoOpeningBrace => "It opens a block: write `{ … }` after its arguments.",
        _ => "",
    };

    /// <summary>Every nginx.org module of the target version, plus what the configuration's load_module lines load.</summary>
    private static NginxBuild Build(NginxRuleContext cx)
    {
        var standard = NginxBuild.Standard(cx.Target);
        var loaded = cx.Config.All("load_module").SelectMany(l => NginxDirectiveTable.ModulesLoadedBy(l.Arg(0) ?? ""));
        return new NginxBuild(cx.Target, standard.Modules.Concat(loaded).Distinct());
    }

    /// <summary>The table's context for where a node stands. A fragment's top level is only inferred, so there a
    /// directive is accepted if it belongs anywhere an include of the fragment could put it.</summary>
    private static NginxContextFlags Flags(NginxNode node, NginxConfig config)
    {
        if (node.Parent is null && config.IsFragment)
            return config.RootContext switch
            {
                NginxContext.Http or NginxContext.Server or NginxContext.Location =>
                    NginxContextFlags.Http | NginxContextFlags.Server | NginxContextFlags.Location | NginxContextFlags.IfInLocation | NginxContextFlags.IfInServer,
                var other => Map(other),
            };
        return Map(node.Context);
    }

    private static NginxContextFlags Map(NginxContext context) => context switch
    {
        NginxContext.Main => NginxContextFlags.Main,
        NginxContext.Events => NginxContextFlags.Events,
        NginxContext.Http => NginxContextFlags.Http,
        NginxContext.Server => NginxContextFlags.Server,
        NginxContext.Location => NginxContextFlags.Location,
        NginxContext.ServerIf => NginxContextFlags.IfInServer,
        NginxContext.LocationIf => NginxContextFlags.IfInLocation,
        NginxContext.LimitExcept => NginxContextFlags.LimitExcept,
        NginxContext.Upstream => NginxContextFlags.Upstream,
        NginxContext.Stream => NginxContextFlags.Stream,
        NginxContext.StreamServer => NginxContextFlags.StreamServer,
        NginxContext.StreamUpstream => NginxContextFlags.StreamUpstream,
        NginxContext.Mail => NginxContextFlags.Mail,
        NginxContext.MailServer => NginxContextFlags.MailServer,
        // Entries of map/geo/types are not directives; inside an unknown block nginx has already failed at the block.
        _ => NginxContextFlags.None,
    };
}
