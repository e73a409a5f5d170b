using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Engine;
using Stacklint.Formats.DotEnv;
using Stacklint.Stack;

namespace Stacklint.Rules.DotEnv;

/// <summary>A rule over one .env file (templates included: each rule says which files it judges).</summary>
public abstract class DotEnvRule : Rule
{
    public abstract void Analyze(DotEnvContext cx);
}

/// <summary>What a .env rule sees: the file as Compose reads it, what its name, git and the disk say about it, and the
/// stack around it. Findings about a value point at the value (reporters hide it); findings about the file as a
/// whole point at its start.</summary>
public sealed class DotEnvContext
{
    private readonly FindingSink _sink;
    private readonly Rule _rule;

    public DotEnvContext(DotEnvFile file, StackModel stack, FindingSink sink, Rule rule)
    {
        File = file;
        Stack = stack;
        _sink = sink;
        _rule = rule;
    }

    public DotEnvFile File { get; }
    public DotEnvDocument Document => File.Document;
    public StackModel Stack { get; }

    public void Report(TextSpan span, string message, IEnumerable<Location>? related = null, RuleSeverity? severity = null) =>
        _sink.Report(_rule.Id, File.File.Location(span), message, related, severity);

    public void Report(Location location, string message, IEnumerable<Location>? related = null, RuleSeverity? severity = null) =>
        _sink.Report(_rule.Id, location, message, related, severity);

    /// <summary>A finding about the whole file, at its start.</summary>
    public void ReportFile(string message, IEnumerable<Location>? related = null) =>
        _sink.Report(_rule.Id, File.File.StartLocation(), message, related);
}
