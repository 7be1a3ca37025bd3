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
# # 02 · Topic clusters and the named topics
#
# Clusters are found without labels (TF-IDF over syllables and syllable pairs → LSA →
# k-means); each is named by its top terms. The named topics (infrastructure, trade,
# aviation) come from a seed vocabulary per topic, pulled toward each cluster's mean, never
# from hand-labelled clusters. Method and measured quality: README, "Topics".

# %% tags=["parameters"]
corpus = []
sample = None
date_from = None
date_to = None
random_state = 0
n_clusters = 40
clusters_shown = 6  # clusters with their top terms drawn
map_points = 20000  # articles drawn on the 2-D map
figures_dir = None
cache_dir = None  # where the cached tables live; None: data/processed

# %%
import json

import pandas as pd

from analysis import charts, pipeline
from analysis import corpus as corpus_profile
from analysis.config import PROJECT_ROOT, TOPICS_DEV
from analysis.evaluate import score_topics

charts.setup_notebook(figures_dir, prefix="02-")
params = pipeline.Params.from_values(
    corpus=corpus, sample=sample, date_from=date_from, date_to=date_to,
    random_state=random_state, n_clusters=n_clusters, cache_dir=cache_dir,
)
data = pipeline.tables(params, progress=False)
articles, labels, clusters = data["articles"], data["topic_labels"], data["clusters"]
labelled = articles.merge(labels, on="article_id")
labelled["outlet"] = corpus_profile.outlets(labelled)
profile = corpus_profile.profile(articles)
print(f"{len(articles):,} articles in {len(clusters)} clusters")

# %% [markdown]
# ## Cluster sizes and labels

# %%
sizes = clusters[["cluster", "cluster_label", "article_count"]].copy()
sizes["cluster_name"] = sizes["cluster"].astype(str) + ": " + sizes["cluster_label"]
charts.show(charts.Chart("bar", sizes, x="cluster_name", y="article_count",
                         title="Clusters by size", x_label="Cluster (top terms)",
                         y_label="Articles (count)", horizontal=True), "cluster-sizes")

# %% [markdown]
# ## Top terms of the largest clusters
# Weight: the mean TF-IDF of the term in the cluster's articles.

# %%
terms = clusters.head(clusters_shown).explode(["top_terms", "top_term_weights"])
terms = terms.rename(columns={"top_terms": "term", "top_term_weights": "weight"})
terms["weight"] = terms["weight"].astype(float)
terms["cluster_name"] = terms["cluster"].astype(str) + ": " + terms["cluster_label"]
terms["label"] = terms["cluster"].astype(str) + " · " + terms["term"]
charts.show(charts.Chart("bar", terms, x="label", y="weight", color="cluster_name",
                         title=f"Top terms of the {clusters_shown} largest clusters",
                         x_label="Cluster · term", y_label="Mean TF-IDF weight",
                         horizontal=True), "top-terms")

# %% [markdown]
# ## A map of the articles
# Each point is an article, placed by the first two principal components of its LSA vector;
# hover for the title and outlet.

# %%
shown = labelled.sample(min(map_points, len(labelled)), random_state=random_state)
shown = shown.assign(
    named_topic=[t[0] if len(t) else "other" for t in shown["named_topics"]],
    title_short=shown["title"].fillna(shown["body"].fillna("").str.slice(0, 60)).str.slice(0, 90),
)
charts.show(charts.Chart("scatter", shown, x="map_x", y="map_y", color="named_topic",
                         hover=["title_short", "outlet", "cluster_label"],
                         title="Articles on a 2-D map, coloured by named topic",
                         x_label="Component 1 (PCA of LSA)",
                         y_label="Component 2 (PCA of LSA)"), "article-map")

# %% [markdown]
# ## Named topics by outlet (share of the outlet's articles)

# %%
exploded = labelled[["article_id", "outlet", "named_topics"]].explode("named_topics")
totals = labelled.groupby("outlet").size()
shares = (exploded.dropna(subset=["named_topics"]).groupby(["outlet", "named_topics"]).size()
          .rename("article_count").reset_index().rename(columns={"named_topics": "named_topic"}))
shares["share_pct"] = 100 * shares["article_count"] / shares["outlet"].map(totals).astype(float)
if not profile.has("outlet"):
    charts.note(profile.lacks("outlet"))
else:
    charts.show(charts.Chart("bar", shares, x="outlet", y="share_pct", color="named_topic",
                             title="Named topics by outlet", x_label="Outlet",
                             y_label="Share of the outlet's articles (%)"),
                "named-topics-by-outlet",
                empty="no article of this corpus is mainly about infrastructure, trade or "
                      "aviation: no named-topic shares.")

# %% [markdown]
# ## Example articles per cluster
# The articles closest to each cluster's centre come first.

# %%
examples = (labelled.sort_values(["cluster", "centre_distance"])
            .groupby("cluster").head(5)[["cluster", "cluster_label", "outlet", "title"]])
examples = examples.dropna(axis="columns", how="all")
charts.interactive_table(examples, caption="Five articles per cluster (searchable)")

# %% [markdown]
# ## Quality
# On the hand-labelled development items (when the corpus holds them), and the measured
# comparison with the baseline, NMF and BERTopic from `make bench-topics`.

# %%
gold_ids = ({json.loads(line)["source_id"] for line in TOPICS_DEV.read_text().splitlines()}
            if TOPICS_DEV.is_file() else {None})
if gold_ids <= set(articles["source_id"].dropna()):
    summary, per_topic = score_topics(TOPICS_DEV, labels, articles)
    print(f"named topics on {summary['items']} dev items: macro F1 {summary['macro_f1']:.3f}")
    display(per_topic.round(3))  # noqa: F821
else:
    print("This corpus does not hold the dev items (a sample or another corpus): no F1 here.")
results = PROJECT_ROOT / "benchmarks" / "results" / "topics.json"
if results.is_file():
    measured = json.loads(results.read_text())
    rows = [
        {"data": data_name, "method": method,
         **{m: sum(r[m] for r in runs) / len(runs) for m in ("V", "NMI", "ARI")}}
        for data_name, methods in measured.get("unsupervised", {}).items()
        for method, runs in methods.items()
    ]
    display(pd.DataFrame(rows).round(3))  # noqa: F821
else:
    print("Run `make bench-topics` for the comparison with the baseline, NMF and BERTopic.")
