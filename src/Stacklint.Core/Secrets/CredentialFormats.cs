using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace Stacklint.Secrets;

/// <summary>A credential recognised by its format, where it is in the text.</summary>
public sealed record CredentialMatch(CredentialFormat Format, TextSpan Span, string Value);

/// <summary>
/// A kind of credential whose format gives it away wherever it is written: cloud and forge tokens with their
/// issuers' prefixes, private key blocks, JWTs. Each format has a literal prefix checked before its regular
/// expression runs (so a 4 MiB file without one costs a substring search), and a check that rejects documentation
/// examples and placeholders (<c>AKIAIOSFODNN7EXAMPLE</c>, <c>ghp_xxxxxxxx…</c>, a key block with no key in it).
/// </summary>
public sealed class CredentialFormat
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private readonly string[] _prefixes;
    private readonly Regex _pattern;
    private readonly Func<string, string, bool> _accept;

    private CredentialFormat(string id, string name, string revoke, string[] prefixes, string pattern, Func<string, string, bool>? accept = null,
        RegexOptions options = RegexOptions.None)
    {
        Id = id;
        Name = name;
        Revoke = revoke;
        _prefixes = prefixes;
        _pattern = new Regex(pattern, options | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, Budget);
        _accept = accept ?? ((value, body) => true);
    }

    public string Id { get; }
    /// <summary>What it is, for messages: "a GitHub personal access token".</summary>
    public string Name { get; }
    /// <summary>Where to revoke it, for messages.</summary>
    public string Revoke { get; }

    /// <summary>PEM and OpenSSH private key blocks.</summary>
    public static CredentialFormat PrivateKey => All[0];

    /// <summary>Every format stacklint knows, in the order they are reported.</summary>
    public static IReadOnlyList<CredentialFormat> All { get; } = new[]
    {
        new CredentialFormat("private-key", "a private key", "generate a new key pair and remove the old public key wherever it is trusted",
            new[] { "PRIVATE KEY" },
            @"-----BEGIN[ A-Z0-9]{0,20}PRIVATE KEY(?: BLOCK)?-----(?<body>(?:(?!-----END)[\s\S]){0,16384})(?:-----END[ A-Z0-9]{0,20}PRIVATE KEY(?: BLOCK)?-----)?",
            (value, body) => Base64Characters(body) >= 40),
        new CredentialFormat("aws-access-key-id", "an AWS access key ID", "deactivate the access key in IAM and create a new one",
            new[] { "AKIA", "ASIA", "ABIA", "ACCA" },
            @"(?<![A-Z0-9])(?<body>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Z0-9])",
            (value, body) => !value.Contains("EXAMPLE") && !Entropy.IsLow(value.Substring(4))),
        new CredentialFormat("aws-secret-access-key", "an AWS secret access key", "deactivate the access key in IAM and create a new one",
            new[] { "aws", "AWS", "Aws" },
            @"(?i:aws)[A-Za-z0-9_.\-]{0,30}?(?i:secret)[A-Za-z0-9_.\-]{0,30}?[""']?\s*[=:]\s*[""']?(?<body>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
            (value, body) => !body.Contains("EXAMPLE") && Entropy.Shannon(body) >= 4.0),
        new CredentialFormat("github-token", "a GitHub token", "revoke it under GitHub Settings › Developer settings (or the app's settings)",
            new[] { "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_" },
            @"(?<![A-Za-z0-9_])(?<body>gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{50,240})(?![A-Za-z0-9_])",
            (value, body) => RandomBody(body, value.StartsWith("github_pat_", StringComparison.Ordinal) ? 11 : 4)),
        new CredentialFormat("gitlab-token", "a GitLab token", "revoke it in GitLab (User settings › Access tokens, or the project's deploy or runner settings)",
            new[] { "glpat-", "gldt-", "glrt-", "glptt-", "gloas-" },
            @"(?<![A-Za-z0-9_\-])(?<body>gl(?:pat|dt|rt|ptt|oas)-[A-Za-z0-9_\-]{20,})(?![A-Za-z0-9_\-])",
            (value, body) => RandomBody(body, body.IndexOf('-') + 1)),
        new CredentialFormat("slack-token", "a Slack token", "revoke it in the Slack app's settings (OAuth & Permissions)",
            new[] { "xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-" },
            @"(?<![A-Za-z0-9])(?<body>xox[baprs]-[0-9A-Za-z\-]{10,250})(?![A-Za-z0-9\-])",
            (value, body) => RandomBody(body, 5)),
        new CredentialFormat("slack-webhook", "a Slack incoming webhook URL", "delete the webhook in the Slack app's settings and create a new one",
            new[] { "hooks.slack.com" },
            @"(?<body>https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_\-]{20,120})",
            (value, body) => RandomBody(body, body.LastIndexOf('/') + 1)),
        new CredentialFormat("stripe-secret-key", "a live Stripe secret key", "roll the key in the Stripe dashboard (Developers › API keys)",
            new[] { "sk_live_", "rk_live_" },
            @"(?<![A-Za-z0-9_])(?<body>[sr]k_live_[0-9A-Za-z]{24,247})(?![A-Za-z0-9_])",
            (value, body) => RandomBody(body, 8)),
        new CredentialFormat("google-api-key", "a Google API key", "delete or regenerate it in the Google Cloud console (APIs & Services › Credentials)",
            new[] { "AIza" },
            @"(?<![A-Za-z0-9_\-])(?<body>AIza[0-9A-Za-z_\-]{35})(?![A-Za-z0-9_\-])",
            (value, body) => RandomBody(body, 4)),
        new CredentialFormat("openai-api-key", "an OpenAI API key", "revoke it in the OpenAI dashboard (API keys)",
            new[] { "T3BlbkFJ" },
            @"(?<![A-Za-z0-9_\-])(?<body>sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{16,}T3BlbkFJ[A-Za-z0-9_\-]{16,})(?![A-Za-z0-9_\-])"),
        new CredentialFormat("anthropic-api-key", "an Anthropic API key", "revoke it in the Anthropic console (API keys)",
            new[] { "sk-ant-" },
            @"(?<![A-Za-z0-9_\-])(?<body>sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_\-]{80,})(?![A-Za-z0-9_\-])",
            (value, body) => RandomBody(body, 14)),
        new CredentialFormat("npm-token", "an npm access token", "revoke it with `npm token revoke` or on npmjs.com (Access Tokens)",
            new[] { "npm_" },
            @"(?<![A-Za-z0-9_])(?<body>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])",
            (value, body) => RandomBody(body, 4)),
        new CredentialFormat("docker-hub-token", "a Docker Hub access token", "delete it on Docker Hub (Account settings › Personal access tokens)",
            new[] { "dckr_pat_" },
            @"(?<![A-Za-z0-9_])(?<body>dckr_pat_[A-Za-z0-9_\-]{27,})(?![A-Za-z0-9_\-])",
            (value, body) => RandomBody(body, 9)),
        new CredentialFormat("sendgrid-api-key", "a SendGrid API key", "delete it in SendGrid (Settings › API Keys)",
            new[] { "SG." },
            @"(?<![A-Za-z0-9_])(?<body>SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})(?![A-Za-z0-9_\-])",
            (value, body) => RandomBody(body, 3)),
        new CredentialFormat("digitalocean-token", "a DigitalOcean token", "revoke it in the DigitalOcean control panel (API › Tokens)",
            new[] { "dop_v1_", "doo_v1_", "dor_v1_" },
            @"(?<![A-Za-z0-9_])(?<body>do[por]_v1_[a-f0-9]{64})(?![A-Za-z0-9_])",
            (value, body) => RandomBody(body, 7)),
        new CredentialFormat("telegram-bot-token", "a Telegram bot token", "revoke it with @BotFather (/revoke)",
            new[] { ":AA" },
            @"(?<![A-Za-z0-9_:])(?<body>[0-9]{8,10}:AA[A-Za-z0-9_\-]{33})(?![A-Za-z0-9_\-])",
            (value, body) => RandomBody(body, body.IndexOf(':') + 3)),
        new CredentialFormat("jwt", "a JSON Web Token", "revoke it (or rotate the key that signed it) at its issuer",
            new[] { "eyJ" },
            @"(?<![A-Za-z0-9_\-])(?<body>eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{16,})(?![A-Za-z0-9_\-.])",
            (value, body) => !IsPublicJwt(body)),
    };

    /// <summary>Every credential of this format in <paramref name="text"/>.</summary>
    public IEnumerable<CredentialMatch> Find(string text)
    {
        if (!_prefixes.Any(p => text.IndexOf(p, StringComparison.Ordinal) >= 0)) yield break;
        MatchCollection matches;
        try { matches = _pattern.Matches(text); _ = matches.Count; }
        catch (RegexMatchTimeoutException) { yield break; }
        foreach (Match match in matches)
        {
            var body = match.Groups["body"];
            // The key block is reported whole; other formats at the credential itself (not the key name before it).
            var span = Id == "private-key" ? new TextSpan(match.Index, match.Length) : new TextSpan(body.Index, body.Length);
            var value = text.Substring(span.Start, span.Length);
            if (_accept(value, body.Value)) yield return new CredentialMatch(this, span, value);
        }
    }

    /// <summary>Every known credential in <paramref name="text"/>, each place once (the first format that claims it).</summary>
    public static IReadOnlyList<CredentialMatch> FindAll(string text)
    {
        var found = new List<CredentialMatch>();
        foreach (var format in All)
            foreach (var match in format.Find(text))
                if (!found.Any(f => f.Span.OverlapsWith(match.Span) || f.Span == match.Span)) found.Add(match);
        return found.OrderBy(f => f.Span.Start).ToList();
    }

    /// <summary>The part after the issuer's prefix looks generated: not a run of one character, a sequence, or
    /// a documentation marker.</summary>
    private static bool RandomBody(string value, int prefixLength)
    {
        var body = value.Substring(Math.Min(prefixLength, value.Length));
        if (body.IndexOf("EXAMPLE", StringComparison.OrdinalIgnoreCase) >= 0 || body.IndexOf("xxxx", StringComparison.OrdinalIgnoreCase) >= 0) return false;
        return !Entropy.IsLow(body) && Entropy.Shannon(body) >= 3.0;
    }

    private static int Base64Characters(string body)
    {
        // A key written on one line of a .env has literal "\n" between its lines.
        var count = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length && body[i + 1] == 'n') { i++; continue; }
            if (char.IsLetterOrDigit(c) || c is '+' or '/' or '=') count++;
        }
        return count;
    }

    /// <summary>A JWT meant to be public: Supabase's anonymous key (<c>"role":"anon"</c>), shipped to browsers by design.</summary>
    private static bool IsPublicJwt(string token)
    {
        var parts = token.Split('.');
        if (parts.Length < 2) return false;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload += new string('=', (4 - payload.Length % 4) % 4);
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(payload));
            return Regex.IsMatch(json, "\"role\"\\s*:\\s*\"anon\"", RegexOptions.CultureInvariant, Budget);
        }
        catch (FormatException) { return false; }
    }
}
