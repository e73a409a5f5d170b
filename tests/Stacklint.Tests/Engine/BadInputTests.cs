using System.IO;
using System.Linq;
using System.Text;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Engine;

/// <summary>Broken files give an LNT diagnostic with a place, and the rest of the scan goes on.</summary>
public class BadInputTests
{
    [Fact]
    public void Binary_file_is_skipped_with_LNT005_and_other_files_are_still_scanned()
    {
        using var tree = new TempDir();
        File.WriteAllBytes(Path.Combine(tree.Root, "sshd_config"), new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3 });
        tree.Write("other/sshd_config", "PermitRootLogin yes\n");
        var result = Scan.Run(tree.Root);
        Assert.Contains("sshd_config:1 LNT005", result.Diagnostics.Brief());
        Assert.Contains("other/sshd_config:1 SSH002", result.Diagnostics.Brief());
    }

    [Fact]
    public void Huge_file_is_skipped_with_LNT005()
    {
        using var tree = new TempDir();
        var line = "# padding padding padding padding padding padding padding padding padding\n";
        tree.Write("sshd_config", string.Concat(Enumerable.Repeat(line, 5 * 1024 * 1024 / line.Length + 1)));
        var result = Scan.Run(tree.Root);
        var skipped = Assert.Single(result.Diagnostics, d => d.Id == "LNT005");
        Assert.Contains("MiB limit", skipped.GetMessage());
    }

    [Fact]
    public void Unterminated_quote_is_LNT001_at_the_exact_column_and_later_lines_still_count()
    {
        using var tree = new TempDir();
        tree.Write("sshd_config", "Banner \"/etc/issue.net\nPermitRootLogin yes\n");
        var result = Scan.Run(tree.Root);
        var parse = Assert.Single(result.Diagnostics, d => d.Id == "LNT001");
        var span = parse.Location.GetLineSpan();
        Assert.Equal(0, span.StartLinePosition.Line);
        Assert.Equal(7, span.StartLinePosition.Character); // the opening quote that is never closed
        Assert.Contains("closing quote", parse.GetMessage());
        Assert.Contains("sshd_config:2 SSH002", result.Diagnostics.Brief());
    }

    [Fact]
    public void Half_written_file_and_invalid_utf8_do_not_stop_the_scan()
    {
        using var tree = new TempDir();
        File.WriteAllBytes(Path.Combine(tree.Root, "sshd_config"),
            Encoding.UTF8.GetBytes("PermitRootLogin yes\nBanner /etc/\u00e9\n").Concat(new byte[] { 0xC3, 0x28, 0x0A }).Concat(Encoding.UTF8.GetBytes("PasswordAuth")).ToArray());
        var result = Scan.Run(tree.Root);
        Assert.Empty(result.InternalErrors);
        Assert.Contains("sshd_config:1 SSH002", result.Diagnostics.Brief());
        Assert.Contains("sshd_config:4 SSH021", result.Diagnostics.Brief());
    }

    [Fact]
    public void Include_cycles_and_missing_targets_give_LNT002_and_terminate()
    {
        using var tree = new TempDir();
        tree.Write("etc/ssh/sshd_config", "Include /etc/ssh/a.conf\nInclude /etc/ssh/missing.conf\nPasswordAuthentication no\n");
        tree.Write("etc/ssh/a.conf", "Include b.conf\n");
        tree.Write("etc/ssh/b.conf", "Include a.conf\nPermitRootLogin yes\n");
        var result = Scan.Run(tree.Root);
        var brief = result.Diagnostics.Brief().ToList();
        Assert.Contains("etc/ssh/sshd_config:2 LNT002", brief);
        Assert.Contains("etc/ssh/b.conf:1 LNT002", brief);
        Assert.Contains("etc/ssh/b.conf:2 SSH002", brief);
    }

    [Fact]
    public void Include_outside_the_scan_root_is_LNT002()
    {
        using var tree = new TempDir();
        tree.Write("sshd_config", "Include ../../../../outside.conf\n");
        var result = Scan.Run(tree.Root);
        Assert.Contains("sshd_config:1 LNT002", result.Diagnostics.Brief());
    }

    [Fact]
    public void Gitignored_files_are_not_scanned()
    {
        using var tree = new TempDir();
        tree.Write(".gitignore", "build/\n*.bak\n!keep/\n");
        tree.Write("build/sshd_config", "PermitRootLogin yes\n");
        tree.Write("deploy/sub/.gitignore", "/sshd_config\n");
        tree.Write("deploy/sub/sshd_config", "PermitRootLogin yes\n");
        tree.Write("deploy/sshd_config", "PermitRootLogin yes\n");
        var result = Scan.Run(tree.Root);
        var ssh002 = result.Diagnostics.Where(d => d.Id == "SSH002").Brief().ToList();
        Assert.Equal(new[] { "deploy/sshd_config:1 SSH002" }, ssh002);
    }
}
