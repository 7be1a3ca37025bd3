"""Where each infrastructure project stands, what was promised, what slipped, what it costs.

:func:`project_tracker` reads the lifecycle events (:mod:`analysis.events`), the mentions and
the amounts of a corpus and gives one row per project:

* **the current stage**: the latest stage reported done in lifecycle order (proposal,
  approval, funding, tender, site clearance, construction start, completion), with the first
  article that reported it; each stage's first report. A stage counts when one report of it
  is sure (the events' probability at least :data:`SURE`), its first sure report giving its
  date, or when two articles or more report it (:func:`stage_reports`);
* **promises** (:func:`promises`): planned starts and completions with a date ("dự kiến
  thông xe cuối năm 2026"), read surely, each distinct date once, and the latest promised
  completion. Events naming the project as the end of another work's route ("đường sắt Thủ
  Thiêm nối sân bay Long Thành sẽ khởi công") are that work's: no stage, promise or delay of
  the project (:func:`own_events`);
* **slips**: a promise slipped when a later article promises a later date for the same
  stage (a period that begins after the promised one ends), or when its date passed (before
  the corpus's last article) with no later article reporting the stage done by then (the
  promise's own article keeps nothing); ``slip_months`` is how far the promised date moved,
  per stage, from the first promise that slipped to the latest date promised since (or to
  the corpus's end when the last one passed unkept);
* **money**: the investment figures the articles tie to the project
  (:func:`analysis.money.investment_figures`); the latest report is the current figure, and
  the number of distinct figures shows how often it changed.

:func:`project_timeline` lists one project's dated events with their sentences and links.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.events import LIFECYCLE
from analysis.money import distinct_figures, in_texts, investment
from analysis.schemas import TRACKER, conform

# A promise is kept when the stage is reported done within this long after its date.
GRACE = pd.Timedelta(days=31)
PROMISED = ("construction_start", "completion")
# A stage reported done counts when one report of it is this sure, or two articles report it:
# chosen on the events of articles the model was not fitted on (`make stage-claims`).
SURE = 0.6


def _months(delta: pd.Timedelta) -> float:
    return delta / pd.Timedelta(days=30.44)


def _first_reports(done: pd.DataFrame) -> pd.DataFrame:
    """The first report of each (project, stage) done: its time, article and sentence."""
    ordered = done.sort_values(["published_at", "article_id"], na_position="last", kind="stable")
    return ordered.drop_duplicates(["entity_id", "type"])


def _completed_in_part(counted: pd.DataFrame, articles: pd.DataFrame) -> set[str]:
    """The projects whose every counted completion report is of a part of them
    (:func:`analysis.scope.in_part`: "Thông xe đoạn đầu tiên Vành đai 3")."""
    from analysis.scope import in_part

    reports = counted[counted["type"] == "completion"]
    whole = [
        entity
        for (text, start, _), end, sentence, entity in zip(
            in_texts(reports, articles, "start"),
            reports["end"],
            reports["sentence"],
            reports["entity_id"],
            strict=True,
        )
        if not in_part(sentence, text[start:end])
    ]
    return set(reports["entity_id"]) - set(whole)


def own_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events of the projects' own stages: not those naming the project as the end of
    another work's route ("khởi công tuyến đường sắt Thủ Thiêm nối sân bay Long Thành", the
    events' ``via_other_work``), which are that work's."""
    if "via_other_work" not in events:
        return events
    return events[~events["via_other_work"].fillna(False).eq(True)]


def stage_reports(done: pd.DataFrame) -> pd.DataFrame:
    """The reports a project's stages stand on, of the events reported done (its own,
    :func:`own_events`): of a stage with a sure report (probability at least :data:`SURE`),
    its sure reports; of one with none, its reports when they come from two articles or
    more; none otherwise."""
    done = own_events(done)
    sure = done["probability"].fillna(0.0) >= SURE
    stage = [done["entity_id"], done["type"]]
    any_sure = sure.groupby(stage, dropna=False).transform("any").astype(bool)
    articles = done["article_id"].groupby(stage, dropna=False).transform("nunique")
    return done[sure | (~any_sure & (articles >= 2))]


def promises(events: pd.DataFrame, corpus_end=None, min_probability: float = SURE) -> pd.DataFrame:
    """Each distinct promise (project, stage, promised period) and what became of it.

    A promise is a planned start or completion with a date that lay ahead (or at most a
    month behind) when it was written, of the project's own (:func:`own_events`), that the
    events read surely at least once (probability at least ``min_probability``, by default
    :data:`SURE`; ``make promises`` compares it with none, on each half of the projects); the
    same period promised again by later articles is the same promise, made when first
    written (surely or not), last told at ``last_told_at``. ``outcome``:
    ``kept`` when the stage was reported done (by a report a stage stands on,
    :func:`stage_reports`, published after the promise was made) by the promised date (plus a
    month's grace), ``slipped`` when a later article promised a later date for the stage or
    the date passed (before ``corpus_end``) unkept, else ``open``.
    """
    columns = [
        "entity_id",
        "type",
        "when_period",
        "when_start",
        "when_end",
        "promised_at",
        "last_told_at",
        "sentence",
        "article_id",
        "outcome",
    ]
    own = own_events(events)
    planned = own[
        (own["status"] == "planned") & own["type"].isin(PROMISED) & own["when_end"].notna()
    ]
    # A date long past when it was written is no promise (a misread time, or history).
    planned = planned[planned["when_end"] >= planned["published_at"] - GRACE]
    promise = ["entity_id", "type", "when_period"]
    sure = planned["probability"].fillna(0.0) >= min_probability
    made_surely = sure.groupby([planned[c] for c in promise], dropna=False).transform("any")
    distinct = (
        planned[made_surely.astype(bool)]
        .sort_values(["published_at", "article_id"], kind="stable")
        .drop_duplicates(promise)
        .rename(columns={"published_at": "promised_at"})
    )
    told = planned.groupby(promise, dropna=False)["published_at"].max().rename("last_told_at")
    distinct = distinct.join(told, on=promise)
    done = stage_reports(events[events["status"] == "done"])
    reported = done.groupby(["entity_id", "type"])["published_at"].agg(list).to_dict()
    outcomes = pd.Series("open", index=distinct.index)
    for (entity, stage), mine in distinct.groupby(["entity_id", "type"], sort=False):
        dates = [d for d in reported.get((entity, stage), []) if pd.notna(d)]
        for row in mine.itertuples():
            later = (mine["promised_at"] > row.promised_at) & (mine["when_start"] > row.when_end)
            # Kept by a later report: the promise's own article ("... đã xong, dự kiến thông
            # xe ngày 19/8") or one before it keeps nothing.
            window = (row.when_start - GRACE, row.when_end + GRACE)
            if any(window[0] <= d <= window[1] and d > row.promised_at for d in dates):
                outcomes[row.Index] = "kept"
            elif later.any() or (corpus_end is not None and row.when_end + GRACE < corpus_end):
                outcomes[row.Index] = "slipped"
    return distinct.assign(outcome=outcomes)[columns].reset_index(drop=True)


def _slips(mine: pd.DataFrame, corpus_end) -> tuple[int, float]:
    """Slipped promises of one project, and how far its promised dates moved in all (months):
    per stage, from the first promised date that slipped to the latest date promised from
    then on (or to the corpus's end when the last promise made passed unkept). From the
    first that slipped, not the first made: a coarse first promise ("hoạt động năm 2026")
    kept by an early stage would hide the slips after it."""
    if mine.empty:
        return 0, 0.0
    slipped = mine[mine["outcome"] == "slipped"]
    months = 0.0
    for _, part in mine.groupby("type"):
        if not (part["outcome"] == "slipped").any():
            continue
        part = part.sort_values("promised_at", kind="stable")
        slipped_at = (part["outcome"] == "slipped").to_numpy().argmax()
        since = part.iloc[slipped_at:]
        end = since["when_end"].max()
        if part["outcome"].iloc[-1] == "slipped" and corpus_end is not None:
            end = max(end, corpus_end)
        months += max(0.0, _months(end - since["when_end"].iloc[0]))
    return len(slipped), round(months, 1)


def project_tracker(
    events: pd.DataFrame,
    mentions: pd.DataFrame,
    amounts: pd.DataFrame,
    articles: pd.DataFrame,
    entities: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per project: stage, promises, slips, money (schema ``TRACKER``)."""
    from analysis.mentions import entities as entity_table

    if mentions.empty:
        return TRACKER.empty()
    entities = entity_table(mentions) if entities is None else entities
    dated = articles[["article_id", "published_at", "outlet"]]
    seen = mentions[["article_id", "entity_id"]].drop_duplicates().merge(dated, on="article_id")
    outlets = (
        seen.assign(outlet=seen["outlet"].fillna("(unknown)"))
        .groupby(["entity_id", "outlet"])
        .size()
        .rename("n")
        .reset_index()
        .sort_values(["entity_id", "n", "outlet"], ascending=[True, False, True])
    )
    outlet_lists = outlets.groupby("entity_id").apply(
        lambda d: [f"{o}: {n}" for o, n in zip(d["outlet"], d["n"], strict=True)],
        include_groups=False,
    )
    span = seen.groupby("entity_id")["published_at"].agg(["min", "max"])
    corpus_end = articles["published_at"].max()
    corpus_end = None if pd.isna(corpus_end) else corpus_end

    done = events[(events["status"] == "done") & events["type"].isin(LIFECYCLE)]
    counted = stage_reports(done)
    firsts = _first_reports(counted)
    in_part = _completed_in_part(counted, articles)
    promised = promises(events, corpus_end)
    money = investment(amounts, mentions, articles).sort_values("published_at", kind="stable")
    own = own_events(events)
    report_counts = (
        own[own["type"].isin(["delay", "suspension"])]
        .drop_duplicates(["entity_id", "type", "article_id"])
        .groupby(["entity_id", "type"])
        .size()
    )

    rows = []
    empty_money, empty_promises = money.iloc[:0], promised.iloc[:0]
    firsts_of = dict(tuple(firsts.groupby("entity_id")))
    # The completion last promised: of the promise told last ("Mục tiêu ... khai thác thương
    # mại tháng 12-2026 không thay đổi" after a deadline for the works), then made last. An
    # earlier date told again after a later one was set is the latest word, so it is shown
    # (its outcome says whether it slipped).
    completions = (
        promised[promised["type"] == "completion"]
        .sort_values(["last_told_at", "promised_at"], kind="stable")
        .drop_duplicates("entity_id", keep="last")
        .set_index("entity_id")
    )
    promises_of = dict(tuple(promised.groupby("entity_id")))
    money_of = dict(tuple(money.groupby("entity_id")))
    for entity in entities.itertuples(index=False):
        e = entity.entity_id
        # Most projects have no stage and no promise: their empty frames are not walked.
        mine_firsts = firsts_of.get(e)
        stages = (
            {}
            if mine_firsts is None
            else {row.type: row for row in mine_firsts.itertuples(index=False)}
        )
        current = max(stages, key=LIFECYCLE.index, default=None)
        mine_promises = promises_of.get(e, empty_promises)
        completion = completions.loc[e] if e in completions.index else None
        slip_count, slip_months = _slips(mine_promises, corpus_end)
        figures = money_of.get(e, empty_money)
        row = {
            "entity_id": e,
            "entity_name": entity.entity_name,
            "kind": entity.kind,
            "provinces": list(entity.provinces),
            "mention_count": entity.mention_count,
            "article_count": entity.article_count,
            "outlets": outlet_lists.get(e, []),
            "first_seen": span["min"].get(e),
            "last_seen": span["max"].get(e),
            "current_stage": current,
            "current_stage_at": stages[current].published_at if current else None,
            "current_stage_article": stages[current].article_id if current else None,
            "current_stage_sentence": stages[current].sentence if current else None,
            "completed_in_part": current == "completion" and e in in_part,
            **{
                f"{stage}_reported_at": stages[stage].published_at if stage in stages else None
                for stage in LIFECYCLE
            },
            "promise_count": len(mine_promises),
            "promised_completion": None if completion is None else completion["when_period"],
            "promised_completion_at": None if completion is None else completion["promised_at"],
            "slip_count": slip_count,
            "slip_months": slip_months,
            "delay_reports": int(report_counts.get((e, "delay"), 0)),
            "suspension_reports": int(report_counts.get((e, "suspension"), 0)),
            "investment_vnd": float(figures["value"].iloc[-1]) if len(figures) else np.nan,
            "investment_reports": distinct_figures(figures["value"]),
        }
        rows.append(row)
    table = pd.DataFrame(rows)
    return TRACKER.validate(conform(table, TRACKER))


def project_timeline(
    events: pd.DataFrame, entity_id: str, articles: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The dated events of one project, oldest first, with their sentences (and links);
    ``via_other_work`` marks those the tracker leaves to another work (:func:`own_events`)."""
    mine = events[events["entity_id"] == entity_id].sort_values(
        ["published_at", "type"], kind="stable"
    )
    columns = [
        "published_at",
        "type",
        "status",
        "when",
        "when_period",
        "probability",
        "via_other_work",
        "sentence",
        "outlet",
        "article_id",
    ]
    timeline = mine[[c for c in columns if c in mine]].reset_index(drop=True)
    if articles is not None and "url" in articles:
        timeline = timeline.merge(
            articles[["article_id", "url", "title"]], on="article_id", how="left"
        )
    return timeline
