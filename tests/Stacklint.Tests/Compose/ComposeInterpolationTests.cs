using System.Linq;
using Stacklint.Formats.Compose;
using Xunit;
using static Stacklint.Tests.Compose.ComposeTestSupport;

namespace Stacklint.Tests.Compose;

/// <summary>Interpolation as compose-go v2's template package does it, with where each piece of a value came from.</summary>
public class ComposeInterpolationTests
{
    private static readonly ComposeVariables Variables = new ComposeVariables()
        .Set("SET", "value").Set("EMPTY", "").Set("OTHER", "other").Set("lower", "small");

    private static string Value(string template) => ComposeInterpolator.Interpolate(template, Variables)!.Value;

    [Theory]
    [InlineData("$SET", "value")]
    [InlineData("${SET}", "value")]
    [InlineData("a${SET}b", "avalueb")]
    [InlineData("$SET/x", "value/x")]
    [InlineData("$UNSET", "")]
    [InlineData("${UNSET}", "")]
    [InlineData("$lower-$SET", "small-value")]
    // :- falls back when unset or empty; - only when unset.
    [InlineData("${SET:-d}", "value")]
    [InlineData("${EMPTY:-d}", "d")]
    [InlineData("${UNSET:-d}", "d")]
    [InlineData("${SET-d}", "value")]
    [InlineData("${EMPTY-d}", "")]
    [InlineData("${UNSET-d}", "d")]
    // :+ gives the alternative when set and not empty; + when set.
    [InlineData("${SET:+alt}", "alt")]
    [InlineData("${EMPTY:+alt}", "")]
    [InlineData("${UNSET:+alt}", "")]
    [InlineData("${SET+alt}", "alt")]
    [InlineData("${EMPTY+alt}", "alt")]
    [InlineData("${UNSET+alt}", "")]
    // ? and :? pass the value through when it is there.
    [InlineData("${SET:?needed}", "value")]
    [InlineData("${SET?needed}", "value")]
    [InlineData("${EMPTY?needed}", "")]
    // Nesting, in defaults and around them.
    [InlineData("${UNSET:-${SET}}", "value")]
    [InlineData("${UNSET:-${ALSO_UNSET:-deep}}", "deep")]
    [InlineData("${UNSET:-a${SET}b}", "avalueb")]
    [InlineData("${UNSET:-x} and ${SET}", "x and value")]
    [InlineData("${UNSET:-x}-${OTHER:-y}", "x-other")]
    // Defaults may hold what would be operators elsewhere.
    [InlineData("${UNSET:-a:-b}", "a:-b")]
    [InlineData("${UNSET-http://h:1/p?q=1}", "http://h:1/p?q=1")]
    [InlineData("${UNSET:-}", "")]
    // $$ is a literal $; a $ before anything but a name, $ or { stays as written.
    [InlineData("$$SET", "$SET")]
    [InlineData("$${SET}", "${SET}")]
    [InlineData("a$$b", "a$b")]
    [InlineData("echo $(date) $1 $", "echo $(date) $1 $")]
    [InlineData("price: 5$", "price: 5$")]
    public void Values_interpolate_as_compose_does(string template, string expected) =>
        Assert.Equal(expected, Value(template));

    [Fact]
    public void Values_without_a_dollar_are_not_interpolated() =>
        Assert.Null(ComposeInterpolator.Interpolate("plain", Variables));

    [Theory]
    [InlineData("${}")]
    [InlineData("${1}")]
    [InlineData("${SET")]
    [InlineData("x ${ SET}")]
    public void A_brace_without_a_name_is_an_error(string template)
    {
        var result = ComposeInterpolator.Interpolate(template, Variables)!;
        Assert.NotNull(result.Error);
        Assert.Equal(template.IndexOf("${"), result.ErrorOffset);
    }

    [Theory]
    [InlineData("${UNSET:?set it in .env}", ComposeSubstitutionOperator.RequiredNonEmpty)]
    [InlineData("${EMPTY:?must not be empty}", ComposeSubstitutionOperator.RequiredNonEmpty)]
    [InlineData("${UNSET?set it}", ComposeSubstitutionOperator.Required)]
    public void A_missing_required_variable_is_recorded_not_an_error(string template, ComposeSubstitutionOperator op)
    {
        var result = ComposeInterpolator.Interpolate(template, Variables)!;
        Assert.Null(result.Error);
        Assert.Equal("", result.Value);
        var substitution = Assert.Single(result.Substitutions);
        Assert.Equal(op, substitution.Operator);
        Assert.Equal(ComposeSubstitutionSource.MissingRequired, substitution.Source);
    }

    [Fact]
    public void Each_substitution_says_where_its_text_came_from()
    {
        var result = ComposeInterpolator.Interpolate("${DB_PASSWORD:-postgres}@$SET:${UNSET}:${SET:+on}", Variables)!;
        Assert.Equal("postgres@value::on", result.Value);
        var (fallback, variable, unset, alternative) = (result.Substitutions[0], result.Substitutions[1], result.Substitutions[2], result.Substitutions[3]);
        Assert.Equal("${DB_PASSWORD:-postgres}", fallback.Text);
        Assert.Equal(("DB_PASSWORD", ComposeSubstitutionOperator.DefaultIfUnsetOrEmpty, "postgres"), (fallback.Name, fallback.Operator, fallback.Argument));
        Assert.Equal((ComposeSubstitutionSource.Default, "postgres", false), (fallback.Source, fallback.Result, fallback.IsSet));
        Assert.Equal(0, fallback.Offset);
        Assert.Equal(("SET", ComposeSubstitutionSource.Variable, 25), (variable.Name, variable.Source, variable.Offset));
        Assert.Equal(("UNSET", ComposeSubstitutionSource.Unset), (unset.Name, unset.Source));
        Assert.Equal(ComposeSubstitutionSource.Alternative, alternative.Source);
    }

    [Fact]
    public void Nested_substitutions_are_recorded_with_their_place_in_the_template()
    {
        var result = ComposeInterpolator.Interpolate("x${UNSET:-${SET}}", Variables)!;
        var outer = Assert.Single(result.Substitutions);
        var inner = Assert.Single(outer.Nested);
        Assert.Equal(("SET", 10, "${SET}"), (inner.Name, inner.Offset, inner.Text));
        Assert.Equal(2, result.AllSubstitutions.Count());
        // The argument is resolved even when the variable is set and the default is not used (compose-go does so).
        var unused = ComposeInterpolator.Interpolate("${SET:-${UNSET}}", Variables)!;
        Assert.Equal(ComposeSubstitutionSource.Unset, unused.Substitutions[0].Nested[0].Source);
    }

    [Fact]
    public void Project_interpolation_uses_the_dot_env_beside_the_first_file_and_never_the_process_environment()
    {
        System.Environment.SetEnvironmentVariable("STACKLINT_TEST_FROM_PROCESS", "leaked");
        try
        {
            var project = Project(
                "services:\n  db:\n    image: postgres:${PG_VERSION}\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:-postgres}\n      FROM_PROCESS: ${STACKLINT_TEST_FROM_PROCESS}\n      ESCAPED: $$HOME\n",
                "PG_VERSION=16\n");
            var db = project.Service("db")!;
            Assert.Equal("postgres:16", db.Image!.Reference);
            Assert.Equal("16", db.Image.Tag);
            var version = Assert.Single(db.Image.Node.Interpolation!.Substitutions);
            Assert.Equal(".env:1", version.Variable!.Origin!.Describe());

            var password = db.EnvironmentVariable("POSTGRES_PASSWORD")!;
            Assert.Equal("postgres", password.Value);
            Assert.False(password.IsLiteralInComposeFile);
            var fallback = Assert.Single(password.Node!.Interpolation!.Substitutions);
            Assert.Equal(ComposeSubstitutionSource.Default, fallback.Source);

            Assert.Equal("", db.EnvironmentVariable("FROM_PROCESS")!.Value);
            Assert.Equal("$HOME", db.EnvironmentVariable("ESCAPED")!.Value);

            // Every substitution of the project, at its exact place in the file.
            Assert.Equal(new[] { "3:21 ${PG_VERSION}", "5:26 ${DB_PASSWORD:-postgres}", "6:21 ${STACKLINT_TEST_FROM_PROCESS}" },
                project.VariableUses.Select(u => $"{At(u.Origin)} {u.Origin.Text()}"));
            Assert.Equal(new[] { "STACKLINT_TEST_FROM_PROCESS" },
                project.VariableUses.Where(u => u.Substitution.Source == ComposeSubstitutionSource.Unset).Select(u => u.Substitution.Name));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("STACKLINT_TEST_FROM_PROCESS", null);
        }
    }

    [Fact]
    public void Keys_are_not_interpolated_and_values_everywhere_are()
    {
        var project = Project("x-note: ${NOTE:-n}\nservices:\n  ${NAME}:\n    image: a\n    labels:\n      - \"k=${NOTE:-v}\"\n");
        Assert.Equal("${NAME}", Assert.Single(project.Services).Name);
        Assert.Equal("n", project.Root["x-note"]!.Text);
        Assert.Equal("v", project.Services[0].Labels.Single().Value);
    }

    [Fact]
    public void An_invalid_brace_is_LNT001_at_the_dollar()
    {
        using var tree = new Support.TempDir();
        tree.Write("compose.yaml", "services:\n  web:\n    image: nginx\n    command: echo ${1}\n");
        var (_, diagnostics, _) = Load(tree);
        var diagnostic = Assert.Single(diagnostics);
        Assert.StartsWith("compose.yaml:4 LNT001", diagnostic);
        Assert.Contains("`${` must be followed by a variable name", diagnostic);
    }

    [Fact]
    public void Environment_list_items_keep_their_substitutions_in_the_value()
    {
        var project = Project("services:\n  app:\n    image: a\n    environment:\n      - TOKEN=${API_TOKEN:-changeme}\n      - PLAIN=literal\n      - BARE\n      - EMPTY=\n",
            "BARE=from-dotenv\n");
        var app = project.Service("app")!;
        var token = app.EnvironmentVariable("TOKEN")!;
        Assert.Equal("changeme", token.Value);
        Assert.Equal(ComposeSubstitutionSource.Default, token.Node!.Interpolation!.Substitutions.Single().Source);
        Assert.True(app.EnvironmentVariable("PLAIN")!.IsLiteralInComposeFile);
        var bare = app.EnvironmentVariable("BARE")!;
        Assert.Equal("from-dotenv", bare.Value);
        Assert.Equal(".env:1", bare.Variable!.Origin!.Describe());
        Assert.Equal("", app.EnvironmentVariable("EMPTY")!.Value);
        Assert.Equal(5, token.Origin.Line);
    }
}
