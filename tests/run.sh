#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests use (the real sshd, nginx with its
# modules and fail2ban for the differential tests, pre-commit for the hook test, Microsoft's SARIF validator from npm),
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
# dockerd's own configuration loader is the oracle for the daemon.json reader (tests/Stacklint.Tests/DaemonJson/
# DockerdOracleTests.cs): Debian's docker.io, unpacked below (never installed, so no service starts); it needs these libraries.
ldconfig -p | grep -q libdevmapper.so.1.02.1 || apt_packages+=(libdevmapper1.02.1)
command -v setpriv >/dev/null || apt_packages+=(util-linux)
# fail2ban-client -d / -t and MyTime.str2seconds are the oracle for the fail2ban model (tests/Stacklint.Tests/Fail2ban):
# Debian 12's fail2ban 1.0.2; its /etc/fail2ban filter.d and action.d are linked beside each test configuration.
[ -x /usr/bin/fail2ban-client ] || apt_packages+=(fail2ban)
if [ "${#apt_packages[@]}" -gt 0 ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

if ! [ -x tests/tools/dockerd/usr/sbin/dockerd ]; then
  deb_dir=$(mktemp -d)
  (cd "$deb_dir" && { apt-get download docker.io >/dev/null 2>&1 || { as_root apt-get update -qq && apt-get download docker.io >/dev/null; }; })
  dpkg-deb -x "$deb_dir"/docker.io_*.deb tests/tools/dockerd
  rm -rf "$deb_dir"
fi

# Microsoft's SARIF validator (npm @microsoft/sarif-multitool), pinned by tests/tools/package-lock.json.
if ! [ -x tests/tools/node_modules/.bin/sarif-multitool ]; then
  npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error
fi

dotnet test Linter.sln -c Release --nologo "$@"
