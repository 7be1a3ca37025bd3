"""Stage ``places``: every province named, with the province it belongs to since 2025."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.places import extract_places

if TYPE_CHECKING:
    from analysis.pipeline import Params, Tables


def build(tables: Tables, params: Params) -> pd.DataFrame:
    return extract_places(tables["articles"])
