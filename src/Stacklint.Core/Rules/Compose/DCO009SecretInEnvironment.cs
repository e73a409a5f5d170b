using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>A secret written in the compose file: a secret-named <c>environment</c> or <c>build.args</c> entry with a
/// literal value (or a literal default), or a URL with a literal password under any key.</summary>
public sealed class DCO009SecretInEnvironment : ComposeRule
{
    /// <summary><c>scheme://user:password@host</c>: the password is group 2.</summary>
    private static readonly Regex UrlPassword = new(@"^(?<prefix>[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*:)(?<password>[^@/\s]+)@",
        RegexOptions.CultureInvariant);

    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            Check(cx, service, service.Node["environment"], "environment");
            foreach (var hook in new[] { "post_start", "pre_stop" })
                foreach (var item in ComposeValues.Items(service.Node[hook]).OfType<ComposeMapping>())
                    Check(cx, service, item["environment"], $"{hook} environment");
            if (service.Node["build"] is ComposeMapping build) Check(cx, service, build["args"], "build arg");
        }
    }

    private static void Check(ComposeRuleContext cx, ComposeService service, ComposeNode? node, string where)
    {
        if (node is null or ComposeScalar { IsNull: true }) return;
        foreach (var entry in ComposeMerger.KeyValueMapping(node).Entries)
        {
            if (entry.Value is not ComposeScalar { IsNull: false } value) continue;
            var fix = where == "build arg"
                ? "Build args are kept in the image history: pass the secret with a build secret (`secrets:` under `build`, `RUN --mount=type=secret`)."
                : "Reference it instead (`${" + entry.Name + ":?set it in .env}`) and keep the value in .env, an env_file or a Docker secret (`" + entry.Name + "_FILE`).";
            if (Stacklint.Secrets.SecretNames.IsSecret(entry.Name) && Literal(value) is { } shown)
            {
                cx.Report(service, entry.Key.Origin, $"the {where} `{entry.Name}` is written in the compose file ({shown}): anyone who can read "
                                                   + $"the repository has it, and it stays in git history. {fix}");
                continue;
            }
            // A URL with a literal password, under any key.
            if (UrlPassword.Match(value.Raw) is { Success: true } url && !url.Groups["password"].Value.Contains("$"))
                cx.Report(service, entry.Key.Origin,
                    $"the {where} `{entry.Name}` holds a URL with a literal password (`{url.Groups["prefix"].Value}{Stacklint.Secrets.SecretMask.Mask(url.Groups["password"].Value)}@…`): "
                    + "anyone who can read the repository has it. Reference the password (`postgres://app:${DB_PASSWORD}@db/app`) and keep it in .env.");
        }
    }

    /// <summary>The masked value when it is written out (a literal, or a reference whose default is a literal), else null.</summary>
    private static string? Literal(ComposeScalar value)
    {
        var substitutions = value.Interpolation?.Substitutions ?? new List<ComposeSubstitution>();
        if (substitutions.Count == 0)
        {
            var text = value.Text ?? "";
            // A Docker secret's path (DATABASE_PASSWORD=/run/secrets/db-password): the application reads the secret from it.
            if (text.Trim().StartsWith("/run/secrets/", System.StringComparison.Ordinal)) return null;
            return text.Trim().Length == 0 || IsBooleanWord(text) ? null : $"`{Stacklint.Secrets.SecretMask.Mask(text)}`";
        }
        // Only a whole-value ${VAR:-default} / ${VAR-default} whose default is written out.
        if (substitutions.Count != 1 || substitutions[0] is not { Offset: 0 } only || only.Text.Length != value.Raw.Length) return null;
        if (only.Operator is not (ComposeSubstitutionOperator.DefaultIfUnsetOrEmpty or ComposeSubstitutionOperator.DefaultIfUnset)) return null;
        var argument = only.Argument ?? "";
        if (only.Nested.Count > 0 || argument.Contains("$") || argument.Trim().Length == 0 || IsBooleanWord(argument)) return null;
        var separator = only.Operator == ComposeSubstitutionOperator.DefaultIfUnsetOrEmpty ? ":-" : "-";
        return $"`${{{only.Name}{separator}{Stacklint.Secrets.SecretMask.Mask(argument)}}}`: when .env lacks {only.Name}, the default is the secret";
    }

    /// <summary><c>true</c>, <c>no</c>, <c>1</c>…: a switch, never a secret.</summary>
    private static bool IsBooleanWord(string value) =>
        value.Trim().ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "0" or "1";
}
