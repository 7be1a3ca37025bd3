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
# # 03 · Infrastructure projects in the news
#
# Which named projects (expressways, national roads, bridges, airports, seaports, metro
# lines ...) the news mentions, how often, in which outlets, where and when, and the
# sentences behind every number. Rules: `../shared/gold/MENTIONS.md`; quality measured by
# `make score-mentions` (README, "Mentions").

# %% tags=["parameters"]
corpus = []
sample = None
date_from = None
date_to = None
random_state = 0
n_clusters = 40
top_n = 20  # projects per chart
project = None  # an entity_id followed over time, e.g. "sân bay long thành"; None: the most mentioned
figures_dir = None
cache_dir = None  # where the cached tables live; None: data/processed

# %%
import pandas as pd

from analysis import charts, table, pipeline, trends
from analysis import corpus as corpus_profile
from analysis.places import outside_spans

charts.setup_notebook(figures_dir, prefix="03-")
params = pipeline.Params.from_values(
    corpus=corpus, sample=sample, date_from=date_from, date_to=date_to,
    random_state=random_state, n_clusters=n_clusters, cache_dir=cache_dir,
)
data = pipeline.tables(params, progress=False)
articles, mentions, entities = data["articles"], data["mentions"], data["entities"]
# A province inside a project's own name ("Vành đai 3 TP.HCM") is no mention of it.
places = outside_spans(data["places"], mentions)
profile = corpus_profile.profile(articles)
# Kinds in words ("national road", not national_road), in the charts and tables.
entities = entities.assign(kind=entities["kind"].str.replace("_", " "))
mentions = mentions.assign(kind=mentions["kind"].str.replace("_", " "))
articles = articles.assign(outlet=corpus_profile.outlets(articles))
names = entities.set_index("entity_id")["entity_name"]
print(f"{len(mentions):,} mentions of {len(entities):,} facilities in "
      f"{mentions['article_id'].nunique():,} of {len(articles):,} articles")
NO_PROJECT = ("no infrastructure project (expressway, road, bridge, airport, port ...) is named "
              "in this corpus.")

# %% [markdown]
# ## The most-mentioned projects, by kind

# %%
top = entities.sort_values(["article_count", "mention_count"], ascending=False, kind="stable").head(top_n)
charts.show(charts.Chart("bar", top, x="entity_name", y="article_count", color="kind",
                         title=f"The {top_n} most-mentioned projects",
                         x_label="Project", y_label="Articles mentioning it (count)",
                         horizontal=True), "top-projects", empty=NO_PROJECT)

# %%
by_kind = entities.groupby("kind").agg(facilities=("entity_id", "size"),
                                       articles=("article_count", "sum")).reset_index()
charts.show(charts.Chart("bar", by_kind.sort_values("articles", ascending=False), x="kind",
                         y="articles", title="Mentions by kind of facility",
                         x_label="Kind", y_label="Article mentions (count)", horizontal=True),
            "mentions-by-kind", empty=NO_PROJECT)

# %% [markdown]
# ## The most-mentioned projects, by outlet

# %%
leaders = set(top["entity_id"].head(10))
if profile.has("outlet"):
    with_outlet = mentions.merge(articles[["article_id", "outlet"]], on="article_id")
    per_outlet = (with_outlet[with_outlet["entity_id"].isin(leaders)]
                  .groupby(["entity_id", "outlet"])["article_id"].nunique()
                  .rename("article_count").reset_index())
    per_outlet["entity_name"] = per_outlet["entity_id"].map(names)
    rank = {entity: i for i, entity in enumerate(top["entity_id"])}
    per_outlet = per_outlet.assign(rank=per_outlet["entity_id"].map(rank)).sort_values("rank")
    charts.show(charts.Chart("bar", per_outlet, x="entity_name", y="article_count",
                             color="outlet", title="The ten most-mentioned projects, by outlet",
                             x_label="Project", y_label="Articles (count)", horizontal=True),
                "top-projects-by-outlet", empty=NO_PROJECT)
else:
    charts.note(profile.lacks("outlet"))

# %% [markdown]
# ## One project over time
# Weekly articles that mention the project, over the weeks the corpus covers steadily (stray
# items dated months before a feed began left out), whole weeks only.

# %%
followed = project if project in names.index else (top["entity_id"].iloc[0] if len(top) else None)
if project and project not in names.index:
    print(f"{project!r} is not mentioned in this corpus; following the most-mentioned project.")
if followed is None:
    charts.note(NO_PROJECT)
elif not profile.has("published_at"):
    charts.note(profile.lacks("published_at"))
else:
    coverage = profile.coverage
    steady = (articles if coverage is None
              else articles[coverage.holds(articles["published_at"]).to_numpy(dtype=bool)])
    chosen = mentions[mentions["entity_id"] == followed]
    weekly = trends.counts(steady, freq="W", items=chosen, item_column="entity_id")
    partial = weekly["is_partial"].astype(bool)
    if partial.any():
        print("partial weeks left out of the chart: "
              + ", ".join(f"{d:%Y-%m-%d}" for d in weekly.loc[partial, "period"]))
    weekly = weekly[~partial]
    charts.show(charts.Chart("line", weekly, x="period", y="article_count",
                             title=f"{names[followed]}: articles per week",
                             x_label="Week (ISO, starting Monday)",
                             y_label="Articles mentioning it (count)"), "project-over-time",
                empty="the dated articles cover no whole week: nothing to draw week by week.")
# %% [markdown]
# ## Projects by province
# Facilities in the gazetteer carry their provinces (the 34 since the 2025 merger); others,
# those their names give ("Vành đai 3 TP.HCM", "cao tốc Cần Thơ - Hậu Giang"; not a bridge's).

# %%
located = entities.explode("provinces").dropna(subset=["provinces"])
by_province = (located.groupby("provinces")["article_count"].sum().rename("article_count")
               .reset_index().rename(columns={"provinces": "province"})
               .sort_values("article_count", ascending=False))
charts.show(charts.Chart("bar", by_province, x="province", y="article_count",
                         title="Mentions of known projects by province",
                         x_label="Province (current)", y_label="Article mentions (count)",
                         horizontal=True), "projects-by-province",
            empty="no project whose province is known (the gazetteer's, or one its name "
                  "gives) is named in this corpus.")

# %% [markdown]
# ## Which provinces come up with which projects
# Articles that mention both the project and the province (current province; former names,
# such as Bắc Giang, count for the province they are now part of; a province inside a
# project's name, the TP.HCM of "Vành đai 3 TP.HCM", does not count). Most articles first.

# %%
co = (mentions[mentions["entity_id"].isin(leaders)][["article_id", "entity_id"]]
      .drop_duplicates()
      .merge(names.rename("entity_name"), left_on="entity_id", right_index=True)
      .merge(places[["article_id", "province"]].drop_duplicates(), on="article_id"))
co = co.groupby(["entity_name", "province"]).size().rename("article_count").reset_index()
top_provinces = co.groupby("province")["article_count"].sum().nlargest(15).index
co = co[co["province"].isin(top_provinces)]
# Both axes by their articles, most first (the projects as in the chart above).
co["province"] = pd.Categorical(co["province"], list(top_provinces))
present = set(co["entity_name"])
co["entity_name"] = pd.Categorical(
    co["entity_name"], [n for n in dict.fromkeys(top["entity_id"].map(names)) if n in present])
charts.show(charts.Chart("heatmap", co, x="province", y="entity_name", color="article_count",
                         color_label="Articles naming both",
                         title="Co-mention of projects and provinces",
                         x_label="Province (current)", y_label="Project"), "co-mentions",
            empty="no article of this corpus names both a leading project and a province.")

# %% [markdown]
# ## The sentences behind the numbers
# Every mention with its sentence, outlet and date; type in the search box to filter.

# %%
context = [c for c in ("published_at", "outlet", "url") if profile.has(c)]
sentences = (mentions.assign(entity_name=mentions["entity_id"].map(names))
             .merge(articles[["article_id", *context]], on="article_id")
             .sort_values(context[:1] or ["article_id"], ascending=False)
             [[*context[:2], "kind", "entity_name", "text", "sentence", *context[2:]]])
if len(sentences):
    table.show(sentences, caption="Mentions and their sentences (latest first)",
                             max_rows=10_000)
else:
    charts.note(NO_PROJECT)
