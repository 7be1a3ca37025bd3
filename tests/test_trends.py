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


def test_spike_scores_stay_finite_on_a_mostly_zero_series():
    # A project named in one week out of many: the MAD of its history is 0.
    series = pd.Series([0.0] * 10 + [4.0, 0.0, 0.0, 1.0])
    z = trends.robust_z(series, window=8)
    assert z.isna().sum() == 4  # the first max(3, window // 2) have too little history
    assert z.max() == pytest.approx(4.0)  # 4 articles over a baseline of 0: Poisson floor 1
    assert z.abs().max() < 100


def test_spike_floor_is_the_poisson_noise_of_the_baseline():
    # A steady 100 a week (MAD 0) then 130: 30 over a noise of sqrt(100) = 10.
    series = pd.Series([100.0] * 8 + [130.0])
    assert trends.robust_z(series, window=8).iloc[-1] == pytest.approx(3.0)


def test_a_sparse_series_gives_no_spike_below_the_minimum_count():
    days = [f"2025-03-{d:02d}" for d in range(1, 20)]
    articles = frame(days[::6] + ["2025-03-19"] * 2)
    table = trends.counts(articles, freq="D")
    assert trends.spikes(table, articles, freq="D", min_count=3).empty


def test_steady_coverage_leaves_out_stray_early_items():
    steady = pd.date_range("2025-08-09", "2025-10-31", freq="D").repeat(20)
    stray = pd.to_datetime(["2024-12-01", "2025-03-05", "2025-07-20"])
    articles = frame(list(stray) + list(steady))
    coverage = trends.steady_coverage(articles)
    assert coverage.start == pd.Timestamp("2025-08-09")
    assert coverage.end == pd.Timestamp("2025-10-31")
    assert (coverage.before_count, coverage.after_count) == (3, 0)
    assert coverage.holds(articles["published_at"]).sum() == len(steady)
    assert "3 dated before 2025-08-09" in coverage.describe()


def test_a_sparse_corpus_keeps_its_whole_span():
    articles = frame(["2017-01-03", "2017-03-09", "2017-06-30"])
    coverage = trends.steady_coverage(articles)
    assert not coverage.judged and coverage.outside_count == 0
    assert coverage.holds(articles["published_at"]).all()
    assert trends.steady_coverage(articles.iloc[:0]) is None


def test_periods_are_split_by_volume_not_by_the_calendar_middle():
    # Two quiet months then a busy one: the calendar middle would compare mostly empty days.
    stamps = ["2025-01-05", "2025-02-05"] + [f"2025-03-{d:02d}" for d in range(1, 29)]
    first, second = trends.split_by_volume(frame(stamps))
    assert first == ("2025-01-05", "2025-03-13")
    assert second == ("2025-03-14", "2025-03-28")
    assert trends.split_by_volume(frame(["2025-01-05"] * 3)) is None
