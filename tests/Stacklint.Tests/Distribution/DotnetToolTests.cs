using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Distribution;

/// <summary>Packs Linter.sln once (into a temporary feed, with its own bin/obj so the build the tests run from is not
/// touched) and installs the package with <c>dotnet tool install --tool-path</c>, as a user would.</summary>
public sealed class PackedTool : IDisposable
{
    private readonly TempDir _temp = new();

    public PackedTool()
    {
        var dotnet = ExternalTool.Require("dotnet", "Install the .NET 10 SDK.");
        Feed = Path.Combine(_temp.Root, "feed");
        ToolPath = Path.Combine(_temp.Root, "tools");

        Pack = ExternalTool.RunOk(dotnet, new[]
        {
            "pack", Repo.Path("Linter.sln"), "--configuration", "Release", "--output", Feed,
            "--artifacts-path", Path.Combine(_temp.Root, "artifacts"), "--nologo",
        }, Repo.Root);

        // The repository's nuget.config uses packageSourceMapping, and NuGet refuses `--add-source` next to a mapping
        // ("The --add-source option cannot be combined with package source mapping"). Install from a folder whose
        // nuget.config clears every source, so the package can only come from the fresh feed (what pre-commit does too).
        var work = Path.Combine(_temp.Root, "work");
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "nuget.config"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n  </packageSources>\n</configuration>\n");
        Install = ExternalTool.RunOk(dotnet, new[] { "tool", "install", "stacklint", "--tool-path", ToolPath, "--add-source", Feed }, work);

        Executable = Path.Combine(ToolPath, OperatingSystem.IsWindows() ? "stacklint.exe" : "stacklint");
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"dotnet tool install did not create {Executable}:{Environment.NewLine}{Install}");
    }

    public string Feed { get; }
    public string ToolPath { get; }
    public string Executable { get; }
    public ExternalTool.Outcome Pack { get; }
    public ExternalTool.Outcome Install { get; }

    public ExternalTool.Outcome Stacklint(string workingDirectory, params string[] args) =>
        ExternalTool.Run(Executable, args, workingDirectory);

    public void Dispose() => _temp.Dispose();
}

public class DotnetToolTests : IClassFixture<PackedTool>
{
    private readonly PackedTool _tool;

    public DotnetToolTests(PackedTool tool) => _tool = tool;

    [Fact]
    public void Packing_the_solution_gives_exactly_the_tool_package()
    {
        var packages = Directory.GetFiles(_tool.Feed).Select(Path.GetFileName).ToList();
        Assert.Equal(new[] { "stacklint.0.1.0.nupkg" }, packages);
    }

    [Fact]
    public void Tool_package_carries_its_metadata()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_tool.Feed, "stacklint.0.1.0.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", entries);
        Assert.Contains("tools/net10.0/any/stacklint.dll", entries);

        XNamespace ns = "http://schemas.microsoft.com/packaging/2012/06/nuspec.xsd";
        var metadata = Xml(zip, "stacklint.nuspec").Root!.Element(ns + "metadata")!;
        string? Value(string name) => metadata.Element(ns + name)?.Value;
        Assert.Equal("stacklint", Value("id"));
        Assert.Equal("0.1.0", Value("version"));
        Assert.Equal("stacklint contributors", Value("authors"));
        Assert.Equal("https://github.com/stacklint/stacklint", Value("projectUrl"));
        Assert.False(string.IsNullOrWhiteSpace(Value("copyright")));
        Assert.Equal("README.md", Value("readme"));
        var license = metadata.Element(ns + "license")!;
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        var repository = metadata.Element(ns + "repository")!;
        Assert.Equal(("git", "https://github.com/stacklint/stacklint"), ((string?)repository.Attribute("type"), (string?)repository.Attribute("url")));
        Assert.Equal("DotnetTool", (string?)metadata.Element(ns + "packageTypes")?.Element(ns + "packageType")?.Attribute("name"));

        var command = Xml(zip, "tools/net10.0/any/DotnetToolSettings.xml").Descendants("Command").Single();
        Assert.Equal(("stacklint", "stacklint.dll"), ((string?)command.Attribute("Name"), (string?)command.Attribute("EntryPoint")));
    }

    [Fact]
    public void Installed_tool_fails_on_the_insecure_sample()
    {
        var outcome = _tool.Stacklint(Path.GetTempPath(), "scan", Repo.Path("samples", "vps-ssh", "insecure"));
        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains("SSH001", outcome.Stdout);
        Assert.Contains("sshd_config.d/50-cloud-init.conf:1:1: error SSH001", outcome.Stdout);
    }

    [Fact]
    public void Installed_tool_passes_the_hardened_sample()
    {
        var outcome = _tool.Stacklint(Repo.Root, "scan", "samples/vps-ssh/hardened");
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("0 errors, 0 warnings", outcome.Stdout);
    }

    [Fact]
    public void Installed_tool_runs_its_other_commands()
    {
        var outcome = _tool.Stacklint(Repo.Root, "explain", "SSH001");
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("PasswordAuthentication", outcome.Stdout);
    }

    private static XDocument Xml(ZipArchive zip, string entryName)
    {
        var entry = zip.GetEntry(entryName) ?? throw new InvalidOperationException($"{entryName} is not in the package.");
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }
}
