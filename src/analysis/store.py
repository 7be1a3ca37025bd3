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
it into place, :func:`publish` copies a finished folder into place (its marker last) and
:func:`remove_tree` deletes one, and
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


MARKERS = ("stage.json", "manifest.json")  # written last: a folder is complete when it has one


def publish(work: Path, target: Path) -> None:
    """Put a finished folder in place of ``target`` (replacing an old one).

    On this machine a rename: the folder appears whole or not at all. Behind a URL (object
    stores have no rename) the files are copied, the marker (``stage.json`` or
    ``manifest.json``) last, then the work folder is deleted; if the copy fails the partial
    target is removed. Readers take a folder as complete only when its marker is there
    (:func:`is_complete`), so they never use a half-copied one."""
    remove_tree(target, missing_ok=True)
    if not is_remote(work):
        work.rename(target)
        return
    fs = work.fs
    files = sorted(fs.find(work.path))
    last = [f for f in files if f.rsplit("/", 1)[-1] in MARKERS]
    try:
        for name in [f for f in files if f not in last] + last:
            destination = target.path + name[len(work.path) :]
            fs.makedirs(destination.rsplit("/", 1)[0], exist_ok=True)
            fs.copy(name, destination)
    except BaseException:
        remove_tree(target, missing_ok=True)
        raise
    fs.rm(work.path, recursive=True)


def is_complete(folder: Path, *names: str) -> bool:
    """``folder`` holds its marker (``stage.json``) and every table of ``names``."""
    return (folder / "stage.json").exists() and all(
        (folder / f"{name}.parquet").exists() for name in names
    )


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
    """Create a folder and its parents (on an object store, where folders are implied, this
    does nothing)."""
    if is_remote(path):
        path.fs.makedirs(path.path, exist_ok=True)
    else:
        path.mkdir(parents=True, exist_ok=True)


def _atomic_remote(target, write: Callable[[str], object]):
    """:func:`atomic_write` behind a URL: written here, uploaded under a temporary name beside
    the target, then moved into place."""
    import uuid

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    staged = f"{target.parent.path}/.{target.name}.{uuid.uuid4().hex[:8]}.tmp"
    target.fs.makedirs(target.parent.path, exist_ok=True)
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
    Each file is written as :func:`atomic_write` writes. Returns where."""
    from analysis.load.urls import check, local_path

    folder = location(check(local_path(str(out))))
    make_dirs(folder)
    (folder / EXPORT_MANIFEST).unlink(missing_ok=True)
    for name, frame in frames.items():
        atomic_write_parquet(folder / f"{name}.parquet", frame)
    listed = {
        "tables": {name: {"file": f"{name}.parquet", "rows": len(f)} for name, f in frames.items()},
        **manifest,
    }
    atomic_write_json(folder / EXPORT_MANIFEST, listed)
    return str(out)
