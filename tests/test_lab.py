"""Each numbered notebook run in JupyterLab, in a real browser, the way an analyst runs it.

JupyterLab is started on a localhost port over a folder holding the notebooks (made from
``notebooks/*.py`` with jupytext, their parameters set to every 60th RSS item, about 3,000
spread over the year, as papermill would set them); Playwright drives Debian's Chromium (no
browser download) to open each notebook, run all cells from the Run menu and read the page:
no error output, every plotly chart drawn, no table wider than its output area, no text
column right-aligned, no console error. Skipped, saying so, when Chromium is not installed
(``.ci/run`` installs it).
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import suppress
from pathlib import Path

import pytest

from analysis import config
from analysis.report import notebook_scripts
from tests import corpora
from tests.browser import ARGS, CHROMIUM, DRAWN, TABLES

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        CHROMIUM is None, reason="Chromium is not installed: the JupyterLab test is skipped"
    ),
]
EVERY = 60  # the sample: every 60th RSS item
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook open in JupyterLab
RUN_TIMEOUT_MS = 240_000

# What the page says of one notebook once every cell ran (evaluated in the browser).
MEASURE = """() => {
  const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';
  const outputs = [...document.querySelectorAll(PANEL + ' .jp-OutputArea-output')];
  const errors = [...document.querySelectorAll(
      PANEL + ' .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')]
      .map(e => e.innerText.slice(0, 300));
  // Every plotly chart, drawn or not (.js-plotly-plot comes with the drawing): plotly's
  // renderer's output (.jp-RenderedPlotly), or the div of a chart written as HTML.
  const plots = [...document.querySelectorAll(
      `${PANEL} .jp-OutputArea-output.jp-RenderedPlotly,
       ${PANEL} .jp-OutputArea-output .plotly-graph-div`)];
  const tables = [...document.querySelectorAll(PANEL + ' .jp-OutputArea-output table.dataTable')];
  const prompts = [...document.querySelectorAll(PANEL + ' .jp-CodeCell .jp-InputPrompt')]
      .map(p => p.innerText.trim());
  return {
    cells: prompts.length, prompts, errors, outputs: outputs.length,
    plots: plots.length, drawn: plots.filter(p => p.querySelector('.main-svg')).length,
    tables: tables.length,
  };
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _notebooks(folder: Path) -> None:
    """The notebooks as .ipynb, each with a cell after its parameters that sets them (as
    papermill's "injected-parameters" cell does)."""
    import jupytext
    import nbformat

    # Every 60th item: about 3,000 spread over the whole year, so that trends have weeks to
    # show and the tracker has projects.
    with gzip.open(config.RSS_CORPUS, "rt", encoding="utf-8") as source:
        spread = [json.loads(line) for i, line in enumerate(source) if i % EVERY == 0]
    corpus = corpora.write_jsonl(folder / "sample.jsonl", spread)
    params = {"corpus": [str(corpus)], "cache_dir": str(folder / "cache")}
    injected = "\n".join(f"{name} = {value!r}" for name, value in params.items())
    for script in notebook_scripts():
        notebook = jupytext.read(script)
        cells = notebook.cells
        at = next(
            i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])
        )
        cells.insert(at + 1, nbformat.v4.new_code_cell(injected))
        nbformat.write(notebook, folder / f"{script.stem}.ipynb")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a free localhost port, no token, over the parameterised notebooks."""
    folder = tmp_path_factory.mktemp("lab")
    _notebooks(folder)
    # Render every cell (no windowing): charts far down the page are drawn and can be read.
    settings = tmp_path_factory.mktemp("lab-settings")
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text(json.dumps({"fetchNews": "false"}))
    port = _free_port()
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings)}
    server = subprocess.Popen(
        [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
            "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
            f"--ServerApp.root_dir={folder}", "--LabApp.news_url=",
            "--ServerApp.disable_check_xsrf=True", "--allow-root",
        ],
        env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/api/status", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("JupyterLab did not start within 60 s")
    try:
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


STARTED = """() => [...document.querySelectorAll(
      '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
    .some(p => /^\\[(\\*|\\d+)\\]:$/.test(p.innerText.trim()))"""


DONE = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
      .map(p => p.innerText.trim());
  const idle = document.querySelector(
      '.jp-Notebook-ExecutionIndicator[data-status="idle"]') !== null;
  return idle && prompts.length > 0 && !prompts.some(p => p === '[*]:');
}"""


def _shut_down_kernels(url: str) -> None:
    """Stop the notebook's kernel: the next notebook gets the machine to itself."""
    with urllib.request.urlopen(f"{url}/api/sessions", timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(f"{url}/api/sessions/{session['id']}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def _dismiss_dialogs(page, seen: list[str]) -> None:
    """Note and close any dialog JupyterLab put up (it would swallow the next click)."""
    page.wait_for_timeout(500)
    while page.locator(".jp-Dialog").count():
        seen.append(" ".join(page.locator(".jp-Dialog").first.inner_text().split())[:200])
        page.keyboard.press("Escape")
        page.wait_for_timeout(500)


@pytest.fixture(scope="module")
def lab_page(browser):
    """One page for every notebook (JupyterLab's code is compiled once), and the requests
    it made outside the local server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Only the local server: a notebook must not need the network.
    outside: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else (outside.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    # Leaving a notebook that ran asks "leave the page?": yes (the next notebook is opened).
    page.on("dialog", lambda d: d.accept() if d.type == "beforeunload" else d.dismiss())
    yield page, outside
    context.close()


def _run_all_cells(page, url: str, stem: str) -> tuple[dict, float, list[str]]:
    """Open ``stem`` in a workspace of its own, Run > Run All Cells, wait, measure the panel."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # A workspace of its own, reset: only this notebook is open.
    page.goto(f"{url}/lab/workspaces/{stem}/tree/{stem}.ipynb?reset", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    started = time.monotonic()
    dialogs: list[str] = []
    for _attempt in range(3):  # a click before the kernel is ready runs nothing: try again
        _dismiss_dialogs(page, dialogs)
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        try:
            page.wait_for_function(STARTED, timeout=20_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    # Done when no cell waits or runs and the kernel is idle (a failing cell stops the run).
    page.wait_for_function(DONE, timeout=RUN_TIMEOUT_MS)
    seconds = time.monotonic() - started
    # Let the last charts and tables draw (as the reports' test waits, in the open panel).
    with suppress(PlaywrightTimeout):
        page.wait_for_function(DRAWN, arg=PANEL, timeout=10_000)
    page.wait_for_timeout(500)
    measured = page.evaluate(MEASURE)
    measured.update(page.evaluate(TABLES, f"{PANEL} .jp-OutputArea-output"))
    return measured, seconds, dialogs


def run_in_lab(lab_page, url: str, stem: str) -> dict:
    """Open one notebook in JupyterLab, Run > Run All Cells, wait, and measure the page."""
    page, outside = lab_page
    outside.clear()
    console: list[str] = []
    handlers = {
        "console": lambda m: console.append(m.text) if m.type == "error" else None,
        "pageerror": lambda e: console.append(str(e)),
    }
    for event, handler in handlers.items():
        page.on(event, handler)
    try:
        measured, seconds, dialogs = _run_all_cells(page, url, stem)
    finally:
        for event, handler in handlers.items():
            page.remove_listener(event, handler)
        page.goto("about:blank")  # leave the notebook, then stop its kernel
        _shut_down_kernels(url)
    return {
        **measured,
        "seconds": round(seconds, 1),
        "console": console,
        "outside": list(outside),
        "dialogs": dialogs,
    }


@pytest.mark.parametrize("stem", [s.stem for s in notebook_scripts()])
def test_notebook_runs_and_reads_well_in_jupyterlab(lab, lab_page, stem):
    seen = run_in_lab(lab_page, lab, stem)
    widest = max((w / a for w, a in seen["widths"] if a), default=0.0)
    print(
        f"{stem}: {seen['cells']} cells run in {seen['seconds']} s, {seen['drawn']} of "
        f"{seen['plots']} charts drawn, {seen['tables']} tables, widest table "
        f"{max(seen['widths'], default=[0, 0])} px of its output area ({widest:.2f})"
        + (f"; dialogs closed: {seen['dialogs']}" if seen["dialogs"] else "")
    )
    assert seen["cells"] > 0
    if stem != "00-index":  # every other notebook draws charts of this sample
        assert seen["plots"] > 0, "no chart found"
    assert not seen["errors"], seen["errors"]
    assert seen["drawn"] == seen["plots"], f"{seen['plots'] - seen['drawn']} charts not drawn"
    assert all(w <= a + 1 for w, a in seen["widths"]), seen["widths"]
    assert not seen["rightText"], seen["rightText"]
    assert not seen["console"], seen["console"]
    assert not seen["outside"], seen["outside"]
