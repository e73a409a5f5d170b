using System;

namespace Stacklint.Formats.Compose;

/// <summary>A service's <c>image:</c> split as Docker reads a reference: <c>[registry/][path/]name[:tag][@digest]</c>.</summary>
public sealed class ComposeImage
{
    private ComposeImage(ComposeScalar node, string reference, string? registry, string repository, string? tag, string? digest)
    {
        Node = node;
        Reference = reference;
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The <c>image:</c> value, with its interpolation (<c>${TAG:-latest}</c>).</summary>
    public ComposeScalar Node { get; }
    public ComposeOrigin Origin => Node.Origin;
    /// <summary>The whole reference, after interpolation.</summary>
    public string Reference { get; }
    /// <summary>The registry host (<c>ghcr.io</c>, <c>localhost:5000</c>), or null for Docker Hub.</summary>
    public string? Registry { get; }
    /// <summary>The repository path without registry, tag and digest (<c>postgres</c>, <c>bitnami/redis</c>).</summary>
    public string Repository { get; }
    /// <summary>The last path component, lower case (<c>redis</c> for <c>bitnami/redis</c>): what the image is.</summary>
    public string Name
    {
        get
        {
            var slash = Repository.LastIndexOf('/');
            return (slash < 0 ? Repository : Repository.Substring(slash + 1)).ToLowerInvariant();
        }
    }
    /// <summary>The tag, or null when none is written (Docker then pulls <c>latest</c>).</summary>
    public string? Tag { get; }
    /// <summary>The digest (<c>sha256:…</c>), or null.</summary>
    public string? Digest { get; }
    public bool IsPinnedByDigest => Digest is not null;
    /// <summary>No tag and no digest, or the tag <c>latest</c>: what runs changes under you.</summary>
    public bool IsLatest => Digest is null && (Tag is null || Tag.Equals("latest", StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Reference;

    public static ComposeImage? Read(ComposeNode? node)
    {
        if (node is not ComposeScalar { IsNull: false } scalar) return null;
        var reference = (scalar.Text ?? "").Trim();
        if (reference.Length == 0) return null;
        string? digest = null;
        var at = reference.IndexOf('@');
        var rest = reference;
        if (at >= 0)
        {
            digest = reference.Substring(at + 1);
            rest = reference.Substring(0, at);
        }
        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest.Substring(colon + 1);
            rest = rest.Substring(0, colon);
        }
        string? registry = null;
        var firstSlash = rest.IndexOf('/');
        if (firstSlash > 0)
        {
            var first = rest.Substring(0, firstSlash);
            if (first.Contains(".") || first.Contains(":") || first == "localhost")
            {
                registry = first;
                rest = rest.Substring(firstSlash + 1);
            }
        }
        if (registry is null && rest.StartsWith("library/", StringComparison.Ordinal)) rest = rest.Substring("library/".Length);
        return new ComposeImage(scalar, reference, registry, rest, string.IsNullOrEmpty(tag) ? null : tag, string.IsNullOrEmpty(digest) ? null : digest);
    }
}
