"""Batch run: execute every notebook with papermill, export each to a self-contained HTML.

``run_reports`` pairs each ``notebooks/NN-*.py`` (jupytext percent script) with a fresh
``.ipynb``, executes it with the run's parameters injected into its ``parameters`` cell, and
exports it with nbconvert: code hidden, outputs kept, images embedded. Each report is then
made to work offline: scripts and stylesheets from a CDN (require.js, MathJax) are dropped,
and plotly.js is embedded by the notebooks' renderer (see :mod:`analysis.charts`). The index
page lists the reports with the run's parameters, corpus fingerprint and date. Every file is
written atomically, so an interrupted run never leaves half a report.
"""

from __future__ import annotations

import html
import json
import re
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from analysis.config import NOTEBOOKS_DIR, REPORTS_DIR
from analysis.ingest import _atomic_write_bytes
from analysis.pipeline import Params

# <script src="https://..."> and <link href="https://..."> need the network: out.
_REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>", re.I)
_REMOTE_LINK = re.compile(r"<link[^>]*\bhref=[\"']https?://[^>]*>", re.I)


def notebook_scripts(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks, in order (00-index first)."""
    return sorted(folder.glob("[0-9][0-9]-*.py"))


def make_offline(page: str) -> str:
    """Drop every script and stylesheet that would be fetched from the network."""
    page = _REMOTE_SCRIPT.sub("", page)
    return _REMOTE_LINK.sub("", page)


def export_html(notebook_path: Path) -> str:
    """The executed notebook as one HTML page: code hidden, images embedded, offline."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    notebook = nbformat.read(notebook_path, as_version=4)
    body, _ = exporter.from_notebook_node(notebook)
    return make_offline(body)


def _notebook_parameters(params: Params, figures_dir: Path) -> dict:
    values = asdict(params)  # cache_dir included: the notebooks read the run's cached tables
    values["figures_dir"] = str(figures_dir)
    return values


def run_reports(
    params: Params,
    out_dir: Path = REPORTS_DIR,
    notebooks: list[Path] | None = None,
    kernel: str = "python3",
    progress: bool = True,
) -> dict:
    """Execute every notebook and write ``out_dir/<name>.html``, ``figures/`` and ``index.html``.

    The analysis tables are computed once (and cached) before the notebooks run, so each
    notebook reads them instead of recomputing.
    """
    import jupytext
    import papermill

    from analysis.pipeline import tables

    out_dir = Path(out_dir).resolve()  # the notebooks run in notebooks/, not here
    figures = out_dir / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    data = tables(params, progress=progress)
    notebooks = notebooks or notebook_scripts()
    timings = {}
    with tempfile.TemporaryDirectory() as tmp:
        for script in tqdm(notebooks, desc="notebooks", unit="notebook", disable=not progress):
            name = script.stem
            source = Path(tmp) / f"{name}.ipynb"
            executed = Path(tmp) / f"{name}.out.ipynb"
            jupytext.write(jupytext.read(script), source)
            begun = time.perf_counter()
            papermill.execute_notebook(
                str(source),
                str(executed),
                parameters=_notebook_parameters(params, figures),
                kernel_name=kernel,
                cwd=str(script.parent),
                progress_bar=False,
            )
            page = export_html(executed)
            _atomic_write_bytes(out_dir / f"{name}.html", page.encode("utf-8"))
            timings[name] = time.perf_counter() - begun
    index = index_page(
        params, data["corpus_fingerprint"], notebooks, timings, len(data["articles"])
    )
    _atomic_write_bytes(out_dir / "index.html", index.encode("utf-8"))
    summary = {
        "params": asdict(params),
        "corpus_fingerprint": data["corpus_fingerprint"],
        "articles": len(data["articles"]),
        "notebook_seconds": timings,
        "total_seconds": time.perf_counter() - started,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    _atomic_write_bytes(out_dir / "run.json", json.dumps(summary, indent=2).encode("utf-8"))
    return summary


_TITLES = {
    "00-index": "Overview of the analyses",
    "01-load-and-explore": "The corpus: sources, volume, lengths, duplicates, rejects",
    "02-topic-clusters": "Topic clusters and named topics",
    "03-infrastructure-mentions": "Infrastructure projects in the news",
    "04-time-trends": "Time trends: topic shares, rising projects, spikes",
}


def index_page(
    params: Params, fingerprint: str, notebooks: list[Path], timings: dict, articles: int
) -> str:
    """The run's front page: links to each report and the parameters that made them."""
    rows = "\n".join(
        f'<li><a href="{html.escape(n.stem)}.html">{html.escape(_TITLES.get(n.stem, n.stem))}'
        f"</a> <small>({timings.get(n.stem, 0):.0f} s)</small></li>"
        for n in notebooks
    )
    shown = {k: v for k, v in asdict(params).items() if k != "cache_dir"}
    params_rows = "\n".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(json.dumps(v, ensure_ascii=False))}</td>"
        "</tr>"
        for k, v in shown.items()
    )
    when = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Vietnamese news analysis: reports</title>
<style>
body {{ font-family: system-ui, "DejaVu Sans", Arial, sans-serif; max-width: 52rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; }}
th {{ text-align: left; padding-right: 1rem; }} td, th {{ padding: .2rem .4rem; }}
table {{ border-collapse: collapse; }} tr:nth-child(even) {{ background: #f4f4f4; }}
li {{ margin: .4rem 0; }}
</style></head>
<body>
<h1>Vietnamese infrastructure, trade and transport news</h1>
<p>Reports of one run over {articles:,} articles, made {html.escape(when)}.</p>
<ul>
{rows}
</ul>
<h2>Run</h2>
<table>
{params_rows}
<tr><th>corpus fingerprint</th><td>{html.escape(fingerprint)}</td></tr>
</table>
<p>Each chart is also in <code>figures/</code> as a PNG and as an interactive HTML file.</p>
</body></html>
"""
