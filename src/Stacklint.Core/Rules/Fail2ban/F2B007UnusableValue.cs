using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stacklint.Formats.Fail2ban;

namespace Stacklint.Rules.Fail2ban;

/// <summary>A value fail2ban 1.0.2 cannot use: an unreadable time or integer, an integer list that does not split into
/// integers, a boolean that is no boolean word, a <c>%(name)s</c> it evaluates and cannot resolve. <c>fail2ban-client
/// -t</c> passes most of them; fail2ban-server then stops at the value and no jail runs, or the jail silently stays off.
/// The model finds the interpolation, time and integer problems (<see cref="Fail2banConfig.ValueProblems"/>); this rule
/// adds booleans and bantime.multipliers, and says what fail2ban does with each.</summary>
public sealed class F2B007UnusableValue : Fail2banRule
{
    private static readonly string[] EnabledJailBooleans = { "bantime.increment", "bantime.overalljails", "ignoreself" };

    private sealed class Finding
    {
        public Finding(Location location) => Location = location;
        public Location Location { get; }
        public List<string> Reasons { get; } = new();
        public List<string> Jails { get; } = new();
    }

    public override void Analyze(Fail2banContext cx)
    {
        var findings = new List<Finding>();
        void Add(Location location, string reason, IEnumerable<string> jails)
        {
            var finding = findings.FirstOrDefault(f => f.Location.SourceSpan == location.SourceSpan && f.Location.GetLineSpan().Path == location.GetLineSpan().Path);
            if (finding is null) findings.Add(finding = new Finding(location));
            if (!finding.Reasons.Contains(reason)) finding.Reasons.Add(reason);
            foreach (var jail in jails.Where(j => !finding.Jails.Contains(j))) finding.Jails.Add(jail);
        }

        foreach (var problem in cx.Config.ValueProblems)
        {
            var setting = problem.Setting;
            // No repository line along the way: the value is the package's (the stock `maxmatches = %(maxretry)s` of a jail
            // whose maxretry is bad is that maxretry line's finding, reported on it).
            if (problem.Culprit is null) continue;
            // An empty bantime.maxtime or bantime.rndtime is unset to fail2ban-server (Jail.setBanTimeExtra).
            if (problem.Kind == Fail2banProblemKind.Time && setting.Name is "bantime.maxtime" or "bantime.rndtime" && Fail2banParser.Strip(setting.Value).Length == 0) continue;
            Add(problem.Location, Describe(cx, problem), problem.Jails);
        }

        foreach (var jail in cx.Config.Jails)
        {
            // fail2ban reads `enabled` of every section: a word it does not know is what keeps the jail off.
            CheckBoolean(cx, jail, jail.EnabledSetting, Add);
            if (!jail.Enabled) continue;
            foreach (var name in EnabledJailBooleans) CheckBoolean(cx, jail, jail.Get(name), Add);
            if (jail.Get("bantime.multipliers") is { IsInRepository: true, Problem: null } multipliers
                && Fail2banParser.Strip(multipliers.Value).Length > 0
                && multipliers.Value.Split(' ').FirstOrDefault(p => !Fail2banValues.TryParseInteger(p, out _)) is { } part)
                Add(multipliers.Location!,
                    $"bantime.multipliers `{multipliers.Value}` does not split on single spaces into integers ({(part.Length == 0 ? "an empty item, from two spaces in a row" : $"`{part}` is not one")}): fail2ban-server "
                    + $"refuses it when it starts (`int({PythonText.Repr(part)})` raises ValueError) and exits, so no jail runs. Write the numbers on one line separated by single spaces: "
                    + $"`bantime.multipliers = {string.Join(" ", multipliers.Value.Split(new[] { ' ', ',', '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries))}`",
                    new[] { jail.Name });
        }

        foreach (var finding in findings)
            cx.Report(finding.Location, string.Join(". Also: ", finding.Reasons) + (finding.Jails.Count > 0 ? $" ({Fail2banContext.Jails(finding.Jails)})." : "."));
    }

    private static void CheckBoolean(Fail2banContext cx, Fail2banJail jail, Fail2banSetting? setting, Action<Location, string, IEnumerable<string>> add)
    {
        if (setting is not { IsInRepository: true, Problem: null } || setting.IsBooleanWord) return;
        var effect = setting.Name == "enabled"
            ? "so the jail silently stays off"
            : $"so the jail starts with {setting.Name} off";
        var hash = setting.Value.IndexOf('#') >= 0 ? " (`#` is not a comment after a value; put comments on their own line or after ` ;`)" : "";
        add(setting.Location!,
            $"{setting.Name} `{setting.Value}` is not a boolean{hash}: fail2ban reads everything but true, yes, on and 1 as false, without a warning, {effect}. "
            + $"Write `{setting.Name} = true` or `false`",
            new[] { jail.Name });
    }

    private static string Describe(Fail2banContext cx, Fail2banValueProblem problem)
    {
        var setting = problem.Setting;
        switch (problem.Kind)
        {
            case Fail2banProblemKind.Interpolation:
            {
                var error = setting.Problem!;
                var chain = string.Join(" ⇒ ", setting.ProblemTrail.Select((o, i) => o is null ? "fail2ban's own value"
                    : $"{(i == 0 ? setting.Name : o.Name)} ({cx.Config.Describe(o)})"));
                var through = problem.Jails.Count > 0 ? $"fail2ban evaluates it for {Fail2banContext.Jails(problem.Jails)} through {chain}" : $"fail2ban evaluates it through {chain}";
                return error.Error switch
                {
                    Fail2banInterpolationError.Undefined =>
                        $"`%({error.Key})s` is not defined: {through}; `fail2ban-client -t` fails with 'Bad value substitution' and fail2ban does not start. "
                        + $"Define {error.Key} in [{(problem.Jails.Count > 0 ? problem.Jails[0] : setting.Section)}] or [DEFAULT]",
                    Fail2banInterpolationError.Syntax =>
                        $"a `%` that is neither `%%` nor `%(name)s`: {through}; fail2ban-client stops with \"{error.Message}\" and fail2ban does not start. "
                        + "Write a literal % as %%",
                    _ =>
                        $"the references never end (a loop, or more than 10 levels deep): {through}; fail2ban-client stops with \"{error.Message}\" and "
                        + "fail2ban does not start",
                };
            }
            case Fail2banProblemKind.Time:
                return $"{setting.Name} {problem.Message}. `fail2ban-client -t` says OK, but fail2ban-server refuses `set … {setting.Name} {setting.Value}` "
                       + "when it starts and exits, so no jail runs";
            default:
            {
                var option = setting.Option;
                var firstLine = option?.Lines[0].Text ?? "";
                var cause = option is { IsContinued: true } && Fail2banValues.TryParseInteger(firstLine, out _)
                    ? $"{setting.Name}'s value is `{firstLine}` plus line {LineOf(option, 1)} `{option.Lines.Skip(1).First(l => l.Text.Length > 0).Text}`: an indented "
                      + "line continues the previous value; remove the indentation"
                    : setting.Value.IndexOf('#') >= 0
                        ? $"{setting.Name} `{setting.Value}` is not an integer (`#` is not a comment after a value); write `{setting.Name} = "
                          + $"{setting.Value.Substring(0, setting.Value.IndexOf('#')).TrimEnd()} ; {setting.Value.Substring(setting.Value.IndexOf('#') + 1).Trim()}`"
                        : $"{setting.Name} `{setting.Value}` is not an integer; write plain digits";
                var effect = setting.Name == "maxlines"
                    ? "fail2ban warns and leaves it out; the filter's own maxlines stays"
                    : $"`fail2ban-client -t` only warns ('Wrong value for {setting.Name} … Using default one: None'), but fail2ban-server refuses "
                      + $"`set … {setting.Name} None` and exits, so no jail runs";
                return $"{cause}. {effect}";
            }
        }
    }

    private static int LineOf(Fail2banOption option, int index)
    {
        var line = option.Lines.Skip(index).First(l => l.Text.Length > 0);
        return option.File.Text.Lines.GetLineFromPosition(line.Span.Start).LineNumber + 1;
    }
}
