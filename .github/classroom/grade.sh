#!/usr/bin/env bash
# Grades a student's Katas repository with the instructor's grader, visible tests and hidden tests.
# The Grade workflow runs it from the INSTRUCTOR's checkout, so nothing in the student's repository
# (its tests, its grader, this script) decides the grade; only its exercises/ are graded.
#
# Usage: grade.sh STUDENT_DIR INSTRUCTOR_DIR OUT_DIR
# Writes to OUT_DIR: results.json, summary.md, classroom.b64, gradescope.json (see grader/README.md).
# In GitHub Actions it also appends the summary to the job summary and sets the step output `result`
# (the GitHub Classroom autograding encoding) for classroom-resources/autograding-grading-reporter.
set -euo pipefail

if [ $# -ne 3 ]; then
    echo "usage: grade.sh STUDENT_DIR INSTRUCTOR_DIR OUT_DIR" >&2
    exit 2
fi
student=$(realpath "$1")
instructor=$(realpath "$2")
out=$3
mkdir -p "$out"
out=$(realpath "$out")

# The classroom reporter crashes on an output without `tests` and `max_score`: if grading itself
# fails, still hand it a well-formed error result.
error_result() {
    printf '{"version":1,"status":"error","max_score":0,"tests":[]}' | base64 -w0 >"$out/classroom.b64"
}

# Build the grader with the network on (it restores the instructor's test projects for the student's
# exercises too); then grade with the network off for everything the student's code can run.
if ! dotnet build "$instructor/grader" -v quiet -nologo >"$out/grader-build.log" 2>&1; then
    echo "::error::The instructor's grader does not build; see grader-build.log in the results."
    error_result
else
    set +e
    dotnet run --no-build --project "$instructor/grader" -- \
        --root "$instructor" --student "$student" --isolate-network \
        --json "$out/results.json" --markdown "$out/summary.md" \
        --classroom "$out/classroom.b64" --gradescope "$out/gradescope.json"
    status=$?
    set -e
    # 0: everything passed, 1: something failed. Both are a grade; anything else is an error.
    if [ "$status" -gt 1 ] || [ ! -s "$out/classroom.b64" ]; then
        echo "::error::Grading did not complete (exit code $status)."
        error_result
    fi
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "result=$(cat "$out/classroom.b64")" >>"$GITHUB_OUTPUT"
fi
