"""Quirks left by round 10 and found on round 11 of unseen real exports (issue 12): one test per rule, each on a
few inline rows built the way files of that layout look (synthetic values, not copies of the files)."""
from __future__ import annotations

import openpyxl

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, questions_by_text, refused_in_one_line, run_cli, write_csv

KEY = b"round-eleven-test-key"


def test_workbook_with_respondents_in_columns_is_read_transposed(tmp_path):
    """A hand-kept workbook turned on its side (README "Known limits", round 10: 23 respondents read instead of
    10): question texts down column A under a corner cell, one column per respondent headed "Vastaaja 1" …
    "Vastaaja 4". It is read turned: 4 respondents, one question per row of column A, and ``inspect`` says so;
    the respondent labels are response ids, not an answer."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kysymys", "Vastaaja 1", "Vastaaja 2", "Vastaaja 3", "Vastaaja 4"])
    ws.append(["Yrityksen toimiala", "Kauppa", "Teollisuus", "Palvelut", "Kauppa"])
    ws.append(["Henkilöstön määrä", 3, 12, 40, 7])
    ws.append(["Mitä koulutusta tarvitsette?", "Myynti", "Vienti", "Myynti", "Digitalisaatio"])
    ws.append(["Kuinka tyytyväinen olette palveluun?", "4", "5", "3", "4"])
    path = tmp_path / "kaannetty.xlsx"
    wb.save(path)
    found = inspect_file(path)
    assert found["transposed"] is True
    assert found["respondents"] == 4
    assert "read transposed" in found["reading"]
    texts = questions_by_text(found)
    assert set(texts) == {"Yrityksen toimiala", "Henkilöstön määrä", "Mitä koulutusta tarvitsette?",
                          "Kuinka tyytyväinen olette palveluun?"}
    assert texts["Henkilöstön määrä"]["type"] == "number"
    assert found["respondent_id"] == "Respondent ID"
    survey = read_survey(path, key=KEY)
    assert not survey.answers["value"].astype(str).str.contains("Vastaaja").any()


def test_usual_sheet_with_numbered_headers_is_not_transposed(tmp_path):
    """The guard of the rule above: a usual export whose headers are short codes numbered in order (``Q1``,
    ``Q2``, ``Q3``) and whose first column holds worded answers stays one respondent per row."""
    header = ["Q1", "Q2", "Q3", "Q4"]
    rows = [["Tarvitsemme apua myynnin kanssa?", str(i % 5 + 1), ["Kauppa", "Teollisuus"][i % 2], str(3 + i)]
            for i in range(6)]
    rows = [[f"{r[0][:-1]} {i}?"] + r[1:] for i, r in enumerate(rows)]
    found = inspect_file(write_csv(tmp_path / "usual.csv", csv_text(header, rows)))
    assert found["transposed"] is False
    assert found["respondents"] == 6


def test_option_columns_holding_their_own_code_are_one_multi_select(tmp_path):
    """Option columns that write their own code when chosen (``role.dev`` holding ``2``, ``role.mgr`` ``3``,
    blank otherwise; README round 10: typed as a scale) are one multi-select ``role`` whose options are the
    parts after the stem, and each chosen code is that option."""
    header = ["id", "role.student", "role.dev", "role.mgr", "role.ceo", "Comments"]
    rows = []
    for i in range(10):
        rows.append([str(i + 1), "1" if i % 4 == 0 else "", "2" if i % 2 == 0 else "", "3" if i % 3 == 0 else "",
                     "4" if i == 5 else "", ["Hyvä", "Ok", ""][i % 3]])
    path = write_csv(tmp_path / "codes.csv", csv_text(header, rows))
    q = questions_by_text(inspect_file(path))["role"]
    assert q["type"] == "multi"
    assert q["options"] == ["student", "dev", "mgr", "ceo"]
    survey = read_survey(path, key=KEY)
    qid = survey.questions.loc[survey.questions["text"] == "role", "question_id"].iloc[0]
    counts = survey.answers.loc[survey.answers["question_id"] == qid, "value"].value_counts().to_dict()
    assert counts == {"student": 3, "dev": 5, "mgr": 4, "ceo": 1}


def test_two_neighbouring_one_or_blank_columns_stay_separate(tmp_path):
    """The guard of the rule above: two neighbouring columns each holding the same code ``1`` or a blank (two
    consents) are no multi-select: the codes of one question's options differ."""
    header = ["id", "consent_email", "consent_phone", "Age"]
    rows = [[str(i + 1), "1" if i % 2 else "", "1" if i % 3 else "", str(30 + i)] for i in range(8)]
    found = inspect_file(write_csv(tmp_path / "consents.csv", csv_text(header, rows)))
    assert not any(q["type"] == "multi" for q in found["questions"]), found["questions"]


def test_self_ratings_under_bare_headers_are_a_rating_battery(tmp_path):
    """A hand-kept sheet of 1-10 self-ratings headed only by the skill ("Python", "SQL", "Excel", "Tilastot";
    README round 10: stayed numbers): neighbouring columns of whole numbers 0-10 whose highest answer, 10, is
    reached in two or more of them are ratings on a 1-10 scale. A count beside them (employees, past 10) stays a
    number, and so does a running row number."""
    header = ["Nro", "Python", "SQL", "Excel", "Tilastot", "Henkilöstö"]
    ratings = [[3, 7, 10, 5, 9, 2, 8, 6], [1, 4, 6, 9, 10, 3, 5, 7], [5, 5, 8, 10, 2, 7, 6, 9],
               [4, 6, 7, 8, 9, 6, 3, 5]]
    rows = [[str(i + 1), *[str(r[i]) for r in ratings], str(3 + i * 7)] for i in range(8)]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "osaaminen.csv", csv_text(header, rows))))
    for skill in ("Python", "SQL", "Excel", "Tilastot"):
        assert found[skill]["type"] == "likert", found[skill]
        assert found[skill]["options"] == [str(n) for n in range(1, 11)]
    assert found["Henkilöstö"]["type"] == "number"
    assert found.get("Nro", {"type": "number"})["type"] != "likert"


def test_counts_that_end_at_different_numbers_stay_numbers(tmp_path):
    """The guard of the rule above: three neighbouring small counts (children, cars, pets) end at different
    numbers, share no scale's top, and stay numbers."""
    header = ["Lapsia", "Autoja", "Lemmikkejä"]
    rows = [[str(i % 4), str(i % 3), str((i * 2) % 6)] for i in range(9)]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "counts.csv", csv_text(header, rows))))
    assert all(found[h]["type"] == "number" for h in header), found


def test_row_of_test_answers_is_excluded_with_its_reason(tmp_path):
    """An unmarked test submission (README round 8 and 10: "This is a test" / "testi" rows counted as respondents):
    a row whose every open answer is a test word ("testi", "This is a test", "asdf"; fi/sv/en, the vocabulary's
    ``answers.test_answers``) is excluded and counted with its reason. A real row with one answer "test" beside
    a real answer stays, and so does a row whose one open answer is "testaus" (testing may be the need)."""
    header = ["Aikaleima", "Mitä koulutusta tarvitsette?", "Muuta kerrottavaa?", "Toimiala"]
    rows = [["2024-01-02 10:00:00", "Markkinointia ja myyntiä", "Ei muuta", "Kauppa"],
            ["2024-01-02 11:00:00", "testi", "testi", "Teollisuus"],
            ["2024-01-03 10:00:00", "This is a test", "", "Palvelut"],
            ["2024-01-03 12:00:00", "Vientiosaamista", "test", "Kauppa"],
            ["2024-01-04 10:00:00", "testaus", "", "Teollisuus"],
            ["2024-01-04 11:00:00", "Digitaalisuus", "Kiitos", "Palvelut"],
            ["2024-01-05 10:00:00", "asdf", "Detta är ett prov", "Kauppa"]]
    path = write_csv(tmp_path / "testirivit.csv", csv_text(header, rows))
    found = inspect_file(path)
    assert found["excluded"] == 3
    assert found["excluded_reasons"] == {"open answers only test words": 3}
    assert found["respondents"] == 4
    survey = read_survey(path, key=KEY)
    assert survey.report["excluded"] == 3
    assert len(survey.respondents) == 4
    assert not survey.answers["text"].astype(str).isin(["testi", "This is a test", "asdf"]).any()


def _semicolon(rows: list[list[str]]) -> str:
    return "\n".join(";".join(line) for line in rows) + "\n"


def test_two_header_rows_with_other_text_last_make_a_multi_select_and_its_other(tmp_path):
    """A German LimeSurvey export re-laid into two header rows (round 11, an expert survey on informal models:
    the question over its first column, the options below; ``;``-separated): a question's Ja/Nein option
    columns ending in a "Sonstiges" column of typed text are one multi-select ("Welchen …", and "Um welche
    Arten … handelt es sich" asks for a choice too) and that last column is its "other" text."""
    top = ["Welchen fachlichen Hintergrund haben Sie?", "", "", "", "In welcher Branche arbeiten Sie?",
           "Um welche Arten von Diagrammen handelt es sich typischerweise?", "", "", "Wie alt sind Sie?",
           "Bemerkungen"]
    sub = ["Maschinenbau", "Informatik", "Mechatronik", "Sonstiges", "", "Zustandsdiagramme", "Prozessmodell",
           "Sonstiges", "", ""]
    rows = [top, sub]
    for i in range(8):
        rows.append(["Ja" if i % 2 else "Nein", "Ja" if i % 3 else "Nein", "Nein" if i % 2 else "Ja",
                     "Physik" if i == 3 else "", ["Automobil", "Zulieferer"][i % 2], "Ja" if i % 4 else "Nein",
                     "Nein" if i % 4 else "Ja", "Deployment" if i == 5 else "", ["30-39", "40-49"][i % 2],
                     "Gute Umfrage" if i == 2 else ""])
    found = inspect_file(write_csv(tmp_path / "modelle.csv", _semicolon(rows)))
    assert found["respondents"] == 8
    assert found["header_rows"] == 2
    types = [(q["type"], q["text"][:20], q["options"]) for q in found["questions"] if "Branche" not in q["text"]
             and "alt" not in q["text"] and "Bemerk" not in q["text"]]
    assert types == [("multi", "Welchen fachlichen H", ["Maschinenbau", "Informatik", "Mechatronik"]),
                     ("other_text", "Welchen fachlichen H", []),
                     ("multi", "Um welche Arten von ", ["Zustandsdiagramme", "Prozessmodell"]),
                     ("other_text", "Um welche Arten von ", [])], types


def test_german_rather_frequency_and_full_agreement_are_scales(tmp_path):
    """The same export's grids: "gar nicht … selten … eher selten … eher häufig … sehr häufig" is a five-point
    frequency scale with "eher selten" above "selten", and "Stimme vollständig zu" is the top of the agreement
    scale ("Keine Angabe" kept off it)."""
    freq = ["gar nicht", "selten", "eher selten", "eher häufig", "sehr häufig"]
    agree = ["Stimme gar nicht zu", "Stimme eher nicht zu", "Stimme eher zu", "Stimme vollständig zu", "Keine Angabe"]
    header = ["Wie häufig nutzen Sie Skizzen? [Kommunikation]", "Wie häufig nutzen Sie Skizzen? [Dokumentation]",
              "Aussagen: [Die Modelle waren nützlich.]", "Aussagen: [Die Modelle waren schwer auffindbar.]"]
    rows = [[freq[i % 5], freq[(i + 2) % 5], agree[i % 5], agree[(i + 1) % 4]] for i in range(10)]
    found = inspect_file(write_csv(tmp_path / "skalen.csv", csv_text(header, rows)))
    likerts = [q for q in found["questions"] if q["type"] == "likert"]
    assert [q["options"] for q in likerts] == [freq, ["Stimme gar nicht zu", "Stimme eher nicht zu", "Weder noch",
                                                      "Stimme eher zu", "Stimme vollständig zu"]], likerts


def test_language_answered_in_words_is_a_question_in_a_generic_file(tmp_path):
    """A cleaned German poll (round 11: age, language, media, party): a "language" column answered "Deutsch",
    "Französisch" is asked of the respondent, not a tool's metadata; a "language" column of codes ("de", "fr")
    stays metadata."""
    header = ["age", "language", "party", "Language"]
    rows = [[["10 - 20 Jahre", "20 - 30 Jahre"][i % 2], ["Deutsch", "Französisch", "Italienisch"][i % 3],
             ["SP", "FDP", "SVP"][i % 3], ["de", "fr"][i % 2]] for i in range(9)]
    found = inspect_file(write_csv(tmp_path / "umfrage.csv", csv_text(header, rows)))
    types = {q["text"]: q["type"] for q in found["questions"]}
    assert types["language"] == "single"
    assert types["Language"] == "meta"


def test_statement_answered_one_or_zero_is_a_yes_no_choice(tmp_path):
    """A Finnish election-compass file (round 11, YLE's open data as cleaned by its user): "Toimin tällä hetkellä
    kansanedustajana." answered 1/0 is a ticked statement, a yes/no choice, not a number; a count answered 1/0
    under a header without a full stop stays a number."""
    header = ["puolue", "Toimin tällä hetkellä kansanedustajana.", "Lapsia"]
    rows = [[["Keskusta", "Kokoomus", "SDP"][i % 3], "1" if i % 4 == 0 else "0", str(i % 2)] for i in range(12)]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "vaalikone.csv", csv_text(header, rows))))
    assert found["Toimin tällä hetkellä kansanedustajana."]["type"] == "single"
    assert set(found["Toimin tällä hetkellä kansanedustajana."]["options"]) == {"1", "0"}
    assert found["Lapsia"]["type"] == "number"


def test_file_that_lost_its_header_row_is_refused_without_naming_anyone(tmp_path):
    """A Finnish election-compass list saved without its header row (round 11: ``Aalto,Airi,57,F,0`` on the
    first line, surnames, first names, ages, genders and 0/1 below): read as it is, a candidate's surname would
    become a question text and every name an open answer. The file is refused with exit 2 and one line naming
    the columns, not the name."""
    rows = [["Aalto", "Airi", "57", "F", "0"], ["Aalto", "Esa", "32", "M", "0"], ["Korhonen", "Liisa", "57", "F", "1"],
            ["Virtanen", "Matti", "45", "M", "0"], ["Nieminen", "Anna", "38", "F", "0"]]
    path = write_csv(tmp_path / "ehdokkaat.csv", "\n".join(",".join(r) for r in rows) + "\n")
    message = refused_in_one_line(run_cli("inspect", str(path)), "Aalto", "Airi")
    assert "lost its header row" in message and "row 1" in message


def test_option_columns_holding_their_own_label_keep_their_header(tmp_path):
    """The guard of the rule above: Typeform-style option columns hold their own label ("Python" under
    "Python"), so headers are found again below them, but no header is a number: the header stands."""
    header = ["#", "Python", "R", "Julia", "How many years?"]
    rows = [[f"tok{i:04d}", "Python" if i % 2 else "", "R" if i % 3 else "", "Julia" if i == 4 else "", str(i + 1)]
            for i in range(6)]
    found = inspect_file(write_csv(tmp_path / "options.csv", csv_text(header, rows)))
    assert found["respondents"] == 6


def test_yearly_headcounts_side_by_side_stay_numbers(tmp_path):
    """The other guard of the self-rating rule: a micro company's headcounts of 1-10 for three years side by
    side ("Henkilöstö 2021" … "2023", 10 reached in two of them) are counts, not a rating battery."""
    header = ["Yritys", "Henkilöstö 2021", "Henkilöstö 2022", "Henkilöstö 2023"]
    rows = [[f"Yritys {chr(65 + i)}", str(1 + i % 10), str(1 + (i + 3) % 10), str(1 + (i + 5) % 10)]
            for i in range(10)]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "henkilosto.csv", csv_text(header, rows))))
    assert all(found[h]["type"] == "number" for h in header[1:]), found
