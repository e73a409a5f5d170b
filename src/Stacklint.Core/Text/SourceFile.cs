using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Stacklint.Text;

/// <summary>A file of the scanned tree: its path relative to the scan root (forward slashes, as SARIF and
/// the messages show it), where it lives on disk, and its text.</summary>
public sealed class SourceFile
{
    public SourceFile(string relativePath, string fullPath, SourceText text)
    {
        RelativePath = relativePath;
        FullPath = fullPath;
        Text = text;
    }

    public string RelativePath { get; }
    public string FullPath { get; }
    public SourceText Text { get; }

    public Location Location(TextSpan span) =>
        Microsoft.CodeAnalysis.Location.Create(RelativePath, span, Text.Lines.GetLinePositionSpan(span));

    /// <summary>An empty span at 1:1, for findings about something the file does not say.</summary>
    public Location StartLocation() => Location(new TextSpan(0, 0));

    /// <summary>"path:line", 1-based, for messages that point at another place.</summary>
    public string Describe(TextSpan span) => $"{RelativePath}:{Text.Lines.GetLineFromPosition(span.Start).LineNumber + 1}";

    public override string ToString() => RelativePath;
}
