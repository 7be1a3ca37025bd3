"""The main job, ``analysis run``, end to end on every format the loader reads.

Each corpus is a small real fixture built from ../shared (tests/corpora.py): page dumps (no
outlet, no URL, one without a date, one with a script for a title), Dân Trí files, a DANeS
export, a CSV with another tool's column names, saved HTML pages, a mix of them, a handful of
RSS items, and items that name no project. Each run must exit 0, write every report with its
sections, say what it cannot show, and leave nothing a colleague cannot open: no absolute
paths of this machine, ordinary file modes, one shared plotly.js for the figure pages.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analysis import config
from analysis.cli import app
from analysis.report import NotebookFailed, notebook_scripts, run_reports
from tests import corpora
from tests.browser import CHROMIUM, offline_browser, render

pytestmark = pytest.mark.integration

NO_OUTLET = "this corpus carries no outlet"
NO_PROJECT = "no infrastructure project"


def _no_project(record: dict) -> bool:
    from analysis.mentions import find_mentions

    return record.get("feed_category") == "Thể thao" and not find_mentions(
        f"{record['title']}\n{record['summary']}"
    )


def _mix(folder: Path) -> Path:
    corpora.pages(folder / "pages", n=4)
    corpora.dantri(folder / "dantri", n=3)
    corpora.csv_export(folder / "csv", n=20)
    corpora.html_pages(folder / "html", n=3)
    corpora.write_jsonl(folder / "rss" / "items.jsonl", corpora.rss_records(30, lambda r: True))
    return folder


BUILDERS = {
    "pages": lambda folder: corpora.pages(folder / "pages"),
    "dantri": lambda folder: corpora.dantri(folder / "dantri"),
    "danes": lambda folder: corpora.danes(folder / "danes"),
    "csv": lambda folder: corpora.csv_export(folder / "csv"),
    "html": lambda folder: corpora.html_pages(folder / "html"),
    "mix": lambda folder: _mix(folder / "mix"),
    "tiny": lambda folder: corpora.write_jsonl(folder / "tiny.jsonl", corpora.rss_records(3)),
    "no-project": lambda folder: corpora.write_jsonl(
        folder / "sport.jsonl", corpora.rss_records(25, _no_project)
    ),
}


BUILDERS_SHOWN = {
    "pages": "pages",
    "dantri": "dantri",
    "danes": "danes/danes.json",
    "csv": "csv/export.csv",
    "html": "html",
    "mix": "mix",
    "tiny": "tiny.jsonl",
    "no-project": "sport.jsonl",
}


def _headings(script: Path) -> list[str]:
    """The section headings a notebook always prints (its ``## `` markdown lines)."""
    return [
        line[5:].strip()
        for line in script.read_text("utf-8").splitlines()
        if line.startswith("# ## ")
    ]


def _invoke(*args: str):
    return CliRunner().invoke(app, ["run", *args], catch_exceptions=False)


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def batch(request, tmp_path_factory):
    """One ``analysis run`` per format, from the fixture's own folder with relative paths."""
    folder = tmp_path_factory.mktemp(f"batch-{request.param}")
    corpus = BUILDERS[request.param](folder)
    old_umask, here = os.umask(0o022), os.getcwd()
    os.chdir(folder)
    try:
        result = _invoke(
            "--corpus", str(corpus.relative_to(folder)), "--out", "reports", "--cache-dir", "cache"
        )
    finally:
        os.chdir(here)
        os.umask(old_umask)
    return request.param, folder, result


def test_the_batch_exits_0_and_writes_every_report_with_its_sections(batch):
    name, folder, result = batch
    assert result.exit_code == 0, result.output
    out = folder / "reports"
    for script in notebook_scripts():
        page = (out / f"{script.stem}.html").read_text(encoding="utf-8")
        for heading in _headings(script):
            assert heading in page, f"{name}: {script.stem} lacks the section {heading!r}"
        assert "Traceback" not in page, f"{name}: {script.stem} shows a traceback"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "package version" in index and "corpus fingerprint" in index


def test_reports_say_what_the_corpus_cannot_show(batch):
    name, folder, _ = batch
    out = folder / "reports"
    explore = (out / "01-load-and-explore.html").read_text(encoding="utf-8")
    mentions = (out / "03-infrastructure-mentions.html").read_text(encoding="utf-8")
    if name == "pages":
        assert NO_OUTLET in explore
        assert "carries no body text" not in explore
    if name in ("tiny", "csv", "danes"):
        assert "carries no body text" in explore  # title + lead only: said, not a zero series
    if name == "no-project":
        assert NO_PROJECT in mentions
    if name == "mix":
        assert "(unknown)" in explore  # pages carry no outlet: shown as such among the others
        assert NO_OUTLET not in explore


def test_reports_are_files_a_colleague_can_open(batch):
    name, folder, _ = batch
    out = folder / "reports"
    files = [p for p in out.rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, f"{name}: {path.name}"
        text = path.read_text(encoding="utf-8", errors="replace")
        for secret in (str(folder), str(config.PROJECT_ROOT)):
            assert secret not in text, f"{name}: {path.name} shows the path {secret}"
    figures = out / "figures"
    pages = list(figures.glob("*.html"))
    assert pages and (figures / "plotly.min.js").is_file()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'src="plotly.min.js"' in text, f"{page.name} does not share plotly.js"
        assert "plotly.js v" not in text, f"{page.name} embeds plotly.js"
    assert not [p for p in out.iterdir() if p.name.startswith(".run-")], "staging left behind"
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["params"]["corpus"] == [str(Path(BUILDERS_SHOWN[name]))]


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")
@pytest.mark.parametrize("batch", ["pages", "mix"], indirect=True)
def test_every_chart_and_table_of_the_reports_renders_offline_and_reads_well(batch):
    _, folder, _ = batch
    with offline_browser() as (page, requested):
        for page_path in sorted((folder / "reports").glob("*.html")):
            seen = render(page, page_path)
            assert seen.drawn >= seen.plots, f"{seen.name}: {seen.plots - seen.drawn} blank"
            assert not seen.errors, f"{seen.name}: {seen.errors[:3]}"
            assert not seen.retyped, f"{seen.name}: {seen.retyped[:3]}"
            assert not seen.dialogs, f"{seen.name} ran a script from a page title"
            assert all(w <= a + 1 for w, a in seen.widths), f"{seen.name}: {seen.widths}"
            assert not seen.right_text, f"{seen.name}: {seen.right_text}"
        for figure in sorted((folder / "reports" / "figures").glob("*.html")):
            seen = render(page, figure, settle_ms=300)
            assert seen.plots == 1 and seen.drawn >= 1, f"figure {figure.name} is blank"
    assert not requested, f"reports asked the network for {requested[:3]}"


def test_an_empty_date_range_is_a_clear_error_before_any_notebook(tmp_path):
    corpus = corpora.write_jsonl(tmp_path / "tiny.jsonl", corpora.rss_records(3))
    result = _invoke(
        "--corpus",
        str(corpus),
        "--out",
        str(tmp_path / "reports"),
        "--cache-dir",
        str(tmp_path / "cache"),
        "--date-from",
        "2030-01-01",
    )
    assert result.exit_code == 1
    assert "error: no article is dated within date_from 2030-01-01" in result.output
    assert "the corpus's 3 dated articles run from 20" in result.output
    assert not (tmp_path / "reports").exists()


def test_a_corpus_of_rejects_only_is_a_clear_error(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "empty.txt").write_text("", encoding="utf-8")
    result = _invoke(
        "--corpus",
        str(tmp_path / "corpus"),
        "--out",
        str(tmp_path / "reports"),
        "--cache-dir",
        str(tmp_path / "cache"),
    )
    assert result.exit_code == 1
    assert "error: the corpus holds no article: every input was rejected (1 empty file)" in (
        result.output
    )


def test_a_failing_notebook_keeps_the_last_reports_and_names_the_cell(tmp_path):
    from analysis.pipeline import Params

    corpus = corpora.write_jsonl(tmp_path / "tiny.jsonl", corpora.rss_records(3))
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    good = notebooks / "00-index.py"
    shutil.copy(config.NOTEBOOKS_DIR / "00-index.py", good)
    bad = notebooks / "01-broken.py"
    bad.write_text(
        '# %% tags=["parameters"]\ncorpus = []\n\n# %%\nx = 1\n\n# %%\nshare = 1 / 0\n',
        encoding="utf-8",
    )
    params = Params(corpus=[str(corpus)], cache_dir=str(tmp_path / "cache"))
    out = tmp_path / "reports"
    run_reports(params, out, notebooks=[good], progress=False)
    before = (out / "index.html").read_bytes()
    with pytest.raises(NotebookFailed) as failure:
        run_reports(params, out, notebooks=[good, bad], progress=False)
    message = str(failure.value)
    assert "\n" not in message
    assert message.startswith("notebook 01-broken failed in cell 3 ('share = 1 / 0')")
    assert "ZeroDivisionError: division by zero" in message
    assert (out / "failed" / "01-broken.ipynb").is_file()
    assert (out / "index.html").read_bytes() == before
    assert not (out / "01-broken.html").exists()
