"""The lifecycle events' lexicon (``data/event_lexicon.csv``): the trigger phrases with their
event type, the phrases that look like one but are none ("not_trigger": "chậm nhất", "đi
chậm"), and the cue lists the features read (planned, done, negation, repair ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd

from analysis.text import fold, longest_first

LEXICON_FILE = "data/event_lexicon.csv"


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    phrase: str
    type: str


@cache
def _lexicon() -> pd.DataFrame:
    with resources.files("analysis").joinpath(LEXICON_FILE).open(encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False)


@cache
def cue_words(name: str) -> tuple[str, ...]:
    """The cue phrases of one list (planned, done, negation, repair), lower case."""
    table = _lexicon()
    return tuple(fold(w).lower() for w in table.loc[table["list"] == name, "phrase"])


def _phrase_pattern(phrases) -> re.Pattern | None:
    """One regex of whole phrases, the longest tried first; None for no phrase."""
    words = sorted(set(phrases), key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


@cache
def _trigger_pattern() -> tuple[re.Pattern, dict[str, str], re.Pattern | None]:
    """The triggers' pattern and types, and the pattern of the "not_trigger" phrases: a
    trigger's words with no stage ("chậm nhất", "di chuyển chậm")."""
    types, stops = check_lexicon(_lexicon())
    return _phrase_pattern(types), types, _phrase_pattern(stops)


def check_lexicon(table: pd.DataFrame) -> tuple[dict[str, str], set[str]]:
    """The triggers (phrase, folded and lower-cased -> type) and the "not_trigger" phrases of
    a lexicon table; a phrase on both lists is an error, not a silent choice."""
    triggers = table[table["list"] == "trigger"]
    types = {fold(p).lower(): t for p, t in zip(triggers["phrase"], triggers["type"], strict=True)}
    stops = {fold(p).lower() for p in table.loc[table["list"] == "not_trigger", "phrase"]}
    if both := sorted(stops & set(types)):
        raise ValueError(f"{LEXICON_FILE}: phrases both trigger and not_trigger: {both}")
    return types, stops


def find_triggers(lowered: str) -> list[Trigger]:
    """Trigger phrases in folded, lower-cased text (longest first where they overlap). A
    trigger inside a "not_trigger" phrase is none ("chậm" of "đi chậm"); one that only
    overlaps it stands ("chậm trễ" of "bước đi chậm trễ")."""
    pattern, types, stops = _trigger_pattern()
    blocked = [m.span() for m in stops.finditer(lowered)] if stops else []
    found = [
        Trigger(m.start(), m.end(), m.group(0), types[m.group(0)])
        for m in pattern.finditer(lowered)
        if not any(s <= m.start() and m.end() <= e for s, e in blocked)
    ]
    return longest_first(found, lambda t: (t.start, t.end))
