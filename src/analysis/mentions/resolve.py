"""Entity resolution: which physical facility a mention names, one small function per kind.

Each resolver takes the kind word as written (``kw``), the name, the regular-expression match
and the folded text, and returns ``(entity_id, entity_name)``, or None when the candidate is no
mention after all ("đường sắt Hà Nội" is an operator, "hồ Gươm" a lake). Known facilities get
the gazetteer's id; others the canonical name (lower case, folded, endpoints of a route in
sorted order so "A - B" and "B - A" meet).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis import gazetteer
from analysis.gazetteer import canonical
from analysis.mentions import lexicon
from analysis.mentions.patterns import (
    CITY_CONTEXT,
    NOT_XA_LO,
    RAIL_OR_WATER,
    SERVICE_BEFORE,
    route_alone,
)
from analysis.text import sentence_at

Entity = tuple[str, str]
ROAD_LABELS = {"national_road": "quốc lộ", "provincial_road": "đường tỉnh"}
# A kind word's plain name, for facilities the gazetteer does not know.
FACILITY_PREFIXES = {
    "bridge": "cầu",
    "tunnel": "hầm",
    "station": "ga",
    "airport": "sân bay",
    "seaport": "cảng",
    "border_gate": "cửa khẩu",
}


def road(kind: str, number: str) -> Entity:
    """A numbered road: "quốc lộ 31", "đường tỉnh 753". QL1A is the old name of QL1."""
    number = number.upper()
    if kind == "national_road" and number == "1A":
        number = "1"
    label = ROAD_LABELS[kind]
    return f"{label} {number.lower()}", f"{label} {number}"


def terminal(number: str, airport: str | None = None) -> Entity:
    """An airport's terminal ("T3"), with its airport's entity when known: "nhà ga t3 tân sơn
    nhất"; a terminal of no named airport is "nhà ga t3"."""
    label = f"nhà ga {number.lower()}"
    if airport:
        label = f"{label} {airport.removeprefix('sân bay ')}"
    return label, label


def bare_terminal(entity_id: str) -> str | None:
    """The number ("t3") of a terminal of no named airport ("nhà ga t3", as :func:`terminal`
    writes it); None for any other entity."""
    bare = re.fullmatch(r"nhà ga (t\d)", entity_id)
    return bare.group(1) if bare else None


def is_terminal(entity_id: str) -> bool:
    """Whether an airport's entity is one of its terminals' (:func:`terminal`)."""
    return entity_id.startswith("nhà ga ")


def city(match: re.Match, folded: str) -> str:
    """The city a ring road or metro line belongs to: named after it, else in the text."""
    named = match.group("city") if "city" in match.re.groupindex else None
    source = named
    if source is None:
        found = CITY_CONTEXT.search(folded)
        source = found.group(0) if found else ""
    source = canonical(source).lstrip("- ")
    if source in ("hà nội", "thủ đô", "vùng thủ đô"):
        return "hà nội"
    if source in ("tp.hcm", "tp. hồ chí minh", "sài gòn"):
        return "tp.hcm"
    return ""


# A ring road or metro line that its text left without its city ("vành đai 3", "metro số 2").
_CITYLESS = re.compile(r"(?:vành đai [\d,]+|metro số \d+)")


def cityless(entity_id: str) -> bool:
    """Whether the entity is a numbered ring road or metro line whose city was not read."""
    return _CITYLESS.fullmatch(entity_id) is not None


def with_city(entity_id: str, where: str) -> Entity:
    """A city-less ring road or metro line (:func:`cityless`) of the city ``where`` ("hà nội",
    "tp.hcm"): "vành đai 3" -> "vành đai 3 tp.hcm", with the gazetteer's name when it has it."""
    label = f"{entity_id} {where}"
    known = [f.name for f in gazetteer.facilities() if f.entity_id == label]
    return label, known[0] if known else label


# The cities an article names, for a line its own field left without one: written out, not
# "Sài Gòn" (a port's, a jeweller's, a bank's name as often) nor "Thủ đô" (any capital).
_NAMED_CITY = re.compile(
    r"(?<!\w)(?:(?P<hcm>(?i:tp\.?\s?hcm|tp\.?\s?hồ chí minh|thành phố hồ chí minh))"
    rf"|(?P<hn>{NOT_XA_LO}Hà Nội))(?!\w)"
)


def cities_named(text: str) -> set[str]:
    """The cities (as :func:`city` writes them) that ``text`` names outright: "TP.HCM",
    "Tp. Hồ Chí Minh", "thành phố Hồ Chí Minh", "Hà Nội"."""
    return {"tp.hcm" if m.group("hcm") else "hà nội" for m in _NAMED_CITY.finditer(text)}


def metro_route(name: str) -> Entity | None:
    """A metro line named by its endpoints ("Nhổn - ga Hà Nội"), when the gazetteer has it."""
    wanted = frozenset(gazetteer.endpoints(name.replace("Ga ", "ga ")))
    for ends, facility in gazetteer.endpoint_sets("metro"):
        if ends == wanted:
            return facility.entity_id, facility.name
    return None


def _route(kind: str, kw: str, name: str, match: re.Match, folded: str) -> Entity | None:
    side = match.groupdict().get("side") or ""
    if canonical(side) == "phía tây" and gazetteer.match_route(kind, name + side):
        name += side  # "cao tốc Bắc - Nam phía Tây", another line than the eastern one
    key, kw_key = canonical(name), canonical(kw)
    prefix = "cao tốc" if kind == "expressway" else "đường sắt"
    speed = match.groupdict().get("speed")
    if kind == "railway" and ("tốc độ cao" in kw_key or "cao tốc" in kw_key or speed):
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


def _ho_chi_minh_road(kw: str, name: str, match: re.Match, folded: str) -> Entity:
    return "đường hồ chí minh", "đường Hồ Chí Minh"


def _named_road(kw: str, name: str, match: re.Match, folded: str) -> Entity | None:
    """A bypass named by its town ("đường tránh Bảo Lộc"); a coastal or sea-crossing road
    only by its two ends ("đường vượt biển Cần Giờ - Vũng Tàu", not "đường ven biển Hà
    Tĩnh" nor "đường vượt biển Cần Giờ", as the mentions' dev gold reads it)."""
    if "tránh" not in canonical(kw) and " - " not in canonical(name):
        return None
    label = canonical(f"{kw} {name}")
    return label, label


def _numbered_road(kind: str) -> Callable[..., Entity]:
    return lambda kw, name, match, folded: road(kind, canonical(name))


def _ring_road(kw: str, name: str, match: re.Match, folded: str) -> Entity:
    roman = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5"}
    label = f"vành đai {roman.get(name, name)} {city(match, folded)}".strip()
    return label, label


def _line_named_by_endpoints(folded: str, prefix: str) -> gazetteer.Facility | None:
    """The metro line (its id starting with ``prefix``) whose endpoints all stand in the text."""
    text = canonical(folded)
    for ends, facility in gazetteer.endpoint_sets("metro"):
        if facility.entity_id.startswith(prefix) and all(end in text for end in ends):
            return facility
    return None


def _metro(kw: str, name: str, match: re.Match, folded: str) -> Entity | None:
    line = _metro_line(kw, name, match, folded)
    section = match.groupdict().get("section")
    part = metro_route(section) if section and line is not None else None
    # A section the gazetteer knows as a line of its own, sharing an end with the line named
    # ("metro số 2 đoạn Bến Thành - Thủ Thiêm", TP.HCM's line 2 running on from Bến Thành);
    # else the line itself ("metro số 2, đoạn Bến Thành - Tham Lương").
    if part is not None and _ends(part[0]) & _ends(line[0]):
        return part
    return line


def _ends(entity_id: str) -> set[str]:
    """The endpoints the gazetteer gives the metro line ``entity_id`` (none if it has none)."""
    return {
        e for ends, f in gazetteer.endpoint_sets("metro") if f.entity_id == entity_id for e in ends
    }


def _metro_line(kw: str, name: str, match: re.Match, folded: str) -> Entity | None:
    key = canonical(name)
    if key in ("tp.hcm", "hà nội", "sài gòn"):
        return None  # the city's system or its operator, not a line
    where = city(match, folded)
    short = key.removeprefix("tuyến ")
    facility = gazetteer.by_alias("metro").get(short) or gazetteer.match_route("metro", name)
    if facility is not None and not where and short.startswith("số "):
        # "Tuyến số 2, đoạn Nam Thăng Long - Trần Hưng Đạo": with no city named, the line
        # whose endpoints the text names is meant (Hà Nội's line 2, not TP.HCM's).
        facility = _line_named_by_endpoints(folded, f"metro {short} ") or facility
    if facility is not None and (not where or facility.entity_id.endswith(where) or "-" in key):
        return facility.entity_id, facility.name
    if short.startswith("số ") or short[:1].isdigit():
        label = f"metro số {short.removeprefix('số ')} {where}".strip()
        return label, label
    return f"metro {' - '.join(sorted(gazetteer.endpoints(name)))}", f"metro {key}"


def bid_package(code: str) -> Entity:
    """A bid package by its number or code: "gói thầu số 5", "gói thầu XL02", "gói thầu 5.10"."""
    code = code.replace("số", "").strip()
    if re.fullmatch(r"\d+\.\d+", code):
        return f"gói thầu {code}", f"gói thầu {code}"  # "5.10", not package 510
    code = re.sub(r"[-.]", "", code).replace(" ", "")
    label = f"gói thầu số {code}" if code.isdigit() else f"gói thầu {code}"
    return label, label


def _bid_package(kw: str, name: str, match: re.Match, folded: str) -> Entity:
    return bid_package(canonical(name))


def _reservoir(kw: str, name: str, match: re.Match, folded: str) -> Entity | None:
    key, kw_key = canonical(name), canonical(kw)
    facility = gazetteer.by_alias("reservoir").get(key)
    if kw_key in lexicon.words("gazetteer_only") and facility is None:
        return None
    if facility is not None:
        return facility.entity_id, facility.name
    label = {"thủy lợi": f"thủy lợi {key}", "đập": f"đập {key}"}.get(kw_key, f"hồ {key}")
    return label, label


_CITIES = ("tp.hcm", "hà nội")  # the two cities as canonical() writes them


_KEPT_DESCRIPTORS = ("cạn", "cá", "dầu", "phao")


def _facility(kind: str) -> Callable[..., Entity]:
    def resolve(kw: str, name: str, match: re.Match, folded: str) -> Entity | None:
        key = canonical(name)
        # a dry, fishing or oil port, a pontoon bridge: not the port or bridge of that name
        kept = next((w for w in canonical(kw).split() if w in _KEPT_DESCRIPTORS), None)
        if kept:
            label = f"{FACILITY_PREFIXES[kind]} {kept} {key}"
            return label, label
        if kind == "station" and "metro" in canonical(kw) and key in _CITIES:
            return None  # "ga metro TP.HCM", "nhà ga metro Hà Nội": the city's stations
        # "sân bay Tân Sơn Nhất TP.HCM", "cầu Thủ Thiêm 2 TP.HCM": the facility, its city after it
        city_tail = re.fullmatch(rf"(.+?)[\s,-]+(?:{'|'.join(map(re.escape, _CITIES))})", key)
        if city_tail:
            key = city_tail.group(1)
            if key in lexicon.words("refused_name", kind):
                return None  # "cảng Sài Gòn TP.HCM" as "cảng Sài Gòn"
        facility = gazetteer.by_alias(kind).get(key)
        if facility is not None:
            return facility.entity_id, facility.name
        label = f"{FACILITY_PREFIXES[kind]} {key}"
        return label, label

    return resolve


RESOLVERS: dict[str, Callable[..., Entity | None]] = {
    "expressway": lambda kw, name, match, folded: _route("expressway", kw, name, match, folded),
    "railway": lambda kw, name, match, folded: _route("railway", kw, name, match, folded),
    "national_road": _numbered_road("national_road"),
    "national_road_hcm": _ho_chi_minh_road,
    "national_road_named": _named_road,
    "provincial_road": _numbered_road("provincial_road"),
    "ring_road": _ring_road,
    "metro": _metro,
    "bid_package": _bid_package,
    "reservoir": _reservoir,
    **{kind: _facility(kind) for kind in FACILITY_PREFIXES},
}


def resolve(kind: str, kw: str, name: str, match: re.Match, folded: str) -> Entity | None:
    """(entity_id, entity_name) of a kind-word mention; None when it is not a mention."""
    key = canonical(name)
    if key in lexicon.words("refused_name", kind) or key in lexicon.words("country"):
        return None
    if "nối" in canonical(kw).split() and " - " not in canonical(name):
        return None  # "cao tốc nối Tây Nguyên với Đông Nam Bộ": no route named
    if kind in ("expressway", "railway", "metro") and any(
        end in lexicon.words("country_short") for end in gazetteer.endpoints(name)
    ):
        return None
    return RESOLVERS[kind](kw, name, match, folded)


_LINES = ("expressway", "railway", "metro")


def routes_named_alone(folded: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, kind, entity_id, entity_name) of each route named alone after "tuyến" or
    "dự án" (:func:`patterns.route_alone`) that the gazetteer knows, by its name or its
    endpoints in any order, as one kind of line only ("Hà Nội - Hải Phòng" is an expressway
    there; "Bắc - Nam" both an expressway and a railway, so not taken), and not a service's
    route (:data:`patterns.SERVICE_BEFORE`) nor an expressway in a sentence about a railway
    or a waterway. Words after the route are let go one by one, none of its ends, until it
    is known ("tuyến Cần Thơ - Cà Mau Thủ tướng ..."; "Hà Nội - Hải Phòng - Quảng Ninh" is
    no "Hà Nội - Hải Phòng")."""
    found = []
    for named in route_alone().finditer(folded):
        if SERVICE_BEFORE.search(folded[max(0, named.start() - 25) : named.start()]):
            continue
        words = named.group("name").split(" ")
        dashes = named.group("name").count("-")
        while words:
            name = " ".join(words).strip(" -")
            if name.count("-") < dashes:
                break
            lines = [(k, f) for k in _LINES if (f := gazetteer.match_route(k, name, False))]
            if lines:
                start, end = named.start("name"), named.start("name") + len(name)
                kind, facility = lines[0]
                if len(lines) == 1 and not (
                    kind == "expressway" and RAIL_OR_WATER.search(sentence_at(folded, start, end))
                ):
                    found.append((start, end, kind, facility.entity_id, facility.name))
                break
            words.pop()
    return found
