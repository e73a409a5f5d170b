using System;
using System.Collections.Generic;
using System.Linq;
using Stacklint.Formats.Nginx;

namespace Stacklint.Rules.Nginx;

sealed class NGX006MissingNosniff : MissingHeaderRule
{
    protected override string Wanted => "`X-Content-Type-Options: nosniff` header, so browsers may sniff uploads and text as scripts or styles";
    protected override string Example => "add_header X-Content-Type-Options \"nosniff\" always;";
    protected override bool IsPresent(IReadOnlyList<NginxHeader> headers) =>
        headers.Any(h => h.Is("X-Content-Type-Options") && h.Value.Trim().Equals("nosniff", StringComparison.OrdinalIgnoreCase));
}
