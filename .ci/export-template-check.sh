#!/usr/bin/env bash
# Must-show of `export-template`: the student repository it writes works on its own.
#   export into an empty folder; git init + commit there; from a fresh clone of that:
#   dotnet build Katas.sln succeeds, dotnet test runs tests and they fail (stubs), the grader runs
#   (0 points, exit code 1, no crash, no stack trace); no solutions/ and no hidden test file present.
# Prints one ok/FAIL line per check, ends with "N passed, N failed", exits non-zero on any failure.
# Everything happens in a temporary folder; every step is bounded in time.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 NO_COLOR=1
work=$(mktemp -d "${TMPDIR:-/tmp}/katas-export.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$root/.ci/lib.sh"

grader() { timeout 900 dotnet run --project "$root/grader" -- "$@"; }

mkdir "$work/template"
if grader export-template "$work/template" >"$work/export.log" 2>&1; then
    pass "export-template writes into an empty folder"
else
    fail "export-template: $(tail -3 "$work/export.log")"; finish
fi
touch "$work/not-empty"
grader export-template "$work" >"$work/refuse.log" 2>&1
code=$?
check "export-template refuses a non-empty folder with exit code 2 (got $code)" [ "$code" -eq 2 ]
check "  and says why" grep -q "not empty" "$work/refuse.log"

(cd "$work/template" && git init -q && git add -A && git -c user.name=Katas -c user.email=katas@example.invalid commit -qm "Katas template") \
    && pass "git init and commit the template" || { fail "git init and commit the template"; finish; }
git clone -q "$work/template" "$work/clone" && pass "fresh clone of the template" || { fail "fresh clone"; finish; }
cd "$work/clone"

check "no solutions/ in the student repository" [ ! -e solutions ]
check "no grader/hidden/ in the student repository" [ ! -e grader/hidden ]
# A hidden test file: a *HiddenTests.cs/.csproj file, or a class marked [HiddenTests("id")].
hidden=$( (git ls-files | grep -E 'HiddenTests\.(cs|csproj)$'; git grep -lE '^\s*\[HiddenTests\(' -- '*.cs') | sort -u | tr '\n' ' ')
check "no hidden test file tracked (found: ${hidden:-none})" [ -z "$hidden" ]
check "no instructor-only file (.ci, ci.yml, CONTRIBUTING.md, .github/classroom)" \
    bash -c '[ ! -e .ci ] && [ ! -e .github/workflows/ci.yml ] && [ ! -e CONTRIBUTING.md ] && [ ! -e .github/classroom ]'
check "the Grade workflow is installed as .github/workflows/grade.yml" [ -f .github/workflows/grade.yml ]
check "Katas.sln names no solutions or hidden project" bash -c '! grep -qiE "solutions\\\\|grader\\\\hidden" Katas.sln'

if timeout 900 dotnet build Katas.sln >"$work/build.log" 2>&1; then
    pass "dotnet build Katas.sln succeeds in the clone"
else
    fail "dotnet build Katas.sln in the clone:"; grep -E "error" "$work/build.log" | sort -u | head -20
fi

timeout 900 dotnet test >"$work/test.log" 2>&1
code=$?
total=$(grep -E '^\s+total: [0-9]+' "$work/test.log" | tail -1 | grep -oE '[0-9]+')
bad=$(grep -E '^\s+failed: [0-9]+' "$work/test.log" | tail -1 | grep -oE '[0-9]+')
check "dotnet test runs tests (total ${total:-none})" [ "${total:-0}" -gt 0 ]
check "  and they fail on the stubs (failed ${bad:-none}, exit code $code)" bash -c "[ '${bad:-0}' -gt 0 ] && [ $code -ne 0 ]"

timeout 900 dotnet run --project grader -- --plain --json "$work/results.json" >"$work/grade.log" 2>&1
code=$?
check "the grader exits with 1 (got $code)" [ "$code" -eq 1 ]
check "  and prints a 0-point total" grep -qE '^Total: 0/[0-9]+ points' "$work/grade.log"
json_points=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1], encoding="utf-8"))["points"])' "$work/results.json" 2>/dev/null)
check "  and its JSON says 0 points (got ${json_points:-no JSON})" [ "$json_points" = 0 ]
check "  and says the hidden tests are not here" grep -q "hidden tests are not in this repository" "$work/grade.log"
# A stack frame is "at Namespace.Type.Method(...)"; the report's own "at exercises/NN/File.cs:line" is not one.
check "  with no crash and no stack trace" bash -c "! grep -qE '^\s+at [A-Za-z_][A-Za-z0-9_.<>\`]*\(|Unhandled exception|grader failed' '$work/grade.log'"
if [ "$failed" -gt 0 ]; then
    # Prefixed, so that the report's own FAIL rows are not read as checks of this script.
    echo "--- grader output"; tail -40 "$work/grade.log" | sed 's/^/    | /'
fi

finish
