"""The container life cycle: create + start + wait + remove, as many per second as `workers`
keep-alive clients manage against one target."""

import threading
import time

import httpclients


def paths(target):
    if target.sockerless:
        return {"create": target.prefix + "/containers",
                "one": target.prefix + "/containers/%s"}
    return {"create": target.prefix + "/containers/create",
            "one": target.prefix + "/containers/%s"}


def run_cycles(target, image, workers, seconds):
    """Returns {"cyclesPerSecond", "cycles", "failures"} for `seconds` of cycles."""
    p = paths(target)
    done = [0]
    failures = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker():
        connection = httpclients.connect(target.address)
        while time.monotonic() < stop_at:
            try:
                created = httpclients.call(connection, "POST", p["create"], {
                    "Image": image, "Cmd": ["true"], "Labels": {"sockerless.bench": "cycle"}})
                one = p["one"] % created["Id"]
                httpclients.call(connection, "POST", one + "/start")
                httpclients.call(connection, "POST", one + "/wait")
                httpclients.call(connection, "DELETE", one)
                with lock:
                    done[0] += 1
            except (OSError, RuntimeError):
                with lock:
                    failures[0] += 1
                connection.close()
                connection = httpclients.connect(target.address)
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"target": target.name, "workers": workers, "cycles": done[0],
            "failures": failures[0], "cyclesPerSecond": done[0] / elapsed}
