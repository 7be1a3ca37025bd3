import unicodedata

import pandas as pd
import pytest

from analysis.mentions import entities, extract_mentions, find_mentions
from analysis.text import sentence_at


def spans(text):
    return [(m.text, m.kind, m.entity_id) for m in find_mentions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Khởi công quốc lộ 31 qua Bắc Giang", [("quốc lộ 31", "national_road", "quốc lộ 31")]),
        (
            "Sửa QL31, QL279",
            [("QL31", "national_road", "quốc lộ 31"), ("QL279", "national_road", "quốc lộ 279")],
        ),
        (
            "Mở rộng quốc lộ 1 và 279",
            [("quốc lộ 1", "national_road", "quốc lộ 1"), ("279", "national_road", "quốc lộ 279")],
        ),
        (
            "Quốc lộ 1 và 279 được nâng cấp",  # a verb after the number: a road, not a count
            [("Quốc lộ 1", "national_road", "quốc lộ 1"), ("279", "national_road", "quốc lộ 279")],
        ),
        (
            "Tai nạn trên quốc lộ 14, 3 người bị thương",
            [("quốc lộ 14", "national_road", "quốc lộ 14")],
        ),
        ("Xe tải trên QL1A", [("QL1A", "national_road", "quốc lộ 1")]),
        ("đường ĐT242 hư hỏng", [("ĐT242", "provincial_road", "đường tỉnh 242")]),
        ("cầu Hà Bắc 2 vượt sông Cầu", [("cầu Hà Bắc 2", "bridge", "cầu hà bắc 2")]),
        ("ga liên vận quốc tế Kép", [("ga liên vận quốc tế Kép", "station", "ga kép")]),
        ("gói thầu XL02 chậm tiến độ", [("gói thầu XL02", "bid_package", "gói thầu xl02")]),
        ("hầm đường bộ Đèo Cả thông xe", [("hầm đường bộ Đèo Cả", "tunnel", "hầm đèo cả")]),
        (
            "cảng Cái Mép - Thị Vải đón tàu",
            [("cảng Cái Mép - Thị Vải", "seaport", "cảng cái mép - thị vải")],
        ),
        (  # the western North-South expressway is another line; "phía Tây" of others is a side
            "cao tốc Bắc Nam phía Tây, cao tốc Bắc - Nam phía đông; cao tốc Hòa Bình - Mộc Châu"
            " phía Tây; cao tốc Bắc - Nam phía tây tỉnh Quảng Ngãi",  # a place: the old line
            [
                ("cao tốc Bắc Nam phía Tây", "expressway", "cao tốc bắc - nam phía tây"),
                ("cao tốc Bắc - Nam phía đông", "expressway", "cao tốc bắc - nam"),
                (
                    "cao tốc Hòa Bình - Mộc Châu phía Tây",
                    "expressway",
                    "cao tốc hòa bình - mộc châu",
                ),
                ("cao tốc Bắc - Nam", "expressway", "cao tốc bắc - nam"),
            ],
        ),
        (  # "phía Tây" then a section's name is the western line's; then a city, a side
            "cao tốc Bắc - Nam phía Tây Gia Nghĩa - Chơn Thành; cao tốc Bắc - Nam phía Tây Hà Nội"
            "; cao tốc Bắc - Nam phía Tây Bắc; cao tốc Bắc - Nam phía Tây Nghệ An",
            [("cao tốc Bắc - Nam phía Tây", "expressway", "cao tốc bắc - nam phía tây")]
            + [("cao tốc Bắc - Nam", "expressway", "cao tốc bắc - nam")] * 3,
        ),
        (  # "Xa lộ Hà Nội" is a road of TP.HCM, no city of the ring road
            "Gỡ kẹt xe Xa lộ Hà Nội: TP.HCM mở đường Vành đai 3; làm vành đai 2",
            [
                ("đường Vành đai 3", "ring_road", "vành đai 3 tp.hcm"),
                ("vành đai 2", "ring_road", "vành đai 2 tp.hcm"),
            ],
        ),
        (  # the high-speed line, its kind word after the name; a faster old line is not it
            "dự án đường sắt Bắc Nam tốc độ cao; đường sắt Hà Nội - Lào Cai tốc độ cao hơn",
            [
                ("đường sắt Bắc Nam tốc độ cao", "railway", "đường sắt tốc độ cao bắc - nam"),
                ("đường sắt Hà Nội - Lào Cai", "railway", "đường sắt lào cai - hà nội - hải phòng"),
            ],
        ),
        (  # a bypass by its town; a sea-crossing or coastal road only by its two ends
            "đường tránh Bảo Lộc; đường vượt biển Cần Giờ - Vũng Tàu; đường ven biển Dung Quất"
            " - Sa Huỳnh; đường vượt biển Cần Giờ; đường ven biển Hà Tĩnh",
            [
                ("đường tránh Bảo Lộc", "national_road", "đường tránh bảo lộc"),
                (
                    "đường vượt biển Cần Giờ - Vũng Tàu",
                    "national_road",
                    "đường vượt biển cần giờ - vũng tàu",
                ),
                (
                    "đường ven biển Dung Quất - Sa Huỳnh",
                    "national_road",
                    "đường ven biển dung quất - sa huỳnh",
                ),
            ],
        ),
        (  # a pontoon (named by its river) or iron bridge; fishing and oil ports, apart from
            # the port or bridge of that name; not "các cầu sông Hồng"
            "thông xe cầu phao sông Lô; Cầu sắt Long Kiểng; cảng cá Tịnh Hòa; Cảng Dầu Primorsk"
            "; cảng Cửa Lò; các cầu sông Hồng",
            [
                ("cầu phao sông Lô", "bridge", "cầu phao sông lô"),
                ("Cầu sắt Long Kiểng", "bridge", "cầu long kiểng"),
                ("cảng cá Tịnh Hòa", "seaport", "cảng cá tịnh hòa"),
                ("Cảng Dầu Primorsk", "seaport", "cảng dầu primorsk"),
                ("cảng Cửa Lò", "seaport", "cảng cửa lò"),
            ],
        ),
        (  # an expressway "nối" a route; not "nối" a region, though a dash follows
            "triển khai cao tốc nối Nha Trang - Đà Lạt; cao tốc nối TP.HCM - Mộc Bài; cao tốc"
            " kết nối Tây Nguyên với Đông Nam Bộ - dự án",
            [
                ("cao tốc nối Nha Trang - Đà Lạt", "expressway", "cao tốc nha trang - đà lạt"),
                ("cao tốc nối TP.HCM - Mộc Bài", "expressway", "cao tốc tp.hcm - mộc bài"),
            ],
        ),
        (  # a bypass's road is the road itself; a sea route is none; no road listed after one
            "đường tránh Quốc lộ 1 qua Phủ Lý; đường tránh QL1; chọn đường tránh Biển Đỏ;"
            " đường tránh Bảo Lộc và 279 được nâng cấp",
            [
                ("Quốc lộ 1", "national_road", "quốc lộ 1"),
                ("QL1", "national_road", "quốc lộ 1"),
                ("đường tránh Bảo Lộc", "national_road", "đường tránh bảo lộc"),
            ],
        ),
    ],
)
def test_kind_word_mentions(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # HKQT: hàng không quốc tế, an airport, not a seaport "cảng HKQT"
            "tại Cảng HKQT Vân Đồn, nâng năng lực",
            [("Cảng HKQT Vân Đồn", "airport", "sân bay vân đồn")],
        ),
        (  # an airport's terminal, not a station "ga Quốc"
            "Nhà ga Quốc tế Đà Nẵng đạt chuẩn",
            [("Nhà ga Quốc tế Đà Nẵng", "airport", "sân bay đà nẵng")],
        ),
        (
            "nâng cấp nhà ga Nội địa T1 đã làm lễ khởi công",
            [("nhà ga Nội địa T1", "airport", "nhà ga t1")],
        ),
        (
            "xây dựng nhà ga T3, T4",
            [("nhà ga T3", "airport", "nhà ga t3"), ("T4", "airport", "nhà ga t4")],
        ),
        (  # a terminal is its airport's: the one named with it, else the nearest in the text
            "tại sân bay Nội Bài, gồm cả nhà ga T1 và T2; nhà ga T3 Tân Sơn Nhất",
            [
                ("sân bay Nội Bài", "airport", "sân bay nội bài"),
                ("nhà ga T1", "airport", "nhà ga t1 nội bài"),
                ("T2", "airport", "nhà ga t2 nội bài"),
                ("nhà ga T3 Tân Sơn Nhất", "airport", "nhà ga t3 tân sơn nhất"),
            ],
        ),
        (  # ... the one named just after it first
            "Sân bay Nội Bài đã xong nhà ga T1. Còn nhà ga hành khách T2 - Cảng hàng không"
            " Cam Ranh",
            [
                ("Sân bay Nội Bài", "airport", "sân bay nội bài"),
                ("nhà ga T1", "airport", "nhà ga t1 nội bài"),
                ("nhà ga hành khách T2", "airport", "nhà ga t2 cam ranh"),
                ("Cảng hàng không Cam Ranh", "airport", "sân bay cam ranh"),
            ],
        ),
        ("nhà ga hành khách Sài Gòn", []),  # no airport without a terminal's number
        (  # "của" before the kind word refuses nothing
            "đường băng số 1 của sân bay Long Thành",
            [("sân bay Long Thành", "airport", "sân bay long thành")],
        ),
        ("xây sân bay Gia Bình 5 sao", [("sân bay Gia Bình", "airport", "sân bay gia bình")]),
        # a count of times or trips after the name is not part of it; a date is no count
        (
            "Sân bay Tân Sơn Nhất 2 lần tạm dừng",
            [("Sân bay Tân Sơn Nhất", "airport", "sân bay tân sơn nhất")],
        ),
        ("Cấm xe qua cầu Long Biên 60 ngày", [("cầu Long Biên", "bridge", "cầu long biên")]),
        ("thông xe cầu Rạch Miễu 2 ngày 19/8", [("cầu Rạch Miễu 2", "bridge", "cầu rạch miễu 2")]),
        # ... nor a time said after the name
        ("Khánh thành cầu Mỹ Thuận 2 năm nay", [("cầu Mỹ Thuận 2", "bridge", "cầu mỹ thuận 2")]),
        ("Cầu Rạch Miễu 2 ngày mai thông xe", [("Cầu Rạch Miễu 2", "bridge", "cầu rạch miễu 2")]),
        ("sai phạm gói thầu 38 tỉ", []),  # a package's value, not its number
        ("gói thầu 25.202 tỉ đồng", []),
        ("vi phạm tại gói thầu 5.10 - nhà ga", [("gói thầu 5.10", "bid_package", "gói thầu 5.10")]),
        ("gói thầu 2,5 tỷ", []),
        ("kết nối các điểm cầu Huế, Nghệ An", []),  # a TV link point in any city
        (  # ... but a word that ends its sentence or clause makes no compound
            "kẹt xe giờ cao điểm. Cầu Nhị Thiên Đường 2 thường xuyên kẹt",
            [("Cầu Nhị Thiên Đường 2", "bridge", "cầu nhị thiên đường 2")],
        ),
        (
            "Cao tốc Biên Hòa - Vũng Tàu, sân bay Long Thành về đích",
            [
                ("Cao tốc Biên Hòa - Vũng Tàu", "expressway", "cao tốc biên hòa - vũng tàu"),
                ("sân bay Long Thành", "airport", "sân bay long thành"),
            ],
        ),
        (  # a city after a facility the gazetteer does not know
            "cầu Thủ Thiêm 2 TP.HCM",
            [("cầu Thủ Thiêm 2 TP.HCM", "bridge", "cầu thủ thiêm 2")],
        ),
        ("gói thầu số 38 tỉ đồng", [("gói thầu số 38", "bid_package", "gói thầu số 38")]),
        # a city alone is no facility ("điểm cầu Hà Nội" is a TV link); a known airport with
        # its city after it is that airport
        ("kết nối 3 điểm cầu Hà Nội - Huế - TP.HCM", []),
        ("hàng cứu trợ từ các sân bay Hà Nội và TP.HCM", []),
        ("Dòng người đổ về ga metro TP.HCM", []),
        ("Thí điểm bán cà phê ở nhà ga metro Hà Nội", []),
        ("ga Hà Nội", [("ga Hà Nội", "station", "ga hà nội")]),
        (
            "cửa ngõ sân bay Tân Sơn Nhất TP.HCM",
            [("sân bay Tân Sơn Nhất TP.HCM", "airport", "sân bay tân sơn nhất")],
        ),
        (  # bridges listed after one, known to the gazetteer or not
            "Động thổ cầu Cát Lái và Long Hưng",
            [("cầu Cát Lái", "bridge", "cầu cát lái"), ("Long Hưng", "bridge", "cầu long hưng")],
        ),
        (
            "đầu tư cầu Cát Lái, Đồng Nai 2 và Hương lộ 2",
            [("cầu Cát Lái", "bridge", "cầu cát lái"), ("Đồng Nai 2", "bridge", "cầu đồng nai 2")],
        ),
        (
            "cao tốc Vĩnh Hảo - Phan Thiết và Phan Thiết - Dầu Giây thu phí",
            [
                ("cao tốc Vĩnh Hảo - Phan Thiết", "expressway", "cao tốc vĩnh hảo - phan thiết"),
                ("Phan Thiết - Dầu Giây", "expressway", "cao tốc phan thiết - dầu giây"),
            ],
        ),
        # ... but not a place, an organisation or a person after a comma, nor what follows a
        # capitalised "Cầu" inside a sentence (part of a place's name)
        ("khu vực cầu Rồng, TP.Đà Nẵng bốc cháy", [("cầu Rồng", "bridge", "cầu rồng")]),
        ("tại Cầu Vồng, Thủ Đức.", [("Cầu Vồng", "bridge", "cầu vồng")]),
        ("cầu Rồng, Sơn Trà, Đà Nẵng", [("cầu Rồng", "bridge", "cầu rồng")]),  # an address
        ("cầu Rạch Miễu, Mỹ Tho và Bến Tre", [("cầu Rạch Miễu", "bridge", "cầu rạch miễu")]),
        ("cầu Long Kiển, Km 12", [("cầu Long Kiển", "bridge", "cầu long kiển")]),
        ("cầu Cát Lái và Sun Group", [("cầu Cát Lái", "bridge", "cầu cát lái")]),
        (  # streets named after people
            "hai đầu cầu Sông Hàn, Lê Đức Thọ, Trần Cao Vân và Nguyễn Hữu Thọ",
            [("cầu Sông Hàn", "bridge", "cầu sông hàn")],
        ),
        (  # a listed name with its own kind word is found by it (and refused as it would be)
            "cầu Cát Lái và Cầu Long Hưng; cầu Thủ Thiêm và Cầu Giấy",
            [
                ("cầu Cát Lái", "bridge", "cầu cát lái"),
                ("Cầu Long Hưng", "bridge", "cầu long hưng"),
                ("cầu Thủ Thiêm", "bridge", "cầu thủ thiêm"),
            ],
        ),
        (
            "Ba cây cầu Nhơn Trạch, Cát Lái và Phú Mỹ 2",
            [
                ("cầu Nhơn Trạch", "bridge", "cầu nhơn trạch"),
                ("Cát Lái", "bridge", "cầu cát lái"),
                ("Phú Mỹ 2", "bridge", "cầu phú mỹ 2"),
            ],
        ),
        (
            "Nhà ga Quốc tế Đà Nẵng 2 năm liên tiếp",
            [("Nhà ga Quốc tế Đà Nẵng", "airport", "sân bay đà nẵng")],
        ),
        ("trên cầu Tiên Sơn, CSGT Đà Nẵng vào cuộc", [("cầu Tiên Sơn", "bridge", "cầu tiên sơn")]),
        ("Dự án cầu Ngọc Hồi, Shark Thủy, giá vàng", [("cầu Ngọc Hồi", "bridge", "cầu ngọc hồi")]),
        (
            "tấn công ở khu vực Cầu London và Borough Market",
            [("Cầu London", "bridge", "cầu london")],
        ),
        (  # a bridge with its road, a port's terminal, a list that goes on after an aside
            "thu hồi mặt bằng cầu đường Bình Tiên, Cầu - đường Nguyễn Khoái",
            [
                ("cầu đường Bình Tiên", "bridge", "cầu bình tiên"),
                ("Cầu - đường Nguyễn Khoái", "bridge", "cầu nguyễn khoái"),
            ],
        ),
        ("cầu vượt đường Trường Sơn vào sân bay", []),  # a flyover over a street
        ("kỹ sư cầu đường Quảng Trị", []),  # a civil engineer
        (
            "Dự án bến cảng container Liên Chiểu khởi công",
            [("bến cảng container Liên Chiểu", "seaport", "cảng liên chiểu")],
        ),
        (
            "cao tốc Vũng Áng - Bùng (dài hơn 55 km) và Vạn Ninh - Cam Lộ",
            [
                ("cao tốc Vũng Áng - Bùng", "expressway", "cao tốc vũng áng - bùng"),
                ("Vạn Ninh - Cam Lộ", "expressway", "cao tốc vạn ninh - cam lộ"),
            ],
        ),
        (  # a metro line listed after another is a route, not "Phó"
            "Đường sắt đô thị Cát Linh - Hà Đông và Nhổn - ga Hà Nội, Phó thủ tướng nói",
            [
                ("Đường sắt đô thị Cát Linh - Hà Đông", "metro", "metro cát linh - hà đông"),
                ("Nhổn - ga Hà Nội", "metro", "metro nhổn - ga hà nội"),
            ],
        ),
        (  # sections listed after "gồm" and "cùng với"
            "2 dự án cao tốc Bắc Nam gồm Quảng Ngãi - Hoài Nhơn, Cần Thơ - Hậu Giang cùng với"
            " Hậu Giang - Cà Mau",
            [
                ("cao tốc Bắc Nam", "expressway", "cao tốc bắc - nam"),
                ("Quảng Ngãi - Hoài Nhơn", "expressway", "cao tốc quảng ngãi - hoài nhơn"),
                ("Cần Thơ - Hậu Giang", "expressway", "cao tốc cần thơ - hậu giang"),
                ("Hậu Giang - Cà Mau", "expressway", "cao tốc cà mau - hậu giang"),
            ],
        ),
        (  # a section named without its kind word, in a text about an expressway
            "Tại dự án thành phần Chí Thạnh - Vân Phong thuộc cao tốc Bắc - Nam",
            [
                ("Chí Thạnh - Vân Phong", "expressway", "cao tốc chí thạnh - vân phong"),
                ("cao tốc Bắc - Nam", "expressway", "cao tốc bắc - nam"),
            ],
        ),
        (
            "Cao tốc Bắc - Nam có dự án đoạn Ninh Bình - Nghi Sơn; đoạn cuối cùng Hậu Giang"
            " - Cà Mau",
            [
                ("Cao tốc Bắc - Nam", "expressway", "cao tốc bắc - nam"),
                ("Ninh Bình - Nghi Sơn", "expressway", "cao tốc nghi sơn - ninh bình"),
                ("Hậu Giang - Cà Mau", "expressway", "cao tốc cà mau - hậu giang"),
            ],
        ),
        (
            "cao tốc Bắc - Nam bao gồm các dự án thành phần Quảng Ngãi - Hoài Nhơn, Cần Thơ - Hậu"
            " Giang",
            [
                ("cao tốc Bắc - Nam", "expressway", "cao tốc bắc - nam"),
                ("Quảng Ngãi - Hoài Nhơn", "expressway", "cao tốc quảng ngãi - hoài nhơn"),
                ("Cần Thơ - Hậu Giang", "expressway", "cao tốc cần thơ - hậu giang"),
            ],
        ),
        (  # a known line's route named alone after "tuyến" or "dự án"
            "Chưa hết, tuyến Cát Linh - Hà Đông đã đội vốn",
            [("Cát Linh - Hà Đông", "metro", "metro cát linh - hà đông")],
        ),
        (
            "Ngày 19/8, dự án Gia Nghĩa - Chơn Thành sẽ được khởi công",
            [("Gia Nghĩa - Chơn Thành", "expressway", "cao tốc gia nghĩa - chơn thành")],
        ),
        (  # not a train's route, a route of two kinds of line, nor a name restated in brackets
            "Các tàu tuyến Hà Nội - Hải Phòng khởi hành tại ga Gia Lâm",
            [("ga Gia Lâm", "station", "ga gia lâm")],
        ),
        ("Tuyến Bắc - Nam qua tỉnh", []),
        ("Chiếc xe giường nằm tuyến Quy Nhơn - Pleiku gặp nạn", []),  # a coach's route
        ("Ngành đường sắt khai thác tuyến Hà Nội - Hải Phòng với 4 đôi tàu", []),  # the railway's
        ("Chuyến bay tuyến TP.HCM - Cà Mau bị hủy", []),
        (  # the ends kept whole, and written with a bare hyphen
            "Tuyến Hà Nội - Hải Phòng - Quảng Ninh sẽ có điểm đầu tại ga Ngọc Hồi",
            [("ga Ngọc Hồi", "station", "ga ngọc hồi")],
        ),
        (
            "tuyến Pháp Vân-Cầu Giẽ đang xuống cấp",
            [("Pháp Vân-Cầu Giẽ", "expressway", "cao tốc pháp vân - cầu giẽ")],
        ),
        (  # "Khu" opens another name ("Khu liên hợp thể thao"), not a listed bridge
            "ba dự án cầu Cần Giờ, Phú Mỹ 2 và Khu liên hợp thể thao Rạch Chiếc",
            [("cầu Cần Giờ", "bridge", "cầu cần giờ"), ("Phú Mỹ 2", "bridge", "cầu phú mỹ 2")],
        ),
        (
            "Tuyến metro số 2 TP.HCM (tuyến Bến Thành - Tham Lương) vừa khởi công",
            [("metro số 2 TP.HCM", "metro", "metro số 2 tp.hcm")],
        ),
        (  # an unknown section in a sentence about another kind of line is none
            "Cao tốc Bắc - Nam đã thông xe. Đường sắt tốc độ cao Bắc - Nam có dự án thành phần"
            " Hà Nội - Vinh.",
            [
                ("Cao tốc Bắc - Nam", "expressway", "cao tốc bắc - nam"),
                (
                    "Đường sắt tốc độ cao Bắc - Nam",
                    "railway",
                    "đường sắt tốc độ cao bắc - nam",
                ),
            ],
        ),
        (
            "Tuyến cao tốc này qua tỉnh. Dự án thành phần Tân Vạn - Nhơn Trạch thuộc Vành đai 3",
            [("Vành đai 3", "ring_road", "vành đai 3")],
        ),
        ("quốc lộ 1 đoạn cuối Cần Thơ - Cà Mau", [("quốc lộ 1", "national_road", "quốc lộ 1")]),
        # "cùng với" lists routes only; a date is no plural
        (
            "Khánh thành cầu Hưng Hóa cùng với Tam Nông.",
            [("cầu Hưng Hóa", "bridge", "cầu hưng hóa")],
        ),
        ("Ngày 19/8 cầu Rồng, Sơn Trà, Đà Nẵng", [("cầu Rồng", "bridge", "cầu rồng")]),
        (
            "đường băng số 2 sân bay Phù Cát, Khu công nghiệp Phù Mỹ",
            [("sân bay Phù Cát", "airport", "sân bay phù cát")],
        ),
        (  # the "hai" of "triển khai" makes no list
            "triển khai Dự án Cảng hàng không quốc tế Long Thành, ĐBQH Trần Anh Tuấn cho rằng",
            [("Cảng hàng không quốc tế Long Thành", "airport", "sân bay long thành")],
        ),
        (  # nor does a number that names: "giai đoạn 2", "đường băng số 2"
            "đầu tư giai đoạn 2 sân bay Long Thành, Chính phủ đề xuất",
            [("sân bay Long Thành", "airport", "sân bay long thành")],
        ),
    ],
)
def test_listed_names_and_airport_abbreviations(text, expected):
    assert spans(text) == expected


def test_offsets_index_the_given_text():
    text = "Hôm nay, Cảng hàng không quốc tế Long Thành đón chuyến bay đầu tiên."
    (m,) = find_mentions(text)
    assert text[m.start : m.end] == m.text == "Cảng hàng không quốc tế Long Thành"
    assert m.entity_id == "sân bay long thành"


def test_listed_names_in_nfd_text():
    text = unicodedata.normalize("NFD", "Động thổ cầu Cát Lái và Long Hưng")
    found = find_mentions(text)
    assert [(text[m.start : m.end], m.entity_id) for m in found] == [
        (unicodedata.normalize("NFD", "cầu Cát Lái"), "cầu cát lái"),
        (unicodedata.normalize("NFD", "Long Hưng"), "cầu long hưng"),
    ]


def test_offsets_in_nfd_text():
    text = unicodedata.normalize("NFD", "Tắc đường trên cầu Nhật Tân")
    (m,) = find_mentions(text)
    assert text[m.start : m.end] == m.text
    assert unicodedata.normalize("NFC", m.text) == "cầu Nhật Tân"


def test_surface_forms_share_an_entity():
    forms = ["sân bay Long Thành", "Cảng hàng không quốc tế Long Thành", "CHK Long Thành"]
    assert {find_mentions(f"Về {f} hôm qua")[0].entity_id for f in forms} == {"sân bay long thành"}
    a = find_mentions("cao tốc Dầu Giây - Phan Thiết")[0].entity_id
    b = find_mentions("cao tốc Phan Thiết - Dầu Giây")[0].entity_id
    assert a == b


def test_name_only_airports_by_context():
    text = "chuyển chuyến bay từ Tân Sơn Nhất sang Long Thành"
    assert [(m.text, m.kind) for m in find_mentions(text)] == [
        ("Tân Sơn Nhất", "airport"),
        ("Long Thành", "airport"),
    ]
    assert find_mentions("Người dân huyện Long Thành đón Tết") == []


def test_mention_inside_a_longer_one_is_not_separate():
    assert spans("Tai nạn trên cao tốc Nội Bài - Lào Cai") == [
        ("cao tốc Nội Bài - Lào Cai", "expressway", "cao tốc hà nội - lào cai")
    ]


def test_a_route_to_an_airport_holds_no_airport():
    """MENTIONS.md: a mention inside a longer one is not separate; the route is one project
    however its airport end is written ("cao tốc Long Thành - Hồ Tràm" is not the Biên Hòa -
    Vũng Tàu expressway)."""
    one = "cao tốc hồ tràm - long thành"
    assert spans("Khởi công cao tốc đô thị Hồ Tràm - Cảng hàng không Long Thành") == [
        ("cao tốc đô thị Hồ Tràm - Cảng hàng không Long Thành", "expressway", one)
    ]
    assert spans("Đề xuất xây cao tốc Hồ Tràm - sân bay Long Thành") == [
        ("cao tốc Hồ Tràm - sân bay Long Thành", "expressway", one)
    ]
    assert spans("Xây cao tốc Long Thành - Hồ Tràm") == [
        ("cao tốc Long Thành - Hồ Tràm", "expressway", one)
    ]
    assert spans("Thông xe cao tốc Biên Hòa - Vũng Tàu") == [
        ("cao tốc Biên Hòa - Vũng Tàu", "expressway", "cao tốc biên hòa - vũng tàu")
    ]
    ((text, kind, _),) = spans("Kéo dài metro Suối Tiên - sân bay Long Thành")
    assert (text, kind) == ("metro Suối Tiên - sân bay Long Thành", "metro")


def test_section_belongs_to_the_span():
    (m,) = find_mentions("Thông xe cao tốc Bắc - Nam đoạn Vũng Áng - Bùng")
    assert m.text == "cao tốc Bắc - Nam đoạn Vũng Áng - Bùng"
    assert m.entity_id != "cao tốc bắc - nam"


def test_a_metro_section_the_gazetteer_knows_is_its_own_line():
    """'metro số 2 đoạn Bến Thành - Thủ Thiêm' is the Thủ Thiêm line (Thaco's), which runs on
    from line 2's end, not TP.HCM's line 2 to Tham Lương; the section is read, not spanned. A
    section that is the line's own, or no known line, or a line sharing no end with the one
    named, leaves the line."""
    thu_thiem = "metro bến thành - thủ thiêm"
    for text, span, entity in [
        ("Khoan khảo sát metro số 2 đoạn Bến Thành - Thủ Thiêm ở TP.HCM", "metro số 2", thu_thiem),
        (
            "Dự án đường sắt đô thị số 2 (đoạn Bến Thành - Thủ Thiêm)",
            "đường sắt đô thị số 2",
            thu_thiem,
        ),
        ("Flycam đường sắt Bến Thành - Thủ Thiêm", "đường sắt Bến Thành - Thủ Thiêm", thu_thiem),
        (
            "Khởi công metro số 2 đoạn Bến Thành - Tham Lương ở TP.HCM",
            "metro số 2",
            "metro số 2 tp.hcm",
        ),
        (
            "metro 2 đoạn Tham Lương - An Hạ - Khu đô thị Tây Bắc TP.HCM",
            "metro 2",
            "metro số 2 tp.hcm",
        ),
        ("metro số 5 đoạn Cát Linh - Hà Đông ở Hà Nội", "metro số 5", "metro số 5 hà nội"),
    ]:
        (m, *_) = find_mentions(text)
        assert (m.text, m.entity_id) == (span, entity), text


@pytest.mark.parametrize(
    "text",
    [
        "Nhu cầu đi lại tăng cao",
        "Cầu thủ Quang Hải ghi bàn",
        "Anh đạp chân ga bỏ chạy",
        "Tàu sân bay Mỹ cập cảng",
        "Tổng công ty Tân Cảng Sài Gòn báo lãi",
        "Nhà ở quận Cầu Giấy tăng giá",
        "khai trương tại 89 Phan Đình Phùng, P.Cầu Kiệu, TP.HCM",
        "Văn phòng ở 12 Lê Lợi, P. Cầu Kiệu",
        "các tuyến cao tốc đều đông",
        "Trạm thu phí trên đường sắt",
        "nâng cấp quốc lộ",
        "Chi cục Hải quan sân bay Tân Sơn Nhất bắt giữ",
        "BQL cảng cá Tịnh Hòa cho biết",
        "tàu vỏ thép trên vành đai xanh",
    ],
)
def test_not_mentions(text):
    assert find_mentions(text) == []


def test_extract_mentions_reads_a_repeated_lead_once():
    lead = "Khởi công cầu Hà Bắc 2 tại Bắc Giang."
    articles = pd.DataFrame(
        {
            "article_id": ["a1"],
            "title": ["Cầu Hà Bắc 2"],
            "lead": [lead],
            "body": [lead + "\n\nCầu Hà Bắc 2 dài 1 km."],
        }
    )
    table = extract_mentions(articles, progress=False)
    assert list(table["field"]) == ["title", "lead", "body"]
    assert table.loc[1, "sentence"] == lead
    ents = entities(table)
    assert ents.loc[0, "entity_id"] == "cầu hà bắc 2"
    assert ents.loc[0, "mention_count"] == 3
    assert ents.loc[0, "article_count"] == 1


def test_a_line_told_apart_by_its_city_is_named_with_it():
    """Two "Vành đai 3" in the tracker were two cities' lines: a facility outside the
    gazetteer is named as the news writes it with its city or airport when some mention
    does ("Vành đai 3 TP HCM"), else with the city its id adds ("Vành đai 3 Hà Nội"); a line
    with no city keeps its plain name."""
    articles = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "a4"],
            "title": [
                "Gần 9 km Vành đai 3 TP HCM trước thông xe",
                "TP HCM: Vành đai 3 sắp xong",
                "Hà Nội mở rộng Vành đai 3 trên cao",
                "Huế khởi công vành đai 3",
            ],
            "lead": ["Vành đai 3 dài 76 km.", "Vành đai 3 qua bốn tỉnh.", None, None],
        }
    )
    names = entities(extract_mentions(articles, progress=False)).set_index("entity_id")
    assert names["entity_name"].to_dict() == {
        "vành đai 3 tp.hcm": "Vành đai 3 TP HCM",
        "vành đai 3 hà nội": "Vành đai 3 Hà Nội",
        "vành đai 3": "Vành đai 3",
    }


def test_entities_of_names_written_in_one_word():
    """No mention written with a space ("QL1" alone): the names still come from the ids."""
    articles = pd.DataFrame({"article_id": ["a1"], "title": ["Mở rộng QL1"], "lead": [None]})
    names = entities(extract_mentions(articles, progress=False))
    assert names["entity_id"].tolist() == ["quốc lộ 1"]


def test_an_entity_outside_the_gazetteer_takes_the_provinces_its_name_gives():
    """ "Vành đai 3 TP.HCM", "cao tốc Cần Thơ - Hậu Giang" (Hậu Giang is Cần Thơ's since the
    2025 merger) and "ga Huế" are placed by their names; a bridge is not ("cầu Bình Phước" is
    in TP.HCM), nor a name with no province in it."""
    titles = [
        "Thông xe Vành đai 3 TP.HCM",
        "Khởi công cao tốc Cần Thơ - Hậu Giang",
        "Ga Huế đón khách",
        "Sửa cầu Bình Phước 1",
        "Mở rộng quốc lộ 14",
    ]
    articles = pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(5)], "title": titles, "lead": [None] * 5}
    )
    table = entities(extract_mentions(articles, progress=False)).set_index("entity_id")
    assert table.loc["vành đai 3 tp.hcm", "provinces"] == ["TP.HCM"]
    assert table.loc["cao tốc cần thơ - hậu giang", "provinces"] == ["Cần Thơ"]
    assert table.loc["ga huế", "provinces"] == ["Huế"]
    assert table.loc["cầu bình phước 1", "provinces"] == []
    assert table.loc["quốc lộ 14", "provinces"] == []


def test_an_entity_named_only_in_a_list_or_by_its_ends_keeps_its_kind_word():
    """A station listed after another ("Các ga Lào Cai, Phú Thọ, Bắc Hồng") or a line named by
    its ends the other way round is named with the kind word of its id, not "Bắc Hồng"."""
    articles = pd.DataFrame(
        {
            "article_id": ["a1"],
            "title": ["Các ga Lào Cai, Phú Thọ, Bắc Hồng thuộc dự án đường sắt"],
            "lead": [None],
        }
    )
    names = entities(extract_mentions(articles, progress=False)).set_index("entity_id")
    assert names.loc["ga bắc hồng", "entity_name"] == "Ga Bắc Hồng"
    from analysis.mentions.tables import with_kind_word

    assert with_kind_word("Nhổn - Cầu Giấy", "metro cầu giấy - nhổn") == "metro Nhổn - Cầu Giấy"
    assert with_kind_word("Số 2", "gói thầu số 2") == "gói thầu số 2"
    assert with_kind_word("ĐT 753", "đường tỉnh 753") == "ĐT 753"  # its own kind word
    # Only a kind word is added: not the start of a longer name or route.
    assert with_kind_word("Long Thành", "cao tốc tp.hcm - long thành") == "Long Thành"
    assert with_kind_word("Miễu 2", "cầu rạch miễu 2") == "Miễu 2"
    assert with_kind_word("Hà Nội", "metro số 5 hà nội") == "Hà Nội"


def test_a_ring_road_or_metro_line_takes_its_city_from_the_rest_of_the_article():
    """A field is read alone: "Vành đai 3" in a lead is TP.HCM's when the title names that
    line in TP.HCM, or when TP.HCM is the one city the title and lead name; not when they
    name two, nor for a city the body names in passing; every such line of the article."""
    articles = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "a4", "a5", "a6"],
            "title": [
                "Gần 9 km Vành đai 3 TP HCM trước thông xe",
                "Hà Nội muốn cấm xe máy xăng",
                "Hà Nội và TP.HCM làm đường",
                "Vành đai 4 qua Đồng Nai",
                "Hà Nội sẽ khép kín 5 tuyến vành đai vào năm 2027",
                "Thừa Thiên Huế khởi công vành đai 3",
            ],
            "lead": [
                "Đoạn đầu tiên Vành đai 3 đã xong, dự kiến thông xe ngày 19/8.",
                "Thành phố dự kiến cấm xe máy xăng trong vành đai 1 theo khung giờ.",
                "Vành đai 2 sắp khởi công.",
                "Vành đai 4 dài 46 km.",
                "Vành đai 1 hoàn thành trong năm nay, vành đai 2,5 cũng hoàn thành trong năm.",
                "Tuyến vành đai 3 dài 20 km.",
            ],
            "body": [None, None, None, None, None, "Cách làm như Hà Nội, Cảng Sài Gòn."],
        }
    )
    table = extract_mentions(articles, progress=False)
    got = {(r.article_id, r.field, r.text): r.entity_id for r in table.itertuples()}
    assert got[("a1", "lead", "Vành đai 3")] == "vành đai 3 tp.hcm"
    assert got[("a2", "lead", "vành đai 1")] == "vành đai 1 hà nội"
    assert got[("a3", "lead", "Vành đai 2")] == "vành đai 2"
    assert got[("a4", "lead", "Vành đai 4")] == "vành đai 4"
    assert got[("a5", "lead", "Vành đai 1")] == "vành đai 1 hà nội"
    assert got[("a5", "lead", "vành đai 2,5")] == "vành đai 2,5 hà nội"
    assert {e for (a, *_), e in got.items() if a == "a6"} == {"vành đai 3"}


def test_sentence_at():
    text = "Câu một. Cầu Hà Bắc 2 khởi công. Câu ba."
    assert sentence_at(text, 9, 21) == "Cầu Hà Bắc 2 khởi công."


@pytest.mark.parametrize(
    "text",
    [
        "Khởi công hồ chứa nước Đông Thanh để phát triển thuỷ lợi",  # "uỷ": folded first
        "Sân bay Long Thành – cao tốc Biên Hòa\u00a0- Vũng Tàu",  # en dash, no-break space
        "Quý I, cao tốc Mỹ Thuận - Cần Thơ thông xe; khoẻ mạnh, hoà bình",
        "TÂN SƠN NHẤT và Tân Sơn Nhất",  # a standalone name counts only as written
        "cầu Nhật Tân, xcầu, cầu\u200bthủ, QL1A",
    ],
)
def test_one_scan_finds_what_folding_first_finds(text):
    """The finder scans the text once and folds it only when folding changes something; the
    mentions are those of a finder that always folds."""
    from analysis.text import fold

    always = [(m.start, m.end, m.entity_id) for m in find_mentions(fold(text))]
    assert [(m.start, m.end, m.entity_id) for m in find_mentions(text)] == always


def test_text_not_nfc_because_of_a_single_character():
    # U+2000 and U+2126 are not NFC on their own (they become U+2002 and Ω).
    text = "Cầu\u2000Rồng, cầu Rồng\u2126"
    assert [m.text for m in find_mentions(text)] == ["Cầu\u2000Rồng", "cầu Rồng"]


def test_offsets_in_nfd_text_whose_marks_compose_to_several_characters():
    # U+0344 composes to two marks in NFC, so NFC is longer than the cluster here.
    text = "a\u0344 " + unicodedata.normalize("NFD", "sân bay Tân Sơn Nhất")
    (m,) = find_mentions(text)
    assert text[m.start : m.end] == m.text
    assert unicodedata.normalize("NFC", m.text) == "sân bay Tân Sơn Nhất"


def test_a_numbered_metro_line_with_no_city_is_the_one_whose_endpoints_are_named():
    from analysis.mentions import find_mentions

    hanoi = "Tuyến đường sắt đô thị số 2, đoạn Nam Thăng Long - Trần Hưng Đạo được khởi công."
    assert [m.entity_id for m in find_mentions(hanoi)] == ["metro số 2 hà nội"]
    assert [m.entity_id for m in find_mentions("TP.HCM khởi công metro số 2")] == [
        "metro số 2 tp.hcm"
    ]
    assert [m.entity_id for m in find_mentions("Khởi công metro số 2 vào tháng 1")] == [
        "metro số 2 tp.hcm"
    ]


def test_mentions_by_article_gives_mention_objects_per_field_in_table_order():
    from analysis.mentions import Mention, mentions_by_article

    table = pd.DataFrame(
        {
            "article_id": ["a", "b", "a", "a"],
            "field": ["title", "lead", "lead", "title"],
            "start": [0, 3, 5, 9],
            "end": [4, 8, 9, 12],
            "text": ["QL 1", "cầu X", "ga K", "ĐT 7"],
            "kind": ["national_road", "bridge", "station", "provincial_road"],
            "entity_id": ["quốc lộ 1", "cầu x", "ga k", "đường tỉnh 7"],
            "entity_name": ["Quốc lộ 1", "Cầu X", "Ga K", "Đường tỉnh 7"],
        }
    )
    found = mentions_by_article(table)
    assert [m.start for m in found["a"]["title"]] == [0, 9]
    assert found["a"]["lead"] == [Mention(5, 9, "ga K", "station", "ga k", "Ga K")]
    assert set(found) == {"a", "b"} and set(found["b"]) == {"lead"}


@pytest.mark.parametrize(
    "text",
    [
        "Phiên chợ Tết ở ven đầm Cầu Hai",  # a lagoon's name
        "chợ hải sản Đồ Sơn, chợ Cầu Vồng là những địa chỉ",  # a market's
        "Máy bay hạ cánh, du khách ngắm vịnh Cam Ranh",  # a bay, not the airport
        "du thuyền trên phá Tam Giang, gần phá Cầu Hai",  # "phá": a lagoon
    ],
)
def test_a_place_word_makes_the_name_a_place(text):
    assert find_mentions(text) == []


def test_construction_packages_written_with_their_kind_of_work():
    found = find_mentions("Gói thầu Xây lắp số 4 thuộc dự án; hai gói xây lắp số 1 và số 2")
    assert [(m.text, m.entity_id) for m in found] == [
        ("Gói thầu Xây lắp số 4", "gói thầu số 4"),
        ("gói xây lắp số 1", "gói thầu số 1"),
        ("số 2", "gói thầu số 2"),
    ]


def test_ring_roads_listed_by_number_and_the_half_ones():
    """Hà Nội's ring roads 2,5 and 3,5 are roads of their own; numbers listed after a ring
    road are ring roads of the same city, not a count ("vành đai 3, 4 làn xe")."""
    found = find_mentions("ba vành đai 3; 3,5 và 4 của Hà Nội, vành đai 2,5 chậm tiến độ")
    assert [(m.text, m.entity_id) for m in found] == [
        ("vành đai 3", "vành đai 3 hà nội"),
        ("3,5", "vành đai 3,5 hà nội"),
        ("4", "vành đai 4 hà nội"),
        ("vành đai 2,5", "vành đai 2,5 hà nội"),
    ]
    assert [m.text for m in find_mentions("mở rộng vành đai 3, 4 làn xe")] == ["vành đai 3"]


def test_cities_named_leave_out_xa_lo_ha_noi():
    """An article's cities (for a line left without one): "Xa lộ Hà Nội" is a road of TP.HCM."""
    from analysis.mentions.resolve import cities_named

    assert cities_named("Kẹt xe trên Xa Lộ Hà Nội, xa lộ Hà Nội") == set()
    assert cities_named("Hà Nội và TP.HCM") == {"hà nội", "tp.hcm"}


def test_a_persons_initial_ending_a_sentence_is_no_address():
    """ "P.", "Q.", "H." before a kind word are an address's ward or district only written
    close or after a comma, not a name's initial ending a sentence."""
    (mention,) = find_mentions("Theo lời kể của anh Nguyễn Văn H. Cầu Rồng sẽ được sửa chữa.")
    assert mention.entity_id == "cầu rồng"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A heading or caption without a full stop, glued to the next paragraph (baomoi's
        # bodies are read with their paragraphs joined): the paragraph's first word is no
        # part of the name.
        ("báo cáo tiền khả thi cao tốc Bắc-Nam Cuối giờ chiều 2-6, Ủy ban", "cao tốc Bắc-Nam"),
        ("metro vào sân bay Tân Sơn Nhất Tuy nhiên, kẹt xe", "sân bay Tân Sơn Nhất"),
        ("sân bay Tân Sơn Nhất Cụ thể, Thủ tướng yêu cầu", "sân bay Tân Sơn Nhất"),
        ("mở rộng sân bay Tân Sơn Nhất Bộ Giao thông vận tải chủ trì", "sân bay Tân Sơn Nhất"),
        ("9 mẫu kiến trúc sân bay quốc tế Long Thành Dự án sân bay", "sân bay quốc tế Long Thành"),
        ("vệ sinh ở cầu Nhật Tân Người đàn ông 34 tuổi", "cầu Nhật Tân"),
        # ... but a place whose name starts with such a word keeps it
        ("thi công cầu Ba Vì - Việt Trì", "cầu Ba Vì"),
        ("Cầu Vĩnh Tuy thông xe", "Cầu Vĩnh Tuy"),
        ("mở rộng cảng Đoạn Xá", "cảng Đoạn Xá"),
    ],
)
def test_a_glued_paragraphs_first_word_ends_a_name(text, name):
    assert [m.text for m in find_mentions(text)][:1] == [name]


@pytest.mark.parametrize(
    "text",
    ["trên cao tốc Lực lượng CSGT đã", "hố ga Đồng thời, cơ quan", "cầu cảng Mặc dù tiến hành"],
)
def test_a_glued_paragraphs_first_words_are_no_name(text):
    assert find_mentions(text) == []
