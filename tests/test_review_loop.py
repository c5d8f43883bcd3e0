"""The review loop on the demo, as an analyst runs it: run, review in the workbook, save it beside the config, rerun."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import ROOT, run_cli
from pipeline.coding.review import COLUMNS

pytestmark = pytest.mark.slow


def _review(path) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name="review", dtype=object, engine="calamine")


@pytest.fixture(scope="module")
def reviewed_project(tmp_path_factory):
    """The demo copied, run once, five needs answers reviewed (themes the machine did not give) and a note
    written, the workbook saved beside the config and named there, and run again; returns
    (config, out, the reviews as {answer_id: themes})."""
    folder = tmp_path_factory.mktemp("review")
    shutil.copytree(ROOT / "raw" / "demo", folder / "raw")
    config, out = folder / "raw" / "project.toml", folder / "out"
    first = run_cli("run", "--config", str(config), "--out", str(out))
    assert first.returncode == 0, first.stderr
    book = load_workbook(out / "reports" / "coding_review.xlsx")
    sheet = book["review"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in COLUMNS}
    reviews = {}
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, col["taxonomy"]).value != "needs" or len(reviews) == 5:
            continue
        proposed = sheet.cell(row, col["proposed_themes"]).value.split("; ")
        themes = ["export", "data"] if proposed[0] != "export" else ["branding"]
        sheet.cell(row, col["reviewed_themes"]).value = "; ".join(themes)
        reviews[sheet.cell(row, col["answer_id"]).value] = themes
    sheet.cell(2, col["note"]).value = "tarkista myöhemmin"
    book.save(folder / "raw" / "coding_review.xlsx")
    with config.open("a", encoding="utf-8") as fh:
        fh.write('\n[coding]\nreview = "coding_review.xlsx"\n')
    second = run_cli("run", "--config", str(config), "--out", str(out))
    assert second.returncode == 0, second.stderr
    return config, out, reviews


def test_reviewed_answers_carry_exactly_the_reviewed_themes(reviewed_project):
    _, out, reviews = reviewed_project
    texts = pd.read_parquet(out / "processed" / "texts.parquet")
    codes = pd.read_parquet(out / "processed" / "codes.parquet").merge(texts[["text_id", "answer_id"]], on="text_id")
    got = codes[codes["answer_id"].isin(reviews)]
    assert set(got["answer_id"]) == set(reviews)
    for row in got.itertuples():
        assert row.theme == reviews[row.answer_id][0]
        assert row.themes.split(";") == reviews[row.answer_id]
        assert row.confidence == 1.0


def test_the_agreement_is_measured_on_the_reviewed_answers(reviewed_project):
    _, out, reviews = reviewed_project
    agreement = pd.read_csv(out / "processed" / "coding_agreement.csv")
    needs = agreement[agreement["taxonomy"] == "needs"].set_index("theme")
    assert needs.loc["all", "reviewed"] == 5
    # every review gave themes the machine had not proposed as its main theme: export and data, or branding
    assert needs.loc["export", "analyst"] == sum("export" in t for t in reviews.values())
    assert needs.loc["data", "analyst"] == sum("data" in t for t in reviews.values())
    assert agreement.loc[agreement["taxonomy"] == "feedback", "reviewed"].tolist() == [0]


def test_the_regenerated_workbook_keeps_the_review_and_the_note(reviewed_project):
    _, out, reviews = reviewed_project
    sheet = _review(out / "reports" / "coding_review.xlsx").fillna("")
    kept = sheet[sheet["reviewed_themes"] != ""]
    assert dict(zip(kept["answer_id"], kept["reviewed_themes"].str.split("; "))) == reviews
    assert (sheet["note"] == "tarkista myöhemmin").sum() == 1
    # the machine's proposal says what decided it: every themed, unreviewed proposal names its words, or says
    # that the same text was reviewed elsewhere (an option label repeated in another question)
    themed = sheet[(sheet["reviewed_themes"] == "") & (sheet["proposed_themes"] != "other")]
    assert len(themed) and all(":" in e or e == "reviewed" for e in themed["evidence"])


def test_a_reviewed_run_reruns_byte_identically(reviewed_project):
    config, out, _ = reviewed_project
    files = ("reports/coding_review.xlsx", "processed/codes.parquet", "processed/coding_agreement.csv",
             "processed/theme_ranking.csv")
    before = {f: (out / f).read_bytes() for f in files}
    shutil.rmtree(out / ".pipeline-cache")  # recomputed from scratch, not read back from the cache
    again = run_cli("run", "--config", str(config), "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert {f: (out / f).read_bytes() for f in files} == before


def test_a_review_with_an_unknown_theme_stops_with_one_line_and_keeps_the_outputs(reviewed_project, tmp_path):
    config, out, _ = reviewed_project
    broken = tmp_path / "raw"
    shutil.copytree(config.parent, broken)
    book = load_workbook(broken / "coding_review.xlsx")
    sheet = book["review"]
    header = [c.value for c in sheet[1]]
    sheet.cell(3, header.index("reviewed_themes") + 1).value = "markkinointi"
    book.save(broken / "coding_review.xlsx")
    before = (out / "reports" / "coding_review.xlsx").read_bytes()
    result = run_cli("run", "--config", str(broken / "project.toml"), "--out", str(out))
    assert result.returncode == 2
    assert "coding_review.xlsx, sheet review, row 3: reviewed_themes 'markkinointi' is not a theme" in result.stderr
    problems = [line for line in result.stderr.splitlines() if not line.startswith("pipeline: ")]
    assert "Traceback" not in result.stderr and len(problems) == 1
    assert (out / "reports" / "coding_review.xlsx").read_bytes() == before
