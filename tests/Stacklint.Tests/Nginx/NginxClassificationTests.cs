using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Stacklint.Engine;
using Stacklint.Stack;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Nginx;

/// <summary>Which files are read as nginx: by name and place where that says it, by content where it does not.</summary>
public class NginxClassificationTests
{
    private static readonly string[] NotNginx = { "LICENSE.txt", "logrotate.d-nginx" };

    [Theory]
    [InlineData("h5bp-server-configs-nginx")]
    [InlineData("debian-bookworm")]
    public void Every_nginx_file_of_the_corpus_is_classified_nginx_when_its_folder_is_the_root(string folder)
    {
        var root = Repo.Shared("corpus", "nginx", folder);
        foreach (var file in Discovery.Walk(root))
            Assert.True((file.Kind == FileKind.Nginx) != NotNginx.Contains(Path.GetFileName(file.RelativePath)), $"{file.RelativePath} is {file.Kind}");
    }

    [Fact]
    public void The_corpus_is_classified_the_same_when_scanned_from_above()
    {
        var root = Repo.Shared("corpus");
        var nginx = Discovery.Walk(root).Where(f => f.RelativePath.StartsWith("nginx/")).ToList();
        Assert.NotEmpty(nginx);
        foreach (var file in nginx)
            Assert.True((file.Kind == FileKind.Nginx) != NotNginx.Contains(Path.GetFileName(file.RelativePath)), $"{file.RelativePath} is {file.Kind}");
        Assert.All(Discovery.Walk(root).Where(f => f.RelativePath.StartsWith("fail2ban/") && f.RelativePath.Contains("jail")),
            f => Assert.Equal(FileKind.Fail2ban, f.Kind));
    }

    [Theory]
    // By name or place.
    [InlineData("nginx.conf", "", FileKind.Nginx)]
    [InlineData("deploy/nginx/app.conf", "garbage without structure", FileKind.Nginx)]
    [InlineData("deploy/nginx/mime.types", "", FileKind.Nginx)]
    [InlineData("docker/nginx/sites-enabled/site", "server {\n  listen 80;\n}\n", FileKind.Nginx)]
    [InlineData("docker/nginx/sites-enabled/README.md", "# Sites\nLink a site here to enable it.\n", FileKind.Unknown)]
    // Other kinds keep their files, whatever they contain.
    [InlineData("etc/fail2ban/jail.d/nginx.conf", "[nginx-http-auth]\nenabled = true\n", FileKind.Fail2ban)]
    [InlineData("etc/fail2ban/filter.d/nginx-limit-req.conf", "[Definition]\nfailregex = ^ \\[error\\]\n", FileKind.Fail2ban)]
    [InlineData("etc/ssh/sshd_config.d/50-cloud-init.conf", "PasswordAuthentication yes\n", FileKind.Sshd)]
    // By content.
    [InlineData("conf.d/site.conf", "server {\n  listen 80;\n}\n", FileKind.Nginx)]
    [InlineData("conf.d/.default.conf", "server {\n  listen 80 default_server;\n  return 444;\n}\n", FileKind.Nginx)]
    [InlineData("h5bp/security/x-frame-options.conf", "add_header X-Frame-Options $x_frame_options always;\n", FileKind.Nginx)]
    [InlineData("snippets/ssl.conf", "ssl_certificate /etc/ssl/x.pem;\n", FileKind.Nginx)]
    [InlineData("sites-available/default", "server {\n  listen 80;\n}\n", FileKind.Nginx)]
    [InlineData("mime.types", "types {\n  text/html html;\n}\n", FileKind.Nginx)]
    [InlineData("fastcgi_params", "fastcgi_param QUERY_STRING $query_string;\n", FileKind.Nginx)]
    [InlineData("conf.d/broken.conf", "server {\n  listen 80\n  root /srv;\n  location / {\n}\n", FileKind.Nginx)]
    [InlineData("apache2/sites-available/000-default.conf", "<VirtualHost *:80>\n  ServerName example.org\n  DocumentRoot /var/www\n</VirtualHost>\n", FileKind.Unknown)]
    [InlineData("sites-available/000-default.conf", "<VirtualHost *:80>\n  DocumentRoot /var/www\n</VirtualHost>\n", FileKind.Unknown)]
    [InlineData("lighttpd/conf.d/fastcgi.conf", "server.modules += ( \"mod_fastcgi\" )\nfastcgi.server = ( \".php\" => ( ( \"socket\" => \"/tmp/php.socket\" ) ) )\n", FileKind.Unknown)]
    [InlineData("mime.types", "application/json json\ntext/html html htm\n", FileKind.Unknown)]
    [InlineData("ntp.conf", "server 0.pool.ntp.org iburst\nserver 1.pool.ntp.org iburst\n", FileKind.Unknown)]
    [InlineData("redis.conf", "bind 127.0.0.1\nport 6379\n", FileKind.Unknown)]
    [InlineData("php-fpm.d/www.conf", "[www]\n; listen socket\nlisten = /run/php/php-fpm.sock\nlisten.owner = www-data\n", FileKind.Unknown)]
    [InlineData("logstash.conf", "input { beats { port => 5044 } }\noutput { stdout { } }\n", FileKind.Unknown)]
    [InlineData("named.conf", "options {\n  directory \"/var/cache/bind\";\n  listen-on { any; };\n};\n", FileKind.Unknown)]
    [InlineData("src/app.conf", "", FileKind.Unknown)]
    public void Classifies_by_name_place_and_content(string path, string content, FileKind kind)
    {
        using var tree = new TempDir();
        tree.Write(path, content);
        var file = Assert.Single(Discovery.Walk(tree.Root));
        Assert.Equal(kind, file.Kind);
    }

    [Fact]
    public void A_configuration_file_keeps_content_decisions_and_can_declare_nginx_files()
    {
        using var tree = new TempDir();
        tree.Write(".stacklint.yml", "kinds:\n  \"web/*.inc\": nginx\n");
        tree.Write("web/site.inc", "server {\n  listen 80\n}\n");
        tree.Write("apache2/sites-available/000-default.conf", "<VirtualHost *:80>\n  DocumentRoot /var/www\n</VirtualHost>\n");
        var result = Scan.Run(tree.Root);
        Assert.Equal(new[] { "web/site.inc:3 LNT001" }, result.Diagnostics.Brief());
    }

    [Fact]
    public void A_link_out_of_the_root_is_not_read_to_classify_it()
    {
        using var outside = new TempDir();
        using var tree = new TempDir();
        var target = outside.Write("site.conf", "server {\n  listen 80;\n}\n");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "site.conf"), target);
        Assert.Equal(FileKind.Unknown, Assert.Single(Discovery.Walk(tree.Root)).Kind);
    }

    [Fact]
    public void Texts_handed_over_by_the_analyzer_host_are_classified_by_content_without_the_disk()
    {
        // Nothing of this exists on disk: ScanTexts must read the texts it was given, never the disk.
        var root = Path.Combine(Path.GetTempPath(), "stacklint-not-on-disk", "project");
        var texts = new[]
        {
            (Path.Combine(root, "conf.d", "site.conf"), SourceText.From("server {\n  listen 80\n}\n")),
            (Path.Combine(root, "conf.d", "other.conf"), SourceText.From("key = value\n")),
        };
        var result = Scanner.ScanTexts(root, texts, new ScanOptions { BaseDirectory = root });
        Assert.Equal(new[] { "conf.d/site.conf:3 LNT001" }, result.Diagnostics.Brief());
    }

    [Fact]
    public void A_single_nginx_file_named_on_the_command_line_is_read_as_nginx_not_as_sshd()
    {
        using var tree = new TempDir();
        var file = tree.Write("site.conf", "server {\n  listen 80\n}\n");
        var result = Scan.Run(file, tree.Root);
        // Read as nginx: its syntax error is reported, and no sshd rule judges it (the nginx rules judge what was read).
        Assert.Contains("site.conf:3 LNT001", result.Diagnostics.Brief());
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("SSH", System.StringComparison.Ordinal));
    }
}
