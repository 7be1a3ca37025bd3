"""The curated gazetteer of named facilities and the province table, read from package data.

``data/gazetteer.csv``: one row per physical facility: ``entity_id`` (canonical lower-case
name), ``name`` (display), ``kind``, ``aliases`` (``|``-separated surface names without the
kind word; for expressways and railways the endpoints "A - B - C"), ``provinces`` (current,
``|``-separated) and ``name_only``: ``yes`` when the bare name means the facility
("Tân Sơn Nhất"), ``context`` when it does only if the text also names the facility with its
kind word ("Long Thành": the airport or the district), ``no`` otherwise. Seeded from
``../shared/gazetteers`` (airports) and extended by hand with the major expressways, seaports,
border gates, tunnels, metro lines, railways and reservoirs; patterns in
:mod:`analysis.mentions` find the facilities that are not in it.

``data/provinces.csv``: the 63 provinces before the 2025 merger, each with the one of the
34 current provinces it belongs to, and the other ways the news writes its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd

from analysis.text import TP_HCM_ANY, fold

_TP_HCM = re.compile(rf"\b(?:{TP_HCM_ANY})\b", re.IGNORECASE)
_HYPHEN = re.compile(r"\s*-\s*")
_SPACES = re.compile(r"\s+")


def canonical(name: str) -> str:
    """Lower case, folded, ``tp.hcm`` written one way, `` - `` between endpoints."""
    text = fold(name).lower()
    text = _TP_HCM.sub("tp.hcm", text)
    text = _HYPHEN.sub(" - ", text)
    return _SPACES.sub(" ", text).strip()


def endpoints(name: str) -> tuple[str, ...]:
    """The canonical endpoints of "A - B - C" (an airport end by its place: "Hồ Tràm - sân
    bay Long Thành" ends at "long thành", as "Long Thành - Hồ Tràm" does)."""
    parts = (_AIRPORT_END.sub("", part) for part in canonical(name).split(" - "))
    return tuple(part for part in parts if part)


_AIRPORT_END = re.compile(r"^(?:cảng hàng không|sân bay)(?: quốc tế)? ")


@dataclass(frozen=True)
class Facility:
    entity_id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    provinces: tuple[str, ...]
    name_only: str


def _split(value) -> tuple[str, ...]:
    return tuple(v.strip() for v in str(value).split("|") if v.strip()) if pd.notna(value) else ()


@cache
def facilities() -> tuple[Facility, ...]:
    """Every facility of the packaged gazetteer."""
    with resources.files("analysis").joinpath("data/gazetteer.csv").open(encoding="utf-8") as f:
        table = pd.read_csv(f, dtype=str)
    return tuple(
        Facility(
            entity_id=row.entity_id,
            name=row.name,
            kind=row.kind,
            aliases=_split(row.aliases),
            provinces=_split(row.provinces),
            name_only=row.name_only,
        )
        for row in table.itertuples(index=False)
    )


@cache
def provinces() -> pd.DataFrame:
    """The 63 former provinces: ``former``, ``current`` (of the 34) and ``aliases``."""
    with resources.files("analysis").joinpath("data/provinces.csv").open(encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False)


@cache
def province_names() -> frozenset[str]:
    """Every way the news names a province, former or current, in canonical form."""
    return frozenset(_current_province())


@cache
def _current_province() -> dict[str, str]:
    """The current province (of the 34) of each way of naming a province, in canonical form."""
    current = {}
    for row in provinces().itertuples(index=False):
        current.update(
            {canonical(n): row.current for n in (row.former, row.current, *_split(row.aliases))}
        )
    return current


@cache
def province_alternation() -> str:
    """Every name of :func:`province_names` as one regex alternation, the longest first ("bà
    rịa - vũng tàu" before "vũng tàu" could match)."""
    return "|".join(map(re.escape, sorted(_current_province(), key=len, reverse=True)))


@cache
def _province_pattern() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{province_alternation()})(?!\w)")


def provinces_named_in(name: str) -> list[str]:
    """The current provinces a facility's own name places it in, in the name's order: "Vành
    đai 3 TP.HCM" TP.HCM, "cao tốc Cần Thơ - Hậu Giang" Cần Thơ, "cao tốc Bắc Giang - Lạng
    Sơn" Bắc Ninh and Lạng Sơn (Bắc Giang is Bắc Ninh's since 2025)."""
    found = (_current_province()[m.group(0)] for m in _province_pattern().finditer(canonical(name)))
    return list(dict.fromkeys(found))


@cache
def by_alias(kind: str) -> dict[str, Facility]:
    """Facilities of ``kind`` by the canonical form of each alias."""
    table: dict[str, Facility] = {}
    for facility in facilities():
        if facility.kind == kind:
            for alias in facility.aliases:
                table.setdefault(canonical(alias), facility)
    return table


@cache
def endpoint_sets(kind: str) -> tuple[tuple[frozenset[str], Facility], ...]:
    """(endpoints, facility) of every route of ``kind`` named "A - B - C" in the gazetteer."""
    return tuple(
        (frozenset(endpoints(alias)), facility)
        for facility in facilities()
        if facility.kind == kind
        for alias in facility.aliases
        if " - " in canonical(alias)
    )


def match_route(kind: str, name: str, partial: bool = True) -> Facility | None:
    """The facility of a route named by its endpoints, in any order, or by some of them.

    "Dầu Giây - Phan Thiết" is the gazetteer's "Phan Thiết - Dầu Giây"; "TP HCM - Long Thành"
    is part of "TP.HCM - Long Thành - Dầu Giây"; a single endpoint ("cao tốc Hồ Tràm") counts
    when exactly one route has it. ``partial=False``: all the endpoints, none left out.
    """
    exact = by_alias(kind).get(canonical(name))
    if exact is not None:
        return exact
    wanted = frozenset(endpoints(name))
    if not wanted:
        return None
    found = {f.entity_id: f for ends, f in endpoint_sets(kind) if ends == wanted}
    if not found and partial:
        found = {f.entity_id: f for ends, f in endpoint_sets(kind) if wanted < ends}
    return next(iter(found.values())) if len(found) == 1 else None
