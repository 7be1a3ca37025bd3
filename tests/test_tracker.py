"""The project tracker (analysis.tracker) on events written for the purpose."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.events import extract_events
from analysis.mentions import entities, extract_mentions
from analysis.schemas import TRACKER
from analysis.tracker import SURE, project_timeline, project_tracker, promises, stage_reports

TZ = "Asia/Ho_Chi_Minh"


def _article(article_id: str, day: str, title: str) -> dict:
    return {
        "article_id": article_id,
        "title": title,
        "lead": "",
        "body": "",
        "published_at": pd.Timestamp(day, tz=TZ),
        "outlet": "VnExpress",
        "url": f"https://example.vn/{article_id}",
    }


ARTICLES = pd.DataFrame(
    [
        _article(
            "a1", "2025-08-01 08:00", "Sân bay Long Thành dự kiến khai thác vào ngày 19/12/2025"
        ),
        _article(
            "a2",
            "2025-10-01 08:00",
            "Sân bay Long Thành dự kiến khai thác thương mại trong quý II/2026",
        ),
        _article("a3", "2026-05-20 08:00", "Sân bay Long Thành chính thức khai thác thương mại"),
        _article(
            "a4",
            "2026-06-01 08:00",
            "Tổng mức đầu tư sân bay Long Thành giai đoạn 1 là 109.111 tỷ đồng",
        ),
        # An approval the model is sure of (the competent body EVENTS.md names): since the
        # twenty-sixth session's fit, "Bộ Xây dựng phê duyệt chủ trương đầu tư cao tốc X"
        # scores 0.59, just under the tracker's sure 0.6, and this test is of the tracker.
        _article(
            "a5",
            "2026-07-01 08:00",
            "Quốc hội thông qua chủ trương đầu tư cao tốc Gia Nghĩa - Chơn Thành",
        ),
    ]
)


def _tables():
    mentions = extract_mentions(ARTICLES, progress=False)
    events = extract_events(ARTICLES, mentions)
    amounts = pd.DataFrame(
        {
            "article_id": ["a4"],
            "field": ["title"],
            "start": [ARTICLES.loc[3, "title"].index("109.111")],
            "sentence": [ARTICLES.loc[3, "title"]],
            "value": [109_111e9],
            "unit": ["VND"],
        }
    )
    return mentions, events, amounts


def test_one_row_per_project_with_stage_promises_slips_and_money():
    mentions, events, amounts = _tables()
    tracker = project_tracker(events, mentions, amounts, ARTICLES)
    TRACKER.validate(tracker)
    assert set(tracker["entity_id"]) == set(entities(mentions)["entity_id"])
    row = tracker.set_index("entity_id").loc["sân bay long thành"]
    assert row["current_stage"] == "completion"
    assert row["current_stage_at"] == pd.Timestamp("2026-05-20 08:00", tz=TZ)
    assert row["current_stage_article"] == "a3"
    assert row["promise_count"] == 2 and row["promised_completion"] == "2026Q2"
    # 19/12/2025 was pushed back to Q2 2026 (a slip of about six months); Q2 2026 was kept.
    assert row["slip_count"] == 1 and 5.5 < row["slip_months"] < 6.8
    assert row["investment_vnd"] == 109_111e9
    assert row["outlets"] == ["VnExpress: 4"]
    other = tracker.set_index("entity_id").loc["cao tốc gia nghĩa - chơn thành"]
    assert other["current_stage"] == "approval" and other["slip_count"] == 0


def test_promises_say_what_became_of_them():
    _, events, _ = _tables()
    found = promises(events, ARTICLES["published_at"].max())
    outcome = dict(zip(found["when_period"], found["outcome"], strict=True))
    assert outcome == {"2025-12-19": "slipped", "2026Q2": "kept"}
    # Without the later articles, the first promise is still open when the corpus ends.
    early = events[events["published_at"] < pd.Timestamp("2025-09-01", tz=TZ)]
    assert list(promises(early, pd.Timestamp("2025-09-01", tz=TZ))["outcome"]) == ["open"]
    # A report in the promise's own article ("... đã xong, dự kiến thông xe ngày 19/8")
    # keeps nothing: only a later one does.
    opening = (events["article_id"] == "a3") & (events["status"] == "done")
    promise = (events["article_id"] == "a2") & (events["status"] == "planned")
    within = pd.Timestamp("2026-04-15 08:00", tz=TZ)  # inside the promised quarter
    same = events.assign(
        article_id=events["article_id"].mask(opening, "a2"),
        published_at=events["published_at"].mask(opening | promise, within),
    )
    found = promises(same, ARTICLES["published_at"].max())
    assert dict(zip(found["when_period"], found["outcome"], strict=True))["2026Q2"] == "open"


def test_a_stage_reported_once_unsure_is_no_stage_nor_a_kept_promise():
    """tracker.stage_reports in the tracker: the opening reported once (a3), made unsure, is
    no stage, and the promise it kept is open again; at exactly SURE it counts."""
    mentions, events, amounts = _tables()
    opening = (events["article_id"] == "a3") & (events["status"] == "done")
    assert opening.sum() == 1
    for probability, stage, outcome in ((SURE - 0.01, None, "open"), (SURE, "completion", "kept")):
        changed = events.assign(probability=events["probability"].mask(opening, probability))
        row = project_tracker(changed, mentions, amounts, ARTICLES).set_index("entity_id")
        now = row.loc["sân bay long thành", "current_stage"]
        assert now == stage if stage else pd.isna(now)
        found = promises(changed, ARTICLES["published_at"].max())
        assert dict(zip(found["when_period"], found["outcome"], strict=True))["2026Q2"] == outcome


def test_a_completion_reported_only_of_a_part_is_completed_in_part():
    """completed_in_part: the opening (a3) reported of a section only is completion "in
    part"; the whole's opening, or any stage but completion, is not."""
    mentions, events, amounts = _tables()
    row = project_tracker(events, mentions, amounts, ARTICLES).set_index("entity_id")
    assert not row.loc["sân bay long thành", "completed_in_part"]
    assert not row.loc["cao tốc gia nghĩa - chơn thành", "completed_in_part"]
    opening = (events["article_id"] == "a3") & (events["status"] == "done")
    section = "Nhà ga hành khách sân bay Long Thành chính thức khai thác thương mại"
    partly = events.assign(sentence=events["sentence"].mask(opening, section))
    row = project_tracker(partly, mentions, amounts, ARTICLES).set_index("entity_id")
    assert row.loc["sân bay long thành", "current_stage"] == "completion"
    assert row.loc["sân bay long thành", "completed_in_part"]


def test_timeline_is_oldest_first_with_links():
    _, events, _ = _tables()
    timeline = project_timeline(events, "sân bay long thành", ARTICLES)
    assert timeline["published_at"].is_monotonic_increasing
    assert timeline["url"].str.startswith("https://example.vn/").all()


def test_no_mentions_gives_an_empty_tracker():
    empty = extract_mentions(ARTICLES.iloc[:0], progress=False)
    tracker = project_tracker(
        extract_events(ARTICLES.iloc[:0], empty),
        empty,
        pd.DataFrame(columns=["article_id", "field", "sentence", "value", "unit"]),
        ARTICLES.iloc[:0],
    )
    assert tracker.empty and list(tracker.columns) == list(TRACKER.empty().columns)


def test_an_amount_is_the_first_named_projects_or_the_titles():
    """ "Dự án cầu X nối cao tốc Y có tổng mức đầu tư ...": the amount is the bridge's, not the
    expressway's; a lead sentence that names no project speaks of the title's first project;
    a project named only as another work's place or route end gets none of its money."""
    from analysis.money import investment_figures
    from analysis.places import extract_amounts

    articles = pd.DataFrame(
        [
            {
                **_article("b1", "2026-03-01 08:00", "Khởi công cầu Rạch Miễu 2"),
                "lead": "Dự án có tổng mức đầu tư hơn 6.800 tỉ đồng.",
            },
            {
                **_article("b2", "2026-03-02 08:00", "Đồng Nai làm đường mới"),
                "lead": "Dự án cầu Cát Lái nối cao tốc TP.HCM - Long Thành - Dầu Giây có tổng "
                "mức đầu tư 7.300 tỉ đồng.",
            },
            {
                **_article("b3", "2026-03-03 08:00", "Khởi công đường nối sân bay Gia Bình"),
                "lead": "Hà Nội khởi công tuyến đường kết nối sân bay Gia Bình với Thủ đô, tổng "
                "vốn đầu tư khoảng 83.000 tỷ đồng.",
            },
            {
                **_article("b4", "2026-03-04 08:00", "Đà Nẵng cải tạo nút giao"),
                "lead": "Dự án cải tạo cụm nút giao thông khu vực cầu Hòa Xuân có tổng mức đầu "
                "tư hơn 1.378 tỉ đồng.",
            },
            # The work's money goes to no project: not the next one the sentence names, nor
            # the next one of the title.
            {
                **_article("b5", "2026-03-05 08:00", "Làm đường mới ở TP.HCM"),
                "lead": "Tuyến đường liên cảng Cát Lái - Phú Hữu, kết nối cao tốc TP.HCM - Long "
                "Thành - Dầu Giây có tổng vốn 8.782 tỉ đồng.",
            },
            {
                **_article(
                    "b6",
                    "2026-03-06 08:00",
                    "Sẽ xây đường trên cao dọc quốc lộ 51, kết nối cao tốc Biên Hòa - Vũng Tàu",
                ),
                "lead": "Sơ bộ tổng mức đầu tư khoảng 16.406 tỉ đồng.",
            },
        ]
    )
    mentions = extract_mentions(articles, progress=False)
    amounts = extract_amounts(articles)
    tied = investment_figures(amounts, mentions, articles)
    assert sorted(zip(tied["article_id"], tied["entity_id"], tied["value"], strict=True)) == [
        ("b1", "cầu rạch miễu 2", 6_800e9),
        ("b2", "cầu cát lái", 7_300e9),
    ]
    # Articles given apart from their mentions and amounts: one missing is no error (its
    # figure is tied, undated).
    tied = investment_figures(amounts, mentions, articles[articles["article_id"] != "b2"])
    assert tied.set_index("article_id")["published_at"].isna().to_dict() == {
        "b1": False,
        "b2": True,
    }


def test_a_stage_stands_on_a_sure_report_or_two_articles():
    def report(article, entity, stage, probability, day):
        return {
            "article_id": article,
            "entity_id": entity,
            "type": stage,
            "status": "done",
            "probability": probability,
            "published_at": pd.Timestamp(day, tz=TZ),
        }

    unsure, sure = SURE - 0.1, SURE + 0.1
    done = pd.DataFrame(
        [
            # One unsure report: no stage.
            report("a1", "cầu x", "completion", unsure, "2025-09-01"),
            # An unsure report before a sure one: the sure one dates the stage.
            report("a1", "cầu y", "construction_start", unsure, "2025-09-01"),
            report("a2", "cầu y", "construction_start", sure, "2025-10-01"),
            # Two articles, neither sure: both stand.
            report("a1", "cầu z", "approval", unsure, "2025-09-01"),
            report("a3", "cầu z", "approval", unsure, "2025-11-01"),
            # Twice in one article, unsure: no stage.
            report("a4", "cầu w", "approval", unsure, "2025-09-01"),
            report("a4", "cầu w", "approval", unsure, "2025-09-01"),
            # A sure stage does not make another stage of the project sure.
            report("a5", "cầu v", "approval", sure, "2025-09-01"),
            report("a6", "cầu v", "completion", unsure, "2025-10-01"),
            report("a7", "cầu v", "completion", unsure, "2025-11-01"),
        ]
    )
    kept = stage_reports(done)
    assert list(zip(kept["entity_id"], kept["article_id"], strict=True)) == [
        ("cầu y", "a2"),
        ("cầu z", "a1"),
        ("cầu z", "a3"),
        ("cầu v", "a5"),
        ("cầu v", "a6"),
        ("cầu v", "a7"),
    ]
    assert stage_reports(done.iloc[:0]).empty


def test_promises_are_sure_and_the_projects_own():
    """A planned start or completion is a promise when the events read it surely (at least
    SURE) and it is the project's own: not when the project ends another work's route
    (via_other_work), which neither makes a stage."""
    _, events, _ = _tables()
    first = (events["article_id"] == "a1") & (events["status"] == "planned")
    assert first.sum() == 1 and not events["via_other_work"].any()
    end = ARTICLES["published_at"].max()
    for probability, routed, promised in (
        (SURE, False, True),
        (SURE - 0.01, False, False),
        (SURE, True, False),
    ):
        changed = events.assign(
            probability=events["probability"].mask(first, probability),
            via_other_work=first & routed,
        )
        assert ("2025-12-19" in set(promises(changed, end)["when_period"])) == promised
    opening = (events["article_id"] == "a3") & (events["status"] == "done")
    assert "a3" in set(stage_reports(events[events["status"] == "done"])["article_id"])
    routed = events.assign(via_other_work=opening)
    assert "a3" not in set(stage_reports(routed[routed["status"] == "done"])["article_id"])


def test_slips_count_from_the_first_promise_that_slipped():
    """A coarse first promise ("trong năm 2026") kept by the first flights does not hide the
    slip after it: the second quarter's opening moved to December, six months. Another work's
    delay (via_other_work) is no delay report of the project."""
    articles = pd.DataFrame(
        [
            _article(
                "b1", "2025-08-01 08:00", "Sân bay Long Thành dự kiến khai thác trong năm 2026"
            ),
            _article(
                "b2",
                "2025-10-01 08:00",
                "Sân bay Long Thành dự kiến khai thác thương mại trong quý II/2026",
            ),
            _article(
                "b3",
                "2025-12-20 08:00",
                "Sân bay Long Thành chính thức khai thác chuyến bay đầu tiên",
            ),
            _article(
                "b4",
                "2026-05-01 08:00",
                "Sân bay Long Thành dự kiến khai thác thương mại vào tháng 12/2026",
            ),
            _article("b5", "2026-05-02 08:00", "Sân bay Long Thành chậm tiến độ"),
        ]
    )
    mentions = extract_mentions(articles, progress=False)
    events = extract_events(articles, mentions)
    amounts = pd.DataFrame(columns=["article_id", "field", "start", "sentence", "value", "unit"])
    found = promises(events, articles["published_at"].max())
    assert list(found["outcome"]) == ["kept", "slipped", "open"]
    row = project_tracker(events, mentions, amounts, articles).iloc[0]
    assert (row["slip_count"], row["slip_months"]) == (1, 6.0)
    assert row["delay_reports"] == 1
    routed = events.assign(via_other_work=events["type"] == "delay")
    assert project_tracker(routed, mentions, amounts, articles).iloc[0]["delay_reports"] == 0


def test_the_completion_last_promised_is_the_one_told_last():
    """A deadline for the works promised after the opening's date does not replace it when
    the opening's date is told again after the deadline (Long Thành, August 2026)."""
    articles = pd.DataFrame(
        [
            _article(
                "c1",
                "2026-07-18 08:00",
                "Sân bay Long Thành dự kiến khai thác thương mại vào tháng 12/2026",
            ),
            _article(
                "c2", "2026-08-18 08:00", "Sân bay Long Thành phải hoàn thành trước ngày 31/8/2026"
            ),
            _article(
                "c3",
                "2026-08-20 08:00",
                "Sân bay Long Thành dự kiến khai thác thương mại vào tháng 12/2026",
            ),
        ]
    )
    mentions = extract_mentions(articles, progress=False)
    events = extract_events(articles, mentions)
    amounts = pd.DataFrame(columns=["article_id", "field", "start", "sentence", "value", "unit"])
    found = promises(events).set_index("when_period")
    assert found.loc["2026-12", "promised_at"] == pd.Timestamp("2026-07-18 08:00", tz=TZ)
    assert found.loc["2026-12", "last_told_at"] == pd.Timestamp("2026-08-20 08:00", tz=TZ)
    row = project_tracker(events, mentions, amounts, articles).iloc[0]
    assert row["promised_completion"] == "2026-12"
    assert row["promised_completion_at"] == pd.Timestamp("2026-07-18 08:00", tz=TZ)
    # Without the last telling, the deadline made last is the promise.
    early = events[events["article_id"] != "c3"]
    assert project_tracker(early, mentions, amounts, articles).iloc[0]["promised_completion"] == (
        "2026-08-31"
    )


def test_a_part_or_a_change_of_the_investment_is_no_total():
    """An amount in brackets is a part of the total ("(không bao gồm 12.784 tỉ đồng chi phí
    GPMB)"), so is the land's cost, and one right after "tăng" or "giảm" is a change to it:
    none is the project's total investment; the total beside them is."""
    from analysis.money import investment_figures
    from analysis.places import extract_amounts

    articles = pd.DataFrame(
        [
            {
                **_article("c1", "2026-03-01 08:00", "Chấp thuận đường sắt Bến Thành - Cần Giờ"),
                "lead": "Dự án đường sắt Bến Thành - Cần Giờ có tổng mức đầu tư khoảng 102.430 "
                "tỉ đồng (không bao gồm khoảng 12.784 tỉ đồng chi phí giải phóng mặt bằng).",
            },
            {
                **_article("c2", "2026-03-02 08:00", "Đường sắt Lào Cai - Hà Nội - Hải Phòng"),
                "lead": "Tổng mức đầu tư dự án đường sắt Lào Cai - Hà Nội - Hải Phòng tăng hơn "
                "86.000 tỉ đồng.",
            },
            {
                **_article("c3", "2026-03-03 08:00", "Cao tốc TP.HCM - Mộc Bài"),
                "lead": "Điều chỉnh dự án cao tốc TP.HCM - Mộc Bài, tăng tổng mức đầu tư lên "
                "22.975 tỉ đồng.",
            },
            # The land's cost is a part; a total named after the clearing is not.
            {
                **_article("c4", "2026-03-04 08:00", "Vành đai 5"),
                "lead": "Dự án vành đai 5 Hà Nội ảnh hưởng gần 7.000 hộ dân với tổng chi phí "
                "bồi thường, tái định cư hơn 12.000 tỉ đồng.",
            },
            {
                **_article("c9", "2026-03-09 08:00", "Đường sắt tốc độ cao"),
                "lead": "Dự án đường sắt tốc độ cao Bắc - Nam qua Đồng Nai dự kiến giải phóng "
                "490 ha mặt bằng, kinh phí 11.700 tỉ đồng.",
            },
            # A total written again in VND in brackets is the same total.
            {
                **_article("c6", "2026-03-06 08:00", "Metro số 1"),
                "lead": "Dự án tuyến metro Bến Thành - Suối Tiên có tổng vốn 2,49 tỉ USD (hơn "
                "47.000 tỉ đồng).",
            },
            # Clearing told before the total, "giải tỏa ùn tắc": the total stays.
            {
                **_article("c7", "2026-03-07 08:00", "Cầu Rạch Miễu 2"),
                "lead": "Sau khi hoàn thành giải phóng mặt bằng, cầu Rạch Miễu 2 có tổng vốn "
                "5.000 tỉ đồng.",
            },
            {
                **_article("c8", "2026-03-08 08:00", "Cầu Rạch Miễu 2"),
                "lead": "Cầu Rạch Miễu 2 giúp giải tỏa ùn tắc, có tổng vốn 5.100 tỉ đồng.",
            },
            {
                **_article("c5", "2026-03-05 08:00", "Quảng Ngãi"),
                "lead": "Triển khai giải phóng mặt bằng, phấn đấu khởi công dự án cao tốc Quảng "
                "Ngãi - Kon Tum có tổng vốn đầu tư hơn 19.000 tỉ đồng.",
            },
        ]
    )
    mentions = extract_mentions(articles, progress=False)
    tied = investment_figures(extract_amounts(articles), mentions, articles)
    assert sorted(zip(tied["article_id"], tied["value"], strict=True)) == [
        ("c1", 102_430e9),
        ("c3", 22_975e9),
        ("c5", 19_000e9),
        ("c6", 47_000e9),
        ("c7", 5_000e9),
        ("c8", 5_100e9),
    ]


def test_an_amount_before_the_project_after_another_work_is_that_works():
    """ "Tuyến đường sắt đô thị với tổng vốn gần 266.000 tỉ đồng ... từ sân bay quốc tế Đà
    Nẵng": the project named after the amount, another work named before it, gets none of
    the money; with no other work before it ("Dài hơn 1,8 km, tổng mức đầu tư 1.800 tỷ đồng,
    cầu Kỳ Lộ ...", "..., tuyến cao tốc X": its own "tuyến") the project does."""
    from analysis.money import investment_figures
    from analysis.places import extract_amounts

    leads = {
        "d1": "Tuyến đường sắt đô thị với tổng vốn gần 266.000 tỉ đồng của tập đoàn THACO, mở "
        "ra trục kết nối từ sân bay quốc tế Đà Nẵng đến Chu Lai.",
        "d2": "Sau gần một năm thi công, dự án cải tạo rạch Đá Đỏ với tổng mức đầu tư hơn 86,7 "
        "tỉ đồng đang hoàn thiện, ngay cạnh tuyến metro số 1.",
        "d3": "Dài hơn 1,8 km, tổng mức đầu tư 1.800 tỷ đồng, cầu Kỳ Lộ là công trình lớn nhất.",
        "d4": "Với tổng vốn hơn 9.000 tỷ đồng, tuyến cao tốc Cao Lãnh - An Hữu sẽ thông xe.",
    }
    articles = pd.DataFrame(
        [
            {**_article(key, f"2026-03-0{n} 08:00", "Tin hạ tầng"), "lead": lead}
            for n, (key, lead) in enumerate(leads.items(), start=1)
        ]
    )
    mentions = extract_mentions(articles, progress=False)
    tied = investment_figures(extract_amounts(articles), mentions, articles)
    assert sorted(zip(tied["article_id"], tied["entity_id"], strict=True)) == [
        ("d3", "cầu kỳ lộ"),
        ("d4", "cao tốc cao lãnh - an hữu"),
    ]


def test_a_total_of_several_works_is_none_of_theirs():
    """ "Cầu Cát Lái và Long Hưng ..., tổng vốn gần 30.000 tỷ đồng", "hai dự án", "7 cây
    cầu": the total of several works is no one project's; a project's parts ("gồm 2 dự án
    thành phần", "với 5 cầu"), a phase ("giai đoạn 1 dự án"), "một trong những dự án", a work
    and where it is ("Nhà ga T3, sân bay X"), the work a "trong đó", "riêng" or "như" narrows
    to and two amounts given "lần lượt" stay the project's."""
    from analysis.money import investment_figures
    from analysis.places import extract_amounts

    leads = {
        # A total of several works: none ("lần lượt" of the dates, not of the money).
        "j1": "Đồng Nai chọn nhà đầu tư hai dự án cầu Cát Lái và Long Hưng theo hình thức "
        "PPP, tổng vốn gần 30.000 tỷ đồng.",
        "j2": "Cầu Cát Lái, cầu Đồng Nai 2, Phú Mỹ 2 có tổng vốn hơn 51.900 tỉ đồng.",
        "j5": "Dự án cao tốc Dầu Giây - Tân Phú và dự án cao tốc Biên Hòa - Vũng Tàu có tổng "
        "vốn 36.000 tỉ đồng.",
        "j6": "Cầu Cát Lái và cầu Long Hưng có tổng vốn 30.000 tỉ đồng, lần lượt khởi công năm "
        "2026 và 2027.",
        "j3": "Hà Nội khởi công 7 cây cầu vượt sông Hồng, gồm cầu Tứ Liên, cầu Trần Hưng Đạo, "
        "tổng vốn đầu tư hơn 73.000 tỷ đồng.",
        "j4": "TP Cần Thơ triển khai hai dự án mở rộng quốc lộ 61C và làm đường kết nối Ô Môn, "
        "tổng vốn gần 14.000 tỷ đồng.",
        # The project's own.
        "k1": "Cao tốc Cần Thơ - Cà Mau gồm 2 dự án thành phần, tổng vốn 27.500 tỷ đồng.",
        "k2": "Các đơn vị đẩy nhanh giai đoạn 1 dự án đường tỉnh 864, tổng vốn đầu tư 2.400 "
        "tỉ đồng.",
        "k3": "Cầu Rạch Miễu 2, một trong những dự án trọng điểm, có tổng vốn 5.000 tỉ đồng.",
        "k4": "Hàng loạt công trình đang chạy nước rút, trong đó có dự án mở rộng QL13 với "
        "vốn đầu tư 21.000 tỉ đồng.",
        "k5": "Cầu Cát Lái và cầu Phú Mỹ 2 có tổng vốn lần lượt 18.000 tỉ đồng và 12.900 tỉ đồng.",
        "k6": "Nhà ga T3, sân bay Tân Sơn Nhất có tổng vốn đầu tư gần 11.000 tỉ đồng.",
        "k7": "Đồng Nai làm hai dự án cầu Cát Lái và cầu Long Hưng; riêng cầu Cát Lái có tổng "
        "vốn 18.000 tỉ đồng.",
        "k8": "TP.HCM sẽ khởi công các dự án trọng điểm như: cầu Thủ Thiêm 4, tổng mức đầu tư "
        "5.300 tỷ đồng.",
        "k9": "Cao tốc Cần Thơ - Cà Mau dài 110 km với 5 cầu lớn, tổng vốn 27.500 tỷ đồng.",
    }
    articles = pd.DataFrame(
        [
            {**_article(key, f"2026-03-{n:02d} 08:00", "Tin hạ tầng"), "lead": lead}
            for n, (key, lead) in enumerate(leads.items(), start=1)
        ]
    )
    mentions = extract_mentions(articles, progress=False)
    amounts = extract_amounts(articles)
    tied = investment_figures(amounts, mentions, articles)
    assert sorted(set(tied["article_id"])) == [f"k{n}" for n in range(1, 10)]
    before = investment_figures(amounts, mentions, articles, skip_joint=False)
    assert {f"j{n}" for n in range(1, 7)} <= set(before["article_id"])


@pytest.mark.parametrize(
    ("text", "project", "others"),
    [
        # One end of a route the clause lists, what an extension extends: the work's money.
        ("Tuyến metro từ Suối Tiên về Biên Hòa và sân bay Long Thành có tổng vốn", "sân bay", True),
        ("Dự án kéo dài metro Suối Tiên đến sân bay Long Thành, vốn đầu tư", "metro", True),
        ("Dự án kéo dài tuyến metro Bến Thành - Suối Tiên tới sân bay X", "metro", True),
        # A list after a route is a group of projects, whose sum is no one's either.
        ("Khởi công cao tốc từ Cần Thơ đến Cà Mau và cầu Rạch Miễu 2, tổng vốn", "cầu", True),
        # A time span is no route; a list with no work before it is no route's.
        ("Trên tuyến đường từ năm 2020 đến nay, cầu Rạch Miễu 2 có tổng vốn", "cầu R", False),
        ("Các công trình giao thông từ Bắc đến Nam, sân bay Long Thành có tổng vốn", "sân", False),
    ],
)
def test_an_amount_of_another_work_is_not_the_projects(text, project, others):
    from analysis.other_works import another_works

    assert another_works(text, text.index(project)) is others


@pytest.mark.parametrize(
    ("text", "project", "named"),
    [
        ("Tuyến đường sắt đô thị với tổng vốn 266.000 tỉ đồng, từ sân bay Đà Nẵng", "sân", True),
        ("Với tổng vốn gần 8.800 tỷ đồng, tuyến đường dài 6 km nối cảng Cát Lái", "cảng", True),
        # An agency, the world, a hitch: no work; the project's own "tuyến".
        ("Theo Ban quản lý dự án đường sắt, tổng vốn 4.000 tỷ đồng, cầu Thăng Long", "cầu", False),
        ("Tổng vốn 20.000 tỉ đồng từ các nhà đầu tư toàn cầu, sân bay Long Thành", "sân", False),
        ("Dù gặp trục trặc, cầu Thăng Long có tổng vốn", "cầu", False),
        ("Với tổng vốn hơn 9.000 tỷ đồng, tuyến cao tốc Cao Lãnh - An Hữu", "cao tốc", False),
    ],
)
def test_a_work_named_before_the_project(text, project, named):
    from analysis.other_works import work_named_before

    assert work_named_before(text, text.index(project)) is named
