using System;
using Microsoft.CodeAnalysis;

namespace Stacklint.Engine;

/// <summary>The catalog's three levels. They map to SARIF levels and Roslyn severities one to one.</summary>
public enum RuleSeverity { Note, Warning, Error }

public static class RuleSeverityExtensions
{
    public static DiagnosticSeverity ToDiagnosticSeverity(this RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => DiagnosticSeverity.Error,
        RuleSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    public static RuleSeverity ToRuleSeverity(this DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => RuleSeverity.Error,
        DiagnosticSeverity.Warning => RuleSeverity.Warning,
        _ => RuleSeverity.Note,
    };

    public static string ToText(this RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => "error",
        RuleSeverity.Warning => "warning",
        _ => "note",
    };

    public static bool TryParse(string text, out RuleSeverity severity)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "error": severity = RuleSeverity.Error; return true;
            case "warning": severity = RuleSeverity.Warning; return true;
            case "note": case "info": severity = RuleSeverity.Note; return true;
            default: severity = RuleSeverity.Note; return false;
        }
    }
}
