"""What a corpus carries, so that every notebook says what it cannot show instead of failing.

Corpora differ in what they hold: page dumps carry no outlet and no URL, and some no date;
baomoi carries a collection date but no publication date; Dân Trí files often no title; RSS
items no body. :func:`profile` counts what is there, :meth:`Profile.lacks` gives the sentence
a notebook prints where a chart needs what is missing, and :func:`outlets` names a missing
outlet ``(unknown)`` where a breakdown by outlet still makes sense (a mix of RSS and pages).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.trends import Coverage, steady_coverage

UNKNOWN_OUTLET = "(unknown)"

_LACKS = {
    "outlet": "this corpus carries no outlet (page dumps name none): no per-outlet charts.",
    "published_at": (
        "this corpus carries no publication date (page dumps without a date line, or only "
        "a collection date): no charts over time."
    ),
    "title": "this corpus carries no titles.",
    "lead": "this corpus carries no leads.",
    "body": "this corpus carries no body text (RSS items hold a title and a lead only).",
    "url": "this corpus carries no URLs: articles are shown without links.",
}


@dataclass(frozen=True)
class Profile:
    """How many articles carry each field, and the dated span."""

    article_count: int
    counts: dict[str, int]
    first_published: pd.Timestamp | None
    last_published: pd.Timestamp | None
    coverage: Coverage | None = None  # the span the corpus covers steadily (analysis.trends)

    def has(self, column: str) -> bool:
        return self.counts.get(column, 0) > 0

    def lacks(self, column: str) -> str:
        """The sentence a notebook prints where it needs ``column`` and the corpus has none."""
        return _LACKS.get(column, f"this corpus carries no {column}.")

    def summary(self) -> str:
        parts = [f"{self.article_count:,} articles"]
        for column in ("outlet", "published_at", "url", "title", "lead", "body"):
            count = self.counts.get(column, 0)
            if count < self.article_count:
                parts.append(f"{count:,} with {column.replace('published_at', 'a date')}")
        if self.first_published is not None:
            span = f"dated {self.first_published:%Y-%m-%d} to {self.last_published:%Y-%m-%d}"
            steady = self.coverage
            if steady is not None and steady.judged and steady.outside_count:
                # A few stray items months before a feed began: say where the bulk lies.
                span += (
                    f" (steadily {steady.start:%Y-%m-%d} to {steady.end:%Y-%m-%d}; "
                    f"{steady.outside_count:,} dated outside that)"
                )
            parts.append(span)
        return "; ".join(parts)


def profile(articles: pd.DataFrame) -> Profile:
    """Count what ``articles`` carry (non-blank values per column)."""
    counts = {}
    for column in ("outlet", "published_at", "url", "title", "lead", "body"):
        if column not in articles:
            counts[column] = 0
            continue
        values = articles[column]
        present = values.notna()
        if values.dtype == object or str(values.dtype) in ("str", "string"):
            present &= values.astype("str").str.strip() != ""
        counts[column] = int(present.sum())
    dates = articles["published_at"].dropna() if "published_at" in articles else pd.Series()
    aware = len(dates) and isinstance(dates.dtype, pd.DatetimeTZDtype)  # as the loader gives
    return Profile(
        article_count=len(articles),
        counts=counts,
        first_published=dates.min() if len(dates) else None,
        last_published=dates.max() if len(dates) else None,
        coverage=steady_coverage(articles) if aware else None,
    )


def outlets(articles: pd.DataFrame) -> pd.Series:
    """Each article's outlet, ``(unknown)`` where the source names none."""
    if "outlet" not in articles:
        return pd.Series(UNKNOWN_OUTLET, index=articles.index, dtype="str")
    return articles["outlet"].fillna(UNKNOWN_OUTLET).astype("str")
