from analysis.topics import TopicModel
from analysis.topics.phrases import EDGE, contains, grow_phrases, syllables


def texts(*lines):
    return [syllables(line) for line in lines]


def test_a_pair_across_two_words_grows_to_both_words():
    corpus = texts(
        "sàn thương mại điện tử bán hàng",
        "thương mại điện tử tăng trưởng mạnh",
        "quản lý thương mại điện tử xuyên biên giới",
    )
    assert grow_phrases(["mại điện"], corpus) == {"mại điện": "thương mại điện tử"}


def test_a_mark_or_number_is_an_edge_and_function_words_are_trimmed():
    assert syllables("tổng bí thư, chủ tịch nước 2025") == [
        "tổng", "bí", "thư", EDGE, "chủ", "tịch", "nước", EDGE,
    ]  # fmt: skip
    # a hyphen between letters joins one name's syllables, as the model counts them
    assert syllables("kim sang-sik, vn-index") == ["kim", "sang", "sik", EDGE, "vn", "index"]
    corpus = (
        texts("tổng bí thư, chủ tịch nước tô lâm", "tổng bí thư, chủ tịch nước", "ở việt nam") * 2
    )
    grown = grow_phrases(["bí thư", "thư chủ", "ở việt"], corpus)
    # "thư chủ" is never written as it stands (a comma between): no phrase
    assert grown == {"bí thư": "tổng bí thư", "thư chủ": None, "ở việt": "việt nam"}


def test_a_word_with_many_neighbours_stays_as_it_is():
    corpus = texts("sân bay long thành", "sân bay nội bài", "sân bay tân sơn nhất", "ra sân bay")
    assert grow_phrases(["sân bay"], corpus) == {"sân bay": "sân bay"}


def test_a_date_word_does_not_join_a_phrase():
    corpus = (
        texts(
            "xổ số miền nam ngày 3/12",
            "xổ số miền nam ngày 5/12",
            "kết quả xổ số miền nam ngày 4/12",
        )
        * 2
    )
    assert grow_phrases(["xổ số"], corpus)["xổ số"] == "xổ số miền nam"


def test_a_phrase_still_growing_at_its_longest_is_no_phrase():
    corpus = texts("an bình cát dũng em phúc giang hải") * 3
    assert grow_phrases(["bình cát"], corpus, max_syllables=4) == {"bình cát": None}
    assert grow_phrases(["bình cát"], corpus, max_syllables=1) == {"bình cát": None}


def test_contains_reads_whole_syllables():
    assert contains("sân bay long thành", "bay long")
    assert not contains("bayern munich", "bay")


def test_cluster_names_are_whole_phrases_and_can_be_turned_off():
    lines = [
        f"thương mại điện tử {w} tăng trưởng" for w in ("sàn", "hàng", "thuế", "shop", "vận")
    ] + [f"giải bóng đá {w} vô địch" for w in ("anh", "pháp", "ý", "đức", "nhật")]
    named = TopicModel(n_clusters=2, n_components=2, min_df=1, max_df=1.0).fit(lines)
    terms = {t for ts in named.top_terms_.values() for t in ts}
    assert "thương mại điện tử" in terms and "mại điện" not in terms
    pairs = TopicModel(n_clusters=2, n_components=2, min_df=1, max_df=1.0, whole_phrases=False).fit(
        lines
    )
    assert "mại điện" in {t for ts in pairs.top_terms_.values() for t in ts}


def test_a_pair_counted_across_a_number_or_skipped_word_is_no_phrase():
    corpus = texts("vòng 15 ngoại hạng anh", "vòng 16 ngoại hạng anh", "vòng ngoại binh")
    assert grow_phrases(["vòng ngoại"], corpus) == {"vòng ngoại": None}
    corpus = texts("xổ số miền nam", "xổ số miền bắc", "xổ miền")
    assert grow_phrases(["xổ miền"], corpus, skipped=frozenset({"số"})) == {"xổ miền": None}
    assert grow_phrases(["xổ miền"], corpus) == {"xổ miền": "xổ miền"}  # nothing skipped


def test_one_occurrence_grows_nothing():
    corpus = texts("cầu hà bắc 2 thông xe", "cầu hà nội")
    assert grow_phrases(["hà"], corpus) == {"hà": "cầu hà"}
    assert grow_phrases(["bắc"], corpus) == {"bắc": "bắc"}


def test_a_function_word_joins_only_when_it_nearly_always_stands_there():
    corpus = texts("trên mạng xã hội", "trên mạng xã hội lan truyền", "mạng xã hội", "mạng xã hội")
    corpus += texts("có thể đón xem", "có thể đón xem trực tiếp", "nhà ở xã hội", "nhà ở giá rẻ")
    grown = grow_phrases(["xã hội", "thể đón", "nhà ở"], corpus)
    assert grown == {"xã hội": "mạng xã hội", "thể đón": "có thể đón xem", "nhà ở": "nhà ở"}


def test_growth_follows_half_of_all_the_term_occurrences_not_of_the_phrase_so_far():
    # "dương" stands in "tết dương lịch" in 2 of its 6 occurrences: it stays "dương lịch"
    corpus = texts(
        "nghỉ tết dương lịch", "kỳ nghỉ tết dương lịch", "dương lịch 2026", "âm dương lịch",
        "lịch dương lịch", "theo dương lịch",
    )  # fmt: skip
    assert grow_phrases(["dương"], corpus) == {"dương": "dương lịch"}


def test_the_preposition_o_is_trimmed_and_a_pair_left_with_one_syllable_ranks_last():
    corpus = texts("ở việt nam", "ở việt nam hiện nay", "thái lan ở sea games", "thái lan ở đó")
    corpus += texts("ở vòng loại", "ở vòng bảng")
    grown = grow_phrases(["ở việt", "lan ở", "ở vòng", "ở"], corpus)
    assert grown == {"ở việt": "việt nam", "lan ở": "thái lan", "ở vòng": "vòng", "ở": None}
