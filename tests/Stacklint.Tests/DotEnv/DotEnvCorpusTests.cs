using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Formats.DotEnv;
using Stacklint.Stack;
using Stacklint.Tests.Support;
using Stacklint.Text;
using Xunit;

namespace Stacklint.Tests.DotEnv;

/// <summary>Every .env file of the real-world corpus (../shared/corpus: awesome-compose's, compose-go's and docker
/// compose's test data) parses with no parse error, and a scan of it reports no LNT diagnostic.</summary>
public class DotEnvCorpusTests
{
    /// <summary>The corpus's .env files (found by the same names the scanner recognises), relative to the corpus.</summary>
    public static IEnumerable<object[]> Files() =>
        Directory.GetFiles(Repo.Shared("corpus"), "*", SearchOption.AllDirectories)
            .Where(f => DotEnvFileName.Matches(Path.GetFileName(f)))
            .Select(f => Path.GetRelativePath(Repo.Shared("corpus"), f).Replace('\\', '/'))
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new object[] { f });

    [Fact]
    public void The_corpus_holds_the_env_files_of_awesome_compose_and_the_compose_test_data()
    {
        var files = Files().Select(f => (string)f[0]).ToList();
        Assert.Equal(31, files.Count);
        Assert.Contains("compose/awesome-compose/postgresql-pgadmin/.env", files);
        Assert.Contains("compose/robustness/docker-compose-e2e/testdata/TestCommentsInEnvFile/.env", files);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_env_file_parses_with_no_error_and_scans_with_no_LNT(string relative)
    {
        var full = Repo.Shared("corpus", relative);
        var text = File.ReadAllText(full);
        var document = DotEnvParser.Read(new SourceFile(relative, full, SourceText.From(text)));
        Assert.Empty(document.Errors.Select(e => $"{e.Span}: {e.Message}"));
        // These files hold one variable per line: every line that is not blank or a comment is an entry.
        Assert.Equal(text.Split('\n').Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("#")), document.Entries.Count);

        using var tree = new TempDir();
        tree.Write(Path.GetFileName(full), text);
        var result = Scan.Run(tree.Root);
        Assert.Empty(result.InternalErrors);
        Assert.Empty(result.Diagnostics.Where(d => d.Id.StartsWith("LNT")).Select(d => $"{d.Id} {d.GetMessage()}"));
        Assert.Single(result.Files);
    }

    [Fact]
    public void Corpus_values_are_read_as_compose_reads_them()
    {
        DotEnvDocument Read(string relative) =>
            DotEnvParser.Read(new SourceFile(relative, relative, SourceText.From(File.ReadAllText(Repo.Shared("corpus", relative)))));

        // An unquoted # without a space before it is part of the value; a quoted one too.
        var comments = Read("compose/robustness/docker-compose-e2e/testdata/TestCommentsInEnvFile/.env");
        Assert.Equal("1234#5", comments.Find("COMMENT")!.Value);
        Assert.Equal("1234#5", comments.Find("NO_COMMENT")!.Value);
        // " # " starts an inline comment.
        Assert.Equal("your-domain.dyndns.com", Read("compose/awesome-compose/wireguard/.env").Find("VPN_SERVER_URL")!.Value);
        // No line break at the end of the file, and an empty value.
        var pgadmin = Read("compose/awesome-compose/postgresql-pgadmin/.env");
        Assert.Equal(new[] { "POSTGRES_USER", "POSTGRES_PW", "POSTGRES_DB", "PGADMIN_MAIL", "PGADMIN_PW" }, pgadmin.Entries.Select(e => e.Key));
        Assert.Equal("", Read("compose/awesome-compose/pihole-cloudflared-DoH/.env").Find("PIHOLE_HOST_IPV6")!.Value);
        // Interpolation is left to the reader of the values, and marked as such.
        var dotenv = Read("compose/robustness/docker-compose-e2e/fixtures/dotenv/.env");
        Assert.Equal("${COMPOSE_FILE:-development/compose.yaml}", dotenv.Find("COMPOSE_FILE")!.Value);
        Assert.True(dotenv.Find("COMPOSE_FILE")!.Interpolates);
        Assert.Null(dotenv.Find("COMPOSE_FILE")!.Literal);
        Assert.Equal("this-is-secret", Read("compose/robustness/docker-compose-e2e/testdata/TestSecretFromEnv/secret.env").Find("MY_SECRET")!.Literal);
    }
}
