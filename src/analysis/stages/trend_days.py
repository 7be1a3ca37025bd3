"""Stage ``trend_days``: articles, projects and named topics per Vietnam day and outlet."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.days import day_counts, tagged_days

if TYPE_CHECKING:
    from analysis.pipeline import Params, Tables


def build(tables: Tables, params: Params) -> pd.DataFrame:
    return day_counts(tagged_days(tables["articles"], tables["mentions"], tables["topic_labels"]))
