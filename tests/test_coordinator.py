"""A coordinator's own files, as their tools export them (issues 13 and 16): tests/data/coordinator/.

The end-to-end test runs the pipeline on the set with a project.toml that only names the files, the feedback
workshops and one excluded test row, and checks the figures counted by hand in tests/data/coordinator/EXPECTED.md.
The small tests below pin each quirk the set exposed, on inline data.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import run_cli

COORDINATOR = Path(__file__).resolve().parent / "data" / "coordinator"


@pytest.fixture(scope="module")
def coordinator_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("coordinator-run")
    result = run_cli("run", "--config", str(COORDINATOR / "project.toml"), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out


def _csv(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / "processed" / f"{name}.csv")


@pytest.mark.slow
def test_coordinator_set_gives_the_hand_counts(coordinator_out):
    out = coordinator_out
    report = json.loads((out / "processed" / "ingest_report.json").read_text(encoding="utf-8"))
    needs = report["needs"]
    assert (needs["rows_in"], needs["accepted"], needs["excluded"]) == (32, 31, 1)

    # issue 13: the survey's own eight options, per company (the repeat submission of one company counts once)
    options = _csv(out, "option_ranking").set_index("option")
    assert options["companies"].to_dict() == {
        "Myynti ja asiakashankinta": 18, "Markkinointi ja brändi": 14, "Sosiaalinen media": 11,
        "Tiedolla johtaminen ja data": 8, "Verkkokauppa": 7, "Kansainvälistyminen ja vienti": 6,
        "Talous ja rahoitus": 6, "Henkilöstön osaaminen": 4}
    assert set(options["base"]) == {30}
    assert options.loc["Talous ja rahoitus", "theme"] == "other"

    # the register as kept by hand: 15 workshops (the totals row skipped), ranges kept, themes coded
    workshops = _csv(out, "workshops").set_index("workshop_id")
    assert len(workshops) == 15
    assert int(workshops["participants"].sum()) == 257 and int(workshops["participants_low"].sum()) == 246
    assert (workshops.loc[3, "participants_low"], workshops.loc[3, "participants"]) == (7, 18)
    assert workshops.loc[1, "participants"] == 20 and workshops.loc[4, "participants"] == 25
    assert workshops.loc[7, "participants"] == 15
    assert workshops["format"].value_counts().to_dict() == {"onsite": 9, "online": 4, "hybrid": 2}
    themes = workshops["themes"].fillna("")
    assert sorted(workshops.index[themes == "sales"]) == [3, 8, 12]
    assert sorted(workshops.index[themes == "branding"]) == [1, 2, 6, 9, 14]
    assert themes[13] == "" and themes[15] == ""       # "talous", "kaikki teemat": no theme, and no title guess
    reach = _csv(out, "reach").set_index("indicator")["value"]
    assert (reach["participations_low"], reach["participations"]) == (246, 257)

    # each feedback survey's response rate (a range where the register wrote one) and satisfaction share
    summary = _csv(out, "feedback_summary").set_index("workshop_id")
    expected = {1: (12, 12 / 20, 12 / 20, 9 / 12), 3: (6, 6 / 18, 6 / 7, 4 / 6), 6: (10, 10 / 14, 10 / 14, 9 / 10),
                9: (8, 8 / 22, 8 / 22, 6 / 8)}
    for wid, (responses, rate, rate_high, satisfied) in expected.items():
        row = summary.loc[wid]
        assert row["responses"] == responses
        assert row["response_rate"] == pytest.approx(rate)
        assert row["response_rate_high"] == pytest.approx(rate_high)
        assert row["top2_share"] == pytest.approx(satisfied)
    overall = _csv(out, "feedback_overall").iloc[0]
    assert (overall["participants_low_rate_known"], overall["participants_rate_known"]) == (63, 74)

    # no false "no supply": every demanded theme has its workshops
    coverage = _csv(out, "coverage").set_index("theme")
    assert coverage.loc[["sales", "branding", "data", "ecommerce", "export"], "workshops"].tolist() == [3, 5, 2, 2, 1]
    summary_md = (out / "reports" / "summary.md").read_text(encoding="utf-8")
    findings = summary_md.split("## Keskeiset havainnot", 1)[1].split("\n## ", 1)[0]
    # the only theme short of supply is export (1 workshop, fewer than feedback_min_supply_workshops): true
    assert "- Kysyttyjä teemoja ilman riittävää tarjontaa: Vienti ja kansainvälistyminen\n" in findings
    assert "246–257 osallistumista" in findings and "(49–57\xa0%)" in findings

    # issue 16: linking, the funnel, language, routing
    linking = _csv(out, "linking").set_index(["measure", "source"])["companies"]
    assert linking[("linked", "all")] == 23
    assert (linking[("linked_by", "business_id")], linking[("linked_by", "name")]) == (18, 5)
    assert linking[("not_in_needs", "all")] == 1
    assert linking[("companies", "feedback")] == 0      # unidentified feedback answers are no companies
    funnel = _csv(out, "funnel").set_index("theme")
    assert tuple(funnel.loc["sales", ["asked", "traced", "attended"]]) == (18, 15, 3)
    assert funnel.loc["sales", "share"] <= 0.35
    assert tuple(funnel.loc["branding", ["traced", "attended"]]) == (14, 11)
    assert funnel.loc["branding", "share"] >= 0.60
    language = _csv(out, "language").set_index(["measure", "language"])
    assert tuple(language.loc[("companies", "sv"), ["value", "base"]]) == (7, 30)
    assert language.loc[("workshops", "sv"), "value"] == 2
    assert language.loc[("participations", "sv"), "value"] == 26
    assert language.loc[("workshops_incl_bilingual", "sv"), "value"] == 3
    assert language.loc[("participations_incl_bilingual", "sv"), "value"] == 66
    # the register wrote one range (7-18): the base of participations is a range too, 246-257
    assert tuple(language.loc[("participations", "fi"), ["value_low", "value", "base_low", "base"]]) == \
        (180, 191, 246, 257)
    # asking for Swedish, by meaning: the praise "Allt på svenska!" is no request
    assert language.loc[("service_requests", "sv"), "value"] == 3
    requests = _csv(out, "language_requests")
    assert sorted(requests["text"]) == ["Fler workshoppar på svenska", "Gärna fler workshoppar på svenska",
                                        "Mer på svenska, tack"]
    assert "ne mukaan lukien ruotsiksi pidettiin 3/15 työpajaa ja 66 osallistumista" in findings
    routing = _csv(out, "service_routing").set_index("theme")
    assert bool(routing.loc["data", "is_gap"]) and not bool(routing.loc["sales", "is_gap"])
    assert bool(routing.loc["sales", "is_language_gap"])
    assert not bool(routing.loc["export", "is_language_gap"])

    # every question reported: the bare-statement grid, the preferred format, the future-topics answers
    distribution = _csv(out, "question_distribution")
    fmt = distribution[distribution["question"].str.startswith("Mikä toteutustapa", na=False)]
    assert dict(zip(fmt["answer"], fmt["companies"])) == {"Lähitapahtuma": 12, "Etätapahtuma (Teams)": 6,
                                                         "Hybridi": 6}
    scales = _csv(out, "question_scales")
    assert "Verkkosivumme tukevat myyntiä" in set(scales["item"].astype(str))
    used = _csv(out, "data_used")
    roles = dict(zip(used["question"].fillna(""), used["role"].fillna("")))
    assert roles["Mihin hankkeen työpajoihin yrityksestänne osallistuttiin?"] == "attended"
    assert roles["Mikä työpajassa oli hyödyllisintä?"] == "good_text"
    assert not ((used["role"] == "business_id") & (used["use"] == "not_found")).any()


# --- the quirks, one by one ---------------------------------------------------------------------------------

def test_register_hours_as_written():
    from pipeline.ingest.register import _parse_hours

    assert _parse_hours("3 x 3", "r") == 9
    assert _parse_hours("2,5", "r") == 2.5
    assert _parse_hours("3 h", "r") == 3
    assert _parse_hours("1,5 tuntia", "r") == 1.5
    from pipeline.errors import InputError
    with pytest.raises(InputError, match="row 7, column hours"):
        _parse_hours("aamupäivä", "row 7")


def _register(rows):
    return pd.DataFrame(rows, columns=["workshop_id", "title", "themes", "source_row", "is_themes_coded"])


def test_a_written_theme_that_codes_to_nothing_takes_no_theme_from_the_title(caplog):
    from pipeline.analysis.feedback import REGISTER_TEXT_PREFIX, with_coded_themes

    register = _register([("13", "Hinnoittelu ja kannattavuus", "talous", 17, False),
                          ("16", "Verkkokaupan perusteet", "", 18, False)])
    codes = pd.DataFrame({"text_id": [f"{REGISTER_TEXT_PREFIX}13:0", f"{REGISTER_TEXT_PREFIX}13",
                                      f"{REGISTER_TEXT_PREFIX}16"],
                          "theme": ["other", "sales", "ecommerce"], "themes": ["other", "sales", "ecommerce"]})
    with caplog.at_level(logging.WARNING):
        out = with_coded_themes(register, codes, ["sales", "ecommerce", "branding"])
    assert out["themes"].tolist() == ["", "ecommerce"]     # an empty cell still takes its title's theme
    assert "row 17" in caplog.text and "'talous'" in caplog.text


def test_closing_event_is_not_a_sales_closing():
    from pipeline.coding import ThemeCoder, load_taxonomy

    coder = ThemeCoder(load_taxonomy("needs"), use_voikko=False)
    texts = ["Päätösseminaari / Avslutningsseminarium", "Closing event", "Hjälp med avslut och offerter"]
    coded = coder.code(pd.DataFrame({"text_id": ["a", "b", "c"], "text": texts}))
    assert coded["theme"].tolist() == ["other", "other", "sales"]


def test_attendance_option_may_name_half_of_a_bilingual_title():
    from pipeline.analysis.linking import WorkshopMatcher

    matcher = WorkshopMatcher(pd.DataFrame({"workshop_id": ["15", "2"],
                                            "title": ["Päätösseminaari / Avslutningsseminarium", "Canva-työpaja"]}))
    assert matcher.one("Päätösseminaari") == "15" and matcher.one("Avslutningsseminarium") == "15"
    assert matcher.one("Canva työpaja") == "2"
    assert matcher.match(["Päätösseminaari", "En osallistunut mihinkään"]) == (["15"], [], True)


def test_roles_of_the_coordinators_wording():
    from pipeline.roles import assign_roles

    impact = pd.DataFrame({"question_id": ["q1", "q2"], "type": ["multi", "open"],
                           "text": ["Mihin hankkeen työpajoihin yrityksestänne osallistuttiin?",
                                    "Mitä teette nyt toisin työpajojen ansiosta?"], "columns": [[], []]})
    assert assign_roles(impact, "impact")["role"].tolist() == ["attended", "impact_text"]
    feedback = pd.DataFrame({"question_id": ["q1", "q2", "q3"], "type": ["likert", "single", "single"],
                             "text": ["Kuinka tyytyväinen olit työpajaan kokonaisuutena?",
                                      "Mikä työpajassa oli hyödyllisintä?", "Mitä kehittäisit?"],
                             "columns": [[], [], []]})
    assert assign_roles(feedback, "feedback")["role"].tolist() == ["satisfaction", "good_text", "improve_text"]


def test_feedback_rate_is_a_range_when_participants_are():
    from pipeline.analysis.feedback import _feedback_overall, _feedback_summary

    workshops = pd.DataFrame({"workshop_id": ["3", "6"], "title": ["Myynti", "Varumärke"],
                              "date": [pd.Timestamp("2022-10-13"), pd.Timestamp("2022-11-24")],
                              "participants": pd.array([18, 14], dtype="Int64"),
                              "participants_low": pd.array([7, 14], dtype="Int64"), "is_rate_known": [True, True]})
    responses = pd.DataFrame({"workshop_id": ["3"] * 6 + ["6"] * 10})
    scores = pd.DataFrame({"workshop_id": pd.Series([], dtype=str), "role": pd.Series([], dtype=str),
                           "score": pd.Series([], dtype=float)})
    comments = pd.DataFrame({"workshop_id": pd.Series([], dtype=str), "survey_no": pd.Series([], dtype=int),
                             "respondent_id": pd.Series([], dtype=str)})
    params = {"confidence": 0.95, "min_responses": 5}
    out = _feedback_summary(workshops, responses, {"3", "6"}, scores, comments, params)
    assert out["response_rate"].tolist() == pytest.approx([6 / 18, 10 / 14])
    assert out["response_rate_high"].tolist() == pytest.approx([6 / 7, 10 / 14])
    overall = _feedback_overall(workshops, responses, {"3", "6"}, scores, comments, params).iloc[0]
    assert (overall["participants_low_rate_known"], overall["participants_rate_known"]) == (21, 32)
    assert overall["response_rate_high"] == pytest.approx(16 / 21)


def test_unidentified_feedback_answers_are_no_companies():
    from pipeline.analysis.linking import _linking_summary

    links = pd.DataFrame({"source": ["needs", "feedback:a.csv", "feedback:a.csv"],
                          "record_id": ["n1", "f1", "f2"], "company_id": ["c1", "f1", "f2"],
                          "source_company_id": ["c1", "f1", "f2"], "basis": ["business_id", "none", "none"],
                          "name_id": ["", "", ""], "is_identified": [True, False, False]})
    summary = _linking_summary(links).set_index(["measure", "source"])
    assert summary.loc[("companies", "feedback"), "companies"] == 0
    assert summary.loc[("unidentified", "feedback"), "companies"] == 2


@pytest.mark.parametrize("wording", ["Valitse työpajat, joihin yrityksestänne joku osallistui", "Sessions attended",
                                     "Deltog ni i något av följande?"])
def test_the_attendance_question_worded_otherwise_is_still_found(tmp_path, wording):
    from openpyxl import load_workbook

    from pipeline.analysis.linking import attendance_facts, link_companies, with_attendance_by_options
    from pipeline.ingest import read_survey, read_table
    from pipeline.ingest.register import workshop_register
    from pipeline.roles import assign_roles, settled

    book = load_workbook(COORDINATOR / "Vaikuttavuuskysely 2023(1-24).xlsx")
    book.active["H1"] = wording
    path = tmp_path / "impact.xlsx"
    book.save(path)
    survey = read_survey(path, key=b"k")
    register = workshop_register(read_table(COORDINATOR / "Työpajarekisteri 2022-2023.xlsx"), "register.xlsx")
    impact = with_attendance_by_options(settled(survey.with_roles(assign_roles(survey.questions, "impact"))),
                                        register, 0.5)
    assert impact.question("attended")["text"] == wording
    _, traced, _, unknown = attendance_facts(link_companies(None, (), impact)["company_links"], register, impact=impact)
    assert len(traced) == 24 and unknown == []
