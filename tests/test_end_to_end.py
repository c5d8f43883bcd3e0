"""The whole pipeline on the bundled demo, as `make all` runs it."""
from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, run_cli

pytestmark = pytest.mark.slow

# the final report's most wanted themes: customer acquisition and sales promotion (sales), brand
# development (branding), software integration and managing digital data (data)
REPORT_TOP_THEMES = {"sales", "branding", "data"}


def test_demo_run_writes_reports_and_charts(demo_out):
    for name in ("summary.html", "summary.xlsx", "summary.md", "summary.pptx"):
        assert (demo_out / "reports" / name).stat().st_size > 0, name
    assert len(list((demo_out / "figures").glob("*.png"))) >= 6
    manifest = json.loads((demo_out / "processed" / "manifest.json").read_text())
    assert set(manifest["stage_seconds"]) >= {"ingest", "code", "analyse_needs", "charts", "report"}


def test_report_top_themes_are_in_tier_one(demo_out):
    ranking = pd.read_csv(demo_out / "processed" / "theme_ranking.csv")
    tier_one = set(ranking.loc[ranking["tier"] == 1, "theme"])
    assert REPORT_TOP_THEMES <= tier_one, ranking
    assert np.allclose(ranking["share"], ranking["companies"] / ranking["respondents"])
    assert (ranking["ci_low"] <= ranking["share"]).all() and (ranking["share"] <= ranking["ci_high"]).all()


def test_every_workshop_has_a_feedback_row_with_its_response_rate(demo_out):
    register = pd.read_csv(ROOT / "raw" / "demo" / "workshops.csv")
    summary = pd.read_csv(demo_out / "processed" / "feedback_summary.csv")
    assert set(summary["workshop_id"]) == set(register["workshop_id"])
    known = summary.dropna(subset=["participants"])
    assert np.allclose(known["response_rate"], known["responses"] / known["participants"])


def test_no_published_segment_cell_of_one_or_two_companies(demo_out):
    segments = pd.read_csv(demo_out / "processed" / "theme_by_segment.csv")
    published = segments[~segments["suppressed"]]
    assert not published["companies"].between(1, 2).any()
    assert (published["base"] >= 5).all()
    assert segments.loc[segments["suppressed"], "share"].isna().all()


def test_no_personal_data_from_the_demo_reaches_the_outputs(demo_out):
    raw = pd.read_excel(ROOT / "raw" / "demo" / "needs_survey.xlsx", engine="calamine", dtype=str)
    secrets = set(raw["Email"].dropna()) | set(raw["Name"].dropna())
    secrets |= {str(v) for v in raw.stack().dropna() if re.fullmatch(r"\d{7}-\d", str(v))}
    secrets |= {"040 123 4567", "matti.esimerkki@example.com"}  # planted in an open answer
    secrets -= {"", "anonymous"}
    assert secrets, "the demo should carry personal data for this test to mean anything"
    for folder in ("processed", "figures", "reports"):
        for path in (demo_out / folder).rglob("*"):
            if path.is_file() and path.suffix in {".csv", ".json", ".md", ".html", ".svg"}:
                body = path.read_text(encoding="utf-8", errors="replace")
                leaked = [s for s in secrets if s in body]
                assert not leaked, (path, leaked[:3])


def test_second_run_gives_byte_identical_processed_tables(demo_out, tmp_path):
    result = run_cli("run", "--out", str(tmp_path), "--quiet")
    assert result.returncode == 0, result.stderr
    for first in sorted((demo_out / "processed").iterdir()):
        if first.name == "manifest.json":
            continue
        second = tmp_path / "processed" / first.name
        assert first.read_bytes() == second.read_bytes(), first.name


def test_needs_only_config_runs_without_feedback_sections(tmp_path):
    survey = tmp_path / "needs.csv"
    rows = ["Timestamp,Kunta,Mistä aiheista olette kiinnostuneita?,Mitä muuta tarvitsette?"]
    for i in range(12):
        options = "\"Verkkokauppa, Vienti ja kansainvälistyminen\"" if i % 2 else "Asiakashankinta ja myynti"
        rows.append(f"10/{i + 1}/2021 9:00:00,{'Kokkola' if i % 3 else 'Kannus'},{options},"
                    f"{'Apua somemarkkinointiin' if i % 4 == 0 else ''}")
    survey.write_text("\n".join(rows) + "\n", encoding="utf-8")
    config = tmp_path / "project.toml"
    config.write_text(f'[needs]\nfile = "{survey.name}"\n', encoding="utf-8")
    result = run_cli("run", "--config", str(config), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0, result.stderr
    ranking = pd.read_csv(tmp_path / "out" / "processed" / "theme_ranking.csv").set_index("theme")
    assert ranking.loc["ecommerce", "companies"] == 6 and ranking.loc["export", "companies"] == 6
    assert ranking.loc["sales", "companies"] == 6 and ranking.loc["branding", "companies"] == 3
    assert set(ranking["respondents"]) == {12}
    for name in ("summary.html", "summary.xlsx", "summary.md"):
        assert (tmp_path / "out" / "reports" / name).exists()


def _snapshot(folder):
    # the lock file and a killed run's staging folder (removed by the next run) are not outputs
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".pipeline-") for part in p.relative_to(folder).parts)}


def test_run_killed_midway_leaves_every_previous_output_whole(demo_out, tmp_path):
    import shutil
    import signal
    import subprocess
    import sys
    import time

    from conftest import TEST_KEY

    out = tmp_path / "out"
    shutil.copytree(demo_out, out)
    before = _snapshot(out)
    reference = tmp_path / "sv"
    assert run_cli("run", "--out", str(reference), "--lang", "sv", "--quiet").returncode == 0
    after = _snapshot(reference)
    env = {"PIPELINE_PSEUDONYM_KEY": TEST_KEY.decode(), "PATH": "/usr/bin:/bin"}
    child = subprocess.Popen([sys.executable, "-m", "pipeline", "run", "--out", str(out), "--lang", "sv",
                              "--quiet"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # kill it while it writes: as soon as its staging folder holds a file
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and child.poll() is None:
            staged = [p for d in out.glob(".pipeline-staging-*") for p in d.rglob("*") if p.is_file()]
            if staged:
                break
            time.sleep(0.005)
        assert child.poll() is None, "the run ended before it could be killed"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    now = _snapshot(out)
    assert set(now) == set(before)
    whole = [name for name, data in now.items() if data in (before[name], after.get(name))]
    assert len(whole) == len(now), sorted(set(now) - set(whole))
    # half-written files exist only inside the killed run's staging folder, which the next run removes
    assert all(any(part.startswith(".pipeline-staging-") for part in p.relative_to(out).parts)
               for p in out.rglob("*.tmp"))


def test_a_second_run_into_the_same_folder_is_refused(tmp_path):
    from pipeline import io as pio

    with pio.run_lock(tmp_path):
        result = run_cli("run", "--out", str(tmp_path), "--quiet")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "another run is writing here" in lines[0], result.stderr


HOSTILE = ["=cmd|' /C calc'!A0", "+1+1 verkkokauppa", "-2 myynti", "@SUM(1) vienti", "\t=1 brändi",
           "<script>alert(1)</script> apua markkinointiin", "<img src=x onerror=alert(1)> verkkosivut"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_hostile_open_answers_are_inert_in_every_export_yet_listed(tmp_path, lang):
    from html.parser import HTMLParser

    import openpyxl

    survey = tmp_path / "needs.csv"
    frame = pd.DataFrame({
        "Timestamp": [f"10/{i + 1}/2021 9:00:00" for i in range(len(HOSTILE) + 5)],
        "Kunta": ["Kokkola", "Kannus"] * 6,
        "Mitä yrityksenne tarvitsisi?": HOSTILE + ["Asiakashankinta", "Vienti Ruotsiin", "Verkkokauppa",
                                                   "Rekrytointi", "Data-analytiikka"],
    })
    frame.to_csv(survey, index=False)
    config = tmp_path / "project.toml"
    config.write_text(f'lang = "{lang}"\n[needs]\nfile = "needs.csv"\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("run", "--config", str(config), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr

    book = openpyxl.load_workbook(out / "reports" / "summary.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {str(c.value) for c in cells}
    for answer in (a.strip() for a in HOSTILE):  # every answer listed; risky starts inert with a leading '
        shown = "'" + answer if answer[0] in "=+-@" else answer
        assert shown in texts, answer

    class Elements(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))

    parser = Elements()
    body = (out / "reports" / "summary.html").read_text(encoding="utf-8")
    parser.feed(body)
    assert not [t for t, _ in parser.found if t == "script"]
    assert not [a for _, attrs in parser.found for a in attrs if a.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body

    for path in list((out / "reports").rglob("*.csv")) + list((out / "processed").glob("*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        text_cells = [v for column in table.columns for v in table[column]
                      if not pd.api.types.is_number(pd.to_numeric(v, errors="coerce")) or v == ""]
        assert not [v for v in text_cells if v[:1] in ("=", "+", "-", "@")], path.name

    markdown = (out / "reports" / "summary.md").read_text(encoding="utf-8")
    assert "<script>" not in markdown and "<img" not in markdown


def test_processed_tables_read_back_with_their_schemas(demo_out):
    from pipeline.config import load_settings
    from pipeline.runner import processed_survey, processed_table

    settings = load_settings(out=demo_out)
    survey = processed_survey(settings)
    assert len(survey.respondents) == 26 and survey.respondents["respondent_id"].is_unique
    assert all(isinstance(c, list) for c in survey.questions["columns"])
    assert processed_table(settings, "theme_ranking")["tier"].dtype == "Int64"


def test_register_only_config_reports_the_workshops(tmp_path):
    config = tmp_path / "project.toml"
    config.write_text(f'[workshops]\nfile = "{ROOT / "raw" / "demo" / "workshops.csv"}"\n', encoding="utf-8")
    result = run_cli("run", "--config", str(config), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0, result.stderr
    summary = pd.read_csv(tmp_path / "out" / "processed" / "feedback_summary.csv")
    assert len(summary) == 16 and (summary["responses"] == 0).all() and summary["response_rate"].isna().all()
    assert (tmp_path / "out" / "reports" / "summary.html").exists()


def test_register_saved_by_excel_in_cp1252_with_semicolons_reads(tmp_path):
    register = pd.read_csv(ROOT / "raw" / "demo" / "workshops.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "workshops.csv"
    path.write_bytes(register.to_csv(index=False, sep=";").encode("cp1252", errors="replace"))
    config = tmp_path / "project.toml"
    config.write_text('[workshops]\nfile = "workshops.csv"\n', encoding="utf-8")
    result = run_cli("run", "--config", str(config), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0, result.stderr
    summary = pd.read_csv(tmp_path / "out" / "processed" / "feedback_summary.csv", dtype=str).set_index("workshop_id")
    expected = register.set_index("workshop_id")
    assert summary.loc[expected.index, "title"].tolist() == expected["title"].tolist()  # ä, – survive cp1252
    assert summary.loc[expected.index, "participants"].tolist() == expected["participants"].tolist()
