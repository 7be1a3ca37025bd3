"""Attention over time: counts, shares, rolling means, spikes and period comparisons.

Every count is also given as a share of all articles in the same period (and outlet, when
split by outlet), as Media Cloud normalises attention, so that a busy news week does not look
like a trend. Calendar rules:

* periods are taken in Vietnam time (``Asia/Ho_Chi_Minh``), whatever the input's zone;
* ``freq`` is ``"D"`` (day), ``"W"`` (ISO week, Monday to Sunday, labelled by its Monday) or
  ``"M"`` (calendar month, labelled by its first day);
* every period between the first and the last article appears, with 0 where nothing was
  counted (never missing);
* ``is_partial`` marks a first or last period that the corpus covers only in part.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.config import VIETNAM_TZ

FREQUENCIES = {"D": "D", "W": "W-SUN", "M": "MS"}


def period_start(timestamps: pd.Series, freq: str) -> pd.Series:
    """The start of the period (Vietnam time, tz-naive dates) each timestamp falls in."""
    return period_start_of_days(local_days(timestamps), freq)


def period_start_of_days(local: pd.Series, freq: str) -> pd.Series:
    """The start of the period each (tz-naive, Vietnam) day falls in."""
    if freq == "D":
        return local
    if freq == "W":
        return local - pd.to_timedelta(local.dt.day_of_week, unit="D")
    if freq == "M":
        return local.dt.to_period("M").dt.start_time
    raise ValueError(f"freq must be one of {sorted(FREQUENCIES)}, not {freq!r}")


def _all_periods(first: pd.Timestamp, last: pd.Timestamp, freq: str) -> pd.DatetimeIndex:
    if freq == "W":
        return pd.date_range(first, last, freq="7D")
    return pd.date_range(first, last, freq=FREQUENCIES[freq])


def counts(
    articles: pd.DataFrame,
    freq: str = "W",
    by: str | None = None,
    items: pd.DataFrame | None = None,
    item_column: str | None = None,
    date_column: str = "published_at",
) -> pd.DataFrame:
    """Articles (or tagged items) per period, with their share of all articles in the period.

    ``items`` (optional) tags articles: one row per (``article_id``, ``item_column`` value),
    e.g. mentions with ``entity_id`` or exploded named topics. Without it, articles are
    counted. ``by`` splits by an article column such as ``outlet``. Returns ``period``,
    [``by``], [``item_column``], ``article_count`` (articles with the item),
    ``total_count`` (all articles in the period [and outlet]), ``share`` and ``is_partial``.
    """
    dated = articles.dropna(subset=[date_column])
    periods = period_start(dated[date_column], freq).rename("period")
    base = pd.DataFrame(
        {"article_id": dated["article_id"].to_numpy(), "period": periods.to_numpy()}
    )
    keys = ["period"]
    if by:
        base[by] = dated[by].to_numpy()
        keys.append(by)
    totals = base.groupby(keys, dropna=False).size().rename("total_count")
    if items is None:
        grouped = base.groupby(keys, dropna=False).size().rename("article_count")
    else:
        tagged = items[["article_id", item_column]].drop_duplicates().merge(base, on="article_id")
        keys_items = [*keys, item_column]
        grouped = tagged.groupby(keys_items, dropna=False).size().rename("article_count")
    days = local_days(dated[date_column])
    return complete_periods(
        grouped,
        totals,
        keys,
        item_column if items is not None else None,
        freq,
        days.min(),
        days.max(),
    )


def complete_periods(
    grouped: pd.Series,
    totals: pd.Series,
    keys: list[str],
    item_column: str | None,
    freq: str,
    first_day: pd.Timestamp,
    last_day: pd.Timestamp,
) -> pd.DataFrame:
    """Counts per period [and group] with every period between the first and the last day (0
    where nothing was counted), their totals, shares and partial flags."""
    group_keys = [*keys, *([item_column] if item_column else [])]
    if pd.isna(first_day):
        return pd.DataFrame(
            columns=[*group_keys, "article_count", "total_count", "share", "is_partial"]
        )
    calendar = _all_periods(
        period_start_of_days(pd.Series([first_day]), freq).iloc[0],
        period_start_of_days(pd.Series([last_day]), freq).iloc[0],
        freq,
    )
    # Every period × every group seen anywhere, so empty periods are 0, not missing.
    levels = [calendar] + [
        sorted(grouped.index.get_level_values(k).unique(), key=str) for k in group_keys[1:]
    ]
    full = pd.MultiIndex.from_product(levels, names=group_keys)
    table = grouped.reindex(full, fill_value=0).reset_index()
    if len(keys) > 1:
        outlets = sorted(totals.index.get_level_values(keys[1]).dropna().unique(), key=str)
        total_index = pd.MultiIndex.from_product([calendar, outlets], names=keys)
    else:
        total_index = pd.Index(calendar, name="period")
    totals_full = totals.reindex(total_index, fill_value=0).reset_index()
    table = table.merge(totals_full, on=keys, how="left")
    table["share"] = np.where(
        table["total_count"] > 0, table["article_count"] / table["total_count"].clip(lower=1), 0.0
    )
    table["is_partial"] = _partial(table["period"], first_day, last_day, freq)
    return table.sort_values(group_keys, kind="stable").reset_index(drop=True)


def _partial(
    periods: pd.Series, first_day: pd.Timestamp, last_day: pd.Timestamp, freq: str
) -> pd.Series:
    """True for the first and last period when the data starts or ends inside them."""
    first_period, last_period = periods.min(), periods.max()
    if freq == "D":
        return pd.Series(False, index=periods.index)
    next_start = (
        last_period + pd.Timedelta(days=7)
        if freq == "W"
        else last_period + pd.offsets.MonthBegin(1)
    )
    starts_inside = first_day > first_period
    ends_inside = last_day + pd.Timedelta(days=1) < next_start
    return ((periods == first_period) & starts_inside) | ((periods == last_period) & ends_inside)


def rolling(table: pd.DataFrame, column: str = "share", window: int = 4, by=None) -> pd.Series:
    """Trailing rolling mean of ``column`` over ``window`` periods, within each group."""
    groups = [by] if isinstance(by, str) else list(by or [])
    if not groups:
        return table[column].rolling(window, min_periods=1).mean()
    return table.groupby(groups, dropna=False)[column].transform(
        lambda s: s.rolling(window, min_periods=1).mean()
    )


def robust_z(values: pd.Series, window: int = 8, counts: bool = True) -> pd.Series:
    """How far each value sits above the median of the previous ``window`` values.

    The unit is the robust spread of that history (1.4826 × its median absolute deviation),
    but never less than the noise a count has by chance: for counts, the Poisson standard
    deviation of the baseline, sqrt(max(median, 1)). A project named in few weeks has a MAD
    of 0; without that floor a single mention would score in the billions. Non-count series
    (``counts=False``) get a floor of a tenth of the history's standard deviation, else 1e-9.
    The first values, with fewer than ``max(3, window // 2)`` values before them, score NaN.
    """
    v = values.to_numpy(dtype=float)
    n = len(v)
    z = np.full(n, np.nan)
    min_history = max(3, window // 2)
    if n > min_history:
        padded = np.concatenate([np.full(window, np.nan), v[:-1]])
        history = np.lib.stride_tricks.sliding_window_view(padded, window)
        enough = (~np.isnan(history)).sum(axis=1) >= min_history
        past = history[enough]
        median = np.nanmedian(past, axis=1)
        mad = np.nanmedian(np.abs(past - median[:, None]), axis=1)
        if counts:
            floor = np.sqrt(np.maximum(median, 1.0))
        else:
            floor = np.maximum(0.1 * np.nanstd(past, axis=1), 1e-9)
        z[enough] = (v[enough] - median) / np.maximum(1.4826 * mad, floor)
    return pd.Series(z, index=values.index)


def spikes(
    table: pd.DataFrame,
    articles: pd.DataFrame,
    items: pd.DataFrame | None = None,
    item_column: str | None = None,
    column: str = "article_count",
    threshold: float = 3.5,
    window: int = 8,
    min_count: int = 3,
    freq: str = "W",
) -> pd.DataFrame:
    """Periods whose ``column`` jumps ``threshold`` robust z-scores above the recent past.

    Returns one row per spike: the period, the item (when given), the count, the z-score and
    ``article_ids``: the articles behind it.
    """
    group = [item_column] if item_column else []
    rows = []
    ordered = table.sort_values([*group, "period"], kind="stable")
    is_count = column.endswith("_count")
    for key, part in ordered.groupby(group, sort=True) if group else [(None, ordered)]:
        z = robust_z(part[column].astype(float), window, counts=is_count)
        hits = part[(z >= threshold) & (part["article_count"] >= min_count)]
        for index, row in hits.iterrows():
            rows.append(
                {
                    "period": row["period"],
                    **(
                        {item_column: key[0] if isinstance(key, tuple) else key}
                        if item_column
                        else {}
                    ),
                    "article_count": int(row["article_count"]),
                    "z_score": float(z[index]),
                }
            )
    result = pd.DataFrame(rows, columns=["period", *group, "article_count", "z_score"])
    if result.empty:
        return result.assign(article_ids=pd.Series(dtype=object))
    dated = articles.dropna(subset=["published_at"])
    period_of = pd.Series(
        period_start(dated["published_at"], freq).to_numpy(), index=dated["article_id"].to_numpy()
    )
    behind = []
    for row in result.itertuples(index=False):
        if item_column:
            ids = items.loc[items[item_column] == getattr(row, item_column), "article_id"].unique()
        else:
            ids = dated["article_id"].to_numpy()
        ids = [i for i in ids if period_of.get(i) == row.period]
        behind.append(sorted(ids))
    result["article_ids"] = behind
    return result.sort_values(["z_score"], ascending=False, kind="stable").reset_index(drop=True)


# A day belongs to the corpus's steady coverage when its volume and the mean volume of the
# week around it reach this share of a typical day (the median of the days that have
# articles). Corpora whose typical day holds fewer than MIN_TYPICAL_DAY articles (a folder of
# pages) have no steady coverage to speak of: their whole dated span is kept.
STEADY_SHARE = 0.25
MIN_TYPICAL_DAY = 5


@dataclass(frozen=True)
class Coverage:
    """The days a corpus covers steadily, and how many dated articles fall outside them."""

    start: pd.Timestamp  # first day, Vietnam time (tz-naive)
    end: pd.Timestamp  # last day, inclusive
    before_count: int
    after_count: int
    judged: bool = True  # False: too few articles a day to judge; the whole span is kept

    @property
    def outside_count(self) -> int:
        return self.before_count + self.after_count

    def describe(self) -> str:
        """One line for the notebooks: the span kept and what was left out."""
        span = f"{self.start:%Y-%m-%d} to {self.end:%Y-%m-%d}"
        if not self.judged:
            return (
                f"The dated articles run from {span}; with fewer than {MIN_TYPICAL_DAY} on a "
                "typical day, every one of them is kept."
            )
        if not self.outside_count:
            return f"The corpus covers {span} steadily; every dated article is inside it."
        parts = []
        if self.before_count:
            parts.append(f"{self.before_count:,} dated before {self.start:%Y-%m-%d}")
        if self.after_count:
            parts.append(f"{self.after_count:,} after {self.end:%Y-%m-%d}")
        return (
            f"The corpus covers {span} steadily (judged from its daily volume); "
            f"{' and '.join(parts)} fall outside it and are left out of shares and comparisons."
        )

    def holds(self, timestamps: pd.Series) -> pd.Series:
        """True for the timestamps inside the steady span (Vietnam days)."""
        days = local_days(timestamps)
        return (days >= self.start) & (days <= self.end)


def local_days(timestamps: pd.Series) -> pd.Series:
    return timestamps.dt.tz_convert(VIETNAM_TZ).dt.tz_localize(None).dt.normalize()


def steady_coverage(articles: pd.DataFrame, date_column: str = "published_at") -> Coverage | None:
    """The span a corpus covers steadily, found from its daily volume; None without dates.

    A few items dated months before a feed's collection began (or after it ended) would make
    every series start with months of zero shares: they are outside the steady span. A day is
    inside when both its own count and the mean of the seven days centred on it reach
    ``STEADY_SHARE`` of a typical day (so that neither a lone busy day far from the rest nor
    the quiet edge of a feed's first day starts the span); the span runs from the first such
    day to the last.
    """
    return coverage_of_volume(local_days(articles[date_column].dropna()).value_counts())


def coverage_of_volume(volume: pd.Series) -> Coverage | None:
    """:func:`steady_coverage` of the articles per (tz-naive, Vietnam) day."""
    volume = volume[volume > 0].sort_index()
    if volume.empty:
        return None
    daily = volume.reindex(pd.date_range(volume.index[0], volume.index[-1], freq="D"), fill_value=0)
    typical = float(daily[daily > 0].median())
    if typical >= MIN_TYPICAL_DAY:
        level = daily.rolling(7, center=True, min_periods=1).mean()
        floor = STEADY_SHARE * typical
        steady = daily[(level >= floor) & (daily >= floor)]
        start, end = steady.index[0], steady.index[-1]
        return Coverage(
            start,
            end,
            int(volume[volume.index < start].sum()),
            int(volume[volume.index > end].sum()),
        )
    return Coverage(daily.index[0], daily.index[-1], 0, 0, judged=False)


def split_by_volume(
    articles: pd.DataFrame, date_column: str = "published_at"
) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """Two date ranges holding about half of the dated articles each (None when one day).

    Comparing the two halves of the calendar puts mostly empty weeks in one of them when the
    volume is uneven; splitting by volume compares like with like.
    """
    return split_volume(local_days(articles[date_column].dropna()).value_counts())


def split_volume(volume: pd.Series) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """:func:`split_by_volume` of the articles per (tz-naive, Vietnam) day."""
    volume = volume[volume > 0].sort_index()
    if len(volume) < 2:
        return None
    # The day of the middle article (the ((n - 1) // 2)-th, counting from 0), kept in the first
    # half; when that is the last day, the day before it.
    middle_index = int(np.searchsorted(volume.cumsum().to_numpy(), (volume.sum() - 1) // 2 + 1))
    middle_index = min(middle_index, len(volume) - 2)
    days = volume.index
    return (
        (f"{days[0]:%Y-%m-%d}", f"{days[middle_index]:%Y-%m-%d}"),
        (f"{days[middle_index + 1]:%Y-%m-%d}", f"{days[-1]:%Y-%m-%d}"),
    )


def compare_periods(
    articles: pd.DataFrame,
    items: pd.DataFrame,
    item_column: str,
    first: tuple[str, str],
    second: tuple[str, str],
    min_count: int = 5,
) -> pd.DataFrame:
    """What rose and what fell between two date ranges (inclusive, Vietnam time).

    For each item: article counts and shares in both periods, the change in share
    (percentage points), the ratio, and a two-proportion z-test p-value.
    """
    days = local_days(articles["published_at"])
    tags = items[["article_id", item_column]].drop_duplicates()
    found = []
    for bounds in (first, second):
        inside = set(articles.loc[within_days(days, bounds).to_numpy(), "article_id"])
        found.append(
            (tags[tags["article_id"].isin(inside)].groupby(item_column).size(), len(inside))
        )
    (count_a, n_a), (count_b, n_b) = found
    return compare_counts(count_a, count_b, n_a, n_b, item_column, min_count)


def within_days(days: pd.Series, bounds: tuple[str, str]) -> pd.Series:
    """True for the (tz-naive, Vietnam) days inside the inclusive date range ``bounds``."""
    return (days >= pd.Timestamp(bounds[0])) & (days <= pd.Timestamp(bounds[1]))


def compare_counts(
    count_a: pd.Series, count_b: pd.Series, n_a: int, n_b: int, item_column: str, min_count: int
) -> pd.DataFrame:
    """The comparison table of :func:`compare_periods` from the counts of each period."""
    n_a, n_b = max(n_a, 1), max(n_b, 1)
    table = pd.DataFrame({"first_count": count_a, "second_count": count_b}).fillna(0).astype(int)
    table = table[(table["first_count"] + table["second_count"]) >= min_count]
    table["first_share"] = table["first_count"] / n_a
    table["second_share"] = table["second_count"] / n_b
    table["change_pp"] = 100 * (table["second_share"] - table["first_share"])
    table["ratio"] = (table["second_share"] + 1 / n_b) / (table["first_share"] + 1 / n_a)
    pooled = (table["first_count"] + table["second_count"]) / (n_a + n_b)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b)).replace(0, np.nan)
    z = (table["second_share"] - table["first_share"]) / se
    table["p_value"] = [math.erfc(abs(v) / math.sqrt(2)) if pd.notna(v) else 1.0 for v in z]
    table.index.name = item_column
    return (
        table.reset_index()
        .sort_values(["change_pp", item_column], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )
