#!/usr/bin/env bash
# Sets up and runs every test: installs the Debian packages, brings up the test environment
# (a Docker daemon, the busybox test image, a private registry; only what is not already there),
# builds, runs the whole suite, then builds with ASan+UBSan and runs the whole suite again, then
# builds the libFuzzer targets with clang and runs each for SOCKERLESS_FUZZ_SECONDS (tests/fuzz).
# Stops what tests/env/up.sh started when it ends.
#
# Usage: scripts/test.sh [--no-sanitize] [--no-fuzz] [ctest arguments...]
#   SOCKERLESS_BUILD_DIR_BASE   where the builds go (default: ./build, ./build-asan, ./build-fuzz)
#   SOCKERLESS_FUZZ_SECONDS     how long each fuzzer runs (default: 60)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
sanitize=1
fuzz=1
ctest_args=()
for arg in "$@"; do
    case "$arg" in
    --no-sanitize) sanitize=0 ;;
    --no-fuzz) fuzz=0 ;;
    -h | --help)
        sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *) ctest_args+=("$arg") ;;
    esac
done
base="${SOCKERLESS_BUILD_DIR_BASE:-$root/build}"
jobs="$(nproc)"

step() { printf '\n==> %s\n' "$*"; }

step "Installing what is missing"
"$root/scripts/install-deps.sh" --test

step "Bringing up the test environment"
"$root/tests/env/up.sh"
trap '"$root/tests/env/down.sh" || true' EXIT
# shellcheck source=/dev/null
source "${SOCKERLESS_TEST_ENV_STATE:-$root/tests/env/.state}/env.sh"

run_suite() {
    local dir="$1"
    shift
    step "Configuring and building in $dir ($*)"
    # errexit does not apply inside a function called with ||: every step checks for itself.
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" || return $?
    if ! cmake --build "$dir" -j "$jobs"; then
        summaries+=("$dir:" "the build failed")
        return 1
    fi
    step "Running every test in $dir"
    # Two tests at a time: each blackbox test starts its own daemon and talks to the shared dockerd.
    local rc=0
    ctest --test-dir "$dir" --output-on-failure --no-tests=error -j 2 "${ctest_args[@]}" \
        | tee "$dir/ctest.log" || rc=$?
    summaries+=("$dir:" "$(grep -E '^[0-9]+% tests passed' "$dir/ctest.log" || echo 'ctest did not finish')")
    return "$rc"
}

# The fuzz stage: clang + libFuzzer, only the fuzz targets are built, only `ctest -L fuzz` runs
# (each fuzzer for SOCKERLESS_FUZZ_SECONDS over a copy of its seed corpus, tests/fuzz/README.md).
run_fuzz() {
    local dir="$1"
    local targets=(fuzz_dockerresponse fuzz_queryfilters fuzz_idpath)
    step "Configuring and building the fuzzers in $dir"
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DSOCKERLESS_FUZZ=ON \
        -DSOCKERLESS_BUILD_GUI=OFF -DSOCKERLESS_SANITIZE=OFF \
        -DSOCKERLESS_FUZZ_SECONDS="${SOCKERLESS_FUZZ_SECONDS:-60}" || return $?
    if ! cmake --build "$dir" -j "$jobs" --target "${targets[@]}"; then
        summaries+=("$dir:" "the build failed")
        return 1
    fi
    step "Fuzzing in $dir"
    local rc=0
    ctest --test-dir "$dir" --output-on-failure --no-tests=error -L fuzz -j "$jobs" \
        | tee "$dir/ctest.log" || rc=$?
    summaries+=("$dir:" "$(grep -E '^[0-9]+% tests passed' "$dir/ctest.log" || echo 'ctest did not finish')")
    return "$rc"
}

summaries=()
status=0
run_suite "$base" -DSOCKERLESS_SANITIZE=OFF || status=$?
if ((sanitize)); then
    # Leak checking stays on; Qt's own one-time allocations are listed in the suppressions file.
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1"
    export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    run_suite "$base-asan" -DSOCKERLESS_SANITIZE=ON || status=$?
fi
if ((fuzz)); then
    run_fuzz "$base-fuzz" || status=$?
fi
# Stop the test environment now, so that the suites' summaries are the last lines printed.
trap - EXIT
"$root/tests/env/down.sh" || true
step "Summary"
printf '%s\n' "${summaries[@]}"
if ((status != 0)); then
    echo "FAILED (exit $status)"
fi
exit "$status"
