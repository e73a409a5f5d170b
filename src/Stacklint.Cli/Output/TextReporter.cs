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

    public void Write(ScanResult result, TextWriter writer)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            var span = diagnostic.Location.GetLineSpan();
            var severity = diagnostic.Severity.ToRuleSeverity();
            var start = span.StartLinePosition;
            writer.WriteLine($"{Bold(span.Path)}:{start.Line + 1}:{start.Character + 1}: {Paint(severity)} {Bold(diagnostic.Id)}: {diagnostic.GetMessage()}");
            WriteFrame(result, diagnostic, writer);
        }
        writer.WriteLine(Summary(result));
    }

    private void WriteFrame(ScanResult result, Diagnostic diagnostic, TextWriter writer)
    {
        var span = diagnostic.Location.GetLineSpan();
        var file = result.FindFile(span.Path);
        if (file is null || file.Text.Length == 0) return;
        var line = span.StartLinePosition.Line;
        var text = file.Text.Lines[line].ToString().Replace('\t', ' ');
        var number = (line + 1).ToString();
        var gutter = new string(' ', number.Length);
        var from = span.StartLinePosition.Character;
        var to = span.EndLinePosition.Line == line ? span.EndLinePosition.Character : text.Length;
        var width = Math.Max(1, Math.Min(text.Length, to) - from);
        writer.WriteLine($"  {number} | {text}");
        writer.WriteLine($"  {gutter} | {new string(' ', Math.Min(from, text.Length))}{Paint(diagnostic.Severity.ToRuleSeverity(), new string('^', width))}");
    }

    public static string Summary(ScanResult result)
    {
        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        var notes = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Info || d.Severity == DiagnosticSeverity.Hidden);
        var files = result.Diagnostics.Select(d => d.Location.GetLineSpan().Path).Distinct().Count();
        return $"{Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(notes, "note")} in {Plural(files, "file")} ({Plural(result.Files.Count, "file")} checked).";
    }

    private static string Plural(int n, string word) => $"{n} {word}{(n == 1 ? "" : "s")}";

    private string Bold(string text) => _color ? $"\u001b[1m{text}\u001b[0m" : text;

    private string Paint(RuleSeverity severity, string? text = null)
    {
        text ??= severity.ToText();
        if (!_color) return text;
        var code = severity switch { RuleSeverity.Error => "31", RuleSeverity.Warning => "33", _ => "36" };
        return $"\u001b[{code}m{text}\u001b[0m";
    }
}
