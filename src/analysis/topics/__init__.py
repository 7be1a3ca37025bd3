"""Topic clusters of a corpus, and the named topics infrastructure, trade and aviation.

* :class:`TopicModel` (``model``): clusters found without labels, a scikit-learn estimator;
* named topics (``named``): a seed vocabulary per topic plus the project mentions, pulled
  toward each cluster's mean, never hand-labelled clusters;
* :func:`label_topics` fits both on the articles it labels; :func:`cluster_table` describes
  the clusters.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import clone
from tqdm import tqdm

from analysis.schemas import CLUSTERS, TOPIC_LABELS, conform
from analysis.topics.model import STOP_WORDS, TopicModel, preprocess
from analysis.topics.named import (
    CLUSTER_WEIGHT,
    NAMED_TOPICS,
    THRESHOLDS,
    blend,
    mention_scores,
    own_score,
    seed_scores,
)

__all__ = [
    "NAMED_TOPICS",
    "STOP_WORDS",
    "THRESHOLDS",
    "TopicModel",
    "cluster_table",
    "label_topics",
    "prepare_articles",
    "preprocess",
    "seed_scores",
]


def _prepare_chunk(titles, leads, bodies, in_titles, in_leads) -> tuple[list[str], np.ndarray]:
    """Preprocessed model text and own seed scores of a chunk of articles."""
    texts, scores = [], np.zeros((len(titles), len(NAMED_TOPICS)))
    for i, (title, lead, body) in enumerate(zip(titles, leads, bodies, strict=True)):
        prepared = [
            preprocess(title) if isinstance(title, str) else "",
            preprocess(lead) if isinstance(lead, str) else "",
            # Long articles: the opening of the body carries the topic; the rest adds noise.
            preprocess(body[:1500]) if isinstance(body, str) else "",
        ]
        texts.append("\n".join(prepared))
        scores[i] = own_score(title, prepared[0], prepared[1], in_titles[i], in_leads[i])
    return texts, scores


def prepare_articles(
    articles: pd.DataFrame,
    mentions: pd.DataFrame,
    n_jobs: int = 2,
    chunk_size: int = 10_000,
    progress: bool = False,
) -> tuple[list[str], np.ndarray]:
    """Model text and own seed scores of every article, in ``n_jobs`` processes."""
    from joblib import Parallel, delayed

    empty = [None] * len(articles)
    columns = [articles[c].tolist() if c in articles else empty for c in ("title", "lead", "body")]
    ids = articles["article_id"].to_numpy()
    columns += [mention_scores(mentions, ids, "title"), mention_scores(mentions, ids, "lead")]
    starts = range(0, len(articles), chunk_size)
    jobs = (delayed(_prepare_chunk)(*(col[s : s + chunk_size] for col in columns)) for s in starts)
    texts: list[str] = []
    parts = []
    runner = Parallel(n_jobs=n_jobs if len(articles) > chunk_size else 1, return_as="generator")
    for chunk_texts, chunk_scores in tqdm(
        runner(jobs), total=len(starts), desc="normalise", unit="chunk", disable=not progress
    ):
        texts.extend(chunk_texts)
        parts.append(chunk_scores)
    scores = np.vstack(parts) if parts else np.zeros((0, len(NAMED_TOPICS)))
    # joblib keeps its worker processes alive for reuse; free their memory before the fit.
    from joblib.externals.loky import get_reusable_executor

    get_reusable_executor().shutdown(wait=True)
    return texts, scores


def label_topics(
    articles: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    *,
    n_clusters: int | None = None,
    random_state: int = 0,
    model: TopicModel | None = None,
    cluster_weight: float = CLUSTER_WEIGHT,
    thresholds: dict[str, float] | None = None,
    n_jobs: int = 2,
    progress: bool = False,
) -> tuple[pd.DataFrame, TopicModel]:
    """Fit a topic model on ``articles`` and label each with its cluster and named topics.

    ``mentions`` are the articles' project mentions (the mentions stage); they are found here
    when not given. ``model`` is an unfitted :class:`TopicModel` to start from: it is cloned,
    never changed; ``n_clusters`` (when given) and ``random_state`` are set on the clone, so
    one ``random_state`` decides every result. Returns the labels (schema ``TOPIC_LABELS``)
    and the fitted model (top terms, cluster labels).
    """
    if mentions is None:
        from analysis.mentions import extract_mentions

        mentions = extract_mentions(articles.drop(columns="body", errors="ignore"), progress=False)
    thresholds = {**THRESHOLDS, **(thresholds or {})}
    overrides = {"random_state": random_state, "preprocessed": True}
    if n_clusters is not None:
        overrides["n_clusters"] = n_clusters
    model = clone(model if model is not None else TopicModel()).set_params(**overrides)
    texts, own = prepare_articles(articles, mentions, n_jobs=n_jobs, progress=progress)
    if model.streaming:
        vectors = None
        model.fit(texts)
    else:
        vectors = model.fit_transform(texts)
    labels = model.labels_
    scores, _ = blend(own, labels, cluster_weight)
    # The cluster pulls an item's score, but an item needs evidence of its own to be named.
    named = [
        [t for j, t in enumerate(NAMED_TOPICS) if row[j] >= thresholds[t] and mine[j] > 0]
        for row, mine in zip(scores, own, strict=True)
    ]
    if model.streaming:  # no LSA vectors: no map, no distance to a centre
        coordinates, distances = np.zeros((len(labels), 2)), np.full(len(labels), np.nan)
    else:
        coordinates = _map_2d(vectors, random_state)
        # Distance to the own centre: the smallest are the cluster's most representative.
        distances = model.kmeans_.transform(vectors)[np.arange(len(labels)), labels]
    frame = pd.DataFrame(
        {
            "article_id": articles["article_id"].to_numpy(),
            "map_x": coordinates[:, 0],
            "map_y": coordinates[:, 1],
            "cluster": labels.astype("int64"),
            "centre_distance": distances,
            "cluster_label": [model.cluster_labels_[c] for c in labels],
            "named_topics": named,
            **{f"{t}_score": scores[:, j] for j, t in enumerate(NAMED_TOPICS)},
        }
    )
    return TOPIC_LABELS.validate(conform(frame, TOPIC_LABELS)), model


def _map_2d(vectors: np.ndarray, random_state: int) -> np.ndarray:
    """2-D coordinates for a map of the articles: PCA of their LSA vectors."""
    from sklearn.decomposition import PCA

    if len(vectors) < 3:
        return np.zeros((len(vectors), 2))
    return PCA(2, random_state=random_state).fit_transform(vectors.astype(np.float32))


def cluster_table(labels: pd.DataFrame, model: TopicModel) -> pd.DataFrame:
    """One row per cluster: size, label, top terms and the named topics it leans to (the
    mean score of its members)."""
    sizes = labels["cluster"].value_counts()
    leaning = (
        labels.groupby("cluster")[[f"{t}_score" for t in NAMED_TOPICS]]
        .mean()
        .reindex(range(model.n_clusters_), fill_value=0.0)
    )
    rows = [
        {
            "cluster": c,
            "cluster_label": model.cluster_labels_[c],
            "article_count": int(sizes.get(c, 0)),
            "top_terms": list(model.top_terms_[c]),
            "top_term_weights": list(model.top_term_weights_[c]),
            **{
                f"{t}_mean_score": float(leaning.loc[c, f"{t}_score"])
                if c in leaning.index
                else 0.0
                for t in NAMED_TOPICS
            },
        }
        for c in range(model.n_clusters_)
    ]
    table = pd.DataFrame(rows).sort_values("article_count", ascending=False, kind="stable")
    return CLUSTERS.validate(conform(table, CLUSTERS))
