using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Formats.Nginx;
using Stacklint.Text;
using Xunit;

namespace Stacklint.Tests.Nginx;

public class NginxParserTests
{
    internal static NginxDocument Parse(string text) =>
        NginxParser.Read(new SourceFile("nginx.conf", "/x/nginx.conf", SourceText.From(text)));

    private static NginxDirective Single(string text)
    {
        var document = Parse(text);
        Assert.Empty(document.Errors);
        return Assert.Single(document.Directives);
    }

    private static int LineOf(NginxDocument document, TextSpan span) => document.File.Text.Lines.GetLineFromPosition(span.Start).LineNumber + 1;

    [Theory]
    [InlineData("worker_processes auto;", "worker_processes", new[] { "auto" })]
    [InlineData("  listen\t443 ssl  http2 ;", "listen", new[] { "443", "ssl", "http2" })]
    [InlineData("daemon off;", "daemon", new[] { "off" })]
    [InlineData("internal;", "internal", new string[0])]
    [InlineData("server_name a.example b.example\n    c.example;", "server_name", new[] { "a.example", "b.example", "c.example" })]
    [InlineData("return 301 https://$host$request_uri;", "return", new[] { "301", "https://$host$request_uri" })]
    [InlineData("set $x ${request_uri}suffix;", "set", new[] { "$x", "${request_uri}suffix" })]
    [InlineData("set $a a#b;", "set", new[] { "$a", "a#b" })]
    [InlineData("set $a a}b;", "set", new[] { "$a", "a}b" })]
    [InlineData("set $a a\"b\"c;", "set", new[] { "$a", "a\"b\"c" })]
    [InlineData("add_header X \"a b; {c} #d\";", "add_header", new[] { "X", "a b; {c} #d" })]
    [InlineData("add_header X 'it\\'s';", "add_header", new[] { "X", "it's" })]
    [InlineData("add_header X \"q\\\"q\" 'q\\'q' \"b\\\\s\";", "add_header", new[] { "X", "q\"q", "q'q", "b\\s" })]
    [InlineData("add_header X \"a\\tb\\nc\\rd\";", "add_header", new[] { "X", "a\tb\nc\rd" })]
    [InlineData("rewrite ^/(.*)\\.php$ /$1\\.html;", "rewrite", new[] { "^/(.*)\\.php$", "/$1\\.html" })]
    [InlineData("set $a a\\ b;", "set", new[] { "$a", "a\\ b" })]
    [InlineData("set $a \\\"x;", "set", new[] { "$a", "\"x" })]
    [InlineData("resolver\n  # (1)\n  1.1.1.1 [::1]\n  # (2)\n  valid=60s;", "resolver", new[] { "1.1.1.1", "[::1]", "valid=60s" })]
    [InlineData("log_format main '$remote_addr \"$request\"'\n    '$status';", "log_format", new[] { "main", "$remote_addr \"$request\"", "$status" })]
    [InlineData("\"server_tokens\" off;", "server_tokens", new[] { "off" })]
    [InlineData("gzip on;\r\n", "gzip", new[] { "on" })]
    public void Reads_words_as_nginx_splits_them(string text, string name, string[] values)
    {
        var directive = Single(text);
        Assert.Equal(name, directive.Name);
        Assert.Equal(values, directive.Values.ToArray());
        Assert.False(directive.HasBlock);
    }

    [Fact]
    public void Raw_keeps_quotes_and_spans_point_at_the_words()
    {
        var document = Parse("# top\nhttp {\n  add_header X-Frame-Options \"DENY\" always;\n}\n");
        var http = Assert.Single(document.Directives);
        var header = Assert.Single(http.Block!);
        Assert.Equal("\"DENY\"", header.Arguments[1].Raw);
        Assert.True(header.Arguments[1].Quoted);
        Assert.Equal("DENY", header.Arguments[1].Value);
        Assert.Equal("\"DENY\"", document.File.Text.ToString(header.Arguments[1].Span));
        Assert.Equal("add_header", document.File.Text.ToString(header.NameSpan));
        Assert.Equal("add_header X-Frame-Options \"DENY\" always;", document.File.Text.ToString(header.Span));
        Assert.Equal("add_header X-Frame-Options \"DENY\" always", document.File.Text.ToString(header.HeadSpan));
        Assert.Equal("nginx.conf:3", header.Where);
        Assert.Equal(3, header.Line);
        Assert.Equal("http {\n  add_header X-Frame-Options \"DENY\" always;\n}", document.File.Text.ToString(http.Span));
        Assert.Equal(2, http.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void Blocks_nest_and_keep_their_arguments()
    {
        var document = Parse("events {}\nhttp {\n server {\n  listen 80;\n  location / { root /srv; }\n  location = /x {}\n }\n}\n");
        Assert.Empty(document.Errors);
        Assert.Equal(new[] { "events", "http" }, document.Directives.Select(d => d.Name));
        Assert.Empty(document.Directives[0].Block!);
        var server = Assert.Single(document.Directives[1].Block!);
        Assert.Equal(new[] { "listen", "location", "location" }, server.Block!.Select(d => d.Name));
        Assert.Equal(new[] { "/" }, server.Block![1].Values);
        Assert.Equal("root", Assert.Single(server.Block![1].Block!).Name);
        Assert.Equal(new[] { "=", "/x" }, server.Block![2].Values);
        Assert.Equal(new[] { "events", "http", "server", "listen", "location", "root", "location" }, document.AllDirectives().Select(d => d.Name));
    }

    [Theory]
    [InlineData("location ~ ^/(a|b)\\.php$ { }", new[] { "~", "^/(a|b)\\.php$" })]
    [InlineData("location ~* \\.(?:css|js)$ { }", new[] { "~*", "\\.(?:css|js)$" })]
    [InlineData("location ~* (?:#.*#|\\.(?:bak|sw[op])|~)$ { }", new[] { "~*", "(?:#.*#|\\.(?:bak|sw[op])|~)$" })]
    [InlineData("location ~ \"^/x{2,3}$\" { }", new[] { "~", "^/x{2,3}$" })]
    [InlineData("location ~ ^/a/{ }", new[] { "~", "^/a/" })]
    [InlineData("location ^~ /static/ { }", new[] { "^~", "/static/" })]
    [InlineData("location @fallback { }", new[] { "@fallback" })]
    public void Regex_locations_keep_their_pattern(string text, string[] values)
    {
        var directive = Single(text);
        Assert.True(directive.HasBlock);
        Assert.Equal(values, directive.Values.ToArray());
    }

    [Fact]
    public void A_brace_right_after_a_dollar_belongs_to_the_word()
    {
        // nginx keeps '{' after '$' in the word: "\.php${" is one word and no block opens (then "}" is unexpected).
        var document = Parse("location ~ \\.php${ }\n");
        var error = Assert.Single(document.Errors);
        Assert.StartsWith("unexpected \"}\"", error.Message);
        Assert.Equal(new[] { "~", "\\.php${" }, Assert.Single(document.Directives).Values);
    }

    [Theory]
    [InlineData("if ($request_method !~ ^(GET|HEAD)$) { return 444; }", new[] { "($request_method", "!~", "^(GET|HEAD)$)" })]
    [InlineData("if ($http_origin ~* \"^https://a$\") { return 403; }", new[] { "($http_origin", "~*", "^https://a$", ")" })]
    [InlineData("if ($a = \"x\"){ return 403; }", new[] { "($a", "=", "x", ")" })]
    [InlineData("if (-f $request_filename) { break; }", new[] { "(-f", "$request_filename)" })]
    public void If_conditions_keep_parentheses_in_the_arguments(string text, string[] values)
    {
        var directive = Single(text);
        Assert.Equal("if", directive.Name);
        Assert.Equal(values, directive.Values.ToArray());
        Assert.Single(directive.Block!);
    }

    [Fact]
    public void Map_geo_types_and_upstream_children_are_generic_directives()
    {
        var document = Parse(string.Join("\n",
            "map $sent_http_content_type $x {",
            "  default \"public\";",
            "  \"\" \"no-store\"; # empty key",
            "  ~*application/manifest\\+json \"public\";",
            "  hostnames;",
            "}",
            "geo $bad { default 0; 10.0.0.0/8 1; include geo.conf; }",
            "types { text/html html htm; image/svg+xml svg svgz; }",
            "upstream app { server 127.0.0.1:8080 weight=3; keepalive 16; }",
            "split_clients \"${remote_addr}AAA\" $variant { 0.5% .one; * \"\"; }",
            ""));
        Assert.Empty(document.Errors);
        var map = document.Directives[0];
        Assert.Equal(new[] { "default", "", "~*application/manifest+json", "hostnames" }.Take(2), map.Block!.Select(d => d.Name).Take(2));
        Assert.Equal("~*application/manifest\\+json", map.Block![2].Name);
        Assert.Equal(new[] { "no-store" }, map.Block![1].Values);
        Assert.Equal(new[] { "default", "10.0.0.0/8", "include" }, document.Directives[1].Block!.Select(d => d.Name));
        Assert.Equal(new[] { "html", "htm" }, document.Directives[2].Block![0].Values);
        Assert.Equal(new[] { "127.0.0.1:8080", "weight=3" }, document.Directives[3].Block![0].Values);
        Assert.Equal(new[] { "${remote_addr}AAA", "$variant" }, document.Directives[4].Values);
        Assert.Equal(new[] { "0.5%", "*" }, document.Directives[4].Block!.Select(d => d.Name));
    }

    [Fact]
    public void Lua_block_bodies_are_kept_opaque_with_braces_in_strings_and_comments()
    {
        var lua = "\n    local t = { a = \"}\", b = '{' } -- }\n    --[[ } ]] ngx.say([==[ } ]==])\n    if x then ngx.exit(403) end\n  ";
        var document = Parse("location / {\n  access_by_lua_block {" + lua + "}\n  root /srv;\n}\n");
        Assert.Empty(document.Errors);
        var location = Assert.Single(document.Directives);
        Assert.Equal(new[] { "access_by_lua_block", "root" }, location.Block!.Select(d => d.Name));
        var block = location.Block![0];
        Assert.Equal(lua, block.OpaqueBody);
        Assert.Empty(block.Block!);
        Assert.Equal(lua, document.File.Text.ToString(block.OpaqueBodySpan!.Value));
        var set = Single("set_by_lua_block $res { return 1 }");
        Assert.Equal(new[] { "$res" }, set.Values);
        Assert.Equal(" return 1 ", set.OpaqueBody);
    }

    [Fact]
    public void Unclosed_lua_block_is_an_error_at_the_end_of_the_file()
    {
        var document = Parse("content_by_lua_block {\n  ngx.say('x')\n");
        var error = Assert.Single(document.Errors);
        Assert.StartsWith("unexpected end of file, expecting \"}\"", error.Message);
        Assert.Equal(3, LineOf(document, error.Span));
    }

    [Fact]
    public void Comments_crlf_and_a_byte_order_mark_are_read_as_nginx_does()
    {
        var document = Parse("\uFEFF# comment { ; }\r\nuser www-data; # trailing } \r\nevents {\r\n}\r\n");
        Assert.Empty(document.Errors);
        Assert.Equal(new[] { "user", "events" }, document.Directives.Select(d => d.Name));
        Assert.Equal(new[] { "www-data" }, document.Directives[0].Values);
        Assert.Equal(2, document.Directives[0].Line);
        Assert.Equal(3, document.Directives[1].Line);
    }

    [Theory]
    [InlineData("$host", new[] { "host" })]
    [InlineData("https://$host$request_uri", new[] { "host", "request_uri" })]
    [InlineData("${HTTP_HOST}x$1$10", new[] { "HTTP_HOST", "1", "1" })]
    [InlineData("^/a$", new string[0])]
    [InlineData("$", new string[0])]
    [InlineData("${unclosed", new string[0])]
    [InlineData("$a-b $c_d9", new[] { "a", "c_d9" })]
    public void Variables_are_found_as_the_script_compiler_finds_them(string value, string[] names)
    {
        var variables = NginxVariable.Scan(value);
        Assert.Equal(names, variables.Select(v => v.Name).ToArray());
    }

    [Fact]
    public void Variable_details_captures_keys_and_positions()
    {
        var argument = Single("proxy_set_header Host ${Http_Host}$2;").Arguments[1];
        var variables = argument.Variables;
        Assert.Equal("http_host", variables[0].Key);
        Assert.True(variables[0].Is("$HTTP_HOST"));
        Assert.Null(variables[0].Capture);
        Assert.Equal((0, 12), (variables[0].Start, variables[0].Length));
        Assert.Equal(2, variables[1].Capture);
        Assert.Equal((12, 2), (variables[1].Start, variables[1].Length));
    }

    [Theory]
    // text, 1-based line nginx reports, start of the message
    [InlineData("http {\n  server {\n    root /x\n  }\n}\n", 4, "unexpected \"}\"")]
    [InlineData("http {\n  server {\n    root /x;\n\n}\n", 6, "unexpected end of file, expecting \"}\"")]
    [InlineData("http {\n  root \"/x;\n}\n", 4, "unexpected end of file, expecting \";\" or \"}\"")]
    [InlineData("http {\n  root \"/x\"a;\n}\n", 2, "unexpected \"a\"")]
    [InlineData("http {\n  root \"/x\"#c\n;}\n", 2, "unexpected \"#\"")]
    [InlineData("http {\n  add_header X 'it''s';\n}\n", 2, "unexpected \"'\"")]
    [InlineData("http {\n}\n}\n", 3, "unexpected \"}\"")]
    [InlineData("http {\n  server { } ;\n}\n", 2, "unexpected \";\"")]
    [InlineData("http {\n  sendfile on; { }\n}\n", 2, "unexpected \"{\"")]
    [InlineData("user nginx", 1, "unexpected end of file, expecting \";\" or \"}\"")]
    [InlineData("user nginx\n", 2, "unexpected end of file, expecting \";\" or \"}\"")]
    [InlineData("}", 1, "unexpected \"}\"")]
    [InlineData("events {\r\n  worker_connections 10\r\n}\r\n", 3, "unexpected \"}\"")]
    public void Syntax_errors_are_reported_on_the_line_nginx_reports(string text, int line, string message)
    {
        var document = Parse(text);
        var first = document.Errors.First();
        Assert.StartsWith(message, first.Message);
        Assert.Equal(line, LineOf(document, first.Span));
    }

    [Fact]
    public void After_an_error_the_parser_recovers_and_reads_on()
    {
        var document = Parse("http {\n  server {\n    root /x\n  }\n  server {\n    listen 80;\n  }\n}\n}\nuser a;\n");
        Assert.Equal(2, document.Errors.Count);
        Assert.Equal(4, LineOf(document, document.Errors[0].Span)); // the missing ';' ends at the '}'
        Assert.Equal(9, LineOf(document, document.Errors[1].Span)); // the stray '}'
        Assert.Equal(new[] { "http", "user" }, document.Directives.Select(d => d.Name));
        var servers = document.Directives[0].Block!;
        Assert.Equal(2, servers.Count);
        Assert.Equal(new[] { "/x" }, Assert.Single(servers[0].Block!).Values);
        Assert.Equal("listen", Assert.Single(servers[1].Block!).Name);
        Assert.Contains("\"root\" directive before it is not terminated by \";\"", document.Errors[0].Message);
    }

    [Fact]
    public void A_brace_glued_to_a_closing_quote_is_one_error()
    {
        var document = Parse("server {\n  add_header X \"a\"}\nlisten 80;\n");
        var error = Assert.Single(document.Errors);
        Assert.StartsWith("unexpected \"}\"", error.Message);
        Assert.Equal(new[] { "server", "listen" }, document.Directives.Select(d => d.Name));
    }

    [Fact]
    public void An_unclosed_block_ends_at_the_end_of_the_file_with_one_error()
    {
        var document = Parse("http {\n  server {\n    listen 80;\n");
        var error = Assert.Single(document.Errors);
        Assert.Contains("\"server\" block opened on line 2 is never closed", error.Message);
        var server = Assert.Single(Assert.Single(document.Directives).Block!);
        Assert.Equal("listen", Assert.Single(server.Block!).Name);
    }

    [Fact]
    public void A_word_longer_than_nginx_buffer_is_too_long_at_the_line_it_starts()
    {
        var document = Parse("http {\n# " + new string('a', 5000) + "\n}\n");
        var error = Assert.Single(document.Errors);
        Assert.StartsWith("too long parameter \"# aaaaaaaa...\" started", error.Message);
        Assert.Equal(2, LineOf(document, error.Span));
    }

    [Fact]
    public void A_quote_left_open_in_a_long_file_is_too_long_where_it_opens()
    {
        var body = "http {\n  add_header X \"abc;\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"  root /x{i};\n")) + "}\n";
        var document = Parse(body);
        var error = Assert.Single(document.Errors);
        Assert.StartsWith("too long parameter, probably missing terminating \" character", error.Message);
        Assert.Equal(2, LineOf(document, error.Span));
    }

    [Theory]
    [InlineData(4094, false)]
    [InlineData(4095, true)]
    [InlineData(4096, true)]
    public void The_buffer_limit_counts_bytes_from_where_the_word_starts(int length, bool tooLong)
    {
        // Checked against nginx 1.22: a 4095-byte quoted word plus its closing quote fills the buffer.
        var document = Parse("events {}\nhttp {\n add_header X \"" + new string('a', length) + "\";\n}\n");
        Assert.Equal(tooLong, document.Errors.Any(e => e.Message.StartsWith("too long parameter")));
    }

    [Fact]
    public void Multi_byte_characters_count_as_bytes_for_the_buffer()
    {
        // 2100 two-byte characters are 4200 bytes: too long for nginx although only 2100 chars.
        var document = Parse("http {\n add_header X \"" + new string('é', 2100) + "\";\n}\n");
        Assert.Contains(document.Errors, e => e.Message.StartsWith("too long parameter"));
    }

    [Fact]
    public void Parser_never_throws_on_garbage()
    {
        foreach (var text in new[] { "", "{", "}", ";", "\"", "'", "\\", "$", "${", "#", "a {", "a \"b", "{{{{", "}}}}", "a;;", "\0\u0001", "x { y { z" })
        {
            var document = Parse(text);
            Assert.NotNull(document.Directives);
        }
    }
}
