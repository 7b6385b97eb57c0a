#!/usr/bin/env bash
# End-to-end test of the Grade workflow's grading step (.github/classroom/grade.yml) against a fake
# private instructor repository, all in a temporary folder:
#   1. a local BARE repository from this checkout's HEAD plays the private instructor repository;
#   2. export-template writes the student repository; the student EDITS one visible test file (to
#      pass trivially) and DELETES another, and commits;
#   3. as the workflow does: both are "checked out" (cloned) into a workspace as student/ and
#      instructor/, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY point at temporary files, and
#      `bash instructor/.github/classroom/grade.sh student instructor OUT` runs;
#   4. the student's attacks (a build target, forged stdout, writes to GITHUB_OUTPUT and the job summary,
#      a detached process) changed nothing; the job summary has the Markdown table; results.json has 0 of maxPoints with the edited and
#      deleted exercises graded by the INSTRUCTOR's tests (failed); GITHUB_OUTPUT's result= decodes to
#      the GitHub Classroom format with every required field; Gradescope's results.json has score/tests.
# JSON is checked by a .NET file-based app (.ci/tools/check-results.cs): the CI machine only
# guarantees the .NET SDK and node. Prints ok/FAIL lines and "N passed, N failed"; non-zero on failure.
# Commits only: uncommitted changes of this checkout are not in the fake instructor repository.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 NO_COLOR=1
work=$(mktemp -d "${TMPDIR:-/tmp}/katas-e2e.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$root/.ci/lib.sh"
git_commit() { git -c user.name=Katas -c user.email=katas@example.invalid commit -qm "$1"; }

# 1. The fake private instructor repository: this checkout's HEAD as main of a bare repository.
git init -q --bare "$work/instructor.git" \
    && git push -q "$work/instructor.git" HEAD:refs/heads/main \
    && git -C "$work/instructor.git" symbolic-ref HEAD refs/heads/main \
    && pass "bare instructor repository from HEAD ($(git rev-parse --short HEAD))" \
    || { fail "bare instructor repository"; finish; }

# 2. The student repository, exported from the instructor's commit, with one test edited and one deleted.
git clone -q "$work/instructor.git" "$work/instructor-source"
if timeout 900 dotnet run --project "$work/instructor-source/grader" -- export-template "$work/student-repo" >"$work/export.log" 2>&1; then
    pass "export-template from the instructor repository"
else
    fail "export-template: $(tail -3 "$work/export.log")"; finish
fi
tests=$work/student-repo/exercises/01-parallelism/Tests
edited_file=$tests/ParallelMapTests.cs
deleted_file=$tests/OrderedFilterTests.cs
edited_id=$(grep -oE '\[Exercise\("[0-9.]+"' "$edited_file" | grep -oE '[0-9][0-9.]*')
deleted_id=$(grep -oE '\[Exercise\("[0-9.]+"' "$deleted_file" | grep -oE '[0-9][0-9.]*')
# The edit keeps everything up to the class declaration (usings, [Exercise]) and replaces the tests
# with one that always passes.
awk '/^public .*class /{print; print "{"; print "    [KataFact]"; print "    public void Always_passes() => true.Should().BeTrue();"; print "}"; exit} {print}' \
    "$edited_file" >"$work/edited.cs" && mv "$work/edited.cs" "$edited_file"
rm "$deleted_file"
# And the attacks of grader/README.md's threat model, from the student's own files: a build target in
# the module's project file, and code that runs as soon as the tests load the module: it forges results
# on stdout, writes the step's output and the job summary, and leaves a detached process behind.
module=$work/student-repo/exercises/01-parallelism
sed -i "s|</Project>|  <Target Name=\"Attack\" BeforeTargets=\"CoreCompile\"><Touch Files=\"$work/build-target-ran\" AlwaysCreate=\"true\" /></Target>\n</Project>|" "$module/Katas.Parallelism.csproj"
cat >"$module/Attack.cs" <<'CS'
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Katas.Parallelism;

internal static class Attack
{
#pragma warning disable CA2255 // The point: run before any test looks.
    [ModuleInitializer]
    internal static void Run()
    {
        using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        stdout.WriteLine("""{"$type":"test-assembly-finished","TestsTotal":0}""");
        foreach (string name in (string[])["GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV"])
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } file)
            {
                File.AppendAllText(file, "result=forged\n");
            }
        }

        Process.Start(new ProcessStartInfo("setsid", ["sleep", "302.5"]) { UseShellExecute = false })?.Dispose();
    }
#pragma warning restore CA2255
}
CS
(cd "$work/student-repo" && git init -q && git add -A && git_commit "Katas template, then: tests made to pass, one deleted, attacks added") \
    && pass "student repository: edited $(basename "$edited_file") ($edited_id), deleted $(basename "$deleted_file") ($deleted_id), attacks in Katas.Parallelism.csproj and Attack.cs" \
    || { fail "student repository commit"; finish; }

# 3. What the workflow does: check out both, then run the grading step from the instructor's checkout.
mkdir -p "$work/ws"
cd "$work/ws"
git clone -q "$work/student-repo" student && git clone -q "$work/instructor.git" instructor \
    && pass "workspace: student/ and instructor/ checked out" || { fail "workspace checkout"; finish; }
export GITHUB_OUTPUT=$work/github-output GITHUB_STEP_SUMMARY=$work/step-summary
: >"$GITHUB_OUTPUT"; : >"$GITHUB_STEP_SUMMARY"
timeout 1800 bash instructor/.github/classroom/grade.sh student instructor "$work/out" >"$work/grade.log" 2>&1
code=$?
check "grade.sh ends (exit code $code; a failing grade is not an error of the step)" [ "$code" -eq 0 ]

# 4. What came out.
check "the student's build target never ran" [ ! -e "$work/build-target-ran" ]
check "student code wrote nothing to GITHUB_OUTPUT or the job summary" bash -c "! grep -q forged '$GITHUB_OUTPUT' '$GITHUB_STEP_SUMMARY'"
check "no process the student's code started is left running" bash -c "! grep -qs -F -x -z '302.5' /proc/[0-9]*/cmdline"
check "job summary has the Markdown table" grep -q '^| Exercise | Title | Module | Status | Points | Message |' "$GITHUB_STEP_SUMMARY"
check "job summary has the 0-point total" grep -qE '^## Katas: 0 / [0-9]+ points' "$GITHUB_STEP_SUMMARY"
check "job summary says how the code was isolated" grep -q '^Network isolation: ' "$GITHUB_STEP_SUMMARY"
for file in results.json summary.md classroom.b64 gradescope.json; do
    check "OUT has $file" [ -s "$work/out/$file" ]
done
result=$(grep -E '^result=' "$GITHUB_OUTPUT" | tail -1 | cut -d= -f2-)
check "GITHUB_OUTPUT has result=<base64>" [ -n "$result" ]
if printf '%s' "$result" | base64 -d >"$work/classroom.json" 2>/dev/null && [ -s "$work/classroom.json" ]; then
    pass "result= decodes with base64 -d"
else
    fail "result= does not decode with base64 -d"
fi

if [ -s "$work/out/results.json" ] && [ -s "$work/classroom.json" ] && [ -s "$work/out/gradescope.json" ]; then
    timeout 600 dotnet run "$root/.ci/tools/check-results.cs" -- "$work/out/results.json" "$work/classroom.json" "$work/out/gradescope.json" \
        "$edited_id" "$deleted_id" 01-parallelism/Katas.Parallelism.csproj >"$work/check.log" 2>&1
    while read -r line; do
        case "$line" in
            "ok    "*) pass "${line#ok    }" ;;
            "FAIL  "*) fail "${line#FAIL  }" ;;
            *) echo "      $line" ;;
        esac
    done <"$work/check.log"
    grep -qE '^(ok|FAIL) ' "$work/check.log" || fail "the JSON checks did not run (see above)"
fi

if [ "$failed" -gt 0 ]; then
    echo "--- grade.sh output"; tail -40 "$work/grade.log"
fi
finish
