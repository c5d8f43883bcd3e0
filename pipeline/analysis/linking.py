"""Company linking across the surveys and the attendance list, and the funnel per workshop theme.

Linking (``company_links``): every answer of the needs survey, each feedback survey and the impact survey, and
every row of the attendance list, carries a company id made at ingest: the keyed pseudonym of the business ID
where the row gives one, else of the folded company name (``pipeline.ingest.companies.company_name_key``), else
the respondent's own pseudonym (``basis`` ``business_id``, ``name``, ``none``). A name-only row takes the
business ID another row gave with the same name (when that name belongs to one business ID only), so a company
that wrote its Y-tunnus in the needs survey and only its name in the impact survey is one company. Names never
leave ingest: only their pseudonyms are compared.

The funnel (``funnel``), per needs theme: ``asked`` (companies the needs survey places in the theme), ``traced``
(of them, those whose attendance is known: they answered an attendance question, or the attendance list covers
every workshop on the theme), ``attended`` (of those, the ones at least one of whose known workshops is on the
theme), ``share = attended / traced`` with its Wilson interval; impact among the attended askers where the
impact survey says; ``attended_without_asking`` (traced companies that attended the theme without asking for
it). A feedback answer that identifies its company adds the workshop to that company's attendance, but does not
by itself make the company traced: only a full account of a company's workshops says what it did not attend.
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from pipeline.analysis.stats import wilson_interval
from pipeline.disclosure import disclosed
from pipeline.errors import InputError
from pipeline.keys import fold
from pipeline.schemas import conform, empty, records
from pipeline.survey import Survey

log = logging.getLogger(__name__)

NEEDS, IMPACT, ATTENDANCE = "needs", "impact", "attendance"
BUSINESS_ID, NAME, NONE = "business_id", "name", "none"
OTHER = "other"

# an attendance answer saying "none" (the company is traced, and attended nothing)
# "none of them" answers to an attendance question; a pronoun may lead ("jag deltog inte i någon verkstad",
# "I did not attend", "minä en osallistunut")
_NONE_ANSWER = re.compile(r"^((jag|vi|i|we|minä|me|mä) )?"
                          r"(en (ole )?osallistunut|emme (ole )?osallistuneet|ei mihinkään|en mihinkään|ei yhteenkään"
                          r"|en yhteenkään|ei mikään|ei yhtään|ingen|inga|inget|inte (till )?n[aå]gon|deltog inte|har inte deltagit|none|no workshops?"
                          r"|did not|didn'?t|have not|haven'?t|not any|ei osallistunut)\b")
_SPLIT = re.compile(r"\s*[;\n]\s*|,\s+")

# attendance-list headers (folded): the workshop, the company's business ID and name
_WORKSHOP_HEADERS = ("workshop_id", "workshop id", "workshop", "työpaja", "tyopaja", "tilaisuus", "koulutus",
                     "tapahtuma", "evenemang", "tillfälle", "verkstad", "event", "session", "työpajan tunnus",
                     "työpajan nimi", "tilaisuuden nimi", "title", "otsikko")


# --- the companies of each source ----------------------------------------------------------------------------

def _respondent_companies(survey: Survey, source: str) -> pd.DataFrame:
    r = survey.respondents
    n = len(r)
    basis = r["company_basis"].astype(str) if "company_basis" in r.columns else pd.Series(
        np.where(r["company_id"].astype(str) != r["respondent_id"].astype(str), BUSINESS_ID, NONE), index=r.index)
    name_id = r["company_name_id"].fillna("").astype(str) if "company_name_id" in r.columns \
        else pd.Series([""] * n, index=r.index)
    return pd.DataFrame({"source": source, "record_id": r["respondent_id"].astype(str).to_numpy(),
                         "source_company_id": r["company_id"].astype(str).to_numpy(),
                         "basis": basis.to_numpy(dtype=object), "name_id": name_id.to_numpy(dtype=object)})


def feedback_source(survey: Survey) -> str:
    """The ``company_links`` source of a feedback survey's records."""
    return feedback_source_name(survey.source)


def feedback_source_name(file: str) -> str:
    """The ``company_links`` source of the feedback survey read from ``file``."""
    return f"feedback:{file}"


def link_companies(needs: Survey | None = None, feedback: Sequence[tuple[str | None, Survey]] = (),
                   impact: Survey | None = None, attendance: pd.DataFrame | None = None
                   ) -> dict[str, pd.DataFrame]:
    """``{"company_links", "linking"}``: one row per record (answer or attendance row) with its linked
    company id, and the counts the report gives (schemas ``company_links``, ``linking``)."""
    parts = []
    if needs is not None:
        parts.append(_respondent_companies(needs, NEEDS))
    for _, survey in feedback or ():
        parts.append(_respondent_companies(survey, feedback_source(survey)))
    if impact is not None:
        parts.append(_respondent_companies(impact, IMPACT))
    if attendance is not None and len(attendance):
        parts.append(pd.DataFrame({"source": ATTENDANCE, "record_id": attendance["record_id"].astype(str).to_numpy(),
                                   "source_company_id": attendance["company_id"].astype(str).to_numpy(),
                                   "basis": attendance["basis"].astype(str).to_numpy(),
                                   "name_id": attendance["name_id"].fillna("").astype(str).to_numpy()}))
    if not parts:
        return {"company_links": empty("company_links"), "linking": empty("linking")}
    records = pd.concat(parts, ignore_index=True)
    # a name seen beside exactly one business ID stands for that business ID wherever it appears alone
    named = records[(records["basis"] == BUSINESS_ID) & (records["name_id"] != "")]
    ids_per_name = named.groupby("name_id")["source_company_id"].agg(lambda s: sorted(set(s)))
    name_to_bid = {name: ids[0] for name, ids in ids_per_name.items() if len(ids) == 1}
    ambiguous = int((ids_per_name.map(len) > 1).sum())
    if ambiguous:
        log.warning("%d company names are written beside more than one business ID; answers giving only such a "
                    "name are kept apart", ambiguous)
    company = records["source_company_id"].copy()
    by_name = records["basis"] == NAME
    company[by_name] = records.loc[by_name, "name_id"].map(lambda n: name_to_bid.get(n, n))
    links = records.assign(company_id=company.to_numpy(), is_identified=(records["basis"] != NONE).to_numpy())
    links = conform(links[["source", "record_id", "company_id", "source_company_id", "basis", "name_id",
                           "is_identified"]], "company_links")
    if needs is not None and attendance is not None and len(attendance):
        for row in attendance_not_in_needs(links, attendance, needs).itertuples(index=False):
            log.warning(not_in_needs_text(row))
    return {"company_links": links, "linking": _linking_summary(links)}


def reading_problems(surveys: Sequence[Survey | None], register_accounts: Mapping | None = None) -> pd.DataFrame:
    """Rows hidden in Excel that were read and other sheets holding a table that were not (schema
    ``input_problems``, ``hidden_rows`` / ``unread_sheet``), from each survey's report and the register's
    accounts (QA round 31 F3, F12: the log alone said them)."""
    from pipeline.schemas import records

    parts = [(s.source, s.report) for s in surveys if s is not None]
    if register_accounts:
        parts.append((register_accounts.get("file", ""), register_accounts))
    rows = []
    for source, said in parts:
        if said.get("hidden_rows"):
            rows.append({"source": source, "problem": "hidden_rows", "value": "", "meant": "", "workshop_id": "",
                         "rows": ", ".join(str(r) for r in said["hidden_rows"])})
        for sheet in said.get("unread_sheets") or ():
            rows.append({"source": source, "problem": "unread_sheet", "value": str(sheet["sheet"]), "meant": "",
                         "workshop_id": "", "rows": str(sheet["rows"])})
    return records("input_problems", rows)


NOT_IN_NEEDS, NEAR_NEEDS = "attendance_not_in_needs", "attendance_near_needs"


def attendance_not_in_needs(links: pd.DataFrame, attendance: pd.DataFrame | None, needs: Survey | None,
                            source: str = "attendance list", register_source: str = "workshop register"
                            ) -> pd.DataFrame:
    """The attendance-list rows whose company is in no needs answer (schema ``input_problems``): one
    ``attendance_not_in_needs`` row with their spreadsheet rows, and one ``attendance_near_needs`` row per row
    whose name is one inflection ending away from a needs company's ("Perhon Saha" for "Perhon Sahat"), its
    ``value`` the needs survey's rows of that company. Rows read from the register's companies column (``register:``
    records) are said under ``register_source``. Only pseudonyms are compared and no name is given: the row
    numbers let the coordinator correct a spelling (QA round 26: three misspelt list names left the funnel 6/19
    where the inputs gave 7/19, and only a count said so). Empty without a needs survey or a list."""
    if needs is None or attendance is None or not len(attendance) or links.empty:
        return records("input_problems", [])
    needs_links = links[links["source"] == NEEDS]
    needs_ids = set(needs_links["company_id"].astype(str))
    needs_row = dict(zip(needs.respondents["respondent_id"].astype(str), needs.respondents["source_row"]))
    rows_of_name: dict[str, set[int]] = {}
    for rid, name_id in zip(needs_links["record_id"].astype(str), needs_links["name_id"].astype(str)):
        if name_id and not pd.isna(needs_row.get(rid)):
            rows_of_name.setdefault(name_id, set()).add(int(needs_row[rid]))
    company = canonical_of(links, ATTENDANCE)
    near_ids = attendance[NEAR_IDS] if NEAR_IDS in attendance.columns else pd.Series([""] * len(attendance))
    apart: dict[str, list[int]] = {}
    out = []
    for record, row, near in zip(attendance["record_id"].astype(str), attendance["source_row"],
                                 near_ids.fillna("").astype(str)):
        if company.get(record) in needs_ids:
            continue
        where = register_source if record.startswith("register:") else source
        meant = sorted({r for n in near.split(";") if n for r in rows_of_name.get(n, ())})
        if meant:
            # the needs survey's rows as ``value`` (no name): the report's sentence is in the report's language
            out.append({"source": where, "problem": NEAR_NEEDS, "rows": str(int(row)),
                        "value": ", ".join(str(r) for r in meant), "meant": "", "workshop_id": ""})
        else:
            apart.setdefault(where, []).append(int(row))
    out = [{"source": where, "problem": NOT_IN_NEEDS, "rows": ", ".join(str(r) for r in sorted(set(rows))),
            "value": "", "meant": "", "workshop_id": ""} for where, rows in apart.items()] + out
    return records("input_problems", out)


def not_in_needs_text(row: Any) -> str:
    """One ``attendance_not_in_needs`` or ``attendance_near_needs`` row (``attendance_not_in_needs``) as the
    log's line."""
    rows = f"row {row.rows}" if "," not in row.rows else f"rows {row.rows}"
    if row.problem == NEAR_NEEDS:
        return (f"{row.source}, {rows}: the company is in no needs answer, but its name is one ending away from "
                f"the company of the needs survey's row {row.value}; if it is the same company, write its name as "
                f"the needs survey does (or add its Y-tunnus), else the funnel does not count its attendance")
    return (f"{row.source}, {rows}: the company is in no needs answer (no business ID or name of the needs survey "
            f"matches), so the funnel does not count its attendance; correct the spelling if it answered the needs "
            f"survey")


def _linking_summary(links: pd.DataFrame) -> pd.DataFrame:
    """How many companies were linked across the sources, how, and how many could not be."""
    rows = []
    kind = links["source"].map(lambda s: "feedback" if s.startswith("feedback:") else s)
    links = links.assign(kind=kind)
    for source in (NEEDS, "feedback", IMPACT, ATTENDANCE):
        part = links[links["kind"] == source]
        if part.empty:
            continue
        # an answer without business ID or name is no company of its own: only identified ones are counted
        rows.append(("companies", source, part.loc[part["is_identified"], "company_id"].nunique(), len(part)))
        rows.append(("unidentified", source, int((~part["is_identified"]).sum()), len(part)))
    others = links[(links["kind"] != NEEDS) & links["is_identified"]]
    needs_ids = set(links.loc[links["kind"] == NEEDS, "company_id"])
    if needs_ids and not others.empty:
        # per company of the other sources linked to a needs answer: by business ID when one of its records gives
        # the business ID a needs answer gives, else by name only (QA round 26: a company whose 13 impact answers
        # matched by Y-tunnus counted "by name" because its attendance-list row gave a name)
        needs_bids = set(links.loc[(links["kind"] == NEEDS) & (links["basis"] == BUSINESS_ID), "source_company_id"])
        by_bid = set(others.loc[(others["basis"] == BUSINESS_ID) & others["source_company_id"].isin(needs_bids),
                                "company_id"])
        companies = sorted(set(others["company_id"]))
        linked = [c for c in companies if c in needs_ids]
        how = {c: BUSINESS_ID if c in by_bid else NAME for c in linked}
        total = len(companies)
        rows.append(("linked", "all", len(linked), total))
        rows.append(("linked_by", BUSINESS_ID, sum(v == BUSINESS_ID for v in how.values()), total))
        rows.append(("linked_by", NAME, sum(v == NAME for v in how.values()), total))
        rows.append(("not_in_needs", "all", total - len(linked), total))
    frame = pd.DataFrame(rows, columns=["measure", "source", "companies", "base"])
    return conform(frame, "linking")


def canonical_of(links: pd.DataFrame, source: str | None = None) -> dict[str, str]:
    """record id (respondent pseudonym, or attendance row id) → linked company id, for one source or all."""
    part = links if source is None else links[links["source"] == source]
    return dict(zip(part["record_id"].astype(str), part["company_id"].astype(str)))


def needs_company_map(links: pd.DataFrame) -> dict[str, str]:
    """The needs survey's own company id → linked company id."""
    part = links[links["source"] == NEEDS]
    return dict(zip(part["source_company_id"].astype(str), part["company_id"].astype(str)))


# --- the attendance list ---------------------------------------------------------------------------------------

def _header_key(header: Any) -> str:
    return re.sub(r"[\s:?*.]+$", "", fold(header)).replace("_", " ")


NEAR_IDS = "near_ids"        # an attendance row's extra column: ";"-joined pseudonyms of its near-miss names


def attendance_list(frame: pd.DataFrame, source: str, key: bytes) -> pd.DataFrame:
    """The attendance list (one row per company and workshop attended) pseudonymised: ``record_id, workshop,
    company_id, basis, name_id, source_row`` (schema ``attendance``), and ``near_ids``: the ";"-joined
    pseudonyms of the names one inflection ending away from the row's (``companies.near_name_keys``). The
    workshop is kept as written (an id or a title of the register), matched later. A file without a workshop
    column, or without a business-ID or company-name column, is refused naming the columns it has."""
    from pipeline.ingest.companies import business_id_key, company_name_key, is_company_name_header, near_name_keys
    from pipeline.privacy import is_business_id_column, pseudonym

    columns = [str(c) for c in frame.columns]
    keys = {c: _header_key(c) for c in columns}
    workshop = next((c for c in columns if keys[c] in _WORKSHOP_HEADERS), None)
    business = next((c for c in columns if is_business_id_column(c)), None)
    name = next((c for c in columns if is_company_name_header(c)), None)
    if workshop is None or (business is None and name is None):
        wanted = [] if workshop is not None else ["a workshop column (workshop_id, Työpaja, Evenemang …)"]
        if business is None and name is None:
            wanted.append("a business-ID or company-name column (Y-tunnus, Yrityksen nimi, FO-nummer, Företagets "
                          "namn …)")
        raise InputError(f"{source}: the attendance list lacks {' and '.join(wanted)}; its columns are "
                         f"{', '.join(columns) or 'none'}; rename the headers")
    from pipeline.ingest.layout import VOCABULARY
    from pipeline.keys import fold

    summary_words = VOCABULARY.get("summary_rows", frozenset())
    # the row as the spreadsheet shows it (read_table knows it, title and blank rows included); else header = row 1
    file_rows = frame.attrs.get("source_rows") or []
    rows = []
    for position, record in enumerate(frame.to_dict("records")):
        row = int(file_rows[position]) if len(file_rows) == len(frame) else position + 2
        where = str(record.get(workshop) or "").strip()
        bid = business_id_key(record.get(business)) if business else ""
        folded = company_name_key(record.get(name)) if name else ""
        if not where and not bid and not folded:
            continue                  # a blank line
        if fold(where) in summary_words or (not where and any(fold(str(v or "")) in summary_words
                                                               for v in record.values())):
            # "Yhteensä, 44" under the list, as under the register (QA round 31: refused as a row with no
            # business ID, "fill in Y-tunnus")
            log.warning("%s, row %d: a totals row (%r) is not an attendance; skipped", source, row,
                        where or next(str(v) for v in record.values() if fold(str(v or "")) in summary_words))
            continue
        if not where:
            raise InputError(f"{source}, row {row}, column {workshop!r}: no workshop; write the register's "
                             f"workshop id or title")
        name_id = pseudonym("company_name:" + folded, key) if folded else ""
        if bid:
            company, basis = pseudonym("business_id:" + bid, key), BUSINESS_ID
        elif folded:
            company, basis = name_id, NAME
        else:
            raise InputError(f"{source}, row {row}: neither a business ID nor a company name; fill in "
                             f"{' or '.join(repr(c) for c in (business, name) if c)}")
        # the pseudonyms of the names one inflection ending away: compared with the needs survey's names to tell
        # a near miss ("Perhon Saha" for "Perhon Sahat"), never linked (``attendance_not_in_needs``)
        near = ";".join(pseudonym("company_name:" + k, key) for k in near_name_keys(record.get(name))) \
            if folded else ""
        rows.append({"record_id": f"attendance:{row}", "workshop": where, "company_id": company, "basis": basis,
                     "name_id": name_id, "source_row": row, NEAR_IDS: near})
    seen: dict[tuple[str, str], int] = {}
    repeats = []
    for r in rows:
        first = seen.setdefault((fold(r["workshop"]), r["company_id"]), r["source_row"])
        if first != r["source_row"]:
            repeats.append((r["source_row"], first))
    if repeats:
        # counted once by the funnel; said, so that every row is accounted for (QA round 31 F7)
        log.warning("%s: row(s) %s repeat row(s) %s (the same company at the same workshop): counted once", source,
                    ", ".join(str(a) for a, _ in repeats), ", ".join(str(b) for _, b in repeats))
    out = pd.DataFrame(rows, columns=["record_id", "workshop", "company_id", "basis", "name_id", "source_row",
                                      NEAR_IDS])
    return conform(out, "attendance")


# --- workshops named in answers --------------------------------------------------------------------------------

_BILINGUAL_TITLE = re.compile(r"\s+/\s+|\s+[|]\s+")
# a date written beside a title ("15.9.2022", "15.9.", "2022-09-15") and a number put before it ("1.", "3)",
# "Nro 3:"): a form or a register may add them, and they are not the title
_DATE_IN_TEXT = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.?(?:(\d{4}|\d{2})(?![\d]))?(?![\d])"
                           r"|(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMBERING = re.compile(r"^\s*(?:(?:nro|no|nr|#|työpaja|workshop|tillfälle)\.?\s*)?\d{1,3}\s*(?:[.):–-]\s*|\s+(?=\D))")
_NUMBER_IN_BRACKETS = re.compile(r"[(\[][^)\]]*\d[^)\]]*[)\]]")


def _title_key(text: Any) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def _loose_key(text: Any) -> str:
    """The title without a date, a leading number or a bracketed number, and without spaces ("1. Canva työpaja
    (15.9.)" and "Canva-työpaja" → "canvatyöpaja"); "" when nothing is left."""
    folded = _NUMBER_IN_BRACKETS.sub(" ", _DATE_IN_TEXT.sub(" ", fold(text)))
    return _title_key(_NUMBERING.sub("", folded)).replace(" ", "")


# what a coordinator types around a title that the register's title may lack (QA round 21: "Data & Excel i
# vardagen" for "Data och Excel i vardagen", "Vienti Pohjoismaihin -webinaari" for "Vienti Pohjoismaihin"): the
# word for "and" and a format word at the end
_CONJUNCTION = re.compile(r"\s*&\s*|\s+(?:ja|och|and|und|et|y)\s+")
_FORMAT_WORD = re.compile(r"[\s-]*(?:webinaari|verkkotilaisuus|työpaja|koulutus|valmennus|tilaisuus|seminaari|"
                          r"webbinarium|webbinar|workshop|verkstad|utbildning|seminarium|webinar|seminar|training|"
                          r"event|session)$")


def _bare_key(text: Any) -> str:
    """The loose key (``_loose_key``) also without the word for "and" (or "&") and a format word at the end
    ("-webinaari", "workshop"); "" when nothing else is left."""
    folded = _CONJUNCTION.sub(" ", _NUMBER_IN_BRACKETS.sub(" ", _DATE_IN_TEXT.sub(" ", fold(text))))
    bare = _FORMAT_WORD.sub("", _title_key(_NUMBERING.sub("", folded)))
    return bare.replace(" ", "") if bare.strip() else ""


def _day_month(text: Any) -> tuple[int, int] | None:
    """(day, month) of the first date written in ``text``, or None."""
    hit = _DATE_IN_TEXT.search(fold(text))
    if hit is None:
        return None
    day, month = (hit.group(1), hit.group(2)) if hit.group(1) else (hit.group(6), hit.group(5))
    return int(day), int(month)


class WorkshopMatcher:
    """Register workshops by id or title, as an answer or a list row names them (case, punctuation and spacing
    folded; a date or a number written beside the title set aside, on either side). ``match(pieces)`` reads the
    pieces of one answer, joining neighbours a comma split apart when together they make a title ("Study trip
    to Bergen, Norway" exported as two options)."""

    def __init__(self, register: pd.DataFrame) -> None:
        self.by_key: dict[str, str] = {}
        self.by_loose: dict[str, set[str]] = {}
        self.by_bare: dict[str, set[str]] = {}
        self.day_month: dict[str, tuple[int, int]] = {}
        halves: dict[str, set[str]] = {}
        dates = register["date"] if "date" in register.columns else pd.Series([None] * len(register))
        for wid, title, when in zip(register["workshop_id"].astype(str), register["title"].fillna("").astype(str),
                                    dates):
            for key in (_title_key(wid), _title_key(title)):
                if key:
                    self.by_key.setdefault(key, wid)
            stamp = pd.to_datetime(when, errors="coerce") if when is not None else pd.NaT
            if pd.notna(stamp):
                self.day_month[wid] = (int(stamp.day), int(stamp.month))
            if _loose_key(title):
                self.by_loose.setdefault(_loose_key(title), set()).add(wid)
            if _bare_key(title):
                self.by_bare.setdefault(_bare_key(title), set()).add(wid)
            # a bilingual title "Päätösseminaari / Avslutningsseminarium": a form may list either language's half
            for half in _BILINGUAL_TITLE.split(title) if _BILINGUAL_TITLE.search(title) else ():
                if _title_key(half):
                    halves.setdefault(_title_key(half), set()).add(wid)
                if _loose_key(half):
                    self.by_loose.setdefault(_loose_key(half), set()).add(wid)
        for key, wids in halves.items():
            if len(wids) == 1:        # a half two workshops share names neither
                self.by_key.setdefault(key, next(iter(wids)))
        self.longest = max((k.count(" ") + 1 for k in self.by_key), default=1)

    def one(self, text: Any) -> str | None:
        """The workshop id ``text`` names, or None. Its exact title (or id) first; else its title without dates
        and numbering, which must name one workshop, or one whose date is the date ``text`` writes; else the same
        without "and" and a format word at the end ("Data & Excel -webinaari" for "Data och Excel")."""
        exact = self.by_key.get(_title_key(text))
        if exact is not None:
            return exact
        wids = self.by_loose.get(_loose_key(text), set()) or self.by_bare.get(_bare_key(text), set())
        if len(wids) > 1:
            # "Brändityöpaja 15.9." among two Brändityöpaja: the date written tells them apart
            when = _day_month(text)
            wids = {w for w in wids if when is not None and self.day_month.get(w) == when}
        return next(iter(wids)) if len(wids) == 1 else None

    def match(self, pieces: Sequence[str]) -> tuple[list[str], list[str], bool]:
        """(workshop ids, unmatched pieces, said none)."""
        found, unknown, none = [], [], False
        i = 0
        pieces = [p.strip() for p in pieces if str(p).strip()]
        while i < len(pieces):
            for j in range(len(pieces), i, -1):          # the longest run of pieces that is one title
                wid = self.one(", ".join(pieces[i:j]))
                if wid is not None:
                    found.append(wid)
                    i = j
                    break
            else:
                if _NONE_ANSWER.match(fold(pieces[i])):
                    none = True
                else:
                    unknown.append(pieces[i])
                i += 1
        return found, unknown, none


# --- the attendance question found by its options ----------------------------------------------------------------

ATTENDED = "attended"
FOUND_BY_OPTIONS = "attendance_question"      # the key of ``Survey.report`` saying which question and why


def _title_options(options: Any, matcher: WorkshopMatcher) -> tuple[int, int]:
    """(options naming a register workshop, options that could: all but a "none" option)."""
    labels = [str(o).strip() for o in (options if isinstance(options, (list, tuple, np.ndarray)) else ())
              if str(o).strip()]
    candidates = [o for o in labels if not _NONE_ANSWER.match(fold(o))]
    return sum(matcher.one(o) is not None for o in candidates), len(candidates)


def with_attendance_by_options(survey: Survey, register: pd.DataFrame | None, min_share: float,
                               named: Mapping[str, str] | None = None) -> Survey:
    """``survey`` with the role ``attended`` on the multi-choice question whose options are the register's
    workshops: more than ``min_share`` of its options (a "none" option aside), and at least two, name a register
    workshop by the linking's title matching. It is taken when no question has the role, or when the question
    its wording chose is a closed question none of whose options names a workshop; a question the config names
    (``named``: ``[impact.roles]``) is never overridden. ``survey.report["attendance_question"]`` then says which
    question and why (``question_id``, ``found_by`` = options, ``options_matched``, ``options``). The survey is
    returned unchanged otherwise."""
    if register is None or register.empty or ATTENDED in (named or {}):
        return survey
    questions = survey.questions
    matcher = WorkshopMatcher(register)
    role = questions["role"].fillna("").astype(str)
    current = questions[role == ATTENDED]
    if not current.empty:
        q = current.iloc[0]
        matched, total = _title_options(q["options"], matcher)
        if q["type"] not in ("single", "multi") or matched or not total:
            # the worded question stands (open, or its options do name workshops)
            return survey
    best: tuple[int, int, int] | None = None
    for position, (qtype, qrole, options) in enumerate(zip(questions["type"].astype(str), role, questions["options"])):
        if qtype != "multi" or qrole not in ("", ATTENDED):
            continue
        matched, total = _title_options(options, matcher)
        if matched >= 2 and matched > min_share * total and (best is None or matched > best[1]):
            best = (position, matched, total)
    if best is None:
        return survey
    position, matched, total = best
    roles = role.where(role != ATTENDED, "").tolist()
    roles[position] = ATTENDED
    qid = str(questions["question_id"].iloc[position])
    log.info("%s: question %s is taken as the attendance question: %d of its %d options are workshops of the "
             "register", survey.source, qid, matched, total)
    report = {**survey.report, FOUND_BY_OPTIONS: {"question_id": qid, "found_by": "options",
                                                  "options_matched": matched, "options": total}}
    return replace(survey.with_roles(questions.assign(role=pd.Series(roles, index=questions.index, dtype="string"))),
                   report=report)


def data_used_by_options(data: pd.DataFrame, surveys: Sequence[tuple[str, Survey]]) -> pd.DataFrame:
    """``data`` (schema ``data_used``) with ``use`` = ``by_options`` on each attendance question found by its
    options rather than its wording (``with_attendance_by_options``), so that the report says why it was
    taken."""
    found = {(kind, s.source, s.report[FOUND_BY_OPTIONS]["question_id"]) for kind, s in surveys
             if FOUND_BY_OPTIONS in s.report}
    if data.empty or not found:
        return data
    files = data["file"].astype(str).str.replace(r" \(\+\d+\)$", "", regex=True)
    hit = [(kind, file, qid) in found and role == ATTENDED
           for kind, file, qid, role in zip(data["survey"].astype(str), files, data["question_id"].astype(str),
                                            data["role"].astype(str))]
    return data.assign(use=data["use"].mask(pd.Series(hit, index=data.index), "by_options"))


def attendance_answers(survey: Survey, matcher: WorkshopMatcher) -> dict[str, tuple[list[str], list[str], bool]]:
    """Respondent id -> (workshop ids, unmatched pieces, said none) of its answer to the survey's attendance
    question(s) (role ``attended``) and their "other, please specify" texts (``<id>_other``: "Jag deltog inte
    i någon verkstad" typed there); respondents who left them blank are not listed."""
    out: dict[str, tuple[list[str], list[str], bool]] = {}
    questions = survey.questions_with_role("attended")
    if questions.empty:
        return out
    ids = set(questions["question_id"].astype(str))
    others = survey.questions[(survey.questions["type"] == "other_text")
                              & survey.questions["question_id"].astype(str).isin({f"{q}_other" for q in ids})]
    ids |= set(others["question_id"].astype(str))
    answers = survey.answers[survey.answers["question_id"].astype(str).isin(ids)]
    for rid, part in answers.groupby("respondent_id", sort=True):
        pieces: list[str] = []
        for value, text in zip(part["value"], part["text"]):
            raw = text if isinstance(text, str) and text.strip() else value
            if raw is None or (not isinstance(raw, str) and pd.isna(raw)):
                continue
            # a multi-select gives one row per option, an open answer one text: both are split on ; and newlines
            # and ", " (an option may be two titles that an export joined), and match() joins neighbours again
            # where together they make one title ("Study trip to Bergen, Norway")
            pieces += _SPLIT.split(str(raw))
        out[str(rid)] = matcher.match(pieces)
    return out


SURVEY_ATTENDANCE_COLUMNS = ["survey", "survey_no", "respondent_id", "workshops", "unmatched", "said_none"]


def survey_attendance_table(register: pd.DataFrame | None, feedback: Sequence[tuple[str | None, Survey]] = (),
                            impact: Survey | None = None, cancelled: Sequence[Mapping[str, Any]] | None = None
                            ) -> pd.DataFrame:
    """Every answer to an attendance question, read once for the funnel and the impact shares: one row per
    survey and respondent that answered it (``survey`` ``feedback`` with ``survey_no`` its position among the
    feedback surveys, or ``impact`` with 0), the register's workshop ids it names (``workshops``, a list), the
    pieces that name none (``unmatched``) and whether it says the respondent attended none (``said_none``).
    ``cancelled`` is the register's workshops that were not held (its accounts' ``cancelled_workshops``:
    ``workshop_id``, ``title``): an answer naming only such workshops says the respondent attended none (QA round
    26: a form kept the option of a cancelled workshop, and its one ticker stayed in the impact base); such
    pieces are not ``unmatched``: the register's warning names the workshop, and there is no title to correct.
    Empty without a register."""
    rows: list[tuple[str, int, str, list[str], list[str], bool]] = []
    if register is not None and not register.empty:
        matcher = WorkshopMatcher(register)
        held = set(register["workshop_id"].astype(str))
        not_held = pd.DataFrame([{"workshop_id": str(c["workshop_id"]), "title": str(c["title"])}
                                 for c in cancelled or () if str(c["workshop_id"]) not in held],
                                columns=["workshop_id", "title"])
        gone = WorkshopMatcher(not_held) if len(not_held) else None
        parts = [("feedback", no, survey) for no, (_, survey) in enumerate(feedback or ())]
        parts += [(IMPACT, 0, impact)] if impact is not None else []
        for kind, no, survey in parts:
            for rid, (found, missing, none) in attendance_answers(survey, matcher).items():
                if gone is not None and missing:
                    held_not = [p for p in missing if gone.one(p) is not None]
                    if held_not and not found and len(held_not) == len(missing):
                        none = True       # only workshops that were not held: attended none
                    # a workshop not held is no title to correct (QA round 30: the warning said to rename it)
                    missing = [p for p in missing if gone.one(p) is None]
                rows.append((kind, no, rid, found, missing, none))
    return pd.DataFrame(rows, columns=SURVEY_ATTENDANCE_COLUMNS).astype(
        {"survey": object, "survey_no": "int64", "respondent_id": object, "said_none": bool})


def unmatched_attendance(answered: pd.DataFrame | None, register: pd.DataFrame | None,
                         feedback: Sequence[tuple[str | None, Survey]] = (), impact: Survey | None = None
                         ) -> pd.DataFrame:
    """The attendance answers that name no register workshop (schema ``input_problems``,
    ``unmatched_attendance``): per survey and answer, its spreadsheet rows and the register title it may mean.
    Such an answer traces no attendance, so the funnel under-counts (QA round 21: "Data & Excel i vardagen" and a
    "-webinaari" title left sales at 5 of 8 instead of 5 of 10, and only the log said so)."""
    import difflib

    from pipeline.privacy import scrub_text

    if answered is None or answered.empty or register is None or register.empty:
        return records("input_problems", [])
    titles = [str(t) for t in register["title"].dropna()] if "title" in register.columns else []
    folded = {fold(t): t for t in titles}
    surveys = {("feedback", no): survey for no, (_, survey) in enumerate(feedback or ())}
    if impact is not None:
        surveys[(IMPACT, 0)] = impact
    rows = []
    for (kind, no), survey in surveys.items():
        mine = _answers_of(answered, kind, no)
        where = dict(zip(survey.respondents["respondent_id"].astype(str), survey.respondents["source_row"]))
        found: dict[str, list[int]] = {}
        for rid, missing in zip(mine["respondent_id"].astype(str), mine["unmatched"]):
            for piece in missing:
                at = found.setdefault(str(piece), [])
                if not pd.isna(where.get(rid)):
                    at.append(int(where[rid]))
        for piece, at in found.items():
            near = difflib.get_close_matches(fold(piece), list(folded), n=1, cutoff=0.6)
            rows.append({"source": survey.source, "problem": "unmatched_attendance",
                         "rows": ", ".join(str(r) for r in sorted(set(at))), "value": scrub_text(piece),
                         "meant": folded[near[0]] if near else "", "workshop_id": ""})
    return records("input_problems", rows)


def invalid_business_ids(surveys: Sequence[Survey | None]) -> pd.DataFrame:
    """The responses whose business ID fails its check digit (schema ``input_problems``, ``invalid_business_id``:
    the rows ingest named in each survey's report): they link to the same company elsewhere only by its name."""
    return records("input_problems", [
        {"source": s.source, "problem": "invalid_business_id", "value": "", "meant": "", "workshop_id": "",
         "rows": ", ".join(str(r) for r in s.report["invalid_business_ids"])}
        for s in surveys if s is not None and s.report.get("invalid_business_ids")])


def _answers_of(answered: pd.DataFrame, kind: str, no: int = 0) -> pd.DataFrame:
    return answered[(answered["survey"] == kind) & (answered["survey_no"] == no)]


def non_attendees(survey: Survey, register: pd.DataFrame | None, answered: pd.DataFrame | None = None) -> set[str]:
    """The respondents of ``survey`` (the impact survey) whose attendance answer says they attended none of the
    register's workshops ("En osallistunut mihinkään") and names none; empty without a register or an attendance
    question. ``answered`` is the run's ``survey_attendance`` table (read here when not given)."""
    if register is None or register.empty:
        return set()
    if answered is None:
        answered = survey_attendance_table(register, impact=survey)
    mine = _answers_of(answered, IMPACT)
    return {rid for rid, found, none in zip(mine["respondent_id"], mine["workshops"], mine["said_none"])
            if none and not found}


def _question_attendance(answered: pd.DataFrame, source: str, company: Mapping[str, str]
                         ) -> tuple[list[tuple[str, str, str]], set[str], list[str]]:
    """(company, workshop, source) rows, the companies the question traces, unmatched answers, from one survey's
    rows of ``survey_attendance``."""
    attended, traced, unknown = [], set(), []
    for rid, found, missing, none in zip(answered["respondent_id"], answered["workshops"], answered["unmatched"],
                                         answered["said_none"]):
        cid = company.get(rid)
        if cid is None:
            continue
        if found or none:
            traced.add(cid)
        attended += [(cid, wid, source) for wid in found]
        unknown += missing
    return attended, traced, unknown


def attendance_facts(links: pd.DataFrame, register: pd.DataFrame, attendance: pd.DataFrame | None = None,
                     feedback: Sequence[tuple[str | None, Survey]] = (), impact: Survey | None = None,
                     answered: pd.DataFrame | None = None) -> tuple[pd.DataFrame, set[str], set[str], list[str]]:
    """(attended: ``company_id, workshop_id, source``; companies traced by an attendance question; workshops the
    attendance list covers; unmatched workshop names). ``answered`` is the run's ``survey_attendance`` table
    (read here when not given). An attendance-list row naming no register workshop is refused (exit 2) naming
    the row."""
    matcher = WorkshopMatcher(register)
    if answered is None:
        answered = survey_attendance_table(register, feedback, impact)
    rows: list[tuple[str, str, str]] = []
    traced: set[str] = set()
    unknown: list[str] = []
    covered: set[str] = set()
    if attendance is not None and len(attendance):
        company = canonical_of(links, ATTENDANCE)
        for record, where, row in zip(attendance["record_id"], attendance["workshop"], attendance["source_row"]):
            wid = matcher.one(where)
            if wid is None:
                raise InputError(f"attendance list, row {row}: workshop {where!r} is neither an id nor a title in "
                                 f"the workshop register; correct it to one of the register's ids")
            rows.append((company[str(record)], wid, ATTENDANCE))
            covered.add(wid)
    for no, (configured, survey) in enumerate(feedback or ()):
        source = feedback_source(survey)
        company = canonical_of(links[links["is_identified"]], source)
        found, traced_here, missing = _question_attendance(_answers_of(answered, "feedback", no), source, company)
        rows += found
        traced |= traced_here
        unknown += missing
        if configured is not None and configured in set(register["workshop_id"].astype(str)):
            rows += [(cid, str(configured), source) for cid in sorted(set(company.values()))]
        elif configured is None and survey.question("workshop") is not None:
            q = survey.question("workshop")
            named = survey.answers[survey.answers["question_id"] == q["question_id"]]
            for rid, value in zip(named["respondent_id"].astype(str), named["value"]):
                wid = matcher.one(value)
                if wid is not None and rid in company:
                    rows.append((company[rid], wid, source))
    if impact is not None:
        company = canonical_of(links[links["is_identified"]], IMPACT)
        found, traced_here, missing = _question_attendance(_answers_of(answered, IMPACT), IMPACT, company)
        rows += found
        traced |= traced_here
        unknown += missing
    if unknown:
        shown = ", ".join(sorted(set(unknown))[:5])
        log.warning("%d attendance answers name no register workshop (%s); match the options to the register's "
                    "titles", len(unknown), shown)
    frame = pd.DataFrame(rows, columns=["company_id", "workshop_id", "source"]).drop_duplicates(
        ["company_id", "workshop_id"]).sort_values(["company_id", "workshop_id"], kind="stable")
    return frame.reset_index(drop=True), traced, covered, unknown


# --- the funnel ---------------------------------------------------------------------------------------------------

def _register_themes(register: pd.DataFrame) -> dict[str, set[str]]:
    return {str(w): {t.strip() for t in str(ts or "").split(";") if t.strip() and t.strip() != OTHER}
            for w, ts in zip(register["workshop_id"], register["themes"].fillna(""))}


def _impact_answers(impact: Survey | None, links: pd.DataFrame, params: Mapping[str, Any],
                    absent: set[str] = frozenset()) -> dict[str, str]:
    """Linked company → its latest impact answer classified yes / partly / no; the answers of the respondents in
    ``absent`` (who said they attended no workshop: the impact table leaves them out) do not count."""
    if impact is None:
        return {}
    from pipeline.analysis.feedback import _classify

    question = impact.question("impact")
    if question is None:
        return {}
    labels = {"yes": params["feedback_yes_labels"], "partly": params["feedback_partly_labels"],
              "no": params["feedback_no_labels"]}
    answers = impact.answers[impact.answers["question_id"] == question["question_id"]]
    resp = impact.respondents[["respondent_id", "submitted_at", "source_row"]]
    merged = answers.merge(resp, on="respondent_id", how="left").sort_values(
        ["submitted_at", "source_row"], kind="stable", na_position="first")
    company = canonical_of(links[links["is_identified"]], IMPACT)
    out: dict[str, str] = {}
    for rid, value in zip(merged["respondent_id"].astype(str), merged["value"]):
        answer = _classify(value, labels)
        if answer is not None and rid in company and rid not in absent:
            out[company[rid]] = answer
    return out


def funnel_table(links: pd.DataFrame, company_themes: pd.DataFrame, register: pd.DataFrame,
                 theme_names: Mapping[str, str], params: Mapping[str, Any], attendance: pd.DataFrame | None = None,
                 feedback: Sequence[tuple[str | None, Survey]] = (), impact: Survey | None = None,
                 answered: pd.DataFrame | None = None) -> pd.DataFrame:
    """The funnel per needs theme (schema ``funnel``); see the module docstring. ``answered`` is the run's
    ``survey_attendance`` table (read here when not given). Inputs are not modified."""
    confidence = float(params["confidence"])
    attended, traced_q, covered, _ = attendance_facts(links, register, attendance, feedback, impact, answered)
    themes_of = _register_themes(register)
    to_linked = needs_company_map(links)
    asked: dict[str, set[str]] = {}
    for cid, theme in zip(company_themes["company_id"].astype(str), company_themes["theme"].astype(str)):
        if theme != OTHER:
            asked.setdefault(theme, set()).add(to_linked.get(cid, cid))
    went: dict[str, set[str]] = {}
    for cid, wid in zip(attended["company_id"], attended["workshop_id"]):
        for theme in themes_of.get(wid, ()):
            went.setdefault(theme, set()).add(cid)
    # an impact answer of a respondent who said they attended nothing is out of the impact table: out of the
    # funnel's impact columns too, though a colleague's feedback names the company (QA round 22)
    impact_of = _impact_answers(impact, links, params,
                                non_attendees(impact, register, answered) if impact is not None else set())
    everyone_traced = set(traced_q)
    # "attended without asking" needs to know what the company asked: only companies of the needs survey
    in_needs = set(to_linked.values())
    rows = []
    for theme in sorted(set(asked) | set(went)):
        workshops = [w for w, ts in themes_of.items() if theme in ts]
        list_covers = bool(workshops) and set(workshops) <= covered
        askers = asked.get(theme, set())
        traced = askers if list_covers else askers & traced_q
        yes = traced & went.get(theme, set())
        tracked = (everyone_traced | (set(attended["company_id"]) if list_covers else set()))
        without = (went.get(theme, set()) & tracked & in_needs) - askers
        said = [impact_of[c] for c in sorted(yes) if c in impact_of]
        rows.append({"theme": theme, "theme_name": theme_names.get(theme, theme), "workshops": len(workshops),
                     "asked": len(askers), "traced": len(traced), "attended": len(yes),
                     "impact_base": len(said), "impact_yes": sum(a in ("yes", "partly") for a in said),
                     "attended_without_asking": len(without)})
    columns = ["theme", "theme_name", "workshops", "asked", "traced", "attended", "impact_base", "impact_yes",
               "attended_without_asking"]
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return empty("funnel")
    frame["share"] = np.where(frame["traced"] > 0, frame["attended"] / frame["traced"].where(frame["traced"] > 0, 1),
                              np.nan)
    frame["ci_low"], frame["ci_high"] = wilson_interval(frame["attended"], frame["traced"], confidence)
    # a theme no workshop was held on reached nobody because there was nothing to attend: no share of it (QA
    # round 22: "0/5 attended" headlined a theme whose only workshop had been taken out of the register)
    held = (frame["workshops"] > 0).to_numpy()
    for column in ("share", "ci_low", "ci_high"):
        frame[column] = np.where(held, frame[column], np.nan)
    frame["impact_share"] = np.where(frame["impact_base"] > 0,
                                     frame["impact_yes"] / frame["impact_base"].where(frame["impact_base"] > 0, 1),
                                     np.nan)
    frame["impact_ci_low"], frame["impact_ci_high"] = wilson_interval(frame["impact_yes"], frame["impact_base"],
                                                                      confidence)
    frame = frame.sort_values(["asked", "theme"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return conform(disclosed(frame, params, counts=("asked", "traced", "attended", "impact_base", "impact_yes",
                                                    "attended_without_asking"),
                             bases={"traced": ("share", "ci_low", "ci_high"),
                                    "impact_base": ("impact_share", "impact_ci_low", "impact_ci_high")},
                             parts={"traced": ("attended",), "impact_base": ("impact_yes",)},
                             no_zero=("attended_without_asking",),
                             # as in the impact table: 11 of 12 saying yes tells the one who did not (and 12 of
                             # 13 attending, the one that asked and stayed away)
                             complement={"attended": "traced", "impact_yes": "impact_base"},
                             within={"attended": ("impact_base", "impact_yes")}), "funnel")
