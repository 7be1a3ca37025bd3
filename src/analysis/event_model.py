"""The shipped lifecycle-event model: two logistic regressions as a table of weights.

``data/event_model.csv.gz`` (a gzipped CSV of about 40,000 rows) holds, per feature of
:func:`analysis.events.features`, its weight in
"is it an event" and in "is it planned", with the intercepts and the cut-offs; no pickle and
no scikit-learn at run time. ``make event-model`` (``benchmarks/train_event_model.py``)
writes it.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

MODEL_FILE = "data/event_model.csv.gz"


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


@cache
def shipped() -> EventModel:
    data = resources.files("analysis").joinpath(MODEL_FILE).read_bytes()
    return EventModel.from_csv(gzip.decompress(data).decode("utf-8"))
