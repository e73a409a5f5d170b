using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Sprache;
using Stacklint.Text;
using static Stacklint.Text.TextParsers;

namespace Stacklint.Formats.Fail2ban;

/// <summary>
/// fail2ban's INI dialect, read exactly as fail2ban 1.0.2 reads a file: Python 3.11's <c>configparser</c> in strict mode
/// with <c>inline_comment_prefixes=";"</c> (fail2ban's <c>SafeConfigParserWithIncludes</c>), one file at a time:
/// <list type="bullet">
/// <item>Lines end at <c>\n</c>, <c>\r\n</c> or <c>\r</c> (Python's universal newlines).</item>
/// <item>A line whose stripped text starts with <c>#</c> or <c>;</c> is a comment. Elsewhere a <c>;</c> at the start of
/// the line or after whitespace starts an inline comment; <c>#</c> does not (<c>findtime = 10m # x</c> has the value
/// <c>10m # x</c>).</item>
/// <item>A line indented deeper than the line that started the current option continues its value (even one that looks
/// like <c>key = value</c> or <c>[section]</c>); a blank line inside a value is kept as an empty line, and trailing
/// blank lines are dropped.</item>
/// <item><c>[name]</c> starts a section (the name runs to the last <c>]</c> of the line and is case-sensitive);
/// <c>name = value</c> or <c>name: value</c> (the first <c>=</c> or <c>:</c> separates) is an option; option names are
/// lower-cased.</item>
/// <item>Fatal, as fail2ban refuses to start: a line that is neither (<c>Source contains parsing errors</c>), an option
/// before any section (<c>File contains no section headers</c>), a section or an option written twice in one file
/// (<c>… already exists</c>; [DEFAULT] itself may be repeated), and a UTF-8 byte order mark (fail2ban opens files as
/// <c>utf-8</c>, not <c>utf-8-sig</c>, so the mark is text before the first section).</item>
/// </list>
/// Each error is reported where it is and reading goes on, so that one run shows every problem. Never throws.
/// </summary>
public static class Fail2banParser
{
    public const string DefaultSection = "DEFAULT";

    /// <summary>Python's <c>str.isspace</c> (and <c>\s</c> in its regular expressions): what <c>strip()</c> removes.</summary>
    public static bool IsPythonSpace(char c) =>
        c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or '\x1c' or '\x1d' or '\x1e' or '\x1f' or '\x85' or '\xa0'
            or '\u1680' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' || (c >= '\u2000' && c <= '\u200a');

    /// <summary>Python's <c>str.strip()</c>.</summary>
    public static string Strip(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsPythonSpace(text[start])) start++;
        while (end > start && IsPythonSpace(text[end - 1])) end--;
        return text.Substring(start, end - start);
    }

    /// <summary>configparser's <c>optionxform</c>: option names are stored lower-cased.</summary>
    public static string FoldOptionName(string name) => name.ToLowerInvariant();

    /// <summary>configparser's <c>_join_multiline_values</c>: lines joined with <c>\n</c>, then <c>rstrip()</c>.</summary>
    public static string JoinValue(IReadOnlyList<Fail2banValueLine> lines)
    {
        var joined = string.Join("\n", lines.Select(l => l.Text));
        var end = joined.Length;
        while (end > 0 && IsPythonSpace(joined[end - 1])) end--;
        return joined.Substring(0, end);
    }

    // ---- the line grammar, run on a line's text once comments are cut off and it is stripped.

    /// <summary><c>[</c>, then the rest of the line; the name ends at the line's last <c>]</c> (configparser's
    /// <c>\[(?P&lt;header&gt;.+)\]</c>, matched at the start only: text after that <c>]</c> is ignored).</summary>
    private static readonly Parser<int> SectionHeader =
        from open in One(c => c == '[', "[")
        from rest in Run(_ => true, "section name")
        select rest;

    /// <summary>The option name: everything before the first <c>=</c> or <c>:</c> (it may be empty: an error).</summary>
    private static readonly Parser<int> OptionName =
        Run(c => c != '=' && c != ':', "option name").Optional().Select(n => n.GetOrElse(0));

    private static readonly Parser<int> Separator = One(c => c is '=' or ':', "'=' or ':'");

    /// <summary><c>name = value</c>: the value is the offset of the separator (the name runs up to it, blanks included).</summary>
    private static readonly Parser<int> OptionLine =
        from name in OptionName
        from separator in Separator
        select name;

    public static Fail2banDocument Read(SourceFile file, bool byteOrderMark = false) => new Reader(file, byteOrderMark).Read();

    private sealed class SectionBuilder
    {
        public SectionBuilder(string name, TextSpan header, TextSpan nameSpan, bool kept)
        {
            Name = name;
            Header = header;
            NameSpan = nameSpan;
            Kept = kept;
        }

        public string Name { get; }
        public TextSpan Header { get; }
        public TextSpan NameSpan { get; }
        /// <summary>False for a section written a second time: an error, left out of the document.</summary>
        public bool Kept { get; }
        public List<OptionBuilder> Options { get; } = new();
    }

    private sealed class OptionBuilder
    {
        public OptionBuilder(string writtenName, TextSpan nameSpan, TextSpan separator, bool kept)
        {
            WrittenName = writtenName;
            NameSpan = nameSpan;
            Separator = separator;
            Kept = kept;
        }

        public string WrittenName { get; }
        public TextSpan NameSpan { get; }
        public TextSpan Separator { get; }
        public bool Kept { get; }
        public List<Fail2banValueLine> Lines { get; } = new();
    }

    private sealed class Reader
    {
        private readonly SourceFile _file;
        private readonly string _text;
        private readonly bool _byteOrderMark;
        private readonly List<SectionBuilder> _sections = new();
        private readonly List<Fail2banParseError> _errors = new();
        // configparser's elements_added: sections and (section, option) pairs met in this file, with where they were.
        private readonly Dictionary<string, TextSpan> _sectionsAdded = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Section, string Option), TextSpan> _optionsAdded = new();

        public Reader(SourceFile file, bool byteOrderMark)
        {
            _file = file;
            _text = file.Text.ToString();
            _byteOrderMark = byteOrderMark;
        }

        public Fail2banDocument Read()
        {
            SectionBuilder? section = null;
            OptionBuilder? option = null;
            var indentLevel = 0;
            var position = 0;
            if (_byteOrderMark || (_text.Length > 0 && _text[0] == '\uFEFF'))
            {
                // configparser sees "\ufeff" as text on the first line: not blank, not a comment, not a section.
                _errors.Add(new Fail2banParseError(
                    "the file starts with a UTF-8 byte order mark, which fail2ban reads as text before the first [section]; save it as UTF-8 without BOM",
                    "File contains no section headers", new TextSpan(0, 0)));
                if (_text.Length > 0 && _text[0] == '\uFEFF') position = 1;
            }

            while (position < _text.Length)
            {
                var lineStart = position;
                var lineEnd = lineStart;
                while (lineEnd < _text.Length && _text[lineEnd] != '\n' && _text[lineEnd] != '\r') lineEnd++;
                position = lineEnd < _text.Length && _text[lineEnd] == '\r' && lineEnd + 1 < _text.Length && _text[lineEnd + 1] == '\n'
                    ? lineEnd + 2 : lineEnd + 1;
                var line = _text.Substring(lineStart, lineEnd - lineStart);

                var commentStart = CommentStart(line);
                var cut = commentStart ?? line.Length;
                var contentStart = 0;
                while (contentStart < cut && IsPythonSpace(line[contentStart])) contentStart++;
                var contentEnd = cut;
                while (contentEnd > contentStart && IsPythonSpace(line[contentEnd - 1])) contentEnd--;
                if (contentEnd == contentStart)
                {
                    // A blank line belongs to the value being read (unless it held a comment); it ends nothing.
                    if (commentStart is null && section is not null && option is not null)
                        option.Lines.Add(new Fail2banValueLine("", new TextSpan(lineStart, 0)));
                    continue;
                }
                var content = line.Substring(contentStart, contentEnd - contentStart);
                var contentSpan = new TextSpan(lineStart + contentStart, content.Length);
                var indent = 0;
                while (indent < line.Length && IsPythonSpace(line[indent])) indent++;

                if (section is not null && option is not null && indent > indentLevel)
                {
                    option.Lines.Add(new Fail2banValueLine(content, contentSpan));
                    continue;
                }
                indentLevel = indent;

                if (TrySectionHeader(content, contentSpan) is { } header)
                {
                    section = StartSection(header.Name, header.HeaderSpan, header.NameSpan);
                    option = null;
                    continue;
                }
                if (section is null)
                {
                    _errors.Add(new Fail2banParseError(
                        $"`{Shorten(content)}` comes before the first [section] header", "File contains no section headers", contentSpan));
                    continue;
                }
                option = ReadOption(section, content, contentSpan, option);
            }

            var sections = _sections.Where(s => s.Kept).Select(s => new Fail2banSection(_file, s.Name, s.Header, s.NameSpan,
                s.Options.Where(o => o.Kept).Select(o => new Fail2banOption(_file, s.Name, o.WrittenName, o.NameSpan, o.Separator, o.Lines)).ToList()))
                .ToList();
            return new Fail2banDocument(_file, sections, _errors);
        }

        /// <summary>Where configparser cuts the line: 0 for a comment line, the first <c>;</c> at the start or after
        /// whitespace, or null.</summary>
        private static int? CommentStart(string line)
        {
            int? start = null;
            for (var i = 0; i < line.Length; i++)
                if (line[i] == ';' && (i == 0 || IsPythonSpace(line[i - 1]))) { start = i; break; }
            var first = 0;
            while (first < line.Length && IsPythonSpace(line[first])) first++;
            if (first < line.Length && line[first] is '#' or ';') start = 0;
            return start;
        }

        private static (string Name, TextSpan HeaderSpan, TextSpan NameSpan)? TrySectionHeader(string content, TextSpan contentSpan)
        {
            var result = SectionHeader(new TextInput(content, 0));
            if (!result.WasSuccessful) return null;
            var close = content.LastIndexOf(']');
            if (close < 2) return null;
            return (content.Substring(1, close - 1), new TextSpan(contentSpan.Start, close + 1), new TextSpan(contentSpan.Start + 1, close - 1));
        }

        private SectionBuilder StartSection(string name, TextSpan header, TextSpan nameSpan)
        {
            var kept = true;
            if (name != DefaultSection)
            {
                if (_sectionsAdded.TryGetValue(name, out var first))
                {
                    _errors.Add(new Fail2banParseError(
                        $"section [{name}] is written a second time in this file (first at line {LineOf(first)}); fail2ban accepts a section once per file",
                        $"section {PythonText.Repr(name)} already exists", header));
                    kept = false;
                }
                else _sectionsAdded[name] = header;
            }
            var builder = new SectionBuilder(name, header, nameSpan, kept);
            _sections.Add(builder);
            return builder;
        }

        private OptionBuilder? ReadOption(SectionBuilder section, string content, TextSpan contentSpan, OptionBuilder? previous)
        {
            var result = OptionLine(new TextInput(content, 0));
            if (!result.WasSuccessful)
            {
                _errors.Add(new Fail2banParseError(
                    $"`{Shorten(content)}` is neither a [section] header nor an option (`name = value` or `name: value`); to continue the previous value, indent the line",
                    "Source contains parsing errors", contentSpan));
                // configparser keeps the option it was reading: deeper-indented lines after this one still continue it.
                return previous;
            }
            var separatorAt = result.Value;
            var nameEnd = separatorAt;
            while (nameEnd > 0 && IsPythonSpace(content[nameEnd - 1])) nameEnd--;
            var name = content.Substring(0, nameEnd);
            var separator = new TextSpan(contentSpan.Start + separatorAt, 1);
            if (name.Length == 0)
            {
                _errors.Add(new Fail2banParseError(
                    $"`{Shorten(content)}` has no option name before `{content[separatorAt]}`", "Source contains parsing errors", contentSpan));
                return null;
            }
            var nameSpan = new TextSpan(contentSpan.Start, nameEnd);
            var folded = FoldOptionName(name);
            var kept = section.Kept;
            // In a section written twice the section itself is the error; its options are not reported again.
            if (kept && _optionsAdded.TryGetValue((section.Name, folded), out var first))
            {
                _errors.Add(new Fail2banParseError(
                    $"option `{folded}` is set a second time in [{section.Name}] of this file (first at line {LineOf(first)}); fail2ban accepts an option once per section and file",
                    $"option {PythonText.Repr(folded)} in section {PythonText.Repr(section.Name)} already exists", nameSpan));
                kept = false;
            }
            else if (kept) _optionsAdded[(section.Name, folded)] = nameSpan;

            var valueStart = separatorAt + 1;
            while (valueStart < content.Length && IsPythonSpace(content[valueStart])) valueStart++;
            var option = new OptionBuilder(name, nameSpan, separator, kept);
            option.Lines.Add(new Fail2banValueLine(content.Substring(valueStart), new TextSpan(contentSpan.Start + valueStart, content.Length - valueStart)));
            section.Options.Add(option);
            return option;
        }

        private int LineOf(TextSpan span) => _file.Text.Lines.GetLineFromPosition(span.Start).LineNumber + 1;

        private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
