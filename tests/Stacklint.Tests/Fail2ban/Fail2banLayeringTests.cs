using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stacklint.Formats.Fail2ban;
using Stacklint.Stack;
using Stacklint.Tests.Support;
using Xunit;

namespace Stacklint.Tests.Fail2ban;

/// <summary>The model rules read: fail2ban's reading order, [DEFAULT] against sections, interpolation, the stock
/// fallback, includes, value problems, and where each value came from.</summary>
public class Fail2banLayeringTests
{
    private static readonly string StockJailConf = File.ReadAllText(Repo.Shared("corpus", "fail2ban", "debian-bookworm", "jail.conf"));

    private static int LineOf(Microsoft.CodeAnalysis.Location? location) => location!.GetLineSpan().StartLinePosition.Line + 1;

    [Fact]
    public void Debian_enables_sshd_through_defaults_debian_conf()
    {
        using var temp = new TempDir();
        foreach (var file in Directory.GetFiles(Repo.Shared("corpus", "fail2ban", "debian-bookworm"), "*", SearchOption.AllDirectories))
            temp.Write(Path.Combine("repo", "etc", "fail2ban", Path.GetRelativePath(Repo.Shared("corpus", "fail2ban", "debian-bookworm"), file)), File.ReadAllText(file));
        var (configs, sink, read) = Fail2banTestSupport.Load(Path.Combine(temp.Root, "repo"));
        Assert.Empty(sink.Lnt());
        var config = Assert.Single(configs);
        Assert.Equal("etc/fail2ban", config.Directory);
        Assert.False(config.UsesStockJailConf);
        Assert.Equal(new[] { "sshd" }, config.EnabledJails.Select(j => j.Name));
        var enabled = config.Jail("sshd")!.EnabledSetting!;
        Assert.StartsWith("set in etc/fail2ban/jail.d/defaults-debian.conf:2, which wins over [DEFAULT] in etc/fail2ban/jail.conf:", enabled.Origin);
        Assert.EndsWith("(a jail's own value beats [DEFAULT] from any file)", enabled.Origin);
        // paths-debian.conf before jail.conf, paths-common.conf before that.
        Assert.Equal(new[] { "paths-common.conf", "paths-debian.conf", "jail.conf", "defaults-debian.conf" },
            config.JailFiles.Select(f => Path.GetFileName(f.File.RelativePath)));
        Assert.Equal(new[] { Fail2banFileRole.Include, Fail2banFileRole.Include, Fail2banFileRole.Conf, Fail2banFileRole.ConfDropIn }, config.JailFiles.Select(f => f.Role));
        Assert.Equal(5, read.Count);
        Assert.Empty(config.ValueProblems);
        Assert.Equal("%(sshd_log)s", config.Jail("sshd")!.LogPath!.RawValue);
        Assert.Equal(new[] { "/var/log/auth.log" }, config.Jail("sshd")!.LogPaths);
    }

    [Fact]
    public void A_DEFAULT_in_jail_local_does_not_beat_a_jail_value_from_jail_conf()
    {
        using var temp = new TempDir();
        var (config, sink) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["jail.conf"] = StockJailConf,
            ["jail.local"] = "[DEFAULT]\nport = 2222\nbantime = 1h\n\n[sshd]\nenabled = true\n",
        });
        Assert.Empty(sink.Lnt());
        var sshd = config.Jail("sshd")!;
        Assert.Equal("ssh", sshd.Port!.Value);
        Assert.False(sshd.Port.FromDefault);
        Assert.Contains("[DEFAULT] in jail.local:2", sshd.Port.Origin);
        Assert.Contains("a jail's own value beats [DEFAULT] from any file", sshd.Port.Origin);
        Assert.False(sshd.CoversPort(2222));
        Assert.True(sshd.CoversPort(22));
        Assert.Equal("1h", sshd.BanTime!.Value);
        Assert.True(sshd.BanTime.FromDefault);
        Assert.Equal(3600, sshd.BanTimeSeconds);
        Assert.Equal("[DEFAULT] in jail.local:3", sshd.BanTime.Where);
        Assert.Equal(3, LineOf(sshd.BanTime.Location));
    }

    [Fact]
    public void Later_files_win_in_fail2bans_reading_order()
    {
        using var temp = new TempDir();
        var (config, sink) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["jail.conf"] = StockJailConf,
            ["jail.d/aa.conf"] = "[sshd]\nmaxretry = 7\n",
            ["jail.d/zz.conf"] = "[sshd]\nmaxretry = 6\nenabled = true\n",
            ["jail.local"] = "[sshd]\nmaxretry = 8\n",
            ["jail.d/aa.local"] = "[sshd]\nmaxretry = 9\n",
            ["jail.d/.hidden.local"] = "[sshd]\nmaxretry = 1\n",
        });
        Assert.Empty(sink.Lnt());
        var maxretry = config.Jail("sshd")!.MaxRetry!;
        Assert.Equal(9, maxretry.Integer);
        Assert.Equal("jail.d/aa.local:2", maxretry.Where);
        Assert.Equal(new[] { "jail.local:2", "jail.d/zz.conf:2", "jail.d/aa.conf:2" }, maxretry.Overridden.Where(o => o.Section == "sshd").Select(o => o.Where));
        Assert.Equal(new[] { Fail2banFileRole.Conf, Fail2banFileRole.ConfDropIn, Fail2banFileRole.ConfDropIn, Fail2banFileRole.Local, Fail2banFileRole.LocalDropIn },
            config.JailFiles.Where(f => f.Role != Fail2banFileRole.Include).Select(f => f.Role));
    }

    [Fact]
    public void Known_default_name_and_percent_references_expand_as_fail2ban_expands_them()
    {
        using var temp = new TempDir();
        var (config, _) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["jail.conf"] = StockJailConf,
            ["jail.local"] = "[DEFAULT]\nmytime = 2h\n\n[sshd]\nenabled = true\nport = %(known/port)s,2222\nignoreip = 127.0.0.1 %(__name__)s.example.com\nmaxretry = %(default/maxretry)s\nbantime = %(mytime)s\nfindtime = %(known/findtime)s\nlogencoding = 100%%\n",
        });
        var sshd = config.Jail("sshd")!;
        Assert.Equal("ssh,2222", sshd.Port!.Value);
        Assert.True(sshd.CoversPort(2222));
        Assert.Equal("127.0.0.1 sshd.example.com", sshd.IgnoreIp!.Value);
        Assert.Equal(5, sshd.MaxRetryCount);
        Assert.Equal(7200, sshd.BanTimeSeconds);
        // Nothing earlier set [sshd] findtime: known/ falls back to [DEFAULT].
        Assert.Equal("10m", sshd.FindTime!.Value);
        Assert.Equal("100%", sshd.Get("logencoding")!.Value);
        Assert.Empty(config.ValueProblems);
    }

    [Fact]
    public void An_undefined_reference_is_a_value_problem_where_fail2ban_reads_it()
    {
        using var temp = new TempDir();
        var (config, sink) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["jail.conf"] = StockJailConf,
            ["jail.local"] = "[sshd]\nenabled = true\nbantime = %(nosuch)s\n\n[apache-auth]\nbantime = %(unread)s\n\n[nginx-http-auth]\nfilter = %(nofilter)s\n",
        });
        Assert.Empty(sink.Lnt());
        var problems = config.ValueProblems;
        Assert.Equal(2, problems.Count);
        var bantime = problems.Single(p => p.Jails.Contains("sshd"));
        Assert.Equal(Fail2banProblemKind.Interpolation, bantime.Kind);
        Assert.Equal(Fail2banProblemEffect.ConfigurationRefused, bantime.Effect);
        Assert.Equal("Bad value substitution: option 'bantime' in section 'sshd' contains an interpolation key 'nosuch' which is not a valid option name", bantime.Message);
        Assert.Equal(3, LineOf(bantime.Location));
        Assert.Equal("bantime", bantime.Culprit!.Name);
        // fail2ban reads filter (and enabled, backend) of every jail, the rest only of enabled jails.
        var filter = problems.Single(p => p.Jails.Contains("nginx-http-auth"));
        Assert.Equal(9, LineOf(filter.Location));
        Assert.False(config.Jail("nginx-http-auth")!.Enabled);
    }

    [Fact]
    public void A_reference_loop_is_a_value_problem()
    {
        using var temp = new TempDir();
        var (config, _) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["jail.conf"] = StockJailConf,
            ["jail.local"] = "[DEFAULT]\na = %(b)s\nb = x%(a)s\n\n[sshd]\nenabled = true\nbantime = %(a)s\n",
        });
        var problem = Assert.Single(config.ValueProblems);
        Assert.StartsWith("Recursion limit exceeded in value substitution: option 'bantime' in section 'sshd'", problem.Message);
        Assert.Contains(LineOf(problem.Location), new[] { 2, 3 });
    }

    [Fact]
    public void A_problem_reached_through_stock_values_is_located_at_the_repository_line_behind_it()
    {
        using var temp = new TempDir();
        var (config, _) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["jail.local"] = "[DEFAULT]\nbanaction = iptables[name=%(nosuch)s]\n\n[sshd]\nenabled = true\n\n[nginx-http-auth]\nenabled = true\n\n[recidive]\nenabled = true\n",
        });
        var problem = Assert.Single(config.ValueProblems);
        Assert.Equal("action", problem.Setting.Name);
        Assert.Equal("banaction", problem.Culprit!.Name);
        Assert.Equal(2, LineOf(problem.Location));
        // recidive bans with banaction_allports, which does not read banaction.
        Assert.Equal(new[] { "sshd", "nginx-http-auth" }, problem.Jails);
    }

    [Fact]
    public void Unreadable_times_and_integers_make_the_start_fail()
    {
        using var temp = new TempDir();
        var (config, _) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["jail.conf"] = StockJailConf,
            ["jail.local"] = "[DEFAULT]\nfindtime = 10 minutes and more\n\n[sshd]\nenabled = true\nbantime = abc\nmaxretry = five\n\n[nginx-http-auth]\nenabled = true\n\n[recidive]\nenabled = true\n",
        });
        var problems = config.ValueProblems;
        Assert.All(problems, p => Assert.Equal(Fail2banProblemEffect.StartFails, p.Effect));
        var findtime = problems.Single(p => p.Setting.Name == "findtime");
        // recidive sets its own findtime (1d) in jail.conf.
        Assert.Equal(new[] { "sshd", "nginx-http-auth" }, findtime.Jails);
        Assert.Equal(2, LineOf(findtime.Location));
        var bantime = problems.Single(p => p.Setting.Name == "bantime");
        Assert.Contains("name 'abc' is not defined", bantime.Message);
        var maxretry = problems.Single(p => p.Setting.Name == "maxretry");
        Assert.Equal(Fail2banProblemKind.Integer, maxretry.Kind);
        Assert.Contains("Wrong value for 'maxretry' in 'sshd'. Using default one: 'None'", maxretry.Message);
        // maxmatches = %(maxretry)s in jail.conf reads the same bad value.
        Assert.Contains(problems, p => p.Setting.Name == "maxmatches");
        Assert.Null(config.Jail("sshd")!.BanTimeSeconds);
    }

    [Fact]
    public void A_lone_jail_local_is_read_over_fail2bans_stock_jail_conf()
    {
        using var temp = new TempDir();
        var (config, sink) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["deploy/jail.local"] = "[sshd]\nenabled = true\nport = 2222\n",
        });
        Assert.Empty(sink.Lnt());
        Assert.Equal("deploy", config.Directory);
        Assert.True(config.UsesStockJailConf);
        Assert.True(config.UsesStockFail2banConf);
        var sshd = config.Jail("sshd")!;
        Assert.True(sshd.Enabled);
        Assert.Equal("[DEFAULT] in fail2ban's stock jail.conf (not in the repository)", sshd.BanTime!.Where);
        Assert.False(sshd.BanTime.IsInRepository);
        Assert.Null(sshd.BanTime.Location);
        Assert.Equal(600, sshd.BanTimeSeconds);
        Assert.Equal("set in deploy/jail.local:3, which wins over fail2ban's stock jail.conf (not in the repository) and [DEFAULT] in fail2ban's stock jail.conf (not in the repository) (a jail's own value beats [DEFAULT] from any file)", sshd.Port!.Origin);
        Assert.Equal(1, LineOf(sshd.Location));
        Assert.Equal("deploy/jail.local", sshd.ReportLocation(sshd.BanTime).GetLineSpan().Path);
        Assert.Equal("deploy/jail.local", config.Anchor.GetLineSpan().Path);
        Assert.Equal(new[] { "fail2ban's stock paths-common.conf (not in the repository)", "fail2ban's stock paths-debian.conf (not in the repository)",
            "fail2ban's stock jail.conf (not in the repository)", "deploy/jail.local" }, config.JailFiles.Select(f => f.Display));
        Assert.Equal("1d", config.Daemon("dbpurgeage")!.Value);
        Assert.Equal(86400, config.Daemon("dbpurgeage")!.Seconds);
        Assert.Empty(config.ValueProblems);
        // Debian's defaults-debian.conf is not assumed: without the repository's [sshd] nothing is enabled.
        Assert.DoesNotContain(config.EnabledJails, j => j.Name != "sshd");
    }

    [Fact]
    public void Missing_includes_are_skipped_as_fail2ban_skips_them_and_present_ones_are_read_in_place()
    {
        using var temp = new TempDir();
        var (config, sink) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["jail.conf"] = StockJailConf,
            ["jail.local"] = "[INCLUDES]\nbefore = nosuch.conf\nafter = extra.conf\n         /srv/elsewhere.conf\n\n[sshd]\nenabled = true\nmaxretry = 4\n",
            ["extra.conf"] = "[sshd]\nmaxretry = 2\n",
            ["extra.local"] = "[sshd]\nbantime = 2h\n",
        });
        Assert.Empty(sink.Lnt());
        Assert.Equal(new[] { "nosuch.conf", "/srv/elsewhere.conf" }, config.MissingIncludes.Select(m => m.Path));
        Assert.Equal(new[] { "jail.local", "extra.conf", "extra.local" }, config.JailFiles.SkipWhile(f => f.File.RelativePath != "jail.local").Select(f => f.File.RelativePath));
        Assert.Equal(2, config.Jail("sshd")!.MaxRetryCount);
        Assert.Equal("2h", config.Jail("sshd")!.BanTime!.Value);
    }

    [Fact]
    public void A_repository_jail_conf_without_its_paths_files_reads_the_stock_ones()
    {
        using var temp = new TempDir();
        var (config, _) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["etc/fail2ban/jail.conf"] = StockJailConf,
            ["etc/fail2ban/jail.d/sshd.local"] = "[sshd]\nenabled = true\n",
        });
        Assert.False(config.UsesStockJailConf);
        Assert.Contains(config.JailFiles, f => f.StockName == "paths-debian.conf");
        Assert.Empty(config.ValueProblems);
        Assert.Equal("/var/log/auth.log", config.Jail("sshd")!.LogPaths.Single());
    }

    [Fact]
    public void Parse_errors_are_LNT001_saying_fail2ban_refuses_the_file()
    {
        using var temp = new TempDir();
        temp.Write("repo/jail.local", "[sshd]\nenabled = true\nmaxretry = 3\nmaxretry = 4\n");
        Directory.CreateDirectory(Path.Combine(temp.Root, "repo", "jail.d"));
        File.WriteAllBytes(Path.Combine(temp.Root, "repo", "jail.d", "bom.local"),
            new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes("[sshd]\nport = 2222\n")).ToArray());
        var (configs, sink, _) = Fail2banTestSupport.Load(Path.Combine(temp.Root, "repo"));
        Assert.Single(configs);
        var lnt = sink.Diagnostics.Where(d => d.Id == "LNT001").OrderBy(d => d.Location.GetLineSpan().Path).ToList();
        Assert.Equal(2, lnt.Count);
        Assert.Equal("jail.d/bom.local", lnt[0].Location.GetLineSpan().Path);
        Assert.Equal(0, lnt[0].Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("byte order mark", lnt[0].GetMessage());
        Assert.Equal("jail.local", lnt[1].Location.GetLineSpan().Path);
        Assert.Equal(3, lnt[1].Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("fail2ban refuses to start on this file (\"option 'maxretry' in section 'sshd' already exists\")", lnt[1].GetMessage());
        Assert.DoesNotContain(sink.Diagnostics, d => d.Id == "LNT002");
    }

    [Fact]
    public void Any_section_but_INCLUDES_is_a_jail_even_Definition()
    {
        using var temp = new TempDir();
        var (config, _) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["jail.local"] = "[INCLUDES]\nbefore =\n\n[Definition]\nenabled = true\nfilter = sshd\n",
        });
        Assert.Contains("Definition", config.EnabledJails.Select(j => j.Name));
        Assert.DoesNotContain("INCLUDES", config.Jails.Select(j => j.Name));
    }

    [Fact]
    public void Enabled_is_read_as_fail2ban_reads_a_boolean()
    {
        using var temp = new TempDir();
        var (config, _) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["jail.local"] = "[sshd]\nenabled = ture\n[recidive]\nenabled = Yes\n[nginx-http-auth]\nenabled = 1\n",
        });
        Assert.False(config.Jail("sshd")!.Enabled);
        Assert.False(config.Jail("sshd")!.EnabledSetting!.IsBooleanWord);
        Assert.Equal(new[] { "nginx-http-auth", "recidive" }, config.EnabledJails.Select(j => j.Name).OrderBy(n => n));
    }

    [Fact]
    public void Ignoreip_and_port_entries_point_at_their_text()
    {
        using var temp = new TempDir();
        var (config, _) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["jail.local"] = "[sshd]\nenabled = true\nignoreip = 127.0.0.1/8 ::1\n    0.0.0.0/0, office.example.com\nport = ssh,2222\n      8000:8100\n",
        });
        var sshd = config.Jail("sshd")!;
        var entries = sshd.IgnoreIpEntries;
        Assert.Equal(new[] { "127.0.0.1/8", "::1", "0.0.0.0/0", "office.example.com" }, entries.Select(e => e.Text));
        var everything = entries.Single(e => e.Address.CoversEverything);
        Assert.Equal((4, 5), (everything.Location!.GetLineSpan().StartLinePosition.Line + 1, everything.Location.GetLineSpan().StartLinePosition.Character + 1));
        Assert.Equal(9, everything.Location.SourceSpan.Length);
        Assert.Equal(Fail2banAddressKind.HostName, entries[3].Address.Kind);
        Assert.Equal(new int?[] { 22, 2222, 8000 }, sshd.PortEntries.Select(p => p.Item.From));
        Assert.Equal(6, LineOf(sshd.PortEntries[2].Location));
        Assert.True(sshd.CoversPort(8050));
    }

    [Fact]
    public void Daemon_settings_layer_like_jails_and_filters_are_listed()
    {
        using var temp = new TempDir();
        var (config, _) = Fail2banTestSupport.LoadOne(temp, new Dictionary<string, string>
        {
            ["fail2ban.conf"] = File.ReadAllText(Repo.Shared("corpus", "fail2ban", "debian-bookworm", "fail2ban.conf")),
            ["fail2ban.d/retention.local"] = "[Definition]\ndbpurgeage = 7d\nloglevel = DEBUG\n",
            ["jail.local"] = "[recidive]\nenabled = true\n",
            ["filter.d/myapp.conf"] = "[Definition]\nfailregex = ^x <HOST>$\n",
            ["filter.d/sshd.local"] = "[Definition]\n",
        });
        Assert.False(config.UsesStockFail2banConf);
        Assert.Equal(604800, config.Daemon("dbpurgeage")!.Seconds);
        Assert.Equal("fail2ban.d/retention.local:2", config.Daemon("dbpurgeage")!.Where);
        Assert.Equal("DEBUG", config.Daemon("LogLevel")!.Value);
        Assert.Equal("/var/log/fail2ban.log", config.Daemon("logtarget")!.Value);
        Assert.Equal(new[] { "myapp", "sshd" }, config.Filters);
        Assert.Equal(86400, config.Jail("recidive")!.FindTimeSeconds);
    }

    [Theory]
    [InlineData("etc/fail2ban/fail2ban.local", FileKind.Fail2ban)]
    [InlineData("etc/fail2ban/fail2ban.conf", FileKind.Fail2ban)]
    [InlineData("fail2ban/fail2ban.d/10-db.conf", FileKind.Fail2ban)]
    [InlineData("etc/fail2ban/paths-debian.conf", FileKind.Fail2ban)]
    [InlineData("etc/fail2ban/paths-overrides.local", FileKind.Fail2ban)]
    [InlineData("deploy/jail.d/sshd.local", FileKind.Fail2ban)]
    public void Fail2ban_files_are_classified_by_name_and_place(string path, FileKind kind) =>
        Assert.Equal(kind, FileClassifier.Classify(path));

    [Fact]
    public void Paths_files_elsewhere_are_classified_by_their_content()
    {
        Assert.Equal(FileKind.Fail2ban, FileClassifier.Classify("deploy/paths-custom.conf", () => "[INCLUDES]\nbefore = paths-common.conf\n\n[DEFAULT]\nsshd_log = /var/log/secure\n"));
        Assert.NotEqual(FileKind.Fail2ban, FileClassifier.Classify("conf/paths-web.conf", () => "location /paths { return 404; }\n"));
    }

    [Fact]
    public void Texts_handed_over_by_the_analyzer_host_are_layered_without_the_disk()
    {
        var root = Path.Combine(Path.GetTempPath(), "stacklint-not-on-disk", "f2b");
        var texts = new[]
        {
            (Path.Combine(root, "fail2ban", "jail.local"), Microsoft.CodeAnalysis.Text.SourceText.From("[sshd]\nenabled = true\n")),
            (Path.Combine(root, "fail2ban", "jail.d", "zz.local"), Microsoft.CodeAnalysis.Text.SourceText.From("[sshd]\nport = 2222\nport = 2223\n")),
        };
        var result = Stacklint.Engine.Scanner.ScanTexts(root, texts, new Stacklint.Engine.ScanOptions { BaseDirectory = root });
        Assert.Equal(new[] { "fail2ban/jail.d/zz.local:3 LNT001" }, result.Diagnostics.Brief());
        Assert.Equal(new[] { "fail2ban/jail.d/zz.local", "fail2ban/jail.local" }, result.Files.Select(f => f.RelativePath).OrderBy(p => p));
    }

    [Fact]
    public void A_scan_reads_the_fail2ban_files_and_shows_them()
    {
        using var temp = new TempDir();
        temp.Write("jail.local", "[sshd]\nenabled = true\n");
        var result = Scan.Run(temp.Root);
        Assert.Empty(result.InternalErrors);
        Assert.Contains(result.Files, f => f.RelativePath == "jail.local");
        Assert.DoesNotContain(result.Files, f => f.RelativePath.Contains("stock"));
        Assert.Empty(result.Diagnostics.Where(d => d.Id.StartsWith("LNT", System.StringComparison.Ordinal)).Select(d => d.GetMessage()));
    }
}
