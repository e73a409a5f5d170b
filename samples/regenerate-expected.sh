#!/usr/bin/env bash
# Rewrites every samples/<stack>/<variant>/expected-findings.txt from what stacklint reports today, the way
# tests/Stacklint.Tests/Engine/SampleTests.cs runs it: each variant scanned as its own root, default rules
# (no .stacklint.yml), one line per finding: `path:line:column severity ID`, paths relative to the variant.
#
#   samples/regenerate-expected.sh            rewrite the files
#   samples/regenerate-expected.sh --check    only compare; exit 1 when a file would change
#
# STACKLINT=/path/to/stacklint uses that binary instead of building src/Stacklint.Cli (Release).
#
# Findings such as ENV001 depend on what git tracks: run it with the sample files added to the index
# (`git add -f` for a .env that the sample's own .gitignore covers). Review the diff before committing it:
# a changed line is a changed finding.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
check=false
[ "${1:-}" = "--check" ] && check=true

if [ -z "${STACKLINT:-}" ]; then
  dotnet build "$repo/src/Stacklint.Cli" -c Release -v quiet -nologo >/dev/null
  dll=$(ls "$repo"/src/Stacklint.Cli/bin/Release/*/stacklint.dll | head -n 1)
  run() { dotnet "$dll" "$@"; }
else
  run() { "$STACKLINT" "$@"; }
fi

untracked=$(git -C "$repo" ls-files --others -- samples)
if [ -n "$untracked" ]; then
  echo "warning: not in git's index (git-dependent findings such as ENV001 will differ from a clone):" >&2
  echo "$untracked" | sed 's/^/  /' >&2
fi

changed=0
while IFS= read -r expected; do
  variant_dir=$(dirname "$expected")
  variant=${variant_dir#"$repo"/samples/}
  new=$(mktemp)
  {
    echo "# Findings \`stacklint scan samples/$variant\` must produce (default rules): path:line:col severity ID."
    echo "# Checked by tests/Stacklint.Tests/Engine/SampleTests.cs."
    (cd "$variant_dir" && run scan . --format json --fail-on none --config /dev/null) | python3 -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    print("%s:%d:%d %s %s" % (f["path"], f["startLine"], f["startColumn"], f["severity"], f["ruleId"]))'
  } > "$new"
  if ! cmp -s "$new" "$expected"; then
    changed=1
    if $check; then
      echo "differs: samples/$variant/expected-findings.txt" >&2
      diff -u "$expected" "$new" | tail -n +3 | sed 's/^/  /' >&2 || true
    else
      mv "$new" "$expected"
      echo "rewrote samples/$variant/expected-findings.txt"
    fi
  fi
  rm -f "$new"
done < <(find "$repo/samples" -name expected-findings.txt | sort)

if $check && [ $changed -ne 0 ]; then exit 1; fi
exit 0
