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
