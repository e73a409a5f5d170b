using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Formats.Sshd;

public enum SshdKeywordStatus
{
    Supported,
    /// <summary>sshd logs "Deprecated option X" and ignores the line.</summary>
    Deprecated,
    /// <summary>sshd logs "Unsupported option X" (feature not compiled in or removed) and ignores the line.</summary>
    Unsupported,
}

/// <summary>How sshd reads a keyword's arguments (servconf.c), which decides what SSH021 rejects and how the value prints.</summary>
public enum SshdValueKind
{
    /// <summary>yes/no, any case.</summary>
    Flag,
    /// <summary>One word out of a fixed set (servconf.c's multistate tables).</summary>
    Choice,
    /// <summary>A non-negative int (atoi_err).</summary>
    Integer,
    /// <summary>1–65535 (a2port).</summary>
    Port,
    /// <summary>A convtime() interval, printed in seconds.</summary>
    Time,
    /// <summary>A convtime() interval or "none"; 0 also prints as none.</summary>
    TimeOrNone,
    /// <summary>An algorithm list with optional +/-/^ prefix.</summary>
    Algorithms,
    /// <summary>MaxStartups: <c>start:rate:full</c> or a single number.</summary>
    Startups,
    /// <summary>Exactly one free-form word (a path, a user name, a spec sshd checks elsewhere).</summary>
    Word,
    /// <summary>One word sshd reformats when it prints it (octal masks, prefix lengths); not compared with sshd -T.</summary>
    Spec,
    /// <summary>One or two words.</summary>
    Pair,
    /// <summary>Any number of words, at least one.</summary>
    Words,
    /// <summary>Ignored by sshd (deprecated or unsupported): anything goes.</summary>
    Ignored,
}

/// <summary>One sshd_config keyword as OpenSSH 9.2 (Debian 9.2p1) knows it.</summary>
public sealed class SshdKeyword
{
    private readonly IReadOnlyDictionary<string, string>? _choices;
    private readonly bool _choicesIgnoreCase;
    private readonly bool _dumped;

    internal SshdKeyword(string name, SshdValueKind kind, bool allowedInMatch, string? @default,
        SshdKeywordStatus status = SshdKeywordStatus.Supported, string? aliasOf = null, bool accumulates = false,
        SshdAlgorithmKind? algorithms = null, IReadOnlyDictionary<string, string>? choices = null, bool choicesIgnoreCase = true,
        bool lastWins = false, bool dumped = true)
    {
        Name = name;
        Kind = kind;
        AllowedInMatch = allowedInMatch;
        Default = @default;
        Status = status;
        AliasOf = aliasOf;
        Accumulates = accumulates;
        LastWins = lastWins;
        _dumped = dumped;
        Algorithms = algorithms;
        _choices = choices;
        _choicesIgnoreCase = choicesIgnoreCase;
    }

    /// <summary>The spelling of sshd_config(5).</summary>
    public string Name { get; }
    public SshdValueKind Kind { get; }
    /// <summary>The key <c>sshd -T</c> prints the value under; null when it prints none (ignored or alias keywords).</summary>
    public string? DumpName => _dumped && Status == SshdKeywordStatus.Supported && AliasOf is null && Kind != SshdValueKind.Ignored ? Name.ToLowerInvariant() : null;
    /// <summary>False for keywords sshd refuses inside a Match block.</summary>
    public bool AllowedInMatch { get; }
    /// <summary>Every line adds to the value (Port, ListenAddress, AllowUsers…) instead of the first one winning.</summary>
    public bool Accumulates { get; }
    /// <summary>One of the few keywords servconf.c overwrites on every line (MaxStartups, IPQoS…): the last line wins.</summary>
    public bool LastWins { get; }
    public SshdKeywordStatus Status { get; }
    /// <summary>For an old spelling sshd still accepts (ChallengeResponseAuthentication), the keyword it sets.</summary>
    public string? AliasOf { get; }
    public SshdAlgorithmKind? Algorithms { get; }
    /// <summary>The value <c>sshd -T</c> prints when the keyword is not set (null where it prints nothing).</summary>
    public string? Default { get; }

    /// <summary>True when <see cref="Canonical"/> reproduces <c>sshd -T</c> exactly, so the differential test can compare it.</summary>
    public bool CanonicalMatchesDump => DumpName is not null && !Accumulates && Kind is not (SshdValueKind.Words or SshdValueKind.Pair or SshdValueKind.Spec);

    /// <summary>Why sshd would refuse the arguments (it exits with "bad configuration options"), or null.</summary>
    public string? Validate(IReadOnlyList<string> args)
    {
        if (Kind == SshdValueKind.Ignored) return null;
        if (args.Count == 0) return "missing argument";
        var maxArgs = Kind switch
        {
            SshdValueKind.Words => int.MaxValue,
            SshdValueKind.Pair => 2,
            _ => 1,
        };
        if (args.Count > maxArgs) return "extra arguments at end of line";
        var value = args[0];
        switch (Kind)
        {
            case SshdValueKind.Flag:
            case SshdValueKind.Choice:
                return Choose(value) is null ? $"`{value}` is not one of {string.Join(", ", ChoiceNames)}" : null;
            case SshdValueKind.Integer:
                return CNumber.AtoiErr(value, out _) is { } error ? $"integer value {error}" : null;
            case SshdValueKind.Port:
                return CNumber.StrToNum(value, 1, 65535, out _) is null ? null : "badly formatted port number (1-65535)";
            case SshdValueKind.Time:
                return SshdTime.TryParseSeconds(value, out _) ? null : "invalid time value";
            case SshdValueKind.TimeOrNone:
                return string.Equals(value, "none", StringComparison.OrdinalIgnoreCase) || SshdTime.TryParseSeconds(value, out _) ? null : "invalid time value";
            case SshdValueKind.Algorithms:
                return SshdAlgorithms.Validate(Algorithms!.Value, value);
            case SshdValueKind.Startups:
                return TryReadStartups(value, out _) ? null : "invalid MaxStartups spec (start:rate:full with start <= full and rate 1-100, or one number)";
            default:
                return null;
        }
    }

    /// <summary>The value as <c>sshd -T</c> prints it, for arguments that <see cref="Validate"/> accepts.</summary>
    public string Canonical(IReadOnlyList<string> args)
    {
        if (args.Count == 0) return "";
        var value = args[0];
        switch (Kind)
        {
            case SshdValueKind.Flag:
            case SshdValueKind.Choice:
                return Choose(value) ?? value;
            case SshdValueKind.Integer:
            case SshdValueKind.Port:
                return CNumber.StrToNum(value, 0, int.MaxValue, out var number) is null ? number.ToString() : value;
            case SshdValueKind.Time:
                return SshdTime.TryParseSeconds(value, out var seconds) ? seconds.ToString() : value;
            case SshdValueKind.TimeOrNone:
                return SshdTime.TryParseSeconds(value, out var s) && s > 0 ? s.ToString() : "none";
            case SshdValueKind.Algorithms:
                return SshdAlgorithms.TryAssemble(Algorithms!.Value, value, out var list, out _) ? string.Join(",", list) : value;
            case SshdValueKind.Startups:
                return TryReadStartups(value, out var startups) ? startups : value;
            default:
                return string.Join(" ", args);
        }
    }

    /// <summary>servconf.c: <c>sscanf("%d:%d:%d")</c> must read three numbers or one (rate then stays 30).</summary>
    private static bool TryReadStartups(string value, out string canonical)
    {
        canonical = "";
        var numbers = new List<int>();
        var position = 0;
        while (numbers.Count < 3 && CNumber.ScanInt(value, ref position, out var number))
        {
            numbers.Add(number);
            if (numbers.Count < 3 && (position >= value.Length || value[position] != ':')) break;
            position++;
        }
        int start, rate, full;
        if (numbers.Count == 3)
        {
            (start, rate, full) = (numbers[0], numbers[1], numbers[2]);
            if (start > full || rate > 100 || rate < 1) return false;
        }
        else if (numbers.Count == 1) (start, rate, full) = (numbers[0], 30, numbers[0]);
        else return false;
        if (start <= 0 || full <= 0) return false;
        canonical = $"{start}:{rate}:{full}";
        return true;
    }

    private IEnumerable<string> ChoiceNames => _choices?.Keys ?? new[] { "yes", "no" };

    private string? Choose(string value)
    {
        if (_choices is null)
            return value.Equals("yes", StringComparison.OrdinalIgnoreCase) ? "yes"
                : value.Equals("no", StringComparison.OrdinalIgnoreCase) ? "no" : null;
        var comparison = _choicesIgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return _choices.FirstOrDefault(c => string.Equals(c.Key, value, comparison)).Value;
    }

    public override string ToString() => Name;
}
