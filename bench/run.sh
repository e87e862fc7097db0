#!/usr/bin/env bash
# The benchmark: installs what it needs (HAProxy 2.6, python3-matplotlib and the build tools),
# brings up the test environment's dockerd (only if no Docker answers), builds sockerlessd and
# the load client (RelWithDebInfo), and runs bench/harness/run.py, which writes
# bench/results/REPORT.md, results.json and the PNG plots.
#
# Usage: bench/run.sh [run.py options: --smoke, --duration S, --only list,inspect,...]
#   SOCKERLESS_BUILD_DIR   the build directory (default: ./build)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${SOCKERLESS_BUILD_DIR:-$root/build}"

"$root/scripts/install-deps.sh" --test
"$root/tests/env/up.sh"
trap '"$root/tests/env/down.sh" || true' EXIT
# shellcheck source=/dev/null
source "${SOCKERLESS_TEST_ENV_STATE:-$root/tests/env/.state}/env.sh"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target sockerlessd sockerless-load
# Debian's python3 (it has python3-matplotlib), whatever python3 comes first on PATH.
/usr/bin/python3 "$root/bench/harness/run.py" --build-dir "$build" "$@"
