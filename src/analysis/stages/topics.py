"""Stage ``topics``: each article's cluster and named topics, and the clusters' description.

One fit gives both tables (``topic_labels``, ``clusters``). It reads the mentions stage: a
project mention is evidence for a named topic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from analysis.pipeline import Params, Tables

# A cluster should hold about this many articles at least: a folder of 30 pages gets 2
# clusters, not 40 clusters of one or two pages.
MIN_CLUSTER_SIZE = 20


def build(tables: Tables, params: Params) -> tuple[pd.DataFrame, pd.DataFrame]:
    from analysis.topics import cluster_table, label_topics  # scikit-learn: only to fit

    articles = tables["articles"]
    labels, model = label_topics(
        articles,
        tables["mentions"],
        n_clusters=min(params.n_clusters, max(2, len(articles) // MIN_CLUSTER_SIZE)),
        random_state=params.random_state,
        progress=tables.progress,
    )
    return labels, cluster_table(labels, model)
