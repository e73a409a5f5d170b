using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Sprache;
using Stacklint.Text;

namespace Stacklint.Formats.Sshd;

/// <summary>sshd_config(5) lexical syntax, as OpenSSH's <c>strdelim</c> and <c>argv_split</c> read a line: the
/// keyword ends at whitespace or one <c>=</c>; arguments are separated by blanks; double or single quotes group
/// (also inside a word: <c>a"b c"</c> is one argument), <c>\</c> escapes quotes, backslash and (unquoted) space;
/// <c>#</c> at the start of an argument begins a comment. The file is parsed line by line, so a bad line is
/// reported where it is and the rest of the file is still read.</summary>
public static class SshdParser
{
    private static readonly Parser<string> Blank = Parse.Chars(' ', '\t', '\f', '\r').AtLeastOnce().Text();

    private static readonly Parser<string> Keyword =
        from first in Parse.CharExcept(" \t\f\r=\"'#")
        from rest in Parse.CharExcept(" \t\f\r=\"").Many().Text()
        select first + rest;

    // Whitespace and at most one '=' between keyword and value: "Port 22", "Port=22", "Port = 22".
    private static readonly Parser<string> Separator =
        Blank.Optional().Then(_ => Parse.Char('=').Once().Text().Optional()).Then(_ => Blank.Optional()).Return("");

    private static Parser<string> Quoted(char quote) =>
        from open in Parse.Char(quote)
        from body in Escape(inQuotes: true).Or(Parse.CharExcept(quote).Once().Text()).Many()
        from close in Parse.Char(quote).Named($"closing {quote} quote")
        select string.Concat(body);

    private static Parser<string> Escape(bool inQuotes) =>
        from slash in Parse.Char('\\')
        from next in inQuotes ? Parse.Chars("'\"\\") : Parse.Chars("'\"\\ ")
        select next.ToString();

    private static readonly Parser<string> Plain =
        Escape(inQuotes: false).Or(Parse.CharExcept(" \t\f\r\"'").Once().Text());

    private static readonly Parser<string> Argument =
        from first in Quoted('"').Or(Quoted('\'')).Or(Escape(false)).Or(Parse.CharExcept(" \t\f\r\"'#").Once().Text())
        from rest in Quoted('"').Or(Quoted('\'')).Or(Plain).Many()
        select first + string.Concat(rest);

    private static readonly Parser<string> Comment = Parse.Char('#').Then(_ => Parse.AnyChar.Many()).Return("");

    private static readonly Parser<(ITextSpan<string> Keyword, IEnumerable<ITextSpan<string>> Arguments)> Directive =
        from keyword in Keyword.Span()
        from separator in Separator
        from arguments in Argument.Span().DelimitedBy(Blank).Optional()
        from trailing in Blank.Optional()
        from comment in Comment.Optional()
        from end in Parse.LineEnd.Or(Parse.Return("").End())
        select (keyword, arguments.GetOrElse(Enumerable.Empty<ITextSpan<string>>()));

    private static readonly Parser<(ITextSpan<string> Keyword, IEnumerable<ITextSpan<string>> Arguments)?> Line =
        from leading in Blank.Optional()
        from directive in Comment.Return(((ITextSpan<string>, IEnumerable<ITextSpan<string>>)?)null)
            .Or(Directive.Select(d => ((ITextSpan<string>, IEnumerable<ITextSpan<string>>)?)d))
            .Or(Parse.Return(((ITextSpan<string>, IEnumerable<ITextSpan<string>>)?)null).End())
        select directive;

    public static SshdDocument Read(SourceFile file)
    {
        var directives = new List<SshdDirective>();
        var errors = new List<SshdParseError>();
        foreach (var line in file.Text.Lines)
        {
            var text = file.Text.ToString(line.Span);
            var result = Line.TryParse(text);
            if (!result.WasSuccessful)
            {
                var column = Math.Min(result.Remainder.Position, text.Length);
                var quote = UnclosedQuote(text);
                var message = quote >= 0 ? "unterminated quoted argument: the closing quote is missing (sshd: \"invalid quotes\")" : Describe(result, text, column);
                if (quote >= 0) column = quote;
                var span = new TextSpan(line.Start + column, Math.Max(0, Math.Min(1, text.Length - column)));
                errors.Add(new SshdParseError(message, span));
                continue;
            }
            if (result.Value is not { } parsed) continue;
            var keywordSpan = new TextSpan(line.Start + parsed.Keyword.Start.Pos, parsed.Keyword.Length);
            var arguments = parsed.Arguments
                .Select(a => new SshdArgument(a.Value, new TextSpan(line.Start + a.Start.Pos, a.Length)))
                .ToList();
            var end = arguments.Count > 0 ? arguments[arguments.Count - 1].Span.End : keywordSpan.End;
            directives.Add(new SshdDirective(file, parsed.Keyword.Value, keywordSpan, arguments,
                TextSpan.FromBounds(keywordSpan.Start, end)));
        }
        return new SshdDocument(file, directives, errors);
    }

    private static string Describe<T>(IResult<T> result, string text, int column)
    {
        var expectations = result.Expectations.Where(e => !string.IsNullOrEmpty(e)).Distinct().ToList();
        var found = column < text.Length ? $"'{text[column]}'" : "end of line";
        return expectations.Count > 0
            ? $"unexpected {found}; expected {string.Join(" or ", expectations)}"
            : $"unexpected {found}";
    }

    /// <summary>Where the quote that is never closed opens, or -1; a backslash escapes the next character and an
    /// unquoted <c>#</c> at the start of a word starts a comment, as in argv_split.</summary>
    private static int UnclosedQuote(string text)
    {
        var open = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\') { i++; continue; }
            if (open >= 0) { if (c == text[open]) open = -1; continue; }
            if (c == '#' && (i == 0 || text[i - 1] is ' ' or '\t' or '=')) break;
            if (c is '"' or '\'') open = i;
        }
        return open;
    }
}
