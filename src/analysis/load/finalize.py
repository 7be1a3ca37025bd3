"""Raw rows from the readers to the four declared tables: clean, date, identify, flag."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.load.columns import clean_text_columns, parse_datetime_column
from analysis.load.fields import outlet_from_url
from analysis.load.threads import call, in_threads, submit
from analysis.schema_types import TableSchema
from analysis.schemas import (
    ARTICLES,
    REJECTS,
    RELATED,
    STRING_LIST,
    WARNINGS,
    conform,
    dated_at,
)

TEXT_COLUMNS = ("source_id", "url", "outlet", "category", "title", "lead", "body", "author")


def identities(rows: pd.DataFrame) -> pd.Series:
    """What makes a record itself: its source id, else its URL, else its content."""
    scope, source_id = (
        pc.fill_null(pa.array(rows[c], type=pa.large_string(), from_pandas=True), "")
        for c in ("id_scope", "source_id")
    )
    separator = pa.scalar("|id|", type=pa.large_string())
    joined = pc.binary_join_element_wise(scope, source_id, separator)  # in C++: 3x pandas' +
    identity = pd.Series(joined, index=rows.index, dtype="str")
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


def identity_hashes(identity: pd.Series) -> np.ndarray:
    """64-bit hashes of identities by :func:`pandas.util.hash_array` (SipHash-2-4 of their
    UTF-8 under pandas' fixed key ``0123456789123456``, then pandas' 64-bit mix), vectorised,
    the same on every run and machine. It is given the UTF-8 bytes, which it hashes as they
    are, rather than Python strings, which it would encode one by one (half the time)."""
    text = pa.array(identity, type=pa.large_string(), from_pandas=True)
    utf8 = pc.cast(text, pa.large_binary()).to_numpy(zero_copy_only=False)
    return pd.util.hash_array(utf8, categorize=False)


def hex_digits(hashes: np.ndarray, index: pd.Index) -> pd.Series:
    """64-bit hashes as 16 lower-case hex digits (most significant first): the big-endian
    bytes of all of them written out by ``bytes.hex`` at once, cut every 16 digits."""
    digits = hashes.astype(">u8").tobytes().hex().encode("ascii")
    offsets = np.arange(0, 16 * len(hashes) + 1, 16, dtype=np.int32)
    array = pa.StringArray.from_buffers(len(hashes), pa.py_buffer(offsets), pa.py_buffer(digits))
    return pd.Series(array, index=index, dtype="str")


def _id_hashes(identity: pd.Series, occurrence: pd.Series, hashes: np.ndarray | None) -> np.ndarray:
    hashes = identity_hashes(identity) if hashes is None else hashes.copy()
    repeat = occurrence.to_numpy() > 0
    if repeat.any():
        keyed = "repeat|" + (occurrence[repeat] + 1).astype(str) + "|" + identity[repeat]
        hashes[repeat] = identity_hashes(keyed)
    return hashes


def article_ids(
    identity: pd.Series, occurrence: pd.Series, hashes: np.ndarray | None = None
) -> pd.Series:
    """16 hex digits of the 64-bit hash of the identity (:func:`identity_hashes`, which
    ``hashes`` may hold already); its repeats (occurrence 1, 2 ...) hash ``repeat|2|identity``,
    ``repeat|3|identity``: no identity starts so (they start with a source kind and ``|id|``,
    or with ``url|`` or ``text|``), so a repeat never takes another record's id (a URL that
    ends in ``#2`` is an identity of its own)."""
    return hex_digits(_id_hashes(identity, occurrence, hashes), identity.index)


def make_article_ids(rows: pd.DataFrame) -> pd.Series:
    """Article ids of rows in reading order (see :func:`article_ids`), checked unique: on the
    64-bit numbers they spell (one to one), five times faster than on their text.

    Repeats are counted by hash, so two identities that hash alike get ids as a record and
    its repeat would (distinct); what can still coincide is a repeat's new hash and another
    record's, which stops the load with an error."""
    identity = identities(rows)
    hashes = identity_hashes(identity)
    if not pd.Series(hashes).duplicated().any():  # no identity repeats: nothing to count
        return hex_digits(hashes, identity.index)
    codes = pd.Series(pd.factorize(hashes)[0], index=identity.index)
    hashes = _id_hashes(identity, codes.groupby(codes, sort=False).cumcount(), hashes)
    clash = pd.Series(hashes).duplicated(keep=False).to_numpy()
    if clash.any():  # a repeat's hash meets another record's: about once in 2**64 pairs
        shown = identity[clash].head(4).tolist()
        raise ValueError(f"a 64-bit hash collision gave records the same article id: {shown}")
    return hex_digits(hashes, identity.index)


def _join(*columns: pd.Series) -> pd.Series:
    """Columns joined by a unit separator in C++ (nulls as empty), null where the first is."""
    arrays = [pa.array(c.fillna(""), type=pa.large_string()) for c in columns]
    separator = pa.scalar("\x1f", type=pa.large_string())
    joined = pc.binary_join_element_wise(*arrays, separator)
    return pd.Series(joined, index=columns[0].index, dtype="str").where(columns[0].notna())


def _hashed(key: pd.Series) -> pd.Series:
    """A key as a 64-bit hash (null stays null): compact to compare across a corpus."""
    hashed = pd.Series(pd.NA, index=key.index, dtype="UInt64")
    present = key.notna()
    if present.any():
        hashed[present] = pd.util.hash_pandas_object(key[present], index=False).to_numpy()
    return hashed


def _column_codes(column: pd.Series) -> np.ndarray:
    """Equal values as equal non-negative integers (nulls as empty text, or as -1 + 1)."""
    if pd.api.types.is_string_dtype(column.dtype):
        arr = pc.fill_null(pa.array(column, type=pa.large_string(), from_pandas=True), "")
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        return pc.dictionary_encode(arr).indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return pd.factorize(column, use_na_sentinel=True)[0].astype(np.int64) + 1


def _refine(combined: np.ndarray, *columns: pd.Series) -> np.ndarray:
    """Codes ``combined`` split further by ``columns`` (their nulls count as empty). A column is
    only encoded for the rows whose codes so far repeat, since the others are already unique."""
    for column in columns:
        shared = np.bincount(combined)[combined] > 1
        if not shared.any():
            break
        codes = _column_codes(column[shared])
        pairs = combined[shared] * (int(codes.max()) + 1) + codes
        combined = combined.copy()
        combined[shared] = pd.factorize(pairs)[0] + int(combined.max()) + 1
    return combined


def _as_key(codes: np.ndarray, null: pd.Series) -> pd.Series:
    return pd.Series(codes, index=null.index, dtype="Int64").mask(null)


def _lower(values: pd.Series) -> pd.Series:
    lowered = pc.utf8_lower(pa.array(values, type=pa.large_string()))
    return pd.Series(lowered, index=values.index, dtype="str")


def _code_tasks(rows: pd.DataFrame) -> list[Callable[[], dict[str, pd.Series]]]:
    """The dictionary-code keys of :func:`duplicate_keys` as independent tasks. The title key
    and the text key both start from the codes of the lower-cased title (rows with equal
    texts have equal titles), so the titles are encoded once."""

    def url() -> dict[str, pd.Series]:
        return {"url": _as_key(_column_codes(rows["url"]), rows["url"].isna())}

    def title_and_text() -> dict[str, pd.Series]:
        day = rows["published_at"].dt.tz_localize(None).dt.floor("D")
        lowered = _column_codes(_lower(rows["title"]))
        title = _refine(lowered, day, rows["outlet"])
        text = _refine(lowered, rows["title"], rows["lead"], rows["body"])
        no_title = rows["title"].isna()
        return {"title": _as_key(title, no_title | day.isna()), "text": _as_key(text, no_title)}

    return [url, title_and_text]


def _keys_frame(parts: list[dict[str, pd.Series]]) -> pd.DataFrame:
    keys = {name: key for part in parts for name, key in part.items()}
    return pd.DataFrame({name: keys[name] for name in ("url", "title", "text")})


def duplicate_keys(rows: pd.DataFrame, *, hashed: bool = True) -> pd.DataFrame:
    """The three keys copies share: URL; title + publication day (Vietnam time) + outlet; the
    whole text (title, lead and body).

    ``hashed`` keys are 64-bit hashes, comparable across separately read parts of a corpus (the
    Dask engine); otherwise they are dictionary codes, only comparable within ``rows`` and
    several times faster. Rows share a code exactly when their texts are equal; they share a
    hash when their texts are equal, or (about once in 2**64 pairs) by a collision."""
    if not hashed:
        return _keys_frame(in_threads(call, _code_tasks(rows)))
    published = rows["published_at"]
    title = _lower(rows["title"])
    day = published.dt.tz_localize(None).dt.floor("D").astype("int64").astype("str")
    day = day.where(published.notna())
    return pd.DataFrame(
        {
            "url": _hashed(rows["url"]),
            "title": _hashed(title + "|" + day + "|" + rows["outlet"].fillna("")),
            "text": _hashed(_join(rows["title"], rows["lead"], rows["body"])),
        }
    )


def flag_duplicates(
    keys: pd.DataFrame, when: pd.Series, position: np.ndarray, ids: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """Flag every copy after the earliest of an article seen before.

    Copies share a key of :func:`duplicate_keys`. The earliest by ``when`` (publication, else
    collection time) is kept, ties going to the first read (lowest ``position``); undated rows
    come last. Returns the flags and the id of the copy each repeats (null when none).
    ``keys``, ``when``, ``position`` and ``ids`` are matched by position, not by label.
    """
    # int64 nanoseconds sort without boxing the timestamps.
    order = np.lexsort((position, when.array.asi8, when.isna().to_numpy()))
    count = len(order)
    is_dup = np.zeros(count, dtype=bool)  # by place in that order
    source = np.full(count, -1, dtype=np.int64)  # the place of the copy each repeats
    for column in ("url", "title", "text"):
        if not count:
            break
        # Codes in order of first appearance (-1: no key), so a row is its key's first copy
        # exactly when its code is above every code before it.
        codes = pd.factorize(keys[column].array.take(order))[0]
        first = np.empty(count, dtype=bool)
        first[0] = codes[0] >= 0
        first[1:] = codes[1:] > np.maximum.accumulate(codes)[:-1]
        repeat = (codes >= 0) & ~first & ~is_dup
        if repeat.any():
            is_dup[repeat] = True
            source[repeat] = np.flatnonzero(first)[codes[repeat]]
    flags = np.empty(count, dtype=bool)
    flags[order] = is_dup
    repeated = np.full(count, -1, dtype=np.int64)  # by row: the row it repeats
    repeated[order[is_dup]] = order[source[is_dup]]
    duplicate_of = ids.array.take(repeated, allow_fill=True)
    return (
        pd.Series(flags, index=keys.index),
        pd.Series(duplicate_of, index=keys.index, dtype="str"),
    )


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


def prepare(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows as read, cleaned: text, outlets from URLs, dates parsed (with what was wrong)."""
    rows = rows.reset_index(drop=True)
    # The dates are parsed on the loader's threads while the text is cleaned.
    dates = submit(parse_datetime_column, [rows["published_at"], rows["collected_at"]])
    for column, cleaned in clean_text_columns(rows, list(TEXT_COLUMNS)).items():
        rows[column] = cleaned
    no_outlet = rows["outlet"].isna() & rows["url"].notna()
    if no_outlet.any():
        rows.loc[no_outlet, "outlet"] = rows.loc[no_outlet, "url"].map(outlet_from_url)
    (published, warning, detail), (collected, _, _) = (date.result() for date in dates)
    rows["published_at"] = published
    rows["collected_at"] = collected
    # A reader's own finding (a page's impossible date line) first, else the parser's.
    for column, found in (("date_warning", warning), ("date_detail", detail)):
        own = rows[column]
        rows[column] = found if own.isna().all() else own.astype("str").fillna(found)
    return rows


def complete(
    rows: pd.DataFrame, rejects: list[dict], *, ids_checked: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The four tables of prepared rows that carry their ids and duplicate flags
    (``ids_checked``: their uniqueness is checked already, as :func:`make_article_ids` does)."""
    rows["captions"] = caption_lists(rows["captions"])
    flagged = rows["date_warning"].notna()
    warnings = pd.DataFrame(
        {
            "source_path": rows.loc[flagged, "source_path"],
            "line": rows.loc[flagged, "source_line"],
            "article_id": rows.loc[flagged, "article_id"],
            "warning": rows.loc[flagged, "date_warning"],
            "detail": rows.loc[flagged, "date_detail"],
        }
    )

    has_related = rows["related"].notna()
    if has_related.any():
        has_related = rows["related"].map(lambda v: isinstance(v, list) and len(v) > 0)
    related_rows = [
        {"article_id": aid, "position": i, "title": title, "summary": summary}
        for aid, teasers in zip(
            rows.loc[has_related, "article_id"], rows.loc[has_related, "related"], strict=True
        )
        for i, (title, summary) in enumerate(teasers, start=1)
    ]

    known = ("article_id",) if ids_checked else ()
    articles = ARTICLES.validate(conform(rows, ARTICLES), unique_known=known)
    related = _checked(pd.DataFrame(related_rows), RELATED)
    return articles, related, _checked(pd.DataFrame(rejects), REJECTS), _checked(warnings, WARNINGS)


def _checked(frame: pd.DataFrame, schema: TableSchema) -> pd.DataFrame:
    """``frame`` in ``schema``'s form, checked; an empty one is the schema's empty table
    (checked by the tests once, not by pandera at every load: 4 ms each)."""
    return schema.validate(conform(frame, schema)) if len(frame) else schema.empty()


def finalize(
    rows: pd.DataFrame, rejects: list[dict]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rows = prepare(rows)
    # The ids and the duplicate keys, side by side on the loader's threads, the longest task
    # (the title and text keys) first, so that the other thread takes the two shorter ones.
    url, title_and_text = _code_tasks(rows)
    *keys, ids = in_threads(call, [title_and_text, url, partial(make_article_ids, rows)])
    rows["article_id"] = ids
    rows["is_duplicate"], rows["duplicate_of"] = flag_duplicates(
        _keys_frame(keys),
        dated_at(rows),
        np.arange(len(rows)),
        rows["article_id"],
    )
    return complete(rows, rejects, ids_checked=True)
