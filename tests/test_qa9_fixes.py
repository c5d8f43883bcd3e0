"""What QA round 9 found outside the disclosure rules (a new project from real text, P9: a Finnish Google Forms
needs survey, Webropol and Swedish Microsoft Forms feedback): one test per finding, on a few inline rows."""
from __future__ import annotations

import pandas as pd

from pipeline.ingest import inspect_file
from pipeline.roles import assign_roles

from conftest import csv_text, questions_by_text, write_csv


def test_ganska_nyttig_is_scored_like_melko_hyodyllinen(tmp_path):
    """QA9: a Swedish workshop's usefulness read 3 of 7 in the top two where the same answers in Finnish
    ("melko hyödyllinen", fairly useful) gave 6 of 7: "ganska nyttig" sat on the scale's middle."""
    fi = ["Erittäin hyödyllinen", "Melko hyödyllinen", "Ei kovin hyödyllinen", "Melko hyödyllinen"] * 2
    sv = ["Mycket nyttig", "Ganska nyttig", "Inte särskilt nyttig", "Ganska nyttig"] * 2
    header = ["Aikaleima", "Kuinka hyödyllinen työpaja oli?", "Hur nyttig var workshopen?"]
    rows = [[f"2026/03/12 10:0{i}:00", a, b] for i, (a, b) in enumerate(zip(fi, sv))]
    found = questions_by_text(inspect_file(write_csv(tmp_path / "nytta.csv", csv_text(header, rows))))
    finnish, swedish = found["Kuinka hyödyllinen työpaja oli?"], found["Hur nyttig var workshopen?"]
    assert finnish["type"] == swedish["type"] == "likert"
    assert finnish["options"].index("Melko hyödyllinen") == swedish["options"].index("Ganska nyttig") == 3


def test_a_general_comment_question_is_a_feedback_comment():
    """QA9: "Mitä muuta haluat kertoa työpajasta?" (9 of a survey's 16 comments) had no role: its answers were
    neither counted in the comment themes nor listed for review."""
    questions = pd.DataFrame({"question_id": ["q1", "q2", "q3", "q4"], "type": ["likert", "open", "open", "open"],
                              "text": ["Kuinka tyytyväinen olit?", "Mikä oli hyvää?", "Mitä pitäisi kehittää?",
                                       "Mitä muuta haluat kertoa työpajasta?"]})
    roles = assign_roles(questions, "feedback")["role"].tolist()
    assert roles == ["satisfaction", "good_text", "improve_text", "comment_text"]
    swedish = questions.assign(text=["Hur nöjd var du?", "Vad var bra?", "Vad kan förbättras?",
                                     "Övriga kommentarer"])
    assert assign_roles(swedish, "feedback")["role"].tolist()[-1] == "comment_text"
    english = questions.assign(text=["Overall satisfaction", "What was good?", "What could be better?",
                                     "Anything else you would like to tell us?"])
    assert assign_roles(english, "feedback")["role"].tolist()[-1] == "comment_text"


def test_companies_in_no_sub_region_are_named_in_the_log_and_counted_in_the_report(caplog):
    """QA9: 4 of 25 companies (Kruunupyy 3, a misspelt Kaustinen 1) fell in no sub-region without a word in
    the report, and only the misspelt one in the log."""
    from pipeline.analysis.stats import canonical_municipalities
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import data_warnings

    subregions = {"Kokkolan seutukunta": ["Kokkola", "Kannus"], "Kaustisen seutukunta": ["Kaustinen", "Veteli"]}
    with caplog.at_level("WARNING"):
        canonical_municipalities(pd.Series(["Kokkola", "Kruunupyy", "Kruunupyy", "Kaustinnen"]), subregions, {})
    assert "outside every sub-region of [analysis] subregions: Kruunupyy (n = 2)" in caplog.text and "did you mean 'Kaustinen'" in caplog.text
    segments = pd.DataFrame({"segment_type": ["subregion", "subregion"], "segment": ["Kokkolan seutukunta",
                             "Kaustisen seutukunta"], "theme": "sales", "companies": [6, 5], "base": [12, 9],
                             "share": [0.5, 5 / 9], "suppressed": False, "members": pd.NA})
    ranking = pd.DataFrame({"theme": ["sales"], "companies": [13], "respondents": [25]})
    fmt = Formatter(Messages("en"))
    tables = {"theme_by_segment": segments, "theme_ranking": ranking}
    said = [w for w in data_warnings(tables, {}, fmt, {}) if "no sub-region" in w]
    assert said and said[0].startswith("4 of 25 companies are in no sub-region")
    public = {"edition": "public", "min_count": 3}
    assert [w for w in data_warnings(tables, public, fmt, {}) if "no sub-region" in w] == said
    two = {**tables, "theme_ranking": ranking.assign(respondents=23)}
    assert not [w for w in data_warnings(two, public, fmt, {}) if "no sub-region" in w]


def test_other_dropped_beside_a_reviewed_theme_is_said(tmp_path, caplog):
    """QA9: "other;sales" in reviewed_themes was applied as sales alone without a word (the README promises the
    reviewed themes exactly)."""
    from test_review import THEMES, workbook

    from pipeline.coding.review import read_review

    with caplog.at_level("WARNING"):
        got = read_review(workbook(tmp_path, {2: {"reviewed_themes": "other;sales"}}), THEMES)
    assert got["themes"].tolist() == [["sales"]]
    assert "row 2: reviewed_themes 'other;sales': 'other' means that no theme applies" in caplog.text


def test_a_hidden_impact_measure_is_said_not_captioned_by_its_bare_question():
    """QA9: with the impact answers hidden, the public chart's caption was the question alone."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import impact

    rows = pd.DataFrame({"measure": "impact", "answer": ["yes", "partly", "no", "yes_or_partly"],
                         "companies": [pd.NA] * 4, "base": 11, "share": [float("nan")] * 4,
                         "ci_low": float("nan"), "ci_high": float("nan")})
    line = impact({"impact_summary": rows}, {"confidence": 0.95}, Formatter(Messages("en")), {})
    assert line == ("The impact answers of 11 companies are hidden (:c): one answer was given by 1–2 companies, "
                    "and the others would tell it.")
    shown = rows.assign(companies=[6, 3, 2, 9], share=[6 / 11, 3 / 11, 2 / 11, 9 / 11], ci_low=0.5, ci_high=0.95)
    assert impact({"impact_summary": shown}, {"confidence": 0.95}, Formatter(Messages("en")), {}).startswith(
        "The workshops advanced development measures in 82% of companies")


def test_the_shipped_sub_regions_are_named_in_the_reports_language():
    """QA rounds 6 and 9: Swedish reports kept "Kaustisen seutukunta"; a pool of its small municipalities reads
    in Swedish too, English keeps the Finnish name, and a sub-region the catalogue does not know keeps the
    config's spelling."""
    from pipeline.i18n import Messages
    from pipeline.segments import segment_label

    frame = pd.DataFrame({"segment_type": ["subregion", "municipality"], "segment": ["Kaustisen seutukunta"] * 2,
                          "base": [19, 11], "members": ["Kaustinen;Veteli;Halsua", "Veteli;Halsua"]})
    assert segment_label("subregion", "Kaustisen seutukunta", frame, Messages("sv")) == "Kaustby ekonomiska region"
    assert segment_label("municipality", "Kaustisen seutukunta", frame, Messages("sv")) == \
        "Kaustby ekonomiska region: övriga kommuner"
    assert segment_label("subregion", "Kaustisen seutukunta", frame, Messages("en")) == "Kaustisen seutukunta"
    assert segment_label("subregion", "Kaustisen seutukunta", frame, Messages("fi")) == "Kaustisen seutukunta"
    # (the example was "Pietarsaaren seutukunta" until QA round 38 gave the catalogue its Swedish name)
    assert segment_label("subregion", "Perhonjokilaakso", frame, Messages("sv")) == "Perhonjokilaakso"


def test_no_largest_gap_is_named_when_a_statements_figures_are_hidden():
    """QA10: the public edition hid sales' competence statement (its n with its share) and named branding's gap
    of 1 point the largest, where the steering edition names sales' 30 points."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import need_vs_competence

    need = pd.DataFrame({"theme": ["sales", "branding"], "theme_name": ["Sales", "Branding"],
                         "demand_share": [0.56, 0.44], "demand_ci_low": [0.37, 0.27], "demand_ci_high": [0.73, 0.63],
                         "respondents": [25, 25], "item": ["Försäljning", "Marknadsföring"],
                         "competence_n": [pd.NA, 21], "competence_share": [float("nan"), 0.43],
                         "competence_ci_low": [float("nan"), 0.24], "competence_ci_high": [float("nan"), 0.63]})
    fmt = Formatter(Messages("en"))
    assert need_vs_competence({"need_vs_competence": need}, {"confidence": 0.95}, fmt, {}) is None
    shown = need.assign(competence_n=[23, 21], competence_share=[0.26, 0.43], competence_ci_low=[0.12, 0.24],
                        competence_ci_high=[0.46, 0.63])
    assert "Sales" in need_vs_competence({"need_vs_competence": shown}, {"confidence": 0.95}, fmt, {})


def test_a_hidden_statement_n_reads_c_in_the_competence_table():
    """QA10: the public competence table showed a blank where a statement's n was hidden (':c' beside it)."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter, display_table, viewed

    summary = pd.DataFrame({"question_id": ["q5"], "item": ["Markkinointi"], "n": pd.array([pd.NA], dtype="Int64"),
                            "n_dont_know": pd.array([pd.NA], dtype="Int64"), "top2": pd.array([8], dtype="Int64"),
                            "share": [float("nan")], "ci_low": [float("nan")], "ci_high": [float("nan")],
                            "median_score": [3.0], "median_label": ["Kohtalainen"]})
    table = display_table(viewed(summary, "likert_summary"), "", Formatter(Messages("fi")), {}, "likert_summary")
    assert table.rows[0][:3] == ["Markkinointi", ":c", ":c"]


def test_a_run_into_a_folder_holding_the_other_edition_is_refused(one_question_settings):
    """Found beside QA round 9: a public run into a steering run's folder left the steering summaries, the
    review workbook and every answer (answers.parquet) in the folder about to be published."""
    import json
    from dataclasses import replace

    import pytest

    from pipeline.errors import InputError
    from pipeline.runner import _same_edition

    settings = one_question_settings
    _same_edition(settings)                      # no manifest: no run's folder
    settings.processed.mkdir(parents=True)
    (settings.processed / "manifest.json").write_text(json.dumps({"settings": {"analysis": {"edition": "steering"}}}),
                                                      encoding="utf-8")
    _same_edition(settings)                      # the same edition again: a rerun
    public = replace(settings, analysis={**settings.analysis, "edition": "public"})
    with pytest.raises(InputError, match="holds the steering edition's outputs; give the public run its own --out"):
        _same_edition(public)
