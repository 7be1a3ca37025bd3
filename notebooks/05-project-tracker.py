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
# # 05 · Project tracker: where each project stands, what was promised, what slipped
#
# For every named project (expressway, bridge, airport, metro line ...): the latest stage the
# news reports done (proposal → approval → funding → tender → site clearance → construction
# start → completion), the openings and starts promised and whether they were kept, and the
# investment the articles give. Everything is read from the text by `analysis.events` (rules:
# `../shared/gold/EVENTS.md`) and `analysis.tracker`.
#
# **How far to trust it.** Events are found with micro F1 ≈ 0.62 cross-validated on labelled
# snippets and 0.67 on the events dev set (README "Project tracker"): on text the model has
# not read, about six events in ten are right in type, status and project. A stage counts when
# one report of it is sure (the model's probability at least 0.6) or two articles report it;
# measured on articles the model was not fitted on, 79% of the stages it then claims are
# right and the current stage is right for 71% of projects (`make stage-claims`; in the
# default corpus, most of whose articles the model was fitted on, 91% of its stages). A promise
# counts when the model is sure of it and it is the project's own (not a railway or road
# "nối sân bay X"): 92% of those in the default corpus are right with their date (`make
# promises`), 72% on articles the model was not fitted on. Whether a promise was kept,
# slipped or is still open is right for 86 to 90% of them, as read in the project's later
# articles; a "slip" is a real one for 70 to 80% (the lower figures count a stage the readers
# took as done though no article reports it; the usual error is a section's date taken for
# the whole project's). About nine investment figures in ten are the project's total, and
# the current figure is one of them for 89% of projects, in the RSS items the rules were
# written from; in 2017 articles no rule was read from, about 71% (`make
# investment-figures`). A stage or a promise seen in many articles is solid; one seen once is
# a lead to check. Every figure below links to its sentences (last section).

# %% tags=["parameters"]
corpus = []
sample = None
date_from = None
date_to = None
random_state = 0
n_clusters = 40
top_n = 20  # projects per chart
project = None  # an entity_id to follow, e.g. "sân bay long thành"; None: the most-mentioned
timelines = 5  # timeline charts of the most-mentioned projects with events
figures_dir = None
cache_dir = None  # where the cached tables live; None: data/processed

# %%
import pandas as pd

from analysis import charts, table, pipeline
from analysis import corpus as corpus_profile
from analysis.events import EVENT_TYPES, LIFECYCLE
from analysis.money import investment_figures
from analysis.timeline_chart import Timeline
from analysis.tracker import SURE, own_events, project_timeline, promises

charts.setup_notebook(figures_dir, prefix="05-")
params = pipeline.Params.from_values(
    corpus=corpus, sample=sample, date_from=date_from, date_to=date_to,
    random_state=random_state, n_clusters=n_clusters, cache_dir=cache_dir,
)
data = pipeline.tables(params, progress=False)
articles, events, tracker = data["articles"], data["events"], data["tracker"]
profile = corpus_profile.profile(articles)
corpus_end = articles["published_at"].max() if profile.has("published_at") else None
promised = promises(events, None if pd.isna(corpus_end) else corpus_end)
names = tracker.set_index("entity_id")["entity_name"]
events = events.assign(project=events["entity_id"].map(names))
promised = promised.assign(project=promised["entity_id"].map(names))
print(f"{len(events):,} lifecycle events of {events['entity_id'].nunique():,} projects in "
      f"{events['article_id'].nunique():,} articles; {len(promised):,} distinct promises "
      f"({(promised['outcome'] == 'slipped').sum():,} slipped)")
NO_EVENT = ("no article of this corpus reports a stage of a named project (approval, start "
            "of works, opening ...).")
STAGE_ORDER = [*LIFECYCLE, "(none reported)"]

# %% [markdown]
# ## The tracker
# One row per project, most-mentioned first. *Stage*: the latest stage reported done (by a sure
# report, confidence at least 0.6, or in two articles); *stage first reported*: the day of
# the first article of this corpus that reports it (not necessarily the day it happened);
# "completion (in part)" when every report of it is of a section, branch, phase or item (the
# first 20 km of a ring road; right for about 85% of projects, `make completion-scope`).
# *Promised completion*: the date the latest article promising its completion gives, as
# precise as it is written (a day 2026-08-31, a month 2026-04, a quarter 2026Q1, a year 2028).
# *Slips*: promised dates that passed unkept or were pushed back, and by how many months (whole
# months) the date moved in all. *Investment*: the total investment the latest article gives
# (billion VND; amounts in US dollars are not converted and not counted).

# %%
projects = tracker[tracker["article_count"] > 0].sort_values(
    ["article_count", "mention_count"], ascending=False, kind="stable")
shown = pd.DataFrame({
    "project": projects["entity_name"],
    "kind": projects["kind"].str.replace("_", " "),
    "provinces": projects["provinces"].map(", ".join),
    "articles": projects["article_count"],
    "stage": projects["current_stage"].fillna("").str.replace("_", " ")
             + projects["completed_in_part"].map({True: " (in part)", False: ""}),
    "stage first reported": projects["current_stage_at"].dt.strftime("%Y-%m-%d"),
    "promised completion": projects["promised_completion"],
    "slips": projects["slip_count"],
    "months slipped": projects["slip_months"].round(0).astype("Int64"),
    "investment (bn VND)": (projects["investment_vnd"] / 1e9).round(0),
})
if len(shown):
    table.show(shown, caption="Projects: stage, promises, slips, money", max_rows=5_000)
else:
    charts.note("no infrastructure project is named in this corpus.")

# %% [markdown]
# ## Projects by stage
# Projects named in at least three articles, by the latest stage the news reports done.

# %%
named = tracker[tracker["article_count"] >= 3]
by_stage = (named["current_stage"].fillna("(none reported)").value_counts()
            .reindex(STAGE_ORDER, fill_value=0).rename("projects").reset_index()
            .rename(columns={"current_stage": "stage"}))
by_stage["stage"] = by_stage["stage"].str.replace("_", " ")
unstaged = int(by_stage.loc[by_stage["stage"] == "(none reported)", "projects"].sum())
by_stage = by_stage[by_stage["stage"] != "(none reported)"]  # a note, not a bar dwarfing them
if unstaged:
    print(f"{unstaged:,} of the {len(named):,} projects named in three articles or more have "
          "no stage reported done in this corpus; the chart shows the others.")
charts.show(charts.Chart("bar", by_stage[by_stage["projects"] > 0], x="stage", y="projects",
                         title="Projects by the latest stage reported",
                         x_label="Stage (latest reported done)", y_label="Projects (count)",
                         horizontal=True), "projects-by-stage",
            empty="no project named in three articles or more has a stage reported done.")

# %% [markdown]
# ## Stages by province
# Projects named in at least three articles whose province is known (the gazetteer's, or the
# provinces their names give, "Vành đai 3 TP.HCM", "cao tốc Cần Thơ - Cà Mau"; national roads
# and the Bắc - Nam expressway, across many provinces, have none), by the latest stage
# reported done.

# %%
located = named.explode("provinces").dropna(subset=["provinces", "current_stage"])
by_province = (located.groupby(["provinces", "current_stage"]).size().rename("projects")
               .reset_index().rename(columns={"provinces": "province"}))
# Stages in lifecycle order on the axis, written as words.
by_province["current_stage"] = pd.Categorical(
    by_province["current_stage"].str.replace("_", " "), [s.replace("_", " ") for s in LIFECYCLE])
charts.show(charts.Chart("heatmap", by_province, x="current_stage", y="province",
                         color="projects", title="Projects by province and stage",
                         x_label="Stage (latest reported done)", y_label="Province (current)"),
            "stages-by-province",
            empty="no project with a known province has a reported stage.")

# %% [markdown]
# ## The projects whose dates slipped most
# Months the promised date moved in all (per stage, from the first promise that slipped to
# the latest date promised since, or to the corpus's end when the last one passed unkept).

# %%
slipped = (tracker[tracker["slip_count"] > 0]
           .sort_values(["slip_months", "slip_count"], ascending=False, kind="stable")
           .head(top_n)
           .rename(columns={"slip_count": "slips", "promised_completion": "promised completion"}))
charts.show(charts.Chart("bar", slipped, x="entity_name", y="slip_months",
                         title=f"The {top_n} projects whose promised dates moved most",
                         x_label="Project", y_label="Months the promised date moved",
                         hover=["slips", "promised completion"], horizontal=True),
            "most-slipped",
            empty="no promise of this corpus slipped (or none has a date to check).")

# %% [markdown]
# ## Project timelines
# The most-mentioned projects whose timeline holds three points or arrows at least (then the
# others).
# Points: a stage reported done, at the article's date (hollow: a report the model is unsure
# of, below the tracker's confidence of 0.6). Arrows: a promise, from the day it was made to
# the end of the period promised; green kept, red slipped, grey still open.

# %%
# The most-mentioned projects with a timeline worth drawing: three points or arrows at least
# (stages reported done and promises) before those with fewer.
own = own_events(events)
drawn = (own.loc[own["status"] == "done", "entity_id"].value_counts()
         .add(promised["entity_id"].value_counts(), fill_value=0))
with_events = tracker[tracker["entity_id"].isin(own["entity_id"])].assign(
    sparse=lambda d: d["entity_id"].map(drawn).fillna(0) < 3).sort_values(
    ["sparse", "article_count"], ascending=[True, False], kind="stable")
followed = list(with_events["entity_id"].head(timelines))
if project:
    if project in set(events["entity_id"]):
        followed = [project, *[e for e in followed if e != project]][:timelines]
    else:
        print(f"{project!r} has no reported event in this corpus; showing the most-mentioned.")
if not followed:
    charts.note(NO_EVENT)
elif not profile.has("published_at"):
    charts.note(profile.lacks("published_at"))
for entity in followed if profile.has("published_at") else []:
    # Another work's events naming the project as its route's end are not drawn (below).
    mine = own_events(events[events["entity_id"] == entity]).dropna(subset=["published_at"])
    charts.show(Timeline(mine, promised[promised["entity_id"] == entity],
                         title=f"{names[entity]}: stages and promises",
                         types=EVENT_TYPES, sure=SURE),
                f"timeline-{entity}",
                empty=f"{names[entity]}: no stage reported done and no dated promise (its "
                      "planned events are in the evidence below).")

# %% [markdown]
# ## The evidence
# Every event with its sentence (latest first), every promise and what became of it, then
# every investment figure.
# Type a project's name in the search box to see what a row of the tracker rests on.
# *Confidence*: the model's probability that the sentence states this event (out of fold, 82%
# of stage reports above 0.9 are right, 32% below 0.5). *Another work's*: the project is named
# as the end of another work's route ("đường sắt Thủ Thiêm nối sân bay Long Thành"); the
# tracker leaves such events out of the project's stages, promises and timeline.

# %%
if followed:
    timeline = project_timeline(events, followed[0], articles)
    table.show(
        timeline.assign(confidence=timeline["probability"].round(2),
                        type=timeline["type"].str.replace("_", " "),
                        **{"another work's": timeline.get("via_other_work", False)})[
            [c for c in ("published_at", "type", "status", "when", "confidence",
                         "another work's", "sentence", "outlet", "title")
             if c in timeline or c in ("confidence", "another work's")]],
        caption=f"{names[followed[0]]}: every event, oldest first", max_rows=2_000)

# %%
if len(events):
    evidence = events.merge(articles[["article_id", "title"]], on="article_id", how="left")
    columns = [c for c in ("published_at", "outlet") if profile.has(c)]
    evidence = evidence.sort_values(columns[:1] or ["article_id"], ascending=False)
    evidence = evidence.assign(confidence=evidence["probability"].round(2),
                               type=evidence["type"].str.replace("_", " "),
                               **{"another work's": evidence.get("via_other_work", False)})
    table.show(
        evidence[[*columns, "project", "type", "status", "when", "confidence",
                  "another work's", "sentence", "title"]],
        caption="Lifecycle events and their sentences (latest first)", max_rows=10_000)
else:
    charts.note(NO_EVENT)

# %%
if len(promised):
    table.show(
        promised.sort_values("promised_at", ascending=False)
        .assign(type=promised["type"].str.replace("_", " "))
        .rename(columns={"when_period": "promised for"})[
            ["promised_at", "last_told_at", "project", "type", "promised for", "outcome",
             "sentence"]],
        caption="Promises: when made and last told, for when, and what became of them",
        max_rows=10_000)
else:
    charts.note("no article of this corpus promises a dated start or completion.")

# %%
money = investment_figures(data["amounts"], data["mentions"], articles)
if len(money):
    money = money.merge(data["amounts"][["article_id", "field", "start", "text", "sentence"]],
                        on=["article_id", "field", "start"], how="left")
    money = money.merge(articles[["article_id", "title"]], on="article_id", how="left")
    money = money.assign(project=money["entity_id"].map(names),
                         **{"bn VND": (money["value"] / 1e9).round(1)})
    table.show(
        money.sort_values("published_at", ascending=False, na_position="last")[
            ["published_at", "project", "text", "bn VND", "sentence", "title"]],
        caption="Investment figures and their sentences (latest first); the tracker's is the "
                "latest article's largest", max_rows=10_000)
else:
    charts.note("no article of this corpus gives a project's investment.")
