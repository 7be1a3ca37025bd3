"""Column-wise cleaning of text and dates, vectorised with pyarrow for corpus-sized tables.

Only the rare values that need Python (HTML entities, mojibake, non-NFC text, non-ISO dates)
leave the vectorised path, so a 178,638-row feed cleans in well under a second.
"""

from __future__ import annotations

from datetime import datetime

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
    if len(values) == 0:
        return pd.Series([], dtype="str", index=values.index)
    arr = _to_arrow_strings(values)
    needs = pc.fill_null(pc.match_substring_regex(arr, NEEDS_REPAIR_PATTERN), False)
    arr = pc.utf8_trim_whitespace(arr)
    out = pd.Series(arr.to_pandas(), index=values.index, dtype="str")
    mask = needs.to_numpy(zero_copy_only=False)
    if mask.any():
        originals = values[mask]
        out[mask] = [clean_field(v) for v in originals.tolist()]
    return out.mask(out == "")


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
    iso = pc.fill_null(pc.match_substring_regex(arr, _ISO_LIKE), False)
    date_only = pc.fill_null(pc.match_substring_regex(arr, _DATE_ONLY), False)
    arr = pc.if_else(date_only, pc.binary_join_element_wise(arr, "T00:00:00", ""), arr)
    has_offset = pc.fill_null(pc.match_substring_regex(arr, _HAS_OFFSET), False)
    with_tz = pc.if_else(has_offset, arr, pc.binary_join_element_wise(arr, "+07:00", ""))
    iso_mask = iso.to_numpy(zero_copy_only=False)
    if iso_mask.any():
        strings = pd.Series(with_tz.to_pandas(), index=index)[iso_mask]
        parsed = pd.to_datetime(strings, format="ISO8601", utc=True, errors="coerce")
        result[iso_mask] = parsed.dt.tz_convert(VIETNAM_TZ).astype(result.dtype)
    raw = pd.Series(arr.to_pandas(), index=index, dtype="str")
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
