using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Stacklint.Engine;

/// <summary>Collects findings as Roslyn <see cref="Diagnostic"/>s, once per rule and place: the same setting seen
/// from several scopes (a global value inherited by a Match block) is one finding.</summary>
public sealed class FindingSink
{
    private readonly List<Diagnostic> _diagnostics = new();
    private readonly HashSet<(string Id, string Path, int Start, int Length)> _seen = new();

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public void Report(string id, Location location, string message, IEnumerable<Location>? related = null,
        RuleSeverity? severity = null, Fix? fix = null)
    {
        var key = (id, location.SourceTree?.FilePath ?? location.GetLineSpan().Path, location.SourceSpan.Start, location.SourceSpan.Length);
        if (!_seen.Add(key)) return;
        var metadata = RuleCatalog.Default[id];
        var effective = (severity ?? metadata.Severity).ToDiagnosticSeverity();
        _diagnostics.Add(Diagnostic.Create(metadata.Descriptor, location, effective,
            related ?? Array.Empty<Location>(), fix?.ToProperties() ?? ImmutableDictionary<string, string?>.Empty, message));
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            var key = (d.Id, d.Location.GetLineSpan().Path, d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);
            if (_seen.Add(key)) _diagnostics.Add(d);
        }
    }
}
