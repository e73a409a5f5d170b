using System;
using System.Globalization;

namespace Stacklint.Formats.Nginx;

/// <summary>An nginx release number such as 1.22.1: what the directive table is asked about ("does nginx X know this?").</summary>
public readonly struct NginxVersion : IEquatable<NginxVersion>, IComparable<NginxVersion>
{
    public NginxVersion(int major, int minor, int patch)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
    }

    public int Major { get; }
    public int Minor { get; }
    public int Patch { get; }

    /// <summary>Debian 12's nginx (nginx-light and friends), the binary the table is tested against.</summary>
    public static NginxVersion Debian12 => new(1, 22, 1);

    /// <summary>The newest release the table was written against (mainline, from nginx's CHANGES).</summary>
    public static NginxVersion Latest => new(1, 31, 6);

    /// <summary>The oldest release whose directive set the table models: directives older than this have no
    /// <see cref="NginxDirectiveInfo.Since"/> (Ubuntu 18.04 and Debian 10 shipped 1.14).</summary>
    public static NginxVersion OldestModeled => new(1, 14, 0);

    /// <summary>Reads "1.22.1", "1.25" or "nginx/1.22.1"; anything else gives false.</summary>
    public static bool TryParse(string? text, out NginxVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text!.Trim();
        if (s.StartsWith("nginx/", StringComparison.OrdinalIgnoreCase)) s = s.Substring("nginx/".Length);
        var parts = s.Split('.');
        if (parts.Length is < 2 or > 3) return false;
        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])) return false;
        version = new NginxVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    public static NginxVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not an nginx version (expected e.g. 1.22.1)");

    public int CompareTo(NginxVersion other)
    {
        var c = Major.CompareTo(other.Major);
        if (c != 0) return c;
        c = Minor.CompareTo(other.Minor);
        return c != 0 ? c : Patch.CompareTo(other.Patch);
    }

    public bool Equals(NginxVersion other) => CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is NginxVersion v && Equals(v);
    public override int GetHashCode() => (Major * 1000 + Minor) * 1000 + Patch;
    public override string ToString() => $"{Major}.{Minor}.{Patch}";

    public static bool operator ==(NginxVersion a, NginxVersion b) => a.Equals(b);
    public static bool operator !=(NginxVersion a, NginxVersion b) => !a.Equals(b);
    public static bool operator <(NginxVersion a, NginxVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(NginxVersion a, NginxVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(NginxVersion a, NginxVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(NginxVersion a, NginxVersion b) => a.CompareTo(b) >= 0;
}
