"""Every question reported, and what each input question was used for.

The role-driven analyses (``needs``, ``feedback``, ``linking`` …) read only the questions whose analysis role
they know (``pipeline/roles.yaml``). A question no analysis reads — a single choice on the preferred format, an
impact survey's open question on future topics, a rating grid whose headers are bare statements — would then
appear nowhere. ``question_tables`` reports each such question on its own:

* **closed questions** (single choice, multi-select, rating scale): the distribution **per company** (a company
  with several respondents counts once: its earliest respondent's answer to a single choice or a scale
  statement -- in the impact survey its latest, as the impact figures count it --, any of its respondents' options
  of a multi-select), every option listed (0 when nobody chose it),
  with its base and a Wilson interval; don't-know answers stay out of the base;
* **rating scales** and **number questions**: per statement the mean beside the top-box share (the highest
  ``top_box`` points) with its interval (``question_scales``);
* **open answers**: coded with the taxonomy that fits them (both are tried; the one placing more answers in a
  theme other than ``other`` wins, the survey's own taxonomy on a tie), companies per theme, and every answer
  listed with its themes (``question_answers``).

Feedback surveys (one file per workshop, the same questions) are pooled by question text. Counts of companies go
through ``pipeline.disclosure.published`` like the WP1 tables (steering: survey totals in full; public: counts of
1..min_count-1 and bases under min_base hidden, and further cells until none can be recovered).

``data_used`` lists each input question of every survey with its role and the tables that read it, or why it is
not used, and one row per role no question was found for.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from pipeline.analysis.stats import wilson_interval
from pipeline.keys import fold
from pipeline.schemas import conform, empty
from pipeline.survey import Survey, other_text_parents

log = logging.getLogger(__name__)

OTHER = "other"
# role → the tables that read its question, per survey kind (a role not listed here is read by no analysis)
ROLE_USE: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "needs": {
        "business_id": (),
        "municipality": ("theme_by_segment",),
        "sector": ("theme_by_segment", "export_readiness"),
        "size": ("theme_by_segment", "export_readiness"),
        "export": ("export_readiness",),
        "interests": ("theme_ranking", "option_ranking", "option_counts"),
        "competence": ("likert_summary", "need_vs_competence"),
        "needs_text": ("theme_ranking", "open_theme_share", "quotes"),
        "business_language": ("language",),
    },
    "feedback": {
        "workshop": ("feedback_summary",),
        "satisfaction": ("feedback_summary", "feedback_overall", "feedback_ratings"),
        "usefulness": ("feedback_summary", "feedback_overall", "feedback_ratings"),
        "practicality": ("feedback_summary", "feedback_overall", "feedback_ratings"),
        "recommend": ("feedback_summary", "feedback_overall"),
        "good_text": ("feedback_themes",),
        "improve_text": ("feedback_themes",),
        "comment_text": ("feedback_themes",),
        "attended": ("funnel",),
        "business_language": ("language",),
    },
    "impact": {
        "impact": ("impact_summary",),
        "contacts": ("impact_summary",),
        "impact_text": ("impact_summary", "feedback_quotes"),
        "attended": ("funnel",),
        "business_language": ("language",),
    },
}
# the roles without which a survey's main analysis has nothing to work on
KEY_ROLES = {"needs": ("interests", "needs_text"), "feedback": ("satisfaction",), "impact": ("impact",)}
CLOSED = ("single", "multi", "likert")
EXCLUSIVE = ("single", "likert")  # one answer per company and statement: the counts add up to the base
NOT_REPORTED = ("meta", "date")
DEFAULT_TAXONOMY = {"needs": "needs", "feedback": "feedback", "impact": "feedback"}


def surveys_of(needs_survey: Survey | None, feedback_surveys: Sequence | None,
               impact_survey: Survey | None) -> list[tuple[str, Survey]]:
    """(kind, survey) of every survey of the run, needs first."""
    found: list[tuple[str, Survey]] = []
    if needs_survey is not None:
        found.append(("needs", needs_survey))
    for item in feedback_surveys or ():
        found.append(("feedback", item[1] if isinstance(item, tuple) else item))
    if impact_survey is not None:
        found.append(("impact", impact_survey))
    return found


def about_workshops(questions: pd.DataFrame, words: Sequence[str], but_roles: Sequence[str] = ()) -> set[str]:
    """The ids of the ``questions`` whose text holds a word starting with one of ``words`` (folded), but those of
    ``but_roles``."""
    stems = tuple(fold(w) for w in words)
    return {str(q) for q, text, role in zip(questions["question_id"], questions["text"], questions["role"].fillna(""))
            if str(role) not in but_roles and any(w.startswith(stems) for w in re.findall(r"\w+", fold(text)))}


def without_answers(survey: Survey, respondents: Iterable[str], question_ids: Iterable[str],
                    item_words: Sequence[str] = ()) -> Survey:
    """``survey`` without the answers of ``respondents`` (ids) to ``question_ids``, and to the grid statements
    (``item``) holding a word starting with one of ``item_words`` (folded): a grid "Väittämät" whose statement
    is "Työpajat lisäsivät osaamistamme" names the workshops in the statement, not in its stem (QA round 34). The
    survey itself when that is none."""
    gone, asked = {str(r) for r in respondents}, {str(q) for q in question_ids}
    answers = survey.answers
    stems = tuple(fold(w) for w in item_words)
    named = answers["question_id"].astype(str).isin(asked)
    if stems and "item" in answers.columns:
        named |= answers["item"].fillna("").astype(str).map(
            lambda item: any(w.startswith(stems) for w in re.findall(r"\w+", fold(item)))).astype(bool)
    drop = answers["respondent_id"].astype(str).isin(gone) & named
    if not drop.any():
        return survey
    from dataclasses import replace

    return replace(survey, answers=answers[~drop.to_numpy(dtype=bool)].reset_index(drop=True))


def reported_questions(kind: str, questions: pd.DataFrame) -> pd.DataFrame:
    """The questions of a ``kind`` survey no analysis reads and that are reported on their own (their other-text
    fields included): no role, or a role no table of ``ROLE_USE`` reads; neither metadata nor a date."""
    used = ROLE_USE.get(kind, {})
    role = questions["role"].fillna("").astype(str)
    own = ~role.isin(list(used)) & ~questions["type"].isin(NOT_REPORTED + ("other_text",))
    mine = set(questions.loc[own, "question_id"].astype(str))
    parents = other_text_parents(questions)
    keep = own | questions["question_id"].astype(str).map(lambda q: parents.get(q) in mine)
    return questions[keep.to_numpy(dtype=bool)]


# --- per company ----------------------------------------------------------------------------------------------

def _company_answers(survey: Survey, qids: set[str], latest: bool = False) -> pd.DataFrame:
    """The answers to ``qids`` with ``company_id`` and each respondent's order (source row, then id; with
    ``latest``, the latest submission first: the impact survey's rule, by submission time, then source row)."""
    respondents = survey.respondents
    rid = respondents["respondent_id"].astype("string")
    company = respondents["company_id"].astype("string").fillna(rid)
    order = pd.DataFrame({"respondent_id": rid.to_numpy(), "company_id": company.to_numpy(),
                          "row": respondents["source_row"].astype("Float64").to_numpy()})
    if latest:
        # as the impact summary counts a company that answered twice (QA round 38 F3: the learning statement took
        # its earliest answer beside the impact shares' latest)
        when = pd.to_datetime(respondents["submitted_at"], errors="coerce") if "submitted_at" in respondents.columns \
            else pd.Series(pd.NaT, index=respondents.index)
        order["when"] = when.to_numpy()
        order = order.sort_values(["when", "row", "respondent_id"], ascending=False, kind="stable",
                                  na_position="last").drop(columns="when")
    else:
        order = order.sort_values(["row", "respondent_id"], kind="stable", na_position="last")
    order["order"] = np.arange(len(order))
    answers = survey.answers[survey.answers["question_id"].isin(qids)]
    merged = answers.merge(order[["respondent_id", "company_id", "order"]], on="respondent_id", how="inner")
    return merged.sort_values("order", kind="stable")


def _numeric_labels(options: Sequence[str]) -> list[float] | None:
    try:
        return [float(str(o).replace(",", ".")) for o in options] if options else None
    except ValueError:
        return None


def _closed_rows(survey_label: str, question: Mapping[str, Any], answers: pd.DataFrame, top_box: int
                 ) -> tuple[list[tuple], list[tuple]]:
    """Distribution rows and scale rows of one closed question (answers with company ids, earliest first)."""
    qtype, qid, text = str(question["type"]), str(question["question_id"]), str(question["text"])
    options = [str(o) for o in question["options"]]
    answers = answers[~answers["is_dont_know"].astype(bool) & answers["value"].notna()]
    dist, scales = [], []
    items = [i for i in pd.unique(answers["item"].fillna(""))] if qtype == "likert" else [""]
    for item in items:
        if qtype == "multi":
            chosen = answers[["company_id", "item"]].dropna().drop_duplicates()
            base = chosen["company_id"].nunique()
            counts = chosen.groupby("item")["company_id"].nunique().to_dict()
            keys = {fold(k): v for k, v in counts.items()}
            values = options + sorted({str(k) for k in counts if fold(k) not in {fold(o) for o in options}})
            for option in values:
                dist.append((survey_label, qid, text, qtype, "", option, np.nan, keys.get(fold(option), 0), base))
            continue
        rows = answers[answers["item"].fillna("") == item] if qtype == "likert" else answers
        first = rows.drop_duplicates("company_id", keep="first")
        base = len(first)
        if qtype == "likert":
            k = len(options) if options else int(first["score"].max()) if first["score"].notna().any() else 0
            labels = options or [str(s) for s in range(1, k + 1)]
            scores = first["score"].dropna().astype(int)
            counts = scores.value_counts().to_dict()
            for score, label in enumerate(labels, start=1):
                dist.append((survey_label, qid, text, qtype, str(item), label, float(score), int(counts.get(score, 0)),
                             base))
            numeric = _numeric_labels(labels)
            values = scores.map(lambda s: numeric[s - 1] if numeric and 1 <= s <= len(numeric) else float(s))
            top = int((scores >= k - top_box + 1).sum()) if k else 0
            scales.append((survey_label, qid, text, qtype, str(item), len(scores),
                           float(values.mean()) if len(values) else np.nan,
                           float(values.median()) if len(values) else np.nan, top))
        else:
            counts = first["value"].astype(str).value_counts().to_dict()
            keys = {fold(k): v for k, v in counts.items()}
            values = options + sorted({k for k in counts if fold(k) not in {fold(o) for o in options}})
            for option in values:
                dist.append((survey_label, qid, text, qtype, "", option, np.nan, int(keys.get(fold(option), 0)), base))
    return dist, scales


def _number_rows(survey_label: str, question: Mapping[str, Any], answers: pd.DataFrame) -> list[tuple]:
    first = answers[answers["score"].notna() & ~answers["is_dont_know"].astype(bool)].drop_duplicates(
        "company_id", keep="first")
    values = first["score"].astype(float)
    return [(survey_label, str(question["question_id"]), str(question["text"]), "number", "", len(values),
             float(values.mean()) if len(values) else np.nan, float(values.median()) if len(values) else np.nan,
             pd.NA)]


def _fit(codes: pd.DataFrame) -> float:
    return float((codes["theme"].fillna(OTHER) != OTHER).mean()) if len(codes) else 0.0


def _code_open(kind: str, texts: pd.DataFrame, coders: Mapping[str, Any], coded_needs: pd.DataFrame | None
               ) -> tuple[pd.DataFrame, str]:
    """(codes of ``texts``, taxonomy used): the taxonomy placing more answers in a theme wins."""
    best: tuple[float, int, str, pd.DataFrame] | None = None
    for rank, taxonomy in enumerate(sorted(coders, key=lambda t: t != DEFAULT_TAXONOMY[kind])):
        coder = coders[taxonomy]
        if coder is None:
            continue
        if taxonomy == "needs" and kind == "needs" and coded_needs is not None:
            known = coded_needs.set_index("text_id")
            if texts["text_id"].isin(known.index).all():
                part = known.loc[texts["text_id"], ["theme", "themes"]].reset_index()
                part["themes"] = [";".join(t) for t in part["themes"]]
                # the needs analysis coded these very answers: they keep its themes here too (the feedback
                # taxonomy fitting more of them made "The role of AI" read "Trainer 86 %" beside the needs
                # themes the open-answer table gave the same answers)
                return part, taxonomy
            codes = coder.code(texts[["text_id", "text"]])
        else:
            codes = coder.code(texts[["text_id", "text"]])
        score = _fit(codes)
        if best is None or score > best[0]:
            best = (score, rank, taxonomy, codes)
    if best is None:
        return pd.DataFrame({"text_id": texts["text_id"], "theme": OTHER, "themes": OTHER}), ""
    return best[3], best[2]


def _theme_list(theme: Any, themes: Any) -> list[str]:
    parts = [t.strip() for t in str(themes).split(";")] if isinstance(themes, str) else []
    parts = [t for t in parts if t]
    return parts or ([str(theme)] if isinstance(theme, str) and theme else [OTHER])


def _open_rows(survey_label: str, kind: str, question: Mapping[str, Any], answers: pd.DataFrame,
               coders: Mapping[str, Any], names: Mapping[str, Mapping[str, str]], coded_needs: pd.DataFrame | None
               ) -> tuple[list[tuple], list[tuple]]:
    """Theme rows (companies per theme) and the listed answers of one open question."""
    qid, text = str(question["question_id"]), str(question["text"])
    written = answers[answers["text"].fillna("").str.strip() != ""]
    if written.empty:
        return [], []
    texts = pd.DataFrame({"text_id": (written["respondent_id"].astype(str) + ":" + written["question_id"].astype(str)
                                      ).to_numpy(), "text": written["text"].astype(str).to_numpy()})
    texts = texts.drop_duplicates("text_id")
    codes, taxonomy = _code_open(kind, texts, coders, coded_needs)
    themes = dict(zip(codes["text_id"].astype(str), (_theme_list(a, b) for a, b in zip(codes["theme"],
                                                                                         codes["themes"]))))
    company = dict(zip(texts["text_id"], written.drop_duplicates(["respondent_id", "question_id"])["company_id"]))
    named = names.get(taxonomy, {})
    listed = [(survey_label, qid, text, tid, body, ", ".join(named.get(t, t) for t in themes.get(tid, [OTHER])),
               taxonomy) for tid, body in zip(texts["text_id"], texts["text"])]
    base = len(set(company.values()))
    per_theme: dict[str, set] = {}
    for tid, slugs in themes.items():
        for slug in slugs:
            per_theme.setdefault(slug, set()).add(company.get(tid))
    order = [t for t in named if t in per_theme and t != OTHER] + sorted(set(per_theme) - set(named) - {OTHER})
    if OTHER in per_theme:
        order.append(OTHER)
    dist = [(survey_label, qid, text, "open", "", named.get(slug, slug), np.nan, len(per_theme[slug]), base)
            for slug in sorted(order, key=lambda s: (s == OTHER, -len(per_theme[s])))]
    return dist, listed


DIST_COLUMNS = ["survey", "question_id", "question", "type", "item", "answer", "score", "companies", "base"]
SCALE_COLUMNS = ["survey", "question_id", "question", "type", "item", "n", "mean", "median", "top2"]
ANSWER_COLUMNS = ["survey", "question_id", "question", "text_id", "text", "themes", "taxonomy"]


def _pooled(kind: str, surveys: list[Survey]) -> list[tuple[str, Survey]]:
    """The surveys of one kind as (label, survey); feedback files are pooled into one survey by question text."""
    if kind != "feedback" or len(surveys) < 2:
        return [(kind if len(surveys) == 1 else f"{kind}:{s.source}", s) for s in surveys]
    first = surveys[0]
    ids = {fold(t): q for q, t in zip(first.questions["question_id"].astype(str), first.questions["text"].astype(str))}
    questions, respondents, answers = [first.questions], [], []
    for survey in surveys:
        qmap = {}
        for q, t in zip(survey.questions["question_id"].astype(str), survey.questions["text"].astype(str)):
            qmap[q] = ids.setdefault(fold(t), f"{q}@{survey.source}")
            if qmap[q] == f"{q}@{survey.source}":
                questions.append(survey.questions[survey.questions["question_id"] == q].assign(question_id=qmap[q]))
        respondents.append(survey.respondents)
        answers.append(survey.answers.assign(question_id=survey.answers["question_id"].astype(str).map(qmap)
                                             .astype("string")))
    merged = Survey(source=f"{len(surveys)} files", tool=first.tool, encoding=None, delimiter=None, header_rows=0,
                    questions=pd.concat(questions, ignore_index=True),
                    respondents=pd.concat(respondents, ignore_index=True),
                    answers=pd.concat(answers, ignore_index=True), rejected=first.rejected)
    return [(kind, merged)]


def question_tables(surveys: Sequence[tuple[str, Survey]], coders: Mapping[str, Any],
                    names: Mapping[str, Mapping[str, str]], params: Mapping[str, Any],
                    coded_needs: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Return ``question_distribution``, ``question_scales`` and ``question_answers`` of the questions no analysis
    reads (``reported_questions``), published under the edition's disclosure rules.

    ``surveys``: (kind, survey) pairs (``surveys_of``); ``coders``: taxonomy name (``needs``, ``feedback``) → its
    ``ThemeCoder`` (or None); ``names``: taxonomy → slug → theme name in the report language; ``params``: the
    ``[analysis]`` settings; ``coded_needs``: the needs survey's coded texts (reused for its open answers).
    """
    from pipeline.disclosure import published

    top_box = int(params.get("top_box", 2))
    by_kind: dict[str, list[Survey]] = {}
    for kind, survey in surveys:
        by_kind.setdefault(kind, []).append(survey)
    dist, scales, listed = [], [], []
    for kind, group in by_kind.items():
        for label, survey in _pooled(kind, group):
            reported = reported_questions(kind, survey.questions)
            if reported.empty:
                continue
            answers = _company_answers(survey, set(reported["question_id"].astype(str)), latest=kind == "impact")
            for question in reported.to_dict("records"):
                mine = answers[answers["question_id"] == question["question_id"]]
                qtype = str(question["type"])
                if qtype in CLOSED:
                    d, s = _closed_rows(label, question, mine, top_box)
                    dist += d
                    scales += s
                elif qtype == "number":
                    scales += _number_rows(label, question, mine)
                elif qtype in ("open", "other_text"):
                    d, a = _open_rows(label, kind, question, mine, coders, names, coded_needs)
                    dist += d
                    listed += a
    distribution = _without_rare_typed_answers(pd.DataFrame(dist, columns=DIST_COLUMNS), params)
    scale = pd.DataFrame(scales, columns=SCALE_COLUMNS)
    confidence = float(params.get("confidence", 0.95))
    low, high = wilson_interval(distribution["companies"], distribution["base"], confidence) if len(distribution) \
        else (np.array([]), np.array([]))
    distribution = distribution.assign(
        share=np.where(distribution["base"] > 0, distribution["companies"] / distribution["base"].clip(lower=1),
                       np.nan) if len(distribution) else [], ci_low=low, ci_high=high, suppressed=False)
    top = pd.to_numeric(scale["top2"], errors="coerce")
    low, high = wilson_interval(top, scale["n"], confidence) if len(scale) else (np.array([]), np.array([]))
    scale = scale.assign(share=np.where(top.notna() & (scale["n"] > 0), top / scale["n"].clip(lower=1), np.nan)
                         if len(scale) else [], ci_low=low, ci_high=high)
    tables = {"question_distribution": conform(distribution, "question_distribution"),
              "question_scales": conform(scale, "question_scales")}
    shown = published(tables, params)
    shown = _consistent(shown["question_distribution"], shown["question_scales"])
    shown["question_answers"] = conform(pd.DataFrame(listed, columns=ANSWER_COLUMNS), "question_answers")
    return shown


def _without_rare_typed_answers(distribution: pd.DataFrame, params: Mapping[str, Any]) -> pd.DataFrame:
    """``distribution`` without, in the public edition, the answers that 1 to ``min_count`` - 1 companies gave to
    a single or multiple choice that is free text read as options (as many different answers as
    ``public_typed_answer_share`` of its companies): the label itself tells a company's answer ("120" employees,
    "yksinyrittäjä", a company's own name; QA round 22). A questionnaire's own few options ("Lähi", "Etä") and a
    scale's labels stay, their small counts hidden as any."""
    from pipeline.disclosure import PUBLIC, edition_of

    if edition_of(params) != PUBLIC or distribution.empty:
        return distribution
    counts = pd.to_numeric(distribution["companies"], errors="coerce").fillna(0)
    key = distribution["survey"].astype(str) + "\0" + distribution["question_id"].astype(str)
    chosen = (counts > 0).groupby(key).transform("sum")
    base = pd.to_numeric(distribution["base"], errors="coerce").fillna(0).groupby(key).transform("max")
    typed = distribution["type"].isin(["single", "multi"]) & (chosen >= float(params["public_typed_answer_share"])
                                                              * base.clip(lower=1))
    rare = typed & (counts > 0) & (counts < int(params["min_count"]))
    return distribution[~rare.to_numpy()].reset_index(drop=True)


def _consistent(distribution: pd.DataFrame, scales: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """A base hidden on one row of a statement is hidden on all its rows (and its scale n); a statement with a
    hidden count or base publishes no mean or median (they would give the hidden count away)."""
    keys = ["survey", "question_id", "item"]
    distribution = distribution.copy()
    scales = scales.copy()
    key = distribution[keys].astype(str).agg("\0".join, axis=1) if len(distribution) else pd.Series(dtype=str)
    base_hidden = distribution["base"].isna().groupby(key).transform("any") if len(distribution) else key
    any_hidden = (distribution["companies"].isna() | distribution["base"].isna()).groupby(key).transform("any") \
        if len(distribution) else key
    if len(distribution):
        distribution["base"] = distribution["base"].mask(base_hidden.to_numpy(dtype=bool))
        distribution["suppressed"] = distribution["suppressed"].astype(bool) | distribution["companies"].isna()
    if len(scales):
        skey = scales[keys].astype(str).agg("\0".join, axis=1)
        hidden_items = set(key[any_hidden.to_numpy(dtype=bool)]) if len(distribution) else set()
        base_items = set(key[base_hidden.to_numpy(dtype=bool)]) if len(distribution) else set()
        gone = skey.isin(hidden_items) | scales["n"].isna() | scales["top2"].isna() & scales["type"].eq("likert")
        scales["n"] = scales["n"].mask(skey.isin(base_items))
        scales["mean"] = scales["mean"].mask(gone.to_numpy(dtype=bool))
        scales["median"] = scales["median"].mask(gone.to_numpy(dtype=bool))
    return {"question_distribution": conform(distribution, "question_distribution"),
            "question_scales": conform(scales, "question_scales")}


# --- what was used --------------------------------------------------------------------------------------------

def data_used(surveys: Sequence[tuple[str, Survey]], captions: Mapping[str, str] | None = None,
              given: Sequence[tuple[str, str]] = ()) -> pd.DataFrame:
    """Return ``data_used``: one row per input question of every survey (feedback files pooled by question text)
    with its role, the tables that read it (``used_in``, by their captions when given) and ``use``:

    ``analysis`` (a role an analysis reads), ``own_section`` (reported on its own: no role, or a role no analysis
    reads), ``longer_scale`` (a rating on a longer scale than its role's, reported on its own), ``other_text`` (the
    typed "other" of a question, with it), ``metadata`` (times, ids: not reported), ``contact_notes`` (an open
    question whose answers are mostly contact details, ``pipeline.roles.settled``: not reported), ``identity`` (the
    business id: links a company's answers, never shown); and per role of the survey's kind that no question has, a row with
    ``use`` ``not_found`` (``is_key`` when the survey's main analysis needs it), or ``config`` when the config gives
    what the role would (``given``: (kind, role) pairs, e.g. every feedback file's ``workshop_id``).
    """
    captions = captions or {}
    rows: list[dict[str, Any]] = []
    seen: dict[tuple, int] = {}
    kinds_seen: dict[str, set[str]] = {}
    from pipeline.analysis.feedback import LONGER_SCALE
    from pipeline.roles import CONTACT_NOTES, role_patterns

    for kind, survey in surveys:
        questions = survey.questions
        reported = set(reported_questions(kind, questions)["question_id"].astype(str))
        # a rating on a longer scale than its role's: reported on its own, and said so under the role it lost
        longer = {f["question_id"]: f["role"] for f in survey.report.get(LONGER_SCALE, ())}
        notes = {f["question_id"] for f in survey.report.get(CONTACT_NOTES, ())}
        parents = other_text_parents(questions)
        used = ROLE_USE.get(kind, {})
        if kind == "needs" and "export" not in set(questions["role"].fillna("").astype(str)):
            # no export question: sector and size feed no export table (QA round 37: "used in: Export readiness"
            # in a project without one)
            used = {role: tuple(t for t in tables if t != "export_readiness") for role, tables in used.items()}
        kinds_seen.setdefault(kind, set())
        for q in questions.to_dict("records"):
            qid, role, qtype = str(q["question_id"]), str(q["role"] or ""), str(q["type"])
            if not isinstance(q["role"], str):
                role = ""
            role = longer.get(qid, role)
            kinds_seen[kind].add(role)
            key = (kind, fold(q["text"]), qtype, role)
            if key in seen:
                rows[seen[key]]["files"] += 1
                continue
            if role == "business_id":
                use, tables = "identity", used.get(role, ())
            elif qid in longer:
                use, tables = "longer_scale", ("question_distribution", "question_scales")
            elif role in used:
                use, tables = "analysis", used[role]
            elif qtype == "other_text":
                use, tables = "other_text", ("question_answers",) if qid in reported else ()
                parent_role = next((str(p["role"] or "") for p in questions.to_dict("records")
                                    if str(p["question_id"]) == parents.get(qid)), "")
                if parent_role in used:
                    tables = used[parent_role]
            elif qid in notes:
                use, tables = "contact_notes", ()
            elif qtype in NOT_REPORTED:
                use, tables = "metadata", ()
            else:
                use = "own_section"
                tables = ("question_answers", "question_distribution") if qtype in ("open",) else \
                    ("question_distribution", "question_scales") if qtype == "likert" else \
                    ("question_scales",) if qtype == "number" else ("question_distribution",)
            seen[key] = len(rows)
            rows.append({"survey": kind, "file": survey.source, "files": 1, "question_id": qid,
                         "question": str(q["text"]), "type": qtype, "role": role, "use": use,
                         "used_in": ", ".join(captions.get(t, t) for t in tables), "is_key": False})
    for kind, survey in surveys:
        # a business-ID column is taken out of the questions at ingest and becomes the company id: found
        basis = survey.respondents.get("company_basis")
        if basis is not None and (basis.astype(str) == "business_id").any() and "business_id" not in kinds_seen[kind]:
            kinds_seen[kind].add("business_id")
            rows.append({"survey": kind, "file": survey.source, "files": 1, "question_id": "", "question": "",
                         "type": "", "role": "business_id", "use": "identity", "used_in": "", "is_key": False})
    for kind, roles in kinds_seen.items():
        for role in role_patterns().get(kind, {}):
            if role in roles:
                continue
            by_config = (kind, role) in set(given)
            rows.append({"survey": kind, "file": "", "files": 0, "question_id": "", "question": "", "type": "",
                         "role": role, "use": "config" if by_config else "not_found",
                         "used_in": ", ".join(captions.get(t, t) for t in ROLE_USE.get(kind, {}).get(role, ())),
                         "is_key": role in KEY_ROLES.get(kind, ()) and not by_config})
    for row in rows:
        if row["files"] > 1:
            row["file"] = f"{row['file']} (+{row['files'] - 1})"
    frame = pd.DataFrame(rows, columns=["survey", "file", "files", "question_id", "question", "type", "role", "use",
                                        "used_in", "is_key"])
    return conform(frame, "data_used") if len(frame) else empty("data_used")


def missing_key_roles(data: pd.DataFrame) -> dict[str, list[str]]:
    """survey kind → the key roles (``KEY_ROLES``) no question of it has, from ``data_used``."""
    if data is None or data.empty:
        return {}
    rows = data[(data["use"] == "not_found") & data["is_key"].astype(bool)]
    out: dict[str, list[str]] = {}
    for kind, role in zip(rows["survey"].astype(str), rows["role"].astype(str)):
        out.setdefault(kind, []).append(role)
    # the needs survey needs one of its key roles, not both
    if "needs" in out and len(out["needs"]) < len(KEY_ROLES["needs"]):
        del out["needs"]
    return out
