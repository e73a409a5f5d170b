using System.Linq;
using Microsoft.CodeAnalysis;
using Stacklint.Formats.Fail2ban;

namespace Stacklint.Rules.Fail2ban;

/// <summary>An enabled jail's filter is neither in the repository's filter.d nor among the filters fail2ban 1.0.2 ships
/// (a jail without a filter line uses its own section name): fail2ban skips the jail at start. An empty filter starts
/// the jail with a warning, and it never matches a line unless the jail has its own failregex.</summary>
public sealed class F2B008MissingFilter : Fail2banRule
{
    public override void Analyze(Fail2banContext cx)
    {
        foreach (var jail in cx.Config.EnabledJails)
        {
            var filter = jail.Filter;
            if (filter?.Problem is not null) continue; // F2B007: fail2ban stops before it looks for the filter.
            var name = jail.FilterName;
            var ownLine = filter is { IsInRepository: true, FromDefault: false } ? filter.Location : null;
            var location = ownLine ?? Header(jail) ?? cx.JailAnchor ?? cx.Config.Anchor;
            if (name is null)
            {
                if (jail.Get("failregex") is { } own && Fail2banParser.Strip(own.Value).Length > 0) continue;
                cx.Report(location,
                    $"jail {jail.Name} has an empty filter ({(filter is null ? "no file sets one" : cx.Config.Describe(filter.Option!))}): fail2ban starts it with only a "
                    + $"warning (\"No filter set for jail {jail.Name}\") and it never matches a log line. Name the filter (`filter = NAME`), or give the jail its own failregex.");
                continue;
            }
            if (cx.Config.HasFilter(name) || Fail2banStockFilters.Contains(name)) continue;
            var origin = ownLine is not null
                ? cx.Config.Describe(filter!.Option!)
                : filter!.RawValue.Contains("%(__name__)s")
                    ? "its section name, fail2ban's default"
                    : $"set in {filter.Where}";
            var meant = Fail2banContext.Closest(name, Fail2banStockFilters.Names.OrderBy(n => n, System.StringComparer.Ordinal)) is { } stock
                ? $" Did you mean `{stock}`?" : "";
            var directory = cx.Config.Directory.Length == 0 ? "" : cx.Config.Directory + "/";
            cx.Report(location,
                $"jail {jail.Name} uses filter `{name}` ({origin}), but there is no {directory}filter.d/{name}.conf or .local in the stack and fail2ban "
                + $"{Fail2banStockConfig.Version} ships no such filter: fail2ban skips the jail at start ('Unable to read the filter'), and `fail2ban-client -t` "
                + $"fails.{meant} Add the filter to filter.d, or point the jail at the filter meant.");
        }
    }

    /// <summary>The [jail] header of the repository section whose <c>enabled</c> line wins, else the jail's last
    /// repository header.</summary>
    private static Location? Header(Fail2banJail jail)
    {
        var enabled = jail.EnabledSetting?.Option;
        var section = enabled is null ? null
            : jail.Sections.LastOrDefault(s => s.File == enabled.File && s.Options.Contains(enabled));
        return section is not null && !jail.Config.Files.Any(f => f.IsStock && f.File == section.File) ? section.Location : jail.Location;
    }
}
