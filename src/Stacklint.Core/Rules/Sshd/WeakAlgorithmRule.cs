using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Sshd;

namespace Stacklint.Rules.Sshd;

/// <summary>Shared by SSH008–SSH011: assemble each algorithm-list keyword as sshd does (defaults, <c>+</c>, <c>-</c>,
/// <c>^</c>, wildcards) and report the weak names that remain.</summary>
public abstract class WeakAlgorithmRule : SshdRule
{
    protected abstract IEnumerable<string> Keywords { get; }
    protected abstract bool IsWeak(string algorithm);
    protected abstract string Advice { get; }

    public override void Analyze(SshdContext cx)
    {
        foreach (var keyword in Keywords)
            foreach (var (scope, setting) in cx.Effective(keyword))
            {
                var kind = setting.Keyword.Algorithms!.Value;
                IReadOnlyList<string> effective;
                if (setting.IsDefault) effective = SshdAlgorithms.Defaults(kind);
                else if (!SshdAlgorithms.TryAssemble(kind, string.Join(",", setting.Arguments), out effective, out _)) continue;
                var weak = effective.Where(IsWeak).ToList();
                if (weak.Count == 0) continue;
                var how = setting.IsDefault ? "OpenSSH's default list" : $"`{string.Join(" ", setting.Arguments)}`";
                // The fix keeps the list as it is, less the weak names; an empty list would stop sshd, so then none.
                var strong = effective.Where(a => !IsWeak(a)).ToList();
                cx.Report(scope, setting,
                    $"{setting.Keyword.Name} allows {string.Join(", ", weak)}{scope.Label}: the effective list from {how} ({setting.Origin}) is {string.Join(",", effective)}. {Advice}",
                    fixValue: strong.Count > 0 ? string.Join(",", strong) : null);
            }
    }

    protected static bool StartsWithAny(string name, params string[] prefixes) =>
        prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
