"""The lead model: shipped weights, its features, and how the page parser uses it."""

import csv
import math
from importlib import resources

import pytest

from analysis.load import lead, page
from analysis.load.page import parse_page
from tests.conftest import PAGE

TITLE = "Xe tải tông xe máy trên đường Trần Hữu Dực, một người tử vong"
LEAD = (
    "Một vụ tai nạn giao thông nghiêm trọng giữa xe tải và xe máy đã xảy ra tối qua tại Hà Nội "
    "khiến một người tử vong."
)
BODY = [
    "Vào khoảng 20h50 tối qua, tại đường Trần Hữu Dực, một chiếc xe tải chạy hướng Mỹ Đình bất "
    "ngờ va chạm với xe máy đi cùng chiều.",
    "Cú va chạm khiến người điều khiển xe máy ngã xuống đường và tử vong tại chỗ. Nhận tin báo, "
    "lực lượng chức năng đã có mặt để điều tra.",
    "Hiện vụ việc đang được cơ quan công an làm rõ nguyên nhân.",
]


def test_shipped_weights_are_a_readable_table():
    path = resources.files("analysis").joinpath(lead.WEIGHTS_FILE)
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["feature"] == lead.INTERCEPT
    names = [r["feature"] for r in rows[1:]]
    assert names == sorted(names) and len(set(names)) == len(names)
    assert all(math.isfinite(float(r["weight"])) for r in rows)


def test_a_lead_scores_above_the_story_opening_that_follows_it():
    with_lead = lead.lead_probability(TITLE, LEAD, BODY[0], " ".join(BODY))
    without = lead.lead_probability(TITLE, BODY[0], BODY[1], " ".join(BODY[1:]))
    assert 0.0 < without < with_lead < 1.0


def test_features_cover_wording_length_and_overlap():
    features = lead.lead_features(TITLE, LEAD, BODY[0], " ".join(BODY))
    assert {"a:tai nạn", "a^một_vụ_tai", "b^vào_khoảng", "a#sentences1", "b#len2"} <= features
    assert {name.split("=")[0] for name in features if "=" in name} == {
        "title~a",
        "title~b",
        "a~b",
        "a<b",
        "b<a",
        "a<rest",
        "title<rest",
        "a<title",
        "a&title-rest",
    }


def test_odd_text_never_raises():
    for text in ("", " ", "...", "\u0300" * 50, "x" * 10_000):
        assert 0.0 <= lead.lead_probability(text, text, text, text) <= 1.0


def _page(first: str) -> str:
    return PAGE.replace("Sáng nay tỉnh Bắc Giang khởi công cầu Hà Bắc 2 vượt sông Cầu.", first)


def test_parser_reads_the_first_paragraph_as_body_when_the_model_says_so(monkeypatch):
    asked = []

    def says_body(title, first, second, rest):
        asked.append((title, first, second, rest))
        return True

    monkeypatch.setattr(page, "is_body_opening", says_body)
    parsed = parse_page(PAGE)
    assert parsed.lead is None
    assert parsed.body[0] == "Sáng nay tỉnh Bắc Giang khởi công cầu Hà Bắc 2 vượt sông Cầu."
    # The model sees the title, the first paragraph, the next one and the rest, captions left out.
    assert asked == [
        (
            "Khởi công cầu Hà Bắc 2",
            "Sáng nay tỉnh Bắc Giang khởi công cầu Hà Bắc 2 vượt sông Cầu.",
            "Cầu dài 1,2 km, tổng vốn 400 tỷ đồng.",
            "Cầu dài 1,2 km, tổng vốn 400 tỷ đồng. Dự kiến cầu hoàn thành trong năm 2024.",
        )
    ]


@pytest.mark.parametrize("ending", ["...", "…"])
def test_a_lead_cut_short_is_a_lead_whatever_its_wording(monkeypatch, ending):
    monkeypatch.setattr(page, "is_body_opening", lambda *_: True)
    parsed = parse_page(_page("Sáng nay tỉnh Bắc Giang khởi công cầu Hà Bắc 2 vượt" + ending))
    assert parsed.lead == "Sáng nay tỉnh Bắc Giang khởi công cầu Hà Bắc 2 vượt" + ending


def test_a_page_of_one_paragraph_keeps_it_as_the_lead(monkeypatch):
    monkeypatch.setattr(page, "is_body_opening", lambda *_: True)
    parsed = parse_page("Khởi công cầu Hà Bắc 2\n\n22/04/2023 19:22\n\nSáng nay khởi công.\n")
    assert parsed.lead == "Sáng nay khởi công."
    assert parsed.body == []
