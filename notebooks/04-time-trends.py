# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · Time trends
#
# Named topics as shares of all articles per week (so that a busy news week does not look
# like a trend), the projects that rose most between two periods, and the spikes in
# attention with the articles behind them. Weeks are ISO weeks in Vietnam time; empty weeks
# count 0; a first or last week that the corpus covers only in part is left out of the
# charts (the notebook names it). Items dated
# outside the corpus's steady coverage (a few stray items months before a feed began) are
# left out, and the notebook says how many.

# %% tags=["parameters"]
corpus = []
sample = None
date_from = None
date_to = None
random_state = 0
n_clusters = 40
freq = "W"  # "D", "W" or "M"
rolling_window = 4  # periods in the rolling mean
spike_threshold = 3.5  # robust z-score (see trends.robust_z)
first_period = None  # ["YYYY-MM-DD", "YYYY-MM-DD"] to compare; None: split by article volume
second_period = None
figures_dir = None
cache_dir = None  # where the cached tables live; None: data/processed

# %%
import pandas as pd

from analysis import charts, days, table, pipeline, trends
from analysis import corpus as corpus_profile

charts.setup_notebook(figures_dir, prefix="04-")
params = pipeline.Params.from_values(
    corpus=corpus, sample=sample, date_from=date_from, date_to=date_to,
    random_state=random_state, n_clusters=n_clusters, cache_dir=cache_dir,
)
data = pipeline.tables(params, progress=False)
# Counts per day, outlet, project and named topic (`trend_days`): the shares, the comparison
# and the spike scores below come from this small table; only the articles behind each spike
# are looked up in the articles and mentions.
day_table = data["trend_days"]
articles, mentions = data["articles"], data["mentions"]
names = data["entities"].set_index("entity_id")["entity_name"]
profile = corpus_profile.profile(articles)
unit = {"D": "day", "W": "week", "M": "month"}.get(freq, "period")  # in titles and columns
coverage = days.coverage_of_days(day_table)
steady = days.days_within(day_table, coverage)
if coverage is None:
    charts.note(profile.lacks("published_at"))
else:
    print(coverage.describe())
    volume = days.day_volume(steady)
    print(f"{volume.sum():,} dated articles, {volume.index.min():%Y-%m-%d} to "
          f"{volume.index.max():%Y-%m-%d}")

# %% [markdown]
# ## Named topics: share of all articles per period

# %%
if coverage is None:
    charts.note(profile.lacks("published_at"))
else:
    shares = days.period_counts(steady, freq=freq, kind="named_topic")
    shares["share_pct"] = 100 * shares["share"]
    shares["rolling_pct"] = trends.rolling(shares, "share_pct", rolling_window, by="named_topic")
    complete = shares[~shares["is_partial"].astype(bool)]
    partial = sorted(set(shares.loc[shares["is_partial"].astype(bool), "period"].dt.date))
    if partial:
        print(f"partial periods left out of the chart: {', '.join(map(str, partial))}")
    charts.show(charts.Chart("line", complete, x="period", y="rolling_pct", color="named_topic",
                             title=f"Named topics, {rolling_window}-{unit} rolling share",
                             x_label="Period start (Vietnam time)",
                             y_label="Share of all articles (%)"), "topic-shares",
                empty="no complete period holds an article mainly about infrastructure, trade "
                      "or aviation.")

# %% [markdown]
# ## The most rising projects
# The change in the share of articles that mention each project between two periods, with a
# two-proportion test. Unless the periods are set (`first_period`, `second_period`), the dated
# articles are split into two halves of equal volume, not at the calendar middle.

# %%
if first_period and second_period:
    periods = (tuple(first_period), tuple(second_period))
else:
    periods = days.split_days_by_volume(steady) if coverage is not None else None
if periods is None:
    charts.note(profile.lacks("published_at") if coverage is None
                else "all dated articles fall on one day: no two periods to compare.")
else:
    first, second = periods
    print(f"first period {first[0]} to {first[1]}, second {second[0]} to {second[1]}")
    change = days.compare_day_periods(steady, "entity_id", first, second)
    # Shares as articles per 10,000 of the period's, a scale a reader can hold.
    rising = pd.DataFrame({
        "project": change["entity_id"].map(names),
        "articles, first period": change["first_count"],
        "articles, second period": change["second_count"],
        "per 10,000 articles, first": (1e4 * change["first_share"]).round(1),
        "per 10,000 articles, second": (1e4 * change["second_share"]).round(1),
        "change per 10,000 articles": (100 * change["change_pp"]).round(1),
        "p-value": change["p_value"].map(lambda p: "< 0.001" if p < 0.001 else f"{p:.3f}"),
    }).head(15)
    charts.show(charts.Chart("bar", rising, x="project", y="change per 10,000 articles",
                             title="Projects that rose most (second period vs first)",
                             x_label="Project",
                             y_label="Change in articles naming it, per 10,000 articles",
                             horizontal=True), "rising-projects",
                empty="no project is named often enough (5 articles in the two periods) to "
                      "compare.")
    if len(rising):
        table.show(rising, caption="The 15 projects that rose most: articles naming them in "
                                   "each period, per 10,000 of the period's articles, and the "
                                   "two-proportion test's p-value")

# %% [markdown]
# ## Spikes, with the articles behind them
# A spike is a period whose count of articles naming a project sits at least
# `spike_threshold` robust z-scores above the median of the eight periods before it. The
# spread has a floor at the Poisson noise of the baseline, so a project that goes from no
# article to four scores 4, not infinity.

# %%
if coverage is None:
    charts.note(profile.lacks("published_at"))
else:
    entity_weeks = days.period_counts(steady, freq=freq, kind="entity_id")
    dated = articles.dropna(subset=["published_at"])
    dated = dated[coverage.holds(dated["published_at"]).to_numpy()]
    found = trends.spikes(entity_weeks, dated, items=mentions, item_column="entity_id",
                          threshold=spike_threshold, freq=freq)
    titles = dated.set_index("article_id")["title"]
    rows = [
        {f"{unit} of": row.period.date(), "project": names.get(row.entity_id, row.entity_id),
         "articles": row.article_count, "robust z": round(row.z_score, 1), "title": titles[a]}
        for row in found.head(30).itertuples() for a in row.article_ids[:5]
    ]
    print(f"{len(found)} spikes at robust z >= {spike_threshold}")
    if rows:
        shown = min(len(found), 30)
        table.show(pd.DataFrame(rows),
                   caption=f"The {shown} strongest of {len(found)} spikes, up to five of the "
                           "articles of each")
