using System;
using System.Collections.Generic;
using System.Linq;
using static Stacklint.Formats.Nginx.NginxArgs;

namespace Stacklint.Formats.Nginx;

/// <summary>
/// The directives nginx knows: for each, its module, the contexts it may stand in, how many arguments it takes,
/// whether it opens a block, and the releases it exists in. <see cref="Check"/> answers what <c>nginx -t</c> says
/// about one directive line ("unknown directive", "is not allowed here", "invalid number of arguments" ...).
/// </summary>
/// <remarks>
/// <para>Read from nginx itself. Every entry of a module that Debian 12 builds (nginx 1.22.1: the static binary plus
/// the stream, mail, geoip, image_filter, xslt and perl dynamic modules) was read from that build's
/// <c>ngx_command_t</c> arrays and is checked against <c>nginx -t</c> by
/// tests/Stacklint.Tests/Nginx/NginxDirectiveTableTests.cs, context by context and argument count by argument count.
/// Releases after 1.22 come from nginx's CHANGES and sources (1.25.0 HTTP/3, 1.25.1 <c>http2</c>, 1.25.5 stream
/// virtual servers ... 1.29.8 <c>max_headers</c>); they cannot be run here. Versions older than
/// <see cref="NginxVersion.OldestModeled"/> are not modeled.</para>
/// <para>Third-party modules (headers-more, brotli, lua, njs, geoip2, ModSecurity, echo ...) are listed so that a
/// directive nginx does not know can be explained as "needs module X" rather than just "unknown"; their entries come
/// from the modules' sources and documentation (echo's from Debian's libnginx-mod-http-echo build).</para>
/// <para>The order within a module follows nginx's arrays; the contexts of two entries with the same name never
/// overlap, so the first entry allowed in a context is the one nginx uses.</para>
/// </remarks>
public static class NginxDirectiveTable
{
    // Short names for contexts, so that one line reads like an ngx_command_t.
    private const NginxContextFlags Main = NginxContextFlags.Main, Events = NginxContextFlags.Events, Http = NginxContextFlags.Http,
        Srv = NginxContextFlags.Server, Loc = NginxContextFlags.Location, Ups = NginxContextFlags.Upstream, SIf = NginxContextFlags.IfInServer,
        LIf = NginxContextFlags.IfInLocation, Lmt = NginxContextFlags.LimitExcept, Stream = NginxContextFlags.Stream,
        SSrv = NginxContextFlags.StreamServer, SUps = NginxContextFlags.StreamUpstream, Mail = NginxContextFlags.Mail,
        MSrv = NginxContextFlags.MailServer, AnyContext = NginxContextFlags.AnyDirectiveContext;

    // Bodies of blocks whose lines are read by their module, not looked up as directives.
    private const NginxContextFlags TypesBody = NginxContextFlags.Types, MapBody = NginxContextFlags.Map, GeoBody = NginxContextFlags.Geo,
        SplitBody = NginxContextFlags.SplitClients, CharsetBody = NginxContextFlags.CharsetMap, KeyValueBody = NginxContextFlags.KeyValue,
        ScriptBody = NginxContextFlags.Script;

    private const NginxModuleKind Builtin = NginxModuleKind.Core, Default = NginxModuleKind.Default,
        Optional = NginxModuleKind.Optional, ThirdParty = NginxModuleKind.ThirdParty;

    // ---- modules (nginx.org names) ----

    public static readonly NginxModule Core = new("ngx_core_module", Builtin);
    public static readonly NginxModule HttpCore = new("ngx_http_core_module", Builtin);
    public static readonly NginxModule Log = new("ngx_http_log_module", Builtin);
    public static readonly NginxModule Upstream = new("ngx_http_upstream_module", Builtin);
    public static readonly NginxModule Headers = new("ngx_http_headers_module", Builtin);
    public static readonly NginxModule Index = new("ngx_http_index_module", Builtin);
    public static readonly NginxModule Http2 = new("ngx_http_v2_module", Optional, "--with-http_v2_module");
    public static readonly NginxModule Http3 = new("ngx_http_v3_module", Optional, "--with-http_v3_module", since: "1.25.0");
    public static readonly NginxModule Ssl = new("ngx_http_ssl_module", Optional, "--with-http_ssl_module");
    public static readonly NginxModule GzipStatic = new("ngx_http_gzip_static_module", Optional, "--with-http_gzip_static_module");
    public static readonly NginxModule Dav = new("ngx_http_dav_module", Optional, "--with-http_dav_module");
    public static readonly NginxModule Autoindex = new("ngx_http_autoindex_module", Default, "--without-http_autoindex_module");
    public static readonly NginxModule RandomIndex = new("ngx_http_random_index_module", Optional, "--with-http_random_index_module");
    public static readonly NginxModule Mirror = new("ngx_http_mirror_module", Default, "--without-http_mirror_module");
    public static readonly NginxModule AuthRequest = new("ngx_http_auth_request_module", Optional, "--with-http_auth_request_module");
    public static readonly NginxModule AuthBasic = new("ngx_http_auth_basic_module", Default, "--without-http_auth_basic_module");
    public static readonly NginxModule Access = new("ngx_http_access_module", Default, "--without-http_access_module");
    public static readonly NginxModule LimitConn = new("ngx_http_limit_conn_module", Default, "--without-http_limit_conn_module");
    public static readonly NginxModule LimitReq = new("ngx_http_limit_req_module", Default, "--without-http_limit_req_module");
    public static readonly NginxModule RealIp = new("ngx_http_realip_module", Optional, "--with-http_realip_module");
    public static readonly NginxModule Geo = new("ngx_http_geo_module", Default, "--without-http_geo_module");
    public static readonly NginxModule Map = new("ngx_http_map_module", Default, "--without-http_map_module");
    public static readonly NginxModule SplitClients = new("ngx_http_split_clients_module", Default, "--without-http_split_clients_module");
    public static readonly NginxModule Referer = new("ngx_http_referer_module", Default, "--without-http_referer_module");
    public static readonly NginxModule Rewrite = new("ngx_http_rewrite_module", Default, "--without-http_rewrite_module");
    public static readonly NginxModule Proxy = new("ngx_http_proxy_module", Default, "--without-http_proxy_module");
    public static readonly NginxModule FastCgi = new("ngx_http_fastcgi_module", Default, "--without-http_fastcgi_module");
    public static readonly NginxModule Uwsgi = new("ngx_http_uwsgi_module", Default, "--without-http_uwsgi_module");
    public static readonly NginxModule Scgi = new("ngx_http_scgi_module", Default, "--without-http_scgi_module");
    public static readonly NginxModule Grpc = new("ngx_http_grpc_module", Default, "--without-http_grpc_module");
    public static readonly NginxModule Memcached = new("ngx_http_memcached_module", Default, "--without-http_memcached_module");
    public static readonly NginxModule EmptyGif = new("ngx_http_empty_gif_module", Default, "--without-http_empty_gif_module");
    public static readonly NginxModule Browser = new("ngx_http_browser_module", Default, "--without-http_browser_module");
    public static readonly NginxModule SecureLink = new("ngx_http_secure_link_module", Optional, "--with-http_secure_link_module");
    public static readonly NginxModule Flv = new("ngx_http_flv_module", Optional, "--with-http_flv_module");
    public static readonly NginxModule Mp4 = new("ngx_http_mp4_module", Optional, "--with-http_mp4_module");
    public static readonly NginxModule UpstreamHash = new("ngx_http_upstream_hash_module", Default, "--without-http_upstream_hash_module");
    public static readonly NginxModule UpstreamIpHash = new("ngx_http_upstream_ip_hash_module", Default, "--without-http_upstream_ip_hash_module");
    public static readonly NginxModule UpstreamLeastConn = new("ngx_http_upstream_least_conn_module", Default, "--without-http_upstream_least_conn_module");
    public static readonly NginxModule UpstreamRandom = new("ngx_http_upstream_random_module", Default, "--without-http_upstream_random_module");
    public static readonly NginxModule UpstreamKeepalive = new("ngx_http_upstream_keepalive_module", Default, "--without-http_upstream_keepalive_module");
    public static readonly NginxModule UpstreamZone = new("ngx_http_upstream_zone_module", Default, "--without-http_upstream_zone_module");
    public static readonly NginxModule UpstreamSticky = new("ngx_http_upstream_sticky_module", Default, "--without-http_upstream_sticky_module", since: "1.29.6");
    public static readonly NginxModule StubStatus = new("ngx_http_stub_status_module", Optional, "--with-http_stub_status_module");
    public static readonly NginxModule Gzip = new("ngx_http_gzip_module", Default, "--without-http_gzip_module");
    public static readonly NginxModule Ssi = new("ngx_http_ssi_module", Default, "--without-http_ssi_module");
    public static readonly NginxModule Charset = new("ngx_http_charset_module", Default, "--without-http_charset_module");
    public static readonly NginxModule Sub = new("ngx_http_sub_module", Optional, "--with-http_sub_module");
    public static readonly NginxModule Addition = new("ngx_http_addition_module", Optional, "--with-http_addition_module");
    public static readonly NginxModule Gunzip = new("ngx_http_gunzip_module", Optional, "--with-http_gunzip_module");
    public static readonly NginxModule UserId = new("ngx_http_userid_module", Default, "--without-http_userid_module");
    public static readonly NginxModule Slice = new("ngx_http_slice_module", Optional, "--with-http_slice_module");
    public static readonly NginxModule ImageFilter = new("ngx_http_image_filter_module", Optional, "--with-http_image_filter_module", "ngx_http_image_filter_module.so");
    public static readonly NginxModule Xslt = new("ngx_http_xslt_module", Optional, "--with-http_xslt_module", "ngx_http_xslt_filter_module.so");
    public static readonly NginxModule GeoIp = new("ngx_http_geoip_module", Optional, "--with-http_geoip_module", "ngx_http_geoip_module.so");
    public static readonly NginxModule Perl = new("ngx_http_perl_module", Optional, "--with-http_perl_module", "ngx_http_perl_module.so");

    private const string StreamSo = "ngx_stream_module.so", MailSo = "ngx_mail_module.so";
    public static readonly NginxModule StreamCore = new("ngx_stream_core_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamLog = new("ngx_stream_log_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamProxy = new("ngx_stream_proxy_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamUpstream = new("ngx_stream_upstream_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamSsl = new("ngx_stream_ssl_module", Optional, "--with-stream_ssl_module", StreamSo);
    public static readonly NginxModule StreamRealIp = new("ngx_stream_realip_module", Optional, "--with-stream_realip_module", StreamSo);
    public static readonly NginxModule StreamLimitConn = new("ngx_stream_limit_conn_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamAccess = new("ngx_stream_access_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamGeo = new("ngx_stream_geo_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamMap = new("ngx_stream_map_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamSplitClients = new("ngx_stream_split_clients_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamReturn = new("ngx_stream_return_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamSet = new("ngx_stream_set_module", Optional, "--with-stream", StreamSo, since: "1.19.3");
    public static readonly NginxModule StreamPass = new("ngx_stream_pass_module", Optional, "--with-stream", StreamSo, since: "1.25.5");
    public static readonly NginxModule StreamUpstreamHash = new("ngx_stream_upstream_hash_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamUpstreamLeastConn = new("ngx_stream_upstream_least_conn_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamUpstreamRandom = new("ngx_stream_upstream_random_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamUpstreamZone = new("ngx_stream_upstream_zone_module", Optional, "--with-stream", StreamSo);
    public static readonly NginxModule StreamSslPreread = new("ngx_stream_ssl_preread_module", Optional, "--with-stream_ssl_preread_module", StreamSo);
    public static readonly NginxModule StreamGeoIp = new("ngx_stream_geoip_module", Optional, "--with-stream_geoip_module", "ngx_stream_geoip_module.so");

    public static readonly NginxModule MailCore = new("ngx_mail_core_module", Optional, "--with-mail", MailSo);
    public static readonly NginxModule MailSsl = new("ngx_mail_ssl_module", Optional, "--with-mail_ssl_module", MailSo);
    public static readonly NginxModule MailPop3 = new("ngx_mail_pop3_module", Optional, "--with-mail", MailSo);
    public static readonly NginxModule MailImap = new("ngx_mail_imap_module", Optional, "--with-mail", MailSo);
    public static readonly NginxModule MailSmtp = new("ngx_mail_smtp_module", Optional, "--with-mail", MailSo);
    public static readonly NginxModule MailAuthHttp = new("ngx_mail_auth_http_module", Optional, "--with-mail", MailSo);
    public static readonly NginxModule MailProxy = new("ngx_mail_proxy_module", Optional, "--with-mail", MailSo);
    public static readonly NginxModule MailRealIp = new("ngx_mail_realip_module", Optional, "--with-mail", MailSo, since: "1.19.8");

    // Third-party modules seen in real stacks. Their directives are "unknown" to a stock nginx; knowing them lets a
    // rule say which module is missing.
    public static readonly NginxModule Echo = new("ngx_http_echo_module", ThirdParty, null, "ngx_http_echo_module.so", "openresty/echo-nginx-module; Debian libnginx-mod-http-echo");
    public static readonly NginxModule HeadersMore = new("ngx_http_headers_more_filter_module", ThirdParty, null, "ngx_http_headers_more_filter_module.so", "openresty/headers-more-nginx-module; Debian libnginx-mod-http-headers-more-filter");
    public static readonly NginxModule Brotli = new("ngx_http_brotli_filter_module", ThirdParty, null, "ngx_http_brotli_filter_module.so", "google/ngx_brotli; Debian libnginx-mod-http-brotli-filter");
    public static readonly NginxModule BrotliStatic = new("ngx_http_brotli_static_module", ThirdParty, null, "ngx_http_brotli_static_module.so", "google/ngx_brotli; Debian libnginx-mod-http-brotli-static");
    public static readonly NginxModule Lua = new("ngx_http_lua_module", ThirdParty, null, "ngx_http_lua_module.so", "openresty/lua-nginx-module (built into OpenResty); Debian libnginx-mod-http-lua");
    public static readonly NginxModule Njs = new("ngx_http_js_module", ThirdParty, null, "ngx_http_js_module.so", "nginx/njs; package nginx-module-njs");
    public static readonly NginxModule StreamNjs = new("ngx_stream_js_module", ThirdParty, null, "ngx_stream_js_module.so", "nginx/njs; package nginx-module-njs");
    public static readonly NginxModule GeoIp2 = new("ngx_http_geoip2_module", ThirdParty, null, "ngx_http_geoip2_module.so", "leev/ngx_http_geoip2_module; Debian libnginx-mod-http-geoip2");
    public static readonly NginxModule StreamGeoIp2 = new("ngx_stream_geoip2_module", ThirdParty, null, "ngx_stream_geoip2_module.so", "leev/ngx_http_geoip2_module; Debian libnginx-mod-stream-geoip2");
    public static readonly NginxModule ModSecurity = new("ngx_http_modsecurity_module", ThirdParty, null, "ngx_http_modsecurity_module.so", "owasp-modsecurity/ModSecurity-nginx; Debian libnginx-mod-http-modsecurity");
    public static readonly NginxModule SubsFilter = new("ngx_http_subs_filter_module", ThirdParty, null, "ngx_http_subs_filter_module.so", "yaoweibin/ngx_http_substitutions_filter_module; Debian libnginx-mod-http-subs-filter");

    // ---- directives ----

    private static readonly NginxDirectiveInfo[] Entries =
    {
        // core, events, include, error_log (main)
        D("daemon", Core, Main, Flag),
        D("master_process", Core, Main, Flag),
        D("timer_resolution", Core, Main, Take1),
        D("pid", Core, Main, Take1),
        D("lock_file", Core, Main, Take1),
        D("worker_processes", Core, Main, Take1),
        D("debug_points", Core, Main, Take1),
        D("user", Core, Main, Take12),
        D("worker_priority", Core, Main, Take1),
        D("worker_cpu_affinity", Core, Main, OneMore), // "auto" takes at most one mask: its handler says "invalid number of arguments" itself
        D("worker_rlimit_nofile", Core, Main, Take1),
        D("worker_rlimit_core", Core, Main, Take1),
        D("worker_shutdown_timeout", Core, Main, Take1),
        D("working_directory", Core, Main, Take1),
        D("env", Core, Main, Take1),
        D("load_module", Core, Main, Take1),
        D("error_log", Core, Main, OneMore),
        D("include", Core, AnyContext, Take1),
        D("ssl_engine", Core, Main, Take1),
        D("pcre_jit", Core, Main, Flag),
        D("events", Core, Main, NoArgs | Block, body: Events),
        D("worker_connections", Core, Events, Take1),
        D("use", Core, Events, Take1),
        D("multi_accept", Core, Events, Flag),
        D("accept_mutex", Core, Events, Flag),
        D("accept_mutex_delay", Core, Events, Take1),
        D("debug_connection", Core, Events, Take1),
        D("epoll_events", Core, Events, Take1),
        D("worker_aio_requests", Core, Events, Take1),
        D("thread_pool", Core, Main, Take23), // --with-threads; ssl_engine needs OpenSSL, pcre_jit PCRE

        // http core (try_files, output_buffers and max_headers are separate modules in the binary)
        D("http", HttpCore, Main, NoArgs | Block, body: Http),
        D("variables_hash_max_size", HttpCore, Http, Take1),
        D("variables_hash_bucket_size", HttpCore, Http, Take1),
        D("server_names_hash_max_size", HttpCore, Http, Take1),
        D("server_names_hash_bucket_size", HttpCore, Http, Take1),
        D("server", HttpCore, Http, NoArgs | Block, body: Srv),
        D("connection_pool_size", HttpCore, Http | Srv, Take1),
        D("request_pool_size", HttpCore, Http | Srv, Take1),
        D("client_header_timeout", HttpCore, Http | Srv, Take1),
        D("client_header_buffer_size", HttpCore, Http | Srv, Take1),
        D("large_client_header_buffers", HttpCore, Http | Srv, Take2),
        D("ignore_invalid_headers", HttpCore, Http | Srv, Flag),
        D("merge_slashes", HttpCore, Http | Srv, Flag),
        D("underscores_in_headers", HttpCore, Http | Srv, Flag),
        D("location", HttpCore, Srv | Loc, Take12 | Block, body: Loc),
        D("listen", HttpCore, Srv, OneMore),
        D("server_name", HttpCore, Srv, OneMore),
        D("types_hash_max_size", HttpCore, Http | Srv | Loc, Take1),
        D("types_hash_bucket_size", HttpCore, Http | Srv | Loc, Take1),
        D("types", HttpCore, Http | Srv | Loc, NoArgs | Block, body: TypesBody),
        D("default_type", HttpCore, Http | Srv | Loc, Take1),
        D("root", HttpCore, Http | Srv | Loc | LIf, Take1),
        D("alias", HttpCore, Loc, Take1),
        D("limit_except", HttpCore, Loc, OneMore | Block, body: Lmt),
        D("client_max_body_size", HttpCore, Http | Srv | Loc, Take1),
        D("client_body_buffer_size", HttpCore, Http | Srv | Loc, Take1),
        D("client_body_timeout", HttpCore, Http | Srv | Loc, Take1),
        D("client_body_temp_path", HttpCore, Http | Srv | Loc, Take1234),
        D("client_body_in_file_only", HttpCore, Http | Srv | Loc, Take1),
        D("client_body_in_single_buffer", HttpCore, Http | Srv | Loc, Flag),
        D("sendfile", HttpCore, Http | Srv | Loc | LIf, Flag),
        D("sendfile_max_chunk", HttpCore, Http | Srv | Loc, Take1),
        D("subrequest_output_buffer_size", HttpCore, Http | Srv | Loc, Take1),
        D("aio", HttpCore, Http | Srv | Loc, Take1),
        D("aio_write", HttpCore, Http | Srv | Loc, Flag),
        D("read_ahead", HttpCore, Http | Srv | Loc, Take1),
        D("directio", HttpCore, Http | Srv | Loc, Take1),
        D("directio_alignment", HttpCore, Http | Srv | Loc, Take1),
        D("tcp_nopush", HttpCore, Http | Srv | Loc, Flag),
        D("tcp_nodelay", HttpCore, Http | Srv | Loc, Flag),
        D("send_timeout", HttpCore, Http | Srv | Loc, Take1),
        D("send_lowat", HttpCore, Http | Srv | Loc, Take1),
        D("postpone_output", HttpCore, Http | Srv | Loc, Take1),
        D("limit_rate", HttpCore, Http | Srv | Loc | LIf, Take1),
        D("limit_rate_after", HttpCore, Http | Srv | Loc | LIf, Take1),
        D("keepalive_time", HttpCore, Http | Srv | Loc, Take1, since: "1.19.10"),
        D("keepalive_timeout", HttpCore, Http | Srv | Loc, Take12),
        D("keepalive_requests", HttpCore, Http | Srv | Loc, Take1),
        D("keepalive_disable", HttpCore, Http | Srv | Loc, Take12),
        D("satisfy", HttpCore, Http | Srv | Loc, Take1),
        D("auth_delay", HttpCore, Http | Srv | Loc, Take1, since: "1.17.10"),
        D("internal", HttpCore, Loc, NoArgs),
        D("lingering_close", HttpCore, Http | Srv | Loc, Take1),
        D("lingering_time", HttpCore, Http | Srv | Loc, Take1),
        D("lingering_timeout", HttpCore, Http | Srv | Loc, Take1),
        D("reset_timedout_connection", HttpCore, Http | Srv | Loc, Flag),
        D("absolute_redirect", HttpCore, Http | Srv | Loc, Flag),
        D("server_name_in_redirect", HttpCore, Http | Srv | Loc, Flag),
        D("port_in_redirect", HttpCore, Http | Srv | Loc, Flag),
        D("msie_padding", HttpCore, Http | Srv | Loc, Flag),
        D("msie_refresh", HttpCore, Http | Srv | Loc, Flag),
        D("log_not_found", HttpCore, Http | Srv | Loc, Flag),
        D("log_subrequest", HttpCore, Http | Srv | Loc, Flag),
        D("recursive_error_pages", HttpCore, Http | Srv | Loc, Flag),
        D("server_tokens", HttpCore, Http | Srv | Loc, Take1),
        D("if_modified_since", HttpCore, Http | Srv | Loc, Take1),
        D("max_ranges", HttpCore, Http | Srv | Loc, Take1),
        D("chunked_transfer_encoding", HttpCore, Http | Srv | Loc, Flag),
        D("etag", HttpCore, Http | Srv | Loc, Flag),
        D("error_page", HttpCore, Http | Srv | Loc | LIf, TwoMore),
        D("post_action", HttpCore, Http | Srv | Loc | LIf, Take1),
        D("error_log", HttpCore, Http | Srv | Loc, OneMore),
        D("open_file_cache", HttpCore, Http | Srv | Loc, Take12),
        D("open_file_cache_valid", HttpCore, Http | Srv | Loc, Take1),
        D("open_file_cache_min_uses", HttpCore, Http | Srv | Loc, Take1),
        D("open_file_cache_errors", HttpCore, Http | Srv | Loc, Flag),
        D("open_file_cache_events", HttpCore, Http | Srv | Loc, Flag),
        D("resolver", HttpCore, Http | Srv | Loc, OneMore),
        D("resolver_timeout", HttpCore, Http | Srv | Loc, Take1),
        D("gzip_vary", HttpCore, Http | Srv | Loc, Flag),
        D("gzip_http_version", HttpCore, Http | Srv | Loc, Take1),
        D("gzip_proxied", HttpCore, Http | Srv | Loc, OneMore),
        D("gzip_disable", HttpCore, Http | Srv | Loc, OneMore),
        D("disable_symlinks", HttpCore, Http | Srv | Loc, Take12),
        D("max_headers", HttpCore, Http | Srv, Take1, since: "1.29.8"),
        D("try_files", HttpCore, Srv | Loc, TwoMore),
        D("output_buffers", HttpCore, Http | Srv | Loc, Take2),

        // Log
        D("log_format", Log, Http, TwoMore),
        D("access_log", Log, Http | Srv | Loc | LIf | Lmt, OneMore),
        D("open_log_file_cache", Log, Http | Srv | Loc, Take1234),

        // Upstream
        D("upstream", Upstream, Http, Take1 | Block, body: Ups),
        D("server", Upstream, Ups, OneMore),

        // Http2
        D("http2_recv_buffer_size", Http2, Http, Take1),
        D("http2_pool_size", Http2, Http | Srv, Take1),
        D("http2_max_concurrent_streams", Http2, Http | Srv, Take1),
        D("http2_max_concurrent_pushes", Http2, Http | Srv, Take1, deprecated: "1.25.1", note: "obsolete (server push removed), ignored"),
        D("http2_max_requests", Http2, Http | Srv, Take1, deprecated: "1.19.7", note: "obsolete, use \"keepalive_requests\""),
        D("http2_max_field_size", Http2, Http | Srv, Take1, deprecated: "1.19.7", note: "obsolete, use \"large_client_header_buffers\""),
        D("http2_max_header_size", Http2, Http | Srv, Take1, deprecated: "1.19.7", note: "obsolete, use \"large_client_header_buffers\""),
        D("http2_body_preread_size", Http2, Http | Srv, Take1),
        D("http2_streams_index_size", Http2, Http | Srv, Take1),
        D("http2_recv_timeout", Http2, Http | Srv, Take1, deprecated: "1.19.7", note: "obsolete, use \"client_header_timeout\""),
        D("http2_idle_timeout", Http2, Http | Srv, Take1, deprecated: "1.19.7", note: "obsolete, use \"keepalive_timeout\""),
        D("http2_chunk_size", Http2, Http | Srv | Loc, Take1),
        D("http2_push_preload", Http2, Http | Srv | Loc, Flag, deprecated: "1.25.1", note: "obsolete (server push removed), ignored"),
        D("http2_push", Http2, Http | Srv | Loc, Take1, deprecated: "1.25.1", note: "obsolete (server push removed), ignored"),

        // GzipStatic
        D("gzip_static", GzipStatic, Http | Srv | Loc, Take1),

        // Dav
        D("dav_methods", Dav, Http | Srv | Loc, OneMore),
        D("create_full_put_path", Dav, Http | Srv | Loc, Flag),
        D("min_delete_depth", Dav, Http | Srv | Loc, Take1),
        D("dav_access", Dav, Http | Srv | Loc, Take123),

        // Autoindex
        D("autoindex", Autoindex, Http | Srv | Loc, Flag),
        D("autoindex_format", Autoindex, Http | Srv | Loc, Take1),
        D("autoindex_localtime", Autoindex, Http | Srv | Loc, Flag),
        D("autoindex_exact_size", Autoindex, Http | Srv | Loc, Flag),

        // Index
        D("index", Index, Http | Srv | Loc, OneMore),

        // RandomIndex
        D("random_index", RandomIndex, Loc, Flag),

        // Mirror
        D("mirror", Mirror, Http | Srv | Loc, Take1),
        D("mirror_request_body", Mirror, Http | Srv | Loc, Flag),

        // AuthRequest
        D("auth_request", AuthRequest, Http | Srv | Loc, Take1),
        D("auth_request_set", AuthRequest, Http | Srv | Loc, Take2),

        // AuthBasic
        D("auth_basic", AuthBasic, Http | Srv | Loc | Lmt, Take1),
        D("auth_basic_user_file", AuthBasic, Http | Srv | Loc | Lmt, Take1),

        // Access
        D("allow", Access, Http | Srv | Loc | Lmt, Take1),
        D("deny", Access, Http | Srv | Loc | Lmt, Take1),

        // LimitConn
        D("limit_conn_zone", LimitConn, Http, Take2),
        D("limit_conn", LimitConn, Http | Srv | Loc, Take2),
        D("limit_conn_log_level", LimitConn, Http | Srv | Loc, Take1),
        D("limit_conn_status", LimitConn, Http | Srv | Loc, Take1),
        D("limit_conn_dry_run", LimitConn, Http | Srv | Loc, Flag, since: "1.17.6"),

        // LimitReq
        D("limit_req_zone", LimitReq, Http, Take3),
        D("limit_req", LimitReq, Http | Srv | Loc, Take123),
        D("limit_req_log_level", LimitReq, Http | Srv | Loc, Take1),
        D("limit_req_status", LimitReq, Http | Srv | Loc, Take1),
        D("limit_req_dry_run", LimitReq, Http | Srv | Loc, Flag, since: "1.17.1"),

        // RealIp
        D("set_real_ip_from", RealIp, Http | Srv | Loc, Take1),
        D("real_ip_header", RealIp, Http | Srv | Loc, Take1),
        D("real_ip_recursive", RealIp, Http | Srv | Loc, Flag),

        // Geo
        D("geo", Geo, Http, Take12 | Block, body: GeoBody),

        // Map
        D("map", Map, Http, Take2 | Block, body: MapBody),
        D("map_hash_max_size", Map, Http, Take1),
        D("map_hash_bucket_size", Map, Http, Take1),

        // SplitClients
        D("split_clients", SplitClients, Http, Take2 | Block, body: SplitBody),

        // Referer
        D("valid_referers", Referer, Srv | Loc, OneMore),
        D("referer_hash_max_size", Referer, Srv | Loc, Take1),
        D("referer_hash_bucket_size", Referer, Srv | Loc, Take1),

        // Rewrite
        D("rewrite", Rewrite, Srv | Loc | SIf | LIf, Take23),
        D("return", Rewrite, Srv | Loc | SIf | LIf, Take12),
        D("break", Rewrite, Srv | Loc | SIf | LIf, NoArgs),
        D("if", Rewrite, Srv | Loc, OneMore | Block, body: LIf),
        D("set", Rewrite, Srv | Loc | SIf | LIf, Take2),
        D("rewrite_log", Rewrite, Http | Srv | Loc | SIf | LIf, Flag),
        D("uninitialized_variable_warn", Rewrite, Http | Srv | Loc | SIf | LIf, Flag),

        // Ssl
        D("ssl", Ssl, Http | Srv, Flag, deprecated: "1.15.0", removed: "1.25.1", note: "use the \"ssl\" parameter of \"listen\""),
        D("ssl_certificate", Ssl, Http | Srv, Take1),
        D("ssl_certificate_key", Ssl, Http | Srv, Take1),
        D("ssl_password_file", Ssl, Http | Srv, Take1),
        D("ssl_dhparam", Ssl, Http | Srv, Take1),
        D("ssl_ecdh_curve", Ssl, Http | Srv, Take1),
        D("ssl_protocols", Ssl, Http | Srv, OneMore),
        D("ssl_ciphers", Ssl, Http | Srv, Take1),
        D("ssl_buffer_size", Ssl, Http | Srv, Take1),
        D("ssl_verify_client", Ssl, Http | Srv, Take1),
        D("ssl_verify_depth", Ssl, Http | Srv, Take1),
        D("ssl_client_certificate", Ssl, Http | Srv, Take1),
        D("ssl_trusted_certificate", Ssl, Http | Srv, Take1),
        D("ssl_prefer_server_ciphers", Ssl, Http | Srv, Flag),
        D("ssl_session_cache", Ssl, Http | Srv, Take12),
        D("ssl_session_tickets", Ssl, Http | Srv, Flag),
        D("ssl_session_ticket_key", Ssl, Http | Srv, Take1),
        D("ssl_session_timeout", Ssl, Http | Srv, Take1),
        D("ssl_crl", Ssl, Http | Srv, Take1),
        D("ssl_ocsp", Ssl, Http | Srv, Flag, since: "1.19.0"), // FLAG counts one argument; the value may also be "leaf"
        D("ssl_ocsp_responder", Ssl, Http | Srv, Take1, since: "1.19.0"),
        D("ssl_ocsp_cache", Ssl, Http | Srv, Take1, since: "1.19.0"),
        D("ssl_stapling", Ssl, Http | Srv, Flag),
        D("ssl_stapling_file", Ssl, Http | Srv, Take1),
        D("ssl_stapling_responder", Ssl, Http | Srv, Take1),
        D("ssl_stapling_verify", Ssl, Http | Srv, Flag),
        D("ssl_early_data", Ssl, Http | Srv, Flag, since: "1.15.3"),
        D("ssl_conf_command", Ssl, Http | Srv, Take2, since: "1.19.4"),
        D("ssl_reject_handshake", Ssl, Http | Srv, Flag, since: "1.19.4"),

        // Proxy
        D("proxy_pass", Proxy, Loc | LIf | Lmt, Take1),
        D("proxy_redirect", Proxy, Http | Srv | Loc, Take12),
        D("proxy_cookie_domain", Proxy, Http | Srv | Loc, Take12),
        D("proxy_cookie_path", Proxy, Http | Srv | Loc, Take12),
        D("proxy_cookie_flags", Proxy, Http | Srv | Loc, Take1234, since: "1.19.3"),
        D("proxy_store", Proxy, Http | Srv | Loc, Take1),
        D("proxy_store_access", Proxy, Http | Srv | Loc, Take123),
        D("proxy_buffering", Proxy, Http | Srv | Loc, Flag),
        D("proxy_request_buffering", Proxy, Http | Srv | Loc, Flag),
        D("proxy_ignore_client_abort", Proxy, Http | Srv | Loc, Flag),
        D("proxy_bind", Proxy, Http | Srv | Loc, Take12),
        D("proxy_socket_keepalive", Proxy, Http | Srv | Loc, Flag, since: "1.15.6"),
        D("proxy_connect_timeout", Proxy, Http | Srv | Loc, Take1),
        D("proxy_send_timeout", Proxy, Http | Srv | Loc, Take1),
        D("proxy_send_lowat", Proxy, Http | Srv | Loc, Take1),
        D("proxy_intercept_errors", Proxy, Http | Srv | Loc, Flag),
        D("proxy_set_header", Proxy, Http | Srv | Loc, Take2),
        D("proxy_headers_hash_max_size", Proxy, Http | Srv | Loc, Take1),
        D("proxy_headers_hash_bucket_size", Proxy, Http | Srv | Loc, Take1),
        D("proxy_set_body", Proxy, Http | Srv | Loc, Take1),
        D("proxy_method", Proxy, Http | Srv | Loc, Take1),
        D("proxy_pass_request_headers", Proxy, Http | Srv | Loc, Flag),
        D("proxy_pass_request_body", Proxy, Http | Srv | Loc, Flag),
        D("proxy_buffer_size", Proxy, Http | Srv | Loc, Take1),
        D("proxy_read_timeout", Proxy, Http | Srv | Loc, Take1),
        D("proxy_buffers", Proxy, Http | Srv | Loc, Take2),
        D("proxy_busy_buffers_size", Proxy, Http | Srv | Loc, Take1),
        D("proxy_force_ranges", Proxy, Http | Srv | Loc, Flag),
        D("proxy_limit_rate", Proxy, Http | Srv | Loc, Take1),
        D("proxy_cache", Proxy, Http | Srv | Loc, Take1),
        D("proxy_cache_key", Proxy, Http | Srv | Loc, Take1),
        D("proxy_cache_path", Proxy, Http, TwoMore),
        D("proxy_cache_bypass", Proxy, Http | Srv | Loc, OneMore),
        D("proxy_no_cache", Proxy, Http | Srv | Loc, OneMore),
        D("proxy_cache_valid", Proxy, Http | Srv | Loc, OneMore),
        D("proxy_cache_min_uses", Proxy, Http | Srv | Loc, Take1),
        D("proxy_cache_max_range_offset", Proxy, Http | Srv | Loc, Take1),
        D("proxy_cache_use_stale", Proxy, Http | Srv | Loc, OneMore),
        D("proxy_cache_methods", Proxy, Http | Srv | Loc, OneMore),
        D("proxy_cache_lock", Proxy, Http | Srv | Loc, Flag),
        D("proxy_cache_lock_timeout", Proxy, Http | Srv | Loc, Take1),
        D("proxy_cache_lock_age", Proxy, Http | Srv | Loc, Take1),
        D("proxy_cache_revalidate", Proxy, Http | Srv | Loc, Flag),
        D("proxy_cache_convert_head", Proxy, Http | Srv | Loc, Flag),
        D("proxy_cache_background_update", Proxy, Http | Srv | Loc, Flag),
        D("proxy_temp_path", Proxy, Http | Srv | Loc, Take1234),
        D("proxy_max_temp_file_size", Proxy, Http | Srv | Loc, Take1),
        D("proxy_temp_file_write_size", Proxy, Http | Srv | Loc, Take1),
        D("proxy_next_upstream", Proxy, Http | Srv | Loc, OneMore),
        D("proxy_next_upstream_tries", Proxy, Http | Srv | Loc, Take1),
        D("proxy_next_upstream_timeout", Proxy, Http | Srv | Loc, Take1),
        D("proxy_pass_header", Proxy, Http | Srv | Loc, Take1),
        D("proxy_hide_header", Proxy, Http | Srv | Loc, Take1),
        D("proxy_ignore_headers", Proxy, Http | Srv | Loc, OneMore),
        D("proxy_http_version", Proxy, Http | Srv | Loc, Take1),
        D("proxy_ssl_session_reuse", Proxy, Http | Srv | Loc, Flag),
        D("proxy_ssl_protocols", Proxy, Http | Srv | Loc, OneMore),
        D("proxy_ssl_ciphers", Proxy, Http | Srv | Loc, Take1),
        D("proxy_ssl_name", Proxy, Http | Srv | Loc, Take1),
        D("proxy_ssl_server_name", Proxy, Http | Srv | Loc, Flag),
        D("proxy_ssl_verify", Proxy, Http | Srv | Loc, Flag),
        D("proxy_ssl_verify_depth", Proxy, Http | Srv | Loc, Take1),
        D("proxy_ssl_trusted_certificate", Proxy, Http | Srv | Loc, Take1),
        D("proxy_ssl_crl", Proxy, Http | Srv | Loc, Take1),
        D("proxy_ssl_certificate", Proxy, Http | Srv | Loc, Take1),
        D("proxy_ssl_certificate_key", Proxy, Http | Srv | Loc, Take1),
        D("proxy_ssl_password_file", Proxy, Http | Srv | Loc, Take1),
        D("proxy_ssl_conf_command", Proxy, Http | Srv | Loc, Take2, since: "1.19.4"),

        // FastCgi
        D("fastcgi_pass", FastCgi, Loc | LIf, Take1),
        D("fastcgi_index", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_split_path_info", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_store", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_store_access", FastCgi, Http | Srv | Loc, Take123),
        D("fastcgi_buffering", FastCgi, Http | Srv | Loc, Flag),
        D("fastcgi_request_buffering", FastCgi, Http | Srv | Loc, Flag),
        D("fastcgi_ignore_client_abort", FastCgi, Http | Srv | Loc, Flag),
        D("fastcgi_bind", FastCgi, Http | Srv | Loc, Take12),
        D("fastcgi_socket_keepalive", FastCgi, Http | Srv | Loc, Flag, since: "1.15.6"),
        D("fastcgi_connect_timeout", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_send_timeout", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_send_lowat", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_buffer_size", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_pass_request_headers", FastCgi, Http | Srv | Loc, Flag),
        D("fastcgi_pass_request_body", FastCgi, Http | Srv | Loc, Flag),
        D("fastcgi_intercept_errors", FastCgi, Http | Srv | Loc, Flag),
        D("fastcgi_read_timeout", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_buffers", FastCgi, Http | Srv | Loc, Take2),
        D("fastcgi_busy_buffers_size", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_force_ranges", FastCgi, Http | Srv | Loc, Flag),
        D("fastcgi_limit_rate", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_cache", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_cache_key", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_cache_path", FastCgi, Http, TwoMore),
        D("fastcgi_cache_bypass", FastCgi, Http | Srv | Loc, OneMore),
        D("fastcgi_no_cache", FastCgi, Http | Srv | Loc, OneMore),
        D("fastcgi_cache_valid", FastCgi, Http | Srv | Loc, OneMore),
        D("fastcgi_cache_min_uses", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_cache_max_range_offset", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_cache_use_stale", FastCgi, Http | Srv | Loc, OneMore),
        D("fastcgi_cache_methods", FastCgi, Http | Srv | Loc, OneMore),
        D("fastcgi_cache_lock", FastCgi, Http | Srv | Loc, Flag),
        D("fastcgi_cache_lock_timeout", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_cache_lock_age", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_cache_revalidate", FastCgi, Http | Srv | Loc, Flag),
        D("fastcgi_cache_background_update", FastCgi, Http | Srv | Loc, Flag),
        D("fastcgi_temp_path", FastCgi, Http | Srv | Loc, Take1234),
        D("fastcgi_max_temp_file_size", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_temp_file_write_size", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_next_upstream", FastCgi, Http | Srv | Loc, OneMore),
        D("fastcgi_next_upstream_tries", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_next_upstream_timeout", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_param", FastCgi, Http | Srv | Loc, Take23),
        D("fastcgi_pass_header", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_hide_header", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_ignore_headers", FastCgi, Http | Srv | Loc, OneMore),
        D("fastcgi_catch_stderr", FastCgi, Http | Srv | Loc, Take1),
        D("fastcgi_keep_conn", FastCgi, Http | Srv | Loc, Flag),

        // Uwsgi
        D("uwsgi_pass", Uwsgi, Loc | LIf, Take1),
        D("uwsgi_modifier1", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_modifier2", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_store", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_store_access", Uwsgi, Http | Srv | Loc, Take123),
        D("uwsgi_buffering", Uwsgi, Http | Srv | Loc, Flag),
        D("uwsgi_request_buffering", Uwsgi, Http | Srv | Loc, Flag),
        D("uwsgi_ignore_client_abort", Uwsgi, Http | Srv | Loc, Flag),
        D("uwsgi_bind", Uwsgi, Http | Srv | Loc, Take12),
        D("uwsgi_socket_keepalive", Uwsgi, Http | Srv | Loc, Flag, since: "1.15.6"),
        D("uwsgi_connect_timeout", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_send_timeout", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_buffer_size", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_pass_request_headers", Uwsgi, Http | Srv | Loc, Flag),
        D("uwsgi_pass_request_body", Uwsgi, Http | Srv | Loc, Flag),
        D("uwsgi_intercept_errors", Uwsgi, Http | Srv | Loc, Flag),
        D("uwsgi_read_timeout", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_buffers", Uwsgi, Http | Srv | Loc, Take2),
        D("uwsgi_busy_buffers_size", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_force_ranges", Uwsgi, Http | Srv | Loc, Flag),
        D("uwsgi_limit_rate", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_cache", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_cache_key", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_cache_path", Uwsgi, Http, TwoMore),
        D("uwsgi_cache_bypass", Uwsgi, Http | Srv | Loc, OneMore),
        D("uwsgi_no_cache", Uwsgi, Http | Srv | Loc, OneMore),
        D("uwsgi_cache_valid", Uwsgi, Http | Srv | Loc, OneMore),
        D("uwsgi_cache_min_uses", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_cache_max_range_offset", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_cache_use_stale", Uwsgi, Http | Srv | Loc, OneMore),
        D("uwsgi_cache_methods", Uwsgi, Http | Srv | Loc, OneMore),
        D("uwsgi_cache_lock", Uwsgi, Http | Srv | Loc, Flag),
        D("uwsgi_cache_lock_timeout", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_cache_lock_age", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_cache_revalidate", Uwsgi, Http | Srv | Loc, Flag),
        D("uwsgi_cache_background_update", Uwsgi, Http | Srv | Loc, Take1), // TAKE1 in nginx (its siblings are FLAG); still on|off
        D("uwsgi_temp_path", Uwsgi, Http | Srv | Loc, Take1234),
        D("uwsgi_max_temp_file_size", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_temp_file_write_size", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_next_upstream", Uwsgi, Http | Srv | Loc, OneMore),
        D("uwsgi_next_upstream_tries", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_next_upstream_timeout", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_param", Uwsgi, Http | Srv | Loc, Take23),
        D("uwsgi_string", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_pass_header", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_hide_header", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_ignore_headers", Uwsgi, Http | Srv | Loc, OneMore),
        D("uwsgi_ssl_session_reuse", Uwsgi, Http | Srv | Loc, Flag),
        D("uwsgi_ssl_protocols", Uwsgi, Http | Srv | Loc, OneMore),
        D("uwsgi_ssl_ciphers", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_ssl_name", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_ssl_server_name", Uwsgi, Http | Srv | Loc, Flag),
        D("uwsgi_ssl_verify", Uwsgi, Http | Srv | Loc, Flag),
        D("uwsgi_ssl_verify_depth", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_ssl_trusted_certificate", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_ssl_crl", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_ssl_certificate", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_ssl_certificate_key", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_ssl_password_file", Uwsgi, Http | Srv | Loc, Take1),
        D("uwsgi_ssl_conf_command", Uwsgi, Http | Srv | Loc, Take2, since: "1.19.4"),

        // Scgi
        D("scgi_pass", Scgi, Loc | LIf, Take1),
        D("scgi_store", Scgi, Http | Srv | Loc, Take1),
        D("scgi_store_access", Scgi, Http | Srv | Loc, Take123),
        D("scgi_buffering", Scgi, Http | Srv | Loc, Flag),
        D("scgi_request_buffering", Scgi, Http | Srv | Loc, Flag),
        D("scgi_ignore_client_abort", Scgi, Http | Srv | Loc, Flag),
        D("scgi_bind", Scgi, Http | Srv | Loc, Take12),
        D("scgi_socket_keepalive", Scgi, Http | Srv | Loc, Flag, since: "1.15.6"),
        D("scgi_connect_timeout", Scgi, Http | Srv | Loc, Take1),
        D("scgi_send_timeout", Scgi, Http | Srv | Loc, Take1),
        D("scgi_buffer_size", Scgi, Http | Srv | Loc, Take1),
        D("scgi_pass_request_headers", Scgi, Http | Srv | Loc, Flag),
        D("scgi_pass_request_body", Scgi, Http | Srv | Loc, Flag),
        D("scgi_intercept_errors", Scgi, Http | Srv | Loc, Flag),
        D("scgi_read_timeout", Scgi, Http | Srv | Loc, Take1),
        D("scgi_buffers", Scgi, Http | Srv | Loc, Take2),
        D("scgi_busy_buffers_size", Scgi, Http | Srv | Loc, Take1),
        D("scgi_force_ranges", Scgi, Http | Srv | Loc, Flag),
        D("scgi_limit_rate", Scgi, Http | Srv | Loc, Take1),
        D("scgi_cache", Scgi, Http | Srv | Loc, Take1),
        D("scgi_cache_key", Scgi, Http | Srv | Loc, Take1),
        D("scgi_cache_path", Scgi, Http, TwoMore),
        D("scgi_cache_bypass", Scgi, Http | Srv | Loc, OneMore),
        D("scgi_no_cache", Scgi, Http | Srv | Loc, OneMore),
        D("scgi_cache_valid", Scgi, Http | Srv | Loc, OneMore),
        D("scgi_cache_min_uses", Scgi, Http | Srv | Loc, Take1),
        D("scgi_cache_max_range_offset", Scgi, Http | Srv | Loc, Take1),
        D("scgi_cache_use_stale", Scgi, Http | Srv | Loc, OneMore),
        D("scgi_cache_methods", Scgi, Http | Srv | Loc, OneMore),
        D("scgi_cache_lock", Scgi, Http | Srv | Loc, Flag),
        D("scgi_cache_lock_timeout", Scgi, Http | Srv | Loc, Take1),
        D("scgi_cache_lock_age", Scgi, Http | Srv | Loc, Take1),
        D("scgi_cache_revalidate", Scgi, Http | Srv | Loc, Flag),
        D("scgi_cache_background_update", Scgi, Http | Srv | Loc, Flag),
        D("scgi_temp_path", Scgi, Http | Srv | Loc, Take1234),
        D("scgi_max_temp_file_size", Scgi, Http | Srv | Loc, Take1),
        D("scgi_temp_file_write_size", Scgi, Http | Srv | Loc, Take1),
        D("scgi_next_upstream", Scgi, Http | Srv | Loc, OneMore),
        D("scgi_next_upstream_tries", Scgi, Http | Srv | Loc, Take1),
        D("scgi_next_upstream_timeout", Scgi, Http | Srv | Loc, Take1),
        D("scgi_param", Scgi, Http | Srv | Loc, Take23),
        D("scgi_pass_header", Scgi, Http | Srv | Loc, Take1),
        D("scgi_hide_header", Scgi, Http | Srv | Loc, Take1),
        D("scgi_ignore_headers", Scgi, Http | Srv | Loc, OneMore),

        // Grpc
        D("grpc_pass", Grpc, Loc | LIf, Take1),
        D("grpc_bind", Grpc, Http | Srv | Loc, Take12),
        D("grpc_socket_keepalive", Grpc, Http | Srv | Loc, Flag, since: "1.15.6"),
        D("grpc_connect_timeout", Grpc, Http | Srv | Loc, Take1),
        D("grpc_send_timeout", Grpc, Http | Srv | Loc, Take1),
        D("grpc_intercept_errors", Grpc, Http | Srv | Loc, Flag),
        D("grpc_buffer_size", Grpc, Http | Srv | Loc, Take1),
        D("grpc_read_timeout", Grpc, Http | Srv | Loc, Take1),
        D("grpc_next_upstream", Grpc, Http | Srv | Loc, OneMore),
        D("grpc_next_upstream_tries", Grpc, Http | Srv | Loc, Take1),
        D("grpc_next_upstream_timeout", Grpc, Http | Srv | Loc, Take1),
        D("grpc_set_header", Grpc, Http | Srv | Loc, Take2),
        D("grpc_pass_header", Grpc, Http | Srv | Loc, Take1),
        D("grpc_hide_header", Grpc, Http | Srv | Loc, Take1),
        D("grpc_ignore_headers", Grpc, Http | Srv | Loc, OneMore),
        D("grpc_ssl_session_reuse", Grpc, Http | Srv | Loc, Flag),
        D("grpc_ssl_protocols", Grpc, Http | Srv | Loc, OneMore),
        D("grpc_ssl_ciphers", Grpc, Http | Srv | Loc, Take1),
        D("grpc_ssl_name", Grpc, Http | Srv | Loc, Take1),
        D("grpc_ssl_server_name", Grpc, Http | Srv | Loc, Flag),
        D("grpc_ssl_verify", Grpc, Http | Srv | Loc, Flag),
        D("grpc_ssl_verify_depth", Grpc, Http | Srv | Loc, Take1),
        D("grpc_ssl_trusted_certificate", Grpc, Http | Srv | Loc, Take1),
        D("grpc_ssl_crl", Grpc, Http | Srv | Loc, Take1),
        D("grpc_ssl_certificate", Grpc, Http | Srv | Loc, Take1),
        D("grpc_ssl_certificate_key", Grpc, Http | Srv | Loc, Take1),
        D("grpc_ssl_password_file", Grpc, Http | Srv | Loc, Take1),
        D("grpc_ssl_conf_command", Grpc, Http | Srv | Loc, Take2, since: "1.19.4"),

        // Memcached
        D("memcached_pass", Memcached, Loc | LIf, Take1),
        D("memcached_bind", Memcached, Http | Srv | Loc, Take12),
        D("memcached_socket_keepalive", Memcached, Http | Srv | Loc, Flag, since: "1.15.6"),
        D("memcached_connect_timeout", Memcached, Http | Srv | Loc, Take1),
        D("memcached_send_timeout", Memcached, Http | Srv | Loc, Take1),
        D("memcached_buffer_size", Memcached, Http | Srv | Loc, Take1),
        D("memcached_read_timeout", Memcached, Http | Srv | Loc, Take1),
        D("memcached_next_upstream", Memcached, Http | Srv | Loc, OneMore),
        D("memcached_next_upstream_tries", Memcached, Http | Srv | Loc, Take1),
        D("memcached_next_upstream_timeout", Memcached, Http | Srv | Loc, Take1),
        D("memcached_gzip_flag", Memcached, Http | Srv | Loc, Take1),

        // EmptyGif
        D("empty_gif", EmptyGif, Loc, NoArgs),

        // Browser
        D("modern_browser", Browser, Http | Srv | Loc, Take12),
        D("ancient_browser", Browser, Http | Srv | Loc, OneMore),
        D("modern_browser_value", Browser, Http | Srv | Loc, Take1),
        D("ancient_browser_value", Browser, Http | Srv | Loc, Take1),

        // SecureLink
        D("secure_link", SecureLink, Http | Srv | Loc, Take1),
        D("secure_link_md5", SecureLink, Http | Srv | Loc, Take1),
        D("secure_link_secret", SecureLink, Http | Srv | Loc, Take1),

        // Flv
        D("flv", Flv, Loc, NoArgs),

        // Mp4
        D("mp4", Mp4, Loc, NoArgs),
        D("mp4_buffer_size", Mp4, Http | Srv | Loc, Take1),
        D("mp4_max_buffer_size", Mp4, Http | Srv | Loc, Take1),
        D("mp4_start_key_frame", Mp4, Http | Srv | Loc, Flag, since: "1.21.4"),

        // UpstreamHash
        D("hash", UpstreamHash, Ups, Take12),

        // UpstreamIpHash
        D("ip_hash", UpstreamIpHash, Ups, NoArgs),

        // UpstreamLeastConn
        D("least_conn", UpstreamLeastConn, Ups, NoArgs),

        // UpstreamRandom
        D("random", UpstreamRandom, Ups, NoArgs | Take12),

        // UpstreamKeepalive
        D("keepalive", UpstreamKeepalive, Ups, Take1),
        D("keepalive_time", UpstreamKeepalive, Ups, Take1, since: "1.19.10"),
        D("keepalive_timeout", UpstreamKeepalive, Ups, Take1, since: "1.15.3"),
        D("keepalive_requests", UpstreamKeepalive, Ups, Take1, since: "1.15.3"),

        // UpstreamZone
        D("zone", UpstreamZone, Ups, Take12),

        // StubStatus
        D("stub_status", StubStatus, Srv | Loc, NoArgs | Take1),

        // Gzip
        D("gzip", Gzip, Http | Srv | Loc | LIf, Flag),
        D("gzip_buffers", Gzip, Http | Srv | Loc, Take2),
        D("gzip_types", Gzip, Http | Srv | Loc, OneMore),
        D("gzip_comp_level", Gzip, Http | Srv | Loc, Take1),
        D("gzip_window", Gzip, Http | Srv | Loc, Take1),
        D("gzip_hash", Gzip, Http | Srv | Loc, Take1),
        D("postpone_gzipping", Gzip, Http | Srv | Loc, Take1),
        D("gzip_no_buffer", Gzip, Http | Srv | Loc, Flag),
        D("gzip_min_length", Gzip, Http | Srv | Loc, Take1),

        // Ssi
        D("ssi", Ssi, Http | Srv | Loc | LIf, Flag),
        D("ssi_silent_errors", Ssi, Http | Srv | Loc, Flag),
        D("ssi_ignore_recycled_buffers", Ssi, Http | Srv | Loc, Flag),
        D("ssi_min_file_chunk", Ssi, Http | Srv | Loc, Take1),
        D("ssi_value_length", Ssi, Http | Srv | Loc, Take1),
        D("ssi_types", Ssi, Http | Srv | Loc, OneMore),
        D("ssi_last_modified", Ssi, Http | Srv | Loc, Flag),

        // Charset
        D("charset", Charset, Http | Srv | Loc | LIf, Take1),
        D("source_charset", Charset, Http | Srv | Loc | LIf, Take1),
        D("override_charset", Charset, Http | Srv | Loc | LIf, Flag),
        D("charset_types", Charset, Http | Srv | Loc, OneMore),
        D("charset_map", Charset, Http, Take2 | Block, body: CharsetBody),

        // Sub
        D("sub_filter", Sub, Http | Srv | Loc, Take2),
        D("sub_filter_types", Sub, Http | Srv | Loc, OneMore),
        D("sub_filter_once", Sub, Http | Srv | Loc, Flag),
        D("sub_filter_last_modified", Sub, Http | Srv | Loc, Flag),

        // Addition
        D("add_before_body", Addition, Http | Srv | Loc, Take1),
        D("add_after_body", Addition, Http | Srv | Loc, Take1),
        D("addition_types", Addition, Http | Srv | Loc, OneMore),

        // Gunzip
        D("gunzip", Gunzip, Http | Srv | Loc, Flag),
        D("gunzip_buffers", Gunzip, Http | Srv | Loc, Take2),

        // UserId
        D("userid", UserId, Http | Srv | Loc, Take1),
        D("userid_service", UserId, Http | Srv | Loc, Take1),
        D("userid_name", UserId, Http | Srv | Loc, Take1),
        D("userid_domain", UserId, Http | Srv | Loc, Take1),
        D("userid_path", UserId, Http | Srv | Loc, Take1),
        D("userid_expires", UserId, Http | Srv | Loc, Take1),
        D("userid_flags", UserId, Http | Srv | Loc, Take123, since: "1.19.3"),
        D("userid_p3p", UserId, Http | Srv | Loc, Take1),
        D("userid_mark", UserId, Http | Srv | Loc, Take1),

        // Headers
        D("expires", Headers, Http | Srv | Loc | LIf, Take12),
        D("add_header", Headers, Http | Srv | Loc | LIf, Take23),
        D("add_trailer", Headers, Http | Srv | Loc | LIf, Take23),

        // Slice
        D("slice", Slice, Http | Srv | Loc, Take1),

        // ImageFilter
        D("image_filter", ImageFilter, Loc, Take123),
        D("image_filter_jpeg_quality", ImageFilter, Http | Srv | Loc, Take1),
        D("image_filter_webp_quality", ImageFilter, Http | Srv | Loc, Take1),
        D("image_filter_sharpen", ImageFilter, Http | Srv | Loc, Take1),
        D("image_filter_transparency", ImageFilter, Http | Srv | Loc, Flag),
        D("image_filter_interlace", ImageFilter, Http | Srv | Loc, Flag),
        D("image_filter_buffer", ImageFilter, Http | Srv | Loc, Take1),

        // Xslt
        D("xml_entities", Xslt, Http | Srv | Loc, Take1),
        D("xslt_stylesheet", Xslt, Loc, OneMore),
        D("xslt_param", Xslt, Http | Srv | Loc, Take2),
        D("xslt_string_param", Xslt, Http | Srv | Loc, Take2),
        D("xslt_types", Xslt, Http | Srv | Loc, OneMore),
        D("xslt_last_modified", Xslt, Http | Srv | Loc, Flag),

        // GeoIp
        D("geoip_country", GeoIp, Http, Take12),
        D("geoip_org", GeoIp, Http, Take12),
        D("geoip_city", GeoIp, Http, Take12),
        D("geoip_proxy", GeoIp, Http, Take1),
        D("geoip_proxy_recursive", GeoIp, Http, Flag),

        // Perl
        D("perl_modules", Perl, Http, Take1),
        D("perl_require", Perl, Http, Take1),
        D("perl", Perl, Loc | Lmt, Take1),
        D("perl_set", Perl, Http, Take2),

        // StreamCore
        D("stream", StreamCore, Main, NoArgs | Block, body: Stream),
        D("variables_hash_max_size", StreamCore, Stream, Take1),
        D("variables_hash_bucket_size", StreamCore, Stream, Take1),
        D("server", StreamCore, Stream, NoArgs | Block, body: SSrv),
        D("listen", StreamCore, SSrv, OneMore),
        D("error_log", StreamCore, Stream | SSrv, OneMore),
        D("resolver", StreamCore, Stream | SSrv, OneMore),
        D("resolver_timeout", StreamCore, Stream | SSrv, Take1),
        D("proxy_protocol_timeout", StreamCore, Stream | SSrv, Take1),
        D("tcp_nodelay", StreamCore, Stream | SSrv, Flag),
        D("preread_buffer_size", StreamCore, Stream | SSrv, Take1),
        D("preread_timeout", StreamCore, Stream | SSrv, Take1),

        // StreamLog
        D("log_format", StreamLog, Stream, TwoMore),
        D("access_log", StreamLog, Stream | SSrv, OneMore),
        D("open_log_file_cache", StreamLog, Stream | SSrv, Take1234),

        // StreamProxy
        D("proxy_pass", StreamProxy, SSrv, Take1),
        D("proxy_bind", StreamProxy, Stream | SSrv, Take12),
        D("proxy_socket_keepalive", StreamProxy, Stream | SSrv, Flag, since: "1.15.6"),
        D("proxy_connect_timeout", StreamProxy, Stream | SSrv, Take1),
        D("proxy_timeout", StreamProxy, Stream | SSrv, Take1),
        D("proxy_buffer_size", StreamProxy, Stream | SSrv, Take1),
        D("proxy_downstream_buffer", StreamProxy, Stream | SSrv, Take1, deprecated: "1.9.4", note: "use \"proxy_buffer_size\""),
        D("proxy_upstream_buffer", StreamProxy, Stream | SSrv, Take1, deprecated: "1.9.4", note: "use \"proxy_buffer_size\""),
        D("proxy_upload_rate", StreamProxy, Stream | SSrv, Take1),
        D("proxy_download_rate", StreamProxy, Stream | SSrv, Take1),
        D("proxy_requests", StreamProxy, Stream | SSrv, Take1, since: "1.15.7"),
        D("proxy_responses", StreamProxy, Stream | SSrv, Take1),
        D("proxy_next_upstream", StreamProxy, Stream | SSrv, Flag),
        D("proxy_next_upstream_tries", StreamProxy, Stream | SSrv, Take1),
        D("proxy_next_upstream_timeout", StreamProxy, Stream | SSrv, Take1),
        D("proxy_protocol", StreamProxy, Stream | SSrv, Flag),
        D("proxy_half_close", StreamProxy, Stream | SSrv, Flag, since: "1.21.4"),
        D("proxy_ssl", StreamProxy, Stream | SSrv, Flag),
        D("proxy_ssl_session_reuse", StreamProxy, Stream | SSrv, Flag),
        D("proxy_ssl_protocols", StreamProxy, Stream | SSrv, OneMore),
        D("proxy_ssl_ciphers", StreamProxy, Stream | SSrv, Take1),
        D("proxy_ssl_name", StreamProxy, Stream | SSrv, Take1),
        D("proxy_ssl_server_name", StreamProxy, Stream | SSrv, Flag),
        D("proxy_ssl_verify", StreamProxy, Stream | SSrv, Flag),
        D("proxy_ssl_verify_depth", StreamProxy, Stream | SSrv, Take1),
        D("proxy_ssl_trusted_certificate", StreamProxy, Stream | SSrv, Take1),
        D("proxy_ssl_crl", StreamProxy, Stream | SSrv, Take1),
        D("proxy_ssl_certificate", StreamProxy, Stream | SSrv, Take1),
        D("proxy_ssl_certificate_key", StreamProxy, Stream | SSrv, Take1),
        D("proxy_ssl_password_file", StreamProxy, Stream | SSrv, Take1),
        D("proxy_ssl_conf_command", StreamProxy, Stream | SSrv, Take2, since: "1.19.4"),

        // StreamUpstream
        D("upstream", StreamUpstream, Stream, Take1 | Block, body: SUps),
        D("server", StreamUpstream, SUps, OneMore),

        // StreamSsl
        D("ssl_handshake_timeout", StreamSsl, Stream | SSrv, Take1),
        D("ssl_certificate", StreamSsl, Stream | SSrv, Take1),
        D("ssl_certificate_key", StreamSsl, Stream | SSrv, Take1),
        D("ssl_password_file", StreamSsl, Stream | SSrv, Take1),
        D("ssl_dhparam", StreamSsl, Stream | SSrv, Take1),
        D("ssl_ecdh_curve", StreamSsl, Stream | SSrv, Take1),
        D("ssl_protocols", StreamSsl, Stream | SSrv, OneMore),
        D("ssl_ciphers", StreamSsl, Stream | SSrv, Take1),
        D("ssl_verify_client", StreamSsl, Stream | SSrv, Take1),
        D("ssl_verify_depth", StreamSsl, Stream | SSrv, Take1),
        D("ssl_client_certificate", StreamSsl, Stream | SSrv, Take1),
        D("ssl_trusted_certificate", StreamSsl, Stream | SSrv, Take1),
        D("ssl_prefer_server_ciphers", StreamSsl, Stream | SSrv, Flag),
        D("ssl_session_cache", StreamSsl, Stream | SSrv, Take12),
        D("ssl_session_tickets", StreamSsl, Stream | SSrv, Flag),
        D("ssl_session_ticket_key", StreamSsl, Stream | SSrv, Take1),
        D("ssl_session_timeout", StreamSsl, Stream | SSrv, Take1),
        D("ssl_crl", StreamSsl, Stream | SSrv, Take1),
        D("ssl_conf_command", StreamSsl, Stream | SSrv, Take2, since: "1.19.4"),
        D("ssl_alpn", StreamSsl, Stream | SSrv, OneMore, since: "1.21.4"),

        // StreamRealIp
        D("set_real_ip_from", StreamRealIp, Stream | SSrv, Take1),

        // StreamLimitConn
        D("limit_conn_zone", StreamLimitConn, Stream, Take2),
        D("limit_conn", StreamLimitConn, Stream | SSrv, Take2),
        D("limit_conn_log_level", StreamLimitConn, Stream | SSrv, Take1),
        D("limit_conn_dry_run", StreamLimitConn, Stream | SSrv, Flag, since: "1.17.6"),

        // StreamAccess
        D("allow", StreamAccess, Stream | SSrv, Take1),
        D("deny", StreamAccess, Stream | SSrv, Take1),

        // StreamGeo
        D("geo", StreamGeo, Stream, Take12 | Block, body: GeoBody),

        // StreamMap
        D("map", StreamMap, Stream, Take2 | Block, body: MapBody),
        D("map_hash_max_size", StreamMap, Stream, Take1),
        D("map_hash_bucket_size", StreamMap, Stream, Take1),

        // StreamSplitClients
        D("split_clients", StreamSplitClients, Stream, Take2 | Block, body: SplitBody),

        // StreamReturn
        D("return", StreamReturn, SSrv, Take1),

        // StreamSet
        D("set", StreamSet, SSrv, Take2),

        // StreamUpstreamHash
        D("hash", StreamUpstreamHash, SUps, Take12),

        // StreamUpstreamLeastConn
        D("least_conn", StreamUpstreamLeastConn, SUps, NoArgs),

        // StreamUpstreamRandom
        D("random", StreamUpstreamRandom, SUps, NoArgs | Take12),

        // StreamUpstreamZone
        D("zone", StreamUpstreamZone, SUps, Take12),

        // StreamSslPreread
        D("ssl_preread", StreamSslPreread, Stream | SSrv, Flag),

        // StreamGeoIp
        D("geoip_country", StreamGeoIp, Stream, Take12),
        D("geoip_org", StreamGeoIp, Stream, Take12),
        D("geoip_city", StreamGeoIp, Stream, Take12),

        // MailCore
        D("mail", MailCore, Main, NoArgs | Block, body: Mail),
        D("server", MailCore, Mail, NoArgs | Block, body: MSrv),
        D("listen", MailCore, MSrv, OneMore),
        D("protocol", MailCore, MSrv, Take1),
        D("timeout", MailCore, Mail | MSrv, Take1),
        D("server_name", MailCore, Mail | MSrv, Take1),
        D("error_log", MailCore, Mail | MSrv, OneMore),
        D("resolver", MailCore, Mail | MSrv, OneMore),
        D("resolver_timeout", MailCore, Mail | MSrv, Take1),
        D("max_errors", MailCore, Mail | MSrv, Take1, since: "1.21.0"),

        // MailSsl
        D("ssl", MailSsl, Mail | MSrv, Flag, deprecated: "1.15.0", removed: "1.25.1", note: "use the \"ssl\" parameter of \"listen\""),
        D("starttls", MailSsl, Mail | MSrv, Take1),
        D("ssl_certificate", MailSsl, Mail | MSrv, Take1),
        D("ssl_certificate_key", MailSsl, Mail | MSrv, Take1),
        D("ssl_password_file", MailSsl, Mail | MSrv, Take1),
        D("ssl_dhparam", MailSsl, Mail | MSrv, Take1),
        D("ssl_ecdh_curve", MailSsl, Mail | MSrv, Take1),
        D("ssl_protocols", MailSsl, Mail | MSrv, OneMore),
        D("ssl_ciphers", MailSsl, Mail | MSrv, Take1),
        D("ssl_prefer_server_ciphers", MailSsl, Mail | MSrv, Flag),
        D("ssl_session_cache", MailSsl, Mail | MSrv, Take12),
        D("ssl_session_tickets", MailSsl, Mail | MSrv, Flag),
        D("ssl_session_ticket_key", MailSsl, Mail | MSrv, Take1),
        D("ssl_session_timeout", MailSsl, Mail | MSrv, Take1),
        D("ssl_verify_client", MailSsl, Mail | MSrv, Take1),
        D("ssl_verify_depth", MailSsl, Mail | MSrv, Take1),
        D("ssl_client_certificate", MailSsl, Mail | MSrv, Take1),
        D("ssl_trusted_certificate", MailSsl, Mail | MSrv, Take1),
        D("ssl_crl", MailSsl, Mail | MSrv, Take1),
        D("ssl_conf_command", MailSsl, Mail | MSrv, Take2, since: "1.19.4"),

        // MailPop3
        D("pop3_capabilities", MailPop3, Mail | MSrv, OneMore),
        D("pop3_auth", MailPop3, Mail | MSrv, OneMore),

        // MailImap
        D("imap_client_buffer", MailImap, Mail | MSrv, Take1),
        D("imap_capabilities", MailImap, Mail | MSrv, OneMore),
        D("imap_auth", MailImap, Mail | MSrv, OneMore),

        // MailSmtp
        D("smtp_client_buffer", MailSmtp, Mail | MSrv, Take1),
        D("smtp_greeting_delay", MailSmtp, Mail | MSrv, Take1),
        D("smtp_capabilities", MailSmtp, Mail | MSrv, OneMore),
        D("smtp_auth", MailSmtp, Mail | MSrv, OneMore),

        // MailAuthHttp
        D("auth_http", MailAuthHttp, Mail | MSrv, Take1),
        D("auth_http_timeout", MailAuthHttp, Mail | MSrv, Take1),
        D("auth_http_header", MailAuthHttp, Mail | MSrv, Take2),
        D("auth_http_pass_client_cert", MailAuthHttp, Mail | MSrv, Flag),

        // MailProxy
        D("proxy", MailProxy, Mail | MSrv, Flag),
        D("proxy_buffer", MailProxy, Mail | MSrv, Take1),
        D("proxy_timeout", MailProxy, Mail | MSrv, Take1),
        D("proxy_pass_error_message", MailProxy, Mail | MSrv, Flag),
        D("xclient", MailProxy, Mail | MSrv, Flag),
        D("proxy_smtp_auth", MailProxy, Mail | MSrv, Flag, since: "1.19.4"),
        D("proxy_protocol", MailProxy, Mail | MSrv, Flag, since: "1.19.8"),

        // MailRealIp
        D("set_real_ip_from", MailRealIp, Mail | MSrv, Take1),

        // ---- after 1.22 (from nginx's CHANGES and sources; not checkable against Debian 12's 1.22.1) ----
        D("http2", Http2, Http | Srv, Flag, since: "1.25.1"),
        D("http3", Http3, Http | Srv, Flag),
        D("http3_hq", Http3, Http | Srv, Flag),
        D("http3_max_concurrent_streams", Http3, Http | Srv, Take1),
        D("http3_stream_buffer_size", Http3, Http | Srv, Take1),
        D("quic_retry", Http3, Http | Srv, Flag),
        D("quic_gso", Http3, Http | Srv, Flag),
        D("quic_host_key", Http3, Http | Srv, Take1),
        D("quic_active_connection_id_limit", Http3, Http | Srv, Take1),
        D("quic_bpf", Core, Main, Flag, since: "1.25.0"),
        D("server_name", StreamCore, SSrv, OneMore, since: "1.25.5"),
        D("server_names_hash_max_size", StreamCore, Stream, Take1, since: "1.25.5"),
        D("server_names_hash_bucket_size", StreamCore, Stream, Take1, since: "1.25.5"),
        D("pass", StreamPass, SSrv, Take1),
        D("proxy_pass_trailers", Proxy, Http | Srv | Loc, Flag, since: "1.27.2"),
        D("ssl_ocsp", StreamSsl, Stream | SSrv, Take1, since: "1.27.2"),
        D("ssl_ocsp_responder", StreamSsl, Stream | SSrv, Take1, since: "1.27.2"),
        D("ssl_ocsp_cache", StreamSsl, Stream | SSrv, Take1, since: "1.27.2"),
        D("ssl_stapling", StreamSsl, Stream | SSrv, Flag, since: "1.27.2"),
        D("ssl_stapling_file", StreamSsl, Stream | SSrv, Take1, since: "1.27.2"),
        D("ssl_stapling_responder", StreamSsl, Stream | SSrv, Take1, since: "1.27.2"),
        D("ssl_stapling_verify", StreamSsl, Stream | SSrv, Flag, since: "1.27.2"),
        D("resolver", Upstream, Ups, OneMore, since: "1.27.3"),
        D("resolver_timeout", Upstream, Ups, Take1, since: "1.27.3"),
        D("resolver", StreamUpstream, SUps, OneMore, since: "1.27.3"),
        D("resolver_timeout", StreamUpstream, SUps, Take1, since: "1.27.3"),
        D("ssl_object_cache_inheritable", Core, Main, Flag, since: "1.27.4"),
        D("ssl_certificate_cache", Ssl, Http | Srv, Take123, since: "1.27.4"),
        D("proxy_ssl_certificate_cache", Proxy, Http | Srv | Loc, Take123, since: "1.27.4"),
        D("grpc_ssl_certificate_cache", Grpc, Http | Srv | Loc, Take123, since: "1.27.4"),
        D("uwsgi_ssl_certificate_cache", Uwsgi, Http | Srv | Loc, Take123, since: "1.27.4"),
        D("keepalive_min_timeout", HttpCore, Http | Srv | Loc, Take1, since: "1.27.4"),
        D("early_hints", HttpCore, Http | Srv | Loc, OneMore, since: "1.29.0"),
        D("ssl_certificate_compression", Ssl, Http | Srv, Flag, since: "1.29.1"),
        D("add_header_inherit", Headers, Http | Srv | Loc | LIf, Take1, since: "1.29.3"),
        D("add_trailer_inherit", Headers, Http | Srv | Loc | LIf, Take1, since: "1.29.3"),
        D("ssl_ech_file", Ssl, Http | Srv, Take1, since: "1.29.4"),
        D("sticky", UpstreamSticky, Ups, OneMore),
        D("proxy_socket_sndbuf", Proxy, Http | Srv | Loc, Take1, since: "1.31.3"),
        D("proxy_socket_rcvbuf", Proxy, Http | Srv | Loc, Take1, since: "1.31.3"),
        D("fastcgi_socket_sndbuf", FastCgi, Http | Srv | Loc, Take1, since: "1.31.3"),
        D("fastcgi_socket_rcvbuf", FastCgi, Http | Srv | Loc, Take1, since: "1.31.3"),
        D("grpc_socket_sndbuf", Grpc, Http | Srv | Loc, Take1, since: "1.31.3"),
        D("grpc_socket_rcvbuf", Grpc, Http | Srv | Loc, Take1, since: "1.31.3"),
        D("scgi_socket_sndbuf", Scgi, Http | Srv | Loc, Take1, since: "1.31.3"),
        D("scgi_socket_rcvbuf", Scgi, Http | Srv | Loc, Take1, since: "1.31.3"),
        D("uwsgi_socket_sndbuf", Uwsgi, Http | Srv | Loc, Take1, since: "1.31.3"),
        D("uwsgi_socket_rcvbuf", Uwsgi, Http | Srv | Loc, Take1, since: "1.31.3"),

        // ---- third-party modules ----
        // echo (Debian's libnginx-mod-http-echo 0.63, read from its build and checked with load_module)
        D("echo", Echo, Loc | LIf, Any),
        D("echo_request_body", Echo, Loc | LIf, NoArgs),
        D("echo_sleep", Echo, Loc | LIf, Take1),
        D("echo_flush", Echo, Loc | LIf, NoArgs),
        D("echo_blocking_sleep", Echo, Loc | LIf, Take1),
        D("echo_reset_timer", Echo, Loc | LIf, NoArgs),
        D("echo_before_body", Echo, Loc | LIf, Any),
        D("echo_after_body", Echo, Loc | LIf, Any),
        D("echo_location_async", Echo, Loc | LIf, Take12),
        D("echo_location", Echo, Loc | LIf, Take12),
        D("echo_subrequest_async", Echo, Loc | LIf, TwoMore),
        D("echo_subrequest", Echo, Loc | LIf, TwoMore),
        D("echo_duplicate", Echo, Loc | LIf, TwoMore),
        D("echo_read_request_body", Echo, Loc | LIf, NoArgs),
        D("echo_foreach_split", Echo, Loc | LIf, TwoMore),
        D("echo_end", Echo, Loc | LIf, NoArgs),
        D("echo_abort_parent", Echo, Loc | LIf, NoArgs),
        D("echo_exec", Echo, Loc | LIf, Take12),
        D("echo_status", Echo, Loc | LIf, Take1),
        // headers-more
        D("more_set_headers", HeadersMore, Http | Srv | Loc | LIf, OneMore),
        D("more_clear_headers", HeadersMore, Http | Srv | Loc | LIf, OneMore),
        D("more_set_input_headers", HeadersMore, Http | Srv | Loc | LIf, OneMore),
        D("more_clear_input_headers", HeadersMore, Http | Srv | Loc | LIf, OneMore),
        // brotli
        D("brotli", Brotli, Http | Srv | Loc | LIf, Flag),
        D("brotli_types", Brotli, Http | Srv | Loc, OneMore),
        D("brotli_buffers", Brotli, Http | Srv | Loc, Take2),
        D("brotli_comp_level", Brotli, Http | Srv | Loc, Take1),
        D("brotli_window", Brotli, Http | Srv | Loc, Take1),
        D("brotli_min_length", Brotli, Http | Srv | Loc, Take1),
        D("brotli_static", BrotliStatic, Http | Srv | Loc, Take1),
        // lua-nginx-module (OpenResty): *_by_lua_block bodies are Lua, not nginx syntax
        D("lua_package_path", Lua, Http, Take1),
        D("lua_package_cpath", Lua, Http, Take1),
        D("lua_code_cache", Lua, Http | Srv | Loc | LIf, Flag),
        D("lua_shared_dict", Lua, Http, Take2),
        D("lua_need_request_body", Lua, Http | Srv | Loc | LIf, Flag),
        D("lua_ssl_trusted_certificate", Lua, Http | Srv | Loc, Take1),
        D("lua_ssl_verify_depth", Lua, Http | Srv | Loc, Take1),
        D("init_by_lua_block", Lua, Http, NoArgs | Block, body: ScriptBody),
        D("init_by_lua_file", Lua, Http, Take1),
        D("init_worker_by_lua_block", Lua, Http, NoArgs | Block, body: ScriptBody),
        D("init_worker_by_lua_file", Lua, Http, Take1),
        D("set_by_lua_block", Lua, Srv | SIf | Loc | LIf, Take1 | Block, body: ScriptBody),
        D("set_by_lua_file", Lua, Srv | SIf | Loc | LIf, TwoMore),
        D("rewrite_by_lua_block", Lua, Http | Srv | Loc | LIf, NoArgs | Block, body: ScriptBody),
        D("rewrite_by_lua_file", Lua, Http | Srv | Loc | LIf, Take1),
        D("access_by_lua_block", Lua, Http | Srv | Loc | LIf, NoArgs | Block, body: ScriptBody),
        D("access_by_lua_file", Lua, Http | Srv | Loc | LIf, Take1),
        D("content_by_lua_block", Lua, Loc | LIf, NoArgs | Block, body: ScriptBody),
        D("content_by_lua_file", Lua, Loc | LIf, Take1),
        D("header_filter_by_lua_block", Lua, Http | Srv | Loc | LIf, NoArgs | Block, body: ScriptBody),
        D("header_filter_by_lua_file", Lua, Http | Srv | Loc | LIf, Take1),
        D("body_filter_by_lua_block", Lua, Http | Srv | Loc | LIf, NoArgs | Block, body: ScriptBody),
        D("body_filter_by_lua_file", Lua, Http | Srv | Loc | LIf, Take1),
        D("log_by_lua_block", Lua, Http | Srv | Loc | LIf, NoArgs | Block, body: ScriptBody),
        D("log_by_lua_file", Lua, Http | Srv | Loc | LIf, Take1),
        D("balancer_by_lua_block", Lua, Ups, NoArgs | Block, body: ScriptBody),
        D("balancer_by_lua_file", Lua, Ups, Take1),
        D("ssl_certificate_by_lua_block", Lua, Http | Srv, NoArgs | Block, body: ScriptBody),
        D("ssl_certificate_by_lua_file", Lua, Http | Srv, Take1),
        // njs
        D("js_import", Njs, Http | Srv | Loc, Take13),
        D("js_path", Njs, Http | Srv | Loc, Take1),
        D("js_set", Njs, Http | Srv | Loc, Take23),
        D("js_var", Njs, Http | Srv | Loc, Take12),
        D("js_content", Njs, Loc | LIf | Lmt, Take1),
        D("js_header_filter", Njs, Loc | LIf | Lmt, Take1),
        D("js_body_filter", Njs, Loc | LIf | Lmt, Take12),
        D("js_import", StreamNjs, Stream | SSrv, Take13),
        D("js_path", StreamNjs, Stream | SSrv, Take1),
        D("js_set", StreamNjs, Stream | SSrv, Take23),
        D("js_var", StreamNjs, Stream | SSrv, Take12),
        D("js_access", StreamNjs, Stream | SSrv, Take1),
        D("js_preread", StreamNjs, Stream | SSrv, Take1),
        D("js_filter", StreamNjs, Stream | SSrv, Take1),
        // geoip2 (MaxMind GeoIP2 databases)
        D("geoip2", GeoIp2, Http, Take1 | Block, body: KeyValueBody),
        D("geoip2_proxy", GeoIp2, Http, Take1),
        D("geoip2_proxy_recursive", GeoIp2, Http, Flag),
        D("geoip2", StreamGeoIp2, Stream, Take1 | Block, body: KeyValueBody),
        // ModSecurity
        D("modsecurity", ModSecurity, Http | Srv | Loc, Flag),
        D("modsecurity_rules", ModSecurity, Http | Srv | Loc, Take1),
        D("modsecurity_rules_file", ModSecurity, Http | Srv | Loc, Take1),
        D("modsecurity_rules_remote", ModSecurity, Http | Srv | Loc, Take2),
        D("modsecurity_transaction_id", ModSecurity, Http | Srv | Loc, Take1),
        // substitutions filter
        D("subs_filter", SubsFilter, Http | Srv | Loc, Take23),
        D("subs_filter_types", SubsFilter, Http | Srv | Loc, OneMore),
    };

    /// <summary>Directive parameters whose acceptance changed between releases (the directive itself exists in both).</summary>
    public static readonly IReadOnlyList<NginxParameterChange> ParameterChanges = new NginxParameterChange[]
    {
        new("listen", "http2", deprecated: "1.25.1", note: "use the \"http2\" directive"),
        new("listen", "quic", since: "1.25.0"),
        new("listen", "multipath", since: "1.29.7"),
        new("server", "resolve", since: "1.27.3", note: "in an upstream block; earlier only in the commercial version"),
        new("keepalive", "local", since: "1.29.7"),
        new("geo", "volatile", since: "1.29.3"),
        new("proxy_http_version", "2", since: "1.29.4"),
    };

    public static IReadOnlyList<NginxDirectiveInfo> All => Entries;

    public static IReadOnlyList<NginxModule> Modules { get; } = Entries.Select(e => e.Module).Distinct().ToArray();

    private static readonly Dictionary<string, NginxDirectiveInfo[]> ByName =
        Entries.GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>Every entry with this name, of any release or module. nginx compares names case-sensitively.</summary>
    public static IReadOnlyList<NginxDirectiveInfo> Lookup(string name) =>
        ByName.TryGetValue(name, out var entries) ? entries : Array.Empty<NginxDirectiveInfo>();

    /// <summary>The entries with this name that exist in <paramref name="target"/> (any module).</summary>
    public static IReadOnlyList<NginxDirectiveInfo> Lookup(string name, NginxVersion target) =>
        Lookup(name).Where(e => e.ExistsIn(target)).ToArray();

    /// <summary>The entry nginx would use for <paramref name="name"/> in <paramref name="context"/>, or null.</summary>
    public static NginxDirectiveInfo? Find(string name, NginxContextFlags context, NginxBuild build) =>
        Lookup(name).FirstOrDefault(e => build.Has(e.Module) && e.ExistsIn(build.Version) && e.AllowedIn(context));

    public static NginxDirectiveInfo? Find(string name, NginxContextFlags context, NginxVersion target) =>
        Find(name, context, NginxBuild.Standard(target));

    /// <summary>True for the bodies of <c>types</c>, <c>map</c>, <c>geo</c>, <c>split_clients</c>, <c>charset_map</c> and
    /// the like: their lines are not directives.</summary>
    public static bool IsFreeForm(NginxContextFlags context) => (context & NginxContextFlags.FreeForm) != 0;

    /// <summary>The modules a <c>load_module</c> line brings in, by the file's name (<c>modules/ngx_stream_module.so</c>).</summary>
    public static IReadOnlyList<NginxModule> ModulesLoadedBy(string path)
    {
        var file = path.Replace('\\', '/');
        file = file.Substring(file.LastIndexOf('/') + 1);
        return Modules.Where(m => string.Equals(m.DynamicFile, file, StringComparison.Ordinal)).ToArray();
    }

    /// <summary>What <c>nginx -t</c> says about a directive line, for a stock nginx of <paramref name="target"/> with
    /// every nginx.org module (see <see cref="NginxBuild.Standard"/>).</summary>
    public static NginxDirectiveProblem? Check(string name, int argCount, bool hasBlock, NginxContextFlags context, NginxVersion target) =>
        Check(name, argCount, hasBlock, context, NginxBuild.Standard(target));

    /// <summary>
    /// What <c>nginx -t</c> says about the directive <paramref name="name"/> with <paramref name="argCount"/> arguments
    /// (not counting the name), followed by <c>{</c> when <paramref name="hasBlock"/> and by <c>;</c> otherwise, standing
    /// in <paramref name="context"/>: null when nginx accepts it as far as names, contexts and counts go (the values are
    /// the module's business), else the problem in nginx's words. Follows ngx_conf_handler: the first entry of a module
    /// in the build that is allowed here decides; a name some module knows but not here is "not allowed here"; one no
    /// module knows is "unknown directive".
    /// </summary>
    public static NginxDirectiveProblem? Check(string name, int argCount, bool hasBlock, NginxContextFlags context, NginxBuild build)
    {
        if (IsFreeForm(context)) return null;
        var candidates = Lookup(name);
        var present = candidates.Where(e => build.Has(e.Module) && e.ExistsIn(build.Version)).ToList();
        foreach (var entry in present)
        {
            if (!entry.AllowedIn(context)) continue;
            if (!entry.OpensBlock && hasBlock) return Problem(NginxDirectiveProblemKind.NotTerminated, null);
            if (entry.OpensBlock && !hasBlock) return Problem(NginxDirectiveProblemKind.NoOpeningBrace, null);
            if (!entry.AcceptsArgumentCount(argCount))
                return Problem(NginxDirectiveProblemKind.InvalidArgumentCount, $"takes {Describe(entry.Args)}");
            return null;
        }
        if (present.Count > 0)
        {
            var note = "allowed in " + Describe(present.Aggregate(NginxContextFlags.None, (all, e) => all | e.Contexts));
            // Another release may allow it here (resolver in upstream since 1.27.3).
            if (candidates.FirstOrDefault(e => e.AllowedIn(context) && !e.ExistsIn(build.Version)) is { } other)
                note += other.Since is { } s && build.Version < s ? $"; allowed here since nginx {s}"
                    : other.Removed is { } r ? $"; was allowed here before nginx {r}" : "";
            return Problem(NginxDirectiveProblemKind.NotAllowedHere, note);
        }
        return UnknownProblem(name, candidates, build);

        NginxDirectiveProblem Problem(NginxDirectiveProblemKind kind, string? note) => new(kind, name, note, null, candidates);
    }

    private static NginxDirectiveProblem UnknownProblem(string name, IReadOnlyList<NginxDirectiveInfo> candidates, NginxBuild build)
    {
        var v = build.Version;
        // Prefer the explanation closest to the user's build: a module it has but a release that lacks the directive.
        var inBuild = candidates.Where(e => build.Has(e.Module)).ToList();
        if (inBuild.FirstOrDefault(e => e.Removed is { } r && v >= r) is { } removed)
            return new(NginxDirectiveProblemKind.UnknownDirective, name,
                $"removed in nginx {removed.Removed}" + (removed.Deprecation is null ? "" : $"; {removed.Deprecation}"), null, candidates);
        if (inBuild.FirstOrDefault(e => e.Since is { } s && v < s) is { } newer)
            return new(NginxDirectiveProblemKind.UnknownDirective, name,
                $"appeared in nginx {newer.Since} ({newer.Module.Name}); this is {v}", null, candidates);
        if (candidates.FirstOrDefault(e => !build.Has(e.Module) && e.ExistsIn(v)) is { } elsewhere)
            return new(NginxDirectiveProblemKind.UnknownDirective, name, "needs " + elsewhere.Module.Hint, elsewhere.Module, candidates);
        if (candidates.FirstOrDefault(e => e.Since is { } s && v < s) is { } later)
            return new(NginxDirectiveProblemKind.UnknownDirective, name,
                $"appeared in nginx {later.Since} ({later.Module.Hint}); this is {v}", later.Module, candidates);
        return new(NginxDirectiveProblemKind.UnknownDirective, name, null, null, candidates);
    }

    /// <summary>"http, server, location" for a set of contexts, in nginx's documentation words.</summary>
    public static string Describe(NginxContextFlags contexts)
    {
        var words = new List<string>();
        foreach (var (bit, word) in ContextWords)
            if ((contexts & bit) == bit) { words.Add(word); contexts &= ~bit; }
        return string.Join(", ", words);
    }

    private static readonly (NginxContextFlags, string)[] ContextWords =
    {
        (AnyContext, "any"), (Main, "main"), (Events, "events"), (Http, "http"), (Srv, "server"), (Loc, "location"),
        (SIf, "if in server"), (LIf, "if in location"), (Lmt, "limit_except"), (Ups, "upstream"), (Stream, "stream"),
        (SSrv, "stream server"), (SUps, "stream upstream"), (Mail, "mail"), (MSrv, "mail server"), (TypesBody, "types"),
        (MapBody, "map"), (GeoBody, "geo"), (SplitBody, "split_clients"), (CharsetBody, "charset_map"),
        (KeyValueBody, "key-value block"), (ScriptBody, "script block"),
    };

    /// <summary>"1 or 2 arguments", "on or off", "no arguments" ...</summary>
    public static string Describe(NginxArgs args)
    {
        if ((args & Any) != 0) return "any number of arguments";
        if ((args & Flag) != 0) return "\"on\" or \"off\"";
        if ((args & OneMore) != 0) return "1 or more arguments";
        if ((args & TwoMore) != 0) return "2 or more arguments";
        var counts = Enumerable.Range(0, 8).Where(n => ((int)args & (1 << n)) != 0).Select(n => n.ToString()).ToList();
        if (counts.Count == 1 && counts[0] == "0") return "no arguments";
        var text = counts.Count == 1 ? counts[0] : string.Join(", ", counts.Take(counts.Count - 1)) + " or " + counts[counts.Count - 1];
        return text + (counts.Count == 1 && counts[0] == "1" ? " argument" : " arguments");
    }

    private static NginxDirectiveInfo D(string name, NginxModule module, NginxContextFlags contexts, NginxArgs args,
        string? since = null, string? removed = null, string? deprecated = null, string? note = null, NginxContextFlags body = NginxContextFlags.None) =>
        new(name, module, contexts, args, Version(since), Version(removed), Version(deprecated), note, body);

    private static NginxVersion? Version(string? text) => text is null ? null : NginxVersion.Parse(text);
}

/// <summary>A parameter of a directive that appeared, or became deprecated, in a given release.</summary>
public sealed class NginxParameterChange
{
    internal NginxParameterChange(string directive, string parameter, string? since = null, string? deprecated = null, string? note = null)
    {
        Directive = directive;
        Parameter = parameter;
        Since = since is null ? null : NginxVersion.Parse(since);
        Deprecated = deprecated is null ? null : NginxVersion.Parse(deprecated);
        Note = note;
    }

    public string Directive { get; }
    public string Parameter { get; }
    public NginxVersion? Since { get; }
    public NginxVersion? Deprecated { get; }
    public string? Note { get; }
}
