# h2load runs of gRPC calls, warmed up and in rounds: sourced by the load scripts of Modules 5 and 7.
# Needs $work (a scratch folder holding each request body as BODY.bin) and a function `runs` that prints one line
# per measurement: KEY URL BODY CLIENTS STREAMS COUNT.

# One h2load run of KEY at URL: its rate is added to rates-KEY and its per-request latencies to log-KEY (h2load
# appends to its log file). Every request must succeed (HTTP level: the scripts check each call's gRPC status first).
run() {
    local key=$1 url=$2 body=$3 clients=$4 streams=$5 count=$6
    timeout 120 h2load -n "$count" -c "$clients" -m "$streams" -t 1 -d "$work/$body.bin" \
        -H 'content-type: application/grpc' -H 'te: trailers' --log-file "$work/log-$key" "$url" >"$work/h2load.out"
    local ok
    ok=$(grep -oE '[0-9]+ succeeded' "$work/h2load.out" | cut -d' ' -f1)
    [ "$ok" = "$count" ] || { echo "FAIL  $key: $ok of $count succeeded" >&2; exit 1; }
    grep -oE 'finished in [0-9.]+m?s, [0-9.]+ req/s' "$work/h2load.out" | grep -oE '[0-9.]+ req/s' | cut -d' ' -f1 >>"$work/rates-$key"
}

# "RATE P50 P99" of KEY: the rate given, the latencies (ms) from log-KEY.
summary() { awk -F'\t' '{print $3}' "$work/log-$1" | sort -n | awk -v rps="$2" '{a[NR]=$1} END {printf "%.0f %.2f %.2f\n", rps, a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}'; }

# Every line of `runs`, measured into the associative array `result` (KEY -> "RATE P50 P99").
# First a warm-up, its figures dropped: .NET compiles hot methods again, optimised, only after 30 calls and a pause
# (tiered compilation), its thread pool grows to the load, caches and pools fill; a 400-request warm-up measured the
# first runs at a third of the warm rate. Then three rounds, each run in turn, so that a drift of the machine's
# speed touches all of them alike: the median round's rate, and the latencies of all three rounds.
measure() {
    echo "  warm-up: each RPC at both levels..." >&2
    while read -r key url body clients streams n; do run "$key" "$url" "$body" "$clients" "$streams" "$n"; done < <(runs)
    rm -f "$work"/rates-* "$work"/log-*
    for round in 1 2 3; do
        echo "  round $round of 3..." >&2
        while read -r key url body clients streams n; do run "$key" "$url" "$body" "$clients" "$streams" "$n"; done < <(runs)
    done
    declare -gA result
    while read -r key _; do
        result[$key]=$(summary "$key" "$(sort -n "$work/rates-$key" | sed -n 2p)")
    done < <(runs)
}
