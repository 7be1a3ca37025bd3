"""Mentions as tables: one row per mention with its sentence, and one row per facility."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pandas as pd
from tqdm import tqdm

from analysis import gazetteer
from analysis.gazetteer import canonical
from analysis.mentions import lexicon, resolve
from analysis.mentions.finder import Mention, find_mentions
from analysis.schemas import ENTITIES, MENTIONS, conform
from analysis.text import sentence_at


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
        found = {
            field: find_mentions(text)
            for field, text in parts.items()
            if isinstance(text, str) and text
        }
        for field, mentions in _with_cities(found, parts).items():
            text = parts[field]
            for m in mentions:
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
    frame = pd.DataFrame(rows, columns=MENTIONS.columns)
    return MENTIONS.validate(conform(frame, MENTIONS))


def _with_cities(found: dict[str, list[Mention]], parts: dict) -> dict[str, list[Mention]]:
    """An article's mentions with the city of a ring road or metro line that its own field
    left without one ("Vành đai 3" in a lead whose title says "TP.HCM"): the city the title
    or lead gives the same line, else the one city the title and lead name outright, if only
    one (a field is read alone, so its city may stand in another). The body is not read for
    it: a long text names cities in passing."""
    cityless = sorted(
        {m.entity_id for ms in found.values() for m in ms if resolve.cityless(m.entity_id)}
    )
    if not cityless:
        return found
    head = ("title", "lead")
    named = {m.entity_id for field in head for m in found.get(field, [])}
    cities = resolve.cities_named(
        " ".join(t for f, t in parts.items() if f in head and isinstance(t, str))
    )
    chosen = {}
    for entity in cityless:
        given = {where for where in ("hà nội", "tp.hcm") if f"{entity} {where}" in named}
        where = sorted(given or cities)
        if len(where) == 1:
            chosen[entity] = resolve.with_city(entity, where[0])
    return {
        field: [
            replace(m, entity_id=chosen[m.entity_id][0], entity_name=chosen[m.entity_id][1])
            if m.entity_id in chosen
            else m
            for m in ms
        ]
        for field, ms in found.items()
    }


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


KIND_WORDS = lexicon.words("kind_word")  # "cầu", "sân bay", "gói thầu" ...


def with_kind_word(name: str, entity_id: str) -> str:
    """``name`` with the kind word its entity's id starts with, when it is written without
    one, in a list or by its ends alone ("Bắc Hồng" of "ga bắc hồng": "Ga Bắc Hồng";
    "Nhổn - Cầu Giấy" of "metro cầu giấy - nhổn": "Metro Nhổn - Cầu Giấy")."""
    written = canonical(name)
    if entity_id.startswith(written):
        return name
    ends = written.split(" - ")
    at = min(entity_id.find(" " + end) + 1 for end in ends)
    kind = entity_id[:at]
    if kind.strip() not in KIND_WORDS or sorted(entity_id[at:].split(" - ")) != sorted(ends):
        return name
    return kind + re.sub(r"^Số(?= \d)", "số", name)  # "gói thầu số 2", not "Số 2"


def _qualified(name: str, entity_id: str) -> str:
    """``name`` with the city or airport that its entity's id adds and no written form
    carries ("Metro số 5" of "metro số 5 hà nội": "Metro số 5 Hà Nội")."""
    written = canonical(name)
    if entity_id == written or not entity_id.startswith(written + " "):
        return name
    tail = entity_id[len(written) + 1 :]
    return f"{name} {'TP.HCM' if tail == 'tp.hcm' else tail.title()}"


def entities(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per entity: id, name, kind, provinces, mention and article counts."""
    known = {f.entity_id: f for f in gazetteer.facilities()}
    if mentions.empty:
        return ENTITIES.empty()
    grouped = mentions.groupby("entity_id", sort=True)
    # Facilities outside the gazetteer are named as the news most often writes them (with
    # the kind word: "cầu Rạch Miễu", not a bare "279"), first letter capitalised; a ring
    # road, metro line or terminal told apart by its city or airport as the news writes it
    # with that ("Vành đai 3 TP.HCM", not "Vành đai 3", which is also Hà Nội's).
    written = mentions[mentions["text"].str.contains(" ", regex=False)]
    carries = [
        canonical(e) in canonical(t)
        for e, t in zip(written["entity_id"], written["text"], strict=True)
    ]
    whole = written[np.array(carries, dtype=bool)]

    def most_written(forms: pd.DataFrame) -> pd.Series:
        return forms.groupby("entity_id")["text"].agg(lambda s: s.value_counts().index[0])

    common = most_written(whole).combine_first(most_written(written))
    table = pd.DataFrame(
        {
            "entity_name": grouped["entity_name"].agg(lambda s: s.value_counts().index[0]),
            "kind": grouped["kind"].agg(lambda s: s.value_counts().index[0]),
            "mention_count": grouped.size(),
            "article_count": grouped["article_id"].nunique(),
        }
    ).reset_index()
    table["entity_name"] = [
        known[e].name
        if e in known
        else _qualified(_capitalised(with_kind_word(common.get(e, n), e)), e)
        for e, n in zip(table.entity_id, table.entity_name, strict=True)
    ]
    # Outside the gazetteer, the provinces its name gives ("Vành đai 3 TP.HCM", "cao tốc Cần Thơ
    # - Hậu Giang", "ga Huế"); not a bridge's ("cầu Bình Phước" is in TP.HCM).
    table["provinces"] = [
        list(known[e].provinces)
        if e in known
        else []
        if kind == "bridge"
        else gazetteer.provinces_named_in(e)
        for e, kind in zip(table.entity_id, table.kind, strict=True)
    ]
    table = table.sort_values(["mention_count", "entity_id"], ascending=[False, True])
    return ENTITIES.validate(conform(table.reset_index(drop=True), ENTITIES))


def mentions_by_article(mentions: pd.DataFrame) -> dict[str, dict[str, list[Mention]]]:
    """The mentions of a mentions table as :class:`Mention`, by article and field, in the
    table's order (one pass over plain columns: a sub-table per article cost
    ``analysis.events.extract_events`` half its time)."""
    names = ("article_id", "field", "start", "end", "text", "kind", "entity_id", "entity_name")
    out: dict[str, dict[str, list[Mention]]] = {}
    for article_id, field, start, end, *rest in zip(
        *(mentions[c].tolist() for c in names), strict=True
    ):
        out.setdefault(article_id, {}).setdefault(field, []).append(
            Mention(int(start), int(end), *rest)
        )
    return out
