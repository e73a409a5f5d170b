using System;
using System.Collections.Generic;

namespace Stacklint.Rules.Sshd;

sealed class SSH008WeakCiphers : WeakAlgorithmRule
{
    protected override IEnumerable<string> Keywords => new[] { "Ciphers" };

    protected override bool IsWeak(string cipher) =>
        cipher.EndsWith("-cbc", StringComparison.Ordinal) || cipher.Contains("-cbc@")
        || StartsWithAny(cipher, "3des", "arcfour", "blowfish", "cast128", "des") || cipher == "none";

    protected override string Advice =>
        "CBC modes, 3DES, RC4 (arcfour), Blowfish and CAST are broken or weak; remove them, e.g. `Ciphers -*-cbc` or list chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr.";
}
