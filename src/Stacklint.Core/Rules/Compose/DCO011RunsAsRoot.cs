using Stacklint.Formats.Compose;


namespace Stacklint.Rules.Compose;

/// <summary>A service that runs as root: no <c>user:</c> (and an image that does not drop root itself), or root asked
/// for explicitly.</summary>
public sealed class DCO011RunsAsRoot : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            var user = service.User;
            if (user is not null && user.Value.Trim().Length > 0)
            {
                if (DockerfileFinalStage.IsRootUser(user.Value))
                    cx.Report(service, user.Origin,
                        $"runs as root ({ComposeText.Shown(user.Node)}): a compromised process is root in the container, one kernel bug or "
                        + "mount away from root on the host. Use an unprivileged user (`user: \"10001:10001\"`) that owns only what it writes.");
                continue;
            }
            if (ComposeImages.RunsAsNonRoot(service.Image)) continue;
            var dockerfile = cx.Facts.Dockerfile(service);
            if (dockerfile?.RunsAsNonRoot == true) continue;
            var why = dockerfile is not null
                ? $"its Dockerfile ({cx.Facts.DockerfilePaths[service.Name]}) has no non-root `USER` in its final stage"
                : service.Image is { } image ? $"the image `{image.Reference}` runs as root unless it says otherwise" : "it is built from a Dockerfile outside the scan";
            cx.Report(service,
                $"has no `user:` and {why}: the process runs as root in the container. Set `user: \"10001:10001\"` (or a `USER` in the "
                + "Dockerfile) and give that user only the files it must write.");
        }
    }
}
