"""Every path the project uses, derived once from the project root.

``ANALYSIS_SHARED_DIR`` overrides where the read-only corpora live (default: ``../shared``
beside the project root), so the same code runs on a laptop, in CI and on a server.
"""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SHARED_DIR = Path(os.environ.get("ANALYSIS_SHARED_DIR", PROJECT_ROOT.parent / "shared"))
CORPUS_DIR = SHARED_DIR / "corpus"
GOLD_DIR = SHARED_DIR / "gold"
MENTIONS_DEV = GOLD_DIR / "mentions_dev.jsonl"
TOPICS_DEV = GOLD_DIR / "topics_dev.jsonl"
EVENTS_DEV = GOLD_DIR / "events_dev.jsonl"
SEEDS_DIR = SHARED_DIR / "seeds"

DATA_DIR = PROJECT_ROOT / "data"
RAW_DATA_DIR = DATA_DIR / "raw"
PROCESSED_DATA_DIR = DATA_DIR / "processed"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"

RSS_CORPUS = CORPUS_DIR / "rss-2025-2026" / "articles.jsonl.gz"
BAOMOI_CORPUS = CORPUS_DIR / "baomoi-2017" / "articles.jsonl.gz"
DANTRI_CORPUS = CORPUS_DIR / "dantri-unc" / "raw"
DANES_LABELLED = CORPUS_DIR / "danes" / "annotated_data_batch_1.json"
DANES_UNLABELLED = CORPUS_DIR / "danes" / "DANeS_batch_8.json"
PAGES_DEV = CORPUS_DIR / "pages-dev"
SEED_PAGE = SEEDS_DIR / "000_81bcde8abbdc91d4.txt"

DEFAULT_CORPUS = RSS_CORPUS

# Vietnam has kept UTC+7 without daylight saving since 1975; every date we emit is in it.
VIETNAM_TZ = "Asia/Ho_Chi_Minh"
VIETNAM_TIME = ZoneInfo(VIETNAM_TZ)  # the same zone as a tzinfo, for datetime objects
