// What Microsoft's SARIF validator (@microsoft/sarif-multitool 5.7.0, `validate --rule-kind "Sarif;Gh"`, default
// levels Error;Warning; see SarifValidator) reports, found by taking properties out of ValidLog below one by one.
// The real SARIF writer must satisfy all of it: ValidLog is silent (0 errors, 0 warnings).
//
// Errors:
//   JSON1xxx  anything the SARIF 2.1.0 JSON schema forbids: a missing required property (JSON1002: version, runs,
//             tool.driver.name, result.message, ...), a value out of range (JSON1008: startLine/startColumn < 1), etc.
//   SARIF1004 originalUriBaseIds entries must be absolute URIs ending in '/' ("file:///src/"); an artifactLocation.uri
//             used with a uriBaseId must be relative and must not begin with '/'.
//   SARIF1007 region: needs startLine (or charOffset/byteOffset); endLine >= startLine, endColumn after startColumn.
//   SARIF1009 every index must be in range: result.ruleIndex < rules.Length (likewise artifactIndex etc.).
//   SARIF1011/GH1011 $schema, when present, must be the final 2.1.0 schema, e.g.
//             "https://json.schemastore.org/sarif-2.1.0.json" (not the old "...sarif-2.1.0-rtm.5.json").
//   GH1013    $schema must be present (plain SARIF rules only warn, SARIF2008).
//   GH1014    every run needs a "results" array, even an empty one.
//   GH1015/GH1017/GH2012 every result needs "locations" with a physicalLocation.
//   GH2012    every rule (reportingDescriptor) needs shortDescription, fullDescription and help.
// Warnings:
//   SARIF2005 tool.driver needs informationUri and a version (version, semanticVersion or dottedQuadFileVersion).
//   SARIF2008 $schema missing (without the Gh rules).
//   SARIF2017 physicalLocation without a region, or a region with no position: give startLine (startColumn/endColumn
//             or endLine for a span; for a whole-file finding { startLine: 1, endLine: <lineCount> }).
// Silent about (no need to satisfy, but nice): helpUri, ruleIndex, result.level, partialFingerprints, uriBaseId and
// originalUriBaseIds (an absolute file:/// URI is only a note, SARIF2016), messages not ending in '.', a ruleId
// missing from rules (a note, SARIF2012). Further notes, hidden at the default level: SARIF2002 (message id/arguments
// instead of text), SARIF2003 (versionControlProvenance), SARIF2010 (region.snippet), SARIF2011 (contextRegion),
// SARIF2012 (rule "name", a PascalCase friendly name, given below so that one is quiet too).
using System;
using System.IO;
using System.Text.Json.Nodes;
using Xunit;

namespace Stacklint.Tests.Support;

public class SarifValidatorTests
{
    internal const string ValidLog = """
        {
          "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
          "version": "2.1.0",
          "runs": [
            {
              "tool": {
                "driver": {
                  "name": "stacklint",
                  "version": "0.1.0",
                  "informationUri": "https://github.com/stacklint/stacklint",
                  "rules": [
                    {
                      "id": "SSH001",
                      "name": "PermitRootLogin",
                      "shortDescription": { "text": "Root login over SSH is allowed." },
                      "fullDescription": { "text": "The SSH server lets root log in directly, so a stolen password or key gives full control." },
                      "help": { "text": "Set 'PermitRootLogin no' in sshd_config.", "markdown": "Set `PermitRootLogin no` in `sshd_config`." },
                      "helpUri": "https://github.com/stacklint/stacklint/blob/main/rules/SSH001.md"
                    }
                  ]
                }
              },
              "originalUriBaseIds": {
                "SRCROOT": { "uri": "file:///src/" }
              },
              "results": [
                {
                  "ruleId": "SSH001",
                  "ruleIndex": 0,
                  "level": "error",
                  "message": { "text": "PermitRootLogin is 'yes'." },
                  "locations": [
                    {
                      "physicalLocation": {
                        "artifactLocation": { "uri": "etc/ssh/sshd_config", "uriBaseId": "SRCROOT" },
                        "region": { "startLine": 3, "startColumn": 1, "endColumn": 20 }
                      }
                    }
                  ],
                  "partialFingerprints": { "primaryLocationLineHash": "5f3a2c1b9e8d7a60:1" }
                }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void Minimal_valid_log_passes_without_errors_or_warnings()
    {
        var path = WriteTemp(ValidLog);
        try
        {
            var result = SarifValidator.Validate(path);
            Assert.True(result.Errors == 0 && result.Warnings == 0, result.ToString());
            Assert.Empty(result.Messages);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("ruleIndex out of range", "SARIF1009")]
    [InlineData("result without message", "JSON1002")]
    [InlineData("rule without help", "GH2012")]
    [InlineData("no $schema", "GH1013")]
    [InlineData("tool without informationUri", "SARIF2005")]
    public void Broken_log_is_reported(string breakage, string expectedRule)
    {
        var log = JsonNode.Parse(ValidLog)!.AsObject();
        var run = log["runs"]![0]!.AsObject();
        var driver = run["tool"]!["driver"]!.AsObject();
        var result = run["results"]![0]!.AsObject();
        var expectError = true;
        switch (breakage)
        {
            case "ruleIndex out of range": result["ruleIndex"] = 5; break;
            case "result without message": result.Remove("message"); break;
            case "rule without help": driver["rules"]![0]!.AsObject().Remove("help"); break;
            case "no $schema": log.Remove("$schema"); break;
            case "tool without informationUri": driver.Remove("informationUri"); expectError = false; break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage), breakage, null);
        }

        var path = WriteTemp(log.ToJsonString());
        try
        {
            var validation = SarifValidator.Validate(path);
            if (expectError)
            {
                Assert.True(validation.Errors >= 1, validation.ToString());
                Assert.Contains(validation.Messages, m => m.StartsWith("error " + expectedRule + ":", StringComparison.Ordinal));
            }
            else
            {
                Assert.True(validation.Errors == 0 && validation.Warnings >= 1, validation.ToString());
                Assert.Contains(validation.Messages, m => m.StartsWith("warning " + expectedRule + ":", StringComparison.Ordinal));
            }
            Assert.Equal(validation.Errors + validation.Warnings, validation.Messages.Count);
            Assert.All(validation.Messages, m => Assert.Matches(@"(?s)^(error|warning) [A-Za-z]+\d+: .+ \(line \d+\)$", m));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string WriteTemp(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "stacklint-sarif-" + Guid.NewGuid().ToString("N") + ".sarif");
        File.WriteAllText(path, content);
        return path;
    }
}
