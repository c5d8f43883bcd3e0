"""Report wording found wrong by a QA run on real-text projects (2026-12-02): praise taken for the most wanted
improvement, respondents given where companies were counted."""
from __future__ import annotations

import pandas as pd

from pipeline.coding.taxonomy import load_taxonomy
from pipeline.i18n import Messages
from pipeline.report.content import Formatter, meta_lines, method_paragraphs, with_companies
from pipeline.report.headlines import feedback_themes

META = {"confidence": 0.95}


def improve(rows: list[tuple[str, int]], base: int) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["theme", "comments"])
    return frame.assign(scope="overall", workshop_id=pd.NA, prompt="improve", theme_name=frame["theme"].str.title(),
                        base=base, share=frame["comments"] / base, ci_low=0.05, ci_high=0.6, is_small_n=False)


def test_the_improvement_headline_passes_over_praise():
    # 4 of 9 "what to improve" comments only praised the course ("Todella hyödyllinen kurssi.")
    tables = {"feedback_themes": improve([("positive", 4), ("organisation", 2), ("communication", 1)], 9)}
    praise = load_taxonomy("feedback").praise
    assert praise == ["positive"]
    fmt = Formatter(Messages("en"))
    line = feedback_themes(tables, {**META, "praise_themes": praise}, fmt, {})
    assert "Organisation" in line and "Positive" not in line
    assert "Positive" in feedback_themes(tables, META, fmt, {})     # no taxonomy said what praise is


def test_respondents_and_companies_are_both_named_when_a_company_answered_twice():
    ranking = pd.DataFrame({"theme": ["sales"], "companies": [18], "respondents": [26]})
    fmt = Formatter(Messages("en"))
    meta = with_companies({"theme_ranking": ranking}, {"respondents": 27})
    assert meta_lines(meta, fmt) == ["Respondents: 27 (26 companies)"]
    assert method_paragraphs(meta, fmt)[0].startswith("27 respondents from 26 companies answered")
    same = with_companies({"theme_ranking": ranking}, {"respondents": 26})
    assert meta_lines(same, fmt) == ["Respondents: 26"]


def _segment_rows(rows: list[tuple[str, str, int, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["segment_type", "segment", "companies", "base"])
    return frame.assign(theme="sales", theme_name="Sales", share=frame["companies"] / frame["base"],
                        suppressed=False, ci_low=0.1, ci_high=0.9, members=pd.NA)


def test_a_pool_of_a_sub_regions_small_municipalities_is_named_as_such():
    # Kaustinen (8) on its own, the sub-region's five small municipalities pooled (11) under the sub-region's
    # name, and the sub-region itself (19): two columns of one name with two different n
    from pipeline.report.content import segment_tables

    frame = _segment_rows([("municipality", "Kaustinen", 5, 8), ("municipality", "Kaustisen seutukunta", 6, 11),
                           ("subregion", "Kaustisen seutukunta", 11, 19)])
    fmt = Formatter(Messages("en"))
    municipalities, subregions = segment_tables(frame, fmt, {}, ["sales"])
    assert municipalities.headers[1:] == ["Kaustinen (n = 8)", "Kaustisen seutukunta: other municipalities (n = 11)"]
    assert subregions.headers[1:] == ["Kaustisen seutukunta (n = 19)"]


def test_the_hidden_cell_count_counts_the_cells_shown_once():
    # a municipality block that merged into its sub-region repeats it; the chart and tables show it once
    from pipeline.report.headlines import segment_heatmap

    frame = _segment_rows([("municipality", "Kaustisen seutukunta", 6, 11), ("subregion", "Kaustisen seutukunta", 6, 11),
                           ("size", "1", 1, 4)]).assign(suppressed=[False, False, True])
    line = segment_heatmap({"theme_by_segment": frame}, {}, Formatter(Messages("en")), {})
    assert line.startswith("1/2 cells")


def test_one_request_for_swedish_service_is_one_answer():
    from pipeline.charts.linking import language_headline

    frame = pd.DataFrame({"measure": ["service_requests"], "language": ["sv"], "value": [1], "base": [67],
                          "share": [1 / 67], "ci_low": [0.0], "ci_high": [0.1]})
    line = language_headline({"language": frame}, {}, Formatter(Messages("fi")), {})
    assert "1 avovastaus pyytää palvelua ruotsiksi" in line
    line = language_headline({"language": frame.assign(value=[2])}, {}, Formatter(Messages("fi")), {})
    assert "2 avovastausta pyytää" in line
