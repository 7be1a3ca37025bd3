"""The named topics infrastructure, trade and aviation, scored from a seed vocabulary.

A seed vocabulary per topic (``data/topic_seeds.csv``: terms with positive weights, and cues
that say the item is about something else, such as "tai nạn" for infrastructure or "không
quân" for aviation) scores each item, title twice as much as lead; the project mentions the
mentions stage found add evidence for infrastructure and aviation. A cue against a topic in
the title vetoes it, and a news digest names no topic. Each cluster gets the mean score of its
members, so an item is pulled toward the topic of the cluster it sits in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick
import numpy as np
import pandas as pd

from analysis.mentions import KINDS
from analysis.text import longest_first
from analysis.topics.model import preprocess

NAMED_TOPICS = ("infrastructure", "trade", "aviation")
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
# Mentions of these kinds are evidence for a named topic.
MENTION_TOPIC = {
    kind: (("infrastructure", 1.0),) for kind in KINDS if kind not in ("airport", "border_gate")
} | {
    "airport": (("aviation", 0.5), ("infrastructure", 0.5)),
    "border_gate": (("trade", 0.5),),
}


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


def lexicon_scores(prepared: str) -> tuple[np.ndarray, np.ndarray]:
    """Sums of the positive and of the negative seed weights found in ``prepared``.

    Terms match whole words, longest first and without overlap: "bê tông" (concrete) is not
    the cue "tông" (to ram), "xuất khẩu lao động" (labour export) not "xuất khẩu", "giá vé
    máy bay" counts "vé máy bay" once, not also "giá vé" and "máy bay".
    """
    positive, negative = np.zeros(len(NAMED_TOPICS)), np.zeros(len(NAMED_TOPICS))
    if not prepared:
        return positive, negative
    padded = " " + _NOT_WORD.sub(" ", prepared) + " "
    # Keys carry a space on each side, so neighbouring words share a character: a key
    # occupies its inner characters only. Aho-Corasick reports a match by its last character.
    found = [
        (end - len(key) + 2, end, values) for end, (key, values) in _seed_automaton().iter(padded)
    ]
    kept = longest_first(found, lambda hit: (hit[0], hit[1]))
    for _, _, values in sorted(kept, key=lambda hit: (hit[0] - hit[1], hit[0])):
        for topic, weight in values:
            (positive if weight > 0 else negative)[topic] += weight
    return positive, negative


def mention_scores(mentions: pd.DataFrame, article_ids, field: str) -> np.ndarray:
    """Each article's evidence per named topic from its project mentions in ``field``."""
    table = np.zeros((len(article_ids), len(NAMED_TOPICS)))
    part = mentions[mentions["field"] == field]
    if part.empty:
        return table
    position = pd.Series(np.arange(len(article_ids)), index=pd.Index(article_ids))
    rows = position.reindex(part["article_id"]).to_numpy()
    for kind, row in zip(part["kind"], rows, strict=True):
        if row != row:  # a mention of an article not in this selection
            continue
        for topic, weight in MENTION_TOPIC.get(kind, ()):
            table[int(row), NAMED_TOPICS.index(topic)] += weight
    return table


def own_score(title, prepared_title: str, prepared_lead: str, title_mentions, lead_mentions):
    """Seeds in the preprocessed text plus project mentions in the published text; the title
    weighs ``TITLE_WEIGHT``, the lead 1.

    A cue against a topic in the title ("Tai nạn trên cao tốc ...") says what the item is
    mainly about: when the title's cues against a topic sum to ``VETO_CUE`` or less, a positive
    score for it is scaled by ``TITLE_VETO``. A news digest ("Điểm tin 17h: ... | ...") has
    several subjects and no main one: it scores 0.
    """
    if isinstance(title, str) and DIGEST.match(title):
        return np.zeros(len(NAMED_TOPICS))
    title_positive, title_negative = lexicon_scores(prepared_title)
    lead_positive, lead_negative = lexicon_scores(prepared_lead)
    score = TITLE_WEIGHT * (title_positive + title_negative + title_mentions)
    score += lead_positive + lead_negative + lead_mentions
    vetoed = (title_negative <= VETO_CUE) & (score > 0)
    return np.where(vetoed, TITLE_VETO * score, score)


def seed_scores(titles, leads, mentions: pd.DataFrame | None = None) -> np.ndarray:
    """Seed score of each item per named topic (see :func:`own_score`).

    ``mentions`` are the items' project mentions (``field`` title or lead, ``article_id`` the
    item's position); found here when not given.
    """
    titles, leads = list(titles), list(leads)
    if mentions is None:
        from analysis.mentions import extract_mentions

        frame = pd.DataFrame(
            {"article_id": [str(i) for i in range(len(titles))], "title": titles, "lead": leads}
        )
        mentions = extract_mentions(frame, progress=False)
    ids = [str(i) for i in range(len(titles))]
    in_title = mention_scores(mentions, ids, "title")
    in_lead = mention_scores(mentions, ids, "lead")
    return np.array(
        [
            own_score(t, *(preprocess(v) if isinstance(v, str) else "" for v in (t, lead)), a, b)
            for t, lead, a, b in zip(titles, leads, in_title, in_lead, strict=True)
        ]
    ).reshape(-1, len(NAMED_TOPICS))


def blend(own: np.ndarray, labels: np.ndarray, cluster_weight: float = CLUSTER_WEIGHT):
    """Each item's score pulled toward its cluster's mean: (1 - w) · own + w · cluster mean."""
    n_clusters = int(labels.max()) + 1 if len(labels) else 0
    sums = np.zeros((n_clusters, own.shape[1]))
    np.add.at(sums, labels, own)
    means = sums / np.maximum(np.bincount(labels, minlength=n_clusters), 1)[:, None]
    return (1 - cluster_weight) * own + cluster_weight * means[labels], means
