using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Formats.Compose;
using Stacklint.Formats.DaemonJson;
using Stacklint.Tests.Support;
using Stacklint.Text;
using Xunit;

namespace Stacklint.Tests.Compose;

/// <summary>What the compose rules read besides compose files: daemon.json (minimally), the final stage of a service's
/// Dockerfile, and the .env subset the scanner reads until the dotenv parser lands.</summary>
public class ComposeSurroundingsTests
{
    private static SourceFile File(string path, string text) => new(path, "/tmp/" + path, SourceText.From(text));

    private static string Line(DaemonJsonValue value) => value.Describe();

    [Fact]
    public void Daemon_json_settings_keep_their_lines_and_log_opts_members()
    {
        var config = DaemonJsonConfig.Read(File("daemon.json",
            "{\n  \"ip\": \"127.0.0.1\",\n  \"log-driver\": \"json-file\",\n  \"log-opts\": {\n    \"max-size\": \"10m\",\n    \"max-file\": \"3\"\n  },\n"
            + "  \"no-new-privileges\": true,\n  \"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Hard\": 64000}},\n  \"dns\": [\"1.1.1.1\"]\n}\n"));
        Assert.Empty(config.Errors);
        Assert.Equal("127.0.0.1", config["ip"]!.Text);
        Assert.Equal("daemon.json:2", Line(config["ip"]!));
        Assert.Equal("10m", config.Get("log-opts", "max-size")!.Text);
        Assert.Equal("daemon.json:5", Line(config.Get("log-opts", "max-size")!));
        Assert.True(config["no-new-privileges"]!.AsBoolean);
        Assert.Equal(JsonValueKind.Object, config["default-ulimits"]!.Kind);
        Assert.Equal(JsonValueKind.Array, config["dns"]!.Kind);
        Assert.Null(config["log-level"]);
    }

    [Fact]
    public void Daemon_json_with_a_multibyte_character_keeps_positions_in_characters()
    {
        var config = DaemonJsonConfig.Read(File("daemon.json", "{\"labels\": [\"owner=Zoë\"], \"ip\": \"10.0.0.1\"}"));
        var ip = config["ip"]!;
        Assert.Equal("\"10.0.0.1\"", ip.File.Text.ToString(ip.Span));
    }

    [Theory]
    [InlineData("{\n  \"ip\": \"127.0.0.1\",\n}\n", 3)]          // trailing comma: Go's encoding/json refuses it
    [InlineData("{\n  // comment\n  \"ip\": \"127.0.0.1\"\n}\n", 2)]
    [InlineData("[1, 2]", 1)]
    public void Invalid_daemon_json_is_an_error_at_its_line_and_never_throws(string text, int line)
    {
        var config = DaemonJsonConfig.Read(File("daemon.json", text));
        var error = Assert.Single(config.Errors);
        Assert.Equal(line, config.File.Text.Lines.GetLineFromPosition(error.Span.Start).LineNumber + 1);
    }

    [Fact]
    public void Several_daemon_json_files_count_only_where_they_agree()
    {
        var a = DaemonJsonConfig.Read(File("a/daemon.json", "{\"ip\": \"127.0.0.1\", \"log-opts\": {\"max-size\": \"10m\"}, \"log-driver\": \"local\"}"));
        var b = DaemonJsonConfig.Read(File("b/daemon.json", "{\"ip\": \"127.0.0.1\", \"log-opts\": {\"max-size\": \"20m\"}}"));
        var both = new DaemonJsonDefaults(new[] { a, b });
        Assert.Equal("127.0.0.1", both.Get("ip")!.Text);
        Assert.Null(both.Get("log-opts", "max-size"));
        Assert.Null(both.Get("log-driver"));
        Assert.Equal("10m", new DaemonJsonDefaults(new[] { a }).Get("log-opts", "max-size")!.Text);
        Assert.Null(DaemonJsonDefaults.None.Get("ip"));
    }

    [Fact]
    public void Dockerfile_final_stage_is_after_the_last_FROM_with_continuations()
    {
        var stage = DockerfileFinalStage.Read(
            "# syntax=docker/dockerfile:1\nFROM node:22 AS build\nUSER node\nRUN npm ci\n\nFROM gcr.io/distroless/nodejs22\n"
            + "HEALTHCHECK --interval=15s \\\n  # a comment inside the continuation\n  CMD [\"/nodejs/bin/node\", \"health.js\"]\nCMD [\"server.js\"]\n");
        Assert.Null(stage.User);
        Assert.False(stage.RunsAsNonRoot);
        Assert.True(stage.HasHealthcheck);
        Assert.Equal(7, stage.Healthcheck!.Line);
        Assert.Contains("health.js", stage.Healthcheck.Arguments);
    }

    [Theory]
    [InlineData("FROM alpine\nUSER 10001:10001\n", true)]
    [InlineData("FROM alpine\nUSER app\nUSER root\n", false)]
    [InlineData("FROM alpine\nUSER 0:0\n", false)]
    [InlineData("FROM alpine\nuser nobody\n", true)]
    // A final stage built FROM an earlier stage inherits its USER.
    [InlineData("FROM node:22 AS base\nUSER node\nFROM base AS app\nCMD [\"node\"]\n", true)]
    [InlineData("FROM node:22 AS base\nUSER node\nFROM node:22\nCOPY --from=base /app /app\n", false)]
    // "# escape=`" makes the backtick the continuation character.
    [InlineData("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER `\n  ContainerUser\n", true)]
    public void Dockerfile_user_of_the_final_stage(string text, bool nonRoot) =>
        Assert.Equal(nonRoot, DockerfileFinalStage.Read(text).RunsAsNonRoot);

    [Fact]
    public void HEALTHCHECK_NONE_is_no_health_check() =>
        Assert.False(DockerfileFinalStage.Read("FROM postgres:16\nHEALTHCHECK NONE\n").HasHealthcheck);

    [Fact]
    public void The_scanner_reads_the_common_dotenv_subset()
    {
        var variables = DotEnvVariables.Instance.Read(File(".env",
            "# comment\n\nPLAIN=value\nexport EXPORTED=yes\nSPACED = padded  \nINLINE=abc # a comment\nHASH=abc#not-a-comment\n"
            + "SINGLE='a # b $X'\nDOUBLE=\"line\\nnext \\\"q\\\"\"\nEMPTY=\nEQUALS=a=b\nNO_EQUALS\n"));
        var values = variables.ToDictionary(v => v.Name, v => v.Value);
        Assert.Equal(new[] { "PLAIN", "EXPORTED", "SPACED", "INLINE", "HASH", "SINGLE", "DOUBLE", "EMPTY", "EQUALS" }, variables.Select(v => v.Name));
        Assert.Equal("value", values["PLAIN"]);
        Assert.Equal("yes", values["EXPORTED"]);
        Assert.Equal("padded", values["SPACED"]);
        Assert.Equal("abc", values["INLINE"]);
        Assert.Equal("abc#not-a-comment", values["HASH"]);
        Assert.Equal("a # b $X", values["SINGLE"]);
        Assert.Equal("line\nnext \"q\"", values["DOUBLE"]);
        Assert.Equal("", values["EMPTY"]);
        Assert.Equal("a=b", values["EQUALS"]);
        Assert.Equal(".env:3", variables[0].Origin!.Describe());
    }

    [Fact]
    public void The_scanner_interpolates_from_the_project_dotenv()
    {
        using var tree = new TempDir();
        tree.Write("compose.yaml", "services:\n  db:\n    image: postgres:${PG_TAG:-15}\n    ports: [\"${BIND:-127.0.0.1}:5432:5432\"]\n");
        tree.Write(".env", "PG_TAG=16.4\nBIND=0.0.0.0\n");
        var result = Scan.Run(tree.Root);
        Assert.Contains(result.Diagnostics, d => d.Id == "DCO001" && d.GetMessage().Contains("`postgres:16.4`") && d.GetMessage().Contains("BIND from .env:2"));
    }
}
