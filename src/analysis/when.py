"""Time expressions in Vietnamese news text, resolved against the publication date.

"ngày 19/12", "tháng 12/2025", "quý 3/2026", "cuối năm nay", "năm 2027", "trước 30-4-2026",
"ngày mai (19.8)", "tháng tới": :func:`find_times` finds them as written, each with its span
and, when it can be resolved, a :class:`pandas.Period` at the precision the text gives (day,
month, quarter or year). Relative expressions ("năm nay", "tháng tới", "ngày mai") and dates
without a year ("ngày 19/12") are read against the article's publication date; when the text
speaks of the future, a year-less date already past at publication is next year's (a
deadline of "30-4" written in November is next April's). Outlets write day and month with
"/", "-" or "." (``19/12``, ``19-12``, ``19.12``). Edges of a year are quarters: "đầu năm" the
first, "giữa năm" and "nửa đầu năm" the second, "cuối năm" the fourth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

_DAY = r"(?P<d>[0-3]?\d)"
_MONTH = r"(?P<m>1[0-2]|0?[1-9])"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_SEP = r"[/.\-]"
_QUARTER = r"(?P<q>I{1,3}|IV|[1-4])"
_HEDGE_WORDS = r"chậm nhất|muộn nhất|trước|sau|đến|tới|từ|vào|trong|dịp|mốc|hạn"
_HEDGE = rf"(?:(?:{_HEDGE_WORDS})\s+)?"
_HEDGED = re.compile(rf"(?:{_HEDGE_WORDS})\s", re.IGNORECASE)
_PART = r"(?:(?:sáng|trưa|chiều|tối|đêm)\s+(?:nay\s+)?)?"

PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (precision, re.compile(pattern, re.IGNORECASE))
    for precision, pattern in (
        # day: "ngày 19/12/2025", "30-4-2026", "sáng 19/5", "ngày 15.1" (no year)
        (
            "day",
            rf"{_HEDGE}{_PART}(?:ngày\s+)?(?<!\d){_DAY}{_SEP}{_MONTH}(?!\d)(?:{_SEP}{_YEAR})?(?![\d/.\-]\d)"
            rf"(?!\s?(?:%|km|m\b|tỷ|tỉ|triệu|ha\b|tấn|người|lần))",
        ),
        # month: "tháng 12/2025", "tháng 6.2026", "tháng 3 năm 2026", "tháng 9"
        (
            "month",
            rf"{_HEDGE}(?:(?P<edge>đầu|giữa|cuối)\s+)?tháng\s+{_MONTH}"
            rf"(?:(?:{_SEP}|\s+năm\s+){_YEAR})?(?!\d)",
        ),
        # quarter: "quý 3/2026", "quý I/2028", "quý II năm 2026"
        ("quarter", rf"{_HEDGE}quý\s+{_QUARTER}(?:(?:{_SEP}|\s+năm\s+){_YEAR})?"),
        # year: "năm 2026", "cuối năm 2025", "đầu 2026", "năm 2025-2027"
        (
            "year",
            rf"{_HEDGE}(?:(?P<half>nửa đầu|nửa cuối|đầu|giữa|cuối)\s+)?(?:năm\s+)?{_YEAR}"
            r"(?:\s?-\s?(?P<y_end>(?:19|20)\d\d))?(?!\d)",
        ),
        # relative: "năm nay", "cuối năm nay", "năm tới", "tháng tới", "ngày mai", "sáng nay"
        (
            "relative",
            rf"{_HEDGE}(?:(?P<rhalf>nửa đầu|nửa cuối|đầu|giữa|cuối)\s+)?"
            r"(?P<unit>năm|tháng|tuần|quý)\s+(?P<which>nay|này|tới|sau|trước|qua)\b",
        ),
        (
            "relative_day",
            rf"{_HEDGE}(?P<rday>ngày mai|hôm nay|hôm qua|sáng nay|chiều nay|tối nay"
            r"|sáng mai|sáng qua|chiều qua|tối qua)\b",
        ),
    )
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_EDGE_QUARTER = {"đầu": 1, "giữa": 2, "nửa đầu": 2, "nửa cuối": 4, "cuối": 4}


@dataclass(frozen=True)
class TimeExpression:
    start: int
    end: int
    text: str
    period: pd.Period | None


def _resolve(kind: str, match: re.Match, published: pd.Timestamp | None, future: bool):
    g = match.groupdict()
    year = int(g["y"]) if g.get("y") else None
    if kind == "day":
        day, month = int(g["d"]), int(g["m"])
        if year is None:
            if published is None:
                return None
            year = published.year
            try:
                candidate = pd.Timestamp(year, month, day)
            except ValueError:
                return None
            if future and candidate < published.tz_localize(None) - pd.Timedelta(days=7):
                year += 1
        try:
            return pd.Period(pd.Timestamp(year, month, day), "D")
        except ValueError:
            return None
    if kind == "month":
        month = int(g["m"])
        if year is None:
            if published is None:
                return None
            year = published.year
            if future and month < published.month:
                year += 1
        return pd.Period(year=year, month=month, freq="M")
    if kind == "quarter":
        quarter = _ROMAN.get(g["q"].upper()) or int(g["q"])
        year = year or (published.year if published is not None else None)
        return pd.Period(year=year, quarter=quarter, freq="Q") if year else None
    if kind == "year":
        year = int(g["y_end"]) if g.get("y_end") else year
        edge = g.get("half")
        if edge:
            return pd.Period(year=year, quarter=_EDGE_QUARTER[edge.lower()], freq="Q")
        return pd.Period(str(year), "Y")
    if published is None:
        return None
    if kind == "relative_day":
        shift = {"mai": 1, "qua": -1}.get(g["rday"].lower().split()[-1], 0)
        return pd.Period(published.tz_localize(None).normalize() + pd.Timedelta(days=shift), "D")
    unit, which = g["unit"].lower(), g["which"].lower()
    step = {"nay": 0, "này": 0, "tới": 1, "sau": 1, "trước": -1, "qua": -1}[which]
    now = published.tz_localize(None)
    if unit == "năm":
        edge = g.get("rhalf")
        if edge:
            return pd.Period(year=now.year + step, quarter=_EDGE_QUARTER[edge.lower()], freq="Q")
        return pd.Period(str(now.year + step), "Y")
    if unit == "quý":
        return pd.Period(now, "Q") + step
    if unit == "tháng":
        return pd.Period(now, "M") + step
    return pd.Period(now + pd.Timedelta(days=7 * step), "D")


def find_times(
    text: str, published: pd.Timestamp | None = None, future: bool = False
) -> list[TimeExpression]:
    """Every time expression in ``text``, longest first where they overlap, in text order.

    ``published`` resolves relative and year-less expressions; ``future`` says the text
    speaks of something planned, so that a year-less date long past is read as next year's.
    """
    from analysis.text import longest_first

    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            # a bare 4-digit number is a year only after a hedge ("đến 2030", "trước 2026")
            if (
                kind == "year"
                and not (match.group("half") or "năm" in match.group(0).lower())
                and not _HEDGED.match(match.group(0))
            ):
                continue
            period = _resolve(kind, match, published, future)
            found.append(TimeExpression(match.start(), match.end(), match.group(0), period))
    return longest_first(found, lambda t: (t.start, t.end))
