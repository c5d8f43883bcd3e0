"""The demo generator: deterministic, the report's register, the MS Forms layout, the project's story."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
import zipfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from pipeline import demo
from pipeline.errors import InputError
from pipeline.demo import demo_files, participant_count, scale_survey_csv

# The register table of issue 2 (the project's final report): period, title, description, participants wording.
REPORT_TABLE = [
    ("2022-02…04", "Brändin rakentaminen", "brand building, several parts", "7–18 per part"),
    ("2022-02", "Canva", "", "almost 60"),
    ("2022-05", "Canva (repeat)", "", "23"),
    ("2022-03…04", "Uuden ajan myynti", "modern selling, several parts", "about 20 per part"),
    ("2022-03…04", "Vientivalmennus", "export coaching, 2 parts", "23–35 per part"),
    ("2022-04", "Tiedosta tuottoa", "data-driven management, customer data", "20"),
    ("2022-05", "Somea käytännönläheisesti", "Instagram for business, online", "13"),
    ("2022-08", "Boat-industry networking day", "cluster model, Norwegian expert", "18 entrepreneurs + others"),
    ("2022-09", "Verkkosivusisällöt ja pelillisyys", "web content and gamification", "10"),
    ("2022-09…10", "Verkkokauppakoulutus", "e-commerce, 3 parts, the third on data analytics",
     "about 20 per part"),
    ("2022-10", "Brand networking event", "", "8 entrepreneurs + trainers"),
    ("2022-11", "Study trip to Bergen, Norway", "boat-industry clusters", "12"),
    ("2022-11, 2023-01, 2023-02", "Myyntivalmennus", "re-run in three smaller towns", "about 20 per part"),
    ("2023-01", "Boat-industry networking breakfast", "", "about 25"),
    ("2023-01…02", "Asiakaslähtöinen kirjoittaminen", "customer-oriented writing, 2 parts", "about 30 in all"),
    ("2023-04", "Planned social-media marketing communication", "", "about 35, many Swedish-speaking"),
]
# point values by the documented rules (pipeline.demo.participant_count)
REPORT_PARTICIPANTS = [13, 58, 23, 20, 29, 20, 13, 18, 10, 20, 8, 12, 20, 25, 30, 35]


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return demo_files()


@pytest.fixture(scope="module")
def needs(files) -> pd.DataFrame:
    workbook = load_workbook(io.BytesIO(files["needs_survey.xlsx"]), read_only=True)
    assert workbook.sheetnames == ["Sheet1"]
    rows = list(workbook["Sheet1"].values)
    return pd.DataFrame(rows[1:], columns=rows[0])


@pytest.fixture(scope="module")
def register(files) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(files["workshops.csv"]), dtype=str, keep_default_na=False)


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def test_same_arguments_give_identical_bytes(files):
    again = demo_files()
    assert list(again) == list(files)
    assert [name for name in files if again[name] != files[name]] == []


def test_workbook_carries_fixed_times_not_the_clock(files):
    archive = zipfile.ZipFile(io.BytesIO(files["needs_survey.xlsx"]))
    assert {info.date_time for info in archive.infolist()} == {(2021, 12, 1, 9, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    assert "2021-12-01T09:00:00Z" in core
    assert dt.datetime.now().strftime("%Y-%m-%dT") not in core


def test_seed_changes_the_synthetic_answers_but_not_the_register(files):
    other = demo_files(seed=7)
    assert other["needs_survey.xlsx"] != files["needs_survey.xlsx"]
    assert other["feedback_W01.csv"] != files["feedback_W01.csv"]
    assert other["workshops.csv"] == files["workshops.csv"]


def test_register_is_the_report_table(register):
    got = list(zip(register["period"], register["title"], register["description"], register["participants_note"]))
    assert got == REPORT_TABLE
    assert register["participants"].astype(int).tolist() == REPORT_PARTICIPANTS
    assert register["workshop_id"].tolist() == [f"W{i:02d}" for i in range(1, 17)]


def test_register_dates_fall_in_the_reported_first_month(register):
    assert (register["date"].str[:7] == register["period"].str[:7]).all()
    assert pd.to_datetime(register["date"], format="%Y-%m-%d").notna().all()


def test_register_columns_and_codes(register):
    assert list(register.columns[:10]) == ["workshop_id", "date", "title", "themes", "format", "locality",
                                            "organiser", "language", "participants", "participants_note"]
    assert set(register["format"]) <= {"onsite", "online"}
    assert set(register["language"]) <= {"fi", "sv", "en"}
    slugs = {slug for cell in register["themes"] for slug in cell.split(";") if slug}
    assert slugs <= {"sales", "branding", "data", "ecommerce", "export"}
    parts = register.set_index("workshop_id")["parts"]
    assert parts[["W01", "W04"]].tolist() == ["", ""]          # "several parts": unknown, not guessed
    assert parts[["W05", "W10", "W13", "W15"]].tolist() == ["2", "3", "3", "2"]


@pytest.mark.parametrize("note, value", [
    ("23", 23), ("about 25", 25), ("about 20 per part", 20), ("about 30 in all", 30),
    ("about 35, many Swedish-speaking", 35), ("almost 60", 58), ("7–18 per part", 13), ("23-35 per part", 29),
    ("18 entrepreneurs + others", 18), ("8 entrepreneurs + trainers", 8),
])
def test_participant_point_values(note, value):
    assert participant_count(note) == value


def test_unknown_participant_wording_is_refused():
    with pytest.raises(ValueError, match="no point-value rule"):
        participant_count("a handful")


def test_needs_survey_has_msforms_layout(needs):
    assert list(needs.columns[:5]) == ["Id", "Start time", "Completion time", "Email", "Name"]
    assert len(needs) == 26
    assert needs["Id"].tolist() == list(range(1, 27))
    assert (needs["Completion time"] > needs["Start time"]).all()
    assert needs["Start time"].min() >= dt.datetime(2021, 10, 1)
    assert needs["Start time"].max() < dt.datetime(2021, 12, 1)
    fake = needs["Email"].eq("anonymous") | needs["Email"].str.endswith("@example.com")
    assert fake.all() and needs["Email"].eq("anonymous").any() and needs["Name"].notna().any()


def test_no_company_names_among_the_questions(needs):
    assert not [c for c in needs.columns if "nimi" in c.lower()]


def test_business_ids_are_valid_and_distinct(needs):
    ids = needs["Y-tunnus"]
    assert ids.is_unique
    for value in ids:
        body, check = re.fullmatch(r"(\d{7})-(\d)", value).groups()
        remainder = sum(int(d) * w for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2))) % 11
        assert remainder != 1 and int(check) == (0 if remainder == 0 else 11 - remainder)


def test_municipalities_all_eight_kokkola_largest(needs):
    counts = needs["Kunta"].value_counts()
    assert set(counts.index) == set(demo.MUNICIPALITIES)
    assert counts.idxmax() == "Kokkola" and counts["Kokkola"] > counts.drop("Kokkola").max()
    assert "Veneenrakennus" in set(needs["Toimiala"])


def test_multiselect_puts_the_story_on_top(needs):
    cells = needs[demo.Q_INTERESTS]
    assert cells.str.endswith(";").all()
    counts = Counter(option for cell in cells for option in cell.split(";") if option)
    assert set(counts) <= set(demo.INTERESTS)
    ranking = [option for option, _ in counts.most_common()]
    assert set(ranking[:5]) == set(demo.STORY_TOP)
    assert set(ranking[5:7]) == {"Verkkokauppa", "Digitaaliset projektinhallintatyökalut"}


def test_about_half_want_to_develop_exports(needs):
    share = needs[demo.Q_EXPORT].eq("Kyllä").mean()
    assert 0.4 <= share <= 0.6
    assert set(needs[demo.Q_EXPORT]) == {"Kyllä", "Ehkä", "Ei"}


def test_competence_grid_uses_the_finnish_scale(needs):
    grid = needs[[c for c in needs.columns if c.startswith("Arvioikaa yrityksenne osaamista: ")]]
    assert grid.shape[1] == 5
    labels = set(grid.stack().dropna())
    assert labels <= set(demo.LIKERT) | {"En osaa sanoa"}
    assert "En osaa sanoa" in labels


def test_open_answers_hold_swedish_other_needs_and_scrub_bait(needs):
    texts = needs[demo.Q_SUPPORT].dropna()
    swedish = texts[texts.str.contains(r"\b(?:vi|vår|våra|hur)\b", case=False)]
    assert len(swedish) in range(1, 6)
    assert texts.str.contains("rekrytointi").any() and texts.str.contains("Rahoituksen").any()
    assert texts.str.contains(r"040 123 4567").any() and texts.str.contains("@example.com").any()


def test_feedback_responses_stay_below_attendance(files, register):
    responses = {}
    for workshop_id, participants in zip(register["workshop_id"], register["participants"].astype(int)):
        rows = _csv_rows(files[f"feedback_{workshop_id}.csv"])
        assert rows[0][0] == "Timestamp" and rows[0][1] == demo.Q_SATISFACTION
        assert all(re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}", r[0]) for r in rows[1:])
        assert all(1 <= int(r[1]) <= 5 and 0 <= int(r[4]) <= 10 for r in rows[1:])
        responses[workshop_id] = len(rows) - 1
        assert 0 < responses[workshop_id] < participants
    assert sum(n < 5 for n in responses.values()) in (1, 2)
    rates = [responses[w] / int(p) for w, p in zip(register["workshop_id"], register["participants"])]
    assert max(rates) - min(rates) > 0.3


def test_feedback_comments_ask_for_swedish_where_swedish_speakers_came(files):
    improve = [r[6] for r in _csv_rows(files["feedback_W16.csv"])[1:]]
    assert any("svenska" in text or "ruotsiksi" in text for text in improve)


def test_impact_survey_layout(files):
    rows = _csv_rows(files["impact_survey.csv"])
    assert rows[0] == ["Timestamp", demo.Q_BUSINESS_ID, demo.Q_COMPANY, demo.Q_IMPACT, demo.Q_IMPACT_TEXT,
                       demo.Q_CONTACTS, demo.Q_ATTENDED]
    assert {r[3] for r in rows[1:]} == {"Kyllä", "Osittain", "Ei"}
    assert {r[5] for r in rows[1:]} == {"Kyllä", "Ei"}
    # the attendance answers name register titles (or none); some companies give only their name
    titles = {w.title for w in demo.REGISTER} | {demo.NO_WORKSHOP}
    assert all(any(r[6].startswith(t) for t in titles) for r in rows[1:])
    assert any(r[1] == "" and r[2] for r in rows[1:])


def test_project_toml_names_every_file(files):
    config = tomllib.loads(files["project.toml"].decode())
    assert config["needs"]["file"] == "needs_survey.xlsx"
    assert config["workshops"]["file"] == "workshops.csv"
    assert config["impact"]["file"] == "impact_survey.csv"
    assert [(f["file"], f["workshop_id"]) for f in config["feedback"]] == [
        (f"feedback_W{i:02d}.csv", f"W{i:02d}") for i in range(1, 17)]
    named = {config["needs"]["file"], config["workshops"]["file"], config["impact"]["file"]}
    assert named | {f["file"] for f in config["feedback"]} <= set(files)


def test_companies_argument_sets_the_number_of_rows():
    workbook = load_workbook(io.BytesIO(demo_files(companies=40, seed=3)["needs_survey.xlsx"]), read_only=True)
    assert workbook["Sheet1"].max_row == 41


def test_scale_generator_row_count_languages_and_determinism():
    data = scale_survey_csv(2000, seed=4)
    assert data == scale_survey_csv(2000, seed=4)
    rows = _csv_rows(data)
    assert len(rows) == 2001 and {len(r) for r in rows} == {len(rows[0])}
    assert "Arvioikaa yrityksenne osaamista [Verkkokauppa]" in rows[0]
    texts = [r[rows[0].index(demo.Q_SUPPORT)] for r in rows[1:]]
    assert any(" vi " in f" {t.lower()} " for t in texts) and any(" we " in f" {t.lower()} " for t in texts)
    assert len({r[1] for r in rows[1:]}) == 2000          # distinct business IDs


def test_committed_demo_is_what_the_generator_makes(files):
    folder = Path(demo.__file__).resolve().parents[1] / "raw" / "demo"
    assert sorted(p.name for p in folder.iterdir()) == sorted(files)
    assert [name for name, data in files.items() if (folder / name).read_bytes() != data] == []


def test_no_companies_is_an_input_error():
    with pytest.raises(InputError, match="--companies 0"):
        demo_files(companies=0)
