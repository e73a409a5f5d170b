using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using Sprache;
using Stacklint.Text;
using static Stacklint.Text.TextParsers;

namespace Stacklint.Formats.Nginx;

/// <summary>
/// The nginx configuration language as nginx 1.x's <c>ngx_conf_read_token</c> and <c>ngx_conf_parse</c> read it:
/// <list type="bullet">
/// <item>Words are separated by blanks (space, tab, CR, LF). A directive is its words up to <c>;</c>, or up to
/// <c>{</c> followed by a block closed by <c>}</c>.</item>
/// <item>A word that starts with <c>"</c> or <c>'</c> runs to the same quote and may hold anything; after the
/// closing quote only a blank, <c>;</c>, <c>{</c> or <c>)</c> may follow. A quote inside a word is an ordinary
/// character (<c>a"b</c>).</item>
/// <item>An unquoted word ends at a blank, <c>;</c> or <c>{</c>, except that a <c>{</c> right after <c>$</c> (or
/// after such a <c>{</c>) belongs to the word, so <c>${var}</c> stays whole. A <c>}</c> or <c>#</c> inside a word is
/// part of it; a backslash takes the next character into the word whatever it is.</item>
/// <item><c>#</c> where a word could start begins a comment to the end of the line, also between the words of one
/// directive.</item>
/// <item>In the value, <c>\"</c> <c>\'</c> <c>\\</c> <c>\t</c> <c>\r</c> <c>\n</c> are unescaped; other backslashes stay.</item>
/// <item>nginx reads through a 4096-byte buffer: a word, or a comment line, that does not fit stops it with "too long
/// parameter" (typically a quote that is never closed).</item>
/// </list>
/// The words are read with Sprache; the block structure is a small recursive reader so that each error is reported
/// on the line where nginx reports it (the first error is exactly <c>nginx -t</c>'s) and reading goes on:
/// a missing <c>;</c> before <c>}</c> ends the directive there, a stray <c>}</c> is skipped, an unclosed block ends
/// at the end of the file. Bodies of <c>*_by_lua_block</c> are Lua, kept as raw text (<see cref="NginxDirective.OpaqueBody"/>).
/// Whether a directive exists, takes a block, or sits in the right context is not the parser's business (NGX028).
/// </summary>
public static class NginxParser
{
    /// <summary>nginx's NGX_CONF_BUFFER.</summary>
    public const int BufferBytes = 4096;

    // ---- the lexical grammar ------------------------------------------------------------------------------
    // Sprache combinators over the primitives of TextParsers, which match one character or a run of characters
    // without allocating per character (Parse.Char and Many() made reading ten times slower). The values are unused:
    // positions are what the reader keeps.

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static readonly Parser<int> Blank = Run(IsBlank, "blank");

    private static readonly Parser<int> Comment = One(c => c == '#', "#").Then(_ => Run(c => c != '\n', "comment").Optional().Return(0));

    /// <summary>A backslash and whatever follows it (nothing at the end of the file).</summary>
    private static readonly Parser<int> Escape = One(c => c == '\\', "\\").Then(_ => One(_ => true, "any character").Optional().Return(0));

    /// <summary><c>$</c> and the <c>{</c>s right after it, which do not end the word.</summary>
    private static readonly Parser<int> DollarBraces = One(c => c == '$', "$").Then(_ => Run(c => c == '{', "{").Optional().Return(0));

    private static readonly Parser<int> UnquotedWord =
        from first in Escape.Or(DollarBraces).Or(One(c => !IsBlank(c) && c is not (';' or '{' or '}' or '#' or '"' or '\'' or '\\' or '$'), "word"))
        from rest in Escape.Or(DollarBraces).Or(Run(c => !IsBlank(c) && c is not (';' or '{' or '\\' or '$'), "word")).Many()
        select 0;

    /// <summary>A quoted word; true when the closing quote is there (otherwise it ran to the end of the file).</summary>
    private static Parser<bool> Quoted(char quote) =>
        from open in One(c => c == quote, quote.ToString())
        from body in Escape.Or(Run(c => c != quote && c != '\\', "quoted text")).Many()
        from close in One(c => c == quote, quote.ToString()).Optional()
        select close.IsDefined;

    private static readonly Parser<(TokenKind Kind, bool Closed)> AnyLexeme =
        Blank.Return((TokenKind.Blank, true))
            .Or(UnquotedWord.Return((TokenKind.Word, true)))
            .Or(One(c => c == ';', ";").Return((TokenKind.Semicolon, true)))
            .Or(One(c => c == '{', "{").Return((TokenKind.OpenBrace, true)))
            .Or(One(c => c == '}', "}").Return((TokenKind.CloseBrace, true)))
            .Or(Quoted('"').Select(closed => (TokenKind.QuotedWord, closed)))
            .Or(Quoted('\'').Select(closed => (TokenKind.QuotedWord, closed)))
            .Or(Comment.Return((TokenKind.Comment, true)));

    public static NginxDocument Read(SourceFile file) => new Reader(file).Read();

    /// <summary>The value nginx makes of a word's text (quotes already removed), as its copy loop does.</summary>
    public static string Unescape(string raw)
    {
        if (raw.IndexOf('\\') < 0) return raw;
        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\' && i + 1 < raw.Length)
            {
                switch (raw[i + 1])
                {
                    case '"': case '\'': case '\\': sb.Append(raw[++i]); continue;
                    case 't': sb.Append('\t'); i++; continue;
                    case 'r': sb.Append('\r'); i++; continue;
                    case 'n': sb.Append('\n'); i++; continue;
                }
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private enum TokenKind { Blank, Comment, Semicolon, OpenBrace, CloseBrace, Word, QuotedWord, Opaque }

    private readonly struct Lexeme
    {
        public Lexeme(TokenKind kind, int start, int end, bool closed)
        {
            Kind = kind;
            Start = start;
            End = end;
            Closed = closed;
        }

        public TokenKind Kind { get; }
        public int Start { get; }
        public int End { get; }
        /// <summary>For a quoted word: the closing quote is there.</summary>
        public bool Closed { get; }
        public bool IsWord => Kind is TokenKind.Word or TokenKind.QuotedWord;
    }

    private sealed class Reader
    {
        private readonly SourceFile _file;
        private readonly string _text;
        private readonly List<Lexeme> _tokens = new();
        private readonly List<(NginxParseError Error, int DetectedAt)> _errors = new();
        private int _position;
        private bool _endOfFileReported;
        private int _unterminatedQuoteError = -1;
        private int _unterminatedQuoteStart = -1;

        public Reader(SourceFile file)
        {
            _file = file;
            _text = file.Text.ToString();
            // nginx itself would choke on a byte order mark; FileStore removes it, and so does the parser.
            if (_text.Length > 0 && _text[0] == '\uFEFF') _position = 1;
        }

        public NginxDocument Read()
        {
            var directives = ReadBlock(null, out _);
            CheckBufferLimit();
            var errors = _errors.OrderBy(e => e.DetectedAt).Select(e => e.Error).ToList();
            return new NginxDocument(_file, directives, errors);
        }

        private Lexeme? Next()
        {
            if (_position >= _text.Length) return null;
            var result = AnyLexeme(new TextInput(_text, _position));
            // Every character starts some lexeme, so the grammar cannot fail before the end of the text.
            var end = result.Remainder.Position;
            var token = new Lexeme(result.Value.Kind, _position, end, result.Value.Closed);
            _tokens.Add(token);
            _position = end;
            return token;
        }

        /// <summary>Reads directives up to the <c>}</c> that closes <paramref name="opener"/> (or to the end of the
        /// file at top level). <paramref name="closeEnd"/> is just after that <c>}</c>, or the end of the text.</summary>
        private List<NginxDirective> ReadBlock(NginxArgument? opener, out int closeEnd)
        {
            var directives = new List<NginxDirective>();
            var words = new List<Lexeme>();
            while (true)
            {
                if (Next() is not { } token)
                {
                    closeEnd = _text.Length;
                    if (!_endOfFileReported)
                    {
                        if (words.Count > 0) UnexpectedEndInDirective(words);
                        else if (opener is not null)
                            Error(_text.Length, 0, $"unexpected end of file, expecting \"}}\": the \"{opener.Value}\" block opened on line {LineOf(opener.Span.Start)} is never closed");
                        _endOfFileReported = words.Count > 0 || opener is not null;
                    }
                    if (words.Count > 0) directives.Add(Directive(words, null, TextSpan.FromBounds(words[0].Start, words[words.Count - 1].End)));
                    return directives;
                }

                switch (token.Kind)
                {
                    case TokenKind.Blank:
                    case TokenKind.Comment:
                        break;

                    case TokenKind.Word:
                        words.Add(token);
                        break;

                    case TokenKind.QuotedWord:
                        words.Add(token);
                        // After a closing quote nginx wants a blank, ';', '{' or ')' (which starts the next word).
                        if (token.Closed && _position < _text.Length && !IsBlank(_text[_position])
                            && _text[_position] is not (';' or '{' or ')'))
                            Error(_position, 1, $"unexpected \"{_text[_position]}\" right after the closing quote (a quoted word must be followed by a blank, \";\" or \"{{\")");
                        break;

                    case TokenKind.Semicolon:
                        if (words.Count == 0)
                        {
                            Error(token.Start, 1, "unexpected \";\": there is no directive before it");
                            break;
                        }
                        directives.Add(Directive(words, null, TextSpan.FromBounds(words[0].Start, token.End)));
                        words.Clear();
                        break;

                    case TokenKind.OpenBrace:
                        if (words.Count == 0)
                        {
                            // Read the nameless block anyway, to stay in step with the braces; it is not kept.
                            Error(token.Start, 1, "unexpected \"{\": there is no directive name before it");
                            ReadBlock(new NginxArgument("{", "{", false, new TextSpan(token.Start, 1)), out _);
                            break;
                        }
                        directives.Add(BlockDirective(words, token));
                        words.Clear();
                        break;

                    case TokenKind.CloseBrace:
                        if (words.Count > 0)
                        {
                            Error(token.Start, 1, $"unexpected \"}}\": the \"{WordValue(words[0])}\" directive before it is not terminated by \";\"");
                            directives.Add(Directive(words, null, TextSpan.FromBounds(words[0].Start, words[words.Count - 1].End)));
                            words.Clear();
                            if (opener is null) break;
                        }
                        else if (opener is null)
                        {
                            Error(token.Start, 1, "unexpected \"}\": it closes no block");
                            break;
                        }
                        closeEnd = token.End;
                        return directives;
                }
            }
        }

        private NginxDirective BlockDirective(List<Lexeme> words, Lexeme open)
        {
            var name = Argument(words[0]);
            if (name.Value.EndsWith("_by_lua_block", StringComparison.Ordinal))
            {
                var close = LuaBlockEnd(open.End);
                if (close < 0)
                {
                    _tokens.Add(new Lexeme(TokenKind.Opaque, open.End, _text.Length, true));
                    _position = _text.Length;
                    if (!_endOfFileReported)
                        Error(_text.Length, 0, $"unexpected end of file, expecting \"}}\": the Lua block of \"{name.Value}\" opened on line {LineOf(open.Start)} is never closed");
                    _endOfFileReported = true;
                    return Directive(words, new List<NginxDirective>(), TextSpan.FromBounds(words[0].Start, _text.Length),
                        _text.Substring(open.End), TextSpan.FromBounds(open.End, _text.Length));
                }
                _tokens.Add(new Lexeme(TokenKind.Opaque, open.End, close, true));
                _tokens.Add(new Lexeme(TokenKind.CloseBrace, close, close + 1, true));
                _position = close + 1;
                return Directive(words, new List<NginxDirective>(), TextSpan.FromBounds(words[0].Start, close + 1),
                    _text.Substring(open.End, close - open.End), TextSpan.FromBounds(open.End, close));
            }
            var block = ReadBlock(name, out var closeEnd);
            return Directive(words, block, TextSpan.FromBounds(words[0].Start, closeEnd));
        }

        private NginxDirective Directive(List<Lexeme> words, List<NginxDirective>? block, TextSpan span,
            string? opaqueBody = null, TextSpan? opaqueSpan = null) =>
            new(_file, Argument(words[0]), words.Skip(1).Select(Argument).ToList(), block, span, opaqueBody, opaqueSpan);

        private NginxArgument Argument(Lexeme token)
        {
            var raw = _text.Substring(token.Start, token.End - token.Start);
            if (token.Kind != TokenKind.QuotedWord) return new NginxArgument(Unescape(raw), raw, false, new TextSpan(token.Start, raw.Length));
            var inner = raw.Substring(1, raw.Length - (token.Closed ? 2 : 1));
            return new NginxArgument(Unescape(inner), raw, true, new TextSpan(token.Start, raw.Length));
        }

        private string WordValue(Lexeme token) => Argument(token).Value;

        private void UnexpectedEndInDirective(List<Lexeme> words)
        {
            var last = words[words.Count - 1];
            if (last.Kind == TokenKind.QuotedWord && !last.Closed)
            {
                _unterminatedQuoteError = _errors.Count;
                _unterminatedQuoteStart = last.Start;
                Error(_text.Length, 0, $"unexpected end of file, expecting \";\" or \"}}\": the quote opened on line {LineOf(last.Start)} is never closed");
            }
            else
                Error(_text.Length, 0, $"unexpected end of file, expecting \";\" or \"}}\": the \"{WordValue(words[0])}\" directive is not terminated by \";\"");
        }

        /// <summary>The index of the <c>}</c> that closes a Lua block whose body starts at <paramref name="from"/>, or -1.
        /// Braces inside Lua strings (<c>"…"</c>, <c>'…'</c>, <c>[[…]]</c>, <c>[==[…]==]</c>) and comments (<c>--</c>,
        /// <c>--[[…]]</c>) do not count, as in lua-nginx-module's reader.</summary>
        private int LuaBlockEnd(int from)
        {
            var depth = 1;
            for (var i = from; i < _text.Length; i++)
            {
                var c = _text[i];
                if (c == '-' && i + 1 < _text.Length && _text[i + 1] == '-')
                {
                    var longEnd = LongBracketEnd(i + 2);
                    if (longEnd >= 0) { i = longEnd; continue; }
                    while (i < _text.Length && _text[i] != '\n') i++;
                    continue;
                }
                if (c == '[')
                {
                    var longEnd = LongBracketEnd(i);
                    if (longEnd >= 0) { i = longEnd; continue; }
                }
                if (c is '"' or '\'')
                {
                    for (i++; i < _text.Length && _text[i] != c; i++)
                        if (_text[i] == '\\') i++;
                    continue;
                }
                if (c == '{') depth++;
                else if (c == '}' && --depth == 0) return i;
            }
            return -1;
        }

        /// <summary>For a Lua long bracket <c>[==[</c> opening at <paramref name="at"/>, the index of the last
        /// character of its closing <c>]==]</c> (the end of the text when it is never closed); -1 if none opens there.</summary>
        private int LongBracketEnd(int at)
        {
            if (at >= _text.Length || _text[at] != '[') return -1;
            var level = 0;
            var i = at + 1;
            while (i < _text.Length && _text[i] == '=') { level++; i++; }
            if (i >= _text.Length || _text[i] != '[') return -1;
            var close = "]" + new string('=', level) + "]";
            var end = _text.IndexOf(close, i + 1, StringComparison.Ordinal);
            return end < 0 ? _text.Length - 1 : end + close.Length - 1;
        }

        /// <summary>
        /// nginx reads the file through a 4096-byte buffer, refilled from where the current token began (its
        /// <c>start</c>). When a refill finds the buffer already full of one token, nginx stops with "too long
        /// parameter" at the line where the token began: a word or a comment line over 4 KiB, or, usually, a quote
        /// that is never closed and swallows the rest of a long file. This replays that arithmetic on the tokens read.
        /// </summary>
        private void CheckBufferLimit()
        {
            if (new UTF8Encoding(false).GetByteCount(_text) <= BufferBytes) return;
            var bytes = new int[_text.Length + 1];
            for (var i = 0; i < _text.Length; i++)
                bytes[i + 1] = bytes[i] + Utf8Length(_text[i]);
            var total = bytes[_text.Length];
            var refill = BufferBytes;
            while (refill < total)
            {
                // The last character nginx has handled when the buffer runs out.
                var last = LastCharBefore(bytes, refill);
                var (start, anchor, index) = TokenStart(bytes, last);
                if (refill - start >= BufferBytes)
                {
                    var token = _tokens[index];
                    var inOpenQuote = token.Kind == TokenKind.QuotedWord && (!token.Closed || last < token.End - 1);
                    var message = inOpenQuote
                        ? $"too long parameter, probably missing terminating {_text[token.Start]} character: the quote opened on line {LineOf(token.Start)} runs past nginx's {BufferBytes}-byte limit"
                        : $"too long parameter \"{Preview(token, anchor)}...\" started: a word or comment longer than nginx's {BufferBytes}-byte buffer";
                    if (inOpenQuote && !token.Closed && _unterminatedQuoteStart == token.Start && _unterminatedQuoteError >= 0)
                        _errors.RemoveAt(_unterminatedQuoteError);
                    _errors.Add((new NginxParseError(message, new TextSpan(anchor, 1)), last));
                    return;
                }
                refill = start + BufferBytes;
            }
        }

        /// <summary>UTF-8 bytes of one UTF-16 unit (a surrogate pair is 4 bytes, counted on its first half).</summary>
        private static int Utf8Length(char c) =>
            c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsHighSurrogate(c) ? 4 : char.IsLowSurrogate(c) ? 0 : 3;

        private static int LastCharBefore(int[] bytes, int offset)
        {
            int lo = 0, hi = bytes.Length - 2;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) / 2;
                if (bytes[mid] < offset) lo = mid; else hi = mid - 1;
            }
            return lo;
        }

        /// <summary>nginx's <c>start</c> after it handled character <paramref name="at"/>, as a byte offset, with the
        /// character whose line it reports and the token holding it.</summary>
        private (int Start, int Anchor, int Index) TokenStart(int[] bytes, int at)
        {
            var index = TokenIndexAt(at);
            var token = _tokens[index];
            switch (token.Kind)
            {
                case TokenKind.Word:
                case TokenKind.Comment:
                    return (bytes[token.Start], token.Start, index);
                case TokenKind.QuotedWord:
                    return (bytes[token.Start] + 1, token.Start, index);
                case TokenKind.Semicolon:
                case TokenKind.OpenBrace:
                case TokenKind.CloseBrace:
                    return (bytes[token.Start] + 1, token.Start, index);
                case TokenKind.Blank:
                    // The blank that ends a word is handled by the word's state; later blanks each move start.
                    if (at == token.Start && index > 0 && _tokens[index - 1].IsWord)
                        return TokenStart(bytes, at - 1);
                    return (bytes[at], at, index);
                default:
                    return (bytes[at], at, index);
            }
        }

        private int TokenIndexAt(int position)
        {
            int lo = 0, hi = _tokens.Count - 1;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) / 2;
                if (_tokens[mid].Start <= position) lo = mid; else hi = mid - 1;
            }
            return lo;
        }

        private string Preview(Lexeme token, int anchor)
        {
            var from = token.Kind == TokenKind.QuotedWord ? anchor + 1 : anchor;
            return _text.Substring(from, Math.Min(10, _text.Length - from)).Replace("\n", "\\n");
        }

        private void Error(int at, int length, string message)
        {
            // One place, one error: '"a"}' is both a bad character after a quote and an unterminated directive.
            if (_errors.Count > 0 && _errors[_errors.Count - 1].DetectedAt == at) return;
            _errors.Add((new NginxParseError(message, new TextSpan(at, Math.Max(0, Math.Min(length, _text.Length - at)))), at));
        }

        private int LineOf(int position) => _file.Text.Lines.GetLineFromPosition(position).LineNumber + 1;
    }
}
