"""From a read and typed export to the ingest tables: questions, respondents, answers, rejected rows and the
row accounting (``rows_in == accepted + rejected + duplicates + excluded``).

``analyse`` does everything that needs no key (format, tool, header rows, question typing, which rows carry
answers); ``tables`` adds the keyed pseudonyms, the duplicate check and the long answers table.

A row carries an answer when some question column holds more than blank, ``N/A`` or ``-`` (``NO_ANSWER``),
in every format; other rows are rejected. Duplicate submissions: see ``_duplicates`` (the latest kept where
a response id or e-mail links them). Test, preview and debug submissions that the tool marks (Qualtrics
``Status`` / ``DistributionChannel``, SoSci ``MODE``, a yes/no test-flag column; see
``detect.marked_rows``) are excluded: neither respondents nor rejected rows, counted in ``excluded`` with
their reasons, unless every answered row is marked (then the file is a test of the survey and is kept whole,
with a warning).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from pipeline import schemas
from pipeline.errors import InputError
from pipeline.ingest import detect, layout, qtypes
from pipeline.ingest.layout import (BUSINESS_ID, META, OTHER_TEXT, PERSONAL, RESPONDENT_ID, SUBMITTED_AT,
                                    Column)
from pipeline.ingest.qtypes import Question, Typer, norm_label
from pipeline.ingest.readers import RawTable, read_raw
from pipeline.ingest.companies import LEGAL_FORMS, business_id_key, company_name_key, is_company_name_header
from pipeline.ingest.spec import QuestionSpec, Spec
from pipeline.survey import SPEC_SETTLED
from pipeline.keys import fold
from pipeline.privacy import (NON_XML, CompanyNames, clean_text, company_names, name_words, normalise_business_id,
                              option_names_person, pseudonym, scrub_company_names, scrub_known_names, scrub_path,
                              respondent_name_words, scrub_text, titled_name_words)

ANSWER_COLUMNS = list(schemas.ANSWERS)


@dataclass
class Reading:
    """What ingest learnt about one file before any pseudonym is made."""

    name: str
    raw: RawTable
    tool: str
    header_rows: int
    columns: list[Column]
    data: pd.DataFrame              # data rows only, cells stripped, columns by position
    source_rows: np.ndarray
    questions: list[Question]
    answered: np.ndarray            # bool per data row: carries any answer
    warnings: list[str] = field(default_factory=list)
    excluded: np.ndarray | None = None      # bool per data row: a test / preview / debug submission
    excluded_reasons: dict[str, int] = field(default_factory=dict)   # reason -> rows
    # bool per data row: a cell said "no answer" in words or dashes ("-", 问卷星's "(跳过)") and was made blank
    marked_empty: np.ndarray | None = None
    # the positions of the columns a questionnaire spec types: the user's word on them stands over content rules
    spec_typed: frozenset[int] = frozenset()
    # per data row, the language ("fi", "sv", "en") of the language copy it answered, when the file holds two
    # (``form_languages``); None otherwise
    row_languages: np.ndarray | None = None
    # the typing's close calls and near scales (``Typer.close_calls``, ``Typer.near_scales``), for the report
    close_calls: list[dict] = field(default_factory=list)
    near_scales: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.excluded is None:
            self.excluded = np.zeros(len(self.data), dtype=bool)
        if self.marked_empty is None:
            self.marked_empty = np.zeros(len(self.data), dtype=bool)

    @cached_property
    def cells(self) -> np.ndarray:
        """The data cells as one object array (rows × columns): the per-column work reads columns of it, as a
        frame lookup per column and question cost more than the work on a small export."""
        return self.data.to_numpy(dtype=object)

    def column(self, pos: int) -> np.ndarray:
        """The cells of the column at ``pos`` (a view of ``cells``)."""
        return self.cells[:, self.data.columns.get_loc(pos)]

    @property
    def counted(self) -> np.ndarray:
        """Rows that carry an answer and are not excluded test submissions (respondents before duplicates)."""
        return self.answered & ~self.excluded


def analyse(path: Path, spec: Spec | None, params: Mapping) -> Reading:
    """Read, detect and type an export. Raises ``InputError`` (one line, naming the file) on bad input."""
    name = scrub_path(path.name)   # shown in every table and report: a file name can hold an address
    raw = read_raw(path, params, sheet=spec.sheet if spec else None)
    tool, header_rows = detect.detect_layout(raw)
    if spec and spec.tool:
        tool = spec.tool
    if spec and spec.header_rows:
        header_rows = spec.header_rows
    if len(raw.frame) <= header_rows and raw.rejected:
        row, reason = raw.rejected[0]
        raise InputError(f"{name}, row {row}: {reason.removesuffix(' (ragged row)')}; every data row is ragged "
                         f"(check the delimiter and quoting)")
    if len(raw.frame) <= header_rows:
        raise InputError(f"{name}: the file has a header but no responses (no data rows after row "
                         f"{int(raw.source_rows[-1]) if len(raw.source_rows) else header_rows}); export it again "
                         f"once answers have come in, and leave it out of the config until then")
    warnings = list(raw.warnings)
    headers = detect.header_cells(raw, header_rows)
    headers = [[clean_text(h) for h in row] for row in headers]
    # a row of running column numbers closing the header names nothing (detect counts it as a header row); a
    # sub-label cell of dashes only ("-" under a question without sub-labels) names nothing either
    headers = [row for row in headers if not detect.column_numbers(row)] or headers[:1]
    headers = headers[:1] + [["" if re.fullmatch(_DASHES, h) else h for h in row] for row in headers[1:]]
    _refuse_answers_as_header(headers[0], name, int(raw.source_rows[0]) if len(raw.source_rows) else 1)
    data = _clean_cells(raw.frame.iloc[header_rows:].reset_index(drop=True), name, warnings)
    data, marked_empty = _blank_empty_markers(data, tool)
    if header_rows == 1 and not raw.transposed:
        _refuse_row_of_answers_as_header(headers[0], data, name, int(raw.source_rows[0]) if len(raw.source_rows) else 1)
        _refuse_response_as_header(headers[0], data, name, int(raw.source_rows[0]) if len(raw.source_rows) else 1)
    # totals and means added under a hand-kept sheet's answers, and the header repeated where two exports
    # were pasted one under the other: left out before typing, counted as excluded
    summary, summary_reasons = _summary_rows(data)
    repeated = _repeated_header_rows(data, headers)
    if repeated.any():
        summary = summary | repeated
        summary_reasons = {**summary_reasons, "repeated header row": int(repeated.sum())}
    translated = _translated_header_rows(data, headers) & ~summary
    if translated.any():
        summary = summary | translated
        summary_reasons = {**summary_reasons, "header row in another language": int(translated.sum())}
    tally = _tally_rows(data) & ~summary
    if tally.any():
        summary = summary | tally
        summary_reasons = {**summary_reasons, "summary row: counts under text answers": int(tally.sum())}
    note = _note_rows(data, raw.source_rows[header_rows:]) & ~summary
    if note.any():
        # a colleague's note typed under the answers ("Huom! Rivit 5 ja 9 tarkistettava") was read as one more
        # respondent, and its text turned the id column into a question (QA round 31 F8)
        summary = summary | note
        summary_reasons = {**summary_reasons, NOTE_ROW: int(note.sum())}
        noted = [str(int(r)) for r in raw.source_rows[header_rows:][note]]
        warnings.append(f"{name}: row(s) {', '.join(noted)} hold one text in the first column below the responses "
                        f"(a note, not a response): left out and counted as excluded")
    legend, legend_labels = _legend_rows(data)
    if legend.any():
        summary = summary | legend
        summary_reasons = {**summary_reasons, "value-label legend row": int(legend.sum())}
    if summary.any():
        data = data.mask(pd.DataFrame(np.repeat(summary[:, None], data.shape[1], axis=1), index=data.index,
                                      columns=data.columns), "")
    source_rows = raw.source_rows[header_rows:]
    headers = _fix_headers(headers, data, name, warnings)
    headers, data = _table_columns_left_out(headers, data, name, warnings)
    long = _long_layout(headers, data) if tool == "generic" and len(headers) == 1 and not raw.transposed else None
    if long is not None:
        headers, data, marked_empty, source_rows, summary = _long_to_wide(headers, data, marked_empty, source_rows,
                                                                          summary, *long, name, warnings)
    question_row = raw.question_row if len(headers) == 1 and len(raw.question_row) == len(headers[0]) else None
    columns = layout.columns_for(tool, headers, raw.variable_labels, question_row)
    # the rows left out above (a totals row, a note under the answers) are blank by now: they hold no response id,
    # and a blank id cell among them does not make the row counter "a running number some rows leave blank"
    warnings.extend(layout.respondent_id_checked(columns, data[~summary] if len(summary) == len(data) else data))
    # an SPSS file keeps a name the interviewer picked from a list as a code with the name as its value label
    # ("Nom de l'enquêteur": 1 = "Teme Onomo Ephrasie"): a column headed for names is checked as labelled
    layout.mark_email_values(columns, data, params["email_value_share"], _labelled(data, raw.value_labels))
    layout.language_questions(tool, columns, data)
    warnings.extend(layout.copied_columns(columns, data))
    derived = [c for c in columns if c.role == META and c.reason.startswith(layout.DERIVED)]
    if derived:
        warnings.append(f"{name}: {len(derived)} derived variable(s) left out of the questions (an analyst's "
                        f"recode of another variable, not an answer): "
                        + "; ".join(f"{c.header} = {c.reason[len(layout.DERIVED):]}" for c in derived[:10])
                        + ("; …" if len(derived) > 10 else ""))
    if spec:
        _spec_roles(columns, spec)
        data = _spec_aliases(columns, data, spec)
    # a legend's labels name the codes of a column the file gives no labels for (an SPSS file gives its own)
    value_labels = {**_legend_for_group(legend_labels, columns, data), **raw.value_labels} if legend.any() \
        else raw.value_labels
    typer = Typer(data, tool, params, value_labels, raw.date_columns)
    typer.codes = {c.pos: c.code or c.header for c in columns if c.role == ""}
    questions = _questions(columns, typer, tool, spec, params)
    warnings.extend(_copy_label_warnings(questions, typer, name, params))
    if tool in VERSIONED_TOOLS:
        warnings.extend(_unanswered_not_reported(questions, data, typer.spec_typed, name))
    warnings.extend(_formula_columns_not_reported(questions, raw.error_columns, typer.spec_typed, name))
    _refuse_people_only(columns, questions, data, name)
    warnings.extend(typer.warnings)
    _assign_ids(questions, tool)
    answered = _carries_answer(data, questions, value_labels).any(axis=1)
    excluded, reasons = _marked(name, tool, columns, data, answered, warnings)
    tests = _test_rows(data, questions, answered & ~excluded)
    if tests.any() and (answered & ~excluded & ~tests).any():
        # no row is left out when every row would be: the file is then a test run of the survey
        excluded, reasons = excluded | tests, {**reasons, TEST_ANSWERS: int(tests.sum())}
    if summary.any():
        excluded, reasons = excluded | summary, {**reasons, **summary_reasons}
    warnings.extend(_test_hints(data, columns, source_rows, answered & ~excluded, name))
    warnings = [scrub_text(w) for w in warnings]       # a warning may quote a value or a header
    return Reading(name=name, raw=raw, tool=tool, header_rows=header_rows, columns=columns, data=data,
                   source_rows=source_rows, questions=questions, answered=answered, warnings=warnings,
                   excluded=excluded, excluded_reasons=reasons, marked_empty=marked_empty,
                   spec_typed=frozenset(typer.spec_typed),
                   row_languages=_copy_rows(questions, typer, form_languages(typer.row_scales)),
                   close_calls=list(typer.close_calls), near_scales=list(typer.near_scales))


TEST_ANSWERS = "open answers only test words"       # the excluded_reasons key of ``_test_rows``

_SURROGATE = re.compile("[\ud800-\udfff]")




def _cells_sized(column: pd.Series, shortest: int, longest: int) -> tuple[np.ndarray, pd.Series]:
    """The positions of a column's cells of ``shortest`` to ``longest`` characters, and those cells in lower
    case (as Arrow strings: each hand-kept check below looks for words of a known length, and Arrow's string
    kernels measure and compare 100,000 cells without a Python call per cell)."""
    text = column.astype("string[pyarrow]")
    sizes = text.str.len()
    sized = ((sizes >= shortest) & (sizes <= longest)).fillna(False).to_numpy(dtype=bool)
    return np.flatnonzero(sized), text[sized].str.lower()


def _summary_rows(data: pd.DataFrame) -> tuple[np.ndarray, dict[str, int]]:
    """Which data rows are totals, means or counts added under the answers (their first filled cell a word
    of ``summary_rows``: "Yhteensä", "Keskiarvo", "Totalt", "Average"; every other filled cell a figure as
    ``qtypes.parse_numbers`` reads one: "48", "12,0", "3.5", "20 %"), and how many per reason ("summary row: Yhteensä")."""
    words = layout.VOCABULARY.get("summary_rows", frozenset())
    rows = np.zeros(len(data), dtype=bool)
    reasons: dict[str, int] = {}
    shortest, longest = min(map(len, words), default=0), max(map(len, words), default=0) + 1
    candidates = np.zeros(len(data), dtype=bool)
    for pos in data.columns:
        # rows holding a summary word anywhere; only they are read whole
        at, folded = _cells_sized(data[pos], shortest, longest)
        candidates[at[folded.str.rstrip(":").isin(words).fillna(False).to_numpy(dtype=bool)]] = True
    rows_at = np.flatnonzero(candidates)
    for i, row in zip(rows_at, data.iloc[rows_at].to_numpy(dtype=object)):
        filled = [str(v) for v in row if str(v) not in ("", "nan")]
        if not filled or fold(filled[0]).rstrip(":") not in words:
            continue
        # a label alone ("Yhteensä" typed under the municipality column) or a label with counts and their
        # word ("26 vastausta", "26 svar") is a summary too: no respondent answers with a summary word only
        figures = pd.Series([_COUNTED.sub(r"\1", v.strip()) for v in filled[1:]], dtype=object)
        if qtypes.parse_numbers(figures).notna().all():
            rows[i] = True
            reason = f"summary row: {filled[0].rstrip(':')}"
            reasons[reason] = reasons.get(reason, 0) + 1
    return rows, reasons


NOTE_ROW = "note row below the data"     # the excluded_reasons key of ``_note_rows``
NOTE_MIN_WORDS = 3          # a note under the data is a sentence, not an answer code or a name
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def _note_rows(data: pd.DataFrame, source_rows: np.ndarray) -> np.ndarray:
    """Which data rows are a note typed under the responses: the last rows of the sheet, each filling only its
    first cell with a text of at least ``NOTE_MIN_WORDS`` words of letters, the first of them set apart from
    the responses above by a blank row (a gap in ``source_rows``) or standing in a column every response row
    fills with a whole number (the export's row counter "Nr"). A response fills more than its id cell, and a
    respondent who answered only the first question does not write a sentence into the id column."""
    notes = np.zeros(len(data), dtype=bool)
    if len(data) < 2 or data.shape[1] < 2:
        return notes
    cells = data.to_numpy(dtype=object)
    filled = (cells != "") & (cells != "nan") & ~pd.isna(cells)
    only_first = filled[:, 0] & (filled.sum(axis=1) == 1)
    start = len(data)
    while start > 0 and (only_first[start - 1] or not filled[start - 1].any()):
        start -= 1
    tail = [i for i in range(start, len(data)) if filled[i].any()]
    if not tail or not start:
        return notes
    texts = [str(cells[i, 0]).strip() for i in tail]
    # words of letters: a submission time alone in the first column ("2022/09/05 10:00:00 AM GMT+3") is no note
    if not all(len(_LETTER_WORD.findall(t)) >= NOTE_MIN_WORDS for t in texts):
        return notes
    gap = int(source_rows[tail[0]]) - int(source_rows[start - 1]) > 1
    counter = all(re.fullmatch(r"\d+", str(v).strip()) for v in cells[:start, 0] if str(v).strip())
    if gap or (counter and filled[:start, 0].all()):
        notes[tail] = True
    return notes


# a count with its word after it ("26 vastausta", "12 svar", "3 responses"): the figure is the count
_COUNTED = re.compile(r"^(\d[\d\s\u00a0.,]*?)\s*[^\W\d_]+\.?$")


def _tally_rows(data: pd.DataFrame) -> np.ndarray:
    """Which data rows are counts a person added above or under the answers (a ``=COUNTA(C3:C100)`` row, a
    "Yes 89 / No 17" tally): every filled cell a figure but at most the first (the label being counted), at
    least one figure, and each figure in a column whose other answers are words (at most a fifth figures)."""
    text = data.to_numpy(dtype=object).astype(str)
    filled = (text != "") & (text != "nan")
    numeric = np.zeros(text.shape, dtype=bool)
    for j in range(text.shape[1]):
        at = np.flatnonzero(filled[:, j])
        if len(at):
            numeric[at, j] = qtypes.parse_numbers(pd.Series(text[at, j], dtype=object)).notna().to_numpy()
    first = np.where(filled.any(axis=1), filled.argmax(axis=1), 0)
    label = np.zeros(text.shape, dtype=bool)
    label[np.arange(len(text)), first] = ~numeric[np.arange(len(text)), first]
    candidate = filled.any(axis=1) & (numeric | label | ~filled).all(axis=1) & numeric.any(axis=1)
    if not candidate.any():
        return candidate
    others = filled & ~candidate[:, None]
    words = (others & ~numeric).sum(axis=0)
    figures = (others & numeric).sum(axis=0)
    wordy = (words > 0) & (figures <= 0.2 * (words + figures))
    return candidate & (~numeric | wordy[None, :]).all(axis=1)


# a legend of codes printed under the answers, one "code = label" per cell ("1 = Мужчина", "2 = 2. Женаты")
_LEGEND_CELL = re.compile(r"^(\d{1,3})\s*=\s*(\S.*)$")


def _legend_rows(data: pd.DataFrame) -> tuple[np.ndarray, dict[int, dict[str, str]]]:
    """Which data rows are a value-label legend (every filled cell ``code = label``, as Webropol prints one
    under an export of codes), and the labels they give per column position: code -> label."""
    rows = np.zeros(len(data), dtype=bool)
    labels: dict[int, dict[str, str]] = {}
    for i, row in enumerate(data.to_numpy(dtype=object)):
        cells = [(j, str(v)) for j, v in enumerate(row) if str(v) not in ("", "nan")]
        found = [(j, _LEGEND_CELL.match(v)) for j, v in cells]
        if cells and all(m for _, m in found):
            rows[i] = True
            for j, m in found:
                labels.setdefault(data.columns[j], {})[m.group(1)] = m.group(2).strip()
    return rows, labels


def _legend_for_group(labels: dict[int, dict[str, str]], columns: list,
                      data: pd.DataFrame) -> dict[int, dict[str, str]]:
    """``labels`` extended to every column of a grid whose legend was printed under its first column only
    (Webropol prints one legend per question): a column of the group of a labelled column takes its labels
    when each of its answers is one of their codes (an "other, please specify" text column is not)."""
    shared: dict[str, dict[str, str]] = {}
    for col in columns:
        if col.pos in labels:
            shared.setdefault(col.group, labels[col.pos])
    out = dict(labels)
    for col in columns:
        codes = shared.get(col.group)
        if codes and col.pos not in out and col.pos in data.columns:
            answers = set(data[col.pos]) - {""}
            if answers and answers <= set(codes):
                out[col.pos] = codes
    return out


def _repeated_header_rows(data: pd.DataFrame, headers: list[list[str]]) -> np.ndarray:
    """Which data rows repeat a header row: at least two cells filled, each the header of its column (of any
    header row), as where two exports or two sheets were pasted one under the other."""
    same = np.zeros(data.shape, dtype=bool)
    for j, pos in enumerate(data.columns):
        names = {fold(row[j]) for row in headers if j < len(row) and str(row[j]).strip()}
        if not names:
            continue
        at, folded = _cells_sized(data[pos], min(map(len, names)), max(map(len, names)) + 2)
        same[at[folded.isin(names).to_numpy(dtype=bool)], j] = True
    filled = (data != "").to_numpy(dtype=bool)
    repeated = (filled.sum(axis=1) >= 2) & (same | ~filled).all(axis=1) if same.any() else \
        np.zeros(len(data), dtype=bool)
    # the question texts copied over a hand-made tally beside the answers land a column or two off their own
    # columns: a row of at least three cells, each the header of some column, is a header row too
    names = {fold(h) for row in headers for h in row if len(str(h).strip()) >= _SHIFTED_HEADER_MIN_CHARS}
    candidates = np.flatnonzero(filled.sum(axis=1) >= 3) if names else np.zeros(0, dtype=int)
    if len(candidates):
        # every filled cell of such a row is a header: its first filled cell must be one, which few rows pass,
        # so only those rows are compared cell by cell (a wide export has thousands of cells per row)
        cells = data.to_numpy(dtype=object)
        first = filled[candidates].argmax(axis=1)
        candidates = [i for i, j in zip(candidates, first) if fold(cells[i, j]) in names]
        for i in candidates:
            if all(fold(cell) in names for cell, f in zip(cells[i], filled[i]) if f):
                repeated[i] = True
    return repeated


# a header shorter than this ("Yes", "Other", "Monday") may well be an answer of another column
_SHIFTED_HEADER_MIN_CHARS = 12
# a row of at least this many filled cells, at least HEADER_LIKE_SHARE of them headers by their look
# (``_translated_header_rows``), is a header row pasted among the answers
HEADER_LIKE_MIN_CELLS = 3
HEADER_LIKE_SHARE = 0.6
_QUESTION_END = re.compile(r"[?？:]\s*$")
_DIGIT = re.compile(r"\d")


def _tool_header_names() -> frozenset[str]:
    """The names survey tools give their metadata columns in every UI language the vocabulary knows
    (``common.id / submitted / meta``, Microsoft Forms', Google Forms' and Webropol's), folded."""
    vocabulary = layout.VOCABULARY
    names: set[str] = set()
    for key in ("id", "submitted", "meta"):
        names |= set(vocabulary["common"].get(key, ()))
    for tool in ("msforms", "googleforms", "webropol"):
        for value in vocabulary.get(tool, {}).values():
            if isinstance(value, frozenset):
                names |= value
    return frozenset(fold(n) for n in names)


def _translated_header_rows(data: pd.DataFrame, headers: list[list[str]]) -> np.ndarray:
    """Which data rows are a header row in another language pasted among the answers (a Swedish copy's header
    under the Finnish rows of a hand-kept sheet): at least ``HEADER_LIKE_MIN_CELLS`` cells filled and at least
    ``HEADER_LIKE_SHARE`` of them headers by their look, one at least a tool's metadata name ("Tidsstämpel",
    "Starttid") or two asking a question ("Hur många anställda?" under a header that asks one too). A cell looks
    like a header when it is such a name, asks a question under a header that asks one, holds no digit in a
    column of numbers and dates, or is a text given once in a column of a few repeated choices. Read as one
    respondent, such a row answered every question with its wording."""
    n = len(data)
    out = np.zeros(n, dtype=bool)
    if n < 3 or not headers:
        return out
    names = _tool_header_names()
    top = headers[0]
    # the strong signs first, column by column (a wide export has thousands of cells per row): only rows with
    # them are looked at cell by cell
    values = [v for v in pd.unique(data.to_numpy(dtype=object).ravel()) if v]
    named = [v for v in values if fold(v).rstrip(":") in names]
    asked = [v for v in values if _QUESTION_END.search(v)]
    if not named and len(asked) < 2:
        return out
    asks = np.array([j < len(top) and bool(_QUESTION_END.search(str(top[j]))) for j in range(data.shape[1])])
    strong = 2 * data.isin(named).to_numpy(dtype=bool).sum(axis=1) if named else np.zeros(n, dtype=int)
    if asked:
        strong = strong + (data.isin(asked).to_numpy(dtype=bool) & asks[None, :]).sum(axis=1)
    filled = (data != "").to_numpy(dtype=bool)
    candidates = np.flatnonzero((strong >= 2) & (filled.sum(axis=1) >= HEADER_LIKE_MIN_CELLS))
    if not len(candidates):
        return out
    cells = data.to_numpy(dtype=object)
    looks = np.zeros((len(candidates), data.shape[1]), dtype=bool)
    for j, pos in enumerate(data.columns):
        column = data[pos]
        answers = column[column != ""]
        counts = answers.value_counts()
        numeric = len(answers) > 0 and answers.map(lambda v: bool(_DIGIT.search(v))).mean() >= 0.9
        repeated = counts[counts >= 2]
        choices = 0 < len(counts) <= 30 and len(repeated) >= 2 and repeated.sum() >= 0.8 * len(answers)
        asks = j < len(top) and bool(_QUESTION_END.search(str(top[j])))
        for k, i in enumerate(candidates):
            cell = str(cells[i, j]).strip()
            if not cell:
                continue
            once = counts.get(cells[i, j], 0) == 1
            looks[k, j] = (fold(cell).rstrip(":") in names or asks and bool(_QUESTION_END.search(cell)) and once
                           or numeric and not _DIGIT.search(cell) or choices and once)
    for k, i in enumerate(candidates):
        if looks[k].sum() >= HEADER_LIKE_SHARE * int(filled[i].sum()):
            out[i] = True
    return out


# a cell of dashes or dots only ("-", "--", "–", "."): how a hand-kept sheet or a typed-in paper form says
# "no answer"
_DASHES = r"[-–—.]+"


def _blank_empty_markers(data: pd.DataFrame, tool: str) -> tuple[pd.DataFrame, np.ndarray]:
    """``data`` with the cells that say "no answer" made blank, so that they are neither an option nor an
    answer: the tool's own markers (``<tool>.empty_answers`` of the vocabulary: 问卷星's ``(空)`` and
    ``(跳过)``) and, in every format, a cell of dashes or dots only; and per row whether it had such a cell."""
    markers = (layout.VOCABULARY.get(tool) or {}).get("empty_answers") or frozenset()
    empty = np.zeros(data.shape, dtype=bool)
    longest = max([len(m) for m in markers] + [8])     # a longer cell is an answer, not a marker
    for j, pos in enumerate(data.columns):
        at, folded = _cells_sized(data[pos], 1, longest)
        said = (folded.str.fullmatch(_DASHES) | folded.isin(markers)).fillna(False).to_numpy(dtype=bool)
        empty[at[said], j] = True
        empty[_missing_numbers(data[pos]), j] = True
    if not empty.any():
        return data, empty.any(axis=1)
    return data.where(~empty, ""), empty.any(axis=1)


# how R (write.csv), pandas and SPSS-to-CSV conversions write a missing number; only in a column of numbers
_MISSING_NUMBER = frozenset({"NA", "NaN", "nan", "#N/A", "#NULL!"})
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def _missing_numbers(column: pd.Series) -> np.ndarray:
    """Bool per cell: the cell is a missing-number marker (``NA``, ``NaN``, ``#N/A``) in a column whose other
    filled cells are all plain numbers. There it is no answer (a data file written by R marks every skipped
    item so), and left in, it makes a rating or a count a choice with an option "NA" (issue 12 round 12: a
    Finnish survey's 1-5 items and an economists' panel's 1-10 certainty). In a column of words "NA" may be an
    answer ("not applicable"), so it stays."""
    cells = column.to_numpy(dtype=object)
    missing = np.array([c in _MISSING_NUMBER for c in cells], dtype=bool)
    if not missing.any():
        return missing
    rest = [str(c).strip() for c, m in zip(cells, missing) if not m and str(c).strip()]
    if not rest or not all(_PLAIN_NUMBER.match(c) for c in rest):
        return np.zeros(len(cells), dtype=bool)
    return missing


# a time of day as KoboToolbox and ODK export a "time" question: "08:00:00.000Z", "08:00:00.000-00:00",
# "23:30:00.000+03:00" (issue 12 round 28: one opening hour came out as three answers and the zone as a phone)
_CLOCK_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.\d{1,6})?(Z|[+-]\d{2}:?\d{2})$")


def _clock_times(column: list) -> list:
    """``column`` with its times of day written "HH:MM" (or "HH:MM:SS" where a second is given), when every
    non-empty text cell is a clock time with milliseconds or a zone (``_CLOCK_TIME``); else ``column`` as it is.
    The zone is dropped, not applied: a form's "08:00" opening hour is the hour the respondent picked, and the
    device's zone (or "Z" where it had none) says nothing about it."""
    first = next((v for v in column if isinstance(v, str) and v and v != "nan"), None)
    if first is None or len(first) > 26 or not _CLOCK_TIME.match(first):
        return column           # most columns: told by their first answer, without reading the rest
    found = {}
    for v in set(column):
        if isinstance(v, str) and v and v != "nan":
            match = _CLOCK_TIME.match(v)
            if match is None:
                return column
            found[v] = f"{match.group(1)}:{match.group(2)}" + (f":{match.group(3)}" if match.group(3) != "00" else "")
    return [found.get(v, v) if isinstance(v, str) else v for v in column]


def _clean_cells(body: pd.DataFrame, name: str, warnings: list[str]) -> pd.DataFrame:
    """The data rows ``body`` as text (object columns by position), every cell stripped, with control
    characters and the code points XML cannot carry (U+0000-U+001F but tab, LF and CR; U+FFFE, U+FFFF; lone
    surrogates) removed, with one warning saying how many cells held them: no report writer (xlsx, pptx,
    html) has to refuse an answer for one invisible character."""
    changed = 0
    out = {}
    cells = body.to_numpy(dtype=object)
    for j, pos in enumerate(body.columns):
        values = cells[:, j]
        if all(isinstance(v, str) for v in values) and \
                not any(_SURROGATE.search(v) for v in values if not v.isascii()):
            # plain strings: str.strip strips what pandas' (Arrow's) strip does, without a Series per column
            column = [v.strip() for v in values]
        else:
            # numbers or missing cells, or a lone surrogate: pandas' conversion decides (NaN kept, a surrogate
            # refused), as it always did
            column = body[pos].astype(str).str.strip().to_numpy(dtype=object).tolist()
        for i, v in enumerate(column):
            if isinstance(v, str) and NON_XML.search(v):
                column[i] = clean_text(v).strip()
                changed += 1
        out[pos] = _clock_times(column)
    if changed:
        warnings.append(f"{name}: {changed} cell(s) held control characters or non-characters (such as U+FFFF); "
                        f"removed")
    return pd.DataFrame(out, index=pd.RangeIndex(len(body)) if out else None, dtype=object)


def excluded_by_config(a: Reading, response_ids: Sequence[str], source: str = "config") -> Reading:
    """Return ``a`` with the rows whose response id (the export's own, as written in its response-id column)
    is one of ``response_ids`` excluded, counted with the reason "excluded in the config" like the test rows
    the tool marks. Raises ``InputError`` when the export has no response-id column, and when an id matches no
    row: a typo or an id of another column must not keep a test row unseen (QA round 12). An id held not by the
    response-id column but by exactly one other id column (a value on every row, no value twice: KoboToolbox's
    ``_id`` beside its ``_uuid``) names that column's row unambiguously: it is excluded, and a warning says
    which column the id was read from."""
    wanted = [str(r).strip() for r in response_ids if str(r).strip()]
    if not wanted:
        return a
    column = _column_of(a, RESPONDENT_ID)
    if column is None:
        raise InputError(f"{source}: exclude names response ids, but {a.name} has no response-id column; name "
                         f"it in a questionnaire spec (respondent_id: COLUMN)")
    ids = a.data[column.pos].astype(str).str.strip()
    hit = ids.isin(wanted).to_numpy().copy()
    warnings = list(a.warnings)
    for missing in [w for w in wanted if w not in set(ids)]:
        holders = _id_columns_holding(a, missing, column)
        if len(holders) != 1:
            elsewhere = (f"; it is in {len(holders)} other id columns "
                         f"({', '.join(repr(c.header) for c, _ in holders)}), so which row it means is unclear"
                         if holders else "")
            raise InputError(f"{source}: exclude names response id {missing!r}, which no row of {a.name} holds "
                             f"in its response-id column {column.header!r}{elsewhere}; write the {column.header!r} "
                             f"value of the row to leave out (or remove the id)")
        other, row = holders[0]
        hit[row] = True
        warnings.append(f"{a.name}: exclude id {missing!r} is not a value of the response-id column "
                        f"{column.header!r}; read from column {other.header!r}, which holds it on row "
                        f"{int(a.source_rows[row])} only")
    hit &= ~a.excluded
    reasons = dict(a.excluded_reasons)
    if hit.any():
        reasons["excluded in the config"] = reasons.get("excluded in the config", 0) + int(hit.sum())
    return replace(a, excluded=a.excluded | hit, excluded_reasons=reasons, warnings=warnings)


def _id_columns_holding(a: Reading, value: str, skip: Column) -> list[tuple[Column, int]]:
    """Return (column, data row) for each id column other than ``skip`` that holds ``value``: a column of the
    tool's metadata or its submission number (KoboToolbox's ``_id``, kept out of the outputs as personal
    data of kind submission_id); no question (a column of distinct answers, such as ages, is no id); a value
    on every answered row and no value twice (so one value names one row)."""
    found = []
    for col in a.columns:
        if col.pos == skip.pos or not (col.role == META or (col.role == PERSONAL and col.personal == "submission_id")):
            continue
        cells = a.data[col.pos].astype(str).str.strip()
        filled = cells[cells != ""]
        if (cells[a.answered] == "").any() or filled.duplicated().any():
            continue
        rows = np.flatnonzero((cells == value).to_numpy())
        if len(rows):
            found.append((col, int(rows[0])))
    return found


def _marked(name: str, tool: str, columns: list[Column], data: pd.DataFrame, answered: np.ndarray,
            warnings: list[str]) -> tuple[np.ndarray, dict[str, int]]:
    """Which data rows the tool marks as test / preview / debug submissions, and how many per reason. When the
    marked rows are all the answered rows there is no real respondent to keep them apart from: the file is a
    test run of the survey (such as Qualtrics' generated test responses), so nothing is excluded and a warning
    says so."""
    marks = np.array(detect.marked_rows(tool, columns, data), dtype=object)
    excluded = marks != ""
    if not excluded.any():
        return np.zeros(len(data), dtype=bool), {}
    reasons = {str(k): int(v) for k, v in pd.Series(marks[excluded]).value_counts(sort=False).items()}
    if not (answered & ~excluded).any():
        said = "; ".join(f"{k}: {v}" for k, v in reasons.items())
        warnings.append(f"{name}: every answered row is marked as a test or preview submission ({said}); "
                        f"all kept as respondents, as no other row would be left")
        return np.zeros(len(data), dtype=bool), {}
    return excluded, reasons


def _test_vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The test-marker words, the topic words that are test markers only beside another marker or a filler
    word, and the filler words (``answers.test_answers`` of the vocabulary), casefolded."""
    words = layout.VOCABULARY["answers"].get("test_answers", {})
    return tuple(frozenset(str(w).casefold() for w in words.get(k, ()))
                 for k in ("markers", "topic_words", "filler"))


_TEST_MARKERS, _TEST_TOPICS, _TEST_FILLER = _test_vocabulary()
_NOT_MARKER, _TOPIC, _MARKER = 1, 2, 3          # what an answer is, for _test_rows (0: no answer)


def _test_marker(cell: str) -> int:
    """``_MARKER`` when an answer says only that it is a test ("test", "Testi 2", "This is a test", "detta är
    ett prov", "asdf"), ``_TOPIC`` when it is only a word that is a test marker but also a real topic
    ("testing", "testaus", "prov"), ``_NOT_MARKER`` otherwise, 0 for no answer (blank, "-", "N/A")."""
    words = re.findall(r"\w+", cell.casefold())
    if any(w not in _NO_ANSWER_WORDS and w not in _TEST_MARKERS and w not in _TEST_TOPICS
           and w not in _TEST_FILLER and not w.isdigit() for w in words):
        # a word that is neither a no-answer's nor a test's: an answer, told without normalising the label
        return _NOT_MARKER
    if norm_label(cell) in NO_ANSWER:
        return 0
    if not words or not all(w in _TEST_MARKERS or w in _TEST_TOPICS or w in _TEST_FILLER or w.isdigit()
                            for w in words):
        return _NOT_MARKER
    if any(w in _TEST_MARKERS for w in words):
        return _MARKER
    if any(w in _TEST_TOPICS for w in words):
        # a topic word with words around it ("this is testing", "tämä on testaus") says it is a test
        return _MARKER if len(words) > 1 else _TOPIC
    return _NOT_MARKER


def _test_rows(data: pd.DataFrame, questions: list[Question], rows: np.ndarray) -> np.ndarray:
    """Per data row: True for a row of ``rows`` (the answered rows not yet excluded) whose every open answer is
    a test marker and one of them says only "test" (``_test_marker``) -- a test submission the tool did not
    mark ("testi" in every text field, "This is a test"). One "test" among real open answers keeps the row (a
    real answer may be the word), and so does a lone topic word ("testaus" may be the need a company names).
    Decided on each column's distinct answers."""
    positions = [c.pos for q in questions if q.type in ("open", "other_text") for c in q.columns]
    if not positions or not rows.any():
        return np.zeros(len(data), dtype=bool)
    kinds = np.zeros((len(data), len(positions)), dtype=np.int8)
    for j, pos in enumerate(positions):
        column = data[pos].to_numpy(dtype=object)
        of = {u: _test_marker(u) for u in dict.fromkeys(column)}
        kinds[:, j] = [of[v] for v in column]
    return rows & ~(kinds == _NOT_MARKER).any(axis=1) & (kinds == _MARKER).any(axis=1)


def _test_hints(data: pd.DataFrame, columns: list, source_rows: np.ndarray, kept: np.ndarray,
                name: str) -> list[str]:
    """A warning naming the kept rows (at most five) with a cell, in any column, that says only that it is a
    test ("TESTI" typed as the name, "testivastaus, älä huomioi"), and the columns: such a row is not left out
    unless every open answer says so (``_test_rows``), but a coordinator marking it meant it; [] when none."""
    if not kept.any():
        return []
    marked = np.zeros(len(data), dtype=bool)
    where: list[str] = []
    for col in columns:
        values = data[col.pos].to_numpy(dtype=object)
        of = {u: _test_marker(str(u)) == _MARKER for u in dict.fromkeys(values)}
        hit = np.fromiter((of[v] for v in values), dtype=bool, count=len(values)) & kept
        if hit.any():
            marked |= hit
            where.append(repr(col.header[:40]))
    if not marked.any():
        return []
    rows = [str(int(r)) for r in source_rows[marked]]
    shown = ", ".join(rows[:5]) + (f" and {len(rows) - 5} more" if len(rows) > 5 else "")
    return [f"{name}: row(s) {shown} say they are a test (in column(s) {', '.join(where[:3])}) but answer the "
            f"questions, so they are kept as respondents; if they are test answers, list their response ids "
            f"under exclude in the config or delete the rows"]


# cells that hold no answer, in every format: blank, "N/A", "-" (normalised by ``norm_label``)
NO_ANSWER = frozenset({"", "n/a", "na", "#n/a", "-", "--", "–", "—", "nan", "null"})
_NO_ANSWER_WORDS = frozenset(w for label in NO_ANSWER for w in re.findall(r"\w+", label))


def _answer_positions(questions: list[Question]) -> list[int]:
    return [c.pos for q in questions if q.type != "meta" for c in q.columns]


def _columns(a: Reading, positions: list[int]) -> np.ndarray:
    """The cells of the columns at ``positions`` (rows × positions)."""
    if not positions:
        return np.empty((len(a.data), 0), dtype=object)
    return a.cells[:, a.data.columns.get_indexer(positions)]


def _carries_answer(data: pd.DataFrame, questions: list[Question],
                    value_labels: Mapping[int, Mapping[str, str]]) -> np.ndarray:
    """Per data row and question column (a boolean matrix): the cell holds an answer (not blank and not an
    N/A-like value, read through the column's value labels where the file has them). Decided on distinct
    values."""
    positions = _answer_positions(questions)
    out = np.ones((len(data), len(positions)), dtype=bool)
    for j, pos in enumerate(positions):
        column = data[pos].to_numpy(dtype=object)
        labels = value_labels.get(pos) or {}
        empty = {u for u in dict.fromkeys(column)
                 if norm_label(u) in NO_ANSWER or (u in labels and norm_label(labels[u]) in NO_ANSWER)}
        if empty:
            out[:, j] = [v not in empty for v in column]
    return out


# a file holds one answer per row (an id column that repeats, a column numbering the question) when at least this
# share of its ids fill two rows or more, its question numbers are at most LONG_MAX_ITEMS different short labels,
# and each of them is answered by at least LONG_MIN_SHARED_SHARE of the ids on average
LONG_MIN_REPEATING_SHARE = 0.8
LONG_MAX_ITEMS = 100
LONG_MAX_ITEM_CHARS = 40
LONG_MIN_SHARED_SHARE = 0.5


def _long_layout(headers: list[list[str]], data: pd.DataFrame) -> tuple[int, int] | None:
    """``(id column index, item column index)`` when the rows of a generic file hold one answer each, not one
    respondent each (issue 12 round 12: an economists' panel kept as ``numero, Vastaaja, …, Vastaus, Varmuus``,
    13 rows per economist, read before as 50 respondents and 600 resubmissions dropped); else None. The id
    column is the one header of ``common.id`` (Vastaaja, Respondent ID …), filled on every row with anything in
    it; the item column never blank, its (id, item) pairs all different, its values few and shared across the
    ids (see ``LONG_MIN_REPEATING_SHARE``). A resubmitted form repeats an id now and then, never on most ids with
    a number that tells the rows apart."""
    top = headers[0]
    ids = [j for j, h in enumerate(top) if layout.header_key(h) in layout._ID_HEADERS]
    if len(ids) != 1:
        return None
    cells = data.to_numpy(dtype=object).astype(str)
    used = (cells != "").any(axis=1)
    keys = cells[used, ids[0]]
    if len(keys) < 4 or (keys == "").any():
        return None
    per_id = Counter(keys)
    if sum(n >= 2 for n in per_id.values()) < LONG_MIN_REPEATING_SHARE * len(per_id):
        return None
    best = None
    for j in range(cells.shape[1]):
        items = cells[used, j]
        if j == ids[0] or (items == "").any() or max(len(i) for i in items) > LONG_MAX_ITEM_CHARS:
            continue
        distinct = set(items)
        if not 2 <= len(distinct) <= LONG_MAX_ITEMS or len(set(zip(keys, items))) < len(keys):
            continue
        holders = Counter(items)            # pairs are unique, so each row is one more id holding its item
        if sum(holders.values()) / len(distinct) < LONG_MIN_SHARED_SHARE * len(per_id):
            continue
        if best is None or len(distinct) < best[1]:
            best = (j, len(distinct))
    return (ids[0], best[0]) if best else None


def _long_to_wide(headers: list[list[str]], data: pd.DataFrame, marked_empty: np.ndarray, source_rows,
                  summary: np.ndarray, id_at: int, item_at: int, name: str, warnings: list[str]):
    """The long file of ``_long_layout`` turned to one row per id: a column that is the same on all of an id's
    rows (the respondent's organisation) once, every other column once per item, headed ``Column [item]`` (so
    the items of one column form a grid). Returns headers, data, marked_empty, source_rows (each respondent's
    first row) and summary (all False: summary rows are blank by now, and a blank row holds no id), and says so
    in ``warnings``. No cell is lost: the (id, item) pairs are unique."""
    top = headers[0]
    cells = data.to_numpy(dtype=object).astype(str)
    used = np.flatnonzero((cells != "").any(axis=1))
    keys, items = cells[used, id_at], cells[used, item_at]
    order = list(dict.fromkeys(keys))
    labels = list(dict.fromkeys(items))
    if all(re.fullmatch(r"\d{1,6}", i) for i in labels):
        labels.sort(key=int)
    row_of = {k: i for i, k in enumerate(order)}
    item_of = {it: i for i, it in enumerate(labels)}
    out_headers, out_columns = [top[id_at]], [np.array(order, dtype=object)]
    for j in range(cells.shape[1]):
        if j in (id_at, item_at):
            continue
        grid = np.full((len(order), len(labels)), "", dtype=object)
        for r, k, it in zip(used, keys, items):
            grid[row_of[k], item_of[it]] = cells[r, j]
        same = all(len(set(row)) == 1 for row in (cells[used[keys == k], j] for k in order))
        if same:
            out_headers.append(top[j])
            out_columns.append(grid.max(axis=1) if grid.size else grid[:, 0])
        else:
            out_headers.extend(f"{top[j]} [{label}]" for label in labels)
            out_columns.extend(grid[:, c] for c in range(len(labels)))
    wide = pd.DataFrame(dict(enumerate(out_columns)), dtype=object)
    first = {}
    for r, k in zip(used, keys):
        first.setdefault(k, r)
    rows = [first[k] for k in order]
    empty = np.array([marked_empty[used[keys == k]].any() for k in order], dtype=bool)
    warnings.append(f"{name}: each row holds one answer ({top[id_at]!r} repeats, {top[item_at]!r} numbers the "
                    f"question): read as {len(order)} respondents, one column per {top[item_at]!r} "
                    f"({len(labels)} of them)")
    return [out_headers], wide, empty, np.asarray(source_rows)[rows], np.zeros(len(order), dtype=bool)


def _refuse_people_only(columns: list, questions: list, data: pd.DataFrame, name: str) -> None:
    """Raise InputError when no question is left and the columns that hold anything are all personal data: a
    list of people (participants' names, a mailing list), not answers to a survey. Read on, it would be a file of
    no questions and no respondents that a run reports as empty. The message names the kinds, never a value."""
    if questions:
        return
    filled = [c for c in columns if c.pos in data.columns and (data[c.pos].to_numpy(dtype=object) != "").any()]
    personal = [c for c in filled if c.role == PERSONAL]
    if personal and len(personal) == len(filled):
        kinds = ", ".join(sorted({c.personal or "personal data" for c in personal}))
        raise InputError(f"{name}: every column holds personal data ({kinds}) and none a question; the file is a "
                         f"list of people, not survey answers: export the survey's responses instead, or name the "
                         f"question columns in a questionnaire spec")


COPY_LABELS_SHOWN = 4       # labels of each language a pasted copy's warning names
FORM_LANGUAGES = ("fi", "sv", "en")


def form_languages(row_scales: np.ndarray | None) -> np.ndarray | None:
    """Per data row, the language of the copy of a bilingual questionnaire it answered: the language of the
    one-language scale its scale answers are words of (``Typer.row_scales``: "sv_agree" → "sv"), "" where none
    tells; None unless the rows answer in two languages or more (one language tells no copy apart). The language
    figures read it as the company's language when it said none (QA round 38 F8: 110 of 220 companies, those
    that answered the Swedish copy among them, had no language)."""
    if row_scales is None:
        return None
    codes = np.array([str(v).split("_")[0] if str(v).split("_")[0] in FORM_LANGUAGES else "" for v in row_scales],
                     dtype=object)
    return codes if len(set(codes) - {""}) >= 2 else None


def _copy_rows(questions: list[Question], typer: Typer, languages: np.ndarray | None) -> np.ndarray | None:
    """``languages`` (per data row, the copy it answered: ``form_languages``) with the rows no scale answer
    placed ("" there: a row answering only the background questions) placed by their single choices: in a single
    choice whose rows of each copy chose labels with none in common (two or more each: "Kokkola, Kauppa" beside
    "Karleby, Handel", as ``_copy_label_warnings`` finds them), a label belongs to the copy whose rows chose it; a
    row whose labels of such questions all belong to one copy answered that copy. Unchanged without two copies."""
    if languages is None:
        return None
    known = sorted(set(languages) - {""})
    said: list[set[str]] = [set() for _ in range(len(languages))]
    for q in questions:
        if q.type != "single" or len(q.columns) != 1:
            continue
        cells = np.array([norm_label(v) if v else "" for v in typer.cells(q.columns[0].pos)], dtype=object)
        chosen = {lang: set(cells[(languages == lang) & (cells != "")]) for lang in known}
        if min(len(c) for c in chosen.values()) < 2 or any(
                chosen[a] & chosen[b] for i, a in enumerate(known) for b in known[i + 1:]):
            continue
        owner = {label: lang for lang, labels in chosen.items() for label in labels}
        for i in np.flatnonzero(languages == ""):
            if cells[i] in owner:
                said[i].add(owner[cells[i]])
    out = languages.copy()
    for i, found in enumerate(said):
        if len(found) == 1 and not out[i]:
            out[i] = next(iter(found))
    return out


def _copy_label_warnings(questions: list[Question], typer: Typer, name: str,
                         params: Mapping | None = None) -> list[str]:
    """One warning per single choice that a pasted language copy answers in its own labels: the rows whose
    scale answers are one language's words (``Typer.row_scales``, set when a grid holds a scale in two
    languages) and the rows of the other language chose labels with none in common, three or more in all
    ("Teollisuus, Kauppa" beside "Industri, Handel"; "Lähiopetus, Etäopetus" beside "Närundervisning"). Such
    labels are counted as different answers: no general rule tells which of the copy's labels translates which
    of the master's, so the warning says what to do (a spec's ``aliases``, ``_spec_aliases``). No warning where
    the analysis reads every label of both languages anyway (``_read_alike``: "Kyllä" / "Ja", "Kokkola" /
    "Karleby", "Suomi" / "Svenska")."""
    rows = typer.row_scales
    languages = sorted({str(r) for r in rows if r}) if rows is not None else []
    if len(languages) != 2:
        return []
    out = []
    for q in questions:
        if q.type != "single" or len(q.columns) != 1:
            continue
        cells = typer.cells(q.columns[0].pos)
        chosen = [list(dict.fromkeys(v.strip() for v in cells[rows == lang] if v.strip())) for lang in languages]
        keys = [{norm_label(v) for v in labels} for labels in chosen]
        if min(len(k) for k in keys) < 1 or max(len(k) for k in keys) < 2 or keys[0] & keys[1]:
            continue
        if _read_alike(chosen[0] + chosen[1], params):
            continue
        said = ["{" + ", ".join(labels[:COPY_LABELS_SHOWN]) + (", …" if len(labels) > COPY_LABELS_SHOWN else "")
                + "}" for labels in chosen]
        code = [lang.split("_")[0] for lang in languages]
        out.append(f"{name}, column {q.columns[0].header!r}: the rows answering in {code[0]} chose {said[0]}, the "
                   f"rows in {code[1]} {said[1]} (a language copy pasted under the header keeps its own labels); "
                   f"they count as different answers unless mapped: give the question `aliases:` (copy's label: "
                   f"master's label) in a questionnaire spec")
    return out


def _read_alike(labels: Sequence[str], params: Mapping | None) -> bool:
    """True when the analysis reads every one of ``labels`` (a single choice's answers in a master's and a pasted
    copy's language) as a value of its own, whatever the language: each names a language (the business-language
    question: "Suomi", "Svenska", "Båda"; ``analysis.language.languages_of``), or each is an export answer
    (``[analysis] export_yes`` / ``export_maybe`` / ``export_no``: "Kyllä", "Ja", "Nej"), or each is a municipality
    of the sub-regions or of ``municipality_aliases`` ("Kokkola", "Karleby"). The analysis settings are the
    shipped ``[analysis]`` defaults overlaid with any of those keys in ``params``. Sector labels ("Teollisuus",
    "Industri") are read by no such rule: False."""
    # imported here: the analysis is read only for these few labels, after the typing
    from pipeline.analysis.language import languages_of
    from pipeline.analysis.stats import listed_municipalities, name_key
    from pipeline.config import ANALYSIS_LABEL_KEYS, defaults

    settings = {**defaults().get("analysis", {}), **{k: v for k, v in (params or {}).items()
                                                     if k in ANALYSIS_LABEL_KEYS}}
    if all(languages_of(v) for v in labels):
        return True
    words = [str(w).casefold() for key in ("export_yes", "export_maybe", "export_no") for w in settings.get(key, [])]
    if words and all(re.match(rf"\W*(?:{'|'.join(map(re.escape, words))})\b", v.casefold()) for v in labels):
        return True
    listed = listed_municipalities(settings.get("subregions", {}), settings.get("municipality_aliases", {}))
    return bool(listed) and all(name_key(v) in listed for v in labels)


# a date with a clock time ("4/15/2026 22:38", "2023-01-24 19:38:02"): a submission time, never a question
_STAMP_HEADER = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}[ T]\d{1,2}[:.]\d{2}")


def _refuse_answers_as_header(header: list[str], name: str, row: int) -> None:
    """Raise InputError when the header row holds two or more submission times: the file lost its header
    (saved without it, or cut), so its first respondent's answers would be taken for question texts and
    their name or e-mail address for a column header."""
    stamps = [h for h in header if _STAMP_HEADER.match(str(h).strip())]
    if len(stamps) >= 2:
        raise InputError(f"{name}, row {row}: the header row holds answers (times {stamps[0]!r}, {stamps[1]!r}), "
                         f"not question texts; the file has lost its header row: export it again, or put the "
                         f"header row back above the answers")


_BARE_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def _refuse_row_of_answers_as_header(header: list[str], data: pd.DataFrame, name: str, row: int) -> None:
    """Raise InputError when the header row is a row of answers: at least half of its filled cells (three or
    more) are answers found again in their own column below, among them a bare number and a word ("Aalto,
    Airi, 57, F, 0" over rows of surnames, first names, ages, genders). The file was saved without its
    header row; read as it is, a respondent's name would become a question text. Option columns that hold
    their own label match their header too, but never alongside a number header that is one of the column's
    answers. The message names the columns, never the values (they may be a person's name)."""
    cells = [(pos, str(h).strip()) for pos, h in enumerate(header) if str(h).strip() and pos in data.columns]
    if len(cells) < 3:
        return
    found = [(pos, h) for pos, h in cells if (data[pos].to_numpy(dtype=object) == h).any()]
    numbers = [h for _, h in found if _BARE_NUMBER.match(h)]
    if 2 * len(found) >= len(cells) and numbers and len(numbers) < len(found):
        said = ", ".join(str(pos + 1) for pos, _ in found[:6])
        raise InputError(f"{name}, row {row}: the first row holds answers, not column names (its cells in columns "
                         f"{said} are answers found again below them); the file has lost its header row: put "
                         f"the header row back above the answers, or export the file again")


def _mostly(values: np.ndarray, pattern: re.Pattern) -> bool:
    """True when at least half of the non-blank cells match ``pattern`` (and there is one at least)."""
    filled = [str(v).strip() for v in values if str(v).strip()]
    return bool(filled) and 2 * sum(bool(pattern.match(v)) for v in filled) >= len(filled)


def _refuse_response_as_header(header: list[str], data: pd.DataFrame, name: str, row: int) -> None:
    """Raise InputError when the header row is a response: a cell is a submission time over a column of
    submission times ("5.6.2025 12.51.24"), and another is a bare number over a column of numbers ("3" over
    ratings) or an answer found again in its column below. The file lost its header row (deleted in Excel, or
    exported without it): read as it is, its first response is lost and no column is known by its header.
    A real header of codes or numbers ("1", "2", LimeSurvey's or SPSS's names) has no time over times."""
    cells = [(pos, str(h).strip()) for pos, h in enumerate(header) if str(h).strip() and pos in data.columns]
    stamps = [pos for pos, h in cells if _STAMP_HEADER.match(h) and _mostly(data[pos].to_numpy(dtype=object),
                                                                              _STAMP_HEADER)]
    if not stamps:
        return
    rest = [(pos, h) for pos, h in cells if pos not in stamps]
    numbers = [h for pos, h in rest if _BARE_NUMBER.match(h) and _mostly(data[pos].to_numpy(dtype=object),
                                                                          _BARE_NUMBER)]
    found = [h for pos, h in rest if not _BARE_NUMBER.match(h) and (data[pos].to_numpy(dtype=object) == h).any()]
    if not numbers and not found:
        return
    said = "a timestamp" + (" and numbers" if numbers else "") + (" and answers found again below" if found else "")
    raise InputError(f"{name}, row {row}: row {row} looks like an answer, not a header ({said}); export the file "
                     f"again with its header row (or put the header row back above the answers)")


def _fix_headers(headers: list[list[str]], data: pd.DataFrame, name: str, warnings: list[str]) -> list[list[str]]:
    """Blank headers over data get a positional name; repeated headers are kept apart by position."""
    top = list(headers[0])
    if len(headers) > 1:
        filled = [t or s for t, s in zip(top, headers[1])]
    else:
        filled = top
    blank = [i for i, h in enumerate(filled) if not h and (data[i].to_numpy(dtype=object) != "").any()]
    for i in blank:
        top[i] = f"column {i + 1}"
    if blank:
        warnings.append(f"{name}: column(s) {', '.join(str(i + 1) for i in blank)} have no header; named by position")
    named = [h for h in filled if h]
    repeated = []
    if len(set(named)) < len(named):         # the pandas count (its order names them) only when some repeat
        counts = pd.Series(named).value_counts()
        repeated = [h for h in counts.index if counts[h] > 1]
    if repeated and len(headers) == 1:
        shown = _repeated_shown(repeated)
        more = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
        warnings.append(f"{name}: repeated header(s) {', '.join(repr(h) for h in shown[:3])}{more}; "
                        f"kept apart by position")
    return [top] + [list(h) for h in headers[1:]]


def _table_columns_left_out(headers: list[list[str]], data: pd.DataFrame, name: str,
                            warnings: list[str]) -> tuple[list[list[str]], pd.DataFrame]:
    """``headers`` and ``data`` without the trailing columns that still carry the name an Excel table gives a
    column added to it ("Sarake1" … "Sarake4": ``excel_table_columns`` and a number), with a warning naming
    them: a coordinator's notes right of the survey ("ok", "1"), not questions the respondents answered. Kept
    when every column is so named (a table whose header row was never filled) or the header has two rows."""
    words = layout.VOCABULARY.get("excel_table_columns", frozenset())
    top = headers[0]
    # Excel writes the number right after the word ("Sarake1"); "column 3" is _fix_headers' name for a blank
    # header over answers, a question of its own
    default = [bool(m) and fold(m[1]) in words for m in (re.fullmatch(r"([^\W\d_]+)(\d{1,3})", h) for h in top)]
    keep = len(top)
    while keep and default[keep - 1]:
        keep -= 1
    if keep == len(top) or keep == 0 or len(headers) > 1:
        return headers, data
    left = top[keep:]
    span = f"{keep + 1}-{len(top)}" if len(top) - keep > 1 else str(len(top))
    warnings.append(f"{name}: column(s) {span} ({', '.join(repr(h) for h in left[:4])}"
                    f"{' …' if len(left) > 4 else ''}) keep the names an Excel table gives added columns; read as "
                    f"notes, not questions, and left out: give them a header if they hold answers")
    return [row[:keep] for row in headers], data.iloc[:, :keep]


# a repeated header longer than this is shown by its start and its end, where a grid's item stands
_SHOWN_HEADER = 64
_OPTION_BRACKET = re.compile(r"\s*\[[^\[\]]{0,40}\]$")


def _repeated_shown(repeated: Sequence[str]) -> list[str]:
    """The repeated headers as a warning shows them, each once: a grid option's bracket ("… | Faculty Release
    [0.25]") left off, as the item repeats with all its options, and a long header cut in the middle so that
    its end (the item that repeats, after a long shared question) stays visible (QA round 13: one grid item
    repeated was said three times as the same first 40 characters of its question)."""
    out: list[str] = []
    for header in repeated:
        head = _OPTION_BRACKET.sub("", header) or header
        if len(head) > _SHOWN_HEADER:
            half = (_SHOWN_HEADER - 1) // 2
            head = head[:half].rstrip() + "…" + head[-half:].lstrip()
        if head not in out:
            out.append(head)
    return out


def _spec_roles(columns: list[Column], spec: Spec) -> None:
    keep, drop = spec.names("keep"), spec.names("drop")
    for col in columns:
        keys = {layout.header_key(col.header), layout.header_key(col.code)} - {""}
        if keys & drop:
            col.role = "drop"
        elif keys & keep and col.role == PERSONAL:
            col.role, col.personal = "", "kept"
        elif col.role == PERSONAL and col.personal == "proper_name" and \
                (hit := spec.question_for(col.header, col.code)) is not None and hit[1].type:
            # the proper-name rule reads the answers only (layout.proper_name_answers); a spec that types the
            # column says it is a question of the survey, so it is kept as one (its answers scrubbed as any)
            col.role, col.personal, col.reason = "", "", ""
        for role, wanted in ((RESPONDENT_ID, spec.respondent_id), (BUSINESS_ID, spec.business_id),
                             (SUBMITTED_AT, spec.submitted_at)):
            if wanted and layout.header_key(wanted) in keys:
                col.role = role


def _spec_aliases(columns: list[Column], data: pd.DataFrame, spec: Spec) -> pd.DataFrame:
    """``data`` with the answers a spec entry's ``aliases`` name (matched as ``norm_label`` matches them) written
    as the answers they stand for, in the columns the entry selects: a pasted language copy's "Industri" read
    as the master's "Teollisuus", so the two count as one answer (``_copy_label_warnings``)."""
    out = data
    for column in columns:
        found = spec.question_for(column.header, column.code)
        if found is None or not found[1].aliases or column.pos not in data.columns:
            continue
        aliases = {norm_label(k): v for k, v in found[1].aliases.items()}
        cells = data[column.pos].to_numpy(dtype=object)
        mapped = np.array([aliases.get(norm_label(v), v) if v != "" else v for v in cells], dtype=object)
        if (mapped != cells).any():
            out = out.copy() if out is data else out
            out[column.pos] = mapped
    return out


def _questions(columns: list[Column], typer: Typer, tool: str, spec: Spec | None, params: Mapping) -> list[Question]:
    # spec entries regroup the columns they select
    spec_of: dict[str, QuestionSpec] = {}
    if spec:
        for col in columns:
            if col.role in (PERSONAL, "drop", RESPONDENT_ID, SUBMITTED_AT, BUSINESS_ID):
                continue
            hit = spec.question_for(col.header, col.code)
            if hit:
                n, entry = hit
                col.group = f"spec{n}"
                if col.role == META:
                    col.role = ""
                spec_of[col.group] = entry
                if entry.type:
                    # the spec names this column's type: the typer's guess is no close call to warn about
                    typer.spec_typed.add(col.pos)
    groups: dict[str, list[Column]] = {}
    order: list[str] = []
    questions: list[Question] = []
    for col in columns:
        if col.role in (PERSONAL, "drop", RESPONDENT_ID, SUBMITTED_AT, BUSINESS_ID):
            continue
        if col.role == META:
            key = f"meta{col.pos}"
        else:
            key = col.group.removesuffix(":other") if col.group.endswith(":other") and \
                col.group.removesuffix(":other") in groups else col.group
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(col)
    for key in order:
        cols = groups[key]
        first = cols[0]
        if key.startswith("meta"):
            questions.append(Question("", first.header, "meta", cols, [""]))
            continue
        text = next((c.text for c in cols if c.role not in (OTHER_TEXT,)), first.text) or first.header
        found = typer.infer("", text, cols)
        entry = spec_of.get(key)
        if entry is not None:
            found = [_apply_spec(q, entry, typer) for q in _spec_multi(found, entry, text, typer)]
        questions.extend(found)
    # a column's distinct answers and whether some row left it blank tell option columns holding their own code
    return qtypes.merge_grids(questions, tool, params, typer.uniques, lambda pos: typer.count(pos) < len(typer.data))


# tools whose export holds a column for every question of every version of the form, asked or not: there a column
# nobody answered is a question this survey's version did not ask. Elsewhere an unanswered question is kept as
# typed (a grid nobody rated is still a question of the form: tests/test_ingest_records.py)
VERSIONED_TOOLS = ("kobotoolbox",)


def _unanswered_not_reported(questions: list[Question], data: pd.DataFrame, spec_typed: set, name: str
                             ) -> list[str]:
    """Type as ``meta`` (kept, never reported: no distribution of nothing) each question no data row answered
    in any of its columns, unless a spec typed it; changes ``questions`` in place. Returns one warning saying how
    many questions (and columns) nobody answered, [] when none: a KoboToolbox export carries every question of
    every version of its form, and a version's questions nobody was asked are empty columns, not dozens of
    single choices reported on their own with no answer (QA round 13: 80 of 126 columns of a shop census)."""
    empty = [q for q in questions if q.type not in ("meta", "other_text") and q.columns
             and not any(c.pos in spec_typed for c in q.columns)
             and all(c.pos in data.columns and not (data[c.pos] != "").any() for c in q.columns)]
    for q in empty:
        q.type, q.options, q.scale, q.separator = "meta", [], {}, None
    if not empty:
        return []
    columns = sum(len(q.columns) for q in empty)
    shown = ", ".join(repr(t[:40]) for t in list(dict.fromkeys(q.text for q in empty))[:3])
    return [f"{name}: {len(empty)} question(s) ({columns} column(s)) have no answer in any row (e.g. {shown}): "
            f"not reported"]


def _formula_columns_not_reported(questions: list[Question], error_columns: set[int], spec_typed: set,
                                  name: str) -> list[str]:
    """Type as ``meta`` (kept, never reported) each question all of whose columns hold nothing but formula errors
    below the header (``RawTable.error_columns``), unless a spec typed it; changes ``questions`` in place.
    Returns one warning naming them, [] when none: a helper column a coordinator added to the export's Excel
    table (``Valor_Motivación`` beside each rating, its lookup broken: issue 12 round 26) was reported as a single
    choice nobody answered."""
    found = [q for q in questions if q.type != "meta" and q.columns and all(c.pos in error_columns for c in q.columns)
             and not any(c.pos in spec_typed for c in q.columns)]
    for q in found:
        q.type, q.options, q.scale, q.separator = "meta", [], {}, None
    if not found:
        return []
    shown = ", ".join(repr(q.text[:40]) for q in found[:3]) + (" …" if len(found) > 3 else "")
    return [f"{name}: {len(found)} column(s) ({shown}) hold only formula errors (a formula added in Excel, not an "
            f"answer): not reported"]


def _spec_multi(found: list[Question], entry: QuestionSpec, text: str, typer: Typer) -> list[Question]:
    """The questions typed from the columns one spec entry selects, as the entry's ``type: multi`` means them:
    its option columns one multi-select (the options are the columns' items, or their headers), and an "other"
    text column (``OTHER_TEXT``, or a last column of typed texts after tick columns) that question's other
    text. Returns ``found`` unchanged for another type, or when the columns already form one question.

    A coordinator's ``match: "^Vilka teman"`` / ``type: multi`` over Webropol's 1/blank option columns was typed
    column by column and gave one "multi" per column with the single option "1" (issue 12, QA round 21, F1)."""
    if entry.type != "multi":
        return found
    others = [q for q in found if q.type == "other_text" and all(c.role == OTHER_TEXT for c in q.columns)]
    rest = [q for q in found if q not in others]
    if len(rest) < 2 or any(q.separator for q in rest):
        return found
    cols = [c for q in rest for c in q.columns]
    # a last column of typed texts (several different answers, not ticks) after tick columns is the
    # question's "other" text, as the layout reads Webropol's "…:Annat, vad? (text)"
    ticks = qtypes._SELECTED | qtypes._UNSELECTED
    typed = [len({norm_label(v) for v in typer.uniques(c.pos)} - ticks - {norm_label(c.item)}) > 1 for c in cols]
    if typed[-1] and not any(typed[:-1]) and len(cols) > 2:
        last = cols.pop()
        others.insert(0, Question("", text, "other_text", [replace(last, role=OTHER_TEXT)], [""]))
    items = [c.item or c.header for c in cols]
    merged = Question(rest[0].question_id, text, "multi", cols, items, options=list(items))
    return [merged, *others]


def _apply_spec(q: Question, entry: QuestionSpec, typer: Typer) -> Question:
    if q.type == "other_text" and entry.type == "multi" and all(c.role == OTHER_TEXT for c in q.columns):
        # the "other" text of the multi-select the entry names stays its other text (``_spec_multi``)
        return q
    if entry.text:
        q.text = entry.text
    if entry.items:
        q.items = [entry.items.get(c.header, entry.items.get(c.code, item)) for c, item in zip(q.columns, q.items)]
    was_split = q.type == "multi" and q.separator is not None
    if entry.type:
        q.type = entry.type
    if q.type == "likert" and entry.scale:
        q.options = list(entry.scale)
        q.scale = {norm_label(v): i for i, v in enumerate(entry.scale, start=1)}
        q.numeric_scale = False
    if q.type == "likert" and entry.dont_know:
        q.dont_know = {norm_label(v) for v in entry.dont_know}
    if q.type == "likert" and not q.scale and not q.numeric_scale:
        q.numeric_scale = True
    if q.type == "multi" and len(q.columns) == 1:
        q.separator = entry.separator or q.separator or ";"
        if not was_split or entry.separator or entry.options:
            atoms = [a.strip() for v in typer.uniques(q.columns[0].pos) for a in v.split(q.separator.strip())
                     if a.strip()]
            q.options = list(entry.options) or qtypes._ordered_options(atoms)
    elif q.type == "multi":
        q.options = list(q.items)
    elif entry.options:
        q.options = list(entry.options)
    if entry.id:
        q.question_id = entry.id
    return q


def _assign_ids(questions: list[Question], tool: str) -> None:
    """Tool codes where the export has them (Q3, q1, Dom_5), else q01, q02 … by position; unique."""
    coded = tool in ("qualtrics", "limesurvey", "spss")
    width = max(2, len(str(len(questions))))
    used: set[str] = set()
    for n, q in enumerate(questions, start=1):
        if q.question_id and q.question_id not in used and not q.question_id.startswith("_"):
            candidate = q.question_id
        elif coded and q.columns[0].code:
            code = q.columns[0].code
            if len(q.columns) > 1 and tool == "qualtrics":
                # keep a loop-and-merge copy's number ("2_Q4_1" → "2_Q4"), else every copy would be "2"
                loop, rest = re.match(r"^(\d+_)?(.*)$", code).groups()
                code = (loop or "") + (rest.split("_")[0] or rest)
            suffix = {"other_text": "_other"}.get(q.type, "") if q.columns[0].role == OTHER_TEXT and \
                len(q.columns) == 1 and q.type == "other_text" else ""
            candidate = re.sub(r"\s+", "_", code.strip()) + suffix
        else:
            candidate = f"q{n:0{width}d}"
        base, k = candidate, 2
        while candidate in used:
            candidate = f"{base}_{k}"
            k += 1
        used.add(candidate)
        q.question_id = candidate


# --- tables ----------------------------------------------------------------------------------------------
def tables(reading: Reading, key: bytes, params: Mapping) -> dict:
    """Return ``questions``, ``respondents``, ``answers``, ``rejected`` (schema-conformed) and ``report``."""
    a = reading
    data = a.data
    warnings = list(a.warnings)
    n = len(data)
    submitted = _submitted_at(a, warnings)
    rid = _respondent_ids(a, key)
    bad_id = _bad_business_id_rows(a)
    company, company_basis, company_name_id = _company_ids(a, key, rid, bad_id)
    bad_id_rows = [int(a.source_rows[i]) for i in np.flatnonzero(bad_id & a.counted)]
    warnings.extend(_invalid_business_ids(a, bad_id_rows))
    rejected_rows = [(int(r), reason) for r, reason in a.raw.rejected]
    positions = _answer_positions(a.questions)
    blank = ~(_columns(a, positions) != "").any(axis=1) if positions else np.ones(n, dtype=bool)
    for i in np.flatnonzero(~a.answered & ~a.excluded):
        reason = "no answer in any question column"
        said_empty = not blank[i] or a.marked_empty[i]
        rejected_rows.append((int(a.source_rows[i]), f"{reason} (only N/A, - or blank)" if said_empty else reason))
    duplicate, rules = _duplicates(a, submitted, params)
    accepted = a.counted & ~duplicate
    rows_in = n + len(a.raw.rejected)
    # which columns were left out as personal data, and why (headers scrubbed: a header may hold an address)
    personal = [{**entry, "column": scrub_text(str(entry["column"]))} for entry in layout.personal_columns(a.columns)]
    report = {"rows_in": int(rows_in), "accepted": int(accepted.sum()), "rejected": len(rejected_rows),
              "duplicates": int(duplicate.sum()), "excluded": int(a.excluded.sum()),
              "excluded_reasons": dict(a.excluded_reasons), "warnings": warnings, "personal_data": personal}
    if a.excluded.any():
        warnings.append(_excluded_warning(a))
    if bad_id_rows:
        report["invalid_business_ids"] = bad_id_rows
    # what the reader did that may change a figure and the log alone said (QA round 31 F3, F12): rows hidden in
    # Excel read like the others, and other sheets holding a table not read; for the steering data warnings
    if a.raw.hidden_rows:
        report["hidden_rows"] = list(a.raw.hidden_rows)
    if a.raw.unread_sheets:
        report["unread_sheets"] = [{"sheet": scrub_text(str(sheet)), "rows": int(rows)}
                                   for sheet, rows in a.raw.unread_sheets]
    settled = [q.question_id for q in a.questions
               if any(c.pos in a.spec_typed or c.personal == "kept" for c in q.columns)]
    if settled:
        # the questions a spec types or keeps: no content rule downstream retypes them (pipeline.roles.settled)
        report[SPEC_SETTLED] = settled
    unfinished = _unfinished(a, accepted)
    if unfinished:
        report["unfinished"] = len(unfinished)
        warnings.append(unfinished_warning(a.name, unfinished, unfinished_said(a.tool)))
    if duplicate.any():
        warnings.append(_duplicate_warning(a, duplicate, rules, params))
    if rules.get("identical answers kept"):
        warnings.append(_alike_kept_warning(a, rules, params))
    respondents = pd.DataFrame({
        "respondent_id": rid[accepted], "company_id": company[accepted],
        "source_row": a.source_rows[accepted].astype("int64"), "submitted_at": submitted[accepted],
        # extra columns (pipeline.schemas RESPONDENTS allows them): how company_id was made, for linking
        "company_basis": company_basis[accepted], "company_name_id": company_name_id[accepted],
        # the language copy each answered (pipeline.schemas RESPONDENTS_OPTIONAL): "" when the file has one
        "form_language": pd.array(a.row_languages[accepted] if a.row_languages is not None
                                  else np.full(int(accepted.sum()), "", dtype=object),
                                  dtype=schemas.RESPONDENTS_OPTIONAL["form_language"]),
    })
    if a.row_languages is not None:
        said = {lang: int((a.row_languages[accepted] == lang).sum()) for lang in FORM_LANGUAGES}
        report["form_languages"] = {lang: n for lang, n in said.items() if n}
    questions, answer_frames = _answers(a, rid, accepted, warnings)
    close_calls = _close_calls(a)
    if close_calls:
        report["close_calls"] = close_calls
    if a.near_scales:
        report["near_scales"] = [{**entry, "question": scrub_text(entry["question"]),
                                  "unread": [scrub_text(v) for v in entry["unread"]]} for entry in a.near_scales]
    # a warning may quote a value (an e-mail typed into the timestamp column) or a header: scrubbed like answers
    warnings[:] = [scrub_text(w) for w in warnings]
    answers = pd.concat(answer_frames, ignore_index=True) if answer_frames else None
    # a respondent signs a comment with the name the form asked for ("Regards, Xiuying Zhao"): the names of the
    # file's name columns are taken out of its answers too, also where no name list knows them
    no_name = layout.VOCABULARY["common"]["no_name"]
    company_cols = _company_name_columns(a)
    names = name_words((v for c in a.columns if c.personal == "name" and c.role in (PERSONAL, RESPONDENT_ID)
                        and c not in company_cols for v in a.column(c.pos)), no_name)
    # a column of proper names or handles found by content that names its respondent (nearly one per row: a
    # game's "ingame Username", issue 12 round 27) is a name column too: candidates introduce themselves by it
    # in the open answers ("Ich bin NanaKoala, …"); a column repeating a few organisations ("SEPLAN") is not
    names |= respondent_name_words((v for c in a.columns if c.personal == "proper_name"
                                    and c.role in (PERSONAL, RESPONDENT_ID) and c not in company_cols
                                    and _names_respondent(a.column(c.pos)) for v in a.column(c.pos)), no_name)
    # and the names the answers themselves give after a title ("la profesora Diana cotzajay"), wherever the same
    # person is named again without it ("de Diana")
    names |= titled_name_words(v for c in a.columns if c.role not in (PERSONAL, RESPONDENT_ID)
                               for v in a.column(c.pos))
    # a company's name is taken out whole, and of its words only those no dictionary knows: "Verkkokauppa" of
    # "Kokkolan Verkkokauppa Oy" is a word of the language that other answers use (privacy.company_names)
    companies = _company_names(a, company_cols, questions, no_name)
    if (names or companies) and answers is not None:
        kept = _options_kept(questions, names)
        answers = _without_names(answers, names, kept, companies)
        questions = _options_without_names(questions, names, kept, companies)
        warnings[:] = [scrub_known_names(scrub_company_names(w, companies), names) for w in warnings]
    rejected = pd.DataFrame(sorted(rejected_rows), columns=["source_row", "reason"])
    return {
        "questions": schemas.conform(questions, "questions"),
        "respondents": schemas.conform(respondents.reset_index(drop=True), "respondents"),
        "answers": schemas.conform(answers[ANSWER_COLUMNS], "answers") if answers is not None and len(answers)
        else _empty("answers"),
        "rejected": schemas.conform(rejected, "rejected") if len(rejected) else _empty("rejected"),
        "report": report,
    }


def _close_calls(a: Reading) -> list[dict]:
    """The typing's close calls (``Typer.close_calls``) for ``Survey.report["close_calls"]``: each
    ``{question_id, column, typed, answers, distinct, free_text_header}`` of a column still typed as the close call
    typed it (a spec, or a later rule that made it part of a grid, settles it otherwise); the header scrubbed like
    a warning. ``free_text_header``: a free-text role would read the column as open text (not logged)."""
    where = {c.pos: q for q in a.questions for c in q.columns}
    out = []
    for call in a.close_calls:
        q = where.get(call["pos"])
        if q is None or q.type != call["typed"] or a.spec_typed & {c.pos for c in q.columns}:
            continue
        out.append({"question_id": q.question_id, "column": scrub_text(call["column"]), "typed": call["typed"],
                    "answers": call["answers"], "distinct": call["distinct"],
                    "free_text_header": bool(call["free_text_header"])})
    return out


_CLOSED = ("single", "multi", "likert")
RESPONDENT_NAME_DISTINCT_SHARE = 0.8    # of a proper-name column's answers, at least this share different ones


def _names_respondent(cells: np.ndarray) -> bool:
    """True when a column's answers are nearly all different (``RESPONDENT_NAME_DISTINCT_SHARE``): each names
    its own respondent, as a name or handle does, where an organisation repeats across respondents."""
    answers = [str(v).strip() for v in cells if isinstance(v, str) and v.strip()]
    return bool(answers) and len({a.casefold() for a in answers}) >= RESPONDENT_NAME_DISTINCT_SHARE * len(answers)


def _company_name_columns(a: Reading) -> list[Column]:
    """The columns holding the respondent's company name (left out as personal data), in file order."""
    return [c for c in a.columns if c.role in (PERSONAL, RESPONDENT_ID) and not c.item
            and any(is_company_name_header(n) for n in (c.code, c.header, c.text) if n)]


def _company_names(a: Reading, columns: Sequence[Column], questions: pd.DataFrame,
                   no_name: Sequence[str]) -> CompanyNames:
    """Returns the ``privacy.CompanyNames`` of the company-name ``columns`` of ``a`` (empty without any). The
    words of the file's closed-question options count as no company's own ("Kokkola" as a municipality, an
    option many companies chose, identifies nobody)."""
    if not columns:
        return CompanyNames()
    common = {w for qtype, options in zip(questions["type"], questions["options"]) if qtype in _CLOSED
              for o in options if isinstance(o, str) for w in re.findall(r"[^\W_]+", o)}
    return company_names((v for c in columns for v in a.column(c.pos)), LEGAL_FORMS, no_name, common)


def _scrub_names(text: str, names: frozenset[str], companies: CompanyNames) -> str:
    """``text`` with the companies of ``companies`` and the words of ``names`` replaced by ``[name]``."""
    return scrub_known_names(scrub_company_names(text, companies), names)


def _options_kept(questions: pd.DataFrame, names: frozenset[str]) -> set[str]:
    """``question_id + "\\x00" + option`` of the options of closed questions (single, multi, likert) that name no
    person (``option_names_person``): an option is the form's wording or a choice ("Green" as a sea colour,
    "Kananga" as a town), kept as written where it is a whole answer, even if a name column holds the word."""
    kept = set()
    for qid, qtype, options in zip(questions["question_id"], questions["type"], questions["options"]):
        if qtype in _CLOSED:
            kept.update(f"{qid}\x00{o}" for o in options if not option_names_person(o, names))
    return kept


def _options_without_names(questions: pd.DataFrame, names: frozenset[str], kept: set[str],
                           companies: CompanyNames = CompanyNames()) -> pd.DataFrame:
    """``questions`` with ``scrub_known_names`` and ``scrub_company_names`` applied to the options not ``kept``
    (as to the answers)."""
    out = questions.copy()
    out["options"] = [list(dict.fromkeys(o if f"{qid}\x00{o}" in kept else _scrub_names(o, names, companies)
                                         for o in options))
                      for qid, options in zip(out["question_id"], out["options"])]
    return out


def _without_names(answers: pd.DataFrame, names: frozenset[str], kept: set[str] = frozenset(),
                   companies: CompanyNames = CompanyNames()) -> pd.DataFrame:
    """Return ``answers`` with the words of ``names`` and the companies of ``companies`` replaced by ``[name]``
    in its text, value and item (``scrub_known_names``, ``scrub_company_names``), each distinct string once; a
    new frame. A value or item that is a ``kept`` option of its question (``_options_kept``) stays as written."""
    out = answers.copy()
    qids = out["question_id"].to_numpy(dtype=object)
    for column in ("text", "value", "item"):
        values = out[column].to_numpy(dtype=object)
        is_text = np.array([isinstance(v, str) for v in values], dtype=bool)
        if kept and column != "text" and is_text.any():
            is_text[is_text] = ~pd.Series([f"{q}\x00{v}" for q, v in zip(qids[is_text], values[is_text])],
                                          dtype=object).isin(kept).to_numpy()
        if is_text.any():
            values = values.copy()
            values[is_text] = _each(values[is_text], {u: _scrub_names(u, names, companies)
                                                      for u in _distinct(values[is_text])})
            out[column] = values
    return out


@lru_cache(maxsize=None)
def _conformed_empty(name: str) -> pd.DataFrame:
    return schemas.conform(schemas.empty(name), name)


def _empty(name: str) -> pd.DataFrame:
    """A fresh empty table of schema ``name`` (conformed; most files reject no row, and building and
    conforming an empty frame twice per file cost as much as reading a small one)."""
    return _conformed_empty(name).copy(deep=True)


def _column_of(a: Reading, role: str) -> Column | None:
    return next((c for c in a.columns if c.role == role), None)


_LIMESURVEY_UNFINISHED = "no submit date: LimeSurvey's incomplete responses"


def _unfinished(a: Reading, accepted: np.ndarray) -> list[int]:
    """The source rows of the accepted responses the tool marks as not finished: a LimeSurvey export by an empty
    submit date column (the tool keeps a response from its first page on), other tools by their own finished
    column and values (``unfinished`` of ``ingest_vocabulary.yaml``: SoSci Survey's FINISHED = F). A company
    that stopped halfway is still a respondent, and the user is told."""
    accepted = np.asarray(accepted, dtype=bool)
    if a.tool == "limesurvey":
        col = _column_of(a, SUBMITTED_AT)
        if col is None:
            return []
        empty = np.asarray(a.column(col.pos) == "", dtype=bool) & accepted
        return [int(r) for r in a.source_rows[empty]]
    rule = layout.VOCABULARY.get("unfinished", {}).get(a.tool)
    col = next((c for c in a.columns if rule and layout.header_key(c.header) in rule["column"]), None)
    if col is None:
        return []
    marked = np.asarray([fold(v) in rule["values"] for v in a.column(col.pos)], dtype=bool) & accepted
    return [int(r) for r in a.source_rows[marked]]


def unfinished_said(tool: str) -> str:
    """How the warning names the tool's marker of unfinished responses (``said`` of its ``unfinished`` rule)."""
    rule = layout.VOCABULARY.get("unfinished", {}).get(tool) or {}
    return str(rule.get("said") or _LIMESURVEY_UNFINISHED)


def unfinished_warning(name: str, rows: Sequence[int], said: str = _LIMESURVEY_UNFINISHED) -> str:
    """The warning that names the responses never submitted (``_unfinished``) by their source rows; ``said``
    names the tool's marker (``unfinished_said``)."""
    shown = ", ".join(str(r) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
    return (f"{name}: {len(rows)} response(s) were never submitted ({said}; rows {shown}); they are counted as "
            f"respondents. To leave them out, list their response ids in the config's exclude")


# a time of day (not midnight) that every row of at least this many shares is a placeholder, not when each was sent:
# twenty submissions in the same minute are no real collection, two in one minute are a double submission
PLACEHOLDER_TIME_MIN_ROWS = 20


def _labelled(data: pd.DataFrame, value_labels: Mapping[int, Mapping[str, str]]) -> pd.DataFrame:
    """A copy of ``data`` whose value-labelled columns hold each code's label instead of the code (a code without
    a label, and a blank, kept as they are); ``data`` itself when no column of it has labels."""
    labelled = {pos: labels for pos, labels in value_labels.items() if labels and pos in data.columns}
    if not labelled:
        return data
    frame = data.copy()
    for pos, labels in labelled.items():
        frame[pos] = [labels.get(v, v) if v != "" else v for v in frame[pos].tolist()]
    return frame


def _submitted_at(a: Reading, warnings: list[str]) -> pd.Series:
    """The submission time of every data row (NaT where there is none), read by ``qtypes.parse_datetimes``:
    one day/month order for the whole column (day first preferred for Webropol), offsets dropped and the
    wall-clock time kept. Unreadable values are left empty with one warning naming the first."""
    col = _column_of(a, SUBMITTED_AT)
    if col is None:
        col = next((c for c in a.columns if c.role == META and re.search(
            r"end ?date|completion|submit|recorded|timestamp|aikaleima", c.header, re.IGNORECASE)), None)
    if col is None:
        return pd.Series(pd.NaT, index=a.data.index, dtype="datetime64[ns]")
    values = a.data[col.pos]
    parsed, _fmt = qtypes.parse_datetimes(values, dayfirst_first=a.tool == "webropol")
    bad = (a.column(col.pos) != "") & np.isnat(parsed.to_numpy())
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        warnings.append(f"{a.name}, row {int(a.source_rows[first])}, column {col.header!r}: "
                        f"{int(bad.sum())} impossible or unreadable date(s) such as {values.iloc[first]!r} left empty")
    timed = parsed.dropna()
    if len(timed) > 1 and timed.nunique() == 1 and (len(timed) >= PLACEHOLDER_TIME_MIN_ROWS
                                                    or timed.iloc[0] == timed.iloc[0].normalize()):
        # one time on every row is a placeholder, not a time (LimeSurvey writes 1980-01-01 00:00:00 into
        # submitdate when the survey keeps no date stamps): read as none, or every two rows alike would count
        # as sent "0 s apart" and be dropped as double submissions (a household roster lost 798 of 2023 rows).
        # Two or three rows in one minute are a double submission's own times, so a time of day counts as a
        # placeholder only on many rows; midnight (a date, or the placeholder) on any number
        warnings.append(f"{a.name}, column {col.header!r}: every row has the same time {values.iloc[0]!r}, a "
                        f"placeholder rather than when each was sent; read as no submission time")
        return pd.Series(pd.NaT, index=a.data.index, dtype="datetime64[ns]")
    return parsed


def identity_keys(a: Reading) -> tuple[np.ndarray, np.ndarray]:
    """Per data row: the tool's response id (qualified by the file name, as ids restart in every export)
    and the respondent's e-mail (lower case; qualified by the row's business ID, else by its company name: one
    person answering for two companies is two respondents). None where absent."""
    n = len(a.data)
    response = np.full(n, None, dtype=object)
    email = np.full(n, None, dtype=object)
    id_col = _column_of(a, RESPONDENT_ID)
    if id_col is not None:
        values = a.data[id_col.pos].to_numpy(dtype=object)
        has = values != ""
        response[has] = [f"{a.name}:id:{v}" for v in values[has]]
    email_col = next((c for c in a.columns if c.role == PERSONAL and c.personal == "email"), None)
    if email_col is not None:
        values = a.data[email_col.pos].str.lower().to_numpy(dtype=object)
        has = np.array(["@" in v for v in values], dtype=bool)
        business_col = _column_of(a, BUSINESS_ID)
        business = a.data[business_col.pos].map(normalise_business_id).to_numpy(dtype=object) \
            if business_col is not None else np.full(n, "", dtype=object)
        # without a business ID, the company's name tells two companies of one person apart (QA round 30: a
        # bookkeeper answering for two clients by name was one respondent, and the run stopped)
        name_col = company_name_column(a)
        names = a.data[name_col.pos].map(company_name_key).to_numpy(dtype=object) \
            if name_col is not None else np.full(n, "", dtype=object)
        values = np.array([f"{v}|{b}" if b else f"{v}|name:{m}" if m else v
                           for v, b, m in zip(values, business, names)], dtype=object)
        email[has] = [f"email:{v}" for v in values[has]]
    return response, email


def _respondent_ids(a: Reading, key: bytes) -> np.ndarray:
    """Pseudonyms: of the respondent's e-mail when the export has a real one, else of the tool's response
    id, else of the file row (see ``identity_keys``)."""
    response, email = identity_keys(a)
    ids = np.array([f"{a.name}:row:{int(r)}" for r in a.source_rows], dtype=object)
    ids = np.where(response != None, response, ids)        # noqa: E711 (element-wise)
    ids = np.where(email != None, email, ids)              # noqa: E711
    return np.array([pseudonym(v, key) for v in ids], dtype=object)


def company_name_column(a: Reading) -> Column | None:
    """The column holding the respondent's company name (left out as personal data), or None."""
    return next(iter(_company_name_columns(a)), None)


def _company_ids(a: Reading, key: bytes, rid: np.ndarray, bad_id: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per data row: the company id, how it was made and the pseudonym of the company's name.

    company_id: the keyed pseudonym of the business ID where the row gives one (the same business ID gives the
    same company_id in every survey), else of the folded company name (``companies.company_name_key``), else
    the respondent's own pseudonym; a business ID failing its check digit (``bad_id``) counts only where the row
    gives no name, and a row keyed by its name takes the business ID the file's other rows give that name, when
    they give one. basis: ``business_id``, ``name`` or ``none``. name_id: the name's
    pseudonym whether or not a business ID was given ("" without a name), so that linking across surveys can
    join a name-only answer to the business ID another survey gave with the same name."""
    out = rid.copy()
    basis = np.full(len(rid), "none", dtype=object)
    name_ids = np.full(len(rid), "", dtype=object)
    name_col = company_name_column(a)
    if name_col is not None:
        keys = a.data[name_col.pos].map(company_name_key).to_numpy(dtype=object)
        has = keys != ""
        name_ids[has] = [pseudonym("company_name:" + k, key) for k in keys[has]]
        out[has], basis[has] = name_ids[has], "name"
    col = _column_of(a, BUSINESS_ID)
    if col is not None:
        values = a.data[col.pos].map(business_id_key).to_numpy(dtype=object)
        # a Finnish ID whose check digit fails keys the company only where no name does: the name links it to
        # the same company written right in another survey (QA round 22: a company that came fell out of the
        # funnel for a mistyped digit beside its exact name)
        has = (values != "") & ~(bad_id & (name_ids != ""))
        out[has] = [pseudonym("business_id:" + v, key) for v in values[has]]
        basis[has] = "business_id"
        # a row naming the company without (or with a mistyped) business ID is the company another row of the file
        # gives that ID with the same name, when exactly one does (QA round 23: a company pasted from two sources,
        # the ID blank in one, counted twice); across files the linking does the same
        ids_of: dict[str, set[str]] = {}
        for name, company, by in zip(name_ids, out, basis):
            if name and by == "business_id":
                ids_of.setdefault(name, set()).add(company)
        for i in np.flatnonzero((basis == "name") & (name_ids != "")):
            if len(ids_of.get(name_ids[i], ())) == 1:
                out[i] = next(iter(ids_of[name_ids[i]]))
    return out, basis, name_ids


def _bad_business_id_rows(a: Reading) -> np.ndarray:
    """Per data row: whether its business ID cell holds a Finnish ID whose check digit fails or is missing."""
    from pipeline.privacy import ID_DASHES, is_valid_business_id

    col = _column_of(a, BUSINESS_ID)
    if col is None:
        return np.zeros(len(a.data), dtype=bool)
    raw = a.data[col.pos].astype(str).str.strip()
    cells = a.data[col.pos].map(business_id_key)
    # seven digits starting with 0 lack the check digit: a number cell that lost its leading zero ("758436-0"
    # saved as 7584360) cannot start with one, though zero-filled it may pass the check by chance
    unchecked = raw.str.fullmatch(r"0\d{6}").to_numpy(dtype=bool)
    # only a cell shaped like a Finnish ID (7 or 8 digits, a hyphen, "FI") is judged: another country's
    # number or a word ("ei ole") is no Y-tunnus with a wrong digit
    shaped = raw.str.upper().str.fullmatch(rf"(?:FI)?\s*\d{{6,7}}\s*[{ID_DASHES}]?\s*\d?").to_numpy(dtype=bool)
    return np.array([bool(v) and shaped[i] and (unchecked[i] or not is_valid_business_id(v))
                     for i, v in enumerate(cells)], dtype=bool)


def _invalid_business_ids(a: Reading, bad: list[int]) -> list[str]:
    """A warning naming the rows (never the values: a business ID identifies the company) whose business ID
    cell holds one whose check digit fails or is missing; [] when every given one validates. Such an ID keys
    its company only where no company name does, and then does not link it to the same company written right
    in another survey."""
    col = _column_of(a, BUSINESS_ID)
    if col is None or not bad:
        return []
    shown = ", ".join(map(str, bad[:5])) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
    return [f"{a.name}: row(s) {shown}, column {scrub_text(col.header)!r}: not a valid business ID (Y-tunnus: the "
            f"check digit fails or is missing); the company is kept and linked by its name where the row gives "
            f"one, else it will not link to the same company in another survey: correct the ID (ytj.fi) in the "
            f"export"]


DUPLICATE_RULES = ("response id", "e-mail", "identical answers", "identical answers kept", "one answer changed")


def _duplicates(a: Reading, submitted: pd.Series, params: Mapping) -> tuple[np.ndarray, dict[str, int]]:
    """Which answered rows are duplicate submissions, and how many each rule found. Four rules, in turn:

    - **response id**: the tool's response id occurs again (the same response exported twice, or edited and
      sent again): the latest submission is kept.
    - **e-mail**: the same respondent (e-mail, with the business ID where there is one) is a duplicate only
      when the answers are identical or the submissions are within ``duplicate_window_seconds`` of each
      other; then the latest is kept. Other submissions by the same e-mail are new respondents (people fill
      some forms in again and again).
    - **identical answers**: the same answers as an earlier row submitted within ``duplicate_window_seconds``
      of it (a double submission, whatever ids the tool gave it): the first is kept. A row takes part only
      when it answers at least ``duplicate_min_answered`` question columns, and it is dropped only when
      answers like it are rare: when the chance that another respondent gives exactly these answers, estimated
      column by column from the rows that differ from it, is at most ``duplicate_max_chance``. A class
      answering a five-question rating form in the same minute gives identical rows by chance ("5, 5, 4, 5, 5"
      twice in a minute is two enthusiastic people), while fifteen identical answers seconds apart, or one
      identical open answer, are a double submission. Identical rows kept that way are counted
      (``identical answers kept``) and said in the warning.
    - **one answer changed**: the same answers but one as a row submitted within ``duplicate_window_seconds``
      (a respondent correcting an answer and sending the form again), on rows without a response id (a tool
      that numbers its responses keeps a correction's id), under the same conditions and the same
      bound on the chance of agreeing by chance (``_corrected_resubmissions``): the latest is kept.

    "Latest" is by submission time, then by file order (a row without a time counts as earlier than one with a
    time). Submission times that are days only (every one a midnight) measure no window: the rules that need
    one find nothing. Only rows that carry answers and are not excluded test submissions take part."""
    n = len(a.data)
    window = float(params["duplicate_window_seconds"])
    duplicate = np.zeros(n, dtype=bool)
    counts = dict.fromkeys(DUPLICATE_RULES, 0)
    answered = a.counted
    response, email = identity_keys(a)
    positions = _answer_positions(a.questions)
    cells = _columns(a, positions)
    times = pd.Series(submitted.to_numpy(), dtype="datetime64[ns]")
    panel = _panel_keys(a)
    frame = None

    def rows_frame() -> pd.DataFrame:
        # the answers' signature (equal rows hash alike), time and row of every data row; built only when a
        # rule has rows to compare
        nonlocal frame
        if frame is None:
            if positions:
                signature = pd.util.hash_pandas_object(a.data[positions], index=False).to_numpy()
            else:
                signature = np.zeros(n, dtype="uint64")
            frame = pd.DataFrame({"sig": signature, "who": panel, "t": times, "row": np.arange(n)})
        return frame

    # Each rule needs two rows alike (a response id or an e-mail given twice, identical answers): without any,
    # it finds nothing, and the frame, the hashing and the sorts are skipped (they cost more than reading a
    # small export).
    # response id: all but the latest
    take = answered & (response != None)                   # noqa: E711
    if take.any() and _repeats(response[take]):
        frame = rows_frame()
        part = frame[take].assign(key=response[take]).sort_values(["key", "t", "row"], na_position="first",
                                                                   kind="stable")
        hits = part.loc[part.duplicated("key", keep="last"), "row"].to_numpy()
        duplicate[hits] = True
        counts["response id"] = len(hits)
    # e-mail: identical answers, or within the window of the next submission by the same e-mail
    take = answered & ~duplicate & (email != None)         # noqa: E711
    if take.any() and _repeats(email[take]):
        frame = rows_frame()
        part = frame[take].assign(key=email[take]).sort_values(["key", "t", "row"], na_position="first",
                                                                kind="stable")
        gap = (part.groupby("key")["t"].shift(-1) - part["t"]).dt.total_seconds()
        if _day_only(times):
            gap[:] = np.nan             # days only: no window (see below)
        again = part.duplicated(["key", "sig"], keep="last") | (gap <= window).to_numpy()
        hits = part.loc[again, "row"].to_numpy()
        duplicate[hits] = True
        counts["e-mail"] = len(hits)
    # identical answers within the window of an earlier row
    timed = ~np.isnat(times.to_numpy())
    if _day_only(times):
        # submission times written as days only ("Jul 19, 2022"): every report of a day is "0 s" from the
        # others, so no window can be measured and no row is dropped for being close to another
        timed[:] = False
    if positions and timed.any():
        # with few answered questions, identical answers minutes apart are as likely two people as one double
        # submission (a class answering a two-question form): only fuller rows count, whatever ids they carry
        informative = (cells != "").sum(axis=1) >= int(params["duplicate_min_answered"])
        take = answered & ~duplicate & informative & timed
        if _repeats([tuple(row) for row in cells[take]]):
            frame = rows_frame()
            part = frame[take]
            # rows with different panel ids are different people, however alike their answers (thirteen
            # Prolific participants who set every slider to 100 within two minutes of another, issue 12 round 16)
            part = part.sort_values(["sig", "who", "t", "row"], kind="stable")
            gap = part.groupby(["sig", "who"])["t"].diff().dt.total_seconds()
            close = (gap.notna() & (gap <= window)).to_numpy()
            if close.any():
                alike = np.zeros(len(part), dtype=bool)
                alike[close] = _chance_alike(cells[part["row"].to_numpy()], np.flatnonzero(close),
                                             part.groupby("sig")["row"].transform("size").to_numpy()) \
                    > float(params["duplicate_max_chance"])
                hits = part.loc[close & ~alike, "row"].to_numpy()
                duplicate[hits] = True
                counts["identical answers"] = len(hits)
                counts["identical answers kept"] = int((close & alike).sum())
        # the same answers but one, sent again within the window: a respondent who corrected one answer and
        # submitted anew on a form that gives no response id (Google Forms); the latest is kept. Where the tool
        # numbers its responses, two ids are two submissions it recorded, and a correction keeps its id.
        take = answered & ~duplicate & informative & timed & (response == None)    # noqa: E711
        # a log filled in again and again (each row reports one day's or one group's activity) sends reports
        # minutes apart that differ in one answer, the day or the group: they are reports, not corrections
        if take.any() and not _event_log(a, submitted):
            hits = _corrected_resubmissions(cells, times.to_numpy(), np.flatnonzero(take), window,
                                            float(params["duplicate_max_chance"]), panel)
            duplicate[hits] = True
            counts["one answer changed"] = len(hits)
    return duplicate, counts


def _day_only(times: pd.Series) -> bool:
    """True when at least two rows have a submission time and every one of them is a midnight: the export gives
    the day of each submission, not its time (Jotform's "Submission Date" written "Jul 19, 2022")."""
    stamps = times.dropna()
    return len(stamps) >= 2 and bool((stamps == stamps.dt.normalize()).all())


EVENT_LOG_MAX_DAYS = 62         # a reported day at most this long before its submission (or a day after) …
EVENT_LOG_MIN_SHARE = 0.8       # … on at least this share of the rows that answer it makes a form an activity log


def _event_log(a: Reading, submitted: pd.Series) -> bool:
    """True when the form is an activity log: a date question of its own (not the tool's times) answered, on at
    least ``EVENT_LOG_MIN_SHARE`` of the rows that answer it, with a day from ``EVENT_LOG_MAX_DAYS`` before the
    row's submission to one day after ("¿En qué fecha realizó los contactos?": a coaches' log of 4,080 reports,
    one per group and day, issue 12 round 24). Such a form is filled in again and again by the same people, so
    two reports minutes apart that differ in one answer (the group, the day) are two reports. A birth date or a
    founding year lies years before and makes no log."""
    times = pd.to_datetime(submitted, errors="coerce")
    if times.isna().all():
        return False
    for q in a.questions:
        if q.type != "date" or len(q.columns) != 1:
            continue
        days, _ = qtypes.parse_datetimes(a.data[q.columns[0].pos].astype(str))
        both = days.notna().to_numpy() & times.notna().to_numpy()
        if both.sum() < 2:
            continue
        lag = (times.to_numpy()[both] - days.to_numpy()[both]) / np.timedelta64(1, "D")
        if ((lag >= -1) & (lag <= EVENT_LOG_MAX_DAYS + 1)).mean() >= EVENT_LOG_MIN_SHARE:
            return True
    return False


RESUBMISSION_LOOKBACK = 20


def _corrected_resubmissions(cells: np.ndarray, times: np.ndarray, rows: np.ndarray, window: float,
                             max_chance: float, panel: np.ndarray | None = None) -> np.ndarray:
    """The earlier of each pair of ``rows`` (positions in ``cells``, the answer cells; all timed) that differ in
    exactly one column and were submitted at most ``window`` seconds apart, when the chance that two respondents
    agree on all the other answered columns, times the number of pairs compared, is at most ``max_chance``: the
    chance is the product over those columns of the share of the other rows giving the same answer (as
    ``_chance_alike``). Two people of a class answering a short rating
    form a minute apart agree on common answers by chance and are kept; thirty answers alike but one, seconds
    apart, are one respondent correcting an answer. Rows whose ``panel`` keys (``_panel_keys``) differ are two
    people and never a pair. Returns the earlier rows' positions (the latest is kept)."""
    n = len(rows)
    if n < 3:
        return np.zeros(0, dtype=np.int64)      # no other rows to tell how common the answers are
    order = rows[np.argsort(times[rows], kind="stable")]
    stamps = times[order]
    pool = cells[rows]
    tallies = [Counter(pool[:, j].tolist()) for j in range(pool.shape[1])]
    limit = np.timedelta64(int(window * 1e9), "ns")
    candidates: list[tuple[float, int]] = []
    compared = 0
    for k in range(1, n):
        later = cells[order[k]]
        back = k - 1
        # at most RESUBMISSION_LOOKBACK earlier rows: a correction follows its first submission closely, and a
        # file whose times coincide (dates only, or typed in at once) must not compare every pair of rows
        while back >= max(0, k - RESUBMISSION_LOOKBACK) and stamps[k] - stamps[back] <= limit:
            compared += 1
            earlier = order[back]
            differ = np.flatnonzero(cells[earlier] != later)
            if len(differ) == 1 and (panel is None or panel[earlier] == panel[order[k]]):
                # over the answered columns only: questions both skipped (skip logic leaves most of a "never"
                # branch blank) are no evidence of one respondent
                same = [j for j in range(len(later)) if j != differ[0] and later[j] != ""]
                candidates.append((float(np.prod([(tallies[j][later[j]] - 2) / (n - 2) for j in same])),
                                  int(earlier)))
            back -= 1
    # the chance is per pair, and every pair within the window was a chance to find one alike: the expected number
    # of pairs of two people alike but one answer, over all pairs compared, is held under max_chance (per pair,
    # a 1,093-person panel finishing twenty a minute gave five pairs of nine common answers alike, different
    # people, one of them answering "Pacific" and the other "New England" as their region)
    dropped = {row for chance, row in candidates if chance * compared <= max_chance}
    return np.asarray(sorted(dropped), dtype=np.int64)


def _panel_keys(a: Reading) -> np.ndarray:
    """Per data row, the values of the file's panel-id columns (a crowd-work platform's participant id, as
    Prolific's, taken as personal data of kind ``panel_id``) joined, "" where it has none: the platform gives
    each participant one id, so two rows with different ones are two people whatever they answered. The
    person-name and company-name columns count alike (folded): a field census's two shops with different names
    and owners visited a minute apart are two respondents, however alike their closed answers (QA round 13)."""
    cols = [c.pos for c in a.columns if c.role in (PERSONAL, RESPONDENT_ID) and c.personal in ("panel_id", "name")
            or c.role == PERSONAL and c.personal in _PERSON_KEY_KINDS]
    if not cols:
        return np.full(len(a.data), "", dtype=object)
    # compared without spaces and punctuation: "040 123 4567" and "0401234567" are one phone number
    return a.data[cols].astype(str).map(lambda v: _NOT_WORD.sub("", fold(v))).agg("\x1f".join, axis=1) \
        .to_numpy(dtype=object)


# personal data that tells two submitters apart besides a name or panel id (``_panel_keys``): a phone number, an
# e-mail address, contact details, a shop's or firm's name. Two sales reports of a field form (issue 12 round 25,
# Jotform) with the same closed answers the same day but different shops and phone numbers are two reports
_PERSON_KEY_KINDS = ("phone", "email", "contact", "proper_name")
_NOT_WORD = re.compile(r"[\W_]+")


def _chance_alike(pool: np.ndarray, rows: np.ndarray, copies: np.ndarray) -> np.ndarray:
    """For each of ``rows`` (positions in ``pool``, the answer cells of the rows compared): the chance that
    another respondent gives exactly its answers, the product over columns of the share of the *other* rows
    (those not identical to it; ``copies`` = how many rows are) giving its answer there; 0 when no other row
    exists. Columns are taken as independent, which overstates rarity a little for related items."""
    n = len(pool)
    counts = [Counter(pool[:, j].tolist()) for j in range(pool.shape[1])]
    out = np.zeros(len(rows))
    for k, i in enumerate(rows):
        others = n - int(copies[i])
        if others <= 0:
            continue
        shares = [(counts[j][pool[i, j]] - int(copies[i])) / others for j in range(pool.shape[1])]
        out[k] = float(np.prod(shares))
    return out


def _repeats(keys) -> bool:
    """True when some key occurs twice."""
    keys = list(keys)
    return len(set(keys)) < len(keys)


def _excluded_warning(a: Reading) -> str:
    """One line: how many rows were left out (test / preview submissions, summary rows), which, and why."""
    rows = a.source_rows[a.excluded]
    shown = ", ".join(str(int(r)) for r in rows[:5]) + (" …" if len(rows) > 5 else "")
    said = "; ".join(f"{reason}: {k}" for reason, k in a.excluded_reasons.items())
    return (f"{a.name}: {int(a.excluded.sum())} row(s) excluded, neither respondents nor rejected "
            f"(rows {shown}): {said}")


def _duplicate_warning(a: Reading, duplicate: np.ndarray, counts: Mapping[str, int], params: Mapping) -> str:
    """One line: how many duplicates were dropped, which rows, and by which rule."""
    window = f"{float(params['duplicate_window_seconds']):g} s"
    said = {"response id": "{n} repeating a response id (the latest kept)",
            "e-mail": f"{{n}} by the same e-mail with identical answers or within {window} of a later one "
                      f"(the latest kept)",
            "identical answers": f"{{n}} with the same answers as a submission {window} or less earlier "
                                 f"(the first kept)",
            "one answer changed": f"{{n}} sent again within {window} with one answer changed, the others too "
                                  f"alike for two respondents (the latest kept)"}
    rows = a.source_rows[duplicate]
    shown = ", ".join(str(int(r)) for r in rows[:5]) + (" …" if len(rows) > 5 else "")
    rules = "; ".join(said[rule].format(n=k) for rule, k in counts.items() if k and rule in said)
    return f"{a.name}: {int(duplicate.sum())} duplicate submission(s) dropped (rows {shown}): {rules}"


def _alike_kept_warning(a: Reading, counts: Mapping[str, int], params: Mapping) -> str:
    """One line: identical submissions close together kept as different respondents, and why."""
    return (f"{a.name}: {counts['identical answers kept']} submission(s) with the same answers as one "
            f"{float(params['duplicate_window_seconds']):g} s or less earlier kept as respondents: answers this "
            f"common are given alike by chance (more than {float(params['duplicate_max_chance']):.1%} of "
            f"respondents would); if they are double submissions, remove them from the file")


# a calendar date written with separators (2022-11-10, 10.11.2022, 11/10/22): a timestamp, not an Excel serial
_WRITTEN_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")

# The answers of one column are worked out on Python lists and numpy arrays, one decision per distinct value,
# and become a frame once for the whole file: a pandas Series or frame per column cost far more than the work
# on a small export (dozens of cells), and the per-distinct-value dicts keep large exports fast too.


def _distinct(values: np.ndarray) -> list:
    """The distinct values in order of first appearance (as ``pd.unique``)."""
    return list(dict.fromkeys(values))


def _each(values: np.ndarray, of: Mapping) -> np.ndarray:
    """``of[v]`` for every value, as an object array."""
    out = np.empty(len(values), dtype=object)
    out[:] = [of[v] for v in values]
    return out


def _scrubbed(values: np.ndarray) -> np.ndarray:
    """Every value scrubbed (``scrub_text``), each distinct value once."""
    return _each(values, {u: scrub_text(u) for u in _distinct(values)})


def _meta_values(values: np.ndarray) -> np.ndarray:
    """Return the cells of a metadata column as they are kept: a readable timestamp (KoboToolbox's ``start``,
    ``end``, ``today``; a start time) as ISO text rebuilt from the date it names, anything else scrubbed like
    an answer. Scrubbing a timestamp as text took ``08:49:09.542`` for a phone number; a value rebuilt from a
    parsed date can carry nothing else."""
    distinct = _distinct(values)
    shown = {u: scrub_text(u) for u in distinct}
    dated = pd.Series([u for u in distinct if _WRITTEN_DATE.search(str(u))], dtype=object)
    if len(dated):
        parsed, _ = qtypes.parse_datetimes(dated)
        parsed = parsed[parsed.notna()]
        if len(parsed):
            whole_day = parsed == parsed.dt.normalize()
            fraction = parsed.dt.microsecond != 0
            iso = parsed.dt.strftime("%Y-%m-%d %H:%M:%S")
            if fraction.any():
                iso = iso.where(~fraction, parsed.dt.strftime("%Y-%m-%d %H:%M:%S.%f"))
            if whole_day.any():
                iso = iso.where(~whole_day, parsed.dt.strftime("%Y-%m-%d"))
            shown.update(zip(dated[parsed.index], iso))
    return _each(values, shown)


def _answers(a: Reading, rid: np.ndarray, accepted: np.ndarray, warnings: list[str]) -> tuple[pd.DataFrame, list]:
    rows = []
    parts = []
    extra_questions = []
    for order, q in enumerate(a.questions):
        options = list(q.options)
        for ci, (col, item) in enumerate(zip(q.columns, q.items)):
            cells = a.column(col.pos)
            mask = accepted & (cells != "")
            if not mask.any():
                continue
            values = cells[mask]
            labels = a.raw.value_labels.get(col.pos)
            if labels:
                through = {}
                for u in _distinct(values):
                    label = labels.get(u)
                    through[u] = u if label is None or pd.isna(label) else label
                values = _each(values, through)
            # a date column's day/month order is decided on the whole column, not on the accepted rows
            day_order = None
            if q.type == "date":
                day_order = qtypes.parse_datetimes(pd.Series(cells, dtype=object),
                                                   dayfirst_first=a.tool == "webropol")[1]
            part = _column_answers(q, col, item, values, np.flatnonzero(mask), warnings, a.name, day_order)
            if part is None:
                continue
            if isinstance(part, tuple):
                part, leftover = part
                if leftover is not None and len(leftover["_row"]):
                    extra_questions.append((order, q, leftover))
            parts.append(_tagged(part, q.question_id, order, ci))
        rows.append({"question_id": q.question_id, "text": scrub_text(q.text), "type": q.type,
                     "columns": [scrub_text(c.header) for c in q.columns],
                     # two options that name different people scrub to one label ("Valitsijayhdistys [name]",
                     # issue 12 round 12): listed once, as their answers now read
                     "options": list(dict.fromkeys(scrub_text(o) for o in options)),
                     "role": "", "_order": order, "_sub": 0})
    for order, q, leftover in extra_questions:
        other_id = f"{q.question_id}_other"
        rows.append({"question_id": other_id, "text": scrub_text(q.text), "type": "other_text",
                     # an option-per-column multi-select's texts come from its "other, what?" column alone
                     "columns": [scrub_text(c.header) for c in q.columns
                                 if q.other_pos is None or c.pos == q.other_pos], "options": [], "role": "",
                     "_order": order, "_sub": 1})
        parts.append(_tagged(leftover, other_id, order, 10_000))
    rows.sort(key=lambda row: (row["_order"], row["_sub"]))        # stable: an "other" text after its question
    questions = pd.DataFrame(rows, columns=["question_id", "text", "type", "columns", "options", "role"])
    frames = [_answer_frame(parts, rid)] if parts else []
    return questions, frames


def _tagged(part: dict, qid: str, order: int, ci: int) -> dict:
    """``part`` with its question id, the question's place and the column's place (the answers' sort keys);
    the item scrubbed like every answer cell."""
    n = len(part["_row"])
    item = part["item"]
    item = np.full(n, scrub_text(item), dtype=object) if isinstance(item, str) else _scrubbed(item)
    return {**part, "item": item, "question_id": np.full(n, qid, dtype=object),
            "_order": np.full(n, order, dtype="int64"), "_col": np.full(n, ci, dtype="int64")}


def _answer_frame(parts: list[dict], rid: np.ndarray) -> pd.DataFrame:
    """The long answers table of every part: one row per answer, by respondent row, question, column and the
    option's place in the cell (a stable sort: parts keep their order on ties)."""
    def joined(key: str) -> np.ndarray:
        return np.concatenate([p[key] for p in parts])

    rows = joined("_row")
    ordered = np.lexsort((joined("_k"), joined("_col"), joined("_order"), rows))
    return pd.DataFrame({
        "respondent_id": rid[rows[ordered]], "question_id": joined("question_id")[ordered],
        "item": joined("item")[ordered], "value": joined("value")[ordered], "text": joined("text")[ordered],
        "score": joined("score")[ordered], "is_dont_know": joined("is_dont_know")[ordered],
    })


def _part(index, item, value, text, score, dk, k=0) -> dict:
    """One column's answer rows as arrays (``item``: one string for every row, or one per row)."""
    rows = np.asarray(index, dtype="int64")
    n = len(rows)

    def objects(x) -> np.ndarray:
        out = np.empty(n, dtype=object)
        out[:] = x
        return out

    return {"_row": rows, "item": item if isinstance(item, str) else objects(item), "value": objects(value),
            "text": objects(text), "score": np.asarray(score, dtype=float), "is_dont_know": np.asarray(dk, dtype=bool),
            "_k": np.full(n, k, dtype="int64") if np.isscalar(k) else np.asarray(k, dtype="int64")}


def _column_answers(q: Question, col: Column, item: str, values: np.ndarray, idx: np.ndarray, warnings: list[str],
                    name: str, order: str | None = None):
    """Answer rows of one column of a question (``values``: the non-blank cells of accepted rows, ``idx``: their
    data rows; ``order``: the day/month order of a date column, "dmy" or "mdy")."""
    nan = np.full(len(values), np.nan)
    false = np.zeros(len(values), dtype=bool)
    none = np.full(len(values), None, dtype=object)
    if q.type in ("open", "other_text"):
        text = values if q.keep_raw or col.personal == "kept" else _scrubbed(values)
        return _part(idx, item or "", none, text, nan, false)
    if q.type == "meta":
        return _part(idx, "", _meta_values(values), none, nan, false)
    if q.type == "number":
        distinct = _distinct(values)
        parsed = qtypes.parse_numbers(pd.Series(distinct, dtype=object)).to_numpy(dtype=float)
        score_of = dict(zip(distinct, parsed))
        scores = np.array([score_of[v] for v in values], dtype=float)
        bad = np.isnan(scores)
        if bad.any():
            warnings.append(f"{name}, column {col.header!r}: {int(bad.sum())} value(s) are not numbers "
                            f"(such as {values[bad][0]!r}); kept as text without a score")
        shown = {u: scrub_text(u) if np.isnan(s) else u for u, s in score_of.items()}
        return _part(idx, item or "", _each(values, shown), none, scores, false)
    if q.type == "date":
        distinct = _distinct(values)
        parsed, _ = qtypes.parse_datetimes(pd.Series(distinct, dtype=object), order=order)
        iso = dict(zip(distinct, parsed.dt.strftime("%Y-%m-%d")))
        unread = {u for u, stamp in zip(distinct, parsed) if pd.isna(stamp)}
        bad = np.array([v in unread for v in values], dtype=bool)
        if bad.any():
            warnings.append(f"{name}, column {col.header!r}: {int(bad.sum())} impossible or unreadable date(s) "
                            f"such as {values[bad][0]!r}; kept as text")
        shown = {u: scrub_text(u) if u in unread else iso[u] for u in distinct}
        return _part(idx, item or "", _each(values, shown), none, nan, false)
    if q.type == "single":
        distinct = _distinct(values)
        shown = {u: q.repairs.get(u, u) for u in distinct} if q.repairs else {u: u for u in distinct}
        if col.personal != "kept":
            shown = {u: scrub_text(v) for u, v in shown.items()}
        return _part(idx, "", _each(values, shown), none, nan, false)
    if q.type == "likert":
        return _likert_part(q, col, item, values, idx, none, warnings, name)
    if q.type == "multi":
        if q.separator:
            return _split_part(q, values, idx)
        codes = qtypes._SELECTED if q.selected is None else q.selected
        own = norm_label(item)
        if col.pos == q.other_pos:
            return _other_option_part(item, values, idx, codes | {own})
        ticked = {u: (key := norm_label(u)) in codes or key == own for u in _distinct(values)}
        selected = np.array([ticked[v] for v in values], dtype=bool)
        label = scrub_text(item)
        n = int(selected.sum())
        return _part(idx[selected], label, np.full(n, label, dtype=object), np.full(n, None, dtype=object),
                     np.full(n, np.nan), np.zeros(n, dtype=bool))
    return None


def _other_option_part(item: str, values: np.ndarray, idx: np.ndarray, chosen: frozenset | set):
    """The answer rows of the "other, what?" column of an option-per-column multi-select
    (``Question.other_pos``): the "other" option's rows, and the typed texts as the question's other text (None
    when nobody typed one). A tick or the option's own label (``chosen``) ticks "other"; so does any typed
    text (a respondent who wrote "Rekrytointi" there chose "other"); a "not chosen" code (0, blank) does not."""
    kind = {}
    for u in _distinct(values):
        key = norm_label(u)
        kind[u] = 1 if key in chosen else 0 if key in qtypes._SELECTED | qtypes._UNSELECTED else 2
    kinds = np.array([kind[v] for v in values], dtype=np.int8)
    selected, typed = kinds > 0, kinds == 2
    label = scrub_text(item)
    n = int(selected.sum())
    main = _part(idx[selected], label, np.full(n, label, dtype=object), np.full(n, None, dtype=object),
                 np.full(n, np.nan), np.zeros(n, dtype=bool))
    if not typed.any():
        return main, None
    m = int(typed.sum())
    texts = [scrub_text(v) for v in values[typed]]
    return main, _part(idx[typed], "", np.full(m, None, dtype=object), texts, np.full(m, np.nan),
                       np.zeros(m, dtype=bool))


def _likert_part(q, col, item, values, idx, none, warnings, name):
    score_of, dk_of = {}, {}
    unknown, between = [], []
    for u in _distinct(values):
        key = norm_label(u)
        if key in q.dont_know or qtypes.DONT_KNOW.match(key):
            score_of[u], dk_of[u] = np.nan, True
        elif q.numeric_scale and qtypes.between_levels(u):
            # "4-5" or "4,5" (two boxes ticked): neither level; counted in the warning, not given a score
            score_of[u], dk_of[u] = np.nan, False
            between.append(u)
        elif q.numeric_scale:
            number = Typer._leading_int(u)
            if number is None:
                try:
                    number = float(u.replace(",", "."))
                except ValueError:
                    number = None
            score_of[u] = float(number) if number is not None and number >= 0 else np.nan
            dk_of[u] = number is not None and number < 0
            if number is None:
                unknown.append(u)
        elif key in q.scale:
            score_of[u], dk_of[u] = float(q.scale[key]), False
        elif _DIGITS.fullmatch(key) and 1 <= int(key) <= len(q.options):
            score_of[u], dk_of[u] = float(key), False      # a code on a scale the spec spelled out
        else:
            score_of[u], dk_of[u] = np.nan, False
            unknown.append(u)
    if unknown:
        warnings.append(f"{name}, column {col.header!r}: label(s) not on the scale {q.options[:5]}: "
                        f"{', '.join(repr(scrub_text(u)) for u in unknown[:3])}; kept without a score")
    scores = np.array([score_of[v] for v in values], dtype=float)
    if between:
        n = int(np.isin(values, between).sum())
        warnings.append(f"{name}, column {col.header!r}: {n} answer(s) between two levels of the scale "
                        f"({', '.join(repr(u) for u in between[:3])}) kept without a score")
    dk = np.array([dk_of[v] for v in values], dtype=bool)
    return _part(idx, item or "", _scrubbed(values), none, scores, dk)


_DIGITS = re.compile(r"\d+")


def _split_part(q: Question, values: np.ndarray, idx: np.ndarray):
    # a repaired cell (the options a joined code such as ``124`` stands for) is split as repaired
    splits = {u: qtypes.split_multi(q.repairs.get(u, u), q.options, q.separator) for u in _distinct(values)}
    chosen = [splits[v][0] for v in values]
    lengths = np.array([len(c) for c in chosen], dtype="int64")
    rows = np.repeat(idx, lengths)
    labels = [scrub_text(o) for opts in chosen for o in opts]
    # each option's place in its cell: 0, 1, … within every row
    ks = np.arange(len(rows)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    main = _part(rows, labels, labels, np.full(len(rows), None, dtype=object), np.full(len(rows), np.nan),
                 np.zeros(len(rows), dtype=bool), ks)
    leftover = [splits[v][1] for v in values]
    has = np.array([text != "" for text in leftover], dtype=bool)
    other = None
    if has.any():
        n = int(has.sum())
        texts = [scrub_text(text) for text, kept in zip(leftover, has) if kept]
        other = _part(idx[has], "", np.full(n, None, dtype=object), texts, np.full(n, np.nan), np.zeros(n, dtype=bool))
    return main, other
