using System;
using System.Collections.Generic;
using System.Linq;
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

/// <summary>Compose's variables from a .env or env_file, read by the .env parser (compose-go's dotenv syntax): the
/// last value of each key wins, bare <c>KEY</c> lines (which take the shell's value) define nothing here.</summary>
public sealed class DotEnvVariables : IComposeDotEnvReader
{
    public static DotEnvVariables Instance { get; } = new();

    public IReadOnlyList<ComposeVariable> Read(SourceFile file) =>
        Stacklint.Formats.DotEnv.DotEnvParser.Read(file).Effective()
            .Where(e => !e.IsInherited && e.Value is not null)
            .Select(e => new ComposeVariable(e.Key, e.Value!, file, e.Span))
            .ToList();
}
