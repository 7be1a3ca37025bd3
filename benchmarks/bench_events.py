"""Lifecycle events and the project tracker on the whole RSS corpus: speed and what they find.

    python benchmarks/bench_events.py [--corpus PATH] [--repeat 3]

* ``extract_events`` over every article that names a project (title + lead read together),
  best of ``--repeat`` runs. Target (issue 13): <= 30 s on 2 cores.
* ``project_tracker`` over those events, the mentions and the amounts.
Results are printed and written to benchmarks/results/events.json.
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
from analysis.events import extract_events  # noqa: E402
from analysis.load import load  # noqa: E402
from analysis.mentions import extract_mentions  # noqa: E402
from analysis.places import extract_amounts  # noqa: E402
from analysis.tracker import project_tracker, promises  # noqa: E402


def _best(repeat: int, work):
    timings, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=RSS_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles = load(args.corpus, progress=False).articles
    mentions = extract_mentions(articles, progress=False)
    amounts = extract_amounts(articles)
    event_seconds, events = _best(args.repeat, lambda: extract_events(articles, mentions))
    tracker_seconds, tracker = _best(
        args.repeat, lambda: project_tracker(events, mentions, amounts, articles)
    )
    promised = promises(events, articles["published_at"].max())
    read = mentions["article_id"].nunique()
    print(f"corpus: {args.corpus} ({len(articles):,} articles, {read:,} naming a project)")
    print(f"| step | seconds (best of {args.repeat}) | result |\n|---|---|---|")
    print(
        f"| extract_events | {event_seconds:.1f} | {len(events):,} events of "
        f"{events['entity_id'].nunique():,} projects (target <= 30 s) |"
    )
    print(
        f"| project_tracker | {tracker_seconds:.1f} | {len(tracker):,} projects, "
        f"{tracker['current_stage'].notna().sum():,} with a stage, {len(promised):,} distinct "
        f"promises ({(promised['outcome'] == 'slipped').sum():,} slipped) |"
    )
    write_results(
        "events",
        {
            "articles": len(articles),
            "articles_naming_a_project": int(read),
            "extract_events_seconds": event_seconds,
            "events": len(events),
            "tracker_seconds": tracker_seconds,
            "projects": len(tracker),
            "projects_with_stage": int(tracker["current_stage"].notna().sum()),
            "promises": len(promised),
            "promises_slipped": int((promised["outcome"] == "slipped").sum()),
        },
    )


if __name__ == "__main__":
    main()
