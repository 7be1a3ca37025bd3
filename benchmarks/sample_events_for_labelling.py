"""Draw snippets to label under ``../shared/gold/EVENTS.md``, away from the dev set.

    python benchmarks/sample_events_for_labelling.py OUT_DIR [--n 720] [--chunks 6]

Like ``events_dev.jsonl``: RSS items (title, a newline, summary) and short baomoi passages
(1-3 sentences), each naming at least one infrastructure project (``find_mentions``). Most are
drawn from snippets holding a lifecycle word (khởi công, thông xe, phê duyệt, chậm tiến độ
...), the rest at random among snippets with a project, so that snippets without an event are
there too. Writes ``OUT_DIR/events-chunk-K.jsonl`` (the text stays outside the repository).
Seeded: the same call draws the same snippets. Round 1 (snippet ids ev-K-NNN) was the
defaults; round 2 (ids evr2-K-NNN) ``--n 1440 --chunks 12 --seed 1 --exclude
data/labels/events_extra.csv --prefix evr2``; round 3 (ids evr3-K-NNN) ``--n 1000 --chunks 8
--seed 2 --exclude data/labels/events_extra.csv --prefix evr3 --baomoi-share 0.04`` (the
RSS items and baomoi passages left with a project are few). Round 6 (ids evr6-K-NNN): every RSS
item left that gives the model a candidate, ``--candidates-only --n 701 --chunks 7 --seed 6
--exclude data/labels/events_extra.csv --prefix evr6``: the items without a lifecycle word of
``LIFECYCLE`` above that still hold a trigger of the event lexicon (701 of the 2,665 left).
Round 7 (ids evr7-K-NNN): every baomoi article's title and sapo (an RSS item's shape) that
gives the model a candidate, ``--baomoi-leads --n 400 --chunks 4 --seed 7 --prefix evr7``
(source ids ``lead:`` and the article's id; dev's articles left out). Round 8 (ids
evr8-K-NNN): a passage of each baomoi article not yet drawn, around its first sentence that
gives the model a candidate, ``--baomoi-candidates --n 500 --chunks 5 --seed 8 --exclude
data/labels/events_extra.csv --prefix evr8`` (the file as it was after round 7): 427 drawn,
423 merged (62 events; the other 4 were re-joined with single spaces where their article has
others, and are now cut from the body as written), and dropped, as the fourth round was: on
the 3,150 snippets' folds, rounds 6 and 7 in every training fold, F1 0.6563 without them and
0.6551 with them. Round 9 (ids evr9-K-NNN): RSS items in which ``find_mentions`` finds no
project but a sentence holds a trigger and a kind word with a name (109 of dev's 200
snippets name no project the finder finds), ``--no-project --n 800 --chunks 8 --seed 9
--exclude data/labels/events_extra.csv --prefix evr9``: 800 of 1,760, 48 events, 90 mentions
(the helpers also gave the mentions, not merged); kept, to measure the finder's misses where
they cost events. Drawn with the finder of commit 6447ad3: the forms it learned after (a
bypass, a sea-crossing road, fishing ports ...) leave 1,736 items in this pool, so a redraw
now differs.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from analysis import config  # noqa: E402
from analysis.event_training import headline  # noqa: E402
from analysis.mentions import find_mentions  # noqa: E402

LIFECYCLE = re.compile(
    r"(?i)khởi công|động thổ|thông xe|khánh thành|hoàn thành|đưa vào (?:khai thác|vận hành|sử dụng)"
    r"|thông tuyến|hợp long|chạy thử|phê duyệt|chủ trương đầu tư|quyết định đầu tư|thông qua"
    r"|đề xuất|kiến nghị|nghiên cứu|tiền khả thi|giải ngân|bố trí vốn|phân bổ vốn|vốn|đấu thầu"
    r"|mời thầu|trúng thầu|nhà thầu|hợp đồng|giải phóng mặt bằng|mặt bằng|thu hồi đất|bồi thường"
    r"|tái định cư|chậm tiến độ|chậm trễ|lùi|gia hạn|vướng mắc|đắp chiếu|ì ạch|tổng mức đầu tư"
    r"|đội vốn|điều chỉnh|tạm dừng|dừng thi công|hủy|chấm dứt|thi công|về đích|dự kiến|phấn đấu"
)
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ\"“])")


def rss_items(taken: set[str]):
    """(record, its snippet text: title, a newline, summary) of every RSS item with a title
    whose id is not in ``taken``."""
    with gzip.open(config.RSS_CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            if r["id"] not in taken and r.get("title"):
                yield r, headline(r["title"], r.get("summary"))


def _rss_record(r: dict, text: str) -> dict:
    return {
        "source_id": r["id"],
        "source": r["outlet"],
        "date": r["published_at"][:10],
        "text": text,
    }


def rss_snippets(taken: set[str]) -> list[dict]:
    return [_rss_record(r, text) for r, text in rss_items(taken) if find_mentions(text)]


def baomoi_snippets(
    taken: set[str], limit: int | None, rng: random.Random, by_candidates: bool = False
) -> list[dict]:
    """A passage (one to three sentences) of each baomoi article whose id is not in
    ``taken``, around its first sentence naming a project with a lifecycle word, or, when
    ``by_candidates``, giving the event model a candidate."""
    from analysis.events import candidates

    out = []
    with gzip.open(config.BAOMOI_CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            if str(r["baomoi_id"]) in taken or not r.get("body"):
                continue
            body = r["body"].replace("\n", " ")
            spans = [(a, b) for a, b in _sentence_spans(body) if body[a:b].strip()]
            for i, (start, end) in enumerate(spans):
                sentence = body[start:end]
                if candidates(sentence) if by_candidates else _lifecycle_project(sentence):
                    chosen = spans[max(0, i - rng.randint(0, 1)) : i + rng.randint(1, 2)]
                    # cut from the body as written (not re-joined), so the merge finds it
                    window = body[chosen[0][0] : chosen[-1][1]]
                    if len(window) <= 700:
                        out.append(
                            {
                                "source_id": str(r["baomoi_id"]),
                                "source": "baomoi",
                                "date": (r.get("first_commit_date") or "")[:10],
                                "text": window,
                            }
                        )
                    break
            if limit is not None and len(out) >= limit:
                break
    return out


def _sentence_spans(text: str):
    """(start, end) of the pieces ``SENTENCE_BREAK`` splits ``text`` into."""
    start = 0
    for found in SENTENCE_BREAK.finditer(text):
        yield start, found.start()
        start = found.end()
    yield start, len(text)


# a word that names a kind of work (MENTIONS.md's kinds): an item holding one may name a
# project that ``find_mentions`` does not find
KIND_WORD = re.compile(
    r"(?i)\b(?:cầu|cao tốc|quốc lộ|QL|sân bay|cảng|ga|nhà ga|metro|đường sắt|hầm|hồ|đại lộ"
    r"|vành đai|đường tỉnh|ĐT|tỉnh lộ|hương lộ|đường|cửa khẩu|đập|thủy lợi)\b"
)


NOT_A_WORK = re.compile(r"(?i)\s*(?:bay|dây|lối|sơ|chí minh|phố|xe buýt|thủy|biển|thủ|lông)\b")


def _names_a_work(text: str) -> bool:
    """A kind word with a name (a word with a capital or a number) in its next three words,
    not an air route, a line of crime, Hồ Chí Minh."""
    return any(
        not NOT_A_WORK.match(text, found.end())
        and any(w[0].isupper() or w[0].isdigit() for w in text[found.end() :].split()[:3])
        for found in KIND_WORD.finditer(text)
    )


def unfound_pool(taken: set[str]) -> list[dict]:
    """RSS items with a sentence holding a trigger of the event lexicon and a kind word with
    a name, in which ``find_mentions`` finds no project (round 9): the events of projects the
    finder misses, which no candidate pool holds."""
    from analysis.event_lexicon import find_triggers
    from analysis.events import sentences
    from analysis.text import fold, lower_same_length

    out = []
    for r, text in rss_items(taken):
        if find_mentions(text):
            continue
        lowered = lower_same_length(fold(text))
        if any(
            _names_a_work(text[a:b]) and find_triggers(lowered[a:b]) for a, b in sentences(text)
        ):
            out.append(_rss_record(r, text))
    return out


def _lifecycle_project(sentence: str) -> bool:
    return bool(LIFECYCLE.search(sentence) and find_mentions(sentence))


def baomoi_leads(taken: set[str]) -> list[dict]:
    """The title and sapo of every baomoi article whose id is not in ``taken`` that gives the
    event model a candidate."""
    from analysis.event_training import LEAD, source_texts
    from analysis.events import candidates

    dates = {}
    with gzip.open(config.BAOMOI_CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            name = f"{LEAD}{r['baomoi_id']}"
            # not a dev article's, nor one already labelled (its lead or, with --exclude,
            # a passage of its body)
            if str(r["baomoi_id"]) not in taken and name not in taken:
                dates[name] = (r.get("first_commit_date") or "")[:10]
    texts = source_texts(set(dates))  # as the fit reads them back
    return [
        {"source_id": name, "source": "baomoi", "date": dates[name], "text": text}
        for name, text in sorted(texts.items())
        if candidates(text)
    ]


def write_chunks(out: Path, prefix: str, chunks: int, chosen: list[dict]) -> None:
    """``chosen`` in ``chunks`` files ``OUT/PREFIX-K.jsonl``, ids ``PREFIX-K-NNN``."""
    out.mkdir(parents=True, exist_ok=True)
    size = -(-len(chosen) // chunks)
    for k in range(chunks):
        with (out / f"{prefix}-{k}.jsonl").open("w", encoding="utf-8") as handle:
            for j, record in enumerate(chosen[k * size : (k + 1) * size]):
                record = {"id": f"{prefix}-{k}-{j:03d}", **record}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def candidate_pool(args, taken: set[str], rng: random.Random) -> tuple[list[dict], str] | None:
    """The snippets of one kind (rounds 6 to 9: those that give the event model a candidate,
    or for round 9 those that name no project the finder finds), and what they are; None
    for the mixed draw of the first rounds."""
    from analysis.events import candidates

    if args.baomoi_candidates:
        return baomoi_snippets(taken, None, rng, by_candidates=True), "baomoi passages"
    if args.baomoi_leads:
        return baomoi_leads(taken), "baomoi titles and sapos"
    if args.no_project:
        return unfound_pool(taken), "RSS items with a trigger and no project found"
    if args.candidates_only:
        rss = rss_snippets(taken)
        return [s for s in rss if candidates(s["text"])], "RSS items with a candidate"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=720)
    parser.add_argument("--chunks", type=int, default=6)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--exclude", type=Path, action="append", default=[])
    parser.add_argument("--prefix", default="events-chunk")
    parser.add_argument("--baomoi-share", type=float, default=0.3)
    one_kind = parser.add_mutually_exclusive_group()
    one_kind.add_argument(
        "--candidates-only",
        action="store_true",
        help="only RSS items with a candidate (trigger and project) of the event model",
    )
    one_kind.add_argument(
        "--baomoi-leads",
        action="store_true",
        help="only baomoi articles' titles and sapos with a candidate of the event model",
    )
    one_kind.add_argument(
        "--baomoi-candidates",
        action="store_true",
        help="only baomoi passages, around a sentence with a candidate of the event model",
    )
    one_kind.add_argument(
        "--no-project",
        action="store_true",
        help="only RSS items with a trigger and a kind word where find_mentions finds none",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    dev = [json.loads(line) for line in (config.GOLD_DIR / "events_dev.jsonl").open()]
    taken = {r["source_id"] for r in dev}
    for done in args.exclude:
        with done.open(encoding="utf-8") as handle:
            taken |= {row["source_id"] for row in csv.DictReader(handle)}
    one_pool = candidate_pool(args, taken, rng)
    if one_pool is not None:
        pool, what = one_pool
        chosen = rng.sample(pool, min(args.n, len(pool)))
        write_chunks(args.out, args.prefix, args.chunks, chosen)
        print(f"{len(chosen)} of {len(pool)} {what} in {args.out}")
        return
    rss = rss_snippets(taken)
    with_word = [s for s in rss if LIFECYCLE.search(s["text"])]
    without = [s for s in rss if not LIFECYCLE.search(s["text"])]
    n_baomoi = round(args.n * args.baomoi_share)
    n_rss = args.n - n_baomoi
    chosen = rng.sample(with_word, round(n_rss * 0.7)) + rng.sample(
        without, n_rss - round(n_rss * 0.7)
    )
    pool = baomoi_snippets(taken, n_baomoi * 6, rng)
    chosen += rng.sample(pool, min(n_baomoi, len(pool)))  # all there are, when fewer
    rng.shuffle(chosen)
    write_chunks(args.out, args.prefix, args.chunks, chosen)
    print(
        f"{len(chosen)} snippets ({len(with_word)} RSS with a lifecycle word, "
        f"{len(without)} without, {len(pool)} baomoi passages drawn from) in {args.out}"
    )


if __name__ == "__main__":
    main()
