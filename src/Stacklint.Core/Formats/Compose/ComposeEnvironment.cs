using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.Compose;

/// <summary>A variable interpolation can use, and where it was defined (a line of the project's <c>.env</c>, an
/// <c>env_file</c> line): rules name the place ("DB_PASSWORD is set in .env:3").</summary>
public sealed class ComposeVariable
{
    public ComposeVariable(string name, string value, SourceFile? file = null, TextSpan span = default)
    {
        Name = name;
        Value = value;
        File = file;
        Span = span;
    }

    public string Name { get; }
    /// <summary>The value (a secret, possibly: never print it).</summary>
    public string Value { get; }
    /// <summary>The file that defines it, or null for a variable given by the caller (tests, a host).</summary>
    public SourceFile? File { get; }
    /// <summary>The definition's span in <see cref="File"/> (the whole <c>KEY=VALUE</c>, or at least the key).</summary>
    public TextSpan Span { get; }
    public ComposeOrigin? Origin => File is null ? null : new ComposeOrigin(File, Span);
    public override string ToString() => File is null ? Name : $"{Name} ({File.Describe(Span)})";
}

/// <summary>The variables interpolation reads. stacklint is a static linter: only what the repository defines counts
/// (the project's <c>.env</c>); the environment of the process running the linter is never used, so a variable defined
/// nowhere in the repository is unset.</summary>
public interface IComposeEnvironment
{
    /// <summary>The variable, or false when it is unset.</summary>
    bool TryGet(string name, out ComposeVariable variable);
}

/// <summary>A set of variables, later ones replacing earlier ones of the same name.</summary>
public sealed class ComposeVariables : IComposeEnvironment
{
    private readonly Dictionary<string, ComposeVariable> _variables = new(StringComparer.Ordinal);

    public static ComposeVariables Empty => new();

    public ComposeVariables() { }

    public ComposeVariables(IEnumerable<ComposeVariable> variables)
    {
        foreach (var variable in variables) Set(variable);
    }

    public ComposeVariables Set(ComposeVariable variable)
    {
        _variables[variable.Name] = variable;
        return this;
    }

    public ComposeVariables Set(string name, string value) => Set(new ComposeVariable(name, value));

    public bool TryGet(string name, out ComposeVariable variable) => _variables.TryGetValue(name, out variable!);
    public IEnumerable<ComposeVariable> All => _variables.Values;
    public int Count => _variables.Count;
}

/// <summary>Reads a <c>.env</c>-format file (the project's <c>.env</c>, an <c>env_file</c>) into variables with their
/// places. The seam between the compose model and the .env parser: <see cref="DotEnvVariables"/> is the one
/// implementation the scanner uses; tests may pass their own.</summary>
public interface IComposeDotEnvReader
{
    IReadOnlyList<ComposeVariable> Read(SourceFile file);
}

/// <summary>The adapter from the .env parser (Formats/DotEnv) to compose variables.</summary>
/// <remarks>The .env parser is built on its own branch. Until it lands this adapter reads the common subset of the
/// format itself, so that rules see what a project's <c>.env</c> defines: <c>KEY=VALUE</c> lines (an <c>export </c>
/// prefix allowed), blank lines and <c>#</c> comments skipped, an unquoted value trimmed and cut at <c> #</c>, a
/// single-quoted value taken as written, a double-quoted one with <c>\n</c>, <c>\t</c>, <c>\"</c> and <c>\\</c>
/// escapes. Not read: values spanning lines, <c>${…}</c> inside values (kept as written), <c>KEY</c> lines without
/// <c>=</c>. When both branches are merged, its body becomes
/// <c>DotEnvParser.Read(file).Entries.Select(e => new ComposeVariable(e.Key, e.Value, file, span of the entry))</c>.
/// Nothing else in the compose model changes.</remarks>
public sealed class DotEnvVariables : IComposeDotEnvReader
{
    public static DotEnvVariables Instance { get; } = new();

    public IReadOnlyList<ComposeVariable> Read(SourceFile file)
    {
        var result = new List<ComposeVariable>();
        foreach (var line in file.Text.Lines)
        {
            var text = file.Text.ToString(line.Span);
            var trimmed = text.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            if (trimmed.StartsWith("export ", StringComparison.Ordinal)) trimmed = trimmed.Substring("export ".Length).TrimStart();
            var equals = trimmed.IndexOf('=');
            if (equals <= 0) continue;
            var key = trimmed.Substring(0, equals).Trim();
            if (key.Length == 0 || key.IndexOfAny(new[] { ' ', '\t' }) >= 0) continue;
            result.Add(new ComposeVariable(key, Value(trimmed.Substring(equals + 1)), file, line.Span));
        }
        return result;
    }

    private static string Value(string raw)
    {
        var value = raw.Trim();
        if (value.Length >= 2 && value[0] == '\'' && value.IndexOf('\'', 1) is var closeSingle and > 0)
            return value.Substring(1, closeSingle - 1);
        if (value.Length >= 2 && value[0] == '"')
        {
            var builder = new System.Text.StringBuilder();
            for (var i = 1; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '"') return builder.ToString();
                if (c == '\\' && i + 1 < value.Length)
                {
                    var next = value[++i];
                    builder.Append(next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => next });
                }
                else builder.Append(c);
            }
            return value; // no closing quote: taken as written
        }
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return (comment >= 0 ? value.Substring(0, comment) : value).TrimEnd();
    }
}
