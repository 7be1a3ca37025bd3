"""Stage ``events``: the lifecycle events each article asserts about a named project."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.events import extract_events

if TYPE_CHECKING:
    from analysis.pipeline import Params, Tables


def build(tables: Tables, params: Params) -> pd.DataFrame:
    return extract_events(tables["articles"], tables["mentions"], progress=tables.progress)
