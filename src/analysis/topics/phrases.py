"""Whole phrases for cluster names: a syllable pair grown to the words it is part of.

The clusters are named by their most distinctive syllables and syllable pairs
(:meth:`analysis.topics.model.TopicModel._describe`). A pair can cut across two words: "mại
điện" is the middle of "thương mại điện tử", "thư tô" of "tổng bí thư tô lâm", "bay long" of
"sân bay long thành". A reader cannot use such a name. :func:`grow_phrases` reads how each
term stands in the cluster's own texts and adds the syllable before or after it while one
syllable stands there in at least ``min_share`` of its occurrences ("mại điện" is almost always
after "thương" and before "tử"), so that a phrase ends where the words end. No dictionary or
word segmenter is needed, and the phrases are the ones the texts write.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

_SYLLABLE = r"tp\.hcm|\b[^\W\d_]+\b"
TOKEN_PATTERN = rf"(?u){_SYLLABLE}"  # the cluster model's syllables
# A syllable (the group), or anything else that is no space (a number, a mark: the group is
# empty, a phrase's edge).
_TOKEN = re.compile(rf"({_SYLLABLE})|\d+|\S")
# A hyphen between letters joins the syllables of one name ("Sang-sik", "VN-Index"); the
# model counts them as a pair, and so does :func:`syllables`.
_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
EDGE = ""  # what :func:`syllables` puts where the text has a number or a punctuation mark

# The words of a date: a phrase never grows by them ("xổ số miền nam ngày 3/12" is "xổ số
# miền nam").
_DATE_TEXT = "ngày tháng năm giờ hôm nay qua sáng chiều tối trưa đêm"
DATE_WORDS = frozenset(_DATE_TEXT.split())
# Function words and prepositions join a phrase only when they stand beside it nearly always
# ("có thể", "tự do", "nước ngoài", "nhà ở"), not when often ("trên mạng xã hội": "mạng xã
# hội"); other syllables join when they stand there in half of the occurrences ("xổ số").
_FUNCTION_TEXT = (
    "và của ở tại các những là có được bị cho với trong khi từ theo về đến để này đã sẽ "
    "đang một thì mà nhưng hay hoặc nên vì do rằng nếu còn đó đây ấy "
    "trên dưới giữa ngoài sau trước bên"
)
FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())
FUNCTION_SHARE = 0.9
# "ở" opening a term is the preposition ("ở việt" is "việt nam"), and so is one closing a
# phrase of two syllables or more ("thái lan ở" is "thái lan"); "nhà ở" keeps it.
PREPOSITION = "ở"


def syllables(text: str) -> list[str]:
    """The syllables of a preprocessed (lower-cased) text, as the cluster model counts them,
    with :data:`EDGE` for each number or punctuation mark between them: "tổng bí thư, chủ
    tịch nước" holds no phrase "thư chủ"."""
    return _TOKEN.findall(_HYPHEN.sub(" ", text))


def grow_phrases(
    terms: Iterable[str],
    texts: Sequence[Sequence[str]],
    skipped: frozenset[str] = frozenset(),
    min_share: float = 0.5,
    min_count: int = 2,
    max_syllables: int = 6,
) -> dict[str, str | None]:
    """Each term grown to the phrase it stands in, in ``texts`` (lists of :func:`syllables`).

    A side is grown by the syllable that stands there in at least ``min_share`` of the
    term's occurrences (all of them, not only those of the phrase grown so far) and at
    least ``min_count`` times; a text's edge, a number or a mark is no syllable, the words
    of a date never join and function words only in :data:`FUNCTION_SHARE` of the
    occurrences. A term seen fewer than ``min_count`` times stays as it is. The preposition
    "ở" is then trimmed off (:data:`PREPOSITION`).

    None for a term with no whole phrase: one written as it stands in fewer than half the
    places the model counted it, which skipped the syllables in ``skipped`` and the
    numbers ("xổ miền" of "xổ số miền", "vòng ngoại" of "vòng 15 ngoại hạng"), one
    still growing at ``max_syllables``, or one with nothing left but "ở".
    """
    wanted = {tuple(t.split()): t for t in terms}
    written = _occurrences(wanted, texts)
    counted = _occurrences(
        wanted, [[t for t in tokens if t and t not in skipped] for tokens in texts]
    )
    grown: dict[str, str | None] = {}
    for key, term in wanted.items():
        spans = [(n, i, i + len(key)) for n, i in written[key]]
        if not spans or len(spans) < len(counted[key]) / 2:
            grown[term] = None
            continue
        phrase = _grow(list(key), spans, texts, min_share, min_count, max_syllables)
        grown[term] = _trimmed(phrase) if phrase else None
    return grown


def _occurrences(wanted, texts) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    """Where each of ``wanted`` (tuples of syllables) stands: (text, position) pairs."""
    found: dict[tuple[str, ...], list[tuple[int, int]]] = {k: [] for k in wanted}
    lengths = sorted({len(k) for k in wanted})
    firsts = {k[0] for k in wanted}
    for n, tokens in enumerate(texts):
        for i, token in enumerate(tokens):
            if token in firsts:
                for size in lengths:
                    key = tuple(tokens[i : i + size])
                    if key in found:
                        found[key].append((n, i))
    return found


def _grow(phrase, spans, texts, min_share, min_count, max_syllables):
    """``phrase`` grown a syllable at a time, left first (None: still growing at its
    longest); ``spans`` are its occurrences, (text, start, end)."""
    least = (len(spans), min_share, min_count)
    while True:
        left = _joining([texts[n][i - 1] for n, i, _ in spans if i > 0], *least)
        right = _joining([texts[n][j] for n, _, j in spans if j < len(texts[n])], *least)
        if (left or right) and len(phrase) >= max_syllables:
            return None
        if left:
            phrase.insert(0, left)
            spans = [(n, i - 1, j) for n, i, j in spans if i > 0 and texts[n][i - 1] == left]
        elif right:
            phrase.append(right)
            spans = [
                (n, i, j + 1) for n, i, j in spans if j < len(texts[n]) and texts[n][j] == right
            ]
        else:
            return phrase


def _joining(neighbours: list[str], total: int, min_share: float, min_count: int) -> str | None:
    """The syllable that joins the phrase from ``neighbours`` (one per occurrence still
    followed), if any; ``total``: the term's occurrences."""
    if not neighbours:
        return None
    syllable, count = Counter(neighbours).most_common(1)[0]
    if not syllable or syllable in DATE_WORDS:  # EDGE: a number, a mark
        return None
    share = FUNCTION_SHARE if syllable in FUNCTION_WORDS else min_share
    return syllable if count >= max(share * total, min_count) else None


def _trimmed(phrase: list[str]) -> str | None:
    if phrase[0] == PREPOSITION:
        phrase = phrase[1:]
    if len(phrase) > 2 and phrase[-1] == PREPOSITION:
        phrase = phrase[:-1]
    return " ".join(phrase) or None


def contains(phrase: str, part: str) -> bool:
    """Whether ``part`` is ``phrase`` or a run of its syllables ("bay" is in "sân bay", not
    in "bayern")."""
    return f" {part} " in f" {phrase} "
