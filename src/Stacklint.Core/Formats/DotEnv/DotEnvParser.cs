using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using Sprache;
using Stacklint.Secrets;
using Stacklint.Text;
using static Stacklint.Text.TextParsers;

namespace Stacklint.Formats.DotEnv;

/// <summary>
/// .env files as Docker Compose reads them (compose-go's <c>dotenv</c> package, used for the project <c>.env</c>,
/// <c>--env-file</c> and a service's <c>env_file:</c>). The text is read as a stream of statements, not lines:
/// <list type="bullet">
/// <item>Whitespace (line breaks included) and <c>#</c> comment lines between statements are skipped.</item>
/// <item>A statement may start with <c>export</c> and whitespace, which is dropped.</item>
/// <item>The key runs to <c>=</c>, <c>:</c> (<c>KEY: value</c>, a YAML-like form) or the line break (<c>KEY</c> alone:
/// the value comes from the environment Compose runs in). It may hold letters and digits (any script), <c>_ . - [ ]</c>
/// and blanks; blanks around it are dropped, but an inner space is an error ("key cannot contain a space"), and so is
/// any other character.</item>
/// <item>Blanks after the separator are skipped. A value starting with <c>"</c> or <c>'</c> runs to the same quote not
/// preceded by a backslash, across lines; a double-quoted value's escapes are processed (<c>\n \t \r \" \\ \$</c>,
/// <c>\0ooo</c>…; others stay as written). Anything after the closing quote is read as the next statement. An
/// unquoted value runs to the end of the line, is cut at the first <c> #</c> (space, hash) and trimmed.</item>
/// <item>Unquoted and double-quoted values are interpolated; a <c>$</c> that is neither <c>$$</c>, <c>$NAME</c>
/// nor a well-formed <c>${…}</c> makes Compose refuse the file ("Invalid template").</item>
/// <item>A later key overwrites an earlier one.</item>
/// </list>
/// Compose stops at the first error and loads nothing of the file; this parser reports each error where it is (LNT001)
/// and reads on from the next line, so that the rest of the file is still checked. What Compose accepts but shells,
/// <c>docker run --env-file</c> or older tools read differently is recorded as a quirk (ENV007). Nothing here
/// throws on bad input, and no message quotes a value.
/// </summary>
public static class DotEnvParser
{
    // ---- the lexical grammar: Sprache combinators over TextParsers' primitives, run by the reader from where it is.

    /// <summary>compose-go's <c>isSpace</c>: blanks that are not line breaks.</summary>
    private static bool IsBlank(char c) => c is '\t' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0';

    /// <summary>RE2's <c>\s</c>, as in compose-go's <c>^export\s+</c> (line breaks included, <c>\v</c> not).</summary>
    private static bool IsExportSpace(char c) => c is '\t' or '\n' or '\f' or '\r' or ' ';

    private static bool IsAsciiKeyChar(char c) =>
        c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.' or '-' or '[' or ']';

    /// <summary>Between statements: whitespace of any kind and comment lines.</summary>
    private static readonly Parser<int> Gap =
        Run(char.IsWhiteSpace, "whitespace")
            .Or(One(c => c == '#', "#").Then(_ => Run(c => c != '\n', "comment").Optional()).Return(1))
            .Many().Return(0);

    private static readonly Parser<int> Blanks = Run(IsBlank, "blank");

    private static readonly Parser<int> ExportPrefix =
        from word in Word("export")
        from space in Run(IsExportSpace, "whitespace")
        select word + space;

    /// <summary>The key and the blanks in and around it, up to what decides the statement's form. Characters beyond
    /// ASCII are taken here and judged afterwards, as compose-go judges them (byte by byte).</summary>
    private static readonly Parser<int> KeyRegion = Run(c => IsBlank(c) || IsAsciiKeyChar(c) || c > '\u007F', "variable name");

    /// <summary>A quoted value: true when the closing quote is there. A quote right after a backslash does not close
    /// it (also after <c>\\</c>, as compose-go looks only at the previous character).</summary>
    private static Parser<bool> Quoted(char quote) =>
        from open in One(c => c == quote, quote.ToString())
        from body in Run(c => c != quote && c != '\\', "quoted text")
            .Or(Word("\\" + quote))
            .Or(One(c => c == '\\', "\\"))
            .Many()
        from close in One(c => c == quote, quote.ToString()).Optional()
        select close.IsDefined;

    private static readonly Parser<int> RestOfLine = Run(c => c != '\n', "text").Optional().Select(n => n.GetOrDefault());

    /// <summary>Looks like an assignment at the start of a line (used to spot a quote that swallows following lines).</summary>
    private static readonly Regex AssignmentLine = new(@"^[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*=", RegexOptions.CultureInvariant);

    public static DotEnvDocument Read(SourceFile file) => new Reader(file).Read();

    /// <summary>Without trailing whitespace of any kind (Go's <c>unicode.IsSpace</c>, which .NET's char.IsWhiteSpace matches).</summary>
    private static string TrimEndSpace(string text)
    {
        var end = text.Length;
        while (end > 0 && char.IsWhiteSpace(text[end - 1])) end--;
        return text.Substring(0, end);
    }

    /// <summary>A double-quoted value's escapes, as compose-go's <c>expandEscapes</c> processes them: <c>\a \b \f \n \r
    /// \t \v \" \\</c> become the character, <c>\$</c> becomes <c>$$</c> (a literal <c>$</c> after interpolation),
    /// <c>\0</c> with three octal digits the byte it names; any other backslash stays as written.</summary>
    public static string ExpandEscapes(string raw)
    {
        if (raw.IndexOf('\\') < 0) return raw;
        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\' || i + 1 >= raw.Length) { sb.Append(c); continue; }
            var next = raw[i + 1];
            switch (next)
            {
                case 'a': sb.Append('\a'); i++; continue;
                case 'b': sb.Append('\b'); i++; continue;
                case 'f': sb.Append('\f'); i++; continue;
                case 'n': sb.Append('\n'); i++; continue;
                case 'r': sb.Append('\r'); i++; continue;
                case 't': sb.Append('\t'); i++; continue;
                case 'v': sb.Append('\v'); i++; continue;
                case '"': sb.Append('"'); i++; continue;
                case '\\': sb.Append('\\'); i++; continue;
                case '$': sb.Append("$$"); i++; continue;
                case 'c': sb.Append("\\c"); i++; continue;
                case '0':
                {
                    // "\0" and up to three digits; only exactly three octal digits up to \0377 name a character.
                    var digits = 0;
                    while (digits < 3 && i + 2 + digits < raw.Length && char.IsDigit(raw[i + 2 + digits]) && raw[i + 2 + digits] <= '9') digits++;
                    var text = raw.Substring(i + 2, digits);
                    if (digits == 3 && text.All(d => d <= '7') && Convert.ToInt32(text, 8) <= 255) sb.Append((char)Convert.ToInt32(text, 8));
                    else sb.Append('\\').Append('0').Append(text);
                    i += 1 + digits;
                    continue;
                }
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private sealed class Reader
    {
        private readonly SourceFile _file;
        private readonly string _text;
        private readonly List<DotEnvEntry> _entries = new();
        private readonly List<DotEnvParseError> _errors = new();
        private readonly List<DotEnvQuirk> _quirks = new();
        private readonly List<TextSpan> _unread = new();
        private int _position;

        public Reader(SourceFile file)
        {
            _file = file;
            _text = file.Text.ToString();
            if (_text.Length > 0 && _text[0] == '\uFEFF') _position = 1;
        }

        public DotEnvDocument Read()
        {
            while (true)
            {
                _position = Gap(new TextInput(_text, _position)).Remainder.Position;
                if (_position >= _text.Length) break;
                var before = _position;
                Statement();
                // Every statement consumes something; a defensive guard against a loop on a bug.
                if (_position <= before) _position = LineEnd(before) + 1;
            }
            return new DotEnvDocument(_file, _entries, _errors, _quirks, _unread);
        }

        private void Statement()
        {
            var start = _position;
            var exported = false;
            var export = ExportPrefix(new TextInput(_text, _position));
            if (export.WasSuccessful)
            {
                exported = true;
                var afterWord = _position + "export".Length;
                _position = Skip(Blanks, export.Remainder.Position);
                if (_text.IndexOf('\n', afterWord, _position - afterWord) >= 0)
                    Quirk(DotEnvQuirkKind.ExportMisuse, new TextSpan(start, "export".Length),
                        "`export` ends its line: Compose applies it to the next line's variable, a shell exports nothing here; put `export` and the variable on one line");
                if (_position >= _text.Length)
                {
                    Error(new TextSpan(start, "export".Length), "`export` is followed by no variable (Compose: \"zero length string\")");
                    return;
                }
            }

            var keyStart = _position;
            var regionEnd = Skip(KeyRegion, keyStart);
            var region = _text.Substring(keyStart, regionEnd - keyStart);
            var key = TrimEndSpace(region);
            var keySpan = new TextSpan(keyStart, key.Length);

            if (BadKeyCharacter(region) is int bad)
            {
                var at = keyStart + bad;
                Error(new TextSpan(at, char.IsSurrogate(_text[at]) && at + 1 < _text.Length ? 2 : 1),
                    $"{Describe(at)} cannot appear in a variable name (Compose: \"unexpected character in variable name\")");
                Abandon(at);
                return;
            }

            if (regionEnd >= _text.Length)
            {
                // No '=', ':' or line break before the end: compose-go reads the line as the value of a variable with no
                // name; the key is neither set nor passed through.
                Quirk(DotEnvQuirkKind.NoValue, keySpan.Length > 0 ? keySpan : new TextSpan(keyStart, 0),
                    $"the last line has no `=` and no line break: Compose reads it as a value without a variable name, so `{Safe(key)}` is neither set nor passed through from the environment; write `{Safe(key)}=value`, or end the file with a line break to pass it through");
                _position = regionEnd;
                return;
            }

            var stop = _text[regionEnd];
            if (stop is not ('=' or ':' or '\n'))
            {
                Error(new TextSpan(regionEnd, 1), $"{Describe(regionEnd)} cannot appear in a variable name (Compose: \"unexpected character in variable name\")");
                Abandon(regionEnd);
                return;
            }

            var space = key.IndexOf(' ');
            if (space >= 0)
            {
                Error(new TextSpan(keyStart + space, 1), "a variable name cannot contain a space (Compose: \"key cannot contain a space\")");
                Abandon(regionEnd);
                return;
            }

            if (stop == '\n')
            {
                _position = regionEnd + 1;
                _entries.Add(new DotEnvEntry(_file, key, keySpan, null, new TextSpan(keySpan.End, 0), DotEnvQuote.None, exported, '\0',
                    TextSpan.FromBounds(start, keySpan.End)));
                Quirk(DotEnvQuirkKind.NoValue, keySpan,
                    $"`{Safe(key)}` has no `=`: Compose and `docker run --env-file` pass it through from the environment they run in (and set nothing when it is unset there), a shell runs it as a command; write `{Safe(key)}=value` to set it");
                return;
            }

            CheckKey(key, keySpan, stop, regionEnd);
            var valueStart = Skip(Blanks, regionEnd + 1);
            // KEY: value is YAML-like, where the blank after the colon belongs; `KEY= # note` has its own quirk.
            var spaceBefore = regionEnd > keyStart + key.Length;
            var spaceAfter = stop == '=' && valueStart > regionEnd + 1 && valueStart < _text.Length && _text[valueStart] is not ('\n' or '#');
            if (spaceBefore || spaceAfter)
                Quirk(DotEnvQuirkKind.SpaceAroundSeparator, TextSpan.FromBounds(keySpan.End, Math.Max(regionEnd + 1, Math.Min(valueStart, LineEnd(regionEnd)))),
                    $"spaces around `{stop}` after `{Safe(key)}`: Compose drops them, but a shell reads `KEY =value` as a command and `KEY= value` as an empty KEY followed by a command, and some dotenv libraries keep them; write `{Safe(key)}{stop}value`");

            if (valueStart < _text.Length && _text[valueStart] is '"' or '\'')
                QuotedValue(start, key, keySpan, exported, stop, valueStart);
            else
                UnquotedValue(start, key, keySpan, exported, stop, regionEnd, valueStart);
        }

        private void QuotedValue(int start, string key, TextSpan keySpan, bool exported, char stop, int open)
        {
            var quote = _text[open];
            var result = Quoted(quote)(new TextInput(_text, open));
            var end = result.Remainder.Position;
            if (!result.Value)
            {
                // compose-go: "unterminated quoted value" — and it refuses the whole file.
                Error(new TextSpan(open, 1), $"the {(quote == '"' ? "double" : "single")}-quoted value of `{Safe(key)}` is never closed (Compose: \"unterminated quoted value\"), so Compose refuses the file; close the quote, or escape a quote that belongs to the value");
                _unread.Add(TextSpan.FromBounds(open + 1, LineEnd(open)));
                _position = LineEnd(open) + 1;
                return;
            }
            var close = end - 1;
            var raw = _text.Substring(open + 1, close - open - 1);
            var kind = quote == '"' ? DotEnvQuote.Double : DotEnvQuote.Single;
            var value = kind == DotEnvQuote.Double ? ExpandEscapes(raw) : raw;
            var valueSpan = TextSpan.FromBounds(open + 1, close);
            _entries.Add(new DotEnvEntry(_file, key, keySpan, value, valueSpan, kind, exported, stop, TextSpan.FromBounds(start, end)));
            _position = end;

            if (kind == DotEnvQuote.Double) CheckTemplate(open + 1, raw, escapes: true);
            if (kind == DotEnvQuote.Single && raw.Contains("\\'"))
                Quirk(DotEnvQuirkKind.EscapedSingleQuote, valueSpan,
                    $"`\\'` inside the single-quoted value of `{Safe(key)}`: Compose keeps the backslash and reads on to the next quote, a shell ends the value at that quote; use double quotes around a value that holds `'`");
            if (raw.IndexOf('\n') >= 0)
            {
                var lines = raw.Split('\n');
                for (var i = 1; i < lines.Length; i++)
                {
                    if (!AssignmentLine.IsMatch(lines[i])) continue;
                    Quirk(DotEnvQuirkKind.QuoteSwallowsLines, new TextSpan(open, 1),
                        $"the quoted value of `{Safe(key)}` runs on to line {LineOf(close)}, through line {LineOf(open) + i}, which looks like an assignment: Compose reads those lines as part of the value and sets none of them; close the quote where the value ends (a quote right after a backslash does not close it)");
                    break;
                }
            }

            // compose-go reads what follows the closing quote as the next statement; shells join it to the value.
            var after = Skip(Blanks, end);
            if (after < _text.Length && _text[after] is not ('\n' or '#'))
                Quirk(DotEnvQuirkKind.TextAfterQuote, TextSpan.FromBounds(after, LineEnd(after)),
                    $"text after the closing quote of `{Safe(key)}`: Compose reads it as another variable, a shell appends it to the value; put it inside the quotes or on its own line");
        }

        private void UnquotedValue(int start, string key, TextSpan keySpan, bool exported, char stop, int separator, int valueStart)
        {
            var lineEnd = Skip(RestOfLine, valueStart);
            var raw = _text.Substring(valueStart, lineEnd - valueStart);
            var comment = raw.IndexOf(" #", StringComparison.Ordinal);
            var value = TrimEndSpace(comment >= 0 ? raw.Substring(0, comment) : raw);
            var valueSpan = new TextSpan(valueStart, value.Length);
            _entries.Add(new DotEnvEntry(_file, key, keySpan, value, valueSpan, DotEnvQuote.None, exported, stop,
                TextSpan.FromBounds(start, valueSpan.Length > 0 ? valueSpan.End : separator + 1)));
            _position = lineEnd;

            if (value.Length == 0) return;
            CheckTemplate(valueStart, value, escapes: false);
            var tabComment = value.IndexOf("\t#", StringComparison.Ordinal);
            if (tabComment >= 0)
                Quirk(DotEnvQuirkKind.CommentAsValue, valueSpan,
                    $"a tab before `#` in the value of `{Safe(key)}`: Compose starts an inline comment only at a space followed by `#`, so the comment is part of the value; put a space before `#`");
            else if (value[0] == '#' && valueStart > separator + 1)
                Quirk(DotEnvQuirkKind.CommentAsValue, valueSpan,
                    $"`{Safe(key)}=` is followed by blanks and `#`: Compose reads the comment as the value, a shell sets an empty value; write `{Safe(key)}=` alone, or quote a value that starts with `#`");
            else if (value.IndexOf(' ') >= 0 || value.IndexOf('\t') >= 0)
                Quirk(DotEnvQuirkKind.UnquotedWhitespace, valueSpan,
                    $"the value of `{Safe(key)}` holds blanks without quotes: Compose keeps them, a shell runs the rest of the line as a command; quote the value");
            if (value.IndexOf('"') >= 0 || value.IndexOf('\'') >= 0)
                Quirk(DotEnvQuirkKind.UnquotedQuote, valueSpan,
                    $"the unquoted value of `{Safe(key)}` holds a quote character: Compose keeps it as written, a shell pairs or strips quotes (and fails on an unbalanced one); quote the whole value with the other kind of quote");
        }

        /// <summary>Key forms Compose accepts and other readers do not.</summary>
        private void CheckKey(string key, TextSpan keySpan, char stop, int separator)
        {
            if (key.Length == 0)
            {
                Quirk(DotEnvQuirkKind.MissingKey, new TextSpan(separator, 1),
                    $"a value without a variable name: Compose stores it under an empty name that nothing can use; a shell fails on the line; add the name before `{stop}`");
                return;
            }
            if (stop == ':')
                Quirk(DotEnvQuirkKind.ColonSeparator, new TextSpan(separator, 1),
                    $"`{Safe(key)}: value` is Compose's YAML-like form: shells, `docker run --env-file` and most dotenv libraries need `{Safe(key)}=value`");
            if (!(key[0] is '_' or >= 'A' and <= 'Z' or >= 'a' and <= 'z') || key.Any(c => !(c is '_' or >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9')))
                Quirk(DotEnvQuirkKind.KeyCharacters, keySpan,
                    $"`{Safe(key)}` is not a portable variable name: Compose accepts it, but shells (and so scripts and entrypoints that read the variable) need letters, digits and `_`, not starting with a digit");
        }

        /// <summary>Where a <c>$</c> in an interpolated value is not one that Compose's template syntax accepts: <c>$$</c>,
        /// <c>$NAME</c>, or <c>${NAME}</c> optionally with <c>:-</c> <c>-</c> <c>:?</c> <c>?</c> <c>:+</c> <c>+</c> and a
        /// closing brace. Compose then refuses the file ("Invalid template").</summary>
        private void CheckTemplate(int origin, string value, bool escapes)
        {
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (escapes && c == '\\') { i++; continue; }
                if (c != '$') continue;
                if (i + 1 < value.Length && value[i + 1] == '$') { i++; continue; }
                if (i + 1 < value.Length && IsNameStart(value[i + 1])) continue;
                if (i + 1 < value.Length && value[i + 1] == '{' && ValidBraced(value, i + 2)) continue;
                Error(new TextSpan(origin + i, 1),
                    "this `$` starts no variable reference that Compose understands (Compose: \"Invalid template\"), so Compose refuses the file; write `$$` for a literal `$`, or single-quote the value");
                return;
            }
        }

        private static bool IsNameStart(char c) => c == '_' || c is >= 'A' and <= 'Z' or >= 'a' and <= 'z';

        private static bool ValidBraced(string value, int at)
        {
            if (at >= value.Length || !IsNameStart(value[at])) return false;
            var j = at + 1;
            while (j < value.Length && (IsNameStart(value[j]) || value[j] is >= '0' and <= '9')) j++;
            if (j >= value.Length) return false;
            if (value[j] == '}') return true;
            if (value[j] == ':') j++;
            if (j >= value.Length || value[j] is not ('-' or '?' or '+')) return false;
            return value.IndexOf('}', j + 1) >= 0;
        }

        /// <summary>The first character in the key region that compose-go refuses. It reads the key byte by byte and
        /// takes each byte as a character of its own: a byte that is a Latin-1 letter or digit (or one of its blanks,
        /// U+0085 and U+00A0) passes, so most accented Latin letters are accepted, while letters whose UTF-8 form has
        /// a byte from 0x80–0x9F (other than 0x85), or a Latin-1 symbol, are refused.</summary>
        private static int? BadKeyCharacter(string region)
        {
            for (var i = 0; i < region.Length; i++)
            {
                var c = region[i];
                if (c <= '\u007F') continue;
                var length = char.IsHighSurrogate(c) && i + 1 < region.Length && char.IsLowSurrogate(region[i + 1]) ? 2 : 1;
                var bytes = Encoding.UTF8.GetBytes(region.Substring(i, length));
                foreach (var b in bytes)
                {
                    var latin1 = (char)b;
                    if (b is 0x85 or 0xA0 || char.IsLetter(latin1) || char.IsNumber(latin1)) continue;
                    return i;
                }
                i += length - 1;
            }
            return null;
        }

        /// <summary>After an error, reading goes on at the next line (Compose would have stopped). The rest of the line
        /// after a separator may be a value, so reporters must not show it.</summary>
        private void Abandon(int at)
        {
            var end = LineEnd(at);
            var separator = _text.IndexOfAny(new[] { '=', ':' }, at, end - at);
            if (separator >= 0 && separator + 1 < end) _unread.Add(TextSpan.FromBounds(separator + 1, end));
            _position = end + 1;
        }

        private int Skip(Parser<int> parser, int from)
        {
            var result = parser(new TextInput(_text, from));
            return result.WasSuccessful ? result.Remainder.Position : from;
        }

        private int LineEnd(int from)
        {
            var newline = from < _text.Length ? _text.IndexOf('\n', from) : -1;
            return newline < 0 ? _text.Length : newline;
        }

        private int LineOf(int position) => _file.Text.Lines.GetLineFromPosition(position).LineNumber + 1;

        private string Describe(int at)
        {
            var c = _text[at];
            if (c == '\t') return "a tab";
            if (char.IsControl(c)) return $"the control character U+{(int)c:X4}";
            if (char.IsSurrogate(c) && at + 1 < _text.Length) return $"`{_text.Substring(at, 2)}`";
            return c == '`' ? "a backquote" : $"`{c}`";
        }

        /// <summary>A key as it may appear in a message: keys are names, not values, but a line that is one long random
        /// word (a line of a key block, a secret pasted alone, what an unclosed quote left behind) is no name.</summary>
        private static string Safe(string key) =>
            key.Length > 40 || Entropy.LooksRandom(key, minLength: 16, minBits: 3.5) ? "KEY" : key;

        private void Error(TextSpan span, string message)
        {
            if (_errors.Count > 0 && _errors[_errors.Count - 1].Span.Start == span.Start) return;
            _errors.Add(new DotEnvParseError(message, span));
        }

        private void Quirk(DotEnvQuirkKind kind, TextSpan span, string message) => _quirks.Add(new DotEnvQuirk(kind, message, span));
    }
}
