"""WP1 needs analysis: which themes companies want, how sure we can be, and where needs differ.

``needs_tables`` turns one needs survey (``Survey`` with roles assigned), its coded texts and the theme names
into the WP1 tables (schemas in ``pipeline.schemas``). Decisions that shape the figures:

* **Unit.** Demand is counted per company (``company_id``: the business-ID pseudonym, or the respondent
  when the survey has none); a company counts once per theme however many of its answers place it there.
  The base (``respondents`` in ``theme_ranking``) is every responding company, also those that answered
  none of the theme questions: "share of responding companies"; a data warning names the rows of such
  companies (``without_theme_answer``), since each counts as not wanting any theme.
* **What places a company in a theme.** A selected option of an ``interests`` question places it in every
  theme the option label was coded into (``texts`` rows with ``source == "option"``, matched on question and
  label); an option coded only as ``other`` (e.g. "Muu, mikä?") places it nowhere, because its typed text
  (``other_text``) is coded on its own. Coded ``needs_text`` answers and the ``other_text`` answers attached
  to an interests or needs question (the nearest preceding non-``other_text`` question) place it in every
  theme of their ``themes`` list, ``other`` included.
* **Ranking.** ``other`` is not ranked: it keeps its counts and interval but has no rank, tier or
  ``p_top`` and is listed last. Ranks are competition ("min") ranks: tied themes share the best rank, so
  with counts 9, 9, 4 the ranks are 1, 1, 3, and a tie at the top-k boundary counts every tied theme in.
  A bootstrap of companies (fixed seed) gives each theme's rank interval (``confidence`` percentiles, the
  lower end rounded down and the upper end up) and the probability of ranking in the top ``top_k``.
  Tiers come from a test, not from overlapping intervals (the same companies answer every theme, so two
  marginal intervals can overlap while the paired difference is clear): in rank order, a tier boundary is
  drawn only where every theme above it is wanted by more companies than every theme below it by the exact
  McNemar test over the same companies, Holm-adjusted over the possible boundaries (``tiers``). No seed
  enters the tiers.
* **Segments and disclosure.** Small municipalities are merged into their sub-region first. What is hidden is
  decided over all the tables at once by ``pipeline.disclosure.published`` (cells of 1..min_count-1 companies
  or a base under ``min_base``, then further cells until no hidden cell can be narrowed below the protection
  interval by subtracting published figures; the public edition hides small counts and bases everywhere).
* **Export readiness.** Labels are read as yes / maybe / no with the word lists ``export_yes``,
  ``export_maybe``, ``export_no``; the three are reported separately ("wanting to develop exports" is the
  ``yes`` share; charts stack ``maybe`` beside it). A company with several respondents takes its most
  positive answer. The ``all`` row is the survey total and is not suppressed (it is ``theme_ranking``'s
  level of detail).
* **Likert grids** are per respondent; don't-know answers are out of the base and reported beside it.
* **Need vs competence** pairs each theme with the competence statements whose text was coded into it
  (``texts`` rows with ``source == "item"``, text = the statement); themes with no statement are left out.
"""
from __future__ import annotations

import logging
import math
import re
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from pipeline import schemas
from pipeline.analysis.stats import (canonical_municipalities, municipality_segments, name_key, name_keys,
                                     subregion_of, wilson_interval)
from pipeline.disclosure import published, published_open_share
from pipeline.errors import InputError
from pipeline.keys import fold
from pipeline.privacy import removes_something
from pipeline.survey import Survey
from pipeline.coding.texts import coded_texts

log = logging.getLogger(__name__)

OTHER = "other"
TEXT_SOURCES = ("open", "other_text")
SEGMENT_TYPES = ("municipality", "subregion", "sector", "size")
EXPORT_ANSWERS = ("yes", "maybe", "no")
ALL = "all"


def needs_tables(survey: Survey, codes: pd.DataFrame, texts: pd.DataFrame,
                 taxonomy_names: Mapping[str, str], params: Mapping) -> dict[str, pd.DataFrame]:
    """Return the WP1 tables, each conformed to its schema, keyed by table name.

    ``survey`` has roles assigned; ``texts`` (schema ``texts``) holds the scrubbed open and other_text
    answers, the option labels (``source == "option"``) and optionally the competence statements
    (``source == "item"``); ``codes`` (schema ``codes``) their themes. ``taxonomy_names`` maps theme slug to
    its name in the report language (``other`` may be included); ``params`` is ``settings.analysis``.
    Tables: theme_ranking, theme_by_segment, open_theme_share, option_counts, likert_summary,
    likert_distribution, export_readiness, need_vs_competence, quotes, company_themes.
    Raises ``InputError`` when no question has the role ``interests`` or ``needs_text``.
    """
    schemas.validate(texts, "texts", "needs analysis")
    schemas.validate(codes, "codes", "needs analysis")
    return needs_tables_coded(survey, coded_texts(texts, codes), taxonomy_names, params)


def company_profiles(survey: Survey, params: Mapping) -> pd.DataFrame:
    """One row per company of ``survey`` (schema ``company_profiles``): its municipality in the sub-region
    mapping's spelling (aliases applied), sub-region, sector and size, missing when unanswered."""
    profile = _company_profile(survey, company_of_respondents(survey.respondents), params)
    return schemas.conform(profile.reset_index(), "company_profiles")


def repeated_companies(survey: Survey) -> pd.DataFrame:
    """The companies that answered ``survey`` more than once (schema ``input_problems``, ``repeated_company``:
    its rows): one company answering twice changes its figures (it counts once, with the options any of its
    answers chose), so the coordinator is told which rows, to delete a mistaken one (QA round 18: only "27 (26
    companies)" said it)."""
    respondents = survey.respondents
    shared = respondents[respondents["company_id"].notna() & respondents["company_id"].duplicated(keep=False)]
    by_name = (shared["company_basis"].astype(str) == "name") if "company_basis" in shared.columns \
        else pd.Series(False, index=shared.index)
    # a row linked by its name alone was said to share the business ID (QA round 26): the name is what to look for
    rows = [{"source": survey.source,
             "problem": "repeated_company_name" if by_name[group.index].any() else "repeated_company",
             "workshop_id": "", "value": "", "meant": "",
             "rows": ", ".join(str(r) for r in sorted(group["source_row"].dropna().astype(int)))}
            for _, group in shared.groupby("company_id", sort=False)]
    return schemas.records("input_problems", rows)


def without_theme_answer(survey: Survey) -> pd.DataFrame:
    """The rows of companies that answered none of the theme questions (``interests``, ``needs_text`` and the
    "other" texts of them) (schema ``input_problems``, ``no_theme_answer``): the theme shares count every
    responding company, so such a company counts in every theme's base as not wanting it (QA round 27: 11 of 12
    wanted sales where all 11 that answered did)."""
    questions = survey.questions
    asked = set(questions.loc[questions["role"].isin(["interests", "needs_text"]), "question_id"]) | \
        set(_text_qids(questions))
    if not asked:
        return schemas.records("input_problems", [])
    respondents = survey.respondents
    # a respondent's company, row by row (a respondent id may repeat: never reindexed by it)
    company = respondents["company_id"].astype("string").fillna(respondents["respondent_id"].astype("string"))
    said = set(survey.answers.loc[survey.answers["question_id"].isin(asked), "respondent_id"].astype(str))
    answered = set(company[respondents["respondent_id"].astype(str).isin(said)].astype(str))
    silent = respondents[~company.astype(str).isin(answered).to_numpy()]
    if silent.empty:
        return schemas.records("input_problems", [])
    rows = ", ".join(str(r) for r in sorted(silent["source_row"].dropna().astype(int)))
    return schemas.records("input_problems", [{"source": survey.source, "problem": "no_theme_answer",
                                               "workshop_id": "", "value": str(len(silent)), "meant": "",
                                               "rows": rows}])


def needs_tables_coded(survey: Survey, coded: pd.DataFrame, taxonomy_names: Mapping[str, str],
                       params: Mapping, profiles: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """``needs_tables`` from the texts already joined with their codes (schema ``coded_texts``; the pipeline's
    ``coded_texts`` stage makes it once for every reader) and, when given, the ``company_profiles`` of the
    survey (else made here)."""
    schemas.validate(coded, "coded_texts", "needs analysis")
    questions = survey.questions
    theme_qids = set(questions.loc[questions["role"].isin(["interests", "needs_text"]), "question_id"])
    if not theme_qids:
        raise InputError(f"{survey.source}: no question has the role interests or needs_text; "
                         "name them in the config section [needs.roles]")
    company_of = company_of_respondents(survey.respondents)
    membership = company_themes(survey, coded, company_of)
    names = _theme_names(taxonomy_names, membership["theme"])
    companies = pd.Index(_sorted_companies(company_of), dtype="string")
    ranking = theme_ranking(membership, companies, names, params)
    profile = (_company_profile(survey, company_of, params) if profiles is None
               else profiles.set_index("company_id")[["municipality", "subregion", "sector", "size"]])
    tables = {
        "theme_ranking": ranking,
        "theme_by_segment": theme_by_segment(membership, profile, dict(zip(ranking["theme"], ranking["theme_name"])),
                                             params["subregions"], params,
                                             {r: _option_order(survey, r) for r in ("sector", "size")}, raw=True),
        "open_theme_share": open_theme_share(coded, _needs_text_qids(questions), names, params),
        "option_counts": option_counts(survey, coded, params),
        "option_ranking": option_ranking(survey, coded, company_of, names, params),
        "company_themes": membership,
    }
    summary, distribution = likert_tables(survey, params, company_of)
    tables["likert_summary"] = summary
    tables["likert_distribution"] = distribution
    tables["export_readiness"] = export_readiness(survey, company_of, profile, params, raw=True)
    tables["need_vs_competence"] = need_vs_competence(ranking, summary, coded)
    tables["quotes"] = quotes(ranking, coded, _text_qids(questions), params)
    from pipeline.disclosure import refuse_other_rows_same_count

    refuse_other_rows_same_count("needs", survey.report, params, float(len(companies)))
    tables = published(tables, params)
    tables["open_theme_share"] = published_open_share(tables["open_theme_share"], params)
    tables["need_vs_competence"] = need_vs_competence(tables["theme_ranking"], tables["likert_summary"], coded)
    return {name: schemas.conform(frame.reset_index(drop=True), name) for name, frame in tables.items()}


# --- inputs -------------------------------------------------------------------------------------------------

def company_of_respondents(respondents: pd.DataFrame) -> pd.Series:
    """respondent_id → company_id (the respondent itself when company_id is missing)."""
    rid = respondents["respondent_id"].astype("string")
    cid = respondents["company_id"].astype("string").fillna(rid)
    return pd.Series(cid.to_numpy(), index=pd.Index(rid.to_numpy(), name="respondent_id"), dtype="string",
                     name="company_id")


def _lookup(keys, values) -> np.ndarray:
    """Position in ``keys`` of each element of ``values`` (-1 where absent or missing); the first position
    when a key repeats. Factorises keys and values together, which is much faster than ``Index.get_indexer``
    or ``Series.map`` on string columns of a hundred thousand rows."""
    keys = pd.Series(keys, dtype="string", copy=False).reset_index(drop=True)
    values = pd.Series(values, dtype="string", copy=False).reset_index(drop=True)
    codes, uniques = pd.factorize(pd.concat([keys, values], ignore_index=True))
    key_codes, value_codes = codes[:len(keys)], codes[len(keys):]
    position = np.full(len(uniques) + 1, -1, dtype=np.int64)  # the extra last slot answers code -1 (missing)
    present = np.flatnonzero(key_codes >= 0)[::-1]  # reversed: the first occurrence is written last and wins
    position[key_codes[present]] = present
    return position[value_codes]


def _take(values, at: np.ndarray) -> pd.Series:
    """``values`` (array or Series) at positions ``at``, missing where ``at`` is -1."""
    values = pd.Series(values, copy=False).reset_index(drop=True)
    picked = values.reindex(at) if (at < 0).any() else values.take(at)  # reindex: label -1 is absent → missing
    return picked.reset_index(drop=True)


def _sorted_companies(company_of: pd.Series) -> pd.api.extensions.ExtensionArray:
    """The distinct company ids in code-point order (what ``sorted`` gives), sorted by the string array."""
    distinct = pd.array(company_of.unique(), dtype="string")
    return distinct.take(distinct.argsort())


def _theme_names(taxonomy_names: Mapping[str, str], seen: pd.Series) -> dict[str, str]:
    """Every taxonomy theme plus themes seen in the codes, in taxonomy order, ``other`` last."""
    names = {slug: str(name) for slug, name in taxonomy_names.items()}
    for slug in sorted(set(seen.unique()) - set(names)):
        names[slug] = slug
    names.setdefault(OTHER, OTHER)
    return {s: names[s] for s in names if s != OTHER} | {OTHER: names[OTHER]}


def _needs_text_qids(questions: pd.DataFrame) -> set[str]:
    return set(questions.loc[questions["role"] == "needs_text", "question_id"])


def _text_qids(questions: pd.DataFrame) -> set[str]:
    """Questions whose coded answers place a company in a theme: needs_text and the other_text fields of
    interests / needs_text questions (the nearest preceding question that is not itself other_text)."""
    qids = _needs_text_qids(questions)
    parent_role = ""
    for _, q in questions.iterrows():
        if q["type"] != "other_text":
            parent_role = q["role"]
            continue
        if q["role"] in ("interests", "needs_text") or parent_role in ("interests", "needs_text"):
            qids.add(q["question_id"])
    return qids


def _first_per_company(values: pd.DataFrame, company_of: pd.Series, rank: np.ndarray) -> pd.Series:
    """One value per company: its earliest respondent's (``rank``: each ``company_of`` respondent's place by
    source row, then respondent id) non-missing value; a respondent's own answers keep their order."""
    at = _lookup(company_of.index, values["respondent_id"])
    keep = (at >= 0) & values["value"].notna().to_numpy()
    at = at[keep]
    frame = pd.DataFrame({"company_id": company_of.to_numpy()[at], "value": values["value"].to_numpy()[keep]})
    frame = frame.take(np.argsort(rank[at], kind="stable"))
    frame = frame.drop_duplicates("company_id", keep="first").set_index("company_id").sort_index()
    return frame["value"].astype("string")


def _respondent_rank(survey: Survey, company_of: pd.Series) -> np.ndarray:
    """Each ``company_of`` respondent's place in "earliest first" order: by source row (missing last), then
    respondent id."""
    respondents = survey.respondents
    at = _lookup(respondents["respondent_id"], company_of.index)
    order = pd.DataFrame({"_order": _take(respondents["source_row"].astype("Float64"), at),
                          "respondent_id": company_of.index.to_numpy()})
    rank = np.empty(len(order), dtype=np.int64)
    rank[order.sort_values(["_order", "respondent_id"], kind="stable").index.to_numpy()] = np.arange(len(order))
    return rank


def _per_company(answers: pd.DataFrame, company_of: pd.Series, rank: np.ndarray) -> pd.DataFrame:
    """``answers`` with one row per company and item: the earliest answering respondent's (a company that
    answered twice counts once); rows of respondents unknown to ``company_of`` are kept as their own company."""
    at = _lookup(company_of.index, answers["respondent_id"])
    company = np.where(at >= 0, company_of.to_numpy(dtype=object)[np.clip(at, 0, None)],
                       answers["respondent_id"].to_numpy(dtype=object))
    order = np.where(at >= 0, rank[np.clip(at, 0, None)], np.iinfo(np.int64).max)
    keyed = answers.assign(_company=company, _order=order)
    keyed = keyed.sort_values("_order", kind="stable").drop_duplicates(["_company", "item"], keep="first")
    return keyed.sort_index().drop(columns=["_company", "_order"])


def _company_profile(survey: Survey, company_of: pd.Series, params: Mapping) -> pd.DataFrame:
    """company_id → municipality (canonical spelling), subregion, sector, size (missing when unanswered)."""
    rank = _respondent_rank(survey, company_of)
    profile = pd.DataFrame(index=pd.Index(_sorted_companies(company_of), name="company_id", dtype="string"))
    for role in ("municipality", "sector", "size"):
        answers = survey.answers_to(role)
        # an open question's answer is its text ("ca 8 anställda", "Kokkola"): a choice's is its value
        answers = answers.loc[~answers["is_dont_know"].astype(bool)].assign(
            value=lambda a: a["value"].astype("string").fillna(a["text"].astype("string")))[["respondent_id", "value"]]
        values = _first_per_company(answers, company_of, rank)
        values = values.str.strip().replace("", pd.NA)
        found = _take(values, _lookup(values.index, profile.index))
        profile[role] = found.astype("string").set_axis(profile.index)
    size_question = survey.question("size")
    profile["size"] = size_classes(profile["size"], typed=size_question is not None
                                   and str(size_question["type"]) == "open")
    sector_question = survey.question("sector")
    profile["sector"] = one_sector_name(profile["sector"], params.get("sector_names", ()),
                                        [] if sector_question is None else list(sector_question["options"]))
    profile["municipality"] = canonical_municipalities(profile["municipality"], params["subregions"],
                                                       params.get("municipality_aliases", {}))
    region_of = subregion_of(params["subregions"])
    profile["subregion"] = profile["municipality"].map(region_of).astype("string")
    return profile


def one_sector_name(sectors: pd.Series, groups: Sequence[Sequence[str]], options: Sequence[str]) -> pd.Series:
    """``sectors`` with each name of a group of ``groups`` (one sector in fi / sv / en, ``[analysis]
    sector_names``) written as the group's first name when the question lists ``options`` (the sector question's; a
    language copy's answers make their labels options too), else as its most answered name (an open question);
    names of no group as they are."""
    from pipeline.analysis.stats import name_key

    listed = {name_key(o): str(o) for o in options}
    present = sectors.dropna().map(lambda v: name_key(str(v))).value_counts()
    written = {name_key(str(v)): str(v) for v in sectors.dropna()}
    to: dict[str, str] = {}
    for group in groups:
        keys = [name_key(str(n)) for n in group]
        # the survey's own label first, then the most answered (ties: the group's order, the Finnish name first)
        ranked = sorted(range(len(keys)), key=lambda i: (keys[i] not in listed, -present.get(keys[i], 0), i))
        best = keys[ranked[0]]
        if best not in listed and not present.get(best, 0):
            continue        # the survey neither offers nor has any name of the group
        target = listed.get(best) if best in listed and not present.get(best, 0) else written.get(best, listed.get(best))
        if listed:
            # a closed question: the group's own first name, whatever its companies answered, as the report names
            # it in its language anyway: named by its most answered label, a hidden sector whose companies all
            # answered the Swedish copy read "Byggande" in the public edition (QA round 41 F2)
            target = str(group[0])
        for key in keys:
            to[key] = target
    if not to:
        return sectors
    return sectors.map(lambda v: v if pd.isna(v) else to.get(name_key(str(v)), v)).astype("string")


# a size answer that is a class ("1–4", "50 tai enemmän", "yli 250", "alle 5") and one that is a head count
# ("12", "n. 8", "30 hlö", "yksinyrittäjä"): a count is put in the class whose range holds it
_RANGE = re.compile(r"^\D*?(\d+)\s*[-–—]\s*(\d+)\D*$")
_AT_LEAST = re.compile(r"^(?:yli|över|over|more than|min\.?|vähintään|minst)\s*(\d+)\D*$|^\D*?(\d+)\s*(?:\+$|tai "
                       r"enemmän|tai yli|eller fler|eller mer|or more|and more|and over|ja yli)\D*$")
_WITH_OWNER = re.compile(r"^(\d+)\s*\+\s*(?:omistaja|omistajat|yrittäjä|ägare|ägaren|owner|owners)$")
_BELOW = re.compile(r"^(?:alle|under|less than|fewer than|mindre än|färre än)\s*(\d+)\D*$")
_COUNT = re.compile(r"^(?:n\.?|noin|ca\.?|n|cirka|about|approx\.?|around|~)?\s*(\d+)\s*(?:hlö[a-zäö]*|henk[a-zäö.]*|"
                    r"työntekijä[a-zä]*|personer|person|anställda|st\.?|employees|people|staff)?$")
_ALONE = ("yksinyrittäjä", "yksin", "ensamföretagare", "soloföretagare", "sole trader", "self-employed",
          "freelancer", "toiminimi")
# the classes counts go into when the answers hold none (the EU's micro / small / medium / large, micro split)
_STANDARD_CLASSES = ((1, 4, "1–4"), (5, 9, "5–9"), (10, 49, "10–49"), (50, 249, "50–249"), (250, math.inf, "250+"))


def _class_range(label: str) -> tuple[float, float] | None:
    """(low, high) of a size class label, or None when the label is no class."""
    text = " ".join(str(label).lower().split())
    if (m := _RANGE.match(text)) is not None:
        return float(m.group(1)), float(m.group(2))
    if (m := _AT_LEAST.match(text)) is not None:
        return float(m.group(1) or m.group(2)), math.inf
    if (m := _BELOW.match(text)) is not None:
        return 0.0, float(m.group(1)) - 1
    return None


def _head_count(label: str) -> float | None:
    """The head count a size answer states ("12", "n. 8", "30 hlö"; a sole trader is 1), or None."""
    text = " ".join(str(label).lower().split())
    if any(word in text for word in _ALONE):
        return 1.0
    if (m := _WITH_OWNER.match(text)) is not None:
        return float(m.group(1)) + 1
    m = _COUNT.match(text)
    return float(m.group(1)) if m else None


def size_classes(sizes: pd.Series, typed: bool = False) -> pd.Series:
    """``sizes`` (a company's size answers) with each head count put in the class whose range holds it: the classes
    the answers themselves use, else 1–4, 5–9, 10–49, 50–249, 250+. QA round 23: counts typed by phone ("12",
    "n. 8", "yksinyrittäjä") were size classes of one company each beside the survey's classes. Other answers
    stay as written; nothing changes when no answer is a count. Answers ``typed`` as free text are no classes of
    the questionnaire: a range one company typed ("10-20 hlö") goes by its middle into the standard classes
    (QA round 30: it had become the survey's only size class, and every other answer a column of its own)."""
    values = sizes.dropna().astype(str)
    counts = {v: _head_count(v) for v in values.unique()}
    if typed:
        for v in values.unique():
            if counts[v] is None and (r := _class_range(v)) is not None:
                low, high = r
                counts[v] = (low + high) / 2 if high != math.inf else low
    if not any(c is not None for c in counts.values()):
        return sizes
    ranges = {} if typed else {v: r for v in values.unique() if (r := _class_range(v)) is not None}
    # the narrowest class that holds a count ("10–49" before "yli 5")
    classes = sorted(((low, high, label) for label, (low, high) in ranges.items()),
                     key=lambda c: (c[1] - c[0], c[0])) or list(_STANDARD_CLASSES)

    def placed(value: Any) -> Any:
        count = counts.get(str(value)) if not pd.isna(value) else None
        if count is None:
            return value
        return next((label for low, high, label in classes if low <= count <= high), value)

    return sizes.map(placed).astype("string")


def _option_order(survey: Survey, role: str) -> list[str]:
    """The question's option labels in publication order: as listed, except that size classes are put in
    order of their first number ("1", "2–5", "6–25", "yli 50"), since exports list them in any order."""
    question = survey.question(role)
    options = [] if question is None else [str(o).strip() for o in question["options"]]
    if role == "size":
        options = sorted(options, key=_first_number)  # stable: labels without a number keep their order, last
    return options


def _first_number(label: str) -> float:
    """The first whole number written in ``label`` (spaces ignored), or infinity."""
    found = re.search(r"\d+", str(label).replace(" ", ""))
    return float(found.group()) if found else math.inf


# --- company × theme ----------------------------------------------------------------------------------------

def company_themes(survey: Survey, coded: pd.DataFrame, company_of: pd.Series) -> pd.DataFrame:
    """Return one row per (company_id, theme) the company counts for, with where the placement came from.

    Options: each selected option of an interests question → the themes its label was coded into (not
    ``other``). Texts: each coded needs_text / attached other_text answer → every theme in its list.
    ``is_certain``: at least one placement does not rest on an unreviewed code below the review threshold (the
    label's or answer's ``uncertain_themes``).
    """
    questions = survey.questions
    interest_qids = set(questions.loc[questions["role"] == "interests", "question_id"])
    labels = coded[(coded["source"] == "option") & coded["question_id"].isin(interest_qids)]
    # (question, label key) → its themes; a label listed twice keeps its last coding
    label_themes = pd.DataFrame({
        "question_id": labels["question_id"].to_numpy(dtype=object), "key": name_keys(labels["text"]),
        "theme": [[x for x in ts if x != OTHER] for ts in _option_themes(labels)],
        "unsure": [list(u) for u in _uncertain(labels)],
    }).drop_duplicates(["question_id", "key"], keep="last").explode("theme").dropna(subset=["theme"])
    label_themes["is_certain"] = [t not in u for t, u in zip(label_themes["theme"], label_themes["unsure"])]
    picked = survey.answers[survey.answers["question_id"].isin(interest_qids)]
    from_options = pd.DataFrame({
        "respondent_id": picked["respondent_id"].to_numpy(dtype=object),
        "question_id": picked["question_id"].to_numpy(dtype=object), "key": name_keys(picked["item"]),
    }).merge(label_themes, on=["question_id", "key"], how="inner")
    answers = coded[coded["source"].isin(TEXT_SOURCES) & coded["question_id"].isin(_text_qids(questions))]
    from_text = pd.DataFrame({"respondent_id": answers["respondent_id"].to_numpy(dtype=object),
                              "theme": answers["themes"].to_numpy(),
                              "unsure": [list(u) for u in _uncertain(answers)]}
                             ).explode("theme").dropna(subset=["theme"])
    from_text["is_certain"] = [t not in u for t, u in zip(from_text["theme"], from_text["unsure"])]
    frame = pd.concat([
        from_options[["respondent_id", "theme", "is_certain"]].assign(is_from_options=True, is_from_text=False),
        from_text[["respondent_id", "theme", "is_certain"]].assign(is_from_options=False, is_from_text=True)],
        ignore_index=True)
    frame["company_id"] = _take(company_of, _lookup(company_of.index, frame["respondent_id"]))
    unknown = frame["company_id"].isna().sum()
    if unknown:
        log.warning("%d theme placements of respondents missing from the respondents table were dropped", unknown)
    frame = frame.dropna(subset=["company_id"]).astype({"company_id": "string", "theme": "string"})
    out = (frame.groupby(["company_id", "theme"], sort=True)[["is_from_options", "is_from_text", "is_certain"]]
           .any().reset_index())
    return schemas.conform(out, "company_themes")


def _option_themes(labels: pd.DataFrame) -> list[list[str]]:
    """Per option label row of ``labels`` (coded ``source == "option"`` rows): its themes, less any other theme
    that another option of the same question has as its main theme. A company ticking "Verkkokauppa ja
    digitaalinen myynti" beside an option "Myynti ja asiakashankinta" it left unticked did not ask for sales
    (QA round 24: sales 25 of 27 companies where 17 ticked it); "Myynti ja vienti" in a list with no export
    option still counts for both. A label an analyst reviewed keeps every reviewed theme: the review decides
    (QA round 32: "Vienti" reviewed export and sales counted its 10 companies for export alone)."""
    mains: dict[Any, list[str]] = {}
    for qid, main in zip(labels["question_id"], labels["theme"].astype(str)):
        mains.setdefault(qid, []).append(main)
    reviewed = labels["reviewed"].fillna(False).astype(bool) if "reviewed" in labels.columns \
        else pd.Series(False, index=labels.index)
    out = []
    for qid, main, themes, by_analyst in zip(labels["question_id"], labels["theme"].astype(str), labels["themes"],
                                             reviewed):
        others = set() if by_analyst else set(mains[qid]) - {main}
        out.append([t for t in _listed_themes(themes) if t == main or t not in others])
    return out


def _listed_themes(themes: Any) -> list[str]:
    """A ``themes`` cell as a list of slugs."""
    if isinstance(themes, str):
        return [t for t in themes.split(";") if t]
    return [] if themes is None else [str(t) for t in themes]


def _uncertain(coded: pd.DataFrame) -> pd.Series:
    """The coded rows' ``uncertain_themes`` (empty lists for a frame coded before the review loop existed)."""
    if "uncertain_themes" in coded.columns:
        return coded["uncertain_themes"]
    return pd.Series([[] for _ in range(len(coded))], index=coded.index, dtype=object)


def _membership_matrix(membership: pd.DataFrame, companies: pd.Index, themes: Sequence[str]) -> np.ndarray:
    """companies × themes boolean matrix (rows in ``companies`` order, columns in ``themes`` order)."""
    matrix = np.zeros((len(companies), len(themes)), dtype=bool)
    row = _lookup(companies, membership["company_id"])
    col = _lookup(list(themes), membership["theme"])
    known = (row >= 0) & (col >= 0)  # companies or themes outside the frame are left out
    matrix[row[known], col[known]] = True
    return matrix


# --- ranking ------------------------------------------------------------------------------------------------

def min_ranks(counts: np.ndarray) -> np.ndarray:
    """Competition ("min") ranks along the last axis, highest count = 1; ties share the best rank."""
    counts = np.asarray(counts)
    return 1 + (counts[..., None, :] > counts[..., :, None]).sum(axis=-1)


def rank_bootstrap(matrix: np.ndarray, samples: int, seed: int, top_k: int,
                   confidence: float) -> pd.DataFrame:
    """Return per theme (column of ``matrix``): ``rank`` (observed, min rank), ``rank_low``, ``rank_high``
    (bootstrap percentile interval at ``confidence``) and ``p_top`` (share of resamples in which the theme is
    ranked ≤ top_k and chosen by at least one company).

    Resamples companies (rows) with replacement ``samples`` times from ``numpy.random.default_rng(seed)``,
    through the companies' distinct membership patterns: ``np.unique(matrix, axis=0)`` gives K ≤ 2**themes
    patterns with counts c_1..c_K, and the number of draws of each pattern in a resample of n rows is
    multinomial(n, c/n) — the same distribution as resampling the rows themselves. So each resample is one
    multinomial weight vector over the K patterns (``rng.multinomial(n, c/n, size=...)``) times the K × themes
    pattern matrix, so the resampling cost does not grow with n. The draws differ from those of a multinomial
    over the n rows with the same seed (an interval end can move by one rank, ``p_top`` by sampling noise),
    not in distribution. Patterns come sorted (``np.unique``), so the result does not depend on the row order
    of ``matrix``. Processed in blocks to bound memory.
    """
    n, themes = matrix.shape
    observed = min_ranks(matrix.sum(axis=0))
    if n == 0 or themes == 0:
        nan = np.full(themes, np.nan)
        return pd.DataFrame({"rank": observed if n else nan, "rank_low": nan, "rank_high": nan, "p_top": nan})
    rng = np.random.default_rng(seed)
    patterns, pattern_counts = np.unique(np.asarray(matrix, dtype=bool), axis=0, return_counts=True)
    pattern_p = pattern_counts / n
    block = max(1, min(samples, 4_000_000 // max(len(patterns), themes * themes)))
    ranks = np.empty((samples, themes), dtype=np.int32)
    chosen = np.empty((samples, themes), dtype=bool)
    values = patterns.astype(np.float64)
    for start in range(0, samples, block):
        size = min(block, samples - start)
        counts = rng.multinomial(n, pattern_p, size=size) @ values
        ranks[start:start + size] = min_ranks(counts)
        chosen[start:start + size] = counts > 0
    alpha = 1.0 - confidence
    return pd.DataFrame({
        "rank": observed,
        "rank_low": np.percentile(ranks, 100 * alpha / 2, axis=0, method="lower"),
        "rank_high": np.percentile(ranks, 100 * (1 - alpha / 2), axis=0, method="higher"),
        # a theme no company of the resample chose is in no top, though it ties for a rank there: themes nobody
        # named read "probably among the top 3: 100 %" beside the one theme named (QA round 12)
        "p_top": ((ranks <= top_k) & chosen).mean(axis=0),
    })


def paired_differences(matrix: np.ndarray, confidence: float) -> pd.DataFrame:
    """Every pair of columns (themes) compared over the same companies (rows): ``a, b`` (column positions,
    a < b), ``n_ab`` (companies in a, not in b), ``n_ba``, ``diff`` (share of a minus share of b), its interval
    ``diff_low``/``diff_high``, the exact McNemar p-value ``p`` and ``p_holm`` (Holm-adjusted over every pair,
    for a reader comparing pairs one by one; the tiers adjust over their boundaries instead).

    The exact McNemar test is the binomial test of ``n_ab`` out of the ``n_ab + n_ba`` discordant companies
    against 1/2, two-sided by doubling the smaller tail; the interval is the Clopper-Pearson interval of that
    binomial proportion carried over to the difference (``(n_ab - n_ba) / n`` given the discordant count), so
    it excludes 0 exactly when ``p < 1 - confidence``. Deterministic: no resampling, no seed.
    """
    from scipy.stats import beta, binom

    n, k = matrix.shape
    m = np.asarray(matrix, dtype=bool)
    rows = []
    alpha = 1.0 - confidence
    for a in range(k):
        for b in range(a + 1, k):
            n_ab = int((m[:, a] & ~m[:, b]).sum())
            n_ba = int((~m[:, a] & m[:, b]).sum())
            d = n_ab + n_ba
            if d == 0:
                p, lo, hi = 1.0, 0.5, 0.5
            else:
                p = float(min(1.0, 2 * min(binom.cdf(n_ab, d, 0.5), binom.sf(n_ab - 1, d, 0.5))))
                lo = float(beta.ppf(alpha / 2, n_ab, d - n_ab + 1)) if n_ab > 0 else 0.0
                hi = float(beta.ppf(1 - alpha / 2, n_ab + 1, d - n_ab)) if n_ab < d else 1.0
            scale = d / n if n else 0.0
            rows.append((a, b, n_ab, n_ba, (n_ab - n_ba) / n if n else np.nan, scale * (2 * lo - 1),
                         scale * (2 * hi - 1), p))
    frame = pd.DataFrame(rows, columns=["a", "b", "n_ab", "n_ba", "diff", "diff_low", "diff_high", "p"])
    frame["p_holm"] = holm(frame["p"].to_numpy())
    return frame


def holm(p: np.ndarray) -> np.ndarray:
    """Holm step-down adjusted p-values (same order as ``p``)."""
    p = np.asarray(p, dtype=float)
    order = np.argsort(p, kind="stable")
    adjusted = np.minimum(1.0, np.maximum.accumulate(p[order] * (len(p) - np.arange(len(p)))))
    out = np.empty_like(p)
    out[order] = adjusted
    return out


def tiers(matrix: np.ndarray, confidence: float) -> list[int]:
    """Tier of each theme, themes (columns of ``matrix``) given in rank order.

    A boundary between two neighbours in rank order says "every theme above is wanted by more companies than
    every theme below". Each such claim is tested over the same companies: its p-value is the largest exact
    McNemar p-value (``paired_differences``) of the pairs it separates (an intersection-union test: the claim
    holds only if each pair's difference does), and the claims of the k - 1 possible boundaries are
    Holm-adjusted together; a boundary is drawn where its adjusted p-value is below ``1 - confidence``. So no
    boundary separates two themes whose paired difference interval contains 0, and the tiers do not depend on
    any random seed."""
    k = matrix.shape[1]
    if k == 0:
        return []
    pairs = paired_differences(matrix, confidence)
    p = np.ones((k, k))
    ordered = pairs["diff"].to_numpy() > 0
    p[pairs["a"].to_numpy()[ordered], pairs["b"].to_numpy()[ordered]] = pairs["p"].to_numpy()[ordered]
    claims = np.array([p[:cut, cut:].max() for cut in range(1, k)])
    drawn = holm(claims) < 1.0 - confidence if len(claims) else np.array([], dtype=bool)
    return (1 + np.concatenate([[0], np.cumsum(drawn)])).astype(int).tolist()


def theme_ranking(membership: pd.DataFrame, companies: pd.Index, names: Mapping[str, str],
                  params: Mapping) -> pd.DataFrame:
    """Return ``theme_ranking``: per theme the companies placed there, share of responding companies with
    its Wilson interval, observed rank, bootstrap rank interval, ``p_top`` and tier; ``other`` unranked, last.

    ``companies_uncertain``: of the companies, those placed there only through unreviewed codes below the
    review threshold (``is_certain`` false in ``membership``). The interval spans both readings of them: the
    Wilson lower bound without them, the upper bound with them."""
    themes = list(names)
    matrix = _membership_matrix(membership, companies, themes)
    certain = membership[membership["is_certain"]] if "is_certain" in membership.columns else membership
    sure = _membership_matrix(certain, companies, themes)
    n = len(companies)
    counts = matrix.sum(axis=0)
    low = wilson_interval(sure.sum(axis=0), np.full(len(themes), n), params["confidence"])[0]
    high = wilson_interval(counts, np.full(len(themes), n), params["confidence"])[1]
    frame = pd.DataFrame({"theme": themes, "theme_name": [names[t] for t in themes], "companies": counts,
                          "companies_uncertain": counts - sure.sum(axis=0), "respondents": n,
                          "share": counts / n if n else np.nan, "ci_low": low, "ci_high": high})
    ranked = [i for i, t in enumerate(themes) if t != OTHER]
    boot = rank_bootstrap(matrix[:, ranked], int(params["bootstrap_samples"]), int(params["seed"]),
                          int(params["top_k"]), float(params["confidence"]))
    for column in boot.columns:
        frame[column] = np.nan
        frame.loc[ranked, column] = boot[column].to_numpy()
    frame["is_other"] = frame["theme"] == OTHER
    frame = frame.sort_values(["is_other", "rank", "theme"], kind="stable").drop(columns="is_other")
    frame["tier"] = pd.NA
    has_rank = frame["rank_low"].notna()
    in_order = [themes.index(t) for t in frame.loc[has_rank, "theme"]]
    frame.loc[has_rank, "tier"] = tiers(matrix[:, in_order], float(params["confidence"]))
    return schemas.conform(frame.reset_index(drop=True), "theme_ranking")


# --- segments -----------------------------------------------------------------------------------------------

def _segment_memberships(profile: pd.DataFrame, subregions: Mapping[str, Sequence[str]],
                         params: Mapping, order: Mapping[str, list[str]]) -> list[tuple[str, str, str, pd.Index]]:
    """(segment_type, segment, members, company ids) for every segment, in publication order."""
    out = []
    municipalities = profile["municipality"].dropna()
    bases = municipalities.value_counts().to_dict()
    merged = municipalities.map(municipality_segments(bases, subregions, int(params["min_base"])))
    names = municipalities.to_numpy(dtype=object)
    # a pool of a sub-region lists every municipality the config gives it but those shown on their own, not only
    # the ones that answered: a list of the answering ones published that a municipality's only firm took part
    # (QA round 24)
    apart = {m for m, segment in zip(names, merged) if m == segment}
    for segment, at in sorted(_positions(merged).items()):
        members = set(names[at])
        if segment in subregions and segment not in apart:
            members |= set(subregions[segment]) - apart
        out.append(("municipality", segment, ";".join(sorted(members)), merged.index[at]))
    regions = profile["subregion"]
    in_region = regions.notna().to_numpy()
    regions, region_names = regions[in_region], profile["municipality"].to_numpy(dtype=object)[in_region]
    for segment, at in sorted(_positions(regions).items()):  # by name, like the municipality-level segments
        members = {m for m in region_names[at] if isinstance(m, str)} | set(subregions.get(segment, ()))
        out.append(("subregion", segment, ";".join(sorted(members)), regions.index[at]))
    for kind in ("sector", "size"):
        values = profile[kind].dropna()
        groups = _positions(values)
        known = [o for o in order.get(kind, []) if o in groups]
        # size classes the options do not list (counts put in classes, size_classes) in order of their numbers
        rest = sorted(set(groups) - set(known), key=(lambda s: (_first_number(s), s)) if kind == "size" else None)
        for segment in known + rest:
            out.append((kind, segment, pd.NA, values.index[groups[segment]]))
    return out


def _positions(values: pd.Series) -> dict:
    """Each distinct (non-missing) value of ``values`` → the positions where it occurs, in order."""
    codes, uniques = pd.factorize(values)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    return {value: order[bounds[i]:bounds[i + 1]] for i, value in enumerate(uniques)}


def _publish(frame: pd.DataFrame, params: Mapping) -> pd.DataFrame:
    """Every cell with its share and Wilson interval, nothing hidden yet (``suppressed`` false): what is hidden
    is decided over all the tables of the edition at once (``pipeline.disclosure.published``)."""
    counts = frame["companies"].to_numpy(dtype=float)
    bases = frame["base"].to_numpy(dtype=float)
    low, high = wilson_interval(counts, bases, params["confidence"])
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(bases > 0, counts / np.where(bases > 0, bases, 1), np.nan)
    return frame.assign(share=share, ci_low=low, ci_high=high, suppressed=False)


def theme_by_segment(membership: pd.DataFrame, profile: pd.DataFrame, themes: Mapping[str, str],
                     subregions: Mapping[str, Sequence[str]], params: Mapping,
                     segment_order: Mapping[str, list[str]] | None = None, raw: bool = False) -> pd.DataFrame:
    """Return ``theme_by_segment``: companies per theme within each municipality (small ones merged into
    their sub-region), sub-region, sector and size class, with disclosure control applied. ``themes`` maps
    slug to name, in the order the rows should follow (``theme_ranking`` order).

    Cells are hidden by ``pipeline.disclosure.published`` (``raw``: every figure kept, for the caller to
    hide over all tables of the edition at once, the theme totals of ``theme_ranking`` included).
    """
    segments = _segment_memberships(profile, subregions, params, segment_order or {})
    # companies × themes membership; a segment's count per theme is the column sum over its companies' rows
    companies = pd.Index(profile.index.unique())
    matrix = _membership_matrix(membership, companies, list(themes)).astype(np.int64)
    rows = []
    for kind, segment, members, ids in segments:
        counts = matrix[companies.get_indexer(ids)].sum(axis=0)
        rows += [(kind, segment, members, theme, name, int(count), len(ids))
                 for (theme, name), count in zip(themes.items(), counts)]
    frame = pd.DataFrame(rows, columns=["segment_type", "segment", "members", "theme", "theme_name", "companies",
                                        "base"])
    if frame.empty:
        return schemas.empty("theme_by_segment")
    out = _publish(frame, params)
    if not raw:
        out = published({"theme_by_segment": schemas.conform(out, "theme_by_segment")}, params)["theme_by_segment"]
    return schemas.conform(out, "theme_by_segment")


# --- open answers and options -------------------------------------------------------------------------------

def open_theme_share(coded: pd.DataFrame, needs_text_qids: set[str], names: Mapping[str, str],
                     params: Mapping) -> pd.DataFrame:
    """Return ``open_theme_share``: per theme, the open needs answers whose themes include it, out of every
    coded open needs answer (answers, not companies), with Wilson intervals; most frequent first."""
    answers = coded[(coded["source"] == "open") & coded["question_id"].isin(needs_text_qids)]
    n = len(answers)
    # answers whose list holds the theme (an answer counts once even if its list repeats a theme)
    listed = answers["themes"].reset_index(drop=True).explode().dropna()
    pairs = pd.DataFrame({"answer": listed.index.to_numpy(), "theme": listed.to_numpy(dtype=object)})
    per_theme = pairs.drop_duplicates()["theme"].value_counts().to_dict()
    counts = [int(per_theme.get(theme, 0)) for theme in names]
    low, high = wilson_interval(counts, np.full(len(counts), n), params["confidence"])
    frame = pd.DataFrame({"theme": list(names), "theme_name": list(names.values()), "answers": counts, "n": n,
                          "share": np.array(counts) / n if n else np.nan, "ci_low": low, "ci_high": high})
    frame = frame.sort_values(["answers", "theme"], ascending=[False, True], kind="stable")
    return schemas.conform(frame.reset_index(drop=True), "open_theme_share")


def option_counts(survey: Survey, coded: pd.DataFrame, params: Mapping) -> pd.DataFrame:
    """Return ``option_counts``: per option of each interests question (in the question's option order,
    then options seen only in the answers), respondents selecting it out of respondents who selected any
    option of that question, Wilson interval, and the themes its label was coded into."""
    rows = []
    labels = coded[coded["source"] == "option"]
    for _, question in survey.questions_with_role("interests").iterrows():
        qid = question["question_id"]
        picked = survey.answers[survey.answers["question_id"] == qid]
        base = picked["respondent_id"].nunique()
        options = [str(o) for o in question["options"]]
        seen = {name_key(o) for o in options}
        keys = name_keys(picked["item"])
        items = pd.DataFrame({"item": picked["item"].to_numpy(dtype=object), "key": keys}).dropna(subset=["item"])
        items = items.drop_duplicates("item")
        extra = sorted({str(i) for i, k in zip(items["item"], items["key"]) if k not in seen})
        here = labels[labels["question_id"] == qid]
        label_themes = dict(zip(name_keys(here["text"]), (";".join(ts) for ts in _option_themes(here))))
        # respondents per label key (a respondent counts once per key)
        selecting = pd.Series(picked["respondent_id"].to_numpy(dtype=object)).groupby(keys).nunique().to_dict()
        for option in options + extra:
            key = name_key(option)
            rows.append((qid, option, selecting.get(key, 0), base, label_themes.get(key, "")))
    frame = pd.DataFrame(rows, columns=["question_id", "option", "respondents", "base", "themes"])
    if frame.empty:
        return schemas.empty("option_counts")
    low, high = wilson_interval(frame["respondents"], frame["base"], params["confidence"])
    frame = frame.assign(share=np.where(frame["base"] > 0, frame["respondents"] / frame["base"].clip(lower=1),
                                        np.nan), ci_low=low, ci_high=high)
    return schemas.conform(frame, "option_counts")


def option_ranking(survey: Survey, coded: pd.DataFrame, company_of: pd.Series, names: Mapping[str, str],
                   params: Mapping) -> pd.DataFrame:
    """Return ``option_ranking``: per option of each interests question, the **companies** that chose it (a
    company whose several respondents answered counts once: it chose an option when any of them did) out of
    the companies that chose any option of the question, Wilson interval, and the workshop theme the option's
    label was coded into (its main theme, ``other`` when none); every option listed (0 when nobody chose it),
    most chosen first within each question."""
    rows = []
    labels = coded[coded["source"] == "option"]
    for _, question in survey.questions_with_role("interests").iterrows():
        qid = question["question_id"]
        picked = survey.answers[survey.answers["question_id"] == qid]
        companies = _take(company_of, _lookup(company_of.index, picked["respondent_id"]))
        keys = name_keys(picked["item"])
        chosen = pd.DataFrame({"company": companies.to_numpy(dtype=object), "key": keys}).dropna()
        base = chosen["company"].nunique()
        selecting = chosen.drop_duplicates().groupby("key")["company"].nunique().to_dict()
        options = [str(o) for o in question["options"]]
        seen = {name_key(o) for o in options}
        extra = sorted({str(i) for i, k in zip(picked["item"].dropna(), name_keys(picked["item"].dropna()))
                        if k not in seen})
        here = labels[labels["question_id"] == qid]
        main_theme = dict(zip(name_keys(here["text"]), here["theme"].astype(str)))
        for option in options + extra:
            key = name_key(option)
            theme = main_theme.get(key, OTHER)
            rows.append((qid, option, theme, names.get(theme, theme), selecting.get(key, 0), base))
    frame = pd.DataFrame(rows, columns=["question_id", "option", "theme", "theme_name", "companies", "base"])
    if frame.empty:
        return schemas.empty("option_ranking")
    low, high = wilson_interval(frame["companies"], frame["base"], params["confidence"])
    frame = frame.assign(share=np.where(frame["base"] > 0, frame["companies"] / frame["base"].clip(lower=1),
                                        np.nan), ci_low=low, ci_high=high)
    order = {qid: n for n, qid in enumerate(dict.fromkeys(frame["question_id"]))}
    frame = frame.sort_values(["question_id", "companies", "option"], key=lambda c: c.map(order)
                              if c.name == "question_id" else (-c if c.name == "companies" else c), kind="stable")
    return schemas.conform(frame.reset_index(drop=True), "option_ranking")


# --- Likert grids -------------------------------------------------------------------------------------------

def _median_label(median: float, scale: Sequence[str]) -> str:
    if math.isnan(median):
        return ""
    lo, hi = math.floor(median), math.ceil(median)
    label = (lambda s: scale[s - 1] if 1 <= s <= len(scale) else f"{s:g}")
    return label(lo) if lo == hi else f"{label(lo)} / {label(hi)}"


def likert_tables(survey: Survey, params: Mapping,
                  company_of: pd.Series | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (``likert_summary``, ``likert_distribution``) for every competence grid.

    Per statement (in order of first appearance): n on the scale, don't-know answers beside, top-box count
    (the highest ``top_box`` points) with a Wilson interval, median score and label; and the count and share
    of every scale label (zero counts included) plus a don't-know row when there are such answers. With
    ``company_of`` the unit is the company, as for the theme shares: a company that answered twice counts once,
    with its earliest respondent's answer to each statement.
    """
    rank = None if company_of is None else _respondent_rank(survey, company_of)
    summary_rows, dist_rows = [], []
    top_box = int(params["top_box"])
    for _, question in survey.questions_with_role("competence").iterrows():
        qid, text = question["question_id"], question["text"]
        scale = [str(o) for o in question["options"]]
        answers = survey.answers[survey.answers["question_id"] == qid]
        if rank is not None:
            answers = _per_company(answers, company_of, rank)
        # without scale labels in the export, the highest score seen is the top of the scale
        k = len(scale) if scale else int(answers["score"].max()) if answers["score"].notna().any() else 0
        # one don't-know label for the grid, its most written (the master's, where a language copy wrote its own):
        # a statement's own "vet inte" beside another's "en osaa sanoa" told that its hidden 1-2 don't-know
        # answers came from the Swedish copy (QA round 39)
        said = answers.loc[answers["is_dont_know"].astype(bool), "value"].dropna().astype(str).mode()
        dont_know = said.iloc[0] if len(said) else ""
        for item in pd.unique(answers["item"]):
            rows = answers[answers["item"] == item]
            dk = rows[rows["is_dont_know"].astype(bool)]
            scores = rows.loc[~rows["is_dont_know"].astype(bool), "score"].dropna()
            n, n_dk = len(scores), len(dk)
            top = int((scores >= k - top_box + 1).sum())
            median = float(scores.median()) if n else float("nan")
            summary_rows.append((qid, text, item, n, n_dk, top, median, _median_label(median, scale)))
            for score in range(1, k + 1):
                label = scale[score - 1] if score <= len(scale) else f"{score}"
                count = int((scores == score).sum())
                dist_rows.append((qid, text, item, label, float(score), False, count, n))
            if n_dk:
                dist_rows.append((qid, text, item, dont_know, np.nan, True, n_dk, n + n_dk))
    summary = pd.DataFrame(summary_rows, columns=["question_id", "question", "item", "n", "n_dont_know", "top2",
                                                  "median_score", "median_label"])
    if summary.empty:
        return schemas.empty("likert_summary"), schemas.empty("likert_distribution")
    low, high = wilson_interval(summary["top2"], summary["n"], params["confidence"])
    summary = summary.assign(share=np.where(summary["n"] > 0, summary["top2"] / summary["n"].clip(lower=1),
                                            np.nan), ci_low=low, ci_high=high)
    dist = pd.DataFrame(dist_rows, columns=["question_id", "question", "item", "label", "score", "is_dont_know",
                                            "count", "base"])
    dist["share"] = np.where(dist["base"] > 0, dist["count"] / dist["base"].clip(lower=1), np.nan)
    return schemas.conform(summary, "likert_summary"), schemas.conform(dist, "likert_distribution")


# --- export readiness ---------------------------------------------------------------------------------------

def export_category(label, params: Mapping) -> str | None:
    """``yes``, ``maybe`` or ``no`` when the label is, or starts with, a word of ``export_<answer>``."""
    if not isinstance(label, str):
        return None
    key = name_key(label)
    for answer in EXPORT_ANSWERS:
        for word in params[f"export_{answer}"]:
            word = name_key(word)
            if key == word or (key.startswith(word) and not key[len(word)].isalnum()):
                return answer
    return None


def unread_export_answers(survey: Survey, params: Mapping) -> pd.DataFrame:
    """The export question's answers that are none of yes / maybe / no (``[analysis] export_*``) (schema
    ``input_problems``, ``unread_export_answer``: per answer, its rows): such companies are out of the export
    figures, which the log alone had said (QA round 29: five firms answering "Vi exporterar redan")."""
    question = survey.question("export")
    if question is None:
        return schemas.records("input_problems", [])
    answers = survey.answers_to("export")
    answers = answers[~answers["is_dont_know"].astype(bool) & answers["value"].notna()]
    rows_of = dict(zip(survey.respondents["respondent_id"], survey.respondents["source_row"]))
    rows = []
    from pipeline.ingest.qtypes import is_dont_know

    for value, group in answers.groupby("value", sort=True):
        # "Vet inte" is out of the base as a don't-know is: no word to add
        if export_category(value, params) is None and not is_dont_know(str(value)):
            at = sorted({int(rows_of[r]) for r in group["respondent_id"] if not pd.isna(rows_of.get(r))})
            rows.append({"source": survey.source, "problem": "unread_export_answer", "workshop_id": "",
                         "value": str(value), "meant": "", "rows": ", ".join(str(r) for r in at)})
    return schemas.records("input_problems", rows)


def export_readiness(survey: Survey, company_of: pd.Series, profile: pd.DataFrame,
                     params: Mapping, raw: bool = False) -> pd.DataFrame:
    """Return ``export_readiness``: companies answering yes / maybe / no to the export question, overall
    and by sector and size class, with disclosure control (row margins = segment base, column margins =
    overall counts; ``raw``: nothing hidden yet, see ``theme_by_segment``)."""
    question = survey.question("export")
    if question is None:
        return schemas.empty("export_readiness")
    answers = survey.answers_to("export")
    answers = answers[~answers["is_dont_know"].astype(bool)]
    # one reading per distinct label; missing values find no key in the mapping and stay unread
    # (an answer that is none of them stays out of the base; ``unread_export_answers`` says so)
    category = answers["value"].map({v: export_category(v, params) for v in pd.unique(answers["value"].dropna())})
    level = category.map({a: i for i, a in enumerate(EXPORT_ANSWERS)})
    company = _take(company_of, _lookup(company_of.index, answers["respondent_id"])).set_axis(answers.index)
    frame = pd.DataFrame({"company_id": company, "level": level}).dropna()
    # a company with several respondents takes its most positive answer (lowest level)
    company_level = frame.groupby("company_id")["level"].min()
    answer_code = company_level.to_numpy(dtype=np.int64)
    segments = [(ALL, ALL, np.arange(len(company_level)))]  # positions in company_level
    for kind in ("sector", "size"):
        groups = _positions(_take(profile[kind], _lookup(profile.index, company_level.index)))
        known = [o for o in _option_order(survey, kind) if o in groups]
        for segment in known + sorted(set(groups) - set(known)):
            segments.append((kind, segment, groups[segment]))
    rows = [(kind, segment, answer, int(count), len(at))
            for kind, segment, at in segments
            for answer, count in zip(EXPORT_ANSWERS, np.bincount(answer_code[at], minlength=len(EXPORT_ANSWERS)))]
    cells = pd.DataFrame(rows, columns=["segment_type", "segment", "answer", "companies", "base"])
    out = _publish(cells, params)
    out["question"] = question["text"]
    out = schemas.conform(out, "export_readiness")
    return out if raw else published({"export_readiness": out}, params)["export_readiness"]


# --- need vs competence, quotes -----------------------------------------------------------------------------

def need_vs_competence(ranking: pd.DataFrame, summary: pd.DataFrame, coded: pd.DataFrame) -> pd.DataFrame:
    """Return ``need_vs_competence``: each ranked theme's demand share and interval beside the top-box share
    of every competence statement whose text (``source == "item"``) was coded into that theme (main theme)."""
    items = coded[(coded["source"] == "item") & (coded["theme"] != OTHER)]
    item_theme = {(q, name_key(t)): theme for q, t, theme in zip(items["question_id"], items["text"], items["theme"])}
    stated = summary.assign(theme=[item_theme.get((q, name_key(i))) for q, i in
                                   zip(summary["question_id"], summary["item"])]).dropna(subset=["theme"])
    stated = stated.rename(columns={"n": "competence_n", "top2": "competence_top2", "share": "competence_share",
                                    "ci_low": "competence_ci_low", "ci_high": "competence_ci_high"})
    demand = ranking[ranking["theme"] != OTHER].rename(
        columns={"share": "demand_share", "ci_low": "demand_ci_low", "ci_high": "demand_ci_high"})
    demand = demand.assign(_order=np.arange(len(demand)))
    frame = demand.merge(stated.astype({"theme": "string"}), on="theme", how="inner")
    frame = frame.sort_values(["_order", "question_id", "item"], kind="stable")
    return schemas.conform(frame[list(schemas.NEED_VS_COMPETENCE)].reset_index(drop=True), "need_vs_competence")


def quotes(ranking: pd.DataFrame, coded: pd.DataFrame, text_qids: set[str], params: Mapping) -> pd.DataFrame:
    """Return ``quotes``: for each tier-1 theme (rank order) up to ``quotes_per_theme`` open answers whose
    main theme it is, at least ``quote_min_words`` words long, highest confidence first (ties: text_id); an
    answer several companies wrote word for word is quoted once."""
    leaders = ranking.loc[ranking["tier"] == 1, "theme"]
    # only answers whose main theme is a tier-1 theme can be quoted: count words on those alone
    answers = coded[coded["source"].isin(TEXT_SOURCES) & coded["question_id"].isin(text_qids)
                    & coded["theme"].isin(leaders)]
    words = answers["text"].fillna("").str.split().str.len()
    answers = answers[words >= int(params["quote_min_words"])]
    # an answer with removed contact details ("soittakaa [phone] tai [email]") is quoted after the others
    answers = answers.assign(_removed=answers["text"].map(removes_something)).sort_values(
        ["_removed", "confidence", "text_id"], ascending=[True, False, True], kind="stable")
    rows = []
    for theme, name in zip(ranking.loc[ranking["tier"] == 1, "theme"], ranking.loc[ranking["tier"] == 1, "theme_name"]):
        candidates = answers[answers["theme"] == theme]
        # the same words twice tell the reader nothing new (case and spacing aside)
        picked = candidates[~candidates["text"].map(fold).duplicated()].head(int(params["quotes_per_theme"]))
        for number, (_, row) in enumerate(picked.iterrows(), start=1):
            rows.append((theme, name, number, row["text_id"], row["text"], row["lang"], row["confidence"]))
    frame = pd.DataFrame(rows, columns=list(schemas.QUOTES))
    return schemas.empty("quotes") if frame.empty else schemas.conform(frame, "quotes")
