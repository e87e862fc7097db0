#!/usr/bin/env python3
"""Memory backend at scale: create rate and list latency at 10,000 containers.

Starts `sockerlessd --backend memory` on a free loopback port, makes the test image available
(pulled from the test registry, as the black-box suite does), creates N labelled containers over
several keep-alive connections, lists them 20 times with and without a label filter, and prints
a Markdown table. Not a test: it asserts nothing beyond every call succeeding.

    tests/env/up.sh && source tests/env/.state/env.sh
    python3 bench/memory-scale/bench.py --build-dir build

Python 3 standard library only.
"""

import argparse
import base64
import http.client
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

LABEL_KEY = "sockerless.bench"
HALF_KEY = "sockerless.bench.half"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", default="build",
                        help="the CMake build directory holding daemon/sockerlessd (default: build)")
    parser.add_argument("--daemon", help="the sockerlessd binary (default: <build-dir>/daemon/sockerlessd)")
    parser.add_argument("--backend", default="memory",
                        help="backend to start (default memory; docker only to try the script)")
    parser.add_argument("--count", type=int, default=10000, help="containers to create (default 10000)")
    parser.add_argument("--connections", type=int, default=4,
                        help="concurrent keep-alive connections for the creates (default 4)")
    parser.add_argument("--lists", type=int, default=20, help="lists timed per variant (default 20)")
    return parser.parse_args()


def start_daemon(binary, backend):
    """Starts the daemon on 127.0.0.1:0 and returns (process, port) once it logged its address."""
    arguments = [binary, "--backend", backend, "--listen", "127.0.0.1:0",
                 "--log-format", "json", "--log-level", "info"]
    if backend == "docker":
        arguments += ["--docker-host", os.environ.get("SOCKERLESS_TEST_DOCKER_HOST",
                                                      "unix:///var/run/docker.sock")]
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        try:
            record = json.loads(line)
        except ValueError:
            continue
        address = record.get("address", "")
        if record.get("msg") == "listening" and "/" not in address:
            # Keep draining stderr so that the daemon never blocks on a full pipe.
            threading.Thread(target=lambda: process.stderr.read(), daemon=True).start()
            return process, int(address.rsplit(":", 1)[1])
    process.kill()
    sys.exit("sockerlessd did not log a listening address (does --backend %s start?): %s"
             % (backend, process.stderr.read() if process.stderr else ""))


def call(connection, method, path, body=None):
    headers = {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def make_image_available(port, backend):
    """The memory daemon starts empty: pull the registry's test image, as the test suite does."""
    image = os.environ.get("SOCKERLESS_TEST_IMAGE", "sockerless-test/busybox:latest")
    if backend == "docker":
        return image
    reference = os.environ.get("SOCKERLESS_TEST_REGISTRY_IMAGE")
    if not reference:
        sys.exit("SOCKERLESS_TEST_REGISTRY_IMAGE is not set: source tests/env/.state/env.sh")
    auth = {"username": os.environ.get("SOCKERLESS_TEST_REGISTRY_USER", ""),
            "password": os.environ.get("SOCKERLESS_TEST_REGISTRY_PASSWORD", ""),
            "serveraddress": os.environ.get("SOCKERLESS_TEST_REGISTRY", "")}
    encoded = base64.urlsafe_b64encode(json.dumps(auth).encode()).decode()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    status, body = call(connection, "POST", "/internal/v1/images/pull",
                        {"Reference": reference, "Auth": encoded})
    if status != 200 or b'"error"' in body:
        sys.exit("pull of %s failed: %s %s" % (reference, status, body[-500:].decode(errors="replace")))
    return reference


def create_all(port, image, count, connections):
    """Creates `count` containers over `connections` keep-alive connections; returns seconds."""
    work = queue.Queue()
    for i in range(count):
        work.put(i)
    failures = []

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            try:
                i = work.get_nowait()
            except queue.Empty:
                return
            labels = {LABEL_KEY: "1"}
            if i % 2 == 0:
                labels[HALF_KEY] = "yes"
            status, body = call(connection, "POST", "/internal/v1/containers?name=bench-%05d" % i,
                                {"Image": image, "Cmd": ["true"], "Labels": labels})
            if status != 201:
                failures.append((i, status, body[:200]))
                return

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        sys.exit("create failed: %r" % (failures[:3],))
    return elapsed


def time_lists(port, filters, times, expected):
    """Lists `times` times over one connection; returns the latencies in milliseconds."""
    query = "all=1"
    if filters:
        query += "&filters=" + urllib.parse.quote(json.dumps(filters, separators=(",", ":")))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    latencies = []
    for _ in range(times):
        started = time.perf_counter()
        status, body = call(connection, "GET", "/internal/v1/containers?" + query)
        latencies.append((time.perf_counter() - started) * 1000.0)
        listed = len(json.loads(body)) if status == 200 else -1
        if listed < expected:
            sys.exit("list with %s answered %s with %d entries, expected %d"
                     % (filters or "no filter", status, listed, expected))
    return latencies


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    args = parse_args()
    binary = args.daemon or os.path.join(args.build_dir, "daemon", "sockerlessd")
    if not os.access(binary, os.X_OK):
        sys.exit("no daemon binary at %s (build it, or pass --daemon)" % binary)
    process, port = start_daemon(binary, args.backend)
    try:
        image = make_image_available(port, args.backend)
        create_seconds = create_all(port, image, args.count, args.connections)
        everything = time_lists(port, {}, args.lists, args.count)
        labelled = time_lists(port, {"label": [HALF_KEY + "=yes"]}, args.lists, (args.count + 1) // 2)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if args.backend == "docker":
            print("note: the %d bench-* containers stay in Docker; remove them with "
                  "docker rm -f $(docker ps -aq -f label=%s)" % (args.count, LABEL_KEY), file=sys.stderr)

    print("sockerlessd --backend %s, %d containers, %d connections, %d lists each\n"
          % (args.backend, args.count, args.connections, args.lists))
    print("| measure | value |")
    print("|---|---|")
    print("| create rate | %.0f containers/s (%.2f s for %d) |"
          % (args.count / create_seconds, create_seconds, args.count))
    for name, values in (("list all=1", everything), ("list all=1, label filter (half)", labelled)):
        print("| %s p50 | %.1f ms |" % (name, statistics.median(values)))
        print("| %s p99 | %.1f ms |" % (name, percentile(values, 0.99)))


if __name__ == "__main__":
    main()
