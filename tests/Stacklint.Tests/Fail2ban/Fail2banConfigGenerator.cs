using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Stacklint.Tests.Support;

namespace Stacklint.Tests.Fail2ban;

/// <summary>
/// Random but reproducible (seeded <see cref="Random"/>, like the sshd generator: a failing seed is rerun as it is)
/// fail2ban configuration directories for the differential tests: jail.conf (fail2ban's stock one, or a small one of
/// our own that includes paths-debian.conf), jail.d/*.conf, jail.local and jail.d/*.local layers with [DEFAULT] and jail
/// sections overriding each other; <c>%(x)s</c>, <c>%(known/x)s</c>, <c>%(default/x)s</c>, <c>%(__name__)s</c> and <c>%%</c>;
/// time sums and units; every spelling of <c>enabled</c>; continuation lines; ignoreip lists; port names, lists and
/// ranges; <c>:</c> separators, upper-case names, inline <c>;</c> and <c>#</c>; fail2ban.local for the daemon.
/// </summary>
public static class Fail2banConfigGenerator
{
    public static readonly string StockDirectory = Repo.Shared("corpus", "fail2ban", "debian-bookworm");

    /// <summary>Jails whose filters fail2ban 1.0.2 ships (custom names get a stock filter).</summary>
    private static readonly string[] Jails = { "sshd", "sshd", "nginx-http-auth", "nginx-limit-req", "recidive", "postfix", "dovecot", "apache-auth", "myapp", "web" };

    private static readonly string[] Enabled = { "true", "true", "true", "false", "yes", "no", "on", "off", "1", "0", "True", "YES", "Off", "ture", "enable", "%(myenabled)s" };
    private static readonly string[] Retries = { "3", "5", "10", "2", " 4", "1_0", "%(default/maxretry)s", "%(myretry)s", "abc" };
    private static readonly string[] Times =
    {
        "10m", "1h", "1d2h", "1h 30m", "600", "-1", "2w", "1mo", "1.5h", "3 hours", "10m # note", "%(mytime)s", "%(known/bantime)s",
        "%(known/findtime)s", "1d", "5 min", "1y", "abc", "1h\n  30m", "90s", "2 days 3 hours", "1M",
    };
    private static readonly string[] IgnoreIps =
    {
        "127.0.0.1/8 ::1", "10.0.0.0/8,192.168.1.1", "127.0.0.1/8 ::1 ; local", "host.example.com", "127.0.0.1\n    10.0.0.0/8\n    ::1",
        "%(myips)s 203.0.113.7", "", "%(__name__)s.example.com", "0.0.0.0/0", "192.168.0.0/255.255.0.0, [2001:db8::1]", "host%%1.example.com",
    };
    private static readonly string[] Ports = { "ssh", "ssh,2222", "http,https", "8080:8090", "%(known/port)s,2222", "2222", "ssh,\n    2222", "http, https, 8443" };
    private static readonly string[] Backends = { "systemd", "auto", "polling" };

    /// <summary>A configuration directory: path (relative to it) ⇒ content. <paramref name="repository"/> is what
    /// stacklint scans; <paramref name="host"/> adds what fail2ban's package puts beside it on the host (stock jail.conf,
    /// paths files, fail2ban.conf) when the repository does not carry them.</summary>
    public static (Dictionary<string, string> Repository, Dictionary<string, string> Host) Generate(int seed)
    {
        var random = new Random(seed);
        var repository = new Dictionary<string, string>();
        var host = new Dictionary<string, string>();
        foreach (var name in new[] { "jail.conf", "paths-common.conf", "paths-debian.conf", "fail2ban.conf" })
            host[name] = File.ReadAllText(Path.Combine(StockDirectory, name));

        switch (random.Next(4))
        {
            case 0: repository["jail.conf"] = OwnJailConf(random); break;
            case 1: break; // a lone jail.local / jail.d: fail2ban's stock jail.conf stands in
            default: repository["jail.conf"] = host["jail.conf"]; break;
        }
        if (random.Next(2) == 0)
        {
            repository["paths-common.conf"] = host["paths-common.conf"];
            repository["paths-debian.conf"] = host["paths-debian.conf"];
        }
        var layers = new List<string>();
        for (var i = random.Next(0, 3); i > 0; i--) layers.Add($"jail.d/{random.Next(10, 99)}-{Word(random)}.conf");
        if (random.Next(5) != 0) layers.Add("jail.local");
        for (var i = random.Next(0, 3); i > 0; i--) layers.Add($"jail.d/{random.Next(10, 99)}-{Word(random)}.local");
        if (layers.Count == 0) layers.Add("jail.local");
        foreach (var layer in layers.Distinct()) repository[layer] = Layer(random);
        if (random.Next(3) == 0) repository["fail2ban.local"] = $"[Definition]\ndbpurgeage = {Pick(random, "1d", "7d", "648000", "2w")}\nloglevel = {Pick(random, "INFO", "DEBUG", "NOTICE")}\n";
        if (random.Next(4) == 0) repository["fail2ban.conf"] = host["fail2ban.conf"];

        foreach (var (path, content) in repository) host[path] = content;
        return (repository, host);
    }

    private static string Word(Random random) => Pick(random, "local", "site", "ssh", "web", "ban", "override");

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];

    /// <summary>A small jail.conf of our own: its [DEFAULT] and a few jails, paths from paths-debian.conf.</summary>
    private static string OwnJailConf(Random random)
    {
        var sb = new StringBuilder();
        sb.Append("[INCLUDES]\nbefore = paths-debian.conf\n\n[DEFAULT]\n");
        sb.Append($"bantime = {Pick(random, "10m", "1h", "600")}\nfindtime = {Pick(random, "10m", "20m")}\nmaxretry = {Pick(random, "5", "3")}\n");
        if (random.Next(2) == 0) sb.Append("mytime = 2h\nmyretry = 4\nmyips = 10.1.0.0/16\nmyenabled = true\n");
        sb.Append("enabled = false\nmode = normal\nfilter = %(__name__)s[mode=%(mode)s]\nport = 0:65535\nprotocol = tcp\nchain = <known/chain>\n");
        sb.Append("backend = auto\nusedns = warn\nlogencoding = auto\nignorecommand =\nbanaction = iptables-multiport\nbanaction_allports = iptables-allports\n");
        sb.Append("action_ = %(banaction)s[port=\"%(port)s\", protocol=\"%(protocol)s\", chain=\"%(chain)s\"]\naction = %(action_)s\n\n");
        sb.Append("[sshd]\nport = ssh\nlogpath = %(sshd_log)s\nbackend = %(sshd_backend)s\n\n");
        sb.Append("[nginx-http-auth]\nport = http,https\nlogpath = %(nginx_error_log)s\n\n");
        sb.Append("[recidive]\nlogpath = /var/log/fail2ban.log\nbanaction = %(banaction_allports)s\nbantime = 1w\nfindtime = 1d\n");
        return sb.ToString();
    }

    /// <summary>One layer file: perhaps a [DEFAULT], then one to three jails (each once), each with distinct options.</summary>
    private static string Layer(Random random)
    {
        var sb = new StringBuilder();
        if (random.Next(2) == 0)
        {
            sb.Append(random.Next(6) == 0 ? "# defaults for every jail\n[DEFAULT]\n" : "[DEFAULT]\n");
            var defaults = new List<(string, string)>();
            if (random.Next(2) == 0) defaults.Add(("mytime", Pick(random, "2h", "45m", "1d")));
            if (random.Next(2) == 0) defaults.Add(("myretry", Pick(random, "4", "6")));
            if (random.Next(2) == 0) defaults.Add(("myips", Pick(random, "10.1.0.0/16", "192.0.2.0/24 198.51.100.7")));
            if (random.Next(3) == 0) defaults.Add(("myenabled", Pick(random, "true", "false")));
            if (random.Next(3) == 0) defaults.Add(("bantime", Pick(random, Times)));
            if (random.Next(3) == 0) defaults.Add(("findtime", Pick(random, "10m", "30m", "1h")));
            if (random.Next(3) == 0) defaults.Add(("maxretry", Pick(random, "3", "4", "6")));
            if (random.Next(4) == 0) defaults.Add(("port", Pick(random, "2222", "0:65535")));
            if (random.Next(4) == 0) defaults.Add(("ignoreip", Pick(random, IgnoreIps)));
            // Rare: it enables every stock jail, which the corpus test covers, and costs fail2ban ~0.5 s to read.
            if (random.Next(16) == 0) defaults.Add(("enabled", Pick(random, "true", "false")));
            foreach (var (name, value) in defaults) sb.Append(Option(random, name, value));
            sb.Append('\n');
        }
        var jails = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, Jails)).Distinct().ToList();
        foreach (var jail in jails)
        {
            sb.Append(random.Next(8) == 0 ? $"[{jail}] ; {jail}\n" : $"[{jail}]\n");
            var options = new List<(string, string)>();
            if (random.Next(4) != 0) options.Add(("enabled", Pick(random, Enabled)));
            if (jail is "myapp") options.Add(("filter", "sshd"));
            if (jail is "web") options.Add(("filter", "nginx-http-auth[mode=normal]"));
            if (jail is "myapp" or "web") options.Add(("logpath", "/var/log/" + jail + ".log"));
            if (random.Next(2) == 0) options.Add(("maxretry", Pick(random, Retries)));
            if (random.Next(2) == 0) options.Add(("bantime", Pick(random, Times)));
            if (random.Next(3) == 0) options.Add(("findtime", Pick(random, Times)));
            if (random.Next(3) == 0) options.Add(("ignoreip", Pick(random, IgnoreIps)));
            if (random.Next(3) == 0) options.Add(("port", Pick(random, Ports)));
            if (random.Next(3) == 0) options.Add(("backend", Pick(random, Backends)));
            foreach (var (name, value) in options) sb.Append(Option(random, name, value));
            if (random.Next(3) == 0) sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary><c>name = value</c> in one of the ways people write it.</summary>
    private static string Option(Random random, string name, string value)
    {
        var written = random.Next(8) switch
        {
            0 => char.ToUpperInvariant(name[0]) + name.Substring(1),
            1 => name.ToUpperInvariant(),
            _ => name,
        };
        var separator = random.Next(6) switch { 0 => ": ", 1 => "=", 2 => "   = ", _ => " = " };
        var comment = random.Next(10) == 0 && !value.Contains('\n') ? " ; set here" : "";
        return written + separator + value + comment + "\n";
    }
}
