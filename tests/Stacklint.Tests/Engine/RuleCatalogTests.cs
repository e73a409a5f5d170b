using System.Linq;
using Stacklint.Engine;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Engine;

public class RuleCatalogTests
{
    [Fact]
    public void Every_rule_class_has_a_page_and_every_page_a_rule()
    {
        var classes = Rule.All.Select(r => r.Id).Concat(LinterDiagnostics.Ids).OrderBy(i => i).ToList();
        var pages = RuleCatalog.Default.All.Select(r => r.Id).OrderBy(i => i).ToList();
        Assert.Equal(pages, classes);
    }

    [Fact]
    public void Pages_on_disk_are_the_pages_embedded()
    {
        var onDisk = System.IO.Directory.GetFiles(Repo.Path("rules"), "*.md")
            .Select(f => System.IO.Path.GetFileNameWithoutExtension(f)).OrderBy(i => i).ToList();
        Assert.Equal(onDisk, RuleCatalog.Default.All.Select(r => r.Id).ToList());
    }

    [Fact]
    public void Every_page_has_the_documentation_sections_and_catalog_metadata()
    {
        foreach (var rule in RuleCatalog.Default.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Title), rule.Id);
            Assert.False(string.IsNullOrWhiteSpace(rule.Description), rule.Id);
            Assert.Contains("## What it flags", rule.Body);
            Assert.Contains("## How to fix", rule.Body);
            Assert.NotEmpty(rule.Tags);
            Assert.InRange(rule.SecuritySeverity, 0.0, 10.0);
            Assert.Equal(rule.Id, rule.Descriptor.Id);
            Assert.Equal(rule.Severity.ToDiagnosticSeverity(), rule.Descriptor.DefaultSeverity);
        }
    }

    [Fact]
    public void Ids_follow_the_catalog_convention()
    {
        foreach (var rule in RuleCatalog.Default.All)
            Assert.Matches("^(SSH|NGX|DCO|F2B|ENV|DKD|STK|LNT)[0-9]{3}$", rule.Id);
    }

    [Fact]
    public void SSH022_is_off_by_default_and_the_rest_of_the_ssh_rules_on()
    {
        Assert.False(RuleCatalog.Default["SSH022"].EnabledByDefault);
        Assert.All(RuleCatalog.Default.All.Where(r => r.Id.StartsWith("SSH") && r.Id != "SSH022"), r => Assert.True(r.EnabledByDefault, r.Id));
    }

    [Fact]
    public void Severities_match_the_shared_catalog()
    {
        // ../shared/RULES.md is the specification: its sev column must be what the pages say.
        var spec = System.IO.File.ReadAllLines(Repo.Shared("RULES.md"))
            .Where(l => l.StartsWith("| ") && System.Text.RegularExpressions.Regex.IsMatch(l, @"^\| [A-Z][A-Z0-9]{2}[0-9]{3} \|"))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .ToDictionary(c => c[1], c => c[3]);
        foreach (var rule in RuleCatalog.Default.All)
        {
            Assert.True(spec.ContainsKey(rule.Id), $"{rule.Id} is not in RULES.md");
            Assert.StartsWith(rule.Severity.ToText(), spec[rule.Id].Replace("info", "note"));
        }
    }
}
