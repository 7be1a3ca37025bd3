"""Batch run: execute every notebook with papermill, export each to a self-contained HTML.

``run_reports`` computes the analysis tables once (cached), then pairs each
``notebooks/NN-*.py`` (jupytext percent script) with a fresh ``.ipynb``, executes it with the
run's parameters injected into its ``parameters`` cell, and exports it with nbconvert: code
hidden, outputs kept, images embedded. Each report is made to work offline: scripts and
stylesheets from a CDN (require.js, MathJax) are dropped, and plotly.js is embedded by the
notebooks' renderer (see :mod:`analysis.charts`), its smaller cartesian bundle when the page's
charts need no more (:mod:`analysis.plotly_bundle`); the tables' rows are written in UTF-8
(:func:`analysis.table.unescaped_rows`). The index page lists the reports with the
run's parameters (corpus names as the user gave them, never paths of this machine), the
package version and the corpus fingerprint.

A run is published only whole: everything is written into a hidden staging folder inside the
output folder and moved into place once every notebook has run. A notebook that fails leaves
the previous run's reports as they were, keeps the executed notebook in ``failed/`` for
inspection and raises :class:`NotebookFailed`, whose message names the notebook, the cell and
the error in one line.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from analysis import __version__, plotly_bundle, table
from analysis.config import NOTEBOOKS_DIR, REPORTS_DIR
from analysis.pipeline import Params
from analysis.store import atomic_write, atomic_write_json, atomic_write_text

# <script src="https://..."> and <link href="https://..."> need the network: out.
_REMOTE_SCRIPT = r"<script[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>"
_REMOTE_LINK = r"<link[^>]*\bhref=[\"']https?://[^>]*>"
FAILED_DIR = "failed"


class NotebookFailed(RuntimeError):
    """A notebook of the batch raised; the message is one line a user can act on."""

    def __init__(self, notebook: str, cell: int | None, source: str, error: str, kept: Path):
        self.notebook, self.cell, self.error, self.kept = notebook, cell, error, kept
        first_line = next((line for line in source.splitlines() if line.strip()), "").strip()
        where = f"cell {cell}" + (f" ({first_line[:60]!r})" if first_line else "")
        super().__init__(
            f"notebook {notebook} failed in {where}: {error}. The executed notebook is kept "
            f"in {kept}; the reports of the last successful run are unchanged."
        )


def notebook_scripts(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks, in order (00-index first)."""
    return sorted(folder.glob("[0-9][0-9]-*.py"))


def make_offline(page: str) -> str:
    """Drop every script and stylesheet that would be fetched from the network."""
    page = re.sub(_REMOTE_SCRIPT, "", page, flags=re.I)
    return re.sub(_REMOTE_LINK, "", page, flags=re.I)


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
    # The browser's tab, a bookmark and a saved page say what the report is, not "Notebook".
    name = notebook_path.name.split(".")[0]  # "05-project-tracker.executed.ipynb"
    notebook.metadata["title"] = _TITLES.get(name, name)
    body, _ = exporter.from_notebook_node(notebook)
    return make_offline(plotly_bundle.smaller(table.unescaped_rows(report_links(body))))


def report_links(page: str) -> str:
    """Links between notebooks ("01-load-and-explore.ipynb", which open the notebook in
    JupyterLab) made links between their reports ("01-load-and-explore.html")."""
    return re.sub(r'href="(\d\d-[\w-]+)\.ipynb(#[^"]*)?"', r'href="\1.html\2"', page)


def notebook_parameters(params: Params, figures_dir: Path) -> dict:
    values = params.values()  # cache_dir included: the notebooks read the run's cached tables
    values["figures_dir"] = str(figures_dir)
    return values


KERNEL_STARTS = 3  # attempts to start a notebook's kernel


def _execute(script: Path, staging: Path, parameters: dict, kernel: str, out_dir: Path) -> Path:
    """Run one notebook into ``staging``; on error keep it in ``out_dir/failed``, raise."""
    import jupytext
    import papermill
    from papermill.exceptions import PapermillExecutionError

    name = script.stem
    source = staging / f"{name}.ipynb"
    executed = staging / f"{name}.executed.ipynb"
    notebook = jupytext.read(script)
    # A script without jupytext's header names no kernel; papermill then cannot start one.
    notebook.metadata.setdefault(
        "kernelspec", {"name": kernel, "display_name": kernel, "language": "python"}
    )
    jupytext.write(notebook, source)
    try:
        for attempt in range(KERNEL_STARTS):
            try:
                papermill.execute_notebook(
                    str(source),
                    str(executed),
                    parameters=parameters,
                    kernel_name=kernel,
                    cwd=str(script.parent),
                    progress_bar=False,
                    # Saved once at the end (and on error), not twice per cell: a report's
                    # notebook holds plotly.js, and each save writes and validates it whole.
                    request_save_on_cell_execute=False,
                    # The kernel's own log is noise: warnings (TCP without encryption on
                    # localhost), and the "KeyboardInterrupt caught in kernel" ERROR that
                    # jupyter_client's shutdown (an interrupt, then a request) can leave when
                    # two kernels run at once. A notebook's errors still fail its report.
                    extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
                )
                break
            except RuntimeError as exc:
                # Two kernels started at once can pick the same free port; the one that loses
                # dies before it answers. Start it again: nothing of the notebook ran yet.
                if "before replying to kernel_info" not in str(exc) or attempt + 1 == KERNEL_STARTS:
                    raise
    except PapermillExecutionError as exc:
        kept = out_dir / FAILED_DIR / f"{name}.ipynb"
        atomic_write(kept, lambda tmp: shutil.copyfile(executed, tmp))
        evalue = " ".join(str(exc.evalue).split())
        # The kernel counts every code cell it ran, the injected parameters cell included.
        cell = exc.exec_count - 1 if exc.exec_count else None
        raise NotebookFailed(name, cell, exc.source, f"{exc.ename}: {evalue}", kept) from None
    return executed


def _publish(staging: Path, out_dir: Path, names: list[str]) -> None:
    """Move a finished run from ``staging`` into ``out_dir``, figures folder as a whole."""
    for name in names:
        os.replace(staging / name, out_dir / name)
    figures, old = out_dir / "figures", staging / "previous-figures"
    if figures.exists():
        os.replace(figures, old)
    os.replace(staging / "figures", figures)
    shutil.rmtree(out_dir / FAILED_DIR, ignore_errors=True)


def run_reports(
    params: Params,
    out_dir: Path = REPORTS_DIR,
    notebooks: list[Path] | None = None,
    kernel: str = "python3",
    progress: bool = True,
    jobs: int | None = 2,
) -> dict:
    """Execute every notebook and write ``out_dir/<name>.html``, ``figures/`` and ``index.html``.

    The analysis tables are computed once (and cached) before the notebooks run, so each
    notebook reads them instead of recomputing; an empty selection raises
    :class:`analysis.pipeline.EmptySelection` before any notebook starts. ``jobs`` notebooks
    run at once (each in its own kernel; None: one per CPU).
    """
    from analysis.pipeline import tables

    out_dir = Path(out_dir).resolve()  # the notebooks run in notebooks/, not here
    started = time.perf_counter()
    data = tables(params, progress=progress).build_all()
    out_dir.mkdir(parents=True, exist_ok=True)
    notebooks = notebooks or notebook_scripts()
    timings: dict[str, float] = {}
    staging = Path(tempfile.mkdtemp(dir=out_dir, prefix=".run-"))
    try:
        (staging / "figures").mkdir()
        parameters = notebook_parameters(params, staging / "figures")

        def one(script: Path) -> float:
            begun = time.perf_counter()
            executed = _execute(script, staging, parameters, kernel, out_dir)
            atomic_write_text(staging / f"{script.stem}.html", export_html(executed))
            return time.perf_counter() - begun

        # Each notebook runs in its own kernel (a process of its own), so two run at once on
        # a 2-core machine: the notebooks are independent, and a kernel's start-up dominates
        # a small corpus's run.
        workers = max(1, min(jobs or os.cpu_count() or 1, len(notebooks)))
        with ThreadPoolExecutor(workers) as pool:
            futures = {pool.submit(one, script): script for script in notebooks}
            done = tqdm(
                as_completed(futures),
                total=len(futures),
                desc="notebooks",
                unit="notebook",
                disable=not progress,
            )
            for future in done:
                if future.exception() is not None:
                    for other in futures:
                        other.cancel()
                    raise future.exception()
                timings[futures[future].stem] = future.result()
        timings = {script.stem: timings[script.stem] for script in notebooks}
        summary = {
            "params": params.shown(),
            "package_version": __version__,
            "corpus_fingerprint": data.corpus_fingerprint,
            "articles": len(data["articles"]),
            "notebook_seconds": timings,
            "total_seconds": time.perf_counter() - started,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        atomic_write_text(staging / "index.html", index_page(summary, notebooks))
        atomic_write_json(staging / "run.json", summary)
        names = [f"{script.stem}.html" for script in notebooks] + ["index.html", "run.json"]
        _publish(staging, out_dir, names)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return summary


_TITLES = {
    "00-index": "Overview of the analyses",
    "01-load-and-explore": "The corpus: sources, volume, lengths, duplicates, rejects",
    "02-topic-clusters": "Topic clusters and named topics",
    "03-infrastructure-mentions": "Infrastructure projects in the news",
    "04-time-trends": "Time trends: topic shares, rising projects, spikes",
    "05-project-tracker": "Project tracker: stages, promises, slips, money",
}


def index_page(summary: dict, notebooks: list[Path]) -> str:
    """The run's front page: links to each report and the parameters that made them."""
    timings = summary["notebook_seconds"]
    rows = "\n".join(
        f'<li><a href="{html.escape(n.stem)}.html">{html.escape(_TITLES.get(n.stem, n.stem))}'
        f"</a> <small>({timings.get(n.stem, 0):.0f} s)</small></li>"
        for n in notebooks
    )
    shown = {
        **summary["params"],
        "package version": summary["package_version"],
        "corpus fingerprint": summary["corpus_fingerprint"],
    }
    params_rows = "\n".join(
        f"<tr><th>{html.escape(k)}</th><td>"
        f"{html.escape(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))}</td></tr>"
        for k, v in shown.items()
    )
    when = datetime.fromisoformat(summary["finished_at"]).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
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
<p>Reports of one run over {summary["articles"]:,} articles, made {html.escape(when)}.</p>
<ul>
{rows}
</ul>
<h2>Run</h2>
<table>
{params_rows}
</table>
<p>Each chart is also in <code>figures/</code> as a PNG and as an interactive HTML page
(the pages share <code>figures/plotly.min.js</code>: copy the folder whole). Each report
above is a single file that opens offline in any browser.</p>
</body></html>
"""
