"""Small realistic exports (8-30 respondents) the way Webropol, Google Forms (sv/fi) and Microsoft Forms (fi)
write them, with the true question types written down first (TRUTH)."""
import csv
import io
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__import__("os").environ.get("OUT", "/tmp/small_surveys")); HERE.mkdir(parents=True, exist_ok=True)
random.seed(7)
SAT_FI = ["Erittäin tyytymätön", "Melko tyytymätön", "Ei tyytyväinen eikä tyytymätön", "Melko tyytyväinen",
          "Erittäin tyytyväinen"]
AGREE_FI = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä", "Jokseenkin samaa mieltä",
            "Täysin samaa mieltä"]
AGREE_SV = ["Helt av annan åsikt", "Delvis av annan åsikt", "Varken av annan eller av samma åsikt",
            "Delvis av samma åsikt", "Helt av samma åsikt"]
TRUTH: dict[str, list[tuple[str, str]]] = {}


def write_csv(path, rows, delimiter=",", bom=False):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))


def webropol_feedback_csv():
    """Webropol raw data CSV, 12 respondents, ';'."""
    name = "webropol_palaute_tyopaja.csv"
    header = ["Vastausaika", "Kuinka tyytyväinen olit työpajaan kokonaisuutena?",
              "Kuinka todennäköisesti suosittelisit työpajaa kollegallesi? (0-10)",
              "Vastasiko työpaja odotuksiasi?",
              "Mistä kuulit työpajasta?", "Muu, mikä?",
              "Arvioi seuraavia väittämiä:Sisältö oli hyödyllistä",
              "Arvioi seuraavia väittämiä:Kouluttaja oli asiantunteva",
              "Arvioi seuraavia väittämiä:Aikataulu oli sopiva",
              "Brändityöpaja", "Some-markkinointi", "Myyntityöpaja", "En osallistunut mihinkään työpajaan",
              "Mitä kehittäisit?", "Vapaa sana"]
    TRUTH[name] = [(header[1], "likert"), (header[2], "likert"), (header[3], "single"), (header[4], "single"),
                   (header[5], "other_text"), (header[6], "likert"), ("Brändityöpaja", "multi"),
                   ("En osallistunut mihinkään työpajaan", "multi"),
                   (header[13], "open"), (header[14], "open")]
    sat = [5, 4, 4, 5, 3, 4, 5, 2, 4, 5, 4, 3]
    nps = [9, 8, 7, 10, 6, 8, 9, 3, 8, 10, 7, 6]
    odot = ["Kyllä", "Kyllä", "Osittain", "Kyllä", "Osittain", "Kyllä", "Kyllä", "Ei", "Kyllä", "Kyllä", "Osittain",
            "Osittain"]
    heard = ["Sähköposti", "Uutiskirje", "Sähköposti", "Kollega", "Muu, mikä?", "Sähköposti", "Uutiskirje",
             "Kollega", "Sähköposti", "Muu, mikä?", "Sähköposti", "Uutiskirje"]
    heard_other = {4: "Facebook-mainos", 9: "Yrittäjäyhdistyksen tiedote"}
    grid = [[5, 4, 4], [4, 5, 3], [4, 4, 4], [5, 5, 5], [3, 4, 2], [4, 4, 6], [5, 5, 4], [2, 3, 2], [4, 4, 4],
            [5, 5, 5], [4, 6, 3], [3, 4, 3]]
    ticks = [(1, 0, 1, 0), (0, 1, 0, 0), (1, 1, 0, 0), (0, 0, 0, 1), (1, 0, 0, 0), (0, 1, 1, 0), (0, 0, 1, 0),
             (0, 0, 0, 1), (1, 0, 0, 0), (1, 1, 1, 0), (0, 1, 0, 0), (0, 0, 1, 0)]
    improve = ["", "Enemmän aikaa ryhmätöille", "-", "", "Materiaalit etukäteen", "ei", "", "Liian teoreettinen",
               "Enemmän esimerkkejä", "", "Tauot pidemmiksi", ""]
    free = ["", "", "Kiitos hyvästä päivästä!", "", "", "", "Hyvä vetäjä", "", "", "", "", "Jatkoa toivotaan"]
    rows = [header]
    t = datetime(2023, 3, 14, 15, 50)
    for k in range(12):
        g = [AGREE_FI[v - 1] if v <= 5 else "En osaa sanoa" for v in grid[k]]
        opts = [h if x else "" for h, x in zip(header[9:13], ticks[k])]
        rows.append([(t + timedelta(minutes=7 * k)).strftime("%d.%m.%Y %H:%M"), SAT_FI[sat[k] - 1], str(nps[k]),
                     odot[k], heard[k], heard_other.get(k, ""), *g, *opts, improve[k], free[k]])
    write_csv(HERE / name, rows, delimiter=";", bom=True)


def google_sv_csv():
    """Google Forms CSV from a Swedish-locale sheet, 10 respondents."""
    name = "googleforms_feedback_sv (svar).csv"
    grid_q = "Hur väl stämmer påståendena?"
    header = ["Tidstämpel", "Hur nöjd var du med workshoppen som helhet?",
              "Hur sannolikt är det att du skulle rekommendera workshoppen till en kollega?",
              "Var workshoppen nyttig för ditt företag?", "Vilka teman intresserar dig framöver?",
              f"{grid_q} [Innehållet var relevant]", f"{grid_q} [Tempot var lagom]",
              "Hur fick du veta om workshoppen?", "Vilket språk föredrar du?",
              "Vad kunde vi göra bättre?", "Övriga kommentarer"]
    TRUTH[name] = [(header[1], "likert"), (header[2], "likert"), (header[3], "single"), (header[4], "multi"),
                   (header[5], "likert"), (header[7], "single"), (header[8], "single"), (header[9], "open"),
                   (header[10], "open")]
    sat = [5, 4, 5, 4, 3, 5, 4, 5, 4, 2]
    nps = [10, 8, 9, 7, 6, 10, 8, 9, 8, 3]
    useful = ["Ja", "Ja", "Delvis", "Ja", "Delvis", "Ja", "Nej", "Ja", "Delvis", "Ja"]
    themes = ["Försäljning, Marknadsföring", "Export", "Marknadsföring, Sociala medier", "Försäljning",
              "Sociala medier", "Export, Försäljning", "Marknadsföring", "", "Försäljning, Export, Sociala medier",
              "Marknadsföring"]
    g = [[5, 4], [4, 4], [5, 3], [4, 4], [3, 2], [5, 5], [4, 3], [5, 4], [4, 4], [2, 3]]
    heard = ["E-post", "Sociala medier", "Via en kollega", "E-post", "E-post", "Företagarföreningens nyhetsbrev",
             "Sociala medier", "E-post", "Via en kollega", "E-post"]
    lang = ["Svenska", "Svenska", "Båda", "Svenska", "Finska", "Svenska", "Båda", "Svenska", "Svenska", "Båda"]
    better = ["", "Mer tid för frågor", "", "Fler exempel från små företag", "Inget", "", "Lokalen var för liten",
              "", "Längre pauser, tack.", "Mer på svenska"]
    other = ["", "", "Tack för en bra dag!", "", "", "", "", "Trevligt att träffa andra företagare", "", ""]
    rows = [header]
    for k in range(10):
        stamp = datetime(2022, 11, 24, 16, 2, 11) + timedelta(minutes=3 * k, seconds=7 * k)
        rows.append([stamp.strftime("%Y-%m-%d %H:%M:%S"), str(sat[k]), str(nps[k]), useful[k], themes[k],
                     AGREE_SV[g[k][0] - 1], AGREE_SV[g[k][1] - 1], heard[k], lang[k], better[k], other[k]])
    write_csv(HERE / name, rows)


def google_fi_csv():
    """Google Forms CSV from a Finnish-locale sheet (Aikaleima 13.10.2022 15.05.00), 8 respondents, e-mails
    collected."""
    name = "googleforms_palaute_fi (vastaukset).csv"
    header = ["Aikaleima", "Sähköpostiosoite",
              "Kuinka tyytyväinen olit työpajaan? (1 = erittäin tyytymätön, 5 = erittäin tyytyväinen)",
              "Oliko työpaja hyödyllinen yrityksellesi?", "Kotikunta",
              "Mitkä aiheet kiinnostavat jatkossa? Valitse kaikki sopivat.",
              "Mitä jäi käteen?", "Mitä toivoisit jatkossa?", "Miksi?",
              "Miten työpaja vastasi tarpeitasi?", "Yrityksen koko"]
    TRUTH[name] = [(header[2], "likert"), (header[3], "single"), (header[4], "single"), (header[5], "multi"),
                   (header[6], "open"), (header[7], "open"), (header[8], "open"), (header[9], "single"),
                   (header[10], "single")]
    need = ["Vastasi täysin tarpeitani", "Vastasi osittain tarpeitani", "Vastasi täysin tarpeitani",
            "Ei vastannut tarpeitani lainkaan", "Vastasi osittain tarpeitani", "Ei vastannut tarpeitani lainkaan",
            "Vastasi täysin tarpeitani", "Vastasi osittain tarpeitani"]
    size = ["1–4 henkeä", "5–19 henkeä", "1–4 henkeä", "20–49 henkeä", "yli 50 henkeä", "5–19 henkeä",
            "20–49 henkeä", "yli 50 henkeä"]
    emails = [f"{n}@yritys{k}.fi" for k, n in enumerate(["matti", "liisa", "pekka", "anna", "jukka", "sari",
                                                          "timo", "minna"])]
    sat = [5, 4, 4, 3, 5, 2, 4, 5]
    useful = ["Kyllä", "Kyllä", "Kyllä", "Ei", "Kyllä", "Ei", "Kyllä", "Kyllä"]
    kunta = ["Kokkola", "Kokkola", "Kannus", "Kaustinen", "Kokkola", "Veteli", "Kannus", "Toholampi"]
    aiheet = ["Myynti, Markkinointi", "Verkkokauppa", "Myynti", "Markkinointi, Verkkokauppa", "Myynti, Vienti",
              "", "Vienti", "Markkinointi"]
    kateen = ["Myyntipuheen rakenne", "Hyviä vinkkejä", "", "Osa asioista tuttuja", "Kaupan klousaus", "",
              "Uusia kontakteja", "Rohkeutta soittaa asiakkaille"]
    toive = ["", "Lisää harjoituksia", "", "", "Jatkoa keväällä", "Liian lyhyt", "", ""]
    miksi = ["", "", "", "Asiat olivat jo tuttuja", "", "En saanut vastauksia kysymyksiini", "", ""]
    rows = [header]
    for k in range(8):
        stamp = datetime(2022, 10, 13, 15, 5, 0) + timedelta(minutes=4 * k, seconds=17 * k)
        rows.append([f"{stamp.day}.{stamp.month}.{stamp.year} {stamp.hour}.{stamp.minute:02d}.{stamp.second:02d}",
                     emails[k], str(sat[k]), useful[k], kunta[k], aiheet[k], kateen[k], toive[k], miksi[k], need[k],
                     size[k]])
    write_csv(HERE / name, rows)


def msforms_needs_xlsx():
    """Microsoft Forms, Finnish interface, 30 companies."""
    name = "msforms_tarvekysely(1-30).xlsx"
    grid = ["Tunnemme asiakkaidemme ostokäyttäytymisen", "Markkinointimme on suunnitelmallista",
            "Hyödynnämme dataa päätöksenteossa"]
    header = ["Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi", "Viimeksi muokattu",
              "Kotikunta", "Toimiala", "Henkilöstömäärä", "Perustamisvuosi",
              "Mistä aiheista yrityksenne tarvitsisi koulutusta? Valitse kaikki sopivat.", *grid,
              "Kuinka todennäköisesti suosittelisitte hankkeen palveluja? (0-10)",
              "Kiinnostaako yritystänne vienti?", "Mikä toteutustapa sopisi parhaiten?",
              "Millaista muuta tukea yrityksenne tarvitsisi?", "Muuta kommentoitavaa"]
    TRUTH[name] = [("Kotikunta", "single"), ("Toimiala", "single"), ("Henkilöstömäärä", "single"),
                   ("Perustamisvuosi", "number"), (header[10], "multi"), (grid[0], "likert"),
                   (header[14], "likert"), (header[15], "single"), (header[16], "single"), (header[17], "open"),
                   (header[18], "open")]
    kunnat = ["Kokkola"] * 12 + ["Kannus"] * 4 + ["Kaustinen"] * 4 + ["Kruunupyy"] * 3 + ["Veteli"] * 3 + \
        ["Halsua", "Toholampi", "Lestijärvi", "Perho"]
    toimialat = ["Teollisuus"] * 7 + ["Kauppa"] * 6 + ["Palvelut"] * 7 + ["Rakentaminen"] * 3 + \
        ["Matkailu ja ravitsemus"] * 3 + ["Maa- ja metsätalous"] * 2 + ["Luovat alat", "Kuljetus ja logistiikka"]
    koko = ["1"] * 5 + ["2–4"] * 8 + ["5–9"] * 7 + ["10–49"] * 8 + ["50–249"] * 2
    topics = ["Myynti ja asiakashankinta", "Markkinointi ja brändi", "Verkkokauppa", "Sosiaalinen media",
              "Tiedolla johtaminen ja data", "Kansainvälistyminen ja vienti", "Talous ja rahoitus",
              "Henkilöstön osaaminen"]
    support = ["Rahoitusneuvontaa investointiin", "Apua rekrytointiin", "", "Mentorointia omistajanvaihdokseen",
               "", "Verkostoja muiden yrittäjien kanssa", "", "Sparrausta hinnoitteluun", "", "", "Digitukea",
               "Tietoa vientiavusta Ruotsiin", "", "Ei tällä hetkellä.", "", "Apua tarjousten tekemiseen", "",
               "Koulutusta työturvallisuudesta", "", "", "Kansainvälisiä kontakteja", "", "Ei", "",
               "Tukea sukupolvenvaihdokseen", "", "Rahoitusta", "", "Apua somemainontaan", ""]
    comments = [""] * 30
    comments[3], comments[11], comments[20], comments[27] = ("Hyvä että tällaista järjestetään!",
                                                             "Toivottavasti myös iltaisin",
                                                             "Kiitos", "Ruotsinkieliset työpajat olisivat hyviä")
    random.shuffle(kunnat)
    random.shuffle(toimialat)
    random.shuffle(koko)
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(header)
    start = datetime(2022, 5, 9, 9, 0)
    for n in range(30):
        began = start + timedelta(hours=5 * n, minutes=13 * n)
        picks = random.sample(topics, 1 + n % 3)
        answers = [AGREE_FI[(n * 3 + k * 2) % 5] for k in range(3)]
        ws.append([n + 1, began, began + timedelta(minutes=5), "anonymous", None, began + timedelta(minutes=5),
                   kunnat[n], toimialat[n], koko[n], 1960 + (n * 7) % 60, "".join(p + ";" for p in picks),
                   *answers, (n * 7) % 11, ["Kyllä", "Ei", "Ehkä"][n % 3],
                   ["Lähitapahtuma", "Etätapahtuma (Teams)", "Hybridi"][(n * 2) % 3], support[n] or None,
                   comments[n] or None])
    wb.save(HERE / name)


def webropol_impact_xlsx():
    """Webropol impact survey as Excel, 15 respondents; a multi-select exported one column per option headed
    'Question:option'."""
    name = "webropol_vaikuttavuus.xlsx"
    q = "Mihin hankkeen työpajoihin osallistuitte?"
    opts = ["Brändin rakentaminen", "Some-markkinointi", "Uuden ajan myynti", "En osallistunut mihinkään työpajaan"]
    header = ["Vastausaika", *[f"{q}:{o}" for o in opts],
              "Onko työpajoista ollut hyötyä yrityksellenne?",
              "Oletteko ottaneet käyttöön työpajoissa opittuja asioita?",
              "Mitä olette tehneet toisin työpajojen ansiosta?",
              "Mistä aiheista toivoisitte työpajoja jatkossa?",
              "Mikä toteutustapa sopisi parhaiten?", "Muu, mikä?"]
    TRUTH[name] = [(header[1], "multi"), (header[5], "likert"), (header[6], "single"), (header[7], "open"),
                   (header[8], "open"), (header[9], "single"), (header[10], "other_text")]
    amount = ["Ei lainkaan", "Vähän", "Jonkin verran", "Melko paljon", "Erittäin paljon"]
    ticks = [(1, 1, 0, 0), (0, 1, 0, 0), (1, 0, 1, 0), (0, 0, 0, 1), (0, 1, 1, 0), (1, 0, 0, 0), (0, 0, 1, 0),
             (1, 1, 1, 0), (0, 1, 0, 0), (1, 0, 0, 0), (0, 0, 1, 0), (0, 1, 0, 0), (1, 0, 1, 0), (0, 0, 1, 0),
             (1, 0, 0, 0)]
    hyoty = [4, 3, 5, 1, 4, 3, 2, 5, 3, 4, 3, 4, 5, 2, 3]
    used = ["Kyllä", "Osittain", "Kyllä", "Ei", "Kyllä", "Osittain", "Ei", "Kyllä", "Osittain", "Kyllä",
            "Osittain", "Kyllä", "Kyllä", "Ei", "Osittain"]
    toisin = ["Päivitämme somea nyt viikoittain.", "", "Otimme käyttöön CRM:n", "", "Teemme tarjouksia aktiivisemmin",
              "", "", "Brändikäsikirja tehty", "", "Avasimme verkkokaupan.", "", "Hinnoittelimme uudelleen", "", "",
              ""]
    aiheet = ["Tekoäly markkinoinnissa", "Vienti, rahoitus", "", "", "Myynnin johtaminen", "Hinnoittelu", "",
              "Verkkokaupan analytiikka", "", "Rahoitus ja vienti Ruotsiin", "", "Henkilöstön hyvinvointi", "",
              "Tekoäly", ""]
    fmt = ["Lähitapahtuma", "Etätapahtuma", "Hybridi", "Lähitapahtuma", "Muu, mikä?", "Etätapahtuma", "Hybridi",
           "Lähitapahtuma", "Etätapahtuma", "Lähitapahtuma", "Hybridi", "Etätapahtuma", "Lähitapahtuma",
           "Muu, mikä?", "Lähitapahtuma"]
    fmt_other = {4: "Yrityskäynti", 13: "Aamukahvit yrittäjille"}
    wb = Workbook()
    ws = wb.active
    ws.title = "Raakadata"
    ws.append(header)
    t = datetime(2023, 5, 22, 8, 30)
    for k in range(15):
        ws.append([(t + timedelta(hours=3 * k)).strftime("%d.%m.%Y %H:%M"),
                   *[o if x else None for o, x in zip(opts, ticks[k])], amount[hyoty[k] - 1], used[k],
                   toisin[k] or None, aiheet[k] or None, fmt[k], fmt_other.get(k)])
    wb.save(HERE / name)


if __name__ == "__main__":
    webropol_feedback_csv()
    google_sv_csv()
    google_fi_csv()
    msforms_needs_xlsx()
    webropol_impact_xlsx()
    (HERE / "truth.json").write_text(json.dumps(TRUTH, ensure_ascii=False, indent=1), encoding="utf-8")
