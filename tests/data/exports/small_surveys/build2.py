"""Second batch of small exports, truth written first (truth2.json)."""
import csv, io, json
from datetime import datetime, timedelta
from pathlib import Path
from openpyxl import Workbook
HERE = Path(__import__("os").environ.get("OUT", "/tmp/small_surveys")); HERE.mkdir(parents=True, exist_ok=True)
TRUTH = {}

def write_csv(path, rows, delimiter=",", bom=False):
    out = io.StringIO(); csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))

def webropol_two_rows():
    """Webropol CSV with a second header row of sub-labels, 9 respondents."""
    name = "webropol_two_row.csv"
    top = ["Vastausaika", "Kuinka hyödyllinen työpaja oli?", "Mitkä osiot olivat hyödyllisimpiä?", "", "", "",
           "Arvioi seuraavia", "", "", "Kommentteja"]
    sub = ["", "", "Luento", "Ryhmätyö", "Case-esimerkit", "Verkostoituminen muiden yrittäjien kanssa",
           "Sisältö", "Vetäjä", "Tilat", ""]
    TRUTH[name] = [("Kuinka hyödyllinen työpaja oli?", "likert"), ("Mitkä osiot olivat hyödyllisimpiä? - Luento", "multi"),
                   ("Mitkä osiot olivat hyödyllisimpiä? - Verkostoituminen muiden yrittäjien kanssa", "multi"),
                   ("Arvioi seuraavia - Sisältö", "likert"), ("Kommentteja", "open")]
    use = ["Erittäin hyödyllinen", "Melko hyödyllinen", "Erittäin hyödyllinen", "Ei kovin hyödyllinen",
           "Melko hyödyllinen", "Erittäin hyödyllinen", "Melko hyödyllinen", "Melko hyödyllinen", "Erittäin hyödyllinen"]
    ticks = [(1, 1, 0, 0), (0, 1, 1, 0), (1, 0, 0, 0), (0, 0, 0, 0), (0, 1, 0, 1), (1, 1, 1, 0), (0, 0, 1, 0),
             (1, 0, 0, 0), (0, 1, 0, 0)]
    lvl = ["Heikko", "Välttävä", "Tyydyttävä", "Hyvä", "Erinomainen"]
    grid = [[5, 4, 3], [4, 4, 4], [5, 5, 2], [3, 3, 3], [4, 5, 4], [5, 5, 5], [4, 4, 3], [4, 3, 4], [5, 4, 4]]
    com = ["", "Kiitos!", "", "", "Tilat olivat ahtaat, muuten hyvä.", "", "", "Lisää tällaisia", ""]
    rows = [top, sub]
    for k in range(9):
        rows.append([f"{k + 3}.4.2023 10:{10 + k:02d}", use[k], *[o if x else "" for o, x in zip(sub[2:6], ticks[k])],
                     *[lvl[v - 1] for v in grid[k]], com[k]])
    write_csv(HERE / name, rows, delimiter=";")

def google_sv_small():
    """Google Forms, Swedish sheet, 8 respondents."""
    name = "googleforms_sv_small (svar).csv"
    header = ["Tidstämpel", "Hur nyttig var workshoppen för ditt företag?",
              "Hur nöjd var du med följande? [Innehållet]", "Hur nöjd var du med följande? [Föreläsaren]",
              "Vilka ämnen vill du veta mer om? (välj en eller flera)", "Kommer du att använda det du lärt dig?",
              "Varför / varför inte?", "Bransch", "Betygsätt workshoppen (1-5)"]
    TRUTH[name] = [(header[1], "likert"), (header[2], "likert"), (header[4], "multi"), (header[5], "single"),
                   (header[6], "open"), (header[7], "single"), (header[8], "likert")]
    useful = ["Mycket nyttig", "Ganska nyttig", "Mycket nyttig", "Inte särskilt nyttig", "Ganska nyttig",
              "Mycket nyttig", "Ganska nyttig", "Mycket nyttig"]
    sat = ["Mycket nöjd", "Ganska nöjd", "Varken nöjd eller missnöjd", "Ganska missnöjd"]
    g = [[0, 0], [1, 0], [0, 1], [2, 1], [1, 1], [0, 0], [1, 2], [0, 0]]
    topics = ["Export", "Prissättning", "Export", "Sociala medier", "Prissättning", "Export", "Sociala medier", ""]
    use = ["Ja", "Ja", "Kanske", "Nej", "Ja", "Ja", "Kanske", "Ja"]
    why = ["Konkreta verktyg", "", "Beror på tiden", "Inte relevant för oss", "", "Vi börjar genast", "", ""]
    branch = ["Handel", "Industri", "Handel", "Turism", "Tjänster", "Industri", "Jordbruk", "Handel"]
    grade = ["5", "4", "4", "2", "4", "5", "3", "5"]
    rows = [header]
    for k in range(8):
        stamp = datetime(2023, 4, 12, 15, 0, 0) + timedelta(minutes=5 * k, seconds=11 * k)
        rows.append([stamp.strftime("%Y-%m-%d %H:%M:%S"), useful[k], sat[g[k][0]], sat[g[k][1]], topics[k], use[k],
                     why[k], branch[k], grade[k]])
    write_csv(HERE / name, rows)

def msforms_small():
    """Microsoft Forms (fi interface), 12 respondents, a star rating and 'Muu' typed into a choice."""
    name = "msforms_palaute(1-12).xlsx"
    header = ["Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi",
              "Arvioi työpajan hyödyllisyys", "Miten sait tiedon työpajasta?", "Mitä aiheita toivoisit jatkossa?",
              "Osallistuisitko uudelleen?", "Kerro vapaasti terveisesi"]
    TRUTH[name] = [(header[5], "likert"), (header[6], "single"), (header[7], "multi"), (header[8], "single"),
                   (header[9], "open")]
    stars = [5, 4, 4, 3, 5, 4, 2, 5, 4, 4, 3, 5]
    heard = ["Sähköposti", "LinkedIn", "Sähköposti", "Kollegalta", "Sähköposti", "Kunnan uutiskirje", "LinkedIn",
             "Sähköposti", "Kollegalta", "Sähköposti", "LinkedIn", "Sähköposti"]
    topics = ["Myynti;", "Myynti;Vienti;", "Markkinointi;", "Vienti;", "Myynti;Markkinointi;", "Tekoäly;",
              "Markkinointi;", "Myynti;", "Vienti;Tekoäly;", "Tekoäly;", "Myynti;", "Markkinointi;Vienti;"]
    again = ["Kyllä", "Kyllä", "Ehkä", "Ei", "Kyllä", "Kyllä", "Ehkä", "Kyllä", "Kyllä", "Ehkä", "Ei", "Kyllä"]
    free = ["", "", "Kiitos!", "", "", "Hyvä tilaisuus, lisää näitä", "", "", "", "", "-", ""]
    wb = Workbook(); ws = wb.active; ws.title = "Sheet1"; ws.append(header)
    start = datetime(2023, 3, 2, 14, 0)
    for k in range(12):
        b = start + timedelta(minutes=9 * k)
        ws.append([k + 1, b, b + timedelta(minutes=3), "anonymous", None, stars[k], heard[k], topics[k], again[k],
                   free[k] or None])
    wb.save(HERE / name)

if __name__ == "__main__":
    webropol_two_rows(); google_sv_small(); msforms_small()
    (HERE / "truth2.json").write_text(json.dumps(TRUTH, ensure_ascii=False, indent=1), encoding="utf-8")
