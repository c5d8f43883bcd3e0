"""Fixes of the thirteenth round (2026-12-03): each test one behaviour, on a few inline values or rows."""
from __future__ import annotations

import numpy as np

from pipeline.i18n import Messages
from pipeline.report.content import Formatter


def test_large_counts_are_grouped_in_each_language_and_four_digits_stay_as_written():
    samples = {lang: Messages(lang)("report.method.bootstrap", samples=20000) for lang in ("fi", "sv", "en")}
    assert "20\u00a0000" in samples["fi"] and "20\u00a0000" in samples["sv"] and "20,000" in samples["en"]
    assert "2000 bootstrap" in Messages("en")("report.method.bootstrap", samples=2000)
    cells = {lang: Formatter(Messages(lang)) for lang in ("fi", "en")}
    assert [cells["fi"].number(v) for v in (np.int64(12345), 12345.0, 2024, -10000)] == \
        ["12\u00a0345", "12\u00a0345", "2024", "-10\u00a0000"]
    assert cells["en"].number(1234567) == "1,234,567" and cells["en"].number(True) == "yes"
