"""The thin runner: turns the settings into the graph's run inputs, runs the graph, writes every output.

What is computed from what is declared in ``pipeline.stages``; which table goes to which file in
``pipeline.outputs``. This module (with the command line) is the only one that touches the file system. Every
stage that runs is timed and logged with its rows in and out; stages whose inputs are unchanged since the last
run into the same folder come from the cache (``<out>/.pipeline-cache``). All tables, figures and reports are
computed first and written last, each file atomically, under a lock on the output folder, so that a run that
fails or is killed leaves the previous outputs whole (killed during the final moves, it leaves no manifest and
no summary, and the next run writes everything again); when they would not change at all, only the manifest is
written again.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import pandas as pd

from pipeline import io as pio
from pipeline import outputs
from pipeline.cache import CACHE_DIR_NAME, Cache
from pipeline.config import PACKAGE_DIR, Settings, SurveySource
from pipeline.errors import InputError
from pipeline.graph import NONE, Results, Source, code_fingerprints, digest
from pipeline.schemas import SCHEMAS, conform, empty, validate
from pipeline.survey import Survey

log = logging.getLogger("pipeline")
# threads writing the outputs: enough for the fsync waits of a few files to overlap on one disk
WRITE_THREADS = 4


@dataclass
class StageClock:
    """Seconds spent per phase of the run (ingest, code, analyse_needs, …, in the order they ran), a log line
    for each stage that runs and, on a terminal, a progress bar over ``stages`` naming the stage at work."""

    seconds: dict[str, float] = field(default_factory=dict)
    stages: int | None = None
    _bar: Any = None

    @contextmanager
    def stage(self, name: str, phase: str | None = None, rows_in: int | None = None) -> Iterator[dict[str, Any]]:
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
        self.record(phase or name, elapsed)
        parts = [f"stage {name}:"]
        if info["rows_in"] is not None:
            parts.append(f"rows in {info['rows_in']},")
        if info["rows_out"] is not None:
            parts.append(f"rows out {info['rows_out']},")
        parts.append(f"{elapsed:.2f} s")
        log.info(" ".join(parts))

    def record(self, phase: str, seconds: float) -> None:
        """Add ``seconds`` to ``phase``."""
        self.seconds[phase] = self.seconds.get(phase, 0.0) + seconds

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def progress(items, description: str):
    """``items`` with a progress bar on a terminal (none with --quiet, or when stderr is not a terminal)."""
    from tqdm import tqdm

    quiet = log.getEffectiveLevel() > logging.INFO
    return tqdm(items, desc=description, unit="", leave=False, disable=True if quiet else None)


def _file_fingerprint(path: Path | None) -> str:
    return NONE if path is None else digest(path.name, pio.file_sha256(path))


def _source_fingerprint(source: SurveySource) -> str:
    return digest(source.path.name, pio.file_sha256(source.path), _file_fingerprint(source.spec),
                  dict(source.roles), source.workshop_id, list(source.exclude))


def _previous_edition_source(folder: Path | None) -> Source:
    """The previous public edition's published bases (``pipeline.disclosure.previous_edition``), fingerprinted by
    the files they are read from."""
    if folder is None:
        return Source(NONE)
    from pipeline.disclosure import PREVIOUS_EDITION_FILES, previous_edition

    files = [folder / "processed" / name for name in PREVIOUS_EDITION_FILES]
    return Source(digest("previous", [_file_fingerprint(f) if f.is_file() else NONE for f in files]),
                  load=lambda: previous_edition(folder))


def _taxonomy_source(ref: str) -> Source:
    from pipeline.coding.taxonomy import taxonomy_path

    path = taxonomy_path(ref)

    def load() -> Any:
        from pipeline.coding.taxonomy import load_taxonomy

        return load_taxonomy(ref)

    return Source(digest(ref, pio.file_sha256(path)), load=load)


def _lemmatiser() -> str:
    from pipeline.text.voikko import voikko_available

    return "voikko" if voikko_available() else "simplemma"


def run_inputs(settings: Settings) -> dict[str, Source]:
    """The graph's run inputs (see ``pipeline.stages``) from the settings, each with its fingerprint: files by
    their content, settings by their values, the pseudonym key by its hash. Nothing is parsed here."""
    if not (settings.needs or settings.feedback or settings.workshops or settings.impact):
        raise InputError(f"{settings.config_path}: nothing to analyse; add [needs] file = \"PATH\"")
    key = settings.pseudonym_key()
    has_wp3 = settings.workshops is not None or bool(settings.feedback) or settings.impact is not None
    sources = {
        "needs_source": Source(_source_fingerprint(settings.needs), settings.needs) if settings.needs
        else Source(NONE),
        "impact_source": Source(_source_fingerprint(settings.impact), settings.impact) if settings.impact
        else Source(NONE),
        "register_file": Source(_file_fingerprint(settings.workshops), settings.workshops),
        "review_file": Source(_file_fingerprint(settings.review), settings.review),
        "attendance_file": Source(_file_fingerprint(settings.attendance), settings.attendance),
        "services_file": Source(_file_fingerprint(settings.services), settings.services),
        "previous_edition": _previous_edition_source(settings.previous_public),
        "needs_taxonomy": _taxonomy_source(settings.taxonomy_needs),
        "feedback_taxonomy": _taxonomy_source(settings.taxonomy_feedback),
        "pseudonym_key": Source(digest("key", hashlib.sha256(key).hexdigest()), key),
        "config_path": Source(digest(str(settings.config_path)), settings.config_path),
        "run_date": datetime.now(timezone.utc).date().isoformat(),
        "lang": settings.lang,
        "lemmatiser": Source(digest("lemmatiser", _lemmatiser()), load=_lemmatiser),
        "ingest": dict(settings.ingest),
        "coding": dict(settings.coding),
        "analysis": dict(settings.analysis),
    }
    if has_wp3:
        elements = tuple(_source_fingerprint(s) for s in settings.feedback)
        sources["feedback_sources"] = Source(digest(elements), tuple(settings.feedback), elements=elements)
    else:
        sources["feedback_sources"] = Source(NONE)
    return {k: v if isinstance(v, Source) else Source(digest(v), v) for k, v in sources.items()}


def code_versions() -> dict[str, str]:
    """Stage → hash of the code it runs (``pipeline.graph.code_fingerprints``) and of the library versions:
    results cached under other code are not reused."""
    from pipeline.stages import GRAPH

    return code_fingerprints(GRAPH.stages, PACKAGE_DIR, extra=(pio.library_versions(), sys.version))


def compute(settings: Settings, clock: "StageClock | None" = None, *, targets: Iterable[str] | None = None,
            cache: Cache | None = None) -> Results:
    """Run the stages the targets need (every stage when None) on the inputs the settings name; returns the
    ``Results`` (tables by name, loaded on demand) without writing any output. With a ``cache``, stages whose
    inputs are unchanged since it was filled are not recomputed."""
    from pipeline.stages import GRAPH

    return GRAPH.run(run_inputs(settings), targets=targets, cache=cache, code_version=code_versions(),
                     clock=clock, workers=int(settings.run["workers"]), check=check_output)


def check_output(stage: str, name: str, value: Any) -> None:
    """Check a table a stage returned against its schema (``pipeline.outputs`` names it); raises
    ``SchemaError`` naming the stage and the columns to fix."""
    output = outputs.BY_NAME.get(name)
    if output is not None and isinstance(value, pd.DataFrame) and output.schema_name in SCHEMAS:
        validate(value, output.schema_name, f"stage {stage}")


def processed_table(settings: Settings, name: str) -> pd.DataFrame:
    """One table a run wrote to ``processed/`` (Parquet when there is one, else CSV), cast to its schema.

    For notebooks and other readers of a finished run; list columns come back as lists.
    """
    parquet, csv = settings.processed / f"{name}.parquet", settings.processed / f"{name}.csv"
    made = _run_manifest(settings.processed)
    _refuse_another_run(settings, made)
    if not parquet.exists() and not csv.exists():
        output = outputs.BY_NAME.get(name)
        if made.get("edition") == "public" and output is not None and not output.in_public:
            raise InputError(f"{settings.processed}: a public run writes no table {name} (a row per answer or "
                             f"company); read a steering run of the project (--edition steering) instead")
        raise InputError(f"{settings.processed}: no table {name}; run `python -m pipeline run` first")
    frame = pd.read_parquet(parquet) if parquet.exists() else pd.read_csv(csv)
    lists = [c for c in frame.columns if frame[c].map(lambda v: hasattr(v, "tolist")).any()]
    frame = frame.assign(**{c: frame[c].map(lambda v: v.tolist() if hasattr(v, "tolist") else v) for c in lists})
    return conform(frame, name) if name in SCHEMAS else frame


def _run_manifest(processed: Path) -> dict[str, Any]:
    """What a finished run's manifest says of it: ``edition`` and ``inputs`` (the file names it read); {} when
    there is no readable manifest. Read once per version of the file: a notebook loads a dozen tables."""
    path = processed / pio.MANIFEST_NAME
    try:
        return _manifest_facts(str(path), path.stat().st_mtime_ns)
    except OSError:
        return {}


@functools.lru_cache(maxsize=8)
def _manifest_facts(path: str, _mtime_ns: int) -> dict[str, Any]:
    """``_run_manifest`` of the manifest at ``path`` as it was at ``_mtime_ns`` (the cache key)."""
    try:
        made = json.loads(Path(path).read_text(encoding="utf-8"))
        return {"edition": str(made["settings"]["analysis"].get("edition", "steering")),
                "inputs": sorted({Path(str(e["path"])).name for e in made.get("inputs", [])})}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _refuse_another_run(settings: Settings, made: Mapping[str, Any]) -> None:
    """Raise ``InputError`` when ``processed/`` holds a run of other inputs than the config names: a notebook given
    a project's config but the repository's folder showed the demo's tables as the project's, and its rerun cell
    compared the two surveys (QA round 25)."""
    if not made.get("inputs"):
        return
    wanted = sorted({p.name for p in settings.input_files()})
    if wanted and wanted != made["inputs"]:
        from pipeline.privacy import scrub_path

        shown = ", ".join(scrub_path(n) for n in made["inputs"][:3]) + (", …" if len(made["inputs"]) > 3 else "")
        raise InputError(f"{settings.processed}: these tables are a run of other files ({shown}) than "
                         f"{settings.config_path.name if settings.config_path else 'the config'} names; point "
                         f"PIPELINE_OUT (make … OUT=…) at this project's output folder, or run it again there")


def processed_survey(settings: Settings) -> Survey:
    """The needs survey of a finished run, rebuilt from its processed tidy tables (no raw file read)."""
    return Survey(source=settings.needs.path.name if settings.needs else "needs", tool="processed",
                  encoding=None, delimiter=None, header_rows=0,
                  questions=processed_table(settings, "questions"),
                  respondents=processed_table(settings, "respondents"),
                  answers=processed_table(settings, "answers"), rejected=empty("rejected"))


def output_files(settings: Settings, results: Results, skip: Iterable[str] = ()) -> dict[str, dict[Path, Any]]:
    """Every file a run writes (``pipeline.outputs``, then the figures and reports), by the result it comes
    from: result name → {path: content}. The results in ``skip`` are left out without being loaded."""
    from pipeline.report.safe import safe_csv_frame

    skip = set(skip)
    files: dict[str, dict[Path, Any]] = {}
    for output in outputs.written():
        if output.name in skip:
            continue
        if not output.in_public and _public(settings):
            files[output.name] = {}
            continue
        value = results[output.name]
        if value is not None and _public_view(settings, output):
            value = results["report_tables"].get(output.name, value)
        if value is not None and _public(settings):
            value = _without_pseudonyms(output, value)
        # people open the CSVs in a spreadsheet: answer text that starts like a formula is made inert
        files[output.name] = {} if value is None else {
            settings.out / output.file: safe_csv_frame(value) if output.format == "csv" else value}
    for name, folder in (("figures", settings.figures), ("coding_review", settings.reports),
                         ("reports", settings.reports)):
        if name not in skip:
            files[name] = {folder / file: data for file, data in sorted((results[name] or {}).items())}
    return files


def _without_pseudonyms(output: outputs.Output, value: Any) -> Any:
    """``value`` without its pseudonym columns (``outputs.PSEUDONYM``): a public run's processed folder is published,
    and a quote's ``text_id`` is its respondent's pseudonym, the same in every edition made with the project's key,
    which links the quote to that company's answers (QA round 24)."""
    if not isinstance(value, pd.DataFrame):
        return value
    linked = [c for c in value.columns if outputs.column_kind(output.name, str(c), []) == outputs.PSEUDONYM]
    return value.drop(columns=linked) if linked else value


def _public(settings: Settings) -> bool:
    """Whether the run makes the public edition."""
    from pipeline.disclosure import PUBLIC

    return settings.analysis.get("edition") == PUBLIC


def _public_view(settings: Settings, output: outputs.Output) -> bool:
    """Whether ``output``'s file holds the public report's view of it (``Output.public_view``, public edition):
    the processed folder of a public run is published too, so it holds no quote the public report left out."""
    return output.public_view and _public(settings)


def written_results() -> list[str]:
    """The names of the results a run writes to files, in the order ``output_files`` gives them."""
    return [o.name for o in outputs.written()] + ["figures", "coding_review", "reports"]


def _manifest_path(settings: Settings, path: Path) -> str:
    """``path`` as the manifest lists it: relative to the output root, scrubbed like every manifest path."""
    from pipeline.privacy import scrub_path

    return scrub_path(path.relative_to(settings.out).as_posix())


def _kept_outputs(settings: Settings, keys: dict[str, str]
                  ) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, Any]]]:
    """(result name → the previous manifest's entries of its files, for each result whose key is what it was in
    the previous run and whose files are all still there with the hash that manifest gives: those files are
    left as they are, their results not even loaded; the previous manifest's entries by path)."""
    try:
        previous = json.loads((settings.processed / pio.MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        folders = [settings.out / folder for folder in ("processed", "figures", "reports")]
        if any(f.is_dir() and any(not p.name.startswith(".") for p in f.iterdir()) for f in folders):
            log.warning("%s: outputs without a manifest (a run was stopped while writing them); every output is "
                        "written again", settings.out)
        return {}, {}
    entries = {e.get("path"): e for e in previous.get("outputs", []) if isinstance(e, dict)}
    kept: dict[str, list[dict[str, Any]]] = {}
    for name, info in (previous.get("output_keys") or {}).items():
        if not isinstance(info, dict) or keys.get(name) != info.get("key"):
            continue
        files = [entries.get(p) for p in info.get("paths", [])]
        if any(f is None for f in files):
            continue
        changed = [f["path"] for f in files if not (settings.out / f["path"]).is_file()
                   or pio.file_sha256(settings.out / f["path"]) != f["sha256"]]
        if changed:
            log.warning("%s: differs from the manifest of the previous run (changed by hand, or the run was stopped "
                        "while writing); written again", settings.out / changed[0])
            continue
        kept[name] = files
    return kept, entries


def _unchanged_files(settings: Settings, files: dict[str, dict[Path, Any]], previous: dict[str, dict[str, Any]]
                     ) -> dict[str, list[dict[str, Any]]]:
    """Result name → the previous manifest's entries of those of its recomputed files whose bytes are the very
    bytes already there (one chart of a collector changed, the others drawn again the same): they are taken out
    of ``files`` (modified in place) and stay as they are."""
    same: dict[str, list[dict[str, Any]]] = {}
    for name, contents in files.items():
        for path, content in list(contents.items()):
            entry = previous.get(_manifest_path(settings, path)) if isinstance(content, bytes) else None
            if entry is None or entry.get("sha256") != hashlib.sha256(content).hexdigest() or not path.is_file() \
                    or pio.file_sha256(path) != entry["sha256"]:
                continue
            same.setdefault(name, []).append(entry)
            del contents[path]
    return same


def _remove_stale(settings: Settings, previous: dict[str, dict[str, Any]], current: set[str]) -> list[str]:
    """Delete the files the previous run's manifest lists that this run does not write (a needs-only project run
    into a folder of the demo's kept the demo's funnel and feedback charts beside its own, QA round 12); return
    their manifest paths. A file changed since that run was written is no file of ours to delete: left, and
    said."""
    removed = []
    manifest = _manifest_path(settings, settings.processed / pio.MANIFEST_NAME)
    for path, entry in sorted(previous.items()):
        if not isinstance(path, str) or path in current or path == manifest:
            continue
        target = settings.out / path
        if not target.is_file():
            continue
        if pio.file_sha256(target) != entry.get("sha256"):
            log.warning("%s: an output of the previous run that this run does not write, changed since; left in "
                        "place", target)
            continue
        target.unlink()
        removed.append(path)
    if removed:
        log.info("%d output file(s) of the previous run that this run does not write removed (%s)", len(removed),
                 ", ".join(removed[:3]) + (", …" if len(removed) > 3 else ""))
    return removed


def write_outputs(settings: Settings, results: Results, clock: StageClock, started: datetime) -> list[Path]:
    """Write every output through a staging folder, so a failed or killed run leaves the previous set whole.

    Each file is written atomically into the stage; when all are there they are moved into place, the
    manifest (listing them all, with the seconds of each phase) last. A result whose key (its fingerprint)
    is what it was in the previous run, with its files intact, is neither loaded nor written: its files stay.
    The previous run's files that this run does not write are removed (``_remove_stale``). Returns the final
    paths.
    """
    names = written_results()
    # a file holding the public report's view changes with it, so its key does too
    viewed = {o.name for o in outputs.written() if _public_view(settings, o)}
    keys = {n: digest(settings.out.name, n, results.fingerprints.get(n, NONE),
                      *([results.fingerprints.get("report_tables", NONE)] if n in viewed else [])) for n in names}
    manifest_path = settings.processed / pio.MANIFEST_NAME
    kept, previous = _kept_outputs(settings, keys)
    files = output_files(settings, results, skip=kept)
    output_keys = {n: {"key": keys[n], "paths": [e["path"] for e in kept[n]] if n in kept else
                       [_manifest_path(settings, p) for p in files[n]]} for n in names}
    same = _unchanged_files(settings, files, previous)
    kept_entries = [e for group in (kept, same) for n in group for e in group[n]]
    kept_paths = [settings.out / e["path"] for e in kept_entries]
    written = [p for n in names if n in files for p in files[n]]
    # before anything is removed or written: an output open in Excel stops the run with every file as it was
    for path in written:
        pio.check_replaceable(path)
    # before anything is written: a run stopped after this leaves a manifest listing files that are gone, which
    # the next run writes again, never a stale file that no manifest lists
    _remove_stale(settings, previous,
                  {_manifest_path(settings, p) for p in written} | {e["path"] for e in kept_entries})

    def with_kept(manifest: dict[str, Any]) -> dict[str, Any]:
        listed = sorted([*manifest["outputs"], *kept_entries], key=lambda e: e["path"])
        return {**manifest, "outputs": listed, "output_keys": output_keys}

    if not written:
        manifest = pio.manifest(settings.input_files(), settings_summary(settings), [], started,
                                datetime.now(timezone.utc), root=settings.out, stage_seconds=clock.seconds,
                                inputs_root=_inputs_root(settings))
        pio.write_json_atomic(manifest_path, with_kept(manifest))
        log.info("0 output file(s) written, %d kept unchanged from the last run, and the manifest", len(kept_paths))
        return [*kept_paths, manifest_path]
    with pio.staged_outputs(settings.out) as stage:
        staged = [(stage.path(path), content) for n in names if n in files for path, content in files[n].items()]
        # each file is fsynced: written from a few threads, the waits for the disk overlap (fsync and file
        # writes release the GIL); the bytes are the same in whatever order the files are written
        with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
            for done in [pool.submit(_write, path, content) for path, content in staged]:
                done.result()
        manifest = pio.manifest(settings.input_files(), settings_summary(settings), stage.files(), started,
                                datetime.now(timezone.utc), root=stage.root, stage_seconds=clock.seconds,
                                inputs_root=_inputs_root(settings))
        pio.write_json_atomic(stage.path(manifest_path), with_kept(manifest))
    # said once they are in place (a run stopped by a file it could not replace had said "written" first);
    # a rerun keeps the files whose results did not change: how many were written and how many kept
    log.info("%d output file(s) written, %d kept unchanged from the last run, and the manifest", len(written),
             len(kept_paths))
    return [*written, *kept_paths, manifest_path]


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
    """The settings as plain data for the manifest (no key material; the config by its file name and the files it
    names by their paths from its folder: a public run's manifest is published, and an absolute path names the
    user's home folder)."""
    base = _inputs_root(settings)

    def shown(path: Any) -> str | None:
        return None if path is None else pio.shown_path(path, base).as_posix()

    return {
        "config": settings.config_path.name if settings.config_path else None,
        "lang": settings.lang,
        "needs": shown(settings.needs.path) if settings.needs else None,
        "workshops": shown(settings.workshops),
        "attendance": shown(settings.attendance),
        "services": shown(settings.services),
        "feedback": [shown(s.path) for s in settings.feedback],
        "impact": shown(settings.impact.path) if settings.impact else None,
        # a shipped taxonomy by its name, the project's own by its path
        "taxonomy": {key: shown(value) if Path(value).is_absolute() else value
                     for key, value in (("needs", settings.taxonomy_needs), ("feedback", settings.taxonomy_feedback))},
        "analysis": dict(settings.analysis),
        "coding": dict(settings.coding),
        "ingest": dict(settings.ingest),
        "run": dict(settings.run),
    }


def _inputs_root(settings: Settings) -> Path | None:
    """The folder the manifest gives input paths from: the config's."""
    return settings.config_path.parent if settings.config_path else None


def run(settings: Settings) -> list[Path]:
    """Run the whole pipeline under a lock on the output folder; return the files written."""
    from pipeline.stages import GRAPH

    started = datetime.now(timezone.utc)
    settings.out.mkdir(parents=True, exist_ok=True)
    clock = StageClock(stages=len(GRAPH.stages) + 1)
    with pio.run_lock(settings.out):
        _same_edition(settings)
        cache = Cache(settings.out / CACHE_DIR_NAME)
        if not settings.run["cache"]:
            cache.clear()
        try:
            results = compute(settings, clock, cache=cache)
            with clock.stage("write") as info:
                written = write_outputs(settings, results, clock, started)
                info["rows_out"] = len(written)
        finally:
            clock.close()
        cached = [s.name for s in GRAPH.stages if s.name in results.keys and s.cache]
        reused = [name for name in cached if name not in results.ran]
        if reused:
            # out of the stages a cache holds: the others (cheap, not cached) read "3 of 57 ran" when none did
            log.info("stages unchanged since the last run, taken from the cache: %d of %d", len(reused),
                     len(cached))
        cache.prune()
    return written


def _same_edition(settings: Settings) -> None:
    """Refuse (``InputError``) a run into an output folder that holds the other edition's outputs (its
    manifest says which): a public run over a steering one would leave the steering summaries, the review
    workbook and the microdata in the folder about to be published, and a steering run over a public one would
    mix the two. A folder without a manifest is no run's."""
    from pipeline.disclosure import STEERING

    try:
        previous = json.loads((settings.processed / pio.MANIFEST_NAME).read_text(encoding="utf-8"))
        before = str(previous["settings"]["analysis"].get("edition", STEERING))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return
    now = str(settings.analysis.get("edition", STEERING))
    if before != now:
        raise InputError(f"{settings.out}: holds the {before} edition's outputs; give the {now} run its own --out "
                         f"(or delete that folder's processed/, figures/ and reports/ first)")


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
    # an id column may hold addresses (the form's e-mail column): written scrubbed, like the texts
    ids = frame[id_column].fillna("").astype(str).map(scrub_text) if id_column \
        else pd.Series(range(1, len(frame) + 1)).astype(str)
    texts = pd.DataFrame({"text_id": ids.to_numpy(), "text": raw_text.map(scrub_text).to_numpy()})
    themes = load_taxonomy(_taxonomy_ref(taxonomy, settings))
    # bad input is refused before the coder's libraries are loaded (they take a second or two)
    from pipeline.coding.coder import ThemeCoder

    coder = ThemeCoder(themes, settings.coding)
    reviewed = _reviews_for_code(settings, _project_taxonomy(taxonomy, settings))
    codes = coder.code(texts, reviewed=reviewed)
    result = codes.rename(columns={"text_id": "id"})[["id", "theme", "themes", "confidence"]]
    order = {text_id: n for n, text_id in enumerate(texts["text_id"])}
    result = result.sort_values("id", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    from pipeline.report.safe import safe_csv_frame

    pio.write_csv_atomic(out, safe_csv_frame(result))     # an id may start like a formula
    if not explain:
        return []
    lines = []
    decided = {} if reviewed is None else dict(zip(reviewed["text"], reviewed["themes"]))
    for text_id, text in zip(texts["text_id"], texts["text"]):
        detail = coder.explain(text, context=texts)
        if text in decided:
            # the project's tables give the reviewed themes: the machine's reasons are shown beside them
            detail = {**detail, "reviewed": list(decided[text]),
                      "decided_by": f"the review in {settings.review.name} ([coding] review)"}
        lines.append(f"{text_id}: {json_line(detail)}")
    return lines


def _reviews_for_code(settings: Settings, taxonomy: str) -> pd.DataFrame | None:
    """The ``text, themes`` of the answers the project's review workbook (``[coding] review`` of ``--config``)
    reviewed with themes of ``taxonomy`` (needs or feedback), for the ``code`` command; None without one. QA round
    32: ``code --explain --config`` explained the machine's theme of an answer every table gave the reviewed one."""
    if taxonomy not in ("needs", "feedback") or settings.review is None or not Path(settings.review).is_file():
        return None
    from pipeline.coding.taxonomy import load_taxonomy
    from pipeline.stages import coding_reviews

    reviewed = coding_reviews(Path(settings.review), None, load_taxonomy(settings.taxonomy_needs),
                              load_taxonomy(settings.taxonomy_feedback))
    mine = reviewed[(reviewed["taxonomy"].isin([taxonomy, ""])) & reviewed["themes"].map(bool)]
    return mine[["text", "themes"]].drop_duplicates("text").reset_index(drop=True) if len(mine) else None


def _project_taxonomy(taxonomy: str, settings: Settings) -> str:
    """``taxonomy`` as the project's name for it: "needs" or "feedback" when it is either of them or a path to
    the file the project's config names for it (QA round 37: ``--taxonomy taxonomy_needs.yaml``, the project's own
    file, coded without the project's review), else as given."""
    if taxonomy in ("needs", "feedback") or not Path(taxonomy).exists():
        return taxonomy
    given = Path(taxonomy).resolve()
    for name, ref in (("needs", settings.taxonomy_needs), ("feedback", settings.taxonomy_feedback)):
        if Path(ref).exists() and Path(ref).resolve() == given:
            return name
    if settings.review is not None and Path(settings.review).is_file():
        log.info("%s: not a taxonomy the config names, so the review in %s is not applied", taxonomy,
                 Path(settings.review).name)
    return taxonomy


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
