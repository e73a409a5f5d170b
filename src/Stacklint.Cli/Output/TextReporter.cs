using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stacklint.Engine;

namespace Stacklint.Cli.Output;

/// <summary><c>path:line:col: severity ID: message</c>, a short code frame, and a summary line. Colour only when
/// asked for (a terminal, and no NO_COLOR).</summary>
public sealed class TextReporter : IReporter
{
    private readonly bool _color;

    public TextReporter(bool color) => _color = color;

    public static bool ShouldColor(TextWriter writer) =>
        writer == Console.Out && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";

    public void Write(Report report, TextWriter writer)
    {
        var result = report.Result;
        foreach (var diagnostic in report.Counted)
        {
            var span = diagnostic.Location.GetLineSpan();
            var severity = diagnostic.Severity.ToRuleSeverity();
            var start = span.StartLinePosition;
            writer.WriteLine($"{Bold(span.Path)}:{start.Line + 1}:{start.Character + 1}: {Paint(severity)} {Bold(diagnostic.Id)}: {diagnostic.GetMessage()}");
            WriteFrame(result, diagnostic, writer);
        }
        writer.WriteLine(report.Summary());
    }

    private void WriteFrame(ScanResult result, Diagnostic diagnostic, TextWriter writer)
    {
        var span = diagnostic.Location.GetLineSpan();
        var file = result.FindFile(span.Path);
        if (file is null || file.Text.Length == 0) return;
        var line = span.StartLinePosition.Line;
        // Secrets on the line are starred out: a code frame must not show what the message masks.
        var text = result.Secrets.RedactLine(file, line).Replace('\t', ' ');
        var number = (line + 1).ToString();
        var gutter = new string(' ', number.Length);
        var from = span.StartLinePosition.Character;
        var to = span.EndLinePosition.Line == line ? span.EndLinePosition.Character : text.Length;
        var width = Math.Max(1, Math.Min(text.Length, to) - from);
        writer.WriteLine($"  {number} | {text}");
        writer.WriteLine($"  {gutter} | {new string(' ', Math.Min(from, text.Length))}{Paint(diagnostic.Severity.ToRuleSeverity(), new string('^', width))}");
    }


    private string Bold(string text) => _color ? $"\u001b[1m{text}\u001b[0m" : text;

    private string Paint(RuleSeverity severity, string? text = null)
    {
        text ??= severity.ToText();
        if (!_color) return text;
        var code = severity switch { RuleSeverity.Error => "31", RuleSeverity.Warning => "33", _ => "36" };
        return $"\u001b[{code}m{text}\u001b[0m";
    }
}
