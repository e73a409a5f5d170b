using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Formats.Nginx;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Nginx;

/// <summary>The regex reader (what a capture group can match, what precedes it) and the variable model (set/map
/// chains, capture providers, builtins) that NGX018–NGX023 share.</summary>
public class NginxVariablesTests
{
    private static RxGroup Group1(string pattern, bool caseless = false)
    {
        var regex = NginxRegex.Parse(pattern, caseless);
        Assert.True(regex.IsValid, regex.Error);
        return regex.Group(1)!;
    }

    // ---- what a group can match ---------------------------------------------------------------------------------

    [Theory]
    // PCRE without DOTALL: '.' matches CR but not LF (verified on nginx: "(.*)" carries a bare CR, never LF).
    [InlineData("(.*)", true, false)]
    [InlineData("(.+)", true, false)]
    [InlineData(@"(\N+)", true, false)]
    [InlineData("(?s)(.*)", true, true)]
    [InlineData("(?s:(.*))", true, true)]
    [InlineData("((?s).*)", true, true)]
    [InlineData("(?s)(?-s)(.*)", true, false)]
    // Negated classes match both unless they list them.
    [InlineData("([^/]+)", true, true)]
    [InlineData("([^/]*)", true, true)]
    [InlineData("([^?]*)", true, true)]
    [InlineData(@"([^/\r\n]+)", false, false)]
    [InlineData("([^/\r\n]+)", false, false)] // nginx's tokenizer has already turned \r \n into the characters
    [InlineData(@"([^\s/]+)", false, false)]
    [InlineData(@"(\s+)", true, true)]
    [InlineData(@"(\v)", true, true)]
    [InlineData(@"(\R)", true, true)]
    [InlineData(@"(\W)", true, true)]
    [InlineData(@"(\D)", true, true)]
    [InlineData(@"(\H)", true, true)]
    [InlineData("([[:space:]])", true, true)]
    [InlineData("([[:cntrl:]])", true, true)]
    [InlineData("([[:^alpha:]])", true, true)]
    [InlineData(@"(\X)", true, true)]
    // Classes without line breaks.
    [InlineData(@"(\S+)", false, false)]
    [InlineData(@"(\w+)", false, false)]
    [InlineData(@"(\d+)", false, false)]
    [InlineData(@"(\h+)", false, false)]
    [InlineData("([[:alnum:]]+)", false, false)]
    [InlineData("([a-z]+)", false, false)]
    [InlineData("([A-Za-z0-9._~-]+)", false, false)]
    [InlineData(@"([\w.-]+)", false, false)]
    [InlineData("(abc)", false, false)]
    // Unions: alternatives, optional parts, back references.
    [InlineData(@"(a|\s)", true, true)]
    [InlineData(@"(x(?:y|.)?)", true, false)]
    [InlineData(@"(?:(\s)|x)\1", true, true)]
    [InlineData(@"(\s{0})", false, false)]
    public void A_group_can_match_CR_and_LF_by_its_character_classes(string pattern, bool cr, bool lf)
    {
        var group = Group1(pattern);
        Assert.Equal(cr, NginxRegex.CanMatch(group.Body, '\r'));
        Assert.Equal(lf, NginxRegex.CanMatch(group.Body, '\n'));
        var expected = (cr ? NginxChars.CarriageReturn : NginxChars.None) | (lf ? NginxChars.LineFeed : NginxChars.None);
        Assert.Equal(expected, NginxCharsExtensions.MatchableBy(group.Body, NginxChars.LineBreaks));
    }

    [Theory]
    [InlineData("([^/]+)", "CR, LF, '.', '@', ':', '?' and '#'")]
    [InlineData("(.*)", "CR, '/', '.', '@', ':', '?' and '#'")]
    [InlineData("([a-z]+)", "")]
    [InlineData(@"([a-z]+\.example)", "")] // the literal dot is fixed text, not the client's choice
    [InlineData("([a-z.]+)", "'.'")]
    [InlineData("([a-z0-9-]+)", "")]
    public void Literal_text_in_a_group_does_not_count_as_something_the_client_chooses(string pattern, string chars)
    {
        Assert.Equal(chars, NginxCharsExtensions.MatchableBy(Group1(pattern).Body).Describe());
    }

    [Theory]
    [InlineData("[a-z]")]
    [InlineData("[^a-z]")]
    [InlineData("[^/]")]
    [InlineData(@"[\w.-]")]
    [InlineData(@"[^\s/]")]
    [InlineData(@"[\d\-x]")]
    [InlineData("[]a]")]
    [InlineData("[^]a]")]
    [InlineData("[a-]")]
    [InlineData(@"[\x41-\x43]")]
    [InlineData(@"[\101]")]
    [InlineData("[[:alpha:][:digit:]_]")]
    [InlineData("[[:punct:]]")]
    [InlineData(@"\S")]
    [InlineData(@"\W")]
    [InlineData(@"\d")]
    [InlineData(@"\D")]
    [InlineData(".")]
    public void Character_classes_match_what_a_real_regex_engine_matches_over_ASCII(string atom)
    {
        // .NET reads these ASCII classes as PCRE does (POSIX classes aside, which it lacks: spelled out for it).
        var dotnet = atom.Replace("[:alpha:]", "a-zA-Z").Replace("[:digit:]", "0-9").Replace("[[:punct:]]", @"[!-/:-@\[-`{-~]");
        var reference = new Regex("^" + dotnet + "$", RegexOptions.CultureInvariant);
        var group = Group1("(" + atom + ")");
        for (var c = (char)0; c < 128; c++)
            Assert.True(reference.IsMatch(c.ToString()) == NginxRegex.CanMatch(group.Body, c), $"{atom} and U+{(int)c:X4}");
    }

    [Fact]
    public void Case_folding_follows_the_caseless_flag()
    {
        Assert.True(NginxRegex.CanMatch(Group1("([a-c])", caseless: true).Body, 'B'));
        Assert.False(NginxRegex.CanMatch(Group1("([a-c])").Body, 'B'));
        Assert.True(NginxRegex.CanMatch(Group1("(?i)(x)").Body, 'X'));
        Assert.True(Group1("(?i)(x)").Body is RxSequence { Items: [RxAtom { IsLiteral: true }] });
    }

    [Fact]
    public void Groups_are_numbered_by_their_opening_parenthesis_as_PCRE_numbers_them()
    {
        var regex = NginxRegex.Parse(@"^/(a)(?:b)(?<name>c)(?P<p>d)(?'q'e)(?=(f))(?#note)\(g\)(h)$");
        Assert.True(regex.IsValid, regex.Error);
        Assert.Equal(new int?[] { 1, 2, 3, 4, 5, 6 }, regex.Groups.Select(g => g.Number));
        Assert.Equal(2, regex.Group("name")!.Number);
        Assert.Equal(3, regex.Group("P")!.Number);
        Assert.Equal(4, regex.Group("q")!.Number);
        Assert.Equal("(h)", regex.Text(regex.Group(6)!));
        Assert.Equal("(?<name>c)", regex.Text(regex.Group("name")!));
        Assert.Null(regex.Group(7));
        Assert.Same(regex.Group("name"), regex.GroupFor(NginxVariable.Scan("$name").Single()));
        Assert.Same(regex.Group(1), regex.GroupFor(NginxVariable.Scan("$1").Single()));
    }

    [Theory]
    [InlineData("(a")]
    [InlineData("a)")]
    [InlineData("[a")]
    [InlineData("*a")]
    [InlineData(@"a\")]
    [InlineData("(?<n>a")]
    [InlineData("[z-a]")]
    public void An_unreadable_pattern_has_an_error_and_no_groups(string pattern)
    {
        var regex = NginxRegex.Parse(pattern);
        Assert.False(regex.IsValid);
        Assert.NotNull(regex.Error);
        Assert.Empty(regex.Groups);
    }

    [Fact]
    public void Nesting_deeper_than_pcre_allows_is_an_error_not_a_crash()
    {
        var regex = NginxRegex.Parse(new string('(', 5000) + "a" + new string(')', 5000));
        Assert.False(regex.IsValid);
        Assert.Contains("nested", regex.Error);
        Assert.True(NginxRegex.Parse(new string('(', 200) + "a" + new string(')', 200)).IsValid);
    }

    [Theory]
    [InlineData(@"(*UTF)^/(.*)$")]
    [InlineData(@"^/\Q(.)\E(.*)$")]
    [InlineData("^/a{2,}b{,3}c{1}x{y(.*)$")]
    [InlineData(@"^/(?x) a # comment
        (.*)$")]
    [InlineData(@"^/a++b*?(?>c)(.*)$")]
    [InlineData(@"^/(?|x|y)(.*)$")]
    public void Reads_pcre_syntax_nginx_configurations_use(string pattern)
    {
        var regex = NginxRegex.Parse(pattern);
        Assert.True(regex.IsValid, regex.Error);
        Assert.NotNull(regex.Groups.Last());
        Assert.True(NginxRegex.CanMatch(regex.Groups.Last().Body, '\r'));
    }

    // ---- what precedes a group and how it starts (NGX018) -----------------------------------------------------------

    [Theory]
    [InlineData("^/img(.*)$", false)]      // preceded by 'g': GET /img../x
    [InlineData("^/img/?(.*)$", false)]    // the '/' is optional
    [InlineData("^/img/(.*)$", true)]
    [InlineData("/img/(.*)$", true)]       // unanchored, but a literal '/' is still required right before it
    [InlineData("^(.*)$", true)]           // at the start of the URI, which starts with '/'
    [InlineData("(.*)$", false)]           // the match can start anywhere
    [InlineData("^/(?:img|pic)/(.*)$", true)]
    [InlineData("^/(img|pic)(.*)$", false)]
    [InlineData("^/(?:a/)+(.*)$", true)]
    public void Knows_whether_a_slash_always_precedes_a_group(string pattern, bool always)
    {
        var regex = NginxRegex.Parse(pattern);
        Assert.Equal(always, NginxRegex.Preceding(regex.Groups.Last()).Always('/'));
    }

    [Fact]
    public void Knows_how_a_group_can_start()
    {
        Assert.True(NginxRegex.CanStartWith(Group1("(.*)").Body, '.'));
        Assert.False(NginxRegex.CanStartWith(Group1("(/.*)").Body, '.'));
        Assert.True(NginxRegex.CanStartWith(Group1("(x?.*)").Body, '.'));
        Assert.False(NginxRegex.CanStartWith(Group1(@"(\w.*)").Body, '.'));
        var regex = NginxRegex.Parse("^/img(.*)$");
        Assert.Equal("/img../etc/passwd", NginxRegex.Sample(regex.Root!, regex.Group(1), "../etc/passwd"));
    }

    [Fact]
    public void Alternatives_open_unrepeated_groups_and_keep_what_surrounds_them()
    {
        var regex = NginxRegex.Parse(@"((https://[A-Za-z0-9\-]+\.google\.com)|(http://localhost:123))$", caseless: true);
        var alternatives = regex.Alternatives();
        Assert.Equal(2, alternatives.Count);
        Assert.All(alternatives, a => Assert.IsType<RxAnchor>(a[a.Count - 1]));
        Assert.Equal("https://x.google.com", NginxRegex.Sample(alternatives[0]));
        Assert.Equal("http://localhost:123", NginxRegex.Sample(alternatives[1]));
        // A repeated group stays whole.
        var repeated = NginxRegex.Parse(@"^https://(www\.)?example\.com$").Alternatives();
        Assert.Contains(Assert.Single(repeated), n => n is RxRepeat);
        Assert.True(NginxRegex.Parse("^a|^b").AnchoredAtStart);
        Assert.False(NginxRegex.Parse("^a|b").AnchoredAtStart);
    }

    // ---- the variable model --------------------------------------------------------------------------------------

    private static (NginxConfig Config, NginxVariables Variables) Load(string nginxConf)
    {
        using var tree = new TempDir();
        tree.Write("nginx.conf", nginxConf);
        var (stack, _) = NginxIncludeTests.Load(tree);
        var config = Assert.Single(stack.Nginx);
        var levels = NginxLevel.Build(config).SelectMany(l => new[] { l }.Concat(l.Descendants()));
        return (config, new NginxVariables(config, levels));
    }

    private static NginxValueSource[] Sources(NginxVariables variables, NginxNode at, string variable) =>
        variables.Resolve(at, at.Arguments.SelectMany(a => a.Variables).First(v => v.ToString() == variable)).ToArray();

    private static NginxNode Line(NginxConfig config, int line) => config.AllNodes().Single(n => n.Directive.Line == line && !n.HasBlock);

    [Fact]
    public void Set_chains_are_followed_to_their_sources()
    {
        var (config, variables) = Load("""
            http {
                server {
                    set $a $http_x_backend;
                    location / {
                        set $b "pre-$a";
                        add_header X $b;
                        set $loop1 $loop2;
                        set $loop2 $loop1;
                        add_header Y $loop1;
                    }
                }
            }
            """);
        var source = Assert.Single(Sources(variables, Line(config, 6), "$b"));
        Assert.Equal("$http_x_backend", source.Variable);
        Assert.True(source.Controlled);
        Assert.Equal(2, source.Via.Count);
        Assert.Contains("`$b` set at nginx.conf:5", source.Via[0]);
        Assert.Contains("`$a` set at nginx.conf:3", source.Via[1]);
        Assert.False(source.CanContain(NginxChars.LineBreaks));
        Assert.True(source.CanContain(NginxChars.Dot));
        Assert.Empty(Sources(variables, Line(config, 9), "$loop1")); // a cycle ends, with nothing controlled
    }

    [Fact]
    public void Chains_that_fan_out_are_followed_within_a_bound()
    {
        // 40 levels of "set $vN "$vN+1$vN+1"" would be 2^40 paths; the bounded walk still finds the source.
        var sets = string.Concat(Enumerable.Range(0, 40).Select(i => $"set $v{i} \"$v{i + 1}$v{i + 1}\";\n"));
        var (config, variables) = Load($"http {{ server {{ location / {{\n{sets}set $v40 $http_x;\nadd_header X $v0;\n}} }} }}");
        var sources = Sources(variables, config.All("add_header").Single(), "$v0");
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.Equal("$http_x", s.Variable));
    }

    [Fact]
    public void Maps_of_literals_are_allow_lists_and_map_captures_come_from_the_key_regex()
    {
        var (config, variables) = Load("""
            http {
                map $http_x_tenant $fixed { default a; b b; }
                map $http_x_tenant $open { default a; ~^(?<t>[a-z]+)\.(.*)$ $t-$2; }
                map $http_x_tenant $copied { default $http_x_tenant; x y; }
                server {
                    add_header A $fixed;
                    add_header B $open;
                    add_header C $copied;
                }
            }
            """);
        var fixedSource = Assert.Single(Sources(variables, Line(config, 6), "$fixed"));
        Assert.False(fixedSource.Controlled);
        Assert.Contains("allow-list", fixedSource.Note);
        var open = Sources(variables, Line(config, 7), "$open");
        Assert.Equal(new[] { "$t", "$2" }, open.Select(s => s.Variable));
        Assert.All(open, s => Assert.Equal(NginxCaptureKind.Map, s.Capture!.Kind));
        Assert.False(open[0].CanContain(NginxChars.Dot | NginxChars.Slash));
        Assert.True(open[1].CanContain(NginxChars.Dot | NginxChars.Slash));
        Assert.False(open[1].CanContain(NginxChars.LineBreaks)); // bounded by the header it captures from
        Assert.Equal("$http_x_tenant", Assert.Single(Sources(variables, Line(config, 8), "$copied")).Variable);
    }

    [Fact]
    public void Numbered_captures_come_from_the_regex_in_effect_at_the_directive()
    {
        var (config, variables) = Load("""
            http {
                server {
                    location ~ ^/(.*)$ {
                        if ($request_uri ~ ^/x/(.*)$) {
                            return 301 https://example.com/$1;
                        }
                        add_header X $1;
                        rewrite ^/r/([^/]+)$ https://example.com/$1 redirect;
                        location /nested/ {
                            add_header N $1;
                        }
                    }
                    location /plain/ {
                        add_header P $1;
                    }
                }
            }
            """);
        // Inside the if: its regex over $request_uri, which holds no line breaks.
        var inIf = Assert.Single(Sources(variables, Line(config, 5), "$1"));
        Assert.Equal(NginxCaptureKind.If, inIf.Capture!.Kind);
        Assert.False(inIf.CanContain(NginxChars.LineBreaks));
        // After the rewrite phase: the location's, the if's (its configuration may be the one in effect) or the rewrite's.
        var content = Sources(variables, Line(config, 7), "$1");
        Assert.Equal(new[] { NginxCaptureKind.If, NginxCaptureKind.Rewrite, NginxCaptureKind.Location }, content.Select(s => s.Capture!.Kind));
        Assert.True(content.Single(s => s.Capture!.Kind == NginxCaptureKind.Location).CanContain(NginxChars.CarriageReturn));
        Assert.False(content.Single(s => s.Capture!.Kind == NginxCaptureKind.Location).CanContain(NginxChars.LineFeed));
        Assert.True(content.Single(s => s.Capture!.Kind == NginxCaptureKind.Rewrite).CanContain(NginxChars.LineBreaks));
        // In its own replacement nginx escapes a rewrite's numbered captures.
        var own = Assert.Single(Sources(variables, Line(config, 8), "$1"));
        Assert.Equal(NginxCaptureKind.Rewrite, own.Capture!.Kind);
        Assert.False(own.CanContain(NginxChars.LineBreaks));
        Assert.Contains("escaped", own.Note);
        // A nested prefix location keeps the enclosing regex location's captures; a prefix location has none.
        Assert.Equal(NginxCaptureKind.Location, Assert.Single(Sources(variables, Line(config, 10), "$1")).Capture!.Kind);
        Assert.Empty(Sources(variables, Line(config, 14), "$1"));
    }

    [Fact]
    public void Named_captures_are_variables_that_rewrite_does_not_escape()
    {
        var (config, variables) = Load("""
            http {
                server {
                    location /n/ {
                        rewrite ^/n/(?<rest>[^/]*)$ https://example.com/$rest redirect;
                    }
                    location ~ ^/(?<page>[a-z]+)$ {
                        add_header X $page;
                    }
                }
            }
            """);
        var rest = Assert.Single(Sources(variables, Line(config, 4), "$rest"));
        Assert.True(rest.CanContain(NginxChars.LineBreaks));
        Assert.Null(rest.Note);
        var page = Assert.Single(Sources(variables, Line(config, 7), "$page"));
        Assert.Equal(NginxCaptureKind.Location, page.Capture!.Kind);
        Assert.Equal(NginxChars.None, page.Chars);
    }

    [Fact]
    public void Host_is_the_clients_choice_only_on_the_default_server_of_a_socket()
    {
        var (config, variables) = Load("""
            http {
                server {
                    listen 80;
                    add_header A $host;
                }
                server {
                    listen 0.0.0.0:80;
                    server_name b.example;
                    add_header B $host;
                }
                server {
                    listen *:8080;
                    server_name c.example;
                    add_header C $host;
                }
                server {
                    listen 8080 default_server;
                    server_name d.example;
                    add_header D $host $http_host;
                }
            }
            """);
        Assert.True(Assert.Single(Sources(variables, Line(config, 4), "$host")).Controlled);   // first on *:80
        Assert.False(Assert.Single(Sources(variables, Line(config, 9), "$host")).Controlled);  // second on *:80
        Assert.False(Assert.Single(Sources(variables, Line(config, 14), "$host")).Controlled); // first, but not the marked default
        var host = Assert.Single(Sources(variables, Line(config, 19), "$host"));
        Assert.True(host.Controlled);
        Assert.False(host.CanContain(NginxChars.Slash | NginxChars.LineBreaks));
        Assert.True(host.CanContain(NginxChars.Dot));
    }

    [Theory]
    [InlineData("80", "*:80")]
    [InlineData("*:80", "*:80")]
    [InlineData("0.0.0.0:443", "*:443")]
    [InlineData("[::]:80", "[::]:80")]
    [InlineData("127.0.0.1", "127.0.0.1:80")]
    [InlineData("unix:/run/nginx.sock", "unix:/run/nginx.sock")]
    public void Listen_addresses_name_sockets(string address, string socket) => Assert.Equal(socket, NginxVariables.Socket(address));

    [Fact]
    public void Builtins_say_who_chooses_them_and_what_they_can_hold()
    {
        Assert.True(NginxBuiltin.Of("uri").Chars.Has(NginxChars.LineFeed));
        Assert.False(NginxBuiltin.Of("request_uri").Chars.Has(NginxChars.LineBreaks));
        Assert.False(NginxBuiltin.Of("arg_q").Chars.Has(NginxChars.LineBreaks));
        Assert.Equal(NginxControl.Client, NginxBuiltin.Of("cookie_session").Control);
        Assert.True(NginxBuiltin.Of("remote_user").Chars.Has(NginxChars.LineBreaks));
        Assert.False(NginxBuiltin.Of("http_host").Chars.Has(NginxChars.Slash));
        Assert.Equal(NginxControl.Upstream, NginxBuiltin.Of("upstream_http_location").Control);
        Assert.Equal(NginxControl.Fixed, NginxBuiltin.Of("scheme").Control);
        Assert.Equal(NginxControl.Fixed, NginxBuiltin.Of("some_module_variable").Control);
    }

    [Theory]
    [InlineData("http://$1.internal.example:8080/$2", "$1.internal.example:8080", "$1", false)]
    [InlineData("http://$host$request_uri", "$host", "$host", true)]
    [InlineData("http://$host:$server_port/x", "$host:$server_port", "$host $server_port", true)]
    [InlineData("https://$backend/api/", "$backend", "$backend", true)]
    [InlineData("http://backend$request_uri", "backend", "", false)]
    [InlineData("http://backend$uri?x=$arg_q", "backend", "", false)]
    [InlineData("http://backend/search?q=$arg_q", "backend", "", false)]
    [InlineData("$upstream_addr", "$upstream_addr", "$upstream_addr", true)]
    [InlineData("http://user@$h", "user@$h", "$h", false)]
    public void Urls_split_into_scheme_authority_and_the_rest(string target, string authority, string variables, bool variablesOnly)
    {
        var (config, model) = Load($"http {{ server {{ location / {{ proxy_pass {target}; }} }} }}");
        var node = config.All("proxy_pass").Single();
        var url = NginxUrl.Split(node, node.Arguments[0], model);
        Assert.Equal(authority, url.Authority);
        Assert.Equal(variables, string.Join(" ", url.AuthorityVariables));
        Assert.Equal(variablesOnly, url.HostIsVariablesOnly);
    }

    [Fact]
    public void Scheme_variables_and_unix_sockets_are_told_apart()
    {
        var (config, model) = Load("http { server { location / { proxy_pass $proto://app; } location /s { proxy_pass http://unix:/run/app.sock:/; } } }");
        var nodes = config.All("proxy_pass").ToList();
        Assert.Equal("$proto", string.Join(" ", NginxUrl.Split(nodes[0], nodes[0].Arguments[0], model).SchemeVariables));
        Assert.True(NginxUrl.Split(nodes[1], nodes[1].Arguments[0], model).IsUnixSocket);
    }

    [Fact]
    public void Urls_kept_in_variables_are_split_where_they_are_set()
    {
        var (config, model) = Load("""
            http {
                server {
                    location ~ ^/p/(.*)$ {
                        set $upstream "http://some$request_uri";
                        set $other "https://$1/x";
                        proxy_pass $upstream;
                        proxy_pass $other;
                        proxy_pass http://fixed/$upstream;
                    }
                }
            }
            """);
        var sinks = config.All("proxy_pass").ToList();
        var first = Assert.Single(NginxUrl.Targets(sinks[0], sinks[0].Arguments[0], model));
        Assert.Equal("set", first.At.Name);
        Assert.Equal("some", first.Url.Authority);
        Assert.Empty(first.Url.AuthorityVariables);
        var second = Assert.Single(NginxUrl.Targets(sinks[1], sinks[1].Arguments[0], model));
        var capture = Assert.Single(model.Resolve(second.At, Assert.Single(second.Url.AuthorityVariables)));
        Assert.Equal(NginxCaptureKind.Location, capture.Capture!.Kind); // judged at the set, inside the regex location
        var third = Assert.Single(NginxUrl.Targets(sinks[2], sinks[2].Arguments[0], model));
        Assert.Same(sinks[2], third.At); // only a whole-value variable is opened
    }

    [Fact]
    public void A_group_of_literal_alternatives_is_not_the_clients_choice()
    {
        var (config, variables) = Load("""
            http {
                server {
                    location ~ ^/(eu|us)/(https?)/([a-z]+)$ {
                        add_header X "$1 $2 $3";
                    }
                }
            }
            """);
        var node = config.All("add_header").Single();
        Assert.False(Assert.Single(Sources(variables, node, "$1")).Controlled);
        Assert.Contains("literal", Assert.Single(Sources(variables, node, "$2")).Note);
        Assert.True(Assert.Single(Sources(variables, node, "$3")).Controlled);
    }

    [Theory]
    [InlineData("add_header X-A \"v\" always;", "v")]
    [InlineData("proxy_set_header Host $host;", "$host")]
    [InlineData("more_set_headers -s 404 -s '500 503' -t text/html 'Foo: bar' 'Baz: q';", "Foo: bar|Baz: q")]
    [InlineData("more_set_headers -r 'Foo: bar';", "Foo: bar")]
    [InlineData("add_header_inherit merge;", "")]
    public void Header_values_are_the_words_a_directive_sends(string directive, string values)
    {
        var (config, _) = Load($"http {{ server {{ location / {{ {directive} }} }} }}");
        var node = config.AllNodes().Single(n => n.Context == NginxContext.Location);
        Assert.Equal(values, string.Join("|", NginxHeaders.SetValues(node).Select(a => a.Value)));
    }

    // ---- the syntax around regexes ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("if ($http_origin ~* \"^https://x\\.com$\") { }", "$http_origin", "~*", "^https://x\\.com$")]
    [InlineData("if ($request_uri ~ ^/echo/(.*)$) { }", "$request_uri", "~", "^/echo/(.*)$")]
    [InlineData("if ( $a = 1 ) { }", "$a", "=", "1")]
    [InlineData("if ($invalid_referer) { }", "$invalid_referer", null, null)]
    [InlineData("if (!-f $request_filename) { }", "$request_filename", "!-f", null)]
    public void If_conditions_are_split_as_nginx_splits_them(string text, string left, string? op, string? right)
    {
        var (config, _) = Load($"http {{ server {{ location / {{ {text} }} }} }}");
        var condition = NginxCondition.Of(config.All("if").Single())!;
        Assert.Equal(left, condition.Left);
        Assert.Equal(op, condition.Operator);
        Assert.Equal(right, condition.Right);
    }

    [Theory]
    [InlineData("location /files { }", NginxLocationKind.Prefix, "/files")]
    [InlineData("location ^~ /static { }", NginxLocationKind.PrefixNoRegex, "/static")]
    [InlineData("location =/x { }", NginxLocationKind.Exact, "/x")]
    [InlineData("location ~* \\.php$ { }", NginxLocationKind.Regex, "\\.php$")]
    [InlineData("location ~^/img(.*)$ { }", NginxLocationKind.Regex, "^/img(.*)$")]
    [InlineData("location @app { }", NginxLocationKind.Named, "@app")]
    public void Location_modifiers_are_read_glued_or_apart(string text, NginxLocationKind kind, string path)
    {
        var (config, _) = Load($"http {{ server {{ {text} }} }}");
        var pattern = NginxLocationPattern.Of(config.All("location").Single())!;
        Assert.Equal(kind, pattern.Kind);
        Assert.Equal(path, pattern.Path);
    }
}
