"""The seed vocabulary of the named topics: terms for and cues against each topic.

``data/topic_seeds.csv`` holds terms with positive weights ("cao tốc", "xuất khẩu", "hãng
bay") and cues that say an item is about something else ("tai nạn" for infrastructure,
"không quân" for aviation, "xuất khẩu lao động" for trade). What they add up to in the title
and in the lead are features of the named-topic classifier (:mod:`analysis.topics.classifier`),
which learns how much each is worth; they decide nothing on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick
import numpy as np
import pandas as pd

from analysis.text import longest_first
from analysis.topics.model import preprocess

NAMED_TOPICS = ("infrastructure", "trade", "aviation")


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


def seed_features(prepared_title: str, prepared_lead: str) -> np.ndarray:
    """The 12 seed features of one item: for and against each topic, in title and lead."""
    return np.concatenate([*lexicon_scores(prepared_title), *lexicon_scores(prepared_lead)])
