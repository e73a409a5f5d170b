using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using Stacklint.Formats.Compose;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Compose;

/// <summary>
/// The Compose Specification's JSON schema (<c>../shared/corpus/compose/compose-spec/compose-spec.json</c>, from
/// compose-spec/compose-spec, Apache-2.0, licence beside it) as test data: the merged, interpolated documents the model
/// builds from the corpus are valid compose documents, and documents Compose would refuse are invalid. (stacklint itself
/// does not validate against the schema: that would put a JSON-schema library into the engine the Roslyn analyzer
/// loads; the model reports the errors its views meet instead.)
/// </summary>
public class ComposeSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Repo.Shared("corpus", "compose", "compose-spec", "compose-spec.json"))).GetAwaiter().GetResult());

    private static readonly Regex Integer = new(@"^[-+]?[0-9]+$");
    private static readonly Regex Float = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$");

    /// <summary>The node as JSON, scalars typed by YAML 1.2's core schema as Compose's YAML reader types them; an
    /// interpolated value is a string (Compose converts it after interpolation, and the schema allows strings there).</summary>
    internal static JToken ToJson(ComposeNode node) => node switch
    {
        ComposeMapping mapping => new JObject(mapping.Entries.Select(e => new JProperty(e.Name, ToJson(e.Value)))),
        ComposeSequence sequence => new JArray(sequence.Items.Select(ToJson)),
        ComposeScalar { IsNull: true } => JValue.CreateNull(),
        ComposeScalar scalar when scalar.Style != ComposeScalarStyle.Plain || scalar.Interpolation is not null || scalar.Tag is not null => new JValue(scalar.Text),
        ComposeScalar scalar => scalar.Raw switch
        {
            "true" or "True" or "TRUE" => new JValue(true),
            "false" or "False" or "FALSE" => new JValue(false),
            var raw when Integer.IsMatch(raw) && long.TryParse(raw, out var n) => new JValue(n),
            var raw when Float.IsMatch(raw) => new JValue(double.Parse(raw, System.Globalization.CultureInfo.InvariantCulture)),
            var raw => new JValue(raw),
        },
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Errors with those inside sub-schemas (a service is checked through <c>patternProperties</c> and <c>$ref</c>).</summary>
    private static System.Collections.Generic.IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(
        System.Collections.Generic.IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => new[] { e }.Concat(e is NJsonSchema.Validation.ChildSchemaValidationError child
            ? Flatten(child.Errors.SelectMany(c => c.Value)) : Enumerable.Empty<NJsonSchema.Validation.ValidationError>()));

    [Fact]
    public void Every_corpus_project_is_a_valid_compose_document_after_loading()
    {
        using var tree = new TempDir();
        ComposeCorpusTests.CopyCorpus("awesome-compose", tree);
        var (projects, _, _) = ComposeTestSupport.Load(tree);
        Assert.Equal(39, projects.Count);
        var invalid = projects.Select(p => (p, Errors: Schema.Value.Validate(ToJson(p.Root))))
            .Where(x => x.Errors.Count > 0)
            .Select(x => $"{x.p.Main.File.RelativePath}: {string.Join("; ", x.Errors.Select(e => $"{e.Path} {e.Kind}"))}").ToList();
        Assert.True(invalid.Count == 0, string.Join("\n", invalid));
    }

    [Theory]
    [InlineData("services:\n  web:\n    image: nginx\n    privilegd: true\n", "NoAdditionalPropertiesAllowed")]
    [InlineData("services:\n  web:\n    image: nginx\n    ports: 80\n", "ArrayExpected")]
    [InlineData("services:\n  web:\n    image: nginx\n    restart: [always]\n", "StringExpected")]
    [InlineData("service:\n  web:\n    image: nginx\n", "NoAdditionalPropertiesAllowed")]
    public void Documents_compose_refuses_are_invalid(string text, string kind)
    {
        var errors = Flatten(Schema.Value.Validate(ToJson(ComposeTestSupport.Project(text).Root))).ToList();
        Assert.True(errors.Any(e => e.Kind.ToString() == kind), string.Join("; ", errors.Select(e => $"{e.Path} {e.Kind}")));
    }
}
