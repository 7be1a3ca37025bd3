"""Train the lead model of the page parser and measure what it fixes and breaks.

    python benchmarks/train_lead_model.py            # train, write the weights, report
    python benchmarks/train_lead_model.py --check    # report on the weights already shipped

The page parser asks ``analysis.load.lead`` whether the first paragraph of a page is a lead or
the start of the body. This script trains that model on the baomoi corpus
(``../shared/corpus/baomoi-2017``): each article gives one page with its lead (``sapo``, then the
body) and one page without (the body alone), the body cut into paragraphs of 1-4 sentences as
the dev pages are. Articles behind the dev pages (``../shared/corpus/pages-dev``) are left out,
and 20% of the rest are held out for the report. Everything is seeded: a rerun writes the same
``src/analysis/data/lead_weights.csv``.

The report (Markdown) gives the AUC on the held-out articles, what the model does to held-out
pages whose first paragraph passes the parser's rules (share of lead-less pages it now reads
right, share of pages with a lead it now gets wrong), and the lead score on the dev pages with
and without the model. Figures are also written to ``benchmarks/results/lead_model.json``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import write_results  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

from analysis import config  # noqa: E402
from analysis.evaluate import score_pages  # noqa: E402
from analysis.load import lead as lead_model  # noqa: E402
from analysis.load import page as page_parser  # noqa: E402

RANDOM_STATE = 0
HELD_OUT = 0.2
MIN_ARTICLES = 200  # a feature must occur in this many training pages
C = 0.05  # inverse regularisation strength of the logistic regression
WEIGHTS = HERE.parent / "src" / "analysis" / lead_model.WEIGHTS_FILE
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-Ỹ“\"'])")


def nfc(text) -> str:
    return unicodedata.normalize("NFC", (text or "").strip())


def paragraphs(body: str, rng: np.random.Generator) -> list[str]:
    """Cut a body into paragraphs of 1-4 sentences, as the dev pages are cut."""
    sentences = SENTENCE_END.split(body)
    out, i = [], 0
    while i < len(sentences):
        n = int(rng.integers(1, 5))
        out.append(" ".join(sentences[i : i + n]))
        i += n
    return out


def pages(exclude_titles: set[str]) -> list[dict]:
    """Two pages per usable article, with and without its lead, in corpus order."""
    rng = np.random.default_rng(RANDOM_STATE)
    out = []
    with gzip.open(config.BAOMOI_CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            title = nfc(record.get("title"))
            lead, body = nfc(record.get("sapo")), nfc(record.get("body"))
            if title in exclude_titles or len(lead) <= 20 or len(body) <= 20:
                continue
            paras = paragraphs(body, rng)
            if len(paras) < 3:
                continue
            article = len(out) // 2
            out.append(dict(article=article, title=title, first=lead, rest=paras, lead=1))
            out.append(dict(article=article, title=title, first=paras[0], rest=paras[1:], lead=0))
    return out


def features(page: dict) -> dict[str, int]:
    rest = page["rest"]
    return dict.fromkeys(
        lead_model.lead_features(page["title"], page["first"], rest[0], " ".join(rest)), 1
    )


def write_weights(names: np.ndarray, coef: np.ndarray, intercept: float) -> int:
    rows = [(lead_model.INTERCEPT, intercept)]
    rows += sorted((n, w) for n, w in zip(names, coef, strict=True) if abs(w) >= 1e-3)
    fd, tmp = tempfile.mkstemp(dir=WEIGHTS.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["feature", "weight"])
            writer.writerows((n, f"{w:.4f}") for n, w in rows)
        os.replace(tmp, WEIGHTS)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(rows)


def passes_rules(page: dict) -> bool:
    return page_parser._can_be_lead(page_parser.Block([page["first"]], 1))


def asks_model(page: dict) -> bool:
    return passes_rules(page) and not page["first"].endswith(page_parser.CUT_SHORT)


def dev_page_texts(truth: list[dict]) -> list[str]:
    from analysis.load.textio import clean_text, decode_bytes

    return [clean_text(decode_bytes((config.PAGES_DEV / t["file"]).read_bytes())[0]) for t in truth]


def ms_per_page(texts: list[str], rounds: int = 10) -> float:
    """Milliseconds to parse one page, over the dev pages."""
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            page_parser.parse_page(text)
    return (time.perf_counter() - started) * 1000 / (rounds * len(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report on the shipped weights")
    args = parser.parse_args()
    started = time.perf_counter()
    truth = [
        json.loads(line)
        for line in (config.PAGES_DEV / "truth.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    every = pages({nfc(t["title"]) for t in truth})
    n_articles = every[-1]["article"] + 1
    held = np.random.default_rng(RANDOM_STATE).random(n_articles) < HELD_OUT
    train = [p for p in every if not held[p["article"]]]
    test = [p for p in every if held[p["article"]]]
    if not args.check:
        vectorizer = DictVectorizer()
        x = vectorizer.fit_transform(features(p) for p in train)
        keep = np.flatnonzero(np.asarray((x > 0).sum(axis=0)).ravel() >= MIN_ARTICLES)
        y = np.array([p["lead"] for p in train])
        model = LogisticRegression(C=C, max_iter=5000).fit(x[:, keep], y)
        names = vectorizer.get_feature_names_out()[keep]
        n_weights = write_weights(names, model.coef_[0], float(model.intercept_[0]))
        lead_model._weights.cache_clear()
        print(f"wrote {n_weights:,} weights to {WEIGHTS.relative_to(HERE.parent)}\n")

    y_test = np.array([p["lead"] for p in test])
    p_test = np.array(
        [
            lead_model.lead_probability(p["title"], p["first"], p["rest"][0], " ".join(p["rest"]))
            for p in test
        ]
    )
    rules = np.array([passes_rules(p) for p in test])
    asked = np.array([asks_model(p) for p in test])
    read_as_body = asked & (p_test < lead_model.NO_LEAD_BELOW)
    found = (read_as_body & (y_test == 0)).sum() / (asked & (y_test == 0)).sum()
    lost = (read_as_body & (y_test == 1)).sum() / (asked & (y_test == 1)).sum()

    # The whole decision (rules, then model) on held-out pages mixed as the dev pages are
    # (18 of 120 without a lead): the expected lead score on pages like them.
    leadless_share = sum(not t["lead"] for t in truth) / len(truth)
    right_rules = np.where(y_test == 1, rules, ~rules)
    right_model = np.where(y_test == 1, rules & ~read_as_body, ~rules | read_as_body)

    def mixed(right: np.ndarray) -> float:
        return (1 - leadless_share) * right[y_test == 1].mean() + leadless_share * right[
            y_test == 0
        ].mean()

    with_model, per_page = score_pages(config.PAGES_DEV)
    texts = dev_page_texts(truth)
    ms_with = ms_per_page(texts)
    keep_model = page_parser.is_body_opening
    page_parser.is_body_opening = lambda *_: False
    try:
        without_model, per_page_rules = score_pages(config.PAGES_DEV)
        ms_without = ms_per_page(texts)
    finally:
        page_parser.is_body_opening = keep_model
    fixed = int(((per_page["lead"] == 1) & (per_page_rules["lead"] == 0)).sum())
    broken = int(((per_page["lead"] == 0) & (per_page_rules["lead"] == 1)).sum())

    print("## Lead model\n")
    print(f"- training: {len(train):,} pages from {len(train) // 2:,} baomoi articles")
    print(f"- held out: {len(test):,} pages from {len(test) // 2:,} other articles")
    print(f"- AUC on the held-out pages: {roc_auc_score(y_test, p_test):.3f}")
    print(f"- cut-off: a first paragraph is body when P(lead) < {lead_model.NO_LEAD_BELOW}\n")
    print("| held-out pages the rules leave to the model | share |")
    print("|---|---|")
    print(f"| without a lead, now read right (first paragraph = body) | {found:.3f} |")
    print(f"| with a lead, now read wrong (lead taken for body) | {lost:.3f} |\n")
    print(f"| held-out pages, {leadless_share:.0%} without a lead | expected lead score |")
    print("|---|---|")
    print(f"| rules only | {mixed(right_rules):.4f} |")
    print(f"| rules + model | {mixed(right_model):.4f} |\n")
    print("| dev pages (120) | lead score | fixed | broken |")
    print("|---|---|---|---|")
    print(f"| rules only | {without_model['lead']:.4f} | | |")
    print(f"| rules + model | {with_model['lead']:.4f} | {fixed} | {broken} |")
    print(f"\nparse time a page: {ms_with:.2f} ms with the model, {ms_without:.2f} ms without")
    print(f"\n({time.perf_counter() - started:.0f} s)")
    write_results(
        "lead_model",
        {
            "held_out_auc": roc_auc_score(y_test, p_test),
            "held_out_leadless_found": found,
            "held_out_leads_lost": lost,
            "held_out_expected_lead_rules_only": mixed(right_rules),
            "held_out_expected_lead_with_model": mixed(right_model),
            "dev_lead_rules_only": without_model["lead"],
            "dev_lead_with_model": with_model["lead"],
            "dev_fixed": fixed,
            "dev_broken": broken,
            "parse_ms_with_model": ms_with,
            "parse_ms_without_model": ms_without,
        },
    )


if __name__ == "__main__":
    main()
