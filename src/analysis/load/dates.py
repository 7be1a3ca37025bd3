"""Date lines as Vietnamese outlets print them, parsed into Vietnam time.

Forms seen in the wild (all handled): ``22/04/2023 19:22 (GMT +7)``,
``Thứ bảy, 22/4/2023, 19:22 (GMT+7)``, ``22/04/2023 - 19:22``, ``19:22 22/04/2023``,
``Cập nhật: 22/04/2023 19:22``, ``22-04-2023 19:22``, ``Ngày 22/04/2023 19:22``,
``19:22 | 22/04/2023``, ``22.04.2023 19h22``, ``22 tháng 4 năm 2023``, ISO 8601, and 12-hour
times with ``SA``/``CH`` or ``AM``/``PM``.

A line counts as a date line when, once its date, time, weekday, time-zone and label words are
taken out, nothing but separators is left. An impossible date (``31/02/2023``) is still a date
line, but gives no date: :class:`DateLine` carries ``problem`` instead, and the caller records
a warning. Day-first order is the Vietnamese convention and is always assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from analysis.config import VIETNAM_TIME

IMPOSSIBLE_DATE = "impossible date"
UNREADABLE_DATE = "unreadable date"

_WEEKDAY = (
    r"(?:th[ứu]\s*(?:hai|ba|t[ưu]|n[ăa]m|s[áa]u|b[ảa]y|[2-7])|ch[ủu]\s*nh[ậa]t|cn|t[2-7]"
    r"|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?)"
)
_LABEL = (
    r"(?:c[ậa]p\s*nh[ậa]t(?:\s*l[úu]c)?|ng[àa]y\s*(?:đăng|đăng\s*tải|xu[ấa]t\s*b[ảa]n|c[ậa]p"
    r"\s*nh[ậa]t)?|đăng(?:\s*t[ảa]i)?(?:\s*l[úu]c|\s*ng[àa]y)?|xu[ấa]t\s*b[ảa]n|th[ờo]i\s*gian"
    r"|l[úu]c|v[àa]o\s*l[úu]c|published|updated|posted|date)"
)
_DMY = r"(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}|\d{2})(?!\d)"
_YMD = r"(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})(?!\d)"
_WORDY = (
    r"(?:ng[àa]y\s*)?(?P<d3>\d{1,2})\s*th[áa]ng\s*(?P<m3>\d{1,2})\s*,?\s*(?:n[ăa]m\s*)?"
    r"(?P<y3>\d{4})"
)
_DATE = re.compile(rf"(?<!\d)(?:{_YMD}|{_DMY}|{_WORDY})", re.IGNORECASE)
_TIME = re.compile(
    r"(?<![\d/.\-])(?P<H>\d{1,2})\s*(?::|h|g|giờ)\s*(?P<M>\d{2})(?:\s*(?::|p|phút)\s*"
    r"(?P<S>\d{2}))?(?:\.\d+)?(?:\s*(?P<ampm>sa|ch|am|pm|a\.m\.|p\.m\.|sáng|chiều|tối)\b)?"
    r"(?!\d)",
    re.IGNORECASE,
)
_TZ = re.compile(
    r"\(?\s*(?:(?P<name>gmt|utc)\s*(?P<off>[+\-]\s*\d{1,2}(?::?\d{2})?)?"
    r"|(?P<iso>[+\-]\d{2}:?\d{2}|z))\s*\)?",
    re.IGNORECASE,
)
_LEFTOVER = re.compile(rf"(?:{_WEEKDAY}|{_LABEL}|[\s,|:;/\-–—•·()\[\]T]|h\b)+", re.IGNORECASE)

MAX_DATE_LINE = 80


@dataclass(frozen=True)
class DateLine:
    """A recognised date line: ``value`` is None when the date is impossible, and ``problem``
    then says why (``IMPOSSIBLE_DATE`` with the reason in brackets)."""

    value: datetime | None
    problem: str | None = None


def _offset(match: re.Match[str]) -> timezone | None:
    raw = match.group("off") or match.group("iso")
    if raw is None:
        return None if match.group("name") is None else UTC
    if raw.lower() == "z":
        return UTC
    raw = raw.replace(" ", "").replace(":", "")
    sign = -1 if raw[0] == "-" else 1
    digits = raw[1:]
    hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
    delta = timedelta(hours=hours, minutes=minutes)
    # Offsets a few minutes off +07:00 (e.g. +07:07) are time-zone database artefacts of
    # Vietnam's local mean time: the wall-clock time is Vietnamese, so keep it as such.
    if abs(delta - timedelta(hours=7)) <= timedelta(minutes=10) and sign > 0:
        return VIETNAM_TIME
    return timezone(sign * delta)


def parse_date_line(line: str) -> DateLine | None:
    """Parse ``line`` if it is a date line; return None when it is anything else."""
    text = line.strip()
    if not text or len(text) > MAX_DATE_LINE or not any(c.isdigit() for c in text):
        return None
    date_match = _DATE.search(text)
    if date_match is None:
        return None
    rest = text[: date_match.start()] + " " + text[date_match.end() :]
    time_match = _TIME.search(rest)
    if time_match is not None:
        rest = rest[: time_match.start()] + " " + rest[time_match.end() :]
    tz_match = None
    for candidate in _TZ.finditer(rest):
        if candidate.group(0).strip(" ()"):
            tz_match = candidate
            rest = rest[: candidate.start()] + " " + rest[candidate.end() :]
            break
    if _LEFTOVER.sub("", rest).strip():
        return None
    return _build(date_match, time_match, tz_match)


def _build(
    date_match: re.Match[str], time_match: re.Match[str] | None, tz_match: re.Match[str] | None
) -> DateLine:
    g = date_match.groupdict()
    day, month, year = (
        (g["d"], g["m"], g["y"])
        if g["d"] is not None
        else (g["d2"], g["m2"], g["y2"])
        if g["d2"] is not None
        else (g["d3"], g["m3"], g["y3"])
    )
    year_n = int(year)
    if year_n < 100:
        year_n += 2000
    hour = minute = second = 0
    if time_match is not None:
        hour, minute = int(time_match.group("H")), int(time_match.group("M"))
        second = int(time_match.group("S") or 0)
        ampm = (time_match.group("ampm") or "").lower().replace(".", "")
        if ampm in {"ch", "pm", "chiều", "tối"} and hour < 12:
            hour += 12
        elif ampm in {"sa", "am", "sáng"} and hour == 12:
            hour = 0
    tz = _offset(tz_match) if tz_match is not None else None
    try:
        value = datetime(
            year_n, int(month), int(day), hour, minute, second, tzinfo=tz or VIETNAM_TIME
        )
    except ValueError as exc:
        return DateLine(None, f"{IMPOSSIBLE_DATE} ({exc})")
    return DateLine(value.astimezone(VIETNAM_TIME))
