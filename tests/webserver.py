"""A real HTTP server per loopback host (127.0.0.2, 127.0.0.3, …) serving test routes.

Each Host records every request (path, headers, time) so tests can check
what a crawler really did: how often a URL was fetched, with which
conditional headers, how far apart.
"""
from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


@dataclass
class Route:
    body: bytes | Callable[[dict], bytes] = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    etag: str | None = None
    delay: float = 0.0
    sequence: list | None = None        # [(status, headers), ...] answered in turn, then the route itself
    stream_bytes: int = 0                # send this many bytes of filler (an oversized page)
    trickle: float = 0.0                 # send the body one byte at a time, this many seconds apart
    trickle_headers: bool = False        # ... and the status line and headers too


@dataclass
class Hit:
    path: str
    headers: dict
    at: float


class Host:
    def __init__(self, ip: str):
        self.ip = ip
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        host = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True      # as real servers do; else headers and body wait on a delayed ACK

            def log_message(self, *args):
                pass

            def do_GET(self):
                with host._lock:
                    host.hits.append(Hit(self.path, dict(self.headers), time.monotonic()))
                    count = sum(1 for h in host.hits if h.path == self.path)
                route = host.routes.get(self.path)
                if route is None:
                    return self._send(404, b"not found", "text/plain", {})
                if route.sequence and count <= len(route.sequence):
                    status, headers = route.sequence[count - 1]
                    return self._send(status, b"busy", "text/plain", headers)
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    return self._send(304, b"", None, {"ETag": route.etag})
                headers = dict(route.headers)
                if route.etag:
                    headers["ETag"] = route.etag
                if route.stream_bytes:
                    return self._stream(route)
                body = route.body(dict(self.headers)) if callable(route.body) else route.body
                if route.trickle:
                    return self._trickle(route, body, headers)
                self._send(route.status, body, route.content_type, headers)

            def _trickle(self, route, body, headers):
                """A server that answers one byte every ``route.trickle`` seconds, until the client hangs up."""
                self.close_connection = True
                head = [f"HTTP/1.1 {route.status} OK", f"Content-Type: {route.content_type}",
                        f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in headers.items())]
                head = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
                try:
                    if not route.trickle_headers:
                        self.wfile.write(head)
                        self.wfile.flush()
                        head = b""
                    data = head + body
                    for i in range(len(data)):
                        self.wfile.write(data[i:i + 1])
                        self.wfile.flush()
                        time.sleep(route.trickle)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, status, body, ctype, headers):
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass

            def _stream(self, route):
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"<p>" + b"x" * 65530 + b"</p>"
                try:
                    for _ in range(route.stream_bytes // len(chunk) + 1):
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass            # a client that hangs up on a bomb or a huge page is the point of the test

        self.server = Server((ip, 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://{self.ip}:{self.port}{path}"

    def add(self, path: str, body: bytes | str | Callable = b"", **kw) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body=body, **kw)
        return self.url(path)

    def count(self, path: str) -> int:
        with self._lock:
            return sum(1 for h in self.hits if h.path == path)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def gzip_bomb(size: int = 200 * 1024 * 1024) -> bytes:
    """A small gzip body that inflates to ``size`` bytes."""
    return gzip.compress(b"\0" * size, compresslevel=9)
