"""Which time expression is a lifecycle event's (:mod:`analysis.events`).

Two readings of the times (:func:`analysis.when.find_times`) around a candidate's trigger:
:func:`nearest_time`, the date of its clause, which the model's features and the status
read; and :func:`event_time`, the time the event is reported with, which a reader would
give it, looking further (the sentence's opening, the lead's dateline, durations).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.event_model import EventModel
from analysis.when import TimeExpression

if TYPE_CHECKING:
    from analysis.events import Candidate

CLAUSE_WINDOW = 60  # characters around a trigger read as its clause
REPORT_REACH = 150  # how far after its trigger an event's time may be written


def _in_sentence(candidate: Candidate, times: list[TimeExpression], durations: bool):
    return [
        x
        for x in times
        if candidate.sentence_start <= x.start < candidate.sentence_end
        and (durations or x.kind != "duration")
    ]


def nearest_time(candidate: Candidate, times: list[TimeExpression]) -> TimeExpression | None:
    """The date of the candidate's clause (what the model and the status read): the first
    after its trigger and before the sentence's next trigger ("khởi công năm 2026, khánh
    thành năm 2028"), else the one nearest the trigger, within the clause's reach."""
    t = candidate.trigger
    reach = CLAUSE_WINDOW * 1.5
    inside = [x for x in _in_sentence(candidate, times, False) if abs(x.start - t.start) <= reach]
    stop = candidate.sentence_end if candidate.next_trigger is None else candidate.next_trigger
    after = [x for x in inside if t.end <= x.start < stop]
    if after:
        return after[0]
    return min(inside, key=lambda x: abs(x.start - t.start), default=None)


def event_time(
    candidate: Candidate, times: list[TimeExpression], status: str
) -> TimeExpression | None:
    """The time an event is given, as a reader would: what follows the trigger in its clause
    (durations too: "thông xe được gần 2 tháng"), else the clause's nearest, else the time
    that opens the sentence ("Ngày 2/6, Ủy ban ... xem xét báo cáo nghiên cứu tiền khả thi"),
    else, for a stage reported done in the title, the time that opens the lead (its
    dateline: "Khởi công cầu X" then "Sáng 19-12, ...")."""
    t = candidate.trigger
    inside = _in_sentence(candidate, times, True)
    stop = candidate.sentence_end if candidate.next_trigger is None else candidate.next_trigger
    after = [x for x in inside if t.end <= x.start < stop and x.start - t.start <= REPORT_REACH]
    if after:
        return after[0]
    near = [x for x in inside if abs(x.start - t.start) <= CLAUSE_WINDOW * 1.5]
    if near:
        return min(near, key=lambda x: abs(x.start - t.start))
    opening = [x for x in inside if x.start == candidate.sentence_start and x.end <= t.start]
    if opening:
        return opening[0]
    if status == "done" and candidate.sentence_start == 0 and candidate.lead_start is not None:
        return next((x for x in times if x.start == candidate.lead_start), None)
    return None


def ahead(when: TimeExpression | None, published) -> bool:
    """The time lies after publication: it starts after that day, or runs on for more than a
    month past it ("trong năm 2025" written in August 2025). Tết names a season more than a
    date ("nối thông ngay trước thềm cao điểm Tết Nguyên đán 2026", written in December):
    it does not make a reported stage a promise."""
    if when is None or when.period is None or published is None or when.kind == "tet":
        return False
    day = published.tz_localize(None).normalize()
    return when.period.start_time > day or when.period.end_time > day + pd.Timedelta(days=31)


def time_told_elsewhere(scored, model: EventModel, entity: str, kind: str, status: str, times):
    """The time of another telling of the same stage of the same project (a candidate of that
    type, kept or not, the one the model finds surest), or None."""
    best: tuple[float, TimeExpression] | None = None
    for candidate, feats in scored:
        if (
            candidate.mention.entity_id == entity
            and candidate.trigger.type == kind
            and not candidate.negated
        ):
            when = event_time(candidate, times, status)
            if when is not None:
                p = model.scores(feats)[0]
                if best is None or p > best[0]:
                    best = (p, when)
    return best[1] if best else None
