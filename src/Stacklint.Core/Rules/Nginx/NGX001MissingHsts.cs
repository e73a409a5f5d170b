using System.Collections.Generic;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX001MissingHsts : MissingHeaderRule
{
    protected override string Wanted => "Strict-Transport-Security (HSTS) header, so browsers will still try plain HTTP first and a network attacker can strip TLS";
    protected override string Example => "add_header Strict-Transport-Security \"max-age=63072000; includeSubDomains\" always;";
    protected override bool TlsOnly => true;
    protected override bool IsPresent(IReadOnlyList<NginxHeader> headers) => headers.Find("Strict-Transport-Security") is not null;
}
