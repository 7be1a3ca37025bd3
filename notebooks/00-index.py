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
# # Vietnamese infrastructure, trade and transport news: the analyses
#
# | notebook | what it shows |
# |---|---|
# | [01-load-and-explore](01-load-and-explore.ipynb) | the corpus: sources, volume per day, text lengths, duplicates, rejects |
# | [02-topic-clusters](02-topic-clusters.ipynb) | clusters found without labels, the named topics (infrastructure, trade, aviation), a map of the articles, quality figures |
# | [03-infrastructure-mentions](03-infrastructure-mentions.ipynb) | named projects (expressways, roads, bridges, airports, ports ...): most mentioned, by outlet, over time, by province, with their sentences |
# | [04-time-trends](04-time-trends.ipynb) | named topics as shares per week, the most rising projects, spikes and their articles |
# | [05-project-tracker](05-project-tracker.ipynb) | where each project stands (latest stage reported), promised dates and slips, investment, timelines, the sentences behind them |
#
# Each name opens its notebook (in JupyterLab, after `make notebooks`) or its report (in the
# HTML reports). `make report` (or `analysis run`) executes them all with the same parameters
# and writes one HTML report per notebook into `reports/`, with `reports/index.html` linking
# them.

# %% tags=["parameters"]
corpus = []
sample = None
date_from = None
date_to = None
random_state = 0
n_clusters = 40
figures_dir = None
cache_dir = None  # where the cached tables live; None: data/processed

# %%
from analysis import corpus as corpus_profile
from analysis import pipeline

params = pipeline.Params.from_values(
    corpus=corpus, sample=sample, date_from=date_from, date_to=date_to,
    random_state=random_state, n_clusters=n_clusters, cache_dir=cache_dir,
)
data = pipeline.tables(params, progress=False)
articles = data["articles"]
print(f"corpus: {', '.join(params.corpus_shown)}")
print(corpus_profile.profile(articles).summary())
print(f"corpus fingerprint {data.corpus_fingerprint}")
