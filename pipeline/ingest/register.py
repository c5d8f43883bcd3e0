"""The workshop register (``workshops.csv`` or a workbook): read as written, validated into schema
``workshop_register``. Part of ingest: the register is settled here, once, before any analysis reads it.
"""
from __future__ import annotations

import logging
import re
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from pipeline.errors import InputError
from pipeline.keys import fold
from pipeline.privacy import clean_text, scrub_text
from pipeline.schemas import WORKSHOP_REGISTER, conform

log = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("workshop_id", "date", "title", "format", "participants")
OPTIONAL_COLUMNS = ("themes", "locality", "organiser", "language", "participants_note", "hours")
FORMATS = ("onsite", "online")
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m")


def _cell(value: Any) -> str:
    """A register cell as stripped text; missing cells become ""."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _text(value: Any) -> str:
    """A free-text register cell (title, locality, organiser, participants_note) as it may reach a report:
    control characters removed, e-mail addresses, phone numbers, IBANs and person names scrubbed."""
    return scrub_text(clean_text(_cell(value)))


def _parse_date(value: Any, where: str) -> pd.Timestamp:
    if isinstance(value, (datetime, date, pd.Timestamp)) and not pd.isna(value):
        return pd.Timestamp(value).normalize()
    text = _cell(value)
    if text:
        for fmt in DATE_FORMATS:
            try:
                return pd.Timestamp(datetime.strptime(text, fmt))
            except ValueError:
                continue
    shown = repr(text) if text else "empty"
    raise InputError(f"{where}, column date: {shown} is not a date; write it as YYYY-MM-DD (or D.M.YYYY, or "
                     f"YYYY-MM when only the month is known)")


def _parse_participants(value: Any, where: str) -> int | None:
    text = _cell(value)
    if text == "":
        return None
    if re.fullmatch(r"-?\d+(?:\.0+)?", text):
        number = int(float(text))
        if number < 0:
            raise InputError(f"{where}, column participants: {text} is negative; give the number of "
                             f"participants (0 or more) or leave the cell empty when it is not known")
        return number
    raise InputError(f"{where}, column participants: {text!r} is not a whole number; put wording such as "
                     f"'about 20' in participants_note and a number (or nothing) in participants")


def _parse_hours(value: Any, where: str) -> float:
    text = _cell(value)
    if text == "":
        return float("nan")
    try:
        hours = float(text.replace(",", "."))
    except ValueError:
        raise InputError(f"{where}, column hours: {text!r} is not a number of hours; write e.g. 3 or 2.5, "
                         f"or leave the cell empty") from None
    if hours < 0 or not np.isfinite(hours):
        raise InputError(f"{where}, column hours: {text} must be a non-negative number of hours")
    return hours


def register_columns(headers: Any) -> dict[str, Any]:
    """Register column → the header of ``headers`` that holds it: the column's own name, or one of the fi / sv /
    en names ``pipeline/ingest_vocabulary.yaml`` lists for it (``register_columns``), compared folded."""
    from pipeline.ingest.layout import VOCABULARY

    names = VOCABULARY.get("register_columns", {})
    found: dict[str, Any] = {}
    for header in headers:
        key = fold(header).rstrip(":").strip()
        for column in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
            if column not in found and (key == column or key in {fold(n) for n in names.get(column, ())}):
                found[column] = header
                break
    return found


def _is_totals_row(get: dict[str, Any]) -> bool:
    from pipeline.ingest.layout import VOCABULARY

    words = {fold(w) for w in VOCABULARY.get("register_totals", ())}
    label = fold(_cell(get["workshop_id"])) or fold(_cell(get["title"]))
    return label in words and not _cell(get["date"])


def workshop_register(frame: pd.DataFrame, source: str = "workshops.csv") -> pd.DataFrame:
    """Return the validated workshop register (schema ``workshop_register``), sorted by date and id.

    ``frame`` is the register as read from ``source`` (best read with ``dtype=str, keep_default_na=False``;
    numbers and missing cells are accepted too). Column names are matched folded, by the column's own name or
    its fi / sv / en header (``register_columns``); a totals row ("Yhteensä", "Totalt", "Total" with no date)
    is skipped with a warning. Required columns: workshop_id, date, title, format, participants; themes, locality, organiser,
    language, participants_note and hours are optional (empty when absent). Transformations: text stripped;
    ``format`` and ``language`` lower-cased; title, locality, organiser and participants_note scrubbed of
    personal data (``privacy.scrub_text``: an e-mail address in a note becomes ``[email]``); theme slugs stripped and re-joined with ";"; dates parsed
    (YYYY-MM-DD, D.M.YYYY or YYYY-MM); ``source_row`` is the spreadsheet row (header = row 1).

    A row without participants is kept with ``is_rate_known`` false (and a logged warning): it counts as a
    workshop but is left out of response rates and participation totals. Raises ``InputError`` naming the
    file, row and column for a missing column, an empty or repeated workshop_id, an empty title, a date that
    does not parse, a format other than onsite/online, participants that are not a non-negative whole number,
    or hours that are not a non-negative number.
    """
    columns = register_columns(frame.columns)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise InputError(f"{source}: column(s) {', '.join(missing)} missing; the register needs "
                         f"{', '.join(REQUIRED_COLUMNS)} (optional: {', '.join(OPTIONAL_COLUMNS)})")
    records = []
    first_row: dict[str, int] = {}
    file_rows = frame.attrs.get("source_rows") or []
    for position, (_, raw) in enumerate(frame.iterrows()):
        # the row as the spreadsheet shows it (read_table knows it, title rows included); else header = row 1
        row = int(file_rows[position]) if len(file_rows) == len(frame) else position + 2
        where = f"{source}, row {row}"
        get = {name: raw[columns[name]] if name in columns else "" for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
        if _is_totals_row(get):
            log.warning("%s: a totals row (%r) is not a workshop; skipped", where,
                        _text(get["workshop_id"]) or _text(get["title"]))
            continue
        workshop_id = _cell(get["workshop_id"])
        if not workshop_id:
            raise InputError(f"{where}, column workshop_id: empty; every workshop needs an id")
        if workshop_id in first_row:
            raise InputError(f"{where}, column workshop_id: {workshop_id!r} repeats the id of row "
                             f"{first_row[workshop_id]}; ids must be unique")
        first_row[workshop_id] = row
        title = _text(get["title"])
        if not title:
            raise InputError(f"{where}, column title: empty; every workshop needs a title")
        fmt = _cell(get["format"]).lower()
        if fmt not in FORMATS:
            shown = repr(_cell(get["format"])) if _cell(get["format"]) else "empty"
            raise InputError(f"{where}, column format: {shown}; use one of {', '.join(FORMATS)}")
        participants = _parse_participants(get["participants"], where)
        if participants is None:
            log.warning("%s: workshop %s has no participants figure; it stays in the register but is left out "
                        "of response rates and participation totals", where, workshop_id)
        themes = ";".join(t.strip() for t in _cell(get["themes"]).split(";") if t.strip())
        records.append({
            "workshop_id": workshop_id,
            "date": _parse_date(get["date"], where),
            "title": title,
            "themes": themes,
            "format": fmt,
            "locality": _text(get["locality"]),
            "organiser": _text(get["organiser"]),
            "language": _cell(get["language"]).lower(),
            "participants": participants,
            "participants_note": _text(get["participants_note"]),
            "hours": _parse_hours(get["hours"], where),
            "is_rate_known": participants is not None,
            "is_themes_coded": False,
            "source_row": row,
        })
    out = pd.DataFrame(records, columns=list(WORKSHOP_REGISTER))
    out["participants"] = pd.array(out["participants"].tolist(), dtype="Int64")
    out = out.sort_values(["date", "workshop_id"], kind="stable").reset_index(drop=True)
    return conform(out, "workshop_register")
