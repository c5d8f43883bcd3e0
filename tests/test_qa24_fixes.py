"""Fixes of the fifteenth round (2026-12-03): each test one behaviour, on a few inline values or rows."""
from __future__ import annotations

from pathlib import Path

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
    from dataclasses import replace

    from pipeline.survey import SPEC_SETTLED

    typed = replace(survey, report={SPEC_SETTLED: ["q2"]})
    assert settled(typed, 0.5).questions["type"].tolist() == ["open", "open"]
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


def test_a_public_runs_quote_files_carry_no_respondent_pseudonym(one_question_settings, tmp_path):
    """QA round 24: public quotes.csv and feedback_quotes.csv kept `text_id`, "<respondent pseudonym>:<question>",
    the same in the spring and autumn editions and in the steering edition's answers.parquet: it linked a public
    quote to the company's every answer. The steering edition keeps it (its processed folder has the microdata)."""
    from dataclasses import replace

    from pipeline import outputs
    from pipeline.runner import output_files

    from conftest import StubResults

    settings = one_question_settings
    quotes = pd.DataFrame({"theme": ["sales"], "theme_name": ["Sales"], "text_id": ["42344d083b1a964e:q13"],
                           "text": ["Tarvitsemme apua myyntiin."]})
    feedback = pd.DataFrame({"prompt": ["good"], "theme": ["trainer"], "theme_name": ["Trainer"],
                             "text_id": ["41d48810ed547eaa:q04"], "workshop_id": ["W1"], "text": ["Hyvä"]})
    results = StubResults({o.name: None for o in outputs.written()}, quotes=quotes, feedback_quotes=feedback,
                          report_tables={"quotes": quotes})
    skip = ["figures", "coding_review", "reports"]
    public = output_files(replace(settings, analysis={**settings.analysis, "edition": "public"}), results, skip)
    steering = output_files(settings, results, skip)
    for name, frame in (("quotes", quotes), ("feedback_quotes", feedback)):
        file = tmp_path / "out" / outputs.BY_NAME[name].file
        assert public[name][file].columns.tolist() == [c for c in frame.columns if c != "text_id"]
        assert steering[name][file]["text_id"].tolist() == frame["text_id"].tolist()


def test_a_quote_whose_person_name_was_scrubbed_still_named_someone_and_is_not_public():
    """QA round 24: "Mycket bra om Norge, tack [name] för diskussionen." was published: the scrubber took the name,
    but the answer still points at a person of a tiny group (the only Swedish workshop); every placeholder now
    marks an answer as identifying, as [business_id] and [phone] already did."""
    from pipeline.report import identifying, without_identifying_quotes

    assert identifying("Mycket bra om Norge, tack [name] för diskussionen.", set())
    assert identifying("Vi kontaktade en distributör i Norge, [name].", set())
    assert identifying("Soita [phone]", set()) and identifying("Tunnus [business_id]", set())
    assert not identifying("Mycket bra om Norge, tack för diskussionen.", set())
    quotes = pd.DataFrame({"text": ["Tack [name] för diskussionen.", "Bra material."]})
    assert without_identifying_quotes({"feedback_quotes": quotes})["feedback_quotes"]["text"].tolist() == \
        ["Bra material."]


def test_an_option_naming_two_topics_counts_for_the_one_no_other_option_of_the_list_names():
    """QA round 24: "Verkkokauppa ja digitaalinen myynti" was coded e-commerce and sales, so everyone ticking it
    asked for sales (25 of 27 companies, 17 ticked the sales option beside it, headline 93 %); a secondary theme
    that another option of the list has as its main theme is now left to that option. With no export option,
    "Myynti ja vienti" still counts for both."""
    from pipeline.analysis.needs import company_themes

    options = ["Myynti ja asiakashankinta", "Verkkokauppa ja digitaalinen myynti", "Myynti ja vienti"]
    qs = conform(pd.DataFrame({"question_id": ["q1"], "text": ["Kiinnostavat aiheet"], "type": ["multi"],
                               "columns": [options], "options": [options], "role": ["interests"]}), "questions")
    picks = [("r1", options[1]), ("r2", options[0]), ("r2", options[1]), ("r3", options[2])]
    answers = conform(pd.DataFrame({"respondent_id": [r for r, _ in picks], "question_id": "q1",
                                    "item": [o for _, o in picks], "value": "1", "text": None, "score": None,
                                    "is_dont_know": False}), "answers")
    survey = Survey("n.csv", "generic", "utf-8", ",", 1, qs, empty("respondents"), answers, empty("rejected"))
    coded = pd.DataFrame({"text_id": [f"option:q1:{n}" for n in range(3)], "respondent_id": pd.NA,
                          "question_id": "q1", "source": "option", "text": options,
                          "theme": ["sales", "ecommerce", "sales"],
                          "themes": [["sales"], ["ecommerce", "sales"], ["sales", "export"]],
                          "uncertain_themes": [[], [], []]})
    company_of = pd.Series({"r1": "c1", "r2": "c2", "r3": "c3"})
    got = company_themes(survey, coded, company_of)
    assert got[["company_id", "theme"]].values.tolist() == [
        ["c1", "ecommerce"], ["c2", "ecommerce"], ["c2", "sales"], ["c3", "export"], ["c3", "sales"]]


def test_every_message_naming_the_interval_level_takes_the_runs_confidence():
    """QA round 25: with `[analysis] confidence = 0.90` the findings said "90 %" while 14 table headers, three
    intros and six charts still said "95 %"; the level is now a field every such message fills from the run."""
    import re

    from pipeline.i18n import Messages, catalogue

    assert Messages("fi", 0.9)("report.col.ci_interval") == "90 %:n LV"
    assert Messages("sv", 0.9)("report.col.demand_ci_interval") == "Efterfrågan 90 % KI"
    assert Messages("en", 0.995)("linking.chart.funnel.n", n=12) == \
        "At most n = 12 companies per theme; whiskers: 99.5% Wilson interval"
    assert Messages("fi", 0.995)("feedback.chart.ci") == "janat: 99,5 %:n luottamusväli"
    assert Messages("en")("report.col.ci_interval") == "95% CI"  # the default level
    for lang in ("fi", "sv", "en"):
        fixed = [key for key, text in catalogue(lang).items() if re.search(r"\b95\s?%", text)]
        assert fixed == [], f"{lang}: messages naming a fixed 95 % level: {fixed}"


def test_charts_name_the_runs_interval_level():
    """The chart stage draws with the run's level: the SVG (text kept as text) says 90 %, not 95 %."""
    import numpy as np

    from pipeline.stages import chart, ci_level

    ranking = conform(pd.DataFrame({
        "theme": ["sales", "other"], "theme_name": ["Myynti", "Muu"], "companies": [12, 2], "companies_uncertain": 0,
        "respondents": 26, "share": [12 / 26, 2 / 26], "ci_low": [0.3, 0.02], "ci_high": [0.62, 0.24],
        "rank": [1, pd.NA], "rank_low": [1, pd.NA], "rank_high": [1, pd.NA], "p_top": [1.0, np.nan],
        "tier": [1, pd.NA]}), "theme_ranking")
    svg = chart(ranking, "fi", "theme_ranking", ci_level({"confidence": 0.9}))["svg"].decode("utf-8")
    assert "90 %:n luottamusväli" in svg and "95 %" not in svg


def test_a_file_with_no_feedback_question_named_as_a_workshops_feedback_is_refused(tmp_path):
    """QA round 25: a meeting note (or the register, or a PDF) named in [[feedback]] had its lines counted as the
    workshop's responses: the headline's response rate fell from 45 to 37 of 77 with no warning."""
    from pipeline.config import SurveySource, defaults
    from pipeline.errors import InputError
    from pipeline.stages import feedback_survey

    ingest = defaults()["ingest"]
    note = tmp_path / "muistio.csv"
    note.write_text("Muistiinpanoja työpajasta\n\nHyvä keskustelu viennistä.\nSeuraavaksi verkkokauppa.\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"^muistio\.csv: no feedback question found .*feedback export of "
                                         r"workshop W3\? .*roles = \{ satisfaction = "):
        feedback_survey(SurveySource(note, workshop_id="W3"), ingest, b"k" * 32, tmp_path / "project.toml")
    real = tmp_path / "palaute.csv"
    real.write_text("Kuinka tyytyväinen olit työpajaan?,Mikä oli hyvää?\n4,Selkeät esimerkit\n5,Hyvä tahti\n",
                    encoding="utf-8")
    workshop, survey = feedback_survey(SurveySource(real, workshop_id="W3"), ingest, b"k" * 32,
                                       tmp_path / "project.toml")
    assert workshop == "W3" and set(survey.questions["role"]) == {"satisfaction", "good_text"}


def test_make_follows_every_file_the_config_names_not_only_those_beside_it(tmp_path, capsys):
    """QA round 25: `make all CONFIG=…` did not rerun after a feedback export kept in a subfolder changed (the
    inputs stamp summed only the files beside the config): the report kept 9 responses where the file had 8."""
    import shutil
    import subprocess

    from pipeline.inputs import main

    (tmp_path / "palaute").mkdir()
    (tmp_path / "needs.csv").write_text("Kunta,Tarpeet\nKokkola,myynti\n", encoding="utf-8")
    feedback = tmp_path / "palaute" / "W1.csv"
    feedback.write_text("Kuinka tyytyväinen olit?\n4\n5\n", encoding="utf-8")
    (tmp_path / "spec.yaml").write_text("tool: generic\n", encoding="utf-8")
    config = tmp_path / "project.toml"
    config.write_text('[needs]\nfile = "needs.csv"\nspec = "spec.yaml"\n[[feedback]]\nfile = "palaute/W1.csv"\n'
                      'workshop_id = "W1"\n', encoding="utf-8")
    assert main([str(config)]) == 0
    assert capsys.readouterr().out.split() == [str(p.resolve()) for p in
                                               (tmp_path / "needs.csv", feedback, tmp_path / "spec.yaml")]
    assert main([str(tmp_path / "missing.toml")]) == 0 and capsys.readouterr().out == ""  # the run says why
    assert shutil.which("make"), "make runs the project (make all, make test): it must be here"
    out = tmp_path / "out"
    root = Path(__file__).resolve().parents[1]
    stamp = root / ".make" / f"inputs{str(out.resolve()).replace('/', '_')}.sha256"

    def summed() -> str:
        subprocess.run(["make", "-s", str(stamp.relative_to(root)), f"CONFIG={config}", f"OUT={out}"], cwd=root,
                       check=True, capture_output=True)
        return stamp.read_text(encoding="utf-8")

    try:
        before = summed()
        assert "palaute/W1.csv" in before
        feedback.write_text("Kuinka tyytyväinen olit?\n4\n", encoding="utf-8")
        assert summed() != before
    finally:
        stamp.unlink(missing_ok=True)


def test_the_notebooks_draw_in_the_runs_language_and_level_unless_told_otherwise():
    """QA round 25: a Swedish project's notebooks drew Finnish charts (LANG = "fi" in every parameter cell) and
    their rerun cell recomputed the theme table for the language alone."""
    import json

    for path in sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb")):
        cells = ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                 if c["cell_type"] == "code"]
        assert cells[0].splitlines()[[line.startswith("LANG") for line in cells[0].splitlines()].index(True)] \
            .startswith("LANG = None"), path.name
        setup = cells[1]
        assert setup.index("LANG = LANG or settings.lang") > setup.index("settings = load_settings(CONFIG)")
        assert not any("Messages(LANG)" in c for c in cells), path.name  # every chart names the run's level


def test_a_run_killed_during_the_final_moves_leaves_no_summary_beside_mixed_tables(tmp_path, monkeypatch):
    """QA round 25: a kill 0.3 s into the final moves left a new satisfaction chart (45 responses) beside the old
    summary ("44 of 77"); the summaries being replaced now go first and come back last, after the tables."""
    import os

    from pipeline import io

    files = ["processed/a.csv", "figures/b.svg", "reports/summary.md", "processed/manifest.json"]
    for name in files:
        io.write_text_atomic(tmp_path / name, "old\n")
    real_replace, moved = os.replace, []

    def killed_after_one(src, dst):
        if moved:
            raise KeyboardInterrupt  # the kill
        moved.append(Path(dst).relative_to(tmp_path).as_posix())
        real_replace(src, dst)

    with pytest.raises(KeyboardInterrupt):
        with io.staged_outputs(tmp_path) as stage:
            for name in files:
                io.write_text_atomic(stage.path(tmp_path / name), "new\n")
            monkeypatch.setattr(io.os, "replace", killed_after_one)
    monkeypatch.setattr(io.os, "replace", real_replace)
    assert moved == ["figures/b.svg"]  # tables and figures first, in path order
    assert not (tmp_path / "reports/summary.md").exists() and not (tmp_path / "processed/manifest.json").exists()
    assert (tmp_path / "processed/a.csv").read_text() == "old\n"


def test_a_spec_key_written_into_the_config_says_where_it_belongs(tmp_path):
    """QA round 25: `[needs] sheet = "Svar"` was refused as an unknown key without a word on where a sheet is
    chosen (a questionnaire spec)."""
    from pipeline.config import load_settings
    from pipeline.errors import ConfigError

    (tmp_path / "n.xlsx").write_bytes(b"")
    config = tmp_path / "project.toml"
    config.write_text('[needs]\nfile = "n.xlsx"\nsheet = "Svar"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key\(s\) sheet; allowed: file, spec, roles, workshop_id, "
                                          r"exclude; sheet belong\(s\) in a questionnaire spec: spec = \"FILE\.yaml\" "
                                          r"holding sheet: \.\.\."):
        load_settings(config, env={})
    config.write_text('[needs]\nfile = "n.xlsx"\nflie = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown key\(s\) flie; allowed: file, spec, roles, workshop_id, exclude$"):
        load_settings(config, env={})


def test_following_up_figures_in_swedish_is_no_social_media_following():
    """QA round 25: "följa upp siffrorna" (to follow up the figures) was coded branding through the seed "följare"
    (followers), which shares the Snowball stem "följ"; an agent noun seed now matches only its own forms."""
    from pipeline.coding.coder import ThemeCoder
    from pipeline.coding.taxonomy import load_taxonomy
    from pipeline.config import defaults

    coder = ThemeCoder(load_taxonomy("needs"), defaults()["coding"], use_voikko=False)
    texts = pd.DataFrame({"text_id": ["1", "2", "3", "4"], "text": [
        "Hur vi kan följa upp våra resultat.", "Vi vill följa upp kunderna bättre.",
        "Vi vill ha fler följare på Instagram.", "Följarna på sociala medier växer inte."]})
    themes = coder.code(texts)["themes"].tolist()
    assert ["branding" in t for t in themes] == [False, False, True, True]


def test_a_question_naming_export_whose_answers_are_no_yes_or_no_is_not_the_export_question():
    """QA round 25: "Vilka exportmarknader är viktigast?" (Sverige / Norge / Tyskland) took the export role: an
    empty yes/maybe/no table, an n = 0 chart, and its answers reported nowhere. A later yes/no question naming
    export takes the role; without one, none does and the question is reported on its own."""
    from pipeline.roles import assign_roles

    rows = [("q1", "Vilka exportmarknader är viktigast för ert företag?", "single", ["q1"],
             ["Sverige", "Norge", "Tyskland", "Vi exporterar inte"]),
            ("q2", "Är ni intresserade av att utveckla er export?", "single", ["q2"], ["Ja", "Kanske", "Nej"])]
    frame = pd.DataFrame(rows, columns=["question_id", "text", "type", "columns", "options"]).assign(role="")
    assert assign_roles(frame, "needs")["role"].tolist() == ["", "export"]
    assert assign_roles(frame.iloc[:1], "needs")["role"].tolist() == [""]
    # yes/no answers with more words, and a file that lists no options, keep the role
    worded = frame.iloc[1:].assign(options=[["Kyllä, jo nyt", "Ehkä myöhemmin", "Ei"]])
    assert assign_roles(worded, "needs")["role"].tolist() == ["export"]
    assert assign_roles(frame.iloc[:1].assign(options=[[]]), "needs")["role"].tolist() == ["export"]


def _previous_run(folder: Path, respondents: int, segments: list[tuple[str, str, int | None]]) -> Path:
    """A previous public run's processed tables, as much of them as the comparison reads."""
    processed = folder / "processed"
    processed.mkdir(parents=True)
    pd.DataFrame({"theme": ["sales", "data"], "companies": [17, 9], "respondents": respondents}).to_csv(
        processed / "theme_ranking.csv", index=False)
    pd.DataFrame({"segment_type": [k for k, _, _ in segments], "segment": [s for _, s, _ in segments],
                  "theme": "sales", "companies": pd.NA, "base": [b for _, _, b in segments]}).to_csv(
        processed / "theme_by_segment.csv", index=False)
    return folder


def test_a_public_edition_is_compared_with_the_previous_one_so_that_no_difference_tells_a_newcomers_answer(tmp_path):
    """QA round 24: the autumn (27 companies) and spring (30) public editions gave the 3 new companies' answers by
    subtraction: Kokkola 4/9 → 5/10 wants branding. With [analysis] previous_public naming the autumn run, an
    edition 1..min_base-1 companies larger is refused, and a segment whose base changed so little is hidden."""
    import numpy as np

    from pipeline.disclosure import _changed_little, _refuse_small_change, previous_edition
    from pipeline.errors import InputError

    autumn = _previous_run(tmp_path / "syksy", 27, [("municipality", "Kokkola", 9), ("municipality", "Kannus", None),
                                                     ("subregion", "Kaustisen seutukunta", 7)])
    before = previous_edition(autumn)
    assert before["respondents"] == 27.0
    assert before["bases"] == {("theme_by_segment", "municipality", "Kokkola"): 9.0,
                               ("theme_by_segment", "subregion", "Kaustisen seutukunta"): 7.0}
    ranking = pd.DataFrame({"theme": ["sales"], "companies": [18], "respondents": [30]})
    with pytest.raises(InputError, match=r"has 27 responding companies and this one 30: .* those 3 companies' "
                                         r"answers; publish the public edition again once at least 5 companies"):
        _refuse_small_change({"theme_ranking": ranking}, before, 5)
    _refuse_small_change({"theme_ranking": ranking.assign(respondents=32)}, before, 5)  # 5 more: a group
    _refuse_small_change({"theme_ranking": ranking.assign(respondents=27)}, before, 5)  # the same companies
    spring = pd.DataFrame({"segment_type": ["municipality", "municipality", "subregion"],
                           "segment": ["Kokkola", "Kannus", "Kaustisen seutukunta"], "base": [10, 6, 13]})
    assert _changed_little("theme_by_segment", spring, before, 5).tolist() == [True, False, False]
    assert not _changed_little("theme_by_segment", spring, None, 5).any()
    assert isinstance(_changed_little("theme_ranking", spring, before, 5), np.ndarray)


def test_previous_public_names_a_run_folder(tmp_path):
    from pipeline.config import load_settings
    from pipeline.errors import ConfigError

    (tmp_path / "n.csv").write_text("Kunta\nKokkola\n", encoding="utf-8")
    _previous_run(tmp_path / "syksy", 27, [("municipality", "Kokkola", 9)])
    config = tmp_path / "project.toml"
    config.write_text('[needs]\nfile = "n.csv"\n[analysis]\nprevious_public = "syksy/processed"\n', encoding="utf-8")
    settings = load_settings(config, env={})
    assert settings.previous_public == tmp_path / "syksy" and "previous_public" not in settings.analysis
    config.write_text('[needs]\nfile = "n.csv"\n[analysis]\nprevious_public = "kevät"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"previous_public = 'kevät': .* holds no processed/theme_ranking.csv"):
        load_settings(config, env={})
    config.write_text('[needs]\nfile = "n.csv"\n', encoding="utf-8")
    assert load_settings(config, env={}).previous_public is None


def test_a_grids_statements_without_dont_know_tell_its_total_and_so_a_hidden_dont_know_count():
    """QA round 24: four statements of 27 and "Vienti: n 26, don't know :c" told that one company said "don't
    know" (27 - 26); statements with no don't-know row now give the grid's total, so the hidden count is protected
    by hiding more (the statement's n here)."""
    import numpy as np

    from pipeline.disclosure import _grid_totals

    rows = []
    for item, n in (("Myynti", 27), ("Markkinointi", 27), ("Vienti", 26)):
        rows += [{"question_id": "q7", "item": item, "label": label, "is_dont_know": False, "count": c, "base": n}
                 for label, c in (("heikko", n - 10), ("hyvä", 10))]
    rows.append({"question_id": "q7", "item": "Vienti", "label": "en osaa sanoa", "is_dont_know": True,
                 "count": np.nan, "base": np.nan})
    assert _grid_totals(pd.DataFrame(rows)) == {"q7": (27.0, True)}
    # statements of different totals say nothing of a common one
    uneven = pd.DataFrame(rows).assign(base=lambda f: f["base"].where(f["item"] != "Markkinointi", 25))
    assert _grid_totals(uneven) == {}


def test_a_public_emerging_theme_of_few_answers_shows_its_label_and_count_not_its_answers():
    """QA round 24: a three-answer cluster printed all three answers; "Porotilan sukupolvenvaihdos" named the
    region's only reindeer farm. Below min_base answers the public edition shows the label and count alone."""
    from pipeline.report import edition_tables

    clusters = pd.DataFrame({"cluster_id": [1, 2, 3], "label": ["jatkaja, polvi, suku", "rekrytointi", "x"],
                             "answers": [3, 6, 2],
                             "examples": [["Porotilan sukupolvenvaihdos.", "Sukupolvenvaihdos leipomolle.", "c"],
                                          ["Rekrytointi on vaikeaa.", "Osaavan työvoiman saatavuus."], ["d", "e"]]})
    public = edition_tables({"emerging_themes": clusters}, {"edition": "public", "min_count": 3, "min_base": 5},
                            "fi")["emerging_themes"]
    assert public[["label", "answers"]].values.tolist() == [["jatkaja, polvi, suku", 3], ["rekrytointi", 6]]
    assert [list(e) for e in public["examples"]] == [[], ["Rekrytointi on vaikeaa.", "Osaavan työvoiman saatavuus."]]
    steering = edition_tables({"emerging_themes": clusters}, {"edition": "steering"}, "fi")["emerging_themes"]
    assert len(steering) == 3 and len(steering["examples"].iloc[0]) == 3


def test_a_hidden_answer_of_a_list_of_given_answers_is_at_least_one_to_a_reader_and_to_the_audit():
    """QA round 24: the "every question" table lists only answers someone gave, so a hidden one is 1 or more; two
    hidden answers adding up to 4 are each 1..3 (two values fewer than the audit allowed them, 0..4)."""
    from pipeline.config import defaults
    from pipeline.disclosure import audit_tables

    params = defaults()["analysis"]

    rows = [("välttävä", 9), ("heikko", 7), ("svag", 4), ("försvarlig", None), ("tyydyttävä", 3), ("hyvä", None)]
    frame = pd.DataFrame({"survey": "needs", "question_id": "q9", "question": "Osaaminen [Verkkokauppa]",
                          "type": "single", "item": "", "answer": [a for a, _ in rows], "score": float("nan"),
                          "companies": pd.array([c for _, c in rows], dtype="Int64"), "base": 27})
    audit = audit_tables({"question_distribution": frame}, params)
    ranges = dict(zip(audit["cell"], zip(audit["low"], audit["high"])))
    assert ranges["question_distribution[needs: q9: ][hyvä].companies"] == (1.0, 3.0)
    assert not audit.loc[audit["cell"].str.contains("hyvä"), "is_protected"].any()
    # a list that shows an answer at 0 lists every option: then a hidden one may be 0
    listed = frame.assign(companies=pd.array([9, 7, 4, None, 3, None], dtype="Int64")).copy()
    listed.loc[len(listed)] = ["needs", "q9", "Osaaminen [Verkkokauppa]", "single", "", "erinomainen",
                               float("nan"), 0, 27]
    audit = audit_tables({"question_distribution": listed}, params)
    assert dict(zip(audit["cell"], audit["low"]))["question_distribution[needs: q9: ][hyvä].companies"] == 0.0


def test_a_breakdown_left_out_takes_no_survey_total_with_it():
    """QA round 24: the public export table read ':c' throughout, its survey totals (8 / 5 / 14 of 27) too,
    because hiding the sector breakdown had taken the totals as partners, and then the breakdown was left out
    anyway; a second pass without it publishes the totals, as long as the result passes every audit rule."""
    from pipeline.config import defaults
    from pipeline.disclosure import audit_tables, published

    sectors = {"A": (3, 4, 3), "B": (3, 3, 4), "C": (3, 1, 2), "D": (0, 0, 1)}
    rows = [("all", "all", answer, total, 27) for answer, total in zip(("yes", "maybe", "no"), (9, 8, 10))]
    for name, counts in sectors.items():
        rows += [("sector", name, answer, count, sum(counts)) for answer, count in zip(("yes", "maybe", "no"), counts)]
    frame = pd.DataFrame(rows, columns=["segment_type", "segment", "answer", "companies", "base"])
    frame = conform(frame.assign(share=frame["companies"] / frame["base"], ci_low=0.0, ci_high=1.0, suppressed=False,
                                 question="Vienti?"), "export_readiness")
    params = dict(defaults()["analysis"], edition="public")
    shown = published({"export_readiness": frame}, params)["export_readiness"]
    assert shown.loc[shown["segment_type"] == "all", "companies"].tolist() == [9, 8, 10]
    assert shown.loc[shown["segment_type"] == "sector", "companies"].isna().all()
    assert audit_tables({"export_readiness": shown}, params)["is_protected"].all()


def test_a_review_workbook_named_before_any_row_is_filled_in_reads_as_no_review(tmp_path):
    """QA round 25: the workbook copied beside the config and named there before the analyst filled in any row
    stopped every run with "unexpected KeyError: 'answer_id'"."""
    from pipeline.coding.review import read_review

    from test_review import THEMES, workbook

    got = read_review(workbook(tmp_path, {}), THEMES)
    assert got.empty and "answer_id" in got.columns


def test_the_hidden_impact_note_names_the_runs_small_counts():
    """QA round 25: with min_count = 4 the note said an answer was given by "1–2 companies"; the smallest was 3."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import impact

    rows = pd.DataFrame({"measure": "impact", "answer": ["yes", "partly", "no", "yes_or_partly"],
                         "companies": [pd.NA] * 4, "base": 12, "share": [float("nan")] * 4,
                         "ci_low": float("nan"), "ci_high": float("nan")})
    line = impact({"impact_summary": rows}, {"confidence": 0.95, "min_count": 4}, Formatter(Messages("sv")), {})
    assert line == "Effektsvaren från 12 företag är dolda (:c): något svar gavs av 1–3 företag, och de andra " \
                   "skulle avslöja det."


def _finished_run(out: Path, inputs: list[str], edition: str = "steering") -> None:
    """A finished run's processed folder: its manifest and one table."""
    import json

    (out / "processed").mkdir(parents=True)
    (out / "processed" / "manifest.json").write_text(json.dumps({
        "settings": {"analysis": {"edition": edition}},
        "inputs": [{"path": name, "sha256": "0", "bytes": 1} for name in inputs]}), encoding="utf-8")
    pd.DataFrame({"theme": ["sales"], "companies": [3]}).to_csv(out / "processed" / "other_table.csv", index=False)


def test_a_notebook_never_reads_another_projects_run_as_this_ones(tmp_path):
    """QA round 25: a notebook given the project's config but the repository's output folder showed the demo's
    ranking as the project's, and its rerun cell compared the two surveys; and a public run's missing microdata
    was reported as 'run the pipeline first'."""
    from pipeline.config import load_settings
    from pipeline.errors import InputError
    from pipeline.runner import processed_table

    (tmp_path / "needs.csv").write_text("Kunta\nKokkola\n", encoding="utf-8")
    (tmp_path / "project.toml").write_text('[needs]\nfile = "needs.csv"\n', encoding="utf-8")
    _finished_run(tmp_path / "demo", ["feedback_W01.csv", "needs_survey.xlsx"])
    settings = load_settings(tmp_path / "project.toml", out=tmp_path / "demo", env={})
    with pytest.raises(InputError, match=r"these tables are a run of other files \(feedback_W01\.csv, "
                                         r"needs_survey\.xlsx\) than project\.toml names; point PIPELINE_OUT"):
        processed_table(settings, "other_table")
    _finished_run(tmp_path / "mine", ["needs.csv"], edition="public")
    mine = load_settings(tmp_path / "project.toml", out=tmp_path / "mine", env={})
    assert processed_table(mine, "other_table")["companies"].tolist() == [3]
    with pytest.raises(InputError, match=r"a public run writes no table texts .* steering run"):
        processed_table(mine, "texts")


def test_a_notebook_the_pipeline_refuses_fails_in_one_line(tmp_path, monkeypatch, capsys):
    from nbclient.exceptions import CellExecutionError

    from pipeline import notebooks

    def refused(path, out_dir):
        raise CellExecutionError("traceback…", "InputError", "/x/processed: a public run writes no table texts")

    monkeypatch.setattr(notebooks, "executed_notebook", refused)
    assert notebooks.main(["notebooks/02-theme-coding.ipynb", str(tmp_path / "nb.ipynb")]) == 2
    assert capsys.readouterr().err == "error: 02-theme-coding.ipynb: /x/processed: a public run writes no table texts\n"
    assert not (tmp_path / "nb.ipynb").exists()


def test_the_swedish_reports_outside_warning_names_municipalities_as_its_tables_do():
    """QA round 25: a Swedish report's tables said Kronoby and Jakobstad, its data warning Kruunupyy and
    Pietarsaari (names the respondents never wrote)."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import _outside_subregions

    segments = pd.DataFrame({"segment_type": ["municipality", "municipality", "municipality", "subregion"],
                             "segment": ["Kokkola", "Kruunupyy", "Pietarsaari", "Kokkolan seutukunta"],
                             "base": [12, 5, 4, 12], "members": ["Kokkola", "Kruunupyy", "Pietarsaari", "Kokkola"],
                             "theme": "sales", "companies": [3, 2, 1, 3]})
    ranking = pd.DataFrame({"theme": ["sales"], "respondents": [21]})
    meta = {"subregions": {"Kokkolan seutukunta": ["Kokkola", "Kannus"]}, "edition": "steering"}
    said = _outside_subregions({"theme_by_segment": segments, "theme_ranking": ranking}, meta,
                               Formatter(Messages("sv")))
    assert len(said) == 1 and "Kronoby (5), Jakobstad (4)" in said[0] and "Kruunupyy" not in said[0]


@pytest.mark.parametrize("written, scrubbed", [
    ("Ottakaa yhteyttä Jari M:ään", "Ottakaa yhteyttä [name]:ään"),
    ("Stefan G. från Jakobstads Båt hjälper gärna", "[name]. från Jakobstads Båt hjälper gärna"),
    ("terveisin Tuula / Kotileipomo", "terveisin [name] / Kotileipomo"),
    ("Kiitos hyvästä päivästä, terveisin Tuula Mäkelä", "Kiitos hyvästä päivästä, terveisin [name]"),
    ("Hälsningar, Anders", "Hälsningar, [name]"),
    # no name: a sign-off alone or before a common word, a letter that is no initial of a given name
    ("Best regards", "Best regards"), ("terveisin tiimi", "terveisin tiimi"),
    ("Regards from Kokkola", "Regards from Kokkola"), ("Vitamiini C. on hyvä", "Vitamiini C. on hyvä"),
])
def test_a_given_name_with_an_initial_and_a_signed_name_are_scrubbed(written, scrubbed):
    """QA round 24: "Jari M:ään", "Stefan G." and "terveisin Tuula" kept the person's name in the steering
    edition's answers (on 1,125 real fi/sv/en answers neither rule changes anything)."""
    from pipeline.privacy import scrub_text

    assert scrub_text(written) == scrubbed
