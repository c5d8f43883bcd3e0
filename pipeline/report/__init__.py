"""The report stage: steering-group summaries in HTML, XLSX, Markdown and PowerPoint, in fi, sv or en.

``report_documents`` returns the documents as bytes and writes nothing (the runner writes them to ``reports/``);
a run builds them in steps (``edition_tables``, then ``workbook_document`` beside the charts and
``text_documents`` after them). ``pipeline.report.safe`` holds the formula guard the runner also applies to
every CSV under ``reports/``.
"""
from __future__ import annotations

import functools

from typing import Any, Mapping

import pandas as pd

# The renderers (Jinja2, openpyxl, python-pptx) are imported by the functions that use them: a run builds the
# workbook in a worker process, which then imports openpyxl there, beside the main process.

__all__ = ["report_documents", "edition_tables", "text_documents", "workbook_document", "identifying", "with_identifying_quotes_marked", "without_identifying_quotes"]

# words that narrow an answer to one or a few companies ("the only sawmill in …")
NARROWING_WORDS = ("ainoa", "ainoana", "ainoat", "ainut", "ainoita", "only", "sole", "enda", "ende", "enaste")
COMPANY_FORMS = ("oy", "oyj", "ab", "ky", "tmi", "ltd", "inc", "gmbh")
QUOTE_TABLES = (("quotes", "text"), ("open_answers", "text"), ("feedback_quotes", "text"), ("question_answers", "text"),
                ("language_requests", "text"))
# tables whose column holds a list of quoted answers (an emerging theme's examples)
QUOTE_LISTS = (("emerging_themes", "examples"),)


def _places(tables: Mapping[str, pd.DataFrame]) -> set[str]:
    """Municipality and sub-region names the survey's segments name (folded, inflection-tolerant stems)."""
    from pipeline.keys import fold

    names: set[str] = set()
    segments = tables.get("theme_by_segment")
    if segments is not None and not segments.empty:
        geo = segments[segments["segment_type"].isin(["municipality", "subregion"])]
        for value in list(geo["segment"].dropna()) + list(geo["members"].dropna()):
            names.update(n.strip() for n in str(value).split(";") if n.strip())
    stems = set()
    for name in names:
        for word in fold(name).split():
            if len(word) >= 4 and word not in {"seutukunta", "region"}:
                stems.add(word[:-1] if len(word) > 5 else word)
    return stems


@functools.lru_cache(maxsize=8)
def _place_pattern(places: frozenset[str]):
    """One regular expression matching a word that starts with any of ``places`` (None for none): one match per
    word instead of one comparison per word and place."""
    import re

    if not places:
        return None
    return re.compile("|".join(re.escape(p) for p in sorted(places, key=lambda p: (-len(p), p))))


@functools.lru_cache(maxsize=1)
def _foreign_names() -> tuple[str, ...]:
    """Folded stems (inflection-tolerant, as ``_places``) of the words of country and language names in fi, sv
    and en (Babel's CLDR names: "Norja", "Sverige", "Germany", "Swedish"), without any word that is also a given
    name ("Georgia", "Martin") or shorter than five letters ("Chad", "Mali"): a capitalised word of these names a
    market or a language, not a person or a company."""
    import re

    from babel import Locale

    from pipeline.ingest.layout import first_names
    from pipeline.keys import fold

    given = first_names()
    words = {fold(w) for lang in ("fi", "sv", "en") for names in (Locale(lang).territories, Locale(lang).languages)
             for name in names.values() for w in re.findall(r"\w+", name)}
    return tuple(sorted({w[:-1] if len(w) > 5 else w for w in words if len(w) >= 5 and w not in given}))


def identifying(text: str, places: set[str]) -> bool:
    """True when an open answer names a place of the survey, a company (a company form such as Oy, or an
    identifier the scrubber replaced), a person or brand (a capitalised word inside a sentence), or says it
    is the only one of its kind."""
    import re

    from pipeline.keys import fold

    from pipeline.privacy import removes_something

    if not isinstance(text, str):
        return False
    # anything the scrubber replaced ("tack [name] för diskussionen", "[business_id]", "[phone]") named someone
    if removes_something(text):
        return True
    words = re.findall(r"\[?\w[\w:-]*\]?", text)
    folded = [fold(w) for w in words]
    if any(w in NARROWING_WORDS or w in COMPANY_FORMS for w in folded):
        return True
    starts = _place_pattern(frozenset(places))
    if starts is not None and any(starts.match(w) for w in folded):
        return True
    sentence_start = True
    foreign = _place_pattern(frozenset(_foreign_names()))
    for token in re.findall(r"[^\s]+", text):
        word = token.strip("\"'()[]«»„“”.,;:!?")
        # a country or language ("distributors in Sweden and Norway", "material på svenska / in Swedish") names
        # a market, not the respondent
        # an acronym's compound ("EU-tukea", "ELY-keskuksen", "CRM-järjestelmä") names an institution or a kind
        # of thing, not the respondent (QA round 33: every financing quote was marked)
        head = word.split("-", 1)[0]
        acronym = "-" in word and len(head) >= 2 and head.isupper()
        if word[:1].isupper() and not sentence_start and not word.isupper() and not acronym and \
                not (foreign is not None and foreign.match(fold(word))):
            return True
        sentence_start = token.endswith((".", "!", "?", ":"))
    return False


def with_identifying_quotes_marked(tables: Mapping[str, pd.DataFrame], mark: str) -> dict[str, pd.DataFrame]:
    """The steering edition's tables: every quote or open answer that ``identifying`` flags kept, with ``mark``
    (e.g. "(may identify the respondent)") after it, so that nobody copies it into a public text unread."""
    places = _places(tables)
    out = dict(tables)
    for name, column in QUOTE_TABLES:
        frame = out.get(name)
        if frame is not None and column in frame.columns and not frame.empty:
            flagged = frame[column].map(lambda t: identifying(t, places)).astype(bool).to_numpy()
            if flagged.any():
                frame = frame.copy()
                frame.loc[flagged, column] = [f"{t} {mark}" for t in frame.loc[flagged, column]]
                out[name] = frame
    for name, column in QUOTE_LISTS:
        frame = out.get(name)
        if frame is not None and column in frame.columns and not frame.empty:
            out[name] = frame.assign(**{column: [[f"{t} {mark}" if identifying(t, places) else t for t in _listed(v)]
                                                 for v in frame[column]]})
    return out


def _listed(value: Any) -> list:
    """A list column's cell as a list (a cell read back from a file may hold an array; a missing one, none)."""
    if isinstance(value, str):
        return [value]
    if value is None or (not hasattr(value, "__len__") and pd.isna(value)):
        return []
    return list(value)


def without_identifying_quotes(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The public edition's tables: every quote or open answer that ``identifying`` flags left out."""
    places = _places(tables)
    out = dict(tables)
    for name, column in QUOTE_TABLES:
        frame = out.get(name)
        if frame is not None and column in frame.columns and not frame.empty:
            keep = ~frame[column].map(lambda t: identifying(t, places)).astype(bool)
            out[name] = frame[keep.to_numpy()].reset_index(drop=True)
    for name, column in QUOTE_LISTS:
        frame = out.get(name)
        if frame is not None and column in frame.columns and not frame.empty:
            out[name] = frame.assign(**{column: [[t for t in _listed(v) if not identifying(t, places)]
                                                 for v in frame[column]]})
    return out


def _without_small_clusters(tables: Mapping[str, pd.DataFrame], min_count: int,
                            min_base: int = 5) -> dict[str, pd.DataFrame]:
    """``tables`` with the emerging themes of fewer than ``min_count`` companies left out (a cluster of two
    companies is a count of two, and its label and examples are their own words), and without the examples of a
    theme of fewer than ``min_base`` companies: three examples of three answers are every answer, and a trade word
    in one ("Porotilan sukupolvenvaihdos") names the firm that no name filter sees (QA round 24). Companies, not
    answers: a company's check-all "other" text and its open answer are two answers (QA round 33: a cluster of 2
    companies and 4 answers was published with one company's word in its label)."""
    frame = tables.get("emerging_themes")
    if frame is None or frame.empty:
        return dict(tables)
    counted = "companies" if "companies" in frame.columns else "answers"
    if counted not in frame.columns:
        return dict(tables)
    companies = pd.to_numeric(frame[counted], errors="coerce")
    frame = frame[(companies >= min_count).to_numpy(dtype=bool)].reset_index(drop=True)
    if "examples" in frame.columns:
        few = (pd.to_numeric(frame[counted], errors="coerce") < min_base).to_numpy(dtype=bool)
        frame = frame.assign(examples=[[] if f else v for f, v in zip(few, frame["examples"])])
    return {**tables, "emerging_themes": frame}


# every open answer with its themes: read beside the theme counts, they count what the public edition hides (a
# theme named in one answer), and each is a company's own words; the steering edition lists them
STEERING_ONLY = ("open_answers", "question_answers")


def edition_tables(tables: Mapping[str, pd.DataFrame], meta: Mapping[str, Any], lang: str) -> dict[str, pd.DataFrame]:
    """The tables as the edition shows them: the public edition (``meta["edition"] == "public"``) without the
    quotes ``identifying`` flags, without the lists of every open answer (``STEERING_ONLY``) and without the
    columns the registry keeps for the steering edition (``Output.steering_columns``), the steering edition with
    those quotes marked. A workshop without a feedback survey shows no "too few responses" flag either way."""
    tables = _unsurveyed_unflagged(tables)
    if meta.get("edition") == "public":
        from pipeline.outputs import BY_NAME

        shown = {n: f for n, f in tables.items() if n not in STEERING_ONLY}
        # columns the public edition publishes nothing of (the registry's steering_columns) are left out whole
        shown = {n: f.drop(columns=[c for c in (BY_NAME[n].steering_columns if n in BY_NAME else ())
                                    if c in f.columns]) for n, f in shown.items()}
        return without_identifying_quotes(_without_small_clusters(shown, int(meta.get("min_count", 3)),
                                                                  int(meta.get("min_base", 5))))
    from pipeline.i18n import Messages

    return with_identifying_quotes_marked(tables, Messages(lang)("report.quote.identifying"))


def _unsurveyed_unflagged(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``tables`` with ``feedback_summary.is_small_n`` left empty for the workshops no feedback survey was made
    of: "too few responses: no" beside a workshop with none read as a verdict (QA round 18)."""
    summary = tables.get("feedback_summary")
    if summary is None or not {"is_small_n", "is_surveyed"} <= set(summary.columns):
        return dict(tables)
    flag = summary["is_small_n"].astype("boolean").mask(~summary["is_surveyed"].astype(bool).to_numpy())
    return {**tables, "feedback_summary": summary.assign(is_small_n=flag)}


def _stem(meta: Mapping[str, Any]) -> str:
    return "summary-public" if meta.get("edition") == "public" else "summary"


def workbook_document(tables: Mapping[str, pd.DataFrame], meta: Mapping[str, Any], lang: str) -> dict[str, bytes]:
    """Return ``{"summary.xlsx": bytes}`` (``summary-public.xlsx`` in the public edition) from the edition's
    tables (``edition_tables``); it needs no chart, so a run builds it while the charts are drawn."""
    from pipeline.outputs import CHARTS
    from pipeline.report.content import report_content
    from pipeline.report.xlsx import summary_xlsx

    # the findings are the charts' headlines: a chart is drawn exactly when its table has rows (``stages.chart``),
    # so they are known without the drawings
    drawn = {c.stem: b"" for c in CHARTS if c.table in tables and not tables[c.table].empty}
    content = report_content(tables, drawn, meta, lang, tables_too=False)
    return {f"{_stem(meta)}.xlsx": summary_xlsx(tables, meta, lang, content.findings, content.warnings)}


def text_documents(tables: Mapping[str, pd.DataFrame], figures: Mapping[str, bytes], meta: Mapping[str, Any],
                   lang: str) -> dict[str, bytes]:
    """Return ``{"summary.html", "summary.md", "summary.pptx"}`` → bytes (``summary-public.*`` in the public
    edition) from the edition's tables (``edition_tables``) and the charts' PNGs."""
    from pipeline.report.content import report_content
    from pipeline.report.html import summary_html
    from pipeline.report.md import summary_md
    from pipeline.report.pptx import summary_pptx
    from pipeline.workbook import run_time

    content = report_content(tables, figures, meta, lang)
    stem = _stem(meta)
    return {
        f"{stem}.html": summary_html(content),
        f"{stem}.md": summary_md(content),
        f"{stem}.pptx": summary_pptx(content, run_time(meta.get("run_date"))),
    }


def report_documents(tables: Mapping[str, pd.DataFrame], figures: Mapping[str, bytes], meta: Mapping[str, Any],
                     lang: str) -> dict[str, bytes]:
    """Return ``{"summary.html", "summary.xlsx", "summary.md", "summary.pptx"}`` → document bytes; in the
    public edition (``meta["edition"] == "public"``) the names say so: ``summary-public.html`` ….

    ``tables``: the analysis tables by name (any may be absent; an absent table leaves its part out) plus
    ``open_answers`` [text_id, question, text, themes]. ``figures``: chart file stem → PNG bytes. ``meta``:
    ``survey`` (name), ``respondents`` (n), ``run_date`` (ISO date), and the method settings ``confidence``,
    ``bootstrap_samples``, ``min_count``, ``min_base`` (optionally ``min_responses``). ``lang``: fi, sv or en.
    (A run builds the same documents in two stages, the workbook beside the charts: ``pipeline.stages``.)
    """
    shown = edition_tables(tables, meta, lang)
    return {**text_documents(shown, figures, meta, lang), **workbook_document(shown, meta, lang)}
