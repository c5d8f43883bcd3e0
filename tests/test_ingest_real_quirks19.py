"""Personal data and warnings found by QA round 13 running real exports end to end (issue 12, ingest round 18): one
test per rule, each on a few inline rows built the way files of that layout look (synthetic values, not copies of
the files)."""
from __future__ import annotations

from datetime import datetime, timedelta

from pipeline.ingest import inspect_file, read_survey
from pipeline.privacy import scrub_text

from conftest import csv_text, write_csv

KEY = b"round-eighteen-test-key"

# owners' first names the shipped name lists do not know, as a field census in Burundi wrote them
_OWNERS = ["Sylvere", "Claver", "Kamikazi", "Gaporo", "Ndayisaba", "Nshimirimana", "Bukuru", "Irakoze",
           "Hakizimana", "Niyonzima", "Nduwimana", "Kwizera"]
_SHOPS = ["Chez diane", "Chez king", "Boutique la grace", "Alimentation bon prix", "Kiosque umuco", "Chez mama",
          "Boutique ikaze", "Chez petit", "Alimentation amahoro", "Boutique urumuri", "Chez bosco", "Kiosque ubuntu"]
_STREETS = ["Av kurya gihosha", "7e avenue kamenge", "Av murinzi", "Avenue gasenyi", "3e av nyakabiga",
            "Av du marché", "Route rumonge", "Av kinama", "Chaussée uprona", "Av buyenzi", "Av bwiza", "Av ngagara"]


def _kobo(header: list[str], rows: list[list[str]], seconds_apart: int = 86400) -> str:
    """A KoboToolbox CSV download: ``start``/``end``, ``header``, then its submission metadata columns (each row
    submitted ``seconds_apart`` after the one before)."""
    head = ["start", "end", *header, "_id", "_uuid", "_submission_time", "_index"]
    body = [[f"2024-10-07T{8 + i % 10:02d}:{i:02d}:00", f"2024-10-07T{8 + i % 10:02d}:{i + 5:02d}:00", *r,
             str(392056800 + i), f"5da0c72b-4305-4174-b192-e17945aa4{i:03d}",
             (datetime(2024, 10, 7, 8) + timedelta(seconds=i * seconds_apart)).isoformat(sep=" "), str(i + 1)]
            for i, r in enumerate(rows)]
    return csv_text(head, body)


def _census(tmp_path, owner_header: str = "Propriètaire"):
    """A shop census: the shop's name, its owner's first name, its address, a type of shop and a comment."""
    header = ["Nom de l'établissement", owner_header, "Adresse du PDV", "Type du PDV", "Commentaires"]
    rows = [[shop, owner, street, ["Boutique", "Alimentation", "Kiosque"][i % 3],
             ["Les prix sont chers", "Bon accueil", "Stock insuffisant"][i % 3]]
            for i, (shop, owner, street) in enumerate(zip(_SHOPS, _OWNERS, _STREETS))]
    return write_csv(tmp_path / "census.csv", _kobo(header, rows))


def test_an_owner_header_marks_a_column_of_first_names_as_personal_data(tmp_path):
    """QA round 13 (a KoboToolbox shop census): "Propriètaire" (owner, misspelt) held 226 owners' first names the
    name lists lack ("Sylvere", "Kamikazi"); they reached the summary and the coding review. A header naming an
    owner or contact person (``common.person_owner_words``, compared without accents) makes a column of
    name-shaped answers, most of them different, personal data; a yes/no under such a header stays a question."""
    path = _census(tmp_path)
    found = {p["column"]: p["kind"] for p in inspect_file(path)["personal_data_columns"]}
    assert found.get("Propriètaire") == "name", found
    survey = read_survey(path, key=KEY)
    stored = " ".join(survey.answers["text"].dropna().astype(str)) + " ".join(survey.answers["value"].dropna()
                                                                             .astype(str))
    assert not any(owner in stored for owner in _OWNERS)
    # the same header over a yes/no question is no column of names
    header = ["Êtes-vous le propriétaire", "Type du PDV"]
    rows = [[["Oui", "Non"][i % 2], ["Boutique", "Kiosque"][i % 2]] for i in range(12)]
    asked = write_csv(tmp_path / "asked.csv", _kobo(header, rows))
    assert "Êtes-vous le propriétaire" not in {p["column"] for p in inspect_file(asked)["personal_data_columns"]}


def test_an_establishment_name_is_the_company_name_and_an_address_header_is_location(tmp_path):
    """QA round 13: "Nom de l'établissement" (shop names) and "Adresse du PDV" (street addresses) were read as open
    questions, every answer listed in the steering report; "2. Please enter the name of your institution" of a
    US survey reached the public emerging themes. A header asking for the name of the business, establishment
    or institution is the company-name identifier (pseudonymised as the company, never a question), and an
    address header a location column (personal data, never in the outputs)."""
    path = _census(tmp_path)
    found = {p["column"]: p["kind"] for p in inspect_file(path)["personal_data_columns"]}
    assert found.get("Nom de l'établissement") == "name", found
    assert found.get("Adresse du PDV") == "location", found
    survey = read_survey(path, key=KEY)
    texts = set(survey.questions["text"])
    assert not {"Nom de l'établissement", "Adresse du PDV"} & texts
    stored = " ".join(survey.answers["text"].dropna().astype(str))
    assert not any(s in stored for s in _SHOPS + _STREETS)
    # the shops are the companies: each its own company id, by name
    assert set(survey.respondents["company_basis"]) == {"name"}
    assert survey.respondents["company_id"].nunique() == len(_SHOPS)
    header = ["1. Please enter your name:", "2. Please enter the name of your institution:", "3. Your comments"]
    rows = [[f"Person {i}", ["RIVERTON UNIVERSITY", "Lakeside College", "North Institute"][i % 3],
             ["More lab time", "Better advising", "Clearer outcomes"][i % 3]] for i in range(9)]
    us = write_csv(tmp_path / "egad.csv", csv_text(header, rows))
    assert "2. Please enter the name of your institution:" in {p["column"] for p in
                                                               inspect_file(us)["personal_data_columns"]}


def test_a_panel_id_typed_as_a_free_text_answer_is_replaced(tmp_path):
    """QA round 13 (a Qualtrics export of a Prolific study): one open answer was just the respondent's Prolific
    id ("627a86f8b9a98a5c46bf74ec") and reached the coding review. The id shapes a column of ids is found by
    (24 hex digits, a UUID, a device id) are replaced by ``[id]`` in free text; a hex-letter word or a short
    hex code stays."""
    assert scrub_text("627a86f8b9a98a5c46bf74ec") == "[id]"
    assert scrub_text("My ID is 627A86F8B9A98A5C46BF74EC, thanks") == "My ID is [id], thanks"
    assert scrub_text("uuid 5da0c72b-4305-4174-b192-e17945aa40ab sent") == "uuid [id] sent"
    assert scrub_text("imei:356938035643809 ok") == "[id] ok"
    assert scrub_text("deadbeefdeadbeefdeadbeef and commit 1234abcd") == "deadbeefdeadbeefdeadbeef and commit 1234abcd"
    header = ["ResponseId", "Why did you choose this product?"]
    answers = ["Cheaper than the rest", "627a86f8b9a98a5c46bf74ec", "My friend uses it", "Good reviews online",
               "It looked nice", "Recommended by my doctor"]
    path = write_csv(tmp_path / "study.csv", csv_text(header, [[f"R_{i:015d}", a] for i, a in enumerate(answers)]))
    survey = read_survey(path, key=KEY)
    stored = set(survey.answers["text"].dropna().astype(str))
    assert "[id]" in stored and "627a86f8b9a98a5c46bf74ec" not in " ".join(stored)


def test_a_repeated_grid_item_is_named_once_by_its_item(tmp_path):
    """QA round 13 (a SurveyMonkey-style Excel with long grid headers): the item "Faculty Release" stood twice
    under the same grid; the warning said "repeated header(s) '26. What approximate additional annual c'" three
    times, cut to the same 40 characters. The warning names each repeated item once (its options' brackets
    left off), cut in the middle so the item at the end shows."""
    stem = ("26. What approximate additional annual costs must your program devote to support the graduate "
            "attribute processes? | ")
    options = ["None", "0.25", "0.5"]
    header = ["Respondent ID", *[f"{stem}{item} [{o}]" for item in ("Faculty Release", "Data Analyst",
                                                                     "Faculty Release") for o in options]]
    rows = [[str(1000 + i), *[["x", "", ""][(i + j) % 3] for j in range(9)]] for i in range(6)]
    path = write_csv(tmp_path / "costs.csv", csv_text(header, rows))
    said = [w for w in inspect_file(path)["warnings"] if "repeated header" in w]
    assert len(said) == 1, said
    assert said[0].count("Faculty Release") == 1, said
    assert "Data Analyst" not in said[0]


def test_questions_nobody_answered_are_one_warning_not_reported_questions(tmp_path):
    """QA round 13 (a KoboToolbox export carrying every version of its form): 80 of 126 columns held no answer
    at all, typed as single choices and listed in Data used as reported on their own. A question no row answered
    is kept as ``meta`` (never reported), and one warning counts them; an answered question keeps its type."""
    header = ["Type du PDV", "Si oui, lesquelles?/Kamasoutra", "Si oui, lesquelles?/Durex", "Prix", "Avez-vous visité le PDV?"]
    rows = [[["Boutique", "Kiosque", "Alimentation"][i % 3], "", "", "", ""] for i in range(9)]
    path = write_csv(tmp_path / "kobo.csv", _kobo(header, rows))
    found = inspect_file(path)
    types = {q["text"]: q["type"] for q in found["questions"]}
    assert types["Type du PDV"] == "single"
    assert all(types[t] == "meta" for t in ("Prix", "Avez-vous visité le PDV?")), types
    assert not any(q["type"] != "meta" and "lesquelles" in q["text"] for q in found["questions"])
    said = [w for w in found["warnings"] if "no answer in any row" in w]
    assert len(said) == 1 and "question(s)" in said[0], found["warnings"]


def test_two_shops_alike_in_their_closed_answers_are_two_respondents(tmp_path):
    """Once the shop's name and owner are personal data they are no longer compared as answers: two shops with
    the same closed answers visited within two minutes were dropped as duplicate submissions (5 of 391 rows of
    the QA round 13 census). Rows with different person or company names are different respondents."""
    header = ["Nom de l'établissement", "Propriètaire", "Type du PDV", "Le point de vente est-il actif?",
              "Est-il éligible?", "Quartier", "Réachat"]
    rows = [[shop, owner, "Boutique", "Oui", "Non", "Gasenyi", "Oui"] for shop, owner in zip(_SHOPS, _OWNERS)]
    path = write_csv(tmp_path / "census.csv", _kobo(header, rows, seconds_apart=30))
    found = inspect_file(path)
    assert found["tool"] == "kobotoolbox" and found["submitted_at"] == "_submission_time", found["tool"]
    assert found["respondents"] == len(_SHOPS), found["warnings"]
