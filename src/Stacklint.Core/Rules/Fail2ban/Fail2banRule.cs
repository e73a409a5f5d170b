using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Stacklint.Engine;
using Stacklint.Formats.Fail2ban;
using Stacklint.Stack;

namespace Stacklint.Rules.Fail2ban;

/// <summary>A rule over one fail2ban configuration directory whose files all parse (a file fail2ban cannot read is
/// LNT001 only: fail2ban refuses to start, and what was read past the error is a guess).</summary>
public abstract class Fail2banRule : Rule
{
    public abstract void Analyze(Fail2banContext cx);
}

/// <summary>What a fail2ban rule sees: the configuration as fail2ban 1.0.2 evaluates it (the repository's files over
/// fail2ban's stock jail.conf where the repository has none), and a way to report. Findings are only ever placed in the
/// repository's files: a value that comes from the stock files alone is not the stack's.</summary>
public sealed class Fail2banContext
{
    private readonly FindingSink _sink;
    private readonly Rule _rule;

    public Fail2banContext(Fail2banConfig config, StackModel stack, FindingSink sink, Rule rule)
    {
        Config = config;
        Stack = stack;
        _sink = sink;
        _rule = rule;
    }

    public Fail2banConfig Config { get; }
    public StackModel Stack { get; }

    /// <summary>The repository's jail files (jail.conf, jail.d/*.conf, jail.local, jail.d/*.local) in reading order.</summary>
    public IReadOnlyList<Fail2banFile> StackJailFiles => Config.JailFiles
        .Where(f => !f.IsStock && f.Role != Fail2banFileRole.Include)
        .GroupBy(f => f.File).Select(g => g.First()).ToList();

    /// <summary>Where a finding about the jail configuration as a whole goes: line 1 of the repository's jail.local, else
    /// of its first jail file in reading order; null when the repository holds no jail file (only fail2ban.conf/.local).</summary>
    public Location? JailAnchor =>
        (StackJailFiles.FirstOrDefault(f => f.Role == Fail2banFileRole.Local) ?? StackJailFiles.FirstOrDefault())?.File.StartLocation();

    public void Report(Location location, string message, IEnumerable<Location>? related = null, RuleSeverity? severity = null) =>
        _sink.Report(_rule.Id, location, message, related, severity);

    /// <summary>"etc/fail2ban/jail.local:7 [sshd]", "fail2ban's stock jail.conf (not in the repository) [DEFAULT]".</summary>
    public string Where(Fail2banOption option) => $"{Config.Describe(option)} [{option.Section}]";

    /// <summary>Where a value is set and the value it beat (what the jail would have without it):
    /// "etc/fail2ban/jail.local:7 [sshd], beats `maxretry = 5` from fail2ban's stock jail.conf (not in the repository) [DEFAULT]".</summary>
    public string Source(Fail2banSetting setting)
    {
        if (setting.Option is null) return "set by fail2ban itself";
        var source = Where(setting.Option);
        if (setting.Value != setting.RawValue && setting.Problem is null) source += $", `{setting.RawValue}` resolving to `{setting.Value}`";
        var beaten = setting.Overridden.FirstOrDefault();
        return beaten is null ? source : $"{source}, beats `{setting.Name} = {beaten.Value}` from {Where(beaten)}";
    }

    /// <summary>"jail sshd", "jails sshd, nginx-limit-req" (long lists shortened).</summary>
    public static string Jails(IReadOnlyCollection<string> names)
    {
        const int shown = 6;
        var list = names.Count <= shown ? string.Join(", ", names) : string.Join(", ", names.Take(shown)) + $" and {names.Count - shown} more";
        return (names.Count == 1 ? "jail " : "jails ") + list;
    }

    /// <summary>Seconds in words: "5 minutes", "9 minutes 59 seconds", "1 hour 30 minutes".</summary>
    public static string Duration(double seconds)
    {
        if (seconds < 0) return "-" + Duration(-seconds);
        if (seconds != Math.Floor(seconds) || seconds < 1) return seconds.ToString("0.###", CultureInfo.InvariantCulture) + " seconds";
        var total = (long)seconds;
        var parts = new List<string>();
        foreach (var (unit, size) in new[] { ("day", 86400L), ("hour", 3600L), ("minute", 60L), ("second", 1L) })
        {
            var count = total / size;
            total %= size;
            if (count > 0) parts.Add($"{count} {unit}{(count == 1 ? "" : "s")}");
        }
        return string.Join(" ", parts.Take(2));
    }

    /// <summary>"300" or "1.5" as seconds, for "(300 s)".</summary>
    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The name <paramref name="key"/> was probably meant to be: the closest candidate by optimal string alignment
    /// distance (insertions, deletions, substitutions, adjacent transpositions), within 1 for keys of up to 5 characters,
    /// 2 for 6 to 9, 3 for longer ones; ties go to the earlier list, then to the alphabetically first name.</summary>
    public static string? Closest(string key, params IEnumerable<string>[] lists)
    {
        var limit = key.Length <= 5 ? 1 : key.Length <= 9 ? 2 : 3;
        return lists.SelectMany((list, rank) => list.Select(name => (Name: name, Rank: rank, Distance: Stacklint.Text.EditDistance.Between(key, name))))
            .Where(c => c.Distance <= limit && c.Name != key)
            .OrderBy(c => c.Distance).ThenBy(c => c.Rank).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).FirstOrDefault();
    }

}
