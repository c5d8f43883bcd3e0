"""Fixes of the fifteenth round (2026-12-03): each test one behaviour, on a few inline values or rows."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.schemas import conform, empty
from pipeline.survey import Survey


def _notes_survey(notes: list[str], needs: list[str]) -> Survey:
    """A hand-kept needs sheet: an open need per company and the interviewer's notes column (as ingest leaves
    them: names, phones and e-mails already placeholders)."""
    qs = conform(pd.DataFrame({"question_id": ["q1", "q2"], "text": ["Mitä tukea tarvitsette?", "Kommentit"],
                               "type": ["open", "open"], "columns": [["Mitä tukea tarvitsette?"], ["Kommentit"]],
                               "options": [[], []], "role": ["needs_text", ""]}), "questions")
    rows = [(f"r{n}", "q1", t) for n, t in enumerate(needs)] + [(f"r{n}", "q2", t) for n, t in enumerate(notes)]
    answers = conform(pd.DataFrame({"respondent_id": [r for r, _, _ in rows], "question_id": [q for _, q, _ in rows],
                                    "item": [""] * len(rows), "value": [t for _, _, t in rows],
                                    "text": [t for _, _, t in rows], "score": [None] * len(rows),
                                    "is_dont_know": [False] * len(rows)}), "answers")
    return Survey("Puhelin.xlsx", "generic", None, None, 1, qs, empty("respondents"), answers, empty("rejected"))


def test_an_interviewers_contact_notes_column_is_not_read_as_the_companies_answers(caplog):
    """QA round 23: a hand-kept sheet's "Kommentit" ("Soitettu 3.3. [name] [phone]") was reported as the companies'
    answers and clustered into an emerging theme of placeholders; a column whose answers mostly held contact
    details is now metadata, logged and named so in the Data used table."""
    from pipeline.analysis.questions import data_used
    from pipeline.roles import CONTACT_NOTES, settled

    notes = ["Soitettu 3.3. [name] [phone]", "[name] [email]", "Y-tunnus tarkistettava", "soita uudestaan [phone]"]
    survey = _notes_survey(notes, ["Myynti", "Vienti", "Rahoitus", "Data"])
    with caplog.at_level("WARNING"):
        got = settled(survey, 0.5)
    assert got.questions["type"].tolist() == ["open", "meta"]
    assert got.report[CONTACT_NOTES] == [{"question_id": "q2", "text": "Kommentit", "answers": 4, "with_contact": 3}]
    assert "question q2 ('Kommentit') is read as contact notes, not answers: 3 of its 4" in caplog.text
    assert survey.questions["type"].tolist() == ["open", "open"]  # the input is not modified
    used = data_used([("needs", got)])
    assert used.set_index("question_id").loc["q2", "use"] == "contact_notes"
    # a spec that types or keeps the column has the last word; a needs question is never notes
    assert settled(survey, 0.5, spec_typed=["q2"]).questions["type"].tolist() == ["open", "open"]
    needs_with_contacts = _notes_survey([], ["[name] [phone]", "[name]", "Myynti"])
    assert settled(needs_with_contacts, 0.5).questions["type"].tolist() == ["open", "open"]


def test_an_open_question_with_a_few_contact_details_stays_an_open_question():
    """An ordinary comments question where one or two companies left a phone number is still answers."""
    from pipeline.roles import settled

    comments = ["Hyvä kysely", "Soittakaa [phone]", "Toivomme lisää koulutusta", "Kiitos", "Myynnin tukea"]
    assert settled(_notes_survey(comments, ["a"] * 5), 0.5).questions["type"].tolist() == ["open", "open"]
    # one contact note is not a pattern, even in a two-answer column
    assert settled(_notes_survey(["[name] [phone]", "Kiitos"], ["a", "b"]), 0.5).questions["type"].tolist() == \
        ["open", "open"]


def test_contact_notes_share_is_a_setting_a_project_can_turn_off(tmp_path):
    from pipeline.config import load_settings
    from pipeline.errors import ConfigError

    (tmp_path / "n.csv").write_text("Kunta\nKokkola\n", encoding="utf-8")
    config = tmp_path / "project.toml"
    config.write_text('[needs]\nfile = "n.csv"\n[ingest]\ncontact_notes_share = 1.01\n', encoding="utf-8")
    assert load_settings(config).ingest["contact_notes_share"] == 1.01
    config.write_text('[needs]\nfile = "n.csv"\n[ingest]\ncontact_notes_share = 2\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="contact_notes_share"):
        load_settings(config)


def test_the_manifest_names_inputs_from_the_project_folder_never_the_users_home(tmp_path):
    """QA round 24: a public run's manifest (published with processed/) gave every raw file's absolute path,
    "/home/anna.koskinen/OneDrive - Kokkolan Yrityspalvelu/…", the coordinator's user name with it."""
    from datetime import datetime, timezone

    from pipeline import io
    from pipeline.config import load_settings
    from pipeline.runner import _inputs_root, settings_summary

    home = tmp_path / "anna.koskinen" / "OneDrive - Yrityspalvelu"
    (home / "raw").mkdir(parents=True)
    (home / "shared").mkdir()
    (home / "raw" / "needs.csv").write_text("Kunta\nKokkola\n", encoding="utf-8")
    (home / "shared" / "workshops.csv").write_text("title\nMyynti\n", encoding="utf-8")
    (home / "raw" / "project.toml").write_text('[needs]\nfile = "needs.csv"\n[workshops]\nfile = '
                                               '"../shared/workshops.csv"\n', encoding="utf-8")
    settings = load_settings(home / "raw" / "project.toml", out=tmp_path / "out")
    now = datetime(2026, 12, 3, tzinfo=timezone.utc)
    made = io.manifest(settings.input_files(), settings_summary(settings), [], now, now,
                       inputs_root=_inputs_root(settings))
    assert [e["path"] for e in made["inputs"]] == ["../shared/workshops.csv", "needs.csv"]
    summary = made["settings"]
    assert (summary["config"], summary["needs"], summary["workshops"]) == \
        ("project.toml", "needs.csv", "../shared/workshops.csv")
    assert "anna" not in io.json_text(made)
