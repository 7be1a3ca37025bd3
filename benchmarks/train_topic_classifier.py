"""Train the named-topic classifier and measure it honestly: ``make topic-model``.

    python benchmarks/train_topic_classifier.py [--check] [--curve] [--folds 5]

1. The labelled items: ``../shared/gold/topics_train.jsonl`` (3,000 items, one annotator) and
   ``data/labels/topics_extra.csv`` (items labelled under the same rules for this project; how
   they were made: README, "Named topics"), looked up in the RSS corpus by ``source_id``.
   ``topics_dev.jsonl`` is never used to fit or to choose.
2. Cross-validation: 5 folds over all labelled items; inside each training part the cut-offs
   are chosen by their own 5-fold cross-validation (``TunedThresholdClassifierCV``), so the
   held-out fold is scored as unseen items would be. Reported: macro F1 over all labelled
   items, and over the original training items only (the annotator of the held-out sets).
3. The model is refitted on all labelled items and written to
   ``src/analysis/data/topic_classifier.csv`` (seeded: a rerun writes the same file).
4. The dev set, scored once with the written model.
``--check`` scores the shipped weights on dev and skips the rest; ``--curve`` adds the
learning curve (training items vs cross-validated F1 on the original training items).
Figures: printed and written to benchmarks/results/topic_classifier.json.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import write_results  # noqa: E402

from analysis import config  # noqa: E402
from analysis.evaluate import read_gold  # noqa: E402
from analysis.topics import classifier  # noqa: E402
from analysis.topics.model import preprocess  # noqa: E402
from analysis.topics.seeds import NAMED_TOPICS  # noqa: E402

EXTRA_LABELS = HERE.parent / "data" / "labels" / "topics_extra.csv"
WEIGHTS = HERE.parent / "src" / "analysis" / classifier.WEIGHTS_FILE
RANDOM_STATE = 0


def labelled_items() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(labelled, dev): source_id, the topic flags and where each label came from."""
    rows = [
        {"source_id": r["source_id"], "topics": r["topics"], "origin": "train"}
        for r in read_gold(config.GOLD_DIR / "topics_train.jsonl")
    ]
    with EXTRA_LABELS.open(encoding="utf-8") as handle:
        rows += [
            {
                "source_id": r["source_id"],
                "topics": [t for t in r["topics"].split("|") if t],
                "origin": r["annotator"],
            }
            for r in csv.DictReader(handle)
        ]
    dev = [
        {"source_id": r["source_id"], "topics": r["topics"], "origin": "dev"}
        for r in read_gold(config.TOPICS_DEV)
    ]

    def frame(records):
        table = pd.DataFrame(records)
        for topic in NAMED_TOPICS:
            table[topic] = table["topics"].map(lambda ts, t=topic: t in ts).astype(int)
        return table

    return frame(rows), frame(dev)


def inputs_for(items: pd.DataFrame) -> pd.DataFrame:
    """The classifier's inputs for labelled items, read from the RSS corpus."""
    from analysis.load import load
    from analysis.mentions import extract_mentions

    articles = load(config.RSS_CORPUS, progress=False).articles
    articles = articles.drop_duplicates("source_id").set_index("source_id")
    chosen = articles.loc[items["source_id"]].reset_index()
    mentions = extract_mentions(chosen[["article_id", "title", "lead"]], progress=False)
    titles = [preprocess(t) if isinstance(t, str) else "" for t in chosen["title"]]
    leads = [preprocess(t) if isinstance(t, str) else "" for t in chosen["lead"]]
    return classifier.topic_inputs(titles, leads, mentions, chosen["article_id"])


def fit_all(inputs: pd.DataFrame, labels: pd.DataFrame, options) -> list:
    return [
        classifier.fit_topic(inputs, labels[topic].to_numpy(), options, RANDOM_STATE)
        for topic in NAMED_TOPICS
    ]


def scores(truth: pd.DataFrame, predicted: np.ndarray) -> dict:
    from sklearn.metrics import f1_score, precision_score, recall_score

    per_topic = {}
    for j, topic in enumerate(NAMED_TOPICS):
        y, p = truth[topic].to_numpy(), predicted[:, j]
        per_topic[topic] = {
            "gold": int(y.sum()),
            "predicted": int(p.sum()),
            "precision": float(precision_score(y, p, zero_division=0)),
            "recall": float(recall_score(y, p, zero_division=0)),
            "f1": float(f1_score(y, p, zero_division=0)),
        }
    return {"macro_f1": float(np.mean([s["f1"] for s in per_topic.values()])), **per_topic}


def cross_validate(inputs, labels, options, folds: int = 5, subset=None) -> dict:
    """Out-of-fold decisions over all labelled items, cut-offs chosen inside each fold."""
    from sklearn.model_selection import StratifiedKFold

    strata = labels[list(NAMED_TOPICS)].to_numpy() @ np.array([1, 2, 4])
    decided = np.zeros((len(labels), len(NAMED_TOPICS)), dtype=int)
    probability = np.zeros(decided.shape)
    splitter = StratifiedKFold(folds, shuffle=True, random_state=RANDOM_STATE)
    for train, test in splitter.split(labels, strata):
        if subset is not None:
            train = np.intersect1d(train, subset)
        fitted = fit_all(inputs.iloc[train], labels.iloc[train], options)
        for j, model in enumerate(fitted):
            probability[test, j] = model.predict_proba(inputs.iloc[test])[:, 1]
            decided[test, j] = model.predict(inputs.iloc[test])
    from_train = (labels["origin"] == "train").to_numpy()
    return {
        "all_items": scores(labels, decided),
        "train_items": scores(labels[from_train], decided[from_train]),
        "items": len(labels) if subset is None else len(subset),
        "probability": probability,
    }


def report(name: str, figures: dict) -> None:
    print(f"\n{name}: macro F1 {figures['macro_f1']:.3f}")
    print("| topic | gold | predicted | precision | recall | F1 |\n|---|---|---|---|---|---|")
    for topic in NAMED_TOPICS:
        s = figures[topic]
        print(
            f"| {topic} | {s['gold']} | {s['predicted']} | {s['precision']:.3f} | "
            f"{s['recall']:.3f} | {s['f1']:.3f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="score the shipped weights on dev")
    parser.add_argument("--curve", action="store_true", help="add the learning curve")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="try another option (C, title_weight, min_df, ngram_max): cross-validate only",
    )
    args = parser.parse_args()
    tried = dict(item.split("=", 1) for item in args.option)
    defaults = classifier.Options()
    options = classifier.Options(**{k: type(getattr(defaults, k))(v) for k, v in tried.items()})
    labelled, dev = labelled_items()
    started = time.perf_counter()
    dev_inputs = inputs_for(dev)
    results: dict = {"options": vars(options)}
    if not args.check:
        inputs = inputs_for(labelled)
        print(
            f"{len(labelled):,} labelled items ({(labelled.origin == 'train').sum():,} from "
            f"topics_train.jsonl), {len(dev)} dev items"
        )
        cv = cross_validate(inputs, labelled, options, args.folds)
        results["cross_validated"] = {k: v for k, v in cv.items() if k != "probability"}
        report("cross-validated, all labelled items", cv["all_items"])
        report("cross-validated, the topics_train.jsonl items", cv["train_items"])
        if args.curve:
            rng = np.random.default_rng(RANDOM_STATE)
            order = rng.permutation(len(labelled))
            curve = []
            for size in (750, 1500, 3000, 6000, len(labelled)):
                subset = np.sort(order[: min(size, len(labelled))])
                point = cross_validate(inputs, labelled, options, args.folds, subset=subset)
                curve.append({"items": len(subset), "macro_f1": point["train_items"]["macro_f1"]})
                print(f"learning curve: {len(subset):,} items -> {curve[-1]['macro_f1']:.3f}")
            results["learning_curve"] = curve
        if tried:  # an experiment: the shipped weights stay as they are
            write_results("topic_classifier_experiment", results)
            return
        fitted = fit_all(inputs, labelled, options)
        weights = classifier.Weights.from_fitted(fitted, options)
        WEIGHTS.write_text(weights.to_csv(), encoding="utf-8")
        check = weights.probabilities(inputs.head(200))
        direct = np.column_stack([m.predict_proba(inputs.head(200))[:, 1] for m in fitted])
        assert np.allclose(check, direct, atol=1e-3), "the written weights disagree with the fit"
        print(
            f"\nweights written to {WEIGHTS} ({WEIGHTS.stat().st_size / 1024:.0f} KB); "
            f"cut-offs {dict(zip(NAMED_TOPICS, np.round(weights.thresholds, 3), strict=True))}"
        )
    weights = classifier.Weights.from_csv(WEIGHTS.read_text(encoding="utf-8"))
    probability = weights.probabilities(dev_inputs)
    results["dev"] = scores(dev, (probability >= weights.thresholds).astype(int))
    report("dev set (scored once, after the choice)", results["dev"])
    results["seconds"] = time.perf_counter() - started
    write_results("topic_classifier", results)


if __name__ == "__main__":
    main()
