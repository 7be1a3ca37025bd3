"""The batch run end to end on a small slice, and its reports in headless Chromium, offline.

Needs ../shared (the corpus slice) and Chromium (Debian's ``chromium``, installed by .ci/run).
"""

import gzip
import json
import os
from pathlib import Path

import pytest

from analysis import config
from analysis.pipeline import Params
from analysis.plotly_bundle import CARTESIAN_TRACES, full_bundle, installed, trace_types
from analysis.report import make_offline, report_links, run_reports
from tests.browser import CHROMIUM, offline_browser, render
from tests.corpora import EVIL_TITLE

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Reports from 400 real RSS items plus one whose title is a script."""
    folder = tmp_path_factory.mktemp("run")
    corpus = folder / "slice.jsonl"
    with gzip.open(config.RSS_CORPUS, "rt", encoding="utf-8") as source:
        lines = [next(source) for _ in range(400)]
    evil = json.loads(lines[0])
    evil.update(id="evil-1", url="https://example.invalid/evil", title=EVIL_TITLE)
    corpus.write_text("".join(lines) + json.dumps(evil, ensure_ascii=False) + "\n", "utf-8")
    # Relative paths, as the Makefile passes them: the notebooks run in notebooks/, so the
    # run must resolve them against the caller's directory.
    here = os.getcwd()
    os.chdir(folder)
    try:
        params = Params(corpus=["slice.jsonl"], cache_dir="cache")
        summary = run_reports(params, Path("reports"), progress=False)
    finally:
        os.chdir(here)
    return folder / "reports", summary


def test_every_notebook_gives_a_report_and_figures(reports):
    out, summary = reports
    names = [p.stem for p in sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.py"))]
    assert names == list(summary["notebook_seconds"])
    for name in names:
        assert (out / f"{name}.html").stat().st_size > 0
    assert (out / "index.html").is_file()
    pngs = list((out / "figures").glob("*.png"))
    assert pngs and all((out / "figures" / f"{p.stem}.html").is_file() for p in pngs)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert summary["corpus_fingerprint"] in index
    # Each page's title names its report (the browser's tab, a bookmark, a saved page).
    tracker = (out / "05-project-tracker.html").read_text(encoding="utf-8")
    assert "<title>Project tracker: stages, promises, slips, money</title>" in tracker
    assert all(f'href="{name}.html"' in index for name in names)
    # The overview's notebook names link to the other reports, not to their notebooks.
    overview = (out / "00-index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}.html"' in overview for name in names if name != "00-index")
    assert ".ipynb" not in overview


def test_reports_need_no_network(reports):
    out, _ = reports
    for page in out.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert make_offline(text) == text, page.name


def test_article_text_is_escaped(reports):
    out, _ = reports
    text = (out / "03-infrastructure-mentions.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in text


def test_reports_embed_the_smaller_plotly_where_it_draws_every_chart(reports):
    """With the cartesian bundle installed (``make install``), a page of cartesian charts
    carries it instead of the full plotly.js; the Chromium test below then draws them."""
    out, _ = reports
    full, version = full_bundle()
    cartesian = installed(version) is not None  # as smaller() itself asks
    for page in sorted(out.glob("0[1-9]-*.html")):
        text = page.read_text(encoding="utf-8")
        types = trace_types(text)
        assert types, page.name
        if cartesian and types <= CARTESIAN_TRACES:
            assert f"(cartesian - minified) v{version}" in text and full not in text, page.name
        else:
            assert full in text, page.name


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")
def test_reports_render_in_chromium_offline(reports):
    out, _ = reports

    def search(page):
        page.fill("input[type=search]", "Hà Bắc")
        assert page.get_by_text("<script>alert(1)</script>", exact=False).count() > 0

    with offline_browser() as (page, requested):
        for page_path in sorted(out.glob("*.html")):
            is_mentions = page_path.stem == "03-infrastructure-mentions"
            seen = render(page, page_path, on_page=search if is_mentions else None)
            assert seen.drawn >= seen.plots, f"{seen.name}: {seen.plots - seen.drawn} blank"
            if page_path.stem not in ("index", "00-index"):
                assert seen.plots > 0, f"{seen.name} shows no chart"
            assert not seen.errors, f"{seen.name}: {seen.errors[:3]}"
            assert not seen.retyped, f"{seen.name}: {seen.retyped[:3]}"
            assert not seen.dialogs, f"{seen.name} ran a script from article text"
    assert not requested, f"reports asked the network for {requested[:3]}"


def test_relative_corpus_paths_are_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    params = Params(corpus=["corpus/a.jsonl"], cache_dir="cache")
    assert params.corpus == [str(tmp_path / "corpus" / "a.jsonl")]
    assert params.cache_dir == str(tmp_path / "cache")


def test_notebooks_get_every_parameter_of_the_run(tmp_path):
    from analysis.report import notebook_parameters

    params = Params(corpus=["a.jsonl"], cache_dir=str(tmp_path / "cache"), sample=10)
    values = notebook_parameters(params, tmp_path / "figures")
    assert values["cache_dir"] == str(tmp_path / "cache")  # the run's cache, not the default
    assert values["sample"] == 10
    assert values["figures_dir"] == str(tmp_path / "figures")


def _one_article(tmp_path) -> Params:
    """The parameters of a run over a corpus of one article, cached under ``tmp_path``."""
    corpus = tmp_path / "a.jsonl"
    row = {
        "id": "1",
        "url": "https://x.vn/1",
        "title": "Khởi công cầu Hà Bắc 2",
        "summary": "Cầu vượt sông Cầu.",
        "outlet": "X",
        "published_at": "2025-08-09T08:00:00+07:00",
    }
    corpus.write_text(json.dumps(row, ensure_ascii=False) + "\n", "utf-8")
    return Params(corpus=[str(corpus)], cache_dir=str(tmp_path / "cache"))


def test_editing_the_package_data_invalidates_the_cached_stages(tmp_path, monkeypatch):
    from analysis import pipeline

    params = _one_article(tmp_path)
    pipeline.tables(params, progress=False).build_all()
    monkeypatch.setattr(pipeline, "package_data_key", lambda: "edited")
    pipeline.tables(params, progress=False).build_all()
    stages = sorted(p.name.rsplit("-", 1)[0] for p in (tmp_path / "cache" / "stages").iterdir())
    # Every cached stage twice: once before the edit, once after.
    cached = [stage.name for stage in pipeline.STAGES if stage.cached]
    assert stages == sorted(cached * 2)


def test_a_new_event_model_rebuilds_only_the_stages_that_read_it(tmp_path, monkeypatch):
    """Editing the event labels or the event code rebuilds the events and what reads them
    (the tracker), not the mentions, topics and the rest."""
    from analysis import event_model, pipeline

    params = _one_article(tmp_path)
    pipeline.tables(params, progress=False).build_all()
    monkeypatch.setattr(event_model, "model_key", lambda: "edited")
    pipeline.tables(params, progress=False).build_all()
    stages = sorted(p.name.rsplit("-", 1)[0] for p in (tmp_path / "cache" / "stages").iterdir())
    twice = {"events", "tracker"}
    cached = [stage.name for stage in pipeline.STAGES if stage.cached]
    assert stages == sorted(cached + [name for name in cached if name in twice])


def test_links_between_notebooks_become_links_between_reports():
    page = '<a href="02-topic-clusters.ipynb#Clusters">x</a> <a href="data.ipynb">y</a>'
    assert (
        report_links(page)
        == '<a href="02-topic-clusters.html#Clusters">x</a> <a href="data.ipynb">y</a>'
    )
