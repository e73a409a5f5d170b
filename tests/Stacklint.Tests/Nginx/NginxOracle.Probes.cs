using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stacklint.Formats.Nginx;
using Stacklint.Tests.Support;

namespace Stacklint.Tests.Nginx;

/// <summary>The nginx oracle's probes: single generated configurations (a directive in a context, with values) run
/// with <c>nginx -t -p PREFIX -c FILE</c> in a prefix that has what their values point at, and the dynamic modules
/// Debian 12 packages (stream, mail, geoip, image_filter, xslt, perl, echo) loaded as needed.</summary>
public static partial class NginxOracle
{
    public const string ModulesDirectory = "/usr/lib/nginx/modules";

    /// <summary>The dynamic modules the probes load (every one Debian 12 packages that builds on nginx.org sources).</summary>
    public static readonly string[] DynamicModules =
    {
        "ngx_stream_module.so", "ngx_mail_module.so", "ngx_http_geoip_module.so", "ngx_stream_geoip_module.so",
        "ngx_http_image_filter_module.so", "ngx_http_xslt_filter_module.so", "ngx_http_perl_module.so",
    };

    private static readonly Lazy<string> LazyPrefix = new(CreatePrefix);
    private static readonly Lazy<string> LazyConfigure = new(() => RunRaw("-V").Stderr);

    /// <summary>A prefix directory with what the probes' values point at: a certificate and key, DH parameters,
    /// a password file, an XSLT stylesheet, a Perl module, an empty include.</summary>
    public static string Prefix => LazyPrefix.Value;

    /// <summary>What <c>nginx -V</c> prints (version and configure arguments).</summary>
    public static string Configure => LazyConfigure.Value;

    public sealed record ProbeOutcome(int ExitCode, string Stderr)
    {
        private static readonly Regex Emerg = new(@"\[emerg\] \d+#\d+: (?<message>.*?)(?: in (?<file>\S+):(?<line>\d+))?\r?$",
            RegexOptions.Multiline | RegexOptions.Compiled);

        public bool Accepted => ExitCode == 0;

        /// <summary>The [emerg] message (without the location) and the line it names, if nginx refused the file.</summary>
        public (string Message, int? Line)? Error
        {
            get
            {
                var match = Emerg.Match(Stderr);
                if (!match.Success) return null;
                return (match.Groups["message"].Value, match.Groups["line"].Success ? int.Parse(match.Groups["line"].Value) : null);
            }
        }
    }

    /// <summary>Runs <c>nginx -t</c> on <paramref name="config"/> (written into the prefix under a fresh name).</summary>
    public static ProbeOutcome Probe(string config)
    {
        var file = Path.Combine(Prefix, "conf", Guid.NewGuid().ToString("N") + ".conf");
        File.WriteAllText(file, config);
        try
        {
            return RunRaw("-t", "-q", "-p", Prefix + "/", "-c", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static ProbeOutcome RunRaw(params string[] args)
    {
        ExternalTool.Require(Binary, "The nginx tests need nginx-light and its dynamic modules (tests/run.sh installs them).");
        var run = ExternalTool.Run(Binary, args, Path.GetTempPath());
        return new ProbeOutcome(run.ExitCode, run.Stderr);
    }

    /// <summary>The modules this nginx has once <see cref="DynamicModules"/> are loaded, read from its configure
    /// arguments: core modules always, default ones unless <c>--without-...</c>, optional ones when <c>--with-...</c>
    /// (static, or dynamic and loaded).</summary>
    public static NginxBuild Build(bool withDynamic = true)
    {
        var configure = Configure;
        var version = NginxVersion.Parse(Regex.Match(configure, @"nginx version: nginx/(\S+)").Groups[1].Value);
        var options = Regex.Matches(configure, @"--with(?:out)?-[a-z0-9_]+(?:=dynamic)?").Select(m => m.Value).ToHashSet();
        bool Has(NginxModule m) => m.Kind switch
        {
            NginxModuleKind.Core => true,
            NginxModuleKind.Default => !options.Contains(m.Configure!),
            NginxModuleKind.Optional => options.Contains(m.Configure!)
                || (withDynamic && options.Contains(m.Configure + "=dynamic") && DynamicModules.Contains(m.DynamicFile)),
            _ => false,
        };
        return new NginxBuild(version, NginxDirectiveTable.Modules.Where(Has));
    }

    private static string CreatePrefix()
    {
        var root = Path.Combine(Path.GetTempPath(), "stacklint-nginx-oracle", Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        foreach (var sub in new[] { "conf", "logs", "html", "cache", "temp", "perl" })
            Directory.CreateDirectory(Path.Combine(root, sub));
        ExternalTool.Require("openssl", "The nginx tests make a self-signed certificate with openssl.");
        ExternalTool.RunOk("openssl", new[]
        {
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=localhost",
            "-days", "2", "-keyout", "conf/key.pem", "-out", "conf/cert.pem",
        }, root);
        ExternalTool.RunOk("openssl", new[] { "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "dh_param:ffdhe2048", "-out", "conf/dh.pem" }, root);
        File.WriteAllText(Path.Combine(root, "conf/htpasswd"), "user:{PLAIN}secret\n");
        File.WriteAllText(Path.Combine(root, "conf/passwords"), "secret\n");
        File.WriteAllText(Path.Combine(root, "conf/empty.conf"), "");
        File.WriteAllBytes(Path.Combine(root, "conf/ticket.key"), Enumerable.Range(0, 80).Select(i => (byte)i).ToArray());
        File.WriteAllText(Path.Combine(root, "conf/style.xslt"),
            "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:template match=\"/\"/></xsl:stylesheet>\n");
        File.WriteAllText(Path.Combine(root, "conf/entities.dtd"), "<!ENTITY probe \"probe\">\n");
        File.WriteAllText(Path.Combine(root, "perl/Probe.pm"), "package Probe;\nsub handler { return 200; }\n1;\n");
        return root;
    }
}
