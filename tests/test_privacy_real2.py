"""Personal data in real exports found on round r12/g12 (issue 12), second set: Spanish, Portuguese, French and
Italian street addresses in answers, and the known-name scrubbing that blanked closed answers ("Green" as a sea
colour, "Kananga" as a town) because a name column of the file held the word. One test per rule, each on a few
inline rows built the way such answers look (not copies of the files)."""
from __future__ import annotations

from pipeline.ingest import read_survey
from pipeline.privacy import scrub_text

from conftest import write_csv


def test_a_street_type_word_then_a_name_and_a_house_number_is_an_address():
    # "Calle", "Avenida", "Av.", "Rua", "Via" … before the street's name, the number after it (a comma between or
    # not); a flat after the number is taken along, the town after the comma stays
    assert scrub_text("Vivo en Calle de Alcalá 45, Madrid") == "Vivo en [address], Madrid"
    assert scrub_text("Tour del vino / Avenida Quilín 7100, Peñalolen.") == "Tour del vino / [address], Peñalolen."
    assert scrub_text("Café, AV. Eliodoro Yañez 2820, Providencia") == "Café, [address], Providencia"
    assert scrub_text("Rua das Flores, 45") == "[address]"
    assert scrub_text("Abito in Via della Spiga 10") == "Abito in [address]"
    assert scrub_text("Pasaje Los Aromos 123, depto 4") == "[address]"
    # the same words before something that is no house number, or a number that counts something, stay
    for kept in ("Vía WhatsApp 2 veces por semana", "Via Zoom 2 times a week", "Camino 5 km al día",
                 "la calle principal"):
        assert scrub_text(kept) == kept


def test_a_name_a_house_number_and_a_place_or_flat_after_a_comma_is_an_address():
    # the Chilean way: no street word at all, the commune or the flat after the comma
    assert scrub_text("Apoquindo 5950, Providencia") == "[address], Providencia"
    assert scrub_text("Los Cerezos 33, departamento 606, Ñuñoa") == "[address], Ñuñoa"
    assert scrub_text("Dirección: Roma Díaz 18, Providencia") == "Dirección: [address], Providencia"
    # ordinary answers with a number and a comma: a lower-case word after it, one digit, a year, a word that takes
    # a number (addresses.not_street_names) or a stop word before it
    for kept in ("Tengo 2 hijos, 3 años", "Nivel 5, muy bien", "Nivel 10, Excelente", "Versión 3.7", "Sala 5",
                 "Windows 10, Linux", "Marzo 2024, Santiago", "Opción 2, Opción 3", "Tengo 33, Soltero"):
        assert scrub_text(kept) == kept


def test_the_french_number_first_address_is_an_address():
    assert scrub_text("J'habite au 12 rue de la Paix, Paris") == "J'habite au [address], Paris"
    assert scrub_text("3, avenue Foch") == "[address]"
    assert scrub_text("2 places à Paris") == "2 places à Paris"


def test_a_closed_answer_that_is_an_option_is_not_blanked_for_a_word_of_a_name_column(tmp_path):
    # the file's name column holds "Tonya Green" and "Jean Kananga": their words are taken out of open answers
    # ("Thanks Tonya Green"), but a choice answer that is an option of its question stays as the option ("Green"
    # sea colour, "Kananga" town, even chosen once), unless the option itself names a person: two name words side
    # by side ("Kananga Hinkson" as a boat) or a listed given name ("TONYA")
    names = ["Tonya Green", "Jean Kananga", "Linda Ifill", "Paul Hinkson", "Tonya Green", "Linda Ifill"]
    colours = ["Blue", "Green", "Green", "Blue", "Green", "Blue"]
    towns = ["Goma", "Kananga", "Goma", "Bukavu", "Goma", "Bukavu"]
    boats = ["Sea Breeze", "Kananga Hinkson", "Sea Breeze", "TONYA", "Kananga Hinkson", "TONYA"]
    comments = ["Thanks Tonya Green", "ok", "Green water today", "calm", "rough", "fine"]
    body = "".join(f"2023-11-{10 + i} 10:00:00,{n},{c},{t},{o},{m}\n"
                   for i, (n, c, t, o, m) in enumerate(zip(names, colours, towns, boats, comments)))
    path = write_csv(tmp_path / "trips.csv", "Timestamp,Your name,Sea colour,Town,Boat,Comments\n" + body)
    survey = read_survey(path, key=b"k")
    answers, questions = survey.answers, survey.questions
    by_text = dict(zip(questions["text"], questions["question_id"]))
    types = dict(zip(questions["text"], questions["type"]))
    assert types["Sea colour"] == types["Town"] == types["Boat"] == "single"

    def values(text):
        return answers.loc[answers["question_id"] == by_text[text], "value"].tolist()

    def options(text):
        return list(questions.loc[questions["question_id"] == by_text[text], "options"].iloc[0])

    assert values("Sea colour").count("Green") == 3 and "[name]" not in values("Sea colour")
    assert "Kananga" in values("Town") and "Kananga" in options("Town")
    assert values("Boat").count("[name]") == 4 and values("Boat").count("Sea Breeze") == 2
    assert not {"Kananga Hinkson", "TONYA"} & set(options("Boat"))
    comments_out = answers.loc[answers["question_id"] == by_text["Comments"], "text"].tolist()
    assert "Thanks [name]" in comments_out and "[name] water today" in comments_out
