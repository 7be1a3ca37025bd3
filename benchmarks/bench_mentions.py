"""Mention-finding speed on the RSS corpus.

    python benchmarks/bench_mentions.py [--corpus PATH]

* ``find_mentions`` over every RSS title and lead (one call per item, one core), in MB/s of
  UTF-8 text. Target (issue 3): >= 5 MB/s.
* ``extract_mentions`` on the whole RSS corpus (loaded articles, sentences included).
  Target: < 60 s.
Results are printed and written to benchmarks/results/mentions.json.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import write_results  # noqa: E402

from analysis.config import RSS_CORPUS  # noqa: E402
from analysis.load import load  # noqa: E402
from analysis.mentions import extract_mentions, find_mentions  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=RSS_CORPUS)
    args = parser.parse_args()
    articles = load(args.corpus, progress=False).articles
    texts = [t for t in articles["title"].dropna()] + [t for t in articles["lead"].dropna()]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    find_mentions("cao tốc Bắc - Nam")  # warm up the gazetteer caches
    started = time.perf_counter()
    found = sum(len(find_mentions(t)) for t in texts)
    find_seconds = time.perf_counter() - started
    started = time.perf_counter()
    table = extract_mentions(articles, progress=False)
    extract_seconds = time.perf_counter() - started
    speed = megabytes / find_seconds
    print(f"corpus: {args.corpus} ({len(articles):,} articles)")
    print("| step | input | seconds | result |\n|---|---|---|---|")
    print(
        f"| find_mentions on titles + leads | {megabytes:.1f} MB | {find_seconds:.1f} "
        f"| {found:,} mentions, {speed:.2f} MB/s (target >= 5) |"
    )
    print(
        f"| extract_mentions on the corpus | {len(articles):,} articles | {extract_seconds:.1f} "
        f"| {len(table):,} rows (target < 60 s) |"
    )
    write_results(
        "mentions",
        {
            "megabytes": megabytes,
            "find_seconds": find_seconds,
            "mb_per_second": speed,
            "extract_seconds": extract_seconds,
            "mentions": len(table),
        },
    )
    sys.exit(0 if speed >= 5 and extract_seconds < 60 else 1)


if __name__ == "__main__":
    main()
