"""Mentions of named infrastructure projects in Vietnamese news text.

What counts is defined in ``../shared/gold/MENTIONS.md``. The finder works on the folded text
(:func:`analysis.text.fold`: same length, tone marks and dashes written one way), so its
offsets are offsets into the text it was given. Three sources of candidates:

1. *Kind word + name*: a kind word ("cao tốc", "quốc lộ"/"QL", "cầu", "ga", "sân bay",
   "cảng", "cửa khẩu", "hồ chứa" ...), optional descriptors ("quốc tế", "liên vận", "đường
   bộ") and a proper name: capitalised syllables, numbers, or endpoints "A - B - C". Names
   joined by "," / "và" after a plural ("hai hồ thủy lợi Sông Quao, Lòng Sông") or known to
   the gazetteer ("sân bay Đà Nẵng, Cát Bi") are one mention each.
2. *Name only*: gazetteer names that mean the facility on their own ("Tân Sơn Nhất"), or do
   so when the text names that facility with its kind word too ("Long Thành").
3. Overlaps: the longest candidate wins, so "cao tốc Nội Bài - Lào Cai" holds no airport.

Homonyms are refused by the shape of the text around the kind word: a kind word followed
by a lower-case word is not a name ("cầu thủ", "nhu cầu", "chân ga"); a capitalised kind
word inside a proper name ("Tân Cảng", "quận Cầu Giấy", "Cục Đường sắt") is not a kind
word; a preceding word that makes it something else ("tàu sân bay", "huyện Long Thành",
"Tổng công ty Cảng hàng không") refuses it.

Each mention gets an ``entity_id``: the gazetteer's id when the facility is known, else the
canonical name (lower case, folded, endpoints in sorted order so "A - B" and "B - A" meet).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ahocorasick
import pandas as pd
from tqdm import tqdm

from analysis import gazetteer
from analysis.gazetteer import canonical
from analysis.text import fold


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


def _letters(predicate) -> str:
    chars = [
        chr(c) for r in (range(0x41, 0x250), range(0x1E00, 0x1F00)) for c in r if predicate(chr(c))
    ]
    return "".join(chars)


UPPER = _letters(str.isupper)
LOWER = _letters(str.islower)
# Capitalised words that start a sentence or caption rather than continue a name
# ("sân bay Lugansk Ngày 09.06.2014 ...").
_NOT_IN_NAMES = (
    "Ngày|Theo|Sáng|Chiều|Tối|Trưa|Đêm|Hôm|Tại|Trong|Khi|Sau|Trước|Từ|Vào|Nhưng|Và|Với|Do|Để"
    "|Ảnh|Video|Clip|Nguồn"
)
_CAP = f"(?!(?:{_NOT_IN_NAMES})\\b)[{UPPER}][{UPPER}{LOWER}0-9]*"
# A short number ends a name ("cầu Rạch Miễu 2") unless it starts a figure ("cảng Cần Giờ
# 128.000 tỷ", "đường sắt tốc độ cao Hà Nội - Quảng Ninh 350 km/giờ").
_WORD = (
    rf"(?:TP\.? ?HCM|{_CAP}"
    rf"|\d{{1,2}}[{UPPER}]?(?![.,]?\d)(?! ?(?:km|m\b|tỷ|tỉ|triệu|nghìn|ngàn|ha\b|tấn|%|người)))"
)
# A proper name: a capitalised syllable, then up to four more capitalised syllables or numbers.
NAME = rf"(?:TP\.? ?HCM|{_CAP})(?: {_WORD}){{0,4}}"
# Endpoints of a route: "A - B - C"; an endpoint may be "ga X" ("Nhổn - ga Hà Nội").
ROUTE = rf"{NAME}(?:\s?-\s?(?:ga )?{NAME}){{0,3}}"
_CITY = r"(?: (?:TP\.? ?HCM|TP\.? Hồ Chí Minh|Hà Nội|- Vùng Thủ đô|Vùng Thủ đô))"


def _descriptors(*words: str) -> str:
    return "(?: (?:" + "|".join(words) + "))*"


# Each kind: the kind word with its descriptors (group "kw"), and the name (group "name").
_PATTERNS: dict[str, str] = {
    "expressway": rf"(?P<kw>(?i:cao tốc)) (?P<name>{ROUTE})"
    rf"(?P<side> phía (?:Đông|Tây))?(?P<section> đoạn (?:qua )?{ROUTE})?",
    "national_road": r"(?P<kw>(?i:quốc lộ)|QL)\.? ?(?P<name>\d{1,3}[A-Z]?)\b",
    "national_road_hcm": r"(?P<kw>(?i:đường)) (?P<name>Hồ Chí Minh)(?! ?-)(?P<section> đoạn "
    + ROUTE
    + ")?",
    "provincial_road": r"(?P<kw>(?i:đường tỉnh|tỉnh lộ)|ĐT|DT|TL)\.? ?(?P<name>\d{1,3}[A-Z]?)\b",
    "ring_road": r"(?P<kw>(?i:(?:đường )?vành đai)) (?P<name>\d|[IV]{1,3})\b(?P<city>"
    + _CITY
    + ")?",
    "bridge": r"(?P<kw>(?i:cầu)"
    + _descriptors("vượt sông", "vượt biển", "dây văng", "treo", "đường sắt", "vượt")
    + rf") (?P<name>{NAME})",
    "tunnel": r"(?P<kw>(?i:hầm)"
    + _descriptors("đường bộ qua đèo", "đường bộ", "chui", "xuyên núi", "đường sắt", "vượt sông")
    + rf") (?P<name>{NAME})",
    "railway": r"(?P<kw>(?i:đường sắt)"
    + _descriptors("tốc độ cao", "cao tốc", "quốc gia", "khổ tiêu chuẩn", "liên vận quốc tế")
    + rf") (?P<name>{ROUTE})",
    "metro": rf"(?P<kw>(?i:metro|tàu điện ngầm|đường sắt đô thị)) (?P<name>(?:tuyến )?số \d+[A-Z]?"
    rf"|{ROUTE}|\d[A-Z]?\b)(?P<city>{_CITY})?",
    "station": r"(?P<kw>(?i:nhà ga|ga)"
    + _descriptors(
        "liên vận quốc tế", "liên vận", "quốc tế", "đường sắt", "metro", "ngầm", "trên cao"
    )
    + rf") (?P<name>{NAME})",
    "airport": r"(?P<kw>(?:(?i:sân bay|phi trường|cảng hàng không)|CHKQT|CHK)"
    + _descriptors("(?i:quốc tế)", "quốc nội", "nội địa", "dân dụng", "lưỡng dụng", "thứ hai")
    + rf") (?P<name>{NAME})",
    "seaport": r"(?P<kw>(?i:cảng)"
    + _descriptors(
        "biển",
        "quốc tế",
        "container",
        "nước sâu",
        "cạn",
        "tổng hợp",
        "trung chuyển quốc tế",
        "trung chuyển",
        "cửa ngõ quốc tế",
        "thủy nội địa",
        "hành khách",
        "chuyên dùng",
        "hàng hóa",
    )
    + rf") (?P<name>{ROUTE})",
    "border_gate": r"(?P<kw>(?i:cửa khẩu)"
    + _descriptors(
        "quốc tế", "Quốc tế", "chính", "phụ", "song phương", "đường bộ", "đường sắt", "quốc gia"
    )
    + rf") (?P<name>{NAME})",
    "reservoir": rf"(?P<kw>(?i:hồ chứa nước|hồ chứa thủy lợi|hồ chứa|hồ thủy lợi|thủy lợi|hồ|đập))"
    rf" (?P<name>{ROUTE})",
    "bid_package": r"(?P<kw>(?i:gói thầu)) (?P<name>(?:số ?)?\d{1,3}[A-Z]?\b"
    r"|[A-Z]{1,5}[-.]?\d{1,3}[A-Z]?(?:[-.][A-Z0-9]{1,4})*\b)",
}
_COMPILED = {kind: re.compile(p) for kind, p in _PATTERNS.items()}

# Where a kind word may start: one alternation over the lower-cased text (fast: no
# case-insensitive matching), then the kind's own pattern is tried there on the folded text.
_TRIGGER = re.compile(
    r"(?<![\w])(?:cao tốc|quốc lộ|đường tỉnh|tỉnh lộ|vành đai|đường vành đai|cầu|hầm"
    r"|đường sắt|đường hồ chí minh|metro|tàu điện ngầm|nhà ga|ga|sân bay|phi trường|cảng"
    r"|cửa khẩu|hồ|thủy lợi|đập|gói thầu|ql|đt|dt|tl|chk)(?![^\W\d_])"
)
_UPPER_ONLY = {"ql", "đt", "dt", "tl", "chk"}  # abbreviations: only in capitals
_TRIGGER_KINDS = {
    "cao tốc": ("expressway",),
    "quốc lộ": ("national_road",),
    "ql": ("national_road",),
    "đường tỉnh": ("provincial_road",),
    "tỉnh lộ": ("provincial_road",),
    "đt": ("provincial_road",),
    "dt": ("provincial_road",),
    "tl": ("provincial_road",),
    "vành đai": ("ring_road",),
    "đường vành đai": ("ring_road",),
    "cầu": ("bridge",),
    "hầm": ("tunnel",),
    "đường sắt": ("metro", "railway"),
    "đường hồ chí minh": ("national_road_hcm",),
    "metro": ("metro",),
    "tàu điện ngầm": ("metro",),
    "nhà ga": ("station",),
    "ga": ("station",),
    "sân bay": ("airport",),
    "phi trường": ("airport",),
    "cảng": ("airport", "seaport"),
    "chk": ("airport",),
    "cửa khẩu": ("border_gate",),
    "hồ": ("reservoir",),
    "thủy lợi": ("reservoir",),
    "đập": ("reservoir",),
    "gói thầu": ("bid_package",),
}

# Words before a kind word that make it something else.
_REFUSED_BEFORE: dict[str, set[str]] = {
    "expressway": {"sắt", "tàu", "nô", "canô", "xuồng", "thuyền", "phà"},
    "bridge": {
        "nhu",
        "yêu",
        "toàn",
        "khẩn",
        "thỉnh",
        "mưu",
        "kêu",
        "địa",
        "cung",
    },
    "station": {
        "chân",
        "bình",
        "tăng",
        "nhấn",
        "đạp",
        "bếp",
        "rồ",
        "bơm",
        "sân",
        "bến",
        "tay",
        "xe",
    },
    "airport": {"tàu", "của", "cụm"},
    "seaport": {"cảng", "bến", "phố"},  # "thành phố cảng X": a port city
    "tunnel": {"tầng", "nhà"},
    "reservoir": {"bờ", "ven", "quanh", "mặt", "phường", "xã", "hồ"},
}
# Words before a name that make it a place, street or company, not the facility.
_PLACE_WORDS = {
    "quận",
    "phường",
    "xã",
    "huyện",
    "thị",
    "trấn",
    "tp",
    "tp.",
    "thành",
    "phố",
    "tỉnh",
    "đường",
    "khu",
    "thôn",
    "ấp",
    "làng",
    "cụm",
    "vùng",
    "miền",
    "công",
    "ty",
    "golf",
}
# An organisation's name that ends in a facility ("Chi cục Hải quan sân bay Tân Sơn Nhất",
# "Ban QLDA hầm đường bộ Hải Vân", "Tổng công ty Cảng hàng không Việt Nam"): the head word,
# then words that each start with a capital (one lower-case syllable may follow: "Hải quan",
# "An ninh Hàng không"), then the kind word. "Sở GTVT cho biết cầu X" is not one.
_COMPANY = re.compile(
    rf"(?:(?i:công ty|tập đoàn)|TCT|CTCP|Cổ phần|cổ phần|TNHH|Ban quản lý|Ban Quản lý|Ban QLDA"
    rf"|Cảng vụ|Cục|Chi cục|Sở|Viện|Trung tâm|Xí nghiệp|Hãng|Đoàn|Phòng|Cơ quan)"
    rf"(?: [{UPPER}0-9][\w.&-]*(?: [{LOWER}]+)?){{0,4}} $"
)
# Names that only share a kind word: landmarks, collective names, organisations.
_REFUSED_NAMES: dict[str, set[str]] = {
    "bridge": {"giấy", "hôn", "vàng", "kính", "thủ", "lông", "ngói", "chúa", "trời", "phật"},
    "airport": {"việt nam", "vn", "quốc tế", "miền nam", "miền bắc", "miền trung"},
    "seaport": {"việt nam", "sài gòn"},
    "railway": {"việt nam", "đô thị"},
    "expressway": {"miền tây", "miền trung", "việt nam"},
    "reservoir": {"gươm", "tây", "hoàn kiếm", "xuân hương", "trúc bạch", "thiền quang"},
}
# "sân bay Thổ Nhĩ Kỳ", "cảng Trung Quốc": a country names no particular facility.
COUNTRIES = {
    "việt nam",
    "trung quốc",
    "nhật bản",
    "hàn quốc",
    "triều tiên",
    "thái lan",
    "lào",
    "campuchia",
    "singapore",
    "malaysia",
    "indonesia",
    "philippines",
    "ấn độ",
    "mỹ",
    "nga",
    "pháp",
    "đức",
    "anh",
    "úc",
    "ý",
    "tây ban nha",
    "thổ nhĩ kỳ",
    "ukraine",
    "israel",
    "iran",
    "đài loan",
    "canada",
    "brazil",
    "hà lan",
    "bỉ",
    "thụy sĩ",
    "thụy điển",
    "myanmar",
    "ba lan",
    "romania",
    "hy lạp",
    "ai cập",
    "nam phi",
    "na uy",
    "phần lan",
    "đan mạch",
    "áo",
    "séc",
    "mexico",
    "argentina",
    "chile",
    "peru",
    "cuba",
    "ả rập xê út",
    "qatar",
    "uae",
    "pakistan",
    "bangladesh",
    "sri lanka",
    "nepal",
    "mông cổ",
    "kazakhstan",
    "new zealand",
    "brunei",
    "iraq",
    "syria",
    "yemen",
    "kuwait",
    "nigeria",
    "kenya",
    "venezuela",
    "colombia",
}
# Short country names that join routes abroad, not endpoints ("đường sắt Việt - Nga").
_COUNTRY_SHORT = {"việt", "nga", "trung", "lào", "nhật", "hàn", "mỹ", "pháp", "đức", "anh"}
# Bare "hồ"/"đập" + name is a lake or a street as often as a reservoir: only the gazetteer's.
_GAZETTEER_ONLY = {"hồ", "đập"}
_PLURAL = re.compile(r"(?i:(?:hai|ba|bốn|năm|các|những|\d+)(?: tuyến| dự án)?) $")
_COORDINATION = re.compile(r"(?:\s*,\s*|\s+(?:và|hoặc|với)\s+|\s?-\s?)")
_NUMBER_LIST = re.compile(
    r"(?:\s*,\s*|\s+(?:và|hoặc)\s+)(?:(?i:quốc lộ|QL|ĐT|đường tỉnh) ?)?"
    r"(\d{1,3}[A-Z]?)\b"
)
_BID_LIST = re.compile(r"(?:\s*,\s*|\s+(?:và|hoặc)\s+)(?:gói thầu )?(số ?\d{1,3}[A-Z]?)\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”'‘’(\[\n–-]\s*|\n)$")
_CITY_CONTEXT = re.compile(r"TP\.? ?HCM|TP\.? Hồ Chí Minh|Sài Gòn|Hà Nội|Thủ đô")
_AIRPORT_CONTEXT = re.compile(r"(?i:sân bay|hàng không|chuyến bay|cất cánh|hạ cánh|đường băng)")


def _previous_word(folded: str, start: int) -> str:
    head = folded[max(0, start - 30) : start].rstrip()
    match = re.search(r"(\S+)$", head)
    return match.group(1).lower() if match else ""


# Kind words that also occur inside place and company names (Tân Cảng, Cầu Giấy, Hồ Tây).
_PART_OF_NAMES = {"bridge", "seaport", "station", "tunnel", "reservoir", "border_gate"}
_TITLE_WORD = re.compile(rf"[{UPPER}][{LOWER}]*$")


def _kind_word_ok(folded: str, start: int, kind: str) -> bool:
    before = folded[:start]
    words = before[-40:].split()
    previous_raw = words[-1] if words else ""
    previous = previous_raw.lower().strip(".,;:()")
    if previous in _REFUSED_BEFORE.get(kind, ()):
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
        and not _SENTENCE_START.search(before[-3:])
        and (_TITLE_WORD.match(previous_raw) or previous in _PLACE_WORDS)
    ):
        return False
    return not _COMPANY.search(before[-60:])


def _city(match: re.Match, folded: str) -> str:
    city = match.group("city") if "city" in match.re.groupindex else None
    source = city if city else None
    if source is None:
        found = _CITY_CONTEXT.search(folded)
        source = found.group(0) if found else ""
    source = canonical(source).lstrip("- ")
    if source in ("hà nội", "thủ đô", "vùng thủ đô"):
        return "hà nội"
    if source in ("tp.hcm", "tp. hồ chí minh", "sài gòn"):
        return "tp.hcm"
    return ""


class _Finder:
    def __init__(self, folded: str):
        self.folded = folded
        self.found: list[Mention] = []

    def add(self, start: int, end: int, kind: str, entity_id: str, name: str | None = None):
        self.found.append(Mention(start, end, "", kind, entity_id, name or entity_id))


def _strip_route(name: str) -> str:
    return name.strip(" -")


def _entity(kind: str, kw: str, name: str, match: re.Match, folded: str) -> tuple[str, str] | None:
    """(entity_id, entity_name) of a kind-word mention; None when it is not a mention."""
    key = canonical(name)
    if key in _REFUSED_NAMES.get(kind, ()) or key in COUNTRIES:
        return None
    if kind in ("expressway", "railway", "metro") and any(
        end in _COUNTRY_SHORT for end in gazetteer.endpoints(name)
    ):
        return None
    kw_key = canonical(kw)
    if kind in ("expressway", "railway"):
        prefix = "cao tốc" if kind == "expressway" else "đường sắt"
        if kind == "railway" and ("tốc độ cao" in kw_key or "cao tốc" in kw_key):
            prefix = "đường sắt tốc độ cao"
            facility = gazetteer.match_route(kind, "tốc độ cao " + name)
        else:
            facility = gazetteer.match_route(kind, name)
        if facility is not None and facility.entity_id.startswith(prefix):
            base_id, base_name = facility.entity_id, facility.name
        elif kind == "railway" and " - " not in key:
            return None  # "đường sắt Hà Nội" is an operator or a city's network, not a line
        else:
            base_id = f"{prefix} " + " - ".join(sorted(gazetteer.endpoints(name)))
            base_name = f"{prefix} {key}"
        section = match.groupdict().get("section")
        if section:
            section_key = canonical(section.replace(" đoạn qua ", " đoạn "))
            part = section_key.removeprefix("đoạn ")
            ends = " - ".join(sorted(gazetteer.endpoints(part)))
            return f"{base_id} đoạn {ends}", f"{base_name} {section_key}"
        return base_id, base_name
    if kind == "national_road_hcm":
        return "đường hồ chí minh", "đường Hồ Chí Minh"
    if kind in ("national_road", "provincial_road"):
        number = key.upper()
        if kind == "national_road" and number == "1A":
            number = "1"  # QL1A is the old name of national road 1
        label = "quốc lộ" if kind == "national_road" else "đường tỉnh"
        return f"{label} {number.lower()}", f"{label} {number}"
    if kind == "ring_road":
        roman = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5"}
        number = roman.get(name, name)
        city = _city(match, folded)
        return (f"vành đai {number} {city}".strip(),) * 2
    if kind == "metro":
        if canonical(name) in ("tp.hcm", "hà nội", "sài gòn"):
            return None  # the city's system or its operator, not a line
        city = _city(match, folded)
        short = key.removeprefix("tuyến ")
        facility = gazetteer.by_alias("metro").get(short) or gazetteer.match_route("metro", name)
        if facility is not None and (not city or facility.entity_id.endswith(city) or "-" in key):
            return facility.entity_id, facility.name
        if short.startswith("số ") or short[:1].isdigit():
            number = short.removeprefix("số ")
            return (f"metro số {number} {city}".strip(),) * 2
        return f"metro {' - '.join(sorted(gazetteer.endpoints(name)))}", f"metro {key}"
    if kind == "bid_package":
        code = re.sub(r"[-.]", "", key.replace("số", "").strip()).replace(" ", "")
        label = f"gói thầu số {code}" if code.isdigit() else f"gói thầu {code}"
        return label, label
    if kind == "reservoir":
        facility = gazetteer.by_alias("reservoir").get(key)
        if kw_key in _GAZETTEER_ONLY and facility is None:
            return None
        if facility is not None:
            return facility.entity_id, facility.name
        if kw_key == "thủy lợi":
            return (f"thủy lợi {key}",) * 2
        if kw_key == "đập":
            return (f"đập {key}",) * 2
        return (f"hồ {key}",) * 2
    if kind == "seaport" and "cạn" in kw_key:
        return (f"cảng cạn {key}",) * 2
    prefix = {
        "bridge": "cầu",
        "tunnel": "hầm",
        "station": "ga",
        "airport": "sân bay",
        "seaport": "cảng",
        "border_gate": "cửa khẩu",
    }[kind]
    facility = gazetteer.by_alias(kind).get(key)
    if facility is not None:
        return facility.entity_id, facility.name
    return (f"{prefix} {key}",) * 2


def _metro_route(name: str) -> tuple[str, str] | None:
    wanted = frozenset(gazetteer.endpoints(name.replace("Ga ", "ga ")))
    for ends, facility in gazetteer._endpoint_sets("metro"):
        if ends == wanted:
            return facility.entity_id, facility.name
    return None


def _known_name(kind: str, name: str) -> bool:
    return canonical(name) in gazetteer.by_alias(kind)


def _kind_mentions(finder: _Finder) -> None:
    folded = finder.folded
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a letter whose lower case is longer (rare): keep offsets
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    for trigger in _TRIGGER.finditer(lowered):
        word = trigger.group(0)
        if word in _UPPER_ONLY and not folded[trigger.start()].isupper():
            continue
        for kind in _TRIGGER_KINDS.get(word, ()):
            match = _COMPILED[kind].match(folded, trigger.start())
            if match is None:
                continue
            real_kind = "national_road" if kind == "national_road_hcm" else kind
            if not _kind_word_ok(folded, trigger.start(), real_kind):
                continue
            name = _strip_route(match.group("name"))
            kw = match.group("kw")
            if real_kind == "railway" and (metro := _metro_route(name)) is not None:
                real_kind, entity = "metro", metro  # "đường sắt Nhổn - ga Hà Nội"
            elif real_kind == "station" and re.match(r"T\d\b", name):
                real_kind = "airport"  # "nhà ga T3 Tân Sơn Nhất": an airport terminal
                entity = (canonical(f"{kw} {name}"),) * 2
            else:
                entity = _entity(kind, kw, name, match, folded)
            if entity is None:
                continue
            finder.add(trigger.start(), match.end(), real_kind, *entity)
            _coordinated(finder, real_kind, kw, match)
            break


def _coordinated(finder: _Finder, kind: str, kw: str, match: re.Match) -> None:
    """Names listed after a mention: "QL31, QL279", "sân bay Đà Nẵng, Cát Bi"."""
    folded = finder.folded
    end = match.end()
    if kind in ("national_road", "provincial_road"):
        while (more := _NUMBER_LIST.match(folded, end)) is not None:
            rest = folded[more.end() : more.end() + 12]
            if re.match(r" (?!và|hoặc|qua|đi|đoạn|nối|thuộc|ở|tại|và)[a-zđà-ỹ]", rest):
                break  # "quốc lộ 14, 3 người": a count, not a road
            label = "quốc lộ" if kind == "national_road" else "đường tỉnh"
            number = more.group(1)
            number = "1" if kind == "national_road" and number == "1A" else number
            finder.add(more.start(1), more.end(), kind, f"{label} {number.lower()}")
            end = more.end()
        return
    if kind == "bid_package":
        while (more := _BID_LIST.match(folded, end)) is not None:
            number = re.sub(r"\D", "", more.group(1))
            finder.add(more.start(1), more.end(), kind, f"gói thầu số {number}")
            end = more.end()
        return
    plural = bool(_PLURAL.search(folded[max(0, match.start() - 20) : match.start()]))
    pattern = re.compile(ROUTE if kind in ("expressway", "railway", "metro") else NAME)
    while (sep := _COORDINATION.match(folded, end)) is not None:
        if "-" in sep.group(0) and kind != "airport":
            break
        named = pattern.match(folded, sep.end())
        if named is None:
            break
        name = _strip_route(named.group(0))
        if kind in ("expressway", "railway") and " - " not in canonical(name):
            break
        if not (plural or _known_name(kind, name)):
            break
        entity = _entity(kind, kw, name, named, folded)
        if entity is None:
            break
        finder.add(named.start(), named.start() + len(name), kind, *entity)
        end = named.start() + len(name)


def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for facility in gazetteer.facilities():
        if facility.name_only in ("yes", "context"):
            for alias in facility.aliases:
                automaton.add_word(fold(alias), (len(alias), facility))
    automaton.make_automaton()
    return automaton


_NAME_ONLY = _automaton()
_KIND_WORD_BEFORE = re.compile(
    r"(?i:sân bay|phi trường|cảng hàng không(?: quốc tế)?|cảng(?: biển)?|cửa khẩu) $"
)
_WORD_CHAR = re.compile(r"\w")


def _name_mentions(finder: _Finder) -> None:
    folded = finder.folded
    explicit = {m.entity_id for m in finder.found}
    for last, (length, facility) in _NAME_ONLY.iter(folded):
        start, end = last + 1 - length, last + 1
        if (start and _WORD_CHAR.match(folded[start - 1])) or (
            end < len(folded) and _WORD_CHAR.match(folded[end])
        ):
            continue
        before = folded[max(0, start - 3) : start]
        after = folded[end : end + 3]
        if "-" in before or "-" in after:
            continue  # "Nội Bài - Lào Cai", "Tân Sơn Nhất - Bình Lợi": a route's endpoint
        if _previous_word(folded, start) in _PLACE_WORDS:
            continue
        if _KIND_WORD_BEFORE.search(folded[max(0, start - 30) : start]):
            continue  # its kind word was there and was refused (an organisation's name)
        if _COMPANY.search(folded[max(0, start - 40) : start]):
            continue
        if facility.name_only == "context":
            sentence_start = max(folded.rfind(".", 0, start), folded.rfind("\n", 0, start)) + 1
            sentence_end = len(folded)
            for stop in (".", "\n"):
                found = folded.find(stop, end)
                if found != -1:
                    sentence_end = min(sentence_end, found)
            in_context = _AIRPORT_CONTEXT.search(folded[sentence_start:sentence_end])
            if facility.entity_id not in explicit and not in_context:
                continue
        finder.add(start, end, facility.kind, facility.entity_id, facility.name)


def _resolve(found: list[Mention]) -> list[Mention]:
    """Longest first; a candidate overlapping a kept one is dropped."""
    kept: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if any(mention.start < e and s < mention.end for s, e in taken):
            continue
        kept.append(mention)
        taken.append((mention.start, mention.end))
    return sorted(kept, key=lambda m: m.start)


def find_mentions(text: str) -> list[Mention]:
    """Every infrastructure-project mention in ``text``, in order; offsets index ``text``."""
    if not text:
        return []
    if not unicodedata.is_normalized("NFC", text):
        return _find_in_nfd(text)
    folded = fold(text)
    finder = _Finder(folded)
    _kind_mentions(finder)
    _name_mentions(finder)
    return [
        Mention(m.start, m.end, text[m.start : m.end], m.kind, m.entity_id, m.entity_name)
        for m in _resolve(finder.found)
    ]


def _find_in_nfd(text: str) -> list[Mention]:
    """Find in the NFC form, then map offsets back to ``text`` cluster by cluster."""
    clusters = _clusters(text)
    offsets, nfc_parts, position = [], [], 0
    for cluster in clusters:
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


def _same_as_first_paragraph(lead, body) -> bool:
    if not isinstance(lead, str) or not isinstance(body, str) or not lead:
        return False
    first = body.split("\n\n", 1)[0].strip()
    return canonical(first) == canonical(lead.strip().rstrip(".")) or canonical(first).startswith(
        canonical(lead.strip().rstrip(".…"))
    )


def extract_mentions(articles: pd.DataFrame, progress: bool = True) -> pd.DataFrame:
    """One row per mention in the title, lead and body of each article.

    A lead that repeats the first body paragraph is read once (as the lead).
    """
    rows = []
    fields = [f for f in ("title", "lead", "body") if f in articles]
    columns = [articles["article_id"]] + [articles[f] for f in fields]
    for values in tqdm(
        zip(*columns, strict=True),
        total=len(articles),
        desc="mentions",
        unit="article",
        disable=not progress,
    ):
        article_id, parts = values[0], dict(zip(fields, values[1:], strict=True))
        if "body" in parts and _same_as_first_paragraph(parts.get("lead"), parts["body"]):
            body = parts["body"]
            cut = body.find("\n\n")
            parts["body"] = (" " * (cut if cut != -1 else len(body))) + (
                body[cut:] if cut != -1 else ""
            )
        for field, text in parts.items():
            if not isinstance(text, str) or not text:
                continue
            for m in find_mentions(text):
                rows.append(
                    (
                        article_id,
                        field,
                        m.start,
                        m.end,
                        m.text,
                        m.kind,
                        m.entity_id,
                        m.entity_name,
                        sentence_at(text, m.start, m.end),
                    )
                )
    from analysis.schemas import MENTIONS, conform

    frame = pd.DataFrame(
        rows,
        columns=[
            "article_id",
            "field",
            "start",
            "end",
            "text",
            "kind",
            "entity_id",
            "entity_name",
            "sentence",
        ],
    )
    return MENTIONS.validate(conform(frame, MENTIONS))


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def entities(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per entity: id, name, kind, provinces, mention and article counts."""
    from analysis.schemas import ENTITIES, conform

    known = {f.entity_id: f for f in gazetteer.facilities()}
    if mentions.empty:
        return ENTITIES.empty()
    grouped = mentions.groupby("entity_id", sort=True)
    # Facilities outside the gazetteer are named as the news most often writes them (with
    # the kind word: "cầu Rạch Miễu", not a bare "279"), first letter capitalised.
    written = mentions[mentions["text"].str.contains(" ", regex=False)]
    common = written.groupby("entity_id")["text"].agg(lambda s: s.value_counts().index[0])
    table = pd.DataFrame(
        {
            "entity_name": grouped["entity_name"].agg(lambda s: s.value_counts().index[0]),
            "kind": grouped["kind"].agg(lambda s: s.value_counts().index[0]),
            "mention_count": grouped.size(),
            "article_count": grouped["article_id"].nunique(),
        }
    ).reset_index()
    table["entity_name"] = [
        known[e].name if e in known else _capitalised(common.get(e, n))
        for e, n in zip(table.entity_id, table.entity_name, strict=True)
    ]
    table["provinces"] = [list(known[e].provinces) if e in known else [] for e in table.entity_id]
    table = table.sort_values(["mention_count", "entity_id"], ascending=[False, True])
    return ENTITIES.validate(conform(table.reset_index(drop=True), ENTITIES))
