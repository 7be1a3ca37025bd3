"""Project lifecycle events: what a text asserts about where a named project stands.

Rules: ``../shared/gold/EVENTS.md``. An event ties a project mention (:mod:`analysis.mentions`)
to a type (proposal, approval, funding, tender, site_clearance, construction_start,
completion, delay, cost_change, suspension) and a status (``done`` or ``planned``), with the
time the text gives for it.

How it is found, in two steps:

1. *Candidates* (high recall): in each sentence, every trigger phrase of the lexicon
   (``data/event_lexicon.csv``: "khởi công", "thông xe", "phê duyệt", "chậm tiến độ" ...) is
   paired with every project mentioned in the same sentence; a sentence with a trigger but
   no project (the lead of "Cầu X khánh thành" saying "Dự án dự kiến hoàn thành năm 2026")
   is paired with the projects of the first sentence (the title).
2. *Decisions* (learned): two logistic regressions over the candidate's features (the
   trigger, the words between trigger and project, their order and distance, the cues of the
   clause: "dự kiến", "sẽ", "phấn đấu", "đã", "vừa", "chưa", "trở lại"..., the time
   expression and whether it lies after the publication date, the other triggers nearby)
   decide whether the candidate is an event and whether it is ``planned``. They are trained
   on snippets labelled under the rules (``data/labels/events_extra.csv``; never the dev set)
   on first use and kept as a table of weights (:mod:`analysis.event_model`); ``make
   event-model`` cross-validates the choices.

How a trigger's clause is read (negation, hypotheticals, the event's time):
:mod:`analysis.event_clauses`; the trigger phrases and cue lists: :mod:`analysis.event_lexicon`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

import pandas as pd

from analysis.config import VIETNAM_TZ
from analysis.event_clauses import (
    CLAUSE_WINDOW,
    event_time,
    evidence,
    hypothetical,
    nearest_time,
    status_of,
    tet_at_hand,
    time_told_elsewhere,
)
from analysis.event_lexicon import Trigger, cue_words, find_triggers
from analysis.event_model import EventModel, fitted
from analysis.mentions import Mention, find_mentions, mentions_by_article
from analysis.other_works import not_its_event, other_work_before, via_other_work
from analysis.schemas import LIFECYCLE_STAGES, dated_at
from analysis.text import as_given, composed_with_offsets, fold, lower_same_length
from analysis.when import TimeExpression, find_times

EVENT_TYPES = (
    "proposal", "approval", "funding", "tender", "site_clearance", "construction_start",
    "completion", "delay", "cost_change", "suspension",
)  # fmt: skip
# The order of a project's life, for "where it stands now" (analysis.tracker).
LIFECYCLE = LIFECYCLE_STAGES
PAIR_PREFIX = "pair="  # features of the word pairs around a trigger


@dataclass(frozen=True)
class Event:
    type: str
    status: str  # "done" | "planned"
    start: int  # the project's mention span in the text
    end: int
    entity_id: str
    when: str | None = None
    when_period: pd.Period | None = None
    probability: float = 1.0
    sentence: str = ""


@dataclass(frozen=True)
class Candidate:
    mention: Mention
    trigger: Trigger
    sentence_start: int
    sentence_end: int
    anaphoric: bool  # the trigger's sentence names no project: the title's project is meant
    negated: bool = False  # not its event: other_works.not_its_event ("chưa thể", "cạnh")
    hypothetical: bool = False  # "khi sân bay đi vào vận hành": none unless a time is given
    next_trigger: int | None = None  # where the sentence's next trigger starts, if any
    lead_start: int | None = None  # where the lead starts, after a title line

    @property
    def title_to_lead(self) -> bool:
        """A title's trigger and the lead's project (a title that names no project)."""
        return self.mention.start >= self.sentence_end


# -- sentences ---------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+(?=[\"“]?[^\W\d_])|\n+")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a line break (title, lead) always ends one."""
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.start() > start:
            spans.append((start, boundary.start()))
        start = boundary.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _lead_start(text: str, spans: list[tuple[int, int]]) -> int | None:
    """Where the lead starts when the text opens with a title: a first line that is one
    sentence and ends without a full stop (a body's first paragraph ends with one)."""
    line_end = text.find("\n")
    if line_end <= 0 or len(spans) < 2 or spans[0][1] != line_end:
        return None
    if text[:line_end].rstrip().endswith((".", "!", "?", "…")):
        return None
    return spans[1][0]


def _lowered(text: str) -> str:
    """Folded, lower-cased ``text`` of the same length (offsets stay valid)."""
    return lower_same_length(fold(text))


def candidates(
    text: str, mentions: list[Mention] | None = None, lowered: str | None = None
) -> list[Candidate]:
    """Every (trigger, project) pair that could be an event (see the module's docstring).
    ``lowered``: the text folded and lower-cased, when the caller has it."""
    mentions = find_mentions(text) if mentions is None else mentions
    if not mentions:
        return []
    lowered = _lowered(text) if lowered is None else lowered
    spans = sentences(text)
    title_mentions = [m for m in mentions if m.start < spans[0][1]] if spans else []
    lead_start = _lead_start(text, spans)
    # A title naming no project, over a lead that does ("TP HCM chốt chủ trương đầu tư 3 cầu |
    # Ba dự án cầu Thạnh Hội 2, Tân An và Tân Hiền ..."): the title's triggers are about the
    # lead's projects (cross-validated micro F1 +0.005).
    lead = spans[1] if lead_start is not None and not title_mentions else None
    lead_mentions = [m for m in mentions if lead and lead[0] <= m.start < lead[1]]
    out = []
    for start, end in spans:
        inside = [m for m in mentions if start <= m.start < end]
        triggers = [
            t
            for t in find_triggers(lowered[start:end])
            if not any(m.start - start <= t.start < m.end - start for m in inside)
        ]
        for t in triggers:
            trigger = Trigger(t.start + start, t.end + start, t.phrase, t.type)
            supposed = hypothetical(lowered, trigger, start)
            following = min((o.start + start for o in triggers if o.start >= t.end), default=None)
            targets = inside or title_mentions or (lead_mentions if start == 0 else [])
            for mention in targets:
                named_in = lead[0] if mention.start >= end else start
                out.append(
                    Candidate(
                        mention,
                        trigger,
                        start,
                        end,
                        not inside,
                        not_its_event(lowered, trigger, mention.start, named_in),
                        supposed,
                        following,
                        lead_start,
                    )
                )
    return out


# -- features ----------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")


def _bucket(n: int, edges=(0, 5, 15, 30, 60, 120)) -> int:
    return sum(n > e for e in edges)


def features(
    candidate: Candidate,
    lowered: str,
    times: list[TimeExpression],
    published,
    projects_in_sentence: int,
    cue_text: str | None = None,
) -> dict[str, float]:
    """The candidate's binary features (their names carry the trigger type where it matters).
    ``cue_text``: ``lowered`` with the projects' names blanked, where the cues and the other
    triggers near this one are read."""
    t, m = candidate.trigger, candidate.mention
    kind = t.type
    f: dict[str, float] = {f"type={kind}": 1, f"trig={t.phrase}": 1}
    f[f"trig={t.phrase}|type={kind}"] = 1
    before = t.start < m.start
    gap = (m.start - t.end) if before else (t.start - m.end)
    between = lowered[t.end : m.start] if before else lowered[m.end : t.start]
    if candidate.title_to_lead:
        f[f"title_to_lead|{kind}"] = 1
        between = ""
    else:
        f[f"order={'trigger_first' if before else 'project_first'}|{kind}"] = 1
        f[f"gap={_bucket(max(gap, 0))}|{kind}"] = 1
    if candidate.anaphoric:
        f[f"anaphoric|{kind}"] = 1
    if candidate.sentence_start == 0:
        f[f"title_sentence|{kind}"] = 1
    f[f"kind={m.kind}|{kind}"] = 1
    for token in _TOKEN.findall(between)[:8]:
        f[f"between={token}"] = 1
    # What the project's name hangs on: "nút giao cao tốc X", "kết nối sân bay X", "trạm dừng
    # nghỉ trên cao tốc X" are about another work than X.
    # For a title's trigger and the lead's project, the words before the name run back into
    # the title ("Khởi công 3 cầu | Cầu X ..."): reading the lead alone scored lower (-0.0017).
    before_mention = _TOKEN.findall(lowered[max(candidate.sentence_start, m.start - 24) : m.start])
    for n, word in enumerate(reversed(before_mention[-2:]), start=1):
        f[f"pre_project{n}={word}"] = 1
    if other_work_before(lowered, candidate):  # "dự án đường vào sân bay X" (+0.006)
        f["other_work_before"] = f[f"other_work_before|{kind}"] = 1
    if any(c in between for c in ",;:"):
        f[f"comma_between|{kind}"] = 1
    left_words = _TOKEN.findall(lowered[max(candidate.sentence_start, t.start - 30) : t.start])
    for n, word in enumerate(reversed(left_words[-2:]), start=1):
        f[f"prev{n}={word}"] = 1
        f[f"prev{n}={word}|{kind}"] = 1
    for word in _TOKEN.findall(lowered[t.end : min(candidate.sentence_end, t.end + 30)])[:1]:
        f[f"next={word}|{kind}"] = 1
    # The word pairs around the trigger, for this type: "đề xuất đầu tư", "sau khi thông xe",
    # "lễ khởi công", "chưa thể khởi công" (cross-validated micro F1 0.550 -> 0.574).
    near = lowered[
        max(candidate.sentence_start, t.start - 40) : min(candidate.sentence_end, t.end + 40)
    ]
    tokens = _TOKEN.findall(near)
    for first, second in pairwise(tokens):
        f[f"{PAIR_PREFIX}{first}_{second}|{kind}"] = 1
    clause_start = max(candidate.sentence_start, t.start - CLAUSE_WINDOW)
    clause_end = min(candidate.sentence_end, t.end + CLAUSE_WINDOW)
    cue_text = lowered if cue_text is None else cue_text
    left, right = cue_text[clause_start : t.start], cue_text[t.end : clause_end]
    for name in ("planned", "done", "negation", "repair"):
        for cue in cue_words(name):
            if _cue(cue).search(left):
                f[f"{name}_before={cue}"] = 1
                f[f"{name}_before|{kind}"] = 1
            if _cue(cue).search(right):
                f[f"{name}_after={cue}"] = 1
                f[f"{name}_after|{kind}"] = 1
    if "?" in lowered[candidate.sentence_start : candidate.sentence_end]:
        f["question"] = 1
    for other in {x.type for x in find_triggers(cue_text[clause_start:clause_end])} - {kind}:
        f[f"near={other}|{kind}"] = 1
    # "hoàn thành giải phóng mặt bằng", "phê duyệt dự án khởi công": a trigger that governs
    # another is about that other stage; one governed by another is its object.
    for other in find_triggers(cue_text[t.end : min(candidate.sentence_end, t.end + 16)]):
        if other.type != kind:
            f[f"governs={other.type}|{kind}"] = 1
    for other in find_triggers(cue_text[max(candidate.sentence_start, t.start - 16) : t.start]):
        if other.type != kind:
            f[f"governed_by={other.type}|{kind}"] = 1
    f[f"projects={min(projects_in_sentence, 3)}"] = 1
    when = nearest_time(candidate, times)
    if when is not None:
        f[f"when|{kind}"] = 1
        if when.period is not None and published is not None:
            day = published.tz_localize(None).to_period("D")
            if when.period == day:
                # The day of publication: "khoảng 11h30 ngày 19-8, khi cầu X thông xe",
                # written that day, reports as often as it announces; read on its own
                # (cross-validated micro F1 +0.005).
                f[f"when_today|{kind}"] = 1
            elif tet_at_hand(when, published):
                # "nối thông ngay trước thềm Tết": the season at hand more than a date to
                # come (the status rule does not read it as ahead either).
                f[f"when_tet|{kind}"] = 1
            else:
                # Not over at publication ("cuối tháng 12" written on 5 December): ahead.
                ahead = when.period.end_time >= day.start_time
                f[f"when_{'ahead' if ahead else 'past'}|{kind}"] = 1
    return f


@cache
def _cue(cue: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(cue)}(?!\w)")


# -- finding events ----------------------------------------------------------------------------


def candidate_features(text: str, published=None, mentions=None):
    """Candidates of ``text`` with their features (what the model reads)."""
    lowered = _lowered(text)
    found = candidates(text, mentions, lowered)
    projects: dict[tuple[int, int], set[str]] = {}
    for c in found:
        projects.setdefault((c.sentence_start, c.sentence_end), set()).add(c.mention.entity_id)
    times = find_times(text, published, future=True, durations=True) if found else []
    cue_text = _names_blanked(lowered, {(c.mention.start, c.mention.end) for c in found})
    return [
        (
            c,
            features(
                c,
                lowered,
                times,
                published,
                len(projects[(c.sentence_start, c.sentence_end)]),
                cue_text,
            ),
        )
        for c in found
    ], times


def _names_blanked(lowered: str, spans: set[tuple[int, int]]) -> str:
    """``lowered`` with the projects' names blanked: a cue word inside a name ("cần" of "Cần
    Thơ", "Cần Giờ") is no cue."""
    chars = list(lowered)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def find_events(
    text: str, published: pd.Timestamp | None = None, model: EventModel | None = None
) -> list[Event]:
    """Every lifecycle event ``text`` asserts about a named project, one per (project, type,
    status); offsets and ``when`` index ``text`` (read in NFC when it is not; the sentence
    is then given in NFC). ``published`` (the article's publication time) resolves relative
    times and tells a promise from a report."""
    if not text:
        return []
    nfc = unicodedata.is_normalized("NFC", text)  # not: "ngày" as "nga" + U+0300 + "y"
    composed, at = (text, None) if nfc else composed_with_offsets(text)
    found = decide(composed, *read(composed, published), model or fitted(), published)
    if at is None:
        return found
    return [
        replace(e, start=at[e.start], end=at[e.end], when=as_given(text, composed, at, e.when))
        for e in found
    ]


def read(text: str, published: pd.Timestamp | None = None, mentions=None):
    """What :func:`decide` needs of a text: the candidates with their features, and the time
    expressions read as the future and as the past."""
    scored, future_times = candidate_features(text, published, mentions)
    past_times = find_times(text, published, future=False, durations=True) if scored else []
    return scored, future_times, past_times


def decide(
    text: str, scored, future_times, past_times, model: EventModel, published=None
) -> list[Event]:
    """The events among scored candidates: the model's decisions, one per (project, type,
    status), a dated one kept before an undated one, then the surest. An event told twice,
    once without its time ("Khởi công cầu X" in the title, "Sáng 19-12 ... khởi công cầu X"
    below), takes the time of the other telling."""
    tellings = []
    for candidate, feats in scored:
        event_p, planned_p = model.scores(feats)
        status = status_of(candidate, planned_p, model, future_times, published, text)
        tellings.append((candidate, event_p, status))
    kept: dict[tuple[str, str, str], tuple[tuple[bool, float], Event]] = {}
    for candidate, event_p, status in tellings:
        if event_p < model.thresholds[0]:
            continue
        if candidate.negated:
            continue  # "chưa thể khởi công": no start (EVENTS.md, negation)
        if candidate.hypothetical and nearest_time(candidate, future_times) is None:
            continue  # a hypothetical with no date or commitment is nothing (EVENTS.md)
        times = future_times if status == "planned" else past_times
        when = event_time(candidate, times, status, published, text)
        m = candidate.mention
        event = Event(
            candidate.trigger.type,
            status,
            m.start,
            m.end,
            m.entity_id,
            when.text if when else None,
            when.period if when else None,
            event_p,
            evidence(text, candidate, sentences(text) if candidate.anaphoric else []),
        )
        key = (m.entity_id, event.type, status)
        rank = (when is not None, event_p)
        if key not in kept or rank > kept[key][0]:
            kept[key] = (rank, event)
    found = []
    for _, event in kept.values():
        if event.when is None:
            times = future_times if event.status == "planned" else past_times
            when = time_told_elsewhere(tellings, event, times, published, text)
            if when is not None:
                event = replace(event, when=when.text, when_period=when.period)
        found.append(event)
    return sorted(found, key=lambda e: (e.start, e.type))


# -- a corpus ----------------------------------------------------------------------------------


def _vn(moment: pd.Timestamp) -> pd.Timestamp:
    return moment.tz_localize(VIETNAM_TZ)


def _shifted(mentions: list[Mention], offset: int) -> list[Mention]:
    return [replace(m, start=m.start + offset, end=m.end + offset) for m in mentions]


def extract_events(
    articles: pd.DataFrame, mentions: pd.DataFrame, progress: bool = False, model=None
) -> pd.DataFrame:
    """One row per (article, sentence, project, type, status) event of the corpus.

    The title and lead are read together (the lead often states what the title names), the
    body on its own. Only articles with a project mention are read; their mentions come from
    the mentions stage. ``model``: an EventModel, the fitted one unless given (a fold's).
    An article with no publication date is read against its ``collected_at`` (baomoi's
    first stored date, a loose upper bound), as the labelled baomoi snippets were: relative
    times resolve and a time ahead reads as planned (out of fold, baomoi passages read
    undated score 0.538 against 0.553, ``make event-model``). Its events keep
    ``published_at`` null.
    """
    from tqdm import tqdm

    from analysis.schemas import EVENTS, conform

    rows = []
    by_article = mentions_by_article(mentions)
    chosen = articles[articles["article_id"].isin(by_article)]
    columns = [
        chosen[c] if c in chosen else pd.Series(None, index=chosen.index)
        for c in ("article_id", "title", "lead", "body", "published_at", "outlet")
    ] + [dated_at(chosen)]
    model = fitted() if model is None else model
    for article_id, title, lead, body, published, outlet, dated in tqdm(
        zip(*columns, strict=True),
        total=len(chosen),
        desc="events",
        unit="article",
        disable=not progress,
    ):
        found = by_article[article_id]
        published = None if pd.isna(published) else pd.Timestamp(published)
        read_on = None if pd.isna(dated) else pd.Timestamp(dated)  # else collected_at
        title = title if isinstance(title, str) else ""
        lead = lead if isinstance(lead, str) else ""
        head = f"{title}\n{lead}" if lead else title
        head_mentions = found.get("title", []) + _shifted(found.get("lead", []), len(title) + 1)
        parts = [("head", head, head_mentions)]
        if isinstance(body, str) and body:
            parts.append(("body", body, found.get("body", [])))
        for part, text, part_mentions in parts:
            if not part_mentions:
                continue
            for event in decide(text, *read(text, read_on, part_mentions), model, read_on):
                if part == "head":
                    field, start = (
                        ("title", event.start)
                        if event.start < len(title)
                        else ("lead", event.start - len(title) - 1)
                    )
                else:
                    field, start = "body", event.start
                period = event.when_period
                rows.append(
                    {
                        "article_id": article_id,
                        "field": field,
                        "start": start,
                        "end": start + (event.end - event.start),
                        "entity_id": event.entity_id,
                        "type": event.type,
                        "status": event.status,
                        "when": event.when,
                        "when_period": None if period is None else str(period),
                        "when_start": None if period is None else _vn(period.start_time),
                        "when_end": None if period is None else _vn(period.end_time),
                        "probability": event.probability,
                        "via_other_work": via_other_work(text, event.start),
                        "sentence": event.sentence,
                        "published_at": published,
                        "outlet": outlet if isinstance(outlet, str) else None,
                    }
                )
    return EVENTS.validate(conform(pd.DataFrame(rows), EVENTS))
