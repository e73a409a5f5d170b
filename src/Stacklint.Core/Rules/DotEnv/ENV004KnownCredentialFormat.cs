using System.Linq;
using Stacklint.Rules.Stack;
using Stacklint.Secrets;

namespace Stacklint.Rules.DotEnv;

sealed class ENV004KnownCredentialFormat : StackRule
{
    public override void Analyze(StackContext cx)
    {
        foreach (var found in cx.Stack.Credentials)
        {
            // A real .env that git ignores and does not track (or that sits on a host, outside any repository) is where
            // such a credential belongs; everywhere else (templates, committed .env files, configuration files) it leaks.
            var env = cx.Stack.DotEnv.FirstOrDefault(e => e.File == found.File);
            if (env is { IsTemplate: false } && !(env.InRepository && (env.IsTracked == true || env.IsIgnored == false))) continue;
            var format = found.Match.Format;
            var where = env is null ? "in a configuration file" : env.IsTemplate ? "in a template" : "in a committed .env file";
            cx.Report(found.File.Location(found.Match.Span),
                $"{format.Name} (`{SecretMask.Mask(found.Match.Value)}`) is written {where}: anyone who can read the repository or the deployment can use it. " +
                $"Treat it as leaked: {format.Revoke}; then load the new one from a file git ignores or from a secret manager.");
        }
    }
}
