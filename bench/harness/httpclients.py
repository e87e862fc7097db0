"""Keep-alive HTTP clients for a target, over TCP or the Docker Unix socket (standard library)."""

import http.client
import json
import socket


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=120):
        super().__init__("localhost", timeout=timeout)
        self.unix_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.unix_path)


def connect(address, timeout=120):
    """An HTTPConnection to a sockerless-load style address (unix:///path or host:port)."""
    if address.startswith("unix://"):
        return UnixHTTPConnection(address[len("unix://"):], timeout)
    host, port = address.rsplit(":", 1)
    return http.client.HTTPConnection(host, int(port), timeout=timeout)


def call(connection, method, path, body=None, expect=(200, 201, 204, 304)):
    """One request on a keep-alive connection; returns the decoded JSON (or None)."""
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data is not None else {}
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    if response.status not in expect:
        raise RuntimeError("%s %s: %d %s" % (method, path, response.status, payload[:200]))
    if payload[:1] in (b"{", b"["):
        return json.loads(payload)
    return None
