#!/usr/bin/env bash
# The reference Kv service against etcd, side by side on this machine, with h2load (nghttp2) sending gRPC-framed
# request bodies (as aspnet/Benchmarks drives gRPC; a C# client on the same 2 cores would be client-bound):
#   a no-op RPC (grpc.health.v1 Check), Get, durable Put (a data folder: fsync before every reply), and etcd's
#   serializable Range and Put (its own data folder, fsync on), each at 1 and at 64 requests in flight, plus this
#   disk's fsyncs per second. Loopback only; every run is bounded in count (REQUESTS) and time (timeout).
#   bash exercises/05-kv-service/load.sh            (TREE=exercises measures your own service)
# Installs nghttp2-client and etcd-server with apt-get if missing. Prints a Markdown table and the goals.
set -euo pipefail
cd "$(dirname "$0")/../.."
tree=${TREE:-solutions}
requests=${REQUESTS:-20000}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v h2load >/dev/null || ! command -v etcd >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client etcd-server >/dev/null
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

# gRPC frames: a 0 byte (not compressed), the length (big-endian u32), the protobuf message.
python3 - "$work" <<'PY'
import struct, sys
out = sys.argv[1]
def frame(message): return b"\x00" + struct.pack(">I", len(message)) + message
def field(number, data): return bytes([number << 3 | 2, len(data)]) + data
key, value = b"bench/k", b"v" * 64
bodies = {
    "noop": frame(b""),                                        # grpc.health.v1.HealthCheckRequest {}: the nearest to a no-op
    "kv-get": frame(field(1, key)),                            # katas.kv.v1.GetRequest { key }
    "kv-put": frame(field(1, key) + field(2, value)),          # katas.kv.v1.PutRequest { key, value }
    "etcd-range": frame(field(1, key) + bytes([7 << 3, 1])),   # etcdserverpb.RangeRequest { key, serializable: true }
    "etcd-put": frame(field(1, key) + field(2, value)),        # etcdserverpb.PutRequest { key, value }
}
for name, body in bodies.items():
    open(f"{out}/{name}.bin", "wb").write(body)
PY

echo "building the $tree service (Release)..." >&2
dotnet publish "$tree/05-kv-service/Server/Katas.KvService.Server.csproj" -c Release -o "$work/server" >"$work/publish.log" 2>&1 \
    || { tail -20 "$work/publish.log"; exit 1; }

kv_port=$(free_port)
kv=http://127.0.0.1:$kv_port
Kestrel__Endpoints__Grpc__Url=$kv Kestrel__Endpoints__Metrics__Url="http://unix:$work/metrics.sock" \
    Kv__Storage__DataDirectory="$work/kv-data" Logging__LogLevel__Default=Warning \
    dotnet "$work/server/Katas.KvService.Server.dll" >"$work/kv.log" 2>&1 &
pids+=($!)
etcd_port=$(free_port)
peer_port=$(free_port)
etcd=http://127.0.0.1:$etcd_port
etcd --name bench --data-dir "$work/etcd-data" --log-level error \
    --listen-client-urls "$etcd" --advertise-client-urls "$etcd" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "bench=http://127.0.0.1:$peer_port" >"$work/etcd.log" 2>&1 &
pids+=($!)

# One call of each kind, checked by its grpc-status trailer: h2load counts HTTP statuses, not gRPC ones.
call() { curl -s --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' --data-binary "@$work/$2.bin" -D - -o /dev/null "$1"; }
for _ in $(seq 1 100); do
    call "$kv/grpc.health.v1.Health/Check" noop 2>/dev/null | grep -q 'grpc-status: 0' \
        && call "$etcd/etcdserverpb.KV/Put" etcd-put 2>/dev/null | grep -q 'grpc-status: 0' && break
    sleep 0.2
done
for target in "$kv/grpc.health.v1.Health/Check noop" "$kv/katas.kv.v1.Kv/Put kv-put" "$kv/katas.kv.v1.Kv/Get kv-get" \
    "$etcd/etcdserverpb.KV/Put etcd-put" "$etcd/etcdserverpb.KV/Range etcd-range"; do
    set -- $target
    call "$1" "$2" | grep -q 'grpc-status: 0' || { echo "FAIL  $2 does not answer grpc-status 0 at $1" >&2; exit 1; }
done

# This disk's fsyncs per second: one writer appending a Put-sized record (128 bytes) and fsyncing it, for 2 s.
# One durable Put per fsync is the ceiling without group commit.
fsyncs=$(python3 - "$work" <<'PY'
import os, sys, time
path = os.path.join(sys.argv[1], "fsync.probe")
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
block, count, start = b"x" * 128, 0, time.monotonic()
while time.monotonic() - start < 2:
    os.write(fd, block); os.fsync(fd); count += 1
print(round(count / (time.monotonic() - start)))
PY
)

source exercises/05-kv-service/h2load-rounds.sh
# Each RPC at each level: KEY URL BODY CLIENTS STREAMS COUNT.
runs() {
    for level in 1 64; do
        if [ "$level" = 1 ]; then clients=1 streams=1 count=$((requests / 10)); else clients=4 streams=16 count=$requests; fi
        for target in "noop $kv/grpc.health.v1.Health/Check noop" "get $kv/katas.kv.v1.Kv/Get kv-get" "put $kv/katas.kv.v1.Kv/Put kv-put" \
            "etcd-range $etcd/etcdserverpb.KV/Range etcd-range" "etcd-put $etcd/etcdserverpb.KV/Put etcd-put"; do
            set -- $target
            echo "$1-$level $2 $3 $clients $streams $count"
        done
    done
}
measure

rps() { echo "${result[$1-$2]}" | cut -d' ' -f1; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
echo
echo "h2load, $(nproc) cores, loopback; $requests requests at 64 in flight (4 connections x 16 streams), $((requests / 10)) at 1, median of 3 rounds after a warm-up; fsync: $fsyncs/s"
echo
echo "| RPC | in flight | req/s | p50 ms | p99 ms |"
echo "|---|---|---|---|---|"
for level in 1 64; do
    for name in noop get put etcd-range etcd-put; do
        read -r r p50 p99 <<<"${result[$name-$level]}"
        echo "| $name | $level | $r | $p50 | $p99 |"
    done
done
echo
echo "| goal | 1 in flight | 64 in flight |"
echo "|---|---|---|"
echo "| durable Put / etcd Put (goal >= 1.0, stretch 2) | $(ratio "$(rps put 1)" "$(rps etcd-put 1)") | $(ratio "$(rps put 64)" "$(rps etcd-put 64)") |"
echo "| Put / fsyncs per second (goal >= 4 at 64: group commit) | $(ratio "$(rps put 1)" "$fsyncs") | $(ratio "$(rps put 64)" "$fsyncs") |"
echo "| Get / etcd serializable Range (goal >= 3) | $(ratio "$(rps get 1)" "$(rps etcd-range 1)") | $(ratio "$(rps get 64)" "$(rps etcd-range 64)") |"
echo "| Get / no-op (goal >= 0.8) | $(ratio "$(rps get 1)" "$(rps noop 1)") | $(ratio "$(rps get 64)" "$(rps noop 64)") |"
