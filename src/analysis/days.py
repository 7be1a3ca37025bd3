"""The day table: articles and tagged articles per Vietnam day, what the notebooks read.

It is small whatever the corpus (days × outlets × items), and a plain group-by of one row per
(article, item) (:func:`tagged_days`): the pandas engine counts it in one go
(stage ``trend_days``), the Dask engine per month of articles, summing the months with a
Dask group-by. The functions here give :mod:`analysis.trends`' counts, coverage, volume split
and period comparison from it, with the same results as from the articles themselves.
"""

from __future__ import annotations

import pandas as pd

from analysis.config import VIETNAM_TZ
from analysis.schemas import TREND_DAYS, conform
from analysis.trends import (
    Coverage,
    compare_counts,
    complete_periods,
    coverage_of_volume,
    local_days,
    period_start_of_days,
    split_volume,
    within_days,
)

DAY_KEYS = ["item_kind", "day", "outlet", "item"]
DAY_KINDS = ("article", "entity_id", "named_topic")


def tagged_days(
    articles: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    topic_labels: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per article (``item_kind`` "article", no item) and per (article, project it
    names) and (article, named topic): its Vietnam day (null when undated), outlet, kind and
    item. :func:`day_counts` groups it."""
    base = pd.DataFrame(
        {
            "article_id": articles["article_id"].to_numpy(),
            "day": local_days(articles["published_at"]).to_numpy(),
            "outlet": articles["outlet"].to_numpy(),
        }
    )
    parts = [base.assign(item_kind="article", item=None)]
    tags = []
    if mentions is not None:
        tags.append(("entity_id", mentions[["article_id", "entity_id"]]))
    if topic_labels is not None:
        exploded = topic_labels[["article_id", "named_topics"]].explode("named_topics")
        tags.append(("named_topic", exploded.dropna()))
    for kind, frame in tags:
        frame = frame.drop_duplicates().set_axis(["article_id", "item"], axis=1)
        parts.append(frame.merge(base, on="article_id").assign(item_kind=kind))
    return pd.concat(parts, ignore_index=True)[DAY_KEYS]


def day_counts(tagged: pd.DataFrame) -> pd.DataFrame:
    """:func:`tagged_days` counted: ``article_count`` per kind, day, outlet and item."""
    grouped = tagged.groupby(DAY_KEYS, dropna=False, sort=False).size()
    return tidy_days(grouped.rename("article_count").reset_index())


def tidy_days(counted: pd.DataFrame) -> pd.DataFrame:
    """A day table in its one order (kind, day, outlet, item; nulls last) and its schema's
    dtypes, days as Vietnam midnights: both engines give the same rows in the same order."""
    counted = counted.sort_values(DAY_KEYS, na_position="last", kind="stable")
    day = pd.to_datetime(counted["day"])
    if day.dt.tz is None:
        day = day.dt.tz_localize(VIETNAM_TZ)
    return conform(counted.assign(day=day), TREND_DAYS)


def _of_kind(days: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The dated rows of one kind, their days tz-naive (Vietnam)."""
    if kind not in DAY_KINDS:
        raise ValueError(f"kind must be one of {DAY_KINDS}, not {kind!r}")
    part = days[(days["item_kind"] == kind) & days["day"].notna()]
    return part.assign(day=part["day"].dt.tz_convert(VIETNAM_TZ).dt.tz_localize(None))


def day_volume(days: pd.DataFrame) -> pd.Series:
    """Dated articles per (tz-naive, Vietnam) day, all outlets."""
    return _of_kind(days, "article").groupby("day")["article_count"].sum()


def coverage_of_days(days: pd.DataFrame) -> Coverage | None:
    """:func:`steady_coverage` from a day table."""
    return coverage_of_volume(day_volume(days))


def split_days_by_volume(days: pd.DataFrame) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """:func:`split_by_volume` from a day table."""
    return split_volume(day_volume(days))


def days_within(days: pd.DataFrame, coverage: Coverage | None) -> pd.DataFrame:
    """The dated rows of a day table inside ``coverage`` (all dated rows when None)."""
    dated = days[days["day"].notna()]
    if coverage is None:
        return dated
    return dated[coverage.holds(dated["day"]).to_numpy()]


def period_counts(
    days: pd.DataFrame, freq: str = "W", kind: str = "article", by: str | None = None
) -> pd.DataFrame:
    """:func:`counts` from a day table: articles (``kind`` "article") or the articles naming
    each project ("entity_id") or in each named topic ("named_topic") per period [and
    outlet, ``by="outlet"``], with shares of all articles and the same columns."""
    if by not in (None, "outlet"):
        raise ValueError(f"a day table splits by 'outlet' only, not {by!r}")
    articles = _of_kind(days, "article")
    keys = ["period", *([by] if by else [])]
    articles = articles.assign(period=period_start_of_days(articles["day"], freq))
    totals = articles.groupby(keys, dropna=False)["article_count"].sum().rename("total_count")
    if kind == "article":
        grouped, item_column = totals.rename("article_count"), None
    else:
        items = _of_kind(days, kind).rename(columns={"item": kind})
        items = items.assign(period=period_start_of_days(items["day"], freq))
        grouped = items.groupby([*keys, kind], dropna=False)["article_count"].sum()
        item_column = kind
    return complete_periods(
        grouped, totals, keys, item_column, freq, articles["day"].min(), articles["day"].max()
    )


def compare_day_periods(
    days: pd.DataFrame,
    kind: str,
    first: tuple[str, str],
    second: tuple[str, str],
    min_count: int = 5,
) -> pd.DataFrame:
    """:func:`compare_periods` from a day table, for the items of ``kind``."""
    articles, items = _of_kind(days, "article"), _of_kind(days, kind)
    found = []
    for bounds in (first, second):
        total = int(articles.loc[within_days(articles["day"], bounds), "article_count"].sum())
        inside = items[within_days(items["day"], bounds)]
        found.append((inside.groupby("item")["article_count"].sum(), total))
    (count_a, n_a), (count_b, n_b) = found
    return compare_counts(count_a, count_b, n_a, n_b, kind, min_count)
