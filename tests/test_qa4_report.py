"""What a QA run on a Swedish-speaking project and a project run over time found (2026-12-02): attendance
answers in Swedish and in the "other" field, two titles in one exported option, the Swedish impact question."""
from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.analysis.linking import WorkshopMatcher, attendance_answers, non_attendees
from pipeline.roles import assign_roles
from pipeline.schemas import conform

from test_feedback import register, survey

REGISTER = register([("V1", "2025-03-10", "Digitala verktyg och data", "data", 10, None),
                     ("V2", "2025-04-10", "Export till Norden", "export", 8, None),
                     ("V3", "2025-05-10", "Study trip to Bergen, Norway", "export", 8, None)])
ATTENDED = [("q01", "multi", "attended", ["Digitala verktyg och data", "Export till Norden"]),
            ("q01_other", "other_text", "", [])]


def test_an_option_holding_two_titles_names_both_workshops():
    # a Google Forms checkbox export read "Digitala verktyg och data, Export till Norden" as one option
    s = survey("impact.csv", ATTENDED, [("a", "q01", "Digitala verktyg och data, Export till Norden", None, np.nan),
                                        ("b", "q01", "Study trip to Bergen, Norway", None, np.nan)])
    got = attendance_answers(s, WorkshopMatcher(REGISTER))
    assert got["a"] == (["V1", "V2"], [], False)
    assert got["b"] == (["V3"], [], False)          # a title with ", " in it stays one title


def test_attending_nothing_said_in_swedish_or_in_the_other_field_counts_as_none():
    s = survey("impact.csv", ATTENDED, [("a", "q01_other", None, "Jag deltog inte i någon verkstad", np.nan),
                                        ("b", "q01", "Inget av dessa", None, np.nan),
                                        ("c", "q01", "Export till Norden", None, np.nan),
                                        ("d", "q01_other", None, "I did not attend any", np.nan)])
    assert non_attendees(s, REGISTER) == {"a", "b", "d"}


def test_the_swedish_impact_question_is_the_impact_question():
    questions = conform(pd.DataFrame([
        {"question_id": "q02", "text": "Har verkstäderna bidragit till utvecklingsåtgärder i ert företag?",
         "type": "single", "columns": ["q02"], "options": ["Ja", "Delvis", "Nej"], "role": ""},
        {"question_id": "q03", "text": "Vad har ni gjort?", "type": "open", "columns": ["q03"], "options": [],
         "role": ""}]), "questions")
    assert assign_roles(questions, "impact")["role"].tolist() == ["impact", "impact_text"]


def test_a_tie_for_the_most_named_improvement_names_every_tied_theme():
    from test_qa3_report import improve
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import feedback_themes

    tables = {"feedback_themes": improve([("communication", 2), ("organisation", 2), ("trainer", 1)], 8)}
    line = feedback_themes(tables, {"confidence": 0.95}, Formatter(Messages("en")), {})
    assert line.startswith("Most often named to improve, equally often: Communication, Organisation (25% of comments")


def test_the_coverage_block_states_the_unmet_rule():
    from pipeline.report.content import report_content

    coverage = pd.DataFrame({"theme": ["sales"], "theme_name": ["Sales"], "demand_share": [0.6], "workshops": [1],
                             "is_unmet": [True]})
    meta = {"confidence": 0.95, "feedback_unmet_max_tier": 2, "feedback_min_supply_workshops": 2}
    content = report_content({"coverage": coverage}, {}, meta, "en")
    intros = [b.intro for s in content.sections for b in s.blocks]
    assert any("A theme's need counts as unmet when it is in tier 2 or better and had fewer than 2 workshops." in i
               for i in intros)


def test_the_agreement_table_names_its_taxonomies_and_themes_and_shows_its_bases():
    import io

    from openpyxl import load_workbook

    from pipeline.report.xlsx import summary_xlsx

    agreement = pd.DataFrame({"taxonomy": ["needs", "needs"], "theme": ["sales", "all"], "reviewed": [12, 12],
                              "analyst": [1, 14], "machine": [4, 15], "precision": [0.25, 0.53],
                              "recall": [1.0, 0.57], "kappa": [0.3, 0.5], "alpha": [np.nan, 0.4], "answers": [34, 34],
                              "share_reviewed": [0.35, 0.35], "uncertain": [4, 9]})
    ranking = pd.DataFrame({"theme": ["sales"], "theme_name": ["Myynti ja asiakashankinta"], "companies": [10],
                            "respondents": [26]})
    book = load_workbook(io.BytesIO(summary_xlsx({"coding_agreement": agreement, "theme_ranking": ranking}, {}, "fi")))
    sheet = next(ws for ws in book.worksheets if ws.cell(1, 1).value == "Kysymykset")
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_col=2)]
    assert rows == [["tarvekysely", "Myynti ja asiakashankinta"], ["tarvekysely", "kaikki teemat"]]
    from pipeline.outputs import BY_NAME

    assert {"machine", "analyst"} <= set(BY_NAME["coding_agreement"].columns)


def test_reviews_gone_stale_are_said_in_a_warning(caplog):
    # the analyst's review of an answer that was edited since sat on the stale sheet with no word in the log
    from pipeline.coding.review import stale_rows

    reviewed = pd.DataFrame({"answer_id": ["a1", "a2"], "question": ["q", "q"], "text": ["Vientiä", "Myyntiä"],
                             "themes": [["export"], ["sales"]], "note": ["", ""], "taxonomy": ["needs", "needs"]})
    with caplog.at_level("WARNING"):
        stale = stale_rows(reviewed, ["a1"])
    assert stale["text"].tolist() == ["Myyntiä"]
    assert [r.getMessage() for r in caplog.records] == [
        "coding review: 1 reviewed answer(s) are no longer in the surveys (the answer or its question was edited, "
        "or the response removed); their reviews stay on the 'stale' sheet of reports/coding_review.xlsx"]


def test_a_hidden_option_count_reads_as_hidden_not_blank():
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter, display_table

    options = pd.DataFrame({"question_id": ["q04", "q04"], "option": ["Myynti", "Vienti"], "theme": ["sales", "export"],
                            "theme_name": ["Myynti", "Vienti"], "companies": pd.array([14, pd.NA], dtype="Int64"),
                            "base": [27, 27], "share": [14 / 27, np.nan], "ci_low": [0.34, np.nan],
                            "ci_high": [0.69, np.nan]})
    table = display_table(options, "", Formatter(Messages("fi")), {}, "option_ranking")
    assert table.rows[1][-4:] == [":c", "27", ":c", ":c"]


def test_a_large_municipality_merged_for_its_small_neighbour_is_said(caplog):
    # Jakobstad (12) lost its column because Nykarleby (3) alone could be told by subtraction: no word was said
    from pipeline.analysis.stats import municipality_segments

    bases = {"Jakobstad": 12, "Pedersöre": 6, "Larsmo": 5, "Nykarleby": 3, "Kronoby": 4}
    with caplog.at_level("WARNING"):
        got = municipality_segments(bases, {"Jakobstadsregionen": ["Jakobstad", "Pedersöre", "Larsmo", "Nykarleby"]}, 5)
    assert got["Jakobstad"] == "Jakobstadsregionen" and got["Kronoby"] == "Kronoby"
    assert [r.getMessage() for r in caplog.records] == [
        "segments: Jakobstad (12 companies), Pedersöre (6 companies), Larsmo (5 companies) shown only within the "
        "sub-region Jakobstadsregionen: its small municipalities (Nykarleby 3) have fewer than 5 companies together, "
        "and the sub-region's figures minus the others' would give them away"]


def test_pipeline_config_names_the_project_when_no_config_is_given(tmp_path):
    # notebooks read a project's run with the demo's settings: PIPELINE_CONFIG names the project once
    from pipeline.config import load_settings

    (tmp_path / "needs.csv").write_text("Yritys,Tarpeet\nA,myynti\n", encoding="utf-8")
    config = tmp_path / "project.toml"
    config.write_text('[needs]\nfile = "needs.csv"\n[analysis]\nmin_base = 8\n', encoding="utf-8")
    settings = load_settings(env={"PIPELINE_CONFIG": str(config)})
    assert settings.needs.path == (tmp_path / "needs.csv").resolve() and settings.analysis["min_base"] == 8
    assert load_settings(env={}).analysis["min_base"] == 5          # the bundled demo's


def test_a_review_written_with_finnish_theme_names_reads_in_a_swedish_run(tmp_path):
    # a review filled beside a Finnish run ("Järjestelyt") stopped the Swedish run of the same project (exit 2)
    from openpyxl import Workbook

    from pipeline.coding.taxonomy import load_taxonomy
    from pipeline.coding.review import COLUMNS, answer_id
    from pipeline.stages import coding_reviews, themes

    book = Workbook()
    sheet = book.active
    sheet.title = "review"
    sheet.append(list(COLUMNS))
    row = {"answer_id": answer_id("Mitä kehittää?", "Aikataulu venyi"), "question": "Mitä kehittää?",
           "text": "Aikataulu venyi", "reviewed_themes": "Järjestelyt", "taxonomy": "feedback"}
    sheet.append([row.get(c, "") for c in COLUMNS])
    path = tmp_path / "coding_review.xlsx"
    book.save(path)
    needs, feedback = load_taxonomy("needs"), load_taxonomy("feedback")
    got = coding_reviews(path, themes(needs, feedback, "sv"), needs, feedback)
    assert got["themes"].tolist() == [["organisation"]]


def test_exact_participations_are_not_about_and_public_satisfaction_names_its_pool():
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import participation_timeline, satisfaction

    fmt = Formatter(Messages("en"))
    timeline = pd.DataFrame({"month": ["2025-03"], "workshops": [3], "participations": [40]})
    register = pd.DataFrame({"workshop_id": ["E1", "E2", "E3"], "participants": [14, 20, 6],
                             "participants_low": [14, 20, 6], "participants_note": ["", "", ""]})
    tables = {"participation_timeline": timeline, "workshop_register": register}
    assert participation_timeline(tables, {}, fmt, {}) == "3 workshops, 40 participations in all"
    estimated = {**tables, "workshop_register": register.assign(participants_note=["about 14", "", ""])}
    assert participation_timeline(estimated, {}, fmt, {}).startswith("3 workshops, about 40")
    overall = pd.DataFrame({"satisfaction_n": [10], "top2_share": [0.8], "ci_low": [0.49], "ci_high": [0.94]})
    line = satisfaction({"feedback_overall": overall}, {"edition": "public", "confidence": 0.95}, fmt, {})
    assert line.startswith("Satisfied (4–5) among respondents of the workshops whose ratings are published: 80%")


def test_the_workbook_names_a_pooled_municipality_segment_as_the_summaries_do():
    import io

    from openpyxl import load_workbook

    from pipeline.report.xlsx import summary_xlsx
    from test_qa3_report import _segment_rows

    frame = _segment_rows([("municipality", "Kaustinen", 5, 8), ("municipality", "Kaustisen seutukunta", 6, 11),
                           ("subregion", "Kaustisen seutukunta", 11, 19)])
    book = load_workbook(io.BytesIO(summary_xlsx({"theme_by_segment": frame}, {}, "fi")))
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert "Kaustisen seutukunta: muut kunnat" in cells


def test_the_competence_chart_marks_hidden_cells_instead_of_dropping_them():
    # the public chart drew "Good 35, Very good 15" alone, an all-positive bar, where the rest was hidden
    from matplotlib.text import Text

    from pipeline import schemas
    from pipeline.charts.needs import likert_chart
    from pipeline.i18n import Messages

    scale = ["Poor", "Fair", "Good", "Very good", "Excellent"]
    frame = schemas.conform(pd.DataFrame({
        "question_id": "q13", "question": "Skills", "item": "Social media", "label": scale, "score": [1.0, 2, 3, 4, 5],
        "is_dont_know": False, "count": pd.array([pd.NA, pd.NA, 7, 3, pd.NA], dtype="Int64"), "base": 20,
        "share": [np.nan, np.nan, 0.35, 0.15, np.nan]}), "likert_distribution")
    found = [t.get_text() for t in likert_chart(frame, Messages("en")).findobj(Text)]
    assert ":c" in found
    assert Messages("en")("needs.chart.suppressed_note") in "\n".join(found)


def test_charts_round_a_half_up_as_the_tables_do():
    # the heat map showed 62 % where the table beside it showed 63 % (5 of 8)
    from pipeline.charts.style import percent
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter

    assert percent(5 / 8) == "63 %" and Formatter(Messages("fi")).percent(5 / 8).startswith("63")


def test_a_country_or_language_in_an_answer_does_not_make_it_identifying():
    # the public report had no export quotes: "distributors in Sweden and Norway" was taken for naming a company
    from pipeline.report import identifying

    assert not identifying("We need to find distributors in Sweden and Norway.", set())
    assert not identifying("Me haluamme Norjaan ja Ruotsiin.", set())
    assert not identifying("Material in Swedish would help.", set())
    assert identifying("Soita Matille, hän tietää.", set())
    assert identifying("We sell to Kokkola and Norway.", {"kokkol"})
