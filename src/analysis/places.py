"""Provinces and amounts of money in Vietnamese news text.

* :func:`find_places`: the 63 provinces and centrally-run cities as they were before the 2025
  merger (and their other spellings: TP HCM, Sài Gòn, Thừa Thiên - Huế, Đăk Lăk ...), each
  with the one of the 34 current provinces it is part of: "Bắc Giang" is ``Bắc Giang`` then
  and ``Bắc Ninh`` now. Both are kept, so old and new articles can be compared.
* :func:`find_amounts`: money and percentages normalised to numbers: "1.500 tỷ đồng" is
  1.5e12 VND, "7,4 tỷ USD" 7.4e9 USD, "hơn 22%" 22 % with the qualifier "hơn". Vietnamese
  writes "." between thousands and "," before decimals; "7.4 tỷ" (one or two digits after
  the dot) is read as a decimal, as some outlets write it. A range ("10-15 tỷ đồng") gives
  its lower bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick
import pandas as pd

from analysis import gazetteer
from analysis.schemas import AMOUNTS, PLACES, conform
from analysis.text import LOWER, UPPER, fold, longest_first, sentence_at


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    text: str
    province_former: str
    province: str


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: str | None


@cache
def _place_automaton() -> ahocorasick.Automaton:
    """Every province name and spelling, folded; built once per process."""
    automaton = ahocorasick.Automaton()
    for row in gazetteer.provinces().itertuples(index=False):
        names = [row.former] + [a for a in row.aliases.split("|") if a]
        for name in names:
            key = fold(name)
            automaton.add_word(key, (len(key), row.former, row.current))
    automaton.make_automaton()
    return automaton


_TITLE_WORD = re.compile(rf"[{UPPER}][{LOWER}]+$")
_NEXT_TITLE_WORD = re.compile(rf" [{UPPER}][{LOWER}]")
_WORD_CHAR = re.compile(r"\w")


def find_places(text: str) -> list[Place]:
    """Province names in ``text`` (longest match, whole words), with their current province."""
    if not text:
        return []
    folded = fold(text)
    hits = []
    for last, (length, former, current) in _place_automaton().iter(folded):
        start, end = last + 1 - length, last + 1
        if (start and _WORD_CHAR.match(folded[start - 1])) or (
            end < len(folded) and _WORD_CHAR.match(folded[end])
        ):
            continue
        words = folded[max(0, start - 20) : start].split()
        if words and _TITLE_WORD.match(words[-1]) and words[-1] not in ("Tỉnh", "Thành", "TP"):
            continue  # part of a longer name: "Tân Long An"
        if _NEXT_TITLE_WORD.match(folded, end) and former != "TP.HCM":
            continue  # "Thái Bình Dương" is the Pacific, not Thái Bình
        hits.append(Place(start, end, text[start:end], former, current))
    return longest_first(hits, lambda p: (p.start, p.end))


_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
_MULTIPLIERS = {
    "nghìn tỷ": 1e12,
    "ngàn tỷ": 1e12,
    "nghìn tỉ": 1e12,
    "ngàn tỉ": 1e12,
    "tỷ": 1e9,
    "tỉ": 1e9,
    "triệu": 1e6,
    "nghìn": 1e3,
    "ngàn": 1e3,
}
_CURRENCIES = {
    "đồng": "VND",
    "vnd": "VND",
    "vnđ": "VND",
    "usd": "USD",
    "đô la mỹ": "USD",
    "đô la": "USD",
    "đô": "USD",
    "eur": "EUR",
    "euro": "EUR",
    "yên": "JPY",
    "nhân dân tệ": "CNY",
    "ndt": "CNY",
    "bảng anh": "GBP",
    "won": "KRW",
}
_QUALIFIERS = (
    "gần như|xấp xỉ|ít nhất|tối đa|tối thiểu|khoảng|chừng|hơn|gần|trên|dưới|tới|đến|hàng|"
    "lên tới|lên đến"
)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_AMOUNT = re.compile(
    rf"(?:(?P<qualifier>(?i:{_QUALIFIERS})) )?"
    rf"(?P<number>{_NUMBER})(?:\s?-\s?(?:{_NUMBER}))?"
    rf"(?:(?P<percent>\s?%| phần trăm)"
    rf"|\s?(?P<multiplier>(?i:{_alternation(_MULTIPLIERS)}))?"
    rf"(?:\s?(?P<currency>(?i:{_alternation(_CURRENCIES)}))(?!\w)"
    rf"|(?<=tỷ)(?=[\s]*[,.;:)]|\s*$)|(?<=tỉ)(?=[\s]*[,.;:)]|\s*$)))"
)


def _to_float(number: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", number):
        return float(number.replace(".", "").replace(",", "."))
    return float(number.replace(",", "."))


def find_amounts(text: str) -> list[Amount]:
    """Money and percentages in ``text``, normalised to numbers."""
    if not text:
        return []
    out = []
    for match in _AMOUNT.finditer(text):
        start = match.start()
        if start and _WORD_CHAR.match(text[start - 1]) and not match.group("qualifier"):
            continue
        value = _to_float(match.group("number"))
        qualifier = match.group("qualifier")
        if match.group("percent"):
            out.append(Amount(start, match.end(), match.group(0), value, "%", qualifier))
            continue
        multiplier = match.group("multiplier")
        currency = match.group("currency")
        if multiplier:
            value *= _MULTIPLIERS[multiplier.lower()]
        unit = _CURRENCIES[currency.lower()] if currency else "VND"
        out.append(Amount(start, match.end(), match.group(0), value, unit, qualifier))
    return out


def _extract(articles: pd.DataFrame, finder, make_row) -> list[tuple]:
    rows = []
    for field in ("title", "lead", "body"):
        if field not in articles:
            continue
        for article_id, text in zip(articles["article_id"], articles[field], strict=True):
            if isinstance(text, str) and text:
                rows.extend(make_row(article_id, field, text, item) for item in finder(text))
    return rows


def extract_places(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per province mention in the title, lead and body of each article."""
    rows = _extract(
        articles,
        find_places,
        lambda a, f, _t, p: (a, f, p.start, p.end, p.text, p.province_former, p.province),
    )
    frame = pd.DataFrame(rows, columns=PLACES.columns)
    return PLACES.validate(conform(frame, PLACES))


def extract_amounts(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per amount of money or percentage, with the sentence it is in."""
    rows = _extract(
        articles,
        find_amounts,
        lambda a, f, t, m: (
            a,
            f,
            m.start,
            m.end,
            m.text,
            m.value,
            m.unit,
            m.qualifier,
            sentence_at(t, m.start, m.end),
        ),
    )
    frame = pd.DataFrame(rows, columns=AMOUNTS.columns)
    return AMOUNTS.validate(conform(frame, AMOUNTS))


def outside_spans(places: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """The places (rows of :func:`extract_places`) not inside one of ``spans`` (rows with
    ``article_id``, ``field``, ``start``, ``end``, such as the mentions): the TP.HCM of "Cao
    tốc TP.HCM - Long Thành" or "Vành đai 3 TP.HCM" is the project's name, not a mention of
    the province beside it."""
    keys = ["article_id", "field"]
    numbered = places.reset_index(drop=True).rename_axis("place").reset_index()
    paired = numbered.merge(spans[[*keys, "start", "end"]], on=keys, suffixes=("", "_span"))
    inside = paired[(paired["start"] < paired["end_span"]) & (paired["start_span"] < paired["end"])]
    kept = ~numbered["place"].isin(inside["place"])
    return numbered[kept].drop(columns="place").reset_index(drop=True)
