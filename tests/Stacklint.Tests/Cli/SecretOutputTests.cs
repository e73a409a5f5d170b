using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.CommandLine;

/// <summary>A secret's value never appears in any output: not in messages, code frames, SARIF snippets and related
/// locations, JSON, GitHub annotations or Markdown, whichever rule reports on its line.</summary>
public class SecretOutputTests
{
    /// <summary>Values that must never be printed, none of which appears in any rule's documentation.</summary>
    private static readonly string[] Secrets =
    {
        "Zebra71x",                                              // weak (ENV002: too short)
        "Vq3Lm8Tz2Wx9Rk4Pn7Hs1Jd6Fb0Gc5Ya",                      // a committed random password (ENV001 on the file)
        "ghp_h5F1JOX7GaWR8AIo5fnnxDslLdmlu2mbgZJR",              // a GitHub token in the committed .env (ENV004)
        "ghp_BTc3c1yFiWeTphPy60R2KmPFlOaJidyl3IOW",              // a GitHub token in nginx (ENV004)
        "7d1e4b9a2c6f8e0d3b5a7c9e1f2d4b6a",                      // a short signing key (ENV005)
        "9c2e6a1f5b8d3e7a0c4f6b9d2e5a8c1f3b7d0e4a6c9f2b5d8e1a3c6f9b2d5e8a", // a real-looking value in a template (ENV003)
        "Kx9Qw2Er7Ty4Ui1Op6As3Df8Gh5Jk0Lz",                      // on a line Compose cannot read (LNT001)
        "Mw8Nb3Vc6Xz1Lk4Jh7Gf2Ds5Ap9Oi0Uy",                      // on a line with spaces around = (ENV007)
        "Rt5Yu8Io1Pa4Sd7Fg0Hj3Kl6Zx9Cv2Bn",                      // the first of a duplicated key
        "Qe4Wr7Ty0Ui3Op6As9Df2Gh5Jk8Lz1Xc",                      // the second of a duplicated key (ENV006 at it)
        "Pw7Ub2Yn5K",                                            // a password in a URL, too short (ENV002)
        "MIIEowIBAAKCAQEAqFAI1TBW14wRRi3VwWjmqNmnMPkIaZXA6WFquh4z", // private key material (ENV004 over two lines)
    };

    private static TempDir Stack()
    {
        var tree = new TempDir();
        tree.Write(".env", string.Join("\n", new[]
        {
            "DB_PASSWORD=" + Secrets[0],
            "APP_PASSWORD=" + Secrets[1],
            "GITHUB_TOKEN=" + Secrets[2],
            "JWT_SECRET=" + Secrets[4],
            "SMTP_PASSWORD = " + Secrets[7],
            "REDIS_PASSWORD=" + Secrets[8],
            "REDIS_PASSWORD=" + Secrets[9],
            "DATABASE_URL=postgres://app:" + Secrets[10] + "@db:5432/app",
            "DEPLOY_KEY=\"-----BEGIN RSA PRIVATE KEY-----",
            Secrets[11],
            "-----END RSA PRIVATE KEY-----\"",
            // Last: a quote never closed (a later quote would close it, as Compose reads it).
            "BROKEN_PASSWORD=\"" + Secrets[6],
            "",
        }));
        tree.Write(".env.example", "JWT_SECRET=" + Secrets[5] + "\n");
        tree.Write("nginx/conf.d/api.conf",
            "server {\n    listen 80;\n    location / {\n        proxy_set_header Authorization \"token " + Secrets[3] + "\";\n        proxy_pass http://api:8000;\n    }\n}\n");
        Fixtures.Setup(new[] { "git init -q", "git add .env .env.example nginx" }, tree.Root, nameof(SecretOutputTests));
        return tree;
    }

    public static IEnumerable<object[]> Formats() => new[] { "text", "json", "sarif", "github", "markdown" }.Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(Formats))]
    public void No_output_format_shows_a_secret(string format)
    {
        using var tree = Stack();
        var run = StacklintProcess.Run(tree.Root, "scan", "--format", format, "--fail-on", "none");
        Assert.Equal(0, run.ExitCode);
        var output = run.Stdout + run.Stderr;
        // The rules did report on every one of those lines.
        foreach (var id in new[] { "ENV001", "ENV002", "ENV003", "ENV004", "ENV005", "ENV006", "ENV007", "LNT001" })
            Assert.Contains(id, output);
        foreach (var secret in Secrets)
        {
            // Not the value, and not any eight characters of it (a mask shows two at most).
            for (var i = 0; i + 8 <= secret.Length; i++)
                Assert.False(output.Contains(secret.Substring(i, 8), StringComparison.Ordinal),
                    $"{format} output shows `{secret.Substring(i, 8)}` of a secret:\n{output}");
        }
    }

    [Fact]
    public void Text_frames_and_sarif_snippets_star_out_the_secret_and_keep_the_rest()
    {
        using var tree = Stack();
        var text = StacklintProcess.Run(tree.Root, "scan", "--fail-on", "none").Stdout;
        Assert.Contains("  5 | SMTP_PASSWORD = " + new string('*', 32), text);
        Assert.Contains("  8 | DATABASE_URL=postgres://app:" + new string('*', 10) + "@db:5432/app", text);

        using var temp = new TempDir();
        var target = Path.Combine(temp.Root, "out.sarif");
        StacklintProcess.Run(tree.Root, "scan", "--format", "sarif", "--output", target, "--fail-on", "none");
        var validation = SarifValidator.Validate(target);
        Assert.True(validation.Errors == 0 && validation.Warnings == 0, string.Join("\n", validation.Messages));
        using var sarif = JsonDocument.Parse(File.ReadAllText(target));
        var snippets = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .SelectMany(r => r.GetProperty("locations").EnumerateArray())
            .Select(l => l.GetProperty("physicalLocation").GetProperty("region"))
            .Where(r => r.TryGetProperty("snippet", out _))
            .Select(r => r.GetProperty("snippet").GetProperty("text").GetString()!).ToList();
        Assert.Contains(new string('*', Secrets[0].Length), snippets);
        Assert.Contains(new string('*', Secrets[3].Length), snippets);
        // The key block keeps its line breaks and its shape, not its content.
        Assert.Contains(snippets, s => s.Count(c => c == '\n') == 2 && s.Trim('*', '\n').Length == 0);
    }

    [Fact]
    public void A_finding_fingerprint_does_not_depend_on_the_secret()
    {
        // Fingerprints hash the flagged line; with the value starred out first, a weak password cannot be found by
        // hashing guesses. Two values of the same length give the same fingerprint.
        string Fingerprint(string password)
        {
            using var tree = new TempDir();
            tree.Write(".env", "DB_PASSWORD=" + password + "\n");
            using var document = JsonDocument.Parse(StacklintProcess.Run(tree.Root, "scan", "--format", "json").Stdout);
            return document.RootElement.GetProperty("findings").EnumerateArray()
                .Single(f => f.GetProperty("ruleId").GetString() == "ENV002").GetProperty("fingerprint").GetString()!;
        }
        Assert.Equal(Fingerprint("Zebra71x"), Fingerprint("Koala42y"));
    }
}
