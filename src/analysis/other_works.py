"""Other works than the project: when a trigger near a project's name is not that project's.

For :mod:`analysis.events` and :mod:`analysis.tracker`. A project's name may only place
another work ("nút giao cao tốc X", "trạm dừng nghỉ trên cao tốc X", "cạnh sân bay X"),
end its route ("đường sắt Thủ Thiêm nối sân bay Long Thành", :func:`via_other_work`), be
what it extends ("kéo dài metro số 1"), or stand beside a trigger whose object is more works
("hoàn thành thêm 5 tuyến"), the resettlement ("khởi công 6 khu tái định cư") or some of
its items ("Những hạng mục quan trọng nhất đã cơ bản hoàn thành, sân bay X ..."): the
stage is that work's, not the project's (:func:`not_its_event`, a candidate's "negated";
:func:`other_work_before`, a feature of the model; :func:`another_works`, for the money).
Every function reads the folded, lower-cased text (:func:`analysis.text.fold`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.event_clauses import negated
from analysis.event_lexicon import find_triggers
from analysis.text import fold, lower_same_length

if TYPE_CHECKING:
    from analysis.event_lexicon import Trigger
    from analysis.events import Candidate

CLAUSE_BEFORE = 45  # characters of a project's clause read before its name


# The trigger's object is more works than a project named before it: "Ngoài metro Bến Thành -
# Suối Tiên đã vận hành, ... hoàn thành thêm 5 tuyến", "xây thêm một cây cầu mới song song với
# cầu X"; not more of the project itself ("mở rộng thêm 2 làn", "thêm 20 km", "thêm 12 dự án
# thành phần", "xây thêm nhà ga T4", "thêm 3 bến") nor money ("bố trí thêm").
_COUNT = r"(?:\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|nhiều|các|những)"
_MORE_WORKS = re.compile(
    r"\s*(?:được\s+)?thêm\s+(?:" + _COUNT + r"\s+)?(?:cây\s+)?(?:tuyến|dự án(?! thành phần)"
    r"|công trình|cầu|sân bay|cảng|đường)(?!\w)"
)


def more_works(lowered: str, trigger: Trigger, named_at: int) -> bool:
    """The trigger's object is more works than the project named at ``named_at`` before it
    ("hoàn thành thêm 5 tuyến"): no event of that project. One named after the trigger ("khởi
    công thêm tuyến metro số 2") is among those works."""
    return named_at < trigger.start and bool(_MORE_WORKS.match(lowered, trigger.end))


# Works on or beside a project that are never its own stage: "nút giao cao tốc X", "trạm
# dừng nghỉ trên cao tốc X", "trạm thu phí quốc lộ X", "hầm chui ... qua quốc lộ X", "đường vào
# sân bay X" (not "trạm dừng chân", "đường gom", "khu tái định cư": labelled as the project's).
_BESIDE_WORDS = "nút giao|trạm dừng nghỉ|trạm thu phí|hầm chui"
_BESIDE_WORK = re.compile(rf"(?<!\w)(?:{_BESIDE_WORDS}|đường vào)(?!\w)")
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
# trạm dừng nghỉ", "thi công nút giao Tân Vạn". Not one of a list of the project's own parts
# ("thông xe các nút giao và toàn tuyến", "hoàn thiện các nút giao, đường gom ...", "... và
# hạng mục còn lại"), nor "đường vào" before a time ("hoàn thành đường vào tháng 12").
_BESIDE_OBJECT = re.compile(
    rf"\s*(?:(?:tạm|thêm|xong|thử)\s+)*(?:{_COUNT}\s+)?(?:{_BESIDE_WORDS}"
    r"|đường vào(?!\s+(?:tháng|năm|ngày|quý|cuối|đầu|giữa|dịp|\d)))"
    r"(?!\w)(?!\s*(?:,|và\s|cùng\s))(?![^,;.]*hạng mục)"
)
# A work beside the project read further back than its clause, up to BESIDE_REACH characters,
# when nothing between them starts another clause: no conjunction ("nên", "thì", "trong
# khi" ...) and no trigger ("Trạm dừng nghỉ Km205+092 thuộc Dự án thành phần Vĩnh Hảo -
# Phan Thiết trên tuyến cao tốc Bắc - Nam", "nút giao An Phú giúp kết nối cao tốc từ TP HCM
# đi sân bay Long Thành"; not "Trạm thu phí trên quốc lộ 1 đã được dỡ bỏ nên hiện nay cao tốc
# X đã thông xe").
BESIDE_REACH = 90  # characters before a project read for it
_CONJUNCTION = re.compile(
    r"(?<!\w)(?:nên|thì|trong khi|nhưng|còn|song|mà|khi|sau khi|trước khi|đồng thời)(?!\w)"
)
# A start or completion of the resettlement ("Khu tái định cư ... đã sẵn sàng khởi công, để
# phục vụ dự án X", "khởi công 6 khu tái định cư vành đai 4", "hoàn thành thu hồi, bồi thường,
# tái định cư dự án X") is the project's site clearance (its own trigger), not its start or
# completion: the resettlement area opening the sentence, the project named after the
# trigger, or the resettlement as the trigger's object.
_RESETTLEMENT_SUBJECT = re.compile(r"\W*(?:dự án\s+)?(?:(?:các|\d+)\s+)?khu tái định cư(?!\w)")
_RESETTLEMENT_OBJECT = re.compile(
    r"\s*(?:(?:\d+|các|những|dự án|khu|công tác|việc|hạ tầng|kỹ thuật|xây dựng)\s+)*"
    r"(?:(?:thu hồi(?: đất)?|bồi thường|hỗ trợ|giải phóng mặt bằng)\s*(?:,|và)?\s+)*"
    r"(?:(?:dự án|khu)\s+)*tái định cư(?!\w)"
)


def not_its_event(lowered: str, trigger: Trigger, named_at: int, sentence_start: int) -> bool:
    """No event of the project named at ``named_at`` from this trigger: it is negated ("chưa
    thể khởi công"), its date was missed ("lỡ hẹn thông xe": the delay only), its object is
    more works ("hoàn thành thêm 5 tuyến") or a work beside the project ("khai thác 2 trạm
    dừng nghỉ"), the project's name only places a work beside it ("nút giao cao tốc X",
    :func:`beside_work`) or what stands near it ("cạnh sân bay X"), or it starts or completes
    the resettlement (:func:`resettlement`) or completes some items before the project is
    named (:func:`items_completed`)."""
    clause = clause_before(lowered, named_at, sentence_start)
    return (
        negated(lowered, trigger)
        or resettlement(lowered, trigger, named_at, sentence_start)
        or items_completed(lowered, trigger, named_at, sentence_start)
        or bool(_MISSED.search(lowered, max(0, trigger.start - MISSED_WINDOW), trigger.start))
        or more_works(lowered, trigger, named_at)
        or beside_work(clause)
        or beside_far(lowered, named_at, sentence_start)
        or (named_at < trigger.start and bool(_BESIDE_OBJECT.match(lowered, trigger.end)))
        or bool(_NEAR.search(clause))
    )


# A completion whose subject is some of the project's items ("Những hạng mục quan trọng nhất
# đã cơ bản hoàn thành, sân bay Long Thành đang chạy nước rút ...", "Đây là hạng mục cầu vượt
# đầu tiên hoàn thành ... cao tốc X") is no completion of the project named after the items:
# "hạng mục" in the trigger's clause before it, the project named after them ("Cầu Nhơn
# Trạch là hạng mục đầu tiên ... được khánh thành" is the bridge's own; "Cảng hàng không
# Phan Thiết - Hạng mục hàng không dân dụng ... hoàn thành sau 24 tháng" the airport's).
_ITEMS = re.compile(r"(?<!\w)hạng mục(?!\w)")
ITEMS_REACH = 90  # characters of the trigger's clause read back for the items


def items_completed(lowered: str, trigger: Trigger, named_at: int, sentence_start: int) -> bool:
    """A completion trigger whose clause names the project's items before it, the project
    named after them (see :data:`_ITEMS`)."""
    if trigger.type != "completion":
        return False
    clause = clause_before(lowered, trigger.start, sentence_start, ITEMS_REACH)
    items = _ITEMS.search(clause)
    return items is not None and named_at > trigger.start - len(clause) + items.start()


def resettlement(lowered: str, trigger: Trigger, named_at: int, sentence_start: int) -> bool:
    """A start or completion trigger whose sentence opens with the resettlement area and
    names the project after it ("Khu tái định cư ... đã sẵn sàng khởi công, để phục vụ dự án
    X"), or whose object is the resettlement ("hoàn thành công tác bồi thường, hỗ trợ tái
    định cư")."""
    if trigger.type not in ("construction_start", "completion"):
        return False
    subject = named_at > trigger.start and bool(
        _RESETTLEMENT_SUBJECT.match(lowered, sentence_start, trigger.start)
    )
    return subject or bool(_RESETTLEMENT_OBJECT.match(lowered, trigger.end))


def beside_far(lowered: str, named_at: int, sentence_start: int) -> bool:
    """A work beside the project further back than its clause, with nothing between them
    that starts another clause (see :data:`BESIDE_REACH`)."""
    clause = last_item(clause_before(lowered, named_at, sentence_start, BESIDE_REACH))
    works = list(_BESIDE_WORK.finditer(clause))
    if not works:
        return False
    between = clause[works[-1].end() :]
    return not _CONJUNCTION.search(between) and not find_triggers(between)


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
# "từ" right after a work's word begins its route at the project ("dự án tàu điện ngầm từ
# sân bay Tân Sơn Nhất tới Long Thành", "Vành đai 4 đoạn từ cầu Thủ Biên đến sông Sài
# Gòn"); not "trên đường từ X về" (on the way), nor a time ("thi công từ năm 2009 - cầu X").
_ROUTE_WORK = re.compile(
    r"(?<!\w)(?<!từ )(?:(?<!quản lý )(?<!quản lý dự án )(?<!cục )(?<!công ty )đường"
    r"|metro|tàu điện|(?<!trực )tuyến|cao tốc|vành đai|đại lộ|hương lộ|tỉnh lộ|buýt|nhà ga"
    r"|ga|khu(?! vực)"
    r"|(?<!yêu )(?<!nhu )(?<!toàn )(?<!địa )(?<!bán )cầu(?! thủ)|hầm|trục(?! trặc)"
    r"|cảng(?! hàng không)|bến|(?<!giai )đoạn|rạch(?! giá))(?!\w)"
)
_LINKED = re.compile(
    r"(?<!\w)(?:(?:nối|(?<!\bga )đi|(?<!\bga )(?<!liên quan )(?<!ảnh hưởng )(?<!tác động )"
    r"(?<!quan tâm )đến|tới|vào"
    r"|(?<!thông )(?<!vừa )(?<!trải )(?<!bỏ )(?<!vượt )(?<!đoạn )(?<!đoạn đi )(?<!\bxe )"
    r"(?<!ôtô )(?<!ô tô )(?<!\btàu )(?<!cấm )(?<!tràn )(?<!gian )qua"
    r"|ra|giáp|cạnh|gần|quanh|(?<!đường )cửa ngõ)(?:\s[^,;]{1,60}?\s-)?"
    r"|(?<!giai )(?<!gián )(?<!công )đoạn(?: từ)?\s[^,;]{1,40}?\s-"
    r"|(?<!đoạn )(?<!nhịp )(?<!chính )giữa(?!\s+(?:năm|tháng|quý|tuần|ngày|kỳ|\d))"
    r"(?:\s[^,;]{1,60}?\svà)?"
    # "từ" right after the work's word or length: "tàu điện ngầm từ", "đoạn (nối) từ",
    # "tuyến đường dài 6,4 km từ"
    r"|(?:(?<=ngầm )|(?<=điện )|(?<=metro )|(?<=sắt )|(?<=tuyến )|(?<=đoạn )|(?<=nối )"
    r"|(?<=\dkm )|(?<=\d km ))từ"
    r")\s+$"
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
