"""Reading a trigger's clause: negation, hypotheticals and the event's time.

For :mod:`analysis.events`: whether a trigger is negated or hypothetical, which time
expression is the event's, and whether another work is named before the project in the
project's clause (:func:`other_work_before`) or the project ends another work's route
(:func:`via_other_work`); the sentence shown as an event's evidence
(:func:`evidence`).

Two readings of the times (:func:`analysis.when.find_times`) around a candidate's trigger:
:func:`nearest_time`, the date of its clause, which the model's features and the status
read; and :func:`event_time`, the time the event is reported with, which a reader would
give it, looking further (the sentence's opening, the lead's dateline, durations).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from analysis.text import UPPER
from analysis.when import TimeExpression

if TYPE_CHECKING:
    from analysis.event_lexicon import Trigger
    from analysis.event_model import EventModel
    from analysis.events import Candidate

CLAUSE_WINDOW = 60  # characters around a trigger read as its clause
TIME_REACH = CLAUSE_WINDOW * 1.5  # how far from its trigger a clause's time may be written
CLAUSE_BEFORE = 45  # characters of a project's clause read before its name
REPORT_REACH = 150  # how far after its trigger an event's reported time may be written
# What may stand before the time that opens a sentence: a short aside and its comma ("Theo
# kế hoạch, 9h ngày 20-12, ...", "Trước đó, ngày 2/6, ...").
_PREAMBLE = re.compile(r"(?:[^\W\d_][^,;:\d]{0,20},\s*)?")
_ELAPSED = re.compile(r"sau\b", re.IGNORECASE)  # "sau 3 tháng thi công"


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
    gần 10 tháng khởi công, cầu X ..."); a promise keeps it ("hoàn thành sau hai năm")."""
    if status == "done" and candidate.trigger.type != "delay":
        times = [x for x in times if not _time_taken(x, candidate.trigger)]
        if published is not None:
            day = published.tz_localize(None).normalize()
            times = [x for x in times if x.period is None or x.period.start_time <= day]
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
    if status == "done" and candidate.sentence_start == 0 and candidate.lead_start is not None:
        return next((x for x in times if x.start == candidate.lead_start), None)
    return None


def _time_taken(when: TimeExpression, trigger: Trigger) -> bool:
    """A duration after which a stage came ("sau 3 tháng thi công"), not one since the stage
    that follows it at once ("sau gần 10 tháng khởi công")."""
    since = 0 <= trigger.start - when.end <= 1
    return when.kind == "duration" and bool(_ELAPSED.match(when.text)) and not since


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
_NEGATED = re.compile(r"(?<!\w)(?:chưa|(?<!hàng )không|chẳng)(?: (?:thể|kịp|được|hề|có))? ?$")


def negated(lowered: str, trigger: Trigger) -> bool:
    """The trigger is negated right before it: "chưa thể khởi công", "không kịp thông xe",
    "chưa được phê duyệt"."""
    return bool(_NEGATED.search(lowered[max(0, trigger.start - 16) : trigger.start]))


# The trigger's object is more works than a project named before it: "Ngoài metro Bến Thành -
# Suối Tiên đã vận hành, ... hoàn thành thêm 5 tuyến", "xây thêm một cây cầu mới song song với
# cầu X"; not more of the project itself ("mở rộng thêm 2 làn", "thêm 20 km", "thêm 12 dự án
# thành phần", "xây thêm nhà ga T4", "thêm 3 bến") nor money ("bố trí thêm").
_MORE_WORKS = re.compile(
    r"\s*(?:được\s+)?thêm\s+(?:(?:\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|nhiều|các"
    r"|những)\s+)?(?:cây\s+)?(?:tuyến|dự án(?! thành phần)|công trình|cầu|sân bay|cảng"
    r"|đường)(?!\w)"
)


def more_works(lowered: str, trigger: Trigger, named_at: int) -> bool:
    """The trigger's object is more works than the project named at ``named_at`` before it
    ("hoàn thành thêm 5 tuyến"): no event of that project. One named after the trigger ("khởi
    công thêm tuyến metro số 2") is among those works."""
    return named_at < trigger.start and bool(_MORE_WORKS.match(lowered, trigger.end))


# Works on or beside a project that are never its own stage: "nút giao cao tốc X", "trạm
# dừng nghỉ trên cao tốc X", "trạm thu phí quốc lộ X", "hầm chui ... qua quốc lộ X", "đường vào
# sân bay X" (not "trạm dừng chân", "đường gom", "khu tái định cư": labelled as the project's).
_BESIDE_WORK = re.compile(
    r"(?<!\w)(?:nút giao|trạm dừng nghỉ|trạm thu phí|hầm chui|đường vào)(?!\w)"
)
# The kind words a project's mention starts with.
_PROJECT_KIND = (
    r"(?:(?:cao tốc|quốc lộ|vành đai|cầu|hầm|sân bay|cảng|đường sắt|metro|đường|tuyến)(?!\w)"
    r"|ql(?=\.?\s?\d))"
)
# A work between projects, named right after it: "nút giao (giữa) cao tốc A và B".
_WORK_OF = re.compile(
    r"(?<!\w)(?:nút giao|hầm chui|trạm thu phí)\s+(?:(?:giữa|với|trên|qua)\s+)?" + _PROJECT_KIND
)
# The project's name only places what stands near it: "Cạnh sân bay Long Thành có 3 khu công
# nghiệp sắp khởi công", "Sạt lở gần cầu Đơn Dương, di dời 6 hộ dân", "hai bên cầu X". Not
# "bên cạnh X" (besides X), nor the words these make ("khía cạnh", "xoay quanh", "khảo
# sát", "giám sát", "thị sát", "theo sát", "cảnh sát" ...), nor "ven quốc lộ 1" (the road's
# own widening clears the houses along it). (The second of a list, "gần cầu A và cầu B",
# would need the mentions: "gần quốc lộ 1 được mở rộng và cao tốc X đã thông xe".)
_NOT_NEAR_BEFORE = ("bên", "khía", "xoay", "khảo", "giám", "thị", "quan", "kiểm", "bám", "theo")
_NEAR = re.compile(
    "".join(rf"(?<!{w} )" for w in _NOT_NEAR_BEFORE)
    + r"(?<!cảnh )(?<!trinh )(?<!\w)(?:cạnh|gần|quanh|hai bên|sát)\s+(?:(?:tuyến|dự án)\s+)?$"
)
# A stage whose date was missed ("lỡ hẹn khởi công trong năm nay"): the delay, no promise.
_MISSED = re.compile(r"(?<!\w)(?:lỡ|lỗi|trễ|sai) hẹn\s+$")
MISSED_WINDOW = 12  # characters before a trigger read for a missed date


# The trigger's object is a work beside a project named before it: "Cao tốc X khai thác tạm 2
# trạm dừng nghỉ", "thi công nút giao Tân Vạn" (not "hoàn thiện các nút giao và hạng mục còn
# lại", the project's own finishing).
_BESIDE_OBJECT = re.compile(
    r"\s*(?:(?:tạm|thêm|xong|thử)\s+)*(?:(?:\d+|một|hai|ba|bốn|năm|các|những)\s+)?"
    + _BESIDE_WORK.pattern
    + r"(?![^,;.]*hạng mục)"
)
BESIDE_REACH = 90  # characters before a project read for a work beside it ("thuộc ... trên")
# A start or completion of the resettlement ("Khu tái định cư ... đã sẵn sàng khởi công, để
# phục vụ dự án X", "khởi công 6 khu tái định cư vành đai 4", "hoàn thành thu hồi, bồi thường,
# tái định cư dự án X") is the project's site clearance (its own trigger), not its start or
# completion: the resettlement area as the sentence's subject, or "tái định cư" right after
# the trigger.
_RESETTLEMENT = re.compile(r"(?<!\w)tái định cư(?!\w)")
_RESETTLEMENT_SUBJECT = re.compile(r"\W*(?:dự án\s+)?(?:(?:các|\d+)\s+)?khu tái định cư(?!\w)")
RESETTLEMENT_AFTER = 40  # characters after a trigger read for its object


def not_its_event(lowered: str, trigger: Trigger, named_at: int, sentence_start: int) -> bool:
    """No event of the project named at ``named_at`` from this trigger: it is negated ("chưa
    thể khởi công"), its date was missed ("lỡ hẹn thông xe": the delay only), its object is
    more works ("hoàn thành thêm 5 tuyến") or a work beside the project ("khai thác 2 trạm
    dừng nghỉ"), the project's name only places a work beside it ("nút giao cao tốc X",
    :func:`beside_work`) or what stands near it ("cạnh sân bay X"), or it starts or completes
    the resettlement (:func:`resettlement`)."""
    clause = clause_before(lowered, named_at, sentence_start)
    return (
        negated(lowered, trigger)
        or resettlement(lowered, trigger, sentence_start)
        or bool(_MISSED.search(lowered, max(0, trigger.start - MISSED_WINDOW), trigger.start))
        or more_works(lowered, trigger, named_at)
        or beside_work(clause_before(lowered, named_at, sentence_start, BESIDE_REACH))
        or (named_at < trigger.start and bool(_BESIDE_OBJECT.match(lowered, trigger.end)))
        or bool(_NEAR.search(clause))
    )


def resettlement(lowered: str, trigger: Trigger, sentence_start: int) -> bool:
    """A start or completion trigger whose sentence opens with the resettlement area (its
    subject), or whose object is the resettlement (up to :data:`RESETTLEMENT_AFTER`
    characters after it, within its sentence)."""
    if trigger.type not in ("construction_start", "completion"):
        return False
    after = re.split(r"[,;:.!?\n]", lowered[trigger.end : trigger.end + RESETTLEMENT_AFTER])[0]
    return bool(
        _RESETTLEMENT_SUBJECT.match(lowered, sentence_start, trigger.start)
        or _RESETTLEMENT.search(after)
    )


def beside_work(clause: str) -> bool:
    """A work of :data:`_BESIDE_WORK` in the project's clause (:func:`clause_before`), unless
    an "và" right before the project's name starts another item ("Thông xe hầm chui An Sương
    và cầu Rạch Miễu 2" opens the bridge too); not when the work is between projects ("nút
    giao giữa cao tốc A và vành đai 3") or more follows the "và" ("trạm thu phí T1 và T2
    trên quốc lộ 51", "nút giao và nhánh nối ... vành đai 3")."""
    return bool(_BESIDE_WORK.search(last_item(clause)))


def last_item(clause: str) -> str:
    """The project's own part of its clause when an "và" right before its name starts another
    item (see :func:`beside_work`), else the whole clause."""
    *before, last = re.split(r"(?<!\w)và(?!\w)", clause)
    if before and not _OWN_KIND_WORDS.sub("", last).strip() and not _WORK_OF.search(before[-1]):
        return last
    return clause


def clause_before(
    lowered: str, named_at: int, sentence_start: int, reach: int = CLAUSE_BEFORE
) -> str:
    """The clause before the project named at ``named_at``: up to :data:`CLAUSE_BEFORE`
    characters back to a comma, semicolon, colon or bracket, not past its sentence's start
    (``sentence_start``; a project of the title, before it, reads back to its line's)."""
    if named_at < sentence_start:
        sentence_start = lowered.rfind("\n", 0, named_at) + 1
    window = lowered[max(sentence_start, named_at - reach) : named_at]
    return re.split(r"[,;:(]", window)[-1]


# Another work that the project's name only places: "dự án đường vào sân bay Phan Thiết", "nút
# giao cao tốc Bến Lức - Long Thành", "trạm dừng nghỉ trên cao tốc X", "nhà ga hàng hóa ... sân
# bay X"; not the "đường" of "tuyến đường (bộ) cao tốc X", the project's own, nor "đường bộ",
# "đường sắt" (a kind of line, or an agency: "Cục Đường bộ"), an airport's own "đường băng",
# "đường cất hạ cánh", "đường lăn", and "khu vực" (an area).
_OTHER_WORK = re.compile(
    r"(?<!\w)(?:đường(?! (?:bộ|sắt|băng|cất|lăn)(?!\w))|nút giao|cầu vượt|hầm chui|trạm|khu(?! vực)"
    r"|nhà ga hàng hóa|bãi đỗ|sân đỗ|nhà máy)(?!\w)"
)
# The project's own kind words right before its name ("dự án tuyến đường (bộ) cao tốc X").
_OWN_KIND_WORDS = re.compile(r"(?:(?:dự án|tuyến|công trình)\s+)*(?:đường(?: bộ)?\s+)?$")


def other_work_before(lowered: str, candidate: Candidate) -> bool:
    """A work other than the project is named before it in its clause
    (:func:`clause_before`)."""
    clause = clause_before(lowered, candidate.mention.start, candidate.sentence_start)
    return _work_named_in(clause)


def _work_named_in(clause: str) -> bool:
    return bool(_OTHER_WORK.search(_OWN_KIND_WORDS.sub("", last_item(clause))))


def another_works(text: str, start: int, sentence_start: int = 0) -> bool:
    """The project named at ``start`` (in its sentence from ``sentence_start``) only places
    another work (:func:`other_work_before`), ends its route (:func:`via_other_work`), is
    one of the ends a route "từ ... về / đến / tới" lists, or is what the work extends:
    "tuyến đường kết nối sân bay Gia Bình ... tổng vốn", "Dự án cải tạo cụm nút giao thông
    khu vực cầu Hòa Xuân có tổng mức đầu tư", "Tuyến metro từ Suối Tiên về Biên Hòa và sân
    bay Long Thành", "Dự án kéo dài metro Suối Tiên đến sân bay Long Thành" speak of that
    work, not of the project."""
    from analysis.text import fold, lower_same_length

    window = max(0, start - CLAUSE_BEFORE)
    before = lower_same_length(fold(text[window:start]))
    before = clause_before(before, start - window, sentence_start - window)
    line_start = max(sentence_start, text.rfind("\n", 0, start) + 1)  # a line ends a clause
    clause = lower_same_length(fold(text[line_start:start]))
    clause = re.split(r"[;:(]", clause)[-1].rstrip()  # not at a comma: a list has them
    listed = clause.endswith((",", " và")) and _ROUTE_LISTED.search(clause)
    return (
        _work_named_in(before)
        or bool(listed and _ROUTE_WORK.search(clause, 0, listed.start()))
        or via_other_work(text, start)
    )


# "kéo dài / nối dài (tuyến) metro X", "metro X nối dài đến Y": the extension's money and
# stages, not the line's; only of a line (not "kéo dài dự án X đến cuối năm", a deadline, nor
# "hạn hán kéo dài hồ Trị An"). "từ A về B và <project>": one end of the route the clause lists.
_EXTENDED = re.compile(r"(?<!\w)(?:kéo|nối) dài(?: tuyến)?\s+$")
_LINE = re.compile(r"(?:metro|đường sắt|tàu điện|tuyến|cao tốc|quốc lộ|ql|vành đai)(?!\w)")
_EXTENDED_AFTER = re.compile(r"[^,;:.()\n]{0,60}?\snối dài\s+(?:đến|tới|về|ra)\s")
_ROUTE_LISTED = re.compile(
    r"(?<!\w)từ\s(?!(?:năm|tháng|ngày|quý|đầu|cuối|giữa|khi|\d))[^,;]{1,60}?\s(?:về|đến|tới)"
    r"\s(?!(?:nay|hiện nay|năm|tháng|ngày|quý|cuối|\d))[^;]*?(?:và|,)\s*$"
)


def work_named_before(text: str, start: int, sentence_start: int = 0) -> bool:
    """A work is named anywhere in the sentence before the project named at ``start`` (a word
    of :data:`_ROUTE_WORK` or :data:`_OTHER_WORK`; the project's own "tuyến", "tuyến đường",
    "dự án" right before its name not counted): "Tuyến đường sắt đô thị với tổng vốn gần
    266.000 tỉ đồng ... từ sân bay quốc tế Đà Nẵng", "Với tổng vốn gần 8.800 tỷ đồng, tuyến
    đường dài 6 km ... nối cảng Cát Lái"."""
    from analysis.text import fold, lower_same_length

    before = _OWN_KIND_WORDS.sub("", lower_same_length(fold(text[sentence_start:start])))
    return bool(_ROUTE_WORK.search(before) or _OTHER_WORK.search(before))


# The project as the end of another work's route ("đường sắt Thủ Thiêm nối sân bay Long
# Thành", "metro Suối Tiên đến sân bay X", "cao tốc từ Quảng Ngãi tới hầm Cù Mông", "đường
# dẫn vào cầu X", "rạch Đá Đỏ cạnh metro số 1", "đường hoa ... cửa ngõ sân bay X", "đường
# sắt giữa Tân Sơn Nhất và Long Thành", either end; not a time, "vào giữa năm 2026 và cầu
# X", nor the middle of the project, "hợp long đoạn giữa cầu X"): a word of a work before it
# in its clause, then a word of linking or nearness right before it. Not
# "tại" (a runway "tại sân bay X" is the airport's own), nor "với" ("kết nối TP HCM với sân
# bay X, dự kiến khai thác ..." may still speak of the airport); not the "cầu" of "yêu cầu",
# "nhu cầu", the "tuyến" of "trực tuyến", "khu vực", "cảng hàng không" (an airport); not a
# work right after "từ" ("từ đường vượt biển Cần Giờ đến cao tốc Hồ Tràm" lists projects,
# but "đoạn từ cầu X đến cầu Y" is a section's route); not "đến" after "liên quan", "ảnh
# hưởng", "tác động", "quan tâm", nor the "ga đi / ga đến" of an airport (its departures and
# arrivals halls). "qua" (through, over: "tuyến hầm qua sân bay Đà Nẵng", "hầm chui ... qua
# quốc lộ 13"), not "thông qua", "vừa qua", "vượt qua", "thời gian qua", traffic over the
# project ("cấm xe / ôtô / tàu qua cầu X", "nước lũ tràn qua QL1"), nor "đoạn (đi) qua X",
# a section named by what it passes. The route's second end listed after a dash is an end
# too ("đường sắt nối sân bay Tân Sơn Nhất - Long Thành"), and so is a section's ("vành đai
# 2,5 đoạn Đầm Hồng - quốc lộ 1"; not "gián đoạn", "công đoạn"). "vành đai", "hương lộ",
# "tỉnh lộ" are works of a route here and for the money (:func:`work_named_before`).
# Nor an agency ("Ban quản lý dự án đường sắt", "Cục Đường bộ", "Tổng công ty Đường sắt"),
# "toàn cầu", "địa cầu", "bán cầu", "cầu thủ", "trục trặc", the city of Rạch Giá; "cửa ngõ"
# right after "đường" names the gateway road itself ("tuyến đường cửa ngõ Quốc lộ 13").
# "từ" after a work begins its route at the project ("dự án tàu điện ngầm từ sân bay Tân
# Sơn Nhất tới Long Thành", "Vành đai 4 đoạn từ cầu Thủ Biên đến sông Sài Gòn").
_ROUTE_WORK = re.compile(
    r"(?<!\w)(?<!từ )(?:(?<!quản lý )(?<!quản lý dự án )(?<!cục )(?<!công ty )đường"
    r"|metro|tàu điện|(?<!trực )tuyến|cao tốc|vành đai|đại lộ|hương lộ|tỉnh lộ|buýt|nhà ga"
    r"|ga|khu(?! vực)"
    r"|(?<!yêu )(?<!nhu )(?<!toàn )(?<!địa )(?<!bán )cầu(?! thủ)|hầm|trục(?! trặc)"
    r"|cảng(?! hàng không)|bến|(?<!giai )đoạn|rạch(?! giá))(?!\w)"
)
_LINKED = re.compile(
    r"(?<!\w)(?:(?:nối|từ|(?<!\bga )đi|(?<!\bga )(?<!liên quan )(?<!ảnh hưởng )(?<!tác động )"
    r"(?<!quan tâm )đến|tới|vào"
    r"|(?<!thông )(?<!vừa )(?<!trải )(?<!bỏ )(?<!vượt )(?<!đoạn )(?<!đoạn đi )(?<!\bxe )"
    r"(?<!ôtô )(?<!ô tô )(?<!\btàu )(?<!cấm )(?<!tràn )(?<!gian )qua"
    r"|ra|giáp|cạnh|gần|quanh|(?<!đường )cửa ngõ)(?:\s[^,;]{1,60}?\s-)?"
    r"|(?<!giai )(?<!gián )(?<!công )đoạn(?: từ)?\s[^,;]{1,40}?\s-"
    r"|(?<!đoạn )(?<!nhịp )(?<!chính )giữa(?!\s+(?:năm|tháng|quý|tuần|ngày|kỳ|\d))"
    r"(?:\s[^,;]{1,60}?\svà)?)\s+$"
)
# Where the clause before the project begins, in the folded text (every dash a "-"): a
# comma (not a decimal one, "vành đai 2,5"), semicolon, colon, bracket, "|", a line break (a
# title, then its lead), the end of a sentence (not the dot of "TP. HCM", "Q. 1"), or a
# spaced dash before a word in lower case (the dash of a name, "Biên Hòa - Vũng Tàu", is no
# break).
# An aside in brackets, closed before the project's name, does not end its clause.
_ASIDE = re.compile(r"\([^()\n]*\)")
_CLAUSE_BREAK = re.compile(
    r"[;:(|\n]|,(?!\d)|(?<!\b[A-ZĐ])(?<!\b[A-ZĐ][A-Za-zĐ])[.!?…](?=\s)|\s-\s(?=\w)"
)


def via_other_work(text: str, start: int) -> bool:
    """The project named at ``start`` is the end of another work's route or its neighbour in
    its clause, or what the work extends ("kéo dài tuyến metro số 1"): that work's stages are
    not the project's, so the tracker leaves them out."""
    from analysis.text import fold, lower_same_length

    # A line break ends a clause: the project's line is all that is read (a body is long).
    before, cut = fold(text[text.rfind("\n", 0, start) + 1 : start]), 0
    before = _ASIDE.sub(" ", before)  # "hầm chui X (phường Y, TP.HCM) qua quốc lộ 13"
    for m in _CLAUSE_BREAK.finditer(before):
        if m.group(0).strip() != "-" or before[m.end()].islower():
            cut = m.end()
    clause = " ".join(lower_same_length(before[cut:]).split()) + " "
    if _extended(clause, lower_same_length(fold(text[start : start + 80]))):
        return True  # "dự án kéo dài metro số 1": the extension's stages, not the line's
    linked = _LINKED.search(clause)
    return linked is not None and bool(_ROUTE_WORK.search(clause, 0, linked.start()))


def _extended(clause: str, named: str) -> bool:
    """The line named at the start of ``named`` (folded, lower case) is what the work of its
    ``clause`` (the words before it) extends: "kéo dài tuyến metro X", "metro X nối dài đến Y"."""
    line = clause.endswith("tuyến ") or _LINE.match(named) is not None
    return line and bool(_EXTENDED.search(clause) or _EXTENDED_AFTER.match(named))


# "khi" (when, once), "nếu" (if) or the question "khi nào" opening the trigger's clause (no
# comma, semicolon or colon between: the folded text writes every dash as "-", which names
# use too, so a dash is no clause break here); "sau khi", "từ khi", "trước khi", "trong khi",
# "mỗi khi" (after, since, before, whereas, whenever) and "khi đó" (then) are not it.
_HYPOTHETICAL = re.compile(
    r"(?<!\w)(?<!sau )(?<!từ )(?<!trước )(?<!trong )(?<!mỗi )(?:khi|nếu)"
    r"(?! (?:đó|ấy)(?!\w))(?!\w)[^,;:]*$"
)


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
    between = text[end : candidate.sentence_start]
    if end <= candidate.sentence_start and not between.strip() and "\n" not in between:
        return text[start : candidate.sentence_end].strip()
    return f"{text[start:end].strip()} … {own}"


def hypothetical(lowered: str, trigger: Trigger, sentence_start: int = 0) -> bool:
    """The trigger sits in a clause of condition, of a time to come or of a question, with no
    clause break between: "phương án khai thác khi sân bay Long Thành đi vào vận hành", "nếu
    thông xe", "khi nào thông xe?"."""
    return bool(_HYPOTHETICAL.search(lowered[sentence_start : trigger.start]))


_YEAR_WRITTEN = re.compile(r"(?:19|20)\d\d")


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


def status_of(
    candidate: Candidate, planned_p: float, model: EventModel, future_times, published, text: str
):
    """Done or planned: the model's reading, and a stage dated after publication cannot have
    happened yet, whatever the wording. A date written without its year that had passed at
    publication ("thông xe ngày 19-8", written in November) is read as next year's only for
    a promise: it does not make a reported stage one (cross-validated F1 +0.002, 95%
    interval +0.0005 to +0.005); nor does an edge of the year written without one ("đã
    thông xe đầu năm"); nor a time ahead when the stage is said done right before its
    trigger (:func:`said_done`; ``text`` is the text the candidate's offsets index)."""
    kind = candidate.trigger.type
    if kind == "delay":
        return "done"  # being late is a fact now (EVENTS.md)
    if planned_p >= model.thresholds[1]:
        return "planned"
    when = nearest_time(candidate, future_times)
    if when is not None and when.kind == "year_edge":
        return "done"  # "đã thông xe đầu năm": a year-less edge is read forward, not ahead
    if (
        when is not None
        and published is not None
        and when.kind in ("day", "month")
        and when.period is not None
        and not _YEAR_WRITTEN.search(when.text)
        and when.period.start_time.year > published.year
    ):
        return "done"
    if not ahead(when, published):
        return "done"
    # "đã vận hành, từ nay đến năm 2030 ...": the time ahead is another clause's
    return "done" if said_done(text, candidate.trigger) else "planned"
