"""The demo's reports in the clients the steering group uses: the page in Chromium (phone and desktop width,
and printed to PDF), the workbook and the slides in LibreOffice (converted to PDF).

Needs Debian's ``chromium`` and ``libreoffice-calc``/``-impress`` (``make install`` and ``.ci/run`` install them
as root; ``make clients`` does it by hand). Where a client is missing its tests are skipped with that reason,
except where ``REQUIRE_CLIENT_TESTS=1`` (set by ``.ci/run`` when it can install them): there they fail.
"""
from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pytest

from clients import Browser, chromium_path, office_pdf, soffice_path

pytestmark = pytest.mark.slow

CHROMIUM = chromium_path()
SOFFICE = soffice_path()
# CI installs the clients (.ci/run) and sets this: there a missing client fails the tests instead of skipping them
REQUIRED = os.environ.get("REQUIRE_CLIENT_TESTS") == "1"
CHROMIUM_MISSING = "Chromium is not installed here (make clients, as root); the page was not opened in a browser"
SOFFICE_MISSING = ("LibreOffice is not installed here (make clients, as root); the workbook and slides were not "
                   "opened in an office suite")
needs_chromium = pytest.mark.skipif(CHROMIUM is None and not REQUIRED, reason=CHROMIUM_MISSING)
needs_soffice = pytest.mark.skipif(SOFFICE is None and not REQUIRED, reason=SOFFICE_MISSING)


def client(path: str | None, missing: str) -> str:
    """The client's path; where it is missing, a skip with the reason, or a failure when REQUIRED."""
    if path is None:
        if REQUIRED:
            pytest.fail(f"{missing}; REQUIRE_CLIENT_TESTS=1 says this machine must have it")
        pytest.skip(missing)
    return path
WIDTHS = (390, 1280)              # a phone and a laptop, CSS pixels
MM = 96 / 25.4                    # CSS pixels per millimetre
PT = 96 / 72                      # CSS pixels per point

# Everything the screen checks need, measured in the page at once.
PAGE_FACTS = r"""(() => {
  const doc = document.documentElement;
  const beyond = [...document.body.querySelectorAll('*')].filter(e => !e.closest('.table-wrap'))
    .filter(e => e.getBoundingClientRect().right > doc.clientWidth + 0.5)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
  return {
    lang: doc.getAttribute('lang'), scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, beyond,
    images: [...document.images].map(i => ({complete: i.complete, width: i.naturalWidth,
      alt: i.getAttribute('alt'), inFigure: !!i.closest('figure'),
      title: i.closest('figure')?.querySelector('figcaption strong')?.textContent || ''})),
    figures: [...document.querySelectorAll('figure')].map(f => f.querySelectorAll('img').length),
    toc: [...document.querySelectorAll('nav a')].map(a => a.getAttribute('href')),
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
    tables: [...document.querySelectorAll('table')].map(t => {
      const wrap = t.closest('.table-wrap');
      return {caption: t.caption ? t.caption.textContent : '', inWrap: !!wrap,
              overflowX: wrap ? getComputedStyle(wrap).overflowX : '',
              scrollWidth: wrap ? wrap.scrollWidth : t.scrollWidth, clientWidth: wrap ? wrap.clientWidth : 0};
    }),
  };
})()"""

# In print media: the height of every table (with its caption) and figure, and the @page margins.
PRINT_FACTS = r"""(() => {
  let margin = null;
  const rules = [...document.styleSheets].flatMap(s => [...s.cssRules]);
  for (const rule of rules.flatMap(r => r.cssRules ? [r, ...r.cssRules] : [r])) {
    if (rule.type === CSSRule.PAGE_RULE) margin = rule.style.getPropertyValue('margin');
  }
  return {margin, tables: [...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().height),
          figures: [...document.querySelectorAll('figure')].map(f => f.getBoundingClientRect().height)};
})()"""


@pytest.fixture(scope="module")
def demo(demo_out) -> Path:
    """The demo run shared with the end-to-end tests (``conftest.demo_out``)."""
    return demo_out


@pytest.fixture(scope="module")
def browser():
    with Browser(client(CHROMIUM, CHROMIUM_MISSING)) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def page_facts(demo, browser) -> dict[int, dict]:
    """What the page looks like at each width of ``WIDTHS``: {width: facts}."""
    facts = {}
    for width in WIDTHS:
        browser.open((demo / "reports" / "summary.html").as_uri(), width)
        facts[width] = browser.evaluate(PAGE_FACTS)
    return facts


@pytest.fixture(scope="module")
def printed(demo, browser, tmp_path_factory):
    """The page printed to PDF by Chromium: (pypdf reader, print-media measurements at the page's width)."""
    import pypdf

    browser.open((demo / "reports" / "summary.html").as_uri(), 1280, media="print")
    pdf = tmp_path_factory.mktemp("printed") / "summary.pdf"
    pdf.write_bytes(browser.pdf())
    reader = pypdf.PdfReader(pdf)
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    height_mm = float(reader.pages[0].mediabox.height) / 72 * 25.4
    margin = browser.evaluate(PRINT_FACTS)["margin"]
    assert margin and margin.endswith("mm"), f"the print style sets no @page margin in mm: {margin!r}"
    margin_mm = float(margin[:-2])
    content_width = round((width_mm - 2 * margin_mm) * MM)
    browser.open((demo / "reports" / "summary.html").as_uri(), content_width, media="print")
    measured = browser.evaluate(PRINT_FACTS)
    measured["page_height"] = (height_mm - 2 * margin_mm) * MM
    return reader, measured


def _structure(reader) -> list[tuple[str, set[int]]]:
    """The tagged PDF's Table, TR (body rows) and Figure elements in document order, each with the pages its
    content is on."""
    page_of = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    found: list[tuple[str, set[int]]] = []

    def visit(node, inherited):
        node = node.get_object()
        page = page_of.get(node.raw_get("/Pg").idnum, inherited) if "/Pg" in node else inherited
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [] if kids is None else [kids]
        pages: set[int] = set()
        position = len(found)
        for kid in kids:
            if isinstance(kid, int):          # a marked-content id on this element's page
                pages.add(page)
                continue
            child = kid.get_object()
            if child.get("/Type") in ("/MCR", "/OBJR"):
                pages.add(page_of.get(child.raw_get("/Pg").idnum, page) if "/Pg" in child else page)
            else:
                pages |= visit(child, page)
        kind = node.get("/S")
        if kind == "/TR" and kids and all(getattr(k.get_object(), "get", lambda _: None)("/S") == "/TH"
                                          for k in kids if not isinstance(k, int)):
            kind = "/THR"  # a header row, which the browser repeats on every page a long table takes
        if kind in ("/Table", "/TR", "/Figure"):
            found.insert(position, (str(kind)[1:], {p for p in pages if p is not None}))
        return pages

    visit(reader.trailer["/Root"]["/StructTreeRoot"], None)
    return found


def _drawn_images(page) -> int:
    """How many images the page draws (``Do`` of an image XObject, also inside form XObjects)."""
    from pypdf.generic import ContentStream

    def count(stream, resources) -> int:
        xobjects = resources.get("/XObject", {}) if resources else {}
        drawn = 0
        for operands, operator in ContentStream(stream, page.pdf).operations:
            if operator != b"Do" or operands[0] not in xobjects:
                continue
            xobject = xobjects[operands[0]].get_object()
            if xobject.get("/Subtype") == "/Image":
                drawn += 1
            elif xobject.get("/Subtype") == "/Form":
                drawn += count(xobject, xobject.get("/Resources", resources))
        return drawn

    return count(page.get_contents(), page.get("/Resources"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _text_outside_page(reader) -> list[str]:
    """Text drawn outside its page's box (cut off by the client), as "page n: text"."""
    outside = []
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        left, bottom, right, top = (float(box.left), float(box.bottom), float(box.right), float(box.top))

        def visit(text, cm, tm, font, size, number=number, box=(left, bottom, right, top)):
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if not (box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1):
                outside.append(f"page {number}: {text.strip()[:60]}")

        page.extract_text(visitor_text=visit)
    return outside


# ---- the page in Chromium ---------------------------------------------------------------------------------


@needs_chromium
@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_never_scrolls_sideways(page_facts, width):
    facts = page_facts[width]
    assert facts["scrollWidth"] <= facts["clientWidth"], (facts["scrollWidth"], facts["beyond"][:10])
    assert facts["beyond"] == [], f"reach past the window's right edge at {width} px"
    for table in facts["tables"]:
        # a table wider than the screen scrolls inside its own box, never the page
        assert table["inWrap"] and table["overflowX"] in ("auto", "scroll"), table


@needs_chromium
def test_at_laptop_width_every_table_fits_without_scrolling(page_facts):
    wide = [(t["caption"], t["scrollWidth"], t["clientWidth"]) for t in page_facts[1280]["tables"]
            if t["scrollWidth"] > t["clientWidth"] + 1]
    assert wide == [], "tables cut at 1280 px (caption, table width, box width)"


@needs_chromium
def test_every_image_loads_and_every_figure_has_alt_text_naming_its_chart(page_facts, demo):
    images = page_facts[1280]["images"]
    charts = sorted((demo / "figures").glob("*.png"))
    assert len(images) == len(charts) > 0
    for image in images:
        assert image["complete"] and image["width"] > 0, "a broken image"
        assert image["inFigure"]
        assert image["alt"] and image["title"] and image["title"].rstrip(".") in image["alt"], image
    assert page_facts[1280]["figures"] and all(count == 1 for count in page_facts[1280]["figures"])


@needs_chromium
def test_every_table_of_contents_link_resolves(page_facts):
    facts = page_facts[1280]
    ids = set(facts["ids"])
    assert len(ids) == len(facts["ids"]), "an id used twice"
    assert len(facts["toc"]) >= 5
    for href in facts["toc"]:
        assert href.startswith("#") and href[1:] in ids, href


@needs_chromium
def test_the_page_says_its_language(page_facts, printed):
    assert page_facts[1280]["lang"] == "fi"
    reader, _ = printed
    assert reader.trailer["/Root"].get("/Lang") == "fi"


@needs_chromium
def test_printing_cuts_no_table_row_and_no_chart(printed):
    reader, _ = printed
    elements = _structure(reader)
    rows = [pages for kind, pages in elements if kind == "TR"]
    figures = [pages for kind, pages in elements if kind == "Figure"]
    assert rows and figures
    assert [p for p in rows if len(p) > 1] == [], "table rows split across pages"
    assert [p for p in figures if len(p) > 1] == [], "charts split across pages"


@needs_chromium
def test_printing_keeps_every_table_that_fits_a_page_on_one_page(printed):
    reader, measured = printed
    tables = [pages for kind, pages in _structure(reader) if kind == "Table"]
    assert len(tables) == len(measured["tables"]) > 0
    for number, (pages, height) in enumerate(zip(tables, measured["tables"]), start=1):
        if height < measured["page_height"]:
            assert len(pages) == 1, f"table {number} ({height:.0f} px high) printed across pages {sorted(pages)}"


# ---- the workbook in LibreOffice ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(demo):
    import openpyxl

    return openpyxl.load_workbook(demo / "reports" / "summary.xlsx")


def office_reader(document: Path, folder: Path):
    """``document`` converted to PDF by LibreOffice, opened with pypdf."""
    import pypdf

    return pypdf.PdfReader(office_pdf(document, folder, client(SOFFICE, SOFFICE_MISSING)))


@pytest.fixture(scope="module")
def workbook_pdf(demo, tmp_path_factory):
    return office_reader(demo / "reports" / "summary.xlsx", tmp_path_factory.mktemp("xlsx-pdf"))


def _lines_needed(text: str, width: float) -> int:
    """Lines a text takes in a column of ``width`` characters, counted generously (narrow letters)."""
    per_line = max(1.0, 1.1 * width)
    return sum(max(1, math.ceil(len(line) / per_line)) for line in str(text).splitlines() or [""])


def test_wrapped_cells_have_row_heights_for_their_text(workbook):
    from openpyxl.utils import get_column_letter

    short = []
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or not cell.alignment.wrap_text:
                    continue
                width = ws.column_dimensions[get_column_letter(cell.column)].width or 8.43
                lines = _lines_needed(cell.value, width)
                height = ws.row_dimensions[cell.row].height
                if lines > 1 and (height is None or height < 12 * lines):
                    short.append(f"{ws.title}!{cell.coordinate}: {lines} lines, height {height}")
    assert short == []


def test_every_table_sheet_has_a_frozen_filtered_header_and_prints_landscape_fit_to_width(workbook):
    about, *tables = workbook.worksheets
    assert tables
    for ws in workbook.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title
    for ws in tables:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert ws.print_title_rows and ws.print_title_rows.replace("$", "") == "1:1", ws.title


def test_dates_are_dates_and_shares_are_percent_formatted_numbers(workbook):
    from datetime import date, datetime

    dates = 0
    for ws in workbook.worksheets:
        headers = [str(c.value or "") for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, (date, datetime)):
                    dates += 1
                    assert cell.is_date and "h" not in cell.number_format.lower(), (ws.title, cell.coordinate)
                    assert not isinstance(cell.value, datetime) or cell.value.time() != datetime.min.time() \
                        or cell.number_format == "yyyy-mm-dd", (ws.title, cell.coordinate)
                head = headers[cell.column - 1] if cell.column <= len(headers) else ""
                if re.search(r"osuus|LV (ala|ylä)raja", head, re.I) and "NPS" not in head \
                        and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    assert "%" in cell.number_format, (ws.title, head, cell.coordinate, cell.number_format)
    assert dates > 0
    about = workbook.worksheets[0]
    run_dates = [c for row in about.iter_rows() for c in row if isinstance(c.value, (date, datetime))]
    assert run_dates and all(c.number_format == "yyyy-mm-dd" for c in run_dates)


def test_no_column_header_is_left_in_code_or_english(workbook):
    for ws in workbook.worksheets[1:]:
        for cell in ws[1]:
            text = str(cell.value or "")
            assert "_" not in text, (ws.title, text)
            assert text not in {"demand base", "analyst", "machine", "base", "share"}, (ws.title, text)


@needs_soffice
def test_the_workbook_prints_to_a_sane_number_of_landscape_pages(workbook, workbook_pdf):
    rows = sum(ws.max_row for ws in workbook.worksheets)
    sheets = len(workbook.worksheets)
    assert sheets <= len(workbook_pdf.pages) <= sheets + rows // 15, (len(workbook_pdf.pages), sheets, rows)
    for page in workbook_pdf.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)
        assert "00:00:00" not in page.extract_text(), "a date shown with a time of day"


@needs_soffice
def test_libreoffice_prints_every_column_of_a_sheet_on_one_page(workbook, workbook_pdf):
    pages = [_squash(page.extract_text()) for page in workbook_pdf.pages]
    for ws in workbook.worksheets[1:]:
        headers = [_squash(str(c.value)) for c in ws[1] if c.value is not None]
        assert any(headers[0] in text and headers[-1] in text for text in pages), \
            f"{ws.title}: first and last column not on one page"


@needs_soffice
def test_libreoffice_shows_each_method_paragraph_whole_and_no_text_off_the_page(workbook, workbook_pdf):
    about = workbook.worksheets[0]
    paragraphs = [c.value for row in about.iter_rows() for c in row
                  if isinstance(c.value, str) and c.alignment.wrap_text]
    assert len(paragraphs) >= 3
    first = _squash(workbook_pdf.pages[0].extract_text() + workbook_pdf.pages[min(1, len(workbook_pdf.pages) - 1)]
                    .extract_text())
    for paragraph in paragraphs:
        assert _squash(paragraph) in first, f"cut in LibreOffice: {paragraph[:80]}"
    assert _text_outside_page(workbook_pdf) == []


# ---- the slides in LibreOffice -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deck(demo):
    from pptx import Presentation

    return Presentation(str(demo / "reports" / "summary.pptx"))


@pytest.fixture(scope="module")
def deck_pdf(demo, tmp_path_factory):
    return office_reader(demo / "reports" / "summary.pptx", tmp_path_factory.mktemp("pptx-pdf"))


def test_every_chart_slide_has_its_picture_with_alt_text_inside_the_slide(deck, demo):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    pictures = []
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if shape.shape_type != MSO_SHAPE_TYPE.PICTURE:
                continue
            pictures.append(shape)
            alt = shape._element.nvPicPr.cNvPr.get("descr", "")
            title = slide.shapes.title.text if slide.shapes.title is not None else ""
            assert alt and not alt.endswith(".png") and title and title in alt, (number, alt, title)
            assert 0 <= shape.left and shape.left + shape.width <= deck.slide_width, number
            assert 0 <= shape.top and shape.top + shape.height <= deck.slide_height, number
    assert len(pictures) == len(list((demo / "figures").glob("*.png")))


@needs_soffice
def test_libreoffice_shows_every_slide_with_its_picture_and_no_text_off_the_slide(deck, deck_pdf):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    assert len(deck_pdf.pages) == len(deck.slides)
    for number, (slide, page) in enumerate(zip(deck.slides, deck_pdf.pages), start=1):
        expected = sum(1 for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        drawn = _drawn_images(page)
        assert drawn == expected, f"slide {number}: {drawn} pictures drawn, {expected} placed"
        if slide.shapes.title is not None:
            assert _squash(slide.shapes.title.text)[:40] in _squash(page.extract_text()), number
    assert _text_outside_page(deck_pdf) == []

