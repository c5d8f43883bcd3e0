"""Quirks of real exports found on round 20 of unseen files (issue 12): one test per quirk, each on a few inline
rows built the way files of that kind look (not copies of the files)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

from conftest import questions_by_text, write_csv

_KOBO_DAYS = ["Freitag", "Donnerstag", "Montag Donnerstag", "Mittwoch", "Montag", "Dienstag Donnerstag",
              "Montag Mittwoch Donnerstag Freitag", "Dienstag", "Freitag", "Montag"]
_KOBO_WORKSHOPS = ["Chor Tanz Band Theater", "Chor Band Theater Dirigieren / Chorleitung", "Theater",
                   "Chor Tanz Theater", "Band Theater andere Workshops", "Chor Tanz Band Theater",
                   "Chor Tanz Theater Dirigieren / Chorleitung andere Workshops", "Tanz Band Theater",
                   "Chor Theater", "Chor Tanz Band Theater"]
_KOBO_PROBLEMS = ["Nein", "Ja, sehr große Probleme", "Ja, aber nur phasenweise", "Nein", "Nein",
                  "Ja, aber nur phasenweise", "Ja, sehr große Probleme", "Nein", "Ja, aber nur phasenweise", "Nein"]


def _kobo(tmp_path) -> str:
    header = ["start", "end", "An welchen Tagen trefft ihr euch?", "Welche Workshops werden angeboten?",
              "Gibt es Probleme, neue Teilnehmende zu finden?", "Waiting time", "_id", "_uuid", "_submission_time",
              "_index"]
    waiting = ["Satisfied", "Satisfied", "somewhat satisfied", "Not Satisfied", "Satisfied"]
    rows = [[f"2024-10-0{1 + i % 9}T18:11:18.574+02:00", f"2024-10-0{1 + i % 9}T19:07:30.208+02:00", days, shops,
             problem, waiting[i % 5], str(603304489 + i), f"28bacc74-070f-49f1-95c9-8e6455165c{i:02d}", f"2024-10-0{1 + i % 9}T17:07:33",
             str(i + 1)] for i, (days, shops, problem) in enumerate(zip(_KOBO_DAYS * 2, _KOBO_WORKSHOPS * 2, _KOBO_PROBLEMS * 2))]
    lines = [";".join(f'"{c}"' for c in line) for line in [header] + rows]      # Kobo's ';' CSV, cells quoted
    return write_csv(tmp_path / "kobo.csv", "\n".join(lines) + "\n")


def test_kobo_space_joined_select_multiple_is_a_multi_select(tmp_path):
    """KoboToolbox exports a select_multiple with labels as the chosen labels joined by one space, in the form's
    order ("Montag Donnerstag", "Chor Tanz Band Theater"; round 20, a German KoboToolbox export): it is a
    multi-select whose options are the labels, words always written together one label ("Dirigieren /
    Chorleitung"), not a single choice with every combination an option or open text. A select_one label with
    spaces ("Ja, aber nur phasenweise") and a label that holds another ("Not Satisfied" beside "Satisfied", round
    13's KoboToolbox exit interviews) stay single choices."""
    path = _kobo(tmp_path)
    found = inspect_file(path)
    assert found["tool"] == "kobotoolbox"
    questions = questions_by_text(found)
    days = questions["An welchen Tagen trefft ihr euch?"]
    assert days["type"] == "multi"
    assert set(days["options"]) == {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"}
    shops = questions["Welche Workshops werden angeboten?"]
    assert shops["type"] == "multi"
    assert set(shops["options"]) == {"Chor", "Tanz", "Band", "Theater", "Dirigieren / Chorleitung", "andere Workshops"}
    assert questions["Gibt es Probleme, neue Teilnehmende zu finden?"]["type"] == "single"
    # "Not Satisfied" beside "Satisfied": "Not" only ever leads that one label, it is no option
    assert questions["Waiting time"]["type"] == "single"
    survey = read_survey(path, key=b"k21")
    qid = next(q for q, t in zip(survey.questions["question_id"], survey.questions["text"])
               if t == "An welchen Tagen trefft ihr euch?")
    answers = survey.answers[survey.answers["question_id"] == qid]
    # "Montag Mittwoch Donnerstag Freitag" is four chosen days of one respondent, "Montag" is chosen 8 times in 20 rows
    labels = answers["value"].astype(str).tolist()
    assert labels.count("Montag") == 8 and labels.count("Donnerstag") == 8
    assert answers["text"].isna().all()          # no leftover typed as "other" text


_ISSUES = ["The economy", "Crime and policing", "Housing", "Transport"]
_HASHES = ["w8l66CCB", "b59aORDg", "4RmYgVRC", "ZGp8RymB", "OOZGQPMs", "he7GSPb+", "OIBIsc+9", "CQyq9B/x",
           "fPj5Kv/J", "S80AluF+", "qTNRlhUP", "60/uq1yY"]


def _ipsos_sav(tmp_path):
    """A panel SPSS file written the way Ipsos writes one: hashed panelist ids, a serial, a question numbered
    ``Q1A`` and its Yes/No follow-up ``Q1B_1 … Q1B_4`` (one variable per option, labelled ``stem?: option``)."""
    import pandas as pd
    import pyreadstat
    n = len(_HASHES)
    data = pd.DataFrame({"ID_Hash": _HASHES, "Q1A": [float(1 + i % 4) for i in range(n)]})
    for k in range(4):
        data[f"Q1B_{k + 1}"] = [float((i + k) % 3 == 0) for i in range(n)]
    labels = ["ID_Hash. Panelist ID-Hash-Anonimized", "Q1A. What is the most important issue facing your town?"]
    labels += [f"Q1B. And what do you see as other important issues facing your town today?: {o}" for o in _ISSUES]
    value_labels = {"Q1A": {float(k + 1): o for k, o in enumerate(_ISSUES)}}
    value_labels.update({f"Q1B_{k + 1}": {0.0: "No", 1.0: "Yes"} for k in range(4)})
    path = tmp_path / "panel.sav"
    pyreadstat.write_sav(data, str(path), column_labels=labels, variable_value_labels=value_labels)
    return path


def test_spss_option_variables_under_a_lettered_question_number_are_one_multi_select(tmp_path):
    """Ipsos numbers a follow-up question with a letter after the number (``Q1B``) and writes its options as
    Yes/No variables ``Q1B_1 … Q1B_n`` (round 20, a French panel SPSS file): the variables are one multi-select
    whose options are what follows the shared question text, not one Yes/No question per option."""
    found = inspect_file(_ipsos_sav(tmp_path))
    questions = {q["id"]: q for q in found["questions"]}
    assert "Q1B_1" not in questions
    multi = questions["Q1B"]
    assert multi["type"] == "multi" and len(multi["columns"]) == 4
    assert multi["options"] == _ISSUES
    assert questions["Q1A"]["type"] == "single"


def test_hashed_panel_ids_of_one_length_are_personal_data(tmp_path):
    """A panel's hashed ids are random base64 codes of one length ("w8l66CCB", "he7GSPb+"), a quarter of them
    without a digit ("OOZGQPMs", round 20): the column identifies panelists. It is no open question and none of
    the codes reaches the answers."""
    path = _ipsos_sav(tmp_path)
    found = inspect_file(path)
    assert "ID_Hash" not in {c for q in found["questions"] for c in q["columns"]}
    survey = read_survey(path, key=b"k21")
    cells = set(survey.answers["value"].astype(str)) | set(survey.answers["text"].astype(str)) | \
        set(survey.respondents.astype(str).to_numpy().ravel())
    assert not cells & set(_HASHES)


def test_msforms_typed_other_text_among_joined_options_is_other_text(tmp_path):
    """Microsoft Forms writes what a respondent typed into a multi-select's "other" field among the chosen options
    ("Myynti;Vienti;Jotain omaa;"). Over many respondents a piece only one or two wrote, beside options many
    chose, is that typed text: it is the question's "other" text, not an option of its own."""
    options = ["Myynti", "Vienti", "Rekrytointi", "Digitalisaatio"]
    typed = {5: "Jotain omaa", 17: "Sukupolvenvaihdos", 29: "Sukupolvenvaihdos"}
    header = ["Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi",
              "Missä aiheissa tarvitsette tukea?"]
    rows = []
    for i in range(36):
        picked = [options[i % 4], options[(i + 1) % 4]] + ([typed[i]] if i in typed else [])
        rows.append([str(i + 1), f"1/{1 + i % 28}/25 9:{i % 60:02d}:00", f"1/{1 + i % 28}/25 9:{i % 60:02d}:40",
                     "anonymous", "", ";".join(picked) + ";"])
    lines = [",".join(header)] + [",".join(f'"{c}"' for c in row) for row in rows]
    path = write_csv(tmp_path / "forms.csv", "\n".join(lines) + "\n")
    found = inspect_file(path)
    assert found["tool"] == "msforms"
    question = questions_by_text(found)["Missä aiheissa tarvitsette tukea?"]
    assert question["type"] == "multi" and set(question["options"]) == set(options)
    survey = read_survey(path, key=b"k21")
    q = survey.questions[survey.questions["text"] == "Missä aiheissa tarvitsette tukea?"]
    other_id = q.loc[q["type"] == "other_text", "question_id"].item()
    multi_id = q.loc[q["type"] == "multi", "question_id"].item()
    other = survey.answers[survey.answers["question_id"] == other_id]
    assert sorted(other["text"].astype(str)) == ["Jotain omaa", "Sukupolvenvaihdos", "Sukupolvenvaihdos"]
    ticked = survey.answers.loc[survey.answers["question_id"] == multi_id, "value"].astype(str)
    assert not set(ticked) & set(typed.values()) and len(ticked) == 72


def test_polish_agree_and_extent_labels_are_likert_scales(tmp_path):
    """A Polish Google Forms export (round 20) answers statements on "Zdecydowanie się nie zgadzam … Zdecydowanie
    się zgadzam" and "W jakim stopniu …?" on "Wcale … W bardzo dużym stopniu": both are Likert scales, ordered
    low to high, not single choices in the order the answers came."""
    agree = ["Raczej się zgadzam", "Zdecydowanie się zgadzam", "Ani tak, ani nie", "Raczej się nie zgadzam",
             "Zdecydowanie się nie zgadzam"]
    extent = ["W dużym stopniu", "W umiarkowanym stopniu", "W małym stopniu", "Wcale", "W bardzo dużym stopniu"]
    header = ["Sygnatura czasowa", "1. Polska powinna zwiększyć wydatki na obronność.",
              "2. W jakim stopniu wzrost cen wynika z czynników zewnętrznych?", "3. Płeć"]
    rows = [[f"2025/12/27 {1 + i % 11}:0{i % 10}:26 PM GMT+1", agree[(i * 3) % 5], extent[(i * 2) % 5],
             ["Kobieta", "Mężczyzna", "Inna"][i % 3]] for i in range(15)]
    lines = [",".join(header)] + [",".join(f'"{c}"' for c in row) for row in rows]
    found = inspect_file(write_csv(tmp_path / "ankieta.csv", "\n".join(lines) + "\n"))
    assert found["tool"] == "googleforms"
    questions = questions_by_text(found)
    first = questions["1. Polska powinna zwiększyć wydatki na obronność."]
    assert first["type"] == "likert" and first["options"][0] == "Zdecydowanie się nie zgadzam" \
        and first["options"][-1] == "Zdecydowanie się zgadzam"
    second = questions["2. W jakim stopniu wzrost cen wynika z czynników zewnętrznych?"]
    assert second["type"] == "likert" and second["options"] == ["Wcale", "W małym stopniu", "W umiarkowanym stopniu",
                                                                 "W dużym stopniu", "W bardzo dużym stopniu"]
    assert questions["3. Płeć"]["type"] == "single"
