"""Korean publication dates: every form seen on Korean news pages, to ISO 8601.

    2024.02.23 (17:22)   [2024-01-15, 08:36:24]   2025.01.02 21:53:41
    2024년 2월 23일 오후 5:22   입력 2024-02-23 17:22:01   2024-02-23T17:22:00+09:00

A time with no offset is Korean time (``utc_offset`` in data/dates.toml); a
date with no time stays a date. Labels (입력, 수정) are data.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from functools import cache

from .datafiles import check_keys, load_toml, word_list
from .errors import DataFileError

_SOURCE = "extractors/data/dates.toml"
_KEYS = {"published_labels", "modified_labels", "pm", "am", "meta_names", "attributes", "utc_offset"}

_DATE = (
    r"(?P<y>(?:19|20)\d{2})\s*(?:[.\-/]\s*|년\s*)(?P<m>\d{1,2})\s*(?:[.\-/]\s*|월\s*)(?P<d>\d{1,2})"
    r"(?!\d)\s*(?:일)?\.?"
)
_TIME = (
    r"(?:[\s,(\[]*(?:\([월화수목금토일]\)\s*)?(?:(?P<ampm>오전|오후|AM|PM|am|pm)\s*)?"
    r"(?:T)?(?P<H>\d{1,2})\s*[:시]\s*(?P<M>\d{2})(?:\s*[:분]\s*(?P<S>\d{2}))?(?:\.\d+)?\s*초?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_DATETIME = re.compile(_DATE + _TIME)


def parse_config(doc: dict, source: str = _SOURCE) -> dict:
    """The date rules in ``doc`` (a parsed dates.toml); a DataFileError names ``source`` and the key."""
    check_keys(doc, _KEYS, source)
    offset = doc.get("utc_offset", "+09:00")
    m = re.fullmatch(r"([+-])(\d{2}):(\d{2})", offset) if isinstance(offset, str) else None
    if not m:
        raise DataFileError(f"{source}: utc_offset {offset!r} must look like +09:00")
    sign = 1 if m.group(1) == "+" else -1
    return {
        "published": word_list(doc, "published_labels", source),
        "modified": word_list(doc, "modified_labels", source),
        "pm": word_list(doc, "pm", source),
        "am": word_list(doc, "am", source),
        "meta_names": word_list(doc, "meta_names", source),
        "attributes": word_list(doc, "attributes", source),
        "tz": timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))),
    }


@cache
def _config() -> dict:
    return parse_config(load_toml("dates.toml"))


def meta_names() -> list[str]:
    return _config()["meta_names"]


def date_attributes() -> list[str]:
    return _config()["attributes"]


def _from_match(m: re.Match) -> str | None:
    try:
        day = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    if m.group("H") is None:
        return day.isoformat()
    hour, minute, second = int(m.group("H")), int(m.group("M")), int(m.group("S") or 0)
    if m.group("ampm") in _config()["pm"] and hour < 12:
        hour += 12
    elif m.group("ampm") in _config()["am"] and hour == 12:
        hour = 0                       # 오전 12:30 is half past midnight
    if hour > 23 or minute > 59 or second > 59:
        return day.isoformat()
    korea = tz = _config()["tz"]
    if m.group("tz"):
        raw = m.group("tz")
        if raw == "Z":
            tz = timezone.utc
        else:
            raw = raw.replace(":", "")
            sign = 1 if raw[0] == "+" else -1
            tz = timezone(sign * timedelta(hours=int(raw[1:3]), minutes=int(raw[3:5])))
    # the publishers' own clock: 2025-03-17T20:00:00Z is 2025-03-18T05:00:00+09:00
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz).astimezone(korea).isoformat()


def parse_datetime(text: str | None) -> str | None:
    """The first date (with its time, if given) in ``text`` as ISO 8601, or None."""
    if not text:
        return None
    m = _DATETIME.search(text)
    return _from_match(m) if m else None


def labelled_date(text: str) -> str | None:
    """The date after a published label (입력 2024.02.23 (17:22)) in ``text``, or None."""
    cfg = _config()
    for labels in (cfg["published"], cfg["modified"]):
        pattern = r"(?:%s)\s*[:：]?\s*(?:일시|일자|시간|시각|일)?\s*[:：]?\s*" % "|".join(map(re.escape, labels))
        m = re.search(pattern + "(" + _DATE + _TIME + ")", text)
        if m:
            found = parse_datetime(m.group(1))
            if found:
                return found
    return None


def refine_time(found: str, page_text: str) -> str:
    """A publication date with its time: a bare date takes the first time the page shows right
    after that same date (a board's "2023-03-02 10:42:13"), else midnight, Korean time."""
    if "T" in found:
        return found
    for m in _DATETIME.finditer(page_text):
        if m.group("H") is not None and (full := _from_match(m)) and full.startswith(found + "T"):
            return full
    try:
        day = date.fromisoformat(found[:10])
    except ValueError:
        return found
    return datetime(day.year, day.month, day.day, tzinfo=_config()["tz"]).isoformat()


def year_of(published: str | None) -> int | None:
    """The year of an ISO date, for resolving 올해 and 지난해."""
    if published and re.match(r"\d{4}", published):
        return int(published[:4])
    return None
