"""Events and the project tracker on the real corpora: the dev-set floor, and a few stages and
dates of the best-known projects that the RSS corpus states plainly."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.load import load

pytestmark = pytest.mark.integration
TZ = "Asia/Ho_Chi_Minh"


def test_events_dev_set_floor():
    from analysis.evaluate import predicted_events, read_gold, score_events

    records = read_gold(config.EVENTS_DEV)
    summary, _ = score_events(records, [predicted_events(r) for r in records])
    # Measured on dev: micro F1 0.652, type-only 0.685, when 0.964 (README, "Measured");
    # cross-validated on the 4,987 labelled snippets 0.622 and when 0.907. Dev has risen
    # from 0.497 to 0.652 over the sessions, with choices made by cross-validation; one
    # choice moves it by up to about 0.05 (92 events: 0.607 with the project-as-feature
    # trial of the thirty-third session, not landed). Far below the targets (0.80, 0.85):
    # these floors only catch a regression.
    assert summary["f1"] >= 0.57
    assert summary["type_only_f1"] >= 0.62
    assert summary["when_matched"] >= 0.90


@pytest.fixture(scope="module")
def rss_articles():
    return load(config.RSS_CORPUS, progress=False).articles


@pytest.fixture(scope="module")
def dev_sources():
    """The RSS items the events dev set's snippets are cut from."""
    import json

    with config.EVENTS_DEV.open(encoding="utf-8") as handle:
        return {json.loads(line)["source_id"] for line in handle}


@pytest.fixture(scope="module")
def rss(rss_articles):
    from analysis.events import extract_events
    from analysis.mentions import extract_mentions
    from analysis.places import extract_amounts
    from analysis.tracker import project_tracker, promises

    articles = rss_articles
    mentions = extract_mentions(articles, progress=False)
    events = extract_events(articles, mentions)
    amounts = extract_amounts(articles)
    tracker = project_tracker(events, mentions, amounts, articles).set_index("entity_id")
    return events, tracker, promises(events, articles["published_at"].max())


def _day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=TZ)


def test_metro_2_hcmc_started_on_15_january_2026(rss):
    events, tracker, _ = rss
    assert tracker.loc["metro số 2 tp.hcm", "current_stage"] == "construction_start"
    started = events[
        (events["entity_id"] == "metro số 2 tp.hcm")
        & (events["type"] == "construction_start")
        & (events["status"] == "done")
    ]
    assert "2026-01-15" in set(started["when_period"])


def test_long_thanh_airport_promised_for_19_december_2025_and_reported_open(rss):
    events, tracker, promised = rss
    row = tracker.loc["sân bay long thành"]
    assert row["current_stage"] == "completion"
    assert _day("2025-11-01") <= row["current_stage_at"] <= _day("2025-12-31")
    mine = promised[promised["entity_id"] == "sân bay long thành"]
    assert "2025-12-19" in set(mine["when_period"])
    first_flight = events[
        (events["entity_id"] == "sân bay long thành")
        & (events["type"] == "completion")
        & (events["status"] == "done")
        & (events["published_at"].dt.strftime("%Y-%m-%d") == "2025-12-19")
    ]
    assert len(first_flight) >= 1


def test_metro_1_hcmc_reads_open_with_no_promise_of_the_other_lines(rss):
    """Metro số 1 has run since December 2024; "Ngoài metro Bến Thành - Suối Tiên đã vận
    hành, ... đến năm 2030 ... hoàn thành thêm 5 tuyến" promises the other lines, not it."""
    _, tracker, promised = rss
    assert tracker.loc["metro số 1 tp.hcm", "current_stage"] == "completion"
    mine = promised[promised["entity_id"] == "metro số 1 tp.hcm"]
    assert not (mine["when_end"] >= _day("2027-01-01")).any()


def test_ring_road_3_hcmc_slipped_to_mid_2026(rss):
    _, tracker, promised = rss
    mine = promised[promised["entity_id"] == "vành đai 3 tp.hcm"]
    assert "2026-06-30" in set(mine["when_period"])
    assert tracker.loc["vành đai 3 tp.hcm", "slip_count"] >= 1


def test_north_south_expressway_reported_complete_in_december_2025(rss):
    _, tracker, _ = rss
    row = tracker.loc["cao tốc bắc - nam"]
    assert row["current_stage"] == "completion"
    assert _day("2025-12-01") <= row["completion_reported_at"] < _day("2026-01-01")


def test_the_stage_claims_are_of_rss_articles_and_never_of_a_dev_snippet(rss_articles, dev_sources):
    """data/labels/stage_claims.csv (benchmarks/score_stage_claims.py): one label per stage
    report, keyed to an RSS article's title or lead, the span a mention of a project, and no
    article a dev snippet is cut from."""
    from analysis.events import LIFECYCLE
    from analysis.mentions import find_mentions

    labels = pd.read_csv(config.DATA_DIR / "labels" / "stage_claims.csv", dtype=str)
    assert len(labels) == 638  # 639 read; one dropped when its project was read anew
    assert not labels.duplicated(["article_id", "field", "start", "entity_id", "type"]).any()
    assert set(labels["type"]) <= set(LIFECYCLE) and set(labels["field"]) <= {"title", "lead"}
    assert set(labels["label"]) == {"yes", "no"}
    reasons = labels.groupby("label")["reason"].agg(lambda r: set(r.fillna("")))
    assert reasons["yes"] == {""} and reasons["no"] <= {"project", "planned", "type", "none"}
    articles = rss_articles.set_index("article_id")
    assert labels["article_id"].isin(articles.index).all()
    assert not articles.loc[labels["article_id"], "source_id"].isin(dev_sources).any()
    for row in labels.itertuples():
        # The span is one the mention finder reads as a project (its entity may change with the
        # finder's rules: "nhà ga t3" became "nhà ga t3 tân sơn nhất").
        start, end = int(row.start), int(row.end)
        found = find_mentions(articles.at[row.article_id, row.field])
        assert any(m.start < end and start < m.end for m in found), row


def test_the_investment_labels_are_of_rss_amounts_and_never_of_a_dev_snippet(
    rss_articles, dev_sources
):
    """data/labels/investment_figures.csv (benchmarks/score_investment.py): one label per
    pairing of an amount with a project, keyed to an RSS article's title or lead where an
    amount starts, and no article a dev snippet is cut from."""
    labels = pd.read_csv(config.DATA_DIR / "labels" / "investment_figures.csv", dtype=str)
    assert len(labels) == 212  # 194, and 18 pairings read in the thirty-fifth session
    assert not labels.duplicated(["article_id", "field", "amount_start", "entity_id"]).any()
    assert set(labels["field"]) <= {"title", "lead"} and set(labels["label"]) == {"yes", "no"}
    reasons = labels.groupby("label")["reason"].agg(lambda r: set(r.fillna("")))
    assert reasons["yes"] == {""} and reasons["no"] <= {"project", "part", "change", "other"}
    articles = rss_articles.set_index("article_id")
    assert not articles.loc[labels["article_id"], "source_id"].isin(dev_sources).any()
    for row in labels.itertuples():
        amount = articles.at[row.article_id, row.field][int(row.amount_start) : int(row.amount_end)]
        assert any(ch.isdigit() for ch in amount), amount


def test_the_baomoi_investment_labels_are_of_its_amounts_and_never_of_a_dev_snippet(
    dev_sources,
):
    """data/labels/investment_figures_baomoi.csv (benchmarks/score_investment.py, a source no
    tying rule was written from): one label per pairing, keyed to a baomoi article's field
    where an amount starts, and no article a dev snippet is cut from."""
    labels = pd.read_csv(config.DATA_DIR / "labels" / "investment_figures_baomoi.csv", dtype=str)
    assert len(labels) == 109
    assert not labels.duplicated(["article_id", "field", "amount_start", "entity_id"]).any()
    assert set(labels["label"]) == {"yes", "no"}
    articles = load(config.BAOMOI_CORPUS, progress=False).articles.set_index("article_id")
    assert not articles.loc[labels["article_id"], "source_id"].isin(dev_sources).any()
    for row in labels.itertuples():
        amount = articles.at[row.article_id, row.field][int(row.amount_start) : int(row.amount_end)]
        assert any(ch.isdigit() for ch in amount), amount


def test_the_time_labels_are_of_rss_event_times_and_never_of_a_dev_snippet(
    rss_articles, dev_sources
):
    """data/labels/time_periods.csv (benchmarks/score_time_periods.py): one period per time an
    RSS event held, keyed to an article's title or lead where a time is written, in a form
    the scorer reads, and no article a dev snippet is cut from."""
    import sys

    sys.path.insert(0, str(config.PROJECT_ROOT / "benchmarks"))
    from score_time_periods import read_labels, span

    labels = read_labels()
    assert len(labels) == 562
    assert not labels.duplicated(["article_id", "field", "start"]).any()
    assert set(labels["field"]) <= {"title", "lead"}
    assert labels["period"].map(lambda p: p in ("none", "unsure") or span(p) is not None).all()
    articles = rss_articles.set_index("article_id")
    assert not articles.loc[labels["article_id"], "source_id"].isin(dev_sources).any()
    for row in labels.itertuples():
        written = articles.at[row.article_id, row.field][row.start : row.end]
        assert written.strip() and written == written.strip(), row


def test_the_promise_labels_are_of_rss_projects_and_never_of_a_dev_snippet(
    rss_articles, dev_sources
):
    """data/labels/promises.csv (benchmarks/score_promises.py): one reading per planned start
    or completion, keyed to an RSS article's title or lead where its project is named, and no
    article a dev snippet is cut from."""
    labels = pd.read_csv(config.DATA_DIR / "labels" / "promises.csv", dtype=str)
    labels = labels.fillna("")
    assert len(labels) == 381
    assert not labels.duplicated(["article_id", "field", "start", "type"]).any()
    assert set(labels["type"]) == {"construction_start", "completion"}
    assert set(labels["promise"]) == {"yes", "no"}
    reasons = labels.groupby("promise")["reason"].agg(set)
    assert reasons["yes"] == {""} and reasons["no"] <= {"project", "done", "type", "none"}
    times = labels.groupby("promise")["time"].agg(set)
    assert times["no"] == {""} and times["yes"] <= {"yes", "no", "absent"}
    articles = rss_articles.set_index("article_id")
    assert not articles.loc[labels["article_id"], "source_id"].isin(dev_sources).any()
    for row in labels.itertuples():
        named = articles.at[row.article_id, row.field][int(row.start) : int(row.end)]
        assert named.strip() == named and named, row


def test_the_outcome_labels_are_of_the_trackers_promises(rss_articles):
    """data/labels/promise_outcomes.csv (benchmarks/score_promises.py): one reading of what
    became of each of the tracker's promises, keyed by project, stage and promised period,
    with the RSS article that decides it when one does."""
    labels = pd.read_csv(config.DATA_DIR / "labels" / "promise_outcomes.csv", dtype=str)
    labels = labels.fillna("")
    assert len(labels) == 243 and labels["key"].is_unique
    assert set(labels["outcome"]) == {"kept", "slipped", "open", "none"}
    parts = labels["key"].str.split("|", expand=True)
    assert parts.shape[1] == 3 and set(parts[1]) == {"construction_start", "completion"}
    assert (parts[2].map(pd.Period).astype(str) == parts[2]).all()
    evidence = labels.loc[labels["evidence"] != "", "evidence"]
    assert evidence.isin(rss_articles["article_id"]).all()
    assert labels.loc[labels["outcome"].isin(["open", "none"]), "evidence"].eq("").all()
