"""What each project costs: the investment figures the articles tie to it.

:func:`investment_figures` ties amounts in VND of at least a billion (:data:`MIN_INVESTMENT_VND`)
in a sentence that speaks of investment ("tổng mức đầu tư", "tổng vốn", "kinh phí":
:data:`INVESTMENT`) each to the first project its sentence names (in a lead sentence that names
none, the title's), and to none when that project is only another work's place or route end,
when it is named after the amount with another work before it, when the amount is a part of a
total or a change to it (in brackets, the land's cost, after "tăng", "giảm"), or when it is the
total of several works ("cầu X và cầu Y có tổng vốn", "hai dự án"). ``make
investment-figures`` measures each rule against a reading of every pairing.
:func:`analysis.tracker.project_tracker` shows the latest figure per project
(:func:`investment`) and how many distinct ones there were (:func:`distinct_figures`).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.text import fold, lower_same_length

# A figure for a project's cost: the sentence speaks of investment.
INVESTMENT = re.compile(
    r"(?i)tổng mức đầu tư|tổng vốn|vốn đầu tư|tổng đầu tư|kinh phí|tổng chi phí|quy mô vốn"
)
MIN_INVESTMENT_VND = 1e9


def investment_amounts(amounts: pd.DataFrame) -> pd.DataFrame:
    """The amounts that can be a project's investment: in VND, at least
    :data:`MIN_INVESTMENT_VND`, in a sentence that speaks of investment (:data:`INVESTMENT`)."""
    money = amounts[(amounts["unit"] == "VND") & (amounts["value"] >= MIN_INVESTMENT_VND)]
    return money[money["sentence"].str.contains(INVESTMENT)]


def _part_or_change(money: pd.DataFrame, articles: pd.DataFrame) -> np.ndarray:
    """Whether each amount is a part of a total or a change to it, not a total: in brackets
    after "bao gồm", "trong đó", "riêng" ("102.430 tỉ đồng (không bao gồm 12.784 tỉ đồng chi
    phí GPMB)"; not "2,49 tỉ USD (hơn 47.000 tỉ đồng)", the same total), the cost of the land
    ("tổng chi phí bồi thường, tái định cư 5.000 tỉ đồng", "tổng vốn giải phóng mặt bằng",
    "giải phóng 490 ha mặt bằng, kinh phí ..."; not "giải phóng mặt bằng, ... có tổng vốn đầu
    tư"), or right after a word of change ("tăng hơn 86.000 tỉ đồng", "điều chỉnh giảm 870 tỉ
    đồng")."""
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
    parts or changes, no total (:func:`_part_or_change`), and the total of several works is
    none of theirs (:func:`_joint_total`). ``make investment-figures``
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
        in_texts(tied, articles, "start"),
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
# Words after which the text speaks of one of the works before: :data:`_IN_PART`'s, but
# "bao gồm", which lists them all ("7 cây cầu, bao gồm cầu X, tổng vốn"), and more.
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
            for text, start, sentence_start in in_texts(named, articles, "named_at")
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
        for text, start, sentence_start in in_texts(tied[after], articles, "named_at")
    ]
    return out


def in_texts(rows: pd.DataFrame, articles: pd.DataFrame, at: str):
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
    for text, start, sentence_start in in_texts(rows, articles, at):
        yield lower_same_length(fold(text[sentence_start:start]))


def investment(amounts: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame):
    """(entity_id, published_at, value) of the investment figures tied to each project."""
    tied = investment_figures(amounts, mentions, articles)
    if tied.empty:
        return pd.DataFrame(columns=["entity_id", "published_at", "value"])
    # One figure per article and project: the largest (the total, not a part of it).
    per_article = tied.groupby(["entity_id", "article_id"], as_index=False).agg(
        value=("value", "max"), published_at=("published_at", "first")
    )
    return per_article[["entity_id", "published_at", "value"]]


def distinct_figures(values: pd.Series) -> int:
    """Figures that differ by more than 5% from every one kept before them."""
    kept: list[float] = []
    for v in values:
        if all(abs(v - k) > 0.05 * max(v, k) for k in kept):
            kept.append(v)
    return len(kept)
