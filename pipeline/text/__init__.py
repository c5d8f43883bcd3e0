"""Text normalisation, offline: language id (fi/sv/en), regex tokens, lemmas, compound parts, stop words.

The names below are imported when first used, so that asking whether Voikko is there loads nothing else.
"""
from __future__ import annotations

import importlib
from typing import Any

__all__ = ["LANGUAGES", "NormalisedText", "TextNormaliser", "Token", "tokenise"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.normalise"), name)
