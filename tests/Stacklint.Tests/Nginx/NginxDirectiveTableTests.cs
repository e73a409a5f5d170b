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
/// exactly when <see cref="NginxDirectiveTable.Check(string,int,bool,NginxContext,NginxBuild)"/> says it would, with
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
    public void The_value_generator_gives_values_nginx_accepts_wherever_the_table_allows_a_directive()
    {
        var sweep = Results.Value;
        var unexplained = sweep.NotFullyAccepted.Where(f => !SemanticExceptions.ContainsKey(f.Probe.Name)).ToList();
        Assert.True(unexplained.Count == 0, string.Join("\n", unexplained.Select(f => $"{f.Probe}: {f.Message}")));
        // Every exception must still be needed: a fixed generator shrinks the list.
        var stale = SemanticExceptions.Keys.Where(k => sweep.NotFullyAccepted.All(f => f.Probe.Name != k)).ToList();
        Assert.True(stale.Count == 0, "no longer refused: " + string.Join(", ", stale));
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
        public string Summary = "";

        public static Sweep Run(NginxBuild build)
        {
            var sweep = new Sweep();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var entries = NginxDirectiveTable.All.Where(e => build.Has(e.Module) && e.ExistsIn(build.Version)).ToList();
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
                var (config, lines) = NginxProbes.Build(batch);
                var outcome = NginxOracle.Test(config);
                System.Threading.Interlocked.Increment(ref Runs);
                if (outcome.Accepted)
                {
                    foreach (var p in batch) said[p] = new Said(null, null);
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

        private static Said Classify(NginxProbe probe, string message)
        {
            foreach (NginxDirectiveProblemKind kind in Enum.GetValues(typeof(NginxDirectiveProblemKind)))
                if (message == NginxDirectiveProblem.MessageFor(kind, probe.Name)) return new Said(message, null);
            return new Said(null, message);
        }
    }

    /// <summary>nginx's answer: <see cref="Refusal"/> is one of the table's five messages, <see cref="Other"/> any
    /// other error (both null: accepted).</summary>
    internal sealed record Said(string? Refusal, string? Other);
}
