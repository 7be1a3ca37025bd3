"""Loader speed and peak memory on the RSS corpus, each measured in a fresh process.

    python benchmarks/bench_load.py [--corpus PATH] [--repeat N]

Compares, in the same run and on the same machine:
  * bare ``pandas.read_json(path, lines=True)`` on the uncompressed JSON Lines (the reference),
  * bare ``pyarrow.json.read_json`` on the same file,
  * ``analysis.load.load`` on the corpus as shipped (gzip), with all its parsing, cleaning,
    ids and duplicate flags,
  * ``analysis.ingest.load_processed``: reading the tables back from the Parquet cache.
Targets (issue 2): load / pandas ratio <= 1.0, load peak < 1 GB, cache read < 2 s.
Results are printed as a Markdown table and written to benchmarks/results/load.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import write_results  # noqa: E402

from analysis.config import RSS_CORPUS  # noqa: E402

CHILD = r"""
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
kind, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
started = time.perf_counter()
if kind == "pandas":
    import pandas as pd
    rows = len(pd.read_json(path, lines=True))
elif kind == "pyarrow":
    import pyarrow.json as pj
    rows = pj.read_json(path).num_rows
elif kind == "load":
    from analysis.load import load
    rows = len(load(path, progress=False).articles)
elif kind == "ingest":
    from analysis.ingest import ingest
    rows = len(ingest([path], out, force=True)[0].articles)
elif kind == "cache":
    from analysis.ingest import load_processed
    rows = len(load_processed(out).articles)
seconds = time.perf_counter() - started
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"kind": kind, "rows": rows, "seconds": seconds, "peak_mb": peak_mb}))
"""


def run(kind: str, path: Path, out: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path), str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=RSS_CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plain = tmp / "articles.jsonl"
        if args.corpus.suffix == ".gz":
            with gzip.open(args.corpus, "rb") as src, plain.open("wb") as dst:
                shutil.copyfileobj(src, dst)
        else:
            shutil.copyfile(args.corpus, plain)
        out = tmp / "processed"
        run("ingest", args.corpus, out)
        plan = [
            ("pandas", plain),
            ("pyarrow", plain),
            ("load", args.corpus),
            ("cache", args.corpus),
        ]
        best: dict[str, dict] = {}
        for _ in range(args.repeat):
            for kind, path in plan:
                got = run(kind, path, out)
                if kind not in best or got["seconds"] < best[kind]["seconds"]:
                    best[kind] = got
        size_mb = plain.stat().st_size / 1e6
    ratio = best["load"]["seconds"] / best["pandas"]["seconds"]
    print(f"corpus: {args.corpus} ({best['load']['rows']:,} rows, {size_mb:.0f} MB uncompressed)")
    print("| step | rows | seconds | peak MB |\n|---|---|---|---|")
    labels = {
        "pandas": "pandas.read_json(lines=True), uncompressed",
        "pyarrow": "pyarrow.json.read_json, uncompressed",
        "load": "analysis.load.load, gzip as shipped",
        "cache": "analysis.ingest.load_processed (Parquet cache)",
    }
    for kind, label in labels.items():
        b = best[kind]
        print(f"| {label} | {b['rows']:,} | {b['seconds']:.2f} | {b['peak_mb']:.0f} |")
    print(f"\nload / pandas ratio: {ratio:.2f} (target <= 1.0)")
    print(f"load peak memory: {best['load']['peak_mb']:.0f} MB (target < 1024)")
    print(f"cache read: {best['cache']['seconds']:.2f} s (target < 2)")
    write_results("load", {"corpus": str(args.corpus), "best": best, "ratio": ratio})
    ok = ratio <= 1.0 and best["load"]["peak_mb"] < 1024 and best["cache"]["seconds"] < 2
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
