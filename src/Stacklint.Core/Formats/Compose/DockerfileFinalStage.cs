using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Formats.Compose;

/// <summary>One instruction of a Dockerfile: its keyword (upper case), its arguments and its first line (1-based).</summary>
public sealed record DockerfileInstruction(string Keyword, string Arguments, int Line);

/// <summary>
/// What the compose rules need from a service's Dockerfile: the instructions of its final stage (after the last
/// <c>FROM</c>, the image that runs), read with <c>\</c> continuations (or the <c># escape=`</c> directive's character),
/// comment lines skipped and blank lines inside a continuation ignored, as BuildKit does. Heredocs are not followed
/// (their lines are read as instructions of their own, which at worst hides nothing the rules ask about). A minimal
/// reader for DCO011 (<c>USER</c>) and DCO012 (<c>HEALTHCHECK</c>) of the services a project builds: a helper of the compose
/// model, not a format of its own (spec open question 10).
/// </summary>
public sealed class DockerfileFinalStage
{
    private DockerfileFinalStage(IReadOnlyList<DockerfileInstruction> instructions) => Instructions = instructions;

    /// <summary>The final stage's instructions, its <c>FROM</c> first (all instructions when there is no <c>FROM</c>).</summary>
    public IReadOnlyList<DockerfileInstruction> Instructions { get; }

    /// <summary>The last <c>USER</c> of the final stage (the user the container runs as), or null.</summary>
    public DockerfileInstruction? User => Instructions.LastOrDefault(i => i.Keyword == "USER");

    /// <summary>The last <c>HEALTHCHECK</c> of the final stage, or null.</summary>
    public DockerfileInstruction? Healthcheck => Instructions.LastOrDefault(i => i.Keyword == "HEALTHCHECK");

    /// <summary>The final stage runs as a user other than root (<c>USER app</c>, <c>USER 10001:10001</c>).</summary>
    public bool RunsAsNonRoot => User is { } user && !IsRootUser(user.Arguments.Trim());

    /// <summary>The final stage defines a health check (<c>HEALTHCHECK NONE</c> switches the base image's off).</summary>
    public bool HasHealthcheck => Healthcheck is { } check && !check.Arguments.Trim().Equals("NONE", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>root</c>, <c>0</c>, or either with any group (<c>root:root</c>, <c>0:0</c>); an empty user is root.</summary>
    public static bool IsRootUser(string user)
    {
        var name = user.Split(':')[0].Trim();
        return name.Length == 0 || name == "root" || name == "0";
    }

    public static DockerfileFinalStage Read(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var escape = '\\';
        // Parser directives come first: "# escape=`" (Windows images).
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith("#", StringComparison.Ordinal)) break;
            var directive = trimmed.Substring(1).Trim();
            if (directive.StartsWith("escape", StringComparison.OrdinalIgnoreCase) && directive.IndexOf('=') is var eq and > 0
                && directive.Substring(eq + 1).Trim() is { Length: 1 } character)
                escape = character[0];
        }

        var instructions = new List<DockerfileInstruction>();
        var current = new System.Text.StringBuilder();
        var startLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (current.Length == 0)
            {
                if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal)) continue;
                startLine = i + 1;
            }
            else if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal)) continue; // inside a continuation

            var trimmedEnd = line.TrimEnd();
            if (trimmedEnd.Length > 0 && trimmedEnd[trimmedEnd.Length - 1] == escape)
            {
                current.Append(trimmedEnd, 0, trimmedEnd.Length - 1).Append(' ');
                continue;
            }
            current.Append(line);
            Add(instructions, current.ToString(), startLine);
            current.Clear();
        }
        if (current.Length > 0) Add(instructions, current.ToString(), startLine);

        // Stages by FROM; a final stage built FROM an earlier stage's name inherits that stage's USER and HEALTHCHECK.
        var stages = new List<List<DockerfileInstruction>>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM" || stages.Count == 0) stages.Add(new List<DockerfileInstruction>());
            stages[stages.Count - 1].Add(instruction);
        }
        if (stages.Count == 0) return new DockerfileFinalStage(instructions);
        var final = new List<DockerfileInstruction>();
        var index = stages.Count - 1;
        for (var hops = 0; index >= 0 && hops < stages.Count; hops++)
        {
            final.InsertRange(0, stages[index]);
            var image = FromImage(stages[index][0]);
            var next = -1;
            for (var j = index - 1; j >= 0 && image is not null; j--)
                if (Alias(stages[j][0]) == image)
                {
                    next = j;
                    break;
                }
            index = next;
        }
        return new DockerfileFinalStage(final);
    }

    /// <summary>The image of <c>FROM [--platform=…] image [AS name]</c>, lower case.</summary>
    private static string? FromImage(DockerfileInstruction from)
    {
        if (from.Keyword != "FROM") return null;
        var words = from.Arguments.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        return words.Count > 0 ? words[0].ToLowerInvariant() : null;
    }

    /// <summary>The stage name of <c>FROM image AS name</c>, lower case, or null.</summary>
    private static string? Alias(DockerfileInstruction from)
    {
        if (from.Keyword != "FROM") return null;
        var words = from.Arguments.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < words.Length; i++)
            if (words[i].Equals("AS", StringComparison.OrdinalIgnoreCase)) return words[i + 1].ToLowerInvariant();
        return null;
    }

    private static void Add(List<DockerfileInstruction> instructions, string text, int line)
    {
        var trimmed = text.Trim();
        var space = trimmed.IndexOfAny(new[] { ' ', '\t' });
        var keyword = (space < 0 ? trimmed : trimmed.Substring(0, space)).ToUpperInvariant();
        instructions.Add(new DockerfileInstruction(keyword, space < 0 ? "" : trimmed.Substring(space + 1).Trim(), line));
    }
}
