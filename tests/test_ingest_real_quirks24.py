"""Quirks of real exports found on round 23 of unseen files (issue 12): one test per quirk, each on a few inline
rows built the way files of that kind look (not copies of the files)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, questions_by_text, write_csv

_KOBO = ["_id", "deviceid", "_uuid", "_submission_time", "_submitted_by"]


def test_kobo_enumerator_names_typed_lower_case_are_personal(tmp_path):
    """A KoboToolbox field sheet whose enumerators typed their own names into "Main_group/enumerator_group/
    name_enum" (round 23, a groundwater sheet): one word, lower case, misspelt ("yogendra", "yogndra", "Subash").
    The header's path says the answers are the enumerator's name, so the column is personal data although no
    answer has two capitalised words; its names reach no output. A column of roles under the same path stays
    a question."""
    # two field workers on most visits: few different answers, each repeated (495 visits, 12 spellings there)
    names = ["yogendra"] * 8 + ["Anita"] * 4 + ["Subash", "Subash", "yogndra", "Anita Singh thakur"]
    header = _KOBO + ["Main_group/enumerator_group/name_enum", "Main_group/location_details/Select_District",
                      "Main_group/enumerator_group/role_enum"]
    rows = [[str(1000 + i), "collect:j4PTEWRBElBF", f"9d70f790-c33d-4c5c-b1f4-{i:012d}", f"2021-06-{10 + i}T09:17:33",
             "gw_monitoring", name, ["Banke", "Bardiya"][i % 2], ["team leader", "field assistant"][i % 2]]
            for i, name in enumerate(names)]
    path = write_csv(tmp_path / "kobo.csv", csv_text(header, rows))
    found = inspect_file(path)
    assert found["tool"] == "kobotoolbox" and found["respondents"] == len(names)
    personal = {p["column"]: p["kind"] for p in found["personal_data_columns"]}
    assert personal.get("Main_group/enumerator_group/name_enum") == "name"
    assert "Main_group/enumerator_group/role_enum" not in personal
    shown = str(found) + read_survey(path, key=b"k24").answers.astype(str).to_csv()
    for name in ("yogendra", "yogndra", "Subash", "Anita"):
        assert name not in shown, name
    assert "team leader" in shown


def test_cleaned_qualtrics_export_is_known_by_its_response_ids(tmp_path):
    """A Qualtrics export a researcher cleaned before sharing (round 23, a privacy-attitudes survey): lower-case
    "responseid" and "distributionchannel" kept, StartDate/EndDate/Finished and the two label rows dropped. Its
    "R_…" response ids still say Qualtrics wrote it; a hand-kept sheet whose "Response ID" numbers its rows is
    not taken for Qualtrics."""
    header = ["responseid", "distributionchannel", "social_media_use", "sometimes_text"]
    ids = ["R_3FXrXtg2n2GkeT4", "R_usoOyr9obtGrVYt", "R_12aMEzqtdFbvGVD", "R_5d72ZFLPWKlAuTT"]
    rows = [[rid, "anonymous", ["Yes", "No"][i % 2], ["Sometimes", "Not sure"][i % 2]] for i, rid in enumerate(ids)]
    found = inspect_file(write_csv(tmp_path / "cleaned.csv", csv_text(header, rows)))
    assert found["tool"] == "qualtrics" and found["respondents"] == 4
    numbered = [[str(i + 1)] + row[1:] for i, row in enumerate(rows)]
    found = inspect_file(write_csv(tmp_path / "sheet.csv", csv_text(header, numbered)))
    assert found["tool"] != "qualtrics"


def test_qualtrics_minus_99_is_no_answer(tmp_path):
    """Qualtrics writes -99 for a question shown and left unanswered (round 23: 159 of 586 answers to a 1-10
    sensitivity item). It is no answer: not an option of a choice beside "Yes"/"No", and a rating of labelled
    ends with bare numbers between stays a Likert scale with it. In a file of another tool -99 stays a value."""
    header = ["ResponseId", "StartDate", "EndDate", "Finished", "trust_1", "tweets_public"]
    trust = ["No trust at all - 1", "2", "3", "-99", "5", "Complete Trust - 7", "4", "-99"]
    public = ["Yes", "No", "-99", "Yes", "No", "Yes", "-99", "No"]
    rows = [[f"R_{i:015d}", "2022-03-01 10:00:00", "2022-03-01 10:09:00", "True", t, p]
            for i, (t, p) in enumerate(zip(trust, public))]
    found = inspect_file(write_csv(tmp_path / "qualtrics.csv", csv_text(header, rows)))
    assert found["tool"] == "qualtrics"
    questions = questions_by_text(found)
    assert questions["trust_1"]["type"] == "likert" and "-99" not in questions["trust_1"]["options"]
    assert questions["tweets_public"]["type"] == "single"
    assert set(questions["tweets_public"]["options"]) == {"Yes", "No"}
    balances = ["120", "-99", "35", "-40", "0", "-99", "18", "7"]
    other = write_csv(tmp_path / "gforms.csv", csv_text(
        ["Timestamp", "Account balance (EUR)", "tweets_public"],
        [[f"2022/03/0{i + 1} 10:00:00 AM GMT+2", b, p] for i, (b, p) in enumerate(zip(balances, public))]))
    assert int((read_survey(other, key=b"k24").answers["score"] == -99).sum()) == 2


def test_neither_nor_scale_of_any_pole_word_is_likert(tmp_path):
    """A seven-point scale the vocabulary's scales do not list, written as intensity words on both sides of a
    "Neither … nor …" middle ("Extremely Concerned" … "Neither Concerned nor Unconcerned" … "Extremely
    Unconcerned": round 23, a Qualtrics privacy survey) is a Likert scale ordered from the "un-" pole up; a choice
    whose answers are not all such levels stays a single choice."""
    levels = ["Extremely Unconcerned", "Moderately Unconcerned", "Slightly Unconcerned",
              "Neither Concerned nor Unconcerned", "Slightly Concerned", "Moderately Concerned", "Extremely Concerned"]
    answers = levels[::-1] + levels[2:5]
    header = ["Timestamp", "How concerned are you about misuse of your data?", "Which pet?"]
    pets = ["Neither cats nor dogs", "Cats", "Dogs", "Fish", "Cats", "Dogs", "Fish", "Cats", "Dogs", "Fish"]
    rows = [[f"2022/03/{i + 1:02d} 10:00:00 AM GMT+2", a, p] for i, (a, p) in enumerate(zip(answers, pets))]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "concern.csv", csv_text(header, rows))))
    concern = found["How concerned are you about misuse of your data?"]
    assert concern["type"] == "likert"
    assert concern["options"] == levels
    assert found["Which pet?"]["type"] == "single"
