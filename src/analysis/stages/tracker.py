"""Stage ``tracker``: one row per project: its stage, promises, slips and money."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.tracker import project_tracker

if TYPE_CHECKING:
    from analysis.pipeline import Params, Tables


def build(tables: Tables, params: Params) -> pd.DataFrame:
    return project_tracker(
        tables["events"],
        tables["mentions"],
        tables["amounts"],
        tables["articles"],
        tables["entities"],
    )
