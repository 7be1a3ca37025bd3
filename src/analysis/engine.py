"""The pipeline on Dask (``--engine dask``): the same tables, as tasks on a cluster.

``build(params, client)`` writes every table of :mod:`analysis.pipeline` into the same cache
(``<cache_dir>/ingest/<key>/`` and ``<cache_dir>/stages/<stage>-<key>/``) as the pandas
engine, so the notebooks read them unchanged; only how they are computed differs:

* **Ingest** (:mod:`analysis.dask_ingest`). One task per input file reads and cleans it;
  copies are found by a shuffle on each key, corpus-wide; a second task per file writes its
  articles split by month (``articles.parquet/<YYYY-MM>/part-<file>.parquet``).
* **Per-article stages** (mentions, places, amounts, events) run per month of selected
  articles (one task each, gazetteer automatons built once per worker process), sorted as the
  pandas engine sorts them, written as one file per month.
* **Topics** fit on the articles themselves when there are at most :data:`TOPIC_FIT_CAP`
  (exactly the pandas engine's fit), else on a ``random_state`` sample of that many, and label
  every month with the fitted model sent to the workers.
* **Trends**: one row per (article, project) and (article, named topic) per month, counted
  per day and outlet by a Dask group-by into the small ``trend_days`` table.
* **Tracker** reads the (small) events, mentions and amounts and runs on the client.

``connect()`` starts a :class:`distributed.LocalCluster` sized to the machine, or joins a
scheduler the user runs (``dask scheduler`` / ``dask worker``, Kubernetes, a job queue).
Paths must be visible to every worker: a shared file system, or an fsspec URL (``s3://``,
``gs://`` ...) for the corpus, the cache and the outputs (``tests/test_s3.py``).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pandas as pd

from analysis.dask_ingest import UNDATED, ingest
from analysis.store import (
    atomic_write_json,
    atomic_write_parquet,
    is_complete,
    location,
    publish,
    read_table,
)

TOPIC_FIT_CAP = 200_000  # topics fit on at most this many articles


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

    cache = location(params.cache_dir)
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
    pending = [n for n in PER_MONTH if not is_complete(folders[n], n)]
    if pending:
        from analysis.event_model import fitted

        fitted()  # fitted here once if need be, not by every worker at the same time
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
    if not is_complete(topics, "topic_labels", "clusters"):
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

    # Trends: one row per (article, item) per month, counted by a Dask group-by.
    trend = folders["trend_days"]
    if not is_complete(trend, "trend_days"):
        work = trend.parent / f".{trend.name}-{uuid.uuid4().hex[:8]}"
        counted = _trend_days(client, months, month_ids, folders)
        atomic_write_parquet(work / "trend_days.parquet", counted)
        _publish(work, trend, by_name["trend_days"], fingerprint, params)

    # The tracker and entities read small tables: the pandas engine builds them from here.


def _month_part(folder: Path, name: str, month: str) -> str:
    """A stage table's file for ``month`` when it was written per month, else the table."""
    table = folder / f"{name}.parquet"
    part = table / f"part-{month}.parquet"
    return str(part if part.exists() else table)


def _tagged_month(files: list[str], ids: list[str], mentions: str, labels: str) -> pd.DataFrame:
    """One month's rows of :func:`analysis.days.tagged_days`: its selected articles and the
    projects and named topics they carry."""
    from analysis.days import tagged_days

    chosen = set(ids)

    def read(path, columns):
        frame = read_table(path, columns=columns)
        return frame[frame["article_id"].isin(chosen)]

    articles = pd.concat([read(f, ["article_id", "published_at", "outlet"]) for f in files])
    return tagged_days(
        articles,
        read(mentions, ["article_id", "entity_id"]),
        read(labels, ["article_id", "named_topics"]),
    )


def _trend_days(client, months, month_ids, folders) -> pd.DataFrame:
    """The ``trend_days`` table: the months' tagged rows, counted by a Dask group-by."""
    import dask
    import dask.dataframe as dd

    from analysis.days import DAY_KEYS, tagged_days, tidy_days
    from analysis.schemas import ARTICLES, MENTIONS, TOPIC_LABELS

    meta = tagged_days(ARTICLES.empty(), MENTIONS.empty(), TOPIC_LABELS.empty())
    parts = [
        dask.delayed(_tagged_month, pure=False)(
            [str(f) for f in files],
            month_ids[month],
            _month_part(folders["mentions"], "mentions", month),
            _month_part(folders["topic_labels"], "topic_labels", month),
        )
        for month, files in months.items()
    ]
    tagged = dd.from_delayed(parts, meta=meta, verify_meta=False)
    counted = tagged.groupby(DAY_KEYS, dropna=False).size().rename("article_count")
    return tidy_days(client.compute(counted).result().reset_index())


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
            "params": params.recorded(),
            "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )
    publish(work, folder)
