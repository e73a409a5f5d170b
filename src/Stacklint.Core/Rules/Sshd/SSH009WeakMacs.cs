using System;
using System.Collections.Generic;

namespace Stacklint.Rules.Sshd;

sealed class SSH009WeakMacs : WeakAlgorithmRule
{
    protected override IEnumerable<string> Keywords => new[] { "MACs" };

    protected override bool IsWeak(string mac) =>
        StartsWithAny(mac, "hmac-md5", "hmac-sha1", "umac-64", "hmac-ripemd160")
        // Encrypt-and-MAC where an encrypt-then-MAC variant exists.
        || (!mac.Contains("-etm@") && StartsWithAny(mac, "hmac-sha2-256", "hmac-sha2-512", "umac-128"));

    protected override string Advice =>
        "MD5, SHA-1, 64-bit UMAC and RIPEMD-160 MACs are weak, and non-etm MACs authenticate before encrypting; use `MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com`.";
}
