using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Formats.Nginx;

/// <summary>Where a directive sits, as nginx's configuration contexts (the <c>NGX_*_CONF</c> masks) tell them apart.</summary>
public enum NginxContext
{
    /// <summary>The top of nginx.conf (NGX_MAIN_CONF).</summary>
    Main,
    Events,
    /// <summary>Inside <c>http { }</c> (NGX_HTTP_MAIN_CONF).</summary>
    Http,
    /// <summary>Inside an http <c>server { }</c> (NGX_HTTP_SRV_CONF).</summary>
    Server,
    /// <summary>Inside an http <c>location { }</c>, nested or not (NGX_HTTP_LOC_CONF).</summary>
    Location,
    /// <summary>Inside <c>if { }</c> in a server (NGX_HTTP_SIF_CONF).</summary>
    ServerIf,
    /// <summary>Inside <c>if { }</c> in a location (NGX_HTTP_LIF_CONF).</summary>
    LocationIf,
    /// <summary>Inside <c>limit_except { }</c> (NGX_HTTP_LMT_CONF).</summary>
    LimitExcept,
    /// <summary>Inside an http <c>upstream { }</c> (NGX_HTTP_UPS_CONF).</summary>
    Upstream,
    Stream,
    StreamServer,
    StreamUpstream,
    Mail,
    MailServer,
    /// <summary>Inside a block whose children are entries, not directives: <c>map</c>, <c>geo</c>, <c>types</c>,
    /// <c>split_clients</c>, <c>match</c>, <c>charset_map</c> (nginx reads them with a custom handler).</summary>
    Entries,
    /// <summary>Inside a block nginx does not know (or that sits where it does not belong).</summary>
    Unknown,
}

/// <summary>Which context a block opens, and which context a file that is not nginx.conf is written for.</summary>
public static class NginxContexts
{
    private static readonly HashSet<string> EntryBlocks = new(StringComparer.Ordinal)
        { "map", "geo", "types", "split_clients", "match", "charset_map" };

    /// <summary>The context of the directives inside <c>name { }</c> written in <paramref name="context"/>.</summary>
    public static NginxContext Inside(NginxContext context, string name)
    {
        if (EntryBlocks.Contains(name) && context != NginxContext.Entries && context != NginxContext.Unknown) return NginxContext.Entries;
        return (context, name) switch
        {
            (NginxContext.Main, "events") => NginxContext.Events,
            (NginxContext.Main, "http") => NginxContext.Http,
            (NginxContext.Main, "stream") => NginxContext.Stream,
            (NginxContext.Main, "mail") => NginxContext.Mail,
            (NginxContext.Http, "server") => NginxContext.Server,
            (NginxContext.Http, "upstream") => NginxContext.Upstream,
            (NginxContext.Server, "location") => NginxContext.Location,
            (NginxContext.Server, "if") => NginxContext.ServerIf,
            (NginxContext.Location, "location") => NginxContext.Location,
            (NginxContext.Location, "if") => NginxContext.LocationIf,
            (NginxContext.Location, "limit_except") => NginxContext.LimitExcept,
            (NginxContext.Stream, "server") => NginxContext.StreamServer,
            (NginxContext.Stream, "upstream") => NginxContext.StreamUpstream,
            (NginxContext.Mail, "server") => NginxContext.MailServer,
            _ => NginxContext.Unknown,
        };
    }

    /// <summary>Whether <paramref name="context"/> is part of the http module (where the header rules apply).</summary>
    public static bool IsHttp(this NginxContext context) => context is NginxContext.Http or NginxContext.Server
        or NginxContext.Location or NginxContext.ServerIf or NginxContext.LocationIf or NginxContext.LimitExcept or NginxContext.Upstream;

    // A few directives pin the context a snippet is written for. The full directive table (NGX028) knows every
    // directive; this is only enough to place a file nothing includes. Directives not listed are taken to be valid
    // in http, server and location, where most http directives are.
    private static readonly NginxContext[] HttpFamily = { NginxContext.Http, NginxContext.Server, NginxContext.Location };
    private static readonly NginxContext[] Candidates = { NginxContext.Server, NginxContext.Location, NginxContext.Http, NginxContext.Main };

    private static readonly Dictionary<string, NginxContext[]> Pinned = Build(
        (new[] { NginxContext.Main }, new[]
        {
            "user", "worker_processes", "worker_rlimit_nofile", "worker_rlimit_core", "worker_cpu_affinity", "worker_priority",
            "worker_shutdown_timeout", "pid", "load_module", "daemon", "master_process", "env", "events", "http", "stream", "mail",
            "lock_file", "pcre_jit", "thread_pool", "timer_resolution", "working_directory", "ssl_engine", "debug_points",
        }),
        (new[] { NginxContext.Http }, new[]
        {
            "server", "upstream", "map", "geo", "split_clients", "log_format", "limit_req_zone", "limit_conn_zone",
            "proxy_cache_path", "fastcgi_cache_path", "uwsgi_cache_path", "scgi_cache_path", "variables_hash_max_size",
            "variables_hash_bucket_size", "server_names_hash_max_size", "server_names_hash_bucket_size", "map_hash_max_size",
            "map_hash_bucket_size", "charset_map", "geoip_country", "geoip_city", "geoip_org", "perl_modules", "perl_require",
        }),
        (new[] { NginxContext.Server }, new[] { "listen", "server_name" }),
        (new[] { NginxContext.Server, NginxContext.Location }, new[] { "location", "if", "set", "rewrite", "return", "break", "try_files", "stub_status" }),
        (new[] { NginxContext.Location }, new[]
        {
            "alias", "limit_except", "internal", "proxy_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass", "grpc_pass",
            "memcached_pass", "fastcgi_split_path_info", "mp4", "flv", "empty_gif", "random_index", "perl",
        }),
        (new[] { NginxContext.Main, NginxContext.Http, NginxContext.Server, NginxContext.Location }, new[] { "include", "error_log" }));

    /// <summary>
    /// The context a file nothing includes is written for, judged by its top-level directives: the candidate
    /// (server, location, http, main — preferred in that order on a tie) in which most of them are allowed. A
    /// top-level <c>server</c> means http; <c>location</c> or <c>add_header</c> alone mean server; <c>fastcgi_pass</c>
    /// or <c>fastcgi_split_path_info</c> mean location; <c>user</c>, <c>events</c> or <c>http</c> mean main. A file
    /// under a directory whose name mentions "stream" with top-level <c>server</c>/<c>upstream</c> is stream.
    /// </summary>
    public static NginxContext Infer(IReadOnlyList<NginxDirective> topLevel, string relativePath)
    {
        if (topLevel.Count == 0) return NginxContext.Http;
        var directories = relativePath.Replace('\\', '/').Split('/');
        if (directories.Take(directories.Length - 1).Any(d => d.IndexOf("stream", StringComparison.OrdinalIgnoreCase) >= 0)
            && topLevel.Any(d => d.Is("server") || d.Is("upstream")) && !topLevel.Any(d => d.Is("stream") || d.Is("http")))
            return NginxContext.Stream;
        var best = NginxContext.Server;
        var bestScore = -1;
        foreach (var candidate in Candidates)
        {
            var score = topLevel.Count(d => (Pinned.TryGetValue(d.Name, out var allowed) ? allowed : HttpFamily).Contains(candidate));
            if (score > bestScore) { best = candidate; bestScore = score; }
        }
        return best;
    }

    private static Dictionary<string, NginxContext[]> Build(params (NginxContext[] Contexts, string[] Names)[] groups)
    {
        var table = new Dictionary<string, NginxContext[]>(StringComparer.Ordinal);
        foreach (var (contexts, names) in groups)
            foreach (var name in names) table[name] = contexts;
        return table;
    }
}
