"""Load scraped Vietnamese news into clean, declared tables.

>>> loaded = load(["../shared/corpus/rss-2025-2026/articles.jsonl.gz"])  # doctest: +SKIP
>>> loaded.articles, loaded.related, loaded.rejects, loaded.warnings     # doctest: +SKIP

Every input unit ends in ``articles`` or ``rejects``; problems in loaded articles (an
impossible date) are listed in ``warnings``.
"""

from __future__ import annotations

import glob
import warnings as pywarnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis.load.fields import custom_field_map
from analysis.load.finalize import finalize
from analysis.load.readers import FORMATS, Batch, combine, read_file, reject
from analysis.load.urls import as_path, expand_url, is_url, local_path, redact
from analysis.schemas import ARTICLES, REJECTS, RELATED, WARNINGS, conform

__all__ = ["FORMATS", "Loaded", "as_path", "expand_paths", "is_url", "load", "redact"]

# Files that sit beside corpora but hold no articles (answer keys, notes).
IGNORED_NAMES = {"truth.jsonl", "README.md", "LICENSE", ".DS_Store"}


@dataclass
class Loaded:
    articles: pd.DataFrame
    related: pd.DataFrame
    rejects: pd.DataFrame
    warnings: pd.DataFrame

    def summary(self) -> str:
        duplicates = int(self.articles["is_duplicate"].sum()) if len(self.articles) else 0
        return (
            f"{len(self.articles):,} articles ({duplicates:,} duplicates), "
            f"{len(self.related):,} related teasers, {len(self.rejects):,} rejects, "
            f"{len(self.warnings):,} warnings"
        )


def _ignored(name: str) -> bool:
    return name in IGNORED_NAMES or name.startswith(".")


def expand_paths(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """Files, directories (recursively) and globs, sorted so every run reads the same order.

    Local paths and ``file://`` URLs are read from this machine; any other URL through
    fsspec (``s3://bucket/news/*.jsonl.gz`` needs ``s3fs`` installed, and credentials as
    fsspec finds them)."""
    if isinstance(paths, str | Path):
        paths = [paths]
    found: list[Path] = []
    for entry in paths:
        if not isinstance(entry, str | Path):  # a UPath, already one file
            found.append(entry)
            continue
        text = local_path(str(entry))
        if is_url(text):
            found.extend(expand_url(text, _ignored))
            continue
        if any(ch in text for ch in "*?["):
            matches = [Path(p) for p in sorted(glob.glob(text, recursive=True))]
            if not matches:
                raise FileNotFoundError(f"no file matches {text!r}")
            candidates = matches
        else:
            candidates = [Path(text)]
        for candidate in candidates:
            if candidate.is_dir():
                found.extend(
                    p for p in sorted(candidate.rglob("*")) if p.is_file() and not _ignored(p.name)
                )
            elif candidate.is_file():
                found.append(candidate)
            else:
                raise FileNotFoundError(f"no such file or directory: {text!r}")
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(str(path), path)
    return list(unique.values())


def load(
    paths: str | Path | Iterable[str | Path],
    *,
    fmt: str | None = None,
    field_map: Mapping[str, str] | None = None,
    progress: bool | None = None,
) -> Loaded:
    """Load articles from files, directories or globs.

    ``fmt`` forces a format (one of :data:`FORMATS`) instead of detecting it from content;
    ``field_map`` maps article columns to the fields of a source the loader does not know
    (see :mod:`analysis.load.fields`). ``progress`` shows a bar (default: when more than 20
    files).
    """
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {FORMATS}")
    fmap = custom_field_map(field_map) if field_map else None
    files = expand_paths(paths)
    show = progress if progress is not None else len(files) > 20
    batches: list[Batch] = []
    for path in tqdm(files, desc="load", unit="file", disable=not show):
        try:
            batches.append(read_file(path, fmt, fmap))
        except Exception as exc:  # a bad file must never stop the batch
            batches.append(
                Batch(
                    [],
                    [
                        reject(
                            redact(str(path)),
                            "unreadable",
                            fmt,
                            detail=f"{type(exc).__name__}: {exc}",
                        )
                    ],
                )
            )
    rows = combine(batches)
    rejects = [r for b in batches for r in b.rejects]
    if rows is None:
        return Loaded(
            ARTICLES.empty(),
            RELATED.empty(),
            REJECTS.validate(conform(pd.DataFrame(rejects), REJECTS)),
            WARNINGS.empty(),
        )
    loaded = Loaded(*finalize(rows, rejects))
    if len(loaded.warnings):
        pywarnings.warn(
            f"{len(loaded.warnings)} loaded article(s) have problems (see Loaded.warnings), "
            f"e.g. {loaded.warnings['detail'].iloc[0]}",
            stacklevel=2,
        )
    return loaded
