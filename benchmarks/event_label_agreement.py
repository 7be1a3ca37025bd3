"""How far readings of the event snippets agree (helpers against the human dev gold, and two
helper readings of the labelled snippets), and the model against each.

    python benchmarks/event_label_agreement.py [--folds 5]

The event model learns from ``data/labels/events_extra.csv``: one reading of each snippet
under ``../shared/gold/EVENTS.md``. ``data/labels/events_second_reading.csv`` holds a second,
blind reading of a random sample of those snippets by other helper sessions, given the same
instructions (``benchmarks/labelling/events-round3.md``) and neither the first reading nor
the model's output. Scored as EVENTS.md says (micro F1 over events; F1 is the same whichever
reading is taken as the answer):

1. the second reading against the first: how far one reading is from another, to set beside
   the 0.89 of two human readings of the held-out snippets;
2. the model's out-of-fold events on the sampled snippets (5-fold cross-validation over all
   labelled snippets, as ``make event-model``) against the first reading (what
   cross-validation measures) and against the second (which the model never saw);
3. the model fitted on every labelled snippet (so it has read these with the first reading)
   against the second: what a held-out set scores whose texts the labelling rounds already
   read (nearly every RSS item holding a candidate is labelled), against a reading the
   model never saw.

Figures: printed and written to benchmarks/results/event_label_agreement.json.

How the second reading was made (2026-12-01): ``--draw DIR`` draws 240 of the labelled
snippets at random (``random.Random(20261201)``) into four files of 60 (``DIR/evr5-K.jsonl``:
id, publication date and text only, source ids blanked); four helper sessions each labelled
one file into ``DIR/labels-K.jsonl`` under ``benchmarks/labelling/events-round3.md`` (the
paths changed, and told not to read anything else); ``--merge DIR`` checks their labels and
writes ``data/labels/events_second_reading.csv`` (ids, offsets and labels, no text). The
second reading is never used to fit or to choose anything.

The dev reading (2026-12-01, twelfth session): ``--draw-dev DIR`` writes the 200 snippets of
``events_dev.jsonl`` into four files of 50 (``DIR/evd-K.jsonl``: id, publication date and
text only), four helper sessions each labelled one under the same instructions (told not to
read the gold file, anything under ``../shared/gold`` but the two rules files, or the
project), and ``--merge-dev DIR`` writes ``data/labels/events_dev_helper_reading.csv`` (ids,
offsets and labels; the text is read back from the dev file). It is never used to fit or to
choose anything either.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install
sys.path.insert(0, str(HERE))

from _results import write_results  # noqa: E402
from train_event_model import cross_validate, predict  # noqa: E402

from analysis import config, event_model  # noqa: E402
from analysis.evaluate import read_gold, score_events  # noqa: E402
from analysis.event_training import (  # noqa: E402
    CUT_OFFS,
    DEV_READING,
    LABELS,
    RANDOM_STATE,
    SECOND_READING,
    labelled_snippets,
    read_all,
    text_hash,
)


def f1_interval(records: list[dict], predictions: list[list[dict]], rounds: int = 1000):
    """A 95% bootstrap interval of the micro F1, snippets drawn with replacement."""
    from analysis.evaluate import match_events

    counts = np.array(
        [
            (len(match_events(r, p)), len(p), len(r["events"]))
            for r, p in zip(records, predictions, strict=True)
        ]
    )
    rng = np.random.default_rng(RANDOM_STATE)
    draws = counts[rng.integers(0, len(counts), size=(rounds, len(counts)))].sum(axis=1)
    f1 = 2 * draws[:, 0] / np.maximum(draws[:, 1] + draws[:, 2], 1)
    return [round(float(x), 3) for x in np.percentile(f1, [2.5, 97.5])]


def summary(name: str, records: list[dict], predictions: list[list[dict]]) -> dict:
    found, _ = score_events(records, predictions)
    keep = ("gold", "predicted", "precision", "recall", "f1", "type_only_f1", "when_matched")
    out = {k: found[k] for k in keep}
    out["f1_interval"] = f1_interval(records, predictions)
    print(
        f"{name}: micro F1 {found['f1']:.3f} (95% interval {out['f1_interval'][0]:.3f}–"
        f"{out['f1_interval'][1]:.3f}; P {found['precision']:.3f}, "
        f"R {found['recall']:.3f}), type only {found['type_only_f1']:.3f}, "
        f"when matched {found['when_matched']:.3f}; {found['gold']} events against "
        f"{found['predicted']}"
    )
    return out


SEED, SAMPLE, CHUNKS = 20261201, 240, 4


def write_chunks(folder: Path, prefix: str, records: list[dict]) -> None:
    """``records`` in CHUNKS files for the helpers (``DIR/PREFIX-K.jsonl``: a new id, the
    publication date and the text only), and which new id is which snippet."""
    folder.mkdir(parents=True, exist_ok=True)
    size = -(-len(records) // CHUNKS)
    which = {}
    for k in range(CHUNKS):
        with (folder / f"{prefix}-{k}.jsonl").open("w", encoding="utf-8") as out:
            for j, record in enumerate(records[k * size : (k + 1) * size]):
                which[f"{prefix}-{k}-{j:03d}"] = record["id"]
                line = {"id": f"{prefix}-{k}-{j:03d}", "source_id": "", "source": ""}
                line.update(date=record["date"], text=record["text"])
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    (folder / "map.json").write_text(json.dumps(which), encoding="utf-8")


def read_chunks(folder: Path, prefix: str) -> dict[str, list[dict]]:
    """The helpers' events (``DIR/labels-K.jsonl``) by snippet id, each chunk checked line
    by line against the file it was read from, none missing."""
    which = json.loads((folder / "map.json").read_text(encoding="utf-8"))
    read = {}
    for k in range(CHUNKS):
        inputs = (folder / f"{prefix}-{k}.jsonl").read_text(encoding="utf-8").splitlines()
        labels = (folder / f"labels-{k}.jsonl").read_text(encoding="utf-8").splitlines()
        for given, labelled in zip(map(json.loads, inputs), map(json.loads, labels), strict=True):
            if given["id"] != labelled["id"]:
                raise ValueError(f"labels-{k}.jsonl: {labelled['id']} where {given['id']} was")
            read[which.pop(given["id"])] = labelled["events"]
    if which:
        raise ValueError(f"{len(which)} snippets were not read, e.g. {sorted(which)[0]}")
    return read


def write_rows(path: Path, rows: list[dict]) -> None:
    from merge_event_labels import COLUMNS

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"{path}: {len({r['snippet_id'] for r in rows})} snippets")


def draw(folder: Path) -> None:
    """The snippets to read again, in files for the helpers."""
    snippets = labelled_snippets(nfc=False)  # as the rows' offsets index them
    write_chunks(folder, "evr5", random.Random(SEED).sample(snippets, SAMPLE))


def merge(folder: Path) -> None:
    """The helpers' second reading as rows of the labels file's form, checked."""
    from merge_event_labels import COLUMNS, event_rows

    with LABELS.open(encoding="utf-8") as handle:
        first: dict[str, dict] = {}
        for row in csv.DictReader(handle):
            first.setdefault(row["snippet_id"], row)
    texts = {r["id"]: r["text"] for r in labelled_snippets(nfc=False)}
    rows = []
    for snippet, events in read_chunks(folder, "evr5").items():
        base = {c: first[snippet][c] for c in COLUMNS[:7]}
        rows += event_rows(base, texts[snippet], snippet, events)
    order = {snippet: i for i, snippet in enumerate(first)}
    rows.sort(key=lambda r: order[r["snippet_id"]])
    write_rows(SECOND_READING, rows)


def draw_dev(folder: Path) -> None:
    """The dev snippets, in files for the helpers."""
    write_chunks(folder, "evd", read_gold(config.EVENTS_DEV))


def merge_dev(folder: Path) -> None:
    """The helpers' reading of dev as rows of the labels file's form (the whole text of
    each snippet, its offsets 0 and its length), checked, in dev's order."""
    from merge_event_labels import event_rows

    read = read_chunks(folder, "evd")
    rows = []
    for record in read_gold(config.EVENTS_DEV):
        text = record["text"]
        base = {"snippet_id": record["id"], "source": record["source"]}
        base.update(source_id=record["source_id"], date=record["date"], snippet_start=0)
        base.update(snippet_end=len(text), text_hash=text_hash(text))
        rows += event_rows(base, text, record["id"], read[record["id"]])
    write_rows(DEV_READING, rows)


def dev_reading() -> tuple[list[dict], list[list[dict]]]:
    """The dev set and the helpers' reading of each of its snippets, in its order."""
    records = read_gold(config.EVENTS_DEV)
    texts = {r["id"]: r["text"] for r in records}
    read = {r["id"]: r["events"] for r in labelled_snippets(DEV_READING, texts)}
    return records, [read[r["id"]] for r in records]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--draw", type=Path, help="write the snippets to read again to DIR")
    parser.add_argument("--merge", type=Path, help="merge the second reading from DIR")
    parser.add_argument("--draw-dev", type=Path, help="write the dev snippets to read to DIR")
    parser.add_argument("--merge-dev", type=Path, help="merge the dev reading from DIR")
    args = parser.parse_args()
    if args.draw:
        return draw(args.draw)
    if args.merge:
        return merge(args.merge)
    if args.draw_dev:
        return draw_dev(args.draw_dev)
    if args.merge_dev:
        return merge_dev(args.merge_dev)
    results = {}
    dev, helpers = dev_reading()
    results["dev_helper_reading_against_gold"] = summary(
        "dev: a helper reading against the human gold", dev, helpers
    )
    found = predict(dev, read_all(dev), event_model.fitted())
    results["dev_model_against_gold"] = summary("dev: the model against the human gold", dev, found)
    as_answer = [{**r, "events": events} for r, events in zip(dev, helpers, strict=True)]
    results["dev_model_against_helpers"] = summary(
        "dev: the model against the helper reading", as_answer, found
    )
    first = labelled_snippets()
    second = {r["id"]: r for r in labelled_snippets(SECOND_READING)}
    index = [i for i, r in enumerate(first) if r["id"] in second]
    sampled = [first[i] for i in index]
    again = [second[r["id"]]["events"] for r in sampled]
    print(
        f"{len(sampled)} snippets read twice: {sum(len(r['events']) for r in sampled)} events "
        f"in the first reading, {sum(map(len, again))} in the second"
    )
    results["snippets"] = len(sampled)
    results["second_against_first"] = summary("second reading against the first", sampled, again)
    _, _, readings, out_of_fold = cross_validate(first, args.folds, seeds=(0,))  # first draw
    predicted = [out_of_fold[CUT_OFFS][i] for i in index]
    results["model_against_first"] = summary(
        "model (out of fold) against the first", sampled, predicted
    )
    as_answer = [{**r, "events": events} for r, events in zip(sampled, again, strict=True)]
    results["model_against_second"] = summary(
        "model (out of fold) against the second", as_answer, predicted
    )
    # The model fitted on every labelled snippet has read these with the first reading: a
    # held-out set drawn from texts the labelling rounds already read scores like this
    # against another reading, not like the out-of-fold figure above.
    fitted = predict(sampled, [readings[i] for i in index], event_model.fitted())
    results["fitted_against_second"] = summary(
        "model (fitted on them, first reading) against the second", as_answer, fitted
    )
    write_results("event_label_agreement", results)


if __name__ == "__main__":
    main()
