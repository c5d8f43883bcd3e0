"""Quirks found on round 12 of unseen real exports (issue 12): one test per rule, each on a few inline rows built
the way files of that layout look (synthetic values, not copies of the files)."""
from __future__ import annotations

import openpyxl

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, questions_by_text, refused_in_one_line, run_cli, write_csv

KEY = b"round-twelve-test-key"


def _all_text(survey) -> str:
    """Every table of a read survey as one text, to look for a value that must not be there."""
    return "\n".join(t.astype(str).to_csv() for t in (survey.questions, survey.respondents, survey.answers))


def test_norwegian_name_header_is_personal_data(tmp_path):
    """A hand-kept Norwegian log headed ``navn, antall, forklaring, dato`` (round 12: surnames alone under
    "navn", which no name list vouches for): "navn" is the Norwegian and Danish word for a name, so the column is
    personal data by its header, and its surnames reach neither the questions nor the answers."""
    header = ["navn", "antall", "forklaring", "dato"]
    names = ["Brekkestad", "Hovdenak", "Brekkestad", "Sæternes", "Hovdenak", "Brekkestad"]
    rows = [[n, str(1 + i % 3), f"Glemte utstyr på lageret {i}", f"2019-02-0{i + 1}"] for i, n in enumerate(names)]
    path = write_csv(tmp_path / "logg.csv", csv_text(header, rows))
    found = inspect_file(path)
    assert {"column": "navn", "kind": "name"} in found["personal_data_columns"]
    assert "navn" not in questions_by_text(found)
    text = _all_text(read_survey(path, key=KEY))
    assert "Brekkestad" not in text and "Hovdenak" not in text and "Sæternes" not in text


def test_column_of_staff_names_under_a_leader_header_is_dropped(tmp_path):
    """An orientation feedback sheet (round 12) whose first column "My Orientation Leader was …" holds the
    leader's name on every row, a given name no list has and a known family name: too few different answers
    for a name column by its look, but a header naming a leader, trainer or teacher whose answers are person
    names is personal data all the same. The agree statements beside it stay questions."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["My Orientation Leader was …", "approachable.", "knowledgeable about campus resources.",
               "Open-Ended Response"])
    for i in range(8):
        ws.append(["Torvald Whitaker\xa0", ["Agree", "Strongly Agree"][i % 2], ["Strongly Agree", "Disagree"][i % 2],
                   "Helpful tour" if i == 0 else None])
    path = tmp_path / "orientation.xlsx"
    wb.save(path)
    found = inspect_file(path)
    assert {"column": "My Orientation Leader was …", "kind": "name"} in found["personal_data_columns"]
    texts = questions_by_text(found)
    assert "My Orientation Leader was …" not in texts
    assert texts["approachable."]["type"] == "likert"
    assert "Whitaker" not in _all_text(read_survey(path, key=KEY))


def test_trainer_question_answered_with_topics_stays_a_question(tmp_path):
    """The guard of the rule above: a header with a role word whose answers are no names ("Which trainer's
    session helped most?" answered with session topics) stays a single choice."""
    header = ["Which trainer's session helped most?", "Rating"]
    topics = ["Digital Marketing", "Export Basics", "Digital Marketing", "Costa Rica Trip", "Export Basics"]
    rows = [[t, str(3 + i % 3)] for i, t in enumerate(topics)]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "sessions.csv", csv_text(header, rows))))
    assert found["Which trainer's session helped most?"]["type"] == "single"


def test_file_of_names_only_is_refused_without_naming_anyone(tmp_path):
    """A participant list kept as a workbook (round 12: one column of first and last names, no header, two
    blank rows above): read as an export it had no question and no respondent, and the run went on with an
    empty survey. It is refused with exit 2 and one line saying the file is a list of people, naming no one."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([None])
    ws.append([None])
    for name in ["Kaisa Korhonen", "Matti Virtanen", "Liisa Nieminen", "Juha Mäkinen", "Anna Laine", "Pekka Heikkinen"]:
        ws.append([name])
    path = tmp_path / "osallistujat.xlsx"
    wb.save(path)
    message = refused_in_one_line(run_cli("inspect", str(path)), "Korhonen", "Kaisa")
    assert "list of people" in message and "osallistujat.xlsx" in message


def test_na_in_a_column_of_numbers_is_no_answer(tmp_path):
    """A data file written by R marks a skipped item ``NA`` (round 12: an economists' panel's certainty 1-10,
    a Finnish survey's 1-5 items). In a column of numbers "NA" is no answer: the certainty is a number, not a
    choice with an option "NA"; in a column of words "NA" stays an answer."""
    header = ["Varmuus", "Toimiala"]
    rows = [[str(v), t] for v, t in zip(["8", "NA", "7", "10", "3", "NA", "6", "9"],
                                        ["Kauppa", "NA", "Teollisuus", "Kauppa", "NA", "Palvelut", "Kauppa", "NA"])]
    path = write_csv(tmp_path / "paneeli.csv", csv_text(header, rows))
    found = questions_by_text(inspect_file(path))
    assert found["Varmuus"]["type"] == "number"
    assert "NA" in found["Toimiala"]["options"]
    answers = read_survey(path, key=KEY).answers
    assert not (answers["value"].astype(str) == "NA").loc[answers["question_id"] == found["Varmuus"]["id"]].any()


def test_codes_one_and_two_are_a_two_way_choice(tmp_path):
    """A coded data file writes gender and two-group splits as 1 and 2 (round 12: ``T_gender``,
    ``T_Q001_2cat`` over 503 respondents). A column of only 1 and 2 over 20 or more answers is a single choice,
    not a number; a question asking "how many" answered 1 or 2 stays a number."""
    header = ["T_gender", "How many workshops did you attend?"]
    rows = [[str(1 + i % 2), str(1 + (i // 3) % 2)] for i in range(24)]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "coded.csv", csv_text(header, rows))))
    assert found["T_gender"]["type"] == "single"
    assert found["T_gender"]["options"] == ["1", "2"]
    assert found["How many workshops did you attend?"]["type"] == "number"


def test_confidence_labels_are_a_scale(tmp_path):
    """A course evaluation's self-rated learning outcomes (round 12, Google Forms: "I have no / low / some /
    good confidence I can do this", "I absolutely can do this!") is a rating scale, not a single choice."""
    header = ["Tidstämpel", "Share your confidence [Transfer files using rsync]"]
    levels = ["I absolutely can do this!", "I have good confidence I can do this",
              "I have low confidence I can do this", "I have some confidence I can do this"]
    rows = [[f"2024-05-24 15.2{i}.01", level] for i, level in enumerate(levels)]
    found = inspect_file(write_csv(tmp_path / "eval.csv", csv_text(header, rows)))
    question = next(q for q in found["questions"] if header[1] in q["columns"])
    assert question["type"] == "likert"
    # the level nobody chose takes the scale's canonical label; the others keep the form's wording, in order
    assert question["options"] == ["No confidence", "I have low confidence I can do this",
                                   "I have some confidence I can do this", "I have good confidence I can do this",
                                   "I absolutely can do this!"]


def test_panel_agree_scale_with_uncertain_middle_is_likert(tmp_path):
    """The Finnish economists' panel scale (round 12): "Vahvasti eri mieltä … Epävarma … Vahvasti samaa
    mieltä", with "Ei mielipidettä" and "Ei vastannut" beside it. "Epävarma" is the scale's middle and "Ei
    vastannut" (did not answer) is kept off the scale like "Ei mielipidettä"."""
    header = ["Vastaus"]
    answers = ["Samaa mieltä", "Epävarma", "Eri mieltä", "Vahvasti samaa mieltä", "Vahvasti eri mieltä",
               "Ei mielipidettä", "Ei vastannut", "Samaa mieltä"]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "paneeli.csv", csv_text(header, [[a] for a in answers]))))
    assert found["Vastaus"]["type"] == "likert"
    assert found["Vastaus"]["options"] == ["Vahvasti eri mieltä", "Eri mieltä", "Epävarma", "Samaa mieltä",
                                           "Vahvasti samaa mieltä"]


def test_options_joined_by_a_bare_comma_are_a_multi_select(tmp_path):
    """A survey's own export of a checkbox question joins the chosen options with a bare comma (round 12, a
    Norwegian survey: "hørsel,motorikk"): each piece is an answer given alone elsewhere or recurs, so the column
    is a multi-select of those options; decimal numbers ("3,5") are no such join."""
    header = ["type-kode", "Tunnit"]
    codes = ["syn", "kognisjon", "mobilitet,motorikk", "hørsel,motorikk", "mobilitet", "motorikk", "kognisjon",
             "hørsel,kognisjon,motorikk"]
    rows = [[c, h] for c, h in zip(codes, ["3,5", "2", "4,5", "1", "2,5", "3", "6", "1,5"])]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "koder.csv", csv_text(header, rows))))
    assert found["type-kode"]["type"] == "multi"
    assert set(found["type-kode"]["options"]) == {"syn", "kognisjon", "mobilitet", "motorikk", "hørsel"}
    assert found["Tunnit"]["type"] == "number"


def test_battery_item_with_a_negative_na_code_stays_in_the_battery(tmp_path):
    """Three neighbouring 1-5 difficulty items under bare headers (round 12: ``vanskelighetsgrad-generell``,
    ``-tekst``, ``-valg``), one of them with two "-1" (a not-applicable code): the negative code no longer
    breaks the run, so all three are a rating battery, not numbers."""
    header = ["grad-generell", "grad-tekst", "grad-valg"]
    rows = [[str(1 + i % 5), str(1 + (i + 2) % 5), str(1 + (i + 4) % 5)] for i in range(40)]
    rows[3][1] = rows[17][1] = "-1"
    found = inspect_file(write_csv(tmp_path / "grad.csv", csv_text(header, rows)))
    by_column = {c: q["type"] for q in found["questions"] for c in q["columns"]}
    assert by_column == {h: "likert" for h in header}, by_column


def test_long_dropdown_of_parties_is_a_single_choice_without_names(tmp_path):
    """A dropdown of more than 30 options (round 11's party list and country list, left open text then): 32
    parties repeated over 400 answers, a few one-off lists named after their candidate ("Valitsijayhdistys
    Raimo Flink"). Mostly repeated short labels with few one-offs are a single choice; the candidates' names are
    scrubbed from the option labels, and the labels that scrub alike are listed once."""
    parties = [f"Puolue {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(32)]
    answers = [parties[i % 32] for i in range(396)] + ["Valitsijayhdistys Raimo Flink",
                                                       "Valitsijayhdistys Kaarina Kuisma"] + parties[:2]
    path = write_csv(tmp_path / "ehdokkaat.csv", csv_text(["puolue", "ikä"],
                                                         [[a, str(25 + i % 40)] for i, a in enumerate(answers)]))
    question = questions_by_text(inspect_file(path))["puolue"]
    assert question["type"] == "single"
    survey = read_survey(path, key=KEY)
    options = list(survey.questions.set_index("text").loc["puolue", "options"])
    assert options.count("Valitsijayhdistys [name]") == 1
    assert "Flink" not in _all_text(survey) and "Kuisma" not in _all_text(survey)


def test_many_typed_places_stay_open_text(tmp_path):
    """The guard of the dropdown rule: 40 place names typed by 600 people, some in lower case ("helsinki"
    beside "Helsinki"), are typed text, not a list's labels: the column stays open text."""
    places = [f"Paikka{chr(65 + i)}" for i in range(38)] + ["Helsinki", "helsinki"]
    rows = [[places[i % 40]] for i in range(600)]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "paikat.csv", csv_text(["Kotipaikka"], rows))))
    assert found["Kotipaikka"]["type"] == "open"


def test_rows_of_one_answer_each_are_turned_to_one_row_per_respondent(tmp_path):
    """An economists' panel kept one answer per row (round 12: ``numero, Vastaaja, Vastaus, Varmuus``, 13 rows
    per economist): read as it was, the repeated respondent id made every row but the first a resubmission and
    12 of 13 answers were dropped. The rows are turned to one per respondent, one column per numbered question,
    and nothing is lost."""
    header = ["numero", "Vastaaja", "Vastaus", "Varmuus"]
    scale = ["Samaa mieltä", "Eri mieltä", "Epävarma", "Vahvasti samaa mieltä"]
    rows = [[str(n), f"Ekonomisti {p}", scale[(n + p) % 4], str(3 + (n * p) % 7)]
            for n in (10, 11, 12) for p in range(1, 6)]
    path = write_csv(tmp_path / "paneeli.csv", csv_text(header, rows))
    found = inspect_file(path)
    assert found["respondents"] == 5 and found["resubmitted"] == 0
    vastaus = questions_by_text(found)["Vastaus"]
    assert vastaus["type"] == "likert" and len(vastaus["columns"]) == 3
    survey = read_survey(path, key=KEY)
    qid = vastaus["id"]
    assert (survey.answers["question_id"] == qid).sum() == 15


def test_resubmitted_form_keeps_one_row_per_respondent(tmp_path):
    """The guard of the rule above: a form where two of five respondents sent their answers again (the same
    id, a later time, changed answers) is no long file: the resubmissions still count once."""
    header = ["Respondent ID", "Timestamp", "Toimiala", "Tyytyväisyys"]
    rows = [["r1", "2024-03-01 10:00", "Kauppa", "4"], ["r2", "2024-03-01 10:05", "Teollisuus", "3"],
            ["r3", "2024-03-01 10:07", "Palvelut", "5"], ["r1", "2024-03-01 11:00", "Teollisuus", "5"],
            ["r4", "2024-03-01 11:30", "Kauppa", "2"], ["r5", "2024-03-01 12:00", "Palvelut", "4"],
            ["r2", "2024-03-02 09:00", "Kauppa", "3"]]
    found = inspect_file(write_csv(tmp_path / "lomake.csv", csv_text(header, rows)))
    assert found["respondents"] == 5 and found["resubmitted"] == 2
