"""The word lists of mention finding, read from ``data/mention_lexicon.csv``.

Each row is ``list, kind, word``: which list the word is on, for which kind of facility (empty:
every kind), and the word as the news writes it. A new homonym, country or kind word is one
row in that file, not a change to the code. The lists:

``kind_word``            a word that introduces a facility of that kind ("cao tốc", "QL",
                         "cảng": airport and seaport); tried in file order
``abbreviation_upper_only`` kind words that count only in capitals (QL, ĐT, CHK)
``not_in_names``         capitalised words that start a sentence or caption, not a name
``refused_before``       a word before the kind word that makes it something else ("nhu cầu",
                         "tàu sân bay", "chân ga")
``place_word``           a word before a name that makes it a place or company ("quận",
                         "công ty")
``refused_name``         names that only share a kind word ("cầu Giấy", "hồ Gươm")
``country``              countries: "sân bay Thổ Nhĩ Kỳ" names no particular facility
``country_short``        short country names that join routes abroad ("đường sắt Việt - Nga")
``gazetteer_only``       kind words whose bare names count only when the gazetteer knows them
``not_a_listed_name``    a first or last word that makes a name listed after a bridge an
                         organisation or a place ("Sở Xây dựng", "Km 12", "Sun Group"; the
                         place words count too)
``surname``              common surnames: an unknown listed name of three syllables or more
                         that starts with one is a street named after a person ("Trần Cao Vân")
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd

LEXICON_FILE = "data/mention_lexicon.csv"


@cache
def _table() -> pd.DataFrame:
    with resources.files("analysis").joinpath(LEXICON_FILE).open(encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False)


@cache
def words(name: str, kind: str | None = None) -> frozenset[str]:
    """The words of list ``name``: for ``kind`` only when given, else all of them."""
    table = _table()
    rows = table[table["list"] == name]
    if kind is not None:
        rows = rows[rows["kind"] == kind]
    return frozenset(rows["word"])


@cache
def by_kind(name: str) -> dict[str, frozenset[str]]:
    """The words of list ``name`` grouped by kind."""
    table = _table()
    rows = table[table["list"] == name]
    return {kind: frozenset(part["word"]) for kind, part in rows.groupby("kind", sort=False)}


@cache
def kind_words() -> dict[str, tuple[str, ...]]:
    """Each kind word and the kinds it may introduce, in file order ("cảng": airport first)."""
    table = _table()
    rows = table[table["list"] == "kind_word"]
    out: dict[str, tuple[str, ...]] = {}
    for word, kind in zip(rows["word"], rows["kind"], strict=True):
        out[word] = (*out.get(word, ()), kind)
    return out


@cache
def ordered(name: str) -> tuple[str, ...]:
    """The words of list ``name`` in file order."""
    table = _table()
    return tuple(table.loc[table["list"] == name, "word"])
