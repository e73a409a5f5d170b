using System.IO;
using System.Linq;
using Stacklint.Formats.Compose;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Compose;

/// <summary>The real-world corpus (../shared/corpus/compose): awesome-compose loads, merges and interpolates with no LNT
/// diagnostic; the reference implementations' test data (some invalid on purpose) never crashes or hangs the loader.</summary>
public class ComposeCorpusTests
{
    internal static void CopyCorpus(string folder, TempDir into)
    {
        var source = Repo.Shared("corpus", "compose", folder);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            into.Write(Path.GetRelativePath(source, file), File.ReadAllText(file));
    }

    [Fact]
    public void Awesome_compose_loads_with_no_LNT_diagnostic()
    {
        using var tree = new TempDir();
        CopyCorpus("awesome-compose", tree);
        var (projects, diagnostics, read) = ComposeTestSupport.Load(tree);
        Assert.Empty(diagnostics);
        // 39 compose files, one project each (no overrides in the corpus); 4 .env files beside them.
        Assert.Equal(39, projects.Count);
        Assert.Equal(39, projects.SelectMany(p => p.Files).Count());
        Assert.Equal(4, projects.Count(p => p.DotEnv is not null));
        Assert.Equal(43, read.Count);
        // Counted independently with PyYAML: 81 services, 67 ports, 61 volumes.
        Assert.Equal(81, projects.Sum(p => p.Services.Count));
        Assert.All(projects, p => Assert.Empty(p.Errors));
        // Every variable the corpus uses is defined by its .env: nothing is unset.
        Assert.Equal(16, projects.Sum(p => p.VariableUses.Count));
        Assert.All(projects.SelectMany(p => p.VariableUses), u => Assert.Equal(ComposeSubstitutionSource.Variable, u.Substitution.Source));
        // Every port and volume of the corpus reads in its typed view.
        Assert.Equal(67, projects.Sum(p => p.Services.Sum(s => s.Ports.Count)));
        Assert.Equal(61, projects.Sum(p => p.Services.Sum(s => s.Volumes.Count)));
    }

    [Fact]
    public void Awesome_compose_scans_with_no_LNT_diagnostic()
    {
        using var tree = new TempDir();
        CopyCorpus("awesome-compose", tree);
        var result = Scan.Run(tree.Root);
        Assert.Empty(result.InternalErrors);
        Assert.Empty(result.Diagnostics.Where(d => d.Id.StartsWith("LNT")).Brief());
        Assert.Equal(43, result.Files.Count);
    }

    [Fact]
    public void Reference_test_data_never_crashes_the_loader()
    {
        using var tree = new TempDir();
        CopyCorpus("robustness", tree);
        var (projects, diagnostics, _) = ComposeTestSupport.Load(tree);
        Assert.NotEmpty(projects);
        // Only the linter's own diagnostics come out of loading (no rule runs here).
        Assert.All(diagnostics, d => Assert.Matches(@" LNT00[125] ", d));
        var result = Scan.Run(tree.Root);
        Assert.Empty(result.InternalErrors);
    }
}
