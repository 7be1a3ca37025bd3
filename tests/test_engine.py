"""The Dask engine gives the pandas engine's answers (``--engine dask``).

A sample of the RSS corpus split into two files that repeat 500 items (copies across files,
which only a corpus-wide pass can find) and a few page dumps, built by each engine into its
own cache: every table must be the same, row for row (map coordinates and distances to 1e-5:
the threads of the linear algebra differ).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import pipeline
from tests import corpora

pytestmark = pytest.mark.integration
FLOATS = ("map_x", "map_y", "centre_distance")
KEYS = {
    "articles": ["article_id"],
    "duplicates": ["article_id"],
    "rejects": ["source_path", "reason"],
    "warnings": ["article_id"],
    "mentions": ["article_id", "field", "start"],
    "entities": ["entity_id"],
    "places": ["article_id", "field", "start"],
    "amounts": ["article_id", "field", "start"],
    "topic_labels": ["article_id"],
    "clusters": ["cluster"],
    "events": ["article_id", "field", "start", "type", "status"],
    "tracker": ["entity_id"],
    "trend_days": ["item_kind", "day", "outlet", "item"],
}


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    from analysis import engine

    folder = tmp_path_factory.mktemp("engines")
    records = corpora.rss_records(3000, lambda r: r["id"][-1] in "05")
    corpora.write_jsonl(folder / "in" / "a.jsonl", records[:1500])
    corpora.write_jsonl(folder / "in" / "b.jsonl", records[1000:])
    corpora.pages(folder / "in" / "pages", n=5)
    made = {}
    for name in ("pandas", "dask"):
        params = pipeline.Params(corpus=[str(folder / "in")], cache_dir=str(folder / name))
        if name == "dask":
            client = engine.connect(workers=2)
            try:
                engine.build(params, client, progress=False)
            finally:
                engine.disconnect(client)
        made[name] = pipeline.tables(params, progress=False).build_all()
    return made


@pytest.mark.parametrize("name", list(KEYS))
def test_the_dask_engine_gives_the_same_table(both, name):
    a, b = (both[e][name] for e in ("pandas", "dask"))
    a, b = (t.sort_values(KEYS[name], kind="stable").reset_index(drop=True) for t in (a, b))
    floats = [c for c in FLOATS if c in a]
    pd.testing.assert_frame_equal(a.drop(columns=floats), b.drop(columns=floats))
    for column in floats:
        assert (a[column] - b[column]).abs().max() <= 1e-5 or a[column].isna().all()


def test_copies_across_files_are_found(both):
    duplicates = both["dask"]["duplicates"]
    assert len(duplicates) >= 500


def test_the_dask_ingest_is_split_by_month_and_current_for_the_pandas_engine(both):
    from analysis.ingest import fingerprint, is_current

    params = both["dask"].params
    ingest_dir = Path(params.cache_dir) / "ingest" / params.key("corpus")
    months = sorted(p.name for p in (ingest_dir / "articles.parquet").iterdir())
    assert months and all(m == "undated" or len(m) == 7 for m in months)
    # The pandas engine (and every notebook) reads this ingest as it is, never loads again.
    assert is_current(ingest_dir, fingerprint(params.corpus))


def test_the_batch_runs_on_the_dask_engine(tmp_path):
    from typer.testing import CliRunner

    from analysis.cli import app

    pages = corpora.pages(tmp_path / "pages", n=6)
    result = CliRunner().invoke(
        app,
        ["run", "--corpus", str(pages), "--out", str(tmp_path / "reports"), "--cache-dir",
         str(tmp_path / "cache"), "--engine", "dask", "--workers", "1"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Dask dashboard: http://" in result.output
    assert (tmp_path / "reports" / "05-project-tracker.html").is_file()


def test_an_unknown_engine_is_a_clear_error(tmp_path):
    from typer.testing import CliRunner

    from analysis.cli import app

    result = CliRunner().invoke(app, ["tables", "--engine", "spark", "--cache-dir", str(tmp_path)])
    assert result.exit_code != 0
    assert "--engine must be pandas or dask" in result.output


def test_a_corpus_beyond_the_fit_cap_is_labelled_by_a_model_fitted_on_a_sample(
    both, tmp_path, monkeypatch
):
    from analysis import engine

    monkeypatch.setattr(engine, "TOPIC_FIT_CAP", 1000)
    corpus = both["pandas"].params.corpus
    params = pipeline.Params(corpus=corpus, cache_dir=str(tmp_path / "capped"))
    client = engine.connect(workers=2)
    try:
        engine.build(params, client, progress=False)
    finally:
        engine.disconnect(client)
    labels = pipeline.tables(params, progress=False)["topic_labels"]
    reference = both["pandas"]["topic_labels"]
    assert sorted(labels["article_id"]) == sorted(reference["article_id"])
    assert labels["cluster"].nunique() > 10 and labels["centre_distance"].notna().all()
    # The named topics come from the shipped classifier, not from the fit: the same.
    merged = labels.merge(reference, on="article_id", suffixes=("", "_pandas"))
    assert (merged["named_topics"].astype(str) == merged["named_topics_pandas"].astype(str)).all()


def test_the_dask_ingest_reads_fsspec_urls(tmp_path):
    """Workers read a corpus named by URL through fsspec. Here the in-memory file system,
    which only threads share, so the cluster is one process of two threads; s3:// or gs://
    reach process workers the same way."""
    import uuid

    import fsspec
    from distributed import Client, LocalCluster

    from analysis import engine
    from analysis.ingest import load_processed
    from analysis.load import load

    records = corpora.rss_records(400)
    local = corpora.write_jsonl(tmp_path / "in" / "a.jsonl", records[:300])
    corpora.write_jsonl(tmp_path / "in" / "b.jsonl", records[200:])
    root = f"memory://engine-{uuid.uuid4().hex[:8]}"
    for path in local.parent.iterdir():
        fsspec.filesystem("memory").pipe(f"{root}/{path.name}", path.read_bytes())
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, processes=False) as cluster,
        Client(cluster) as client,
    ):
        engine.ingest(client, [root], tmp_path / "out")
    articles = load_processed(tmp_path / "out").articles
    expected = load(local.parent).articles
    assert len(articles) == len(expected) == 500
    assert articles["is_duplicate"].sum() == expected["is_duplicate"].sum() >= 100
    assert sorted(articles["article_id"]) == sorted(expected["article_id"])


def test_both_engines_keep_their_cache_behind_an_fsspec_url(both):
    """``--cache-dir s3://bucket/cache``: workers that share no file system share a bucket.
    Here the in-memory file system (one process of two threads share it): every table the
    same as the pandas engine's in a local folder."""
    import uuid

    from distributed import Client, LocalCluster

    from analysis import engine

    corpus = both["pandas"].params.corpus
    root = f"memory://cache-{uuid.uuid4().hex[:8]}"
    on_pandas = pipeline.Params(corpus=corpus, cache_dir=f"{root}/pandas")
    on_dask = pipeline.Params(corpus=corpus, cache_dir=f"{root}/dask")
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, processes=False) as cluster,
        Client(cluster) as client,
    ):
        engine.build(on_dask, client, progress=False)
    for params in (on_pandas, on_dask):
        made = pipeline.tables(params, progress=False).build_all()
        assert str(made.paths()["mentions"]).startswith(root)
        for name in KEYS:
            a, b = (
                t.sort_values(KEYS[name], kind="stable") for t in (both["pandas"][name], made[name])
            )
            floats = [c for c in FLOATS if c in a]
            pd.testing.assert_frame_equal(
                a.drop(columns=floats).reset_index(drop=True),
                b.drop(columns=floats).reset_index(drop=True),
            )


def test_disconnect_closes_the_local_cluster_it_started():
    """Closing a client alone leaves a local cluster's worker processes running."""
    from analysis import engine

    client = engine.connect(workers=1)
    cluster = client.cluster
    engine.disconnect(client)
    assert cluster.status.name == "closed"


def test_analysis_tables_exports_every_table_to_an_fsspec_url(both):
    """``analysis tables --out URL``: what a scheduled job on a cluster hands on."""
    import fsspec
    from typer.testing import CliRunner

    from analysis.cli import app

    params = both["pandas"].params
    args = ["tables", "--cache-dir", params.cache_dir, "--out", "memory://jobs/run/"]
    for corpus in params.corpus:
        args += ["--corpus", corpus]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "every table written to memory://jobs/run/" in result.output
    fs = fsspec.filesystem("memory")
    with fs.open("/jobs/run/tables.json", "rb") as source:
        import json

        listed = json.load(source)
    assert set(listed["tables"]) == set(both["pandas"])
    with fs.open("/jobs/run/trend_days.parquet", "rb") as source:
        exported = pd.read_parquet(source)
    assert len(exported) == len(both["pandas"]["trend_days"])
    fs.rm("/jobs", recursive=True)
