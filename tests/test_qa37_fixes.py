"""What QA rounds 36-38 found wrong, each on a few inline rows."""
from __future__ import annotations

import pandas as pd

from pipeline.report import edition_tables


def test_the_public_edition_drops_the_idle_providers_column_as_it_drops_the_unserved_ones():
    """QA round 36 F5: the public workbook's routing sheet kept the header of the idle providers, a column the
    public edition leaves empty, while the two unserved columns were dropped."""
    routing = pd.DataFrame({"theme": ["sales"], "theme_name": ["Myynti"], "demand_companies": [8],
                            "swedish_demand_companies": [3], "providers": ["A"], "provider_languages": ["fi"],
                            "unserved_companies": [pd.NA], "unserved_swedish_companies": [pd.NA],
                            "idle_providers": [pd.NA], "is_gap": [False], "is_language_gap": [False]})
    public = edition_tables({"service_routing": routing}, {"edition": "public"}, "fi")["service_routing"]
    assert list(public.columns) == ["theme", "theme_name", "demand_companies", "swedish_demand_companies",
                                    "providers", "provider_languages", "is_gap", "is_language_gap"]
    steering = edition_tables({"service_routing": routing}, {"edition": "steering"}, "fi")["service_routing"]
    assert "idle_providers" in steering.columns


def test_a_sector_segment_is_named_in_the_reports_language():
    """QA round 36 F2: six of forty companies answered the Swedish copy ("Industri") and read their sector back
    in Finnish ("Teollisuus (n = 13)") in the Swedish report, while its places were in Swedish."""
    from pipeline.i18n import Messages
    from pipeline.segments import segment_name

    assert [segment_name("sector", n, Messages("sv")) for n in ("Teollisuus", "Industri", "Palvelut")] \
        == ["Industri", "Industri", "Tjänster"]
    assert [segment_name("sector", n, Messages("fi")) for n in ("Industri", "Teollisuus")] == ["Teollisuus"] * 2
    assert segment_name("sector", "Manufacturing", Messages("en")) == "Manufacturing"
    # a sector of the user's own, a size band and a place keep their rules
    assert segment_name("sector", "Kalastus", Messages("sv")) == "Kalastus"
    assert segment_name("size", "1-4", Messages("sv")) == "1-4"
    assert segment_name("municipality", "Kokkola", Messages("sv")) == "Karleby"


def test_the_export_readiness_table_names_its_segments_in_the_reports_language():
    """QA round 36 F2: the export-readiness table showed "toimiala | Palvelut" in the Swedish report."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter, display_table

    frame = pd.DataFrame({"segment_type": ["all", "sector", "municipality", "size"],
                          "segment": [pd.NA, "Palvelut", "Kokkola", "yli 50"], "answer": "yes", "base": [20, 8, 9, 5]})
    table = display_table(frame, "", Formatter(Messages("sv")), {}, "export_readiness")
    assert [row[1] for row in table.rows] == ["", "Tjänster", "Karleby", "över 50"]     # size: QA round 41


def test_the_export_readiness_chart_labels_its_segments_in_the_reports_language():
    from pipeline.charts.needs import export_readiness_chart
    from pipeline.i18n import Messages

    frame = pd.DataFrame({"segment_type": ["all", "all", "sector", "sector"], "segment": ["", "", "Teollisuus", "Teollisuus"],
                          "answer": ["yes", "maybe"] * 2, "base": [20, 20, 8, 8], "share": [0.5, 0.2, 0.5, 0.25],
                          "suppressed": False})
    fig = export_readiness_chart(frame, Messages("sv"))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any(label.startswith("Industri") for label in labels), labels


def test_the_routing_finding_names_the_needs_no_provider_lists():
    """QA round 36 F9: staff and recruitment, named by 8 of 40 companies, was no row of the routing table (which
    holds what providers list) and every row read "no gap"; the finding now names such needs with their counts."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import service_routing

    routing = pd.DataFrame({"theme": ["sales", "financing"], "theme_name": ["Sales", "Financing"],
                            "demand_companies": [5, 2], "swedish_demand_companies": [0, 0],
                            "unserved_companies": [0, 0], "unserved_swedish_companies": [0, 0],
                            "idle_providers": ["", ""]})
    emerging = pd.DataFrame({"cluster_id": [1, 2, 3, 4], "topic": ["staff", "financing", "succession", pd.NA],
                             "label": ["Staff and recruitment", "Financing", "Succession", "logistics, transport"],
                             "companies": [8, 2, 3, 4], "base": [40, 40, 40, 40]})
    fmt = Formatter(Messages("en"))
    said = service_routing({"service_routing": routing, "emerging_themes": emerging}, {}, fmt, {})
    assert said.endswith("Other needs the companies named that no provider of the catalogue lists: "
                         "Staff and recruitment 8 of 40, Succession 3 of 40."), said
    # without such needs, nothing more is said
    assert "Other needs" not in service_routing({"service_routing": routing,
                                                 "emerging_themes": emerging.iloc[[1, 3]]}, {}, fmt, {})


def test_a_public_segment_block_says_the_municipality_table_was_left_out():
    """QA round 36 F8: the public edition dropped the whole table by municipality (a small municipality could
    not be protected) and only the log said so; the report showed sub-regions and said nothing of municipalities."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter, hidden_segment_types

    rows = pd.DataFrame({"segment_type": ["all", "subregion", "sector"], "segment": ["", "Kokkolan seutukunta", "Kauppa"],
                         "theme": "sales", "companies": [20, 12, 8], "base": [40, 25, 15], "share": [0.5, 0.48, 0.53],
                         "suppressed": False, "members": [pd.NA, "Kokkola;Kruunupyy", pd.NA]})
    fmt = Formatter(Messages("en"))
    assert hidden_segment_types(rows, fmt) == [
        "By municipality: the table is left out, as the companies of a small municipality cannot be protected by "
        "hiding only some of its figures."]
    with_municipalities = pd.concat([rows, rows.iloc[[1]].assign(segment_type="municipality", segment="Kokkola")])
    assert hidden_segment_types(with_municipalities, fmt) == []
    # municipalities that repeat their sub-regions (shown once) are not a table left out
    repeating = pd.concat([rows, rows.iloc[[1]].assign(segment_type="municipality")])
    assert hidden_segment_types(repeating, fmt) == []


def test_attendance_rows_of_a_workshop_not_held_are_accounted_for_and_said_in_the_data_warnings(tmp_path):
    """QA round 31 F13: seven attendance-list rows of a workshop the register marks cancelled were left out with
    a log line only, and ``ingest_report.json`` had no word of the list."""
    from pipeline import stages
    from pipeline.config import defaults
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import _input_problems

    (tmp_path / "osallistujat.csv").write_text("Työpaja;Yrityksen nimi\nT4;Alpha Oy\nT5;Beta Oy\nT5;Gamma Oy\n",
                                               encoding="utf-8")
    register = {"cancelled_workshops": [{"workshop_id": "T5", "title": "Verkkokaupan perusteet", "row": 8}]}
    got = stages.attendance(defaults()["ingest"], b"k", tmp_path / "osallistujat.csv", register_accounts=register)
    assert got["attendance"]["source_row"].tolist() == [2]
    assert got["attendance_accounts"] == {"sources": [{"file": "osallistujat.csv", "attendances": 3, "kept": 1,
                                                       "not_held": [{"workshop_id": "T5", "rows": [3, 4]}]}]}
    report = stages.ingest_accounts(attendance_accounts=got["attendance_accounts"])["ingest_report"]
    assert report["attendance"]["sources"][0]["not_held"] == [{"workshop_id": "T5", "rows": [3, 4]}]
    problems = stages._attendance_not_held(got["attendance_accounts"])
    said = _input_problems({"input_problems": problems.fillna("").to_dict("records")}, Formatter(Messages("en")))
    assert said == ["osallistujat.csv, rows 3, 4: these attendance rows name workshop T5, which the register says was "
                    "not held; the 2 rows are left out of the funnel and the language figures. Correct the list or "
                    "the register, whichever is wrong."]
    # no list and no register companies: no accounts
    assert stages.attendance(defaults()["ingest"], b"k")["attendance_accounts"] == {}


def test_the_registers_companies_column_of_a_workshop_not_held_is_accounted_for_apart_from_the_list(tmp_path):
    """QA round 40 F6, F10: the accounts named the attendance list for the register's companies column's rows too
    (29 "of osallistujalista.xlsx", 17 of them the register's), and the names the register gave a cancelled
    workshop vanished before the accounting, without the warning the list's rows of it get."""
    from pipeline import stages
    from pipeline.config import defaults

    (tmp_path / "lista.csv").write_text("Työpaja;Yrityksen nimi\nT4;Alpha Oy\nT5;Beta Oy\n", encoding="utf-8")
    (tmp_path / "rekisteri.csv").write_text(
        "workshop_id;title;date;participants;Osallistuneet yritykset\n"
        "T4;Myynti;1.3.2025;5;Gamma Oy, Delta Oy\nT5;Verkkokauppa;8.3.2025;peruttu;Epsilon Oy, Zeta Oy\n",
        encoding="utf-8")
    from pipeline.ingest import read_table
    from pipeline.ingest.register import register_with_accounts

    _, register = register_with_accounts(read_table(tmp_path / "rekisteri.csv"), "rekisteri.csv", companies_read=True)
    assert register["cancelled_companies"] == [{"workshop_id": "T5", "row": 3, "companies": 2}]
    got = stages.attendance(defaults()["ingest"], b"k", tmp_path / "lista.csv", tmp_path / "rekisteri.csv",
                            register_accounts=register)
    assert got["attendance_accounts"] == {"sources": [
        {"file": "lista.csv", "attendances": 2, "kept": 1, "not_held": [{"workshop_id": "T5", "rows": [3]}]},
        {"file": "rekisteri.csv", "attendances": 4, "kept": 2, "not_held": [{"workshop_id": "T5", "rows": [3, 3]}]}]}
    assert sorted(got["attendance"]["workshop"]) == ["T4", "T4", "T4"]


def test_public_segment_options_are_listed_only_with_a_published_base_and_by_label():
    """QA round 34 F11: the public questions listed the sector options chosen by at least min_count companies, in
    order of their counts: two hidden bases (4 and 3) followed exactly from the published total, the listing
    (each >= 3) and the order."""
    from pipeline.stages import questions
    from pipeline.survey import Survey

    sectors = ["Teollisuus"] * 6 + ["Palvelut"] * 5 + ["Maatalous"] * 4 + ["Rakentaminen"] * 3
    interests = ["Vienti"] * 3 + ["Myynti"] * 5 + ["Data"] * 10
    n = len(sectors)
    respondents = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(n)], "company_id": [f"c{i}" for i in range(n)]})
    answers = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(n)] * 2, "question_id": ["q1"] * n + ["q2"] * n,
                            "value": sectors + interests})
    qs = pd.DataFrame({"question_id": ["q1", "q2"], "type": ["single", "multi"], "role": ["sector", "interests"],
                       "options": [["Teollisuus", "Palvelut", "Maatalous", "Rakentaminen"], ["Data", "Myynti", "Vienti"]]})
    survey = Survey(source="needs.csv", tool="generic", encoding=None, delimiter=None, header_rows=1, questions=qs,
                    respondents=respondents, answers=answers, rejected=pd.DataFrame())
    public = questions(survey, {"min_count": 3, "min_base": 5, "edition": "public"})
    assert public["options"].tolist() == [["Palvelut", "Teollisuus"], ["Data", "Myynti", "Vienti"]]


_TAXONOMY = """name: Matkailu
themes:
  service_design:
    names: {fi: Palvelumuotoilu, sv: Tjänstedesign, en: Service design}
    description: Palvelujen kehittäminen asiakkaan näkökulmasta.
    seeds: {fi: [palvelumuotoilu, asiakaskokemus], sv: [tjänstedesign], en: [service design]}
  accessibility:
    names: {fi: Saavutettavuus, sv: Tillgänglighet, en: Accessibility}
    description: Esteettömyys ja saavutettavuus.
    seeds: {fi: [esteettömyys, asiakaskokemus], sv: [tillgänglighet], en: [accessibility]}
"""


def _taxonomy_file(tmp_path, text):
    path = tmp_path / "oma.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_theme_written_twice_in_a_taxonomy_is_refused_naming_both_lines(tmp_path):
    """QA round 37 F2: the second block of a theme written twice silently replaced the first (accessibility 0
    companies where the key gives 7)."""
    import pytest

    from pipeline.coding.taxonomy import load_taxonomy
    from pipeline.errors import InputError

    twice = _TAXONOMY + """  accessibility:
    names: {fi: Esteettömyys, sv: Rullstol, en: Wheelchair}
    description: Toinen.
    seeds: {fi: [pyörätuoli]}
"""
    with pytest.raises(InputError, match=r"oma.yaml: not a readable YAML file \('accessibility' is written twice "
                                         r"\(lines 7 and 11\); keep one\)"):
        load_taxonomy(_taxonomy_file(tmp_path, twice))


def test_a_tab_in_a_taxonomy_names_the_line_and_the_fix(tmp_path):
    """QA round 37 F6: "not a readable YAML file (while scanning for the next token)": no line, no fix."""
    import pytest

    from pipeline.coding.taxonomy import load_taxonomy
    from pipeline.errors import InputError

    with pytest.raises(InputError, match=r"line 4: found character '.t' .*; indent with spaces, not tabs"):
        load_taxonomy(_taxonomy_file(tmp_path, _TAXONOMY.replace("    names: {fi: Palvelu", "\tnames: {fi: Palvelu")))


def test_a_topic_slug_that_is_a_theme_slug_and_a_name_given_twice_are_refused(tmp_path):
    """QA round 37 F1: an other topic slugged like a theme was accepted, and the routing added the theme's
    companies to the topic's under the topic's name; F7: two themes of one display name gave two rows of it."""
    import pytest

    from pipeline.coding.taxonomy import load_taxonomy
    from pipeline.errors import InputError

    topic = _TAXONOMY + """other_topics:
  accessibility:
    names: {fi: Sesonki, sv: Säsong, en: Season}
    description: Sesonkivaihtelu.
    seeds: {fi: [sesonki]}
"""
    with pytest.raises(InputError, match="other_topics.accessibility: also the slug of a theme; rename one"):
        load_taxonomy(_taxonomy_file(tmp_path, topic))
    named = _TAXONOMY.replace("{fi: Saavutettavuus, sv: Tillgänglighet", "{fi: Palvelumuotoilu, sv: Tillgänglighet")
    with pytest.raises(InputError, match="accessibility.names.fi: 'Palvelumuotoilu' is also the name of service_design"):
        load_taxonomy(_taxonomy_file(tmp_path, named))


def test_a_users_taxonomy_warns_of_a_seed_under_two_themes_and_a_language_without_seeds(tmp_path, caplog):
    """QA round 37 F7: a seed under two themes (each answer naming it counts for both) and a theme without Swedish
    seeds (its Swedish askers coded `other`) passed the load check without a word."""
    from pipeline.coding.taxonomy import load_taxonomy

    load_taxonomy(_taxonomy_file(tmp_path, _TAXONOMY.replace("sv: [tillgänglighet], ", "")))
    assert "1 seed(s) are listed under two themes, so an answer naming one counts for both: 'asiakaskokemus' " \
           "(service_design, accessibility)" in caplog.text
    assert "accessibility has no sv seeds" in caplog.text
    caplog.clear()
    load_taxonomy("needs")      # the shipped files share seeds on purpose
    assert caplog.text == ""


def test_the_export_role_goes_to_the_question_whose_answers_are_yes_maybe_no():
    """QA round 38 F2: a competence statement "Arvioikaa osaamista [Vienti …]" on an agreement scale (typed a
    single choice) came before the export question; its "Ei samaa eikä eri mieltä" reads as "ei", so it took the
    export role and the key finding said "0 % interested (n = 32)" where the export question gave 40 %."""
    from pipeline.roles import assign_roles

    scale = ["Täysin samaa mieltä", "Jokseenkin samaa mieltä", "Ei samaa eikä eri mieltä", "Jokseenkin eri mieltä",
             "Täysin eri mieltä"]
    questions = pd.DataFrame({"question_id": ["q1", "q2"], "type": ["single", "single"],
                              "text": ["Arvioikaa yrityksenne osaamista [Vienti ja kansainvälinen kauppa]",
                                       "Onko yrityksellänne kiinnostusta kehittää vientiä?"],
                              "options": [scale, ["Kyllä", "Ehkä", "Ei"]]})
    assert assign_roles(questions, "needs")["role"].tolist() == ["", "export"]


def test_an_impact_scale_counts_a_company_that_answered_twice_with_its_latest_answer():
    """QA round 38 F3: the impact survey's learning statement took a repeat company's earliest answer while the
    impact shares took its latest: two rows of one Kirkpatrick table read different answers of one company. The
    needs survey keeps its earliest."""
    from pipeline.analysis.questions import question_tables
    from pipeline.config import defaults
    from pipeline.schemas import conform, empty
    from pipeline.survey import Survey

    scale = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä", "Jokseenkin samaa mieltä",
             "Täysin samaa mieltä"]
    text = "Työpajat lisäsivät yrityksemme osaamista"
    scores = [5, 5, 4, 4, 2, 1]          # r5 answered again for r0's company, later
    q = conform(pd.DataFrame([{"question_id": "q1", "text": text, "type": "likert", "columns": [text],
                               "options": scale, "role": ""}]), "questions")
    a = conform(pd.DataFrame([{"respondent_id": f"r{i}", "question_id": "q1", "item": text, "value": scale[s - 1],
                               "text": None, "score": float(s), "is_dont_know": False}
                              for i, s in enumerate(scores)]), "answers")
    r = conform(pd.DataFrame({"respondent_id": [f"r{i}" for i in range(6)],
                              "company_id": ["c0", "c1", "c2", "c3", "c4", "c0"], "source_row": range(2, 8),
                              "submitted_at": pd.to_datetime([f"2026-05-0{i + 1}" for i in range(6)])}), "respondents")

    def mean(kind):
        survey = Survey(f"{kind}.csv", "msforms", "utf-8", ",", 1, q, r, a, empty("rejected"), {})
        scales = question_tables([(kind, survey)], {}, {}, {**defaults()["analysis"], "edition": "steering"})
        return float(scales["question_scales"]["mean"].iloc[0])

    assert mean("impact") == (1 + 5 + 4 + 4 + 2) / 5       # c0 with its latest answer, 1
    assert mean("needs") == (5 + 5 + 4 + 4 + 2) / 5        # the needs survey's rule: the earliest


def test_a_users_taxonomy_without_data_or_export_codes_what_the_shipped_readings_would_move():
    """QA round 37 F8: the coder's readings tuned to the shipped needs themes moved a `sales` match beside a data
    word to `data` (and a weak online word beside a know-how word too) whatever taxonomy was loaded: a user's
    taxonomy without `data` ended the whole run in ``KeyError: 'data'``."""
    from pipeline.coding.coder import ThemeCoder
    from pipeline.coding.taxonomy import taxonomy_from_mapping
    from pipeline.config import load_settings

    names = {"fi": "Myynti", "sv": "Försäljning", "en": "Sales"}
    raw = {"name": "mini", "themes": {
        "sales": {"names": names, "description": "Selling.",
                  "seeds": {"fi": ["myynti"], "sv": ["försäljning"], "en": ["sales"]}},
        "digital_marketing": {"names": {"fi": "Digimarkkinointi", "sv": "Digital marknadsföring",
                                        "en": "Digital marketing"}, "description": "Online.",
                              "seeds": {"fi": ["somemarkkinointi"], "en": ["social media"]},
                              "weak_seeds": {"fi": ["netti"], "en": ["online"]}}}}
    coder = ThemeCoder(taxonomy_from_mapping(raw, "inline"), load_settings(None).coding)
    texts = pd.DataFrame({"text_id": ["a", "b"], "text": ["Myyntiluvut ovat hukassa.", "Online is confusing for us."]})
    codes = coder.code(texts)
    assert set(codes["theme"]) <= {"sales", "digital_marketing", "other"}
    # the shipped taxonomy keeps its readings: sales figures are a data need
    from pipeline.coding.taxonomy import load_taxonomy

    shipped = ThemeCoder(load_taxonomy("needs"), load_settings(None).coding).code(texts.iloc[[0]])
    assert shipped["theme"].tolist() == ["data"]


def test_the_emerging_intro_names_the_other_topics_of_the_taxonomy_in_use():
    """QA round 37 F3: the emerging block's intro listed the shipped other topics (financing, succession, …)
    whatever the project's taxonomy held, and with none it still implied those needs had been looked for."""
    from pipeline.report.content import report_content

    emerging = pd.DataFrame({"cluster_id": [1], "topic": ["seasonality"], "label": ["Seasonality"], "answers": [6],
                             "companies": [6], "base": [35], "share": [6 / 35], "ci_low": [0.08], "ci_high": [0.33],
                             "examples": [["Sesonki on lyhyt."]]})
    meta = {"edition": "steering", "min_count": 3, "min_base": 5,
            "other_topics": {"seasonality": {"fi": "Sesonkivaihtelu", "sv": "Säsongsvariation", "en": "Seasonality"},
                             "staff": {"fi": "Henkilöstö", "sv": "Personal", "en": "Staff and recruitment"}}}

    def intro(meta):
        content = report_content({"emerging_themes": emerging}, {}, meta, "en")
        return next(b.intro for s in content.sections for b in s.blocks if b.key == "emerging")

    said = intro(meta)
    assert "the taxonomy knows by name (seasonality; staff and recruitment; " in said and "financing" not in said
    assert "form no group shown here" in said     # no cluster to promise (QA round 40; QA 41: not "none")
    assert "the taxonomy in use names no other topics" in intro({**meta, "other_topics": {}})
    clustered = pd.concat([emerging, emerging.assign(cluster_id=2, topic=pd.NA, label="kuljetus, reitti")])
    content = report_content({"emerging_themes": clustered}, {}, meta, "en")
    assert "grouped by similarity" in next(b.intro for s in content.sections for b in s.blocks if b.key == "emerging")


def test_the_funnel_finding_with_every_theme_at_the_same_share_names_each_once():
    """QA round 37 F5: with every published share 100 % the finding named one theme as both the lowest and the
    highest ("Digital marketing 7 of 7 …; for Digital marketing it was 7 of 7")."""
    from pipeline.charts.linking import funnel_headline
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter

    funnel = pd.DataFrame({"theme": ["dm", "fs"], "theme_name": ["Digital marketing", "Food safety"], "asked": [9, 8],
                           "traced": [7, 6], "attended": [7, 6], "share": [1.0, 1.0], "ci_low": [0.65, 0.61],
                           "ci_high": [1.0, 1.0]})
    said = funnel_headline({"funnel": funnel}, {}, Formatter(Messages("en")), {})
    assert said == ("Of the companies that asked for a theme and whose attendance is known, every theme reached the "
                    "same share of them: Digital marketing 7 of 7 (65–100%), Food safety 6 of 6 (61–100%).")
    lower = funnel.assign(attended=[5, 6], share=[5 / 7, 1.0])
    assert "Digital marketing" in funnel_headline({"funnel": lower}, {}, Formatter(Messages("en")), {}).split(";")[0]


def test_code_with_the_projects_own_taxonomy_file_applies_the_projects_review(tmp_path):
    """QA round 37 F12: `code --config P --taxonomy taxonomy_needs.yaml` (the file the project's config names)
    coded without the project's review, while `--taxonomy needs` applied it."""
    import shutil
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from conftest import run_cli
    from test_review import workbook

    workbook(tmp_path, {3: {"reviewed_themes": "export"}}, name="coding_review.xlsx")
    shutil.copy(Path(__file__).parent.parent / "pipeline" / "taxonomies" / "needs.yaml", tmp_path / "oma.yaml")
    (tmp_path / "project.toml").write_text('[coding]\nreview = "coding_review.xlsx"\n[taxonomy]\nneeds = "oma.yaml"\n',
                                           encoding="utf-8")
    (tmp_path / "in.csv").write_text("id,text\n1,Lisää asiakkaita\n2,Rekrytointi\n", encoding="utf-8")
    result = run_cli("code", str(tmp_path / "in.csv"), "--text-column", "text", "--id-column", "id", "--taxonomy",
                     str(tmp_path / "oma.yaml"), "--out", str(tmp_path / "out.csv"), "--config",
                     str(tmp_path / "project.toml"))
    assert result.returncode == 0, result.stderr
    coded = pd.read_csv(tmp_path / "out.csv", dtype=str)
    assert coded.loc[coded["id"] == "1", "themes"].tolist() == ["export"]


def test_without_an_export_question_sector_and_size_feed_no_export_table():
    """QA round 37 F4: Data used said sector and size were "used in: segments, Export readiness" in a project
    without an export question (and so without an export table)."""
    from pipeline.analysis.questions import data_used
    from pipeline.schemas import conform, empty
    from pipeline.survey import Survey

    def survey(roles):
        q = conform(pd.DataFrame([{"question_id": f"q{i}", "text": f"Q{i}", "type": "single", "columns": [f"Q{i}"],
                                   "options": ["a", "b"], "role": r} for i, r in enumerate(roles)]), "questions")
        r = conform(pd.DataFrame({"respondent_id": ["r1"], "company_id": ["c1"], "source_row": [2],
                                  "submitted_at": pd.NaT}), "respondents")
        return Survey("needs.csv", "webropol", "utf-8", ",", 1, q, r, empty("answers"), empty("rejected"), {})

    used = data_used([("needs", survey(["sector", "size"]))]).set_index("role")
    assert used.loc["sector", "used_in"] == "theme_by_segment" and used.loc["size", "used_in"] == "theme_by_segment"
    with_export = data_used([("needs", survey(["sector", "export"]))]).set_index("role")
    assert with_export.loc["sector", "used_in"] == "theme_by_segment, export_readiness"


def test_ostrobothnian_places_are_named_in_swedish_in_a_swedish_report_and_read_alike():
    """QA round 38 F14: a Swedish report read "Karleby, Larsmo, Jakobstad" beside "Mustasaari, Vaasa" (Korsholm,
    Vasa): only Central Ostrobothnia's places had their Swedish names; an answer "Korsholm" was a municipality of
    its own beside "Mustasaari"."""
    from pipeline.config import defaults
    from pipeline.i18n import Messages
    from pipeline.segments import place_name

    sv = Messages("sv")
    assert [place_name(n, sv) for n in ("Mustasaari", "Vaasa", "Pietarsaaren seutukunta", "Kokkola")] == \
        ["Korsholm", "Vasa", "Jakobstadsregionens ekonomiska region", "Karleby"]
    assert place_name("Mustasaari", Messages("fi")) == "Mustasaari"
    aliases = defaults()["analysis"]["municipality_aliases"]
    assert aliases["Korsholm"] == "Mustasaari" and aliases["Närpes"] == "Närpiö" and "Korsnäs" not in aliases


def test_a_review_may_name_the_other_topics_of_a_needs_answer(tmp_path):
    """Left from QA round 33: the review could not say which of the taxonomy's other topics an answer names (a
    recruitment need the topic coder missed stayed out of the emerging themes however the analyst reviewed it).
    "other; staff" keeps the answer out of the workshop themes and counts it under staff; the next workbook
    writes the cell back as it was; the themes sheet offers the topics."""
    import sys
    from pathlib import Path

    from openpyxl import load_workbook

    sys.path.insert(0, str(Path(__file__).parent))
    from test_review import texts_frame, workbook

    from pipeline import stages
    from pipeline.coding.review import review_rows
    from pipeline.coding.taxonomy import load_taxonomy

    needs, feedback = load_taxonomy("needs"), load_taxonomy("feedback")
    # rows 2-4 of the sheet: Vientiä Ruotsiin, Lisää asiakkaita, Rekrytointi
    path = workbook(tmp_path, {2: {"reviewed_themes": "export; Rahoitus ja yritystuet"},
                               3: {"reviewed_themes": "sales"}, 4: {"reviewed_themes": "staff"}})
    reviews = stages.coding_reviews(path, None, needs, feedback)
    got = reviews.set_index("text")[["themes", "topics"]]
    assert got.loc["Vientiä Ruotsiin"].tolist() == [["export"], ["financing"]]
    assert got.loc["Rekrytointi"].tolist() == [["other"], ["staff"]]
    texts = texts_frame()
    coder = stages.other_topics_coder(needs, {}, "simplemma")
    proposed = stages.proposed_topics(texts, coder)
    assert "financing" not in proposed.set_index("text_id")["themes"].to_dict().get("r1:q1", "")
    # QA round 40 F8: a topic the machine lent an answer the analyst reviewed without it is gone ("Lisää
    # asiakkaita", reviewed "sales", had been given financing)
    lent = pd.concat([proposed, pd.DataFrame({"text_id": ["r0:q1"], "lang": "fi", "theme": "financing",
                                              "themes": "financing", "confidence": 0.61,
                                              "evidence": "financing: similar answers +0.78"})], ignore_index=True)
    coded = stages.topic_codes(texts, lent, reviews).set_index("text_id")
    assert coded.loc["r1:q1", ["themes", "evidence"]].tolist() == ["financing", "reviewed"]
    assert coded.loc["r2:q1", ["themes", "evidence"]].tolist() == ["staff", "reviewed"]
    assert "r0:q1" not in coded.index and "r3:q1" not in coded.index
    from pipeline.coding.texts import coded_texts

    # written back as the analyst wrote it, by slug
    coded_answers = coded_texts(
        texts, pd.DataFrame({"text_id": texts["text_id"], "lang": "fi", "theme": ["sales", "export", "other", "sales"],
                             "themes": ["sales", "export", "other", "sales"], "confidence": 0.9}), None, 0.75)
    rows = review_rows(coded_answers, pd.DataFrame({"text_id": texts["text_id"], "lang": "fi",
                                                    "theme": ["sales", "export", "other", "sales"],
                                                    "themes": ["sales", "export", "other", "sales"],
                                                    "confidence": 0.9}), reviews, "needs")
    assert rows.set_index("text").loc["Vientiä Ruotsiin", "reviewed_themes"] == "export; financing"
    written = stages.coding_review(stages.themes(needs, feedback, "fi"), "fi", {"edition": "steering"},
                                   coded_answers, coded_answers[["text_id", "lang", "theme", "themes", "confidence"]],
                                   coding_reviews=reviews, needs_taxonomy=needs,
                                   proposed_topics=lent)["coding_review.xlsx"]
    (tmp_path / "next.xlsx").write_bytes(written)
    offered = [c.value for c in load_workbook(tmp_path / "next.xlsx")["themes"]["A"]]
    assert "staff" in offered and "financing" in offered
    # the proposal shows the topics the machine gives, after the themes, so that the review can keep or drop them
    sheet = pd.read_excel(tmp_path / "next.xlsx", sheet_name="review", dtype=str, engine="calamine").set_index("text")
    assert sheet.loc["Lisää asiakkaita", "proposed_themes"] == "sales; financing"


def test_a_tied_most_wanted_headline_names_the_next_theme_of_its_tier():
    """QA round 39 F3: "Most wanted, equally (62 % each, 16/26): Branding, Sales" of 26 companies said nothing of
    export (54 %) in the same tier, while a single most wanted theme is said "not told apart" from it."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import theme_ranking

    ranking = pd.DataFrame({"theme": ["branding", "sales", "export", "other"],
                            "theme_name": ["Branding", "Sales", "Export", "Other"], "companies": [16, 16, 14, 3],
                            "respondents": 26, "share": [16 / 26, 16 / 26, 14 / 26, 3 / 26],
                            "ci_low": [0.43, 0.43, 0.35, 0.04], "ci_high": [0.78, 0.78, 0.71, 0.29],
                            "rank": [1, 1, 3, 4], "tier": [1, 1, 1, 2]})
    said = theme_ranking({"theme_ranking": ranking}, {"confidence": 0.95}, Formatter(Messages("en")), {})
    assert said == ("Most wanted, equally (62% each, 16/26 companies; 95% CI): Branding 43–78%, Sales 43–78%; not "
                    "told apart from Export (54%, 95% CI 35–71%; 14/26): the paired test over the same companies' "
                    "answers puts them all in tier 1")
    alone = theme_ranking({"theme_ranking": ranking.assign(tier=[1, 1, 2, 3])}, {"confidence": 0.95},
                          Formatter(Messages("en")), {})
    assert "not told apart" not in alone


def test_a_workshop_with_more_companies_attending_than_participants_is_a_data_warning():
    """QA round 39 F4: the register gave W7 6 participants and listed 8 companies in its companies column; the
    report printed a response rate of 5/6 and the funnel counted the 8, with no word."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import _input_problems
    from pipeline.stages import _listed_beyond_participants

    register = pd.DataFrame({"workshop_id": ["W6", "W7"], "title": ["Vienti", "Asiakashankinta somessa"],
                             "participants": pd.array([9, 6], dtype="Int64"),
                             "source_row": pd.array([7, 8], dtype="Int64")})
    attendance = pd.DataFrame({"workshop": ["W7"] * 8 + ["Vienti"] * 3, "company_id": [f"c{i}" for i in range(11)]})
    found = _listed_beyond_participants(register, attendance, {"file": "tyopajat.xlsx"})
    assert found[["workshop_id", "value", "rows"]].values.tolist() == [["W7", "8 > 6", "8"]]
    said = _input_problems({"input_problems": found.fillna("").to_dict("records")}, Formatter(Messages("en")))
    assert said[0].startswith("tyopajat.xlsx, row 8: workshop W7 has more companies attending it by the attendance "
                              "records than participants in the register (8 > 6)")


def test_a_grids_dont_know_rows_share_one_label():
    """QA round 39 F11: one statement's don't-know row read "vet inte", another's "en osaa sanoa": beside its
    hidden count of 1-2, the label told that the answer came from the Swedish copy."""
    from pipeline.analysis.needs import likert_tables
    from pipeline.config import defaults
    from pipeline.schemas import conform, empty
    from pipeline.survey import Survey

    scale = ["heikko", "kohtalainen", "hyvä"]
    q = conform(pd.DataFrame([{"question_id": "q1", "text": "Osaaminen", "type": "likert", "columns": ["A", "B"],
                               "options": scale, "role": "competence"}]), "questions")
    values = [("r1", "A", "en osaa sanoa"), ("r2", "A", "en osaa sanoa"), ("r3", "B", "vet inte"), ("r1", "B", "hyvä")]
    a = conform(pd.DataFrame([{"respondent_id": r, "question_id": "q1", "item": i, "value": v, "text": None,
                               "score": 3.0 if v == "hyvä" else None, "is_dont_know": v != "hyvä"}
                              for r, i, v in values]), "answers")
    r = conform(pd.DataFrame({"respondent_id": ["r1", "r2", "r3"], "company_id": ["c1", "c2", "c3"],
                              "source_row": [2, 3, 4], "submitted_at": pd.NaT}), "respondents")
    survey = Survey("needs.csv", "webropol", "utf-8", ",", 1, q, r, a, empty("rejected"), {})
    _, dist = likert_tables(survey, defaults()["analysis"])
    assert dist.loc[dist["is_dont_know"].astype(bool), "label"].tolist() == ["en osaa sanoa", "en osaa sanoa"]


def test_the_funnel_finding_says_when_a_held_themes_share_is_not_published():
    """QA round 39 F10: the public sentence named Data as the least reached (its e-commerce row, 2/13, hidden)
    without a word, beside a steering sentence naming e-commerce."""
    from pipeline.charts.linking import funnel_headline
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter

    funnel = pd.DataFrame({"theme": ["ecommerce", "data", "branding"], "theme_name": ["E-commerce", "Data", "Branding"],
                           "workshops": [1, 1, 2], "asked": [13, 12, 16], "traced": [13, 12, 16],
                           "attended": [pd.NA, 3, 9], "share": [float("nan"), 0.25, 9 / 16],
                           "ci_low": [float("nan"), 0.09, 0.33], "ci_high": [float("nan"), 0.53, 0.77]})
    said = funnel_headline({"funnel": funnel}, {}, Formatter(Messages("en")), {})
    assert said.endswith("for Branding it was 9 of 16 (33–77%); 1 theme(s) held without a published share are "
                         "left out."), said
    assert "left out" not in funnel_headline({"funnel": funnel.iloc[1:]}, {}, Formatter(Messages("en")), {})


def test_the_strongest_competence_finding_quotes_the_scales_own_words():
    """QA round 39 F8: "Starkast kompetens: Myynti (60 % svarade hyvä eller erinomainen …)": the Finnish master's
    scale words read as the Swedish sentence's own."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import top_box_labels

    dist = pd.DataFrame({"question_id": "q1", "item": "Myynti", "label": ["heikko", "hyvä", "Erinomainen"],
                         "score": [1.0, 2.0, 3.0], "count": [2, 3, 3]})
    row = pd.Series({"question_id": "q1", "item": "Myynti", "top2": 6})
    assert top_box_labels({"likert_distribution": dist}, row, Formatter(Messages("sv"))) == "”hyvä” eller ”erinomainen”"


def test_a_close_call_and_a_near_scale_reach_the_steering_data_warnings():
    """QA round 37 F9 and 38 F1: a column typed a single choice on little evidence (the impact survey's "future
    topics", not coded into themes) and a grid left as single choices for one unknown label were said in the log
    alone. A close call on a column a free-text role reads anyway is no warning."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter
    from pipeline.report.headlines import _input_problems
    from pipeline.schemas import conform, empty
    from pipeline.stages import _typing_problems
    from pipeline.survey import Survey

    topics, improve = "Mistä aiheista toivoisitte työpajoja jatkossa?", "Mitä pitäisi kehittää?"
    questions = conform(pd.DataFrame({"question_id": ["q1", "q2"], "text": [topics, improve],
                                      "type": ["single", "single"], "role": ["", "improve_text"],
                                      "columns": [[topics], [improve]], "options": [[], []]}), "questions")
    calls = [{"question_id": q, "column": c, "typed": "single", "answers": 10, "distinct": 8,
              "free_text_header": q == "q2"} for q, c in (("q1", topics), ("q2", improve))]
    near = [{"question": "Arvioikaa osaamista", "unread": ["Osittain"], "read_as": "", "columns": 3, "scale": "fi"}]
    survey = Survey("vaikuttavuus.csv", "forms", "utf-8", ",", 1, questions, empty("respondents"), empty("answers"),
                    empty("rejected"), {"close_calls": calls, "near_scales": near})
    found = _typing_problems([survey])
    assert found[["problem", "value"]].values.tolist() == [["close_call_single", topics],
                                                             ["near_scale", "Arvioikaa osaamista: Osittain"]]
    said = _input_problems({"input_problems": found.fillna("").to_dict("records")}, Formatter(Messages("en")))
    assert said[0] == ("vaikuttavuus.csv: the column “Mistä aiheista toivoisitte työpajoja jatkossa?” was read as a "
                       "single choice on few answers, so its answers are not coded into themes. If it is an open "
                       "question, type it in a questionnaire spec (type: open).")
    assert said[1].startswith("vaikuttavuus.csv: the grid “Arvioikaa osaamista: Osittain” was not read as a scale")


def test_the_public_language_requests_leave_out_a_withheld_workshops_comments():
    """QA round 39 F1: a 3-participant Swedish workshop's comments were withheld from the comment themes but
    counted among the requests for service in Swedish: 8 requests minus the shown workshops' 1 and 5 language
    themes told that 2 of its 3 participants asked for Swedish material."""
    from pipeline import stages
    from pipeline.schemas import conform, empty
    from pipeline.survey import Survey

    def survey(ids):
        r = conform(pd.DataFrame({"respondent_id": ids, "company_id": pd.NA, "source_row": range(2, 2 + len(ids)),
                                  "submitted_at": pd.NaT}), "respondents")
        return Survey("f.csv", "msforms", "utf-8", ",", 1, empty("questions"), r, empty("answers"), empty("rejected"), {})

    ids = {"W3": ["a1", "a2", "a3"], "W5": ["b1", "b2", "b3", "b4", "b5", "b6"]}
    texts = [("a1", "Material på svenska skulle vara bra."), ("a2", "Material på svenska skulle vara bra."),
             ("b1", "Material på svenska skulle vara bra."), ("b2", "Bra kurs.")]
    coded = pd.DataFrame({"text_id": [f"{r}:q1" for r, _ in texts], "respondent_id": [r for r, _ in texts],
                          "question_id": "q1", "source": "open", "text": [t for _, t in texts], "lang": "sv"})
    summary = pd.DataFrame({"workshop_id": ["W3", "W5"], "comments": [2, 6]})
    themes = pd.DataFrame({"scope": ["overall", "workshop"], "workshop_id": [pd.NA, "W5"]})
    surveys = tuple((w, survey(r)) for w, r in ids.items())

    def sv(edition):
        frame, read = stages.service_requests({"edition": edition}, None, coded, None, surveys, summary, themes)
        return int(frame.loc[frame["language"] == "sv", "answers"].sum()), read

    assert sv("steering") == (3, 4)
    assert sv("public") == (1, 2)


def test_size_bands_sub_regions_and_workshop_places_read_in_the_reports_language():
    """QA round 40 F3-F5: a Swedish report printed the size class "yli 50" (the Swedish copy's "över 50" read as it
    at ingest), the sub-region "Suupohjan rannikkoseutu" and the register's places "Vaasa", "Pietarsaari"."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter, display_table
    from pipeline.segments import segment_name

    sv, en = Messages("sv"), Messages("en")
    assert [segment_name("size", n, sv) for n in ("yli 50", "Yli 250", "alle 5", "10-49")] == \
        ["över 50", "Över 250", "under 5", "10-49"]
    assert segment_name("size", "över 50 anställda", Messages("fi")) == "yli 50"
    assert segment_name("size", "yli 50", en) == "over 50"
    assert segment_name("subregion", "Suupohjan rannikkoseutu", sv) == "Sydösterbottens kustregion"
    register = pd.DataFrame({"title": ["Varumärkesverkstad"], "locality": ["Pietarsaari"]})
    assert display_table(register, "", Formatter(sv), {}, "workshop_register").rows == [["Varumärkesverkstad", "Jakobstad"]]


def test_a_municipality_table_of_hidden_columns_beside_published_pools_says_so():
    """QA round 40 F9: "By municipality: every figure is hidden" while the municipalities pooled into whole
    sub-regions were published as the sub-region columns."""
    from pipeline.i18n import Messages
    from pipeline.report.content import Formatter, hidden_segment_types

    rows = pd.DataFrame({"segment_type": ["subregion", "subregion", "municipality", "municipality", "municipality"],
                         "segment": ["Vaasan seutukunta", "Pietarsaaren seutukunta", "Vaasan seutukunta", "Luoto",
                                     "Pietarsaari"],
                         "theme": "sales", "companies": [10, 8, 10, pd.NA, pd.NA], "base": [22, 14, 22, pd.NA, pd.NA],
                         "share": [0.45, 0.57, 0.45, float("nan"), float("nan")],
                         "suppressed": [False, False, False, True, True],
                         "members": ["Vaasa;Mustasaari", "Luoto;Pietarsaari", "Vaasa;Mustasaari", pd.NA, pd.NA]})
    said = hidden_segment_types(rows, Formatter(Messages("en")))
    assert said == ["By municipality: the municipalities shown on their own have every figure hidden (:c), so the "
                    "table is left out; the others are shown pooled, as their sub-regions above."]


def test_public_municipality_and_sector_options_are_named_and_counted_as_the_segment_tables_do():
    """QA round 40 F7: the public questions listed the raw labels of each language copy: Mustasaari (4) + Korsholm
    (4) left out though the tables published its base of 8, and "Tjänster" listed as a fifth sector beside
    "Palvelut"."""
    from pipeline.config import defaults
    from pipeline.schemas import conform, empty
    from pipeline.stages import company_profiles, questions
    from pipeline.survey import Survey

    places = ["Mustasaari"] * 4 + ["Korsholm"] * 4 + ["Vaasa"] * 6 + ["Luoto"] * 2
    sectors = ["Palvelut"] * 10 + ["Tjänster"] * 3 + ["Kauppa"] * 3
    n = len(places)
    ids = [f"r{i}" for i in range(n)]
    r = conform(pd.DataFrame({"respondent_id": ids, "company_id": [f"c{i}" for i in range(n)],
                              "source_row": range(2, 2 + n), "submitted_at": pd.NaT}), "respondents")
    a = conform(pd.DataFrame({"respondent_id": ids * 2, "question_id": ["q1"] * n + ["q2"] * n, "item": "",
                              "value": places + sectors, "text": None, "score": None, "is_dont_know": False}), "answers")
    q = conform(pd.DataFrame({"question_id": ["q1", "q2"], "text": ["Kotikunta", "Toimiala"], "type": "single",
                              "columns": [["Kotikunta"], ["Toimiala"]], "role": ["municipality", "sector"],
                              "options": [sorted(set(places)), ["Palvelut", "Kauppa", "Tjänster"]]}), "questions")
    survey = Survey("needs.xlsx", "webropol", None, None, 1, q, r, a, empty("rejected"), {})
    params = {**defaults()["analysis"], "edition": "public"}
    public = questions(survey, params, company_profiles(survey, params))
    assert public["options"].tolist() == [["Mustasaari", "Vaasa"], ["Palvelut"]]


def test_the_public_ingest_report_keeps_the_accounting_without_the_copies_labels_and_counts():
    """QA round 41 F5, F8: the public ingest_report.json gave the companies per language copy ({"fi": 19, "sv": 10,
    "en": 1}: counts the language table hides) and warnings naming the labels and municipalities each copy's rows
    chose (a one-company municipality's language)."""
    from pipeline.schemas import empty
    from pipeline.stages import ingest_accounts
    from pipeline.survey import Survey

    report = {"rows_in": 30, "accepted": 30, "rejected": 0, "duplicates": 0, "excluded": 0,
              "form_languages": {"fi": 19, "sv": 10, "en": 1},
              "warnings": ["needs.xlsx, column 'Kotikunta': the rows answering in sv chose {Kimitoön}, …"]}
    survey = Survey("needs.xlsx", "webropol", None, None, 1, empty("questions"), empty("respondents"),
                    empty("answers"), empty("rejected"), report)
    public = ingest_accounts(survey, analysis={"edition": "public"})["ingest_report"]["needs"]
    assert "form_languages" not in public and "warnings" not in public and public["accepted"] == 30
    steering = ingest_accounts(survey, analysis={"edition": "steering"})["ingest_report"]["needs"]
    assert steering["form_languages"] == {"fi": 19, "sv": 10, "en": 1} and steering["warnings"]


def test_a_sector_of_a_closed_question_is_named_by_its_groups_first_name():
    """QA round 41 F2: a sector was named by the label most of its companies answered, so a hidden sector whose
    three companies all answered the Swedish copy read "Byggande" in the Finnish public edition."""
    from pipeline.analysis.needs import one_sector_name
    from pipeline.config import defaults

    groups = defaults()["analysis"]["sector_names"]
    got = one_sector_name(pd.Series(["Byggande"] * 3 + ["Teollisuus"], dtype="string"), groups,
                          ["Teollisuus", "Byggande"])
    assert got.tolist() == ["Rakentaminen"] * 3 + ["Teollisuus"]
