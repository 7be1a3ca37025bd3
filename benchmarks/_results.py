"""Where the benchmarks keep their figures: ``benchmarks/results/<name>.json`` (git-ignored)."""

from __future__ import annotations

from pathlib import Path

from analysis.store import atomic_write_json

RESULTS = Path(__file__).resolve().parent / "results"


def write_results(name: str, figures: dict) -> Path:
    """Write ``figures`` as JSON, atomically: an interrupted run leaves the last file whole."""
    return atomic_write_json(RESULTS / f"{name}.json", figures)
