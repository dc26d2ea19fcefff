"""Why a connection failed, in words a user acts on: no DNS entry, refused, timed out, reset, TLS.

requests wraps urllib3, which wraps the socket error, several layers deep
(ConnectionError -> MaxRetryError -> NewConnectionError -> ConnectionRefusedError),
and its message is a repr of a connection object. This walks the chain and
names the cause and the host.
"""
from __future__ import annotations

import errno
import socket
import ssl
from typing import Iterator
from urllib.parse import urlsplit

from urllib3.exceptions import (ConnectTimeoutError, NameResolutionError, ProtocolError, ReadTimeoutError,
                                SSLError as Urllib3SSLError)


def _chain(e: BaseException) -> Iterator[BaseException]:
    seen, stack = set(), [e]
    while stack:
        exc = stack.pop()
        if exc is None or id(exc) in seen:
            continue
        seen.add(id(exc))
        yield exc
        stack.extend(a for a in getattr(exc, "args", ()) if isinstance(a, BaseException))
        stack.extend(x for x in (getattr(exc, "reason", None), exc.__cause__, exc.__context__)
                     if isinstance(x, BaseException))


def _host(url: str) -> str:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return (parts.hostname or "?") + (f":{port}" if port else "")


def cause(e: BaseException, url: str, timeout: float, cut: bool = False) -> tuple[str, str]:
    """(outcome, words) for a failed request to ``url``; ``cut``: the deadline ended it."""
    host = _host(url)
    chain = list(_chain(e))
    timed_out = ("timeout", f"timed out after {timeout:g} s ({host} did not answer in full in time)")
    if cut:
        return timed_out
    for x in chain:
        if isinstance(x, (NameResolutionError, socket.gaierror)):
            return "connection_error", f"no DNS entry for {urlsplit(url).hostname} (check the host name)"
        if isinstance(x, ConnectionRefusedError) or getattr(x, "errno", None) == errno.ECONNREFUSED:
            return "connection_error", f"connection refused by {host} (nothing listens there)"
        if isinstance(x, ConnectionResetError):
            return "connection_error", f"connection reset by {host}"
        if isinstance(x, (ssl.SSLError, Urllib3SSLError)):
            return "connection_error", f"TLS failed with {host} ({str(x)[:120]})"
        if isinstance(x, OSError) and getattr(x, "strerror", None):
            return "connection_error", f"cannot connect to {host} ({x.strerror})"
    # after the causes above: urllib3's NewConnectionError (refused, no DNS) is a ConnectTimeoutError too
    if any(isinstance(x, (ConnectTimeoutError, ReadTimeoutError, TimeoutError)) for x in chain):
        return timed_out
    if any(isinstance(x, ProtocolError) for x in chain):
        return "connection_error", f"{host} closed the connection before answering"
    text = str(e.args[0] if e.args else e)
    return "error", f"{type(e).__name__} with {host} ({text[:160]})"
