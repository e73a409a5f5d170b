using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.Fail2ban;

/// <summary>One physical line of an option's value: the first line's text after the separator, or a continuation line,
/// as configparser keeps it (stripped, inline <c>;</c> comment removed). A blank line inside a value is kept as an
/// empty piece (configparser joins the pieces with line breaks and drops trailing blank ones).</summary>
public sealed record Fail2banValueLine(string Text, TextSpan Span);

/// <summary>One option of a section as written: <c>name = value</c> or <c>name: value</c>, with its continuation lines.</summary>
public sealed class Fail2banOption
{
    internal Fail2banOption(SourceFile file, string section, string writtenName, TextSpan nameSpan, TextSpan separatorSpan,
        IReadOnlyList<Fail2banValueLine> lines)
    {
        File = file;
        Section = section;
        WrittenName = writtenName;
        Name = Fail2banParser.FoldOptionName(writtenName);
        NameSpan = nameSpan;
        SeparatorSpan = separatorSpan;
        Lines = lines;
        Value = Fail2banParser.JoinValue(lines);
        var written = lines.Where(l => l.Text.Length > 0).ToList();
        ValueSpan = written.Count == 0
            ? new TextSpan(lines.Count > 0 ? lines[0].Span.Start : separatorSpan.End, 0)
            : TextSpan.FromBounds(written[0].Span.Start, written[written.Count - 1].Span.End);
    }

    public SourceFile File { get; }
    /// <summary>The section it was written in, as written (<c>DEFAULT</c> for [DEFAULT]).</summary>
    public string Section { get; }
    /// <summary>The option name as configparser stores it: lower-cased (<c>MaxRetry</c> is <c>maxretry</c>).</summary>
    public string Name { get; }
    public string WrittenName { get; }
    public TextSpan NameSpan { get; }
    /// <summary>The <c>=</c> or <c>:</c>.</summary>
    public TextSpan SeparatorSpan { get; }
    /// <summary>The value's lines: the first line's text, then each continuation line (empty for a blank line).</summary>
    public IReadOnlyList<Fail2banValueLine> Lines { get; }
    /// <summary>The raw value (before <c>%(name)s</c> interpolation): the lines joined with <c>\n</c>, trailing blank ones
    /// dropped, as configparser gives it.</summary>
    public string Value { get; }
    /// <summary>From the first character of the value to the last (an empty span after the separator for an empty value).</summary>
    public TextSpan ValueSpan { get; }
    /// <summary>From the name to the end of the value.</summary>
    public TextSpan Span => TextSpan.FromBounds(NameSpan.Start, Math.Max(ValueSpan.End, SeparatorSpan.End));
    /// <summary>The value goes on over indented continuation lines.</summary>
    public bool IsContinued => Lines.Count > 1;
    public Location Location => File.Location(Span);
    /// <summary>"path:line" for messages.</summary>
    public string Where => File.Describe(NameSpan);

    /// <summary>The place in the file of <paramref name="length"/> characters at <paramref name="index"/> of
    /// <see cref="Value"/> (within one line of the value), or the whole value's span when they cross a line break.</summary>
    public TextSpan SpanOf(int index, int length)
    {
        var offset = 0;
        foreach (var line in Lines)
        {
            if (index >= offset && index + length <= offset + line.Text.Length)
                return new TextSpan(line.Span.Start + index - offset, length);
            offset += line.Text.Length + 1;
        }
        return ValueSpan;
    }

    public override string ToString() => $"{Where}: {WrittenName} = {Value}";
}

/// <summary>A <c>[name]</c> block of one file and the options written in it.</summary>
public sealed class Fail2banSection
{
    internal Fail2banSection(SourceFile file, string name, TextSpan headerSpan, TextSpan nameSpan, IReadOnlyList<Fail2banOption> options)
    {
        File = file;
        Name = name;
        HeaderSpan = headerSpan;
        NameSpan = nameSpan;
        Options = options;
    }

    public SourceFile File { get; }
    /// <summary>As written; section names are case-sensitive (<c>[default]</c> is not <c>[DEFAULT]</c>).</summary>
    public string Name { get; }
    /// <summary>The header from <c>[</c> to <c>]</c>.</summary>
    public TextSpan HeaderSpan { get; }
    public TextSpan NameSpan { get; }
    public IReadOnlyList<Fail2banOption> Options { get; }
    public bool IsDefault => Name == Fail2banParser.DefaultSection;
    public Location Location => File.Location(HeaderSpan);
    public string Where => File.Describe(HeaderSpan);

    public override string ToString() => $"{Where}: [{Name}]";
}

/// <summary>What makes fail2ban refuse a file, at an exact place (it becomes LNT001).</summary>
/// <param name="Message">What is wrong, in our words.</param>
/// <param name="Fail2banSays">What fail2ban prints for it (configparser's error), for the message.</param>
public sealed record Fail2banParseError(string Message, string Fail2banSays, TextSpan Span);

/// <summary>One fail2ban configuration file as written (jail.conf, jail.d/*.local, paths-*.conf, fail2ban.conf …), before
/// the layers are merged. Sections are listed in file order; a [DEFAULT] written twice is two entries (configparser
/// allows that); a section or option written twice is an error (and only its first occurrence is kept here).</summary>
public sealed class Fail2banDocument
{
    internal Fail2banDocument(SourceFile file, IReadOnlyList<Fail2banSection> sections, IReadOnlyList<Fail2banParseError> errors)
    {
        File = file;
        Sections = sections;
        Errors = errors;
    }

    public SourceFile File { get; }
    public IReadOnlyList<Fail2banSection> Sections { get; }
    public IReadOnlyList<Fail2banParseError> Errors { get; }

    /// <summary>The options of every block named <paramref name="section"/>, in file order.</summary>
    public IEnumerable<Fail2banOption> OptionsOf(string section) =>
        Sections.Where(s => s.Name == section).SelectMany(s => s.Options);
}
