using System.Collections.Generic;

namespace Stacklint.Formats.Sshd;

/// <summary>An sshd configuration with its includes followed: the main file and, for each <c>Include</c>
/// directive, the files it brings in, in the order sshd reads them.</summary>
public sealed class SshdConfig
{
    public SshdConfig(SshdDocument main, IReadOnlyDictionary<SshdDirective, IReadOnlyList<SshdDocument>> includes, bool isFragment)
    {
        Main = main;
        Includes = includes;
        IsFragment = isFragment;
    }

    public SshdDocument Main { get; }
    public IReadOnlyDictionary<SshdDirective, IReadOnlyList<SshdDocument>> Includes { get; }
    /// <summary>A drop-in analysed on its own (nothing in the scan includes it): what it sets is judged, what it
    /// leaves unset is not, because the main file it belongs to is elsewhere.</summary>
    public bool IsFragment { get; }

    public IReadOnlyList<SshdDocument> IncludedBy(SshdDirective include) =>
        Includes.TryGetValue(include, out var documents) ? documents : System.Array.Empty<SshdDocument>();

    /// <summary>Every directive in read order, includes expanded in place (the order sshd's parser meets them).</summary>
    public IEnumerable<SshdDirective> AllDirectives() => Expand(Main);

    private IEnumerable<SshdDirective> Expand(SshdDocument document)
    {
        foreach (var directive in document.Directives)
        {
            yield return directive;
            foreach (var included in IncludedBy(directive))
                foreach (var inner in Expand(included))
                    yield return inner;
        }
    }
}
