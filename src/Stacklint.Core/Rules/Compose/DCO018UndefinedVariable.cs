using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>A <c>$VAR</c> or <c>${VAR}</c> (no default, no error) that nothing the project reads defines: Compose
/// substitutes an empty string, silently.</summary>
public sealed class DCO018UndefinedVariable : ComposeRule
{
    /// <summary>Exported by every login shell: not expected in .env.</summary>
    private static readonly HashSet<string> ShellVariables = new(StringComparer.Ordinal)
        { "HOME", "USER", "LOGNAME", "PATH", "PWD", "SHELL", "XDG_RUNTIME_DIR" };

    public override void Analyze(ComposeRuleContext cx)
    {
        var project = cx.Project;
        var templates = new HashSet<string>(cx.Facts.TemplateVariables.Select(v => v.Name), StringComparer.Ordinal);
        var (extensionValues, reachable) = Reachability(project);
        var seen = new HashSet<(string, int, string)>();
        foreach (var use in project.VariableUses)
        {
            var substitution = use.Substitution;
            if (substitution.Operator != ComposeSubstitutionOperator.None || substitution.Source != ComposeSubstitutionSource.Unset) continue;
            if (ShellVariables.Contains(substitution.Name) || templates.Contains(substitution.Name)) continue;
            if (!IsUsed(use.Node, substitution)) continue;
            // x- fields count only where an alias or a << merge brings them into the project.
            var key = (use.Node.Origin.File.RelativePath, use.Node.Origin.Span.Start);
            if (extensionValues.Contains(key) && !reachable.Contains(key)) continue;
            var origin = use.Origin;
            if (!seen.Add((origin.File.RelativePath, origin.Line, substitution.Name))) continue;

            var where = project.DotEnv is not null ? $"not defined in {project.DotEnv.RelativePath}"
                : cx.Facts.TemplateVariables.Count > 0 ? "not defined in .env (there is none) nor in its templates"
                : "not defined: the project has no .env";
            var envFile = project.Services.SelectMany(s => s.EnvFiles).FirstOrDefault(f => f.Variables.Any(v => v.Name == substitution.Name));
            var envFileNote = envFile is null ? ""
                : $" It is in the env_file {envFile.Path}, but env_file only feeds the container, not interpolation"
                  + (IsEnvironmentValue(project, use.Node) ? ", and this `environment` value overrides it with the empty string." : ".");
            cx.Report(origin,
                $"`{substitution.Text}` is {where}; Compose will substitute an empty string.{envFileNote} Define it in .env, give it a "
                + $"default (`${{{substitution.Name}:-value}}`), or make it required (`${{{substitution.Name}:?set {substitution.Name}}}`).");
        }
    }

    /// <summary>A nested reference counts only when its enclosing default or alternative is the one used.</summary>
    private static bool IsUsed(ComposeScalar node, ComposeSubstitution target)
    {
        var top = node.Interpolation?.Substitutions ?? (IReadOnlyList<ComposeSubstitution>)Array.Empty<ComposeSubstitution>();
        return top.Contains(target) || top.Any(s => UsedWithin(s, target));
    }

    private static bool UsedWithin(ComposeSubstitution parent, ComposeSubstitution target) =>
        parent.Source is ComposeSubstitutionSource.Default or ComposeSubstitutionSource.Alternative
        && (parent.Nested.Contains(target) || parent.Nested.Any(n => UsedWithin(n, target)));

    /// <summary>The scalars written under top-level <c>x-</c> keys, and the scalars the merged project holds outside them.</summary>
    private static (HashSet<(string, int)> Extensions, HashSet<(string, int)> Reachable) Reachability(ComposeProject project)
    {
        var extensions = new HashSet<(string, int)>();
        foreach (var file in project.Files)
            foreach (var root in file.Yaml.Roots.OfType<ComposeMapping>())
                foreach (var entry in root.Entries.Where(e => e.Name.StartsWith("x-", StringComparison.Ordinal)))
                    Collect(entry.Value, extensions);
        var reachable = new HashSet<(string, int)>();
        foreach (var entry in project.Root.Entries.Where(e => !e.Name.StartsWith("x-", StringComparison.Ordinal)))
            Collect(entry.Value, reachable);
        return (extensions, reachable);
    }

    private static void Collect(ComposeNode node, HashSet<(string, int)> into)
    {
        switch (node)
        {
            case ComposeScalar scalar:
                into.Add((scalar.Origin.File.RelativePath, scalar.Origin.Span.Start));
                break;
            case ComposeMapping mapping:
                foreach (var entry in mapping.Entries) Collect(entry.Value, into);
                break;
            case ComposeSequence sequence:
                foreach (var item in sequence.Items) Collect(item, into);
                break;
        }
    }

    /// <summary>The scalar is a value of some service's <c>environment</c>.</summary>
    private static bool IsEnvironmentValue(ComposeProject project, ComposeScalar node) =>
        project.Services.Any(s => s.Environment.Any(v => v.Node is { } n && n.Origin.File == node.Origin.File && n.Origin.Span.Start == node.Origin.Span.Start));
}
