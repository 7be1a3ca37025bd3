"""analysis.scope: a completion of the whole project or of a part of it."""

import pytest


@pytest.mark.parametrize(
    ("sentence", "name", "part"),
    [
        ("Thông xe đoạn đầu tiên Vành đai 3 TP.HCM", "Vành đai 3 TP.HCM", True),
        ("Hợp long cầu Mỹ Thuận 2", "cầu Mỹ Thuận 2", True),
        ("Giai đoạn 1 sân bay Long Thành hoàn thành", "sân bay Long Thành", True),
        ("Khánh thành nhà ga hành khách sân bay Phú Quốc", "sân bay Phú Quốc", True),
        # the project's own words count for nothing; the whole route outweighs a section
        ("Nhà ga T3 Tân Sơn Nhất khánh thành", "Nhà ga T3 Tân Sơn Nhất", False),
        ("Cầu Rạch Miễu 2 thông xe", "Cầu Rạch Miễu 2", False),
        ("Cao tốc Bắc - Nam thông xe toàn tuyến đoạn Cần Thơ - Cà Mau", "Cao tốc Bắc - Nam", False),
        ("Ông thông xe cao tốc X trong giai đoạn khó khăn", "cao tốc X", False),
    ],
)
def test_a_completion_of_a_part_is_told_from_the_whole(sentence, name, part):
    from analysis.scope import in_part

    assert in_part(sentence, name) is part
