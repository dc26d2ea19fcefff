"""Politeness: robots.txt per host (cached, Crawl-delay honoured) and the per-host delay.

urllib.robotparser reads the rules; robots.txt itself is fetched through the
crawler's own fetcher so it gets the same User-Agent, timeouts and caps.
A robots.txt that is missing (4xx) allows everything; one that cannot be
fetched (5xx, no connection) disallows the host for this run, as RFC 9309 asks.
"""
from __future__ import annotations

import threading
import time
from urllib.robotparser import RobotFileParser

from .fetch import FetchError, Fetcher


class Robots:
    def __init__(self, fetcher: Fetcher):
        self.fetcher = fetcher
        self.agent = fetcher.options.user_agent
        self._rules: dict[str, RobotFileParser | bool] = {}
        self._lock = threading.Lock()

    def _load(self, scheme: str, host: str) -> RobotFileParser | bool:
        try:
            result = self.fetcher.get(f"{scheme}://{host}/robots.txt")
        except FetchError as e:
            return not (e.status is None or e.status >= 500)      # True: allow all; False: disallow all
        lines = result.content.decode("utf-8", "replace").splitlines()
        parser = RobotFileParser()
        parser.parse(lines)
        parser.fractional_delay = _crawl_delay(lines, self.agent)
        return parser

    def rules(self, scheme: str, host: str) -> RobotFileParser | bool:
        key = f"{scheme}://{host}"
        with self._lock:
            if key not in self._rules:
                self._rules[key] = self._load(scheme, host)
            return self._rules[key]

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not be fetched, or None when it may."""
        scheme, _, rest = url.partition("://")
        rules = self.rules(scheme, rest.split("/", 1)[0])
        if rules is False:
            return "robots.txt could not be fetched (server error or no connection); host skipped this run"
        if rules is True or rules.can_fetch(self.agent, url):
            return None
        return "disallowed by robots.txt"

    def crawl_delay(self, scheme: str, host: str) -> float | None:
        rules = self.rules(scheme, host)
        if isinstance(rules, bool):
            return None
        return getattr(rules, "fractional_delay", None)


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
