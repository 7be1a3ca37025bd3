"""Where tables and files are written and read back: atomically, with the modes a user expects.

Every output of the project goes through :func:`atomic_write`: the content is written to a
temporary file in the target's folder and renamed over the target, so an interrupted run
never leaves half a file, and a reader sees the old file or the new one, never a mix. The
temporary file gets the mode an ordinary new file gets (``0666`` minus the process umask:
``0644`` under the usual ``022``), not ``mkstemp``'s private ``0600``, so a report copied to a
shared folder or served by a web server can be read by others.

Parquet tables are read back through :func:`read_table`, which checks them against their
declared schema when one is given: a cached table is trusted no more than a fresh one.

A folder of tables is current when its ``manifest.json`` says so: :func:`write_manifest`
removes the old manifest before the tables are rewritten (:func:`clear_manifest`) and writes
the new one last, so an interrupted run is never mistaken for a finished one.

The cache may also live behind an fsspec URL (``--cache-dir s3://bucket/cache``: a cluster
whose workers share no file system shares a bucket). :func:`location` gives a
:class:`~upath.UPath` for it; :func:`atomic_write` then writes to a temporary object and moves
it into place, :func:`move` and :func:`remove_tree` copy and delete objects, and
:func:`read_table` reads through the URL's file system.

The cache layout, shared by ``make data`` (``analysis tables``), the batch and the notebooks::

    <cache_dir>/ingest/<corpus key>/{articles,related,rejects,warnings}.parquet, manifest.json
    <cache_dir>/stages/<table>-<stage key>/<table>.parquet, stage.json
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def _file_mode() -> int:
    """The mode ``open()`` gives a new file under this process's umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def location(path: str | Path) -> Path:
    """A folder or file of the cache: a local :class:`~pathlib.Path`, or a
    :class:`~upath.UPath` for an fsspec URL (``s3://``, ``gs://``, ``memory://`` ...)."""
    from analysis.load.urls import is_url, local_path

    if is_remote(path):
        return path
    text = local_path(str(path))
    if is_url(text):
        from upath import UPath

        return UPath(text)
    return Path(text)


def is_remote(path) -> bool:
    """True for a path behind an fsspec URL (a UPath that is not a local one)."""
    return not isinstance(path, Path) and hasattr(path, "fs")


def move(source: Path, target: Path) -> None:
    """Move a file or folder to ``target`` (which must not exist): a rename on this machine,
    a copy then delete behind a URL (object stores have no rename)."""
    if is_remote(source):
        source.fs.copy(source.path, target.path, recursive=True)
        source.fs.rm(source.path, recursive=True)
    else:
        source.rename(target)


def remove_tree(path: Path, missing_ok: bool = False) -> None:
    """Delete a folder and everything in it."""
    if is_remote(path):
        if path.exists():
            path.fs.rm(path.path, recursive=True)
        elif not missing_ok:
            raise FileNotFoundError(str(path))
    else:
        shutil.rmtree(path, ignore_errors=missing_ok)


def make_dirs(path: Path) -> None:
    """Create a folder and its parents (object stores need none)."""
    if not is_remote(path):
        path.mkdir(parents=True, exist_ok=True)


def _atomic_remote(target, write: Callable[[str], object]):
    """:func:`atomic_write` behind a URL: written here, uploaded under a temporary name beside
    the target, then moved into place."""
    import uuid

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    staged = f"{target.parent.path}/.{target.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        write(tmp)
        target.fs.put_file(tmp, staged)
        target.fs.mv(staged, target.path)
    except BaseException:
        if target.fs.exists(staged):
            target.fs.rm(staged)
        raise
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def atomic_write(target: str | Path, write: Callable[[str], object]) -> Path:
    """Call ``write(tmp_path)`` and rename the result over ``target``."""
    target = location(target)
    if is_remote(target):
        return _atomic_remote(target, write)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, _file_mode())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def atomic_write_bytes(target: str | Path, data: bytes) -> Path:
    return atomic_write(target, lambda tmp: Path(tmp).write_bytes(data))


def atomic_write_text(target: str | Path, text: str) -> Path:
    return atomic_write_bytes(target, text.encode("utf-8"))


def atomic_write_json(target: str | Path, value) -> Path:
    return atomic_write_text(target, json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def atomic_write_parquet(target: str | Path, frame: pd.DataFrame) -> Path:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return atomic_write(target, lambda tmp: pq.write_table(table, tmp))


def read_table(path: str | Path, schema=None, columns: list[str] | None = None) -> pd.DataFrame:
    """A Parquet table (a file, or a folder of files) as pandas (list columns as Arrow lists),
    checked against ``schema``; only ``columns`` when given (then unchecked)."""
    path = location(path)
    if is_remote(path):
        from pyarrow.fs import FSSpecHandler, PyFileSystem

        filesystem = PyFileSystem(FSSpecHandler(path.fs))
        table = pq.read_table(path.path, columns=columns, filesystem=filesystem)
    else:
        table = pq.read_table(path, columns=columns)
    frame = table.to_pandas(
        types_mapper=lambda t: pd.ArrowDtype(t) if pa.types.is_list(t) else None,
        # pandas' metadata names every column's dtype; a subset is read from Arrow's types
        ignore_metadata=columns is not None,
    )
    if columns is not None:
        return frame
    return schema.validate(frame) if schema is not None else frame


def read_json(path: str | Path) -> dict | None:
    """A JSON file written by :func:`atomic_write_json`; None when missing or unreadable."""
    path = location(path)
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, OSError):
        return None


MANIFEST = "manifest.json"


def read_manifest(folder: str | Path) -> dict | None:
    """The manifest of a folder of tables; None when there is none (or it is unreadable)."""
    return read_json(location(folder) / MANIFEST)


def clear_manifest(folder: str | Path) -> None:
    """Mark a folder's tables as not current, before they are rewritten."""
    (location(folder) / MANIFEST).unlink(missing_ok=True)


def write_manifest(folder: str | Path, manifest: dict) -> Path:
    """Mark a folder's tables as current: written last, after every table."""
    return atomic_write_json(location(folder) / MANIFEST, manifest)


EXPORT_MANIFEST = "tables.json"


def export_tables(frames: dict[str, pd.DataFrame], out: str, manifest: dict) -> str:
    """Write ``frames`` as ``<out>/<name>.parquet`` and, last, ``<out>/tables.json`` (the
    names, rows and ``manifest``): a folder, or any fsspec URL (``s3://bucket/run/``, with
    ``s3fs`` installed and credentials where fsspec finds them). The old ``tables.json`` goes
    first, so a reader that finds one knows every table beside it is complete and current.
    Each table is written under a temporary name and moved into place. Returns where."""
    import fsspec

    from analysis.load.urls import check, is_url, local_path

    out = check(local_path(str(out)))
    listed = {
        "tables": {name: {"file": f"{name}.parquet", "rows": len(f)} for name, f in frames.items()},
        **manifest,
    }
    if not is_url(out):
        folder = Path(out)
        (folder / EXPORT_MANIFEST).unlink(missing_ok=True)
        for name, frame in frames.items():
            atomic_write_parquet(folder / f"{name}.parquet", frame)
        atomic_write_json(folder / EXPORT_MANIFEST, listed)
        return str(folder)
    fs, root = fsspec.core.url_to_fs(out)
    root = root.rstrip("/")
    fs.makedirs(root, exist_ok=True)
    if fs.exists(f"{root}/{EXPORT_MANIFEST}"):
        fs.rm(f"{root}/{EXPORT_MANIFEST}")
    for name, frame in frames.items():
        final, tmp = f"{root}/{name}.parquet", f"{root}/.{name}.parquet.tmp"
        with fs.open(tmp, "wb") as sink:
            pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), sink)
        fs.mv(tmp, final)
    with fs.open(f"{root}/{EXPORT_MANIFEST}", "wb") as sink:
        sink.write((json.dumps(listed, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return out
