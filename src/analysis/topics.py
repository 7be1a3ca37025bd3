"""Topic clusters of a corpus, and the named topics infrastructure, trade and aviation.

Two parts, both fitted on the articles they label:

* :class:`TopicModel`, a scikit-learn estimator: TF-IDF over normalised syllables and
  syllable bigrams (:func:`analysis.text.expand_abbreviations` ∘ :func:`normalize`, Vietnamese
  stop words out; underthesea word segmentation optional), reduced by TruncatedSVD (LSA) and
  clustered by k-means on the unit-length reductions. LSA before k-means was measured against
  plain TF-IDF + k-means and NMF on Dân Trí's 10 categories (see ``benchmarks/bench_topics.py``):
  it separates topics better than both. ``streaming=True`` swaps in a HashingVectorizer and
  ``MiniBatchKMeans.partial_fit`` over batches, for corpora that do not fit in memory.
* Named topics (guided): a seed vocabulary per topic (``data/topic_seeds.csv``: terms with
  positive weights, and cues that say the item is about something else, such as "tai nạn" for
  infrastructure or "không quân" for aviation) scores each item, title twice as much as lead;
  mentions found by :mod:`analysis.mentions` add evidence for infrastructure and aviation. A
  cue against a topic in the title vetoes it, and a news digest names no topic. Each
  cluster gets the mean seed score of its members, so an item is pulled toward the topic of
  the cluster it sits in: clusters are tied to named topics by the vocabulary, never by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick
import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.preprocessing import normalize as unit_rows
from tqdm import tqdm

from analysis.mentions import KINDS
from analysis.text import expand_abbreviations, normalize, word_segment

NAMED_TOPICS = ("infrastructure", "trade", "aviation")
TOKEN_PATTERN = r"(?u)tp\.hcm|\b[^\W\d_]+\b"

# Syllables too common in news to tell topics apart (function words, reporting verbs).
_STOP_TEXT = (
    "và của là có được cho các những một này đã sẽ đang không với trong khi từ theo "
    "tại về đến ra vào lại cũng như để thì mà nhưng hay hoặc nên vì do bị bởi rằng "
    "nếu còn đó đây ấy nào gì ai sau trước trên dưới giữa ngoài cùng nhiều ít rất hơn "
    "nhất đều chỉ vẫn mới đi làm có_thể người năm ngày tháng giờ lần việc điều vừa "
    "sáng chiều tối trưa đêm hôm qua nay nói cho_biết biết thêm số hai ba bốn năm sáu "
    "bảy tám chín mười trăm nghìn triệu tỷ tỉ theo_đó ông bà anh chị em họ chúng tôi "
    "ta mình sự các_bạn bạn "
)
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Cut-offs on the blended score, chosen on the development set (topics_dev.jsonl) and kept
# here as parameters, not scattered in code; see the README for how they were measured.
THRESHOLDS = {"infrastructure": 1.5, "trade": 0.75, "aviation": 3.0}
TITLE_WEIGHT = 2.0
TITLE_VETO = 0.25
VETO_CUE = -1.0  # title cues against a topic summing to this or less veto it
# Roundups of the day's news ("Toàn cảnh 17h: ...", "Điểm tin 8h: ...", "Tin tức sáng 16-1: ...").
DIGEST = re.compile(
    r"^\s*(?:Toàn cảnh|Điểm tin|Tin tức|Bản tin|Xem nhanh)\b[^:|]{0,30}:", re.IGNORECASE
)
CLUSTER_WEIGHT = 0.3


def preprocess(text: str) -> str:
    """Normalised, lower-cased text with the field's abbreviations written one way."""
    return expand_abbreviations(normalize(text))


def _segmented(text: str) -> str:
    return " ".join(word_segment(text)).lower()


class TopicModel(BaseEstimator, TransformerMixin):
    """TF-IDF → LSA → k-means over Vietnamese news text.

    Parameters
    ----------
    n_clusters : number of clusters (``n_clusters_`` after fit: no more than the texts).
        Default 40: on the RSS corpus it had a higher silhouette
        and a more stable clustering across seeds than 10, 20 and 30, and about the
        silhouette of 60 (``benchmarks/bench_topics.py --choose-k``; README).
    n_components : LSA dimensions (100 measured best on Dân Trí among 100 and 200).
    ngram_range, min_df, max_df, max_features : passed to the vectorizer.
    segment : count underthesea words instead of syllables (slow; cached per text).
    streaming : hashing + ``MiniBatchKMeans.partial_fit`` in batches (no LSA, no vocabulary
        held in memory); ``batch_size`` texts at a time.
    n_init : k-means restarts (the best inertia is kept).
    svd_iterations : power iterations of the randomized SVD (3 costs half of sklearn's
        default 5 on the RSS corpus; measured on Dân Trí, the clusters are as good).
    svd_sample : learn the LSA basis from this many texts drawn at random (all when fewer),
        then project every text: on the RSS corpus this saves a third of the fit time.
    preprocessed : the texts already went through :func:`preprocess` (skip it).
    random_state : makes every fit repeatable.
    """

    def __init__(
        self,
        n_clusters: int = 40,
        n_components: int = 100,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 3,
        max_df: float = 0.5,
        max_features: int | None = 200_000,
        segment: bool = False,
        streaming: bool = False,
        batch_size: int = 20_000,
        n_init: int = 2,
        svd_iterations: int = 3,
        svd_sample: int | None = 60_000,
        preprocessed: bool = False,
        random_state: int = 0,
    ):
        self.n_clusters = n_clusters
        self.n_components = n_components
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.segment = segment
        self.streaming = streaming
        self.batch_size = batch_size
        self.n_init = n_init
        self.svd_iterations = svd_iterations
        self.svd_sample = svd_sample
        self.preprocessed = preprocessed
        self.random_state = random_state

    # -- text to vectors -------------------------------------------------------------------
    def _prepare(self, texts) -> list[str]:
        if self.preprocessed:
            prepared = [t if isinstance(t, str) else "" for t in texts]
        else:
            prepared = [preprocess(t) if isinstance(t, str) else "" for t in texts]
        if self.segment:
            prepared = [_segmented(t) for t in prepared]
        return prepared

    def _vectorizer_options(self) -> dict:
        return {
            "token_pattern": r"(?u)\b\w+\b" if self.segment else TOKEN_PATTERN,
            "ngram_range": self.ngram_range,
            "lowercase": False,
            "stop_words": sorted(STOP_WORDS),
            "dtype": np.float32,
        }

    def _hashing(self) -> HashingVectorizer:
        return HashingVectorizer(
            n_features=2**20, alternate_sign=False, **self._vectorizer_options()
        )

    # -- fit ---------------------------------------------------------------------------------
    def fit(self, texts, y=None):
        """Learn the vocabulary, the LSA basis and the clusters from ``texts``."""
        if self.streaming:
            return self._fit_streaming(texts)
        prepared = self._prepare(texts)
        n = len(prepared)
        # A small corpus (a folder of a few articles) cannot meet document-frequency cut-offs
        # or hold more dimensions and clusters than it has texts: relax them, never fail.
        small = n < 20 * max(self.min_df, 1)
        self.vectorizer_ = TfidfVectorizer(
            min_df=1 if small else self.min_df,
            max_df=1.0 if small else self.max_df,
            max_features=self.max_features,
            sublinear_tf=True,
            **self._vectorizer_options(),
        )
        counts = self.vectorizer_.fit_transform(prepared)
        self.n_clusters_ = max(1, min(self.n_clusters, n))
        self.svd_ = TruncatedSVD(
            max(1, min(self.n_components, counts.shape[1] - 1, n - 1)),
            n_iter=self.svd_iterations,
            random_state=self.random_state,
        )
        if self.svd_sample and counts.shape[0] > self.svd_sample:
            rows = np.random.default_rng(self.random_state).choice(
                counts.shape[0], self.svd_sample, replace=False
            )
            self.svd_.fit(counts[np.sort(rows)])
            reduced = unit_rows(self.svd_.transform(counts))
        else:
            reduced = unit_rows(self.svd_.fit_transform(counts))
        self.embedding_ = reduced.astype(np.float32)
        self.kmeans_ = KMeans(self.n_clusters_, n_init=self.n_init, random_state=self.random_state)
        self.labels_ = self.kmeans_.fit_predict(reduced)
        # Distance to the own centre: the smallest are the cluster's most representative items.
        self.distances_ = self.kmeans_.transform(reduced)[np.arange(len(reduced)), self.labels_]
        self._describe(counts, self.labels_, self.vectorizer_.get_feature_names_out())
        return self

    def _fit_streaming(self, texts):
        texts = list(texts)
        self.n_clusters_ = max(1, min(self.n_clusters, len(texts)))
        hashing = self._hashing()
        self.tfidf_ = TfidfTransformer(sublinear_tf=True)
        self.kmeans_ = MiniBatchKMeans(
            self.n_clusters_, random_state=self.random_state, n_init=self.n_init, batch_size=2048
        )
        batches = range(0, len(texts), self.batch_size)
        document_frequency = None
        for start in batches:  # first pass: document frequencies for the idf
            counts = hashing.transform(self._prepare(texts[start : start + self.batch_size]))
            seen = (counts > 0).sum(axis=0).A1
            document_frequency = seen if document_frequency is None else document_frequency + seen
        n = len(texts)
        idf = np.log((1 + n) / (1 + document_frequency)) + 1
        self.idf_ = idf.astype(np.float32)
        for start in batches:  # second pass: the clusters
            self.kmeans_.partial_fit(self._stream_vectors(texts[start : start + self.batch_size]))
        self.labels_ = self.predict(texts)
        self.top_terms_ = {c: [] for c in range(self.n_clusters_)}
        self.top_term_weights_ = {c: [] for c in range(self.n_clusters_)}
        self.cluster_labels_ = {c: f"cluster {c}" for c in range(self.n_clusters_)}
        return self

    def _stream_vectors(self, texts) -> sparse.csr_matrix:
        counts = self._hashing().transform(self._prepare(texts))
        counts.data = 1 + np.log(counts.data)
        return unit_rows(counts @ sparse.diags(self.idf_))

    # -- use -------------------------------------------------------------------------------
    def transform(self, texts) -> np.ndarray:
        """The LSA vectors of ``texts`` (unit length); streaming models give sparse TF-IDF."""
        if self.streaming:
            return self._stream_vectors(list(texts))
        return unit_rows(self.svd_.transform(self.vectorizer_.transform(self._prepare(texts))))

    def predict(self, texts) -> np.ndarray:
        if self.streaming:
            texts = list(texts)
            return (
                np.concatenate(
                    [
                        self.kmeans_.predict(self._stream_vectors(texts[s : s + self.batch_size]))
                        for s in range(0, len(texts), self.batch_size)
                    ]
                )
                if texts
                else np.array([], dtype=int)
            )
        return self.kmeans_.predict(self.transform(texts))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        if self.streaming:
            return np.array([f"cluster{c}" for c in range(self.n_clusters_)], dtype=object)
        return np.array([f"lsa{i}" for i in range(self.n_components)], dtype=object)

    # -- description -----------------------------------------------------------------------
    def _describe(self, counts, labels, names, n_terms: int = 10) -> None:
        """Top terms of each cluster: the highest mean TF-IDF among its members."""
        self.top_terms_ = {}
        self.top_term_weights_ = {}
        self.cluster_labels_ = {}
        membership = sparse.csr_matrix(
            (np.ones(len(labels), dtype=np.float32), (labels, np.arange(len(labels)))),
            shape=(self.n_clusters_, len(labels)),
        )
        sizes = np.maximum(np.bincount(labels, minlength=self.n_clusters_), 1)
        means = (membership @ counts).toarray() / sizes[:, None]
        for c in range(self.n_clusters_):
            order = np.argsort(-means[c])[: n_terms * 3]
            terms = []
            for i in order:
                term = names[i]
                if any(term in t or t in term for t in terms):
                    continue  # "cao tốc" and "tốc" say the same thing once
                terms.append(term)
                if len(terms) == n_terms:
                    break
            self.top_terms_[c] = terms
            lookup = dict(zip(names[order], means[c][order], strict=True))
            self.top_term_weights_[c] = [float(lookup[t]) for t in terms]
            self.cluster_labels_[c] = " · ".join(terms[:3])


# -- named topics ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    topic: str
    term: str
    weight: float


@cache
def seeds() -> tuple[Seed, ...]:
    """The seed vocabulary of the named topics (``data/topic_seeds.csv``)."""
    with resources.files("analysis").joinpath("data/topic_seeds.csv").open(encoding="utf-8") as f:
        table = pd.read_csv(f)
    return tuple(Seed(r.topic, r.term, float(r.weight)) for r in table.itertuples(index=False))


@cache
def _seed_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    grouped: dict[str, list[tuple[int, float]]] = {}
    for seed in seeds():
        key = f" {preprocess(seed.term)} "
        grouped.setdefault(key, []).append((NAMED_TOPICS.index(seed.topic), seed.weight))
    for key, values in grouped.items():
        automaton.add_word(key, (key, values))
    automaton.make_automaton()
    return automaton


_NOT_WORD = re.compile(r"[^\w.%-]+")
# Mentions of these kinds are evidence for a named topic.
_MENTION_TOPIC = {
    kind: (("infrastructure", 1.0),) for kind in KINDS if kind not in ("airport", "border_gate")
} | {
    "airport": (("aviation", 0.5), ("infrastructure", 0.5)),
    "border_gate": (("trade", 0.5),),
}


def _lexicon_scores(prepared: str) -> tuple[np.ndarray, np.ndarray]:
    """Sums of the positive and of the negative seed weights found in ``prepared``.

    Terms match whole words, longest first and without overlap: "bê tông" (concrete) is not
    the cue "tông" (to ram), "xuất khẩu lao động" (labour export) not "xuất khẩu".
    """
    positive, negative = np.zeros(len(NAMED_TOPICS)), np.zeros(len(NAMED_TOPICS))
    if not prepared:
        return positive, negative
    padded = " " + _NOT_WORD.sub(" ", prepared) + " "
    # Aho-Corasick reports every match by its end. Longer terms are placed first; a term
    # overlapping one already placed is dropped ("giá vé máy bay" counts "vé máy bay" once,
    # not also "giá vé" and "máy bay").
    found = sorted(
        (-len(key), end - len(key) + 1, values)
        for end, (key, values) in _seed_automaton().iter(padded)
    )
    # Keys carry a space on each side, so neighbouring words share a character: a key
    # occupies its inner characters only.
    taken = np.zeros(len(padded), dtype=bool)
    for minus_length, start, values in found:
        inner = slice(start + 1, start - minus_length - 1)
        if taken[inner].any():
            continue
        taken[inner] = True
        for topic, weight in values:
            (positive if weight > 0 else negative)[topic] += weight
    return positive, negative


def _mention_scores(text) -> np.ndarray:
    from analysis.mentions import find_mentions

    score = np.zeros(len(NAMED_TOPICS))
    if isinstance(text, str) and text:
        for mention in find_mentions(text):
            for topic, weight in _MENTION_TOPIC.get(mention.kind, ()):
                score[NAMED_TOPICS.index(topic)] += weight
    return score


def _own_score(title, lead, prepared_title: str, prepared_lead: str) -> np.ndarray:
    """Seeds in the preprocessed text plus project mentions in the published text; the title
    weighs ``TITLE_WEIGHT``, the lead 1.

    A cue against a topic in the title ("Tai nạn trên cao tốc ...") says what the item is
    mainly about: when the title's cues against a topic sum to ``VETO_CUE`` or less, a positive
    score for it is scaled by ``TITLE_VETO``. A news digest
    ("Điểm tin 17h: ... | ...") has several subjects and no main one: it scores 0.
    """
    if isinstance(title, str) and DIGEST.match(title):
        return np.zeros(len(NAMED_TOPICS))
    title_positive, title_negative = _lexicon_scores(prepared_title)
    lead_positive, lead_negative = _lexicon_scores(prepared_lead)
    score = TITLE_WEIGHT * (title_positive + title_negative + _mention_scores(title))
    score += lead_positive + lead_negative + _mention_scores(lead)
    vetoed = (title_negative <= VETO_CUE) & (score > 0)
    return np.where(vetoed, TITLE_VETO * score, score)


def seed_scores(titles, leads) -> np.ndarray:
    """Seed score of each item per named topic (see :func:`_own_score`)."""
    return np.array(
        [
            _own_score(t, lead, *(preprocess(v) if isinstance(v, str) else "" for v in (t, lead)))
            for t, lead in zip(titles, leads, strict=True)
        ]
    ).reshape(-1, len(NAMED_TOPICS))


def blend(own: np.ndarray, labels: np.ndarray, cluster_weight: float = CLUSTER_WEIGHT):
    """Each item's score pulled toward its cluster's mean: (1 - w) · own + w · cluster mean."""
    n_clusters = int(labels.max()) + 1 if len(labels) else 0
    sums = np.zeros((n_clusters, own.shape[1]))
    np.add.at(sums, labels, own)
    means = sums / np.maximum(np.bincount(labels, minlength=n_clusters), 1)[:, None]
    return (1 - cluster_weight) * own + cluster_weight * means[labels], means


def _prepare_chunk(titles, leads, bodies) -> tuple[list[str], np.ndarray]:
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
        scores[i] = _own_score(title, lead, prepared[0], prepared[1])
    return texts, scores


def prepare_articles(
    articles: pd.DataFrame, n_jobs: int = 2, chunk_size: int = 10_000, progress: bool = False
) -> tuple[list[str], np.ndarray]:
    """Model text and own seed scores of every article, in ``n_jobs`` processes."""
    from joblib import Parallel, delayed

    empty = [None] * len(articles)
    columns = [articles[c].tolist() if c in articles else empty for c in ("title", "lead", "body")]
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
    n_clusters: int = 40,
    random_state: int = 0,
    cluster_weight: float = CLUSTER_WEIGHT,
    thresholds: dict[str, float] | None = None,
    model: TopicModel | None = None,
    n_jobs: int = 2,
    progress: bool = False,
) -> tuple[pd.DataFrame, TopicModel]:
    """Fit a topic model on ``articles`` and label each with its cluster and named topics.

    Returns the labels (schema ``TOPIC_LABELS``) and the fitted model (top terms, labels).
    """
    from analysis.schemas import TOPIC_LABELS, conform

    thresholds = {**THRESHOLDS, **(thresholds or {})}
    model = model if model is not None else TopicModel(n_clusters, random_state=random_state)
    texts, own = prepare_articles(articles, n_jobs=n_jobs, progress=progress)
    model.set_params(preprocessed=True)
    model.fit(texts)
    labels = model.labels_
    scores, model.cluster_scores_ = blend(own, labels, cluster_weight)
    # The cluster pulls an item's score, but an item needs evidence of its own to be named.
    named = [
        [t for j, t in enumerate(NAMED_TOPICS) if row[j] >= thresholds[t] and mine[j] > 0]
        for row, mine in zip(scores, own, strict=True)
    ]
    coordinates = _map_2d(model, len(labels))
    frame = pd.DataFrame(
        {
            "article_id": articles["article_id"].to_numpy(),
            "map_x": coordinates[:, 0],
            "map_y": coordinates[:, 1],
            "cluster": labels.astype("int64"),
            "centre_distance": getattr(model, "distances_", np.full(len(labels), np.nan)),
            "cluster_label": [model.cluster_labels_[c] for c in labels],
            "named_topics": named,
            **{f"{t}_score": scores[:, j] for j, t in enumerate(NAMED_TOPICS)},
        }
    )
    return TOPIC_LABELS.validate(conform(frame, TOPIC_LABELS)), model


def _map_2d(model: TopicModel, n: int) -> np.ndarray:
    """2-D coordinates for a map of the articles: PCA of the LSA vectors (zeros if none)."""
    from sklearn.decomposition import PCA

    embedding = getattr(model, "embedding_", None)
    if embedding is None or len(embedding) < 3:
        return np.zeros((n, 2))
    return PCA(2, random_state=model.random_state).fit_transform(embedding)


def cluster_table(labels: pd.DataFrame, model: TopicModel) -> pd.DataFrame:
    """One row per cluster: size, label, top terms and the named topics it leans to."""
    sizes = labels["cluster"].value_counts()
    rows = []
    for c in range(model.n_clusters_):
        leaning = model.cluster_scores_[c] if hasattr(model, "cluster_scores_") else None
        rows.append(
            {
                "cluster": c,
                "cluster_label": model.cluster_labels_[c],
                "article_count": int(sizes.get(c, 0)),
                "top_terms": list(model.top_terms_[c]),
                "top_term_weights": list(model.top_term_weights_[c]),
                **(
                    {f"{t}_mean_score": float(leaning[j]) for j, t in enumerate(NAMED_TOPICS)}
                    if leaning is not None
                    else {}
                ),
            }
        )
    return pd.DataFrame(rows).sort_values("article_count", ascending=False, kind="stable")
