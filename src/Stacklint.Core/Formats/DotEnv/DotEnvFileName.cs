using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Stacklint.Formats.DotEnv;

/// <summary>What a .env file's name says about it: a template meant to be committed (<c>.env.example</c>), or a real
/// one, and for which environment.</summary>
public static class DotEnvFileName
{
    /// <summary>Name parts that make a file a template to copy, not a file to use.</summary>
    private static readonly HashSet<string> TemplateParts = new(StringComparer.OrdinalIgnoreCase)
        { "example", "examples", "sample", "samples", "template", "templates", "tmpl", "tpl", "dist", "defaults", "default", "skel", "skeleton", "schema", "placeholder" };

    /// <summary>Name parts that mark a development, test or local file.</summary>
    private static readonly HashSet<string> DevelopmentParts = new(StringComparer.OrdinalIgnoreCase)
        { "development", "dev", "develop", "local", "test", "tests", "testing", "ci", "e2e", "debug" };

    /// <summary>Is this name one of the .env family: <c>.env</c>, <c>.env.*</c>, <c>*.env</c>, <c>env.example</c>-style
    /// templates? (Not <c>.envrc</c>, which is a direnv shell script.)</summary>
    public static bool Matches(string fileName)
    {
        var lower = fileName.ToLowerInvariant();
        if (lower == ".env" || lower.StartsWith(".env.", StringComparison.Ordinal)) return true;
        if (lower.EndsWith(".env", StringComparison.Ordinal) && lower.Length > 4) return true;
        return lower.StartsWith("env.", StringComparison.Ordinal) && Parts(lower).Skip(1).Any(TemplateParts.Contains);
    }

    /// <summary>A template (<c>.env.example</c>, <c>.env.production.template</c>, <c>example.env</c>,
    /// <c>env.sample</c>): meant to be committed, with placeholders for the secrets.</summary>
    public static bool IsTemplate(string path) => Parts(Path.GetFileName(path)).Any(TemplateParts.Contains);

    /// <summary>Named for development, tests or a local override (<c>.env.local</c>, <c>.env.development</c>,
    /// <c>test.env</c>): debug switches are expected there.</summary>
    public static bool IsDevelopment(string path) => Parts(Path.GetFileName(path)).Any(DevelopmentParts.Contains);

    private static IEnumerable<string> Parts(string fileName) =>
        fileName.Split(new[] { '.', '-', '_' }, StringSplitOptions.RemoveEmptyEntries);
}
