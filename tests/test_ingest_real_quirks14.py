"""Quirks found on round 13 of unseen real exports (issue 12): one test per rule, each on a few inline rows built
the way files of that layout look (synthetic values, not copies of the files)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, questions_by_text, write_csv

KEY = b"round-thirteen-test-key"


def _all_text(survey) -> str:
    """Every table of a read survey as one text, to look for a value that must not be there."""
    return "\n".join(t.astype(str).to_csv() for t in (survey.questions, survey.respondents, survey.answers))


def test_options_joined_by_semicolon_and_space_are_a_multi_select(tmp_path):
    """A candidate questionnaire's table of answers (round 13, a SurveyMonkey table with a two-row header) joins
    the options of a checkbox question with "; " and no closing ";" as Microsoft Forms writes: the pieces recur
    across answers, so the column is a multi-select of them, not a single choice of every combination."""
    header = ["Respondent ID", "I consider affordable housing to be (check all that, in your opinion, apply):"]
    answers = ["Subsidized; Rent-controlled", "Cheap", "Subsidized; Cheap; Built by the government",
               "Rent-controlled; Subsidized", "Subsidized", "Built by the government; Rent-controlled"]
    rows = [[str(100 + i), a] for i, a in enumerate(answers)]
    found = inspect_file(write_csv(tmp_path / "anc.csv", csv_text(header, rows)))
    question = next(q for q in found["questions"] if header[1] in q["columns"])
    assert question["type"] == "multi"
    assert set(question["options"]) == {"Subsidized", "Rent-controlled", "Cheap", "Built by the government"}


def test_open_answers_with_semicolons_stay_open_text(tmp_path):
    """The guard of the rule above: free text where people happened to write a semicolon repeats no piece, so
    it stays open text."""
    header = ["What should we improve?"]
    answers = ["More exercises; less talk", "The room was cold; coffee ran out", "Nothing, thanks",
               "Longer breaks; clearer slides", "Start on time; end on time please", "Good as it is"]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "fb.csv", csv_text(header, [[a] for a in answers]))))
    assert found[header[0]]["type"] == "open"


def test_observer_name_column_is_personal_data(tmp_path):
    """A KoboToolbox exit interview (round 13) names the staff member who held it under "Observer name": the
    person who collected the answer, like an interviewer or enumerator, so the column is personal data by its
    header, whatever script or list the names are in, and they reach no output."""
    header = ["start", "Observer name", "Sex of the respondent?", "_uuid"]
    observers = ["Qaderi Welanso", "Tumaresh Ibbeya", "Qaderi Welanso", "Tumaresh Ibbeya"]
    rows = [[f"2024-11-17T13:0{i}:00", o, ["female", "Male"][i % 2], f"5f0c{i}e2a-1b2c-4d5e-8f90-0a1b2c3d4e5{i}"]
            for i, o in enumerate(observers)]
    path = write_csv(tmp_path / "exit.csv", csv_text(header, rows))
    found = inspect_file(path)
    assert {"column": "Observer name", "kind": "name"} in found["personal_data_columns"]
    text = _all_text(read_survey(path, key=KEY))
    assert "Welanso" not in text and "Ibbeya" not in text


def test_register_names_written_family_name_first_are_personal_data(tmp_path):
    """A relay's hand-kept entry list (round 13: "Sarja;Joukkueen nimi;Seura;Osuuden 1 juoksija;…") lists each
    runner family name first ("Pirhonen Nuutti"), most family names in no list: a whole cell of capitalised words
    ending in a known given name is a person's name, so the runner columns are personal data and the names reach
    no output, while the class stays a question."""
    header = ["Sarja", "Seura", "Osuuden 1 juoksija", "Osuuden 2 juoksija"]
    leg1 = ["Ruuskalo Nuutti", "Vehkaoja Annika", "Kiiskilä Jaakko", "Hurmerinta Anna-Kaisa", "Peltojoki Otto",
            "Saarnivaara Samu"]
    leg2 = ["Kuusisto Ilona", "Halmetoja Timo", "Reinikka Mikko", "Lipponen Lauri", "Vuorikari Julia",
            "Nurmikari Heini"]
    rows = [[["H21", "D21"][i % 2], ["Rastiseura", "Kalevan Rasti"][i % 2], a, b]
            for i, (a, b) in enumerate(zip(leg1, leg2))]
    path = write_csv(tmp_path / "ilmoittautumiset.csv", csv_text(header, rows))
    found = inspect_file(path)
    personal = {c["column"] for c in found["personal_data_columns"]}
    assert {"Osuuden 1 juoksija", "Osuuden 2 juoksija"} <= personal
    assert questions_by_text(found)["Sarja"]["type"] == "single"
    text = _all_text(read_survey(path, key=KEY))
    assert not any(name.split()[0] in text for name in leg1 + leg2)


def test_primary_contact_last_name_is_personal_data(tmp_path):
    """A Qualtrics provider survey (round 13) asks for the "Primary Contact First Name" and "Primary Contact Last
    Name": a contact block's name fields, personal data by their header (the family names alone look like no
    name by their values), and they reach no output."""
    header = ["Primary Contact First Name", "Primary Contact Last Name", "Do you run an outdoor school program?"]
    rows = [["Samu", "Grainholt", "Yes"], ["Amyl", "Freebury", "No"], ["Matt", "Bradholm", "Yes"],
            ["Kaisa", "Oakfield", "Yes"]]
    path = write_csv(tmp_path / "providers.csv", csv_text(header, rows))
    found = inspect_file(path)
    assert {"column": "Primary Contact Last Name", "kind": "name"} in found["personal_data_columns"]
    text = _all_text(read_survey(path, key=KEY))
    assert "Grainholt" not in text and "Freebury" not in text


def test_ms_forms_confidence_wording_is_a_scale(tmp_path):
    """The course evaluation of round 12 on Microsoft Forms (round 13) words the top level "I can absolutely do
    this!" rather than "I absolutely can do this!": the same confidence scale, so its items are Likert."""
    header = ["Id", "Starttid", "Slutförandetid", "E-post", "Namn",
              "Give your confidence levels of the following statements\n.I can start RStudio"]
    levels = ["I can absolutely do this!", "I have no confidence I can do this", "I can absolutely do this!",
              "I have good confidence I can do this"]
    rows = [[str(i + 1), f"10/6/2025 14:4{i}", f"10/6/2025 14:5{i}", "anonymous", "", level]
            for i, level in enumerate(levels)]
    found = inspect_file(write_csv(tmp_path / "utvardering.csv", csv_text(header, rows)))
    question = next(q for q in found["questions"] if any("I can start RStudio" in c for c in q["columns"]))
    assert question["type"] == "likert"
    assert question["options"][-1] == "I can absolutely do this!"


def test_wide_export_of_unanswered_loop_columns_is_read(tmp_path):
    """A Qualtrics export of a survey with a loop (round 13: 2170 columns, a block of columns for each of up to
    100 facilities, 38 respondents) is wider than ``[ingest] max_columns`` only by columns nobody answered: those
    are left out with a warning and the file is read. A file whose answered columns alone are too many is still
    refused (tests/data/bad: columns_5000.csv)."""
    loops = [f"{k}_Q21" for k in range(1, 31)]
    header = ["StartDate", "EndDate", "Status", "ResponseId", "Q15", *loops]
    texts = ["Start Date", "End Date", "Response Type", "Response ID", "Have you hosted outdoor school before?",
             *[f"{k} - Does your program occur over consecutive days?" for k in range(1, 31)]]
    ids = ['{"ImportId":"startDate"}', '{"ImportId":"endDate"}', '{"ImportId":"status"}',
           '{"ImportId":"_recordId"}', '{"ImportId":"QID15"}', *[f'{{"ImportId":"{k}_QID21"}}' for k in range(1, 31)]]
    rows = [[f"2018-10-0{i + 1} 11:15:51", f"2018-10-0{i + 1} 11:17:08", "IP Address", f"R_abc{i}",
             ["Yes", "No"][i % 2], ["Yes", "No"][i % 2], *[""] * 29] for i in range(4)]
    path = write_csv(tmp_path / "loop.csv", csv_text(header, [texts, ids, *rows]))
    found = inspect_file(path, params={"max_columns": 20})
    assert found["tool"] == "qualtrics" and found["respondents"] == 4
    assert any("29 of 35 columns hold no answer" in w for w in found["warnings"])
    assert {"Q15", "1_Q21"} <= {c for q in found["questions"] for c in q["columns"]}


def test_copy_of_a_rating_under_a_header_of_quotes_is_left_out(tmp_path):
    """A Qualifio export (round 13) repeats each 1-5 rating in the next column under a header of quotes and
    backslashes, every row alike: counted as a question of its own it doubled the rating's answers under a title
    of punctuation. Such a copy is left out as metadata with a warning; a column of different answers under a
    header of no words stays a question."""
    header = ["Ikäsi?", "Kuinka tyytyväinen olet asuinalueesi viheralueisiin?", '\\\\""', "-"]
    rows = [[["25-40", "41-65"][i % 2], str(r), str(r), str(6 - r)] for i, r in enumerate([4, 5, 2, 3, 4, 1])]
    found = inspect_file(write_csv(tmp_path / "qualifio.csv", csv_text(header, rows)))
    by_column = {q["columns"][0]: q for q in found["questions"]}
    assert by_column['\\\\""']["type"] == "meta"
    assert by_column["-"]["type"] != "meta"
    assert any("repeats column 2 row for row" in w for w in found["warnings"])
