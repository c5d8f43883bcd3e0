"""The bundled demo and the scale data, generated deterministically (same arguments, byte-identical files).

``demo_files(companies, seed)`` returns the files of ``raw/demo/`` as ``{file name: bytes}``; it writes nothing.

- ``needs_survey.xlsx``: a synthetic WP1 needs survey in the Microsoft Forms export layout (sheet ``Sheet1``;
  Id, Start time, Completion time, Email, Name, then one column per question with the Finnish question text as
  header; multi-select answers joined as ``A;B;``). The Email and Name columns hold made-up personal data
  (``anonymous`` or invented names at ``example.com``) that ingest must drop. The Y-tunnus column holds business
  IDs with valid check digits, one per company. Closed answers are drawn by quota (exact counts per option, the
  companies holding them drawn at random), so that for any seed the aggregate tells the project's story: the
  five most wanted topics are customer acquisition, sales promotion, brand development, software integration
  and managing and using digital data; e-commerce and digital project-management tools follow; about half of
  the companies want to develop exports.
- ``workshops.csv``: the project's workshop register as its final report gives it (the table in issue 2), one
  row per workshop (not per part) in the report's order. Columns: ``workshop_id, date, title, themes, format,
  locality, organiser, language, participants, participants_note, hours, parts, period, description``.
  ``date`` is the first day of the first part; ``period`` keeps the report's months ("2022-02…04");
  ``parts`` is the number of parts (empty where the report says "several"); ``title`` plus ``description`` is
  the report's cell. ``participants_note`` is the report's wording verbatim and ``participants`` its point
  value by the rules of ``participant_count``.
- ``feedback_W01.csv`` … ``feedback_W16.csv``: synthetic feedback surveys in the Google Forms CSV layout, fewer
  responses than participants, with uneven response rates; two workshops have fewer than five responses.
- ``impact_survey.csv``: a synthetic final impact survey in the Google Forms CSV layout.
- ``project.toml``: the demo configuration; ``README.md``: what is synthetic and what comes from the report.

``scale_survey_csv(respondents, seed)`` returns a synthetic needs survey of any size in the Google Forms CSV
layout, with open answers in Finnish, Swedish and English, vectorised with numpy (for ``bench/scale.py``).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass

import numpy as np

from pipeline.errors import InputError

# --- fixed vocabulary of the demo questionnaire ----------------------------------------------------------

MUNICIPALITIES = ("Kokkola", "Kannus", "Kaustinen", "Veteli", "Halsua", "Lestijärvi", "Perho", "Toholampi")
# population around 2021 (thousands): Kokkola is by far the largest, so it gets most of the companies
MUNICIPALITY_WEIGHTS = (47.7, 5.4, 4.2, 3.1, 1.1, 0.7, 2.7, 3.0)

SECTORS = ("Veneenrakennus", "Teollisuus ja valmistus", "Puu- ja huonekaluala", "Palvelut", "Kauppa",
           "Matkailu", "Maatalous ja elintarvikkeet", "Rakentaminen")
SECTOR_WEIGHTS = (0.14, 0.16, 0.10, 0.22, 0.12, 0.09, 0.09, 0.08)

SIZES = ("1", "2–5", "6–25", "26–50", "yli 50")
SIZE_WEIGHTS = (0.19, 0.35, 0.31, 0.11, 0.04)

INTERESTS = ("Asiakashankinta", "Myynnin edistäminen", "Brändin kehittäminen", "Ohjelmistojen integrointi",
             "Digitaalisen datan hallinta ja hyödyntäminen", "Verkkokauppa",
             "Digitaaliset projektinhallintatyökalut", "Vienti ja kansainvälistyminen", "Somemarkkinointi", "Muu")
# share of companies choosing each topic: the project's story (five on top, then e-commerce and PM tools)
INTEREST_SHARES = (0.65, 0.58, 0.54, 0.46, 0.42, 0.31, 0.27, 0.23, 0.21, 0.08)
STORY_TOP = INTERESTS[:5]

COMPETENCE_PREFIX = "Arvioikaa yrityksenne osaamista"
COMPETENCE_ITEMS = ("Myynti ja asiakashankinta", "Brändi ja markkinointiviestintä",
                    "Digitaalisen datan hyödyntäminen", "Verkkokauppa", "Vienti ja kansainvälinen kauppa")
# interest topics (indices into INTERESTS) whose choosers rate the matching competence lower
COMPETENCE_LINKS = ((0, 1), (2, 8), (3, 4), (5,), (7,))
LIKERT = ("Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä", "Jokseenkin samaa mieltä",
          "Täysin samaa mieltä")
DONT_KNOW = "En osaa sanoa"

EXPORT_OPTIONS = ("Kyllä", "Ehkä", "Ei")
EXPORT_SHARES = (0.5, 0.23)            # yes, maybe; the rest no: "about half wanted to develop exports"
FORMATS = ("Lähiopetus", "Etäopetus", "Molemmat")
FORMAT_WEIGHTS = (0.35, 0.25, 0.40)

Q_BUSINESS_ID = "Y-tunnus"
Q_MUNICIPALITY = "Kunta"
Q_SECTOR = "Toimiala"
Q_SIZE = "Henkilöstön määrä"
Q_INTERESTS = "Mistä seuraavista aiheista yrityksenne olisi kiinnostunut?"
Q_EXPORT = "Onko yrityksellänne kiinnostusta kehittää vientiä?"
Q_SUPPORT = "Missä asioissa yrityksenne tarvitsisi tukea?"
Q_FORMAT = "Millainen toteutustapa sopii yrityksellenne parhaiten?"
MSFORMS_META = ("Id", "Start time", "Completion time", "Email", "Name")

Q_SATISFACTION = "Kuinka tyytyväinen olit tilaisuuteen kokonaisuutena?"
Q_USEFULNESS = "Kuinka hyödyllinen tilaisuus oli yrityksellesi?"
Q_PRACTICALITY = "Kuinka käytännönläheinen tilaisuus oli?"
Q_RECOMMEND = "Kuinka todennäköisesti suosittelisit tilaisuutta kollegalle?"
Q_GOOD = "Mikä oli hyvää?"
Q_IMPROVE = "Mitä pitäisi kehittää?"

Q_IMPACT = "Ovatko työpajat edistäneet kehittämistoimenpiteitä yrityksessänne?"
Q_IMPACT_TEXT = "Mitä olette tehneet?"
Q_CONTACTS = "Saitteko uusia kontakteja tai yhteistyökumppaneita?"
Q_ATTENDED = "Mihin työpajoihin osallistuitte?"
Q_COMPANY = "Yrityksen nimi"
NO_WORKSHOP = "En osallistunut mihinkään"
# the demo's attendance story (issue 16): companies that asked for sales seldom came to a sales workshop,
# those that asked for branding mostly did; probability of attending a workshop on a theme
ATTEND_ASKED = {"sales": 0.25, "branding": 0.8}
ATTEND_ASKED_OTHER = 0.45
ATTEND_NOT_ASKED = 0.12
# needs-survey topics (indices into INTERESTS) → needs-taxonomy theme of the register
TOPIC_THEMES = {0: "sales", 1: "sales", 2: "branding", 3: "data", 4: "data", 5: "ecommerce", 6: "data", 7: "export",
                8: "branding"}
COMPANY_WORDS = ("Rannikon", "Pohjanmaan", "Kokkolan", "Jokilaakson", "Meren", "Metsä", "Kallion", "Puro",
                 "Tuuli", "Satama")
COMPANY_KINDS = ("Vene", "Puutyö", "Kone", "Palvelu", "Kauppa", "Matkailu", "Rakennus", "Design", "Tekniikka",
                 "Ruoka")

# the workbook's fixed creation and modification time (and the time stamp of every member of the xlsx zip)
WORKBOOK_TIME = dt.datetime(2021, 12, 1, 9, 0, 0)

# --- the workshop register (issue 2, from the project's final report) ------------------------------------


@dataclass(frozen=True)
class Workshop:
    """One row of the register. ``responses`` and the three means shape the synthetic feedback survey only."""

    workshop_id: str
    date: str                # first day of the first part (the report gives months; the day is illustrative)
    period: str              # the report's "when", verbatim
    title: str
    description: str         # the report's parenthesised description, verbatim ("" when none)
    parts: int | None        # None where the report says "several"
    note: str                # the report's participant figure, verbatim
    themes: str
    format: str
    locality: str
    organiser: str
    language: str
    hours: float | None      # illustrative duration in hours, all parts together; None where not plausible
    responses: int           # synthetic feedback responses (below the participants)
    means: tuple[float, float, float]   # synthetic satisfaction, usefulness, practicality means (1..5)
    sv_share: float          # share of synthetic comments written in Swedish
    topic: str               # what the synthetic Finnish comments call the workshop's content


UAS = "ammattikorkeakoulu"
EXPORT_ORG = "vientiorganisaatio"

REGISTER: tuple[Workshop, ...] = (
    Workshop("W01", "2022-02-08", "2022-02…04", "Brändin rakentaminen", "brand building, several parts", None,
             "7–18 per part", "branding", "onsite", "Kokkola", UAS, "fi", None, 8, (4.4, 4.2, 3.9), 0.05,
             "brändityö"),
    Workshop("W02", "2022-02-17", "2022-02", "Canva", "", 1, "almost 60", "branding", "online", "", UAS, "fi",
             2.0, 19, (4.5, 4.3, 4.6), 0.05, "Canva-harjoitukset"),
    Workshop("W03", "2022-05-12", "2022-05", "Canva (repeat)", "", 1, "23", "branding", "online", "", UAS, "fi",
             2.0, 10, (4.4, 4.2, 4.5), 0.05, "Canva-harjoitukset"),
    Workshop("W04", "2022-03-09", "2022-03…04", "Uuden ajan myynti", "modern selling, several parts", None,
             "about 20 per part", "sales", "onsite", "Kokkola", UAS, "fi", None, 10, (4.0, 3.9, 3.2), 0.05,
             "myyntiprosessi"),
    Workshop("W05", "2022-03-23", "2022-03…04", "Vientivalmennus", "export coaching, 2 parts", 2,
             "23–35 per part", "export", "onsite", "Kokkola", EXPORT_ORG, "fi", 6.0, 16, (4.3, 4.4, 3.8), 0.10,
             "vientimarkkinoiden kartoitus"),
    Workshop("W06", "2022-04-06", "2022-04", "Tiedosta tuottoa", "data-driven management, customer data", 1,
             "20", "data", "onsite", "Kokkola", UAS, "fi", 3.0, 8, (4.1, 4.2, 3.6), 0.05, "asiakasdata"),
    Workshop("W07", "2022-05-18", "2022-05", "Somea käytännönläheisesti", "Instagram for business, online", 1,
             "13", "branding", "online", "", UAS, "fi", 2.0, 9, (4.6, 4.5, 4.7), 0.05, "Instagram-vinkit"),
    Workshop("W08", "2022-08-24", "2022-08", "Boat-industry networking day", "cluster model, Norwegian expert",
             1, "18 entrepreneurs + others", "export", "onsite", "Kokkola", EXPORT_ORG, "en", 6.0, 7,
             (4.3, 4.0, 3.7), 0.10, "klusterimalli"),
    Workshop("W09", "2022-09-07", "2022-09", "Verkkosivusisällöt ja pelillisyys", "web content and gamification",
             1, "10", "branding;ecommerce", "onsite", "Kokkola", UAS, "fi", 3.0, 6, (4.2, 4.0, 4.1), 0.05,
             "pelillisyys"),
    Workshop("W10", "2022-09-21", "2022-09…10", "Verkkokauppakoulutus",
             "e-commerce, 3 parts, the third on data analytics", 3, "about 20 per part", "ecommerce;data",
             "online", "", UAS, "fi", 9.0, 10, (4.2, 4.3, 4.0), 0.05, "verkkokaupan analytiikka"),
    Workshop("W11", "2022-10-13", "2022-10", "Brand networking event", "", 1, "8 entrepreneurs + trainers",
             "branding", "onsite", "Kokkola", UAS, "fi", 3.0, 3, (4.5, 4.0, 4.0), 0.05, "verkostoituminen"),
    Workshop("W12", "2022-11-15", "2022-11", "Study trip to Bergen, Norway", "boat-industry clusters", 1, "12",
             "export", "onsite", "Bergen", EXPORT_ORG, "en", None, 4, (4.8, 4.5, 4.3), 0.0, "yritysvierailut"),
    Workshop("W13", "2022-11-22", "2022-11, 2023-01, 2023-02", "Myyntivalmennus",
             "re-run in three smaller towns", 3, "about 20 per part", "sales", "onsite",
             "Kannus; Kaustinen; Toholampi", UAS, "fi", 9.0, 13, (4.4, 4.3, 4.2), 0.05, "myyntivalmennus"),
    Workshop("W14", "2023-01-19", "2023-01", "Boat-industry networking breakfast", "", 1, "about 25", "",
             "onsite", "Kokkola", EXPORT_ORG, "fi", 2.0, 5, (4.3, 3.8, 3.6), 0.10, "aamiaistilaisuus"),
    Workshop("W15", "2023-01-25", "2023-01…02", "Asiakaslähtöinen kirjoittaminen",
             "customer-oriented writing, 2 parts", 2, "about 30 in all", "branding;sales", "onsite", "Kokkola",
             UAS, "fi", 6.0, 12, (4.3, 4.2, 4.0), 0.10, "kirjoitusharjoitukset"),
    Workshop("W16", "2023-04-18", "2023-04", "Planned social-media marketing communication", "", 1,
             "about 35, many Swedish-speaking", "branding", "onsite", "Kokkola", UAS, "sv", 3.0, 16,
             (4.1, 4.0, 3.8), 0.45, "somesuunnitelma"),
)

REGISTER_COLUMNS = ("workshop_id", "date", "title", "themes", "format", "locality", "organiser", "language",
                    "participants", "participants_note", "hours", "parts", "period", "description")

_ABOUT = re.compile(r"^(?:about\s+)?(\d+)(?:\s+(?:in all|per part))?(?:,.*)?$")
_ALMOST = re.compile(r"^almost\s+(\d+)$")
_RANGE = re.compile(r"^(\d+)\s*[–-]\s*(\d+)\s+per part$")
_COUNTED = re.compile(r"^(\d+)\s+entrepreneurs\s*\+.*$")


def participant_count(note: str) -> int:
    """Return the point value of a participant figure worded as in the final report.

    Rules: ``"N"``, ``"about N"``, ``"about N per part"``, ``"about N in all"`` and ``"about N, <remark>"`` → N;
    ``"almost N"`` → N − 2 (just below the round figure the report gives); ``"A–B per part"`` → the midpoint
    rounded half up; ``"N entrepreneurs + others/trainers"`` → N (only the counted entrepreneurs: a lower
    bound, and the EU indicator counts enterprises). Figures "per part" are per part (the people one part,
    and so one feedback survey, reaches), not summed over parts. Raises ``ValueError`` for any other wording.
    """
    text = note.strip()
    if match := _ALMOST.match(text):
        return int(match.group(1)) - 2
    if match := _RANGE.match(text):
        return math.floor((int(match.group(1)) + int(match.group(2))) / 2 + 0.5)
    if match := _COUNTED.match(text):
        return int(match.group(1))
    if match := _ABOUT.match(text):
        return int(match.group(1))
    raise ValueError(f"participant figure {note!r} has no point-value rule")


# --- open-answer pools -----------------------------------------------------------------------------------
# one list per interest topic (same order as INTERESTS); the last entry ("Muu") holds genuine other needs

SUPPORT_FI = (
    ("Uusien asiakkaiden löytäminen on meille tällä hetkellä suurin haaste.",
     "Tarvitsemme apua asiakashankintaan, etenkin yritysasiakkaiden tavoittamiseen.",
     "Miten saisimme uusia asiakkaita oman paikkakunnan ulkopuolelta?",
     "Asiakashankinta on meillä vielä sattumanvaraista."),
    ("Myyntityön tehostaminen ja tarjousten seuranta.",
     "Myyntiin kaivattaisiin uusia keinoja, nykyinen tapa on aika vanhanaikainen.",
     "Haluaisimme oppia myymään paremmin verkossa ja puhelimessa."),
    ("Brändin kirkastaminen ja yhtenäinen ilme kaikkiin kanaviin.",
     "Yrityksen brändi kaipaisi päivitystä.",
     "Miten erottua kilpailijoista ja kertoa oma tarina asiakkaille?"),
    ("Eri ohjelmistot eivät keskustele keskenään, joten samat tiedot syötetään moneen kertaan käsin.",
     "Toiminnanohjausjärjestelmän ja verkkokaupan integrointi.",
     "Kirjanpito-ohjelman ja laskutuksen yhdistäminen."),
    ("Keräämme paljon tietoa, mutta emme osaa hyödyntää sitä päätöksenteossa.",
     "Asiakasdatan hallinta ja raportointi.",
     "Tiedolla johtaminen on meille vielä vierasta."),
    ("Verkkokaupan perustaminen on suunnitteilla.",
     "Nykyinen verkkokauppa ei tuo tarpeeksi myyntiä."),
    ("Projektien aikataulutus ja tehtävien seuranta on nyt Excelin varassa.",
     "Sopivan projektinhallintatyökalun valinta ja käyttöönotto."),
    ("Vientimarkkinoiden kartoitus ja yhteistyökumppanien löytäminen Ruotsista ja Norjasta.",
     "Viennin aloittaminen, mistä lähteä liikkeelle?"),
    ("Sosiaalisen median käyttö markkinoinnissa, etenkin Instagram.",
     "Somessa näkyminen vie liikaa aikaa, tarvitsisimme selkeän suunnitelman."),
    ("Osaavan työvoiman rekrytointi on tällä hetkellä suurin huolemme.",
     "Rahoituksen hakeminen investointeihin, esimerkiksi ELY-keskuksen yritystuet."),
)
SUPPORT_SV = (
    ("Vi behöver hjälp att hitta nya kunder.",
     "Kundanskaffning utanför vår egen region är svårt för oss."),
    ("Vi vill utveckla vår försäljning och bli bättre på att göra affärer.",
     "Försäljningsarbetet borde bli mer systematiskt."),
    ("Vårt varumärke behöver förnyas.",
     "Hur vi kan bygga ett starkare varumärke."),
    ("Våra program fungerar inte ihop, vi matar in samma uppgifter flera gånger.",
     "Integration mellan affärssystemet och webbutiken."),
    ("Vi samlar in data men använder den inte i besluten.",
     "Hur vi kan utnyttja kunddata bättre."),
    ("Vi funderar på att starta en webbutik.",
     "Vår webbutik ger för lite försäljning."),
    ("Vi behöver ett bättre verktyg för att planera och följa upp projekt.",),
    ("Export till Norge och Sverige intresserar oss.",
     "Hur man kommer igång med export."),
    ("Marknadsföring i sociala medier, särskilt Instagram.",),
    ("Rekrytering av kunnig personal.",
     "Finansiering av investeringar."),
)
SUPPORT_EN = (
    ("Finding new customers is our biggest challenge.",
     "We need help reaching business customers outside our region."),
    ("We want to make our sales work more systematic.",
     "Better ways to follow up offers and leads."),
    ("Our brand needs a refresh.",
     "How to stand out from competitors and tell our story."),
    ("Our systems do not talk to each other, so we type the same data several times.",
     "Integrating the ERP with the online shop."),
    ("We collect data but do not use it in decisions.",
     "Managing and reporting customer data."),
    ("We plan to open an online shop.",
     "Our web shop does not bring enough sales."),
    ("Project scheduling and task tracking rely on spreadsheets.",
     "Choosing a suitable project management tool."),
    ("Finding partners in Sweden and Norway.",
     "How to start exporting."),
    ("Using social media, especially Instagram, in marketing.",),
    ("Recruiting skilled staff.",
     "Financing for investments."),
)
RECRUITING_FI = "Osaavan työvoiman rekrytointi on tällä hetkellä suurin huolemme, alalle on vaikea saada tekijöitä."
FINANCING_FI = "Rahoituksen hakeminen investointeihin, esimerkiksi ELY-keskuksen yritystuet ovat meille vieraita."
# fake contact details (reserved example.com domain, a placeholder number) that ingest's scrubber must remove
CONTACT_FI = ("Asiakashankinta ja myynti. Soittakaa niin kerron lisää: 040 123 4567 tai "
              "matti.esimerkki@example.com")

FIRST_NAMES = ("Aino", "Eero", "Helmi", "Juha", "Kaisa", "Lauri", "Minna", "Pekka", "Riikka", "Sami", "Tuula",
               "Ville", "Anders", "Johanna")
LAST_NAMES = ("Esimerkki", "Testinen", "Mallikas", "Kuvitteellinen", "Keksitty", "Harjoitus")

# --- feedback comment pools ------------------------------------------------------------------------------

GOOD_FI = {
    "positive": ("Hyvä tilaisuus, kiitos!", "Kaikki oli hyvää.", "Mukava ja rento tunnelma.",
                 "Sain paljon uusia ideoita."),
    "trainer": ("Kouluttaja oli asiantunteva ja innostava.", "Vetäjä osasi asiansa ja vastasi kysymyksiin hyvin.",
                "Kouluttajan omat esimerkit olivat kiinnostavia."),
    "practicality": ("Käytännön esimerkit ja harjoitukset, {topic} oli heti sovellettavissa.",
                     "Konkreettiset vinkit, joita voi käyttää heti omassa yrityksessä."),
    "sme_relevance": ("Esimerkit sopivat hyvin pienelle yritykselle.",
                      "Sisältö oli mitoitettu pk-yrityksille."),
    "organisation": ("Hyvin järjestetty, aikataulu piti.", "Tilat ja tarjoilut olivat hyvät.",
                     "Etäyhteys toimi moitteettomasti."),
}
IMPROVE_FI = {
    "practicality": ("Enemmän käytännön harjoituksia, nyt oli liikaa teoriaa.",
                     "Osio {topic} jäi liian yleiselle tasolle, enemmän konkretiaa.",
                     "Olisi voinut tehdä harjoituksia omilla materiaaleilla."),
    "sme_relevance": ("Esimerkit olivat isoista yrityksistä, eivät sovi pienelle yritykselle.",
                      "Enemmän pienten yritysten näkökulmaa."),
    "communication": ("Ennakkotietoa sisällöstä olisi pitänyt saada enemmän.",
                      "Kutsu tuli liian myöhään, ja ohjelma selvisi vasta paikan päällä.",
                      "Markkinointi ei tavoittanut kaikkia, kuulin tästä sattumalta."),
    "organisation": ("Aikataulu venyi ja tauot jäivät lyhyiksi.", "Tila oli liian ahdas.",
                     "Iltapäivä oli liian pitkä."),
    "language": ("Toivoisin koulutusta myös ruotsiksi.", "Materiaalit voisi saada myös ruotsiksi."),
    "trainer": ("Kouluttaja puhui liian nopeasti.",),
}
GOOD_SV = {
    "positive": ("Bra tillfälle, tack!", "Mycket nyttigt."),
    "trainer": ("Utbildaren var kunnig och engagerande.",),
    "practicality": ("Praktiska exempel som jag kan använda direkt.",),
    "sme_relevance": ("Passade bra för små företag.",),
    "organisation": ("Välorganiserat.",),
}
IMPROVE_SV = {
    "practicality": ("Mer praktiska övningar.",),
    "sme_relevance": ("Exemplen var från stora företag.",),
    "communication": ("Mer information om innehållet på förhand.",),
    "organisation": ("Programmet var för långt.",),
    "language": ("Jag skulle gärna delta i utbildningar på svenska.", "Material på svenska, tack."),
    "trainer": ("Utbildaren talade för snabbt.",),
}
GOOD_WEIGHTS = {"positive": 0.35, "trainer": 0.25, "practicality": 0.2, "sme_relevance": 0.1, "organisation": 0.1}
IMPROVE_WEIGHTS = {"practicality": 0.33, "sme_relevance": 0.17, "communication": 0.22, "organisation": 0.13,
                   "language": 0.1, "trainer": 0.05}

IMPACT_OPTIONS = ("Kyllä", "Osittain", "Ei")
IMPACT_SHARES = (0.43, 0.38)          # yes, partly; the rest no
CONTACT_SHARE = 0.6
IMPACT_DONE = ("Päivitimme verkkosivut ja yhtenäistimme brändin ilmeen.",
               "Otimme käyttöön asiakkuudenhallintajärjestelmän.",
               "Aloitimme säännöllisen somemarkkinoinnin suunnitelman pohjalta.",
               "Avasimme verkkokaupan syksyllä.",
               "Teimme vientisuunnitelman ja osallistuimme messuille Norjassa.",
               "Myyntiprosessi on nyt kirjattu ja seuraamme tarjouksia.",
               "Teemme Canvalla omat markkinointimateriaalit.",
               "Yhdistimme laskutuksen ja varastonhallinnan ohjelmistot.",
               "Vi har förnyat vår webbplats och börjat med Instagram.")
IMPACT_NOT_YET = ("Ei vielä ehditty, mutta suunnitelmat ovat olemassa.", "Resurssit eivät ole riittäneet.")


# --- helpers ---------------------------------------------------------------------------------------------


def _rng(seed: int, stream: int) -> np.random.Generator:
    """An independent generator per file, so that one file's size does not change another file's draws."""
    return np.random.default_rng([seed, stream])


def _quota(n: int, weights) -> np.ndarray:
    """Exact counts per category summing to n (largest remainder), proportional to the weights."""
    weights = np.asarray(weights, dtype=float)
    raw = n * weights / weights.sum()
    counts = np.floor(raw).astype(int)
    order = np.argsort(-(raw - counts), kind="stable")
    counts[order[: n - counts.sum()]] += 1
    return counts


def _assign(rng: np.random.Generator, n: int, weights, minimum: int = 0) -> np.ndarray:
    """Category index per unit: exact quota counts (at least ``minimum`` each when n allows), shuffled."""
    k = len(weights)
    floor = minimum if n >= minimum * k else 0
    counts = _quota(n - floor * k, weights) + floor
    return rng.permutation(np.repeat(np.arange(k), counts))


def business_id_check_digit(body: np.ndarray) -> np.ndarray:
    """Y-tunnus check digit of seven-digit bodies (weights 7,9,10,5,8,4,2; remainder 1 → -1, no valid ID)."""
    digits = (body[:, None] // 10 ** np.arange(6, -1, -1)) % 10
    remainder = (digits * np.array([7, 9, 10, 5, 8, 4, 2])).sum(axis=1) % 11
    return np.where(remainder == 0, 0, np.where(remainder == 1, -1, 11 - remainder))


def _business_ids(rng: np.random.Generator, n: int) -> list[str]:
    """n distinct Y-tunnus strings with valid check digits (bodies 0100000..3299999, like today's IDs)."""
    bodies = rng.choice(3_200_000, size=int(n * 1.25) + 10, replace=False) + 100_000
    checks = business_id_check_digit(bodies)
    keep = checks >= 0
    bodies, checks = bodies[keep][:n], checks[keep][:n]
    return [f"{b:07d}-{c}" for b, c in zip(bodies.tolist(), checks.tolist())]


def _scale_probs(mean: float, k: int = 5, spread: float = 0.9) -> np.ndarray:
    """Probabilities of 1..k centred on ``mean``."""
    grid = np.arange(1, k + 1)
    p = np.exp(-((grid - mean) ** 2) / (2 * spread ** 2))
    return p / p.sum()


def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """CSV as Google Sheets downloads it: UTF-8 without BOM, CRLF line ends, quotes only where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _daytime_moments(rng: np.random.Generator, first: dt.datetime, days: int, count: int) -> list[dt.datetime]:
    """``count`` sorted moments on the ``days`` days from ``first``, between 8:00 and 21:59 (people answer by day)."""
    day = rng.integers(0, days, size=count)
    second = rng.integers(8 * 3600, 22 * 3600, size=count)
    start = dt.datetime.combine(first.date(), dt.time())
    return sorted(start + dt.timedelta(days=int(d), seconds=int(s)) for d, s in zip(day, second))


def _gforms_time(moment: dt.datetime) -> str:
    """Google Forms timestamp, M/D/YYYY H:MM:SS."""
    return f"{moment.month}/{moment.day}/{moment.year} {moment.hour}:{moment.minute:02d}:{moment.second:02d}"


# --- the needs survey ------------------------------------------------------------------------------------


def _needs_rows(companies: int, seed: int) -> tuple[list[str], list[list]]:
    """Header and rows (Python values, datetimes for the times) of the synthetic needs survey."""
    rng = _rng(seed, 1)
    n = companies
    municipality = _assign(rng, n, MUNICIPALITY_WEIGHTS, minimum=1)
    sector = _assign(rng, n, SECTOR_WEIGHTS)
    size = _assign(rng, n, SIZE_WEIGHTS)

    chosen = np.zeros((n, len(INTERESTS)), dtype=bool)
    for j, share in enumerate(INTEREST_SHARES):
        chosen[rng.choice(n, size=int(round(share * n)), replace=False), j] = True
    chosen[~chosen.any(axis=1), 0] = True          # everyone ticked something; the top topic only grows

    # export interest: exact quota; those who ticked the export topic, and boat builders, more often say yes
    n_yes, n_maybe = (int(round(s * n)) for s in EXPORT_SHARES)
    weight = 1.0 + 3.0 * chosen[:, 7] + 1.5 * (sector == 0)
    export = np.full(n, 2)
    yes = rng.choice(n, size=n_yes, replace=False, p=weight / weight.sum())
    export[yes] = 0
    rest = np.setdiff1d(np.arange(n), yes)
    export[rng.choice(rest, size=min(n_maybe, len(rest)), replace=False)] = 1
    fmt = _assign(rng, n, FORMAT_WEIGHTS)

    # a few Swedish-speaking companies, preferably in Kokkola (Karleby has the region's Swedish speakers)
    n_sv = max(1, int(round(0.12 * n)))
    kokkola = np.flatnonzero(municipality == 0)
    pool = kokkola if len(kokkola) >= n_sv else np.arange(n)
    swedish = set(rng.choice(pool, size=n_sv, replace=False).tolist())
    finnish = np.array([i for i in range(n) if i not in swedish])
    special = rng.choice(finnish, size=min(3, len(finnish)), replace=False).tolist()
    special_text = dict(zip(special, (RECRUITING_FI, FINANCING_FI, CONTACT_FI)))

    texts = []
    for i in range(n):
        if i in special_text:
            texts.append(special_text[i])
            continue
        if rng.random() < 0.15:
            texts.append(None)
            continue
        pools = SUPPORT_SV if i in swedish else SUPPORT_FI
        picked = [j for j in np.flatnonzero(chosen[i]) if j < 9]
        topics = rng.permutation(picked)[: 1 + int(rng.random() < 0.5)] if picked else [0]
        texts.append(" ".join(pools[j][rng.integers(len(pools[j]))] for j in topics))

    competence = np.empty((n, len(COMPETENCE_ITEMS)), dtype=object)
    for k, links in enumerate(COMPETENCE_LINKS):
        wants = chosen[:, list(links)].any(axis=1)
        for i in range(n):
            u = rng.random()
            if u < 0.03:
                competence[i, k] = None
            elif u < 0.10:
                competence[i, k] = DONT_KNOW
            else:
                competence[i, k] = LIKERT[rng.choice(5, p=_scale_probs(2.6 if wants[i] else 3.5))]

    starts = _daytime_moments(rng, dt.datetime(2021, 10, 4), days=58, count=n)
    durations = rng.integers(180, 1200, size=n)
    named = rng.random(n) < 0.4

    header = list(MSFORMS_META) + [Q_BUSINESS_ID, Q_MUNICIPALITY, Q_SECTOR, Q_SIZE, Q_INTERESTS] + [
        f"{COMPETENCE_PREFIX}: {item}" for item in COMPETENCE_ITEMS] + [Q_EXPORT, Q_SUPPORT, Q_FORMAT]
    ids = _business_ids(rng, n)
    rows = []
    for i in range(n):
        start = starts[i]
        if named[i]:
            first = FIRST_NAMES[rng.integers(len(FIRST_NAMES))]
            last = LAST_NAMES[rng.integers(len(LAST_NAMES))]
            email, name = f"{first.lower()}.{last.lower()}@example.com", f"{first} {last}"
        else:
            email, name = "anonymous", None
        interests = "".join(f"{INTERESTS[j]};" for j in np.flatnonzero(chosen[i]))
        rows.append([i + 1, start, start + dt.timedelta(seconds=int(durations[i])), email, name, ids[i],
                     MUNICIPALITIES[municipality[i]], SECTORS[sector[i]], SIZES[size[i]], interests,
                     *competence[i].tolist(), EXPORT_OPTIONS[export[i]], texts[i], FORMATS[fmt[i]]])
    return header, rows


def _xlsx_bytes(header: list[str], rows: list[list]) -> bytes:
    """An xlsx with one sheet "Sheet1" as Microsoft Forms exports it, byte-identical for the same rows.

    Saved through ``pipeline.workbook.workbook_bytes`` (fixed save times).
    """
    from openpyxl import Workbook

    from pipeline.workbook import workbook_bytes

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for column in ("B", "C"):
        for cell in sheet[column][1:]:
            cell.number_format = "m/d/yy h:mm:ss"
    workbook.properties.creator = "Microsoft Forms"
    return workbook_bytes(workbook, WORKBOOK_TIME)


# --- register, feedback, impact --------------------------------------------------------------------------


def _fmt_number(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def _register_bytes() -> bytes:
    rows = [[w.workshop_id, w.date, w.title, w.themes, w.format, w.locality, w.organiser, w.language,
             str(participant_count(w.note)), w.note, _fmt_number(w.hours), _fmt_number(w.parts), w.period,
             w.description] for w in REGISTER]
    return _csv_bytes(list(REGISTER_COLUMNS), rows)


def _comment(rng: np.random.Generator, pools: dict, weights: dict, topic: str) -> str:
    categories = list(weights)
    probs = np.array([weights[c] for c in categories])
    category = categories[rng.choice(len(categories), p=probs / probs.sum())]
    options = pools[category]
    return options[rng.integers(len(options))].format(topic=topic)


def _feedback_bytes(workshop: Workshop, seed: int, stream: int) -> bytes:
    rng = _rng(seed, stream)
    first = dt.datetime.fromisoformat(workshop.date)
    header = ["Timestamp", Q_SATISFACTION, Q_USEFULNESS, Q_PRACTICALITY, Q_RECOMMEND, Q_GOOD, Q_IMPROVE]
    moments = _daytime_moments(rng, first, days=6, count=workshop.responses)
    improve_weights = dict(IMPROVE_WEIGHTS)
    improve_weights["language"] += 0.6 * workshop.sv_share
    # a low practicality mean means the comments, too, ask for more practice
    improve_weights["practicality"] += max(0.0, 4.0 - workshop.means[2])
    rows = []
    for moment in moments:
        scores = [int(rng.choice(5, p=_scale_probs(mean, spread=0.7))) + 1 for mean in workshop.means]
        recommend = int(np.clip(round(2 * scores[0] + rng.normal(0, 1.2)), 0, 10))
        swedish = rng.random() < workshop.sv_share
        good_pools, improve_pools = (GOOD_SV, IMPROVE_SV) if swedish else (GOOD_FI, IMPROVE_FI)
        good = _comment(rng, good_pools, GOOD_WEIGHTS, workshop.topic) if rng.random() < 0.6 else ""
        improve = _comment(rng, improve_pools, improve_weights, workshop.topic) if rng.random() < 0.45 else ""
        rows.append([_gforms_time(moment), *map(str, scores), str(recommend), good, improve])
    return _csv_bytes(header, rows)


def _impact_bytes(companies: int, seed: int) -> bytes:
    rng = _rng(seed, 3)
    n = max(5, int(round(0.8 * companies)))
    answer = _assign(rng, n, (*IMPACT_SHARES, 1 - sum(IMPACT_SHARES)))
    contacts = np.zeros(n, dtype=bool)
    contacts[rng.choice(n, size=int(round(CONTACT_SHARE * n)), replace=False)] = True
    moments = _daytime_moments(rng, dt.datetime(2023, 4, 24), days=21, count=n)
    done = rng.permutation(len(IMPACT_DONE))
    rows = []
    for i, moment in enumerate(moments):
        if answer[i] < 2:
            text = IMPACT_DONE[done[i % len(done)]] if rng.random() < 0.85 else ""
        else:
            text = IMPACT_NOT_YET[rng.integers(len(IMPACT_NOT_YET))] if rng.random() < 0.5 else ""
        rows.append([_gforms_time(moment), IMPACT_OPTIONS[answer[i]], text, "Kyllä" if contacts[i] else "Ei"])
    ids, names, attended = _attendance_columns(companies, seed, n)
    rows = [[row[0], bid, name, *row[1:], went] for row, bid, name, went in zip(rows, ids, names, attended)]
    return _csv_bytes(["Timestamp", Q_BUSINESS_ID, Q_COMPANY, Q_IMPACT, Q_IMPACT_TEXT, Q_CONTACTS, Q_ATTENDED],
                      rows)


def _company_names(n: int) -> list[str]:
    """Made-up company names (word + kind + legal form), distinct for up to 100 companies."""
    forms = ("Oy", "Ab", "Ky", "Oy", "Tmi")
    return [f"{COMPANY_WORDS[i % 10]} {COMPANY_KINDS[(i // 10 + i) % 10]} {forms[i % 5]}" for i in range(n)]


def _attendance_columns(companies: int, seed: int, n: int) -> tuple[list[str], list[str], list[str]]:
    """Per impact respondent: business ID (blank for some, who give only the company name), the company name
    written the way people write it (case, legal form varying) and the workshops attended, as Google Forms
    joins a multi-select (", "). The respondents are needs-survey companies, so the surveys link."""
    _, rows = _needs_rows(companies, seed)
    rng = _rng(seed, 4)
    names = _company_names(companies)
    order = rng.permutation(companies)[:n] if n <= companies else rng.choice(companies, size=n)
    by_theme: dict[str, list[Workshop]] = {}
    for workshop in REGISTER:
        for theme in filter(None, workshop.themes.split(";")):
            by_theme.setdefault(theme, []).append(workshop)
    ids, written, attended = [], [], []
    for k in order:
        row = rows[int(k)]
        asked = {TOPIC_THEMES[INTERESTS.index(o)] for o in str(row[9]).split(";") if o in INTERESTS[:9]}
        went: set[str] = set()
        for theme, workshops in sorted(by_theme.items()):
            p = ATTEND_ASKED.get(theme, ATTEND_ASKED_OTHER) if theme in asked else ATTEND_NOT_ASKED
            if rng.random() < p:
                went.add(workshops[int(rng.integers(len(workshops)))].workshop_id)
        titles = [w.title for w in REGISTER if w.workshop_id in went]
        attended.append(", ".join(titles) if titles else NO_WORKSHOP)
        ids.append("" if rng.random() < 0.2 else str(row[5]))
        name = names[int(k)]
        variant = int(rng.integers(3))
        written.append(name.upper() if variant == 0 else name.rsplit(" ", 1)[0] if variant == 1 else name)
    return ids, written, attended


def _providers_yaml() -> bytes:
    text = """# EXAMPLE service-provider catalogue for the demo ([services] file = "providers.yaml").
# Generic kinds of provider found in a Finnish region: NOT real organisations or their actual offers.
# Replace with the region's own providers: name, kind, themes (needs-taxonomy slugs: sales, branding, data,
# ecommerce, export), languages (fi, sv, en), municipalities, services (one line) and url.
providers:
  - name: "Regional development company (example)"
    kind: development company
    themes: [sales, export]
    languages: [fi, sv]
    municipalities: [Kokkola, Kannus, Kaustinen, Veteli, Halsua, Lestijärvi, Perho, Toholampi]
    services: "Business advice, sales and growth coaching, export start-up support (example)"
    url: "https://example.org/development-company"
  - name: "University of applied sciences, continuing education (example)"
    kind: university of applied sciences
    themes: [branding, ecommerce, sales]
    languages: [fi]
    municipalities: [Kokkola]
    services: "Short courses in brand building, web shops and modern selling (example)"
    url: "https://example.org/uas"
  - name: "Regional business services centre (example)"
    kind: public business services
    themes: [export, ecommerce]
    languages: [fi, sv, en]
    municipalities: [Kokkola]
    services: "Internationalisation advice and funding for development projects (example)"
    url: "https://example.org/business-services"
"""
    return text.encode("utf-8")


def _project_toml() -> bytes:
    lines = ["# The bundled demo: what `python -m pipeline run` reads when no --config is given.",
             "# Regenerate every file of this folder with `python -m pipeline demo --out raw/demo`.", "",
             "[needs]", 'file = "needs_survey.xlsx"', "", "[workshops]", 'file = "workshops.csv"', ""]
    for workshop in REGISTER:
        lines += ["[[feedback]]", f'file = "feedback_{workshop.workshop_id}.csv"',
                  f'workshop_id = "{workshop.workshop_id}"', ""]
    lines += ["[impact]", 'file = "impact_survey.csv"', "",
              "# an EXAMPLE catalogue of generic provider kinds (not real organisations' offers)",
              "[services]", 'file = "providers.yaml"', ""]
    return "\n".join(lines).encode("utf-8")


def _readme(companies: int, seed: int) -> bytes:
    text = f"""# The bundled demo

Generated by `python -m pipeline demo` (`pipeline/demo.py`, {companies} companies, seed {seed}); every file
here is byte-identical when regenerated with the same arguments. Edit the generator, not these files.

## From the project's final report (real figures)

`workshops.csv` is the project's workshop register as the final report gives it: the workshops, their titles
and descriptions (`title`, `description`), the months they ran (`period`, verbatim; `date` is the first day of
the first part), the number of parts where the report states it (`parts`; empty where it says "several"),
and the participant figures. The report's wording is kept verbatim in `participants_note`; `participants` is
its point value by these rules:

- "N", "about N", "about N per part", "about N in all", "about N, <remark>" → N
- "almost N" → N − 2 (just below the round figure)
- "A–B per part" → the midpoint, rounded half up (7–18 → 13, 23–35 → 29)
- "N entrepreneurs + others/trainers" → N (only the counted entrepreneurs: a lower bound)

Figures "per part" are per part, not summed over the parts. One row per workshop, not per part.

In the same file, these columns are the demo's plausible assignments, **not** from the report: the day of
`date`, `themes` (needs-taxonomy slugs), `format`, `locality`, `organiser`, `language` and `hours`.

The story the needs survey tells also comes from the report: 26 companies answered; the most wanted topics
were customer acquisition, sales promotion, brand development, software integration and managing and using
digital data; there was also interest in e-commerce and digital project-management tools; about half wanted
to develop exports.

## Synthetic (made up, no real answers)

- `needs_survey.xlsx`: the needs survey in the Microsoft Forms export layout. Every answer is synthetic,
  drawn so that the aggregate tells the story above. Business IDs are random numbers with valid check
  digits; the Email and Name columns, and the phone number and e-mail address in one open answer, are made
  up (`example.com`) to show that ingest drops and scrubs personal data.
- `feedback_W01.csv` … `feedback_W16.csv`: one feedback survey per workshop in the Google Forms CSV layout.
  Scores, comments and response counts are synthetic (fewer responses than participants; W11 and W12 have
  fewer than five).
- `impact_survey.csv`: the final impact survey in the Google Forms CSV layout, synthetic. Its respondents are
  needs-survey companies: most give their Y-tunnus, some only the company name (made-up names, written with
  varying case and legal form), and "Mihin työpajoihin osallistuitte?" lists the register titles they attended
  (companies that asked for sales seldom came to a sales workshop; those that asked for branding mostly did).
- `providers.yaml`: an EXAMPLE service-provider catalogue of generic provider kinds of a Finnish region, not
  real organisations or their offers.
- `project.toml`: the demo configuration that ties the files together.
"""
    return text.encode("utf-8")


def demo_files(companies: int = 26, seed: int = 2022) -> dict[str, bytes]:
    """Return the bundled demo as ``{file name: contents}``: needs survey, register, feedback, impact, config.

    Deterministic: the same ``companies`` and ``seed`` give byte-identical contents. Each file draws from its
    own generator seeded with ``[seed, stream]``, so ``companies`` changes only the needs and impact surveys.
    The register and its participant figures are the final report's and do not depend on the arguments.
    """
    if companies < 1:
        raise InputError(f"demo: --companies {companies}: give 1 or more companies")
    header, rows = _needs_rows(companies, seed)
    files = {"needs_survey.xlsx": _xlsx_bytes(header, rows), "workshops.csv": _register_bytes()}
    for stream, workshop in enumerate(REGISTER, start=100):
        files[f"feedback_{workshop.workshop_id}.csv"] = _feedback_bytes(workshop, seed, stream)
    files["impact_survey.csv"] = _impact_bytes(companies, seed)
    files["providers.yaml"] = _providers_yaml()
    files["project.toml"] = _project_toml()
    files["README.md"] = _readme(companies, seed)
    return files


# --- the scale generator ---------------------------------------------------------------------------------


def _pool_table(pools: tuple[tuple[str, ...], ...], width: int) -> np.ndarray:
    """Topic × width array of sentences, each topic's list repeated cyclically to ``width``."""
    return np.array([[pool[k % len(pool)] for k in range(width)] for pool in pools], dtype=object)


def scale_survey_csv(respondents: int, seed: int = 0) -> bytes:
    """Return a synthetic needs survey of ``respondents`` rows in the Google Forms CSV layout.

    Same questions as the demo's needs survey: Timestamp (M/D/YYYY H:MM:SS), Y-tunnus (distinct, valid check
    digits), municipality, sector, size, the interests multi-select (Google Forms joins ticked options with
    ", "), the competence grid as ``Arvioikaa yrityksenne osaamista [statement]`` columns, export interest,
    the open support question (about 80 % Finnish, 15 % Swedish, 5 % English; a quarter blank) and the
    preferred format. Every column is drawn with vectorised numpy; deterministic for a given seed.
    """
    if respondents < 0:
        raise InputError(f"scale survey: {respondents} respondents: give zero or more")
    rng = np.random.default_rng([seed, 9])
    n = respondents
    n_topics = len(INTERESTS)

    def pick(labels, weights) -> np.ndarray:
        w = np.asarray(weights, dtype=float)
        return np.asarray(labels, dtype=object)[rng.choice(len(labels), size=n, p=w / w.sum())]

    moments = (np.datetime64("2021-10-04T08:00:00")
               + rng.integers(0, 58 * 86_400, size=n).astype("timedelta64[s]"))
    moments.sort()
    days = moments.astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    day = (days - months).astype(int) + 1
    month = months.astype(int) % 12 + 1
    year = months.astype(int) // 12 + 1970
    seconds = (moments - days).astype(int)
    timestamp = [f"{mo}/{d}/{y} {s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
                 for mo, d, y, s in zip(month.tolist(), day.tolist(), year.tolist(), seconds.tolist())]

    business_id = _business_ids(rng, n)

    chosen = rng.random((n, n_topics)) < np.asarray(INTEREST_SHARES)
    chosen[~chosen.any(axis=1), 0] = True
    masks = chosen @ (1 << np.arange(n_topics))
    combos = np.array([", ".join(INTERESTS[j] for j in range(n_topics) if m >> j & 1)
                       for m in range(1 << n_topics)], dtype=object)
    interests = combos[masks]

    grid = {}
    for k, links in enumerate(COMPETENCE_LINKS):
        wants = chosen[:, list(links)].any(axis=1)
        cumulative = np.cumsum(np.stack([_scale_probs(3.5), _scale_probs(2.6)]), axis=1)
        u = rng.random(n)
        score = (u[:, None] > cumulative[wants.astype(int)]).sum(axis=1)
        labels = np.asarray(LIKERT, dtype=object)[np.minimum(score, 4)]
        missing = rng.random(n)
        labels[missing < 0.07] = DONT_KNOW
        labels[missing < 0.02] = ""
        grid[f"{COMPETENCE_PREFIX} [{COMPETENCE_ITEMS[k]}]"] = labels

    width = 4
    table = np.stack([_pool_table(SUPPORT_FI, width), _pool_table(SUPPORT_SV, width),
                      _pool_table(SUPPORT_EN, width)])
    lang = rng.choice(3, size=n, p=[0.8, 0.15, 0.05])
    # the first topic of the answer: one of the ticked ones, at random (argmax of random keys over ticked)
    keys = rng.random((n, n_topics)) * chosen
    first = keys.argmax(axis=1)
    keys[np.arange(n), first] = 0
    second = np.where(keys.max(axis=1) > 0, keys.argmax(axis=1), -1)
    text = table[lang, first, rng.integers(width, size=n)]
    extra = table[lang, np.maximum(second, 0), rng.integers(width, size=n)]
    with_second = (second >= 0) & (rng.random(n) < 0.4)
    text = np.where(with_second, text + " " + extra, text)
    text[rng.random(n) < 0.25] = ""

    columns = {
        "Timestamp": timestamp,
        Q_BUSINESS_ID: business_id,
        Q_MUNICIPALITY: pick(MUNICIPALITIES, MUNICIPALITY_WEIGHTS),
        Q_SECTOR: pick(SECTORS, SECTOR_WEIGHTS),
        Q_SIZE: pick(SIZES, SIZE_WEIGHTS),
        Q_INTERESTS: interests,
        **grid,
        Q_EXPORT: pick(EXPORT_OPTIONS, (*EXPORT_SHARES, 1 - sum(EXPORT_SHARES))),
        Q_SUPPORT: text,
        Q_FORMAT: pick(FORMATS, FORMAT_WEIGHTS),
    }
    rows = list(zip(*(list(values) for values in columns.values())))
    return _csv_bytes(list(columns), rows)
