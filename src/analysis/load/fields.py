"""Field mappings: which field of a source record feeds which article column.

Known sources are recognised by the fields their records carry. A new source needs no code: pass
``field_map={"title": "headline", "lead": "description", "published_at": "pubDate"}`` to
:func:`analysis.load.load` (dotted paths reach into nested JSON, e.g. ``"data.meta.uri"``).
Columns left out of a map stay null.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlparse

from analysis.config import VIETNAM_TIME

# Columns a field map may fill.
MAPPABLE = (
    "source_id",
    "url",
    "outlet",
    "category",
    "title",
    "lead",
    "body",
    "author",
    "published_at",
    "collected_at",
)


@dataclass(frozen=True)
class FieldMap:
    name: str
    fields: Mapping[str, str]
    # Fields whose presence identifies the source (all must be there).
    signature: frozenset[str] = field(default_factory=frozenset)
    constants: Mapping[str, str] = field(default_factory=dict)
    # Values of `category` that name no real section (catch-all feeds).
    no_category: frozenset[str] = frozenset()
    date_from_url: bool = False


KNOWN: tuple[FieldMap, ...] = (
    FieldMap(
        name="rss",
        fields={
            "source_id": "id",
            "url": "url",
            "outlet": "outlet",
            "category": "feed_category",
            "title": "title",
            "lead": "summary",
            "published_at": "published_at",
        },
        signature=frozenset({"id", "url", "title", "summary", "outlet", "published_at"}),
        no_category=frozenset({"Tổng hợp", "Tin mới", "Trang chủ", "Tin mới nhất"}),
    ),
    FieldMap(
        name="baomoi",
        fields={
            "source_id": "baomoi_id",
            "url": "url",
            "title": "title",
            "lead": "sapo",
            "body": "body",
            "collected_at": "first_commit_date",
        },
        signature=frozenset({"baomoi_id", "title"}),
        constants={"outlet": "Báo Mới"},
    ),
    FieldMap(
        name="label_studio",
        fields={
            "source_id": "id",
            "url": "data.meta.uri",
            "title": "data.text",
            "lead": "data.meta.description",
            "category": "annotations[topic]",
        },
        signature=frozenset({"data", "annotations"}),
        date_from_url=True,
    ),
    FieldMap(
        name="label_studio_task",
        fields={"url": "meta.uri", "title": "text", "lead": "meta.description"},
        signature=frozenset({"text", "meta"}),
        date_from_url=True,
    ),
)

_ALIASES = {
    "title": ("title", "headline", "tieu_de", "name"),
    "lead": ("lead", "summary", "description", "sapo", "abstract", "excerpt"),
    "body": ("body", "content", "text", "article", "noi_dung"),
    "url": ("url", "link", "uri", "href"),
    "published_at": ("published_at", "published", "pubDate", "pub_date", "date", "datetime"),
    "source_id": ("id", "guid", "article_id", "doc_id"),
    "outlet": ("outlet", "source", "publisher", "site"),
    "category": ("category", "section", "feed_category", "label"),
    "author": ("author", "byline", "creator"),
}


def guess_field_map(keys: set[str]) -> FieldMap:
    """The known map whose signature the keys carry, else one built from common names."""
    for known in KNOWN:
        if known.signature <= keys:
            return known
    fields = {}
    for column, aliases in _ALIASES.items():
        for alias in aliases:
            if alias in keys and alias not in fields.values():
                fields[column] = alias
                break
    return FieldMap(name="generic", fields=fields, signature=frozenset())


def custom_field_map(mapping: Mapping[str, str]) -> FieldMap:
    unknown = set(mapping) - set(MAPPABLE)
    if unknown:
        raise ValueError(
            f"field_map names unknown article columns {sorted(unknown)}; "
            f"mappable columns are {list(MAPPABLE)}"
        )
    return FieldMap(name="custom", fields=dict(mapping), signature=frozenset())


def get_path(record: Mapping, path: str) -> object:
    """Follow a dotted path; ``annotations[topic]`` collects Label Studio choices."""
    if path.endswith("]") and "[" in path:
        key, name = path[:-1].split("[", 1)
        items = record.get(key) or []
        choices: list[str] = []
        for item in items if isinstance(items, list) else []:
            if isinstance(item, Mapping) and item.get("from_name") == name:
                value = item.get("value") or {}
                choices.extend(str(c) for c in value.get("choices") or [])
        return "; ".join(choices) if choices else None
    value: object = record
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


KNOWN_OUTLETS = {
    "vnexpress.net": "VnExpress",
    "thanhnien.vn": "Thanh Niên",
    "tuoitre.vn": "Tuổi Trẻ",
    "dantri.com.vn": "Dân Trí",
    "vietnamnet.vn": "VietNamNet",
    "laodong.vn": "Lao Động",
    "baogiaothong.vn": "Báo Giao thông",
    "zingnews.vn": "Zing News",
    "news.zing.vn": "Zing News",
    "vov.vn": "VOV",
    "baomoi.com": "Báo Mới",
}


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).netloc.lower().split(":")[0]
    host = host.removeprefix("www.")
    return KNOWN_OUTLETS.get(host, host or None)


# CMS article ids that begin with the publication time: yyyymmddHHMMSS plus 0-4 more digits.
_URL_STAMP = re.compile(r"(?<!\d)(20\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)\d{0,4}(?!\d)")
_URL_DAY = re.compile(r"/(20\d\d)-(\d\d)-(\d\d)/")


def date_from_url(url: str | None) -> datetime | None:
    """Publication time from the timestamp many Vietnamese CMSs put in article URLs."""
    if not url:
        return None
    for match in _URL_STAMP.finditer(url):
        try:
            return datetime(*map(int, match.groups()), tzinfo=VIETNAM_TIME)
        except ValueError:
            continue
    match = _URL_DAY.search(url)
    if match:
        try:
            return datetime(*map(int, match.groups()), tzinfo=VIETNAM_TIME)
        except ValueError:
            return None
    return None
