import json

from analysis.ingest import fingerprint, ingest, load_processed
from analysis.store import MANIFEST
from tests.conftest import PAGE


def test_ingest_writes_tables_and_reuses_them(write, tmp_path):
    page = write("in/page.txt", PAGE)
    out = tmp_path / "out"
    first, cached = ingest([page], out)
    assert not cached
    assert {p.name for p in out.iterdir()} == {
        "articles.parquet",
        "related.parquet",
        "rejects.parquet",
        "warnings.parquet",
        MANIFEST,
    }
    again, cached = ingest([page], out)
    assert cached
    assert again.articles.equals(first.articles)
    assert again.related.equals(first.related)
    assert list(again.articles["captions"].iloc[0]) == ["Lễ khởi công cầu Hà Bắc 2"]
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["counts"] == {"articles": 1, "related": 2, "rejects": 0, "warnings": 0}


def test_changed_input_rebuilds(write, tmp_path):
    page = write("in/page.txt", PAGE)
    out = tmp_path / "out"
    ingest([page], out)
    write("in/page.txt", PAGE.replace("Hà Bắc 2", "Rạch Miễu 2"))
    loaded, cached = ingest([page], out)
    assert not cached
    assert loaded.articles["title"].iloc[0] == "Khởi công cầu Rạch Miễu 2"


def test_fingerprint_depends_on_content_and_options(write):
    page = write("page.txt", PAGE)
    base = fingerprint([page])
    assert fingerprint([page]) == base
    assert fingerprint([page], fmt="page") != base
    write("page.txt", PAGE + "\n")
    assert fingerprint([page]) != base


def test_interrupted_run_is_not_reused(write, tmp_path):
    page = write("in/page.txt", PAGE)
    out = tmp_path / "out"
    ingest([page], out)
    (out / "related.parquet").unlink()  # as if a run died half way
    _, cached = ingest([page], out)
    assert not cached
    assert len(load_processed(out).related) == 2
