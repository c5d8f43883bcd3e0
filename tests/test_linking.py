"""Company linking across surveys and the funnel per workshop theme (issue 16)."""
from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from pipeline.analysis.linking import WorkshopMatcher, attendance_list, funnel_table, link_companies
from pipeline.errors import InputError
from pipeline.ingest import read_survey
from pipeline.ingest.companies import company_name_key
from pipeline.roles import assign_roles, settled

KEY = b"test-key"
PARAMS = {"confidence": 0.95, "min_count": 3, "min_base": 5, "edition": "steering",
          "feedback_yes_labels": ["kyllä"], "feedback_partly_labels": ["osittain"], "feedback_no_labels": ["ei"]}
REGISTER = pd.DataFrame({"workshop_id": ["W1", "W2", "W3"],
                         "title": ["Myyntivalmennus", "Brändipaja", "Study trip to Bergen, Norway"],
                         "themes": ["sales", "branding", "export"]})


def _survey(tmp_path, name, text, kind):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    survey = read_survey(path, key=KEY)
    return settled(survey.with_roles(assign_roles(survey.questions, kind)))


def test_name_variants_fold_to_one_key():
    assert {company_name_key(n) for n in ("Rantasen Vene Oy", "RANTASEN VENE OY.", "Oy Rantasen Vene Ab",
                                          "rantasen-vene")} == {"rantasenvene"}
    assert company_name_key("Bäck & Söner Ab") == company_name_key("Back och Soner")
    assert company_name_key("Oy") == ""
    # as coordinators' respondents write them: Oy Ab, Ltd, the legal form left out, å/ä/ö typed without dots
    assert {company_name_key(n) for n in ("Österbottens Båt Ab", "Osterbottens Bat Oy Ab", "ÖSTERBOTTENS BÅT LTD",
                                          "Österbottens båt")} == {company_name_key("Österbottens Båt")}
    assert company_name_key("Café Sjöbris") == company_name_key("Cafe Sjobris")


def test_name_only_answer_joins_the_business_id_given_with_the_same_name(tmp_path):
    needs = _survey(tmp_path, "needs.csv", "Y-tunnus,Yrityksen nimi,Kunta\n0112038-9,Rantasen Vene Oy,Kokkola\n"
                    "2345678-6,Mäen Puu Ky,Kannus\n", "needs")
    impact = _survey(tmp_path, "impact.csv", "Y-tunnus,Yrityksen nimi,Ovatko työpajat edistäneet?\n"
                     ",RANTASEN VENE,Kyllä\n,Unknown Ltd,Ei\n", "impact")
    links = link_companies(needs, (), impact)["company_links"]
    got = links.set_index(["source", links.groupby("source").cumcount()])["company_id"]
    assert got[("impact", 0)] == got[("needs", 0)]
    assert got[("impact", 1)] not in set(links.loc[links["source"] == "needs", "company_id"])
    assert links.loc[links["source"] == "impact", "basis"].tolist() == ["name", "name"]
    # no company name reaches a table
    assert not links.astype(str).apply(lambda c: c.str.contains("Rantasen|RANTASEN")).any().any()
    summary = link_companies(needs, (), impact)["linking"]
    linked = summary.set_index(["measure", "source"])["companies"]
    assert (linked[("linked", "all")], linked[("linked_by", "name")], linked[("not_in_needs", "all")]) == (1, 1, 1)


def test_a_comma_split_title_is_matched_whole():
    found, unknown, none = WorkshopMatcher(REGISTER).match(["Study trip to Bergen", "Norway", "brändipaja"])
    assert (found, unknown, none) == (["W3", "W2"], [], False)
    assert WorkshopMatcher(REGISTER).match(["En osallistunut mihinkään"]) == ([], [], True)


def test_attendance_list_without_company_columns_is_refused():
    frame = pd.DataFrame({"Työpaja": ["W1"], "Osallistuja": ["Matti"]})
    with pytest.raises(InputError, match="business-ID or company-name column"):
        attendance_list(frame, "attendance.csv", KEY)


def test_funnel_counts_traced_askers_only(tmp_path):
    needs = _survey(tmp_path, "needs.csv", "Y-tunnus,Kunta\n" + "".join(
        f"{n}00000{n}-0,Kokkola\n" for n in range(1, 8)), "needs")
    companies = needs.respondents["company_id"].tolist()
    asked = pd.DataFrame({"company_id": companies[:6] + companies[:2], "theme": ["sales"] * 6 + ["branding"] * 2,
                          "is_from_options": True, "is_from_text": False, "is_certain": True})
    impact_rows = "".join(f"{n}00000{n}-0,{'Myyntivalmennus' if n <= 1 else 'Brändipaja'},Kyllä\n"
                          for n in range(1, 6))
    impact = _survey(tmp_path, "impact.csv", "Y-tunnus,Mihin työpajoihin osallistuitte?,Ovatko työpajat edistäneet?\n"
                     + impact_rows, "impact")
    links = link_companies(needs, (), impact)["company_links"]
    out = funnel_table(links, asked, REGISTER, {"sales": "Myynti", "branding": "Brändi"}, PARAMS, impact=impact)
    got = out.set_index("theme")[["asked", "traced", "attended", "attended_without_asking"]]
    expected = pd.DataFrame({"asked": [6, 2], "traced": [5, 2], "attended": [1, 1], "attended_without_asking": [0, 3]},
                            index=pd.Index(["sales", "branding"], name="theme")).astype("Int64")
    assert_frame_equal(got, expected, check_index_type=False)
    assert out.set_index("theme").loc["sales", "share"] == pytest.approx(0.2)
    assert out.set_index("theme").loc["branding", "suppressed"]     # 2 traced: share not published
    assert asked.shape == (8, 5)                                    # inputs untouched


DATED = pd.DataFrame({"workshop_id": ["1", "2", "20", "21", "15"],
                      "title": ["Brändin rakentaminen 15.9.2022", "Canva-työpaja", "Brändityöpaja", "Brändityöpaja",
                                "Päätösseminaari / Avslutningsseminarium"],
                      "date": pd.to_datetime(["2022-09-15", "2022-09-29", "2023-01-10", "2023-02-11", "2023-05-11"]),
                      "themes": ["branding", "branding", "branding", "branding", ""]})


def test_titles_match_with_dates_and_numbers_set_aside_on_either_side():
    matcher = WorkshopMatcher(DATED)
    assert matcher.one("Brändin rakentaminen") == "1"                  # the register wrote the date in the title
    assert matcher.one("1. Brändin rakentaminen (15.9.)") == "1"
    assert matcher.one("Nro 2: CANVA TYÖPAJA, 29.9.2022") == "2"
    assert matcher.one("Avslutningsseminarium 11.5.2023") == "15"
    assert matcher.one("Brändityöpaja 11.2.") == "21"                  # the date tells two same titles apart
    assert matcher.one("Brändityöpaja 3.3.") is None and matcher.one("Somemarkkinointi") is None


def _impact_xlsx(tmp_path, header, rows):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    path = tmp_path / "impact.xlsx"
    wb.save(path)
    survey = read_survey(path, key=KEY)
    return settled(survey.with_roles(assign_roles(survey.questions, "impact")))


def test_the_attendance_question_is_found_by_its_options_whatever_its_wording(tmp_path):
    from pipeline.analysis.linking import data_used_by_options, with_attendance_by_options
    from pipeline.analysis.questions import data_used

    picks = ["Brändin rakentaminen;Canva työpaja;", "Päätösseminaari;", "En osallistunut mihinkään;",
             "1. Brändin rakentaminen (15.9.);Avslutningsseminarium;", "Canva työpaja;"]
    impact = _impact_xlsx(tmp_path, ["Y-tunnus", "Valitse työpajat, joihin yrityksestänne joku osallistui",
                                     "Ovatko työpajat edistäneet kehittämistä?"],
                          [[f"{n}00000{n}-0", p, "Kyllä"] for n, p in enumerate(picks, start=1)])
    assert impact.question("attended") is None                        # its wording names no role
    found = with_attendance_by_options(impact, DATED, 0.5)
    question = found.question("attended")
    assert question is not None and question["type"] == "multi"
    why = found.report["attendance_question"]
    assert (why["question_id"], why["found_by"], why["options_matched"]) == (question["question_id"], "options", 5)
    assert impact.question("attended") is None                        # the input survey is not modified
    used = data_used_by_options(data_used([("impact", found)]), [("impact", found)])
    assert used.loc[used["role"] == "attended", "use"].tolist() == ["by_options"]
    # a question the config names is never overridden, and without a register nothing changes
    assert with_attendance_by_options(impact, DATED, 0.5, {"attended": "x"}) is impact
    assert with_attendance_by_options(impact, None, 0.5) is impact


def test_option_columns_ingest_left_apart_are_read_with_the_attendance_question(tmp_path):
    from pipeline.analysis.linking import attendance_facts, with_attendance_by_options

    # one column per option, each holding its own label: a column only one company ticked (four words) was once
    # read as open text, leaving the options apart; merged or apart, all are options of the attendance question
    titles = ["Brändin rakentaminen", "Canva-työpaja", "En osallistunut mihinkään työpajaan"]
    rows = [[f"{n}00000{n}-0", *[t if t in ticked else None for t in titles], "Kyllä"]
            for n, ticked in enumerate([titles[:2], titles[:1], titles[1:2], titles[2:]], start=1)]
    impact = _impact_xlsx(tmp_path, ["Y-tunnus", *titles, "Ovatko työpajat edistäneet kehittämistä?"], rows)
    found = with_attendance_by_options(impact, DATED, 0.5)
    assert found.report["attendance_question"]["found_by"] == "options"
    links = link_companies(None, (), found)["company_links"]
    attended, traced, _, unknown = attendance_facts(links, DATED, impact=found)
    assert len(traced) == 4 and unknown == []                          # the company that attended none is traced
    assert sorted(attended["workshop_id"]) == ["1", "1", "2", "2"]
