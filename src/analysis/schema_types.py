"""How a table's schema is declared: :class:`Field`, :class:`TableSchema` and :func:`conform`.

The declarations themselves are in :mod:`analysis.schemas`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
from pandera.engines import pandas_engine

from analysis.config import VIETNAM_TZ

STRING = "str"
DATETIME_VN = pandas_engine.DateTime(tz=VIETNAM_TZ, unit="us")
STRING_LIST = pd.ArrowDtype(pa_arrow.list_(pa_arrow.string()))
FLOAT_LIST = pd.ArrowDtype(pa_arrow.list_(pa_arrow.float64()))
_LISTS = {STRING_LIST: "list<string>", FLOAT_LIST: "list<double>"}


@dataclass(frozen=True)
class _Text(pandas_engine.STRING):
    """pandera's check of pandas' ``str`` dtype, answered from the dtype alone: a column of
    that dtype holds text or nulls and nothing else. pandera's own answers with one flag per
    value, then builds (empty) failure cases and their message, about a millisecond per
    column of 178,638 rows even when the column passes. Unlike it, this refuses columns of
    ``object`` dtype: our tables hold text in ``str`` columns (:func:`conform`)."""

    def check(self, pandera_dtype, data_container=None) -> bool:
        try:
            resolved = pandas_engine.Engine.dtype(pandera_dtype)
        except TypeError:
            return False
        return resolved.type == self.type

    def __str__(self) -> str:
        return STRING


_TEXT = _Text()


@dataclass(frozen=True)
class Field:
    name: str
    dtype: object
    nullable: bool
    description: str
    unique: bool = False

    @property
    def dtype_label(self) -> str:
        if self.dtype is DATETIME_VN:
            return f"datetime64[us, {VIETNAM_TZ}]"
        if self.dtype in _LISTS:
            return _LISTS[self.dtype]
        return str(self.dtype)


@dataclass(frozen=True)
class TableSchema:
    name: str
    description: str
    fields: tuple[Field, ...]

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def dtypes(self) -> dict[str, object]:
        return {
            f.name: (f"datetime64[us, {VIETNAM_TZ}]" if f.dtype is DATETIME_VN else f.dtype)
            for f in self.fields
        }

    def pandera(self, unique_known: Collection[str] = ()) -> pa.DataFrameSchema:
        """The pandera schema; ``unique_known`` names unique columns whose uniqueness the
        caller has checked already (their check is left out)."""
        unknown = set(unique_known) - {f.name for f in self.fields if f.unique}
        if unknown:
            raise ValueError(f"{self.name} has no unique column {sorted(unknown)}")
        return pa.DataFrameSchema(
            {
                f.name: pa.Column(
                    _TEXT if f.dtype == STRING else f.dtype,
                    nullable=f.nullable,
                    unique=f.unique and f.name not in unique_known,
                )
                for f in self.fields
            },
            name=self.name,
            strict=True,
            ordered=True,
        )

    def empty(self) -> pd.DataFrame:
        """A zero-row frame with the right columns and dtypes."""
        return conform(pd.DataFrame({c: [] for c in self.columns}), self)

    def validate(self, df: pd.DataFrame, unique_known: Collection[str] = ()) -> pd.DataFrame:
        """``df`` checked against the schema (all problems reported at once); see
        :meth:`pandera` for ``unique_known``."""
        return self.pandera(unique_known).validate(df, lazy=True)

    def markdown(self) -> str:
        rows = [
            f"### `{self.name}`",
            "",
            self.description,
            "",
            "| column | dtype | nullable | meaning |",
            "|---|---|---|---|",
        ]
        for f in self.fields:
            null = "yes" if f.nullable else "no"
            meaning = f.description + (" Unique." if f.unique else "")
            rows.append(f"| `{f.name}` | `{f.dtype_label}` | {null} | {meaning} |")
        return "\n".join(rows)


def conform(df: pd.DataFrame, schema: TableSchema) -> pd.DataFrame:
    """Put ``df``'s columns in schema order with schema dtypes (missing columns become null)."""
    out = {}
    for f in schema.fields:
        col = df[f.name] if f.name in df.columns else pd.Series([None] * len(df), index=df.index)
        if f.dtype is DATETIME_VN:
            col = (
                pd.to_datetime(col, utc=True)
                .dt.tz_convert(VIETNAM_TZ)
                .astype(f"datetime64[us, {VIETNAM_TZ}]")
            )
        elif f.dtype in _LISTS and col.dtype == f.dtype:
            pass
        elif f.dtype in _LISTS:
            col = col.map(lambda v: list(v) if v is not None else [], na_action=None)
            col = pd.Series(pd.array(col.tolist(), dtype=f.dtype), index=df.index, name=f.name)
        else:
            col = col.astype(f.dtype)
        out[f.name] = col
    return pd.DataFrame(out, index=df.index).reset_index(drop=True)
