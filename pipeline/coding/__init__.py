"""Theme coding: taxonomies (YAML), the seeded and self-training coder, emerging themes from `other`.

The names below are imported when first used, so that reading a taxonomy does not load the coder's libraries.
"""
from __future__ import annotations

import importlib
from typing import Any

_WHERE = {"ThemeCoder": "coder", "coding_params": "coder", "emerging_themes": "emerging", "OTHER": "taxonomy",
          "Taxonomy": "taxonomy", "Theme": "taxonomy", "load_taxonomy": "taxonomy"}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
