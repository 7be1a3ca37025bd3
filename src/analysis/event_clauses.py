"""Reading a trigger's clause: negation, hypotheticals and the event's time.

For :mod:`analysis.events`: whether a trigger is negated or hypothetical, which time
expression is the event's, whether a stage is done or planned (:func:`status_of`), and the
sentence shown as an event's evidence (:func:`evidence`). Whether the stage is another
work's than the project's is :mod:`analysis.other_works`.

Two readings of the times (:func:`analysis.when.find_times`) around a candidate's trigger:
:func:`nearest_time`, the date of its clause, which the model's features and the status
read; and :func:`event_time`, the time the event is reported with, which a reader would
give it, looking further (the sentence's opening, the lead's dateline, durations).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from analysis.event_lexicon import find_triggers
from analysis.text import UPPER, fold, lower_same_length
from analysis.when import ONE_DAY, TimeExpression

if TYPE_CHECKING:
    from analysis.event_lexicon import Trigger
    from analysis.event_model import EventModel
    from analysis.events import Candidate

CLAUSE_WINDOW = 60  # characters around a trigger read as its clause
TIME_REACH = CLAUSE_WINDOW * 1.5  # how far from its trigger a clause's time may be written
REPORT_REACH = 150  # how far after its trigger an event's reported time may be written
# What may stand before the time that opens a sentence: a short aside and its comma ("Theo
# kế hoạch, 9h ngày 20-12, ...", "Trước đó, ngày 2/6, ...").
_PREAMBLE = re.compile(r"(?:[^\W\d_][^,;:\d]{0,20},\s*)?")
_ELAPSED = re.compile(r"sau\b", re.IGNORECASE)  # "sau 3 tháng thi công"
# A duration that counts from another event ("một ngày sau lễ khánh thành") or says how early
# a stage came ("thông xe trước 5 tháng", "về đích sớm 2 tháng"): a done stage's time only
# when nothing else is.
_AFTER_ANOTHER = re.compile(r"\s+sau\b", re.IGNORECASE)
_HOW_EARLY = re.compile(
    r"(?<!\w)(?:trước|sớm(?: hơn)?|vượt|rút ngắn)"
    r"(?: (?:so với )?(?:kế hoạch|tiến độ|thời hạn|dự kiến))?\s+$",
    re.IGNORECASE,
)


def _in_sentence(candidate: Candidate, times: list[TimeExpression], durations: bool):
    return [
        x
        for x in times
        if candidate.sentence_start <= x.start < candidate.sentence_end
        and (durations or x.kind != "duration")
    ]


def _clause_time(candidate: Candidate, inside: list[TimeExpression], after_reach: float):
    """Of the sentence's times, the first after the trigger and before the sentence's next
    trigger (within ``after_reach``), else the one nearest the trigger (within its clause's
    reach), else None."""
    t = candidate.trigger
    stop = candidate.sentence_end if candidate.next_trigger is None else candidate.next_trigger
    after = [x for x in inside if t.end <= x.start < stop and x.start - t.start <= after_reach]
    if after:
        return after[0]
    near = [x for x in inside if abs(x.start - t.start) <= TIME_REACH]
    return min(near, key=lambda x: abs(x.start - t.start), default=None)


def nearest_time(candidate: Candidate, times: list[TimeExpression]) -> TimeExpression | None:
    """The date of the candidate's clause (what the model and the status read): the first
    after its trigger and before the sentence's next trigger ("khởi công năm 2026, khánh
    thành năm 2028"), else the one nearest the trigger, within the clause's reach; no
    durations."""
    return _clause_time(candidate, _in_sentence(candidate, times, False), TIME_REACH)


def event_time(
    candidate: Candidate, times: list[TimeExpression], status: str, published, text: str
) -> TimeExpression | None:
    """The time an event is given, as a reader would: what follows the trigger in its clause
    (durations too: "thông xe được gần 2 tháng"), else the clause's nearest, else the time
    that opens the sentence ("Ngày 2/6, Ủy ban ... xem xét báo cáo nghiên cứu tiền khả thi",
    also after a short aside: "Theo kế hoạch, 9h ngày 20-12, đường cao tốc X sẽ đưa vào khai
    thác"; ``text`` is the text the candidate's offsets index),
    else, for a stage reported done in a title, the time that opens the lead (its dateline:
    "Khởi công cầu X" then "Sáng 19-12, ..."). A stage reported done takes no time that
    begins after publication, nor the time it took ("Sáng 23-11, ... thông xe cầu X sau 3
    tháng thi công": 23-11, not "sau 3 tháng"), unless that time runs from the stage ("Sau
    gần 10 tháng khởi công, cầu X ..."); a promise keeps it ("hoàn thành sau hai năm"). A
    span counted from another event ("một ngày sau lễ khánh thành") or of how early the stage
    came ("thông xe trước 5 tháng") is a done stage's time only when no other is found; a
    date set off by commas before the trigger is a done stage's dateline."""
    if status == "done" and candidate.trigger.type != "delay":
        times = [x for x in times if not _time_taken(x, candidate.trigger)]
        if published is not None:
            day = published.tz_localize(None).normalize()
            times = [x for x in times if x.period is None or x.period.start_time <= day]
        # A span from another event or of how early the stage came is its time only when
        # nothing else is ("khởi công chỉ hơn 1 tháng sau khi báo đăng tải ...").
        dated = [x for x in times if not _span_not_date(x, text)]
        if len(dated) < len(times):
            found = _reported_time(candidate, dated, status, text)
            if found is not None:
                return found
    return _reported_time(candidate, times, status, text)


def _reported_time(
    candidate: Candidate, times: list[TimeExpression], status: str, text: str
) -> TimeExpression | None:
    """:func:`event_time`'s reading of ``times``, once filtered for the status."""
    if candidate.title_to_lead:
        lead = _lead_time(candidate, times, text)
        if lead is not None:
            return lead
    inside = _in_sentence(candidate, times, True)
    found = _clause_time(candidate, inside, REPORT_REACH)
    if found is not None:
        return found
    opening = [
        x
        for x in inside
        if x.end <= candidate.trigger.start
        and _PREAMBLE.fullmatch(text[candidate.sentence_start : x.start])
    ]
    if opening:
        return opening[0]
    if status != "done":
        return None
    # A day set off by commas before the trigger is a done stage's dateline ("Sau 17 tháng
    # thi công liên tục, ngày 19/5, ..."); a promise takes none: that is the day it was made
    # ("..., sáng 18/12, Bộ trưởng yêu cầu ... sớm hoàn thành cao tốc X").
    set_off = [
        x
        for x in inside
        if x.kind in ONE_DAY
        and x.end <= candidate.trigger.start
        and text[max(candidate.sentence_start, x.start - 2) : x.start] == ", "
        and text[x.end : x.end + 1] == ","
    ]
    if set_off:
        return set_off[0]
    if candidate.sentence_start == 0 and candidate.lead_start is not None:
        return next((x for x in times if x.start == candidate.lead_start), None)
    return None


def _lead_time(candidate: Candidate, times: list[TimeExpression], text: str):
    """For a title's trigger and the lead's project, the time of the project's own clause in
    the lead ("... thông tuyến vào 19.12" then "... Trà Lĩnh ... thông tuyến ngày 19.12"):
    the nearest one in the lead's sentence with no trigger between it and the project ("Dự
    án được phê duyệt chủ trương ngày 5-3-2024" is the approval's date, not the start's)."""
    from analysis.events import sentences

    m = candidate.mention
    start, end = next(((s, e) for s, e in sentences(text) if s <= m.start < e), (m.start, m.end))
    own = [
        x
        for x in times
        if start <= x.start
        and x.end <= end
        and not find_triggers(
            lower_same_length(
                fold(text[x.end : m.start] if x.end <= m.start else text[m.end : x.start])
            )
        )
    ]
    return min(own, key=lambda x: abs(x.start - m.start), default=None)


def _time_taken(when: TimeExpression, trigger: Trigger) -> bool:
    """A duration after which a stage came ("sau 3 tháng thi công"), not one since the stage
    that follows it at once ("sau gần 10 tháng khởi công")."""
    since = 0 <= trigger.start - when.end <= 1
    return when.kind == "duration" and bool(_ELAPSED.match(when.text)) and not since


def _span_not_date(when: TimeExpression, text: str) -> bool:
    """A duration from another event or of how early a stage came (see ``_AFTER_ANOTHER``)."""
    if when.kind != "duration":
        return False
    early = _HOW_EARLY.search(text, max(0, when.start - 32), when.start)
    return bool(early or _AFTER_ANOTHER.match(text, when.end))


def ahead(when: TimeExpression | None, published) -> bool:
    """The time lies after publication: it starts after that day, or runs on for more than a
    month past it ("trong năm 2025" written in August 2025). A Tết at most three months away
    names the season at hand more than a date ("nối thông ngay trước thềm cao điểm Tết
    Nguyên đán 2026", written in December 2025): it does not make a reported stage a
    promise."""
    if when is None or when.period is None or published is None:
        return False
    day = published.tz_localize(None).normalize()
    if tet_at_hand(when, published):
        return False
    return when.period.start_time > day or when.period.end_time > day + pd.Timedelta(days=31)


def tet_at_hand(when: TimeExpression, published) -> bool:
    """A Tết at most three months after publication: the season at hand, not a date to come
    ("nối thông ngay trước thềm cao điểm Tết Nguyên đán 2026", written in December 2025)."""
    day = published.tz_localize(None).normalize()
    return when.kind == "tet" and when.period.start_time <= day + pd.Timedelta(days=92)


def time_told_elsewhere(tellings, event, times, published, text: str) -> TimeExpression | None:
    """The time of another telling of the same stage of the same project (``tellings``: every
    candidate with the model's probability, kept or not; the surest first), read as the
    event's own status reads times: a stage reported done takes none that begins after
    publication ("Khởi công cầu X" and "cầu X dự kiến khởi công năm 2027" give the start no
    date)."""
    best: tuple[float, TimeExpression] | None = None
    for candidate, probability, _ in tellings:
        if (
            candidate.mention.entity_id == event.entity_id
            and candidate.trigger.type == event.type
            and not candidate.negated
        ):
            when = event_time(candidate, times, event.status, published, text)
            if when is not None and (best is None or probability > best[0]):
                best = (probability, when)
    return best[1] if best else None


# "không" of "hàng không" (aviation: "cảng hàng không được khởi công") negates nothing.
# "thay vì" (instead of): the stage after it did not happen as said ("Cao tốc X thay vì được
# khai thác ngày 20-12 phải lùi lại đến ngày 22-12").
_NEGATED = re.compile(
    r"(?<!\w)(?:chưa|(?<!hàng )không|chẳng|thay vì)(?: (?:thể|kịp|được|hề|có))? ?$"
)


def negated(lowered: str, trigger: Trigger) -> bool:
    """The trigger is negated right before it: "chưa thể khởi công", "không kịp thông xe",
    "chưa được phê duyệt", "thay vì được khai thác"."""
    return bool(_NEGATED.search(lowered[max(0, trigger.start - 16) : trigger.start]))


# "khi" (when, once), "nếu" (if) or the question "khi nào" opening the trigger's clause (no
# comma, semicolon or colon between: the folded text writes every dash as "-", which names
# use too, so a dash is no clause break here); "sau khi", "từ khi", "trước khi", "trong khi",
# "mỗi khi" (after, since, before, whereas, whenever) and "khi đó" (then) are not it.
_HYPOTHETICAL = re.compile(
    r"(?<!\w)(?<!sau )(?<!từ )(?<!trước )(?<!trong )(?<!mỗi )(?P<word>khi|nếu)"
    r"(?! (?:đó|ấy)(?!\w))(?!\w)[^,;:]*$"
)
# Nor a "khi" of the trigger's stage at hand or just reached, said right before it ("vui
# mừng khi cầu X mới được thông xe", "khi cầu X sắp hoàn thành", "chuẩn bị", "vừa";
# cross-validated micro F1 +0.0007 on all ten draws; "đã" and "chính thức", often of a time
# to come after "khi", left out, unless after such a word: "vừa chính thức thông xe"),
# unless "chỉ khi", "khi nào", a "nếu" or a "thì" make it a condition ("chỉ khi có đủ vốn
# thì cầu X mới được khởi công"; a trigger after the "thì" too, as with any "khi").
_AT_HAND = re.compile(
    r"(?<!\w)(?:sắp|chuẩn bị|vừa|mới được)(?:\s+(?:sửa|mới|chính thức|được|đi vào))*\s+$"
)
_CONDITION = re.compile(r"^\s+nào(?!\w)|(?<!\w)(?:thì|nếu)(?!\w)")
_ONLY = re.compile(r"(?<!\w)chỉ\s+$")


def evidence(text: str, candidate: Candidate, spans: list[tuple[int, int]]) -> str:
    """The sentence that asserts an event, naming its project: when the trigger's sentence
    names none (the first sentence's project is meant: the title's), the project's sentence
    (``spans``) comes first, as written when nothing stands between them on one line ("...
    quốc lộ 51 vì ‘dính nợ’: Cưỡng chế được không?"), else joined with " … "."""
    own = text[candidate.sentence_start : candidate.sentence_end].strip()
    at = candidate.mention.start
    start, end = next(((s, e) for s, e in spans if s <= at < e), (at, candidate.mention.end))
    if not candidate.anaphoric or start == candidate.sentence_start:
        return own
    if candidate.title_to_lead:
        return f"{own} … {text[start:end].strip()}"
    between = text[end : candidate.sentence_start]
    if end <= candidate.sentence_start and not between.strip() and "\n" not in between:
        return text[start : candidate.sentence_end].strip()
    return f"{text[start:end].strip()} … {own}"


def hypothetical(lowered: str, trigger: Trigger, sentence_start: int = 0) -> bool:
    """The trigger sits in a clause of condition, of a time to come or of a question, with no
    clause break between: "phương án khai thác khi sân bay Long Thành đi vào vận hành", "nếu
    thông xe", "khi nào thông xe?"; not a "khi" of the stage at hand right before the
    trigger ("khi cầu X vừa thông xe"), unless "chỉ khi", a "nếu" or a "thì" follows."""
    clause = lowered[sentence_start : trigger.start]
    match = _HYPOTHETICAL.search(clause)
    if match is None or match.group("word") == "nếu":
        return match is not None
    rest = clause[match.end("word") :]
    if _ONLY.search(clause, 0, match.start()) or _CONDITION.search(rest):
        return True
    return not _AT_HAND.search(rest)


_AHEAD_AFTER = re.compile(r"\s*(?:sắp tới|tới|này|sắp đến)(?!\w)", re.I)


# A report said so right before its trigger: "đã vận hành", "vừa được khởi công", "đã được
# Quốc hội thông qua" (an agent written with a capital, up to four words), and what such a
# verb approves ("vừa được phê duyệt chủ trương đầu tư"); in the text as written. Not a share
# of the work or another stage after it: "đã hoàn thành 99% khối lượng", "đã hoàn thành giải
# phóng mặt bằng" say nothing of the stage being done.
_SAID_DONE = re.compile(
    rf"(?<!\w)(?:[đĐ]ã|[vV]ừa)(?:\s+chính\s+thức)?(?:\s+(?:được|bị)"
    rf"(?:\s+[{UPPER}][^\s,.;:]*(?:\s+[^\s,.;:]+){{0,3}})?)?"
    r"(?:\s+(?:phê duyệt|thông qua|chấp thuận|quyết định))?\s+$"
)
_SHARE_OR_STAGE_AFTER = re.compile(
    r"\s*(?:được\s+)?(?:\d|khối lượng|giải phóng|gpmb|bàn giao|thủ tục|hồ sơ|công tác)", re.I
)


def said_done(text: str, trigger: Trigger) -> bool:
    """The stage is said done right before its trigger ("đã vận hành", "vừa được khởi công"),
    not a share of the work or another stage after it (:data:`_SAID_DONE`)."""
    before = text[max(0, trigger.start - 50) : trigger.start]
    return bool(_SAID_DONE.search(before)) and not _SHARE_OR_STAGE_AFTER.match(text, trigger.end)


# A stage awaited: its trigger follows the day or moment it is awaited for, in its clause
# ("chờ ngày khai thác thương mại", "trước ngày thông xe", "sẵn sàng cho ngày sân bay X khai
# thác", "đến thời điểm thông xe"); "trước ngày" is one of EVENTS.md's cues of a plan. Written
# from two of Long Thành's headlines read as done; over the labelled snippets (28 candidates,
# 15 planned, 12 no event, 1 done) cross-validated micro F1 +0.0007 to +0.0015 on each of ten
# draws, on each half (by the snippet id's hash) too. Not a date written after the day
# ("Đến ngày 30/4/2025 ... khai thác": :func:`status_of` reads its time), the moment now or
# then ("đến thời điểm này", "hiện nay"), the end of a span ("từ ngày khởi công đến ngày
# thông xe", "mãi đến ngày cầu X thông xe"), nor a stage said done right before its trigger
# ("Đến ngày 19/12 cao tốc X đã thông xe"); "đón ngày" only after "chờ" ("hân hoan đón ngày
# cao tốc thông xe" is a celebration).
_AWAITED = re.compile(
    r"(?<!\w)(?:chờ(?:\s+đón)?|cho|trước|đến|tới)\s+(?:ngày|thời điểm|lúc)(?!\w)"
    r"(?!\s+(?:(?:này|nay|đó|ấy|hiện tại|hiện nay|hôm nay)(?!\w)|\d))[^,;:]*$",
    re.I,
)
_SPAN_FROM = re.compile(r"(?<!\w)(?:từ|mãi)(?!\w)", re.I)
AWAITED_REACH = 60  # characters of the trigger's sentence read back for it


def awaited(text: str, candidate: Candidate) -> int | None:
    """Where the words that await the stage start ("chờ ngày", "trước ngày"; see
    :data:`_AWAITED`), or None when it is not awaited."""
    trigger = candidate.trigger
    start = max(candidate.sentence_start, trigger.start - AWAITED_REACH)
    match = _AWAITED.search(text, start, trigger.start)
    if match is None or said_done(text, trigger) or _SPAN_FROM.search(text, start, match.start()):
        return None
    return match.start()


# How sure the "planned" regression must be for a year-less date nearer as the one just past
# to stay a promise ("dự kiến thông xe ngày 19-8", written in November: 0.98). With the
# thirtieth session's mention mends: cross-validated F1 +0.0012 (two standard errors 0.0006,
# five draws; +0.0015 before the mends).
SURE_PROMISE = 0.9


def _yearless(when: TimeExpression | None, published) -> bool:
    """A day or month written without a year, in figures or in words ("năm sau")."""
    if when is None or when.period is None or published is None:
        return False
    return when.kind in ("day", "month") and not when.year_given


def _nearer_past(when: TimeExpression | None, published, text: str) -> bool:
    """A year-less date (:func:`_yearless`) that read forward lies more than ten months
    ahead, so that the one just past is at most two months back ("Ngay sau ngày khởi công
    19-12", written on 17 January), and not said to lie ahead ("19-12 tới")."""
    if not _yearless(when, published) or _AHEAD_AFTER.match(text, when.end):
        return False
    day = published.tz_localize(None).normalize()
    return when.period.start_time > day + pd.Timedelta(days=300)


def _passed(when: TimeExpression, published, text: str) -> bool:
    """A time that had passed at publication, as :func:`status_of` reads it."""
    if when.period is None:
        return False
    return not ahead(when, published) or _nearer_past(when, published, text)


def status_of(
    candidate: Candidate, planned_p: float, model: EventModel, future_times, published, text: str
):
    """Done or planned: the model's reading, and a stage dated after publication cannot have
    happened yet, whatever the wording. A date written without its year that had passed at
    publication ("thông xe ngày 19-8", written in November) is read as next year's only for
    a promise: it does not make a reported stage one (cross-validated F1 +0.002, 95%
    interval +0.0005 to +0.005); nor does an edge of the year written without one ("đã
    thông xe đầu năm"); nor a time ahead when the stage is said done right before its
    trigger (:func:`said_done`; ``text`` is the text the candidate's offsets index). Such a
    date nearer as the one just past makes a report even of a promise the model is not sure
    of (:func:`_nearer_past`, :data:`SURE_PROMISE`). A stage awaited ("chờ ngày khai thác",
    :func:`awaited`) is planned."""
    kind = candidate.trigger.type
    if kind == "delay":
        return "done"  # being late is a fact now (EVENTS.md)
    when = nearest_time(candidate, future_times)
    # "chờ ngày khai thác", "trước ngày thông xe": planned, unless the time written after
    # those words has passed ("Trước lúc cầu X thông xe năm 2000, ...")
    cue = awaited(text, candidate)
    if cue is not None and not (when and when.start > cue and _passed(when, published, text)):
        return "planned"
    if _nearer_past(when, published, text) and planned_p < SURE_PROMISE:
        return "done"
    if planned_p >= model.thresholds[1]:
        return "planned"
    if when is not None and when.kind == "year_edge":
        return "done"  # "đã thông xe đầu năm": a year-less edge is read forward, not ahead
    if _yearless(when, published) and when.period.start_time.year > published.year:
        return "done"
    if not ahead(when, published):
        return "done"
    # "đã vận hành, từ nay đến năm 2030 ...": the time ahead is another clause's
    return "done" if said_done(text, candidate.trigger) else "planned"
