#!/usr/bin/env bash
# The GitHub Action's only step (see action.yml): builds stacklint from the action's own checkout, scans the
# workspace, prints annotations, writes SARIF, the job summary and the step outputs, and exits with stacklint's
# exit code so that `fail-on` gates the job.
#
# Environment (what action.yml passes; GitHub does not set INPUT_* for composite actions by itself):
#   GITHUB_ACTION_PATH   the action's checkout (the stacklint repository)       required
#   GITHUB_WORKSPACE     the repository to scan (default: the current directory)
#   GITHUB_OUTPUT        step outputs file          GITHUB_STEP_SUMMARY   job summary file (both optional)
#   RUNNER_TEMP          scratch space (default: $TMPDIR or /tmp); the build is kept in $RUNNER_TEMP/stacklint-build
#                        unless STACKLINT_BUILD_DIR says otherwise
#   INPUT_PATH           paths to scan, relative to the workspace, one per line (default: .)
#   INPUT_CONFIG         a .stacklint.yml (optional)      INPUT_BASELINE   a SARIF baseline (optional)
#   INPUT_FAIL_ON        error|warning|note|none (default: the configuration's fail-on, else warning)
#   INPUT_SARIF_FILE     where to write SARIF, relative to the workspace (default: stacklint.sarif)
#   INPUT_ANNOTATIONS    true: print findings as workflow-command annotations; false: print the text report
# Exit codes: 0 no finding at or above fail-on, 1 findings at or above it, 2 bad input, build or internal error.
set -euo pipefail

# A workflow command's message must have %, CR and LF escaped.
escape_data() {
  local s=$1
  s=${s//'%'/'%25'}
  s=${s//$'\r'/'%0D'}
  s=${s//$'\n'/'%0A'}
  printf '%s' "$s"
}

die() {
  echo "::error title=stacklint::$(escape_data "$*")"
  exit 2
}

lower() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]'; }

action_path=${GITHUB_ACTION_PATH:-}
[ -n "$action_path" ] || die "GITHUB_ACTION_PATH is not set; run this script from the action (action.yml)."
action_path=$(cd "$action_path" && pwd) || die "GITHUB_ACTION_PATH '${GITHUB_ACTION_PATH}' is not a directory."
[ -d "$action_path/src/Stacklint.Cli" ] || die "GITHUB_ACTION_PATH '$action_path' does not contain src/Stacklint.Cli."
workspace=${GITHUB_WORKSPACE:-$PWD}
[ -d "$workspace" ] || die "GITHUB_WORKSPACE '$workspace' is not a directory."

# Empty: the configuration's fail-on, else warning (stacklint decides).
fail_on=$(lower "${INPUT_FAIL_ON:-}")
case "$fail_on" in
  '' | error | warning | note | none) ;;
  *) die "fail-on must be error, warning, note or none, not '${INPUT_FAIL_ON}'." ;;
esac
annotations=$(lower "${INPUT_ANNOTATIONS:-true}")
case "$annotations" in
  true | false) ;;
  *) die "annotations must be true or false, not '${INPUT_ANNOTATIONS}'." ;;
esac
sarif_file=${INPUT_SARIF_FILE:-stacklint.sarif}
config=${INPUT_CONFIG:-}
baseline=${INPUT_BASELINE:-}

# Paths to scan: one per line (a path may contain spaces); blank lines are ignored.
paths=()
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  # trim leading and trailing blanks
  line=${line#"${line%%[![:space:]]*}"}
  line=${line%"${line##*[![:space:]]}"}
  if [ -n "$line" ]; then paths+=("$line"); fi
done <<<"${INPUT_PATH:-.}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)

scratch_root=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
mkdir -p "$scratch_root"
work=$(mktemp -d "$scratch_root/stacklint-action.XXXXXX")
trap 'rm -rf "$work"' EXIT

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- Build -----------------------------------------------------------------------------------------------------
# Everything (obj and bin) goes to the build directory, so the action's checkout stays clean. The only network
# access is NuGet restore. A second run with the same build directory is an incremental build.
command -v dotnet >/dev/null 2>&1 || die "dotnet is not on PATH; set up the .NET 10 SDK (action.yml does this with actions/setup-dotnet)."
build_dir=${STACKLINT_BUILD_DIR:-$scratch_root/stacklint-build}
mkdir -p "$build_dir"
build_log="$work/build.log"
if ! dotnet build "$action_path/src/Stacklint.Cli" -c Release --nologo -v quiet \
  --artifacts-path "$build_dir/artifacts" -o "$build_dir/bin" >"$build_log" 2>&1; then
  echo "::group::dotnet build output"
  cat "$build_log"
  echo "::endgroup::"
  die "Building stacklint from $action_path failed (see the dotnet build output above)."
fi
stacklint_dll="$build_dir/bin/stacklint.dll"
[ -f "$stacklint_dll" ] || die "The build did not produce $stacklint_dll."

# --- Scan ------------------------------------------------------------------------------------------------------
cd "$workspace"
sarif_dir=$(dirname -- "$sarif_file")
mkdir -p -- "$sarif_dir" || die "Cannot create the directory of sarif-file '$sarif_file'."
rm -f -- "$sarif_file" # so that a stale file from an earlier run is never reported as this run's
json_report="$work/report.json"
markdown_report="$work/summary.md"

args=(scan "${paths[@]}"
  --report "sarif=$sarif_file" --report "json=$json_report" --report "markdown=$markdown_report")
if [ "$annotations" = true ]; then args+=(--format github); else args+=(--format text); fi
if [ -n "$fail_on" ]; then args+=(--fail-on "$fail_on"); fi
if [ -n "$config" ]; then args+=(--config "$config"); fi
if [ -n "$baseline" ]; then args+=(--baseline "$baseline"); fi

status=0
NO_COLOR=1 dotnet "$stacklint_dll" "${args[@]}" || status=$?

# --- Summary and outputs (written whatever the exit code, so that later steps can use them) ------------------
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -s "$markdown_report" ]; then
  { cat "$markdown_report"; echo; } >>"$GITHUB_STEP_SUMMARY"
fi

errors='' warnings='' notes=''
if [ -s "$json_report" ]; then
  command -v python3 >/dev/null 2>&1 || die "python3 is needed to read stacklint's JSON report."
  counts=$(python3 - "$json_report" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    summary = json.load(f)["summary"]
print(int(summary["errors"]), int(summary["warnings"]), int(summary["notes"]))
PY
  ) || die "Cannot read the summary counts from stacklint's JSON report."
  read -r errors warnings notes <<<"$counts"
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    if [ -f "$sarif_file" ]; then echo "sarif-file=$sarif_file"; fi
    if [ -n "$errors" ]; then
      echo "errors=$errors"
      echo "warnings=$warnings"
      echo "notes=$notes"
      echo "total=$((errors + warnings + notes))"
    fi
  } >>"$GITHUB_OUTPUT"
fi

case "$status" in
  0 | 1) ;;
  *) die "stacklint exited with code $status (usage or internal error; see its messages above)." ;;
esac
if [ "$status" = 1 ]; then
  echo "stacklint: ${errors:-?} error(s), ${warnings:-?} warning(s), ${notes:-?} note(s); failing because of findings at or above '$fail_on'."
fi
exit "$status"
