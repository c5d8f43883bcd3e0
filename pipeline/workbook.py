"""Office documents (xlsx, pptx) whose bytes depend only on their content.

openpyxl and python-pptx stamp the save time into ``docProps/core.xml`` and into every zip member's header, so two
saves of the same document differ. ``workbook_bytes`` writes a workbook through openpyxl's ``ExcelWriter`` (which
keeps the ``created``/``modified`` properties given) and ``deck_bytes`` a slide deck with its core properties set;
both re-zip with fixed member times, so that the same content gives the same bytes: a rerun rewrites nothing, and
a changed document means changed content.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile

FIXED_TIME = dt.datetime(2020, 1, 1, 0, 0, 0)


def workbook_bytes(workbook, when: dt.datetime = FIXED_TIME) -> bytes:
    """Return ``workbook`` (an openpyxl ``Workbook``) saved as .xlsx bytes with ``when`` as its created and
    modified time and as every zip member's time."""
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.created = when
    workbook.properties.modified = when
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return fixed_zip(raw.getvalue(), when)


def deck_bytes(deck, when: dt.datetime = FIXED_TIME, author: str = "needs-pipeline") -> bytes:
    """Return ``deck`` (a python-pptx ``Presentation``) saved as .pptx bytes with ``when`` as its created,
    modified and printed time and every zip member's time, and ``author`` as its author (not the template's)."""
    props = deck.core_properties
    props.author = props.last_modified_by = author
    props.comments = ""  # the template's "generated using python-pptx"
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    raw = io.BytesIO()
    deck.save(raw)
    return fixed_zip(raw.getvalue(), when)


def fixed_zip(data: bytes, when: dt.datetime = FIXED_TIME) -> bytes:
    """Return the zip archive ``data`` rewritten with ``when`` as every member's time (same order, content and
    compression)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def run_time(run_date: str | None) -> dt.datetime:
    """The documents' date: midnight of the run's date (ISO ``YYYY-MM-DD``), else ``FIXED_TIME``."""
    try:
        return dt.datetime.fromisoformat(str(run_date)[:10])
    except ValueError:
        return FIXED_TIME
