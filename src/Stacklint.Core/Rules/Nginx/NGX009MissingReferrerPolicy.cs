using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX009MissingReferrerPolicy : MissingHeaderRule
{
    protected override string Wanted => "Referrer-Policy header, so full URLs (with tokens in query strings) leak to other sites through the Referer header";
    protected override string Example => "add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;";
    // unsafe-url sends the full URL everywhere, which is what the header is there to stop.
    protected override bool IsPresent(IReadOnlyList<NginxHeader> headers) =>
        headers.Any(h => h.Is("Referrer-Policy") && !h.Value.Split(',').Select(v => v.Trim()).Last().Equals("unsafe-url", System.StringComparison.OrdinalIgnoreCase));
}
