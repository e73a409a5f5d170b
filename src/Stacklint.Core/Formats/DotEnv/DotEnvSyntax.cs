using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.DotEnv;

/// <summary>How a value is written, which decides what Compose does with it.</summary>
public enum DotEnvQuote
{
    /// <summary><c>KEY=value</c>: to the end of the line, cut at <c> #</c>, trimmed, interpolated.</summary>
    None,
    /// <summary><c>KEY='value'</c>: literal, may span lines, never interpolated.</summary>
    Single,
    /// <summary><c>KEY="value"</c>: may span lines, escapes (<c>\n \t \" \\ \$</c> …) processed, then interpolated.</summary>
    Double,
}

/// <summary>One variable a .env file defines (<c>KEY=value</c>, <c>export KEY=value</c>, <c>KEY: value</c>) or
/// passes through from the environment (<c>KEY</c> alone on its line).</summary>
public sealed class DotEnvEntry
{
    public DotEnvEntry(SourceFile file, string key, TextSpan keySpan, string? value, TextSpan valueSpan, DotEnvQuote quote,
        bool isExported, char separator, TextSpan span)
    {
        File = file;
        Key = key;
        KeySpan = keySpan;
        Value = value;
        ValueSpan = valueSpan;
        Quote = quote;
        IsExported = isExported;
        Separator = separator;
        Span = span;
    }

    public SourceFile File { get; }
    /// <summary>The variable name, whitespace around it removed (Compose's keys are case-sensitive).</summary>
    public string Key { get; }
    public TextSpan KeySpan { get; }
    /// <summary>The value as Compose reads it before interpolation: quotes and an unquoted value's inline comment
    /// removed, a double-quoted value's escapes processed (<c>\$</c> becomes <c>$$</c>, which interpolation turns
    /// into a literal <c>$</c>). Null for a pass-through key (<see cref="IsInherited"/>). Never print it: it may be
    /// a secret (see <c>Stacklint.Secrets.SecretMask</c>).</summary>
    public string? Value { get; }
    /// <summary>The value as written: inside the quotes for a quoted value; for an empty value, an empty span
    /// where the value would start.</summary>
    public TextSpan ValueSpan { get; }
    public DotEnvQuote Quote { get; }
    /// <summary>Written with the <c>export </c> prefix (which Compose strips).</summary>
    public bool IsExported { get; }
    /// <summary><c>=</c>, <c>:</c> (Compose's YAML-like form), or <c>'\0'</c> for a pass-through key.</summary>
    public char Separator { get; }
    /// <summary>From <c>export</c> (or the key) to the end of the value, closing quote included.</summary>
    public TextSpan Span { get; }

    /// <summary><c>KEY</c> alone: Compose takes the value from the environment it runs in (and sets nothing
    /// when that has none).</summary>
    public bool IsInherited => Value is null;
    /// <summary>Compose interpolates <c>$VAR</c> and <c>${VAR…}</c> in this value (unquoted and double-quoted).</summary>
    public bool Interpolates => !IsInherited && Quote != DotEnvQuote.Single;
    public bool IsMultiline => Value is not null && Value.IndexOf('\n') >= 0;

    /// <summary>The value Compose ends up with when it refers to no variable (<c>$$</c> read as <c>$</c>), or null
    /// when it does (its outcome depends on other variables) or the key is a pass-through.</summary>
    public string? Literal
    {
        get
        {
            if (Value is null) return null;
            if (!Interpolates || Value.IndexOf('$') < 0) return Value;
            var sb = new StringBuilder(Value.Length);
            for (var i = 0; i < Value.Length; i++)
            {
                if (Value[i] != '$') { sb.Append(Value[i]); continue; }
                if (i + 1 < Value.Length && Value[i + 1] == '$') { sb.Append('$'); i++; continue; }
                return null;
            }
            return sb.ToString();
        }
    }

    public Location Location => File.Location(Span);
    public Location KeyLocation => File.Location(KeySpan);
    /// <summary>The value's place; for an empty value, the key's (a finding needs something to point at).</summary>
    public Location ValueLocation => File.Location(ValueSpan.Length > 0 ? ValueSpan : KeySpan);
    /// <summary>"path:line" for messages.</summary>
    public string Where => File.Describe(KeySpan);

    /// <summary>The key and where it is; never the value.</summary>
    public override string ToString() => $"{Where}: {Key}";
}

/// <summary>Something Compose refuses: it stops reading the file with an error (the whole file then fails to
/// load). It becomes LNT001.</summary>
public sealed record DotEnvParseError(string Message, TextSpan Span);

/// <summary>Kinds of syntax that Compose accepts but other readers of .env files (a shell's <c>source</c> or
/// <c>set -a; . ./.env</c>, <c>docker run --env-file</c>, systemd's EnvironmentFile, dotenv libraries, older Compose
/// releases) read differently.</summary>
public enum DotEnvQuirkKind
{
    SpaceAroundSeparator,
    ColonSeparator,
    KeyCharacters,
    MissingKey,
    ExportMisuse,
    NoValue,
    UnquotedWhitespace,
    UnquotedQuote,
    TextAfterQuote,
    EscapedSingleQuote,
    QuoteSwallowsLines,
    CommentAsValue,
    DollarInSecret,
}

/// <summary>A place where Compose's reading differs from other tools' (ENV007). Messages never quote values.</summary>
public sealed record DotEnvQuirk(DotEnvQuirkKind Kind, string Message, TextSpan Span);

/// <summary>One .env file as Compose reads it.</summary>
public sealed class DotEnvDocument
{
    public DotEnvDocument(SourceFile file, IReadOnlyList<DotEnvEntry> entries, IReadOnlyList<DotEnvParseError> errors,
        IReadOnlyList<DotEnvQuirk> quirks, IReadOnlyList<TextSpan> unreadValues)
    {
        File = file;
        Entries = entries;
        Errors = errors;
        Quirks = quirks;
        UnreadValues = unreadValues;
    }

    public SourceFile File { get; }
    /// <summary>Every entry in file order, duplicates included.</summary>
    public IReadOnlyList<DotEnvEntry> Entries { get; }
    /// <summary>What makes Compose refuse the file. When there is any, Compose loads none of it; the entries are
    /// what could be read around the errors.</summary>
    public IReadOnlyList<DotEnvParseError> Errors { get; }
    public IReadOnlyList<DotEnvQuirk> Quirks { get; }
    /// <summary>The text after the separator of statements that could not be read (an unterminated quote): they
    /// may hold secrets, and reporters must not show them.</summary>
    public IReadOnlyList<TextSpan> UnreadValues { get; }

    /// <summary>The entry Compose uses for <paramref name="key"/>: the last one (a later line overwrites an earlier
    /// one), or null.</summary>
    public DotEnvEntry? Find(string key)
    {
        for (var i = Entries.Count - 1; i >= 0; i--)
            if (string.Equals(Entries[i].Key, key, StringComparison.Ordinal)) return Entries[i];
        return null;
    }

    /// <summary>The variables as Compose ends up with them, last entry per key, in order of first appearance.</summary>
    public IReadOnlyList<DotEnvEntry> Effective()
    {
        var last = new Dictionary<string, DotEnvEntry>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var entry in Entries)
        {
            if (!last.ContainsKey(entry.Key)) order.Add(entry.Key);
            last[entry.Key] = entry;
        }
        return order.Select(k => last[k]).ToList();
    }
}
