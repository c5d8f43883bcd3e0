"""How the segments of ``theme_by_segment`` are shown, in every renderer (charts, summaries, workbook): which
segment blocks are shown once, and under what name. No drawing library is needed here."""
from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.i18n import Messages


def distinct_segments(table: pd.DataFrame) -> pd.DataFrame:
    """Returns ``theme_by_segment`` without the municipality segments that repeat a sub-region segment of the
    same name and base, or of the same name and municipalities (``members``) (small municipalities merged into
    their sub-region would otherwise show the same block twice, once under each segment type)."""
    if table.empty or not {"segment_type", "segment", "base"} <= set(table.columns):
        return table
    kinds = table["segment_type"].astype(str)
    sub = table[kinds == "subregion"]
    repeated = set(zip(sub["segment"].astype(str), sub["base"].astype("Float64").fillna(-1)))
    keys = zip(table["segment"].astype(str), table["base"].astype("Float64").fillna(-1))
    drop = [(k == "municipality") and key in repeated for k, key in zip(kinds, keys)]
    if "members" in table.columns:
        # by the municipalities each pools, where the table lists them: a base hidden in one of the two blocks
        # (the public edition) says nothing of whether they are the same companies
        whole = {(str(s), str(m)) for s, m in zip(sub["segment"], sub["members"]) if isinstance(m, str)}
        drop = [d or (k == "municipality" and isinstance(m, str) and (str(s), m) in whole)
                for d, k, s, m in zip(drop, kinds, table["segment"], table["members"])]
    return table[~np.array(drop, dtype=bool)].reset_index(drop=True)


def segment_label(kind: str, segment: str, table: pd.DataFrame, msgs: Messages) -> str:
    """The name a segment is shown under: its own, except a municipality segment that pools only the small
    municipalities of a sub-region (named after the sub-region, with a smaller base than the sub-region's own
    segment), which reads "<sub-region>: other municipalities" -- under the sub-region's bare name it read as
    the whole sub-region, beside a sub-region column of that name with another n. Which municipalities each
    pools is read from ``members`` where the table has it (a hidden base told "other municipalities" of a
    segment pooling the whole sub-region), else from the bases."""
    name = segment_name(kind, segment, msgs)
    if kind != "municipality" or table.empty or "segment_type" not in table.columns:
        return name
    sub = table[(table["segment_type"].astype(str) == "subregion") & (table["segment"].astype(str) == segment)]
    own = table[(table["segment_type"].astype(str) == "municipality") & (table["segment"].astype(str) == segment)]
    if sub.empty or own.empty:
        return name
    if "members" in table.columns and sub["members"].notna().any() and own["members"].notna().any():
        # by the municipalities pooled, where the table lists them: a hidden base says nothing either way
        pooled = set(str(own["members"].dropna().iloc[0]).split(";"))
        whole = set(str(sub["members"].dropna().iloc[0]).split(";"))
        return name if pooled >= whole else msgs("needs.segment.pooled", region=name)
    if set(sub["base"].dropna()) == set(own["base"].dropna()):
        return name
    return msgs("needs.segment.pooled", region=name)


def segment_name(kind: str, name: str, msgs: Messages) -> str:
    """``name``, a segment of type ``kind``, in the report's language where the catalogue has it: a sector by
    ``needs.sector.<name>`` (each name of the shipped ``[analysis] sector_names`` groups, so "Industri" from a
    Swedish copy and "Teollisuus" both read "Teollisuus" in Finnish and "Industri" in Swedish), a place by
    ``place_name``, an open-ended size band by ``size_band_name``; any other name as it is."""
    if kind == "sector":
        key = f"needs.sector.{name}"
        return msgs(key) if key in msgs else name
    if kind == "size":
        return size_band_name(name, msgs)
    return place_name(name, msgs) if kind in ("municipality", "subregion") else name


def size_band_name(name: str, msgs: Messages) -> str:
    """An open-ended size band ("yli 50", "över 50", "over 50"; "alle 5") with its word in the report's language
    (``needs.size.more`` / ``needs.size.less``; the words are ingest's ``band_words``, which read a copy's "över 50"
    as the master's "yli 50": a Swedish report printed "yli 50", QA round 40); any other band as it is."""
    from pipeline.ingest.qtypes import open_band

    band = open_band(name)
    if not band or f"needs.size.{band[0]}" not in msgs:
        return name
    said = msgs(f"needs.size.{band[0]}", number=band[1])
    return said[:1].upper() + said[1:] if name[:1].isupper() else said


def place_name(name: str, msgs: Messages) -> str:
    """``name`` (a sub-region of the config) in the report's language where the catalogue has it
    (``needs.place.<name>``: the shipped sub-regions' official Swedish names; English keeps the Finnish ones, as
    English texts on the region do), else as the config spells it."""
    key = f"needs.place.{name}"
    return msgs(key) if key in msgs else name
