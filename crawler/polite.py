"""Politeness: robots.txt per host (cached, Crawl-delay honoured) and the per-host delay.

urllib.robotparser reads the rules; robots.txt itself is fetched through the
crawler's own fetcher so it gets the same User-Agent, deadline and caps.
A robots.txt that is missing (4xx) allows everything; one that cannot be
fetched (5xx, no connection, timed out) disallows the host for this run, as
RFC 9309 asks, and the refusal says which host and why. Each host has its
own lock: a host whose robots.txt stalls holds only its own URLs.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

from .fetch import FetchError, Fetcher


@dataclass(frozen=True)
class Rules:
    """A host's robots.txt: its parsed rules; no parser when it has none (everything allowed); or why it
    could not be fetched (``unreachable``: the host is skipped this run)."""

    parser: RobotFileParser | None = None
    lines: tuple[str, ...] = ()
    unreachable: str | None = None

    def can_fetch(self, agent: str, url: str) -> bool:
        return self.parser is None or self.parser.can_fetch(agent, url)


@dataclass(frozen=True)
class Refusal:
    """Why a URL is not fetched: disallowed for good, or its host's robots.txt unreachable (next run)."""

    message: str
    disallowed: bool


class Robots:
    def __init__(self) -> None:
        self._rules: dict[str, Rules] = {}
        self._delays: dict[tuple[str, str], float | None] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()          # guards the two dicts only, never a fetch

    def _load(self, fetcher: Fetcher, scheme: str, host: str) -> Rules:
        try:
            result = fetcher.get(f"{scheme}://{host}/robots.txt")
        except FetchError as e:
            if e.outcome == "http_error" and 400 <= e.status < 500 and e.status != 429:
                return Rules()                                    # no robots.txt: everything allowed
            why = str(e).split(": ", 1)[-1]                       # the cause, without the URL
            return Rules(unreachable=why)
        lines = tuple(result.content.decode("utf-8", "replace").splitlines())
        parser = RobotFileParser()
        parser.parse(lines)
        return Rules(parser, lines)

    def rules(self, fetcher: Fetcher, scheme: str, host: str) -> Rules:
        key = f"{scheme}://{host}"
        with self._lock:
            if key in self._rules:
                return self._rules[key]
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:                                                # one fetch per host; other hosts go on
            with self._lock:
                if key in self._rules:
                    return self._rules[key]
            rules = self._load(fetcher, scheme, host)
            with self._lock:
                self._rules[key] = rules
            return rules

    def refusal(self, url: str, fetcher: Fetcher) -> Refusal | None:
        """Why ``url`` may not be fetched, or None when it may."""
        scheme, _, rest = url.partition("://")
        host = rest.split("/", 1)[0]
        rules = self.rules(fetcher, scheme, host)
        if rules.unreachable:
            return Refusal(f"{host}: robots.txt could not be fetched ({rules.unreachable}); "
                           "the host is skipped this run and tried again on the next", disallowed=False)
        if rules.can_fetch(fetcher.options.user_agent, url):
            return None
        return Refusal(f"{url}: disallowed by robots.txt", disallowed=True)

    def crawl_delay(self, fetcher: Fetcher, scheme: str, host: str) -> float | None:
        rules, agent = self.rules(fetcher, scheme, host), fetcher.options.user_agent
        with self._lock:
            key = (f"{scheme}://{host}", agent)
            if key not in self._delays:
                self._delays[key] = _crawl_delay(list(rules.lines), agent) if rules.parser else None
            return self._delays[key]


def _crawl_delay(lines: list[str], agent: str) -> float | None:
    """Crawl-delay of the group for our agent, else of ``*``; robotparser reads whole seconds only."""
    token = agent.split("/")[0].lower()
    delays: dict[str, float] = {}
    group: list[str] = []
    in_rules = False
    for raw in lines:
        key, _, value = raw.split("#", 1)[0].partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            if in_rules:
                group, in_rules = [], False
            group.append(value.lower())
        elif key:
            in_rules = True
            if key == "crawl-delay":
                try:
                    for ua in group:
                        delays.setdefault(ua, float(value))
                except ValueError:
                    pass
    for ua, delay in delays.items():
        if ua != "*" and ua in token:
            return delay
    return delays.get("*")


class HostGate:
    """One request at a time per host, at least ``delay`` seconds apart (start to start)."""

    def __init__(self) -> None:
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, delay: float) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + delay
        if start > now:
            time.sleep(start - now)
