"""One reader per input format. Each turns one file into a :class:`Batch` of raw article rows
and rejects; :mod:`analysis.load.finalize` cleans, dates, ids and flags them.

Formats are detected from content, not from file names (an explicit ``fmt`` overrides).
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.json as pj

from analysis.config import VIETNAM_TIME
from analysis.load.columns import null_strings
from analysis.load.dates import IMPOSSIBLE_DATE
from analysis.load.fields import (
    MAPPABLE,
    FieldMap,
    date_from_url,
    get_path,
    guess_field_map,
    outlet_from_url,
)
from analysis.load.page import parse_page
from analysis.load.textio import NotText, clean_text, decode_bytes, read_buffer
from analysis.load.threads import call, in_threads

FORMATS = ("page", "jsonl", "json", "dantri", "html", "csv", "parquet")

RAW_COLUMNS = (
    "source_path",
    "source_format",
    "source_line",
    "id_scope",
    *MAPPABLE,
    "captions",
    "related",
    "date_warning",
    "date_detail",
)


@dataclass
class Batch:
    # A frame for corpus files, a list of row dicts for one-article files (cheaper by far).
    rows: pd.DataFrame | list[dict]
    rejects: list[dict] = field(default_factory=list)


def _frame(records: list[dict]) -> pd.DataFrame:
    return pd.DataFrame.from_records(records, columns=list(RAW_COLUMNS))


def combine(batches: list[Batch]) -> pd.DataFrame | None:
    """All rows of ``batches`` in reading order, in one frame."""
    frames: list[pd.DataFrame] = []
    pending: list[dict] = []
    for batch in batches:
        if isinstance(batch.rows, list):
            pending.extend(batch.rows)
            continue
        if pending:
            frames.append(_frame(pending))
            pending = []
        if len(batch.rows):
            frames.append(batch.rows)
    if pending:
        frames.append(_frame(pending))
    return pd.concat(frames, ignore_index=True) if frames else None


def reject(path: str, reason: str, fmt: str | None = None, line=None, detail=None) -> dict:
    return {
        "source_path": path,
        "source_format": fmt,
        "line": line,
        "reason": reason,
        "detail": detail,
    }


# ---------------------------------------------------------------- detection

_DANTRI_HEADER = re.compile(r"^#\s*[\w.-]+\s*=\s*", re.MULTILINE)
_HTML_MARK = re.compile(r"<(?:!doctype\s+html|html|head|body|article|meta|title)\b", re.I)


HEAD_BYTES = 65536  # what format detection reads


def detect_format(head: bytes) -> str:
    """Name the format of a file from its first bytes (decompressed)."""
    if head.startswith(b"PAR1"):
        return "parquet"
    head = head[:HEAD_BYTES]
    cut = head.rfind(b"\n")
    if cut > 0 and len(head) == HEAD_BYTES:
        head = head[:cut]  # never decode half a multi-byte character
    text, _ = decode_bytes(head)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return "jsonl"
    if stripped.startswith("["):
        return "json"
    if _HTML_MARK.search(stripped[:4096]):
        return "html"
    first_lines = stripped.split("\n", 3)[:3]
    if sum(1 for line in first_lines if _DANTRI_HEADER.match(line)) >= 2:
        return "dantri"
    header = first_lines[0] if first_lines else ""
    if (
        len(first_lines) > 1
        and re.fullmatch(r"\s*\"?[\w .-]+\"?(?:\s*[,;\t]\s*\"?[\w .-]+\"?)+\s*", header)
        and re.search(r"(?i)\b(title|headline|tieu_de)\b", header)
    ):
        return "csv"
    return "page"


# ---------------------------------------------------------------- pages


def read_page(path: str, data: bytes) -> Batch:
    text = clean_text(decode_bytes(data)[0])
    page = parse_page(text)
    if not page.title:
        return Batch([], [reject(path, "no title", "page", detail="page has no title line")])
    row = {
        "source_path": path,
        "source_format": "page",
        "id_scope": "page",
        "category": page.category,
        "title": page.title,
        "lead": page.lead,
        "body": "\n\n".join(page.body) or None,
        "author": page.author,
        "published_at": page.published_at,
        "captions": page.captions,
        "related": page.related,
        "date_warning": IMPOSSIBLE_DATE if page.date_problem else None,
        "date_detail": f"{page.date_problem}: {page.date_line!r}" if page.date_problem else None,
    }
    return Batch([row])


# ---------------------------------------------------------------- Dân Trí files


def _fold(text: str) -> list[str]:
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return re.findall(r"[a-z0-9]+", text.lower())


def _matches_slug(line: str, url: str | None) -> bool:
    if not url:
        return False
    slug = re.sub(r"-?\d{8,}\.\w+$", "", url.rstrip("/").rsplit("/", 1)[-1])
    slug_tokens = set(_fold(slug.replace("-", " ")))
    line_tokens = set(_fold(line))
    if not slug_tokens or not line_tokens:
        return False
    overlap = len(slug_tokens & line_tokens)
    return overlap / len(slug_tokens) >= 0.6 and overlap / len(line_tokens) >= 0.5


def read_dantri(path: str, data: bytes) -> Batch:
    """``# key = value`` header lines, then one sentence a line.

    Most files start mid-article: the first line is the title only when it matches the URL
    slug; otherwise ``title`` stays null and every line is body.
    """
    text = clean_text(decode_bytes(data)[0])
    header: dict[str, str] = {}
    lines: list[str] = []
    for line in text.split("\n"):
        match = re.match(r"^#\s*([\w.-]+)\s*=\s*(.*)$", line)
        if match and not lines:
            header[match.group(1).lower()] = match.group(2).strip()
        elif line.strip():
            lines.append(line.strip())
    url = header.get("url")
    if not lines:
        return Batch([], [reject(path, "no text", "dantri", detail="header only")])
    title = None
    if _matches_slug(lines[0], url):
        title, lines = lines[0], lines[1:]
    published = date_from_url(url)
    day = header.get("date")
    if day and re.fullmatch(r"\d{8}", day):
        try:
            header_day = datetime(int(day[:4]), int(day[4:6]), int(day[6:]), tzinfo=VIETNAM_TIME)
        except ValueError:
            header_day = None
        if header_day is not None and (published is None or published.date() != header_day.date()):
            published = header_day
    category = re.match(r"^[a-z]+_([a-z]+)_\d+", Path(path).name)
    row = {
        "source_path": path,
        "source_format": "dantri",
        "id_scope": "dantri",
        "source_id": header.get("doc_id"),
        "url": url,
        "outlet": "Dân Trí",
        "category": category.group(1) if category else header.get("category"),
        "title": title,
        "body": "\n\n".join(lines) or None,
        "published_at": published,
    }
    return Batch([row])


# ---------------------------------------------------------------- JSON


def _map_records(
    path: str, fmt: str, items: Iterable[tuple[int, object]], fmap: FieldMap | None
) -> Batch:
    rows: list[dict] = []
    rejects: list[dict] = []
    for line, record in items:
        if not isinstance(record, Mapping):
            rejects.append(reject(path, "not a JSON object", fmt, line, type(record).__name__))
            continue
        current = fmap or guess_field_map(set(record))
        row = {column: get_path(record, source) for column, source in current.fields.items()}
        row.update({k: v for k, v in current.constants.items() if row.get(k) is None})
        if current.date_from_url and row.get("published_at") is None:
            row["published_at"] = date_from_url(row.get("url"))
        title = row.get("title")
        if title is None or not str(title).strip():
            rejects.append(reject(path, "no title", fmt, line))
            continue
        for key in ("source_id", "title", "lead", "body", "url", "category", "author", "outlet"):
            value = row.get(key)
            if value is not None and not isinstance(value, str):
                row[key] = (
                    json.dumps(value, ensure_ascii=False)
                    if isinstance(value, dict | list)
                    else str(value)
                )
        if current.no_category and row.get("category") in current.no_category:
            row["category"] = None
        row.update(
            source_path=path,
            source_format=fmt,
            source_line=line,
            id_scope=current.name,
        )
        rows.append(row)
    return Batch(_frame(rows), rejects)


def read_json(path: str, data: bytes, fmap: FieldMap | None) -> Batch:
    text = decode_bytes(data)[0]
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        return Batch([], [reject(path, "invalid JSON", "json", detail=str(exc))])
    if isinstance(document, Mapping):
        # A single object, or an object wrapping the list of records.
        lists = [v for v in document.values() if isinstance(v, list)]
        document = lists[0] if len(lists) == 1 and "title" not in document else [document]
    return _map_records(path, "json", enumerate(document, start=1), fmap)


def _jsonl_items(path: str, text: str, rejects: list[dict]) -> Iterable[tuple[int, object]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            rejects.append(reject(path, "invalid JSON", "jsonl", number, exc.msg))


def _count_newlines(buffer: pa.Buffer) -> tuple[int, bool]:
    """Newlines in ``buffer`` and whether it ends with one, in bounded memory."""
    view = np.frombuffer(buffer, dtype=np.uint8)
    step = 1 << 24
    count = sum(int(np.count_nonzero(view[i : i + step] == 10)) for i in range(0, len(view), step))
    return count, bool(len(view)) and view[-1] == 10


def _fast_jsonl(path: str, buffer: pa.Buffer, fmap: FieldMap | None) -> Batch | None:
    """pyarrow's multithreaded reader for clean, flat JSON Lines; None means take the slow path."""
    head = buffer[:HEAD_BYTES].to_pybytes()
    if head.startswith(b"\xef\xbb\xbf") or b"\r" in head:
        return None
    try:
        end, size = head.find(b"\n"), HEAD_BYTES
        while end < 0 and size < buffer.size:  # a first line longer than the head
            size *= 4
            head = buffer[:size].to_pybytes()
            end = head.find(b"\n")
        first = head[:end] if end >= 0 else head
        keys = set(json.loads(first))
        current = fmap or guess_field_map(keys)
        if any("." in s or "[" in s for s in current.fields.values()) or current.date_from_url:
            return None
        # Date fields are read as text: pyarrow would otherwise turn ISO timestamps into
        # naive UTC and drop the offset we need. Other fields keep their inferred type.
        dates = {current.fields.get(c) for c in ("published_at", "collected_at")} - {None}
        schema = pa.schema([(name, pa.string()) for name in sorted(dates)])
        read = partial(
            pj.read_json,
            pa.BufferReader(buffer),
            parse_options=pj.ParseOptions(explicit_schema=schema),
            read_options=pj.ReadOptions(block_size=1 << 24),
        )
        # Lines are counted while pyarrow parses.
        (newlines, ends_with_newline), table = in_threads(
            call, [partial(_count_newlines, buffer), read]
        )
    except (pa.ArrowInvalid, json.JSONDecodeError, TypeError, ValueError):
        return None
    lines = newlines + (0 if ends_with_newline else 1)
    if table.num_rows != lines:
        return None  # blank lines: line numbers would not match, so read line by line
    frame = pd.DataFrame(index=pd.RangeIndex(table.num_rows))
    for column, source in current.fields.items():
        if source not in table.column_names:
            continue
        values = table.column(source)
        if not pa.types.is_string(values.type) and not pa.types.is_large_string(values.type):
            if not (pa.types.is_integer(values.type) or pa.types.is_null(values.type)):
                return None  # nested or odd values: the record mapper handles them
            values = values.cast(pa.string())
        frame[column] = values.to_pandas()
    for column, value in current.constants.items():
        if column not in frame or frame[column].isna().all():
            frame[column] = value
    title = frame.get("title")
    if title is None:
        return None
    missing = title.isna() | (title.str.strip() == "")
    rejects = [
        reject(path, "no title", "jsonl", int(i) + 1) for i in np.flatnonzero(missing.to_numpy())
    ]
    if rejects:
        frame = frame[~missing.to_numpy()]
    if current.no_category and "category" in frame:
        frame["category"] = frame["category"].where(
            ~frame["category"].isin(list(current.no_category))
        )
    frame["source_line"] = frame.index + 1
    frame["source_path"] = path
    frame["source_format"] = "jsonl"
    frame["id_scope"] = current.name
    frame = frame.reset_index(drop=True)
    # Columns the file lacks are null text, built by Arrow: pandas' reindex fills them with
    # NaN objects one by one (20 ms for the RSS feed's eight missing columns).
    missing = {name: null_strings(frame.index) for name in RAW_COLUMNS if name not in frame}
    return Batch(pd.concat([frame, pd.DataFrame(missing)], axis=1)[list(RAW_COLUMNS)], rejects)


def read_jsonl(path: str, buffer: pa.Buffer, fmap: FieldMap | None) -> Batch:
    fast = _fast_jsonl(path, buffer, fmap)
    if fast is not None:
        return fast
    text = decode_bytes(buffer.to_pybytes())[0]
    rejects: list[dict] = []
    batch = _map_records(path, "jsonl", _jsonl_items(path, text, rejects), fmap)
    batch.rejects[:0] = rejects
    batch.rejects.sort(key=lambda r: r["line"] or 0)
    return batch


# ---------------------------------------------------------------- HTML


def read_html(path: str, data: bytes) -> Batch:
    """Saved article pages: title, date and main text through trafilatura, never raw markup."""
    import trafilatura

    text = decode_bytes(data)[0]
    document = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None:
        return Batch([], [reject(path, "no article text", "html")])
    meta = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    title = meta.get("title")
    if not title:
        return Batch([], [reject(path, "no title", "html")])
    body = meta.get("text") or ""
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    lead = meta.get("description")
    if lead and paragraphs and paragraphs[0] == lead.strip():
        paragraphs = paragraphs[1:]
    categories = meta.get("categories")
    row = {
        "source_path": path,
        "source_format": "html",
        "id_scope": "html",
        "url": meta.get("url"),
        "outlet": meta.get("sitename") or outlet_from_url(meta.get("url")),
        "category": "; ".join(categories) if isinstance(categories, list) and categories else None,
        "title": title,
        "lead": lead,
        "body": "\n\n".join(paragraphs) or None,
        "author": meta.get("author"),
        "published_at": meta.get("date"),
    }
    return Batch([row])


# ---------------------------------------------------------------- CSV and Parquet


def _read_table(path: str, fmt: str, frame: pd.DataFrame, fmap: FieldMap | None) -> Batch:
    frame = frame.astype(object).where(frame.notna(), None)
    records = frame.to_dict(orient="records")
    return _map_records(path, fmt, enumerate(records, start=1), fmap)


def read_csv(path: str, data: bytes, fmap: FieldMap | None) -> Batch:
    text = decode_bytes(data)[0].lstrip("\ufeff")
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, sep=None, engine="python"
        )
    except (pd.errors.ParserError, ValueError) as exc:
        return Batch([], [reject(path, "invalid CSV", "csv", detail=str(exc))])
    frame = frame.replace("", None)
    return _read_table(path, "csv", frame, fmap)


def read_parquet(path: str, data: bytes, fmap: FieldMap | None) -> Batch:
    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except (pa.ArrowInvalid, OSError, ValueError) as exc:
        return Batch([], [reject(path, "invalid Parquet", "parquet", detail=str(exc))])
    return _read_table(path, "parquet", frame, fmap)


# A reader per format, each given the file's buffer: JSON Lines are parsed in place by
# pyarrow, the other formats are decoded from a copy as bytes.
Reader = Callable[[str, pa.Buffer, FieldMap | None], Batch]


def _from_bytes(reader: Callable[[str, bytes, FieldMap | None], Batch]) -> Reader:
    return lambda path, data, fmap: reader(path, data.to_pybytes(), fmap)


READERS: dict[str, Reader] = {
    "page": _from_bytes(lambda path, data, _fmap: read_page(path, data)),
    "dantri": _from_bytes(lambda path, data, _fmap: read_dantri(path, data)),
    "html": _from_bytes(lambda path, data, _fmap: read_html(path, data)),
    "jsonl": read_jsonl,
    "json": _from_bytes(read_json),
    "csv": _from_bytes(read_csv),
    "parquet": _from_bytes(read_parquet),
}


def read_file(path: Path, fmt: str | None, fmap: FieldMap | None) -> Batch:
    """Read one file of any supported format; every failure becomes a reject, never a crash."""
    from analysis.load.urls import redact

    shown = redact(str(path))
    try:
        data = read_buffer(path)
        head = data[:HEAD_BYTES].to_pybytes()
        if not data.size or (head.isspace() and data.to_pybytes().isspace()):
            return Batch([], [reject(shown, "empty file", fmt)])
        fmt = fmt or detect_format(head)
        if fmt not in READERS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {FORMATS}")
        return READERS[fmt](shown, data, fmap)
    except NotText as exc:
        return Batch([], [reject(shown, exc.reason, fmt, detail=exc.detail)])
    except OSError as exc:
        return Batch([], [reject(shown, "unreadable file", fmt, detail=str(exc))])
