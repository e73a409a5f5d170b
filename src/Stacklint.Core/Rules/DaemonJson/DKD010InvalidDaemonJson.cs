using Stacklint.Engine;

namespace Stacklint.Rules.DaemonJson;

/// <summary>What dockerd refuses in daemon.json — an unknown name, a value of the wrong type or an invalid one: it does
/// not start — or reads differently from how it looks: a name it accepts and ignores, a name written twice.</summary>
public sealed class DKD010InvalidDaemonJson : DaemonJsonRule
{
    public override void Analyze(DaemonJsonContext cx)
    {
        foreach (var problem in cx.Config.Problems)
            cx.Report(problem.Location, problem.Message, severity: problem.Refused ? null : RuleSeverity.Warning);
    }
}
