"""The main job's run time: ``analysis run`` on the whole RSS corpus, cold and warm.

    python benchmarks/bench_report.py [--corpus PATH]

1. Cold: an empty cache folder, so every stage (ingest, mentions, places, amounts, topics)
   is computed, then every notebook executed and exported. Target (issue 5): < 5 minutes.
2. Warm: the same command again with the corpus and parameters unchanged; the cached tables
   are reused. Target: < 90 s.
Each run is a fresh process (the command a user types). Results: printed and written to
benchmarks/results/report.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # so the script also runs without an install

from _results import write_results  # noqa: E402

from analysis.config import RSS_CORPUS  # noqa: E402


def timed_run(corpus: Path, out: Path, params: Path) -> float:
    command = [
        str(Path(sys.executable).parent / "analysis"),
        "run",
        "--corpus",
        str(corpus),
        "--out",
        str(out),
        "--params",
        str(params),
    ]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, text=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=RSS_CORPUS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        params = tmp / "params.json"
        params.write_text(json.dumps({"cache_dir": str(tmp / "cache")}))
        cold = timed_run(args.corpus, tmp / "reports", params)
        warm = timed_run(args.corpus, tmp / "reports", params)
        run = json.loads((tmp / "reports" / "run.json").read_text())
    print(f"corpus: {args.corpus} ({run['articles']:,} articles after duplicates)")
    print("| run | seconds | target |\n|---|---|---|")
    print(f"| cold (empty cache) | {cold:.0f} | < 300 |")
    print(f"| warm (unchanged corpus and parameters) | {warm:.0f} | < 90 |")
    print(
        "\nper notebook on the warm run (s): "
        + ", ".join(f"{k} {v:.0f}" for k, v in run["notebook_seconds"].items())
    )
    write_results("report", {"cold_seconds": cold, "warm_seconds": warm, "warm_run": run})
    sys.exit(0 if cold < 300 and warm < 90 else 1)


if __name__ == "__main__":
    main()
