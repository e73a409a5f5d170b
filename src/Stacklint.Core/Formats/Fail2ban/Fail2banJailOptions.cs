using System;
using System.Collections.Generic;

namespace Stacklint.Formats.Fail2ban;

/// <summary>How fail2ban 1.0.2 reads an option's value: what F2B007 checks.</summary>
public enum Fail2banValueKind
{
    /// <summary>Taken as text (names, paths, regular expressions, Python expressions).</summary>
    Text,

    /// <summary><c>_as_bool</c>: true for <c>1</c>, <c>on</c>, <c>true</c>, <c>yes</c> in any case, false for anything else.</summary>
    Boolean,

    /// <summary>Python <c>int()</c> in the client; a value that fails becomes None with a warning (and the server refuses
    /// None for maxretry and maxmatches).</summary>
    Integer,

    /// <summary>Converted by the server with <c>MyTime.str2seconds</c> (a rewritten Python expression).</summary>
    Time,

    /// <summary>Split on single spaces, each part <c>int()</c> (the server's <c>Jail.setBanTimeExtra</c>).</summary>
    IntegerList,
}

/// <summary>
/// The option names fail2ban 1.0.2 gives a meaning in a jail section or in <c>[DEFAULT]</c>: the options its jail reader
/// reads (with how it reads each value), and the variables of the packaged configuration that other values interpolate.
/// A key that is neither, and that no <c>%(key)s</c> references, is ignored by fail2ban without a warning (F2B006).
/// </summary>
/// <remarks>
/// <see cref="ReaderOptions"/>: the keys of <c>JailReader._configOpts1st</c> and <c>JailReader._configOpts</c> in
/// <c>fail2ban/client/jailreader.py</c> of fail2ban 1.0.2, which folds in <c>FilterReader._configOpts</c> of
/// <c>filterreader.py</c>. Kinds: <c>"bool"</c> and <c>"int"</c> as the reader declares them; the four times are
/// <c>"string"</c> to the reader and converted by the server (<c>Actions.setBanTime</c>, <c>Filter.setFindTime</c>,
/// <c>Jail.setBanTimeExtra</c>). <see cref="StockVariables"/>: every option name of the package's <c>jail.conf</c> and
/// <c>paths-*.conf</c> (Debian 12, fail2ban 1.0.2-2) that is not a reader option, and every name those files reference
/// as <c>%(name)s</c> (some, like <c>cfemail</c>, are referenced and never defined). Fail2banStockDataTests holds both
/// lists to the installed package.
/// </remarks>
public static class Fail2banJailOptions
{
    private static readonly Dictionary<string, Fail2banValueKind> Reader = new(StringComparer.Ordinal)
    {
        // JailReader._configOpts (1.0.2); _configOpts1st is enabled, backend, filter.
        ["enabled"] = Fail2banValueKind.Boolean,
        ["backend"] = Fail2banValueKind.Text,
        ["maxretry"] = Fail2banValueKind.Integer,
        ["maxmatches"] = Fail2banValueKind.Integer,
        ["findtime"] = Fail2banValueKind.Time,
        ["bantime"] = Fail2banValueKind.Time,
        ["bantime.increment"] = Fail2banValueKind.Boolean,
        ["bantime.factor"] = Fail2banValueKind.Text,
        ["bantime.formula"] = Fail2banValueKind.Text,
        ["bantime.multipliers"] = Fail2banValueKind.IntegerList,
        ["bantime.maxtime"] = Fail2banValueKind.Time,
        ["bantime.rndtime"] = Fail2banValueKind.Time,
        ["bantime.overalljails"] = Fail2banValueKind.Boolean,
        ["ignorecommand"] = Fail2banValueKind.Text,
        ["ignoreself"] = Fail2banValueKind.Boolean,
        ["ignoreip"] = Fail2banValueKind.Text,
        ["ignorecache"] = Fail2banValueKind.Text,
        ["filter"] = Fail2banValueKind.Text,
        ["logtimezone"] = Fail2banValueKind.Text,
        ["logencoding"] = Fail2banValueKind.Text,
        ["logpath"] = Fail2banValueKind.Text,
        ["action"] = Fail2banValueKind.Text,
        // FilterReader._configOpts (1.0.2): a jail may set its filter's definitions itself.
        ["usedns"] = Fail2banValueKind.Text,
        ["prefregex"] = Fail2banValueKind.Text,
        ["ignoreregex"] = Fail2banValueKind.Text,
        ["failregex"] = Fail2banValueKind.Text,
        ["maxlines"] = Fail2banValueKind.Integer,
        ["datepattern"] = Fail2banValueKind.Text,
        ["journalmatch"] = Fail2banValueKind.Text,
    };

    private static readonly HashSet<string> Stock = new(StringComparer.Ordinal)
    {
        // Action shortcuts and their parameters (jail.conf [DEFAULT]).
        "action_", "action_abuseipdb", "action_blocklist_de", "action_cf_mwl", "action_mw", "action_mwl", "action_xarf",
        "banaction", "banaction_allports", "blocklist_de_apikey", "blocktype", "cfapikey", "cfemail", "chain", "destemail",
        "fail2ban_agent", "mode", "mta", "port", "protocol", "returntype", "sender", "tcpport", "udpport", "knocking_url",
        // Set by fail2ban itself before interpolation (JailReader.getOptions merge_defaults).
        "fail2ban_confpath", "fail2ban_version",
        // Log locations and backends (paths-common.conf, paths-debian.conf, paths-arch.conf, paths-opensuse.conf).
        "apache_access_log", "apache_error_log", "auditd_log", "default_backend", "dovecot_backend", "dovecot_log",
        "dropbear_backend", "dropbear_log", "exim_main_log", "lighttpd_error_log", "mysql_backend", "mysql_log",
        "nginx_access_log", "nginx_error_log", "postfix_backend", "postfix_log", "proftpd_backend", "proftpd_log",
        "pureftpd_backend", "pureftpd_log", "roundcube_errors_log", "solidpop3d_log", "sshd_backend", "sshd_log",
        "suhosin_log", "syslog_authpriv", "syslog_backend", "syslog_daemon", "syslog_ftp", "syslog_local0", "syslog_mail",
        "syslog_mail_warn", "syslog_user", "vsftpd_log", "wuftpd_backend", "wuftpd_log",
    };

    private static readonly HashSet<string> Includes = new(StringComparer.Ordinal) { "before", "after" };

    /// <summary>The options fail2ban's jail reader reads, with how it reads each value.</summary>
    public static IReadOnlyDictionary<string, Fail2banValueKind> ReaderOptions => Reader;

    /// <summary>The variables of the packaged configuration (not read by the jail reader; used through interpolation).</summary>
    public static IReadOnlyCollection<string> StockVariables => Stock;

    /// <summary>The only options of an <c>[INCLUDES]</c> section.</summary>
    public static IReadOnlyCollection<string> IncludesOptions => Includes;

    /// <summary>fail2ban lower-cases option names (Python configparser's <c>optionxform</c>).</summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    public static bool IsReaderOption(string name) => Reader.ContainsKey(Normalize(name));

    public static bool IsStockVariable(string name) => Stock.Contains(Normalize(name));

    /// <summary>A reader option or a stock variable. Whether the stack itself references the key (<c>%(key)s</c>) is the
    /// caller's to add: that depends on the configuration being read.</summary>
    public static bool IsKnown(string name) => IsReaderOption(name) || IsStockVariable(name);

    /// <summary>How fail2ban reads the option's value; <see cref="Fail2banValueKind.Text"/> for anything it does not convert.</summary>
    public static Fail2banValueKind KindOf(string name) =>
        Reader.TryGetValue(Normalize(name), out var kind) ? kind : Fail2banValueKind.Text;
}
