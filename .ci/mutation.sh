#!/usr/bin/env bash
# Mutation score of a module's tests on its reference solutions: .ci/mutation.sh [MODULE [GROUP...]]
#   MODULE: a number (1) or a folder name (01-parallelism); default: every module.
#   GROUP:  run only these groups (an exercise id such as 1.8, or "shared") and keep the other groups'
#           reports from the last run, e.g. after adding tests for one exercise.
#   KATAS_MUTATION_CONCURRENCY: Stryker's "concurrency" (test processes at once), default 1.
# Stryker.NET (dotnet-stryker, pinned in .config/dotnet-tools.json) mutates solutions/NN-module/ and runs
# the module's visible AND hidden tests against every mutant; a mutant that no test notices "survived".
# Prints the score per file and per module and writes the README table to artifacts/mutation/NN-module/summary.md;
# each group's reports (HTML and JSON) and log stay in artifacts/mutation/NN-module/GROUP/.
# Needs only the .NET SDK: .ci/mutation/mutation.cs (a file-based app) writes the configurations and reads the reports.
#
# Configuration, and why (measured on this 2-core machine: see the "Mutation score" section of each module README):
#   one Stryker run per exercise  the files of one exercise (its StudentFiles, or the test file's name
#                            without "Tests") are mutated with that exercise's tests only: its visible and
#                            hidden test classes and those of the exercises that build on it (BuildsOn),
#                            chosen with Stryker's "test-case-filter" on the class names (xunit's trait filter
#                            does not reach Stryker's MTP runner: the test programs list no MTP --filter option,
#                            so Stryker filters the discovered tests itself, by ClassName). Files of no exercise
#                            ("shared") get every test of the module. A mutant in one exercise's code that only
#                            another exercise's test would notice counts as survived: the score errs low.
#   test-runner mtp          the test projects are Microsoft.Testing.Platform programs (xunit.v3.mtp-v2).
#   coverage-analysis off    with per-test coverage the MTP runner called mutants survived that a test kills;
#                            off, every mutant runs every selected test, and the verdicts hold (checked below).
#   (no ignored mutators)    Stryker's LINQ mutator goes by name, so it also renames the properties Count,
#                            Sum, Min and Max (a.Count -> a.Sum); most such mutants do not compile and are
#                            rolled back ("compile error", not counted). Where Stryker cannot tell which mutant
#                            broke the build it drops every mutant of the method ("safe mode"): the report counts
#                            them as compile errors, and the README names the methods.
#   concurrency 1            the default on 2 cores. Not raised: the cores are shared, a second test process
#                            makes every mutant's tests slower rather than running more at once, and the tests
#                            that need two workers at the same time (ConcurrencyProbe, 5 s patience) are the
#                            first to suffer from the contention.
#   additional-timeout 10 s  a mutant's tests may take 1.5 x their first run + 10 s before it counts as
#                            "timeout" (detected). Genuine hangs (an endless loop) pay it, about 25 s each; a
#                            shorter margin saves little and turns slow-but-passing runs under load into false
#                            timeouts, which inflate the score. The report lists every timeout: check doubtful
#                            ones by hand (one false timeout was found that way in Module 1).
#   KataSource=solutions     as environment variables (MSBuild reads them as properties): the tests compile
#   KatasArtifacts=...       against solutions/ and build into their own folder, so the mutated library
#                            never lands in the grader's artifacts/.
#   CustomAfterDirectoryBuildTargets=.ci/mutation/keep-build.targets   Stryker's project analysis runs
#                            Clean before each run; without it the builds of the nine runs are incremental.
# Equivalent mutants (no test can tell them from the solution) are listed with the reason in
# .ci/mutation/equivalent-mutants.tsv; the report leaves them out of the score and counts them apart.
# Static mutants (in a static initialiser) run once per test process, which this runner keeps between
# mutants: the report marks a survivor "(static)"; check those by hand.
#
# Checking a verdict by hand (how the verdicts above were checked):
#   dotnet run .ci/mutation/mutation.cs -- apply artifacts/mutation/NN-module/GROUP/report/reports/mutation-report.json ID
#   dotnet test --project exercises/NN-module/Tests -p:KataSource=solutions --filter-trait "Exercise=N.M"
#   dotnet test --project grader/hidden/NN-module -p:KataSource=solutions --filter-trait "Exercise=N.M"
#   git checkout solutions/NN-module/FILE.cs
# A killed mutant must fail one of the two test runs, a survivor must pass both.
# Not part of .ci/run: Module 1 takes about 66 minutes on 2 shared cores (see its README). Exit code 0 unless Stryker failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
tool="$root/.ci/mutation/mutation.cs"

modules=()
if [ $# -gt 0 ]; then
    for name in exercises/*/; do
        name=$(basename "$name")
        if [ "$name" = "$1" ] || [ "${name%%-*}" = "$(printf '%02d' "$((10#${1%%-*}))" 2>/dev/null)" ]; then
            modules+=("$name")
        fi
    done
    [ ${#modules[@]} -gt 0 ] || { echo "error: no module '$1' under exercises/" >&2; exit 2; }
    shift
else
    for name in exercises/[0-9][0-9]-*/; do modules+=("$(basename "$name")"); done
fi
only=("$@")

dotnet tool restore >/dev/null || { echo "error: dotnet tool restore failed" >&2; exit 1; }

status=0
for module in "${modules[@]}"; do
    if ! ls "solutions/$module"/*.csproj >/dev/null 2>&1 || ! ls "exercises/$module"/Tests/*.Tests.csproj >/dev/null 2>&1; then
        echo "$module: no solutions/$module/*.csproj or no test project, skipped"
        continue
    fi

    out="$root/artifacts/mutation/$module"
    mkdir -p "$out"
    if [ ${#only[@]} -eq 0 ]; then
        # A whole run starts from no report; the build folder stays (incremental builds).
        find "$out" -mindepth 1 -maxdepth 1 ! -name build -exec rm -rf {} +
    fi
    plan=$(dotnet run "$tool" -- plan "$root" "$module" "$out" "${KATAS_MUTATION_CONCURRENCY:-1}") \
        || { echo "$module: planning failed" >&2; status=1; continue; }

    echo "== $module: Stryker over solutions/$module, one run per exercise"
    started=$SECONDS
    while IFS=$'\t' read -r group project config files; do
        if [ ${#only[@]} -gt 0 ] && [[ " ${only[*]} " != *" $group "* ]]; then
            continue
        fi
        rm -rf "$out/$group/report"
        group_started=$SECONDS
        (cd "$project" \
            && KataSource=solutions KatasArtifacts="$out/build/" CustomAfterDirectoryBuildTargets="$root/.ci/mutation/keep-build.targets" \
                nice -n 10 dotnet stryker --config-file "$config" --output "$out/$group/report" --skip-version-check) \
            >"$out/$group/stryker.log" 2>&1
        code=$?
        if [ "$code" -ne 0 ] || [ ! -f "$out/$group/report/reports/mutation-report.json" ]; then
            echo "   $group ($files): Stryker failed (exit code $code); last lines of $out/$group/stryker.log:"
            tail -20 "$out/$group/stryker.log" | sed 's/^/      /'
            status=1
            continue
        fi
        echo "   $group ($files): $(grep -a -o 'The final mutation score is.*' "$out/$group/stryker.log" | tail -1) in $((SECONDS - group_started)) s"
    done <<<"$plan"

    dotnet run "$tool" -- report "$root" "$module" "$out" "$((SECONDS - started))" || status=1
    echo "    reports: $out/GROUP/report/reports/mutation-report.html; README table: $out/summary.md"
done
exit $status
