using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Stacklint.Formats.Nginx;
using Xunit;
using Xunit.Abstractions;

namespace Stacklint.Tests.Nginx;

/// <summary>
/// The directive table checked against the real nginx 1.22.1 (Debian 12): every directive of every module the build
/// has is tried in every context and with argument counts around the accepted ones, and <c>nginx -t</c> must refuse
/// exactly when <see cref="NginxDirectiveTable.Check(string,int,bool,NginxContextFlags,NginxBuild)"/> says it would, with
/// the same words.
/// </summary>
public class NginxDirectiveTableTests
{
    private readonly ITestOutputHelper _output;

    public NginxDirectiveTableTests(ITestOutputHelper output) => _output = output;

    private static readonly Lazy<Sweep> Results = new(() => Sweep.Run(NginxOracle.Build()));

    [Fact]
    public void Every_directive_is_accepted_or_refused_in_each_context_as_nginx_does()
    {
        var sweep = Results.Value;
        _output.WriteLine(sweep.Summary);
        Assert.True(sweep.ContextProbes > 5000, $"only {sweep.ContextProbes} (directive, context) cases");
        Assert.True(sweep.ContextDisagreements.Count == 0, string.Join("\n", sweep.ContextDisagreements));
    }

    [Fact]
    public void Argument_counts_are_accepted_or_refused_as_nginx_does()
    {
        var sweep = Results.Value;
        _output.WriteLine(sweep.Summary);
        Assert.True(sweep.CountProbes > 1500, $"only {sweep.CountProbes} (directive, argument count) cases");
        Assert.True(sweep.CountDisagreements.Count == 0, string.Join("\n", sweep.CountDisagreements));
    }

    [Fact]
    public void Block_directives_need_a_brace_and_others_a_semicolon_as_nginx_says()
    {
        var sweep = Results.Value;
        Assert.True(sweep.BlockProbes > 600, $"only {sweep.BlockProbes} block/terminator cases");
        Assert.True(sweep.BlockDisagreements.Count == 0, string.Join("\n", sweep.BlockDisagreements));
    }

    [Fact]
    public void Directives_nginx_warns_about_as_deprecated_or_obsolete_are_the_tables_deprecated_ones()
    {
        var sweep = Results.Value;
        Assert.True(sweep.DeprecationChecks > 1500, $"only {sweep.DeprecationChecks} accepted probes");
        Assert.True(sweep.DeprecationDisagreements.Count == 0, string.Join("\n", sweep.DeprecationDisagreements));
    }

    [Fact]
    public void The_value_generator_gives_values_nginx_accepts_wherever_the_table_allows_a_directive()
    {
        var sweep = Results.Value;
        var unexplained = sweep.NotFullyAccepted.Where(f => !SemanticExceptions.ContainsKey(f.Probe.Name)).ToList();
        Assert.True(unexplained.Count == 0, string.Join("\n", unexplained.Select(f => $"{f.Probe}: {f.Message}")));
        // Every exception must still be needed: a fixed generator shrinks the list.
        var stale = SemanticExceptions.Keys.Where(k => sweep.NotFullyAccepted.All(f => f.Probe.Name != k)).ToList();
        Assert.True(stale.Count == 0, "no longer refused: " + string.Join(", ", stale));
    }

    [Theory]
    [InlineData("http2", "on", NginxContextFlags.Server, "appeared in nginx 1.25.1")]
    [InlineData("http3", "on", NginxContextFlags.Server, "appeared in nginx 1.25.0")]
    [InlineData("quic_retry", "on", NginxContextFlags.Server, "appeared in nginx 1.25.0")]
    [InlineData("add_header_inherit", "merge", NginxContextFlags.Location, "appeared in nginx 1.29.3")]
    [InlineData("ssl_certificate_cache", "max=10", NginxContextFlags.Server, "appeared in nginx 1.27.4")]
    [InlineData("proxy_pass_trailers", "on", NginxContextFlags.Location, "appeared in nginx 1.27.2")]
    [InlineData("early_hints", "$http2", NginxContextFlags.Location, "appeared in nginx 1.29.0")]
    [InlineData("keepalive_min_timeout", "1s", NginxContextFlags.Http, "appeared in nginx 1.27.4")]
    [InlineData("sticky", "cookie srv_id", NginxContextFlags.Upstream, "appeared in nginx 1.29.6")]
    [InlineData("more_set_headers", "X-Probe:1", NginxContextFlags.Server, "ngx_http_headers_more_filter_module")]
    [InlineData("more_clear_headers", "Server", NginxContextFlags.Location, "ngx_http_headers_more_filter_module")]
    [InlineData("brotli", "on", NginxContextFlags.Http, "ngx_http_brotli_filter_module")]
    [InlineData("brotli_static", "on", NginxContextFlags.Location, "ngx_http_brotli_static_module")]
    [InlineData("lua_shared_dict", "cache 1m", NginxContextFlags.Http, "ngx_http_lua_module")]
    [InlineData("content_by_lua_file", "app.lua", NginxContextFlags.Location, "ngx_http_lua_module")]
    [InlineData("js_import", "app.js", NginxContextFlags.Http, "ngx_http_js_module")]
    [InlineData("js_content", "app.handler", NginxContextFlags.Location, "ngx_http_js_module")]
    [InlineData("geoip2_proxy", "127.0.0.1", NginxContextFlags.Http, "ngx_http_geoip2_module")]
    [InlineData("modsecurity", "on", NginxContextFlags.Server, "ngx_http_modsecurity_module")]
    [InlineData("subs_filter", "a b", NginxContextFlags.Location, "ngx_http_subs_filter_module")]
    [InlineData("echo", "hello", NginxContextFlags.Location, "ngx_http_echo_module")]
    [InlineData("proxy_passs", "http://127.0.0.1", NginxContextFlags.Location, null)]
    [InlineData("Gzip", "on", NginxContextFlags.Http, null)]
    [InlineData("ssl_protocol", "TLSv1.2", NginxContextFlags.Server, null)]
    public void Directives_nginx_1_22_does_not_know_are_unknown_with_the_reason(string name, string args, NginxContextFlags context, string? why)
    {
        var build = NginxOracle.Build();
        var probe = new NginxProbe(name, context, args.Split(' '), Block: false);
        var problem = NginxDirectiveTable.Check(name, probe.Args.Count, false, context, build);
        Assert.NotNull(problem);
        Assert.Equal(NginxDirectiveProblemKind.UnknownDirective, problem!.Kind);
        Assert.Equal($"unknown directive \"{name}\"", problem.Message);
        if (why is null) Assert.Null(problem.Note);
        else Assert.Contains(why, problem.Note);
        if (why is not null && !why.StartsWith("appeared", StringComparison.Ordinal))
        {
            Assert.Equal(NginxModuleKind.ThirdParty, problem.MissingModule!.Kind);
            Assert.Contains("load_module", problem.Note);
        }

        var (config, lines) = NginxProbes.Build(new[] { probe });
        var error = NginxOracle.Probe(config).Error;
        Assert.Equal(problem.Message, error?.Message);
        Assert.Equal(probe, lines[error!.Value.Line!.Value]);
    }

    [Fact]
    public void The_upstream_resolver_of_1_27_3_is_not_allowed_in_1_22_which_knows_resolver_elsewhere()
    {
        var problem = NginxDirectiveTable.Check("resolver", 1, false, NginxContextFlags.Upstream, NginxOracle.Build());
        Assert.Equal(NginxDirectiveProblemKind.NotAllowedHere, problem!.Kind);
        Assert.Contains("1.27.3", problem.Note);
        var probe = new NginxProbe("resolver", NginxContextFlags.Upstream, new[] { "127.0.0.1" }, Block: false);
        Assert.Equal(problem.Message, NginxOracle.Probe(NginxProbes.Build(new[] { probe }).Config).Error?.Message);
        Assert.Null(NginxDirectiveTable.Check("resolver", 1, false, NginxContextFlags.Upstream, new NginxVersion(1, 27, 3)));
    }

    [Fact]
    public void Debian_backports_max_headers_which_upstream_nginx_added_in_1_29_8()
    {
        // Debian's 1.22.1-9+deb12u* carries max_headers as a security backport (the binary has it as a module of its
        // own), so this nginx accepts what the table, which follows nginx.org releases, dates to 1.29.8.
        var probe = new NginxProbe("max_headers", NginxContextFlags.Server, new[] { "100" }, Block: false);
        Assert.True(NginxOracle.Probe(NginxProbes.Build(new[] { probe }).Config).Accepted);
        Assert.Contains("1.29.8", NginxDirectiveTable.Check("max_headers", 1, false, NginxContextFlags.Server, NginxVersion.Debian12)!.Note);
        Assert.Null(NginxDirectiveTable.Check("max_headers", 1, false, NginxContextFlags.Server, new NginxVersion(1, 29, 8)));
    }

    [Fact]
    public void Stream_directives_need_the_stream_module_loaded_and_nginx_says_unknown_without_it()
    {
        var build = NginxOracle.Build(withDynamic: false);
        var probe = new NginxProbe("proxy_timeout", NginxContextFlags.Location, new[] { "10s" }, Block: false);
        var problem = NginxDirectiveTable.Check("proxy_timeout", 1, false, NginxContextFlags.Location, build);
        Assert.Equal(NginxDirectiveProblemKind.UnknownDirective, problem!.Kind);
        Assert.Contains("ngx_stream_module.so", problem.Note);
        Assert.Equal(problem.Message, NginxOracle.Probe(NginxProbes.Build(new[] { probe }, Array.Empty<string>()).Config).Error?.Message);

        // Loaded, the stream module knows the name: nginx says "not allowed here" instead.
        var loaded = NginxDirectiveTable.Check("proxy_timeout", 1, false, NginxContextFlags.Location, NginxOracle.Build());
        Assert.Equal(NginxDirectiveProblemKind.NotAllowedHere, loaded!.Kind);
        Assert.Equal(loaded.Message, NginxOracle.Probe(NginxProbes.Build(new[] { probe }).Config).Error?.Message);
        var inStreamSo = NginxDirectiveTable.ModulesLoadedBy("/usr/lib/nginx/modules/ngx_stream_module.so").Select(m => m.Name).ToList();
        Assert.Contains("ngx_stream_core_module", inStreamSo);
        Assert.Contains("ngx_stream_proxy_module", inStreamSo);
        Assert.DoesNotContain("ngx_stream_geoip_module", inStreamSo);
    }

    [Fact]
    public void A_third_party_module_loaded_with_load_module_is_checked_like_the_others()
    {
        // Debian's libnginx-mod-http-echo (installed by tests/run.sh) stands for third-party modules: once loaded, the
        // table's entries for it must agree with nginx in every context and around every argument count.
        var build = NginxOracle.Build().With(NginxDirectiveTable.Echo);
        var sweep = Sweep.Run(build, e => e.Module == NginxDirectiveTable.Echo, new[] { "ngx_http_echo_module.so" });
        _output.WriteLine(sweep.Summary);
        Assert.Equal(19 * NginxProbes.Contexts.Length, sweep.ContextProbes);
        Assert.Empty(sweep.ContextDisagreements);
        Assert.Empty(sweep.CountDisagreements);
        Assert.Empty(sweep.BlockDisagreements);
    }

    [Fact]
    public void Entries_of_one_name_never_share_a_context_and_blocks_say_what_their_body_is()
    {
        var problems = new List<string>();
        foreach (var group in NginxDirectiveTable.All.GroupBy(e => e.Name))
            foreach (var a in group)
                foreach (var b in group.Where(b => !ReferenceEquals(a, b) && (a.Contexts & b.Contexts) != 0 && OverlapInTime(a, b)))
                    problems.Add($"{a} and {b} overlap");
        foreach (var e in NginxDirectiveTable.All)
        {
            if (e.OpensBlock != (e.Body != NginxContextFlags.None)) problems.Add($"{e}: block {e.OpensBlock}, body {e.Body}");
            if (e.Since is { } since && e.Removed is { } removed && since >= removed) problems.Add($"{e}: since {since} >= removed {removed}");
            if (e.Name != e.Name.ToLowerInvariant() || e.Name.Contains(' ')) problems.Add($"{e}: odd name");
            if ((e.Contexts & NginxContextFlags.FreeForm) != 0) problems.Add($"{e}: allowed in a free-form body");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(NginxDirectiveTable.All.Count > 800, $"{NginxDirectiveTable.All.Count} entries");
    }

    private static bool OverlapInTime(NginxDirectiveInfo a, NginxDirectiveInfo b) =>
        new[] { NginxVersion.OldestModeled, NginxVersion.Debian12, new NginxVersion(1, 25, 1), new NginxVersion(1, 27, 3), NginxVersion.Latest }
            .Any(v => a.ExistsIn(v) && b.ExistsIn(v));

    [Fact]
    public void Releases_add_and_remove_directives()
    {
        var v1_22 = NginxVersion.Debian12;
        var v1_25_1 = new NginxVersion(1, 25, 1);

        Assert.Equal(NginxDirectiveProblemKind.UnknownDirective, NginxDirectiveTable.Check("http2", 1, false, NginxContextFlags.Server, v1_22)!.Kind);
        Assert.Null(NginxDirectiveTable.Check("http2", 1, false, NginxContextFlags.Server, v1_25_1));
        Assert.Equal(NginxDirectiveProblemKind.NotAllowedHere, NginxDirectiveTable.Check("http2", 1, false, NginxContextFlags.Location, v1_25_1)!.Kind);

        // "ssl on;" warned from 1.15.0 and is gone in 1.25.1.
        var ssl = NginxDirectiveTable.Find("ssl", NginxContextFlags.Server, v1_22)!;
        Assert.True(ssl.IsDeprecatedIn(v1_22));
        Assert.Null(NginxDirectiveTable.Check("ssl", 1, false, NginxContextFlags.Server, v1_22));
        var gone = NginxDirectiveTable.Check("ssl", 1, false, NginxContextFlags.Server, v1_25_1)!;
        Assert.Equal("unknown directive \"ssl\"", gone.Message);
        Assert.StartsWith("removed in nginx 1.25.1", gone.Note);
        Assert.Contains("listen", gone.Note);

        // Server push: obsolete (accepted, ignored with a warning) from 1.25.1.
        var push = NginxDirectiveTable.Find("http2_push", NginxContextFlags.Location, v1_25_1)!;
        Assert.True(push.IsDeprecatedIn(v1_25_1));
        Assert.False(push.IsDeprecatedIn(v1_22));

        Assert.Null(NginxDirectiveTable.Check("add_header_inherit", 1, false, NginxContextFlags.IfInLocation, new NginxVersion(1, 29, 3)));
        Assert.NotNull(NginxDirectiveTable.Check("add_header_inherit", 1, false, NginxContextFlags.IfInLocation, new NginxVersion(1, 29, 2)));
        Assert.Null(NginxDirectiveTable.Check("server_name", 1, false, NginxContextFlags.StreamServer, new NginxVersion(1, 25, 5)));
        Assert.Equal(NginxDirectiveProblemKind.NotAllowedHere,
            NginxDirectiveTable.Check("server_name", 1, false, NginxContextFlags.StreamServer, new NginxVersion(1, 25, 4))!.Kind);
        Assert.Null(NginxDirectiveTable.Check("pass", 1, false, NginxContextFlags.StreamServer, NginxVersion.Latest));
        Assert.Equal(NginxDirectiveProblemKind.UnknownDirective,
            NginxDirectiveTable.Check("pass", 1, false, NginxContextFlags.StreamServer, NginxVersion.Debian12)!.Kind);

        var listenHttp2 = NginxDirectiveTable.ParameterChanges.Single(c => c.Directive == "listen" && c.Parameter == "http2");
        Assert.Equal(v1_25_1, listenHttp2.Deprecated);
    }

    [Fact]
    public void Check_follows_nginx_for_blocks_terminators_counts_and_free_form_bodies()
    {
        var v = NginxVersion.Debian12;
        Assert.Equal("directive \"http\" has no opening \"{\"", NginxDirectiveTable.Check("http", 0, false, NginxContextFlags.Main, v)!.Message);
        Assert.Equal("directive \"gzip\" is not terminated by \";\"", NginxDirectiveTable.Check("gzip", 1, true, NginxContextFlags.Http, v)!.Message);
        Assert.Equal("invalid number of arguments in \"gzip\" directive", NginxDirectiveTable.Check("gzip", 2, false, NginxContextFlags.Http, v)!.Message);
        Assert.Equal("\"gzip\" directive is not allowed here", NginxDirectiveTable.Check("gzip", 1, false, NginxContextFlags.Main, v)!.Message);
        Assert.Equal("invalid number of arguments in \"add_header\" directive", NginxDirectiveTable.Check("add_header", 4, false, NginxContextFlags.Server, v)!.Message);
        Assert.Contains("2 or 3 arguments", NginxDirectiveTable.Check("add_header", 1, false, NginxContextFlags.Server, v)!.Note);
        Assert.Null(NginxDirectiveTable.Check("include", 1, false, NginxContextFlags.LimitExcept, v));
        // Inside types/map/geo/split_clients/charset_map nginx reads lines itself: nothing is a directive there.
        Assert.Null(NginxDirectiveTable.Check("text/html", 1, false, NginxContextFlags.Types, v));
        Assert.Null(NginxDirectiveTable.Check("default", 1, false, NginxContextFlags.Map, v));
        Assert.True(NginxDirectiveTable.IsFreeForm(NginxContextFlags.Geo));
        Assert.False(NginxDirectiveTable.IsFreeForm(NginxContextFlags.Location));

        var @if = NginxDirectiveTable.Find("if", NginxContextFlags.Server, v)!;
        Assert.Equal(NginxContextFlags.IfInServer, @if.BodyIn(NginxContextFlags.Server));
        Assert.Equal(NginxContextFlags.IfInLocation, @if.BodyIn(NginxContextFlags.Location));
        Assert.Equal(NginxContextFlags.Location, NginxDirectiveTable.Find("location", NginxContextFlags.Location, v)!.BodyIn(NginxContextFlags.Location));
        Assert.Equal(NginxContextFlags.StreamServer, NginxDirectiveTable.Find("server", NginxContextFlags.Stream, v)!.Body);
        Assert.Equal(NginxContextFlags.Script, NginxDirectiveTable.Lookup("content_by_lua_block").Single().Body);
        Assert.Equal((0, (int?)2), NginxDirectiveTable.Find("random", NginxContextFlags.Upstream, v)!.ArgumentRange);
    }

    [Theory]
    [InlineData("1.22.1", 1, 22, 1)]
    [InlineData("nginx/1.25.3", 1, 25, 3)]
    [InlineData("1.27", 1, 27, 0)]
    public void Versions_parse_and_compare(string text, int major, int minor, int patch)
    {
        var v = NginxVersion.Parse(text);
        Assert.Equal(new NginxVersion(major, minor, patch), v);
        Assert.True(v > new NginxVersion(1, 9, 99));
        Assert.True(v < new NginxVersion(2, 0, 0));
        Assert.False(NginxVersion.TryParse("1.x", out _));
        Assert.False(NginxVersion.TryParse("", out _));
    }

    /// <summary>Directives nginx refuses for their values whatever a test can give them here, with why.</summary>
    private static readonly Dictionary<string, string> SemanticExceptions = new()
    {
        ["geoip_org"] = "checks the database type; Debian's geoip-database ships only the country databases",
        ["geoip_city"] = "checks the database type; Debian's geoip-database ships only the country databases",
    };

    internal sealed record Failure(NginxProbe Probe, string Message);

    internal sealed class Sweep
    {
        public int ContextProbes, CountProbes, BlockProbes, ContextAgreements, CountAgreements, BlockAgreements, Runs;
        public List<string> ContextDisagreements = new(), CountDisagreements = new(), BlockDisagreements = new();
        public List<Failure> NotFullyAccepted = new();
        public List<string> DeprecationDisagreements = new();
        public int DeprecationChecks;
        public string Summary = "";
        private IReadOnlyList<string> _extraModules = Array.Empty<string>();

        public static Sweep Run(NginxBuild build, Func<NginxDirectiveInfo, bool>? only = null, IReadOnlyList<string>? extraModules = null)
        {
            var sweep = new Sweep();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var entries = NginxDirectiveTable.All.Where(e => build.Has(e.Module) && e.ExistsIn(build.Version) && (only?.Invoke(e) ?? true)).ToList();
            sweep._extraModules = extraModules ?? Array.Empty<string>();
            var names = entries.Select(e => e.Name).Distinct().ToList();

            // (directive, context): a valid line of the entry nginx would use there, or of the first one if none.
            var contextProbes = new List<(NginxProbe Probe, NginxDirectiveProblem? Expected)>();
            foreach (var name in names)
                foreach (var context in NginxProbes.Contexts)
                {
                    var entry = NginxDirectiveTable.Find(name, context, build) ?? entries.First(e => e.Name == name);
                    var probe = NginxProbes.Valid(entry, context);
                    contextProbes.Add((probe, NginxDirectiveTable.Check(name, probe.Args.Count, probe.Block, context, build)));
                }
            var contextResults = sweep.Evaluate(contextProbes);
            foreach (var (probe, expected) in contextProbes)
            {
                sweep.ContextProbes++;
                var actual = contextResults[probe];
                if (actual.Refusal == expected?.Message) sweep.ContextAgreements++;
                else sweep.ContextDisagreements.Add($"{probe}: table says {expected?.Message ?? "accepted"}, nginx says {actual.Refusal ?? "accepted"}");
                if (expected is null && actual.Refusal is null && actual.Other is not null) sweep.NotFullyAccepted.Add(new Failure(probe, actual.Other));
                if (expected is null && actual.Refusal is null && actual.Other is null)
                {
                    sweep.DeprecationChecks++;
                    var deprecated = NginxDirectiveTable.Find(probe.Name, probe.Context, build)!.IsDeprecatedIn(build.Version);
                    if (deprecated != actual.Deprecated)
                        sweep.DeprecationDisagreements.Add($"{probe}: table says {(deprecated ? "" : "not ")}deprecated, nginx {(actual.Deprecated ? "warns" : "does not warn")}");
                }
            }

            // (directive, argument count): around the accepted range, in a context the entry is allowed in.
            var countProbes = new List<(NginxProbe Probe, NginxDirectiveProblem? Expected)>();
            var blockProbes = new List<(NginxProbe Probe, NginxDirectiveProblem? Expected)>();
            foreach (var entry in entries)
            {
                var context = NginxProbes.Contexts.First(entry.AllowedIn);
                var valid = NginxProbes.Valid(entry, context);
                var (min, max) = entry.ArgumentRange;
                var counts = new SortedSet<int> { min - 1, min, min + 1, (max ?? min + 2), (max ?? min + 2) + 1, valid.Args.Count };
                foreach (var count in counts.Where(c => c >= 0 && c <= 9 && c != valid.Args.Count))
                {
                    var probe = NginxProbes.WithCount(valid, count);
                    countProbes.Add((probe, NginxDirectiveTable.Check(entry.Name, count, probe.Block, context, build)));
                }
                var flipped = valid with { Block = !valid.Block, Body = "" };
                blockProbes.Add((flipped, NginxDirectiveTable.Check(entry.Name, flipped.Args.Count, flipped.Block, context, build)));
            }
            var countResults = sweep.Evaluate(countProbes);
            foreach (var (probe, expected) in countProbes)
            {
                sweep.CountProbes++;
                var refusal = countResults[probe].Refusal;
                if (refusal == expected?.Message) sweep.CountAgreements++;
                else sweep.CountDisagreements.Add($"{probe}: table says {expected?.Message ?? "accepted"}, nginx says {refusal ?? "accepted"}");
            }
            var blockResults = sweep.Evaluate(blockProbes);
            foreach (var (probe, expected) in blockProbes)
            {
                sweep.BlockProbes++;
                var refusal = blockResults[probe].Refusal;
                if (refusal == expected?.Message) sweep.BlockAgreements++;
                else sweep.BlockDisagreements.Add($"{probe}: table says {expected?.Message ?? "accepted"}, nginx says {refusal ?? "accepted"}");
            }
            sweep.Summary =
                $"{entries.Count} entries ({names.Count} names) of nginx {build.Version}; {sweep.Runs} nginx -t runs in {clock.Elapsed.TotalSeconds:F0} s\n"
                + $"(directive, context): {sweep.ContextAgreements}/{sweep.ContextProbes} agree\n"
                + $"(directive, argument count): {sweep.CountAgreements}/{sweep.CountProbes} agree\n"
                + $"block/terminator: {sweep.BlockAgreements}/{sweep.BlockProbes} agree\n"
                + $"deprecation warnings: {sweep.DeprecationChecks - sweep.DeprecationDisagreements.Count}/{sweep.DeprecationChecks} agree\n"
                + $"allowed but refused for their values: {sweep.NotFullyAccepted.Count}";
            return sweep;
        }

        /// <summary>What nginx says about each probe: its refusal in one of the table's five wordings, naming the probe's
        /// line, or any other error (a value nginx did not like) or acceptance. Probes the table accepts are tried
        /// together, one per block, and split up when nginx refuses; the others one by one.</summary>
        private Dictionary<NginxProbe, Said> Evaluate(List<(NginxProbe Probe, NginxDirectiveProblem? Expected)> probes)
        {
            var said = new ConcurrentDictionary<NginxProbe, Said>();
            var batches = probes.Where(p => p.Expected is null).GroupBy(p => p.Probe.Context)
                .SelectMany(g => g.Select(p => p.Probe).Chunk(40)).ToList();
            var singles = probes.Where(p => p.Expected is not null).Select(p => p.Probe).ToList();
            Parallel.ForEach(batches.Select(b => (IReadOnlyList<NginxProbe>)b).Concat(singles.Select(s => (IReadOnlyList<NginxProbe>)new[] { s })),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) },
                batch => RunBatch(batch.ToList(), said));
            return new Dictionary<NginxProbe, Said>(said);
        }

        private void RunBatch(List<NginxProbe> batch, ConcurrentDictionary<NginxProbe, Said> said)
        {
            while (batch.Count > 0)
            {
                var (config, lines) = NginxProbes.Build(batch, NginxProbes.ModulesFor(batch).Concat(_extraModules).Distinct());
                var outcome = NginxOracle.Probe(config);
                System.Threading.Interlocked.Increment(ref Runs);
                if (outcome.Accepted)
                {
                    var warned = Warning.Matches(outcome.Stderr).Select(m => int.Parse(m.Groups["line"].Value)).ToHashSet();
                    foreach (var p in batch) said[p] = new Said(null, null, lines.Any(l => l.Value == p && warned.Contains(l.Key)));
                    return;
                }
                var error = outcome.Error;
                if (error is { Line: { } line } && lines.TryGetValue(line, out var culprit))
                {
                    batch.Remove(culprit);
                    var verdict = Classify(culprit, error.Value.Message);
                    // A value error among others may come from a neighbour (two probes naming one zone): try it alone.
                    if (verdict.Refusal is null && batch.Count > 0) RunBatch(new List<NginxProbe> { culprit }, said);
                    else said[culprit] = verdict;
                    continue;
                }
                if (batch.Count == 1)
                {
                    said[batch[0]] = new Said(null, error?.Message ?? outcome.Stderr.Trim());
                    return;
                }
                // An error nginx pins on no probe line (a missing companion, a check after parsing): one at a time.
                foreach (var p in batch) RunBatch(new List<NginxProbe> { p }, said);
                return;
            }
        }

        private static readonly System.Text.RegularExpressions.Regex Warning =
            new(@"\[warn\] \d+#\d+: the ""[^""]+"" directive is (?:deprecated|obsolete)[^\n]* in \S+:(?<line>\d+)");

        private static Said Classify(NginxProbe probe, string message)
        {
            foreach (NginxDirectiveProblemKind kind in Enum.GetValues(typeof(NginxDirectiveProblemKind)))
                if (message == NginxDirectiveProblem.MessageFor(kind, probe.Name)) return new Said(message, null);
            return new Said(null, message);
        }
    }

    /// <summary>nginx's answer: <see cref="Refusal"/> is one of the table's five messages, <see cref="Other"/> any
    /// other error (both null: accepted).</summary>
    internal sealed record Said(string? Refusal, string? Other, bool Deprecated = false);
}
