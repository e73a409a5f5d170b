using Stacklint.Secrets;

namespace Stacklint.Rules.DotEnv;

sealed class ENV008EmptySecret : DotEnvRule
{
    public override void Analyze(DotEnvContext cx)
    {
        // A template leaves secrets empty on purpose; development files may run without them.
        if (cx.File.IsTemplate || cx.File.IsDevelopment) return;
        foreach (var entry in cx.Document.Effective())
        {
            if (entry.Value is not { Length: 0 } || !SecretNames.IsSecret(entry.Key)) continue;
            cx.Report(entry.KeySpan,
                $"`{entry.Key}` is empty: Compose passes an empty string, and depending on the image the service then runs without a password or fails to start. " +
                $"Set a generated value (`openssl rand -base64 32`), or write `{entry.Key}` alone (no `=`) to take it from the environment Compose runs in.");
        }
    }
}
