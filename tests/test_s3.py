"""``analysis tables --engine dask`` on a real S3 API: corpus, cache and outputs in a bucket.

The ``memory://`` tests of ``tests/test_engine.py`` share one process's memory between
threads. Here a local S3 server (moto) stands in for the bucket and the cluster's two workers
are processes of their own, which reach it only through the S3 API, finding the endpoint and
credentials where fsspec and botocore look (environment variables): what workers that share
no file system do.
"""

from __future__ import annotations

import json
import logging
import os

import pandas as pd
import pytest

from analysis import pipeline
from analysis.store import read_table
from tests import corpora
from tests.test_engine import FLOATS, KEYS

pytestmark = pytest.mark.integration
BUCKET = "news"


@pytest.fixture
def s3(monkeypatch, caplog):
    """A local S3 server, with its endpoint and dummy credentials in the environment (which
    worker processes started from here inherit) and in this process's fsspec config."""
    try:
        import fsspec
        import s3fs
        from moto.server import ThreadedMotoServer
    except ImportError as exc:
        pytest.skip(f"moto[server] and s3fs are needed for a local S3 API: {exc}")

    caplog.set_level(logging.WARNING, logger="werkzeug")  # not a line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    for name, value in (
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
        ("FSSPEC_S3_ENDPOINT_URL", endpoint),  # read by fsspec when a worker imports it
    ):
        monkeypatch.setenv(name, value)
    for name in ("AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    # This process imported fsspec before the variable was set.
    monkeypatch.setitem(fsspec.config.conf, "s3", {"endpoint_url": endpoint})
    s3fs.S3FileSystem.clear_instance_cache()
    fs = s3fs.S3FileSystem()
    fs.mkdir(BUCKET)
    try:
        yield fs
    finally:
        s3fs.S3FileSystem.clear_instance_cache()
        server.stop()


def test_analysis_tables_on_the_dask_engine_reads_and_writes_a_bucket(s3, tmp_path, monkeypatch):
    from distributed import Client, LocalCluster
    from typer.testing import CliRunner

    from analysis.cli import app

    records = corpora.rss_records(400)
    local = tmp_path / "corpus"
    corpora.write_jsonl(local / "a.jsonl", records[:300])
    corpora.write_jsonl(local / "b.jsonl", records[200:])  # 100 copies across files
    for path in sorted(local.iterdir()):
        s3.pipe(f"{BUCKET}/corpus/{path.name}", path.read_bytes())
    # An s3:// URL taken for a local path would land under the working directory, which the
    # worker processes share with this one on this machine: it must stay empty.
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        pids = set(client.run(os.getpid).values())
        assert len(pids) == 2 and os.getpid() not in pids
        result = CliRunner().invoke(
            app,
            ["tables", "--engine", "dask", "--scheduler", cluster.scheduler_address,
             "--corpus", f"s3://{BUCKET}/corpus/", "--cache-dir", f"s3://{BUCKET}/cache",
             "--out", f"s3://{BUCKET}/run/"],
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"every table written to s3://{BUCKET}/run/" in result.output
    assert list(cwd.iterdir()) == []

    # The cache is in the bucket, built by the Dask engine.
    cached = s3.find(f"{BUCKET}/cache")
    assert any(f.endswith("/manifest.json") for f in cached)
    stages = [json.loads(s3.cat(f)) for f in cached if f.endswith("/stage.json")]
    on_dask = {s["stage"] for s in stages if s.get("engine") == "dask"}
    assert on_dask == {"mentions", "places", "amounts", "events", "topic_labels", "trend_days"}

    # Every table exported, each the pandas engine's on local paths, row for row.
    reference = pipeline.tables(
        pipeline.Params(corpus=[str(local)], cache_dir=str(tmp_path / "pandas")), progress=False
    ).build_all()
    listed = json.loads(s3.cat(f"{BUCKET}/run/tables.json"))
    assert set(listed["tables"]) == set(reference) == set(KEYS)
    assert len(reference["duplicates"]) >= 100 and len(reference["mentions"]) > 0
    for name in KEYS:
        exported = read_table(f"s3://{BUCKET}/run/{name}.parquet")
        assert len(exported) == listed["tables"][name]["rows"]
        a, b = (
            _as_in_bucket(t, local).sort_values(KEYS[name], kind="stable").reset_index(drop=True)
            for t in (reference[name], exported)
        )
        floats = [c for c in FLOATS if c in a]
        pd.testing.assert_frame_equal(a.drop(columns=floats), b.drop(columns=floats))
        for column in floats:
            assert (a[column] - b[column]).abs().max() <= 1e-5 or a[column].isna().all()


def _as_in_bucket(frame: pd.DataFrame, local) -> pd.DataFrame:
    """``frame`` with its local corpus paths named as in the bucket."""
    if "source_path" not in frame:
        return frame
    moved = frame["source_path"].str.replace(str(local), f"s3://{BUCKET}/corpus", regex=False)
    return frame.assign(source_path=moved.astype(frame["source_path"].dtype))
