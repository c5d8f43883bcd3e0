"""pipeline.io: atomic writes, byte-reproducible tables, the run lock, staged outputs and the manifest."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pipeline
from pipeline import io
from pipeline.errors import InputError

REPO = Path(__file__).resolve().parents[1]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "respondent_id": pd.array(["r2", "r1", None], dtype="string"),
        "score": [1.5, np.nan, 0.1 + 0.2],
        "n_answers": pd.array([3, None, 1], dtype="Int64"),
        "options": [["a", "b"], [], ["c"]],
        "is_dont_know": [False, True, False],
        "submitted_at": pd.to_datetime(["2024-05-01 10:00", None, "2024-05-02 11:30"]),
    })


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_bytes_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "out.bin"
    io.write_bytes_atomic(target, b"old")
    io.write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert _leftovers(target.parent) == []


def test_written_file_has_the_usual_permissions_not_the_temp_files_0600(tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    target = io.write_text_atomic(tmp_path / "a.txt", "x")
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_writer_failing_midway_leaves_the_previous_file_whole(tmp_path):
    target = tmp_path / "table.csv"
    io.write_text_atomic(target, "a,b\n1,2\n")
    with pytest.raises(RuntimeError, match="killed midway"):
        with io.atomic_file(target) as fh:
            fh.write(b"a,b\n9,")
            raise RuntimeError("killed midway")
    assert target.read_text() == "a,b\n1,2\n"
    assert _leftovers(tmp_path) == []


def test_frame_that_cannot_be_serialised_leaves_the_previous_parquet_whole(tmp_path):
    target = tmp_path / "answers.parquet"
    io.write_parquet_atomic(target, _frame())
    before = target.read_bytes()
    unstorable = pd.DataFrame({"value": [1, "two", object()]})
    with pytest.raises(Exception):
        io.write_parquet_atomic(target, unstorable)
    assert target.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_csv_serialisation_failing_midway_leaves_the_previous_csv_whole(tmp_path):
    class Exploding:
        def __str__(self):
            raise ValueError("cannot format this cell")

    target = tmp_path / "theme_ranking.csv"
    io.write_csv_atomic(target, pd.DataFrame({"theme": ["a"]}))
    # Enough rows that part of the file is written before the bad cell is reached.
    rows = ["x" * 100] * 20000 + [Exploding()]
    with pytest.raises(ValueError, match="cannot format"):
        io.write_csv_atomic(target, pd.DataFrame({"theme": rows}))
    assert target.read_bytes() == io.csv_bytes(pd.DataFrame({"theme": ["a"]}))
    assert _leftovers(tmp_path) == []


def test_failed_rename_leaves_the_previous_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    io.write_json_atomic(target, {"rows_in": 1})

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io.os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        io.write_json_atomic(target, {"rows_in": 2})
    assert json.loads(target.read_text()) == {"rows_in": 1}
    assert _leftovers(tmp_path) == []


def test_repeat_parquet_writes_are_byte_identical_whatever_the_index(tmp_path):
    frame = _frame()
    shuffled = frame.iloc[[2, 0, 1]].sort_index()  # equal rows, index rebuilt by a filter
    first = io.write_parquet_atomic(tmp_path / "1.parquet", frame)
    second = io.write_parquet_atomic(tmp_path / "2.parquet", frame)
    third = io.write_parquet_atomic(tmp_path / "3.parquet", shuffled[shuffled["is_dont_know"].notna()])
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()
    back = pd.read_parquet(first)
    pd.testing.assert_frame_equal(back, frame, check_dtype=False)


def test_parquet_bytes_are_the_same_in_another_process_with_another_hash_seed(tmp_path):
    here = io.write_parquet_atomic(tmp_path / "here.parquet", _frame())
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_io import _frame
        from pipeline import io
        io.write_parquet_atomic(sys.argv[1], _frame())
    """)
    there = tmp_path / "there.parquet"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(there)], check=True, env=env, cwd=REPO)
    assert there.read_bytes() == here.read_bytes()


def test_csv_is_utf8_without_index_with_newline_ends_and_stable_floats(tmp_path):
    frame = pd.DataFrame({
        "theme": ["digitalisaatio", "vienti", "hållbarhet"],
        "share": [0.1 + 0.2, 1 / 3, np.nan],
        "ci_low": [2.0, 1e-20, 123456789.123456789],
        "n_companies": pd.array([3, None, 12], dtype="Int64"),
    }, index=[7, 3, 5])
    target = io.write_csv_atomic(tmp_path / "t.csv", frame)
    assert target.read_bytes() == (
        '"theme","share","ci_low","n_companies"\n'
        '"digitalisaatio",0.3,2,3\n'
        '"vienti",0.333333333333,1e-20,\n'
        '"hållbarhet",,123456789.123,12\n'
    ).encode("utf-8")
    assert io.csv_bytes(frame) == target.read_bytes()


def test_json_has_sorted_keys_json_types_and_the_same_bytes_for_equal_objects(tmp_path):
    one = {"rows_in": np.int64(5), "share": np.float64("nan"), "when": datetime(2024, 1, 2, 3, 4),
           "file": Path("raw/needs.csv"), "warnings": ("a", "b"), "seen": {"z", "y"}, "ä": pd.NA,
           "first": np.datetime64("2024-05-01T10:00:00.000000000"), "last": np.datetime64("NaT")}
    two = dict(reversed(list(one.items())))
    a = io.write_json_atomic(tmp_path / "a.json", one)
    b = io.write_json_atomic(tmp_path / "b.json", two)
    assert a.read_bytes() == b.read_bytes()
    assert json.loads(a.read_text("utf-8")) == {
        "file": "raw/needs.csv", "first": "2024-05-01T10:00:00", "last": None, "rows_in": 5, "seen": ["y", "z"], "share": None,
        "warnings": ["a", "b"], "when": "2024-01-02T03:04:00", "ä": None}
    assert a.read_text("utf-8").endswith("}\n")
    assert '"ä"' in a.read_text("utf-8")


def test_json_refuses_an_object_it_cannot_represent(tmp_path):
    with pytest.raises(TypeError, match="cannot write a object"):
        io.write_json_atomic(tmp_path / "x.json", {"a": object()})
    assert not (tmp_path / "x.json").exists()


def test_figures_are_byte_identical_on_repeat_saves(tmp_path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    ax.set_title("Teemat")
    try:
        for suffix in ("svg", "png"):
            first = io.write_bytes_atomic(tmp_path / f"1.{suffix}", io.figure_bytes(fig, suffix))
            second = io.write_bytes_atomic(tmp_path / f"2.{suffix}", io.figure_bytes(fig, suffix))
            assert first.read_bytes() == second.read_bytes()
        assert b"<dc:date>" not in (tmp_path / "1.svg").read_bytes()
        assert io.figure_bytes(fig, "svg", dpi=150, bbox_inches="tight") == io.figure_bytes(
            fig, "svg", dpi=150, bbox_inches="tight")
    finally:
        plt.close(fig)


def test_run_lock_refuses_a_second_holder_at_once_and_is_released_after(tmp_path):
    out = tmp_path / "out"
    with io.run_lock(out) as lock_file:
        assert lock_file == out / io.LOCK_FILE_NAME
        with pytest.raises(InputError) as caught:
            with io.run_lock(out):
                pass
    assert str(caught.value) == (
        f"{out}: another run is writing here (lock file {out / io.LOCK_FILE_NAME}); "
        "wait for it or remove the lock if no run is active")
    with io.run_lock(out):
        pass


def _child(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def test_run_lock_held_by_another_process_is_refused_and_freed_when_it_is_killed(tmp_path):
    child = _child(f"""
        import sys
        from pipeline import io
        with io.run_lock({str(tmp_path)!r}):
            print("locked", flush=True)
            sys.stdin.readline()
    """)
    try:
        assert child.stdout.readline().strip() == "locked"
        with pytest.raises(InputError, match="another run is writing here"):
            with io.run_lock(tmp_path):
                pass
    finally:
        child.kill()
        child.wait()
    with io.run_lock(tmp_path):  # a killed holder leaves its lock file, but not its lock
        pass


def test_staged_outputs_move_into_place_together_when_the_block_ends(tmp_path):
    with io.staged_outputs(tmp_path) as stage:
        io.write_csv_atomic(stage.path(tmp_path / "processed" / "a.csv"), pd.DataFrame({"x": [1]}))
        io.write_text_atomic(stage.path("reports/summary.md"), "# S\n")
        assert not (tmp_path / "processed" / "a.csv").exists()
        staged = [p.relative_to(stage.root).as_posix() for p in stage.files()]
    assert staged == ["processed/a.csv", "reports/summary.md"]
    assert (tmp_path / "processed" / "a.csv").read_text() == "\"x\"\n1\n"
    assert (tmp_path / "reports" / "summary.md").read_text() == "# S\n"
    assert not list(tmp_path.glob(io.STAGING_PREFIX + "*"))


def test_staged_outputs_leave_every_previous_output_whole_when_the_run_fails(tmp_path):
    old_table = io.write_csv_atomic(tmp_path / "processed" / "a.csv", pd.DataFrame({"x": [1]}))
    old_report = io.write_text_atomic(tmp_path / "reports" / "summary.md", "old\n")
    with pytest.raises(RuntimeError, match="stage failed"):
        with io.staged_outputs(tmp_path) as stage:
            io.write_csv_atomic(stage.path(old_table), pd.DataFrame({"x": [2]}))
            raise RuntimeError("stage failed")
    assert old_table.read_text() == "\"x\"\n1\n"
    assert old_report.read_text() == "old\n"
    assert not list(tmp_path.glob(io.STAGING_PREFIX + "*"))


def test_staged_path_outside_the_output_folder_is_refused(tmp_path):
    with io.staged_outputs(tmp_path / "out") as stage:
        with pytest.raises(ValueError, match="must lie inside"):
            stage.path(tmp_path / "elsewhere.csv")


def test_run_killed_midway_leaves_previous_outputs_whole_and_the_next_run_cleans_up(tmp_path):
    old = io.write_csv_atomic(tmp_path / "processed" / "answers.csv", pd.DataFrame({"x": [1]}))
    child = _child(f"""
        import sys
        import pandas as pd
        from pathlib import Path
        from pipeline import io
        out = Path({str(tmp_path)!r})
        with io.run_lock(out), io.staged_outputs(out) as stage:
            io.write_csv_atomic(stage.path(out / "processed" / "answers.csv"), pd.DataFrame({{"x": [2]}}))
            print("written", flush=True)
            sys.stdin.readline()
    """)
    try:
        assert child.stdout.readline().strip() == "written"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert old.read_text() == "\"x\"\n1\n"
    assert len(list(tmp_path.glob(io.STAGING_PREFIX + "*"))) == 1  # the killed run's staging folder
    with io.run_lock(tmp_path), io.staged_outputs(tmp_path) as stage:
        io.write_csv_atomic(stage.path(old), pd.DataFrame({"x": [3]}))
    assert old.read_text() == "\"x\"\n3\n"
    assert not list(tmp_path.glob(io.STAGING_PREFIX + "*"))


def test_file_sha256_matches_hashlib_and_names_a_missing_file(tmp_path):
    data = os.urandom(3 * 1024 * 1024 + 17)
    path = io.write_bytes_atomic(tmp_path / "in.bin", data)
    assert io.file_sha256(path) == hashlib.sha256(data).hexdigest()
    with pytest.raises(InputError, match="missing.csv: cannot read"):
        io.file_sha256(tmp_path / "missing.csv")


def test_manifest_records_inputs_outputs_versions_settings_and_time(tmp_path):
    needs = io.write_bytes_atomic(tmp_path / "raw" / "needs.csv", b"a,b\n1,2\n")
    workshops = io.write_bytes_atomic(tmp_path / "raw" / "workshops.csv", b"w\n1\n")
    out = tmp_path / "out"
    table = io.write_parquet_atomic(out / "processed" / "answers.parquet", _frame())
    chart = io.write_bytes_atomic(out / "figures" / "theme_ranking.png", b"\x89PNG")
    started = datetime(2024, 6, 1, 12, 0, 0, tzinfo=timezone.utc)
    finished = started + timedelta(seconds=12.5)
    settings = {"lang": "fi", "out": out, "analysis": {"seed": 20220201, "confidence": 0.95}}

    result = io.manifest([workshops, needs], settings, [table, chart], started, finished, root=out,
                         stage_seconds={"ingest": 1.23456, "coding": 4})

    assert result["pipeline_version"] == pipeline.__version__
    assert result["python"] == ".".join(map(str, sys.version_info[:3]))
    assert result["libraries"]["pandas"] == pd.__version__
    assert result["libraries"]["numpy"] == np.__version__
    assert result["settings"] == {"lang": "fi", "out": out.as_posix(),
                                  "analysis": {"seed": 20220201, "confidence": 0.95}}
    assert result["inputs"] == [
        {"path": needs.as_posix(), "sha256": hashlib.sha256(b"a,b\n1,2\n").hexdigest(), "bytes": 8},
        {"path": workshops.as_posix(), "sha256": hashlib.sha256(b"w\n1\n").hexdigest(), "bytes": 4},
    ]
    assert result["outputs"] == [
        {"path": "figures/theme_ranking.png", "sha256": hashlib.sha256(b"\x89PNG").hexdigest(), "bytes": 4},
        {"path": "processed/answers.parquet", "sha256": io.file_sha256(table), "bytes": table.stat().st_size},
    ]
    assert result["started"] == "2024-06-01T12:00:00+00:00"
    assert result["finished"] == "2024-06-01T12:00:12.500000+00:00"
    assert result["seconds"] == 12.5
    assert result["stage_seconds"] == {"ingest": 1.235, "coding": 4.0}
    written = io.write_json_atomic(out / "processed" / "manifest.json", result)
    assert json.loads(written.read_text("utf-8")) == json.loads(io.json_text(result))


def test_manifest_of_staged_outputs_names_their_final_paths(tmp_path):
    now = datetime(2024, 6, 1, tzinfo=timezone.utc)
    with io.staged_outputs(tmp_path) as stage:
        table = io.write_csv_atomic(stage.path("processed/theme_ranking.csv"), pd.DataFrame({"x": [1]}))
        result = io.manifest([], {}, stage.files(), now, now, root=stage.root)
        io.write_json_atomic(stage.path("processed/manifest.json"), result)
        assert [o["path"] for o in result["outputs"]] == ["processed/theme_ranking.csv"]
        staged_hash = io.file_sha256(table)
    assert io.file_sha256(tmp_path / "processed" / "theme_ranking.csv") == staged_hash
    assert json.loads((tmp_path / "processed" / "manifest.json").read_text())["outputs"][0]["sha256"] == staged_hash
