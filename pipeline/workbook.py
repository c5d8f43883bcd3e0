"""Workbook bytes that depend only on the workbook's content.

openpyxl stamps the save time into ``docProps/core.xml`` and into every zip member's header, so two saves of the
same workbook differ. ``workbook_bytes`` writes through openpyxl's ``ExcelWriter`` (which keeps the
``created``/``modified`` properties given) and re-zips with fixed member times, so that the same content gives
the same bytes: a rerun rewrites nothing, and a changed workbook means changed content.
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
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
