#!/usr/bin/env bash
# Tears down what tests/env/up.sh brought up, and only that: the registry and the dockerd it
# started (per the started-* markers in the state dir). A Docker or registry that was already
# running when up.sh ran is left alone. Before stopping anything it removes what the tests left in
# Docker: containers, networks and volumes carrying the label key `sockerless.test`.
#
# Usage: tests/env/down.sh [--purge]
#   --purge  also delete the state dir (registry data, password, logs, env.sh); the next up.sh
#            then starts from scratch. Without it the next up.sh reuses them and is fast.
set -euo pipefail

LOG_TAG=down
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

purge=0
for arg in "$@"; do
    case "$arg" in
    --purge) purge=1 ;;
    -h | --help)
        sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *) die "unknown argument: $arg (see --help)" ;;
    esac
done

T0="$(now_ms)"

if [[ -d "$STATE_DIR" ]]; then
    take_state_lock
    log "state: $STATE_DIR"
else
    log "state: $STATE_DIR does not exist; up.sh started nothing here"
fi

# The leftovers live in the Docker up.sh used, which for a dockerd it started is recorded.
if recorded_host="$(marker_value dockerd host 2>/dev/null)" && [[ -n "$recorded_host" ]]; then
    DOCKER_HOST_URL="$recorded_host"
fi

remove_test_leftovers() {
    if ! docker_answers; then
        log "cleanup: no Docker answers on $DOCKER_HOST_URL; nothing to clean"
        return 0
    fi
    if ! command -v docker >/dev/null 2>&1; then
        warn "cleanup: the docker CLI is missing; leftovers not removed"
        return 0
    fi
    local ids
    # A label filter without a value matches the key with any value.
    mapfile -t ids < <(dk ps -aq --filter label=sockerless.test)
    if ((${#ids[@]} > 0)); then
        dk rm -f -v "${ids[@]}" >/dev/null || warn "cleanup: some containers could not be removed"
    fi
    log "cleanup: removed ${#ids[@]} test container(s)"
    mapfile -t ids < <(dk network ls -q --filter label=sockerless.test)
    if ((${#ids[@]} > 0)); then
        dk network rm "${ids[@]}" >/dev/null || warn "cleanup: some networks could not be removed"
    fi
    log "cleanup: removed ${#ids[@]} test network(s)"
    mapfile -t ids < <(dk volume ls -q --filter label=sockerless.test)
    if ((${#ids[@]} > 0)); then
        dk volume rm -f "${ids[@]}" >/dev/null || warn "cleanup: some volumes could not be removed"
    fi
    log "cleanup: removed ${#ids[@]} test volume(s)"
}

remove_test_leftovers

if [[ -f "$STATE_DIR/started-registry" ]]; then
    stop_owned registry 10
else
    log "registry: not started by up.sh; leaving it alone"
fi

if [[ -f "$STATE_DIR/started-dockerd" ]]; then
    # dockerd stops its containers first (15 s each by default, in parallel): leave it time.
    stop_owned dockerd 40
else
    log "docker: not started by up.sh; leaving it alone"
fi

if ((purge)); then
    if [[ ! -d "$STATE_DIR" ]]; then
        log "purge: nothing to remove"
    elif [[ -e "$STATE_DIR/.sockerless-test-env" ]]; then
        # The lock file is inside: fd 9 only keeps an unlinked inode open, which is harmless.
        rm -rf "$STATE_DIR"
        log "purge: removed $STATE_DIR"
    else
        warn "purge: $STATE_DIR is not a test-env state dir (no .sockerless-test-env); not removed"
    fi
fi

ms=$(($(now_ms) - T0))
log "done in $((ms / 1000)).$(printf '%03d' $((ms % 1000)))s"
