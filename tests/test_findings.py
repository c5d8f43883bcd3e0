"""The sanity rule for headlines (pipeline/report/headlines.py): a finding the inputs contradict is a data
warning, never a finding."""
from __future__ import annotations

import pandas as pd

from pipeline.report.content import report_content

META = {"confidence": 0.95, "respondents": 30, "run_date": "2026-12-02"}


def coverage(workshops: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"theme": ["sales", "branding", "export"], "theme_name": ["Sales", "Branding", "Export"],
                         "demand_share": [0.6, 0.5, 0.4], "demand_ci_low": [0.4, 0.3, 0.2],
                         "demand_ci_high": [0.8, 0.7, 0.6], "demand_tier": [1, 1, 2], "workshops": workshops,
                         "hours": [float("nan")] * 3, "participations": [0, 0, 0],
                         "is_unmet": [w < 2 for w in workshops]})


def register(themes: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"workshop_id": [f"W{n}" for n in range(len(themes))], "title": themes, "themes": themes})


def content(tables):
    return report_content(tables, {"demand_supply": b"png"}, META, "en")


def test_no_supply_on_top_themes_while_the_register_has_them_is_a_warning():
    # the coverage table says no workshops, yet the register lists two on sales and two on branding
    report = content({"coverage": coverage([0, 0, 0]),
                      "workshop_register": register(["sales", "sales", "branding", "branding"])})
    assert not any("without enough supply" in f for f in report.findings)
    assert any("Not a finding" in w and "register lists 4 workshops" in w for w in report.warnings)


def test_workshops_whose_themes_match_no_demanded_theme_give_a_warning_not_a_finding():
    report = content({"coverage": coverage([0, 0, 0]), "workshops": register(["brändi", "vienti", "myynti"])})
    assert not any("without enough supply" in f for f in report.findings)
    assert any("none of the register's 3 workshops" in w for w in report.warnings)


def test_a_true_gap_is_still_a_finding():
    report = content({"coverage": coverage([3, 2, 0]), "workshops": register(["sales"] * 3 + ["branding"] * 2)})
    assert any("without enough supply: Export" in f for f in report.findings)
    assert report.warnings == []


def test_a_zero_share_for_a_theme_with_answers_is_a_warning():
    ranking = pd.DataFrame({"theme": ["sales", "finance"], "theme_name": ["Sales", "Finance"], "companies": [10, 0],
                            "respondents": [30, 30], "share": [10 / 30, 0.0], "ci_low": [0.2, 0.0],
                            "ci_high": [0.5, 0.1], "rank": [1, 2], "tier": [1, 2]})
    options = pd.DataFrame({"question_id": ["q5", "q5"], "option": ["Myynti", "Talous ja rahoitus"],
                            "theme": ["sales", "finance"], "theme_name": ["Sales", "Finance"], "companies": [10, 6],
                            "base": [30, 30], "share": [1 / 3, 0.2], "ci_low": [0.2, 0.1], "ci_high": [0.5, 0.4]})
    report = content({"theme_ranking": ranking, "option_ranking": options})
    assert any("0 % for Finance" in w and "6 answers" in w for w in report.warnings)


def test_an_all_zero_ranking_with_answers_is_not_a_finding():
    ranking = pd.DataFrame({"theme": ["sales"], "theme_name": ["Sales"], "companies": [0], "respondents": [30],
                            "share": [0.0], "ci_low": [0.0], "ci_high": [0.1], "rank": [1], "tier": [1]})
    open_share = pd.DataFrame({"theme": ["sales"], "theme_name": ["Sales"], "answers": [7], "n": [20],
                               "share": [0.35], "ci_low": [0.2], "ci_high": [0.5]})
    report = report_content({"theme_ranking": ranking, "open_theme_share": open_share}, {"theme_ranking": b"png"},
                            META, "en")
    assert not any(f.startswith("Most wanted") for f in report.findings)
    assert any("no company in any theme" in w for w in report.warnings)


def test_warnings_are_rendered_in_markdown_and_html():
    from pipeline.report.html import summary_html
    from pipeline.report.md import summary_md

    report = content({"coverage": coverage([0, 0, 0]), "workshops": register(["brändi"])})
    assert b"## Data warnings" in summary_md(report)
    assert b'id="warnings"' in summary_html(report)


def test_every_share_in_a_finding_carries_its_interval_and_n():
    # the competence, need-vs-competence and improvement headlines used to print a bare share
    likert = pd.DataFrame({"question_id": ["q6", "q6"], "question": ["Competence", "Competence"],
                           "item": ["Sales", "Branding"], "n": [23, 23], "n_dont_know": [0, 0], "top2": [2, 8],
                           "share": [2 / 23, 8 / 23], "ci_low": [0.02, 0.19], "ci_high": [0.27, 0.55],
                           "median_score": [3, 3], "median_label": ["Neither", "Neither"]})
    need = pd.DataFrame({"theme": ["sales"], "theme_name": ["Sales"], "companies": [24], "respondents": [26],
                         "demand_share": [24 / 26], "demand_ci_low": [0.76], "demand_ci_high": [0.98],
                         "question_id": ["q6"], "item": ["Sales"], "competence_n": [23], "competence_top2": [2],
                         "competence_share": [2 / 23], "competence_ci_low": [0.02], "competence_ci_high": [0.27]})
    themes = pd.DataFrame({"scope": ["overall"], "workshop_id": [None], "prompt": ["improve"],
                           "theme": ["practicality"], "theme_name": ["Practicality"], "comments": [20], "base": [56],
                           "share": [20 / 56], "ci_low": [0.24], "ci_high": [0.49], "is_small_n": [False]})
    report = report_content({"likert_summary": likert, "need_vs_competence": need, "feedback_themes": themes},
                            {"likert_competence": b"png", "need_vs_competence": b"png", "feedback_themes": b"png"},
                            META, "en")
    strongest = next(f for f in report.findings if f.startswith("Strongest competence"))
    assert "Branding (35% answered" in strongest and strongest.endswith("; 95% CI 19–55%; n = 23)")
    gap = next(f for f in report.findings if f.startswith("Largest gap"))
    assert "demand 92%, 95% CI 76–98%, n = 26" in gap and "competence 9%, 95% CI 2–27%, n = 23" in gap
    improve = next(f for f in report.findings if f.startswith("Most often named to improve"))
    assert "Practicality (36% of comments; 95% CI 24–49%; n = 56)" in improve


def test_problems_met_in_the_feedback_inputs_are_data_warnings():
    # more responses than participants left a blank response rate with no word in the summary
    problems = pd.DataFrame({"source": ["workshops register"] * 3 + ["feedback_W02.csv"],
                             "workshop_id": ["W01", "W04", "W04", None],
                             "problem": ["responses_over_participants", "participants_unknown",
                                         "participants_unknown", "no_workshop"],
                             "responses": [20, 3, 1, 2], "detail": ["…"] * 4})
    report = content({"feedback_problems": problems})
    # the ids named as workshops since QA round 29 (": 5" was read as five responses)
    assert report.warnings == [
        "Check the data: More responses than participants: workshop W01 (the rows are in feedback_problems.csv).",
        "Check the data: Workshop without a participant figure: workshop W04 (the rows are in "
        "feedback_problems.csv).",
        "Check the data: Feedback that does not say which workshop it is about (the rows are in "
        "feedback_problems.csv)."]
    assert content({"feedback_problems": problems.iloc[0:0]}).warnings == []


def test_the_largest_gap_is_not_named_when_a_paired_share_is_hidden_and_one_theme_is_not_compared_with_itself():
    need = pd.DataFrame({"theme": ["sales", "branding"], "theme_name": ["Sales", "Branding"], "companies": [24, 16],
                         "respondents": [26, 26], "demand_share": [24 / 26, 16 / 26], "demand_ci_low": [0.76, 0.43],
                         "demand_ci_high": [0.98, 0.78], "question_id": ["q6", "q6"], "item": ["Sales", "Brand"],
                         "competence_n": [23, 23], "competence_top2": pd.array([None, 8], dtype="Int64"),
                         "competence_share": [float("nan"), 8 / 23], "competence_ci_low": [float("nan"), 0.19],
                         "competence_ci_high": [float("nan"), 0.55]})
    report = report_content({"need_vs_competence": need}, {"need_vs_competence": b"png"}, META, "en")
    # the public edition hid sales' competence: branding's gap is not the largest, so no gap is named
    assert not any(f.startswith("Largest gap") for f in report.findings)
    shown = need.assign(competence_top2=pd.array([2, 8], dtype="Int64"), competence_share=[2 / 23, 8 / 23],
                        competence_ci_low=[0.02, 0.19], competence_ci_high=[0.27, 0.55])
    report = report_content({"need_vs_competence": shown}, {"need_vs_competence": b"png"}, META, "en")
    assert any(f.startswith("Largest gap between need and competence: Sales") for f in report.findings)
    funnel = pd.DataFrame({"theme": ["sales", "branding"], "theme_name": ["Sales", "Branding"], "asked": [17, 11],
                           "traced": [17, 11], "attended": pd.array([3, None], dtype="Int64"),
                           "share": [3 / 17, float("nan")], "ci_low": [0.06, float("nan")],
                           "ci_high": [0.41, float("nan")]})
    report = report_content({"funnel": funnel}, {"funnel": b"png"}, META, "en")
    finding = next(f for f in report.findings if f.startswith("Of the companies that asked for Sales"))
    assert finding.endswith("3 of 17 attended a workshop on it (6–41%).") and finding.count("Sales") == 1


def test_a_theme_nobody_asked_for_is_not_recommended_though_no_test_split_its_tier():
    ranking = pd.DataFrame({"theme": ["sales", "ecommerce"], "theme_name": ["Sales", "E-commerce"],
                            "companies": [3, 0], "respondents": [8, 8], "share": [3 / 8, 0.0], "ci_low": [0.14, 0.0],
                            "ci_high": [0.69, 0.32], "rank": [1, 2], "tier": [1, 1]})
    report = report_content({"theme_ranking": ranking}, {}, META, "en")
    block = next(b for s in report.sections for b in s.blocks if b.key == "recommended")
    assert [b.text for b in block.bullets] == ["Sales: 38% of companies (95% CI 14–69%; 3 companies)"]


def test_without_demand_figures_no_theme_is_said_to_be_covered():
    # a needs survey with no theme question gave every theme no demand, and "every top theme had workshops"
    empty_demand = coverage([1, 0, 0]).assign(demand_share=[float("nan")] * 3, is_unmet=[False] * 3)
    report = content({"coverage": empty_demand, "workshops": register(["sales"])})
    assert not any("Every top theme" in f for f in report.findings)
    assert any("Every top theme" in f for f in content({"coverage": coverage([3, 2, 2])}).findings)


def test_responses_outside_the_response_rate_are_said_beside_it():
    # 117 responses, 8 of them from the one workshop whose participants are known: "8 of 23" alone hid 109
    overall = pd.DataFrame({"workshops": [2], "workshops_with_feedback": [2], "responses": [117],
                            "participants_rate_known": [23], "responses_rate_known": [8], "response_rate": [8 / 23],
                            "participants_low_rate_known": [23], "response_rate_high": [8 / 23]})
    def finding(table):
        report = report_content({"feedback_overall": table}, {"response_rate": b"png"}, META, "en")
        return next(f for f in report.findings if f.startswith("Feedback from"))


    assert finding(overall) == ("Feedback from 8 of 23 participants (35%); 109 of all 117 responses come from "
                                "workshops whose participant figure is missing or smaller than their responses")
    assert finding(overall.assign(responses=[8])) == "Feedback from 8 of 23 participants (35%)"


def test_the_method_note_says_the_steering_edition_shows_survey_totals_in_full():
    # it said cells of 1-2 companies are not published while the steering edition's question tables showed them
    from pipeline.report.content import Formatter, method_paragraphs
    from pipeline.i18n import Messages

    meta = {**META, "min_count": 3, "min_base": 5, "protection_interval": 3}
    steering = method_paragraphs({**meta, "edition": "steering"}, Formatter(Messages("en")))
    public = method_paragraphs({**meta, "edition": "public"}, Formatter(Messages("en")))
    assert any("shown in full, counts of 1–2 included" in p for p in steering)
    assert not any("shown in full" in p for p in public)
