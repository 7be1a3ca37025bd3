"""Named topics (infrastructure, trade, aviation) by a classifier learned from labelled items.

The labels are ``../shared/gold/topics_train.jsonl`` and ``data/labels/topics_extra.csv``,
under the rules of ``../shared/gold/TOPICS.md``. Each item is read as features that carry
meaning:

* TF-IDF over the normalised syllables and syllable pairs of its title and lead, and again
  over the title alone (the title says what the item is mainly about);
* the seed vocabulary's scores (:mod:`analysis.topics.seeds`): what the terms and the cues
  against each topic in the title and in the lead add up to;
* the kinds of facility the mentions stage found in the title and in the lead.

One logistic regression per topic turns them into a probability; the cut-off per topic is
chosen by cross-validation on the training items (scikit-learn's
``TunedThresholdClassifierCV``, maximising F1), never on the dev set. The fitted model ships
as a table of weights (``data/topic_classifier.csv``): the vocabulary with its idf and each
topic's weight per feature, the intercepts and the cut-offs, so that nothing but that table
(and scikit-learn's vectoriser) is needed to label a corpus, whatever scikit-learn version is
installed. ``make topic-model`` retrains it.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.mentions import KINDS
from analysis.topics.phrases import TOKEN_PATTERN
from analysis.topics.seeds import NAMED_TOPICS, seed_features

WEIGHTS_FILE = "data/topic_classifier.csv"
SEED_COLUMNS = tuple(
    f"seed_{where}_{sign}_{topic}"
    for where in ("title", "lead")
    for sign in ("for", "against")
    for topic in NAMED_TOPICS
)
KIND_COLUMNS = tuple(f"kind_{where}_{kind}" for where in ("title", "lead") for kind in KINDS)
NUMERIC_COLUMNS = SEED_COLUMNS + KIND_COLUMNS


@dataclass(frozen=True)
class Options:
    """What shapes the features and the model; stored with the weights."""

    C: float = 100.0
    l1_ratio: float = 0.0  # 0: L2 (every feature weighed), 1: L1 (sparse weights)
    title_weight: float = 0.0  # a separate title block: no measured gain (README)
    min_df: int = 5
    ngram_max: int = 2


def signed_log(values: np.ndarray) -> np.ndarray:
    """Seed scores and counts on a log scale, sign kept: 2 cues are not twice as telling as 1."""
    return np.sign(values) * np.log1p(np.abs(values))


def topic_inputs(
    prepared_titles: list[str],
    prepared_leads: list[str],
    mentions: pd.DataFrame | None,
    article_ids,
    seeds: np.ndarray | None = None,
) -> pd.DataFrame:
    """The classifier's input: one row per article, its texts and numeric features.

    ``prepared_*`` went through :func:`analysis.topics.model.preprocess`; ``mentions`` are the
    articles' mentions (title and lead rows are read); ``seeds`` the articles'
    :func:`~analysis.topics.seeds.seed_features` when already computed.
    """
    frame = pd.DataFrame(
        {
            "text": [
                f"{t} \n {lead}" for t, lead in zip(prepared_titles, prepared_leads, strict=True)
            ],
            "title": list(prepared_titles),
        }
    )
    if seeds is None:
        seeds = np.array(
            [
                seed_features(t, lead)
                for t, lead in zip(prepared_titles, prepared_leads, strict=True)
            ]
        ).reshape(-1, len(SEED_COLUMNS))
    kinds = np.zeros((len(frame), len(KIND_COLUMNS)))
    if mentions is not None and len(mentions):
        position = pd.Series(np.arange(len(frame)), index=pd.Index(article_ids))
        for offset, field in enumerate(("title", "lead")):
            part = mentions[mentions["field"] == field]
            if part.empty:
                continue
            rows = position.reindex(part["article_id"]).to_numpy(dtype=float)
            columns = offset * len(KINDS) + part["kind"].map(KINDS.index).to_numpy(dtype=int)
            known = ~np.isnan(rows)
            np.add.at(kinds, (rows[known].astype(int), columns[known]), 1)
    numeric = pd.DataFrame(np.hstack([seeds, kinds]), columns=list(NUMERIC_COLUMNS))
    return pd.concat([frame, numeric], axis=1)


def _vectorizer(options: Options, vocabulary=None) -> TfidfVectorizer:
    return TfidfVectorizer(
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, options.ngram_max),
        min_df=options.min_df if vocabulary is None else 1,
        sublinear_tf=True,
        lowercase=False,
        dtype=np.float64,
        vocabulary=vocabulary,
    )


def pipeline(options: Options = Options(), random_state: int = 0):
    """The unfitted scikit-learn pipeline of one topic: features, then logistic regression."""
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    blocks = [("text", _vectorizer(options), "text")]
    if options.title_weight:
        blocks.append(("title", _vectorizer(options), "title"))
    blocks.append(("numeric", FunctionTransformer(signed_log), list(NUMERIC_COLUMNS)))
    features = ColumnTransformer(
        blocks,
        transformer_weights={
            name: options.title_weight if name == "title" else 1.0 for name, _, _ in blocks
        },
    )
    model = LogisticRegression(
        C=options.C,
        l1_ratio=options.l1_ratio,
        solver="liblinear",
        max_iter=2000,
        random_state=random_state,
    )
    return Pipeline([("features", features), ("model", model)])


def fit_topic(inputs: pd.DataFrame, y: np.ndarray, options: Options, random_state: int):
    """One topic's pipeline with its F1-maximising cut-off chosen by 5-fold cross-validation."""
    from sklearn.model_selection import StratifiedKFold, TunedThresholdClassifierCV

    tuned = TunedThresholdClassifierCV(
        pipeline(options, random_state),
        scoring="f1",
        cv=StratifiedKFold(5, shuffle=True, random_state=random_state),
        thresholds=np.linspace(0.02, 0.98, 97),
    )
    return tuned.fit(inputs, y)


# -- the shipped weights -----------------------------------------------------------------------


@dataclass(frozen=True)
class Weights:
    """A fitted classifier as data: vocabularies with idf, weights, intercepts, cut-offs."""

    options: Options
    text_vocabulary: dict[str, int]
    text_idf: np.ndarray
    title_vocabulary: dict[str, int]
    title_idf: np.ndarray
    coef: np.ndarray  # (n_features, n_topics): text block, title block, numeric block
    intercept: np.ndarray  # (n_topics,)
    thresholds: np.ndarray  # (n_topics,)

    def probabilities(self, inputs: pd.DataFrame) -> np.ndarray:
        """P(topic) for each row of :func:`topic_inputs`, one column per named topic."""
        blocks = []
        for column, vocabulary, idf, weight in (
            ("text", self.text_vocabulary, self.text_idf, 1.0),
            ("title", self.title_vocabulary, self.title_idf, self.options.title_weight),
        ):
            if not vocabulary:
                continue
            vectorizer = _vectorizer(self.options, vocabulary)
            vectorizer.idf_ = idf
            blocks.append(vectorizer.transform(inputs[column].tolist()) * weight)
        numeric = signed_log(inputs[list(NUMERIC_COLUMNS)].to_numpy(dtype=float))
        blocks.append(sparse.csr_matrix(numeric))
        scores = sparse.hstack(blocks).tocsr() @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(scores, -50, 50)))

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["block", "feature", "idf", *NAMED_TOPICS])
        for key, value in vars(self.options).items():
            writer.writerow(["option", key, value, "", "", ""])
        writer.writerow(["intercept", "", "", *self.intercept])
        writer.writerow(["threshold", "", "", *self.thresholds])
        row = 0
        for block, vocabulary, idf in (
            ("text", self.text_vocabulary, self.text_idf),
            ("title", self.title_vocabulary, self.title_idf),
        ):
            for term in sorted(vocabulary, key=vocabulary.get):
                writer.writerow([block, term, f"{idf[vocabulary[term]]:.5g}", *self._row(row)])
                row += 1
        for name in NUMERIC_COLUMNS:
            writer.writerow(["numeric", name, "", *self._row(row)])
            row += 1
        return out.getvalue()

    def _row(self, row: int) -> list[str]:
        # five significant digits: the probabilities move by less than 1e-4, the file by a third
        return [f"{w:.5g}" for w in self.coef[row]]

    @classmethod
    def from_csv(cls, text: str) -> Weights:
        options, intercept, thresholds = {}, None, None
        vocabularies = {"text": {}, "title": {}}
        idfs = {"text": [], "title": []}
        rows = []
        for record in csv.DictReader(io.StringIO(text)):
            block = record["block"]
            values = [float(record[t]) for t in NAMED_TOPICS] if block != "option" else None
            if block == "option":
                options[record["feature"]] = record["idf"]
            elif block == "intercept":
                intercept = np.array(values)
            elif block == "threshold":
                thresholds = np.array(values)
            else:
                if block in vocabularies:
                    vocabularies[block][record["feature"]] = len(vocabularies[block])
                    idfs[block].append(float(record["idf"]))
                rows.append(values)
        typed = {name: type(getattr(Options(), name))(value) for name, value in options.items()}
        return cls(
            options=Options(**typed),
            text_vocabulary=vocabularies["text"],
            text_idf=np.array(idfs["text"]),
            title_vocabulary=vocabularies["title"],
            title_idf=np.array(idfs["title"]),
            coef=np.array(rows),
            intercept=intercept,
            thresholds=thresholds,
        )

    @classmethod
    def from_fitted(cls, fitted: list, options: Options) -> Weights:
        """The weights of three fitted ``TunedThresholdClassifierCV`` (one per topic)."""
        first = fitted[0].estimator_.named_steps["features"]
        text = first.named_transformers_["text"]
        title = first.named_transformers_["title"] if options.title_weight else None
        coef = np.column_stack([f.estimator_.named_steps["model"].coef_.ravel() for f in fitted])
        for f in fitted[1:]:  # the same texts give the same vocabularies: one table serves
            other = f.estimator_.named_steps["features"]
            assert other.named_transformers_["text"].vocabulary_ == text.vocabulary_
        return cls(
            options=options,
            text_vocabulary=dict(text.vocabulary_),
            text_idf=text.idf_,
            title_vocabulary=dict(title.vocabulary_) if title is not None else {},
            title_idf=title.idf_ if title is not None else np.zeros(0),
            coef=coef,
            intercept=np.array([f.estimator_.named_steps["model"].intercept_[0] for f in fitted]),
            thresholds=np.array([f.best_threshold_ for f in fitted]),
        )


@cache
def shipped() -> Weights:
    """The classifier shipped with the package (``data/topic_classifier.csv``)."""
    text = resources.files("analysis").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    return Weights.from_csv(text)


def shipped_key() -> str:
    """A hash of the shipped weights, for cache keys."""
    data = resources.files("analysis").joinpath(WEIGHTS_FILE).read_bytes()
    return hashlib.blake2b(data, digest_size=8).hexdigest()
