using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Engine;
using Stacklint.Formats.Compose;
using Stacklint.Stack;
using Stacklint.Tests.Support;
using Stacklint.Text;
using Xunit;

namespace Stacklint.Tests.Compose;

/// <summary>
/// A throwaway stand-in for the .env parser (Formats/DotEnv, built on its own branch): plain <c>KEY=VALUE</c> lines,
/// comments and blank lines skipped, no quotes or escapes. Only for tests of the compose model; the scanner uses
/// <see cref="DotEnvVariables"/>, the adapter to the real parser.
/// </summary>
internal sealed class SimpleDotEnv : IComposeDotEnvReader
{
    public static SimpleDotEnv Instance { get; } = new();

    public IReadOnlyList<ComposeVariable> Read(SourceFile file)
    {
        var result = new List<ComposeVariable>();
        foreach (var line in file.Text.Lines)
        {
            var text = file.Text.ToString(line.Span);
            var trimmed = text.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal)) continue;
            var equals = text.IndexOf('=');
            if (equals <= 0) continue;
            result.Add(new ComposeVariable(text.Substring(0, equals).Trim(), text.Substring(equals + 1), file, line.Span));
        }
        return result;
    }
}

internal static class ComposeTestSupport
{
    /// <summary>Loads the compose projects of a tree the way the scanner does (discovery, file store, loader), with
    /// <see cref="SimpleDotEnv"/> for .env files; returns the projects and every diagnostic as "path:line ID message".</summary>
    public static (IReadOnlyList<ComposeProject> Projects, List<string> Diagnostics, IReadOnlyList<SourceFile> Read) Load(TempDir tree)
    {
        var sink = new FindingSink();
        var store = new FileStore(tree.Root, "", sink);
        var projects = ComposeLoader.Load(store, Discovery.Walk(tree.Root), sink, out var read, SimpleDotEnv.Instance);
        var diagnostics = sink.Diagnostics
            .Select(d => $"{d.Location.GetLineSpan().Path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1} {d.Id} {d.GetMessage()}").ToList();
        return (projects, diagnostics, read);
    }

    /// <summary>The one project of a tree that must load without any diagnostic.</summary>
    public static ComposeProject Single(TempDir tree)
    {
        var (projects, diagnostics, _) = Load(tree);
        Assert.Empty(diagnostics);
        return Assert.Single(projects);
    }

    /// <summary>One compose.yaml (and optionally a .env) in a fresh tree, loaded.</summary>
    public static ComposeProject Project(string compose, string? dotEnv = null)
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", compose);
        if (dotEnv is not null) tree.Write(".env", dotEnv);
        return Single(tree);
    }

    /// <summary>Reads YAML text as the compose reader does.</summary>
    public static ComposeYamlDocument Yaml(string text) =>
        ComposeYamlReader.Read(new SourceFile("compose.yaml", "/tmp/compose.yaml", SourceText.From(text)));

    /// <summary>"line:column" (1-based) of an origin.</summary>
    public static string At(ComposeOrigin origin)
    {
        var position = origin.File.Text.Lines.GetLinePosition(origin.Span.Start);
        return $"{position.Line + 1}:{position.Character + 1}";
    }

    public static string Text(this ComposeOrigin origin) => origin.File.Text.ToString(origin.Span);
}
