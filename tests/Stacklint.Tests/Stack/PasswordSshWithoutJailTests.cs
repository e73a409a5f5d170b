using System.Linq;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Stack;

/// <summary>RULES.md STK005: password SSH with no fail2ban sshd jail raises SSH001's message instead of a second finding.</summary>
public class PasswordSshWithoutJailTests
{
    private static string Ssh001Message(params (string Path, string Text)[] files)
    {
        using var tree = new TempDir();
        tree.Write("etc/ssh/sshd_config", "PasswordAuthentication yes\n");
        foreach (var (path, text) in files) tree.Write(path, text);
        var result = Scan.Run(tree.Root);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("STK005"));
        return Assert.Single(result.Diagnostics, d => d.Id == "SSH001").GetMessage();
    }

    [Fact]
    public void Without_any_fail2ban_configuration_the_message_says_nothing_bans_guessers() =>
        Assert.Contains("no fail2ban configuration in the scan root protects sshd", Ssh001Message());

    [Fact]
    public void With_fail2ban_that_enables_no_sshd_jail_the_message_names_its_directory() =>
        Assert.Contains("no enabled fail2ban jail protects sshd (etc/fail2ban/ enable none)",
            Ssh001Message(("etc/fail2ban/jail.local", "[sshd]\nenabled = false\n")));

    [Fact]
    public void With_an_enabled_sshd_jail_in_the_deployment_the_message_stays_plain()
    {
        var message = Ssh001Message(("etc/fail2ban/jail.local", "[sshd]\nenabled = true\n"));
        Assert.DoesNotContain("fail2ban", message);
    }

    [Fact]
    public void A_jail_of_another_deployment_does_not_count()
    {
        using var tree = new TempDir();
        tree.Write("prod/etc/ssh/sshd_config", "PasswordAuthentication yes\n");
        tree.Write("staging/etc/fail2ban/jail.local", "[sshd]\nenabled = true\n");
        tree.Write("staging/etc/ssh/sshd_config", "PasswordAuthentication no\n");
        var message = Assert.Single(Scan.Run(tree.Root).Diagnostics, d => d.Id == "SSH001").GetMessage();
        Assert.Contains("no fail2ban configuration in prod protects sshd", message);
    }
}
