"""The corpus of real public exports (tests/data/exports/corpus, sources and licences in its SOURCES.md): per
file, the tool and the number of real respondents ``inspect_file`` gives (decided by reading the file, see
SOURCES.md), the row accounting, and that no personal-data value reaches the answers of ``read_survey``."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import inspect_file, read_survey

DATA = Path(__file__).parent / "data" / "exports" / "corpus"
KEY = b"k"
# file: (tool, rows_in, respondents, excluded)
EXPECTED = {
    "qualtrics_QualtricsTools_better_sample_insights2016.csv": ("qualtrics", 10, 10, 0),
    "qualtrics_QualtricsTools_survey_logic_legacy.csv": ("qualtrics", 10, 10, 0),
    "qualtrics_QualtricsTools_coded_comments_insights2016.csv": ("qualtrics", 10, 10, 0),
}
# values in the files that identify a place or a response and must never reach an answer
PERSONAL = {"42.401901245117", "-71.119300842285"}


def test_every_corpus_file_is_listed_and_small():
    files = {p.name for p in DATA.iterdir() if p.name != "SOURCES.md"}
    assert files == set(EXPECTED)
    assert all((DATA / name).stat().st_size < 200_000 for name in files)
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    assert all(name in sources for name in files)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_inspect_gives_the_tool_and_the_real_respondents(name):
    info = inspect_file(DATA / name)
    assert (info["tool"], info["rows_in"], info["respondents"], info["excluded"]) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rows_are_accounted_for_and_no_personal_value_reaches_the_answers(name):
    survey = read_survey(DATA / name, key=KEY)
    report = survey.report
    assert report["rows_in"] == report["accepted"] + report["rejected"] + report["duplicates"] + report["excluded"]
    assert len(survey.respondents) == report["accepted"]
    cells = set(survey.answers[["value", "text"]].astype(str).to_numpy().ravel())
    assert not cells & PERSONAL
    assert not any(isinstance(c, str) and c.startswith("R_") and len(c) == 17 for c in cells)   # response ids


def test_generated_test_responses_are_kept_with_a_warning():
    # every row has Status 2 (Survey Test): the whole file is a test run, so its rows stay respondents
    survey = read_survey(DATA / "qualtrics_QualtricsTools_survey_logic_legacy.csv", key=KEY)
    assert any("every answered row is marked as a test" in w for w in survey.report["warnings"])
