"""Stage ``amounts``: every amount of money or percentage, normalised, with its sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.places import extract_amounts

if TYPE_CHECKING:
    from analysis.pipeline import Params, Tables


def build(tables: Tables, params: Params) -> pd.DataFrame:
    return extract_amounts(tables["articles"])
