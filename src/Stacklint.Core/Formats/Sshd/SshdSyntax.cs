using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.Sshd;

/// <summary>One argument of a directive, unquoted and unescaped as sshd's <c>argv_split</c> does it.</summary>
public sealed record SshdArgument(string Value, TextSpan Span);

/// <summary>One non-comment line of an sshd_config file: <c>Keyword value...</c> or <c>Keyword=value</c>.</summary>
public sealed class SshdDirective
{
    public SshdDirective(SourceFile file, string keyword, TextSpan keywordSpan, IReadOnlyList<SshdArgument> arguments, TextSpan span)
    {
        File = file;
        Keyword = keyword;
        KeywordSpan = keywordSpan;
        Arguments = arguments;
        Span = span;
    }

    public SourceFile File { get; }
    /// <summary>The keyword as written (sshd compares keywords case-insensitively).</summary>
    public string Keyword { get; }
    public TextSpan KeywordSpan { get; }
    public IReadOnlyList<SshdArgument> Arguments { get; }
    /// <summary>From the keyword to the end of the last argument.</summary>
    public TextSpan Span { get; }

    public IReadOnlyList<string> Values => Arguments.Select(a => a.Value).ToList();
    public string ValueText => string.Join(" ", Arguments.Select(a => a.Value));
    public bool Is(string keyword) => string.Equals(Keyword, keyword, StringComparison.OrdinalIgnoreCase);
    public Location Location => File.Location(Span);
    /// <summary>"path:line" for messages.</summary>
    public string Where => File.Describe(Span);

    public override string ToString() => $"{Where}: {Keyword} {ValueText}";
}

/// <summary>A parse problem at an exact place (it becomes LNT001).</summary>
public sealed record SshdParseError(string Message, TextSpan Span);

/// <summary>One sshd_config file as written, before includes are followed.</summary>
public sealed class SshdDocument
{
    public SshdDocument(SourceFile file, IReadOnlyList<SshdDirective> directives, IReadOnlyList<SshdParseError> errors)
    {
        File = file;
        Directives = directives;
        Errors = errors;
    }

    public SourceFile File { get; }
    public IReadOnlyList<SshdDirective> Directives { get; }
    public IReadOnlyList<SshdParseError> Errors { get; }
}
