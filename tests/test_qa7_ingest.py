"""What QA round 7 found in ingest (a LimeSurvey needs survey with Swedish "code. text" headings): one test per
finding, on a few inline rows built the way such files look."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, questions_by_text, write_csv

KEY = b"qa-round-seven-test-key"


def test_a_company_name_heading_after_a_question_code_names_the_company(tmp_path):
    """"A1. Företagets namn": dropped as personal data, but not used as the company key, so 6 of 26 needs
    answers and half the impact answers went unlinked (the funnel read 1 of 6 attended for 5 of 14)."""
    header = ["Respons-ID", "Datum skickat", "A1. Företagets namn", "A2. Kommun", "B1. Vad behöver ni?"]
    rows = [[str(i), f"2025-03-0{i} 10:00:00", name, "Kokkola", need] for i, (name, need) in enumerate(
        [("Strandbergs Snickeri Ab", "Mer försäljning"), ("Pedersöre Maskin Ab", "Export till Norge"),
         ("Strandbergs Snickeri Ab", "Synlighet"), ("Larsmo Båtservice Ab", "E-handel")], start=1)]
    survey = read_survey(write_csv(tmp_path / "results-survey412345.csv", csv_text(header, rows)), key=KEY)
    companies = survey.respondents["company_id"].astype(str).tolist()
    assert companies[0] == companies[2] and len(set(companies)) == 3
    assert companies[0] != survey.respondents["respondent_id"].astype(str).tolist()[0]
    text = survey.answers.astype(str).to_csv() + survey.questions.astype(str).to_csv()
    assert "Strandbergs" not in text and "Pedersöre Maskin" not in text


def test_a_swedish_competence_level_grid_is_a_scale(tmp_path):
    """"Mycket svagt / Svagt / Tillräckligt / Bra / Mycket bra / Vet inte" was typed as three single choices, so
    the report had no competence figure."""
    levels = ["Mycket svagt", "Svagt", "Tillräckligt", "Bra", "Mycket bra", "Vet inte"]
    header = ["Tidstämpel", "Kompetens [Försäljning]", "Kompetens [Marknadsföring]", "Kompetens [Digitalisering]"]
    rows = [[f"2025-03-01 10:0{i}:00", levels[i % 6], levels[(i + 2) % 6], levels[(i + 4) % 6]] for i in range(12)]
    found = inspect_file(write_csv(tmp_path / "kompetens.csv", csv_text(header, rows)))
    grid = [q for q in found["questions"] if q["type"] == "likert"]
    assert grid and all("Vet inte" not in q["options"] for q in grid), found["questions"]
    assert any(q["options"][:1] == ["Mycket svagt"] and q["options"][-1] == "Mycket bra" for q in grid)


def test_a_limesurvey_response_never_submitted_is_counted_and_said(tmp_path):
    """Response 26 had no submit date and stopped on page 1: counted as a respondent with no word, so the theme
    base read 25 companies where 24 had answered. It stays a respondent (the tool keeps it) and is named."""
    header = ["id. Respons-ID", "submitdate. Datum skickat", "lastpage. Senaste sida", "startlanguage. Språk",
              "A2. Kommun", "B1. Vad behöver ni?"]
    rows = [[str(i), f"2025-03-0{i} 10:00:00", "3", "sv", "Kokkola", "Mer försäljning"] for i in range(1, 5)]
    rows.append(["26", "", "1", "sv", "Kokkola", ""])
    survey = read_survey(write_csv(tmp_path / "results-survey412345.csv", csv_text(header, rows)), key=KEY)
    assert survey.tool == "limesurvey"
    assert survey.report["accepted"] == 5 and survey.report["unfinished"] == 1
    said = [w for w in survey.report["warnings"] if "never submitted" in w]
    assert len(said) == 1 and "rows 6" in said[0] and "exclude" in said[0]
    found = inspect_file(tmp_path / "results-survey412345.csv")
    assert found["unfinished"] == 1 and [w for w in found["warnings"] if "never submitted" in w] == said
