using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Formats.Fail2ban;
using Stacklint.Text;
using Xunit;

namespace Stacklint.Tests.Fail2ban;

/// <summary>fail2ban's INI dialect as configparser (strict, inline <c>;</c> comments) reads it, construct by construct,
/// and the errors that make fail2ban refuse a file, at their exact line and column.</summary>
public class Fail2banParserTests
{
    private static Fail2banDocument Read(string text, bool byteOrderMark = false) =>
        Fail2banParser.Read(new SourceFile("jail.local", "/x/jail.local", SourceText.From(text)), byteOrderMark);

    private static (int Line, int Column) At(Fail2banDocument document, TextSpan span)
    {
        var position = document.File.Text.Lines.GetLinePosition(span.Start);
        return (position.Line + 1, position.Character + 1);
    }

    private static string Text(Fail2banDocument document, TextSpan span) => document.File.Text.ToString(span);

    [Fact]
    public void Sections_and_options_with_either_separator_and_their_places()
    {
        var document = Read("[DEFAULT]\nbantime = 1h\n\n[sshd]\nenabled = true\nport: ssh\n");
        Assert.Empty(document.Errors);
        Assert.Equal(new[] { "DEFAULT", "sshd" }, document.Sections.Select(s => s.Name));
        var sshd = document.Sections[1];
        Assert.Equal(new[] { ("enabled", "true"), ("port", "ssh") }, sshd.Options.Select(o => (o.Name, o.Value)));
        var port = sshd.Options[1];
        Assert.Equal((6, 1), At(document, port.NameSpan));
        Assert.Equal((6, 7), At(document, port.ValueSpan));
        Assert.Equal(":", Text(document, port.SeparatorSpan));
        Assert.Equal("[sshd]", Text(document, sshd.HeaderSpan));
        Assert.Equal("sshd", Text(document, sshd.NameSpan));
        Assert.True(document.Sections[0].IsDefault);
    }

    [Fact]
    public void Option_names_are_lower_cased_and_section_names_are_not()
    {
        var document = Read("[Sshd]\nMaxRetry = 3\n[default]\nx=1\n");
        Assert.Equal("maxretry", document.Sections[0].Options[0].Name);
        Assert.Equal("MaxRetry", document.Sections[0].Options[0].WrittenName);
        Assert.Equal("Sshd", document.Sections[0].Name);
        // [default] is an ordinary section: only [DEFAULT] is the defaults.
        Assert.False(document.Sections[1].IsDefault);
    }

    [Fact]
    public void The_first_equals_or_colon_separates_and_blanks_around_it_go()
    {
        var document = Read("[a]\nkey:b = c\nurl = http://example.com/x=1\nspaced   =   value  \n");
        Assert.Equal(new[] { ("key", "b = c"), ("url", "http://example.com/x=1"), ("spaced", "value") },
            document.Sections[0].Options.Select(o => (o.Name, o.Value)));
        Assert.Equal("value", Text(document, document.Sections[0].Options[2].ValueSpan));
    }

    [Fact]
    public void Indented_lines_continue_the_value_and_blank_lines_inside_it_stay()
    {
        var document = Read("[sshd]\nignoreip = 127.0.0.1/8\n    10.0.0.0/8 ; office\n\n  # a comment line is skipped\n  host.example.com\n\n\nport = ssh\n");
        Assert.Empty(document.Errors);
        var ignoreip = document.Sections[0].Options[0];
        Assert.Equal("127.0.0.1/8\n10.0.0.0/8\n\nhost.example.com", ignoreip.Value);
        Assert.True(ignoreip.IsContinued);
        Assert.Equal((2, 12), At(document, ignoreip.ValueSpan));
        Assert.Equal((6, 3), At(document, new TextSpan(ignoreip.ValueSpan.End - "host.example.com".Length, 0)));
        Assert.Equal("ssh", document.Sections[0].Options[1].Value);
        // A position in the value maps back to the file, line by line.
        var index = ignoreip.Value.IndexOf("host", System.StringComparison.Ordinal);
        Assert.Equal("host.example.com", Text(document, ignoreip.SpanOf(index, "host.example.com".Length)));
    }

    [Fact]
    public void A_line_indented_deeper_than_its_option_continues_it_even_when_it_looks_like_a_section_or_an_option()
    {
        var document = Read("[a]\n  x = 1\n    [b]\n    y = 2\n  z = 3\n");
        Assert.Empty(document.Errors);
        Assert.Single(document.Sections);
        Assert.Equal(new[] { ("x", "1\n[b]\ny = 2"), ("z", "3") }, document.Sections[0].Options.Select(o => (o.Name, o.Value)));
    }

    [Fact]
    public void An_indented_line_right_after_a_section_header_is_an_option()
    {
        var document = Read("[a]\n    x = 1\n");
        Assert.Equal("x", document.Sections[0].Options.Single().Name);
    }

    [Fact]
    public void Inline_semicolon_comments_are_cut_after_whitespace_and_hash_comments_are_not()
    {
        var document = Read("[sshd]\nbantime = 1h ; one hour\nfindtime = 10m # ten minutes\nlogpath = /var/log/a;b\nmaxretry = 3;4\n; a comment\n# another\n   ; indented comment\n");
        Assert.Empty(document.Errors);
        Assert.Equal(new[] { ("bantime", "1h"), ("findtime", "10m # ten minutes"), ("logpath", "/var/log/a;b"), ("maxretry", "3;4") },
            document.Sections[0].Options.Select(o => (o.Name, o.Value)));
    }

    [Fact]
    public void A_section_header_runs_to_the_last_bracket_and_ignores_what_follows()
    {
        var document = Read("[sshd] ; comment\nx = 1\n[web] # note\ny = 2\n[a]b]\nz = 3\n");
        Assert.Empty(document.Errors);
        Assert.Equal(new[] { "sshd", "web", "a]b" }, document.Sections.Select(s => s.Name));
    }

    [Fact]
    public void Empty_values_have_an_empty_span_after_the_separator()
    {
        var document = Read("[sshd]\nignoreip =\nx = \n");
        var ignoreip = document.Sections[0].Options[0];
        Assert.Equal("", ignoreip.Value);
        Assert.Equal(0, ignoreip.ValueSpan.Length);
        Assert.Equal((2, 11), At(document, ignoreip.ValueSpan));
    }

    [Fact]
    public void Crlf_and_lone_cr_end_lines()
    {
        var document = Read("[sshd]\r\nenabled = true\r\nport = ssh,\r\n  2222\rmaxretry = 3");
        Assert.Empty(document.Errors);
        Assert.Equal(new[] { ("enabled", "true"), ("port", "ssh,\n2222"), ("maxretry", "3") }, document.Sections[0].Options.Select(o => (o.Name, o.Value)));
        Assert.Equal("true", Text(document, document.Sections[0].Options[0].ValueSpan));
    }

    [Fact]
    public void A_line_that_is_neither_section_nor_option_is_an_error_where_it_is()
    {
        var document = Read("[sshd]\nenabled = true\n  \ngarbage here\nport = ssh\n");
        var error = Assert.Single(document.Errors);
        Assert.Equal((4, 1), At(document, error.Span));
        Assert.Equal("garbage here", Text(document, error.Span));
        Assert.Equal("Source contains parsing errors", error.Fail2banSays);
        // Reading goes on.
        Assert.Equal("ssh", document.Sections[0].Options.Last().Value);
    }

    [Fact]
    public void The_same_line_indented_continues_the_value_instead()
    {
        var document = Read("[sshd]\nenabled = true\n  \n   garbage here\nport = ssh\n");
        Assert.Empty(document.Errors);
        Assert.Equal("true\n\ngarbage here", document.Sections[0].Options[0].Value);
    }

    [Fact]
    public void An_option_without_a_name_is_an_error()
    {
        var document = Read("[sshd]\n = value\n");
        Assert.Equal((2, 2), At(document, Assert.Single(document.Errors).Span));
        Assert.Empty(document.Sections[0].Options);
    }

    [Fact]
    public void An_option_before_any_section_is_an_error()
    {
        var document = Read("# header comment\nenabled = true\n[sshd]\nport = ssh\n");
        var error = Assert.Single(document.Errors);
        Assert.Equal((2, 1), At(document, error.Span));
        Assert.Equal("File contains no section headers", error.Fail2banSays);
    }

    [Fact]
    public void A_section_written_twice_in_one_file_is_an_error_at_the_second_header()
    {
        var document = Read("[sshd]\nenabled = true\n\n[sshd]\nport = 2222\n");
        var error = Assert.Single(document.Errors);
        Assert.Equal((4, 1), At(document, error.Span));
        Assert.Equal("[sshd]", Text(document, error.Span));
        Assert.Equal("section 'sshd' already exists", error.Fail2banSays);
        Assert.Contains("first at line 1", error.Message);
        Assert.Single(document.Sections);
    }

    [Fact]
    public void An_option_written_twice_in_a_section_is_an_error_at_the_second_name()
    {
        var document = Read("[sshd]\nmaxretry = 3\nbantime = 1h\nMaxRetry = 4\n");
        var error = Assert.Single(document.Errors);
        Assert.Equal((4, 1), At(document, error.Span));
        Assert.Equal("MaxRetry", Text(document, error.Span));
        Assert.Equal("option 'maxretry' in section 'sshd' already exists", error.Fail2banSays);
        Assert.Equal("3", document.Sections[0].Options.Single(o => o.Name == "maxretry").Value);
    }

    [Fact]
    public void DEFAULT_may_be_written_twice_but_not_an_option_in_it()
    {
        Assert.Empty(Read("[DEFAULT]\na = 1\n[sshd]\nx = 1\n[DEFAULT]\nb = 2\n").Errors);
        var error = Assert.Single(Read("[DEFAULT]\na = 1\n[DEFAULT]\na = 2\n").Errors);
        Assert.Equal("option 'a' in section 'DEFAULT' already exists", error.Fail2banSays);
    }

    [Fact]
    public void The_same_option_in_two_sections_is_fine()
    {
        Assert.Empty(Read("[sshd]\nport = ssh\n[nginx]\nport = http\n").Errors);
    }

    [Fact]
    public void A_byte_order_mark_is_an_error_at_the_start()
    {
        var flagged = Read("[sshd]\nenabled = true\n", byteOrderMark: true);
        var error = Assert.Single(flagged.Errors);
        Assert.Equal(0, error.Span.Start);
        Assert.Equal("File contains no section headers", error.Fail2banSays);
        Assert.Equal("sshd", flagged.Sections.Single().Name);
        // The same when the mark is still in the text.
        var inText = Read("\uFEFF[sshd]\nenabled = true\n");
        Assert.Single(inText.Errors);
        Assert.Equal("sshd", inText.Sections.Single().Name);
    }

    [Fact]
    public void Never_throws_on_odd_input()
    {
        foreach (var text in new[] { "", "[", "]", "[]", "=", ":", "\n\n\r\r", "[a]\n\t\t\n  x", "[a]\nx=1\n  \u2028y", "%(x)s", "[a]\n;\n#\n= =\n" })
        {
            var document = Read(text);
            Assert.NotNull(document);
        }
        Assert.Single(Read("[]").Errors);
    }
}
