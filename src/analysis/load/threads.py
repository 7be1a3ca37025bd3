"""The loader's threads: one per core, for work in pyarrow's kernels and numpy, which release
the GIL (pyarrow runs most kernels on one thread per call, so a column is cut in slices).

In-process threads over one file's columns, not a way to scale out: that is the Dask engine's
job (:mod:`analysis.dask_ingest`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor

import pyarrow as pa

# Rows per slice when a column's kernel runs on several threads.
SLICE_ROWS = 1 << 15
_NAME = "analysis-load"
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _forget_pool() -> None:
    global _pool, _pool_lock
    _pool, _pool_lock = None, threading.Lock()


if hasattr(os, "register_at_fork"):  # POSIX; Windows does not fork
    os.register_at_fork(after_in_child=_forget_pool)  # a forked child has the pool, no threads


def submit(function: Callable, items: Iterable) -> list[Future]:
    """Start ``function`` on each item on the loader's threads. Called from one of those
    threads, it runs at once in that thread (a pool waiting on itself would never finish)."""
    if threading.current_thread().name.startswith(_NAME):
        return [_done(function, item) for item in items]
    pool = _the_pool()
    return [pool.submit(function, item) for item in items]


def cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system tells)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _the_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:  # Dask's worker threads may ask for it at once
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=cores(), thread_name_prefix=_NAME)
        return _pool


def _done(function: Callable, item: object) -> Future:
    future: Future = Future()
    try:
        future.set_result(function(item))
    except Exception as exc:  # raised where the result is asked for, as from the pool
        future.set_exception(exc)
    return future


def in_threads(function: Callable, items: Iterable) -> list:
    """``function`` over ``items`` on the loader's threads, results in order."""
    return [future.result() for future in submit(function, items)]


def call(task: Callable[[], object]) -> object:
    """For :func:`in_threads` over tasks without arguments."""
    return task()


def slices(arr: pa.Array | pa.ChunkedArray) -> list[pa.Array | pa.ChunkedArray]:
    """``arr`` in slices of :data:`SLICE_ROWS` rows (views, no copies)."""
    return [arr.slice(i, SLICE_ROWS) for i in range(0, len(arr), SLICE_ROWS)]


def joined(results: list) -> pa.ChunkedArray:
    """The results of a kernel over :func:`slices`, as one column."""
    chunks = [c for r in results for c in (r.chunks if isinstance(r, pa.ChunkedArray) else [r])]
    return pa.chunked_array(chunks, type=results[0].type)
