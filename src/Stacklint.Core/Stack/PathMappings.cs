using System;
using System.Collections.Generic;
using System.Linq;

namespace Stacklint.Stack;

/// <summary>The <c>paths:</c> of .stacklint.yml: absolute directories on the host (<c>/etc/nginx</c>) and the
/// root-relative directories that hold them in the repository (<c>deploy/nginx</c>).</summary>
public static class PathMappings
{
    /// <summary>The root-relative path an absolute include path stands for under the longest matching mapping, or
    /// null when no mapping covers it (or the mapped path climbs above the root).</summary>
    public static string? Map(IReadOnlyDictionary<string, string> mappings, string absolute)
    {
        foreach (var mapping in mappings.OrderByDescending(m => m.Key.Length))
        {
            var key = mapping.Key.TrimEnd('/');
            if (absolute != key && !absolute.StartsWith(key + "/", StringComparison.Ordinal)) continue;
            var rest = absolute.Substring(key.Length).TrimStart('/');
            return PathGlob.Normalize(mapping.Value.Length == 0 || mapping.Value == "." ? rest : mapping.Value.TrimEnd('/') + "/" + rest);
        }
        return null;
    }
}
