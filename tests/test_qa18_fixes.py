"""Fixes of the thirteenth round (2026-12-03): each test one behaviour, on a few inline values or rows."""
from __future__ import annotations

import numpy as np

from pipeline.i18n import Messages
from pipeline.report.content import Formatter


def test_large_counts_are_grouped_in_each_language_and_four_digits_stay_as_written():
    samples = {lang: Messages(lang)("report.method.bootstrap", samples=20000) for lang in ("fi", "sv", "en")}
    assert "20\u00a0000" in samples["fi"] and "20\u00a0000" in samples["sv"] and "20,000" in samples["en"]
    assert "2000 bootstrap" in Messages("en")("report.method.bootstrap", samples=2000)
    cells = {lang: Formatter(Messages(lang)) for lang in ("fi", "en")}
    assert [cells["fi"].number(v) for v in (np.int64(12345), 12345.0, 2024, -10000)] == \
        ["12\u00a0345", "12\u00a0345", "2024", "-10\u00a0000"]
    assert cells["en"].number(1234567) == "1,234,567" and cells["en"].number(True) == "yes"


def test_the_companies_outside_every_published_segment_are_not_left_two_short_in_the_public_edition():
    """QA round 18: sub-regions 9 and 12 of 26 published with sales 5 and 9, sales 17 in all: of the 5 companies
    in no sub-region 17 - 5 - 9 = 3 want sales, so exactly 2 do not, and the audit had passed it."""
    import pandas as pd

    from pipeline.disclosure import PUBLIC, published, whole_segment_figures
    from tests.test_disclosure_wp3 import _ranking, _sectors

    params = {"edition": PUBLIC, "min_count": 3, "min_base": 5, "protection_interval": 3}
    frame = _sectors([("Kaustisen seutukunta", "sales", 5, 9), ("Kokkolan seutukunta", "sales", 9, 12)])
    totals = _ranking({"sales": 17}, 26)
    told = whole_segment_figures({"theme_ranking": totals, "theme_by_segment": frame}, params)
    assert told["what"].str.startswith("theme_by_segment[sector, sales]").tolist() == [True]
    public = published({"theme_ranking": totals, "theme_by_segment": frame}, params)["theme_by_segment"]
    assert public["companies"].isna().sum() >= 1 and public["base"].tolist() == [9, 12]
    assert whole_segment_figures({"theme_ranking": totals, "theme_by_segment": public}, params).empty
    # seven outside, three of them wanting sales and four not: neither side is 1-2, and the cells stay
    wide = _sectors([("Kaustisen seutukunta", "sales", 5, 9), ("Kokkolan seutukunta", "sales", 6, 12)])
    wide_totals = _ranking({"sales": 14}, 28)
    assert whole_segment_figures({"theme_ranking": wide_totals, "theme_by_segment": wide}, params).empty
    kept = published({"theme_ranking": wide_totals, "theme_by_segment": wide}, params)["theme_by_segment"]
    pd.testing.assert_series_equal(kept["companies"], wide["companies"], check_dtype=False)


def test_a_misspelt_workshop_language_is_named_with_what_it_may_mean(caplog):
    """QA rounds 18 and 19: a register cell 'ruotis' took the workshop out of every language figure, first without
    a word, then with a word in the log alone; now the log and the steering report's data warnings say it."""
    import pandas as pd

    from pipeline.analysis.language import unread_language
    from pipeline.report.headlines import data_warnings
    from pipeline.stages import input_problems

    assert [unread_language(v) for v in ("Ruotis", "Svensak", "suomi/svenska", "Muu", "", None)] == \
        ["ruotsi", "svenska", None, "", None, None]
    register = pd.DataFrame({"workshop_id": ["TP1", "TP4"], "language": ["sv", "ruotis"], "participants": [9, 11],
                             "participants_low": [9, 11], "source_row": pd.array([2, 5], dtype="Int64")})
    with caplog.at_level("WARNING"):
        found = input_problems(workshop_register=register)
    assert found[["problem", "rows", "value", "meant", "workshop_id"]].values.tolist() == [
        ["unread_register_language", "5", "ruotis", "ruotsi", "TP4"]]
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and "row 5" in said[0] and "did you mean 'ruotsi'" in said[0] and "TP4" in said[0]
    meta = {"input_problems": found.astype(object).to_dict("records")}
    assert data_warnings({}, meta, Formatter(Messages("en")), {}) == [
        "Workshop register, row 5: the language “ruotis” names none of Finnish, Swedish and English (did you mean "
        "“ruotsi”?), so workshop TP4 is missing from every language figure. Correct the register."]


def test_a_company_is_routed_to_providers_of_its_municipality_and_language(tmp_path):
    """QA round 18: companies of Kaustinen were sent to a provider of the coast, and a Swedish-only company of
    Karleby to a Finnish-only provider; the catalogue's municipalities were read and never used."""
    import pandas as pd

    from pipeline.analysis.routing import read_catalogue, routing_tables

    path = tmp_path / "providers.yaml"
    path.write_text('providers:\n  - name: "Coast network"\n    themes: [sales]\n    languages: [sv, fi]\n'
                    '    municipalities: [Kruunupyy, Kokkola]\n  - name: "Development company"\n    themes: [sales]\n'
                    '    languages: [fi]\n    municipalities: [Kokkola, Kaustinen]\n  - name: "Anywhere"\n'
                    '    themes: [sales]\n', encoding="utf-8")
    catalogue = read_catalogue(path, ["sales"])
    ids = ["c0", "c1", "c2", "c3"]
    links = pd.DataFrame({"source": "needs", "record_id": ids, "company_id": ids, "source_company_id": ids,
                          "basis": "business_id", "name_id": "", "is_identified": True})
    demand = pd.DataFrame({"company_id": ids, "theme": "sales"})
    languages = pd.DataFrame({"company_id": ["c0", "c1", "c2"], "language": ["fi", "sv", "fi"], "basis": "question"})
    profiles = pd.DataFrame({"company_id": ids, "municipality": ["Kaustinen", "Karleby", "Kokkola", pd.NA]})
    params = {"min_count": 3, "min_base": 5, "edition": "steering", "subregions": {"Kokkolan seutukunta":
              ["Kokkola", "Kruunupyy"], "Kaustisen seutukunta": ["Kaustinen"]},
              "municipality_aliases": {"Karleby": "Kokkola"}}
    routed = routing_tables(catalogue, demand, links, languages, {}, params, profiles)["company_routing"]
    assert routed[["company_id", "providers", "municipality", "other_providers"]].values.tolist() == [
        ["c0", "Development company; Anywhere", "Kaustinen", "Coast network"],
        ["c1", "Coast network; Anywhere", "Karleby", "Development company"],
        ["c2", "Coast network; Development company; Anywhere", "Kokkola", ""],
        ["c3", "Anywhere; Coast network; Development company", "", ""]]


def test_the_jakobstad_regions_swedish_names_are_one_municipality_with_their_finnish_ones(caplog):
    """QA round 18: 'Kronoby (n = 2), Kruunupyy (n = 1)' were listed as two places."""
    import pandas as pd

    from pipeline.analysis.stats import canonical_municipalities
    from pipeline.config import defaults

    analysis = defaults()["analysis"]
    with caplog.at_level("WARNING", logger="pipeline.analysis.stats"):
        spelled = canonical_municipalities(pd.Series(["Kronoby", "Kruunupyy", "Jakobstad", "Karleby", "kronoby "]),
                                           analysis["subregions"], analysis["municipality_aliases"])
    assert spelled.tolist() == ["Kruunupyy", "Kruunupyy", "Pietarsaari", "Kokkola", "Kruunupyy"]
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and "Kruunupyy (n = 3), Pietarsaari (n = 1);" in said[0]


def test_a_workshop_without_a_feedback_survey_has_no_too_few_responses_flag_in_the_report():
    """QA round 18: workshops with no feedback survey read "Liian vähän vastauksia: ei"."""
    import pandas as pd

    from pipeline.report import edition_tables
    from pipeline.report.content import Formatter

    summary = pd.DataFrame({"workshop_id": ["W1", "W2", "W3"], "is_surveyed": [True, False, True],
                            "is_small_n": [False, False, True]})
    for edition in ("steering", "public"):
        shown = edition_tables({"feedback_summary": summary}, {"edition": edition, "min_count": 3}, "fi")
        cells = [Formatter(Messages("fi")).cell("is_small_n", v) for v in shown["feedback_summary"]["is_small_n"]]
        assert cells == ["ei", "", "kyllä"]
    assert summary["is_small_n"].tolist() == [False, False, True]      # the input is not modified


def test_the_headlines_give_the_top_themes_n_and_the_funnels_second_theme_its_interval():
    """QA round 18: "Eniten kysyntää: Myynti (65 %, 95 % LV 39–81 %)" had no n, and the funnel headline's
    second theme "4/5" no interval."""
    import pandas as pd

    from pipeline.charts.linking import funnel_headline
    from pipeline.report.headlines import theme_ranking as ranking_headline

    fmt = Formatter(Messages("en"))
    ranking = pd.DataFrame({"theme": ["sales", "export"], "theme_name": ["Sales", "Export"], "companies": [17, 9],
                            "respondents": [26, 26], "share": [17 / 26, 9 / 26], "ci_low": [0.46, 0.19],
                            "ci_high": [0.81, 0.54]})
    line = ranking_headline({"theme_ranking": ranking}, {"confidence": 0.95}, fmt, {})
    assert line == "Most wanted: Sales (65%, 95% CI 46–81%), 17/26 companies"
    hidden = ranking_headline({"theme_ranking": ranking.assign(companies=pd.array([pd.NA, 9], dtype="Int64"))},
                              {"confidence": 0.95}, fmt, {})
    assert hidden == "Most wanted: Sales (65%, 95% CI 46–81%)"
    funnel = pd.DataFrame({"theme": ["sales", "export"], "theme_name": ["Sales", "Export"], "asked": [15, 9],
                           "traced": [8, 5], "attended": [6, 4], "share": [0.75, 0.8], "ci_low": [0.41, 0.38],
                           "ci_high": [0.93, 0.96]})
    assert funnel_headline({"funnel": funnel}, {}, fmt, {}).endswith("for Export it was 4 of 5 (38–96%).")


def test_a_workshop_dated_after_the_run_is_a_data_warning():
    """QA round 18: a register date typed 3.9.2027 counted the workshop as held, without a word."""
    import pandas as pd

    from pipeline.report.headlines import data_warnings

    summary = pd.DataFrame({"workshop_id": ["TP1", "TP6"], "date": pd.to_datetime(["2025-02-11", "2027-09-03"])})
    said = data_warnings({"feedback_summary": summary}, {"run_date": "2026-12-03"}, Formatter(Messages("en")), {})
    assert said == [Messages("en")("report.warning.future_workshop", workshop="TP6", date="2027-09-03")]
    assert data_warnings({"feedback_summary": summary}, {"run_date": "2027-12-01"}, Formatter(Messages("en")), {}) == []


def test_a_company_answering_twice_is_named_by_its_rows(tmp_path, caplog):
    """QA rounds 18 and 19: a company that answered twice (a new response, the same Y-tunnus, one more option)
    changed the branding figures, and only "27 (26 companies)" said so; then the rows were named in the log alone."""
    from pipeline.ingest import read_survey
    from pipeline.report.headlines import data_warnings
    from pipeline.stages import input_problems

    path = tmp_path / "needs.csv"
    path.write_text("Y-tunnus,Kunta,Mitä tarvitsette?\n1234567-1,Kokkola,Myynti\n7654321-2,Kannus,Vienti\n"
                    "2345678-0,Veteli,Data\n1234567-1,Kokkola,Myynti ja brändi\n", encoding="utf-8")
    survey = read_survey(path, key=b"k" * 32)
    with caplog.at_level("WARNING"):
        found = input_problems(needs_survey=survey)
    said = [r.getMessage() for r in caplog.records if "answered for the same company" in r.getMessage()]
    assert said == ["needs.csv: rows 2, 5 answered for the same company (the same business ID): it counts once, "
                    "with the options any of them chose; delete a row if it is a test or a mistake"]
    meta = {"input_problems": found.astype(object).to_dict("records")}
    assert data_warnings({}, meta, Formatter(Messages("fi")), {}) == [
        "needs.csv: rivit 2, 5 vastasivat samasta yrityksestä (sama Y-tunnus); se lasketaan kerran, kaikkien "
        "vastausten valinnoin. Poista rivi, jos se on testi tai virhe."]
    public = {"input_problems": []}
    assert data_warnings({}, public, Formatter(Messages("fi")), {}) == []


def test_the_workbook_hides_in_a_flagged_funnel_row_only_what_the_summaries_hide():
    """QA round 18: the public workbook's funnel read ":c" for traced counts the summaries and funnel.csv
    published (8 and 5)."""
    import openpyxl
    import pandas as pd

    from pipeline.report.xlsx import write_table

    funnel = pd.DataFrame({"theme": ["sales"], "theme_name": ["Sales"], "asked": [16], "traced": [8],
                           "attended": pd.array([pd.NA], dtype="Int64"), "share": pd.array([pd.NA], dtype="Float64"),
                           "suppressed": [True]})
    ws = openpyxl.Workbook().active
    write_table(ws, funnel, Messages("en"), "funnel")
    assert [c.value for c in ws[2]][2:6] == [16, 8, ":c", ":c"]


def test_the_workbooks_last_sheet_holds_the_summaries_key_findings():
    """QA round 18: summary.xlsx held no key finding; the headline sentences were in md, html and pptx only."""
    import io

    import openpyxl
    import pandas as pd

    from pipeline.report import workbook_document

    ranking = pd.DataFrame({"theme": ["sales"], "theme_name": ["Sales"], "companies": [17], "respondents": [26],
                            "share": [17 / 26], "ci_low": [0.46], "ci_high": [0.81], "rank": [1]})
    meta = {"edition": "steering", "confidence": 0.95, "run_date": "2026-12-03", "respondents": 26}
    book = openpyxl.load_workbook(io.BytesIO(workbook_document({"theme_ranking": ranking}, meta, "en")["summary.xlsx"]))
    assert book.sheetnames[0] == "About" and book.sheetnames[-1] == "Findings"
    column = [c.value for c in book.worksheets[-1]["A"]]
    at = column.index(Messages("en")("report.label.findings"))
    assert column[at + 1] == "Most wanted: Sales (65%, 95% CI 46–81%), 17/26 companies"


def test_every_register_row_is_accounted_for_with_the_registers_warnings():
    """Register warnings had reached the log alone, and ingest_report.json said nothing of the register's rows."""
    import pandas as pd

    from pipeline.ingest.register import register_with_accounts

    frame = pd.DataFrame({"workshop_id": ["W1", "", "W2", "Yhteensä"], "date": ["2025-02-11", "", "2025-03-04", ""],
                          "title": ["Myynti", "", "Vienti", ""], "format": ["lähi", "", "etä", ""],
                          "participants": ["12", "", "", "30"]})
    register, accounts = register_with_accounts(frame, "rekisteri.csv")
    assert register["workshop_id"].tolist() == ["W1", "W2"]
    # the totals row's disagreement with the workshops is a steering data warning since QA round 30 (it had
    # reached the log alone): the accounts carry it beside the warnings
    assert {k: v for k, v in accounts.items() if k not in ("warnings", "totals_mismatch")} == {
        "file": "rekisteri.csv", "rows_in": 4, "workshops": 2, "skipped_empty": 1, "skipped_totals": 1}
    assert accounts["totals_mismatch"] == [{"row": 5, "stated": 30, "summed": "12"}]
    assert [w.split(":")[0] for w in accounts["warnings"]] == ["rekisteri.csv, row 4", "rekisteri.csv, row 5",
                                                              "rekisteri.csv, row 5"]


def test_segments_whose_every_figure_is_hidden_are_left_out_of_the_export_table_and_said_so():
    """QA round 19: a public export-readiness table printed 30 rows of nothing but ":c"."""
    import pandas as pd

    from pipeline.report.content import _without_hidden_segments

    frame = pd.DataFrame({"segment_type": ["all", "all", "size", "size", "sector", "sector"],
                          "segment": ["all", "all", "1", "1", "Palvelut", "Palvelut"],
                          "answer": ["yes", "no"] * 3, "companies": [8, 18, None, None, None, 4],
                          "base": [26, 26, None, None, 5, 5], "share": [0.3, 0.7, None, None, None, 0.8],
                          "suppressed": [False, False, True, True, True, False]})
    kept, dropped = _without_hidden_segments(frame)
    assert dropped == 1 and kept["segment"].tolist() == ["all", "all", "Palvelut", "Palvelut"]


def test_a_swedish_projects_own_sub_regions_keep_their_names_against_the_default_aliases(caplog):
    """QA round 20: sub-regions listed in Swedish ("Karleby", "Jakobstad") lost their companies to the default
    aliases (Karleby → Kokkola, Jakobstad → Pietarsaari), which then stood outside every sub-region."""
    import pandas as pd

    from pipeline.analysis.stats import canonical_municipalities
    from pipeline.config import defaults

    aliases = defaults()["analysis"]["municipality_aliases"]
    subregions = {"Jakobstadsregionen": ["Jakobstad", "Larsmo", "Nykarleby", "Pedersöre"],
                  "Karlebyregionen": ["Karleby", "Kronoby"]}
    with caplog.at_level("WARNING", logger="pipeline.analysis.stats"):
        spelled = canonical_municipalities(pd.Series(["Jakobstad", "Pietarsaari", "Karleby", "Kokkola", "Kruunupyy",
                                                      "Luoto", "Pedersöre"]), subregions, aliases)
    assert spelled.tolist() == ["Jakobstad", "Jakobstad", "Karleby", "Karleby", "Kronoby", "Larsmo", "Pedersöre"]
    assert not [r for r in caplog.records if "outside every sub-region" in r.getMessage()]


def test_answers_coded_as_no_theme_below_the_threshold_count_as_uncertain():
    """QA round 20: the two least confident answers of a survey, coded `other`, were in no `uncertain` count of
    coding_agreement.csv (nor the report's column); option labels stay out, as for the themes."""
    import pandas as pd

    from pipeline.coding.review import agreement

    coded = pd.DataFrame({"answer_id": ["a1", "a2", "a3", "a4", "a5"],
                          "source": ["open", "open", "open", "option", "open"],
                          "themes": [["sales"], ["other"], ["other"], ["other"], ["data"]],
                          "confidence": [0.6, 0.54, 0.9, 0.5, 0.95], "reviewed": [False] * 5,
                          "uncertain_themes": [["sales"], [], [], [], []]})
    pairs = pd.DataFrame({"analyst": pd.Series(dtype=object), "machine": pd.Series(dtype=object)})
    counted = agreement(pairs, "needs", ["sales", "data"], coded, threshold=0.75).set_index("theme")["uncertain"]
    assert counted.to_dict() == {"all": 2}
    assert agreement(pairs, "needs", ["sales", "data"], coded).set_index("theme")["uncertain"].to_dict() == {"all": 1}


def test_one_question_asking_what_was_good_and_what_to_improve_is_a_general_comment():
    """QA round 20: "Vad var bra och vad kan förbättras?" took the role of the praise question, and its
    criticisms ("Segt och inget nytt") were listed as what was good."""
    import pandas as pd

    from pipeline.roles import assign_roles

    combined = pd.DataFrame({"question_id": ["q1", "q2"], "type": ["likert", "open"], "options": [[], []],
                             "text": ["Hur nöjd är du?", "Vad var bra och vad kan förbättras?"]})
    assert assign_roles(combined, "feedback")["role"].tolist() == ["satisfaction", "comment_text"]
    apart = pd.DataFrame({"question_id": ["q1", "q2", "q3"], "type": ["open"] * 3, "options": [[], [], []],
                          "text": ["Mikä oli hyvää?", "Mitä kehittäisit?", "Muuta kommentoitavaa"]})
    assert assign_roles(apart, "feedback")["role"].tolist() == ["good_text", "improve_text", "comment_text"]
