using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Secrets;
using Stacklint.Text;

namespace Stacklint.Stack;

/// <summary>A file of the repository that holds key material: a private key block, or a compose secret's file.
/// Its text is never shown: it is not one of the files read for reporters.</summary>
public sealed record KeyFile(string RootRelative, SourceFile File, string What, bool InRepository, bool? IsTracked, bool? IsIgnored,
    IReadOnlyList<KeyFileReference> References)
{
    /// <summary>In git, or about to be: tracked, or in a repository whose ignore rules do not cover it.</summary>
    public bool IsCommitted => InRepository && (IsTracked == true || IsIgnored == false);
}

/// <summary>Finds key files: by name (<c>*.key</c>, <c>*.pem</c>, <c>id_rsa</c>, <c>ssh_host_*_key</c>, Traefik's
/// <c>acme.json</c>, cloudflared's credentials JSON…), among the files
/// found and those git tracks (an ignored file added with <c>git add -f</c> is still committed), and wherever a
/// configuration names one (<see cref="Deployment.KeyReferences"/>). A named file counts only when it holds a
/// private key block, so certificates and placeholders are not key files; a compose secret's file counts when it
/// holds anything.</summary>
public static class KeyFileLoader
{
    private static readonly Regex KeyName = new(
        @"(^|/)(id_(rsa|dsa|ecdsa|ed25519)(_sk)?|ssh_host_[a-z0-9]+_key|[^/]+\.(key|pem|ppk|p8)|acme\.json|[^/]*cred[^/]*\.json|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Key material kept in JSON: Traefik's ACME store (<c>acme.json</c>: the account's and every certificate's
    /// <c>PrivateKey</c>) and cloudflared's tunnel credentials (<c>TunnelSecret</c>, in <c>&lt;tunnel-id&gt;.json</c>).</summary>
    private static readonly Regex JsonKey = new(
        @"""(?<name>PrivateKey|key|TunnelSecret)""\s*:\s*""[A-Za-z0-9+/=_-]{40,}""", RegexOptions.CultureInvariant);

    public static IReadOnlyList<KeyFile> Load(FileStore store, IEnumerable<DiscoveredFile> files, IReadOnlyList<Deployment> deployments, DiskFacts? disk)
    {
        var references = deployments.SelectMany(d => d.KeyReferences).Where(r => r.RepositoryPath is not null)
            .ToLookup(r => r.RepositoryPath!, StringComparer.Ordinal);
        var candidates = files.Select(f => f.RelativePath.Replace('\\', '/')).Concat(disk?.Git.Tracked() ?? Enumerable.Empty<string>())
            .Where(p => KeyName.IsMatch(p)).Concat(references.Select(r => r.Key))
            .Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal);
        var result = new List<KeyFile>();
        foreach (var path in candidates)
        {
            if (store.PeekText(path) is not { } text) continue;
            var named = references[path].ToList();
            string what;
            if (CredentialFormat.PrivateKey.Find(text).Any()) what = "a private key";
            else if (JsonKey.Match(text) is { Success: true } json)
                what = json.Groups["name"].Value == "TunnelSecret" ? "a Cloudflare Tunnel secret" : "private keys (Traefik's ACME store)";
            else if (named.Any(r => r.Setting.StartsWith("secret", StringComparison.Ordinal)) && text.Trim().Length > 0) what = "a compose secret";
            else continue;
            var inWorkTree = disk?.Git.IsWorkTree ?? false;
            var inRepository = disk is not null && (inWorkTree || disk.Git.HasIgnoreRules(path));
            result.Add(new KeyFile(path, new SourceFile(store.Display(path), store.FullPath(path), SourceText.From(text)), what, inRepository,
                inRepository ? disk!.Git.IsTracked(path) : null, inRepository ? disk!.Git.IsIgnored(path) : null, named));
        }
        return result;
    }
}
