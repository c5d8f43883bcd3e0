"""The workshop register (``workshops.csv`` or a workbook): read as written, validated into schema
``workshop_register``. Part of ingest: the register is settled here, once, before any analysis reads it.
"""
from __future__ import annotations

import logging
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from pipeline.errors import InputError
from pipeline.keys import fold
from pipeline.privacy import clean_text, scrub_text
from pipeline.schemas import WORKSHOP_REGISTER, conform

log = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("workshop_id", "date", "title", "participants")
# a register without a format column is read with the format unknown (QA round 29: "Datum, Evenemang, Tema,
# Deltagare, Språk" was refused whole)
OPTIONAL_COLUMNS = ("format", "themes", "locality", "organiser", "language", "participants_note", "hours")
# the companies that took part, one cell per workshop: never part of the register table (names are personal-ish
# data), read by ``participant_companies`` as the attendance list
COMPANIES = "companies"
FORMATS = ("onsite", "online", "hybrid")
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y", "%Y-%m")
EXCEL_EPOCH = datetime(1899, 12, 30)   # day 0 of Excel's date serials (1900 system, leap-year bug included)


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


_TIME_OF_DAY = re.compile(r"(?<=\d)(?:[ T]|\s{1,3}(?:klo|kl\.?|at)\s{1,3})\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d{1,6})?)?$")


# a clock span after a date ("12.3.2024 klo 9-12", "12.3.2024 9.00–11.30"): the day is what counts
_TIME_SPAN = re.compile(r"(?<=\d)\s{1,3}(?:(?:klo|kl\.?|at)\s{0,3})?\d{1,2}(?:[:.]\d{2})?\s*[-–—]\s*"
                        r"\d{1,2}(?:[:.]\d{2})?$", re.IGNORECASE)
_WORDED_DATE = re.compile(r"(?:(\d{1,2})\.?\s+)?([^\W\d_]+)\.?,?\s+(?:(\d{1,2}),?\s+)?(\d{4})")


def _without_weekday(text: str) -> str:
    """``text`` without a weekday written before the date ("ti 12.3.2024", "Tue, 12.3.2024")."""
    from pipeline.ingest.layout import VOCABULARY

    head, _, rest = text.partition(" ")
    if rest and fold(head.rstrip(".,")) in VOCABULARY.get("register_weekdays", ()):
        return rest.strip()
    return text


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    """Each month word of ``register_months`` (folded, as the vocabulary holds them) → the month's number."""
    from pipeline.ingest.layout import VOCABULARY

    return {word: int(number) for number, words in VOCABULARY.get("register_months", {}).items() for word in words}


def _worded_date(text: str) -> pd.Timestamp | None:
    """The date of a month written as a word ("maaliskuu 2024" is its first day, "12. maaliskuuta 2024",
    "12 mars 2024", "March 12, 2024"), or None."""
    match = _WORDED_DATE.fullmatch(text)
    if not match or (match[1] and match[3]):
        return None
    month = _month_numbers().get(fold(match[2]))
    if month is None:
        return None
    try:
        return pd.Timestamp(datetime(int(match[4]), month, int(match[1] or match[3] or 1)))
    except ValueError:
        return None


def _parse_date(value: Any, where: str) -> pd.Timestamp:
    if isinstance(value, (datetime, date, pd.Timestamp)) and not pd.isna(value):
        return pd.Timestamp(value).normalize()
    # a date cell with its weekday or its time of day or hours (2022-04-08 13:00:00, ti 8.4.2022 klo 13.00,
    # 8.4.2022 klo 9-12): the day is what counts
    written = _cell(value)
    text = _TIME_SPAN.sub("", _TIME_OF_DAY.sub("", _without_weekday(written)))
    if text:
        for fmt in DATE_FORMATS:
            try:
                return pd.Timestamp(datetime.strptime(text, fmt))
            except ValueError:
                continue
        if (worded := _worded_date(text)) is not None:
            return worded
        # a date cell read as its Excel serial number (a workbook column formatted as number)
        if re.fullmatch(r"\d{5}(?:\.\d+)?", text) and 20000 <= float(text) <= 80000:
            return pd.Timestamp(EXCEL_EPOCH) + pd.Timedelta(days=int(float(text)))
    shown = repr(written) if written else "empty"
    raise InputError(f"{where}, column date: {shown} is not a date; write it as YYYY-MM-DD (or D.M.YYYY, D.M.YY, "
                     f"or YYYY-MM or 'maaliskuu 2024' when only the month is known)")


_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")


def _ambiguous_slash_dates(column: pd.Series) -> str:
    """A warning when the register's slash dates ("2/8/2022") cannot tell day-first from month-first (no first
    number above 12 proves D/M, and a second above 12, M/D, was already refused by ``_parse_date``) and
    some would change with the order; "" when they can or there are none. Excel and Google Sheets in English
    write M/D/YYYY, a Finnish hand D.M.YYYY: a slash date is read D/M, the guess this sentence names."""
    written = [_cell(v) for v in column if not isinstance(v, (datetime, date, pd.Timestamp))]
    slashed = [(m, text) for text in written if (m := _SLASH_DATE.match(text))]
    if not slashed or any(int(m[1]) > 12 for m, _ in slashed):
        return ""
    swapped = [text for m, text in slashed if m[1] != m[2]]
    if not swapped:
        return ""
    return (f"{len(swapped)} date(s) written with slashes ({', '.join(swapped[:3])}{' …' if len(swapped) > 3 else ''})"
            f" could be day/month or month/day; read as day/month ({swapped[0]} = "
            f"{_parse_date(swapped[0], 'date').strftime('%Y-%m-%d')}); if the sheet wrote month/day (English "
            f"Excel, Google Sheets), rewrite the dates as YYYY-MM-DD")


_RANGE = re.compile(r"(\d{1,6})\s*[-–—]\s*(\d{1,6})")
_SUM = re.compile(r"\d{1,6}(?:\s*\+\s*\d{1,6})+")
_APPROXIMATE = re.compile(r"(\S+?)\s*(\d{1,6})")


def _parse_participants(value: Any, where: str) -> tuple[int | None, int | None, str]:
    """The participants figure of a cell and the wording to keep beside it ("" when the cell is a plain number).

    ``20`` is 20; an estimate (``noin 20``, ``n. 25``, ``ca 15``, ``~20``: a word of ``register_approximate``
    before the number) is its number; a range ``7-18`` counts as its upper end (the response rate is then the
    lower of the two it could be); a sum ``12 + 3`` is its total; a word of ``register_participant_units`` after
    the figure (``20 hlöä``, ``30 st``) is dropped. The wording of an estimate, range or sum is kept for the
    note."""
    from pipeline.ingest.layout import VOCABULARY

    text = _cell(value)
    if text == "":
        return None, None, ""
    # "20 hlöä", "n. 30 st": the word after the figure names what is counted
    head, _, unit = text.rpartition(" ")
    if head and fold(unit) in VOCABULARY.get("register_participant_units", ()):
        return _parse_participants(head, where)
    if (parts := _SUM.fullmatch(text)):
        # groups counted apart ("12 + 3": on site and online, or two sessions' new participants)
        total = sum(int(p) for p in re.findall(r"\d+", parts[0]))
        return total, total, text
    if re.fullmatch(r"-?\d+(?:\.0+)?", text):
        number = int(float(text))
        if number < 0:
            raise InputError(f"{where}, column participants: {text} is negative; give the number of "
                             f"participants (0 or more) or leave the cell empty when it is not known")
        return number, number, ""
    if (match := _RANGE.fullmatch(text)) and int(match[1]) <= int(match[2]):
        return int(match[2]), int(match[1]), text
    match = _APPROXIMATE.fullmatch(text)
    if match and fold(match[1]) in VOCABULARY.get("register_approximate", ()):
        return int(match[2]), int(match[2]), text
    raise InputError(f"{where}, column participants: {text!r} is not a number of participants; write a whole "
                     f"number, an estimate such as 'noin 20' or a range such as '7-18' (or leave it empty)")


def _parse_choice(value: Any, vocabulary: str, allowed: tuple[str, ...], where: str, column: str,
                  required: bool) -> str:
    """The register value a cell's words give (``pipeline/ingest_vocabulary.yaml`` ``vocabulary``): the cell
    folded is one of the words, or its words are all words of one value; "" for an empty optional cell."""
    from pipeline.ingest.layout import VOCABULARY

    text = _cell(value)
    key = fold(text)
    words = VOCABULARY.get(vocabulary, {})
    for choice, names in words.items():
        if key == choice or key in names:
            return choice
    tokens = [t for t in re.split(r"[\s,;/+()]+", key) if t and t not in ("ja", "och", "and", "&")]
    found = {choice for t in tokens for choice, names in words.items() if t == choice or t in names}
    if len(found) == 1:
        return found.pop()
    if not text and not required:
        return ""
    shown = repr(text) if text else "empty"
    raise InputError(f"{where}, column {column}: {shown}; use one of {', '.join(allowed)} (or a word such as "
                     f"{', '.join(sorted(next(iter(words.values()), ()))[:3])})")


_HOURS = re.compile(r"(\d+(?:[.,]\d+)?)(?:\s*[x×*]\s*(\d+(?:[.,]\d+)?))?\s*"
                    r"(?:h|t|tuntia|tunti|timmar|timme|tim|hours?|hrs?)?\.?", re.IGNORECASE)


# a clock span in the hours column: "klo 9-12", "kl. 13–16", "9.00–11.30", "9:00-12:00" (with "klo" or minutes
# it can only be clock times; "2-3" could as well be two to three hours and stays an error)
_CLOCK_SPAN = re.compile(r"(?:(?:klo|kl\.?)\s{0,3}(\d{1,2})(?:[:.](\d{2}))?|(\d{1,2})[:.](\d{2}))\s*[-–—]\s*"
                         r"(\d{1,2})(?:[:.](\d{2}))?", re.IGNORECASE)


def _clock_hours(text: str) -> float | None:
    """The hours between the two clock times of a span (``klo 9–11.30`` is 2.5), or None."""
    match = _CLOCK_SPAN.fullmatch(text)
    if not match:
        return None
    start = int(match[1] or match[3]) + int(match[2] or match[4] or 0) / 60
    end = int(match[5]) + int(match[6] or 0) / 60
    return end - start if 0 <= start < end <= 24 else None


_HOUR_UNIT = r"(?:h|t|tuntia|tunti|timmar|timme|tim|hours?|hrs?)\.?"
_MINUTE_UNIT = r"(?:min|mins|minutes?|minuuttia|minuutti|minuter|minut|m)\.?"
# a duration as hours and minutes (issue 12 round 27, the leftovers of earlier rounds): "2:30", "1:45 h",
# "2 h 30 min", "2h30", "2 t 15 min"; and "2.30 h" where the part after the point is a quarter hour (15, 30, 45),
# which as a decimal would be an odd length (2.3 hours is 2 h 18 min); "1.50 h", "2.25 h" stay decimals
_HOURS_MINUTES = re.compile(rf"(\d{{1,2}}):([0-5]\d)\s*(?:{_HOUR_UNIT})?|(\d{{1,2}})\.(15|30|45)\s*(?:{_HOUR_UNIT})?"
                            rf"|(\d{{1,2}})\s*{_HOUR_UNIT}\s*([0-5]?\d)\s*(?:{_MINUTE_UNIT})?", re.IGNORECASE)
_MINUTES = re.compile(rf"(\d{{1,4}}(?:[.,]\d+)?)\s*{_MINUTE_UNIT}", re.IGNORECASE)


def _duration_hours(text: str) -> float | None:
    """The hours of a duration written as hours and minutes (``2:30`` and ``2.30 h`` are 2.5, ``2 h 15 min``
    2.25) or as minutes (``90 min`` is 1.5), or None."""
    if match := _HOURS_MINUTES.fullmatch(text):
        hours, minutes = (match[1], match[2]) if match[1] else (match[3], match[4]) if match[3] else \
            (match[5], match[6])
        return int(hours) + int(minutes) / 60
    if match := _MINUTES.fullmatch(text):
        return float(match[1].replace(",", ".")) / 60
    return None


def _parse_hours(value: Any, where: str) -> float:
    """Hours as the register writes them: ``3``, ``2,5``, ``3 h``, ``2,5 tuntia``, sessions × hours
    (``3 x 3`` is 9), a clock span (``klo 9-12`` is 3, ``9.00–11.30`` is 2.5) or a duration in hours and minutes
    (``2:30``, ``1:45``, ``2.30 h``, ``2 h 30 min``) or minutes (``90 min``); NaN for an empty cell."""
    text = _cell(value)
    if text == "":
        return float("nan")
    if (span := _clock_hours(text)) is not None:
        return span
    if (duration := _duration_hours(text)) is not None:
        return duration
    match = _HOURS.fullmatch(text)
    if not match:
        raise InputError(f"{where}, column hours: {text!r} is not a number of hours; write e.g. 3, 2.5, '3 h', "
                         f"'3 x 3' (three sessions of three hours), '2:30' (two and a half hours), '90 min' or 'klo 9-12', "
                         f"or leave the cell empty")
    hours = float(match[1].replace(",", "."))
    if match[2]:
        hours *= float(match[2].replace(",", "."))
    if hours < 0 or not np.isfinite(hours):
        raise InputError(f"{where}, column hours: {text} must be a non-negative number of hours")
    return hours


def _language(value: Any) -> str:
    """The workshop language as a code (fi, sv, en; ``fi;sv`` for a bilingual workshop) when the register's words
    say which (``register_languages``), else the cell lower-cased as written."""
    from pipeline.ingest.layout import VOCABULARY

    key = fold(_cell(value))
    for code, names in VOCABULARY.get("register_languages", {}).items():
        if key == code or key in names:
            return code
    return _cell(value).lower()


def register_columns(headers: Any) -> dict[str, Any]:
    """Register column → the header of ``headers`` that holds it: the column's own name, or one of the fi / sv /
    en names ``pipeline/ingest_vocabulary.yaml`` lists for it (``register_columns``), compared folded."""
    from pipeline.ingest.layout import VOCABULARY

    names = VOCABULARY.get("register_columns", {})
    found: dict[str, Any] = {}
    for header in headers:
        key = fold(header).rstrip(":").strip()
        for column in REQUIRED_COLUMNS + OPTIONAL_COLUMNS + (COMPANIES,):
            if column not in found and (key == column or key in {fold(n) for n in names.get(column, ())}):
                found[column] = header
                break
    return found


def _headers_read_as(fields) -> str:
    """The headers each of ``fields`` is read from ("themes: teema, aihe, …"), from the vocabulary."""
    from pipeline.io import shipped_yaml

    # the vocabulary as written (VOCABULARY holds it folded, as sets)
    names = shipped_yaml("ingest_vocabulary.yaml").get("register_columns", {})
    return "; ".join(f"{field}: {', '.join(dict.fromkeys([field, *names.get(field, ())]))}" for field in fields)


def _total_words() -> frozenset[str]:
    """The words of a row that states a sum (``total_rows`` of the vocabulary), folded."""
    from pipeline.ingest.layout import VOCABULARY

    return VOCABULARY.get("total_rows", frozenset())


def _is_totals_row(get: dict[str, Any]) -> bool:
    from pipeline.ingest.layout import VOCABULARY

    words = VOCABULARY.get("summary_rows", frozenset())       # folded when the vocabulary is loaded
    label = fold(_cell(get["workshop_id"])) or fold(_cell(get["title"]))
    return label in words and not _cell(get["date"])


def workshop_register(frame: pd.DataFrame, source: str = "workshops.csv") -> pd.DataFrame:
    """The validated workshop register (schema ``workshop_register``): ``register_with_accounts``' table."""
    return register_with_accounts(frame, source)[0]


def _cancelled(participants: Any, note: Any) -> str | None:
    """The words saying a workshop was not held ("PERUTTU", "inställd"), when its participants cell or its
    participants note starts with a word of ``register_cancelled``; else None."""
    from pipeline.ingest.layout import VOCABULARY

    words = sorted((fold(w) for w in VOCABULARY.get("register_cancelled", ())), key=len, reverse=True)
    for cell in (participants, note):
        text = fold(_cell(cell)).strip()
        if text and any(text == w or text.startswith(w) for w in words):
            return _text(cell)
    return None


def register_with_accounts(frame: pd.DataFrame, source: str = "workshops.csv",
                           companies_read: bool = False) -> tuple[pd.DataFrame, dict]:
    """Return the validated workshop register (schema ``workshop_register``), sorted by date and id, and its row
    accounting for ``ingest_report.json``: ``file, rows_in, workshops, skipped_empty, skipped_totals, warnings``
    and ``cancelled`` when a workshop was not held (``rows_in = workshops + skipped_empty + skipped_totals +
    cancelled``; the warnings as logged), with ``cancelled_workshops`` (``workshop_id, title, row`` of each) so
    that an answer naming only such a workshop can be read as attending none, ``cancelled_companies`` (``workshop_id,
    row, companies``: the names its companies column gives such a workshop), and ``hidden_rows`` /
    ``unread_sheets`` when ``frame.attrs`` (``read_table``) has any.

    A column of the companies that took part (``register_columns`` ``companies``: "Osallistuneet yritykset")
    is never part of the table: with ``companies_read`` the run reads it as the attendance list
    (``participant_companies``), else a warning names it and tells to give an ``[attendance] file``.

    ``frame`` is the register as read from ``source`` (best read with ``dtype=str, keep_default_na=False``;
    numbers and missing cells are accepted too). Column names are matched folded, by the column's own name or
    its fi / sv / en header (``register_columns``); a totals or means row ("Yhteensä", "Keskiarvo", "Totalt" with no date)
    is skipped with a warning, a row with every cell empty with a note. Required columns: workshop_id, date, title, participants; format, themes,
    locality, organiser, language, participants_note and hours are optional (empty when absent).

    Read as people write it (the words are in ``pipeline/ingest_vocabulary.yaml``): ``format`` onsite, online or
    hybrid from fi / sv / en words (lähi, etä, Teams, hybridi, på plats, distans …); ``language`` as a code
    (suomi → fi, svenska → sv, kaksikielinen → fi;sv), else as written, lower-cased; participants a whole
    number, an estimate (``noin 20`` is 20) or a range (``7-18`` counts 18, and 7 in ``participants_low``, so
    that participation totals can be given as a range), the wording of an estimate or range kept first in
    ``participants_note``; dates YYYY-MM-DD, D.M.YYYY, D.M.YY, D/M/YYYY, YYYY-MM or an Excel date
    serial. Title, locality, organiser and participants_note are scrubbed of personal data
    (``privacy.scrub_text``: an e-mail address in a note becomes ``[email]``); theme cells are stripped and
    re-joined with ";" (words become slugs later, by the coder: ``pipeline.analysis.feedback.with_coded_themes``);
    ``source_row`` is the spreadsheet row (header = row 1).

    A workshop that was not held (its participants cell or note says so, ``register_cancelled``: "PERUTTU",
    "inställd", or 0 participants) is left out with a warning and counted in ``cancelled``.
    A row without participants is kept with ``is_rate_known`` false (and a logged warning): it counts as a
    workshop but is left out of response rates and participation totals. Raises ``InputError`` naming the
    file, row and column for a missing column, an empty or repeated workshop_id, an empty title, a date that
    does not parse, a format no word names, participants that are not a number, estimate or range, or hours
    that are not a non-negative number.
    """
    columns = register_columns(frame.columns)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise InputError(f"{source}: column(s) {', '.join(missing)} missing; the register needs "
                         f"{', '.join(REQUIRED_COLUMNS)} (optional: {', '.join(OPTIONAL_COLUMNS)}); "
                         f"{_headers_read_as(missing)}")
    records = []
    warned: list[str] = []
    skipped = {"skipped_empty": 0, "skipped_totals": 0}

    def warn(message: str) -> None:
        # every register warning is logged and kept for ingest_report.json (the survey files' are too)
        log.warning(message)
        warned.append(message)

    if COMPANIES in columns and not _names_companies(frame[columns[COMPANIES]]):
        del columns[COMPANIES]        # "Yritykset" holding counts: no names, an unread column like any other
    if COMPANIES in columns and not companies_read:
        # the funnel traces attendance from the attendance list: a column of companies nobody reads left it to the
        # impact answers without a word (QA round 26: sales 5/10 where the register's companies gave 7/19)
        warn(f"{source}: column {scrub_text(str(columns[COMPANIES]))!r} names the companies that took part, but it "
             f"is not read here, so the funnel does not know who attended; give them as an [attendance] file (the "
             f"workshop's id or title and the company's name or Y-tunnus, one row per company and workshop)")
    elif COMPANIES in columns:
        log.info("%s: column %r is read as the attendance list (one row per company and workshop, names "
                 "pseudonymised)", source, scrub_text(str(columns[COMPANIES])))
    unread = [str(h) for h in frame.columns if str(h).strip() and not str(h).startswith("Unnamed")
              and h not in columns.values()]
    if unread:
        # a column the register reads by another name is otherwise dropped without a word (QA round 22: "Aihe"
        # held the themes, which were then guessed from the titles)
        missed = [c for c in OPTIONAL_COLUMNS if c not in columns]
        warn(f"{source}: column(s) {', '.join(repr(scrub_text(h)) for h in unread)} not read"
             + (f"; if one holds {' or '.join(missed)}, head it {_headers_read_as(missed)}" if missed else ""))

    if "format" not in columns:
        warn(f"{source}: no format column (lähi / etä / hybridi, på plats / distans, onsite / online); every "
             f"workshop's format is unknown: add the column to have it in the report")
    totals: list[tuple[str, int, int]] = []  # (where, row, participants) of the totals rows, checked against the sum
    first_row: dict[str, int] = {}
    file_rows = frame.attrs.get("source_rows") or []
    for position, (_, raw) in enumerate(frame.iterrows()):
        # the row as the spreadsheet shows it (read_table knows it, title rows included); else header = row 1
        row = int(file_rows[position]) if len(file_rows) == len(frame) else position + 2
        where = f"{source}, row {row}"
        get = {name: raw[columns[name]] if name in columns else "" for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
        if not any(_cell(value) for value in raw):
            # a spacer row between months or terms of a hand-kept register holds nothing to lose
            log.info("%s: empty; skipped", where)
            skipped["skipped_empty"] += 1
            continue
        if _is_totals_row(get):
            warn(f"{where}: a totals row ({_text(get['workshop_id']) or _text(get['title'])!r}) is not a workshop; "
                 f"skipped")
            skipped["skipped_totals"] += 1
            label = fold(_cell(get["workshop_id"])) or fold(_cell(get["title"]))
            try:
                stated = _parse_participants(get["participants"], where)[0]
            except InputError:
                stated = None       # a totals cell that is no figure is no claim to check
            # only a sum ("Yhteensä", "Totalt") states the total; a mean or a median row does not
            if stated is not None and label in _total_words():
                totals.append((where, row, stated))
            continue
        workshop_id = _text(get["workshop_id"])       # an id is shown in every table: scrubbed like a title
        if not workshop_id:
            raise InputError(f"{where}, column workshop_id: empty; every workshop needs an id")
        if workshop_id in first_row:
            raise InputError(f"{where}, column workshop_id: {workshop_id!r} repeats the id of row "
                             f"{first_row[workshop_id]}; ids must be unique")
        first_row[workshop_id] = row
        title = _text(get["title"])
        if not title:
            raise InputError(f"{where}, column title: empty; every workshop needs a title")
        cancelled = _cancelled(get["participants"], get["participants_note"])
        if cancelled is None and _cell(get["participants"]).strip() == "0":
            cancelled = "0 participants"
        if cancelled is not None:
            warn(f"{where}: workshop {workshop_id} ({title!r}) was not held ({cancelled}); it is left out of the "
                 f"workshops, their themes' supply, the funnel and the language figures")
            skipped["cancelled"] = skipped.get("cancelled", 0) + 1
            skipped.setdefault("cancelled_workshops", []).append(
                {"workshop_id": workshop_id, "title": title, "row": row})
            named = _named_companies(raw[columns[COMPANIES]]) if COMPANIES in columns else 0
            if named:
                # the companies the register names for a workshop it says was not held: no attendance, accounted
                # for and said as the attendance list's rows of it are (QA round 40 F10: they vanished unsaid)
                skipped.setdefault("cancelled_companies", []).append(
                    {"workshop_id": workshop_id, "row": row, "companies": named})
            continue
        fmt = _parse_choice(get["format"], "register_formats", FORMATS, where, "format",
                            required="format" in columns)
        participants, participants_low, wording = _parse_participants(get["participants"], where)
        if participants is None:
            warn(f"{where}: workshop {workshop_id} has no participants figure; it stays in the register but is left "
                 f"out of response rates and participation totals")
        themes = ";".join(_text(t) for t in re.split(r"[;,]", _cell(get["themes"])) if t.strip())
        records.append({
            "workshop_id": workshop_id,
            "date": _parse_date(get["date"], where),
            "title": title,
            "themes": themes,
            "format": fmt,
            "locality": _text(get["locality"]),
            "organiser": _text(get["organiser"]),
            "language": _language(get["language"]),
            "participants": participants,
            "participants_note": "; ".join(t for t in (wording, _text(get["participants_note"])) if t),
            "hours": _parse_hours(get["hours"], where),
            "participants_low": participants_low,
            "is_rate_known": participants is not None,
            "is_themes_coded": False,
            "source_row": row,
        })
    if not records:
        # a register without workshops makes every theme's supply nil, while the feedback files name workshops
        kept = " (only totals or empty rows under it)" if len(frame) else ""
        raise InputError(f"{source}: the register has a header but no workshops{kept}; add one row per workshop "
                         f"(workshop_id, date, title, format, participants), or remove [workshops] from the config "
                         f"if there is no register yet")
    if (ambiguous := _ambiguous_slash_dates(frame[columns["date"]])):
        warn(f"{source}, column date: {ambiguous}")
    out = pd.DataFrame(records, columns=list(WORKSHOP_REGISTER))
    counted = sum(r["participants"] for r in records if r["participants"] is not None)
    # a workshop given as a range ("7-18") counts its upper end, and its lower end in participants_low
    counted_low = sum(r["participants_low"] if r["participants_low"] is not None else r["participants"]
                      for r in records if r["participants"] is not None)
    summed = f"{counted_low}–{counted}" if counted_low != counted else str(counted)
    for where, row, stated in totals:
        if not counted_low <= stated <= counted:
            # the register's own total disagrees with its workshops: one of them is wrong, and the figures
            # (participations, response rates) are computed from the workshops
            warn(f"{where}: the totals row gives {stated} participants, but the workshops' participants sum to "
                 f"{summed}; the figures use the workshops' own: check the register")
            # QA round 30: said in the log alone; the steering report's data warnings say it too
            skipped.setdefault("totals_mismatch", []).append({"row": row, "stated": stated, "summed": summed})
    out["participants"] = pd.array(out["participants"].tolist(), dtype="Int64")
    out["participants_low"] = pd.array(out["participants_low"].tolist(), dtype="Int64")
    out = out.sort_values(["date", "workshop_id"], kind="stable").reset_index(drop=True)
    accounts = {"file": source, "rows_in": len(frame), "workshops": len(records), **skipped, "warnings": warned}
    # what the reader did that the log alone said (``read_table``'s attrs): for the steering data warnings
    for said in ("hidden_rows", "unread_sheets"):
        if frame.attrs.get(said):
            accounts[said] = list(frame.attrs[said])
    return conform(out, "workshop_register"), accounts


def _names_companies(column: pd.Series) -> bool:
    """True when a cell of the column holds a letter: names, not the counts a "Yritykset" column may hold."""
    return any(any(ch.isalpha() for ch in _cell(v)) for v in column)


_COMPANY_SPLIT = re.compile(r"\s*(?:[;\n\r]|,(?=\s*\S))\s*")


def _named_companies(cell: Any) -> int:
    """How many company names a register's companies cell holds (as ``participant_companies`` splits it)."""
    from pipeline.ingest.companies import company_name_key

    return sum(any(ch.isalpha() for ch in company_name_key(name)) for name in _COMPANY_SPLIT.split(_cell(cell)))


def participant_companies(frame: pd.DataFrame, source: str, key: bytes) -> pd.DataFrame:
    """The register's column of participating companies (``register_columns`` ``companies``) as the attendance
    list (schema ``attendance``): one row per company and held workshop, pseudonymised exactly as
    ``pipeline.analysis.linking.attendance_list`` does an ``[attendance] file``; ``record_id`` is
    ``register:<row>:<n>`` and ``source_row`` the register row. The names in a cell are separated by commas,
    semicolons or lines. Empty (no rows) when the register has no such column; totals, empty and cancelled
    rows give none."""
    from pipeline.analysis.linking import attendance_list
    from pipeline.ingest.companies import company_name_key

    columns = register_columns(frame.columns)
    empty_list = attendance_list(pd.DataFrame({"workshop_id": [], "Yrityksen nimi": []}), source, key)
    if COMPANIES not in columns or "workshop_id" not in columns or not _names_companies(frame[columns[COMPANIES]]):
        return empty_list
    file_rows = frame.attrs.get("source_rows") or []
    workshops, names, rows = [], [], []
    for position, (_, raw) in enumerate(frame.iterrows()):
        row = int(file_rows[position]) if len(file_rows) == len(frame) else position + 2
        get = {name: raw[columns[name]] if name in columns else "" for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
        wid = _text(get["workshop_id"])
        held = _cancelled(get["participants"], get["participants_note"]) is None \
            and _cell(get["participants"]).strip() != "0"
        if not wid or _is_totals_row(get) or not held:
            continue                  # as register_with_accounts: no workshop, so nobody attended it
        for name in _COMPANY_SPLIT.split(_cell(raw[columns[COMPANIES]])):
            if any(ch.isalpha() for ch in company_name_key(name)):
                workshops.append(wid)
                names.append(name)
                rows.append(row)
    if not names:
        return empty_list
    out = attendance_list(pd.DataFrame({"workshop_id": workshops, "Yrityksen nimi": names}), source, key)
    register_rows = pd.Series(rows, index=out.index)
    count = register_rows.groupby(register_rows).cumcount() + 1
    return out.assign(record_id=[f"register:{r}:{n}" for r, n in zip(register_rows, count)],
                      source_row=pd.array(rows, dtype="Int64"))
