"""What QA rounds 30-33 found wrong, each on a few inline rows."""
from __future__ import annotations

import pandas as pd

from pipeline.analysis.routing import read_catalogue, routing_tables

SLUGS = ["sales", "branding", "data", "ecommerce", "export"]
PARAMS = {"min_count": 3, "min_base": 5, "edition": "steering"}
PROVIDERS = """providers:
  - name: "Kustens företagscentral"
    themes: [ecommerce]
    languages: [sv]
    municipalities: [Jakobstad]
  - name: "Keski-Pohjanmaan kehitys"
    themes: [ecommerce, sales]
    languages: [fi]
    municipalities: [Kokkola, Kannus]
"""


def _links(ids):
    return pd.DataFrame({"source": "needs", "record_id": ids, "company_id": ids, "source_company_id": ids,
                         "basis": "business_id", "name_id": "", "is_identified": True})


def _routing(tmp_path, edition="steering"):
    path = tmp_path / "providers.yaml"
    path.write_text(PROVIDERS, encoding="utf-8")
    ids = ["a", "b", "c", "d"]
    demand = pd.DataFrame({"company_id": ids + ["a"], "theme": ["ecommerce"] * 4 + ["sales"]})
    languages = pd.DataFrame({"company_id": ids, "language": ["fi", "sv", "sv", "fi"], "basis": "question"})
    profiles = pd.DataFrame({"company_id": ids, "municipality": ["Kokkola", "Kruunupyy", "Kokkola", "Halsua"]})
    return routing_tables(read_catalogue(path, SLUGS), demand, _links(ids), languages, {},
                          {**PARAMS, "edition": edition}, profiles)


def test_routing_counts_the_companies_with_no_provider_where_they_are_and_in_their_language(tmp_path):
    """QA round 30 F4: every theme read "no gap" while companies had no provider in their municipality and
    language; a provider serving none of the askers was listed as if it served them."""
    got = _routing(tmp_path)["service_routing"].set_index("theme")
    # e-commerce: a (Kokkola, fi) is served; b (Kruunupyy, sv) and c (Kokkola, sv: the Swedish provider is in
    # Jakobstad) and d (Halsua) are not; b and c use Swedish and no one serves them in Swedish where they are
    assert got.loc["ecommerce", ["unserved_companies", "unserved_swedish_companies", "idle_providers"]].tolist() \
        == [3, 2, "Kustens företagscentral"]
    assert got.loc["sales", ["unserved_companies", "unserved_swedish_companies", "idle_providers"]].tolist() \
        == [0, 0, ""]
    assert not got.loc["ecommerce", "is_gap"] and not got.loc["ecommerce", "is_language_gap"]


def test_the_public_edition_leaves_the_routing_cells_out(tmp_path):
    """Who is left without a provider in a municipality and language is a cell finer than the public edition
    publishes."""
    got = _routing(tmp_path, "public")["service_routing"]
    assert got[["unserved_companies", "unserved_swedish_companies", "idle_providers"]].isna().all().all()


def test_the_routing_block_says_who_is_left_without_a_provider(tmp_path):
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import service_routing

    fmt = Formatter(Messages("en"))
    names = {"ecommerce": "E-commerce", "sales": "Sales"}
    said = service_routing({"service_routing": _routing(tmp_path)["service_routing"]}, {}, fmt, names)
    assert said == ("Companies with no provider of a theme they asked for in their municipality and language: "
                    "E-commerce 3 of 4. Swedish-using companies (bilingual ones too) with no provider serving the theme in "
                    "Swedish where they are: E-commerce 2 of 2. Providers of the catalogue serving none of the companies that "
                    "asked for a theme of theirs (municipality or language): Kustens företagscentral (E-commerce).")
    assert service_routing({"service_routing": _routing(tmp_path, "public")["service_routing"]}, {}, fmt,
                           names) is None


def test_unmet_themes_carry_their_interval_and_base():
    """QA round 30 F8: "Wanted themes without enough supply: Sales (43 %), Brand (33 %)" with neither n nor
    interval; a theme whose interval the table lacks keeps the bare share."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import demand_supply
    from pipeline.schemas import SCHEMAS, conform

    columns = {"theme": ["branding", "sales"], "theme_name": ["Brand", "Sales"], "demand_share": [0.33, 0.43],
               "demand_ci_low": [None, 0.29], "demand_ci_high": [None, 0.58], "demand_base": [40, 40],
               "workshops": [0, 0], "is_unmet": [True, True]}
    coverage = conform(pd.DataFrame({c: columns.get(c, [None, None]) for c in SCHEMAS["coverage"]}), "coverage")
    said = demand_supply({"coverage": coverage}, {}, Formatter(Messages("en")), {})
    assert said == "Wanted themes without enough supply: Sales (43%, 29–58%; n = 40), Brand (33%)"


def test_a_register_total_that_is_not_the_workshops_sum_is_a_data_warning_in_the_report():
    """QA round 30: "the totals row gives 62 participants, but the workshops' participants sum to 58" reached the
    log and ingest_report.json alone."""
    from pipeline.i18n import Messages
    from pipeline.ingest.register import register_with_accounts
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import _input_problems
    from pipeline.stages import _workshops_not_held

    raw = pd.DataFrame({"Tunnus": ["T1", "T2", "Yhteensä"], "Päivämäärä": ["10.2.2025", "3.3.2025", ""],
                        "Nimi": ["Canva", "Myynti", ""], "Muoto": ["lähi", "etä", ""],
                        "Osallistujat": ["30", "28", "62"]})
    _, accounts = register_with_accounts(raw, "rekisteri.xlsx")
    rows = _workshops_not_held(accounts)
    assert rows[["problem", "rows", "value"]].values.tolist() == [["register_total_mismatch", "4", "62 ≠ 58"]]
    said = _input_problems({"input_problems": rows.to_dict("records")}, Formatter(Messages("en")))
    assert said == ["Workshop register, row 4: the totals row and the sum of the workshops' participants differ "
                    "(62 ≠ 58); the figures use the workshops' own: check the register."]
    _, right = register_with_accounts(raw.assign(Osallistujat=["30", "28", "58"]), "rekisteri.xlsx")
    assert _workshops_not_held(right).empty


def test_the_impact_surveys_self_rated_statements_are_kirkpatricks_learning_and_behaviour_rows():
    """QA round 27 F13: "learning: not measured" while the impact survey asked "the workshops added to our
    skills" and "we have put what we learnt to use" on agreement scales."""
    from pipeline.analysis.feedback import _self_rated
    from pipeline.config import defaults

    scales = pd.DataFrame({"survey": ["impact", "impact", "impact", "feedback"],
                           "question_id": ["q4", "q5", "q6", "q2"], "type": ["likert"] * 4,
                           "question": ["Työpajat lisäsivät yrityksemme osaamista",
                                        "Olemme ottaneet työpajoissa opittua käyttöön",
                                        "Verkostoiduimme muiden yritysten kanssa", "Opin uutta"],
                           "item": ["", "", "", ""], "n": [17, 16, 18, 30]})
    params = defaults()["analysis"]
    assert _self_rated("learning", scales, params) == [
        ("learning", "question_scales", "q4", 17, "feedback.kp.learning_self_rated")]
    assert _self_rated("behaviour", scales, params) == [
        ("behaviour", "question_scales", "q5", 16, "feedback.kp.behaviour_self_rated")]
    assert _self_rated("learning", scales.iloc[[2, 3]], params) == []
    swedish = scales.assign(question=["Workshopparna ökade vår kompetens", "Vi har tillämpat det vi lärde oss",
                                      "", ""])
    assert [row[2] for row in _self_rated("learning", swedish, params)] == ["q4"]
    assert [row[2] for row in _self_rated("behaviour", swedish, params)] == ["q5"]


def test_the_swedish_workbook_names_the_pooled_municipalities_in_swedish():
    """QA round 29 F11: the segment column read "Jakobstad", its members "Pietarsaari;Luoto" in the Swedish
    workbook."""
    import io

    from openpyxl import load_workbook

    from pipeline.report import report_documents
    from pipeline.schemas import SCHEMAS, conform

    values = {"segment_type": ["subregion"], "segment": ["Pietarsaaren seutukunta"], "theme": ["sales"],
              "companies": [6], "base": [10], "share": [0.6], "members": ["Pietarsaari;Luoto"]}
    frame = conform(pd.DataFrame({c: values.get(c, [None]) for c in SCHEMAS["theme_by_segment"]}), "theme_by_segment")
    meta = {"confidence": 0.95, "min_base": 5, "min_responses": 5, "min_count": 3}
    book = load_workbook(io.BytesIO(report_documents({"theme_by_segment": frame}, {}, meta, "sv")["summary.xlsx"]))
    cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "Jakobstad;Larsmo" in cells and not any("Pietarsaari" in c for c in cells)


def _topics_coder():
    from pipeline.coding.coder import ThemeCoder
    from pipeline.coding.taxonomy import load_taxonomy

    return ThemeCoder(load_taxonomy("needs").topics_taxonomy(), {})


def test_needs_besides_the_workshop_themes_are_counted_by_company_with_their_names():
    """QA round 33 F1/F4: recruitment, financing and succession came out as one cluster "vaihdos, työ, polvi"
    counted in answers; a recruitment wish coded to sales never reached it."""
    from pipeline.coding.emerging import emerging_themes

    texts = pd.DataFrame({"text_id": ["r1:q5", "r1:q6", "r2:q6", "r3:q6", "r4:q6"],
                          "respondent_id": ["r1", "r1", "r2", "r3", "r4"], "source": "open",
                          "text": ["Rekrytointi", "Osaavan työvoiman saatavuus", "Rekrytoinnit ja myynnin kasvattaminen",
                                   "Generationsväxling i familjeföretaget", "Verkkokaupan perustaminen"]})
    codes = pd.DataFrame({"text_id": texts["text_id"], "lang": ["fi", "fi", "fi", "sv", "fi"],
                          "theme": ["other", "other", "sales", "other", "ecommerce"]})
    got = emerging_themes(texts, codes, {}, topics=_topics_coder(), company_of={"r1": "A", "r2": "B", "r3": "C"},
                          lang="en")
    assert got[["topic", "label", "answers", "companies"]].values.tolist() == [
        ["staff", "Staff and recruitment", 3, 2], ["succession", "Ownership change and succession", 1, 1]]


def test_the_public_edition_counts_an_emerging_theme_by_its_companies():
    """QA round 33 F5: a cluster of 2 companies and 4 answers was published, one company's word in its label."""
    from pipeline.report import edition_tables

    frame = pd.DataFrame({"cluster_id": [1, 2], "topic": ["staff", ""], "label": ["Staff", "ägarbyte, familjeföretag"],
                          "answers": [6, 4], "companies": [5, 2], "examples": [["a", "b"], ["c", "d"]]})
    shown = edition_tables({"emerging_themes": frame}, {"edition": "public", "min_count": 3, "min_base": 5},
                           "en")["emerging_themes"]
    assert shown["label"].tolist() == ["Staff"]


def test_the_emerging_block_names_the_needs_besides_the_workshop_themes():
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import emerging_themes

    frame = pd.DataFrame({"topic": ["staff", "financing", ""], "label": ["Staff and recruitment", "Financing", "x, y"],
                          "companies": [14, 10, 6], "base": [67, 67, 67], "share": [14 / 67, 10 / 67, 6 / 67],
                          "ci_low": [0.13, 0.08, 0.04], "ci_high": [0.32, 0.25, 0.18]})
    ranking = pd.DataFrame({"theme": ["data", "other"], "companies": [12, 30], "share": [0.18, 0.45]})
    said = emerging_themes({"emerging_themes": frame, "theme_ranking": ranking}, {"confidence": 0.95},
                           Formatter(Messages("en")), {})
    assert said == ("Needs named besides the workshop themes (95% CI): Staff and recruitment 21% (13–32%), 14/67 "
                    "companies; Financing 15% (8–25%), 10/67 companies. Staff and recruitment was named by more "
                    "companies (14) than the most wanted workshop theme (12).")


def test_an_option_label_reviewed_with_two_themes_keeps_both():
    """QA round 32 F9: "Vienti" reviewed export and sales counted its companies for export alone, because sales is
    another option's main theme (the QA round 24 rule, right for the machine's coding, not for a review)."""
    from pipeline.analysis.needs import _option_themes

    labels = pd.DataFrame({"question_id": ["q4", "q4"], "text": ["Myynti", "Vienti"], "theme": ["sales", "export"],
                           "themes": [["sales"], ["export", "sales"]], "reviewed": [False, True]})
    assert _option_themes(labels) == [["sales"], ["export", "sales"]]
    assert _option_themes(labels.assign(reviewed=False)) == [["sales"], ["export"]]


def test_one_general_comment_question_gets_a_feedback_themes_panel():
    """QA round 32 F8: the usual Forms layout (one "Muuta palautetta?" question) drew "no data" beside a table of 18
    coded comments: the chart kept the good / improve prompts alone."""
    from matplotlib.text import Text

    from pipeline import schemas
    from pipeline.charts.feedback import feedback_themes_chart
    from pipeline.i18n import Messages

    themes = schemas.conform(pd.DataFrame({
        "scope": ["overall", "overall", "workshop"], "workshop_id": [None, None, "W1"], "prompt": ["all"] * 3,
        "theme": ["positive", "trainer", "positive"], "theme_name": ["Myönteinen", "Kouluttaja", "Myönteinen"],
        "comments": [7, 3, 4], "base": [18, 18, 9], "share": [7 / 18, 3 / 18, 4 / 9], "ci_low": [0.2, 0.06, 0.19],
        "ci_high": [0.61, 0.39, 0.73], "is_small_n": [False, False, False]}), "feedback_themes")
    found = [t.get_text() for t in feedback_themes_chart(themes, Messages("fi")).findobj(Text)]
    assert {"Avoin palaute (n = 18)", "7/18", "3/18", "Myönteinen", "Kouluttaja"} <= set(found)
    assert "Ei tietoja." not in found


def test_a_free_feedback_question_is_the_comment_question(tmp_path):
    """QA round 32 F1: "Vapaa palaute tilaisuudesta" (a usual Forms header) took no comment role: its comments were
    a question of their own, coded but not in the review workbook nor in the feedback themes."""
    from pipeline.ingest import read_survey
    from pipeline.roles import assign_roles

    path = tmp_path / "palaute.csv"
    path.write_text("Kuinka tyytyväinen olit tilaisuuteen?,Vapaa palaute tilaisuudesta\n5,Hyvä kouluttaja\n"
                    "4,Liian lyhyt\n3,Esimerkit puuttuivat\n", encoding="utf-8")
    survey = read_survey(path, key=b"test-key")
    roles = assign_roles(survey.questions, "feedback")
    assert roles.loc[roles["text"] == "Vapaa palaute tilaisuudesta", "role"].tolist() == ["comment_text"]


def test_an_attendance_list_totals_row_is_skipped_and_a_header_alone_refused(caplog):
    """QA round 31 F1: "Yhteensä,44" under the list exited 2 with "fill in Y-tunnus"; F2 (below): a list of a
    header alone ran with every funnel row traced 0 and no word."""
    from pipeline.analysis.linking import attendance_list

    frame = pd.DataFrame({"Työpaja": ["T1", "T2", "Yhteensä"], "Y-tunnus": ["0112038-9", "2345678-6", "2"]})
    with caplog.at_level("WARNING"):
        got = attendance_list(frame, "osallistujat.csv", b"k")
    assert got["source_row"].tolist() == [2, 3]
    assert "osallistujat.csv, row 4: a totals row ('Yhteensä') is not an attendance; skipped" in caplog.text
    assert attendance_list(frame.iloc[0:0], "osallistujat.csv", b"k").empty


def test_an_attendance_list_of_a_header_alone_is_refused(tmp_path):
    import pytest

    from pipeline.config import defaults
    from pipeline.errors import InputError
    from pipeline.stages import _attendance_rows

    path = tmp_path / "osallistujat.csv"
    path.write_text("Työpaja,Y-tunnus\n", encoding="utf-8")
    with pytest.raises(InputError, match="osallistujat.csv: the attendance list has a header but no attendances"):
        _attendance_rows(defaults()["ingest"], b"k", path, None)


def test_a_review_cell_with_a_line_break_and_the_analysts_extras_are_read_and_said(tmp_path, caplog):
    """QA round 32 F10, F4, F5, F6: "sales⏎export" (Alt+Enter) was refused showing '\\n'; a note's phone number
    scrubbed, a note without themes and an added column dropped, all without a word."""
    import sys

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    from test_review import THEMES, workbook

    from pipeline.coding.review import read_review

    path = workbook(tmp_path, {2: {"reviewed_themes": "sales\nexport"},
                               4: {"note": "ei teemaa, soita Matti Virtaselle 040 123 4567"}})
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["review"].cell(row=1, column=20).value = "Oma luokka"
    book.save(path)
    with caplog.at_level("DEBUG", logger="pipeline.coding.review"):
        got = read_review(path, THEMES)
    assert got["themes"].tolist()[[len(t) for t in got["themes"]].index(2)] == ["sales", "export"]
    assert "column(s) Oma luokka are not carried into the next workbook" in caplog.text
    assert "row 4: a note but no reviewed_themes: the answer stays unreviewed" in caplog.text
    assert "row(s) 4: names, phone numbers or addresses in note are replaced" in caplog.text


def test_a_review_does_not_move_an_answer_the_seeds_of_other_code_confidently():
    """QA round 32 F3: reviews confirming "other" (and answers about investments reviewed as data) lowered
    "Rahoitus ja investoinnit, pankki ei lainaa." from 0.889 to 0.65, under the review threshold: the gate that
    keeps a clearly seeded answer's code looked at the themes' seeds only, not at other's."""
    from pipeline.coding.coder import ThemeCoder
    from pipeline.coding.taxonomy import load_taxonomy

    reviewed = [("Logistiikka ja varastonhallinta.", "other"), ("Ei tällä hetkellä tarpeita.", "other"),
                ("Yhteistyö muiden yritysten kanssa.", "other"), ("Jaksaminen ja ajanhallinta.", "other"),
                ("Toimitilat ja vuokra", "other"), ("Lisää asiakkaita ja myyntiä", "sales"),
                ("Myynnin kasvattaminen", "sales"), ("Uusia asiakkaita", "sales"),
                ("Osaajien löytäminen myyntiin", "sales"), ("Haasteemme on löytää asiakkaita", "sales"),
                ("Verkkokauppa kuntoon", "ecommerce"), ("Verkkokaupan perustaminen", "ecommerce"),
                ("Pankki- ja maksujärjestelmät verkkokauppaan", "ecommerce"), ("Vienti Ruotsiin ja Norjaan", "export"),
                ("Kansainvälistyminen", "export"), ("Brändin kirkastaminen", "branding"),
                ("Markkinointi somessa", "branding"), ("Investoinnit tuotekuviin ja mainontaan", "branding"),
                ("Datan hyödyntäminen", "data"), ("Raportointi ja mittarit", "data"),
                ("Investoinnit digitalisaatioon ja järjestelmiin", "data")]
    targets = ["Rahoitus ja investoinnit, pankki ei lainaa.", "Rekrytointi on suurin haasteemme, osaajia ei löydy."]
    texts = [t for t, _ in reviewed] + targets
    frame = pd.DataFrame({"text_id": [f"{i:02d}" for i in range(len(texts))], "text": texts})
    coder = ThemeCoder(load_taxonomy("needs"), {})
    by_text = dict(zip(frame["text_id"], frame["text"]))
    blind = coder.code(frame).assign(text=lambda f: f["text_id"].map(by_text)).set_index("text")
    after = coder.code(frame, reviewed=pd.DataFrame({"text": [t for t, _ in reviewed],
                                                     "themes": [[theme] for _, theme in reviewed]})
                       ).assign(text=lambda f: f["text_id"].map(by_text)).set_index("text")
    for text in targets:
        assert (after.loc[text, "theme"], after.loc[text, "confidence"]) == \
            (blind.loc[text, "theme"], blind.loc[text, "confidence"]) == ("other", blind.loc[text, "confidence"])
        assert blind.loc[text, "confidence"] > 0.75


def test_code_explain_with_a_config_says_the_review_decides(tmp_path):
    """QA round 32 F7: `code --explain --config` explained the machine's theme of an answer the project's review
    gave another, and said nothing of the review."""
    import json
    import sys

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    from conftest import run_cli
    from test_review import workbook

    workbook(tmp_path, {3: {"reviewed_themes": "export"}}, name="coding_review.xlsx")
    (tmp_path / "project.toml").write_text('[coding]\nreview = "coding_review.xlsx"\n', encoding="utf-8")
    (tmp_path / "in.csv").write_text("id,text\n1,Lisää asiakkaita\n2,Rekrytointi\n", encoding="utf-8")
    result = run_cli("code", str(tmp_path / "in.csv"), "--text-column", "text", "--id-column", "id", "--taxonomy",
                     "needs", "--out", str(tmp_path / "out.csv"), "--explain", "--config", str(tmp_path / "project.toml"))
    assert result.returncode == 0, result.stderr
    lines = {line.split(": ", 1)[0]: json.loads(line.split(": ", 1)[1]) for line in result.stdout.splitlines()
             if line[:2] in ("1:", "2:")}
    assert lines["1"]["reviewed"] == ["export"] and "coding_review.xlsx" in lines["1"]["decided_by"]
    assert "reviewed" not in lines["2"]
    coded = pd.read_csv(tmp_path / "out.csv", dtype=str)
    assert coded.loc[coded["id"] == "1", "themes"].tolist() == ["export"]


def test_the_slides_carry_the_findings_of_blocks_without_a_chart():
    """QA round 33 F9: the deck said nothing of the needs 43 of 67 companies named besides the workshop themes."""
    import io

    from pptx import Presentation

    from pipeline.i18n import Messages
    from pipeline.report import report_documents

    frame = pd.DataFrame({"cluster_id": [1], "topic": ["staff"], "label": ["Staff and recruitment"], "answers": [18],
                          "companies": [14], "base": [67], "share": [14 / 67], "ci_low": [0.13], "ci_high": [0.32],
                          "examples": [["Rekrytointi"]]})
    meta = {"confidence": 0.95, "min_base": 5, "min_responses": 5, "min_count": 3}
    deck = Presentation(io.BytesIO(report_documents({"emerging_themes": frame}, {}, meta, "en")["summary.pptx"]))
    slides = {slide.shapes.title.text: "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
              for slide in deck.slides}
    assert "Staff and recruitment 21% (13–32%), 14/67 companies" in slides[Messages("en")("report.block.emerging")]


def test_an_acronyms_compound_does_not_mark_a_quote_as_identifying():
    """QA round 33 F11: "Rahoitus investointeihin, mistä saada EU-tukea?" and "ELY-keskuksen yritystuet" were
    marked "may identify the respondent"; a capitalised name still is."""
    from pipeline.report import identifying

    assert not identifying("Rahoitus investointeihin, mistä saada EU-tukea?", set())
    assert not identifying("Rahoituksen hakeminen ja ELY-keskuksen yritystuet", set())
    assert identifying("Yhteistyö Virtasen kanssa", set())


def test_routing_runs_when_no_company_named_a_theme(tmp_path):
    """QA round 31 F4: a needs survey where every company is in "other", with a providers file, stopped with
    "unexpected TypeError: '<' not supported between instances of 'float' and 'str'"."""
    path = tmp_path / "providers.yaml"
    path.write_text(PROVIDERS, encoding="utf-8")
    demand = pd.DataFrame({"company_id": ["a", "b"], "theme": ["other", "other"]})
    languages = pd.DataFrame({"company_id": ["a"], "language": ["fi"], "basis": "question"})
    got = routing_tables(read_catalogue(path, SLUGS), demand, _links(["a", "b"]), languages, {}, PARAMS)
    assert got["service_routing"].set_index("theme")["demand_companies"].to_dict() == {"ecommerce": 0, "sales": 0}


def test_verbose_shows_the_cause_of_an_unexpected_error_and_keeps_exit_code_2(monkeypatch, capsys):
    """QA round 31 F4: with --verbose an unexpected error was Python's traceback and exit 1, not exit 2."""
    from pipeline import cli
    from pipeline.stages import GRAPH

    def broken():
        raise TypeError("'<' not supported between instances of 'float' and 'str'")

    monkeypatch.setattr(GRAPH, "order", broken)
    assert cli.main(["graph", "--verbose"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and err.rstrip().splitlines()[-1].startswith("error: run: unexpected TypeError")
    assert cli.main(["graph"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_file_with_no_impact_question_is_refused_as_the_impact_survey(tmp_path):
    """QA round 31 F5: the register attached as the impact survey was read, and reach published its 6 workshops as
    6 companies that answered the impact survey."""
    import pytest

    from pipeline.config import SurveySource, defaults
    from pipeline.errors import InputError
    from pipeline.stages import impact_survey

    path = tmp_path / "tyopajat.csv"
    path.write_text("workshop_id,date,title,participants\nT1,2025-02-10,Myynti,12\nT2,2025-03-10,Vienti,9\n"
                    "T3,2025-04-10,Brändi,11\n", encoding="utf-8")
    with pytest.raises(InputError, match="tyopajat.csv: no impact question found"):
        impact_survey(SurveySource(path), defaults()["ingest"], b"k", tmp_path / "project.toml")
    good = tmp_path / "vaikuttavuus.csv"
    good.write_text("Yrityksen nimi,Ovatko työpajat edistäneet kehitystänne?\nA Oy,Kyllä\nB Oy,Ei\nC Oy,Osittain\n",
                    encoding="utf-8")
    assert len(impact_survey(SurveySource(good), defaults()["ingest"], b"k", tmp_path / "project.toml").respondents) == 3


def test_two_typos_in_a_1_to_5_rating_are_off_the_scale_not_a_longer_scale(tmp_path):
    """QA round 31 F9: "6" and "45" among nine 1-5 satisfaction answers made the question a longer scale, and all
    nine answers left the figures; a real 1-10 scale is still one."""
    from pipeline.analysis.feedback import longer_scale_ratings
    from pipeline.ingest import read_survey
    from pipeline.roles import assign_roles, settled

    def survey(values):
        path = tmp_path / "palaute.csv"
        path.write_text("Kuinka tyytyväinen olit tilaisuuteen?,Vapaa palaute\n"
                        + "".join(f"{v},ok\n" for v in values), encoding="utf-8")
        read = read_survey(path, key=b"k")
        return settled(read.with_roles(assign_roles(read.questions, "feedback")))

    assert longer_scale_ratings(survey([5, 6, 45, 4, 5, 3, 4, 5, 4])) == []
    assert [f["role"] for f in longer_scale_ratings(survey([8, 9, 7, 10, 6, 9, 8, 4, 10]))] == ["satisfaction"]


def test_a_provider_of_the_region_or_a_sub_region_serves_its_municipalities(tmp_path):
    """QA round 35 F11: a provider listed for "Keski-Pohjanmaa" or "Kaustisen seutukunta" served no company (every
    data asker "without a provider", the provider "idle")."""
    from pipeline.config import defaults

    path = tmp_path / "providers.yaml"
    path.write_text('providers:\n  - name: "ELY"\n    themes: [data]\n    languages: [fi]\n'
                    '    municipalities: [Keski-Pohjanmaa]\n'
                    '  - name: "Centria"\n    themes: [sales]\n    languages: [fi, sv]\n'
                    '    municipalities: [Kaustby ekonomiska region]\n', encoding="utf-8")
    ids = ["a", "b", "c"]
    demand = pd.DataFrame({"company_id": ids + ids, "theme": ["data"] * 3 + ["sales"] * 3})
    languages = pd.DataFrame({"company_id": ids, "language": ["fi"] * 3, "basis": "question"})
    profiles = pd.DataFrame({"company_id": ids, "municipality": ["Halsua", "Kokkola", "Veteli"]})
    params = {**defaults()["analysis"], "min_count": 3, "min_base": 5, "edition": "steering"}
    got = routing_tables(read_catalogue(path, SLUGS), demand, _links(ids), languages, {}, params,
                         profiles)["service_routing"].set_index("theme")
    assert got.loc["data", ["unserved_companies", "idle_providers"]].tolist() == [0, ""]
    assert got.loc["sales", "unserved_companies"] == 1      # Kokkola is not in the Kaustinen sub-region


def test_the_export_finding_gives_the_maybe_share_beside_the_yes_share():
    """QA round 35 F4: "interested 31 %" beside a chart stacking yes and maybe to 58 %."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import export_readiness

    frame = pd.DataFrame({"segment_type": ["all"] * 3, "segment": ["all"] * 3, "answer": ["yes", "maybe", "no"],
                          "companies": [8, 7, 11], "base": [26] * 3, "share": [8 / 26, 7 / 26, 11 / 26],
                          "ci_low": [0.17, 0.14, 0.26], "ci_high": [0.5, 0.46, 0.61], "suppressed": [False] * 3})
    said = export_readiness({"export_readiness": frame}, {"confidence": 0.95}, Formatter(Messages("en")), {})
    assert said == "Interested in developing exports: 31% of companies (95% CI 17–50%; n = 26); maybe: 27% (14–46%)"


PUBLIC = {"edition": "public", "min_count": 3, "min_base": 5, "min_responses": 5}


def _previous(tmp_path):
    """A previous public edition's processed/ folder, as previous_edition reads it."""
    import json

    from pipeline.disclosure import previous_edition

    processed = tmp_path / "prev" / "processed"
    processed.mkdir(parents=True)
    pd.DataFrame({"theme": ["sales"], "respondents": [35], "companies": [20]}).to_csv(processed / "theme_ranking.csv")
    pd.DataFrame({"workshop_id": ["T1"], "responses": [9], "n_1": [0], "n_2": [0], "n_3": [1], "n_4": [4],
                  "n_5": [4], "comments": [6]}).to_csv(processed / "feedback_summary.csv", index=False)
    pd.DataFrame({"survey": ["impact"], "question_id": ["q4"], "item": [""], "n": [16], "top2": [11]}).to_csv(
        processed / "question_scales.csv", index=False)
    pd.DataFrame({"measure": ["impact"], "answer": ["yes"], "companies": [9]}).to_csv(
        processed / "impact_summary.csv", index=False)
    pd.DataFrame({"indicator": ["impact_companies"], "value": [16]}).to_csv(processed / "reach.csv", index=False)
    (processed / "ingest_report.json").write_text(json.dumps({"needs": {
        "rows_in": 35, "accepted": 35, "rejected": 0, "duplicates": 0, "excluded": 0, "warnings": []}}), "utf-8")
    return previous_edition(tmp_path / "prev")


def test_the_same_number_of_answers_from_other_rows_is_refused_in_the_public_edition(tmp_path):
    """QA round 34 F1: one company left out (exclude) and one late answer kept the count at 35; the two editions'
    difference gave both companies' themes, export answer, language, municipality, sector and size."""
    import pytest

    from pipeline.disclosure import refuse_other_rows_same_count
    from pipeline.errors import InputError

    params = {**PUBLIC, "previous_edition": _previous(tmp_path)}
    swapped = {"rows_in": 36, "accepted": 35, "rejected": 0, "duplicates": 0, "excluded": 1}
    with pytest.raises(InputError, match="needs counts as many as in the previous public edition"):
        refuse_other_rows_same_count("needs", swapped, params, 35.0)
    # a second respondent of a company already counted: 36 rows, 35 companies both times
    with pytest.raises(InputError, match="accepted 35 → 36"):
        refuse_other_rows_same_count("needs", {**swapped, "accepted": 36, "excluded": 0}, params, 35.0)
    refuse_other_rows_same_count("needs", {**swapped, "rows_in": 35, "excluded": 0}, params, 35.0)   # the same rows
    refuse_other_rows_same_count("needs", {**swapped, "accepted": 40}, params, 40.0)   # the count rules decide
    refuse_other_rows_same_count("needs", swapped, {**params, "edition": "steering"}, 35.0)


def test_a_replaced_feedback_response_or_self_rating_is_refused_in_the_public_edition(tmp_path):
    """QA round 34 F8, F13: one response out and a late one in (9 responses both times) gave the late participant's
    ratings; the self-rated impact statements changed with no check."""
    import pytest

    from pipeline.disclosure import refuse_changed_impact_answers, refuse_changed_ratings
    from pipeline.errors import InputError

    params = {**PUBLIC, "previous_edition": _previous(tmp_path)}
    summary = pd.DataFrame({"workshop_id": ["T1"], "responses": [9], "n_1": [1], "n_2": [0], "n_3": [1], "n_4": [3],
                            "n_5": [4], "comments": [6]})
    with pytest.raises(InputError, match="workshop\\(s\\) T1 have as many feedback responses"):
        refuse_changed_ratings(summary, params)
    refuse_changed_ratings(summary.assign(n_1=0, n_4=4), params)
    impact = pd.DataFrame({"measure": ["impact"], "answer": ["yes"], "companies": [9]})
    scales = pd.DataFrame({"survey": ["impact"], "question_id": ["q4"], "item": [""], "n": [16], "top2": [12]})
    with pytest.raises(InputError, match="the impact survey has as many companies"):
        refuse_changed_impact_answers(impact, 16, params, scales)
    refuse_changed_impact_answers(impact, 16, params, scales.assign(top2=11))


def test_a_grid_statement_naming_the_workshops_leaves_out_who_attended_none():
    """QA round 34 F2: "Väittämät: Työpajat lisäsivät osaamistamme" kept the rating of a company that attended no
    workshop (n 17 beside the impact base of 16): the words were in the statement, not in the grid's stem."""
    from pipeline.analysis.questions import without_answers
    from pipeline.survey import Survey

    answers = pd.DataFrame({"respondent_id": ["r1", "r2", "r2", "r2"], "question_id": ["q4", "q4", "q4", "q5"],
                            "item": ["Työpajat lisäsivät osaamistamme", "Työpajat lisäsivät osaamistamme",
                                     "Yrityksemme kasvaa", None], "value": ["4", "3", "5", "Kyllä"]})
    survey = Survey(source="vaikuttavuus.csv", tool="webropol", encoding="utf-8", delimiter=";", header_rows=1,
                    questions=pd.DataFrame(), respondents=pd.DataFrame(), answers=answers, rejected=pd.DataFrame())
    kept = without_answers(survey, ["r2"], [], ["työpaj"]).answers
    assert kept[["respondent_id", "item"]].fillna("").values.tolist() == [
        ["r1", "Työpajat lisäsivät osaamistamme"], ["r2", "Yrityksemme kasvaa"], ["r2", ""]]


def test_the_emerging_finding_compares_with_the_workshop_themes_only_when_all_are_published():
    """QA round 34 F9: the public edition said "10 companies, more than the most wanted workshop theme (0)"
    beside hidden theme counts."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import emerging_themes

    frame = pd.DataFrame({"topic": ["staff"], "label": ["Staff"], "companies": [10], "base": [35],
                          "share": [10 / 35], "ci_low": [0.16], "ci_high": [0.45]})
    hidden = pd.DataFrame({"theme": ["sales", "data", "other"], "companies": [None, 0, 12],
                           "share": [None, 0.0, 0.34], "suppressed": [True, False, False]})
    said = emerging_themes({"emerging_themes": frame, "theme_ranking": hidden}, {"confidence": 0.95},
                           Formatter(Messages("en")), {})
    assert "more companies" not in said
    shown = hidden.assign(companies=[8, 0, 12], share=[0.23, 0.0, 0.34], suppressed=False)
    said = emerging_themes({"emerging_themes": frame, "theme_ranking": shown}, {"confidence": 0.95},
                           Formatter(Messages("en")), {})
    assert said.endswith("Staff was named by more companies (10) than the most wanted workshop theme (8).")


def test_a_theme_whose_demand_the_public_edition_hides_is_not_said_to_be_met():
    """QA round 34 F4: the public coverage table printed "unmet need: no" for data, which the steering edition lists
    as without enough supply; its demand share was hidden."""
    from pipeline.analysis.feedback import _coverage
    from pipeline.config import defaults

    workshops = pd.DataFrame({"workshop_id": ["W1", "W2", "W3"], "themes": ["sales", "sales", "data"],
                              "hours": [2.0, 2.0, 2.0], "participants": [10, 12, 9], "is_rate_known": True})
    demand = pd.DataFrame({"theme": ["sales", "data"], "theme_name": ["Sales", "Data"], "share": [0.6, None],
                           "ci_low": [0.4, None], "ci_high": [0.76, None], "respondents": [35, 35], "rank": [1, 2],
                           "tier": [1, 1]})
    got = _coverage(workshops, demand, {}, defaults()["analysis"]).set_index("theme")["is_unmet"]
    assert not got["sales"] and pd.isna(got["data"])


def test_every_theme_covered_is_not_said_beside_a_theme_whose_demand_is_hidden():
    """QA round 34 F6: the public edition said every top theme had workshops; the steering one listed three
    themes without enough."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import demand_supply

    coverage = pd.DataFrame({"theme": ["sales", "data"], "theme_name": ["Sales", "Data"], "demand_share": [0.6, None],
                             "workshops": [2, 1], "is_unmet": pd.array([False, None], dtype="boolean")})
    assert demand_supply({"coverage": coverage}, {}, Formatter(Messages("en")), {}) is None
    said = demand_supply({"coverage": coverage.assign(is_unmet=pd.array([False, False], dtype="boolean"))}, {},
                         Formatter(Messages("en")), {})
    assert said == Messages("en")("report.finding.demand_supply_covered")


def test_a_provider_may_serve_a_need_besides_the_workshop_themes(tmp_path):
    """QA round 35 F3: a provider listing financing was refused ("unknown theme 'financing'"), so the routing could
    not say who serves the needs the report itself headlines."""
    from pipeline.coding.taxonomy import load_taxonomy
    from pipeline.config import defaults
    from pipeline.stages import routing_tables as stage, service_catalogue
    from pipeline.stages import themes as theme_table

    path = tmp_path / "providers.yaml"
    path.write_text('providers:\n  - name: "ELY-keskus"\n    themes: [export, financing]\n    languages: [fi, sv]\n',
                    encoding="utf-8")
    taxonomy = load_taxonomy("needs")
    catalogue = service_catalogue(path, taxonomy)
    ids = ["a", "b", "c"]
    company_themes = pd.DataFrame({"company_id": ["a"], "theme": ["export"]})
    topics = pd.DataFrame({"company_id": ["b", "c", "c"], "theme": ["financing", "financing", "staff"]})
    languages = pd.DataFrame({"company_id": ids, "language": ["fi"] * 3, "basis": "question"})
    params = {**defaults()["analysis"], "min_count": 3, "min_base": 5, "edition": "steering"}
    got = stage(catalogue, company_themes, _links(ids), languages,
                theme_table(taxonomy, load_taxonomy("feedback"), "en"), params, taxonomy, "en",
                company_topics=topics)["service_routing"].set_index("theme")
    assert got.loc["financing", ["theme_name", "demand_companies", "providers", "unserved_companies"]].tolist() == [
        "Financing and business support", 2, "ELY-keskus", 0]
    assert "staff" not in got.index         # no provider lists it: the emerging themes say it, not a gap row


def test_a_register_without_workshop_languages_is_a_data_warning():
    """QA round 35 F12: a register without a "Kieli" column left the Swedish block without its workshops, and
    nothing said why."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import _input_problems
    from pipeline.stages import _register_without_languages

    register = pd.DataFrame({"workshop_id": ["T1", "T2"], "language": ["", None]})
    rows = _register_without_languages(register, {"file": "rekisteri.xlsx"})
    assert rows["problem"].tolist() == ["register_no_language"]
    said = _input_problems({"input_problems": rows.to_dict("records")}, Formatter(Messages("en")))
    assert said[0].startswith("Workshop register: no workshop has a language")
    assert _register_without_languages(register.assign(language=["fi", ""]), {}).empty


def test_impact_answers_of_companies_that_attended_none_are_said_in_the_report(tmp_path):
    """QA round 35 F8: 14 companies answered the impact survey, its shares rest on 12, and the report never said
    why (2 attended no workshop)."""
    from pipeline.analysis.feedback import _impact_tables
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import feedback_problem_warnings

    impact = _read(tmp_path, "impact.csv", "Yrityksen nimi,Mihin työpajoihin osallistuitte?,"
                   "Ovatko työpajat edistäneet kehitystänne?\nA Oy,Myynti,Kyllä\nB Oy,En osallistunut mihinkään,Ei\n"
                   "C Oy,Myynti,Osittain\n", "impact")
    workshops = pd.DataFrame({"workshop_id": ["T1"], "title": ["Myynti"], "date": pd.to_datetime(["2025-03-01"])})
    params = {"confidence": 0.95, "min_responses": 5, "feedback_yes_labels": ["kyllä"],
              "feedback_partly_labels": ["osittain"], "feedback_no_labels": ["ei"]}
    _, _, problems = _impact_tables(impact, params, workshops)
    frame = pd.DataFrame(problems)
    assert frame[["problem", "responses"]].values.tolist() == [["attended_none", 1]]
    said = feedback_problem_warnings(frame, Formatter(Messages("en")))
    assert "Impact answers saying the company attended no workshop" in said[0]


def _read(tmp_path, name, text, kind):
    from pipeline.ingest import read_survey
    from pipeline.roles import assign_roles, settled

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    survey = read_survey(path, key=b"test-key")
    return settled(survey.with_roles(assign_roles(survey.questions, kind)))


def test_a_sector_answered_in_a_language_copys_label_counts_in_the_surveys_own_sector():
    """QA round 35 F14: "Industri (n = 1)" beside "Teollisuus (n = 8)" in the sector tables, with no warning: the
    Swedish rows answered a Swedish copy of the questionnaire."""
    from pipeline.analysis.needs import one_sector_name
    from pipeline.config import defaults

    groups = defaults()["analysis"]["sector_names"]
    sectors = pd.Series(["Teollisuus", "Industri", "Handel", None, "Palvelut", "Byggande"], dtype="string")
    got = one_sector_name(sectors, groups, ["Teollisuus", "Kauppa", "Palvelut", "Rakentaminen"])
    assert got.fillna("-").tolist() == ["Teollisuus", "Teollisuus", "Kauppa", "-", "Palvelut", "Rakentaminen"]
    # the copy's answers make their labels options too: the most answered of them names the sector
    both = one_sector_name(pd.Series(["Teollisuus", "Teollisuus", "Industri"], dtype="string"), groups,
                           ["Teollisuus", "Industri", "Kauppa"])
    assert both.tolist() == ["Teollisuus"] * 3
    # an open sector question: the most answered name of the group
    assert one_sector_name(pd.Series(["Industri", "Industri", "Teollisuus"], dtype="string"), groups, []).tolist() \
        == ["Industri"] * 3


def test_hidden_rows_and_unread_sheets_reach_the_data_warnings():
    """QA round 31 F3, F12: rows hidden by an autofilter (read) and another sheet holding a table (not read) were
    said in the log alone."""
    from pipeline.analysis.linking import reading_problems
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import _input_problems
    from pipeline.survey import Survey

    survey = Survey(source="tarvekartoitus.xlsx", tool="webropol", encoding=None, delimiter=None, header_rows=1,
                    questions=pd.DataFrame(), respondents=pd.DataFrame(), answers=pd.DataFrame(),
                    rejected=pd.DataFrame(), report={"hidden_rows": [27, 28], "unread_sheets": [
                        {"sheet": "Raportti", "rows": 12}]})
    rows = reading_problems([survey, None], {"file": "rekisteri.xlsx", "hidden_rows": [4]})
    assert rows[["source", "problem", "rows"]].values.tolist() == [
        ["tarvekartoitus.xlsx", "hidden_rows", "27, 28"], ["tarvekartoitus.xlsx", "unread_sheet", "12"],
        ["rekisteri.xlsx", "hidden_rows", "4"]]
    said = _input_problems({"input_problems": rows.to_dict("records")}, Formatter(Messages("en")))
    assert said[1] == ("tarvekartoitus.xlsx: the sheet “Raportti” (12 rows) is not read; a workbook is read from one "
                       "sheet. If its rows are responses, paste them on the sheet that is read.")
    assert said[2].startswith("rekisteri.xlsx, row 4: this row is hidden in Excel")


def test_an_attendance_lists_rows_are_named_as_the_file_numbers_them_and_repeats_are_said(caplog):
    """QA round 31 F7 and the ingest round's F10 note: after a skipped title row every attendance message named a
    row one too low; a repeated row was merged without a word."""
    from pipeline.analysis.linking import attendance_list

    frame = pd.DataFrame({"Työpaja": ["T1", "T2", "T1"], "Y-tunnus": ["0112038-9", "2345678-6", "0112038-9"]})
    frame.attrs["source_rows"] = [3, 4, 5]
    with caplog.at_level("WARNING"):
        got = attendance_list(frame, "osallistujat.xlsx", b"k")
    assert got["source_row"].tolist() == [3, 4, 5]
    assert "osallistujat.xlsx: row(s) 5 repeat row(s) 3 (the same company at the same workshop): counted once" \
        in caplog.text


def test_a_statements_only_published_zero_is_not_hidden_to_protect_its_neighbours():
    """QA round 36 F3: an agreement statement answered 0/1/1/6/4 was published ":c/:c/:c/6/:c": hiding its 0 made
    every hidden level "1 or more" to a reader, so each was 1..3, and the public run failed its own audit."""
    from pipeline.config import defaults
    from pipeline.disclosure import audit_tables, published
    from pipeline.schemas import conform

    levels = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä", "Jokseenkin samaa mieltä",
              "Täysin samaa mieltä"]
    counts = [0, 1, 1, 6, 4]
    frame = pd.DataFrame({"survey": "impact", "question_id": "q03", "question": "Väittämät", "type": "likert",
                          "item": "Työpajat lisäsivät osaamistamme", "answer": levels, "score": [1.0, 2, 3, 4, 5],
                          "companies": pd.array(counts, dtype="Int64"), "base": 12})
    frame = conform(frame.assign(share=frame["companies"] / 12, ci_low=0.0, ci_high=1.0, suppressed=False),
                    "question_distribution")
    scales = conform(pd.DataFrame({"survey": ["impact"], "question_id": ["q03"], "question": ["Väittämät"],
                                   "type": ["likert"], "item": ["Työpajat lisäsivät osaamistamme"], "n": [12],
                                   "mean": [4.08], "median": [4.0], "top2": [10], "share": [10 / 12],
                                   "ci_low": [0.55], "ci_high": [0.95]}), "question_scales")
    params = dict(defaults()["analysis"], edition="public")
    shown = published({"question_distribution": frame, "question_scales": scales}, params)
    assert audit_tables(shown, params)["is_protected"].all()


def test_an_option_label_coded_into_a_topic_is_no_answer_of_it():
    """The topic codes hold the option labels too (the stage codes every text): a check-all option "Rahoitus"
    counted as an answer made a topic row of 0 companies."""
    from pipeline.coding.emerging import emerging_themes, topic_codes

    texts = pd.DataFrame({"text_id": ["option:q4:1", "r1:q6"], "respondent_id": [None, "r1"],
                          "source": ["option", "open"], "text": ["Rahoitus", "Rekrytointi"]})
    codes = pd.DataFrame({"text_id": texts["text_id"], "lang": "fi", "theme": ["other", "other"]})
    coder = _topics_coder()
    assert topic_codes(texts, coder)["text_id"].tolist() == ["r1:q6"]      # labels are not coded
    # and codes that hold a label (a caller's own) do not count it either
    got = emerging_themes(texts, codes, {}, topics=coder, company_of={"r1": "A"}, lang="en",
                          coded_topics=coder.code(texts[["text_id", "text"]]))
    assert got[["topic", "answers", "companies"]].values.tolist() == [["staff", 1, 1]]


def test_respondents_of_no_known_company_count_as_their_own_in_the_emerging_themes():
    """The emerging stage had its own respondent → company map: two respondents of no known company were one
    company "nan", and the base left them out, where the theme ranking counts each as a company."""
    from pipeline.stages import _company_of
    from pipeline.survey import Survey

    respondents = pd.DataFrame({"respondent_id": ["r1", "r2", "r3"],
                                "company_id": pd.array(["c1", None, None], dtype="string")})
    survey = Survey(source="needs.csv", tool="generic", encoding="utf-8", delimiter=",", header_rows=1,
                    questions=pd.DataFrame(), respondents=respondents, answers=pd.DataFrame(),
                    rejected=pd.DataFrame())
    assert _company_of(survey) == {"r1": "c1", "r2": "r2", "r3": "r3"}
