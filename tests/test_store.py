import os
import stat
from pathlib import Path

import pandas as pd
import pytest

from analysis import store


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_written_files_get_the_mode_of_an_ordinary_file(tmp_path, umask_022):
    for path in (
        store.atomic_write_text(tmp_path / "a.html", "<p>x</p>"),
        store.atomic_write_json(tmp_path / "b.json", {"x": 1}),
        store.atomic_write_parquet(tmp_path / "c.parquet", pd.DataFrame({"x": [1]})),
    ):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path.name


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = store.atomic_write_text(tmp_path / "a.txt", "old")

    def fail(tmp):
        Path(tmp).write_text("half")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        store.atomic_write(target, fail)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def _frames():
    return {
        "articles": pd.DataFrame({"article_id": ["a", "b"], "title": ["Cầu Rồng", "Ga Kép"]}),
        "mentions": pd.DataFrame({"article_id": ["a"], "entity_id": ["bridge:cau-rong"]}),
    }


def test_tables_export_to_a_folder_with_their_list_written_last(tmp_path):
    out = tmp_path / "export"
    store.export_tables(_frames(), str(out), {"params": {"sample": None}})
    listed = store.read_json(out / store.EXPORT_MANIFEST)
    assert listed["tables"]["articles"] == {"file": "articles.parquet", "rows": 2}
    assert listed["params"] == {"sample": None}
    for name, frame in _frames().items():
        pd.testing.assert_frame_equal(store.read_table(out / f"{name}.parquet"), frame)
    assert sorted(p.name for p in out.iterdir()) == [
        "articles.parquet",
        "mentions.parquet",
        "tables.json",
    ]


def test_tables_export_to_an_fsspec_url():
    import fsspec

    fs = fsspec.filesystem("memory")
    store.export_tables(_frames(), "memory://exported/run1/", {})
    assert sorted(p.rsplit("/", 1)[1] for p in fs.ls("/exported/run1", detail=False)) == [
        "articles.parquet",
        "mentions.parquet",
        "tables.json",
    ]
    with fs.open("/exported/run1/articles.parquet", "rb") as source:
        pd.testing.assert_frame_equal(pd.read_parquet(source), _frames()["articles"])
    fs.rm("/exported", recursive=True)


def test_an_export_url_with_a_password_is_refused():
    with pytest.raises(ValueError, match="password"):
        store.export_tables(_frames(), "s3://user:secret@bucket/run/", {})


def test_the_cache_may_live_behind_an_fsspec_url():
    """Writes go to a temporary object moved into place; a finished folder is published with
    its marker last and replaces an old one whole."""
    import fsspec

    fs = fsspec.filesystem("memory")
    root = store.location("memory://cache-unit/stages")
    frame = _frames()["articles"]
    for version in (1, 2):
        work = root / f".work{version}"
        store.atomic_write_parquet(work / "articles.parquet" / "2025-01" / "part.parquet", frame)
        store.atomic_write_json(work / "stage.json", {"version": version})
        store.publish(work, root / "done")
        assert not work.exists()
    assert store.read_json(root / "done" / "stage.json") == {"version": 2}
    assert sorted(fs.find("/cache-unit/stages")) == [
        "/cache-unit/stages/done/articles.parquet/2025-01/part.parquet",
        "/cache-unit/stages/done/stage.json",
    ]
    assert store.is_complete(root / "done", "articles")
    pd.testing.assert_frame_equal(store.read_table(root / "done" / "articles.parquet"), frame)
    store.remove_tree(root / "done")
    store.remove_tree(root / "done", missing_ok=True)
    assert not fs.exists("/cache-unit/stages/done")
    with pytest.raises(FileNotFoundError):
        store.remove_tree(root / "done")


def test_a_publish_that_fails_behind_a_url_leaves_no_folder_in_place(monkeypatch):
    import fsspec

    fs = fsspec.filesystem("memory")
    root = store.location("memory://cache-fail")
    for k in range(3):
        store.atomic_write_parquet(
            root / ".work" / "t.parquet" / f"part-{k}.parquet", _frames()["articles"]
        )
    store.atomic_write_json(root / ".work" / "stage.json", {})
    copied = []

    def copy(path1, path2, **kwargs):
        if len(copied) == 2:
            raise OSError("connection lost")
        copied.append(path2)
        fs.pipe(path2, fs.cat(path1))

    monkeypatch.setattr(fs, "copy", copy)
    with pytest.raises(OSError, match="connection lost"):
        store.publish(root / ".work", root / "done")
    assert not fs.exists("/cache-fail/done")  # no half table, and no marker, in place
    assert not any(p.endswith("stage.json") for p in copied)
    assert not store.is_complete(root / "done", "t")
    fs.rm("/cache-fail", recursive=True)


def test_remote_writes_make_the_folders_a_file_system_needs(tmp_path):
    """``local://`` is fsspec's local file system behind a URL: its folders must exist."""
    target = store.location(f"local://{tmp_path}/cache/stage/t.parquet/2025-01/part.parquet")
    store.atomic_write_parquet(target, _frames()["articles"])
    assert (tmp_path / "cache/stage/t.parquet/2025-01/part.parquet").is_file()
    assert [p.name for p in (tmp_path / "cache/stage/t.parquet/2025-01").iterdir()] == [
        "part.parquet"
    ]


def test_a_cache_url_with_a_password_is_refused():
    from analysis.pipeline import Params

    with pytest.raises(ValueError, match="password"):
        Params(cache_dir="s3://user:secret@bucket/cache")
    assert Params(cache_dir="memory://cache-unit/x").cache_dir == "memory://cache-unit/x"
