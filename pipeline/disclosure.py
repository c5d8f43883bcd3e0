"""Disclosure control that holds against subtraction: every published table of an edition as one system.

The WP1 tables that publish company counts (``theme_ranking`` totals, ``theme_by_segment`` with its bases,
``export_readiness``, ``option_ranking``, ``option_counts``, the Likert grids) are read as one system of linear
constraints over integer cells: a segment cell lies between 0 and its base; the cells of one segment type add up
to at most the theme total and at least the total minus the companies outside every segment of that type; a
sub-region equals its municipality-level segments; the export answers of a segment add up to its base; the
labels of a Likert statement add up to its n. A published figure is a constant, a hidden one an unknown.

* ``audit(system)`` gives, per hidden cell, the smallest and largest value consistent with every published
  figure (integer linear programming, ``scipy.optimize.milp``; the system splits into small independent parts).
  A cell is **protected** when that range spans at least ``protection_interval`` companies, or all the values
  its own base and the survey totals already allow when those are fewer: a theme nobody chose (total 0) or
  everyone chose (total = all companies) gives its segment cells away through a survey-level figure that may
  be published, and a segment of two companies cannot span three.
* ``protect(system, exempt)`` hides further cells (secondary suppression) until every hidden cell is protected:
  for the first unprotected cell it tries each published cell that shares a constraint with it and hides the
  one that widens its range most (ties: the smallest count, then the first), and repeats. Exempt cells (the
  survey totals) are never chosen.
* ``system_from_tables(tables, params)`` builds the system from the tables as published (hidden figures are
  missing values); the audit command reads the same tables from a run's CSV files, so the pipeline and the
  audit check the same arithmetic.

Editions: ``steering`` hides segment cells of 1..min_count-1 companies or a base under ``min_base`` (survey
totals and bases published); ``public`` also hides every count of 1..min_count-1 and every base under
``min_base`` wherever it is published (theme totals, option counts, Likert cells, segment bases), and every
segment cell of 0 or its whole base that the survey totals do not already give (``whole_segments``: all the
segment's companies answered alike, so the cell would tell each one's answer), and every segment cell
1..min_count-1 companies short of its base (``short_of_segment``: it tells that all but one or two of the
segment's companies answered alike, as the impact, language and funnel counts are ruled).
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

STEERING, PUBLIC = "steering", "public"
EDITIONS = (STEERING, PUBLIC)
SEGMENTED = ("municipality", "subregion", "sector", "size")


@dataclass
class System:
    """Integer cells and the linear constraints tying them: ``lo <= sum(coef * x) <= hi`` per row.

    ``values``: the true value (NaN when unknown, as in published files); ``hidden``: not published;
    ``apriori``: (low, high) each cell may take given only its own base and the survey totals (the width the
    protection rule can ask for); ``labels``: where the cell is published (table, row, column)."""

    labels: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    hidden: list[bool] = field(default_factory=list)
    apriori: list[tuple[float, float]] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    rows: list[tuple[dict[int, float], float, float]] = field(default_factory=list)
    exempt: list[bool] = field(default_factory=list)
    where: list[tuple[str, int, str]] = field(default_factory=list)   # (table, row position, column)
    # the segment cells of one segment type and theme (or export answer), each with its base cell: the hidden
    # ones among them must not be pinned, together, at none or all of their companies (``pinned_unions``)
    unions: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # per union, the cell of its theme total and the cell holding every company (None: the constant N): the
    # companies outside the segments whose cells are published are a group too (``pinned_unions``)
    outside: dict[str, tuple[int, int | None, float]] = field(default_factory=dict)

    def add(self, label: str, value, hidden: bool, apriori: tuple[float, float], kind: str = "count",
            exempt: bool = False, where: tuple[str, int, str] = ("", -1, "")) -> int:
        self.labels.append(label)
        self.values.append(np.nan if value is None or pd.isna(value) else float(value))
        self.hidden.append(bool(hidden) or value is None or pd.isna(value))
        self.apriori.append((float(apriori[0]), float(apriori[1])))
        self.kind.append(kind)
        self.exempt.append(exempt)
        self.where.append(where)
        return len(self.labels) - 1

    def constrain(self, coefs: Mapping[int, float], lo: float = -np.inf, hi: float = np.inf) -> None:
        coefs = {i: c for i, c in coefs.items() if c}
        if coefs:
            self.rows.append((dict(coefs), float(lo), float(hi)))


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


# --- building the system from the tables ----------------------------------------------------------------------

def system_from_tables(tables: Mapping[str, pd.DataFrame], params: Mapping, truth: Mapping[str, pd.DataFrame]
                       | None = None) -> System:
    """The constraint system of the published ``tables`` (hidden figures missing). ``truth``: the same tables
    with every figure (the pipeline's own, before hiding), used for the true values of hidden cells."""
    truth = truth or tables
    system = System()
    ranking = tables.get("theme_ranking")
    n_total = None
    totals: dict[str, int] = {}
    if ranking is not None and not ranking.empty:
        n_total = float(ranking["respondents"].dropna().iloc[0]) if ranking["respondents"].notna().any() else None
        true_rank = truth["theme_ranking"]
        for pos, (theme, shown, real) in enumerate(zip(ranking["theme"], ranking["companies"],
                                                       true_rank["companies"])):
            hi = n_total if n_total is not None else np.inf
            totals[str(theme)] = system.add(f"theme_ranking[{theme}].companies", real, pd.isna(shown), (0, hi),
                                            exempt=True, where=("theme_ranking", pos, "companies"))
    if "theme_by_segment" in tables:
        n_total = np.inf if n_total is None else n_total
        _segments(system, tables["theme_by_segment"], truth["theme_by_segment"], totals, n_total, params)
    if "export_readiness" in tables:
        _export(system, tables["export_readiness"], truth["export_readiness"])
    for name, count, base in (("option_ranking", "companies", "base"), ("option_counts", "respondents", "base")):
        if name in tables:
            _independent(system, name, tables[name], truth[name], count, base)
    if "question_distribution" in tables:
        _questions(system, tables["question_distribution"], truth["question_distribution"],
                   tables.get("question_scales"), truth.get("question_scales"), int(params.get("top_box", 2)))
    if "likert_distribution" in tables:
        _likert(system, tables["likert_distribution"], truth["likert_distribution"],
                tables.get("likert_summary"), truth.get("likert_summary"), int(params.get("top_box", 2)))
    return system


def _base_cells(system: System, table: str, frame: pd.DataFrame, real: pd.DataFrame, keys: list[str],
                n_total: float) -> dict[tuple, int]:
    """One base cell per segment (the first row of each): published once, however many rows repeat it."""
    cells: dict[tuple, int] = {}
    for pos, key in enumerate(zip(*(frame[k] for k in keys))):
        key = tuple(str(k) for k in key)
        if key in cells:
            continue
        cells[key] = system.add(f"{table}[{'/'.join(key)}].base", real["base"].iloc[pos],
                                pd.isna(frame["base"].iloc[pos]), (0, n_total), kind="base",
                                exempt=key[0] == "all", where=(table, pos, "base"))
    return cells


def _segments(system: System, frame: pd.DataFrame, real: pd.DataFrame, totals: Mapping[str, int],
              n_total: float, params: Mapping) -> None:
    frame, real = frame.reset_index(drop=True), real.reset_index(drop=True)
    bases = _base_cells(system, "theme_by_segment", frame, real, ["segment_type", "segment"], n_total)
    cell: dict[tuple[str, str, str], int] = {}
    for pos in range(len(frame)):
        kind, segment, theme = (str(frame.at[pos, c]) for c in ("segment_type", "segment", "theme"))
        base_i = bases[(kind, segment)]
        total_i = totals.get(theme)
        b = system.values[base_i] if not system.hidden[base_i] else None
        t = system.values[total_i] if total_i is not None and not system.hidden[total_i] else None
        hi = min(b if b is not None else n_total, t if t is not None else n_total)
        lo = max(0.0, (b - (n_total - t)) if b is not None and t is not None else 0.0)
        i = system.add(f"theme_by_segment[{kind}={segment}, {theme}].companies", real.at[pos, "companies"],
                       pd.isna(frame.at[pos, "companies"]), (lo, hi), where=("theme_by_segment", pos, "companies"))
        cell[(kind, segment, theme)] = i
        system.unions.setdefault(f"theme_by_segment[{kind}, {theme}]", []).append((i, base_i))
        if total_i is not None and np.isfinite(n_total):
            system.outside[f"theme_by_segment[{kind}, {theme}]"] = (total_i, None, float(n_total))
        system.constrain({i: 1, base_i: -1}, hi=0)                        # a cell is at most its base
        if total_i is not None and np.isfinite(n_total):
            system.constrain({base_i: 1, i: -1, total_i: 1}, hi=n_total)  # outside the theme: at most N - T
    # the cells of one segment type and theme: sum <= total, sum >= total - (N - sum of bases)
    by_type: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for (kind, segment, theme), i in cell.items():
        by_type.setdefault((kind, theme), []).append((segment, i))
    for (kind, theme), members_ in by_type.items():
        total_i = totals.get(theme)
        if total_i is None:
            continue
        coefs = {i: 1.0 for _, i in members_}
        system.constrain({**coefs, total_i: -1}, hi=0)
        system.constrain({**coefs, **{bases[(kind, s)]: -1.0 for s, _ in members_}, total_i: -1}, lo=-n_total)
    # bases of one segment type add up to at most N
    for kind in sorted({k for k, _ in bases}):
        system.constrain({i: 1 for (k, _), i in bases.items() if k == kind}, hi=n_total)
    # a sub-region equals its municipality-level segments
    regions = {r: set(m) for r, m in params.get("subregions", {}).items()}
    members = {(str(k), str(s)): set(str(m).split(";")) for k, s, m in
               zip(frame["segment_type"], frame["segment"], frame["members"]) if isinstance(m, str)}
    for (kind, region), _ in list(bases.items()):
        if kind != "subregion" or region not in regions:
            continue
        parts = [s for (k, s), m in members.items() if k == "municipality" and m and m <= regions[region]]
        if not parts:       # no municipality breakdown published (or it was left out)
            continue
        system.constrain({bases[("subregion", region)]: 1, **{bases[("municipality", s)]: -1 for s in parts}},
                         lo=0, hi=0)
        for theme in {t for k, _, t in cell}:
            if ("subregion", region, theme) in cell:
                system.constrain({cell[("subregion", region, theme)]: 1,
                                  **{cell[("municipality", s, theme)]: -1 for s in parts
                                     if ("municipality", s, theme) in cell}}, lo=0, hi=0)


def _export(system: System, frame: pd.DataFrame, real: pd.DataFrame) -> None:
    frame, real = frame.reset_index(drop=True), real.reset_index(drop=True)
    if frame.empty:
        return
    alls = frame[frame["segment_type"] == "all"]
    n_all = float(real.loc[alls.index[0], "base"]) if len(alls) else float(real["base"].max())
    bases = _base_cells(system, "export_readiness", frame, real, ["segment_type", "segment"], n_all)
    totals = {str(frame.at[p, "answer"]): p for p in alls.index}
    cell: dict[tuple[str, str, str], int] = {}
    total_cells: dict[str, int] = {}
    for pos in range(len(frame)):
        kind, segment, answer = (str(frame.at[pos, c]) for c in ("segment_type", "segment", "answer"))
        base_i = bases[(kind, segment)]
        b = system.values[base_i] if not system.hidden[base_i] else None
        t_pos = totals.get(answer)
        t = _num(frame.at[t_pos, "companies"]) if t_pos is not None else None
        hi = min(b if b is not None else n_all, t if t is not None and kind != "all" else n_all)
        lo = max(0.0, (b - (n_all - t)) if b is not None and t is not None and kind != "all" else 0.0)
        i = system.add(f"export_readiness[{kind}={segment}, {answer}].companies", real.at[pos, "companies"],
                       pd.isna(frame.at[pos, "companies"]), (lo, hi), exempt=kind == "all",
                       where=("export_readiness", pos, "companies"))
        cell[(kind, segment, answer)] = i
        if kind == "all":
            total_cells[answer] = i
        else:
            system.unions.setdefault(f"export_readiness[{kind}, {answer}]", []).append((i, base_i))
        system.constrain({i: 1, base_i: -1}, hi=0)
    for (kind, segment), base_i in bases.items():   # every company of a segment gave one of the answers
        system.constrain({**{i: 1 for (k, s, _), i in cell.items() if (k, s) == (kind, segment)}, base_i: -1},
                         lo=0, hi=0)
    all_base = bases.get(("all", "all"))
    for label in [u for u in system.unions if u.startswith("export_readiness[")] if all_base is not None else ():
        answer = label[:-1].partition(", ")[2]
        if answer in total_cells:
            system.outside[label] = (total_cells[answer], all_base, 0.0)
    for kind in sorted({k for k, _ in bases} - {"all"}):
        for answer, total_i in total_cells.items():
            group = {i: 1.0 for (k, _, a), i in cell.items() if k == kind and a == answer}
            system.constrain({**group, total_i: -1}, hi=0)
            if all_base is not None:
                segs = {bases[(k, s)]: -1.0 for (k, s) in bases if k == kind}
                system.constrain({**group, **segs, total_i: -1, all_base: 1}, lo=0)


def _independent(system: System, name: str, frame: pd.DataFrame, real: pd.DataFrame, count: str,
                 base: str) -> None:
    """Counts tied to nothing but their own base (options of a multi-select)."""
    frame, real = frame.reset_index(drop=True), real.reset_index(drop=True)
    for pos in range(len(frame)):
        b = _num(frame.at[pos, base])
        real_b = _num(real.at[pos, base]) or 0.0
        label = f"{name}[{frame.at[pos, 'question_id']}: {frame.at[pos, 'option']}]"
        base_i = system.add(f"{label}.{base}", real_b, b is None, (0, np.inf), kind="base",
                            where=(name, pos, base))
        i = system.add(f"{label}.{count}", real.at[pos, count], pd.isna(frame.at[pos, count]),
                       (0, b if b is not None else np.inf), where=(name, pos, count))
        system.constrain({i: 1, base_i: -1}, hi=0)


def _likert(system: System, frame: pd.DataFrame, real: pd.DataFrame, summary: pd.DataFrame | None,
            real_summary: pd.DataFrame | None, top_box: int) -> None:
    """Each statement's scale labels add up to its n; with don't know, to n + don't know; and where every
    statement of a grid was answered by the same companies (its n + don't know alike, as a required grid's
    are), each to that grid total: 24 answered the grid and 23 rated sales tell that one said "don't know" to
    it, whatever its own row hides. A statement's n published in the summary is its n here too."""
    frame, real = frame.reset_index(drop=True), real.reset_index(drop=True)
    grid_totals = _grid_totals(frame)
    grid_cells: dict[str, int] = {}
    for (qid, item), rows in frame.groupby(["question_id", "item"], sort=False):
        scale = [p for p in rows.index if not bool(frame.at[p, "is_dont_know"])]
        dk = [p for p in rows.index if bool(frame.at[p, "is_dont_know"])]
        label = f"likert_distribution[{qid}: {item}]"
        first = scale[0] if scale else dk[0]
        n_i = system.add(f"{label}.base", real.at[first, "base"], pd.isna(frame.at[first, "base"]), (0, np.inf),
                         kind="base", where=("likert_distribution", first, "base"))
        for p in scale[1:]:   # the base repeats on every label row
            if pd.isna(frame.at[p, "base"]):
                system.hidden[n_i] = True
        if summary is not None and "n" in summary.columns:
            told = summary[(summary["question_id"] == qid) & (summary["item"] == item)]["n"]
            if len(told) and pd.notna(told.iloc[0]):
                system.hidden[n_i] = False     # the summary publishes the same n
        cells = {}
        for p in scale + dk:
            b = _num(frame.at[p, "base"])
            cells[p] = system.add(f"{label}[{frame.at[p, 'label']}].count", real.at[p, "count"],
                                  pd.isna(frame.at[p, "count"]), (0, b if b is not None else np.inf),
                                  where=("likert_distribution", p, "count"))
        system.constrain({**{cells[p]: 1 for p in scale}, n_i: -1}, lo=0, hi=0)
        for p in dk:
            total = _num(real.at[p, "base"])
            shown = _num(frame.at[p, "base"])
            if shown is not None:
                system.constrain({**{cells[q]: 1 for q in scale}, cells[p]: 1}, lo=shown, hi=shown)
            elif total is not None:
                pass
        if qid in grid_totals and dk:
            if qid not in grid_cells:
                value, published = grid_totals[qid]
                grid_cells[qid] = system.add(f"likert_distribution[{qid}].grid_total", value, not published,
                                             (0, np.inf), kind="base", exempt=True)
            system.constrain({**{cells[q]: 1 for q in scale + dk}, grid_cells[qid]: -1}, lo=0, hi=0)
        if summary is not None and real_summary is not None and scale:
            match = summary.index[(summary["question_id"] == qid) & (summary["item"] == item)]
            if len(match):
                at = match[0]
                at_pos = summary.index.get_loc(at)
                top = sorted(scale, key=lambda p: frame.at[p, "score"])[-top_box:]
                t_i = system.add(f"likert_summary[{qid}: {item}].top2", real_summary.iloc[at_pos]["top2"],
                                 pd.isna(summary.at[at, "top2"]), (0, np.inf),
                                 where=("likert_summary", at_pos, "top2"))
                system.constrain({t_i: 1, **{cells[p]: -1 for p in top}}, lo=0, hi=0)
                median = _num(summary.at[at, "median_score"]) if "median_score" in summary.columns else None
                if median is not None:
                    _median_rows(system, {float(frame.at[p, "score"]): cells[p] for p in scale}, n_i, median)


def _grid_totals(frame: pd.DataFrame) -> dict[str, tuple[float, bool]]:
    """Per grid (question) whose published figures say that its statements were answered by as many companies
    (n + don't know), as a required grid's are: (that total, True). A statement's total is published as its
    don't-know row's base, or as its n beside its don't-know count; when two or more are and all agree, a
    reader takes it for every statement, the hidden ones too. Read from the published ``frame`` only, so that
    the protection and an audit of the files assume the same (where the true totals differ the reader's
    inference is wrong, and a program under that assumption finds no narrow cell)."""
    out = {}
    for qid, rows in frame.groupby("question_id", sort=False):
        dk = rows[rows["is_dont_know"].astype(bool)]
        if dk.empty:
            continue
        known = []
        for item, statement in rows.groupby("item", sort=False):
            row = statement[statement["is_dont_know"].astype(bool)]
            base = pd.to_numeric(row["base"], errors="coerce").dropna()
            scale = statement[~statement["is_dont_know"].astype(bool)]
            n = pd.to_numeric(scale["base"], errors="coerce").dropna()
            count = pd.to_numeric(row["count"], errors="coerce").dropna()
            if len(base):
                known.append(float(base.iloc[0]))
            elif len(n) and (len(count) or row.empty):
                # a statement with no don't-know row had none: its n is its total (QA round 24: four statements
                # of 27 beside "Vienti 26, don't know :c" told that one company said "don't know")
                known.append(float(n.iloc[0] + count.sum()))
        if len(known) >= 2 and len(set(known)) == 1:
            out[str(qid)] = (known[0], True)
    return out


def _median_rows(system: System, cells: Mapping[float, int], n_i: int, median: float) -> None:
    """What a published median says of the label counts (score -> cell) of a statement of n answers. A median
    between two labels, k + 0.5, has exactly half the answers at k or below. A whole median m has at most
    (n - 1) / 2 answers below it and as many above when n is odd; when n is even, at most n / 2 - 1 when the
    two middle answers are both m, which a count at m of one or more says (the pipeline knows it; an audit of
    the published files when that count is published), else at most n / 2. Levels 1 and 4 hidden, 4 answers
    together, and a median of 2 among 14 with 5 answers at 2 told level 4 <= 1."""
    if median != int(median):
        system.constrain({**{i: 2.0 for s, i in cells.items() if s < median}, n_i: -1.0}, lo=0, hi=0)
        return
    n = system.values[n_i]
    at_m = system.values[cells[median]] if median in cells else np.nan
    if np.isnan(n):
        slack = 0.0
    elif int(n) % 2:
        slack = 1.0
    else:
        slack = 2.0 if not np.isnan(at_m) and at_m >= 1 else 0.0
    system.constrain({**{i: 2.0 for s, i in cells.items() if s < median}, n_i: -1.0}, hi=-slack)
    system.constrain({**{i: 2.0 for s, i in cells.items() if s > median}, n_i: -1.0}, hi=-slack)


def _given_lower(value: Any) -> float:
    """The least a reader takes a listed answer's hidden count to be: 1, or 0 where the truth is 0 (an audit of
    the published files, which knows no truth, takes 1)."""
    known = _num(value)
    return 1.0 if known is None else min(1.0, known)


def _questions(system: System, frame: pd.DataFrame, real: pd.DataFrame, scales: pd.DataFrame | None,
               real_scales: pd.DataFrame | None, top_box: int) -> None:
    """Questions reported on their own (``pipeline.analysis.questions``): per statement, the answers of a single
    choice or a scale add up to the base (one answer per company), each option of a multi-select or theme of
    open answers is at most the base; a scale's n equals the base and its top-box count is the sum of its top
    answers."""
    name = "question_distribution"
    frame, real = frame.reset_index(drop=True), real.reset_index(drop=True)
    keys = [frame[c].astype("string").fillna("") for c in ("survey", "question_id", "item")]
    groups = pd.Series(range(len(frame))).groupby([k.to_numpy() for k in keys], sort=False)
    scale_at: dict[tuple, int] = {}
    if scales is not None and real_scales is not None and len(scales):
        scales, real_scales = scales.reset_index(drop=True), real_scales.reset_index(drop=True)
        for pos, key in enumerate(zip(*(scales[c].astype("string").fillna("") for c in ("survey", "question_id",
                                                                                          "item")))):
            scale_at[tuple(str(k) for k in key)] = pos
    for key, positions in groups:
        rows = list(positions)
        first = rows[0]
        label = f"{name}[{key[0]}: {key[1]}: {key[2]}]"
        base_i = system.add(f"{label}.base", real.at[first, "base"], any(pd.isna(frame.at[p, "base"]) for p in rows),
                            (0, np.inf), kind="base", where=(name, first, "base"))
        b = _num(frame.at[first, "base"])
        # a question that lists no answer at 0 lists only the answers someone gave: a reader takes each hidden one
        # as 1 or more (QA round 24: three hidden answers adding up to 5 were each 1..3); where the truth is 0 the
        # reader is wrong, and the system must hold the truth
        zeros = [p for p in rows if _num(frame.at[p, "companies"]) == 0]
        given_only = not zeros
        # the statement's only published 0 is never a secondary cell: hidden, it would turn the reader's model
        # to "each hidden answer is 1 or more", under which the cells it was to protect are narrowed again (QA
        # round 36: 0/1/1/6/4 published as ":c/:c/:c/6/:c", each hidden level 1..3, the public run failing its
        # own audit)
        cells = {p: system.add(f"{label}[{frame.at[p, 'answer']}].companies", real.at[p, "companies"],
                               pd.isna(frame.at[p, "companies"]),
                               (_given_lower(real.at[p, "companies"]) if given_only else 0,
                                b if b is not None else np.inf),
                               exempt=len(zeros) == 1 and p == zeros[0],
                               where=(name, p, "companies")) for p in rows}
        exclusive = str(frame.at[first, "type"]) in ("single", "likert")
        if exclusive:
            system.constrain({**{i: 1 for i in cells.values()}, base_i: -1}, lo=0, hi=0)
        else:
            for i in cells.values():
                system.constrain({i: 1, base_i: -1}, hi=0)
        at = scale_at.get(tuple(str(k) for k in key))
        if at is None:
            continue
        n_i = system.add(f"question_scales[{key[0]}: {key[1]}: {key[2]}].n", real_scales.at[at, "n"],
                         pd.isna(scales.at[at, "n"]), (0, np.inf), kind="base", where=("question_scales", at, "n"))
        system.constrain({n_i: 1, base_i: -1}, lo=0, hi=0)
        if pd.isna(real_scales.at[at, "top2"]):
            continue
        scored = sorted((p for p in rows if not pd.isna(frame.at[p, "score"])), key=lambda p: frame.at[p, "score"])
        top = scored[-top_box:] if scored else []
        t_i = system.add(f"question_scales[{key[0]}: {key[1]}: {key[2]}].top2", real_scales.at[at, "top2"],
                         pd.isna(scales.at[at, "top2"]), (0, np.inf), where=("question_scales", at, "top2"))
        system.constrain({t_i: 1, **{cells[p]: -1 for p in top}}, lo=0, hi=0)


# --- the audit ------------------------------------------------------------------------------------------------

def _components(system: System, hidden: np.ndarray) -> list[tuple[list[int], list[int]]]:
    """Groups of hidden cells tied by constraints, with the constraint rows that touch each group."""
    parent = list(range(len(system.labels)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for coefs, _, _ in system.rows:
        vars_ = [i for i in coefs if hidden[i]]
        for a in vars_[1:]:
            ra, rb = find(vars_[0]), find(a)
            if ra != rb:
                parent[rb] = ra
    groups: dict[int, list[int]] = {}
    for i in np.flatnonzero(hidden):
        groups.setdefault(find(int(i)), []).append(int(i))
    touching: dict[int, list[int]] = {}
    for r, (coefs, _, _) in enumerate(system.rows):
        roots = {find(i) for i in coefs if hidden[i]}
        for root in roots:
            touching.setdefault(root, []).append(r)
    return [(cells, touching.get(root, [])) for root, cells in groups.items()]


def _ranges(system: System, hidden: np.ndarray, values: np.ndarray, cells: list[int], rows: list[int],
            targets: Iterable[int] | None = None) -> dict[int, tuple[float, float]]:
    """Min and max of each target cell (default: all ``cells``) over the integer points of the constraints,
    published cells fixed at their values."""
    from scipy.optimize import milp

    index, constraints, bounds, integrality = _problem(system, hidden, values, cells, rows)
    out: dict[int, tuple[float, float]] = {}
    for target in (cells if targets is None else targets):
        objective = np.zeros(len(cells))
        objective[index[target]] = 1.0
        ends = []
        for sign in (1.0, -1.0):
            res = milp(sign * objective, constraints=constraints, bounds=bounds, integrality=integrality)
            ends.append(sign * res.fun if res.status == 0 else np.nan)
        out[target] = (ends[0], ends[1])
    return out


def _problem(system: System, hidden: np.ndarray, values: np.ndarray, cells: list[int], rows: list[int]
             ) -> tuple[dict[int, int], list, Any, np.ndarray]:
    """(cell -> variable index, constraints, bounds, integrality) of the integer program over the hidden
    ``cells`` of one group, published cells fixed at their values."""
    from scipy.optimize import Bounds, LinearConstraint

    index = {c: k for k, c in enumerate(cells)}
    a = np.zeros((len(rows), len(cells)))
    lo = np.empty(len(rows))
    hi = np.empty(len(rows))
    for r, row in enumerate(rows):
        coefs, l, h = system.rows[row]
        shift = sum(c * values[i] for i, c in coefs.items() if not hidden[i])
        for i, c in coefs.items():
            if hidden[i]:
                a[r, index[i]] = c
        lo[r], hi[r] = l - shift, h - shift
    upper = np.array([system.apriori[c][1] for c in cells])
    upper = np.where(np.isfinite(upper), upper, 1e7)
    lower = np.array([max(0.0, system.apriori[c][0]) for c in cells])
    constraints = [LinearConstraint(a, lo, hi)] if len(rows) else []
    return index, constraints, Bounds(np.minimum(lower, upper), upper), np.ones(len(cells))


def _first_narrow(system: System, hidden: np.ndarray, values: np.ndarray, cells: list[int], rows: list[int],
                  interval: int, given_up: set[int]) -> int | None:
    """The first of ``cells`` (not given up) whose range is narrower than the rule asks, or None: the cell
    ``protect`` would find by ``_ranges``, found with fewer programs. Every solution is a point the
    published figures allow, so the values seen in solutions already bound each cell's range from inside: a
    cell seen across a wide enough span needs no program of its own."""
    from scipy.optimize import milp

    index, constraints, bounds, integrality = _problem(system, hidden, values, cells, rows)
    seen_low = np.full(len(cells), np.inf)
    seen_high = np.full(len(cells), -np.inf)
    for target in cells:
        if target in given_up:
            continue
        k = index[target]
        need = required_width(system, target, interval) - 1e-9
        ends = []
        for sign in (1.0, -1.0):
            if seen_high[k] - seen_low[k] >= need:
                break
            objective = np.zeros(len(cells))
            objective[k] = sign
            res = milp(objective, constraints=constraints, bounds=bounds, integrality=integrality)
            if res.status != 0:
                break                # as _ranges: an unsolved end is no evidence of a narrow cell
            point = np.round(res.x)
            seen_low, seen_high = np.minimum(seen_low, point), np.maximum(seen_high, point)
            ends.append(sign * res.fun)
        else:
            if ends[1] - ends[0] < need:
                return target
    return None


def _extremes(system: System, hidden: np.ndarray, values: np.ndarray, weights: Mapping[int, float]
              ) -> tuple[float, float]:
    """Min and max of ``sum(weight * cell)`` over the integer points of the constraints, published cells fixed
    at their values (the hidden cells of every group the weighted cells belong to are the unknowns)."""
    from scipy.optimize import milp

    constant = sum(w * values[i] for i, w in weights.items() if not hidden[i])
    unknown = {i for i, w in weights.items() if hidden[i] and w}
    if not unknown:
        return constant, constant
    cells: list[int] = []
    rows: list[int] = []
    for group, touching in _components(system, hidden):
        if unknown & set(group):
            cells += group
            rows += touching
    index, constraints, bounds, integrality = _problem(system, hidden, values, cells, rows)
    objective = np.zeros(len(cells))
    for i in unknown:
        objective[index[i]] = weights[i]
    ends = []
    for sign in (1.0, -1.0):
        res = milp(sign * objective, constraints=constraints, bounds=bounds, integrality=integrality)
        ends.append(sign * res.fun + constant if res.status == 0 else np.nan)
    return ends[0], ends[1]


def pinned_unions(system: System, hidden: np.ndarray | None = None, values: np.ndarray | None = None,
                  short: int = 0) -> list[str]:
    """The unions (one segment type, one theme or answer) whose hidden cells the published figures pin, taken
    together, at none or all of the companies of their segments (hidden bases included): two hidden size
    classes whose counts add up to their bases by subtraction from the totals say that every company in them
    chose the theme, however wide each cell's own range (and whatever their number). A union of one cell is
    the cell's own range (``audit``); a union whose segments must all be empty is not counted. With ``short``
    (the public edition: ``min_count - 1``), the companies outside the published segments count as pinned too
    when the figures put those that chose, or those that did not, at 1..``short`` (sales 17 − 5 − 9 of the 5
    companies in neither sub-region: exactly 2 did not want sales), as a published cell would be, unless a
    hidden cell whose base is published stands among them."""
    hidden = np.asarray(system.hidden if hidden is None else hidden, dtype=bool)
    values = np.nan_to_num(np.asarray(system.values if values is None else values, dtype=float))
    out = []
    for label, every in system.unions.items():
        if label in system.outside and _given_by_total(system, hidden, values, system.outside[label]):
            continue     # a theme nobody or everybody chose: the survey total says it of every company already
        members = [(i, b) for i, b in every if hidden[i]]
        # one or two from none or all is ruled only where no hidden cell of a published base stands among the
        # companies outside (they read like one published cell: companies in no segment, or in segments the
        # edition leaves out whole); a hidden cell beside its published base protects the union by its range
        shielded = any(not hidden[b] for _, b in members)
        if label in system.outside and _outside_pinned(system, hidden, values, every, system.outside[label],
                                                       0 if shielded else short):
            out.append(label)
            continue
        if len(members) < 2:
            continue
        chose = {i: 1.0 for i, _ in members}
        chose_not: dict[int, float] = {}
        for i, b in members:
            chose_not[i] = chose_not.get(i, 0.0) - 1.0
            chose_not[b] = chose_not.get(b, 0.0) + 1.0
        if _extremes(system, hidden, values, chose)[1] > 0 and _extremes(system, hidden, values, chose_not)[1] > 0:
            continue
        if _extremes(system, hidden, values, {b: 1.0 for _, b in members})[1] >= 1:
            out.append(label)     # (segments that may all be empty say nothing of anyone)
    return out


def _given_by_total(system: System, hidden: np.ndarray, values: np.ndarray,
                    outside: tuple[int, int | None, float]) -> bool:
    """Whether a union's theme total is published at none or all of the companies (QA round 11: a theme no
    company chose, its 0 published, failed the audit as a union of hidden municipality cells pinned at none)."""
    total_i, all_i, n = outside
    everyone = n if all_i is None else (values[all_i] if not hidden[all_i] else np.nan)
    return not hidden[total_i] and values[total_i] in (0.0, everyone)


def _outside_pinned(system: System, hidden: np.ndarray, values: np.ndarray, every: list[tuple[int, int]],
                    outside: tuple[int, int | None, float], short: int = 0) -> bool:
    """True when the companies outside the segments whose cells are published (the hidden segments and the
    companies no segment of the type holds) all chose the theme, or none did, by the published figures: the
    theme total minus the published cells against every company minus the published bases (sector bases 10, 9
    and 7 of 30 and sales 21 − 9 − 4 − 4: the 4 others, the hidden construction sector whoever else, all want
    sales). Only when at least one of them may exist."""
    total_i, all_i, n = outside
    everyone = n if all_i is None else (values[all_i] if not hidden[all_i] else np.nan)
    if not hidden[total_i] and values[total_i] in (0.0, everyone):
        return False    # a theme nobody or everybody chose: the survey total says so of every company already
    chose: dict[int, float] = {total_i: 1.0}
    group: dict[int, float] = {all_i: 1.0} if all_i is not None else {}
    for i, b in every:
        if not hidden[i]:
            chose[i] = chose.get(i, 0.0) - 1.0
            group[b] = group.get(b, 0.0) - 1.0
    if _extremes(system, hidden, values, group)[1] + n < 1:
        return False
    chose_not = dict(group)
    for i, w in chose.items():
        chose_not[i] = chose_not.get(i, 0.0) - w
    chose_ends = _extremes(system, hidden, values, chose)
    not_ends = tuple(end + n for end in _extremes(system, hidden, values, chose_not))
    if chose_ends[1] <= 0 or not_ends[1] <= 0:
        return True
    return short > 0 and any(1 <= low and high <= short for low, high in (chose_ends, not_ends))


def required_width(system: System, i: int, interval: int) -> float:
    low, high = system.apriori[i]
    return float(min(interval, high - low)) if np.isfinite(high) else float(interval)


def audit(system: System, interval: int, hidden: np.ndarray | None = None,
          values: np.ndarray | None = None) -> pd.DataFrame:
    """Per hidden cell: the range of values consistent with every published figure, the width the rule asks
    for and whether it is met (``table, row, column, cell, low, high, width, required, is_protected``)."""
    hidden = np.asarray(system.hidden if hidden is None else hidden, dtype=bool)
    values = np.nan_to_num(np.asarray(system.values if values is None else values, dtype=float))
    rows = []
    for cells, touching in _components(system, hidden):
        for i, (low, high) in _ranges(system, hidden, values, cells, touching).items():
            need = required_width(system, i, interval)
            table, pos, column = system.where[i]
            rows.append((table, pos, column, system.labels[i], low, high, high - low, need,
                         bool(high - low >= need - 1e-9)))
    frame = pd.DataFrame(rows, columns=["table", "row", "column", "cell", "low", "high", "width", "required",
                                        "is_protected"])
    return frame.sort_values(["table", "row", "column"], kind="stable").reset_index(drop=True)


def protect(system: System, interval: int, max_steps: int = 500,
            hidden: np.ndarray | None = None) -> tuple[np.ndarray, set[int]]:
    """(hidden flags with secondary suppressions added until every hidden cell is protected, the cells no
    further suppression protects) (see the module docstring), starting from ``hidden`` (default: the system's
    own flags, which are not modified)."""
    hidden = np.array(system.hidden if hidden is None else hidden, dtype=bool)
    values = np.nan_to_num(np.asarray(system.values, dtype=float))
    given_up: set[int] = set()
    settled: set[frozenset[int]] = set()   # groups found protected; a group that gains a cell is checked again
    for _ in range(max_steps):
        failing = None
        for cells, touching in _components(system, hidden):
            key = frozenset(cells)
            if key in settled:
                continue
            failing = _first_narrow(system, hidden, values, cells, touching, interval, given_up)
            if failing is not None:
                break
            settled.add(key)
        if failing is None:
            return hidden, given_up
        pick = _best_partner(system, hidden, values, failing, interval)
        if pick is None:
            given_up.add(failing)
            continue
        hidden[pick] = True
    log.warning("disclosure: gave up after %d secondary suppressions", max_steps)
    return hidden, given_up


def _may_hide(system: System, i: int) -> bool:
    """Whether cell ``i`` may be hidden to protect another: a count; or a competence statement's n, which with a
    grid total published tells its don't-know count (the statement's figures are then published without it)."""
    return system.kind[i] == "count" or (system.kind[i] == "base" and system.where[i][0] == "likert_distribution")


def _best_partner(system: System, hidden: np.ndarray, values: np.ndarray, failing: int,
                  interval: int) -> int | None:
    """The published, non-exempt cell sharing a constraint with ``failing``'s group whose hiding widens
    ``failing``'s range most (ties: smallest value, then first)."""
    group = next(cells for cells, _ in _components(system, hidden) if failing in cells)
    members = set(group)
    candidates = sorted({i for coefs, _, _ in system.rows if members & set(coefs) for i in coefs
                         if not hidden[i] and not system.exempt[i] and _may_hide(system, i)})
    best, best_key = None, None
    for cand in candidates:
        trial = hidden.copy()
        trial[cand] = True
        cells, rows = next((c, r) for c, r in _components(system, trial) if failing in c)
        low, high = _ranges(system, trial, values, cells, rows, targets=[failing])[failing]
        width = high - low
        key = (-min(width, required_width(system, failing, interval)), values[cand], cand)
        if best_key is None or key < best_key:
            best, best_key = cand, key
    if best is None:
        return None
    current = _ranges(system, hidden, values, *next((c, r) for c, r in _components(system, hidden)
                                                     if failing in c), targets=[failing])[failing]
    if -best_key[0] <= current[1] - current[0]:
        # no single cell widens it: hide the candidate with the smallest value and look again
        return min(candidates, key=lambda c: (values[c], c)) if candidates else None
    return best


# --- the published tables of an edition ---------------------------------------------------------------------------

_SHARES = ("share", "ci_low", "ci_high")
# per table: the count column, its base column, the columns that go with a hidden count, and the rows exempt
# from the small-count rule in the steering edition (survey totals)
_COUNTS = {
    "theme_by_segment": ("companies", "base", _SHARES),
    "export_readiness": ("companies", "base", _SHARES),
    # a theme's rank, rank interval, chance of the top and tier place its hidden count among the published ones
    "theme_ranking": ("companies", "respondents", (*_SHARES, "companies_uncertain", "rank", "rank_low", "rank_high",
                                                   "p_top", "tier")),
    "option_ranking": ("companies", "base", _SHARES),
    "option_counts": ("respondents", "base", _SHARES),
    "likert_distribution": ("count", "base", ("share",)),
    "likert_summary": ("top2", "n", _SHARES),
    "question_distribution": ("companies", "base", _SHARES),
    "question_scales": ("top2", "n", _SHARES),
}
_STEERING_RULED = ("theme_by_segment", "export_readiness")


def edition_of(params: Mapping) -> str:
    edition = str(params.get("edition", STEERING))
    if edition not in EDITIONS:
        from pipeline.errors import InputError

        raise InputError(f"edition {edition!r}: use one of {', '.join(EDITIONS)} ([analysis] edition or --edition)")
    return edition


def _small(counts: pd.Series, min_count: int) -> np.ndarray:
    values = pd.to_numeric(counts, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return (values >= 1) & (values < min_count)


def _primary(name: str, frame: pd.DataFrame, edition: str, min_count: int, min_base: int
             ) -> tuple[np.ndarray, np.ndarray]:
    """(hidden counts, hidden bases) of one table under the edition's rule."""
    count, base, _ = _COUNTS[name]
    bases = pd.to_numeric(frame[base], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    small_base = bases < min_base
    hide = _small(frame[count], min_count) | small_base
    hide_base = np.zeros(len(frame), dtype=bool)
    if edition == STEERING:
        if name not in _STEERING_RULED:
            return np.zeros(len(frame), dtype=bool), hide_base
        if "segment_type" in frame.columns:
            hide &= (frame["segment_type"] != "all").to_numpy()
        return hide, hide_base
    if name == "likert_distribution":
        # a don't-know row's base is n + don't know: published beside n it gives a hidden count away
        hide_base = small_base | (hide & frame["is_dont_know"].to_numpy(dtype=bool))
        return hide, hide_base
    return hide, small_base


def _survey_totals(name: str, truth: Mapping[str, pd.DataFrame]) -> dict[str, tuple[float, float]]:
    """Theme (or answer) -> (companies, respondents) of the survey as a whole, as published in full: the
    ``theme_ranking`` totals for ``theme_by_segment``, the ``all`` rows for ``export_readiness``."""
    if name == "theme_by_segment":
        frame = truth.get("theme_ranking")
        keys, counts, bases = "theme", "companies", "respondents"
    else:
        frame = truth.get(name)
        frame = frame[frame["segment_type"].astype(str) == "all"] if frame is not None else None
        keys, counts, bases = "answer", "companies", "base"
    if frame is None or frame.empty:
        return {}
    return {str(k): (float(c), float(b)) for k, c, b in zip(frame[keys], pd.to_numeric(frame[counts]),
                                                           pd.to_numeric(frame[bases])) if pd.notna(c) and pd.notna(b)}


def whole_segments(name: str, frame: pd.DataFrame, truth: Mapping[str, pd.DataFrame]) -> np.ndarray:
    """Which segment cells of ``frame`` (``theme_by_segment`` or ``export_readiness``; False elsewhere) say that
    every company of their segment answered alike: a count of 0 or of the whole base. Published, such a cell
    tells each member company's answer to anyone who knows it belongs to the segment (a municipality's few
    large employers are known) -- group disclosure. A cell that the survey's own total already gives away (a
    theme nobody or everybody chose, published in full) is not counted: hiding it protects nothing."""
    if name not in _STEERING_RULED or frame.empty:
        return np.zeros(len(frame), dtype=bool)
    key = "theme" if name == "theme_by_segment" else "answer"
    totals = _survey_totals(name, truth)
    counts = pd.to_numeric(frame["companies"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bases = pd.to_numeric(frame["base"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    # a theme nobody or everybody chose: the survey total gives every segment cell away already
    given = np.array([str(k) in totals and totals[str(k)][0] in (0.0, totals[str(k)][1]) for k in frame[key]],
                     dtype=bool)
    segmented = (frame["segment_type"].astype(str) != "all").to_numpy()
    whole = (bases >= 1) & ((counts == 0) | (counts == bases))
    return segmented & whole & ~given


def short_of_segment(name: str, frame: pd.DataFrame, min_count: int) -> np.ndarray:
    """Which segment cells of ``frame`` (``theme_by_segment`` or ``export_readiness``; False elsewhere) are
    1..min_count-1 companies short of their segment's base: published, "9 of the 10 companies of Kaustinen want
    export help" tells the segment's every other company's answer but one's (QA round 10)."""
    if name not in _STEERING_RULED or frame.empty:
        return np.zeros(len(frame), dtype=bool)
    short = pd.to_numeric(frame["base"], errors="coerce") - pd.to_numeric(frame["companies"], errors="coerce")
    return (frame["segment_type"].astype(str) != "all").to_numpy() & _small(short, min_count)


def _mask(frame: pd.DataFrame, name: str, counts: np.ndarray, bases: np.ndarray) -> pd.DataFrame:
    count, base, shares = _COUNTS[name]
    out = frame.copy()
    if counts.any():
        out[count] = out[count].astype("Int64").mask(counts)
        for column in shares:
            if column in out.columns:
                out[column] = out[column].astype("Float64").mask(counts)
        if name == "likert_summary":
            for column in ("median_score",):
                out[column] = out[column].astype("Float64").mask(bases)
            out["median_label"] = out["median_label"].astype("string").mask(bases)
            out["n_dont_know"] = out["n_dont_know"].astype("Int64").mask(bases)
    if bases.any():
        out[base] = out[base].astype("Int64").mask(bases)
        # a share beside its count gives a hidden base back (8 of n at 34.8 %: n = 23)
        for column in shares:
            if column in out.columns:
                out[column] = out[column].astype("Float64").mask(bases)
    if "suppressed" in out.columns:
        out["suppressed"] = out["suppressed"].astype(bool) | counts
    return out


# the previous public edition's tables whose bases a public run compares with its own
PREVIOUS_EDITION_FILES = ("theme_ranking.csv", "theme_by_segment.csv", "export_readiness.csv", "reach.csv",
                          "feedback_summary.csv", "impact_summary.csv")


def previous_edition(folder) -> dict[str, Any]:
    """The bases a previous public run published (its ``processed/`` CSVs): ``respondents`` (the survey's
    companies), ``bases`` {(table, segment_type, segment): base} of its segment tables, hidden bases left out,
    ``impact_companies`` (the impact survey's companies, None when it had none) and ``workshop_responses``
    {workshop_id: feedback responses}."""
    from pathlib import Path

    from pipeline.errors import InputError

    processed = Path(folder) / "processed"
    _refuse_steering_edition(processed)
    try:
        ranking = pd.read_csv(processed / "theme_ranking.csv")
        respondents = pd.to_numeric(ranking["respondents"], errors="coerce").dropna()
        bases: dict[tuple[str, str, str], float] = {}
        for name in _STEERING_RULED:
            path = processed / f"{name}.csv"
            if not path.is_file():
                continue
            frame = pd.read_csv(path, dtype={"segment_type": str, "segment": str})
            for kind, segment, base in zip(frame["segment_type"], frame["segment"],
                                           pd.to_numeric(frame["base"], errors="coerce")):
                if pd.notna(base):
                    bases[(name, str(kind), str(segment))] = float(base)
        impact = None
        if (processed / "reach.csv").is_file():
            reach = pd.read_csv(processed / "reach.csv")
            value = pd.to_numeric(reach.loc[reach["indicator"] == "impact_companies", "value"], errors="coerce")
            impact = float(value.iloc[0]) if len(value.dropna()) else None
        impact_counts: dict[tuple[str, str], float] = {}
        if (processed / "impact_summary.csv").is_file():
            shown = pd.read_csv(processed / "impact_summary.csv", dtype={"measure": str, "answer": str})
            impact_counts = {(str(m), str(a)): float(c) for m, a, c in
                             zip(shown["measure"], shown["answer"], pd.to_numeric(shown["companies"], errors="coerce"))
                             if pd.notna(c)}
        responses: dict[str, float] = {}
        ratings: dict[str, tuple[float, ...]] = {}
        if (processed / "feedback_summary.csv").is_file():
            summary = pd.read_csv(processed / "feedback_summary.csv", dtype={"workshop_id": str})
            responses = {str(w): float(n) for w, n in zip(summary["workshop_id"],
                                                          pd.to_numeric(summary["responses"], errors="coerce"))
                         if pd.notna(n)}
            ratings = _published_ratings(summary)
        for name, table in (("question_scales", "question_scales.csv"),):
            if (processed / table).is_file():
                scales = pd.read_csv(processed / table, dtype={"survey": str, "question_id": str, "item": str})
                impact_counts.update(_impact_scale_counts(scales))
        accounts = {}
        if (processed / "ingest_report.json").is_file():
            import json

            accounts = {name: {k: v for k, v in part.items() if k in _ACCOUNT_KEYS}
                        for name, part in json.loads((processed / "ingest_report.json").read_text("utf-8")).items()
                        if isinstance(part, dict)}
    except (OSError, KeyError, ValueError, pd.errors.ParserError) as exc:
        raise InputError(f"{processed}: the previous public edition's tables cannot be read ({exc}); name the "
                         f"output folder of the previous public run in [analysis] previous_public") from None
    return {"folder": str(folder), "respondents": float(respondents.iloc[0]) if len(respondents) else None,
            "bases": bases, "impact_companies": impact, "workshop_responses": responses,
            "impact_counts": impact_counts, "workshop_ratings": ratings, "accounts": accounts,
            "needs_count": float(respondents.iloc[0]) if len(respondents) else None, "impact_count": impact}


# the row accounting of a survey (ingest_report.json) two editions compare: the same number of companies from
# other rows (one left out, one late) is another composition (QA round 34)
_ACCOUNT_KEYS = ("rows_in", "accepted", "rejected", "duplicates", "excluded")
# a workshop's published rating counts: the same number of responses with other counts is another participant
_RATING_COUNTS = ("n_1", "n_2", "n_3", "n_4", "n_5", "n_promoters", "n_passives", "n_detractors", "comments")


def _published_ratings(summary: pd.DataFrame) -> dict[str, tuple[float, ...]]:
    """workshop_id → its published rating counts (``_RATING_COUNTS``, NaN where hidden or absent)."""
    columns = [pd.to_numeric(summary[c], errors="coerce") if c in summary.columns
               else pd.Series(np.nan, index=summary.index) for c in _RATING_COUNTS]
    return {str(w): tuple(float(c.iloc[i]) for c in columns) for i, w in enumerate(summary["workshop_id"])}


def _impact_scale_counts(scales: pd.DataFrame) -> dict[tuple[str, str], float]:
    """The impact survey's agreement statements (``question_scales`` rows of survey ``impact``) as
    ``{("scale " + question_id + item, "n" | "top2"): count}``, compared like the impact table's counts (QA round
    34: the self-rated rows changed between editions without a check)."""
    mine = scales[scales["survey"].astype(str) == "impact"] if "survey" in scales.columns else scales.iloc[0:0]
    out: dict[tuple[str, str], float] = {}
    for qid, item, n, top in zip(mine["question_id"], mine["item"].fillna(""), pd.to_numeric(mine["n"], errors="coerce"),
                                 pd.to_numeric(mine["top2"], errors="coerce")):
        for what, value in (("n", n), ("top2", top)):
            if pd.notna(value):
                out[(f"scale {qid} {item}".strip(), what)] = float(value)
    return out


def _publish_later(more: int, setting: str, unit: str = "") -> str:
    """The fix a refusal of the public edition ends with: wait for ``more`` answers (``setting``), or steering only."""
    return f"publish again once at least {more} {unit}more have answered ({setting}), or make only the steering edition"


def refuse_other_rows_same_count(name: str, accounts: Mapping[str, Any], params: Mapping,
                                 counted: float | None = None) -> None:
    """Raise ``InputError`` in the public edition when survey ``name`` (``needs``, ``impact``, ``feedback:FILE``)
    counts as many as in the previous public edition (``counted``: its companies, the number the count rules
    compare, and ``previous_edition[name + "_count"]``; else its accepted rows) from another row accounting (a row
    left out and a late one in, a second respondent of a company): the same totals from other answers, whose
    difference the two editions would publish (QA round 34: one excluded and one late company gave both
    companies' answers; a colleague's second answer for a company gave what the colleague added)."""
    previous = params.get("previous_edition") or {}
    then = (previous.get("accounts") or {}).get(name)
    if edition_of(params) != PUBLIC or not then or not accounts:
        return
    now = {k: accounts.get(k) for k in _ACCOUNT_KEYS}
    before = previous.get(f"{name}_count", then.get("accepted")) if counted is not None else then.get("accepted")
    count = counted if counted is not None else now.get("accepted")
    if before is None or float(before) != float(count) or all(then.get(k) == now.get(k) for k in _ACCOUNT_KEYS):
        return          # another count (refused or allowed by the count rules), or the same rows
    from pipeline.errors import InputError

    said = ", ".join(f"{k} {then.get(k)} → {now.get(k)}" for k in _ACCOUNT_KEYS if then.get(k) != now.get(k))
    raise InputError(f"{previous['folder']}: {name} counts as many as in the previous public edition "
                     f"({int(float(count))}) but from other rows ({said}): an answer left out and another added, or "
                     f"another answer for a company, and the two editions' difference would tell them; "
                     f"{_publish_later(int(params['min_base']), 'min_base')}")


def refuse_changed_ratings(summary: pd.DataFrame, params: Mapping) -> None:
    """Raise ``InputError`` in the public edition when a workshop has as many feedback responses as the previous
    public edition published but other rating counts: one response replaced another (QA round 34: a late
    participant's ratings and comment theme, told by the difference)."""
    previous = params.get("previous_edition") or {}
    then, counts = previous.get("workshop_ratings") or {}, previous.get("workshop_responses") or {}
    if edition_of(params) != PUBLIC or not then or summary.empty:
        return
    now = _published_ratings(summary)
    changed = []
    for workshop, responses in zip(summary["workshop_id"].astype(str),
                                   pd.to_numeric(summary["responses"], errors="coerce")):
        before, after = then.get(workshop), now.get(workshop)
        if before is None or after is None or counts.get(workshop) != responses:
            continue
        if any(pd.notna(a) and pd.notna(b) and a != b for a, b in zip(after, before)):
            changed.append(workshop)
    if changed:
        from pipeline.errors import InputError

        raise InputError(f"{previous['folder']}: workshop(s) {', '.join(changed)} have as many feedback responses as "
                         f"the previous public edition but other ratings: one response replaced another, and the "
                         f"two editions' difference would tell it; "
                         f"{_publish_later(int(params['min_responses']), 'min_responses')}")


def _refuse_steering_edition(processed) -> None:
    """Raise ``InputError`` when the run in ``processed`` (its manifest) was a steering edition: what the public
    edition must be compared with is what the public saw (QA round 28: a steering folder named as
    previous_public was taken without a word)."""
    import json

    from pipeline.errors import InputError

    try:
        edition = json.loads((processed / "manifest.json").read_text(encoding="utf-8"))["settings"]["analysis"][
            "edition"]
    except (OSError, ValueError, KeyError, TypeError):
        return          # a run without a manifest (copied tables): its CSVs are compared as they are
    if edition != PUBLIC:
        raise InputError(f"{processed.parent}: the run there is the {edition} edition; [analysis] previous_public "
                         f"names the output folder of the previous public run (--edition public)")


def _changed_little(name: str, frame: pd.DataFrame, previous: Mapping[str, Any] | None, min_base: int
                    ) -> np.ndarray:
    """Which rows of segment table ``name`` belong to a segment whose base changed by 1..min_base-1 companies since
    the previous public edition: each of its cells minus the one published then is those few companies' answer
    (QA round 24: 27 companies in autumn, 30 in spring, one more in Kokkola: 4/9 → 5/10 wants branding)."""
    if not previous or name not in _STEERING_RULED or frame.empty:
        return np.zeros(len(frame), dtype=bool)
    before = previous["bases"]
    bases = pd.to_numeric(frame["base"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    then = np.array([before.get((name, str(k), str(s)), np.nan) for k, s in zip(frame["segment_type"],
                                                                                 frame["segment"])])
    change = np.abs(bases - then)
    return (change >= 1) & (change < min_base)


def _refuse_small_change(truth: Mapping[str, pd.DataFrame], previous: Mapping[str, Any] | None,
                         min_base: int) -> None:
    """Raise ``InputError`` when the survey has 1..min_base-1 companies more or fewer than the previous public
    edition: every survey total minus the one published then would be those few companies' answers."""
    ranking = truth.get("theme_ranking")
    if not previous or previous.get("respondents") is None or ranking is None or ranking.empty:
        return
    now = float(pd.to_numeric(ranking["respondents"], errors="coerce").dropna().iloc[0])
    change = abs(now - float(previous["respondents"]))
    if 1 <= change < min_base:
        from pipeline.errors import InputError

        raise InputError(f"{previous['folder']}: the previous public edition has {int(previous['respondents'])} "
                         f"responding companies and this one {int(now)}: each of its figures minus the one "
                         f"published then would tell those {int(change)} companies' answers; publish the public "
                         f"edition again once at least {min_base} companies more have answered (min_base), or make "
                         f"only the steering edition")


def refuse_changed_impact_answers(impact: pd.DataFrame, companies: int | None, params: Mapping,
                                  scales: pd.DataFrame | None = None) -> None:
    """Raise ``InputError`` in the public edition when the impact survey has as many companies as the previous
    public edition but a published count differs: a company answered again or one answer replaced another, and
    the two editions' difference is those few answers (QA round 28: "partly" then "yes", and a new text)."""
    previous = params.get("previous_edition") or {}
    then = previous.get("impact_counts") or {}
    if edition_of(params) != PUBLIC or not then or impact.empty or previous.get("impact_companies") != companies:
        return          # another number of companies: refused or compared by refuse_small_impact_change
    now = {(str(m), str(a)): float(c) for m, a, c in zip(impact["measure"], impact["answer"], impact["companies"])}
    if scales is not None and not scales.empty:
        now.update(_impact_scale_counts(scales))     # the self-rated statements (``question_scales``) too
    changed = sorted(f"{m} {a}" for (m, a), c in then.items() if (m, a) in now and now[(m, a)] != c)
    if changed:
        from pipeline.errors import InputError

        raise InputError(f"{previous['folder']}: the impact survey has as many companies as the previous public "
                         f"edition, but its counts differ ({', '.join(changed)}): a company answered again or one "
                         f"answer replaced another, and the two editions' difference would tell those answers; "
                         f"{_publish_later(int(params['min_base']), 'min_base', 'companies ')}")


def refuse_small_impact_change(companies: int | None, params: Mapping) -> None:
    """Raise ``InputError`` in the public edition when the impact survey has 1..min_base-1 companies more or fewer
    than the previous public edition: its figures (the impact table, the funnel's impact columns) minus the ones
    published then would be those few companies' answers (one late impact answer, QA round 24's attack on WP1
    repeated on WP3)."""
    previous = params.get("previous_edition") or {}
    then, min_base = previous.get("impact_companies"), int(params["min_base"])
    if edition_of(params) != PUBLIC or companies is None or then is None:
        return
    change = abs(companies - then)
    if 1 <= change < min_base:
        from pipeline.errors import InputError

        raise InputError(f"{previous['folder']}: the previous public edition has {int(then)} companies answering the "
                         f"impact survey and this one {int(companies)}: each impact figure minus the one published "
                         f"then would tell those {int(change)} companies' answers; publish the public edition again "
                         f"once at least {min_base} companies more have answered it (min_base), or make only the "
                         f"steering edition")


def refuse_small_feedback_change(summary: pd.DataFrame, params: Mapping) -> None:
    """Raise ``InputError`` in the public edition when a workshop whose feedback the previous public edition
    showed (at least ``min_responses`` responses) has 1..min_responses-1 responses more or fewer now: its
    figures minus the ones published then would be those late answers (a late rating and comment of one
    participant). Refusing, rather than hiding the workshop this once, keeps a third edition from being compared
    with the first."""
    previous = (params.get("previous_edition") or {}).get("workshop_responses") or {}
    min_n = int(params["min_responses"])
    if edition_of(params) != PUBLIC or not previous or summary.empty:
        return
    changed = []
    for workshop, now in zip(summary["workshop_id"].astype(str), pd.to_numeric(summary["responses"], errors="coerce")):
        then = previous.get(workshop)
        if then is not None and then >= min_n and pd.notna(now) and 1 <= abs(now - then) < min_n:
            changed.append(f"{workshop} ({int(then)} → {int(now)})")
    if changed:
        from pipeline.errors import InputError

        folder = params["previous_edition"].get("folder", "the previous public edition")
        raise InputError(f"{folder}: workshop(s) {', '.join(changed)} have a few feedback responses more or fewer "
                         f"than the previous public edition showed: its figures minus the ones published then "
                         f"would tell those answers; publish again once at least {min_n} more have answered "
                         f"(min_responses), leave the late responses out (exclude = [...] in the workshop's "
                         f"[[feedback]] entry), or make only the steering edition")


def published(tables: Mapping[str, pd.DataFrame], params: Mapping) -> dict[str, pd.DataFrame]:
    """The WP1 tables as the edition (``params["edition"]``) publishes them: small counts and bases hidden
    (primary), then further cells hidden until no hidden cell can be narrowed below the protection interval
    by the published figures (``protect``). Tables not ruled here are returned as they are."""
    edition = edition_of(params)
    min_count, min_base = int(params["min_count"]), int(params["min_base"])
    interval = int(params["protection_interval"])
    truth = {name: frame.reset_index(drop=True) for name, frame in tables.items()}
    if edition == PUBLIC:
        _refuse_small_change(truth, params.get("previous_edition"), min_base)
    hidden_counts, hidden_bases, shown = {}, {}, {}
    for name, frame in truth.items():
        if name not in _COUNTS or frame.empty:
            shown[name] = frame
            continue
        counts, bases = _primary(name, frame, edition, min_count, min_base)
        if edition == PUBLIC:
            counts = counts | whole_segments(name, frame, truth) | short_of_segment(name, frame, min_count) | \
                _changed_little(name, frame, params.get("previous_edition"), min_base)
        hidden_counts[name], hidden_bases[name] = counts, bases
        shown[name] = _mask(frame, name, counts, bases)
    system = system_from_tables(shown, params, truth)
    if edition == PUBLIC:
        # the survey's own export answers add up to its base: one hidden as small (2 of 24 say yes) is told by
        # the other two unless one of them is hidden too, so in this edition they may be chosen as partners
        system.exempt = [e and system.where[i][0] != "export_readiness" for i, e in enumerate(system.exempt)]
    hidden, unprotected = protect(system, interval)
    if edition == PUBLIC:
        hidden, unprotected = _unpin_unions(system, hidden, unprotected, interval, min_count - 1)
    extra = np.flatnonzero(hidden & ~np.asarray(system.hidden, dtype=bool))
    for i in extra:
        name, pos, column = system.where[i]
        if column == _COUNTS[name][0]:
            hidden_counts[name][pos] = True
        else:
            hidden_bases[name][pos] = True
    if len(extra):
        log.info("disclosure (%s edition): %d cells hidden to protect others", edition, len(extra))
    withdrawn = _withdraw_segment_types(truth, hidden_counts, hidden_bases, system, unprotected)
    if "likert_distribution" in hidden_bases:
        hidden_bases["likert_distribution"] = _statement_rows(truth["likert_distribution"],
                                                              hidden_bases["likert_distribution"])
    if edition == PUBLIC and "companies_uncertain" in truth.get("theme_ranking", pd.DataFrame()).columns:
        truth = {**truth, "theme_ranking": _hidden_uncertain(truth["theme_ranking"], min_count,
                                                             float(params.get("confidence", _confidence())))}
    if edition == PUBLIC and "option_ranking" in hidden_counts and "theme_ranking" in truth:
        hidden_counts["option_ranking"] |= _options_short_of_theme(truth["option_ranking"], truth["theme_ranking"],
                                                                   min_count)
    for name in hidden_counts:
        shown[name] = _mask(truth[name], name, hidden_counts[name], hidden_bases[name])
        if withdrawn and name in _STEERING_RULED:
            # a breakdown left out is left out: not a table of ':c' rows (whose figures, equal to the published
            # sub-regions', the audit would read as narrowed)
            keep = ~shown[name]["segment_type"].astype(str).isin(withdrawn).to_numpy()
            shown[name] = shown[name][keep].reset_index(drop=True)
    if "likert_summary" in shown and "likert_distribution" in shown:
        shown["likert_summary"] = _dont_know_as_distribution(shown["likert_summary"], shown["likert_distribution"])
        shown["likert_summary"] = _n_as_distribution(shown["likert_summary"], shown["likert_distribution"])
    for name, group in (("theme_ranking", None), ("option_ranking", "question_id")):
        if edition == PUBLIC and name in shown:
            shown[name] = _hidden_last(shown[name], _COUNTS[name][0], group)
    for name in _STEERING_RULED:
        if edition == PUBLIC and name in shown:
            shown[name] = _without_blank_segments(shown[name])
    if edition == PUBLIC:
        return _blank_breakdowns_apart(truth, shown, params)
    return shown


def _blank_breakdowns_apart(truth: Mapping[str, pd.DataFrame], shown: dict[str, pd.DataFrame], params: Mapping
                            ) -> dict[str, pd.DataFrame]:
    """``shown`` again, protected without the segment breakdowns of which no count is published: hiding a whole
    breakdown's cells had hidden the survey's own totals as their partners, and the public export table read
    ':c' throughout beside a steering edition of 8 / 5 / 14 of 27 (QA round 24). The blank breakdown's rows
    come back as the first pass hid them (the report says the breakdown is left out); the result is kept only
    when the whole of it still passes the audit's every rule, else ``shown`` is returned as it was."""
    blank: dict[str, set[str]] = {}
    for name in _STEERING_RULED:
        frame = shown.get(name)
        if frame is None or frame.empty:
            continue
        kinds = frame["segment_type"].astype(str)
        counts = pd.to_numeric(frame["companies"], errors="coerce")
        # a breakdown left out (no row shown) or shown all hidden
        empty_kinds = {k for k in set(truth[name]["segment_type"].astype(str)) - {"all"}
                       if counts[(kinds == k).to_numpy()].isna().all()}
        # only worth a second pass when something else was hidden that the breakdown may have taken with it
        if empty_kinds and counts[~kinds.isin(empty_kinds).to_numpy()].isna().any():
            blank[name] = empty_kinds
    if not blank:
        return shown
    reduced = {name: (frame[~frame["segment_type"].astype(str).isin(blank[name]).to_numpy()].reset_index(drop=True)
                      if name in blank else frame) for name, frame in truth.items()}
    again = published(reduced, params)
    for name, kinds in blank.items():
        first = shown[name]
        kept = first[first["segment_type"].astype(str).isin(kinds).to_numpy()]
        order = {k: n for n, k in enumerate(dict.fromkeys(truth[name]["segment_type"].astype(str)))}
        merged = pd.concat([again[name], kept], ignore_index=True)
        position = merged["segment_type"].astype(str).map(order)
        again[name] = merged.iloc[np.argsort(position.to_numpy(), kind="stable")].reset_index(drop=True)
    system = system_from_tables(again, params, truth)
    interval, short = int(params["protection_interval"]), int(params["min_count"]) - 1
    safe = audit(system, interval)["is_protected"].all() and not pinned_unions(system) \
        and not pinned_unions(system, short=short) \
        and not any(whole_segments(n, f, again).any() or short_of_segment(n, f, short + 1).any()
                    for n, f in _segment_tables(again))
    return again if safe else shown


def _without_blank_segments(frame: pd.DataFrame) -> pd.DataFrame:
    """A public segment table without the municipalities of which nothing is published, neither a count nor
    the base: a municipality's name comes from the answers, not the questionnaire, and a row of ':c' under it
    tells that a company there answered (a misspelt "Kaustinnen", one company, QA round 9). Size classes,
    sectors and sub-regions are the questionnaire's and the config's: a blank one tells nothing."""
    if frame.empty:
        return frame
    key = [frame["segment_type"].astype(str), frame["segment"].astype(str)]
    blank = frame["companies"].isna() & frame["base"].isna() & (frame["segment_type"].astype(str) == "municipality")
    gone = blank.groupby(key).transform("all").to_numpy(dtype=bool)
    return frame[~gone].reset_index(drop=True)


def _hidden_last(frame: pd.DataFrame, count: str, group: str | None) -> pd.DataFrame:
    """``frame`` (sorted by its counts, most first) with the rows whose count is hidden moved after the published
    ones of their group, in their order: left in place, a hidden count sits between the two published counts
    around it (14, :c, 12 tells it is 12-14)."""
    if frame.empty or count not in frame.columns:
        return frame
    hidden = frame[count].isna().to_numpy()
    if not hidden.any():
        return frame
    groups = frame[group].astype(str) if group else pd.Series("", index=frame.index)
    first = {g: i for i, g in reversed(list(enumerate(groups)))}
    # "other", unranked, stays last
    other = (frame["theme"].astype(str) == "other").to_numpy() if "theme" in frame.columns and not group else \
        np.zeros(len(frame), dtype=bool)
    key = pd.DataFrame({"group": [first[g] for g in groups], "other": other, "hidden": hidden,
                        "at": np.arange(len(frame))})
    order = key.sort_values(["group", "other", "hidden", "at"], kind="stable").index
    return frame.iloc[order].reset_index(drop=True)


def _hidden_uncertain(ranking: pd.DataFrame, min_count: int, confidence: float) -> pd.DataFrame:
    """``theme_ranking`` with a ``companies_uncertain`` of 1..min_count-1 hidden ("of which uncertain: 1" is a
    count of one company too) and its ``ci_low`` widened to match: the published lower bound is the Wilson bound
    without the companies that are certain, so beside ``companies`` it would tell the hidden count. Hidden, it is
    the bound without ``min_count - 1`` of them, whichever of the hidden values is true."""
    # statsmodels (under stats) is loaded only where a public run needs it
    from pipeline.analysis.stats import wilson_interval

    uncertain = _small(ranking["companies_uncertain"], min_count)
    if not uncertain.any():
        return ranking
    counts = pd.to_numeric(ranking["companies"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    n = pd.to_numeric(ranking["respondents"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    sure = np.clip(counts - (min_count - 1), 0, None)
    low = wilson_interval(np.nan_to_num(sure), np.nan_to_num(n), confidence)[0]
    out = ranking.assign(companies_uncertain=ranking["companies_uncertain"].astype("Int64").mask(uncertain))
    if "ci_low" in out.columns:
        out["ci_low"] = np.where(uncertain, low, out["ci_low"].to_numpy(dtype=float, na_value=np.nan))
    return out


def _confidence() -> float:
    """The shipped confidence level (for callers that pass only the disclosure settings)."""
    from pipeline.config import defaults

    return float(defaults()["analysis"]["confidence"])


def _option_shortfall(options: pd.DataFrame, ranking: pd.DataFrame) -> np.ndarray:
    """Per ``option_ranking`` row, how many companies fewer than its theme's total in ``theme_ranking`` it
    counts (NaN where either is not published)."""
    if options.empty or ranking.empty:
        return np.full(len(options), np.nan)
    totals = dict(zip(ranking["theme"].astype(str), pd.to_numeric(ranking["companies"], errors="coerce")))
    theme_total = options["theme"].astype(str).map(totals).to_numpy(dtype=float, na_value=np.nan)
    return theme_total - pd.to_numeric(options["companies"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _options_short_of_theme(options: pd.DataFrame, ranking: pd.DataFrame, min_count: int) -> np.ndarray:
    """Which ``option_ranking`` rows count 1..min_count-1 companies fewer than their theme in ``theme_ranking``:
    published beside the theme's total, the difference is a count of one or two companies that named the theme
    only in their own words (or through another option), such as the uncertain ones the public edition hides."""
    short = _option_shortfall(options, ranking)
    return (short >= 1) & (short < min_count)


def _statement_rows(frame: pd.DataFrame, hidden: np.ndarray) -> np.ndarray:
    """``hidden`` (likert_distribution's hidden bases) with a statement's n hidden on every scale row once it
    is hidden on one (the system holds it once, on the first; the file repeats it on each)."""
    if not hidden.any():
        return hidden
    scale = ~frame["is_dont_know"].astype(bool).to_numpy()
    keys = list(zip(frame["question_id"].astype(str), frame["item"].astype(str)))
    hid = {k for k, h, s in zip(keys, hidden, scale) if h and s}
    return hidden | np.array([s and k in hid for k, s in zip(keys, scale)], dtype=bool)


def _summary_hiding(summary: pd.DataFrame, distribution: pd.DataFrame, dont_know: bool, column: str,
                    copies: Mapping[str, str]) -> pd.DataFrame:
    """``likert_summary`` with its ``copies`` (column -> dtype) hidden for each statement whose ``column`` the
    ``likert_distribution`` hides on its don't-know row (``dont_know``) or its scale rows: the two tables
    publish the same figure, and one published copy undoes the other's protection."""
    if summary.empty or "is_dont_know" not in distribution.columns:
        return summary
    rows = distribution[distribution["is_dont_know"].astype(bool) == dont_know]
    hidden = {(str(q), str(i)) for q, i, v in zip(rows["question_id"], rows["item"], rows[column]) if pd.isna(v)}
    if not hidden:
        return summary
    mask = np.array([(str(q), str(i)) in hidden for q, i in zip(summary["question_id"], summary["item"])], dtype=bool)
    return summary.assign(**{c: summary[c].astype(t).mask(mask) for c, t in copies.items() if c in summary.columns})


def _n_as_distribution(summary: pd.DataFrame, distribution: pd.DataFrame) -> pd.DataFrame:
    """``likert_summary`` with a statement's n, and the top-2 share and interval that would give it back beside
    top2, hidden where ``likert_distribution`` hides the statement's n."""
    return _summary_hiding(summary, distribution, False, "base",
                           {"n": "Int64", "share": "Float64", "ci_low": "Float64", "ci_high": "Float64"})


def _dont_know_as_distribution(summary: pd.DataFrame, distribution: pd.DataFrame) -> pd.DataFrame:
    """``likert_summary`` with ``n_dont_know`` hidden where ``likert_distribution`` hides the statement's
    don't-know count."""
    return _summary_hiding(summary, distribution, True, "count", {"n_dont_know": "Int64"})


def _unpin_unions(system: System, hidden: np.ndarray, unprotected: set[int], interval: int, short: int = 0,
                  max_steps: int = 50) -> tuple[np.ndarray, set[int]]:
    """``hidden`` with further cells hidden until no union of hidden segment cells is pinned at none or all of
    its companies (``pinned_unions``): for the first pinned union, its smallest published count is hidden and
    the cells protected again. A union with no published count left is added to ``unprotected`` (by one of its
    cells: its segment type is then left out)."""
    values = np.nan_to_num(np.asarray(system.values, dtype=float))
    for _ in range(max_steps):
        pinned = [label for label in pinned_unions(system, hidden, values, short)
                  if not any(i in unprotected for i, _ in system.unions[label])]
        if not pinned:
            break
        members = system.unions[pinned[0]]
        shown = [i for i, _ in members if not hidden[i] and not system.exempt[i]]
        if not shown:
            unprotected = unprotected | {members[0][0]}
            continue
        pick = min(shown, key=lambda i: (values[i], i))
        hidden, more = protect(system, interval, hidden=hidden | (np.arange(len(hidden)) == pick))
        unprotected = unprotected | more
    return hidden, unprotected


def _withdraw_segment_types(truth: Mapping[str, pd.DataFrame], hidden_counts: dict[str, np.ndarray],
                            hidden_bases: dict[str, np.ndarray], system: System, unprotected: set[int]) -> set[str]:
    """Hide every count and base of a segment type (size, sector, …) in which a cell stays unprotected after
    secondary suppression: a small segment whose base the other segments' bases and the survey total pin down
    (say the one company of 50+ staff) cannot be covered by hiding more of its own cells, so the breakdown by
    that type is left out. Other unprotected cells are logged. Modifies the flag arrays in place; returns the
    segment types left out."""
    types: set[str] = set()
    for i in sorted(unprotected):
        name, pos, _column = system.where[i]
        frame = truth.get(name)
        if frame is not None and name in _STEERING_RULED and str(frame.at[pos, "segment_type"]) != "all":
            types.add(str(frame.at[pos, "segment_type"]))
        else:
            log.warning("disclosure: %s cannot be protected by hiding more cells", system.labels[i])
    for segment_type in sorted(types):
        log.warning("disclosure: the breakdown by %s is left out: one of its segments cannot be protected by hiding "
                    "more of its cells", segment_type)
        for name in _STEERING_RULED:
            if name in hidden_counts:
                rows = (truth[name]["segment_type"].astype(str) == segment_type).to_numpy()
                hidden_counts[name] |= rows
                hidden_bases[name] |= rows
    return types


def audit_tables(tables: Mapping[str, pd.DataFrame], params: Mapping) -> pd.DataFrame:
    """``audit`` of the tables as published (hidden figures missing)."""
    return audit(system_from_tables(tables, params), int(params["protection_interval"]))


def small_figures(tables: Mapping[str, pd.DataFrame], params: Mapping) -> pd.DataFrame:
    """Published counts of 1..min_count-1 and published bases under min_base (``table, row, column, value``),
    and in the WP3 and company tables what their public rules hide (``_WP3_RULED``): none may remain in the
    public edition."""
    min_count, min_base = int(params["min_count"]), int(params["min_base"])
    rows = []
    for name, frame in tables.items():
        if name in _WP3_RULED and frame is not None and not frame.empty:
            rows += _wp3_small_figures(name, frame.reset_index(drop=True), params)
        if name not in _COUNTS or frame is None or frame.empty:
            continue
        count, base, _ = _COUNTS[name]
        frame = frame.reset_index(drop=True)
        for column in (count, "companies_uncertain") if "companies_uncertain" in frame.columns else (count,):
            for pos in np.flatnonzero(_small(frame[column], min_count)):
                rows.append((name, int(pos), column, float(frame.at[pos, column])))
        bases = pd.to_numeric(frame[base], errors="coerce")
        for pos in np.flatnonzero((bases < min_base).to_numpy(dtype=bool, na_value=False)):
            rows.append((name, int(pos), base, float(bases.iloc[pos])))
    rows += _copies_of_hidden(tables, min_count)
    return pd.DataFrame(rows, columns=["table", "row", "column", "value"])


def _copies_of_hidden(tables: Mapping[str, pd.DataFrame], min_count: int) -> list[tuple[str, int, str, float]]:
    """Published figures that tell a small count across two WP1 tables: an option 1..min_count-1 companies short
    of its theme's total (``_options_short_of_theme``), and a statement's don't-know count or n in
    ``likert_summary`` that ``likert_distribution`` hides (``_dont_know_as_distribution``, ``_n_as_distribution``)."""
    rows = []
    options, ranking = tables.get("option_ranking"), tables.get("theme_ranking")
    if options is not None and ranking is not None and not options.empty and not ranking.empty:
        short = _option_shortfall(options.reset_index(drop=True), ranking)
        for pos in np.flatnonzero((short >= 1) & (short < min_count)):
            rows.append(("option_ranking", int(pos), "theme companies - companies", float(short[pos])))
    summary, distribution = tables.get("likert_summary"), tables.get("likert_distribution")
    if summary is not None and distribution is not None and "n_dont_know" in summary.columns:
        summary = summary.reset_index(drop=True)
        hidden = _dont_know_as_distribution(summary, distribution)["n_dont_know"].isna()
        told = (hidden & summary["n_dont_know"].notna()).to_numpy(dtype=bool)
        rows += [("likert_summary", int(pos), "n_dont_know", float(summary.at[pos, "n_dont_know"]))
                 for pos in np.flatnonzero(told)]
        if "n" in summary.columns:
            hidden = _n_as_distribution(summary, distribution)["n"].isna()
            told = (hidden & summary["n"].notna()).to_numpy(dtype=bool)
            rows += [("likert_summary", int(pos), "n", float(summary.at[pos, "n"])) for pos in np.flatnonzero(told)]
    return rows


def _segment_tables(tables: Mapping[str, pd.DataFrame]) -> list[tuple[str, pd.DataFrame]]:
    """(name, frame with a fresh index) of each segment table (``_STEERING_RULED``) that has rows."""
    return [(name, tables[name].reset_index(drop=True)) for name in _STEERING_RULED
            if tables.get(name) is not None and not tables[name].empty]


def whole_segment_figures(tables: Mapping[str, pd.DataFrame], params: Mapping) -> pd.DataFrame:
    """What tells the answer of every company of a segment (``table, row, what``; row -1 for a union): published
    segment cells at 0 or their whole base that the survey totals do not give away (``whole_segments``) and
    unions of hidden segment cells that the published figures pin at none or all of their companies
    (``pinned_unions``); and funnel parts at 0 or their whole base. None may remain in the public edition."""
    rows = []
    for name, frame in _segment_tables(tables):
        for pos in np.flatnonzero(whole_segments(name, frame, tables)):
            rows.append((name, int(pos), f"{name} row {pos + 2} companies = {float(frame.at[pos, 'companies']):g} "
                                         f"published: every company of the segment answered alike"))

    if tables.get("funnel") is not None and not tables["funnel"].empty:
        rows += _wp3_whole_groups(tables["funnel"].reset_index(drop=True))
    if any(name in tables for name in _STEERING_RULED):
        system = system_from_tables(tables, params)
        whole = pinned_unions(system)
        for label in whole:
            rows.append((label.partition("[")[0], -1, f"{label}: its hidden cells add up to none or all of the "
                                                      f"companies of their segments"))
        for label in pinned_unions(system, short=int(params["min_count"]) - 1):
            if label not in whole:
                rows.append((label.partition("[")[0], -1, f"{label}: the companies outside its published segments "
                                                          f"are pinned at one or two from none or all of them"))
    return pd.DataFrame(rows, columns=["table", "row", "what"])


def short_segment_figures(tables: Mapping[str, pd.DataFrame], params: Mapping) -> pd.DataFrame:
    """What tells the answer of all but one or two companies of a segment (``table, row, what``): published segment
    cells 1..min_count-1 companies short of their base (``short_of_segment``). None may remain in the public
    edition."""
    rows = []
    for name, frame in _segment_tables(tables):
        for pos in np.flatnonzero(short_of_segment(name, frame, int(params["min_count"]))):
            rows.append((name, int(pos), f"{name} row {pos + 2} companies = {float(frame.at[pos, 'companies']):g} "
                                         f"of base {float(frame.at[pos, 'base']):g} published: all but one or two "
                                         f"companies of the segment answered alike"))
    return pd.DataFrame(rows, columns=["table", "row", "what"])


# --- the WP3 and company tables: small counts and bases ------------------------------------------------------
# (the funnel, the language and service-routing tables, the impact summary and the workshop ratings; each is
# computed from respondents the WP1 system does not hold, so each is ruled on its own figures)

def disclosed(frame: pd.DataFrame, params: Mapping[str, Any], counts: Iterable[str],
              bases: Mapping[str, Sequence[str]], parts: Mapping[str, Sequence[str]] | None = None,
              no_zero: Iterable[str] = (), complement: Mapping[str, str] | None = None,
              within: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """The disclosure rule of these tables, both editions: a share whose base is under ``min_base`` is not
    published (NaN). The public edition also hides every count of 1..min_count-1 companies, with the shares it
    is part of; for each base of ``parts`` (base column -> the counts that are parts of it), a base under
    ``min_base`` with its parts (4 of 4 tells the share the hidden share would) and a part of 0 or of its whole
    base (every company of the group answered alike); a count of ``no_zero`` at 0 (no company attended a
    theme's workshops without having asked for it: anyone seen there asked); and a count of ``complement``
    (count column -> its base column) 1..min_count-1 short of its base (13 of 14 companies use Swedish: the
    one other is told); and the counts ``within`` a hidden count (count column -> the counts that are parts of
    it: an impact base of 0 told that none of the group attended). ``suppressed`` marks a row with anything
    hidden."""
    out = frame.copy()
    min_count, min_base = int(params["min_count"]), int(params["min_base"])
    suppressed = np.zeros(len(out), dtype=bool)
    for position, (base, shares) in enumerate(bases.items()):
        small = (out[base] < min_base).to_numpy()
        for column in shares:
            out.loc[small, column] = np.nan
        if position == 0:           # the row's main share; a secondary share (impact) is just left out
            suppressed |= small & (out[base] > 0).to_numpy()
    if edition_of(params) == PUBLIC:
        every_share = [c for shares in bases.values() for c in shares]
        main = next(iter(bases), None)
        # a count's shares: its base's (the base's own, and those of the counts that are parts of it); a count
        # that is no base nor part (the theme's askers, "attended without asking") has none of its own: a
        # small one hides every share of the row only in a table of one base (the language table's)
        owner = {**{b: b for b in bases}, **{c: b for b, cs in (parts or {}).items() for c in cs}}
        for column in counts:
            values = pd.to_numeric(out[column], errors="coerce")
            small = ((values >= 1) & (values < min_count)).to_numpy()
            if small.any():
                out[column] = values.astype("Float64").mask(small)
                base = owner.get(column)
                shares = list(bases[base]) if base is not None else (every_share if len(bases) == 1 else [])
                out.loc[small, shares] = np.nan
                if base == main or (base is None and len(bases) == 1):
                    suppressed |= small
        for position, (base, counted) in enumerate((parts or {}).items()):
            size = pd.to_numeric(frame[base], errors="coerce")
            small_base = ((size >= 1) & (size < min_base)).to_numpy(dtype=bool, na_value=False)
            for column in counted:
                values = pd.to_numeric(frame[column], errors="coerce")
                hide = small_base | ((size >= 1) & ((values == 0) | (values == size))).to_numpy(dtype=bool,
                                                                                                na_value=False)
                out[column] = pd.to_numeric(out[column], errors="coerce").astype("Float64").mask(hide)
                out.loc[hide, list(bases.get(base, ()))] = np.nan
                if position == 0:   # as above: a secondary share hidden does not mark the row
                    suppressed |= hide
            out[base] = pd.to_numeric(out[base], errors="coerce").astype("Float64").mask(small_base)
        for column in no_zero:
            zero = (pd.to_numeric(frame[column], errors="coerce") == 0).to_numpy(dtype=bool, na_value=False)
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("Float64").mask(zero)
        for column, base in (complement or {}).items():
            short = _small(pd.to_numeric(frame[base], errors="coerce") - pd.to_numeric(frame[column],
                                                                                      errors="coerce"), min_count)
            if short.any():
                out[column] = pd.to_numeric(out[column], errors="coerce").astype("Float64").mask(short)
                # the shares of that base; a secondary base's (impact) hidden does not mark the row
                out.loc[short, list(bases.get(base, every_share))] = np.nan
                if base not in bases or base == main:
                    suppressed |= short
        for column, inner in (within or {}).items():
            gone = (pd.to_numeric(out[column], errors="coerce").isna()
                    & pd.to_numeric(frame[column], errors="coerce").notna()).to_numpy(dtype=bool)
            for part in inner:
                out[part] = pd.to_numeric(out[part], errors="coerce").astype("Float64").mask(gone)
    out["suppressed"] = suppressed
    return out


def published_impact(impact: pd.DataFrame, params: Mapping) -> pd.DataFrame:
    """The public edition's impact table: a measure (yes / partly / no, or answered) any of whose counts is a
    count of 1..``min_count``-1 companies, or whose base is under ``min_base``, has every count and share hidden
    (its base stays): the answers of one measure add up to its base, so hiding the small count alone would
    leave it to subtraction."""
    if impact.empty:
        return impact
    min_count, min_base = int(params["min_count"]), int(params["min_base"])
    out = impact.copy()
    hide = np.zeros(len(out), dtype=bool)
    for measure in out["measure"].unique():
        rows = (out["measure"] == measure).to_numpy()
        counts = out.loc[rows, "companies"].astype(float)
        base = out.loc[rows, "base"].astype(float)
        small = ((counts >= 1) & (counts < min_count)) | ((base - counts >= 1) & (base - counts < min_count)) \
            | (base < min_base)
        if small.any():
            hide |= rows
    out["companies"] = out["companies"].astype("Int64").mask(hide)
    for column in ("share", "ci_low", "ci_high"):
        out[column] = out[column].astype("Float64").mask(hide)
    from pipeline.schemas import conform

    return conform(out, "impact_summary")


def published_open_share(share: pd.DataFrame, params: Mapping) -> pd.DataFrame:
    """``open_theme_share`` as the edition publishes it: in the public edition, a theme named in 1..min_count-1
    open answers is not shown, nor its share (1 of 23 answers names data)."""
    if edition_of(params) != PUBLIC or share.empty:
        return share
    ruled = disclosed(share, params, counts=("answers",), bases={"n": ("share", "ci_low", "ci_high")})
    return ruled.drop(columns="suppressed").assign(answers=ruled["answers"].astype("Int64"))


# a workshop's (and the pooled) rating counts: the number of answers each rating figure rests on -> its figures
RATING_FIGURES = {
    "satisfaction_n": ("n_1", "n_2", "n_3", "n_4", "n_5", "top2_share", "ci_low", "ci_high", "median"),
    "usefulness_n": ("usefulness_top2_share", "usefulness_ci_low", "usefulness_ci_high", "usefulness_median"),
    "practicality_n": ("practicality_top2_share", "practicality_ci_low", "practicality_ci_high",
                       "practicality_median"),
    "nps_n": ("n_promoters", "n_passives", "n_detractors", "nps", "nps_ci_low", "nps_ci_high"),
}


def published_ratings(frame: pd.DataFrame, params: Mapping) -> pd.DataFrame:
    """``feedback_summary`` or ``feedback_overall`` as the public edition shows it: a rating (and the NPS) from
    fewer than ``min_responses`` answers is not shown, its counts included (a workshop of 3 respondents would
    show each one's answer)."""
    from pipeline.schemas import conform

    out = frame.copy()
    min_n = int(params["min_responses"])
    for n_column, columns in RATING_FIGURES.items():
        small = (out[n_column] < min_n).to_numpy(dtype=bool, na_value=False)
        for column in columns:
            out[column] = out[column].astype("Int64" if column.startswith("n_") else "Float64").mask(small)
    return conform(out, "feedback_summary" if "workshop_id" in out.columns else "feedback_overall")


def published_comment_themes(themes: pd.DataFrame, params: Mapping,
                             commenters: Mapping[str, int] | None = None) -> pd.DataFrame:
    """``feedback_themes`` as the public edition shows it. A workshop's themes as its ratings: none from fewer than
    ``min_responses`` respondents who commented (``commenters``, workshop id → respondents; their comments
    counted instead when not given): a 3-participant workshop's 6 comments had shown "trainer 1" (QA round 28).
    Its good and improve rows only when both are (each from none or at least min_responses comments): "all"
    minus "good" gave the two improvement comments' themes of a workshop whose "improve" rows were hidden (QA
    round 26). The overall "all" rows pool the workshops shown, and the overall good / improve rows only the
    workshops shown split: pooled over the others too, the overall split minus the shown workshops' gave the
    withheld split theme by theme (QA round 28)."""
    min_n = int(params["min_responses"])
    workshop = themes[themes["scope"] == "workshop"]
    bases = workshop.drop_duplicates(["workshop_id", "prompt"]).pivot(index="workshop_id", columns="prompt",
                                                                      values="base")
    bases = bases.reindex(columns=["good", "improve", "all"]).fillna(0)
    people = bases["all"] if commenters is None else \
        pd.Series({w: commenters.get(str(w), 0) for w in bases.index}, dtype=float)
    shown_all = [w for w in bases.index if people[w] >= min_n]
    split = [w for w in shown_all if all(b == 0 or b >= min_n for b in bases.loc[w, ["good", "improve"]])]
    keep = (themes["scope"] == "workshop") & themes["workshop_id"].isin(shown_all) & (
        (themes["prompt"] == "all") | themes["workshop_id"].isin(split))
    overall = themes[themes["scope"] == "overall"]
    if len(split) < bases.shape[0] or len(shown_all) < bases.shape[0]:
        pooled_all = _pooled_themes(workshop[workshop["workshop_id"].isin(shown_all)],
                                    overall[overall["prompt"] == "all"], params)
        pooled_split = _pooled_themes(workshop[workshop["workshop_id"].isin(split)],
                                      overall[overall["prompt"] != "all"], params)
        overall = pd.concat([pooled_split, pooled_all])
    from pipeline.schemas import conform

    return conform(pd.concat([overall, themes[keep]]).reset_index(drop=True), "feedback_themes")


def _pooled_themes(workshop: pd.DataFrame, overall: pd.DataFrame, params: Mapping) -> pd.DataFrame:
    """The ``overall`` rows (of the prompts it holds) recounted over the ``workshop`` rows: counts and bases
    summed, shares and Wilson intervals again."""
    from pipeline.analysis.stats import with_comment_shares

    bases = workshop.drop_duplicates(["workshop_id", "prompt"]).groupby("prompt")["base"].sum()
    counts = workshop.groupby(["prompt", "theme"])["comments"].sum()
    rows = []
    for row in overall.itertuples(index=False):
        count = int(counts.get((row.prompt, row.theme), 0))
        if count:
            rows.append({**row._asdict(), "comments": count, "base": int(bases.get(row.prompt, 0))})
    return with_comment_shares(pd.DataFrame(rows, columns=overall.columns), float(params["confidence"]),
                               int(params["min_responses"]))


# what the audit checks of these tables in the public edition, as the three functions above rule them:
# ``counts`` none of 1..min_count-1 published (in the ``rows`` given); ``parts`` base -> its parts, none
# published at 0 or at its whole base, nor beside a base under min_base; ``within`` none published inside a
# hidden count; ``no_zero``
# none published at 0; ``complement`` (count, base) whose difference is not 1..min_count-1 either; ``ratings``
# the figures of a rating from fewer than min_responses; ``few`` (base, rows) no such row from fewer than
# min_responses answers; ``whole`` (part, base): no part published at 0 or at its whole base; ``absent`` columns
# never published; ``alone`` (column, value, key, kept, count): of the rows where column is value, only the one
# whose key is kept publishes its count (the language table's company rows: see language._public_company_rows)
_WP3_RULED: dict[str, dict[str, Any]] = {
    "funnel": {"counts": ("asked", "traced", "attended", "impact_base", "impact_yes", "attended_without_asking"),
               "parts": {"traced": ("attended",), "impact_base": ("impact_yes",)},
               "no_zero": ("attended_without_asking",), "within": {"attended": ("impact_base", "impact_yes")},
               "complement": (("attended", "traced"), ("impact_yes", "impact_base"))},
    "impact_summary": {"counts": ("companies",), "complement": (("companies", "base"),)},
    "language": {"counts": ("value", "value_low"), "rows": ("measure", ("companies", "service_requests")),
                 "complement": (("value", "base"), ("value_low", "base_low")),
                 "absent": ("value_only",), "alone": ("measure", "companies", "language", "sv", "value")},
    "service_routing": {"counts": ("demand_companies", "swedish_demand_companies"),
                        "complement": (("swedish_demand_companies", "demand_companies"),),
                        "whole": (("swedish_demand_companies", "demand_companies"),),
                        "absent": ("unserved_companies", "unserved_swedish_companies")},
    "open_theme_share": {"counts": ("answers",)},
    "emerging_themes": {"counts": ("companies", "answers")},
    "feedback_summary": {"ratings": RATING_FIGURES},
    "feedback_themes": {"few": ("base", ("scope", ("workshop",))), "prompts": True},
    "feedback_overall": {"ratings": RATING_FIGURES},
}


def _wp3_small_figures(name: str, frame: pd.DataFrame, params: Mapping) -> list[tuple[str, int, str, float]]:
    """The published figures of one WP3 or company table that its public rule hides (``_WP3_RULED``)."""
    rule = _WP3_RULED[name]
    min_count, min_base = int(params["min_count"]), int(params["min_base"])
    ruled = np.ones(len(frame), dtype=bool)
    if "rows" in rule:
        column, values = rule["rows"]
        ruled = frame[column].astype(str).isin(values).to_numpy()
    # a column the table lacks (written before the rule named it) publishes nothing
    number: dict[str, pd.Series] = defaultdict(lambda: pd.Series(np.nan, index=frame.index, dtype=float))
    number.update({c: pd.to_numeric(frame[c], errors="coerce") for c in frame.columns})
    rows = []
    for column in rule.get("counts", ()):
        for pos in np.flatnonzero(_small(number[column], min_count) & ruled):
            rows.append((name, int(pos), column, float(number[column].iloc[pos])))
    for base, parts in rule.get("parts", {}).items():
        size = number[base]
        for pos in np.flatnonzero(((size >= 1) & (size < min_base)).to_numpy(dtype=bool, na_value=False)):
            rows.append((name, int(pos), base, float(size.iloc[pos])))
    for column, inner in rule.get("within", {}).items():
        gone = number[column].isna().to_numpy()
        for part in inner:
            for pos in np.flatnonzero(gone & number[part].notna().to_numpy()):
                rows.append((name, int(pos), f"{part} (within a hidden {column})", float(number[part].iloc[pos])))
    for column in rule.get("no_zero", ()):
        for pos in np.flatnonzero((number[column] == 0).to_numpy(dtype=bool, na_value=False)):
            rows.append((name, int(pos), column, 0.0))
    for count, base in rule.get("complement", ()):
        rest = number[base] - number[count]
        for pos in np.flatnonzero(_small(rest, min_count) & ruled):
            rows.append((name, int(pos), f"{base} - {count}", float(rest.iloc[pos])))
    for column in rule.get("absent", ()):     # never published in the public edition
        for pos in np.flatnonzero(number[column].notna().to_numpy()):
            rows.append((name, int(pos), f"{column} (not published)", float(number[column].iloc[pos])))
    if "alone" in rule:     # of these rows only the one named is published
        column, value, key, kept, count = rule["alone"]
        others = (frame[column].astype(str) == value) & (frame[key].astype(str) != kept)
        for pos in np.flatnonzero((others & number[count].notna()).to_numpy()):
            rows.append((name, int(pos), f"{count} ({frame[key].iloc[pos]} row)", float(number[count].iloc[pos])))
    for part, base in rule.get("whole", ()):   # a part at none or all of its base: the whole group answered alike
        size, value = number[base], number[part]
        alike = ((size > 0) & ((value == 0) | (value == size))).to_numpy(dtype=bool, na_value=False)
        for pos in np.flatnonzero(alike):
            rows.append((name, int(pos), f"{part} (none or all of {base})", float(value.iloc[pos])))
    if "few" in rule:       # rows whose base is under min_responses
        base, (column, values) = rule["few"]
        rows_in = frame[column].astype(str).isin(values).to_numpy()
        few = (number[base] < int(params["min_responses"])).to_numpy(dtype=bool, na_value=False) & rows_in
        rows += [(name, int(pos), base, float(number[base].iloc[pos])) for pos in np.flatnonzero(few)]
    if rule.get("prompts"):
        rows += _prompt_complements(name, frame, int(params["min_responses"]))
    for n_column, columns in rule.get("ratings", {}).items():
        if n_column not in frame.columns:
            continue
        few = (number[n_column] < int(params["min_responses"])).to_numpy(dtype=bool, na_value=False)
        for column in (c for c in columns if c.startswith("n_") and c in frame.columns):
            for pos in np.flatnonzero(few & number[column].notna().to_numpy()):
                rows.append((name, int(pos), column, float(number[column].iloc[pos])))
    return rows


def _prompt_complements(name: str, frame: pd.DataFrame, min_n: int) -> list[tuple[str, int, str, float]]:
    """The comment-theme rows that tell 1..min_n-1 comments not shown by subtraction: a scope (a workshop or the
    whole) showing "all" and one of good / improve, the other's comments not shown; the overall rows of a prompt
    minus the workshops' rows."""
    rows = []
    scopes = frame.assign(_w=frame["workshop_id"].astype(str).where(frame["workshop_id"].notna(), ""))
    for _, part in scopes.groupby(["scope", "_w"], sort=False):
        bases = part.drop_duplicates("prompt").set_index("prompt")["base"].astype(float)
        if "all" not in bases:
            continue
        for shown, other in (("good", "improve"), ("improve", "good")):
            rest = bases["all"] - bases.get(shown, np.nan)
            if shown in bases and other not in bases and 1 <= rest < min_n:
                pos = int(np.flatnonzero(scopes.index == part.index[0])[0])
                rows.append((name, pos, f"{other} comments (all - {shown})", float(rest)))
    # the whole minus the workshops shown: the comments of the workshops not shown
    firsts = scopes.drop_duplicates(["scope", "_w", "prompt"])
    workshops = firsts[firsts["scope"] == "workshop"].groupby("prompt")["base"].sum()
    for pos, prompt, base in zip(firsts.index, firsts["prompt"], firsts["base"]):
        rest = float(base) - float(workshops.get(prompt, 0))
        if firsts.loc[pos, "scope"] == "overall" and 1 <= rest < min_n:
            rows.append((name, int(np.flatnonzero(scopes.index == pos)[0]),
                         f"{prompt} comments of the workshops not shown (overall - workshops)", rest))
    return rows


def _wp3_whole_groups(frame: pd.DataFrame) -> list[tuple[str, int, str]]:
    """Published funnel parts at 0 or their whole base: every company of the group attended (or said the
    workshops helped), or none did."""
    rows = []
    for base, parts in _WP3_RULED["funnel"]["parts"].items():
        size = pd.to_numeric(frame[base], errors="coerce")
        for column in parts:
            values = pd.to_numeric(frame[column], errors="coerce")
            whole = ((size >= 1) & ((values == 0) | (values == size))).to_numpy(dtype=bool, na_value=False)
            for pos in np.flatnonzero(whole):
                rows.append(("funnel", int(pos), f"funnel row {pos + 2} {column} = {float(values.iloc[pos]):g} of "
                                                 f"{base} {float(size.iloc[pos]):g} published: every company of "
                                                 f"the group answered alike"))
    return rows


# --- the audit of a finished run ------------------------------------------------------------------------------

AUDITED = (*_COUNTS, *_WP3_RULED)


def read_run(outdir) -> tuple[dict[str, pd.DataFrame], dict]:
    """The published count tables of a run (``OUTDIR/processed/<table>.csv``, as the registry names them) and
    the ``[analysis]`` settings it ran with (its manifest; the defaults when it has none)."""
    import json
    from pathlib import Path

    from pipeline import outputs, schemas
    from pipeline.config import defaults
    from pipeline.errors import InputError

    root = Path(outdir)
    if not root.is_dir():
        raise InputError(f"{root}: no such directory; give the output folder of a run (the one holding processed/)")
    if root.name == "processed" and not (root / "processed").is_dir() and (root / "manifest.json").is_file():
        raise InputError(f"{root}: this is a run's processed/ folder; give the folder above it ({root.parent})")
    params = dict(defaults()["analysis"])
    manifest = root / "processed" / "manifest.json"
    if manifest.is_file():
        try:
            params.update(json.loads(manifest.read_text(encoding="utf-8"))["settings"]["analysis"])
        except (ValueError, KeyError, TypeError):
            raise InputError(f"{manifest}: not a run manifest; rerun `python -m pipeline run`") from None
    tables = {}
    for name in AUDITED:
        path = root / outputs.BY_NAME[name].file
        if not path.is_file():
            continue
        try:
            frame = pd.read_csv(path, keep_default_na=True)
        except (ValueError, OSError) as exc:
            raise InputError(f"{path}: cannot be read as CSV ({exc})") from None
        needed = _COUNTS[name][:2] if name in _COUNTS else _WP3_RULED[name].get("counts", ())
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            raise InputError(f"{path}: no column {', '.join(missing)}; audit the files a run wrote (outputs of an "
                             "older version of the pipeline lack the columns it checks now: rerun `python -m "
                             "pipeline run` into that folder first)") from None
        if "is_dont_know" in frame.columns:
            frame["is_dont_know"] = frame["is_dont_know"].astype(str).str.lower().eq("true")
        if "suppressed" in frame.columns:
            frame["suppressed"] = frame["suppressed"].astype(str).str.lower().eq("true")
        for column in ("segment_type", "segment", "theme", "members", "answer", "question_id", "option", "item",
                       "label", "survey", "type"):
            if column in frame.columns:
                frame[column] = frame[column].astype("string")
        tables[name] = frame
    if "theme_ranking" not in tables and "theme_by_segment" in tables:
        raise InputError(f"{root / outputs.BY_NAME['theme_ranking'].file}: missing; the segment cells cannot be "
                         "audited without the theme totals")
    if not tables:
        raise InputError(f"{root / 'processed'}: no published count tables (theme_ranking.csv …); "
                         "run `python -m pipeline run --out DIR` first")
    return tables, params


def audit_run(outdir) -> tuple[pd.DataFrame, pd.DataFrame, dict, pd.DataFrame]:
    """(ranges of every hidden cell, small published figures, settings, published segment figures telling the
    answer of every company of a segment, ``mark`` WHOLE, or of all but one or two, ``mark`` SHORT) of a run; the
    second and fourth are empty but in the public edition."""
    tables, params = read_run(outdir)
    ranges = audit_tables(tables, params)
    public = edition_of(params) == PUBLIC
    small = small_figures(tables if public else {}, params)
    whole = pd.concat([whole_segment_figures(tables if public else {}, params).assign(mark="WHOLE"),
                       short_segment_figures(tables if public else {}, params).assign(mark="SHORT")],
                      ignore_index=True)
    return ranges, small, params, whole
