"""The lifecycle-event model: two logistic regressions as a table of weights.

A gzipped CSV (about 40,000 rows) holds, per feature of :func:`analysis.events.features`, its
weight in "is it an event" and in "is it planned", with the intercepts and the cut-offs: no
pickle. It is not committed: :func:`fitted` fits it on first use from the labelled snippets
(:mod:`analysis.event_training`, about ten seconds) and keeps it under
``data/processed/models/``, named by :func:`model_key`, so that a change to the labels, the
lexicons, the gazetteer or the code of its candidates and features (the mention finder's
included) fits a new one.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis.config import PROCESSED_DATA_DIR

MODEL_DIR = PROCESSED_DATA_DIR / "models"


@dataclass(frozen=True)
class EventModel:
    """Two logistic regressions as data: is a candidate an event, and is it planned."""

    weights: dict[str, tuple[float, float]]  # feature -> (event weight, planned weight)
    intercepts: tuple[float, float]
    thresholds: tuple[float, float]

    def scores(self, feats: dict[str, float]) -> tuple[float, float]:
        event, planned = (
            math.fsum(
                [self.intercepts[i]]
                + [self.weights.get(k, (0, 0))[i] * v for k, v in feats.items()]
            )
            for i in (0, 1)
        )
        return _sigmoid(event), _sigmoid(planned)

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["feature", "event", "planned"])
        writer.writerow(["(intercept)", *self.intercepts])
        writer.writerow(["(threshold)", *self.thresholds])
        for name in sorted(self.weights):
            event, planned = self.weights[name]
            if event or planned:
                writer.writerow([name, f"{event:.6g}", f"{planned:.6g}"])
        return out.getvalue()

    @classmethod
    def from_csv(cls, text: str) -> EventModel:
        rows = {
            r["feature"]: (float(r["event"]), float(r["planned"]))
            for r in csv.DictReader(io.StringIO(text))
        }
        weights = {k: v for k, v in rows.items() if not k.startswith("(")}
        return cls(weights, rows["(intercept)"], rows["(threshold)"])


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))


def model_key() -> str:
    """A hash of what the model is fitted from: the package's data files (lexicons,
    gazetteer), the labels, the fit's settings and the code of its features."""
    import hashlib

    from analysis.event_training import labels_key
    from analysis.pipeline import package_data_key

    both = f"{package_data_key()}|{labels_key()}".encode()
    return hashlib.blake2b(both, digest_size=8).hexdigest()


def model_path() -> Path:
    """Where the model fitted from the current labels, code and data files is kept."""
    return MODEL_DIR / f"event_model-{model_key()}.csv.gz"


@cache
def fitted() -> EventModel:
    """The model of the current labels and data files: read back, or fitted now and kept
    (written atomically, gzip with mtime 0: a refit gives the same bytes) in place of the
    models fitted before it."""
    path = model_path()
    if not path.is_file():
        from analysis.event_training import build
        from analysis.store import atomic_write_bytes

        model = build()
        atomic_write_bytes(path, gzip.compress(model.to_csv().encode("utf-8"), mtime=0))
        for old in path.parent.glob("event_model-*.csv.gz"):
            if old != path:
                old.unlink(missing_ok=True)
    return EventModel.from_csv(gzip.decompress(path.read_bytes()).decode("utf-8"))
