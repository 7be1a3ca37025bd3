"""Small real fixtures of every format the loader reads, built in the test from ../shared.

Nothing here is committed data: each builder copies or reshapes a handful of records of the
shared corpora into a temporary folder.
"""

from __future__ import annotations

import gzip
import html
import itertools
import json
import shutil
from pathlib import Path

from analysis import config

EVIL_TITLE = "<script>alert(1)</script> cầu Hà Bắc 2 khởi công"


def rss_records(n: int, keep=lambda record: True) -> list[dict]:
    with gzip.open(config.RSS_CORPUS, "rt", encoding="utf-8") as source:
        return list(itertools.islice((r for r in map(json.loads, source) if keep(r)), n))


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def pages(folder: Path, n: int = 12) -> Path:
    """The seed page, ``n`` dev pages, one page without a date line and one whose title
    carries an HTML payload."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(config.SEED_PAGE, folder)
    dev = sorted(config.PAGES_DEV.glob("page-*.txt"))[:n]
    for page in dev:
        shutil.copy(page, folder)
    truth = {
        t["file"]: t
        for t in map(json.loads, (config.PAGES_DEV / "truth.jsonl").read_text("utf-8").splitlines())
    }
    text = dev[0].read_text(encoding="utf-8-sig")
    first = truth[dev[0].name]
    evil = text.replace(first["title"], EVIL_TITLE, 1)
    (folder / "page-evil.txt").write_text(evil, encoding="utf-8")
    undated = dev[1].read_text(encoding="utf-8-sig").split("\n")
    dated = [i for i, line in enumerate(undated[:12]) if any(c.isdigit() for c in line)]
    del undated[dated[0]]
    (folder / "page-undated.txt").write_text("\n".join(undated), encoding="utf-8")
    return folder


def dantri(folder: Path, n: int = 10) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(config.DANTRI_CORPUS.glob("*.txt"))[::265][:n]:
        shutil.copy(path, folder)
    return folder


def danes(folder: Path, n: int = 40) -> Path:
    records = json.loads(config.DANES_LABELLED.read_text(encoding="utf-8"))[:n]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "danes.json"
    target.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return target


def csv_export(folder: Path, n: int = 60) -> Path:
    """RSS items as a CSV with another tool's column names (headline, link, pubDate ...)."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "export.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["headline", "description", "link", "pubDate", "source"])
        for r in rss_records(n):
            writer.writerow([r["title"], r["summary"], r["url"], r["published_at"], r["outlet"]])
    return target


def html_pages(folder: Path, n: int = 6) -> Path:
    """Saved article pages built from baomoi records (title, sapo, body)."""
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.open(config.BAOMOI_CORPUS, "rt", encoding="utf-8") as source:
        records = [
            r for r in itertools.islice(map(json.loads, source), 200) if len(r["body"]) > 800
        ]
    for i, r in enumerate(records[:n]):
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in r["body"].split("\n") if p.strip())
        page = (
            '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f"<title>{html.escape(r['title'])}</title>"
            f'<meta name="description" content="{html.escape(r["sapo"])}">'
            '<meta property="og:site_name" content="Báo Mới">'
            '<meta property="article:published_time" '
            f'content="2017-0{1 + i % 6}-1{i}T08:00:00+07:00">'
            f"</head><body><article><h1>{html.escape(r['title'])}</h1>"
            f"<p>{html.escape(r['sapo'])}</p>{paragraphs}</article></body></html>"
        )
        (folder / f"article-{i}.html").write_text(page, encoding="utf-8")
    return folder
