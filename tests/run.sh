#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests use (the real sshd and nginx with its
# modules for the differential tests, pre-commit for the hook test, Microsoft's SARIF validator from npm),
# restores and runs `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# sshd -T / -t is the oracle the evaluator is compared with (OpenSSH 9.x from Debian); nginx -t is the oracle for
# the nginx parser (nginx-light 1.22 from Debian, tests/Stacklint.Tests/Nginx/NginxOracle.cs); openssl makes the
# self-signed certificates nginx -t loads; pre-commit runs the hook in .pre-commit-hooks.yaml
# (tests/Stacklint.Tests/Distribution/PreCommitTests.cs).
apt_packages=()
[ -x /usr/sbin/sshd ] || apt_packages+=(openssh-server)
command -v pre-commit >/dev/null || apt_packages+=(pre-commit)
# nginx -t is the oracle for the nginx directive table (tests/Stacklint.Tests/Nginx): Debian's nginx with every
# dynamic module Debian builds from nginx.org sources, echo as a third-party module, and GeoIP country databases.
[ -x /usr/sbin/nginx ] || apt_packages+=(nginx-light)
for module in stream mail http-geoip stream-geoip http-image-filter http-xslt-filter http-perl http-echo; do
  so="/usr/lib/nginx/modules/ngx_${module//-/_}_module.so"
  [ "$module" = http-xslt-filter ] && so=/usr/lib/nginx/modules/ngx_http_xslt_filter_module.so
  [ -f "$so" ] || apt_packages+=("libnginx-mod-$module")
done
[ -f /usr/share/GeoIP/GeoIP.dat ] || apt_packages+=(geoip-database)
command -v openssl >/dev/null || apt_packages+=(openssl)
# docker-compose config is the oracle for compose interpolation (tests/Stacklint.Tests/Compose): Debian's Compose v1.29;
# Compose v2 has no Debian package. No daemon is needed (--no-install-recommends leaves docker.io out).
command -v docker-compose >/dev/null || apt_packages+=(docker-compose)
[ -x /usr/bin/fail2ban-client ] || apt_packages+=(fail2ban)
if [ "${#apt_packages[@]}" -gt 0 ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

# Microsoft's SARIF validator (npm @microsoft/sarif-multitool), pinned by tests/tools/package-lock.json.
if ! [ -x tests/tools/node_modules/.bin/sarif-multitool ]; then
  npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error
fi

dotnet test Linter.sln -c Release --nologo "$@"
