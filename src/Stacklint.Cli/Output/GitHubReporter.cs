using System.IO;
using Stacklint.Engine;

namespace Stacklint.Cli.Output;

/// <summary>GitHub Actions workflow commands (<c>::error file=…,line=…::message</c>): each finding becomes an
/// annotation on the pull request's diff. Notes become <c>notice</c>.</summary>
public sealed class GitHubReporter : IReporter
{
    public void Write(Report report, TextWriter writer)
    {
        foreach (var diagnostic in report.Counted)
        {
            var span = diagnostic.Location.GetLineSpan();
            var command = diagnostic.Severity.ToRuleSeverity() switch
            {
                RuleSeverity.Error => "error",
                RuleSeverity.Warning => "warning",
                _ => "notice",
            };
            var start = span.StartLinePosition;
            var end = span.EndLinePosition;
            writer.WriteLine($"::{command} file={Property(span.Path)},line={start.Line + 1},col={start.Character + 1}," +
                             $"endLine={end.Line + 1},endColumn={end.Character + 1},title={Property(diagnostic.Id)}::{Data(diagnostic.GetMessage())}");
        }
    }

    /// <summary>Escaping of the message part, as the Actions runner expects it.</summary>
    public static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>Property values also escape the separators <c>:</c> and <c>,</c>.</summary>
    public static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
}
