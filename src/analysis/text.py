"""Vietnamese text normalisation for analysis.

Published text is never overwritten: these functions derive new strings from it.

* :func:`fold` keeps the length of an NFC string, so offsets found in the folded text are
  offsets into the original: tone marks on one vowel (hoà → hòa, thuỷ → thủy, khoẻ → khỏe),
  every dash as ``-`` and every space as ``" "``. Mention finding runs on it.
* :func:`normalize` is what goes into ``text_norm``: NFC, HTML entities unescaped, zero-width
  characters dropped, folded, whitespace collapsed.
* :func:`analysis_tokens` lowercases, writes the abbreviations of the field one way
  (TP HCM / TPHCM / Thành phố Hồ Chí Minh → ``tp.hcm``) and splits into syllables; n-grams of
  syllables are what the topic model counts. Word segmentation with underthesea is the slow
  option (:func:`word_segment`, cached).

underthesea's ``text_normalize`` unifies tone marks too, but it also splits punctuation off
words, so offsets into the published text would be lost; hence the small table below.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import accumulate
from typing import TypeVar

import pandas as pd

T = TypeVar("T")


def _letters(predicate: Callable[[str], bool]) -> str:
    chars = [
        chr(c) for r in (range(0x41, 0x250), range(0x1E00, 0x1F00)) for c in r if predicate(chr(c))
    ]
    return "".join(chars)


# Latin letters with every Vietnamese diacritic, for character classes in regular expressions
# (``[A-Z]`` misses Đ, Ố, Ư ...).
UPPER = _letters(str.isupper)
LOWER = _letters(str.islower)

# Invisible characters that only break words apart: zero-width marks, the byte-order mark and
# the soft hyphen. The loader drops them from text as published; normalisation does too.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
ZERO_WIDTH_PATTERN = f"[{ZERO_WIDTH}]"

# Ho Chi Minh City, the one spelling rule: the abbreviation as names write it ("cao tốc TP HCM -
# Long Thành") and every way of writing the city. Case-sensitive; use (?i:...) on other text.
TP_HCM = r"TP\.? ?HCM"
TP_HCM_ANY = rf"{TP_HCM}|TP\.? Hồ Chí Minh|Thành phố Hồ Chí Minh"

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def _toned(base: str) -> dict[str, tuple[str, str]]:
    """Map each toned form of ``base`` letters to (base letter, combining tone)."""
    table = {}
    for letter in base:
        for tone in _TONES:
            table[unicodedata.normalize("NFC", letter + tone)] = (letter, tone)
    return table


_TONED_SECOND = _toned("aeyAEY")
# "oà", "oè", "uỳ" at the end of a syllable: the tone belongs on the first vowel in the
# spelling most Vietnamese outlets and dictionaries use (hòa, khỏe, thủy). "qu" + y keeps it
# on the y (quý): the u there is part of the consonant.
_NEW_STYLE = re.compile(
    "(?<![qQ])([oO])([{a}])(?![\\w])|(?<![qQ])([uU])([{y}])(?![\\w])".format(
        a="".join(c for c, (b, _) in _TONED_SECOND.items() if b in "aeAE"),
        y="".join(c for c, (b, _) in _TONED_SECOND.items() if b in "yY"),
    )
)


def _move_tone(match: re.Match) -> str:
    first = match.group(1) or match.group(3)
    second = match.group(2) or match.group(4)
    base, tone = _TONED_SECOND[second]
    return unicodedata.normalize("NFC", first + tone) + base


def unify_tone_marks(text: str) -> str:
    """hoà → hòa, thuỷ → thủy, Hoá → Hóa; same length for NFC input."""
    return _NEW_STYLE.sub(_move_tone, text)


_DASH_CHARS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACE_CHARS = "\u00a0\u2000-\u200a\u202f\u205f\u3000\t"
# A regex finds the rare characters to replace; str.translate with a table is slower when,
# as in most news text, there are none.
_DASH_OR_SPACE = re.compile(f"(?P<dash>[{_DASH_CHARS}])|[{_SPACE_CHARS}]")


# What :func:`fold` may rewrite, as it appears in lower-cased text: a dash or space written
# another way, or a pair "o" + toned a/e, "u" + toned y (moved only at a syllable's end and
# not after "q"). Text holding none of these folds to itself.
FOLD_TRIGGERS: tuple[str, ...] = (
    *_DASH_CHARS,
    *"\u00a0\u202f\u205f\u3000\t",
    *map(chr, range(0x2000, 0x200B)),
    *(f"o{c}" for c, (base, _) in _TONED_SECOND.items() if base in "ae"),
    *(f"u{c}" for c, (base, _) in _TONED_SECOND.items() if base == "y"),
)


def _one_dash_or_space(match: re.Match) -> str:
    return "-" if match.group("dash") else " "


def fold(text: str) -> str:
    """Tone marks, dashes and spaces written one way; same length as ``text`` when NFC."""
    return unify_tone_marks(_DASH_OR_SPACE.sub(_one_dash_or_space, text))


def lower_same_length(text: str) -> str:
    """``text`` lower-cased, keeping its length so that offsets stay valid: the rare letter
    whose lower case is longer ("İ") is left as it is."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered


_ZERO_WIDTH = re.compile(ZERO_WIDTH_PATTERN)
_SPACES = re.compile(r"[ ]{2,}")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def normalize(text: str) -> str:
    """NFC, entities unescaped, zero-width dropped, folded, runs of spaces collapsed."""
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", _ZERO_WIDTH.sub("", text))
    return _BLANK_LINES.sub("\n", _SPACES.sub(" ", fold(text))).strip()


# Abbreviations of the field, each with the one spelling analysis uses. The keys are
# regular expressions over lower-cased, folded text.
ABBREVIATIONS: dict[str, str] = {
    TP_HCM_ANY.lower(): "tp.hcm",
    r"tp\.? ?hn": "hà nội",
    r"ql": "quốc lộ",
    r"đt": "đường tỉnh",
    r"tl": "tỉnh lộ",
    r"gtvt": "giao thông vận tải",
    r"gpmb": "giải phóng mặt bằng",
    r"ubnd": "ủy ban nhân dân",
    r"hđnd": "hội đồng nhân dân",
    r"kcn": "khu công nghiệp",
    r"hkqt": "hàng không quốc tế",
    r"chk": "cảng hàng không",
    r"bot": "bot",
    r"vnđ|vnd|đ": "đồng",
}
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:" + "|".join(f"(?P<a{i}>{k})" for i, k in enumerate(ABBREVIATIONS)) + r")"
    r"(?=\s?\d|(?![\w]))"
)
_ABBREVIATION_VALUES = list(ABBREVIATIONS.values())


def expand_abbreviations(text: str) -> str:
    """Lower-case ``text`` and write each known abbreviation one way (QL31 → quốc lộ 31)."""

    def one(match: re.Match) -> str:
        index = int(match.lastgroup[1:])
        value = _ABBREVIATION_VALUES[index]
        rest = match.string[match.end() : match.end() + 1]
        return value + " " if rest.isdigit() else value

    return _ABBREVIATION.sub(one, text.lower())


_TOKEN = re.compile(r"tp\.hcm|\d+(?:[.,]\d+)*[a-z]?|[^\W\d_]+", re.UNICODE)


def analysis_tokens(text: str) -> list[str]:
    """Syllables of ``text`` for counting: normalised, lower-cased, abbreviations expanded."""
    return _TOKEN.findall(expand_abbreviations(normalize(text)))


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“]?[" + UPPER + r"0-9])|\n")


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``."""
    left = 0
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.end() > start:
            break
        left = boundary.end()
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    return text[left:right].strip()


def longest_first(items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> list[T]:
    """Overlapping matches resolved the one way the project knows: the longest wins.

    Items are taken longest first (then leftmost); one that overlaps an item already taken
    is dropped. The kept items come back in text order. "cao tốc Nội Bài - Lào Cai" holds no
    airport; "Thái Bình Dương" is not Thái Bình; "xuất khẩu lao động" is not "xuất khẩu".
    """
    ordered = sorted(items, key=lambda item: (span(item)[0] - span(item)[1], span(item)[0]))
    kept: list[T] = []
    taken: list[tuple[int, int]] = []
    for item in ordered:
        start, end = span(item)
        if any(start < e and s < end for s, e in taken):
            continue
        kept.append(item)
        taken.append((start, end))
    return sorted(kept, key=lambda item: span(item)[0])


def composed_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` in NFC, and where each of its characters (and its end) falls in ``text``:
    what is found in the composed text maps back to the text as given, cluster by cluster."""
    clusters = _cluster_pattern().findall(text)
    starts = list(accumulate(map(len, clusters), initial=0))
    composed = unicodedata.normalize("NFC", text)
    if len(composed) == len(clusters):  # every cluster composed to one character
        return composed, starts
    # Some cluster composed to several (or across clusters): cluster by cluster, each one
    # character too (some are not NFC on their own: U+2000, U+2126).
    parts = [unicodedata.normalize("NFC", c) for c in clusters]
    offsets = [s for s, nfc in zip(starts[:-1], parts, strict=True) for _ in nfc]
    offsets.append(starts[-1])
    return "".join(parts), offsets


def as_given(text: str, composed: str, offsets: list[int], part: str | None) -> str | None:
    """``part`` of ``composed`` (its first occurrence) as ``text`` writes it, for offsets
    from :func:`composed_with_offsets`; None stays None."""
    at = composed.find(part) if part else -1
    return part if at < 0 else text[offsets[at] : offsets[at + len(part)]]


@lru_cache(maxsize=1)
def _cluster_pattern() -> re.Pattern:
    """A character and the combining marks after it (built once, on the first NFD text)."""
    marks = [c for c in range(0x110000) if unicodedata.combining(chr(c))]
    ranges, first = [], marks[0]
    for previous, current in zip(marks, [*marks[1:], -1], strict=True):
        if current != previous + 1:  # a run of marks ends at previous
            ranges.append(f"{re.escape(chr(first))}-{re.escape(chr(previous))}")
            first = current
    return re.compile(f"(?s).[{''.join(ranges)}]*")


@lru_cache(maxsize=65536)
def word_segment(text: str) -> tuple[str, ...]:
    """Words (multi-syllable units joined by ``_``) by underthesea's bundled model; cached."""
    from underthesea import word_tokenize  # slow import, and optional at run time

    return tuple(w.replace(" ", "_") for w in word_tokenize(normalize(text)))


def article_text(articles: pd.DataFrame) -> pd.Series:
    """Title, lead and body of each article joined by newlines (missing parts left out)."""
    parts = [articles[c].fillna("") for c in ("title", "lead", "body") if c in articles]
    joined = parts[0].str.cat(parts[1:], sep="\n") if len(parts) > 1 else parts[0]
    return joined.str.replace(r"\n{2,}", "\n", regex=True).str.strip("\n")


def add_text_norm(articles: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``articles`` with ``text_norm``: title, lead and body normalised."""
    out = articles.copy()
    out["text_norm"] = pd.Series(
        [normalize(t) for t in article_text(articles)], index=articles.index, dtype="string"
    )
    return out
