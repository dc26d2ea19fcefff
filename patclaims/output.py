"""Rendering rows as an aligned table (Korean wide characters count double), CSV, JSON or JSON lines."""
from __future__ import annotations

import csv
import json
import unicodedata
from typing import IO, Any, Iterable, Sequence

FORMATS = ("table", "csv", "json", "jsonl")


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width:
            if out:
                out[-1] = "…"
            break
        out.append(ch)
        used += w
    s = "".join(out)
    return s + " " * (width - display_width(s))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def write_table(rows: Sequence[dict], columns: Sequence[str], out: IO[str], max_width: int = 40) -> None:
    widths = {c: min(max_width, max([display_width(c)] + [display_width(_cell(r.get(c))) for r in rows])) for c in columns}
    out.write("  ".join(_fit(c, widths[c]) for c in columns).rstrip() + "\n")
    out.write("  ".join("-" * widths[c] for c in columns) + "\n")
    for r in rows:
        out.write("  ".join(_fit(_cell(r.get(c)), widths[c]) for c in columns).rstrip() + "\n")


def write_rows(rows: Iterable[dict], columns: Sequence[str], fmt: str, out: IO[str]) -> int:
    """Write ``rows`` in ``fmt``; returns how many were written."""
    rows = list(rows)
    if fmt == "table":
        write_table(rows, columns, out)
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    elif fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    else:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    return len(rows)
