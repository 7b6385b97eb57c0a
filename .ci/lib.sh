# Shared by the .ci scripts: check counting, timed steps and the closing line "N passed, N failed".
# Source it: . "$(dirname "$0")/lib.sh"; set KATAS_CHECK_INDENT to indent the ok/FAIL lines.
passed=0
failed=0
started=$SECONDS
step_started=$SECONDS
step_name=""

pass() { passed=$((passed + 1)); echo "${KATAS_CHECK_INDENT:-}ok    $*"; }
fail() { failed=$((failed + 1)); echo "${KATAS_CHECK_INDENT:-}FAIL  $*"; }
check() { local label=$1; shift; if "$@"; then pass "$label"; else fail "$label"; fi; }

# Starts a step, after printing how long the previous one took: the time budget stays visible.
step() {
    [ -n "$step_name" ] && echo "   ($step_name: $((SECONDS - step_started)) s)"
    step_name=$1
    step_started=$SECONDS
    echo
    echo "== $* (at $((SECONDS - started)) s)"
}

# Counts the "ok ..." and "FAIL ..." lines a checking tool prints (grader verify, the .ci scripts), and
# shows the lines matching an optional pattern (measurements worth reading in the log).
count_check_lines() {
    local log=$1 show=${2:-^$} line trimmed
    while IFS= read -r line; do
        trimmed=${line#"${line%%[![:space:]]*}"}
        case "$trimmed" in
            "ok "*) pass "$(echo "${trimmed#ok }" | sed 's/^ *//')" ;;
            "FAIL "*) fail "$(echo "${trimmed#FAIL }" | sed 's/^ *//')" ;;
            *) if echo "$trimmed" | grep -qE "$show"; then echo "        $trimmed"; fi ;;
        esac
    done <"$log"
}

finish() {
    [ -n "$step_name" ] && echo "   ($step_name: $((SECONDS - step_started)) s)"
    echo
    echo "took $((SECONDS - started)) s."
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

# The C# compiler server for every build of a CI run: each cold csc costs seconds of start-up, per
# project and per build. The machine may turn it off (UseSharedCompilation=false); the run turns it on for
# its own builds, which inherit a mark (KATAS_CI_RUN) in their environment, and on exit stops exactly the
# processes that carry the mark (the servers; nothing else of the run is left by then).
ci_compiler_server_on() {
    export UseSharedCompilation=true KATAS_CI_RUN="ci-$$-$RANDOM$RANDOM"
    trap ci_compiler_server_off EXIT
}

ci_compiler_server_off() {
    local environ pid entry
    [ -n "${KATAS_CI_RUN:-}" ] || return 0
    for environ in /proc/[0-9]*/environ; do
        pid=${environ#/proc/}
        pid=${pid%/environ}
        [ "$pid" = "$$" ] && continue
        # Bash builtins only: reading the NUL-separated environment starts no process that would carry the mark.
        while IFS= read -r -d '' entry; do
            if [ "$entry" = "KATAS_CI_RUN=$KATAS_CI_RUN" ]; then
                kill "$pid" 2>/dev/null
                break
            fi
        done 2>/dev/null <"$environ"
    done
}
