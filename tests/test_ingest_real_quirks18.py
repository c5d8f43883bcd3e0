"""Quirks found by QA round 12 running real exports end to end (issue 12, ingest round 17): one test per rule,
each on a few inline rows built the way files of that layout look (synthetic values, not copies of the files)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

from conftest import csv_text, write_csv

KEY = b"round-seventeen-test-key"


def _lime_fr(extra_header: list[str], extra_rows: list[list[str]]) -> str:
    """A LimeSurvey full-heading export with a French interface: its metadata columns, then ``extra_header``."""
    header = ["ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ", *extra_header]
    rows = [[str(i + 1), f"2023-05-0{i % 9 + 1} 10:0{i % 10}:00", "5", "fr", *r] for i, r in enumerate(extra_rows)]
    return csv_text(header, rows)


def test_an_other_option_ticked_oui_non_is_an_option_not_free_text(tmp_path):
    """LimeSurvey's multiple choice exported one column per option with Oui/Non, one option being "Autres"
    (QA round 12, a French LimeSurvey export): ``Genre /Gender [Autres]`` (all "Non" but one "Oui") was read as
    the question's free-text "other" column, so every "Non" became an open answer. A column holding the option
    set's yes/no values is an option column, whatever its label."""
    header = ["Genre /Gender [Masculin]", "Genre /Gender [Féminin]", "Genre /Gender [Autres]"]
    picks = ["Masculin", "Féminin", "Masculin", "Féminin", "Masculin", "Autres"]
    rows = [["Oui" if opt == pick else "Non" for opt in ("Masculin", "Féminin", "Autres")] for pick in picks]
    path = write_csv(tmp_path / "results-survey.csv", _lime_fr(header, rows))
    survey = read_survey(path, key=KEY)
    gender = survey.questions[survey.questions["text"].str.startswith("Genre")]
    assert set(gender["type"]) == {"multi"}, gender[["type", "text"]].to_dict("records")
    assert "other_text" not in set(survey.questions["type"])
    assert "Non" not in set(survey.answers["value"].astype(str))


def test_html_escaped_header_texts_are_unescaped_once(tmp_path):
    """LimeSurvey exports its question texts HTML-escaped (QA round 12: inspect showed ``Nom &amp; Post-nom``).
    Header texts are unescaped once at ingest, so inspect and the questions show ``&``; a header that was
    escaped twice (``&amp;amp;``) keeps one escape, as the survey's author wrote it."""
    header = ["Services &amp; conseils / Services &amp; advice", "Taille de l&#039;entreprise", "Note &amp;amp; code"]
    rows = [[f"Réponse libre numéro {i} sur le service", ["1-9", "10-49"][i % 2], f"c{i}"] for i in range(6)]
    path = write_csv(tmp_path / "results-survey.csv", _lime_fr(header, rows))
    texts = {q["text"] for q in inspect_file(path)["questions"]}
    assert "Services & conseils / Services & advice" in texts
    assert "Taille de l'entreprise" in texts
    assert "Note &amp; code" in texts
    survey = read_survey(path, key=KEY)
    stored = set(survey.questions["text"])
    assert "Services & conseils / Services & advice" in stored
    assert {t for t in stored if "&amp;" in t or "&#039;" in t} == {"Note &amp; code"}


def test_a_question_the_spec_types_gets_no_type_guess_warning(tmp_path):
    """A question typed on little evidence is warned about, the warning saying "name its type in a questionnaire
    spec"; once the spec names it (``type: open``) the warning must go (QA round 12: a KoboToolbox export whose
    spec typed the question still warned in inspect --spec, run and ingest_report.json). Without the spec the
    warning is given; with it, none, and the question is open."""
    header = ["start", "end", "what is your recommendation", "region"]
    answers = ["Work on the delivery", "Train the sales staff", "Work on the delivery", "Open on Sundays",
               "Train the sales staff", "Lower the shipping cost", "Work on the delivery", "Open on Sundays",
               "Add more parking", "Train the sales staff", "Check the stock weekly", "Work on the delivery"]
    rows = [[f"2024-03-{i + 10}T10:00:00", f"2024-03-{i + 10}T10:05:00", a, ["North", "South"][i % 2]]
            for i, a in enumerate(answers)]
    path = write_csv(tmp_path / "customers.csv", csv_text(header, rows))
    guessed = inspect_file(path)
    assert any("what is your recommendation" in w and "little evidence" in w for w in guessed["warnings"])
    spec = {"questions": [{"columns": ["what is your recommendation"], "type": "open"}]}
    found = inspect_file(path, spec=spec)
    assert not any("what is your recommendation" in w and "little evidence" in w for w in found["warnings"])
    survey = read_survey(path, spec=spec, key=KEY)
    assert not any("little evidence" in w for w in survey.report["warnings"])
    assert [q["type"] for q in found["questions"] if q["text"] == "what is your recommendation"] == ["open"]


def _kobo_with_ids(tmp_path):
    """A KoboToolbox CSV download: the answers, then its ``_id`` (submission number) and ``_uuid`` (the response
    id ingest reads) columns."""
    header = ["start", "end", "Store location", "what is your recommendation", "_id", "_uuid", "_index"]
    rows = [[f"2025-10-2{i}T22:1{i}:00", f"2025-10-2{i}T22:2{i}:00", ["Accra", "Kumasi"][i % 2],
             ["Work on the delivery", "Work on the pricing", "Train the staff", "Open on Sundays"][i],
             str(586881963 + 211 * i), f"3b3da26e-82a4-4892-8349-13fdf9cbd6{i:02d}", str(i + 1)] for i in range(4)]
    return write_csv(tmp_path / "customers.csv", csv_text(header, rows))


def test_a_config_exclude_that_matches_no_row_is_refused_naming_the_column(tmp_path):
    """``exclude = ["586881963"]`` in the config, an id the response-id column (``_uuid``) does not hold, only
    logged a line and kept the test row (QA round 12). An id that matches no row is bad input: one line naming
    the config, the id and the column ids are read from. An id held by exactly one other id column of the tool
    (KoboToolbox's ``_id``: a value on every row, none twice) names its row unambiguously: that row is excluded
    and a warning says which column held the id."""
    import pytest

    from pipeline.errors import InputError

    path = _kobo_with_ids(tmp_path)
    with pytest.raises(InputError, match=r"^project\.toml: exclude names response id '586880000'.*'_uuid'") as err:
        read_survey(path, key=KEY, exclude=("586880000",), source="project.toml")
    assert "\n" not in str(err.value)
    survey = read_survey(path, key=KEY, exclude=("586881963",), source="project.toml")
    assert survey.report["excluded_reasons"] == {"excluded in the config": 1}
    assert len(survey.respondents) == 3 and 2 not in set(survey.respondents["source_row"])
    assert any("'_id'" in w and "586881963" in w for w in survey.report["warnings"])


def test_a_name_beside_removed_contact_details_becomes_a_name_placeholder(tmp_path):
    """An answer giving contact details names the person beside them (QA round 12: "[email] / michel mafimba"
    reached processed/texts.parquet). A run of one to three name-like words next to an e-mail / phone
    placeholder, or after a contact label and a colon, becomes ``[name]`` in fi/sv/en/fr answers; requests to get
    in touch and courtesy words beside contact details stay as written."""
    header = ["Seriez-vous intéressé par une interview ? Si oui, laissez vos coordonnées", "Kommentar"]
    rows = [["zoe.kabeya@example.org / zoe kabeya", "Bra kurs"],
            ["Nom: Aline Tshimanga, tel: +243 812 345 678", "Bien"],
            ["Yhteyshenkilö: Kaisu Ylönen, 040 765 4321", "Hyvä"],
            ["Namn: Sixten Bergqvist, sixten@example.se", "Bra"],
            ["Ota yhteyttä info@example.fi kiitos", "Ok"],
            ["call me at +44 7700 900123 tomorrow", "Fine"],
            ["Kokkola, 040 123 4567", "Ok"],
            ["Non", "Rien"]]
    path = write_csv(tmp_path / "results-survey.csv", _lime_fr(header, rows))
    survey = read_survey(path, key=KEY)
    texts = set(survey.answers["text"].dropna().astype(str))
    leaked = [n for n in ("zoe kabeya", "Aline", "Tshimanga", "Kaisu", "Ylönen", "Sixten", "Bergqvist")
              if any(n in t for t in texts)]
    assert leaked == []
    assert "[email] / [name]" in texts
    assert "Nom: [name], tel: [phone]" in texts
    assert "Ota yhteyttä [email] kiitos" in texts
    assert "call me at [phone] tomorrow" in texts
    assert "Kokkola, [phone]" in texts         # a town beside a phone number is no name
