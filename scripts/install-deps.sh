#!/usr/bin/env bash
# Installs the Debian 12 packages sockerless needs to build and run; with --test also what the
# test suite and its environment (tests/env/up.sh) need. Does nothing, and never calls apt, when
# everything is installed already, so it is cheap to run before every build.
#
# Usage: scripts/install-deps.sh [--test]
set -euo pipefail

usage() {
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
}

with_test=0
for arg in "$@"; do
    case "$arg" in
    --test) with_test=1 ;;
    -h | --help)
        usage
        exit 0
        ;;
    *)
        echo "install-deps.sh: unknown argument: $arg" >&2
        usage >&2
        exit 2
        ;;
    esac
done

# libgl-dev: Qt6Gui's CMake config looks for the GL headers even when nothing draws with GL.
# libqt6opengl6-dev: Qt6Charts' CMake config needs Qt6OpenGL, which qt6-charts-dev does not pull in.
build_packages=(
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libhttp-parser-dev
    cmake ninja-build g++ pkg-config libgl-dev clang-format
    qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qtkeychain-qt6-dev
)
# libasan8/libubsan1 are the ASan/UBSan runtimes of g++ 12; g++ already pulls them in through
# libgcc-12-dev, they are named so that the sanitizer build never depends on that detail.
# xvfb/xauth: the GUI tests run under xvfb-run.
# clang/libclang-rt-14-dev: the fuzz stage (tests/fuzz) builds with clang; libFuzzer's runtime
# (libclang_rt.fuzzer) is in libclang-rt-14-dev, which clang does not depend on.
test_packages=(
    docker.io busybox-static docker-registry apache2-utils curl jq xvfb xauth
    libasan8 libubsan1 cppcheck clang-tidy systemd haproxy python3-matplotlib
    clang libclang-rt-14-dev
)

wanted=("${build_packages[@]}")
if ((with_test)); then
    wanted+=("${test_packages[@]}")
fi

# Prints the packages among the arguments that are not fully installed. One dpkg-query for all:
# it is what keeps the nothing-to-do path fast.
not_installed() {
    local -A installed=()
    local name status
    while read -r name status; do
        [[ "$status" == "install ok installed" ]] && installed["${name%%:*}"]=1
    done < <(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null || true)
    for name in "$@"; do
        [[ -n "${installed[$name]:-}" ]] || printf '%s\n' "$name"
    done
}

mapfile -t missing < <(not_installed "${wanted[@]}")

if ((${#missing[@]} == 0)); then
    echo "install-deps.sh: all ${#wanted[@]} packages are installed"
    exit 0
fi

echo "install-deps.sh: missing packages: ${missing[*]}"
if [[ "$(id -u)" -ne 0 ]]; then
    echo "install-deps.sh: ERROR: installing packages needs root. Run as root:" >&2
    echo "    sudo $0 $*" >&2
    echo "or install them yourself: apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q -o Dpkg::Use-Pty=0 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
echo "install-deps.sh: apt-get update"
apt-get update -q
echo "install-deps.sh: apt-get install ${missing[*]}"
apt-get install "${apt_opts[@]}" --no-install-recommends "${missing[@]}"

# Installing docker.io or docker-registry may start their services on machines with an init
# system: harmless, tests/env/up.sh uses a Docker that answers and checks whoever holds :5000.
mapfile -t still_missing < <(not_installed "${missing[@]}")
if ((${#still_missing[@]} > 0)); then
    echo "install-deps.sh: ERROR: still not installed after apt-get: ${still_missing[*]}" >&2
    exit 1
fi
echo "install-deps.sh: installed ${missing[*]}"
