"""Load once, keep the tables as Parquet, and reuse them while the inputs are unchanged.

``ingest`` writes ``articles``, ``related``, ``rejects`` and ``warnings`` Parquet files plus a
``manifest.json`` holding the fingerprint of the inputs (file names, sizes and content hashes,
the loader options and the package version). Each file is written to a temporary name and
renamed into place; the manifest is removed first and written last, so an interrupted run never
leaves tables that look current.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from analysis import __version__
from analysis.load import Loaded, expand_paths, load, redact
from analysis.schemas import ARTICLES, REJECTS, RELATED, WARNINGS
from analysis.store import (
    atomic_write_parquet,
    clear_manifest,
    location,
    read_manifest,
    read_table,
    write_manifest,
)

TABLES = {"articles": ARTICLES, "related": RELATED, "rejects": REJECTS, "warnings": WARNINGS}
# Bump when the loader's output changes for the same input, so caches are rebuilt. (The lead
# model's weights are hashed into the fingerprint as well: retraining them rebuilds too.)
LOADER_VERSION = "6"


def _lead_weights_key() -> str:
    from importlib import resources

    from analysis.load.lead import WEIGHTS_FILE

    data = resources.files("analysis").joinpath(WEIGHTS_FILE).read_bytes()
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def fingerprint(
    paths: Iterable[str | Path],
    fmt: str | None = None,
    field_map: Mapping[str, str] | None = None,
) -> str:
    """A content fingerprint of the inputs and the options that shape the output."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(
        f"{__version__}|{LOADER_VERSION}|{_lead_weights_key()}|{fmt}|"
        f"{sorted((field_map or {}).items())}".encode()
    )
    for path in expand_paths(paths):
        file_digest = hashlib.blake2b(digest_size=16)
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 22), b""):
                file_digest.update(chunk)
        digest.update(f"{path.name}|{path.stat().st_size}|{file_digest.hexdigest()}\n".encode())
    return digest.hexdigest()


def load_processed(out_dir: str | Path) -> Loaded:
    """Read the tables an earlier ``ingest`` wrote, checked against their schemas."""
    out = location(out_dir)
    tables = {name: read_table(out / f"{name}.parquet", schema) for name, schema in TABLES.items()}
    return Loaded(**tables)


def is_current(out_dir: str | Path, expected: str) -> bool:
    manifest = read_manifest(out_dir)
    return (
        manifest is not None
        and manifest.get("fingerprint") == expected
        and all((location(out_dir) / f"{name}.parquet").exists() for name in TABLES)
    )


def ingest(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    fmt: str | None = None,
    field_map: Mapping[str, str] | None = None,
    force: bool = False,
    progress: bool | None = None,
) -> tuple[Loaded, bool]:
    """Load ``paths`` into ``out_dir`` unless the tables there are current.

    Returns the tables and whether they came from the cache.
    """
    paths = [str(p) for p in paths]
    out = location(out_dir)
    print_ = fingerprint(paths, fmt, field_map)
    if not force and is_current(out, print_):
        return load_processed(out), True
    loaded = load(paths, fmt=fmt, field_map=field_map, progress=progress)
    clear_manifest(out)
    for name in TABLES:
        atomic_write_parquet(out / f"{name}.parquet", getattr(loaded, name))
    counts = {name: len(getattr(loaded, name)) for name in TABLES}
    write_manifest(out, manifest(print_, paths, fmt, field_map, counts))
    return loaded, False


def manifest(fingerprint_: str, paths, fmt, field_map, counts: dict, **extra) -> dict:
    """What an ingest records beside its tables: its inputs (URLs without credentials), how
    they were read, by which versions, when, and how many rows came out."""
    return {
        "fingerprint": fingerprint_,
        "inputs": [redact(str(p)) for p in paths],
        "format": fmt,
        "field_map": dict(field_map or {}),
        "package_version": __version__,
        "loader_version": LOADER_VERSION,
        **extra,
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": counts,
    }
