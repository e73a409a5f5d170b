using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Stacklint.Formats.Compose;

/// <summary>The operator of a <c>${…}</c> substitution.</summary>
public enum ComposeSubstitutionOperator
{
    /// <summary><c>$VAR</c> or <c>${VAR}</c>: the value, or empty when unset.</summary>
    None,
    /// <summary><c>${VAR:-default}</c>: the default when unset or empty.</summary>
    DefaultIfUnsetOrEmpty,
    /// <summary><c>${VAR-default}</c>: the default when unset.</summary>
    DefaultIfUnset,
    /// <summary><c>${VAR:?message}</c>: an error when unset or empty.</summary>
    RequiredNonEmpty,
    /// <summary><c>${VAR?message}</c>: an error when unset.</summary>
    Required,
    /// <summary><c>${VAR:+alternative}</c>: the alternative when set and not empty, else the (empty) value.</summary>
    AlternativeIfNonEmpty,
    /// <summary><c>${VAR+alternative}</c>: the alternative when set, else empty.</summary>
    AlternativeIfSet,
}

/// <summary>Where the text a substitution produced came from.</summary>
public enum ComposeSubstitutionSource
{
    /// <summary>The variable's value.</summary>
    Variable,
    /// <summary>The default written after <c>:-</c> or <c>-</c> (the variable is unset, or empty for <c>:-</c>).</summary>
    Default,
    /// <summary>The alternative written after <c>:+</c> or <c>+</c>.</summary>
    Alternative,
    /// <summary>Nothing: the variable is unset and nothing stands in (Compose warns and uses an empty string).</summary>
    Unset,
    /// <summary>A required variable (<c>:?</c>, <c>?</c>) is unset (or empty): Compose refuses to run until it is set.</summary>
    MissingRequired,
}

/// <summary>One <c>$VAR</c> / <c>${VAR…}</c> of a value and how it was resolved.</summary>
public sealed class ComposeSubstitution
{
    internal ComposeSubstitution(string text, int offset, string name, ComposeSubstitutionOperator op, string? argument,
        ComposeVariable? variable, ComposeSubstitutionSource source, string result, IReadOnlyList<ComposeSubstitution> nested)
    {
        Text = text;
        Offset = offset;
        Name = name;
        Operator = op;
        Argument = argument;
        Variable = variable;
        Source = source;
        Result = result;
        Nested = nested;
    }

    /// <summary>The substitution as written: <c>${DB_PASSWORD:-postgres}</c>.</summary>
    public string Text { get; }
    /// <summary>Where <see cref="Text"/> starts in the template (for a nested one: in its enclosing argument).</summary>
    public int Offset { get; }
    public string Name { get; }
    public ComposeSubstitutionOperator Operator { get; }
    /// <summary>The default, alternative or error message as written (null for <see cref="ComposeSubstitutionOperator.None"/>).</summary>
    public string? Argument { get; }
    /// <summary>The variable when it is set (where it is defined, its value); null when unset.</summary>
    public ComposeVariable? Variable { get; }
    public bool IsSet => Variable is not null;
    public ComposeSubstitutionSource Source { get; }
    /// <summary>The text this substitution produced (a default, a variable's value: possibly a secret, never print it).</summary>
    public string Result { get; }
    /// <summary>Substitutions inside the argument (<c>${A:-${B}}</c>): Compose resolves them whether or not the argument is used.</summary>
    public IReadOnlyList<ComposeSubstitution> Nested { get; }

    /// <summary>This substitution and every nested one.</summary>
    public IEnumerable<ComposeSubstitution> SelfAndNested() => new[] { this }.Concat(Nested.SelectMany(n => n.SelfAndNested()));

    internal ComposeSubstitution Shift(int delta) =>
        new(Text, Offset + delta, Name, Operator, Argument, Variable, Source, Result, Nested.Select(n => n.Shift(delta)).ToList());

    public override string ToString() => Text;
}

/// <summary>A substitution in a compose file's value: rules about variables (unset, falling back to a default) read these.</summary>
public sealed class ComposeVariableUse
{
    public ComposeVariableUse(ComposeScalar node, ComposeSubstitution substitution)
    {
        Node = node;
        Substitution = substitution;
    }

    /// <summary>The value holding the substitution.</summary>
    public ComposeScalar Node { get; }
    public ComposeSubstitution Substitution { get; }
    /// <summary>The substitution's own text in the file when it can be found there, else the whole value.</summary>
    public ComposeOrigin Origin => Node.OriginAt(Substitution.Offset, Substitution.Text.Length);
    public override string ToString() => $"{Origin.Describe()}: {Substitution.Text}";
}

/// <summary>The result of interpolating one value the way Compose (compose-go's <c>template</c> package) does.</summary>
public sealed class ComposeInterpolation
{
    internal ComposeInterpolation(string template, string value, IReadOnlyList<ComposeSubstitution> substitutions, string? error, int errorOffset)
    {
        ErrorOffset = errorOffset;
        Template = template;
        Value = value;
        Substitutions = substitutions;
        Error = error;
    }

    /// <summary>The value as written.</summary>
    public string Template { get; }
    /// <summary>The value Compose uses (with a missing required variable: as if it were empty).</summary>
    public string Value { get; }
    /// <summary>The top-level substitutions in order (<c>$$</c> escapes are not substitutions).</summary>
    public IReadOnlyList<ComposeSubstitution> Substitutions { get; }
    /// <summary>Every substitution, nested ones included.</summary>
    public IEnumerable<ComposeSubstitution> AllSubstitutions => Substitutions.SelectMany(s => s.SelfAndNested());
    /// <summary>Why Compose refuses the value as written (an invalid <c>$</c> such as <c>$1</c> or a lone <c>$</c>), or null.
    /// A missing required variable is not an error here: see <see cref="ComposeSubstitutionSource.MissingRequired"/>.</summary>
    public string? Error { get; }
    /// <summary>Where in <see cref="Template"/> the error is.</summary>
    public int ErrorOffset { get; }

    /// <summary>The part of the value from <paramref name="start"/> in the template (a <c>KEY=VALUE</c> item's value),
    /// whose interpolated text is <paramref name="value"/>: the substitutions written there, offsets shifted.</summary>
    internal ComposeInterpolation Slice(int start, string value) =>
        new(Template.Substring(start), value, Substitutions.Where(s => s.Offset >= start).Select(s => s.Shift(-start)).ToList(),
            ErrorOffset >= start ? Error : null, Math.Max(0, ErrorOffset - start));
}

/// <summary>
/// Compose's interpolation: <c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-default}</c>, <c>${VAR-default}</c>, <c>${VAR:?err}</c>,
/// <c>${VAR?err}</c>, <c>${VAR:+alt}</c>, <c>${VAR+alt}</c>, nested substitutions in the argument, and <c>$$</c> for a
/// literal <c>$</c>. It follows compose-go v2's <c>template</c> package, quirks included: the same (case-insensitive)
/// pattern, the operator that appears first in the matched text wins, the substitution ends at the brace that balances
/// the opening one (what the greedy pattern took beyond it is interpolated on its own), and an argument is interpolated
/// even when it is not used. A <c>$</c> not followed by a name, <c>$</c> or <c>{</c> (<c>$1</c>, <c>$(date)</c>) stays as
/// written; <c>${</c> not followed by a name (<c>${}</c>, <c>${1}</c>) is an error: Compose refuses the file.
/// </summary>
public static class ComposeInterpolator
{
    // compose-go v2's pattern: "$$", "$NAME", "${…}" (the argument runs, greedily, to the last "}" of the text; the
    // brace-balancing below cuts it), and "${" followed by anything else (an error). Any other "$" stays as written.
    private static readonly Regex Pattern = new(
        @"\$(?i:(?<escaped>\$)|(?<named>[_a-z][_a-z0-9]*)|\{(?:(?<braced>[_a-z][_a-z0-9]*(?::?[-+?](?:.*))?)\}|(?<invalid>)))",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    private static readonly (string Separator, ComposeSubstitutionOperator Operator)[] Operators =
    {
        (":?", ComposeSubstitutionOperator.RequiredNonEmpty),
        ("?", ComposeSubstitutionOperator.Required),
        (":-", ComposeSubstitutionOperator.DefaultIfUnsetOrEmpty),
        ("-", ComposeSubstitutionOperator.DefaultIfUnset),
        (":+", ComposeSubstitutionOperator.AlternativeIfNonEmpty),
        ("+", ComposeSubstitutionOperator.AlternativeIfSet),
    };

    /// <summary>Interpolates every scalar value of a tree (keys are never interpolated), as Compose does for each file
    /// before merging. Invalid <c>$</c>s go to <paramref name="errors"/>; every substitution met goes to <paramref name="uses"/>.</summary>
    public static ComposeNode InterpolateTree(ComposeNode node, IComposeEnvironment environment, ICollection<ComposeError> errors,
        ICollection<ComposeVariableUse> uses)
    {
        switch (node)
        {
            case ComposeScalar scalar:
                if (scalar.IsNull || Interpolate(scalar.Raw, environment) is not { } interpolation) return scalar;
                var result = scalar.WithInterpolation(interpolation);
                if (interpolation.Error is { } error) errors.Add(new ComposeError(result.OriginAt(interpolation.ErrorOffset, 1), error));
                foreach (var substitution in interpolation.AllSubstitutions) uses.Add(new ComposeVariableUse(result, substitution));
                return result;
            case ComposeMapping mapping:
                return new ComposeMapping(mapping.Origin,
                    mapping.Entries.Select(e => e.WithValue(InterpolateTree(e.Value, environment, errors, uses))).ToList(), mapping.Tag);
            case ComposeSequence sequence:
                return new ComposeSequence(sequence.Origin, sequence.Items.Select(i => InterpolateTree(i, environment, errors, uses)).ToList(), sequence.Tag);
            default:
                return node;
        }
    }

    /// <summary>Nested arguments deeper than this are refused (Compose recurses without a limit; a linter must not).</summary>
    private const int MaxNesting = 32;

    /// <summary>Interpolates <paramref name="template"/>; null when it holds no <c>$</c> (nothing to do).</summary>
    public static ComposeInterpolation? Interpolate(string template, IComposeEnvironment environment)
    {
        if (template.IndexOf('$') < 0) return null;
        var substitutions = new List<ComposeSubstitution>();
        string? error = null;
        var errorOffset = 0;
        string value;
        try
        {
            value = Substitute(template, environment, substitutions, ref error, ref errorOffset, 0, 0);
        }
        catch (RegexMatchTimeoutException)
        {
            value = "";
            error = "the value is too complex to interpolate";
        }
        return new ComposeInterpolation(template, value, substitutions, error, errorOffset);
    }

    private static string Substitute(string template, IComposeEnvironment environment, List<ComposeSubstitution> found,
        ref string? error, ref int errorOffset, int baseOffset, int depth)
    {
        if (depth > MaxNesting)
        {
            if (error is null)
            {
                error = $"substitutions nest deeper than {MaxNesting} levels";
                errorOffset = baseOffset;
            }
            return "";
        }
        var output = new StringBuilder();
        var last = 0;
        foreach (Match match in Pattern.Matches(template))
        {
            output.Append(template, last, match.Index - last);
            last = match.Index + match.Length;
            output.Append(Replace(template, match, environment, found, ref error, ref errorOffset, baseOffset, depth));
        }
        output.Append(template, last, template.Length - last);
        return output.ToString();
    }

    private static string Replace(string template, Match match, IComposeEnvironment environment, List<ComposeSubstitution> found,
        ref string? error, ref int errorOffset, int baseOffset, int depth)
    {
        var substring = match.Value;
        var op = FirstOperator(substring);
        // The pattern's argument is greedy; the substitution ends at the brace that balances "${", and whatever the
        // match took beyond it is interpolated on its own and appended.
        var closing = FirstBraceClosingIndex(substring);
        var rest = "";
        if (closing > -1)
        {
            rest = substring.Substring(closing + 1);
            substring = substring.Substring(0, closing + 1);
        }
        var groups = Pattern.Match(substring);
        if (groups.Groups["escaped"].Success) return "$";

        var braced = false;
        var substitution = groups.Groups["named"].Value;
        if (substitution.Length == 0)
        {
            substitution = groups.Groups["braced"].Value;
            braced = true;
        }
        if (substitution.Length == 0)
        {
            if (error is null)
            {
                error = "`${` must be followed by a variable name and `}` (`${NAME}`, `${NAME:-default}`); write `$${` for a literal `${`";
                errorOffset = baseOffset + match.Index;
            }
            return "";
        }

        var offset = baseOffset + match.Index;
        if (braced && op is { } chosen && substitution.IndexOf(chosen.Separator, StringComparison.Ordinal) >= 0)
        {
            var separator = substitution.IndexOf(chosen.Separator, StringComparison.Ordinal);
            var name = substitution.Substring(0, separator);
            var argument = substitution.Substring(separator + chosen.Separator.Length);
            var nested = new List<ComposeSubstitution>();
            // "${" + name + separator: where the argument starts in the template.
            var argumentOffset = offset + 2 + separator + chosen.Separator.Length;
            var resolvedArgument = Substitute(argument, environment, nested, ref error, ref errorOffset, argumentOffset, depth + 1);
            var isSet = environment.TryGet(name, out var variable);
            var value = isSet ? variable.Value : "";
            string result;
            ComposeSubstitutionSource source;
            switch (chosen.Operator)
            {
                case ComposeSubstitutionOperator.DefaultIfUnsetOrEmpty or ComposeSubstitutionOperator.DefaultIfUnset:
                    var useDefault = !isSet || (chosen.Operator == ComposeSubstitutionOperator.DefaultIfUnsetOrEmpty && value.Length == 0);
                    (result, source) = useDefault ? (resolvedArgument, ComposeSubstitutionSource.Default) : (value, ComposeSubstitutionSource.Variable);
                    break;
                case ComposeSubstitutionOperator.AlternativeIfNonEmpty or ComposeSubstitutionOperator.AlternativeIfSet:
                    var useAlternative = isSet && (chosen.Operator == ComposeSubstitutionOperator.AlternativeIfSet || value.Length > 0);
                    (result, source) = useAlternative ? (resolvedArgument, ComposeSubstitutionSource.Alternative)
                        : (value, isSet ? ComposeSubstitutionSource.Variable : ComposeSubstitutionSource.Unset);
                    break;
                default:
                    var missing = !isSet || (chosen.Operator == ComposeSubstitutionOperator.RequiredNonEmpty && value.Length == 0);
                    (result, source) = missing ? ("", ComposeSubstitutionSource.MissingRequired) : (value, ComposeSubstitutionSource.Variable);
                    break;
            }
            found.Add(new ComposeSubstitution(substring, offset, name, chosen.Operator, argument, isSet ? variable : null, source, result, nested));
            var restResolved = rest.Length == 0 ? "" : Substitute(rest, environment, found, ref error, ref errorOffset, offset + substring.Length, depth);
            return result + restResolved;
        }

        var plainSet = environment.TryGet(substitution, out var plain);
        var plainResult = plainSet ? plain.Value : "";
        found.Add(new ComposeSubstitution(substring, offset, substitution, ComposeSubstitutionOperator.None, null, plainSet ? plain : null,
            plainSet ? ComposeSubstitutionSource.Variable : ComposeSubstitutionSource.Unset, plainResult, Array.Empty<ComposeSubstitution>()));
        return plainResult;
    }

    /// <summary>The operator whose separator appears first in the matched text (compose-go sorts them by position).</summary>
    private static (string Separator, ComposeSubstitutionOperator Operator)? FirstOperator(string text)
    {
        (string, ComposeSubstitutionOperator)? best = null;
        var bestIndex = int.MaxValue;
        foreach (var candidate in Operators)
        {
            var index = text.IndexOf(candidate.Separator, StringComparison.Ordinal);
            if (index >= 0 && index < bestIndex)
            {
                bestIndex = index;
                best = candidate;
            }
        }
        return best;
    }

    private static int FirstBraceClosingIndex(string s)
    {
        var open = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '}')
            {
                open--;
                if (open == 0) return i;
            }
            if (s[i] == '{')
            {
                open++;
                i++;
            }
        }
        return -1;
    }

}
