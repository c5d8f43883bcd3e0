"""Reruns on the demo: what changed is recomputed, what did not comes from the cache, the outputs stay right."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT, run_cli

pytestmark = pytest.mark.slow


def _stages_run(stderr: str) -> set[str]:
    names = set()
    for line in stderr.splitlines():
        if line.startswith("pipeline: stage "):
            names.add(line.split()[2].rstrip(":"))
        elif line.startswith("pipeline: stages ") and " in " in line:
            names |= {n.strip() for n in line[len("pipeline: stages "):].split(":")[0].split(",")}
    return names


def _outputs(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for folder in ("processed", "figures", "reports")
            for p in sorted((out / folder).glob("*")) if p.name != "manifest.json"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the demo project and one full run of it; returns (config, out)."""
    folder = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "raw" / "demo", folder / "raw")
    out = folder / "out"
    result = run_cli("run", "--config", str(folder / "raw" / "project.toml"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return folder / "raw" / "project.toml", out


def test_a_rerun_with_nothing_changed_computes_nothing_and_rewrites_only_the_manifest(project):
    config, out = project
    before = {p: p.stat().st_mtime_ns for folder in ("processed", "figures", "reports")
              for p in (out / folder).rglob("*") if p.is_file() and p.name != "manifest.json"}
    result = run_cli("run", "--config", str(config), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert _stages_run(result.stderr) == {"write"}, result.stderr
    assert {p: p.stat().st_mtime_ns for p in before} == before
    manifest = json.loads((out / "processed" / "manifest.json").read_text())
    assert len(manifest["outputs"]) == len(before)


def test_one_changed_feedback_survey_reruns_the_feedback_stages_only_and_gives_a_fresh_runs_outputs(project,
                                                                                                      tmp_path):
    config, out = project
    survey = config.parent / "feedback_W03.csv"
    lines = survey.read_text(encoding="utf-8-sig").splitlines()
    survey.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one response fewer
    needs_only = [out / "processed" / "theme_ranking.csv", out / "processed" / "quotes.csv"]
    before = [p.stat().st_mtime_ns for p in needs_only]
    result = run_cli("run", "--config", str(config), "--out", str(out))
    assert result.returncode == 0, result.stderr
    # the files of results that did not change are left in place, not written again (the figures are one
    # result: a changed chart writes them all)
    assert [p.stat().st_mtime_ns for p in needs_only] == before
    ran = _stages_run(result.stderr)
    assert {"feedback_surveys", "feedback_tables", "chart_satisfaction", "reports", "write"} <= ran, ran
    assert not ran & {"needs_survey", "codes", "needs_tables", "emerging_themes", "chart_theme_ranking",
                      "chart_segment_heatmap"}, ran
    fresh = tmp_path / "fresh"
    result = run_cli("run", "--config", str(config), "--out", str(fresh), "--quiet")
    assert result.returncode == 0, result.stderr
    cached, recomputed = _outputs(out), _outputs(fresh)
    assert cached.keys() == recomputed.keys()
    office = {k for k in cached if k.endswith((".xlsx", ".pptx"))}  # carry their creation time
    assert {k: v for k, v in cached.items() if k not in office} == \
        {k: v for k, v in recomputed.items() if k not in office}


def test_a_damaged_cache_is_recomputed_not_trusted(project):
    config, out = project
    objects = sorted((out / ".pipeline-cache" / "objects").glob("*.pkl"))
    assert objects
    for path in objects:
        path.unlink()
    result = run_cli("run", "--config", str(config), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert {"needs_survey", "needs_tables", "reports"} <= _stages_run(result.stderr)


def test_a_run_stopped_while_moving_its_outputs_is_detected_and_repaired(project):
    # a kill during the final moves leaves some new files, some old ones and no manifest (it is removed first)
    config, out = project
    good = (out / "reports" / "summary.md").read_bytes()
    (out / "processed" / "manifest.json").unlink()
    (out / "reports" / "summary.md").write_bytes(b"half of an older run")
    result = run_cli("run", "--config", str(config), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "outputs without a manifest (a run was stopped while writing them)" in result.stderr
    assert (out / "reports" / "summary.md").read_bytes() == good
    assert (out / "processed" / "manifest.json").is_file()


def test_an_output_changed_after_the_run_is_named_and_written_again(project):
    config, out = project
    good = (out / "figures" / "theme_ranking.svg").read_bytes()
    (out / "figures" / "theme_ranking.svg").write_bytes(b"<svg/>")
    result = run_cli("run", "--config", str(config), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "theme_ranking.svg: differs from the manifest of the previous run" in result.stderr
    assert (out / "figures" / "theme_ranking.svg").read_bytes() == good
