"""Quirks found by QA round 21 (issue 12) and on ingest round 25 of unseen real exports: one test per quirk,
each on a few inline rows built the way files of that kind look (invented names, answers and texts, not copies
of the files)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

from conftest import chosen, webropol_csv, write_csv

KEY = b"k26"


def _webropol_xlsx_like(tmp_path, name: str, header: list[str], rows: list[list[str]], first: str = "Nr"):
    """A Webropol download re-saved as CSV: a running number and the Swedish response time first."""
    return webropol_csv(tmp_path / name, header, rows, lead=(first, "Svarstid"),
                        when=lambda i: f"0{5 + i % 4}.05.2025 08:15")



def _texts(survey, qid: str) -> list[str]:
    return sorted(survey.answers.loc[survey.answers["question_id"] == qid, "text"].astype(str))


_THEMES = ["Ämnen:Försäljning", "Ämnen:Varumärke", "Ämnen:Export", "Ämnen:Annat, vad?",
           "Ämnen:Annat, vad? (text)"]
_THEME_ROWS = [["1", "", "1", "", ""], ["", "1", "", "1", "Rekrytering"], ["1", "1", "", "", ""],
               ["", "", "1", "1", "Generationsskifte"], ["1", "", "", "", ""]]


def test_other_tick_column_then_its_text_column_is_one_multi_select(tmp_path):
    """QA round 21, F1: Webropol writes a check-all's "other" option as a tick column of its own
    (``Ämnen:Annat, vad?``, 1 or blank) and the typed text in the next column, headed with that option plus
    ``(text)``. The text column broke the group: every option became a number question (sales counted from the
    open text alone) and, in an impact survey, the text column was taken for the attendance question. The
    options form one multi-select; the text column is its other text. An option that merely starts with an
    "other" word ("Other countries") is an option."""
    path = _webropol_xlsx_like(tmp_path, "behov.csv", _THEMES, _THEME_ROWS)
    questions = inspect_file(path)["questions"]
    assert [(q["type"], q.get("options")) for q in questions] == [
        ("multi", ["Försäljning", "Varumärke", "Export", "Annat, vad?"]), ("other_text", [])], questions
    survey = read_survey(path, key=KEY)
    multi, other = questions[0]["id"], questions[1]["id"]
    assert chosen(survey, multi) == {"Försäljning": 3, "Varumärke": 2, "Export": 2, "Annat, vad?": 2}
    assert _texts(survey, other) == ["Generationsskifte", "Rekrytering"]
    countries = _webropol_xlsx_like(tmp_path, "maat.csv",
                                    ["Markets:Sweden", "Markets:Other", "Markets:Other countries"],
                                    [["1", "", "1"], ["", "1", ""], ["1", "1", ""], ["", "", "1"]])
    found = inspect_file(countries)["questions"]
    assert [(q["type"], q.get("options")) for q in found] == [("multi", ["Sweden", "Other", "Other countries"])], found


def test_spec_multi_over_option_columns_is_one_multi_select(tmp_path):
    """QA round 21, F1: the obvious spec ``match: "^Ämnen"`` / ``type: multi`` over Webropol's 1/blank option
    columns gave one "multi" per column with the single option "1". A spec's multi over several option columns
    is one multi-select whose options are the columns' labels; a last column of typed texts after the ticks
    (here headed with no "other" word, so only the spec groups it) is its other text."""
    header = ["Ämnen:Försäljning", "Ämnen:Varumärke", "Ämnen:Export", "Ämnen:Beskriv gärna"]
    rows = [["1", "", "1", ""], ["", "1", "", "Rekrytering"], ["1", "1", "", ""], ["", "", "1", "Generationsskifte"],
            ["1", "", "", ""]]
    path = _webropol_xlsx_like(tmp_path, "behov.csv", header, rows)
    spec = {"questions": [{"match": "^Ämnen", "type": "multi"}]}
    questions = inspect_file(path, spec=spec)["questions"]
    assert [(q["type"], q.get("options")) for q in questions] == [
        ("multi", ["Försäljning", "Varumärke", "Export"]), ("other_text", [])], questions
    survey = read_survey(path, spec=spec, key=KEY)
    assert chosen(survey, questions[0]["id"]) == {"Försäljning": 3, "Varumärke": 2, "Export": 2}
    assert _texts(survey, questions[1]["id"]) == ["Generationsskifte", "Rekrytering"]


def test_webropol_running_number_nr_is_the_response_id(tmp_path):
    """QA round 21, F3: Webropol's first column "Nr" (the response's running number) was a number question
    reported with a mean of 17.4, and ``exclude = ["1"]`` found no response id. "Nr"/"Nro" over distinct whole
    numbers is the response id (never a question), so a test row is excluded by its number; a column headed
    "Nr" whose answers are no running number (a house number with a letter) stays a question."""
    path = _webropol_xlsx_like(tmp_path, "behov.csv", _THEMES, _THEME_ROWS)
    found = inspect_file(path)
    assert found["respondent_id"] == "Nr"
    assert "Nr" not in {q["text"] for q in found["questions"]}
    survey = read_survey(path, key=KEY, exclude=("1",))
    assert survey.report["excluded"] == 1 and survey.report["accepted"] == 4
    finnish = _webropol_xlsx_like(tmp_path, "tarve.csv", ["Kunta"], [["Kokkola"], ["Kruunupyy"], ["Kokkola"]],
                                  first="Nro")
    assert inspect_file(finnish)["respondent_id"] == "Nro"
    address = write_csv(tmp_path / "osoite.csv", "Katu;Nr;Kunta\nKoulukatu;12 B;Kokkola\nRantatie;3;Kokkola\n"
                                                 "Puistotie;7 A;Kruunupyy\n")
    found = inspect_file(address)
    assert found["respondent_id"] != "Nr" and "Nr" in {q["text"] for q in found["questions"]}, found


# --- ingest round 25 on unseen real exports ---------------------------------------------------------------------

def _xlsx(tmp_path, name: str, header: list[str], rows: list[list]):
    """An xlsx download with one sheet, as Jotform and Microsoft Forms write them."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


_KOTA = ["Kota Semarang", "Kabupaten Bantul", "Kota Palembang"]


def test_jotform_download_is_recognised_by_its_submission_date(tmp_path):
    """Round 25: Jotform's xlsx download (Indonesian field-staff forms) starts with "Submission Date" and was read
    as a generic file. It is Jotform's, with "Submission Date" as the submission time; a sheet whose first column
    is something else and merely holds a "Submission Date" stays generic."""
    rows = [[f"Jul {10 + i}, 2022", ["Sekolah", "Kampus", "Residensial"][i % 3], str(10 + i)] for i in range(6)]
    found = inspect_file(_xlsx(tmp_path, "Jotform_Sales.xlsx", ["Submission Date", "Jenis Lokasi", "Jumlah"], rows))
    assert found["tool"] == "jotform" and found["submitted_at"] == "Submission Date"
    assert found["respondents"] == 6
    other = inspect_file(_xlsx(tmp_path, "other.xlsx", ["Jenis Lokasi", "Submission Date", "Jumlah"],
                               [[r[1], r[0], r[2]] for r in rows]))
    assert other["tool"] == "generic"


def test_check_boxes_joined_by_line_breaks_are_one_multi_select(tmp_path):
    """Round 25: Jotform writes a check-box answer as the ticked options one per line ("GoFood\\nGrabFood"); the
    column was a single choice whose "options" were every combination. The options are the lines. A product list
    (lines of items and a "Total:" line in every answer) stays open text."""
    platforms = ["GoFood", "GoFood\nGrabFood", "Tidak ada", "GrabFood\nDelivery Mandiri", "Delivery Mandiri",
                 "GoFood\nGrabFood\nShopeeFood", "GrabFood", "Tidak ada"]
    products = [f"HILO {k} (Amount: {11 + k},000.00 IDR, Quantity: {k})\nTotal: {(11 + k) * k},000.00 IDR"
                for k in range(1, 9)]
    rows = [[f"Jul {10 + i}, 2022", p, q] for i, (p, q) in enumerate(zip(platforms, products))]
    path = _xlsx(tmp_path, "Jotform_Sales.xlsx", ["Submission Date", "Platform Online Merchant", "Penjualan"], rows)
    questions = {q["text"]: q for q in inspect_file(path)["questions"]}
    platform = questions["Platform Online Merchant"]
    assert platform["type"] == "multi", platform
    assert set(platform["options"]) == {"GoFood", "GrabFood", "Delivery Mandiri", "ShopeeFood", "Tidak ada"}
    assert questions["Penjualan"]["type"] == "open"
    survey = read_survey(path, key=KEY)
    picked = chosen(survey, platform["id"])
    assert picked["GoFood"] == 3 and picked["GrabFood"] == 4 and picked["ShopeeFood"] == 1


def test_submission_days_without_times_measure_no_duplicate_window(tmp_path):
    """Round 25: a Jotform download writes each submission's day only ("Jul 19, 2022"): every report of a day was
    "0 s" from the others, so two field reports with the same closed answers the same day were dropped as a double
    submission. Days only measure no window; with times, identical answers seconds apart are still one."""
    header = ["Submission Date", "Status Transaksi", "Jenis Lokasi", "Platform", "Asal barang", "Kolaborasi", "Jumlah"]
    same = ["Titik Baru", "Sekolah", "GoFood", "Grosir", "Product listing", "17"]
    rows = [["Jul 19, 2022", *same], ["Jul 19, 2022", *same]] + [
        [f"Jul {10 + i}, 2022", "Repeat Order", ["Kampus", "Residensial"][i % 2], "Tidak ada", "Modern Outlet",
         "Product Collaboration", str(30 + i)] for i in range(6)]
    days = read_survey(_xlsx(tmp_path, "days.xlsx", header, rows), key=KEY)
    assert days.report["duplicates"] == 0 and days.report["accepted"] == 8
    timed = [[f"2022-07-19 10:00:{10 + k:02d}", *same] for k in range(2)] + [
        [f"2022-07-{10 + i} 12:00:00", *r[1:]] for i, r in enumerate(rows[2:])]
    seconds = read_survey(_xlsx(tmp_path, "seconds.xlsx", header, timed), key=KEY)
    assert seconds.report["duplicates"] == 1


def test_different_phone_numbers_are_different_submitters(tmp_path):
    """Round 25: two reports with the same closed answers a minute apart but different shops' phone numbers were
    taken for one double submission once the phone column (personal data) was left out. A phone number, an e-mail
    address or a shop's name that differs tells two submitters apart, as a name or panel id does; the same phone
    number (written with other spacing) is the same submitter."""
    header = ["Submission Date", "Nomor Telepon", "Status Transaksi", "Jenis Lokasi", "Platform", "Asal barang",
              "Kolaborasi"]
    same = ["Titik Baru", "Sekolah", "GoFood", "Grosir", "Product listing"]
    others = [[f"2022-07-{10 + i} 12:00:00", f"08573553{5240 + i}", "Repeat Order", ["Kampus", "Residensial"][i % 2],
               "Tidak ada", "Modern Outlet", "Product Collaboration"] for i in range(6)]
    two = [["2022-07-19 10:00:10", "085735535248", *same], ["2022-07-19 10:01:00", "085700925421", *same]]
    kept = read_survey(_xlsx(tmp_path, "two.xlsx", header, two + others), key=KEY)
    assert kept.report["duplicates"] == 0 and kept.report["accepted"] == 8
    one = [["2022-07-19 10:00:10", "0857 3553 5248", *same], ["2022-07-19 10:01:00", "085735535248", *same]]
    dropped = read_survey(_xlsx(tmp_path, "one.xlsx", header, one + others), key=KEY)
    assert dropped.report["duplicates"] == 1


def test_staff_names_under_a_person_in_charge_header_leave_the_outputs(tmp_path):
    """Round 25: Jotform reports name the staff member who filed them ("PIC", "Nama PIC", "Nama SPG/MR", "Nama
    Perwakilan"), names the fi/sv/en lists lack ("Rafi Anugrah Ramadhan", "NGADINO"); they were single choices and
    open answers in every output. Under a header naming the person in charge (or "nama", Indonesian for name, with
    such a role), names of that shape are personal data; a role's dropdown of dictionary words stays a question."""
    names = ["Rafi Anugrah Ramadhan", "Try Wahyu Santoso", "Ngadino", "Jessyanti", "Luthfan Arsyan Harahap"]
    caps = ["PEBRIANO SAKA PERKASA", "KESYA", "SWARMAN RINDU SIAHAAN", "YOVE MAULANA", "FISKO ALBATINUSA"]
    rows = [[f"2024-04-0{1 + i % 5} 12:3{i % 10}:00", names[i % 5], caps[i % 5], ["Sales", "Team Leader"][i % 2],
             ["SUM2 , H3 , FAMILY MART", "KALIMANTAN , H4 , YOVA"][i % 2]] for i in range(10)]
    path = _xlsx(tmp_path, "Sales jotform.xlsx", ["Submission Date", "PIC", "Nama Perwakilan", "Jabatan PIC",
                                                 "Area, Klasifikasi, Customer"], rows)
    found = inspect_file(path)
    personal = {p["column"]: p["kind"] for p in found["personal_data_columns"]}
    assert personal.get("PIC") == "name" and personal.get("Nama Perwakilan") == "name", personal
    assert "Jabatan PIC" in {q["text"] for q in found["questions"]}
    text = _texts_of(path)
    assert not any(n.lower() in text for n in names + caps)


def _texts_of(path) -> str:
    survey = read_survey(path, key=KEY)
    text = str(inspect_file(path)) + survey.answers.astype(str).to_csv() + survey.questions.astype(str).to_csv()
    return text.lower()


def test_links_to_uploaded_files_are_no_answers(tmp_path):
    """Round 25: a Microsoft Forms file-upload question (Spanish UI: "Fotos de evidencia de la visita.") exports
    links into the form owner's OneDrive ("…sharepoint.com/personal/<account>/Documents/Apps/Microsoft Forms/…
    .jpeg", several joined by "; "): they were open answers and multi-select "options" naming the account. Links to
    uploaded files are personal data (kind url), left out; a question answered with a website's address stays."""
    base = "https://contoso-my.sharepoint.com/personal/staff_contoso_com/Documents/Apps/Microsoft%20Forms/Registro/"
    rows = [[str(i), f"2021-02-0{1 + i % 9} 11:00:58", f"2021-02-0{1 + i % 9} 11:03:49", "anonymous", "",
             ["Norte", "Sureste", "Metro"][i % 3],
             f"{base}Pregunta/image_anonymous%20{i}.jpg" + (f"; {base}Pregunta/image%20{i}_anonymous.jpg" if i % 3 == 0
                                                            else ""),
             ["https://www.contoso.example/", "https://autos.example.mx/"][i % 2]] for i in range(1, 9)]
    header = ["ID", "Hora de inicio", "Hora de finalización", "Correo electrónico", "Nombre", "Ingresa la zona.",
              "Fotos de evidencia de la visita.", "Página web de la agencia"]
    path = _xlsx(tmp_path, "Registro de Visita(1-8).xlsx", header, rows)
    found = inspect_file(path)
    assert found["tool"] == "msforms"
    personal = {p["column"]: p["kind"] for p in found["personal_data_columns"]}
    assert personal.get("Fotos de evidencia de la visita.") == "url", personal
    assert "Página web de la agencia" in {q["text"] for q in found["questions"]}
    assert "staff_contoso" not in _texts_of(path)


def test_cascading_choice_header_naming_its_levels_is_one_choice(tmp_path):
    """Round 25: Jotform's dependent drop-downs are exported as one column headed by the levels
    ("Project; Jenis Channel; Sub Channel") holding one part per level ("Merchant Development ; Snack ; Snack"):
    read as a multi-select, every level's value was counted as an option ticked. The whole answer is the
    choice."""
    answers = ["Merchant Development ; Snack (Makanan Ringan) ; Snack",
               "Sales Program TS ; Alternative Channel ; Others",
               "Merchant Development ; Angkringan ; Angkringan",
               "Merchant Development ; Snack (Makanan Ringan) ; Snack"]
    rows = [[f"Jul {10 + i}, 2022", answers[i % 4], ["Sekolah", "Kampus"][i % 2]] for i in range(8)]
    path = _xlsx(tmp_path, "Jotform_Sales.xlsx", ["Submission Date", "Project; Jenis Channel; Sub Channel",
                                                 "Jenis Lokasi"], rows)
    question = {q["text"]: q for q in inspect_file(path)["questions"]}["Project; Jenis Channel; Sub Channel"]
    assert question["type"] == "single", question
    assert len(question["options"]) == 3
