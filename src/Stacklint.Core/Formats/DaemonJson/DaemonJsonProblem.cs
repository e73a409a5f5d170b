using Microsoft.CodeAnalysis;

namespace Stacklint.Formats.DaemonJson;

public enum DaemonJsonProblemKind
{
    /// <summary>A name dockerd's check does not know: "the following directives don't match any configuration option".</summary>
    Unknown,
    /// <summary>A value Go's decoder cannot put into the setting's type.</summary>
    WrongType,
    /// <summary>A value of the right type that dockerd's parsing or validation refuses (an IP address that is not one,
    /// an unknown log level), or two settings it refuses together.</summary>
    InvalidValue,
    /// <summary>Accepted, but nothing reads it: a command-line flag's name (<c>insecure-registry</c>), a deprecated
    /// option, a member a setting does not have.</summary>
    Ignored,
    /// <summary>A name written twice in one object: dockerd keeps the last value.</summary>
    Repeated,
}

/// <summary>Something in a daemon.json that dockerd refuses (<see cref="Refused"/>: it does not start) or reads
/// differently from how it looks. DKD010 reports these.</summary>
public sealed class DaemonJsonProblem
{
    internal DaemonJsonProblem(DaemonJsonProblemKind kind, Location location, string path, string message, bool refused, string? suggestion = null)
    {
        Kind = kind;
        Location = location;
        Path = path;
        Message = message;
        Refused = refused;
        Suggestion = suggestion;
    }

    public DaemonJsonProblemKind Kind { get; }
    /// <summary>The name (unknown, ignored, repeated) or the value (wrong type, invalid) that must change.</summary>
    public Location Location { get; }
    /// <summary>The setting's path: <c>log-opts.max-file</c>, <c>dns[1]</c>.</summary>
    public string Path { get; }
    /// <summary>A complete sentence: what dockerd does with it, in its own words where it has them, and the fix.</summary>
    public string Message { get; }
    /// <summary>dockerd refuses to start with it (as opposed to ignoring it).</summary>
    public bool Refused { get; }
    /// <summary>The setting the name is probably a misspelling of, or null.</summary>
    public string? Suggestion { get; }

    public override string ToString() => $"{Kind} {Path}: {Message}";
}
