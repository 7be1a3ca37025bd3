import unicodedata

import pandas as pd
import pytest

from analysis.text import (
    add_text_norm,
    analysis_tokens,
    expand_abbreviations,
    fold,
    normalize,
    unify_tone_marks,
)


@pytest.mark.parametrize(
    ("new_style", "old_style"),
    [("hoà", "hòa"), ("thuỷ", "thủy"), ("Hoá", "Hóa"), ("khoẻ", "khỏe"), ("HOÀ", "HÒA")],
)
def test_tone_marks_written_one_way(new_style, old_style):
    assert unify_tone_marks(new_style) == old_style
    assert unify_tone_marks(old_style) == old_style


@pytest.mark.parametrize("word", ["quý", "hoàng", "huỳnh", "thuở", "khuya"])
def test_tone_marks_left_alone_where_there_is_one_way(word):
    assert unify_tone_marks(word) == word


def test_fold_keeps_offsets():
    text = "Hầm chui Mỹ Thuỷ\u00a0– cao tốc Bắc—Nam"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "Hầm chui Mỹ Thủy - cao tốc Bắc-Nam"


def test_normalize_unescapes_and_collapses():
    assert normalize("Cầu &amp; đường  Hà\u200bNội \n\n hoà") == "Cầu & đường HàNội\nhòa"
    assert normalize(unicodedata.normalize("NFD", "Cầu Hà")) == "Cầu Hà"


def test_abbreviations_of_the_field():
    text = "QL31, ĐT 242 qua TP HCM, TPHCM và TP.HCM; UBND, GPMB"
    assert expand_abbreviations(text) == (
        "quốc lộ 31, đường tỉnh 242 qua tp.hcm, tp.hcm và tp.hcm; ủy ban nhân dân, "
        "giải phóng mặt bằng"
    )


def test_analysis_tokens_are_syllables():
    assert analysis_tokens("Khởi công QL1A ở TP HCM") == [
        "khởi",
        "công",
        "quốc",
        "lộ",
        "1a",
        "ở",
        "tp.hcm",
    ]


def test_text_norm_never_overwrites_the_published_text():
    articles = pd.DataFrame({"title": ["Hoà Bình"], "lead": [None], "body": ["Thuỷ &amp; điện"]})
    out = add_text_norm(articles)
    assert out.loc[0, "text_norm"] == "Hòa Bình\nThủy & điện"
    assert articles.loc[0, "title"] == "Hoà Bình"
