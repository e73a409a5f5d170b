using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stacklint.Stack;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.DotEnv;

/// <summary>What stacklint learns from git about .env files (ENV001, ENV011), held against git itself.</summary>
public class GitAwarenessTests
{
    private static string Git => ExternalTool.Require("git", "Install git (apt-get install git).");

    /// <summary>git with no system, global or XDG configuration: only the repository's own rules count.</summary>
    private static ExternalTool.Outcome RunGit(string root, string home, params string[] arguments) =>
        ExternalTool.Run(Git, arguments, root, new Dictionary<string, string?>
        {
            ["GIT_CONFIG_NOSYSTEM"] = "1", ["GIT_CONFIG_GLOBAL"] = Path.Combine(home, "gitconfig"), ["HOME"] = home,
            ["XDG_CONFIG_HOME"] = home, ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@example.invalid",
            ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@example.invalid",
        });

    /// <summary>A repository with nested .gitignore files, negations, directory patterns, anchors, ** and
    /// .git/info/exclude.</summary>
    private static TempDir Repository(TempDir home)
    {
        var tree = new TempDir();
        RunGit(tree.Root, home.Root, "init", "-q");
        tree.Write(".gitignore", "# root rules\n.env\n.env.*\n!.env.example\n!/deploy/.env.production\nsecrets/\n/build\n**/cache/**/.env\n*.local\n");
        tree.Write("services/api/.gitignore", "!.env\n.env.staging\n");
        tree.Write("services/web/.gitignore", "/.env.test\n");
        tree.Write("docs/.gitignore", "*\n!*.md\n");
        File.AppendAllText(Path.Combine(tree.Root, ".git", "info", "exclude"), "\nlocal-only.env\n");
        return tree;
    }

    private static readonly string[] Paths =
    {
        ".env", ".env.example", ".env.production", "deploy/.env.production", "deploy/.env", "secrets/.env", "build/.env",
        "sub/build/.env", "services/api/.env", "services/api/.env.staging", "services/api/.env.example", "services/web/.env.test",
        "services/web/sub/.env.test", "services/web/.env", "a/cache/b/.env", "cache/.env", "x.local", "local-only.env",
        "sub/local-only.env", "docs/.env", "docs/readme.md", "prod.env", "app.env", ".envrc",
    };

    [Fact]
    public void Ignore_decisions_agree_with_git_check_ignore()
    {
        using var home = new TempDir();
        using var tree = Repository(home);
        var repository = GitRepository.Open(tree.Root);
        Assert.True(repository.IsWorkTree);
        var disagreements = new List<string>();
        foreach (var path in Paths)
        {
            // --no-index: the rules alone, whether or not the file is tracked (exit 0 = ignored, 1 = not).
            var git = RunGit(tree.Root, home.Root, "check-ignore", "--no-index", "-q", path);
            Assert.InRange(git.ExitCode, 0, 1);
            var ours = repository.IsIgnored(path);
            if (ours != (git.ExitCode == 0)) disagreements.Add($"{path}: git says {(git.ExitCode == 0 ? "ignored" : "not ignored")}, stacklint {(ours ? "ignored" : "not ignored")}");
        }
        Assert.Empty(disagreements);
    }

    [Fact]
    public void A_scan_root_below_the_top_of_the_work_tree_reads_the_ignore_files_above_it()
    {
        using var home = new TempDir();
        using var tree = Repository(home);
        var repository = GitRepository.Open(Path.Combine(tree.Root, "services", "api"));
        Assert.Equal(tree.Root.TrimEnd(Path.DirectorySeparatorChar), repository.WorkTreeRoot);
        // The root's ".env" is re-included by services/api/.gitignore; its ".env.*" is not.
        Assert.False(repository.IsIgnored(".env"));
        Assert.True(repository.IsIgnored(".env.staging"));
        Assert.True(repository.IsIgnored(".env.production"));
    }

    [Fact]
    public void Tracked_files_come_from_git_ls_files_relative_to_the_scan_root()
    {
        using var home = new TempDir();
        using var tree = Repository(home);
        tree.Write("services/api/.env", "A=1\n");
        tree.Write("services/web/.env", "A=1\n");
        RunGit(tree.Root, home.Root, "add", "-f", "services/api/.env");
        var top = GitRepository.Open(tree.Root);
        Assert.True(top.IsTracked("services/api/.env"));
        Assert.False(top.IsTracked("services/web/.env"));
        var below = GitRepository.Open(Path.Combine(tree.Root, "services"));
        Assert.True(below.IsTracked("api/.env"));
    }

    [Fact]
    public void Outside_a_work_tree_nothing_is_tracked_and_ignore_files_of_the_tree_still_count()
    {
        using var tree = new TempDir();
        tree.Write(".gitignore", ".env\n");
        var repository = GitRepository.Open(tree.Root);
        Assert.False(repository.IsWorkTree);
        Assert.Null(repository.IsTracked(".env"));
        Assert.True(repository.IsIgnored(".env"));
        Assert.True(repository.HasIgnoreRules("sub/.env"));
        using var plain = new TempDir();
        Assert.False(GitRepository.Open(plain.Root).HasIgnoreRules(".env"));
    }

    /// <summary>An active .gitignore among the fixtures would hide fixture files from this repository (a fresh clone
    /// would miss them): fixtures keep theirs as <c>gitignore</c>, materialised as <c>.gitignore</c>.</summary>
    [Fact]
    public void Fixtures_store_their_ignore_files_under_a_name_git_does_not_read() =>
        Assert.Empty(Directory.GetFiles(Repo.Path("tests", "Stacklint.Tests", "Fixtures"), ".gitignore", SearchOption.AllDirectories));

    /// <summary>The CLI without the git command on PATH: tracking is unknown, so a tracked but ignored .env is not
    /// reported, while one the ignore rules do not cover still is.</summary>
    [Fact]
    public void Without_the_git_command_the_ignore_rules_alone_decide()
    {
        using var home = new TempDir();
        using var tree = new TempDir();
        RunGit(tree.Root, home.Root, "init", "-q");
        tree.Write(".gitignore", ".env\n");
        tree.Write(".env", "# expect: ENV001\nAPI_TOKEN=3Uf6SdX08q792bZiWiXsX6qV\n");
        tree.Write("deploy/prod.env", "API_TOKEN=3Uf6SdX08q792bZiWiXsX6qV\n");
        RunGit(tree.Root, home.Root, "add", "-f", ".env");

        static List<string> Env001(ExternalTool.Outcome run) => run.Stdout.Split('\n')
            .Where(l => l.Contains(" ENV001: ")).Select(l => l.Substring(0, l.IndexOf(" ENV001: ", StringComparison.Ordinal))).ToList();
        var dll = Path.Combine(AppContext.BaseDirectory, "stacklint.dll");
        var dotnet = ExternalTool.Require("dotnet", "The .NET SDK runs the tests.");
        var withGit = ExternalTool.Run(dotnet, new[] { dll, "scan", "--format", "text" }, tree.Root);
        var withoutGit = ExternalTool.Run(dotnet, new[] { dll, "scan", "--format", "text" }, tree.Root,
            new Dictionary<string, string?> { ["PATH"] = Path.Combine(home.Root, "no-bin") });

        Assert.Equal(new[] { ".env:1:1: error", "deploy/prod.env:1:1: error" }, Env001(withGit));
        Assert.Equal(new[] { "deploy/prod.env:1:1: error" }, Env001(withoutGit));
        Assert.Contains("is committed to git although .gitignore covers it", withGit.Stdout);
        Assert.Contains("is not covered by .gitignore", withoutGit.Stdout);
    }
}
