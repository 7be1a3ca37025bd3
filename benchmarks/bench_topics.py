"""Topic model: speed, memory, stability and quality, each rerunnable.

    python benchmarks/bench_topics.py [--quick] [--bertopic] [--choose-k]

1. Named topics, the honest figure first: 5-fold cross-validated macro F1 of the classifier
   over the labelled items (all of them, and the ``topics_train.jsonl`` items alone), cut-offs
   chosen inside each fold (``benchmarks/train_topic_classifier.py``); then, once, the dev
   figure of the shipped model on ``../shared/gold/topics_dev.jsonl``.
2. RSS corpus (178,638 items), each fit in a fresh process: ``label_topics`` fit + label time
   and peak memory (targets: < 60 s, < 2 GB); stability between random_state 0 and 1
   (adjusted Rand index of the clusters, share of items with the same named topics) and
   identical output for the same random_state; the streaming path on the same corpus.
3. Unsupervised quality against human categories, mean ± spread over 3 seeds: Dân Trí
   (10 categories) and DANeS' single-label records. Ours (TF-IDF → LSA → k-means) against
   the plain baseline (TF-IDF + KMeans, k = number of categories, n_init=10) and NMF.
4. ``--bertopic``: BERTopic with a TF-IDF + TruncatedSVD embedding on the same data, same
   machine: the labelled sets above, and the whole RSS corpus in a fresh process (time, peak
   memory, outliers, agreement with VnExpress's section feeds). Needs the ``compare`` extra;
   skipped with a note when it is not installed.
5. ``--choose-k``: the measurement behind the default ``n_clusters`` on RSS.
Results: printed as Markdown and written to benchmarks/results/topics.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import write_results  # noqa: E402

warnings.simplefilter("ignore")

from analysis import config  # noqa: E402

CHILD = r"""
import json, resource, sys, threading, time, warnings
import psutil
warnings.simplefilter("ignore")
tree_peak = [0]
def sample():  # resident memory of this process and its worker processes, summed
    me = psutil.Process()
    while True:
        try:
            total = me.memory_info().rss + sum(
                c.memory_info().rss for c in me.children(recursive=True))
        except psutil.Error:
            total = 0
        tree_peak[0] = max(tree_peak[0], total)
        time.sleep(0.2)
threading.Thread(target=sample, daemon=True).start()
seed, streaming, out = int(sys.argv[1]), sys.argv[2] == "1", sys.argv[3]
from analysis import config
from analysis.load import load
articles = load(config.RSS_CORPUS, progress=False).articles
if sys.argv[4:5] == ["bertopic"]:
    sys.path.insert(0, sys.argv[5])
    import pandas as pd
    from bench_topics import run_bertopic, texts_of
    started = time.perf_counter()
    topics, _, _ = run_bertopic(texts_of(articles), 40, seed)
    seconds = time.perf_counter() - started
    pd.DataFrame({"article_id": articles["article_id"], "cluster": topics}).to_parquet(out)
else:
    from analysis.topics import TopicModel, label_topics
    started = time.perf_counter()
    model = TopicModel(random_state=seed, streaming=streaming)
    labels, model = label_topics(articles, random_state=seed, model=model)
    seconds = time.perf_counter() - started
    labels.to_parquet(out)
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "tree_peak_mb": tree_peak[0] / 2**20,
                  "rows": len(articles)}))
"""


def fit_rss(seed: int, streaming: bool, out: Path, bertopic: bool = False) -> dict:
    extra = ["bertopic", str(HERE)] if bertopic else []
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(seed), "1" if streaming else "0", str(out), *extra],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def rss_section(results: dict, tmp: Path, bertopic: bool = False) -> None:
    from sklearn.metrics import adjusted_rand_score

    from analysis.evaluate import score_topics
    from analysis.load import load
    from analysis.store import read_table

    runs = {}
    for name, seed, streaming in (
        ("seed0", 0, False),
        ("seed0-again", 0, False),
        ("seed1", 1, False),
        ("streaming", 0, True),
    ):
        runs[name] = fit_rss(seed, streaming, tmp / f"{name}.parquet")
        runs[name]["labels"] = read_table(tmp / f"{name}.parquet")
    articles = load(config.RSS_CORPUS, progress=False).articles
    summary, per_topic = score_topics(config.TOPICS_DEV, runs["seed0"]["labels"], articles)
    a, b = runs["seed0"]["labels"], runs["seed1"]["labels"]
    same = runs["seed0"]["labels"].equals(runs["seed0-again"]["labels"])
    ari = adjusted_rand_score(a["cluster"], b["cluster"])
    topics_agree = float(
        np.mean(
            [set(x) == set(y) for x, y in zip(a["named_topics"], b["named_topics"], strict=True)]
        )
    )
    stream_summary, _ = score_topics(config.TOPICS_DEV, runs["streaming"]["labels"], articles)
    named_topics_section(results)
    print("\n## RSS corpus\n")
    print("| run | seconds | peak MB (main) | peak MB (main + workers) |\n|---|---|---|---|")
    for name in ("seed0", "seed1", "streaming"):
        r = runs[name]
        print(
            f"| label_topics, {name} | {r['seconds']:.1f} | {r['peak_mb']:.0f} "
            f"| {r['tree_peak_mb']:.0f} |"
        )
    print(
        f"\nnamed topics of this fit on topics_dev.jsonl (dev, scored once): macro F1 "
        f"{summary['macro_f1']:.3f}"
    )
    print(per_topic.to_markdown(index=False, floatfmt=".3f"))
    print(f"\nstreaming path, dev: macro F1 {stream_summary['macro_f1']:.3f}")
    print(f"stability (seed 0 vs 1): cluster ARI {ari:.3f}, same named topics {topics_agree:.3f}")
    print(f"same random_state twice gives identical labels: {same}")
    results["rss"] = {
        "runs": {k: {kk: vv for kk, vv in v.items() if kk != "labels"} for k, v in runs.items()},
        "macro_f1": summary["macro_f1"],
        "per_topic": per_topic.to_dict("records"),
        "streaming_macro_f1": stream_summary["macro_f1"],
        "stability_ari": ari,
        "stability_named_topics": topics_agree,
        "identical_same_seed": same,
    }
    if bertopic:
        rss_bertopic(results, tmp, articles, runs["seed0"])


def named_topics_section(results: dict) -> None:
    """Cross-validated figures of the named-topic classifier (the ones to trust)."""
    from train_topic_classifier import cross_validate, inputs_for, labelled_items, report

    from analysis.topics import classifier

    labelled, _ = labelled_items()
    options = classifier.shipped().options
    cv = cross_validate(inputs_for(labelled), labelled, options)
    print("## Named topics: 5-fold cross-validated (cut-offs chosen inside each fold)")
    report(f"all {len(labelled):,} labelled items", cv["all_items"])
    report("the topics_train.jsonl items of those folds", cv["train_items"])
    results["named_topics_cv"] = {k: v for k, v in cv.items() if k != "probability"}


def rss_bertopic(results: dict, tmp: Path, articles, ours: dict) -> None:
    """BERTopic on the whole RSS corpus, in a fresh process, against our seed-0 fit: time,
    memory, outliers, and agreement with VnExpress's section feeds (the only human categories
    the corpus has: Thế giới, Thể thao, Kinh doanh, Công nghệ; 14,891 items)."""
    from sklearn.metrics import adjusted_rand_score, v_measure_score

    try:
        import bertopic  # noqa: F401
    except ImportError:
        print("(BERTopic not installed: pip install -e '.[compare]'; skipped)")
        return
    theirs = fit_rss(0, False, tmp / "bertopic.parquet", bertopic=True)
    from analysis.store import read_table

    clusters = read_table(tmp / "bertopic.parquet")["cluster"].to_numpy()
    labelled = articles["category"].notna().to_numpy()
    truth = articles.loc[labelled, "category"].to_numpy()
    rows = []
    for name, run, assigned in (
        ("ours: TF-IDF → LSA → k-means", ours, ours["labels"]["cluster"].to_numpy()),
        ("BERTopic 0.17, TF-IDF + SVD embedding", theirs, clusters),
    ):
        rows.append(
            {
                "method": name,
                "seconds": run["seconds"],
                "peak_mb": run["tree_peak_mb"],
                "clusters": len(set(assigned) - {-1}),
                "outliers": float(np.mean(assigned == -1)),
                "V": v_measure_score(truth, assigned[labelled]),
                "ARI": adjusted_rand_score(truth, assigned[labelled]),
            }
        )
    print("\n## BERTopic on the whole RSS corpus (one run each, same machine)\n")
    print("| method | fit s | peak MB | clusters | outliers | V (VnExpress sections) | ARI |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['method']} | {r['seconds']:.0f} | {r['peak_mb']:.0f} | {r['clusters']} "
            f"| {r['outliers']:.0%} | {r['V']:.3f} | {r['ARI']:.3f} |"
        )
    results["rss_bertopic"] = rows


def labelled_sets() -> dict:
    from analysis.load import load

    dantri = load(config.DANTRI_CORPUS, progress=False).articles
    dantri["label"] = dantri["source_path"].str.extract(r"news_([a-z]+)_")[0]
    danes = load(config.DANES_LABELLED, progress=False).articles
    danes = danes[danes["category"].notna() & ~danes["category"].str.contains(";")]
    danes = danes[danes["category"] != "Không xác định"].assign(label=lambda d: d["category"])
    return {"Dân Trí": dantri, "DANeS single-label": danes.reset_index(drop=True)}


def texts_of(frame) -> list[str]:
    parts = [frame[c].fillna("") for c in ("title", "lead", "body") if c in frame]
    return parts[0].str.cat(parts[1:], sep="\n").tolist()


def unsupervised_section(results: dict, seeds: list[int], bertopic: bool) -> None:
    from sklearn.cluster import KMeans
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import (
        adjusted_rand_score,
        normalized_mutual_info_score,
        v_measure_score,
    )

    from analysis.topics.model import TOKEN_PATTERN, TopicModel, preprocess

    def measure(y, labels) -> dict:
        return {
            "V": v_measure_score(y, labels),
            "NMI": normalized_mutual_info_score(y, labels),
            "ARI": adjusted_rand_score(y, labels),
        }

    print(f"\n## Unsupervised quality against human categories (mean ± sd over seeds {seeds})\n")
    print("| data | method | V | NMI | ARI | fit s | outliers |\n|---|---|---|---|---|---|---|")
    results["unsupervised"] = {}
    for name, frame in labelled_sets().items():
        y = frame["label"].to_numpy()
        k = len(set(y))
        texts = texts_of(frame)
        prepared = [preprocess(t) for t in texts]
        methods = {}
        for seed in seeds:
            started = time.perf_counter()
            model = TopicModel(
                n_clusters=k, random_state=seed, n_init=10, min_df=2, preprocessed=True
            ).fit(prepared)
            methods.setdefault("ours: TF-IDF → LSA → k-means", []).append(
                {**measure(y, model.labels_), "seconds": time.perf_counter() - started}
            )
            started = time.perf_counter()
            plain = TfidfVectorizer(token_pattern=TOKEN_PATTERN, lowercase=False)
            x = plain.fit_transform(prepared)
            labels = KMeans(k, n_init=10, random_state=seed).fit_predict(x)
            methods.setdefault("baseline: TF-IDF + KMeans", []).append(
                {**measure(y, labels), "seconds": time.perf_counter() - started}
            )
            started = time.perf_counter()
            w = NMF(k, random_state=seed, init="nndsvda", max_iter=400).fit_transform(x)
            methods.setdefault("NMF", []).append(
                {**measure(y, w.argmax(axis=1)), "seconds": time.perf_counter() - started}
            )
            if bertopic:
                got = run_bertopic(texts, k, seed)
                if got is not None:
                    labels, seconds, outliers = got
                    methods.setdefault("BERTopic (TF-IDF + SVD embedding)", []).append(
                        {**measure(y, labels), "seconds": seconds, "outliers": outliers}
                    )
        results["unsupervised"][name] = methods
        for method, runs in methods.items():
            cells = []
            for metric in ("V", "NMI", "ARI"):
                values = [r[metric] for r in runs]
                cells.append(f"{np.mean(values):.3f} ± {np.std(values):.3f}")
            seconds = np.mean([r["seconds"] for r in runs])
            outliers = runs[0].get("outliers")
            share = f"{np.mean([r['outliers'] for r in runs]):.0%}" if outliers is not None else ""
            print(f"| {name} | {method} | {' | '.join(cells)} | {seconds:.1f} | {share} |")


def run_bertopic(texts: list[str], k: int, seed: int):
    """BERTopic with scikit-learn parts only (no model download); None if not installed."""
    try:
        from bertopic import BERTopic
        from bertopic.dimensionality import BaseDimensionalityReduction  # noqa: F401
    except ImportError:
        print("(BERTopic not installed: pip install bertopic; skipped)")
        return None
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline

    from analysis.topics.model import TOKEN_PATTERN, preprocess

    prepared = [preprocess(t) for t in texts]
    embedder = make_pipeline(
        TfidfVectorizer(token_pattern=TOKEN_PATTERN, lowercase=False, min_df=2),
        TruncatedSVD(100, random_state=seed),
    )
    started = time.perf_counter()
    embeddings = embedder.fit_transform(prepared)
    model = BERTopic(nr_topics=k, calculate_probabilities=False)
    topics, _ = model.fit_transform(prepared, embeddings)
    seconds = time.perf_counter() - started
    topics = np.asarray(topics)
    return topics, seconds, float(np.mean(topics == -1))


def choose_k_section(results: dict, ks: list[int]) -> None:
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score, silhouette_score

    from analysis.load import load
    from analysis.topics import TopicModel

    articles = load(config.RSS_CORPUS, progress=False).articles
    texts = texts_of(articles)
    model = TopicModel(n_clusters=2, n_init=1).fit(texts)  # the LSA basis, once
    reduced = model.transform(texts)
    rng = np.random.default_rng(0)
    sample = rng.choice(len(texts), 20_000, replace=False)
    print("\n## Choosing the default number of clusters on RSS\n")
    print("| k | silhouette (20k sample) | ARI seed 0 vs 1 |\n|---|---|---|")
    rows = []
    for k in ks:
        a = KMeans(k, n_init=3, random_state=0).fit_predict(reduced)
        b = KMeans(k, n_init=3, random_state=1).fit_predict(reduced)
        sil = silhouette_score(reduced[sample], a[sample])
        ari = adjusted_rand_score(a, b)
        rows.append({"k": k, "silhouette": sil, "ari": ari})
        print(f"| {k} | {sil:.3f} | {ari:.3f} |")
    results["choose_k"] = rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one seed, skip the RSS fits")
    parser.add_argument("--bertopic", action="store_true", help="add BERTopic (if installed)")
    parser.add_argument("--choose-k", action="store_true", help="measure k on RSS")
    args = parser.parse_args()
    import tempfile

    results: dict = {}
    if not args.quick:
        with tempfile.TemporaryDirectory() as tmp:
            rss_section(results, Path(tmp), args.bertopic)
    unsupervised_section(results, [0] if args.quick else [0, 1, 2], args.bertopic)
    if args.choose_k:
        choose_k_section(results, [10, 20, 30, 40, 60])
    write_results("topics", results)


if __name__ == "__main__":
    main()
