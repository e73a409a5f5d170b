using System.Collections.Generic;

namespace Stacklint.Rules.Sshd;

sealed class SSH010WeakKex : WeakAlgorithmRule
{
    protected override IEnumerable<string> Keywords => new[] { "KexAlgorithms" };

    protected override bool IsWeak(string kex) =>
        kex is "diffie-hellman-group1-sha1" or "diffie-hellman-group14-sha1" or "diffie-hellman-group-exchange-sha1";

    protected override string Advice =>
        "SHA-1 key exchange (and the 1024-bit group1) is weak; remove it, e.g. `KexAlgorithms -diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1`.";
}
