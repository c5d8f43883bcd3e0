"""WP3 evaluation: the workshop register, feedback surveys, the impact survey and needs-vs-supply coverage.

The register is read and validated at ingest (``pipeline.ingest.register.workshop_register``);
``register_texts`` and ``with_coded_themes`` code the register's theme cells written as words (``brändi``) and
the titles of workshops without themes with the needs taxonomy; ``feedback_tables`` turns the register, the feedback and impact surveys, the coded open comments and
the WP1 theme ranking into the WP3 tables (see its docstring for the list).

Honesty rules kept here:

* a register row without a participants figure stays in the register (``is_rate_known`` false) and is left
  out of response rates and participation totals, with a warning;
* a feedback file (or a row of a multi-workshop file) whose workshop is not in the register is reported in
  ``feedback_problems`` and left out of every per-workshop figure, never silently dropped;
* every share has its n and a Wilson interval; the net promoter score has its n and an adjusted-Wald interval
  (Rocks 2016, see ``nps_interval``); workshops with fewer than ``min_responses`` responses are flagged;
* the register only counts attendances: unique companies are reported only from surveys that identify
  companies (a business-ID pseudonym), and are labelled as such.
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.stats import norm

from pipeline.analysis.stats import wilson_interval, with_comment_shares
from pipeline.keys import fold
from pipeline.privacy import removes_something
from pipeline.roles import COMMENT_ROLES
from pipeline.schemas import FEEDBACK_RATINGS, conform, records
from pipeline.survey import Survey
from pipeline.coding.texts import coded_texts
from pipeline.disclosure import (RATING_FIGURES, published_comment_themes, published_impact, published_ratings,
                                 refuse_changed_impact_answers, refuse_changed_ratings, refuse_other_rows_same_count,
                                 refuse_small_feedback_change, refuse_small_impact_change)

log = logging.getLogger(__name__)

REGISTER_TEXT_PREFIX = "workshop:"

# The feedback questionnaire's rating questions are 1-5 scales (issue 6); the summary table has one count
# column per scale point (n_1..n_5), so the scale is part of the table's contract, not a tunable.
SCALE = (1, 2, 3, 4, 5)
TOP_BOX = (4, 5)                          # "top-2-box": the two most favourable points
RATED_ROLES = ("satisfaction", "usefulness", "practicality")
# survey.report key: the rated roles taken off a question asked on a longer scale (with_longer_scales_apart)
LONGER_SCALE = "longer_scale"
# Net promoter score, by its definition: 0-10 answers, promoters 9-10, detractors 0-6.
NPS_RANGE = (0, 10)
NPS_PROMOTER_MIN = 9
NPS_DETRACTOR_MAX = 6
# Adjusted-Wald NPS interval (Rocks 2016, The American Statistician 70(2)): add 3/4 of a respondent to the
# promoters and to the detractors (and 3/2 to the passives), i.e. 3 to n, before the Wald step.
NPS_PSEUDO = 0.75
NPS_PSEUDO_N = 3.0
KIRKPATRICK_LEVELS = ("reaction", "learning", "behaviour", "results")
_LEADING_NUMBER = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)(?![\d.,]*\d)")


# --- the register (validated in pipeline.ingest.register) -----------------------------------------------

def _theme_parts(themes) -> list[str]:
    return [t.strip() for t in re.split(r"[;,]", str(themes if isinstance(themes, str) else "")) if t.strip()]


def register_texts(workshops: pd.DataFrame, slugs: Sequence[str] = ()) -> pd.DataFrame:
    """Return ``text_id, text`` of the register to code with the needs taxonomy: each theme cell part that is not
    one of ``slugs`` (a register kept by hand writes ``brändi``, ``vienti``, ``Asiakashankinta`` rather than
    slugs) as ``workshop:<workshop_id>:<n>``, and the title of every workshop whose themes are empty or hold
    such a part as ``workshop:<workshop_id>``.

    The runner codes these and passes the codes to ``with_coded_themes``.
    """
    known = set(slugs)
    rows = []
    for wid, title, themes in zip(workshops["workshop_id"].astype(str), workshops["title"].astype(str),
                                  workshops["themes"]):
        parts = _theme_parts(themes)
        free = [p for p in parts if p not in known]
        if not parts or free:
            rows.append((f"{REGISTER_TEXT_PREFIX}{wid}", title))
        rows += [(f"{REGISTER_TEXT_PREFIX}{wid}:{n}", part) for n, part in enumerate(parts) if part not in known]
    return pd.DataFrame(rows, columns=["text_id", "text"]).astype("string")


def _coded_slugs(theme: str, themes: str) -> list[str]:
    slugs = [t.strip() for t in themes.split(";") if t.strip() and t.strip() != "other"]
    return slugs or ([theme] if theme and theme != "other" else [])


def with_coded_themes(workshops: pd.DataFrame, codes: pd.DataFrame, slugs: Sequence[str] = ()) -> pd.DataFrame:
    """Return a copy of ``workshops`` whose themes are taxonomy slugs: a theme cell part that is a slug is kept,
    any other part is replaced by the themes it was coded into (``codes`` of ``register_texts``), and a part
    that codes to nothing is dropped with a warning naming the row — never kept as a theme of its own, which no
    demand could ever match. A workshop whose theme cell is empty takes the themes of its title; one whose cell
    was written but codes to nothing stays without a theme (the register said what it was about, and a title
    guessed from — "Avslutningsseminarium", "Hinnoittelu ja kannattavuus" under "talous" — would add supply the
    register did not claim). Rows whose themes came from coding get ``is_themes_coded`` true. The input is not
    modified.
    """
    known = set(slugs)
    coded = {}
    for text_id, theme, themes in zip(codes["text_id"].astype(str), codes["theme"].fillna("").astype(str),
                                      codes["themes"].fillna("").astype(str)):
        if text_id.startswith(REGISTER_TEXT_PREFIX):
            coded.setdefault(text_id[len(REGISTER_TEXT_PREFIX):], _coded_slugs(theme, themes))
    out = workshops.copy()
    rows = out["source_row"] if "source_row" in out.columns else pd.Series(pd.NA, index=out.index)
    new_themes, was_coded = [], []
    for wid, cell, row in zip(out["workshop_id"].astype(str), out["themes"], rows):
        parts = _theme_parts(cell)
        result: list[str] = []
        for n, part in enumerate(parts):
            found = [part] if part in known else coded.get(f"{wid}:{n}")
            if found is None:
                found = [part]  # not coded (no taxonomy given): kept as written
            elif not found:
                log.warning("workshops register, row %s: theme %r of workshop %s matches no theme of the needs "
                            "taxonomy; left out (write a theme slug such as %s, or name the theme in the "
                            "taxonomy's seeds)", row if not pd.isna(row) else "?", part, wid,
                            ", ".join(sorted(known)[:3]) or "sales")
            result += [t for t in found if t not in result]
        from_title = not parts and bool(coded.get(wid))
        if from_title:
            result = coded[wid]
        new_themes.append(";".join(result))
        was_coded.append(from_title or any(p not in known for p in parts) and bool(known))
    out["themes"] = pd.array(new_themes, dtype="string")
    out["is_themes_coded"] = out["is_themes_coded"].astype(bool) | np.array(was_coded, dtype=bool)
    return out


def unread_register_themes(register: pd.DataFrame | None, coded: pd.DataFrame | None) -> pd.DataFrame:
    """The workshops whose theme cell was written but reads as no theme of the needs taxonomy (schema
    ``input_problems``, ``unread_register_theme``: the register row, the cell, the workshop): such a workshop
    supplies no theme, in coverage and the funnel alike (QA round 21: "ledarskap" reached the log alone)."""
    from pipeline.privacy import scrub_text

    if register is None or coded is None or register.empty or "themes" not in register.columns:
        return records("input_problems", [])
    now = dict(zip(coded["workshop_id"].astype(str), coded["themes"].fillna("").astype(str)))
    at = register["source_row"] if "source_row" in register.columns else pd.Series(pd.NA, index=register.index)
    rows = [{"source": "workshop register", "problem": "unread_register_theme", "rows": "" if pd.isna(row) else
             str(int(row)), "value": scrub_text(str(cell)), "meant": "", "workshop_id": str(wid)}
            for wid, cell, row in zip(register["workshop_id"].astype(str), register["themes"], at)
            if _theme_parts(cell) and not now.get(wid, "").strip()]
    return records("input_problems", rows)


def stand_in_register(feedback: Sequence[tuple[str | None, Survey]]) -> pd.DataFrame:
    """A stand-in register when none is configured: one row per workshop the feedback names (config id, or
    value of a ``workshop`` column), titled by its id, with unknown date, participants and themes."""
    ids: list[str] = []
    for configured, survey in feedback:
        if configured is not None:
            ids.append(str(configured))
            continue
        question = survey.question("workshop")
        if question is not None:
            values = survey.answers.loc[survey.answers["question_id"] == question["question_id"], "value"]
            ids += sorted({str(v).strip() for v in values.dropna() if str(v).strip()})
    ids = list(dict.fromkeys(ids))
    frame = pd.DataFrame({"workshop_id": ids, "date": pd.Series(pd.NaT, index=range(len(ids))), "title": ids,
                          "themes": "", "format": "", "locality": "", "organiser": "", "language": "",
                          "participants": pd.array([pd.NA] * len(ids), dtype="Int64"), "participants_note": "",
                          "hours": np.nan, "participants_low": pd.array([pd.NA] * len(ids), dtype="Int64"),
                          "is_rate_known": False, "is_themes_coded": False,
                          "source_row": pd.array([pd.NA] * len(ids), dtype="Int64")})
    return conform(frame, "workshop_register")


# --- reading the surveys --------------------------------------------------------------------------------

def _problem(source: str, workshop_id: Any, problem: str, responses: int, detail: str) -> dict[str, Any]:
    log.warning("%s: %s", source, detail)
    return {"source": source, "workshop_id": workshop_id if workshop_id else pd.NA, "problem": problem,
            "responses": int(responses), "detail": detail}


def _label_key(value: Any) -> str:
    return fold(value)


def _attributed_responses(workshops: pd.DataFrame, feedback: Sequence[tuple[str | None, Survey]]
                          ) -> tuple[pd.DataFrame, set[str], list[dict[str, Any]]]:
    """Return one row per feedback respondent with its register workshop (NA when none), the register ids
    some feedback file is about (configured, or named in a workshop column), and the problems found."""
    ids = set(workshops["workshop_id"].astype(str))
    by_title = {}
    for wid, title in zip(workshops["workshop_id"].astype(str), workshops["title"].astype(str)):
        by_title.setdefault(_label_key(title), wid)
    rows, problems, surveyed = [], [], set()
    named = pd.Series([str(c) for c, _ in feedback if c is not None], dtype=object)
    for wid, files in named.value_counts().items():
        if files > 1:
            # a workshop surveyed in two forms (Finnish and Swedish) is one workshop's feedback; a copied
            # [[feedback]] entry whose workshop_id was not changed looks the same: said, not done silently
            log.warning("feedback: %d feedback files are about workshop %s; their responses are pooled as its "
                        "feedback (if one belongs to another workshop, correct its [[feedback]] workshop_id)",
                        files, wid)
    for survey_no, (configured, survey) in enumerate(feedback):
        resp = survey.respondents
        if configured is not None:
            assigned = pd.Series(str(configured), index=resp.index, dtype=object)
            surveyed.add(str(configured))
            if str(configured) not in ids:
                problems.append(_problem(survey.source, str(configured), "unknown_workshop", len(resp),
                                         f"workshop {configured!r} named for this feedback file is not in the "
                                         f"register; its {len(resp)} responses are left out of the per-workshop "
                                         f"figures and rates"))
        else:
            question = survey.question("workshop")
            if question is None:
                problems.append(_problem(survey.source, None, "no_workshop", len(resp),
                                         "no workshop named in the config and no workshop column in the file; its "
                                         f"{len(resp)} responses are left out of the per-workshop figures and rates"))
                assigned = pd.Series(pd.NA, index=resp.index, dtype=object)
            else:
                ans = survey.answers[survey.answers["question_id"] == question["question_id"]]
                named = ans.drop_duplicates("respondent_id").set_index("respondent_id")["value"]
                raw = resp["respondent_id"].map(named)
                # the column may hold the register id or the title; anything else is an unknown workshop
                names = raw.map(lambda v: pd.NA if pd.isna(v) else str(v).strip())
                assigned = names.map(lambda v: pd.NA if pd.isna(v) else (
                    v if v in ids else by_title.get(_label_key(v), pd.NA)))
                unnamed = int(names.isna().sum())
                if unnamed:
                    problems.append(_problem(survey.source, None, "no_workshop", unnamed,
                                             f"{unnamed} responses do not say which workshop they are about; they "
                                             f"are left out of the per-workshop figures and rates"))
                unknown = names[names.notna() & assigned.isna()]
                for name, count in sorted(unknown.value_counts().items()):
                    problems.append(_problem(survey.source, name, "unknown_workshop", int(count),
                                             f"workshop {name!r} in the workshop column is not in the register "
                                             f"(neither an id nor a title); its {count} responses are left out of "
                                             f"the per-workshop figures and rates"))
        is_known = assigned.notna() & assigned.astype(str).isin(ids)
        surveyed.update(assigned[is_known].astype(str))
        rows.append(pd.DataFrame({
            "survey_no": survey_no, "source": survey.source,
            "respondent_id": resp["respondent_id"].astype(str).to_numpy(),
            "company_id": resp["company_id"].astype(str).to_numpy(),
            "workshop_id": assigned.where(is_known, None).to_numpy(dtype=object),
        }))
    columns = ["survey_no", "source", "respondent_id", "company_id", "workshop_id"]
    frame = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=columns)
    return frame[columns], surveyed & ids, problems


def _off_dates(workshops: pd.DataFrame, responses: pd.DataFrame, feedback: Sequence[tuple[str | None, Survey]],
               max_days: int) -> list[dict[str, Any]]:
    """One problem per feedback file and workshop whose responses were submitted more than a day before the
    workshop's date or more than ``max_days`` days after it: the file may be linked to the wrong workshop (QA round 15: feedback
    14 months after its workshop was read as its feedback without a word). The responses stay counted."""
    if "date" not in workshops.columns or responses.empty:
        return []
    dates = dict(zip(workshops["workshop_id"].astype(str), pd.to_datetime(workshops["date"], errors="coerce")))
    submitted = pd.concat([s.respondents[["respondent_id", "submitted_at"]].assign(survey_no=n)
                           for n, (_, s) in enumerate(feedback)], ignore_index=True) if feedback else None
    if submitted is None or submitted.empty:
        return []
    r = responses[responses["workshop_id"].notna()].merge(
        submitted.astype({"respondent_id": str}), on=["survey_no", "respondent_id"], how="left")
    day = pd.to_datetime(r["submitted_at"], errors="coerce").dt.normalize()
    held = pd.to_datetime(r["workshop_id"].astype(str).map(dates), errors="coerce")
    # a day's grace before: a workshop over two days, or a time kept in UTC, puts a response on the day before
    before, late = (day < held - pd.Timedelta(days=1)), (day > held + pd.Timedelta(days=max_days))
    problems = []
    for (source, wid), part in r[(before | late).to_numpy()].groupby(["source", "workshop_id"], sort=True):
        when = held[part.index[0]].date().isoformat()
        early = int(before[part.index].sum())
        problems.append(_problem(source, wid, "response_dates", len(part),
                                 f"{len(part)} responses were submitted "
                                 + (f"before workshop {wid}'s date {when}" if early == len(part) else
                                    f"more than {max_days} days after workshop {wid}'s date {when}" if not early
                                    else f"before workshop {wid}'s date {when} or more than {max_days} days after it")
                                 + "; check that the file belongs to that workshop ([[feedback]] workshop_id) and "
                                   "the register's date; the responses are counted as given"))
    return problems


def _numeric(values: pd.Series, scores: pd.Series, options: Sequence[str], points: int) -> pd.Series:
    """Numbers of answers: a number written in the label, else the scale score, else the option's position
    when the question has exactly as many options as the scale has ``points`` (a five-label scale the
    vocabulary does not know, listed lowest first); NaN otherwise. A position is no score for fewer options: a
    yes/no "would you recommend" read as 1 and 2 gave an NPS of -100 (QA round 11)."""
    positions = {_label_key(o): i + 1 for i, o in enumerate(options or [])} if len(options or []) == points else {}

    def one(value, score):
        if not pd.isna(value):
            match = _LEADING_NUMBER.match(str(value))
            if match:
                return float(match.group(1).replace(",", "."))
        if not pd.isna(score):
            return float(score)
        if not pd.isna(value):
            return float(positions.get(_label_key(value), np.nan))
        return np.nan

    return pd.Series([one(v, s) for v, s in zip(values, scores)], index=values.index, dtype=float)


def _rated_numbers(survey: Survey, question: pd.Series, role: str) -> tuple[pd.DataFrame, pd.Series, list[str]]:
    """Return the rated question's answers (one per respondent, don't-knows out), their numbers (``_numeric``) and
    the question's options."""
    ans = survey.answers[(survey.answers["question_id"] == question["question_id"])
                         & ~survey.answers["is_dont_know"].fillna(False).astype(bool)]
    # one answer per respondent: a grid given a rated role counts its first statement only
    ans = ans.drop_duplicates("respondent_id")
    options = _options(question)
    low, high = _rated_range(role)
    return ans, _numeric(ans["value"], ans["score"], options, int(high - low + 1)), options


def _options(question: pd.Series) -> list[str]:
    """The question's options (none when ingest gave it no list)."""
    return list(question["options"]) if isinstance(question["options"], (list, tuple)) else []


def _rated_range(role: str) -> tuple[int, int]:
    return NPS_RANGE if role == "recommend" else (SCALE[0], SCALE[-1])


def longer_scale_ratings(survey: Survey) -> list[dict[str, Any]]:
    """Return ``role, question_id, above`` for each rated role whose question is asked on a longer scale than
    the role's (1-10 or 0-10 for a 1-5 rating): ``above`` whole-number answers lie above the scale's top and at
    most 10, at least 2 and a quarter of the answers. Two typos ("6" and "45" among nine 1-5 answers) are off the
    scale, named by row, not a longer scale that threw away the workshop's nine answers (QA round 31). Read from
    ``survey.report[LONGER_SCALE]`` once ``with_longer_scales_apart`` has taken the roles off."""
    if LONGER_SCALE in survey.report:
        return list(survey.report[LONGER_SCALE])
    found = []
    for role in RATED_ROLES + ("recommend",):
        question = survey.question(role)
        if question is None:
            continue
        _, numbers, _ = _rated_numbers(survey, question, role)
        top = _rated_range(role)[1]
        above = int(((numbers > top) & (numbers <= max(top, 10))).sum())
        if above and above >= max(2, 0.25 * numbers.notna().sum()):
            found.append({"role": role, "question_id": str(question["question_id"]), "above": above})
    return found


def with_longer_scales_apart(survey: Survey) -> Survey:
    """Return ``survey`` with the rated roles on a longer scale (``longer_scale_ratings``) taken off their
    questions and recorded in ``survey.report[LONGER_SCALE]``: such a rating is no 1-5 figure (its low end
    alone would read 4/10 and 5/10 as satisfied), and without the role it is reported on its own scale with the
    survey's other questions instead of nowhere (a 1-10 overall rating was left out whole, QA round 11)."""
    found = longer_scale_ratings(survey)
    if not found:
        return survey
    questions = survey.questions
    apart = questions["question_id"].astype(str).isin({f["question_id"] for f in found})
    roles = questions["role"].mask(apart, "")
    return replace(survey.with_roles(questions.assign(role=roles)), report={**survey.report, LONGER_SCALE: found})


def _rated_answers(feedback: Sequence[tuple[str | None, Survey]]
                   ) -> tuple[pd.DataFrame, list[dict[str, Any]], set[str]]:
    """Return ``survey_no, respondent_id, role, score`` (one valid number per respondent and rated role), the
    problems found, and the rated roles some survey asked on a longer scale (``longer_scale_ratings``)."""
    parts, problems, longer_roles = [], [], set()
    for survey_no, (configured, survey) in enumerate(feedback):
        longer = {f["role"]: f["above"] for f in longer_scale_ratings(survey)}
        longer_roles |= set(longer)
        for role in RATED_ROLES + ("recommend",):
            low, high = _rated_range(role)
            if role in longer:
                above = longer[role]
                problems.append(_problem(survey.source, configured, "other_scale", above,
                                         f"{above} answers to the {role} question lie above {high}: its scale is "
                                         f"not {low}-{high}, so none of its answers are used in the {role} "
                                         f"figures (they are reported on their own scale with the survey's other "
                                         f"questions); ask it on a {low}-{high} scale or name another question"))
                continue
            question = survey.question(role)
            if question is None:
                continue
            ans, numbers, options = _rated_numbers(survey, question, role)
            unknown = int((numbers.isna() & ans["value"].notna().to_numpy()).sum())
            if unknown and unknown == int(ans["value"].notna().sum()):
                shown = ", ".join(repr(str(o)) for o in (options or ans["value"].dropna().unique().tolist())[:4])
                problems.append(_problem(survey.source, configured, "unknown_scale", unknown,
                                         f"the {role} question's answers ({shown}) are on no scale the pipeline "
                                         f"knows, so none is used in the {role} figures; give its scale in a "
                                         f"questionnaire spec (type: likert, options from lowest to highest)"))
                continue
            valid = numbers.between(low, high) & (numbers == numbers.round())
            bad = int((~valid).sum())
            if bad:
                problems.append(_problem(survey.source, configured, "out_of_range", bad,
                                         f"{bad} answer(s) to the {role} question are not whole numbers from {low} "
                                         f"to {high} ({_where(survey, ans[~valid.to_numpy()])}); they are left out "
                                         f"of the {role} figures"))
            parts.append(pd.DataFrame({"survey_no": survey_no,
                                       "respondent_id": ans.loc[valid, "respondent_id"].astype(str).to_numpy(),
                                       "role": role, "score": numbers[valid].to_numpy()}))
    columns = ["survey_no", "respondent_id", "role", "score"]
    return (pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)), problems, \
        longer_roles


def _where(survey: Survey, answers: pd.DataFrame, most: int = 5) -> str:
    """The answers' values and the file rows they are on ("'6' in row 12, '0' in row 40"; the first ``most``),
    so that they can be found and corrected (QA round 15: "1 answers" named no row)."""
    rows = dict(zip(survey.respondents["respondent_id"].astype(str), survey.respondents["source_row"]))
    # a number is shown as written; a text in a rating column is not repeated (it may say anything)
    shown = [repr(str(v)) if pd.notna(pd.to_numeric(str(v).replace(",", "."), errors="coerce")) else "a text"
             for v in answers["value"]]
    said = [f"{v} in row {rows.get(str(r), '?')}" for r, v in zip(answers["respondent_id"], shown)]
    return ", ".join(said[:most]) + (f" and {len(said) - most} more" if len(said) > most else "")


def _comments(feedback: Sequence[tuple[str | None, Survey]]) -> pd.DataFrame:
    """Return ``survey_no, respondent_id, question_id, prompt, comment``: the good / improve answers.

    ``comment`` is the answer's text, or its label when the question was typed as a choice (short comments
    that repeat word for word can come out of ingest as a multi-select; each selected label is a comment).
    """
    parts = []
    for survey_no, (_, survey) in enumerate(feedback):
        for role, prompt in COMMENT_ROLES.items():
            ans = survey.answers_to(role)
            comment = ans["text"].astype(object).where(ans["text"].notna(), ans["value"].astype(object))
            comment = comment.fillna("").astype(str).str.strip()
            keep = (comment != "").to_numpy()
            parts.append(pd.DataFrame({"survey_no": survey_no,
                                       "respondent_id": ans["respondent_id"].astype(str).to_numpy()[keep],
                                       "question_id": ans["question_id"].astype(str).to_numpy()[keep],
                                       "prompt": prompt, "comment": comment.to_numpy()[keep]}))
    columns = ["survey_no", "respondent_id", "question_id", "prompt", "comment"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


# --- statistics -----------------------------------------------------------------------------------------

def nps_interval(promoters, detractors, n, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(low, high)`` of the net promoter score in points (-100..100), element-wise.

    Adjusted Wald (Rocks 2016, "Interval estimation for the 'net promoter score'", The American Statistician
    70(2)): add 3/4 to the promoter and detractor counts and 3 to n, then use the variance of a difference of
    two multinomial proportions, ``(p + d - (p - d)^2) / n``. In Rocks' simulations it kept close to nominal
    coverage down to small samples where the plain Wald interval collapses to zero width (all promoters) and
    the percentile bootstrap under-covers; it needs no random numbers. Bounds are clipped to [-100, 100] and
    widened, where the shrunken centre leaves it out, to contain the observed score (every n, n = 1 too);
    ``n == 0`` gives NaN.
    """
    promoters = np.asarray(promoters, dtype=float)
    detractors = np.asarray(detractors, dtype=float)
    n = np.asarray(n, dtype=float)
    n_adj = n + NPS_PSEUDO_N
    p = (promoters + NPS_PSEUDO) / n_adj
    d = (detractors + NPS_PSEUDO) / n_adj
    centre = p - d
    half = norm.ppf(0.5 + confidence / 2.0) * np.sqrt((p + d - centre ** 2) / n_adj)
    # the adjusted centre is pulled towards 0, so at a few answers the interval can miss the observed score
    # (1 promoter: +100 against -48.5..98.5): it is widened to take the published point in
    with np.errstate(invalid="ignore", divide="ignore"):
        point = np.where(n > 0, (promoters - detractors) / np.where(n > 0, n, 1.0), np.nan)
    low = np.where(n > 0, np.minimum(np.clip(centre - half, -1.0, 1.0), point) * 100.0, np.nan)
    high = np.where(n > 0, np.maximum(np.clip(centre + half, -1.0, 1.0), point) * 100.0, np.nan)
    return low, high


def _wilson(count, n, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    low, high = wilson_interval(np.asarray(count, dtype=float), np.asarray(n, dtype=float), confidence)
    return np.atleast_1d(low), np.atleast_1d(high)


def _share(count, n) -> np.ndarray:
    count = np.asarray(count, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, count / np.where(n > 0, n, 1.0), np.nan)


def _rating_figures(scores: pd.DataFrame, keys: pd.Index, confidence: float) -> pd.DataFrame:
    """Per key (workshop id): satisfaction distribution, top-2 with Wilson, medians, NPS with interval."""
    out = pd.DataFrame(index=keys)
    for role in RATED_ROLES:
        s = scores[scores["role"] == role]
        grouped = s.groupby("key")["score"]
        n = grouped.size().reindex(keys, fill_value=0)
        top = s[s["score"].isin(TOP_BOX)].groupby("key").size().reindex(keys, fill_value=0)
        low, high = _wilson(top, n, confidence)
        prefix = "" if role == "satisfaction" else f"{role}_"
        out[f"{role}_n"] = n.to_numpy()
        if role == "satisfaction":
            for level in SCALE:
                out[f"n_{level}"] = s[s["score"] == level].groupby("key").size().reindex(keys, fill_value=0)
        out[f"{prefix}top2_share"] = _share(top, n)
        out[f"{prefix}ci_low"] = low
        out[f"{prefix}ci_high"] = high
        out[f"{prefix}median"] = grouped.median().reindex(keys).astype(float)
    r = scores[scores["role"] == "recommend"]
    n = r.groupby("key").size().reindex(keys, fill_value=0)
    promoters = r[r["score"] >= NPS_PROMOTER_MIN].groupby("key").size().reindex(keys, fill_value=0)
    detractors = r[r["score"] <= NPS_DETRACTOR_MAX].groupby("key").size().reindex(keys, fill_value=0)
    low, high = nps_interval(promoters, detractors, n, confidence)
    out["nps_n"] = n.to_numpy()
    out["n_promoters"] = promoters.to_numpy()
    out["n_passives"] = (n - promoters - detractors).to_numpy()
    out["n_detractors"] = detractors.to_numpy()
    out["nps"] = (_share(promoters, n) - _share(detractors, n)) * 100.0
    out["nps_ci_low"] = low
    out["nps_ci_high"] = high
    return out


# --- the tables -----------------------------------------------------------------------------------------

def _feedback_summary(workshops, responses, surveyed, scores, comments, params) -> pd.DataFrame:
    """One row per register workshop; the response rate only where it was surveyed and participants are known."""
    confidence = float(params["confidence"])
    keys = pd.Index(workshops["workshop_id"].astype(str), name="key")
    matched = responses[responses["workshop_id"].notna()]
    n_resp = matched.groupby("workshop_id").size().reindex(keys, fill_value=0)
    is_surveyed = keys.isin(surveyed)
    n_comments = comments[comments["workshop_id"].notna()].drop_duplicates(
        ["survey_no", "respondent_id"]).groupby("workshop_id").size().reindex(keys, fill_value=0)
    participants = workshops["participants"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    # a workshop nobody sent a feedback form for has no response rate (not 0 %); nor has one with more
    # responses than participants: one of the two figures is wrong, and a rate over 100 % is not published
    rate_known = workshops["is_rate_known"].to_numpy(dtype=bool) & (participants > 0) & is_surveyed \
        & ~(n_resp.to_numpy() > np.nan_to_num(participants, nan=np.inf))
    low = workshops["participants_low"].astype("Float64").fillna(workshops["participants"].astype("Float64")) \
        .to_numpy(dtype=float, na_value=np.nan) if "participants_low" in workshops else participants
    # a range of participants (7-18) gives a range of rates: responses / 18 … responses / 7 (capped at 100 %,
    # as a range's lower end may be below the responses)
    low = np.where(low > 0, low, participants)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(rate_known, n_resp.to_numpy() / np.where(rate_known, participants, 1.0), np.nan)
        rate_high = np.where(rate_known, np.minimum(1.0, n_resp.to_numpy() / np.where(rate_known, low, 1.0)), np.nan)
    base = pd.DataFrame({
        "workshop_id": keys.to_numpy(), "title": workshops["title"].to_numpy(),
        "date": workshops["date"].to_numpy(), "participants": workshops["participants"].to_numpy(),
        "responses": n_resp.to_numpy(), "response_rate": rate, "response_rate_high": rate_high,
        "is_rate_known": workshops["is_rate_known"].to_numpy(dtype=bool),
        "is_surveyed": is_surveyed,
    })
    figures = _rating_figures(scores.assign(key=scores["workshop_id"]), keys, confidence).reset_index(drop=True)
    out = pd.concat([base, figures], axis=1)
    out["comments"] = n_comments.to_numpy()
    # a workshop with no feedback survey has no responses to be too few of: it reads "not surveyed" (the
    # response-rate chart, is_surveyed), not "too few responses: yes" (QA round 14)
    out["is_small_n"] = out["is_surveyed"] & (out["responses"] < int(params["min_responses"]))
    return conform(out, "feedback_summary")


def _feedback_overall(workshops, responses, surveyed, scores, comments, params) -> pd.DataFrame:
    """One row over every workshop: pooled responses; the rate over surveyed workshops with known participants."""
    confidence = float(params["confidence"])
    matched = responses[responses["workshop_id"].notna()]
    per_workshop = matched.groupby("workshop_id").size()
    over = workshops["workshop_id"].astype(str).map(per_workshop).fillna(0).to_numpy() \
        > workshops["participants"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    # workshops with more responses than participants are left out of the pooled rate (see _feedback_summary)
    known = workshops[workshops["is_rate_known"] & (workshops["participants"].fillna(0) > 0)
                      & workshops["workshop_id"].isin(surveyed) & ~over]
    resp_known = int(matched["workshop_id"].isin(set(known["workshop_id"].astype(str))).sum())
    participants_known = int(known["participants"].sum())
    participants_low = int(known["participants_low"].fillna(known["participants"]).sum()) \
        if "participants_low" in known else participants_known
    keys = pd.Index(["all"], name="key")
    figures = _rating_figures(scores.assign(key="all"), keys, confidence).reset_index(drop=True)
    base = pd.DataFrame({
        "workshops": [len(workshops)],
        "workshops_with_feedback": [int(matched["workshop_id"].nunique())],
        "responses": [len(matched)],
        "participants_rate_known": [participants_known],
        "responses_rate_known": [resp_known],
        "response_rate": [resp_known / participants_known if participants_known else np.nan],
        "participants_low_rate_known": [participants_low],
        "response_rate_high": [min(1.0, resp_known / participants_low) if participants_low else np.nan],
    })
    out = pd.concat([base, figures], axis=1)
    out["comments"] = len(comments[comments["workshop_id"].notna()].drop_duplicates(["survey_no", "respondent_id"]))
    out["is_small_n"] = out["responses"] < int(params["min_responses"])
    return conform(out, "feedback_overall")


def _feedback_ratings(overall: pd.DataFrame) -> pd.DataFrame:
    """One row per rating asked (n > 0): satisfaction, usefulness, practicality, pooled as in ``overall`` (the
    public edition's hidden figures stay hidden); usefulness and practicality are shown nowhere else."""
    rows = []
    if len(overall):
        row = overall.iloc[0]
        for measure, prefix in (("satisfaction", ""), ("usefulness", "usefulness_"), ("practicality", "practicality_")):
            n = row.get(f"{measure}_n")
            if pd.isna(n) or int(n) == 0:
                continue
            share = row.get(f"{prefix}top2_share")
            rows.append({"measure": measure, "n": int(n),
                         "top2": pd.NA if pd.isna(share) else int(round(float(share) * int(n))), "share": share,
                         "ci_low": row.get(f"{prefix}ci_low"), "ci_high": row.get(f"{prefix}ci_high"),
                         "median": row.get(f"{prefix}median" if prefix else "median")})
    return conform(pd.DataFrame(rows, columns=list(FEEDBACK_RATINGS)), "feedback_ratings")


def _feedback_distribution(summary: pd.DataFrame) -> pd.DataFrame:
    """Workshop x satisfaction level counts and shares, for the workshops with any satisfaction answer."""
    rows = []
    for _, w in summary[summary["satisfaction_n"] > 0].iterrows():
        for level in SCALE:
            rows.append({"workshop_id": w["workshop_id"], "title": w["title"], "date": w["date"],
                         "level": level, "responses": int(w[f"n_{level}"]), "base": int(w["satisfaction_n"]),
                         "is_small_n": bool(w["is_small_n"])})
    out = pd.DataFrame(rows, columns=["workshop_id", "title", "date", "level", "responses", "base", "is_small_n"])
    out["share"] = _share(out["responses"], out["base"]) if len(out) else pd.Series(dtype=float)
    return conform(out, "feedback_distribution")


def _comment_themes(comments: pd.DataFrame, coded: pd.DataFrame, feedback
                    ) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Attach text_id, text and coded themes (``theme_list``) to each comment; comments without a code are
    reported. ``coded`` is the comments' texts joined with their codes (schema ``coded_texts``)."""
    problems = []
    t = coded[["respondent_id", "question_id", "text_id", "text", "theme", "themes", "confidence"]].astype(
        {"respondent_id": str, "question_id": str, "text_id": str})
    if t.duplicated(["respondent_id", "question_id"]).any():
        dup = int(t.duplicated(["respondent_id", "question_id"]).sum())
        problems.append(_problem("feedback texts", None, "ambiguous_text", dup,
                                 f"{dup} texts share a respondent and question with another text; the first is used"))
        t = t.drop_duplicates(["respondent_id", "question_id"])
    c = t.drop_duplicates("text_id")[["text_id", "theme", "themes", "confidence"]]
    merged = comments.merge(t[["respondent_id", "question_id", "text_id", "text"]], on=["respondent_id", "question_id"],
                            how="left")
    # a comment given as a choice label has no text row of its own: use the code of the same text (the coder
    # is deterministic per text, so an identical text elsewhere carries the same themes)
    by_text = t.assign(_key=t["text"].fillna("").astype(str).str.strip()).drop_duplicates("_key").set_index(
        "_key")["text_id"]
    missing = merged["text_id"].isna()
    merged.loc[missing, "text_id"] = merged.loc[missing, "comment"].map(by_text)
    merged["text"] = merged["text"].astype(object).where(merged["text"].notna(), merged["comment"])
    merged = merged.merge(c, on="text_id", how="left")
    uncoded = merged["theme"].isna()
    for survey_no, count in merged[uncoded].groupby("survey_no").size().items():
        problems.append(_problem(feedback[int(survey_no)][1].source, None, "uncoded_comments", int(count),
                                 f"{count} open comments have no theme code; they are left out of the theme counts"))
    merged = merged[~uncoded].copy()
    merged["theme_list"] = [list(themes) or [str(theme) or "other"]
                            for theme, themes in zip(merged["theme"], merged["themes"])]
    return merged.drop(columns=["themes"]).reset_index(drop=True), problems


def _feedback_themes(coded: pd.DataFrame, theme_names: Mapping[str, str], params) -> pd.DataFrame:
    """Comments per theme, per workshop and overall, per prompt (good / improve / all), with Wilson shares."""
    confidence = float(params["confidence"])
    min_n = int(params["min_responses"])
    long = coded.explode("theme_list").rename(columns={"theme_list": "slug"})
    rows = []
    scopes = [("overall", None, coded, long)] + [
        ("workshop", wid, coded[coded["workshop_id"] == wid], long[long["workshop_id"] == wid])
        for wid in sorted(coded["workshop_id"].dropna().unique())]
    for scope, wid, base_frame, theme_frame in scopes:
        for prompt in ("good", "improve", "all"):
            b = base_frame if prompt == "all" else base_frame[base_frame["prompt"] == prompt]
            f = theme_frame if prompt == "all" else theme_frame[theme_frame["prompt"] == prompt]
            if b.empty:
                continue
            counts = f.drop_duplicates(["survey_no", "respondent_id", "question_id", "slug"]).groupby("slug").size()
            for slug, count in counts.items():
                rows.append({"scope": scope, "workshop_id": wid, "prompt": prompt, "theme": slug,
                             "theme_name": theme_names.get(slug, slug), "comments": int(count), "base": len(b)})
    out = pd.DataFrame(rows, columns=["scope", "workshop_id", "prompt", "theme", "theme_name", "comments", "base"])
    return conform(with_comment_shares(out, confidence, min_n), "feedback_themes")


def _feedback_quotes(coded: pd.DataFrame, impact_quotes: pd.DataFrame, theme_names: Mapping[str, str],
                     params) -> pd.DataFrame:
    """Up to ``quotes_per_theme`` comments per prompt and main theme (most confident first) plus impact answers."""
    per = int(params["quotes_per_theme"])
    c = coded[coded["workshop_id"].notna() & (coded["theme"].astype(str) != "other")].copy()
    # a comment with removed contact details is quoted after the others (QA round 15: "[phone] tai [email]")
    c["_removed"] = c["text"].map(removes_something)
    c = c.sort_values(["prompt", "theme", "_removed", "confidence", "text_id"],
                      ascending=[True, True, True, False, True], kind="stable")
    # the same words from several respondents make one quote
    c = c[~c.assign(_t=c["text"].astype(str).map(fold)).duplicated(["prompt", "theme", "_t"])]
    c = c.groupby(["prompt", "theme"], sort=False).head(per)
    out = pd.DataFrame({"prompt": c["prompt"], "theme": c["theme"].astype(str),
                        "theme_name": [theme_names.get(s, s) for s in c["theme"].astype(str)],
                        "workshop_id": c["workshop_id"], "text_id": c["text_id"], "text": c["text"],
                        "confidence": c["confidence"].astype(float)})
    out = pd.concat([out, impact_quotes], ignore_index=True) if len(impact_quotes) else out
    out["rank"] = out.groupby(["prompt", "theme"], dropna=False).cumcount() + 1
    return conform(out.reset_index(drop=True), "feedback_quotes")


def _classify(value: Any, labels: Mapping[str, Sequence[str]]) -> str | None:
    key = _label_key(value)
    for answer, words in labels.items():
        for word in words:
            w = _label_key(word)
            if key == w or re.match(rf"{re.escape(w)}\b", key):
                return answer
    return None


def _impact_by_linked_company(impact: Survey | None, links: pd.DataFrame | None
                              ) -> tuple[Survey | None, list[dict[str, Any]]]:
    """The impact survey with each respondent's company as linked across the surveys (``links``), and a
    ``repeated_company`` problem per company that answered it more than once (its latest answer counts). QA round
    26: a company answering once with its business ID and once with its name alone counted twice in the impact
    shares and once in the funnel, and a repeat with the same business ID was merged without a word."""
    if impact is None:
        return None, []
    from dataclasses import replace

    from pipeline.analysis.linking import IMPACT, canonical_of

    respondents = impact.respondents
    if links is not None and len(links):
        linked = canonical_of(links, IMPACT)
        own = respondents["company_id"].astype(str)
        company = [linked.get(r, c) for r, c in zip(respondents["respondent_id"].astype(str), own)]
        respondents = respondents.assign(company_id=company)
        impact = replace(impact, respondents=respondents)
    problems = []
    named = respondents[respondents["company_id"].astype(str) != respondents["respondent_id"].astype(str)]
    for _, rows in named.groupby("company_id", sort=False):
        if len(rows) > 1:
            where = ", ".join(str(int(r)) for r in sorted(rows["source_row"].dropna()))
            problems.append(_problem(impact.source, None, "repeated_company", len(rows),
                                     f"rows {where} answered for the same company; its latest answer counts "
                                     f"(delete a row if it is a test or a mistake)"))
    return impact, problems


def _latest_per_company(survey: Survey, answers: pd.DataFrame) -> pd.DataFrame:
    """``answers`` with company_id, one row per company: its latest submission (each company counted once)."""
    r = survey.respondents[["respondent_id", "company_id", "submitted_at", "source_row"]]
    a = answers.merge(r, on="respondent_id", how="left")
    a = a.sort_values(["submitted_at", "source_row"], kind="stable", na_position="first")
    return a.drop_duplicates("company_id", keep="last")


def _impact_tables(impact: Survey | None, params, workshops: pd.DataFrame | None = None,
                   answered: pd.DataFrame | None = None, absent: set[str] | None = None
                   ) -> tuple[pd.DataFrame, pd.DataFrame, list[dict[str, Any]]]:
    """Impact summary rows (yes / partly / no shares with Wilson) and the open 'what did you do' quotes. A
    respondent whose attendance answer (``answered``: the run's ``survey_attendance``) says it attended none of
    the ``workshops`` is left out of the yes / partly / no bases: "did the workshops advance your development"
    asks those who came."""
    confidence = float(params["confidence"])
    min_n = int(params["min_responses"])
    labels = {"yes": params["feedback_yes_labels"], "partly": params["feedback_partly_labels"],
              "no": params["feedback_no_labels"]}
    rows, problems = [], []
    quotes = pd.DataFrame(columns=["prompt", "theme", "theme_name", "workshop_id", "text_id", "text", "confidence"])
    if impact is None:
        return pd.DataFrame(rows), quotes, problems
    from pipeline.analysis.linking import non_attendees

    absent = non_attendees(impact, workshops, answered) if absent is None else absent
    if absent:
        # said in the report too (QA round 35: "14 answered" beside impact shares of 12, and nothing said why)
        problems.append(_problem(impact.source, None, "attended_none", len(absent),
                                 f"{len(absent)} respondent(s) attended no workshop; left out of the impact shares"))
    levels = {"impact": "behaviour", "contacts": "results"}
    for role, level in levels.items():
        question = impact.question(role)
        if question is None:
            continue
        ans = impact.answers[(impact.answers["question_id"] == question["question_id"])
                             & ~impact.answers["respondent_id"].astype(str).isin(absent)]
        ans = ans.assign(answer=[_classify(v, labels) for v in ans["value"]])
        unknown = ans[ans["answer"].isna() & ans["value"].notna()]
        if len(unknown):
            shown = ", ".join(sorted({str(v) for v in unknown["value"]}))
            problems.append(_problem(impact.source, None, "unrecognised_answer", len(unknown),
                                     f"{len(unknown)} answers to the {role} question are not yes / partly / no "
                                     f"({shown}); add the label to analysis.feedback_*_labels"))
        per_company = _latest_per_company(impact, ans[ans["answer"].notna()])
        base = len(per_company)
        counts = per_company["answer"].value_counts()
        options = _options(question)
        # a yes/no question offers no "partly": no row of 0 for an answer nobody could give (QA round 14)
        offers_partly = "partly" in counts.index or any(_classify(o, labels) == "partly" for o in options) \
            or not options
        answers = ["yes"] + (["partly"] if offers_partly else []) + ["no"] + \
            (["yes_or_partly"] if role == "impact" else [])
        for answer in answers:
            count = int(counts.get("yes", 0) + counts.get("partly", 0)) if answer == "yes_or_partly" \
                else int(counts.get(answer, 0))
            rows.append({"measure": role, "answer": answer, "kirkpatrick_level": level,
                         "companies": count, "base": base})
    text_q = impact.questions_with_role("impact_text")
    if len(text_q):
        # as for the yes / partly / no bases: "what did you do thanks to the workshops" asks those who came
        ans = impact.answers[impact.answers["question_id"].isin(text_q["question_id"])
                             & ~impact.answers["respondent_id"].astype(str).isin(absent)]
        ans = ans[ans["text"].fillna("").astype(str).str.strip() != ""]
        written = _latest_per_company(impact, ans)
        came = impact.respondents[~impact.respondents["respondent_id"].astype(str).isin(absent)]
        companies = came.drop_duplicates("company_id")
        rows.append({"measure": "impact_text", "answer": "answered", "kirkpatrick_level": "behaviour",
                     "companies": len(written), "base": len(companies)})
        chosen = written.assign(_len=written["text"].astype(str).str.len()).sort_values(
            ["_len", "respondent_id"], ascending=[False, True], kind="stable")
        # the same words from several companies make one quote, as the feedback comments do
        chosen = chosen[~chosen["text"].astype(str).map(fold).duplicated()].head(int(params["quotes_per_theme"]))
        quotes = pd.DataFrame({"prompt": "impact", "theme": pd.NA, "theme_name": pd.NA, "workshop_id": pd.NA,
                               "text_id": (chosen["respondent_id"].astype(str) + ":"
                                           + chosen["question_id"].astype(str)).to_numpy(),
                               "text": chosen["text"].astype(str).to_numpy(), "confidence": np.nan})
    out = pd.DataFrame(rows, columns=["measure", "answer", "kirkpatrick_level", "companies", "base"])
    out["share"] = _share(out["companies"], out["base"])
    out["ci_low"], out["ci_high"] = _wilson(out["companies"], out["base"], confidence) if len(out) else ([], [])
    out["is_small_n"] = out["base"] < min_n
    return out, quotes, problems


def self_rated_items(scales: pd.DataFrame | None, words: Sequence[str]) -> pd.DataFrame:
    """The impact survey's agreement statements (rows of ``question_scales``, survey ``impact``, type ``likert``)
    whose question or statement holds a word starting with one of ``words`` (folded)."""
    if scales is None or scales.empty or not words:
        return pd.DataFrame(columns=["question_id", "item", "n"])
    mine = scales[(scales["survey"].astype(str) == "impact") & (scales["type"].astype(str) == "likert")]
    stems = tuple(fold(w) for w in words)
    said = (mine["question"].fillna("").astype(str) + " " + mine["item"].fillna("").astype(str)).map(fold)
    hit = said.map(lambda text: any(word.startswith(stems) for word in re.findall(r"\w+", text)))
    return mine[hit.to_numpy(dtype=bool)]


def _kirkpatrick(summary_overall: pd.DataFrame, themes: pd.DataFrame, impact: pd.DataFrame,
                 shown_overall: pd.DataFrame | None = None, longer: Iterable[str] = (),
                 commenters: int | None = None, scales: pd.DataFrame | None = None,
                 params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Which figure speaks to which Kirkpatrick level, whether it was measured, and on how many answers.

    ``summary_overall``: the pooled ratings of every workshop (what was measured); ``shown_overall``: the pooled
    ratings as the edition shows them (the public edition pools only the workshops whose ratings it shows). A
    rating's n is the shown pool's, so that it matches the figure beside it, unless the edition withholds it
    all: then it is the measured n (the level was measured, not left unasked). A rated role of ``longer`` that
    no answer on the 1-5 scale measured was asked on a longer scale: its note says so (an overall rating of
    1-10 read "satisfaction: not measured" beside its mean among the other questions, QA round 13). The impact
    survey's agreement statements on what the workshops added to skills or what was put to use (``scales``, the
    ``question_scales`` table; ``[analysis] feedback_learning_words`` / ``feedback_behaviour_words``) are the
    self-rated learning and behaviour rows, n their largest base (QA round 27: "learning: not measured" while the
    survey asked "the workshops added to our skills")."""
    overall = summary_overall.iloc[0].copy()
    if shown_overall is not None and len(shown_overall):
        for column, value in shown_overall.iloc[0].items():
            if column.endswith("_n") and pd.notna(value) and int(value) > 0:
                overall[column] = value

    def impact_n(measure):
        hit = impact[impact["measure"] == measure] if len(impact) else impact
        return int(hit["base"].iloc[0]) if len(hit) else 0

    # the comment themes' respondents where the edition pools only some workshops' (QA round 28: 34 beside a
    # table of 32); all of them where it withholds every workshop's (asked and withheld, as the ratings)
    comments = commenters if commenters else int(overall["comments"])
    rows = [
        ("reaction", "feedback_summary", "top2_share", int(overall["satisfaction_n"]), "feedback.kp.satisfaction"),
        ("reaction", "feedback_summary", "usefulness_top2_share", int(overall["usefulness_n"]),
         "feedback.kp.usefulness"),
        ("reaction", "feedback_summary", "practicality_top2_share", int(overall["practicality_n"]),
         "feedback.kp.practicality"),
        ("reaction", "feedback_summary", "nps", int(overall["nps_n"]), "feedback.kp.nps"),
        ("reaction", "feedback_themes", "comments", comments, "feedback.kp.comments"),
        *_self_rated("learning", scales, params),
        ("learning", "", "", 0, "feedback.kp.learning_not_measured"),
        ("behaviour", "impact_summary", "impact", impact_n("impact"), "feedback.kp.impact"),
        *_self_rated("behaviour", scales, params),
        ("behaviour", "impact_summary", "impact_text", impact_n("impact_text"), "feedback.kp.impact_text"),
        ("results", "impact_summary", "contacts", impact_n("contacts"), "feedback.kp.contacts"),
        ("results", "", "", 0, "feedback.kp.results_not_measured"),
    ]
    longer = set(longer)
    rows = [(level, table, figure, n, f"{note}_longer_scale" if not n and note.removeprefix("feedback.kp.") in longer
             else note) for level, table, figure, n, note in rows]
    out = pd.DataFrame(rows, columns=["level", "table", "figure", "n", "note_key"])
    out.insert(1, "level_order", out["level"].map({lvl: i + 1 for i, lvl in enumerate(KIRKPATRICK_LEVELS)}))
    out["is_measured"] = out["n"] > 0
    return conform(out, "kirkpatrick")


def _self_rated(level: str, scales: pd.DataFrame | None, params: Mapping[str, Any] | None
                ) -> list[tuple[str, str, str, int, str]]:
    """The Kirkpatrick row of the impact survey's self-rated statements on ``level`` (learning, behaviour), or none."""
    params = params or {}
    items = self_rated_items(scales, params.get(f"feedback_{level}_words", ()))
    if level == "learning":
        # "we have put what we learnt to use" speaks of behaviour, whatever it learnt
        used = self_rated_items(scales, params.get("feedback_behaviour_words", ()))
        items = items[~items.index.isin(used.index)]
    n = pd.to_numeric(items["n"], errors="coerce").max() if len(items) else np.nan
    if pd.isna(n) or int(n) == 0:
        return []
    return [(level, "question_scales", "; ".join(dict.fromkeys(items["question_id"].astype(str))), int(n),
             f"feedback.kp.{level}_self_rated")]


def _coverage(workshops: pd.DataFrame, demand: pd.DataFrame | None, theme_names: Mapping[str, str],
              params) -> pd.DataFrame:
    """Demand share per needs theme (WP1) against supply: workshops, known hours and participations."""
    supply_rows = []
    for _, w in workshops.iterrows():
        slugs = [s for s in str(w["themes"] if not pd.isna(w["themes"]) else "").split(";") if s] or ["other"]
        for slug in dict.fromkeys(slugs):
            supply_rows.append({"theme": slug, "workshop_id": w["workshop_id"], "hours": w["hours"],
                                "participants": w["participants"] if w["is_rate_known"] else pd.NA})
    s = pd.DataFrame(supply_rows, columns=["theme", "workshop_id", "hours", "participants"])
    s["participants"] = s["participants"].astype("Float64")
    supply = s.groupby("theme").agg(
        workshops=("workshop_id", "nunique"),
        hours=("hours", lambda x: x.sum() if x.notna().any() else np.nan),
        workshops_hours_known=("hours", lambda x: int(x.notna().sum())),
        participations=("participants", lambda x: x.sum() if x.notna().any() else pd.NA),
        workshops_participants_known=("participants", lambda x: int(x.notna().sum())),
    )
    if demand is not None and len(demand):
        d = demand.copy()
        for column in ("rank", "tier", "theme_name", "respondents"):
            if column not in d.columns:
                d[column] = pd.NA
        d = d[["theme", "theme_name", "share", "ci_low", "ci_high", "respondents", "rank", "tier"]].rename(columns={
            "share": "demand_share", "ci_low": "demand_ci_low", "ci_high": "demand_ci_high",
            "respondents": "demand_base", "rank": "demand_rank", "tier": "demand_tier", "theme_name": "demand_name"})
        d["theme"] = d["theme"].astype(str)
    else:
        d = pd.DataFrame(columns=["theme", "demand_name", "demand_share", "demand_ci_low", "demand_ci_high",
                                  "demand_base", "demand_rank", "demand_tier"])
    out = d.merge(supply.reset_index(), on="theme", how="outer")
    out["theme_name"] = [theme_names.get(t) or (n if isinstance(n, str) and n else t)
                         for t, n in zip(out["theme"], out["demand_name"])]
    for column in ("workshops", "workshops_hours_known", "workshops_participants_known"):
        out[column] = out[column].fillna(0).astype(int)
    tier = pd.to_numeric(out["demand_tier"], errors="coerce")
    # a theme no company asked for is no unmet demand, whatever its tier (with every theme in tier 1, themes chosen
    # by 0 of 15 companies were headlined "demanded themes without enough workshops", QA round 12)
    asked = (pd.to_numeric(out["demand_share"], errors="coerce") > 0).fillna(False).astype(bool)
    few = out["workshops"] < int(params["feedback_min_supply_workshops"])
    out["is_unmet"] = ((tier <= int(params["feedback_unmet_max_tier"])).fillna(False).astype(bool) & asked & few
                       ).astype("boolean")
    # a theme of the survey whose demand the public edition hides may or may not be unmet: not "no" (QA round 34:
    # "unmet need: no" beside the steering edition's "without enough supply")
    hidden = pd.to_numeric(out["demand_share"], errors="coerce").isna() & \
        pd.to_numeric(out["demand_base"], errors="coerce").notna() & few
    out["is_unmet"] = out["is_unmet"].mask(hidden.to_numpy(dtype=bool))
    out = out.assign(_r=pd.to_numeric(out["demand_rank"], errors="coerce"),
                     _d=pd.to_numeric(out["demand_share"], errors="coerce"))
    out = out.sort_values(["_r", "_d", "workshops", "theme"], ascending=[True, False, False, True],
                          na_position="last", kind="stable").drop(columns=["_r", "_d", "demand_name"])
    return conform(out.reset_index(drop=True), "coverage")


def _participation_timeline(workshops: pd.DataFrame) -> pd.DataFrame:
    """Per calendar month from the first to the last workshop: workshops, known participations, cumulative."""
    dated = workshops[workshops["date"].notna()]
    if dated.empty:
        return conform(pd.DataFrame({c: [] for c in ("month", "workshops", "workshops_participants_unknown",
                                                      "participations", "cumulative_participations")}),
                       "participation_timeline")
    workshops = dated
    w = workshops.assign(month=workshops["date"].dt.to_period("M").dt.to_timestamp(),
                         known=workshops["participants"].where(workshops["is_rate_known"]).astype("Float64"))
    months = pd.date_range(w["month"].min(), w["month"].max(), freq="MS")
    g = w.groupby("month")
    out = pd.DataFrame({"month": months})
    out["workshops"] = g.size().reindex(months, fill_value=0).to_numpy()
    out["workshops_participants_unknown"] = g["is_rate_known"].apply(lambda x: int((~x).sum())).reindex(
        months, fill_value=0).to_numpy()
    out["participations"] = g["known"].sum().reindex(months, fill_value=0).astype(int).to_numpy()
    out["cumulative_participations"] = out["participations"].cumsum()
    return conform(out, "participation_timeline")


def _impact_companies(impact: Survey | None) -> int | None:
    """The companies answering the impact survey (each company id once), None without one."""
    return None if impact is None else len(impact.respondents.drop_duplicates("company_id"))


def _reach(workshops: pd.DataFrame, responses: pd.DataFrame, impact: Survey | None,
           absent: set[str] = frozenset(), links: pd.DataFrame | None = None) -> pd.DataFrame:
    """Attendances from the register and unique companies only where a survey identifies companies; an impact
    respondent who attended no workshop (``absent``) was not reached.

    A company counts once: each response that names a company (its own business ID or name; an anonymous response
    of a survey with an optional company question names none) stands for the company it is linked to across the
    surveys (``links``, the ``company_links`` table; without it, each survey's own company id). QA round 22: 43
    "unique companies reached" of 40, anonymous feedback answers counted as companies and a company named in
    two surveys counted twice."""
    from pipeline.analysis.linking import ATTENDANCE, IMPACT, feedback_source_name

    known = workshops[workshops["is_rate_known"]]
    linked = {} if links is None else {
        (str(s), str(r)): str(c) for s, r, c in
        zip(links["source"], links["record_id"], links["company_id"].where(links["is_identified"].astype(bool)))
        if not pd.isna(c) and c != "nan"}
    reached = [(feedback_source_name(s), str(r), str(c)) for s, r, c, w in
               zip(responses["source"], responses["respondent_id"], responses["company_id"], responses["workshop_id"])
               if not pd.isna(w)]
    if impact is not None:
        came = ~impact.respondents["respondent_id"].astype(str).isin(absent)
        reached += [(IMPACT, str(r), str(c)) for r, c in
                    zip(impact.respondents.loc[came, "respondent_id"], impact.respondents.loc[came, "company_id"])]
    listed: set[str] = set()
    if links is not None:
        ids = {linked[(s, r)] for s, r, _ in reached if (s, r) in linked}
        # the attendance list names companies that came, answered a survey or not (QA round 26: 25 companies
        # reached where the inputs gave 32)
        listed = {c for (s, _), c in linked.items() if s == ATTENDANCE}
        ids |= listed
    else:
        ids = {c for _, r, c in reached if c != r}   # a company id of its own, not the respondent's
    any_identifying = bool(ids)
    rows = [
        ("workshops", len(workshops), True, "register", "feedback.reach.workshops"),
        ("participations", int(known["participants"].sum()), True, "register_attendances",
         "feedback.reach.participations"),
        ("workshops_participants_unknown", int((~workshops["is_rate_known"]).sum()), True, "register",
         "feedback.reach.unknown"),
        ("feedback_responses", int(responses["workshop_id"].notna().sum()), True, "feedback_surveys",
         "feedback.reach.feedback_responses"),
        ("impact_companies", _impact_companies(impact), impact is not None, "impact_survey",
         "feedback.reach.impact_companies"),
        ("unique_companies", len(ids) if any_identifying else None, any_identifying, "company_ids",
         "feedback.reach.unique_companies_unknown" if not any_identifying
         else "feedback.reach.unique_companies_listed" if listed else "feedback.reach.unique_companies"),
    ]
    low = known["participants_low"].fillna(known["participants"]) if "participants_low" in known else \
        known["participants"]
    if int(low.sum()) != int(known["participants"].sum()):
        # participants written as ranges (7-18) count their upper end above; their lower ends give the range
        rows.insert(2, ("participations_low", int(low.sum()), True, "register_attendances",
                        "feedback.reach.participations_low"))
    out = pd.DataFrame(rows, columns=["indicator", "value", "is_known", "basis", "note_key"])
    out["value"] = pd.array(out["value"].tolist(), dtype="Int64")
    return conform(out, "reach")


def feedback_tables(workshops: pd.DataFrame | None, feedback: Sequence[tuple[str | None, Survey]],
                    impact: Survey | None, feedback_codes: pd.DataFrame, feedback_texts: pd.DataFrame,
                    demand: pd.DataFrame | None, params: Mapping[str, Any],
                    theme_names: Mapping[str, str]) -> dict[str, pd.DataFrame]:
    """Return the WP3 tables, each conformed to its schema in ``pipeline.schemas``.

    ``workshops`` is the validated register (``workshop_register``, after ``with_coded_themes``), or None
    when no register is configured (then the workshops the feedback names stand in, with nothing known about
    dates or participants, and a ``no_register`` problem row says so);
    ``feedback`` pairs each feedback survey with the workshop id given in the config (None: the survey's
    ``workshop`` role column names the workshop by id or title, per respondent); ``impact`` is the impact
    survey or None; ``feedback_texts`` (schema ``texts``) and ``feedback_codes`` (schema ``codes``) are the
    open good / improve answers of the feedback surveys, coded with the feedback taxonomy and joined to the
    answers by (respondent_id, question_id), or else by identical text; ``demand`` is WP1's
    ``theme_ranking`` (theme, share, ci_low, ci_high; respondents, rank and tier when present) or None;
    ``params`` is the ``[analysis]`` settings (confidence, min_responses, quotes_per_theme, feedback_*);
    ``theme_names`` maps needs and feedback theme slugs to display names (a missing slug shows as itself).

    Tables: ``workshops`` (the register used, schema ``workshop_register``), ``feedback_summary`` (one row
    per register workshop), ``feedback_overall`` (one pooled row),
    ``feedback_distribution``, ``feedback_themes``, ``feedback_quotes``, ``feedback_problems``,
    ``impact_summary``, ``kirkpatrick``, ``coverage``, ``participation_timeline``, ``reach``. Responses that
    cannot be tied to a register workshop, register rows without participants, out-of-range ratings,
    unrecognised impact answers and uncoded comments each give a ``feedback_problems`` row and a logged
    warning, and are kept out of the figures they would distort. Inputs are not modified.
    """
    return feedback_tables_coded(workshops, feedback, impact, coded_texts(feedback_texts, feedback_codes), demand,
                                 params, theme_names)


def feedback_tables_coded(workshops: pd.DataFrame | None, feedback: Sequence[tuple[str | None, Survey]],
                          impact: Survey | None, coded: pd.DataFrame, demand: pd.DataFrame | None,
                          params: Mapping[str, Any], theme_names: Mapping[str, str],
                          answered: pd.DataFrame | None = None, links: pd.DataFrame | None = None,
                          scales: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """``feedback_tables`` from the comments already joined with their codes (schema ``coded_texts``; the
    pipeline's ``coded_feedback`` stage makes it once), the attendance answers read once (``answered``, the
    ``survey_attendance`` stage's table; read here when not given) and the companies linked across the surveys
    (``links``, ``company_links``: the reach counts each company once); ``scales`` (``question_scales``) gives the
    Kirkpatrick table the impact survey's self-rated statements."""
    problems: list[dict[str, Any]] = []
    impact, repeated = _impact_by_linked_company(impact, links)
    problems += repeated
    if workshops is None:
        workshops = stand_in_register(feedback)
        problems.append(_problem("workshops register", None, "no_register", 0,
                                 "no workshop register configured; workshops are known only by the ids the feedback "
                                 "names, without dates or participants, so there are no response rates, coverage "
                                 "or participation figures"))
    responses, surveyed, found = _attributed_responses(workshops, feedback)
    problems += found + _off_dates(workshops, responses, feedback, int(params["feedback_max_days_after"]))
    rated, found, longer = _rated_answers(feedback)
    problems += found
    lookup = responses[["survey_no", "respondent_id", "workshop_id"]]
    scores = rated.merge(lookup, on=["survey_no", "respondent_id"], how="left")
    comments = _comments(feedback).merge(lookup, on=["survey_no", "respondent_id"], how="left")
    summary = _feedback_summary(workshops, responses, surveyed, scores[scores["workshop_id"].notna()], comments,
                                params)
    refuse_small_feedback_change(summary, params)
    refuse_changed_ratings(summary, params)
    for _, survey in feedback:
        refuse_other_rows_same_count(f"feedback:{survey.source}", survey.report, params)
    if impact is not None:
        refuse_other_rows_same_count("impact", impact.report, params, _impact_companies(impact))
    for _, w in summary[~summary["is_rate_known"]].iterrows():
        problems.append(_problem("workshops register", w["workshop_id"], "participants_unknown",
                                 int(w["responses"]), f"workshop {w['workshop_id']} has no participants figure; "
                                 f"it is left out of response rates and participation totals"))
    over = summary["is_rate_known"] & summary["is_surveyed"] & (
        summary["responses"] > summary["participants"].astype("Float64").fillna(np.inf)).fillna(False).astype(bool)
    for _, w in summary[over].iterrows():
        problems.append(_problem("workshops register", w["workshop_id"], "responses_over_participants",
                                 int(w["responses"]), f"workshop {w['workshop_id']} has {w['responses']} feedback "
                                 f"responses but {w['participants']} participants in the register; its response "
                                 f"rate is not published and it is left out of the pooled rate: check the "
                                 f"participants figure"))
    overall = _feedback_overall(workshops, responses, surveyed, scores[scores["workshop_id"].notna()], comments,
                                params)
    coded, found = _comment_themes(comments, coded, feedback)
    problems += found
    from pipeline.analysis.linking import non_attendees

    absent = non_attendees(impact, workshops, answered) if impact is not None else set()
    refuse_small_impact_change(_impact_companies(impact), params)
    impact_summary, impact_quotes, found = _impact_tables(impact, params, workshops, answered, absent)
    problems += found
    impact_summary = conform(impact_summary if len(impact_summary) else pd.DataFrame(
        columns=["measure", "answer", "kirkpatrick_level", "companies", "base", "share", "ci_low", "ci_high",
                 "is_small_n"]), "impact_summary")
    themes = _feedback_themes(coded[coded["workshop_id"].notna()], theme_names, params)
    problem_frame = pd.DataFrame(problems, columns=["source", "workshop_id", "problem", "responses", "detail"])
    distribution = _feedback_distribution(summary)
    measured = overall      # every workshop's ratings: what was measured, whatever the edition shows of it
    quoted = _feedback_quotes(coded, impact_quotes, theme_names, params)
    commenters = None
    if str(params.get("edition", "steering")) == "public":
        # the pooled ratings only over the workshops (and measures) whose own ratings are shown: pooled over all,
        # the overall minus the shown workshops gave the hidden ones' answers away (7 answers of two small
        # workshops: one 3 and six 5s)
        rated = scores[scores["workshop_id"].notna()]
        shown = rated[rated.groupby(["workshop_id", "role"])["score"].transform("count").to_numpy()
                      >= int(params["min_responses"])]
        overall = _feedback_overall(workshops, responses, surveyed, shown, comments, params)
        summary, overall = published_ratings(summary, params), published_ratings(overall, params)
        # a pooled count of 0 where ratings were given says "not asked"; they were asked, and withheld
        withheld = {n: (overall[n].astype("Int64") == 0).to_numpy(dtype=bool, na_value=False)
                    & (measured[n].astype("Int64") > 0).to_numpy(dtype=bool, na_value=False) for n in RATING_FIGURES}
        overall = overall.assign(**{n: overall[n].astype("Int64").mask(hide) for n, hide in withheld.items()})
        distribution = distribution[distribution["base"] >= int(params["min_responses"])].reset_index(drop=True)
        themes = published_comment_themes(themes, params, dict(zip(summary["workshop_id"].astype(str),
                                                                   summary["comments"].astype(int))))
        # a quote of a workshop whose comment themes are withheld (1–4 comments) is one of those few participants'
        # words, tied to their workshop (QA round 27): quoted only from workshops whose themes are shown
        shown_workshops = set(themes.loc[themes["scope"] == "workshop", "workshop_id"].astype(str))
        commenters = int(summary.loc[summary["workshop_id"].astype(str).isin(shown_workshops), "comments"].sum())
        quoted = quoted[quoted["workshop_id"].isna() | quoted["workshop_id"].astype(str).isin(shown_workshops)
                        ].reset_index(drop=True)
        refuse_changed_impact_answers(impact_summary, _impact_companies(impact), params, scales)
        impact_summary = published_impact(impact_summary, params)
    return {
        "workshops": workshops.copy(),
        "feedback_summary": summary,
        "feedback_overall": overall,
        "feedback_ratings": _feedback_ratings(overall),
        "feedback_distribution": distribution,
        "feedback_themes": themes,
        "feedback_quotes": quoted,
        "feedback_problems": conform(problem_frame, "feedback_problems"),
        "impact_summary": impact_summary,
        "kirkpatrick": _kirkpatrick(measured, themes, impact_summary, overall, longer, commenters, scales, params),
        "coverage": _coverage(workshops, demand, theme_names, params),
        "participation_timeline": _participation_timeline(workshops),
        "reach": _reach(workshops, responses, impact, absent, links),
    }
