using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Stacklint.Engine;
using Stacklint.Stack;

namespace Stacklint.Rules.Stack;

/// <summary>A rule over the whole stack: every file read, and what crosses files.</summary>
public abstract class StackRule : Rule
{
    public abstract void Analyze(StackContext cx);
}

/// <summary>What a stack rule sees: the stack model, and a way to report.</summary>
public sealed class StackContext
{
    private readonly FindingSink _sink;
    private readonly Rule _rule;

    public StackContext(StackModel stack, FindingSink sink, Rule rule)
    {
        Stack = stack;
        _sink = sink;
        _rule = rule;
    }

    public StackModel Stack { get; }

    public void Report(Location location, string message, IEnumerable<Location>? related = null, RuleSeverity? severity = null) =>
        _sink.Report(_rule.Id, location, message, related, severity);
}
