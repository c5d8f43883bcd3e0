"""Quirks of issue 12 round 27: real Google Forms exports never seen before (Portuguese and German) and the
leftovers of earlier rounds (register durations, a pasted copy's labels the analysis reads anyway, SPSS recodes,
bare-number ratings under a rating question). One test per rule, each on a few inline rows built the way those
files look (invented statements, answers and names, not copies of the files)."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.ingest import build, ingest_params, inspect_file, read_survey
from pipeline.ingest.register import workshop_register

from conftest import csv_text, webropol_csv, write_csv

KEY = b"k30"


def _stamps(n: int) -> list[str]:
    return [f"{10 + i % 18}/03/2025 1{i % 10}:{10 + i:02d}:05" for i in range(n)]


def test_a_battery_item_nobody_rated_high_is_on_the_batterys_scale(tmp_path):
    """A Wahl-O-Mat style Google Form: statements rated 1-5, each followed by a "Begründung" (open), one of them
    answered only 1-3 by the candidates (nobody agreed). It was read as a free number; it is a rating on the
    battery's 1-5 scale, as an item nobody rated low already was. A count beside it stays a number."""
    header = ["Zeitstempel", "Mehr Radwege in der Stadt.", "Begründung", "Längere Öffnungszeiten der Bibliothek.",
              "Begründung", "Ein Bündnis mit den Nachbarn.", "Begründung", "Wie viele Kinder haben Sie?"]
    why = ["Weil es allen hilft.", "Das kostet zu viel Geld.", "Darüber muss man reden.", "Keine Meinung dazu."]
    rows = [[t, str(1 + i % 5), why[i % 4], str(1 + (i + 2) % 5), why[(i + 1) % 4], str(1 + i % 3), why[(i + 2) % 4],
             str(i % 4)] for i, t in enumerate(_stamps(14))]
    found = inspect_file(write_csv(tmp_path / "wahl.csv", csv_text(header, rows)))
    types = {q["text"]: (q["type"], q["options"]) for q in found["questions"]}
    assert types["Ein Bündnis mit den Nachbarn."] == ("likert", ["1", "2", "3", "4", "5"]), types
    assert types["Wie viele Kinder haben Sie?"][0] == "number", types


@pytest.mark.parametrize("header", [
    "¿Qué tan conforme estás con tu sueldo?",
    "No último mês, com que frequência você se sentiu nervoso(a)?",
    "Wie zufrieden sind Sie mit der Beratung?",
    "Dans quelle mesure l'atelier vous a-t-il aidé ?",
])
def test_bare_small_numbers_under_a_rating_question_are_an_ordinal_rating(tmp_path, header):
    """A salary survey's "¿Qué tan conforme…?" answered 1-4 and a PSS-10 item "com que frequência…" answered
    0-4 (bare numbers, no labels, no scale end 5/7/10) were read as free numbers: the rating words of de/fr/es/pt
    (answers.rating_question_words) make them a rating. "¿Cuántos…?" stays a count."""
    rows = [[t, str(i % 4 + (0 if "frequência" in header else 1)), str(3 + i % 5)]
            for i, t in enumerate(_stamps(12))]
    found = inspect_file(write_csv(tmp_path / "poll.csv", csv_text(
        ["Marca temporal", header, "¿Cuántos empleados tiene la empresa?"], rows)))
    types = {q["text"]: q["type"] for q in found["questions"]}
    assert [t for text, t in types.items() if text.startswith(header[:25])] == ["likert"], types
    assert [t for text, t in types.items() if text.startswith("¿Cuántos")] == ["number"], types


def test_a_zero_based_battery_whose_items_skip_zero_is_one_grid(tmp_path):
    """A PSS-10 battery in a Portuguese Google Form: ten items "No último mês, com que frequência você …"
    answered 0-4; a few nobody answered 0 (1-4 seen). They were four questions on two scales; they are one grid
    on 0-4 (a 1-4 item is the same scale without its first point; 0-10 and 1-5 stay apart)."""
    stems = ["ficou chateado(a) com algo inesperado?", "sentiu que não controlava as coisas?",
             "se sentiu nervoso(a)?", "se sentiu confiante?", "sentiu que as coisas iam bem?"]
    header = ["Carimbo de data/hora"] + [f"No último mês, com que frequência você {s}" for s in stems]
    rows = [[t] + [str((i + k) % 5 if k % 2 == 0 else 1 + (i + k) % 4) for k in range(5)]
            for i, t in enumerate(_stamps(12))]
    found = inspect_file(write_csv(tmp_path / "pss.csv", csv_text(header, rows)))
    grids = [q for q in found["questions"] if q["type"] == "likert"]
    assert len(grids) == 1 and len(grids[0]["columns"]) == 5, found["questions"]
    assert grids[0]["options"] == ["0", "1", "2", "3", "4"]


def test_a_handle_column_is_taken_out_of_the_open_answers_too(tmp_path):
    """A candidates' form: "ingame Username" (one handle per row, found as proper names by content) and a short
    introduction where candidates name themselves ("Ich bin NanaFuchs, …"). The column was dropped but the handles
    reached answers.parquet; every word of such a column, a handle with digits whole ("Kiwi77"), a possessive
    ("Orkans Videos") and a compound's part ("Pro-Sturmvogel") as well, is now "[name]"."""
    handles = ["NanaFuchs", "Kiwi77", "Orkan", "Primo_ist_Dichter", "Tolle_Eule", "Bernsteiner", "Quarkbrot",
               "Waldmeister9", "Sturmvogel", "Kleeblatt", "Moosgummi", "Fernweh_22"]
    intros = [f"Ich bin {h}, seit Januar dabei." for h in handles]
    intros[1] = "Kiwi77 hier, ich kandidiere wieder."
    intros[2] = "Ich mag Orkans Videos und die Partei."
    intros[3] = "Primo_ist_Dichter: ist das nicht genug?"
    intros[4] = "Tolle_Eule hier; nichts gegen Pro-Sturmvogel Leute."
    header = ["Zeitstempel", "ingame Username", "Kurze Vorstellung", "Partei", "Mehr Radwege?"]
    rows = [[t, handles[i], intros[i], ["ADAV", "Grüne Liste", "Parteilos"][i % 3], str(1 + i % 5)]
            for i, t in enumerate(_stamps(12))]
    survey = read_survey(write_csv(tmp_path / "kandidaten.csv", csv_text(header, rows)), key=KEY)
    text = " ".join(survey.answers["text"].dropna().astype(str)) + " ".join(survey.answers["value"].dropna().astype(str))
    leaked = [h for h in handles if h.lower() in text.lower()]
    assert not leaked, (leaked, text[:400])
    assert "ist das nicht genug" in text          # a stop word of a handle stays a word of the answers
    assert "Grüne Liste" in text                  # closed options are untouched


@pytest.mark.parametrize("cell, hours", [("2:30", 2.5), ("1:45", 1.75), ("2.30 h", 2.5), ("90 min", 1.5),
                                         ("1,5 h", 1.5), ("2 h 15 min", 2.25), ("1.50 h", 1.5), ("3", 3.0)])
def test_a_register_duration_in_hours_and_minutes_reads_as_hours(cell, hours):
    """A hand-kept workshop register's duration cell "2:30", "1:45", "2.30 h", "90 min" was refused; it reads as
    hours (2.5). A point before a quarter hour (15, 30, 45) is minutes; "1.50 h" stays a decimal."""
    register = workshop_register(pd.DataFrame({
        "workshop_id": ["W1"], "date": ["2025-03-04"], "title": ["Myynnin työpaja"], "themes": ["myynti"],
        "format": ["onsite"], "participants": ["12"], "hours": [cell]}))
    assert register["hours"].iloc[0] == pytest.approx(hours)


def test_a_pasted_copy_warning_is_kept_only_where_the_analysis_does_not_map_the_labels(tmp_path):
    """The language-copy warning fired also for the language question ("Suomi" / "Svenska"), export yes/no
    ("Kyllä" / "Ja") and municipalities ("Kokkola" / "Karleby", config's municipality_aliases), which the analysis
    reads in both languages anyway. It fires only for a column like the sector ("Teollisuus" / "Industri")."""
    fi = ["heikko", "välttävä", "tyydyttävä", "hyvä", "erinomainen"]
    sv = ["svag", "försvarlig", "nöjaktig", "god", "utmärkt"]
    header = ["Toimiala", "Yrityksen kieli", "Kotikunta", "Aiotteko viedä?"] + \
        [f"Arvioikaa osaamista:{a}" for a in ["Myynti", "Markkinointi", "Vienti"]]
    rows = [[["Teollisuus", "Kauppa", "Palvelut"][i % 3], "Suomi", ["Kokkola", "Kannus"][i % 2],
             ["Kyllä", "Ei"][i % 2]] + [fi[(i + k) % 5] for k in range(3)] for i in range(9)]
    rows += [[["Industri", "Handel"][i % 2], ["Svenska", "Båda"][i % 2], "Karleby", ["Ja", "Nej"][i % 2]]
             + [sv[(i + k) % 5] for k in range(3)] for i in range(5)]
    path = webropol_csv(tmp_path / "raakadata.csv", header, rows)
    warnings = build.analyse(path, None, ingest_params()).warnings
    copy = [w for w in warnings if "language copy" in w]
    assert len(copy) == 1 and "Toimiala" in copy[0], copy


def test_spss_recoded_variables_are_derived_not_questions(tmp_path):
    """An SPSS file with an analyst's recodes beside their sources (``RCQ5`` beside ``Q5``, "Edad (recodificada)"
    beside "Edad"): read as questions they counted every answer twice. They are derived metadata, listed in
    inspect (``derived_columns``) and in one warning; a variable merely named "RC" stays a question."""
    pyreadstat = pytest.importorskip("pyreadstat")
    df = pd.DataFrame({"ID": range(1, 13), "Q5": [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 2, 3],
                       "RCQ5": [1, 1, 2, 3, 3, 1, 1, 2, 3, 3, 1, 2],
                       "EDAD": [23, 45, 36, 52, 61, 29, 33, 47, 55, 38, 42, 27],
                       "EDADR": [1, 3, 2, 3, 4, 1, 2, 3, 4, 2, 3, 1],
                       "RC": [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2]})
    path = tmp_path / "encuesta.sav"
    pyreadstat.write_sav(df, str(path), column_labels={
        "ID": "Número", "Q5": "¿Qué tan satisfecho está con el servicio?", "RCQ5": "Satisfacción (3 grupos)",
        "EDAD": "Edad", "EDADR": "Edad (recodificada)", "RC": "¿Recomendaría el servicio?"},
        variable_value_labels={"Q5": {1: "Muy insatisfecho", 2: "Insatisfecho", 3: "Neutral", 4: "Satisfecho",
                                      5: "Muy satisfecho"}, "RCQ5": {1: "Bajo", 2: "Medio", 3: "Alto"},
                               "EDADR": {1: "18-29", 2: "30-39", 3: "40-49", 4: "50+"}, "RC": {1: "Sí", 2: "No"}})
    found = inspect_file(path)
    assert sorted(d["column"] for d in found["derived_columns"]) == ["EDADR", "RCQ5"], found["derived_columns"]
    kinds = {q["columns"][0]: q["type"] for q in found["questions"]}
    assert kinds["RCQ5"] == kinds["EDADR"] == "meta" and kinds["RC"] == "single", kinds
    assert any("derived variable" in w for w in found["warnings"]), found["warnings"]


def test_a_limesurvey_array_whose_lowest_label_has_another_noun_is_one_grid(tmp_path):
    """A German LimeSurvey array "Title [Statement]" whose levels are "Geringer / Mittlerer / Hoher / Sehr hoher
    Mehrwert" (glued where the label's line break was dropped) but whose lowest level reuses another array's label
    ("Nichtentscheidend"): nine single choices. It is one Likert grid named after the title, "Nicht…" the lowest
    level, "KeineAntwort" off the scale; three labels with two nouns and no shared one stay single choices."""
    title = "Welche Technologien generieren für Sie einen Mehrwert?"
    items = ["Sensorik", "Datenplattformen", "Simulationen"]
    levels = ["Nichtentscheidend", "GeringerMehrwert", "MittlererMehrwert", "HoherMehrwert", "Sehr hoherMehrwert",
              "KeineAntwort"]
    header = ["Antwort ID", "Datum Abgeschickt", "Letzte Seite", "Start-Sprache"] + [f"{title} [{i}]" for i in items]
    rows = [[str(i + 1), "1980-01-01 00:00:00", "12", "de"] + [levels[(i + k) % 6] for k in range(3)]
            for i in range(14)]
    found = inspect_file(write_csv(tmp_path / "results-survey123.csv", csv_text(header, rows)))
    grids = [q for q in found["questions"] if q["type"] == "likert"]
    assert len(grids) == 1 and grids[0]["text"] == title and len(grids[0]["columns"]) == 3, found["questions"]
    assert grids[0]["options"] == levels[:5]
