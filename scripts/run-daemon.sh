#!/usr/bin/env bash
# Sets up and runs sockerlessd: installs the Debian packages it needs, builds it, and starts it in
# the foreground on 127.0.0.1:3375 with the Docker backend when a Docker answers, else with the
# memory backend (it logs a warning saying so).
# Every argument is passed to sockerlessd (see `sockerlessd --help`).
#
# Usage: scripts/run-daemon.sh [sockerlessd options...]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${SOCKERLESS_BUILD_DIR:-$root/build}"

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target sockerlessd
exec "$build/daemon/sockerlessd" "$@"
