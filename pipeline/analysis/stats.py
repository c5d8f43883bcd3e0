"""Shared statistics: Wilson intervals and disclosure control (primary and secondary cell suppression).

Every share the pipeline publishes carries a Wilson score interval (never Wald: with 26 companies Wald gives
intervals below 0 and zero width at 0 %). Disclosure control follows the usual statistical-office practice:

* **primary suppression** hides a cell whose count is 1..``min_count``-1 or whose base is under ``min_base``;
* **secondary suppression** hides further cells so that no published total (a margin, or a sub-region that is
  the sum of its municipalities) lets a reader subtract the published cells and recover a hidden one: every
  such equation must have either no hidden cell or at least two;
* small municipalities are merged into their sub-region first (``municipality_segments``), so that fewer
  cells need hiding at all.

The WP1 tables no longer use ``secondary_suppression`` (one hidden partner per equation is not enough: a
partner at its bound, or several equations together, still give a cell away); ``pipeline.disclosure`` decides
what is hidden over every published table at once and audits it with integer programming.
"""
from __future__ import annotations

import difflib
import logging
import re
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from pipeline.keys import fold

log = logging.getLogger(__name__)


def wilson_interval(count, n, confidence: float = 0.95):
    """Return ``(low, high)``: the Wilson score interval of ``count`` successes out of ``n``.

    Works element-wise on scalars, lists, arrays or Series (returns floats for scalars, arrays otherwise).
    ``n == 0`` (or a missing count or n) gives NaN for both ends; bounds are clipped to [0, 1] and set exactly
    to 0 at count 0 and 1 at count n (the closed form misses them by a rounding error). 0 of 26 gives (0, 0.129).
    """
    scalar = np.ndim(count) == 0 and np.ndim(n) == 0
    count_arr = np.asarray(pd.to_numeric(pd.Series(np.atleast_1d(count)), errors="coerce"), dtype=float)
    n_arr = np.asarray(pd.to_numeric(pd.Series(np.atleast_1d(n)), errors="coerce"), dtype=float)
    count_arr, n_arr = np.broadcast_arrays(count_arr, n_arr)
    low = np.full(count_arr.shape, np.nan)
    high = np.full(count_arr.shape, np.nan)
    ok = (n_arr > 0) & ~np.isnan(count_arr) & ~np.isnan(n_arr)
    if ok.any():
        lo, hi = proportion_confint(count_arr[ok], n_arr[ok], alpha=1.0 - confidence, method="wilson")
        low[ok] = np.clip(lo, 0.0, 1.0)
        high[ok] = np.clip(hi, 0.0, 1.0)
        # the closed form leaves ~1e-17 where the exact bound is 0 (count 0) or 1 (count n)
        low[ok & (count_arr == 0)] = 0.0
        high[ok & (count_arr == n_arr)] = 1.0
    if scalar:
        return float(low[0]), float(high[0])
    return low, high


def with_comment_shares(frame: pd.DataFrame, confidence: float, min_n: int) -> pd.DataFrame:
    """``frame`` (``feedback_themes`` rows: scope, workshop_id, prompt, theme, comments, base) with each theme's
    share of its comments, the Wilson interval and ``is_small_n`` (base under ``min_n``), sorted as the table
    is: overall first, then by workshop, prompt (good, improve, all) and most comments first."""
    out = frame.copy()
    counts = np.asarray(out["comments"], dtype=float)
    bases = np.asarray(out["base"], dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = np.where(bases > 0, counts / np.where(bases > 0, bases, 1.0), np.nan)
    low, high = wilson_interval(counts, bases, confidence) if len(out) else ([], [])
    out["ci_low"], out["ci_high"] = np.atleast_1d(low), np.atleast_1d(high)
    out["is_small_n"] = out["base"] < min_n
    keys = out.assign(_s=out["scope"].map({"overall": 0, "workshop": 1}),
                      _p=out["prompt"].map({"good": 0, "improve": 1, "all": 2}), _w=out["workshop_id"].fillna(""))
    return keys.sort_values(["_s", "_w", "_p", "comments", "theme"], ascending=[True, True, True, False, True],
                            kind="stable").drop(columns=["_s", "_p", "_w"]).reset_index(drop=True)


def primary_suppression(counts, bases, min_count: int, min_base: int) -> np.ndarray:
    """Return a boolean array: True where a cell must not be published.

    A cell is hidden when its count is between 1 and ``min_count - 1`` (a handful of companies can be
    recognised) or its base is below ``min_base`` (then even 0 or "all" identifies the few companies).
    """
    counts = np.asarray(counts, dtype=float)
    bases = np.asarray(bases, dtype=float)
    return ((counts >= 1) & (counts < min_count)) | (bases < min_base)


def secondary_suppression(counts, suppressed, groups: Iterable[Sequence[int]]) -> np.ndarray:
    """Return ``suppressed`` extended so that no group has exactly one hidden cell.

    Each group lists the positions of cells tied by one published equation (cells of a margin whose total is
    published, or a sub-region cell with its municipalities). When exactly one cell of a group is hidden, the
    smallest published cell of that group with a non-zero count is hidden too (a zero hides nothing; zero is
    used only when nothing else is left), ties broken by position. Repeats until no group changes, since a
    new hidden cell can leave another group with a single one. The input array is not modified.
    """
    counts = np.asarray(counts, dtype=float)
    hidden = np.array(suppressed, dtype=bool, copy=True)
    groups = [np.asarray(g, dtype=int) for g in groups if len(g) > 1]
    changed = True
    while changed:
        changed = False
        for group in groups:
            if hidden[group].sum() != 1:
                continue
            candidates = group[~hidden[group]]
            nonzero = candidates[counts[candidates] > 0]
            pool = nonzero if len(nonzero) else candidates
            # stable sort: the smallest count first, the earliest position among equals
            pick = pool[np.argsort(counts[pool], kind="stable")[0]]
            hidden[pick] = True
            changed = True
    return hidden


def name_key(name: str) -> str:
    """A municipality or label name folded for matching (``pipeline.keys.fold``)."""
    return fold(name)


def name_keys(values) -> np.ndarray:
    """Return an object array with ``name_key`` of every element of ``values`` (list, array or Series).

    The key is computed once per distinct value and spread back by position, so a column of a million
    answers with a few dozen labels costs a few dozen calls. Missing elements get ``name_key`` of their own
    missing marker (``str(pd.NA)`` etc.), as an element-wise call would give.
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    codes, uniques = pd.factorize(series)
    keys = np.array([name_key(u) for u in uniques] + [""], dtype=object)
    out = keys[codes]  # code -1 (missing) picks the trailing "" and is replaced below
    missing = np.flatnonzero(codes < 0)
    if len(missing):
        raw = series.to_numpy(dtype=object)
        out[missing] = [name_key(raw[i]) for i in missing]
    return out


def canonical_municipalities(values: pd.Series, subregions: Mapping[str, Sequence[str]],
                             aliases: Mapping[str, str]) -> pd.Series:
    """Return ``values`` with municipality names spelled as in the sub-region mapping.

    Matching is case- and whitespace-insensitive; ``aliases`` maps other names (Swedish: Karleby → Kokkola)
    to the canonical one. Names found in neither keep their own (stripped) spelling; missing stay missing.
    """
    canonical = listed_municipalities(subregions, aliases)

    # one lookup per distinct spelling; missing values find no key in the mapping and stay missing
    spelled = {value: canonical.get(name_key(value)) or _bilingual_name(value, canonical)
               or " ".join(str(value).split()) for value in pd.unique(values.dropna())}
    counts = values.value_counts()
    members = {name_key(m) for names in subregions.values() for m in names}
    outside: dict[str, int] = {}
    for value in spelled:
        listed = name_key(value) in canonical or _bilingual_name(value, canonical) is not None
        near = None if listed else meant_municipality(name_key(value), canonical)
        if near:
            # a misspelt or inflected name ("Vetelin", "Kannuksessa", "Karleby stad") would stand alone, outside
            # its sub-region
            log.warning("segments: municipality %r (n = %d) is in no sub-region of [analysis] subregions; did you "
                        "mean %r? correct the survey file or map the name in [analysis] municipality_aliases",
                        spelled[value], int(counts[value]), near)
        elif name_key(spelled[value]) not in members and subregions:
            # counted by the name it is spelt as: Kronoby and Kruunupyy are one municipality
            outside[spelled[value]] = outside.get(spelled[value], 0) + int(counts[value])
    outside = [f"{name} (n = {n})" for name, n in outside.items()]
    if outside:
        # a name like none of the listed ones (a neighbouring municipality) is not grouped: said once, so that
        # the report's "companies in no sub-region" can be traced
        log.warning("segments: municipalities outside every sub-region of [analysis] subregions: %s; add them to a "
                    "sub-region there if they belong to one", ", ".join(sorted(outside)))
    return values.map(spelled).astype("string")


_BILINGUAL = re.compile(r"\s*/\s*|\s+[-–]\s+|\s*[()]\s*")


def _bilingual_name(value: Any, canonical: Mapping[str, str]) -> str | None:
    """The listed name of a municipality answer written in two languages ("Jakobstad / Pietarsaari", "Larsmo -
    Luoto", "Kokkola (Karleby)"): the one name every part found among ``canonical`` maps to; None when no part is
    found or parts name different municipalities. A hyphen inside a name ("Mänttä-Vilppula") does not split it
    (QA round 21: the region's bilingual options put every company outside the sub-regions)."""
    parts = [p for p in _BILINGUAL.split(str(value)) if p.strip()]
    if len(parts) < 2:
        return None
    found = {canonical[name_key(p)] for p in parts if name_key(p) in canonical}
    return found.pop() if len(found) == 1 else None


def listed_municipalities(subregions: Mapping[str, Sequence[str]], aliases: Mapping[str, str]) -> dict[str, str]:
    """``name_key`` of every municipality of the sub-regions and of every alias → the name used in
    ``subregions``. An alias pair is one municipality's two names: when the sub-regions list the alias's own
    name, the target maps to it instead ("Karleby" listed: "Kokkola" → Karleby)."""
    canonical = {name_key(m): m for members in subregions.values() for m in members}
    listed = set(canonical)
    for alias, target in aliases.items():
        if name_key(alias) in listed:
            # the sub-regions name it in this spelling (a Swedish project lists "Karleby", "Jakobstad"): the
            # alias pair then maps the other name to it, never the listed name away (QA round 20: the default
            # aliases sent "Karleby" and "Jakobstad" out of the project's own Swedish sub-regions)
            if name_key(target) not in listed:
                canonical[name_key(target)] = canonical[name_key(alias)]
            continue
        canonical[name_key(alias)] = canonical.get(name_key(target), target)
    return canonical


def meant_municipality(key: str, canonical: Mapping[str, str]) -> str | None:
    """The listed municipality an unlisted name (folded) most likely means: a close spelling, an inflected form
    of its stem ("kannuksessa": Kannus), or the name as one word of it ("karleby stad": Kokkola); else None.
    ``canonical``: what ``listed_municipalities`` returns."""
    near = difflib.get_close_matches(key, list(canonical), n=1, cutoff=0.8)
    if near:
        return canonical[near[0]]
    words = key.split()
    for known, name in canonical.items():
        stem = known[:max(4, len(known) - 1)]
        if known in words or (len(known) >= 5 and key.startswith(stem)):
            return name
    return None


def subregion_of(subregions: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Map each (canonical) municipality name to its sub-region name."""
    return {m: region for region, members in subregions.items() for m in members}


def municipality_segments(bases: Mapping[str, int], subregions: Mapping[str, Sequence[str]],
                          min_base: int) -> dict[str, str]:
    """Return municipality → published segment, merging small municipalities into their sub-region.

    Within each sub-region the municipalities with fewer than ``min_base`` companies are pooled into one
    segment named after the sub-region. If that pool is still below ``min_base`` and the sub-region has other
    municipalities, the whole sub-region becomes one segment: otherwise the sub-region total minus its large
    municipalities would give the small pool away. Municipalities outside every sub-region stay as they are
    (and are suppressed when small).
    """
    segment = {m: m for m in bases}
    for region, members in subregions.items():
        present = [m for m in members if m in bases]
        small = [m for m in present if bases[m] < min_base]
        if not small:
            continue
        pooled = sum(bases[m] for m in small)
        group = present if pooled < min_base else small
        large = [m for m in group if bases[m] >= min_base]
        if large:
            # a large municipality loses its own column for its small neighbours' sake: say so
            log.warning("segments: %s shown only within the sub-region %s: its small municipalities (%s) have "
                        "fewer than %d companies together, and the sub-region's figures minus the others' would "
                        "give them away", ", ".join(f"{m} ({bases[m]} companies)" for m in large), region,
                        ", ".join(f"{m} {bases[m]}" for m in small), min_base)
        for m in group:
            segment[m] = region
    return segment


def with_company_shares(frame: pd.DataFrame, base: int, confidence: float) -> pd.DataFrame:
    """``frame`` (a ``companies`` column) with ``base``, ``share`` = companies / base and its Wilson interval
    ``ci_low`` / ``ci_high`` at ``confidence``: the emerging themes' figures, for the run and the notebooks alike."""
    companies = pd.to_numeric(frame["companies"], errors="coerce")
    low, high = wilson_interval(companies, [base] * len(frame), confidence)
    return frame.assign(base=base, share=companies / base if base else float("nan"), ci_low=low, ci_high=high)
