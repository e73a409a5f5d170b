using System.Collections.Generic;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.Nginx;
using Stacklint.Stack;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Nginx;

/// <summary>Includes, entry points and fragments, through the real discovery, parser, resolver and loader.</summary>
public class NginxIncludeTests
{
    internal static (StackModel Stack, List<string> Diagnostics) Load(TempDir tree, IReadOnlyDictionary<string, string>? mappings = null)
    {
        var sink = new FindingSink();
        var store = new FileStore(tree.Root, "", sink);
        var stack = StackLoader.Load(store, Discovery.Walk(tree.Root), sink, mappings);
        return (stack, sink.Diagnostics.Brief().ToList());
    }

    private static NginxConfig Only(StackModel stack) => Assert.Single(stack.Nginx);

    [Fact]
    public void Relative_includes_resolve_against_the_main_file_directory_even_when_nested()
    {
        using var tree = new TempDir();
        tree.Write("deploy/nginx/nginx.conf", "events {}\nhttp {\n  include conf.d/*.conf;\n}\n");
        tree.Write("deploy/nginx/conf.d/site.conf", "server {\n  listen 80;\n  include snippets/headers.conf;\n}\n");
        tree.Write("deploy/nginx/snippets/headers.conf", "add_header X-Frame-Options DENY always;\n");
        // Not what nginx reads: relative paths never resolve against the including file's directory.
        tree.Write("deploy/nginx/conf.d/snippets/headers.conf", "add_header X-Wrong 1;\n");

        var (stack, diagnostics) = Load(tree);
        Assert.Empty(diagnostics);
        // The decoy is a file nothing includes: analysed on its own, as a fragment.
        Assert.Equal(new[] { false, true }, stack.Nginx.Select(c => c.IsFragment));
        var config = stack.Nginx[0];
        Assert.Equal(NginxContext.Main, config.RootContext);
        Assert.Equal("deploy/nginx", config.PrefixDirectory);
        var header = Assert.Single(config.All("add_header"));
        Assert.Equal("X-Frame-Options", header.Arg(0));
        Assert.Equal("server", header.Parent!.Name);
        Assert.Equal(NginxContext.Server, header.Context);
        Assert.Equal("deploy/nginx/snippets/headers.conf:1 (included from deploy/nginx/conf.d/site.conf:3, from deploy/nginx/nginx.conf:3)", header.Origin);
        Assert.Equal(new[] { "server", "http" }, header.Ancestors().Select(a => a.Name));
        Assert.Equal("http", config.All("server").Single().Parent!.Name);
        Assert.Equal(new[] { "events", "http" }, config.Directives.Select(d => d.Name));
        Assert.Equal(new[] { "deploy/nginx/nginx.conf", "deploy/nginx/conf.d/site.conf", "deploy/nginx/snippets/headers.conf" },
            config.Files.Select(f => f.RelativePath));
        Assert.Equal(2, config.Includes.Count);
        Assert.DoesNotContain(config.AllNodes(), n => n.Is("include"));
        Assert.Equal(new[] { "deploy/nginx/conf.d/site.conf", "deploy/nginx/conf.d/snippets/headers.conf", "deploy/nginx/nginx.conf", "deploy/nginx/snippets/headers.conf" },
            stack.Files.Select(f => f.RelativePath).OrderBy(p => p, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Absolute_etc_nginx_paths_map_onto_the_main_file_directory_and_other_absolute_paths_onto_its_host_tree()
    {
        using var tree = new TempDir();
        tree.Write("srv/etc/nginx/nginx.conf", "include /usr/share/nginx/modules/*.conf;\nevents {}\nhttp {\n  include /etc/nginx/mime.types;\n  include /etc/nginx/sites-enabled/*;\n}\n");
        tree.Write("srv/etc/nginx/mime.types", "types {\n  text/html html;\n}\n");
        tree.Write("srv/etc/nginx/sites-enabled/default", "server {\n  listen 80 default_server;\n}\n");
        tree.Write("srv/usr/share/nginx/modules/mod-stream.conf", "load_module modules/ngx_stream_module.so;\n");

        var (stack, diagnostics) = Load(tree);
        Assert.Empty(diagnostics);
        var config = Only(stack);
        Assert.Equal(new[] { "load_module", "events", "http" }, config.Directives.Select(d => d.Name));
        Assert.Equal(new[] { "types", "server" }, config.Directives[2].Block!.Select(d => d.Name));
        Assert.Equal(NginxContext.Entries, config.All("text/html").Single().Context);
    }

    [Fact]
    public void Path_mappings_from_the_configuration_come_first()
    {
        using var tree = new TempDir();
        tree.Write("nginx/nginx.conf", "events {}\nhttp {\n  include /opt/shared/nginx/*.conf;\n}\n");
        tree.Write("shared/tls.conf", "ssl_protocols TLSv1.2 TLSv1.3;\n");
        var (stack, diagnostics) = Load(tree, new Dictionary<string, string> { ["/opt/shared/nginx"] = "shared" });
        Assert.Empty(diagnostics);
        Assert.Equal("shared/tls.conf:1 (included from nginx/nginx.conf:3)", Only(stack).All("ssl_protocols").Single().Origin);
    }

    [Fact]
    public void Path_mappings_are_read_from_stacklint_yml()
    {
        using var tree = new TempDir();
        tree.Write(".stacklint.yml", "paths:\n  /etc/nginx/shared: common\n");
        tree.Write("nginx/nginx.conf", "events {}\nhttp {\n  include /etc/nginx/shared/x.conf;\n  include /etc/nginx/missing.conf;\n}\n");
        tree.Write("common/x.conf", "server_tokens off;\n");
        var result = Scan.Run(tree.Root);
        Assert.Equal(new[] { "nginx/nginx.conf:4 LNT002" }, result.Diagnostics.Where(d => d.Id.StartsWith("LNT")).Brief());
        Assert.Contains(result.Files, f => f.RelativePath == "common/x.conf");
    }

    [Fact]
    public void Globs_expand_in_sorted_order_and_a_glob_matching_nothing_is_fine()
    {
        using var tree = new TempDir();
        tree.Write("nginx.conf", "events {}\nhttp {\n  include conf.d/*.conf;\n  include custom.d/*.conf;\n  include /etc/nginx/modules-enabled/*.conf;\n}\n");
        tree.Write("conf.d/20-b.conf", "gzip on;\n");
        tree.Write("conf.d/10-a.conf", "sendfile on;\n");
        tree.Write("conf.d/.hidden.conf", "autoindex on;\n");
        tree.Write("conf.d/B.conf", "tcp_nopush on;\n");
        var (stack, diagnostics) = Load(tree);
        Assert.Empty(diagnostics);
        Assert.Equal(new[] { "sendfile", "gzip", "tcp_nopush" }, stack.Nginx[0].Directives[1].Block!.Select(d => d.Name));
        // .hidden.conf is not matched by the glob and nothing else includes it: a fragment of its own.
        Assert.Equal(2, stack.Nginx.Count);
        Assert.True(stack.Nginx[1].IsFragment);
        Assert.Equal("conf.d/.hidden.conf", stack.Nginx[1].Main.File.RelativePath);
    }

    [Fact]
    public void Missing_files_cycles_and_paths_outside_the_root_give_LNT002_and_terminate()
    {
        using var tree = new TempDir();
        tree.Write("nginx.conf", "events {}\nhttp {\n  include a.conf;\n  include missing.conf;\n  include ../../../../outside.conf;\n  server_tokens off;\n}\n");
        tree.Write("a.conf", "include b.conf;\ngzip on;\n");
        tree.Write("b.conf", "include a.conf;\nsendfile on;\n");
        var (stack, diagnostics) = Load(tree);
        Assert.Equal(new[] { "b.conf:1 LNT002", "nginx.conf:4 LNT002", "nginx.conf:5 LNT002" }, diagnostics.OrderBy(d => d));
        var http = Only(stack).Directives[1];
        Assert.Equal(new[] { "sendfile", "gzip", "server_tokens" }, http.Block!.Select(d => d.Name));
    }

    [Fact]
    public void A_file_included_from_two_places_appears_in_each_with_its_own_context()
    {
        using var tree = new TempDir();
        tree.Write("nginx.conf", "events {}\nhttp {\n  server {\n    include h.conf;\n    location /a {\n      include h.conf;\n    }\n  }\n}\n");
        tree.Write("h.conf", "add_header X-Content-Type-Options nosniff;\n");
        var (stack, _) = Load(tree);
        var headers = Only(stack).All("add_header").ToList();
        Assert.Equal(2, headers.Count);
        Assert.Same(headers[0].Directive, headers[1].Directive);
        Assert.Equal(new[] { NginxContext.Server, NginxContext.Location }, headers.Select(h => h.Context));
        Assert.Equal(new[] { "server", "location" }, headers.Select(h => h.Parent!.Name));
        Assert.Equal(new[] { 4, 6 }, headers.Select(h => h.IncludedBy!.Directive.Line));
    }

    [Fact]
    public void Include_inside_map_and_types_blocks_is_followed()
    {
        using var tree = new TempDir();
        tree.Write("nginx.conf", "events {}\nhttp {\n  map $uri $bad {\n    default 0;\n    include bad-uris.map;\n  }\n}\n");
        tree.Write("bad-uris.map", "~^/wp-admin 1;\n");
        var (stack, diagnostics) = Load(tree);
        Assert.Empty(diagnostics);
        var map = Only(stack).All("map").Single();
        Assert.Equal(new[] { "default", "~^/wp-admin" }, map.Block!.Select(d => d.Name));
        Assert.Equal(NginxContext.Entries, map.Block![1].Context);
        Assert.Contains(stack.Files, f => f.RelativePath == "bad-uris.map");
    }

    [Theory]
    [InlineData("conf.d/site.conf", "server {\n  listen 80;\n}\n", NginxContext.Http)]
    [InlineData("snippets/deny.conf", "location ~ /\\. {\n  deny all;\n}\n", NginxContext.Server)]
    [InlineData("snippets/headers.conf", "add_header X-Frame-Options DENY;\n", NginxContext.Server)]
    [InlineData("snippets/php.conf", "fastcgi_split_path_info ^(.+\\.php)(/.+)$;\ntry_files $uri =404;\nfastcgi_pass unix:/run/php.sock;\n", NginxContext.Location)]
    [InlineData("conf.d/zones.conf", "limit_req_zone $binary_remote_addr zone=one:10m rate=1r/s;\n", NginxContext.Http)]
    [InlineData("stream.d/dns.conf", "server {\n  listen 53 udp;\n  proxy_pass dns;\n}\n", NginxContext.Stream)]
    [InlineData("nginx.conf", "server {\n  listen 80;\n}\n", NginxContext.Http)]
    [InlineData("nginx.conf", "user nginx;\nworker_processes 2;\n", NginxContext.Main)]
    public void A_file_nothing_includes_is_analysed_in_the_context_its_content_implies(string path, string content, NginxContext context)
    {
        using var tree = new TempDir();
        tree.Write(path, content);
        var (stack, diagnostics) = Load(tree);
        Assert.Empty(diagnostics);
        var config = Only(stack);
        Assert.Equal(context, config.RootContext);
        Assert.Equal(context != NginxContext.Main, config.IsFragment);
        Assert.All(config.Directives, d => Assert.Equal(context, d.Context));
    }

    [Fact]
    public void A_fragment_included_by_another_fragment_is_analysed_there_and_relative_paths_use_the_conf_prefix()
    {
        using var tree = new TempDir();
        tree.Write("etc/nginx/sites-available/app", "server {\n  location ~ \\.php$ {\n    include snippets/fastcgi-php.conf;\n  }\n}\n");
        tree.Write("etc/nginx/snippets/fastcgi-php.conf", "fastcgi_split_path_info ^(.+?\\.php)(/.*)$;\ninclude fastcgi.conf;\n");
        tree.Write("etc/nginx/fastcgi.conf", "fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;\n");
        var (stack, diagnostics) = Load(tree);
        Assert.Empty(diagnostics);
        var config = Only(stack);
        Assert.Equal("etc/nginx/sites-available/app", config.Main.File.RelativePath);
        Assert.Equal("etc/nginx", config.PrefixDirectory);
        var param = config.All("fastcgi_param").Single();
        Assert.Equal(NginxContext.Location, param.Context);
        Assert.Equal("location", param.Parent!.Name);
    }

    [Fact]
    public void Sites_enabled_copies_of_sites_available_are_analysed_once()
    {
        using var tree = new TempDir();
        var site = "server {\n  listen 80;\n  autoindex on;\n}\n";
        tree.Write("nginx/sites-available/app", site);
        tree.Write("nginx/sites-enabled/app", site);
        tree.Write("nginx/sites-available/old", "server {\n  listen 8080;\n}\n");
        var (stack, _) = Load(tree);
        Assert.Equal(new[] { "nginx/sites-available/old", "nginx/sites-enabled/app" }, stack.Nginx.Select(c => c.Main.File.RelativePath).OrderBy(p => p));

        tree.Write("nginx/nginx.conf", "events {}\nhttp {\n  include /etc/nginx/sites-enabled/*;\n}\n");
        (stack, _) = Load(tree);
        Assert.Equal(new[] { "nginx/nginx.conf", "nginx/sites-available/old" }, stack.Nginx.Select(c => c.Main.File.RelativePath));
        Assert.DoesNotContain(stack.Files, f => f.RelativePath == "nginx/sites-available/app");
    }

    [Fact]
    public void Parse_errors_in_included_files_are_LNT001_at_their_line_and_everything_else_is_still_scanned()
    {
        using var tree = new TempDir();
        tree.Write("nginx/nginx.conf", "events {}\nhttp {\n  include conf.d/*.conf;\n  server_tokens off;\n}\n");
        tree.Write("nginx/conf.d/broken.conf", "server {\n  listen 80\n}\nserver {\n  listen 81;\n}\n");
        tree.Write("sshd_config", "PermitRootLogin yes\n");
        var result = Scan.Run(tree.Root);
        var brief = result.Diagnostics.Brief().ToList();
        Assert.Contains("nginx/conf.d/broken.conf:3 LNT001", brief);
        Assert.Single(result.Diagnostics, d => d.Id == "LNT001");
        Assert.Contains("sshd_config:1 SSH002", brief);
        var (stack, _) = Load(tree);
        Assert.Equal(new[] { "80", "81" }, Only(stack).All("listen").Select(l => l.Arg(0)));
    }

    [Fact]
    public void Includes_that_fan_out_stop_at_the_budget_instead_of_exploding()
    {
        using var tree = new TempDir();
        tree.Write("nginx.conf", "events {}\nhttp {\n" + string.Concat(Enumerable.Repeat("  include l1.conf;\n", 10)) + "}\n");
        for (var level = 1; level < 6; level++)
            tree.Write($"l{level}.conf", string.Concat(Enumerable.Repeat($"include l{level + 1}.conf;\n", 10)));
        tree.Write("l6.conf", "gzip on;\n");
        var (stack, diagnostics) = Load(tree);
        Assert.Contains(diagnostics, d => d.EndsWith("LNT002"));
        Assert.InRange(Only(stack).AllNodes().Count(), 1, NginxIncludeResolver.MaxNodes + 100);
    }
}
