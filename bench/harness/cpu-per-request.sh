#!/usr/bin/env bash
# CPU time sockerlessd spends per proxied request (user and system, in microseconds), from
# /proc/PID/stat before and after N keep-alive inspects. Unlike throughput it barely moves with
# other load on the machine, so it compares two builds well (run it once per binary).
#
# Usage: bench/harness/cpu-per-request.sh [SOCKERLESSD] [REQUESTS]
#   SOCKERLESS_TEST_DOCKER_HOST, SOCKERLESS_TEST_IMAGE   as the test environment sets them
#   SOCKERLESS_LOAD   the load client (default: beside the daemon in the same build)
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
daemon="${1:-$root/build/daemon/sockerlessd}"
requests="${2:-20000}"
loader="${SOCKERLESS_LOAD:-$(dirname "$daemon")/../bench/loadclient/sockerless-load}"
docker_host="${SOCKERLESS_TEST_DOCKER_HOST:-unix:///var/run/docker.sock}"
image="${SOCKERLESS_TEST_IMAGE:-sockerless-test/busybox:latest}"
socket="${docker_host#unix://}"
port=$((20000 + RANDOM % 20000))

id="$(curl -sf --unix-socket "$socket" -H 'Content-Type: application/json' \
    -d "{\"Image\":\"$image\",\"Cmd\":[\"true\"]}" http://docker/containers/create |
    sed -n 's/.*"Id":"\([0-9a-f]*\)".*/\1/p')"
"$daemon" --backend docker --listen "127.0.0.1:$port" --log-level warn \
    --docker-host "$docker_host" >/dev/null 2>&1 &
pid=$!
cleanup() {
    kill "$pid" 2>/dev/null || true
    curl -sf --unix-socket "$socket" -X DELETE "http://docker/containers/$id?force=1" || true
}
trap cleanup EXIT
request="GET /internal/v1/containers/$id"
for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$port/internal/v1/healthz" >/dev/null && break
    sleep 0.1
done
"$loader" --target "127.0.0.1:$port" -c 8 -n 2000 -w 0 --request "$request" >/dev/null
ticks() { awk '{print $14, $15}' "/proc/$pid/stat"; }
read -r user0 system0 < <(ticks)
"$loader" --target "127.0.0.1:$port" -c 8 -n "$requests" -w 0 --request "$request" >/dev/null
read -r user1 system1 < <(ticks)
hz="$(getconf CLK_TCK)"
echo "sockerlessd CPU per inspect over $requests requests:" \
    "user $(((user1 - user0) * 1000000 / hz / requests)) us," \
    "system $(((system1 - system0) * 1000000 / hz / requests)) us"
