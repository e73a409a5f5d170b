using System;
using System.Collections.Generic;

namespace Stacklint.Formats.Fail2ban;

/// <summary>
/// The filters fail2ban 1.0.2 ships: the names of <c>/etc/fail2ban/filter.d/*.conf</c> in Debian 12's fail2ban 1.0.2-2
/// package (94). A jail whose filter is neither here nor in the stack's own filter.d is skipped by fail2ban at start
/// (F2B008). Listed, not read from the disk: the scanning machine need not have fail2ban, and its version may differ.
/// Fail2banStockDataTests holds the list to the installed package.
/// </summary>
/// <remarks><c>common</c>, <c>apache-common</c>, <c>botsearch-common</c>, <c>exim-common</c> and <c>selinux-common</c> are
/// include files for other filters (no failregex of their own); fail2ban still finds them, so they count as existing.
/// Names are file names: case-sensitive.</remarks>
public static class Fail2banStockFilters
{
    private static readonly HashSet<string> All = new(StringComparer.Ordinal)
    {
        "3proxy", "apache-auth", "apache-badbots", "apache-botsearch", "apache-common", "apache-fakegooglebot",
        "apache-modsecurity", "apache-nohome", "apache-noscript", "apache-overflows", "apache-pass", "apache-shellshock",
        "assp", "asterisk", "bitwarden", "botsearch-common", "centreon", "common", "counter-strike", "courier-auth",
        "courier-smtp", "cyrus-imap", "directadmin", "domino-smtp", "dovecot", "dropbear", "drupal-auth", "ejabberd-auth",
        "exim-common", "exim-spam", "exim", "freeswitch", "froxlor-auth", "gitlab", "grafana", "groupoffice", "gssftpd",
        "guacamole", "haproxy-http-auth", "horde", "kerio", "lighttpd-auth", "mongodb-auth", "monit", "monitorix",
        "mssql-auth", "murmur", "mysqld-auth", "nagios", "named-refused", "nginx-bad-request", "nginx-botsearch",
        "nginx-http-auth", "nginx-limit-req", "nsd", "openhab", "openwebmail", "oracleims", "pam-generic", "perdition",
        "php-url-fopen", "phpmyadmin-syslog", "portsentry", "postfix", "proftpd", "pure-ftpd", "qmail", "recidive",
        "roundcube-auth", "scanlogd", "screensharingd", "selinux-common", "selinux-ssh", "sendmail-auth", "sendmail-reject",
        "sieve", "slapd", "softethervpn", "sogo-auth", "solid-pop3d", "squid", "squirrelmail", "sshd", "stunnel", "suhosin",
        "tine20", "traefik-auth", "uwimap-auth", "vsftpd", "webmin-auth", "wuftpd", "xinetd-fail", "znc-adminlog",
        "zoneminder",
    };

    public static IReadOnlyCollection<string> Names => All;

    /// <summary>Whether fail2ban 1.0.2 ships filter.d/<paramref name="name"/>.conf.</summary>
    public static bool Contains(string name) => All.Contains(name);
}
