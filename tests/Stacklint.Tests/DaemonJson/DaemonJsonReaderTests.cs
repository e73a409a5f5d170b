using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Formats.DaemonJson;
using Stacklint.Text;
using Xunit;

namespace Stacklint.Tests.DaemonJson;

/// <summary>The daemon.json reader: positions at every depth, what Go's encoding/json (as dockerd calls it) refuses,
/// repeated names, and inputs that must never make it throw.</summary>
public class DaemonJsonReaderTests
{
    private static DaemonJsonConfig Read(string text) =>
        DaemonJsonConfig.Read(new SourceFile("etc/docker/daemon.json", "/tmp/etc/docker/daemon.json", SourceText.From(text)));

    /// <summary>1-based "line:column" of a span's start.</summary>
    private static string Where(DaemonJsonConfig config, TextSpan span)
    {
        var position = config.File.Text.Lines.GetLinePosition(span.Start);
        return $"{position.Line + 1}:{position.Character + 1}";
    }

    private static string Written(DaemonJsonValue value) => value.File.Text.ToString(value.Span);

    [Fact]
    public void Every_value_keeps_its_place_at_every_depth()
    {
        var config = Read(
            "{\n"
            + "  \"log-opts\": { \"max-size\": \"10m\" },\n"
            + "  \"default-address-pools\": [\n"
            + "    { \"base\": \"172.30.0.0/16\", \"size\": 24 },\n"
            + "    { \"base\": \"172.31.0.0/16\", \"size\": 24 }\n"
            + "  ],\n"
            + "  \"runtimes\": { \"runsc\": { \"path\": \"/usr/local/bin/runsc\", \"runtimeArgs\": [\"--platform=systrap\"] } },\n"
            + "  \"builder\": { \"gc\": { \"policy\": [ { \"filter\": [\"type=source.local\"] } ] } }\n"
            + "}\n");
        Assert.Empty(config.Errors);
        var size = config.Get("log-opts", "max-size")!;
        Assert.Equal("2:29", Where(config, size.Span));
        Assert.Equal("\"10m\"", Written(size));
        Assert.Equal("log-opts.max-size", size.Path);

        var pool = config["default-address-pools"]!.Items[1];
        Assert.Equal("default-address-pools[1]", pool.Path);
        Assert.Equal("5:5", Where(config, pool.Span));
        var bits = pool.Members["size"];
        Assert.Equal(JsonValueKind.Number, bits.Kind);
        Assert.Equal("24", bits.Text);
        Assert.Equal("5:40", Where(config, bits.Span));

        var argument = config["runtimes"]!.Members["runsc"].Members["runtimeArgs"].Items[0];
        Assert.Equal("runtimes.runsc.runtimeArgs[0]", argument.Path);
        Assert.Equal("\"--platform=systrap\"", Written(argument));

        var filter = config["builder"]!.Members["gc"].Members["policy"].Items[0].Members["filter"].Items[0];
        Assert.Equal("builder.gc.policy[0].filter[0]", filter.Path);
        Assert.Equal("type=source.local", filter.Text);
        Assert.Equal("8:49", Where(config, filter.Span));

        var name = config.Properties.Single(p => p.Name == "runtimes");
        Assert.Equal("\"runtimes\"", config.File.Text.ToString(name.NameSpan));
        Assert.Equal("1:1", Where(config, config.OpenBrace));
    }

    [Fact]
    public void Positions_count_characters_when_the_text_has_multibyte_and_astral_characters()
    {
        var config = Read("{\"labels\": [\"owner=Zoë 🐳\"], \"ip\": \"10.0.0.1\"}");
        Assert.Equal("\"10.0.0.1\"", Written(config["ip"]!));
        Assert.Equal("owner=Zoë 🐳", config["labels"]!.Items[0].Text);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_skipped_as_dockerd_does()
    {
        var config = Read("\uFEFF{\n  \"icc\": false\n}\n");
        Assert.Empty(config.Errors);
        Assert.False(config["icc"]!.AsBoolean);
        Assert.Equal("\uFEFF{\n  \"icc\": false\n}\n".IndexOf('{'), config.OpenBrace.Start);
        Assert.Equal("false", Written(config["icc"]!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t\n")]
    [InlineData("null")]
    [InlineData("{}")]
    public void An_empty_file_or_null_is_an_empty_configuration(string text)
    {
        var config = Read(text);
        Assert.Empty(config.Errors);
        Assert.Empty(config.Settings);
        Assert.Empty(config.Problems);
    }

    [Theory]
    [InlineData("{\n  // the API\n  \"icc\": false\n}\n", "2:3", "comments are not allowed")]
    [InlineData("{\n  \"icc\": false /* off */\n}\n", "2:16", "comments are not allowed")]
    [InlineData("{\n  \"icc\": false,\n}\n", "3:1", "trailing comma before '}'")]
    [InlineData("{\n  \"dns\": [\"1.1.1.1\",\n  ]\n}\n", "3:3", "trailing comma before ']'")]
    [InlineData("[\"icc\"]", "1:1", "cannot unmarshal array into Go value of type map[string]interface {}")]
    [InlineData("{\"icc\": false} {}", "1:16", "")]
    [InlineData("{\"icc\": fals}", "1:13", "")]
    [InlineData("{\"icc\": false", "1:14", "")]
    public void What_Go_refuses_is_an_error_at_its_exact_place(string text, string at, string says)
    {
        var config = Read(text);
        var (message, span) = Assert.Single(config.Errors);
        Assert.Equal(at, Where(config, span));
        Assert.Contains(says, message);
        Assert.Empty(config.Problems);
    }

    [Fact]
    public void The_top_level_settings_read_before_a_syntax_error_are_kept()
    {
        var config = Read("{\n  \"ip\": \"127.0.0.1\",\n  \"log-opts\": {\"max-size\": \"10m\"},\n  \"icc\": fals\n}\n");
        Assert.Single(config.Errors);
        Assert.Equal("127.0.0.1", config["ip"]!.Text);
        Assert.Equal("10m", config.Get("log-opts", "max-size")!.Text);
        Assert.Null(config["icc"]);
        Assert.Null(config.Root);
    }

    [Fact]
    public void A_repeated_name_keeps_the_last_value_and_repeated_objects_merge_one_level()
    {
        var config = Read(
            "{\n  \"icc\": true,\n  \"log-opts\": {\"max-size\": \"10m\", \"max-file\": \"2\"},\n  \"icc\": false,\n  \"log-opts\": {\"max-file\": \"3\"}\n}\n");
        Assert.Empty(config.Errors);
        Assert.False(config["icc"]!.AsBoolean);
        Assert.Equal("4:10", Where(config, config["icc"]!.Span));
        // Go's decoder reuses the map it already filled: max-size stays, max-file is the later one.
        Assert.Equal("10m", config.Get("log-opts", "max-size")!.Text);
        Assert.Equal("3", config.Get("log-opts", "max-file")!.Text);
        Assert.Equal(4, config.Properties.Count);
        Assert.Equal(2, config.Settings.Count);
    }

    [Fact]
    public void Escapes_are_decoded_and_a_lone_surrogate_becomes_a_replacement_character_as_in_Go()
    {
        var config = Read("{\"labels\": [\"a=\\u00e9\\n\", \"b=\\ud800x\", \"c=\\ud83d\\udc33\"]}");
        Assert.Empty(config.Errors);
        var labels = config["labels"]!.Items.Select(i => i.Text).ToList();
        Assert.Equal(new[] { "a=é\n", "b=\uFFFDx", "c=🐳" }, labels);
    }

    [Fact]
    public void Deep_nesting_stops_at_the_depth_limit_with_an_error_and_never_throws()
    {
        var deep = "{\"features\": " + new string('[', 100_000) + new string(']', 100_000) + "}";
        var config = Read(deep);
        var (message, _) = Assert.Single(config.Errors);
        Assert.Contains($"deeper than {DaemonJsonConfig.MaxDepth}", message);

        var nested = new StringBuilder("{");
        for (var i = 0; i < DaemonJsonConfig.MaxDepth - 2; i++) nested.Append("\"a\": {");
        nested.Append(new string('}', DaemonJsonConfig.MaxDepth - 1));
        Assert.Empty(Read(nested.ToString()).Errors);
    }

    [Fact]
    public void A_huge_file_is_read_without_error()
    {
        var text = new StringBuilder("{\"labels\": [");
        for (var i = 0; i < 100_000; i++) text.Append(i == 0 ? "" : ",").Append("\"k").Append(i).Append("=vé\"");
        text.Append("], \"icc\": false}");
        var config = Read(text.ToString());
        Assert.Empty(config.Errors);
        Assert.Equal(100_000, config["labels"]!.Items.Count);
        Assert.Equal("false", Written(config["icc"]!));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"")]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\": [1, {\"b\": ")]
    [InlineData("\"\\ud800")]
    [InlineData("{\"a\": \"\u0001\"}")]
    [InlineData("}")]
    [InlineData("\uFEFF")]
    [InlineData("\uFEFF\uFEFF{}")]
    [InlineData("{\"a\": 1e999999, \"b\": -0, \"c\": 123456789012345678901234567890}")]
    public void Broken_input_never_throws(string text)
    {
        var config = Read(text);
        _ = config.Problems;
        _ = config.DefaultBindAddress;
    }
}
