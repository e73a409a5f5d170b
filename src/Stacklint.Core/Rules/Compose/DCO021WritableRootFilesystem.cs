namespace Stacklint.Rules.Compose;

/// <summary>A container whose root filesystem is writable: an intruder can change binaries and drop tools.</summary>
public sealed class DCO021WritableRootFilesystem : ComposeRule
{
    public override void Analyze(ComposeRuleContext cx)
    {
        foreach (var service in cx.Services)
        {
            var value = service.Node["read_only"] as Stacklint.Formats.Compose.ComposeScalar;
            var readOnly = ComposeValues.Boolean(value);
            // true, or a value Compose refuses (LNT's business, not a guess here).
            if (readOnly == true || (value is { IsNull: false } && readOnly is null)) continue;
            const string fix = "Set `read_only: true` and give the paths it writes a `tmpfs` (`/tmp`, `/run`) or a volume.";
            if (value is { IsNull: false } && readOnly == false)
                cx.Report(service, value.Origin, $"`read_only` is false ({ComposeText.Shown(value)}): the container's root filesystem is "
                                               + $"writable, so an intruder can replace binaries and leave tools behind. {fix}");
            else
                cx.Report(service, $"has no `read_only: true`: the container's root filesystem is writable, so an intruder can replace "
                                   + $"binaries and leave tools behind. {fix}");
        }
    }
}
