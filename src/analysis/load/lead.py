"""Is the first paragraph under the date line a lead, or the start of the body?

Some pages have no lead: their first paragraph opens the story itself. The rules in
``analysis.load.page`` catch the ones that give themselves away (a continuation opener, a photo
credit, more than 600 characters); the rest look like a lead by position and spacing and
differ only in wording. This module scores that wording.

The model is a logistic regression over binary features of the page's title, its first
paragraph (the candidate lead), its second paragraph and the rest of the text:

- the words and word pairs of the first and of the second paragraph, and their first one to
  three words (a lead summarises; a story opens on a time, a place or a scene, and the
  paragraph after a lead opens the story again, where the paragraph after a story's opening
  continues it);
- the length of both paragraphs, in bins;
- how much the paragraphs share with each other, with the title and with the rest of the
  text, in tenths (a lead restates what the body then tells; a story's opening is followed
  by what happens next).

It is trained on the baomoi corpus (real ``sapo`` leads against real body openings) by
``benchmarks/train_lead_model.py``, which writes its weights to ``data/lead_weights.csv`` and
reports what it fixes and breaks on held-out articles. A score is the intercept plus the weight
of every feature present, so the model needs nothing but that table at run time.
"""

from __future__ import annotations

import csv
import itertools
import math
import re
from functools import cache
from importlib import resources

WEIGHTS_FILE = "data/lead_weights.csv"
INTERCEPT = "(intercept)"
# A first paragraph is read as the body when P(lead) is below the share of pages whose first
# paragraph passes the rules and still is no lead: 9 of 111 dev pages (8%). The model is
# trained on as many leads as openings, so at that cut-off the posterior odds of "no lead"
# exceed 1.
NO_LEAD_BELOW = 0.08
LENGTH_BINS = (60, 100, 140, 180, 220, 260, 320, 400, 500, 600)
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…][\"”’']?(?=\s+\S)")
_MARKS = {"quote": '“”"', "colon": ":", "bracket": "()", "question": "?", "exclaim": "!"}


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _length_bin(text: str) -> int:
    return sum(len(text) >= edge for edge in LENGTH_BINS)


def _share(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _tenth(x: float) -> int:
    return min(int(x * 10), 9)


def _paragraph_features(prefix: str, text: str) -> set[str]:
    words = _words(text)
    features = {f"{prefix}:{w}" for w in words}
    features.update(f"{prefix}:{a} {b}" for a, b in itertools.pairwise(words))
    opening = text.lower().split()
    features.update(f"{prefix}^{'_'.join(opening[:n])}" for n in (1, 2, 3) if len(opening) >= n)
    features.add(f"{prefix}#len{_length_bin(text)}")
    features.add(f"{prefix}#sentences{min(len(_SENTENCE_END.findall(text)) + 1, 4)}")
    features.update(
        f"{prefix}#{name}" for name, marks in _MARKS.items() if any(m in text for m in marks)
    )
    return features


def lead_features(title: str, first: str, second: str, rest: str) -> set[str]:
    """The binary features of one page: ``rest`` is all the text after ``first``."""
    features = _paragraph_features("a", first) | _paragraph_features("b", second)
    t, a, b, r = (set(_words(x)) for x in (title, first, second, rest))
    relations = {
        "title~a": _jaccard(t, a),
        "title~b": _jaccard(t, b),
        "a~b": _jaccard(a, b),
        "a<b": _share(a, b),
        "b<a": _share(b, a),
        "a<rest": _share(a, r),
        "title<rest": _share(t, r),
        "a<title": _share(a, t),
        "a&title-rest": _share(a & t - r, a),
    }
    features.update(f"{name}={_tenth(value)}" for name, value in relations.items())
    return features


@cache
def _weights() -> dict[str, float]:
    with resources.files("analysis").joinpath(WEIGHTS_FILE).open(encoding="utf-8") as f:
        return {row["feature"]: float(row["weight"]) for row in csv.DictReader(f)}


def lead_probability(title: str, first: str, second: str, rest: str) -> float:
    """P(``first`` is a lead), as the model learned it from as many leads as body openings."""
    weights = _weights()
    # fsum: the same score whatever order the set of features comes in
    score = math.fsum(
        [weights.get(INTERCEPT, 0.0)]
        + [weights.get(f, 0.0) for f in lead_features(title, first, second, rest)]
    )
    return 1.0 / (1.0 + math.exp(-max(min(score, 50.0), -50.0)))


def is_body_opening(title: str, first: str, second: str, rest: str) -> bool:
    """True when the wording says ``first`` opens the body of a page without a lead."""
    return lead_probability(title, first, second, rest) < NO_LEAD_BELOW
