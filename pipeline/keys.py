"""One way to fold a piece of text for matching: names, labels, headers and answers compare by ``fold``."""
from __future__ import annotations

import unicodedata


def fold(text: object) -> str:
    """``text`` as compared with other text: Unicode NFC, case-folded (``Å``, ``ß`` and ``İ`` included), every
    run of whitespace (no-break spaces too) one space, no space at either end."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())
