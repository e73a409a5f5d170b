using System.Net;
using Stacklint.Engine;

namespace Stacklint.Rules.DaemonJson;

/// <summary>Registries dockerd pulls from without TLS verification (CIS Docker Benchmark v1.6.0 2.5).</summary>
public sealed class DKD008InsecureRegistries : DaemonJsonRule
{
    public override void Analyze(DaemonJsonContext cx)
    {
        if (cx.Setting("insecure-registries") is not { IsArray: true } registries) return;
        foreach (var item in registries.Items)
        {
            if (!item.IsString || item.Text!.Trim().Length == 0) continue;
            var entry = item.Text.Trim();
            var host = entry.Contains("/") ? entry.Substring(0, entry.IndexOf('/')) : entry;
            var hostOnly = host.StartsWith("[") ? host.Trim('[', ']') : host.Contains(":") && host.IndexOf(':') == host.LastIndexOf(':') ? host.Substring(0, host.IndexOf(':')) : host;
            if (hostOnly == "localhost" || (IPAddress.TryParse(hostOnly, out var ip) && IPAddress.IsLoopback(ip) && !entry.Contains("/")))
            {
                cx.Report(item, $"`insecure-registries` lists {item.Shown}, a registry on this host: Docker already treats 127.0.0.0/8 as insecure, so "
                    + "the entry changes nothing. Remove it.", severity: RuleSeverity.Note);
                continue;
            }
            var what = entry == "0.0.0.0/0" || entry == "::/0" ? "every registry at any address"
                : entry.Contains("/") ? $"every registry in {entry}" : $"the registry {entry}";
            cx.Report(item,
                $"`insecure-registries` lists {item.Shown}: dockerd talks to {what} over plain HTTP or without verifying its TLS certificate, so anyone "
                + "on the network path can serve tampered images that the host then runs. Give the registry a certificate (a private CA can go in "
                + "/etc/docker/certs.d/HOST/ca.crt) and remove the entry.");
        }
    }
}
