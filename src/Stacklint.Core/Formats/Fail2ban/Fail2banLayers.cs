using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Stacklint.Formats.Fail2ban;

/// <summary>
/// The files of one fail2ban configuration ("jail" or "fail2ban") merged the way fail2ban 1.0.2's
/// <c>SafeConfigParserWithIncludes.read</c> merges them, file by file in reading order:
/// <list type="bullet">
/// <item>[DEFAULT] options of every file go into one defaults table; a later file replaces an earlier value.</item>
/// <item>A section met again in a later file takes that file's options over (the others stay); before that, the values
/// it replaces are kept as the section's "known" values (<c>%(known/port)s</c>).</item>
/// <item>A section named <c>name?cond</c> merges into <c>name</c> with its options renamed <c>option?cond</c>.</item>
/// <item>Reading a value looks in its section first, then in [DEFAULT]: any section's own value, from any file,
/// beats [DEFAULT] from any file (a [DEFAULT] in jail.local does not change what jail.conf sets in [sshd]).</item>
/// </list>
/// Each option keeps every line that wrote it, so that a value can say where it came from and what it overrode.
/// </summary>
internal sealed class Fail2banLayers
{
    private readonly Dictionary<string, List<Fail2banOption>> _defaults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, List<Fail2banOption>>> _sections = new(StringComparer.Ordinal);
    private readonly List<string> _sectionOrder = new();
    private readonly Dictionary<string, Dictionary<string, Fail2banOption>> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Fail2banSection>> _blocks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _builtIn = new(StringComparer.Ordinal);

    private static readonly Regex Conditional = new(@"^(\w+)(\?.+)$", RegexOptions.CultureInvariant);

    /// <summary>Section names in the order fail2ban first met them (its jail order).</summary>
    public IReadOnlyList<string> SectionNames => _sectionOrder;

    /// <summary>Every [name] block of every file read, by merged section name.</summary>
    public IReadOnlyList<Fail2banSection> Blocks(string section) =>
        _blocks.TryGetValue(section, out var blocks) ? blocks : (IReadOnlyList<Fail2banSection>)Array.Empty<Fail2banSection>();

    public bool HasSection(string section) => _sections.ContainsKey(section);

    /// <summary>Defaults fail2ban adds itself before it reads jails (<c>fail2ban_version</c>, <c>fail2ban_confpath</c>);
    /// they replace the files' values of the same name.</summary>
    public void AddBuiltInDefault(string name, string value) => _builtIn[name] = value;

    public void Merge(Fail2banDocument document)
    {
        // One file first becomes its own defaults and sections (configparser per file)...
        var fileDefaults = new Dictionary<string, Fail2banOption>(StringComparer.Ordinal);
        var fileSections = new List<(string Name, Dictionary<string, Fail2banOption> Options)>();
        foreach (var block in document.Sections)
        {
            if (block.IsDefault)
            {
                foreach (var option in block.Options) fileDefaults[option.Name] = option;
                continue;
            }
            var options = fileSections.FirstOrDefault(s => s.Name == block.Name).Options;
            if (options is null)
            {
                options = new Dictionary<string, Fail2banOption>(StringComparer.Ordinal);
                fileSections.Add((block.Name, options));
            }
            foreach (var option in block.Options) options[option.Name] = option;
            var merged = Conditional.Match(block.Name) is { Success: true } m ? m.Groups[1].Value : block.Name;
            if (!_blocks.TryGetValue(merged, out var blocks)) _blocks[merged] = blocks = new List<Fail2banSection>();
            blocks.Add(block);
        }

        // ... then joins what was read before.
        foreach (var pair in fileDefaults)
            Add(_defaults, pair.Key, pair.Value);
        foreach (var (written, options) in fileSections)
        {
            var name = written;
            var keys = options.Keys.ToDictionary(k => k, k => k, StringComparer.Ordinal);
            if (Conditional.Match(written) is { Success: true } m)
            {
                name = m.Groups[1].Value;
                keys = options.Keys.ToDictionary(k => k, k => k + m.Groups[2].Value, StringComparer.Ordinal);
            }
            if (_sections.TryGetValue(name, out var existing))
            {
                if (!_known.TryGetValue(name, out var known)) _known[name] = known = new Dictionary<string, Fail2banOption>(StringComparer.Ordinal);
                foreach (var key in keys.Values)
                    if (existing.TryGetValue(key, out var before)) known[key] = before[before.Count - 1];
            }
            else
            {
                _sections[name] = existing = new Dictionary<string, List<Fail2banOption>>(StringComparer.Ordinal);
                _sectionOrder.Add(name);
            }
            foreach (var pair in options) Add(existing, keys[pair.Key], pair.Value);
        }
    }

    private static void Add(Dictionary<string, List<Fail2banOption>> table, string key, Fail2banOption option)
    {
        if (!table.TryGetValue(key, out var writers)) table[key] = writers = new List<Fail2banOption>();
        writers.Add(option);
    }

    /// <summary>The names set in a section itself (without [DEFAULT]).</summary>
    public IEnumerable<string> OwnOptions(string section) =>
        _sections.TryGetValue(section, out var options) ? options.Keys : Enumerable.Empty<string>();

    /// <summary>The names [DEFAULT] and fail2ban provide.</summary>
    public IEnumerable<string> DefaultOptions => _defaults.Keys.Concat(_builtIn.Keys).Distinct();

    /// <summary>A raw value as configparser looks it up: the section's (for a name other than DEFAULT), then the
    /// defaults. <paramref name="origin"/> is null for a value fail2ban supplies itself.</summary>
    public bool TryRaw(string section, string name, out string value, out Fail2banOption? origin)
    {
        if (section != Fail2banParser.DefaultSection && _sections.TryGetValue(section, out var options) && options.TryGetValue(name, out var writers))
        {
            origin = writers[writers.Count - 1];
            value = origin.Value;
            return true;
        }
        return TryDefault(name, out value, out origin);
    }

    private bool TryDefault(string name, out string value, out Fail2banOption? origin)
    {
        if (_builtIn.TryGetValue(name, out var builtIn))
        {
            origin = null;
            value = builtIn;
            return true;
        }
        if (_defaults.TryGetValue(name, out var writers))
        {
            origin = writers[writers.Count - 1];
            value = origin.Value;
            return true;
        }
        origin = null;
        value = "";
        return false;
    }

    /// <summary>Every line that wrote <paramref name="name"/> for <paramref name="section"/>, in reading order: the
    /// section's own, and [DEFAULT]'s (which lose to any of the section's).</summary>
    public (IReadOnlyList<Fail2banOption> Own, IReadOnlyList<Fail2banOption> Defaults) Writers(string section, string name)
    {
        IReadOnlyList<Fail2banOption> own = section != Fail2banParser.DefaultSection && _sections.TryGetValue(section, out var options)
            && options.TryGetValue(name, out var writers) ? writers : Array.Empty<Fail2banOption>();
        IReadOnlyList<Fail2banOption> defaults = _defaults.TryGetValue(name, out var defaultWriters) ? defaultWriters : Array.Empty<Fail2banOption>();
        return (own, defaults);
    }

    public bool IsBuiltIn(string name) => _builtIn.ContainsKey(name);

    // ---- interpolation: configparser's BasicInterpolation with fail2ban's BasicInterpolationWithName.

    private const int MaxDepth = 10;
    private static readonly Regex Key = new(@"^%\(([^)]+)\)s", RegexOptions.CultureInvariant);
    private static readonly Regex SectionOption = new(@"%\(([\w\-]+/([^\)]+))\)s", RegexOptions.CultureInvariant);

    /// <summary>A value with <c>%(name)s</c> references replaced as fail2ban does (<see cref="Interpolate"/>).</summary>
    public Fail2banInterpolated Get(string section, string name)
    {
        if (!TryRaw(section, name, out var raw, out var origin)) return new Fail2banInterpolated("", null, null);
        return Interpolate(section, name, raw, origin);
    }

    /// <summary>
    /// configparser's <c>before_get</c> for <paramref name="raw"/> read as option <paramref name="name"/> of
    /// <paramref name="section"/>: <c>%%</c> is <c>%</c>; <c>%(key)s</c> (key lower-cased) is looked up in the section,
    /// then [DEFAULT], and expanded again if it holds <c>%</c>, up to 10 levels deep; <c>%(__name__)s</c> is the section's
    /// name; <c>%(known/key)s</c> is the value a later file replaced in this section (else the default),
    /// <c>%(default/key)s</c> the default, <c>%(other/key)s</c> another section's raw value (else the default). A missing key,
    /// a deeper chain or a lone <c>%</c> is the error fail2ban stops with.
    /// </summary>
    public Fail2banInterpolated Interpolate(string section, string name, string raw, Fail2banOption? origin)
    {
        var accum = new StringBuilder();
        var trail = new List<Fail2banOption?> { origin };
        try
        {
            Expand(section, name, raw, accum, raw, new Dictionary<string, (string, Fail2banOption?)>(StringComparer.Ordinal), 1, trail);
            return new Fail2banInterpolated(accum.ToString(), null, null);
        }
        catch (InterpolationFailure failure)
        {
            return new Fail2banInterpolated(raw, failure.Problem, failure.Trail);
        }
    }

    private sealed class InterpolationFailure : Exception
    {
        public InterpolationFailure(Fail2banInterpolationProblem problem, IReadOnlyList<Fail2banOption?> trail) : base(problem.Message)
        {
            Problem = problem;
            Trail = trail;
        }

        public Fail2banInterpolationProblem Problem { get; }
        public IReadOnlyList<Fail2banOption?> Trail { get; }
    }

    private void Expand(string section, string option, string rawValue, StringBuilder accum, string rest,
        Dictionary<string, (string Value, Fail2banOption? Origin)> vars, int depth, List<Fail2banOption?> trail)
    {
        // fail2ban's wrapper runs at every level: a copy of the map with __name__ and the section/option references.
        vars = new Dictionary<string, (string, Fail2banOption?)>(vars, StringComparer.Ordinal) { ["__name__"] = (section, null) };
        MapSectionOptions(section, rest, vars);
        if (depth > MaxDepth)
            throw new InterpolationFailure(new Fail2banInterpolationProblem(Fail2banInterpolationError.TooDeep, null,
                $"Recursion limit exceeded in value substitution: option {PythonText.Repr(option)} in section {PythonText.Repr(section)} contains an interpolation key which cannot be substituted in {MaxDepth} steps"),
                trail.ToList());
        while (rest.Length > 0)
        {
            var p = rest.IndexOf('%');
            if (p < 0)
            {
                accum.Append(rest);
                return;
            }
            accum.Append(rest, 0, p);
            rest = rest.Substring(p);
            var c = rest.Length > 1 ? rest[1] : '\0';
            if (c == '%')
            {
                accum.Append('%');
                rest = rest.Substring(2);
            }
            else if (c == '(')
            {
                var m = Key.Match(rest);
                if (!m.Success)
                    throw new InterpolationFailure(new Fail2banInterpolationProblem(Fail2banInterpolationError.Syntax, null,
                        $"bad interpolation variable reference {PythonText.Repr(rest)}"), trail.ToList());
                var key = Fail2banParser.FoldOptionName(m.Groups[1].Value);
                rest = rest.Substring(m.Length);
                if (!Lookup(section, key, vars, out var value, out var origin))
                    throw new InterpolationFailure(new Fail2banInterpolationProblem(Fail2banInterpolationError.Undefined, key,
                        $"Bad value substitution: option {PythonText.Repr(option)} in section {PythonText.Repr(section)} contains an interpolation key {PythonText.Repr(key)} which is not a valid option name"),
                        trail.ToList());
                if (value.IndexOf('%') >= 0)
                {
                    trail.Add(origin);
                    Expand(section, option, rawValue, accum, value, vars, depth + 1, trail);
                    trail.RemoveAt(trail.Count - 1);
                }
                else accum.Append(value);
            }
            else
            {
                throw new InterpolationFailure(new Fail2banInterpolationProblem(Fail2banInterpolationError.Syntax, null,
                    $"'%' must be followed by '%' or '(', found: {PythonText.Repr(rest)}"), trail.ToList());
            }
        }
    }

    private bool Lookup(string section, string key, Dictionary<string, (string Value, Fail2banOption? Origin)> vars, out string value, out Fail2banOption? origin)
    {
        if (vars.TryGetValue(key, out var mapped))
        {
            value = mapped.Value;
            origin = mapped.Origin;
            return true;
        }
        return TryRaw(section, key, out value, out origin);
    }

    /// <summary>fail2ban's <c>_map_section_options</c>: puts the raw values of <c>%(section/option)s</c> references into
    /// the map (names as written; only lower-case ones are then found, as configparser lower-cases the key).</summary>
    private void MapSectionOptions(string section, string rest, Dictionary<string, (string Value, Fail2banOption? Origin)> vars)
    {
        if (rest.IndexOf('/') < 0 || rest.IndexOf("%(", StringComparison.Ordinal) < 0) return;
        foreach (Match m in SectionOption.Matches(rest))
        {
            var reference = m.Groups[1].Value;
            var option = m.Groups[2].Value;
            if (vars.ContainsKey(reference) || (TryRaw(section, reference, out _, out _))) continue;
            var target = reference.Substring(0, reference.Length - option.Length - 1);
            var lower = target.ToLowerInvariant();
            (string, Fail2banOption?)? found = null;
            if (lower == "known")
            {
                if (_known.TryGetValue(section, out var known) && known.TryGetValue(option, out var before)) found = (before.Value, before);
            }
            else if (lower != "default")
            {
                if (!_sections.TryGetValue(target, out var options)) continue;
                if (options.TryGetValue(option, out var writers)) found = (writers[writers.Count - 1].Value, writers[writers.Count - 1]);
            }
            if (found is null)
            {
                if (!TryDefault(option, out var value, out var origin)) continue;
                found = (value, origin);
            }
            vars[reference] = found.Value;
        }
    }
}

/// <summary>What kind of <c>%(…)s</c> problem stops fail2ban.</summary>
public enum Fail2banInterpolationError
{
    /// <summary><c>%(name)s</c> names an option defined nowhere the value can see.</summary>
    Undefined,
    /// <summary>References nest deeper than 10 levels (a loop such as <c>a = %(b)s</c>, <c>b = %(a)s</c>).</summary>
    TooDeep,
    /// <summary>A <c>%</c> that is neither <c>%%</c> nor <c>%(name)s</c>.</summary>
    Syntax,
}

/// <summary>An interpolation error, in configparser's words.</summary>
/// <param name="Key">The undefined key, for <see cref="Fail2banInterpolationError.Undefined"/>.</param>
public sealed record Fail2banInterpolationProblem(Fail2banInterpolationError Error, string? Key, string Message);

/// <summary>An interpolated value; on failure the raw value, the problem, and the lines whose values were being
/// expanded when it failed (outermost first; null for a value fail2ban supplies itself).</summary>
internal sealed record Fail2banInterpolated(string Value, Fail2banInterpolationProblem? Problem, IReadOnlyList<Fail2banOption?>? Trail);
