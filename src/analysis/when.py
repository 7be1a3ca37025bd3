"""Time expressions in Vietnamese news text, resolved against the publication date.

"ngày 19/12", "tháng 12/2025", "quý 3/2026", "cuối năm nay", "năm 2027", "trước 30-4-2026",
"ngày mai (19.8)", "tháng tới": :func:`find_times` finds them as written, each with its span
and, when it can be resolved, a :class:`pandas.Period` at the precision the text gives (day,
month, quarter or year). Relative expressions ("năm nay", "tháng tới", "ngày mai") and dates
without a year ("ngày 19/12") are read against the article's publication date; when the text
speaks of the future, a year-less date already past at publication is next year's (a deadline
of "30-4" written in November is next April's); a year named from the publication's ("tháng 9
năm ngoái", "quý 1 năm sau") sets the year. A day and month with no "ngày", part of the day or
year is no date but a share, a range or a score before a unit ("3-5 năm", "từ 6-10 tuổi", "2-3
năm tới", "6-8 làn") or, with nothing before it, a noun ("4/5 gói thầu", "3-2 ở vòng ba").
Outlets write day and month with "/", "-" or "." (``19/12``, ``19-12``, ``19.12``). Edges of a
year are quarters: "đầu năm" the first, "giữa năm" and "nửa đầu năm" the second, "cuối năm" the
fourth; with no year ("về đích cuối năm"), this year's, or the next's when the text speaks
of the future and it is over ("khởi công đầu năm" written in November), the last year's when
it speaks of the past and it has not begun ("thông xe cuối năm" written in March); in the
forty days before Tết, the days or season of the year's end read as the past are the lunar
year's end at hand ("những ngày cuối năm, khi xuân Bính Ngọ cận kề": the month written in).
A bare year is one only after a hedge or a verb of a stage ("đến 2030", "hoàn thành 2028").
"Tết" (the lunar new year, also "Tết Nguyên đán 2026", "Tết Bính Ngọ") is the month it falls
in. Durations ("hơn một năm", "2 tuần nữa", "sau 5 năm") are found only when asked for; they
resolve when they count from the publication ("2 tuần nữa", "3 tháng trước", "chỉ còn 1
tháng"). A time never runs over a line, nor starts inside a word ("hầm HC1-02").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

_DAY = r"(?P<d>[0-3]?\d)"
_MONTH = r"(?P<m>1[0-2]|0?[1-9])"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_SEP = r"[/.\-]"
_QUARTER = r"(?P<q>IV|I{1,3}|[1-4])(?!\w)"  # "IV" before "I": "quý IV" is the fourth
# A year named from the publication's after a day, month or quarter: "tháng 9 năm ngoái".
_WHICH_YEAR = r"\s+năm\s+(?P<ry>nay|này|ngoái|trước|qua|sau|tới)(?!\w)"
# How far each relative word steps from the publication ("tháng tới", "năm ngoái").
_STEPS = {"nay": 0, "này": 0, "tới": 1, "sau": 1, "trước": -1, "qua": -1, "ngoái": -1}
_HEDGE_WORDS = r"chậm nhất|muộn nhất|trước|sau|đến|tới|từ|vào|trong|dịp|mốc|hạn|hết"
_HEDGE = rf"(?:(?<!\w)(?:{_HEDGE_WORDS})\s+)?"
_HEDGED = re.compile(rf"(?:{_HEDGE_WORDS})\s", re.IGNORECASE)
# "9h", "9h30", "9 giờ 30 phút"
_CLOCK = r"(?:(?<![\d.,])\d{1,2}\s?(?:h|giờ)(?:\s?\d\d)?(?:\s?phút)?\s+)?"
# The part of a day, or the day named from publication with its date after it, bracketed
# or not ("sáng 19/5", "sáng nay 25.4", "sáng nay (19.12)", "hôm qua (4/3)"): one time.
_RELATIVE_DAY = r"(?:(?:sáng|trưa|chiều|tối|đêm)\s+(?:nay|qua|mai)|hôm nay|hôm qua|ngày mai)"
_PART = (
    rf"{_CLOCK}(?:(?P<dday>{_RELATIVE_DAY})\s+(?P<bracket>\(\s*)?|(?:sáng|trưa|chiều|tối|đêm)\s+)?"
)
_NUMBER_WORDS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
    "mười": 10,
}  # fmt: skip
# The can chi names of years: stem = year % 10, branch = year % 12 (2026 is Bính Ngọ), with
# the spellings both in use (kỷ/kỉ, quý/quí, tý/tí, tỵ/tị, mão/mẹo).
_STEMS = {
    "canh": 0, "tân": 1, "nhâm": 2, "quý": 3, "quí": 3, "giáp": 4, "ất": 5, "bính": 6,
    "đinh": 7, "mậu": 8, "kỷ": 9, "kỉ": 9,
}  # fmt: skip
_BRANCHES = {
    "thân": 0, "dậu": 1, "tuất": 2, "hợi": 3, "tý": 4, "tí": 4, "sửu": 5, "dần": 6, "mão": 7,
    "mẹo": 7, "thìn": 8, "tỵ": 9, "tị": 9, "ngọ": 10, "mùi": 11,
}  # fmt: skip
# Tết Nguyên đán (the first day of the lunar year) in the years news speaks of, by the
# Vietnamese calendar (UTC+7), which parts from the Chinese one in some years (2007, 2030).
TET = {
    year: pd.Timestamp(f"{year}-{day}")
    for year, day in {
        2010: "02-14", 2011: "02-03", 2012: "01-23", 2013: "02-10", 2014: "01-31",
        2015: "02-19", 2016: "02-08", 2017: "01-28", 2018: "02-16", 2019: "02-05",
        2020: "01-25", 2021: "02-12", 2022: "02-01", 2023: "01-22", 2024: "02-10",
        2025: "01-29", 2026: "02-17", 2027: "02-06", 2028: "01-26", 2029: "02-13",
        2030: "02-02", 2031: "01-23", 2032: "02-11", 2033: "01-31", 2034: "02-19",
        2035: "02-08",
    }.items()
}  # fmt: skip

PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (precision, re.compile(pattern, re.IGNORECASE))
    for precision, pattern in (
        # day: "ngày 19/12/2025", "30-4-2026", "sáng 19/5", "ngày 15.1" (no year)
        (
            "day",
            rf"{_HEDGE}{_PART}(?:ngày\s+)?(?<!\w)(?<!tháng ){_DAY}{_SEP}{_MONTH}(?!\d)"
            rf"(?:(?:{_SEP}|\s+năm\s+){_YEAR}|{_WHICH_YEAR})?(?![\d/.\-]\d)"
            rf"(?!\s?(?:%|km|m\b|tỷ|tỉ|triệu|ha\b|tấn|người|lần))(?(bracket)\s*\))",
        ),
        # month: "tháng 12/2025", "tháng 6.2026", "tháng 3 năm 2026", "tháng 9"
        (
            "month",
            rf"{_HEDGE}(?:(?P<edge>đầu|giữa|cuối)\s+)?tháng\s+{_MONTH}"
            rf"(?:(?:{_SEP}|\s+năm\s+){_YEAR}|{_WHICH_YEAR})?(?!\d)",
        ),
        # month, written without "tháng" after a hedge: "trước 12-2026", "đến 6/2027"
        ("month", rf"(?<!\w)(?:{_HEDGE_WORDS})\s+(?<![\d/.\-]){_MONTH}{_SEP}{_YEAR}(?!\d)"),
        # quarter: "quý 3/2026", "quý I/2028", "quý II năm 2026", "quí 1-2017"
        (
            "quarter",
            rf"{_HEDGE}qu[ýí]\s+{_QUARTER}(?:(?:{_SEP}|\s+năm\s+){_YEAR}|{_WHICH_YEAR})?",
        ),
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
            r"(?P<unit>năm|tháng|tuần|quý)\s+(?P<which>nay|này|tới|sau|trước|qua|ngoái)\b",
        ),
        # an edge of the year with no year, at the end of its clause or before "sẽ", "đã",
        # "để", "và": "về đích cuối năm", "đầu năm, ..." ("cuối năm học", "đầu năm mới" are
        # not it, "6 tháng đầu năm nay" is another pattern's)
        (
            "year_edge",
            rf"{_HEDGE}(?P<rhalf>nửa đầu|nửa cuối|đầu|giữa|cuối)\s+(?P<unit>năm)(?P<which>)"
            r"(?=[ \t]*(?:[,.;:!?()|\]\"”\n]|$)|\s(?:sẽ|đã|để|và)(?!\w))",
        ),
        (
            "relative_day",
            rf"{_HEDGE}{_CLOCK}(?P<rday>{_RELATIVE_DAY})\b",
        ),
        # Tết: "trước Tết", "dịp Tết Nguyên đán 2026", "Tết Bính Ngọ"
        (
            "tet",
            rf"{_HEDGE}tết(?:\s+nguyên\s+đán)?(?!\w)"
            r"(?!\s+(?:dương|tây|trung thu|trung nguyên|độc lập|thiếu nhi|thanh minh|đoan ngọ"
            r"|hàn thực|nguyên tiêu|ông công|ông táo|táo quân)(?!\w))"
            rf"(?:\s+(?:(?:năm\s+)?{_YEAR}|(?P<stem>{'|'.join(_STEMS)})"
            rf"\s+(?P<branch>{'|'.join(_BRANCHES)})(?!\w)))?",
        ),
    )
)
# What makes a day and month written without "ngày", a part of the day or a year ("4/5") a
# share, a range or a score: a unit after it, even after a hedge ("từ 6-10 tuổi", "3-5 năm",
# "2-3 năm tới", "6-8 làn"), or, when nothing at all stands before it, a noun ("4/5 gói thầu",
# "3-2 ở vòng ba"). Lower case and on the same line: a capital or a new line starts another
# sentence ("trước 30-4\nDự án ...").
_UNIT_AFTER = re.compile(r" ?(?:tuổi|tiếng|phút|độ\b|làn\b|năm\b)")
_NOUN_AFTER = re.compile(
    r" ?(?:gói|dự án|hạng mục|khối lượng|công trình|tuyến\b|ở (?:vòng|lượt|trận))"
)
_ABOUT = re.compile(r"(?<!\w)(?:khoảng|chừng|gần|hơn|ngót|suốt|đã)\s+$", re.IGNORECASE)
_DAY_WORDS = re.compile(r"ngày|sáng|trưa|chiều|tối|đêm|\d\s?(?:h|giờ)", re.IGNORECASE)


def _share_or_range(text: str, match: re.Match) -> bool:
    if match.group("bracket"):
        return False  # "hôm nay (4/5)": the day's date
    if match.group("dday"):  # after a day named from publication, a date unless a unit
        # follows ("ngày mai 2-3 độ"): in the RSS corpus all four such pairs before a noun
        # or a score are dates ("hôm nay 26.9 ở vòng 5 V-League")
        return not match.group("y") and bool(_UNIT_AFTER.match(text, match.end()))
    before = text[match.start() : match.start("d")]
    if match.group("y") or _DAY_WORDS.search(before):
        return False  # "ngày 19/8 tuyến ...", "trước 30/4/2026 công trình ...": dates
    if match.group("ry"):  # "2-3 năm tới", "1-2 năm qua": years; "30/4 năm nay": a date,
        # but "khoảng 5-6 năm nay": years again
        return match.group("ry").lower() not in ("nay", "này") or bool(
            _ABOUT.search(text, max(0, match.start() - 12), match.start())
        )
    if _UNIT_AFTER.match(text, match.end()):
        return True
    return not before and bool(_NOUN_AFTER.match(text, match.end()))


# A bare 4-digit number is a year after a hedge ("đến 2030") or a verb of a project's stage
# ("khởi công 2027 và hoàn thành 2028", "vận hành 2026").
_STAGE_BEFORE = re.compile(
    r"(?<!\w)(?:khởi công|động thổ|hoàn thành|khánh thành|thông xe|vận hành|khai thác|về đích)"
    r"\s+$",
    re.IGNORECASE,
)
# How long, and from when: "hơn một năm", "sau 5 năm", "2 tuần nữa", "3 tháng trước".
# "trước" counts back from publication only when nothing follows it ("3 tháng trước,"), not
# in "3 tháng trước thời hạn" (ahead of the deadline) or "3 tháng trước khi ...".
DURATION = re.compile(
    r"(?<![\w.,])(?:(?:sau|trong|còn|chỉ còn|hơn|gần|chưa đầy|khoảng|đúng|suốt)\s+)*"
    rf"(?P<n>\d{{1,3}}|{'|'.join(_NUMBER_WORDS)}|nhiều|vài|mấy)\s+(?P<unit>ngày|tuần|tháng|năm)"
    r"(?:\s+rưỡi)?(?:\s+(?P<rel>nữa|tới|trước(?=\s*(?:[,.;:!?)]|$))|qua))?(?!\w)",
    re.IGNORECASE,
)
# A count right before a relative time: "3 tháng tới", "hai năm qua".
_COUNTED = re.compile(
    rf"(?<!\w)(?:\d{{1,3}}|{'|'.join(_NUMBER_WORDS)}|vài|mấy|nhiều)\s+$", re.IGNORECASE
)
_MONTHS_OF_YEAR = re.compile(
    rf"(?<!\w)(?:\d{{1,2}}|{'|'.join(_NUMBER_WORDS)}|mấy)\s+(?:tháng|qu[ýí])\s+$", re.IGNORECASE
)
_DAYS_BEFORE = re.compile(r"ngày\s+$", re.IGNORECASE)  # "những ngày cuối năm"
_LEFT = re.compile(r"(?<!\w)còn\s", re.IGNORECASE)  # "(chỉ) còn 2 tháng": a countdown
_SINCE = re.compile(r"(?:kể\s+)?từ\s", re.IGNORECASE)  # "từ đầu năm": since, not ahead
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_EDGE_QUARTER = {"đầu": 1, "giữa": 2, "nửa đầu": 2, "nửa cuối": 4, "cuối": 4}


@dataclass(frozen=True)
class TimeExpression:
    start: int
    end: int
    text: str
    period: pd.Period | None
    kind: str = "day"  # the pattern's: day, month, quarter, year, relative, tet, duration ...
    year_given: bool = False  # a year written, in figures or in words ("năm sau")


def _tet(match: re.Match, published: pd.Timestamp | None, future: bool) -> pd.Period | None:
    """The month of the Tết meant: the year written or named (can chi: "Bính Ngọ" is 2026),
    else the one nearest the publication in the direction the text speaks of."""
    g = match.groupdict()
    year = int(g["y"]) if g.get("y") else None
    if g.get("stem"):
        stem, branch = _STEMS.get(g["stem"].lower()), _BRANCHES.get(g["branch"].lower())
        if stem is None or branch is None:
            return None  # a capital that lower-cases to something else ("İ")
        cycle = [y for y in range(1984, 2044) if y % 10 == stem and y % 12 == branch]
        if not cycle:
            return None  # no such pair (a stem and a branch of different parity)
        near = published.year if published is not None else None
        year = cycle[0] if near is None else min(cycle, key=lambda y: abs(y - near))
    if year is None:
        if published is None:
            return None
        # Within a fortnight of Tết, "dịp Tết" still means that one, before or after.
        now = published.tz_localize(None)
        fortnight = pd.Timedelta(days=14)
        years = [
            y
            for y, day in TET.items()
            if (day >= now - fortnight if future else day <= now + fortnight)
        ]
        if not years:
            return None
        year = min(years) if future else max(years)
    return pd.Period(TET[year], "M") if year in TET else None


def _duration(match: re.Match, published: pd.Timestamp | None) -> pd.Period | None:
    """A duration counted from publication ("2 tuần nữa", "3 tháng tới", "3 tháng trước"),
    else None."""
    rel, n = (match.group("rel") or "").lower(), match.group("n").lower()
    if not rel and _LEFT.search(match.string, match.start(), match.start("n")):
        rel = "nữa"  # a countdown: "chỉ còn 1 tháng trước ...", "Còn 9 tuần đến hạn ..."
    count = int(n) if n.isdigit() else _NUMBER_WORDS.get(n)
    if rel not in ("nữa", "tới", "trước") or count is None or published is None:
        return None
    unit = match.group("unit").lower()
    step = -count if rel == "trước" else count
    now = published.tz_localize(None)
    if unit in ("ngày", "tuần"):
        return pd.Period(now + pd.Timedelta(days=step * (7 if unit == "tuần" else 1)), "D")
    return pd.Period(now, "M") + step if unit == "tháng" else pd.Period(now, "Y") + step


def _resolve(kind: str, match: re.Match, published: pd.Timestamp | None, future: bool):
    g = match.groupdict()
    year = int(g["y"]) if g.get("y") else None
    if g.get("ry"):
        if published is None:
            return None
        year = published.year + _STEPS[g["ry"].lower()]
    if kind == "day":
        day, month = int(g["d"]), int(g["m"])
        if g.get("dday") and published is not None:
            return _named_day(g["dday"], published, year, month, day)
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
    if kind == "tet":
        return _tet(match, published, future)
    if published is None:
        return None
    if kind == "relative_day":
        return _named_day(g["rday"], published)
    unit, which = g["unit"].lower(), g["which"].lower()
    step = _STEPS.get(which, 0)  # none written ("cuối năm"): this year
    now = published.tz_localize(None)
    if unit == "năm":
        edge = (g.get("rhalf") or "").lower()
        if edge not in _EDGE_QUARTER:  # "năm nay", "năm tới"
            return pd.Period(str(now.year + step), "Y")
        period = pd.Period(year=now.year + step, quarter=_EDGE_QUARTER[edge], freq="Q")
        return _year_edge(period, match, now, future) if kind == "year_edge" else period
    if unit == "quý":
        return pd.Period(now, "Q") + step
    if unit == "tháng":
        return pd.Period(now, "M") + step
    return pd.Period(now + pd.Timedelta(days=7 * step), "D")


def _named_day(name: str, published: pd.Timestamp, year=None, month=None, day=None):
    """The day named from publication ("hôm qua", "sáng mai"); with its date written after it
    ("hôm qua (31.12)"), that date, in the year that puts it nearest the named day: the date
    written is what a reader goes by, even far from the named day (a publication date a
    dataset got wrong: DANeS items dated May 2017 say "Sáng nay (8/2)"), but not half a year
    or more from it, a wrong year or day: the named day then ("hôm nay 22.5.2025" published
    on 22 May 2026, "Hôm qua (29/2)" on 1 March 2025)."""
    shift = {"mai": 1, "qua": -1}.get(name.lower().split()[-1], 0)
    named = published.tz_localize(None).normalize() + pd.Timedelta(days=shift)
    if month is None:
        return pd.Period(named, "D")
    written = []
    for y in [year] if year else [named.year - 1, named.year, named.year + 1]:
        try:
            written.append(pd.Timestamp(y, month, day))
        except ValueError:
            continue
    nearest = min(written, key=lambda d: abs(d - named), default=None)
    if nearest is None or abs(nearest - named) > pd.Timedelta(days=182):
        return pd.Period(named, "D")
    return pd.Period(nearest, "D")


def _year_edge(period: pd.Period, match: re.Match, now: pd.Timestamp, future: bool):
    """An edge of the year written without one: this year's; read as the future and over,
    next year's ("khởi công đầu năm" written in November; never "từ đầu năm", since); read
    as the past and not begun, last year's ("thông xe cuối năm" written in March); and the
    days or season of the year's end, read as the past in the forty days before Tết, the
    lunar year's end at hand ("những ngày cuối năm", "dịp cuối năm": the month written in)."""
    days_to_tet = min(((d - now).days for d in TET.values() if d >= now.normalize()), default=99)
    lunar = match.group(0).lower().startswith("dịp") or _DAYS_BEFORE.search(
        match.string, max(0, match.start() - 8), match.start()
    )
    if not future and lunar and period.quarter == 4 and days_to_tet <= 40:
        return pd.Period(now, "M")
    if future and period.end_time < now and not _SINCE.match(match.group(0)):
        return period + 4
    if not future and period.start_time > now:
        return period - 4
    return period


def _each_line(pattern: re.Pattern, text: str):
    """``pattern``'s matches in ``text``, line by line: a time never runs over a line ("khởi
    công cuối năm" ending a title, "Sau nhiều năm ..." opening its lead is not "năm sau"). A
    line's end is the end of the text to ``$``; what stands before a line is still seen by a
    look-behind, and the offsets are the text's."""
    start = 0
    for line in text.split("\n"):
        yield from pattern.finditer(text, start, start + len(line))
        start += len(line) + 1


def find_times(
    text: str,
    published: pd.Timestamp | None = None,
    future: bool = False,
    durations: bool = False,
) -> list[TimeExpression]:
    """Every time expression in ``text``, longest first where they overlap, in text order.

    ``published`` resolves relative and year-less expressions; ``future`` says the text
    speaks of something planned, so that a year-less date long past is read as next year's.
    ``durations`` adds how-long expressions ("hơn một năm", "2 tuần nữa"), of kind
    ``"duration"``. A bracket that restates the day before it ("Sáng 16-2 (tức 29 Tết)")
    gives no time of its own.
    """
    found = [
        TimeExpression(
            m.start(),
            m.end(),
            m.group(0),
            _resolve(kind, m, published, future),
            kind,
            bool(m.groupdict().get("y") or m.groupdict().get("ry")),
        )
        for kind, m in _written(text)
    ]
    if durations:  # only where no date, month, year ... is written: those come first
        taken = [(t.start, t.end) for t in found]
        for m in _each_line(DURATION, text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            period = _duration(m, published)
            # One that counts from publication is a date like any other ("2 tuần nữa").
            kind = "duration" if period is None else "relative"
            found.append(TimeExpression(m.start(), m.end(), m.group(0), period, kind))
        found.sort(key=lambda t: (t.start, t.end))
    return _restated(found, text)


# A bracket opened by "tức" (that is) right after a day restates it in other terms ("Sáng
# 16-2 (tức 29 Tết)", "(tức 21-7 âm lịch)"): no time of its own. After a span or a coarser
# time it says what that means ("sau 2 năm (tức năm 2027)", "mùng 1 Tết (tức 17-2)"): kept.
_RESTATING = re.compile(r"\s*\(\s*tức\b[^()\n]*\)", re.IGNORECASE)
ONE_DAY = ("day", "relative_day")  # the kinds of a time that names one day


def _restated(found: list[TimeExpression], text: str) -> list[TimeExpression]:
    """``found`` without the times of a bracket that restates the day before it."""
    brackets = [
        m.span()
        for t in found
        if t.kind in ONE_DAY and t.period is not None and (m := _RESTATING.match(text, t.end))
    ]
    if not brackets:
        return found
    return [t for t in found if not any(s < t.start < e for s, e in brackets)]


@lru_cache(maxsize=8)
def _written(text: str) -> tuple[tuple[str, re.Match], ...]:
    """The time expressions of ``text`` as (kind, match), longest first where they overlap,
    unresolved: a text is read as the future and as the past, and matched once."""
    from analysis.text import longest_first

    found = []
    for kind, pattern in PATTERNS:
        for match in _each_line(pattern, text):
            # a bare 4-digit number is a year only after a hedge ("đến 2030", "trước 2026")
            if (
                kind == "year"
                and not (match.group("half") or "năm" in match.group(0).lower())
                and not _HEDGED.match(match.group(0))
                and not _STAGE_BEFORE.search(text, max(0, match.start() - 16), match.start())
            ):
                continue
            if kind == "day" and _share_or_range(text, match):
                continue
            if kind == "relative" and _COUNTED.search(text, 0, match.start("unit")):
                continue  # "3 tháng tới" is a span of three months, not next month
            if kind == "year_edge" and _MONTHS_OF_YEAR.search(text, 0, match.start()):
                continue  # "6 tháng đầu năm": the year's first six months, not its opening
            found.append((kind, match))
    return tuple(longest_first(found, lambda f: (f[1].start(), f[1].end())))
