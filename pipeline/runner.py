"""The thin runner: reads the inputs a config names, calls the pure stages in order, writes every output.

This is the only module (with the command line) that touches the file system. Every stage is timed and
logged with its rows in and out. All tables, figures and reports are computed first and written last, each
file atomically, under a lock on the output folder, so that a run that fails or is killed leaves the previous
outputs whole.
"""
from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Mapping

import pandas as pd

from pipeline import io as pio
from pipeline.config import Settings, SurveySource
from pipeline.errors import InputError
from pipeline.i18n import Messages
from pipeline.roles import assign_roles
from pipeline.schemas import SCHEMAS, conform, empty
from pipeline.survey import Survey
from pipeline.texts import survey_texts

log = logging.getLogger("pipeline")


@dataclass
class StageClock:
    """Seconds spent per stage, in the order the stages ran, a log line for each and, on a terminal, a
    progress bar over the run's ``stages`` naming the stage at work."""

    seconds: dict[str, float] = field(default_factory=dict)
    stages: int | None = None
    _bar: Any = None

    @contextmanager
    def stage(self, name: str, rows_in: int | None = None) -> Iterator[dict[str, Any]]:
        info: dict[str, Any] = {"rows_in": rows_in, "rows_out": None}
        if self._bar is None and self.stages:
            self._bar = progress(range(self.stages), "pipeline")
        if self._bar is not None:
            self._bar.set_postfix_str(name, refresh=True)
        start = time.perf_counter()
        yield info
        elapsed = time.perf_counter() - start
        if self._bar is not None:
            self._bar.update(1)
            if self._bar.n >= self.stages:
                self._bar.close()
        self.seconds[name] = self.seconds.get(name, 0.0) + elapsed
        parts = [f"stage {name}:"]
        if info["rows_in"] is not None:
            parts.append(f"rows in {info['rows_in']},")
        if info["rows_out"] is not None:
            parts.append(f"rows out {info['rows_out']},")
        parts.append(f"{elapsed:.2f} s")
        log.info(" ".join(parts))


def progress(items, description: str):
    """``items`` with a progress bar on a terminal (none with --quiet, or when stderr is not a terminal)."""
    from tqdm import tqdm

    quiet = log.getEffectiveLevel() > logging.INFO
    return tqdm(items, desc=description, unit="", leave=False, disable=True if quiet else None)


def read_source(source: SurveySource, kind: str, settings: Settings, key: bytes) -> Survey:
    """Read one survey export named by the config and assign its analysis roles."""
    from pipeline.ingest import read_survey

    survey = read_survey(source.path, spec=source.spec, key=key, params=settings.ingest)
    questions = assign_roles(survey.questions, kind, source.roles, source=str(settings.config_path))
    return survey.with_roles(questions)


def read_register(path: Path, settings: Settings) -> pd.DataFrame:
    """The workshop register as written, through ingest's table reader (so an Excel-saved register in
    cp1252 with ``;``, or an .xlsx one, reads too, with the same format checks); validation is the analysis
    stage's job."""
    from pipeline.ingest import read_table

    return read_table(path, params=settings.ingest)


@dataclass
class RunOutputs:
    """Everything one run produces, before it is written."""

    tidy: dict[str, pd.DataFrame] = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    figures: dict[str, bytes] = field(default_factory=dict)
    reports: dict[str, bytes] = field(default_factory=dict)
    ingest_reports: dict[str, dict] = field(default_factory=dict)
    rejected: list[pd.DataFrame] = field(default_factory=list)


def compute(settings: Settings, clock: StageClock) -> RunOutputs:
    """Run every stage on the inputs the settings name; return all outputs without writing anything."""
    from pipeline.analysis.feedback import feedback_tables, register_texts, with_coded_themes, workshop_register
    from pipeline.analysis.needs import needs_tables
    from pipeline.coding.coder import ThemeCoder
    from pipeline.coding.emerging import emerging_themes
    from pipeline.coding.taxonomy import load_taxonomy
    from pipeline.report import report_documents

    out = RunOutputs()
    key = settings.pseudonym_key()
    msgs = Messages(settings.lang)
    if not (settings.needs or settings.feedback or settings.workshops or settings.impact):
        raise InputError(f"{settings.config_path}: nothing to analyse; add [needs] file = \"PATH\"")

    with clock.stage("ingest") as info:
        surveys: dict[str, Survey] = {}
        if settings.needs:
            surveys["needs"] = read_source(settings.needs, "needs", settings, key)
        feedback = []
        for source in progress(settings.feedback, "feedback surveys"):
            survey = read_source(source, "feedback", settings, key)
            surveys[f"feedback:{survey.source}"] = survey
            feedback.append((source.workshop_id, survey))
        impact = read_source(settings.impact, "impact", settings, key) if settings.impact else None
        if impact is not None:
            surveys["impact"] = impact
        for name, survey in surveys.items():
            out.ingest_reports[name] = {"file": survey.source, "tool": survey.tool, **survey.report}
            if not survey.rejected.empty:
                out.rejected.append(survey.rejected.assign(file=survey.source))
        info["rows_in"] = sum(s.report.get("rows_in", 0) for s in surveys.values())
        info["rows_out"] = sum(s.report.get("accepted", 0) for s in surveys.values())

    needs_taxonomy = load_taxonomy(settings.taxonomy_needs)
    theme_names = {slug: needs_taxonomy.name(slug, settings.lang) for slug in needs_taxonomy.slugs}
    theme_names.setdefault("other", msgs("needs.theme.other"))
    needs_coder = ThemeCoder(needs_taxonomy, settings.coding)
    tables: dict[str, pd.DataFrame] = {}
    texts = empty("texts")
    codes = empty("codes")
    if "needs" in surveys:
        needs = surveys["needs"]
        with clock.stage("code") as info:
            texts = survey_texts(needs)
            info["rows_in"] = len(texts)
            codes = needs_coder.code(texts[["text_id", "text"]])
            tables["emerging_themes"] = emerging_themes(texts, codes, settings.coding,
                                                        normaliser=needs_coder.normaliser)
            info["rows_out"] = len(codes)
        with clock.stage("analyse_needs", rows_in=len(needs.answers)) as info:
            wp1 = needs_tables(needs, codes, texts, theme_names, settings.analysis)
            tables.update(wp1)
            info["rows_out"] = sum(len(t) for t in wp1.values())
        out.tidy.update(questions=needs.questions, respondents=needs.respondents, answers=needs.answers,
                        texts=texts, codes=codes)

    if settings.workshops is not None or feedback or impact is not None:
        with clock.stage("analyse_feedback") as info:
            workshops = None
            if settings.workshops is not None:
                workshops = workshop_register(read_register(settings.workshops, settings), settings.workshops.name)
                to_code = register_texts(workshops)
                if not to_code.empty:
                    workshops = with_coded_themes(workshops, needs_coder.code(to_code))
            feedback_taxonomy = load_taxonomy(settings.taxonomy_feedback)
            feedback_names = {**theme_names, **{slug: feedback_taxonomy.name(slug, settings.lang)
                                                for slug in feedback_taxonomy.slugs}}
            fb_texts = [survey_texts(s, roles=("good_text", "improve_text"), with_labels=False) for _, s in feedback]
            fb_texts = pd.concat(fb_texts, ignore_index=True) if fb_texts else empty("texts")
            fb_codes = ThemeCoder(feedback_taxonomy, settings.coding).code(fb_texts[["text_id", "text"]])
            wp3 = feedback_tables(workshops, feedback, impact, fb_codes, fb_texts,
                                  tables.get("theme_ranking"), settings.analysis, feedback_names)
            tables.update(wp3)
            info["rows_in"] = (0 if workshops is None else len(workshops)) + sum(
                len(s.answers) for s in [*(s for _, s in feedback), *([impact] if impact is not None else [])])
            info["rows_out"] = sum(len(t) for t in wp3.values())

    out.tables = tables
    with clock.stage("charts", rows_in=len(tables)) as info:
        out.figures = chart_files(tables, msgs)
        info["rows_out"] = len(out.figures)

    with clock.stage("report", rows_in=len(tables)) as info:
        pngs = {name[:-4]: data for name, data in out.figures.items() if name.endswith(".png")}
        meta = {
            "survey": settings.needs.path.name if settings.needs else "",
            "respondents": int(len(surveys["needs"].respondents)) if "needs" in surveys else 0,
            "run_date": datetime.now(timezone.utc).date().isoformat(),
            **{k: settings.analysis[k] for k in ("confidence", "bootstrap_samples", "min_count", "min_base",
                                                 "min_responses")},
        }
        report_tables = dict(tables)
        report_tables["open_answers"] = open_answers(texts, codes, surveys.get("needs"), theme_names)
        out.reports = report_documents(report_tables, pngs, meta, settings.lang)
        info["rows_out"] = len(out.reports)
    return out


def chart_files(tables: Mapping[str, pd.DataFrame], msgs: Messages) -> dict[str, bytes]:
    """Every chart whose table the run has, drawn by its chart function, as ``<stem>.png`` and ``.svg`` bytes."""
    from pipeline.charts import CHARTS

    files: dict[str, bytes] = {}
    for stem, (draw, table_name) in progress(list(CHARTS.items()), "charts"):
        table = tables.get(table_name)
        if table is None or table.empty:
            continue
        figure = draw(table, msgs)
        for fmt in ("png", "svg"):
            files[f"{stem}.{fmt}"] = pio.figure_bytes(figure, fmt, dpi=150, bbox_inches="tight")
    return files


def open_answers(texts: pd.DataFrame, codes: pd.DataFrame, survey: Survey | None,
                 theme_names: Mapping[str, str]) -> pd.DataFrame:
    """Every scrubbed open answer with its question text and coded themes (named), for the report."""
    answers = texts[texts["source"].isin(("open", "other_text"))]
    if survey is None or answers.empty:
        return pd.DataFrame(columns=["text_id", "question", "text", "themes"])
    question_text = survey.questions.set_index("question_id")["text"]
    merged = answers.merge(codes[["text_id", "themes"]], on="text_id", how="left")
    named = merged["themes"].fillna("other").map(
        lambda joined: ", ".join(theme_names.get(t, t) for t in joined.split(";") if t))
    return pd.DataFrame({"text_id": merged["text_id"],
                         "question": merged["question_id"].map(question_text),
                         "text": merged["text"], "themes": named}).reset_index(drop=True)


def processed_table(settings: Settings, name: str) -> pd.DataFrame:
    """One table a run wrote to ``processed/`` (Parquet when there is one, else CSV), cast to its schema.

    For notebooks and other readers of a finished run; list columns come back as lists.
    """
    parquet, csv = settings.processed / f"{name}.parquet", settings.processed / f"{name}.csv"
    if not parquet.exists() and not csv.exists():
        raise InputError(f"{settings.processed}: no table {name}; run `python -m pipeline run` first")
    frame = pd.read_parquet(parquet) if parquet.exists() else pd.read_csv(csv)
    lists = [c for c in frame.columns if frame[c].map(lambda v: hasattr(v, "tolist")).any()]
    frame = frame.assign(**{c: frame[c].map(lambda v: v.tolist() if hasattr(v, "tolist") else v) for c in lists})
    return conform(frame, name) if name in SCHEMAS else frame


def processed_survey(settings: Settings) -> Survey:
    """The needs survey of a finished run, rebuilt from its processed tidy tables (no raw file read)."""
    return Survey(source=settings.needs.path.name if settings.needs else "needs", tool="processed",
                  encoding=None, delimiter=None, header_rows=0,
                  questions=processed_table(settings, "questions"),
                  respondents=processed_table(settings, "respondents"),
                  answers=processed_table(settings, "answers"), rejected=empty("rejected"))


def write_outputs(settings: Settings, out: RunOutputs, clock: StageClock, started: datetime) -> list[Path]:
    """Write every output through a staging folder, so a failed or killed run leaves the previous set whole.

    Each file is written atomically into the stage; when all are there they are moved into place, the
    manifest (listing them all, with the seconds of each stage) last. Returns the final paths.
    """
    from pipeline.report.safe import safe_csv_frame

    files: dict[Path, bytes | pd.DataFrame | dict] = {}
    for name, frame in out.tidy.items():
        files[settings.processed / f"{name}.parquet"] = frame
    for name, frame in sorted(out.tables.items()):
        # people open these in a spreadsheet: answer text that starts like a formula is made inert
        files[settings.processed / f"{name}.csv"] = safe_csv_frame(frame)
    files[settings.processed / "rejected.csv"] = (
        pd.concat(out.rejected, ignore_index=True) if out.rejected
        else empty("rejected").assign(file=pd.Series(dtype="string")))
    files[settings.processed / "ingest_report.json"] = out.ingest_reports
    for name, data in sorted(out.figures.items()):
        files[settings.figures / name] = data
    for name, data in sorted(out.reports.items()):
        files[settings.reports / name] = data
    with pio.staged_outputs(settings.out) as stage:
        for path, content in files.items():
            _write(stage.path(path), content)
        manifest = pio.manifest(settings.input_files(), settings_summary(settings), stage.files(), started,
                                datetime.now(timezone.utc), root=stage.root, stage_seconds=clock.seconds)
        pio.write_json_atomic(stage.path(settings.processed / "manifest.json"), manifest)
    return [*files, settings.processed / "manifest.json"]


def _write(path: Path, content: bytes | pd.DataFrame | dict) -> None:
    if isinstance(content, bytes):
        pio.write_bytes_atomic(path, content)
    elif isinstance(content, dict):
        pio.write_json_atomic(path, content)
    elif path.suffix == ".parquet":
        pio.write_parquet_atomic(path, content)
    else:
        pio.write_csv_atomic(path, content)


def settings_summary(settings: Settings) -> dict[str, Any]:
    """The settings as plain data for the manifest (paths as strings, no key material)."""
    return {
        "config": str(settings.config_path) if settings.config_path else None,
        "lang": settings.lang,
        "needs": str(settings.needs.path) if settings.needs else None,
        "workshops": str(settings.workshops) if settings.workshops else None,
        "feedback": [str(s.path) for s in settings.feedback],
        "impact": str(settings.impact.path) if settings.impact else None,
        "taxonomy": {"needs": settings.taxonomy_needs, "feedback": settings.taxonomy_feedback},
        "analysis": dict(settings.analysis),
        "coding": dict(settings.coding),
        "ingest": dict(settings.ingest),
    }


def run(settings: Settings) -> list[Path]:
    """Run the whole pipeline under a lock on the output folder; return the files written."""
    started = datetime.now(timezone.utc)
    settings.out.mkdir(parents=True, exist_ok=True)
    has_wp3 = settings.workshops is not None or bool(settings.feedback) or settings.impact is not None
    # ingest, (code, analyse_needs), (analyse_feedback), charts, report, write
    clock = StageClock(stages=4 + 2 * (settings.needs is not None) + has_wp3)
    with pio.run_lock(settings.out):
        outputs = compute(settings, clock)
        with clock.stage("write") as info:
            written = write_outputs(settings, outputs, clock, started)
            info["rows_out"] = len(written)
    return written


def ingest_one(path: Path, out_dir: Path, settings: Settings, spec: Path | None = None) -> dict:
    """``ingest`` command: one export into tidy tables in ``out_dir``; returns the ingest report."""
    from pipeline.ingest import read_survey

    survey = read_survey(path, spec=spec, key=settings.pseudonym_key(), params=settings.ingest)
    report = {"file": survey.source, "tool": survey.tool, **survey.report}
    files = {"respondents.parquet": survey.respondents, "answers.parquet": survey.answers,
             "questions.parquet": survey.questions, "rejected.csv": survey.rejected,
             "ingest_report.json": report}
    with pio.run_lock(out_dir), pio.staged_outputs(out_dir) as stage:
        for name, content in files.items():
            _write(stage.path(out_dir / name), content)
    return report


def code_one(path: Path, out: Path, settings: Settings, *, text_column: str, id_column: str | None,
             taxonomy: str, explain: bool = False) -> list[str]:
    """``code`` command: code one column of free text; writes ``id,theme,themes,confidence`` to ``out``.

    Returns the ``--explain`` lines (empty without it). Raises ``InputError`` for an empty file, a missing
    column or a column that holds no text.
    """
    from pipeline.coding.coder import ThemeCoder
    from pipeline.coding.taxonomy import load_taxonomy
    from pipeline.ingest import read_table
    from pipeline.privacy import scrub_text

    frame = read_table(path)
    if frame.empty:
        raise InputError(f"{path.name}: no data rows")
    for column in (text_column, id_column):
        if column is not None and column not in frame.columns:
            raise InputError(f"{path.name}: no column {column!r}; columns are {', '.join(map(str, frame.columns))}")
    raw_text = frame[text_column].fillna("").astype(str).str.strip()
    if not raw_text.str.contains(r"[^\W\d_]", regex=True).any():
        raise InputError(f"{path.name}, column {text_column!r}: holds no text to code")
    ids = frame[id_column].astype(str) if id_column else pd.Series(range(1, len(frame) + 1)).astype(str)
    texts = pd.DataFrame({"text_id": ids.to_numpy(), "text": raw_text.map(scrub_text).to_numpy()})
    coder = ThemeCoder(load_taxonomy(_taxonomy_ref(taxonomy, settings)), settings.coding)
    codes = coder.code(texts)
    result = codes.rename(columns={"text_id": "id"})[["id", "theme", "themes", "confidence"]]
    order = {text_id: n for n, text_id in enumerate(texts["text_id"])}
    result = result.sort_values("id", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    pio.write_csv_atomic(out, result)
    if not explain:
        return []
    lines = []
    for text_id, text in zip(texts["text_id"], texts["text"]):
        detail = coder.explain(text, context=texts)
        lines.append(f"{text_id}: {json_line(detail)}")
    return lines


def _taxonomy_ref(taxonomy: str, settings: Settings) -> str:
    if taxonomy == "needs":
        return settings.taxonomy_needs
    if taxonomy == "feedback":
        return settings.taxonomy_feedback
    path = Path(taxonomy)
    if not path.exists():
        raise InputError(f"{taxonomy}: taxonomy file not found (use needs, feedback or a YAML path)")
    return str(path.resolve())


def json_line(obj: Any) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str)
