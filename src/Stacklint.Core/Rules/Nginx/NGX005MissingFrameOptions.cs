using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX005MissingFrameOptions : MissingHeaderRule
{
    protected override string Wanted => "X-Frame-Options header and no Content-Security-Policy frame-ancestors, so other sites can frame its pages (clickjacking)";
    protected override string Example => "add_header X-Frame-Options \"DENY\" always;";
    protected override bool IsPresent(IReadOnlyList<NginxHeader> headers) =>
        // ALLOW-FROM is ignored by current browsers, and so is the header with it.
        headers.Any(h => h.Is("X-Frame-Options") && h.Value.Trim().ToUpperInvariant() is "DENY" or "SAMEORIGIN")
        || headers.Any(h => h.Is("Content-Security-Policy") && h.Value.IndexOf("frame-ancestors", StringComparison.OrdinalIgnoreCase) >= 0);
}
