"""Stage ``mentions``: every named infrastructure project in the articles' title, lead, body."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.mentions import extract_mentions

if TYPE_CHECKING:
    from analysis.pipeline import Params, Tables


def build(tables: Tables, params: Params) -> pd.DataFrame:
    return extract_mentions(tables["articles"], progress=tables.progress)
