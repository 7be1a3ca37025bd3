"""Are the clusters' names whole words? Measured against underthesea's word segmentation.

    python benchmarks/bench_cluster_names.py [--sample N]

The clusters are named by their most distinctive syllable pairs; a pair can cut across two
words ("mại điện" of "thương mại điện tử"). ``TopicModel(whole_phrases=True)`` grows each
term to the phrase it stands in (:mod:`analysis.topics.phrases`). This fits the model of
the pipeline on the RSS corpus (or a random ``--sample`` of it) both ways (one
``random_state``: the same clusters) and reads every name term where the cluster's own
articles write it: in up to 12 of them, drawn at random, underthesea's bundled word
segmenter (which the naming does not use) splits the title and lead into words, and an
occurrence is whole when it starts and ends at word boundaries. A term is whole when most
of its occurrences are; terms the articles never write as they stand (an abbreviation the
model expands, a pair across a stop word) are counted apart. A whole word can still say
little ("vòng", "công"): the one-syllable terms are counted too, and every label is printed
for a reader. ``whole_phrases=False`` is this naming without growing (its candidates and
their order are the same), not the code before it.
Results: printed, and written to benchmarks/results/cluster_names.json.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import warnings
import zlib
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import write_results  # noqa: E402

warnings.simplefilter("ignore")

from analysis import config  # noqa: E402
from analysis.load import load  # noqa: E402
from analysis.text import normalize  # noqa: E402
from analysis.topics import prepare_articles  # noqa: E402
from analysis.topics.model import TopicModel  # noqa: E402

CONTEXTS = 12  # articles read per term


def boundaries(text: str) -> tuple[set[int], set[int]]:
    """Start and end offsets of underthesea's words in ``text``."""
    from underthesea import word_tokenize

    starts, ends, at = set(), set(), 0
    for word in word_tokenize(text):
        for place, syllable in enumerate(word.split()):
            found = text.find(syllable, at)
            if found < 0:
                break
            if place == 0:
                starts.add(found)
            at = found + len(syllable)
        ends.add(at)
    return starts, ends


def whole_share(term: str, texts: list[str]) -> float | None:
    """Share of the term's occurrences in ``texts`` that start and end at word boundaries
    (None: written in none of them). The texts read are drawn by a seed of the term's own,
    so that a term is read in the same texts whatever else the model names."""
    pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
    holding = [t for t in texts if pattern.search(t.lower())]
    if not holding:
        return None
    rng = np.random.default_rng(zlib.crc32(term.encode()))
    picked = rng.choice(len(holding), min(CONTEXTS, len(holding)), replace=False)
    whole = []
    for i in sorted(picked):
        text = holding[i]
        starts, ends = boundaries(text)
        match = pattern.search(text.lower())
        whole.append(match.start() in starts and match.end() in ends)
    return float(np.mean(whole))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=None, help="articles drawn at random")
    args = parser.parse_args()
    articles = load(config.RSS_CORPUS, progress=False).articles
    if args.sample:
        articles = articles.sample(args.sample, random_state=0).sort_index()
    prepared, *_ = prepare_articles(articles)
    raw = [
        normalize(" ".join(p for p in parts if isinstance(p, str)))
        for parts in zip(articles["title"], articles["lead"], strict=True)
    ]
    figures: dict = {"articles": len(articles)}
    for whole_phrases in (False, True):
        started = time.perf_counter()
        model = TopicModel(preprocessed=True, whole_phrases=whole_phrases).fit(prepared)
        seconds = time.perf_counter() - started
        by_cluster = {c: [] for c in range(model.n_clusters_)}
        for text, c in zip(raw, model.labels_, strict=True):
            by_cluster[c].append(text)
        shares, label_shares, unwritten, cut = [], [], 0, []
        for c, terms in model.top_terms_.items():
            for rank, term in enumerate(terms):
                share = whole_share(term, by_cluster[c])
                if share is None:
                    unwritten += 1
                    continue
                shares.append(share > 0.5)
                if share <= 0.5:
                    cut.append(term)
                if rank < 3:
                    label_shares.append(share > 0.5)
        name = "whole_phrases" if whole_phrases else "syllable_pairs"
        figures[name] = {
            "fit_seconds": round(seconds, 1),
            "terms": len(shares) + unwritten,
            "whole": round(float(np.mean(shares)), 3),
            "label_terms_whole": round(float(np.mean(label_shares)), 3),
            # whole but saying little: one syllable ("vòng", "công")
            "label_terms_one_syllable": sum(
                " " not in t for ts in model.top_terms_.values() for t in ts[:3]
            ),
            "terms_one_syllable": sum(" " not in t for ts in model.top_terms_.values() for t in ts),
            "not_written_as_is": unwritten,
            "labels": [model.cluster_labels_[c] for c in range(model.n_clusters_)],
            "not_whole": cut,
        }
        print(
            f"{name}: {figures[name]['whole']:.3f} of {len(shares)} terms whole "
            f"(the 3 of each label: {figures[name]['label_terms_whole']:.3f}); "
            f"{unwritten} not written as they stand; one syllable: "
            f"{figures[name]['label_terms_one_syllable']} label terms, "
            f"{figures[name]['terms_one_syllable']} in all; fit {seconds:.0f} s"
        )
        for c in range(model.n_clusters_):
            print(f"  {c:2d} {model.cluster_labels_[c]}")
    write_results("cluster_names", figures)


if __name__ == "__main__":
    main()
