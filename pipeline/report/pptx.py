"""``summary.pptx``: slides for the steering-group meeting (python-pptx, 16:9).

A title slide; one slide per key chart, with the chart and a one-line finding under it (e.g. "Eniten
kysyntää: asiakashankinta (65 %, 95 % LV 46–81 %)"); one slide per block without a chart that has a finding (the
needs besides the workshop themes, routing gaps); a slide of the recommended (tier 1) themes; a method slide. Text is set through python-pptx, which writes it as text runs (never markup), after dropping the
control characters XML cannot carry.
"""
from __future__ import annotations

import io
from datetime import datetime

from pptx import Presentation
from pptx.util import Inches, Pt

from pipeline.report.content import KEY_CHARTS, Chart, ReportContent
from pipeline.report.safe import xml_text

EMU_PER_PT = 12700

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
TITLE_HEIGHT = Inches(1.0)
FINDING_HEIGHT = Inches(0.8)
LAYOUT_TITLE, LAYOUT_CONTENT, LAYOUT_TITLE_ONLY = 0, 1, 5
WARNINGS_PER_SLIDE = 5


def key_charts(report: ReportContent) -> list[Chart]:
    """The report's charts in slide order: the key charts first (``KEY_CHARTS`` order), then the rest."""
    charts = {c.stem: c for s in report.sections for b in s.blocks for c in b.charts}
    ordered = [charts[stem] for stem in KEY_CHARTS if stem in charts]
    return ordered + [charts[stem] for stem in sorted(charts) if stem not in KEY_CHARTS]


def _add_chart_picture(slide, png: bytes, alt: str = "") -> None:
    """Place the chart between the title and the finding, as large as fits, keeping its aspect, centred; ``alt``
    is its alternative text (what a screen reader says, and what the office suite shows as its description)."""
    box_w = SLIDE_WIDTH - 2 * MARGIN
    box_h = SLIDE_HEIGHT - TITLE_HEIGHT - FINDING_HEIGHT - 2 * MARGIN
    picture = slide.shapes.add_picture(io.BytesIO(png), MARGIN, MARGIN + TITLE_HEIGHT, height=box_h)
    if picture.width > box_w:  # a wide chart: fit the width instead
        picture.height = int(picture.height * box_w / picture.width)
        picture.width = box_w
    picture.left = int((SLIDE_WIDTH - picture.width) / 2)
    picture.top = int(MARGIN + TITLE_HEIGHT + (box_h - picture.height) / 2)
    if alt:
        picture._element.nvPicPr.cNvPr.set("descr", xml_text(alt))


def finding_size(text: str, width: int, height: int) -> int:
    """The largest font size (20 down to 10 pt) at which ``text`` in bold fits a box of ``width`` × ``height``
    EMU: a long finding gets smaller type rather than running off the slide. A bold character is taken as
    0.55 em wide and a line as 1.2 em high."""
    for size in (20, 18, 16, 14, 12, 11, 10):
        per_line = max(int(width / EMU_PER_PT / (0.55 * size)), 1)
        lines = sum(max(-(-len(part) // per_line), 1) for part in str(text).split("\n"))
        if lines * 1.2 * size * EMU_PER_PT <= height:
            return size
    return 10


def _set_title(slide, text: str, top: int = MARGIN, height: int = TITLE_HEIGHT) -> None:
    # The default template's placeholders sit where a 4:3 slide has them; place them on the 16:9 slide.
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, height
    title.text = xml_text(text)


def _place_body(slide, top: int) -> None:
    body = slide.placeholders[1]
    body.left, body.top = MARGIN, top
    body.width, body.height = SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - top - MARGIN


def bullets_size(items: list[tuple[str, int]], size: int, width: int, height: int) -> int:
    """The largest font size from ``size`` down to 10 pt at which the bullets (text, level; a level is 4 pt
    smaller and indented half an inch) fit a body of ``width`` × ``height`` EMU, a character taken as 0.5 em
    wide, a line as 1.2 em high and a paragraph's spacing as half a line."""
    for top in range(size, 9, -1):
        used = 0.0
        for text, level in items:
            points = max(top - 4 * level, 8)
            per_line = max(int((width - level * Inches(0.5)) / EMU_PER_PT / (0.5 * points)), 1)
            lines = max(-(-len(text) // per_line), 1)
            used += (lines + 0.5) * 1.2 * points * EMU_PER_PT
        if used <= height:
            return top
    return 10


def _bullets(slide, items: list[tuple[str, int]], size: int) -> None:
    _place_body(slide, MARGIN + TITLE_HEIGHT)
    box = slide.placeholders[1]
    # many or long bullets (the recommended themes with their quotes) get smaller type, not text off the slide
    size = bullets_size(items, size, box.width, box.height)
    body = box.text_frame
    body.word_wrap = True
    body.clear()
    for number, (text, level) in enumerate(items):
        paragraph = body.paragraphs[0] if number == 0 else body.add_paragraph()
        paragraph.text = xml_text(text)
        paragraph.level = level
        for run in paragraph.runs:
            run.font.size = Pt(size - 4 * level)


def summary_pptx(report: ReportContent, when: datetime | None = None) -> bytes:
    """Return the slide deck as .pptx bytes: title, the data warnings (when there are any), one slide per chart
    with its finding, one per chartless block with its finding, tier-1 themes, method;
    dated ``when`` (the run's date; a fixed date when None), so the same content gives the same bytes."""
    from pipeline.workbook import FIXED_TIME, deck_bytes

    when = when or FIXED_TIME
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    title = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE])
    _set_title(title, report.title, top=Inches(2.0), height=Inches(1.6))
    _place_body(title, Inches(4.0))
    title.placeholders[1].text = xml_text("\n".join(report.meta_lines))
    # what the inputs contradict, before the figures that rest on it (QA round 21: the slides shown at the meeting
    # counted a planned workshop as held, and only the other formats said so); a few per slide, to stay legible
    for first in range(0, len(report.warnings), WARNINGS_PER_SLIDE):
        slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_CONTENT])
        _set_title(slide, report.labels["warnings"])
        _bullets(slide, [(w, 0) for w in report.warnings[first:first + WARNINGS_PER_SLIDE]], 18)
    for chart in key_charts(report):
        slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE_ONLY])
        _set_title(slide, chart.title)
        _add_chart_picture(slide, chart.png, f"{report.labels['chart_alt']}: {chart.title}")
        box = slide.shapes.add_textbox(MARGIN, SLIDE_HEIGHT - MARGIN - FINDING_HEIGHT,
                                       SLIDE_WIDTH - 2 * MARGIN, FINDING_HEIGHT)
        frame = box.text_frame
        frame.word_wrap = True
        frame.text = xml_text(chart.finding)
        size = finding_size(chart.finding, SLIDE_WIDTH - 2 * MARGIN, FINDING_HEIGHT)
        for run in frame.paragraphs[0].runs:
            run.font.size, run.font.bold = Pt(size), True
    for block in (b for section in report.sections for b in section.blocks if b.finding and not b.charts):
        # a finding without a chart (needs besides the workshop themes, routing gaps) is on the slides as in the
        # summary's key findings (QA round 33: the deck said nothing of the needs most companies named)
        slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_CONTENT])
        _set_title(slide, block.title)
        _bullets(slide, [(block.finding, 0)], 22)
    if report.recommended:
        slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_CONTENT])
        _set_title(slide, report.labels["recommended"])
        # with no tier boundary drawn, the list is no ranking of equals: the slide says so, as the summary does
        items = [(report.recommended_note, 0)] if report.recommended_note else []
        for bullet in report.recommended:
            items.append((bullet.text, 0))
            items += [(f"“{detail}”", 1) for detail in bullet.details[:1]]
        _bullets(slide, items, 22)
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_CONTENT])
    _set_title(slide, report.method_title)
    _bullets(slide, [(paragraph, 0) for paragraph in report.method], 14)
    deck.core_properties.title = xml_text(report.title)
    return deck_bytes(deck, when)
