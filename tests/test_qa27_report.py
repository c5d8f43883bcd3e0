"""What QA round 27 (a survey methodologist with answer keys) and QA round 26 found in the reports' headlines and
tables: which figure a key finding rests on, on what base, and how it is labelled. One test per rule, on a few
inline rows built with the tables' schemas."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from pipeline import schemas
from pipeline.i18n import Messages
from pipeline.report.content import Formatter, display_table, viewed

META = {"confidence": 0.95, "min_base": 5, "min_responses": 5, "min_count": 3}
EN = Formatter(Messages("en"))


def table(name: str, **columns) -> pd.DataFrame:
    """A table of schema ``name`` from the given columns; the schema's other columns are left empty."""
    rows = len(next(iter(columns.values())))
    filled = {c: columns.get(c, [None] * rows) for c in schemas.SCHEMAS[name]}
    return schemas.conform(pd.DataFrame({**filled, **columns}), name)


def likert(items: list[tuple[str, int, int, float, float]]) -> pd.DataFrame:
    """(statement, n, top2, ci_low, ci_high) rows of one competence grid."""
    names, n, top, low, high = zip(*items)
    return table("likert_summary", question_id=["q6"] * len(items), question=["Osaaminen"] * len(items),
                 item=list(names), n=list(n), n_dont_know=[12 - v for v in n], top2=list(top),
                 share=[t / v for t, v in zip(top, n)], ci_low=list(low), ci_high=list(high))


def test_a_key_finding_does_not_rest_on_fewer_companies_than_a_published_cell():
    """F2: "Strongest competence: Datan hyödyntäminen (100 %; 95 % CI 21–100 %; n = 1)", 11 of 12 "don't know";
    the next statement lies within the first one's interval and is named beside it."""
    from pipeline.report.headlines import likert_competence, need_vs_competence

    grid = likert([("Data", 1, 1, 0.21, 1.0), ("Marketing", 8, 4, 0.22, 0.78), ("Export", 10, 4, 0.17, 0.69),
                   ("Sales", 12, 3, 0.09, 0.53)])
    line = likert_competence({"likert_summary": grid}, META, EN, {})
    assert line.startswith("Strongest competence: Marketing (50% answered one of the highest answers")
    assert "n = 8), then Export (40%), within that interval" in line
    assert line.endswith("(statements rated by fewer than 5 companies are left out of the comparison)")
    assert "Data" not in line
    # a first statement whose interval the next one's share does not reach stands alone, and no passed-over note
    clear = likert([("Marketing", 20, 18, 0.7, 0.97), ("Sales", 12, 3, 0.09, 0.53)])
    assert likert_competence({"likert_summary": clear}, META, EN, {}).endswith("n = 20)")
    # every statement below the floor: no headline (the chart keeps its caption)
    assert likert_competence({"likert_summary": likert([("Data", 1, 1, 0.21, 1.0)])}, META, EN, {}) is None
    # the need-competence gap leaves out a competence share of fewer than min_base companies
    gap = table("need_vs_competence", theme=["data", "sales"], theme_name=["Data", "Sales"], companies=[9, 11],
                respondents=[12, 12], demand_share=[0.75, 11 / 12], demand_ci_low=[0.47, 0.65],
                demand_ci_high=[0.91, 0.99], item=["Data", "Sales"], competence_n=[1, 12], competence_top2=[0, 3],
                competence_share=[0.0, 0.25], competence_ci_low=[0.0, 0.09], competence_ci_high=[0.79, 0.53])
    assert need_vs_competence({"need_vs_competence": gap}, META, EN, {}).startswith(
        "Largest gap between need and competence: Sales")


def test_the_strongest_competence_says_when_more_companies_answered_dont_know_than_rated_it():
    """F2: "Strongest competence: Markkinointi" at n = 5 with 7 of 12 "don't know", the don't-know share unsaid."""
    from pipeline.report.headlines import likert_competence

    grid = likert([("Marketing", 5, 4, 0.38, 0.96), ("Sales", 12, 3, 0.09, 0.53)])   # n_dont_know = 12 - n
    line = likert_competence({"likert_summary": grid}, META, EN, {})
    assert line.endswith("n = 5); for Marketing, 7 of 12 answered “don't know”")
    rated = likert([("Marketing", 7, 6, 0.49, 0.97), ("Sales", 12, 3, 0.09, 0.53)])
    assert "don't know" not in likert_competence({"likert_summary": rated}, META, EN, {})


def test_the_rank_interval_names_its_level():
    """F10: the rank interval follows [analysis] confidence, its column named no level."""
    from pipeline.report.content import header

    assert header(Messages("fi", 0.9), "rank_interval") == "Sijan vaihteluväli (90 %)"
    assert header(Messages("en"), "rank_interval") == "Rank interval (95%)"


def improve(counts: list[tuple[str, int]], base: int) -> pd.DataFrame:
    themes, comments = zip(*counts)
    return table("feedback_themes", scope=["overall"] * len(counts), prompt=["improve"] * len(counts),
                 theme=list(themes), theme_name=[t.title() for t in themes], comments=list(comments),
                 base=[base] * len(counts), share=[c / base for c in comments], ci_low=[0.2] * len(counts),
                 ci_high=[1.0] * len(counts), is_small_n=[base < 5] * len(counts))


def test_the_most_named_improvement_needs_min_responses_comments():
    """F4: "Most often named to improve: Organisation (100 % of comments; n = 1)", one comment of one participant."""
    from pipeline.report.headlines import feedback_themes

    assert feedback_themes({"feedback_themes": improve([("organisation", 1)], 1)}, META, EN, {}) is None
    assert feedback_themes({"feedback_themes": improve([("organisation", 4)], 4)}, META, EN, {}) is None
    line = feedback_themes({"feedback_themes": improve([("organisation", 5)], 5)}, META, EN, {})
    assert line.startswith("Most often named to improve: Organisation (100% of comments")


def ranking(shares: list[tuple[str, int]], tiers: list[int], base: int = 60) -> pd.DataFrame:
    themes, companies = zip(*shares)
    share = [c / base for c in companies]
    return table("theme_ranking", theme=list(themes), theme_name=[t.title() for t in themes],
                 companies=list(companies), respondents=[base] * len(shares), share=share,
                 ci_low=[s - 0.12 for s in share], ci_high=[s + 0.1 for s in share],
                 rank=list(range(1, len(shares) + 1)), tier=tiers)


def test_most_wanted_names_the_next_theme_when_the_tiers_test_cannot_tell_them_apart():
    """F11: "Most wanted: Sales (67 %)" beside data 53 % in the same tier (paired test p = 0.23)."""
    from pipeline.report.headlines import theme_ranking

    same = ranking([("sales", 40), ("data", 32), ("export", 20)], [1, 1, 1])
    line = theme_ranking({"theme_ranking": same}, META, EN, {})
    # the runner-up with its interval and n since QA round 30 (every share has its n and interval)
    assert line == ("Most wanted: Sales (67%, 95% CI 55–77%), 40/60 companies, not told apart from Data "
                    "(53%, 95% CI 41–63%; 32/60): the paired test over the same companies' answers puts both in tier 1")
    below = ranking([("sales", 40), ("data", 20), ("export", 18)], [1, 2, 2])
    assert theme_ranking({"theme_ranking": below}, META, EN, {}) == \
        "Most wanted: Sales (67%, 95% CI 55–77%), 40/60 companies"
    tied = ranking([("sales", 30), ("data", 30), ("export", 10)], [1, 1, 2])
    assert theme_ranking({"theme_ranking": tied}, META, EN, {}).startswith("Most wanted, equally (50% each")
    two = ranking([("sales", 40), ("brand", 30), ("data", 30)], [1, 1, 1])
    assert theme_ranking({"theme_ranking": two}, META, EN, {}).endswith(
        "not told apart from Brand 38–60% / Data 38–60% (50%; 30/60 each): the paired test over the same companies' "
        "answers puts them all in tier 1")
    fi = theme_ranking({"theme_ranking": same}, META, Formatter(Messages("fi")), {})
    assert "ei kuitenkaan erotu teemasta Data (53\u00a0%, 95\u00a0% LV 41–63\u00a0%; 32/60)" in fi


def test_without_a_tier_boundary_the_slide_says_so_and_unmet_themes_come_in_demand_order_with_shares():
    """F9: every theme in tier 1; the "Recommended themes" slide listed 67 % … 28 % without the summary's caveat,
    and "Wanted themes without enough supply" put e-commerce 28 % on the same footing as sales 67 %."""
    from pptx import Presentation

    from pipeline.report import report_documents
    from pipeline.report.headlines import demand_supply

    flat = ranking([("sales", 40), ("data", 32), ("ecommerce", 17)], [1, 1, 1])
    docs = report_documents({"theme_ranking": flat}, {}, {**META, "respondents": 60}, "en")
    deck = Presentation(io.BytesIO(docs["summary.pptx"]))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    slide = next(t for t in texts if t.startswith("The paired tests separate no tier boundary (n = 60)"))
    assert "Sales: 67% of companies" in slide
    tiered = ranking([("sales", 40), ("data", 20), ("ecommerce", 17)], [1, 2, 2])
    deck = Presentation(io.BytesIO(report_documents({"theme_ranking": tiered}, {}, {**META, "respondents": 60},
                                                    "en")["summary.pptx"]))
    assert not any("no tier boundary" in shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                   if shape.has_text_frame)
    coverage = table("coverage", theme=["ecommerce", "sales", "data"], theme_name=["E-commerce", "Sales", "Data"],
                     demand_share=[17 / 60, 40 / 60, 32 / 60], demand_tier=[1, 1, 1], workshops=[0, 0, 1],
                     is_unmet=[True, True, True])
    assert demand_supply({"coverage": coverage}, META, EN, {}) == \
        "Wanted themes without enough supply: Sales (67%), Data (53%), E-commerce (28%)"
    one = coverage.iloc[[0]]
    assert demand_supply({"coverage": one}, META, EN, {}) == "Wanted themes without enough supply: E-commerce"


def test_a_hidden_figure_gives_both_reasons_and_hidden_options_are_said_to_come_last():
    """F1: ":c = not published (too few companies)" under a cell hidden only to protect another, and "Sales"
    (10 of 10, hidden as a whole-base cell) last under "Options ranked by companies"."""
    from pipeline.report.content import report_content

    options = table("option_ranking", question_id=["q8"] * 3, option=["Sales", "Brand", "Export"],
                    theme=["sales", "brand", "export"], theme_name=["Sales", "Brand", "Export"],
                    companies=[None, 6, 3], base=[10, 10, 10], share=[None, 0.6, 0.3], ci_low=[None, 0.31, 0.11],
                    ci_high=[None, 0.83, 0.6])
    questions = table("question_distribution", survey=["needs", "needs"], question=["Format?", "Format?"],
                      answer=["Remote", "On site"], companies=[None, 5], base=[12, 12], share=[None, 5 / 12],
                      ci_low=[None, 0.19], ci_high=[None, 0.68])
    content = report_content({"option_ranking": options, "question_distribution": questions}, {},
                             {**META, "edition": "public"}, "en")
    blocks = {b.key: b for s in content.sections for b in s.blocks}
    shown = blocks["options"].tables[0]
    assert shown.caption.endswith("options whose count is not published (:c) are listed last, outside the ranking")
    assert [row[0] for row in shown.rows] == ["Brand", "Export", "Sales"]
    for lang, reason in (("en", "or it would reveal another hidden figure"),
                         ("fi", "tai luku paljastaisi toisen piilotetun luvun"),
                         ("sv", "eller så skulle uppgiften avslöja en annan dold uppgift")):
        intro = {b.key: b for s in report_content({"question_distribution": questions}, {}, META, lang).sections
                 for b in s.blocks}["questions"].intro
        assert reason in intro
    plain = report_content({"option_ranking": options.iloc[1:]}, {}, META, "en")
    assert {b.key: b for s in plain.sections for b in s.blocks}["options"].tables[0].caption == \
        "Options ranked by companies, with the workshop theme each maps to"


def test_the_nps_has_its_own_n_in_the_feedback_tables():
    """F6: "Responses 25, Satisfaction ratings 23, NPS 25" where the NPS rested on 20 answers."""
    for name in ("feedback_summary", "feedback_overall"):
        frame = table(name, **({"workshop_id": ["W03"], "title": ["Data"]} if name == "feedback_summary" else
                               {"workshops_with_feedback": [3]}),
                      responses=[25], satisfaction_n=[23], top2_share=[0.7], ci_low=[0.49], ci_high=[0.84],
                      nps_n=[20], nps=[25.0], nps_ci_low=[-9.5], nps_ci_high=[52.9])
        shown = display_table(viewed(frame, name), "t", EN, {}, name)
        position = shown.headers.index("NPS")
        assert shown.headers[position - 1] == "NPS answers" and shown.rows[0][position - 1] == "20"
        assert shown.rows[0][position:position + 2] == ["25", "\u221210–53"]


def language(workshops: tuple[int, int], companies: tuple[int, int, float, float]) -> pd.DataFrame:
    (held, of), (value, base, low, high) = workshops, companies
    return table("language", measure=["companies", "workshops", "workshops"], language=["sv", "sv", "fi"],
                 value=[value, held, of - held], base=[base, of, of], share=[value / base, held / of, 1 - held / of],
                 ci_low=[low, 0.06, 0.2], ci_high=[high, 0.79, 0.94], suppressed=[False] * 3)


def test_the_language_verdict_says_when_one_workshop_would_cross_the_interval():
    """F7: "the share of workshops held in Swedish (33 %) lies above the interval … (7–24 %)" from 1 of 3."""
    from pipeline.charts.linking import language_headline

    line = language_headline({"language": language((1, 3), (8, 60, 0.07, 0.24))}, META, EN, {})
    assert "(1/3, 33%) lies above the interval of the share of companies using Swedish (7–24%), but by less " \
           "than one workshop: with 3 workshops the figures cannot tell whether there were too many" in line
    # 5 of 10 workshops against 7–24 %: above by more than one workshop (10 points), a verdict
    line = language_headline({"language": language((5, 10), (8, 60, 0.07, 0.24))}, META, EN, {})
    assert "(50%) lies above the interval of the share of companies using Swedish (7–24%)." in line


def segments() -> pd.DataFrame:
    return table("theme_by_segment", segment_type=["sector"] * 4, segment=["Trade", "Trade", "Industry", "Industry"],
                 theme=["brand", "data"] * 2, theme_name=["Brand", "Data"] * 2, companies=[10, 5, 3, 11],
                 base=[15, 15, 15, 15], share=[10 / 15, 5 / 15, 3 / 15, 11 / 15], suppressed=[False] * 4,
                 ci_low=[0.42, 0.15, 0.07, 0.48], ci_high=[0.85, 0.58, 0.45, 0.89], members=[None] * 4)


def test_segment_shares_carry_their_interval_and_a_word_that_gaps_are_not_tested():
    """F8: "Brand … 67 % | 20 %" by sector with no interval; Fisher p = 0.025 where every true difference was 0."""
    from pipeline.report.content import report_content, segment_tables
    from pipeline.report.headlines import segment_heatmap

    (by_sector,) = segment_tables(segments(), EN, {"brand": "Brand"}, ["brand", "data"])
    assert by_sector.rows[0] == ["Brand", "67% (42–85%)", "20% (7–45%)"]
    intro = {b.key: b for s in report_content({"theme_by_segment": segments()}, {}, META, "en").sections
             for b in s.blocks}["segments"].intro
    assert "Differences between segments are not tested: with 4 shares side by side" in intro
    assert segment_heatmap({"theme_by_segment": segments()}, META, EN, {}).endswith(
        "Differences between segments are not tested: with 4 shares side by side, some large gaps arise by chance "
        "alone.")


@pytest.mark.parametrize("count, base, expected", [(23, 40, "58%"), (25, 40, "63%"), (46, 80, "58%"),
                                                   (11, 12, "92%"), (199, 200, "> 99%"), (1, 300, "< 1%"),
                                                   (12, 12, "100%"), (0, 12, "0%")])
def test_a_share_rounds_its_exact_half_up_and_is_never_shown_as_all_or_none_when_it_is_not(count, base, expected):
    """F10: 23/40 printed 57 % (the float 57.4999…) beside 25/40 63 %; 199/200 printed 100 %."""
    from pipeline.charts.style import percent

    assert EN.percent(count / base) == expected
    assert percent(count / base) == expected.replace("%", " %")


def test_a_charts_bar_figure_rounds_like_the_tables_and_a_narrow_one_keeps_its_sign():
    """F10: the satisfaction chart wrote a 4 % segment as "4"; the bars rounded 12.5 % half to even (12)."""
    from matplotlib.text import Text

    from pipeline.charts.feedback import satisfaction_chart
    from pipeline.charts.style import bar_figure

    assert bar_figure(12.5) == "13" and bar_figure(100 * 23 / 40) == "58"
    ratings = table("feedback_distribution", workshop_id=["W03"] * 5, title=["Data"] * 5,
                    date=[pd.Timestamp("2026-10-21")] * 5, level=[1, 2, 3, 4, 5], responses=[1, 3, 4, 8, 9],
                    base=[25] * 5, is_small_n=[False] * 5, share=[0.04, 0.12, 0.16, 0.32, 0.36])
    texts = [t.get_text() for t in satisfaction_chart(ratings, Messages("en")).findobj(Text)]
    assert "4 %" in texts     # ("4" alone is the legend's level 4)


def test_scores_in_points_are_whole_with_the_minus_sign_and_a_hidden_yes_no_reads_c():
    """F10: "17,2 | -12,9–44,2" beside "12" and "33,3"; QA26 F9: a hidden "language gap" printed blank."""
    fi = Formatter(Messages("fi"))
    overall = table("feedback_overall", workshops_with_feedback=[3], responses=[29], nps_n=[29], nps=[17.24],
                    nps_ci_low=[-12.9], nps_ci_high=[44.2])
    shown = display_table(viewed(overall, "feedback_overall"), "t", fi, {}, "feedback_overall")
    assert shown.rows[0][-2:] == ["17", "\u221213–44"]
    routing = table("service_routing", theme=["ecommerce", "data"], theme_name=["E-commerce", "Data"],
                    demand_companies=[10, 10], swedish_demand_companies=[None, 3], providers=["Centria", "Centria"],
                    provider_languages=["fi", "fi"], is_gap=[False, False], is_language_gap=[None, True],
                    suppressed=[True, False])
    rows = display_table(viewed(routing, "service_routing"), "t", fi, {}, "service_routing").rows
    assert rows[0][-1] == ":c" and rows[1][-1] == "kyllä" and rows[0][-2] == "ei"
    from openpyxl import load_workbook

    from pipeline.report import report_documents

    book = load_workbook(io.BytesIO(report_documents({"service_routing": routing}, {}, META, "fi")["summary.xlsx"]))
    sheet = next(book[name] for name in book.sheetnames if name not in ("Tietoja", "Havainnot"))
    heads = [c.value for c in sheet[1]]
    column = heads.index("Kieliaukko")
    assert [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)] == [":c", True]
