"""Every table's schema, declared once as data and enforced where the table is produced.

Each schema is a list of :class:`Field` (name, dtype, nullable, meaning). From it we build the
pandera schema that checks the table and the Markdown data dictionary in the README
(``analysis docs`` rewrites that section), so the two can never drift apart.
"""

from __future__ import annotations

from analysis.schema_types import (
    DATETIME_VN,
    FLOAT_LIST,
    STRING,
    STRING_LIST,
    Field,
    TableSchema,
    conform,  # noqa: F401  (re-exported: the stages conform to these schemas)
)

ARTICLES = TableSchema(
    name="articles",
    description=(
        "One row per loaded article. Text columns hold the text as published (Unicode NFC, "
        "whitespace trimmed, mojibake and HTML entities repaired); normalisation for analysis "
        "happens later and never overwrites them."
    ),
    fields=(
        Field(
            "article_id",
            STRING,
            False,
            "Stable id: 16 hex digits of a 64-bit hash (pandas.util.hash_array) of the source "
            "kind and the record's own identity (source id, else URL, else title + date + "
            "outlet), the same on every run and machine.",
            unique=True,
        ),
        Field("source_path", STRING, False, "File the article was read from, as given."),
        Field(
            "source_format",
            STRING,
            False,
            "Detected (or forced) input format: page, jsonl, json, dantri, html, csv, parquet.",
        ),
        Field(
            "source_line",
            "Int64",
            True,
            "1-based line of the record in a JSON Lines file, or 1-based record number in a JSON "
            "array, CSV or Parquet file; null for one-article files.",
        ),
        Field(
            "source_id",
            STRING,
            True,
            "The id the source gives (RSS `id`, baomoi id, Dân Trí `doc_id`, Label Studio id).",
        ),
        Field("url", STRING, True, "Canonical URL of the article when the source has one."),
        Field("outlet", STRING, True, "Publisher (VnExpress, Thanh Niên, Dân Trí, ...)."),
        Field(
            "category",
            STRING,
            True,
            "Section or human label from the source: page category line, VnExpress section "
            "feed, Dân Trí file category, DANeS topic labels joined by '; '. Null when the "
            "source names none (e.g. the literal 'Chuyên mục', or a catch-all feed).",
        ),
        Field(
            "title",
            STRING,
            True,
            "Headline. Null only for sources that carry no headline line (Dân Trí files that "
            "start mid-article).",
        ),
        Field("lead", STRING, True, "Lead paragraph / sapo / RSS summary."),
        Field(
            "body",
            STRING,
            True,
            "Body paragraphs joined by a blank line; photo captions, author line and related "
            "teasers excluded.",
        ),
        Field("captions", STRING_LIST, False, "Photo captions found on the page, in order."),
        Field("author", STRING, True, "Byline."),
        Field(
            "published_at",
            DATETIME_VN,
            True,
            "Publication time in Vietnam time (UTC+7). Null when the source has no trustworthy "
            "date (no date line, an impossible date, or only a collection date).",
        ),
        Field(
            "collected_at",
            DATETIME_VN,
            True,
            "When the record was collected (baomoi `first_commit_date`): an upper bound on "
            "publication, never copied into `published_at`.",
        ),
        Field(
            "is_duplicate",
            "bool",
            False,
            "True for every copy after the first of an article seen before: same URL, or the "
            "same title, publication day and outlet. The first copy is the earliest published "
            "(ties: first read).",
        ),
        Field(
            "duplicate_of",
            STRING,
            True,
            "`article_id` of the copy that is kept, for rows flagged `is_duplicate`.",
        ),
    ),
)


def dated_at(articles):
    """Each article's publication time, else its collection time (``collected_at``, an upper
    bound): what the date filters select by, duplicates keep the earliest of and events are
    read against. Missing columns count as null."""
    import pandas as pd

    null = pd.Series(pd.NaT, index=articles.index, dtype="datetime64[us, Asia/Ho_Chi_Minh]")
    return articles.get("published_at", null).fillna(articles.get("collected_at", null))


RELATED = TableSchema(
    name="related",
    description="Related-article teasers printed under a page (title line + summary line).",
    fields=(
        Field("article_id", STRING, False, "The page the teaser appeared on."),
        Field("position", "int64", False, "1-based order of the teaser on the page."),
        Field("title", STRING, False, "Teaser headline."),
        Field("summary", STRING, True, "Teaser summary line."),
    ),
)

REJECTS = TableSchema(
    name="rejects",
    description=(
        "Every input unit (file, line or record) that gave no article, with the reason. "
        "Loaded + rejected accounts for every input unit."
    ),
    fields=(
        Field("source_path", STRING, False, "File the unit came from."),
        Field("source_format", STRING, True, "Detected format, when detection got that far."),
        Field("line", "Int64", True, "1-based line (JSON Lines) or record number; null for files."),
        Field(
            "reason",
            STRING,
            False,
            "Specific reason: 'empty file', 'not text (binary)', 'invalid JSON', 'no title', ...",
        ),
        Field("detail", STRING, True, "Extra context: the parser's message, the offending value."),
    ),
)

WARNINGS = TableSchema(
    name="warnings",
    description=(
        "Problems in articles that were still loaded (an impossible date, a repaired "
        "encoding), so nothing is silently changed."
    ),
    fields=(
        Field("source_path", STRING, False, "File the article came from."),
        Field("line", "Int64", True, "1-based line or record number, when there is one."),
        Field("article_id", STRING, True, "The article concerned."),
        Field("warning", STRING, False, "What was noticed, e.g. 'impossible date'."),
        Field("detail", STRING, True, "The offending value."),
    ),
)


def _span_fields(what: str) -> tuple[Field, ...]:
    """The columns that tie a hit to its place: article, field and offsets, published text."""
    return (
        Field("article_id", STRING, False, "The article (see `articles`)."),
        Field("field", STRING, False, "`title`, `lead` or `body`."),
        Field("start", "int64", False, "Offset of the first character in that field's text."),
        Field("end", "int64", False, "Offset one past the last character."),
        Field("text", STRING, False, f"The {what} as published, `field[start:end]`."),
    )


MENTIONS = TableSchema(
    name="mentions",
    description=(
        "One row per mention of a named infrastructure project (rules: "
        "`../shared/gold/MENTIONS.md`). A lead that repeats the first body paragraph is read "
        "once. Built by `analysis.mentions.extract_mentions`."
    ),
    fields=(
        *_span_fields("mention"),
        Field("kind", STRING, False, "expressway, national_road, bridge, airport, ... (14 kinds)."),
        Field("entity_id", STRING, False, "One id per physical facility across surface forms."),
        Field("entity_name", STRING, False, "A readable name of the facility."),
        Field("sentence", STRING, False, "The sentence the mention is in."),
    ),
)

ENTITIES = TableSchema(
    name="entities",
    description="One row per facility mentioned, most mentioned first.",
    fields=(
        Field("entity_id", STRING, False, "As in `mentions`.", unique=True),
        Field(
            "entity_name",
            STRING,
            False,
            "The gazetteer's name, else the most common form (with the city or airport its id"
            " adds).",
        ),
        Field("kind", STRING, False, "The facility's kind."),
        Field("mention_count", "int64", False, "Mentions of it."),
        Field("article_count", "int64", False, "Articles that mention it."),
        Field(
            "provinces",
            STRING_LIST,
            False,
            "Current provinces: the gazetteer's, else those its name gives (not a bridge's).",
        ),
    ),
)

PLACES = TableSchema(
    name="places",
    description=(
        "One row per mention of a province or centrally-run city, with the province it is "
        "part of since the 2025 merger (63 former units into 34)."
    ),
    fields=(
        *_span_fields("province name"),
        Field("province_former", STRING, False, "The province named (pre-2025 list)."),
        Field("province", STRING, False, "The current province it belongs to."),
    ),
)

AMOUNTS = TableSchema(
    name="amounts",
    description="One row per amount of money or percentage, normalised to a number.",
    fields=(
        *_span_fields("amount (e.g. '1.500 tỷ đồng')"),
        Field("value", "float64", False, "The number: 1.5e12 for '1.500 tỷ đồng', 22 for '22%'."),
        Field("unit", STRING, False, "`VND`, `USD`, `EUR`, ... or `%`."),
        Field("qualifier", STRING, True, "'hơn', 'gần', 'khoảng', ... when given."),
        Field("sentence", STRING, False, "The sentence the amount is in."),
    ),
)

TOPIC_LABELS = TableSchema(
    name="topic_labels",
    description=(
        "One row per article: its cluster and its named topics (rules: "
        "`../shared/gold/TOPICS.md`). Built by `analysis.topics.label_topics`: the clusters "
        "are fitted on the articles it labels; the named topics come from the classifier "
        "learned from labelled items (`data/topic_classifier.csv`)."
    ),
    fields=(
        Field("article_id", STRING, False, "The article.", unique=True),
        Field("map_x", "float64", False, "First coordinate on the 2-D map (PCA of LSA)."),
        Field("map_y", "float64", False, "Second coordinate on the 2-D map."),
        Field("cluster", "int64", False, "Cluster number, 0 to n_clusters - 1."),
        Field("cluster_label", STRING, False, "The cluster's three most distinctive phrases."),
        Field(
            "centre_distance",
            "float64",
            True,
            "Distance to the cluster centre (smallest: most representative; null if streaming).",
        ),
        Field(
            "named_topics",
            STRING_LIST,
            False,
            "Subset of infrastructure, trade, aviation (empty: other): the topics whose "
            "probability reaches their cut-off.",
        ),
        Field(
            "infrastructure_probability",
            "float64",
            False,
            "P(the item is mainly about infrastructure), from the classifier.",
        ),
        Field("trade_probability", "float64", False, "P(mainly about trade)."),
        Field("aviation_probability", "float64", False, "P(mainly about aviation)."),
    ),
)

CLUSTERS = TableSchema(
    name="clusters",
    description=(
        "One row per topic cluster, largest first: its label, size, top terms and the named "
        "topics it leans to. Built with `topic_labels` by `analysis.topics.cluster_table`."
    ),
    fields=(
        Field("cluster", "int64", False, "Cluster number, as in `topic_labels`.", unique=True),
        Field("cluster_label", STRING, False, "Its three most distinctive phrases."),
        Field("article_count", "int64", False, "Articles in the cluster."),
        Field(
            "top_terms",
            STRING_LIST,
            False,
            "Its most distinctive terms (class-based TF-IDF), syllable pairs first, each grown "
            "to the whole phrase it stands in (`analysis.topics.phrases`).",
        ),
        Field(
            "top_term_weights",
            FLOAT_LIST,
            False,
            "Each top term's class-based TF-IDF weight in the cluster.",
        ),
        Field(
            "infrastructure_mean_probability",
            "float64",
            False,
            "Mean P(infrastructure) of its articles.",
        ),
        Field("trade_mean_probability", "float64", False, "Mean P(trade) of its articles."),
        Field("aviation_mean_probability", "float64", False, "Mean P(aviation) of its articles."),
    ),
)

# The order of a project's life (analysis.events.LIFECYCLE).
LIFECYCLE_STAGES = ("proposal", "approval", "funding", "tender", "site_clearance")
LIFECYCLE_STAGES += ("construction_start", "completion")

EVENTS = TableSchema(
    name="events",
    description=(
        "One row per lifecycle event an article asserts about a named project (rules: "
        "`../shared/gold/EVENTS.md`): per article, project, type and status in each part "
        "read (title and lead, body), with the sentence of its dated, else surest, telling. "
        "Built by `analysis.events.extract_events` from the articles and their mentions."
    ),
    fields=(
        Field("article_id", STRING, False, "The article (see `articles`)."),
        Field("field", STRING, False, "`title`, `lead` or `body`: where the project is named."),
        Field("start", "int64", False, "Offset of the project's mention in that field."),
        Field("end", "int64", False, "Offset one past its end."),
        Field("entity_id", STRING, False, "The project (see `mentions`)."),
        Field(
            "type",
            STRING,
            False,
            "proposal, approval, funding, tender, site_clearance, construction_start, "
            "completion, delay, cost_change or suspension.",
        ),
        Field("status", STRING, False, "`done` (it happened) or `planned` (promised, targeted)."),
        Field("when", STRING, True, "The time the sentence gives, as written ('cuối năm nay')."),
        Field(
            "when_period",
            STRING,
            True,
            "That time resolved against the publication date: a day, month, quarter or year "
            "('2026-04-30', '2026-12', '2026Q4', '2027').",
        ),
        Field("when_start", DATETIME_VN, True, "First moment of that period."),
        Field("when_end", DATETIME_VN, True, "Last moment of that period."),
        Field("probability", "float64", False, "The model's confidence that this is an event."),
        Field(
            "via_other_work",
            "bool",
            False,
            "The project is named as the end of another work's route ('đường sắt Thủ Thiêm nối "
            "sân bay Long Thành'): the stage is that work's, so the tracker leaves it out.",
        ),
        Field(
            "sentence",
            STRING,
            False,
            "The sentence that asserts it; when that names no project (the first sentence's is "
            "meant: the title's), that sentence before it, joined with ' … ' unless on one line; "
            "a title naming no project that speaks of the lead's projects, then the lead's "
            "sentence after ' … '.",
        ),
        Field("published_at", DATETIME_VN, True, "When the article was published."),
        Field("outlet", STRING, True, "The article's outlet."),
    ),
)

TRACKER = TableSchema(
    name="tracker",
    description=(
        "One row per project the corpus names: where it stands (the latest stage reported "
        "done, in lifecycle order), when each stage was first reported, what was promised "
        "and what slipped, and the money the articles tie to it. A stage counts when a "
        "report of it is sure (probability at least 0.6) or two articles report it, and is "
        "dated by its first such report (`analysis.tracker.stage_reports`). Built by "
        "`analysis.tracker.project_tracker` from events, mentions and amounts. Stages in "
        "lifecycle order: proposal, approval, funding, tender, site_clearance, "
        "construction_start, completion."
    ),
    fields=(
        Field("entity_id", STRING, False, "The project (see `mentions`).", unique=True),
        Field("entity_name", STRING, False, "Its readable name."),
        Field("kind", STRING, False, "expressway, airport, bridge, ..."),
        Field(
            "provinces",
            STRING_LIST,
            False,
            "Current provinces: the gazetteer's, else those its name gives (not a bridge's).",
        ),
        Field("mention_count", "int64", False, "Mentions of it."),
        Field("article_count", "int64", False, "Articles that name it."),
        Field("outlets", STRING_LIST, False, "Articles per outlet, as 'VnExpress: 12'."),
        Field("first_seen", DATETIME_VN, True, "Its first article's publication time."),
        Field("last_seen", DATETIME_VN, True, "Its latest article's publication time."),
        Field("current_stage", STRING, True, "Latest stage reported done (lifecycle order)."),
        Field("current_stage_at", DATETIME_VN, True, "When that stage was first surely reported."),
        Field("current_stage_article", STRING, True, "The article that first surely reported it."),
        Field("current_stage_sentence", STRING, True, "Its sentence."),
        Field(
            "completed_in_part",
            "bool",
            False,
            "Completion is its stage, but every report of it counted is of a part (a section, a "
            "branch, a phase, an item: analysis.scope).",
        ),
        *(
            Field(
                f"{stage}_reported_at", DATETIME_VN, True, f"First sure report of {stage} (done)."
            )
            for stage in LIFECYCLE_STAGES
        ),
        Field("promise_count", "int64", False, "Distinct promised dates (start, completion)."),
        Field(
            "promised_completion",
            STRING,
            True,
            "The completion period the latest article promising one gives.",
        ),
        Field("promised_completion_at", DATETIME_VN, True, "When that promise was made."),
        Field("slip_count", "int64", False, "Promised dates pushed back, or passed unkept."),
        Field(
            "slip_months",
            "float64",
            False,
            "Months its promised dates moved, per stage from the first that slipped to the latest.",
        ),
        Field("delay_reports", "int64", False, "Articles reporting it late."),
        Field("suspension_reports", "int64", False, "Articles reporting it halted."),
        Field("investment_vnd", "float64", True, "Total investment as last reported (VND)."),
        Field("investment_reports", "int64", False, "Distinct investment figures reported."),
    ),
)

TREND_DAYS = TableSchema(
    name="trend_days",
    description=(
        "Articles per Vietnam day and outlet (`item_kind` `article`), and the articles that "
        "name each project (`entity_id`) or fall in each named topic (`named_topic`) per day "
        "and outlet: what the time-trend notebook counts, shares and compares, small whatever "
        "the corpus. Built by `analysis.days.day_counts`; on Dask by a group-by per month."
    ),
    fields=(
        Field("item_kind", STRING, False, "`article`, `entity_id` or `named_topic`."),
        Field("day", DATETIME_VN, True, "The day (midnight, Vietnam time); null: undated."),
        Field("outlet", STRING, True, "The outlet (null when the source names none)."),
        Field(
            "item",
            STRING,
            True,
            "The project's `entity_id` or the named topic (null for `article`).",
        ),
        Field("article_count", "int64", False, "Articles on that day, outlet [and item]."),
    ),
)

TABLES: tuple[TableSchema, ...] = (
    ARTICLES,
    RELATED,
    REJECTS,
    WARNINGS,
    MENTIONS,
    ENTITIES,
    PLACES,
    AMOUNTS,
    TOPIC_LABELS,
    CLUSTERS,
    EVENTS,
    TRACKER,
    TREND_DAYS,
)


def data_dictionary() -> str:
    """The README's data dictionary, rendered from the schemas above."""
    return "\n\n".join(t.markdown() for t in TABLES)
