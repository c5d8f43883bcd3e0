"""Quirks found on round 15 of unseen real exports (issue 12): one test per rule, each on a few inline rows built
the way files of that layout look (synthetic values, not copies of the files)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, questions_by_text, write_csv

KEY = b"round-fifteen-test-key"


def test_semicolon_export_saved_again_with_every_line_one_quoted_cell_is_read(tmp_path):
    """A KoboToolbox ';' export opened as one column and saved again (round 15) wraps every line whole in quotes,
    its inner quotes doubled (``"start;""end"";…``). The rows inside the cells are the export: its
    questions are read with their answers, not as one open column of whole lines."""
    header = ["start", "end", "Q4. Gender", "Q9. How satisfied are you with the product quality?", "_uuid",
              "_submission_time", "_index"]
    scale = ["Satisfied", "Dissatisfied", "Neutral", "Very satisfied", "Very dissatisfied"]
    rows = [[f"2025-10-20 20:{i:02d}:00", f"2025-10-20 20:{i:02d}:50", ["Male", "Female"][i % 2], scale[i % 5],
             f"43b148bf-b39b-4c1d-ae5b-16d822a2f{i:03d}", f"2025-10-20 19:{i:02d}:59", str(i + 1)] for i in range(8)]
    inner = [";".join([line[0]] + [f'"{c}"' for c in line[1:]]) for line in [header] + rows]   # first cell bare
    text = "\n".join('"' + line.replace('"', '""') + '"' for line in inner) + "\n"
    found = inspect_file(write_csv(tmp_path / "kobo.csv", text))
    assert found["tool"] == "kobotoolbox" and found["respondents"] == 8
    questions = questions_by_text(found)
    assert questions["Q4. Gender"]["type"] == "single"
    assert questions["Q9. How satisfied are you with the product quality?"]["type"] == "likert"


def test_id_column_typed_by_hand_with_short_codes_among_the_ids_is_personal_data(tmp_path):
    """A KoboToolbox registration (round 15) asks under a bare "Q5" for an id card number: most answers are
    9-digit numbers or 20-character letter-and-digit ids, the rest short codes ("Kit 187") from those without a
    card. Fewer than 80 % are long ids, yet every answer is a code with digits and they differ: the column is
    an identifier, left out, not an open question whose ids reach the outputs."""
    ids = ["101978685", "117650477", "100555097", "116817231", "NW3310915J70J9UFXYZ0", "LT1001415J7DDFZCAQT9",
           "Kit 187", "KIT167", "Kit 284", "118017767"]
    header = ["_uuid", "_submission_time", "_index", "sexe", "Q5"]
    rows = [[f"e065676d-aaff-4c6b-a837-302d18aa3e{i:02d}", f"2024/08/13 12:{i:02d}:41", str(i + 1),
             ["Homme", "Femme"][i % 2], code] for i, code in enumerate(ids)]
    found = inspect_file(write_csv(tmp_path / "kobo.csv", csv_text(header, rows)))
    assert {"column": "Q5", "kind": "identifier"} in found["personal_data_columns"]
    assert "Q5" not in questions_by_text(found)


def test_name_after_a_title_is_scrubbed_from_open_answers(tmp_path):
    """A German Google Forms export (round 15) answers "Wann fühlen Sie sich nicht zugehörig?" with "Wenn ich mit
    Herr Sucur rede.": a lecturer's family name no list knows, but written after a title ("Herr", "Frau", "Mr",
    "Dr" …) it is a name, and it must not reach the outputs; the title and the sentence stay."""
    header = ["Timestamp", "Ich fühle mich an meiner Hochschule willkommen.",
              "Wann oder in welchen Situationen fühlen Sie sich nicht zugehörig?"]
    said = ["Wenn ich alleine lerne", "Wenn ich mit Herr Sucur rede.", "In der Mensa", "Nie", "Bei Prüfungen",
            "Wenn die Gruppe schon steht"]
    rows = [[f"13/04/2026 23:1{i}:2{i}", str(3 + i % 3), s] for i, s in enumerate(said)]
    text = _all_text(read_survey(write_csv(tmp_path / "gforms.csv", csv_text(header, rows)), key=KEY))
    assert "Sucur" not in text
    assert "Wenn ich mit Herr [name] rede." in text


def _all_text(survey) -> str:
    """Every table of a read survey as one text, to look for a value that must not be there."""
    return "\n".join(t.astype(str).to_csv() for t in (survey.questions, survey.respondents, survey.answers))


def test_one_semicolon_joined_answer_of_options_chosen_alone_too_makes_a_multi_select(tmp_path):
    """A French Google Forms download (round 15) joins checked boxes with ";": of 248 answers to "Travaillez-vous
    plus souvent individuellement ou en groupe ?", four ticked both, all as the same "Individuellement;En groupe".
    One joined answer, given by several respondents, whose pieces are both answers given alone: a multi-select.
    A label holding a semicolon whose pieces are never given alone stays one option of a single choice."""
    answers = ["En groupe", "Individuellement", "En groupe", "Individuellement;En groupe", "En groupe",
               "Individuellement", "Individuellement;En groupe", "En groupe", "Individuellement", "En groupe"]
    label = ["Oui; souvent", "Non", "Non", "Oui; souvent", "Non", "Parfois", "Non", "Oui; souvent", "Parfois", "Non"]
    header = ["Horodateur", "Travaillez-vous plus souvent individuellement ou en groupe ?",
              "Utilisez-vous une application ?"]
    rows = [[f"2025/06/25 4:{10 + i}:36 PM UTC+2", a, b] for i, (a, b) in enumerate(zip(answers, label))]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "gforms.csv", csv_text(header, rows))))
    work = found["Travaillez-vous plus souvent individuellement ou en groupe ?"]
    assert work["type"] == "multi" and set(work["options"]) == {"En groupe", "Individuellement"}
    assert found["Utilisez-vous une application ?"]["type"] == "single"


def test_sosci_rows_marked_not_finished_are_counted_as_unfinished(tmp_path):
    """SoSci Survey marks an interview left before the last page FINISHED = F (0 in its SPSS export); round 14's
    HUPS3 had 10 of 208 such rows. Like LimeSurvey's rows without a submit date they stay respondents, but
    inspect counts them as ``unfinished`` and a warning names their rows (one rule per tool, kept as data)."""
    header = ["CASE", "SERIAL", "REF", "QUESTNNR", "MODE", "STARTED", "DM01", "DV07_01", "FINISHED", "LASTPAGE"]
    rows = [[str(100 + i), "", "", "base", "interview", f"2023-05-0{1 + i} 10:00:00", ["1", "2"][i % 2],
             str(1 + i % 5), "F" if i in (2, 5) else "T", "4" if i in (2, 5) else "9"] for i in range(8)]
    found = inspect_file(write_csv(tmp_path / "sosci.csv", csv_text(header, rows)))
    assert found["tool"] == "sosci" and found["respondents"] == 8
    assert found["unfinished"] == 2
    said = [w for w in found["warnings"] if "never submitted" in w]
    assert len(said) == 1 and "FINISHED" in said[0] and "rows 4, 7" in said[0]


def test_submission_sent_again_seconds_later_with_one_answer_changed_counts_once(tmp_path):
    """A Google Forms export has no response id: a respondent who corrects one answer and submits again a few
    seconds later leaves two rows alike in every other answer (round 14 left this counted twice). When agreeing
    on all the other answers is too rare to be chance, the two are one respondent and the latest row is kept;
    two rows alike on common answers (a class rating a course at once) stay two respondents."""
    header = ["Timestamp", "Kunta", "Toimiala", "Henkilöstö", "Mikä oli hyödyllisintä?", "Arvosana",
              "Mitä kehittäisit?"]
    towns = ["Oulu", "Kemi", "Raahe", "Kajaani", "Ii", "Muhos", "Tornio", "Liminka"]
    rows = [[f"3/5/2026 10:{2 * i:02d}:00", towns[i], ["Rakentaminen", "Kauppa", "Palvelut"][i % 3],
             ["1-4", "5-9", "10-49"][i % 3], f"Vastaus {i}: verkostoituminen ja tietoturva", str(3 + i % 3),
             f"Lisää esimerkkejä aiheesta {i}"] for i in range(8)]
    again = list(rows[3])
    again[0], again[5] = "3/5/2026 10:06:40", "5"        # sent again 40 s later with the grade changed
    rows.insert(4, again)
    path = write_csv(tmp_path / "gforms.csv", csv_text(header, rows))
    survey = read_survey(path, key=KEY)
    assert survey.report["accepted"] == 8 and survey.report["duplicates"] == 1
    assert "one answer changed" in " ".join(survey.report["warnings"])
    grade = survey.questions.loc[survey.questions["text"] == "Arvosana", "question_id"].iloc[0]
    grades = survey.answers.loc[survey.answers["question_id"] == grade, "value"].astype(str).tolist()
    assert sorted(grades) == ["3", "3", "4", "4", "4", "5", "5", "5"]     # the corrected "5" kept, not the "3"
