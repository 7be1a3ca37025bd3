"""Stage ``entities``: one row per facility mentioned, with its counts and provinces."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.mentions import entities

if TYPE_CHECKING:
    from analysis.pipeline import Params, Tables


def build(tables: Tables, params: Params) -> pd.DataFrame:
    return entities(tables["mentions"])
