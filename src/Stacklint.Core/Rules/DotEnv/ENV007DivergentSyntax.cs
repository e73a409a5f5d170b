using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Formats.DotEnv;
using Stacklint.Secrets;

namespace Stacklint.Rules.DotEnv;

sealed class ENV007DivergentSyntax : DotEnvRule
{
    /// <summary>A <c>$</c> inside a word, followed by a name: in a generated password it is a character, to Compose
    /// it is a variable reference.</summary>
    private static readonly Regex EmbeddedReference = new(@"(?<=[A-Za-z0-9!#%&*+,.\-/:;<=>?@^_~])\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);

    public override void Analyze(DotEnvContext cx)
    {
        foreach (var quirk in cx.Document.Quirks)
            cx.Report(quirk.Span, quirk.Message + ".");

        // Compose interpolates unquoted and double-quoted values: a secret with a `$` inside changes silently.
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in cx.Document.Entries)
        {
            if (entry.Interpolates && SecretNames.IsSecret(entry.Key) && entry.Value is { } value)
                foreach (Match match in EmbeddedReference.Matches(value))
                {
                    if (defined.Contains(match.Groups["name"].Value)) continue;
                    cx.Report(entry.ValueSpan,
                        $"the value of `{entry.Key}` has a `$` followed by letters: Compose reads that as a variable and substitutes it (with nothing, when it is unset), so the secret in use is not the one written, while shells and applications reading the file may keep it. Write `$$` for a literal `$`, or single-quote the value.");
                    break;
                }
            defined.Add(entry.Key);
        }
    }
}
