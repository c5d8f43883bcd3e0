"""Which survey tool wrote an export, and how many header rows it has, from layout signatures only.

Signatures (see docs/export-layouts.md): Qualtrics' third row of ``{"ImportId"`` JSON (or the
2016 single-quoted variant) and the legacy ``V1…`` first row; LimeSurvey's ``submitdate``/``lastpage``/
``startlanguage`` (or their full-text headings); SurveyMonkey's second row of ``Response`` /
``Other (please specify)`` under a first row that names a question only once (or, flattened into one row,
``RespondentID`` and ``<question> - <option>`` headers); Microsoft Forms' ``Id``,
``Start time``, ``Completion time`` (and localised forms); Google Forms' leading ``Timestamp`` column;
Webropol's ``Vastausaika`` column and colon-terminated question headers; KoboToolbox's ``_uuid`` /
``_submission_time`` fields, Typeform's ``#`` / ``Submit Date (UTC)``, SoSci Survey's ``CASE`` / ``QUESTNNR``,
问卷星 (Wenjuanxing)'s ``序号`` / ``提交答卷时间`` / ``所用时间``, Jotform's leading ``Submission Date``.
The names live in ``pipeline/ingest_vocabulary.yaml``. File names are never used.
"""
from __future__ import annotations

import re

import pandas as pd

from pipeline.ingest.layout import VOCABULARY, dash_stem, lime_code
from pipeline.ingest.readers import RawTable

TOOLS = ("webropol", "msforms", "googleforms", "limesurvey", "qualtrics", "surveymonkey", "kobotoolbox", "typeform",
         "sosci", "wenjuanxing", "tencentwj", "alchemer", "qualifio", "jotform", "spss", "generic")

# header vocabularies: pipeline/ingest_vocabulary.yaml (names folded like headers)
_MSF = VOCABULARY["msforms"]
_MSFORMS_META = _MSF["id"] | _MSF["start"] | _MSF["completion"] | _MSF["modified"] | _MSF["email"] | \
    _MSF["name"] | _MSF["quiz"]
_MSFORMS_COMPLETION = _MSF["completion"]
_MSFORMS_START = _MSF["start"]
_GOOGLE_TIMESTAMP = VOCABULARY["googleforms"]["timestamp"]
_GOOGLE_SHEETS = re.compile(r"^(" + "|".join(re.escape(n) for n in sorted(VOCABULARY["googleforms"]["sheets"]))
                            + r")\b", re.IGNORECASE)
_LIME = VOCABULARY["limesurvey"]
_LIME_CODES = _LIME["codes"]
_LIME_TEXT = (_LIME["id"] | _LIME["submitted"] | _LIME["meta"] | frozenset().union(*_LIME["personal"].values())) \
    - (_LIME_CODES - {"seed"}) - {"id", "total time", "gesamtzeit", "interviewtime", "token"}
# a response-id heading in LimeSurvey's translations ("Antwort ID", "ID réponse"): no other tool writes these, so
# with one more LimeSurvey heading beside it (the language, "Langue") it names the tool, where the English
# "Response ID" (Alchemer's too) needs two more (issue 12 round 24: a French xlsx export of four metadata-poor
# columns, "ID réponse", "Langue", then the questions)
_LIME_TRANSLATED_ID = _LIME["id"] - {"id", "response id"}
_KOBO_SIGNATURE = VOCABULARY["kobotoolbox"]["signature"]
_TYPEFORM_SIGNATURE = VOCABULARY["typeform"]["signature"]
_SOSCI_SIGNATURE = VOCABULARY["sosci"]["signature"]
_WJX_SIGNATURE = VOCABULARY["wenjuanxing"]["signature"]
_WJX_ID = VOCABULARY["wenjuanxing"]["id"]
_WJX_NUMBERED = re.compile(VOCABULARY["wenjuanxing"]["numbered_heading"])
WJX_NUMBERED_SHARE = 0.5        # share of the headings after 序号 numbered "N、" for a 问卷星 file without metadata
_TENCENT_SIGNATURE = VOCABULARY["tencentwj"]["signature"]
_ALCHEMER_SIGNATURE = VOCABULARY["alchemer"]["signature"]
_QUALIFIO_SIGNATURE = VOCABULARY["qualifio"]["signature"]
_JOTFORM_SIGNATURE = VOCABULARY["jotform"]["signature"]
_JOTFORM_FIRST = VOCABULARY["jotform"]["first"]
_MONKEY_ROW2 = {"response", "other (please specify)", "open-ended response", "responses"}
# "respondent_id": SurveyMonkey's API field names, as a connector (Power BI, Zapier) writes them to a workbook
# ("respondent_id, collector_id, date_created, date_modified, ip_address": issue 12 round 26)
_MONKEY_ID = {"respondentid", "respondent id", "respondent_id"}
_MONKEY_FLAT_OTHER = re.compile(r" - other \(please specify\)$")
_WEBROPOL_META = VOCABULARY["webropol"]["meta"] | {"vastausaika:"}
_LIME_MIN_SUBQUESTION_COLUMNS = 3


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
    if {"responseid", "startdate", "enddate"} <= first_set or {"responseid", "finished"} <= first_set \
            or ("responseid" in first_set and _qualtrics_ids(frame, first.index("responseid"))):
        return "qualtrics", _qualtrics_header_rows(row)
    tool = _signature_tool(first, first_set) or ("typeform" if _typeform_tokens(frame, first) else "")
    if tool == "sosci":
        return tool, 2 if len(frame) >= 3 and _label_row(row[0], row[1]) else 1
    if tool:
        return tool, 1
    coded = {lime_code(c) for c in first}
    if len(first_set & _LIME_CODES) >= 2 or ("id" in first_set and "submitdate" in first_set) \
            or len(first_set & _LIME_TEXT) >= 3 or len(coded & _LIME_CODES) >= 2 \
            or (first and first[0] in _LIME_TRANSLATED_ID and len(first_set & _LIME_TEXT) >= 2):
        return "limesurvey", 2 if len(frame) >= 3 and _lime_vv_codes(first, row[1]) else 1
    if len(frame) >= 2 and _is_monkey(row[0], row[1]):
        return "surveymonkey", 2
    if first and first[0] in _MONKEY_ID and _is_flat_monkey(first):
        return "surveymonkey", 1
    if first and first[0] in _MONKEY_ID:
        # SurveyMonkey's own respondent numbers under one header row, or under two when every question is
        # exported one column per option (no "Response" marker in the second row)
        rows = 2 if len(frame) >= 3 and (_second_header_row(row[0], row[1]) or (
            not str(row[1][0]).strip() and all(str(c).strip() for c in row[1][1:]))) else 1
        if _monkey_ids(frame, rows):
            return "surveymonkey", rows
    if first_set & _MSFORMS_COMPLETION and (first_set & _MSFORMS_START) and \
            len(first_set & _MSFORMS_META) >= 3:
        # a tool's one header row, re-laid by hand as two (a grid's statements moved under its merged question)
        return "msforms", 2 if len(frame) >= 3 and _sub_labels_only(row[0], row[1]) else 1
    if first and first[0] in _GOOGLE_TIMESTAMP:
        return "googleforms", 2 if len(frame) >= 3 and _sub_labels_only(row[0], row[1]) else 1
    if table.sheet and _GOOGLE_SHEETS.match(table.sheet) and first and first[0] in _GOOGLE_TIMESTAMP | {""}:
        return "googleforms", 1
    if _lime_subquestions(first) or _lime_ranks(first):
        return "limesurvey", 1
    header_rows = 2 if len(frame) >= 3 and _second_header_row(row[0], row[1]) else 1
    # a row of running column numbers (1, 2, 3 …) under the header closes it: the rows above it are header
    # rows (a question row and its sub-labels), the numbers name columns, and neither is a respondent
    numbered = next((k for k in (1, 2) if len(frame) > k + 1 and column_numbers(row[k])), 0)
    if numbered:
        header_rows = numbered + 1
    if first_set & _WEBROPOL_META or (
            table.delimiter == ";" and sum(1 for c in row[0] if str(c).rstrip().endswith(":") or "\xa0" in str(c)) >= 2):
        return "webropol", header_rows
    return "generic", header_rows


def _lime_vv_codes(first: list[str], second: list) -> bool:
    """True when ``second`` is the code row of a LimeSurvey VV ("vvexport") file under its full-text headings:
    it starts with ``id`` and holds at least two more of LimeSurvey's metadata codes (``token``, ``submitdate``,
    ``lastpage``, ``startlanguage`` …) while the first row does not. A VV export heads its columns twice, texts
    then codes (issue 12 round 24, an Estonian rating study); read with one header row, the codes were a
    respondent and every code an answer option."""
    codes = [_norm(c) for c in second]
    return bool(codes) and codes[0] == "id" and "id" not in first \
        and len(set(codes) & (_LIME_CODES | {"token"})) >= 2


# LimeSurvey's code headings of subquestions: ``TRAJET[SQ001]`` (no space before the bracket, unlike the
# ``Question [Row]`` of Google Forms and of LimeSurvey's own full-text headings)
_LIME_SUBQUESTION = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)\[[A-Za-z0-9_#-]+\]$")


def _lime_subquestions(first: list[str]) -> bool:
    """True when the headings are LimeSurvey's code headings (an export whose metadata columns were left out):
    at least ``_LIME_MIN_SUBQUESTION_COLUMNS`` ``CODE[SUB]`` headings, at least two sharing a question code, and
    they are at least a fifth of the columns. No other supported tool writes ``word[word]`` headings."""
    stems = [m.group(1) for c in first if (m := _LIME_SUBQUESTION.match(c))]
    return len(stems) >= _LIME_MIN_SUBQUESTION_COLUMNS and len(set(stems)) < len(stems) \
        and len(stems) >= 0.2 * len([c for c in first if c])


_LIME_RANK = re.compile(r"^(.*\S)\s*\[(" + "|".join(re.escape(w) for w in sorted(_LIME["rank_words"]))
                        + r") (\d{1,2})\]$")


def _lime_ranks(first: list[str]) -> bool:
    """True when the headings hold LimeSurvey's full headings of a ranking question: one question's ``[Rank 1]``,
    ``[Rank 2]`` … numbered from 1 without a gap (an export whose metadata columns were left out). Google Forms
    puts its ``Timestamp`` first and is told before this; no other supported tool numbers ranks so."""
    ranks: dict[str, list[int]] = {}
    for cell in first:
        if m := _LIME_RANK.match(cell):
            ranks.setdefault(m.group(1), []).append(int(m.group(3)))
    return any(len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1)) for numbers in ranks.values())


def _signature_tool(first: list[str], first_set: set[str]) -> str:
    """KoboToolbox (``_id``, ``_uuid``, ``_submission_time``, ``_index`` …), Typeform (``#`` first, ``Start
    Date (UTC)``, ``Submit Date (UTC)``, ``Network ID``) or SoSci Survey (``CASE``, ``SERIAL``, ``QUESTNNR``,
    ``STARTED``, ``LASTDATA`` …), SoSci Survey or 问卷星 (``序号``, ``提交答卷时间``, ``所用时间``, ``来源``, ``来源详情``,
    ``来自IP``) or 腾讯问卷 (``编号``, ``开始答题时间``, ``结束答题时间``, ``答题时长``, ``地理位置省`` …): their own metadata
    names, at least three of them (SoSci: ``CASE`` and ``QUESTNNR`` among them; 问卷星: ``提交答卷时间``; 腾讯问卷:
    ``开始答题时间`` and ``结束答题时间``) or Alchemer / SurveyGizmo (``Response ID``, ``Time Started``, ``Date
    Submitted``, ``Status``, ``SessionID`` …: four of them, the two times among them) or Qualifio (``Game Id``,
    ``Server Time``, ``MiniGameScore``, ``googleId``, ``backUrl``, ``xtor`` …: three, ``Game Id`` among them) or
    Jotform (``Submission Date`` first, or two of its metadata names); "" when none fits."""
    if len(first_set & _KOBO_SIGNATURE) >= 3:
        return "kobotoolbox"
    if first and first[0] == "#" and len(first_set & _TYPEFORM_SIGNATURE) >= 3:
        return "typeform"
    if {"case", "questnnr"} <= first_set and len(first_set & _SOSCI_SIGNATURE) >= 3:
        return "sosci"
    if "提交答卷时间" in first_set and len(first_set & _WJX_SIGNATURE) >= 3:
        return "wenjuanxing"
    if first and first[0] in _WJX_ID and _wjx_numbered(first[1:]):
        return "wenjuanxing"
    if {"开始答题时间", "结束答题时间"} <= first_set and len(first_set & _TENCENT_SIGNATURE) >= 3:
        return "tencentwj"
    # "Time Started" and "Date Submitted" are Alchemer's own words; four names keep a hand-made sheet with a
    # "Status" and a "Response ID" from passing for one
    if {"time started", "date submitted"} <= first_set and len(first_set & _ALCHEMER_SIGNATURE) >= 4:
        return "alchemer"
    if "game id" in first_set and len(first_set & _QUALIFIO_SIGNATURE) >= 3:
        return "qualifio"
    # Jotform writes "Submission Date" first (where Google Forms writes its "Timestamp")
    if (first and first[0] in _JOTFORM_FIRST) or len(first_set & _JOTFORM_SIGNATURE) >= 2:
        return "jotform"
    return ""


def _wjx_numbered(headings: list[str]) -> bool:
    """True when at least ``WJX_NUMBERED_SHARE`` of the filled headings (at least two) are numbered the way
    问卷星 numbers its questions, ``1、您的性别：`` (the vocabulary's ``wenjuanxing.numbered_heading``): with 序号
    before them, an answer download whose metadata columns were deleted. 腾讯问卷 writes ``1.question`` after
    编号, and no other supported tool puts the ideographic comma after a number."""
    filled = [h for h in headings if h]
    numbered = sum(bool(_WJX_NUMBERED.match(h)) for h in filled)
    return numbered >= 2 and numbered >= WJX_NUMBERED_SHARE * len(filled)


# Typeform's response token under its "#" column: 32 lower-case letters and digits (every Typeform CSV and
# workbook in the corpus and the rounds' files); an export whose Typeform metadata columns were cut keeps it
_TYPEFORM_TOKEN = re.compile(r"[a-z0-9]{32}")
TYPEFORM_TOKEN_SHARE = 0.9      # share of the filled "#" cells that must be such tokens


def _typeform_tokens(frame: pd.DataFrame, first: list[str]) -> bool:
    """True when the first column is headed ``#`` and at least ``TYPEFORM_TOKEN_SHARE`` of its filled cells
    below are Typeform response tokens (a Typeform export whose other metadata columns were removed)."""
    if not first or first[0] != "#" or len(frame) < 2:
        return False
    cells = [str(c).strip() for c in frame.iloc[1:, 0] if str(c).strip()]
    return bool(cells) and sum(bool(_TYPEFORM_TOKEN.fullmatch(c)) for c in cells) >= TYPEFORM_TOKEN_SHARE * len(cells)


def _label_row(first: list, second: list) -> bool:
    """SoSci's optional second header row of variable labels ("Interview-Nummer (fortlaufend)") under the
    codes: the cell under ``CASE`` is not a case number."""
    codes = [_norm(c) for c in first]
    pos = codes.index("case") if "case" in codes else 0
    cell = str(second[pos]).strip() if pos < len(second) else ""
    return bool(cell) and not re.fullmatch(r"\d+(\.0)?", cell)


_QUALTRICS_ID = re.compile(VOCABULARY["qualtrics"]["response_id"])
# share of the filled cells under a ResponseId header that must be Qualtrics' own ids ("R_…") for a file without
# StartDate/EndDate/Finished to be taken for Qualtrics' (a researcher's cleaned export); a hand-kept sheet whose
# "Response ID" column numbers its rows is not
QUALTRICS_ID_SHARE = 0.9
QUALTRICS_ID_MIN = 3


def _qualtrics_ids(frame: pd.DataFrame, pos: int) -> bool:
    """True when the column at ``pos`` (headed ResponseId) holds Qualtrics' response ids below its header: at
    least ``QUALTRICS_ID_MIN`` filled cells, ``QUALTRICS_ID_SHARE`` of them of the shape "R_3FXrXtg2n2GkeT4"
    (a second header row, "Response ID", is one cell among them)."""
    cells = [str(v).strip() for v in frame.iloc[1:, pos] if str(v).strip() and str(v).strip() != "nan"]
    hits = sum(bool(_QUALTRICS_ID.match(c)) for c in cells)
    return hits >= QUALTRICS_ID_MIN and hits >= QUALTRICS_ID_SHARE * len(cells)


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


_MONKEY_RESPONDENT = re.compile(r"^\d{9,12}$")


def _monkey_ids(frame: pd.DataFrame, header_rows: int) -> bool:
    """A ``RespondentID`` column of SurveyMonkey's own respondent numbers (nine to twelve digits, all
    different) below the header rows."""
    ids = [str(v).strip() for v in frame.iloc[header_rows:, 0] if str(v).strip()]
    return len(ids) >= 2 and all(_MONKEY_RESPONDENT.match(v) for v in ids) and len(set(ids)) == len(ids)


# a row of column numbers has at least this many, and fills at least this share of the row's columns
COLUMN_NUMBERS_MIN = 5
COLUMN_NUMBERS_SHARE = 0.8
_WHOLE_NUMBER = re.compile(r"\d{1,4}(?:\.0)?")


def column_numbers(cells: list) -> bool:
    """True for a row of running column numbers printed under a hand-kept sheet's header (a blank cell may sit
    between two of them): every filled cell a whole number one more than the filled cell before it, at least
    ``COLUMN_NUMBERS_MIN`` of them, filling at least ``COLUMN_NUMBERS_SHARE`` of the row."""
    filled = [str(c).strip() for c in cells if str(c).strip() and str(c).strip() != "nan"]
    if len(filled) < COLUMN_NUMBERS_MIN or len(filled) < COLUMN_NUMBERS_SHARE * len(cells) \
            or not all(_WHOLE_NUMBER.fullmatch(c) for c in filled):
        return False
    numbers = [int(float(c)) for c in filled]
    return all(b == a + 1 for a, b in zip(numbers, numbers[1:]))


def _sub_labels_only(first: list, second: list) -> bool:
    """True when ``second`` is a row of sub-labels under a header whose other cells are merged down over both
    rows (a grid question merged across its statement columns in row 1, the statements in row 2, every other
    header cell merged over rows 1-2): a ``_second_header_row`` whose filled cells all lie under a question
    spanning columns (its own column or the blanks right of it), so it holds no answer of a respondent."""
    if not _second_header_row(first, second):
        return False
    spans = {i for i, c in enumerate(first) if i > 0 and not str(c).strip()}
    spans |= {i - 1 for i in spans}
    filled = {i for i, c in enumerate(second) if str(c).strip() and str(c).strip() != "nan"}
    return bool(filled) and filled <= spans


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


# --- submissions the tool marks as test, preview or debug runs ---------------------------------------------------
# Qualtrics writes the response type in ``Status``: as text ("IP Address", "Survey Preview", "Survey Test", "Spam",
# "Imported", "Offline") or, in numeric exports, as its code (0 IP Address, 1 Survey Preview, 2 Survey Test,
# 4 Imported, 8 Spam, 9 Survey Preview Spam, 12 Imported Spam, 16 Offline, 17 Offline Survey Preview); and
# ``DistributionChannel`` says "preview" (or "test") for runs from the survey editor. SoSci Survey's ``MODE`` says
# "interview" for a real interview and "debug" / "admin" for runs started from the administration area (debug mode,
# questionnaire test). Sources: docs/export-layouts.md (Qualtrics: Status 2 on the generated test responses of
# Q3-Q5) and the public analysis scripts cited in tests/data/exports/corpus/SOURCES.md.
_QUALTRICS_STATUS = {"survey preview": "Survey Preview", "survey test": "Survey Test",
                     "survey preview spam": "Survey Preview Spam", "offline survey preview": "Offline Survey Preview",
                     "1": "Survey Preview", "2": "Survey Test", "9": "Survey Preview Spam",
                     "17": "Offline Survey Preview"}
_QUALTRICS_CHANNEL = {"preview", "test"}
_SOSCI_MODE = {"debug", "admin"}
# Any tool (or a hand-made sheet): a column named like a test flag, holding only yes/no-like values.
_FLAG_HEADERS = {"test", "is test", "is_test", "istest", "test response", "test submission", "testvastaus",
                 "testisvastaus", "testsvar", "preview", "is preview", "is_preview", "ispreview"}
_FLAG_YES = {"1", "1.0", "true", "yes", "y", "x", "kyllä", "k", "ja", "j", "oui", "sí", "si", "sim", "test"}
_FLAG_NO = {"", "0", "0.0", "false", "no", "n", "ei", "e", "nej", "nein", "non", "não", "nao"}


def _keys(col) -> set[str]:
    return {_norm(getattr(col, attr, "")) for attr in ("header", "code", "text")} - {""}


def marked_rows(tool: str, columns: list, data: pd.DataFrame) -> list[str]:
    """Per data row: why the tool marks it as a test, preview or debug submission ("" for a real submission),
    as ``<column> = <value>`` (``Status = Survey Preview``, ``DistributionChannel = preview``, ``MODE = debug``,
    ``test = yes``). ``columns`` are the layout's columns (``header``, ``code``, ``text``, ``pos``); ``data``
    the data rows as stripped strings. The first marking column in file order wins."""
    reasons = [""] * len(data)
    rules = []
    for col in columns:
        keys = _keys(col)
        name = col.code or col.header
        if tool == "qualtrics" and "status" in keys:
            rules.append((col.pos, name, lambda v: _QUALTRICS_STATUS.get(_norm(v))))
        elif tool == "qualtrics" and "distributionchannel" in keys:
            rules.append((col.pos, name, lambda v: _norm(v) if _norm(v) in _QUALTRICS_CHANNEL else None))
        elif tool == "sosci" and "mode" in keys:
            rules.append((col.pos, name, lambda v: _norm(v) if _norm(v) in _SOSCI_MODE else None))
        elif keys & _FLAG_HEADERS and col.pos in data.columns:
            values = {_norm(v) for v in pd.unique(data[col.pos])}
            if values <= _FLAG_YES | _FLAG_NO and values & _FLAG_YES:
                rules.append((col.pos, name, lambda v: _norm(v) if _norm(v) in _FLAG_YES else None))
    for pos, name, rule in rules:
        if pos not in data.columns:
            continue
        found = {u: rule(u) for u in pd.unique(data[pos])}
        for i, value in enumerate(data[pos]):
            mark = found[value]
            if mark and not reasons[i]:
                shown = value if _norm(value) == _norm(mark) else f"{value} ({mark})"
                reasons[i] = f"{name} = {shown}"
    return reasons
