using System.Collections.Generic;

namespace Stacklint.Rules.Sshd;

sealed class SSH011WeakHostKeyAlgorithms : WeakAlgorithmRule
{
    protected override IEnumerable<string> Keywords => new[]
        { "HostKeyAlgorithms", "PubkeyAcceptedAlgorithms", "HostbasedAcceptedAlgorithms", "CASignatureAlgorithms" };

    protected override bool IsWeak(string algorithm) =>
        algorithm is "ssh-dss" or "ssh-rsa" or "ssh-dss-cert-v01@openssh.com" or "ssh-rsa-cert-v01@openssh.com";

    protected override string Advice =>
        "DSA keys and ssh-rsa (RSA with SHA-1 signatures) are weak and off by default since OpenSSH 8.8; use ssh-ed25519 and rsa-sha2-256/512.";
}
