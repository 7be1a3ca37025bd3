"""Draw snippets to label under ``../shared/gold/MENTIONS.md``, away from the dev set.

    python benchmarks/sample_mentions_for_labelling.py OUT_DIR [--n 480] [--chunks 6]

A fresh set to measure the mention finder on text its rules were not written from (the dev
set, ``mentions_dev.jsonl``, is no longer such: rules were written by reading its misses).
Like the dev set: RSS items (title, a newline, summary) and short baomoi passages (1-3
sentences of a body), ``--baomoi-share`` of them. Within each source, ``--worded`` of the
snippets hold a kind word of MENTIONS.md ("cao tốc", "quốc lộ", "cầu", "sân bay", "cảng" ...,
matched by a plain pattern, not by the finder, so that what it misses is drawn too) and the
rest are drawn at random. Writes ``OUT_DIR/PREFIX-K.jsonl`` (id, source, source_id, date,
snippet_start, snippet_end, text; the text stays outside the repository). Seeded: the same
call draws the same snippets. The set in ``data/labels/mentions_fresh.csv`` was drawn with
the defaults.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from sample_events_for_labelling import SENTENCE_BREAK, rss_items  # noqa: E402

from analysis import config  # noqa: E402

KIND_WORD = re.compile(
    r"(?i)cao tốc|quốc lộ|\bQL\s?\d|\bĐT\.?\s?\d|tỉnh lộ|đường tỉnh|vành đai|(?<!\w)cầu(?!\w)"
    r"|(?<!\w)hầm(?!\w)|đường sắt|metro|(?<!\w)ga(?!\w)|sân bay|cảng|cửa khẩu|hồ chứa|thủy lợi"
    r"|gói thầu|đường Hồ Chí Minh|nhà ga"
)


def rss_pool(taken: set[str]) -> list[dict]:
    return [
        {
            "source": r["outlet"],
            "source_id": r["id"],
            "date": r["published_at"][:10],
            "snippet_start": 0,
            "snippet_end": len(text),
            "text": text,
        }
        for r, text in rss_items(taken)
    ]


def baomoi_pool(taken: set[str], rng: random.Random) -> list[dict]:
    """One passage of 1-3 sentences per article, opening at a random sentence (at one with a
    kind word, when it has one, for half the articles)."""
    out = []
    with gzip.open(config.BAOMOI_CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            body = (r.get("body") or "").replace("\n", " ")
            if str(r["baomoi_id"]) in taken or len(body) < 200:
                continue
            starts = [0] + [m.end() for m in SENTENCE_BREAK.finditer(body)]
            ends = [m.start() for m in SENTENCE_BREAK.finditer(body)] + [len(body)]
            spans = list(zip(starts, ends, strict=True))
            worded = [i for i, (s, e) in enumerate(spans) if KIND_WORD.search(body[s:e])]
            i = rng.choice(worded) if worded and rng.random() < 0.5 else rng.randrange(len(spans))
            j = min(len(spans), i + rng.randint(1, 3))
            start, end = spans[i][0], spans[j - 1][1]
            if end - start > 700:
                end = spans[i][1]
            if end - start > 700 or end - start < 40:
                continue
            out.append(
                {
                    "source": "baomoi",
                    "source_id": str(r["baomoi_id"]),
                    "date": (r.get("first_commit_date") or "")[:10],
                    "snippet_start": start,
                    "snippet_end": end,
                    "text": body[start:end],
                }
            )
    return out


def draw(pool: list[dict], n: int, worded_share: float, rng: random.Random) -> list[dict]:
    worded = [s for s in pool if KIND_WORD.search(s["text"])]
    n_worded = round(n * worded_share)
    chosen = rng.sample(worded, n_worded)
    ids = {id(s) for s in chosen}
    chosen += rng.sample([s for s in pool if id(s) not in ids], n - n_worded)
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=480)
    parser.add_argument("--chunks", type=int, default=6)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--baomoi-share", type=float, default=0.35)
    parser.add_argument("--worded", type=float, default=0.75)
    parser.add_argument("--prefix", default="mf")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    dev = [json.loads(line) for line in (config.GOLD_DIR / "mentions_dev.jsonl").open()]
    taken = {str(r["source_id"]) for r in dev}
    n_baomoi = round(args.n * args.baomoi_share)
    chosen = draw(rss_pool(taken), args.n - n_baomoi, args.worded, rng)
    chosen += draw(baomoi_pool(taken, rng), n_baomoi, args.worded, rng)
    rng.shuffle(chosen)
    args.out.mkdir(parents=True, exist_ok=True)
    size = -(-len(chosen) // args.chunks)
    for k in range(args.chunks):
        with (args.out / f"{args.prefix}-{k}.jsonl").open("w", encoding="utf-8") as handle:
            for j, record in enumerate(chosen[k * size : (k + 1) * size]):
                record = {"id": f"{args.prefix}-{k}-{j:03d}", **record}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} snippets ({n_baomoi} baomoi passages) in {args.out}")


if __name__ == "__main__":
    main()
