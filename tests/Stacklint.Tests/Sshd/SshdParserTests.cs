using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Formats.Sshd;
using Stacklint.Text;
using Xunit;

namespace Stacklint.Tests.Sshd;

public class SshdParserTests
{
    private static SshdDocument Parse(string text) =>
        SshdParser.Read(new SourceFile("sshd_config", "/x/sshd_config", SourceText.From(text)));

    [Theory]
    [InlineData("PermitRootLogin no", "PermitRootLogin", new[] { "no" })]
    [InlineData("PermitRootLogin=no", "PermitRootLogin", new[] { "no" })]
    [InlineData("  PermitRootLogin = no  ", "PermitRootLogin", new[] { "no" })]
    [InlineData("\tPERMITROOTLOGIN\tno # comment", "PERMITROOTLOGIN", new[] { "no" })]
    [InlineData("AllowUsers alice bob@10.0.0.0/8", "AllowUsers", new[] { "alice", "bob@10.0.0.0/8" })]
    [InlineData("Banner \"/etc/my banner\"", "Banner", new[] { "/etc/my banner" })]
    [InlineData("Banner '/etc/my banner'", "Banner", new[] { "/etc/my banner" })]
    [InlineData("AuthorizedKeysFile a\"b c\"d e", "AuthorizedKeysFile", new[] { "ab cd", "e" })]
    [InlineData("Banner /etc/a\\ b", "Banner", new[] { "/etc/a b" })]
    [InlineData("ForceCommand echo a#b", "ForceCommand", new[] { "echo", "a#b" })]
    [InlineData("PermitRootLogin no\r", "PermitRootLogin", new[] { "no" })]
    [InlineData("Match User alice,!bob Address 10.0.0.0/8", "Match", new[] { "User", "alice,!bob", "Address", "10.0.0.0/8" })]
    public void Reads_lines_as_sshd_splits_them(string line, string keyword, string[] values)
    {
        var document = Parse(line);
        Assert.Empty(document.Errors);
        var directive = Assert.Single(document.Directives);
        Assert.Equal(keyword, directive.Keyword);
        Assert.Equal(values, directive.Values.ToArray());
    }

    [Theory]
    [InlineData("# only a comment")]
    [InlineData("")]
    [InlineData("   \t ")]
    public void Comments_and_blank_lines_are_not_directives(string line) => Assert.Empty(Parse(line).Directives);

    [Fact]
    public void Spans_point_at_keyword_and_arguments()
    {
        var document = Parse("# header\n  Port   2222  # why\n");
        var port = Assert.Single(document.Directives);
        Assert.Equal(new TextSpan(11, 4), port.KeywordSpan);
        Assert.Equal("2222", document.File.Text.ToString(port.Arguments[0].Span));
        Assert.Equal("Port   2222", document.File.Text.ToString(port.Span));
        Assert.Equal("sshd_config:2", port.Where);
    }

    [Fact]
    public void Keyword_without_value_is_a_directive_with_no_arguments()
    {
        var directive = Assert.Single(Parse("PermitRootLogin").Directives);
        Assert.Empty(directive.Arguments);
    }

    [Fact]
    public void A_bad_line_is_an_error_where_it_is_and_the_file_goes_on()
    {
        var document = Parse("Port 22\nBanner \"unterminated\nX11Forwarding no\n");
        var error = Assert.Single(document.Errors);
        Assert.Equal(new[] { "Port", "X11Forwarding" }, document.Directives.Select(d => d.Keyword));
        Assert.Equal(1, document.File.Text.Lines.GetLineFromPosition(error.Span.Start).LineNumber);
    }
}
