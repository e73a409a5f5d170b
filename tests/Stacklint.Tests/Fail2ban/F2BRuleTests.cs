using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Formats.Fail2ban;
using Stacklint.Rules.Fail2ban;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Fail2ban;

/// <summary>What the F2B rules say beyond where they fire (the fixtures hold that): the option F2B006 suggests, as its
/// page's table lists it, and the placement of F2B001 when the repository never enables sshd.</summary>
public class F2BRuleTests
{
    [Fact]
    public void F2B006_suggests_the_options_its_page_lists()
    {
        var page = File.ReadAllText(Repo.Path("rules", "F2B006.md")).Replace("\r\n", "\n");
        var rows = Regex.Matches(page, @"^\| (?<keys>`[^|]+`) \| (?<meant>[^|]+?) \|$", RegexOptions.Multiline);
        Assert.True(rows.Count >= 14, $"the table has {rows.Count} rows");
        var wrong = (from Match row in rows
                     let keys = Regex.Matches(row.Groups["keys"].Value, "`([^`]+)`").Select(m => m.Groups[1].Value).ToList()
                     let meant = Regex.Matches(row.Groups["meant"].Value, "`([^`]+)`").Select(m => m.Groups[1].Value).ToList()
                     from pair in keys.Select((key, i) => (Key: key, Meant: meant.Count == 0 ? null : meant[Math.Min(i, meant.Count - 1)]))
                     let actual = Fail2banContext.Closest(pair.Key, Fail2banJailOptions.ReaderOptions.Keys, Fail2banJailOptions.StockVariables)
                     where actual != pair.Meant
                     select $"`{pair.Key}`: the page says {pair.Meant ?? "none"}, the rule suggests {actual ?? "none"}").ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void F2B001_flags_a_repository_that_never_enables_sshd_at_its_jail_local()
    {
        using var tree = new TempDir();
        tree.Write("etc/fail2ban/jail.d/app.conf", "[nginx-http-auth]\nenabled = true\n");
        tree.Write("etc/fail2ban/jail.local", "[DEFAULT]\nbantime = 1h\n");
        var findings = Scan.Run(tree.Root).Diagnostics.Where(d => d.Id == "F2B001").ToList();
        Assert.Equal(new[] { "etc/fail2ban/jail.local:1 F2B001" }, findings.Brief());
        Assert.Contains("defaults-debian.conf, which the repository does not hold", findings[0].GetMessage());

        tree.Write("etc/fail2ban/jail.local", "[DEFAULT]\nbantime = 1h\n\n[sshd]\nenabled = true\n");
        Assert.DoesNotContain(Scan.Run(tree.Root).Diagnostics, d => d.Id == "F2B001");
    }
}
