using System.Linq;
using Stacklint.Formats.Nginx;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Nginx;

/// <summary>Single-file nginx fixtures for the NGX rules: where they land in the tree and how they are read.</summary>
public class NginxFixtureSupportTests
{
    [Theory]
    [InlineData("fail-missing-hsts.nginx", "nginx.conf", NginxContext.Main)]
    [InlineData("pass-site.conf", "nginx/conf.d/pass-site.conf", NginxContext.Http)]
    public void Nginx_fixtures_become_a_main_file_or_a_conf_d_snippet(string fixture, string target, NginxContext context)
    {
        Assert.Equal(target, Fixtures.TargetFor("NGX001", fixture));
        using var tree = new TempDir();
        tree.Write(target, context == NginxContext.Main
            ? "events {}\nhttp {\n  server {\n    listen 443 ssl;\n  }\n}\n"
            : "server {\n  listen 443 ssl;\n}\n");
        var (stack, diagnostics) = NginxIncludeTests.Load(tree);
        Assert.Empty(diagnostics);
        var config = Assert.Single(stack.Nginx);
        Assert.Equal(target, config.Main.File.RelativePath);
        Assert.Equal(context, config.RootContext);
        Assert.Equal(NginxContext.Server, config.All("listen").Single().Context);
    }
}
