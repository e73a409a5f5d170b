namespace Stacklint.Engine;

/// <summary>The linter's own diagnostics. They are reported by the pipeline stages (discovery, parsers,
/// resolvers, filters), not by rule classes, and have pages in <c>rules/</c> like every rule.</summary>
public static class LinterDiagnostics
{
    /// <summary>A file could not be parsed.</summary>
    public const string ParseError = "LNT001";
    /// <summary>An include target is missing or lies outside the scan root.</summary>
    public const string IncludeProblem = "LNT002";
    /// <summary>An unknown rule id in the configuration or a suppression.</summary>
    public const string UnknownRuleId = "LNT003";
    /// <summary>A suppression that suppresses nothing.</summary>
    public const string UnusedSuppression = "LNT004";
    /// <summary>A file was skipped (too large, binary, unreadable).</summary>
    public const string FileSkipped = "LNT005";

    public static readonly string[] Ids = { ParseError, IncludeProblem, UnknownRuleId, UnusedSuppression, FileSkipped };
}
