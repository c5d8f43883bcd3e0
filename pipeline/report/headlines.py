"""Each chart's headline: the one sentence under it in the report, with the figure the chart shows.

One function per chart, named after the chart's stem and listed with it in ``pipeline.outputs.CHARTS``. Each
takes the analysis tables, the run's metadata, a ``Formatter`` and the theme names, and returns the sentence,
or None when the tables lack what it needs (the report then shows the chart's caption).
"""
from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from pipeline.report.content import (Formatter, is_missing, label_of, level_text, share_with_interval, shown_rows,
                                    suppressed_rows, top_row)

Tables = Mapping[str, pd.DataFrame]
Names = Mapping[str, str]


def theme_ranking(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The top-ranked theme with its share and interval."""
    ranking = shown_rows(tables.get("theme_ranking"))
    if ranking.empty or not {"share", "ci_low", "ci_high"} <= set(ranking.columns):
        return None
    keys = ["rank", "share"] if "rank" in ranking.columns else ["share"]
    top = ranking.sort_values(keys, ascending=[True, False][-len(keys):], kind="stable").iloc[0]
    return fmt.msgs("report.finding.theme_ranking", theme=label_of(top, ("theme_name", "theme"), names),
                    share=fmt.percent(top["share"]), level=level_text(meta, fmt),
                    interval=fmt.percent_range(top["ci_low"], top["ci_high"]))


def segment_heatmap(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """How many segment cells are hidden by disclosure control."""
    segments = tables.get("theme_by_segment")
    if segments is None or segments.empty:
        return None
    return fmt.msgs("report.finding.segment_heatmap", hidden=int(suppressed_rows(segments).sum()),
                    cells=len(segments), mark=fmt.mark)


def top_box_labels(tables: Tables, row: pd.Series, fmt: Formatter) -> str:
    """The answers a top-box share counts, in the words of the question's own scale ("Jokseenkin samaa mieltä
    tai täysin samaa mieltä", "good or excellent"), or the catalogue's "highest answers" when the distribution
    does not tell them. The number of answers counted is the one whose counts add up to the row's ``top2``."""
    fallback = fmt.msgs("report.finding.top_box")
    frame = tables.get("likert_distribution")
    if frame is None or frame.empty or not {"item", "label", "score", "count"} <= set(frame.columns):
        return fallback
    scale = frame[(frame["item"].astype(str) == str(row.get("item"))) & frame["score"].notna()]
    if "question_id" in frame.columns and "question_id" in row.index:
        scale = scale[scale["question_id"].astype(str) == str(row["question_id"])]
    scale = scale.sort_values("score", ascending=False, kind="stable")
    counts = scale["count"].fillna(0).astype(int).cumsum().tolist()
    top = row.get("top2")
    if scale.empty or is_missing(top) or int(top) not in counts[1:]:
        return fallback
    labels = [str(label) for label in scale["label"].iloc[:counts.index(int(top), 1) + 1]][::-1]
    labels = [label[:1].lower() + label[1:] for label in labels]  # inside a sentence
    return fmt.msgs("report.fmt.or").join(labels)


def likert_competence(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The statement with the highest top-box share, the share named by the scale's own top answers."""
    likert = shown_rows(tables.get("likert_summary"))
    column = next((c for c in ("top2_share", "share") if c in likert.columns), None)
    top = top_row(likert, column) if column else None
    label = label_of(top, ("item", "statement"), names) if top is not None else None
    return fmt.msgs("report.finding.likert_competence", item=label, share=fmt.percent(top[column]),
                    answers=top_box_labels(tables, top, fmt)) if label else None


def export_readiness(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The share of all companies interested in exports, with its interval."""
    overall = shown_rows(tables.get("export_readiness"), segment_type="all", answer="yes")
    if overall.empty:
        return None
    return share_with_interval(fmt.msgs, "report.finding.export_readiness", overall.iloc[0], fmt,
                               level_text(meta, fmt), "share", "base")


def need_vs_competence(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The theme whose demand exceeds the stated competence most."""
    need = shown_rows(tables.get("need_vs_competence"))
    if need.empty or not {"demand_share", "competence_share"} <= set(need.columns):
        return None
    gap = (need["demand_share"] - need["competence_share"]).astype("float64")
    if gap.isna().all():
        return None
    top = need.loc[gap.idxmax()]
    return fmt.msgs("report.finding.need_vs_competence", theme=label_of(top, ("theme_name", "theme"), names),
                    demand=fmt.percent(top["demand_share"]), competence=fmt.percent(top["competence_share"]))


def participation_timeline(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """Workshops held and participations in all."""
    timeline = tables.get("participation_timeline")
    if timeline is None or not {"workshops", "participations"} <= set(timeline.columns) or not len(timeline):
        return None
    return fmt.msgs("report.finding.participation_timeline", workshops=int(timeline["workshops"].fillna(0).sum()),
                    participants=int(timeline["participations"].fillna(0).sum()))


def response_rate(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """Responses against participants, where the participants are known."""
    overall = shown_rows(tables.get("feedback_overall"))
    if overall.empty or not {"responses_rate_known", "participants_rate_known"} <= set(overall.columns):
        return None
    row = overall.iloc[0]
    if is_missing(row["participants_rate_known"]) or not row["participants_rate_known"]:
        return None
    return fmt.msgs("report.finding.response_rate", responses=int(row["responses_rate_known"]),
                    participants=int(row["participants_rate_known"]),
                    share=fmt.percent(row["responses_rate_known"] / row["participants_rate_known"]))


def satisfaction(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The pooled top-2 satisfaction share with its interval."""
    overall = shown_rows(tables.get("feedback_overall"))
    if overall.empty or "satisfaction_n" not in overall.columns:
        return None
    return share_with_interval(fmt.msgs, "report.finding.satisfaction", overall.iloc[0], fmt, level_text(meta, fmt),
                               "top2_share", "satisfaction_n")


def feedback_themes(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The most frequent theme of the "what to improve" comments (``other`` aside)."""
    improve = shown_rows(tables.get("feedback_themes"), scope="overall", prompt="improve")
    if "theme" in improve.columns:
        improve = improve[improve["theme"].astype("string") != "other"]
    top = top_row(improve, "share") if "share" in improve.columns else None
    if top is None:
        return None
    return fmt.msgs("report.finding.feedback_themes", theme=label_of(top, ("theme_name", "theme"), names),
                    share=fmt.percent(top["share"]))


def impact(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The share of companies whose development the workshops advanced (yes or partly)."""
    rows = shown_rows(tables.get("impact_summary"), measure="impact", answer="yes_or_partly")
    if rows.empty:
        return None
    return share_with_interval(fmt.msgs, "report.finding.impact", rows.iloc[0], fmt, level_text(meta, fmt),
                               "share", "base")


def demand_supply(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The demanded themes without (enough) workshops, or that every one is covered."""
    coverage = tables.get("coverage")
    if coverage is None or "is_unmet" not in coverage.columns or coverage.empty:
        return None
    unmet = coverage[coverage["is_unmet"].fillna(False).astype(bool)]
    if unmet.empty:
        return fmt.msgs("report.finding.demand_supply_covered")
    labels = [label_of(row, ("theme_name", "theme"), names) for _, row in unmet.iterrows()]
    return fmt.msgs("report.finding.demand_supply", themes=", ".join(label for label in labels if label))
