"""The README's generated sections: the data dictionary and the layout, from the code itself.

``analysis docs --readme README.md`` rewrites both; a test fails when either is stale, so the
README cannot drift from the schemas or from the files it describes.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from analysis.config import NOTEBOOKS_DIR, PROJECT_ROOT
from analysis.schemas import data_dictionary

PACKAGE_DIR = PROJECT_ROOT / "src" / "analysis"
# The package in pipeline order: read it top-down and see load → text → mentions / places /
# topics → stages → trends → charts → report. A new module must be placed here.
MODULES = (
    "config.py",
    "store.py",
    "schemas.py",
    "schema_types.py",
    "load/",
    "ingest.py",
    "text.py",
    "gazetteer.py",
    "mentions/",
    "places.py",
    "when.py",
    "events.py",
    "event_model.py",
    "event_training.py",
    "event_clauses.py",
    "other_works.py",
    "event_lexicon.py",
    "topics/",
    "stages/",
    "pipeline.py",
    "engine.py",
    "dask_ingest.py",
    "tracker.py",
    "money.py",
    "scope.py",
    "corpus.py",
    "trends.py",
    "days.py",
    "charts.py",
    "timeline_chart.py",
    "table.py",
    "report.py",
    "plotly_bundle.py",
    "evaluate.py",
    "docs.py",
    "cli.py",
)
OTHER_FOLDERS = (
    (
        "src/analysis/data/",
        "package data: the gazetteer, provinces, mention lexicon, topic "
        "seeds, the lead model's weights (CSV; edit them, the caches follow)",
    ),
    (
        "notebooks/",
        "one report per notebook, py:percent scripts (jupytext); `make notebooks` "
        "pairs .ipynb files for JupyterLab",
    ),
    (
        "tests/",
        "unit tests on small frames built in the test (`test_<module>.py`); tests "
        "marked integration read ../shared",
    ),
    (
        "benchmarks/",
        "speed, memory and quality measurements, each a script; figures in benchmarks/README.md",
    ),
    (
        "data/",
        "data/labels/: hand labels (ids and labels only); data/processed/: the cache, "
        "rebuilt by `make data`, git-ignored",
    ),
    ("reports/", "the batch's HTML reports, git-ignored"),
)
WHERE = (
    "a new stage: a module in `src/analysis/stages/` and one `Stage` entry in "
    "`pipeline.STAGES` (its schema in `schemas.py`)",
    "a new kind word, homonym or country for mentions: a row in "
    "`src/analysis/data/mention_lexicon.csv`; a new facility: a row in `gazetteer.csv`",
    "a new report: a numbered notebook in `notebooks/`; `analysis run` picks it up",
)


def first_line(path: Path) -> str:
    """The first sentence of a module's docstring (of ``__init__.py`` for a package)."""
    source = path / "__init__.py" if path.is_dir() else path
    docstring = ast.get_docstring(ast.parse(source.read_text(encoding="utf-8"))) or ""
    paragraph = " ".join(docstring.split("\n\n", 1)[0].split())
    return re.split(r"(?<=\.)\s", paragraph, maxsplit=1)[0].rstrip(".")


def package_entries() -> list[str]:
    """Every module and sub-package of ``src/analysis``, as the layout lists them."""
    entries = []
    for path in sorted(PACKAGE_DIR.iterdir()):
        if path.name.startswith(("_", ".")) or path.name == "data":
            continue
        if path.is_dir() and (path / "__init__.py").is_file():
            entries.append(f"{path.name}/")
        elif path.suffix == ".py":
            entries.append(path.name)
    return entries


def _notebook_title(script: Path) -> str:
    for line in script.read_text(encoding="utf-8").splitlines():
        if line.startswith("# # "):
            return line[4:].split("·", 1)[-1].strip()
    return ""


def layout() -> str:
    """The README's layout section, generated from the files and their docstrings."""
    lines = ["```"]
    for entry in MODULES:
        path = PACKAGE_DIR / entry.rstrip("/")
        lines.append(f"src/analysis/{entry:<15} {first_line(path)}")
        if entry.endswith("/"):
            for module in sorted(path.glob("*.py")):
                if module.name != "__init__.py":
                    lines.append(f"  {module.name:<27} {first_line(module)}")
    for script in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.py")):
        lines.append(f"notebooks/{script.name:<22} {_notebook_title(script)}")
    lines.append("```")
    lines.append("")
    lines.extend(f"* `{folder}`: {what}" for folder, what in OTHER_FOLDERS)
    lines.append("")
    lines.append("Where a change goes:")
    lines.append("")
    lines.extend(f"* {where}" for where in WHERE)
    return "\n".join(lines)


SECTIONS = {"data-dictionary": data_dictionary, "layout": layout}


def rewrite(readme: str) -> str:
    """``readme`` with every generated section rewritten."""
    for name, make in SECTIONS.items():
        start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
        if not pattern.search(readme):
            raise ValueError(f"the README has no {start} ... {end} block")
        readme = pattern.sub(lambda _, s=start, e=end, m=make: f"{s}\n{m()}\n{e}", readme)
    return readme
