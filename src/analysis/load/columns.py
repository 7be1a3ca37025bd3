"""Column-wise cleaning of text and dates, vectorised with pyarrow for corpus-sized tables.

Only the rare values that need Python (HTML entities, mojibake, non-NFC text, non-ISO dates)
leave the vectorised path, so a 178,638-row feed cleans in well under a second.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.config import VIETNAM_TZ
from analysis.load.dates import IMPOSSIBLE_DATE, UNREADABLE_DATE, parse_date_line
from analysis.load.textio import NEEDS_REPAIR_PATTERN, clean_field

_ISO_OFFSET_NEAR_VN = r"\+07:?(?:0\d|10)$"
_HAS_OFFSET = r"(?:Z|[+-]\d\d:?\d\d)$"
_ISO_LIKE = r"^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?)?"
_DATE_ONLY = r"^\d{4}-\d\d-\d\d$"
_ISO_SECONDS = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"
_NAT = np.iinfo(np.int64).min
_MONTH_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def _to_arrow_strings(values: pd.Series) -> pa.ChunkedArray | pa.Array:
    if isinstance(values.dtype, pd.ArrowDtype) or str(values.dtype) in {"str", "string"}:
        arr = pa.array(values, from_pandas=True)
    else:
        arr = pa.array(
            [None if v is None or v != v else str(v) for v in values.tolist()], type=pa.string()
        )
    if not pa.types.is_string(arr.type):
        arr = pc.cast(arr, pa.string())
    return arr


def clean_text_column(values: pd.Series) -> pd.Series:
    """NFC, trimmed, entities and mojibake repaired; blank becomes null."""
    if len(values) == 0 or values.isna().all():
        return pd.Series(None, index=values.index, dtype="str")
    arr = _to_arrow_strings(values)
    needs = pc.fill_null(pc.match_substring_regex(arr, NEEDS_REPAIR_PATTERN), False)
    arr = pc.utf8_trim_whitespace(arr)
    arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, arr.type), arr)
    out = pd.Series(arr, index=values.index, dtype="str")
    if pc.any(needs).as_py():
        where = np.flatnonzero(needs.to_numpy(zero_copy_only=False))
        out.iloc[where] = [clean_field(v) for v in values.iloc[where].tolist()]
    return out


def _fixed_width_fields(
    arr: pa.ChunkedArray | pa.Array, mask: np.ndarray, fields: list[tuple[int, int]]
) -> list[np.ndarray]:
    """Integers at fixed byte ranges of the masked values, read straight from Arrow's buffers
    (the caller knows these values are ASCII digits at those places)."""
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    values: list[list[np.ndarray]] = [[] for _ in fields]
    at = 0
    for chunk in chunks:
        size = len(chunk)
        wanted = mask[at : at + size]
        at += size
        if not wanted.any():
            continue
        kind = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(chunk.buffers()[1], dtype=kind)
        starts = offsets[chunk.offset : chunk.offset + size][wanted].astype(np.int64)
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)
        for out, (first, stop) in zip(values, fields, strict=True):
            number = np.zeros(len(starts), dtype=np.int64)
            for k in range(first, stop):
                number = number * 10 + (data[starts + k].astype(np.int64) - 48)
            out.append(number)
    return [np.concatenate(v) if v else np.zeros(0, dtype=np.int64) for v in values]


def _plausible_iso_seconds(arr: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Values of the form ``2024-12-09T14:34:25+07:00`` whose fields are in range: Arrow's
    ``strptime`` would roll 30 February over into March instead of refusing it."""
    mask = pc.fill_null(pc.match_substring_regex(arr, _ISO_SECONDS), False)
    mask = mask.to_numpy(zero_copy_only=False)
    if not mask.any():
        return mask
    spans = [(0, 4), (5, 7), (8, 10), (11, 13), (14, 16), (17, 19), (20, 22), (23, 25)]
    year, month, day, hour, minute, second, off_h, off_m = _fixed_width_fields(arr, mask, spans)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    in_month = _MONTH_DAYS[np.clip(month, 1, 12) - 1] + (leap & (month == 2))
    fine = (
        (month >= 1)
        & (month <= 12)
        & (day >= 1)
        & (day <= in_month)
        & (hour <= 23)
        & (minute <= 59)
        & (second <= 59)
        & (off_h <= 14)
        & (off_m <= 59)
    )
    mask[mask] = fine
    return mask


def parse_datetime_column(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Timestamps into Vietnam time: datetimes as they are, text parsed.

    Readers that parsed a date themselves (a page's date line, a URL's timestamp) pass a
    ``datetime``; it is only converted. Text in ISO 8601 is parsed vectorised; offsets within
    ten minutes of +07:00 are time-zone database artefacts and read as Vietnam wall-clock time;
    values without an offset are Vietnam time. Anything else goes through the Vietnamese
    date-line parser. Returns the parsed series and, for values that could not be parsed, the
    kind of problem (``impossible date``, ``unreadable date``) and its detail (null where fine).
    """
    index = values.index
    result = pd.Series(pd.NaT, index=index, dtype=f"datetime64[us, {VIETNAM_TZ}]")
    warnings = pd.Series(None, index=index, dtype="str")
    details = pd.Series(None, index=index, dtype="str")
    if len(values) == 0:
        return result, warnings, details
    if values.dtype == object:
        stamps = values.map(lambda v: isinstance(v, datetime)).astype(bool)
        if stamps.any():
            parsed = pd.to_datetime(values[stamps].tolist(), utc=True).tz_convert(VIETNAM_TZ)
            result[stamps] = parsed.astype(result.dtype)
            values = values.where(~stamps, None)
    arr = pc.utf8_trim_whitespace(_to_arrow_strings(values))
    arr = pc.replace_substring_regex(arr, _ISO_OFFSET_NEAR_VN, "+07:00")
    # The common form (seconds, an offset) in C++; other ISO forms through pandas.
    fast = pc.strptime(arr, format="%Y-%m-%dT%H:%M:%S%z", unit="us", error_is_null=True)
    fast = pc.if_else(_plausible_iso_seconds(arr), fast, None)
    if fast.null_count:
        iso = pc.fill_null(pc.match_substring_regex(arr, _ISO_LIKE), False)
        rest = pc.and_(iso, pc.is_null(fast)).to_numpy(zero_copy_only=False)
    else:
        rest = np.zeros(len(arr), dtype=bool)
    micros = pc.fill_null(fast.cast(pa.int64()), _NAT).to_numpy(zero_copy_only=False).copy()
    if rest.any():
        date_only = pc.fill_null(pc.match_substring_regex(arr, _DATE_ONLY), False)
        text = pc.if_else(date_only, pc.binary_join_element_wise(arr, "T00:00:00", ""), arr)
        has_offset = pc.fill_null(pc.match_substring_regex(text, _HAS_OFFSET), False)
        with_tz = pc.if_else(has_offset, text, pc.binary_join_element_wise(text, "+07:00", ""))
        strings = pd.Series(with_tz, index=index, dtype="str")[rest]
        parsed = pd.to_datetime(strings, format="ISO8601", utc=True, errors="coerce")
        micros[rest] = parsed.astype("datetime64[us, UTC]").array.asi8
    parsed_all = pd.DatetimeIndex(micros.view("datetime64[us]")).tz_localize("UTC")
    fresh = pd.Series(parsed_all.tz_convert(VIETNAM_TZ), index=index)
    result = result.where(result.notna(), fresh)
    raw = pd.Series(arr, index=index, dtype="str")
    todo = result.isna() & raw.notna() & (raw != "")
    for key, text in raw[todo].items():
        line = parse_date_line(text)
        if line is None:
            warnings[key], details[key] = UNREADABLE_DATE, f"{UNREADABLE_DATE} {text!r}"
        elif line.value is None:
            warnings[key], details[key] = IMPOSSIBLE_DATE, f"{line.problem}: {text!r}"
        else:
            result[key] = pd.Timestamp(line.value).tz_convert(VIETNAM_TZ)
    return result, warnings, details
