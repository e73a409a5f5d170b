using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX022MultilineHeader : NginxRule
{
    public override void Analyze(NginxRuleContext cx)
    {
        foreach (var node in cx.Config.AllNodes().Where(n => n.Context.IsHttp()))
        {
            var values = NginxHeaders.SetValues(node);
            if (values.Count == 0) continue;
            // The value as nginx hands it on: quotes removed, \n \r \t escapes turned into the characters.
            var broken = values.FirstOrDefault(v => HasBreak(v.Value));
            if (broken is not null)
            {
                cx.Report(node, $"the value of this `{node.Name}` contains a line break{How(broken.Value)}. Write the value on one line, or build it with several `set` statements and use the variable.");
                continue;
            }
            // A variable that is the whole value: its literal assignments are the header value.
            foreach (var value in values)
            {
                if (value.Variables.Count != 1 || value.Variables[0].Length != value.Value.Length) continue;
                var set = cx.Variables.Assignments(value.Variables[0].Name, node).FirstOrDefault(s => HasBreak(s.Arguments[1].Value));
                if (set is null) continue;
                cx.Report(node, $"the value of this `{node.Name}` is `{value.Value}`, which `set` at {set.Origin} gives a line break{How(set.Arguments[1].Value)}. Write each piece on one line.");
                break;
            }
        }
    }

    private static bool HasBreak(string value) => value.IndexOf('\n') >= 0 || value.IndexOf('\r') >= 0;

    /// <summary>Folding (a break followed by blanks) versus a bare break.</summary>
    private static string How(string value)
    {
        var at = value.IndexOfAny(new[] { '\r', '\n' });
        var next = at + 1;
        while (next < value.Length && value[next] is '\r' or '\n') next++;
        var folded = next < value.Length && value[next] is ' ' or '\t';
        return folded
            ? ": nginx sends it as it is, which is obsolete line folding — RFC 9112 clients must reject the response or replace the break, and browsers and proxies drop or mangle the header"
            : ": nginx sends it as it is, so the text after the break reads as a header line of its own (or breaks the response)";
    }
}
