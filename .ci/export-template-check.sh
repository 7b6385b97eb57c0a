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
# The .NET file-based apps of .ci/tools/ (JSON read with System.Text.Json; the machine has only the .NET SDK).
ci_tool() { local name=$1; shift; timeout 600 dotnet run "$root/.ci/tools/$name.cs" -- "$@"; }

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

# Whether tests ran and failed is the exit code (Microsoft.Testing.Platform: 2 means a test failed, 8 that
# none ran); how many, the CTRF report of each test program, read with a JSON parser.
timeout 900 dotnet test --report-ctrf --results-directory "$work/test-results" >"$work/test.log" 2>&1
code=$?
counts=$(ci_tool test-counts "$work/test-results" 0 2>&1 | head -1)
[[ $counts =~ failed=([0-9]+).*total=([0-9]+) ]] && bad=${BASH_REMATCH[1]} total=${BASH_REMATCH[2]}
check "dotnet test runs tests (total ${total:-none}, from the CTRF reports)" [ "${total:-0}" -gt 0 ]
check "  and they fail on the stubs (failed ${bad:-none}, exit code $code: 2 is a failed test)" bash -c "[ '${bad:-0}' -gt 0 ] && [ $code -eq 2 ]"

timeout 900 dotnet run --project grader -- --plain --json "$work/results.json" >"$work/grade.log" 2>&1
code=$?
check "the grader exits with 1 (got $code)" [ "$code" -eq 1 ]
check "  and prints a 0-point total" grep -qE '^Total: 0/[0-9]+ points' "$work/grade.log"
json_points=$(ci_tool json-value "$work/results.json" points 2>/dev/null)
check "  and its JSON says 0 points (got ${json_points:-no JSON})" [ "$json_points" = 0 ]
check "  and says the hidden tests are not here" grep -q "hidden tests are not in this repository" "$work/grade.log"
# A stack frame is "at Namespace.Type.Method(...)"; the report's own "at exercises/NN/File.cs:line" is not one.
check "  with no crash and no stack trace" bash -c "! grep -qE '^\s+at [A-Za-z_][A-Za-z0-9_.<>\`]*\(|Unhandled exception|grader failed' '$work/grade.log'"
if [ "$failed" -gt 0 ]; then
    # Prefixed, so that the report's own FAIL rows are not read as checks of this script.
    echo "--- grader output"; tail -40 "$work/grade.log" | sed 's/^/    | /'
fi

finish
