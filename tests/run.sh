#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests use (the real sshd for the
# differential tests, Microsoft's SARIF validator from npm), restores and runs `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# sshd -T / -t is the oracle the evaluator is compared with (OpenSSH 9.x from Debian).
if ! [ -x /usr/sbin/sshd ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends openssh-server >/dev/null
fi

# Microsoft's SARIF validator (npm @microsoft/sarif-multitool), pinned by tests/tools/package-lock.json.
if ! [ -x tests/tools/node_modules/.bin/sarif-multitool ]; then
  npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error
fi

dotnet test Linter.sln -c Release --nologo "$@"
