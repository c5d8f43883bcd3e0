"""Quirks of real exports found on a fourth round of unseen files (issue 12, round b13): one test per quirk, each on
a few inline rows built the way files of that kind look (not copies of the files)."""
from __future__ import annotations

import openpyxl

from pipeline.ingest import inspect_file, read_survey
from pipeline.ingest.qtypes import anchored_text_scale
from pipeline.privacy import personal_data_kind

from conftest import write_csv

KEY = b"k"


def _outputs(survey) -> str:
    """Every cell of the answers, respondents and questions tables as one text, to look for leaked values."""
    return "\n".join(frame.astype(str).to_csv() for frame in (survey.answers, survey.respondents, survey.questions))


def _types(found: dict) -> dict[str, str]:
    return {q["text"]: q["type"] for q in found["questions"]}


def test_note_row_as_wide_as_the_header_above_a_google_forms_header_is_skipped(tmp_path):
    # a French Google Forms CSV someone numbered by hand in a row above the header: the note row fills every
    # column, so it is no title by its width; the tool's own first header below it ("Horodateur") tells
    path = write_csv(tmp_path / "retours.csv",
                     "q,1,q2,q3\n"
                     "Horodateur,Trouvez-vous l'outil utile ?,Remarques,Recommanderiez-vous l'outil ?\n"
                     "10/03/2024 23:45:34,Très intéressant,,Oui\n"
                     "11/03/2024 09:32:04,Plutôt intéressant,Bien,Non\n"
                     "11/03/2024 10:53:37,Indifférent,,Oui\n")
    found = inspect_file(path)
    assert found["tool"] == "googleforms"
    assert found["respondents"] == 3
    assert found["skipped_row_numbers"] == [1]
    # a generic table whose first row is its header keeps it, whatever the rows below start with
    plain = write_csv(tmp_path / "plain.csv", "q,a,b\nTimestamp,1,2\nx,3,4\n")
    assert inspect_file(plain)["skipped_row_numbers"] == []


def test_grid_with_labelled_ends_and_bare_numbers_between_is_a_likert_grid(tmp_path):
    # a Google Forms grid whose middle columns have no label: "Non, pas du tout", 2, 3, 4, "Oui, tout à fait"
    stem = "Diriez-vous que ..."
    rows = [['"Non, pas du tout"', "3", "4"], ["2", '"Oui, tout à fait"', "3"], ["4", "3", '"Non, pas du tout"'],
            ['"Oui, tout à fait"', "2", "3"]]
    lines = ["Horodateur," + ",".join(f"{stem} [{s}]" for s in ("Je suis sensible", "Je sais agir", "J'ai besoin"))]
    lines += [f"2{i}/10/2023 14:55:21," + ",".join(r) for i, r in enumerate(rows)]
    found = inspect_file(write_csv(tmp_path / "rse.csv", "\n".join(lines) + "\n"))
    grids = [q for q in found["questions"] if q["type"] == "likert"]
    assert len(grids) == 1 and len(grids[0]["columns"]) == 3
    # the end that says "not" is the low end, whatever order the answers come in
    options, scale = anchored_text_scale(["3", "Teljes mértékben jellemző rám", "2", "Egyáltalán nem jellemző rám"], 11)
    assert options == ["Egyáltalán nem jellemző rám", "2", "3", "Teljes mértékben jellemző rám"]
    assert scale["egyáltalán nem jellemző rám"] == 1 and scale["teljes mértékben jellemző rám"] == 4
    # two labels neither of which says "not" cannot be ordered: no scale
    assert anchored_text_scale(["Left", "2", "3", "Right"], 11) is None
    assert anchored_text_scale(["Yes", "No"], 11) is None


def test_importance_interest_and_truth_grids_in_german_and_spanish_are_likert(tmp_path):
    # a LimeSurvey grid exported with answer texts only ("Sehr wichtig" … "Nicht wichtig") and a Google Forms grid
    # on a Spanish true/false scale with "No lo sé" in the middle (kept off the scale)
    text = ("Funktionen [Suche],Funktionen [Filter],Funktionen [Export]\n"
            "Sehr wichtig,Wichtig,Kaum wichtig\nMäßig wichtig,Nicht wichtig,Sehr wichtig\n"
            "Wichtig,Sehr wichtig,Mäßig wichtig\n")
    found = inspect_file(write_csv(tmp_path / "results-survey.csv", text))
    assert [q["type"] for q in found["questions"]] == ["likert"]
    text = ("Marca temporal,¿Cómo eres? [Estudio mucho],¿Cómo eres? [Me gusta viajar],¿Cómo eres? [Soy puntual]\n"
            "9/08/2021 12:23:46,Totalmente verdadero,Un poco falso,No lo sé\n"
            "9/08/2021 12:25:01,Un poco verdadero,Totalmente falso,Totalmente verdadero\n"
            "9/08/2021 12:26:31,No lo sé,Un poco verdadero,Un poco falso\n")
    found = inspect_file(write_csv(tmp_path / "personalidad.csv", text))
    assert [q["type"] for q in found["questions"]] == ["likert"]


def test_a_name_column_is_told_by_its_answers_under_a_header_that_asks_for_a_name(tmp_path):
    # KoboToolbox: "Name of Director or Lead Caregiver" (no whole-header rule knows the role) holds names, many of
    # them not on the shipped lists ("Nankima Mary"); the school names beside it stay answers
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["start", "ECD Centre", "Name of Director or Lead Caregiver", "District", "_id", "_uuid",
                  "_submission_time", "_index"])
    heads = ["Nankima Mary", "SERUNKUUMA CHARLES", "Ssenyonga Leonard", "Kabasu Mark", "WALUSIMBI SUZAN",
             "Akello Grace"]
    schools = ["AMAZING GRACE JUNIOR SCHOOL", "Butayunja", "VICTORY NURSERY", "Busooba", "ST. MARY NURSERY",
               "Kisagazi"]
    for i, (head, school) in enumerate(zip(heads, schools), start=1):
        sheet.append([f"2025-11-2{i} 17:11:35", school, head, "MUBENDE", 726026980 + i,
                      f"29f63994-bd54-44b2-9689-5db20110b14{i}", f"2025-11-2{i} 14:52:27", i])
    book.save(tmp_path / "ecd.xlsx")
    found = inspect_file(tmp_path / "ecd.xlsx")
    kinds = {p["column"]: p["kind"] for p in found["personal_data_columns"]}
    assert kinds.get("Name of Director or Lead Caregiver") == "name"
    assert "ECD Centre" not in kinds
    text = _outputs(read_survey(tmp_path / "ecd.xlsx", key=KEY))
    assert not any(head in text for head in heads)
    assert "Butayunja" in text


def test_a_question_inviting_name_and_e_mail_is_a_contact_column(tmp_path):
    # a French Google Form ends with "… vous pouvez nous laisser votre nom, prénom et mail": most answers are a
    # name alone, some a name and an address, some a remark; the whole column is contact details
    header = ("Si vous souhaitez sortir de l'anonymat, vous pouvez nous laisser votre nom, prénom et mail.\nMerci")
    assert personal_data_kind(header) == "contact"
    assert personal_data_kind("If you would like the results, leave your name and email") == "contact"
    assert personal_data_kind("How did you hear about us (mail, phone, friends)?") is None
    path = write_csv(tmp_path / "rse.csv",
                     'Horodateur,Êtes-vous ?,"' + header + '"\n'
                     "25/10/2023 14:55:21,Personnel BIATSS,Sophie Exemplaire\n"
                     "25/10/2023 14:57:07,Personnel enseignant,\n"
                     "25/10/2023 15:10:57,Personnel BIATSS,Cette question est déplacée.\n"
                     "25/10/2023 15:18:16,Personnel enseignant,Paul EXEMPLE paul.exemple@example.fr\n")
    text = _outputs(read_survey(path, key=KEY))
    assert "Exemplaire" not in text and "EXEMPLE" not in text and "example.fr" not in text


def test_typeform_newer_metadata_columns_are_metadata(tmp_path):
    # Typeform's newer CSV ends with Response Type, Start Date (UTC), Stage Date (UTC), Submit Date (UTC),
    # Network ID, Tags (and Ending): none is a question
    path = write_csv(tmp_path / "typeform.csv",
                     "#,Qué sensación define tu año?,Response Type,Start Date (UTC),Stage Date (UTC),"
                     "Submit Date (UTC),Network ID,Tags,Ending\n"
                     "hefupfubphvacf8sv12ch63vnvacgl4s,Pasión,completed,2025-02-22 17:15:19,,2025-02-22 17:16:39,"
                     "98eebf3737,,default\n"
                     "5dm9nya2b0mwd55dm8h7sy59j4q36wf8,Caos,completed,2025-02-22 17:03:08,,2025-02-22 17:03:26,"
                     "98eebf3737,,default\n")
    found = inspect_file(path)
    assert found["tool"] == "typeform"
    asked = [q["text"] for q in found["questions"] if q["type"] != "meta"]
    assert asked == ["Qué sensación define tu año?"]


def test_wenjuanxing_empty_markers_are_no_answer(tmp_path):
    # 问卷星 writes "(空)" for an unanswered fill-in and "(跳过)" for a skipped question: neither is an option
    path = write_csv(tmp_path / "wjx.csv",
                     "序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您的手机价值多少元？,2、你觉得你的手机怎么样？\n"
                     "1,2021/4/26 19:50,49秒,微信,N/A,180.162.3.3(上海-上海),8999,1\n"
                     "2,2021/4/26 19:55:09,65秒,微信,N/A,116.226.145.27(上海-上海),(空),2\n"
                     "3,2021/4/26 19:55:12,63秒,微信,N/A,223.104.212.115(上海-上海),12000,(跳过)\n"
                     "4,2021/4/26 20:01:58,118秒,手机提交,直接访问,101.86.212.100(上海-上海),(空),(跳过)\n")
    found = inspect_file(path)
    assert found["tool"] == "wenjuanxing"
    assert found["respondents"] == 3
    assert _types(found)["1、您的手机价值多少元？"] == "number"
