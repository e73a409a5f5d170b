using System.Collections.Generic;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX007MissingCsp : MissingHeaderRule
{
    protected override string Wanted => "Content-Security-Policy header (Content-Security-Policy-Report-Only enforces nothing), so an injected script runs with the page's full rights";
    protected override string Example => "add_header Content-Security-Policy \"default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'\" always;";
    protected override bool IsPresent(IReadOnlyList<NginxHeader> headers) => headers.Find("Content-Security-Policy") is not null;
}
