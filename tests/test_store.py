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
