using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Formats.Fail2ban;

/// <summary>
/// Finds the values fail2ban 1.0.2 cannot use, reading exactly what it reads:
/// <list type="bullet">
/// <item>For every jail, <c>enabled</c>, <c>backend</c> and <c>filter</c> (fail2ban reads these even for disabled jails);
/// for enabled jails every option of its jail reader. A <c>%(…)s</c> it cannot interpolate there stops fail2ban-client
/// (<c>-t</c> fails, nothing starts).</item>
/// <item>For enabled jails, <c>maxretry</c>/<c>maxmatches</c>/<c>maxlines</c> that Python's <c>int()</c> rejects (fail2ban
/// warns "Wrong value … Using default one: 'None'", and the server then fails on None), and
/// <c>bantime</c>/<c>findtime</c>/<c>bantime.maxtime</c>/<c>bantime.rndtime</c> that <c>str2seconds</c> rejects: the
/// server stops at that value when it starts (<c>-t</c> passes).</item>
/// <item>fail2ban.conf's [Definition] settings, likewise (<c>dbpurgeage</c> a time, <c>dbmaxmatches</c> an integer).</item>
/// </list>
/// </summary>
internal static class Fail2banValueChecks
{
    private enum ValueType { Text, Integer, Time }

    /// <summary>What fail2ban's jail reader reads before it knows whether the jail is enabled.</summary>
    private static readonly string[] ReadForEveryJail = { "enabled", "backend", "filter" };

    /// <summary>fail2ban 1.0.2's <c>JailReader._configOpts</c> (with the filter options it merges in) and how each is read.</summary>
    private static readonly (string Name, ValueType Type)[] ReadForEnabledJails =
    {
        ("enabled", ValueType.Text), ("backend", ValueType.Text), ("maxretry", ValueType.Integer), ("maxmatches", ValueType.Integer),
        ("findtime", ValueType.Time), ("bantime", ValueType.Time), ("bantime.increment", ValueType.Text),
        ("bantime.factor", ValueType.Text), ("bantime.formula", ValueType.Text), ("bantime.multipliers", ValueType.Text),
        ("bantime.maxtime", ValueType.Time), ("bantime.rndtime", ValueType.Time), ("bantime.overalljails", ValueType.Text),
        ("ignorecommand", ValueType.Text), ("ignoreself", ValueType.Text), ("ignoreip", ValueType.Text), ("ignorecache", ValueType.Text),
        ("filter", ValueType.Text), ("logtimezone", ValueType.Text), ("logencoding", ValueType.Text), ("logpath", ValueType.Text),
        ("action", ValueType.Text), ("usedns", ValueType.Text), ("prefregex", ValueType.Text), ("ignoreregex", ValueType.Text),
        ("failregex", ValueType.Text), ("maxlines", ValueType.Integer), ("datepattern", ValueType.Text), ("journalmatch", ValueType.Text),
    };

    /// <summary><c>Fail2banReader</c>'s options of fail2ban.conf's [Definition].</summary>
    private static readonly (string Name, ValueType Type)[] DaemonOptions =
    {
        ("socket", ValueType.Text), ("pidfile", ValueType.Text), ("loglevel", ValueType.Text), ("logtarget", ValueType.Text),
        ("syslogsocket", ValueType.Text), ("allowipv6", ValueType.Text), ("dbfile", ValueType.Text),
        ("dbmaxmatches", ValueType.Integer), ("dbpurgeage", ValueType.Time),
    };

    public static IReadOnlyList<Fail2banValueProblem> Find(Fail2banConfig config)
    {
        var found = new List<(Fail2banProblemKind Kind, Fail2banProblemEffect Effect, string Message, Fail2banSetting Setting, Fail2banOption? Culprit, string Key, List<string> Jails, Fail2banJail? Jail)>();
        void Add(Fail2banProblemKind kind, Fail2banProblemEffect effect, string message, Fail2banSetting setting, Fail2banOption? culprit, string detail, Fail2banJail? jail)
        {
            var key = $"{kind}\n{detail}";
            var existing = found.FindIndex(f => f.Key == key && ReferenceEquals(f.Culprit ?? f.Setting.Option, culprit ?? setting.Option));
            if (existing >= 0)
            {
                if (jail is not null && !found[existing].Jails.Contains(jail.Name)) found[existing].Jails.Add(jail.Name);
                return;
            }
            found.Add((kind, effect, message, setting, culprit, key, jail is null ? new List<string>() : new List<string> { jail.Name }, jail));
        }

        void Check(Fail2banSetting? setting, ValueType type, Fail2banJail? jail)
        {
            if (setting is null) return;
            if (setting.Problem is { } problem)
            {
                var culprit = setting.ProblemTrail.LastOrDefault(o => o is not null && !config.IsStock(o.File));
                Add(Fail2banProblemKind.Interpolation, Fail2banProblemEffect.ConfigurationRefused, problem.Message, setting, culprit,
                    $"{problem.Error}\n{problem.Key}", jail);
                return;
            }
            var culpritLine = setting.IsInRepository ? setting.Option : null;
            var where = jail?.Name ?? setting.Section;
            switch (type)
            {
                case ValueType.Integer when !Fail2banValues.TryParseInteger(setting.Value, out _):
                    Add(Fail2banProblemKind.Integer, Fail2banProblemEffect.StartFails,
                        $"`{setting.Value}` is not an integer: fail2ban warns \"Wrong value for {PythonText.Repr(setting.Name)} in {PythonText.Repr(where)}. Using default one: 'None'\" and the server then fails on None",
                        setting, culpritLine, setting.Value, jail);
                    break;
                case ValueType.Time when !Fail2banTime.TryParse(setting.Value, out _, out var error):
                    Add(Fail2banProblemKind.Time, Fail2banProblemEffect.StartFails,
                        $"`{setting.Value}` is not a time fail2ban can read (it evaluates `{Fail2banTime.Rewrite(setting.Value)}`: {error}); use seconds or units such as 10m, 1h, 1d, 1w",
                        setting, culpritLine, setting.Value, jail);
                    break;
            }
        }

        foreach (var jail in config.Jails)
        {
            foreach (var name in ReadForEveryJail) Check(jail.Get(name), ValueType.Text, jail);
            if (!jail.Enabled) continue;
            foreach (var (name, type) in ReadForEnabledJails) Check(jail.Get(name), type, jail);
        }
        foreach (var (name, type) in DaemonOptions) Check(config.Daemon(name), type, null);

        return found.Select(f => new Fail2banValueProblem(f.Kind, f.Effect, f.Message, f.Setting, f.Culprit, f.Jails,
            f.Culprit?.Location ?? f.Jail?.Location ?? config.Anchor)).ToList();
    }
}
