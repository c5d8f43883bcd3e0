"""Question types on small surveys (8-30 respondents), one test per quirk, each on a few inline rows written the
way Webropol, Google Forms (sv/fi sheets) and Microsoft Forms (fi interface) export them
(docs/export-layouts.md). With few answers, distinct free texts look like options and a rarely ticked long
option looks like free text; issue 12."""
from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from pipeline.ingest import inspect_file


def webropol_csv(path, header, columns):
    """A Webropol raw-data CSV (';', UTF-8 with BOM): ``Vastausaika`` then the given columns of answers."""
    n = len(columns[0])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Vastausaika", *header])
    for k in range(n):
        writer.writerow([f"{k + 1}.3.2023 15:{k:02d}", *[col[k] for col in columns]])
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    return path


def google_csv(path, header, columns, stamp="Tidstämpel"):
    """A Google Forms CSV from a Swedish-locale sheet: the timestamp column, then the given columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([stamp, *header])
    for k in range(len(columns[0])):
        writer.writerow([f"2023-04-12 15:{k:02d}:11", *[col[k] for col in columns]])
    path.write_bytes(out.getvalue().encode("utf-8"))
    return path


def types(path) -> dict[str, str]:
    """Each column's header → the type of the question that holds it."""
    return {c: q["type"] for q in inspect_file(path)["questions"] for c in q["columns"]}


def test_few_free_text_answers_are_open_and_small_choices_stay_single(tmp_path):
    # 12 respondents; 6 typed improvements, two-word ones among them; a "-" and a lower-case "ei" typed
    improve = ["", "Enemmän aikaa", "-", "", "Materiaalit etukäteen", "ei", "", "Liian teoreettinen",
               "Enemmän esimerkkejä", "", "Tauot pidemmiksi", ""]
    free = ["", "", "Kiitos hyvästä päivästä!", "", "", "", "Hyvä vetäjä", "", "", "", "", "Jatkoa toivotaan"]
    met = ["Kyllä", "Kyllä", "Osittain", "Kyllä", "Osittain", "Kyllä", "Kyllä", "Ei", "Kyllä", "Kyllä",
           "Osittain", "Osittain"]
    # a Swedish single choice of four short options, each chosen by few
    lang = ["Svenska", "Finska", "Båda", "Svenska", "Engelska", "Finska", "Båda", "Svenska", "Engelska", "Båda",
            "Finska", "Svenska"]
    path = webropol_csv(tmp_path / "palaute.csv", ["Mitä kehittäisit?", "Vapaa sana", "Vastasiko työpaja odotuksiasi?",
                                                   "Vilket språk föredrar du?"], [improve, free, met, lang])
    got = types(path)
    assert got["Mitä kehittäisit?"] == "open" and got["Vapaa sana"] == "open"
    assert got["Vastasiko työpaja odotuksiasi?"] == "single" and got["Vilket språk föredrar du?"] == "single"


def test_a_few_short_distinct_answers_under_a_question_asking_for_text_are_open(tmp_path):
    # 8 respondents: three wishes of two words each (none repeated, fewer than half answering)
    wishes = ["", "Lisää harjoituksia", "", "", "Jatkoa keväällä", "Liian lyhyt", "", ""]
    better = ["", "Mer tid för frågor", "", "", "Inget", "", "Lokalen var för liten", ""]
    path = google_csv(tmp_path / "feedback (svar).csv", ["Mitä toivoisit jatkossa?", "Övriga kommentarer"],
                      [wishes, better])
    got = types(path)
    assert got == {"Mitä toivoisit jatkossa?": "open", "Övriga kommentarer": "open"}


def test_every_respondent_a_different_short_answer_under_a_bare_header_stays_single(tmp_path):
    # four companies from four municipalities: one word each, everyone answered, the header asks for nothing
    path = google_csv(tmp_path / "kunnat (svar).csv", ["Kotikunta", "Bransch"],
                      [["Kokkola", "Kannus", "Veteli", "Kaustinen"], ["Handel", "Industri", "Turism", "Tjänster"]])
    assert types(path) == {"Kotikunta": "single", "Bransch": "single"}


def test_a_small_single_choice_with_long_repeated_options_stays_single(tmp_path):
    need = ["Vastasi täysin tarpeitani", "Vastasi osittain tarpeitani", "Vastasi täysin tarpeitani",
            "Ei vastannut tarpeitani lainkaan", "Vastasi osittain tarpeitani", "Ei vastannut tarpeitani lainkaan",
            "Vastasi täysin tarpeitani", "Vastasi osittain tarpeitani"]
    path = webropol_csv(tmp_path / "tarpeet.csv", ["Miten työpaja vastasi tarpeitasi?"], [need])
    assert types(path) == {"Miten työpaja vastasi tarpeitasi?": "single"}


@pytest.mark.parametrize("form", ["{o}", "Mihin osallistuit? [{o}]", "Mihin osallistuit? - {o}",
                                  "Mihin osallistuit?: {o}"])
def test_an_option_column_few_ticked_is_part_of_the_multi_select_whatever_its_length(tmp_path, form):
    options = ["Brändityöpaja", "Some-markkinointi", "En osallistunut mihinkään työpajaan"]
    ticks = [(1, 0, 0), (0, 1, 0), (1, 1, 0), (0, 0, 1), (1, 0, 0), (0, 1, 0), (1, 0, 0), (0, 1, 0)]
    headers = [form.format(o=o) for o in options]
    columns = [[o if t[i] else "" for t in ticks] for i, o in enumerate(options)]
    got = types(webropol_csv(tmp_path / "osallistuminen.csv", headers, columns))
    assert [got[h] for h in headers] == ["multi"] * 3
    multi = [q for q in inspect_file(tmp_path / "osallistuminen.csv")["questions"] if q["type"] == "multi"]
    assert len(multi) == 1 and multi[0]["options"] == options
    if form != "{o}":
        assert multi[0]["text"] == "Mihin osallistuit?"


def test_muu_mika_after_a_single_choice_is_its_other_text(tmp_path):
    heard = ["Sähköposti", "Uutiskirje", "Muu, mikä?", "Sähköposti", "Kollega", "Muu, mikä?", "Sähköposti",
             "Uutiskirje"]
    other = ["", "", "Facebook-mainos", "", "", "Yrittäjäyhdistyksen tiedote", "", ""]
    path = webropol_csv(tmp_path / "kanava.csv", ["Mistä kuulit työpajasta?", "Muu, mikä?"], [heard, other])
    assert types(path) == {"Mistä kuulit työpajasta?": "single", "Muu, mikä?": "other_text"}


def test_a_checkbox_question_saying_choose_several_is_multi_even_when_each_chose_one(tmp_path):
    topics = ["Export", "Prissättning", "Export", "Sociala medier", "Prissättning", "Export", "Sociala medier", ""]
    header = "Vilka ämnen vill du veta mer om? (välj en eller flera)"
    path = google_csv(tmp_path / "amnen (svar).csv", [header], [topics])
    question = inspect_file(path)["questions"][-1]
    assert question["type"] == "multi" and question["options"] == ["Export", "Prissättning", "Sociala medier"]


def test_usefulness_scales_and_a_star_rating_are_likert(tmp_path):
    fi = ["Erittäin hyödyllinen", "Melko hyödyllinen", "Ei kovin hyödyllinen", "Melko hyödyllinen"] * 2
    sv = ["Mycket nyttig", "Ganska nyttig", "Inte särskilt nyttig", "Mycket nyttig"] * 2
    path = google_csv(tmp_path / "nytta (svar).csv", ["Kuinka hyödyllinen työpaja oli?", "Hur nyttig var den?"],
                      [fi, sv])
    assert types(path) == {"Kuinka hyödyllinen työpaja oli?": "likert", "Hur nyttig var den?": "likert"}
    # Microsoft Forms (fi interface): a star rating exports the number of stars
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi", "Arvioi työpajan hyödyllisyys"])
    t = dt.datetime(2023, 3, 2, 14, 0)
    for k, stars in enumerate([5, 4, 4, 3, 5, 4, 2, 5]):
        ws.append([k + 1, t, t + dt.timedelta(minutes=3 + k), "anonymous", None, stars])
    book.save(tmp_path / "palaute(1-8).xlsx")
    assert types(tmp_path / "palaute(1-8).xlsx")["Arvioi työpajan hyödyllisyys"] == "likert"


def test_comma_joined_free_answers_typed_in_different_case_are_open_not_options(tmp_path):
    # short answers that repeat and join with ", " look like a checkbox question, but people typed them:
    # "Exemplen, diskussionerna" beside "Diskussionerna"
    best = ["Diskussionerna", "Exemplen, diskussionerna", "Exemplen", "", "Diskussionerna", "", "Allt", ""]
    path = google_csv(tmp_path / "bast (svar).csv", ["Vad var bäst?"], [best])
    assert types(path) == {"Vad var bäst?": "open"}
