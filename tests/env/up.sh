#!/usr/bin/env bash
# Brings up the real Docker test environment, idempotently: a Docker (the one already answering
# is used as it is; otherwise dockerd is started), the busybox test image, a private registry on
# 127.0.0.1:5000 with the image pushed to it, and tests/env/.state/env.sh for the tests to source.
# Safe to run any number of times; only starting dockerd needs root. See tests/env/README.md.
#
# Usage: tests/env/up.sh && source tests/env/.state/env.sh
set -euo pipefail

LOG_TAG=up
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T0="$(now_ms)"
DOCKERD_WAIT_S=60
REGISTRY_WAIT_S=30

elapsed() {
    local ms=$(($(now_ms) - T0))
    printf '%d.%03ds' $((ms / 1000)) $((ms % 1000))
}

# Temporary directories to remove however the script ends (die included).
TMP_DIRS=()
cleanup() { ((${#TMP_DIRS[@]} == 0)) || rm -rf "${TMP_DIRS[@]}"; }
trap cleanup EXIT

# The env.sh the tests source. Without a Docker it leaves SOCKERLESS_TEST_DOCKER_HOST out, which
# the tests read as "skip loudly" (or fail, under CI). Mode 0600: it holds the registry password.
write_env_sh() {
    local with_docker="$1" tmp="$STATE_DIR/env.sh.tmp"
    (
        umask 077
        {
            echo "# Written by tests/env/up.sh; source it before running the tests."
            if [[ "$with_docker" == yes ]]; then
                printf 'export SOCKERLESS_TEST_DOCKER_HOST=%q\n' "$DOCKER_HOST_URL"
            else
                echo "# No Docker answered and none could be started: Docker-backed tests skip."
                echo "unset SOCKERLESS_TEST_DOCKER_HOST"
            fi
            printf 'export SOCKERLESS_TEST_IMAGE=%q\n' "$TEST_IMAGE"
            if [[ "$with_docker" == yes ]]; then
                printf 'export SOCKERLESS_TEST_REGISTRY=%q\n' "$REGISTRY_ADDR"
                printf 'export SOCKERLESS_TEST_REGISTRY_USER=%q\n' "$REGISTRY_USER"
                printf 'export SOCKERLESS_TEST_REGISTRY_PASSWORD=%q\n' "$(registry_password)"
                printf 'export SOCKERLESS_TEST_REGISTRY_IMAGE=%q\n' "$REGISTRY_IMAGE"
            fi
            printf 'export SOCKERLESS_TEST_ENV_STATE=%q\n' "$STATE_DIR"
        } >"$tmp"
    )
    if [[ -f "$STATE_DIR/env.sh" ]] && cmp -s "$tmp" "$STATE_DIR/env.sh"; then
        rm -f "$tmp"
        log "env.sh: $STATE_DIR/env.sh is up to date"
    else
        mv -f "$tmp" "$STATE_DIR/env.sh"
        log "env.sh: wrote $STATE_DIR/env.sh"
    fi
}

# No Docker and no way to get one: say so loudly. Developers may carry on (the Docker-backed tests
# skip with a message); CI must not, because there those tests have to run.
cannot_proceed() {
    local reason="$1"
    {
        echo
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        echo "!!! NO TEST DOCKER: $reason"
        echo "!!! The Docker-backed tests will be SKIPPED (and FAIL under CI)."
        echo "!!! Fix: run tests/env/up.sh as root (it installs docker.io and starts dockerd),"
        echo "!!! or start a Docker yourself and make $DOCKER_HOST_URL reachable."
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        echo
    } >&2
    write_env_sh no
    if [[ -n "${CI:-}" ]]; then
        die "CI is set: the Docker-backed tests cannot be skipped here (after $(elapsed))"
    fi
    log "done without Docker in $(elapsed)"
    exit 0
}

# --- 0. tools -------------------------------------------------------------------------------

# dockerd lives in /usr/sbin, which is not on every user's PATH.
find_dockerd() { command -v dockerd 2>/dev/null || { [[ -x /usr/sbin/dockerd ]] && echo /usr/sbin/dockerd; }; }

ensure_tools() {
    local missing=() cmd
    for cmd in curl docker docker-registry htpasswd; do
        command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
    done
    [[ -x /bin/busybox ]] || missing+=(/bin/busybox)
    if ((${#missing[@]} == 0)); then
        log "tools: curl, docker, docker-registry, htpasswd, busybox are present"
        return 0
    fi
    log "tools: missing ${missing[*]}; running scripts/install-deps.sh --test"
    if ! "$REPO_DIR/scripts/install-deps.sh" --test; then
        if ! is_root; then
            cannot_proceed "the test tools (${missing[*]}) are missing and installing them needs root"
        fi
        die "scripts/install-deps.sh --test failed"
    fi
}

# --- 1. Docker ------------------------------------------------------------------------------

dockerd_log_tail() {
    echo "----- last 50 lines of $STATE_DIR/dockerd.log -----" >&2
    tail -n 50 "$STATE_DIR/dockerd.log" >&2 || true
    echo "-----" >&2
}

# try_start_dockerd EXTRA_ARGS...: starts dockerd and waits for /_ping. Returns 0 when it answers,
# 3 when the process died early (worth retrying with other options), exits on a timeout.
try_start_dockerd() {
    local dockerd pid deadline
    dockerd="$(find_dockerd)"
    {
        echo
        echo "===== $(date -Is) up.sh: $dockerd --host=$DOCKER_HOST_URL $* ====="
    } >>"$STATE_DIR/dockerd.log"
    # setsid: its own session and process group, so it survives this shell and its terminal, and
    # down.sh can take its containerd child along if it must SIGKILL it.
    # 9>&-: the state lock must not live on in the daemon, or the next up.sh would wait for it.
    setsid nohup "$dockerd" --host="$DOCKER_HOST_URL" "$@" >>"$STATE_DIR/dockerd.log" 2>&1 </dev/null 9>&- &
    pid=$!
    deadline=$(($(now_ms) + DOCKERD_WAIT_S * 1000))
    while ! docker_answers; do
        if ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid" 2>/dev/null || true
            return 3
        fi
        if (($(now_ms) > deadline)); then
            dockerd_log_tail
            kill -TERM "$pid" 2>/dev/null || true
            die "dockerd (pid $pid) did not answer on $DOCKER_HOST_URL within ${DOCKERD_WAIT_S}s"
        fi
        sleep 0.2
    done
    record_started dockerd "$pid" "host=$DOCKER_HOST_URL" "args=$*" ||
        die "dockerd answers but its pid $pid is gone: another dockerd raced us?"
    return 0
}

start_dockerd() {
    local socket rc attempt
    if ! socket="$(docker_socket_path)"; then
        die "no Docker answers on $DOCKER_HOST_URL; up.sh starts a dockerd only for a unix:// DOCKER_HOST"
    fi
    if ! is_root; then
        local why="no Docker answers on $DOCKER_HOST_URL"
        if [[ -S "$socket" && ! -w "$socket" ]]; then
            why="$socket exists but you may not write to it (not in the docker group?)"
        fi
        cannot_proceed "$why, and starting dockerd needs root"
    fi
    if [[ -z "$(find_dockerd)" ]]; then
        log "docker: dockerd is not installed; running scripts/install-deps.sh --test"
        "$REPO_DIR/scripts/install-deps.sh" --test || die "could not install docker.io"
    fi
    # A dockerd that is running but not answering yet (a colleague restarting it, or one that
    # is still starting): wait for it rather than start a second one over the same data root.
    if [[ -n "$(pids_named dockerd)" ]]; then
        log "docker: a dockerd process exists but does not answer yet; waiting up to ${DOCKERD_WAIT_S}s"
        local deadline=$(($(now_ms) + DOCKERD_WAIT_S * 1000))
        while (($(now_ms) < deadline)); do
            if docker_answers; then
                log "docker: it answers now; using it as it is (not started by us)"
                return 0
            fi
            sleep 0.5
        done
        die "a dockerd process (pid $(pids_named dockerd)) runs but does not answer on $DOCKER_HOST_URL; stop it or fix DOCKER_HOST"
    fi
    mkdir -p "$(dirname "$socket")"
    # Plain first (it works on Debian 12 hosts); sandboxes without overlayfs need vfs, and some
    # without a usable iptables also need --iptables=false.
    local -a attempts=("" "--storage-driver=vfs" "--storage-driver=vfs --iptables=false")
    for attempt in "${attempts[@]}"; do
        log "docker: starting dockerd ${attempt:-(plain)} on $DOCKER_HOST_URL, log in $STATE_DIR/dockerd.log"
        rc=0
        # shellcheck disable=SC2086 # the attempt is a list of words
        try_start_dockerd $attempt || rc=$?
        if ((rc == 0)); then
            log "docker: dockerd (pid $(cat "$STATE_DIR/dockerd.pid")) answers after $(elapsed)"
            return 0
        fi
        warn "dockerd ${attempt:-(plain)} exited at once; last lines of its log:"
        tail -n 15 "$STATE_DIR/dockerd.log" >&2 || true
    done
    dockerd_log_tail
    die "dockerd would not start, with any of: plain, --storage-driver=vfs, --storage-driver=vfs --iptables=false"
}

ensure_docker() {
    if docker_answers; then
        if owned_pid dockerd >/dev/null; then
            log "docker: the dockerd up.sh started (pid $(owned_pid dockerd)) answers on $DOCKER_HOST_URL"
        else
            forget_started dockerd
            log "docker: a Docker answers on $DOCKER_HOST_URL; using it as it is (not started by us)"
        fi
        return 0
    fi
    if [[ -f "$STATE_DIR/started-dockerd" ]]; then
        if owned_pid dockerd >/dev/null; then
            # Ours, alive, yet silent: better a clean restart than waiting on a wedged daemon.
            warn "the dockerd up.sh started runs but does not answer; restarting it"
            stop_owned dockerd 30
        else
            log "docker: the dockerd up.sh started earlier is gone; forgetting it"
            forget_started dockerd
        fi
    fi
    start_dockerd
}

# --- 2. the test image ----------------------------------------------------------------------

ensure_image() {
    if dk image inspect "$TEST_IMAGE" >/dev/null 2>&1; then
        log "image: $TEST_IMAGE is present; keeping it"
        return 0
    fi
    log "image: building $TEST_IMAGE from Debian's busybox-static"
    # A dynamically linked busybox (package busybox) would not run in an image with no libc.
    if ! dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed'; then
        die "/bin/busybox is not from busybox-static (a dynamic busybox cannot run in the image); run scripts/install-deps.sh --test as root"
    fi
    local tmp root applet count=0
    tmp="$(mktemp -d)"
    TMP_DIRS+=("$tmp")
    root="$tmp/root"
    mkdir -p "$root/bin" "$root/etc" "$root/root" "$root/tmp"
    chmod 1777 "$root/tmp"
    chmod 0700 "$root/root"
    cp /bin/busybox "$root/bin/busybox"
    chmod 0755 "$root/bin/busybox"
    while IFS= read -r applet; do
        [[ -n "$applet" && "$applet" != busybox && "$applet" != */* ]] || continue
        ln -s busybox "$root/bin/$applet"
        count=$((count + 1))
    done < <(/bin/busybox --list)
    cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
    cat >"$root/etc/group" <<'EOF'
root:x:0:
nobody:x:65534:
EOF
    tar -C "$root" --owner=0 --group=0 --numeric-owner -c . |
        dk import -c 'ENV PATH=/bin' -c 'CMD ["sh"]' - "$TEST_IMAGE" >/dev/null
    # Prove it runs before any test depends on it.
    local out
    out="$(dk run --rm --network none --label sockerless.test=env-up "$TEST_IMAGE" sh -c 'echo hello from busybox')" ||
        die "the imported $TEST_IMAGE does not run"
    [[ "$out" == "hello from busybox" ]] || die "the imported $TEST_IMAGE printed '$out'"
    log "image: imported $TEST_IMAGE (busybox + $count applet links) and ran it"
}

# --- 3. the registry ------------------------------------------------------------------------

# Writes FILE from stdin only when the content differs, so that a second run changes nothing.
write_if_changed() {
    local file="$1" tmp="$1.tmp"
    cat >"$tmp"
    if [[ -f "$file" ]] && cmp -s "$tmp" "$file"; then
        rm -f "$tmp"
    else
        mv -f "$tmp" "$file"
    fi
}

prepare_registry_files() {
    mkdir -p "$REGISTRY_DIR/data"
    chmod 0700 "$REGISTRY_DIR"
    if [[ ! -s "$REGISTRY_DIR/password" ]]; then
        # Alphanumeric only, so that it needs no quoting anywhere (curl config, htpasswd, env.sh).
        # No `tr </dev/urandom | head`: under pipefail the SIGPIPE that ends tr fails the script.
        local pw
        pw="$(head -c 64 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')"
        (
            umask 077
            printf '%s' "${pw:0:24}" >"$REGISTRY_DIR/password"
        )
        rm -f "$REGISTRY_DIR/htpasswd"
        log "registry: generated a password in $REGISTRY_DIR/password"
    fi
    if [[ ! -s "$REGISTRY_DIR/htpasswd" ]]; then
        # bcrypt (-B) is the only hash the registry accepts; -i reads the password from stdin,
        # keeping it off the process list.
        registry_password | htpasswd -niB "$REGISTRY_USER" | sed '/^$/d' >"$REGISTRY_DIR/htpasswd.tmp"
        mv -f "$REGISTRY_DIR/htpasswd.tmp" "$REGISTRY_DIR/htpasswd"
        chmod 0600 "$REGISTRY_DIR/htpasswd"
    fi
    write_if_changed "$REGISTRY_DIR/config.yml" <<EOF
# Written by tests/env/up.sh: the test registry, loopback only, htpasswd auth.
version: 0.1
log:
  level: info
  fields:
    service: sockerless-test-registry
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/data
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
  headers:
    X-Content-Type-Options: [nosniff]
auth:
  htpasswd:
    realm: sockerless-test
    path: $REGISTRY_DIR/htpasswd
EOF
}

start_registry() {
    local pid deadline
    log "registry: starting docker-registry on $REGISTRY_ADDR, log in $STATE_DIR/registry.log"
    echo "===== $(date -Is) up.sh: docker-registry serve $REGISTRY_DIR/config.yml =====" >>"$STATE_DIR/registry.log"
    setsid nohup docker-registry serve "$REGISTRY_DIR/config.yml" >>"$STATE_DIR/registry.log" 2>&1 </dev/null 9>&- &
    pid=$!
    deadline=$(($(now_ms) + REGISTRY_WAIT_S * 1000))
    while [[ "$(registry_status)" != 401 ]]; do
        if ! kill -0 "$pid" 2>/dev/null || (($(now_ms) > deadline)); then
            echo "----- last 50 lines of $STATE_DIR/registry.log -----" >&2
            tail -n 50 "$STATE_DIR/registry.log" >&2 || true
            kill -TERM "$pid" 2>/dev/null || true
            die "the registry did not answer 401 on http://$REGISTRY_ADDR/v2/ within ${REGISTRY_WAIT_S}s"
        fi
        sleep 0.1
    done
    record_started registry "$pid" "addr=$REGISTRY_ADDR" || die "the registry's pid $pid is gone"
    log "registry: pid $pid answers on $REGISTRY_ADDR"
}

ensure_registry() {
    prepare_registry_files
    local status
    status="$(registry_status)"
    if [[ "$status" == 401 ]]; then
        if [[ "$(registry_status auth)" == 200 ]]; then
            if owned_pid registry >/dev/null; then
                log "registry: the registry up.sh started (pid $(owned_pid registry)) answers on $REGISTRY_ADDR"
            else
                forget_started registry
                log "registry: a registry on $REGISTRY_ADDR accepts our credentials; using it (not started by us)"
            fi
            return 0
        fi
        if owned_pid registry >/dev/null; then
            # Ours but with old credentials (the password file was replaced): restart it.
            log "registry: ours rejects the current password; restarting it"
            stop_owned registry 10
            start_registry
            return 0
        fi
        die "something on $REGISTRY_ADDR answers 401 but rejects our credentials ($REGISTRY_DIR/password): not ours, stop it or free the port"
    elif [[ "$status" != 000 ]]; then
        die "something on $REGISTRY_ADDR answers /v2/ with HTTP $status (not a registry with auth): free the port"
    fi
    if [[ -f "$STATE_DIR/started-registry" ]]; then
        if owned_pid registry >/dev/null; then
            warn "the registry up.sh started runs but does not answer; restarting it"
            stop_owned registry 10
        else
            forget_started registry
        fi
    fi
    start_registry
}

ensure_pushed() {
    local status
    status="$(registry_status auth "/v2/$REGISTRY_REPO/manifests/latest")"
    if [[ "$status" == 200 ]]; then
        log "push: $REGISTRY_IMAGE is in the registry; skipping the push"
        return 0
    fi
    # Docker talks plain HTTP only to registries it considers insecure; 127.0.0.0/8 is one by
    # default, but a daemon.json could have changed that.
    local cidrs
    cidrs="$(dk info --format '{{json .RegistryConfig.InsecureRegistryCIDRs}}' 2>/dev/null || true)"
    if [[ "$cidrs" != *'127.0.0.0/8'* ]]; then
        warn "Docker does not list 127.0.0.0/8 as an insecure registry (got: ${cidrs:-nothing}); the push may try HTTPS and fail"
    fi
    log "push: pushing $TEST_IMAGE as $REGISTRY_IMAGE"
    # A throw-away client config: the login never lands in ~/.docker/config.json, even if the push
    # fails half-way.
    local cfg rc=0
    cfg="$(mktemp -d)"
    TMP_DIRS+=("$cfg")
    # Every step checks its own status: set -e does not apply inside a subshell followed by ||.
    (
        export DOCKER_CONFIG="$cfg"
        # Its stderr only warns that the throw-away config holds the credential: shown on failure.
        registry_password | dk login --username "$REGISTRY_USER" --password-stdin "$REGISTRY_ADDR" \
            >"$STATE_DIR/push.log" 2>&1 || {
            cat "$STATE_DIR/push.log" >&2
            exit 1
        }
        dk tag "$TEST_IMAGE" "$REGISTRY_IMAGE" || exit 1
        dk push "$REGISTRY_IMAGE" >"$STATE_DIR/push.log" 2>&1 || {
            cat "$STATE_DIR/push.log" >&2
            exit 1
        }
        dk logout "$REGISTRY_ADDR" >/dev/null || true
    ) || rc=$?
    rm -rf "$cfg"
    ((rc == 0)) || die "pushing $REGISTRY_IMAGE failed"
    status="$(registry_status auth "/v2/$REGISTRY_REPO/manifests/latest")"
    [[ "$status" == 200 ]] || die "pushed, but the registry answers $status for $REGISTRY_REPO:latest"
    log "push: $REGISTRY_IMAGE is in the registry"
}

# --- main -----------------------------------------------------------------------------------

take_state_lock
log "state: $STATE_DIR"
ensure_tools
ensure_docker
ensure_image
ensure_registry
ensure_pushed
write_env_sh yes
started=()
if owned_pid dockerd >/dev/null; then started+=(dockerd); fi
if owned_pid registry >/dev/null; then started+=(registry); fi
log "ready in $(elapsed); started by up.sh: ${started[*]:-nothing} (tests/env/down.sh stops only those)"
log "now: source $STATE_DIR/env.sh"
