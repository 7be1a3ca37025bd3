import pandas as pd
import pytest

from analysis.places import extract_amounts, extract_places, find_amounts, find_places


def test_former_and_current_province():
    (p,) = find_places("Bắc Giang khởi công cầu mới")
    assert (p.province_former, p.province) == ("Bắc Giang", "Bắc Ninh")


def test_spellings_of_one_province():
    found = {p.province for p in find_places("TP HCM, TPHCM, Sài Gòn và TP.HCM")}
    assert found == {"TP.HCM"}
    assert find_places("Đăk Lăk")[0].province_former == "Đắk Lắk"


def test_names_inside_longer_names_are_not_provinces():
    assert find_places("Thái Bình Dương rộng lớn") == []


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("1.500 tỷ đồng", 1.5e12, "VND", None),
        ("7,4 tỷ USD", 7.4e9, "USD", None),
        ("hơn 22%", 22.0, "%", "hơn"),
        ("khoảng 3 nghìn tỷ đồng", 3e12, "VND", "khoảng"),
        ("2.300 tỷ.", 2.3e12, "VND", None),
    ],
)
def test_amounts(text, value, unit, qualifier):
    (a,) = find_amounts(text)
    assert a.value == pytest.approx(value)
    assert (a.unit, a.qualifier) == (unit, qualifier)


def test_counts_are_not_money():
    assert find_amounts("3 triệu người đi lại") == []


def test_tables_follow_their_schemas():
    articles = pd.DataFrame(
        {"article_id": ["a"], "title": ["Hà Nội chi 1.000 tỷ đồng"], "lead": [None]}
    )
    places = extract_places(articles)
    amounts = extract_amounts(articles)
    assert list(places["province"]) == ["Hà Nội"]
    assert amounts.loc[0, "sentence"] == "Hà Nội chi 1.000 tỷ đồng"


def test_a_province_inside_a_projects_name_is_no_mention_of_it():
    """The TP.HCM of "Vành đai 3 TP.HCM" is the project's name; the Đồng Nai beside it is a
    place (places.outside_spans, for the co-mention chart of notebook 03)."""
    from analysis.mentions import extract_mentions
    from analysis.places import extract_places, outside_spans

    articles = pd.DataFrame(
        {"article_id": ["a1"], "title": ["Vành đai 3 TP.HCM qua Đồng Nai"], "lead": [None]}
    )
    places = extract_places(articles)
    kept = outside_spans(places, extract_mentions(articles, progress=False))
    assert sorted(places["province"]) == ["TP.HCM", "Đồng Nai"]
    assert kept["province"].tolist() == ["Đồng Nai"]
    assert list(kept.columns) == list(places.columns)
