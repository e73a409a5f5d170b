using Stacklint.Secrets;

namespace Stacklint.Rules.DotEnv;

sealed class ENV002WeakSecret : DotEnvRule
{
    public override void Analyze(DotEnvContext cx)
    {
        // Templates carry placeholders by design (ENV003 judges them); development files carry development defaults.
        if (cx.File.IsTemplate || cx.File.IsDevelopment) return;
        foreach (var secret in DotEnvSecrets.Of(cx.Document))
        {
            if (WeakSecrets.Judge(secret.Value, secret.User, secret.OwnerWords) is not { } reason) continue;
            var userKey = secret.UserKey ?? (reason == WeakReason.EqualsUser && secret.InUrl ? "the URL's user" : reason == WeakReason.EqualsUser ? "root" : null);
            cx.Report(secret.Span,
                $"{secret.Name} (`{SecretMask.Mask(secret.Value)}`) {WeakSecrets.Describe(reason, secret.Value.Length, userKey)}: anyone who reaches the service can guess it. " +
                "Generate a random one (`openssl rand -base64 32`) and set it before the service's first start (database images apply it only when they initialise their data).");
        }
    }
}
