"""The coding review loop: the workbook an analyst reviews, read back on the next run, and the agreement measured.

Every run writes ``reports/coding_review.xlsx`` (``review_workbook``): one row per distinct coded answer —
the same text to the same question is one row, reviewed once — least confident first, with the machine's
proposal and the terms that decided it. The analyst fills ``reviewed_themes`` (theme slugs or names,
``;``-separated, main theme first) and ``note``, saves the workbook beside the config and names it there
(``[coding] review = "coding_review.xlsx"``). The next run reads it (``read_review``): reviewed answers take
the reviewed themes everywhere, the coder learns from them, and ``coding_agreement`` measures how often the
machine, blind to the review, agreed with the analyst.

An answer is matched by ``answer_id``, a hash of its question's text and its own (scrubbed) text, so a review
still applies after re-exporting the survey, and no longer applies when the answer or the question changed.
Reviewed answers no longer in the survey are kept on the ``stale`` sheet, so nothing the analyst wrote is lost.
"""
from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from pipeline.errors import InputError
from pipeline.privacy import clean_text, scrub_text

OTHER = "other"
log = logging.getLogger(__name__)

SHEET, STALE_SHEET, THEMES_SHEET, ABOUT_SHEET = "review", "stale", "themes", "about"
COLUMNS = ("answer_id", "question", "text", "language", "proposed_themes", "confidence", "evidence",
           "reviewed_themes", "note", "taxonomy")
REQUIRED = ("answer_id", "question", "text", "reviewed_themes")
REVIEWED = ("answer_id", "taxonomy", "question", "text", "themes", "note", "row", "sheet")
# ";" as written, "," as people write lists, and a line break inside the cell (Excel's Alt+Enter; QA round 32)
_SPLIT = re.compile(r"\s*(?:[;,]|\r?\n|\r)\s*")


def _canonical(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def answer_id(question: str, text: str) -> str:
    """Return the stable id of an answer: 12 hex digits of the SHA-256 of its question's text and its text
    (Unicode NFC, runs of white space as one space), the same in every run and on every machine."""
    digest = hashlib.sha256(f"{_canonical(question)}\x1f{_canonical(text)}".encode("utf-8")).hexdigest()
    return digest[:12]


def answer_ids(questions: Sequence[str], texts: Sequence[str]) -> list[str]:
    """Return ``answer_id`` for each pair of question text and answer text."""
    return [answer_id(q, t) for q, t in zip(questions, texts)]


def theme_choices(themes: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Return taxonomy → {accepted spelling (slug or localised name, lower case) → slug}; ``other`` is accepted
    in both taxonomies."""
    choices: dict[str, dict[str, str]] = {}
    short: dict[str, dict[str, set[str]]] = {}
    for row in themes.itertuples(index=False):
        accepted = choices.setdefault(str(row.taxonomy), {OTHER: OTHER})
        accepted[str(row.theme).lower()] = str(row.theme)
        accepted[str(row.theme_name).lower()] = str(row.theme)
        # the name's head before "ja / och / and" ("Myynti" of "Myynti ja asiakashankinta", QA round 15) or
        # "tai / eller / or" ("Annat" of "Annat eller går inte att klassificera", QA round 21)
        head = _NAME_HEAD.split(str(row.theme_name).lower(), maxsplit=1)[0].strip()
        if head:
            short.setdefault(str(row.taxonomy), {}).setdefault(head, set()).add(str(row.theme))
    for taxonomy, heads in short.items():
        for head, slugs in heads.items():
            if len(slugs) == 1:
                choices[taxonomy].setdefault(head, next(iter(slugs)))
    return choices


_NAME_HEAD = re.compile(r"\s+(?:ja|och|and|&|tai|eller|or)\s+|\s*[,/(]\s*")


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _sheet(path: Path, sheet: str, required: bool) -> pd.DataFrame | None:
    try:
        return pd.read_excel(path, sheet_name=sheet, dtype=object, engine="calamine")
    except FileNotFoundError:
        raise InputError(f"{path}: review file not found; fix [coding] review in the config or remove it") from None
    except ValueError as exc:
        if "not found" in str(exc).lower() or "worksheet" in str(exc).lower():
            if required:
                raise InputError(f"{path}: no sheet '{sheet}'; keep the sheets the pipeline wrote "
                                 "(reports/coding_review.xlsx) and fill in column reviewed_themes") from None
            return None
        raise InputError(f"{path}: not a readable .xlsx workbook ({exc}); save the review as .xlsx") from None
    except Exception as exc:  # calamine raises its own error types for a file that is no workbook
        raise InputError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__}); save the review as "
                         ".xlsx") from None


def _check_workbook(path: Path) -> None:
    """Refuse a review file that is no regular .xlsx workbook, or one a reader must not open (zip or entity
    bomb, a stray cell at XFD1048576 that makes the reader allocate the whole range), as survey workbooks are
    refused (``pipeline.ingest.sniff``). Raises ``InputError`` naming the file and the fix."""
    from pipeline.ingest import ingest_params
    from pipeline.ingest.sniff import file_format, workbook_sheets

    try:
        if file_format(path) != "xlsx":
            raise InputError(f"{path.name}: not an .xlsx file")
        workbook_sheets(path, ingest_params(None))
    except InputError as exc:
        reason = str(exc).removeprefix(f"{path.name}: ")
        raise InputError(f"{path}: not a readable .xlsx workbook ({reason}); save the review as .xlsx (the "
                         f"workbook the pipeline wrote, reports/coding_review.xlsx)") from None


def read_review(path: Path, themes: pd.DataFrame, topics: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the reviewed answers of a review workbook: one row per answer the analyst gave themes or a note
    (columns ``REVIEWED``: ``themes`` a list of slugs, main first, empty when only a note was written; ``row``
    the workbook row; ``sheet`` review or stale). With ``topics`` (``theme, theme_name``: the needs taxonomy's
    other topics, by slug or name in any language), a needs answer's ``reviewed_themes`` may also name them
    ("other; staff"): they go to a ``topics`` column (a list), and an answer given topics alone is ``other``.

    Raises ``InputError`` (one line naming the file, sheet, row and the fix) for a missing sheet or column, a
    theme that is not one of the row's taxonomy, a row whose question or text no longer matches its
    ``answer_id`` (edited by hand), and one answer reviewed twice with different themes.
    """
    choices = theme_choices(themes)
    everything = {spelling: slug for accepted in choices.values() for spelling, slug in accepted.items()}
    topic_choices = {} if topics is None else \
        {k: v for k, v in theme_choices(topics.assign(taxonomy="topics"))["topics"].items() if k != OTHER}
    _check_workbook(path)
    rows = []
    for sheet, required in ((SHEET, True), (STALE_SHEET, False)):
        frame = _sheet(path, sheet, required)
        if frame is None:
            continue
        frame.columns = [str(c).strip() for c in frame.columns]
        missing = [c for c in REQUIRED if c not in frame.columns]
        if missing:
            raise InputError(f"{path}, sheet {sheet}: no column {missing[0]}; keep the columns the pipeline wrote "
                             f"({', '.join(COLUMNS[:-1])})")
        added = [c for c in frame.columns if c not in COLUMNS and not c.startswith("Unnamed")]
        if added:
            # the regenerated workbook has the pipeline's columns only (QA round 32: "Oma luokka" gone, no word)
            log.warning("%s, sheet %s: column(s) %s are not carried into the next workbook; keep your own columns "
                        "in another file, or write them in note", path, sheet, ", ".join(added))
        scrubbed = []
        for index, record in enumerate(frame.to_dict("records")):
            row = index + 2  # the header is row 1
            reviewed, written = _cell(record.get("reviewed_themes")), _cell(record.get("note"))
            note = scrub_text(clean_text(written))  # carried into the next workbook: no address or name in it
            if note != clean_text(written):
                scrubbed.append(str(row))
            if not reviewed and not note:
                continue
            if not reviewed:
                # a note alone leaves the answer unreviewed (QA round 32: "ei mikään teema" in note stayed
                # uncertain without a word; the workbook's about sheet says it too); "other" is the review that no
                # theme applies. A note kept for later is usual, so only --verbose lists each
                log.debug("%s, sheet %s, row %d: a note but no reviewed_themes: the answer stays unreviewed; "
                          "write other if no theme applies", path, sheet, row)
            aid, question, text = (_cell(record.get(c)) for c in ("answer_id", "question", "text"))
            where = f"{path}, sheet {sheet}, row {row}"
            if not aid:
                raise InputError(f"{where}: answer_id is empty; copy the row back from the workbook the pipeline "
                                 "wrote, or clear reviewed_themes and note")
            if answer_id(question, text) != aid:
                raise InputError(f"{where}: the question or text differs from the answer {aid} was written for; "
                                 "restore them as the pipeline wrote them (reviews apply to unchanged answers only)")
            taxonomy = _cell(record.get("taxonomy"))
            accepted = choices.get(taxonomy, everything)
            # the needs taxonomy's other topics are a needs answer's too (the emerging themes count them)
            named = topic_choices if taxonomy in ("needs", "") else {}
            slugs: list[str] = []
            found: list[str] = []
            for part in (p for p in _SPLIT.split(reviewed) if p):
                slug = accepted.get(part.lower())
                if slug is None and part.lower() in named:
                    if named[part.lower()] not in found:
                        found.append(named[part.lower()])
                    continue
                if slug is None:
                    known = ", ".join(sorted(set(accepted.values()) | set(named.values())))
                    # a need outside the themes has two routes: other (its topic is counted among the emerging
                    # themes) or a theme of one's own taxonomy (QA round 33: "recruitment" refused, no route said)
                    raise InputError(f"{where}: reviewed_themes {part!r} is not a theme"
                                     f"{' of the ' + taxonomy + ' taxonomy' if taxonomy in choices else ''}; "
                                     f"use one of {known} (';' between several); a need outside them: write other "
                                     f"(the emerging themes count it), or add the theme to your own taxonomy file "
                                     f"([taxonomy] {taxonomy or 'needs'} = \"my_taxonomy.yaml\")")
                if slug not in slugs:
                    slugs.append(slug)
            if found and not slugs:
                slugs = [OTHER]         # a need outside the themes, named: other, and its topic
            if len(slugs) > 1 and OTHER in slugs:
                # "other" means no theme applies: with a theme beside it, the theme wins; said, not done silently
                slugs.remove(OTHER)
                log.warning("%s: reviewed_themes %r: 'other' means that no theme applies, so beside %s it is left "
                            "out; write the themes alone", where, reviewed, ", ".join(slugs))
            rows.append((aid, taxonomy, question, text, slugs, note, row, sheet, found))
        if scrubbed:
            # contact details never reach the reports, the regenerated workbook included: said, so that the
            # analyst keeps them elsewhere (QA round 32: a phone number replaced by [phone] with no word)
            log.warning("%s, sheet %s, row(s) %s: names, phone numbers or addresses in note are replaced by [name], "
                        "[phone], [email] … in the next workbook; keep contact details elsewhere", path, sheet,
                        ", ".join(scrubbed))
    reviewed = pd.DataFrame(rows, columns=[*REVIEWED, "topics"])
    reviewed["row"] = reviewed["row"].astype("int64")
    if topics is None:
        reviewed = reviewed.drop(columns="topics")
    # astype(bool): over no row the map is an empty object Series, which as a mask selects no column either (a
    # workbook named before any row is filled in stopped every run with KeyError 'answer_id'; QA round 25)
    conflicts = reviewed[reviewed["themes"].map(bool).astype(bool)].groupby("answer_id")
    for aid, group in conflicts:
        if len({(tuple(t), tuple(group["topics"].iloc[i]) if "topics" in group.columns else ())
                for i, t in enumerate(group["themes"])}) > 1:
            first, second = group.iloc[0], group.iloc[1]
            raise InputError(f"{path}: answer {aid} is reviewed twice with different themes (sheet {first['sheet']} "
                             f"row {first['row']}, sheet {second['sheet']} row {second['row']}); keep one")
    return reviewed.drop_duplicates("answer_id").sort_values("answer_id", kind="stable").reset_index(drop=True)


def reviewed_themes(reviewed: pd.DataFrame | None) -> dict[str, list[str]]:
    """answer_id → the reviewed themes (main first) of every answer the analyst gave themes (a note alone is no
    review)."""
    if reviewed is None:
        return {}
    return {str(a): list(t) for a, t in zip(reviewed["answer_id"], reviewed["themes"]) if len(t)}


def reviewed_topics(reviewed: pd.DataFrame | None) -> dict[str, list[str]]:
    """answer_id → the other topics the analyst named (``read_review``'s ``topics``) for every answer that names
    any."""
    if reviewed is None or "topics" not in reviewed.columns:
        return {}
    return {str(a): list(t) for a, t in zip(reviewed["answer_id"], reviewed["topics"]) if len(t)}


def with_reviewed_topics(topic_codes: pd.DataFrame, texts: pd.DataFrame, reviewed: pd.DataFrame | None
                         ) -> pd.DataFrame:
    """Return ``topic_codes`` (``text_id, lang, theme, themes, confidence, evidence``) with every needs text whose
    answer was reviewed with themes carrying exactly the topics its review names (confidence 1, evidence
    ``reviewed``; a row added, after the others, where the coder gave it none; its row dropped when the review
    names none); the inputs are not modified."""
    if reviewed is None or "topics" not in reviewed.columns:
        return topic_codes
    # every needs answer reviewed with themes: its topics are the review's, none when it names none
    given = {str(a): list(t) for a, tax, th, t in zip(reviewed["answer_id"], reviewed["taxonomy"], reviewed["themes"],
                                                      reviewed["topics"]) if len(th) and tax in ("needs", "")}
    if not given:
        return topic_codes
    answers = texts[~texts["source"].isin(("option", "item"))] if "source" in texts.columns else texts
    cleared = {str(t) for t, a in zip(answers["text_id"], answers["answer_id"]) if str(a) in given and not given[str(a)]}
    topics_of = {str(t): given[str(a)] for t, a in zip(answers["text_id"], answers["answer_id"])
                 if given.get(str(a))}
    kept = topic_codes[~topic_codes["text_id"].astype(str).isin(cleared)].reset_index(drop=True)
    # the topics a review names set as with_reviews sets reviewed themes
    out = with_reviews(kept, texts, pd.DataFrame({"answer_id": list(given), "themes": list(given.values())}))
    new = [t for t in topics_of if t not in set(out["text_id"].astype(str))]
    if new:
        out = pd.concat([out, pd.DataFrame({"text_id": new, "lang": "", "theme": [topics_of[t][0] for t in new],
                                            "themes": [";".join(topics_of[t]) for t in new], "confidence": 1.0,
                                            "evidence": "reviewed"})], ignore_index=True)
    return out


def _reviewed_cell(reviewed: pd.DataFrame) -> dict[str, str]:
    """answer_id → the ``reviewed_themes`` cell as the next workbook writes it back: the themes, then the topics."""
    topics = reviewed_topics(reviewed)
    return {str(a): "; ".join([*t, *topics.get(str(a), [])]) for a, t in zip(reviewed["answer_id"], reviewed["themes"])}


def with_reviews(codes: pd.DataFrame, texts: pd.DataFrame, reviewed: pd.DataFrame) -> pd.DataFrame:
    """Return ``codes`` with every text whose ``answer_id`` was reviewed (with themes) carrying exactly the
    reviewed themes: ``theme`` the first, ``themes`` all of them ``;``-joined, confidence 1 and evidence
    ``reviewed``. Other rows unchanged; the input frames are not modified."""
    given = reviewed_themes(reviewed)
    per_text = dict(zip(texts["text_id"].astype(str), texts["answer_id"].astype(str)))
    themes = [given.get(per_text.get(str(tid), "")) for tid in codes["text_id"]]
    hit = np.array([t is not None for t in themes], dtype=bool)
    out = codes.copy()
    if not hit.any():
        return out
    out.loc[hit, "theme"] = [t[0] for t in themes if t is not None]
    out.loc[hit, "themes"] = [";".join(t) for t in themes if t is not None]
    out.loc[hit, "confidence"] = 1.0
    if "evidence" in out.columns:
        out.loc[hit, "evidence"] = "reviewed"
    return out


def reviewed_examples(texts: pd.DataFrame, reviewed: pd.DataFrame, taxonomy: str) -> pd.DataFrame:
    """Return the reviewed answers of ``taxonomy`` as training examples for the coder: ``text``, ``themes``
    (list, main first), one row per distinct text, sorted — the answers present in ``texts`` and the stale ones
    (still an analyst's judgement of a real answer)."""
    present = set(texts["answer_id"].astype(str))
    rows = [(str(text), list(themes)) for aid, tax, text, themes in
            zip(reviewed["answer_id"], reviewed["taxonomy"], reviewed["text"], reviewed["themes"])
            if len(themes) and (tax == taxonomy or (tax == "" and str(aid) in present))]
    examples = pd.DataFrame(rows, columns=["text", "themes"])
    return examples.drop_duplicates("text").sort_values("text", kind="stable").reset_index(drop=True)


def review_rows(coded: pd.DataFrame, proposed: pd.DataFrame, reviewed: pd.DataFrame | None,
                taxonomy: str, topics: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the review sheet's rows for one taxonomy: one per distinct ``answer_id`` of ``coded`` (the coded
    texts), with the machine's proposal — for a reviewed answer the one made blind to the review
    (``proposed``, the coder's codes without it), else the final one; with ``topics`` (the needs taxonomy's other
    topics as the topic coder proposes them, blind to the review) the topics after the themes — and the analyst's
    columns from ``reviewed``."""
    first = coded.drop_duplicates("answer_id")
    blind = proposed.set_index("text_id").reindex(first["text_id"])
    ids = first["answer_id"].astype(str).tolist()
    given = {} if reviewed is None else dict(zip(reviewed["answer_id"].astype(str), reviewed["themes"]))
    cells = {} if reviewed is None else _reviewed_cell(reviewed)
    named = {} if topics is None or topics.empty else {
        str(t): [s for s in str(ts).split(";") if s and s != OTHER]
        for t, ts in zip(topics["text_id"], topics["themes"].fillna(""))}
    notes = {} if reviewed is None else dict(zip(reviewed["answer_id"].astype(str), reviewed["note"]))
    rows = []
    for i, aid in enumerate(ids):
        source = blind.iloc[i] if given.get(aid) else first.iloc[i]
        main, listed = str(source["theme"]), source["themes"]
        listed = listed.split(";") if isinstance(listed, str) else list(listed)
        evidence = source["evidence"] if "evidence" in source.index else ""
        extra = named.get(str(first["text_id"].iloc[i]), [])
        rows.append((aid, str(first["question"].iloc[i]), str(first["text"].iloc[i]), str(first["lang"].iloc[i]),
                     "; ".join(dict.fromkeys([main, *[str(t) for t in listed if t], *extra])),
                     round(float(source["confidence"]), 3), _cell(evidence), cells.get(aid, ""),
                     notes.get(aid, ""), taxonomy))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def review_pairs(coded: pd.DataFrame, proposed: pd.DataFrame, reviewed: pd.DataFrame | None) -> pd.DataFrame:
    """Return one row per reviewed answer of ``coded`` (``coded_texts``): ``answer_id``, ``analyst`` (the
    reviewed themes) and ``machine`` (the blind proposal, main theme first), sorted by answer id."""
    if reviewed is None or reviewed.empty:
        return pd.DataFrame(columns=["answer_id", "analyst", "machine"])
    given = reviewed_themes(reviewed)
    first = coded[coded["answer_id"].astype(str).isin(given)].drop_duplicates("answer_id")
    blind = proposed.set_index("text_id").reindex(first["text_id"])
    machine = [list(dict.fromkeys([str(m), *[t for t in str(ts).split(";") if t]]))
               for m, ts in zip(blind["theme"], blind["themes"])]
    ids = first["answer_id"].astype(str).tolist()
    pairs = pd.DataFrame({"answer_id": ids, "analyst": [given[a] for a in ids], "machine": machine})
    return pairs.sort_values("answer_id", kind="stable").reset_index(drop=True)


def stale_rows(reviewed: pd.DataFrame | None, present: Sequence[str]) -> pd.DataFrame:
    """Return the reviewed answers whose ``answer_id`` is not in ``present`` (no longer in the surveys), in the
    review sheet's columns; says how many in a warning."""
    if reviewed is None or reviewed.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    gone = _gone(reviewed, present)
    if len(gone):
        # the analyst's work no longer applies: say so where the run is watched, not only on a sheet
        log.warning("coding review: %d reviewed answer(s) are no longer in the surveys (the answer or its question "
                    "was edited, or the response removed); their reviews stay on the 'stale' sheet of "
                    "reports/coding_review.xlsx", len(gone))
    return pd.DataFrame({
        "answer_id": gone["answer_id"], "question": gone["question"], "text": gone["text"], "language": "",
        "proposed_themes": "", "confidence": np.nan, "evidence": "",
        "reviewed_themes": gone["answer_id"].astype(str).map(_reviewed_cell(gone)), "note": gone["note"],
        "taxonomy": gone["taxonomy"],
    }, columns=list(COLUMNS)).reset_index(drop=True)


def _gone(reviewed: pd.DataFrame, present: Sequence[str]) -> pd.DataFrame:
    """The reviewed answers whose ``answer_id`` is not in ``present``."""
    return reviewed[~reviewed["answer_id"].astype(str).isin({str(a) for a in present})]


def stale_reviews(reviewed: pd.DataFrame | None, present: Sequence[str], source: str) -> pd.DataFrame:
    """Return the reviewed answers that match no answer in ``present`` as ``input_problems`` rows
    (``stale_review``, one per sheet of the workbook ``source``, its rows): their themes apply to nothing, and the
    steering report says so (QA round 20: only the log and the workbook's 'stale' sheet did)."""
    from pipeline.schemas import records

    if reviewed is None or reviewed.empty:
        return records("input_problems", [])
    rows = [{"source": source, "problem": "stale_review", "value": str(sheet), "meant": "", "workshop_id": "",
             "rows": ", ".join(str(int(r)) for r in sorted(group["row"].dropna().astype(int)))}
            for sheet, group in _gone(reviewed, present).groupby("sheet", sort=True)]
    return records("input_problems", rows)


def sorted_for_review(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the review rows least confident first (ties by taxonomy, then answer id), reindexed."""
    return rows.sort_values(["confidence", "taxonomy", "answer_id"], kind="stable").reset_index(drop=True)


# --- agreement ----------------------------------------------------------------------------------------------------

AGREEMENT_COLUMNS = ("taxonomy", "theme", "reviewed", "analyst", "machine", "precision", "recall", "kappa", "alpha",
                     "answers", "share_reviewed", "uncertain")


def _ratio(num: int, den: int) -> float:
    return round(num / den, 3) if den else float("nan")


def _kappa(first: list, second: list, distance=None, alpha: bool = False) -> float:
    """Cohen's kappa (or with ``alpha`` Krippendorff's alpha under ``distance``) of two coders' labels of the same
    answers, by nltk's ``AnnotationTask``; NaN for fewer than two answers or when every label is one and the
    same (chance agreement 1: the coefficient is undefined)."""
    from nltk.metrics.agreement import AnnotationTask

    if len(first) < 2 or len(set(first) | set(second)) < 2:
        return float("nan")
    data = [("analyst", str(i), v) for i, v in enumerate(first)] + [("machine", str(i), v) for i, v in enumerate(second)]
    task = AnnotationTask(data=data) if distance is None else AnnotationTask(data=data, distance=distance)
    return round(float(task.alpha() if alpha else task.kappa()), 3)


def theme_catalogue(themes: pd.DataFrame) -> pd.DataFrame:
    """``theme, taxonomy, theme_name`` of every theme a review may give, by taxonomy and slug: the ``themes``
    table and the feedback ``other``, which the feedback taxonomy lacks and which is named like the needs'
    other in the report language."""
    catalogue = themes[["theme", "taxonomy", "theme_name"]]
    other_name = next(iter(themes.loc[themes["theme"] == OTHER, "theme_name"].astype(str)), OTHER)
    return pd.concat([catalogue, pd.DataFrame({"theme": [OTHER], "taxonomy": ["feedback"],
                                               "theme_name": [other_name]})
                      ]).drop_duplicates(["theme", "taxonomy"]).sort_values(["taxonomy", "theme"],
                                                                             kind="stable").reset_index(drop=True)


def agreement(pairs: pd.DataFrame, taxonomy: str, slugs: Sequence[str], coded: pd.DataFrame,
              threshold: float | None = None) -> pd.DataFrame:
    """Return the machine's agreement with the analyst for one taxonomy (columns ``AGREEMENT_COLUMNS``).

    ``pairs`` (``review_pairs``) has one row per reviewed answer with the ``analyst``'s and the ``machine``'s
    themes. Per theme of ``slugs`` and ``other``: the reviewed answers, how many of them the analyst and the
    machine gave the theme, precision and recall of the machine's theme against the analyst's, and Cohen's kappa
    of the two yes/no codings. Then an ``all`` row: micro precision and recall over themes, Cohen's kappa of the
    main themes and Krippendorff's alpha of the theme sets with the MASI distance (nltk). Every row also gives
    the distinct coded answers of ``coded`` (its ``coded_texts``), the share reviewed, and ``uncertain``: the
    unreviewed answers coded below the review threshold (with the theme, or in all) — what a review would settle;
    with ``threshold``, the unreviewed answers coded ``other`` below it count too (QA round 20: the two least
    confident answers of a survey, coded ``other``, were in no count). Without reviewed answers only the ``all``
    row is given."""
    from nltk.metrics.distance import masi_distance

    answers = coded.drop_duplicates("answer_id")
    unsure = answers.loc[answers["uncertain_themes"].map(bool), "uncertain_themes"]
    if threshold is not None and {"reviewed", "confidence", "source", "themes"} <= set(answers.columns):
        # coded as no theme at all, and that unsure: as uncertain as a theme below the threshold (open answers
        # only, like uncertain_themes)
        nothing = answers["themes"].map(lambda t: not [x for x in t if x != OTHER])
        below = (~answers["reviewed"].astype(bool) & (answers["confidence"].astype(float) < threshold)
                 & answers["source"].isin(("open", "other_text")) & nothing)
        unsure = pd.concat([unsure, pd.Series([[OTHER]] * int(below.sum()), dtype=object)], ignore_index=True)
    n = len(pairs)
    analyst = [frozenset(t) for t in pairs["analyst"]]
    machine = [frozenset(t) for t in pairs["machine"]]
    rows = []
    for theme in ([*[s for s in slugs if s != OTHER], OTHER] if n else []):
        a = [theme in s for s in analyst]
        m = [theme in s for s in machine]
        both = sum(x and y for x, y in zip(a, m))
        rows.append((taxonomy, theme, n, sum(a), sum(m), _ratio(both, sum(m)), _ratio(both, sum(a)), _kappa(a, m),
                     float("nan"), sum(theme in t for t in unsure)))
    both = sum(len(x & y) for x, y in zip(analyst, machine))
    mains_a = [t[0] if len(t) else OTHER for t in pairs["analyst"]]
    mains_m = [t[0] if len(t) else OTHER for t in pairs["machine"]]
    rows.append((taxonomy, "all", n, sum(map(len, analyst)), sum(map(len, machine)),
                 _ratio(both, sum(map(len, machine))), _ratio(both, sum(map(len, analyst))), _kappa(mains_a, mains_m),
                 _kappa(analyst, machine, masi_distance, alpha=True), len(unsure)))
    columns = [c for c in AGREEMENT_COLUMNS if c not in ("answers", "share_reviewed", "uncertain")] + ["uncertain"]
    frame = pd.DataFrame(rows, columns=columns)
    frame.insert(9, "answers", len(answers))
    frame.insert(10, "share_reviewed", _ratio(n, len(answers)))
    return frame


# --- the workbook -------------------------------------------------------------------------------------------------

def review_workbook(rows: pd.DataFrame, stale: pd.DataFrame, themes: pd.DataFrame, about: Sequence[str]) -> bytes:
    """Return ``coding_review.xlsx`` as bytes: sheet ``review`` (``rows``, a drop-down of the row's taxonomy's
    theme slugs in ``reviewed_themes``; several may be typed, ``;``-separated), ``stale``, ``themes`` (slug,
    taxonomy, name) and ``about`` (the lines of ``about``). Same input, same bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from pipeline.report.safe import safe_cell_text as excel_text
    from pipeline.workbook import workbook_bytes

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    _write_frame(sheet, rows, excel_text)
    widths = {"answer_id": 14, "question": 40, "text": 60, "language": 9, "proposed_themes": 24, "confidence": 11,
              "evidence": 40, "reviewed_themes": 24, "note": 30, "taxonomy": 10}
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = widths[column]
    fill = PatternFill("solid", fgColor="FFF2CC")
    for column in ("reviewed_themes", "note"):
        letter = sheet.cell(row=1, column=COLUMNS.index(column) + 1).column_letter
        for cell in sheet[letter][1:]:
            cell.fill = fill
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter in ("B", "C", "G"):
        for cell in sheet[letter][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "D2"
    if len(rows):
        sheet.auto_filter.ref = f"A1:{sheet.cell(row=1, column=len(COLUMNS)).column_letter}{len(rows) + 1}"

    names = book.create_sheet(THEMES_SHEET)
    catalogue = theme_catalogue(themes)
    _write_frame(names, catalogue.reset_index(drop=True), excel_text)
    letter = sheet.cell(row=1, column=COLUMNS.index("reviewed_themes") + 1).column_letter
    for taxonomy in sorted(set(catalogue["taxonomy"])):
        positions = [i + 2 for i, t in enumerate(catalogue["taxonomy"]) if t == taxonomy]
        at = [i + 2 for i, t in enumerate(rows["taxonomy"]) if t == taxonomy]
        if not at:
            continue
        # several themes may be typed into one cell, so the drop-down offers slugs without refusing the rest
        check = DataValidation(type="list", formula1=f"={THEMES_SHEET}!$A${positions[0]}:$A${positions[-1]}",
                               allow_blank=True, showErrorMessage=False)
        for r in at:
            check.add(f"{letter}{r}")
        sheet.add_data_validation(check)
    _write_frame(book.create_sheet(STALE_SHEET), stale, excel_text)
    info = book.create_sheet(ABOUT_SHEET)
    for index, line in enumerate(about, start=1):
        info.cell(row=index, column=1, value=excel_text(line))
    info.column_dimensions["A"].width = 120
    return workbook_bytes(book)


def _write_frame(sheet, frame: pd.DataFrame, excel_text) -> None:
    sheet.append([str(c) for c in frame.columns])
    for record in frame.itertuples(index=False):
        values = []
        for value in record:
            if isinstance(value, str):
                values.append(excel_text(value))
            elif value is None or (isinstance(value, float) and np.isnan(value)):
                values.append(None)
            else:
                values.append(value.item() if hasattr(value, "item") else value)
        sheet.append(values)
