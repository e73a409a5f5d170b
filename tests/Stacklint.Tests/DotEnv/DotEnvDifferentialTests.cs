using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Formats.DotEnv;
using Stacklint.Tests.Support;
using Stacklint.Text;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Stacklint.Tests.DotEnv;

/// <summary>
/// .env values against a real Compose: the same file read by the parser and by <c>docker-compose config</c>. Compose v2
/// (compose-go, whose dialect the parser follows) has no Debian package; Debian's <c>docker-compose</c> is Compose v1.29,
/// which reads .env files with python-dotenv. The two agree on the lines below (comments, <c>export</c>, blanks around
/// <c>=</c>, unquoted values cut at <c> #</c>, single quotes literal, double quotes with <c>\n \t \"</c>, multi-line
/// values, <c>#</c> inside a word); where they differ (<c>$$</c>, <c>KEY: value</c>, a bare key, a space in a key, text
/// after a closing quote) the parser follows compose-go's source (see <see cref="DotEnvParserTests"/>).
/// </summary>
public class DotEnvDifferentialTests
{
    private static readonly (string Key, string Line)[] Lines =
    {
        ("A", "A=plain"),
        ("B", "B = spaced"),
        ("C", "C=\"double quoted\""),
        ("D", "D='single $quoted \\n'"),
        ("E", "E=value # comment"),
        ("F", "F=\"esc\\nline\""),
        ("G", "export G=exported"),
        ("H", "H="),
        ("I", "I=\"has # hash\""),
        ("K", "K=a=b=c"),
        ("M", "M=   padded   "),
        ("N", "N=\"tab\\there\""),
        ("O", "O='back\\slash'"),
        ("P", "P=\"quote \\\" inside\""),
        ("Q", "Q=\"first line\nsecond line\""),
        ("R", "R=value#not-a-comment"),
        ("S", "  S=indented"),
        ("T", "T='# not a comment'"),
        ("U", "U=https://example.com/a?b=c&d=e"),
    };

    [Fact]
    public void Values_agree_with_docker_compose_config()
    {
        var dockerCompose = ExternalTool.Require("docker-compose", "Install Debian's docker-compose (tests/run.sh does).");
        using var temp = new TempDir();
        var env = "# a comment line\n\n" + string.Join("\n", Lines.Select(l => l.Line)) + "\n";
        temp.Write(".env", env);
        var compose = new StringBuilder("version: '3.9'\nservices:\n  s:\n    image: x\n    environment:\n");
        foreach (var (key, _) in Lines) compose.Append($"      {key}: '${{{key}}}'\n");
        temp.Write("compose.yaml", compose.ToString());
        // Nothing from the process environment: only the .env file speaks.
        var environment = Lines.ToDictionary(l => l.Key, l => (string?)null);
        var run = ExternalTool.Run(dockerCompose, new[] { "config" }, temp.Root, environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("could not parse", run.Stderr);

        var yaml = new YamlStream();
        yaml.Load(new StringReader(run.Stdout));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var service = (YamlMappingNode)((YamlMappingNode)root.Children[new YamlScalarNode("services")]).Children[new YamlScalarNode("s")];
        var values = ((YamlMappingNode)service.Children[new YamlScalarNode("environment")]).Children
            .ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!.Replace("$$", "$"));

        var document = DotEnvParser.Read(new SourceFile(".env", Path.Combine(temp.Root, ".env"), SourceText.From(env)));
        Assert.Empty(document.Errors);
        var differences = new List<string>();
        foreach (var (key, line) in Lines)
        {
            var ours = document.Find(key)?.Literal;
            if (ours != values[key]) differences.Add($"{line}: docker-compose reads [{values[key]}], stacklint [{ours}]");
        }
        Assert.Empty(differences);
    }
}
