"""WP3 charts (pipeline.charts.feedback): each returns a Figure stating its n and question, in every language."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from pipeline import schemas
from pipeline.charts import CHARTS
from pipeline.charts.feedback import (demand_supply_chart, feedback_themes_chart, impact_chart,
                                      participation_timeline_chart, response_rate_chart, satisfaction_chart)
from pipeline.i18n import MESSAGES_DIR, Messages

FI = Messages("fi")


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text)]


TIMELINE = schemas.conform(pd.DataFrame({
    "month": pd.to_datetime(["2022-02-01", "2022-03-01", "2022-04-01"]), "workshops": [2, 0, 1],
    "workshops_participants_unknown": [0, 0, 1], "participations": [78, 0, 0],
    "cumulative_participations": [78, 78, 78]}), "participation_timeline")

SUMMARY = schemas.conform(pd.DataFrame({
    "workshop_id": ["W1", "W2", "W3", "W4"], "title": ["Canva", "Myynti", "Some", "Verkkokauppa"],
    "date": pd.to_datetime(["2022-02-10", "2022-03-01", "2022-05-01", "2022-09-01"]),
    "participants": [10, None, 20, 13], "responses": [3, 6, 8, 0], "response_rate": [0.3, np.nan, 0.4, np.nan],
    "response_rate_high": [0.3, np.nan, 0.4, np.nan], "is_rate_known": [True, False, True, True], "is_surveyed": [True, True, True, False],
    **{c: 0 for c in ("satisfaction_n", "n_1", "n_2", "n_3", "n_4", "n_5", "usefulness_n", "practicality_n", "nps_n",
                      "n_promoters", "n_passives", "n_detractors", "comments")},
    **{c: np.nan for c in ("top2_share", "ci_low", "ci_high", "median", "usefulness_top2_share", "usefulness_ci_low",
                           "usefulness_ci_high", "usefulness_median", "practicality_top2_share",
                           "practicality_ci_low", "practicality_ci_high", "practicality_median", "nps", "nps_ci_low",
                           "nps_ci_high")},
    "is_small_n": [True, False, False, True]}), "feedback_summary")

DISTRIBUTION = schemas.conform(pd.DataFrame({
    "workshop_id": ["W1"] * 5 + ["W3"] * 5, "title": ["Canva"] * 5 + ["Some"] * 5,
    "date": [pd.Timestamp("2022-02-10")] * 5 + [pd.Timestamp("2022-05-01")] * 5, "level": [1, 2, 3, 4, 5] * 2,
    "responses": [1, 0, 2, 0, 1, 0, 0, 1, 3, 4], "base": [4] * 5 + [8] * 5, "is_small_n": [True] * 5 + [False] * 5,
    "share": [0.25, 0, 0.5, 0, 0.25, 0, 0, 0.125, 0.375, 0.5]}), "feedback_distribution")

THEMES = schemas.conform(pd.DataFrame({
    "scope": ["overall"] * 4 + ["workshop"], "workshop_id": [None] * 4 + ["W1"],
    "prompt": ["good", "good", "improve", "all", "good"],
    "theme": ["trainer", "practicality", "practicality", "practicality", "trainer"],
    "theme_name": ["Kouluttaja"] + ["Käytännönläheisyys"] * 3 + ["Kouluttaja"],
    "comments": [5, 3, 4, 7, 2], "base": [8, 8, 6, 14, 3], "share": [5 / 8, 3 / 8, 4 / 6, 0.5, 2 / 3],
    "ci_low": [0.31, 0.14, 0.30, 0.27, 0.21], "ci_high": [0.86, 0.69, 0.90, 0.73, 0.94],
    "is_small_n": [False, False, False, False, True]}), "feedback_themes")

COVERAGE = schemas.conform(pd.DataFrame({
    "theme": ["sales", "software", "brand"], "theme_name": ["Myynti", "Ohjelmistointegraatiot", "Brändi"],
    "demand_share": [0.6, 0.5, 0.4], "demand_ci_low": [0.4, 0.3, 0.2], "demand_ci_high": [0.8, 0.7, 0.6],
    "demand_base": [26, 26, 26], "demand_rank": [1, 2, 3], "demand_tier": [1, 1, 2], "workshops": [5, 0, 3],
    "hours": [10.0, np.nan, 6.0], "workshops_hours_known": [5, 0, 3], "participations": [100, None, 40],
    "workshops_participants_known": [5, 0, 3], "is_unmet": [False, True, False]}), "coverage")

IMPACT = schemas.conform(pd.DataFrame({
    "measure": ["impact"] * 4 + ["contacts"] * 3 + ["impact_text"],
    "answer": ["yes", "partly", "no", "yes_or_partly", "yes", "partly", "no", "answered"],
    "kirkpatrick_level": ["behaviour"] * 4 + ["results"] * 3 + ["behaviour"],
    "companies": [4, 3, 3, 7, 1, 0, 3, 2], "base": [10, 10, 10, 10, 4, 4, 4, 10],
    "share": [0.4, 0.3, 0.3, 0.7, 0.25, 0, 0.75, 0.2], "ci_low": [0.17, 0.11, 0.11, 0.3968, 0.05, 0, 0.3, 0.06],
    "ci_high": [0.69, 0.6, 0.6, 0.89, 0.7, 0.49, 0.95, 0.51],
    "is_small_n": [False] * 4 + [True] * 3 + [False]}), "impact_summary")

CASES = [(participation_timeline_chart, TIMELINE, "n = 78 osallistumista 3 työpajassa", "Työpajarekisteri"),
         (response_rate_chart, SUMMARY, "n = 17", "Kysymys: Palautevastaukset"),
         (satisfaction_chart, DISTRIBUTION, "n = 12", "Kysymys: Kuinka tyytyväinen"),
         (feedback_themes_chart, THEMES, "n = 14", "Kysymys: Avoimet kysymykset"),
         (demand_supply_chart, COVERAGE, "n = 26", "Kysymys: Kysyntä"),
         (impact_chart, IMPACT, "n = 10", "Kysymys: Vaikuttavuuskysely")]
IDS = [c[0].__name__ for c in CASES]


@pytest.mark.parametrize("chart, table, n_text, question", CASES, ids=IDS)
def test_chart_returns_figure_with_n_and_question(chart, table, n_text, question):
    fig = chart(table, FI)
    assert isinstance(fig, Figure)
    found = "\n".join(texts(fig))
    assert n_text in found and question in found


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_charts_draw_in_every_language(lang):
    msgs = Messages(lang)
    for chart, table, n_text, _ in CASES:
        found = "\n".join(texts(chart(table, msgs)))
        assert "Kysymys" not in found and " ".join(n_text.split()[:3]) in found  # "n = 78"
        if chart is not participation_timeline_chart:
            assert msgs("feedback.chart.question", question="") in found


@pytest.mark.parametrize("chart, table, n_text, question", CASES, ids=IDS)
def test_empty_table_gives_a_figure(chart, table, n_text, question):
    assert FI("feedback.chart.empty") in texts(chart(table.iloc[0:0], FI))


def test_satisfaction_bars_diverge_around_the_neutral_three():
    fig = satisfaction_chart(DISTRIBUTION, FI)
    bars = [p for p in fig.axes[0].patches if isinstance(p, Rectangle) and p.get_width() > 0]
    canva = sorted((round(b.get_x(), 6), round(b.get_width(), 6)) for b in bars if abs(b.get_y() + 0.35 - 1) < 1e-9)
    # Canva (top row, y = 1): 1 -> 25 %, 3 -> 50 % split across zero, 5 -> 25 %
    assert canva == [(-50.0, 25.0), (-25.0, 50.0), (25.0, 25.0)]
    hatched = {b.get_hatch() for b in bars if abs(b.get_y() + 0.35 - 1) < 1e-9}
    assert hatched == {"///"}
    found = texts(fig)
    assert "Canva (10.2.2022), n = 4" in found and FI("feedback.chart.small_n") in "\n".join(found)


def test_response_rate_says_why_a_rate_is_missing():
    found = texts(response_rate_chart(SUMMARY, FI))
    assert {"3/10", "8/20", "osallistujamäärä ei tiedossa", "ei palautekyselyä"} <= set(found)


def test_response_rate_says_when_the_responses_outnumber_the_participants():
    # a workshop with 20 responses and 13 participants in the register was labelled "participants not known"
    over = SUMMARY.assign(participants=pd.array([10, 5, 20, 13], dtype=SUMMARY["participants"].dtype))
    found = texts(response_rate_chart(over, FI))
    assert "enemmän vastauksia kuin osallistujia" in found and "osallistujamäärä ei tiedossa" not in found


def test_timeline_footer_counts_workshops_without_participants():
    assert FI("feedback.chart.timeline.unknown", k=1) in "\n".join(texts(participation_timeline_chart(TIMELINE, FI)))


def test_feedback_themes_chart_shows_both_prompts_and_counts():
    found = texts(feedback_themes_chart(THEMES, FI))
    assert {"Mikä oli hyvää (n = 8)", "Mitä kehittää (n = 6)", "5/8", "4/6"} <= set(found)


def test_demand_supply_marks_unmet_need_in_words():
    found = texts(demand_supply_chart(COVERAGE, FI))
    assert found.count(FI("feedback.chart.demand_supply.unmet")) == 2  # legend and the software row
    assert "5 (100 osallistumista)" in found


def test_impact_chart_writes_combined_share_with_interval():
    found = "\n".join(texts(impact_chart(IMPACT, FI)))
    assert "70 %\n(40–89 %)" in found and "Edisti kehittämistoimenpiteitä (n = 10)" in found


def test_impact_chart_draws_a_measure_the_public_edition_hides_as_a_grey_block():
    """A QA project's public run crashed drawing this chart (NaN shares of a measure with a count of 1): the
    hidden measure is a ':c' bar with its n, the note says why, and the other measure is drawn as before."""
    from pipeline.disclosure import published_impact

    hidden = published_impact(IMPACT, {"min_count": 3, "min_base": 3})
    assert hidden.loc[hidden["measure"] == "contacts", "share"].isna().all()
    found = texts(impact_chart(hidden, FI))
    assert found.count(":c") == 2 and FI("needs.chart.suppressed_note") in "\n".join(found)
    assert "70 %\n(40–89 %)" in found and any("(n = 4)" in t for t in found)


def test_registry_maps_stems_to_feedback_tables():
    expected = {"participation_timeline": "participation_timeline", "response_rate": "feedback_summary",
                "satisfaction": "feedback_distribution", "feedback_themes": "feedback_themes",
                "demand_supply": "coverage", "impact": "impact_summary"}
    assert {stem: CHARTS[stem][1] for stem in expected} == expected
    assert all(table in schemas.SCHEMAS for table in expected.values())


def test_message_files_have_the_same_feedback_keys():
    keys = [set(yaml.safe_load((MESSAGES_DIR / lang / "feedback.yaml").read_text(encoding="utf-8")))
            for lang in ("fi", "sv", "en")]
    assert keys[0] == keys[1] == keys[2]
    assert all(k.startswith("feedback.") for k in keys[0])


def test_every_feedback_chart_draws_from_the_analysis_tables():
    from pipeline.analysis.feedback import feedback_tables
    from pipeline.ingest.register import workshop_register
    from pipeline.config import defaults
    from pipeline.survey import Survey

    questions = schemas.conform(pd.DataFrame({
        "question_id": ["q1", "q2"], "text": ["Tyytyväisyys", "Suosittelisitko"], "type": ["number", "number"],
        "columns": [["q1"], ["q2"]], "options": [[], []], "role": ["satisfaction", "recommend"]}), "questions")
    answers = schemas.conform(pd.DataFrame({
        "respondent_id": ["a", "a", "b", "b"], "question_id": ["q1", "q2", "q1", "q2"], "item": "",
        "value": ["5", "10", "2", "3"], "text": None, "score": [5.0, 10.0, 2.0, 3.0], "is_dont_know": False}),
        "answers")
    respondents = schemas.conform(pd.DataFrame({"respondent_id": ["a", "b"], "company_id": ["a", "b"],
                                                "source_row": [2, 3], "submitted_at": pd.NaT}), "respondents")
    fb = Survey("a.csv", "googleforms", "utf-8", ",", 1, questions, respondents, answers, schemas.empty("rejected"))
    register = workshop_register(pd.DataFrame({
        "workshop_id": ["W1", "W2"], "date": ["2022-02-10", "2022-04-01"], "title": ["Canva", "Myynti"],
        "themes": ["brand", ""], "format": "onsite", "participants": ["10", ""]}))
    demand = pd.DataFrame({"theme": ["brand", "sales"], "share": [0.5, 0.4], "ci_low": [0.3, 0.2],
                           "ci_high": [0.7, 0.6], "respondents": 26, "rank": [1, 2], "tier": [1, 1]})
    tables = feedback_tables(register, [("W1", fb)], None, schemas.empty("codes"), schemas.empty("texts"), demand,
                             defaults()["analysis"], {})
    drawn = 0
    for stem, (draw, table_name) in CHARTS.items():
        if draw.__module__ != "pipeline.charts.feedback":
            continue
        fig = draw(tables[table_name], FI)
        assert isinstance(fig, Figure)
        drawn += 1
    assert drawn == 6


def test_the_impact_chart_is_captioned_with_the_question_of_each_measure_it_draws():
    """QA round 29: a survey that asked only about new contacts had its chart captioned with the development-
    measures question too."""
    both = " ".join(" ".join(texts(impact_chart(IMPACT, FI))).split())      # the caption is wrapped
    contacts = " ".join(" ".join(texts(impact_chart(IMPACT[IMPACT["measure"] == "contacts"], FI))).split())
    assert FI("feedback.chart.impact.question") in both
    assert FI("feedback.chart.impact.question_contacts") in contacts
    assert FI("feedback.chart.impact.question_impact") not in contacts
