"""The optional questionnaire spec (YAML): names, types, options and scales that override detection.

A spec looks like::

    tool: webropol                 # optional: override the detected tool
    header_rows: 2                 # optional: override the detected number of header rows
    sheet: Vastaukset              # optional: the workbook sheet to read
    respondent_id: Vastaajan ID    # optional: the column that identifies a respondent
    business_id: Y-tunnus          # optional: the column holding the business ID (becomes company_id)
    submitted_at: Vastausaika      # optional: the submission-time column
    keep: [Nimi]                   # personal-data columns to keep (stored as they are)
    drop: [Sisäinen huomio]        # columns to leave out
    questions:
      - columns: [Kunta]           # header texts or codes (or `match: REGEX` over headers)
        id: kunta
        text: Kotikunta
        type: single               # single | multi | likert | open | other_text | number | date | meta
        options: [Kokkola, Kruunupyy]
      - match: "^Osaaminen:"
        id: osaaminen
        type: likert
        scale: [heikko, välttävä, tyydyttävä, hyvä, erinomainen]
        dont_know: [en osaa sanoa]
      - columns: [Toimiala]        # a language copy pasted under the header: its labels read as the master's
        aliases: {Industri: Teollisuus, Handel: Kauppa}
      - columns: [Aiheet]
        type: multi
        separator: ", "

``load_spec`` validates it and raises ``InputError`` naming the spec file and the key at fault.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import yaml

from pipeline.errors import InputError
from pipeline.ingest.detect import TOOLS
from pipeline.ingest.layout import header_key

TYPES = ("single", "multi", "likert", "open", "other_text", "number", "date", "meta")
TOP_KEYS = {"tool", "header_rows", "sheet", "respondent_id", "business_id", "submitted_at", "keep", "drop",
             "questions"}
_QUESTION_KEYS = {"columns", "column", "match", "id", "text", "type", "options", "scale", "dont_know", "items",
                  "separator", "aliases"}


@dataclass(frozen=True)
class QuestionSpec:
    """One spec entry: which columns, and what to say about them."""

    columns: tuple[str, ...] = ()
    match: re.Pattern | None = None
    id: str | None = None
    text: str | None = None
    type: str | None = None
    options: tuple[str, ...] = ()
    scale: tuple[str, ...] = ()
    dont_know: tuple[str, ...] = ()
    items: Mapping[str, str] = field(default_factory=dict)
    separator: str | None = None
    # an answer as written → the answer it is read as (a pasted language copy's "Industri" → "Teollisuus")
    aliases: Mapping[str, str] = field(default_factory=dict)

    def selects(self, header: str, code: str) -> bool:
        if self.match is not None:
            return bool(self.match.search(header) or (code and self.match.search(code)))
        return header_key(header) in {header_key(c) for c in self.columns} or (bool(code) and code in self.columns)


@dataclass(frozen=True)
class Spec:
    """A validated questionnaire spec."""

    source: str = "spec"
    tool: str | None = None
    header_rows: int | None = None
    sheet: str | None = None
    respondent_id: str | None = None
    business_id: str | None = None
    submitted_at: str | None = None
    keep: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    questions: tuple[QuestionSpec, ...] = ()

    def question_for(self, header: str, code: str) -> tuple[int, QuestionSpec] | None:
        for n, entry in enumerate(self.questions):
            if entry.selects(header, code):
                return n, entry
        return None

    def names(self, key: str) -> set[str]:
        return {header_key(v) for v in getattr(self, key)}


def load_spec(spec: str | Path | Mapping[str, Any] | Spec | None) -> Spec | None:
    """Return the validated ``Spec`` from a YAML file path or a mapping (None stays None)."""
    if spec is None or isinstance(spec, Spec):
        return spec
    if isinstance(spec, Mapping):
        data, source = dict(spec), "spec"
    else:
        path = Path(spec)
        source = path.name
        from pipeline.io import read_small_file

        # a regular file of at most 1 MB (a FIFO or /dev/zero is refused, not read for ever)
        raw = read_small_file(path, "spec file")
        try:
            data = yaml.safe_load(raw.decode("utf-8-sig"))
        except (yaml.YAMLError, UnicodeDecodeError, RecursionError) as exc:
            raise InputError(f"{source}: not valid YAML ({str(exc).splitlines()[0]})") from None
        data = data or {}
    if not isinstance(data, Mapping):
        raise InputError(f"{source}: the spec must be a mapping of keys (tool, questions, …)")
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise InputError(f"{source}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(TOP_KEYS))}")
    if data.get("tool") is not None and data["tool"] not in TOOLS:
        raise InputError(f"{source}: tool {data['tool']!r} is not one of {', '.join(TOOLS)}")
    header_rows = data.get("header_rows")
    if header_rows is not None and (not isinstance(header_rows, int) or not 1 <= header_rows <= 3):
        raise InputError(f"{source}: header_rows must be 1, 2 or 3")
    questions = []
    for n, entry in enumerate(data.get("questions") or [], start=1):
        questions.append(_question(entry, source, n))
    return Spec(source=source, tool=data.get("tool"), header_rows=header_rows, sheet=data.get("sheet"),
                respondent_id=data.get("respondent_id"), business_id=data.get("business_id"),
                submitted_at=data.get("submitted_at"), keep=tuple(_strings(data.get("keep"), source, "keep")),
                drop=tuple(_strings(data.get("drop"), source, "drop")), questions=tuple(questions))


def _strings(value: Any, source: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, (str, int, float)) for v in value):
        raise InputError(f"{source}: {key} must be a list of texts")
    return [str(v) for v in value]


def _question(entry: Any, source: str, n: int) -> QuestionSpec:
    where = f"{source}: questions[{n}]"
    if not isinstance(entry, Mapping):
        raise InputError(f"{where} must be a mapping")
    unknown = set(entry) - _QUESTION_KEYS
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    columns = _strings(entry.get("columns"), source, f"questions[{n}].columns") + \
        _strings(entry.get("column"), source, f"questions[{n}].column")
    match = None
    if entry.get("match") is not None:
        try:
            match = re.compile(str(entry["match"]))
        except re.error as exc:
            raise InputError(f"{where}: match is not a valid regular expression ({exc})") from None
    if not columns and match is None:
        raise InputError(f"{where}: give columns: [...] or match: REGEX")
    qtype = entry.get("type")
    if qtype is not None and qtype not in TYPES:
        raise InputError(f"{where}: type {qtype!r} is not one of {', '.join(TYPES)}")
    items = entry.get("items") or {}
    if not isinstance(items, Mapping):
        raise InputError(f"{where}: items must map a column header to its statement")
    aliases = entry.get("aliases") or {}
    if not isinstance(aliases, Mapping) or not all(isinstance(v, (str, int, float)) for v in aliases.values()):
        raise InputError(f"{where}: aliases must map an answer as written to the answer it is read as")
    separator = entry.get("separator")
    if separator is not None and (not isinstance(separator, str) or not separator.strip(" ")):
        raise InputError(f"{where}: separator must be a text such as \";\" or \", \"")
    return QuestionSpec(columns=tuple(columns), match=match, id=str(entry["id"]) if entry.get("id") else None,
                        text=entry.get("text"), type=qtype,
                        options=tuple(_strings(entry.get("options"), source, f"questions[{n}].options")),
                        scale=tuple(_strings(entry.get("scale"), source, f"questions[{n}].scale")),
                        dont_know=tuple(_strings(entry.get("dont_know"), source, f"questions[{n}].dont_know")),
                        items={str(k): str(v) for k, v in items.items()}, separator=separator,
                        aliases={str(k): str(v) for k, v in aliases.items()})
