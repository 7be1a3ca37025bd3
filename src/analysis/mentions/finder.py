"""Finding mentions in one text: kind word + name, names listed after one, names alone.

What counts is defined in ``../shared/gold/MENTIONS.md``. The finder works on the folded text
(:func:`analysis.text.fold`: same length, tone marks and dashes written one way), so its
offsets are offsets into the text it was given. Three sources of candidates:

1. *Kind word + name*: a kind word ("cao tốc", "quốc lộ"/"QL", "cầu", "ga", "sân bay",
   "cảng", "cửa khẩu", "hồ chứa" ...), optional descriptors ("quốc tế", "liên vận", "đường
   bộ") and a proper name (:mod:`analysis.mentions.patterns`). Names joined by "," / "và"
   after a plural ("hai hồ thủy lợi Sông Quao, Lòng Sông") or known to the gazetteer ("sân
   bay Đà Nẵng, Cát Bi") are one mention each.
2. *Name only*: gazetteer names that mean the facility on their own ("Tân Sơn Nhất"), or do
   so when the text names that facility with its kind word too ("Long Thành").
3. Overlaps: the longest candidate wins, so "cao tốc Nội Bài - Lào Cai" holds no airport.

Homonyms are refused by the shape of the text around the kind word: a kind word followed
by a lower-case word is not a name ("cầu thủ", "nhu cầu", "chân ga"); a capitalised kind
word inside a proper name ("Tân Cảng", "quận Cầu Giấy", "Cục Đường sắt") is not a kind
word; a preceding word that makes it something else ("tàu sân bay", "huyện Long Thành",
"Tổng công ty Cảng hàng không") refuses it. The word lists are data
(:mod:`analysis.mentions.lexicon`); which facility a mention names is
:mod:`analysis.mentions.resolve`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import ahocorasick

from analysis import gazetteer
from analysis.gazetteer import canonical
from analysis.mentions import lexicon, patterns, resolve
from analysis.text import fold, longest_first


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str
    entity_id: str
    entity_name: str


KINDS = (
    "expressway",
    "national_road",
    "provincial_road",
    "ring_road",
    "bridge",
    "tunnel",
    "railway",
    "metro",
    "station",
    "airport",
    "seaport",
    "border_gate",
    "reservoir",
    "bid_package",
)
# Kind words that also occur inside place and company names (Tân Cảng, Cầu Giấy, Hồ Tây).
_PART_OF_NAMES = {"bridge", "seaport", "station", "tunnel", "reservoir", "border_gate"}


def _previous_word(folded: str, start: int) -> str:
    head = folded[max(0, start - 30) : start].rstrip()
    match = re.search(r"(\S+)$", head)
    return match.group(1).lower() if match else ""


def _kind_word_ok(folded: str, start: int, kind: str) -> bool:
    before = folded[:start]
    words = before[-40:].split()
    previous_raw = words[-1] if words else ""
    previous = previous_raw.lower().strip(".,;:()")
    if previous in lexicon.words("refused_before", kind):
        return False
    capitalised = (
        kind in _PART_OF_NAMES
        and folded[start].isupper()
        and not folded[start : start + 3].isupper()
    )
    # A capitalised kind word mid-sentence belongs to a proper name: "Tân Cảng",
    # "quận Cầu Giấy", "phường Cầu Kiệu".
    if (
        capitalised
        and not patterns.SENTENCE_START.search(before[-3:])
        and (patterns.TITLE_WORD.match(previous_raw) or previous in lexicon.words("place_word"))
    ):
        return False
    return not patterns.COMPANY.search(before[-60:])


class _Finder:
    def __init__(self, folded: str):
        self.folded = folded
        self.found: list[Mention] = []

    def add(self, start: int, end: int, kind: str, entity_id: str, name: str | None = None):
        self.found.append(Mention(start, end, "", kind, entity_id, name or entity_id))


def _known_name(kind: str, name: str) -> bool:
    return canonical(name) in gazetteer.by_alias(kind)


def _kind_mentions(finder: _Finder) -> None:
    folded = finder.folded
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a letter whose lower case is longer (rare): keep offsets
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    compiled = patterns.kind_patterns()
    kinds_of = lexicon.kind_words()
    upper_only = lexicon.words("abbreviation_upper_only")
    for trigger in patterns.trigger().finditer(lowered):
        word = trigger.group(0)
        if word in upper_only and not folded[trigger.start()].isupper():
            continue
        for kind in kinds_of.get(word, ()):
            match = compiled[kind].match(folded, trigger.start())
            if match is None:
                continue
            real_kind = "national_road" if kind == "national_road_hcm" else kind
            if not _kind_word_ok(folded, trigger.start(), real_kind):
                continue
            name = match.group("name").strip(" -")
            kw = match.group("kw")
            if real_kind == "railway" and (metro := resolve.metro_route(name)) is not None:
                real_kind, entity = "metro", metro  # "đường sắt Nhổn - ga Hà Nội"
            elif real_kind == "station" and re.match(r"T\d\b", name):
                real_kind = "airport"  # "nhà ga T3 Tân Sơn Nhất": an airport terminal
                entity = (canonical(f"{kw} {name}"),) * 2
            else:
                entity = resolve.resolve(kind, kw, name, match, folded)
            if entity is None:
                continue
            finder.add(trigger.start(), match.end(), real_kind, *entity)
            _coordinated(finder, real_kind, kw, match)
            break


def _coordinated(finder: _Finder, kind: str, kw: str, match: re.Match) -> None:
    """Names listed after a mention: "QL31, QL279", "sân bay Đà Nẵng, Cát Bi"."""
    folded = finder.folded
    end = match.end()
    if kind in resolve.ROAD_LABELS:
        while (more := patterns.NUMBER_LIST.match(folded, end)) is not None:
            rest = folded[more.end() : more.end() + 12]
            if re.match(r" (?!và|hoặc|qua|đi|đoạn|nối|thuộc|ở|tại|và)[a-zđà-ỹ]", rest):
                break  # "quốc lộ 14, 3 người": a count, not a road
            finder.add(more.start(1), more.end(), kind, resolve.road(kind, more.group(1))[0])
            end = more.end()
        return
    if kind == "bid_package":
        while (more := patterns.BID_LIST.match(folded, end)) is not None:
            finder.add(more.start(1), more.end(), kind, resolve.bid_package(more.group(1))[0])
            end = more.end()
        return
    plural = bool(patterns.PLURAL.search(folded[max(0, match.start() - 20) : match.start()]))
    pattern = re.compile(
        patterns.route() if kind in ("expressway", "railway", "metro") else patterns.name()
    )
    while (sep := patterns.COORDINATION.match(folded, end)) is not None:
        if "-" in sep.group(0) and kind != "airport":
            break
        named = pattern.match(folded, sep.end())
        if named is None:
            break
        name = named.group(0).strip(" -")
        if kind in ("expressway", "railway") and " - " not in canonical(name):
            break
        if not (plural or _known_name(kind, name)):
            break
        entity = resolve.resolve(kind, kw, name, named, folded)
        if entity is None:
            break
        finder.add(named.start(), named.start() + len(name), kind, *entity)
        end = named.start() + len(name)


@cache
def _name_automaton() -> ahocorasick.Automaton:
    """Gazetteer names that mean the facility on their own; built once per process."""
    automaton = ahocorasick.Automaton()
    for facility in gazetteer.facilities():
        if facility.name_only in ("yes", "context"):
            for alias in facility.aliases:
                automaton.add_word(fold(alias), (len(alias), facility))
    automaton.make_automaton()
    return automaton


def _name_mentions(finder: _Finder) -> None:
    folded = finder.folded
    explicit = {m.entity_id for m in finder.found}
    word_char = patterns.WORD_CHAR
    for last, (length, facility) in _name_automaton().iter(folded):
        start, end = last + 1 - length, last + 1
        if (start and word_char.match(folded[start - 1])) or (
            end < len(folded) and word_char.match(folded[end])
        ):
            continue
        before = folded[max(0, start - 3) : start]
        after = folded[end : end + 3]
        if "-" in before or "-" in after:
            continue  # "Nội Bài - Lào Cai", "Tân Sơn Nhất - Bình Lợi": a route's endpoint
        if _previous_word(folded, start) in lexicon.words("place_word"):
            continue
        if patterns.KIND_WORD_BEFORE.search(folded[max(0, start - 30) : start]):
            continue  # its kind word was there and was refused (an organisation's name)
        if patterns.COMPANY.search(folded[max(0, start - 40) : start]):
            continue
        if facility.name_only == "context":
            sentence_start = max(folded.rfind(".", 0, start), folded.rfind("\n", 0, start)) + 1
            sentence_end = len(folded)
            for stop in (".", "\n"):
                found = folded.find(stop, end)
                if found != -1:
                    sentence_end = min(sentence_end, found)
            in_context = patterns.AIRPORT_CONTEXT.search(folded[sentence_start:sentence_end])
            if facility.entity_id not in explicit and not in_context:
                continue
        finder.add(start, end, facility.kind, facility.entity_id, facility.name)


def find_mentions(text: str) -> list[Mention]:
    """Every infrastructure-project mention in ``text``, in order; offsets index ``text``."""
    if not text:
        return []
    if not unicodedata.is_normalized("NFC", text):
        return _find_in_nfd(text)
    finder = _Finder(fold(text))
    _kind_mentions(finder)
    _name_mentions(finder)
    return [
        Mention(m.start, m.end, text[m.start : m.end], m.kind, m.entity_id, m.entity_name)
        for m in longest_first(finder.found, lambda m: (m.start, m.end))
    ]


def _find_in_nfd(text: str) -> list[Mention]:
    """Find in the NFC form, then map offsets back to ``text`` cluster by cluster."""
    offsets, nfc_parts, position = [], [], 0
    for cluster in _clusters(text):
        composed = unicodedata.normalize("NFC", cluster)
        offsets.extend([position] * len(composed))
        nfc_parts.append(composed)
        position += len(cluster)
    offsets.append(position)
    out = []
    for m in find_mentions("".join(nfc_parts)):
        start, end = offsets[m.start], offsets[m.end]
        out.append(Mention(start, end, text[start:end], m.kind, m.entity_id, m.entity_name))
    return out


def _clusters(text: str) -> list[str]:
    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters
