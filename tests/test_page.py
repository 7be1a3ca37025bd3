import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.load.page import looks_like_byline, parse_page
from tests.conftest import PAGE, SEED_TEXT


def test_layout_parts():
    page = parse_page(PAGE)
    assert page.category == "Giao thông"
    assert page.title == "Khởi công cầu Hà Bắc 2"
    assert page.published_at.isoformat() == "2023-04-22T19:22:00+07:00"
    assert page.lead == "Sáng nay tỉnh Bắc Giang khởi công cầu Hà Bắc 2 vượt sông Cầu."
    assert page.body == [
        "Cầu dài 1,2 km, tổng vốn 400 tỷ đồng.",
        "Dự kiến cầu hoàn thành trong năm 2024.",
    ]
    assert page.captions == ["Lễ khởi công cầu Hà Bắc 2"]  # doubled caption counted once
    assert page.author == "Thanh Tuyền"
    assert page.related == [
        ("Cao tốc Bắc - Nam về đích", "Đoạn Vũng Áng - Bùng thông xe."),
        ("Ga Kép đón tàu liên vận", "Hàng hóa đi Trung Quốc qua ga Kép tăng mạnh."),
    ]


def test_chuyen_muc_names_no_category():
    page = parse_page(PAGE.replace("Giao thông\n", "Chuyên mục\n", 1))
    assert page.category is None
    assert page.title == "Khởi công cầu Hà Bắc 2"


def test_missing_category_line():
    page = parse_page(PAGE.split("\n\n\n", 1)[1])
    assert page.category is None
    assert page.title == "Khởi công cầu Hà Bắc 2"
    assert page.published_at is not None


def test_missing_date_line():
    page = parse_page(PAGE.replace("22/04/2023 19:22 (GMT +7)\n\n", ""))
    assert page.published_at is None and page.date_problem is None
    assert page.category == "Giao thông"
    assert page.title == "Khởi công cầu Hà Bắc 2"
    assert page.lead.startswith("Sáng nay")


def test_impossible_date_gives_no_date_and_a_problem():
    page = parse_page(PAGE.replace("22/04/2023", "31/02/2023"))
    assert page.published_at is None
    assert "impossible date" in page.date_problem
    assert page.lead.startswith("Sáng nay")  # the date line is still recognised as such


def test_paragraph_that_points_back_is_body_not_lead():
    text = PAGE.replace("Sáng nay tỉnh", "Cụ thể, sáng nay tỉnh")
    page = parse_page(text)
    assert page.lead is None
    assert page.body[0].startswith("Cụ thể, sáng nay tỉnh")


def test_paragraph_longer_than_any_lead_is_body():
    long_first = "Sáng nay tỉnh Bắc Giang khởi công cầu Hà Bắc 2 vượt sông Cầu. " * 12
    page = parse_page(
        PAGE.replace(
            "Sáng nay tỉnh Bắc Giang khởi công cầu Hà Bắc 2 vượt sông Cầu.", long_first.strip()
        )
    )
    assert page.lead is None
    assert page.body[0] == long_first.strip()


def test_paragraph_with_a_photo_credit_is_body():
    first = "Cầu Hà Bắc 2 nhìn từ trên cao. (Ảnh: TTXVN) Sáng nay tỉnh Bắc Giang khởi công cầu."
    page = parse_page(
        PAGE.replace("Sáng nay tỉnh Bắc Giang khởi công cầu Hà Bắc 2 vượt sông Cầu.", first)
    )
    assert page.lead is None
    assert page.body[0] == first


def test_author_without_teasers():
    page = parse_page(PAGE.split("Thanh Tuyền\n")[0] + "Thanh Tuyền\n")
    assert page.author == "Thanh Tuyền"
    assert page.related == []
    assert page.body[-1] == "Dự kiến cầu hoàn thành trong năm 2024."


def test_teasers_without_author_leave_last_paragraph_in_body():
    text = PAGE.replace("Thanh Tuyền\nCao tốc", "\nCao tốc")
    page = parse_page(text)
    assert page.author is None
    assert page.body[-1] == "Dự kiến cầu hoàn thành trong năm 2024."
    assert len(page.related) == 2


def test_truncated_page_keeps_what_is_there():
    page = parse_page(PAGE[:120])
    assert page.title == "Khởi công cầu Hà Bắc 2"
    assert page.related == []


def test_large_page_parses():
    body = ("Đoạn văn về cao tốc Bắc - Nam và quốc lộ 1A. " * 40 + "\n\n") * 800
    text = PAGE.replace("Dự kiến cầu", body + "Dự kiến cầu")
    assert len(text.encode("utf-8")) > 1_500_000
    page = parse_page(text)
    assert len(page.body) == 802
    assert page.author == "Thanh Tuyền"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Thanh Tuyền", True),
        ("Hoàng Long - Thu Hà", True),
        ("Đức Minh (TTXVN)", True),
        ("Nhóm PV", True),
        ("Sự thật chỉ được phát hiện khi vợ của Vương báo với cảnh sát.", False),
        ("Trong khi đó, ông Nguyễn", False),
    ],
)
def test_byline_shape(line, expected):
    assert looks_like_byline(line) is expected


@pytest.mark.skipif(SEED_TEXT is None, reason="seed page not found")
def test_seed_page_exactly():
    page = parse_page(SEED_TEXT.replace("\r\n", "\n"))
    assert page.category is None  # "Chuyên mục"
    assert page.title == "Bắc Giang và Lạng Sơn mở rộng hợp tác"
    assert page.published_at.isoformat() == "2023-04-22T19:22:00+07:00"
    assert page.lead.startswith("Tỉnh Lạng Sơn giúp Bắc Giang tổ chức tốt")
    assert page.lead.endswith("thúc đẩy phát triển du lịch;...")
    assert len(page.body) == 10
    assert page.body[0].startswith("Ngày 21/4 tại TP. Bắc Giang")
    assert page.body[-1].endswith("Bắc Giang – Hà Nội.")
    assert page.captions == ["Các đồng chí lãnh đạo Bắc Giang và Lạng Sơn ký kết hợp tác"]
    assert page.captions[0] not in page.body
    assert page.author == "Thanh Tuyền"
    assert [t for t, _ in page.related] == [
        "Chủ đầu tư xây cao tốc vướng khi khai thác mỏ cát",
        "Quảng Ngãi giải ngân vốn đầu tư công thấp",
        "Nhiều điều khó hiểu ở cầu Hà Bắc 2",
        "Vietjet mua 20 tàu bay thân rộng thế hệ mới A330neo",
        "6 giải pháp ứng phó với cước vận tải biển leo thang",
        "Tháo gỡ khó khăn thiếu tàu bay cho các hãng hàng không",
        "Các đơn vị điện lực, viễn thông sẽ phải trả phí thuê hạ tầng đường bộ",
    ]
    assert page.related[0][1].startswith("Bộ GTVT vừa có văn bản")


page_text = st.text(
    alphabet=st.sampled_from(list(string.printable + "ăâđêôơưĂÂĐÊÔƠƯàáảãạ  \u00a0")), max_size=400
)
lines = st.lists(
    st.one_of(
        page_text,
        st.sampled_from(["", "", "Chuyên mục", "22/04/2023 19:22", "31/02/2023", "Thanh Tuyền"]),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(lines)
def test_parser_never_raises_and_keeps_no_blank_parts(parts):
    page = parse_page("\n".join(parts))
    assert page.title is None or page.title.strip() == page.title != ""
    assert all(p.strip() == p != "" for p in page.body)
    assert all(c.strip() == c != "" for c in page.captions)
