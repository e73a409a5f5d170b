using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Formats.Fail2ban;

namespace Stacklint.Rules.Fail2ban;

/// <summary>An option in a repository jail file that fail2ban never reads: not a jail option of fail2ban 1.0.2, not a
/// variable of the packaged configuration, and referenced by no <c>%(name)s</c>. fail2ban drops it without a word, so
/// <c>maxretries = 3</c> keeps maxretry at 5. Also a section meant to be [DEFAULT] or [INCLUDES] that is not (section
/// names are case-sensitive): fail2ban reads it as a jail that is never enabled.</summary>
public sealed class F2B006UnknownJailOption : Fail2banRule
{
    private const string Includes = "INCLUDES";
    private static readonly Regex Reference = new(@"%\(([^)]+)\)s", RegexOptions.CultureInvariant);

    public override void Analyze(Fail2banContext cx)
    {
        var referenced = References(cx.Config);
        foreach (var file in cx.StackJailFiles)
            foreach (var section in file.Document.Sections)
            {
                if (section.Name == Includes)
                {
                    foreach (var option in section.Options.Where(o => !Fail2banJailOptions.IncludesOptions.Contains(o.Name)))
                        cx.Report(option.Location,
                            $"`{option.WrittenName}` is not an [INCLUDES] option: fail2ban reads only `before` and `after` there and ignores it"
                            + (Fail2banContext.Closest(option.Name, Fail2banJailOptions.IncludesOptions) is { } meant ? $". Did you mean `{meant}`?" : "."));
                    continue;
                }
                if (MeantSection(section.Name) is { } special)
                    cx.Report(section.Location,
                        $"[{section.Name}] is not [{special}]: section names are case-sensitive, so fail2ban reads it as a jail named `{section.Name}`, "
                        + $"which is never started, so {(section.Options.Count == 1 ? "its option applies" : $"its {section.Options.Count} options apply")} nowhere. Write [{special}].");
                foreach (var option in section.Options)
                {
                    if (Fail2banJailOptions.IsKnown(option.Name) || referenced.Contains(option.Name)) continue;
                    cx.Report(option.Location, Message(cx, section, option));
                }
            }
    }

    private static string Message(Fail2banContext cx, Fail2banSection section, Fail2banOption option)
    {
        var jail = section.IsDefault ? null : cx.Config.Jail(section.Name);
        if (jail is not null && PassedByName(cx, jail, option) is { } toPlugin) return toPlugin;
        var meant = Fail2banContext.Closest(option.Name, Fail2banJailOptions.ReaderOptions.Keys.OrderBy(k => k, StringComparer.Ordinal),
            Fail2banJailOptions.StockVariables.OrderBy(k => k, StringComparer.Ordinal));
        if (meant is null)
            return $"`{option.WrittenName}` is not a fail2ban option: fail2ban ignores it without a warning (it is no jail option, no variable of "
                   + $"the packaged configuration, and no `%({option.Name})s` uses it). Remove it, or pass it in brackets to the filter or action "
                   + "that needs it (`filter = NAME[key=value]`).";
        var effective = jail is null ? cx.Config.Default(meant) : jail.Get(meant);
        var scope = jail is null ? "in [DEFAULT]" : $"in jail {jail.Name}";
        var stays = effective is null
            ? $"{meant} stays unset {scope}"
            : $"{meant} stays {(effective.Value.Length == 0 ? "empty" : effective.Value)} ({(effective.Option is null ? "fail2ban itself" : cx.Where(effective.Option))}) {scope}";
        return $"`{option.WrittenName}` is not a fail2ban option: fail2ban ignores it, so {stays}. Did you mean `{meant}`?";
    }

    /// <summary>When the key is a <c>&lt;key&gt;</c> tag of the repository's filter or action the jail uses: a jail option
    /// does not reach it (the tag keeps its [Init] value), only <c>NAME[key=value]</c> does.</summary>
    private static string? PassedByName(Fail2banContext cx, Fail2banJail jail, Fail2banOption option)
    {
        var tag = $"<{option.WrittenName}>";
        var plugins = new List<(string Kind, string Name)>();
        if (jail.FilterName is { } filter) plugins.Add(("filter", filter));
        plugins.AddRange(jail.ActionNames.Where(a => a.Length > 0).Select(a => ("action", a)));
        foreach (var (kind, name) in plugins)
            foreach (var extension in new[] { ".conf", ".local" })
            {
                if (!cx.Config.PluginFiles.TryGetValue($"{kind}.d/{name}{extension}", out var file)) continue;
                if (file.Text.ToString().IndexOf(tag, StringComparison.Ordinal) < 0) continue;
                var init = Fail2banParser.Read(file).OptionsOf("Init").LastOrDefault(o => o.Name == option.Name);
                var keeps = init is null ? $"stays literally `{tag}`" : $"keeps its [Init] value `{init.Value}`";
                return $"`{option.WrittenName}` is not passed to {kind} {name}: fail2ban does not hand jail options to filters or actions by name, so "
                       + $"`{tag}` in {file.RelativePath} {keeps}. Write `{kind} = {name}[{option.WrittenName}={option.Value}]`.";
            }
        return null;
    }

    /// <summary>DEFAULT or INCLUDES when the section name is one of them in another case or spelling ([Default],
    /// [DEFAULTS], [ DEFAULT ], [includes]).</summary>
    private static string? MeantSection(string name)
    {
        var upper = name.Trim().ToUpperInvariant();
        foreach (var special in new[] { Fail2banParser.DefaultSection, Includes })
            if (name != special && Stacklint.Text.EditDistance.Between(upper, special) <= 1) return special;
        return null;
    }

    /// <summary>Every name any value of the layered jail configuration references (repository and stock, every section,
    /// evaluated or not): <c>%(name)s</c>, <c>%(default/name)s</c>, <c>%(known/name)s</c>, <c>%(section/name)s</c>.</summary>
    private static HashSet<string> References(Fail2banConfig config)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in config.JailFiles)
            foreach (var option in file.Document.Sections.SelectMany(s => s.Options))
                foreach (Match m in Reference.Matches(option.Value))
                {
                    var key = m.Groups[1].Value;
                    names.Add(Fail2banParser.FoldOptionName(key.Substring(key.LastIndexOf('/') + 1)));
                }
        return names;
    }
}
