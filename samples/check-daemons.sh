#!/usr/bin/env bash
# Checks that the samples' files are accepted by the daemons that read them, so that every finding in
# expected-findings.txt is about a configuration that really runs:
#   sshd -t               etc/ssh/sshd_config (with its sshd_config.d/)
#   nginx -t              every nginx.conf, or a wrapper `http { include ... }` around conf.d fragments (self-signed
#                         certificates at the ssl_certificate paths; Docker service names in proxy_pass → 127.0.0.1)
#   fail2ban-client -d    etc/fail2ban/ laid over a copy of the host's stock /etc/fail2ban (filters, actions, paths)
#                         without its jail.d/; prints what each jail ends up with (ports, chain, times)
#   docker-compose config every compose file, with the variables of the .env (or the template, emptied values
#                         filled) beside it
#   JSON                  every daemon.json
# Paths are rewritten into a temporary copy; nothing outside it is touched. A missing tool is reported and skipped.
#
#   samples/check-daemons.sh [samples/<stack>/<variant> ...]     (default: every variant)
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }
failed=0
fail() { echo "  FAIL $*"; failed=1; }

check_sshd() {
  local v=$1 t=$2
  [ -f "$v/etc/ssh/sshd_config" ] || return 0
  have sshd || { echo "  skip sshd -t: no sshd"; return 0; }
  mkdir -p "$t/ssh" && cp -r "$v/etc/ssh/." "$t/ssh/"
  sed -i "s#/etc/ssh/#$t/ssh/#g" "$t/ssh/sshd_config"
  ssh-keygen -q -t ed25519 -N '' -f "$t/hostkey"
  [ -d /run/sshd ] || mkdir -p /run/sshd 2>/dev/null || true
  local out
  if out=$(/usr/sbin/sshd -t -f "$t/ssh/sshd_config" -h "$t/hostkey" 2>&1); then
    echo "  sshd -t: ok ($(/usr/sbin/sshd -T -f "$t/ssh/sshd_config" -h "$t/hostkey" -C user=root,host=client,addr=203.0.113.9 2>/dev/null \
      | grep -E '^(port|passwordauthentication|permitrootlogin|maxauthtries) ' | tr '\n' ' ' | sed 's/ $//'))"
  else fail "sshd -t: $out"; fi
}

check_nginx() {
  local v=$1 t=$2
  find "$v" -path '*nginx*' -name '*.conf' | grep -q . || return 0
  have nginx || { echo "  skip nginx -t: no nginx"; return 0; }
  cp -r "$v" "$t/root"; mkdir -p "$t/logs"
  local mains frags f out m
  mains=$(cd "$t/root" && find . -name nginx.conf | sed 's#^\./##')
  if [ -z "$mains" ]; then
    frags=$(cd "$t/root" && find . -path '*nginx*' -name '*.conf' | sed 's#^\./##')
    { echo "events {}"; echo "http {"; for f in $frags; do echo "  include $t/root/$f;"; done; echo "}"; } > "$t/root/wrapper-nginx.conf"
    mains=wrapper-nginx.conf
  fi
  for f in $(cd "$t/root" && find . -path '*nginx*' -type f); do
    sed -i -E "s#/etc/nginx/#$t/root/etc/nginx/#g; s#/etc/(letsencrypt|ssl)/#$t/root/etc/\1/#g; s#/var/log/nginx/#$t/logs/#g; \
s#(/var)?/run/nginx.pid#$t/nginx.pid#g; s#^user nginx;#user www-data;#; s#(proxy_pass https?://)[a-z][a-z0-9_-]*:#\1127.0.0.1:#g" "$t/root/$f"
  done
  # A fresh self-signed pair for each ssl_certificate / ssl_certificate_key pair (a committed key is not a real one).
  (cd "$t/root" && grep -rhoE 'ssl_certificate(_key)? +[^;]+' .) | python3 -c '
import os, subprocess, sys
cert = None
for line in sys.stdin:
    kind, path = line.split()
    if kind == "ssl_certificate":
        cert = path
    elif cert:
        for p in (path, cert):
            os.makedirs(os.path.dirname(p), exist_ok=True)
        subprocess.run(["openssl", "req", "-x509", "-nodes", "-newkey", "rsa:2048", "-days", "1", "-subj", "/CN=sample",
                        "-keyout", path, "-out", cert], check=True, capture_output=True)'
  for m in $mains; do
    if out=$(nginx -t -p "$t/" -c "$t/root/$m" -e stderr 2>&1); then echo "  nginx -t $m: ok"
    else fail "nginx -t $m: $(echo "$out" | sed "s#$t/root/##g" | head -n 1)"; fi
  done
}

check_fail2ban() {
  local v=$1 t=$2 out
  [ -d "$v/etc/fail2ban" ] || return 0
  { have fail2ban-client && [ -d /etc/fail2ban/filter.d ]; } || { echo "  skip fail2ban-client -d: no fail2ban"; return 0; }
  mkdir -p "$t/f2b" && cp -r /etc/fail2ban/. "$t/f2b/" && rm -f "$t/f2b/jail.d/"* && cp -r "$v/etc/fail2ban/." "$t/f2b/"
  if out=$(fail2ban-client -c "$t/f2b" -d 2>&1); then
    echo "  fail2ban-client -d: ok"
    echo "$out" | python3 -c '
import re, sys
jails = {}
for line in sys.stdin:
    line = line.rstrip("\n")
    if re.match(r"^\d{4}-\d\d-\d\d ", line):
        if "ERROR" in line or ("WARNING" in line and "log file" not in line and "allowipv6" not in line):
            print("    " + line.split(": ", 1)[-1][:160])
        continue
    m = re.match(r"^\[.add., .([^\x27]+).", line)
    if m:
        jails[m.group(1)] = {}
        continue
    m = re.match(r"^\[.set., .([^\x27]+)., .(maxretry|findtime|bantime|addignoreip)., (.*)\]$", line)
    if m:
        jails[m.group(1)][m.group(2).replace("add", "")] = m.group(3).replace("\x27", "")
        continue
    m = re.match(r"^\[.multi-set., .([^\x27]+)., .action., .([^\x27]+).", line)
    if m:
        ports = re.search(r"--dports (\S+)", line); chain = re.search(r"-I (\S+) -p", line)
        jails[m.group(1)]["action"] = m.group(2) + (" ports " + ports.group(1) if ports else "") + (" chain " + chain.group(1) if chain else "")
for name, values in jails.items():
    print("    [%s] %s" % (name, ", ".join("%s=%s" % kv for kv in values.items())))'
  else fail "fail2ban-client -d: $(echo "$out" | tail -n 1)"; fi
}

check_compose() {
  local v=$1 t=$2 c d e env out
  while IFS= read -r c; do
    have docker-compose || { echo "  skip docker-compose config: no docker-compose"; return 0; }
    d=$(dirname "$c"); env="$t/env"; : > "$env"
    for e in .env .env.production .env.example .env.production.template; do
      [ -f "$d/$e" ] && { sed 's/=$/=sample/' "$d/$e" > "$env"; break; }
    done
    rm -rf "$t/project"; cp -r "$d" "$t/project"
    for e in $(grep -hoE 'env_file: *[^ ]+' "$c" | awk '{print $2}'); do [ -f "$t/project/$e" ] || cp "$env" "$t/project/$e"; done
    if out=$(docker-compose --env-file "$env" -f "$t/project/$(basename "$c")" config -q 2>&1); then echo "  docker-compose config ${c#"$v"/}: ok"
    else fail "docker-compose config ${c#"$v"/}: $out"; fi
  done < <(find "$v" -name '*compose*.y*ml')
}

check_json() {
  local v=$1 j
  while IFS= read -r j; do
    if python3 -m json.tool "$j" >/dev/null; then echo "  JSON ${j#"$v"/}: ok"; else fail "JSON ${j#"$v"/}"; fi
  done < <(find "$v" -name daemon.json)
}

if [ $# -gt 0 ]; then variants=("$@"); else mapfile -t variants < <(find "$repo/samples" -name expected-findings.txt -exec dirname {} \; | sort); fi
for variant in "${variants[@]}"; do
  v=$(cd "$variant" && pwd); t=$(mktemp -d)
  echo "${v#"$repo"/}"
  check_sshd "$v" "$t"; check_nginx "$v" "$t"; check_fail2ban "$v" "$t"; check_compose "$v" "$t"; check_json "$v"
  rm -rf "$t"
done
exit $failed
