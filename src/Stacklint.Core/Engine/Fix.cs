using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Engine;

/// <summary>One replacement in one file: the text in <see cref="Span"/> becomes <see cref="NewText"/> (an empty span
/// inserts, empty text deletes).</summary>
public sealed record TextEdit(SourceFile File, TextSpan Span, string NewText);

/// <summary>A change that resolves a finding, for SARIF's <c>fixes</c> (viewers offer it as a quick fix). It travels
/// with the finding in the diagnostic's properties, so that severity filtering and suppression keep it.</summary>
public sealed record Fix(string Description, IReadOnlyList<TextEdit> Edits)
{
    private const string Prefix = "stacklint.fix";

    internal ImmutableDictionary<string, string?> ToProperties()
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[Prefix] = Description;
        properties[Prefix + ".count"] = Edits.Count.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < Edits.Count; i++)
        {
            properties[$"{Prefix}.{i}.path"] = Edits[i].File.RelativePath;
            properties[$"{Prefix}.{i}.start"] = Edits[i].Span.Start.ToString(CultureInfo.InvariantCulture);
            properties[$"{Prefix}.{i}.length"] = Edits[i].Span.Length.ToString(CultureInfo.InvariantCulture);
            properties[$"{Prefix}.{i}.text"] = Edits[i].NewText;
        }
        return properties.ToImmutable();
    }

    /// <summary>The fix a finding carries, if any; <paramref name="files"/> finds the files it edits by path.</summary>
    public static Fix? Of(Diagnostic diagnostic, Func<string, SourceFile?> files)
    {
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(Prefix, out var description) || description is null) return null;
        var count = int.Parse(properties[Prefix + ".count"]!, CultureInfo.InvariantCulture);
        var edits = new List<TextEdit>();
        for (var i = 0; i < count; i++)
        {
            var file = files(properties[$"{Prefix}.{i}.path"]!);
            if (file is null) return null;
            var span = new TextSpan(int.Parse(properties[$"{Prefix}.{i}.start"]!, CultureInfo.InvariantCulture),
                int.Parse(properties[$"{Prefix}.{i}.length"]!, CultureInfo.InvariantCulture));
            edits.Add(new TextEdit(file, span, properties[$"{Prefix}.{i}.text"] ?? ""));
        }
        return new Fix(description, edits);
    }
}
