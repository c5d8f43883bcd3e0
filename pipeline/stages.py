"""Every stage of a run, each a pure function named after what it returns, and the graph they make (``GRAPH``).

A stage's parameters are named after the tables (or settings) it reads; ``pipeline.graph`` connects them by
those names, so this module is the one place that says what is computed from what. The run inputs (what the
runner provides from the settings) are:

=================== ==================================================================================
``needs_source``     the needs survey's ``SurveySource`` (None: no needs survey; the WP1 stages are skipped)
``feedback_sources`` the feedback surveys' ``SurveySource`` tuple (None when the config has no WP3 input)
``impact_source``    the impact survey's ``SurveySource`` or None
``register_file``    the workshop register's path or None
``needs_taxonomy``, ``feedback_taxonomy``  loaded taxonomies (``pipeline.coding.taxonomy.Taxonomy``)
``ingest``, ``coding``, ``analysis``       the merged settings sections
``review_file``      the analyst's coding review workbook or None (``[coding] review``)
``attendance_file``  the attendance list or None (``[attendance] file``)
``services_file``    the service-provider catalogue or None (``[services] file``)
``previous_edition`` the previous public edition's bases or None (``[analysis] previous_public``)
``lang``, ``pseudonym_key``, ``config_path``, ``run_date``, ``lemmatiser`` (voikko or simplemma)
=================== ==================================================================================

The tables each multi-table stage returns, and where each is written and shown, are listed once in
``pipeline.outputs``; the graph below takes its outputs from there.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from pipeline import outputs
from pipeline.config import SurveySource
from pipeline.graph import Graph, Stage, stage
from pipeline.schemas import conform, empty
from pipeline.survey import Survey

OTHER = "other"


# --- ingest: files → surveys (the edge where bytes become tables) ---------------------------------------------

def _survey(source: SurveySource, kind: str, ingest: Mapping, pseudonym_key: bytes, config_path: Any,
            register: pd.DataFrame | None = None) -> Survey:
    """One survey export read and typed, its analysis roles assigned and the types they decide settled (a feedback
    rating asked on a longer scale than 1-5 loses its role); with the workshop register, a multi-choice question
    listing its workshops is the attendance question, however worded."""
    from pipeline.analysis.feedback import with_longer_scales_apart
    from pipeline.analysis.linking import with_attendance_by_options
    from pipeline.ingest import read_survey
    from pipeline.roles import assign_roles, settled

    survey = read_survey(source.path, spec=source.spec, key=pseudonym_key, params=ingest, exclude=source.exclude,
                         source=str(config_path))
    questions = assign_roles(survey.questions, kind, source.roles, source=str(config_path),
                             settled_by_config=("workshop",) if source.workshop_id else (), file=survey.source)
    survey = settled(survey.with_roles(questions), float(ingest["contact_notes_share"]))
    if kind == "needs":
        return survey
    if kind == "feedback":
        survey = with_longer_scales_apart(survey)
    return with_attendance_by_options(survey, register, float(ingest["attendance_title_share"]), source.roles)


def needs_survey(needs_source: SurveySource, ingest: Mapping, pseudonym_key: bytes, config_path: Any) -> Survey:
    """The needs survey (WP1), read and typed, roles assigned."""
    return _survey(needs_source, "needs", ingest, pseudonym_key, config_path)


def feedback_survey(feedback_source: SurveySource, ingest: Mapping, pseudonym_key: bytes, config_path: Any,
                    workshop_register: pd.DataFrame | None = None) -> tuple[str | None, Survey]:
    """One workshop feedback survey with the workshop id the config gives it (None: a column names it), spelt
    as the register spells it where only the case differs ("w16" for "W16", QA round 15)."""
    survey = _survey(feedback_source, "feedback", ingest, pseudonym_key, config_path, workshop_register)
    _refuse_without_feedback_question(survey, feedback_source)
    return _register_spelling(feedback_source.workshop_id, workshop_register), survey


# the feedback roles that make a file a feedback survey: a rating or a comment (not the workshop or language)
FEEDBACK_QUESTION_ROLES = ("satisfaction", "usefulness", "practicality", "recommend", "good_text", "improve_text",
                           "comment_text")


def _refuse_without_feedback_question(survey: Survey, source: SurveySource) -> None:
    """Raise ``InputError`` when no question of ``survey`` takes a feedback role: a meeting note, the register or
    a PDF named as a workshop's feedback export had its lines counted as responses (QA round 25: the headline's
    response rate moved from 45 to 37 of 77 participants, with no warning)."""
    from pipeline.errors import InputError

    if survey.questions["role"].isin(FEEDBACK_QUESTION_ROLES).any():
        return
    workshop = f" of workshop {source.workshop_id}" if source.workshop_id else ""
    raise InputError(f"{survey.source}: no feedback question found (no rating such as satisfaction or "
                     f"usefulness, no comment question); is this the feedback export{workshop}? If it is, name "
                     f"its questions in the config's [[feedback]] entry: roles = {{ satisfaction = \"<the question's "
                     f"header>\" }}")


def _register_spelling(workshop_id: str | None, register: pd.DataFrame | None) -> str | None:
    """``workshop_id`` as the register writes it when the register holds it in another case only, and no other
    id of the register reads the same; else as given."""
    if workshop_id is None or register is None or register.empty:
        return workshop_id
    ids = [str(w) for w in register["workshop_id"].dropna()]
    same = [w for w in ids if w.strip().casefold() == workshop_id.strip().casefold()]
    return same[0] if workshop_id not in ids and len(same) == 1 else workshop_id


IMPACT_QUESTION_ROLES = ("impact", "contacts", "impact_text", "attended")


def impact_survey(impact_source: SurveySource, ingest: Mapping, pseudonym_key: bytes, config_path: Any,
                  workshop_register: pd.DataFrame | None = None) -> Survey:
    """The final impact survey, read and typed, roles assigned (the attendance question also by its options).
    Raises ``InputError`` when no question is an impact question nor a rating statement: the register attached
    as the impact survey counted its 6 workshops as 6 companies that answered it (QA round 31)."""
    from pipeline.errors import InputError

    survey = _survey(impact_source, "impact", ingest, pseudonym_key, config_path, workshop_register)
    questions = survey.questions
    if questions["role"].isin(IMPACT_QUESTION_ROLES).any() or questions["type"].isin(["likert"]).any():
        return survey
    raise InputError(f"{survey.source}: no impact question found (did the workshops advance your development, new "
                     f"contacts, what did you do, which workshops did you attend, or agreement statements); is this "
                     f"the impact survey? If it is, name its questions in the config: [impact] roles = {{ impact = "
                     f"\"<the question's header>\" }}")


def workshop_register(register_file: Path, ingest: Mapping) -> dict[str, Any]:
    """The workshop register read through ingest's table reader and validated (schema ``workshop_register``), and
    its row accounting (``register_accounts``, for ``ingest_report.json``)."""
    from pipeline.ingest import read_table
    from pipeline.ingest.register import register_with_accounts

    # the register's column of participating companies is read by the attendance stage
    register, accounts = register_with_accounts(read_table(register_file, params=ingest), register_file.name,
                                                companies_read=True)
    return {"workshop_register": register, "register_accounts": accounts}


def questions(needs_survey: Survey, analysis: Mapping, company_profiles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The needs survey's questions (schema ``questions``), roles assigned. In the public edition a single or
    multiple choice lists only the options at least ``min_count`` companies chose, sorted by label: the options are
    the answers as written, so an option one company typed ("Ruotsi ja englanti", a misspelt municipality) told
    that it exists, and three such options beside a published total of 3 told each count (QA round 17). A segment
    question (municipality, sector, size) lists the segments as ``company_profiles`` names and counts them for the
    segment tables, each with a published base (``min_base``)."""
    from pipeline.disclosure import PUBLIC, edition_of
    from pipeline.keys import fold

    frame = needs_survey.questions
    if edition_of(analysis) != PUBLIC:
        return frame
    company = dict(zip(needs_survey.respondents["respondent_id"].astype(str),
                       needs_survey.respondents["company_id"].astype(str)))
    chosen = needs_survey.answers.assign(company=needs_survey.answers["respondent_id"].astype(str).map(company))
    counts = chosen.dropna(subset=["value"]).groupby(["question_id", "value"])["company"].nunique()
    least, base = int(analysis["min_count"]), int(analysis["min_base"])
    roles = frame["role"] if "role" in frame.columns else pd.Series("", index=frame.index)

    def by_label(names: Any) -> list[str]:
        return sorted((str(n) for n in names), key=lambda o: (fold(o), o))

    def shown(qid: str, kind: str, role: Any, options: Any) -> Any:
        if kind not in ("single", "multi"):
            return options      # a scale's labels are the questionnaire's, not answers anyone typed: kept
        if str(role) not in _SEGMENT_ROLES:
            return by_label(o for o in options if counts.get((qid, o), 0) >= least)
        # a segment's option is its base: listed only when the base is published (min_base), or its listing told
        # "at least min_count" of a hidden base; by label, not by count (QA round 34 F11: two hidden sector bases,
        # 4 and 3, followed exactly from "listed, and in this order"); and as the segment tables name and count
        # them (QA round 40 F7: a copy's "Korsholm" is Mustasaari, whose base of 8 was published; "Tjänster" is
        # Palvelut, not a fifth sector)
        if company_profiles is not None and str(role) in company_profiles.columns:
            sizes = company_profiles[str(role)].dropna().value_counts()
            return by_label(n for n, c in sizes.items() if c >= base)
        return by_label(o for o in options if counts.get((qid, o), 0) >= base)

    return frame.assign(options=[shown(q, k, r, o) for q, k, r, o in
                                 zip(frame["question_id"], frame["type"], roles, frame["options"])])


# the needs questions whose options are the segments of ``theme_by_segment`` and ``export_readiness``
_SEGMENT_ROLES = ("municipality", "sector", "size")


def respondents(needs_survey: Survey) -> pd.DataFrame:
    """The needs survey's respondents (schema ``respondents``): pseudonyms, source rows, times."""
    return needs_survey.respondents


def answers(needs_survey: Survey) -> pd.DataFrame:
    """The needs survey's answers, long (schema ``answers``)."""
    return needs_survey.answers


# what the steering edition's ingest_report.json adds to the row accounting
_STEERING_ACCOUNTS = ("warnings", "form_languages")


def ingest_accounts(needs_survey: Survey | None = None, feedback_surveys: tuple | None = None,
                    impact_survey: Survey | None = None, register_accounts: Mapping | None = None,
                    attendance_accounts: Mapping | None = None, analysis: Mapping | None = None) -> dict[str, Any]:
    """Every survey's row accounting (``ingest_report.json``; the register's under ``register``, the attendance
    list's under ``attendance``) and rejected rows (``rejected.csv``). The public edition's keeps the accounting
    but not the warnings (they name the labels each language copy's rows chose, and the municipalities) nor the
    count of rows per language copy (QA round 41: a hidden sector's and a one-company municipality's language, and
    the company counts by language the language table hides)."""
    surveys: dict[str, Survey] = {}
    if needs_survey is not None:
        surveys["needs"] = needs_survey
    for _, survey in feedback_surveys or ():
        surveys[f"feedback:{survey.source}"] = survey
    if impact_survey is not None:
        surveys["impact"] = impact_survey
    reports = {name: {"file": s.source, "tool": s.tool, **s.report} for name, s in surveys.items()}
    if register_accounts is not None:
        reports["register"] = dict(register_accounts)
    if attendance_accounts:
        reports["attendance"] = dict(attendance_accounts)
    from pipeline.disclosure import PUBLIC, edition_of

    if analysis is not None and edition_of(analysis) == PUBLIC:
        reports = {name: {k: v for k, v in report.items() if k not in _STEERING_ACCOUNTS}
                   for name, report in reports.items()}
    rejected = [s.rejected.assign(file=s.source) for s in surveys.values() if not s.rejected.empty]
    return {
        "ingest_report": reports,
        "rejected": (pd.concat(rejected, ignore_index=True) if rejected
                     else empty("rejected").assign(file=pd.Series(dtype="string"))),
    }


# --- themes and coding ------------------------------------------------------------------------------------------

def themes(needs_taxonomy: Any, feedback_taxonomy: Any, lang: str) -> pd.DataFrame:
    """One row per theme of both taxonomies, and the needs ``other``: ``theme, taxonomy, theme_name, is_other``,
    names in the report language. The one place theme names are localised."""
    return _theme_table(needs_taxonomy, feedback_taxonomy, lang)


def _theme_table(needs_taxonomy: Any, feedback_taxonomy: Any, lang: str) -> pd.DataFrame:
    """``themes`` in ``lang``."""
    from pipeline.i18n import Messages

    rows = [(slug, "needs", needs_taxonomy.name(slug, lang), False) for slug in needs_taxonomy.slugs]
    if OTHER not in needs_taxonomy.slugs:
        rows.append((OTHER, "needs", Messages(lang)("needs.theme.other"), True))
    rows += [(slug, "feedback", feedback_taxonomy.name(slug, lang), slug == OTHER) for slug in feedback_taxonomy.slugs]
    return conform(pd.DataFrame(rows, columns=["theme", "taxonomy", "theme_name", "is_other"]), "themes")


def theme_names(themes: pd.DataFrame, *taxonomies: str) -> dict[str, str]:
    """Theme slug → localised name for ``taxonomies`` (later ones win on a shared slug), in table order."""
    names: dict[str, str] = {}
    for taxonomy in taxonomies:
        part = themes[themes["taxonomy"] == taxonomy]
        names.update(zip(part["theme"].astype(str), part["theme_name"].astype(str)))
    return names


def needs_coder(needs_taxonomy: Any, coding: Mapping, lemmatiser: str) -> Any:
    """The theme coder of the needs taxonomy, its seed index built (``lemmatiser``: voikko or simplemma, the
    Finnish lemmatiser this machine has)."""
    from pipeline.coding.coder import ThemeCoder

    return ThemeCoder(needs_taxonomy, coding, use_voikko=lemmatiser == "voikko")


def feedback_coder(feedback_taxonomy: Any, coding: Mapping, lemmatiser: str) -> Any:
    """The theme coder of the feedback taxonomy."""
    from pipeline.coding.coder import ThemeCoder

    return ThemeCoder(feedback_taxonomy, coding, use_voikko=lemmatiser == "voikko")


# the needs survey's questions about the company (who it is, not what it needs): an open answer to one of them
# ("ca 8 anställda", "Kokkola") is no need to code (QA round 29: head counts made an emerging theme)
PROFILE_ROLES = ("business_id", "municipality", "sector", "size", "business_language")


def texts(needs_survey: Survey) -> pd.DataFrame:
    """Open answers, "other" texts, option labels and grid statements of the needs survey (schema ``texts``), but
    the answers to the questions about the company (``PROFILE_ROLES``)."""
    from pipeline.coding.texts import survey_texts

    return survey_texts(needs_survey, except_roles=PROFILE_ROLES)


def coding_reviews(review_file: Path, themes: pd.DataFrame, needs_taxonomy: Any = None,
                   feedback_taxonomy: Any = None) -> pd.DataFrame:
    """The analyst's coding review read back (``pipeline.coding.review.read_review``): one row per reviewed answer,
    validated against the taxonomies' themes, which may be written by slug or by name in any report language (a
    review written beside a Finnish run stays valid in a Swedish one)."""
    from pipeline.coding.review import read_review
    from pipeline.config import LANGUAGES

    if needs_taxonomy is None or feedback_taxonomy is None:
        return read_review(review_file, themes)
    return read_review(review_file, pd.concat([_theme_table(needs_taxonomy, feedback_taxonomy, lang)
                                               for lang in LANGUAGES], ignore_index=True),
                       pd.concat([_topic_table(needs_taxonomy, lang) for lang in LANGUAGES], ignore_index=True))


def _topic_table(needs_taxonomy: Any, lang: str) -> pd.DataFrame:
    """``theme, theme_name`` of the needs taxonomy's other topics in ``lang`` (none without them)."""
    topics = needs_taxonomy.other_topics
    return pd.DataFrame({"theme": list(topics), "theme_name": [t.names[lang] for t in topics.values()]},
                        columns=["theme", "theme_name"])


def proposed_codes(texts: pd.DataFrame, needs_coder: Any) -> pd.DataFrame:
    """The needs texts' themes as the coder gives them blind to any review (schema ``codes``): the machine's
    proposal, which the review workbook shows and the agreement is measured on."""
    return needs_coder.code(texts[["text_id", "text"]])


def _reviewed_codes(texts: pd.DataFrame, proposed: pd.DataFrame, coder: Any, reviews: pd.DataFrame | None,
                    taxonomy: str) -> pd.DataFrame:
    from pipeline.coding.review import reviewed_examples, with_reviews

    examples = None if reviews is None else reviewed_examples(texts, reviews, taxonomy)
    if examples is None or examples.empty:
        return proposed
    # the reviewed answers teach the coder; they themselves then carry exactly the reviewed themes
    coded = coder.code(texts[["text_id", "text"]], reviewed=examples)
    return with_reviews(coded, texts, reviews)


def codes(texts: pd.DataFrame, proposed_codes: pd.DataFrame, needs_coder: Any,
          coding_reviews: pd.DataFrame | None = None) -> pd.DataFrame:
    """The needs texts' themes (schema ``codes``): the proposal, or with a review the reviewed themes for the
    reviewed answers and a coding that learnt from them for the rest."""
    return _reviewed_codes(texts, proposed_codes, needs_coder, coding_reviews, "needs")


def coded_texts(texts: pd.DataFrame, codes: pd.DataFrame, coding: Mapping,
                coding_reviews: pd.DataFrame | None = None) -> pd.DataFrame:
    """The needs texts with their themes as a list (schema ``coded_texts``), for every reader of coded answers."""
    from pipeline.coding.texts import coded_texts as joined

    return joined(texts, codes, coding_reviews, float(coding["review_threshold"]))


def other_topics_coder(needs_taxonomy: Any, coding: Mapping, lemmatiser: str) -> Any:
    """The coder of the needs taxonomy's ``other_topics`` (staff, financing, succession …), or None when it has
    none."""
    from pipeline.coding.coder import ThemeCoder

    topics = needs_taxonomy.topics_taxonomy()
    return None if topics is None else ThemeCoder(topics, coding, use_voikko=lemmatiser == "voikko")


def proposed_topics(texts: pd.DataFrame, other_topics_coder: Any = None) -> pd.DataFrame:
    """The needs texts coded into the taxonomy's ``other_topics`` blind to any review (empty without them): the
    machine's proposal, which the review workbook shows beside the themes."""
    from pipeline.coding.emerging import topic_codes as coded

    return coded(texts, other_topics_coder)


def topic_codes(texts: pd.DataFrame, proposed_topics: pd.DataFrame,
                coding_reviews: pd.DataFrame | None = None) -> pd.DataFrame:
    """``proposed_topics`` with the review applied: a reviewed needs answer carries exactly the topics its review
    names ("other; staff"), none when it names none, as it carries exactly the reviewed themes (QA round 40 F8: an
    answer reviewed "ecommerce" kept the financing the topic coder had lent it)."""
    from pipeline.coding.review import with_reviewed_topics

    return with_reviewed_topics(proposed_topics, texts, coding_reviews)


def _company_of(needs_survey: Survey) -> dict[str, str]:
    """respondent_id → company_id of the needs survey, as the needs analysis counts companies (a respondent of no
    known company is its own)."""
    from pipeline.analysis.needs import company_of_respondents

    return {str(k): str(v) for k, v in company_of_respondents(needs_survey.respondents).items()}


def company_topics(texts: pd.DataFrame, codes: pd.DataFrame, needs_survey: Survey,
                   topic_codes: pd.DataFrame) -> pd.DataFrame:
    """Each company whose needs answers name a topic of the taxonomy's ``other_topics`` (schema
    ``company_topics``; not written: the routing reads it)."""
    from pipeline.coding.emerging import company_topics as named

    return named(texts, codes, topic_codes, _company_of(needs_survey))


def emerging_themes(texts: pd.DataFrame, codes: pd.DataFrame, coding: Mapping, needs_coder: Any,
                    needs_survey: Survey, analysis: Mapping, lang: str,
                    other_topics_coder: Any = None, topic_codes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The needs named besides the themes (the taxonomy's ``other_topics``) and clusters of the needs answers left
    in ``other`` (schema ``emerging_themes``), each with its companies of the survey's, share and Wilson
    interval."""
    from pipeline.analysis.stats import with_company_shares
    from pipeline.coding.emerging import emerging_themes as clusters

    company_of = _company_of(needs_survey)
    found = clusters(texts, codes, coding, normaliser=needs_coder.normaliser, topics=other_topics_coder,
                     company_of=company_of, lang=lang, coded_topics=topic_codes)
    # the theme ranking's base: every company, a respondent of no known company counted as one
    base = len(set(company_of.values()))
    return conform(with_company_shares(found, base, float(analysis["confidence"])), "emerging_themes")


def coded_register(workshop_register: pd.DataFrame, needs_coder: Any) -> pd.DataFrame:
    """The register with needs-taxonomy slugs as themes: theme cells written as words (``brändi``) coded into
    slugs, workshops without themes coded from their titles, and a word that codes to nothing left out with a
    warning naming the row."""
    from pipeline.analysis.feedback import register_texts, with_coded_themes

    slugs = needs_coder.taxonomy.slugs
    to_code = register_texts(workshop_register, slugs)
    if to_code.empty:
        return workshop_register
    return with_coded_themes(workshop_register, needs_coder.code(to_code), slugs)


def feedback_texts(feedback_surveys: tuple) -> pd.DataFrame:
    """The good / improve / general comments of every feedback survey (schema ``texts``)."""
    from pipeline.coding.texts import survey_texts
    from pipeline.roles import COMMENT_ROLES

    frames = [survey_texts(s, roles=tuple(COMMENT_ROLES), with_labels=False) for _, s in feedback_surveys]
    return pd.concat(frames, ignore_index=True) if frames else empty("texts")


def feedback_proposed_codes(feedback_texts: pd.DataFrame, feedback_coder: Any) -> pd.DataFrame:
    """The feedback comments' themes blind to any review (schema ``codes``)."""
    return feedback_coder.code(feedback_texts[["text_id", "text"]])


def feedback_codes(feedback_texts: pd.DataFrame, feedback_proposed_codes: pd.DataFrame, feedback_coder: Any,
                   coding_reviews: pd.DataFrame | None = None) -> pd.DataFrame:
    """The feedback comments' themes (schema ``codes``), reviewed ones as reviewed."""
    return _reviewed_codes(feedback_texts, feedback_proposed_codes, feedback_coder, coding_reviews, "feedback")


def coded_feedback(feedback_texts: pd.DataFrame, feedback_codes: pd.DataFrame, coding: Mapping,
                   coding_reviews: pd.DataFrame | None = None) -> pd.DataFrame:
    """The feedback comments with their themes as a list (schema ``coded_texts``)."""
    from pipeline.coding.texts import coded_texts as joined

    return joined(feedback_texts, feedback_codes, coding_reviews, float(coding["review_threshold"]))


def _coded_parts(coded_texts: pd.DataFrame | None, proposed_codes: pd.DataFrame | None,
                 coded_feedback: pd.DataFrame | None, feedback_proposed_codes: pd.DataFrame | None):
    return [(taxonomy, coded, proposed) for taxonomy, coded, proposed in
            (("needs", coded_texts, proposed_codes), ("feedback", coded_feedback, feedback_proposed_codes))
            if coded is not None and proposed is not None]


def coding_agreement(themes: pd.DataFrame, coded_texts: pd.DataFrame | None = None,
                     proposed_codes: pd.DataFrame | None = None, coded_feedback: pd.DataFrame | None = None,
                     feedback_proposed_codes: pd.DataFrame | None = None,
                     coding_reviews: pd.DataFrame | None = None, coding: Mapping | None = None) -> pd.DataFrame:
    """The machine's agreement with the analyst on the reviewed answers, per taxonomy and theme (schema
    ``coding_agreement``; before anything is reviewed, one row per taxonomy saying how many answers a review
    would settle)."""
    from pipeline.coding.review import agreement, review_pairs, theme_catalogue

    frames = []
    catalogue = theme_catalogue(themes)
    for taxonomy, coded, proposed in _coded_parts(coded_texts, proposed_codes, coded_feedback, feedback_proposed_codes):
        if coded.empty:
            continue
        slugs = themes.loc[themes["taxonomy"] == taxonomy, "theme"].astype(str).tolist()
        found = agreement(review_pairs(coded, proposed, coding_reviews), taxonomy, slugs, coded,
                          None if coding is None else float(coding["review_threshold"]))
        # the theme's name in the report language: a theme no other table names ("language" in a survey with no
        # comment on it) was shown by its slug (QA round 20), and so was the feedback `other` (QA round 25)
        named = catalogue[catalogue["taxonomy"] == taxonomy].set_index("theme")["theme_name"]
        frames.append(found.assign(theme_name=found["theme"].map(named)))
    return conform(pd.concat(frames, ignore_index=True), "coding_agreement") if frames else empty("coding_agreement")


def coding_review(themes: pd.DataFrame, lang: str, analysis: Mapping, coded_texts: pd.DataFrame | None = None,
                  proposed_codes: pd.DataFrame | None = None, coded_feedback: pd.DataFrame | None = None,
                  feedback_proposed_codes: pd.DataFrame | None = None,
                  coding_reviews: pd.DataFrame | None = None, needs_taxonomy: Any = None,
                  proposed_topics: pd.DataFrame | None = None) -> dict[str, bytes]:
    """``{"coding_review.xlsx": bytes}``: every coded answer for the analyst to review, least confident first,
    with the reviewed themes and notes of the review read in kept (``pipeline.coding.review``); nothing in the
    public edition."""
    from pipeline.coding.review import review_rows, review_workbook, sorted_for_review, stale_rows
    from pipeline.i18n import Messages

    parts = _coded_parts(coded_texts, proposed_codes, coded_feedback, feedback_proposed_codes)
    # every answer, identifying ones included: the analyst's working file, never part of the public edition
    if not parts or analysis.get("edition") == "public":
        return {}
    rows = sorted_for_review(pd.concat([review_rows(coded, proposed, coding_reviews, taxonomy,
                                                    proposed_topics if taxonomy == "needs" else None)
                                        for taxonomy, coded, proposed in parts], ignore_index=True))
    stale = stale_rows(coding_reviews, rows["answer_id"].tolist())
    about = Messages(lang)("report.coding_review.about").split("\n")
    # the needs taxonomy's other topics may be written beside a needs answer's themes ("other; staff")
    topics = _topic_table(needs_taxonomy, lang).assign(taxonomy="needs", is_other=False) \
        if needs_taxonomy is not None else None
    offered = themes if topics is None or topics.empty else pd.concat([themes, topics], ignore_index=True)
    return {"coding_review.xlsx": review_workbook(rows, stale, offered, about)}


# --- analysis ---------------------------------------------------------------------------------------------------

# the [analysis] keys only WP3 reads; WP1 reads the rest
FEEDBACK_ONLY = ("min_responses",)
FEEDBACK_SHARED = ("confidence", "quotes_per_theme", "edition", "min_count", "min_base")


def needs_params(analysis: Mapping, previous_edition: Mapping | None = None) -> dict[str, Any]:
    """The ``[analysis]`` settings WP1 reads (every key but the feedback ones): a feedback setting changed
    in a rerun or a notebook leaves the WP1 stages alone; with the previous public edition's bases
    (``[analysis] previous_public``) under ``previous_edition``."""
    params = {k: v for k, v in analysis.items() if not k.startswith("feedback_") and k not in FEEDBACK_ONLY}
    return {**params, "previous_edition": previous_edition} if previous_edition else params


def feedback_params(analysis: Mapping, previous_edition: Mapping | None = None) -> dict[str, Any]:
    """The ``[analysis]`` settings WP3 reads (``feedback_*``, the small-n rule, confidence, quotes); with the
    previous public edition's WP3 figures (``[analysis] previous_public``) under ``previous_edition``."""
    params = {k: v for k, v in analysis.items()
              if k.startswith("feedback_") or k in FEEDBACK_ONLY or k in FEEDBACK_SHARED}
    return {**params, "previous_edition": previous_edition} if previous_edition else params


def company_profiles(needs_survey: Survey, needs_params: Mapping) -> pd.DataFrame:
    """Each company of the needs survey with its municipality, sub-region, sector and size (schema
    ``company_profiles``; not written: the segment tables and the routing read it)."""
    from pipeline.analysis.needs import company_profiles as profiles

    return profiles(needs_survey, needs_params)


def needs_tables(needs_survey: Survey, coded_texts: pd.DataFrame, themes: pd.DataFrame,
                 needs_params: Mapping, company_profiles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The WP1 tables (``pipeline.outputs`` lists them); empty when no question has the role ``interests`` or
    ``needs_text`` (the survey's questions are then reported one by one: ``question_tables``, ``data_used``)."""
    from pipeline.analysis.needs import needs_tables_coded

    if not needs_survey.questions["role"].isin(["interests", "needs_text"]).any():
        import logging

        logging.getLogger(__name__).warning(
            "%s: no question has the role interests or needs_text, so there is no theme ranking; every question is "
            "reported on its own. Name the questions in the config section [needs.roles] (e.g. interests = "
            "\"<the question's header>\")", needs_survey.source)
        return {name: empty(outputs.BY_NAME[name].schema_name) for name in outputs.produced_by("needs_tables")}
    return needs_tables_coded(needs_survey, coded_texts, theme_names(themes, "needs"), needs_params,
                              company_profiles)


def survey_attendance(coded_register: pd.DataFrame | None = None, feedback_surveys: tuple | None = None,
                      impact_survey: Survey | None = None, register_accounts: Mapping | None = None
                      ) -> pd.DataFrame:
    """Every answer to an attendance question of the feedback and impact surveys, matched to the register's
    workshops once for the funnel and the impact shares (``pipeline.analysis.linking.survey_attendance_table``);
    without a register, to the workshops the feedback names."""
    from pipeline.analysis.feedback import stand_in_register
    from pipeline.analysis.linking import survey_attendance_table

    feedback = list(feedback_surveys or ())
    register = coded_register if coded_register is not None else stand_in_register(feedback)
    # an answer naming only a workshop that was not held attended none (the register's accounts know which)
    cancelled = (register_accounts or {}).get("cancelled_workshops") if coded_register is not None else None
    return survey_attendance_table(register, feedback, impact_survey, cancelled)


def feedback_tables(feedback_surveys: tuple, coded_feedback: pd.DataFrame, themes: pd.DataFrame,
                    feedback_params: Mapping, survey_attendance: pd.DataFrame,
                    coded_register: pd.DataFrame | None = None, impact_survey: Survey | None = None,
                    theme_ranking: pd.DataFrame | None = None, company_links: pd.DataFrame | None = None,
                    question_scales: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The WP3 tables (``pipeline.outputs`` lists them)."""
    from pipeline.analysis.feedback import feedback_tables_coded

    return feedback_tables_coded(coded_register, list(feedback_surveys), impact_survey, coded_feedback, theme_ranking,
                                 feedback_params, theme_names(themes, "needs", "feedback"), survey_attendance,
                                 company_links, question_scales)


def open_answers(themes: pd.DataFrame, coded_texts: pd.DataFrame | None = None,
                 needs_survey: Survey | None = None) -> pd.DataFrame:
    """Every scrubbed open answer with its question text and coded themes (named), for the report."""
    columns = ["text_id", "question", "text", "themes"]
    if needs_survey is None or coded_texts is None:
        return pd.DataFrame(columns=columns)
    answers = coded_texts[coded_texts["source"].isin(("open", "other_text"))]
    if answers.empty:
        return pd.DataFrame(columns=columns)
    names = theme_names(themes, "needs")
    question_text = needs_survey.questions.set_index("question_id")["text"]
    # the main theme first, as the review workbook lists them
    named = [", ".join(names.get(t, t) for t in dict.fromkeys([str(main), *slugs]))
             for main, slugs in zip(answers["theme"], answers["themes"])]
    return pd.DataFrame({"text_id": answers["text_id"].to_numpy(), "question": answers["question_id"].map(question_text).to_numpy(),
                         "text": answers["text"].to_numpy(), "themes": named}, columns=columns)


def question_tables(themes: pd.DataFrame, analysis: Mapping, needs_coder: Any, feedback_coder: Any,
                    needs_survey: Survey | None = None, feedback_surveys: tuple | None = None,
                    impact_survey: Survey | None = None, coded_texts: pd.DataFrame | None = None,
                    survey_attendance: pd.DataFrame | None = None, coded_register: pd.DataFrame | None = None
                    ) -> dict[str, pd.DataFrame]:
    """Every question no analysis reads, reported on its own (``pipeline.analysis.questions``): distributions
    per company, rating scales' means and top-box shares, open answers coded with the taxonomy that fits. The
    answers of an impact respondent who attended no workshop are left out, as the impact shares leave them out,
    of the impact questions that name the workshops (``[analysis] feedback_workshop_words``): "the workshops
    added to our skills" rated by a company that attended none (QA round 27), but not "which format suits you"."""
    from pipeline.analysis.linking import non_attendees
    from pipeline.analysis.questions import about_workshops, question_tables as tables, surveys_of, without_answers

    names = {"needs": theme_names(themes, "needs"), "feedback": theme_names(themes, "feedback")}
    # an answer no feedback theme fits is named like the needs' other ("Muu tai ei luokiteltavissa"), not "other"
    names["feedback"].setdefault(OTHER, names["needs"].get(OTHER, OTHER))
    if impact_survey is not None:
        absent = non_attendees(impact_survey, coded_register, survey_attendance)
        impact_survey = without_answers(impact_survey, absent, about_workshops(
            impact_survey.questions, analysis["feedback_workshop_words"], but_roles=("attended",)),
            analysis["feedback_workshop_words"])
    return tables(surveys_of(needs_survey, feedback_surveys, impact_survey),
                  {"needs": needs_coder, "feedback": feedback_coder}, names, analysis, coded_texts)


def data_used(lang: str, needs_survey: Survey | None = None, feedback_surveys: tuple | None = None,
              impact_survey: Survey | None = None) -> pd.DataFrame:
    """Each input question of every survey with its role and the tables that read it, or why it is not used;
    and the roles no question was found for (schema ``data_used``)."""
    from pipeline.analysis.questions import data_used as used, surveys_of
    from pipeline.i18n import Messages

    msgs = Messages(lang)
    captions = {o.name: msgs(f"report.table.{o.name}") for o in outputs.OUTPUTS if f"report.table.{o.name}" in msgs}
    # each feedback file tied to its workshop in the config: no workshop question is needed
    given = [("feedback", "workshop")] if feedback_surveys and all(wid for wid, _ in feedback_surveys) else []
    surveys = surveys_of(needs_survey, feedback_surveys, impact_survey)
    # an attendance question found by its options, not its wording, says so
    from pipeline.analysis.linking import data_used_by_options

    return data_used_by_options(used(surveys, captions, given), surveys)


# --- companies across the surveys: linking, the funnel, language, service routing ----------------------------

def attendance(ingest: Mapping, pseudonym_key: bytes, attendance_file: Path | None = None,
               register_file: Path | None = None, register_accounts: Mapping | None = None) -> dict[str, Any]:
    """The attendance list (``[attendance] file``) and the register's column of participating companies
    (``pipeline.ingest.register.participant_companies``) read, their companies pseudonymised (``attendance``,
    schema ``attendance``; no rows when neither gives any), and their accounting (``attendance_accounts``: per
    source file, the attendances read, kept and left out, for ``ingest_report.json`` and the data warnings). A row naming a
    workshop the register says was not held (``register_accounts``' ``cancelled_workshops``) is left out with a
    warning naming the rows: a sign-up list kept the cancelled workshop, and the run had stopped saying its id was
    not in the register (QA round 30); the steering report's data warnings say it too (QA round 31 F13: the log
    alone did, and nothing accounted for the list's rows)."""
    frame = _attendance_rows(ingest, pseudonym_key, attendance_file, register_file)
    cancelled = (register_accounts or {}).get("cancelled_workshops") or []
    which = pd.Series(pd.NA, index=frame.index, dtype="string")
    if cancelled and not frame.empty:
        from pipeline.analysis.linking import WorkshopMatcher

        matcher = WorkshopMatcher(pd.DataFrame(cancelled, columns=["workshop_id", "title", "row"]))
        which = frame["workshop"].map(matcher.one).astype("string")
    held_not = which.notna().to_numpy(dtype=bool)
    if held_not.any():
        import logging

        for name, mine, _ in _attendance_sources(frame, attendance_file, register_file):
            if (held_not & mine).any():
                logging.getLogger("pipeline.analysis.linking").warning(
                    "%s, row(s) %s: the workshop was not held (the register marks it cancelled or gives 0 "
                    "participants); left out", name,
                    ", ".join(str(r) for r in frame.loc[held_not & mine, "source_row"]))
    # the names the register's companies column gives a workshop it says was not held (read apart at ingest)
    named = (register_accounts or {}).get("cancelled_companies") or []
    sources = []
    for name, mine, from_register in _attendance_sources(frame, attendance_file, register_file):
        extra = named if from_register else []
        if from_register and not mine.any() and not extra:
            continue        # the register's companies column when it names nobody
        not_held = [{"workshop_id": wid, "rows": [int(r) for r in frame.loc[mine & (which == wid).fillna(False)
                                                                          .to_numpy(dtype=bool), "source_row"].dropna()]}
                    for wid in dict.fromkeys(which[mine].dropna().astype(str))]
        not_held += [{"workshop_id": str(c["workshop_id"]), "rows": [int(c["row"])] * int(c["companies"])}
                     for c in extra]
        sources.append({"file": name, "attendances": int(mine.sum()) + sum(int(c["companies"]) for c in extra),
                        "kept": int((mine & ~held_not).sum()), "not_held": not_held})
    accounts = {"sources": sources} if sources else {}
    return {"attendance": conform(frame[~held_not].reset_index(drop=True), "attendance"),
            "attendance_accounts": accounts}


def _attendance_sources(frame: pd.DataFrame, attendance_file: Path | None, register_file: Path | None
                        ) -> list[tuple[str, Any, bool]]:
    """(file name, row mask, is the register) of each source of ``attendance`` rows: the attendance list, then the
    register's companies column (its rows' ``record_id`` start with ``register:``)."""
    from_register = frame["record_id"].astype(str).str.startswith("register:").to_numpy(dtype=bool)
    return [(Path(path).name, mask, is_register) for path, mask, is_register in
            ((attendance_file, ~from_register, False), (register_file, from_register, True)) if path is not None]


def _attendance_rows(ingest: Mapping, pseudonym_key: bytes, attendance_file: Path | None,
                     register_file: Path | None) -> pd.DataFrame:
    """``attendance`` before the cancelled workshops are left out."""
    from pipeline.analysis.linking import attendance_list
    from pipeline.errors import InputError
    from pipeline.ingest import read_table
    from pipeline.ingest.register import participant_companies

    parts = []
    if attendance_file is not None:
        listed = attendance_list(read_table(attendance_file, params=ingest), attendance_file.name, pseudonym_key)
        if listed.empty:
            # a header with nothing under it read as "no company attended anything" (QA round 31: exit 0, every
            # funnel row traced 0, no word)
            raise InputError(f"{attendance_file.name}: the attendance list has a header but no attendances; fill "
                             f"in one row per company and workshop, or remove [attendance] file from the config "
                             f"until it has them")
        parts.append(listed)
    if register_file is not None:
        # the register's second reading (the workshop_register stage said its reader's warnings once)
        parts.append(participant_companies(read_table(register_file, params=ingest, quiet=True), register_file.name,
                                           pseudonym_key))
    if not parts:
        return attendance_list(pd.DataFrame({"workshop_id": [], "Yrityksen nimi": []}), "", pseudonym_key)
    return conform(pd.concat(parts, ignore_index=True), "attendance")


def linking_tables(needs_survey: Survey | None = None, feedback_surveys: tuple | None = None,
                   impact_survey: Survey | None = None, attendance: pd.DataFrame | None = None
                   ) -> dict[str, pd.DataFrame]:
    """Companies linked across the surveys and the attendance list (``company_links``) and how (``linking``)."""
    from pipeline.analysis.linking import link_companies

    return link_companies(needs_survey, feedback_surveys or (), impact_survey, attendance)


def funnel(company_links: pd.DataFrame, company_themes: pd.DataFrame, coded_register: pd.DataFrame,
           themes: pd.DataFrame, analysis: Mapping, survey_attendance: pd.DataFrame,
           attendance: pd.DataFrame | None = None, feedback_surveys: tuple | None = None,
           impact_survey: Survey | None = None) -> pd.DataFrame:
    """Per needs theme: companies that asked, whose attendance is known, that attended (schema ``funnel``)."""
    from pipeline.analysis.linking import funnel_table

    return funnel_table(company_links, company_themes, coded_register, theme_names(themes, "needs"), analysis,
                        attendance, feedback_surveys or (), impact_survey, survey_attendance)


def company_languages(company_links: pd.DataFrame, needs_params: Mapping, needs_coder: Any,
                      needs_survey: Survey | None = None, feedback_surveys: tuple | None = None,
                      impact_survey: Survey | None = None, coded_texts: pd.DataFrame | None = None,
                      coded_feedback: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each linked company and the languages it uses (schema ``company_languages``); a language its answers in
    it, read together, are not written in (``needs_coder``'s language identification) is none of its own."""
    from pipeline.analysis.language import company_languages as languages

    return languages(company_links, needs_survey, feedback_surveys or (), impact_survey, coded_texts, coded_feedback,
                     min_words=int(needs_params.get("language_min_words", 1)),
                     written_in=partial(needs_coder.normaliser.written_in,
                                        min_probability=float(needs_params.get("language_min_probability", 0.0))))


def service_requests(analysis: Mapping, coded_texts: pd.DataFrame | None = None,
                     coded_feedback: pd.DataFrame | None = None, impact_survey: Survey | None = None,
                     feedback_surveys: tuple | None = None, feedback_summary: pd.DataFrame | None = None,
                     feedback_themes: pd.DataFrame | None = None) -> tuple[pd.DataFrame, int]:
    """(the open answers asking for service in a language, one row each; the number of open answers read):
    counted in ``language``, listed in ``language_requests``. The public edition reads no comment of a workshop
    whose comment themes it withholds (QA round 39: 2 of a 3-participant workshop's comments asking for Swedish
    material followed from the request count minus the shown workshops' language themes)."""
    from pipeline.analysis.language import service_requests as requests
    from pipeline.disclosure import PUBLIC, edition_of

    withheld: set[str] = set()
    if edition_of(analysis) == PUBLIC and coded_feedback is not None and feedback_summary is not None \
            and not feedback_summary.empty:
        commented = set(feedback_summary.loc[pd.to_numeric(feedback_summary["comments"], errors="coerce")
                                             .fillna(0) > 0, "workshop_id"].astype(str))
        shown = set() if feedback_themes is None or feedback_themes.empty else set(
            feedback_themes.loc[feedback_themes["scope"] == "workshop", "workshop_id"].astype(str))
        hidden = commented - shown
        for wid, survey in feedback_surveys or ():
            # a file of no configured workshop may hold a withheld one's comments: all of its comments are left out
            if hidden and (wid is None or str(wid) in hidden):
                withheld |= set(survey.respondents["respondent_id"].astype(str))
    return requests(coded_texts, coded_feedback, impact_survey, withheld)


def language(company_languages: pd.DataFrame, analysis: Mapping, service_requests: tuple[pd.DataFrame, int],
             coded_register: pd.DataFrame | None = None,
             feedback_summary: pd.DataFrame | None = None) -> pd.DataFrame:
    """The language segment (schema ``language``)."""
    from pipeline.analysis.language import language_table

    return language_table(company_languages, analysis, coded_register, feedback_summary, service_requests)


def language_requests(analysis: Mapping, service_requests: tuple[pd.DataFrame, int]) -> pd.DataFrame:
    """The open answers asking for service in a language, the evidence of ``language`` (schema
    ``language_requests``)."""
    from pipeline.analysis.language import language_requests as requests

    return requests(analysis, service_requests)


def service_catalogue(services_file: Path, needs_taxonomy: Any) -> pd.DataFrame:
    """The provider catalogue (``[services] file``) validated (schema ``service_catalogue``): its themes are the
    needs taxonomy's, or its ``other_topics`` (financing, staff …: QA round 35, "who serves financing")."""
    from pipeline.analysis.routing import read_catalogue

    return read_catalogue(services_file, list(needs_taxonomy.slugs) + list(needs_taxonomy.other_topics))


def routing_tables(service_catalogue: pd.DataFrame, company_themes: pd.DataFrame, company_links: pd.DataFrame,
                   company_languages: pd.DataFrame, themes: pd.DataFrame, analysis: Mapping, needs_taxonomy: Any,
                   lang: str, company_profiles: pd.DataFrame | None = None,
                   company_topics: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """``service_routing`` per demanded theme (and other topic a provider serves) and, in the steering edition,
    ``company_routing``."""
    from pipeline.analysis.routing import routing_tables as tables

    names = theme_names(themes, "needs")
    demand = company_themes[["company_id", "theme"]]
    served = {t for ts in service_catalogue["themes"] for t in ts}
    if company_topics is not None and not company_topics.empty:
        # a topic no provider lists is said among the emerging themes, not as a routing gap of every row
        wanted = company_topics[company_topics["theme"].astype(str).isin(served)]
        demand = pd.concat([demand, wanted[["company_id", "theme"]]], ignore_index=True)
    topics = needs_taxonomy.topics_taxonomy()
    if topics is not None:
        names.update({slug: topics.name(slug, lang) for slug in topics.slugs})
    return tables(service_catalogue, demand, company_links, company_languages, names, analysis, company_profiles)


# --- charts and reports -----------------------------------------------------------------------------------------

def ci_level(analysis: Mapping) -> float:
    """The confidence level of every interval (``[analysis] confidence``), which the charts name."""
    return float(analysis["confidence"])


def chart(table: pd.DataFrame, lang: str, stem: str, ci_level: float | None = None) -> dict[str, bytes]:
    """One chart as ``{"png": bytes, "svg": bytes}`` ({} when its table is empty), its intervals named at
    ``ci_level`` (None: 95 %)."""
    if table.empty:
        return {}
    from pipeline.charts.render import chart_bytes

    return chart_bytes(stem, table, lang, 0.95 if ci_level is None else ci_level)


def figures(**charts: dict[str, bytes] | None) -> dict[str, bytes]:
    """Every drawn chart as ``<stem>.png`` / ``<stem>.svg`` → bytes, in stem order."""
    files: dict[str, bytes] = {}
    for name in sorted(charts):
        for fmt, data in sorted((charts[name] or {}).items()):
            files[f"{name.removeprefix('chart_')}.{fmt}"] = data
    return files


def input_problems(needs_survey: Survey | None = None, feedback_surveys: tuple | None = None,
                   impact_survey: Survey | None = None, workshop_register: pd.DataFrame | None = None,
                   texts: pd.DataFrame | None = None, feedback_texts: pd.DataFrame | None = None,
                   coding_reviews: pd.DataFrame | None = None, review_file: Path | None = None,
                   survey_attendance: pd.DataFrame | None = None, coded_register: pd.DataFrame | None = None,
                   company_links: pd.DataFrame | None = None, attendance: pd.DataFrame | None = None,
                   attendance_file: Path | None = None, register_file: Path | None = None,
                   register_accounts: Mapping | None = None, needs_params: Mapping | None = None,
                   attendance_accounts: Mapping | None = None) -> pd.DataFrame:
    """What in the inputs would change a figure without a word (schema ``input_problems``): a workshop the
    register says was not held (QA round 30: said in the log alone), a company that
    answered the needs survey more than once, a language answer or register language the language figures
    cannot read, an attendance answer naming no register workshop, a register theme cell that reads as no theme,
    a business ID whose check digit fails, reviewed answers of the coding review that match no answer any more. Each is logged; the steering report's
    data warnings say them too."""
    import logging

    from pipeline.analysis.feedback import unread_register_themes
    from pipeline.analysis.language import unread_languages
    from pipeline.analysis.linking import (attendance_not_in_needs, invalid_business_ids, reading_problems,
                                           unmatched_attendance)
    from pipeline.analysis.needs import repeated_companies, unread_export_answers, without_theme_answer
    from pipeline.coding.review import stale_reviews
    from pipeline.privacy import scrub_path

    surveys = [needs_survey, *(s for _, s in feedback_surveys or ()), impact_survey]
    present = [a for frame in (texts, feedback_texts) if frame is not None for a in frame["answer_id"].astype(str)]
    frames = ([repeated_companies(needs_survey), without_theme_answer(needs_survey)]
              if needs_survey is not None else []) + \
        [unread_languages(surveys, workshop_register),
         unmatched_attendance(survey_attendance, workshop_register, feedback_surveys or (), impact_survey),
         unread_register_themes(workshop_register, coded_register), invalid_business_ids(surveys),
         attendance_not_in_needs(company_links if company_links is not None else empty("company_links"), attendance,
                                 needs_survey, Path(attendance_file).name if attendance_file else "attendance list",
                                 Path(register_file).name if register_file else "workshop register")] + \
        ([stale_reviews(coding_reviews, present, Path(review_file).name)]
         if coding_reviews is not None and review_file is not None else [])
    frames.append(_workshops_not_held(register_accounts))
    frames.append(_attendance_not_held(attendance_accounts))
    frames.append(_listed_beyond_participants(workshop_register, attendance, register_accounts))
    frames.append(_register_without_languages(workshop_register, register_accounts))
    frames.append(reading_problems(surveys, register_accounts))
    frames.append(_typing_problems(surveys))
    if needs_survey is not None and needs_params is not None:
        frames.append(unread_export_answers(needs_survey, needs_params))
    found = pd.concat(frames, ignore_index=True)
    # a file name can carry a person's name ("Kaisa Korhonen vastaukset.csv"), as in report_meta
    found = found.assign(source=found["source"].map(lambda name: scrub_path(name) if name else name))
    log = logging.getLogger("pipeline.analysis")
    # the others are logged where they are found (the review workbook, the linking, the register's coding)
    said_elsewhere = ["stale_review", "unmatched_attendance", "unread_register_theme", "invalid_business_id",
                      "workshop_not_held", "attendance_not_held", "listed_beyond_participants",
                      "register_total_mismatch", "hidden_rows",
                      "unread_sheet", "close_call_single", "close_call_open", "near_scale", "scale_label_read",
                      "attendance_not_in_needs", "attendance_near_needs"]
    for row in found[~found["problem"].isin(said_elsewhere)].itertuples(index=False):
        log.warning(_problem_text(row))
    return found


def _typing_problems(surveys: list[Survey | None]) -> pd.DataFrame:
    """What the typing of each survey decided on little evidence or could not read (schema ``input_problems``),
    from ingest's report: ``close_call_single`` / ``close_call_open``, a column typed a single choice or open
    text on few answers whose question took no free-text role (a role reads such a column as text whatever it
    is typed: QA round 38 F12), its header as ``value`` (QA round 37 F9: the log alone said it);
    ``near_scale``, a grid most of whose labels are a known scale's, read as single choices (``value``: the grid
    and the labels that kept it from the scale; QA round 38 F1: the competence figures went without a word);
    ``scale_label_read``, a grid's unknown label read as the scale's missing level (``value``: grid, label →
    level). Ingest logged them, except close calls on a free-text header that no role took: logged here."""
    import logging

    from pipeline.roles import TEXT_ROLES
    from pipeline.schemas import records

    log = logging.getLogger("pipeline.ingest")
    rows = []
    for survey in (s for s in surveys if s is not None):
        qids = survey.questions["question_id"].astype(str)
        role = dict(zip(qids, survey.questions["role"].fillna("").astype(str)))
        typed = dict(zip(qids, survey.questions["type"].astype(str)))
        for call in survey.report.get("close_calls") or ():
            qid = str(call["question_id"])
            if role.get(qid) in TEXT_ROLES or typed.get(qid) != call["typed"]:
                continue
            if call.get("free_text_header"):
                log.warning("%s: column %r: typed %s on little evidence (%d answers, %d different); if that is "
                            "wrong, name its type in a questionnaire spec (questions: - columns: [...] type: open "
                            "| single)", survey.source, call["column"],
                            "open text" if call["typed"] == "open" else "a single choice", call["answers"],
                            call["distinct"])
            rows.append({"source": survey.source, "problem": f"close_call_{call['typed']}", "rows": "",
                         "value": str(call["column"]), "meant": "", "workshop_id": ""})
        for near in survey.report.get("near_scales") or ():
            read = f" → {near['read_as']}" if near["read_as"] else ""
            rows.append({"source": survey.source, "problem": "scale_label_read" if read else "near_scale",
                         "rows": "", "value": f"{near['question']}: {', '.join(near['unread'])}{read}",
                         "meant": "", "workshop_id": ""})
    return records("input_problems", rows)


def _register_without_languages(register: pd.DataFrame | None, register_accounts: Mapping | None) -> pd.DataFrame:
    """One ``register_no_language`` row (schema ``input_problems``) when no workshop of the register has a
    language: the language block then has companies but no workshops, and said nothing of why (QA round 35: a
    register without a "Kieli" column)."""
    from pipeline.schemas import records

    if register is None or register.empty or "language" not in register.columns:
        return records("input_problems", [])
    written = register["language"].fillna("").astype(str).str.strip()
    if (written != "").any():
        return records("input_problems", [])
    return records("input_problems", [{"source": (register_accounts or {}).get("file", ""),
                                       "problem": "register_no_language", "workshop_id": "", "value": "",
                                       "meant": "", "rows": ""}])


def _workshops_not_held(register_accounts: Mapping | None) -> pd.DataFrame:
    """One ``workshop_not_held`` row (schema ``input_problems``) per workshop the register's accounts left out as
    not held, and one ``register_total_mismatch`` row per totals row whose figure is not the workshops' sum."""
    from pipeline.schemas import records

    accounts = register_accounts or {}
    return records("input_problems", [
        *({"source": accounts.get("file", ""), "problem": "workshop_not_held", "workshop_id": str(w["workshop_id"]),
           "value": str(w["title"]), "meant": "", "rows": str(w["row"])}
          for w in accounts.get("cancelled_workshops") or ()),
        # a totals row disagreeing with the workshops' sum: one of them is wrong (QA round 30: the log alone)
        *({"source": accounts.get("file", ""), "problem": "register_total_mismatch", "workshop_id": "",
           "value": f"{t['stated']} ≠ {t['summed']}", "meant": "", "rows": str(t["row"])}
          for t in accounts.get("totals_mismatch") or ())])


def _attendance_not_held(attendance_accounts: Mapping | None) -> pd.DataFrame:
    """One ``attendance_not_held`` row (schema ``input_problems``) per workshop the register says was not held
    that the attendance list still names, with the list's rows left out (QA round 31 F13: 7 companies "attended" a
    cancelled workshop and only the log said so)."""
    from pipeline.schemas import records

    accounts = attendance_accounts or {}
    return records("input_problems", [
        {"source": source.get("file", ""), "problem": "attendance_not_held", "workshop_id": str(w["workshop_id"]),
         "value": str(len(w["rows"])), "meant": "", "rows": ", ".join(str(r) for r in dict.fromkeys(w["rows"]))}
        for source in accounts.get("sources") or () for w in source.get("not_held") or ()])


def _listed_beyond_participants(register: pd.DataFrame | None, attendance: pd.DataFrame | None,
                                register_accounts: Mapping | None) -> pd.DataFrame:
    """One ``listed_beyond_participants`` row (schema ``input_problems``) per register workshop whose attendances
    (the attendance list and the register's companies column) name more companies than the register's
    participants figure (its upper end, for a range): one of them is wrong, as every company sent someone (QA
    round 39: 8 companies listed, 6 participants, a response rate of 5/6 and no word)."""
    import logging

    from pipeline.schemas import records

    if register is None or register.empty or attendance is None or attendance.empty \
            or "participants" not in register.columns:
        return records("input_problems", [])
    from pipeline.analysis.linking import WorkshopMatcher

    matcher = WorkshopMatcher(register)
    held = attendance.assign(_w=attendance["workshop"].map(matcher.one))
    listed = held.dropna(subset=["_w"]).groupby("_w")["company_id"].nunique()
    rows = []
    at = dict(zip(register["workshop_id"].astype(str), register["source_row"])) if "source_row" in register.columns \
        else {}
    for wid, participants in zip(register["workshop_id"].astype(str), register["participants"]):
        companies = int(listed.get(wid, 0))
        if pd.isna(participants) or companies <= int(participants):
            continue
        row = at.get(wid)
        rows.append({"source": (register_accounts or {}).get("file", ""), "problem": "listed_beyond_participants",
                     "workshop_id": wid, "value": f"{companies} > {int(participants)}", "meant": "",
                     "rows": "" if row is None or pd.isna(row) else str(int(row))})
        logging.getLogger("pipeline.analysis").warning(
            "workshop %s: %d companies attended it by the attendance records, but the register gives %d "
            "participants; the response rate and participations use the register's figure: correct one of them",
            wid, companies, int(participants))
    return records("input_problems", rows)


def _problem_text(row: Any) -> str:
    """One ``input_problems`` row as the log's line."""
    meant = f" (did you mean {row.meant!r}?)" if row.meant else ""
    if row.problem in ("repeated_company", "repeated_company_name"):
        basis = "business ID" if row.problem == "repeated_company" else "company name"
        return (f"{row.source}: rows {row.rows} answered for the same company (the same {basis}): it counts "
                f"once, with the options any of them chose; delete a row if it is a test or a mistake")
    if row.problem == "unread_export_answer":
        return (f"{row.source}, row(s) {row.rows}, export question: {row.value!r} is none of yes / maybe / no, so "
                f"those companies are out of the export figures; add the word to [analysis] export_yes, export_maybe "
                f"or export_no if it means one of them")
    if row.problem == "register_no_language":
        return (f"{row.source}: no workshop has a language (no language column, or it is empty), so the language "
                f"figures count companies but no workshops; add a column Kieli / Språk / Language (fi, sv, fi+sv)")
    if row.problem == "no_theme_answer":
        return (f"{row.source}: row(s) {row.rows} answered none of the theme questions (the check-all and the open "
                f"need); they count in every theme's base as not wanting it")
    if row.problem == "unread_register_language":
        return (f"{row.source}, row {row.rows}, column language: {row.value!r} names none of Finnish, Swedish and "
                f"English{meant}; workshop {row.workshop_id} counts in no language figure: correct the register if "
                f"it was held in one of them")
    rows = f"row {row.rows}" if "," not in row.rows else f"rows {row.rows}"
    return (f"{row.source}, {rows}, language question: {row.value!r} names none of Finnish, Swedish and "
            f"English{meant}; those companies are placed by the language of their open answers, if any: correct "
            f"the answer in the file")


def report_meta(analysis: Mapping, run_date: str, ingest_report: Mapping[str, Any],
                needs_source: SurveySource | None = None, feedback_taxonomy: Any = None,
                input_problems: pd.DataFrame | None = None, needs_taxonomy: Any = None) -> dict[str, Any]:
    """What the reports say about the run: survey name, respondents, date, the method settings, the feedback
    themes of general praise (``praise_themes``) and the needs taxonomy's other topics' names (``other_topics``).

    The respondents are the needs survey's accepted rows as ingest counted them (its small report, so that a
    rerun of the reports does not load the survey's tables); without a needs survey there are none to state
    (a feedback-only project read "Respondents: 0", QA round 11), and ``feedback_responses`` gives the feedback
    surveys' accepted rows instead."""
    from pipeline.privacy import scrub_path

    return {
        # a file name can carry a person's name or address ("Kaisa Korhonen vastaukset.csv"): scrubbed
        "survey": scrub_path(needs_source.path.name) if needs_source is not None else "",
        "respondents": int(ingest_report["needs"]["accepted"]) if "needs" in ingest_report else None,
        **({} if "needs" in ingest_report else
           {"feedback_responses": sum(int(r["accepted"]) for name, r in ingest_report.items()
                                      if name.startswith("feedback:"))}),
        "feedback_surveys": sum(name.startswith("feedback:") for name in ingest_report),
        "impact_survey": "impact" in ingest_report,
        "run_date": run_date,
        **{k: analysis[k] for k in ("confidence", "bootstrap_samples", "min_count", "min_base", "min_responses",
                                    "edition", "protection_interval", "feedback_unmet_max_tier",
                                    "feedback_min_supply_workshops", "misfit_other_share", "misfit_top_share",
                                    "subregions", "municipality_aliases")
           if k in analysis},
        "praise_themes": list(feedback_taxonomy.praise) if feedback_taxonomy is not None else [],
        # the needs the taxonomy in use names besides its themes, in each language: the emerging block says which
        # it looked for (QA round 37: the shipped ones were named whatever the project's taxonomy held)
        "other_topics": {slug: dict(topic.names) for slug, topic in needs_taxonomy.other_topics.items()}
        if needs_taxonomy is not None else {},
        # the steering report's data warnings name them (their rows and typed values are not for the public one)
        "input_problems": [] if input_problems is None or analysis.get("edition") == "public"
        else input_problems.fillna("").astype(object).to_dict("records"),
    }


def report_tables(report_meta: Mapping[str, Any], lang: str, **tables: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    """The tables the summaries show, as the edition shows them (quotes that may identify marked or left out)."""
    from pipeline.report import edition_tables

    return edition_tables({name: frame for name, frame in tables.items() if frame is not None}, report_meta, lang)


def report_workbook(report_tables: dict[str, pd.DataFrame], report_meta: Mapping[str, Any],
                    lang: str) -> dict[str, bytes]:
    """The summary workbook (``summary.xlsx``) → bytes; drawn with no chart, so beside them."""
    from pipeline.report import workbook_document

    return workbook_document(report_tables, report_meta, lang)


def reports(report_tables: dict[str, pd.DataFrame], figures: dict[str, bytes], report_meta: Mapping[str, Any],
            lang: str, report_workbook: dict[str, bytes]) -> dict[str, bytes]:
    """The summaries (``summary.html``, ``.xlsx``, ``.md``, ``.pptx``) → bytes."""
    from pipeline.report import text_documents

    pngs = {name[:-4]: data for name, data in figures.items() if name.endswith(".png")}
    return {**text_documents(report_tables, pngs, report_meta, lang), **report_workbook}


def _collector(func: Any, names: list[str], phase: str, **extra: str) -> Stage:
    """A stage reading every table in ``names`` (each optional) besides its own ``extra`` inputs."""
    inputs = {**extra, **{n: n for n in names}}
    return Stage(name=func.__name__, func=func, inputs=inputs, outputs=(func.__name__,),
                 optional=frozenset(names), phase=phase)


STAGES: tuple[Stage, ...] = (
    stage(needs_survey, phase="ingest"),
    stage(feedback_survey, name="feedback_surveys", map_over="feedback_source",
          rename={"feedback_source": "feedback_sources"}, phase="ingest"),
    stage(impact_survey, phase="ingest"),
    stage(questions, cache=False, phase="ingest"),
    stage(respondents, cache=False, phase="ingest"),
    stage(answers, cache=False, phase="ingest"),
    stage(workshop_register, outputs=("workshop_register", "register_accounts"), phase="ingest"),
    stage(ingest_accounts, outputs=("ingest_report", "rejected"), phase="ingest"),
    # the providers file is checked with the inputs: a slug it misspells stops the run before the coding (QA round 40)
    stage(service_catalogue, phase="ingest"),
    stage(themes, phase="code"),
    stage(needs_coder, lazy=True, phase="code"),
    stage(feedback_coder, lazy=True, phase="analyse_feedback"),
    stage(texts, phase="code"),
    stage(coding_reviews, phase="code"),
    stage(proposed_codes, phase="code"),
    stage(codes, phase="code"),
    stage(coded_texts, phase="code"),
    stage(other_topics_coder, phase="code"),
    stage(proposed_topics, phase="code"),
    stage(topic_codes, phase="code"),
    stage(company_topics, phase="code"),
    stage(emerging_themes, phase="code"),
    stage(coded_register, phase="analyse_feedback"),
    stage(feedback_texts, phase="analyse_feedback"),
    stage(feedback_proposed_codes, phase="analyse_feedback"),
    stage(feedback_codes, phase="analyse_feedback"),
    stage(coded_feedback, phase="analyse_feedback"),
    stage(coding_agreement, phase="report"),
    # a workbook of every coded answer: written in the background while the analysis goes on
    stage(coding_review, phase="report", parallel=True, preload=("pipeline.coding.review",)),
    stage(needs_params, phase="analyse_needs"),
    stage(feedback_params, phase="analyse_feedback"),
    stage(company_profiles, phase="analyse_needs"),
    stage(needs_tables, outputs=outputs.produced_by("needs_tables"), phase="analyse_needs", parallel=True),
    stage(survey_attendance, phase="analyse_feedback"),
    stage(feedback_tables, outputs=outputs.produced_by("feedback_tables"), phase="analyse_feedback", parallel=True),
    stage(open_answers, phase="report"),
    stage(question_tables, outputs=outputs.produced_by("question_tables"), phase="analyse_questions"),
    stage(data_used, phase="analyse_questions"),
    stage(attendance, outputs=("attendance", "attendance_accounts"), phase="ingest"),
    stage(linking_tables, outputs=outputs.produced_by("linking_tables"), phase="analyse_companies"),
    stage(funnel, phase="analyse_companies"),
    stage(company_languages, phase="analyse_companies"),
    stage(service_requests, phase="analyse_companies"),
    stage(language, phase="analyse_companies"),
    stage(language_requests, phase="analyse_companies"),
    stage(routing_tables, outputs=outputs.produced_by("routing_tables"), phase="analyse_companies"),
    stage(ci_level, phase="charts"),
    *(stage(chart, name=f"chart_{c.stem}", rename={"table": c.table}, fixed={"stem": c.stem}, parallel=True,
          phase="charts", preload=("pipeline.charts.render:warm",))
      for c in outputs.CHARTS),
    _collector(figures, [f"chart_{c.stem}" for c in outputs.CHARTS], "charts"),
    stage(input_problems, phase="analyse_companies"),
    stage(report_meta, phase="report"),
    _collector(report_tables, list(outputs.report_tables()), "report", report_meta="report_meta", lang="lang"),
    stage(report_workbook, parallel=True, phase="report"),
    stage(reports, phase="report"),
)

GRAPH = Graph(STAGES)
