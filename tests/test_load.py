import gzip
import importlib
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.load import load
from analysis.schemas import ARTICLES, REJECTS
from tests.conftest import PAGE


def rss(i, **overrides):
    record = {
        "id": f"id{i}",
        "url": f"https://vnexpress.net/bai-{i}.html",
        "title": f"Tin số {i} về cao tốc Bắc - Nam",
        "summary": "Tóm tắt.",
        "outlet": "VnExpress",
        "feed": "VnExpress",
        "feed_category": "Tổng hợp",
        "published_at": f"2025-08-{10 + i:02d}T08:00:00+07:00",
    }
    record.update(overrides)
    return record


def jsonl(records) -> str:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    )


def test_rss_jsonl_fast_path(write):
    path = write("feed.jsonl", jsonl([rss(1), rss(2, feed_category="Thể thao")]))
    loaded = load(path)
    articles = loaded.articles
    assert len(articles) == 2 and loaded.rejects.empty
    assert articles["source_id"].tolist() == ["id1", "id2"]
    assert articles["category"].isna().tolist() == [True, False]  # catch-all feed is no section
    assert str(articles["published_at"].dt.tz) == "Asia/Ho_Chi_Minh"
    assert articles["published_at"].iloc[0] == pd.Timestamp("2025-08-11T08:00:00+07:00")
    assert articles["source_line"].tolist() == [1, 2]
    ARTICLES.validate(articles)


def test_gzip_and_ids_are_stable(write):
    raw = jsonl([rss(1), rss(2)]).encode()
    a = load(write("a/feed.jsonl.gz", gzip.compress(raw))).articles
    b = load(write("b/feed.jsonl", raw)).articles
    assert a["article_id"].tolist() == b["article_id"].tolist()
    assert a["article_id"].str.fullmatch(r"[0-9a-f]{16}").all()


def test_article_ids_are_pinned(write):
    """Ids hash the record's identity (source kind and id) with pandas' fixed SipHash key; a
    repeat of one identity gets its own. Pinned, so that a change of hash (a new pandas) shows
    here instead of silently renaming every article."""
    loaded = load(write("feed.jsonl", jsonl([rss(1), rss(1), rss(2)])))
    ids = loaded.articles["article_id"].tolist()
    assert ids == ["f4b981cd30476caf", "68257d928884a5b6", "5cb2e606cff8b19d"]
    assert loaded.articles["duplicate_of"].iloc[1] == ids[0]


def test_a_repeat_never_takes_another_records_id(write):
    """Two records of one URL without ids, and a third whose URL ends in ``#2``: three ids."""
    url = "https://vnexpress.net/bai-1.html"
    records = [rss(1, id=None, url=url), rss(2, id=None, url=url), rss(3, id=None, url=url + "#2")]
    loaded = load(write("feed.jsonl", jsonl(records)))
    assert len(loaded.articles) == 3 and loaded.articles["article_id"].is_unique


def test_the_loaders_threads_run_nested_work_inline_and_pass_errors_on():
    from analysis.load.threads import in_threads

    def nested(n):
        return sum(in_threads(abs, [-n, n]))

    assert in_threads(nested, [1, 2, 3]) == [2, 4, 6]
    with pytest.raises(ZeroDivisionError):
        in_threads(lambda n: 1 / n, [1, 0])


def test_long_first_lines_and_no_final_newline(write):
    """The memory-mapped JSON Lines path: a first line longer than the head that format
    detection reads, and a last line without its newline."""
    from analysis.load.readers import HEAD_BYTES

    long = rss(1, summary="Cầu Hà Bắc 2 " * (HEAD_BYTES // 10))
    loaded = load(write("feed.jsonl", jsonl([long, rss(2)]).rstrip("\n")))
    assert loaded.articles["source_id"].tolist() == ["id1", "id2"] and loaded.rejects.empty
    assert loaded.articles["lead"].iloc[0] == long["summary"].strip()


def test_invalid_json_lines_and_missing_titles_are_rejected_by_line(write):
    lines = [rss(1), "{not json", "", rss(2, title=""), rss(3, title=None), "[1, 2]", rss(4)]
    loaded = load(write("feed.jsonl", jsonl(lines)))
    assert loaded.articles["source_id"].tolist() == ["id1", "id4"]
    rejects = loaded.rejects.set_index("line")["reason"].to_dict()
    assert rejects == {2: "invalid JSON", 4: "no title", 5: "no title", 6: "not a JSON object"}
    REJECTS.validate(loaded.rejects)


def test_html_entities_in_titles(write):
    loaded = load(write("feed.jsonl", jsonl([rss(1, title="T&amp;T &quot;Millennia&quot;")])))
    assert loaded.articles["title"].iloc[0] == 'T&T "Millennia"'


def test_duplicates_by_url_and_by_title_day_outlet(write):
    records = [
        rss(1),
        rss(2, url=rss(1)["url"]),  # same URL
        rss(3, title=rss(1)["title"], published_at="2025-08-11T21:00:00+07:00"),  # same day
        rss(4, title=rss(1)["title"], outlet="Tuổi Trẻ", summary="Khác."),  # not a copy
        rss(5, title=rss(1)["title"], published_at="2025-09-30T08:00:00+07:00"),  # same text
    ]
    articles = load(write("feed.jsonl", jsonl(records))).articles.set_index("source_id")
    assert articles["is_duplicate"].to_dict() == {
        "id1": False,
        "id2": True,
        "id3": True,
        "id4": False,
        "id5": True,
    }
    assert articles.loc["id3", "duplicate_of"] == articles.loc["id1", "article_id"]


def test_earliest_copy_is_kept(write):
    records = [
        rss(1, published_at="2025-08-11T20:00:00+07:00"),
        rss(2, url=rss(1)["url"], published_at="2025-08-11T07:00:00+07:00"),
    ]
    articles = load(write("feed.jsonl", jsonl(records))).articles.set_index("source_id")
    assert not articles.loc["id2", "is_duplicate"] and articles.loc["id1", "is_duplicate"]


def test_same_page_twice_is_flagged(write):
    loaded = load([write("a.txt", PAGE), write("b.txt", PAGE)])
    assert loaded.articles["is_duplicate"].tolist() == [False, True]
    assert loaded.articles["article_id"].is_unique


def test_page_file_with_bom_crlf_nfd(write):
    import unicodedata

    data = b"\xef\xbb\xbf" + unicodedata.normalize("NFD", PAGE).replace("\n", "\r\n").encode()
    loaded = load(write("page.txt", data))
    row = loaded.articles.iloc[0]
    assert row["title"] == "Khởi công cầu Hà Bắc 2"
    assert row["author"] == "Thanh Tuyền"
    assert list(row["captions"]) == ["Lễ khởi công cầu Hà Bắc 2"]
    assert loaded.related["title"].tolist() == [
        "Cao tốc Bắc - Nam về đích",
        "Ga Kép đón tàu liên vận",
    ]
    assert loaded.related["position"].tolist() == [1, 2]


def test_page_in_utf16_and_windows_1258(write):
    from tests.test_textio import to_windows_1258

    for name, data in [("u16.txt", PAGE.encode("utf-16")), ("w.txt", to_windows_1258(PAGE))]:
        assert load(write(name, data)).articles["title"].iloc[0] == "Khởi công cầu Hà Bắc 2"


def test_impossible_date_warns(write):
    with pytest.warns(UserWarning, match="impossible date"):
        loaded = load(write("page.txt", PAGE.replace("22/04/2023", "31/02/2023")))
    assert loaded.articles["published_at"].isna().all()
    assert loaded.warnings["warning"].tolist() == ["impossible date"]
    assert loaded.warnings["article_id"].iloc[0] == loaded.articles["article_id"].iloc[0]


def test_empty_binary_and_untitled_files_are_rejected(write, tmp_path):
    write("empty.txt", b"")
    write("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(100))
    write("blob.bin", bytes(range(256)) * 8)
    write("page.txt", PAGE)
    loaded = load(tmp_path)
    assert len(loaded.articles) == 1
    reasons = loaded.rejects.set_index(loaded.rejects["source_path"].str.rsplit("/", n=1).str[-1])
    assert reasons["reason"].to_dict() == {
        "blob.bin": "not text (binary)",
        "empty.txt": "empty file",
        "image.txt": "not text (binary)",
    }


def test_dantri_file(write):
    text = (
        "# doc_id = news_business_001\n"
        "# url = https://dantri.com.vn/kinh-doanh/khoi-cong-cau-ha-bac-2-20201001163534963.htm\n"
        "# date = 20201001\n"
        "Khởi công cầu Hà Bắc 2\n"
        "Cầu vượt sông Cầu.\n"
        "Tổng vốn 400 tỷ đồng.\n"
    )
    row = load(write("news_business_001.txt", text)).articles.iloc[0]
    assert row["source_id"] == "news_business_001"
    assert row["title"] == "Khởi công cầu Hà Bắc 2"
    assert row["body"] == "Cầu vượt sông Cầu.\n\nTổng vốn 400 tỷ đồng."
    assert row["category"] == "business"
    assert row["published_at"] == pd.Timestamp("2020-10-01T16:35:34+07:00")
    mid_article = text.replace("Khởi công cầu Hà Bắc 2\n", "")
    row = load(write("news_business_002.txt", mid_article)).articles.iloc[0]
    assert pd.isna(row["title"]) and row["body"].startswith("Cầu vượt sông Cầu.")


def test_label_studio_json_with_date_from_url(write):
    records = [
        {
            "id": 7,
            "annotations": [
                {"from_name": "topic", "value": {"choices": ["Giao thông", "Kinh tế"]}},
                {"from_name": "sentiment", "value": {"choices": ["Trung tính"]}},
            ],
            "data": {
                "text": "Khởi công cầu Hà Bắc 2",
                "meta": {
                    "uri": "https://doanhnghiepvn.vn/tin/khoi-cong/20211003083553840",
                    "description": "Cầu vượt sông Cầu.",
                },
            },
        },
        {"id": 8, "annotations": [], "data": {"text": "", "meta": {}}},
    ]
    loaded = load(write("tasks.json", json.dumps(records, ensure_ascii=False)))
    row = loaded.articles.iloc[0]
    assert row["category"] == "Giao thông; Kinh tế"
    assert row["lead"] == "Cầu vượt sông Cầu."
    assert row["outlet"] == "doanhnghiepvn.vn"
    assert row["published_at"] == pd.Timestamp("2021-10-03T08:35:53+07:00")
    assert loaded.rejects[["line", "reason"]].values.tolist() == [[2, "no title"]]


def test_csv_and_parquet_with_a_field_map(write, tmp_path):
    frame = pd.DataFrame(
        {
            "headline": ["Khởi công cầu Hà Bắc 2", None],
            "desc": ["Cầu vượt sông Cầu.", "x"],
            "when": ["22/04/2023 19:22", "2023-04-23"],
        }
    )
    csv_path = write("a.csv", frame.to_csv(index=False))
    parquet_path = tmp_path / "a.parquet"
    frame.to_parquet(parquet_path)
    mapping = {"title": "headline", "lead": "desc", "published_at": "when"}
    for path in (csv_path, parquet_path):
        loaded = load(path, field_map=mapping)
        assert loaded.articles["title"].tolist() == ["Khởi công cầu Hà Bắc 2"]
        assert loaded.articles["published_at"].iloc[0] == pd.Timestamp("2023-04-22T19:22+07:00")
        assert loaded.rejects["reason"].tolist() == ["no title"]


def test_csv_is_detected_from_its_header(write):
    loaded = load(write("export.txt", "title,lead\nKhởi công cầu Hà Bắc 2,Cầu mới\n"))
    assert loaded.articles["source_format"].tolist() == ["csv"]


def test_html_page_uses_an_extractor_not_markup(write):
    paragraph = "Cầu Hà Bắc 2 vượt sông Cầu nối Bắc Giang và Bắc Ninh đã hoàn thành. " * 4
    html = f"""<!DOCTYPE html><html><head><title>Khởi công cầu Hà Bắc 2 - Báo</title>
    <meta property="og:title" content="Khởi công cầu Hà Bắc 2">
    <meta property="article:published_time" content="2023-04-22T19:22:00+07:00">
    <script>var tracking = "<p>not text</p>";</script></head>
    <body><nav>Trang chủ | Thời sự</nav><article><h1>Khởi công cầu Hà Bắc 2</h1>
    <p>{paragraph}</p><p>{paragraph}</p></article><footer>Bản quyền</footer></body></html>"""
    row = load(write("page.html", html)).articles.iloc[0]
    assert row["title"] == "Khởi công cầu Hà Bắc 2"
    assert "<" not in row["body"] and "tracking" not in row["body"]
    assert "Cầu Hà Bắc 2 vượt sông Cầu" in row["body"]
    assert row["published_at"].date().isoformat() == "2023-04-22"


def test_format_override_and_unknown_format(write):
    path = write("feed.data", jsonl([rss(1)]))
    assert load(path, fmt="jsonl").articles["source_format"].tolist() == ["jsonl"]
    with pytest.raises(ValueError, match="unknown format"):
        load(path, fmt="xml")


def test_globs_and_missing_paths(write, tmp_path):
    write("x/1.txt", PAGE)
    write("x/2.txt", PAGE.replace("Hà Bắc 2", "Rạch Miễu 2"))
    assert len(load(str(tmp_path / "x" / "*.txt")).articles) == 2
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "nothing-here")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.builds(rss, st.integers(0, 9)),
            st.builds(lambda i: rss(i, title=None), st.integers(0, 9)),
            # Control characters would make the whole file binary: one reject, tested above.
            st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),
        ),
        max_size=12,
    )
)
def test_every_line_is_loaded_or_rejected(write, lines):
    text = "".join(
        (json.dumps(r, ensure_ascii=False) if isinstance(r, dict) else r.replace("\n", " ")) + "\n"
        for r in lines
    )
    loaded = load(write("feed.jsonl", "{}\n" + text if text.strip() else "{}\n"))
    nonblank = sum(1 for line in ("{}\n" + text).split("\n") if line.strip())
    assert len(loaded.articles) + len(loaded.rejects) == nonblank


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_every_page_file_is_loaded_or_rejected(write, data):
    loaded = load(write("page.txt", data), fmt="page")
    assert len(loaded.articles) + len(loaded.rejects) == 1


def test_corrupt_gzip_is_rejected(write):
    loaded = load(write("feed.jsonl.gz", b"\x1f\x8b\x08\x00" + bytes(40)))
    assert loaded.rejects["reason"].tolist() == ["corrupt gzip"]


def test_dates_and_text_columns_keep_their_index():
    """Columns are cleaned and dated by position, whatever index they carry."""
    from analysis.load.columns import clean_text_column, parse_datetime_column

    values = pd.Series(
        [
            "2024-12-09T14:34:25+07:00",
            "2024-02-30T14:34:25+07:00",  # Arrow's strptime would roll this into March
            "2024-02-29T14:34:25+07:00",
            "2023-02-29T10:00:00+07:00",
            "2024-12-09T24:00:00+07:00",
            "2024-12-09 14:34:25",
            "22/04/2023 19:22",
        ],
        index=range(10, 17),
    )
    parsed, warning, _ = parse_datetime_column(values)
    assert list(parsed.index) == list(values.index)
    assert parsed[10] == pd.Timestamp("2024-12-09 14:34:25", tz="Asia/Ho_Chi_Minh")
    assert parsed[12] == pd.Timestamp("2024-02-29 14:34:25", tz="Asia/Ho_Chi_Minh")
    assert parsed[15] == pd.Timestamp("2024-12-09 14:34:25", tz="Asia/Ho_Chi_Minh")
    assert parsed[16] == pd.Timestamp("2023-04-22 19:22", tz="Asia/Ho_Chi_Minh")
    assert parsed[[11, 13, 14]].isna().all()
    assert (warning[[11, 13, 14]] == "impossible date").all()
    text = clean_text_column(pd.Series([" a ", "Ho\u0300a &amp; b", "  "], index=[5, 6, 7]))
    assert text.tolist()[:2] == ["a", "Hòa & b"] and pd.isna(text[7])


def test_iso_dates_read_from_bytes_match_pandas():
    """The byte-level path for ``YYYY-MM-DDTHH:MM:SS+HH:MM`` gives pandas' instants, refuses
    what pandas refuses, and reads offsets within ten minutes of +07:00 as +07:00."""
    from analysis.load.columns import parse_datetime_column

    rng = np.random.default_rng(0)
    n = 3000
    values = [
        f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{se:02d}{sg}{oh:02d}:{om:02d}"
        for y, mo, d, h, mi, se, sg, oh, om in zip(
            rng.integers(1900, 2101, n), rng.integers(0, 14, n), rng.integers(0, 33, n),
            rng.integers(0, 25, n), rng.integers(0, 61, n), rng.integers(0, 61, n),
            rng.choice(["+", "-"], n), rng.choice([0, 5, 7, 9, 14, 15], n),
            rng.choice([0, 5, 10, 30, 45], n), strict=True,
        )
    ]  # fmt: skip
    parsed, _, _ = parse_datetime_column(pd.Series(values))
    near = [v[-6:-3] == "+07" and int(v[-2:]) <= 10 for v in values]
    wanted = pd.to_datetime(
        pd.Series([v[:-6] + "+07:00" if f else v for v, f in zip(values, near, strict=True)]),
        format="ISO8601", utc=True, errors="coerce",
    )  # fmt: skip
    assert parsed.isna().sum() > 100 and parsed.notna().sum() > 100
    pd.testing.assert_series_equal(
        parsed.dt.tz_convert("UTC"), wanted.astype("datetime64[us, UTC]"), check_names=False
    )


@pytest.mark.parametrize("slice_rows", [3, 1 << 15])
def test_text_column_cleans_as_clean_field_does(slice_rows, monkeypatch):
    """The vectorised column path changes exactly what clean_field changes: every character
    str.strip() removes, at either end, blank values, repairs; other values are kept. Also
    when the column is checked in slices on several threads."""
    import sys

    from analysis.load import threads
    from analysis.load.columns import SPACE_CODES, clean_text_column

    monkeypatch.setattr(threads, "SLICE_ROWS", slice_rows)
    from analysis.load.textio import clean_field

    assert list(SPACE_CODES) == [c for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    spaces = [chr(c) for c in SPACE_CODES]
    values = [f"{s}Cầu Hà Bắc 2" for s in spaces] + [f"ga Kép{s}" for s in spaces]
    values += ["", "\u3000", "Ho\u0300a", "a &amp; b", "x\u200by", "QL31", "a\u00a0b", None]
    values += ["Cầu Hà Bă\u0301c 2 ", "Ca\u0300u &amp; ca\u0300u", "Qua\u0309ng Ngãi"]
    cleaned = clean_text_column(pd.Series(values, dtype="str"))
    assert [None if pd.isna(v) else v for v in cleaned] == [clean_field(v) for v in values]


@pytest.mark.parametrize("slice_rows", [5000, 1 << 15])
def test_columns_of_few_values_clean_as_clean_field_does(slice_rows, monkeypatch):
    """A column of few distinct values (outlets, categories) is checked through its
    dictionary: the same changes as clean_field, also when the values after its first ones
    are many and different."""
    from analysis.load import threads
    from analysis.load.columns import clean_text_column
    from analysis.load.textio import clean_field

    monkeypatch.setattr(threads, "SLICE_ROWS", slice_rows)
    few = ["VnExpress", " Thanh Niên", "Dân trí\u00a0", "Tuổi Trẻ", "Ho\u0300a", "a &amp; b"]
    few += ["", "\u3000", "x\u200by", None]
    rng = np.random.default_rng(0)
    values = [few[i] for i in rng.integers(0, len(few), 6000)]
    values += [f"Bài {i}{few[i % len(few)] or ''}" for i in range(6000)]  # many, later
    cleaned = clean_text_column(pd.Series(values, dtype="str"))
    assert [None if pd.isna(v) else v for v in cleaned] == [clean_field(v) for v in values]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(st.none(), st.text(alphabet="a1 \t\x1c&;#xamp\u00a0\u2003", max_size=12)),
        max_size=60,
    ),
    st.sampled_from([3, 7, 1 << 15]),
)
def test_text_in_ascii_cleans_as_clean_field_does(values, slice_rows):
    """The fast path for slices in ASCII only (entities found by blocks of values, spaces by
    the end bytes) changes exactly what clean_field changes, in slices of any size; an entity
    cut across two values of a block is not taken for one."""
    from analysis.load import threads
    from analysis.load.columns import clean_text_column
    from analysis.load.textio import clean_field

    values = [*values, "&amp", ";", "a&amp;", "&#x41;", "&;", " ", ""]
    original = threads.SLICE_ROWS
    threads.SLICE_ROWS = slice_rows  # hypothesis runs many examples in one test: set it back
    try:
        cleaned = clean_text_column(pd.Series(values, dtype="str"))
    finally:
        threads.SLICE_ROWS = original
    assert [None if pd.isna(v) else v for v in cleaned] == [clean_field(v) for v in values]


def test_duplicate_keys_codes_and_hashes_group_alike():
    """The single-process keys (dictionary codes) and the Dask engine's (hashes) put the same
    rows together."""
    from analysis.load.finalize import duplicate_keys

    when = pd.to_datetime(
        ["2025-01-01 01:00", "2025-01-01 10:00", "2025-01-02 08:00", None, None], utc=True
    ).tz_convert("Asia/Ho_Chi_Minh")
    rows = pd.DataFrame(
        {
            "url": ["u1", "u2", "u1", None, None],
            "title": ["Cầu X", "cầu x", "Cầu X", "Cầu X", "Cầu X"],
            "lead": ["a", "b", "a", None, None],
            "body": [None, None, None, "c", "c"],
            "outlet": ["VnE", "VnE", None, "VnE", "VnE"],
            "published_at": when,
        }
    ).astype({c: "str" for c in ("url", "title", "lead", "body", "outlet")})
    codes, hashes = duplicate_keys(rows, hashed=False), duplicate_keys(rows)
    for column in ("url", "title", "text"):
        assert codes[column].isna().tolist() == hashes[column].isna().tolist()
        assert pd.factorize(codes[column])[0].tolist() == pd.factorize(hashes[column])[0].tolist()
    assert codes["title"].iloc[0] == codes["title"].iloc[1]  # same day in Vietnam, any case
    assert codes["text"].iloc[3] == codes["text"].iloc[4] != codes["text"].iloc[0]


KEYS = ("url", "title", "text")


def _flagged_one_by_one(keys, when, ids):
    """What flag_duplicates' docstring says, row by row: in order of time (undated last, ties
    by reading order), a row is a copy of the first row before it that shares a key, the keys
    taken in turn (URL, then title, then text)."""
    order = sorted(
        range(len(keys)),
        key=lambda i: (pd.isna(when.iloc[i]), when.iloc[i] if pd.notna(when.iloc[i]) else 0, i),
    )
    flags, of = [False] * len(keys), [None] * len(keys)
    for column in ("url", "title", "text"):
        first: dict = {}
        for i in order:
            key = keys[column].iloc[i]
            if pd.isna(key):
                continue
            if key not in first:
                first[key] = i
            elif not flags[i]:
                flags[i], of[i] = True, ids.iloc[first[key]]
    return flags, of


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.none() | st.integers(0, 3),
            st.none() | st.integers(0, 3),
            st.none() | st.integers(0, 3),
            st.none() | st.integers(0, 4),
        ),
        max_size=14,
    ),
    st.sampled_from(["Int64", "UInt64"]),  # dictionary codes (one process), hashes (Dask)
)
def test_flag_duplicates_matches_the_rule_row_by_row(rows, dtype):
    from analysis.load.finalize import flag_duplicates

    index = pd.Index([10 * (len(rows) - i) for i in range(len(rows))])  # not 0, 1, 2 ...
    keys = pd.DataFrame(
        {name: pd.array([r[k] for r in rows], dtype=dtype) for k, name in enumerate(KEYS)},
        index=index,
    )
    days = [None if r[3] is None else f"2025-01-0{r[3] + 1}" for r in rows]
    when = pd.Series(pd.to_datetime(days, utc=True), index=index, dtype="datetime64[us, UTC]")
    ids = pd.Series([f"a{i}" for i in range(len(rows))], index=index, dtype="str")
    flags, of = flag_duplicates(keys, when, np.arange(len(rows)), ids)
    expected_flags, expected_of = _flagged_one_by_one(keys, when, ids)
    assert flags.tolist() == expected_flags
    assert [None if pd.isna(v) else v for v in of] == expected_of


def test_an_id_collision_is_an_error(monkeypatch):
    """Article ids are checked unique on the 64-bit numbers they spell: ids that still
    coincide after repeats are hashed anew (here every hash is forced to zero, so the
    repeat's new hash meets the first record's) stop the load with a clear error."""
    finalize = importlib.import_module("analysis.load.finalize")  # the module, not the function
    monkeypatch.setattr(
        finalize, "identity_hashes", lambda identity: np.zeros(len(identity), dtype=np.uint64)
    )
    rows = pd.DataFrame(
        {"id_scope": ["rss", "rss"], "source_id": ["a", "b"], "url": [None, None]}
    ).astype("str")
    with pytest.raises(ValueError, match="collision"):
        finalize.make_article_ids(rows)


def test_fsspec_urls_load_as_local_files(write):
    """A corpus named by URL (here fsspec's in-memory file system; s3:// and gs:// work the
    same way with their packages installed) loads as the same files on disk do."""
    import uuid

    import fsspec

    from analysis.ingest import fingerprint

    records = [rss(i) for i in range(6)]
    local = write("urls/a.jsonl", jsonl(records[:4]))
    write("urls/sub/b.jsonl.gz", gzip.compress(jsonl(records[3:]).encode()))
    root = f"memory://corpus-{uuid.uuid4().hex[:8]}"
    fs = fsspec.filesystem("memory")
    fs.pipe(f"{root}/a.jsonl", local.read_bytes())
    fs.pipe(f"{root}/sub/b.jsonl.gz", (local.parent / "sub" / "b.jsonl.gz").read_bytes())
    fs.pipe(f"{root}/.DS_Store", b"\0")
    on_disk, by_url = load(local.parent), load(root)
    assert by_url.articles["source_path"].tolist()[:1] == [f"{root}/a.jsonl"]
    columns = [c for c in on_disk.articles if c != "source_path"]
    pd.testing.assert_frame_equal(on_disk.articles[columns], by_url.articles[columns])
    assert len(load(f"{root}/*.jsonl").articles) == 4
    assert fingerprint([root]) == fingerprint([root]) != fingerprint([f"{root}/a.jsonl"])
    with pytest.raises(FileNotFoundError, match="no file matches"):
        load(f"{root}/*.csv")
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        load(f"{root}/missing.jsonl")


def test_a_corpus_url_on_the_command_line_and_in_reports(write, tmp_path):
    import uuid

    import fsspec
    from typer.testing import CliRunner

    from analysis.cli import app
    from analysis.pipeline import Params

    root = f"memory://cli-{uuid.uuid4().hex[:8]}"
    fsspec.filesystem("memory").pipe(f"{root}/a.jsonl", jsonl([rss(1), rss(2)]).encode())
    result = CliRunner().invoke(app, ["ingest", root, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "2 articles (0 duplicates)" in result.output
    presigned = "https://bucket.s3.amazonaws.com/news/a.jsonl?X-Amz-Signature=abc"
    params = Params(corpus=[presigned, "file://localhost/srv/my%20news/a.jsonl"])
    assert params.corpus == [presigned, "/srv/my news/a.jsonl"]
    assert params.corpus_shown == ["https://bucket.s3.amazonaws.com/news/a.jsonl", "a.jsonl"]
    with pytest.raises(ValueError, match="carries a password: give credentials to fsspec"):
        Params(corpus=["s3://me:secret@bucket/news/"])
    with pytest.raises(ValueError, match="carries a password"):
        load("https://me:secret@example.com/a.jsonl")


def test_large_files_read_in_parts_as_in_one_go(write, monkeypatch):
    """A large local file is read in one part per core into one buffer: the same bytes; if it
    reads short (cut while read), it is read again in one go."""
    import os

    from analysis.load import textio

    monkeypatch.setattr(textio, "PARALLEL_READ_BYTES", 1024)
    path = write("big.jsonl", jsonl([rss(i % 9) for i in range(200)]))
    expected = path.read_bytes()
    assert len(expected) > 1024
    assert textio.read_buffer(path).to_pybytes() == expected
    if hasattr(os, "preadv"):
        monkeypatch.setattr(os, "preadv", lambda fd, buffers, offset: 0)  # nothing more to read
        assert textio._read_in_parts(str(path)) is None
        assert textio.read_buffer(path).to_pybytes() == expected
