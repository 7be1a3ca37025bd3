"""Raw rows from the readers to the four declared tables: clean, date, identify, flag."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute

from analysis.load.columns import clean_text_column, parse_datetime_column
from analysis.load.fields import outlet_from_url
from analysis.schemas import ARTICLES, REJECTS, RELATED, STRING_LIST, WARNINGS, conform

TEXT_COLUMNS = ("source_id", "url", "outlet", "category", "title", "lead", "body", "author")


def _identity(rows: pd.DataFrame) -> pd.Series:
    """What makes a record itself: its source id, else its URL, else its content."""
    identity = rows["id_scope"].fillna("") + "|id|" + rows["source_id"].fillna("")
    no_id = rows["source_id"].isna()
    if no_id.any():
        identity[no_id] = "url|" + rows.loc[no_id, "url"].fillna("")
        anonymous = no_id & rows["url"].isna()
        if anonymous.any():
            part = rows[anonymous]
            identity[anonymous] = (
                "text|"
                + part["outlet"].fillna("")
                + "|"
                + part["title"].fillna("")
                + "|"
                + part["published_at"].dt.strftime("%Y-%m-%dT%H:%M").fillna("")
                + "|"
                + part["lead"].fillna("").str.slice(0, 200)
                + "|"
                + part["body"].fillna("").str.slice(0, 500)
            )
    return identity


def make_article_ids(rows: pd.DataFrame) -> pd.Series:
    """16 hex digits of BLAKE2b of the identity; repeats of an identity get ``#2``, ``#3``."""
    identity = _identity(rows)
    occurrence = identity.groupby(identity, sort=False).cumcount()
    keyed = identity.where(occurrence == 0, identity + "#" + (occurrence + 1).astype(str))
    return keyed.map(
        lambda key: hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
    ).astype("str")


def _join(*columns: pd.Series) -> pd.Series:
    """Columns joined by a unit separator in C++ (nulls as empty), null where the first is."""
    arrays = [pa.array(c.fillna(""), type=pa.large_string()) for c in columns]
    separator = pa.scalar("\x1f", type=pa.large_string())
    joined = pa.compute.binary_join_element_wise(*arrays, separator)
    return pd.Series(joined, index=columns[0].index, dtype="str").where(columns[0].notna())


def flag_duplicates(rows: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Flag every copy after the earliest of an article seen before.

    Copies share a URL, or a title + publication day (Vietnam time) + outlet, or their whole
    text (title, lead and body). The earliest by publication (else collection) time is kept,
    ties going to the first read.
    """
    when = rows["published_at"].fillna(rows["collected_at"])
    # Undated rows last; int64 nanoseconds sort without boxing 178k timestamps.
    order = np.lexsort((np.arange(len(rows)), when.array.asi8, when.isna().to_numpy()))
    ordered = rows.iloc[order]
    published = ordered["published_at"]
    day = published.dt.tz_localize(None).dt.floor("D").astype("int64").astype("str")
    day = day.where(published.notna())
    title = pd.Series(
        pa.compute.utf8_lower(pa.array(ordered["title"], type=pa.large_string())),
        index=ordered.index,
        dtype="str",
    )
    keys = [
        ordered["url"],
        title + "|" + day + "|" + ordered["outlet"].fillna(""),
        _join(ordered["title"], ordered["lead"], ordered["body"]),
    ]
    ids = ordered["article_id"]
    is_dup = pd.Series(False, index=ordered.index)
    keep = pd.Series(None, index=ordered.index, dtype="str")
    for key in keys:
        key = key[key.notna()]
        if key.empty:
            continue
        dup = key.duplicated(keep="first")
        newly = dup & ~is_dup[key.index]
        if not newly.any():
            continue
        targets = key[newly]
        # The first copy of each key, looked up only for the (few) keys that repeat.
        firsts = key[~dup & key.isin(targets.unique())]
        first = pd.Series(ids[firsts.index].to_numpy(), index=firsts.to_numpy())
        is_dup[targets.index] = True
        keep[targets.index] = first.reindex(targets.to_numpy()).to_numpy()
    return is_dup.reindex(rows.index), keep.reindex(rows.index)


def caption_lists(values: pd.Series) -> pd.Series:
    """Captions as an Arrow list column; rows without captions get an empty list."""
    has = values.notna()
    if has.any():
        has = values.map(lambda v: isinstance(v, list | tuple | np.ndarray) and len(v) > 0)
    if not has.any():
        offsets = pa.array(np.zeros(len(values) + 1, dtype=np.int32))
        array = pa.ListArray.from_arrays(offsets, pa.array([], type=pa.string()))
    else:
        array = pa.array(
            [list(v) if h else [] for v, h in zip(values, has, strict=True)],
            type=pa.list_(pa.string()),
        )
    return pd.Series(array, index=values.index, dtype=STRING_LIST)


def finalize(
    rows: pd.DataFrame, rejects: list[dict]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rows = rows.reset_index(drop=True)
    for column in TEXT_COLUMNS:
        rows[column] = clean_text_column(rows[column])
    no_outlet = rows["outlet"].isna() & rows["url"].notna()
    if no_outlet.any():
        rows.loc[no_outlet, "outlet"] = rows.loc[no_outlet, "url"].map(outlet_from_url)
    published, warning, detail = parse_datetime_column(rows["published_at"])
    collected, _, _ = parse_datetime_column(rows["collected_at"])
    rows["published_at"] = published
    rows["collected_at"] = collected
    rows["article_id"] = make_article_ids(rows)
    rows["is_duplicate"], rows["duplicate_of"] = flag_duplicates(rows)
    rows["captions"] = caption_lists(rows["captions"])

    # A reader's own finding (a page's impossible date line) first, else the parser's.
    warning = rows["date_warning"].astype("str").fillna(warning)
    detail = rows["date_detail"].astype("str").fillna(detail)
    flagged = warning.notna()
    warnings = pd.DataFrame(
        {
            "source_path": rows.loc[flagged, "source_path"],
            "line": rows.loc[flagged, "source_line"],
            "article_id": rows.loc[flagged, "article_id"],
            "warning": warning[flagged],
            "detail": detail[flagged],
        }
    )

    has_related = rows["related"].map(lambda v: isinstance(v, list) and len(v) > 0)
    related_rows = [
        {"article_id": aid, "position": i, "title": title, "summary": summary}
        for aid, teasers in zip(
            rows.loc[has_related, "article_id"], rows.loc[has_related, "related"], strict=True
        )
        for i, (title, summary) in enumerate(teasers, start=1)
    ]

    articles = ARTICLES.validate(conform(rows, ARTICLES))
    related = RELATED.validate(conform(pd.DataFrame(related_rows), RELATED))
    reject_frame = REJECTS.validate(conform(pd.DataFrame(rejects), REJECTS))
    warning_frame = WARNINGS.validate(conform(warnings, WARNINGS))
    return articles, related, reject_frame, warning_frame
