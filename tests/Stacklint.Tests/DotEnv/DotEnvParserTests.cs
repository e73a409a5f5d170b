using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Formats.DotEnv;
using Stacklint.Text;
using Xunit;

namespace Stacklint.Tests.DotEnv;

/// <summary>The .env parser against compose-go's reading, one syntax feature at a time.</summary>
public class DotEnvParserTests
{
    private static DotEnvDocument Read(string text) => DotEnvParser.Read(new SourceFile(".env", "/x/.env", SourceText.From(text)));

    private static DotEnvEntry Single(string text)
    {
        var document = Read(text);
        Assert.Empty(document.Errors);
        return Assert.Single(document.Entries);
    }

    private static string At(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    [Fact]
    public void Comments_and_blank_lines_are_skipped()
    {
        var document = Read("# a comment\n\n   # indented\n\t\nKEY=value\n# trailing\n");
        Assert.Empty(document.Errors);
        Assert.Equal("KEY", Assert.Single(document.Entries).Key);
    }

    [Fact]
    public void Key_and_value_spans_are_exact()
    {
        const string text = "# c\n  DB_HOST=db.internal\n";
        var entry = Single(text);
        Assert.Equal("DB_HOST", At(text, entry.KeySpan));
        Assert.Equal("db.internal", At(text, entry.ValueSpan));
        Assert.Equal("DB_HOST=db.internal", At(text, entry.Span));
        Assert.Equal(DotEnvQuote.None, entry.Quote);
        Assert.Equal('=', entry.Separator);
    }

    [Theory]
    [InlineData("export KEY=v", "KEY")]
    [InlineData("export\tKEY=v", "KEY")]
    [InlineData("  export   KEY=v", "KEY")]
    [InlineData("exportKEY=v", "exportKEY")]
    [InlineData("export_KEY=v", "export_KEY")]
    [InlineData("export.KEY=v", "export.KEY")]
    public void The_export_prefix_needs_whitespace_after_it(string line, string key)
    {
        var entry = Single(line);
        Assert.Equal(key, entry.Key);
        Assert.Equal(key == "KEY", entry.IsExported);
        Assert.Equal("v", entry.Value);
    }

    [Theory]
    [InlineData("KEY=bar", "bar")]
    [InlineData("KEY=bar   ", "bar")]
    [InlineData("KEY=bar # a comment", "bar")]
    [InlineData("KEY=bar#baz", "bar#baz")]
    [InlineData("KEY=1234#5", "1234#5")]
    [InlineData("KEY=postgres://u@h:5432/db?sslmode=disable", "postgres://u@h:5432/db?sslmode=disable")]
    [InlineData("KEY=foobar=", "foobar=")]
    [InlineData("KEY=1:B", "1:B")]
    [InlineData("KEY=", "")]
    [InlineData("KEY=two words", "two words")]
    [InlineData("KEY=value\r", "value")]
    public void Unquoted_values_run_to_the_line_end_cut_at_space_hash_and_trimmed(string line, string value) =>
        Assert.Equal(value, Single(line).Value);

    [Fact]
    public void Crlf_line_ends_are_read_like_lf()
    {
        var document = Read("A=1\r\nB='2'\r\nC=\"3\"\r\n");
        Assert.Empty(document.Errors);
        Assert.Equal(new[] { "1", "2", "3" }, document.Entries.Select(e => e.Value));
    }

    [Fact]
    public void Single_quotes_are_literal_and_may_span_lines()
    {
        const string text = "KEY='a $b \\n \"c\"\nsecond line'\nNEXT=1\n";
        var document = Read(text);
        Assert.Empty(document.Errors);
        var entry = document.Entries[0];
        Assert.Equal("a $b \\n \"c\"\nsecond line", entry.Value);
        Assert.Equal(DotEnvQuote.Single, entry.Quote);
        Assert.False(entry.Interpolates);
        Assert.True(entry.IsMultiline);
        Assert.Equal(entry.Value, At(text, entry.ValueSpan));
        Assert.Equal("NEXT", document.Entries[1].Key);
    }

    [Theory]
    [InlineData(@"KEY=""bar\nbaz""", "bar\nbaz")]
    [InlineData(@"KEY=""tab\there""", "tab\there")]
    [InlineData(@"KEY=""escaped\""quote""", "escaped\"quote")]
    [InlineData(@"KEY=""back\\slash""", "back\\slash")]
    [InlineData(@"KEY=""cost \$5""", "cost $$5")]
    [InlineData(@"KEY=""octal \0123""", "octal S")]
    [InlineData(@"KEY=""kept \q \x41""", "kept \\q \\x41")]
    [InlineData(@"KEY=""'d'""", "'d'")]
    [InlineData(@"KEY=""bar#baz"" # comment", "bar#baz")]
    [InlineData(@"KEY=""""", "")]
    public void Double_quotes_process_escapes(string line, string value)
    {
        var entry = Single(line);
        Assert.Equal(DotEnvQuote.Double, entry.Quote);
        Assert.Equal(value, entry.Value);
    }

    [Fact]
    public void Double_quoted_values_may_span_lines()
    {
        const string text = "CERT=\"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\"\nNEXT=1";
        var document = Read(text);
        Assert.Empty(document.Errors);
        Assert.Equal("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", document.Entries[0].Value);
        Assert.Equal(new[] { "CERT", "NEXT" }, document.Entries.Select(e => e.Key));
        Assert.Empty(document.Quirks);
    }

    [Theory]
    [InlineData("KEY = value")]
    [InlineData("KEY =value")]
    [InlineData("KEY= value")]
    [InlineData(" KEY\t=\tvalue")]
    public void Whitespace_around_the_equals_sign_is_dropped_and_noted(string line)
    {
        var entry = Single(line);
        Assert.Equal("KEY", entry.Key);
        Assert.Equal("value", entry.Value);
        Assert.Equal(DotEnvQuirkKind.SpaceAroundSeparator, Assert.Single(Read(line).Quirks).Kind);
    }

    [Fact]
    public void Yaml_like_colon_form_is_read_and_noted()
    {
        var entry = Single("OPTION_A: Foo=bar");
        Assert.Equal(("OPTION_A", "Foo=bar", ':'), (entry.Key, entry.Value, entry.Separator));
        Assert.Equal(DotEnvQuirkKind.ColonSeparator, Assert.Single(Read("OPTION_A: Foo=bar").Quirks).Kind);
    }

    [Fact]
    public void A_key_alone_passes_the_variable_through()
    {
        var document = Read("FROM_ENV\nSET=1\n");
        Assert.Empty(document.Errors);
        Assert.True(document.Entries[0].IsInherited);
        Assert.Null(document.Entries[0].Value);
        Assert.Equal(DotEnvQuirkKind.NoValue, Assert.Single(document.Quirks).Kind);
        Assert.Equal("1", document.Entries[1].Value);
    }

    [Fact]
    public void A_key_alone_on_the_last_line_without_a_line_break_sets_nothing()
    {
        // compose-go reads such a line as the value of a variable with no name.
        var document = Read("SET=1\nLAST");
        Assert.Empty(document.Errors);
        Assert.Equal("SET", Assert.Single(document.Entries).Key);
        Assert.Equal(DotEnvQuirkKind.NoValue, Assert.Single(document.Quirks).Kind);
    }

    [Fact]
    public void Export_alone_on_its_line_applies_to_the_next_line()
    {
        const string text = "export\nKEY=v\n";
        var document = Read(text);
        Assert.Empty(document.Errors);
        var entry = Assert.Single(document.Entries);
        Assert.True(entry.IsExported);
        Assert.Equal("KEY", entry.Key);
        var quirk = Assert.Single(document.Quirks);
        Assert.Equal((DotEnvQuirkKind.ExportMisuse, 0, 6), (quirk.Kind, quirk.Span.Start, quirk.Span.Length));
    }

    [Fact]
    public void Text_after_a_closing_quote_is_the_next_statement()
    {
        var document = Read("A=\"x\" B=y\n");
        Assert.Empty(document.Errors);
        Assert.Equal(new[] { ("A", "x"), ("B", "y") }, document.Entries.Select(e => (e.Key, e.Value!)));
        Assert.Equal(DotEnvQuirkKind.TextAfterQuote, Assert.Single(document.Quirks).Kind);
    }

    [Fact]
    public void Duplicate_keys_are_all_kept_and_the_last_wins()
    {
        var document = Read("A=1\nB=2\nA=3\n");
        Assert.Equal(3, document.Entries.Count);
        Assert.Equal("3", document.Find("A")!.Value);
        Assert.Equal(new[] { ("A", "3"), ("B", "2") }, document.Effective().Select(e => (e.Key, e.Value!)));
    }

    [Fact]
    public void An_unterminated_quote_is_an_error_at_the_quote_and_reading_goes_on()
    {
        const string text = "A=1\nBAD=\"Xy7 open\nC=3\n";
        var document = Read(text);
        var error = Assert.Single(document.Errors);
        Assert.Equal(text.IndexOf('"'), error.Span.Start);
        Assert.Contains("unterminated quoted value", error.Message);
        Assert.DoesNotContain("Xy7", error.Message);
        Assert.Equal(new[] { "A", "C" }, document.Entries.Select(e => e.Key));
        // What could not be read is kept from reporters.
        Assert.Equal("Xy7 open", At(text, Assert.Single(document.UnreadValues)));
    }

    [Theory]
    [InlineData("lol$wut", 3)]
    [InlineData("KEY/NAME=1", 3)]
    [InlineData("\"KEY\"=1", 0)]
    [InlineData("KEY#=1", 3)]
    [InlineData("ÜBER=1", 0)]
    public void A_character_compose_refuses_in_a_key_is_an_error_at_it(string line, int column)
    {
        var document = Read(line);
        var error = Assert.Single(document.Errors);
        Assert.Equal(column, error.Span.Start);
        Assert.Contains("variable name", error.Message);
        Assert.Empty(document.Entries);
    }

    [Theory]
    [InlineData("APP.NAME=1", "APP.NAME")]
    [InlineData("MY-KEY=1", "MY-KEY")]
    [InlineData("ARR[0]=1", "ARR[0]")]
    [InlineData("1ST=1", "1ST")]
    [InlineData("crêpe=1", "crêpe")]
    public void Keys_compose_accepts_but_shells_refuse_are_noted(string line, string key)
    {
        var document = Read(line);
        Assert.Empty(document.Errors);
        Assert.Equal(key, Assert.Single(document.Entries).Key);
        Assert.Equal(DotEnvQuirkKind.KeyCharacters, Assert.Single(document.Quirks).Kind);
    }

    [Fact]
    public void A_space_inside_a_key_is_an_error()
    {
        var document = Read("MY KEY=1\nOK=2\n");
        var error = Assert.Single(document.Errors);
        Assert.Equal(2, error.Span.Start);
        Assert.Contains("cannot contain a space", error.Message);
        Assert.Equal("OK", Assert.Single(document.Entries).Key);
    }

    [Theory]
    [InlineData("KEY=abc$", 7)]
    [InlineData("KEY=a$%b", 5)]
    [InlineData("KEY=${1X}", 4)]
    [InlineData("KEY=${VAR", 4)]
    [InlineData("KEY=${}", 4)]
    [InlineData("KEY=\"a$\"", 6)]
    public void A_dollar_that_starts_no_valid_reference_is_an_error(string line, int column)
    {
        var document = Read(line);
        var error = Assert.Single(document.Errors);
        Assert.Equal(column, error.Span.Start);
        Assert.Contains("Invalid template", error.Message);
    }

    [Theory]
    [InlineData("KEY=$$")]
    [InlineData("KEY=$VAR")]
    [InlineData("KEY=${VAR}")]
    [InlineData("KEY=${VAR:-default}")]
    [InlineData("KEY=${VAR-default}")]
    [InlineData("KEY=${VAR:?error}")]
    [InlineData("KEY=${VAR?error}")]
    [InlineData("KEY=${VAR:+alt}")]
    [InlineData("KEY=${VAR:-${OTHER}}")]
    [InlineData("KEY='a$%b'")]
    [InlineData("KEY=\"cost \\$5\"")]
    public void Valid_templates_and_literal_dollars_are_accepted(string line) =>
        Assert.Empty(Read(line).Errors);

    [Theory]
    [InlineData("KEY=a$$b", "a$b")]
    [InlineData("KEY='a$b'", "a$b")]
    [InlineData("KEY=\"a\\$b\"", "a$b")]
    [InlineData("KEY=a${B}", null)]
    [InlineData("KEY=plain", "plain")]
    public void Literal_is_the_value_compose_ends_up_with_when_it_refers_to_nothing(string line, string? literal) =>
        Assert.Equal(literal, Single(line).Literal);

    [Fact]
    public void Export_followed_by_nothing_is_an_error()
    {
        var error = Assert.Single(Read("A=1\nexport ").Errors);
        Assert.Equal(4, error.Span.Start);
    }

    [Theory]
    [InlineData("KEY=it's", DotEnvQuirkKind.UnquotedQuote)]
    [InlineData("KEY= # note", DotEnvQuirkKind.CommentAsValue)]
    [InlineData("KEY=a\t# note", DotEnvQuirkKind.CommentAsValue)]
    [InlineData("KEY='it\\'s'", DotEnvQuirkKind.EscapedSingleQuote)]
    [InlineData("=value", DotEnvQuirkKind.MissingKey)]
    [InlineData("A=\"x\nB=y\"", DotEnvQuirkKind.QuoteSwallowsLines)]
    public void Quirks_are_noted_where_they_are(string text, DotEnvQuirkKind kind) =>
        Assert.Equal(kind, Assert.Single(Read(text).Quirks).Kind);

    [Fact]
    public void A_comment_after_blanks_and_the_equals_sign_is_the_value_for_compose() =>
        Assert.Equal("# note", Single("KEY= # note").Value);

    [Fact]
    public void A_backslash_before_the_closing_quote_keeps_the_value_open()
    {
        // compose-go only looks at the character before a quote: "C:\\" does not end there, and the value runs on.
        var document = Read("WIN=\"C:\\\\\"\nNEXT=x\"\n");
        Assert.Empty(document.Errors);
        Assert.Equal("WIN", Assert.Single(document.Entries).Key);
        Assert.Equal(DotEnvQuirkKind.QuoteSwallowsLines, Assert.Single(document.Quirks).Kind);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped() => Assert.Equal("KEY", Single("\uFEFFKEY=1").Key);

    [Fact]
    public void Messages_never_quote_values()
    {
        const string secret = "Zq9sECRET-vAlue";
        var document = Read($"A='{secret}\nB=\"{secret}\nC={secret}$\nD =\"{secret}\"x\nE={secret} {secret}\n");
        Assert.NotEmpty(document.Errors);
        Assert.NotEmpty(document.Quirks);
        Assert.All(document.Errors.Select(e => e.Message).Concat(document.Quirks.Select(q => q.Message)),
            m => Assert.DoesNotContain("sECRET", m));
    }

    [Fact]
    public void Garbage_never_throws_and_spans_stay_inside_the_text()
    {
        var random = new Random(20261122);
        const string alphabet = "AZaz09_=:'\"\\$#{} \t\r\n.-[]exportÜé\u0000\u0085\u00A0😀";
        for (var round = 0; round < 3000; round++)
        {
            var sb = new StringBuilder();
            var length = random.Next(0, 80);
            for (var i = 0; i < length; i++) sb.Append(alphabet[random.Next(alphabet.Length)]);
            var text = sb.ToString();
            var document = Read(text);
            foreach (var span in document.Entries.SelectMany(e => new[] { e.KeySpan, e.ValueSpan, e.Span })
                         .Concat(document.Errors.Select(e => e.Span)).Concat(document.Quirks.Select(q => q.Span)).Concat(document.UnreadValues))
                Assert.True(span.Start >= 0 && span.End <= text.Length, $"span {span} outside {text.Length} characters of {text}");
        }
    }
}
