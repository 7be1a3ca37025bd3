"""The Dask engine's ingest: the pandas ingest's tables, read as one task per input file.

Each input file is read and cleaned (text, outlets, dates) by one task, which writes its rows
to a scratch Parquet file and keeps their keys (position, date, hashed identity, URL, title
+ day + outlet and text) on its worker. Ids and duplicates are decided over all keys at once:
only keys that repeat matter, so each key is counted by a shuffle on its value (a Dask
DataFrame ``value_counts``), only the rows holding a repeated value come to the client, and
these are decided exactly as the pandas engine decides them. A second task per file writes
its articles split by month (``articles.parquet/<YYYY-MM>/part-<file>.parquet``). Same
fingerprint and manifest as :func:`analysis.ingest.ingest`; see :mod:`analysis.engine`.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.store import (
    atomic_write_parquet,
    location,
    make_dirs,
    publish,
    read_table,
    remove_tree,
)

UNDATED = "undated"  # the month folder of articles without a date (read last)


def _read_part(path: str, part: int, fmt, field_map, scratch: str):
    """Read one file, clean it, write its rows to scratch; return its keys and rejects."""
    from analysis.load import as_path, redact
    from analysis.load.fields import custom_field_map
    from analysis.load.finalize import duplicate_keys, identities, identity_hashes, prepare
    from analysis.load.readers import combine, read_file, reject
    from analysis.schemas import dated_at

    fmap = custom_field_map(field_map) if field_map else None
    try:
        batch = read_file(as_path(path), fmt, fmap)
    except Exception as exc:  # a bad file must never stop the batch
        shown = redact(str(path))
        return None, [reject(shown, "unreadable", fmt, detail=f"{type(exc).__name__}: {exc}")]
    rows = combine([batch])
    if rows is None:
        return None, batch.rejects
    rows = prepare(rows)
    identity = identities(rows)
    keys = duplicate_keys(rows)
    keys["position"] = (np.int64(part) << 32) + np.arange(len(rows), dtype=np.int64)
    keys["when"] = dated_at(rows)
    keys["identity"] = identity_hashes(identity)
    rows["_identity"] = identity
    atomic_write_parquet(location(scratch) / f"part-{part:06d}.parquet", rows)
    return keys, batch.rejects


KEY_COLUMNS = ("identity", "url", "title", "text")


def _keys_meta() -> pd.DataFrame:
    """The (empty) frame of keys a file's read returns: what Dask plans the shuffle with."""
    from analysis.config import VIETNAM_TZ

    frame = pd.DataFrame({c: pd.Series(dtype="UInt64") for c in ("url", "title", "text")})
    frame["position"] = pd.Series(dtype="int64")
    frame["when"] = pd.Series(dtype=f"datetime64[us, {VIETNAM_TZ}]")
    frame["identity"] = pd.Series(dtype="uint64")
    return frame


def _keys_only(result) -> pd.DataFrame:
    keys, _ = result
    return _keys_meta() if keys is None else keys


def _summary(result) -> tuple[int | None, list[dict]]:
    keys, rejects = result
    return (None if keys is None else len(keys)), rejects


def _repeated(client, key_futures: list) -> pd.DataFrame:
    """The rows whose identity or a duplicate key occurs more than once in the corpus.

    The keys stay on the workers: each column's values are counted by a shuffle on the key
    (``value_counts(split_out=...)``), only the values that repeat come back, and then only
    the rows that hold one. Sorted by reading position."""
    import dask.dataframe as dd

    keys = dd.from_delayed(key_futures, meta=_keys_meta(), verify_meta=False)
    split = max(1, min(keys.npartitions, 32))
    values = {}
    # Computed by the client that holds the key futures, not whichever client is the default
    # in this process (a CI run with two clients once failed here on "computation on lost
    # data"; not reproduced since, so whether this was the cause is not known).
    for column in KEY_COLUMNS:
        counts = keys[column].value_counts(split_out=split)
        repeated = client.compute(counts[counts > 1].index).result()
        values[column] = repeated.to_numpy(dtype=np.uint64)
    # Sent to the workers once, not embedded in the graph (megabytes at 10x the RSS corpus).
    [shared] = client.scatter([values], broadcast=True)  # one future of the whole dict
    chosen = client.compute(keys.map_partitions(_holding, shared, meta=_keys_meta())).result()
    return chosen.sort_values("position").reset_index(drop=True)


def _holding(keys: pd.DataFrame, values: dict[str, np.ndarray]) -> pd.DataFrame:
    """The rows of ``keys`` that hold one of ``values`` in that column (64-bit unsigned, as
    NumPy arrays: a list of Python ints above 2**63 is not matched reliably)."""
    hit = np.zeros(len(keys), dtype=bool)
    for column, wanted in values.items():
        hit |= keys[column].isin(wanted).to_numpy(dtype=bool, na_value=False)
    return keys[hit]


def _decide(chosen: pd.DataFrame, scratch: str, parts: list[int]) -> pd.DataFrame:
    """Ids and duplicates of the rows whose identity or a duplicate key repeats (``chosen``,
    from :func:`_repeated`).

    Returns (position, article_id, is_duplicate, duplicate_of) for those rows only; every
    other row keeps the id of its identity and is no copy.
    """
    from analysis.load.finalize import article_ids, flag_duplicates

    if chosen.empty:
        return _decide_nothing()
    # The identities behind the chosen rows, read back from the scratch files.
    wanted = set(chosen["position"])
    found = []
    for part in parts:
        path = location(scratch) / f"part-{part:06d}.parquet"
        if not path.is_file():
            continue
        rows = read_table(path, columns=["_identity"])
        positions = (np.int64(part) << 32) + np.arange(len(rows), dtype=np.int64)
        mask = np.isin(positions, list(wanted))
        found.append(
            pd.DataFrame({"position": positions[mask], "_identity": rows["_identity"][mask]})
        )
    identity = pd.concat(found).set_index("position")["_identity"].reindex(chosen["position"])
    # Occurrences counted in reading order over the whole corpus, as the pandas engine does;
    # a row whose identity is unique keeps occurrence 0.
    occurrence = identity.groupby(identity.to_numpy(), sort=False).cumcount()
    ids = article_ids(identity.reset_index(drop=True), occurrence.reset_index(drop=True))
    chosen = chosen.assign(article_id=ids.to_numpy())
    is_dup, dup_of = flag_duplicates(
        chosen[["url", "title", "text"]],
        chosen["when"],
        chosen["position"].to_numpy(),
        chosen["article_id"],
    )
    return pd.DataFrame(
        {
            "position": chosen["position"].to_numpy(),
            "article_id": chosen["article_id"].to_numpy(),
            "is_duplicate": is_dup.to_numpy(),
            "duplicate_of": dup_of.to_numpy(),
        }
    )


def _decide_nothing() -> pd.DataFrame:
    return pd.DataFrame(columns=["position", "article_id", "is_duplicate", "duplicate_of"])


def _month(moments: pd.Series) -> pd.Series:
    months = moments.dt.tz_localize(None).dt.strftime("%Y-%m") if len(moments) else moments
    return pd.Series(months, index=moments.index, dtype="object").fillna(UNDATED)


def _complete_part(part: int, scratch: str, decided: pd.DataFrame, out: str):
    """Give one file's rows their ids and duplicate flags and write its four tables."""
    from analysis.load.finalize import article_ids, complete

    path = location(scratch) / f"part-{part:06d}.parquet"
    rows = read_table(path)
    positions = (np.int64(part) << 32) + np.arange(len(rows), dtype=np.int64)
    identity = rows.pop("_identity")
    rows["article_id"] = article_ids(identity, pd.Series(0, index=identity.index))
    rows["is_duplicate"] = False
    rows["duplicate_of"] = pd.Series(None, index=rows.index, dtype="str")
    mine = decided[decided["position"].isin(positions)].set_index("position")
    if len(mine):
        where = pd.Index(positions).get_indexer(mine.index)
        rows.loc[where, "article_id"] = mine["article_id"].to_numpy()
        rows.loc[where, "is_duplicate"] = mine["is_duplicate"].to_numpy()
        rows.loc[where, "duplicate_of"] = mine["duplicate_of"].to_numpy()
    articles, related, _, warnings = complete(rows, [])
    for name, frame in (("related", related), ("warnings", warnings)):
        atomic_write_parquet(location(out) / f"{name}.parquet" / f"part-{part:06d}.parquet", frame)
    months = _month(articles["published_at"])
    for month, frame in articles.groupby(months.to_numpy(), sort=True):
        target = location(out) / "articles.parquet" / str(month) / f"part-{part:06d}.parquet"
        atomic_write_parquet(target, frame.reset_index(drop=True))
    return len(articles)


def ingest(client, paths, out_dir: Path, fmt=None, field_map=None) -> None:
    """Load ``paths`` into ``out_dir`` as the pandas ``analysis.ingest.ingest`` does, unless
    current: same tables (articles split by month), same fingerprint and manifest."""
    from analysis.ingest import TABLES, fingerprint, is_current, manifest
    from analysis.load import expand_paths
    from analysis.schemas import REJECTS, conform
    from analysis.store import clear_manifest, write_manifest

    paths = [str(p) for p in paths]
    out_dir = location(out_dir)
    expected = fingerprint(paths, fmt, field_map)
    if is_current(out_dir, expected):
        return
    files = expand_paths(paths)  # paths or UPaths (which keep their file system's options)
    work = out_dir.parent / f".{out_dir.name}-{uuid.uuid4().hex[:8]}"
    scratch = work / "scratch"
    make_dirs(scratch)
    try:
        futures = [
            client.submit(_read_part, f, i, fmt, field_map, str(scratch), pure=False)
            for i, f in enumerate(files)
        ]
        # Only the rejects and the row counts come back here; the keys stay on the workers.
        summaries = client.gather([client.submit(_summary, f, pure=False) for f in futures])
        rejects = [r for _, rs in summaries for r in rs]
        parts = [i for i, (n, _) in enumerate(summaries) if n is not None]
        if parts:
            keys = [client.submit(_keys_only, futures[i], pure=False) for i in parts]
            decided = _decide(_repeated(client, keys), str(scratch), parts)
        else:
            decided = _decide_nothing()
        # Each file's task gets only its own decided rows (all of them at once would be tens
        # of megabytes sent with every task at 10x the RSS corpus).
        owner = decided["position"].to_numpy(dtype=np.int64) >> 32
        futures = [
            client.submit(
                _complete_part, i, str(scratch), decided[owner == i], str(work), pure=False
            )
            for i in parts
        ]
        client.gather(futures)
        atomic_write_parquet(
            work / "rejects.parquet", REJECTS.validate(conform(pd.DataFrame(rejects), REJECTS))
        )
        for name, schema in TABLES.items():  # a table no file contributed to: empty
            if not (work / f"{name}.parquet").exists():
                atomic_write_parquet(work / f"{name}.parquet", schema.empty())
        remove_tree(scratch)
        clear_manifest(out_dir)
        publish(work, out_dir)
    finally:
        remove_tree(work, missing_ok=True)
    counts = {
        name: len(read_table(out_dir / f"{name}.parquet"))
        for name in TABLES
        if (out_dir / f"{name}.parquet").exists()
    }
    write_manifest(out_dir, manifest(expected, paths, fmt, field_map, counts, engine="dask"))
