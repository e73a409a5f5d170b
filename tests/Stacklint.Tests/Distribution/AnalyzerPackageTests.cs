using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Distribution;

/// <summary>Packs src/Stacklint.Analyzers once into a temporary feed, the way a user would get it from NuGet.</summary>
public sealed class PackedAnalyzer : IDisposable
{
    private readonly TempDir _temp = new();

    public PackedAnalyzer()
    {
        Dotnet = ExternalTool.Require("dotnet", "Install the .NET 10 SDK.");
        Feed = Path.Combine(_temp.Root, "feed");
        ExternalTool.RunOk(Dotnet, new[]
        {
            "pack", Repo.Path("src", "Stacklint.Analyzers", "Stacklint.Analyzers.csproj"), "--configuration", "Release",
            "--output", Feed, "--artifacts-path", Path.Combine(_temp.Root, "artifacts"), "--nologo", "-p:PackAnalyzer=true",
        }, Repo.Root);
        Package = Path.Combine(Feed, "Stacklint.Analyzers.0.1.0.nupkg");
        if (!File.Exists(Package)) throw new InvalidOperationException($"dotnet pack did not create {Package}.");
    }

    public string Dotnet { get; }
    public string Feed { get; }
    public string Package { get; }

    /// <summary>A consumer project in its own folder: a C# class library referencing the package, with the given
    /// configuration files as AdditionalFiles and the build's diagnostics written to an ErrorLog in SARIF 2.1.</summary>
    public Consumer NewConsumer() => new(this);

    public void Dispose() => _temp.Dispose();
}

public sealed class Consumer : IDisposable
{
    private readonly PackedAnalyzer _analyzer;
    private readonly TempDir _dir = new();

    public Consumer(PackedAnalyzer analyzer)
    {
        _analyzer = analyzer;
        _dir.Write("Consumer.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ErrorLog>build.sarif,version=2.1</ErrorLog>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Stacklint.Analyzers" Version="0.1.0" />
                <AdditionalFiles Include="deploy/**/*" />
              </ItemGroup>
            </Project>
            """);
        _dir.Write("Library.cs", "namespace Consumer;\npublic static class Library { }\n");
        // Only the fresh feed: the package cannot come from anywhere else.
        _dir.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="stacklint" value="{analyzer.Feed}" />
              </packageSources>
            </configuration>
            """);
    }

    public string Root => _dir.Root;
    public string Deploy => Path.Combine(_dir.Root, "deploy");

    public void Write(string relative, string content) => _dir.Write(relative, content);

    public void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            _dir.Write(Path.Combine(to, Path.GetRelativePath(from, file)), File.ReadAllText(file));
    }

    /// <summary>dotnet build, with a packages folder of its own so that no earlier build of the package is reused.</summary>
    public ExternalTool.Outcome Build() =>
        ExternalTool.Run(_analyzer.Dotnet, new[] { "build", "--nologo", "-clp:NoSummary" }, _dir.Root,
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(_dir.Root, ".packages") });

    /// <summary>"path:line:column severity ID" for each stacklint diagnostic in the build output (paths relative to deploy/).</summary>
    public IReadOnlyList<string> Warnings(ExternalTool.Outcome build)
    {
        var line = new Regex(@"^(?<path>/[^(\r\n]+)\((?<line>\d+),(?<col>\d+)\): (?<severity>error|warning|info) (?<id>(SSH|NGX|DCO|ENV|F2B|DKD|STK|LNT)\d{3}):", RegexOptions.Multiline);
        return line.Matches(build.Stdout)
            .Select(m => $"{Path.GetRelativePath(Deploy, m.Groups["path"].Value).Replace('\\', '/')}:{m.Groups["line"].Value}:{m.Groups["col"].Value} {m.Groups["severity"].Value} {m.Groups["id"].Value}")
            .Distinct()
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The same, read from the ErrorLog SARIF the compiler wrote.</summary>
    public IReadOnlyList<string> ErrorLogResults()
    {
        using var log = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Root, "build.sarif")));
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        var results = new List<string>();
        foreach (var run in log.RootElement.GetProperty("runs").EnumerateArray())
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            var id = result.GetProperty("ruleId").GetString()!;
            if (!Regex.IsMatch(id, @"^(SSH|NGX|DCO|ENV|F2B|DKD|STK|LNT)\d{3}$")) continue;
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            var path = new Uri(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath;
            var region = physical.GetProperty("region");
            var level = result.TryGetProperty("level", out var l) ? l.GetString() : "warning";
            results.Add($"{Path.GetRelativePath(Deploy, path).Replace('\\', '/')}:{region.GetProperty("startLine").GetInt32()}:{region.GetProperty("startColumn").GetInt32()} {(level == "note" ? "info" : level)} {id}");
        }
        return results.Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    public void Dispose() => _dir.Dispose();
}

public class AnalyzerPackageTests : IClassFixture<PackedAnalyzer>
{
    private readonly PackedAnalyzer _analyzer;

    public AnalyzerPackageTests(PackedAnalyzer analyzer) => _analyzer = analyzer;

    [Fact]
    public void Package_carries_the_analyzer_and_its_dependencies_and_nothing_the_compiler_provides()
    {
        using var zip = ZipFile.OpenRead(_analyzer.Package);
        var analyzers = zip.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal))
            .Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "Microsoft.Extensions.FileSystemGlobbing.dll", "Sprache.dll", "Stacklint.Analyzers.dll", "Stacklint.Core.dll", "YamlDotNet.dll" }, analyzers);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal));
        using var nuspec = new StreamReader(zip.GetEntry("Stacklint.Analyzers.nuspec")!.Open());
        var text = nuspec.ReadToEnd();
        Assert.Contains("<developmentDependency>true</developmentDependency>", text);
        Assert.DoesNotContain("<dependency ", text);
    }

    [Fact]
    public void Dotnet_build_reports_the_engines_findings_at_their_file_line_and_column_and_in_the_error_log()
    {
        using var consumer = _analyzer.NewConsumer();
        consumer.CopyTree(Repo.Path("samples", "vps-ssh", "insecure"), "deploy");
        File.Delete(Path.Combine(consumer.Deploy, "expected-findings.txt"));

        var build = consumer.Build();

        // What the CLI's engine finds in the same tree, at the same places and severities.
        var engine = Scan.Run(consumer.Deploy, allRules: false).Active
            .Select(d => $"{d.Location.GetLineSpan().Path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}:{d.Location.GetLineSpan().StartLinePosition.Character + 1} {Level(d.Severity)} {d.Id}")
            .OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.Contains("etc/ssh/sshd_config.d/50-cloud-init.conf:1:1 error SSH001", engine);
        Assert.Contains(engine, e => e.Contains(" info ", StringComparison.Ordinal));
        // The console shows errors and warnings (MSBuild keeps infos for detailed verbosity); the ErrorLog has them all.
        Assert.Equal(engine.Where(e => !e.Contains(" info ", StringComparison.Ordinal)), consumer.Warnings(build));
        Assert.Equal(engine, consumer.ErrorLogResults());
        // SSH001 is an error, so the build fails, as a compiler error would fail it.
        Assert.True(build.ExitCode != 0, build.ToString());
    }

    [Fact]
    public void A_hardened_configuration_builds_cleanly()
    {
        using var consumer = _analyzer.NewConsumer();
        consumer.CopyTree(Repo.Path("samples", "vps-ssh", "hardened"), "deploy");
        var build = consumer.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(consumer.Warnings(build));
        Assert.Empty(consumer.ErrorLogResults());
    }

    [Fact]
    public void Globalconfig_sets_severities_and_editorconfig_sections_set_them_per_path()
    {
        using var consumer = _analyzer.NewConsumer();
        consumer.CopyTree(Repo.Path("samples", "vps-ssh", "insecure"), "deploy");
        consumer.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.SSH006.severity = error\ndotnet_diagnostic.SSH007.severity = none\n");
        // .editorconfig's dotnet_diagnostic does not reach diagnostics in AdditionalFiles (dotnet/roslyn#31916).
        consumer.Write(".editorconfig", "root = true\n[deploy/etc/ssh/sshd_config.d/*.conf]\nstacklint_diagnostic.SSH001.severity = warning\n[*]\nstacklint_diagnostic.SSH009.severity = none\n");

        var warnings = consumer.Warnings(consumer.Build());

        Assert.Contains("etc/ssh/sshd_config:11:1 error SSH006", warnings);
        Assert.DoesNotContain(warnings, w => w.EndsWith(" SSH007", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.EndsWith(" SSH009", StringComparison.Ordinal));
        Assert.Contains("etc/ssh/sshd_config.d/50-cloud-init.conf:1:1 warning SSH001", warnings);
        Assert.Contains("etc/ssh/sshd_config:35:5 error SSH001", warnings);
    }

    [Fact]
    public void Inline_suppressions_and_an_off_by_default_rule_switched_on_by_globalconfig()
    {
        using var consumer = _analyzer.NewConsumer();
        consumer.Write("deploy/sshd_config", "# stacklint-disable-next-line SSH001 -- passwords until the keys are rolled out\nPasswordAuthentication yes\nPermitRootLogin yes\n");
        consumer.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.SSH022.severity = warning\n");

        var warnings = consumer.Warnings(consumer.Build());

        Assert.DoesNotContain(warnings, w => w.EndsWith(" SSH001", StringComparison.Ordinal));
        Assert.Contains("sshd_config:3:1 error SSH002", warnings);
        Assert.Contains("sshd_config:1:1 warning SSH022", warnings);
    }

    private static string Level(Microsoft.CodeAnalysis.DiagnosticSeverity severity) => severity switch
    {
        Microsoft.CodeAnalysis.DiagnosticSeverity.Error => "error",
        Microsoft.CodeAnalysis.DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };
}
