using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using NJsonSchema;
using Stacklint.Configuration;
using Stacklint.Engine;
using Stacklint.Tests.Support;
using Stacklint.Text;
using Xunit;
using YamlDotNet.Serialization;

namespace Stacklint.Tests.CommandLine;

/// <summary>The JSON Schema editors use for .stacklint.yml, held to what the loader accepts, and <c>stacklint init</c>.</summary>
public class ConfigurationSchemaTests
{
    private static readonly string SchemaPath = Repo.Path("src", "Stacklint.Core", "Configuration", "stacklint.schema.json");
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromJsonAsync(File.ReadAllText(SchemaPath)).GetAwaiter().GetResult());

    /// <summary>Schema errors for a YAML text, read as an editor's YAML language server reads it (scalars as strings).</summary>
    private static IReadOnlyList<string> SchemaErrors(string yaml)
    {
        var data = new DeserializerBuilder().Build().Deserialize<object?>(yaml);
        var json = JsonSerializer.Serialize(data);
        return Schema.Value.Validate(json).Select(e => $"{e.Path}: {e.Kind}").ToList();
    }

    /// <summary>LNT001/LNT003 diagnostics the loader reports for the same text.</summary>
    private static IReadOnlyList<string> LoaderErrors(string yaml)
    {
        var sink = new FindingSink();
        StacklintConfig.Load(new SourceFile(".stacklint.yml", "/x/.stacklint.yml", SourceText.From(yaml)), sink);
        return sink.Diagnostics.Select(d => $"{d.Id} {d.GetMessage()}").ToList();
    }

    public static IEnumerable<object[]> Valid() => new[]
    {
        "fail-on: note\n",
        "rules:\n  SSH022: warning\n  SSH014: off\n  SSH001: on\n",
        "include: [\"etc/**\", deploy/**]\nexclude: vendor/**\n",
        "kinds:\n  deploy/ssh/main.conf: sshd\n  \"**/*.bak\": ignore\n",
        "paths:\n  /etc/ssh: deploy/ssh\n  /etc/nginx/: deploy/nginx\n",
        "targets:\n  openssh: \"9.2\"\n  nginx: \"1.26.1\"\n",
        "ignore:\n  - path: docker/daemon.json\n    rules: [SSH001]\n    reason: why\n  - path: \"**/x\"\n",
        "# only comments\n",
    }.Select(y => new object[] { y });

    public static IEnumerable<object[]> Invalid() => new[]
    {
        "fail-on: sometimes\n",
        "rules:\n  SSH001: loud\n",
        "rules:\n  XYZ999: off\n",
        "rules: [SSH001]\n",
        "kinds:\n  a.conf: apache\n",
        "paths:\n  etc/ssh: deploy/ssh\n",
        "paths:\n  /etc/ssh: /deploy/ssh\n",
        "paths:\n  /etc/ssh: ../outside\n",
        "targets:\n  apache: \"2.4\"\n",
        "targets:\n  nginx: latest\n",
        "ignore:\n  - rules: [SSH001]\n",
        "ignore:\n  - path: a\n    because: b\n",
        "ignore: daemon.json\n",
        "failon: error\n",
        "- a list\n",
    }.Select(y => new object[] { y });

    [Theory]
    [MemberData(nameof(Valid))]
    public void Schema_and_loader_both_accept(string yaml)
    {
        Assert.Empty(SchemaErrors(yaml));
        Assert.Empty(LoaderErrors(yaml));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Schema_and_loader_both_reject(string yaml)
    {
        Assert.NotEmpty(SchemaErrors(yaml));
        Assert.NotEmpty(LoaderErrors(yaml));
    }

    [Fact]
    public void Schema_knows_every_rule_id_and_only_those()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var ids = schema.RootElement.GetProperty("properties").GetProperty("rules").GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).ToList();
        Assert.True(RuleCatalog.Default.All.Select(r => r.Id).SequenceEqual(ids),
            $"src/Stacklint.Core/Configuration/stacklint.schema.json lists rule ids [{string.Join(", ", ids)}]; the catalog has [{string.Join(", ", RuleCatalog.Default.All.Select(r => r.Id))}]. Update rules.properties and ignore.items.rules.");
        var ignoreIds = schema.RootElement.GetProperty("properties").GetProperty("ignore").GetProperty("items").GetProperty("properties")
            .GetProperty("rules").GetProperty("oneOf")[0].GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(ids, ignoreIds);
    }

    [Fact]
    public void The_readme_example_is_valid()
    {
        var readme = File.ReadAllText(Repo.Path("README.md"));
        var start = readme.IndexOf("```yaml\nfail-on:", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has a ```yaml block starting with fail-on:");
        var body = readme.Substring(start + 8, readme.IndexOf("```", start + 8, StringComparison.Ordinal) - start - 8);
        Assert.Empty(SchemaErrors(body));
        Assert.Empty(LoaderErrors(body));
    }

    [Fact]
    public void Init_writes_a_commented_starter_that_the_schema_and_loader_accept_and_that_changes_nothing()
    {
        using var temp = new TempDir();
        foreach (var file in Directory.GetFiles(Repo.Path("samples", "vps-ssh", "insecure"), "*", SearchOption.AllDirectories))
            temp.Write(Path.Combine("deploy", Path.GetRelativePath(Repo.Path("samples", "vps-ssh", "insecure"), file)), File.ReadAllText(file));
        var before = StacklintProcess.Run(temp.Root, "scan", "--format", "json");

        var init = StacklintProcess.Run(temp.Root, "init");

        Assert.Equal(0, init.ExitCode);
        var written = File.ReadAllText(Path.Combine(temp.Root, ".stacklint.yml"));
        Assert.StartsWith("# yaml-language-server: $schema=https://raw.githubusercontent.com/stacklint/stacklint/main/src/Stacklint.Core/Configuration/stacklint.schema.json", written);
        Assert.Contains("paths:\n  /etc/ssh: deploy/etc/ssh\n", written.Replace("\r\n", "\n"));
        Assert.Empty(SchemaErrors(written));
        Assert.Empty(LoaderErrors(written));
        // Every commented example is valid too, once uncommented.
        var uncommented = string.Join("\n", written.Replace("\r\n", "\n").Split('\n')
            .Where(l => !l.StartsWith("# yaml-language-server", StringComparison.Ordinal) && !l.StartsWith("paths:", StringComparison.Ordinal) && !l.StartsWith("  /etc/ssh", StringComparison.Ordinal))
            .Select(l => l.StartsWith("# ", StringComparison.Ordinal) && (l.Length > 2 && (char.IsLower(l[2]) || l[2] == ' ')) && l.Contains(':') ? l.Substring(2) : l));
        Assert.Contains("targets:\n  openssh: \"9.2\"", uncommented);
        Assert.Empty(SchemaErrors(uncommented));
        Assert.Empty(LoaderErrors(uncommented));

        var after = StacklintProcess.Run(temp.Root, "scan", "--format", "json");
        Assert.Equal(Findings(before.Stdout), Findings(after.Stdout));
    }

    [Fact]
    public void Init_does_not_overwrite_without_force()
    {
        using var temp = new TempDir();
        temp.Write(".stacklint.yml", "fail-on: error\n");
        var refused = StacklintProcess.Run(temp.Root, "init");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("already exists; use --force", refused.Stderr);
        Assert.Equal("fail-on: error\n", File.ReadAllText(Path.Combine(temp.Root, ".stacklint.yml")));

        var forced = StacklintProcess.Run(temp.Root, "init", ".", "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("fail-on: warning", File.ReadAllText(Path.Combine(temp.Root, ".stacklint.yml")));
    }

    private static List<string> Findings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("path").GetString()}:{f.GetProperty("startLine").GetInt32()} {f.GetProperty("ruleId").GetString()}").ToList();
    }
}
