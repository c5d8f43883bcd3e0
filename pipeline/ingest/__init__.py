"""Ingest: one survey-tool export (Webropol, Microsoft Forms, Google Forms, LimeSurvey, Qualtrics,
SurveyMonkey, SPSS .sav or a generic CSV/XLSX) to a typed, pseudonymised ``Survey``.

``read_survey`` returns the tables (questions, respondents, answers, rejected) and the row accounting;
``inspect_file`` returns what ``python -m pipeline inspect FILE --json`` prints. Both raise
``pipeline.errors.InputError`` with one line naming the file (and row or column) for bad input.
Modules: ``sniff`` (format, encoding, delimiter, zip/XML guards), ``readers`` (one reader per format),
``detect`` (which tool, how many header rows), ``layout`` (what each column is, per tool), ``qtypes``
(question types, scales, multi-select splitting), ``spec`` (the optional YAML spec), ``build`` (tables,
duplicates, rejected rows).
"""
from __future__ import annotations

import csv
import logging
import zipfile
import zlib
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from pipeline.errors import InputError
from pipeline.ingest import build, layout
from pipeline.ingest.spec import Spec, load_spec
from pipeline.survey import Survey

__all__ = ["read_survey", "inspect_file", "read_table", "ingest_params"]

log = logging.getLogger(__name__)


def ingest_params(params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The ``[ingest]`` defaults of ``pipeline/defaults.toml`` overlaid with ``params``."""
    from pipeline.config import defaults    # parsed once per process; each call gets its own copy

    merged = defaults().get("ingest", {})
    if params:
        merged.update(params)
    return merged


def _read(path: str | Path, spec: str | Path | Mapping | Spec | None, params: Mapping | None) -> build.Reading:
    path = Path(path)
    merged = ingest_params(params)
    loaded = load_spec(spec)
    try:
        return build.analyse(path, loaded, merged)
    except InputError:
        raise
    except (csv.Error, zipfile.BadZipFile, zlib.error, UnicodeError, ValueError, TypeError, KeyError, IndexError,
            OverflowError, MemoryError, RecursionError, OSError) as exc:
        # A parser failure we did not foresee is still bad input: one line, naming the file.
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: Exception) -> InputError:
    log.debug("ingest of %s failed", path, exc_info=exc)
    detail = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    return InputError(f"{path.name}: cannot read the file ({exc.__class__.__name__}: {detail[:200]})")


def read_survey(path: str | Path, *, spec: str | Path | Mapping | Spec | None = None, key: bytes,
                params: Mapping[str, Any] | None = None, exclude: tuple[str, ...] = (),
                source: str = "config") -> Survey:
    """Return the ``Survey`` one export becomes.

    Reads the file (format checked against its bytes; encoding, delimiter and header rows detected),
    recognises the tool from its layout, types every question (or takes the types from ``spec``, a YAML
    file path or mapping), leaves personal-data columns out, pseudonymises respondent and business IDs with
    HMAC-SHA-256 under ``key``, scrubs free text, keeps duplicate submissions once and accounts for every
    row (``report``: rows_in = accepted + rejected + duplicates + excluded, with excluded_reasons for the
    test / preview / debug submissions the tool marks, and warnings; ``hidden_rows``: the file rows Excel hides
    that were read, ``unread_sheets``: ``{"sheet", "rows"}`` of other visible sheets holding a table, when any). ``params`` (``Settings.ingest``)
    overrides the ``[ingest]`` defaults. ``exclude``: the export's own response ids of rows to leave out (test
    submissions the tool does not mark), counted as excluded; ``source`` names the config in errors.
    The ``role`` column of ``questions`` is left "" (``pipeline.roles`` fills it).
    """
    if not isinstance(key, (bytes, bytearray)) or not key:
        raise InputError("read_survey needs the pseudonym key as non-empty bytes")
    merged_params = dict(params or {})
    reading = build.excluded_by_config(_read(path, spec, merged_params), exclude, source)
    try:
        result = build.tables(reading, bytes(key), ingest_params(merged_params))
    except InputError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise _unreadable(Path(path), exc) from None
    for warning in result["report"]["warnings"]:
        # two files may share a column's header ("Kehitysehdotuksia"): the log names the file (QA round 26)
        log.warning(warning if str(warning).startswith(reading.name) else f"{reading.name}: {warning}")
    raw = reading.raw
    return Survey(source=reading.name, tool=reading.tool,
                  encoding=raw.encoding if raw.file_format == "csv" else None,
                  delimiter=raw.delimiter, header_rows=reading.header_rows,
                  questions=result["questions"], respondents=result["respondents"], answers=result["answers"],
                  rejected=result["rejected"], report=result["report"])


def inspect_file(path: str | Path, *, spec: str | Path | Mapping | Spec | None = None,
                 params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return the ``inspect --json`` object: tool, encoding, delimiter, header_rows, sheet, respondents
    (data rows that carry any answer and are not test submissions, less the duplicate submissions ``ingest``
    drops, by the same rules: ``duplicates`` says how many, ``resubmitted`` how many of them repeated a
    response id), rows_in,
    excluded and excluded_reasons (test / preview / debug submissions the tool marks, and rows whose open
    answers are only test words, reason -> rows), transposed (the sheet held its respondents in columns and
    was read turned), questions (id, text, type, columns, items, options),
    excluded personal-data columns (header and kind, never values) and warnings. Needs no key.

    Where the table was found: ``sheet`` with ``sheet_reason`` (why that sheet), ``sheets`` (every sheet of
    a workbook) and ``hidden_sheets`` (``{"sheet", "state"}``: skipped as hidden or very hidden),
    ``header_row_numbers`` (the file rows of the header rows), ``skipped_rows`` (how many title / note rows
    above the header were left out) and ``skipped_row_numbers``; ``grids`` (likert questions of several
    statements: id, text, statements, scale) and ``option_columns`` (multi-selects exported one column per
    option: id, text, options, columns); ``reading`` says all this in plain words."""
    a = _read(path, spec, params)
    raw = a.raw
    # the duplicate rules of ``ingest`` itself (response id, e-mail, identical answers, one answer changed),
    # so that inspect's respondents are the rows ingest keeps: counting only repeated response ids had said 448
    # where ingest kept 447 (a respondent who corrected a typo in the name and sent the form again)
    time_warnings: list[str] = []
    submitted = build._submitted_at(a, time_warnings)
    duplicate, rules = build._duplicates(a, submitted, ingest_params(params))
    resubmitted = int(rules["response id"])
    header_numbers = [int(n) for n in raw.source_rows[:a.header_rows]]
    hidden = [{"sheet": s, "state": state} for s, state in raw.sheet_states.items() if state != "visible"]
    questions = []
    for q in a.questions:
        questions.append({"id": q.question_id, "text": q.text, "type": q.type,
                          "columns": [c.header for c in q.columns],
                          "items": [i for i in q.items if i], "options": list(q.options)})
    personal = [{"column": c.header, "kind": c.personal} for c in a.columns if c.role == "personal"]
    derived = [{"column": c.header, "reason": c.reason[len(layout.DERIVED):]} for c in a.columns
               if c.role == "meta" and c.reason.startswith(layout.DERIVED)]
    grids = [{"id": q["id"], "text": q["text"], "statements": len(q["items"]), "scale": q["options"]}
             for q in questions if q["type"] == "likert" and len(q["items"]) > 1]
    multis = [{"id": q["id"], "text": q["text"], "options": q["options"], "columns": len(q["columns"])}
              for q in questions if q["type"] == "multi" and len(q["columns"]) > 1]
    special = {role: next((c.header for c in a.columns if c.role == role), None)
               for role in ("respondent_id", "submitted_at", "business_id")}
    unfinished = build._unfinished(a, a.counted & ~duplicate)
    return {
        "file": a.name, "tool": a.tool, "format": raw.file_format,
        "encoding": raw.encoding, "delimiter": raw.delimiter, "sheet": raw.sheet, "header_rows": a.header_rows,
        "rows_in": int(len(a.data) + len(raw.rejected)), "respondents": int((a.counted & ~duplicate).sum()),
        "resubmitted": resubmitted, "duplicates": int(duplicate.sum()), "unfinished": len(unfinished),
        "excluded": int(a.excluded.sum()), "excluded_reasons": dict(a.excluded_reasons),
        "rejected_rows": [{"source_row": int(r), "reason": reason} for r, reason in raw.rejected],
        "questions": questions, "personal_data_columns": personal, "derived_columns": derived, **special,
        "warnings": [*a.warnings, *(build.scrub_text(w) for w in time_warnings),
                     *([build.unfinished_warning(a.name, unfinished, build.unfinished_said(a.tool))] if unfinished else []),
                     *([build.scrub_text(build._duplicate_warning(a, duplicate, rules, ingest_params(params)))]
                       if duplicate.any() else [])],
        "sheets": list(raw.sheets), "sheet_reason": raw.sheet_reason or None, "hidden_sheets": hidden,
        "header_row_numbers": header_numbers, "skipped_rows": len(raw.title_rows),
        "skipped_row_numbers": list(raw.title_rows),
        "grids": grids, "option_columns": multis,
        "transposed": raw.transposed,
        "reading": describe_reading(raw.sheet, raw.sheet_reason, header_numbers, list(raw.title_rows),
                                    a.excluded_reasons, grids, multis, resubmitted, raw.transposed),
    }


def describe_reading(sheet: str | None, reason: str, header_rows: list[int], skipped: list[int],
                     excluded: Mapping[str, int] | None = None, grids: list[dict] | None = None,
                     multis: list[dict] | None = None, resubmitted: int = 0, transposed: bool = False) -> str:
    """Where the table was found, in plain words: which sheet and why, which header row(s), which title /
    note rows above the header were skipped, how many test / preview rows the tool marks were excluded
    (``excluded``: reason -> rows), which grids were found (``grids``: id, statements) and which multi-selects
    were exported one column per option (``multis``: id, columns), how many rows repeat an earlier row's
    response id (``resubmitted``) and whether the sheet was read turned, respondents in columns
    (``transposed``) (``inspect``'s ``reading``)."""
    def rows(numbers: list[int]) -> str:
        return f"row {numbers[0]}" if len(numbers) == 1 else f"rows {', '.join(str(n) for n in numbers)}"

    sentences = []
    if sheet is not None:
        sentences.append(f"Read sheet {sheet!r}" + (f": {reason}" if reason else ""))
    if transposed:
        # the header is column A and each "row" a sheet column: say so before the numbers that follow
        sentences.append("Respondents are in columns: read transposed, question texts from column A, one "
                         "respondent per column (row numbers below are column numbers)")
    if header_rows:
        sentences.append(f"Header in {rows(header_rows)}")
    if skipped:
        sentences.append(f"{len(skipped)} title/note row(s) above the header skipped ({rows(skipped)})")
    else:
        sentences.append("No title rows above the header")
    summaries = {reason: n for reason, n in excluded.items()
                 if reason.startswith("summary row: ") or reason in ("repeated header row", build.NOTE_ROW)}
    marked = {reason: n for reason, n in excluded.items() if reason not in summaries}
    if marked:
        said = ", ".join(f"{n} with {reason}" for reason, n in marked.items())
        sentences.append(f"{sum(marked.values())} test/preview submission(s) excluded ({said})")
    if summaries:
        said = ", ".join(reason.removeprefix("summary row: ") for reason in summaries)
        sentences.append(f"{sum(summaries.values())} summary or repeated header row(s) excluded ({said})")
    if resubmitted:
        sentences.append(f"{resubmitted} row(s) repeat an earlier row's response id (a submission sent again): "
                         f"counted once")
    if grids:
        said = ", ".join(f"{g['id']} ({g['statements']} statements)" for g in grids)
        sentences.append(f"{len(grids)} grid(s): {said}")
    if multis:
        said = ", ".join(f"{m['id']} ({m['columns']} option columns)" for m in multis)
        sentences.append(f"{len(multis)} multi-select(s) exported one column per option: {said}")
    return ". ".join(sentences) + "."


def read_table(path: str | Path, *, params: Mapping[str, Any] | None = None, quiet: bool = False) -> pd.DataFrame:
    """Return a plain table (first row = column names, every cell a string, blank cells NaN) from a CSV,
    XLSX or SAV file, with the same format checks and guards as ``read_survey`` but no survey typing.

    Repeated or blank column names get a ``.2`` suffix or a positional name; ``attrs["source_rows"]`` gives
    each data row's row number in the file as a spreadsheet shows it. Raises ``InputError``. ``quiet``: the
    reader's warnings go to the debug log only (a second reading of a file whose first reading said them: the
    register is read for its workshops and again for its participating companies)."""
    from pipeline.ingest.readers import read_raw

    path = Path(path)
    merged = ingest_params(params)
    try:
        raw = read_raw(path, merged, plain=True)
    except InputError:
        raise
    except (csv.Error, zipfile.BadZipFile, zlib.error, UnicodeError, ValueError, TypeError, KeyError,
            IndexError, OverflowError, MemoryError, RecursionError, OSError) as exc:
        raise _unreadable(path, exc) from None
    frame = raw.frame
    # a plain table (the workshop register) has no ingest report: what the reader noticed (merged or hidden
    # rows, formula errors, a title row skipped) is said on the log, or nobody would hear of it
    for warning in raw.warnings:
        log.log(logging.DEBUG if quiet else logging.WARNING, "%s", warning)
    names: list[str] = []
    seen: dict[str, int] = {}
    for pos, cell in enumerate(frame.iloc[0] if len(frame) else []):
        name = str(cell).strip() or f"column {pos + 1}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}.{seen[name]}")
    body = frame.iloc[1:].reset_index(drop=True)
    body.columns = names
    table = body.astype(object).where(body != "", None)
    # the spreadsheet row of each data row (title rows above the header and blank rows are not counted out)
    table.attrs["source_rows"] = [int(r) for r in raw.source_rows[1:]]
    # rows hidden in Excel (read like the others) and other sheets holding a table (not read): what the steering
    # data warnings could say of a register or an attendance list, as ``hidden_rows`` / ``unread_sheets`` of a
    # survey's report say it of a survey
    table.attrs["hidden_rows"] = list(raw.hidden_rows)
    table.attrs["unread_sheets"] = [{"sheet": str(sheet), "rows": int(rows)} for sheet, rows in raw.unread_sheets]
    return table
