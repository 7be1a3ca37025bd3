"""N times the RSS corpus, for the scale benchmark (``bench_scale.py``).

    python benchmarks/make_big_corpus.py N [--out DIR] [--per-file 100000]

Copy 0 is the corpus as it is. Copy k (1 ... N-1) gets new ids and URLs, its dates shifted
by k whole years (29 February becomes the 28th), and its summary lightly perturbed (two
neighbouring words swapped at a seeded place), so that no copy is a trivial duplicate of
another; one item in fifty keeps its original URL, so the loader still has copies to find
across files. Written as plain JSON Lines, ``--per-file`` items a file (reading many files is
what the Dask engine parallelises). Seeded: a rerun writes the same files.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from analysis.config import RSS_CORPUS  # noqa: E402

RANDOM_STATE = 0


def shifted(stamp: str | None, years: int) -> str | None:
    """An ISO time ``years`` later (the year's digits replaced; 29 February becomes the 28th)."""
    if not stamp or not years or len(stamp) < 10 or not stamp[:4].isdigit():
        return stamp
    year = int(stamp[:4]) + years
    rest = stamp[4:]
    if rest.startswith("-02-29") and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
        rest = "-02-28" + rest[6:]
    return f"{year:04d}{rest}"


def perturbed(text: str | None, rng: random.Random) -> str | None:
    words = (text or "").split(" ")
    if len(words) < 4:
        return text
    i = rng.randrange(len(words) - 1)
    words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def copy(record: dict, k: int, rng: random.Random) -> dict:
    if k == 0:
        return record
    out = dict(record)
    out["id"] = f"{record['id']}-{k}"
    if rng.random() >= 0.02 and out.get("url"):
        out["url"] = f"{record['url']}?copy={k}"
    for field in ("published_at", "collected_at"):
        if field in out:
            out[field] = shifted(out[field], k)
    out["summary"] = perturbed(out.get("summary"), rng)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="How many times the corpus.")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--per-file", type=int, default=100_000)
    args = parser.parse_args()
    out = args.out or Path("data/raw") / f"rss-x{args.n}"
    out.mkdir(parents=True, exist_ok=True)
    with gzip.open(RSS_CORPUS, "rt", encoding="utf-8") as source:
        records = [json.loads(line) for line in source]
    rng = random.Random(RANDOM_STATE)
    written, handle, index = 0, None, 0
    try:
        for k in range(args.n):
            for record in records:
                if written % args.per_file == 0:
                    if handle:
                        handle.close()
                    handle = (out / f"part-{index:04d}.jsonl").open("w", encoding="utf-8")
                    index += 1
                handle.write(json.dumps(copy(record, k, rng), ensure_ascii=False) + "\n")
                written += 1
    finally:
        if handle:
            handle.close()
    print(f"{written:,} items in {index} files in {out}")


if __name__ == "__main__":
    main()
