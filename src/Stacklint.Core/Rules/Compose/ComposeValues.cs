using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Compose;

namespace Stacklint.Rules.Compose;

/// <summary>Reading compose values the way Compose does where the model's typed views are not enough.</summary>
public static class ComposeValues
{
    /// <summary>A boolean as Compose reads one (README S1, compose-go's <c>toBoolean</c>): a YAML <c>true</c>/<c>false</c>,
    /// or a string (quoted, or produced by interpolation) that is <c>true</c>/<c>false</c> in any case, or one of the
    /// deprecated <c>y</c>, <c>yes</c>, <c>on</c> / <c>n</c>, <c>no</c>, <c>off</c>. Null for anything else (<c>"1"</c>,
    /// <c>""</c>): Compose refuses the value, and rules report nothing for it.</summary>
    public static bool? Boolean(ComposeNode? node) => node is ComposeScalar { IsNull: false } scalar ? Boolean(scalar.Text) : null;

    public static bool? Boolean(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "true" or "y" or "yes" or "on" => true,
        "false" or "n" or "no" or "off" => false,
        _ => null,
    };

    /// <summary>Go's <c>strconv.ParseBool</c> (<c>1 t T TRUE true True</c> / <c>0 f F FALSE false False</c>), which Docker
    /// uses for option values such as <c>no-new-privileges:VALUE</c> and Traefik for its flags.</summary>
    public static bool? GoBoolean(string? text) => text?.Trim() switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };

    /// <summary>The scalar at <paramref name="key"/> of the service, or null.</summary>
    public static ComposeScalar? Scalar(ComposeService service, string key) => service.Node[key] as ComposeScalar is { IsNull: false } s ? s : null;

    /// <summary>The items of a list setting (a single scalar counts as one item).</summary>
    public static IEnumerable<ComposeNode> Items(ComposeNode? node) => ComposeService.Items(node);

    /// <summary>A size Docker accepts for memory and log sizes (<c>512m</c>, <c>1g</c>, <c>10M</c>, <c>1048576</c>, <c>1.5g</c>):
    /// its value in bytes, or null when it cannot be read.</summary>
    public static double? Size(string? text)
    {
        if (text is null) return null;
        var t = text.Trim().ToLowerInvariant();
        if (t.EndsWith("b", System.StringComparison.Ordinal) && t.Length > 1 && !char.IsDigit(t[t.Length - 2])) t = t.Substring(0, t.Length - 1);
        else if (t.EndsWith("b", System.StringComparison.Ordinal)) t = t.Substring(0, t.Length - 1);
        double multiplier = 1;
        if (t.Length > 0 && "kmgtp".IndexOf(t[t.Length - 1]) is var unit and >= 0)
        {
            multiplier = System.Math.Pow(1024, unit + 1);
            t = t.Substring(0, t.Length - 1);
        }
        return double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n * multiplier : null;
    }
}
