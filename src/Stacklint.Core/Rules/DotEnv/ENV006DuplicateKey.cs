using System;
using System.Collections.Generic;
using Stacklint.Formats.DotEnv;

namespace Stacklint.Rules.DotEnv;

sealed class ENV006DuplicateKey : DotEnvRule
{
    public override void Analyze(DotEnvContext cx)
    {
        var first = new Dictionary<string, DotEnvEntry>(StringComparer.Ordinal);
        foreach (var entry in cx.Document.Entries)
        {
            if (entry.Key.Length == 0) continue;
            if (!first.TryGetValue(entry.Key, out var earlier))
            {
                first[entry.Key] = entry;
                continue;
            }
            var line = earlier.File.Text.Lines.GetLineFromPosition(earlier.KeySpan.Start).LineNumber + 1;
            var message = entry.IsInherited
                ? $"`{entry.Key}` is set on line {line} and passed through from the environment here: wherever Compose runs with {entry.Key} set, that value replaces line {line}'s, and a reader of the file cannot tell which applies. Keep one line."
                : $"`{entry.Key}` is already set on line {line}: Compose (like a shell) keeps the last value, so line {line} has no effect and whoever edits it changes nothing. Keep one line.";
            cx.Report(entry.KeySpan, message, new[] { earlier.KeyLocation });
        }
    }
}
