"""The ``analysis`` command: ``analysis --help`` lists what it does."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer

from analysis.config import EVENTS_DEV, MENTIONS_DEV, PAGES_DEV, PROCESSED_DATA_DIR, REPORTS_DIR

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(
        ..., help="Files, directories or globs to load, local or fsspec URLs (s3://...)."
    ),
    out: Path = typer.Option(PROCESSED_DATA_DIR, "--out", help="Where the Parquet tables go."),
    fmt: str | None = typer.Option(None, "--format", help="Force a format instead of detecting."),
    field_map: str | None = typer.Option(
        None,
        "--field-map",
        help='JSON mapping of article columns to source fields, e.g. \'{"title": "headline"}\'.',
    ),
    force: bool = typer.Option(False, "--force", help="Reload even if the cache is current."),
) -> None:
    """Load articles and write articles/related/rejects/warnings Parquet tables (cached)."""
    from analysis.ingest import ingest as run_ingest

    started = time.perf_counter()
    mapping = json.loads(field_map) if field_map else None
    loaded, cached = run_ingest(
        [str(p) for p in paths], out, fmt=fmt, field_map=mapping, force=force, progress=True
    )
    source = "reused the cache in" if cached else "wrote"
    typer.echo(f"{loaded.summary()}; {source} {out} ({time.perf_counter() - started:.1f} s)")
    if len(loaded.rejects):
        counts = loaded.rejects["reason"].value_counts()
        for reason, count in counts.items():
            typer.echo(f"  rejected {count:,}: {reason}")


@app.command("score-pages")
def score_pages(
    pages_dir: Path = typer.Argument(PAGES_DEV, help="Directory with page dumps and truth.jsonl."),
    show_errors: bool = typer.Option(False, "--errors", help="List the pages with errors."),
) -> None:
    """Score the page loader against truth.jsonl (exact fields, F1 for lists)."""
    from analysis.evaluate import score_pages as run_score

    summary, per_page = run_score(pages_dir)
    pages = int(summary.pop("pages"))
    typer.echo(f"{pages} pages in {pages_dir}")
    typer.echo("| field | score |\n|---|---|")
    for field, value in summary.items():
        typer.echo(f"| {field} | {value:.4f} |")
    if show_errors:
        wrong = per_page[(per_page.drop(columns="file") < 1).any(axis=1)]
        typer.echo(wrong.to_string(index=False))


@app.command("score-mentions")
def score_mentions(
    gold: Path = typer.Argument(MENTIONS_DEV, help="A mentions gold file (JSON Lines)."),
    show_errors: bool = typer.Option(False, "--errors", help="List missed and extra mentions."),
) -> None:
    """Score find_mentions against a gold file as ../shared/gold/MENTIONS.md says."""
    from analysis.evaluate import mention_errors
    from analysis.evaluate import score_mentions as run_score

    summary, per_kind = run_score(gold)
    typer.echo(
        f"{summary['snippets']} snippets, {summary['gold']} gold mentions, "
        f"{summary['predicted']} predicted, in {gold}"
    )
    typer.echo("| measure | score |\n|---|---|")
    for name in ("relaxed_precision", "relaxed_recall", "relaxed_f1", "strict_f1", "bcubed_f1"):
        typer.echo(f"| {name} | {summary[name]:.4f} |")
    typer.echo("")
    typer.echo(per_kind.to_markdown(index=False, floatfmt=".3f"))
    if show_errors:
        for line in mention_errors(gold):
            typer.echo(line)


@app.command("score-events")
def score_events(
    gold: Path = typer.Argument(EVENTS_DEV, help="An events gold file (JSON Lines)."),
    show_errors: bool = typer.Option(False, "--errors", help="List missed and extra events."),
) -> None:
    """Score find_events against a gold file as ../shared/gold/EVENTS.md says."""
    from analysis.evaluate import match_events, predicted_events, read_gold
    from analysis.evaluate import score_events as run_score

    records = read_gold(gold)
    predictions = [predicted_events(r) for r in records]
    summary, per_type = run_score(records, predictions)
    typer.echo(
        f"{summary['snippets']} snippets, {summary['gold']} gold events, "
        f"{summary['predicted']} predicted, in {gold}"
    )
    typer.echo("| measure | score |\n|---|---|")
    for name in ("precision", "recall", "f1", "type_only_f1", "when_matched"):
        typer.echo(f"| {name} | {summary[name]:.4f} |")
    typer.echo("")
    typer.echo(per_type.to_markdown(index=False, floatfmt=".3f"))
    if show_errors:
        for record, predicted in zip(records, predictions, strict=True):
            pairs = match_events(record, predicted)
            hit_gold = {g for g, _ in pairs}
            hit_pred = {p for _, p in pairs}
            for i, g in enumerate(record["events"]):
                if i not in hit_gold:
                    typer.echo(
                        f"missed {record['id']}: {g['type']}/{g['status']} {g['project']['text']!r}"
                    )
            for i, p in enumerate(predicted):
                if i not in hit_pred:
                    typer.echo(
                        f"extra  {record['id']}: {p['type']}/{p['status']} {p['project']['text']!r}"
                    )


# The options that choose what is analysed, shared by `run` and `tables`.
CORPUS = typer.Option(
    None,
    "--corpus",
    help="Corpus files, folders or globs, local or fsspec URLs such as s3://bucket/news/ "
    "(default: the RSS corpus).",
)
SAMPLE = typer.Option(None, "--sample", help="Analyse a reproducible sample of N articles.")
DATE_FROM = typer.Option(None, "--date-from", help="First day, YYYY-MM-DD (Vietnam time).")
DATE_TO = typer.Option(None, "--date-to", help="Last day to analyse, inclusive.")
CACHE_DIR = typer.Option(
    None,
    "--cache-dir",
    help="Where the cached tables go (default: data/processed): a folder, or an fsspec URL "
    "(s3://bucket/cache) that every Dask worker can reach.",
)
PARAMS_FILE = typer.Option(
    None, "--params", help="JSON or YAML file of parameters (random_state, n_clusters...)."
)
ENGINE = typer.Option(
    "pandas",
    "--engine",
    help="pandas (one process) or dask (a local cluster, or --scheduler's).",
)
SCHEDULER = typer.Option(
    None, "--scheduler", help="With --engine dask: join this scheduler (tcp://HOST:8786)."
)
WORKERS = typer.Option(
    None, "--workers", help="With --engine dask and no --scheduler: worker processes (cores)."
)
EXPORT = typer.Option(
    None,
    "--out",
    help="Also write every table as <name>.parquet, with tables.json (written last) listing "
    "them, to this folder or fsspec URL (s3://bucket/run/).",
)


def _with_engine(params, engine: str, scheduler: str | None, workers: int | None) -> None:
    """With ``--engine dask``, compute the tables on a Dask cluster into the cache, where the
    pandas engine (and the notebooks) read them."""
    if engine not in ("pandas", "dask"):
        raise typer.BadParameter(f"--engine must be pandas or dask, not {engine!r}")
    if engine == "pandas":
        return
    from analysis import engine as dask_engine

    client = dask_engine.connect(scheduler, workers)
    try:
        dask_engine.build(params, client)
    finally:
        dask_engine.disconnect(client)


def _params(corpus, sample, date_from, date_to, cache_dir, params_file):
    """The run's parameters: a params file, then the options given on the command line."""
    from analysis.pipeline import Params

    values: dict = {}
    if params_file is not None:
        text = params_file.read_text(encoding="utf-8")
        if params_file.suffix in (".yaml", ".yml"):
            import yaml

            values = yaml.safe_load(text) or {}
        else:
            values = json.loads(text)
    if corpus:
        values["corpus"] = [str(p) for p in corpus]
    for name, value in (
        ("sample", sample),
        ("date_from", date_from),
        ("date_to", date_to),
        ("cache_dir", cache_dir and str(cache_dir)),
    ):
        if value is not None:
            values[name] = value
    return Params.from_values(**values)


@app.command()
def run(
    corpus: list[str] = CORPUS,
    sample: int | None = SAMPLE,
    date_from: str | None = DATE_FROM,
    date_to: str | None = DATE_TO,
    out: Path = typer.Option(REPORTS_DIR, "--out", help="Folder for the HTML reports."),
    cache_dir: str | None = CACHE_DIR,
    params_file: Path | None = PARAMS_FILE,
    engine: str = ENGINE,
    scheduler: str | None = SCHEDULER,
    workers: int | None = WORKERS,
) -> None:
    """Rerun every notebook and write self-contained HTML reports with an index."""
    from analysis.pipeline import EmptySelection
    from analysis.report import NotebookFailed, run_reports

    params = _params(corpus, sample, date_from, date_to, cache_dir, params_file)
    try:
        _with_engine(params, engine, scheduler, workers)
        summary = run_reports(params, out)
    except (EmptySelection, NotebookFailed, FileNotFoundError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"{len(summary['notebook_seconds'])} reports for {summary['articles']:,} articles in "
        f"{out} ({summary['total_seconds']:.0f} s); open {out / 'index.html'}"
    )


@app.command("tables")
def tables_command(
    corpus: list[str] = CORPUS,
    sample: int | None = SAMPLE,
    date_from: str | None = DATE_FROM,
    date_to: str | None = DATE_TO,
    cache_dir: str | None = CACHE_DIR,
    params_file: Path | None = PARAMS_FILE,
    engine: str = ENGINE,
    scheduler: str | None = SCHEDULER,
    workers: int | None = WORKERS,
    out: str | None = EXPORT,
) -> None:
    """Build every analysis table as Parquet, no notebooks (what a scheduled job runs)."""
    from analysis.load.urls import redact
    from analysis.pipeline import EmptySelection, tables

    params = _params(corpus, sample, date_from, date_to, cache_dir, params_file)
    started = time.perf_counter()
    try:
        _with_engine(params, engine, scheduler, workers)
        data = tables(params, progress=True).build_all()
    except (EmptySelection, FileNotFoundError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"{len(data['articles']):,} articles; tables in {redact(params.cache_dir)} "
        f"({time.perf_counter() - started:.1f} s):"
    )
    for name, path in data.paths().items():
        typer.echo(f"  {name:<13} {len(data[name]):>9,} rows  {redact(str(path))}")
    if out:
        from analysis.store import export_tables

        try:
            where = export_tables(
                {name: data[name] for name in data},
                out,
                {"corpus_fingerprint": data.corpus_fingerprint, "params": params.shown()},
            )
        except (OSError, ValueError, ImportError) as exc:
            # ImportError: the URL's file system needs a package (s3fs, gcsfs ...) not installed
            typer.echo(f"error: the tables could not be written to {redact(out)}: {exc}", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"every table written to {redact(where)} (listed in tables.json)")


@app.command()
def docs(
    readme: Path | None = typer.Option(
        None, "--readme", help="Rewrite the generated sections of this README."
    ),
) -> None:
    """Print the data dictionary and the layout generated from the code (or write them into
    the README)."""
    from analysis.docs import SECTIONS, rewrite

    if readme is None:
        typer.echo("\n\n".join(make() for make in SECTIONS.values()))
        return
    try:
        content = rewrite(readme.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    readme.write_text(content, encoding="utf-8")
    typer.echo(f"data dictionary and layout written into {readme}")


if __name__ == "__main__":
    app()
