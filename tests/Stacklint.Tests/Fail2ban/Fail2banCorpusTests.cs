using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Formats.Fail2ban;
using Stacklint.Tests.Support;
using Stacklint.Text;
using Xunit;

namespace Stacklint.Tests.Fail2ban;

/// <summary>The real-world fail2ban corpus (../shared/corpus/fail2ban: fail2ban's upstream configuration and Debian 12's
/// /etc/fail2ban) parses with no error, and a scan of each directory reports no LNT diagnostic.</summary>
public class Fail2banCorpusTests
{
    private static string Corpus(params string[] parts) => Repo.Shared(new[] { "corpus", "fail2ban" }.Concat(parts).ToArray());

    public static IEnumerable<object[]> Files() =>
        Directory.GetFiles(Corpus(), "*.conf", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Corpus(), f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { f });

    [Fact]
    public void The_corpus_holds_upstreams_and_debians_configuration()
    {
        var files = Files().Select(f => (string)f[0]).ToList();
        Assert.Equal(14, files.Count);
        Assert.Contains("debian-bookworm/jail.d/defaults-debian.conf", files);
        Assert.Contains("upstream/paths-fedora.conf", files);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_parses_with_no_error(string relative)
    {
        var full = Corpus(relative);
        var document = Fail2banParser.Read(new SourceFile(relative, full, SourceText.From(File.ReadAllText(full))));
        Assert.Empty(document.Errors.Select(e => $"{e.Span}: {e.Message}"));
        Assert.NotEmpty(document.Sections);
    }

    [Theory]
    [InlineData("debian-bookworm", 5)]
    [InlineData("upstream", 4)]
    public void Corpus_directory_scans_with_no_LNT_and_the_files_fail2ban_reads_are_read(string directory, int files)
    {
        using var temp = new TempDir();
        foreach (var file in Directory.GetFiles(Corpus(directory), "*", SearchOption.AllDirectories))
            temp.Write(Path.Combine("etc", "fail2ban", Path.GetRelativePath(Corpus(directory), file)), File.ReadAllText(file));
        var result = Scan.Run(temp.Root);
        Assert.Empty(result.InternalErrors);
        Assert.Empty(result.Diagnostics.Where(d => d.Id.StartsWith("LNT", StringComparison.Ordinal)).Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage()}"));
        // What fail2ban reads: jail.conf with paths-debian.conf and paths-common.conf (which it includes), fail2ban.conf,
        // jail.d/. The other distributions' paths-*.conf are nobody's include here, so they are not read.
        Assert.Equal(files, result.Files.Count(f => f.RelativePath.StartsWith("etc/fail2ban/", StringComparison.Ordinal)));

        var (configs, sink, _) = Fail2banTestSupport.Load(temp.Root);
        var config = Assert.Single(configs);
        Assert.Empty(sink.Lnt());
        Assert.Empty(config.ValueProblems);
        Assert.False(config.UsesStockJailConf);
        Assert.False(config.UsesStockFail2banConf);
    }
}
