from datetime import datetime, timedelta, timezone

import pytest

from analysis.load.dates import parse_date_line

VN = timezone(timedelta(hours=7))
EXPECTED = datetime(2023, 4, 22, 19, 22, tzinfo=VN)


@pytest.mark.parametrize(
    "line",
    [
        "22/04/2023 19:22 (GMT +7)",
        "Thứ bảy, 22/4/2023, 19:22 (GMT+7)",
        "22/04/2023 - 19:22",
        "19:22 22/04/2023",
        "Cập nhật: 22/04/2023 19:22",
        "22-04-2023 19:22",
        "Ngày 22/04/2023 19:22",
        "19:22 | 22/04/2023",
        "22.04.2023 19h22",
        "Thứ Bảy, 22/04/2023 - 19:22",
        "07:22 CH 22/04/2023",
        "2023-04-22T19:22:00+07:00",
        "2023-04-22T12:22:00Z",
        "2023-04-22 19:22",
        "Thứ bảy 22/4/2023 | 19:22 GMT+7",
    ],
)
def test_forms_used_by_vietnamese_outlets(line):
    parsed = parse_date_line(line)
    assert parsed is not None and parsed.problem is None
    assert parsed.value == EXPECTED


def test_date_without_time_is_midnight_vietnam_time():
    assert parse_date_line("Ngày 22 tháng 4 năm 2023").value == datetime(2023, 4, 22, tzinfo=VN)


def test_offset_near_vietnam_is_a_database_artefact():
    assert parse_date_line("2025-08-09T08:00:00+07:07").value == datetime(
        2025, 8, 9, 8, 0, tzinfo=VN
    )


def test_impossible_date_is_a_date_line_without_a_date():
    parsed = parse_date_line("31/02/2023 10:00")
    assert parsed is not None
    assert parsed.value is None
    assert "impossible date" in parsed.problem


@pytest.mark.parametrize(
    "line",
    [
        "Hà Nội 22/04/2023",
        "Giá vàng 22/04/2023 tăng mạnh",
        "Ngày 21/4 tại TP. Bắc Giang",
        "2023",
        "",
        "Trong 6 tháng đầu năm, tỉnh Quảng Ngãi giải ngân hơn 1.500 tỷ đồng.",
    ],
)
def test_other_lines_are_not_date_lines(line):
    assert parse_date_line(line) is None
