import pandas as pd
import pytest

from analysis import trends

TZ = "Asia/Ho_Chi_Minh"


def frame(stamps, outlets=None):
    stamps = pd.to_datetime(stamps).tz_localize(TZ)
    return pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(stamps))],
            "published_at": stamps,
            "outlet": outlets or ["X"] * len(stamps),
        }
    )


def test_periods_are_taken_in_vietnam_time():
    utc = pd.Series(pd.to_datetime(["2025-03-02 18:30"]).tz_localize("UTC"))
    # 18:30 UTC on Sunday 2 March is 01:30 on Monday 3 March in Vietnam: a new ISO week.
    assert trends.period_start(utc, "D").iloc[0] == pd.Timestamp("2025-03-03")
    assert trends.period_start(utc, "W").iloc[0] == pd.Timestamp("2025-03-03")
    assert trends.period_start(utc, "M").iloc[0] == pd.Timestamp("2025-03-01")


def test_empty_periods_are_zero_not_missing():
    table = trends.counts(frame(["2025-03-03", "2025-03-20"]), freq="W")
    assert table["period"].tolist() == list(pd.date_range("2025-03-03", "2025-03-17", freq="7D"))
    assert table["article_count"].tolist() == [1, 0, 1]


def test_partial_first_and_last_periods_are_marked():
    table = trends.counts(frame(["2025-03-05", "2025-03-12", "2025-03-19"]), freq="W")
    assert table["is_partial"].tolist() == [True, False, True]
    full = trends.counts(frame(["2025-03-03", "2025-03-16"]), freq="W")
    assert full["is_partial"].tolist() == [False, False]


def test_shares_of_all_articles_in_the_period_and_outlet():
    articles = frame(["2025-03-03"] * 4, outlets=["A", "A", "B", "B"])
    items = pd.DataFrame({"article_id": ["a0", "a2", "a3"], "topic": ["trade"] * 3})
    table = trends.counts(articles, freq="D", by="outlet", items=items, item_column="topic")
    shares = dict(zip(table["outlet"], table["share"], strict=True))
    assert shares == {"A": 0.5, "B": 1.0}


def test_spike_returns_the_articles_behind_it():
    days = [f"2025-03-{d:02d}" for d in range(1, 15)]
    stamps = days + ["2025-03-15"] * 12
    articles = frame(stamps)
    table = trends.counts(articles, freq="D")
    found = trends.spikes(table, articles, freq="D", threshold=3.0, window=7)
    assert found["period"].tolist() == [pd.Timestamp("2025-03-15")]
    assert len(found.loc[0, "article_ids"]) == 12


def test_compare_periods_finds_what_rose():
    articles = frame(["2025-01-10"] * 10 + ["2025-02-10"] * 10)
    items = pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(12, 20)] + ["a1"], "entity": ["x"] * 8 + ["y"]}
    )
    table = trends.compare_periods(
        articles,
        items,
        "entity",
        ("2025-01-01", "2025-01-31"),
        ("2025-02-01", "2025-02-28"),
        min_count=1,
    )
    top = table.iloc[0]
    assert top["entity"] == "x"
    assert top["change_pp"] == pytest.approx(80.0)
    assert top["p_value"] < 0.001


def test_bad_frequency_is_a_clear_error():
    with pytest.raises(ValueError, match="freq must be one of"):
        trends.period_start(frame(["2025-03-03"])["published_at"], "Q")
