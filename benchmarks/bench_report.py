"""The main job: ``analysis run`` on the whole RSS corpus, cold and warm, and what it writes.

    python benchmarks/bench_report.py [--corpus PATH] [--sample 3000] [--skip-full]

1. Cold: an empty cache folder, so every stage (ingest, mentions, places, amounts, topics)
   is computed, then every notebook executed and exported. Target (issue 5): < 5 minutes.
2. Warm: the same command again with the corpus and parameters unchanged; the cached tables
   are reused. Target: < 90 s.
3. The report folder of a ``--sample`` run (3,000 articles): its size (target <= 40 MB,
   issue 11), the modes of its files (0644 under umask 022) and, when Debian's Chromium is
   there, every chart of every report and figure page drawn offline.
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


def timed_run(corpus: Path, out: Path, params: Path, *extra: str) -> float:
    command = [
        str(Path(sys.executable).parent / "analysis"),
        "run",
        "--corpus",
        str(corpus),
        "--out",
        str(out),
        "--params",
        str(params),
        *extra,
    ]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, text=True)
    return time.perf_counter() - started


def folder_figures(out: Path) -> dict:
    """Size of the report folder, by part, and the modes its files carry."""
    files = [p for p in out.rglob("*") if p.is_file()]
    size = {
        "total_mb": sum(p.stat().st_size for p in files) / 2**20,
        "reports_mb": sum(p.stat().st_size for p in out.glob("*.html")) / 2**20,
        "figures_mb": sum(p.stat().st_size for p in (out / "figures").iterdir()) / 2**20,
        "files": len(files),
        "modes": sorted({oct(p.stat().st_mode & 0o777) for p in files}),
    }
    try:
        sys.path.insert(0, str(HERE.parent))
        from tests.browser import CHROMIUM, offline_browser, render
    except ImportError:
        return size
    if CHROMIUM is None:
        return size
    charts = drawn = 0
    errors: list[str] = []
    with offline_browser() as (context, requested):
        for page in sorted(out.glob("*.html")) + sorted((out / "figures").glob("*.html")):
            seen = render(context, page, settle_ms=1500 if page.parent == out else 300)
            charts, drawn = charts + seen.plots, drawn + min(seen.drawn, seen.plots)
            errors += [f"{page.name}: {e}" for e in seen.errors]
    size.update(charts=charts, drawn=drawn, errors=errors, network=len(requested))
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=RSS_CORPUS)
    parser.add_argument("--sample", type=int, default=3000)
    parser.add_argument("--skip-full", action="store_true", help="only the sample's folder")
    args = parser.parse_args()
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        params = tmp / "params.json"
        params.write_text(json.dumps({"cache_dir": str(tmp / "cache")}))
        seconds = timed_run(args.corpus, tmp / "sample", params, "--sample", str(args.sample))
        folder = folder_figures(tmp / "sample")
        results["sample"] = {"articles": args.sample, "seconds": seconds, **folder}
        print(
            f"sample of {args.sample:,}: {seconds:.0f} s; report folder {folder['total_mb']:.1f} MB"
        )
        print(
            f"  reports {folder['reports_mb']:.1f} MB, figures {folder['figures_mb']:.1f} MB, "
            f"{folder['files']} files, modes {folder['modes']}"
        )
        if "charts" in folder:
            print(
                f"  Chromium, offline: {folder['drawn']} of {folder['charts']} charts drawn, "
                f"{len(folder['errors'])} console errors, {folder['network']} network requests"
            )
        ok = folder["total_mb"] <= 40 and folder["modes"] == ["0o644"]
        if args.skip_full:
            write_results("report-sample", results)
            sys.exit(0 if ok else 1)
        cold = timed_run(args.corpus, tmp / "reports", params)
        warm = timed_run(args.corpus, tmp / "reports", params)
        run = json.loads((tmp / "reports" / "run.json").read_text())
    print(f"corpus: {args.corpus.name} ({run['articles']:,} articles after duplicates)")
    print("| run | seconds | target |\n|---|---|---|")
    print(f"| cold (empty cache) | {cold:.0f} | < 300 |")
    print(f"| warm (unchanged corpus and parameters) | {warm:.0f} | < 90 |")
    print(
        "\nper notebook on the warm run (s): "
        + ", ".join(f"{k} {v:.0f}" for k, v in run["notebook_seconds"].items())
    )
    results.update(cold_seconds=cold, warm_seconds=warm, warm_run=run)
    write_results("report", results)
    sys.exit(0 if ok and cold < 300 and warm < 90 else 1)


if __name__ == "__main__":
    main()
