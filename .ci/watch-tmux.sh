#!/usr/bin/env bash
# The watch loop in a real terminal: starts `dotnet run --project grader -- watch` inside tmux on a COPY of
# this checkout, waits for exercise 1.1 to be current, solves it by copying its reference solution over the
# stub, waits for "1.1 ... passed" with 1.2 current, presses h (a hint appears) and q (the loop ends).
# Prints "ok ..."/"FAIL ..." lines like .ci/run and the measured save-to-verdict time; exits 1 on failure.
# Every wait is bounded (KATAS_WATCH_WAIT seconds, default 120; the first screen, which includes a cold
# restore and build of the copy, gets KATAS_WATCH_FIRST_WAIT, default 400). The tmux server is private to
# this script (its own socket) and is always killed at the end. KATAS_WATCH_ARGS adds options to watch
# (e.g. --no-build-servers, --poll).
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
wait_s=${KATAS_WATCH_WAIT:-120}
first_wait_s=${KATAS_WATCH_FIRST_WAIT:-400}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

KATAS_CHECK_INDENT="  "
. "$repo/.ci/lib.sh"

if ! command -v tmux >/dev/null; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "  installing tmux"
        (apt-get update -qq && apt-get install -y -qq tmux) >/dev/null 2>&1
    fi
    command -v tmux >/dev/null || { fail "watch in tmux: tmux is not installed (apt-get install tmux)"; finish; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/katas-watch.XXXXXX")
socket="katas-watch-$$"
session=watch
screen_log="$work/screen.txt"
tm() { tmux -L "$socket" "$@"; }
copy_processes() {
    local dir pid cmd
    for dir in /proc/[0-9]*; do
        pid=${dir#/proc/}
        [ "$pid" = "$$" ] && continue
        cmd=$(tr '\0' ' ' 2>/dev/null <"$dir/cmdline") || continue
        # The tmux server names the copy in its own command line; it is killed separately.
        [[ $cmd == *"$work/"* && $cmd != tmux\ * ]] && echo "$pid"
    done
}
cleanup() {
    tm kill-server >/dev/null 2>&1
    # The copy's build servers were stopped by the loop on q; a failed run may have left some behind:
    # stop those (and only those: processes whose command line is inside this script's temp folder).
    for pid in $(copy_processes); do kill "$pid" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A copy of the working tree (tracked and untracked files, not ignored ones, so no build output): the real
# checkout is never modified.
copy="$work/katas"
mkdir -p "$copy"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} sh -c 'test -e "{}" && echo "{}"' | tar -cf - -T -) | tar -xf - -C "$copy"
if [ ! -f "$copy/Katas.sln" ]; then
    fail "copy of the checkout into $copy"; finish
fi

screen() { tm capture-pane -p -t "$session" 2>/dev/null; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# wait_idle SECONDS: until no busy line (building, running, checking) is on the screen in two captures
# in a row: one capture can catch the screen half redrawn, without its busy line.
wait_idle() {
    local limit=$1 start=$SECONDS idle=0
    while [ $((SECONDS - start)) -lt "$limit" ]; do
        if screen | grep -Eq -- '^(Building|Running|Checking) '; then
            idle=0
        else
            idle=$((idle + 1))
            [ "$idle" -ge 2 ] && return 0
        fi
        sleep 0.1
    done
    return 1
}

# wait_verdict SECONDS: until the verdict is on the screen: no building or running line in two captures in
# a row (the re-check of the module's other exercises, "Checking ...", may still run behind it).
wait_verdict() {
    local limit=$1 start=$SECONDS idle=0
    while [ $((SECONDS - start)) -lt "$limit" ]; do
        if screen | grep -Eq -- '^(Building|Running) '; then
            idle=0
        else
            idle=$((idle + 1))
            [ "$idle" -ge 2 ] && return 0
        fi
        sleep 0.1
    done
    return 1
}

# wait_for REGEX SECONDS: polls the screen every 0.1 s; 0 when a line matches.
wait_for() {
    local pattern=$1 limit=$2 start=$SECONDS
    while [ $((SECONDS - start)) -lt "$limit" ]; do
        if screen | grep -Eq -- "$pattern"; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

tm new-session -d -s "$session" -x 160 -y 50 -c "$copy" \
    "dotnet run --project grader -- watch ${KATAS_WATCH_ARGS:-}; echo \"watch exited with code \$?\"; sleep 3600"

if wait_for '^Current exercise: 1\.1 ' "$first_wait_s"; then
    pass "watch shows exercise 1.1 as current"
else
    fail "watch did not show exercise 1.1 as current within $first_wait_s s; the screen:"; screen | sed 's/^/    | /'
fi
initial=$(screen | grep -oE 'verdict in [0-9.]+ s' | head -1)
[ -n "$initial" ] && echo "    first check (cold build and all visible tests): $initial"
# Then the loop builds the hidden tests of the module in view, so that the first save needs no cold
# build of them: a student reads the exercise first, and so does this script.
t0=$(now)
if wait_idle "$first_wait_s"; then
    echo "    hidden tests of the module in view built ahead of the first save in $(elapsed "$t0" "$(now)") s"
fi

if [ "$failed" -eq 0 ]; then
    t0=$(now)
    cp "$copy/solutions/01-parallelism/ParallelMap.cs" "$copy/exercises/01-parallelism/ParallelMap.cs"
    if wait_for '1\.1 .* passed!' "$wait_s" && wait_for '^Current exercise: 1\.2 ' "$wait_s"; then
        t1=$(now)
        ui=$(screen | grep -oE 'verdict in .*' | head -1)
        pass "saving the solution of 1.1 shows 1.1 passed and 1.2 current"
        echo "    save-to-verdict: $(elapsed "$t0" "$t1") s on the screen (the UI says: ${ui:-nothing})"
    else
        fail "1.1 did not pass on the screen within $wait_s s of the save; the screen:"; screen | sed 's/^/    | /'
    fi

    # More saves, so the figures are warm ones too: the build servers are up now.
    for i in $(seq 1 "${KATAS_WATCH_SAVES:-3}"); do
        wait_idle "$wait_s"
        t0=$(now)
        printf '\n// saved again\n' >>"$copy/exercises/01-parallelism/ParallelMap.cs"
        if wait_for '^Building 01-parallelism' 10 && wait_verdict "$wait_s"; then
            t1=$(now)
            ui=$(screen | grep -oE 'verdict in .*' | head -1)
            pass "save $((i + 1)) re-runs the tests"
            echo "    warm save-to-verdict: $(elapsed "$t0" "$t1") s on the screen (the UI says: ${ui:-nothing})"
        else
            fail "save $((i + 1)) was not picked up within $wait_s s; the screen:"; screen | sed 's/^/    | /'
            break
        fi
    done

    tm send-keys -t "$session" h
    if wait_for '^Hint for 1\.2:' "$wait_s"; then
        pass "h shows the hint of 1.2"
    else
        fail "h did not show a hint; the screen:"; screen | sed 's/^/    | /'
    fi

    tm send-keys -t "$session" q
    if wait_for '^watch exited with code 0' "$wait_s"; then
        pass "q ends the watch loop (exit code 0)"
    else
        fail "q did not end the watch loop within $wait_s s; the screen:"; screen | sed 's/^/    | /'
    fi
    # Killed processes take a moment to go; give them up to 10 s.
    for _ in $(seq 1 20); do
        left=$(copy_processes | tr '\n' ' ')
        [ -z "$left" ] && break
        sleep 0.5
    done
    if [ -n "$left" ]; then
        fail "processes of the copy still run after q:"
        for pid in $left; do echo "    $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-200)"; done
    else
        pass "no build server or test process of the copy outlives the loop"
    fi
fi

screen >"$screen_log" 2>/dev/null
finish
