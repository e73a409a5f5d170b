using Stacklint.Rules.Stack;

namespace Stacklint.Rules.DotEnv;

sealed class ENV011NotIgnored : StackRule
{
    public override void Analyze(StackContext cx)
    {
        foreach (var place in cx.Stack.DotEnvPlaces)
        {
            // A .env that is there and not ignored is ENV001's (an error).
            if (place.Ignored || place.Present) continue;
            var name = place.ExpectedPath.Substring(place.ExpectedPath.LastIndexOf('/') + 1);
            var why = place.Anchor.RelativePath.EndsWith(".yml", System.StringComparison.OrdinalIgnoreCase) || place.Anchor.RelativePath.EndsWith(".yaml", System.StringComparison.OrdinalIgnoreCase)
                ? $"this compose file reads variables, which Compose takes from `{place.ExpectedPath}`"
                : $"this template is copied to `{place.ExpectedPath}`";
            cx.Report(place.Anchor.StartLocation(),
                $"{why}, and .gitignore does not cover that path: once it is created with real values, the next `git add .` commits them. Add `{name}` to .gitignore now.");
        }
    }
}
