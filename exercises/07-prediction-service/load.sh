#!/usr/bin/env bash
# The prediction service under load, with h2load (nghttp2) sending gRPC-framed request bodies (as aspnet/Benchmarks
# drives gRPC; a C# client on the same 2 cores would be client-bound): Ping (the no-op baseline), Predict (one row
# of 30 named features) and PredictBatch (100 rows as a table: the names once), each at 1 and at 64 requests in
# flight. Loopback only; every run is bounded in count (REQUESTS) and time (timeout).
#   bash exercises/07-prediction-service/load.sh            (TREE=exercises measures your own service)
# Then Predict at 64 in flight during hot reloads, counting failed predictions. Installs nghttp2-client with apt-get
# if missing. Prints Markdown tables: rates and latencies, the goals as ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
tree=${TREE:-solutions}
requests=${REQUESTS:-20000}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v h2load >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/katas-load.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

echo "building the $tree trainer and service (Release)..." >&2
for project in Trainer Server; do
    dotnet publish "$tree/07-prediction-service/$project/Katas.Prediction.$project.csproj" -c Release -o "$work/$project" >"$work/publish.log" 2>&1 \
        || { tail -20 "$work/publish.log"; exit 1; }
done
dotnet "$work/Trainer/Katas.Prediction.Trainer.dll" --out "$work/models/v1" --version v1 >&2
dotnet "$work/Trainer/Katas.Prediction.Trainer.dll" --out "$work/models/v2" --version v2 --seed 7 >&2

python3 exercises/07-prediction-service/grpc-bodies.py "$work" fixtures/statistics/breast-cancer.csv "$work/models/v1" "$work/models/v2"

port=$(free_port)
address=http://127.0.0.1:$port
Kestrel__Endpoints__Grpc__Url=$address Kestrel__Endpoints__Metrics__Url="http://unix:$work/metrics.sock" \
    Prediction__ModelDirectory="$work/models/v1" Logging__LogLevel__Default=Warning \
    dotnet "$work/Server/Katas.Prediction.Server.dll" >"$work/server.log" 2>&1 &
pids+=($!)

# One call of each kind, checked by its grpc-status trailer: h2load counts HTTP statuses, not gRPC ones.
call() { curl -s --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' --data-binary "@$work/$2.bin" -D - -o /dev/null "$address/katas.prediction.v1.Predictor/$1"; }
for _ in $(seq 1 100); do
    call Ping ping 2>/dev/null | grep -q 'grpc-status: 0' && break
    sleep 0.2
done
for target in "Ping ping" "Predict predict" "PredictBatch batch"; do
    set -- $target
    call "$1" "$2" | grep -q 'grpc-status: 0' || { echo "FAIL  $1 does not answer grpc-status 0 (see $work/server.log)" >&2; cat "$work/server.log" >&2; exit 1; }
done

source exercises/05-kv-service/h2load-rounds.sh
rpc=$address/katas.prediction.v1.Predictor
targets=("Ping ping" "Predict predict" "PredictBatch batch")
# Each RPC at each level: KEY URL BODY CLIENTS STREAMS COUNT. A batch (100 rows) is sent a tenth as often.
runs() {
    for level in 1 64; do
        if [ "$level" = 1 ]; then clients=1 streams=1 count=$((requests / 10)); else clients=4 streams=16 count=$requests; fi
        for target in "${targets[@]}"; do
            set -- $target
            n=$count
            [ "$2" = batch ] && n=$((count / 10))
            echo "$1-$level $rpc/$1 $2 $clients $streams $n"
        done
    done
}
measure

# Hot reload under load: Predict at 64 in flight while models v2 and v1 are swapped in turn every 0.2 s. A failed
# prediction is an HTTP 200 with a gRPC error, which h2load counts as a success: the service's own counter of
# predictions made (by version, at /metrics) must grow by exactly the number of requests sent.
predictions() { curl -sf --unix-socket "$work/metrics.sock" http://localhost/metrics | awk '/^katas_prediction_predictions_total/ { n += $NF } END { printf "%d\n", n }'; }
echo "  Predict at 64 in flight during hot reloads..." >&2
before=$(predictions)
(
    while [ ! -e "$work/reload.stop" ]; do
        for version in v2 v1; do call Reload "reload-$version" | grep -q 'grpc-status: 0' && echo ok >>"$work/reloads"; sleep 0.2; done
    done
) &
reloader=$!
run reload "$rpc/Predict" predict 4 16 "$requests"
reload_result=$(summary reload "$(cat "$work/rates-reload")")
touch "$work/reload.stop"
wait "$reloader"
reloads=$(wc -l <"$work/reloads" 2>/dev/null || echo 0)
made=$(( $(predictions) - before ))

rps() { echo "${result[$1-$2]}" | cut -d' ' -f1; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
echo
echo "h2load, $(nproc) cores, loopback; $requests requests at 64 in flight (4 connections x 16 streams), $((requests / 10)) at 1; a batch is 100 rows, sent a tenth as often; median of 3 rounds after a warm-up"
echo
echo "| RPC | in flight | req/s | p50 ms | p99 ms |"
echo "|---|---|---|---|---|"
for level in 1 64; do
    for name in Ping Predict PredictBatch; do
        read -r r p50 p99 <<<"${result[$name-$level]}"
        echo "| $name | $level | $r | $p50 | $p99 |"
    done
done
read -r r p50 p99 <<<"$reload_result"
echo "| Predict during $reloads reloads | 64 | $r | $p50 | $p99 |"
echo
echo "| goal | 1 in flight | 64 in flight |"
echo "|---|---|---|"
echo "| Predict / Ping (goal >= 0.8) | $(ratio "$(rps Predict 1)" "$(rps Ping 1)") | $(ratio "$(rps Predict 64)" "$(rps Ping 64)") |"
echo "| rows per second, PredictBatch / Predict (goal >= 10) | $(ratio "$(rps PredictBatch 1) * 100" "$(rps Predict 1)") | $(ratio "$(rps PredictBatch 64) * 100" "$(rps Predict 64)") |"
echo
echo "Hot reload under load: $reloads reloads, $requests requests sent, $made predictions made, $((requests - made)) failed (goal 0)."
[ "$made" = "$requests" ] || { echo "FAIL  $((requests - made)) predictions failed during the reloads (see $work/server.log)" >&2; exit 1; }
