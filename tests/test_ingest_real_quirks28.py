"""Quirks found in ingest round 26 (issue 12) on six real exports the project had never seen: one test per rule,
each on a few inline rows built the way files of that kind look (invented statements and answers, not copies of
the files)."""
from __future__ import annotations

import pandas as pd
import pyreadstat
from openpyxl import Workbook

from pipeline.ingest import inspect_file, read_survey
from pipeline.ingest.qtypes import is_dont_know
from pipeline.privacy import scrub_text

from conftest import csv_text, questions_by_text, write_csv

KEY = b"k28"


def test_a_note_set_apart_in_the_second_column_is_no_header(tmp_path):
    """A Forms results sheet published as a Google Sheet and downloaded as CSV carries notes above the header,
    one of them a licence line in column B beside a badge in A, a blank row between it and the header. Notes had
    to start in the first column, so the first note became the header and every question "column N". A note set
    apart from the header by a blank row may start in the second column."""
    blank = [""] * 5
    notes = [["Para analizar los resultados hacé una copia", "", "", "", ""], blank,
             ["Recordá calificar a tu empresa", "", "", "", ""], blank,
             ["", "Esta obra está bajo una licencia Creative Commons", "", "", ""], blank]
    header = ["Me identifico", "Tengo", "Años de experiencia", "Dónde estás trabajando", "Comentario"]
    rows = [[["Hombre", "Mujer", "Otros"][i % 3], str(25 + i % 20), str(i % 15), ["Córdoba", "GBA", "Mendoza"][i % 3],
             ""] for i in range(12)]
    path = write_csv(tmp_path / "sueldos.csv", csv_text(notes[0], notes[1:] + [header] + rows))
    found = inspect_file(path)
    assert found["header_row_numbers"] == [7]
    assert found["respondents"] == 12
    assert {"Me identifico", "Años de experiencia"} <= set(questions_by_text(found))


def test_a_checkbox_column_answered_by_many_keeps_typed_others_off_its_options(tmp_path):
    """A checkbox question with an "other" field, answered by many: the typed texts stand among the options
    ("Linux, Docker, Sap" beside another's "SAP"). Two pieces differing only in case made the column open text.
    Over many answers the pieces chosen by at least 1 % of the respondents are the options; rarer ones are the
    typed "other" texts."""
    options = ["Linux", "Windows Server", "Docker", "Amazon Web Services", "Azure"]
    typed = ["SAP", "Sap", "Citrix", "mainframe IBM"]
    rows = []
    for i in range(150):
        picked = [o for k, o in enumerate(options) if (i + k) % 3 == 0]
        if i % 30 == 7:
            picked.append(typed[(i // 30) % 4])
        rows.append([["Hombre", "Mujer"][i % 2], ", ".join(picked)])
    found = questions_by_text(inspect_file(write_csv(tmp_path / "sueldos.csv",
                                                     csv_text(["Me identifico", "Plataformas"], rows))))
    assert found["Plataformas"]["type"] == "multi"
    assert set(found["Plataformas"]["options"]) == set(options)


def test_a_company_size_band_is_no_phone_number(tmp_path):
    """"501-1000" (employees) looked like a local phone number ("571-7879") and its option was shown as
    "[phone]". A band that starts one past a round number and ends on hundreds is a band."""
    assert scrub_text("501-1000") == "501-1000"
    assert scrub_text("llamar al 571-7879") == "llamar al [phone]"
    assert scrub_text("(246) 571-7800") == "[phone]"
    bands = ["1-10", "11-50", "51-100", "101-200", "201-500", "501-1000"]
    rows = [[["Hombre", "Mujer"][i % 2], bands[i % 6]] for i in range(18)]
    path = write_csv(tmp_path / "empresas.csv", csv_text(["Me identifico", "Cantidad de empleados"], rows))
    assert "501-1000" in questions_by_text(inspect_file(path))["Cantidad de empleados"]["options"]


def test_degree_words_before_a_shared_noun_are_a_likert_grid(tmp_path):
    """A German LimeSurvey array answered "Kein Hemmnis" … "Sehr starkes Hemmnis", exported with the labels'
    line breaks dropped ("GeringesHemmnis") and "KeineAntwort" for LimeSurvey's no-answer choice: each statement
    stayed a single choice of six labels. Degree words before one shared noun are a Likert scale in their order;
    "Keine Antwort" stays off it."""
    levels = ["Kein Hemmnis", "GeringesHemmnis", "MittleresHemmnis", "StarkesHemmnis", "Sehr starkesHemmnis",
              "KeineAntwort"]
    stem = "In welchem Maß sind die folgenden Punkte ein Hemmnis?"
    items = ["Kosten", "Fehlende Zeit", "Fehlendes Wissen"]
    header = ["Antwort ID", "Datum Abgeschickt", "Letzte Seite", "Start-Sprache", *[f"{stem} [{i}]" for i in items]]
    rows = [[str(i + 1), f"2025-03-{1 + i % 28:02d} 10:{i:02d}:00", "4", "de",
             *[levels[(i + k * 2) % 6] for k in range(3)]] for i in range(18)]
    found = inspect_file(write_csv(tmp_path / "results-survey123.csv", csv_text(header, rows)))
    assert found["tool"] == "limesurvey"
    grids = [q for q in found["questions"] if q["type"] == "likert"]
    assert len(grids) == 1 and len(grids[0]["columns"]) == 3
    assert grids[0]["options"] == levels[:5]
    assert is_dont_know("KeineAntwort") and is_dont_know("Keine Antwort")


def test_checkbox_options_holding_commas_are_kept_together(tmp_path):
    """A Portuguese Google Forms checkbox question whose options hold commas ("Educação, Desporto e Juventude",
    "Território, Urbanismo, Habitação"): every combination came out as an option of its own. An answer several
    gave alone whose pieces never stand apart is one option, and what is left beside known options in two
    answers is one too; the combinations split into them."""
    labels = ["Educação, Desporto e Juventude", "Cultura e Património", "Obras, Infraestruturas e Serviços",
              "Mobilidade", "Território, Urbanismo, Habitação", "Empresas, Investimento, Comércio e Turismo"]
    # each option but the last chosen alone twice; the last only ever beside others
    answers = [lbl for lbl in labels[:5] for _ in range(2)] + [
        f"{labels[0]}, {labels[1]}"] * 3 + [f"{labels[2]}, {labels[3]}"] * 2 + [f"{labels[0]}, {labels[4]}"] * 2 + [
        f"{labels[1]}, {labels[2]}, {labels[3]}", f"{labels[1]}, {labels[5]}", f"{labels[3]}, {labels[5]}"] + [
        f"{labels[0]}, {labels[1]}, {labels[3]}"] * 2
    rows = [[f"22/04/2025 17:{i:02d}:04", ["18-24", "25-34"][i % 2], a] for i, a in enumerate(answers)]
    header = ["Carimbo de data/hora", "Idade", "Em que área(s) se inserem as suas ideias?"]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "respostas.csv", csv_text(header, rows))))
    question = found["Em que área(s) se inserem as suas ideias?"]
    assert question["type"] == "multi"
    assert set(question["options"]) == set(labels)


def test_spss_items_named_by_words_with_underscores_are_one_battery(tmp_path):
    """SPSS variables ``Pc1_Actitud``, ``Pc1_Atencion``, ``Pc1_Atencion_Esperas`` …, each a 1-10 satisfaction
    rating labelled at its ends: the item code had to be one word, so the battery broke after two items and the
    rest were single choices of ten labels. An item code of words joined by "_" continues the battery."""
    labels = {1.0: "Totalmente insatisfecho", **{float(n): str(n) for n in range(2, 10)},
              10.0: "Totalmente satisfecho", 99.0: "Ns/Nc"}
    names = ["Pc1_Actitud", "Pc1_Atencion", "Pc1_Atencion_Esperas", "Pc1_Cliente_Habitual"]
    frame = pd.DataFrame({name: [float(1 + (i + k) % 10) if (i + k) % 11 else 99.0 for i in range(30)]
                          for k, name in enumerate(names)})
    path = tmp_path / "supermercados.sav"
    pyreadstat.write_sav(frame, str(path), column_labels=["Actitud amable", "Nivel de atención",
                                                          "Atención sin esperas", "Cliente habitual"],
                         variable_value_labels={n: labels for n in names})
    grids = [q for q in inspect_file(path)["questions"] if q["type"] == "likert"]
    assert len(grids) == 1 and len(grids[0]["columns"]) == 4


def test_surveymonkey_api_field_names_name_the_tool_and_the_submission_time(tmp_path):
    """SurveyMonkey responses written to a workbook by a connector carry the API's field names
    (``respondent_id, collector_id, date_created, date_modified, ip_address``): read as a generic sheet, the two
    dates were date questions, no submission time was known, and a double submission 90 s apart (new respondent
    id, same answers) counted twice. They name SurveyMonkey, ``date_modified`` is the submission time."""
    statements = ["Me siento a gusto en mi equipo", "Me siento motivado", "Mi jefe me apoya", "Mi trabajo es reconocido"]
    header = ["respondent_id", "collector_id", "date_created", "date_modified", "ip_address", *statements,
              "¿Qué destacas de la empresa?"]
    levels = ["Totalmente en desacuerdo", "Parcialmente en desacuerdo", "Ni de acuerdo ni en desacuerdo",
              "Parcialmente de acuerdo", "Totalmente de acuerdo"]
    rows = [[str(119036992921 - i * 977), "462598545", f"2026-01-1{i % 9} 13:{i:02d}:03",
             f"2026-01-1{i % 9} 13:{i + 2:02d}:27", f"190.235.{i}.19{i % 10}",
             *[levels[(i + k) % 5] for k in range(4)], f"Respuesta número {i}"] for i in range(12)]
    again = list(rows[3])
    again[0], again[3] = "119036992001", f"2026-01-13 13:{6:02d}:57"
    rows.insert(3, again)
    found = inspect_file(write_csv(tmp_path / "encuesta.csv", csv_text(header, rows)))
    assert found["tool"] == "surveymonkey"
    assert found["submitted_at"] == "date_modified"
    assert found["respondents"] == 12 and found["duplicates"] == 1
    types = {q["text"]: q["type"] for q in found["questions"]}
    assert types["date_created"] == "meta" and types["collector_id"] == "meta"


def test_a_column_of_formula_errors_is_not_reported(tmp_path):
    """A coordinator added a formula column beside each rating of the export's Excel table
    (``Valor_Ambiente = XLOOKUP(…)``) and the lookup broke: every cell holds ``#REF!``, read as blank, and the
    column was reported as a single choice nobody answered. A column below whose header every filled cell is a
    formula error is no question: kept as metadata, said in a warning."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Marca temporal", "Me siento a gusto", "Valor_Ambiente", "¿En qué ciudad trabajas?"])
    for i in range(10):
        sheet.append([f"2026-01-{10 + i} 10:00:00", ["Sí", "No"][i % 2], "#REF!", ["Lima", "Ica"][i % 2]])
    path = tmp_path / "clima.xlsx"
    book.save(path)
    survey = read_survey(path, key=KEY)
    types = dict(zip(survey.questions["text"], survey.questions["type"]))
    assert types["Valor_Ambiente"] == "meta"
    assert types["¿En qué ciudad trabajas?"] == "single"
    assert any("only formula errors" in w for w in survey.report["warnings"])


def test_a_spanish_please_specify_column_is_the_multi_selects_other_text(tmp_path):
    """SurveyMonkey's option columns of a multi-select, its question row lost, end in "Otro (especifique)": it was
    an open question of its own. The es/pt/de/fr/sv/fi wordings of "Other (please specify)" are an "other" header
    (``answers.other_headers``), the typed text of the multi-select before it."""
    header = ["Seguridad y Salud", "Uso de maquinarias", "Uso de insumos", "Otro (especifique)", "¿Usas whatsapp?"]
    rows = [["Seguridad y Salud" if i % 2 else "", "Uso de maquinarias" if i % 3 else "",
             "Uso de insumos" if i % 4 == 0 else "", "Limpieza de oficinas" if i % 5 == 0 else "",
             ["Sí", "No"][i % 2]] for i in range(20)]
    found = inspect_file(write_csv(tmp_path / "capacitacion.csv", csv_text(header, rows)))
    kinds = {tuple(q["columns"]): q["type"] for q in found["questions"]}
    assert kinds[("Seguridad y Salud", "Uso de maquinarias", "Uso de insumos")] == "multi"
    assert kinds[("Otro (especifique)",)] == "other_text"


def test_a_header_row_in_another_language_pasted_among_the_answers_is_excluded(tmp_path):
    """A hand-kept sheet with the Swedish copy's header row pasted under the Finnish rows: the row became one
    respondent whose answers were the header texts. A row whose cells look like headers (a tool's metadata name,
    questions under question headers, a word in a column of numbers) is left out, counted as excluded with its
    reason; a respondent who typed other answers is kept."""
    header = ["Aikaleima", "Yrityksen nimi", "Henkilöstömäärä", "Mikä on toimialanne?", "Mitä kehitettävää?"]
    rows = [[f"13.9.2022 11.{i:02d}.00", f"Yritys {i} Oy", str(3 + i), ["Teollisuus", "Palvelut", "Kauppa"][i % 3],
             ["Myynti", "Vienti", "Digitalisaatio"][i % 3]] for i in range(8)]
    rows.insert(5, ["Tidsstämpel", "Företagets namn", "Antal anställda", "Vilken är er bransch?",
                    "Vad behöver utvecklas?"])
    rows.append(["14.9.2022 9.00.00", "Kala Oy", "12", "Kalastus, mikä muu?", "Emme tiedä vielä?"])
    survey = read_survey(write_csv(tmp_path / "kasin.csv", csv_text(header, rows)), key=KEY)
    assert survey.report["excluded_reasons"] == {"header row in another language": 1}
    assert survey.report["accepted"] == 9
