using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Formats.Sshd;

/// <summary>The value sshd ends up with for one keyword, and where it came from.</summary>
public sealed class SshdSetting
{
    internal SshdSetting(SshdKeyword keyword, IReadOnlyList<SshdDirective> lines, IReadOnlyList<SshdDirective> overridden, SshdDirective? matchBlock)
    {
        Keyword = keyword;
        Lines = lines;
        Overridden = overridden;
        MatchBlock = matchBlock;
    }

    public SshdKeyword Keyword { get; }
    /// <summary>The line that set it (the first one read), null when the OpenSSH default applies.</summary>
    public SshdDirective? Directive => Lines.Count > 0 ? Lines[0] : null;
    /// <summary>For a keyword that accumulates (Port, AllowUsers…), every line that added to it; otherwise the winner.</summary>
    public IReadOnlyList<SshdDirective> Lines { get; }
    /// <summary>Other lines for the same keyword that lost: later ones (sshd keeps the first value), or for the few
    /// keywords where the last line wins, earlier ones.</summary>
    public IReadOnlyList<SshdDirective> Overridden { get; }
    /// <summary>The Match line of the block that set it, null for a global value or a default.</summary>
    public SshdDirective? MatchBlock { get; }
    public bool IsDefault => Lines.Count == 0;

    /// <summary>The effective value as <c>sshd -T</c> prints it (for accumulating keywords, the first line's).</summary>
    public string Value => IsDefault ? Keyword.Default ?? "" : Keyword.Canonical(Directive!.Values);

    /// <summary>The words of the winning line as written (empty for a default).</summary>
    public IReadOnlyList<string> Arguments => Directive?.Values ?? Array.Empty<string>();

    /// <summary>"set in X:N" / "set in X:N, which wins over Y:M" / "not set: OpenSSH's default".</summary>
    public string Origin
    {
        get
        {
            if (IsDefault) return "not set, so OpenSSH's default applies";
            var origin = $"set in {Directive!.Where}";
            if (MatchBlock is not null) origin += $" inside `Match {MatchBlock.ValueText}` ({MatchBlock.Where})";
            if (Overridden.Count > 0 && !Keyword.Accumulates)
                origin += $", which wins over {string.Join(", ", Overridden.Select(o => o.Where))} because sshd keeps the {(Keyword.LastWins ? "last" : "first")} value for {Keyword.Name}";
            return origin;
        }
    }
}

/// <summary>Effective values for one connection (or for none: the global configuration).</summary>
public sealed class SshdEffectiveConfig
{
    private readonly Dictionary<SshdKeyword, SshdSetting> _settings;

    internal SshdEffectiveConfig(Dictionary<SshdKeyword, SshdSetting> settings, IReadOnlyList<SshdDirective> misplaced)
    {
        _settings = settings;
        Misplaced = misplaced;
    }

    /// <summary>Global-only keywords met inside a Match block that does not apply globally: sshd refuses these.</summary>
    public IReadOnlyList<SshdDirective> Misplaced { get; }

    public IEnumerable<SshdSetting> Explicit => _settings.Values;

    public SshdSetting Get(string keyword)
    {
        var kw = SshdEvaluator.Target(SshdKeywordTable.Find(keyword)
            ?? throw new ArgumentException($"'{keyword}' is not an sshd keyword.", nameof(keyword)));
        return _settings.TryGetValue(kw, out var setting) ? setting
            : new SshdSetting(kw, Array.Empty<SshdDirective>(), Array.Empty<SshdDirective>(), null);
    }
}

/// <summary>Computes effective values exactly as sshd does (servconf.c, OpenSSH 9.x):
/// <list type="bullet">
/// <item>Start-up pass: lines are read in order with includes expanded in place; the first value of a keyword
/// wins (some keywords accumulate); lines inside a Match block are skipped (a <c>Match All</c> block applies).</item>
/// <item>Connection pass: the file is read again from the first Match; lines of blocks that match the connection
/// set values (first wins among them) that replace the start-up values of Match-capable keywords.</item>
/// <item>A Match block ends at the next Match or at the end of the file it is in (an included file cannot end
/// the includer's block, nor leave one open); Match lines in a file included from a block that is not active
/// never match.</item>
/// </list></summary>
public static class SshdEvaluator
{
    /// <summary>The configuration sshd starts with, which is what a connection matching no Match block gets.</summary>
    public static SshdEffectiveConfig Global(SshdConfig config) =>
        Evaluate(config, (_, match) => match.IsAll);

    /// <summary>What one concrete connection gets (as <c>sshd -T -C</c>).</summary>
    public static SshdEffectiveConfig ForConnection(SshdConfig config, SshdConnection connection) =>
        Evaluate(config, (_, match) => match.Matches(connection));

    /// <summary>What a connection matching exactly this Match line (and <c>Match All</c> blocks) gets.</summary>
    public static SshdEffectiveConfig ForMatchBlock(SshdConfig config, SshdDirective matchLine) =>
        Evaluate(config, (line, match) => ReferenceEquals(line, matchLine) || match.IsAll);

    internal static SshdKeyword Target(SshdKeyword keyword) =>
        keyword.AliasOf is { } alias ? SshdKeywordTable.Find(alias) ?? keyword : keyword;

    private static SshdEffectiveConfig Evaluate(SshdConfig config, Func<SshdDirective, SshdMatch, bool> matches)
    {
        var misplaced = new List<SshdDirective>();
        var global = new Pass();
        var active = true;
        Walk(config, config.Main, global, (line, match) => match.IsAll, connectionPass: false, matchOnly: false, neverMatch: false, null, ref active, misplaced);

        var perConnection = new Pass();
        active = false;
        Walk(config, config.Main, perConnection, matches, connectionPass: true, matchOnly: true, neverMatch: false, null, ref active, misplaced);

        var result = global.Build();
        foreach (var pair in perConnection.Build())
            if (pair.Key.AllowedInMatch) result[pair.Key] = pair.Value;
        return new SshdEffectiveConfig(result, misplaced);
    }

    private static void Walk(SshdConfig config, SshdDocument document, Pass pass, Func<SshdDirective, SshdMatch, bool> matches,
        bool connectionPass, bool matchOnly, bool neverMatch, SshdDirective? block, ref bool active, List<SshdDirective> misplaced)
    {
        // block: the Match line whose block we are in; an included file starts inside its includer's block.
        foreach (var directive in document.Directives)
        {
            if (directive.Is("Match"))
            {
                var match = SshdMatch.TryRead(directive.Values, out _);
                active = !neverMatch && match is not null && matches(directive, match);
                block = match is { IsAll: true } ? null : directive;
                matchOnly = false;
                continue;
            }
            if (directive.Is("Include"))
            {
                var outerActive = active;
                foreach (var included in config.IncludedBy(directive))
                {
                    Walk(config, included, pass, matches, connectionPass,
                        matchOnly: matchOnly, neverMatch: !matchOnly && !outerActive, block, ref active, misplaced);
                    active = outerActive;
                }
                continue;
            }
            var keyword = SshdKeywordTable.Find(directive.Keyword);
            if (keyword is null || keyword.Validate(directive.Values) is not null) continue;
            if (!active && !keyword.AllowedInMatch)
            {
                if (!connectionPass && !matchOnly) misplaced.Add(directive);
                continue;
            }
            if (!active || keyword.Status != SshdKeywordStatus.Supported) continue;
            pass.Apply(Target(keyword), directive, connectionPass ? block : null);
        }
    }

    private sealed class Pass
    {
        private readonly Dictionary<SshdKeyword, (List<SshdDirective> Lines, List<SshdDirective> Overridden, SshdDirective? Block)> _values = new();

        public void Apply(SshdKeyword keyword, SshdDirective directive, SshdDirective? block)
        {
            if (!_values.TryGetValue(keyword, out var entry))
            {
                _values[keyword] = (new List<SshdDirective> { directive }, new List<SshdDirective>(), block);
                return;
            }
            if (keyword.Accumulates) entry.Lines.Add(directive);
            else if (keyword.LastWins)
            {
                entry.Overridden.Add(entry.Lines[0]);
                entry.Lines[0] = directive;
                _values[keyword] = (entry.Lines, entry.Overridden, block);
            }
            else entry.Overridden.Add(directive);
        }

        public Dictionary<SshdKeyword, SshdSetting> Build() =>
            _values.ToDictionary(p => p.Key, p => new SshdSetting(p.Key, p.Value.Lines, p.Value.Overridden, p.Value.Block));
    }
}
