"""Can the wording tell a lead from the first body paragraph? A probe, not a parser rule.

    python benchmarks/probe_lead_style.py

The page parser takes the first paragraph under the date line as the lead unless a rule says
otherwise (README, "Known limits"). 9 of the 120 pages in ``../shared/corpus/pages-dev`` have
no lead and a first body paragraph that no rule catches. This probe trains a classifier on the
baomoi corpus (35,440 real articles: ``sapo`` = lead, the first 1-4 sentences of ``body`` =
first body paragraph; articles that the dev pages were made from are left out) and reports
how well it separates the two on the dev pages, and what it would fix and break there if the
parser used it at a given cut-off. Printed as Markdown.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from scipy import sparse  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

from analysis import config  # noqa: E402

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-Ỹ“\"'])")
LENGTH_BINS = [60, 100, 140, 180, 220, 260, 320, 400, 500, 600]


def nfc(text) -> str:
    return unicodedata.normalize("NFC", (text or "").strip())


def training_texts(exclude_titles: set[str], seed: int = 0) -> tuple[list[str], list[str]]:
    rng = np.random.default_rng(seed)
    leads, openings = [], []
    with gzip.open(config.BAOMOI_CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if nfc(record.get("title")) in exclude_titles:
                continue
            lead, body = nfc(record.get("sapo")), nfc(record.get("body"))
            if len(lead) > 20:
                leads.append(lead)
            if len(body) > 20:
                sentences = SENTENCE_END.split(body)
                openings.append(" ".join(sentences[: int(rng.integers(1, 5))]))
    return leads, openings


class Features:
    """Syllable 1-2-grams, the first one to three words, and the length in bins."""

    def __init__(self):
        self.words = TfidfVectorizer(ngram_range=(1, 2), min_df=5, sublinear_tf=True)
        self.openers = TfidfVectorizer(token_pattern=r"\S+", min_df=5)

    @staticmethod
    def _openers(texts):
        return [" ".join("^" + "_".join(t.split()[:n]) for n in (1, 2, 3)) for t in texts]

    @staticmethod
    def _length(texts):
        bins = np.digitize([len(t) for t in texts], LENGTH_BINS)
        return sparse.csr_matrix(
            (np.ones(len(texts)), (np.arange(len(texts)), bins)),
            shape=(len(texts), len(LENGTH_BINS) + 1),
        )

    def _stack(self, texts, fit: bool):
        words = self.words.fit_transform if fit else self.words.transform
        openers = self.openers.fit_transform if fit else self.openers.transform
        parts = [words(texts), openers(self._openers(texts)), self._length(texts)]
        return sparse.hstack(parts).tocsr()

    def fit_transform(self, texts):
        return self._stack(texts, fit=True)

    def transform(self, texts):
        return self._stack(texts, fit=False)


def main() -> None:
    truth = [
        json.loads(line)
        for line in (config.PAGES_DEV / "truth.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    leads, openings = training_texts({nfc(t["title"]) for t in truth})
    texts = leads + openings
    y = np.r_[np.ones(len(leads)), np.zeros(len(openings))]
    train, test, y_train, y_test = train_test_split(texts, y, test_size=0.2, random_state=0)
    features = Features()
    model = LogisticRegression(C=1.0, max_iter=2000).fit(features.fit_transform(train), y_train)
    held_out_auc = roc_auc_score(y_test, model.predict_proba(features.transform(test))[:, 1])

    # The parser's own verdict on each dev page: which pages does it already get right?
    from analysis.evaluate import score_pages

    _, per_page = score_pages(config.PAGES_DEV)
    correct = dict(zip(per_page["file"], per_page["lead"] == 1.0, strict=True))
    candidates = [
        (t["lead"], True) if t["lead"] else (t["body"][0], False) for t in truth if t["body"]
    ]
    files = [t["file"] for t in truth if t["body"]]
    p_lead = model.predict_proba(features.transform([c for c, _ in candidates]))[:, 1]
    is_lead = np.array([flag for _, flag in candidates])
    print("## Lead or first body paragraph, by wording\n")
    print(f"- training: {len(leads):,} baomoi leads, {len(openings):,} body openings")
    print(f"- AUC on 20% of baomoi held out: {held_out_auc:.3f}")
    print(f"- AUC on the 120 dev pages: {roc_auc_score(is_lead, p_lead):.3f}\n")
    # Pages the parser now reads as having a lead although they have none are the ones a
    # cut-off could fix; pages with a lead are the ones it could break.
    taken_as_lead = np.array(
        [
            (flag and correct[f]) or (not flag and not correct[f])
            for f, (_, flag) in zip(files, candidates, strict=True)
        ]
    )
    print("| cut-off on P(lead) | fixed (no lead, now read as lead) | broken (real lead) |")
    print("|---|---|---|")
    for cut in (0.01, 0.02, 0.05, 0.08, 0.1, 0.2, 0.3, 0.5):
        flipped = taken_as_lead & (p_lead < cut)
        print(f"| {cut} | {int((flipped & ~is_lead).sum())} | {int((flipped & is_lead).sum())} |")


if __name__ == "__main__":
    main()
