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
# k-means); each is named by its most distinctive phrases (class-based TF-IDF), each
# syllable pair grown to the whole words it stands in ("mại điện" of "thương mại điện tử"
# is shown as the latter). The named
# topics (infrastructure, trade, aviation) come from a classifier learned from about 12,000
# hand-labelled news items: each article gets a probability per topic, and a topic is named
# when its probability reaches the topic's cut-off (chosen by cross-validation; set your own
# in `thresholds`). Method and measured quality: README, "Named topics".

# %% tags=["parameters"]
corpus = []
sample = None
date_from = None
date_to = None
random_state = 0
n_clusters = 40
thresholds = None  # e.g. {"trade": 0.5}: a higher cut-off names fewer, surer items
clusters_shown = 6  # clusters with their top terms drawn
map_points = 20000  # articles drawn on the 2-D map
figures_dir = None
cache_dir = None  # where the cached tables live; None: data/processed

# %%
import json

import numpy as np
import pandas as pd

from analysis import charts, table, pipeline, topics
from analysis import corpus as corpus_profile
from analysis.config import PROJECT_ROOT, TOPICS_DEV
from analysis.evaluate import score_topics, topic_tradeoff

charts.setup_notebook(figures_dir, prefix="02-")
params = pipeline.Params.from_values(
    corpus=corpus, sample=sample, date_from=date_from, date_to=date_to,
    random_state=random_state, n_clusters=n_clusters, cache_dir=cache_dir,
)
data = pipeline.tables(params, progress=False)
articles, labels, clusters = data["articles"], data["topic_labels"], data["clusters"]
probability_columns = [f"{t}_probability" for t in topics.NAMED_TOPICS]
labels = labels.assign(
    named_topics=topics.named_topics(labels[probability_columns].to_numpy(), thresholds)
)
labelled = articles.merge(labels, on="article_id")
labelled["outlet"] = corpus_profile.outlets(labelled)
profile = corpus_profile.profile(articles)
print(f"{len(articles):,} articles in {len(clusters)} clusters")

# %% [markdown]
# ## Named topics: how many articles, at which cut-off
# The cut-offs in use, and how many articles each topic would hold at other cut-offs: a
# higher cut-off trades recall for precision (see the trade-off on the dev items below).

# %%
cut = dict(zip(topics.NAMED_TOPICS, topics.classifier.shipped().thresholds.round(2)))
cut.update(thresholds or {})
named_counts = labels["named_topics"].explode().value_counts()
print("cut-offs in use: " + ", ".join(f"{t} {c}" for t, c in cut.items()))
print("articles named: " + ", ".join(f"{t} {int(named_counts.get(t, 0)):,}"
                                      for t in topics.NAMED_TOPICS))
table.show(topics.counts_by_threshold(labels).reset_index(),
           caption="Articles each named topic would hold at each cut-off")

# %% [markdown]
# ## Cluster sizes and names

# %%
sizes = clusters[["cluster", "cluster_label", "article_count"]].copy()
sizes["cluster_name"] = sizes["cluster"].astype(str) + ": " + sizes["cluster_label"]
charts.show(charts.Chart("bar", sizes, x="cluster_name", y="article_count",
                         title="Clusters by size", x_label="Cluster (distinctive phrases)",
                         y_label="Articles (count)", horizontal=True), "cluster-sizes")

# %% [markdown]
# ## What each cluster is about
# Each cluster's most distinctive phrases (class-based TF-IDF: frequent in the cluster, rare
# elsewhere) and the titles of its most typical articles (closest to its centre).

# %%
typical = topics.representatives(labels, articles)
about = clusters.assign(
    distinctive=clusters["top_terms"].map(lambda terms: " · ".join(list(terms)[:6])),
    typical_titles=clusters["cluster"].map(lambda c: " | ".join(typical.get(c, []))),
)[["cluster", "article_count", "distinctive", "typical_titles"]]
table.show(about, caption="Clusters: distinctive phrases and typical titles")

# %% [markdown]
# ## Distinctive phrases of the largest clusters
# Weight: the phrase's class-based TF-IDF in the cluster.

# %%
terms = clusters.head(clusters_shown).explode(["top_terms", "top_term_weights"])
terms = terms.rename(columns={"top_terms": "term", "top_term_weights": "weight"})
terms["weight"] = terms["weight"].astype(float)
terms["cluster_name"] = terms["cluster"].astype(str) + ": " + terms["cluster_label"]
terms["label"] = terms["cluster"].astype(str) + " · " + terms["term"]
# Clusters largest first, each cluster's phrases by their weight.
terms = terms.assign(size=-terms["article_count"]).sort_values(
    ["size", "cluster", "weight"], ascending=[True, True, False], kind="stable")
charts.show(charts.Chart("bar", terms, x="label", y="weight", color="cluster_name",
                         title=f"Distinctive phrases of the {clusters_shown} largest clusters",
                         x_label="Cluster · phrase", y_label="Class-based TF-IDF weight",
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
# Side by side, not stacked: an article can hold two named topics, so the shares do not add
# up to a whole.

# %%
exploded = labelled[["article_id", "outlet", "named_topics"]].explode("named_topics")
totals = labelled.groupby("outlet").size()
shares = (exploded.dropna(subset=["named_topics"]).groupby(["outlet", "named_topics"]).size()
          .rename("article_count").reset_index().rename(columns={"named_topics": "named_topic"}))
shares["share_pct"] = (100 * shares["article_count"]
                       / shares["outlet"].map(totals).astype(float)).round(1)
if not profile.has("outlet"):
    charts.note(profile.lacks("outlet"))
else:
    charts.show(charts.Chart("bar", shares, x="outlet", y="share_pct", color="named_topic",
                             title="Named topics by outlet", x_label="Outlet",
                             y_label="Share of the outlet's articles (%)", grouped=True),
                "named-topics-by-outlet",
                empty="no article of this corpus is mainly about infrastructure, trade or "
                      "aviation: no named-topic shares.")

# %% [markdown]
# ## Quality
# On the hand-labelled development items (when the corpus holds them): the named topics at
# the cut-offs in use, and precision and recall at other cut-offs. The figure to trust for
# unseen news is the cross-validated one in the README (`make bench-topics`); dev is read
# after the choices were made, never to make them.

# %%
gold_ids = ({json.loads(line)["source_id"] for line in TOPICS_DEV.read_text().splitlines()}
            if TOPICS_DEV.is_file() else {None})
if gold_ids <= set(articles["source_id"].dropna()):
    summary, per_topic = score_topics(TOPICS_DEV, labels, articles)
    print(f"named topics on {summary['items']} dev items: macro F1 {summary['macro_f1']:.3f}")
    table.show(per_topic.round(3).rename(columns={"f1": "F1"}),
               caption="Named topics on the dev items, at the cut-offs in use")
    tradeoff = topic_tradeoff(TOPICS_DEV, labels, articles).melt(
        id_vars=["topic", "threshold"], value_vars=["precision", "recall", "f1"],
        var_name="measure", value_name="value")
    tradeoff["series"] = tradeoff["topic"] + " · " + tradeoff["measure"]
    charts.show(charts.Chart("line", tradeoff, x="threshold", y="value", color="series",
                             title="Precision and recall on the dev items, by cut-off",
                             x_label="Cut-off on the topic's probability",
                             y_label="Precision, recall or F1"), "dev-tradeoff")
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
    table.show(pd.DataFrame(rows).round(3),
               caption="Clusters against the labels: this method, the baseline, NMF and "
                       "BERTopic (benchmarks/results/topics.json)")
else:
    print("No comparison of the clustering with other methods has been measured here.")
