using System.IO;
using System.Linq;
using Stacklint.Formats.Nginx;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Nginx;

/// <summary>The real-world corpus (../shared/corpus/nginx): every file parses and resolves with no LNT diagnostic,
/// and the same trees pass the real <c>nginx -t</c>.</summary>
public class NginxCorpusTests
{
    internal static void CopyCorpus(string folder, TempDir into)
    {
        var source = Repo.Shared("corpus", "nginx", folder);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            into.Write(Path.GetRelativePath(source, file), File.ReadAllText(file));
    }

    [Theory]
    // folder, nginx files read (all but LICENSE.txt / logrotate.d-nginx), main files
    [InlineData("h5bp-server-configs-nginx", 39, 1)]
    [InlineData("debian-bookworm", 10, 1)]
    public void Corpus_tree_parses_and_resolves_with_no_LNT_diagnostic(string folder, int nginxFiles, int mains)
    {
        using var tree = new TempDir();
        CopyCorpus(folder, tree);
        var result = Scan.Run(tree.Root);
        Assert.Empty(result.InternalErrors);
        Assert.Empty(result.Diagnostics.Where(d => d.Id.StartsWith("LNT")).Select(d => $"{d.Location.GetLineSpan().Path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1} {d.Id} {d.GetMessage()}"));
        Assert.Equal(nginxFiles, result.Files.Count);

        var (stack, diagnostics) = NginxIncludeTests.Load(tree);
        Assert.Empty(diagnostics);
        Assert.Equal(nginxFiles, stack.Files.Count);
        Assert.Equal(mains, stack.Nginx.Count(c => !c.IsFragment));
        // Every file is part of some configuration: an entry point or included by one.
        var covered = stack.Nginx.SelectMany(c => c.Files).Select(f => f.RelativePath).Distinct().Count();
        Assert.Equal(nginxFiles, covered);
        Assert.All(stack.Nginx.SelectMany(c => c.Files), f => Assert.NotNull(f.Text));
    }

    [Fact]
    public void H5bp_main_configuration_is_resolved_as_nginx_reads_it()
    {
        using var tree = new TempDir();
        CopyCorpus("h5bp-server-configs-nginx", tree);
        var (stack, _) = NginxIncludeTests.Load(tree);
        var main = stack.Nginx.Single(c => !c.IsFragment);
        Assert.Equal("nginx.conf", main.Main.File.RelativePath);
        var http = main.Directives.Single(d => d.Is("http"));
        // include h5bp/security/server_software_information.conf ⇒ server_tokens off, spliced at the top of http.
        Assert.Equal("server_tokens", http.Block![0].Name);
        Assert.Equal("h5bp/security/server_software_information.conf:9 (included from nginx.conf:58)", http.Block![0].Origin);
        // mime.types comes through media_types.conf; conf.d/*.conf brings no-ssl.default.conf (not the dot file).
        Assert.Single(main.All("types"));
        var server = Assert.Single(main.All("server"));
        Assert.Equal("conf.d/no-ssl.default.conf", server.Directive.File.RelativePath);
        Assert.Equal(NginxContext.Http, server.Context);
        // The template servers are fragments in http context, their includes resolved against the tree's root.
        var template = stack.Nginx.Single(c => c.Main.File.RelativePath == "conf.d/templates/example.com.conf");
        Assert.Equal(NginxContext.Http, template.RootContext);
        Assert.Equal("", template.PrefixDirectory);
        Assert.Contains(template.All("ssl_certificate"), n => n.Origin.StartsWith("h5bp/tls/certificate_files.conf:"));
        Assert.All(template.All("add_header"), h => Assert.Contains(h.Context, new[] { NginxContext.Server, NginxContext.Location }));
    }

    [Fact]
    public void Debian_configuration_maps_absolute_includes_onto_the_tree()
    {
        using var tree = new TempDir();
        CopyCorpus("debian-bookworm", tree);
        var (stack, _) = NginxIncludeTests.Load(tree);
        var main = stack.Nginx.Single(c => !c.IsFragment);
        Assert.Equal(new[] { "nginx.conf", "mime.types" }, main.Files.Select(f => f.RelativePath));
        Assert.Equal("mime.types:2 (included from nginx.conf:26)", main.All("types").Single().Origin);
        var site = stack.Nginx.Single(c => c.Main.File.RelativePath == "sites-available/default");
        Assert.Equal(NginxContext.Http, site.RootContext);
        var php = stack.Nginx.Single(c => c.Main.File.RelativePath == "snippets/fastcgi-php.conf");
        Assert.Equal(NginxContext.Location, php.RootContext);
        Assert.Contains(php.Files, f => f.RelativePath == "fastcgi.conf");
        Assert.DoesNotContain(stack.Nginx, c => c.Main.File.RelativePath == "fastcgi.conf");
    }

    [Theory]
    [InlineData("h5bp-server-configs-nginx")]
    [InlineData("debian-bookworm")]
    public void Corpus_tree_passes_nginx_t_when_deployed_as_a_prefix(string folder)
    {
        using var tree = new TempDir();
        CopyCorpus(folder, tree);
        using var prefix = new TempDir();
        NginxOracle.Deploy(tree.Root, prefix.Root);
        var outcome = NginxOracle.Test(prefix.Root);
        Assert.True(outcome.Accepted, outcome.Output);
    }
}
