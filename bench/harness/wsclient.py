"""A minimal RFC 6455 WebSocket client (standard library only), enough for the benchmark: the
handshake, reading server frames (unmasked) as fast as Python can, and a masked close."""

import base64
import os
import socket
import struct


class WebSocket:
    """A client WebSocket on 127.0.0.1:`port` to `path` (raises OSError when refused)."""

    def __init__(self, port, path, headers=None, timeout=60):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        lines = ["GET %s HTTP/1.1" % path, "Host: 127.0.0.1:%d" % port, "Upgrade: websocket",
                 "Connection: Upgrade", "Sec-WebSocket-Key: " + key, "Sec-WebSocket-Version: 13"]
        lines += ["%s: %s" % item for item in (headers or {}).items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise OSError("connection closed during the WebSocket handshake")
            head += chunk
        status, self.buffer = head.split(b"\r\n\r\n", 1)
        if b" 101 " not in status.split(b"\r\n", 1)[0]:
            raise OSError("no WebSocket upgrade: " + status.split(b"\r\n", 1)[0].decode())
        self.buffer = bytearray(self.buffer)
        self.close_code = None

    def fileno(self):
        return self.sock.fileno()

    def _fill(self, wanted):
        while len(self.buffer) < wanted:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise OSError("connection closed mid-frame")
            self.buffer += chunk

    def next_frame(self):
        """(opcode, payload) of the next frame; a close frame sets close_code."""
        self._fill(2)
        length = self.buffer[1] & 0x7F
        offset = 2
        if length == 126:
            self._fill(4)
            length = struct.unpack_from(">H", self.buffer, 2)[0]
            offset = 4
        elif length == 127:
            self._fill(10)
            length = struct.unpack_from(">Q", self.buffer, 2)[0]
            offset = 10
        self._fill(offset + length)
        opcode = self.buffer[0] & 0x0F
        payload = bytes(self.buffer[offset:offset + length])
        del self.buffer[:offset + length]
        if opcode == 8:
            self.close_code = struct.unpack(">H", payload[:2])[0] if len(payload) >= 2 else 1005
        return opcode, payload

    def drain(self):
        """Reads until the server's close frame; returns the payload bytes received."""
        total = 0
        while True:
            opcode, payload = self.next_frame()
            if opcode == 8:
                return total
            if opcode in (1, 2, 0):
                total += len(payload)

    def close(self):
        try:
            mask = os.urandom(4)
            payload = struct.pack(">H", 1000)
            masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            self.sock.sendall(bytes([0x88, 0x80 | len(payload)]) + mask + masked)
        except OSError:
            pass
        self.sock.close()
