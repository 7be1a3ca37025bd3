"""The analysis tables, computed once per corpus and parameters, then reused.

``tables(params)`` gives every table of a corpus: the selected ``articles`` (duplicates out,
date range, sample), ``rejects``, ``warnings`` and ``duplicates`` from the loader, then what
each stage of :data:`STAGES` makes from them (mentions, entities, places, amounts,
topic_labels, clusters). The stages are declared once, as data: what each needs, its
schema, the parameters it reads and its version. From that declaration come the order they
run in, their cache keys and their files: ``<cache_dir>/stages/<key>/<table>.parquet``, where
the key hashes the corpus fingerprint, the selection, the stage's own parameters and
version, the package's data files (gazetteer, lexicons, seeds) and the keys of the stages it
needs. A stage whose file is there is read back (checked against its schema), not recomputed;
an interrupted run leaves only complete files (:mod:`analysis.store`). Tables are built when
first asked for, so a notebook that reads only mentions never fits the topic model.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pandas as pd

from analysis import stages
from analysis.config import PROCESSED_DATA_DIR, PROJECT_ROOT, RSS_CORPUS, VIETNAM_TZ
from analysis.ingest import ingest
from analysis.load.urls import redact
from analysis.schemas import (
    AMOUNTS,
    CLUSTERS,
    ENTITIES,
    EVENTS,
    MENTIONS,
    PLACES,
    TOPIC_LABELS,
    TRACKER,
    TREND_DAYS,
    TableSchema,
    dated_at,
)
from analysis.store import (
    atomic_write_json,
    atomic_write_parquet,
    is_complete,
    location,
    read_manifest,
    read_table,
)


@cache
def package_data_key() -> str:
    """A hash of the package's data files (gazetteer, lexicons, topic seeds ...): an analyst
    who edits them gets fresh tables (and a freshly fitted event model), not the cached
    ones."""
    from importlib import resources

    digest = hashlib.blake2b(digest_size=8)
    folder = resources.files("analysis").joinpath("data")
    for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".csv")):
        digest.update(name.encode() + folder.joinpath(name).read_bytes())
    return digest.hexdigest()


def _event_model_key() -> str:
    from analysis.event_model import model_key

    return model_key()


def shown_path(path: str) -> str:
    """A corpus path as a report may show it: never an absolute path of this machine.

    Relative paths stay as the user gave them; absolute ones become relative to the project
    root when they sit beside it (``../shared/...``), else just their name. A URL is shown
    without user name, password or query (:func:`analysis.load.redact`).
    """
    if "://" in path:
        return redact(path)
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
        from analysis.load.urls import check, is_url, local_path

        local = [check(local_path(str(p))) for p in self.corpus]
        self.corpus_shown = [shown_path(p) for p in local]
        # Notebooks run in notebooks/, the command line wherever the user is: make every path
        # absolute once, so both read the same files and share the same cache. URLs (s3://
        # ...) are read through fsspec as they are.
        self.corpus = [p if is_url(p) else os.path.abspath(p) for p in local]
        cache = check(local_path(str(self.cache_dir)))
        self.cache_dir = cache if is_url(cache) else os.path.abspath(cache)

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

    def recorded(self) -> dict:
        """The parameters as files beside the tables record them: URLs without user names,
        queries or fragments (:func:`analysis.load.redact`)."""
        values = self.values()
        values["corpus"] = [redact(p) for p in self.corpus]
        values["cache_dir"] = redact(self.cache_dir)
        return values

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


def why_nothing_loaded(loaded) -> str:
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
    dates = dated_at(selected)
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
        # Drawn from the articles in id order: the same sample whatever order they were read
        # in (one file or many, one process or a cluster).
        selected = selected.sort_values("article_id", kind="stable")
        selected = selected.sample(params.sample, random_state=params.random_state)
    return selected.sort_values(["published_at", "article_id"], kind="stable").reset_index(
        drop=True
    )


@dataclass(frozen=True)
class Stage:
    """One step of the analysis, declared as data.

    ``build(tables, params)`` returns the table (or, for a stage that writes several from one
    computation, the tuple of tables) named by ``schemas``, in that order; each is checked
    against its schema. ``needs`` names the tables it reads, ``params`` the fields of
    :class:`Params` it reads besides the selection; bump ``version`` when its output changes
    for the same input. ``cached=False`` for stages cheaper to rebuild than to read.
    """

    build: Callable[..., pd.DataFrame | tuple[pd.DataFrame, ...]]
    schemas: tuple[TableSchema, ...]
    needs: tuple[str, ...] = ("articles",)
    params: tuple[str, ...] = ()
    version: str = "1"
    cached: bool = True
    # What else its output depends on, as a hash (the event model: its labels and code).
    key: Callable[[], str] | None = None

    @property
    def name(self) -> str:
        return self.schemas[0].name

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(schema.name for schema in self.schemas)


STAGES: tuple[Stage, ...] = (
    Stage(stages.mentions.build, (MENTIONS,), version="13"),
    Stage(stages.entities.build, (ENTITIES,), needs=("mentions",), cached=False, version="5"),
    Stage(stages.places.build, (PLACES,)),
    Stage(stages.amounts.build, (AMOUNTS,)),
    Stage(
        stages.topics.build,
        (TOPIC_LABELS, CLUSTERS),
        needs=("articles", "mentions"),
        params=("n_clusters",),
        version="3",
    ),
    Stage(
        stages.events.build,
        (EVENTS,),
        needs=("articles", "mentions"),
        version="8",
        key=_event_model_key,
    ),
    Stage(
        stages.tracker.build,
        (TRACKER,),
        needs=("events", "mentions", "amounts", "articles", "entities"),
        version="12",
    ),
    Stage(
        stages.trend_days.build,
        (TREND_DAYS,),
        needs=("articles", "mentions", "topic_labels"),
    ),
)
# What the loader gives, before any stage.
BASE_TABLES = ("articles", "rejects", "warnings", "duplicates")


def _producer(name: str) -> Stage:
    for stage in STAGES:
        if name in stage.tables:
            return stage
    raise KeyError(f"no table {name!r}; tables are {[*BASE_TABLES, *table_names()]}")


def table_names() -> list[str]:
    """Every stage table, in the order the stages are declared."""
    return [name for stage in STAGES for name in stage.tables]


def _digest(*parts: object) -> str:
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def stage_keys(fingerprint: str, params: Params) -> dict[str, str]:
    """The cache key of every stage: the corpus, the selection, the stage's own parameters and
    version, the package's data files and the keys of the stages it reads."""
    keys: dict[str, str] = {}
    for stage in STAGES:  # declared in dependency order
        keys[stage.name] = _digest(
            stage.name,
            stage.version,
            fingerprint,
            params.key("sample", "date_from", "date_to", "random_state"),
            {p: getattr(params, p) for p in stage.params},
            package_data_key(),
            stage.key() if stage.key else None,
            {n: keys[_producer(n).name] for n in stage.needs if n not in BASE_TABLES},
        )
    return keys


class Tables(Mapping[str, pd.DataFrame]):
    """Every table of one corpus and parameters, built (or read from the cache) on first use.

    ``corpus_fingerprint`` identifies the input; ``progress`` shows progress bars while
    stages run.
    """

    def __init__(self, params: Params, progress: bool = True):
        self.params = params
        self.progress = progress
        cache_dir = location(params.cache_dir)
        ingest_dir = cache_dir / "ingest" / params.key("corpus")
        loaded, _ = ingest(params.corpus, ingest_dir, progress=progress)
        if loaded.articles.empty:
            raise EmptySelection(why_nothing_loaded(loaded))
        self.corpus_fingerprint: str = read_manifest(ingest_dir)["fingerprint"]
        self._stage_root = cache_dir / "stages"
        self._keys: dict[str, str] = {}
        self._frames: dict[str, pd.DataFrame] = {
            "articles": select(loaded.articles, params),
            "rejects": loaded.rejects,
            "warnings": loaded.warnings,
            "duplicates": loaded.articles.loc[
                loaded.articles["is_duplicate"],
                ["article_id", "duplicate_of", "outlet", "published_at", "title", "url"],
            ].reset_index(drop=True),
        }

    # -- Mapping ------------------------------------------------------------------------------
    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            self._run(_producer(name))
        return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter([*BASE_TABLES, *table_names()])

    def __len__(self) -> int:
        return len(BASE_TABLES) + len(table_names())

    # -- stages -------------------------------------------------------------------------------
    def key(self, stage: Stage) -> str:
        """The cache key of ``stage``: everything its output depends on."""
        if not self._keys:
            self._keys = stage_keys(self.corpus_fingerprint, self.params)
        return self._keys[stage.name]

    def folder(self, stage: Stage) -> Path:
        return self._stage_root / f"{stage.name}-{self.key(stage)}"

    def _run(self, stage: Stage) -> None:
        folder = self.folder(stage)
        paths = [folder / f"{schema.name}.parquet" for schema in stage.schemas]
        if stage.cached and is_complete(folder, *stage.tables):
            for schema, path in zip(stage.schemas, paths, strict=True):
                self._frames[schema.name] = read_table(path, schema)
            return
        built = stage.build(self, self.params)
        built = built if isinstance(built, tuple) else (built,)
        for schema, frame, path in zip(stage.schemas, built, paths, strict=True):
            self._frames[schema.name] = schema.validate(frame)
            if stage.cached:
                atomic_write_parquet(path, self._frames[schema.name])
        if stage.cached:
            atomic_write_json(
                folder / "stage.json",
                {
                    "stage": stage.name,
                    "version": stage.version,
                    "corpus_fingerprint": self.corpus_fingerprint,
                    "params": self.params.recorded(),
                    "rows": {s.name: len(self._frames[s.name]) for s in stage.schemas},
                    "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
                },
            )

    def build_all(self) -> Tables:
        """Build (or read) every stage's tables now, in declaration order."""
        for stage in STAGES:
            self[stage.name]
        return self

    def paths(self) -> dict[str, Path]:
        """Where each cached stage table lives."""
        return {
            schema.name: self.folder(stage) / f"{schema.name}.parquet"
            for stage in STAGES
            if stage.cached
            for schema in stage.schemas
        }


def tables(params: Params | None = None, progress: bool = True) -> Tables:
    """Every analysis table for ``params`` (built on first use, cached under ``cache_dir``)."""
    return Tables(params or Params(), progress=progress)
