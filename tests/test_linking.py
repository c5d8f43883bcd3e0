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
