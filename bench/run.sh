#!/usr/bin/env bash
# Whole-process timings of the published CLI (what a pre-commit hook or CI step pays): scanning samples/,
# scanning one file, a generated 400-file tree, the h5bp nginx server configs and awesome-compose and Debian's fail2ban tree (../shared/corpus). Uses hyperfine (Debian package) and /usr/bin/time -v
# for peak memory. Results go to bench/results/ (not committed); numbers are quoted in the issue notes.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v hyperfine >/dev/null || { as_root apt-get update -qq; as_root apt-get install -y -qq hyperfine >/dev/null; }

out=bench/results
mkdir -p "$out"
dotnet publish src/Stacklint.Cli -c Release -o "$out/bin" --nologo -v quiet >/dev/null
cli="$out/bin/stacklint"

# A larger tree: 200 copies of the insecure sample, each with its drop-in.
tree="$out/tree"
if ! [ -d "$tree" ]; then
  for i in $(seq 1 200); do mkdir -p "$tree/host$i"; cp -r samples/vps-ssh/insecure/etc "$tree/host$i/"; done
fi

# The h5bp nginx tree: nginx.conf with its includes, 40 files (read from the shared corpus where it exists).
h5bp=../shared/corpus/nginx/h5bp-server-configs-nginx
[ -d "$h5bp" ] || h5bp=samples
# The awesome-compose projects: 39 compose projects with their .env files.
compose=../shared/corpus/compose/awesome-compose
[ -d "$compose" ] || compose=samples

# fail2ban: Debian's stock tree (jail.conf with its paths files and jail.d), layered and interpolated.
fail2ban=../shared/corpus/fail2ban/debian-bookworm
[ -d "$fail2ban" ] || fail2ban=samples

export NO_COLOR=1
hyperfine --warmup 2 --runs 15 -N -i --export-markdown "$out/timings.md" \
  -n "scan samples/" "$cli scan samples/ --fail-on none" \
  -n "scan one file" "$cli scan samples/vps-ssh/hardened/etc/ssh/sshd_config --fail-on none" \
  -n "scan 200 hosts (400 files)" "$cli scan $tree --fail-on none" \
  -n "scan h5bp nginx tree" "$cli scan $h5bp --fail-on none" \
  -n "scan awesome-compose" "$cli scan $compose --fail-on none" \
  -n "scan fail2ban stock tree" "$cli scan $fail2ban --fail-on none" \
  -n "scan samples/ --format sarif" "$cli scan samples/ --format sarif --output $out/samples.sarif --fail-on none"

for target in samples/ "$tree" "$h5bp" "$compose"; do
  /usr/bin/time -v "$cli" scan "$target" --fail-on none >/dev/null 2>"$out/time.txt" || true
  echo "$target: $(grep -E 'Maximum resident set size' "$out/time.txt" | sed 's/^\s*//')"
done
cat "$out/timings.md"
