using System;
using System.Linq;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>A database with authentication switched off (<c>POSTGRES_HOST_AUTH_METHOD=trust</c>, empty-password
/// switches, Elasticsearch/OpenSearch security off), or a server without authentication by default (Redis, MongoDB,
/// Memcached) published beyond loopback.</summary>
public sealed class DCO017DatabaseWithoutAuthentication : ComposeRule
{
    private static readonly string[] RootPasswords =
    {
        "MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD_FILE", "MYSQL_ROOT_PASSWORD_HASH", "MYSQL_RANDOM_ROOT_PASSWORD",
        "MARIADB_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD_FILE", "MARIADB_ROOT_PASSWORD_HASH", "MARIADB_RANDOM_ROOT_PASSWORD",
    };

    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            Switches(cx, service);
            Unauthenticated(cx, service);
        }
    }

    /// <summary>A: variables that turn authentication off, published or not.</summary>
    private static void Switches(ComposeRuleContext cx, ComposeService service)
    {
        foreach (var variable in service.Environment)
        {
            var value = variable.Value?.Trim() ?? "";
            string? why = variable.Name switch
            {
                "POSTGRES_HOST_AUTH_METHOD" when value.Equals("trust", StringComparison.OrdinalIgnoreCase) =>
                    "PostgreSQL accepts every connection as any user, superuser included, without a password",
                "MYSQL_ALLOW_EMPTY_PASSWORD" or "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" when value.Length > 0 && !HasRootPassword(service) =>
                    $"the image creates root with an empty password (it only tests that the variable is non-empty, so `{value}` turns it on)",
                "ALLOW_EMPTY_PASSWORD" when value.ToLowerInvariant() is "yes" or "true" or "1" =>
                    "Bitnami's image starts the server without a password",
                "xpack.security.enabled" when value.Equals("false", StringComparison.OrdinalIgnoreCase) =>
                    "Elasticsearch runs without authentication or TLS: anyone who reaches it reads and deletes every index",
                "DISABLE_SECURITY_PLUGIN" when value.Equals("true", StringComparison.OrdinalIgnoreCase) =>
                    "OpenSearch runs without its security plugin: no authentication, no TLS",
                _ => null,
            };
            if (why is null) continue;
            var where = variable.Source == ComposeEnvironmentSource.EnvFile ? $" (from {variable.EnvFile?.Path})" : "";
            cx.Report(service, variable.Origin,
                $"`{variable.Name}={value}`{where}: {why}. Every container on its networks, and anything that reaches a published port, "
                + "gets in. Set a password (from .env or a Docker secret) and remove the switch.");
        }
    }

    /// <summary>B: servers that start without authentication, published on something other than loopback.</summary>
    private static void Unauthenticated(ComposeRuleContext cx, ComposeService service)
    {
        var image = service.Image;
        if (image is null) return;
        var published = ComposePublishing.Published(service, cx.Daemon).Where(p => p.Bind != BindClass.Loopback).ToList();
        if (published.Count == 0) return;
        var words = service.Command is { } command
            ? command.IsList ? command.Words.ToList() : command.Text.Split(new[] { ' ', '\t', '\n' }, StringSplitOptions.RemoveEmptyEntries).ToList()
            : new System.Collections.Generic.List<string>();
        string? what = null;
        if (ComposeImages.IsRedisFamily(image))
        {
            var authenticated = words.Any(w => w.StartsWith("--requirepass", StringComparison.Ordinal) || w.StartsWith("--aclfile", StringComparison.Ordinal)
                                               || w.StartsWith("--user", StringComparison.Ordinal) || w.EndsWith(".conf", StringComparison.Ordinal))
                                || (ComposeImages.IsBitnami(image) && (IsSet(service, "REDIS_PASSWORD") || IsSet(service, "VALKEY_PASSWORD")));
            if (!authenticated)
                what = $"`{image.Reference}` starts without a password (the official images turn protected mode off; `REDIS_PASSWORD` means "
                       + "nothing to them): add `--requirepass` from .env, or an ACL file";
        }
        else if (image.Name is "mongo" or "mongodb")
        {
            var authenticated = IsSet(service, "MONGO_INITDB_ROOT_PASSWORD") || IsSet(service, "MONGO_INITDB_ROOT_PASSWORD_FILE")
                                || IsSet(service, "MONGODB_ROOT_PASSWORD") || words.Contains("--auth");
            if (!authenticated)
                what = $"`{image.Reference}` starts without authentication: set `MONGO_INITDB_ROOT_USERNAME` and `MONGO_INITDB_ROOT_PASSWORD` (from .env)";
        }
        else if (image.Name == "memcached")
            what = $"`{image.Reference}` has no authentication at all: keep it on the project network";
        if (what is null) return;
        var first = published[0];
        cx.Report(service,
            $"{what}. It is published {first.Where} ({first.Written}{(published.Count > 1 ? $" and {published.Count - 1} more" : "")}): "
            + "anyone who reaches that address reads and changes the data without a password.");
    }

    private static bool HasRootPassword(ComposeService service) => RootPasswords.Any(name => IsSet(service, name));

    /// <summary>Set to a non-empty value, or to a reference (whose value lives elsewhere).</summary>
    private static bool IsSet(ComposeService service, string name) =>
        service.EnvironmentVariable(name) is { } variable
        && (!string.IsNullOrEmpty(variable.Value) || variable.Node?.Interpolation?.Substitutions.Count > 0);
}
