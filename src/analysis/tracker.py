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
* **money** (:func:`investment_figures`): amounts in VND of at least a billion in a sentence
  that speaks of investment ("tổng mức đầu tư", "tổng vốn", "kinh phí"), each the first
  project's that its sentence names, not counting another work's place or route end (in a
  lead sentence that names none, the title's) nor a project named after the amount with
  another work before it, nor a part of a total or a change to it (in brackets, the land's
  cost, after "tăng", "giảm"); the latest report is the current figure, and
  the number of distinct figures shows how often it changed.

:func:`project_timeline` lists one project's dated events with their sentences and links.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.events import LIFECYCLE
from analysis.schemas import TRACKER, conform
from analysis.text import fold, lower_same_length

# A figure for a project's cost: the sentence speaks of investment.
INVESTMENT = re.compile(
    r"(?i)tổng mức đầu tư|tổng vốn|vốn đầu tư|tổng đầu tư|kinh phí|tổng chi phí|quy mô vốn"
)
MIN_INVESTMENT_VND = 1e9
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
            _in_texts(reports, articles, "start"),
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
    written (surely or not). ``outcome``:
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


def investment_amounts(amounts: pd.DataFrame) -> pd.DataFrame:
    """The amounts that can be a project's investment: in VND, at least
    :data:`MIN_INVESTMENT_VND`, in a sentence that speaks of investment (:data:`INVESTMENT`)."""
    money = amounts[(amounts["unit"] == "VND") & (amounts["value"] >= MIN_INVESTMENT_VND)]
    return money[money["sentence"].str.contains(INVESTMENT)]


def _part_or_change(money: pd.DataFrame, articles: pd.DataFrame) -> np.ndarray:
    """Whether each amount is a part of a total or a change to it, not a total: in brackets
    after "bao gồm", "trong đó", "riêng" ("102.430 tỉ đồng (không bao gồm 12.784 tỉ đồng chi
    phí GPMB)"; not "2,49 tỉ USD (hơn 47.000 tỉ đồng)", the same total), the cost of the land
    ("tổng chi phí bồi thường, tái định cư 5.000 tỉ đồng", "tổng vốn giải phóng mặt bằng";
    not "giải phóng mặt bằng, ... có tổng vốn đầu tư"), or right after a word of change
    ("tăng hơn 86.000 tỉ đồng", "điều chỉnh giảm 870 tỉ đồng")."""
    return np.array(
        [
            (
                before.count("(") > before.count(")")
                and bool(_IN_PART.search(before[before.rfind("(") + 1 :]))
            )
            or bool(_LAND_COST.search(before) or _CHANGE.search(before))
            for before in _sentences_before(money, articles, "start")
        ],
        dtype=bool,
    )


_IN_PART = re.compile(r"(?<!\w)(?:bao gồm|trong đó|riêng)(?!\w)")
_CHANGE = re.compile(r"(?<!\w)(?:tăng|giảm|bổ sung|thêm|đội)(?: thêm)?\s*$")
# The land, with its area or not ("giải phóng 490 ha mặt bằng, kinh phí 11.700 tỉ đồng").
# Not "giải tỏa ùn tắc" (easing traffic), nor a clearing told before the project's total
# ("sau khi giải phóng mặt bằng, cầu X có tổng vốn ...").
_LAND_COST = re.compile(
    r"(?:bồi thường|giải phóng(?: [\d.,]+ ha)? mặt bằng|gpmb|tái định cư|đền bù"
    r"|giải tỏa(?= mặt bằng))"
    r"(?:(?!đầu tư|\s(?:có|với|là|đạt|giúp)\s).){0,30}$"
)


def investment_figures(
    amounts: pd.DataFrame,
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    skip_other_works: bool = True,
    skip_parts: bool = True,
    skip_joint: bool = True,
) -> pd.DataFrame:
    """Each investment figure tied to a project: ``entity_id``, the amount's ``article_id``,
    ``field`` and ``start``, its ``value`` (VND) and the article's ``published_at``.

    A figure is one of :func:`investment_amounts`. It is the first project's that its sentence
    names, or, in a lead sentence that names no project, the title's first project's; no
    project's when that one is named only to place another work or as the end of its route
    (:func:`analysis.other_works.another_works`: "tuyến đường kết nối sân bay X có tổng
    vốn ..." is the road's money), or named after the amount with another work before it
    ("Tuyến đường sắt đô thị với tổng vốn ... từ sân bay X": :func:`_after_another_work`).
    Amounts in brackets after "bao gồm", for the land or right after a word of change are
    parts or changes, no total (:func:`_part_or_change`). ``make investment-figures``
    measures these against a reading of each pairing. ``skip_other_works=False`` ties
    amounts as the tracker did until 2026-12-02, another work's place or route end counting
    as any project (and the work before a project named after the amount),
    ``skip_parts=False`` as it did until the nineteenth session, with parts and changes, and
    ``skip_joint=False`` as it did until the thirty-fifth, with the totals of several works
    (:func:`_joint_total`).
    """
    columns = ["entity_id", "article_id", "field", "start", "value", "published_at"]
    money = investment_amounts(amounts)
    if money.empty or mentions.empty:
        return pd.DataFrame(columns=columns)
    if skip_parts:
        money = money[~_part_or_change(money, articles)]
    where = ["article_id", "field", "sentence"]
    named = mentions[[*where, "start", "end", "entity_id"]].rename(
        columns={"start": "named_at", "end": "named_end"}
    )
    named = named[named["article_id"].isin(money["article_id"])]
    # The amount is the first project's the sentence names: its subject ("Dự án cầu X nối
    # cao tốc Y có tổng mức đầu tư ..."), not every project the sentence names.
    first = (
        money.merge(named, on=where, how="left")
        .sort_values("named_at", kind="stable", na_position="last")
        .drop_duplicates(["article_id", "field", "start"])
    )
    tied = first[first["entity_id"].notna()]
    # A lead sentence that names no project is about the title's first project ("Khởi công
    # cầu X" / "Dự án có tổng vốn 1.200 tỉ đồng ...").
    untied = first[first["entity_id"].isna() & (first["field"] == "lead")]
    titles = (
        named[named["field"] == "title"]
        .sort_values("named_at", kind="stable")
        .drop_duplicates("article_id")
    )
    if skip_other_works:
        # Named first only as another work's place or route end ("tuyến đường kết nối sân
        # bay X có tổng vốn ..."), or after the amount with another work named before it
        # ("Tuyến đường sắt đô thị với tổng vốn ... từ sân bay X"): the money is that work's,
        # and no other project's either.
        tied = tied[~(_another_works(tied, articles) | _after_another_work(tied, articles))]
        titles = titles[~_another_works(titles, articles)]
    untied = untied.drop(columns="entity_id").merge(
        titles[["article_id", "entity_id"]], on="article_id"
    )
    tied = pd.concat([tied, untied], ignore_index=True)
    if skip_joint:
        # A total of several works ("cầu Cát Lái và Long Hưng ..., tổng vốn gần 30.000 tỷ
        # đồng", "Hà Nội khởi công 7 cây cầu ..., tổng vốn") is none of them.
        tied = tied[~_joint_total(tied, named, articles)]
    dates = articles.set_index("article_id")["published_at"]
    tied = tied.assign(published_at=tied["article_id"].map(dates))
    return tied[columns].reset_index(drop=True)


def _joint_total(tied: pd.DataFrame, named: pd.DataFrame, articles: pd.DataFrame) -> np.ndarray:
    """Whether each tie's amount is the total of several works: its project is in a list of
    projects named before the amount ("Cầu Cát Lái, cầu Đồng Nai 2, Phú Mỹ 2 có tổng vốn",
    "dự án cầu X và dự án cầu Y có tổng vốn": :func:`_listed`), or the sentence counts the
    works before it ("hai dự án", "7 cây cầu": :data:`_COUNTED_WORKS`), unless a word after
    them narrows to one ("Hàng loạt công trình ..., trong đó có dự án X với vốn", "các dự án
    như: cầu X, tổng mức", "; riêng cầu X có tổng vốn"). Amounts given "lần lượt"
    (respectively), two or more in the sentence, are each one's."""
    where = ["article_id", "field", "sentence"]
    names = {
        key: list(zip(group["named_at"], group["named_end"], group["entity_id"], strict=True))
        for key, group in named.sort_values("named_at", kind="stable").groupby(where, sort=False)
    }
    amounts_in_sentence = tied.groupby(where)["start"].transform("size").to_numpy()
    out = []
    for row, several, (text, start, sentence_start) in zip(
        tied.itertuples(index=False),
        amounts_in_sentence,
        _in_texts(tied, articles, "start"),
        strict=True,
    ):
        at = start - sentence_start  # the amount, in its sentence
        lowered = lower_same_length(fold(text[sentence_start : sentence_start + len(row.sentence)]))
        if several > 1 and _RESPECTIVELY.search(lowered):
            out.append(False)
            continue
        cut = max((m.end() for m in _NARROWED.finditer(lowered, 0, at)), default=0)
        counted = _COUNTED_WORKS.search(lowered, cut, at) is not None
        mine = [
            (begin - sentence_start, end - sentence_start, entity)
            for begin, end, entity in names.get((row.article_id, row.field, row.sentence), [])
            if cut <= begin - sentence_start and end - sentence_start <= at
        ]
        out.append(counted or _listed(lowered, mine, row.entity_id))
    return np.array(out, dtype=bool)


def _listed(lowered: str, names: list[tuple[int, int, str]], entity_id: str) -> bool:
    """Whether ``entity_id`` is in a list of two or more projects among ``names`` (start,
    end, entity in ``lowered``, in order): names joined by "và", "cùng (với)" or "hoặc", or
    by commas when three or more are, or when the list goes on with a work not named as a
    project ("cầu Cát Lái, Đồng Nai 2 và Hương lộ 2"; "Nhà ga T3, sân bay Tân Sơn Nhất" is
    one work and where it is)."""
    runs: list[tuple[list[str], bool, int]] = []  # (entities, joined by a conjunction, end)
    for start, end, entity in names:
        if runs and (join := _LIST_JOIN.fullmatch(lowered, runs[-1][2], start)) is not None:
            entities, conjoined, _ = runs[-1]
            runs[-1] = ([*entities, entity], conjoined or "," not in join.group(), end)
        else:
            runs.append(([entity], False, end))
    return any(
        entity_id in entities
        and len(set(entities)) > 1
        and (conjoined or len(entities) > 2 or _LIST_GOES_ON.match(lowered, end) is not None)
        for entities, conjoined, end in runs
    )


_LIST_JOIN = re.compile(r"\s*(?:,|và|cùng(?: với)?|hoặc)\s*(?:(?:dự án|công trình)\s+)?")
_LIST_GOES_ON = re.compile(r"\s*,?\s*(?:và|cùng|hoặc)\s")
_RESPECTIVELY = re.compile(r"(?<!\w)lần lượt(?!\w)")
_NARROWED = re.compile(r"(?<!\w)(?:trong đó|riêng|như|cụ thể)(?!\w)|;")
# A count of works: a number word, a number that is no date, road or phase ("năm 2025 cầu
# X", "tháng 9 cầu X", "quốc lộ 24 cầu", "giai đoạn 1 dự án"), "các", "những", "loạt"; not
# the parts a project is made of ("gồm 2 cầu", "có 3 cầu", "với 5 cầu", "chia thành 2 dự
# án", "dự án thành phần", "3 tuyến nhánh"), nor the works a project belongs to or joins
# ("một trong (số) những dự án", "thuộc (danh mục) các dự án", "nối các tuyến cao tốc", "đi
# qua các cảng", "tại các công trình cầu X"), nor roads at large ("các tuyến đường cửa ngõ").
_COUNTED_WORKS = re.compile(
    r"(?<!\w)(?<!gồm )(?<!có )(?<!với )(?<!chia )(?<!thành )(?<!trong )(?<!trong số )"
    r"(?<!thuộc )(?<!danh mục )(?<!nhóm )(?<!nối )(?<!qua )(?<!đến )(?<!tới )(?<!tại )"
    r"(?:hai|ba|bốn|sáu|bảy|tám|chín|mười|các|những|loạt"
    r"|(?<![\d.,/])(?<!năm )(?<!ngày )(?<!tháng )(?<!quý )(?<!số )(?<!đoạn )(?<!lộ )\d{1,2})"
    r"\s+(?:cây\s+)?(?:dự án|cầu|tuyến|công trình|cao tốc|sân bay|cảng|bến cảng)(?!\w)"
    r"(?! thành phần| nhánh| đường| phố)"
)


def _another_works(named: pd.DataFrame, articles: pd.DataFrame) -> np.ndarray:
    """Whether each mention (``article_id``, ``field``, ``sentence``, ``named_at``) names its
    project only as another work's place or route end (its text not found: no)."""
    from analysis.other_works import another_works

    return np.array(
        [
            bool(text) and another_works(text, start, sentence_start)
            for text, start, sentence_start in _in_texts(named, articles, "named_at")
        ],
        dtype=bool,
    )


def _after_another_work(tied: pd.DataFrame, articles: pd.DataFrame) -> np.ndarray:
    """Whether each tie's project is named after its amount, with a work named before it in
    the sentence (:func:`analysis.other_works.work_named_before`)."""
    from analysis.other_works import work_named_before

    after = (tied["named_at"] > tied["start"]).to_numpy()
    out = np.zeros(len(tied), dtype=bool)
    out[after] = [
        bool(text) and work_named_before(text, start, sentence_start)
        for text, start, sentence_start in _in_texts(tied[after], articles, "named_at")
    ]
    return out


def _in_texts(rows: pd.DataFrame, articles: pd.DataFrame, at: str):
    """(the field's text, the row's offset ``at`` in it, where its sentence starts there) of
    each row (``article_id``, ``field``, ``sentence``); a text not found is ""."""
    wanted = articles[articles["article_id"].isin(rows["article_id"])]
    texts = {
        field: dict(zip(wanted["article_id"], wanted[field], strict=True))
        for field in set(rows["field"]) & set(articles.columns)
    }
    for article_id, field, sentence, start in rows[
        ["article_id", "field", "sentence", at]
    ].itertuples(index=False):
        text, start = texts.get(field, {}).get(article_id), int(start)
        text = text if isinstance(text, str) else ""
        sentence_start = text.rfind(sentence, 0, start + len(sentence)) if sentence else -1
        yield text, start, max(sentence_start, 0)


def _sentences_before(rows: pd.DataFrame, articles: pd.DataFrame, at: str):
    """Each row's sentence up to its offset ``at``, folded and in lower case."""
    for text, start, sentence_start in _in_texts(rows, articles, at):
        yield lower_same_length(fold(text[sentence_start:start]))


def _investment(amounts: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame):
    """(entity_id, published_at, value) of the investment figures tied to each project."""
    tied = investment_figures(amounts, mentions, articles)
    if tied.empty:
        return pd.DataFrame(columns=["entity_id", "published_at", "value"])
    # One figure per article and project: the largest (the total, not a part of it).
    per_article = tied.groupby(["entity_id", "article_id"], as_index=False).agg(
        value=("value", "max"), published_at=("published_at", "first")
    )
    return per_article[["entity_id", "published_at", "value"]]


def _distinct(values: pd.Series) -> int:
    """Figures that differ by more than 5% from every one kept before them."""
    kept: list[float] = []
    for v in values:
        if all(abs(v - k) > 0.05 * max(v, k) for k in kept):
            kept.append(v)
    return len(kept)


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
    money = _investment(amounts, mentions, articles).sort_values("published_at", kind="stable")
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
    # The latest promised completion of each project (by when it was promised).
    completions = (
        promised[promised["type"] == "completion"]
        .sort_values("promised_at", kind="stable")
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
            "investment_reports": _distinct(figures["value"]),
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
