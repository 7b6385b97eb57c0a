#!/usr/bin/env bash
# The prediction service under load, with h2load (nghttp2) sending gRPC-framed request bodies (as aspnet/Benchmarks
# drives gRPC; a C# client on the same 2 cores would be client-bound): Ping (the no-op baseline), Predict (one row
# of 30 named features) and PredictBatch (100 rows), each at 1 and at 64 requests in flight. Loopback only; every
# run is bounded in count (REQUESTS) and time (timeout).
#   bash exercises/07-prediction-service/load.sh            (TREE=exercises measures your own service)
# Installs nghttp2-client with apt-get if missing. Prints a Markdown table.
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

# gRPC frames: a 0 byte (not compressed), the length (big-endian u32), the protobuf message. The rows are the
# fixture's first ones, their features by name in the file's order.
python3 - "$work" fixtures/statistics/breast-cancer.csv <<'PY'
import csv, struct, sys
out, data = sys.argv[1], sys.argv[2]
def varint(n):
    b = b""
    while True:
        byte, n = n & 0x7F, n >> 7
        b += bytes([byte | (0x80 if n else 0)])
        if not n: return b
def field(number, payload): return varint(number << 3 | 2) + varint(len(payload)) + payload
def frame(message): return b"\x00" + struct.pack(">I", len(message)) + message
rows = list(csv.DictReader(open(data)))
names = [n for n in rows[0] if n not in ("label", "split")]
def features(row):      # katas.prediction.v1.Features { repeated Feature values = 1 } of Feature { name = 1; float value = 2 }
    return b"".join(field(1, field(1, n.encode()) + bytes([2 << 3 | 5]) + struct.pack("<f", float(row[n]))) for n in names)
bodies = {
    "ping": frame(b""),                                                         # PingRequest {}
    "predict": frame(features(rows[0])),                                        # Features
    "batch": frame(b"".join(field(1, features(rows[i])) for i in range(100))),  # FeaturesBatch { repeated Features items = 1 }
}
for name, body in bodies.items():
    open(f"{out}/{name}.bin", "wb").write(body)
PY

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

echo "| call | in flight | requests/s | mean latency | max latency |"
echo "|---|---|---|---|---|"
for target in "Ping ping" "Predict predict" "PredictBatch batch"; do
    set -- $target
    for inflight in 1 64; do
        clients=$(( inflight < 8 ? inflight : 8 ))
        streams=$(( inflight / clients ))
        n=$requests
        [ "$2" = batch ] && n=$(( requests / 10 ))
        # Warm-up, then the measured run.
        timeout 60 h2load -n $(( n / 10 )) -c "$clients" -m "$streams" -H 'content-type: application/grpc' -H 'te: trailers' \
            -d "$work/$2.bin" "$address/katas.prediction.v1.Predictor/$1" >/dev/null
        result=$(timeout 120 h2load -n "$n" -c "$clients" -m "$streams" -H 'content-type: application/grpc' -H 'te: trailers' \
            -d "$work/$2.bin" "$address/katas.prediction.v1.Predictor/$1")
        rps=$(awk '/^finished in/ { gsub(",", "", $4); print $4 }' <<<"$result")
        mean=$(awk '/^time for request:/ { print $6 }' <<<"$result")
        max=$(awk '/^time for request:/ { print $5 }' <<<"$result")
        echo "| $1 | $inflight | $rps | $mean | $max |"
    done
done
echo
echo "PredictBatch carries 100 rows per request: rows per second are 100 times its requests per second."
