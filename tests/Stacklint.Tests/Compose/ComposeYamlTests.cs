using System.Linq;
using System.Text;
using Stacklint.Formats.Compose;
using Stacklint.Tests.Support;
using Xunit;
using static Stacklint.Tests.Compose.ComposeTestSupport;

namespace Stacklint.Tests.Compose;

/// <summary>The YAML layer: positions from node marks, anchors, aliases, merge keys, and the limits that keep hostile
/// input from exhausting memory, stack or time.</summary>
public class ComposeYamlTests
{
    [Fact]
    public void Positions_come_from_the_node_marks()
    {
        var document = Yaml("services:\n  db:\n    image: \"postgres:16\"\n    ports:\n      - 5432:5432\n");
        Assert.Empty(document.Errors);
        var db = (ComposeMapping)((ComposeMapping)document.Roots[0])["services"]!.AsMapping!["db"]!;
        var image = db.Entry("image")!;
        Assert.Equal("3:5", At(image.Key.Origin));
        Assert.Equal("3:12", At(image.Value.Origin));
        Assert.Equal("\"postgres:16\"", image.Value.Origin.Text());
        Assert.Equal(ComposeScalarStyle.DoubleQuoted, ((ComposeScalar)image.Value).Style);
        var port = db["ports"]!.AsSequence!.Items[0];
        Assert.Equal("5:9", At(port.Origin));
        // YAML 1.2 reads 5432:5432 as a string (YAML 1.1 read base 60); the raw scalar is kept.
        Assert.Equal("5432:5432", port.Text);
    }

    [Fact]
    public void Aliases_are_expanded_and_keep_the_anchor_origin()
    {
        var document = Yaml("x-env: &env\n  TZ: UTC\nservices:\n  a:\n    environment: *env\n  b:\n    environment: *env\n");
        Assert.Empty(document.Errors);
        var services = ((ComposeMapping)document.Roots[0])["services"]!.AsMapping!;
        foreach (var name in new[] { "a", "b" })
        {
            var tz = services[name]!.AsMapping!["environment"]!.AsMapping!.Entry("TZ")!;
            Assert.Equal("UTC", tz.Value.Text);
            Assert.Equal("2:3", At(tz.Key.Origin)); // written once, under the anchor
        }
    }

    [Fact]
    public void Merge_keys_apply_with_explicit_keys_winning_and_the_first_merged_mapping_winning()
    {
        var document = Yaml(
            "x-a: &a {privileged: true, restart: always, user: root}\n" +
            "x-b: &b {privileged: false, read_only: true, user: nobody}\n" +
            "services:\n" +
            "  web:\n" +
            "    <<: [*a, *b]\n" +
            "    user: app\n" +
            "    image: nginx\n");
        Assert.Empty(document.Errors);
        var web = ((ComposeMapping)document.Roots[0])["services"]!.AsMapping!["web"]!.AsMapping!;
        Assert.Equal(new[] { "privileged", "restart", "user", "read_only", "image" }.OrderBy(k => k), web.Keys.OrderBy(k => k));
        Assert.Equal("true", web["privileged"]!.Text);   // *a comes first
        Assert.Equal("always", web["restart"]!.Text);
        Assert.Equal("true", web["read_only"]!.Text);    // only *b has it
        Assert.Equal("app", web["user"]!.Text);          // written in the mapping: wins over both
        Assert.Equal(6, web.Entry("user")!.Key.Origin.Line);
        Assert.Equal(1, web.Entry("privileged")!.Key.Origin.Line);
        Assert.DoesNotContain("<<", web.Keys);
    }

    [Fact]
    public void A_single_merge_key_and_a_nested_merge_resolve()
    {
        var document = Yaml(
            "x-base: &base\n  logging: &log\n    driver: json-file\n    options: {max-size: 10m}\n" +
            "x-more: &more\n  <<: *base\n  restart: unless-stopped\n" +
            "services:\n  app:\n    <<: *more\n    image: app\n");
        Assert.Empty(document.Errors);
        var app = ((ComposeMapping)document.Roots[0])["services"]!.AsMapping!["app"]!.AsMapping!;
        Assert.Equal("json-file", app.At("logging", "driver")!.Text);
        Assert.Equal("10m", app.At("logging", "options", "max-size")!.Text);
        Assert.Equal("unless-stopped", app["restart"]!.Text);
    }

    [Fact]
    public void A_merge_key_with_a_scalar_is_an_error_at_its_place()
    {
        var document = Yaml("services:\n  app:\n    <<: not-a-mapping\n    image: app\n");
        var error = Assert.Single(document.Errors);
        Assert.Equal("3:9", At(error.Origin));
        Assert.Contains("merge key", error.Message);
        Assert.Equal("app", ((ComposeMapping)document.Roots[0]).At("services", "app", "image")!.Text);
    }

    [Theory]
    [InlineData("services:\n  web:\n    image: [nginx\n", "4:1")]
    [InlineData("services:\n  web:\n    image: nginx\n   ports: []\n", "4:4")]
    [InlineData("services:\n  web: {image: nginx\n", "3:1")]
    [InlineData("services:\n  web:\n    image: *nowhere\n", "3:12")]
    [InlineData("services:\n  web:\n    image: a\n    image: b\n", "4:5")]
    public void Syntax_errors_are_reported_at_their_place(string text, string at)
    {
        var document = Yaml(text);
        var error = Assert.Single(document.Errors);
        Assert.Equal(at, At(error.Origin));
        Assert.StartsWith("YAML syntax error: ", error.Message);
        Assert.DoesNotContain("(Line", error.Message);
    }

    [Fact]
    public void A_billion_laughs_document_is_refused_at_the_alias_use()
    {
        var text = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        var document = Yaml(text.ToString());
        var error = Assert.Single(document.Errors);
        Assert.Contains("alias bomb", error.Message);
        // Reported at the container whose aliases blow the budget: a4 expands to 111 111 nodes, past the 100 000 budget.
        Assert.StartsWith("a4:", error.Origin.File.Text.Lines[error.Origin.Line - 1].ToString());
    }

    [Fact]
    public void Deep_nesting_is_refused_before_the_recursive_model_is_built()
    {
        // Deep enough to overflow a recursive reader's stack; refused by the event pass at the first level too deep.
        var depth = 200_000;
        var document = Yaml(new string('[', depth) + new string(']', depth));
        var error = Assert.Single(document.Errors);
        Assert.Contains($"deeper than {ComposeYamlReader.MaxDepth} levels", error.Message);
        Assert.Equal($"1:{ComposeYamlReader.MaxDepth + 1}", At(error.Origin));
        Assert.Empty(document.Roots);
    }

    [Fact]
    public void Aliases_nesting_deeper_than_the_text_are_refused()
    {
        var text = new StringBuilder("a0: &a0 [x]\n");
        for (var i = 1; i <= 200; i++) text.Append($"a{i}: &a{i} [*a{i - 1}]\n");
        var document = Yaml(text.ToString());
        var error = Assert.Single(document.Errors);
        Assert.Contains("nest deeper", error.Message);
    }

    [Fact]
    public void Huge_documents_are_refused()
    {
        var document = Yaml("x: [" + string.Join(",", Enumerable.Repeat("1", ComposeYamlReader.MaxNodes + 10)) + "]\n");
        var error = Assert.Single(document.Errors);
        Assert.Contains($"more than {ComposeYamlReader.MaxNodes} YAML nodes", error.Message);
    }

    [Fact]
    public void Tags_are_kept()
    {
        var document = Yaml("services:\n  web:\n    ports: !reset []\n    command: !override [a]\n");
        var web = ((ComposeMapping)document.Roots[0]).At("services", "web")!.AsMapping!;
        Assert.Equal("!reset", web["ports"]!.Tag);
        Assert.Equal("!override", web["command"]!.Tag);
    }

    [Fact]
    public void A_broken_compose_file_is_LNT001_and_the_rest_of_the_stack_is_still_scanned()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "services:\n  web:\n    image: [nginx\n");
        tree.Write("sshd_config", "PasswordAuthentication yes\n");
        var result = Scan.Run(tree.Root);
        Assert.Empty(result.InternalErrors);
        var brief = result.Diagnostics.Brief().ToList();
        Assert.Contains("compose.yaml:4 LNT001", brief);
        Assert.Contains("sshd_config:1 SSH001", brief);
    }
}
