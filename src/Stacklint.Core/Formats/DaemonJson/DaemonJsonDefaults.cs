using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Formats.DaemonJson;

/// <summary>
/// What the daemon.json files that apply to a Compose project say, together: a setting counts only when every one of
/// them sets it to the same value (with one file: when it sets it). With none, Docker's defaults apply and the callers
/// say so.
/// </summary>
public sealed class DaemonJsonDefaults
{
    public DaemonJsonDefaults(IReadOnlyList<DaemonJsonConfig> files)
    {
        Files = files;
    }

    public static DaemonJsonDefaults None { get; } = new(Array.Empty<DaemonJsonConfig>());

    public IReadOnlyList<DaemonJsonConfig> Files { get; }
    public bool IsEmpty => Files.Count == 0;

    /// <summary>The setting when every file agrees on it, else null.</summary>
    public DaemonJsonValue? Get(string key) => Agreed(Files.Select(f => f[key]).ToList());

    /// <summary>A member of an object setting (<c>log-opts</c>.<c>max-size</c>) when every file agrees on it, else null.</summary>
    public DaemonJsonValue? Get(string key, string member) => Agreed(Files.Select(f => f.Get(key, member)).ToList());

    /// <summary>The <c>ip</c> every file agrees on as the address for ports published without a host IP (see
    /// <see cref="DaemonJsonConfig.DefaultBindAddress"/>), else null: all interfaces.</summary>
    public DaemonJsonValue? DefaultBindAddress => DaemonJsonConfig.BindAddress(Get("ip"));

    /// <summary>"daemon.json", or "daemon.json and etc/docker/daemon.json", for messages.</summary>
    public string Describe() => IsEmpty ? "no daemon.json in the scan" : string.Join(" and ", Files.Select(f => f.File.RelativePath));

    private static DaemonJsonValue? Agreed(IReadOnlyList<DaemonJsonValue?> values) =>
        values.Count > 0 && values[0] is { } first && values.All(v => v is not null && v.SameAs(first)) ? first : null;
}
