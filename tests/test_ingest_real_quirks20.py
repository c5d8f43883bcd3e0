"""A Webropol check-all with an "other, what?" text field (issue 12, ingest round 20, QA round 14): one test per
rule, each on a few inline rows built the way Webropol writes such an export (synthetic values, not copies of a
real file)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

from conftest import chosen, webropol_csv, write_csv

KEY = b"round-twenty-test-key"


def _webropol(tmp_path, name: str, header: list[str], rows: list[list[str]]):
    """A Webropol CSV download: ``Vastaaja;Vastausaika`` before ``header``."""
    return webropol_csv(tmp_path / name, header, rows)



def _other_texts(survey, qid: str) -> list[str]:
    return sorted(survey.answers.loc[survey.answers["question_id"] == f"{qid}_other", "text"].astype(str))


def test_webropol_check_all_with_two_different_other_texts_is_one_multi_select(tmp_path):
    """QA round 14 (the first user's needs survey): ``Aiheet:Myynti;…;Aiheet:Muu, mikä?`` with 1 or blank in each
    option's column and the typed text in the last one was read as one number question per option plus an open
    one once two different "Muu, mikä?" texts occurred, and the demand headline came from open text alone. An
    option-per-column group whose last column is its "other, what?" field (``answers.other_headers``) is one
    multi-select with that column as its "other" option: a typed text ticks "other" and is its other text."""
    header = ["Aiheet:Myynti", "Aiheet:Brändi", "Aiheet:Vienti", "Aiheet:Muu, mikä?"]
    rows = [["1", "", "1", ""], ["", "1", "", "Rekrytointi"], ["1", "1", "", ""], ["", "", "1", "Sukupolvenvaihdos"],
            ["1", "", "", ""]]
    path = _webropol(tmp_path, "tarve.csv", header, rows)
    questions = inspect_file(path)["questions"]
    assert [(q["type"], q["options"]) for q in questions] == [
        ("multi", ["Myynti", "Brändi", "Vienti", "Muu, mikä?"])], questions
    survey = read_survey(path, key=KEY)
    qid = questions[0]["id"]
    assert chosen(survey, qid) == {"Myynti": 3, "Brändi": 2, "Vienti": 2, "Muu, mikä?": 2}
    assert _other_texts(survey, qid) == ["Rekrytointi", "Sukupolvenvaihdos"]
    kinds = dict(zip(survey.questions["question_id"], survey.questions["type"]))
    assert kinds == {qid: "multi", f"{qid}_other": "other_text"}, kinds


def test_swedish_check_all_with_annat_vad_texts_is_one_multi_select(tmp_path):
    """The same export of a Swedish form (``Ämnen:Försäljning;…;Ämnen:Annat, vad?``), ticks written as X: one
    multi-select whose "Annat, vad?" option counts the typed texts and an X alike; a blank is no choice."""
    header = ["Ämnen:Försäljning", "Ämnen:Varumärke", "Ämnen:Export", "Ämnen:Annat, vad?"]
    rows = [["X", "", "X", ""], ["", "X", "", "Rekrytering"], ["X", "", "", "Generationsskifte"], ["", "", "X", "X"],
            ["X", "X", "", ""]]
    path = _webropol(tmp_path, "behov.csv", header, rows)
    questions = inspect_file(path)["questions"]
    assert [(q["type"], q["options"]) for q in questions] == [
        ("multi", ["Försäljning", "Varumärke", "Export", "Annat, vad?"])], questions
    survey = read_survey(path, key=KEY)
    qid = questions[0]["id"]
    assert chosen(survey, qid) == {"Försäljning": 3, "Varumärke": 2, "Export": 2, "Annat, vad?": 3}
    assert _other_texts(survey, qid) == ["Generationsskifte", "Rekrytering"]


def test_zero_one_check_all_reads_a_zero_in_the_other_field_as_not_chosen(tmp_path):
    """Webropol's "multi-select as 1/0" export option writes 0 in every unticked option's column; the "Muu,
    mikä?" field then holds a 0, a 1 or the typed text. A 0 there is no "other" and no other text; 1 and a text
    both tick "other", and only the text is other text."""
    header = ["Aiheet:Myynti", "Aiheet:Brändi", "Aiheet:Vienti", "Aiheet:Muu, mikä?"]
    rows = [["1", "0", "1", "0"], ["0", "1", "0", "Rekrytointi"], ["1", "1", "0", "1"], ["0", "0", "1", "Omistajanvaihdos"]]
    path = _webropol(tmp_path, "nollat.csv", header, rows)
    survey = read_survey(path, key=KEY)
    qid = inspect_file(path)["questions"][0]["id"]
    assert chosen(survey, qid) == {"Myynti": 2, "Brändi": 2, "Vienti": 2, "Muu, mikä?": 3}
    assert _other_texts(survey, qid) == ["Omistajanvaihdos", "Rekrytointi"]


# issue 12 ingest round 19 (h_ingest19): proper-noun columns found by their answers, whatever the header says
# (layout.proper_name_answers; thresholds in ingest_vocabulary.yaml ``proper_names``)

def _generic(tmp_path, name: str, header: str, answers: list[str], other: list[str] | None = None):
    """A hand-kept sheet: a respondent number, ``header`` with ``answers`` and a rating question."""
    lines = [f"Nro;{header};Arvosana"]
    lines += [f"{i + 1};{a};{(other or ['3', '4', '5'])[i % len(other or ['3', '4', '5'])]}"
              for i, a in enumerate(answers)]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


_SHOPS = ["Lestin Saha", "Boutique Amani", "Kiosque Ndayishimiye", "Pellavasydän", "Rue Principale 4",
          "Salon Kamikazi", "Hotel Umucyo", "Garage Bizimana", "Keskuskatu 12", "Kukkakauppa Orvokki",
          "Tmi Hakala", "Café Mirembe"]


def test_a_column_of_shop_names_and_streets_under_an_unknown_header_is_personal_data(tmp_path):
    """Shop names, owners and street addresses under a misspelt header no word list knows: the answers are short,
    all different, capitalised or words no fi/sv/en dictionary knows, so the column is left out as proper names."""
    path = _generic(tmp_path, "shops.csv", "Nom du commerse", _SHOPS)
    found = {p["column"]: p for p in inspect_file(path)["personal_data_columns"]}
    assert found["Nom du commerse"]["kind"] == "proper_name"
    survey = read_survey(path, key=KEY)
    assert not any("Bizimana" in str(v) or "Pellavasydän" in str(v) for v in survey.answers.astype(str).to_numpy().ravel())
    assert any(p["column"] == "Nom du commerse" and "proper names" in p["reason"]
               for p in survey.report["personal_data"])


def test_short_open_answers_in_plain_words_stay_an_open_question(tmp_path):
    """One-word answers start with a capital as any answer does; in words the dictionaries know, they are a
    question ("what matters most to you?"), not names."""
    answers = ["Hinta", "Laatu", "Palvelu", "Sijainti", "Quality", "Price", "Nopeus", "Luotettavuus",
               "Valikoima", "Asiantuntemus", "Joustavuus", "Saatavuus", "Hyvä palvelu"]
    path = _generic(tmp_path, "why.csv", "Miksi valitsit meidät", answers)
    assert "Miksi valitsit meidät" not in {p["column"] for p in inspect_file(path)["personal_data_columns"]}


def test_a_list_of_brands_that_repeat_from_answer_to_answer_is_a_question(tmp_path):
    """Brands and tools are capitalised words the dictionaries lack too, but respondents name the same few: counted
    over the items of the lists they are mostly repeats, so the column is kept."""
    answers = ["YouTube, Spotify", "Spotify", "YouTube, Netflix", "Netflix, Spotify, YouTube", "TikTok, YouTube",
               "Spotify, TikTok", "YouTube", "Netflix", "Spotify, YouTube", "TikTok", "YouTube, Spotify, TikTok",
               "Netflix, YouTube"]
    path = _generic(tmp_path, "media.csv", "Mitä palveluja käytät", answers)
    assert "Mitä palveluja käytät" not in {p["column"] for p in inspect_file(path)["personal_data_columns"]}


def test_answers_in_a_script_without_capitals_are_not_taken_for_names(tmp_path):
    """Arabic has no capitals and the fi/sv/en dictionaries know none of its words: that tells nothing."""
    answers = ["سنة ونصف", "شهر واحد", "الرعاية ممتازة", "جزاكم الله خيرا", "تسعة شهور", "شهرين", "ثلاثة اشهر",
               "اسبوع", "الخدمة جيدة", "عشرة ايام", "سنتين", "اربعة اشهر"]
    path = _generic(tmp_path, "exit.csv", "Duration of stay", answers)
    assert "Duration of stay" not in {p["column"] for p in inspect_file(path)["personal_data_columns"]}


def test_a_choice_of_a_few_municipalities_keeps_its_column(tmp_path):
    """A municipality question repeats its few places (names no dictionary knows): not "mostly different", so
    the analyses keep it."""
    answers = ["Lohtaja", "Ullava", "Lohtaja", "Kälviä", "Ullava", "Lohtaja", "Himanka", "Lohtaja", "Ullava",
               "Kälviä", "Lohtaja", "Himanka"]
    path = _generic(tmp_path, "kunta.csv", "Kotikunta", answers)
    assert "Kotikunta" not in {p["column"] for p in inspect_file(path)["personal_data_columns"]}


def test_a_column_the_spec_types_keeps_its_proper_name_answers(tmp_path):
    """The rule reads the answers only; a questionnaire spec that types the column says it is a question."""
    path = _generic(tmp_path, "shops.csv", "Nom du commerse", _SHOPS)
    spec = {"questions": [{"columns": ["Nom du commerse"], "type": "open"}]}
    found = inspect_file(path, spec=spec)
    assert "Nom du commerse" not in {p["column"] for p in found["personal_data_columns"]}
    assert [q["type"] for q in found["questions"] if q["text"] == "Nom du commerse"] == ["open"]



def test_short_answers_typed_in_headline_case_are_phrases_not_names(tmp_path):
    """Every word capitalised ("Coffee With Cake") is how some respondents type, but the answers are phrases: a
    third of their words are function words ("with", "for", "and"), which a column of names seldom has."""
    answers = ["Price And Quality", "Staff And Service", "Coffee With Cake", "Parking For Cars", "Sauna And Pool",
               "Food For Kids", "Books For Children", "Bread And Butter", "Tea And Cake", "Gifts For Friends",
               "Boats On The Lake", "Toys For Dogs"]
    path = _generic(tmp_path, "wish.csv", "Your wish for us", answers)
    assert "Your wish for us" not in {p["column"] for p in inspect_file(path)["personal_data_columns"]}


def test_lone_given_names_the_dictionaries_also_know_count_as_names(tmp_path):
    """Owners written by their given name alone: "Marie", "Helmi", "Onni" are words to simplemma as well, but
    given names of the shipped lists, so with the names no dictionary knows the column is one of names."""
    owners = ["Marie", "Kamikazi", "Anna", "Uwimana", "Helmi", "Aino", "Ndayishimiye", "Matti", "Ilona", "Bizimana",
              "Onni", "Mukamana"]
    path = _generic(tmp_path, "owners.csv", "Proprio du kiosque", owners)
    found = {p["column"]: p["kind"] for p in inspect_file(path)["personal_data_columns"]}
    assert found.get("Proprio du kiosque") == "proper_name"


def test_an_open_question_whose_few_short_answers_name_firms_is_kept(tmp_path):
    """Most answers are sentences; that the few short ones name a firm ("Lestin Saha") makes no column of names."""
    answers = ["Toimitus kesti liian kauan ja asiakaspalvelu ei vastannut puhelimeen", "Lestin Saha",
               "Hinnat ovat nousseet mutta laatu on pysynyt hyvänä koko ajan",
               "We would like to see more local products in the shop next year", "Kukkakauppa Orvokki",
               "Parkkipaikkoja on liian vähän kun kaupassa on paljon asiakkaita",
               "Aukioloajat voisivat olla pidemmät myös lauantaisin ja sunnuntaisin", "Café Mirembe",
               "Henkilökunta on aina ystävällistä ja osaa neuvoa hyvin tuotteissa",
               "Verkkokaupan tilaus oli helppo tehdä ja paketti tuli nopeasti perille",
               "Toivoisin enemmän kotimaisia tuotteita ja luomuvaihtoehtoja valikoimaan",
               "Better opening hours in the summer would help many of us a lot"]
    path = _generic(tmp_path, "feedback.csv", "Palautteesi meille", answers)
    assert "Palautteesi meille" not in {p["column"] for p in inspect_file(path)["personal_data_columns"]}
