"""Which question plays which analysis role: municipality, interests, satisfaction, impact, …

The patterns live in ``pipeline/roles.yaml`` (fi/sv/en). ``assign_roles`` returns the questions table with its
``role`` column filled; a project's config overrides any role by naming the question (its id, its header
text, or one of its source columns). ``settled`` then fixes what the role decides about a question's type, so
that no later stage patches it.
"""
from __future__ import annotations

import difflib
import logging
import re
import textwrap
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from pipeline.errors import ConfigError
from pipeline.io import shipped_yaml
from pipeline.keys import fold
from pipeline.survey import SPEC_SETTLED, Survey, other_text_parents

log = logging.getLogger(__name__)

ROLES_FILE = Path(__file__).resolve().parent / "roles.yaml"
KINDS = ("needs", "feedback", "impact")


@lru_cache(maxsize=1)
def role_patterns() -> dict[str, dict[str, dict]]:
    """The role table of ``roles.yaml``: kind → role → {types, compiled patterns}, in file order."""
    data = shipped_yaml(ROLES_FILE.name)
    return {kind: {role: {"types": list(spec["types"]),
                          "patterns": [re.compile(p, re.IGNORECASE) for p in spec["patterns"]],
                          "option_patterns": [re.compile(p, re.IGNORECASE) for p in spec.get("option_patterns", [])],
                          "min_options": int(spec.get("min_options", 0)),
                          "answer_patterns": [re.compile(p, re.IGNORECASE) for p in spec.get("answer_patterns", [])],
                          "exclude_patterns": [re.compile(p, re.IGNORECASE)
                                               for p in spec.get("exclude_patterns", [])],
                          "covers": list(spec.get("covers", []))}
                   for role, spec in roles.items()}
            for kind, roles in data.items()}


def _words(text: object) -> str:
    """``text`` folded to its letters and digits alone: a header the export prefixes with replacement marks or
    emoji ("???????Mitä …") or ends with a colon is still the question its words name."""
    return " ".join(re.findall(r"\w+", fold(text)))


def _named_question(questions: pd.DataFrame, name: str, role: str, source: str, types: list[str],
                    file: str = "") -> int:
    """Return the position of the question ``name`` names: its id, its text or one of its columns, compared
    folded; failing that, the question whose text has the same words, or holds them in a row ("What did you
    like best?" at the end of a long header), preferring one of the role's ``types``. Refused (``ConfigError``)
    when none or several do, with the closest question of a fitting type to name by its id, and when the
    question is the typed "other" text of another (a role of a closed type named by that text's header, which
    repeats its question's)."""
    wanted = fold(name)
    rows = list(questions.itertuples(index=False))
    fits = [str(row.type) in types for row in rows]
    found = next((i for i, row in enumerate(rows)
                  if wanted in {fold(row.question_id), fold(row.text)} | {fold(c) for c in row.columns}), None)
    words = _words(name)
    if found is None and words:
        for matches in ([i for i, row in enumerate(rows) if _words(row.text) == words],
                        [i for i, row in enumerate(rows) if f" {words} " in f" {_words(row.text)} "]):
            fitting = [i for i in matches if fits[i]] or matches
            if len(fitting) == 1:
                found = fitting[0]
                break
            if len(fitting) > 1:
                listed = ", ".join(str(rows[i].question_id) for i in fitting[:5])
                raise ConfigError(f"{source}: role {role} names question {name!r}, which several questions of "
                                  f"{file or 'the file'} hold ({listed}); name one by its id, {role} = "
                                  f"\"{rows[fitting[0]].question_id}\"")
    if found is not None:
        row = rows[found]
        parent = other_text_parents(questions).get(str(row.question_id))
        if str(row.type) == "other_text" and "other_text" not in types and "open" not in types and parent:
            raise ConfigError(f"{source}: role {role} names question {row.question_id}, the typed \"other\" text of "
                              f"question {parent}; name that question, {role} = \"{parent}\"")
        return found
    candidates = {_words(row.text): row for row, fit in zip(rows, fits)
                  if fit and str(row.type) != "other_text"} or {_words(row.text): row for row in rows}
    close = difflib.get_close_matches(words, list(candidates), n=1, cutoff=0.6)
    where = file or "FILE"
    if close:
        best = candidates[close[0]]
        shown = textwrap.shorten(str(best.text), 60, placeholder="…")
        hint = f"; the closest is {best.question_id} ({shown!r}): name it by its id, {role} = \"{best.question_id}\""
    else:
        hint = f"; `python -m pipeline inspect {where}` lists the questions with their ids"
    raise ConfigError(f"{source}: role {role} names question {name!r}, which is not in {file or 'the file'}{hint}")


def assign_roles(questions: pd.DataFrame, kind: str, overrides: Mapping[str, str] | None = None,
                 source: str = "config", settled_by_config: Iterable[str] = (), file: str = "") -> pd.DataFrame:
    """Return a copy of ``questions`` with ``role`` set for every question a role of ``kind`` matches.

    Overrides are applied first; then each remaining role takes the first question, in file order, of the
    first of the role's types (in ``roles.yaml`` order) whose text matches one of its patterns (of a role with
    ``answer_patterns``, the one whose options most match them), or, when none
    does and the role has ``option_patterns``, whose options match at least ``min_options`` of them; before
    them, a role that ``covers`` others takes the first question whose text matches all of those roles (and then
    also the first question its own patterns match). A question gets one role at most. ``source`` names the
    config in error messages, ``file`` the survey file. A role in ``settled_by_config`` is given to no question:
    the config settles it otherwise (a feedback survey's ``workshop_id`` names its workshop, so a question about
    "event invitations" is not the workshop question; QA round 11).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    table = role_patterns()[kind]
    overrides = dict(overrides or {})
    unknown = set(overrides) - set(table)
    if unknown:
        raise ConfigError(f"{source}: unknown role(s) {', '.join(sorted(unknown))} for a {kind} survey; "
                          f"known: {', '.join(table)}")
    roles = [""] * len(questions)
    for role, name in overrides.items():
        try:
            roles[_named_question(questions, name, role, source, table[role]["types"], file)] = role
        except ConfigError as error:
            if kind != "feedback":
                raise
            # [feedback.roles] written once after several [[feedback]] entries belongs to the last of them (TOML)
            raise ConfigError(f"{error}; each [[feedback]] entry names the roles of its own file (roles = {{ "
                              f"{role} = \"...\" }} inside that entry)") from None
    taken = set(overrides) | set(settled_by_config)
    covering: set[str] = set()
    texts = questions["text"].fillna("").astype(str).tolist()
    types = questions["type"].astype(str).tolist()
    options_of = questions["options"].tolist() if "options" in questions.columns else [[]] * len(questions)
    for role, spec in table.items():
        # a role that ``covers`` others takes first a question whose text matches every one of them
        if role in taken or not spec["covers"]:
            continue
        position = next((i for i, (text, qtype) in enumerate(zip(texts, types))
                         if not roles[i] and qtype in spec["types"]
                         and all(any(p.search(text) for p in table[c]["patterns"]) for c in spec["covers"])), None)
        if position is not None:
            roles[position] = role
            taken.add(role)
            covering.add(role)
    for role, spec in table.items():
        if role in taken and role not in covering:
            continue
        if role in covering:
            # a survey asking "what was good and what to improve" in one question may still ask for other comments
            # apart ("Övriga kommentarer"): that question is a general comment too (QA round 20: it got no role)
            position = next((i for i, (text, qtype) in enumerate(zip(texts, types)) if not roles[i]
                             and qtype in spec["types"] and any(p.search(text) for p in spec["patterns"])), None)
            if position is not None:
                roles[position] = role
            continue
        for wanted in spec["types"]:
            shares = {i: _answer_share(options_of[i], spec["answer_patterns"])
                      for i, (text, qtype) in enumerate(zip(texts, types))
                      if not roles[i] and qtype == wanted and any(p.search(text) for p in spec["patterns"])
                      and not any(p.search(text) for p in spec["exclude_patterns"])}
            # of the questions whose answers may be the role's (at least one option reads so), the one whose
            # answers most are (the first on a tie): QA round 38, a competence statement "[Vienti …]" on an
            # agreement scale, whose "Ei samaa eikä eri mieltä" reads as "ei", came before the yes/maybe/no export
            # question and took its role
            position = max((i for i, share in shares.items() if share > 0), key=lambda i: (shares[i], -i),
                           default=None)
            if position is not None:
                roles[position] = role
                taken.add(role)
                break
        if role not in taken and spec["option_patterns"]:
            # no question text says so: a question of the role's types whose options do (a grid's options are its
            # scale points: its statements, its columns, name what it asks about)
            options = questions["options"].tolist() if "options" in questions.columns else [[]] * len(questions)
            statements = questions["columns"].tolist() if "columns" in questions.columns else [[]] * len(questions)
            position = next((i for i, (qtype, opts, cols) in enumerate(zip(types, options, statements))
                             if not roles[i] and qtype in spec["types"]
                             and (_topics_named(cols, spec["option_patterns"]) if qtype == "likert" else
                                  _options_matching(opts, spec["option_patterns"])) >= spec["min_options"]), None)
            if position is not None:
                roles[position] = role
                taken.add(role)
                if types[position] == "likert":
                    log.warning("%s: role %s given to %s, a rating grid whose statements name development topics "
                                "(its question is not in the file); if it asks something else, name the right "
                                "question in the config ([%s.roles] %s = ...)", file or source, role,
                                questions["question_id"].iloc[position], kind, role)
    return questions.assign(role=pd.Series(roles, index=questions.index, dtype="string"))


def _answer_share(options, patterns: list[re.Pattern]) -> float:
    """The share of a question's ``options`` that match one of ``patterns`` (1.0 when the role sets none or the
    file lists no options): 0 rules the question out of a role whose answers must match ("Vilka exportmarknader är
    viktigast?", Sverige / Norge / Tyskland, names export but is no yes/maybe/no question: QA round 25, an empty
    export table and an n = 0 chart, its answers reported nowhere)."""
    listed = [str(o) for o in (options if options is not None else ())]
    if not patterns or not listed:
        return 1.0
    return sum(any(p.search(o) for p in patterns) for o in listed) / len(listed)


def _topics_named(statements, patterns: list[re.Pattern]) -> int:
    """How many of a grid's ``statements`` are a topic's name: their first word matches one of ``patterns``
    ("Myynti ja asiakashankinta"; not a sentence that mentions one, "Seuraamme myynnin lukuja", which rates an
    attitude or practice)."""
    firsts = [str(s).split()[0].lower() for s in (statements if statements is not None else ()) if str(s).strip()]
    return sum(any(p.match(word) for p in patterns) for word in firsts)


def _options_matching(options, patterns: list[re.Pattern]) -> int:
    """How many of ``options`` (a list, or None) match one of ``patterns``."""
    return sum(any(p.search(str(o)) for p in patterns) for o in (options if options is not None else ()))


# roles whose answers are free text, whatever type ingest gave the question
TEXT_ROLES = ("needs_text", "good_text", "improve_text", "comment_text", "impact_text")
# the feedback survey's comment roles and the prompt each is reported under
COMMENT_ROLES = {"good_text": "good", "improve_text": "improve", "comment_text": "comment"}


# ``survey.report`` key: open questions read as contact notes (``settled``), for the Data used table
CONTACT_NOTES = "contact_notes"


def settled(survey: Survey, contact_share: float = 1.01) -> Survey:
    """Return ``survey`` with each question's type settled once its role is known: a free-text role
    (``TEXT_ROLES``) that ingest read as a single choice (its few answers repeat word for word) becomes
    ``open``, and its answers carry their text in ``text``; an open question with no free-text role whose answers
    are at least ``contact_share`` contact notes (they held names, phones or e-mails, now placeholders) becomes
    ``meta``, recorded in ``report[CONTACT_NOTES]``, unless a questionnaire spec types or keeps it (ingest's
    ``report[SPEC_SETTLED]``). Downstream stages read types as they are."""
    survey = _contact_notes_apart(survey, contact_share, set(survey.report.get(SPEC_SETTLED, ())))
    questions = survey.questions
    # most surveys have nothing to settle: said on plain lists before any pandas work (missing values never match)
    if not any(isinstance(t, str) and t == "single" and r in TEXT_ROLES
               for t, r in zip(questions["type"].tolist(), questions["role"].tolist())):
        return survey
    retype = questions["type"].eq("single") & questions["role"].isin(TEXT_ROLES)
    ids = set(questions.loc[retype, "question_id"])
    answers = survey.answers
    mine = answers["question_id"].isin(ids)
    answers = answers.assign(text=answers["text"].where(~mine | answers["text"].notna(), answers["value"]))
    return replace(survey, questions=questions.assign(type=questions["type"].mask(retype, "open")), answers=answers)


def _contact_notes_apart(survey: Survey, share: float, spec_typed: set[str]) -> Survey:
    """``survey`` with its contact-notes columns typed ``meta``: a hand-kept sheet's interviewer notes ("Soitettu
    3.3. [name] [phone]") are not the companies' answers, and coded as needs they made an emerging theme of
    placeholders (QA round 23). At least two answers must hold contact details."""
    from pipeline.privacy import removes_something

    questions = survey.questions
    candidates = questions.loc[questions["type"].eq("open") & ~questions["role"].isin(TEXT_ROLES).fillna(False)
                               & ~questions["question_id"].isin(spec_typed), "question_id"]
    if candidates.empty:
        return survey
    texts = survey.answers.loc[survey.answers["question_id"].isin(set(candidates)), ["question_id", "text"]]
    texts = texts[texts["text"].fillna("").astype(str).str.strip().ne("")]
    found = []
    for qid, group in texts.groupby("question_id", sort=False):
        with_contact = int(sum(removes_something(t) for t in group["text"]))
        if with_contact >= 2 and with_contact >= share * len(group):
            text = str(questions.loc[questions["question_id"].eq(qid), "text"].iloc[0])
            found.append({"question_id": str(qid), "text": text, "answers": len(group),
                          "with_contact": with_contact})
            log.warning("%s: question %s (%r) is read as contact notes, not answers: %d of its %d answers held "
                        "names, phones or e-mails; it is left out of the analysis (a questionnaire spec that types "
                        "it, or names it under keep:, keeps it)", survey.source, qid,
                        textwrap.shorten(text, 50, placeholder="…"), with_contact, len(group))
    if not found:
        return survey
    ids = {f["question_id"] for f in found}
    retyped = questions.assign(type=questions["type"].mask(questions["question_id"].isin(ids), "meta"))
    return replace(survey, questions=retyped, report={**survey.report, CONTACT_NOTES: found})
