"""A browser that goes away in the middle of a connection, as one does when a learner closes the tab while a
page loads or between two requests: over a raw socket, closed with a reset, so that a test can wait for the
server's side of it to end and then look at what the server printed."""

from __future__ import annotations

import socket
import struct
import threading
from urllib.parse import urlsplit


def hang_up(url: str, path: str, *, mid_answer: bool) -> None:
    """GET `path` from the server at `url`, then reset the connection: after the whole answer (the server is
    waiting for the next request on it) or, with `mid_answer`, after its first bytes (the server is still
    writing). Returns once the server's thread for the connection has ended."""
    parts = urlsplit(url)
    before = set(threading.enumerate())
    connection = socket.create_connection((parts.hostname, parts.port), timeout=10)
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close() sends a reset
    try:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode("ascii"))
        received = connection.recv(65536)
        assert received.startswith(b"HTTP/1.1 200 "), received[:200]
        if not mid_answer:
            head, _, body = received.partition(b"\r\n\r\n")
            length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length:")))
            while len(body) < length:
                body += connection.recv(65536)
        # The server answered, so its thread for this connection is running: the one to wait for.
        serving = [thread for thread in set(threading.enumerate()) - before if "process_request" in thread.name]
        assert len(serving) == 1, serving
    finally:
        connection.close()
    serving[0].join(timeout=10)
    assert not serving[0].is_alive(), "the server still holds the connection"
