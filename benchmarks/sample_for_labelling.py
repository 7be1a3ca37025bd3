"""Draw RSS items to label under ``../shared/gold/TOPICS.md``, away from the dev and train sets.

    python benchmarks/sample_for_labelling.py OUT_DIR [--n 3000] [--chunks 5] [--control 40]
        [--flavoured 0.7] [--seed 0] [--exclude LABELS.csv ...] [--prefix chunk]

Writes ``OUT_DIR/chunk-K.jsonl`` (id, title and summary of each item: the text stays outside
the repository) for annotators to label. Like ``topics_train.jsonl``, most items are drawn from
those holding a topic-flavoured word and the rest at random; each chunk also holds ``--control``
items of ``topics_train.jsonl`` (their labels hidden) so that each annotator's agreement with
the train labels can be measured. ``OUT_DIR/<prefix>-key.json`` says which items are controls.
Seeded: the same call draws the same items. Round 1 (data/labels/topics_extra.csv, annotators
helper-0 to helper-5) was ``--n 3000 --chunks 6 --control 40``; round 2 (annotators r2-helper-0
to r2-helper-5) ``--n 3000 --chunks 6 --control 20 --flavoured 0.8 --seed 1 --exclude
data/labels/topics_extra.csv --prefix round2``; round 3 (r3-helper-0 to r3-helper-5) the
same with ``--seed 2 --prefix round3``, drawn after round 2 was merged into the CSV.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FLAVOUR = re.compile(
    r"(?i)cao tốc|quốc lộ|\bQL\d|cầu |đường sắt|metro|đường băng|sân bay|hàng không|máy bay|tàu bay"
    r"|chuyến bay|vé bay|cất cánh|hạ cánh|Vietjet|Vietnam Airlines|Bamboo|Vietravel Airlines"
    r"|xuất khẩu|nhập khẩu|thuế quan|thuế đối ứng|hải quan|cửa khẩu|thương mại|logistics"
    r"|cảng|container|vận tải|khởi công|thông xe|giải ngân|đầu tư công|hạ tầng|thủy lợi"
    r"|điện gió|điện mặt trời|nhà máy điện|lưới điện|đường dây 500|hồ chứa|vành đai|nút giao"
    r"|FTA|WTO|chống bán phá giá|kim ngạch"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--chunks", type=int, default=5)
    parser.add_argument("--control", type=int, default=40)
    parser.add_argument("--flavoured", type=float, default=0.7)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--exclude", type=Path, action="append", default=[], help="CSV of items labelled already"
    )
    parser.add_argument("--prefix", default="chunk", help="file name prefix of the chunks")
    args = parser.parse_args()
    gold = SHARED / "gold"
    train = [json.loads(line) for line in (gold / "topics_train.jsonl").open(encoding="utf-8")]
    taken = {r["source_id"] for r in train}
    taken |= {json.loads(line)["source_id"] for line in (gold / "topics_dev.jsonl").open()}
    for done in args.exclude:
        with done.open(encoding="utf-8") as handle:
            taken |= {row["source_id"] for row in csv.DictReader(handle)}
    seen_titles: set[str] = set()
    flavoured, plain = [], []
    with gzip.open(SHARED / "corpus/rss-2025-2026/articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            title = (item.get("title") or "").strip()
            if item["id"] in taken or not title or title.lower() in seen_titles:
                continue
            seen_titles.add(title.lower())
            text = f"{title}\n{(item.get('summary') or '').strip()}"
            record = {"source_id": item["id"], "source": item["outlet"], "text": text}
            (flavoured if FLAVOUR.search(text) else plain).append(record)
    rng = random.Random(args.seed)
    n_flavoured = round(args.n * args.flavoured)
    chosen = rng.sample(flavoured, n_flavoured) + rng.sample(plain, args.n - n_flavoured)
    for record in chosen[:n_flavoured]:
        record["drawn"] = "flavoured"
    for record in chosen[n_flavoured:]:
        record["drawn"] = "random"
    rng.shuffle(chosen)
    controls = rng.sample(train, args.control * args.chunks)
    args.out.mkdir(parents=True, exist_ok=True)
    key = {"controls": [c["source_id"] for c in controls], "drawn": {}}
    size = -(-len(chosen) // args.chunks)
    for k in range(args.chunks):
        part = chosen[k * size : (k + 1) * size]
        part += [
            {"source_id": c["source_id"], "source": c["source"], "text": c["text"]}
            for c in controls[k * args.control : (k + 1) * args.control]
        ]
        rng.shuffle(part)
        with (args.out / f"{args.prefix}-{k}.jsonl").open("w", encoding="utf-8") as out:
            for record in part:
                key["drawn"][record["source_id"]] = record.pop("drawn", "control")
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    (args.out / f"{args.prefix}-key.json").write_text(json.dumps(key), encoding="utf-8")
    print(f"{len(chosen)} items + {len(controls)} controls in {args.chunks} chunks in {args.out}")


if __name__ == "__main__":
    main()
