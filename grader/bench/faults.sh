#!/usr/bin/env bash
# What each fault costs the grader: the golden cases of fixtures/grader/cases/ graded one after another
# on a copy of the tiny fixture course, each against the fault-free baseline, with the limits the golden
# tests use (--test-timeout 5). For every case it prints the wall time, the build time the grader
# reports, the test time (the rest) and the test time beyond the baseline's: for a hang, that is the
# 5 s timeout plus the restart of the test program; for a crash, the restart alone.
#
#   grader/bench/faults.sh [CASE...]      (default: the runtime faults, not the compile or tamper cases)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cases=("$@")
[[ ${#cases[@]} -gt 0 ]] || cases=(hang deadlock throw exit stack-overflow unbounded-allocation output-flood module-initializer)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d "${TMPDIR:-/tmp}/katas-faults.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The course as the golden tests lay it out (GoldenCourse.cs): the real build settings, analyzers off.
course=$work/course
cp -r "$root/fixtures/grader/course" "$course"
for f in Directory.Build.targets Directory.Packages.props .editorconfig global.json; do cp "$root/$f" "$course/$f"; done
sed 's#</Project>#  <PropertyGroup>\n    <RunAnalyzers>false</RunAnalyzers>\n    <EnforceCodeStyleInBuild>false</EnforceCodeStyleInBuild>\n    <GenerateDocumentationFile>false</GenerateDocumentationFile>\n  </PropertyGroup>\n</Project>#' \
    "$root/Directory.Build.props" > "$course/Directory.Build.props"
mkdir -p "$course/grader" && cp -r "$root/grader/Katas.Testing" "$course/grader/Katas.Testing"

echo "Building the grader..."
dotnet build "$root/grader/Katas.Grader.csproj" -nologo -v:q -tl:off > /dev/null
grader="$root/artifacts/tools/bin/Katas.Grader/debug/Katas.Grader"

now() { date +%s%N; }
# Grades the course with the current overlay; prints "total_ms build_ms".
grade() {
  local log=$work/grade.log start end built
  start=$(now)
  "$grader" --root "$course" --solutions --plain --test-timeout 5 --module-timeout 90 "$@" > "$log" 2>&1 || true
  end=$(now)
  built=$(grep -m1 -oE '^Built in [0-9.]+ s' "$log" | grep -oE '[0-9.]+' || echo 0)
  echo "$(( (end - start) / 1000000 )) $(awk -v s="$built" 'BEGIN { printf "%d", s * 1000 }')"
}
# Overlays a case's files (written, not copied, so the build sees them as new), or puts the originals back.
overlay() {
  local from=$1 file
  [[ -d "$from" ]] || return 0
  (cd "$from" && find . -type f) | while read -r file; do cat "$from/$file" > "$course/$file"; done
}
revert() {
  local from=$1 file
  [[ -d "$from" ]] || return 0
  (cd "$from" && find . -type f) | while read -r file; do
    if [[ -f "$root/fixtures/grader/course/$file" ]]; then cat "$root/fixtures/grader/course/$file" > "$course/$file"; else rm -f "$course/$file"; fi
  done
}

grade > /dev/null  # the first build of the course, restore included: not part of any figure
read -r base_total base_build < <(grade)
base_tests=$((base_total - base_build))

printf '\n%-22s %9s %9s %9s %12s\n' "case (ms)" "total" "build" "tests" "tests-base"
printf '%-22s %9d %9d %9d %12s\n' "baseline" "$base_total" "$base_build" "$base_tests" "-"
for name in "${cases[@]}"; do
  dir=$root/fixtures/grader/cases/$name
  mapfile -t extra < <(grep -v '^$' "$dir/args.txt" | grep -v -- '^--solutions$' || true)
  overlay "$dir/overlay"
  read -r total build < <(grade "${extra[@]}")
  revert "$dir/overlay"
  grade > /dev/null  # rebuild the baseline, so the next case's build time is its own
  printf '%-22s %9d %9d %9d %12d\n' "$name" "$total" "$build" "$((total - build))" "$((total - build - base_tests))"
done
