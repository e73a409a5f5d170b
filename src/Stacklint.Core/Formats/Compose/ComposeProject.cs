using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Text;

namespace Stacklint.Formats.Compose;

/// <summary>Why a file is part of a project.</summary>
public enum ComposeFileRole
{
    /// <summary>The project's first file (<c>compose.yaml</c>, or a file Compose would be given with <c>-f</c>).</summary>
    Main,
    /// <summary>An override merged over it (<c>compose.override.yaml</c>).</summary>
    Override,
    /// <summary>A file named by a service's <c>extends.file</c>.</summary>
    Extends,
    /// <summary>A file named by top-level <c>include:</c>.</summary>
    Include,
}

/// <summary>A compose file as part of a project.</summary>
public sealed class ComposeFile
{
    internal ComposeFile(ComposeYamlDocument yaml, ComposeFileRole role, string baseDirectory)
    {
        Yaml = yaml;
        Role = role;
        BaseDirectory = baseDirectory;
    }

    public SourceFile File => Yaml.File;
    public ComposeYamlDocument Yaml { get; }
    public ComposeFileRole Role { get; }
    /// <summary>The root-relative directory relative paths in this file resolve against (the project directory for the
    /// main and override files, the file's own directory for an extended file, the included project's directory).</summary>
    public string BaseDirectory { get; }
    public override string ToString() => $"{File.RelativePath} ({Role})";
}

/// <summary>
/// A Compose project as <c>docker compose</c> would load it: its files merged by the Compose Specification's rules,
/// each file interpolated from the project's <c>.env</c> before merging, <c>include</c>d projects added, <c>extends</c>
/// resolved, unicity enforced. Services of every profile are present (each knows its profiles).
/// </summary>
public sealed class ComposeProject
{
    internal ComposeProject(string name, string directory, IReadOnlyList<ComposeFile> files, ComposeMapping root,
        IReadOnlyList<ComposeService> services, IComposeEnvironment variables, SourceFile? dotEnv,
        IReadOnlyList<ComposeVariableUse> variableUses, IReadOnlyList<ComposeError> errors, IReadOnlyList<SourceFile> variableFiles)
    {
        VariableFiles = variableFiles;
        Name = name;
        Directory = directory;
        Files = files;
        Root = root;
        Services = services;
        Variables = variables;
        DotEnv = dotEnv;
        VariableUses = variableUses;
        Errors = errors;
    }

    /// <summary>Top-level <c>name:</c>, else <c>COMPOSE_PROJECT_NAME</c> from .env, else the directory's name.</summary>
    public string Name { get; }
    /// <summary>The project directory, relative to the scan root ("" for the root).</summary>
    public string Directory { get; }
    /// <summary>Every compose file the project reads: the main file first, then overrides, included and extended files.</summary>
    public IReadOnlyList<ComposeFile> Files { get; }
    public ComposeFile Main => Files[0];
    /// <summary>The merged, interpolated document.</summary>
    public ComposeMapping Root { get; }
    public IReadOnlyList<ComposeService> Services { get; }
    public ComposeService? Service(string name) => Services.FirstOrDefault(s => s.Name == name);
    public ComposeMapping? Volumes => Root["volumes"] as ComposeMapping;
    public ComposeMapping? Networks => Root["networks"] as ComposeMapping;
    public ComposeMapping? Secrets => Root["secrets"] as ComposeMapping;
    public ComposeMapping? Configs => Root["configs"] as ComposeMapping;
    /// <summary>The variables interpolation used (the project's .env only: the linter's own environment never counts).</summary>
    public IComposeEnvironment Variables { get; }
    /// <summary>The project's <c>.env</c> when the repository has one.</summary>
    public SourceFile? DotEnv { get; }
    /// <summary>The .env-format files the project reads: its .env, included projects' .env and env_files, the services'
    /// env_file files that exist.</summary>
    public IReadOnlyList<SourceFile> VariableFiles { get; }
    /// <summary>Every substitution in every file of the project, nested ones included, where it is written (also in
    /// values a later merge replaced): for rules about unset variables and defaults.</summary>
    public IReadOnlyList<ComposeVariableUse> VariableUses { get; }
    /// <summary>Problems Compose would refuse the project for (also reported as LNT001/LNT002 by the loader).</summary>
    public IReadOnlyList<ComposeError> Errors { get; }

    public override string ToString() => $"{Name} ({Main.File.RelativePath})";
}
