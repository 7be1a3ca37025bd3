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
# # 01 · The corpus: sources, volume, lengths, duplicates, rejects
#
# What was loaded, from where, how much per day, how long the texts are, and what was set
# aside (duplicates) or refused (rejects, with their reasons). Every record of the input is
# an article here (a duplicate among them, kept but left out of the analyses) or a reject.

# %% tags=["parameters"]
corpus = []  # files, folders or globs; empty: the RSS corpus in ../shared
sample = None  # a reproducible sample of this many articles; None: all
date_from = None  # "YYYY-MM-DD" or None
date_to = None
random_state = 0
n_clusters = 40
figures_dir = None  # where `analysis run` saves each chart as PNG and HTML
cache_dir = None  # where the cached tables live; None: data/processed

# %%
import pandas as pd

from analysis import charts, table, pipeline, trends
from analysis import corpus as corpus_profile

charts.setup_notebook(figures_dir, prefix="01-")
params = pipeline.Params.from_values(
    corpus=corpus, sample=sample, date_from=date_from, date_to=date_to,
    random_state=random_state, n_clusters=n_clusters, cache_dir=cache_dir,
)
data = pipeline.tables(params, progress=False)
articles = data["articles"]
profile = corpus_profile.profile(articles)
print(profile.summary())
print(f"{len(data['rejects']):,} rejects; {len(data['warnings']):,} warnings; "
      f"corpus fingerprint {data.corpus_fingerprint}")

# %% [markdown]
# ## Articles per outlet

# %%
if profile.has("outlet"):
    by_outlet = (corpus_profile.outlets(articles).value_counts().rename("article_count")
                 .rename_axis("outlet").reset_index())
    charts.show(charts.Chart("bar", by_outlet, x="outlet", y="article_count",
                             title="Articles per outlet", x_label="Outlet",
                             y_label="Articles (count)", horizontal=True), "articles-per-outlet")
else:
    charts.note(profile.lacks("outlet"))

# %% [markdown]
# ## Volume per day (Vietnam time)

# %%
if profile.has("published_at"):
    outlet = corpus_profile.outlets(articles)
    leading = outlet.value_counts().index[:8]  # more lines than that cannot be read apart
    outlet = outlet.where(outlet.isin(leading), "(other outlets)")
    daily = trends.counts(articles.assign(outlet=outlet), freq="D", by="outlet")
    charts.show(charts.Chart("line", daily, x="period", y="article_count", color="outlet",
                             title="Articles per day by outlet", x_label="Date (Vietnam time)",
                             y_label="Articles per day (count)"), "volume-per-day")
    if profile.coverage is not None:
        print(profile.coverage.describe())
else:
    charts.note(profile.lacks("published_at"))

# %% [markdown]
# ## Lengths of title, lead and body (characters)

# %%
parts = [c for c in ("title", "lead", "body") if profile.has(c)]
for missing in sorted({"title", "lead", "body"} - set(parts)):
    charts.note(profile.lacks(missing))
lengths = pd.concat(
    [articles[c].dropna().str.len().rename("characters").to_frame().assign(part=c)
     for c in parts]
)
summary = (lengths.groupby("part")["characters"].describe(percentiles=[0.1, 0.5, 0.9])
           .round(0).astype("Int64").rename_axis(None))  # whole characters
bins = [0, 50, 100, 200, 400, 800, 1600, 3200, 10**9]
names = ["<50", "50–99", "100–199", "200–399", "400–799", "800–1,599", "1,600–3,199", "≥3,200"]
lengths["length_band"] = pd.cut(lengths["characters"], bins, labels=names, right=False)
banded = (lengths[lengths["characters"] > 0].groupby(["length_band", "part"], observed=False)
          .size().rename("article_count").reset_index())
banded["length_band"] = banded["length_band"].astype(str)
empty_parts = [p for p in parts if banded.loc[banded["part"] == p, "article_count"].sum() == 0]
for part in empty_parts:  # e.g. bodies present but empty in every article
    charts.note(f"every {part} of this corpus is empty: no {part} lengths to draw.")
banded = banded[~banded["part"].isin(empty_parts)]
summary

# %%
charts.show(charts.Chart("bar", banded, x="length_band", y="article_count", color="part",
                         title="Text lengths", x_label="Length (characters)",
                         y_label="Articles (count)", grouped=True), "lengths")

# %% [markdown]
# ## Duplicates and rejects
#
# Duplicates (same URL, same title on the same day in the same outlet, or the same text) are
# kept in the loaded tables, marked as duplicates, and left out of the analyses; the earliest
# copy stays. Rejects are input records that gave no article, each with its reason.

# %%
rejects, duplicates = data["rejects"], data["duplicates"]
print(f"{len(duplicates):,} duplicates left out of the analyses; {len(rejects):,} rejects")
if len(rejects):
    table.show(rejects.groupby("reason").size().rename("rejects").reset_index(),
               caption="Rejects by reason")
else:
    print("No input record was rejected.")

# %%
shown_columns = [c for c in ("published_at", "outlet", "title", "url") if profile.has(c)]
latest = (articles.sort_values("published_at", ascending=False, kind="stable", na_position="last")
          if profile.has("published_at") else articles.iloc[::-1])
table.show(
    latest[shown_columns].head(500),
    caption="The latest 500 articles, newest first (searchable)",
)

# %%
if len(duplicates):
    # Each duplicate beside the title and date of the article it repeats, not two bare ids.
    kept = articles.set_index("article_id")
    repeated = duplicates.assign(
        **{"repeats (title)": duplicates["duplicate_of"].map(kept["title"]),
           "repeats (published)": duplicates["duplicate_of"].map(kept["published_at"])})
    table.show(repeated[[c for c in ("published_at", "outlet", "title", "repeats (title)",
                                     "repeats (published)", "url") if c in repeated]],
               caption="Duplicates and the article each repeats")
else:
    print("No duplicates in this corpus.")
