using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Stacklint.Engine;

namespace Stacklint.Cli.Output;

/// <summary>A finding's identity across edits: rule, file and the text of the flagged line (not its number), plus
/// the occurrence count of that same text, so moving unrelated lines keeps the fingerprint and baselines match.</summary>
public static class Fingerprint
{
    public const string Key = "stacklint/v1";

    public static IReadOnlyDictionary<Diagnostic, string> Compute(ScanResult result)
    {
        var fingerprints = new Dictionary<Diagnostic, string>();
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var diagnostic in result.Diagnostics)
        {
            var span = diagnostic.Location.GetLineSpan();
            // A finding about something the file lacks sits at 1:1 but is about the whole file, not line 1's text.
            var lineText = diagnostic.Location.SourceSpan.Length == 0 ? "" : LineText(result, span.Path, span.StartLinePosition.Line);
            var basis = $"{diagnostic.Id}\u0000{span.Path}\u0000{Normalize(lineText)}";
            occurrences[basis] = occurrences.TryGetValue(basis, out var n) ? n + 1 : 1;
            fingerprints[diagnostic] = Hash(basis) + ":" + occurrences[basis];
        }
        return fingerprints;
    }

    /// <summary>The line's text with its secrets starred out: a fingerprint is a short hash, and a hash of a line with a
    /// weak password in it could be reversed by trying common passwords.</summary>
    internal static string LineText(ScanResult result, string path, int line)
    {
        var file = result.FindFile(path);
        if (file is null || line >= file.Text.Lines.Count) return "";
        return result.Secrets.RedactLine(file, line);
    }

    private static string Normalize(string line) => string.Join(" ", line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries));

    private static string Hash(string text)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexString(bytes, 0, 8).ToLowerInvariant();
    }
}
