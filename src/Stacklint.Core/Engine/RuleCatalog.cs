using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Stacklint.Engine;

/// <summary>The rule pages embedded from <c>rules/*.md</c>, read once. Page ids and rule classes must agree
/// (a test holds them to it).</summary>
public sealed class RuleCatalog
{
    private static readonly Lazy<RuleCatalog> Instance = new(() => Load(typeof(RuleCatalog).Assembly));

    private readonly Dictionary<string, RuleMetadata> _byId;

    private RuleCatalog(IEnumerable<RuleMetadata> rules)
    {
        _byId = rules.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);
        All = _byId.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    public static RuleCatalog Default => Instance.Value;

    public IReadOnlyList<RuleMetadata> All { get; }

    public RuleMetadata this[string id] =>
        _byId.TryGetValue(id, out var rule) ? rule : throw new KeyNotFoundException($"No rules/{id}.md page is embedded.");

    public bool TryGet(string id, out RuleMetadata rule) => _byId.TryGetValue(id, out rule!);

    private static RuleCatalog Load(Assembly assembly)
    {
        var rules = new List<RuleMetadata>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("rules/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            rules.Add(Parse(name, reader.ReadToEnd()));
        }
        return new RuleCatalog(rules);
    }

    internal static RuleMetadata Parse(string resourceName, string page)
    {
        page = page.Replace("\r\n", "\n");
        if (!page.StartsWith("---\n", StringComparison.Ordinal))
            throw new InvalidDataException($"{resourceName}: a rule page starts with YAML front matter between '---' lines.");
        var end = page.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        if (end < 0) throw new InvalidDataException($"{resourceName}: the front matter is not closed by '---'.");
        var yaml = page.Substring(4, end - 4);
        var body = page.Substring(end + 5).Trim();
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(HyphenatedNamingConvention.Instance)
            .Build();
        var front = deserializer.Deserialize<FrontMatter>(yaml)
            ?? throw new InvalidDataException($"{resourceName}: empty front matter.");
        var fileId = Path.GetFileNameWithoutExtension(resourceName);
        if (!string.Equals(front.Id, fileId, StringComparison.Ordinal))
            throw new InvalidDataException($"{resourceName}: front matter id '{front.Id}' does not match the file name.");
        if (!RuleSeverityExtensions.TryParse(front.Severity ?? "", out var severity))
            throw new InvalidDataException($"{resourceName}: severity '{front.Severity}' is not error, warning or note.");
        if (string.IsNullOrWhiteSpace(front.Title) || string.IsNullOrWhiteSpace(front.Description))
            throw new InvalidDataException($"{resourceName}: title and description are required.");
        var securitySeverity = front.SecuritySeverity ?? severity switch
        {
            RuleSeverity.Error => 9.0,
            RuleSeverity.Warning => 6.5,
            _ => 3.0,
        };
        return new RuleMetadata(front.Id!, front.Title!.Trim(), severity, front.Enabled ?? true, securitySeverity,
            front.Tags ?? new List<string>(), front.Format ?? "", front.Description!.Trim(),
            front.References ?? new List<string>(), front.Seeds ?? new List<string>(), body);
    }

    private sealed class FrontMatter
    {
        public string? Id { get; set; }
        public string? Title { get; set; }
        public string? Severity { get; set; }
        public bool? Enabled { get; set; }
        public double? SecuritySeverity { get; set; }
        public List<string>? Tags { get; set; }
        public string? Format { get; set; }
        public string? Description { get; set; }
        public List<string>? References { get; set; }
        public List<string>? Seeds { get; set; }
    }
}
