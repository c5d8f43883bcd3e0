"""Quirks found on round 16 of unseen real exports (issue 12): one test per rule, each on a few inline rows built
the way files of that layout look (synthetic values, not copies of the files)."""
from __future__ import annotations

import openpyxl
import pandas as pd
import pyreadstat

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, questions_by_text, write_csv

KEY = b"round-sixteen-test-key"


def _leaks(survey, *values: str) -> list[str]:
    """The ``values`` found anywhere in the survey's questions, respondents or answers (as text)."""
    blob = "\n".join(frame.astype(str).to_csv() for frame in (survey.questions, survey.respondents, survey.answers))
    return [v for v in values if v in blob]


def test_one_placeholder_time_on_every_row_is_no_submission_time(tmp_path):
    """LimeSurvey writes ``1980-01-01 00:00:00`` into submitdate on every row of a survey that keeps no date
    stamps (round 16: a household roster). Read as times, every two rows with the same answers were "sent 0 s
    apart" and dropped as double submissions (798 of 2023 rows). One time on every row is no time: nothing is
    dropped, ingest and inspect agree, and a warning says why."""
    header = ["id", "submitdate", "lastpage", "startlanguage", "P3S2", "P3S3", "P3S5"]
    levels = ["4. Secundario completo", "3. Secundario incompleto", "6. Universitario completo"]
    # rows 0-2 repeat rows 3-5 answer for answer: two children of the same sex, age band and schooling
    rows = [[str(i + 1), "1980-01-01 00:00:00", "2", "es", ["Mujer", "Varón"][i % 2], str(10 + i % 3),
             levels[i % 3]] for i in range(6)]
    path = write_csv(tmp_path / "results-survey.csv", csv_text(header, rows))
    found = inspect_file(path)
    survey = read_survey(path, key=KEY)
    assert found["respondents"] == len(survey.respondents) == 6
    assert survey.report["duplicates"] == 0
    assert any("placeholder" in w for w in found["warnings"])


def test_inspect_counts_respondents_by_the_duplicate_rules_of_ingest(tmp_path):
    """A respondent who corrects a typo in one answer and sends the form again a minute later (round 15's
    KoboToolbox registration: 448 read by inspect, 447 kept by ingest). Inspect counts respondents by the same
    duplicate rules as ingest, so both say 7 and inspect says how many it left out."""
    header = ["Timestamp", "Name of your town", "Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8"]
    rows = [[f"2024/09/21 1{i}:00:00", town, *answers] for i, (town, answers) in enumerate([
        ("Kikaikelaki", ["Homme", "1990-02-11", "101099089", "2018-12-20", "NW11", "2", "10", "Anglais"]),
        ("Fontem", ["Femme", "1999-09-29", "100559608", "2017-11-28", "Sw21", "1", "8", "Français"]),
        ("Jakiri", ["Femme", "1989-08-04", "100215743", "2018-01-24", "Ce09", "2", "9", "Les deux"]),
        ("Bamenda", ["Homme", "1985-03-01", "100112233", "2016-05-10", "NW02", "1", "7", "Anglais"]),
        ("Kumba", ["Femme", "1993-07-19", "100998877", "2019-02-14", "Sw05", "2", "10", "Anglais"]),
        ("Buea", ["Homme", "1979-12-30", "100445566", "2015-09-09", "Sw11", "1", "6", "Les deux"]),
        ("Limbe", ["Femme", "1996-04-22", "100667788", "2020-06-01", "Sw14", "2", "9", "Français"])])]
    # the first respondent again 60 s later, the town's spelling corrected
    rows.insert(1, ["2024/09/21 10:01:00", "Kikaikelakki", *rows[0][2:]])
    path = write_csv(tmp_path / "form.csv", csv_text(header, rows))
    found = inspect_file(path)
    survey = read_survey(path, key=KEY)
    assert len(survey.respondents) == 7
    assert found["respondents"] == 7 and found["duplicates"] == 1


def test_rows_with_different_panel_ids_are_never_double_submissions(tmp_path):
    """A Prolific study in Qualtrics (round 14's file, seen anew when inspect began counting by ingest's duplicate
    rules): participants who set every slider to 100 within two minutes of one another gave identical answers,
    and ingest dropped 13 of them as double submissions. Their Prolific ids differ, so they are different people
    and all are kept; the same id sending the same answers twice is still one."""
    header = ["StartDate", "EndDate", "Status", "Progress", "Finished", "RecordedDate", "ResponseId",
              "Competence_1", "Honesty_1", "Ethic_1", "Sincerity_1", "Concern_1", "Impressiveness", "PROLIFIC_PID"]
    labels = ["Start Date", "End Date", "Response Type", "Progress", "Finished", "Recorded Date", "Response ID",
              "Competence", "Honesty", "Ethic", "Sincerity", "Concern", "How impressive?", "PROLIFIC_PID"]
    imports = ['{"ImportId":"%s"}' % (f"QID{i}_1" if 7 <= i < 13 else h) for i, h in enumerate(header)]
    pids = [f"5dfb693a73d72487b1fe{i:04x}" for i in range(8)]
    rows = [[f"2025-11-04 08:3{i}:00", f"2025-11-04 08:3{i}:58", "IP Address", "100", "True",
             f"2025-11-04 08:3{i}:58", f"R_6a4wYNvKLzC9H{i:02d}", *(["100"] * 5 if i < 5 else
             [str(20 + 9 * i), str(30 + i), str(40 + 7 * i), str(55 - i), str(61 + i)]),
             "5 - Extremely impressive" if i < 5 else "3 - Quite impressive", pids[i]] for i in range(8)]
    # participant 0 sends the same answers again 20 s later: one person, one respondent
    rows.append(["2025-11-04 08:30:20", "2025-11-04 08:31:18", "IP Address", "100", "True", "2025-11-04 08:31:18",
                 "R_6a4wYNvKLzC9H99", *rows[0][7:]])
    path = write_csv(tmp_path / "qualtrics.csv", csv_text(header, [labels, imports, *rows]))
    survey = read_survey(path, key=KEY)
    assert len(survey.respondents) == 8 and survey.report["duplicates"] == 1
    assert inspect_file(path)["respondents"] == 8


def test_header_asking_for_first_and_family_name_is_personal_however_often_a_name_repeats(tmp_path):
    """KoboToolbox "Nom et prénom de l'agent" (round 16): three people, written family name first in capitals,
    repeat over every row. A header holding a word only a person's name has (prénom, Vorname, apellido, 姓名 …)
    makes the column personal data on the shape of its answers alone, however often a name repeats and whether
    the name lists know it: it is left out and no name reaches the outputs. (Here the header names no role such
    as agent or interviewer, which a rule of its own covers.)"""
    agents = ["NIKUZE Anicette", "HAKIZIMANA Bosco", "NDAYISHIMIYE Claudine"]
    header = ["Nom et prénom du responsable", "Type du PDV", "_uuid", "_submission_time", "_index"]
    rows = [[agents[i % 3], ["Boutique", "Alimentation"][i % 2], f"5da0c72b-4305-4174-b192-e17945aa{i:04d}",
             f"2024-10-07 08:{i:02d}:52", str(i + 1)] for i in range(12)]
    path = write_csv(tmp_path / "kobo.csv", csv_text(header, rows))
    found = inspect_file(path)
    assert "Nom et prénom du responsable" in [p["column"] for p in found["personal_data_columns"]]
    assert _leaks(read_survey(path, key=KEY), *agents) == []


def test_name_header_in_chinese_is_found_inside_the_header(tmp_path):
    """A 问卷星 sheet's "1、你的姓名" ("your name", round 16): Chinese writes no spaces between words, so the
    name word 姓名 is looked for inside the header; the respondents' names are left out."""
    names = ["周晓梅", "林志强", "郑雨桐", "何家豪", "许静怡", "罗文博"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["1、你的姓名", "3、(鲁迅)", "7、请按照个人的喜好程度进行评价"])
    for i, name in enumerate(names):
        sheet.append([name, str(1 + i % 5), str(1 + i % 4)])
    path = tmp_path / "wjx.xlsx"
    book.save(path)
    found = inspect_file(path)
    assert "1、你的姓名" in [p["column"] for p in found["personal_data_columns"]]
    assert _leaks(read_survey(path, key=KEY), *names) == []


def test_interviewer_names_stored_as_spss_value_labels_are_personal(tmp_path):
    """An SPSS household survey (round 16) keeps "Nom de l'enquêteur" as codes 1…n whose value labels are the
    interviewers' names: a header naming the interviewer and a name is checked on the labels, so the column is
    left out and the names reach no output."""
    staff = {1.0: "Teme Onomo Ephrasie", 2.0: "Ankoat Clovis", 3.0: "Biboum Yves Landry"}
    frame = pd.DataFrame({"EnuName": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 1.0, 2.0],
                          "HHHSex": [1.0, 2.0, 2.0, 1.0, 2.0, 1.0, 2.0, 2.0]})
    path = tmp_path / "menages.sav"
    pyreadstat.write_sav(frame, str(path), column_labels=["Nom de l'enquêteur", "Sexe du chef de ménage"],
                         variable_value_labels={"EnuName": staff, "HHHSex": {1.0: "Masculin", 2.0: "Féminin"}})
    found = inspect_file(path)
    assert "EnuName" in [p["column"] for p in found["personal_data_columns"]]
    assert _leaks(read_survey(path, key=KEY), *staff.values()) == []


def test_participant_codes_all_different_are_an_identifier(tmp_path):
    """An SPSS file's "Probandencode" (round 16): each participant's code of initials and birth year ("AHK94"),
    read before as an open question and copied to the outputs. Ten or more answers, every one different, each
    three to twelve letters and digits: an identifier, used as the pseudonymised respondent id."""
    codes = ["AHK94", "akk86", "BWB84", "chb95", "CKD78", "dst50", "EHF90", "ewo69", "GGK64", "hgl84", "hpn84"]
    frame = pd.DataFrame({"Probandencode": codes, "Alter": [float(20 + i) for i in range(len(codes))]})
    path = tmp_path / "jva.sav"
    pyreadstat.write_sav(frame, str(path))
    found = inspect_file(path)
    assert found["respondent_id"] == "Probandencode"
    assert "Probandencode" not in [c for q in found["questions"] for c in q["columns"]]
    assert _leaks(read_survey(path, key=KEY), *codes) == []


def test_agree_completely_and_no_strong_feelings_are_the_agreement_scale(tmp_path):
    """A Microsoft Forms course evaluation (round 16) answers "Disagree / No strong feelings / Agree / Agree
    completely": the agreement scale with the adverb after the verb, typed as a single choice before."""
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Teaching aids were well prepared"]
    levels = ["Agree", "Agree completely", "No strong feelings", "Disagree", "Agree"]
    rows = [[str(i + 1), f"2024-03-12 14:49:0{i}", f"2024-03-12 14:5{i}:44", "anonymous", "", level]
            for i, level in enumerate(levels)]
    found = inspect_file(write_csv(tmp_path / "forms.csv", csv_text(header, rows)))
    question = questions_by_text(found)["Teaching aids were well prepared"]
    assert question["type"] == "likert"
    assert question["options"].index("No strong feelings") < question["options"].index("Agree completely")


def test_german_true_false_and_intensity_labels_are_scales(tmp_path):
    """SPSS value labels "falsch / eher falsch / eher richtig / richtig" (personality items) and "überhaupt nicht
    / ein wenig / ziemlich / stark / sehr stark" (symptom ratings), round 16: two German scales, typed as single
    choices before."""
    frame = pd.DataFrame({"PPI_1": [1.0, 2.0, 3.0, 4.0, 2.0, 3.0], "BSI_5": [0.0, 1.0, 2.0, 3.0, 4.0, 1.0]})
    true_false = {1.0: "falsch", 2.0: "eher falsch", 3.0: "eher richtig", 4.0: "richtig"}
    intensity = {0.0: "überhaupt nicht", 1.0: "ein wenig", 2.0: "ziemlich", 3.0: "stark", 4.0: "sehr stark"}
    path = tmp_path / "skalen.sav"
    pyreadstat.write_sav(frame, str(path), variable_value_labels={"PPI_1": true_false, "BSI_5": intensity})
    types = {q["columns"][0]: (q["type"], q["options"]) for q in inspect_file(path)["questions"]}
    assert types["PPI_1"] == ("likert", ["falsch", "eher falsch", "eher richtig", "richtig"])
    assert types["BSI_5"][0] == "likert" and types["BSI_5"][1][-1] == "sehr stark"


def test_kano_answers_stay_single_choices(tmp_path):
    """Decision guard, not a rule (round 16, gap b): Kano answers ("I like it / I expect it / I am neutral / I can
    tolerate it / I dislike it") are read only in functional/dysfunctional pairs, where "I like it" is the best
    answer to one and the worst to the other, so a mean or top box of one column would mislead. They stay single
    choices, their counts shown as they are."""
    header = ["Timestamp", "If the product had dark mode, how would you feel?",
              "If the product had no dark mode, how would you feel?"]
    kano = ["I like it", "I expect it", "I am neutral", "I can tolerate it", "I dislike it"]
    rows = [[f"2024/05/0{1 + i % 9} 10:00:00", kano[i % 5], kano[(i + 3) % 5]] for i in range(10)]
    found = inspect_file(write_csv(tmp_path / "kano.csv", csv_text(header, rows)))
    assert [q["type"] for q in found["questions"] if q["type"] != "meta"] == ["single", "single"]


def test_text_of_an_other_option_written_as_a_second_bracket_is_other_text(tmp_path):
    """A SurveyMonkey export edited by hand (round 16) heads an option "Q [Other, please specify...]" (ticked
    with 1) and the text written for it "Q [Other, please specify...] [text]": that column is the option's other
    text, not an open question of its own."""
    question = "With whom did you collaborate? Select all that apply:"
    options = ["Colleagues from the Faculty of Education", "EGAD Project Members", "Other, please specify..."]
    header = ["Collector", *[f"{question} [{o}]" for o in options], f"{question} [Other, please specify...] [text]"]
    rows = [["2013-2014", "1", "", "", ""], ["2015-2016", "", "1", "", ""], ["2013-2014", "1", "1", "", ""],
            ["2015-2016", "", "", "1", "colleagues from the co-operative education centre"],
            ["2013-2014", "1", "", "1", "an educational developer"], ["2015-2016", "", "1", "", ""]]
    found = inspect_file(write_csv(tmp_path / "edited.csv", csv_text(header, rows)))
    kinds = [(q["type"], len(q["columns"])) for q in found["questions"] if q["text"].startswith("With whom")]
    assert kinds == [("multi", 3), ("other_text", 1)]
