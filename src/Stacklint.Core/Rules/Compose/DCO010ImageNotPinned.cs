namespace Stacklint.Rules.Compose;

/// <summary>An image pulled with no tag or with <c>latest</c>: what runs changes with every pull, unreviewed.</summary>
public sealed class DCO010ImageNotPinned : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            // With build:, image: names the local build result.
            if (service.HasBuild || service.Image is not { IsLatest: true } image) continue;
            var what = image.Tag is null ? "has no tag, so Docker pulls `latest`" : $"uses the tag `{image.Tag}`";
            cx.Report(service, image.Origin,
                $"the image {ComposeText.Shown(image.Node)} {what}: every pull may bring a different version, unreviewed (and a "
                + "compromised upstream goes straight to production). Pin a version tag (`postgres:16.4`), or a digest (`@sha256:…`) "
                + "with a tool such as Renovate to update it.");
        }
    }
}
