using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.DotEnv;
using Stacklint.Secrets;
using Stacklint.Text;

namespace Stacklint.Stack;

/// <summary>One .env file of the stack, with what its name, git and the disk say about it.</summary>
public sealed class DotEnvFile
{
    public DotEnvFile(DotEnvDocument document, string rootRelative, bool inRepository, bool? isTracked, bool? isIgnored,
        bool inWorkTree, FileAccessFacts? access)
    {
        Document = document;
        RootRelative = rootRelative;
        InRepository = inRepository;
        IsTracked = isTracked;
        IsIgnored = isIgnored;
        InWorkTree = inWorkTree;
        Access = access;
    }

    public DotEnvDocument Document { get; }
    public SourceFile File => Document.File;
    /// <summary>The path relative to the scan root.</summary>
    public string RootRelative { get; }
    /// <summary>A template meant to be committed (<c>.env.example</c>), not a file Compose or an application reads.</summary>
    public bool IsTemplate => DotEnvFileName.IsTemplate(RootRelative);
    /// <summary>Named for development, tests or a local override.</summary>
    public bool IsDevelopment => DotEnvFileName.IsDevelopment(RootRelative);
    /// <summary>In a git work tree, or in a tree whose ignore rules reach this file: a tree that gets committed, where
    /// "is it committed?" is a question at all. False for a plain directory on a host, and when nothing is known.</summary>
    public bool InRepository { get; }
    /// <summary>Tracked by git; null when that cannot be known (no work tree, no git command, a scan of texts).</summary>
    public bool? IsTracked { get; }
    /// <summary>Covered by the repository's ignore rules; null outside a repository or for a scan of texts.</summary>
    public bool? IsIgnored { get; }
    public bool InWorkTree { get; }
    /// <summary>Permissions on disk; null when unknown (a scan of texts, a platform without Unix modes).</summary>
    public FileAccessFacts? Access { get; }
}

/// <summary>Where a real .env file belongs, because a template beside it or a compose file that interpolates variables
/// says so, with whether the repository ignores that path (ENV011).</summary>
public sealed record DotEnvPlace(string ExpectedPath, SourceFile Anchor, bool Ignored, bool Present);

/// <summary>A credential recognised by its format in a file the stack read (ENV004).</summary>
public sealed record FoundCredential(SourceFile File, CredentialMatch Match);

/// <summary>Reads the stack's .env files (LNT001 for what Compose refuses), learns what git and the disk say about
/// each, and marks their secrets in the <see cref="SecretIndex"/>.</summary>
public static class DotEnvLoader
{
    public static IReadOnlyList<DotEnvFile> Load(FileStore store, IReadOnlyList<DiscoveredFile> files, FindingSink sink,
        SecretIndex secrets, DiskFacts? disk, out IReadOnlyList<DotEnvPlace> places)
    {
        var result = new List<DotEnvFile>();
        foreach (var discovered in files.Where(f => f.Kind == FileKind.DotEnv))
        {
            var file = store.Load(discovered.RelativePath);
            if (file is null) continue;
            var document = DotEnvParser.Read(file);
            foreach (var error in document.Errors)
                sink.Report(LinterDiagnostics.ParseError, file.Location(error.Span), $"{file.RelativePath} could not be parsed here: {error.Message}.");
            MarkSecrets(document, secrets);

            var path = discovered.RelativePath;
            var inWorkTree = disk?.Git.IsWorkTree ?? false;
            var inRepository = disk is not null && (inWorkTree || disk.Git.HasIgnoreRules(path));
            result.Add(new DotEnvFile(document, path, inRepository,
                inRepository ? disk!.Git.IsTracked(path) : null,
                inRepository ? disk!.Git.IsIgnored(path) : null,
                inWorkTree,
                disk?.Access(path)));
        }
        places = disk is null ? Array.Empty<DotEnvPlace>() : Places(store, files, result, disk);
        return result;
    }

    /// <summary>A .env value is secret when its name says so, when it looks generated (URLs aside), or (by form, for every file:
    /// <see cref="SecretIndex.MarkByForm"/>) when it is a known credential or a URL's password. Statements that could
    /// not be read are hidden whole after their separator.</summary>
    /// <summary>Words of one case joined by <c>_</c>, <c>.</c> or <c>-</c>: how variables are named.</summary>
    private static readonly System.Text.RegularExpressions.Regex ConventionalName = new(
        @"^([A-Z][A-Z0-9]*([_.-][A-Z0-9]+)*|[a-z][a-z0-9]*([_.-][a-z0-9]+)*)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary><c>${VAR}</c> or <c>$VAR</c>, not the escaped <c>$$</c>.</summary>
    private static readonly System.Text.RegularExpressions.Regex Interpolation = new(@"(?<!\$)\$(\{|[A-Za-z_])", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static void MarkSecrets(DotEnvDocument document, SecretIndex secrets)
    {
        foreach (var entry in document.Entries)
        {
            // A "key" that looks generated is secret material that ended up where a name should be (a line of a key
            // block, or what an unclosed quote left over).
            // Names in the usual shapes (DB_MAIL_PASSWORD, notifuse.secret-key) are names, however varied their letters.
            if (!ConventionalName.IsMatch(entry.Key) && Entropy.LooksRandom(entry.Key, minLength: 16, minBits: 3.5))
                secrets.Mark(document.File, entry.KeySpan);
            if (entry.Value is not { Length: > 0 } value) continue;
            // A URL is not secret as a whole: its password is marked by form.
            if (SecretNames.IsSecret(entry.Key) || (Entropy.LooksRandom(value, minLength: 20, minBits: 4.0) && value.IndexOf("://", StringComparison.Ordinal) < 0))
                secrets.Mark(document.File, entry.ValueSpan);
        }
        foreach (var span in document.UnreadValues) secrets.Mark(document.File, span);
    }

    private static IReadOnlyList<DotEnvPlace> Places(FileStore store, IReadOnlyList<DiscoveredFile> files, IReadOnlyList<DotEnvFile> envFiles, DiskFacts disk)
    {
        var places = new List<DotEnvPlace>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string expected, SourceFile anchor)
        {
            if (!seen.Add(expected)) return;
            if (!disk.Git.IsWorkTree && !disk.Git.HasIgnoreRules(expected)) return;
            places.Add(new DotEnvPlace(expected, anchor, disk.Git.IsIgnored(expected), store.Exists(expected)));
        }
        foreach (var template in envFiles.Where(f => f.IsTemplate))
            Add(Combine(DirectoryOf(template.RootRelative), RealName(Path.GetFileName(template.RootRelative))), template.File);
        foreach (var compose in files.Where(f => f.Kind == FileKind.Compose))
        {
            // Only a compose file that reads variables needs a .env beside it (env_file names its own files, which
            // are linted where they are).
            if (store.Load(compose.RelativePath) is not { } file) continue;
            if (!Interpolation.IsMatch(file.Text.ToString())) continue;
            Add(Combine(DirectoryOf(compose.RelativePath), ".env"), file);
        }
        return places;
    }

    /// <summary>The file a template stands for: <c>.env.production.template</c> ⇒ <c>.env.production</c>,
    /// <c>.env.example</c>, <c>example.env</c> and <c>env.sample</c> ⇒ <c>.env</c>.</summary>
    public static string RealName(string templateName)
    {
        var parts = templateName.Split('.').Where(p => p.Length > 0 && !DotEnvFileName.IsTemplate("." + p) && p != "env").ToList();
        return parts.Count == 0 || !templateName.StartsWith(".env", StringComparison.OrdinalIgnoreCase) ? ".env" : ".env." + string.Join(".", parts);
    }

    private static string DirectoryOf(string relative)
    {
        var slash = relative.LastIndexOf('/');
        return slash < 0 ? "" : relative.Substring(0, slash);
    }

    private static string Combine(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;
}
