"""Every table's columns and types, in one place, and the check run at each stage boundary.

A schema maps a column name to a pandas dtype name. ``"list"`` means a column of Python lists (stored as
Parquet list columns). A table may carry extra columns after the declared ones; the declared ones must be
present with their types. ``conform`` casts a frame to its schema (column order, dtypes); ``validate``
checks without changing anything and raises ``SchemaError`` with a message that says how to fix it.
"""
from __future__ import annotations

import functools
from typing import Any, Mapping

import pandas as pd

from pipeline.errors import InputError

Schema = Mapping[str, str]

# --- ingest (pipeline/ingest) ---------------------------------------------------------------------------
QUESTIONS: Schema = {
    "question_id": "string",   # stable id: the tool's code (Q3, q1, Dom_5) or q01, q02 ... by position
    "text": "string",          # question text as shown to respondents (header), whitespace-normalised
    "type": "string",          # single | multi | likert | open | other_text | number | date | meta
    "columns": "list",         # source column headers this question was read from
    "options": "list",         # single/multi: option labels; likert: scale labels low -> high; else []
    "role": "string",          # analysis role (pipeline/roles.py), "" when none
}
RESPONDENTS: Schema = {
    "respondent_id": "string",  # keyed pseudonym (HMAC-SHA-256), never the raw id or e-mail
    "company_id": "string",     # pseudonym of the business ID when the survey has one, else respondent_id
    "source_row": "Int64",      # 1-based row number in the file as a spreadsheet shows it (header rows included)
    "submitted_at": "datetime64[ns]",
}
# columns of ``respondents`` that ingest writes and readers take when present (a table made elsewhere may lack them)
RESPONDENTS_OPTIONAL: Schema = {
    # the copy of a questionnaire in two languages the respondent answered: fi | sv | en, "" when the file holds
    # one language or the row's answers do not tell (its scale answers are no one language's words)
    "form_language": "string",
}
ANSWERS: Schema = {
    "respondent_id": "string",
    "question_id": "string",
    "item": "string",          # multi: the option; likert: the statement; "" otherwise
    "value": "string",         # closed answers: the label (single/multi/likert), or the number/date as text
    "text": "string",          # open and other_text answers: scrubbed free text; <NA> otherwise
    "score": "float64",        # likert: 1..k position on the scale; number: the value; NaN otherwise
    "is_dont_know": "bool",    # "en osaa sanoa" / "vet inte" / "don't know" / N/A: kept off the scale
}
REJECTED: Schema = {
    "source_row": "Int64",
    "reason": "string",
}

# --- text and coding (pipeline/text, pipeline/coding) ----------------------------------------------------
TEXTS: Schema = {
    "text_id": "string",        # "<respondent_id>:<question_id>" for answers, "option:<question_id>:<n>" for labels
    "respondent_id": "string",  # <NA> for option labels
    "question_id": "string",
    "source": "string",         # open | other_text | option | item
    "text": "string",           # scrubbed
    "question": "string",       # the question's text (for a label: the question it belongs to)
    "answer_id": "string",      # hash of question and text (pipeline.coding.review.answer_id): stable across runs
}
CODES: Schema = {
    "text_id": "string",
    "lang": "string",           # fi | sv | en, "" for a text in none of them
    "theme": "string",          # main theme slug, or "other"
    "themes": "string",         # every theme that applies, ";"-joined, sorted by confidence then slug
    "confidence": "float64",    # confidence of the main theme, 0..1
    # The coder also writes an extra column `evidence` (string): the terms that decided each theme
    # ("sales: asiakashankinta, myynti; branding: some"), "below threshold: data 0.45" for a theme that
    # scored too little, "reviewed" for an answer the analyst coded. It travels as an extra column (not
    # declared here) so that codes frames built without it, e.g. by hand in tests, stay valid.
}
CODED_TEXTS: Schema = {         # texts joined with their codes: what every reader of coded answers uses
    **TEXTS,
    "lang": "string",
    "theme": "string",          # main theme slug, or "other"
    "themes": "list",           # every theme that applies (the main theme alone when the code lists none)
    "confidence": "float64",
    "reviewed": "bool",         # an analyst's review gave the answer its themes
    "uncertain_themes": "list",  # themes of an unreviewed answer coded below [coding] review_threshold
}
CODING_AGREEMENT: Schema = {    # the machine's coding against the analyst's review (pipeline/coding/review.py)
    "taxonomy": "string",       # needs | feedback
    "theme": "string",          # a theme slug, "other", or "all" (the taxonomy as a whole)
    "theme_name": "string",     # the theme's name in the report language (missing for "all")
    "reviewed": "Int64",        # reviewed answers compared
    "analyst": "Int64",         # of them, given the theme by the analyst ("all": theme codes in total)
    "machine": "Int64",         # ... by the machine, blind to the review
    "precision": "float64",     # machine's theme confirmed by the analyst
    "recall": "float64",        # analyst's theme found by the machine
    "kappa": "float64",         # Cohen's kappa (per theme: yes/no; "all": the main theme)
    "alpha": "float64",         # "all" only: Krippendorff's alpha of the theme sets, MASI distance
    "answers": "Int64",         # distinct coded answers of the taxonomy
    "share_reviewed": "float64",  # reviewed / answers
    "uncertain": "Int64",       # unreviewed answers coded below [coding] review_threshold (with the theme)
}
THEMES: Schema = {               # every theme of both taxonomies, named in the report language
    "theme": "string",          # slug
    "taxonomy": "string",       # needs | feedback
    "theme_name": "string",
    "is_other": "bool",         # the catch-all of the needs taxonomy
}
EMERGING_THEMES: Schema = {
    "cluster_id": "Int64",
    "topic": "string",          # slug of the taxonomy's other_topics, "" for a cluster of other answers
    "label": "string",          # the topic's name in the report language, or a cluster's top lemmas, ", "-joined
    "answers": "Int64",
    "companies": "Int64",       # distinct companies behind the answers (a company's other text and its open
                                # answer are two answers)
    "base": "Int64",            # companies of the needs survey
    "share": "float64",         # companies / base, Wilson ci_low / ci_high
    "ci_low": "float64",
    "ci_high": "float64",
    "examples": "list",         # two or three scrubbed example answers
}

# --- WP1 needs analysis (pipeline/analysis/needs.py) ------------------------------------------------------
THEME_RANKING: Schema = {
    "theme": "string",
    "theme_name": "string",
    "companies": "Int64",
    "companies_uncertain": "Int64",  # of them, placed only through unreviewed codes below the review threshold
    "respondents": "Int64",
    "share": "float64",
    "ci_low": "float64",        # Wilson lower bound without the uncertain companies ...
    "ci_high": "float64",       # ... upper bound with them
    "rank": "Int64",
    "rank_low": "Int64",
    "rank_high": "Int64",
    "p_top": "float64",         # bootstrap probability of being in the top k (analysis.top_k)
    "tier": "Int64",
}
THEME_BY_SEGMENT: Schema = {
    "segment_type": "string",   # municipality | subregion | sector | size
    "segment": "string",
    "theme": "string",
    "theme_name": "string",
    "companies": "Int64",       # <NA> when suppressed
    "base": "Int64",
    "share": "float64",         # <NA> when suppressed
    "suppressed": "bool",
    "ci_low": "float64",        # Wilson interval of share; <NA> when suppressed
    "ci_high": "float64",
    "members": "string",        # municipalities pooled into this segment, ";"-joined (municipality/subregion)
}
OPEN_THEME_SHARE: Schema = {    # share of open needs answers (not companies) placed in each theme
    "theme": "string",
    "theme_name": "string",
    "answers": "Int64",         # open answers whose themes include this theme
    "n": "Int64",               # coded open answers
    "share": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
}
OPTION_COUNTS: Schema = {       # one row per option of each interests (multi-select) question
    "question_id": "string",
    "option": "string",
    "respondents": "Int64",     # respondents who selected the option
    "base": "Int64",            # respondents who selected at least one option of the question
    "share": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
    "themes": "string",         # themes the option label was coded into, ";"-joined ("" when not coded)
}
OPTION_RANKING: Schema = {      # one row per option of each interests question, counted in companies
    "question_id": "string",
    "option": "string",
    "theme": "string",          # the workshop theme the option's label was coded into (its main theme), or other
    "theme_name": "string",
    "companies": "Int64",       # companies that chose the option (several respondents of a company count once)
    "base": "Int64",            # companies that chose any option of the question
    "share": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
}
LIKERT_SUMMARY: Schema = {      # one row per statement of each competence grid
    "question_id": "string",
    "question": "string",
    "item": "string",
    "n": "Int64",               # answers on the scale (don't know excluded)
    "n_dont_know": "Int64",
    "top2": "Int64",            # answers in the top analysis.top_box points of the scale
    "share": "float64",         # top2 / n
    "ci_low": "float64",
    "ci_high": "float64",
    "median_score": "float64",
    "median_label": "string",   # "A / B" when the median falls between two labels
}
LIKERT_DISTRIBUTION: Schema = {  # statement x answer label, for diverging bars
    "question_id": "string",
    "question": "string",
    "item": "string",
    "label": "string",
    "score": "float64",         # 1..k; NaN for don't know
    "is_dont_know": "bool",
    "count": "Int64",
    "base": "Int64",            # scale labels: n (don't know excluded); don't know: every answer
    "share": "float64",         # count / base
}
EXPORT_READINESS: Schema = {    # companies by export answer, overall and by sector and size
    "segment_type": "string",   # all | sector | size
    "segment": "string",
    "answer": "string",         # yes | maybe | no
    "companies": "Int64",       # <NA> when suppressed
    "base": "Int64",            # companies answering the export question in the segment
    "share": "float64",         # <NA> when suppressed
    "ci_low": "float64",
    "ci_high": "float64",
    "suppressed": "bool",
    "question": "string",
}
NEED_VS_COMPETENCE: Schema = {  # one row per theme x competence statement coded into that theme
    "theme": "string",
    "theme_name": "string",
    "companies": "Int64",
    "respondents": "Int64",
    "demand_share": "float64",
    "demand_ci_low": "float64",
    "demand_ci_high": "float64",
    "question_id": "string",
    "item": "string",
    "competence_n": "Int64",
    "competence_top2": "Int64",
    "competence_share": "float64",
    "competence_ci_low": "float64",
    "competence_ci_high": "float64",
}
QUOTES: Schema = {              # scrubbed open answers that show what a tier-1 theme means
    "theme": "string",
    "theme_name": "string",
    "quote_no": "Int64",        # 1..analysis.quotes_per_theme
    "text_id": "string",
    "text": "string",
    "lang": "string",
    "confidence": "float64",
}
COMPANY_THEMES: Schema = {      # one row per company and theme it counts for
    "company_id": "string",
    "theme": "string",
    "is_from_options": "bool",  # placed there by a selected interests option
    "is_from_text": "bool",     # placed there by a coded open or other_text answer
    "is_certain": "bool",       # by at least one code that is reviewed or at or above the review threshold
}
NEEDS_SCHEMAS: dict[str, Schema] = {
    "theme_ranking": THEME_RANKING, "theme_by_segment": THEME_BY_SEGMENT, "open_theme_share": OPEN_THEME_SHARE,
    "option_counts": OPTION_COUNTS, "option_ranking": OPTION_RANKING,
    "likert_summary": LIKERT_SUMMARY, "likert_distribution": LIKERT_DISTRIBUTION,
    "export_readiness": EXPORT_READINESS, "need_vs_competence": NEED_VS_COMPETENCE, "quotes": QUOTES,
    "company_themes": COMPANY_THEMES,
}

# --- WP3 evaluation (pipeline/analysis/feedback.py) -------------------------------------------------------
WORKSHOPS: Schema = {
    "workshop_id": "string",
    "date": "datetime64[ns]",
    "title": "string",
    "themes": "string",         # ";"-joined needs-taxonomy slugs
    "format": "string",         # onsite | online | hybrid
    "locality": "string",
    "organiser": "string",
    "language": "string",
    "participants": "Int64",
    "participants_note": "string",
}
WORKSHOP_REGISTER: Schema = {  # the validated register (workshop_register): WORKSHOPS plus these
    **WORKSHOPS,
    "hours": "float64",         # NaN when the register does not say
    "participants_low": "Int64",  # the lower end when participants were written as a range (7-18), else the same
    "is_rate_known": "bool",    # false: no participants figure, left out of rates and participation totals
    "is_themes_coded": "bool",  # themes came from coding the title with the needs taxonomy
    "source_row": "Int64",      # spreadsheet row in workshops.csv (header = row 1)
}
_RATINGS: Schema = {           # rating figures shared by feedback_summary and feedback_overall
    "satisfaction_n": "Int64",  # valid 1-5 satisfaction answers
    "n_1": "Int64", "n_2": "Int64", "n_3": "Int64", "n_4": "Int64", "n_5": "Int64",
    "top2_share": "float64",    # satisfaction 4-5 / satisfaction_n, Wilson ci_low / ci_high
    "ci_low": "float64",
    "ci_high": "float64",
    "median": "float64",
    "usefulness_n": "Int64",
    "usefulness_top2_share": "float64",
    "usefulness_ci_low": "float64",
    "usefulness_ci_high": "float64",
    "usefulness_median": "float64",
    "practicality_n": "Int64",
    "practicality_top2_share": "float64",
    "practicality_ci_low": "float64",
    "practicality_ci_high": "float64",
    "practicality_median": "float64",
    "nps_n": "Int64",           # valid 0-10 would-recommend answers
    "n_promoters": "Int64",     # 9-10
    "n_passives": "Int64",      # 7-8
    "n_detractors": "Int64",    # 0-6
    "nps": "float64",           # (promoters - detractors) / nps_n x 100
    "nps_ci_low": "float64",    # adjusted-Wald interval (Rocks 2016), points
    "nps_ci_high": "float64",
    "comments": "Int64",        # respondents who wrote a good / improve comment
    "is_small_n": "bool",       # surveyed, and responses < analysis.min_responses: too few to report
}
FEEDBACK_SUMMARY: Schema = {   # one row per register workshop
    "workshop_id": "string",
    "title": "string",
    "date": "datetime64[ns]",
    "participants": "Int64",
    "responses": "Int64",       # feedback respondents tied to this workshop
    "response_rate": "float64",  # responses / participants; NaN when participants unknown or 0, or not surveyed
    "response_rate_high": "float64",  # responses / participants_low (a range 7-18 gives a range of rates), else the same
    "is_rate_known": "bool",    # the register gives participants
    "is_surveyed": "bool",      # some feedback file is about this workshop (config or workshop column)
    **_RATINGS,
}
FEEDBACK_OVERALL: Schema = {   # one row pooling every workshop's feedback
    "workshops": "Int64",
    "workshops_with_feedback": "Int64",
    "responses": "Int64",
    "participants_rate_known": "Int64",  # participants of workshops whose figure is known
    "responses_rate_known": "Int64",     # responses to those workshops
    "response_rate": "float64",          # responses_rate_known / participants_rate_known
    "participants_low_rate_known": "Int64",  # the same participants, ranges (7-18) at their lower end
    "response_rate_high": "float64",     # responses_rate_known / participants_low_rate_known
    **_RATINGS,
}
FEEDBACK_RATINGS: Schema = {   # one row per rating the feedback surveys asked, pooled over the workshops
    "measure": "string",          # satisfaction | usefulness | practicality
    "n": "Int64",                 # answers on the scale
    "top2": "Int64",              # answers in its two highest points
    "share": "float64",           # top2 / n
    "ci_low": "float64",
    "ci_high": "float64",
    "median": "float64",
}
FEEDBACK_DISTRIBUTION: Schema = {  # workshop x satisfaction level, for diverging bars
    "workshop_id": "string",
    "title": "string",
    "date": "datetime64[ns]",
    "level": "Int64",           # 1..5
    "responses": "Int64",
    "base": "Int64",            # satisfaction_n of the workshop
    "is_small_n": "bool",
    "share": "float64",
}
FEEDBACK_THEMES: Schema = {    # coded open comments per theme, overall and per workshop
    "scope": "string",          # overall | workshop
    "workshop_id": "string",    # <NA> for overall
    "prompt": "string",         # good | improve | all
    "theme": "string",          # feedback-taxonomy slug or other
    "theme_name": "string",
    "comments": "Int64",
    "base": "Int64",            # coded comments in the scope and prompt
    "share": "float64",         # comments can carry several themes: shares do not sum to 1
    "ci_low": "float64",
    "ci_high": "float64",
    "is_small_n": "bool",
}
FEEDBACK_QUOTES: Schema = {    # scrubbed comments that show what a theme means; impact answers (prompt impact)
    "prompt": "string",         # good | improve | impact
    "theme": "string",
    "theme_name": "string",
    "workshop_id": "string",
    "text_id": "string",
    "text": "string",
    "confidence": "float64",
    "rank": "Int64",
}
FEEDBACK_PROBLEMS: Schema = {  # everything kept out of the figures, and why
    "source": "string",         # file name, or "workshops register"
    "workshop_id": "string",
    "problem": "string",        # unknown_workshop | no_workshop | participants_unknown | out_of_range | ...
    "responses": "Int64",       # responses or answers affected
    "detail": "string",         # one line in English (also logged)
}
IMPACT_SUMMARY: Schema = {
    "measure": "string",        # impact | contacts | impact_text
    "answer": "string",         # yes | partly | no | yes_or_partly | answered
    "kirkpatrick_level": "string",
    "companies": "Int64",       # each company once (its latest response)
    "base": "Int64",
    "share": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
    "is_small_n": "bool",
}
KIRKPATRICK: Schema = {        # which figure speaks to which Kirkpatrick level
    "level": "string",          # reaction | learning | behaviour | results
    "level_order": "Int64",
    "table": "string",          # "" when the level is not measured
    "figure": "string",         # column (feedback_summary) or measure (impact_summary)
    "n": "Int64",
    "is_measured": "bool",
    "note_key": "string",       # message key explaining the figure (feedback.kp.*)
}
COVERAGE: Schema = {           # needs theme: WP1 demand against workshop supply
    "theme": "string",
    "theme_name": "string",
    "demand_share": "float64",
    "demand_ci_low": "float64",
    "demand_ci_high": "float64",
    "demand_base": "Int64",     # needs-survey respondents behind demand_share
    "demand_rank": "Int64",
    "demand_tier": "Int64",
    "workshops": "Int64",       # a workshop with several themes counts for each
    "hours": "float64",         # sum of the known hours; NaN when none known
    "workshops_hours_known": "Int64",
    "participations": "Int64",  # attendances where known (not companies)
    "workshops_participants_known": "Int64",
    "is_unmet": "boolean",      # asked for (demand_share > 0), tier <= feedback_unmet_max_tier and workshops <
    #                             feedback_min_supply_workshops; empty where the edition hides the demand
}
PARTICIPATION_TIMELINE: Schema = {
    "month": "datetime64[ns]",  # first day of the month, every month from the first workshop to the last
    "workshops": "Int64",
    "workshops_participants_unknown": "Int64",
    "participations": "Int64",
    "cumulative_participations": "Int64",
}
REACH: Schema = {
    "indicator": "string",      # workshops | participations | ... | unique_companies
    "value": "Int64",           # <NA> when not known
    "is_known": "bool",
    "basis": "string",          # what the figure is counted from
    "note_key": "string",
}
FEEDBACK_SCHEMAS: dict[str, Schema] = {
    "workshop_register": WORKSHOP_REGISTER, "feedback_summary": FEEDBACK_SUMMARY,
    "feedback_overall": FEEDBACK_OVERALL, "feedback_ratings": FEEDBACK_RATINGS,
    "feedback_distribution": FEEDBACK_DISTRIBUTION,
    "feedback_themes": FEEDBACK_THEMES, "feedback_quotes": FEEDBACK_QUOTES,
    "feedback_problems": FEEDBACK_PROBLEMS, "impact_summary": IMPACT_SUMMARY, "kirkpatrick": KIRKPATRICK,
    "coverage": COVERAGE, "participation_timeline": PARTICIPATION_TIMELINE, "reach": REACH,
}

# --- companies across the surveys, language, service routing (pipeline/analysis/linking.py, language.py,
# routing.py); every company appears only as a keyed pseudonym
_SHARE_CI: Schema = {"share": "float64", "ci_low": "float64", "ci_high": "float64"}
LINKING_SCHEMAS: dict[str, Schema] = {
    "attendance": {             # the attendance list, pseudonymised (no names)
        "record_id": "string",  # attendance:<spreadsheet row>
        "workshop": "string",   # the workshop as the list writes it (an id or a title of the register)
        "company_id": "string",
        "basis": "string",      # business_id | name
        "name_id": "string",    # pseudonym of the folded company name, "" without one
        "source_row": "Int64",
    },
    "company_links": {          # one row per answer or attendance row: its company across the sources
        "source": "string",     # needs | feedback:<file> | impact | attendance
        "record_id": "string",  # the respondent's pseudonym (attendance:<row> for the list)
        "company_id": "string",  # the linked company's pseudonym
        "source_company_id": "string",  # the company id the source itself gave
        "basis": "string",      # business_id | name | none (the respondent's own pseudonym)
        "name_id": "string",
        "is_identified": "bool",
    },
    "linking": {                # how many companies were linked, how, and how many could not be
        "measure": "string",    # companies | unidentified | linked | linked_by | not_in_needs
        "source": "string",     # needs | feedback | impact | attendance | all | business_id | name
        "companies": "Int64",
        "base": "Int64",        # answers of the source (companies, unidentified) or companies of the others
    },
    "funnel": {                 # per needs theme: did the workshops reach the companies that asked
        "theme": "string", "theme_name": "string",
        "workshops": "Int64",   # register workshops on the theme
        "asked": "Int64",       # companies the needs survey places in the theme
        "traced": "Int64",      # of them, companies whose attendance is known
        "attended": "Int64",    # of those, companies that attended a workshop on the theme
        "impact_base": "Int64",  # attended askers answering the impact question
        "impact_yes": "Int64",  # ... yes or partly
        "attended_without_asking": "Int64",  # traced companies that attended the theme without asking for it
        **_SHARE_CI,            # attended / traced, Wilson
        "impact_share": "float64", "impact_ci_low": "float64", "impact_ci_high": "float64",
        "suppressed": "bool",
    },
    "company_languages": {      # microdata: each linked company and a language it uses
        "company_id": "string", "language": "string",
        "basis": "string",      # question (a business-language answer) | form (the language copy its rows
                                # answered) | answers (the language it wrote in)
    },
    "language": {               # the language segment
        "measure": "string",    # companies | workshops | workshops_incl_bilingual | participations |
                                # participations_incl_bilingual | satisfaction | service_requests
        "language": "string",   # fi | sv | en | fi+sv (bilingual) …
        "value": "Int64", "base": "Int64",
        "value_low": "Int64", "base_low": "Int64",  # lower ends where the register wrote participants as a
                                # range (7-18): value and base are then the upper ends; else the same
        "value_only": "Int64",  # companies rows: those of the value that use no other language; else empty
        **_SHARE_CI,            # share = value / base; the interval spans every value and base in the ranges
        "suppressed": "bool",
    },
    "language_requests": {      # the open answers counted as service_requests: the evidence
        "language": "string",   # the language asked for
        "survey": "string",     # needs | feedback | impact
        "text": "string",       # the answer, scrubbed at ingest
        "answers": "Int64",     # how many answers of that survey say it in these words
    },
    "service_catalogue": {      # the provider catalogue, validated
        "name": "string", "kind": "string", "themes": "list", "languages": "list", "municipalities": "list",
        "services": "string", "url": "string",
    },
    "service_routing": {        # per demanded theme: who serves it
        "theme": "string", "theme_name": "string",
        "demand_companies": "Int64",   # companies asking for the theme
        "swedish_demand_companies": "Int64",  # of them, companies using Swedish
        "providers": "string",  # provider names, "; "-joined
        "provider_languages": "string",  # languages they serve in, "; "-joined
        "is_gap": "bool",       # demanded, no provider
        "is_language_gap": "boolean",  # Swedish-using companies ask, no provider serves it in Swedish (empty in
                                # the public edition where it would tell a hidden count of them is 0)
        "unserved_companies": "Int64",  # askers with no provider of the theme in their municipality and language
                                        # (steering edition only; empty in the public edition)
        "unserved_swedish_companies": "Int64",  # Swedish-using askers with no provider serving the theme in
                                        # Swedish in their municipality (steering edition only)
        "idle_providers": "string",     # providers of the theme that serve none of its askers where they are
                                        # and in their language, "; "-joined (steering edition only)
        "suppressed": "bool",
    },
    "company_topics": {         # each company whose needs answers name a topic of the taxonomy's other_topics
        "company_id": "string", "theme": "string",
    },
    "company_routing": {        # steering edition only: each asking company's providers per theme
        "company_id": "string", "theme": "string",
        "providers": "string",          # those serving the theme in the company's municipality and language
        "language": "string",
        "municipality": "string",       # the company's, as the sub-region mapping spells it
        "other_providers": "string",    # serving the theme, but not listing its municipality or language
    },
    "input_problems": {         # what would change a figure without a word: said in the log and the report
        "source": "string",             # the file, or "workshop register"
        "problem": "string",            # repeated_company | unread_language_answer | unread_register_language |
                                        # unmatched_attendance | unread_register_theme | invalid_business_id |
                                        # stale_review | attendance_not_held | listed_beyond_participants |
                                        # close_call_single | close_call_open | near_scale | scale_label_read | ...
        "rows": "string",               # spreadsheet rows, ", "-separated
        "value": "string",              # the label that could not be read (scrubbed)
        "meant": "string",              # the word it may misspell, or ""
        "workshop_id": "string",
    },
    "company_profiles": {       # intermediate, never written: each needs-survey company's segments
        "company_id": "string", "municipality": "string", "subregion": "string", "sector": "string",
        "size": "string",
    },
}

# --- every question reported, and what was used (pipeline/analysis/questions.py) -----------------------------
QUESTION_SCHEMAS: dict[str, Schema] = {
    "question_distribution": {  # per company: each answer of a question no analysis reads
        "survey": "string",     # needs | feedback (every file pooled by question text) | impact
        "question_id": "string",
        "question": "string",
        "type": "string",       # single | multi | likert (counts add up to the base) | open (themes of the answers)
        "item": "string",       # likert: the statement; "" otherwise
        "answer": "string",     # the option, scale label, or theme name
        "score": "float64",     # likert: 1..k; NaN otherwise
        "companies": "Int64",   # companies giving the answer (one answer per company and statement); <NA> hidden
        "base": "Int64",        # companies answering (don't know excluded)
        "share": "float64",
        "ci_low": "float64",
        "ci_high": "float64",
        "suppressed": "bool",
    },
    "question_scales": {        # rating scales and numbers: mean beside the top-box share, per statement
        "survey": "string", "question_id": "string", "question": "string",
        "type": "string",       # likert | number
        "item": "string",
        "n": "Int64",           # companies on the scale
        "mean": "float64",      # of the numeric labels when the scale is numbered, else of the positions 1..k
        "median": "float64",
        "top2": "Int64",        # companies in the top analysis.top_box points (<NA> for a number question)
        "share": "float64",     # top2 / n, Wilson ci_low / ci_high
        "ci_low": "float64",
        "ci_high": "float64",
    },
    "question_answers": {       # every open answer of a question no analysis reads, with its themes
        "survey": "string", "question_id": "string", "question": "string",
        "text_id": "string",
        "text": "string",
        "themes": "string",     # theme names, ", "-joined
        "taxonomy": "string",   # the taxonomy that fitted the answers: needs | feedback
    },
    "data_used": {              # each input question: its role and the tables that read it, or why not
        "survey": "string", "file": "string",
        "files": "Int64",       # files asking the question (feedback surveys: one per workshop)
        "question_id": "string", "question": "string", "type": "string",
        "role": "string",       # "" when none
        "use": "string",        # analysis | own_section | longer_scale | other_text | metadata | contact_notes |
        #                         identity | not_found
        "used_in": "string",    # the tables that read it
        "is_key": "bool",       # not_found: the survey's main analysis needs this role
    },
}

SCHEMAS: dict[str, Schema] = {
    "questions": QUESTIONS, "respondents": RESPONDENTS, "answers": ANSWERS, "rejected": REJECTED,
    "texts": TEXTS, "codes": CODES, "coded_texts": CODED_TEXTS, "coding_agreement": CODING_AGREEMENT,
    "themes": THEMES, "emerging_themes": EMERGING_THEMES,
    **NEEDS_SCHEMAS,
    "workshops": WORKSHOPS, **FEEDBACK_SCHEMAS,
    **LINKING_SCHEMAS,
    **QUESTION_SCHEMAS,
}


class SchemaError(InputError):
    """A table does not match its declared schema."""


def _matches(series: pd.Series, dtype: str) -> bool:
    if dtype == "list":
        return series.dtype == object and all(isinstance(v, (list, tuple)) for v in series.dropna())
    if dtype.startswith("datetime64"):
        return pd.api.types.is_datetime64_any_dtype(series)
    if dtype == "string":
        return pd.api.types.is_string_dtype(series) or series.isna().all()
    if dtype == "Int64":
        return pd.api.types.is_integer_dtype(series) or series.isna().all()
    if dtype == "float64":
        return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
    if dtype == "bool":
        return pd.api.types.is_bool_dtype(series)
    return str(series.dtype) == dtype


def validate(frame: pd.DataFrame, name: str, where: str = "") -> pd.DataFrame:
    """Return ``frame`` unchanged if it has every column of schema ``name`` with a compatible type.

    Raises ``SchemaError`` naming the table, the place (``where``: a file or stage) and the columns to fix.
    """
    schema = SCHEMAS[name]
    place = f"{where}: " if where else ""
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise SchemaError(f"{place}table {name} lacks column(s) {', '.join(missing)}; "
                          f"expected {', '.join(schema)}")
    wrong = [f"{c} ({frame[c].dtype}, want {t})" for c, t in schema.items() if not _matches(frame[c], t)]
    if wrong:
        raise SchemaError(f"{place}table {name} has column(s) of the wrong type: {', '.join(wrong)}")
    return frame


def records(name: str, rows) -> pd.DataFrame:
    """A frame of schema ``name`` from ``rows`` (dicts keyed by its columns), conformed; empty when there are none."""
    return conform(pd.DataFrame(list(rows), columns=list(SCHEMAS[name])), name)


def empty(name: str) -> pd.DataFrame:
    """An empty frame with the columns and dtypes of schema ``name``."""
    return conform(pd.DataFrame({c: [] for c in SCHEMAS[name]}), name)


@functools.lru_cache(maxsize=None)
def _dtype(name: str) -> Any:
    """The pandas dtype object of a declared dtype name (resolved once per name)."""
    return pd.api.types.pandas_dtype(name)


def conform(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return a copy of ``frame`` with the schema's columns first, cast to the declared dtypes.

    Extra columns follow in their original order. A missing declared column raises ``SchemaError``.
    """
    schema = SCHEMAS[name]
    missing = [c for c in schema if c not in frame.columns]
    if missing:
        raise SchemaError(f"table {name} lacks column(s) {', '.join(missing)}")
    out = frame[list(schema) + [c for c in frame.columns if c not in schema]].copy()
    for column, dtype in schema.items():
        current = out[column].dtype
        if dtype not in ("list", "bool") and not dtype.startswith("datetime64") and \
                type(current) is type(_dtype(dtype)) and current == _dtype(dtype):
            continue   # already the declared dtype (same storage too): a cast would only copy the column
        if dtype == "list":
            out[column] = pd.Series([list(v) if isinstance(v, (list, tuple)) else [] for v in out[column]],
                                    index=out.index, dtype=object)
        elif dtype.startswith("datetime64"):
            out[column] = pd.to_datetime(out[column]).astype("datetime64[ns]")
        elif dtype == "bool":
            out[column] = out[column].astype("boolean").fillna(False).astype(bool)
        else:
            out[column] = out[column].astype(dtype)
    return validate(out, name)
