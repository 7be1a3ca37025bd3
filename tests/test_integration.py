"""The loader on the real corpora in ../shared: every record accounted for."""

import pytest

from analysis import config
from analysis.evaluate import score_pages
from analysis.load import load

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("path", "records"),
    [
        (config.RSS_CORPUS, 178_638),
        (config.BAOMOI_CORPUS, 35_440),
        (config.DANTRI_CORPUS, 2_653),
        (config.DANES_LABELLED, 2_032),
        (config.DANES_UNLABELLED, 4_757),
    ],
    ids=["rss", "baomoi", "dantri", "danes-labelled", "danes-unlabelled"],
)
def test_every_record_is_loaded_or_rejected(path, records):
    loaded = load(path, progress=False)
    assert len(loaded.articles) + len(loaded.rejects) == records
    assert loaded.articles["article_id"].is_unique
    assert len(loaded.rejects) <= records * 0.001


def test_rss_corpus_dates_and_duplicates():
    articles = load(config.RSS_CORPUS).articles
    assert articles["published_at"].notna().all()
    assert str(articles["published_at"].dt.tz) == "Asia/Ho_Chi_Minh"
    assert not articles["title"].str.contains("&amp;|&quot;", regex=True).any()
    assert 100 < articles["is_duplicate"].sum() < 700


def test_baomoi_has_no_publication_date_but_a_collection_date():
    articles = load(config.BAOMOI_CORPUS).articles
    assert articles["published_at"].isna().all()
    assert articles["collected_at"].notna().all()
    assert articles["is_duplicate"].sum() == 8


def test_seed_page():
    loaded = load(config.SEED_PAGE)
    row = loaded.articles.iloc[0]
    assert row["title"] == "Bắc Giang và Lạng Sơn mở rộng hợp tác"
    assert row["author"] == "Thanh Tuyền"
    assert len(loaded.related) == 7


def test_pages_dev_scores():
    summary, _ = score_pages(config.PAGES_DEV)
    for field in ("title", "published_at", "author", "category", "body", "related", "captions"):
        assert summary[field] >= 0.98, field
    # Below the 0.98 target: a page whose lead was dropped can look like one that has a lead
    # (README, "Known limits"); this floor keeps the measured level from slipping.
    assert summary["lead"] >= 0.93


def test_mentions_dev_set_meets_the_targets():
    from analysis.evaluate import score_mentions

    summary, per_kind = score_mentions(config.MENTIONS_DEV)
    # Targets: relaxed >= 0.90, strict >= 0.80, B-cubed >= 0.90; these floors sit at the
    # measured dev figures so a regression shows (held-out sets score lower).
    assert summary["relaxed_f1"] >= 0.97
    assert summary["strict_f1"] >= 0.95
    assert summary["bcubed_f1"] >= 0.97
    assert set(per_kind["kind"]) >= {"expressway", "airport", "bridge", "national_road"}


def test_mentions_fresh_set_meets_the_targets():
    """data/labels/mentions_fresh.csv (benchmarks/score_mentions_fresh.py): 480 snippets no
    rule was written from when first scored, never a dev snippet's record; their text read
    back from the corpora unchanged."""
    import pandas as pd

    from analysis.evaluate import read_gold, read_mention_labels, score_mention_records
    from analysis.mentions import KINDS

    labels = pd.read_csv(config.DATA_DIR / "labels" / "mentions_fresh.csv", dtype=str)
    assert labels["snippet_id"].nunique() == 480
    second = pd.read_csv(config.DATA_DIR / "labels" / "mentions_fresh_second.csv", dtype=str)
    keys = ["snippet_id", "source_id", "snippet_start", "snippet_end", "text_hash"]
    assert second[keys].drop_duplicates().values.tolist() == (
        labels[keys].drop_duplicates().values.tolist()
    )
    assert set(labels["kind"].dropna()) <= set(KINDS)
    dev_sources = {str(r["source_id"]) for r in read_gold(config.MENTIONS_DEV)}
    assert not labels["source_id"].isin(dev_sources).any()
    records = read_mention_labels(config.DATA_DIR / "labels" / "mentions_fresh.csv")
    summary, _ = score_mention_records(records)
    # Targets: relaxed >= 0.90, strict >= 0.80, B-cubed >= 0.90. These floors sit just under
    # the measured 0.938, 0.898, 0.987, so that a regression shows (0.925 before the rules
    # written from half 0's errors).
    assert summary["gold"] == 153
    assert summary["relaxed_f1"] >= 0.93
    assert summary["strict_f1"] >= 0.89
    assert summary["bcubed_f1"] >= 0.98


def test_mentions_on_the_rss_corpus():
    from analysis.mentions import entities, extract_mentions

    articles = load(config.RSS_CORPUS, progress=False).articles
    mentions = extract_mentions(articles, progress=False)
    assert (mentions["start"] < mentions["end"]).all()
    table = entities(mentions)
    top = set(table.head(30)["entity_id"])
    assert {"sân bay long thành", "sân bay tân sơn nhất", "cao tốc bắc - nam"} <= top


def test_named_topics_on_the_dev_set():
    from analysis.evaluate import read_gold, score_topics
    from analysis.topics import label_topics

    articles = load(config.RSS_CORPUS, progress=False).articles
    # The named topics are each article's own (the shipped classifier); only the clusters
    # depend on the rest of the corpus. So the dev items and 5,000 others are labelled, not
    # all 178,638 (78 s): the dev figure is the same (0.8325 either way, 2026-12-02).
    dev = {g["source_id"] for g in read_gold(config.TOPICS_DEV)}
    keep = articles["source_id"].isin(dev).to_numpy(copy=True)
    keep[:5000] = True
    articles = articles[keep]
    labels, model = label_topics(articles, random_state=0)
    summary, _ = score_topics(config.TOPICS_DEV, labels, articles)
    # Measured 0.833 on dev; 0.829 cross-validated on the training items (README, "Measured").
    assert summary["macro_f1"] >= 0.80
    assert labels["article_id"].is_unique and len(labels) == len(articles)
    assert len(model.cluster_labels_) == 40


def test_round_9_mentions_read_back_and_the_finder_finds_its_forms():
    """data/labels/mentions_no_project.csv (benchmarks/score_mentions_fresh.py merge
    --no-project): the mentions read in round 9's 800 RSS items, where the finder of 6447ad3
    found no project; the same snippets as round 9's events, their text read back."""
    import pandas as pd

    from analysis.evaluate import read_mention_labels, score_mention_records
    from analysis.mentions import KINDS

    labels = pd.read_csv(config.DATA_DIR / "labels" / "mentions_no_project.csv", dtype=str)
    events = pd.read_csv(config.DATA_DIR / "labels" / "events_extra.csv", dtype=str)
    keys = ["snippet_id", "source_id", "snippet_start", "snippet_end", "text_hash"]
    round_9 = events[events["snippet_id"].str.startswith("evr9-")]
    assert sorted(map(tuple, labels[keys].drop_duplicates().values.tolist())) == sorted(
        map(tuple, round_9[keys].drop_duplicates().values.tolist())
    )
    assert set(labels["kind"].dropna()) <= set(KINDS)
    records = read_mention_labels(config.DATA_DIR / "labels" / "mentions_no_project.csv")
    summary, _ = score_mention_records(records)
    assert len(records) == 800 and summary["gold"] == 90
    # The forms learned from these items find 23, 15 of them of the helpers' kind.
    assert summary["predicted"] >= 20 and summary["relaxed_precision"] >= 0.6
