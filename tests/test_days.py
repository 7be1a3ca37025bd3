"""The day table gives the counts, coverage, split and comparison that the articles give."""

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import days, trends

TZ = "Asia/Ho_Chi_Minh"


@pytest.fixture(scope="module")
def corpus():
    rng = np.random.default_rng(0)
    n = 600
    stamps = pd.Timestamp("2025-01-01", tz=TZ) + pd.to_timedelta(
        rng.integers(0, 120 * 24 * 60, n), unit="min"
    )
    articles = pd.DataFrame(
        {
            "article_id": [f"a{i:04d}" for i in range(n)],
            "published_at": pd.Series(stamps).where(rng.random(n) > 0.05),  # some undated
            "outlet": pd.Series(rng.choice(["A", "B", "C"], n)).where(rng.random(n) > 0.1),
        }
    )
    picked = rng.choice(n, 400)
    mentions = pd.DataFrame(
        {
            "article_id": articles["article_id"].to_numpy()[picked],
            "entity_id": rng.choice(["ql1", "ql31", "metro2"], 400),
        }
    )
    topics = [
        list(rng.choice(["trade", "aviation", "infrastructure"], rng.integers(0, 3), False))
        for _ in range(n)
    ]
    labels = pd.DataFrame({"article_id": articles["article_id"], "named_topics": topics})
    table = days.day_counts(days.tagged_days(articles, mentions, labels))
    return articles, mentions, labels, table


def test_every_article_is_counted_once_dated_or_not(corpus):
    articles, _, _, table = corpus
    own = table[table["item_kind"] == "article"]
    assert own["article_count"].sum() == len(articles)
    assert (
        own.loc[own["day"].isna(), "article_count"].sum() == articles["published_at"].isna().sum()
    )


@pytest.mark.parametrize("freq", ["D", "W", "M"])
def test_period_counts_are_the_counts_of_the_articles(corpus, freq):
    articles, mentions, labels, table = corpus
    topic_items = (
        labels.explode("named_topics").dropna().rename(columns={"named_topics": "named_topic"})
    )
    pairs = [
        (trends.counts(articles, freq), days.period_counts(table, freq)),
        (
            trends.counts(articles, freq, by="outlet"),
            days.period_counts(table, freq, by="outlet"),
        ),
        (
            trends.counts(articles, freq, items=mentions, item_column="entity_id"),
            days.period_counts(table, freq, kind="entity_id"),
        ),
        (
            trends.counts(articles, freq, items=topic_items, item_column="named_topic"),
            days.period_counts(table, freq, kind="named_topic"),
        ),
    ]
    for expected, got in pairs:
        assert_frame_equal(expected, got, check_dtype=False)


def test_coverage_split_and_comparison_are_those_of_the_articles(corpus):
    articles, mentions, _, table = corpus
    assert days.coverage_of_days(table) == trends.steady_coverage(articles)
    halves = trends.split_by_volume(articles)
    assert days.split_days_by_volume(table) == halves
    assert_frame_equal(
        trends.compare_periods(articles, mentions, "entity_id", *halves, min_count=1),
        days.compare_day_periods(table, "entity_id", *halves, min_count=1),
        check_dtype=False,
    )


def test_days_within_coverage_keep_only_its_days(corpus):
    articles, _, _, table = corpus
    coverage = trends.Coverage(pd.Timestamp("2025-02-01"), pd.Timestamp("2025-02-28"), 0, 0)
    kept = days.days_within(table, coverage)
    local = kept["day"].dt.tz_localize(None)
    assert local.between(coverage.start, coverage.end).all()
    inside = coverage.holds(articles["published_at"].dropna()).sum()
    assert kept.loc[kept["item_kind"] == "article", "article_count"].sum() == inside


def test_an_undated_corpus_has_no_coverage_and_no_counts():
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b"],
            "published_at": pd.Series([pd.NaT, pd.NaT], dtype=f"datetime64[us, {TZ}]"),
            "outlet": [None, None],
        }
    )
    table = days.day_counts(days.tagged_days(articles))
    assert table["article_count"].sum() == 2
    assert days.coverage_of_days(table) is None
    assert days.split_days_by_volume(table) is None
    assert days.period_counts(table, "W").empty


def test_an_unknown_kind_or_split_is_a_clear_error(corpus):
    table = corpus[3]
    with pytest.raises(ValueError, match="kind must be one of"):
        days.period_counts(table, kind="province")
    with pytest.raises(ValueError, match="splits by 'outlet' only"):
        days.period_counts(table, by="category")


def test_a_day_is_a_day_in_vietnam_whatever_the_input_zone():
    """23:30 UTC on 2 March is 06:30 on 3 March in Vietnam (UTC+7)."""
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b"],
            "published_at": pd.to_datetime(["2025-03-02 23:30", "2025-03-02 16:59"]).tz_localize(
                "UTC"
            ),
            "outlet": ["X", "X"],
        }
    )
    table = days.day_counts(days.tagged_days(articles))
    got = table["day"].dt.strftime("%Y-%m-%d %H:%M %z").tolist()
    assert got == ["2025-03-02 00:00 +0700", "2025-03-03 00:00 +0700"]
