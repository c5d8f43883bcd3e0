"""Each chart's headline: the one sentence under it in the report, with the figure the chart shows.

One function per chart, named after the chart's stem and listed with it in ``pipeline.outputs.CHARTS``. Each
takes the analysis tables, the run's metadata, a ``Formatter`` and the theme names, and returns the sentence,
or None when the tables lack what it needs (the report then shows the chart's caption).

A sanity rule holds for every headline: a sentence the inputs contradict — "no workshops on any top theme" while
the register has workshops on them, 0 % for a theme that has answers — is returned as a ``DataWarning``, which
the report lists under the data warnings and never among the findings. ``data_warnings`` adds the checks that
belong to no chart (a role no question was found for, a zero share contradicting the answers).
"""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import pandas as pd

from pipeline.report.content import (ChartNote, DataWarning, Formatter, is_missing, label_of, level_text,
                                    share_with_interval, shown_rows, suppressed_rows, top_row)
from pipeline.segments import distinct_segments, place_name

Tables = Mapping[str, pd.DataFrame]
Names = Mapping[str, str]


def theme_ranking(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The top-ranked theme with its share, interval and n (companies of the base)."""
    ranking = shown_rows(tables.get("theme_ranking"))
    if ranking.empty or not {"share", "ci_low", "ci_high"} <= set(ranking.columns):
        return None
    keys = ["rank", "share"] if "rank" in ranking.columns else ["share"]
    top = ranking.sort_values(keys, ascending=[True, False][-len(keys):], kind="stable").iloc[0]
    if is_missing(top["share"]):
        return None         # no company answered a theme question: no share to headline (Data used says why)
    answers = theme_answers(tables)
    if not is_missing(top["share"]) and float(top["share"]) == 0 and answers:
        return DataWarning(fmt.msgs("report.warning.all_zero", table=_caption(fmt, "theme_ranking"),
                                    answers=sum(answers.values())))
    other = ranking[ranking["theme"].astype("string") == "other"] if "theme" in ranking.columns else ranking.iloc[:0]
    other_share = float(other["share"].iloc[0]) if len(other) and not is_missing(other["share"].iloc[0]) else 0.0
    if other_share >= float(meta.get("misfit_other_share", 1.01)) and \
            float(top["share"]) < float(meta.get("misfit_top_share", 0.0)):
        # most companies named no workshop theme and the first is named by few: not a "most wanted" headline
        return DataWarning(fmt.msgs("report.warning.taxonomy_misfit", other=fmt.percent(other_share),
                                    theme=label_of(top, ("theme_name", "theme"), names), share=fmt.percent(top["share"])))
    # the share's n (QA round 18: the headline had none); left out where the edition hides the count
    companies, base = (top.get(c) for c in ("companies", "respondents"))
    counted = {} if is_missing(companies) or is_missing(base) else {"companies": int(companies), "base": int(base)}
    suffix = "_n" if counted else ""
    # themes wanted by as many companies as the first are as much "most wanted": a tie names them all
    tied = ranking[(pd.to_numeric(ranking["share"], errors="coerce") == float(top["share"])).to_numpy(dtype=bool)]
    if "theme" in tied.columns:
        tied = tied[tied["theme"].astype("string") != "other"]
    if len(tied) > 1:
        # each with its own interval: equal shares may have different ones (uncertain companies widen it)
        themes = ", ".join(fmt.msgs("report.finding.theme_with_interval", theme=label_of(row, ("theme_name", "theme"),
                                                                                         names),
                                    interval=fmt.percent_range(row["ci_low"], row["ci_high"]))
                           for _, row in tied.iterrows())
        said = fmt.msgs("report.finding.theme_ranking_tied" + suffix, themes=themes, share=fmt.percent(top["share"]),
                        level=level_text(meta, fmt), **counted)
        second = same_tier_runner_up(ranking, top)
        if len(second):
            # the next theme in their tier, as for one most wanted theme (QA round 39: "branding and sales, 62 %
            # each" of 26 companies, while export 54 % was in the same tier and every rank interval was 1-5)
            said += fmt.msgs("report.finding.theme_ranking_tied_near", tier=int(top["tier"]),
                             **_runner_up(second, fmt, names, meta, counted))
        return said
    fields = {"theme": label_of(top, ("theme_name", "theme"), names), "share": fmt.percent(top["share"]),
              "level": level_text(meta, fmt), "interval": fmt.percent_range(top["ci_low"], top["ci_high"]), **counted}
    second = same_tier_runner_up(ranking, top)
    if len(second):
        # the next theme in the first one's tier: the paired test the tiers use could not tell them apart (QA
        # round 27: "Most wanted: Sales (67 %)" beside data 53 %, p = 0.23), as the feedback headline says it
        # (" / " between tied runners-up: a theme's own name may hold "and" or a comma)
        key = "report.finding.theme_ranking_near" + ("_several" if len(second) > 1 else "") + suffix
        return fmt.msgs(key, **fields, tier=int(top["tier"]), **_runner_up(second, fmt, names, meta, counted))
    return fmt.msgs("report.finding.theme_ranking" + suffix, **fields)


def _runner_up(second: pd.DataFrame, fmt: Formatter, names: Names, meta: Mapping[str, Any],
               counted: Mapping[str, int]) -> dict[str, str]:
    """``second`` and ``second_share`` of the most-wanted headline: the runner-up theme(s) with their interval and,
    where the lead's count is published, their companies of the same base (QA round 30: "Data (33 % each)" had
    neither). Several runners-up share one share: each name carries its own interval."""
    first = second.iloc[0]
    share = fmt.percent(float(first["share"]))
    companies = first.get("companies")
    counts = {"companies": int(companies), "base": counted["base"]} if counted and not is_missing(companies) else {}
    if len(second) > 1:
        named = " / ".join(fmt.msgs("report.finding.theme_with_interval", theme=label_of(row, ("theme_name", "theme"),
                                                                                         names),
                                    interval=fmt.percent_range(row["ci_low"], row["ci_high"]))
                           for _, row in second.iterrows())
        said = fmt.msgs("report.finding.runner_up_several_n", share=share, **counts) if counts else share
        return {"second": named, "second_share": said}
    if is_missing(first.get("ci_low")) or is_missing(first.get("ci_high")):
        return {"second": _names(second, names), "second_share": share}
    said = fmt.msgs("report.finding.runner_up" + ("_n" if counts else ""), share=share, level=level_text(meta, fmt),
                    interval=fmt.percent_range(first["ci_low"], first["ci_high"]), **counts)
    return {"second": _names(second, names), "second_share": said}


def same_tier_runner_up(ranking: pd.DataFrame, top: pd.Series) -> pd.DataFrame:
    """The themes of ``ranking`` at the highest share below ``top``'s, when they are in ``top``'s tier (``other``
    and hidden shares aside); empty when the next theme is in a lower tier or the table has no tiers."""
    if "tier" not in ranking.columns or is_missing(top.get("tier")):
        return ranking.iloc[0:0]
    shares = pd.to_numeric(ranking["share"], errors="coerce")
    keep = (shares < float(top["share"])).fillna(False)
    if "theme" in ranking.columns:
        keep &= (ranking["theme"].astype("string") != "other").fillna(True)
    below = ranking[keep.to_numpy(dtype=bool)]
    if below.empty:
        return below
    below = below.assign(_s=pd.to_numeric(below["share"], errors="coerce"))
    below = below[below["_s"] == below["_s"].max()]
    return below[(pd.to_numeric(below["tier"], errors="coerce") == int(top["tier"])).to_numpy(dtype=bool)]


def _names(rows: pd.DataFrame, names: Names, separator: str = ", ") -> str:
    """The rows' theme names, ``separator``-separated, in their order."""
    return separator.join(label_of(row, ("theme_name", "theme"), names) for _, row in rows.iterrows())


def segment_heatmap(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """How many segment cells are hidden by disclosure control: a note under the chart, no key finding."""
    segments = tables.get("theme_by_segment")
    if segments is None or segments.empty:
        return None
    # the cells the tables and the chart show: a merged municipality block that repeats its sub-region is one
    segments = distinct_segments(segments)
    # the public edition also hides the cells of a segment whose companies all answered alike
    key = "report.finding.segment_heatmap_public" if str(meta.get("edition", "steering")) == "public" else \
        "report.finding.segment_heatmap"
    note = fmt.msgs(key, hidden=int(suppressed_rows(segments).sum()), cells=len(segments), mark=fmt.mark)
    shown = published_segment_cells(segments)
    if shown > 1:
        # many small segments side by side show large gaps by chance alone (QA round 27: 2 of 20 sector pairs
        # gave Fisher p < 0.05 where every true difference was 0); no test is made, and the note says so
        note += " " + fmt.msgs("report.finding.segments_untested", cells=shown)
    return ChartNote(note)


def published_segment_cells(segments: pd.DataFrame) -> int:
    """The cells of ``theme_by_segment`` (as ``distinct_segments`` gives them) that show a share."""
    if segments.empty or "share" not in segments.columns:
        return 0
    return int((~suppressed_rows(segments) & pd.to_numeric(segments["share"], errors="coerce").notna()).sum())


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
    # quoted, as the questionnaire wrote them: a Swedish report reads the Finnish master's "hyvä", "erinomainen"
    # as the scale's words, not as its own (QA round 39)
    labels = [fmt.msgs("report.fmt.quoted", text=label[:1].lower() + label[1:]) for label in labels]
    return fmt.msgs("report.fmt.or").join(labels)


def likert_competence(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The statement with the highest top-box share among those rated by at least ``min_base`` companies, the
    share named by the scale's own top answers, with its interval and n; the statements tied with it, or the
    next one when its share lies within the first one's interval, named beside it. None when no statement
    reaches the floor."""
    likert = shown_rows(tables.get("likert_summary"))
    column = next((c for c in ("top2_share", "share") if c in likert.columns), None)
    if column and _hidden_statement(tables.get("likert_summary"), column):
        # a statement whose share is hidden (public edition) may be the strongest: naming the next one "strongest"
        # went against the edition's own published counts (QA round 21)
        return None
    if not column:
        return None
    # a statement rated by fewer companies than the project publishes a cell of is no key finding (QA round 27:
    # "strongest competence" was a statement rated by 1 company, 11 "don't know", CI 21-100 %)
    eligible = above_floor(likert, "n", meta.get("min_base", 5))
    top = top_row(eligible, column)
    label = label_of(top, ("item", "statement"), names) if top is not None else None
    if not label:
        return None
    fields = {"item": label, "answers": top_box_labels(tables, top, fmt)}
    level = level_text(meta, fmt)
    shares = pd.to_numeric(eligible[column], errors="coerce")
    rest = eligible.assign(_s=shares)[~suppressed_rows(eligible).to_numpy(dtype=bool) & shares.notna().to_numpy()]
    rest = rest[rest.index != top.name].sort_values("_s", ascending=False, kind="stable")
    said = None
    if len(rest) and not is_missing(top.get("ci_low")) and float(rest["_s"].iloc[0]) >= float(top["ci_low"]):
        # the next statement within the first one's interval (or tied with it): the answers do not tell which
        # is stronger, as the feedback themes' headline says of comment themes
        second = rest[rest["_s"] == rest["_s"].iloc[0]]
        key = "report.finding.likert_competence_" + ("tied" if float(second["_s"].iloc[0]) == float(top[column])
                                                     else "near") + ("_several" if len(second) > 1 else "")
        said = share_with_interval(fmt.msgs, key, top, fmt, level, column, "n", **fields,
                                   # (" / ": a statement's own name may hold "and" or a comma)
                                   second=" / ".join(str(label_of(r, ("item", "statement"), names))
                                                     for _, r in second.iterrows()),
                                   second_share=fmt.percent(float(second["_s"].iloc[0])))
    if said is None:
        said = share_with_interval(fmt.msgs, "report.finding.likert_competence", top, fmt, level, column, "n",
                                   **fields)
    dont_know = pd.to_numeric(pd.Series([top.get("n_dont_know")]), errors="coerce").iloc[0]
    if said is not None and pd.notna(dont_know) and dont_know > int(top["n"]):
        # more "don't know" than ratings: the share speaks for the minority that rated it (QA round 27: 7 of 12)
        said += fmt.msgs("report.finding.dont_know_many", item=label, dont_know=int(dont_know),
                         total=int(dont_know) + int(top["n"]))
    if said is not None and _floor_passed_over(likert, eligible, column, float(top[column])):
        said += fmt.msgs("report.finding.below_floor_statements", min_base=int(meta.get("min_base", 5)))
    return said


def above_floor(frame: pd.DataFrame, n_column: str, floor: Any) -> pd.DataFrame:
    """The rows of ``frame`` whose ``n_column`` is at least ``floor`` (a missing n is below it)."""
    if frame.empty or n_column not in frame.columns:
        return frame.iloc[0:0]
    n = pd.to_numeric(frame[n_column], errors="coerce")
    return frame[(n >= int(floor)).fillna(False).to_numpy(dtype=bool)]


def _floor_passed_over(frame: pd.DataFrame, eligible: pd.DataFrame, column: str, share: float) -> bool:
    """Whether a row of ``frame`` left out of ``eligible`` (below the floor) has a higher ``column`` share than
    ``share``: the headline then says such rows are not ranked."""
    below = frame[~frame.index.isin(eligible.index)]
    return bool((pd.to_numeric(below[column], errors="coerce") > share).any())


def _hidden_statement(frame: pd.DataFrame | None, column: str) -> bool:
    """Whether a statement of ``frame`` is suppressed, or has its ``column`` share hidden though someone rated it
    (a missing ``n`` counts as hidden; ``n`` = 0, nobody rated it, does not)."""
    if frame is None or frame.empty or column not in frame.columns:
        return False
    n = pd.to_numeric(frame["n"], errors="coerce") if "n" in frame.columns else \
        pd.Series(float("nan"), index=frame.index)
    hidden = frame[column].isna() & ~n.eq(0)
    return bool((suppressed_rows(frame) | hidden).any())


def export_readiness(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The share of all companies interested in exports, with its interval, and of those answering maybe (QA
    round 35: "31 %" beside a chart stacking yes and maybe to 58 %)."""
    overall = shown_rows(tables.get("export_readiness"), segment_type="all", answer="yes")
    if overall.empty:
        return None
    found = share_with_interval(fmt.msgs, "report.finding.export_readiness", overall.iloc[0], fmt,
                                level_text(meta, fmt), "share", "base")
    maybe = shown_rows(tables.get("export_readiness"), segment_type="all", answer="maybe")
    said = None if maybe.empty or found is None else share_with_interval(
        fmt.msgs, "report.finding.export_readiness_maybe", maybe.iloc[0], fmt, level_text(meta, fmt), "share", "base")
    return f"{found}{said}" if said and float(maybe["share"].iloc[0]) > 0 else found


def need_vs_competence(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The theme whose demand exceeds the stated competence most; None when no theme's does."""
    need = shown_rows(tables.get("need_vs_competence"))
    if need.empty or not {"demand_share", "competence_share"} <= set(need.columns):
        return None
    if "competence_n" in need.columns:
        # a competence share of fewer companies than a published cell needs makes no key finding (QA round 27)
        small = pd.to_numeric(need["competence_n"], errors="coerce") < int(meta.get("min_base", 5))
        need = need[~small.fillna(False).to_numpy(dtype=bool)]
        if need.empty:
            return None
    gap = (need["demand_share"] - need["competence_share"]).astype("float64")
    # a row with a competence statement is paired, whatever the edition shows of it (the public edition may hide
    # a statement's n with its share: QA round 10 found the next theme's gap named the largest)
    paired = need["item"].notna() if "item" in need.columns else \
        need["competence_n"].notna() if "competence_n" in need.columns else gap.notna()
    if gap.isna().all() or gap[paired.to_numpy(dtype=bool)].isna().any():
        # a hidden share (public edition): the largest gap cannot be named (with the top theme's competence
        # hidden, the next theme's gap read as the largest); a theme with no competence item is simply unpaired
        return None
    if not float(gap.max()) > 0:
        # no theme is wanted by more companies than feel competent in it: there is no gap to headline (a survey
        # read "largest gap: export" at 23 % demand beside 32 % competence, QA round 14)
        return None
    top = need.loc[gap.idxmax()]
    bounds = ("demand_ci_low", "demand_ci_high", "respondents", "competence_ci_low", "competence_ci_high",
              "competence_n")
    if any(is_missing(top.get(c)) for c in bounds):
        return None
    return fmt.msgs("report.finding.need_vs_competence", theme=label_of(top, ("theme_name", "theme"), names),
                    demand=fmt.percent(top["demand_share"]), competence=fmt.percent(top["competence_share"]),
                    level=level_text(meta, fmt),
                    demand_interval=fmt.percent_range(top["demand_ci_low"], top["demand_ci_high"]),
                    competence_interval=fmt.percent_range(top["competence_ci_low"], top["competence_ci_high"]),
                    demand_n=int(top["respondents"]), competence_n=int(top["competence_n"]))


def participations_low(tables: Tables) -> int | None:
    """The register's participations with every range (7-18) at its lower end (``reach``), or None when the
    register wrote no range."""
    reach = tables.get("reach")
    if reach is None or reach.empty or not {"indicator", "value"} <= set(reach.columns):
        return None
    low = reach.loc[reach["indicator"].astype(str) == "participations_low", "value"]
    return None if low.empty or is_missing(low.iloc[0]) else int(low.iloc[0])


def participation_timeline(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """Workshops held and participations in all; a range when the register wrote participants as ranges."""
    timeline = tables.get("participation_timeline")
    if timeline is None or not {"workshops", "participations"} <= set(timeline.columns) or not len(timeline):
        return None
    workshops, high = int(timeline["workshops"].fillna(0).sum()), int(timeline["participations"].fillna(0).sum())
    unknown = int(timeline["workshops_participants_unknown"].fillna(0).sum()) \
        if "workshops_participants_unknown" in timeline.columns else 0
    if workshops and unknown >= workshops:
        # no figure at all is no "0 participations" (QA round 15: beside 156 feedback responses)
        return fmt.msgs("report.finding.participation_timeline_none", workshops=workshops)
    said = _participations(tables, fmt, workshops, high)
    if unknown:
        key = "report.finding.participation_unknown"
        said += fmt.msgs(key + "_one" if unknown == 1 and key + "_one" in fmt.msgs else key, unknown=unknown)
    return said


def _participations(tables: Tables, fmt: Formatter, workshops: int, high: int) -> str:
    """The sentence of ``participation_timeline`` for the workshops whose participants the register gives."""
    low = participations_low(tables)
    if low is not None and low < high:
        return fmt.msgs("report.finding.participation_timeline_range", workshops=workshops,
                        participants=fmt.range(low, high))
    # a run hands the report the register its feedback tables used ("workshops"); a caller may pass its own
    register = tables.get("workshops")
    register = tables.get("workshop_register") if register is None else register
    if register is not None and "participants_note" in register.columns and len(register) and \
            not register["participants_note"].fillna("").astype(str).str.strip().any():
        # every figure was a plain number: the total is exact, not "about"
        return fmt.msgs("report.finding.participation_timeline_exact", workshops=workshops, participants=high)
    return fmt.msgs("report.finding.participation_timeline", workshops=workshops, participants=high)


def response_rate(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """Responses against participants, where the participants are known; participants and the rate as ranges
    when the register wrote some participants as a range."""
    overall = shown_rows(tables.get("feedback_overall"))
    if overall.empty or not {"responses_rate_known", "participants_rate_known"} <= set(overall.columns):
        return None
    row = overall.iloc[0]
    if is_missing(row["participants_rate_known"]) or not row["participants_rate_known"]:
        return None
    high = int(row["participants_rate_known"])
    low = row.get("participants_low_rate_known")
    low = high if is_missing(low) or not low else int(low)
    responses = int(row["responses_rate_known"])
    finding = fmt.msgs("report.finding.response_rate", responses=responses, participants=fmt.range(low, high),
                       share=fmt.percent_range(responses / high, min(1.0, responses / low)))
    total = row.get("responses")
    if not is_missing(total) and int(total) > responses:
        # responses from workshops without a usable participant figure are outside the rate: said, not hidden
        finding += fmt.msgs("report.finding.response_rate_rest", rest=int(total) - responses, total=int(total))
    return finding


def satisfaction(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The pooled top-2 satisfaction share with its interval."""
    overall = shown_rows(tables.get("feedback_overall"))
    if overall.empty or "satisfaction_n" not in overall.columns:
        return None
    # the public edition pools only the workshops whose ratings it shows: "all respondents" would overstate it
    key = "report.finding.satisfaction_shown" if str(meta.get("edition", "steering")) == "public" else \
        "report.finding.satisfaction"
    return share_with_interval(fmt.msgs, key, overall.iloc[0], fmt, level_text(meta, fmt), "top2_share",
                               "satisfaction_n")


def feedback_themes(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The most frequent theme of the "what to improve" comments (``other`` and praise aside: "a good course,
    nothing to improve" is no improvement to make); None below ``min_responses`` comments."""
    improve = shown_rows(tables.get("feedback_themes"), scope="overall", prompt="improve")
    if "theme" in improve.columns:
        aside = {"other", *meta.get("praise_themes", ())}
        improve = improve[~improve["theme"].astype("string").isin(aside).to_numpy(dtype=bool)]
    top = top_row(improve, "share") if "share" in improve.columns else None
    if top is None:
        return None
    if is_missing(top.get("base")) or int(top["base"]) < int(meta.get("min_responses", 5)):
        # fewer comments than the feedback figures need to be interpreted: no key finding (QA round 27: "most
        # often named to improve" was one comment of one participant, 100 %, CI 21-100 %)
        return None
    tied = improve[pd.to_numeric(improve["share"], errors="coerce") == float(top["share"])]
    if len(tied) > 1:
        # a tie has no single most named theme: name them all
        return share_with_interval(fmt.msgs, "report.finding.feedback_themes_tied", top, fmt, level_text(meta, fmt),
                                   "share", "base", themes=_names(tied, names))
    shares = pd.to_numeric(improve["share"], errors="coerce")
    # (assigned before the filter: a column assigned to an empty frame would bring the Series' rows with it)
    below = improve.assign(_s=shares)[(shares < float(top["share"])).to_numpy(dtype=bool)]
    below = below.sort_values("_s", ascending=False, kind="stable")
    if len(below) and not is_missing(top.get("ci_low")) and float(below["_s"].iloc[0]) >= float(top["ci_low"]):
        # the next theme within the first one's interval: a comment or two coded otherwise would swap them
        # (every theme at that next share: two tied runners-up are both named)
        second = below[below["_s"] == below["_s"].iloc[0]]
        key = "report.finding.feedback_themes_near" + ("_several" if len(second) > 1 else "")
        return share_with_interval(fmt.msgs, key, top, fmt, level_text(meta, fmt),
                                   "share", "base", theme=label_of(top, ("theme_name", "theme"), names),
                                   second=_names(second, names), second_share=fmt.percent(float(second["_s"].iloc[0])))
    return share_with_interval(fmt.msgs, "report.finding.feedback_themes", top, fmt, level_text(meta, fmt), "share",
                               "base", theme=label_of(top, ("theme_name", "theme"), names))


def impact(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The share of companies whose development the workshops advanced (yes or partly)."""
    rows = shown_rows(tables.get("impact_summary"), measure="impact", answer="yes_or_partly")
    if rows.empty:
        return None
    found = share_with_interval(fmt.msgs, "report.finding.impact", rows.iloc[0], fmt, level_text(meta, fmt),
                                "share", "base")
    base = pd.to_numeric(rows["base"], errors="coerce").iloc[0]
    if found is None and pd.notna(base) and base > 0 and pd.isna(rows["share"].iloc[0]):
        # the public edition hid the measure's answers: said, rather than a caption of the bare question
        # the counts the edition hides, 1..min_count-1: "1–2" by default, "1–3" with min_count 4 (QA round 25)
        top = int(meta.get("min_count", 3)) - 1
        return fmt.msgs("report.finding.impact_hidden", n=int(base), mark=fmt.mark,
                        few=f"1–{top}" if top > 1 else "1")
    return found


def demand_supply(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The demanded themes without (enough) workshops, or that every one is covered."""
    coverage = tables.get("coverage")
    if coverage is None or "is_unmet" not in coverage.columns or coverage.empty:
        return None
    demand = pd.to_numeric(coverage.get("demand_share", pd.Series(dtype=float)), errors="coerce")
    if not (demand.fillna(0) > 0).any():
        return None     # no theme was asked for (no demand data): "every top theme had workshops" says nothing
    unmet = coverage[coverage["is_unmet"].fillna(False).astype(bool)]
    if unmet.empty:
        if coverage["is_unmet"].isna().any():
            return None     # a theme whose demand the edition hides may be unmet: no "every theme covered"
        return fmt.msgs("report.finding.demand_supply_covered")
    labels = [label_of(row, ("theme_name", "theme"), names) for _, row in unmet.iterrows()]
    themes = ", ".join(label for label in labels if label)
    register = next((tables[n] for n in ("workshop_register", "workshops") if tables.get(n) is not None), None)
    on_theme = register_workshops(register)
    # the register itself has (more) workshops on a theme the coverage counts as unmet: the figures disagree
    contradicted = [(label, on_theme.get(str(row["theme"]), 0)) for label, (_, row) in zip(labels, unmet.iterrows())
                    if on_theme.get(str(row["theme"]), 0) > int(row.get("workshops", 0) or 0)]
    if contradicted:
        return DataWarning(fmt.msgs("report.warning.demand_supply_contradicted",
                                    themes=", ".join(str(label) for label, _ in contradicted),
                                    workshops=sum(n for _, n in contradicted)))
    # no demanded theme has any workshop while the register holds workshops: their themes went unrecognised
    demanded = coverage[pd.to_numeric(coverage["demand_share"], errors="coerce").notna().to_numpy()
                        & (coverage["theme"].astype(str) != "other").to_numpy()] \
        if {"demand_share", "theme"} <= set(coverage.columns) else coverage.iloc[0:0]
    held = int(len(register)) if register is not None else int(pd.to_numeric(
        coverage.get("workshops", pd.Series(dtype=float)), errors="coerce").fillna(0).sum())
    supplied = pd.to_numeric(demanded.get("workshops", pd.Series(dtype=float)), errors="coerce").fillna(0).sum()
    if len(demanded) and held and supplied == 0:
        return DataWarning(fmt.msgs("report.warning.demand_supply_unmatched", workshops=held, themes=themes))
    return fmt.msgs("report.finding.demand_supply", themes=unmet_in_demand_order(unmet, fmt, names))


def emerging_themes(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The emerging block's finding: the needs named besides the workshop themes (the taxonomy's other topics)
    that the most companies named, each with its companies of the base and interval, and, when the first was
    named by more companies than the most wanted workshop theme, that too; None without a shown topic. QA round
    33: 14 of 67 companies asked for recruitment while the key findings named data (14, mostly AI) alone."""
    frame = tables.get("emerging_themes")
    if frame is None or frame.empty or "topic" not in frame.columns:
        return None
    topics = frame[frame["topic"].fillna("").astype(str) != ""]
    topics = topics[pd.to_numeric(topics["companies"], errors="coerce").notna()
                    & pd.to_numeric(topics["share"], errors="coerce").notna()]
    if topics.empty:
        return None
    topics = topics.sort_values(["companies", "label"], ascending=[False, True], kind="stable").head(3)
    said = "; ".join(fmt.msgs("report.finding.emerging_topic", topic=row["label"], share=fmt.percent(row["share"]),
                              interval=fmt.percent_range(row["ci_low"], row["ci_high"]), companies=int(row["companies"]),
                              base=int(row["base"]))
                     for _, row in topics.iterrows())
    found = fmt.msgs("report.finding.emerging", topics=said, level=level_text(meta, fmt))
    ranking = tables.get("theme_ranking")
    if ranking is not None and not ranking.empty and {"companies", "theme"} <= set(ranking.columns):
        ranked = ranking[ranking["theme"].astype(str) != "other"]
        counts = pd.to_numeric(ranked["companies"], errors="coerce")
        # only when every workshop theme's count is published: beside a hidden one, "more than the most wanted
        # (0)" compared with the shown rows alone (QA round 34, public edition)
        top = counts.max() if len(counts) and counts.notna().all() and not suppressed_rows(ranked).any() else np.nan
        first = topics.iloc[0]
        if pd.notna(top) and int(first["companies"]) > int(top):
            found += " " + fmt.msgs("report.finding.emerging_above", topic=first["label"],
                                    companies=int(first["companies"]), top=int(top))
    return found


def service_routing(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> str | None:
    """The routing block's finding: per demanded theme, the companies left with no provider where they are and
    in their language (and the Swedish-using ones with none in Swedish), the providers serving none of the
    companies asking, or that every asking company has one; None when the table lacks the counts (the public
    edition). QA round 30: every theme read "no gap" while 9 companies had no provider, and the block said
    nothing."""
    routing = tables.get("service_routing")
    if routing is None or routing.empty or "unserved_companies" not in routing.columns:
        return None
    asked = pd.to_numeric(routing["demand_companies"], errors="coerce")
    unserved = pd.to_numeric(routing["unserved_companies"], errors="coerce")
    if unserved.isna().all() or not (asked.fillna(0) > 0).any():
        return None

    def listed(count: str, base: str) -> str:
        values = pd.to_numeric(routing[count], errors="coerce")
        of = pd.to_numeric(routing[base], errors="coerce")
        order = routing.assign(_v=values, _of=of)
        order = order[order["_v"].fillna(0) > 0].sort_values(["_v", "_of"], ascending=False, kind="stable")
        return ", ".join(fmt.msgs("report.finding.routing_theme", theme=label_of(r, ("theme_name", "theme"), names),
                                  value=int(r["_v"]), base=int(r["_of"])) for _, r in order.iterrows())

    parts = []
    left = listed("unserved_companies", "demand_companies")
    parts.append(fmt.msgs("report.finding.routing_unserved", themes=left) if left
                 else fmt.msgs("report.finding.routing_served"))
    swedish = listed("unserved_swedish_companies", "swedish_demand_companies") \
        if "unserved_swedish_companies" in routing.columns else ""
    if swedish:
        parts.append(fmt.msgs("report.finding.routing_unserved_sv", themes=swedish))
    # each idle provider with the themes it serves none of the askers of: a provider of export and sales idle for
    # sales only read as idle altogether (QA round 36)
    idle: dict[str, list[str]] = {}
    for _, row in routing.iterrows():
        cell = row.get("idle_providers")
        if is_missing(cell):
            continue
        for provider in (n for n in str(cell).split("; ") if n):
            idle.setdefault(provider, []).append(label_of(row, ("theme_name", "theme"), names))
    if idle:
        parts.append(fmt.msgs("report.finding.routing_idle", providers="; ".join(
            fmt.msgs("report.finding.routing_idle_one", provider=p, themes=", ".join(t)) for p, t in idle.items())))
    # the needs besides the workshop themes that the companies named and no provider of the catalogue lists: the
    # widest gap of all, which the table (of what providers list) cannot show (QA round 36 F9: staff named by 8 of
    # 40 companies, every row "no gap")
    unlisted = _unlisted_topics(tables.get("emerging_themes"), set(routing["theme"].astype(str)), fmt)
    if unlisted:
        parts.append(fmt.msgs("report.finding.routing_unlisted", themes=unlisted))
    return " ".join(parts)


def _unlisted_topics(emerging: pd.DataFrame | None, listed: set[str], fmt: Formatter) -> str:
    """The other topics of ``emerging`` (``emerging_themes``' named topics, not its clusters) that some company
    named and no row of the routing table holds, most named first, each "name companies/base"; "" for none."""
    if emerging is None or emerging.empty or not {"topic", "label", "companies", "base"} <= set(emerging.columns):
        return ""
    rows = emerging.assign(_n=pd.to_numeric(emerging["companies"], errors="coerce"),
                           _of=pd.to_numeric(emerging["base"], errors="coerce"))
    rows = rows[rows["topic"].notna() & (rows["topic"].astype(str) != "") & ~rows["topic"].astype(str).isin(listed)
                & (rows["_n"].fillna(0) > 0) & rows["_of"].notna()]
    rows = rows.sort_values(["_n", "label"], ascending=[False, True], kind="stable")
    return ", ".join(fmt.msgs("report.finding.routing_theme", theme=str(r["label"]), value=int(r["_n"]),
                              base=int(r["_of"])) for _, r in rows.iterrows())


def unmet_in_demand_order(unmet: pd.DataFrame, fmt: Formatter, names: Names) -> str:
    """The unmet themes' names, comma-separated; two or more in demand order, each with its demand share (QA round
    27: with every theme in tier 1, e-commerce 28 % stood in the list on the same footing as sales 67 %) and, where
    the table has them, its interval and base (QA round 30: the shares had neither)."""
    if len(unmet) < 2 or "demand_share" not in unmet.columns:
        return ", ".join(label for label in (label_of(r, ("theme_name", "theme"), names) for _, r in unmet.iterrows())
                         if label)
    shares = pd.to_numeric(unmet["demand_share"], errors="coerce")
    ordered = unmet.assign(_s=shares).sort_values("_s", ascending=False, kind="stable", na_position="last")
    said = []
    for _, row in ordered.iterrows():
        label = label_of(row, ("theme_name", "theme"), names)
        if not label:
            continue
        if is_missing(row["_s"]):
            said.append(label)      # a share the edition hides is left out, not printed as a mark in a sentence
            continue
        figures = [row.get(c) for c in ("demand_ci_low", "demand_ci_high", "demand_base")]
        if any(is_missing(v) for v in figures):
            said.append(fmt.msgs("report.finding.theme_share", theme=label, share=fmt.percent(row["_s"])))
        else:
            said.append(fmt.msgs("report.finding.theme_share_n", theme=label, share=fmt.percent(row["_s"]),
                                 interval=fmt.percent_range(figures[0], figures[1]), base=int(figures[2])))
    return ", ".join(said)


def register_workshops(register: pd.DataFrame | None) -> dict[str, int]:
    """Theme slug → workshops of the register on it (its ``themes`` cells, ";"- or ","-separated)."""
    if register is None or register.empty or "themes" not in register.columns:
        return {}
    counts: dict[str, int] = {}
    for cell in register["themes"]:
        if is_missing(cell):
            continue
        for slug in dict.fromkeys(p.strip() for p in str(cell).replace(",", ";").split(";") if p.strip()):
            counts[slug] = counts.get(slug, 0) + 1
    return counts


def theme_answers(tables: Tables) -> dict[str, int]:
    """Theme slug → answers the needs tables place in it: companies choosing its options (``option_ranking``)
    plus open answers coded into it (``open_theme_share``); ``other`` left out. Published figures only."""
    found: dict[str, int] = {}
    for name, count in (("option_ranking", "companies"), ("open_theme_share", "answers")):
        frame = tables.get(name)
        if frame is None or frame.empty or not {"theme", count} <= set(frame.columns):
            continue
        values = pd.to_numeric(frame[count], errors="coerce").fillna(0)
        for theme, value in zip(frame["theme"].astype(str), values):
            if theme != "other" and value > 0:
                found[theme] = found.get(theme, 0) + int(value)
    return found


def _caption(fmt: Formatter, table: str) -> str:
    key = f"report.table.{table}"
    return fmt.msgs(key) if key in fmt.msgs else table


def _open_text_only(used: pd.DataFrame, fmt: Formatter) -> list[str]:
    """A warning when the needs survey has an open needs question but no workshop-theme multi-select: the theme
    shares then rest on the open answers alone (QA round 15: a theme question nobody answered lost its role, and
    "most wanted: sales (50 %)" stood without a word on where it came from)."""
    needs = used[used["survey"].astype(str) == "needs"]
    missing = needs[(needs["use"].astype(str) == "not_found") & (needs["role"].astype(str) == "interests")]
    has_text = ((needs["role"].astype(str) == "needs_text") & (needs["use"].astype(str) == "analysis")).any()
    return [fmt.msgs("report.warning.open_text_only")] if len(missing) and has_text else []


def data_warnings(tables: Tables, meta: Mapping[str, Any], fmt: Formatter, names: Names) -> list[str]:
    """The warnings no chart's headline carries: a key role no question of a survey was found for (from
    ``data_used``), and a theme shown at 0 % while answers were placed in it (``theme_ranking``, ``coverage``)."""
    warnings: list[str] = []
    used = tables.get("data_used")
    if used is not None and not used.empty and {"use", "is_key", "survey", "role"} <= set(used.columns):
        from pipeline.analysis.questions import missing_key_roles

        for kind, roles in missing_key_roles(used).items():
            key = f"report.value.survey.{kind}"
            warnings.append(fmt.msgs("report.warning.no_key_role", survey=fmt.msgs(key) if key in fmt.msgs else kind,
                                     roles=" / ".join(roles), section=fmt.msgs("report.section.questions"),
                                     kind=kind, role=roles[0]))
        warnings += _open_text_only(used, fmt)
    answers = theme_answers(tables)
    ranking = tables.get("theme_ranking")
    ranked: dict[str, int] = {}
    if ranking is not None and not ranking.empty and {"theme", "companies"} <= set(ranking.columns):
        values = pd.to_numeric(ranking["companies"], errors="coerce")
        ranked = {t: int(v) for t, v in zip(ranking["theme"].astype(str), values) if not pd.isna(v)}
        if not (ranked and max(ranked.values()) == 0):  # all zero: the ranking headline says it
            for theme, count in ranked.items():
                if count == 0 and answers.get(theme, 0) > 0:
                    warnings.append(fmt.msgs("report.warning.zero_share", table=_caption(fmt, "theme_ranking"),
                                             theme=names.get(theme, theme), answers=answers[theme]))
    coverage = tables.get("coverage")
    if coverage is not None and not coverage.empty and {"theme", "demand_share"} <= set(coverage.columns):
        for theme, share in zip(coverage["theme"].astype(str), pd.to_numeric(coverage["demand_share"], errors="coerce")):
            if not pd.isna(share) and share == 0 and ranked.get(theme, 0) > 0:
                warnings.append(fmt.msgs("report.warning.zero_share", table=_caption(fmt, "coverage"),
                                         theme=names.get(theme, theme), answers=ranked[theme]))
    warnings += _outside_subregions(tables, meta, fmt)
    warnings += _future_workshops(tables, meta, fmt)
    warnings += _input_problems(meta, fmt)
    return warnings + feedback_problem_warnings(tables.get("feedback_problems"), fmt)


def _input_problems(meta: Mapping[str, Any], fmt: Formatter) -> list[str]:
    """A warning per ``input_problems`` row (steering edition: ``report_meta`` carries none in the public one):
    a company that answered twice, a language label the language figures cannot read (QA round 19: they had
    reached the log alone)."""
    out = []
    for row in meta.get("input_problems") or ():
        key = f"report.warning.input.{row.get('problem')}"
        if "," not in str(row.get("rows") or "") and key + "_one" in fmt.msgs:
            key += "_one"     # one row: "rivi 23", not "rivit 23"
        if key not in fmt.msgs:
            continue
        meant = fmt.msgs("report.warning.input.meant", meant=row["meant"]) if row.get("meant") else ""
        out.append(fmt.msgs(key, source=row.get("source") or "", rows=row.get("rows") or "",
                            value=row.get("value") or "", meant=meant, workshop=row.get("workshop_id") or ""))
    return out


def _future_workshops(tables: Tables, meta: Mapping[str, Any], fmt: Formatter) -> list[str]:
    """A warning per register workshop dated after the run's date: it is counted as held (QA round 18: a
    workshop typed 3.9.2027 counted in the supply and the funnel, and 19 empty months on the timeline)."""
    summary, today = tables.get("feedback_summary"), meta.get("run_date")
    if summary is None or summary.empty or not today or not {"workshop_id", "date"} <= set(summary.columns):
        return []
    dates = pd.to_datetime(summary["date"], errors="coerce")
    later = (dates > pd.Timestamp(str(today))).to_numpy(dtype=bool)
    return [fmt.msgs("report.warning.future_workshop", workshop=str(w), date=fmt.date(d))
            for w, d in zip(summary.loc[later, "workshop_id"], dates[later])]


def _outside_subregions(tables: Tables, meta: Mapping[str, Any], fmt: Formatter) -> list[str]:
    """A warning when the sub-regions' bases add up to fewer companies than answered: their municipality is in
    no sub-region of ``[analysis] subregions`` (a neighbouring or misspelt one, or none given), so the
    sub-region figures leave them out (QA round 9: 4 of 25, Kruunupyy and a misspelt Kaustinen, without a
    word). The public edition says it only of a count it would publish."""
    segments, ranking = tables.get("theme_by_segment"), tables.get("theme_ranking")
    if segments is None or ranking is None or segments.empty or ranking.empty or "respondents" not in ranking:
        return []
    sub = distinct_segments(segments)
    sub = sub[sub["segment_type"].astype(str) == "subregion"].drop_duplicates("segment")
    bases = pd.to_numeric(sub["base"], errors="coerce")
    total = pd.to_numeric(ranking["respondents"], errors="coerce").dropna()
    if total.empty:
        return []
    if sub.empty:
        # no company in any sub-region (QA round 21: the region's bilingual options put 30 of 30 outside without a
        # word, where 1 of 30 had one): every company that named a municipality is outside
        municipal = segments[segments["segment_type"].astype(str) == "municipality"].drop_duplicates("segment")
        named = pd.to_numeric(municipal["base"], errors="coerce")
        if not meta.get("subregions") or municipal.empty or named.isna().any():
            return []
        outside = int(named.sum())
    elif bases.isna().any():
        return []
    else:
        outside = int(total.iloc[0]) - int(bases.sum())
    public = str(meta.get("edition", "steering")) == "public"
    if outside <= 0 or (public and outside < int(meta.get("min_count", 3))):
        return []
    key = "report.warning.outside_subregions" + ("_one" if outside == 1 else "")
    said = fmt.msgs(key if key in fmt.msgs else "report.warning.outside_subregions", outside=outside,
                    total=int(total.iloc[0]))
    outside_named = [] if public else _outside_municipalities(segments, meta)
    meant = _meant_municipalities(outside_named, meta)
    others = [(name, n) for name, n in outside_named if name not in {m for m, _ in meant}]
    if others:
        # the steering group reads the report, not the log (QA round 21: "The log names the municipalities")
        # by the report language's names, as the segment tables name them (QA round 25: "Kruunupyy" beside
        # "Kronoby" in a Swedish report)
        said += " " + fmt.msgs("report.warning.outside_names",
                               names=", ".join(f"{place_name(name, fmt.msgs)} ({fmt.number(n)})"
                                               for name, n in others))
    if meant:
        # the steering edition names what the log said (QA round 14: "Kanus" was in the log alone); the public
        # one names no municipality of one or two companies
        said += " " + fmt.msgs("report.warning.maybe_meant",
                               pairs=", ".join(f"{name} → {near}" for name, near in meant))
    return [said]


def _outside_municipalities(segments: pd.DataFrame, meta: Mapping[str, Any]) -> list[tuple[str, float]]:
    """(municipality segment in no sub-region, its base), for each such segment, in the table's order; none
    without ``subregions`` in ``meta``."""
    from pipeline.analysis.stats import listed_municipalities, name_key

    subregions = meta.get("subregions") or {}
    if not subregions:
        return []
    canonical = listed_municipalities(subregions, meta.get("municipality_aliases") or {})
    rows = segments[segments["segment_type"].astype(str) == "municipality"].drop_duplicates("segment")
    # a segment of municipalities pooled within their sub-region is named after it: its members are listed
    members = rows["members"].fillna("").astype(str) if "members" in rows.columns else rows["segment"].astype(str)
    pooled = members.map(lambda m: all(name_key(n) in canonical for n in m.split(";") if n.strip()))
    rows = rows[~pooled.to_numpy() & rows["segment"].notna().to_numpy()]
    return [(str(name), base) for name, base in zip(rows["segment"], pd.to_numeric(rows["base"], errors="coerce"))
            if name_key(str(name)) not in canonical and pd.notna(base)]


def _meant_municipalities(outside: list[tuple[str, float]], meta: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(municipality in no sub-region, the listed municipality it looks like a misspelling or an inflected form
    of), for each of ``outside`` (``_outside_municipalities``) that looks like one, in its order."""
    from pipeline.analysis.stats import listed_municipalities, meant_municipality, name_key

    if not meta.get("subregions"):
        return []
    canonical = listed_municipalities(meta["subregions"], meta.get("municipality_aliases") or {})
    pairs = [(name, meant_municipality(name_key(name), canonical))
             for name, _ in outside]
    return [(name, near) for name, near in pairs if near]


def feedback_problem_warnings(problems: pd.DataFrame | None, fmt: Formatter, most: int = 6) -> list[str]:
    """One warning per kind of problem the feedback analysis met in its inputs (``feedback_problems``: more
    responses than participants, a rating off its scale, feedback for a workshop the register lacks ...), naming
    the workshops it concerns; the rows stay in ``feedback_problems.csv``. Counts of responses are left to the
    file: a count of one response is not for the public edition."""
    if problems is None or problems.empty or "problem" not in problems.columns:
        return []
    out = []
    for problem, rows in problems.groupby(problems["problem"].astype(str), sort=False):
        key = f"feedback.problem.{problem}"
        ids = list(dict.fromkeys(str(w) for w in rows.get("workshop_id", pd.Series(dtype=object)).dropna()))
        where = ", ".join(ids[:most]) + (f" (+{len(ids) - most})" if len(ids) > most else "")
        # "…: 5" read as five responses where 5 was the register's workshop number (QA round 29)
        named = fmt.msgs("report.warning.feedback_problem_where" + ("_several" if len(ids) > 1 else ""), ids=where)
        out.append(fmt.msgs("report.warning.feedback_problem", problem=fmt.msgs(key) if key in fmt.msgs else problem,
                            where=named if where else ""))
    return out
