using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.Nginx;

/// <summary>Content sniffing for files whose name and place do not say whether they are nginx configuration
/// (<c>conf.d/*.conf</c> belongs to many daemons, <c>sites-available/</c> to Apache too, <c>mime.types</c> to both).</summary>
public static class NginxContent
{
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "server", "location", "listen", "server_name", "root", "alias", "index", "include", "return", "rewrite", "try_files",
        "error_page", "upstream", "map", "geo", "types", "default_type", "charset", "charset_types", "sendfile", "tcp_nopush",
        "tcp_nodelay", "expires", "etag", "allow", "deny", "resolver", "resolver_timeout", "http", "events", "stream", "if", "set",
        "satisfy", "internal", "autoindex", "break", "split_clients", "valid_referers", "stub_status", "default_server",
    };

    private static readonly string[] Prefixes =
    {
        "ssl_", "proxy_", "fastcgi_", "uwsgi_", "scgi_", "grpc_", "memcached_", "gzip", "brotli", "zstd_", "open_file_cache",
        "limit_", "auth_", "client_", "keepalive", "http2", "server_tokens", "server_names_", "access_log", "error_log",
        "log_format", "real_ip", "set_real_ip", "sub_filter", "add_header", "add_trailer", "more_set_", "more_clear_", "lua_",
        "js_", "worker_", "types_hash", "large_client_header", "send_timeout", "reset_timedout", "merge_slashes", "port_in_redirect",
        "absolute_redirect", "aio", "directio", "output_buffers", "postpone_output", "limit_rate", "underscores_in_headers",
        "ignore_invalid_headers", "variables_hash", "map_hash", "default_type",
    };

    /// <summary>Whether <paramref name="name"/> is a directive nginx (with its common modules) knows.</summary>
    public static bool IsCommonDirective(string name) =>
        Common.Contains(name) || Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// Whether <paramref name="text"/> reads as nginx configuration: it parses, and at least one directive (at any
    /// depth) is a well-known nginx directive. A file that does not parse still counts when at least two directives
    /// and half of them are well known, so that a broken nginx file is reported (LNT001) rather than ignored, while
    /// Apache, lighttpd, INI and <c>key value</c> files (which the nginx tokenizer reads as one long unterminated
    /// directive) do not.
    /// </summary>
    public static bool LooksLikeNginx(string text)
    {
        var document = NginxParser.Read(new SourceFile("sniffed", "sniffed", SourceText.From(text)));
        var names = Names(document.Directives).ToList();
        var known = names.Count(IsCommonDirective);
        if (document.Errors.Count == 0) return known >= 1;
        return known >= 2 && known * 2 >= names.Count;
    }

    /// <summary>Directive names at any depth, leaving out the entries of map, types and the like.</summary>
    private static IEnumerable<string> Names(IEnumerable<NginxDirective> directives)
    {
        foreach (var directive in directives)
        {
            yield return directive.Name;
            if (directive.Block is { } block && NginxContexts.Inside(NginxContext.Http, directive.Name) != NginxContext.Entries)
                foreach (var inner in Names(block))
                    yield return inner;
        }
    }
}
