#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests use (the real sshd for the
# differential tests, pre-commit for the hook test, Microsoft's SARIF validator from npm), restores and
# runs `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# sshd -T / -t is the oracle the evaluator is compared with (OpenSSH 9.x from Debian); pre-commit runs the
# hook in .pre-commit-hooks.yaml (tests/Stacklint.Tests/Distribution/PreCommitTests.cs).
apt_packages=()
[ -x /usr/sbin/sshd ] || apt_packages+=(openssh-server)
command -v pre-commit >/dev/null || apt_packages+=(pre-commit)
if [ "${#apt_packages[@]}" -gt 0 ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

# Microsoft's SARIF validator (npm @microsoft/sarif-multitool), pinned by tests/tools/package-lock.json.
if ! [ -x tests/tools/node_modules/.bin/sarif-multitool ]; then
  npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error
fi

dotnet test Linter.sln -c Release --nologo "$@"
