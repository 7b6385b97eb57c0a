#!/usr/bin/env bash
# Mutation score of a module's tests on its reference solutions: .ci/mutation.sh [MODULE]
#   MODULE: a number (1) or a folder name (01-parallelism); default: every module.
# Stryker.NET (dotnet-stryker, pinned in .config/dotnet-tools.json) mutates solutions/NN-module/ and runs
# the module's visible AND hidden tests against every mutant; a mutant that no test notices "survived".
# Prints the score per file and per module; the reports (HTML and JSON) stay in artifacts/mutation/NN-module/.
#
# Configuration, and why (checked by hand: see the README's "Mutation score"):
#   test-runner mtp          the test projects are Microsoft.Testing.Platform programs (xunit.v3.mtp-v2).
#   coverage-analysis off    with MTP's per-test coverage most mutants come out "survived" without a test
#                            having run against them; with it off every mutant runs every test, which is
#                            slow (minutes per file) but its verdicts are real.
#   KataSource=solutions     as environment variables (MSBuild reads them as properties): the tests compile
#   KatasArtifacts=...       against solutions/ and build into their own folder, so the mutated library
#                            never lands in the grader's artifacts/.
# Not part of .ci/run: one module takes tens of minutes on 2 cores. Exit code 0 unless Stryker failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

modules=()
if [ $# -gt 0 ]; then
    for name in exercises/*/; do
        name=$(basename "$name")
        if [ "$name" = "$1" ] || [ "${name%%-*}" = "$(printf '%02d' "$((10#${1%%-*}))" 2>/dev/null)" ]; then
            modules+=("$name")
        fi
    done
    [ ${#modules[@]} -gt 0 ] || { echo "error: no module '$1' under exercises/" >&2; exit 2; }
else
    for name in exercises/[0-9][0-9]-*/; do modules+=("$(basename "$name")"); done
fi

dotnet tool restore >/dev/null || { echo "error: dotnet tool restore failed" >&2; exit 1; }

status=0
for module in "${modules[@]}"; do
    library=$(ls "solutions/$module"/*.csproj 2>/dev/null | head -1)
    tests=$(ls "exercises/$module"/Tests/*.Tests.csproj "grader/hidden/$module"/*.HiddenTests.csproj 2>/dev/null)
    if [ -z "$library" ] || [ -z "$tests" ]; then
        echo "$module: no solutions/$module/*.csproj or no test project, skipped"
        continue
    fi

    out="$root/artifacts/mutation/$module"
    rm -rf "$out" && mkdir -p "$out"
    python3 - "$out/stryker-config.json" "$(basename "$library")" "$root" $tests <<'PY'
import json, os, sys
path, project, root, tests = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
config = {"stryker-config": {
    "project": project,
    "test-projects": [os.path.join(root, t) for t in tests],
    "test-runner": "mtp",
    "coverage-analysis": "off",
    "mutation-level": "Standard",
    "concurrency": 1,
    "additional-timeout": 10000,
    "reporters": ["progress", "json", "html"],
    "thresholds": {"high": 80, "low": 60, "break": 0},
}}
with open(path, "w", encoding="utf-8") as f:
    json.dump(config, f, indent=2)
PY

    echo "== $module: Stryker over $library (tests: $(echo $tests | tr '\n' ' '))"
    started=$SECONDS
    (cd "solutions/$module" \
        && KataSource=solutions KatasArtifacts="$out/build/" \
            dotnet stryker --config-file "$out/stryker-config.json" --output "$out/report" --skip-version-check) \
        >"$out/stryker.log" 2>&1
    code=$?
    report=$(find "$out/report" -name 'mutation-report.json' 2>/dev/null | head -1)
    if [ "$code" -ne 0 ] || [ -z "$report" ]; then
        echo "$module: Stryker failed (exit code $code); last lines of $out/stryker.log:"
        tail -20 "$out/stryker.log" | sed 's/^/    /'
        status=1
        continue
    fi

    # Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker computes it.
    python3 - "$report" "$module" "$((SECONDS - started))" <<'PY'
import json, sys
report, module, seconds = sys.argv[1], sys.argv[2], sys.argv[3]
with open(report, encoding="utf-8") as f:
    files = json.load(f)["files"]
detected, undetected = {"Killed", "Timeout"}, {"Survived", "NoCoverage"}
total_d = total_u = 0
print(f"{'file':<32} {'score':>6}  killed  survived  no-cov  timeout  compile-error")
for name in sorted(files):
    mutants = files[name]["mutants"]
    count = lambda s: sum(1 for m in mutants if m["status"] == s)
    d = sum(1 for m in mutants if m["status"] in detected)
    u = sum(1 for m in mutants if m["status"] in undetected)
    total_d += d
    total_u += u
    score = f"{100 * d / (d + u):5.1f}%" if d + u else "   n/a"
    short = name.replace("\\", "/").rsplit("/", 1)[-1]
    print(f"{short:<32} {score:>6}  {count('Killed'):>6}  {count('Survived'):>8}  {count('NoCoverage'):>6}"
          f"  {count('Timeout'):>7}  {count('CompileError'):>13}")
    for m in mutants:
        if m["status"] in undetected:
            line = m["location"]["start"]["line"]
            print(f"    survived {short}:{line} {m['mutatorName']}: {m.get('replacement', '')[:70]!r}")
score = f"{100 * total_d / (total_d + total_u):.1f} %" if total_d + total_u else "n/a"
print(f"{module}: mutation score {score} ({total_d} of {total_d + total_u} mutants detected) in {seconds} s")
PY
    echo "    report: ${report%/*}/mutation-report.html"
done
exit $status
