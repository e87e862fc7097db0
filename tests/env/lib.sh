# shellcheck shell=bash disable=SC2034 # the variables are used by the scripts that source this
# Helpers shared by tests/env/up.sh and tests/env/down.sh. Sourced, never run.
#
# Everything the test environment owns lives in one state directory, so that a second checkout
# (or a test of these scripts) can point SOCKERLESS_TEST_ENV_STATE somewhere else.

ENV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$ENV_DIR/../.." && pwd)"
STATE_DIR="${SOCKERLESS_TEST_ENV_STATE:-$ENV_DIR/.state}"

DOCKER_HOST_URL="${DOCKER_HOST:-unix:///var/run/docker.sock}"
TEST_IMAGE="sockerless-test/busybox:latest"
REGISTRY_ADDR="127.0.0.1:5000"
REGISTRY_USER="sockerless"
REGISTRY_REPO="sockerless/busybox"
REGISTRY_IMAGE="$REGISTRY_ADDR/$REGISTRY_REPO:latest"
REGISTRY_DIR="$STATE_DIR/registry"

# The name of the calling script, for the prefix of every line it prints.
LOG_TAG="${LOG_TAG:-env}"

log() { printf '[%s] %s\n' "$LOG_TAG" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$LOG_TAG" "$*" >&2; }
die() {
    printf '[%s] ERROR: %s\n' "$LOG_TAG" "$*" >&2
    exit 1
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Milliseconds since the epoch: step timings are worth printing, and SECONDS is too coarse.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Takes the state lock so that two up/down runs at once cannot both start a dockerd or a registry.
take_state_lock() {
    mkdir -p "$STATE_DIR"
    # Marks the directory as ours, so that `down.sh --purge` never deletes a directory that merely
    # happens to be named by SOCKERLESS_TEST_ENV_STATE.
    [[ -e "$STATE_DIR/.sockerless-test-env" ]] || : >"$STATE_DIR/.sockerless-test-env"
    exec 9>"$STATE_DIR/.lock"
    if ! flock -w 300 9; then
        die "another up.sh/down.sh holds $STATE_DIR/.lock for more than 300 s"
    fi
}

# --- Docker ---------------------------------------------------------------------------------

# The socket path of a unix:// Docker host, or nothing for other schemes.
docker_socket_path() {
    case "$DOCKER_HOST_URL" in
    unix://*) printf '%s\n' "${DOCKER_HOST_URL#unix://}" ;;
    *) return 1 ;;
    esac
}

# curl arguments that reach the Docker API at DOCKER_HOST_URL, followed by the URL prefix.
# Only unix:// and plain tcp:// are supported: the test environment never needs TLS.
docker_curl() {
    local path="$1"
    shift
    case "$DOCKER_HOST_URL" in
    unix://*) curl -sS --max-time 5 --unix-socket "${DOCKER_HOST_URL#unix://}" "$@" "http://d$path" ;;
    tcp://*) curl -sS --max-time 5 "$@" "http://${DOCKER_HOST_URL#tcp://}$path" ;;
    *) return 2 ;;
    esac
}

# True when a Docker answers `OK` on /_ping at DOCKER_HOST_URL.
docker_answers() {
    local reply
    reply="$(docker_curl /_ping 2>/dev/null)" || return 1
    [[ "$reply" == "OK" ]]
}

# Runs the docker CLI against exactly the daemon we pinged, whatever context the user has set.
dk() { DOCKER_HOST="$DOCKER_HOST_URL" docker "$@"; }

# --- Processes we started -------------------------------------------------------------------
#
# A marker file `started-<name>` says that up.sh started the service and owns it. It records the
# pid and the process start time (field 22 of /proc/PID/stat), so that a recycled pid is never
# mistaken for ours and down.sh never signals a process it did not start.

proc_start_time() {
    local stat
    { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
    # The command name (field 2) may contain spaces; fields after its closing parenthesis are safe.
    stat="${stat##*) }"
    # shellcheck disable=SC2086 # splitting into fields is the point
    set -- $stat
    # Field 22 overall is field 20 after the name, i.e. $20 here (state is field 3 -> $1).
    printf '%s\n' "${20}"
}

# record_started NAME PID [KEY=VALUE...]: writes the marker and the pid file of NAME.
record_started() {
    local name="$1" pid="$2" start
    shift 2
    start="$(proc_start_time "$pid")" || return 1
    {
        printf 'pid=%s\n' "$pid"
        printf 'start=%s\n' "$start"
        local kv
        for kv in "$@"; do printf '%s\n' "$kv"; done
    } >"$STATE_DIR/started-$name.tmp"
    mv -f "$STATE_DIR/started-$name.tmp" "$STATE_DIR/started-$name"
    printf '%s\n' "$pid" >"$STATE_DIR/$name.pid"
}

# marker_value NAME KEY: a value from the marker of NAME (empty when absent).
marker_value() {
    local file="$STATE_DIR/started-$1" key="$2" line
    [[ -f "$file" ]] || return 1
    while IFS= read -r line; do
        if [[ "$line" == "$key="* ]]; then
            printf '%s\n' "${line#*=}"
            return 0
        fi
    done <"$file"
    return 1
}

# The pid of NAME when its marker exists and that exact process is still alive; fails otherwise.
owned_pid() {
    local name="$1" pid start
    pid="$(marker_value "$name" pid)" || return 1
    start="$(marker_value "$name" start)" || return 1
    [[ -n "$pid" && "$(proc_start_time "$pid" 2>/dev/null)" == "$start" ]] || return 1
    printf '%s\n' "$pid"
}

# The pids of processes whose command name is exactly NAME, space-separated. Reads /proc itself:
# procps (pgrep) is not in every minimal Debian.
pids_named() {
    local comm_file comm pids=()
    for comm_file in /proc/[0-9]*/comm; do
        { read -r comm <"$comm_file"; } 2>/dev/null || continue
        if [[ "$comm" == "$1" ]]; then
            comm_file="${comm_file#/proc/}"
            pids+=("${comm_file%/comm}")
        fi
    done
    printf '%s\n' "${pids[*]}"
}

forget_started() { rm -f "$STATE_DIR/started-$1" "$STATE_DIR/$1.pid"; }

# stop_owned NAME GRACE_SECONDS: SIGTERM, a bounded wait, then SIGKILL of the whole process group
# (dockerd's containerd child would otherwise outlive a killed dockerd). Only ever acts on a
# process whose marker matches; forgets the marker in every case.
stop_owned() {
    local name="$1" grace="$2" pid deadline start
    if ! pid="$(owned_pid "$name")"; then
        if [[ -f "$STATE_DIR/started-$name" ]]; then
            log "$name: the process up.sh started is gone already; forgetting it"
        fi
        forget_started "$name"
        return 0
    fi
    start="$(marker_value "$name" start)"
    log "$name: stopping pid $pid (SIGTERM, up to ${grace}s)"
    if ! kill -TERM "$pid" 2>/dev/null; then
        if [[ "$(proc_start_time "$pid" 2>/dev/null)" == "$start" ]]; then
            die "$name: may not signal pid $pid (started by another user? run as root); marker kept"
        fi
    fi
    deadline=$(($(now_ms) + grace * 1000))
    while [[ "$(proc_start_time "$pid" 2>/dev/null)" == "$start" ]]; do
        if (($(now_ms) > deadline)); then
            warn "$name: pid $pid still running after ${grace}s; sending SIGKILL"
            # setsid made it a process-group leader: take its helpers (containerd) with it.
            kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.2
    done
    forget_started "$name"
    log "$name: stopped"
}

# --- Registry -------------------------------------------------------------------------------

registry_password() { cat "$REGISTRY_DIR/password"; }

# HTTP status of GET /v2/ on the registry address, without or with our credentials ("000" when
# nothing answers). The password goes to curl through a config on stdin, never on a command line.
registry_status() {
    local with_auth="${1:-}"
    if [[ -n "$with_auth" ]]; then
        printf 'user = "%s:%s"\n' "$REGISTRY_USER" "$(registry_password)" |
            curl -s -o /dev/null -w '%{http_code}' --max-time 3 -K - "http://$REGISTRY_ADDR${2:-/v2/}" ||
            true
    else
        curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$REGISTRY_ADDR${2:-/v2/}" || true
    fi
}
