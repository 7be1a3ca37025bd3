"""The analysis tables a notebook needs, computed once per corpus and parameters, then reused.

``tables(params)`` returns every table (articles, rejects, warnings, mentions, entities,
places, amounts, topic_labels, clusters) for a corpus and a set of parameters. Each stage
writes its Parquet file atomically under ``data/processed/stages/<key>/`` where ``<key>`` hashes
the corpus fingerprint, the parameters and the package's data files (gazetteer, provinces,
topic seeds); a stage whose file is there is
read back, not recomputed, so reruns with an unchanged corpus and parameters are fast, and an
interrupted run leaves only complete files (see :mod:`analysis.ingest`).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from analysis.config import PROCESSED_DATA_DIR, PROJECT_ROOT, RSS_CORPUS, VIETNAM_TZ
from analysis.ingest import ingest, read_manifest
from analysis.store import atomic_write_json, atomic_write_parquet, read_table

# Bump when a stage's output changes for the same input and parameters.
STAGE_VERSIONS = {"mentions": "1", "places": "1", "amounts": "1", "topics": "1"}


def _package_data_key() -> str:
    """A hash of the gazetteer, province table and topic seeds: an analyst who edits them
    gets fresh mentions and topics, not the cached ones."""
    from importlib import resources

    digest = hashlib.blake2b(digest_size=8)
    folder = resources.files("analysis").joinpath("data")
    for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".csv")):
        digest.update(name.encode() + folder.joinpath(name).read_bytes())
    return digest.hexdigest()


def shown_path(path: str) -> str:
    """A corpus path as a report may show it: never an absolute path of this machine.

    Relative paths stay as the user gave them; absolute ones become relative to the project
    root when they sit beside it (``../shared/...``), else just their name.
    """
    if not os.path.isabs(path):
        return path
    parent = PROJECT_ROOT.parent
    if os.path.commonpath([os.path.abspath(path), str(parent)]) == str(parent):
        return os.path.relpath(path, PROJECT_ROOT)
    return os.path.basename(os.path.normpath(path)) or path


@dataclass
class Params:
    """Everything that shapes the results; one home for the notebooks' parameters."""

    corpus: list[str] = field(default_factory=lambda: [str(RSS_CORPUS)])
    sample: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    random_state: int = 0
    n_clusters: int = 40
    cache_dir: str = str(PROCESSED_DATA_DIR)
    # The corpus as the user named it, for the reports (set from ``corpus``).
    corpus_shown: list[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        self.corpus_shown = [shown_path(str(p)) for p in self.corpus]
        # Notebooks run in notebooks/, the command line wherever the user is: make every path
        # absolute once, so both read the same files and share the same cache.
        self.corpus = [os.path.abspath(p) for p in self.corpus]
        self.cache_dir = os.path.abspath(self.cache_dir)

    @classmethod
    def from_values(cls, **values) -> Params:
        """Parameters from a notebook's parameters cell; None or [] means the default."""
        known = {
            k: v
            for k, v in values.items()
            if k in cls.__dataclass_fields__
            and cls.__dataclass_fields__[k].init
            and v is not None
            and v != []
        }
        if isinstance(known.get("corpus"), str):
            known["corpus"] = [known["corpus"]]
        return cls(**known)

    def values(self) -> dict:
        """The parameters a notebook takes (what ``from_values`` reads back)."""
        return {k: v for k, v in asdict(self).items() if self.__dataclass_fields__[k].init}

    def shown(self) -> dict:
        """The parameters as a shared report shows them: no paths of this machine."""
        values = self.values()
        values["corpus"] = self.corpus_shown
        values.pop("cache_dir")
        return values

    def key(self, *names: str) -> str:
        chosen = {n: getattr(self, n) for n in names}
        return hashlib.blake2b(
            json.dumps(chosen, sort_keys=True).encode(), digest_size=8
        ).hexdigest()


class EmptySelection(ValueError):
    """The corpus and filters leave no article to analyse; the message says which filter."""


def _day(value: str | None, name: str) -> pd.Timestamp | None:
    if not value:
        return None
    try:
        return pd.Timestamp(value).tz_localize(VIETNAM_TZ).normalize()
    except (ValueError, TypeError) as exc:
        raise EmptySelection(f"{name} {value!r} is not a date (YYYY-MM-DD)") from exc


def _why_nothing_loaded(loaded) -> str:
    if len(loaded.rejects) == 0:
        return "the corpus holds no input file"
    reasons = loaded.rejects["reason"].value_counts()
    listed = ", ".join(f"{count:,} {reason}" for reason, count in reasons.items())
    return f"the corpus holds no article: every input was rejected ({listed})"


def select(articles: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Articles in the date range, duplicates out, then a reproducible sample if asked.

    Raises :class:`EmptySelection`, naming the filter, when nothing is left.
    """
    selected = articles[~articles["is_duplicate"]]
    dates = selected["published_at"].fillna(selected["collected_at"])
    start, end = _day(params.date_from, "date_from"), _day(params.date_to, "date_to")
    if start is not None or end is not None:
        inside = dates.notna()
        if start is not None:
            inside &= dates >= start
        if end is not None:
            inside &= dates < end + pd.Timedelta(days=1)
        if not inside.any():
            span = dates.dropna()
            have = (
                f"the corpus's {len(span):,} dated articles run from {span.min():%Y-%m-%d} to "
                f"{span.max():%Y-%m-%d}"
                if len(span)
                else "no article of the corpus carries a date"
            )
            undated = int(dates.isna().sum())
            if len(span) and undated:
                have += f" ({undated:,} more carry no date)"
            bounds = " and ".join(
                f"{name} {value}"
                for name, value in (("date_from", params.date_from), ("date_to", params.date_to))
                if value
            )
            raise EmptySelection(f"no article is dated within {bounds}: {have}")
        selected = selected[inside]
    if params.sample and params.sample < len(selected):
        selected = selected.sample(params.sample, random_state=params.random_state)
    return selected.sort_values(["published_at", "article_id"], kind="stable").reset_index(
        drop=True
    )


def _cached(path: Path, build) -> pd.DataFrame:
    if path.is_file():
        return read_table(path)
    frame = build()
    atomic_write_parquet(path, frame)
    return frame


def tables(params: Params | None = None, progress: bool = True) -> dict[str, pd.DataFrame]:
    """Every analysis table for ``params`` (cached per stage under ``params.cache_dir``)."""
    from analysis.mentions import entities, extract_mentions
    from analysis.places import extract_amounts, extract_places

    params = params or Params()
    cache = Path(params.cache_dir)
    ingest_dir = cache / "ingest" / params.key("corpus")
    loaded, _ = ingest(params.corpus, ingest_dir, progress=progress)
    if loaded.articles.empty:
        raise EmptySelection(_why_nothing_loaded(loaded))
    articles = select(loaded.articles, params)
    manifest = read_manifest(ingest_dir)
    key = hashlib.blake2b(
        (
            manifest["fingerprint"]
            + params.key("sample", "date_from", "date_to", "random_state")
            + _package_data_key()
        ).encode(),
        digest_size=8,
    ).hexdigest()
    stage_dir = cache / "stages" / key
    out: dict[str, pd.DataFrame] = {
        "articles": articles,
        "rejects": loaded.rejects,
        "warnings": loaded.warnings,
        "duplicates": loaded.articles.loc[
            loaded.articles["is_duplicate"],
            ["article_id", "duplicate_of", "outlet", "published_at", "title", "url"],
        ].reset_index(drop=True),
    }
    v = STAGE_VERSIONS
    out["mentions"] = _cached(
        stage_dir / f"mentions-v{v['mentions']}.parquet",
        lambda: extract_mentions(articles, progress=progress),
    )
    out["entities"] = entities(out["mentions"])
    out["places"] = _cached(
        stage_dir / f"places-v{v['places']}.parquet", lambda: extract_places(articles)
    )
    out["amounts"] = _cached(
        stage_dir / f"amounts-v{v['amounts']}.parquet", lambda: extract_amounts(articles)
    )
    topics_path = stage_dir / f"topics-k{params.n_clusters}-v{v['topics']}.parquet"
    clusters_path = stage_dir / f"clusters-k{params.n_clusters}-v{v['topics']}.parquet"
    if topics_path.is_file() and clusters_path.is_file():
        out["topic_labels"] = read_table(topics_path)
        out["clusters"] = read_table(clusters_path)
    else:
        from analysis.topics import cluster_table, label_topics  # scikit-learn: only to fit

        labels, model = label_topics(
            articles,
            n_clusters=min(params.n_clusters, max(2, len(articles) // 20)),
            random_state=params.random_state,
            progress=progress,
        )
        clusters = cluster_table(labels, model)
        atomic_write_parquet(clusters_path, clusters)
        atomic_write_parquet(topics_path, labels)
        out["topic_labels"], out["clusters"] = labels, clusters
    atomic_write_json(
        stage_dir / "params.json",
        {**params.values(), "corpus_fingerprint": manifest["fingerprint"]},
    )
    out["corpus_fingerprint"] = manifest["fingerprint"]
    return out
