"""The registry of outputs: per table, the stage that returns it, its file and format, where the report shows it
(block, columns, rows) and its chart with the chart's headline sentence.

Every renderer reads this module: the runner writes ``OUTPUTS`` to their files, the HTML, Markdown, slides
and workbook take their blocks, views and chart order from ``BLOCKS``, ``OUTPUTS`` and ``CHARTS``, and the
graph (``pipeline.stages``) takes the tables a multi-table stage returns from ``produced_by``. Adding an
output table means: return it from its stage function, declare its schema (``pipeline.schemas``) and list it
here.

Column kinds say how a column is shown: ``share`` (a proportion 0..1, shown as a percentage, hidden in a
suppressed row), ``count`` (companies: hidden in a suppressed row), ``id`` and ``flag`` (not shown in the
summary), ``pseudonym`` (a respondent's or company's pseudonym, or an answer id made from one: shown in no
report, the workbook included, so that nothing there links to the processed tables' rows), ``text`` (free
text: wrapped). Each table declares them (``kinds``); ``column_kind`` reads them,
and falls back on the naming convention only for a table the registry does not list (a caller's own).
Interval columns pair by name: ``x_low`` with ``x_high`` become one interval column.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

PROCESSED, FIGURES, REPORTS = "processed", "figures", "reports"
SHARE, COUNT, ID, PSEUDONYM, FLAG, TEXT = "share", "count", "id", "pseudonym", "flag", "text"


def kinds(*, share: tuple[str, ...] = (), count: tuple[str, ...] = (), id: tuple[str, ...] = (),
          pseudonym: tuple[str, ...] = (), flag: tuple[str, ...] = (), text: tuple[str, ...] = ()) -> dict[str, str]:
    """Column → kind, from the columns of each kind."""
    return {**{c: SHARE for c in share}, **{c: COUNT for c in count}, **{c: ID for c in id},
            **{c: PSEUDONYM for c in pseudonym}, **{c: FLAG for c in flag}, **{c: TEXT for c in text}}


_CI = ("ci_low", "ci_high")
_RATINGS = ("response_rate", "response_rate_high", "top2_share", *_CI, "usefulness_top2_share", "usefulness_ci_low", "usefulness_ci_high",
            "practicality_top2_share", "practicality_ci_low", "practicality_ci_high")


@dataclass(frozen=True)
class Output:
    """One output table: its name, the stage that returns it, how it is written and where it is shown.

    ``format``: ``parquet`` (tidy tables), ``csv`` (figures tables people open; formula-safe cells) or
    ``json``. ``block``: the report block that shows it (None: not in the summary, still in the workbook when
    ``in_report``). ``columns``: the columns the summary shows (None: all); ``where``: rows kept
    (column → value). ``in_report``: handed to the report stage (the workbook has a sheet per such table).
    ``schema``: the schema's name when it is not the table's own. ``kinds``: column → kind (see above).
    ``public_view``: in the public edition its file holds the table as the public report shows it (the
    quotes that may identify a respondent left out), not as the analysis returned it.
    ``missing_is_hidden``: the disclosure rules hide a count or share of it by leaving it out (no
    ``suppressed`` flag), and the analysis leaves out nothing else: a missing one reads ``:c``.
    ``in_public``: written in the public edition too. Microdata (a row per respondent, answer or company) are
    the analyst's working files: a public run's ``processed/`` is published with its report, so it leaves them
    out. ``empty_sheet``: the workbook keeps its sheet when it has no row (the feedback answers left out: empty,
    it says none was); other empty tables get no sheet of headers alone. ``steering_columns``: columns the public
    edition's reports leave out (the public edition publishes none of their figures).
    """

    name: str
    stage: str
    format: str = "csv"
    block: str | None = None
    columns: tuple[str, ...] | None = None
    where: Mapping[str, str] = field(default_factory=dict)
    in_report: bool = True
    schema: str = ""
    kinds: Mapping[str, str] = field(default_factory=dict)
    public_view: bool = False
    missing_is_hidden: bool = False
    in_public: bool = True
    empty_sheet: bool = False
    steering_columns: tuple[str, ...] = ()

    @property
    def schema_name(self) -> str:
        """The name of its schema in ``pipeline.schemas`` (its own name unless it shares another's)."""
        return self.schema or self.name

    @property
    def file(self) -> str:
        return f"{PROCESSED}/{self.name}.{self.format}"


@dataclass(frozen=True)
class ChartSpec:
    """One chart: its file stem, the table it draws, the function drawing it (``module:function``) and the
    report block it belongs to. Its headline sentence comes from the function named after the stem in
    ``pipeline.report.headlines`` (``headline`` names another, or "" for none)."""

    stem: str
    table: str
    draw: str
    block: str
    headline: str | None = None

    def draw_function(self) -> Callable[..., Any]:
        return _resolve(self.draw)

    def headline_function(self) -> Callable[..., Any] | None:
        if self.headline == "":
            return None
        return _resolve(self.headline or f"pipeline.report.headlines:{self.stem}")


@dataclass(frozen=True)
class BlockSpec:
    """One block of the report: its key (message keys ``report.block.<key>`` …) and its section; ``headline``
    (``module:function``, the signature of a chart's headline) gives a block without a chart its key finding."""

    key: str
    section: str
    headline: str | None = None

    def headline_function(self) -> Callable[..., Any] | None:
        return _resolve(self.headline) if self.headline else None


def _resolve(ref: str) -> Callable[..., Any]:
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


SECTIONS = ("wp1", "wp3", "questions")
BLOCKS: tuple[BlockSpec, ...] = (
    BlockSpec("ranking", "wp1"),
    BlockSpec("recommended", "wp1"),
    BlockSpec("segments", "wp1"),
    BlockSpec("likert", "wp1"),
    BlockSpec("export", "wp1"),
    BlockSpec("need_competence", "wp1"),
    BlockSpec("open_share", "wp1"),
    BlockSpec("options", "wp1"),
    BlockSpec("emerging", "wp1", headline="pipeline.report.headlines:emerging_themes"),
    BlockSpec("quotes", "wp1"),
    BlockSpec("coding", "wp1"),
    BlockSpec("register", "wp3"),
    BlockSpec("feedback", "wp3"),
    BlockSpec("feedback_themes", "wp3"),
    BlockSpec("impact", "wp3"),
    BlockSpec("coverage", "wp3"),
    BlockSpec("linking", "wp3"),
    BlockSpec("funnel", "wp3"),
    BlockSpec("language", "wp3"),
    BlockSpec("routing", "wp3", headline="pipeline.report.headlines:service_routing"),
    BlockSpec("questions", "questions"),
    BlockSpec("question_answers", "questions"),
    BlockSpec("data_used", "questions"),
)

# the workshop's language and organiser answer the Swedish and the "who serves" questions (QA round 35)
_REGISTER = ("date", "title", "format", "locality", "language", "organiser", "participants", "participants_note",
             "hours", "themes")

OUTPUTS: tuple[Output, ...] = (
    # tidy tables of the needs survey
    Output("questions", "questions", "parquet", in_report=False, kinds=kinds(id=("question_id",), text=("text",))),
    Output("respondents", "respondents", "parquet", in_report=False,
           kinds=kinds(pseudonym=("respondent_id", "company_id")), in_public=False),
    Output("answers", "answers", "parquet", in_report=False,
           kinds=kinds(pseudonym=("respondent_id",), id=("question_id",), text=("text",)), in_public=False),
    Output("texts", "texts", "parquet", in_report=False,
           kinds=kinds(pseudonym=("text_id", "respondent_id"), id=("question_id",), text=("text",)), in_public=False),
    Output("codes", "codes", "parquet", in_report=False, kinds=kinds(pseudonym=("text_id",)), in_public=False),
    # ingest accounting
    Output("coding_agreement", "coding_agreement", block="coding",
           # precision's base is the machine's answers of the theme, recall's the analyst's: shown beside them
           columns=("taxonomy", "theme", "answers", "reviewed", "share_reviewed", "uncertain", "machine",
                    "precision", "analyst", "recall", "kappa", "alpha"),
           kinds=kinds(share=("precision", "recall", "share_reviewed"),
                       count=("reviewed", "analyst", "machine", "answers", "uncertain"))),
    Output("ingest_report", "ingest_accounts", "json", in_report=False),
    Output("rejected", "ingest_accounts", "csv", in_report=False),
    # steering only: rows and typed values of single companies
    Output("input_problems", "input_problems", "csv", in_report=False, in_public=False),
    # WP1 (pipeline/analysis/needs.py)
    Output("theme_ranking", "needs_tables", block="ranking",
           columns=("theme_name", "companies", "companies_uncertain", "respondents", "share", "ci_low", "ci_high",
                    "rank", "rank_low", "rank_high", "p_top", "tier"),
           kinds=kinds(share=("share", *_CI, "p_top"), count=("companies", "companies_uncertain"))),
    Output("theme_by_segment", "needs_tables", block="segments",
           kinds=kinds(share=("share", *_CI), count=("companies",), flag=("suppressed",))),
    Output("open_theme_share", "needs_tables", block="open_share",
           columns=("theme_name", "answers", "n", "share", "ci_low", "ci_high"), kinds=kinds(share=("share", *_CI)),
           missing_is_hidden=True),
    # per respondent: processed/ only, for analysts; the report shows options per company (option_ranking), one
    # unit per figure
    Output("option_counts", "needs_tables", in_report=False,
           columns=("option", "respondents", "base", "share", "ci_low", "ci_high", "themes"),
           # counted per respondent beside option_ranking's companies, the difference tells what a company's
           # second respondent chose: the analyst's file, not published
           kinds=kinds(share=("share", *_CI), id=("question_id",)), missing_is_hidden=True, in_public=False),
    Output("option_ranking", "needs_tables", block="options",
           columns=("option", "theme_name", "companies", "base", "share", "ci_low", "ci_high"),
           kinds=kinds(share=("share", *_CI), count=("companies",), id=("question_id",)), missing_is_hidden=True),
    Output("likert_summary", "needs_tables", block="likert",
           columns=("item", "n", "n_dont_know", "share", "ci_low", "ci_high", "median_label"),
           # a hidden don't-know count or top-2 share reads ':c', not blank
           kinds=kinds(share=("share", *_CI), count=("n", "n_dont_know", "top2"), id=("question_id",)),
           missing_is_hidden=True),
    Output("likert_distribution", "needs_tables", kinds=kinds(share=("share",), id=("question_id",))),
    Output("export_readiness", "needs_tables", block="export",
           columns=("segment_type", "segment", "answer", "companies", "base", "share", "ci_low", "ci_high"),
           kinds=kinds(share=("share", *_CI), count=("companies",), flag=("suppressed",))),
    Output("need_vs_competence", "needs_tables", block="need_competence",
           columns=("theme_name", "item", "demand_share", "demand_ci_low", "demand_ci_high", "competence_n",
                    "competence_share", "competence_ci_low", "competence_ci_high"),
           kinds=kinds(share=("demand_share", "demand_ci_low", "demand_ci_high", "competence_share",
                              "competence_ci_low", "competence_ci_high"), count=("companies",), id=("question_id",))),
    Output("quotes", "needs_tables", block="quotes", columns=("theme_name", "text"),
           kinds=kinds(pseudonym=("text_id",), text=("text",)), public_view=True),
    # microdata (one row per company): processed/ only, no sheet
    Output("company_themes", "needs_tables", kinds=kinds(pseudonym=("company_id",)), in_public=False),
    Output("emerging_themes", "emerging_themes", block="emerging",
           columns=("label", "companies", "base", "share", "ci_low", "ci_high", "answers", "examples"),
           kinds=kinds(id=("cluster_id", "topic"), text=("examples",), share=("share", *_CI),
                       count=("companies", "answers")), public_view=True),
    # WP3: the validated register (shown when a caller passes it; a run shows the register feedback_tables used)
    Output("workshop_register", "workshop_register", format="", block="register", columns=_REGISTER,
           in_report=False),
    # WP3 (pipeline/analysis/feedback.py)
    Output("workshops", "feedback_tables", block="register", columns=_REGISTER, schema="workshop_register"),
    Output("participation_timeline", "feedback_tables", block="register",
           columns=("month", "workshops", "participations", "cumulative_participations")),
    Output("feedback_overall", "feedback_tables", block="feedback",
           columns=("workshops_with_feedback", "responses", "response_rate", "response_rate_high", "satisfaction_n",
                    "top2_share",
                    # the NPS with its own n: people skip the recommend question apart from the rest (QA round 27)
                    "ci_low", "ci_high", "nps_n", "nps", "nps_ci_low", "nps_ci_high"),
           kinds=kinds(share=_RATINGS)),
    # every rating the feedback surveys asked (satisfaction, usefulness, practicality), one row each, pooled
    Output("feedback_ratings", "feedback_tables", block="feedback",
           columns=("measure", "n", "top2", "share", "ci_low", "ci_high", "median"),
           kinds=kinds(share=("share", *_CI), count=("n", "top2"))),
    Output("feedback_summary", "feedback_tables", block="feedback",
           columns=("title", "date", "participants", "responses", "response_rate", "response_rate_high",
                    "satisfaction_n", "top2_share",
                    "ci_low", "ci_high", "median", "nps_n", "nps", "nps_ci_low", "nps_ci_high", "is_small_n"),
           kinds=kinds(share=_RATINGS)),
    Output("feedback_distribution", "feedback_tables", kinds=kinds(share=("share",))),
    Output("feedback_themes", "feedback_tables", block="feedback_themes",
           columns=("prompt", "theme_name", "comments", "base", "share", "ci_low", "ci_high"),
           where={"scope": "overall"}, kinds=kinds(share=("share", *_CI))),
    Output("feedback_quotes", "feedback_tables", block="feedback_themes",
           columns=("prompt", "theme_name", "text"), kinds=kinds(pseudonym=("text_id",), text=("text",)),
           public_view=True),
    Output("feedback_problems", "feedback_tables", empty_sheet=True),
    Output("impact_summary", "feedback_tables", block="impact",
           columns=("measure", "answer", "kirkpatrick_level", "companies", "base", "share", "ci_low", "ci_high"),
           kinds=kinds(share=("share", *_CI), count=("companies",)), missing_is_hidden=True),
    Output("kirkpatrick", "feedback_tables", block="impact", columns=("level", "note_key", "n", "is_measured")),
    Output("coverage", "feedback_tables", block="coverage",
           columns=("theme_name", "demand_share", "demand_ci_low", "demand_ci_high", "demand_tier", "workshops",
                    "hours", "participations", "is_unmet"),
           kinds=kinds(share=("demand_share", "demand_ci_low", "demand_ci_high"))),
    Output("reach", "feedback_tables", block="coverage", columns=("note_key", "value")),
    # companies across the surveys (pipeline/analysis/linking.py, language.py, routing.py)
    Output("attendance", "attendance", format="", in_report=False,
           kinds=kinds(pseudonym=("record_id", "company_id", "name_id"))),
    Output("company_links", "linking_tables", "parquet", in_report=False,
           kinds=kinds(pseudonym=("record_id", "company_id", "source_company_id", "name_id")),
           in_public=False),  # microdata
    Output("linking", "linking_tables", block="linking", columns=("measure", "source", "companies", "base"),
           kinds=kinds(count=("companies",))),
    Output("funnel", "funnel", block="funnel",
           columns=("theme_name", "workshops", "asked", "traced", "attended", "share", "ci_low", "ci_high",
                    "impact_base", "impact_yes", "impact_share", "impact_ci_low", "impact_ci_high",
                    "attended_without_asking"),
           kinds=kinds(share=("share", *_CI, "impact_share", "impact_ci_low", "impact_ci_high"),
                       # "asked" is the theme's total of the needs survey, published in full beside it
                       count=("traced", "attended", "impact_base", "impact_yes", "attended_without_asking"),
                       flag=("suppressed",)), missing_is_hidden=True),
    Output("company_languages", "company_languages", format="", in_report=False,
           kinds=kinds(pseudonym=("company_id",))),
    Output("language", "language", block="language",
           columns=("measure", "language", "value_low", "value", "value_only", "base_low", "base", "share", "ci_low",
                    "ci_high"),
           kinds=kinds(share=("share", *_CI), count=("value", "value_low", "value_only"), flag=("suppressed",)),
           steering_columns=("value_only",)),
    Output("language_requests", "language_requests", block="language",
           columns=("language", "survey", "text", "answers"), kinds=kinds(text=("text",), count=("answers",)),
           public_view=True),
    Output("service_catalogue", "service_catalogue", format="", in_report=False, kinds=kinds(text=("services",))),
    Output("service_routing", "routing_tables", block="routing",
           columns=("theme_name", "demand_companies", "swedish_demand_companies", "providers", "provider_languages",
                    "unserved_companies", "unserved_swedish_companies", "is_gap", "is_language_gap"),
           kinds=kinds(count=("demand_companies", "swedish_demand_companies", "unserved_companies",
                              "unserved_swedish_companies"), text=("providers", "idle_providers"),
                       flag=("suppressed",)), missing_is_hidden=True,
           steering_columns=("unserved_companies", "unserved_swedish_companies", "idle_providers")),
    # steering edition only (empty in the public edition); microdata: processed/ only, no sheet
    Output("company_routing", "routing_tables", in_report=False, kinds=kinds(pseudonym=("company_id",)),
           in_public=False),
    # every question no analysis reads, reported on its own, and what was used (pipeline/analysis/questions.py)
    Output("question_distribution", "question_tables", block="questions",
           columns=("survey", "question", "item", "answer", "companies", "base", "share", "ci_low", "ci_high"),
           kinds=kinds(share=("share", *_CI), count=("companies",), id=("question_id",), flag=("suppressed",))),
    Output("question_scales", "question_tables", block="questions",
           columns=("survey", "question", "item", "n", "mean", "top2", "share", "ci_low", "ci_high"),
           kinds=kinds(share=("share", *_CI), count=("top2",), id=("question_id",))),
    Output("question_answers", "question_tables", format="", block="question_answers",
           columns=("survey", "question", "text", "themes"),
           kinds=kinds(pseudonym=("text_id",), id=("question_id",), text=("text",))),
    Output("data_used", "data_used", block="data_used",
           columns=("survey", "file", "question", "type", "role", "use", "used_in"),
           kinds=kinds(id=("question_id",), text=("question",), flag=("is_key",))),
    # for the report only: every open answer with its question and themes
    Output("open_answers", "open_answers", format="", columns=("question", "text", "themes"),
           kinds=kinds(pseudonym=("text_id",), text=("text",))),
)

CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("theme_ranking", "theme_ranking", "pipeline.charts.needs:theme_ranking_chart", "ranking"),
    ChartSpec("segment_heatmap", "theme_by_segment", "pipeline.charts.needs:segment_heatmap_chart", "segments"),
    ChartSpec("likert_competence", "likert_distribution", "pipeline.charts.needs:likert_chart", "likert"),
    ChartSpec("export_readiness", "export_readiness", "pipeline.charts.needs:export_readiness_chart", "export"),
    ChartSpec("need_vs_competence", "need_vs_competence", "pipeline.charts.needs:need_vs_competence_chart",
              "need_competence"),
    ChartSpec("participation_timeline", "participation_timeline",
              "pipeline.charts.feedback:participation_timeline_chart", "register"),
    ChartSpec("response_rate", "feedback_summary", "pipeline.charts.feedback:response_rate_chart", "feedback"),
    ChartSpec("satisfaction", "feedback_distribution", "pipeline.charts.feedback:satisfaction_chart", "feedback"),
    ChartSpec("feedback_themes", "feedback_themes", "pipeline.charts.feedback:feedback_themes_chart",
              "feedback_themes"),
    ChartSpec("demand_supply", "coverage", "pipeline.charts.feedback:demand_supply_chart", "coverage"),
    ChartSpec("impact", "impact_summary", "pipeline.charts.feedback:impact_chart", "impact"),
    ChartSpec("funnel", "funnel", "pipeline.charts.linking:funnel_chart", "funnel",
              headline="pipeline.charts.linking:funnel_headline"),
    ChartSpec("language", "language", "pipeline.charts.linking:language_chart", "language",
              headline="pipeline.charts.linking:language_headline"),
)

BY_NAME: Mapping[str, Output] = {o.name: o for o in OUTPUTS}


def produced_by(stage: str) -> tuple[str, ...]:
    """The tables stage ``stage`` returns, in registry order."""
    return tuple(o.name for o in OUTPUTS if o.stage == stage)


def report_tables() -> tuple[str, ...]:
    """The tables handed to the report stage."""
    return tuple(o.name for o in OUTPUTS if o.in_report)


def written() -> tuple[Output, ...]:
    """The tables written to files, in registry order."""
    return tuple(o for o in OUTPUTS if o.format)


def column_kind(table: str, column: str, columns: Sequence[str] = ()) -> str:
    """The kind of ``column`` of ``table`` ("share", "count", "id", "flag", "text" or "" for a plain value):
    as the registry declares it; for a table the registry does not list, by the naming convention (``share``,
    ``*_share``, ``*_rate``, ``p_top``, ``ci_low``/``ci_high`` and ``x_ci_low``/``x_ci_high`` beside an ``x_``
    share are shares; ``companies`` a count; ``text_id``, ``respondent_id``, ``company_id`` pseudonyms; other
    ids and ``suppressed`` hidden; ``text``, ``quote``,
    ``examples`` text)."""
    output = BY_NAME.get(table)
    if output is not None:
        return output.kinds.get(column, "")
    return _by_convention(column, columns)


def _by_convention(name: str, columns: Sequence[str]) -> str:
    if name in {"share", "ci_low", "ci_high", "p_top", "response_rate"} or name.endswith(("_share", "_rate")) \
            or name.startswith("share_"):
        return SHARE
    for suffix in ("_ci_low", "_ci_high", "_ci_interval"):
        if name.endswith(suffix):
            stem = name[:-len(suffix)] + "_"
            if any(c.startswith(stem) and c.endswith(("_share", "_rate")) for c in columns):
                return SHARE
    if name == "companies":
        return COUNT
    if name == "suppressed":
        return FLAG
    if name in {"text_id", "respondent_id", "company_id"}:
        return PSEUDONYM
    if name in {"question_id", "cluster_id"}:
        return ID
    if name in {"text", "quote", "examples"}:
        return TEXT
    return ""
