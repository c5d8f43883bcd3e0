"""Disclosure control on a whole survey with the cases that break it: a company that answered twice, a municipality
of one company, a theme chosen by no one and one chosen by everyone. Both editions must pass the audit."""
from __future__ import annotations

import csv

import pandas as pd
import pytest

from conftest import run_cli

pytestmark = pytest.mark.slow

MUNICIPALITIES = ["Kokkola"] * 18 + ["Kannus"] * 9 + ["Kaustinen"] * 7 + ["Veteli"] * 5 + ["Lestijärvi"]
SECTORS = ["Teollisuus", "Palvelut", "Kauppa", "Rakentaminen"]
SIZES = ["1", "2–5", "6–25", "26–50"]
OPTIONS = ["Asiakashankinta ja myynti", "Brändi ja markkinointi", "Verkkokauppa", "Tiedolla johtaminen"]


def survey_rows() -> list[list[str]]:
    """40 companies, company 7 answering twice; everyone wants sales, nobody export; a fixed pattern for the rest."""
    rows = []
    for i, municipality in enumerate(MUNICIPALITIES):
        chosen = [OPTIONS[0]] + [o for j, o in enumerate(OPTIONS[1:], start=1) if (i * (j + 2)) % (j + 3) == 0]
        rows.append([f"10/{i % 28 + 1}/2021 9:{i:02d}:00", f"{1000000 + i * 7}-{i % 10}", municipality,
                     SECTORS[i % 4], SIZES[(i * 3) % 4], ", ".join(chosen),
                     "Tarvitsemme lisää asiakkaita." if i % 5 == 0 else ""])
    again = list(rows[7])
    again[0] = "11/2/2021 10:00:00"
    again[5] = ", ".join(OPTIONS[:2])
    rows.append(again)
    return rows


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("disclosure")
    with (folder / "needs.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Timestamp", "Y-tunnus", "Kunta", "Toimiala", "Henkilöstömäärä",
                         "Mistä aiheista yrityksenne olisi kiinnostunut?", "Mitä muuta tarvitsette?"])
        writer.writerows(survey_rows())
    (folder / "project.toml").write_text('[needs]\nfile = "needs.csv"\n', encoding="utf-8")
    outs = {}
    for edition in ("steering", "public"):
        out = folder / edition
        result = run_cli("run", "--config", str(folder / "project.toml"), "--out", str(out), "--edition", edition)
        assert result.returncode == 0, result.stderr
        outs[edition] = out
    return outs


@pytest.mark.parametrize("edition", ["steering", "public"])
def test_the_audit_finds_no_hidden_cell_recoverable_and_no_small_figure(runs, edition):
    result = run_cli("audit-disclosure", str(runs[edition]))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{edition} edition" in result.stdout and " 0 narrower than 3 companies, 0 small published" in result.stdout


def test_the_company_that_answered_twice_counts_once_and_everyone_wants_sales(runs):
    ranking = pd.read_csv(runs["steering"] / "processed" / "theme_ranking.csv").set_index("theme")
    assert ranking.loc["sales", "respondents"] == 40
    assert ranking.loc["sales", "companies"] == 40 and ranking.loc["sales", "share"] == 1.0
    assert ranking.loc["export", "companies"] == 0


def test_the_municipality_of_one_company_is_not_published_on_its_own(runs):
    for edition in ("steering", "public"):
        segments = pd.read_csv(runs[edition] / "processed" / "theme_by_segment.csv")
        alone = segments[segments["segment"] == "Lestijärvi"]
        # merged into a larger group, or every cell of it hidden
        assert alone.empty or alone["suppressed"].all(), edition


def test_the_public_edition_publishes_no_count_of_one_or_two(runs):
    for name in ("theme_ranking", "theme_by_segment", "option_ranking"):
        frame = pd.read_csv(runs["public"] / "processed" / f"{name}.csv")
        counts = frame["companies"].dropna()
        assert not counts.between(1, 2).any(), name


def test_the_public_edition_writes_no_coding_review_workbook(runs):
    # the review workbook lists every answer, identifying ones too: the steering group's analyst only
    assert (runs["steering"] / "reports" / "coding_review.xlsx").is_file()
    assert sorted(p.name for p in (runs["public"] / "reports").iterdir()) == [
        "summary-public.html", "summary-public.md", "summary-public.pptx", "summary-public.xlsx"]
