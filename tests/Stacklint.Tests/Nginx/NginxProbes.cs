using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Stacklint.Formats.Nginx;

namespace Stacklint.Tests.Nginx;

/// <summary>One directive line to try in one context: its arguments (already written as nginx text), whether it
/// opens a block (with what body), and lines that must stand next to it for nginx to accept it
/// (<c>ssl_certificate</c> needs its key) or at the top of the http block (<c>perl</c> needs <c>perl_require</c>).</summary>
public sealed record NginxProbe(string Name, NginxContextFlags Context, IReadOnlyList<string> Args, bool Block, string Body = "",
    IReadOnlyList<string>? Companions = null, IReadOnlyList<string>? HttpPreamble = null)
{
    /// <summary>The line as nginx reads it; <c>{prefix}</c> in a value stands for the oracle's prefix directory
    /// (for the few paths nginx does not resolve against it).</summary>
    public string Line => (Name + (Args.Count > 0 ? " " + string.Join(" ", Args) : "") + (Block ? " { " + Body + " }" : ";"))
        .Replace("{prefix}", NginxOracle.Prefix);

    public override string ToString() => $"{Line} in {Context}";
}

/// <summary>Builds configs that place probes in a context, and plausible argument values per directive.</summary>
public static class NginxProbes
{
    /// <summary>The contexts a directive can be tried in (free-form bodies are not directive contexts).</summary>
    public static readonly NginxContextFlags[] Contexts =
    {
        NginxContextFlags.Main, NginxContextFlags.Events, NginxContextFlags.Http, NginxContextFlags.Server, NginxContextFlags.Location,
        NginxContextFlags.IfInServer, NginxContextFlags.IfInLocation, NginxContextFlags.LimitExcept, NginxContextFlags.Upstream,
        NginxContextFlags.Stream, NginxContextFlags.StreamServer, NginxContextFlags.StreamUpstream, NginxContextFlags.Mail, NginxContextFlags.MailServer,
    };

    // Shared zones and caches the probes' values name; declared in every http/stream block a config has.
    private static readonly string[] HttpPreamble =
    {
        "limit_conn_zone $binary_remote_addr zone=conn1:1m;",
        "limit_req_zone $binary_remote_addr zone=req1:1m rate=1r/s;",
        "proxy_cache_path cache/proxy keys_zone=pc1:1m;",
        "fastcgi_cache_path cache/fastcgi keys_zone=fc1:1m;",
        "uwsgi_cache_path cache/uwsgi keys_zone=uc1:1m;",
        "scgi_cache_path cache/scgi keys_zone=sc1:1m;",
    };

    private static readonly string[] StreamPreamble = { "limit_conn_zone $binary_remote_addr zone=sconn1:1m;" };

    /// <summary>A whole nginx.conf with <paramref name="probes"/> (all in one context, each in its own block where the
    /// context allows) and the line number of each probe.</summary>
    public static (string Config, Dictionary<int, NginxProbe> Lines) Build(IReadOnlyList<NginxProbe> probes, IEnumerable<string>? loadModules = null)
    {
        var lines = new List<string>();
        var at = new Dictionary<int, NginxProbe>();
        var context = probes[0].Context;
        var loaded = (loadModules ?? ModulesFor(probes)).ToList();
        // load_module must come first; a probe that loads a module takes its place.
        foreach (var probe in probes.Where(p => p.Name == "load_module" && p.Args.Count > 0))
            loaded.RemoveAll(m => probe.Args[0].EndsWith("/" + m, StringComparison.Ordinal));
        foreach (var module in loaded) lines.Add($"load_module {NginxOracle.ModulesDirectory}/{module};");

        void Add(NginxProbe probe)
        {
            at[lines.Count + 1] = probe;
            lines.Add(probe.Line);
            if (probe.Companions is not null) lines.AddRange(probe.Companions);
        }

        var n = 0;
        switch (context)
        {
            case NginxContextFlags.Main:
                foreach (var p in probes) Add(p);
                if (!probes.Any(p => p.Name == "events")) lines.Add("events { }");
                break;
            case NginxContextFlags.Events:
                lines.Add("events {");
                foreach (var p in probes) Add(p);
                lines.Add("}");
                break;
            case NginxContextFlags.Stream or NginxContextFlags.StreamServer or NginxContextFlags.StreamUpstream:
                lines.Add("events { }");
                lines.Add("stream {");
                if (!probes.Any(p => p.Name == "limit_conn_zone")) lines.AddRange(StreamPreamble);
                foreach (var p in probes)
                {
                    n++;
                    switch (context)
                    {
                        case NginxContextFlags.Stream: Add(p); break;
                        case NginxContextFlags.StreamServer:
                            lines.Add("server {");
                            if (p.Name != "listen") lines.Add($"listen 127.0.0.1:{20000 + n};");
                            // nginx 1.22 wants a handler in every stream server.
                            if (p.Name is not ("return" or "proxy_pass" or "pass")) lines.Add("return ok;");
                            Add(p);
                            lines.Add("}");
                            break;
                        default:
                            lines.Add($"upstream su{n} {{");
                            if (p.Name != "server") lines.Add("server 127.0.0.1:8080;");
                            Add(p);
                            lines.Add("}");
                            break;
                    }
                }
                lines.Add("}");
                break;
            case NginxContextFlags.Mail or NginxContextFlags.MailServer:
                lines.Add("events { }");
                lines.Add("mail {");
                foreach (var p in probes)
                {
                    n++;
                    if (context == NginxContextFlags.Mail) { Add(p); continue; }
                    lines.Add("server {");
                    if (p.Name != "listen") lines.Add($"listen 127.0.0.1:{30000 + n};");
                    if (p.Name != "protocol") lines.Add("protocol smtp;");
                    if (p.Name != "auth_http") lines.Add("auth_http 127.0.0.1:9;");
                    Add(p);
                    lines.Add("}");
                }
                lines.Add("}");
                break;
            default:
                lines.Add("events { }");
                lines.Add("http {");
                foreach (var z in HttpPreamble)
                    if (!probes.Any(p => z.StartsWith(p.Name + " ", StringComparison.Ordinal))) lines.Add(z);
                lines.AddRange(probes.SelectMany(p => p.HttpPreamble ?? Array.Empty<string>()).Distinct());
                if (context == NginxContextFlags.Http) { foreach (var p in probes) Add(p); lines.Add("}"); break; }
                if (context == NginxContextFlags.Upstream)
                {
                    foreach (var p in probes)
                    {
                        lines.Add($"upstream u{++n} {{");
                        if (p.Name != "server") lines.Add("server 127.0.0.1:8080;");
                        Add(p);
                        lines.Add("}");
                    }
                    lines.Add("}");
                    break;
                }
                if (context != NginxContextFlags.Server) lines.Add("server {");
                foreach (var p in probes)
                {
                    n++;
                    switch (context)
                    {
                        case NginxContextFlags.Server: lines.Add("server {"); Add(p); lines.Add("}"); break;
                        case NginxContextFlags.Location: lines.Add($"location /p{n} {{"); Add(p); lines.Add("}"); break;
                        case NginxContextFlags.IfInServer: lines.Add($"if ($arg_p{n}) {{"); Add(p); lines.Add("}"); break;
                        case NginxContextFlags.IfInLocation: lines.Add($"location /p{n} {{ if ($arg_a) {{"); Add(p); lines.Add("} }"); break;
                        case NginxContextFlags.LimitExcept: lines.Add($"location /p{n} {{ limit_except GET {{"); Add(p); lines.Add("} }"); break;
                        default: throw new ArgumentOutOfRangeException(nameof(probes), context, null);
                    }
                }
                if (context != NginxContextFlags.Server) lines.Add("}");
                lines.Add("}");
                break;
        }
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line).Append('\n');
        return (text.ToString(), at);
    }

    /// <summary>
    /// The dynamic modules a config of these probes loads: the context's own (stream, mail) and every one that knows a
    /// probe's name. Loading more would not change what nginx says about the probes (a module that does not know a
    /// name cannot make it "not allowed here"), and loading all of them for every run makes each run five times slower.
    /// </summary>
    public static IEnumerable<string> ModulesFor(IReadOnlyList<NginxProbe> probes)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var probe in probes)
        {
            if ((probe.Context & (NginxContextFlags.Stream | NginxContextFlags.StreamServer | NginxContextFlags.StreamUpstream)) != 0) files.Add("ngx_stream_module.so");
            if ((probe.Context & (NginxContextFlags.Mail | NginxContextFlags.MailServer)) != 0) files.Add("ngx_mail_module.so");
            foreach (var entry in NginxDirectiveTable.Lookup(probe.Name))
                if (entry.Module.DynamicFile is { } file && NginxOracle.DynamicModules.Contains(file)) files.Add(file);
        }
        // The stream geoip module needs the stream module loaded first.
        if (files.Contains("ngx_stream_geoip_module.so")) files.Add("ngx_stream_module.so");
        return files.OrderBy(f => f == "ngx_stream_geoip_module.so" ? 1 : 0);
    }

    /// <summary>A probe of <paramref name="entry"/> in <paramref name="context"/> with values nginx accepts.</summary>
    public static NginxProbe Valid(NginxDirectiveInfo entry, NginxContextFlags context)
    {
        var (args, body, companions, preamble) = Values(entry);
        return new NginxProbe(entry.Name, context, args, entry.OpensBlock, body, companions, preamble);
    }

    /// <summary>The valid probe with its arguments cut or padded (repeating the last one) to <paramref name="count"/>.</summary>
    public static NginxProbe WithCount(NginxProbe probe, int count)
    {
        var args = probe.Args.ToList();
        var filler = args.Count > 0 ? args[^1] : "x";
        while (args.Count < count) args.Add(filler);
        return probe with { Args = args.Take(count).ToList() };
    }

    /// <summary>Arguments (as nginx text, one token each), block body and companion lines for a directive. Values
    /// are checked by the modules after the context and count checks, so they only matter for full acceptance.</summary>
    private static (List<string> Args, string Body, List<string>? Companions, string[]? Preamble) Values(NginxDirectiveInfo entry)
    {
        var name = entry.Name;
        if (Special.TryGetValue($"{entry.Module.Name}:{name}", out var special) || Special.TryGetValue(name, out special))
            return (Tokens(special.Args), special.Body, special.Companions?.ToList(), special.Preamble);
        foreach (var (suffix, value) in UpstreamFamily)
            if (name.EndsWith(suffix, StringComparison.Ordinal) && UpstreamPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
                return (Tokens(value), "", null, null);
        var (min, _) = entry.ArgumentRange;
        if ((entry.Args & NginxArgs.Flag) != 0) return (new List<string> { "on" }, "", null, null);
        return (Enumerable.Repeat("1", min).ToList(), "", null, null);
    }

    private static List<string> Tokens(string args)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        foreach (var c in args)
        {
            if (quote is null && c is '"' or '\'') quote = c;
            else if (c == quote) quote = null;
            if (c == ' ' && quote is null) { if (current.Length > 0) tokens.Add(current.ToString()); current.Clear(); continue; }
            current.Append(c);
        }
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }

    private static readonly string[] UpstreamPrefixes = { "proxy_", "fastcgi_", "uwsgi_", "scgi_", "grpc_", "memcached_" };

    // The proxy, fastcgi, uwsgi, scgi, grpc and memcached modules share their directive shapes.
    private static readonly (string Suffix, string Value)[] UpstreamFamily =
    {
        ("_store_access", "user:rw"), ("_bind", "127.0.0.1"), ("_buffers", "8 4k"), ("_busy_buffers_size", "8k"),
        ("_cache_use_stale", "error"), ("_cache_methods", "GET"), ("_max_temp_file_size", "0"),
        ("_temp_file_write_size", "8k"), ("_next_upstream", "error"), ("_ignore_headers", "X-Accel-Expires"),
        ("_ssl_protocols", "TLSv1.2"), ("_ssl_password_file", "passwords"), ("_temp_path", "temp/probe"),
        ("_ssl_certificate", "cert.pem"), ("_ssl_certificate_key", "key.pem"), ("_ssl_trusted_certificate", "cert.pem"),
        ("_ssl_ciphers", "HIGH"), ("_ssl_conf_command", "Options PrioritizeChaCha"), ("_cache_valid", "200 1m"),
        ("_cache_key", "$uri"), ("_store", "on"), ("_param", "PROBE 1"), ("_set_header", "X-Probe 1"),
        ("_cache_bypass", "$arg_nocache"), ("_no_cache", "$arg_nocache"), ("_ssl_name", "probe.example"),
        ("_ssl_crl", "cert.pem"), ("_upload_rate", "0"), ("_download_rate", "0"),
    };

    private sealed record Value(string Args, string Body = "", string[]? Companions = null, string[]? Preamble = null);

    private static Value V(string args, string body = "", params string[] companions) => new(args, body, companions.Length == 0 ? null : companions);

private const string Cert = "ssl_certificate cert.pem;", Key = "ssl_certificate_key key.pem;";

    // Keyed by name, or by "module:name" where one module's directive of that name needs other values.
    private static readonly Dictionary<string, Value> Special = new(StringComparer.Ordinal)
    {
        // main and events
        ["user"] = V("root"),
        ["debug_points"] = V("abort"),
        ["load_module"] = V("/usr/lib/nginx/modules/ngx_http_echo_module.so"),
        ["include"] = V("empty.conf"),
        ["ssl_engine"] = V("dynamic"),
        ["use"] = V("epoll"),
        ["thread_pool"] = V("pool1 threads=1"),
        ["worker_cpu_affinity"] = V("0001"),
        ["env"] = V("PROBE"),
        ["working_directory"] = V("/tmp"),
        ["lock_file"] = V("logs/nginx.lock"),
        ["pid"] = V("logs/nginx.pid"),
        ["error_log"] = V("stderr"),
        ["worker_rlimit_core"] = V("1m"),
        ["debug_connection"] = V("127.0.0.1"),
        ["events"] = V(""),
        // http core
        ["ngx_http_core_module:server"] = V(""),
        ["connection_pool_size"] = V("512"),
        ["request_pool_size"] = V("4k"),
        ["large_client_header_buffers"] = V("4 8k"),
        ["location"] = V("~ \\.probe$"),
        ["limit_except"] = V("GET"),
        ["client_body_in_file_only"] = V("off"),
        ["aio"] = V("off"),
        ["keepalive_disable"] = V("none"),
        ["satisfy"] = V("all"),
        ["lingering_close"] = V("on"),
        ["server_tokens"] = V("off"),
        ["if_modified_since"] = V("exact"),
        ["error_page"] = V("404 /404.html"),
        ["open_file_cache"] = V("off"),
        ["gzip_http_version"] = V("1.1"),
        ["gzip_proxied"] = V("any"),
        ["disable_symlinks"] = V("off"),
        ["try_files"] = V("$uri =404"),
        ["listen"] = V("127.0.0.1:8081"),
        ["server_name"] = V("probe.example"),
        ["resolver"] = V("127.0.0.1"),
        ["types"] = V("", "text/x-probe probe;"),
        ["http2_recv_buffer_size"] = V("256k"),
        ["http2_pool_size"] = V("4k"),
        ["ngx_stream_log_module:access_log"] = V("off"),
        ["open_log_file_cache"] = V("off"),
        ["log_format"] = V("probe $remote_addr"),
        // blocks with free-form bodies
        ["ngx_http_upstream_module:upstream"] = V("u_probe", "server 127.0.0.1:8080;"),
        ["ngx_stream_upstream_module:upstream"] = V("su_probe", "server 127.0.0.1:8080;"),
        ["ngx_http_upstream_module:server"] = V("127.0.0.1:8080"),
        ["ngx_stream_upstream_module:server"] = V("127.0.0.1:8080"),
        ["ngx_stream_core_module:server"] = V("", "listen 127.0.0.1:19999; return ok;"),
        ["ngx_mail_core_module:server"] = V("", "listen 127.0.0.1:2599; protocol smtp; auth_http 127.0.0.1:9;"),
        ["ngx_stream_core_module:listen"] = V("127.0.0.1:19998"),
        ["ngx_mail_core_module:listen"] = V("127.0.0.1:2598"),
        ["geo"] = V("$geo_probe"),
        ["split_clients"] = V("\"$remote_addr\" $split_probe", "* x;"),
        ["charset_map"] = V("koi8-r utf-8"),
        ["if"] = V("($arg_probe)"),
        ["set"] = V("$probe 1"),
        ["zone"] = V("zone_probe 64k"),
        ["ngx_stream_upstream_zone_module:zone"] = V("szone_probe 64k"),
        ["hash"] = V("$remote_addr"),
        // modules
        ["gzip_static"] = V("on"),
        ["gzip_window"] = V("32k"),
        ["gzip_hash"] = V("128k"),
        ["dav_methods"] = V("off"),
        ["dav_access"] = V("user:rw"),
        ["autoindex_format"] = V("html"),
        ["auth_request_set"] = V("$auth_probe $upstream_http_x_probe"),
        ["auth_basic_user_file"] = V("htpasswd"),
        ["allow"] = V("127.0.0.1"),
        ["deny"] = V("127.0.0.1"),
        ["limit_conn_zone"] = V("$binary_remote_addr zone=conn2:1m"),
        ["ngx_stream_limit_conn_module:limit_conn_zone"] = V("$binary_remote_addr zone=sconn2:1m"),
        ["limit_conn"] = V("conn1 10"),
        ["ngx_stream_limit_conn_module:limit_conn"] = V("sconn1 10"),
        ["limit_conn_log_level"] = V("error"),
        ["limit_conn_status"] = V("503"),
        ["limit_req_zone"] = V("$binary_remote_addr zone=req2:1m rate=1r/s"),
        ["limit_req"] = V("zone=req1"),
        ["limit_req_log_level"] = V("error"),
        ["limit_req_status"] = V("503"),
        ["set_real_ip_from"] = V("127.0.0.1"),
        ["real_ip_header"] = V("X-Real-IP"),
        ["ssl"] = V("on", "", Cert, Key),
        ["ssl_certificate"] = V("cert.pem", "", Key),
        ["ssl_certificate_key"] = V("key.pem", "", Cert),
        ["ssl_password_file"] = V("passwords"),
        ["ssl_protocols"] = V("TLSv1.2 TLSv1.3"),
        ["ssl_verify_client"] = V("off"),
        ["ssl_session_cache"] = V("shared:PROBE:1m"),
        ["ssl_ocsp"] = V("off"),
        ["ssl_ocsp_cache"] = V("off"),
        ["ssl_dhparam"] = V("dh.pem"),
        ["ssl_ciphers"] = V("HIGH:!aNULL"),
        ["ssl_ecdh_curve"] = V("auto"),
        ["ssl_session_ticket_key"] = V("ticket.key"),
        ["ssl_conf_command"] = V("Options PrioritizeChaCha"),
        ["ssl_alpn"] = V("h2"),
        ["proxy_pass"] = V("http://127.0.0.1:8080"),
        ["ngx_stream_proxy_module:proxy_pass"] = V("127.0.0.1:8080"),
        ["ngx_stream_proxy_module:proxy_next_upstream"] = V("on"),
        ["fastcgi_pass"] = V("127.0.0.1:9000"),
        ["uwsgi_pass"] = V("127.0.0.1:9000"),
        ["scgi_pass"] = V("127.0.0.1:9000"),
        ["grpc_pass"] = V("grpc://127.0.0.1:9000"),
        ["memcached_pass"] = V("127.0.0.1:11211", "", "set $memcached_key $uri;"),
        ["proxy_http_version"] = V("1.1"),
        ["proxy_redirect"] = V("off"),
        ["proxy_cookie_domain"] = V("off"),
        ["proxy_cookie_path"] = V("off"),
        ["proxy_cookie_flags"] = V("off"),
        ["proxy_method"] = V("GET"),
        ["fastcgi_split_path_info"] = V("^(.+\\.php)(/.+)$"),
        ["proxy_cache"] = V("pc1"),
        ["fastcgi_cache"] = V("fc1"),
        ["uwsgi_cache"] = V("uc1"),
        ["scgi_cache"] = V("sc1"),
        ["proxy_cache_path"] = V("cache/p2 keys_zone=pc2:1m"),
        ["fastcgi_cache_path"] = V("cache/f2 keys_zone=fc2:1m"),
        ["uwsgi_cache_path"] = V("cache/u2 keys_zone=uc2:1m"),
        ["scgi_cache_path"] = V("cache/s2 keys_zone=sc2:1m"),
        ["uwsgi_cache_background_update"] = V("on"),
        ["modern_browser"] = V("msie 9.0"),
        ["ancient_browser"] = V("MSIE"),
        ["userid"] = V("on"),
        ["userid_flags"] = V("off"),
        ["image_filter"] = V("off"),
        ["xml_entities"] = V("{prefix}/conf/entities.dtd"),
        ["xslt_stylesheet"] = V("conf/style.xslt"),
        ["geoip_country"] = V("/usr/share/GeoIP/GeoIP.dat"),
        ["geoip_org"] = V("/usr/share/GeoIP/GeoIP.dat"),
        ["geoip_city"] = V("/usr/share/GeoIP/GeoIP.dat"),
        ["geoip_proxy"] = V("127.0.0.1"),
        ["perl_modules"] = V("perl"),
        ["perl_require"] = V("Probe.pm", "", "perl_modules perl;"),
        ["perl"] = new Value("Probe::handler", Preamble: new[] { "perl_modules perl;", "perl_require Probe.pm;" }),
        ["perl_set"] = V("$perl_probe 'sub { return 1; }'"),
        ["protocol"] = V("smtp"),
        ["starttls"] = V("off"),
        ["pop3_auth"] = V("plain"),
        ["imap_auth"] = V("plain"),
        ["smtp_auth"] = V("login"),
        ["auth_http"] = V("127.0.0.1:9"),
        ["valid_referers"] = V("none example.com"),
        ["secure_link"] = V("$arg_md5"),
        ["secure_link_md5"] = V("$uri"),
        ["return"] = V("204"),
        ["ngx_stream_return_module:return"] = V("ok"),
        ["rewrite"] = V("^/old /new"),
        ["expires"] = V("1h"),
        ["add_header"] = V("X-Probe 1"),
        ["add_trailer"] = V("X-Probe 1"),
        ["index"] = V("index.html"),
        ["root"] = V("html"),
        ["alias"] = V("html/"),
        ["mirror"] = V("/mirror"),
        ["auth_request"] = V("/auth"),
        ["sub_filter"] = V("a b"),
        ["charset"] = V("utf-8"),
        ["source_charset"] = V("utf-8"),
        ["override_charset"] = V("on"),
        ["ssi_types"] = V("text/plain"),
        ["random"] = V(""),
        ["access_log"] = V("logs/access.log"),
        ["client_body_temp_path"] = V("temp/body"),
        ["map"] = V("$remote_addr $map_probe"),
    };
}
