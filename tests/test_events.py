"""Lifecycle events (analysis.events) and their times (analysis.when), on sentences written
for the purpose: what EVENTS.md asks of type, status, the project and the time."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from analysis.event_clauses import evidence
from analysis.events import (
    EVENT_TYPES,
    LIFECYCLE,
    candidate_features,
    candidates,
    find_events,
    fitted,
    sentences,
)
from analysis.other_works import other_work_before
from analysis.text import fold, lower_same_length
from analysis.when import find_times

PUBLISHED = pd.Timestamp("2025-11-10 08:00", tz="Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("dự kiến thông xe cuối năm nay", "2025Q4"),
        ("khởi công ngày 19/12", "2025-12-19"),
        ("hoàn thành trong tháng tới", "2025-12"),
        ("quý II/2026", "2026Q2"),
        ("đến năm 2030", "2030"),
        ("giữa năm 2026", "2026Q2"),
        ("hôm qua", "2025-11-09"),
        ("quí 1-2017", "2017Q1"),
        ("khai thác thương mại trong quý IV-2026", "2026Q4"),
        ("quý III năm 2026", "2026Q3"),
        ("hết năm 2026", "2026"),
        ("trước 12-2026", "2026-12"),
        ("11 giờ trưa nay", "2025-11-10"),
        ("9h ngày 28/5", "2026-05-28"),
        ("trước Tết", "2026-02"),  # the lunar new year of 2026 falls on 17 February
        ("dịp Tết Nguyên đán Bính Ngọ", "2026-02"),  # Bính Ngọ: the can chi name of 2026
        ("Tết Nguyên đán 2025", "2025-01"),
        # a year named from the publication's, after a day, month or quarter
        ("khởi công từ tháng 9 năm ngoái", "2024-09"),
        ("hết quý 1 năm sau", "2026Q1"),
        ("cuối năm ngoái", "2024Q4"),
        ("ngày 2/9 năm 2025", "2025-09-02"),
        ("dịp 30/4 năm nay", "2025-04-30"),
        # an edge of the year with no year: this year's, the next when already past
        ("tăng tốc về đích cuối năm", "2025Q4"),
        ("dự kiến khởi công cuối năm | Giao dịch gạo chững lại", "2025Q4"),  # a digest's items
        ("hoàn thành trong những tháng cuối năm, khi", "2025Q4"),
        ("dự kiến khởi công đầu năm, hoàn thành sau hai năm", "2026Q1"),
        # a bare year after a verb of a stage
        ("mở rộng, hoàn thành 2028, giúp giảm ùn tắc", "2028"),
        # the day named from publication with its date, bracketed or not: one time
        ("khánh thành sân bay sáng nay (10.11)", "2025-11-10"),
        ("Hôm qua (9/11), cầu X thông xe", "2025-11-09"),
        ("khởi công sáng mai 11-11", "2025-11-11"),
    ],
)
def test_times_resolve_against_the_publication_date(text, period):
    (found,) = find_times(text, PUBLISHED, future=True)
    assert str(found.period) == period
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("text", "published", "period"),
    [
        # the written date, in the year that puts it next to the day named
        ("Hôm qua (31.12), cầu X thông xe", "2026-01-01 08:00", "2025-12-31"),
        ("Hôm nay (1-1) cầu X thông xe", "2025-12-31 20:00", "2026-01-01"),
        # the written date however far from the day named (the publication date wrong)
        ("Sáng nay (8/2) cầu X khánh thành", "2017-05-08 08:00", "2017-02-08"),
    ],
)
def test_a_day_named_from_publication_keeps_its_anchor(text, published, period):
    for future in (False, True):
        (found,) = find_times(text, pd.Timestamp(published, tz="Asia/Ho_Chi_Minh"), future)
        assert str(found.period) == period


def test_after_a_day_named_from_publication_a_pair_is_a_date_unless_a_unit_follows():
    found = find_times("vào chiều qua 9.11 ở lượt trận hạ màn", PUBLISHED, future=True)
    assert [(t.text, str(t.period)) for t in found] == [("vào chiều qua 9.11", "2025-11-09")]
    found = find_times("ngày mai 2-3 độ", PUBLISHED, future=True)
    assert [(t.text, t.kind) for t in found] == [("ngày mai", "relative_day")]
    # half a year or more from the named day, a wrong year or day: the named day
    (found,) = find_times("Hôm qua (29/2)", pd.Timestamp("2025-03-01 08:00"))
    assert str(found.period) == "2025-02-28"
    (found,) = find_times("Giá xăng dầu hôm nay 22.5.2025", pd.Timestamp("2026-05-22 08:00"))
    assert str(found.period) == "2026-05-22"


def test_durations_are_found_when_asked_for_and_resolved_from_publication():
    assert find_times("thông xe được gần 2 tháng", PUBLISHED) == []
    found = {
        t.text: (t.kind, str(t.period))
        for text in ("Hơn 10 ngày nữa", "gần 2 tháng", "3 tháng trước", "sau 2 năm rưỡi")
        for t in find_times(text, PUBLISHED, future=True, durations=True)
    }
    # One that counts from publication is a date like any other.
    assert found == {
        "Hơn 10 ngày nữa": ("relative", "2025-11-20"),
        "gần 2 tháng": ("duration", "None"),
        "3 tháng trước": ("relative", "2025-08"),
        "sau 2 năm rưỡi": ("duration", "None"),
    }
    # A countdown counts from publication too ("chỉ còn 1 tháng trước ...").
    (left,) = find_times("Chỉ còn 1 tháng trước khi khai thác", PUBLISHED, durations=True)
    assert (left.kind, str(left.period)) == ("relative", "2025-12")
    # Not inside words or numbers, never over a date, not "ahead of the deadline".
    assert [t.text for t in find_times("triển khai ngày 5/6", PUBLISHED, durations=True)] == [
        "ngày 5/6"
    ]
    assert find_times("khởi công hơn 1.000 ngày nữa", PUBLISHED, durations=True) == []
    (early,) = find_times("về đích 3 tháng trước thời hạn", PUBLISHED, durations=True)
    assert early.text == "3 tháng" and early.period is None
    (span,) = find_times("trong 3 tháng tới", PUBLISHED, future=True, durations=True)
    assert str(span.period) == "2026-02"  # three months on, not next month
    # A time never runs over a line (a title, then its lead) nor starts inside a name.
    assert [t.text for t in find_times("Cầu thông báo trước\nChiều 9-9, cầu ...", PUBLISHED)] == [
        "Chiều 9-9"
    ]
    (edge,) = find_times("dự kiến khởi công cuối năm\nSau nhiều năm gián đoạn", PUBLISHED, True)
    assert (edge.text, str(edge.period)) == ("cuối năm", "2025Q4")  # not "năm\nSau": next year
    assert find_times("hoàn thành cầu N2, hầm chui HC1-02 đúng tiến độ", PUBLISHED, True) == []
    # The solar new year and the other festivals called Tết are not the lunar new year.
    assert find_times("Tết Dương lịch 2026, Tết Trung thu, Tết Hàn thực", PUBLISHED) == []


@pytest.mark.parametrize(
    "text",
    [
        "đã khởi công 4/5 gói thầu",
        "đạt 3/4 khối lượng",
        "mở rộng lên 6-8 làn xe",
        "miễn thị thực 3-5 năm",
        "thắng 3-2 ở vòng ba",
        "trẻ từ 6-10 tuổi",  # a unit after a hedge too
        "trong 2-3 năm tới",
        "chỉ bằng 1/10 năm ngoái",
        "tăng huyết áp khoảng 5-6 năm nay",  # years, though "năm nay" follows
    ],
)
def test_shares_ranges_and_scores_are_no_dates(text):
    assert find_times(text, PUBLISHED, future=True) == []


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Ngày 19/8 tuyến cao tốc được thông xe", "Ngày 19/8"),
        ("Sáng 15/3 gói thầu XL01 được khởi công", "Sáng 15/3"),
        ("ngày 19/12/2025 dự án được khánh thành", "ngày 19/12/2025"),
        ("trước 30/4/2026 công trình phải xong", "trước 30/4/2026"),
        ("từ 19/8 tuyến cao tốc tạm dừng", "từ 19/8"),
        ("thi đấu ngày 3-9 ở vòng loại", "ngày 3-9"),
        ("dịp 30/4 năm nay", "dịp 30/4 năm nay"),
        ("ngày 2/9 năm ấy", "ngày 2/9"),  # "năm" after a date named with "ngày"
        ("khánh thành ngày 19/8 năm ngoái", "ngày 19/8 năm ngoái"),
        ("thông xe trước 30-4\nDự án thành phần 1", "trước 30-4"),  # the next line is another
    ],
)
def test_a_date_stays_a_date_whatever_word_follows(text, written):
    (found,) = find_times(text, PUBLISHED, future=True)
    assert found.text == written and found.period is not None


def test_an_edge_of_the_year_read_as_the_past_is_not_yet_to_come():
    """Read as the past (a stage reported done), a year-less edge not yet begun is last
    year's; "những ngày cuối năm" in the forty days before Tết is the lunar year's end at
    hand, "quý cuối năm" never."""
    january = pd.Timestamp("2026-01-06 08:00", tz="Asia/Ho_Chi_Minh")  # Tết: 17 February
    (found,) = find_times("Giao dịch nhà riêng trầm lắng cuối năm", january)
    assert str(found.period) == "2025Q4"
    (found,) = find_times("Giao dịch nhà riêng sẽ sôi động cuối năm", january, future=True)
    assert str(found.period) == "2026Q4"
    july = pd.Timestamp("2026-07-21 08:00", tz="Asia/Ho_Chi_Minh")
    (found,) = find_times("Cầu X đã thông xe cuối năm", july)
    assert str(found.period) == "2025Q4"
    before_tet = pd.Timestamp("2026-01-21 08:00", tz="Asia/Ho_Chi_Minh")  # Tết: 17 February
    (found,) = find_times("Những ngày cuối năm, khi xuân Bính Ngọ 2026 cận kề", before_tet)
    assert str(found.period) == "2026-01"
    (found,) = find_times("Vinhomes bán nhiều nhất quý cuối năm", before_tet)
    assert str(found.period) == "2025Q4"
    december = pd.Timestamp("2027-12-27 08:00", tz="Asia/Ho_Chi_Minh")  # Tết: 26 January 2028
    (found,) = find_times("Những ngày cuối năm, phố phường", december)
    assert str(found.period) == "2027-12"


@pytest.mark.parametrize(
    "text",
    [
        "Trong 5 tháng đầu năm, TP.HCM thu hút",  # the year's first five months
        "bán ra chỉ sau 3 quý đầu năm.",
        "công trình khởi công lớn nhất trong năm.",  # "trong năm" is no edge of the year
        "mùa cuối năm học",
        "chúc mừng đầu năm mới",
        "thu về 2015 tỷ đồng",  # no verb of a stage before it
    ],
)
def test_no_edge_of_the_year_or_bare_year_here(text):
    assert find_times(text, PUBLISHED, future=True) == []


def test_an_edge_of_the_year_without_its_year_makes_no_report_a_promise():
    """Read forward, "đầu năm" written in November is next year's; a report of it stays a
    report, and "từ đầu năm" (since) is never read forward."""
    for text in (
        "Cầu Rạch Miễu 2 đã thông xe đầu năm.",
        "Cầu Rạch Miễu 2 đã thông xe vào giữa năm.",
    ):
        (event,) = find_events(text, PUBLISHED)
        assert event.status == "done" and event.when_period.year == 2025
    (event,) = find_events("Cầu Rạch Miễu 2 dự kiến khởi công đầu năm.", PUBLISHED)
    assert event.status == "planned" and str(event.when_period) == "2026Q1"
    (since,) = find_times("Từ đầu năm, chủ đầu tư đã giải ngân", PUBLISHED, future=True)
    assert str(since.period) == "2025Q1"


def test_a_month_range_is_no_day():
    (found,) = find_times("từ tháng 1-4 năm nay", PUBLISHED)
    assert found.kind == "month"


def test_tet_years_by_number_or_can_chi_name_in_either_spelling():
    found = find_times("Tết Kỉ Hợi, Tết Quí Mão, Tết năm 2026, Tết Đİnh Mùi", PUBLISHED)
    assert [str(t.period) for t in found] == ["2019-02", "2023-01", "2026-02", "None"]
    assert find_times("anh chết 12-2026", PUBLISHED) == []


def test_a_relative_time_without_a_publication_date_stays_unresolved():
    (found,) = find_times("cuối năm nay", None)
    assert found.text == "cuối năm nay" and found.period is None


def _events(text: str, published=PUBLISHED):
    return [(e.type, e.status, e.entity_id) for e in find_events(text, published)]


def test_a_promised_opening_is_planned_with_its_time():
    (event,) = find_events(
        "Sân bay Long Thành dự kiến khai thác thương mại vào giữa năm 2026.", PUBLISHED
    )
    assert (event.type, event.status, event.entity_id) == (
        "completion",
        "planned",
        "sân bay long thành",
    )
    assert event.when == "vào giữa năm 2026" and str(event.when_period) == "2026Q2"


def test_an_approval_reported_is_done():
    text = "Thủ tướng phê duyệt chủ trương đầu tư cao tốc Gia Nghĩa - Chơn Thành."
    assert ("approval", "done", "cao tốc gia nghĩa - chơn thành") in _events(text)


def test_a_start_dated_after_publication_is_planned_whatever_the_wording():
    text = "Ngày 15.1.2026, TP.HCM chính thức khởi công tuyến Metro số 2 (Bến Thành - Tham Lương)."
    assert _events(text) == [("construction_start", "planned", "metro số 2 tp.hcm")]
    day_after = pd.Timestamp("2026-01-16 07:00", tz="Asia/Ho_Chi_Minh")
    assert _events(text, day_after) == [("construction_start", "done", "metro số 2 tp.hcm")]


def test_negated_start_is_no_start():
    found = _events("Cầu Rạch Miễu 2 chưa thể khởi công vì vướng mặt bằng.")
    assert ("construction_start", "done", "cầu rạch miễu 2") not in found


def test_more_works_than_the_project_are_none_of_its_events():
    from analysis.event_lexicon import Trigger
    from analysis.other_works import more_works

    found = _events(
        "Ngoài metro Bến Thành - Suối Tiên đã vận hành, từ nay đến năm 2030 thành phố đặt "
        "mục tiêu hoàn thành thêm 5 tuyến, nâng tổng chiều dài lên 187 km.",
        pd.Timestamp("2026-01-13 16:00", tz="Asia/Ho_Chi_Minh"),
    )
    assert [e for e in found if e[1] == "planned"] == []
    assert _events("Xây thêm một cây cầu mới song song với cầu Bình Triệu 1.") == []
    # Works named after "thêm" are those works; more of the project itself is its own.
    found = _events("Ngoài metro số 1, TP.HCM sẽ khởi công thêm 2 tuyến metro số 2 và metro số 5.")
    assert {e for _, _, e in found} >= {"metro số 2 tp.hcm", "metro số 5 tp.hcm"}
    for text, trigger in [
        ("Cao tốc Vĩnh Hảo - Phan Thiết sẽ được mở rộng thêm 2 làn xe.", "mở rộng"),
        ("Cao tốc Bắc - Nam đã thông xe thêm 12 dự án thành phần.", "thông xe"),
        ("Sân bay Tân Sơn Nhất khởi công thêm nhà ga T3.", "khởi công"),
    ]:
        lowered = text.lower()
        start = lowered.index(trigger)
        assert not more_works(lowered, Trigger(start, start + len(trigger), trigger, "x"), 0)


def test_a_work_beside_the_project_is_none_of_its_events():
    """A project's name that only places another work in its clause ("nút giao", "trạm dừng
    nghỉ", "trạm thu phí", "hầm chui", "đường vào") or what stands near it ("cạnh", "gần")
    gives that work's stage no event."""
    for text in [
        "Trạm dừng nghỉ Km 205 trên cao tốc Vĩnh Hảo - Phan Thiết đã chính thức đi vào hoạt động.",
        "TP.HCM dự kiến khởi công nút giao cao tốc Bến Lức - Long Thành giữa năm 2026.",
        "Hầm chui ngã năm qua quốc lộ 13 đã khởi công từ tháng 8.2025.",
    ]:
        assert _events(text) == [], text
    # A comma ends the work's clause; a resettlement area is labelled as the project's.
    assert _events("Khởi công nút giao, cầu Cát Lái sẽ thông xe năm 2028.") != []
    # The works of a title's project: its clause is read on its line, not the lead's.
    assert _events("Khởi công nút giao cao tốc Bến Lức - Long Thành\nSáng nay đã khởi công.") == []
    found = _events("Hà Nội đã bàn giao khu tái định cư phục vụ đường vành đai 4.")
    assert found and found[0][0] == "site_clearance"


def test_a_work_beside_the_project_as_the_triggers_object_or_further_back():
    """The trigger's object right after it is a work beside the project named before it
    ("khai thác tạm 2 trạm dừng nghỉ"), not its own remaining parts ("hoàn thiện các nút
    giao và hạng mục còn lại"); the work is read further back than other clauses, through
    "thuộc ... trên" (twenty-seventh session)."""
    from analysis.event_lexicon import Trigger
    from analysis.other_works import not_its_event

    for text in [
        "Cao tốc Cần Thơ - Cà Mau khai thác tạm 2 trạm dừng nghỉ trong dịp tết",
        "Cục Đường bộ Việt Nam vừa chấp thuận đưa Trạm dừng nghỉ Km205+092 thuộc Dự án thành "
        "phần Vĩnh Hảo - Phan Thiết trên tuyến cao tốc Bắc - Nam phía đông vào vận hành.",
    ]:
        assert _events(text) == [], text
    for text, trigger, kind, theirs in [
        ("cao tốc x khai thác tạm 2 trạm dừng nghỉ", "khai thác", "completion", True),
        ("cao tốc x khai thác sáu trạm dừng nghỉ", "khai thác", "completion", True),
        ("cao tốc x sẽ thi công nút giao tân vạn", "thi công", "construction_start", True),
        (
            "cao tốc x hoàn thiện các nút giao và hạng mục còn lại",
            "hoàn thiện",
            "completion",
            False,
        ),
        (
            "cao tốc x khai thác từ ngày 19/12, trạm dừng nghỉ mở sau",
            "khai thác",
            "completion",
            False,
        ),
        # the project's own parts listed, "đường vào" before a time
        ("cao tốc x thông xe các nút giao và toàn tuyến", "thông xe", "completion", False),
        ("cao tốc x hoàn thiện các nút giao, đường gom", "hoàn thiện", "completion", False),
        ("cao tốc x hoàn thành đường vào tháng 12", "hoàn thành", "completion", False),
    ]:
        start = text.index(trigger)
        found = Trigger(start, start + len(trigger), trigger, kind)
        assert not_its_event(text, found, text.index("cao tốc"), 0) is theirs, text
    # Further back than its clause only with nothing between that starts another clause.
    for text, project in [
        (
            "Trạm thu phí trên quốc lộ 1 đã được dỡ bỏ từ năm ngoái nên hiện nay cao tốc Trung "
            "Lương - Mỹ Thuận đã thông xe",
            "cao tốc trung lương - mỹ thuận",
        ),
        (
            "Hầm chui nút giao An Phú đã thông xe hai tháng trước đây trong khi cao tốc Long "
            "Thành - Dầu Giây mở rộng khởi công",
            "cao tốc tp.hcm - long thành - dầu giây",
        ),
        (
            "Sau khi kiểm tra trạm dừng nghỉ tạm ở Km 50 thì đoàn công tác xác nhận cầu Mỹ "
            "Thuận 2 sẽ thông xe vào ngày 30/4",
            "cầu mỹ thuận 2",
        ),
    ]:
        assert project in {entity for _, _, entity in _events(text)}, text
        lowered = lower_same_length(fold(text))
        named_at = lowered.index(" ".join(project.split()[:2]))  # "cao tốc", "cầu mỹ"
        assert not not_its_event(lowered, Trigger(0, 0, "", "completion"), named_at, 0), text


def test_starting_or_completing_the_resettlement_is_no_start_or_completion():
    """The resettlement area as the sentence's subject, or the trigger's object: the
    project's site clearance, not its construction start or completion (twenty-seventh
    session); the resettlement in another clause leaves the project's own start alone."""
    for text in [
        "Khu tái định cư ở xã Hàm Kiệm, tỉnh Lâm Đồng rộng 3,5ha đã sẵn sàng khởi công, để "
        "phục vụ dự án đường sắt Bắc - Nam tốc độ cao.",
        "Tây Ninh chuẩn bị khởi công 6 khu tái định cư vành đai 4 TP.HCM",
        "Cần hơn 50 tỉ đồng để hoàn thành khu tái định cư cầu Rạch Miễu 2",
    ]:
        found = _events(text)
        assert not {kind for kind, _, _ in found} & {"construction_start", "completion"}, text
    found = _events("Cao tốc Gia Nghĩa - Chơn Thành đã khởi công, người dân nhận đất tái định cư.")
    assert ("construction_start", "done", "cao tốc gia nghĩa - chơn thành") in found
    # the resettlement opens the sentence, but the project named before the trigger is its own
    for text, project in [
        (
            "Khu tái định cư dự án cao tốc Bắc - Nam đã hoàn thành, cao tốc Mỹ Thuận - Cần Thơ "
            "khởi công",
            "cao tốc mỹ thuận - cần thơ",
        ),
        ("Dự án khu tái định cư hoàn thành, sân bay Long Thành khởi công", "sân bay long thành"),
    ]:
        assert ("construction_start", "done", project) in _events(text), text
    # "tái định cư" later in the clause is not the trigger's object
    found = _events("Cao tốc Mỹ Thuận - Cần Thơ hoàn thành đúng hẹn giúp người dân tái định cư")
    assert "completion" in {kind for kind, _, _ in found}


def test_some_items_completed_are_no_completion_of_the_project_named_after_them():
    """'Những hạng mục quan trọng nhất đã cơ bản hoàn thành, sân bay X ...': not the airport's
    completion; an item named by the project before it is the project's own (twenty-seventh
    session)."""
    found = _events(
        "Những hạng mục quan trọng nhất đã cơ bản hoàn thành, sân bay Long Thành đang chạy nước "
        "rút cho mục tiêu đón chuyến bay kỹ thuật đầu tiên vào ngày 19.12."
    )
    assert ("completion", "done", "sân bay long thành") not in found
    found = _events("Cầu Nhơn Trạch là hạng mục đầu tiên của vành đai 3 được khánh thành.")
    assert ("completion", "done", "cầu nhơn trạch") in found
    assert ("completion", "done", "vành đai 3 tp.hcm") not in found
    found = _events(
        "Dự án Cảng hàng không Phan Thiết - Hạng mục hàng không dân dụng dự kiến khởi công vào "
        "ngày 30.4 và hoàn thành sau 24 tháng.",
    )
    assert ("completion", "planned", "sân bay phan thiết") in found


def test_what_stands_near_the_project_is_not_the_project():
    """'cạnh / gần / quanh / sát / hai bên' right before a project's name place something
    else; 'bên cạnh' (besides), the words these make ('khảo sát', 'theo sát', 'xoay quanh'),
    'gần' as 'nearly', and a project after a 'và' further on, do not."""
    for text in [
        "Cạnh sân bay Long Thành có 3 khu công nghiệp sắp khởi công",
        "Sạt lở gần cầu Đơn Dương, di dời khẩn cấp 6 hộ dân",
    ]:
        assert _events(text) == [], text
    for text in [
        "Thủ tướng khảo sát dự án sân bay Long Thành, yêu cầu hoàn thành trong năm 2026",
        "Tranh cãi xoay quanh dự án cao tốc Biên Hòa - Vũng Tàu chậm tiến độ",
        "Đã thông xe gần 2 km cao tốc Biên Hòa - Vũng Tàu",
        "Bộ trưởng yêu cầu theo sát cao tốc Biên Hòa - Vũng Tàu để hoàn thành trong năm 2026",
        "Khu dân cư gần quốc lộ 1 được mở rộng và cao tốc Cần Thơ - Cà Mau đã thông xe.",
    ]:
        assert _events(text) != [], text


def test_a_work_beside_the_project_and_a_list():
    """An 'và' right before the project's name starts another item of a list ('hầm chui An
    Sương và cầu Rạch Miễu 2'); not when more of the work's name follows it ('trạm thu phí T1
    và T2 trên quốc lộ 51', 'nút giao và nhánh nối ...') or the work is between projects."""
    from analysis.other_works import beside_work, clause_before

    assert not beside_work("thông xe hầm chui an sương và ")
    assert beside_work("bàn giao trạm thu phí t1 và t2 trên ")
    assert beside_work("hai hầm chui tại nút giao bình triệu và bình phước trên ")
    assert beside_work("khởi công nút giao giữa cao tốc a - b và ")
    assert beside_work("khởi công nút giao giữa ql1a và ")
    # the bridge opens too, end to end (the other-work feature reads the list the same way)
    found = _events("Thông xe hầm chui An Sương và cầu Rạch Miễu 2.")
    assert ("completion", "done", "cầu rạch miễu 2") in found
    text = "khởi công nút giao cao tốc x\nsáng nay, dự án đã khởi công"
    # a title's project reads its clause on its own line, not back from the lead
    assert clause_before(text, text.index("cao tốc x"), text.index("sáng")) == "khởi công nút giao "
    assert clause_before("a, b nút giao cao tốc x", 14, 0) == " b nút giao "


def test_a_phrase_both_trigger_and_not_trigger_is_an_error():
    from analysis.event_lexicon import check_lexicon

    table = pd.DataFrame(
        {"list": ["trigger", "not_trigger"], "type": ["delay", ""], "phrase": ["chậm", "Chậm"]}
    )
    with pytest.raises(ValueError, match="both trigger and not_trigger"):
        check_lexicon(table)


def test_a_missed_date_is_the_delay_only():
    """'lỡ hẹn khởi công trong năm nay': the delay, not a start promised for this year."""
    found = _events("Metro số 2 TP.HCM lỡ hẹn khởi công trong năm nay")
    assert [(kind, status) for kind, status, _ in found] == [("delay", "done")]
    found = _events("Cầu Cát Lái sai hẹn thông xe")
    assert [(kind, status) for kind, status, _ in found] == [("delay", "done")]


def test_trigger_words_with_no_stage_are_no_trigger():
    """'chậm nhất' (at the latest), traffic moving slowly: no delay."""
    from analysis.event_lexicon import find_triggers

    lowered = "xe di chuyển chậm, đi chậm; chậm nhất quý 1 sẽ khởi công"
    assert [t.phrase for t in find_triggers(lowered)] == ["khởi công"]
    # a trigger only overlapping such a phrase stands ("đi chậm" of "bước đi chậm trễ")
    assert [t.phrase for t in find_triggers("những bước đi chậm trễ")] == ["chậm trễ"]
    found = find_triggers("dự án chậm tiến độ, giải tỏa 500 hộ")
    assert [t.type for t in found] == ["delay", "site_clearance"]


@pytest.mark.parametrize(
    ("lowered", "kind"),
    [
        ("ba chuyến bay hạ cánh khai trương sân bay long thành", "completion"),
        ("ubnd tp.hcm chấp thuận nhà đầu tư dự án cảng cần giờ", "tender"),
        ("đồng nai chọn liên danh làm nhà đầu tư cầu cát lái", "tender"),
        ("mưa bão ảnh hưởng tiến độ dự án", "delay"),
        ("cầu khởi công từ năm 2018 rồi bỏ hoang nhiều năm", "suspension"),
        ("dự án cầu thủ thiêm 4 giảm vốn khi chuyển sang đầu tư công", "cost_change"),
    ],
)
def test_trigger_phrases_of_the_rarer_wordings(lowered, kind):
    """Wordings of a stage the lexicon once lacked (a cross-validated gain, events-log)."""
    from analysis.event_lexicon import find_triggers

    assert kind in {t.type for t in find_triggers(lowered)}


def test_a_stage_said_done_right_before_its_trigger_takes_no_later_time():
    text = (
        "Sân bay Gia Bình đã được khởi công, dần hoàn thiện hệ thống hạ tầng giao thông cả "
        "nước trong 5 năm tới."
    )
    assert ("construction_start", "done", "sân bay gia bình") in _events(text)
    # An agent after "được", written with a capital; a share of the work, or another stage,
    # after the trigger is no report of the stage.
    from analysis.event_clauses import said_done
    from analysis.event_lexicon import Trigger

    for text, done in [
        ("Đường sắt X đã hoàn thành 99% khối lượng", False),
        ("Cao tốc X đã hoàn thành giải phóng mặt bằng", False),
        ("Cao tốc X đã  hoàn thành, sớm hơn kế hoạch", True),  # two spaces
        ("Cao tốc X sẽ hoàn thành", False),
        ("Cao tốc X đã được Thủ tướng Chính phủ hoàn thành", True),
        ("Cao tốc X đã đề nghị bộ hoàn thành", False),
        ("Cao tốc X vừa được phê duyệt hoàn thành", True),  # "... phê duyệt chủ trương"
    ]:
        start = text.index("hoàn thành")
        assert said_done(text, Trigger(start, start + 10, "hoàn thành", "completion")) is done


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("Dự án đường vào sân bay Phan Thiết giai đoạn 2 sẽ được khánh thành", True),
        ("xây dựng nút giao cao tốc Bến Lức - Long Thành, dự kiến khởi công", True),
        ("Tuyến đường cao tốc Bến Lức - Long Thành sẽ được khởi công", False),  # its own road
        ("Khởi công đường nối, sau đó cao tốc Bến Lức - Long Thành thông xe", False),  # a comma
        ("Dự án đường bộ cao tốc Bắc - Nam phía Đông sẽ khởi công", False),
        ("Cục Đường bộ Việt Nam chấp thuận đưa cao tốc Vĩnh Hảo - Phan Thiết vào khai thác", False),
        ("Ùn tắc ở khu vực sân bay Tân Sơn Nhất khi khởi công", False),  # an area
    ],
)
def test_another_work_named_before_the_project(text, other):
    (candidate, *_) = candidates(text)
    assert other_work_before(lower_same_length(fold(text)), candidate) is other


def test_the_khong_of_hang_khong_negates_nothing():
    from analysis.event_clauses import negated
    from analysis.event_lexicon import Trigger

    for text in ("Cảng hàng không Sa Pa được khởi công", "Cảng hàng không khởi công"):
        lowered = text.lower()
        start = lowered.index("khởi công")
        trigger = Trigger(start, start + 9, "khởi công", "construction_start")
        assert not negated(lowered, trigger), text
    lowered = "cầu x không thể khởi công"
    start = lowered.index("khởi công")
    assert negated(lowered, Trigger(start, start + 9, "khởi công", "construction_start"))


def test_offsets_are_the_project_mention_and_text_without_project_has_no_event():
    text = "Tin mới: Sân bay Long Thành dự kiến khai thác thương mại vào giữa năm 2026."
    (event,) = find_events(text, PUBLISHED)
    assert text[event.start : event.end] == "Sân bay Long Thành"
    assert find_events("Bóng đá Việt Nam thắng Thái Lan và sẽ khởi công sân mới.", PUBLISHED) == []
    assert find_events("", PUBLISHED) == []


def test_the_fitted_model_and_types():
    model = fitted()
    assert 0 < model.thresholds[0] < 1 and 0 < model.thresholds[1] < 1
    assert set(LIFECYCLE) < set(EVENT_TYPES)
    for text in ("\u200b", "Cao tốc " * 500, "khởi công khởi công", "Ngày 31/2/2026 khởi công QL1"):
        for event in find_events(text, PUBLISHED):
            assert event.type in EVENT_TYPES and event.status in ("done", "planned")


def test_a_hypothetical_stage_with_no_date_is_no_event():
    """EVENTS.md: hypotheticals and questions are planned only when a date or commitment is
    stated."""
    from analysis.events import candidates

    for text in (
        "Đó là phương án khai thác hàng hóa khi sân bay Long Thành đi vào vận hành thương mại.",
        "Khi nào cao tốc Bắc Giang - Lạng Sơn thông xe?",
        "Nếu cao tốc Bắc Giang - Lạng Sơn thông xe, lượng xe sẽ tăng.",
    ):
        assert not [e for e in _events(text) if e[0] == "completion"], text
    dated = "Khi cao tốc Bắc Giang - Lạng Sơn thông xe vào tháng 12/2026, lượng xe sẽ tăng."
    assert [c.hypothetical for c in candidates(dated)] == [True]
    assert ("completion", "planned", "cao tốc bắc giang - lạng sơn") in _events(dated)
    # "sau khi" (after), "trong khi" (whereas), "khi đó" (then), a word that only starts with
    # "khi"/"đó" and a clause break end the hypothetical.
    for plain in (
        "Sau khi cao tốc Bắc Giang - Lạng Sơn thông xe, lượng xe tăng.",
        "Trong khi cao tốc Bắc Giang - Lạng Sơn đã thông xe, cầu X còn chậm.",
        "Khi đó cao tốc Bắc Giang - Lạng Sơn thông xe.",
        "Khi đóng góp ý kiến, ông cho biết cao tốc Bắc Giang - Lạng Sơn đã thông xe.",
        "Khi được hỏi, ông cho biết cao tốc Bắc Giang - Lạng Sơn đã thông xe.",
        # a stage at hand or just reached: "khi" is "now that", not "if"
        "Người dân vui mừng khi cầu Kênh Cơi Ba mới được thông xe.",
        "Người dân vui mừng khi cầu Kênh Cơi Ba vừa chính thức thông xe.",
        "Nhiều người băn khoăn khi cầu Bình Khánh sắp hoàn thành nhưng chưa có nút giao.",
        "Giá đất tăng khi tuyến metro số 5 chuẩn bị khởi công.",
    ):
        assert not any(c.hypothetical for c in candidates(plain)), plain
    # a condition still: "chỉ khi", "khi nào", a "thì", a marker of another word
    for still in (
        "Chỉ khi có đủ vốn thì cầu Bình Khánh mới được khởi công.",
        "Khi nào cầu Bình Khánh sắp hoàn thành?",
        "Khi dự án sắp hoàn thành thì cầu Bình Khánh sẽ thông xe.",
        "Khi công tác chuẩn bị xong cầu Bình Khánh sẽ khởi công.",
        "Khi nhà đầu tư vừa và nhỏ góp vốn cầu Bình Khánh sẽ khởi công.",
        "Người dân lo khi nghe tin nếu cầu Bình Khánh sắp thông xe thì phí tăng.",
        "Chỉ  khi có vốn cầu Bình Khánh mới được khởi công.",
    ):
        assert any(c.hypothetical for c in candidates(still)), still
    # "nếu" stays a condition whatever follows it
    assert [c.hypothetical for c in candidates("Nếu cầu Bình Khánh sắp hoàn thành thì tốt.")] == [
        True
    ]


def test_the_model_is_fitted_on_first_use_and_kept_under_the_data_key():
    """Not committed: fitted from the labelled snippets, kept as a table of weights named by
    the model key (the package's data key, the labels' hash and the code's)."""
    import gzip

    from analysis import event_model, event_training

    path = event_model.model_path()
    assert path.parent == event_model.MODEL_DIR
    assert event_model.model_key() in path.name
    fitted()
    kept = event_model.EventModel.from_csv(gzip.decompress(path.read_bytes()).decode("utf-8"))
    assert kept == fitted() and kept.thresholds == event_training.CUT_OFFS


def test_a_new_fit_replaces_the_models_fitted_before(monkeypatch, tmp_path):
    from analysis import event_model, event_training

    monkeypatch.setattr(event_model, "MODEL_DIR", tmp_path)
    old = tmp_path / "event_model-0123456789abcdef.csv.gz"
    old.write_bytes(b"an older fit")
    tiny = event_model.EventModel({"type=delay": (1.0, 0.0)}, (0.0, 0.0), (0.5, 0.5))
    monkeypatch.setattr(event_training, "build", lambda: tiny)
    event_model.fitted.cache_clear()
    try:
        assert event_model.fitted() == tiny
    finally:
        event_model.fitted.cache_clear()
    assert [p.name for p in tmp_path.iterdir()] == [event_model.model_path().name]


def test_fitting_without_the_corpora_is_a_clear_error(monkeypatch, tmp_path):
    from analysis import event_training

    monkeypatch.setattr(event_training.config, "RSS_CORPUS", tmp_path / "missing.jsonl.gz")
    with pytest.raises(FileNotFoundError, match="fitted on first use"):
        event_training.build()


def test_an_event_takes_the_time_written_after_its_trigger():
    """Two stages, two dates: each takes the one that follows it."""
    text = "Cầu Cát Lái dự kiến khởi công năm 2026, khánh thành năm 2028."
    found = {(e.type, e.status): e.when for e in find_events(text, PUBLISHED)}
    assert found.get(("construction_start", "planned")) == "năm 2026"
    assert found.get(("completion", "planned")) == "năm 2028"


def test_a_stage_in_the_title_takes_the_date_of_the_lead():
    """A title that reports a stage and a lead that opens with its date (the dateline), or
    tells the same stage again with it."""
    published = pd.Timestamp("2025-12-19 15:00", tz="Asia/Ho_Chi_Minh")
    text = (
        "Động thổ tuyến đường sắt Bến Thành - Cần Giờ\n"
        "Sáng 19-12, tại Cần Giờ (TP.HCM) đã diễn ra lễ động thổ dự án tuyến đường sắt Bến "
        "Thành - Cần Giờ."
    )
    (event,) = [e for e in find_events(text, published) if e.type == "construction_start"]
    assert event.status == "done" and event.when == "Sáng 19-12"
    assert str(event.when_period) == "2025-12-19"


def test_an_events_sentence_names_its_project():
    """A trigger whose sentence names no project is the title's project's: the evidence
    shows the title's sentence too, as written on the title's line, else before " … "."""
    published = pd.Timestamp("2025-12-27 14:00", tz="Asia/Ho_Chi_Minh")
    text = "Sân bay Long Thành\nTheo kế hoạch, giữa năm 2026 sẽ khai thác thương mại."
    (event,) = find_events(text, published)
    assert event.sentence == (
        "Sân bay Long Thành … Theo kế hoạch, giữa năm 2026 sẽ khai thác thương mại."
    )
    title = "Không thể tháo dỡ trạm thu phí quốc lộ 51 vì nợ: Cưỡng chế được không?"
    found = candidates(f"{title}\nChủ đầu tư nói thế.")
    assert found and all(c.anaphoric for c in found)
    assert {evidence(f"{title}\n", c, sentences(title)) for c in found} == {title}
    told = "Cầu Rạch Miễu 2 đã thông xe."
    (c,) = candidates(told)
    assert not c.anaphoric and evidence(told, c, []) == told


def test_text_with_combining_marks_is_read_as_its_nfc_form():
    """Some corpus texts write the tone marks as combining characters ("ngày" as "nga" +
    U+0300 + "y"): the events are those of the NFC text, offsets and times as given."""
    composed = "Nỗ lực để khởi công cao tốc Quảng Ngãi - Kon Tum ngày 19-5-2026"
    text = unicodedata.normalize("NFD", composed)
    assert len(text) > len(composed)
    found = find_events(text, PUBLISHED)
    assert [(e.type, e.status, str(e.when_period)) for e in found] == [
        ("construction_start", "planned", "2026-05-19")
    ]
    (event,) = found
    assert text[event.start : event.end] == unicodedata.normalize(
        "NFD", "cao tốc Quảng Ngãi - Kon Tum"
    )
    assert event.when == unicodedata.normalize("NFD", "ngày 19-5-2026") and event.when in text
    # Marks that compose across clusters (Hangul jamo): read cluster by cluster, not NFC
    # still, and read once.
    jamo = f"{text} \u1100\u1161"
    assert [(e.start, e.end, e.when) for e in find_events(jamo, PUBLISHED)] == [
        (event.start, event.end, event.when)
    ]


def test_labelled_snippets_are_fitted_on_in_nfc(tmp_path):
    """The fit reads a snippet written with combining marks as find_events does: in NFC,
    its labelled spans moved along."""
    import csv

    from analysis.event_training import labelled_snippets, text_hash

    text = unicodedata.normalize("NFD", "Khởi công cầu Đình Khao ngày 19/12")
    project, when = (
        unicodedata.normalize("NFD", "cầu Đình Khao"),
        unicodedata.normalize("NFD", "ngày 19/12"),
    )
    p, w = text.index(project), text.index(when)
    row = {
        "snippet_id": "s-1", "source": "x", "source_id": "1", "date": "2025-12-19",
        "snippet_start": 0, "snippet_end": len(text), "text_hash": text_hash(text),
        "type": "construction_start", "status": "done", "project_start": p,
        "project_end": p + len(project), "when_start": w, "when_end": w + len(when),
    }  # fmt: skip
    path = tmp_path / "labels.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.DictWriter(handle, fieldnames=[*row])
        out.writeheader()
        out.writerow(row)
    (record,) = labelled_snippets(path, texts={"s-1": text})
    (event,) = record["events"]
    assert record["text"] == unicodedata.normalize("NFC", text)
    assert event["project"]["text"] == "cầu Đình Khao" and event["when"] == "ngày 19/12"
    start, end = event["project"]["start"], event["project"]["end"]
    assert record["text"][start:end] == "cầu Đình Khao"


def test_a_time_opening_the_sentence_after_a_short_aside_is_the_events():
    """Too far from the trigger to be its clause's, but the sentence's opening."""
    published = pd.Timestamp("2025-12-19 08:00", tz="Asia/Ho_Chi_Minh")
    text = (
        "Đi hướng nào để vào cao tốc Cần Thơ - Hậu Giang?\nTheo kế hoạch, 9h ngày 20-12, đường "
        "cao tốc Cần Thơ - Hậu Giang dài gần 38km (chưa kể tuyến nối dài hơn 9km) sẽ đưa vào "
        "khai thác."
    )
    (event,) = find_events(text, published)
    assert (event.type, event.status, event.when) == ("completion", "planned", "9h ngày 20-12")


def test_a_done_stage_takes_its_date_not_the_time_it_took():
    """The time it took ("sau 3 tháng thi công") is not a done stage's date; the sentence's
    opening is; a time since the stage ("Sau gần 10 tháng khởi công") is one. A promise keeps
    its "sau hai năm"."""
    published = pd.Timestamp("2025-11-23 15:00", tz="Asia/Ho_Chi_Minh")
    text = "Sáng 23-11, Sở Xây dựng TP.HCM tổ chức thông xe cầu Bình Triệu 1 sau 3 tháng thi công."
    (event,) = find_events(text, published)
    assert (event.status, event.when) == ("done", "Sáng 23-11")
    assert str(event.when_period) == "2025-11-23"
    (event,) = find_events("Cầu Cát Lái dự kiến hoàn thành sau hai năm thi công.", published)
    assert (event.status, event.when) == ("planned", "sau hai năm")
    (event,) = find_events("Sau gần 10 tháng khởi công, cầu Hồng Hà đã thành hình.", published)
    assert (event.type, event.status) == ("construction_start", "done")
    assert event.when == "Sau gần 10 tháng"


def test_a_done_stage_takes_no_span_from_another_event_nor_of_how_early_it_came():
    """A span counted from another event ("một ngày sau lễ khánh thành") or of how early the
    opening came ("trước 5 tháng") is no time of the stage: the dated opening is, or none."""
    published = pd.Timestamp("2025-08-20 10:00", tz="Asia/Ho_Chi_Minh")
    text = "Sáng 20-8, chỉ một ngày sau lễ khánh thành, cầu Nhơn Trạch chính thức cho xe đi lại."
    (event,) = find_events(text, published)
    assert (event.type, event.status, event.when) == ("completion", "done", "Sáng 20-8")
    text = "Thông xe cầu Nguyễn Văn Cừ trước 5 tháng\nSáng 20-8, Sở Xây dựng tổ chức lễ thông xe."
    (event,) = find_events(text, published)
    assert (event.type, event.status, event.when) == ("completion", "done", "Sáng 20-8")
    text = "Sáng 20-8, cầu Nhơn Trạch thông xe, sớm hơn dự kiến 2 tháng."
    (event,) = find_events(text, published)
    assert (event.type, event.when) == ("completion", "Sáng 20-8")
    # With nothing else written, the span is the time the text gives.
    text = "Cầu Rạch Bờ Dừa được khởi công chỉ hơn 1 tháng sau khi báo đăng tải bài viết."
    (event,) = find_events(text, published)
    assert (event.type, event.status, event.when) == ("construction_start", "done", "hơn 1 tháng")
    found = find_events("Cầu Cát Lái dự kiến hoàn thành một năm sau khi khởi công.", published)
    (event,) = [e for e in found if e.type == "completion"]
    assert event.status == "planned" and event.when == "một năm"  # a promise keeps its span


def test_a_stage_after_instead_of_did_not_happen():
    """ "thay vì được khai thác ngày 20-12" (instead of opening on 20-12): no opening."""
    published = pd.Timestamp("2025-12-19 08:00", tz="Asia/Ho_Chi_Minh")
    text = (
        "Cao tốc Cần Thơ - Hậu Giang thay vì được khai thác ngày 20-12 phải lùi lại đến ngày "
        "22-12, do phải dọn dẹp mặt bằng."
    )
    assert [e.type for e in find_events(text, published)] == ["delay"]


def test_a_date_set_off_by_commas_after_a_long_aside_is_the_sentences_dateline():
    published = pd.Timestamp("2025-05-20 10:00", tz="Asia/Ho_Chi_Minh")
    text = (
        "Sau 17 tháng thi công liên tục, ngày 19/5, chủ đầu tư đã đưa nhà ga hành khách "
        "quốc tế Cảng hàng không quốc tế Đà Nẵng vào khai thác."
    )
    (event,) = find_events(text, published)
    assert (event.type, event.status, event.when) == ("completion", "done", "ngày 19/5")


def test_a_bracket_that_restates_a_date_gives_no_time_of_its_own():
    """In "Sáng 16-2 (tức 29 Tết)" the bracket says the same day in the lunar calendar."""
    published = pd.Timestamp("2026-02-16 10:00", tz="Asia/Ho_Chi_Minh")
    text = "Sáng 16-2 (tức 29 Tết), cầu phao sông Lô chính thức thông xe."
    assert [t.text for t in find_times(text, published)] == ["Sáng 16-2"]
    (event,) = find_events(text, published)
    assert event.when == "Sáng 16-2"
    assert [t.text for t in find_times("Sáng 16-2 (tức 29 Tết), X", published)] == ["Sáng 16-2"]
    # After a span or a coarser time, the bracket says what it means: kept.
    texts = ("hoàn thành sau 2 năm (tức năm 2027)", "mùng 1 Tết (tức 17-2)")
    for text in texts:
        assert len(find_times(text, published, durations=True)) == 2
    # A promise takes no date set off before its trigger: the day it was made.
    text = (
        "Phát biểu tại hội nghị tổng kết công tác năm 2025 của các ban quản lý dự án phía Nam, "
        "sáng 15/2, Bộ trưởng Bộ Xây dựng yêu cầu các chủ đầu tư, nhà thầu tập trung nhân lực, "
        "thiết bị để sớm hoàn thành cao tốc Biên Hòa - Vũng Tàu."
    )
    (event,) = find_events(text, published)
    assert (event.status, event.when) == ("planned", None)


def test_a_body_paragraph_is_no_title_and_a_done_stage_takes_no_later_time():
    """The lead's dateline is read only after a title line; a stage reported done is not
    given a time after publication, nor the time of a promise told elsewhere."""
    (event,) = find_events("Cầu Cát Lái đã thông xe.\nNgày 5/6/2024, trời mưa lớn.", PUBLISHED)
    assert (event.type, event.status, event.when) == ("completion", "done", None)
    text = "Khởi công cầu Cát Lái\nCầu Cát Lái dự kiến sẽ khởi công vào năm 2027."
    found = {e.status: e.when for e in find_events(text, PUBLISHED)}
    assert found.get("planned") == "vào năm 2027" and found.get("done") is None
    (event,) = find_events("Cầu Cát Lái thông xe sau 2 năm nữa.", PUBLISHED)
    assert (event.status, str(event.when_period)) == ("planned", "2027")


def test_a_date_without_year_already_past_does_not_make_a_report_a_promise():
    """Written in November, "ngày 19-8" is read as next August for a promise; a stage reported
    done on it stays done, dated this August."""
    published = pd.Timestamp("2025-11-17 09:00", tz="Asia/Ho_Chi_Minh")
    (event,) = find_events("Cầu Rạch Miễu 2 đã thông xe ngày 19-8.", published)
    assert (event.status, event.when, str(event.when_period)) == ("done", "ngày 19-8", "2025-08-19")


def test_a_time_says_whether_its_year_is_written():
    """when.TimeExpression.year_given: a year in figures or in words, not a bare day or month."""
    from analysis.when import find_times

    text = "ngày 19-12, tháng 8 năm sau, ngày 30/4/2025, tháng 9"
    given = {t.text: t.year_given for t in find_times(text, PUBLISHED)}
    assert given == {
        "ngày 19-12": False,
        "tháng 8 năm sau": True,
        "ngày 30/4/2025": True,
        "tháng 9": False,
    }


def test_a_date_without_year_nearer_as_just_past_makes_a_report():
    """Written on 17 January, "khởi công 19-12" read forward is eleven months ahead, and the
    December just past is nearer: a report, not a promise. A sure promise stays one ("dự kiến
    thông xe ngày 19-8", written in November)."""
    january = pd.Timestamp("2026-01-17 09:00", tz="Asia/Ho_Chi_Minh")
    text = "Ngay sau ngày khởi công 19-12, metro số 5 đã chuyển sang thi công thực địa."
    # a report; its date, read as the past, lies after publication and is not kept (reading
    # it as last year's moved other reports' dates wrongly: make time-periods 0.974 to 0.955)
    assert {e.status for e in find_events(text, january)} == {"done"}
    november = pd.Timestamp("2025-11-17 09:00", tz="Asia/Ho_Chi_Minh")
    (event,) = find_events("Cầu Rạch Miễu 2 dự kiến thông xe ngày 19-8.", november)
    assert (event.status, str(event.when_period)) == ("planned", "2026-08-19")
    # a year given in words, a date later this year, one said to lie ahead: promises
    for text in (
        "Cầu Rạch Miễu 2 sẽ được khởi công vào tháng 8 năm sau.",
        "Cầu Rạch Miễu 2 sẽ được khởi công vào tháng 8 với vốn 2.000 tỉ đồng.",
        "Cầu Rạch Miễu 2 khởi công ngày 19-12 tới.",
    ):
        assert {e.status for e in find_events(text, january)} == {"planned"}, text


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Khoảng 11h30 ngày 10-11, cầu Rạch Miễu 2 thông xe.", "today"),
        ("Cầu Rạch Miễu 2 dự kiến thông xe ngày 19-12.", "ahead"),
        # not over at publication (10 November): ahead
        ("Cầu Rạch Miễu 2 dự kiến thông xe cuối tháng 11.", "ahead"),
        ("Cầu Rạch Miễu 2 đã thông xe ngày 19-8-2025.", "past"),
        # a Tết at hand names the season, as the status reads it (event_clauses.ahead)
        ("Cao tốc Bắc - Nam được nối thông trước thềm Tết Nguyên đán 2026.", "tet"),
    ],
)
def test_the_model_reads_the_clause_date_against_the_day_of_publication(text, reading):
    from analysis.events import read

    (scored, *_) = read(text, PUBLISHED)
    (candidate, feats) = scored[0]
    kind = candidate.trigger.type
    whens = {k for k in feats if k.startswith("when_")}
    assert whens == {f"when_{reading}|{kind}"}


def test_the_second_reading_is_of_labelled_snippets():
    """The blind second reading (benchmarks/event_label_agreement.py) holds labels of snippets
    of the first reading, cut from the same places."""
    import csv

    from analysis import event_training

    second_path = event_training.SECOND_READING
    with event_training.LABELS.open(encoding="utf-8") as handle:
        first = {r["snippet_id"]: r for r in csv.DictReader(handle)}
    with second_path.open(encoding="utf-8") as handle:
        second = list(csv.DictReader(handle))
    assert len({r["snippet_id"] for r in second}) == 240
    where = ("source", "source_id", "date", "snippet_start", "snippet_end", "text_hash")
    for row in second:
        assert all(row[c] == first[row["snippet_id"]][c] for c in where)
        assert row["type"] in {"", *EVENT_TYPES} and row["status"] in {"", "done", "planned"}


def test_the_dev_reading_covers_dev_and_is_kept_apart_from_training():
    """The helpers' blind reading of the dev set (benchmarks/event_label_agreement.py) holds
    every dev snippet, each whole and as it was read, and no article a training snippet is
    cut from is a dev snippet's."""
    import csv

    from analysis import config, event_training
    from analysis.evaluate import read_gold

    dev = {r["id"]: r for r in read_gold(config.EVENTS_DEV)}
    with event_training.DEV_READING.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with event_training.LABELS.open(encoding="utf-8") as handle:
        sources = {r["source_id"] for r in csv.DictReader(handle)}
    # a baomoi article's title and sapo is "lead:" and the article's id
    assert any(s.startswith(event_training.LEAD) for s in sources)
    training = {s.removeprefix(event_training.LEAD) for s in sources}
    assert {r["snippet_id"] for r in rows} == set(dev)
    assert not training & {r["source_id"] for r in dev.values()}
    for row in rows:
        text = dev[row["snippet_id"]]["text"]
        assert (int(row["snippet_start"]), int(row["snippet_end"])) == (0, len(text))
        assert row["text_hash"] == event_training.text_hash(text)
        assert row["type"] in {"", *EVENT_TYPES} and row["status"] in {"", "done", "planned"}
        if row["type"]:
            assert 0 <= int(row["project_start"]) < int(row["project_end"]) <= len(text)


def test_the_fit_reads_each_snippets_text_from_the_corpora(tmp_path, monkeypatch):
    import gzip
    import json

    from analysis import config
    from analysis.event_training import source_texts

    def corpus(name: str, lines: list[str]):
        path = tmp_path / name
        path.write_bytes(gzip.compress("".join(lines).encode()))
        return path

    rss = [
        json.dumps({"id": "a1", "title": "Cầu A ", "summary": "khởi công"}) + "\n",
        json.dumps({"id": "b2", "title": "Cầu B", "summary": None}) + "\n",
        '{"title": "Cầu C", "summary": "", "id": "c3"}\n',  # the id not first
        '{"id": "d\\/4", "title": "Cầu D", "summary": ""}\n',  # an escape in the id
    ]
    baomoi = [
        json.dumps({"baomoi_id": 7, "title": "Cầu E ", "sapo": "thông xe", "body": "Một\nhai"}),
        json.dumps({"baomoi_id": 8, "title": "F", "body": "x"}),  # no sapo
    ]
    baomoi = [line + "\n" for line in baomoi]
    monkeypatch.setattr(config, "RSS_CORPUS", corpus("rss.jsonl.gz", rss))
    monkeypatch.setattr(config, "BAOMOI_CORPUS", corpus("baomoi.jsonl.gz", baomoi))
    assert source_texts({"a1", "c3", "d/4", "7", "lead:7", "lead:8"}) == {
        "a1": "Cầu A\nkhởi công",
        "c3": "Cầu C\n",
        "d/4": "Cầu D\n",
        "7": "Một hai",
        "lead:7": "Cầu E\nthông xe",  # a baomoi article's title and sapo
        "lead:8": "F\n",
    }


def test_the_folds_hold_each_snippet_out_once(monkeypatch):
    """event_training.fold_models: every snippet is in one fold's test part, never in that
    fold's fit, and in every other fold's fit when it has a candidate; snippets of one text
    stay together; one with no candidate is held out too, so the folds do not depend on the
    candidates."""
    from analysis import event_training

    stages = [("Cầu Cát Lái", "completion"), ("Cầu Rạch Miễu 2", "construction_start")] * 6
    records = []
    for i, (name, stage) in enumerate(stages):
        planned = i % 2 == 0
        verb = {"completion": "thông xe", "construction_start": "khởi công"}[stage]
        text = f"{name} {'sẽ ' if planned else 'đã '}{verb} ({i})"
        status = "planned" if planned else "done"
        project = {"start": 0, "end": len(name)}
        event = {"type": stage, "status": status, "project": project}
        records.append({"id": f"s{i}", "date": "2025-09-01", "text": text, "events": [event]})
    records.append({**records[0], "id": "copy"})  # the same story from another source
    for i in range(4):  # a trigger, no event
        text = f"Khi nào cầu Cát Lái thông xe? ({i})"
        records.append({"id": f"n{i}", "date": "2025-09-01", "text": text, "events": []})
    records.append({"id": "none", "date": "2025-09-01", "text": "Giá vàng tăng", "events": []})
    fitted_on = []
    fit = event_training.fit
    monkeypatch.setattr(
        event_training, "fit", lambda rows: fitted_on.append({r[3] for r in rows}) or fit(rows)
    )
    readings = event_training.read_all(records)
    folds = list(event_training.fold_models(records, readings, folds=2))
    held = sorted(i for _, test in folds for i in test)
    assert held == list(range(len(records)))  # each once, "Giá vàng" (no candidate) too
    with_candidates = {i for i, r in enumerate(readings) if r[0]}
    assert 17 not in with_candidates
    for (_, test), trained in zip(folds, fitted_on, strict=True):
        assert not set(test) & trained and (set(test) | trained) & with_candidates == (
            with_candidates
        )
        assert (0 in test) == (12 in test)  # the copy goes with its twin
    assert all(isinstance(model, event_training.events.EventModel) for model, _ in folds)
    emptied = [([], *reading[1:]) if i == 1 else reading for i, reading in enumerate(readings)]
    redrawn = [test for _, test in event_training.fold_models(records, emptied, folds=2)]
    assert redrawn == [test for _, test in folds]  # a snippet losing its candidates moves none


def test_fold_groups_keep_a_text_and_an_article_together():
    """event_training.fold_groups: a baomoi article's lead ('lead:7') and a passage of its
    body ('7') share a group, and so does another source's word-for-word copy of either text,
    transitively; records without a source id group by their text alone."""
    from analysis.event_training import fold_groups

    records = [
        {"source_id": "lead:7", "text": "Cầu A\nthông xe"},
        {"source_id": "7", "text": "Cầu A thông xe hôm nay."},
        {"source_id": "rss-x", "text": "Cầu A thông xe hôm nay."},  # the passage's twin
        {"source_id": "8", "text": "Cầu B khởi công."},
        {"text": "Cầu B khởi công."},
        {"text": "Cầu C"},
    ]
    groups = fold_groups(records)
    assert groups[0] == groups[1] == groups[2] != groups[3]
    assert groups[3] == groups[4] != groups[5]


def test_event_model_fits_a_fold_of_one_class():
    """A fold whose other folds hold no candidate, or no event, or no planned event, still
    gets a model (tiny data): no weights, the smoothed share as its intercept."""
    from analysis import event_training

    assert event_training.fit([]).weights == {}
    done = event_training.fit([({"trig=khởi công": 1}, True, False, 0)])
    assert done.weights == {"trig=khởi công": (0.0, 0.0)}
    assert done.intercepts[0] > 0 > done.intercepts[1]


def test_extract_events_reads_with_the_model_it_is_given():
    """extract_events(model=...): a fold's model, not the fitted one."""
    from analysis import event_model
    from analysis.events import extract_events
    from analysis.mentions import extract_mentions

    articles = pd.DataFrame(
        {
            "article_id": ["a1"],
            "title": ["Cầu Cát Lái chính thức khởi công"],
            "published_at": [pd.Timestamp("2025-09-01", tz="Asia/Ho_Chi_Minh")],
        }
    )
    mentions = extract_mentions(articles, progress=False)
    assert len(extract_events(articles, mentions)) == 1
    never = event_model.EventModel({}, (-50.0, 0.0), (0.5, 0.5))  # no candidate is an event
    assert extract_events(articles, mentions, model=never).empty


@pytest.mark.parametrize(
    ("text", "project", "routed"),
    [
        (
            "khởi công tuyến đường sắt Thủ Thiêm nối sân bay Long Thành trong năm nay",
            "sân bay",
            True,
        ),
        ("dự án đường sắt từ Thủ Thiêm đi sân bay Long Thành sẽ khởi công", "sân bay", True),
        ("Ngày đầu thông xe cao tốc từ Quảng Ngãi tới hầm Cù Mông", "hầm", True),
        ("dự án đường dẫn vào cầu Giá Rai mới đạt 19%", "cầu", True),
        # The project's own: a part of it "tại" it, a comma between, a link with no work before.
        ("cải tạo đường cất hạ cánh tại sân bay Đà Nẵng", "sân bay", False),
        (
            "thông xe cao tốc Bắc - Nam đến Cà Mau, sân bay Long Thành đón chuyến bay",
            "sân bay",
            False,
        ),
        ("kết nối TP HCM với sân bay Long Thành dự kiến hoạt động năm 2026", "sân bay", False),
        ("Khởi công cầu Giá Rai", "cầu", False),
        # A route's name has its own dash; a dash before a word in lower case breaks.
        ("tuyến đường sắt TP HCM - Cần Thơ nối sân bay Long Thành", "sân bay", True),
        # The clause ends at a line (title, then lead) and a sentence's end.
        ("Cầu xây 8 năm không xong, dân mở đường đi\nCầu Trần Bạch Đằng khởi công", "Cầu T", False),
        ("Khánh thành đường Vành đai 3. Người dân đi sân bay Long Thành dễ hơn", "sân bay", False),
        # "yêu cầu", "khu vực", "liên quan đến", a list "từ ... đến ..." name no work.
        ("Bộ trưởng yêu cầu bố trí đủ vốn vào cao tốc Bắc - Nam", "cao tốc", False),
        ("vướng mắc của tuyến liên quan đến cao tốc Bắc - Nam", "cao tốc", False),
        ("Người dân khu vực gần sân bay Long Thành", "sân bay", False),
        ("các tuyến liên quan  đến cao tốc Bắc - Nam", "cao tốc", False),  # two spaces
        # Any dash folds to "-"; the dot of "TP. HCM" ends no sentence; a section's route.
        ("Thông xe cầu Mỹ Thuận 2 — người dân đi sân bay Long Thành", "sân bay", False),
        ("tuyến đường sắt TP. HCM đi sân bay Long Thành", "sân bay", True),
        ("Đoạn từ cầu vượt Văn Thánh đến cầu Sài Gòn", "cầu Sài", True),
        ("nhiều dự án, từ đường vượt biển Cần Giờ đến cao tốc Hồ Tràm", "cao tốc", False),
        # A canal next to it, a street at its gateway (nineteenth session); not the city of
        # Rạch Giá, nor a gateway road that is the project itself.
        ("Rạch Đá Đỏ cạnh metro số 1 vào trung tâm TP.HCM", "metro", True),
        ("Khai mạc đường hoa Xuân cửa ngõ sân bay Tân Sơn Nhất", "sân bay", True),
        ("Người dân Rạch Giá đi cao tốc Lộ Tẻ - Rạch Sỏi", "cao tốc", False),
        ("Khởi công nâng cấp tuyến đường cửa ngõ Quốc lộ 13", "Quốc lộ", False),
        # What a work extends: its stages are the extension's (twentieth session).
        ("Dự án kéo dài metro Suối Tiên đến sân bay Long Thành sẽ khởi công", "metro", True),
        ("thông qua nghị quyết dự án kéo dài tuyến metro số 1 đến Bình Dương", "metro", True),
        ("Dự án mở rộng cao tốc TP.HCM - Trung Lương được khởi công", "cao tốc", False),
        ("metro số 1 nối dài tới sân bay Long Thành sẽ khởi công", "metro", True),
        ("dự án nối dài metro số 3 được phê duyệt", "metro", True),
        # "kéo dài" of a deadline or of anything but a line is no extension
        ("Chính phủ đồng ý kéo dài dự án metro số 1 đến cuối năm 2024", "metro", False),
        ("Hạn hán kéo dài hồ Trị An cạn nước", "hồ", False),
        ("Metro Bến Thành - Suối Tiên kéo dài 19,7 km", "Metro", False),
        # Either end of a link "giữa A và B" (twenty-first session); no work, no link.
        ("đề xuất kết nối đường sắt giữa Tân Sơn Nhất và Long Thành", "Tân Sơn", True),
        ("tuyến đường sắt giữa ga Hà Nội và sân bay Nội Bài", "sân bay", True),
        ("chuyển đổi hoạt động giữa Long Thành và sân bay Tân Sơn Nhất", "sân bay", False),
        ("Khởi công cầu Tứ Liên vào giữa năm 2026 và cầu Trần Hưng Đạo", "cầu Trần", False),
        ("Hợp long đoạn giữa cầu Rạch Miễu 2", "cầu Rạch", False),
        # The route's second end after a dash; a work through or over it; an aside in
        # brackets (twenty-fourth session). Not a section named by what it passes, "thông
        # qua", an airport's departures hall, nor "Hương lộ 2 (đoạn quốc lộ 51)" lost.
        ("đề xuất phương án đường sắt nối sân bay Tân Sơn Nhất - Long Thành", "Long", True),
        ("đường sắt đô thị nối sân bay Đà Nẵng - Hội An - sân bay Chu Lai", "sân bay C", True),
        ("Gói thầu tư vấn tuyến hầm qua sân bay Đà Nẵng đã được mở", "sân bay", True),
        ("Dự án hầm chui Phước Kiến (phường Phú Lợi) qua quốc lộ 13 khởi công", "quốc", True),
        # a regression guard: the aside's own "đoạn ... đến" marked it before too
        ("phê duyệt Hương lộ 2 (đoạn quốc lộ 51) đến cao tốc TP.HCM - Long Thành", "cao", True),
        ("Cao tốc Quảng Ngãi - Hoài Nhơn, đoạn qua hầm Bình Đê chuẩn bị thông xe", "hầm", False),
        ("Quốc hội thông qua dự án cầu Tứ Liên", "cầu", False),
        ("Ga đi sân bay Tân Sơn Nhất kín người", "sân bay", False),
        # Traffic over the project, time gone by: no work passing it.
        ("tuyến đường bị kẹt khi ôtô bị cấm qua cầu Bình Triệu 1 để sửa chữa", "cầu", False),
        ("Ngành đường sắt tạm dừng khai thác tàu qua cầu Long Biên", "cầu", False),
        ("Cao tốc Bắc - Nam thời gian qua sân bay Long Thành", "sân bay", False),
        # A section's second end; a decimal comma ends no clause; not "gián đoạn".
        ("thi công vành đai 2,5 đoạn Đầm Hồng - quốc lộ 1 (Hà Nội)", "quốc", True),
        # A route "từ" the project (twenty-seventh session): a metro, a section's first end;
        # not a flight's, nor a work right after "từ" (a list, above).
        (
            "đề nghị nghiên cứu dự án tàu điện ngầm từ sân bay Tân Sơn Nhất tới Long Thành",
            "sân",
            True,
        ),
        (
            "đề nghị nghiên cứu dự án tàu điện ngầm từ sân bay Tân Sơn Nhất tới Long Thành",
            "Long",
            True,
        ),
        ("Giải phóng mặt bằng Vành đai 4 đoạn từ cầu Thủ Biên đến sông Sài Gòn", "cầu", True),
        ("Tuyến đường dài 6,4 km từ quốc lộ 1 đến đường ven biển, vốn 800 tỷ", "quốc lộ", True),
        ("Chuyến bay từ sân bay Tân Sơn Nhất đi Hà Nội bị hủy", "sân bay", False),
        ("Trên đường từ cầu Mỹ Thuận 2 về, đoàn kiểm tra", "cầu", False),
        ("Cao tốc Trung Lương thi công từ năm 2009 - cầu Mỹ Thuận 2 khởi công", "cầu", False),
        ("Cao tốc X thông xe từ 30/4 - cầu Rạch Miễu 2 khởi công", "cầu", False),
        ("Tuyến đường sắt bị gián đoạn ở Huế - cầu Ghềnh sửa xong", "cầu", False),
    ],
)
def test_a_project_that_ends_another_works_route_is_marked(text, project, routed):
    from analysis.other_works import via_other_work

    assert via_other_work(text, text.index(project)) is routed


def test_a_title_naming_no_project_pairs_its_triggers_with_the_leads_projects():
    text = (
        "TP HCM chốt chủ trương đầu tư 3 cầu kết nối Đồng Nai\n"
        "Ba dự án cầu Thạnh Hội 2, Tân An và Tân Hiền kết nối Đồng Nai thực hiện ở giai đoạn "
        "2026-2030. Cầu Thạnh Hội 2 dài 1,5 km."
    )
    found = candidates(text)
    from_title = {c.mention.entity_id for c in found if c.trigger.phrase == "chủ trương đầu tư"}
    assert from_title == {"cầu thạnh hội 2", "cầu tân an", "cầu tân hiền"}
    (lead_candidate, *_) = (c for c in found if c.trigger.phrase == "chủ trương đầu tư")
    scored, _ = candidate_features(text)
    from_lead = [f for c, f in scored if c.title_to_lead]
    # two triggers ("chốt", "chủ trương đầu tư") for each of the three bridges
    assert len(from_lead) == 6 and all("title_to_lead|approval" in f for f in from_lead)
    # the evidence reads title, then lead
    assert evidence(text, lead_candidate, sentences(text)).startswith("TP HCM chốt")
    # a title that names a project keeps its triggers to itself
    named = "Khởi công cầu Rạch Miễu 2\nCầu Thạnh Hội 2 dài 1,5 km."
    assert {c.mention.entity_id for c in candidates(named)} == {"cầu rạch miễu 2"}


def test_a_cue_word_inside_a_projects_name_is_no_cue():
    """'cần' (need: a promise) of 'Cần Thơ', 'Cần Giờ' is a name, not a cue."""
    scored, _ = candidate_features("Cao tốc Cần Thơ - Cà Mau thông xe, tiền xăng giảm")
    ((_, feats),) = scored
    assert not any(name.startswith("planned_") for name in feats)
    scored, _ = candidate_features("Cao tốc Cần Thơ - Cà Mau cần thông xe trước Tết")
    assert "planned_before=cần" in scored[0][1]


def test_a_title_trigger_of_the_leads_project_takes_the_leads_time():
    """The lead restates the title's time by the project ("thông xe vào trưa 29.4" then "...
    lúc 11 giờ 30 ngày 29.4"): the labels take the lead's."""
    published = pd.Timestamp("2026-04-20", tz="Asia/Ho_Chi_Minh")
    text = (
        "Ba cao tốc qua Gia Lai sẽ thông xe vào trưa 29.4\n"
        "Cao tốc Hoài Nhơn - Quy Nhơn và Quảng Ngãi - Hoài Nhơn, lúc 11 giờ 30 ngày 29.4, đón "
        "những chiếc xe đầu tiên."
    )
    found = {e.entity_id: e for e in find_events(text, published)}
    event = found["cao tốc hoài nhơn - quy nhơn"]
    assert (event.type, event.status) == ("completion", "planned")
    assert "ngày 29.4" in event.when


def test_a_title_trigger_of_the_leads_project_takes_no_time_of_another_clause():
    """The lead's time belongs to the project's own clause only: "Dự án được phê duyệt chủ
    trương ngày 5-3-2024" dates the approval, not the start the title reports."""
    published = pd.Timestamp("2026-01-08", tz="Asia/Ho_Chi_Minh")
    text = (
        "Khởi công 3 cầu nối Đồng Nai\n"
        "Ba cầu Thạnh Hội 2, Tân An và Tân Hiền nối TP HCM với Đồng Nai. Dự án được phê duyệt "
        "chủ trương ngày 5-3-2024."
    )
    starts = [e for e in find_events(text, published) if e.type == "construction_start"]
    assert starts and all(e.when is None for e in starts)


def test_an_undated_article_is_read_against_the_day_it_was_collected():
    """An article with no publication date (baomoi keeps only the day it was first stored,
    ``collected_at``) is read against that day, as its labelled snippets were: "cuối năm
    nay", stored in May 2017, is the last quarter of 2017, ahead, so the opening is
    planned; its events keep ``published_at`` null. With neither date there is no year to
    read "nay" against: no period."""
    from analysis.events import extract_events
    from analysis.mentions import extract_mentions

    title = "Cầu Vàm Cống thông xe vào cuối năm nay"
    articles = pd.DataFrame(
        {
            "article_id": ["a1", "a2"],
            "title": [title, title],
            "published_at": pd.Series([pd.NaT, pd.NaT], dtype="datetime64[us, Asia/Ho_Chi_Minh]"),
            "collected_at": [pd.Timestamp("2017-05-08", tz="Asia/Ho_Chi_Minh"), pd.NaT],
        }
    )
    found = extract_events(articles, extract_mentions(articles, progress=False))
    found = found.set_index("article_id")
    assert found.loc["a1", ["type", "status", "when_period"]].tolist() == [
        "completion",
        "planned",
        "2017Q4",
    ]
    assert pd.isna(found.loc["a1", "published_at"])
    assert pd.isna(found.loc["a2", "when_period"])


@pytest.mark.parametrize(
    ("text", "awaits"),
    [
        ("Điện đã phủ kín sân bay Long Thành, chờ ngày khai thác thương mại", True),
        ("Đường nối sẵn sàng cho ngày sân bay Long Thành khai thác thương mại", True),
        ("Diện mạo cao tốc Bắc - Nam trước ngày thông xe", True),
        ("Chỉ còn 14 ngày nữa sẽ đến thời điểm thông xe cao tốc Cần Thơ - Cà Mau", True),
        ("Trước ngày 19/12, cao tốc Cần Thơ - Cà Mau đã thông xe", False),  # a comma
        ("Cao tốc Cần Thơ - Cà Mau đã thông xe ngày 19/12", False),
        # Said done right before its trigger; the moment now; the end of a span.
        ("Đến ngày 19/12 cao tốc Cần Thơ - Cà Mau đã thông xe toàn tuyến", False),
        ("Đến thời điểm này cao tốc Cần Thơ - Cà Mau đã hoàn thành 90% khối lượng", False),
        ("Từ ngày khởi công đến ngày thông xe, cao tốc Cần Thơ - Cà Mau mất 3 năm", False),
        ("Mãi đến ngày cầu Rạch Miễu 2 thông xe người dân mới hết cảnh chờ phà", False),
        ("Đến thời điểm hiện nay cao tốc Cần Thơ - Cà Mau hoàn thành", False),
        # A date written after the day is read as a time; "đón ngày" is a celebration.
        ("Đến ngày 30/4/2025 sân bay Long Thành chính thức khai thác thương mại", False),
        ("Người dân hân hoan đón ngày cao tốc Cần Thơ - Cà Mau thông xe", False),
    ],
)
def test_a_stage_awaited_is_planned(text, awaits):
    """A stage awaited ("chờ ngày khai thác", "trước ngày thông xe") is not reported."""
    from analysis.event_clauses import awaited

    candidate = next(c for c in candidates(text) if c.trigger.type == "completion")
    assert (awaited(text, candidate) is not None) is awaits
    if awaits:
        assert not any(status == "done" for _, status, _ in _events(text))


def test_a_stage_awaited_at_a_time_now_past_is_done():
    """The time written after the awaiting words has passed: the stage is history."""
    text = "Trước lúc cầu Mỹ Thuận thông xe năm 2000, người dân đi phà"
    assert ("completion", "done", "cầu mỹ thuận") in _events(text)
