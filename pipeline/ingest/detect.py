"""Which survey tool wrote an export, and how many header rows it has, from layout signatures only.

Signatures (see docs/export-layouts.md): Qualtrics' third row of ``{"ImportId"`` JSON (or the
2016 single-quoted variant) and the legacy ``V1…`` first row; LimeSurvey's ``submitdate``/``lastpage``/
``startlanguage`` (or their full-text headings); SurveyMonkey's second row of ``Response`` /
``Other (please specify)`` under a first row that names a question only once (or, flattened into one row,
``RespondentID`` and ``<question> - <option>`` headers); Microsoft Forms' ``Id``,
``Start time``, ``Completion time`` (and localised forms); Google Forms' leading ``Timestamp`` column;
Webropol's ``Vastausaika`` column and colon-terminated question headers. File names are never used.
"""
from __future__ import annotations

import re

import pandas as pd

from pipeline.ingest.layout import dash_stem
from pipeline.ingest.readers import RawTable

TOOLS = ("webropol", "msforms", "googleforms", "limesurvey", "qualtrics", "surveymonkey", "spss", "generic")

_MSFORMS_META = {
    "id", "start time", "completion time", "last modified time", "email", "name", "total points", "quiz feedback",
    "grade posted time", "aloitusaika", "valmistumisaika", "sähköposti", "nimi", "viimeksi muokattu",
    "starttid", "slutförandetid", "tid för slutförande", "e-post", "namn", "startzeit", "fertigstellungszeit",
    "e-mail", "heure de début", "heure de fin", "adresse de messagerie", "nom",
}
_MSFORMS_COMPLETION = {"completion time", "valmistumisaika", "slutförandetid", "tid för slutförande",
                       "fertigstellungszeit", "heure de fin", "hora de finalización"}
_MSFORMS_START = {"start time", "aloitusaika", "starttid", "startzeit", "heure de début", "hora de inicio"}
_GOOGLE_TIMESTAMP = {"timestamp", "aikaleima", "tidsstämpel", "tidstämpel", "zeitstempel", "marca temporal",
                     "horodateur", "informazioni cronologiche", "carimbo de data/hora", "tijdstempel"}
_GOOGLE_SHEETS = re.compile(r"^(form responses|lomakkeen vastaukset|formulärsvar|formularantworten|"
                            r"respuestas de formulario|réponses au formulaire)\b", re.IGNORECASE)
_LIME_CODES = {"submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl"}
_LIME_TEXT = {"response id", "date submitted", "last page", "start language", "seed", "date started",
              "date last action", "ip address", "referrer url",
              "vastauksen id", "lähetyspäivämäärä", "viimeinen sivu", "aloituskieli",
              "svars-id", "datum inskickat", "senaste sida", "startspråk"}
_MONKEY_ROW2 = {"response", "other (please specify)", "open-ended response", "responses"}
_MONKEY_ID = {"respondentid", "respondent id"}
_MONKEY_FLAT_OTHER = re.compile(r" - other \(please specify\)$")
_WEBROPOL_META = {"vastausaika", "vastausaika:", "svarstid", "vastaajan sähköposti", "respondentemail",
                  "vastaus alkoi", "vastaus päättyi", "vastaajan tunniste"}


def _norm(cell: str) -> str:
    return re.sub(r"\s+", " ", str(cell).replace("\xa0", " ")).strip().lower()


def detect_layout(table: RawTable) -> tuple[str, int]:
    """Return ``(tool, header_rows)`` for a raw table; ``generic`` with one or two header rows when no
    tool signature matches."""
    if table.file_format == "sav":
        return "spss", 1
    frame = table.frame
    row = [list(frame.iloc[i]) if i < len(frame) else [] for i in range(3)]
    first = [_norm(c) for c in row[0]]
    first_set = set(first)
    # Qualtrics: a row of ImportId JSON (current) or of {'ImportId': ...} (2016 "Insights")
    if len(frame) >= 3 and sum(str(c).lstrip().startswith(("{\"ImportId\"", "{'ImportId'")) for c in row[2]) \
            >= max(1, len(row[2]) // 2):
        return "qualtrics", 3
    if first and first[0] == "v1" and "v2" in first_set:
        return "qualtrics", 2
    if {"responseid", "startdate", "enddate"} <= first_set or {"responseid", "finished"} <= first_set:
        return "qualtrics", _qualtrics_header_rows(row)
    if len(first_set & _LIME_CODES) >= 2 or ("id" in first_set and "submitdate" in first_set) \
            or len(first_set & _LIME_TEXT) >= 3:
        return "limesurvey", 1
    if len(frame) >= 2 and _is_monkey(row[0], row[1]):
        return "surveymonkey", 2
    if first and first[0] in _MONKEY_ID and _is_flat_monkey(first):
        return "surveymonkey", 1
    if first_set & _MSFORMS_COMPLETION and (first_set & _MSFORMS_START) and \
            len(first_set & _MSFORMS_META) >= 3:
        return "msforms", 1
    if first and first[0] in _GOOGLE_TIMESTAMP:
        return "googleforms", 1
    if table.sheet and _GOOGLE_SHEETS.match(table.sheet) and first and first[0] in _GOOGLE_TIMESTAMP | {""}:
        return "googleforms", 1
    header_rows = 2 if len(frame) >= 3 and _second_header_row(row[0], row[1]) else 1
    if first_set & _WEBROPOL_META or (
            table.delimiter == ";" and sum(1 for c in row[0] if str(c).rstrip().endswith(":") or "\xa0" in str(c)) >= 2):
        return "webropol", header_rows
    return "generic", header_rows


def _qualtrics_header_rows(rows: list[list]) -> int:
    # Current exports without the ImportId row still repeat names/texts in row 2 (ResponseId → Response ID).
    second = [_norm(c) for c in rows[1]] if rows[1] else []
    return 2 if second and ("response id" in second or "responseid" in second) else 1


def _is_monkey(first: list, second: list) -> bool:
    second_norm = [_norm(c) for c in second]
    markers = sum(1 for c in second_norm if c in _MONKEY_ROW2)
    if markers == 0:
        return False
    blank_first = sum(1 for i, c in enumerate(first) if i > 0 and not str(c).strip() and str(second[i]).strip())
    return markers >= 1 and (blank_first >= 1 or markers >= max(2, len(second) // 3))


def _is_flat_monkey(first: list[str]) -> bool:
    """SurveyMonkey's two header rows flattened into one (``<question> - <option>``, ``<question> - Other
    (please specify)``): an ``… - Other (please specify)`` column, or two neighbours naming one question."""
    if any(_MONKEY_FLAT_OTHER.search(c) for c in first):
        return True
    return any(dash_stem(a, b) for a, b in zip(first, first[1:]))


def _second_header_row(first: list, second: list) -> bool:
    """A second header row of sub-labels: the first row leaves cells blank (a question spans several
    columns) and the second row fills exactly those, while the first row's own columns name questions."""
    blanks = [i for i, c in enumerate(first) if i > 0 and not str(c).strip()]
    # one stray blank header is a missing name, not a question spanning columns
    if len(blanks) < 2 or not any(str(first[i - 1]).strip() for i in blanks):
        return False
    return all(str(second[i]).strip() for i in blanks) and not any(
        str(c).strip() == "" for c in first[:1])


def header_cells(table: RawTable, header_rows: int) -> list[list[str]]:
    """The header rows as lists of whitespace-normalised strings (NBSP → space)."""
    frame: pd.DataFrame = table.frame
    return [[re.sub(r"\s+", " ", str(c).replace("\xa0", " ")).strip() for c in frame.iloc[i]]
            for i in range(min(header_rows, len(frame)))]
