"""Finding mentions in one text: kind word + name, names listed after one, names alone.

What counts is defined in ``../shared/gold/MENTIONS.md``. The finder works on the folded text
(:func:`analysis.text.fold`: same length, tone marks and dashes written one way), so its
offsets are offsets into the text it was given. Three sources of candidates:

1. *Kind word + name*: a kind word ("cao tốc", "quốc lộ"/"QL", "cầu", "ga", "sân bay",
   "cảng", "cửa khẩu", "hồ chứa" ...), optional descriptors ("quốc tế", "liên vận", "đường
   bộ") and a proper name (:mod:`analysis.mentions.patterns`). Names joined by "," / "và"
   after a plural ("hai hồ thủy lợi Sông Quao, Lòng Sông") or known to the gazetteer ("sân
   bay Đà Nẵng, Cát Bi") are one mention each, and so are routes, terminals and bridges
   that the gazetteer does not know ("cầu Cát Lái và Long Hưng": :func:`_listed_bridge`).
   Sections go on after "gồm" ("cao tốc Bắc - Nam gồm A - B, C - D"), routes after "cùng
   với"; a section is named alone after "dự án thành phần", "dự án đoạn", "đoạn cuối", a
   known line after "tuyến", "dự án" ("tuyến Cát Linh - Hà Đông"; :func:`_sections`).
2. *Name only*: gazetteer names that mean the facility on their own ("Tân Sơn Nhất"), or do
   so when the text names that facility with its kind word too ("Long Thành").
3. Overlaps: the longest candidate wins, so "cao tốc Nội Bài - Lào Cai" holds no airport.

Homonyms are refused by the shape of the text around the kind word: a kind word followed
by a lower-case word is not a name ("cầu thủ", "nhu cầu", "chân ga"); a capitalised kind
word inside a proper name ("Tân Cảng", "quận Cầu Giấy", "Cục Đường sắt") is not a kind
word; a preceding word that makes it something else ("tàu sân bay", "huyện Long Thành",
"Tổng công ty Cảng hàng không") refuses it. The word lists are data
(:mod:`analysis.mentions.lexicon`); which facility a mention names is :mod:`.resolve`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

import ahocorasick

from analysis import gazetteer
from analysis.gazetteer import canonical
from analysis.mentions import lexicon, patterns, resolve
from analysis.text import (
    FOLD_TRIGGERS,
    composed_with_offsets,
    fold,
    longest_first,
    lower_same_length,
    sentence_at,
)


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
_ADDRESS_ABBREVIATIONS = {"P.", "Q.", "X.", "H.", "TX.", "TT."}  # ward: "P.Cầu Kiệu"


def _previous_word(folded: str, start: int) -> str:
    head = folded[max(0, start - 30) : start].rstrip()
    match = re.search(r"(\S+)$", head)
    return match.group(1).lower() if match else ""


def _kind_word_ok(folded: str, start: int, kind: str) -> bool:
    before = folded[:start]
    words = before[-40:].split()
    previous_raw = words[-1] if words else ""
    previous = previous_raw.lower().strip(".,;:()")
    # A word that ends a sentence or clause makes no compound with the kind word ("giờ cao
    # điểm. Cầu Nhị Thiên Đường 2", "Vũng Tàu, sân bay Long Thành": no "điểm cầu", "tàu sân
    # bay").
    ended = previous_raw.endswith((".", ",", ";", ":", ")"))
    if (  # an address written close or after a comma, not an initial: "Văn H. Cầu Rồng"
        previous_raw in _ADDRESS_ABBREVIATIONS
        and kind in _PART_OF_NAMES
        and (folded[start - 1] == "." or (len(words) > 1 and words[-2].endswith(",")))
    ):
        return False
    if not ended and previous in lexicon.words("refused_before", kind):
        return False
    # A capitalised kind word mid-sentence belongs to a proper name: "Tân Cảng",
    # "quận Cầu Giấy", "phường Cầu Kiệu".
    if (
        kind in _PART_OF_NAMES
        and _capitalised_inside_sentence(folded, start)
        and (patterns.TITLE_WORD.match(previous_raw) or previous in lexicon.words("place_word"))
    ):
        return False
    return not patterns.COMPANY.search(before[-60:])


class _Finder:
    def __init__(self, folded: str, lowered: str, hits: list[tuple[int, tuple]]):
        self.folded = folded
        self.lowered = lowered
        self.hits = hits
        self.found: list[Mention] = []

    def add(self, start: int, end: int, kind: str, entity_id: str, name: str | None = None):
        self.found.append(Mention(start, end, "", kind, entity_id, name or entity_id))


def _after_aside(folded: str, end: int) -> int:
    """Where a list goes on after an aside in brackets: "cao tốc Vũng Áng - Bùng (dài hơn 55
    km) và Vạn Ninh - Cam Lộ"."""
    aside = patterns.ASIDE.match(folded, end)
    return aside.end() if aside else end


def _listed_bridge(name: str, separator: str, folded: str, end: int) -> bool:
    """An unknown name listed after a bridge that is one too: after "và" ("cầu Gianh và Quán
    Hàu"), or after a comma when it ends in a number ("cầu Cần Giờ, Phú Mỹ 2") or the list ends
    in "và" with a name that could be a bridge each time ("cầu Nhơn Trạch, Cát Lái và Phú Mỹ
    2"; not "cầu Rạch Miễu, Mỹ Tho và Bến Tre", nor the address "cầu Rồng, Sơn Trà, Đà Nẵng").
    ``end``: where the name ends in ``folded``."""
    if not _could_be_a_bridge(name):
        return False
    if "," not in separator or name.split()[-1].isdecimal():
        return True
    rest = _rest_of_list(folded, end)
    return bool(rest) and all(_could_be_a_bridge(n) for n in rest)


def _could_be_a_bridge(name: str) -> bool:
    """Two syllables or more, and not a province ("Đồng Nai"), a place or an organisation
    ("Sở Xây dựng", "Km 12", "Sun Group"), a street named after a person ("Trần Cao Vân") or an
    abbreviation ("CSGT Đà Nẵng")."""
    words = name.split()
    refused = lexicon.words("not_a_listed_name") | lexicon.words("place_word")
    syllables = [w for w in words if not w.isdecimal()]
    return (
        len(words) > 1
        and not words[0].isupper()
        and words[0].lower() not in refused
        and words[-1].lower() not in refused
        and not (len(syllables) > 2 and words[0].lower() in lexicon.words("surname"))
        and canonical(name) not in gazetteer.province_names()
    )


def _rest_of_list(folded: str, end: int, most: int = 12) -> list[str]:
    """The names a list goes on with after ``end`` when it ends in "và" and a name (", Cát Lái
    và Phú Mỹ 2"); none when it does not, or runs longer than ``most`` names."""
    names = []
    for _ in range(most):
        item = patterns.list_item().match(folded, end)
        if item is None:
            return []
        names.append(item.group("name").strip(" -"))
        if "và" in item.group("separator"):
            return names
        end = item.end()
    return []


def _capitalised_inside_sentence(folded: str, start: int) -> bool:
    """A kind word written with a capital inside a sentence ("quận Cầu Giấy", "khu vực Cầu
    London"), not at its start nor as an abbreviation ("CHK")."""
    return (
        folded[start].isupper()
        and not folded[start : start + 3].isupper()
        and not patterns.SENTENCE_START.search(folded[max(0, start - 3) : start])
    )


def _terminal(found: re.Match, match: re.Match, folded: str) -> resolve.Entity:
    """An airport's terminal ("T3 Tân Sơn Nhất"), with the airport named after it if any."""
    number, airport = found.groups()
    entity = resolve.resolve("airport", "sân bay", airport, match, folded) if airport else None
    return resolve.terminal(number, entity[0] if entity else None)


def _with_their_airports(found: list[Mention], text: str) -> list[Mention]:
    """A terminal named with no airport is the airport's named right after it ("nhà ga T4 của
    sân bay Tân Sơn Nhất", "nhà ga hành khách T3 - Cảng HKQT Tân Sơn Nhất"), else the last
    one named before it ("sân bay Nội Bài, gồm nhà ga T1 và T2"), else the first after; with
    none named, it stays "nhà ga t2"."""
    airports = [m for m in found if m.kind == "airport" and not resolve.is_terminal(m.entity_id)]
    if not airports:
        return found
    out = []
    for m in found:
        if m.kind == "airport" and (number := resolve.bare_terminal(m.entity_id)):
            after = [a for a in airports if a.start >= m.end]
            before = [a for a in airports if a.end <= m.start]
            if after and patterns.TERMINAL_OF.fullmatch(text, m.end, after[0].start):
                airport = after[0]
            else:
                airport = before[-1] if before else after[0]
            entity_id, name = resolve.terminal(number, airport.entity_id)
            m = replace(m, entity_id=entity_id, entity_name=name)
        out.append(m)
    return out


def _triggers(finder: _Finder) -> list[tuple[int, str]]:
    """Where a kind word starts, as a regular expression's left-to-right scan would find
    them: at a word's start, not followed by a letter, the longest first, none overlapping."""
    lowered = finder.lowered
    size = len(lowered)
    found = []
    for last, (length, is_kind, _, _) in finder.hits:
        if not is_kind:
            continue
        start, end = last + 1 - length, last + 1
        if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
            continue
        if end < size and lowered[end].isalnum() and not lowered[end].isdecimal():
            continue
        found.append((start, -length))
    found.sort()
    triggers, reached = [], 0
    for start, minus_length in found:
        if start >= reached:
            reached = start - minus_length
            triggers.append((start, lowered[start:reached]))
    return triggers


def _kind_mentions(finder: _Finder) -> None:
    folded = finder.folded
    compiled = patterns.kind_patterns()
    kinds_of = lexicon.kind_words()
    upper_only = lexicon.words("abbreviation_upper_only")
    for start, word in _triggers(finder):
        if word in upper_only and not folded[start].isupper():
            continue
        for kind in kinds_of.get(word, ()):
            match = compiled[kind].match(folded, start)
            if match is None:
                continue
            real_kind = "national_road" if kind.startswith("national_road") else kind
            if not _kind_word_ok(folded, start, real_kind):
                continue
            name = match.group("name").strip(" -")
            kw = match.group("kw")
            if real_kind == "railway" and (metro := resolve.metro_route(name)) is not None:
                real_kind, entity = "metro", metro  # "đường sắt Nhổn - ga Hà Nội"
            elif real_kind in ("station", "airport") and (
                terminal := patterns.TERMINAL.fullmatch(name)
            ):
                # "nhà ga T3 Tân Sơn Nhất", "nhà ga hành khách T1": an airport's terminal
                real_kind, entity = "airport", _terminal(terminal, match, folded)
            else:
                entity = resolve.resolve(kind, kw, name, match, folded)
            if entity is None:
                continue
            finder.add(start, match.end(), real_kind, *entity)
            _coordinated(finder, real_kind, kw, match)
            break


# A lower-case word after a listed number makes it a count ("quốc lộ 14, 3 người"), unless
# the word joins or places roads, or is a verb or auxiliary, which a count does not take
# ("quốc lộ 1 và 279 được nâng cấp": MENTIONS.md's example, two roads).
_COUNTED = re.compile(
    r" (?!(?:và|hoặc|qua|đi|đoạn|nối|thuộc|ở|tại|được|đã|sẽ|đang|bị|vừa|cũng|vẫn|chưa|là"
    r"|có|mới|cùng)\b)[a-zđà-ỹ]"
)


def _coordinated(finder: _Finder, kind: str, kw: str, match: re.Match) -> None:
    """Names listed after a mention: "QL31, QL279", "sân bay Đà Nẵng, Cát Bi"."""
    folded = finder.folded
    end = match.end()
    if kind in resolve.ROAD_LABELS:
        numbered = match.group("name")[:1].isdigit()  # not "đường tránh Bảo Lộc và 279"
        while numbered and (more := patterns.NUMBER_LIST.match(folded, end)) is not None:
            rest = folded[more.end() : more.end() + 12]
            if _COUNTED.match(rest):
                break  # "quốc lộ 14, 3 người": a count, not a road
            finder.add(more.start(1), more.end(), kind, resolve.road(kind, more.group(1))[0])
            end = more.end()
        return
    if kind == "ring_road":
        where = resolve.city(match, folded)
        while (more := patterns.RING_LIST.match(folded, end)) is not None:
            if patterns.UNIT_AFTER.match(folded, more.end()):
                break  # "vành đai 3, 4 làn xe": a count, not a ring road
            label = f"vành đai {more.group(1)} {where}".strip()
            finder.add(more.start(1), more.end(), kind, label)
            end = more.end()
        return
    if kind == "bid_package":
        while (more := patterns.BID_LIST.match(folded, end)) is not None:
            finder.add(more.start(1), more.end(), kind, resolve.bid_package(more.group(1))[0])
            end = more.end()
        return
    plural = bool(patterns.PLURAL.search(folded[max(0, match.start() - 20) : match.start()]))
    routes = kind in ("expressway", "railway", "metro")
    pattern = re.compile(patterns.route() if routes else patterns.name())
    own_words = tuple(f"{w} " for w in lexicon.words("kind_word", kind))
    # "Cầu London và Borough Market", "Cầu Tó, Thanh Trì": after a capitalised "Cầu" inside a
    # sentence (mostly part of a place's name) only known names are listed.
    place_like = kind == "bridge" and _capitalised_inside_sentence(folded, match.start())
    # "cùng với" lists routes only ("cầu Hưng Hóa cùng với Tam Nông": a district)
    coordination = patterns.ROUTE_COORDINATION if routes else patterns.COORDINATION
    sections = patterns.SECTION_LIST.match(folded, end) if kind == "expressway" else None
    while (sep := sections or coordination.match(folded, _after_aside(folded, end))) is not None:
        sections = None
        if "-" in sep.group(0) and kind != "airport":
            break
        named = pattern.match(folded, sep.end())
        if named is None:
            break
        name = named.group(0).strip(" -")
        name_end = named.start() + len(name)
        if canonical(name).startswith(own_words):
            break  # "cầu Cát Lái và Cầu Long Hưng": its own kind word finds it
        if routes and " - " not in canonical(name):
            break
        terminal = patterns.TERMINAL.fullmatch(name) if kind == "airport" else None
        listed = (
            kind == "expressway"  # a route "A - B", checked above
            or (terminal is not None and terminal.group(2) is None)  # "nhà ga T3, T4"
            or (
                kind == "bridge"
                and not place_like
                and _listed_bridge(name, sep.group(0), folded, name_end)
            )
        )
        if not (plural or listed or canonical(name) in gazetteer.by_alias(kind)):
            break
        if terminal is not None:
            entity = _terminal(terminal, named, folded)
        else:
            entity = resolve.resolve(kind, kw, name, named, folded)
        if entity is None:
            break
        finder.add(named.start(), name_end, kind, *entity)
        end = name_end


def _sections(finder: _Finder) -> None:
    """Routes named alone: a known line's after "tuyến" / "dự án" (see the resolver); sections
    "dự án thành phần Chí Thạnh - Vân Phong" (and the routes listed after one) when the
    gazetteer knows an expressway of that route or the text speaks of one, its sentence of
    no other kind of line."""
    for start, end, kind, *entity in resolve.routes_named_alone(finder.folded):
        finder.add(start, end, kind, *entity)
    if "cao tốc" not in finder.lowered:
        return
    route = re.compile(patterns.route())
    for intro in patterns.SECTION_INTRO.finditer(finder.folded):
        named = route.match(finder.folded, intro.end())
        if named is None or " - " not in canonical(named.group(0)):
            continue
        name = named.group(0).strip(" -")
        sentence = sentence_at(finder.folded, intro.start(), named.end()).lower()
        known = gazetteer.match_route("expressway", name) is not None
        if not known and ("cao tốc" not in sentence or patterns.OTHER_LINE.search(sentence)):
            continue
        entity = resolve.resolve("expressway", "cao tốc", name, named, finder.folded)
        if entity is not None:
            finder.add(named.start(), named.start() + len(name), "expressway", *entity)
            _coordinated(finder, "expressway", "cao tốc", named)


@cache
def _scanner() -> ahocorasick.Automaton:
    """One automaton over lower-cased text, built once per process: the kind words, the
    gazetteer names that mean the facility on their own (their case checked on a hit), and
    what folding would rewrite. Each key maps to (length, is a kind word, is a fold trigger,
    the names it may be as (folded name, length, facility))."""
    entries: dict[str, list[tuple]] = {}
    for word in lexicon.kind_words():
        entries.setdefault(word, []).append(("kind",))
    names: dict[str, tuple[int, gazetteer.Facility]] = {}
    for facility in gazetteer.facilities():
        if facility.name_only in ("yes", "context"):
            for alias in facility.aliases:
                names[fold(alias)] = (len(alias), facility)  # a later alias wins, as before
    for name, (length, facility) in names.items():
        entries.setdefault(name.lower(), []).append(("name", name, length, facility))
    for text in FOLD_TRIGGERS:
        entries.setdefault(text, []).append(("fold",))
    automaton = ahocorasick.Automaton()
    for key, values in entries.items():
        names_here = tuple(tuple(entry[1:]) for entry in values if entry[0] == "name")
        kinds = {entry[0] for entry in values}
        automaton.add_word(key, (len(key), "kind" in kinds, "fold" in kinds, names_here))
    automaton.make_automaton()
    return automaton


def _needs_fold(lowered: str, hits: list[tuple[int, tuple]]) -> bool:
    """Whether folding would change the text: a dash or space written another way, or a
    tone mark on "oa", "oe", "uy" that ends a syllable and is not "qu" + y."""
    for last, (length, _, is_fold, _) in hits:
        if not is_fold:
            continue
        if length == 1:
            return True
        start, end = last - 1, last + 1
        if start and lowered[start - 1] == "q":
            continue
        if end < len(lowered) and (lowered[end].isalnum() or lowered[end] == "_"):
            continue
        return True
    return False


def _name_mentions(finder: _Finder) -> None:
    folded = finder.folded
    explicit = {m.entity_id for m in finder.found}
    word_char = patterns.WORD_CHAR
    named = (
        (last, name, length, facility)
        for last, (_, _, _, names) in finder.hits
        for name, length, facility in names
    )
    for last, name, length, facility in named:
        start, end = last + 1 - length, last + 1
        if folded[start:end] != name:
            continue  # the name only matched lower-cased
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
            in_context = patterns.AIRPORT_CONTEXT.search(sentence_at(folded, start, end))
            if facility.entity_id not in explicit and not in_context:
                continue
        finder.add(start, end, facility.kind, facility.entity_id, facility.name)


def find_mentions(text: str) -> list[Mention]:
    """Every infrastructure-project mention in ``text``, in order; offsets index ``text``."""
    if not text:
        return []
    if not unicodedata.is_normalized("NFC", text):
        return _find_in_nfd(text)
    return _find_in_nfc(text)


def _find_in_nfc(text: str) -> list[Mention]:
    scanner = _scanner()
    folded, lowered = text, lower_same_length(text)
    hits = list(scanner.iter(lowered))
    if not hits and not patterns.route_alone().search(text):  # nothing to find or fold
        return []
    if _needs_fold(lowered, hits):
        folded = fold(text)
        lowered = lower_same_length(folded)
        hits = list(scanner.iter(lowered))
    finder = _Finder(folded, lowered, hits)
    _kind_mentions(finder)
    _sections(finder)
    _name_mentions(finder)
    found = finder.found
    if len(found) > 1:
        found = _with_their_airports(longest_first(found, lambda m: (m.start, m.end)), folded)
    return [
        Mention(m.start, m.end, text[m.start : m.end], m.kind, m.entity_id, m.entity_name)
        for m in found
    ]


def _find_in_nfd(text: str) -> list[Mention]:
    """Find in the NFC form, then map offsets back to ``text``."""
    composed, offsets = composed_with_offsets(text)
    out = []
    for m in _find_in_nfc(composed):
        start, end = offsets[m.start], offsets[m.end]
        out.append(Mention(start, end, text[start:end], m.kind, m.entity_id, m.entity_name))
    return out
