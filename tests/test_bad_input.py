"""Every file of the bad-input corpus (tests/data/bad/) gets a clear answer from `python -m pipeline ingest`.

An `ok` file: exit 0 and an ingest_report.json in which every input row is accounted for. An `error` file:
exit 2 and exactly one stderr line `error: …` naming the file, with no table left behind. Never a traceback,
never a hang (each run has a generous time-out that only guards against hanging; it is not a speed test).
EXPECTED.csv says which answer each file must get; make_bad_corpus.py (re)creates the corpus.
"""
from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "bad"
HANG_GUARD_SECONDS = 60
CRASH_LINE = re.compile(r"rerun with --verbose|\b[A-Z]\w*(Error|Exception): ")


def _generator():
    spec = importlib.util.spec_from_file_location("make_bad_corpus", CORPUS / "make_bad_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_bad_corpus", module)
    writes_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = True  # no __pycache__ inside the corpus folder
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = writes_bytecode
    return module


GENERATOR = _generator()
with (CORPUS / "EXPECTED.csv").open(encoding="utf-8", newline="") as _fh:
    EXPECTED = list(csv.DictReader(_fh))


@dataclass(frozen=True)
class Outcome:
    path: Path
    out: Path
    returncode: int | None  # None: still running when the hang guard fired
    stderr: str


def _ingest(path: Path, out: Path, home: Path) -> Outcome:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
    env.update(PIPELINE_PSEUDONYM_KEY="bad-input-corpus-test-key", HOME=str(home), PYTHONIOENCODING="utf-8")
    try:
        done = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(path), "--out", str(out)],
                              cwd=REPO, env=env, capture_output=True, timeout=HANG_GUARD_SECONDS)
    except subprocess.TimeoutExpired as exc:
        return Outcome(path, out, None, (exc.stderr or b"").decode("utf-8", "replace"))
    return Outcome(path, out, done.returncode, done.stderr.decode("utf-8", "replace"))


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    """Runs ingest on every corpus file, a few at a time; {file name: outcome}."""
    made = tmp_path_factory.mktemp("made_at_test_time")
    home = tmp_path_factory.mktemp("home")
    paths = {}
    for case in GENERATOR.CASES:
        paths[case.file] = CORPUS / case.file if case.committed else GENERATOR.write_case(case, made)
    outs = {name: tmp_path_factory.mktemp("out") for name in paths}
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {name: pool.submit(_ingest, path, outs[name], home) for name, path in paths.items()}
        return {name: future.result() for name, future in futures.items()}


def test_corpus_has_at_least_30_files_each_listed_once_in_expected():
    listed = [row["file"] for row in EXPECTED]
    assert len(listed) >= 30
    assert len(set(listed)) == len(listed)
    assert {row["expect"] for row in EXPECTED} == {"ok", "error"}
    committed = {c.file for c in GENERATOR.CASES if c.committed}
    on_disk = {p.name for p in CORPUS.iterdir()} - {"make_bad_corpus.py", "EXPECTED.csv", "__pycache__"}
    assert on_disk == committed
    assert set(listed) == {c.file for c in GENERATOR.CASES}


def test_committed_corpus_is_what_the_generator_makes(tmp_path):
    GENERATOR.main(["--all", str(tmp_path)])
    assert (tmp_path / "EXPECTED.csv").read_bytes() == (CORPUS / "EXPECTED.csv").read_bytes()
    for case in GENERATOR.CASES:
        if case.committed and case.build is not None:
            assert (tmp_path / case.file).read_bytes() == (CORPUS / case.file).read_bytes(), case.file
    assert len((tmp_path / "field_2mb.csv").read_bytes()) > 2 * 1024 * 1024
    assert (CORPUS / "zip_bomb.xlsx").stat().st_size < 100 * 1024


@pytest.mark.slow
@pytest.mark.parametrize("row", EXPECTED, ids=[row["file"] for row in EXPECTED])
def test_ingest_answers_bad_input_clearly(row, outcomes):
    outcome = outcomes[row["file"]]
    name = outcome.path.name
    assert outcome.returncode is not None, f"{name}: ingest still running after {HANG_GUARD_SECONDS} s"
    assert "Traceback" not in outcome.stderr, f"{name} ({row['what']}):\n{outcome.stderr}"
    if row["expect"] == "ok":
        assert outcome.returncode == 0, f"{name} ({row['what']}) should be read:\n{outcome.stderr}"
        report = json.loads((outcome.out / "ingest_report.json").read_text(encoding="utf-8"))
        counts = {k: report[k] for k in ("rows_in", "accepted", "rejected", "duplicates")}
        assert all(isinstance(v, int) and v >= 0 for v in counts.values()), counts
        assert counts["rows_in"] == counts["accepted"] + counts["rejected"] + counts["duplicates"], counts
        assert counts["rows_in"] > 0, counts
        respondents = pd.read_parquet(outcome.out / "respondents.parquet")
        assert len(respondents) == counts["accepted"], counts
        pd.read_parquet(outcome.out / "answers.parquet")
        with (outcome.out / "rejected.csv").open(encoding="utf-8", newline="") as fh:
            rejected_rows = sum(1 for _ in csv.DictReader(fh))
        assert rejected_rows in (counts["rejected"], counts["rejected"] + counts["duplicates"]), counts
    else:
        assert outcome.returncode == 2, (
            f"{name} ({row['what']}) should be refused with exit 2, got {outcome.returncode}:\n{outcome.stderr}")
        lines = outcome.stderr.strip().splitlines()
        assert len(lines) == 1, f"{name}: expected one stderr line, got:\n{outcome.stderr}"
        assert lines[0].startswith("error: "), lines[0]
        assert name in lines[0], f"the message should name {name}: {lines[0]}"
        # The command line's last line of defence turns an unexpected exception into one line as well; that
        # is a crash, not a clear answer: the message must say what is wrong with the file.
        assert not CRASH_LINE.search(lines[0]), f"{name}: an unexpected exception, not a clear message: {lines[0]}"
        left = sorted(p.name for p in outcome.out.rglob("*") if p.suffix in {".parquet", ".tmp"})
        assert left == [], f"{name}: a refused file left tables behind: {left}"
