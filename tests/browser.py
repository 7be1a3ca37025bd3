"""Open report pages in Debian's Chromium (headless, network off) and say what they drew."""

from __future__ import annotations

import shutil
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Without the background-networking flags Chromium keeps asking this machine's closed network.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Rendered:
    name: str
    plots: int = 0
    drawn: int = 0
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    widths: list[list[int]] = field(default_factory=list)  # [table, its output area] in px
    right_text: list[str] = field(default_factory=list)  # text columns aligned right
    retyped: list[str] = field(default_factory=list)  # traces the page's plotly.js lacks


# How the searchable tables under `root` read: each table's width against its output area,
# and the columns of text (not numbers) aligned right. Evaluated in the page.
TABLES = """(root) => {
  const numeric = /^[-+]?[\\d.,\\s%]*(e[-+]?\\d+)?$/i;
  const tables = [...document.querySelectorAll(`${root} table.dataTable`)];
  const widths = tables.map(t => {
    const area = t.closest('.jp-OutputArea-output') || t.parentElement;
    return [Math.round(t.getBoundingClientRect().width), Math.round(area.clientWidth)];
  });
  const rightText = [];
  tables.forEach((t, k) => {
    const rows = [...t.querySelectorAll('tbody tr')].slice(0, 10);
    const columns = rows.length ? rows[0].children.length : 0;
    for (let c = 0; c < columns; c++) {
      const cells = rows.map(r => r.children[c]).filter(Boolean);
      const texts = cells.map(x => x.innerText.trim()).filter(x => x);
      if (!texts.length || texts.every(x => numeric.test(x))) continue;
      if (cells.some(x => getComputedStyle(x).textAlign === 'right')) {
        rightText.push(`table ${k} column ${c}: ${texts.filter(x => !numeric.test(x))[0]}`);
      }
    }
  });
  return {widths, rightText};
}"""


# Every plotly chart under ``root`` has its SVG and every itables table is a DataTable.
DRAWN = """(root = 'body') =>
  [...document.querySelectorAll(`${root} div.plotly-graph-div, ${root} .jp-RenderedPlotly`)]
    .every(d => d.querySelector('.main-svg'))
  && [...document.querySelectorAll(`${root} table[id^="itables_"]`)].every(
       t => t.classList.contains('dataTable'))"""


# Traces drawn as another type than asked: a plotly.js bundle without a trace type draws it
# as a plain scatter, with no error (the reports may carry plotly's cartesian bundle only).
RETYPED = """() =>
  [...document.querySelectorAll('div.plotly-graph-div')].flatMap(d =>
    (d._fullData || []).filter(t => t.type !== ((d.data[t.index] || {}).type || 'scatter'))
      .map(t => `${(d.data[t.index] || {}).type} drawn as ${t.type}`))"""


@contextmanager
def offline_browser():
    """A page of a Playwright browser with the network cut; yields (page, requested URLs)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(offline=True)
        requested: list[str] = []
        context.route(
            "http*://**/*", lambda route: (requested.append(route.request.url), route.abort())
        )
        try:
            yield context.new_page(), requested
        finally:
            browser.close()


def render(page, page_path: Path, settle_ms: int = 1500, on_page=None) -> Rendered:
    """Load one HTML file in ``page`` and count its plotly charts and the ones actually drawn.

    One page serves every file of a test: Chromium then compiles plotly.js once, not once per
    file (a figure page loads in 0.5 s instead of 2.5 s). Each file is a new document.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    seen = Rendered(page_path.name)
    handlers = {
        "console": lambda m: seen.errors.append(m.text) if m.type == "error" else None,
        "pageerror": lambda e: seen.errors.append(str(e)),
        "dialog": lambda d: (seen.dialogs.append(d.message), d.dismiss()),
    }
    for event, handler in handlers.items():
        page.on(event, handler)
    try:
        page.goto(Path(page_path).as_uri(), wait_until="load")
        # Until every chart and every searchable table is drawn (at most ``settle_ms`` and
        # 10 s more: a page that never draws is counted, not waited on), then a moment for
        # late errors.
        with suppress(PlaywrightTimeout):
            page.wait_for_function(DRAWN, timeout=settle_ms + 10_000)
        page.wait_for_timeout(min(settle_ms, 250))
        seen.plots = page.locator("div.plotly-graph-div").count()
        seen.drawn = page.locator("div.plotly-graph-div .main-svg").count()
        seen.retyped = page.evaluate(RETYPED)
        tables = page.evaluate(TABLES, "body")
        seen.widths, seen.right_text = tables["widths"], tables["rightText"]
        if on_page is not None:
            on_page(page)
    finally:
        for event, handler in handlers.items():
            page.remove_listener(event, handler)
    return seen
