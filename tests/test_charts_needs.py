"""WP1 charts (pipeline.charts.needs): each returns a Figure stating its n and question, in every language."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml
from matplotlib.figure import Figure
from matplotlib.text import Text

from pipeline import schemas
from pipeline.charts import CHARTS
from pipeline.charts.needs import (export_readiness_chart, likert_chart, need_vs_competence_chart,
                                   segment_heatmap_chart, theme_ranking_chart)
from pipeline.i18n import MESSAGES_DIR, Messages

FI = Messages("fi")


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text)]


RANKING = schemas.conform(pd.DataFrame({
    "theme": ["sales", "export", "other"], "theme_name": ["Myynti", "Vienti", "Muu"], "companies": [12, 7, 2],
    "companies_uncertain": [0, 1, 0],
    "respondents": 26, "share": [12 / 26, 7 / 26, 2 / 26], "ci_low": [0.29, 0.14, 0.02],
    "ci_high": [0.64, 0.46, 0.24], "rank": [1, 2, pd.NA], "rank_low": [1, 1, pd.NA], "rank_high": [2, 2, pd.NA],
    "p_top": [1.0, 0.9, np.nan], "tier": [1, 1, pd.NA]}), "theme_ranking")

SEGMENTS = schemas.conform(pd.DataFrame({
    "segment_type": ["municipality"] * 2 + ["sector"] * 2, "segment": ["Kokkola", "Kokkola", "Palvelut", "Palvelut"],
    "theme": ["sales", "export"] * 2, "theme_name": ["Myynti", "Vienti"] * 2, "companies": [8, pd.NA, 5, 3],
    "base": [14, 14, 9, 9], "share": [8 / 14, np.nan, 5 / 9, 3 / 9], "suppressed": [False, True, False, False],
    "ci_low": [0.33, np.nan, 0.27, 0.12], "ci_high": [0.78, np.nan, 0.81, 0.65], "members": ["Kokkola"] * 2 + [pd.NA] * 2}),
    "theme_by_segment")

SCALE = ["Heikko", "Välttävä", "Kohtalainen", "Hyvä", "Erinomainen"]
LIKERT = schemas.conform(pd.DataFrame({
    "question_id": "q6", "question": "Arvioi yrityksenne osaaminen", "item": ["Myynti"] * 6 + ["Vienti"] * 5,
    "label": SCALE + ["En osaa sanoa"] + SCALE, "score": [1.0, 2, 3, 4, 5, np.nan, 1, 2, 3, 4, 5],
    "is_dont_know": [False] * 5 + [True] + [False] * 5, "count": [1, 2, 3, 4, 2, 2, 0, 1, 1, 5, 6],
    "base": [12] * 5 + [14] + [13] * 5,
    "share": [1 / 12, 2 / 12, 3 / 12, 4 / 12, 2 / 12, 2 / 14, 0, 1 / 13, 1 / 13, 5 / 13, 6 / 13]}), "likert_distribution")

EXPORT = schemas.conform(pd.DataFrame({
    "segment_type": ["all"] * 3 + ["sector"] * 3, "segment": ["all"] * 3 + ["Palvelut"] * 3,
    "answer": ["yes", "maybe", "no"] * 2, "companies": [6, 9, 11, pd.NA, 4, pd.NA], "base": [26] * 3 + [8] * 3,
    "share": [6 / 26, 9 / 26, 11 / 26, np.nan, 0.5, np.nan], "ci_low": [0.11, 0.19, 0.26, np.nan, 0.22, np.nan],
    "ci_high": [0.42, 0.54, 0.61, np.nan, 0.78, np.nan], "suppressed": [False] * 3 + [True, False, True],
    "question": "Haluatteko kehittää vientiä?"}), "export_readiness")

NVC = schemas.conform(pd.DataFrame({
    "theme": ["sales"], "theme_name": ["Myynti"], "companies": [12], "respondents": [26], "demand_share": [12 / 26],
    "demand_ci_low": [0.29], "demand_ci_high": [0.64], "question_id": ["q6"], "item": ["Myynti"],
    "competence_n": [12], "competence_top2": [6], "competence_share": [0.5], "competence_ci_low": [0.25],
    "competence_ci_high": [0.75]}), "need_vs_competence")

CASES = [(theme_ranking_chart, RANKING, "n = 26"), (segment_heatmap_chart, SEGMENTS, "n = 9–14"),
         (likert_chart, LIKERT, "n = 12–13"), (export_readiness_chart, EXPORT, "n = 26"),
         (need_vs_competence_chart, NVC, "n = 26 · n = 12")]


@pytest.mark.parametrize("chart, table, n_text", CASES, ids=[c[0].__name__ for c in CASES])
def test_chart_returns_figure_with_n_and_question(chart, table, n_text):
    fig = chart(table, FI)
    assert isinstance(fig, Figure)
    found = "\n".join(texts(fig))
    assert n_text in found
    assert "Kysymys:" in found


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_charts_draw_in_every_language(lang):
    msgs = Messages(lang)
    for chart, table, _ in CASES:
        found = "\n".join(texts(chart(table, msgs)))
        assert "Kysymys" not in found and msgs("needs.chart.question", question="")[:4] in found


def test_heatmap_marks_suppressed_cell_and_states_why():
    found = texts(segment_heatmap_chart(SEGMENTS, FI))
    assert found.count(":c") == 1
    # the footer wraps: compare its words
    assert " ".join(FI("needs.chart.suppressed_note").split()) in " ".join(" ".join(found).split())
    assert "57 %" in found  # 8 of 14, the published Kokkola cell


def test_ranking_shows_counts_and_tier_legend():
    found = texts(theme_ranking_chart(RANKING, FI))
    assert {"12/26", "7/26", "2/26", "Taso 1", "Ei sijoitettu"} <= set(found)


def test_likert_question_and_dont_know_panel():
    found = texts(likert_chart(LIKERT, FI))
    assert "Kysymys: Arvioi yrityksenne osaaminen" in "\n".join(found)
    assert "Myynti (n = 12)" in found and "En osaa sanoa" in found


def test_export_chart_hides_suppressed_share():
    found = texts(export_readiness_chart(EXPORT, FI))
    assert ":c" in found and "Palvelut (n = 8)" in found and "Kaikki (n = 26)" in found


@pytest.mark.parametrize("chart, table, n_text", CASES, ids=[c[0].__name__ for c in CASES])
def test_empty_table_gives_a_figure(chart, table, n_text):
    fig = chart(table.iloc[0:0], FI)
    assert FI("needs.chart.empty") in texts(fig)


def test_registry_maps_stems_to_needs_tables():
    expected = {"theme_ranking": "theme_ranking", "segment_heatmap": "theme_by_segment",
                "likert_competence": "likert_distribution", "export_readiness": "export_readiness",
                "need_vs_competence": "need_vs_competence"}
    assert {stem: CHARTS[stem][1] for stem in expected} == expected
    assert all(table in schemas.SCHEMAS for _, table in CHARTS.values() if table in expected.values())


def test_message_files_have_the_same_needs_keys():
    keys = [set(yaml.safe_load((MESSAGES_DIR / lang / "needs.yaml").read_text(encoding="utf-8")))
            for lang in ("fi", "sv", "en")]
    assert keys[0] == keys[1] == keys[2]
    assert all(k.startswith("needs.") for k in keys[0])


def test_other_theme_reads_as_catalogue_word():
    table = RANKING.assign(theme_name=["Myynti", "Vienti", "other"])
    found = texts(theme_ranking_chart(table, FI))
    assert "Muu tai ei luokiteltavissa" in found and "other" not in found
