using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>How compose values are shown in messages: as written, with what interpolation made of them and where the
/// variables are defined. Never for secret values (see <see cref="Stacklint.Secrets.SecretMask.Mask"/>).</summary>
public static class ComposeText
{
    /// <summary>"`5432:5432`", or "`${DB_PORT:-5432}:5432` → `15432:5432` (DB_PORT from .env:1)".</summary>
    public static string Shown(ComposeScalar scalar)
    {
        var text = scalar.Text ?? "";
        var shown = scalar.Raw == text ? $"`{text}`" : $"`{scalar.Raw}` → `{text}`";
        return shown + VariableNote(new[] { scalar });
    }

    /// <summary>" (DB_PORT from .env:1, default of DB_BIND)" for the substitutions of the values, or "".</summary>
    public static string VariableNote(IEnumerable<ComposeScalar> scalars)
    {
        var notes = new List<string>();
        foreach (var scalar in scalars)
            foreach (var substitution in scalar.Interpolation?.Substitutions ?? (IReadOnlyList<ComposeSubstitution>)new ComposeSubstitution[0])
            {
                var note = substitution.Source switch
                {
                    ComposeSubstitutionSource.Variable when substitution.Variable?.Origin is { } origin => $"{substitution.Name} from {origin.Describe()}",
                    ComposeSubstitutionSource.Variable => $"{substitution.Name} set",
                    ComposeSubstitutionSource.Default => $"{substitution.Name} not set in .env: its default",
                    ComposeSubstitutionSource.Alternative => $"{substitution.Name} set: its alternative",
                    _ => $"{substitution.Name} not set: empty",
                };
                if (!notes.Contains(note)) notes.Add(note);
            }
        return notes.Count == 0 ? "" : $" ({string.Join(", ", notes)})";
    }
}
