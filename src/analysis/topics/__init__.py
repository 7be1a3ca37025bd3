"""Topic clusters of a corpus, and the named topics infrastructure, trade and aviation.

* :class:`TopicModel` (``model``): clusters found without labels, a scikit-learn estimator,
  each named by its most distinctive phrases;
* named topics (``classifier``): a classifier learned from labelled items, over words and
  syllable pairs, the seed vocabulary's scores (``seeds``) and the kinds of facility the
  mentions stage found; it gives each article a probability per topic;
* :func:`label_topics` fits the clusters on the articles it labels and applies the named-topic
  classifier; :func:`cluster_table` describes the clusters.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import clone
from tqdm import tqdm

from analysis.schemas import CLUSTERS, TOPIC_LABELS, conform
from analysis.topics import classifier
from analysis.topics.model import STOP_WORDS, TopicModel, preprocess
from analysis.topics.seeds import NAMED_TOPICS, seed_features

# Characters of the body's opening that stand in for a missing lead (a lead runs 150-300).
LEAD_STAND_IN = 300

__all__ = [
    "NAMED_TOPICS",
    "STOP_WORDS",
    "TopicModel",
    "cluster_table",
    "counts_by_threshold",
    "label_topics",
    "label_with",
    "map_projection",
    "named_topics",
    "prepare_articles",
    "preprocess",
    "representatives",
]


def _prepare_chunk(titles, leads, bodies) -> tuple[list[str], list[str], list[str], np.ndarray]:
    """The model text (title, lead, body opening), the classifier's title and lead, and the
    seed features of a chunk of articles."""
    texts, prepared_titles, prepared_leads = [], [], []
    seeds = np.zeros((len(titles), len(classifier.SEED_COLUMNS)))
    for i, (title, lead, body) in enumerate(zip(titles, leads, bodies, strict=True)):
        prepared = [
            preprocess(title) if isinstance(title, str) else "",
            preprocess(lead) if isinstance(lead, str) else "",
            # Long articles: the opening of the body carries the topic; the rest adds noise.
            preprocess(body[:1500]) if isinstance(body, str) else "",
        ]
        texts.append("\n".join(prepared))
        prepared_titles.append(prepared[0])
        # The classifier reads a title and a lead; an article without a lead (Dân Trí files,
        # some pages) is read by the opening of its body, which a lead would summarise.
        prepared_leads.append(prepared[1] or prepared[2][:LEAD_STAND_IN])
        seeds[i] = seed_features(prepared[0], prepared_leads[-1])
    return texts, prepared_titles, prepared_leads, seeds


def _probabilities_chunk(ids, titles, leads, raw_titles, raw_leads, seeds, mentions):
    """The named-topic probabilities of a chunk (``mentions`` None: found here)."""
    if mentions is None:
        from analysis.mentions import extract_mentions

        frame = pd.DataFrame({"article_id": ids, "title": raw_titles, "lead": raw_leads})
        mentions = extract_mentions(frame, progress=False)
    inputs = classifier.topic_inputs(titles, leads, mentions, ids, seeds)
    return classifier.shipped().probabilities(inputs)


def prepare_articles(
    articles: pd.DataFrame, n_jobs: int = 2, chunk_size: int = 10_000, progress: bool = False
) -> tuple[list[str], list[str], list[str], np.ndarray]:
    """Model text, the classifier's titles and leads, and seed features of every article, in
    ``n_jobs`` processes."""
    from joblib import Parallel, delayed

    empty = [None] * len(articles)
    columns = [articles[c].tolist() if c in articles else empty for c in ("title", "lead", "body")]
    starts = range(0, len(articles), chunk_size)
    jobs = (delayed(_prepare_chunk)(*(col[s : s + chunk_size] for col in columns)) for s in starts)
    texts: list[str] = []
    titles: list[str] = []
    leads: list[str] = []
    parts = []
    runner = Parallel(n_jobs=n_jobs if len(articles) > chunk_size else 1, return_as="generator")
    for chunk_texts, chunk_titles, chunk_leads, chunk_seeds in tqdm(
        runner(jobs), total=len(starts), desc="normalise", unit="chunk", disable=not progress
    ):
        texts.extend(chunk_texts)
        titles.extend(chunk_titles)
        leads.extend(chunk_leads)
        parts.append(chunk_seeds)
    seeds = np.vstack(parts) if parts else np.zeros((0, len(classifier.SEED_COLUMNS)))
    return texts, titles, leads, seeds


def _start_probabilities(articles, titles, leads, seeds, mentions, chunk_size=10_000):
    """Submit the named-topic probabilities to a background worker (joblib's loky executor),
    so that they are computed while this process fits the clusters."""
    from joblib.externals.loky import get_reusable_executor

    ids = articles["article_id"].tolist()
    raw = {
        c: articles[c].tolist() if c in articles else [None] * len(ids) for c in ("title", "lead")
    }
    by_chunk = {}
    if mentions is not None:
        mentions = mentions[mentions["field"].isin(["title", "lead"])]
        chunk_of = pd.Series(np.arange(len(ids)) // chunk_size, index=pd.Index(ids))
        by_chunk = dict(
            tuple(mentions.groupby(chunk_of.reindex(mentions["article_id"]).to_numpy()))
        )
        empty = mentions.iloc[:0]
    executor = get_reusable_executor(max_workers=1)
    return [
        executor.submit(
            _probabilities_chunk,
            ids[s : s + chunk_size],
            titles[s : s + chunk_size],
            leads[s : s + chunk_size],
            raw["title"][s : s + chunk_size],
            raw["lead"][s : s + chunk_size],
            seeds[s : s + chunk_size],
            None if mentions is None else by_chunk.get(s // chunk_size, empty),
        )
        for s in range(0, len(ids), chunk_size)
    ]


def named_topics(probabilities: np.ndarray, thresholds: dict[str, float] | None = None):
    """Each article's named topics: the topics whose probability reaches the cut-off.

    The cut-offs are the shipped ones (chosen by cross-validation on the training items);
    ``thresholds`` overrides some, e.g. ``{"trade": 0.5}`` for fewer, surer trade items.
    """
    cut = dict(zip(NAMED_TOPICS, classifier.shipped().thresholds, strict=True))
    cut.update(thresholds or {})
    unknown = set(cut) - set(NAMED_TOPICS)
    if unknown:
        raise ValueError(f"no named topic {sorted(unknown)}; the topics are {NAMED_TOPICS}")
    reached = probabilities >= np.array([cut[t] for t in NAMED_TOPICS])
    return [[t for t, hit in zip(NAMED_TOPICS, row, strict=True) if hit] for row in reached]


def counts_by_threshold(labels: pd.DataFrame, cuts=(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)):
    """Articles each named topic would hold at each cut-off on its probability."""
    return pd.DataFrame(
        {
            f"cut-off {cut:.1f}": [
                int((labels[f"{t}_probability"] >= cut).sum()) for t in NAMED_TOPICS
            ]
            for cut in cuts
        },
        index=pd.Index(NAMED_TOPICS, name="named topic"),
    )


def representatives(
    labels: pd.DataFrame, articles: pd.DataFrame, per_cluster: int = 3
) -> pd.Series:
    """The titles of each cluster's articles closest to its centre, most typical first."""
    titled = labels[["article_id", "cluster", "centre_distance"]].merge(
        articles[["article_id", "title"]].dropna(), on="article_id"
    )
    ordered = titled.sort_values(["cluster", "centre_distance", "article_id"], kind="stable")
    return ordered.groupby("cluster")["title"].apply(lambda s: list(s.head(per_cluster)))


def label_topics(
    articles: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    *,
    n_clusters: int | None = None,
    random_state: int = 0,
    model: TopicModel | None = None,
    thresholds: dict[str, float] | None = None,
    n_jobs: int = 2,
    progress: bool = False,
) -> tuple[pd.DataFrame, TopicModel]:
    """Fit a topic model on ``articles`` and label each with its cluster and named topics.

    ``mentions`` are the articles' project mentions (the mentions stage); they are found here
    when not given. ``model`` is an unfitted :class:`TopicModel` to start from: it is cloned,
    never changed; ``n_clusters`` (when given) and ``random_state`` are set on the clone, so
    one ``random_state`` decides every result. The named topics come from the shipped
    classifier, with its cut-offs unless ``thresholds`` overrides some. Returns the labels
    (schema ``TOPIC_LABELS``) and the fitted model (top terms, cluster labels).
    """
    overrides = {"random_state": random_state, "preprocessed": True}
    if n_clusters is not None:
        overrides["n_clusters"] = n_clusters
    model = clone(model if model is not None else TopicModel()).set_params(**overrides)
    texts, titles, leads, seeds = prepare_articles(articles, n_jobs=n_jobs, progress=progress)
    pending = _start_probabilities(articles, titles, leads, seeds, mentions)
    if model.streaming:
        vectors = None
        model.fit(texts)
    else:
        vectors = model.fit_transform(texts)
    labels = model.labels_
    probabilities = (
        np.vstack([job.result() for job in pending])
        if pending
        else np.zeros((0, len(NAMED_TOPICS)))
    )
    from joblib.externals.loky import get_reusable_executor

    get_reusable_executor().shutdown(wait=True)  # free the worker's memory
    if model.streaming:  # no LSA vectors: no map, no distance to a centre
        coordinates, distances = np.zeros((len(labels), 2)), np.full(len(labels), np.nan)
    else:
        coordinates = _map_2d(vectors, random_state)
        # Distance to the own centre: the smallest are the cluster's most representative.
        distances = model.kmeans_.transform(vectors)[np.arange(len(labels)), labels]
    frame = _labels_frame(
        articles, model, labels, coordinates, distances, probabilities, thresholds
    )
    return frame, model


def _labels_frame(articles, model, labels, coordinates, distances, probabilities, thresholds):
    frame = pd.DataFrame(
        {
            "article_id": articles["article_id"].to_numpy(),
            "map_x": coordinates[:, 0],
            "map_y": coordinates[:, 1],
            "cluster": labels.astype("int64"),
            "centre_distance": distances,
            "cluster_label": [model.cluster_labels_[c] for c in labels],
            "named_topics": named_topics(probabilities, thresholds),
            **{f"{t}_probability": probabilities[:, j] for j, t in enumerate(NAMED_TOPICS)},
        }
    )
    return TOPIC_LABELS.validate(conform(frame, TOPIC_LABELS))


def map_projection(model: TopicModel, articles: pd.DataFrame, random_state: int = 0):
    """The 2-D map of a fitted model's vectors, fitted on ``articles`` (the ones it was fitted
    on), to place other articles with :func:`label_with`; None for a streaming model."""
    from sklearn.decomposition import PCA

    if model.streaming or len(articles) < 3:
        return None
    texts = prepare_articles(articles, n_jobs=1)[0]
    return PCA(2, random_state=random_state).fit(model.transform(texts).astype(np.float32))


def label_with(
    model: TopicModel,
    projection,
    articles: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    thresholds: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Label ``articles`` with a model fitted elsewhere (a sample of a corpus too large to fit
    on whole): nearest cluster, distance to its centre, place on the map
    (``projection`` from :func:`map_projection`) and named topics. Schema ``TOPIC_LABELS``."""
    texts, titles, leads, seeds = prepare_articles(articles, n_jobs=1)
    ids = articles["article_id"].tolist()
    raw = {
        c: articles[c].tolist() if c in articles else [None] * len(ids) for c in ("title", "lead")
    }
    if mentions is not None:
        mentions = mentions[mentions["field"].isin(["title", "lead"])]
    probabilities = (
        _probabilities_chunk(ids, titles, leads, raw["title"], raw["lead"], seeds, mentions)
        if ids
        else np.zeros((0, len(NAMED_TOPICS)))
    )
    labels = model.predict(texts) if ids else np.array([], dtype=int)
    if model.streaming or projection is None or not ids:
        coordinates, distances = np.zeros((len(ids), 2)), np.full(len(ids), np.nan)
    else:
        vectors = model.transform(texts)
        coordinates = projection.transform(vectors.astype(np.float32))
        distances = model.kmeans_.transform(vectors)[np.arange(len(ids)), labels]
    return _labels_frame(articles, model, labels, coordinates, distances, probabilities, thresholds)


def _map_2d(vectors: np.ndarray, random_state: int) -> np.ndarray:
    """2-D coordinates for a map of the articles: PCA of their LSA vectors."""
    from sklearn.decomposition import PCA

    if len(vectors) < 3:
        return np.zeros((len(vectors), 2))
    return PCA(2, random_state=random_state).fit_transform(vectors.astype(np.float32))


def cluster_table(labels: pd.DataFrame, model: TopicModel) -> pd.DataFrame:
    """One row per cluster: size, label, top terms and how likely its articles are to be
    about each named topic (their mean probability)."""
    sizes = labels["cluster"].value_counts()
    leaning = (
        labels.groupby("cluster")[[f"{t}_probability" for t in NAMED_TOPICS]]
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
                f"{t}_mean_probability": float(leaning.loc[c, f"{t}_probability"])
                for t in NAMED_TOPICS
            },
        }
        for c in range(model.n_clusters_)
    ]
    table = pd.DataFrame(rows).sort_values("article_count", ascending=False, kind="stable")
    return CLUSTERS.validate(conform(table, CLUSTERS))
