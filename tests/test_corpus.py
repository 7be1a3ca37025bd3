import pandas as pd

from analysis import corpus


def test_profile_counts_what_a_corpus_carries():
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b"],
            "outlet": [None, "VnExpress"],
            "published_at": pd.to_datetime([None, "2025-08-09"]).tz_localize("Asia/Ho_Chi_Minh"),
            "url": [None, None],
            "title": ["Cầu Hà Bắc 2", "  "],
            "lead": ["x", None],
            "body": [None, None],
        }
    )
    profile = corpus.profile(articles)
    assert profile.counts == {
        "outlet": 1,
        "published_at": 1,
        "url": 0,
        "title": 1,
        "lead": 1,
        "body": 0,
    }
    assert profile.has("outlet") and not profile.has("url")
    assert "no outlet" in profile.lacks("outlet")
    assert "1 with a date" in profile.summary()
    assert corpus.outlets(articles).tolist() == ["(unknown)", "VnExpress"]


def test_the_summary_says_where_the_bulk_of_the_dates_lies():
    """Two stray items months before a feed began: the dated span is given, and the steady
    one beside it (as the time trends use it)."""
    days = pd.date_range("2025-08-01", "2025-08-31", freq="D", tz="Asia/Ho_Chi_Minh")
    dates = [d for d in days for _ in range(10)] + [
        pd.Timestamp("2024-12-09", tz="Asia/Ho_Chi_Minh")
    ] * 2
    articles = pd.DataFrame({"title": ["x"] * len(dates), "published_at": dates})
    summary = corpus.profile(articles).summary()
    assert "dated 2024-12-09 to 2025-08-31 (steadily 2025-08-01 to 2025-08-31; 2 dated" in summary
    steady = corpus.profile(articles.iloc[:-2]).summary()
    assert steady.endswith("dated 2025-08-01 to 2025-08-31")


def test_a_summary_of_dates_without_a_time_zone_gives_the_span_alone():
    """The loader gives aware times; a user's own frame of naive ones still gets a summary."""
    articles = pd.DataFrame(
        {"title": ["x", "y"], "published_at": pd.to_datetime(["2025-08-01", "2025-08-02"])}
    )
    assert corpus.profile(articles).summary().endswith("dated 2025-08-01 to 2025-08-02")
