"""Every table's columns and types, in one place, and the check run at each stage boundary.

A schema maps a column name to a pandas dtype name. ``"list"`` means a column of Python lists (stored as
Parquet list columns). A table may carry extra columns after the declared ones; the declared ones must be
present with their types. ``conform`` casts a frame to its schema (column order, dtypes); ``validate``
checks without changing anything and raises ``SchemaError`` with a message that says how to fix it.
"""
from __future__ import annotations

from typing import Mapping

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
    "source": "string",         # open | other_text | option
    "text": "string",           # scrubbed
}
CODES: Schema = {
    "text_id": "string",
    "lang": "string",           # fi | sv | en
    "theme": "string",          # main theme slug, or "other"
    "themes": "string",         # every theme that applies, ";"-joined, sorted by confidence then slug
    "confidence": "float64",    # confidence of the main theme, 0..1
}
EMERGING_THEMES: Schema = {
    "cluster_id": "Int64",
    "label": "string",          # top lemmas, ", "-joined
    "answers": "Int64",
    "examples": "list",         # two or three scrubbed example answers
}

# --- WP1 needs analysis (pipeline/analysis/needs.py) ------------------------------------------------------
THEME_RANKING: Schema = {
    "theme": "string",
    "theme_name": "string",
    "companies": "Int64",
    "respondents": "Int64",
    "share": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
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
    "companies": "Int64",       # <NA> when suppressed
    "base": "Int64",
    "share": "float64",         # <NA> when suppressed
    "suppressed": "bool",
}

# --- WP3 evaluation (pipeline/analysis/feedback.py) -------------------------------------------------------
WORKSHOPS: Schema = {
    "workshop_id": "string",
    "date": "datetime64[ns]",
    "title": "string",
    "themes": "string",         # ";"-joined needs-taxonomy slugs
    "format": "string",         # onsite | online
    "locality": "string",
    "organiser": "string",
    "language": "string",
    "participants": "Int64",
    "participants_note": "string",
}
FEEDBACK_SUMMARY: Schema = {
    "workshop_id": "string",
    "title": "string",
    "date": "datetime64[ns]",
    "participants": "Int64",
    "responses": "Int64",
    "response_rate": "float64",
}

SCHEMAS: dict[str, Schema] = {
    "questions": QUESTIONS, "respondents": RESPONDENTS, "answers": ANSWERS, "rejected": REJECTED,
    "texts": TEXTS, "codes": CODES, "emerging_themes": EMERGING_THEMES,
    "theme_ranking": THEME_RANKING, "theme_by_segment": THEME_BY_SEGMENT,
    "workshops": WORKSHOPS, "feedback_summary": FEEDBACK_SUMMARY,
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


def empty(name: str) -> pd.DataFrame:
    """An empty frame with the columns and dtypes of schema ``name``."""
    return conform(pd.DataFrame({c: [] for c in SCHEMAS[name]}), name)


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
        if dtype == "list":
            out[column] = pd.Series([list(v) if isinstance(v, (list, tuple)) else [] for v in out[column]],
                                    index=out.index, dtype=object)
        elif dtype.startswith("datetime64"):
            out[column] = pd.to_datetime(out[column]).astype("datetime64[ns]")
        elif dtype == "bool":
            out[column] = out[column].fillna(False).astype(bool)
        else:
            out[column] = out[column].astype(dtype)
    return validate(out, name)
