"""Stream workloads: bulk logs, followed logs, many waits released together, memory with many open
streams. Each returns result rows for the report."""

import json
import resource
import selectors
import socket
import subprocess
import time

from wsclient import WebSocket

LINE = "0123456789abcdef" * 64  # 1 KiB lines: Docker's json-file log stores one record per line


def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def make_log_container(docker, image, megabytes):
    """A finished container whose log holds `megabytes` MB of 1 KiB lines on stdout."""
    created = docker.call("POST", "/containers/create", {
        "Image": image, "Labels": {"sockerless.bench": "logs"},
        "Cmd": ["sh", "-c", "yes %s | head -c %d" % (LINE, megabytes * 1000 * 1000)]})
    docker.call("POST", "/containers/%s/start" % created["Id"])
    docker.call("POST", "/containers/%s/wait" % created["Id"])
    return created["Id"]


def logs_path(target, container_id, follow):
    # The same path under both prefixes: the internal API mirrors Docker's here.
    return "%s/containers/%s/logs?stdout=1&follow=%d" % (target.prefix, container_id,
                                                          1 if follow else 0)


def bulk_logs(loader, targets, container_id, repeats):
    """Non-follow logs of the whole container, `repeats` times per target, one connection."""
    rows = []
    for target in targets:
        result = subprocess.run(
            [loader, "--target", target.address, "-c", "1", "-n", str(repeats), "-w", "0",
             "-d", "3600", "--json", "--request", "GET " + logs_path(target, container_id, False)],
            capture_output=True, text=True)
        data = json.loads(result.stdout)
        rows.append({"target": target.name, "mbPerSecond": data["mbPerSecond"],
                     "bytes": data["bodyBytes"], "failures": data["failures"]})
    return rows


def followed_logs(loader, targets, container_id):
    """Followed logs of a finished container (the stream ends after the last line): over HTTP for
    every target, and over WebSocket for sockerlessd."""
    rows = []
    for target in targets:
        result = subprocess.run(
            [loader, "--target", target.address, "-c", "1", "-n", "1", "-w", "0", "-d", "3600",
             "--json", "--request", "GET " + logs_path(target, container_id, True)],
            capture_output=True, text=True)
        data = json.loads(result.stdout)
        rows.append({"target": target.name, "transport": "HTTP chunked",
                     "mbPerSecond": data["mbPerSecond"], "bytes": data["bodyBytes"]})
        if target.sockerless:
            port = int(target.address.rsplit(":", 1)[1])
            start = time.monotonic()
            socket_ = WebSocket(port, "%s/containers/%s/logs/stream?stdout=1"
                                % (target.prefix, container_id))
            received = socket_.drain()
            seconds = time.monotonic() - start
            socket_.close()
            rows.append({"target": target.name, "transport": "WebSocket",
                         "mbPerSecond": received / seconds / 1e6, "bytes": received})
    return rows


def open_http_wait(address, prefix, container_id):
    if address.startswith("unix://"):
        sock = socket.socket(socket.AF_UNIX)
        sock.connect(address[len("unix://"):])
    else:
        host, port = address.rsplit(":", 1)
        sock = socket.create_connection((host, int(port)))
    path = "%s/containers/%s/wait" % (prefix, container_id)
    sock.sendall(("POST %s HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"
                  % path).encode())
    return sock


def released_waits(docker, image, targets, count):
    """`count` waits opened on one running container (WebSockets for sockerlessd, HTTP for the
    others), then the container is killed: the time until every waiter got its answer."""
    raise_fd_limit()
    rows = []
    for target in targets:
        created = docker.call("POST", "/containers/create", {
            "Image": image, "Cmd": ["sleep", "600"], "Labels": {"sockerless.bench": "waits"}})
        container_id = created["Id"]
        docker.call("POST", "/containers/%s/start" % container_id)
        selector = selectors.DefaultSelector()
        waiters = []
        if target.sockerless:
            port = int(target.address.rsplit(":", 1)[1])
            for _ in range(count):
                ws = WebSocket(port, "%s/containers/%s/wait" % (target.prefix, container_id))
                waiters.append(ws.sock)
                if ws.buffer:
                    raise RuntimeError("a wait answered before the container stopped")
        else:
            for _ in range(count):
                waiters.append(open_http_wait(target.address, target.prefix, container_id))
            # Docker sends the headers of a wait at once: read them away first.
            for sock in waiters:
                sock.recv(4096)
        for sock in waiters:
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ)
        time.sleep(0.5)
        released = time.monotonic()
        docker.call("POST", "/containers/%s/kill" % container_id)
        pending = set(waiters)
        last = released
        deadline = released + 60
        while pending and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=1):
                sock = key.fileobj
                # Readable means the answer (or the close that ends it) has arrived.
                try:
                    sock.recv(65536)
                except BlockingIOError:
                    continue
                pending.discard(sock)
                selector.unregister(sock)
                last = time.monotonic()
        for sock in waiters:
            sock.close()
        rows.append({"target": target.name, "waiters": count, "undelivered": len(pending),
                     "allDeliveredSeconds": last - released})
        docker.call("DELETE", "/containers/%s?force=1" % container_id)
    return rows


def rss_with_open_streams(docker, image, target, pid, count, rss_kib):
    """sockerlessd's RSS with `count` WebSocket waits open on one running container."""
    raise_fd_limit()
    created = docker.call("POST", "/containers/create", {
        "Image": image, "Cmd": ["sleep", "600"], "Labels": {"sockerless.bench": "rss"}})
    container_id = created["Id"]
    docker.call("POST", "/containers/%s/start" % container_id)
    port = int(target.address.rsplit(":", 1)[1])
    before = rss_kib(pid)
    sockets = [WebSocket(port, "%s/containers/%s/wait" % (target.prefix, container_id))
               for _ in range(count)]
    time.sleep(1)
    during = rss_kib(pid)
    docker.call("DELETE", "/containers/%s?force=1" % container_id)
    for ws in sockets:
        ws.sock.close()
    return {"before": before, "with %d open streams" % count: during}
