using System;
using System.Linq;
using Stacklint.Secrets;

namespace Stacklint.Rules.DotEnv;

sealed class ENV003SecretInTemplate : DotEnvRule
{
    public override void Analyze(DotEnvContext cx)
    {
        if (!cx.File.IsTemplate) return;
        foreach (var secret in DotEnvSecrets.Of(cx.Document))
        {
            var value = secret.Value.Trim();
            if (WeakSecrets.IsKnown(value) || !Entropy.LooksRandom(value, minLength: WeakSecrets.MinimumLength, minBits: 3.0)
                || Entropy.IsLow(value) || IsPhrase(value)) continue;
            // A recognised credential is ENV004's (an error); one finding per value.
            if (DotEnvSecrets.IsKnownCredential(cx.Stack, cx.File, secret)) continue;
            cx.Report(secret.Span,
                $"the template `{cx.File.File.RelativePath}` gives {secret.Name} a real-looking value (`{SecretMask.Mask(secret.Value)}`): templates are committed and copied, so if this value is in use anywhere it is exposed. " +
                "Rotate it wherever it is used, and leave an empty value or a placeholder (`<generate: openssl rand -hex 32>`) in the template.");
        }
    }

    /// <summary>Words joined by separators (<c>dev-secret-not-for-production</c>): written by a person as a hint, not a
    /// generated secret.</summary>
    private static bool IsPhrase(string value)
    {
        var words = value.Split(new[] { '-', '_', '.', ' ' }, StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 3 && words.All(w => w.All(char.IsLetter));
    }
}
