"""The pipeline on Dask (``--engine dask``): the same tables, as tasks on a cluster.

``build(params, client)`` writes every table of :mod:`analysis.pipeline` into the same cache
(``<cache_dir>/ingest/<key>/`` and ``<cache_dir>/stages/<stage>-<key>/``) as the pandas
engine, so the notebooks read them unchanged; only how they are computed differs:

* **Ingest.** Each input file is read and cleaned (text, outlets, dates) by one task, which
  writes its rows to a scratch Parquet file and keeps their keys (position, date, hashed
  identity, URL, title + day + outlet and text) on its worker. Ids and duplicates are decided
  over all keys at once: only keys that repeat matter, so each key is counted by a shuffle
  on its value (a Dask DataFrame ``value_counts``), only the rows holding a repeated value
  come to the client, and these are decided exactly as the pandas engine decides them. A
  second task per file writes its articles split by month
  (``articles.parquet/<YYYY-MM>/part-<file>.parquet``).
* **Per-article stages** (mentions, places, amounts, events) run per month of selected
  articles (one task each, gazetteer automatons built once per worker process), sorted as the
  pandas engine sorts them, written as one file per month.
* **Topics** fit on the articles themselves when there are at most :data:`TOPIC_FIT_CAP`
  (exactly the pandas engine's fit), else on a ``random_state`` sample of that many, and label
  every month with the fitted model sent to the workers.
* **Tracker** reads the (small) events, mentions and amounts and runs on the client.

``connect()`` starts a :class:`distributed.LocalCluster` sized to the machine, or joins a
scheduler the user runs (``dask scheduler`` / ``dask worker``, Kubernetes, a job queue).
Paths must be visible to every worker (a shared file system).
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.store import atomic_write_json, atomic_write_parquet, read_table

TOPIC_FIT_CAP = 200_000  # topics fit on at most this many articles
UNDATED = "undated"  # the month folder of articles without a date (read last)


def connect(scheduler: str | None = None, workers: int | None = None):
    """A Dask client: on ``scheduler`` (``tcp://HOST:8786``) or a local cluster of one
    single-threaded worker process per core. Prints the dashboard's address."""
    import logging

    from distributed import Client, LocalCluster

    # The shuffle that finds copies logs each start and end at WARNING (in the scheduler's
    # process, here when the cluster is local): routine for this engine, so not shown.
    logging.getLogger("distributed.shuffle._scheduler_plugin").setLevel(logging.ERROR)
    if scheduler:
        client = Client(scheduler)
    else:
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(
            n_workers=n, threads_per_worker=1, dashboard_address=":0", processes=True
        )
        client = Client(cluster)
    print(f"Dask dashboard: {client.dashboard_link}")
    return client


def disconnect(client) -> None:
    """Close ``client`` and, when :func:`connect` started it, its local cluster (closing a
    client leaves a cluster's worker processes running); a cluster joined by address is
    left to its owner."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


# -- ingest ------------------------------------------------------------------------------------


def _read_part(path: str, part: int, fmt, field_map, scratch: str):
    """Read one file, clean it, write its rows to scratch; return its keys and rejects."""
    from analysis.load import as_path, redact
    from analysis.load.fields import custom_field_map
    from analysis.load.finalize import duplicate_keys, identities, prepare
    from analysis.load.readers import combine, read_file, reject

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
    keys["when"] = rows["published_at"].fillna(rows["collected_at"])
    keys["identity"] = pd.util.hash_pandas_object(identity, index=False).to_numpy()
    rows["_identity"] = identity
    atomic_write_parquet(Path(scratch) / f"part-{part:06d}.parquet", rows)
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
    for column in KEY_COLUMNS:
        counts = keys[column].value_counts(split_out=split)
        values[column] = counts[counts > 1].index.compute().to_numpy(dtype=np.uint64)
    # Sent to the workers once, not embedded in the graph (megabytes at 10x the RSS corpus).
    [shared] = client.scatter([values], broadcast=True)  # one future of the whole dict
    chosen = keys.map_partitions(_holding, shared, meta=_keys_meta()).compute()
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
        path = Path(scratch) / f"part-{part:06d}.parquet"
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

    path = Path(scratch) / f"part-{part:06d}.parquet"
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
        atomic_write_parquet(Path(out) / f"{name}.parquet" / f"part-{part:06d}.parquet", frame)
    months = _month(articles["published_at"])
    for month, frame in articles.groupby(months.to_numpy(), sort=True):
        target = Path(out) / "articles.parquet" / str(month) / f"part-{part:06d}.parquet"
        atomic_write_parquet(target, frame.reset_index(drop=True))
    return len(articles)


def ingest(client, paths, out_dir: Path, fmt=None, field_map=None) -> None:
    """Load ``paths`` into ``out_dir`` as the pandas ``analysis.ingest.ingest`` does, unless
    current: same tables (articles split by month), same fingerprint and manifest."""
    from datetime import UTC, datetime

    from analysis import __version__
    from analysis.ingest import LOADER_VERSION, TABLES, fingerprint, is_current
    from analysis.load import expand_paths, redact
    from analysis.schemas import REJECTS, conform
    from analysis.store import clear_manifest, write_manifest

    paths = [str(p) for p in paths]
    expected = fingerprint(paths, fmt, field_map)
    if is_current(out_dir, expected):
        return
    files = expand_paths(paths)  # paths or UPaths (which keep their file system's options)
    work = out_dir.parent / f".{out_dir.name}-{uuid.uuid4().hex[:8]}"
    scratch = work / "scratch"
    scratch.mkdir(parents=True)
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
        shutil.rmtree(scratch)
        clear_manifest(out_dir)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        work.rename(out_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    counts = {
        name: len(read_table(out_dir / f"{name}.parquet"))
        for name in TABLES
        if (out_dir / f"{name}.parquet").exists()
    }
    write_manifest(
        out_dir,
        {
            "fingerprint": expected,
            "inputs": [redact(p) for p in paths],
            "format": fmt,
            "field_map": dict(field_map or {}),
            "package_version": __version__,
            "loader_version": LOADER_VERSION,
            "engine": "dask",
            "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "counts": counts,
        },
    )


# -- stages ------------------------------------------------------------------------------------

PER_MONTH = ("mentions", "places", "amounts", "events")


def _month_files(articles_dir: Path) -> dict[str, list[Path]]:
    """The article files of each month, months in order, undated last."""
    if articles_dir.is_file():  # written by the pandas engine: one file
        return {"all": [articles_dir]}
    months = sorted(p for p in articles_dir.iterdir() if p.is_dir())
    months.sort(key=lambda p: (p.name == UNDATED, p.name))
    return {m.name: sorted(m.glob("*.parquet")) for m in months}


def _stages_month(files: list[str], ids: list[str], targets: dict[str, str]) -> dict[str, int]:
    """The per-article stages of one month's selected articles, written to ``targets``."""
    from analysis.events import extract_events
    from analysis.mentions import extract_mentions
    from analysis.places import extract_amounts, extract_places
    from analysis.schemas import ARTICLES

    articles = pd.concat([read_table(f, ARTICLES) for f in files])
    articles = articles[articles["article_id"].isin(ids)]
    articles = articles.sort_values(["published_at", "article_id"], kind="stable")
    articles = articles.reset_index(drop=True)
    mentions = extract_mentions(articles, progress=False)
    built = {
        "mentions": mentions,
        "places": extract_places(articles),
        "amounts": extract_amounts(articles),
        "events": extract_events(articles, mentions),
    }
    for name, frame in built.items():
        atomic_write_parquet(targets[name], frame)
    return {name: len(frame) for name, frame in built.items()}


def _selected_ids(files: list[Path], chosen: set[str]) -> list[str]:
    """The selected articles' ids among one month's files."""
    ids = pd.concat([read_table(f, columns=["article_id"]) for f in files])["article_id"]
    return [i for i in ids if i in chosen]


def _read_selected(months: dict[str, list[Path]], ids: set[str]) -> pd.DataFrame:
    """The articles of ``ids``, read file by file (never the whole corpus at once)."""
    from analysis.schemas import ARTICLES

    parts = []
    for files in months.values():
        for f in files:
            frame = read_table(f, ARTICLES)
            parts.append(frame[frame["article_id"].isin(ids)])
    return pd.concat(parts, ignore_index=True) if parts else ARTICLES.empty()


def _read_dataset(folder: Path, schema) -> pd.DataFrame:
    return read_table(folder / f"{schema.name}.parquet", schema)


def _fit_topics(articles: pd.DataFrame, mentions: pd.DataFrame, params):
    """The topic model fitted as the pandas engine fits it, with a 2-D map of its vectors."""
    from analysis.stages.topics import MIN_CLUSTER_SIZE
    from analysis.topics import label_topics

    return label_topics(
        articles,
        mentions,
        n_clusters=min(params.n_clusters, max(2, len(articles) // MIN_CLUSTER_SIZE)),
        random_state=params.random_state,
    )


def _label_month(files, ids, mentions, model, pca, target) -> int:
    from analysis.schemas import ARTICLES
    from analysis.topics import label_with

    articles = pd.concat([read_table(f, ARTICLES) for f in files])
    articles = articles[articles["article_id"].isin(ids)]
    articles = articles.sort_values(["published_at", "article_id"], kind="stable")
    labels = label_with(model, pca, articles.reset_index(drop=True), mentions)
    atomic_write_parquet(target, labels)
    return len(labels)


def build(params, client, progress: bool = True) -> None:
    """Every table of ``params`` computed on ``client``, into the pandas engine's cache."""
    from tqdm import tqdm

    from analysis import pipeline
    from analysis.schemas import ARTICLES
    from analysis.store import read_manifest

    cache = Path(params.cache_dir)
    ingest_dir = cache / "ingest" / params.key("corpus")
    ingest(client, params.corpus, ingest_dir)
    fingerprint = read_manifest(ingest_dir)["fingerprint"]
    months = _month_files(ingest_dir / "articles.parquet")
    light = pd.concat(
        [
            read_table(f, columns=["article_id", "is_duplicate", "published_at", "collected_at"])
            for files in months.values()
            for f in files
        ]
        or [ARTICLES.empty()[["article_id", "is_duplicate", "published_at", "collected_at"]]]
    )
    if light.empty:
        from analysis.ingest import load_processed

        raise pipeline.EmptySelection(pipeline.why_nothing_loaded(load_processed(ingest_dir)))
    selected = pipeline.select(light, params)
    chosen = set(selected["article_id"])
    keys = pipeline.stage_keys(fingerprint, params)
    folders = {name: cache / "stages" / f"{name}-{key}" for name, key in keys.items()}
    by_name = {s.name: s for s in pipeline.STAGES}
    month_ids = {month: _selected_ids(files, chosen) for month, files in months.items()}

    # The per-article stages, one task per month.
    pending = [n for n in PER_MONTH if not (folders[n] / f"{n}.parquet").exists()]
    if pending:
        work = {
            n: folders[n].parent / f".{folders[n].name}-{uuid.uuid4().hex[:8]}" for n in PER_MONTH
        }
        futures = []
        for month, files in months.items():
            ids = month_ids[month]
            targets = {
                n: str(work[n] / f"{n}.parquet" / f"part-{month}.parquet") for n in PER_MONTH
            }
            futures.append(
                client.submit(_stages_month, [str(f) for f in files], ids, targets, pure=False)
            )
        for _ in tqdm(
            client.gather(futures),
            total=len(futures),
            desc="stages",
            unit="month",
            disable=not progress,
        ):
            pass
        for n in PER_MONTH:
            _publish(work[n], folders[n], by_name[n], fingerprint, params)

    # Topics: fitted once, labelled per month.
    from analysis.schemas import MENTIONS, TOPIC_LABELS

    topics = folders["topic_labels"]
    if not (topics / "topic_labels.parquet").exists():
        mentions = _read_dataset(folders["mentions"], MENTIONS)
        work = topics.parent / f".{topics.name}-{uuid.uuid4().hex[:8]}"
        if len(selected) <= TOPIC_FIT_CAP:
            articles = _read_selected(months, chosen)
            articles = articles.set_index("article_id").loc[selected["article_id"]].reset_index()
            labels, model = _fit_topics(articles, mentions, params)
            atomic_write_parquet(work / "topic_labels.parquet", labels)
        else:
            from analysis.topics import map_projection

            sample = selected["article_id"].sample(TOPIC_FIT_CAP, random_state=params.random_state)
            articles = _read_selected(months, set(sample))
            articles = articles.sort_values(
                ["published_at", "article_id"], kind="stable"
            ).reset_index(drop=True)
            _, model = _fit_topics(articles, mentions, params)
            pca = map_projection(model, articles, params.random_state)
            shared_model, shared_pca = client.scatter([model, pca], broadcast=True)
            futures = []
            for month, files in months.items():
                ids = month_ids[month]
                month_mentions = mentions[mentions["article_id"].isin(set(ids))]
                target = str(work / "topic_labels.parquet" / f"part-{month}.parquet")
                futures.append(
                    client.submit(
                        _label_month,
                        [str(f) for f in files],
                        ids,
                        month_mentions,
                        shared_model,
                        shared_pca,
                        target,
                        pure=False,
                    )
                )
            client.gather(futures)
            labels = _read_dataset(work, TOPIC_LABELS)
        from analysis.topics import cluster_table

        atomic_write_parquet(work / "clusters.parquet", cluster_table(labels, model))
        _publish(work, topics, by_name["topic_labels"], fingerprint, params)

    # The tracker and entities read small tables: the pandas engine builds them from here.


def _publish(work: Path, folder: Path, stage, fingerprint: str, params) -> None:
    """Move a stage's finished tables into place (the folder appears complete or not at all)."""
    from datetime import UTC, datetime

    for schema in stage.schemas:
        target = work / f"{schema.name}.parquet"
        if not target.exists():  # no month: an empty table
            atomic_write_parquet(target, schema.empty())
    atomic_write_json(
        work / "stage.json",
        {
            "stage": stage.name,
            "version": stage.version,
            "engine": "dask",
            "corpus_fingerprint": fingerprint,
            "params": params.values(),
            "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )
    if folder.exists():
        shutil.rmtree(folder)
    work.rename(folder)
