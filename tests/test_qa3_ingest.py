"""Ingest faults found by a QA run on real-text projects (2026-12-02): the words of a company-name column were
taken out of every answer ("Verkkokauppa olisi seuraava askel" became "[name] olisi …"), and a Finnish
importance grid ("Erittäin tärkeä … Täysin merkityksetön", "En osaa sanoa") was read as single choices. Each
test on a few inline rows."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.ingest import inspect_file, read_survey
from pipeline.ingest.companies import LEGAL_FORMS
from pipeline.privacy import company_names, scrub_company_names

from conftest import write_csv

KEY = b"k"


# --- A: company names in answers -------------------------------------------------------------------------
COMPANIES = ["Kokkolan Verkkokauppa Oy", "Toholammin Rakennus Oy", "Kokkolan Rakennus", "Pellavasydän Ky",
             "Lestin Saha Oy", "Verkkokauppa Oy", "Rakennus & Remontti Oy"]


@pytest.fixture(scope="module")
def companies():
    return company_names(COMPANIES, LEGAL_FORMS, ["ei", "anonyymi"])


@pytest.mark.parametrize("text, expected", [
    # words of the language that are part of a name stay
    ("Verkkokauppa olisi seuraava askel, nyt myymme vain puhelimessa.",
     "Verkkokauppa olisi seuraava askel, nyt myymme vain puhelimessa."),
    ("Rakennus- ja teollisuusala tarvitsevat tekijöitä.", "Rakennus- ja teollisuusala tarvitsevat tekijöitä."),
    ("Kokkolan seudulla on pulaa osaajista.", "Kokkolan seudulla on pulaa osaajista."),
    ("Verkkokauppa as a channel", "Verkkokauppa as a channel"),
    # the whole name, with or without its legal form, in any case, with a case ending
    ("Meidän Lestin Saha Oy tarvitsee asiakkaita.", "Meidän [name] tarvitsee asiakkaita."),
    ("Lestin Saha tarvitsee asiakkaita.", "[name] tarvitsee asiakkaita."),
    ("Lestin Sahalle tarvitaan apua.", "[name] tarvitaan apua."),
    ("Lestin Saha Oy:n myynti kasvaa.", "[name] myynti kasvaa."),
    ("kokkolan rakennus tarvitsee tekijöitä", "[name] tarvitsee tekijöitä"),
    ("Rakennus ja Remontti tekee töitä.", "[name] tekee töitä."),
    # a one-word name of a dictionary word only with its legal form, before or after
    ("Verkkokauppa Oy ja Oy Verkkokauppa Ab", "[name] ja [name]"),
    # a word of a name that no dictionary knows, alone, in a hyphenated word, inflected
    ("Pellavasydän-putiikkiin on vaikea löytää.", "[name]-putiikkiin on vaikea löytää."),
    ("Pellavasydäntä ei löydä netistä.", "[name] ei löydä netistä."),
])
def test_company_names_scrub_the_name_and_its_distinctive_words_only(companies, text, expected):
    assert scrub_company_names(text, companies) == expected


def test_company_name_words_that_are_words_of_the_language_are_not_identifying(companies):
    assert companies.words == frozenset({"pellavasydän"})
    assert ("lestin", "saha") in companies.names and ("rakennus", "remontti") in companies.names
    # the file's own option words (a municipality chosen by many) identify nobody
    assert "kronoby" not in company_names(["Kronoby Båtvarv Ab"], LEGAL_FORMS, common=["Kronoby"]).words


def _needs_export(tmp_path):
    rows = [("Kokkolan Verkkokauppa Oy", "Kokkola", "Verkkokauppa olisi seuraava askel, nyt myymme vain puhelimessa."),
            ("Toholammin Rakennus Oy", "Toholampi", "Rakennus- ja teollisuusala tarvitsevat myös tekijöitä."),
            ("Kokkolan Rakennus", "Kokkola", "Meidän Lestin Saha Oy:n kanssa teemme yhteistyötä."),
            ("Lestin Saha Oy", "Lestijärvi", "Pellavasydän-putiikkiin on vaikea löytää, sanoo asiakas."),
            ("Pellavasydän Ky", "Kokkola", "Kokkolan seudulla tarvitaan verkkokauppaosaamista."),
            ("Kannuksen Kone Oy", "Kannus", "Terveisin Xiuying Zhao")]
    text = "Aikaleima,Nimi,Yrityksen nimi,Kotikunta,Missä asioissa yrityksenne tarvitsisi tukea?\n" + "".join(
        f'2024-02-0{i} 10:00:00,{"Xiuying Zhao" if i == 6 else "Anna Esimerkki"},{c},{m},"{t}"\n'
        for i, (c, m, t) in enumerate(rows, start=1))
    return write_csv(tmp_path / "tarvekysely.csv", text)


def test_ingest_keeps_words_of_company_names_in_answers_and_scrubs_the_names(tmp_path):
    survey = read_survey(_needs_export(tmp_path), key=KEY)
    answers = survey.answers
    texts = answers["text"].dropna().tolist()
    assert texts == ["Verkkokauppa olisi seuraava askel, nyt myymme vain puhelimessa.",
                     "Rakennus- ja teollisuusala tarvitsevat myös tekijöitä.",
                     "Meidän [name] kanssa teemme yhteistyötä.",
                     "[name]-putiikkiin on vaikea löytää, sanoo asiakas.",
                     "Kokkolan seudulla tarvitaan verkkokauppaosaamista.",
                     "Terveisin [name]"]            # a person-name column's words still go, all of them
    # the municipality question keeps its options as written
    municipality = answers.loc[answers["value"].notna(), "value"].tolist()
    assert municipality == ["Kokkola", "Toholampi", "Kokkola", "Lestijärvi", "Kokkola", "Kannus"]
    assert not any("Verkkokauppa Oy" in str(v) or "Pellavasydän" in str(v)
                   for v in pd.concat([answers["text"], answers["value"]]).dropna())


# --- B: importance scales --------------------------------------------------------------------------------
def _grid(tmp_path, name: str, question: str, items: list[str], rows: list[tuple[str, ...]]):
    header = "Vastausaika," + ",".join(f'"{question}:{item}"' for item in items) + "\n"
    body = "".join(f"2024-02-{i:02d} 10:00:00," + ",".join(row) + "\n" for i, row in enumerate(rows, start=1))
    return write_csv(tmp_path / name, header + body)


def _only_likert(found: dict) -> dict:
    likert = [q for q in found["questions"] if q["type"] == "likert"]
    assert len(likert) == 1, [(q["text"], q["type"]) for q in found["questions"]]
    return likert[0]


def test_finnish_importance_grid_with_merkityksetön_is_one_likert_grid(tmp_path):
    rows = [("Erittäin tärkeä", "Melko tärkeä"), ("Ei tärkeä eikä merkityksetön", "En osaa sanoa"),
            ("Melko merkityksetön", "Täysin merkityksetön"), ("En osaa sanoa", "Erittäin tärkeä"),
            ("Melko tärkeä", "Melko tärkeä")]
    path = _grid(tmp_path, "tarpeet.csv", "Kuinka tärkeänä pidätte seuraavia?",
                 ["Myynnin kehittäminen", "Markkinoinnin kehittäminen"], rows)
    grid = _only_likert(inspect_file(path))
    assert grid["text"] == "Kuinka tärkeänä pidätte seuraavia?"
    assert grid["options"] == ["Täysin merkityksetön", "Melko merkityksetön", "Ei tärkeä eikä merkityksetön",
                               "Melko tärkeä", "Erittäin tärkeä"]
    answers = read_survey(path, key=KEY).answers
    dont_know = answers[answers["value"] == "En osaa sanoa"]
    assert len(dont_know) == 2 and dont_know["is_dont_know"].all() and dont_know["score"].isna().all()
    scores = dict(zip(answers["value"], answers["score"]))
    assert scores["Erittäin tärkeä"] == 5 and scores["Melko tärkeä"] == 4 and scores["Täysin merkityksetön"] == 1


@pytest.mark.parametrize("question, rows, options", [
    # Swedish four points: "Ganska viktig" is the second highest (top-2 with "Mycket viktig")
    ("Hur viktiga är följande?", [("Mycket viktig", "Ganska viktig"), ("Inte särskilt viktig", "Inte alls viktig"),
                                   ("Ganska viktig", "Vet inte")],
     ["Inte alls viktig", "Inte särskilt viktig", "Varken viktig eller oviktig", "Ganska viktig", "Mycket viktig"]),
    # Swedish five points, balanced
    ("Hur viktiga är följande?", [("Mycket viktig", "Ganska oviktig"), ("Varken viktig eller oviktig", "Ganska viktig"),
                                   ("Inte alls viktig", "Mycket viktig")],
     ["Inte alls viktig", "Ganska oviktig", "Varken viktig eller oviktig", "Ganska viktig", "Mycket viktig"]),
    # English four points: "Very important" is the top
    ("How important are the following?", [("Very important", "Somewhat important"),
                                          ("Not very important", "Not at all important"),
                                          ("Don't know", "Very important")],
     ["Not at all important", "Not very important", "Neither important nor unimportant", "Somewhat important",
      "Very important"]),
    # English five points with "Important" and "Neither important nor unimportant"
    ("How important are the following?", [("Very important", "Important"),
                                          ("Neither important nor unimportant", "Not important"),
                                          ("Not at all important", "Very important")],
     ["Not at all important", "Not important", "Neither important nor unimportant", "Important", "Very important"]),
])
def test_swedish_and_english_importance_grids_score_their_own_top(tmp_path, question, rows, options):
    path = _grid(tmp_path, "grid.csv", question, ["Sales", "Marketing"], rows)
    grid = _only_likert(inspect_file(path))
    assert grid["options"] == options
