"""Topic clusters without labels: :class:`TopicModel`, a scikit-learn estimator.

TF-IDF over normalised syllables and syllable bigrams (:func:`analysis.text.expand_abbreviations`
∘ :func:`analysis.text.normalize`, Vietnamese stop words out; underthesea word segmentation
optional), reduced by TruncatedSVD (LSA) and clustered by k-means on the unit-length
reductions. LSA before k-means was measured against plain TF-IDF + k-means and NMF on Dân
Trí's 10 categories (``benchmarks/bench_topics.py``): it separates topics better than both.
``streaming=True`` swaps in a HashingVectorizer and ``MiniBatchKMeans.partial_fit`` over
batches, for corpora that do not fit in memory.

The estimator keeps scikit-learn's contract: ``__init__`` stores its parameters untouched,
``fit`` learns every fitted attribute (ending in ``_``) and returns ``self``, no training text
or matrix is kept, and ``get_feature_names_out`` names the columns ``transform`` returns.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.preprocessing import normalize as unit_rows
from sklearn.utils.validation import check_is_fitted

from analysis.text import expand_abbreviations, normalize, word_segment
from analysis.topics.phrases import TOKEN_PATTERN, contains, grow_phrases, syllables

HASH_FEATURES = 2**20

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
NAMING_SAMPLE = 1_000  # texts of a cluster read to grow its terms into whole phrases


def preprocess(text: str) -> str:
    """Normalised, lower-cased text with the field's abbreviations written one way."""
    return expand_abbreviations(normalize(text))


def _segmented(text: str) -> str:
    return " ".join(word_segment(text)).lower()


class TopicModel(TransformerMixin, BaseEstimator):
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
    whole_phrases : name clusters by whole phrases, each distinctive syllable pair grown to
        the words it stands in (:mod:`analysis.topics.phrases`; "mại điện" is "thương mại
        điện tử"). False: the pairs as counted, which can cut across words. Models with
        ``segment`` (words already) or ``streaming`` (clusters named by number) ignore it.
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
        whole_phrases: bool = True,
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
        self.whole_phrases = whole_phrases
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
            n_features=HASH_FEATURES, alternate_sign=False, **self._vectorizer_options()
        )

    # -- fit ---------------------------------------------------------------------------------
    def fit(self, texts, y=None):
        """Learn the vocabulary, the LSA basis and the clusters from ``texts``."""
        if self.streaming:
            return self._fit_streaming(texts)
        self._fit(texts)
        return self

    def fit_transform(self, texts, y=None):
        """Fit, and return the LSA vectors of ``texts`` computed on the way (not kept)."""
        if self.streaming:
            return self._fit_streaming(texts).transform(texts)
        return self._fit(texts)

    def _fit(self, texts) -> np.ndarray:
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
        self.kmeans_ = KMeans(self.n_clusters_, n_init=self.n_init, random_state=self.random_state)
        self.labels_ = self.kmeans_.fit_predict(reduced)
        self._describe(
            counts,
            self.labels_,
            self.vectorizer_.get_feature_names_out(),
            prepared if self.whole_phrases and not self.segment else None,
        )
        return reduced

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
        """The names of the columns :meth:`transform` returns: LSA dimensions, or the hashed
        TF-IDF features of a streaming model."""
        check_is_fitted(self, "kmeans_")
        if self.streaming:
            return np.array([f"hash{i}" for i in range(HASH_FEATURES)], dtype=object)
        return np.array([f"lsa{i}" for i in range(self.svd_.n_components)], dtype=object)

    # -- description -----------------------------------------------------------------------
    def _describe(self, counts, labels, names, texts=None, n_terms: int = 10) -> None:
        """Name each cluster by its most distinctive terms: class-based TF-IDF, as BERTopic
        does (the share of the cluster's articles holding a term, weighted by how rare the
        term is across clusters), preferring phrases: most Vietnamese words have two
        syllables, and a single syllable ("công", "hàng") means little on its own. With the
        prepared ``texts``, each term is first grown to the whole phrase it stands in within
        a sample of the cluster's texts (:func:`analysis.topics.phrases.grow_phrases`: "mại
        điện" is "thương mại điện tử")."""
        self.top_terms_ = {}
        self.top_term_weights_ = {}
        self.cluster_labels_ = {}
        membership = sparse.csr_matrix(
            (np.ones(len(labels), dtype=np.float32), (labels, np.arange(len(labels)))),
            shape=(self.n_clusters_, len(labels)),
        )
        present = counts.copy()
        present.data = np.ones_like(present.data)
        holding = np.asarray((membership @ present).todense())  # articles per cluster and term
        sizes = np.maximum(np.bincount(labels, minlength=self.n_clusters_), 1)
        average = holding.sum() / self.n_clusters_
        weight = (holding / sizes[:, None]) * np.log1p(average / np.maximum(holding.sum(0), 1))
        if texts is not None:  # the texts in a random order, and their clusters in it
            order = np.random.default_rng(self.random_state).permutation(len(labels))
            shuffled = labels[order]
        for c in range(self.n_clusters_):
            best = [i for i in np.argsort(-weight[c])[: n_terms * 10] if weight[c, i] > 0]
            grown = {names[i]: names[i] for i in best}
            if texts is not None:
                members = np.sort(order[shuffled == c][:NAMING_SAMPLE])
                sample = [syllables(texts[i]) for i in members]
                grown = grow_phrases(list(grown), sample, skipped=STOP_WORDS)
            terms: list[str] = []
            weights: list[float] = []
            # syllable pairs first, then single syllables grown into a phrase, then the
            # others, each not already inside a chosen term ("công" of "công an" is last)
            for kind in ("pair", "grown", "single"):
                for i in best:
                    term = grown[names[i]]
                    if term is None or kind != _kind(names[i], term):
                        continue
                    if any(contains(t, term) or contains(term, t) for t in terms):
                        continue
                    if len(terms) == n_terms:
                        break
                    terms.append(term)
                    weights.append(float(weight[c, i]))
            self.top_terms_[c] = terms
            self.top_term_weights_[c] = weights
            self.cluster_labels_[c] = " · ".join(terms[:3])


def _kind(name: str, term: str) -> str:
    """A name term's kind: a syllable "pair" (grown or not), a single syllable "grown" into a
    phrase, or a "single" syllable (a pair trimmed to one: "ở vòng" is "vòng")."""
    if " " not in term:
        return "single"
    return "pair" if " " in name else "grown"
