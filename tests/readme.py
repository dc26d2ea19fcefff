"""The README's console blocks, run: every `$ command` in a ```console block and the output shown under it.

    python -m tests.readme            # check: list every command whose output differs from the README
    python -m tests.readme --update   # write the program's real output into the README

The commands run in order, in one fresh directory (a `fixtures` link to the
project's, so paths read as in the README; HOME and the XDG directories
inside it, so the default database is new), through bash, with stdout and
stderr together as a terminal shows them. In an expected line, ``[…]``
stands for any text (a shortened JSON line, a path that depends on the
machine). --update keeps the lines that still match and writes the real
output for the rest, shortening again a line that was shortened (same start,
and the rest from where the text after ``[…]`` begins); where that cannot be
found the line comes back in full, to be shortened by hand.
tests/test_readme.py runs the check.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
ELISION = "[…]"


@dataclass
class Command:
    line: int                          # index in the README of the "$ " line
    command: str
    expected: list[str] = field(default_factory=list)
    actual: list[str] | None = None
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        return self.skipped is not None or (self.actual is not None and lines_match(self.expected, self.actual))


def parse(lines: list[str]) -> list[Command]:
    out: list[Command] = []
    inside = False
    for i, line in enumerate(lines):
        if line.strip() == "```console":
            inside, current = True, None
        elif inside and line.strip() == "```":
            inside = False
        elif inside and line.startswith("$ "):
            current = Command(i, line[2:])
            out.append(current)
        elif inside and current is not None:
            current.expected.append(line)
    return out


def _pattern(expected: str) -> re.Pattern:
    return re.compile(".*".join(re.escape(part) for part in expected.split(ELISION)), re.S)


def line_matches(expected: str, actual: str) -> bool:
    return expected == actual or (ELISION in expected and bool(_pattern(expected).fullmatch(actual)))


def lines_match(expected: list[str], actual: list[str]) -> bool:
    return len(expected) == len(actual) and all(map(line_matches, expected, actual))


def environment(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATCLAIMS_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), PYTHONUNBUFFERED="1", TERM="dumb", LC_ALL="C.UTF-8",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return env


def run_all(commands: list[Command]) -> None:
    """Run the commands in order in one fresh directory; fill in ``actual`` (or ``skipped``)."""
    with tempfile.TemporaryDirectory(prefix="readme-") as tmp:
        work = Path(tmp)
        (work / "fixtures").symlink_to(ROOT / "fixtures")
        env = environment(work)
        for c in commands:
            program = c.command.split()[0]
            if not shutil.which(program, path=env["PATH"]):
                c.skipped = f"{program} is not installed here"
                continue
            p = subprocess.run(["bash", "-c", "exec 2>&1; " + c.command], cwd=work, env=env, capture_output=True,
                               text=True, timeout=300)
            c.actual = p.stdout.rstrip("\n").split("\n") if p.stdout.strip() else []


def shortened(expected: str, actual: str) -> str:
    """``actual`` shortened where ``expected`` was: "P[…]S" keeps P when actual starts with it, and actual from
    where S's first 20 characters appear after it; without such anchors, actual in full."""
    if expected.count(ELISION) != 1:
        return actual
    head, tail = expected.split(ELISION)
    anchor = tail[:20]
    at = actual.find(anchor, len(head)) if anchor else len(actual)
    if not actual.startswith(head) or at < 0:
        return actual
    return head + ELISION + actual[at:]


def updated(lines: list[str], commands: list[Command]) -> list[str]:
    """The README with each differing command's output replaced by the real one (matching lines kept,
    shortened lines shortened again where they can be)."""
    out = list(lines)
    for c in sorted(commands, key=lambda c: c.line, reverse=True):
        if c.ok:
            continue
        keep = [(e if line_matches(e, a) else shortened(e, a)) if i < len(c.expected) and (e := c.expected[i]) else a
                for i, a in enumerate(c.actual)]
        start = c.line + 1
        out[start:start + len(c.expected)] = keep
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="write the real output into README.md")
    args = ap.parse_args()
    lines = README.read_text("utf-8").split("\n")
    commands = parse(lines)
    run_all(commands)
    bad = [c for c in commands if not c.ok]
    for c in commands:
        status = "skipped: " + c.skipped if c.skipped else ("ok" if c.ok else "DIFFERS")
        print(f"README.md:{c.line + 1}: {status}: $ {c.command}")
    if args.update and bad:
        README.write_text("\n".join(updated(lines, commands)), "utf-8")
        print(f"updated the output of {len(bad)} command(s) in README.md")
        return 0
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
