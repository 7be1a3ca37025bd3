"""The pipeline on Dask from 1x to 10x the RSS corpus, and single-machine speed near the floor.

    python benchmarks/bench_scale.py [--scales 1 3 10] [--workers 2] [--compare] [--floor]

* For each scale, ``benchmarks/make_big_corpus.py`` builds N x the RSS corpus (once, under
  ``data/raw/rss-xN``); then every analysis table is built cold with the Dask engine on a
  local cluster (``analysis tables --engine dask``, in a fresh cache): seconds per 100,000
  articles, peak memory of each worker (sampled every half second) and of the client.
  Targets (issue 14): per-article time at 10x within 1.25x of 1x; peak memory per worker flat
  (<= 2 GB) whatever the size.
* ``--compare``: at 1x, the pandas engine's tables too, and whether they are the same.
* ``--floor``: ``load`` of the plain RSS JSON Lines against ``pyarrow.json.read_json`` of the
  same file, and ``find_mentions`` over its titles and summaries against a bare Aho-Corasick
  pass of the gazetteer's names and the kind words over the same lower-cased texts (best of
  three each, after one untimed warm-up run; ``load`` and ``read_json`` in five interleaved
  pairs, with the median ratio within a pair beside the ratio of the bests, and the CPU
  seconds of the fastest load). Targets: <= 3x and <= 4x. ``--floor`` alone runs no scale.
Results: printed, written to benchmarks/results/scale.json (floor.json for ``--floor``),
plotted to scale.png there.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import RESULTS, write_results  # noqa: E402

from analysis.config import PROJECT_ROOT, RSS_CORPUS  # noqa: E402

# The cores this process may use (its CPU affinity where the system tells).
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


class Sampler:
    """Peak resident memory of each worker and of this process, sampled in the background."""

    def __init__(self, client, every: float = 0.5):
        self.client, self.every = client, every
        self.workers: dict[str, int] = {}
        self.client_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            try:
                for worker, rss in self.client.run(_rss).items():
                    self.workers[worker] = max(self.workers.get(worker, 0), rss)
            except Exception:  # a worker restarting: sample again next time
                pass
            self.client_peak = max(self.client_peak, _rss())
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def corpus(scale: int) -> Path:
    folder = PROJECT_ROOT / "data" / "raw" / f"rss-x{scale}"
    if not any(folder.glob("*.jsonl")):
        subprocess.run(
            [sys.executable, str(HERE / "make_big_corpus.py"), str(scale), "--out", str(folder)],
            check=True,
        )
    return folder


def run_scale(scale: int, workers: int, compare: bool) -> dict:
    from analysis import engine, pipeline

    folder = corpus(scale)
    cache = Path(tempfile.mkdtemp(prefix=f"scale-x{scale}-"))
    try:
        params = pipeline.Params(corpus=[str(folder)], cache_dir=str(cache / "dask"))
        client = engine.connect(workers=workers)
        try:
            with Sampler(client) as sampler:
                started = time.perf_counter()
                engine.build(params, client, progress=False)
                on_cluster = time.perf_counter() - started
                tables = pipeline.tables(params, progress=False).build_all()
                total = time.perf_counter() - started
        finally:
            engine.disconnect(client)
        n = len(tables["articles"])
        result = {
            "scale": scale,
            "articles": n,
            "seconds_on_cluster": round(on_cluster, 1),
            "seconds_total": round(total, 1),
            "seconds_per_100k": round(total / (n / 1e5), 1),
            "worker_peak_gb": sorted(round(v / 1e9, 2) for v in sampler.workers.values()),
            "client_peak_gb": round(sampler.client_peak / 1e9, 2),
        }
        if compare:
            result["same_as_pandas"] = same_as_pandas(folder, cache, tables)
        return result
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def same_as_pandas(folder: Path, cache: Path, dask_tables) -> dict[str, bool]:
    import pandas as pd

    from analysis import pipeline

    params = pipeline.Params(corpus=[str(folder)], cache_dir=str(cache / "pandas"))
    ours = pipeline.tables(params, progress=False).build_all()
    floats = ("map_x", "map_y", "centre_distance")
    same = {}
    for name in ours:
        a, b = ours[name], dask_tables[name]
        key = [c for c in a.columns if c not in floats and a[c].dtype.kind in "OUiTMb"]
        key = [c for c in key if not str(a[c].dtype).startswith(("list", "list<"))]
        a = a.sort_values(key, kind="stable").reset_index(drop=True)
        b = b.sort_values(key, kind="stable").reset_index(drop=True)
        try:
            pd.testing.assert_frame_equal(
                a.drop(columns=[c for c in floats if c in a]),
                b.drop(columns=[c for c in floats if c in b]),
            )
            close = all((a[c] - b[c]).abs().max() <= 1e-5 for c in floats if c in a)
            same[name] = bool(close)
        except AssertionError:
            same[name] = False
    return same


def best_of(repeat: int, work) -> float:
    """The best of ``repeat`` timings of ``work``, after one untimed warm-up run (first calls
    pay for lazy imports, compiled patterns and thread pools)."""
    work()
    return min(timed(work)[0] for _ in range(repeat))


def timed(work) -> tuple[float, float]:
    """Wall-clock and CPU seconds (all the process's threads) of one run of ``work``."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


FLOOR_PAIRS = 5


def floor() -> dict:
    """Single-machine speed as ratios to the floor: the best of three each after a warm-up
    (``find_mentions``), the best of five interleaved runs each (``load``, the ratio of
    the two bests, and the median ratio of a run to the floor's run next to it)."""
    import ahocorasick
    import pyarrow.json

    from analysis import gazetteer
    from analysis.load import load
    from analysis.mentions import find_mentions
    from analysis.mentions.lexicon import words

    plain = Path(tempfile.mkdtemp(prefix="floor-")) / "articles.jsonl"
    with gzip.open(RSS_CORPUS, "rb") as source, plain.open("wb") as target:
        shutil.copyfileobj(source, target)
    try:

        def loading():
            return load(plain, progress=False)

        def reading():
            return pyarrow.json.read_json(plain)

        loading(), reading()  # warm-up
        # Interleaved, so that both sides meet the same slow spells of the machine.
        pairs = [(timed(loading), timed(reading)) for _ in range(FLOOR_PAIRS)]
        (load_s, load_cpu), (arrow_s, _) = min(p[0] for p in pairs), min(p[1] for p in pairs)
        paired = sorted(p[0][0] / p[1][0] for p in pairs)
        records = [json.loads(line) for line in plain.open(encoding="utf-8")]
    finally:
        shutil.rmtree(plain.parent, ignore_errors=True)
    texts = [f"{r.get('title') or ''}\n{r.get('summary') or ''}" for r in records]
    lowered = [t.lower() for t in texts]
    automaton = ahocorasick.Automaton()
    names = {n.lower() for f in gazetteer.facilities() for n in (f.name, *f.aliases)}
    names |= {w.lower() for w in words("kind_word")}
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    mentions_s = best_of(3, lambda: [find_mentions(t) for t in texts])
    bare_s = best_of(3, lambda: [list(automaton.iter(t)) for t in lowered])
    return {
        "load_seconds": round(load_s, 2),
        "read_json_seconds": round(arrow_s, 2),
        "load_ratio": round(load_s / arrow_s, 2),
        "load_ratio_median_of_pairs": round(paired[len(paired) // 2], 2),
        # The work itself: CPU-seconds on all threads, and the ratio the load would reach if
        # that work kept every core busy from start to end (a bound no scheduling can beat).
        "load_cpu_seconds": round(load_cpu, 2),
        "cores": CORES,
        "load_ratio_all_cores_busy": round(load_cpu / CORES / arrow_s, 2),
        "find_mentions_seconds": round(mentions_s, 2),
        "aho_corasick_seconds": round(bare_s, 2),
        "find_mentions_ratio": round(mentions_s / bare_s, 2),
    }


def plot(results: list[dict]) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), dpi=110)
    scales = [r["scale"] for r in results]
    left.plot(scales, [r["seconds_per_100k"] for r in results], marker="o")
    left.set(xlabel="Corpus size (x the RSS corpus)", ylabel="Seconds per 100,000 articles")
    left.set_ylim(bottom=0)
    right.plot(scales, [max(r["worker_peak_gb"]) for r in results], marker="o", label="worker")
    right.plot(scales, [r["client_peak_gb"] for r in results], marker="s", label="client")
    right.set(xlabel="Corpus size (x the RSS corpus)", ylabel="Peak memory (GB)")
    right.set_ylim(bottom=0)
    right.legend()
    fig.suptitle("The Dask engine from 1x to 10x the RSS corpus (2 workers)")
    fig.tight_layout()
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "scale.png"
    fig.savefig(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scales", type=int, nargs="*", help="default 1 3 10; none with --floor alone"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--floor", action="store_true")
    args = parser.parse_args()
    if args.floor:
        found = floor()
        print(json.dumps(found, indent=1))
        write_results("floor", found)
    scales = args.scales if args.scales is not None else ([] if args.floor else [1, 3, 10])
    if not scales:
        return
    output: dict = {}
    results = []
    for scale in scales:
        results.append(run_scale(scale, args.workers, args.compare and scale == 1))
        print(json.dumps(results[-1]))
    output["scales"] = results
    if results:
        print("| scale | articles | seconds | s / 100k | peak per worker (GB) | client (GB) |")
        print("|---|---|---|---|---|---|")
        for r in results:
            print(
                f"| {r['scale']}x | {r['articles']:,} | {r['seconds_total']} | "
                f"{r['seconds_per_100k']} | {max(r['worker_peak_gb'])} | {r['client_peak_gb']} |"
            )
        print(f"plot: {plot(results)}")
    write_results("scale", output)


if __name__ == "__main__":
    main()
