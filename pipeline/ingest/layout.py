"""Header rows to columns: what each export column is (question text, code, sub-item, grouping) per tool.

A ``Column`` says which question a column belongs to (``group``), which statement or option it holds
(``item``) and whether it is metadata, personal data, the respondent's id, the submission time, a business
ID or an "other, please specify" text. Columns sharing a group become one question candidate, typed later
in ``qtypes``. Layout rules follow docs/export-layouts.md section by section.
"""
from __future__ import annotations

import ast
import json
import html
import re
from html.parser import HTMLParser
from dataclasses import dataclass
from typing import Iterator

from pipeline.keys import fold, unaccented
from pipeline.ingest.companies import is_company_name_header
from pipeline.privacy import (MAX_VALUE_CHARS, NAME_SHAPE, dictionary_word, function_word, is_business_id_column,
                              asks_for_own_id, names_a_person,
                              person_names, personal_data_by_values, personal_data_kind)

# roles a column can have besides being (part of) a question
META, PERSONAL, RESPONDENT_ID, SUBMITTED_AT, BUSINESS_ID, OTHER_TEXT, OPEN = (
    "meta", "personal", "respondent_id", "submitted_at", "business_id", "other_text", "open")


@dataclass
class Column:
    """One export column as the layout reads it."""

    pos: int
    header: str             # the header as shown (row 1, or the joined header rows)
    code: str = ""          # the tool's column code (Qualtrics/LimeSurvey/SPSS), "" when none
    text: str = ""          # question text
    group: str = ""         # columns with the same group form one question candidate
    item: str = ""          # statement or option label within the group
    role: str = ""          # "" (a question) or one of the roles above
    personal: str = ""      # kind of personal data (privacy.personal_data_kind) when role is personal
    reason: str = ""        # why the column is personal data (or the respondent id): header or values
    # a tentative group (repeated header, ``group/option``, SPSS ``Q5_1``): kept together only when its
    # columns form one multi-select or grid; otherwise each column is typed alone under its own header
    soft: bool = False
    stem: str = ""          # soft group: the question text the columns share ("" = the code or header)
    parent: bool = False    # KoboToolbox's whole-answer column just before its ``question/option`` columns


_BRACKET = re.compile(r"^(.*\S)\s*\[([^\[\]]+)\]\s*$")
_SM_OTHER = re.compile(r"^other \(please specify\)$|^muu, mikä\??$|^annat, vad\??$", re.IGNORECASE)
def _load_vocabulary() -> dict:
    """The header vocabularies of ``pipeline/ingest_vocabulary.yaml``, every name folded like a header."""
    from pipeline.io import shipped_yaml

    raw = shipped_yaml("ingest_vocabulary.yaml")

    def folded(node, key=""):
        if key == "answers":             # answer vocabularies (qtypes): kept as written
            return node
        if isinstance(node, dict):
            return {k: folded(v, k) for k, v in node.items()}
        if isinstance(node, list):       # prefixes keep their trailing space ("points - ")
            return frozenset(str(x).lower() if key.endswith("prefixes") else fold(str(x)) for x in node)
        return node
    return folded(raw)


VOCABULARY = _load_vocabulary()
_COMMON = VOCABULARY["common"]
_OTHER_ITEM = re.compile("^(" + "|".join(re.escape(w) for w in sorted(_COMMON["other_items"])) + ")$",
                         re.IGNORECASE)
# SurveyMonkey's comment field on an option: "<option><br />Please explain …" (``common.comment_prompts``)
_COMMENT_LABEL = re.compile(r"^(?P<option>[^<>]{1,200}?)\s*<br\s*/?>\s*(?:" + "|".join(
    re.escape(w) for w in sorted(_COMMON["comment_prompts"], key=len, reverse=True)) + r")\b", re.IGNORECASE)
# an option that begins with an "other" word ("Other, please specify...", "Autre (préciser)")
_OTHER_LEAD = re.compile("^(" + "|".join(re.escape(w) for w in sorted(_COMMON["other_items"])) + r")\b",
                         re.IGNORECASE)
_MSF = VOCABULARY["msforms"]
_ID_HEADERS = _COMMON["id"] | _MSF["id"] | _COMMON["zh"]["id"]
# "Nr", "Nro", "No.": a running number as the response id, when no column is headed as the id and its cells
# are whole numbers (``respondent_id_checked``)
_ROW_NUMBER_IDS = _COMMON["row_number_ids"]
_TIME_HEADERS = _COMMON["submitted"] | _MSF["completion"] | VOCABULARY["googleforms"]["timestamp"] | \
    _COMMON["zh"]["submitted"]
_META_HEADERS = _COMMON["meta"] | _MSF["start"] | _MSF["modified"] | _MSF["quiz"] | _COMMON["zh"]["meta"]
# personal data by header words privacy.personal_data_kind has no rule for (Chinese exports)
_COMMON_PERSONAL = {name: kind for kind, names in _COMMON["personal"].items() for name in names}
_META_PREFIX = re.compile("^(" + "|".join(re.escape(p) for p in sorted(_COMMON["meta_prefixes"])) + ")",
                          re.IGNORECASE)
# tools whose metadata columns the vocabulary names (``<tool>: id / submitted / meta / personal``)
VOCABULARY_TOOLS = ("kobotoolbox", "typeform", "sosci", "wenjuanxing", "tencentwj", "alchemer", "qualifio",
                    "jotform")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).replace("\xa0", " ")).strip()


def header_key(text: str) -> str:
    """A header as matched against names: HTML-unescaped (a spec may copy a header from the raw export),
    folded (``pipeline.keys.fold``), no trailing colon."""
    return fold(html.unescape(text)).rstrip(":").strip()


def columns_for(tool: str, headers: list[list[str]], variable_labels: list[str] | None = None,
                question_row: list[str] | None = None) -> list[Column]:
    """Return one ``Column`` per export column for the tool's layout (header texts HTML-unescaped).
    ``question_row``: the cells of a row above the header that names questions over groups of its columns
    (``readers.RawTable.question_row``), which groups them (``_question_row_groups``)."""
    # LimeSurvey (and others) export question texts HTML-escaped ("Nom &amp; Post-nom"): unescaped here, once,
    # so every header and question text read from the layout is the text the respondent saw (QA round 12)
    headers = [[html.unescape(h) if isinstance(h, str) else h for h in row] for row in headers]
    if variable_labels is not None:
        variable_labels = [html.unescape(v) if isinstance(v, str) else v for v in variable_labels]
    if tool == "qualtrics":
        columns = _qualtrics(headers)
    elif tool == "limesurvey":
        columns = _limesurvey(headers[0])
    elif tool == "surveymonkey" and len(headers) >= 2:
        columns = _two_row(headers)
    elif tool == "surveymonkey":
        columns = _monkey_flat(headers[0])
    elif tool == "spss":
        columns = _spss(headers[0], variable_labels or [""] * len(headers[0]))
    elif tool in VOCABULARY_TOOLS:
        columns = _vocabulary_tool(tool, headers)
    elif len(headers) >= 2:
        columns = _two_row(headers)
    else:
        columns = _one_row(headers[0], colon_groups=tool in ("webropol", "generic"), tool=tool)
    if question_row and len(headers) == 1:
        _question_row_groups(columns, [html.unescape(c) for c in question_row])
    _other_text_after_tick(columns)
    _mark_common(columns)
    _ungroup_lone(columns)
    return columns


# what a text column's option label adds to the "other" option it belongs to: a bracket, a dash, a colon
# ("Annat, vad? (text)", "Muu, mikä? - Avoin vastaus", "Other:text"), never a word that goes on with the label
_TEXT_OF_OTHER = re.compile(r"^\s*[(\[\-–:/]")


def _other_text_after_tick(columns: list[Column]) -> None:
    """Mark the "other, please specify" text column of an option-per-column multi-select (``OTHER_TEXT``, in
    its group's ``:other`` group); changes ``columns`` in place.

    Webropol exports a check-all as ``Q:Option`` columns holding 1 or blank, the "other" option as a tick
    column of its own (``Q:Annat, vad?``) and the typed text in the next column (``Q:Annat, vad? (text)``;
    docs/export-layouts.md, Webropol: "Other, please specify: a text column after the option columns"). Read
    as one more option, that text column broke the group: every option became a number question and the
    themes were counted from the open text alone (issue 12, QA round 21, F1). The rule: the last column of a
    group whose option label is the label of the column before it, an "other" option (``common.other_items``),
    followed by a bracket, dash or colon part."""
    for i in range(1, len(columns)):
        prev, col = columns[i - 1], columns[i]
        if col.role or prev.role or not col.item or not prev.item or col.group != prev.group \
                or col.group.startswith("c") or not _OTHER_LEAD.match(prev.item.strip()):
            continue
        if i + 1 < len(columns) and columns[i + 1].group == col.group:
            continue            # not the group's last column
        head, label = col.item.strip(), prev.item.strip()
        if len(head) > len(label) and head[:len(label)].casefold() == label.casefold() \
                and _TEXT_OF_OTHER.match(head[len(label):]):
            col.role, col.group, col.item = OTHER_TEXT, prev.group + ":other", ""


def _mark_common(columns: list[Column]) -> None:
    """Personal-data, business-ID, id, time and metadata columns, by header text, for every tool."""
    seen_id = any(c.role == RESPONDENT_ID for c in columns)
    seen_time = any(c.role == SUBMITTED_AT for c in columns)
    # a column headed as the id wins over a row number headed "Nr" before it
    id_headers = _ID_HEADERS if any(
        header_key(n) in _ID_HEADERS for c in columns for n in (c.code, c.header) if n) \
        else _ID_HEADERS | _ROW_NUMBER_IDS
    option_groups = {c.group for c in columns if c.parent}
    for col in columns:
        if col.role in (PERSONAL, RESPONDENT_ID, SUBMITTED_AT, META):
            continue
        names = [n for n in (col.code, col.header, col.text if not col.item else "") if n]
        if not col.item and any(is_company_name_header(n) for n in names):
            # the company's name: personal data (never a question), pseudonymised as the company when the
            # export has no business ID (pipeline.ingest.companies)
            col.role, col.personal = PERSONAL, "name"
            col.reason = col.reason or "header names the company (pseudonymised as the company id)"
            continue
        kind = next((k for k in (personal_data_kind(n) or _COMMON_PERSONAL.get(header_key(n)) for n in names) if k),
                    None)
        # an option of a select-multiple (its group has the whole-answer column) names a choice, not what the column
        # holds: "…réservations ?/Téléphone" is the option "by phone", 0 or 1, no phone number (issue 12 round 28)
        if kind is None and col.item and col.role != OTHER_TEXT and col.group not in option_groups:
            kind = personal_data_kind(col.item)
        if kind:
            col.role, col.personal = PERSONAL, kind
            col.reason = col.reason or f"header names {kind.replace('_', ' ')}"
            continue
        if any(is_business_id_column(n) for n in names):
            col.role = BUSINESS_ID
            continue
        keys = {header_key(n) for n in names}
        if not seen_id and keys & id_headers:
            col.role, seen_id = RESPONDENT_ID, True
        elif not seen_time and keys & _TIME_HEADERS:
            col.role, seen_time = SUBMITTED_AT, True
        elif keys & (_META_HEADERS | _TIME_HEADERS | _ID_HEADERS) or any(_META_PREFIX.match(n) for n in names):
            col.role = META


_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z]{2,4})?$", re.IGNORECASE)


def language_questions(tool: str, columns: list[Column], data) -> None:
    """In a generic export (no survey tool recognised: a hand-kept sheet or a cleaned file), make a metadata
    column headed "language" (``common.language_meta``) a question when its answers are words ("Deutsch",
    "ruotsi"), not language codes ("de", "fi-FI"): the survey asked it. A tool's own language column (Alchemer
    writes "English") stays metadata. Changes the columns' roles in place; returns nothing."""
    if tool != "generic":
        return
    names = _COMMON.get("language_meta", set())
    for col in columns:
        if col.role != META or header_key(col.header) not in names or col.pos not in data.columns:
            continue
        values = {str(v).strip() for v in data[col.pos].unique()} - {""}
        if values and not all(_LANGUAGE_CODE.match(v) for v in values):
            col.role = ""


_WORD_CHAR = re.compile(r"[^\W_]")


def copied_columns(columns: list[Column], data) -> list[str]:
    """Make metadata of each question column whose header holds no letter or digit (``\\""``, ``-``) and whose
    cells equal, row for row, those of the question column just before it: a survey platform's second copy of
    a rating (issue 12 round 13: a Qualifio export repeats each 1-5 rating under a header of quotes, 1410 rows
    alike), which would otherwise count every answer twice under a title of punctuation. Changes the columns'
    roles in place; returns one warning per column so made (header and position, never a value)."""
    said = []
    previous = None
    for col in columns:
        if col.role == "" and previous is not None and not _WORD_CHAR.search(col.header) \
                and col.pos in data.columns and previous.pos in data.columns \
                and (data[col.pos] != "").any() and data[col.pos].equals(data[previous.pos]):
            col.role, col.reason = META, f"a copy of column {previous.pos + 1}"
            said.append(f"column {col.pos + 1} ({col.header[:40]!r}) repeats column {previous.pos + 1} row for row "
                        f"under a header of no words: left out as a copy, not a question of its own")
            continue
        previous = col if col.role == "" else None
    return said


def _load_first_names() -> frozenset[str]:
    """The given names a column of person names is told by: the hand-picked fi/sv/en ones of the vocabulary and
    those of the other languages an export's name column may hold (es, pt, de, fr, it, et: person_names.yaml,
    from Faker), lower case."""
    from pipeline.io import shipped_yaml

    more = shipped_yaml("person_names.yaml")["column_first_names"]
    return frozenset().union(*VOCABULARY["first_names"].values(), *({str(n) for n in names} for names in more.values()))


_FIRST_NAMES = _load_first_names()


def first_names() -> frozenset[str]:
    """The given names the vocabulary and ``person_names.yaml`` know (``_load_first_names``), lower case."""
    return _FIRST_NAMES
# kinds a metadata column is checked for: a tool's own metadata (version codes, language codes, counters)
# can look like opaque ids or names, but never like these
_META_KINDS = ("email", "ip", "location", "panel_id", "device", "url", "phone")


def mark_email_values(columns: list[Column], data, share: float, labelled=None) -> None:
    """Columns whose non-blank cells are at least ``share`` personal data of one kind (e-mail addresses,
    phone numbers, IP addresses, coordinates, panel or device ids, URLs with a query string, person
    names, opaque ids; see ``privacy.personal_data_by_values``) become personal data whatever their header
    says ("If you would like updates, please provide your email address"), with ``reason`` saying how many
    answers matched. A column of ids that are all different identifies the respondent: when the export has
    no respondent id of its own, it becomes the (pseudonymised) respondent id instead of being dropped.
    ``data`` holds the stripped data cells by column position; ``labelled`` (optional, the same cells with an SPSS
    file's value labels for their codes) is what a column headed for person names is checked on, as a name
    picked from a list is stored as a code."""
    has_id = any(c.role == RESPONDENT_ID for c in columns)
    for col in columns:
        if col.role not in (PERSONAL, "", OPEN, OTHER_TEXT, META):
            continue
        column = data[col.pos].tolist()       # a list: the checks below are per cell
        if col.role == PERSONAL and col.personal == "location" and _placename_answers(col, column):
            col.role, col.personal, col.reason = "", "", ""
        if col.role == PERSONAL and _option_answers(col, column):
            col.role, col.personal, col.reason = "", "", ""
        if col.role not in ("", OPEN, OTHER_TEXT, META):
            continue
        cells = [v for v in column if v != ""]
        if not len(cells):
            continue
        if _own_option_cells(col, cells):
            continue        # an option column that shows its own label when ticked ("… - West Virginia")
        found = personal_data_by_values(cells, share, _FIRST_NAMES,
                                        kinds=_META_KINDS if col.role == META else None)
        if found is None and col.role == META and _distinct_opaque(cells):
            # a tool's own metadata repeats (versions, languages, channels); a metadata column of long codes that
            # all differ is a per-respondent token carried along (Qualtrics embedded data "tokenGuid", a panel's
            # session id), as identifying as any response id
            found = personal_data_by_values(cells, share, kinds=("identifier",))
        if found is None and col.role != META and _own_id_answers(col, cells, share):
            found = ("identifier", f"the question asks for the respondent's own id and {len(cells)} answers are "
                                   f"codes, mostly different")
        if found is None and col.role != META:
            named = cells if labelled is None else [v for v in labelled[col.pos].tolist() if v != ""]
            found = _named_persons(col, named) or _staff_names(col, named) or _answers_naming_persons(cells) \
                or proper_name_answers(cells)
        if found is None:
            continue
        kind, reason = found
        if kind in ("panel_id", "device", "identifier") and not has_id and len(set(cells)) == len(cells) \
                and len(cells) > 1:
            col.role, col.personal, col.reason = RESPONDENT_ID, kind, reason + "; all different, so used as " \
                "the pseudonymised respondent id"
            has_id = True
            continue
        col.role, col.personal, col.reason = PERSONAL, kind, reason


mark_personal_values = mark_email_values

_WHOLE_NUMBER = re.compile(r"^\d{1,9}(?:\.0+)?$")
# of the rows that repeat an earlier row's number, at most this share may repeat its answers too for a running
# number that starts over to be a row counter: an export appended twice repeats every answer
COUNTER_SAME_ROWS_MAX = 0.5


def respondent_id_checked(columns: list[Column], data) -> list[str]:
    """The respondent-id column (chosen by its header) made metadata when its cells cannot tell respondents
    apart: when no data row holds an id (an empty "Respondent ID" column a cleaned file kept), or when it is a
    running number that starts over (``1 … 904`` then ``2 … 141``: two downloads appended, 问卷星's 序号 among
    them) and the rows repeating a number do not repeat its answers (two respondents, not one submission sent
    twice). A column of distinct ids may then become the respondent id (``mark_email_values``). Changes the
    columns' roles in place; returns one warning per column so made (header and row, never a value)."""
    said = []
    for col in columns:
        if col.role != RESPONDENT_ID or col.pos not in data.columns:
            continue
        cells = [str(v).strip() for v in data[col.pos]]
        if not any(cells):
            col.role, col.personal, col.reason = META, "", "no data row holds a response id"
            said.append(f"column {col.pos + 1} ({col.header[:40]!r}) is headed as the response id but holds none: "
                        f"left out; rows are told apart by the file's other columns")
            continue
        if header_key(col.header) in _ROW_NUMBER_IDS and not all(_WHOLE_NUMBER.match(c) for c in cells):
            if all(_WHOLE_NUMBER.match(c) for c in cells if c):
                # whole numbers with blanks (rows pasted under the export): a row counter, no question, but no
                # response id either, as it does not name every row (QA round 23: reported as a scale, mean 11.2)
                col.role, col.personal, col.reason = META, "", "a running number some rows leave blank"
                continue
            # "Nr"/"Nro" over answers that are no running number (a word): a question headed so
            col.role, col.reason = "", ""
            continue
        restart = _counter_restart(cells)
        if restart is None:
            continue
        others = data.drop(columns=[col.pos]).astype(str)
        first: dict[str, int] = {}
        repeats = same = 0
        for row, cell in enumerate(cells):
            if cell in first:
                repeats += 1
                same += bool((others.iloc[row] == others.iloc[first[cell]]).all())
            else:
                first[cell] = row
        if repeats and same <= COUNTER_SAME_ROWS_MAX * repeats:
            col.role, col.personal, col.reason = META, "", "a running number that starts over"
            said.append(f"column {col.pos + 1} ({col.header[:40]!r}) numbers the rows and starts over at data row "
                        f"{restart + 1} (downloads appended one under another), and the rows that repeat a number "
                        f"answer differently: read as a row counter, not a response id; every row is a respondent")
    return said


# share of a row counter's steps that are +1 (the rest skip rows the owner deleted, or start over)
COUNTER_STEP_SHARE = 0.9


def _counter_restart(cells: list[str]) -> int | None:
    """The data row (0-based) where a running number first starts over, when the cells are whole numbers that
    rise from row to row, by one in at least ``COUNTER_STEP_SHARE`` of the steps (a deleted row skips a
    number), except where they start over at a lower or equal number (at least once, some number repeated);
    None otherwise."""
    if len(cells) < 2 or not all(_WHOLE_NUMBER.match(c) for c in cells):
        return None
    numbers = [int(float(c)) for c in cells]
    if len(set(numbers)) == len(numbers):
        return None
    steps = [numbers[i] - numbers[i - 1] for i in range(1, len(numbers))]
    restarts = [i + 1 for i, step in enumerate(steps) if step <= 0]
    if not restarts or sum(step == 1 for step in steps) < COUNTER_STEP_SHARE * len(steps):
        return None
    return restarts[0]

_NAME_HEADER_WORDS = VOCABULARY["common"]["name_header_words"]
_ORGANISATION_WORDS = VOCABULARY["common"]["organisation_words"]
_HEADER_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# a column is taken for person names by their look when, of its answers, at least this share have the shape of
# a name (one to four words, no digits), at least NAMED_GIVEN of them hold a given name of the shipped lists
# (the rest being names the lists do not have: "Nankima Mary" counts, "Ssenyonga" alone does not), and at
# least NAMED_DISTINCT are different (a choice repeats its few labels)
NAMED_SHAPE, NAMED_GIVEN, NAMED_DISTINCT, NAMED_MIN = 0.8, 0.3, 0.5, 5


_PERSON_NAME_WORDS = VOCABULARY["common"]["person_name_header_words"]
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _header_holds(col: Column, vocabulary: frozenset[str]) -> bool:
    """True when the column's header holds a word of ``vocabulary`` (folded): a whole word, or for a word in
    Chinese, Japanese or Korean script anywhere in the header, as those scripts put no spaces between words
    ("你的姓名" holds 姓名)."""
    header = col.text or col.header
    if {fold(w) for w in _HEADER_WORD.findall(header)} & vocabulary:
        return True
    folded = fold(header)
    return any(word in folded for word in vocabulary if _CJK.search(word))


def _plain(text: str) -> str:
    """``text`` folded, its accents dropped ("Propriètaire" → "proprietaire"): a header typed in the field misplaces
    accents, which say nothing about what the column holds."""
    return unaccented(fold(text))


_OWNER_WORDS = tuple(_plain(w) for w in VOCABULARY["common"]["person_owner_words"])


def _owner_header(col: Column) -> bool:
    """True when the header names the owner, manager or contact person of a shop or firm
    (``common.person_owner_words``), compared without accents, each entry as whole words."""
    header = " ".join(_HEADER_WORD.findall(_plain(col.text or col.header)))
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", header) for w in _OWNER_WORDS)


def _named_persons(col: Column, cells: list[str]) -> tuple[str, str] | None:
    """``("name", reason)`` when the header holds a word for a name (``common.name_header_words``: "Name of
    Director or Lead Caregiver") and the answers look like person names (see ``NAMED_SHAPE``); else None.
    Answers naming an organisation (``common.organisation_words``: "… Junior School") count against it.
    Under a word only a person's name has (``common.person_name_header_words``: "Nom et prénom de l'agent",
    "你的姓名") the shape of a name is enough: the answers may repeat (a dozen interviewers over hundreds of
    rows) and the name lists need not know them (Chinese names, "NIFASHA Anicet")."""
    person = _header_holds(col, _PERSON_NAME_WORDS)
    owner = not person and _owner_header(col)
    if not (person or owner or _header_holds(col, _NAME_HEADER_WORDS)) or len(cells) < NAMED_MIN:
        return None
    shaped = given = 0
    for cell in cells:
        tokens = [t.rstrip(".").casefold() for t in cell.split()]
        if not NAME_SHAPE.match(cell) or any(t in _ORGANISATION_WORDS for t in tokens):
            continue
        shaped += 1
        given += any(t in _FIRST_NAMES for t in tokens)
    n = len(cells)
    if person and shaped >= NAMED_SHAPE * n:
        return "name", f"{shaped} of {n} answers have the shape of person names under a header asking for a " \
                       f"person's name"
    # under an owner's or contact person's header the owners' names need not be ones the lists know ("Kamikazi"),
    # but most must differ, so that a yes/no or a choice of a few words ("Oui", "Non") is no column of names
    if owner and shaped >= NAMED_SHAPE * n and len(set(cells)) >= NAMED_DISTINCT * n:
        return "name", f"{shaped} of {n} answers have the shape of person names, {len(set(cells))} different, " \
                       f"under a header naming an owner or contact person"
    if shaped >= NAMED_SHAPE * n and given >= NAMED_GIVEN * n and len(set(cells)) >= NAMED_DISTINCT * n:
        return "name", f"{shaped} of {n} answers look like person names ({given} with a known given name) " \
                       f"under a header asking for a name"
    return None

_PERSON_ROLE_WORDS = VOCABULARY["common"]["person_role_words"]
# a header naming the person who led or taught (``common.person_role_words``) is taken for a column of staff names
# when at least this share of its different answers are two to four capitalised words without a digit, the first
# a known given name or the last a known family name (privacy.person_names)
STAFF_NAMED_SHARE = 0.8


def _staff_names(col: Column, cells: list[str]) -> tuple[str, str] | None:
    """``("name", reason)`` when the header names a leader, trainer or teacher (``common.person_role_words``:
    "My Orientation Leader was …", "Kouluttaja") and most of its different answers are person names (see
    ``STAFF_NAMED_SHARE``); else None. Unlike ``_named_persons`` the answers may repeat one name on every row: a
    feedback form's dropdown of its few trainers is personal data all the same. Answers naming an organisation
    (``common.organisation_words``) count against it. Where the header also holds a word for a name ("Nom de
    l'enquêteur"), answers of a name's shape count without a known given or family name."""
    if not _header_holds(col, _PERSON_ROLE_WORDS):
        return None
    # "Nom de l'enquêteur", "Interviewer name": the header itself says these are the staff's names, so their
    # shape is enough (field interviewers' names are mostly ones the lists lack: "Teme Onomo Ephrasie")
    by_header = _header_holds(col, _NAME_HEADER_WORDS)
    given, family = person_names()
    distinct = {c for c in cells if c}
    named = 0
    for cell in distinct:
        tokens = cell.split()
        folded = [t.rstrip(".").casefold() for t in tokens]
        if not NAME_SHAPE.match(cell) or any(t in _ORGANISATION_WORDS for t in folded):
            continue
        # under a header saying the answers are the staff's names ("Main_group/enumerator_group/name_enum") a
        # field worker types their own name as it comes: one word, lower case ("yogendra", "Subash"; issue 12
        # round 23, a KoboToolbox groundwater sheet); otherwise a name needs two capitalised words and a known
        # given or family name, so that a dropdown of roles ("Team leader") is no column of names
        if by_header or (2 <= len(tokens) <= 4 and all(t[0].isupper() for t in tokens)
                         and (folded[0] in given or folded[0] in _FIRST_NAMES or folded[-1] in family)) \
                or _unlisted_name(cell):
            named += 1
    if distinct and named >= STAFF_NAMED_SHARE * len(distinct):
        return "name", f"{named} of {len(distinct)} different answers look like person names under a header " \
                       f"naming a leader, trainer or teacher"
    return None


def _unlisted_name(cell: str) -> bool:
    """True when an answer has the shape of a person's name the lists lack: one to four capitalised words (or
    capitals only, "ADINDA SEKAR AYU"), at least one of them no fi/sv/en dictionary knows ("Rafi Anugrah
    Ramadhan", "Ngadino"). A role or a team written with capitals ("Team Leader", "Sales") is dictionary words
    and no name. Used under a header naming the staff member (issue 12 round 25: a Jotform report's "PIC" column,
    43 Indonesian names, none in the lists)."""
    found = _proper_answer(cell)
    if not found or not found[0]:
        return False
    words = [w for w in _PROPER_WORD.findall(cell) if not function_word(w) and fold(w) not in _PARTICLES]
    return any(not dictionary_word(w) for w in words)


# a column is taken for one naming persons when at least this share of its different answers with a letter hold a
# person's name (privacy.names_a_person), and it has at least NAMED_MIN such answers: a register pre-filled into a
# field form ("RYAN S. HAYNES (#327), WELCH VILLAGE, ST. JOHN"), whatever its header says. Below 0.8, as a
# register's names are many the lists lack (Shomar, Kemar); no choice or open answer column of the corpus and the
# r12 exports came above 0.4
NAMING_SHARE = 0.7


def _answers_naming_persons(cells: list[str]) -> tuple[str, str] | None:
    """``("contact", reason)`` when most different answers name a person (see ``NAMING_SHARE``); else None. Counted
    over different answers, as a register's entries repeat on every row that chose them; answers without a letter
    ("--") are the form's blanks. Options of a choice ("Yes", "Blue green", "Consett Bay") hold no given name
    followed by a family name, so a question is not taken for one."""
    distinct = {c for c in cells if _LETTER.search(c)}
    if len(distinct) < NAMED_MIN:
        return None
    allowed_misses = (1 - NAMING_SHARE) * len(distinct)
    naming = misses = 0
    for cell in distinct:
        # a long answer is no register entry: not read at all, so an open question costs little here
        if len(cell) <= MAX_VALUE_CHARS and names_a_person(cell, _FIRST_NAMES):
            naming += 1
        else:
            misses += 1
            if misses > allowed_misses:
                return None
    # "contact", not "name": the answers hold addresses and the like besides the names, and the words of a "name"
    # column are taken out of every other answer of the file (privacy.name_words), "BAY" and "HILL" with them
    return "contact", f"{naming} of {len(distinct)} different answers name a person (a given name and a family name)"


_LETTER = re.compile(r"[A-Za-z]")

# issue 12 round 19: the thresholds of ``proper_name_answers`` (ingest_vocabulary.yaml ``proper_names``)
_PROPER = VOCABULARY["proper_names"]
_PARTICLES = frozenset(fold(w) for w in _PROPER["particles"])
_LIST_SEPARATOR = re.compile(r"[,;/\n]")
_PROPER_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _proper_answer(cell: str) -> tuple[bool, int, int] | None:
    """For one answer of at most ``proper_names.max_words`` words (None for a longer one or one with no letter):
    ``(proper, words, function_words)``. Proper when every word but the function words (stopwords-iso fi/sv/en
    and ``proper_names.particles``: "of", "och", "de", "von") starts with a capital, every one in a script with
    capitals (a script without them, as Arabic, tells nothing), and the answer holds two capitalised words or one
    no fi/sv/en dictionary knows (``privacy.dictionary_word``) or that is a listed given name: a capital first letter alone is how any short
    answer starts ("Hyvä", "Excel"), a second one is a name's ("Lestin Saha", "Rue Principale"). A lower-case
    word other than a function word is a sentence's or a typo's ("hyvä palvelu", "btmg"), never a name's."""
    words = _PROPER_WORD.findall(cell)
    if not words or len(words) > _PROPER["max_words"] or len(cell) > _PROPER["max_chars"]:
        return None
    content = [w for w in words if not function_word(w) and fold(w) not in _PARTICLES]
    function = len(words) - len(content)
    if not content or not all(w[0].isupper() for w in content):
        return False, len(words), function
    # one word alone is a name when no dictionary knows it, or when the name lists hold it as a given name
    # (simplemma also knows "Marie" and "Anna" as words; an owner's column holds them alone). Not family names:
    # places are named after people ("Jefferson", "Lincoln" counties), and a choice of places is a question
    proper = len(content) >= 2 or not dictionary_word(content[0]) or fold(content[0]) in _FIRST_NAMES
    return proper, len(words), function


def proper_name_answers(cells: list[str]) -> tuple[str, str] | None:
    """``("proper_name", reason)`` when a column's answers name people, places or organisations, whatever its header
    says (issue 12 round 19: owners' first names under a misspelt header, shop names, street addresses, agents'
    names); else None. Taken when it has at least ``proper_names.min_answers`` answers, at least ``short_share`` of
    them short (``_proper_answer``), at least ``distinct_share`` different (a choice repeats its few labels), at
    least ``proper_share`` of the different short ones proper (``_proper_answer``) and at most
    ``function_share`` of their words function words (an open answer is written in sentences)."""
    if len(cells) < _PROPER["min_answers"]:
        return None
    # counted over the items of a list answer ("YouTube, Spotify"): brands and tools repeat from answer to answer,
    # the names of people, shops and streets seldom do
    items = [fold(i.strip()) for c in cells for i in _LIST_SEPARATOR.split(c) if i.strip()]
    if len(set(items)) < _PROPER["distinct_share"] * len(items):
        return None
    read = {c: _proper_answer(c) for c in set(cells)}
    short = sum(read[c] is not None for c in cells)
    if short < _PROPER["short_share"] * len(cells):
        return None
    shown = [r for r in read.values() if r is not None]
    proper = sum(r[0] for r in shown)
    words, function = sum(r[1] for r in shown), sum(r[2] for r in shown)
    if proper < _PROPER["proper_share"] * len(shown) or function > _PROPER["function_share"] * words:
        return None
    return "proper_name", f"{proper} of {len(shown)} different answers are proper names (people, places or " \
                          f"organisations): short, mostly different, capitalised or words no fi/sv/en dictionary knows"


# an id typed in answer to "Please enter your ID": one word of letters, digits, "-", "_" or "." holding a digit
# (a 5-digit app id "94513", a code "AB-123"); answers of a question asking for the respondent's own id are taken
# for ids when at least ``share`` are such codes and at least this share of them differ (one person may start the
# survey twice, so not all need differ; a choice's few codes repeat)
OWN_ID_MIN_DISTINCT_SHARE = 0.5
_TYPED_CODE = re.compile(r"^(?=[^\d]{0,40}\d)[\w.-]{2,40}$")


def _own_id_answers(col: Column, cells: list[str], share: float) -> bool:
    """True when ``col`` asks the respondent for their own id (``privacy.asks_for_own_id`` on its code, header
    or text) and its answers are such ids: at least ``share`` of the ``cells`` one-word codes with a digit, at least
    ``OWN_ID_MIN_DISTINCT_SHARE`` of them different, at least two."""
    if len(cells) < 2 or not any(asks_for_own_id(n) for n in (col.code, col.header, col.text) if n):
        return False
    coded = sum(bool(_TYPED_CODE.match(c)) for c in cells)
    return coded >= share * len(cells) and len(set(cells)) >= OWN_ID_MIN_DISTINCT_SHARE * len(cells)


def _distinct_opaque(cells: list[str]) -> bool:
    """True when the cells are at least two codes that all differ, every one of them at least 16 characters
    long with a letter in it (a GUID or hash, not a count, a seed or a timestamp with spaces)."""
    return len(cells) > 1 and len(set(cells)) == len(cells) and \
        all(len(c) >= 16 and " " not in c and _LETTER.search(c) for c in cells)

# headers that name a place only vaguely: a form's own "location" question ("home", "subcenter") is a choice
_VAGUE_PLACE = frozenset({"location", "sijainti", "plats", "lieu", "ubicación", "localização", "standort"})


_TICKS = frozenset({"1", "0", "y", "n", "x", "yes", "no", "true", "false", "selected", "checked"})


def _option_answers(col: Column, cells) -> bool:
    """True when a column taken for personal data only because its option label names a contact detail
    (SurveyMonkey's "How did you contact us? - Phone", "… [E-mail]") holds nothing but that label or a tick:
    an option of a multi-select, not a phone number. A contact block's "Phone" holds the numbers themselves."""
    if not col.item or personal_data_kind(col.header.replace(col.item, "")) or personal_data_kind(col.text):
        return False
    values = {str(v).strip().casefold() for v in cells if str(v).strip()}
    return bool(values) and values <= _TICKS | {col.item.strip().casefold()}


def _own_option_cells(col: Column, cells) -> bool:
    """True when every answer of an option column (``Question - Option``, ``Question [Option]``) is that
    option's own label or a tick: the questionnaire's wording, not a person's name or contact detail, even
    when the option is a place or a character ("North Dakota", "Luke Skywalker")."""
    if not col.item:
        return False
    own = col.item.strip().casefold()
    values = {str(v).strip().casefold() for v in cells if str(v).strip()}
    return bool(values) and values <= _TICKS | {own}


def _placename_answers(col: Column, cells) -> bool:
    """True when a column the header took for coordinates ("location") holds a handful of words without a
    digit (a choice of places, as KoboToolbox's ``location`` select_one), so it is a question after all."""
    if header_key(col.header).replace("_", " ") not in _VAGUE_PLACE:
        return False
    values = {str(v).strip() for v in cells if str(v).strip()}
    return bool(values) and len(values) <= 30 and not any(re.search(r"\d", v) for v in values)


def personal_columns(columns: list[Column]) -> list[dict]:
    """What ingest can list of the columns left out as personal data or pseudonymised as the respondent id:
    header, kind and reason (never a value)."""
    return [{"column": c.header, "kind": c.personal, "reason": c.reason or "header names personal data",
             "used_as": "respondent_id" if c.role == RESPONDENT_ID else "dropped"}
            for c in columns if c.role == PERSONAL or (c.role == RESPONDENT_ID and c.personal)]


_TOOL_LABELS = {"kobotoolbox": "KoboToolbox", "typeform": "Typeform", "sosci": "SoSci Survey", "wenjuanxing": "问卷星",
                "tencentwj": "腾讯问卷", "alchemer": "Alchemer", "qualifio": "Qualifio",
                "jotform": "Jotform"}


def _vocabulary_tool(tool: str, headers: list[list[str]]) -> list[Column]:
    """KoboToolbox, Typeform and SoSci Survey: one header row of questions (SoSci may add a second row of
    variable labels, which becomes the question text); the metadata columns the vocabulary names for the
    tool become the respondent id, the submission time, metadata or personal data."""
    vocab = VOCABULARY[tool]
    # 腾讯问卷 heads a multi-select's option columns "21.question？:option", as Webropol does
    columns = _one_row(headers[0], colon_groups=tool == "tencentwj", tool=tool)
    if len(headers) >= 2:
        labels = dict(zip((c.pos for c in columns), headers[1]))
        for col in columns:
            if labels.get(col.pos) and col.group.startswith("c"):
                col.text = labels[col.pos]
        # a code group (SoSci AB01_01, AB01_02 …) whose labels read "Question: option" with one question text:
        # that text is the question and the rest of each label its option
        groups: dict[str, list[Column]] = {}
        for col in columns:
            if not col.group.startswith("c"):
                groups.setdefault(col.group, []).append(col)
        for members in groups.values():
            parts = [labels.get(c.pos, "").rsplit(":", 1) for c in members]
            if all(len(p) == 2 and p[0].strip() and p[1].strip() for p in parts) and \
                    len({p[0].strip() for p in parts}) == 1:
                for col, (stem, option) in zip(members, parts):
                    col.text, col.item = stem.strip(), option.strip()
    personal = {name: kind for kind, names in vocab.get("personal", {}).items() for name in names}
    pattern = re.compile(vocab["meta_pattern"]) if vocab.get("meta_pattern") else None
    personal_patterns = [(kind, re.compile(rx)) for kind, rx in vocab.get("personal_pattern", {}).items()]
    seen = set()
    for col in columns:
        key = header_key(col.header)
        kind = personal.get(key) or next((k for k, rx in personal_patterns if rx.match(key)), None)
        if kind:
            col.role, col.personal = PERSONAL, kind
            col.reason = f"{_TOOL_LABELS[tool]}'s {col.header} column"
        elif key in vocab["id"] and RESPONDENT_ID not in seen:
            col.role = RESPONDENT_ID
        elif key in vocab["submitted"] and SUBMITTED_AT not in seen:
            col.role = SUBMITTED_AT
        elif key in vocab["meta"] or key in vocab["id"] or key in vocab["submitted"] or (
                pattern is not None and pattern.match(key)):
            col.role = META
        else:
            continue
        col.group, col.item, col.soft, col.stem, col.parent = f"c{col.pos}", "", False, "", False
        seen.add(col.role)
    _ungroup_lone(columns)
    return columns


def _one_row(header: list[str], colon_groups: bool, tool: str = "") -> list[Column]:
    columns = [Column(pos=i, header=h, text=h.rstrip(":").strip() if h.endswith(":") else h, group=f"c{i}")
               for i, h in enumerate(header)]
    _bracket_groups(columns)
    _code_groups(columns)
    if tool == "wenjuanxing":
        _numbered_groups(columns)
    if tool in _SOFT_GROUP_TOOLS:
        _slash_groups(columns, labels=tool == "kobotoolbox")
        _repeat_groups(columns)
        _numbered_option_groups(columns)
    if colon_groups:
        _colon_groups(columns)
    return columns


# tools whose one-row headers may hold ``question/option`` columns or a repeated question header per option
# (SurveyMonkey, Microsoft Forms and Webropol have layouts of their own for these)
_SOFT_GROUP_TOOLS = ("generic", "googleforms", "kobotoolbox", "typeform", "sosci", "wenjuanxing")
_SLASH = re.compile(r"^(.*\S)\s*/\s*([^/]*\S)\s*$")
# KoboToolbox with "." as the group separator (an export option): XML names, so no spaces and no "/"
_DOT = re.compile(r"^([^\s/]*[^\s/.])\.([^\s/.]+)$")


def _runs(parts: list[tuple[str, str] | None], starts: list[bool] | None = None) -> Iterator[tuple[int, int]]:
    """(first, last) of each run of two or more neighbouring entries of ``parts`` that share their key
    (``parts[k][0]``); None breaks a run, and a run begins only where ``starts`` (when given) allows."""
    i = 0
    while i < len(parts):
        if parts[i] is None or (starts is not None and not starts[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(parts) and parts[j + 1] is not None and parts[j + 1][0] == parts[i][0]:
            j += 1
        if j > i:
            yield i, j
        i = j + 1


def _slash_groups(columns: list[Column], labels: bool) -> None:
    """KoboToolbox ``question/option`` (a select_multiple's option columns) and ``group/item`` (a group of
    questions, such as a grid's rows): two or more neighbouring columns whose headers share the part before
    the last ``/`` form a soft group; a column headed by that part alone just before them is the
    question's whole-answer column (``parent``). Only code-like headers (no spaces before the ``/``) outside
    KoboToolbox, whose label headers ("Which fruits?/Apple") may hold spaces."""
    parts = []
    for col in columns:
        match = _SLASH.match(col.header) if col.group.startswith("c") else None
        if match is None and labels and col.group.startswith("c"):
            match = _DOT.match(col.header)
        ok = match is not None and (labels or not re.search(r"\s", match.group(1)))
        parts.append((match.group(1), match.group(2)) if ok else None)
    if labels:
        _split_at_parent(columns, parts)
    for i, j in _runs(parts):
        stem = parts[i][0]
        members = columns[i:j + 1]
        before = columns[i - 1] if i > 0 else None
        # the whole-answer column may also close the run before (``g/q`` after ``g/a``, ``g/b``): it is the
        # question of the options that follow it, not an item of that group
        if before is not None and before.group.startswith(("c", "g")) and before.header.strip() == stem:
            before.parent = True
            members = [before] + members
        for col in members:
            col.group, col.soft, col.stem = f"g{members[0].pos}", True, re.split(r"[/.]", stem)[-1].strip()
        for k in range(i, j + 1):
            columns[k].item = parts[k][1]


# a header cell that asks a question of its own ("What version do you use?"), not an option of the question
# above it: it ends the group a question row's text spans
_ASKS = re.compile(r"\?\s*$")


def _question_row_groups(columns: list[Column], top: list[str]) -> None:
    """Group, in place, the columns a question row names (``question_row``): each text in ``top`` heads the
    column below it and the neighbours to its right that ``top`` leaves blank, up to a header that asks a
    question of its own (ends in "?"), a column already grouped or holding metadata, or a last "Other" column
    (the typed other answer, left to follow its options as it does without the row). Two or more columns so
    headed become one tentative group (``soft``): the question's text, each header its option or statement;
    qtypes decides from the answers whether it is a multi-select, a grid or separate questions. Without the
    row, neighbouring option columns of two questions ran together into one multi-select (issue 12 round 28:
    "Which interface(s) do you use?" and "Do you use the following sources to install Cantera?")."""
    n = len(columns)
    for start, text in enumerate(top):
        if not text or start >= n or not columns[start].group.startswith("c") or columns[start].role:
            continue
        end = start + 1
        while end < n and not (top[end] if end < len(top) else "") and columns[end].group.startswith("c") \
                and not columns[end].role and not _ASKS.search(columns[end].header):
            end += 1
        other = end - start >= 3 and bool(_OTHER_ITEM.match(columns[end - 1].header.strip()))
        if other:
            end -= 1
        if end - start < 2:
            continue
        for col in columns[start:end]:
            # the header stays the column's own text: a statement typed alone keeps its name
            col.group, col.soft, col.stem, col.item = f"q{start}", True, text, col.header
        if other:
            columns[end].role, columns[end].group, columns[end].text = OTHER_TEXT, f"q{start}:other", text


def _split_at_parent(columns: list[Column], parts: list[tuple[str, str] | None]) -> None:
    """Re-split, in place, the ``(stem, option)`` parts of KoboToolbox label columns that follow their question's
    whole-answer column: where a column is headed "Q" and the next ones "Q/…", each of those is option "…" of Q,
    whatever slashes the option label holds ("Comment gérez-vous les réservations ?/Application web/mobile" is
    option "Application web/mobile", not option "mobile" of another stem: issue 12 round 28, a KoboToolbox
    sheet whose split option and the lone "…/Autre" after it became two number questions)."""
    k = 0
    while k < len(columns) - 1:
        stem = columns[k].header.strip()
        prefix = stem + "/"
        j = k + 1
        while stem and j < len(columns) and columns[j].group.startswith("c") \
                and columns[j].header.startswith(prefix) and columns[j].header[len(prefix):].strip():
            parts[j] = (stem, columns[j].header[len(prefix):].strip())
            j += 1
        k = max(j, k + 1)


_WJX_QUESTION = re.compile(r"^(\d{1,3})\s*[、.．]\s*(?!\()(.*\S)\s*$")
_WJX_OPTION = re.compile(r"^(?:第\s*(\d{1,3})\s*题|(\d{1,3})\s*[、.．])\s*[(（](.*)[)）]\s*$")


def _numbered_groups(columns: list[Column]) -> None:
    """问卷星: questions are headed ``6、兴趣爱好``; the option (or matrix row) columns of question 6 are headed
    ``第6题(运动)`` (download by option code) or ``6、(运动)``. Neighbouring option columns of one question
    form a soft group named after the question (``qtypes`` decides multi-select or grid); a single such
    column right after its own question (``25、(其他（请补充）:)``) is that question's other-text."""
    texts: dict[str, str] = {}
    previous: tuple[str, Column] | None = None
    i = 0
    while i < len(columns):
        col = columns[i]
        question = _WJX_QUESTION.match(col.header)
        option = _WJX_OPTION.match(col.header)
        if question and not option:
            texts[question.group(1)] = question.group(2)
            previous = (question.group(1), col)
            i = _numbered_matrix(columns, i, question) + 1
            continue
        if not option:
            previous = None
            i += 1
            continue
        number = option.group(1) or option.group(2)
        j = i
        while j + 1 < len(columns):
            nxt = _WJX_OPTION.match(columns[j + 1].header)
            if not nxt or (nxt.group(1) or nxt.group(2)) != number:
                break
            j += 1
        if j == i and previous is not None and previous[0] == number:
            col.role, col.text, col.group = OTHER_TEXT, previous[1].text, previous[1].group + ":other"
        else:
            for k in range(i, j + 1):
                member = columns[k]
                member.group, member.soft = f"j{i}", True
                member.stem = texts.get(number, f"第{number}题")
                member.item = _WJX_OPTION.match(member.header).group(3).strip()
                member.text = member.stem
        previous = None
        i = j + 1


def _numbered_matrix(columns: list[Column], i: int, question: re.Match) -> int:
    """问卷星's download by text heads a matrix question's rows ``7、<question>—<first row>`` and then
    ``7、<second row>``, ``7、<third row>`` …: the same number on neighbouring columns, the question text only in
    the first, before the dash (``—``). Makes them one soft group under that text (``qtypes`` decides grid or
    multi-select from the cells), each column's item its row; returns the position of the group's last column (``i`` itself when
    column ``i`` starts no such run)."""
    stem, dash, first = question.group(2).partition("—")
    j = i
    while j + 1 < len(columns) and (m := _WJX_QUESTION.match(columns[j + 1].header)) and \
            not _WJX_OPTION.match(columns[j + 1].header) and m.group(1) == question.group(1):
        j += 1
    if j == i or not dash or not stem.strip() or not first.strip():
        return i
    for k in range(i, j + 1):
        member = columns[k]
        member.group, member.soft, member.stem = f"j{i}", True, stem.strip()
        # the text stays the column's own heading: a group qtypes does not keep is typed column by column
        member.item = first.strip() if k == i else _WJX_QUESTION.match(member.header).group(2).strip()
    return j


# a flattened export that heads each option column with its question's number and the option alone ("3. Python.",
# "3. R.", "3. Julia."): SurveyMonkey's "condensed" download re-saved by a publisher (issue 12 round 9:
# jupyter/surveys surveys/2020-12-jupyter-survey/data/all_responses.csv); the question text itself is lost
_NUMBERED_OPTION = re.compile(r"^(\d{1,3}[a-z]?)\.\s+(\S.*)$")
# fewer neighbours under one number are more likely a question and its "other" field than a list of options
NUMBERED_OPTION_MIN = 3


def _numbered_option_groups(columns: list[Column]) -> None:
    """Neighbouring ungrouped columns headed by one question number and an option each (``3. Python.``, ``3.
    R.``: at least ``NUMBERED_OPTION_MIN`` of them) form a soft group named after the number, each column's
    option the rest of its header; ``qtypes`` decides multi-select or grid from the cells."""
    parts = [(_NUMBERED_OPTION.match(c.header.strip()) if c.group.startswith("c") and not c.role else None)
             for c in columns]
    i = 0
    while i < len(columns):
        if parts[i] is None:
            i += 1
            continue
        number = parts[i].group(1)
        j = i
        while j + 1 < len(columns) and parts[j + 1] is not None and parts[j + 1].group(1) == number:
            j += 1
        if j - i + 1 >= NUMBERED_OPTION_MIN:
            for k in range(i, j + 1):
                col = columns[k]
                col.group, col.soft, col.stem, col.text = f"n{i}", True, f"{number}.", f"{number}."
                col.item = parts[k].group(2).strip()
        i = j + 1


def _repeat_groups(columns: list[Column]) -> None:
    """Neighbouring columns with the same header (Typeform: one column per option of a multi-select, each
    headed by the question and holding the option's label or nothing) form a soft group; the options come
    from the cells (``qtypes``)."""
    i = 0
    while i < len(columns):
        j = i
        while j + 1 < len(columns) and columns[i].header.strip() and columns[i].group.startswith("c") and \
                columns[j + 1].group.startswith("c") and columns[j + 1].header.strip() == columns[i].header.strip():
            j += 1
        if j > i:
            for col in columns[i:j + 1]:
                col.group, col.soft, col.stem = f"r{i}", True, columns[i].text
        i = j + 1


def _ungroup_lone(columns: list[Column]) -> None:
    """A soft group left with one question column (its neighbours were metadata) is no group."""
    sizes: dict[str, int] = {}
    for col in columns:
        if col.soft and not col.role:
            sizes[col.group] = sizes.get(col.group, 0) + (not col.parent)
    for col in columns:
        if col.soft and (col.role or sizes.get(col.group, 0) < 2):
            col.group, col.item, col.soft, col.stem, col.parent = f"c{col.pos}", "", False, "", False


def _bracket_groups(columns: list[Column]) -> None:
    """``Question [Item]`` (Google Forms grids, LimeSurvey full headings, SPSS labels): consecutive
    columns with the same question text form one group."""
    previous = None
    plain = None            # the column before, when it is no ``[Item]`` column (a list question: ``Q5``)
    for col in columns:
        if col.group and not col.group.startswith("c"):
            previous = plain = None
            continue
        match = _BRACKET.match(col.text)
        if not match:
            previous, plain = None, col
            continue
        stem, item = match.group(1).strip(), match.group(2).strip()
        inner = _BRACKET.match(stem)
        if inner and previous is not None and previous.text == inner.group(1).strip() \
                and previous.item == inner.group(2).strip() and _OTHER_LEAD.match(previous.item):
            # "Q [Other, please specify...] [text]" after the option "Q [Other, please specify...]": the text
            # the respondent wrote for that option (issue 12 round 16: a SurveyMonkey export edited by hand),
            # not an open question of its own
            col.role, col.text, col.group = OTHER_TEXT, previous.text, previous.group + ":other"
            previous = plain = None
            continue
        if _OTHER_ITEM.match(item):
            col.role = OTHER_TEXT
            col.text = stem
            if previous is not None and previous.text == stem:
                col.group = previous.group + ":other"
            elif plain is not None and not plain.role and plain.text.strip() == stem:
                # LimeSurvey's list with "Other": the choice column ``Q5`` then its text ``Q5 [other]``
                col.group = plain.group + ":other"
            else:
                col.group = f"c{col.pos}"
            previous = plain = None
            continue
        plain = None
        if previous is not None and previous.text == stem:
            col.group = previous.group
        else:
            col.group = f"b{col.pos}"
        col.text, col.item = stem, item
        previous = col


_CODE = re.compile(r"^([A-Za-z][A-Za-z]*\d+)[_.](\w+)$")


def _code_groups(columns: list[Column]) -> None:
    """Coded headers ``Q3_1, Q3_2 …`` in a row form one group (the code is also the question id)."""
    previous = None
    for col in columns:
        match = _CODE.match(col.header) if col.group.startswith("c") else None
        if not match:
            previous = None
            continue
        stem = match.group(1)
        if previous is not None and previous[0] == stem:
            col.group = previous[1]
        else:
            col.group = f"k{col.pos}"
            previous = (stem, col.group)
        col.code, col.item = stem, match.group(2)


def _colon_groups(columns: list[Column]) -> None:
    """Webropol ``Question:Field label`` headers: consecutive columns sharing the part before the colon."""
    parts = []
    for col in columns:
        head, sep, tail = col.header.partition(":")
        parts.append((head.strip(), tail.strip()) if sep and tail.strip() and head.strip() else None)
    for i, j in _runs(parts, starts=[c.group.startswith("c") for c in columns]):
        for k in range(i, j + 1):
            columns[k].group, columns[k].text, columns[k].item = f"w{i}", parts[i][0], parts[k][1]


def _two_row(headers: list[list[str]]) -> list[Column]:
    """SurveyMonkey (and Webropol with a sub-label row): row 1 names a question in its first column only
    (forward-filled); row 2 holds ``Response``, the option, the statement or ``Other (please specify)``."""
    top, sub = headers[0], headers[1]
    columns: list[Column] = []
    current, start = "", 0
    for i, (h, s) in enumerate(zip(top, sub)):
        if h:
            current, start = h, i
        # the last column of a question headed "Sonstiges", "Muu", "Other" (common.other_items) holds the
        # "other" text a respondent typed (a LimeSurvey multiple choice re-laid into two header rows); not
        # before another column of the question: SurveyMonkey's "Other" option column holds its own label
        last = i + 1 >= len(top) or bool(top[i + 1])
        col = Column(pos=i, header=f"{current} - {s}" if s and s != h else (current or s), text=current or s,
                     group=f"m{start}" if current else f"c{i}")
        lowered = s.lower()
        if not current:
            col.text = s
        elif lowered in ("response", "responses", "vastaus", "svar", ""):
            col.item = ""
        elif lowered in ("open-ended response", "avoin vastaus"):
            col.role = OPEN
        elif _SM_OTHER.match(s) or (last and i > start and (_OTHER_ITEM.match(s) or _COMMENT_LABEL.match(s))):
            # the comment field SurveyMonkey puts on an option ("Yes<br />Please elaborate …") holds what was
            # typed there, as "Other (please specify)" does: the question's other text, not an option
            col.role, col.group = OTHER_TEXT, f"m{start}:other"
        else:
            col.item = s
        columns.append(col)
    # single-column groups whose only column is a question: keep the header as the text
    return columns


def dash_stem(a: str, b: str) -> str:
    """The question two ``<question> - <option>`` headers share ("" when they share none)."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    cut = a[:n].rfind(" - ")
    return a[:cut].strip() if cut > 0 and a[cut:].startswith(" - ") and b[cut:].startswith(" - ") else ""


def _monkey_flat(header: list[str]) -> list[Column]:
    """SurveyMonkey's two header rows flattened into one: ``<question> - <option>`` per option column
    (multi-select, grid row), the question alone over a single choice, and ``<question> - Other (please
    specify)`` for the typed other text. Neighbouring columns that share the question form one group; the
    last ``Other (please specify)`` column of a group is its other text when the group also has a
    single-choice column or a ticked ``Other (please specify)`` option before it."""
    columns = _one_row(header, colon_groups=False)
    i = 0
    while i < len(header):
        stem = ""
        if i + 1 < len(header):
            stem = header[i] if header[i + 1].startswith(header[i] + " - ") else dash_stem(header[i], header[i + 1])
        if not stem or not columns[i].group.startswith("c"):
            # a lone ``<question> - <option>`` column may be a one-option multi-select; qtypes decides
            # from its cells, so the option is noted but the header stays the text
            if columns[i].group.startswith("c") and " - " in header[i] and not columns[i].item:
                columns[i].item = header[i].rpartition(" - ")[2].strip()
            i += 1
            continue
        j = i + 1 if header[i] == stem else i
        while j < len(header) and header[j].startswith(stem + " - ") and columns[j].group.startswith("c"):
            j += 1
        members = columns[i:j]
        tails = [c.header[len(stem) + 3:].strip() if c.header != stem else "" for c in members]
        for col, tail in zip(members, tails):
            col.group, col.text, col.item = f"m{i}", stem, tail
        last = members[-1]
        other_before = len(tails) > 2 and _SM_OTHER.match(tails[-2] or "")
        if _SM_OTHER.match(tails[-1]) and (header[i] == stem or other_before):
            last.role, last.group, last.item = OTHER_TEXT, f"m{i}:other", ""
        i = j
    _numbered_option_groups(columns)
    return columns


class _TextOfHtml(HTMLParser):
    """The text of an HTML fragment: tags dropped, entities resolved, a line break as a space."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("br", "p", "div", "li"):
            self.parts.append(" ")


def _plain_text(text: str) -> str:
    """``text`` without the HTML a survey tool keeps in its question texts ("<strong>Trust</strong> (…)" is
    "Trust (…)"); text without a tag is returned as it is."""
    if not _HTML_TAG.search(text):
        return text
    parser = _TextOfHtml()
    parser.feed(text)
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,10}(\s[^<>]{0,500})?/?>")


# a Qualtrics page timer's columns ("Timing01_First Click", ImportId "QID76_FIRST_CLICK"): ``qualtrics.timer_suffixes``
_QUALTRICS_TIMER = re.compile(r"[ _](?:" + "|".join(re.escape(s).replace(r"\ ", "[ _]")
                                                   for s in VOCABULARY["qualtrics"].get("timer_suffixes", []))
                              + r")$", re.IGNORECASE)


def _qualtrics_timer(code: str, import_id: str) -> bool:
    """True when the column is one of a Qualtrics "Timing" question's four columns (its export tag or ImportId
    ends in "First Click", "Last Click", "Page Submit" or "Click Count"): seconds and clicks, not an answer."""
    return bool(_QUALTRICS_TIMER.search(code.strip()) or import_id and _QUALTRICS_TIMER.search(import_id.strip()))


def _qualtrics(headers: list[list[str]]) -> list[Column]:
    codes = headers[0]
    # Qualtrics keeps a question's rich text as HTML: a report must not print "<strong>" as text
    texts = [_plain_text(t) for t in (headers[1] if len(headers) > 1 else headers[0])]
    imports = [_import_id(c) for c in headers[2]] if len(headers) > 2 else [""] * len(codes)
    legacy = bool(codes) and codes[0].upper() == "V1"
    columns: list[Column] = []
    for i, code in enumerate(codes):
        text = texts[i] if i < len(texts) else code
        import_id = imports[i] if i < len(imports) else ""
        col = Column(pos=i, header=code, code=code, text=text, group=f"c{i}")
        # a loop-and-merge block repeats its questions once per loop, numbering each copy "1_QID67", "2_QID67" …
        qid = re.match(r"^((?:\d+_)?QID\d+(?:#\d+)?)(.*)$", import_id)
        if _qualtrics_timer(code, import_id):
            col.role = META
        elif import_id and not qid:
            col.role = _qualtrics_meta(import_id, code)
            if col.role == PERSONAL:
                col.personal = _qualtrics_personal(import_id + " " + code)
            if legacy or col.role == "":
                col.role = META
        elif qid:
            suffix = qid.group(2)
            if re.search(r"topics|sentiment|parenttopics|_do$|_ado$", suffix, re.IGNORECASE) or \
                    re.search(r" - (topics|sentiment|parent topics)", code, re.IGNORECASE):
                col.role = META
            else:
                col.group = qid.group(1)
                if "TEXT" in suffix.upper():
                    col.role = OTHER_TEXT
        else:
            meta_name = text if legacy and re.fullmatch(r"V\d+", code) else code
            role = _qualtrics_meta(meta_name, meta_name)
            if role or (legacy and re.fullmatch(r"V\d+", code)):
                col.role = role or META
                if col.role == PERSONAL:
                    col.personal = _qualtrics_personal(meta_name)
                col.header = meta_name
            elif re.search(r" - (topics|sentiment|parent topics)$", code, re.IGNORECASE):
                col.role = META
            else:
                match = re.match(r"^((?:\d+_)?Q\d+(?:#\d+)?)(?:_(.*))?$", code)
                if match:
                    col.group = "Q:" + match.group(1)
                    if match.group(2) and "TEXT" in match.group(2).upper():
                        col.role = OTHER_TEXT
        columns.append(col)
    _qualtrics_items(columns)
    return columns


_QUALTRICS_META = {
    "startdate": META, "enddate": META, "status": META, "progress": META, "duration": META, "finished": META,
    "recordeddate": SUBMITTED_AT, "_recordid": RESPONDENT_ID, "responseid": RESPONDENT_ID,
    "responsesetid": META, "responseset": META, "distributionchannel": META, "userlanguage": META,
    "duration (in seconds)": META,
}


def _qualtrics_meta(name: str, code: str) -> str:
    key = name.strip().lower()
    if key in _QUALTRICS_META:
        return _QUALTRICS_META[key]
    if personal_data_kind(key) or personal_data_kind(code) or re.match(r"^(panel-)?recipient|^location|ipaddress|"
                                                                       r"externaldata", key, re.IGNORECASE):
        return PERSONAL
    return ""


def _qualtrics_personal(name: str) -> str:
    lowered = name.lower()
    for kind, word in (("recipient", "recipient"), ("ip", "ipaddress"), ("location", "location"),
                       ("email", "email"), ("name", "name"), ("external_reference", "external")):
        if word in lowered:
            return kind
    return personal_data_kind(name) or "identifier"


def _import_id(cell: str) -> str:
    cell = cell.strip()
    if not cell.startswith("{"):
        return ""
    try:
        data = json.loads(cell)
    except ValueError:
        try:
            data = ast.literal_eval(cell)
        except (ValueError, SyntaxError):
            return ""
    return str(data.get("ImportId", "")) if isinstance(data, dict) else ""


def _qualtrics_items(columns: list[Column]) -> None:
    """Statement/option labels of a Qualtrics group: what follows the question text shared by the group's
    row-2 texts (``Question text-Oranges``)."""
    groups: dict[str, list[Column]] = {}
    for col in columns:
        if col.role in ("", OTHER_TEXT) and not col.group.startswith("c"):
            groups.setdefault(col.group, []).append(col)
    for members in groups.values():
        main = [c for c in members if c.role == ""]
        if len(main) < 2:
            for c in members:
                c.text = re.sub(r"\s*-\s*(Text|Other)?$", "", c.text).strip() or c.text
            continue
        prefix = _common_prefix([c.text for c in main])
        cut = max(prefix.rfind("-"), prefix.rfind(":")) if not prefix.endswith(("-", ":")) else len(prefix) - 1
        stem = prefix[:cut].strip() if cut > 0 else prefix.strip()
        for c in members:
            rest = c.text[len(stem):].lstrip(" -:").strip() if c.text.startswith(stem) else c.text
            c.text = stem or c.text
            if c.role == "":
                c.item = rest or c.code


def _common_prefix(texts: list[str]) -> str:
    if not texts:
        return ""
    first, last = min(texts), max(texts)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


_LIME = VOCABULARY["limesurvey"]
_LIME_META = {**{k: META for k in _LIME["meta"]}, **{k: SUBMITTED_AT for k in _LIME["submitted"]},
              **{k: RESPONDENT_ID for k in _LIME["id"]}}
_LIME_PERSONAL = {name: kind for kind, names in _LIME["personal"].items() for name in names}
_LIME_PREFIX = re.compile("^(" + "|".join(re.escape(p) for p in sorted(_LIME["meta_prefixes"])) + ")")


# LimeSurvey's "question code and question text" headings: ``submitdate. Date submitted``,
# ``A2[SQ001]. Which of the following … [Option]``
_LIME_CODE_TEXT = re.compile(r"^([A-Za-z][A-Za-z0-9_]*(?:\[[A-Za-z0-9_#-]+\])?)\. (\S.*)$", re.DOTALL)


def lime_code(heading: str) -> str:
    """The code part of a LimeSurvey "code. text" heading (``submitdate. Date submitted`` → ``submitdate``),
    else the heading itself."""
    match = _LIME_CODE_TEXT.match(heading.strip())
    return match.group(1) if match else heading


def _limesurvey(header: list[str]) -> list[Column]:
    columns = []
    # "code. text" headings: the code is matched and grouped as a code heading, the text is the question
    # (with its ``[Option]``); plain headings are both
    split = [_LIME_CODE_TEXT.match(h.strip()) for h in header]
    if sum(m is not None and m.group(1).lower() in _LIME_META for m in split) < 2:
        split = [None] * len(header)
    texts = [m.group(2).strip() if m else h for m, h in zip(split, header)]
    keys = [m.group(1) if m else h.strip() for m, h in zip(split, header)]
    # the timings export: ``interviewtime``, ``groupTime12`` and ``<question code>Time`` after the answers
    codes = {re.sub(r"\[.*$", "", k) for k in keys}
    # the timings block starts at "interviewtime" (or a "groupTime…" column): a "<code>Time" column in it is a
    # question's time even when that question wrote no answer column (a text display's "f3Time")
    timings_from = next((i for i, k in enumerate(keys) if _LIME_PREFIX.match(k.lower().rstrip(" :"))), len(keys))
    for i, h in enumerate(header):
        col = Column(pos=i, header=h, text=texts[i], group=f"c{i}")
        # French headings end in a spaced colon ("Temps total :")
        key = keys[i].lower().rstrip(" :")
        timed = re.fullmatch(r"([A-Za-z]\w*)Time", keys[i])
        if key in _LIME_META:
            col.role = _LIME_META[key]
        elif timed and (timed.group(1) in codes or i > timings_from):
            col.role = META
        elif key in _LIME_PERSONAL:
            col.role, col.personal = PERSONAL, _LIME_PERSONAL[key]
            col.reason = f"LimeSurvey's {h} column"
        elif _LIME_PREFIX.match(key):
            col.role = META
        columns.append(col)
    previous = None
    for col in columns:
        if col.role:
            previous = None
            continue
        code_heading = keys[col.pos]
        match = re.match(r"^([A-Za-z][\w]*)\[([^\]]+)\]$", code_heading)
        if match:                                   # code headings q1[vis1]
            stem, item = match.group(1), match.group(2)
            worded = _BRACKET.match(col.text) if col.text != col.header else None
            other = _OTHER_ITEM.match(item)
            if worded:                              # "code. text" heading: the option as worded
                col.text, item = worded.group(1).strip(), worded.group(2).strip()
            col.code = stem
            if previous is not None and previous[0] == stem:
                col.group = previous[1]
            else:
                col.group = f"l{col.pos}"
                previous = (stem, col.group)
            if other or _OTHER_ITEM.match(item):
                col.role, col.group = OTHER_TEXT, col.group + ":other"
            else:
                col.item = item
            continue
        previous = None
        if re.match(r"^[A-Za-z]\w*(other|comment)$", code_heading) and not _BRACKET.match(code_heading):
            col.role = OTHER_TEXT
        elif re.fullmatch(r"[A-Za-z]\w*", code_heading):
            col.code = code_heading
    _bracket_groups(columns)
    return columns


def _spss(names: list[str], labels: list[str]) -> list[Column]:
    columns = [Column(pos=i, header=n, code=n, text=_norm(labels[i]) or n, group=f"c{i}")
               for i, n in enumerate(names)]
    _bracket_groups(columns)
    for col in columns:
        if col.group.startswith("b"):
            col.code = re.sub(r"_\d+$", "", col.code)
    _spss_code_groups(columns)
    _spss_system(columns)
    _spss_recoded(columns)
    return columns


DERIVED = "derived: "           # the reason of a column left out as derived from another (``_spss_recoded``)
_RECODE_NAME = re.compile(r"^RC_?(\w+)$", re.IGNORECASE)


def _spss_recoded(columns: list[Column]) -> None:
    """A variable the analyst derived from another, not a question the respondents answered: a recode named
    ``RC`` + its source variable's name (``RCQ5`` or ``RC_Q5`` beside ``Q5``), or one whose label says it was
    recoded (``spss.recoded_words`` of the vocabulary: "recoded", "recodificada", "umkodiert"), beside a
    variable whose label it repeats. Read as questions they counted every answer twice. Made metadata, with the
    reason "derived: …" (``DERIVED``) that inspect and the ingest report list; changes roles in place."""
    words = [w.casefold() for w in VOCABULARY["spss"].get("recoded_words", [])]
    by_code = {c.code.casefold(): c for c in columns if c.code}
    for col in columns:
        if col.role:
            continue
        named = _RECODE_NAME.match(col.header)
        source = by_code.get(named.group(1).casefold()) if named else None
        label = col.text.casefold()
        if source is None and any(re.search(rf"(?<!\w){re.escape(w)}", label) for w in words):
            # "Edad (recodificada)" beside "Edad": the label without the recode word names the source
            stem = header_key(re.sub(rf"[\s(\[-]*(?:{'|'.join(map(re.escape, words))})\w*[)\]]?", " ", label))
            source = next((c for c in columns if c is not col and stem and header_key(c.text) == stem), None)
            if source is None and stem:
                source = next((c for c in columns if c is not col and header_key(c.text).startswith(stem)), None)
        if source is not None and source is not col:
            col.role, col.reason = META, f"{DERIVED}a recode of {source.header!r} (column {source.pos + 1})"


def _spss_system(columns: list[Column]) -> None:
    """An interviewing system's own variables (record number, interview start and end, duration, status,
    language: ``spss.id`` / ``spss.meta`` of the vocabulary, by variable label): the first record number is the
    respondent id, the rest metadata, so that an interview begun and left with nothing asked is no respondent.
    Changes the columns' roles in place; returns nothing."""
    vocab = VOCABULARY["spss"]
    seen_id = False
    for col in columns:
        if col.role or not col.group.startswith("c"):
            continue
        key = header_key(col.text)
        if key in vocab["id"] and not seen_id:
            col.role, seen_id = RESPONDENT_ID, True
        elif key in vocab["id"] or key in vocab["meta"]:
            col.role = META


# the stem may end in a letter after its number: Ipsos numbers follow-up questions ``Q1A``, ``Q1B_1 … Q1B_23``
# (issue 12 round 20: a Yes/No multi-select of 23 options read as 23 questions)
# the item code may be words joined by "_" when it starts with a letter ("Pc1_Atencion_Esperas" beside
# "Pc1_Actitud": a Spanish satisfaction battery, issue 12 round 26); "Q5_6_TEXT" stays stem "Q5_6", item "TEXT"
_SPSS_CODE = re.compile(r"^(\w*\d[A-Za-z]?)_([A-Za-z0-9]+|[^\W\d_][^\W_]*(?:_[^\W_]+)+|[^\W\d_][^\W_]*)$")


def _spss_code_groups(columns: list[Column]) -> None:
    """SPSS variables ``Q5_1 … Q5_n`` in a row (a stem ending in a digit or a digit and a letter, ``Q1B_1``, then
    ``_`` and an item code) whose labels are not ``Question [Item]``: a soft group (a multi-select's options or a
    grid's statements).
    The item is what follows the labels' shared question text (cut at ``:``, `` - ``, ``?`` or ``–``), or the
    whole label when they share none; the question text is that shared text, else the variable stem."""
    i = 0
    while i < len(columns):
        match = _SPSS_CODE.match(columns[i].header) if columns[i].group.startswith("c") else None
        if not match:
            i += 1
            continue
        stem = match.group(1)
        j = i
        while j + 1 < len(columns) and columns[j + 1].group.startswith("c") and \
                (m := _SPSS_CODE.match(columns[j + 1].header)) and m.group(1) == stem:
            j += 1
        if j > i:
            members = columns[i:j + 1]
            texts = [c.text if c.text != c.header else "" for c in members]
            shared = _label_stem(texts) if all(texts) else ""
            for col, label in zip(members, texts):
                item = label[len(shared):].strip(" :-–?") if shared else label
                col.group, col.soft, col.stem = f"v{i}", True, shared.strip(" :-–") or stem
                col.item = item or _SPSS_CODE.match(col.header).group(2)
        i = j + 1


def _label_stem(texts: list[str]) -> str:
    """The question text labels share, ending at ``:``, `` - ``, ``–`` or ``?`` ("" when none)."""
    prefix = _common_prefix(texts)
    dash = prefix.rfind(" - ")
    cut = max(prefix.rfind(":"), dash + 1 if dash >= 0 else -1, prefix.rfind("–"), prefix.rfind("?"))
    return prefix[:cut + 1] if cut > 0 and len(set(texts)) == len(texts) else ""
