using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Secrets;

namespace Stacklint.Rules.DotEnv;

sealed class ENV009DebugInProduction : DotEnvRule
{
    /// <summary>Variables that name the environment an application runs in.</summary>
    private static readonly HashSet<string> EnvironmentNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "NODE_ENV", "APP_ENV", "APP_ENVIRONMENT", "ENVIRONMENT", "ENV", "RAILS_ENV", "RACK_ENV", "FLASK_ENV", "DJANGO_ENV",
        "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "GO_ENV", "MIX_ENV", "PHP_ENV", "SYMFONY_ENV", "SPRING_PROFILES_ACTIVE",
        "QUARKUS_PROFILE", "MICRONAUT_ENVIRONMENTS", "DENO_ENV", "BUN_ENV", "NUXT_ENV", "VITE_MODE", "STAGE",
    };

    private static readonly HashSet<string> DevelopmentValues = new(StringComparer.OrdinalIgnoreCase)
        { "development", "develop", "dev", "local", "debug" };

    private static readonly HashSet<string> On = new(StringComparer.OrdinalIgnoreCase) { "true", "1", "yes", "on", "y", "t" };

    public override void Analyze(DotEnvContext cx)
    {
        if (cx.File.IsTemplate || cx.File.IsDevelopment) return;
        foreach (var entry in cx.Document.Effective())
        {
            if (entry.Literal is not { Length: > 0 } raw) continue;
            var value = raw.Trim();
            var words = SecretNames.Words(entry.Key);
            if (words.Count == 0) continue;
            string? why = null;
            if (EnvironmentNames.Contains(entry.Key) && value.Split(',').Any(v => DevelopmentValues.Contains(v.Trim())))
                why = "runs the application in development mode, which shows stack traces and internals to visitors and switches off caching and other production hardening";
            else if (words[words.Count - 1] == "DEBUG" && On.Contains(value))
                why = "switches debug mode on: detailed error pages, debug endpoints and verbose logs that leak internals and secrets";
            else if ((entry.Key.Equals("developer_mode", StringComparison.OrdinalIgnoreCase) || words.SequenceEqual(new[] { "DEV", "MODE" }) || words.SequenceEqual(new[] { "DEVELOPER", "MODE" })) && On.Contains(value))
                why = "switches developer mode on (in Frappe/ERPNext: schema editing and tracebacks for every user)";
            else if ((entry.Key is "GIN_MODE" or "XDEBUG_MODE" or "FLASK_DEBUG_MODE") && value.IndexOf("debug", StringComparison.OrdinalIgnoreCase) >= 0)
                why = "switches a debugger or debug mode on";
            if (why is null) continue;
            cx.Report(entry.ValueSpan,
                $"`{entry.Key}={value}` in `{cx.File.File.RelativePath}` {why}. Set the production value here, and keep development settings in a file named for them (`.env.development`, `.env.local`).");
        }
    }
}
