using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Engine;

/// <summary>A check. Its id is the first six characters of the class name (<c>SSH001PasswordAuthentication</c>),
/// and everything else about it comes from its page in <c>rules/</c>.</summary>
public abstract class Rule
{
    protected Rule()
    {
        Id = GetType().Name.Substring(0, 6);
        Metadata = RuleCatalog.Default[Id];
    }

    public string Id { get; }
    public RuleMetadata Metadata { get; }

    /// <summary>Every rule class in the engine, one instance each.</summary>
    public static IReadOnlyList<Rule> All { get; } = typeof(Rule).Assembly.GetTypes()
        .Where(t => typeof(Rule).IsAssignableFrom(t) && !t.IsAbstract)
        .Select(t => (Rule)Activator.CreateInstance(t)!)
        .OrderBy(r => r.Id, StringComparer.Ordinal)
        .ToList();

    public static IEnumerable<T> OfKind<T>() where T : Rule => All.OfType<T>();
}
