"""The shapes of a mention: a kind word, its descriptors and a name, as regular expressions.

Patterns run on folded text (:func:`analysis.text.fold`). A *name* is a capitalised syllable
followed by up to four more capitalised syllables or short numbers; a *route* is names joined
by dashes ("A - B - C"). Each kind has its own pattern with the group ``kw`` (kind word and
descriptors) and ``name``. The word lists come from :mod:`analysis.mentions.lexicon`; the
compiled patterns are built once, on first use.
"""

from __future__ import annotations

import re
from functools import cache

from analysis.mentions import lexicon
from analysis.text import LOWER, TP_HCM, TP_HCM_ANY, UPPER


def _cap() -> str:
    # Capitalised words that start a sentence or caption rather than continue a name
    # ("sân bay Lugansk Ngày 09.06.2014 ...").
    not_in_names = "|".join(lexicon.ordered("not_in_names"))
    return f"(?!(?:{not_in_names})\\b)[{UPPER}][{UPPER}{LOWER}0-9]*"


# Units of a count after a number: times, trips, spans of time; not a date's "ngày 19", "tháng
# 8", "năm 2025", nor a time after the name ("cầu Mỹ Thuận 2 năm nay", "cầu Rạch Miễu 2 ngày
# mai", "giờ đây", "ngày khánh thành").
_COUNTED = (
    r"lần\b|chuyến\b|phút\b|giây\b|tuần\b|giờ\b(?! đây)"
    r"|ngày\b(?! (?:\d|mai|kia|khánh|thông|khởi|hợp))|tháng\b(?! (?:\d|này|tới|sau))"
    r"|năm\b(?! (?:\d|nay|tới|sau|mới))"
)


@cache
def name() -> str:
    """A proper name: a capitalised syllable, then up to four more or short numbers."""
    cap = _cap()
    # A short number ends a name ("cầu Rạch Miễu 2") unless it starts a figure ("cảng Cần Giờ
    # 128.000 tỷ", "đường sắt tốc độ cao Hà Nội - Quảng Ninh 350 km/giờ") or a count of times
    # or trips ("Sân bay Tân Sơn Nhất 2 lần tạm dừng", "sân bay ... 58 năm trước", "cầu Long
    # Biên 60 ngày"; not a date: "cầu Rạch Miễu 2 ngày 19/8", "năm 2025").
    word = (
        rf"(?:{TP_HCM}|{cap}"
        rf"|\d{{1,2}}[{UPPER}]?(?![.,]?\d)"
        rf"(?! ?(?:km|m\b|tỷ|tỉ|triệu|nghìn|ngàn|ha\b|tấn|%|người|sao\b|năm li|{_COUNTED})))"
    )
    return rf"(?:{TP_HCM}|{cap})(?: {word}){{0,4}}"


@cache
def list_item() -> re.Pattern:
    """The next name of a list of bridges: ", Cát Lái" or " và Phú Mỹ 2" ("cầu" may repeat)."""
    return re.compile(rf"(?P<separator>\s*,\s*|\s+và\s+)(?:(?i:cầu) )?(?P<name>{name()})")


@cache
def route() -> str:
    """Endpoints of a route: "A - B - C"; an endpoint may be "ga X" ("Nhổn - ga Hà Nội") or
    an airport ("Hồ Tràm - sân bay Long Thành": MENTIONS.md, no airport inside a route)."""
    stop = r"(?:ga |(?i:sân bay|cảng hàng không)(?: (?i:quốc tế))? )"
    return rf"{name()}(?:\s?-\s?{stop}?{name()}){{0,3}}"


@cache
def route_alone() -> re.Pattern:
    """A route named after "tuyến" or "dự án" with no kind word ("tuyến Cát Linh - Hà Đông",
    "dự án Gia Nghĩa - Chơn Thành"), not restated in brackets ("metro số 1 (tuyến Bến Thành
    - Suối Tiên)")."""
    return re.compile(
        rf"(?<!\w)(?<!\()(?<!\( )(?:[Tt]uyến|[Dd]ự án)\s+"
        rf"(?P<name>{name()}(?:\s?-\s?(?:ga )?{name()}){{1,3}})"
    )


_CITY = rf"(?: (?:{TP_HCM_ANY}|Hà Nội|- Vùng Thủ đô|Vùng Thủ đô))"


def _descriptors(*words: str) -> str:
    return "(?: (?:" + "|".join(words) + "))*"


# What "phía Tây" places when it is a side, not the western line's name: "phía tây tỉnh
# Quảng Ngãi", "phía Tây Hà Nội", "phía Tây Nghệ An", "phía Tây Bắc" (north-west), "phía Tây
# Nam Bộ", "phía Tây Nguyên" (not "phía Tây Gia Nghĩa - Chơn Thành", a section).
_PLACE_WORD = (
    r"(?:(?i:tỉnh|thành phố|tp|huyện|quận|xã|thị xã|phường|thủ đô|khu vực|vùng|đồng bằng)"
    r"|Bắc|Nam|Nguyên|TP\.?\s?HCM|Sài Gòn)(?!\w)"
)


def _places() -> str:
    """Place words and every province's name (:func:`analysis.gazetteer.province_names`)."""
    from analysis import gazetteer

    return rf"(?:{_PLACE_WORD}|(?i:{gazetteer.province_alternation()})(?!\w))"


@cache
def kind_patterns() -> dict[str, re.Pattern]:
    """Each kind's pattern: the kind word with its descriptors (``kw``) and the ``name``."""
    name_, route_ = name(), route()
    patterns = {
        # "cao tốc nối Nha Trang - Đà Lạt": a route after "nối" (resolve refuses "cao tốc nối
        # Tây Nguyên với ...", no route)
        "expressway": rf"(?P<kw>(?i:cao tốc)(?: đô thị)?(?: (?:kết )?nối)?) (?P<name>{route_})"
        # "phía Tây" ends the name, not "phía tây tỉnh Quảng Ngãi", "phía Tây Hà Nội" (a place)
        rf"(?P<side> phía (?i:Đông|Tây)(?! {_places()}))?"
        rf"(?P<section> đoạn (?:qua )?{route_})?",
        "national_road": r"(?P<kw>(?i:quốc lộ)|QL)\.? ?(?P<name>\d{1,3}[A-Z]?)\b",
        # a bypass or a coastal or sea-crossing road, named: "đường tránh Cao Lãnh", "đường
        # ven biển Dung Quất - Sa Huỳnh", "đường vượt biển Cần Giờ - Vũng Tàu"
        # (not "đường tránh Quốc lộ 1", the road itself, nor a sea route: "đường tránh Biển Đỏ")
        "national_road_named": rf"(?P<kw>(?i:đường (?:tránh|ven biển|vượt biển)))"
        r" (?!(?i:quốc lộ|ql|đt|tỉnh lộ|đường tỉnh|biển|eo|kênh|vịnh)(?![^\W\d_]))"
        rf"(?P<name>{route_})",
        "national_road_hcm": r"(?P<kw>(?i:đường)) (?P<name>Hồ Chí Minh)(?! ?-)(?P<section> đoạn "
        + route_
        + ")?",
        "provincial_road": r"(?P<kw>(?i:đường tỉnh|tỉnh lộ)|ĐT|DT|TL)\.? ?"
        r"(?P<name>\d{1,3}[A-Z]?)\b",
        # "vành đai 3", "Vành đai 2,5" (Hà Nội's two and a half, not ring road 2)
        "ring_road": r"(?P<kw>(?i:(?:đường )?vành đai)) (?P<name>\d(?:,5)?|[IV]{1,3})\b(?P<city>"
        + _CITY
        + ")?",
        # "cầu đường Bình Tiên", "Cầu - đường Nguyễn Khoái": a bridge with its road (not "cầu
        # vượt đường X", a flyover over a street, nor "cầu đường vượt biển A - B")
        "bridge": rf"(?P<kw>(?i:cầu)(?:(?: -)? (?i:đường)(?= [{UPPER}]))?"
        + _descriptors(
            "vượt sông", "vượt biển", "dây văng", "treo", "đường sắt", "vượt", "(?i:phao|sắt)"
        )
        # "cầu phao sông Lô": a river's name after a descriptor only (not "các cầu sông Hồng")
        + rf") (?P<name>(?:(?:(?<=phao )|(?<=sắt )|(?<=Phao )|(?<=Sắt ))sông )?{name_})",
        "tunnel": r"(?P<kw>(?i:hầm)"
        + _descriptors(
            "đường bộ qua đèo", "đường bộ", "chui", "xuyên núi", "đường sắt", "vượt sông"
        )
        + rf") (?P<name>{name_})",
        "railway": r"(?P<kw>(?i:đường sắt)"
        + _descriptors("tốc độ cao", "cao tốc", "quốc gia", "khổ tiêu chuẩn", "liên vận quốc tế")
        # "đường sắt Bắc - Nam tốc độ cao": the high-speed line, its kind word after the name
        + rf") (?P<name>{route_})(?P<speed> (?i:tốc độ cao)(?!\w)(?! (?:hơn|nhất)\b))?",
        # "metro số 2 đoạn Bến Thành - Thủ Thiêm", "đường sắt đô thị số 2 (đoạn Bến Thành - Thủ
        # Thiêm)": a section the gazetteer may know as a line, read (not in the span)
        "metro": r"(?P<kw>(?i:metro|tàu điện ngầm|đường sắt đô thị)) (?P<name>(?:tuyến )?số "
        rf"\d+[A-Z]?|{route_}|\d[A-Z]?\b)(?P<city>{_CITY})?"
        rf"(?:(?= \(?đoạn (?P<section>{route_})))?",
        "station": r"(?P<kw>(?i:nhà ga|ga)"
        + _descriptors(
            "liên vận quốc tế", "liên vận", "quốc tế", "đường sắt", "metro", "ngầm", "trên cao"
        )
        + rf") (?P<name>{name_})",
        # "Cảng HKQT Vân Đồn", "Nhà ga Quốc tế Đà Nẵng" and "nhà ga hành khách T1" (a
        # terminal) are airports, not a seaport "cảng HKQT" or stations "ga Quốc", "ga Nội".
        "airport": r"(?P<kw>(?:(?i:sân bay|phi trường|cảng hàng không)|(?i:cảng) HK(?:QT)?\b"
        r"|CHKQT|CHK|(?i:nhà ga (?:hành khách )?(?:quốc tế|quốc nội|nội địa)"
        r"|nhà ga hành khách(?= T\d\b)))"
        + _descriptors("(?i:quốc tế)", "quốc nội", "nội địa", "dân dụng", "lưỡng dụng", "thứ hai")
        + rf") (?P<name>(?!C?HK(?:QT)?\b){name_})",
        "seaport": r"(?P<kw>(?i:(?:bến )?cảng)"  # "bến cảng container Liên Chiểu": a terminal
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
            "(?i:cá|dầu)",  # "cảng cá Tịnh Hòa": a fishing port, its entity apart (resolve)
            "(?i:khách)",
        )
        + rf") (?P<name>(?!HK(?:QT)?\b){route_})",  # "cảng HKQT": an airport (above)
        "border_gate": r"(?P<kw>(?i:cửa khẩu)"
        + _descriptors(
            "quốc tế", "Quốc tế", "chính", "phụ", "song phương", "đường bộ", "đường sắt", "quốc gia"
        )
        + rf") (?P<name>{name_})",
        "reservoir": r"(?P<kw>(?i:hồ chứa nước|hồ chứa thủy lợi|hồ chứa|hồ thủy lợi|thủy lợi|hồ"
        rf"|đập)) (?P<name>{route_})",
        # "gói thầu số 5", "gói thầu 5.10", "gói thầu XL02", "Gói thầu Xây lắp số 4", "gói xây
        # lắp số 1"; not a value ("gói thầu 36.000 tỉ", "gói thầu 38 tỉ")
        "bid_package": r"(?P<kw>(?i:gói thầu(?: xây lắp)?|gói xây lắp)) "
        r"(?P<name>số ?\d{1,3}[A-Z]?\b"
        r"|\d{1,3}(?:\.\d{1,2})?[A-Z]?\b(?![.,]\d)(?! ?(?:tỷ|tỉ|triệu|nghìn|ngàn|%))"
        r"|[A-Z]{1,5}[-.]?\d{1,3}[A-Z]?(?:[-.][A-Z0-9]{1,4})*\b)",
    }
    return {kind: re.compile(pattern) for kind, pattern in patterns.items()}


# An organisation's name that ends in a facility ("Chi cục Hải quan sân bay Tân Sơn Nhất",
# "Ban QLDA hầm đường bộ Hải Vân", "Tổng công ty Cảng hàng không Việt Nam"): the head word,
# then words that each start with a capital (one lower-case syllable may follow: "Hải quan",
# "An ninh Hàng không"), then the kind word. "Sở GTVT cho biết cầu X" is not one.
COMPANY = re.compile(
    rf"(?:(?i:công ty|tập đoàn)|TCT|CTCP|Cổ phần|cổ phần|TNHH|Ban quản lý|Ban Quản lý|Ban QLDA|BQL"
    rf"|Cảng vụ|Cục|Chi cục|Sở|Viện|Trung tâm|Xí nghiệp|Hãng|Đoàn|Phòng|Cơ quan)"
    rf"(?: [{UPPER}0-9][\w.&-]*(?: [{LOWER}]+)?){{0,4}} $"
)
# A plural before a kind word ("hai hồ", "3 sân bay"): a word of its own (not the "hai" of
# "triển khai"), and not a number that names or dates ("đường băng số 2 sân bay X", "giai
# đoạn 2 sân bay X", "Năm 2025 cầu X", "Ngày 19/8 cầu X").
PLURAL = re.compile(
    r"(?<!\w)(?i:(?:hai|ba|bốn|năm|các|những"
    r"|(?<![/.\-])(?<!số )(?<!đoạn )(?<!thứ )(?<!năm )(?<!lần )(?<!đợt )\d+)"
    r"(?: tuyến| dự án)?) $"
)
ASIDE = re.compile(r" \([^()\n]{1,40}\)(?=\s*,|\s+(?:và|hoặc|với)\s)")  # before a listed name
TERMINAL = re.compile(r"(T\d)\b(?: (.+))?")  # "T3", "T3 Tân Sơn Nhất": an airport's terminal
TERMINAL_OF = re.compile(r"\s*(?:[-–,(]|của|tại|ở|thuộc)?\s*")  # "T4 của sân bay X", "T3 - X"
COORDINATION = re.compile(r"(?:\s*,\s*|\s+(?:và|hoặc|với)\s+|\s?-\s?)")
ROUTE_COORDINATION = re.compile(r"(?:\s*,\s*|\s+(?:và|hoặc|với|cùng với)\s+|\s?-\s?)")
# What introduces the sections of an expressway: "cao tốc Bắc - Nam gồm Quảng Ngãi - Hoài Nhơn,
# ..."; "dự án thành phần Chí Thạnh - Vân Phong", "đoạn cuối cùng Hậu Giang - Cà Mau" name one
# without its kind word.
SECTION_LIST = re.compile(r"\s+(?:bao )?gồm(?: các)?(?: dự án| đoạn| tuyến)?(?: thành phần)?:?\s+")
# Other kinds of line in a sentence that names a section without its kind word.
OTHER_LINE = re.compile(
    r"(?<!\w)(?:đường sắt|metro|tàu điện|vành đai|đường dây|kv|quốc lộ|ql|đường tỉnh)(?!\w)"
)
SECTION_INTRO = re.compile(
    rf"(?i:dự án thành phần(?: số)?(?: \d{{1,2}})?|dự án đoạn|đoạn cuối(?: cùng)?) (?=[{UPPER}])"
)
NUMBER_LIST = re.compile(
    r"(?:\s*,\s*|\s+(?:và|hoặc)\s+)(?:(?i:quốc lộ|QL|ĐT|đường tỉnh) ?)?"
    r"(\d{1,3}[A-Z]?)\b"
)
# Ring roads listed by number after one: "vành đai 3, 4", "ba vành đai 3; 3,5 và 4".
RING_LIST = re.compile(r"(?:\s*[,;]\s*|\s+(?:và|hoặc)\s+)(\d(?:,5)?)\b(?![.,]\d)")
UNIT_AFTER = re.compile(r"\s*(?:làn|năm|tháng|ngày|km|m\b|tuyến|dự án|người|tỷ|tỉ|triệu|%)", re.I)
BID_LIST = re.compile(r"(?:\s*,\s*|\s+(?:và|hoặc)\s+)(?:gói thầu )?(số ?\d{1,3}[A-Z]?)\b")
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”'‘’(\[\n–-]\s*|\n)$")
NOT_XA_LO = r"(?<![Xx]a [Ll]ộ )"  # "Xa lộ Hà Nội" is a road of TP.HCM, not the city
CITY_CONTEXT = re.compile(rf"{TP_HCM_ANY}|Sài Gòn|{NOT_XA_LO}Hà Nội|Thủ đô")
# A bus, coach, train or flight service's route ("nhà xe chạy tuyến Quy Nhơn - Pleiku", "xe
# khách tuyến", "xe giường nằm tuyến", "tàu tuyến Hà Nội - Hải Phòng", "chuyến bay tuyến"):
# "xe" or another such word, then at most one word; "thông xe tuyến", "làn xe" are the line's.
SERVICE_BEFORE = re.compile(
    r"(?i:tài xế|chạy(?! thử)|tàu|buýt|vé|hãng|hành khách|bay|giường nằm|limousine"
    r"|(?<!thông )(?<!làn )(?<!\w)xe)\W*(?:\w+\W+)?$"
)
# A sentence about a railway or a waterway, where a route is no expressway ("Ngành đường sắt
# khai thác tuyến Hà Nội - Hải Phòng với 4 đôi tàu"; not "Vũng Tàu").
RAIL_OR_WATER = re.compile(r"(?i:đường sắt|đường thủy)|(?<![Vv]ũng )(?<!\w)[Tt]àu(?!\w)")
AIRPORT_CONTEXT = re.compile(r"(?i:sân bay|hàng không|chuyến bay|cất cánh|hạ cánh|đường băng)")
KIND_WORD_BEFORE = re.compile(
    r"(?i:sân bay|phi trường|cảng hàng không(?: quốc tế)?|cảng(?: biển)?|cửa khẩu) $"
)
TITLE_WORD = re.compile(rf"[{UPPER}][{LOWER}]*$")
WORD_CHAR = re.compile(r"\w")
