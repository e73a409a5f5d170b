using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Text;

namespace Stacklint.Formats.Fail2ban;

/// <summary>fail2ban 1.0.2's stock files (as Debian 12 ships them: Formats/Fail2ban/Stock/README.md), embedded to stand in
/// for the ones a repository does not carry: jail.conf, the paths-*.conf it includes, and fail2ban.conf. Debian's
/// <c>jail.d/defaults-debian.conf</c> is not among them: a repository that relies on it says so by carrying it.</summary>
public static class Fail2banStockConfig
{
    /// <summary>The fail2ban version the stock files, the value rules and the differential tests are of.</summary>
    public const string Version = "1.0.2";
    public const string JailConf = "jail.conf";
    public const string Fail2banConf = "fail2ban.conf";

    /// <summary>The embedded files, by their name in /etc/fail2ban.</summary>
    public static readonly IReadOnlyList<string> Names = new[] { JailConf, "paths-common.conf", "paths-debian.conf", Fail2banConf };

    private static readonly Dictionary<string, Fail2banDocument> Documents = new(StringComparer.Ordinal);

    public static bool Has(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>"fail2ban's stock jail.conf (not in the repository)": how messages name a stock file.</summary>
    public static string Describe(string name) => $"fail2ban's stock {name} (not in the repository)";

    /// <summary>A stock file, read once; null for a name that is not embedded.</summary>
    public static Fail2banDocument? Document(string name)
    {
        if (!Has(name)) return null;
        lock (Documents)
        {
            if (Documents.TryGetValue(name, out var known)) return known;
            using var stream = typeof(Fail2banStockConfig).Assembly.GetManifestResourceStream("fail2ban-stock/" + name)
                ?? throw new InvalidOperationException($"The embedded stock file {name} is missing from the assembly.");
            using var reader = new StreamReader(stream);
            var file = new SourceFile(Describe(name), "", SourceText.From(reader.ReadToEnd()));
            return Documents[name] = Fail2banParser.Read(file);
        }
    }
}
