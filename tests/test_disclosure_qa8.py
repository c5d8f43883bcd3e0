"""The public edition, QA round 8 (2026-12-03): figures that told a hidden count from another table (the
uncertain companies from the interval, the don't-know count from the summary, the companies that named a
theme only in their own words from the option table, the one company in a funnel impact figure), microdata
and every open answer in a public run's files, and charts that drew a hidden figure wrongly."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from pipeline import outputs
from pipeline.analysis.stats import wilson_interval
from pipeline.charts.linking import funnel_chart
from pipeline.charts.needs import likert_chart
from pipeline.disclosure import disclosed, published, small_figures
from pipeline.i18n import Messages
from pipeline.report import edition_tables
from pipeline.report.content import method_paragraphs, Formatter
from pipeline.runner import output_files

from conftest import StubResults

PUBLIC = {"edition": "public", "min_count": 3, "min_base": 5, "min_responses": 5, "protection_interval": 3,
          "confidence": 0.95}
STEERING = {**PUBLIC, "edition": "steering"}


def _ranking() -> pd.DataFrame:
    # sales: 10 companies of 24, 2 of them only through uncertain codes; data: 6, none uncertain
    counts, uncertain = np.array([10, 6]), np.array([2, 0])
    low = wilson_interval(counts - uncertain, 24)[0]
    high = wilson_interval(counts, 24)[1]
    return pd.DataFrame({"theme": ["sales", "data"], "theme_name": ["Sales", "Data"], "companies": counts,
                         "companies_uncertain": pd.array(uncertain, dtype="Int64"), "respondents": 24,
                         "share": counts / 24, "ci_low": low, "ci_high": high})


def test_a_hidden_uncertain_count_is_not_told_by_the_intervals_lower_bound():
    """QA8: ci_low = Wilson(companies - uncertain) beside companies gave the hidden "of which uncertain: 2"."""
    ranking = _ranking()
    public = published({"theme_ranking": ranking}, PUBLIC)["theme_ranking"]
    one_uncertain = published({"theme_ranking": ranking.assign(
        companies_uncertain=pd.array([1, 0], dtype="Int64"),
        ci_low=wilson_interval(np.array([9, 6]), 24)[0])}, PUBLIC)["theme_ranking"]
    # 1 or 2 uncertain: the same published bound, the one without the most the hidden count can be
    assert public["ci_low"].tolist() == one_uncertain["ci_low"].tolist()
    assert public["ci_low"].tolist() == [wilson_interval(8, 24)[0], ranking.at[1, "ci_low"]]
    assert public["companies_uncertain"].isna().tolist() == [True, False]
    steering = published({"theme_ranking": ranking}, STEERING)["theme_ranking"]
    pd.testing.assert_frame_equal(steering, ranking)


def test_an_option_one_or_two_companies_short_of_its_theme_is_hidden_in_public():
    """QA8: theme 10 companies, its option 8: two named the theme only in their own words."""
    options = pd.DataFrame({"question_id": "q4", "option": ["Myynti", "Data"], "theme": ["sales", "data"],
                            "theme_name": ["Sales", "Data"], "companies": [8, 6], "base": 22,
                            "share": [8 / 22, 6 / 22], "ci_low": 0.1, "ci_high": 0.6})
    tables = {"theme_ranking": _ranking(), "option_ranking": options}
    assert small_figures(tables, PUBLIC).query("table == 'option_ranking'")[["row", "value"]].values.tolist() == [
        [0, 2.0]]
    public = published(tables, PUBLIC)
    # the hidden option last: left first, it would sit above the published 6 (6 or more)
    assert public["option_ranking"]["option"].tolist() == ["Data", "Myynti"]
    assert public["option_ranking"]["companies"].isna().tolist() == [False, True]
    assert public["option_ranking"]["share"].isna().tolist() == [False, True]
    assert small_figures(public, PUBLIC).query("table == 'option_ranking'").empty
    assert published(tables, STEERING)["option_ranking"]["companies"].tolist() == [8, 6]


def _likert(dont_know: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    counts = [3, 4, 5, 6]
    distribution = pd.DataFrame({
        "question_id": "q5", "item": "Myynti", "label": ["L1", "L2", "L3", "L4", "EOS"], "score": [1, 2, 3, 4, np.nan],
        "is_dont_know": [False] * 4 + [True], "count": counts + [dont_know],
        "base": [18] * 4 + [18 + dont_know], "share": [c / 18 for c in counts] + [dont_know / (18 + dont_know)]})
    summary = pd.DataFrame({"question_id": ["q5"], "item": ["Myynti"], "n": [18], "top2": [11],
                            "share": [11 / 18], "ci_low": [0.4], "ci_high": [0.8], "median_score": [3.0],
                            "median_label": ["L3"], "n_dont_know": pd.array([dont_know], dtype="Int64")})
    return distribution, summary


def test_the_summarys_dont_know_count_is_hidden_with_the_distributions():
    """QA8: likert_summary published n_dont_know 2 while likert_distribution hid the don't-know cell."""
    distribution, summary = _likert(2)
    steering_view = {"likert_distribution": distribution.assign(count=distribution["count"].where(
        ~distribution["is_dont_know"])), "likert_summary": summary}
    assert small_figures(steering_view, PUBLIC).query("table == 'likert_summary'")["column"].tolist() == [
        "n_dont_know"]
    public = published({"likert_distribution": distribution, "likert_summary": summary}, PUBLIC)
    assert public["likert_distribution"]["count"].isna().tolist()[-1]
    assert public["likert_summary"]["n_dont_know"].isna().tolist() == [True]
    assert small_figures(public, PUBLIC).query("table == 'likert_summary'").empty
    # a don't-know count the distribution publishes stays in the summary
    distribution, summary = _likert(7)
    assert published({"likert_distribution": distribution, "likert_summary": summary},
                     PUBLIC)["likert_summary"]["n_dont_know"].tolist() == [7]


def test_a_funnel_count_one_or_two_short_of_its_base_is_hidden():
    """QA8: impact 5 of 6 in the funnel told the one company that took nothing into use (the impact table hides
    it); the attendance share stays. Attendance 8 of 10 tells the two that stayed away, likewise."""
    frame = pd.DataFrame({"theme": ["sales"], "asked": [12], "traced": [10], "attended": [7], "impact_base": [6],
                          "impact_yes": [5], "attended_without_asking": [3], "share": [7 / 10], "ci_low": [0.45],
                          "ci_high": [0.94], "impact_share": [5 / 6], "impact_ci_low": [0.44],
                          "impact_ci_high": [0.97]})
    args = dict(counts=("asked", "traced", "attended", "impact_base", "impact_yes", "attended_without_asking"),
                bases={"traced": ("share", "ci_low", "ci_high"),
                       "impact_base": ("impact_share", "impact_ci_low", "impact_ci_high")},
                parts={"traced": ("attended",), "impact_base": ("impact_yes",)},
                no_zero=("attended_without_asking",), complement={"attended": "traced", "impact_yes": "impact_base"},
                within={"attended": ("impact_base", "impact_yes")})
    assert small_figures({"funnel": frame}, PUBLIC)["column"].tolist() == ["impact_base - impact_yes"]
    public = disclosed(frame, PUBLIC, **args)
    assert public[["impact_yes", "impact_share", "impact_ci_low"]].isna().all(axis=None)
    assert public[["attended", "share", "ci_low"]].notna().all(axis=None)
    assert not bool(public.at[0, "suppressed"])
    assert small_figures({"funnel": public}, PUBLIC).empty
    assert disclosed(frame, STEERING, **args)["impact_yes"].tolist() == [5]
    # 8 of 10 attending: the two that asked and stayed away are a count of two companies too
    stayed_away = frame.assign(attended=8, share=0.8)
    assert small_figures({"funnel": stayed_away}, PUBLIC)["column"].tolist() == ["traced - attended",
                                                                                 "impact_base - impact_yes"]
    public = disclosed(stayed_away, PUBLIC, **args)
    assert public[["attended", "share", "ci_low"]].isna().all(axis=None) and bool(public.at[0, "suppressed"])
    assert small_figures({"funnel": public}, PUBLIC).empty


def test_a_public_run_writes_no_microdata_to_processed(one_question_settings):
    """QA8: a public run's processed/ (published with its report) held every answer and company's themes."""
    settings = one_question_settings
    frame = pd.DataFrame({"x": [1]})
    results = StubResults({o.name: frame for o in outputs.written()}, report_tables={})
    skip = ["figures", "coding_review", "reports"]
    public = output_files(replace(settings, analysis={**settings.analysis, "edition": "public"}), results, skip)
    steering = output_files(settings, results, skip)
    left_out = {name for name, files in public.items() if not files}
    assert left_out == {"respondents", "answers", "texts", "codes", "company_themes", "company_links",
                        "company_routing", "option_counts", "input_problems"}  # (+ input_problems, QA round 19)
    assert all(steering[name] for name in left_out)
    assert public["theme_ranking"] and public["questions"]


def test_the_public_edition_lists_no_open_answers_and_says_where_they_are():
    """QA8: the public workbook's sheet of every open answer and its themes counted the hidden open-theme counts."""
    answers = pd.DataFrame({"text_id": ["a:q2"], "question": ["Tarpeet"], "text": ["Verkkokauppa"],
                            "themes": ["ecommerce"]})
    tables = {"open_answers": answers, "question_answers": answers, "quotes": answers.iloc[:0]}
    public = edition_tables(tables, {"edition": "public"}, "fi")
    assert set(public) == {"quotes"}
    steering = edition_tables(tables, {"edition": "steering"}, "fi")
    assert set(steering) == set(tables)
    fmt = Formatter(Messages("en"))
    said = Messages("en")("report.method.public_answers")
    assert said in method_paragraphs({"edition": "public"}, fmt)
    assert said not in method_paragraphs({"edition": "steering"}, fmt)


def _distribution(hidden: list[int], dont_know_hidden: bool = False) -> pd.DataFrame:
    counts = [2, 4, 6, 6]
    frame = pd.DataFrame({"question_id": "q5", "question": "Osaaminen", "item": "Myynti",
                          "label": ["L1", "L2", "L3", "L4", "EOS"], "score": [1, 2, 3, 4, np.nan],
                          "is_dont_know": [False] * 4 + [True], "count": counts + [5], "base": [18] * 4 + [23],
                          "share": [c / 18 for c in counts] + [5 / 23]})
    for pos in hidden + ([4] if dont_know_hidden else []):
        frame.loc[pos, ["count", "share"]] = np.nan
    return frame


def _grey_blocks(fig: Figure) -> list[tuple[float, float]]:
    ax = fig.axes[0]
    return [(p.get_x(), p.get_x() + p.get_width()) for p in ax.patches if p.get_hatch() == "//"]


def test_the_competence_chart_draws_hidden_low_answers_on_the_low_side():
    """QA8: a hidden "very weak" count was drawn as a grey block at the positive end of the bar."""
    msgs = Messages("en")
    low = _grey_blocks(likert_chart(_distribution([0]), msgs))
    # the bar's far left: the hidden "very weak" and "weak" (2 + 4 of 18) lie below the neutral point
    assert len(low) == 1 and np.isclose(low[0][0], -100 * 6 / 18) and np.isclose(low[0][1], -100 * 4 / 18)
    high = _grey_blocks(likert_chart(_distribution([3]), msgs))
    assert len(high) == 1 and high[0][0] > 0                        # hidden "very good": the right end
    assert _grey_blocks(likert_chart(_distribution([]), msgs)) == []


def test_a_hidden_dont_know_count_reads_c_not_zero():
    """QA8: the don't-know panel printed 0 for a hidden count."""
    msgs = Messages("en")
    texts = [t.get_text() for t in likert_chart(_distribution([], dont_know_hidden=True), msgs).axes[1].texts]
    assert texts == [":c"]
    texts = [t.get_text() for t in likert_chart(_distribution([]), msgs).axes[1].texts]
    assert texts == ["22"]


def test_the_funnel_chart_says_why_a_share_is_hidden():
    """QA8: a share hidden for its count (2 of 9 attended) said "too few companies with known attendance"."""
    msgs = Messages("en")
    frame = pd.DataFrame({"theme": ["sales", "data"], "theme_name": ["Sales", "Data"], "workshops": [2, 1],
                          "asked": [12, 6], "traced": [9.0, np.nan], "attended": [np.nan, np.nan],
                          "share": [np.nan, np.nan], "ci_low": np.nan, "ci_high": np.nan})
    texts = {t.get_text() for t in funnel_chart(frame, msgs).axes[0].texts}
    assert msgs("linking.chart.funnel.suppressed") in texts          # sales: 9 traced published
    assert msgs("linking.chart.funnel.hidden") in texts              # data: its base hidden


def _segments(rows: list[tuple[str, str, str, float, bool]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["segment_type", "segment", "theme", "share", "suppressed"])
    return frame.assign(theme_name=frame["theme"], companies=np.where(frame["suppressed"], np.nan, 5.0),
                        base=np.where(frame["suppressed"], np.nan, 10.0), ci_low=0.1, ci_high=0.9, members=pd.NA)


def test_a_segment_column_or_table_of_nothing_but_c_is_left_out_and_said_so():
    """QA8: a sub-region table whose every cell read ':c', and a sector column of only ':c', were printed."""
    from pipeline.report.content import hidden_segment_types, segment_tables

    frame = _segments([("subregion", "Kaustinen", "sales", np.nan, True), ("subregion", "Kokkola", "sales", np.nan, True),
                       ("sector", "Services", "sales", 0.9, False), ("sector", "Building", "sales", np.nan, True)])
    fmt = Formatter(Messages("en"))
    tables = segment_tables(frame, fmt, {}, ["sales"])
    assert [t.caption for t in tables] == ["By sector (1 left out: every figure :c)"]
    # each cell with its interval since QA round 27 (F8)
    assert tables[0].headers == ["Theme", "Services (n = 10)"] and tables[0].rows == [["sales", "90% (10–90%)"]]
    assert hidden_segment_types(frame, fmt) == [
        "By sub-region: every figure is hidden (:c), so its table is left out."]


def test_a_tie_for_most_wanted_names_every_tied_theme():
    """QA8: sales and branding both 8 of 14, the key finding named sales alone."""
    from pipeline.report.headlines import theme_ranking

    ranking = pd.DataFrame({"theme": ["sales", "branding", "data", "other"], "theme_name": ["Sales", "Branding", "Data", "Other"],
                            "rank": [1, 1, 3, np.nan], "share": [8 / 14, 8 / 14, 5 / 14, 8 / 14],
                            "ci_low": [0.33, 0.33, 0.16, 0.33], "ci_high": [0.78, 0.78, 0.61, 0.78]})
    fmt = Formatter(Messages("en"))
    line = theme_ranking({"theme_ranking": ranking}, {"confidence": 0.95}, fmt, {})
    assert line == "Most wanted, equally (57% each; 95% CI): Sales 33–78%, Branding 33–78%"
    line = theme_ranking({"theme_ranking": ranking.assign(share=[9 / 14, 8 / 14, 5 / 14, 8 / 14])},
                         {"confidence": 0.95}, fmt, {})
    assert line.startswith("Most wanted: Sales (64%")


def test_tied_runners_up_within_the_interval_are_both_named():
    """QA8: the improvement headline named one of two runners-up at the same share."""
    from pipeline.report.headlines import feedback_themes

    themes = pd.DataFrame({"scope": "overall", "prompt": "improve", "theme": ["pace", "trainer", "materials"],
                           "theme_name": ["Pace", "Trainer", "Materials"], "comments": [6, 5, 5], "base": 20,
                           "share": [0.30, 0.25, 0.25], "ci_low": 0.14, "ci_high": 0.52, "suppressed": False})
    line = feedback_themes({"feedback_themes": themes}, {"confidence": 0.95}, Formatter(Messages("en")), {})
    assert "then Trainer, Materials (25%)" in line


def test_the_kirkpatrick_n_of_a_rating_is_the_n_of_the_pooled_figure_shown():
    """QA8: the public Kirkpatrick table said satisfaction n = 156 beside a pooled satisfaction over 149 answers
    (the public edition pools only the workshops whose ratings it shows)."""
    from pipeline.analysis.feedback import _kirkpatrick

    columns = {"satisfaction_n": 156, "usefulness_n": 156, "practicality_n": 156, "nps_n": 156, "comments": 126}
    measured = pd.DataFrame([columns])
    shown = pd.DataFrame([{**columns, "satisfaction_n": 149, "usefulness_n": pd.NA, "nps_n": 0}], dtype="Int64")
    impact = pd.DataFrame(columns=["measure", "base"])
    table = _kirkpatrick(measured, pd.DataFrame(), impact, shown).set_index("note_key")
    assert table.loc["feedback.kp.satisfaction", "n"] == 149
    # withheld altogether (hidden or pooled over none): measured, on the answers given
    assert table.loc["feedback.kp.usefulness", "n"] == 156 and table.loc["feedback.kp.nps", "n"] == 156
    assert bool(table.loc["feedback.kp.nps", "is_measured"])
    steering = _kirkpatrick(measured, pd.DataFrame(), impact).set_index("note_key")
    assert steering.loc["feedback.kp.satisfaction", "n"] == 156


def test_a_single_improvement_theme_names_no_runner_up():
    """Found with the tie fix: with one theme, "then None (36%)" was printed as its runner-up."""
    from pipeline.report.headlines import feedback_themes

    themes = pd.DataFrame({"scope": ["overall"], "prompt": ["improve"], "theme": ["practicality"],
                           "theme_name": ["Practicality"], "comments": [20], "base": [56], "share": [20 / 56],
                           "ci_low": [0.24], "ci_high": [0.49], "suppressed": [False]})
    line = feedback_themes({"feedback_themes": themes}, {"confidence": 0.95}, Formatter(Messages("en")), {})
    assert line == "Most often named to improve: Practicality (36% of comments; 95% CI 24–49%; n = 56)"


def test_a_hidden_theme_total_keeps_no_rank_and_no_place_among_the_published():
    """Found beside QA8: a hidden theme total kept its rank, rank interval and tier, and its place in the sorted
    table, which bound it by its neighbours."""
    ranking = pd.DataFrame({"theme": ["sales", "ecommerce", "data", "other"], "theme_name": ["S", "E", "D", "O"],
                            "companies": [10, 2, 1, 4], "companies_uncertain": pd.array([0, 0, 0, 0], dtype="Int64"),
                            "respondents": 24, "share": [10 / 24, 2 / 24, 1 / 24, 4 / 24], "ci_low": 0.0,
                            "ci_high": 0.5, "rank": [1, 2, 3, np.nan], "rank_low": [1, 2, 2, np.nan],
                            "rank_high": [1, 3, 3, np.nan], "p_top": [1.0, 0.6, 0.4, np.nan],
                            "tier": pd.array([1, 2, 2, pd.NA], dtype="Int64")})
    public = published({"theme_ranking": ranking}, PUBLIC)["theme_ranking"]
    assert public["theme"].tolist() == ["sales", "ecommerce", "data", "other"]
    assert public[["companies", "rank", "rank_low", "p_top", "tier"]].iloc[1:3].isna().all(axis=None)
    moved = published({"theme_ranking": ranking.assign(companies=[10, 2, 5, 4])}, PUBLIC)["theme_ranking"]
    assert moved["theme"].tolist() == ["sales", "data", "ecommerce", "other"]
    steering = published({"theme_ranking": ranking}, STEERING)["theme_ranking"]
    pd.testing.assert_frame_equal(steering, ranking)
