#!/usr/bin/env bash
# The capstones' services in containers, built from their real Dockerfiles on a machine that reaches no image
# registry (the Dockerfiles default to Microsoft's official images; here they are named by build arguments):
#   1. a Docker engine: Debian's docker.io (and mmdebstrap) installed with apt-get if missing, and dockerd
#      started (without Docker's bridge or iptables) if none answers; stopped again at the end if started here;
#   2. local base images, made once and cached in the engine under a key (the local SDK's and runtimes'
#      versions, this recipe and the machine's extra certificate authorities): a Debian bookworm rootfs from
#      mmdebstrap with the packages the official images carry, their non-root user (app, 1654) and this
#      machine's certificate authorities (restore reaches NuGet as the machine does), plus the local .NET
#      install's own folders (the whole SDK for katas-local/dotnet-sdk, the host and the two shared runtimes
#      for katas-local/aspnet), imported with docker import;
#   3. docker build of solutions/05-kv-service/Dockerfile and solutions/07-prediction-service/Dockerfile against
#      them (the layers are cached between runs);
#   4. each container on the host's network, bound to 127.0.0.1 (never Docker's bridge): its HEALTHCHECK must
#      report healthy; it runs as the non-root user; a call through it (Module 5: a put and a get with its
#      client; Module 7: a Predict answered by the model trained in the build); its Prometheus metrics;
#      docker stop is a graceful exit (code 0); Module 7 without a model refuses to start (code 1).
# Prints ok/FAIL lines (read by .ci/run) and "N passed, N failed". A machine where no engine can be installed
# or started prints a "skip" line and no check at all: never a pass it did not earn.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok    $*"; }
fail() { failed=$((failed + 1)); echo "FAIL  $*"; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }
skip() { echo "skip  container check: $* (no container check ran)"; finish; }

work=$(mktemp -d "${TMPDIR:-/tmp}/katas-container.XXXXXX")
name=katas-kv-check-$$
dockerd_pid=""
cleanup() {
    if [ -n "${docker:-}" ]; then
        "$docker" rm -f -v "$name" "$name-prediction" "$name-refused" >/dev/null 2>&1
    fi
    if [ -n "$dockerd_pid" ]; then
        kill "$dockerd_pid" 2>/dev/null && wait "$dockerd_pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT
started=$SECONDS

# 1. The engine. Debian's client goes with Debian's daemon (another docker on PATH may be newer than it).
if [ ! -x /usr/sbin/dockerd ] || ! command -v mmdebstrap >/dev/null; then
    if ! command -v apt-get >/dev/null; then
        skip "no Docker engine and no apt-get to install docker.io"
    fi
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io mmdebstrap; } >"$work/apt.log" 2>&1; then
        skip "apt-get could not install docker.io and mmdebstrap: $(tail -1 "$work/apt.log")"
    fi
fi
docker=/usr/bin/docker
[ -x "$docker" ] || docker=$(command -v docker)
if ! "$docker" info >/dev/null 2>&1; then
    setsid /usr/sbin/dockerd --iptables=false --ip6tables=false --bridge=none >"$work/dockerd.log" 2>&1 </dev/null &
    dockerd_pid=$!
    for _ in $(seq 1 60); do
        "$docker" info >/dev/null 2>&1 && break
        kill -0 "$dockerd_pid" 2>/dev/null || break
        sleep 0.5
    done
    if ! "$docker" info >/dev/null 2>&1; then
        reason=$(grep -iE 'level=(fatal|error)' "$work/dockerd.log" | tail -1 | sed 's/.*msg="\([^"]*\)".*/\1/')
        skip "dockerd does not start here: ${reason:-see its log}"
    fi
fi
engine=$("$docker" version -f '{{.Server.Version}}' 2>/dev/null)
pass "Docker engine $engine answers$([ -n "$dockerd_pid" ] && echo " (dockerd started by this check)")"

# 2. Local base images, cached under a key of what they are made from.
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
sdk_version=$(dotnet --version)
runtime_version=$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | tail -1)
# The machine's own certificate authorities (/usr/local/share/ca-certificates) go into the images too: the build
# stage's dotnet restore reaches NuGet through the same network, with the same trust, as this machine does.
extra_cas=$(cat /usr/local/share/ca-certificates/*.crt 2>/dev/null | sha256sum | cut -c1-16)
key=$(printf 'bookworm recipe-2 sdk-%s aspnet-%s cas-%s\n' "$sdk_version" "$runtime_version" "$extra_cas" | sha256sum | cut -c1-16)
sdk_image=katas-local/dotnet-sdk:$sdk_version
runtime_image=katas-local/aspnet:$runtime_version
label() { "$docker" image inspect -f '{{index .Config.Labels "katas.base"}}' "$1" 2>/dev/null; }
t0=$SECONDS
if [ "$(label "$sdk_image")" = "$key" ] && [ "$(label "$runtime_image")" = "$key" ]; then
    pass "local base images $sdk_image and $runtime_image (cached, key $key)"
else
    # What the official runtime images carry, their non-root user, and dotnet on PATH.
    if mmdebstrap --variant=minbase --include=ca-certificates,libc6,libgcc-s1,libicu72,libssl3,libstdc++6,tzdata,zlib1g \
        --customize-hook='echo "app:x:1654:1654::/home/app:/usr/sbin/nologin" >>"$1/etc/passwd"' \
        --customize-hook='echo "app:x:1654:" >>"$1/etc/group"' \
        --customize-hook='mkdir -p "$1/home/app" && chown 1654:1654 "$1/home/app"' \
        --customize-hook='ln -s /usr/share/dotnet/dotnet "$1/usr/bin/dotnet"' \
        --customize-hook='if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then cp /usr/local/share/ca-certificates/*.crt "$1/usr/local/share/ca-certificates/" && chroot "$1" update-ca-certificates >/dev/null; fi' \
        bookworm "$work/rootfs.tar" >"$work/mmdebstrap.log" 2>&1; then
        changes=(--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
            --change 'ENV DOTNET_ROOT=/usr/share/dotnet' --change 'ENV APP_UID=1654'
            --change 'ENV DOTNET_CLI_TELEMETRY_OPTOUT=1' --change 'ENV DOTNET_NOLOGO=1'
            --change "LABEL katas.base=$key")
        cp "$work/rootfs.tar" "$work/runtime.tar"
        # The SDK's own folders, at the path the official images use.
        tar -rf "$work/runtime.tar" --transform "s|^${dotnet_root#/}|usr/share/dotnet|" -C / \
            "${dotnet_root#/}/dotnet" "${dotnet_root#/}/host" "${dotnet_root#/}/LICENSE.txt" \
            "${dotnet_root#/}/shared/Microsoft.NETCore.App/$runtime_version" "${dotnet_root#/}/shared/Microsoft.AspNetCore.App/$runtime_version"
        tar -rf "$work/rootfs.tar" --transform "s|^${dotnet_root#/}|usr/share/dotnet|" -C / "${dotnet_root#/}"
        if "$docker" import "${changes[@]}" "$work/runtime.tar" "$runtime_image" >/dev/null \
            && "$docker" import "${changes[@]}" "$work/rootfs.tar" "$sdk_image" >/dev/null; then
            pass "local base images $sdk_image and $runtime_image made from Debian bookworm and the local SDK ($((SECONDS - t0)) s)"
        else
            fail "docker import of the local base images"
            finish
        fi
    else
        fail "mmdebstrap of a Debian bookworm rootfs: $(tail -1 "$work/mmdebstrap.log")"
        finish
    fi
    rm -f "$work/rootfs.tar" "$work/runtime.tar"
fi

# 3. The real Dockerfiles. The classic builder uses the engine's local images for FROM without asking a
#    registry; its RUN steps (dotnet restore) use the host's network, as everything here does.
build_image() {
    local dockerfile=$1 image=$2 t0=$SECONDS
    if DOCKER_BUILDKIT=0 "$docker" build --network host -f "$dockerfile" \
        --build-arg SDK_IMAGE="$sdk_image" --build-arg RUNTIME_IMAGE="$runtime_image" --label katas.check=1 -t "$image" . >"$work/build.log" 2>&1; then
        pass "docker build of $dockerfile ($((SECONDS - t0)) s, $(grep -c 'Using cache' "$work/build.log") cached steps)"
    else
        fail "docker build of $dockerfile: $(grep -E 'error|ERROR' "$work/build.log" | head -3 | tr '\n' ' ')"
        tail -20 "$work/build.log" | sed 's/^/    /'
        return 1
    fi
}

# 4. A container on 127.0.0.1 ports that are free now: its HEALTHCHECK must say healthy.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
check() { local label=$1; shift; if "$@"; then pass "$label"; else fail "$label"; fi; }
run_healthy() {
    local container=$1 probe=$2 t0=$SECONDS health=starting; shift 2
    if ! "$docker" run -d --name "$container" --network host --health-interval 1s "$@" >/dev/null 2>"$work/run.log"; then
        fail "docker run: $(tail -1 "$work/run.log")"
        return 1
    fi
    for _ in $(seq 1 120); do
        health=$("$docker" inspect -f '{{.State.Health.Status}}' "$container" 2>/dev/null)
        [ "$health" = healthy ] || [ "$health" = unhealthy ] && break
        [ "$("$docker" inspect -f '{{.State.Running}}' "$container" 2>/dev/null)" = true ] || break
        sleep 0.5
    done
    if [ "$health" = healthy ]; then
        pass "the container's HEALTHCHECK ($probe) reports healthy after $((SECONDS - t0)) s"
    else
        fail "the container's HEALTHCHECK ($probe) reports '${health:-no status}'"
        "$docker" logs "$container" 2>&1 | tail -15 | sed 's/^/    /'
        return 1
    fi
    check "the service runs as the non-root user 1654" test "$("$docker" exec "$container" id -u)" = 1654
}
stop_gracefully() {
    local container=$1 t0=$SECONDS code
    "$docker" stop -t 20 "$container" >/dev/null 2>&1
    code=$("$docker" inspect -f '{{.State.ExitCode}}' "$container" 2>/dev/null)
    check "docker stop (SIGTERM) is a graceful shutdown: exit code ${code:-?} after $((SECONDS - t0)) s" test "${code:-1}" = 0
}

# Module 5: the key-value service; a put and a get through its own client inside the container.
echo "Module 5, solutions/05-kv-service"
port=$(free_port)
metrics_port=$(free_port)
address=http://127.0.0.1:$port
if build_image solutions/05-kv-service/Dockerfile katas-kv:check \
    && run_healthy "$name" "grpc.health.v1 through kv health" -e Kestrel__Endpoints__Grpc__Url="$address" \
        -e Kestrel__Endpoints__Metrics__Url="http://127.0.0.1:$metrics_port" -e KV_ADDRESS="$address" katas-kv:check; then
    kv() { "$docker" exec "$name" dotnet /app/client/kv.dll "$@" --address "$address"; }
    check "a put and a get through the container's gRPC endpoint on 127.0.0.1" \
        bash -c "$(declare -f kv); docker='$docker' name='$name' address='$address'; kv put container-check ok >/dev/null && test \"\$(kv get container-check)\" = ok"
    check "the metrics endpoint serves Prometheus text with the service's own meter" \
        bash -c "curl -sf http://127.0.0.1:$metrics_port/metrics | grep -q '^kv_'"
    stop_gracefully "$name"
fi

# Module 7: the prediction service, its model trained in the image's build; a Predict from the host with curl
# (gRPC frames from grpc-bodies.py), and a start-up refused when the model folder is missing.
echo "Module 7, solutions/07-prediction-service"
port=$(free_port)
metrics_port=$(free_port)
address=http://127.0.0.1:$port
python3 exercises/07-prediction-service/grpc-bodies.py "$work" fixtures/statistics/breast-cancer.csv
grpc_call() {
    curl -s --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' --data-binary "@$work/$2.bin" \
        -D "$work/$1.headers" -o "$work/$1.out" "$address/katas.prediction.v1.Predictor/$1" && grep -q 'grpc-status: 0' "$work/$1.headers"
}
if build_image solutions/07-prediction-service/Dockerfile katas-prediction:check \
    && run_healthy "$name-prediction" "grpc.health.v1 through the server's health probe" -e Kestrel__Endpoints__Grpc__Url="$address" \
        -e Kestrel__Endpoints__Metrics__Url="http://127.0.0.1:$metrics_port" katas-prediction:check; then
    check "a Predict through the container's gRPC endpoint on 127.0.0.1 is answered by model v1" \
        bash -c "$(declare -f grpc_call); work='$work' address='$address'; grpc_call Predict predict && grep -qa v1 '$work/Predict.out'"
    check "the metrics endpoint serves Prometheus text with the service's own meter" \
        bash -c "curl -sf http://127.0.0.1:$metrics_port/metrics | grep -q '^katas_prediction_predictions'"
    stop_gracefully "$name-prediction"
    "$docker" run --name "$name-refused" --network host -e Prediction__ModelDirectory=/models/missing \
        -e Kestrel__Endpoints__Grpc__Url="$address" -e Kestrel__Endpoints__Metrics__Url="http://127.0.0.1:$metrics_port" \
        katas-prediction:check >"$work/refused.log" 2>&1
    code=$?
    check "without a model the container refuses to start: exit code $code, the log names the folder" \
        bash -c "[ $code = 1 ] && grep -q 'refused to start.*/models/missing' '$work/refused.log'"
fi

# Earlier builds of the image, untagged by this one, go; the layer cache of this one stays for the next run.
"$docker" image prune -f --filter label=katas.check=1 >/dev/null 2>&1
echo "container check took $((SECONDS - started)) s"
finish
