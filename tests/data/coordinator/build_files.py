"""Builds the coordinator's file set of this folder (issues 13 and 16): a test fixture, synthetic, never a
quality figure. Every file is written the way its tool exports it (docs/export-layouts.md), not the way the
pipeline would like it; the companies and their answers are the literal table COMPANIES below, and
EXPECTED.md gives the figures counted by hand from it.

Run from the repository root: ``.venv/bin/python tests/data/coordinator/build_files.py`` (deterministic;
the .xlsx files carry a fixed creation time).
"""
from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
FIXED = datetime(2023, 6, 1, 12, 0, 0)

# The needs survey's own eight topic options, as the coordinator wrote them in Microsoft Forms.
OPTIONS = {
    "M": "Myynti ja asiakashankinta",
    "B": "Markkinointi ja brändi",
    "V": "Verkkokauppa",
    "S": "Sosiaalinen media",
    "D": "Tiedolla johtaminen ja data",
    "K": "Kansainvälistyminen ja vienti",
    "T": "Talous ja rahoitus",
    "H": "Henkilöstön osaaminen",
}


def ytunnus(base: int) -> str:
    """A valid Finnish business ID from a 7-digit number (check digit by the weights 7 9 10 5 8 4 2)."""
    digits = f"{base:07d}"
    while True:
        total = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2)))
        rest = total % 11
        if rest != 1:
            return f"{digits}-{0 if rest == 0 else 11 - rest}"
        digits = f"{int(digits) + 1:07d}"


# id, needs name, business ID in needs (None: left blank), municipality, sector, size, language answer,
# options, export interest, open answer, impact: None (did not answer) or
# (name written in impact, business ID given there?, workshops attended (register Nro), advanced?, format)
LANG_FI, LANG_SV, LANG_BOTH = "suomi", "ruotsi", "suomi ja ruotsi"
COMPANIES = [
    ("C01", "Rautakauppa Niemi Oy", True, "Kokkola", "Kauppa", "5–9", LANG_FI, "MBS", "Kyllä",
     "Tarvitsemme uusia asiakkaita ja näkyvyyttä somessa.",
     ("Rautakauppa Niemi", False, [1, 9, 15], "Kyllä", "Lähitapahtuma")),
    ("C02", "Konepaja Heikkinen Oy", True, "Kokkola", "Teollisuus", "10–49", LANG_FI, "MD", "Ei",
     "Tuotannon tietojen parempi hyödyntäminen päätöksenteossa.",
     ("Konepaja Heikkinen Oy", True, [5, 15], "Osittain", "Lähitapahtuma")),
    ("C03", "Kahvila Mokka Ky", True, "Kannus", "Matkailu ja ravitsemus", "2–4", LANG_FI, "MB", "Ei",
     "Miten saisimme lisää asiakkaita arki-iltoihin?",
     ("Kahvila Mokka Ky", True, [3], "Kyllä", "Lähitapahtuma")),
    ("C04", "Puuseppä Mäkelä Tmi", True, "Kaustinen", "Teollisuus", "1", LANG_FI, "MV", "Ehkä",
     "Verkkokauppa tuotteille ja myynnin kasvattaminen.",
     ("Puuseppä Mäkelä Tmi", True, [4], "Osittain", "Etätapahtuma (Teams)")),
    ("C05", "Kuljetus Laitinen Oy", True, "Kokkola", "Kuljetus ja logistiikka", "10–49", LANG_FI, "MKT", "Kyllä",
     "Rahoitusta kasvuun ja uusia asiakkaita Ruotsista.",
     ("Kuljetus Laitinen Oy", True, [7, 13], "Kyllä", "Hybridi")),
    ("C06", "Metallityö Saari Oy", True, "Kokkola", "Teollisuus", "10–49", LANG_FI, "MBSD", "Kyllä",
     "Myyntiprosessin kehittäminen ja tiedolla johtaminen.",
     ("Metallityö Saari", True, [2, 5, 11], "Kyllä", "Hybridi")),
    ("C07", "Siivouspalvelu Koskinen Ky", True, "Kokkola", "Palvelut", "5–9", LANG_FI, "MH", "Ei",
     "Uusia asiakkaita ja työntekijöiden perehdytystä.",
     ("Siivouspalvelu Koskinen Ky", True, [], "Ei", "Etätapahtuma (Teams)")),
    ("C08", "Parturi-Kampaamo Hiuspiste", True, "Kannus", "Palvelut", "1", LANG_FI, "MS", "Ei",
     "Somen käyttö ja ajanvarausten lisääminen.",
     ("parturi-kampaamo Hiuspiste", False, [9], "Osittain", "Etätapahtuma (Teams)")),
    ("C09", "Lahjapuoti Helmi Oy", True, "Kokkola", "Kauppa", "2–4", LANG_FI, "BSV", "Ehkä",
     "Verkkokaupan avaaminen ja brändin selkeyttäminen.",
     ("Lahjapuoti Helmi Oy", True, [2, 4, 14], "Kyllä", "Etätapahtuma (Teams)")),
    ("C10", "Mainostoimisto Kipinä Oy", False, "Kokkola", "Palvelut", "2–4", LANG_FI, "B", "Ei",
     "Oman brändin kirkastaminen.",
     ("Mainostoimisto Kipinä Oy", True, [1, 14, 15], "Kyllä", "Lähitapahtuma")),
    ("C11", "Tilitoimisto Numero Oy", True, "Kokkola", "Palvelut", "5–9", LANG_FI, "MDT", "Ei",
     "Raportoinnin automatisointi ja asiakashankinta.",
     ("Tilitoimisto Numero Oy", True, [8, 11, 13], "Osittain", "Hybridi")),
    ("C12", "Leipomo Jokinen Oy", True, "Kaustinen", "Teollisuus", "10–49", LANG_FI, "MB", "Ehkä",
     "Tuotteiden myynti kauppoihin ja pakkausten ilme.", None),
    ("C13", "Sisustusliike Koti Oy", True, "Kokkola", "Kauppa", "2–4", LANG_FI, "VS", "Ei",
     "Verkkokauppa ja somemarkkinointi.",
     ("Sisustusliike Koti", False, [4, 9], "Kyllä", "Etätapahtuma (Teams)")),
    ("C14", "Muovi-Tuote Oy", True, "Kokkola", "Teollisuus", "50 tai enemmän", LANG_FI, "DK", "Kyllä",
     "Vientimarkkinoiden kartoitus ja raportointi.",
     ("Muovi-Tuote Oy", True, [5, 7], "Osittain", "Lähitapahtuma")),
    ("C15", "Autokorjaamo Virtanen Oy", True, "Veteli", "Palvelut", "5–9", LANG_FI, "MVD", "Ei",
     "Ajanvaraus verkossa ja asiakastietojen hyödyntäminen.",
     ("Autokorjaamo Virtanen Oy", True, [4, 15], "Ei", "Lähitapahtuma")),
    ("C16", "Valokuvaamo Hetki", False, "Kokkola", "Palvelut", "1", LANG_FI, "BS", "Ei",
     "Näkyvyys ja markkinointi somessa.",
     ("Valokuvaamo Hetki", False, [2, 9], "Kyllä", "Etätapahtuma (Teams)")),
    ("C17", "Rakennus Hakala Oy", True, "Toholampi", "Rakentaminen", "10–49", LANG_FI, "TH", "Ei",
     "Osaavan työvoiman saaminen ja rahoitus.", None),
    ("C18", "Kukkakauppa Orvokki", True, "Kannus", "Kauppa", "2–4", LANG_FI, "MS", "Ei",
     "Lisää myyntiä juhlapyhien ulkopuolella.", None),
    ("C19", "IT-Palvelu Bitti Oy", True, "Kokkola", "Palvelut", "5–9", LANG_FI, "DV", "Ehkä",
     "Datan hyödyntäminen ja verkkokaupan integraatiot.", None),
    ("C20", "Maatila Ylikoski", True, "Halsua", "Maa- ja metsätalous", "1", LANG_FI, "MBK", "Ehkä",
     "Suoramyynti kuluttajille ja tuotteiden tunnettuus.",
     ("Maatila Ylikoski", True, [7], "Osittain", "Lähitapahtuma")),
    ("C21", "Kuntosali Voima", False, "Kokkola", "Palvelut", "2–4", LANG_FI, "BS", "Ei",
     "Markkinointi ja jäsenmäärän kasvu.", None),
    ("C22", "Hitsaamo Rantala Oy", True, "Kaustinen", "Teollisuus", "5–9", LANG_FI, "MT", "Ei",
     "Hinnoittelu ja kannattavuus.",
     ("Hitsaamo Rantala Oy", True, [13, 15], "Kyllä", "Lähitapahtuma")),
    ("C23", "Hyvinvointikeskus Lempi Oy", True, "Kokkola", "Palvelut", "5–9", LANG_FI, "BDH", "Ei",
     "Asiakasdata ja henkilöstön osaaminen.",
     ("Hyvinvointikeskus Lempi Oy", True, [5], "Osittain", "Hybridi")),
    ("C24", "Strandbergs Snickeri Ab", True, "Kokkola", "Teollisuus", "5–9", LANG_SV, "MBS", "Kyllä",
     "Vi behöver nya kunder och synlighet i sociala medier.",
     ("Strandbergs snickeri", True, [6, 10], "Kyllä", "Lähitapahtuma")),
    ("C25", "Nylunds Trädgård Ab", True, "Kruunupyy", "Maa- ja metsätalous", "2–4", LANG_SV, "MK", "Kyllä",
     "Försäljning till Sverige.",
     ("Nylunds Trädgård Ab", True, [7], "Osittain", "Hybridi")),
    ("C26", "Café Sjöbris", True, "Kokkola", "Matkailu ja ravitsemus", "2–4", LANG_SV, "BV", "Ei",
     "Webbshop och ett tydligare varumärke.",
     ("Café Sjöbris", True, [6, 10, 15], "Kyllä", "Lähitapahtuma")),
    ("C27", "Bokföringsbyrå Sundqvist", True, "Kruunupyy", "Palvelut", "1", LANG_SV, "DT", "Ei",
     "Digitala rapporter och finansiering.", None),
    ("C28", "Österbottens Båt Ab", True, "Kokkola", "Teollisuus", "10–49", LANG_BOTH, "MBSK", "Kyllä",
     "Export och försäljning, nya kunder i Norden.",
     ("Österbottens Båt Oy Ab", True, [6, 12], "Kyllä", "Hybridi")),
    ("C29", "Granlund Design", True, "Kokkola", "Palvelut", "1", LANG_BOTH, "MVS", "Ei",
     "Myynti verkossa ja somessa.", None),
    ("C30", "Kronoby Trä Ab", True, "Kruunupyy", "Teollisuus", "10–49", LANG_BOTH, "BKHT", "Kyllä",
     "Varumärke, export och kompetens.",
     ("Kronoby Trä", True, [6, 15], "Osittain", "Lähitapahtuma")),
]
BUSINESS_IDS = {c[0]: ytunnus(2400011 + 137 * i) for i, c in enumerate(COMPANIES)}
OUTSIDER = ("Puutarha Lehtonen Oy", ytunnus(3100501), [1, 15], "Kyllä", "Lähitapahtuma")

# The register as the coordinator keeps it (Nro, date as a date cell or as typed text, title, theme words,
# place, format word, language word, leader, participants as written, hours as written, note).
REGISTER = [
    (1, datetime(2022, 9, 15), "Brändin rakentaminen", "brändi", "Kokkola", "lähi", "suomi",
     "Ammattikorkeakoulu", "noin 20", 3, "palaute Webropolissa"),
    (2, datetime(2022, 9, 29), "Canva-työpaja", "markkinointi, brändi", "", "Teams", "suomi",
     "Ammattikorkeakoulu", 25, 2, ""),
    (3, datetime(2022, 10, 13), "Uuden ajan myynti", "asiakashankinta", "Kokkola", "lähi", "suomi",
     "Myyntivalmennus Oy", "7-18", "3 x 3", "3 osaa, osallistujamäärä vaihteli"),
    (4, datetime(2022, 10, 27), "Verkkokaupan perusteet", "verkkokauppa", "", "etä", "suomi",
     "Ammattikorkeakoulu", "n. 25", 2, ""),
    (5, "15.11.22", "Tiedosta tuottoa", "tiedolla johtaminen", "Kokkola", "hybridi", "suomi",
     "Yliopistokeskus", 12, 3, ""),
    (6, datetime(2022, 11, 24), "Varumärket i fokus", "brändi", "Karleby", "lähi", "ruotsi",
     "Ammattikorkeakoulu", 14, 3, "ruotsinkielinen"),
    (7, datetime(2022, 12, 8), "Vientiin valmiiksi", "vienti", "Kokkola", "lähi", "suomi",
     "Yrityspalvelukeskus", "ca 15", 4, ""),
    (8, datetime(2023, 1, 19), "Myyntipuhelut haltuun", "myynti", "", "Teams", "suomi",
     "Myyntivalmennus Oy", 9, 2, ""),
    (9, datetime(2023, 2, 2), "Some-markkinointi", "markkinointi, some", "Kannus", "lähi", "suomi",
     "Ammattikorkeakoulu", 22, 3, "palaute Webropolissa"),
    (10, datetime(2023, 2, 16), "Webbhandel för småföretag", "verkkokauppa", "", "etä", "svenska",
     "Ammattikorkeakoulu", 12, 2, ""),
    (11, "2.3.2023", "Excel-raportointi ja tunnusluvut", "tiedolla johtaminen", "Kokkola", "lähi", "suomi",
     "Yliopistokeskus", 8, "2,5", ""),
    (12, datetime(2023, 3, 16), "Asiakaskokemus myynnin tukena", "asiakashankinta, myynti", "Kaustinen", "lähi",
     "suomi", "Myyntivalmennus Oy", 11, 3, ""),
    (13, datetime(2023, 3, 30), "Hinnoittelu ja kannattavuus", "talous", "Kokkola", "lähi", "suomi",
     "Tilitoimistoliitto", 10, 3, ""),
    (14, datetime(2023, 4, 20), "Brändityöpaja II", "brändi", "Kokkola", "lähi", "suomi",
     "Ammattikorkeakoulu", 16, 3, "jatkoa työpajalle 1"),
    (15, datetime(2023, 5, 11), "Päätösseminaari / Avslutningsseminarium", "kaikki teemat", "Kokkola", "hybridi",
     "kaksikielinen", "Hanke", 40, "3,5", "kaksikielinen päätöstilaisuus"),
]
# Titles as the coordinator typed them into the impact survey's attendance question.
ATTENDANCE_OPTION = {n: t for n, _, t, *_ in REGISTER}
ATTENDANCE_OPTION[2] = "Canva työpaja"
ATTENDANCE_OPTION[15] = "Päätösseminaari"
NONE_ATTENDED = "En osallistunut mihinkään työpajaan"

GRID = ["Tunnemme asiakkaidemme ostokäyttäytymisen",
        "Hyödynnämme sosiaalista mediaa markkinoinnissa",
        "Seuraamme myynnin lukuja säännöllisesti",
        "Verkkosivumme tukevat myyntiä"]
LIKERT = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä", "Jokseenkin samaa mieltä",
          "Täysin samaa mieltä"]
DONT_KNOW = "En osaa sanoa"


def grid_answers(index: int) -> list[str]:
    """Four grid answers of company number ``index`` (a fixed pattern, one "en osaa sanoa")."""
    out = []
    for k in range(len(GRID)):
        code = (index * 3 + k * 2) % 6
        out.append(DONT_KNOW if code == 5 else LIKERT[code])
    return out


def save(wb: Workbook, path: Path) -> None:
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.save(path)


def forms_multi(labels: list[str]) -> str:
    """A Microsoft Forms multi-select cell: options joined by ';' with a trailing ';'."""
    return "".join(f"{label};" for label in labels)


def needs_survey() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    header = ["Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi",
              "Yrityksen nimi", "Y-tunnus", "Kotikunta", "Toimiala", "Henkilöstömäärä", "Yrityksen asiointikieli",
              "Mistä aiheista yrityksenne tarvitsisi koulutusta tai työpajoja? Valitse kaikki sopivat.",
              *GRID,
              "Kiinnostaako yritystänne vienti tai kansainvälistyminen?",
              "Millaista muuta tukea yrityksenne tarvitsisi kehittämiseen?",
              "Yhteyshenkilön nimi ja sähköposti"]
    ws.append(header)
    start = datetime(2022, 5, 9, 9, 12, 0)
    rows = []
    # response 1: the coordinator's own test submission, every option ticked
    rows.append(["TESTI", "", "Kokkola", "Palvelut", "1", LANG_FI, forms_multi(list(OPTIONS.values())),
                 *[LIKERT[2]] * 4, "Ei", "testi testi", "Testi Testinen, testi@example.fi"])
    for i, c in enumerate(COMPANIES):
        cid, name, has_id, muni, sector, size, lang, opts, export, text, _ = c
        first = name.split()[0]
        rows.append([name, BUSINESS_IDS[cid] if has_id else "", muni, sector, size, lang,
                     forms_multi([OPTIONS[o] for o in opts]), *grid_answers(i), export, text,
                     f"Yhteyshenkilö {first}, info@{first.lower().replace('-', '')}.example.fi"])
        if cid == "C06":   # a second person of the same company answers again, days later (response 27)
            repeat = ["Metallityö Saari", BUSINESS_IDS[cid], muni, sector, size, lang,
                      forms_multi([OPTIONS[o] for o in opts]), *grid_answers(i + 1), export,
                      "Myynnin johtaminen ja raportointi.", "Toinen Yhteyshenkilö, myynti@metallisaari.example.fi"]
    rows.insert(26, repeat)
    for n, row in enumerate(rows, start=1):
        began = start + timedelta(hours=7 * n, minutes=7 * n)
        ws.append([n, began, began + timedelta(minutes=6, seconds=13 * n % 60), "anonymous", None, *row])
    for col in ("B", "C"):
        for cell in ws[col][1:]:
            cell.number_format = "m/d/yy h:mm:ss"
    save(wb, HERE / "Yritysten kehittämistarpeet 2022(1-32).xlsx")


def register() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Työpajat"
    ws.append(["Yritysten kehittämishanke – työpajarekisteri 2022–2023"])
    ws.append(["päivitetty 15.5.2023 / HL"])
    ws.append([])
    ws.append(["Nro", "Päivämäärä", "Työpajan nimi", "Teema", "Paikka", "Toteutus", "Kieli", "Vetäjä",
               "Osallistujia", "Kesto (h)", "Huom"])
    for row in REGISTER:
        ws.append([v if v != "" else None for v in row])
        cell = ws.cell(row=ws.max_row, column=2)
        if isinstance(cell.value, datetime):
            cell.number_format = "d.m.yyyy"
    numeric = sum(r[8] for r in REGISTER if isinstance(r[8], int))
    ws.append([None, None, "Yhteensä", None, None, None, None, None, numeric, None, None])
    notes = wb.create_sheet("Muistiinpanot")
    notes.append(["Palautteet: Webropol ja Google Forms, ks. kansio Palautteet"])
    save(wb, HERE / "Työpajarekisteri 2022-2023.xlsx")


WEBROPOL_SATISFACTION = ["Erittäin tyytymätön", "Melko tyytymätön", "Ei tyytyväinen eikä tyytymätön",
                         "Melko tyytyväinen", "Erittäin tyytyväinen"]


def feedback_webropol_xlsx() -> None:
    """Workshop 1: Webropol raw-data export as Excel, 12 responses."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Raakadata"
    ws.append(["Vastausaika", "Kuinka tyytyväinen olit työpajaan kokonaisuutena?",
               "Kuinka todennäköisesti suosittelisit työpajaa kollegallesi? (0 = en lainkaan, 10 = erittäin todennäköisesti)",
               "Mikä työpajassa oli hyödyllisintä?", "Mitä kehittäisit?"])
    sat = [5, 5, 4, 5, 4, 3, 5, 4, 2, 4, 3, 5]
    nps = [9, 10, 8, 9, 7, 6, 10, 8, 4, 8, 7, 9]
    useful = ["Brändin ydinviestin kirkastaminen", "Konkreettiset esimerkit", "", "Ryhmätyöt muiden yrittäjien kanssa",
              "Asiakasprofiilit", "", "Tehtävät omaan yritykseen", "", "", "Hyvät esimerkit", "", "Verkostoituminen"]
    improve = ["", "Enemmän aikaa", "", "", "Materiaalit etukäteen", "Liian teoreettinen", "", "",
               "Tila oli ahdas ja kuulin huonosti", "", "", ""]
    t = datetime(2022, 9, 15, 16, 40)
    for k in range(12):
        ws.append([(t + timedelta(minutes=11 * k)).strftime("%d.%m.%Y %H:%M"), WEBROPOL_SATISFACTION[sat[k] - 1],
                   nps[k], useful[k] or None, improve[k] or None])
    save(wb, HERE / "Palaute Brändin rakentaminen.xlsx")


def feedback_google_fi() -> None:
    """Workshop 3: Google Forms CSV downloaded from a Finnish-locale sheet: `Aikaleima`, `13.10.2022 15.05.00`."""
    rows = [["Aikaleima", "Kuinka tyytyväinen olit työpajaan? (1 = erittäin tyytymätön, 5 = erittäin tyytyväinen)",
             "Mitä jäi käteen?", "Mitä toivoisit jatkossa?"]]
    sat = [5, 4, 4, 3, 5, 2]
    texts = ["Myyntipuheen rakenne", "Hyviä vinkkejä asiakkaan kohtaamiseen", "", "Osa asioista tuttuja",
             "Kaupan klousaus", ""]
    wishes = ["", "Lisää harjoituksia", "", "", "Jatkoa keväällä", "Liian lyhyt"]
    for k in range(6):
        stamp = datetime(2022, 10, 13, 15, 5, 0) + timedelta(minutes=4 * k, seconds=17 * k)
        rows.append([f"{stamp.day}.{stamp.month}.{stamp.year} {stamp.hour}.{stamp.minute:02d}.{stamp.second:02d}",
                     str(sat[k]), texts[k], wishes[k]])
    write_csv(HERE / "Palaute Uuden ajan myynti (vastaukset).csv", rows)


def feedback_google_sv() -> None:
    """Workshop 6: Google Forms CSV from a Swedish-locale sheet, `Feedback … (svar).csv`."""
    rows = [["Tidstämpel", "Hur nöjd var du med workshoppen som helhet?", "Vad var mest nyttigt?",
             "Vad kunde vi göra bättre?"]]
    sat = [5, 5, 5, 4, 5, 4, 5, 4, 5, 3]
    useful = ["Konkreta exempel på varumärkesarbete", "Att få jobba med vårt eget företag", "Diskussionerna",
              "", "Allt på svenska!", "Bra föreläsare", "", "Nätverket", "Övningarna", ""]
    better = ["", "", "Mer tid för frågor", "", "Fler workshoppar på svenska", "", "", "", "",
              "Lokalen var för liten"]
    for k in range(10):
        stamp = datetime(2022, 11, 24, 16, 2, 11) + timedelta(minutes=3 * k, seconds=7 * k)
        rows.append([stamp.strftime("%Y-%m-%d %H:%M:%S"), str(sat[k]), useful[k], better[k]])
    write_csv(HERE / "Feedback Varumärket i fokus (svar).csv", rows)


def feedback_webropol_csv() -> None:
    """Workshop 9: Webropol raw-data export as CSV (`;`, UTF-8), 8 responses."""
    header = ["Vastausaika", "Kuinka tyytyväinen olit työpajaan kokonaisuutena?", "Mikä työpajassa oli hyödyllisintä?",
              "Mitä kehittäisit?"]
    sat = [5, 4, 5, 3, 4, 1, 5, 4]
    useful = ["Somekanavien vertailu", "", "Julkaisukalenteri", "", "Kuvien muokkaus", "", "Vinkit Instagramiin", ""]
    improve = ["", "", "", "Enemmän käytännön tekemistä", "", "Ei vastannut odotuksia", "", ""]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for k in range(8):
        stamp = datetime(2023, 2, 2, 15, 30) + timedelta(minutes=5 * k)
        writer.writerow([stamp.strftime("%d.%m.%Y %H:%M"), WEBROPOL_SATISFACTION[sat[k] - 1], useful[k], improve[k]])
    (HERE / "Palaute Some-markkinointi.csv").write_bytes(out.getvalue().encode("utf-8"))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8"))


IMPACT_OPEN = {
    "C01": ("Päivitämme somea nyt viikoittain.", "Tekoälyn hyödyntäminen markkinoinnissa"),
    "C02": ("Otimme käyttöön tuotannon raportoinnin.", "Lisää tiedolla johtamista"),
    "C03": ("Teemme asiakkaille tarjouksia aktiivisemmin.", ""),
    "C05": ("", "Rahoitus ja vienti Ruotsiin"),
    "C06": ("Myynnin seuranta on nyt viikoittaista.", "Myynnin johtaminen"),
    "C07": ("", "Henkilöstön hyvinvointi"),
    "C09": ("Avasimme verkkokaupan.", "Verkkokaupan markkinointi"),
    "C10": ("Brändikäsikirja tehty.", ""),
    "C11": ("", "Hinnoittelu"),
    "C13": ("Instagram-mainonta kokeiltu.", "Verkkokaupan analytiikka"),
    "C20": ("", "Suoramyynti ja asiakashankinta"),
    "C22": ("Hinnoittelimme tuotteet uudelleen.", ""),
    "C24": ("Vi har börjat planera våra inlägg.", "Gärna fler workshoppar på svenska"),
    "C26": ("Ny logotyp och webbshop.", "Mer på svenska, tack"),
    "C28": ("", "Exportförsäljning"),
    "C30": ("", "Kompetensutveckling"),
}


def impact_survey() -> None:
    """Final impact survey: Microsoft Forms, Finnish interface, company name and business ID asked."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi", "Yrityksen nimi", "Y-tunnus",
               "Mihin hankkeen työpajoihin yrityksestänne osallistuttiin?",
               "Ovatko työpajat edistäneet kehittämistoimenpiteitä yrityksessänne?",
               "Mitä teette nyt toisin työpajojen ansiosta?",
               "Mistä aiheista toivoisitte työpajoja jatkossa?",
               "Mikä toteutustapa sopisi yrityksellenne parhaiten jatkossa?"])
    rows = []
    for c in COMPANIES:
        impact = c[10]
        if impact is None:
            continue
        name, gives_id, attended, advanced, fmt = impact
        did, future = IMPACT_OPEN.get(c[0], ("", ""))
        picks = [ATTENDANCE_OPTION[n] for n in attended] or [NONE_ATTENDED]
        rows.append([name, BUSINESS_IDS[c[0]] if gives_id else "", forms_multi(picks), advanced, did, future, fmt])
    name, bid, attended, advanced, fmt = OUTSIDER
    rows.insert(7, [name, bid, forms_multi([ATTENDANCE_OPTION[n] for n in attended]), advanced,
                    "Uusia yhteistyökumppaneita", "", fmt])
    start = datetime(2023, 5, 22, 8, 30)
    for n, row in enumerate(rows, start=1):
        began = start + timedelta(hours=5 * n, minutes=3 * n)
        ws.append([n, began, began + timedelta(minutes=4), "anonymous", None, *row])
    save(wb, HERE / f"Vaikuttavuuskysely 2023(1-{len(rows)}).xlsx")


PROVIDERS = """\
# Palveluntarjoajat (fixture: generic kinds, not real organisations)
providers:
  - name: "Seudun kehitysyhtiö"
    kind: development company
    themes: [sales, export]
    languages: [fi]
    municipalities: [Kokkola, Kannus, Kaustinen, Veteli, Halsua, Toholampi]
    services: "Yritysneuvonta, myynnin ja kasvun valmennus"
    url: "https://example.org/kehitysyhtio"
  - name: "Ammattikorkeakoulun täydennyskoulutus"
    kind: university of applied sciences
    themes: [branding, ecommerce]
    languages: [fi]
    municipalities: [Kokkola]
    services: "Lyhytkurssit brändistä ja verkkokaupasta"
    url: "https://example.org/amk"
  - name: "Yrityspalvelukeskus"
    kind: public business services
    themes: [export, ecommerce]
    languages: [fi, sv]
    municipalities: [Kokkola, Kruunupyy]
    services: "Kansainvälistymisneuvonta ja kehittämisrahoitus"
    url: "https://example.org/yrityspalvelut"
"""


if __name__ == "__main__":
    needs_survey()
    register()
    feedback_webropol_xlsx()
    feedback_google_fi()
    feedback_google_sv()
    feedback_webropol_csv()
    impact_survey()
    (HERE / "palveluntarjoajat.yaml").write_text(PROVIDERS, encoding="utf-8")
