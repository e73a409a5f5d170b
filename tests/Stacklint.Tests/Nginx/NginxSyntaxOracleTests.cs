using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Nginx;

/// <summary>Broken files, each rejected by the real <c>nginx -t</c> with a syntax error: stacklint's first LNT001 in
/// the file is on the line nginx reports in its <c>[emerg] ... in FILE:LINE</c>.</summary>
public class NginxSyntaxOracleTests
{
    private const string Events = "events {}\n";

    private static readonly Dictionary<string, string> MainFiles = new()
    {
        ["missing ; before }"] = Events + "http {\n  server {\n    listen 8080;\n    root /srv\n  }\n}\n",
        ["missing ; before } on the same line"] = Events + "http {\n  server { listen 8080; root /srv }\n}\n",
        ["missing ; at the end of the file"] = Events + "http {\n}\nworker_rlimit_nofile 1024\n",
        ["missing ; at the end, no final newline"] = Events + "http {\n}\nworker_rlimit_nofile 1024",
        ["missing } at the end of the file"] = Events + "http {\n  server {\n    listen 8080;\n  }\n",
        ["missing two }"] = Events + "http {\n  server {\n    location / {\n      root /srv;\n",
        ["stray } at top level"] = Events + "http {\n}\n}\n",
        ["stray } deeper"] = Events + "http {\n  server {\n    listen 8080;\n  }\n  }\n}\n",
        ["; after a block"] = Events + "http {\n  server {\n    listen 8080;\n  };\n}\n",
        ["{ after ;"] = Events + "http {\n  sendfile on; {\n  }\n}\n",
        ["; with nothing before it"] = Events + "http {\n  ;\n}\n",
        ["unterminated double quote"] = Events + "http {\n  server {\n    add_header X-A \"value;\n  }\n}\n",
        ["unterminated single quote"] = Events + "http {\n  log_format main '$remote_addr;\n}\n",
        ["a quote closed early: word after it"] = Events + "http {\n  add_header X-A \"a\"b;\n}\n",
        ["a quote closed early: comment after it"] = Events + "http {\n  add_header X-A \"a\"# c\n  ;\n}\n",
        ["a quote closed early: brace after it"] = Events + "http {\n  server {\n    add_header X-A \"a\"}\n}\n",
        ["two quoted words glued"] = Events + "http {\n  add_header X-A 'a''b';\n}\n",
        ["${ keeps the brace in a regex location"] = Events + "http {\n  server {\n    location ~ \\.php${ }\n  }\n}\n",
        ["quote opened in a long file"] = Events + "http {\n  add_header X-A \"oops;\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"  # padding line {i} padding padding padding\n")) + "}\n",
        ["comment line over 4 KiB"] = Events + "http {\n  # " + new string('x', 4200) + "\n}\n",
        ["quoted value of exactly the buffer"] = Events + "http {\n  add_header X \"" + new string('a', 4095) + "\";\n}\n",
        ["CRLF line endings"] = Events.Replace("\n", "\r\n") + "http {\r\n  server {\r\n    listen 8080\r\n  }\r\n}\r\n",
    };

    /// <summary>Cases whose error is in a file another one includes.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Trees = new()
    {
        ["missing ; in an included file"] = new()
        {
            ["nginx.conf"] = Events + "http {\n  include conf.d/*.conf;\n}\n",
            ["conf.d/a.conf"] = "server {\n  listen 8080;\n}\n",
            ["conf.d/b.conf"] = "server {\n  listen 8081;\n  location / {\n    return 200\n  }\n}\n",
        },
        ["unclosed block in an included file"] = new()
        {
            ["nginx.conf"] = Events + "http {\n  server {\n    include snippets/loc.conf;\n  }\n}\n",
            ["snippets/loc.conf"] = "location / {\n  root /srv;\n",
        },
    };

    public static IEnumerable<object[]> Cases() => MainFiles.Keys.Concat(Trees.Keys).Select(name => new object[] { name });

    private static Dictionary<string, string> Files(string name) =>
        Trees.TryGetValue(name, out var tree) ? tree : new Dictionary<string, string> { ["nginx.conf"] = MainFiles[name] };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LNT001_is_on_the_line_nginx_t_reports(string name)
    {
        var files = Files(name);
        using var tree = new TempDir();
        foreach (var (path, content) in files) tree.Write(path, content);
        using var prefix = new TempDir();
        NginxOracle.Deploy(tree.Root, prefix.Root);

        var nginx = NginxOracle.Test(prefix.Root);
        Assert.False(nginx.Accepted, nginx.Output);
        var error = nginx.FirstError!;
        Assert.True(NginxOracle.IsSyntaxError(error, files[error.File]), $"not a syntax error: {error}");

        var result = Scan.Run(tree.Root);
        var lnt001 = result.Diagnostics.Where(d => d.Id == "LNT001").ToList();
        Assert.NotEmpty(lnt001);
        Assert.All(lnt001, d => Assert.Equal(error.File, d.Location.GetLineSpan().Path));
        var first = lnt001.Min(d => d.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.True(first == error.Line, $"nginx: {error}; stacklint: {string.Join("; ", lnt001.Select(d => d.GetMessage()))}");
    }
}
