#!/usr/bin/env bash
# Times the grader against a plain `dotnet test` of the same test projects, cold and warm, in one run.
#
#   grader/bench/compare.sh [--solutions] [--runs N]
#
# cold: the test projects' build output (artifacts/<side>/) is deleted first, so both build from scratch
#       (packages come from the local NuGet cache: no network).
# warm: nothing changed since the previous run, so both only check that the build is up to date.
# The grader is run through its built program (what `dotnet run --project grader` ends up running, minus
# dotnet run's own up-to-date check, which is timed separately). `dotnet test` gets the same projects
# as one solution, so it also builds them in one MSBuild invocation: the fairest fast form of it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
side=exercises
runs=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --solutions) side=solutions; shift ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: $0 [--solutions] [--runs N]" >&2; exit 2 ;;
  esac
done

cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
grader_args=(--plain)
[[ "$side" == solutions ]] && grader_args+=(--solutions)

echo "Building the grader..."
dotnet build grader/Katas.Grader.csproj -nologo -v:q -tl:off > /dev/null
grader="$root/artifacts/tools/bin/Katas.Grader/debug/Katas.Grader"

# The same test projects the grader builds, as one solution for dotnet test.
slnx="$root/artifacts/grader/bench-$side.slnx"
mkdir -p "$(dirname "$slnx")"
{
  echo "<Solution>"
  for p in exercises/[0-9][0-9]-*/Tests/*.Tests.csproj grader/hidden/[0-9][0-9]-*/*.HiddenTests.csproj; do
    [[ -f "$p" ]] && echo "  <Project Path=\"$root/$p\" />"
  done
  echo "</Solution>"
} > "$slnx"

now() { date +%s%N; }
# Runs a command, discards its output (a failing test is not a failing benchmark), prints milliseconds.
time_ms() {
  local start end
  start=$(now)
  "$@" > /dev/null 2>&1 || true
  end=$(now)
  echo $(( (end - start) / 1000000 ))
}
clean() { rm -rf "$root/artifacts/$side" "$root/artifacts/tools/bin/Katas.Testing" "$root/artifacts/tools/obj/Katas.Testing"; }
grade() { "$grader" "${grader_args[@]}"; }
plain_test() { dotnet test --solution "$slnx" -p:KataSource="$side"; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

declare -a cold_grade cold_test warm_grade warm_test run_grade
for ((i = 1; i <= runs; i++)); do
  echo "Run $i of $runs..."
  clean; cold_grade+=("$(time_ms grade)")
  warm_grade+=("$(time_ms grade)")
  clean; cold_test+=("$(time_ms plain_test)")
  warm_test+=("$(time_ms plain_test)")
  run_grade+=("$(time_ms dotnet run --project grader -- "${grader_args[@]}")")
done

cg=$(printf '%s\n' "${cold_grade[@]}" | median)
ct=$(printf '%s\n' "${cold_test[@]}" | median)
wg=$(printf '%s\n' "${warm_grade[@]}" | median)
wt=$(printf '%s\n' "${warm_test[@]}" | median)
rg=$(printf '%s\n' "${run_grade[@]}" | median)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo
echo "Median of $runs runs, $side, $(nproc) cores (milliseconds)"
printf '%-34s %8s %8s %8s\n' "" "cold" "warm" ""
printf '%-34s %8d %8d\n' "grader (built program)" "$cg" "$wg"
printf '%-34s %8s %8d\n' "grader (dotnet run --project)" "-" "$rg"
printf '%-34s %8d %8d\n' "dotnet test (same projects)" "$ct" "$wt"
printf '%-34s %8s %8s\n' "ratio grader / dotnet test" "$(ratio "$cg" "$ct")" "$(ratio "$wg" "$wt")"
