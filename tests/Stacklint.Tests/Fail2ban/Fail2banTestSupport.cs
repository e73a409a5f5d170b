using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stacklint.Engine;
using Stacklint.Formats.Fail2ban;
using Stacklint.Stack;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Fail2ban;

/// <summary>Loads fail2ban configurations from a tree on disk through the real discovery, store and loader.</summary>
internal static class Fail2banTestSupport
{
    public static (IReadOnlyList<Fail2banConfig> Configs, FindingSink Sink, IReadOnlyList<Stacklint.Text.SourceFile> Read) Load(string root)
    {
        var sink = new FindingSink();
        var store = new FileStore(root, "", sink);
        var configs = Fail2banLoader.Load(store, Discovery.Walk(root), sink, out var read);
        return (configs, sink, read);
    }

    /// <summary>Writes <paramref name="tree"/> under <paramref name="temp"/>/repo and loads its single configuration.</summary>
    public static (Fail2banConfig Config, FindingSink Sink) LoadOne(TempDir temp, IReadOnlyDictionary<string, string> tree)
    {
        foreach (var (path, content) in tree) temp.Write(Path.Combine("repo", path), content);
        var (configs, sink, _) = Load(Path.Combine(temp.Root, "repo"));
        return (Assert.Single(configs), sink);
    }

    public static IEnumerable<string> Lnt(this FindingSink sink) =>
        sink.Diagnostics.Where(d => d.Id.StartsWith("LNT", System.StringComparison.Ordinal)).Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage()}");
}
