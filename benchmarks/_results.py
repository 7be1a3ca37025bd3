"""Where the benchmarks keep their figures: ``benchmarks/results/<name>.json`` (git-ignored)."""

from __future__ import annotations

import json
import os
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def write_results(name: str, figures: dict) -> Path:
    """Write ``figures`` as JSON, atomically: an interrupted run leaves the last file whole."""
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"{name}.json"
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(json.dumps(figures, indent=2, default=float) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return target
