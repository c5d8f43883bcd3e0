"""What the summary says, whatever the format: sections, tables formatted for reading, findings, method note.

``report_content`` turns the analysis tables, the chart PNGs and the run's metadata into a ``ReportContent``
of plain strings; the HTML, Markdown and slide renderers only lay it out (and escape it for their format).
Every label comes from the message catalogue. A table or chart that is absent leaves its block out, and a
section without blocks is left out (a needs-only run has no WP3 section).

Which blocks, tables, columns and charts appear, in which order, comes from ``pipeline.outputs``. Formatting
rules, by the column kinds the registry declares: shares are shown as whole percentages; ids, pseudonyms and
flags are not shown; a ``x_low``/``x_high`` pair becomes one interval column, and ``x`` with an ``x_high``
(or an ``x_low`` with ``x``) one column holding the range when the two differ; in a row whose ``suppressed``
flag is true the company counts and shares read ``:c``; theme slugs are replaced by the theme names.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from pipeline.i18n import Messages, grouped
from pipeline.outputs import (BLOCKS, BY_NAME, CHARTS, COUNT, FLAG, ID, OUTPUTS, PSEUDONYM, SECTIONS, SHARE,
                              column_kind)
from pipeline.segments import distinct_segments, place_name, segment_label, segment_name

SUPPRESSED_MARK_KEY = "report.suppressed"


def block_tables(key: str) -> list[str]:
    """The tables report block ``key`` shows, in registry order (``pipeline.outputs``)."""
    return [o.name for o in OUTPUTS if o.block == key]


def says_nothing(name: str, frame: pd.DataFrame) -> bool:
    """Whether a table with rows still has nothing to tell: the linking of one survey alone ("0 of 15 companies
    linked"), demand against supply without a needs survey (its chart read "needs survey, n = 0"). The
    summaries leave out its block and the workbook its sheet."""
    if name == "linking" and "source" in frame.columns:
        return frame["source"].nunique() <= 1
    if name == "coverage" and "demand_share" in frame.columns:
        return bool(pd.to_numeric(frame["demand_share"], errors="coerce").isna().all())
    return False


def block_charts(key: str) -> list[str]:
    """The charts report block ``key`` embeds, in registry order."""
    return [c.stem for c in CHARTS if c.block == key]


CHART_SPECS = {c.stem: c for c in CHARTS}
# Charts shown on their own slide in the deck, in this order (others follow in stem order).
KEY_CHARTS = tuple(CHART_SPECS)


class DataWarning(str):
    """A headline the inputs contradict (``pipeline.report.headlines``): the report shows it as a data warning,
    never among the findings."""


class ChartNote(str):
    """A chart's sentence that says how to read it, no finding (how many cells are hidden): shown under the
    chart, never among the key findings (a survey whose only key finding read "2/18 cells are suppressed",
    QA round 13)."""


@dataclass(frozen=True)
class Chart:
    stem: str
    title: str
    finding: str        # the headline figure, or the chart's caption when there is none, or a data warning
    png: bytes
    is_headline: bool = False
    is_warning: bool = False


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]


@dataclass(frozen=True)
class Bullet:
    text: str
    details: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Block:
    key: str
    title: str
    intro: str
    charts: list[Chart]
    tables: list[Table]
    bullets: list[Bullet]
    empty: str = ""
    finding: str = ""       # a block without a chart: its key finding (the registry's BlockSpec.headline)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: list[Block]


@dataclass(frozen=True)
class ReportContent:
    lang: str
    title: str
    meta_lines: list[str]
    findings: list[str]
    sections: list[Section]
    recommended: list[Bullet]
    method_title: str
    method: list[str]
    open_answers: Table | None
    labels: Mapping[str, str]
    warnings: list[str] = field(default_factory=list)   # data warnings: what the inputs contradict
    # the caveat the recommended themes carry where the slides show them alone: no tier boundary was drawn
    recommended_note: str = ""


def is_share_column(name: str, columns: Sequence[str] = (), table: str = "") -> bool:
    """True for columns holding a proportion 0..1 (shown as a percentage, stored with a percent format), as
    the registry declares for ``table`` (``pipeline.outputs.column_kind``)."""
    return column_kind(table, name, columns) == SHARE


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT and pandas NA (never for lists or arrays)."""
    if value is None or isinstance(value, (list, tuple, np.ndarray, dict)):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def interval_pairs(columns: Sequence[str]) -> dict[str, str]:
    """Map each ``x_low`` column that has an ``x_high`` partner to the merged column name ``x_interval``."""
    names = set(columns)
    return {c: c[:-4] + "_interval" for c in columns if c.endswith("_low") and c[:-4] + "_high" in names}


def suppressed_rows(frame: pd.DataFrame) -> pd.Series:
    """Boolean Series: rows whose ``suppressed`` flag is true (all false when the table has no such flag)."""
    if "suppressed" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame["suppressed"].fillna(False).astype(bool)


def masked_when_suppressed(column: str, columns: Sequence[str] = (), table: str = "") -> bool:
    """True for columns a suppressed row must not publish (counts of companies and every share)."""
    return column_kind(table, column, columns) in (SHARE, COUNT)


def is_hidden_column(column: str, columns: Sequence[str] = (), table: str = "") -> bool:
    """True for identifiers and flags, which the summary does not show."""
    return column_kind(table, column, columns) in (ID, PSEUDONYM, FLAG)


# a share this close to 0 or 1 is taken for exactly 0 or 1 (float sums of exact fractions)
EXACT = 1e-9
MINUS = "\u2212"     # the minus sign of typeset numbers, not the hyphen
# scores in points, shown whole with the minus sign (Formatter.points)
POINT_COLUMNS = frozenset({"nps", "nps_ci_low", "nps_ci_high"})


def whole_percent(share: float) -> int:
    """A share 0..1 as a whole percentage, the exact half rounded up: 23/40 → 58, where the float 57.4999…
    that 0.575 × 100 gives would round down (QA round 27); 11/12 → 92."""
    return int(Decimal(repr(round(float(share) * 100, 9))).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class Formatter:
    """Numbers, shares, dates and booleans as text in the report language."""

    def __init__(self, msgs: Messages) -> None:
        self.msgs = msgs
        self.decimal = msgs("report.fmt.decimal_separator")
        self.mark = msgs(SUPPRESSED_MARK_KEY)

    def percent(self, share: float) -> str:
        """A share as a whole percentage; a share that is not 1 (or 0) but rounds to 100 % (or 0 %) reads
        "> 99 %" ("< 1 %"): 199 of 200 is not everyone (QA round 27)."""
        if is_missing(share):
            return self.mark        # a hidden figure (or none): shown as hidden, never as "nan"
        value, exact = self._pct(share), float(share)
        if value == "100" and exact < 1 - EXACT:
            value = self.msgs("report.fmt.above", value=99)
        elif value == "0" and exact > EXACT:
            value = self.msgs("report.fmt.below", value=1)
        return self.msgs("report.fmt.percent", value=value)

    def percent_range(self, low: float, high: float) -> str:
        if is_missing(low) or is_missing(high):
            return self.mark
        low_text, high_text = self._pct(low), self._pct(high)
        if low_text == high_text:
            return self.msgs("report.fmt.percent", value=low_text)
        return self.msgs("report.fmt.percent_range", low=low_text, high=high_text)

    def range(self, low: Any, high: Any) -> str:
        low_text, high_text = self.number(low), self.number(high)
        return low_text if low_text == high_text else self.msgs("report.fmt.range", low=low_text, high=high_text)

    @staticmethod
    def _pct(share: float) -> str:
        return str(whole_percent(share))

    def points(self, value: Any) -> str:
        """A score in points (the NPS, -100..100) as a whole number, a half rounded away from zero, with the
        typographic minus sign (QA round 27: "-12,9–44,2" beside "12" and "33,3")."""
        if is_missing(value):
            return ""
        whole = int(Decimal(repr(round(float(value), 9))).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return f"{MINUS}{grouped(-whole, self.msgs.lang)}" if whole < 0 else str(grouped(whole, self.msgs.lang))

    def points_range(self, low: Any, high: Any) -> str:
        low_text, high_text = self.points(low), self.points(high)
        return low_text if low_text == high_text else self.msgs("report.fmt.range", low=low_text, high=high_text)

    def number(self, value: Any) -> str:
        if isinstance(value, (bool, np.bool_)):
            return self.msgs("report.yes") if value else self.msgs("report.no")
        if isinstance(value, (int, np.integer)):
            return str(grouped(int(value), self.msgs.lang))
        number = float(value)
        if number.is_integer():
            return str(grouped(int(number), self.msgs.lang))
        return f"{number:.1f}".replace(".", self.decimal)

    def date(self, value: Any) -> str:
        moment = pd.Timestamp(value)
        return self.msgs("report.fmt.date", day=moment.day, month=moment.month, year=moment.year)

    def text(self, value: Any) -> str:
        if isinstance(value, (list, tuple, np.ndarray)):
            return " / ".join(str(v) for v in value)
        return str(value)

    def month(self, value: Any) -> str:
        moment = pd.Timestamp(value)
        return self.msgs("report.fmt.month", month=moment.month, year=moment.year)

    def cell(self, column: str, value: Any, columns: Sequence[str] = (), table: str = "") -> str:
        """One table cell as text: empty when missing, else by the column's kind and the value's type.

        Coded values (``answer = yes``, ``segment_type = sector`` …) are shown by their catalogue label
        ``report.value.<column>.<value>``; a ``note_key`` column holds a catalogue key and shows its text.
        """
        if is_missing(value):
            return ""
        if isinstance(value, (bool, np.bool_)):
            return self.msgs("report.yes") if value else self.msgs("report.no")
        if isinstance(value, (datetime, date, pd.Timestamp, np.datetime64)):
            return self.month(value) if column == "month" else self.date(value)
        if isinstance(value, (int, float, np.integer, np.floating)):
            if column in POINT_COLUMNS:
                return self.points(value)
            return self.percent(value) if is_share_column(column, columns, table) else self.number(value)
        text = self.text(value)
        # a table may label its own values (report.value.<table>.<column>.<value>) before the shared labels
        for key in ((f"report.value.{table}.{column}.{text}",) if table else ()) + (f"report.value.{column}.{text}",):
            if key in self.msgs:
                return self.msgs(key)
        if column == "note_key" and text in self.msgs:
            return self.msgs(text)
        return text


def theme_names(tables: Mapping[str, pd.DataFrame], msgs: Messages) -> dict[str, str]:
    """Theme slug → display name, from every table carrying both ``theme`` and ``theme_name``.

    A name the catalogue labels (``report.value.theme_name.<name>``, e.g. ``other``) gets that label.
    """
    names: dict[str, str] = {}
    for table in tables.values():
        if {"theme", "theme_name"} <= set(table.columns):
            for slug, name in zip(table["theme"], table["theme_name"]):
                if not is_missing(slug) and not is_missing(name):
                    key = f"report.value.theme_name.{name}"
                    names.setdefault(str(slug), msgs(key) if key in msgs else str(name))
    return names


def header(msgs: Messages, column: str, table: str = "") -> str:
    """Localised column heading (``report.col.<table>.<column>``, else ``report.col.<column>``); a column the
    catalogue does not know is shown by its name."""
    for key in (f"report.col.{table}.{column}", f"report.col.{column}"):
        if key in msgs:
            return msgs(key)
    return column.replace("_", " ")


def viewed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """The rows and columns of ``frame`` the summary shows (the registry's ``columns`` and ``where``; every
    column of a table the registry does not restrict).

    The ``suppressed`` flag travels along so that ``:c`` can still be applied.
    """
    output = BY_NAME.get(name)
    if output is None or output.columns is None:
        return frame
    keep = pd.Series(True, index=frame.index)
    for column, value in output.where.items():
        if column in frame.columns:
            keep &= frame[column].astype("string") == value
    columns = [c for c in output.columns if c in frame.columns]
    if not columns:
        return frame[keep]
    if "suppressed" in frame.columns:
        columns.append("suppressed")
    return frame.loc[keep, columns]


def _theme_list(value: Any, names: Mapping[str, str]) -> Any:
    if is_missing(value) or not isinstance(value, str) or ";" not in value and value not in names:
        return value
    return ", ".join(names.get(part.strip(), part.strip()) for part in value.split(";") if part.strip())


def display_table(frame: pd.DataFrame, caption: str, fmt: Formatter, names: Mapping[str, str],
                  table: str = "") -> Table:
    """``frame`` as a ``Table`` of strings: hidden id columns dropped, interval pairs merged, ``:c`` applied.

    A ``theme`` column is replaced by the theme's name unless the table already has ``theme_name``; a
    ``themes`` column of ``;``-joined slugs by the names. ``table`` selects table-specific headings.
    """
    columns = [str(c) for c in frame.columns]
    pairs = interval_pairs(columns)
    # a figure with its other end, from a range the register wrote ("7-18"): x with x_high (x the lower end)
    # or x_low with x (x the upper end) is one cell, "33–86 %", or the figure alone when both ends agree
    ends = {c: (c, c + "_high") for c in columns
            if c + "_high" in columns and c not in pairs and c + "_low" not in columns}
    ends.update({c[:-4]: (c, c[:-4]) for c in columns
                 if c.endswith("_low") and c[:-4] in columns and c not in pairs and c[:-4] + "_high" not in columns})
    highs = {c[:-4] + "_high" for c in pairs} | {other for x, pair in ends.items() for other in pair if other != x}
    has_name = "theme_name" in columns
    shown: list[str] = [c for c in columns
                        if not is_hidden_column(c, columns, table) and c not in highs and not (c == "theme" and has_name)]
    hidden = suppressed_rows(frame)
    # the disclosure rules hide a figure of these tables by leaving it out, and the analysis leaves out nothing
    # else: a missing count or share was hidden, and says so
    ruled = table in BY_NAME and BY_NAME[table].missing_is_hidden
    yes_no = {c for c in shown if pd.api.types.is_bool_dtype(frame[c])}
    headers: list[str] = []
    numeric: list[bool] = []
    for column in shown:
        headers.append(header(fmt.msgs, pairs.get(column, column), table))
        numeric.append(column in pairs or pd.api.types.is_numeric_dtype(frame[column])
                       and not pd.api.types.is_bool_dtype(frame[column]))
    rows: list[list[str]] = []
    for position, record in enumerate(frame.to_dict("records")):
        # a table whose rules leave a hidden figure out marks only that figure: its row flag (a share not
        # published) must not hide the counts the table's own file publishes beside it
        is_hidden = bool(hidden.iloc[position]) and not ruled
        row: list[str] = []
        for column in shown:
            value = record[column]
            if column in pairs:
                high = record[column[:-4] + "_high"]
                if (is_hidden or ruled and is_missing(value)) and masked_when_suppressed(column, columns, table):
                    row.append(fmt.mark)
                elif is_missing(value) or is_missing(high):
                    row.append("")
                elif is_share_column(column, columns, table):
                    row.append(fmt.percent_range(value, high))
                elif column in POINT_COLUMNS:
                    row.append(fmt.points_range(value, high))
                else:
                    row.append(fmt.range(value, high))
            elif is_hidden and (masked_when_suppressed(column, columns, table) or is_missing(value)) or \
                    ruled and is_missing(value) and (masked_when_suppressed(column, columns, table)
                                                     or column in yes_no):
                # (a yes/no the rules left out is hidden too: QA round 26, a blank "language gap" read as "no")
                row.append(fmt.mark)
            elif column in ends and not any(is_missing(record[c]) for c in ends[column]) \
                    and record[ends[column][0]] != record[ends[column][1]]:
                low, high = (record[c] for c in ends[column])
                row.append(fmt.percent_range(low, high) if is_share_column(column, columns, table)
                           else fmt.range(low, high))
            elif column == "theme" and not is_missing(value):
                row.append(names.get(str(value)) or fmt.cell(column, value, columns, table))
            elif column == "themes":
                row.append(fmt.cell(column, _theme_list(value, names), columns, table))
            elif column == "locality" and isinstance(value, str):
                # a workshop's place as the segment tables name it (QA round 40: "Pietarsaari" in a Swedish report)
                row.append(place_name(value, fmt.msgs))
            elif column == "segment" and not is_missing(value) \
                    and str(record.get("segment_type")) in ("sector", "municipality", "subregion", "size"):
                # a place or sector by its name in the report's language, as the segment tables and charts show it
                row.append(segment_name(str(record["segment_type"]), str(value), fmt.msgs))
            else:
                row.append(fmt.cell(column, value, columns, table))
        rows.append(row)
    return Table(caption=caption, headers=headers, rows=rows, numeric=numeric)


def segment_tables(frame: pd.DataFrame, fmt: Formatter, names: Mapping[str, str],
                   theme_order: Sequence[str]) -> list[Table]:
    """``theme_by_segment`` as one wide table per segment type: a row per theme, a column per segment.

    Cells are shares (``:c`` when suppressed); the column heading carries the segment's base.
    """
    msgs = fmt.msgs
    frame = distinct_segments(frame)
    tables: list[Table] = []
    hidden = suppressed_rows(frame)
    marked = frame.assign(**{"\0hidden": hidden.to_numpy()})
    for segment_type in dict.fromkeys(frame["segment_type"].astype(str)):
        part = marked[marked["segment_type"].astype(str) == segment_type]
        every = list(dict.fromkeys(part["segment"].astype(str)))
        if _all_hidden(part):
            continue        # a table of nothing but ":c": left out, and said so (hidden_segment_types)
        # a column of nothing but ":c" under no n says nothing: it is left out, and the caption says how many were
        segments = [s for s in every if not (_all_hidden(part[part["segment"].astype(str) == s])
                                             and part.loc[part["segment"].astype(str) == s, "base"].isna().all())]
        present = list(dict.fromkeys(part["theme"].astype(str)))
        themes = [t for t in theme_order if t in present] + [t for t in present if t not in theme_order]
        cells = {(str(r["theme"]), str(r["segment"])): r for r in part.to_dict("records")}
        headers = [header(msgs, "theme")]
        for segment in segments:
            bases = part.loc[part["segment"].astype(str) == segment, "base"].dropna()
            base = fmt.number(bases.max()) if len(bases) else ""
            label = segment_label(segment_type, segment, frame, msgs)
            headers.append(msgs("report.segment_heading", segment=label, n=base) if base else label)
        rows = []
        for theme in themes:
            row = [names.get(theme, theme)]
            for segment in segments:
                record = cells.get((theme, segment))
                if record is None:
                    row.append("")
                elif record["\0hidden"]:
                    row.append(fmt.mark)
                elif is_missing(record["share"]):
                    row.append("")
                elif is_missing(record.get("ci_low")) or is_missing(record.get("ci_high")):
                    row.append(fmt.percent(record["share"]))
                else:
                    # with its interval: a gap between two small segments is read against it (QA round 27)
                    row.append(msgs("report.segment_cell", share=fmt.percent(record["share"]),
                                    interval=fmt.percent_range(record["ci_low"], record["ci_high"])))
            rows.append(row)
        type_key = f"report.segment_type.{segment_type}"
        caption = msgs(type_key) if type_key in msgs else segment_type
        if len(segments) < len(every):
            caption = msgs("report.segments_left_out", breakdown=caption, n=len(every) - len(segments), mark=fmt.mark)
        tables.append(Table(caption=caption, headers=headers, rows=rows, numeric=[False] + [True] * len(segments)))
    return tables


# tables ranked by a count: a row whose count is hidden has no place in the order (QA round 27: "Sales", 10 of 10
# hidden as a whole-base cell, stood last under "ranked by companies" as if it were the smallest)
RANKED_BY = {"option_ranking": "companies"}


def hidden_listed_last(frame: pd.DataFrame, name: str, fmt: Formatter) -> tuple[pd.DataFrame, str]:
    """``frame`` with the rows whose ranking count is hidden (missing, or a suppressed row) moved after the
    others of their question, and the table's caption: the one saying hidden rows are listed last when there
    are any, else the usual one."""
    caption = table_caption(fmt.msgs, name)
    column = RANKED_BY.get(name)
    if column is None or column not in frame.columns or frame.empty:
        return frame, caption
    hidden = (frame[column].isna() | suppressed_rows(frame)).to_numpy(dtype=bool)
    if not hidden.any():
        return frame, caption
    group = frame["question_id"].astype(str) if "question_id" in frame.columns else pd.Series("", index=frame.index)
    first = {q: i for i, q in enumerate(dict.fromkeys(group))}
    order = np.lexsort((np.arange(len(frame)), hidden, group.map(first).to_numpy()))
    key = f"report.table.{name}_hidden_last"
    return frame.iloc[order], fmt.msgs(key, mark=fmt.mark) if key in fmt.msgs else caption


def _without_hidden_segments(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """``frame`` without the segments (``segment_type``, ``segment``; not the survey level, ``all``) whose every
    row is hidden, base included, and how many were left out: rows of nothing but ``:c`` say nothing (QA round
    19: 30 such rows in a public export-readiness table), as ``segment_tables`` leaves such columns out."""
    if not {"segment_type", "segment", "base"} <= set(frame.columns) or "suppressed" not in frame.columns:
        return frame, 0
    hidden = suppressed_rows(frame) & frame["base"].isna()
    key = frame["segment_type"].astype(str) + "\0" + frame["segment"].astype(str)
    empty = hidden.groupby(key).transform("all") & (frame["segment_type"].astype(str) != "all")
    return frame[~empty.to_numpy()], int(key[empty.to_numpy()].nunique())


def _all_hidden(rows: pd.DataFrame) -> bool:
    """Whether every figure of these segment rows is hidden (suppressed, or no share published)."""
    return bool((rows["\0hidden"].astype(bool) | rows["share"].isna()).all())


def uncertain_interval_note(frame: pd.DataFrame, fmt: Formatter) -> list[str]:
    """The sentence saying how an interval widened by uncertain codes was made, when a row of ``frame`` (the
    theme ranking) has companies counted only through them; none otherwise (QA round 20: the widened interval
    went unexplained)."""
    if "companies_uncertain" not in frame.columns:
        return []
    uncertain = pd.to_numeric(frame["companies_uncertain"], errors="coerce").fillna(0)
    return [fmt.msgs("report.ranking_uncertain")] if (uncertain > 0).any() else []


def pooled_municipalities(frame: pd.DataFrame, fmt: Formatter, min_base: Any) -> list[str]:
    """A sentence naming the municipalities ``theme_by_segment`` shows only pooled, per pool (its ``members``),
    with the rule; none when no segment pools two or more. QA round 20: Karleby was missing from "Per kommun",
    merged with its small neighbour into the sub-region, and only the log said why."""
    if "members" not in frame.columns or min_base is None or frame.empty:
        return []
    by_municipality = frame[frame["segment_type"].astype(str) == "municipality"]
    if by_municipality.empty or _all_hidden(by_municipality.assign(**{"\0hidden": suppressed_rows(by_municipality)
                                                                       .to_numpy()})):
        return []   # no municipality table to explain: hidden_segment_types says it is left out (QA round 21)
    municipal = by_municipality[by_municipality["members"].map(lambda m: isinstance(m, str) and ";" in m)]
    pools = dict.fromkeys((str(s), str(m)) for s, m in zip(municipal["segment"], municipal["members"]))
    if not pools:
        return []
    said = "; ".join(fmt.msgs("report.segment_pool", segment=place_name(s, fmt.msgs),
                              members=", ".join(place_name(n, fmt.msgs) for n in m.split(";"))) for s, m in pools)
    return [fmt.msgs("report.segments_pooled", min_base=int(min_base), pools=said)]


def segments_untested(frame: pd.DataFrame, fmt: Formatter, meta: Mapping[str, Any]) -> list[str]:
    """The sentence saying that segment differences are not tested and that, with many shares side by side,
    some large gaps arise by chance (QA round 27); none when ``theme_by_segment`` shows fewer than two shares."""
    from pipeline.report.headlines import published_segment_cells

    cells = published_segment_cells(distinct_segments(frame))
    if cells < 2:
        return []
    return [fmt.msgs("report.segments_untested", cells=cells, level=level_text(meta, fmt))]


def hidden_segment_types(frame: pd.DataFrame, fmt: Formatter) -> list[str]:
    """A sentence per segment type of ``theme_by_segment`` whose every figure is hidden, so that
    ``segment_tables`` shows no table of it, and one when the municipality breakdown is missing beside the
    sub-regions (the public edition left it out whole): the reader is told it was left out, not left to wonder."""
    kinds = set(frame["segment_type"].astype(str))
    # sub-regions listing their municipalities (``members``) were made of a municipality breakdown
    pooled = "members" in frame.columns and frame.loc[frame["segment_type"].astype(str) == "subregion",
                                                      "members"].notna().any()
    whole = frame
    frame = distinct_segments(frame)
    # municipality columns the sub-region table already shows (a pool of a whole sub-region) were dropped
    repeated = int((whole["segment_type"].astype(str) == "municipality").sum()) > \
        int((frame["segment_type"].astype(str) == "municipality").sum())
    marked = frame.assign(**{"\0hidden": suppressed_rows(frame).to_numpy()})
    notes = []
    for segment_type in dict.fromkeys(frame["segment_type"].astype(str)):
        if _all_hidden(marked[marked["segment_type"].astype(str) == segment_type]):
            type_key = f"report.segment_type.{segment_type}"
            # the rest of a municipality table whose pools are the sub-regions' columns: not "every figure" (QA
            # round 40 F9: pooled municipality figures were published as the sub-regions)
            key = "report.segments_all_hidden_pooled" if segment_type == "municipality" and repeated \
                else "report.segments_all_hidden"
            notes.append(fmt.msgs(key, mark=fmt.mark,
                                  breakdown=fmt.msgs(type_key) if type_key in fmt.msgs else segment_type))
    if pooled and "municipality" not in kinds:
        # sub-regions are made of the municipalities, so a table of sub-regions without one of municipalities is a
        # municipality breakdown the disclosure rules left out whole (QA round 36 F8: the log alone said so)
        notes.append(fmt.msgs("report.segments_withdrawn", breakdown=fmt.msgs("report.segment_type.municipality")))
    return notes


def level_text(meta: Mapping[str, Any], fmt: Formatter) -> str:
    return fmt.percent(float(meta.get("confidence", 0.95)))


def top_row(frame: pd.DataFrame, column: str) -> pd.Series | None:
    usable = frame[~suppressed_rows(frame) & frame[column].notna()]
    if usable.empty:
        return None
    return usable.sort_values(column, ascending=False, kind="stable").iloc[0]


def label_of(row: pd.Series, candidates: Iterable[str], names: Mapping[str, str]) -> str | None:
    for column in candidates:
        if column in row.index and not is_missing(row[column]):
            value = str(row[column])
            if column == "theme":
                return names.get(value, value)
            if column == "theme_name" and "theme" in row.index and str(row["theme"]) in names:
                return names[str(row["theme"])]
            return value
    return None


def shown_rows(frame: pd.DataFrame | None, **where: str) -> pd.DataFrame:
    """Rows of ``frame`` whose columns equal the given values (empty when a column or the table is absent)."""
    if frame is None or any(c not in frame.columns for c in where):
        return pd.DataFrame()
    keep = pd.Series(True, index=frame.index)
    for column, value in where.items():
        keep &= frame[column].astype("string") == value
    return frame[keep & ~suppressed_rows(frame)]


def share_with_interval(msgs: Messages, key: str, row: pd.Series, fmt: Formatter, level: str, share: str,
                         n: str, **fields: Any) -> str | None:
    """The message ``key`` filled with the ``share`` column, its ``ci_low``/``ci_high`` interval and the ``n``
    column of ``row``; None when one of them is missing."""
    values = [row.get(c) for c in (share, "ci_low", "ci_high", n)]
    if any(is_missing(v) for v in values):
        return None
    return msgs(key, share=fmt.percent(values[0]), level=level, interval=fmt.percent_range(values[1], values[2]),
                n=int(values[3]), **fields)


def chart(stem: str, png: bytes, tables: Mapping[str, pd.DataFrame], meta: Mapping[str, Any], fmt: Formatter,
          names: Mapping[str, str]) -> Chart:
    """The chart with its title and one sentence under it: the headline figure it shows, or its caption when
    the tables lack what the headline needs."""
    title_key = f"report.chart.{stem}"
    title = fmt.msgs(title_key) if title_key in fmt.msgs else stem.replace("_", " ")
    finding = _headline(stem, tables, meta, fmt, names)
    if isinstance(finding, DataWarning):
        return Chart(stem, title, str(finding), png, is_warning=True)
    if isinstance(finding, ChartNote):
        return Chart(stem, title, str(finding), png)
    if finding:
        return Chart(stem, title, finding, png, is_headline=True)
    key = f"report.caption.{stem}"
    return Chart(stem, title, fmt.msgs(key) if key in fmt.msgs else "", png)


def _headline(stem: str, tables: Mapping[str, pd.DataFrame], meta: Mapping[str, Any], fmt: Formatter,
              names: Mapping[str, str]) -> str | None:
    """The headline sentence of chart ``stem`` (its function in ``pipeline.outputs.CHARTS``), or None."""
    spec = CHART_SPECS.get(stem)
    function = spec.headline_function() if spec is not None else None
    return function(tables, meta, fmt, names) if function is not None else None


def _recommended_intro(ranking: pd.DataFrame | None) -> str:
    """The intro's message key: the usual one, or the one saying that the tests could not tell the themes apart
    when every ranked theme is in tier 1."""
    if ranking is None or "tier" not in ranking.columns:
        return "report.intro.recommended"
    tiers = ranking["tier"].dropna()
    return "report.intro.recommended_all" if len(tiers) > 1 and tiers.nunique() == 1 else "report.intro.recommended"


def recommended_themes(tables: Mapping[str, pd.DataFrame], meta: Mapping[str, Any], fmt: Formatter,
                       names: Mapping[str, str]) -> list[Bullet]:
    """Tier-1 themes of ``theme_ranking`` (best tier present), each with its share, interval and quotes."""
    ranking = tables.get("theme_ranking")
    if ranking is None or ranking.empty or "tier" not in ranking.columns:
        return []
    best = ranking["tier"].dropna().min()
    if is_missing(best):
        return []
    top = ranking[ranking["tier"] == best]
    if "rank" in top.columns:
        top = top.sort_values("rank", kind="stable")
    quotes = tables.get("quotes")
    text_column = None
    if quotes is not None and "theme" in quotes.columns:
        text_column = next((c for c in ("text", "quote") if c in quotes.columns), None)
    bullets = []
    for _, row in top.iterrows():
        if is_missing(row["share"]) or ("companies" in row and is_missing(row["companies"])):
            continue        # hidden (public edition: a count of 1-2) or no answer: no figure to recommend by
        if float(row["share"]) == 0:
            continue        # nobody asked for it: a tier no test could split does not make it a recommendation
        details: list[str] = []
        if text_column:
            details = [str(t) for t in quotes.loc[quotes["theme"].astype(str) == str(row["theme"]), text_column]
                       if not is_missing(t)]
        bullets.append(Bullet(
            text=fmt.msgs("report.recommended.item", theme=label_of(row, ("theme_name", "theme"), names),
                          share=fmt.percent(row["share"]), level=level_text(meta, fmt),
                          interval=fmt.percent_range(row["ci_low"], row["ci_high"]), companies=int(row["companies"])),
            details=details))
    return bullets


def with_companies(tables: Mapping[str, pd.DataFrame], meta: Mapping[str, Any]) -> dict[str, Any]:
    """``meta`` with ``companies``: the number of companies the needs analysis counts (``theme_ranking``'s base;
    a company with several respondents counts once), when the tables have it."""
    ranking = tables.get("theme_ranking")
    if ranking is None or "respondents" not in ranking.columns:
        return dict(meta)
    bases = pd.to_numeric(ranking["respondents"], errors="coerce").dropna()
    return {**meta, "companies": int(bases.max())} if len(bases) else dict(meta)


def _several_per_company(meta: Mapping[str, Any]) -> bool:
    return meta.get("companies") is not None and meta.get("respondents") is not None and \
        int(meta["companies"]) != int(meta["respondents"])


def method_paragraphs(meta: Mapping[str, Any], fmt: Formatter) -> list[str]:
    """The method note: sample size, Wilson intervals, bootstrap tiers, suppression rule, theme coding.

    A paragraph whose figures the metadata lacks is left out rather than shown with a blank.
    """
    msgs = fmt.msgs
    paragraphs = []
    if _several_per_company(meta):
        paragraphs.append(msgs("report.method.sample_companies", respondents=int(meta["respondents"]),
                               companies=int(meta["companies"])))
    elif meta.get("respondents") is not None:
        paragraphs.append(msgs("report.method.sample", respondents=int(meta["respondents"])))
    paragraphs.append(msgs("report.method.wilson", level=level_text(meta, fmt)))
    if meta.get("bootstrap_samples") is not None and ("respondents" not in meta or meta["respondents"] is not None):
        # (ranks and tiers are the needs survey's: a project without one has none)
        paragraphs.append(msgs("report.method.bootstrap", samples=int(meta["bootstrap_samples"])))
    if meta.get("min_count") is not None and meta.get("min_base") is not None:
        paragraphs.append(msgs("report.method.suppression", max_hidden=int(meta["min_count"]) - 1,
                               min_base=int(meta["min_base"]), mark=fmt.mark,
                               interval=int(meta.get("protection_interval", 3))))
        if str(meta.get("edition", "steering")) != "public":
            # the steering edition shows the survey totals in full: the rule above holds for segment cells only
            paragraphs.append(msgs("report.method.steering_totals", max_hidden=int(meta["min_count"]) - 1))
    if str(meta.get("edition", "steering")) == "public":
        paragraphs.append(msgs("report.method.public_answers"))
    paragraphs.append(msgs("report.method.coding"))
    if meta.get("min_responses") is not None and meta.get("feedback_surveys", 1):
        # (a needs-only project has no feedback figures to explain)
        paragraphs.append(msgs("report.method.feedback", min_responses=int(meta["min_responses"])))
    paragraphs.append(msgs("report.method.privacy"))
    return paragraphs


def meta_lines(meta: Mapping[str, Any], fmt: Formatter) -> list[str]:
    """Survey name, respondents and run date, each as a line when the metadata has it."""
    msgs = fmt.msgs
    lines = []
    if meta.get("survey"):
        lines.append(msgs("report.meta.survey", survey=str(meta["survey"])))
    if _several_per_company(meta):
        lines.append(msgs("report.meta.respondents_companies", respondents=int(meta["respondents"]),
                          companies=int(meta["companies"])))
    elif meta.get("respondents") is not None:
        lines.append(msgs("report.meta.respondents", respondents=int(meta["respondents"])))
    elif meta.get("feedback_responses") is not None:
        lines.append(msgs("report.meta.feedback_responses", responses=int(meta["feedback_responses"])))
    if meta.get("run_date"):
        lines.append(msgs("report.meta.run_date", date=fmt.date(meta["run_date"])))
    return lines


def report_content(tables: Mapping[str, pd.DataFrame], figures: Mapping[str, bytes], meta: Mapping[str, Any],
                   lang: str, tables_too: bool = True) -> ReportContent:
    """Everything the HTML, Markdown and slide renderers lay out, as localised strings and PNG bytes. Without
    ``tables_too`` the tables are not laid out (the findings and warnings, which do not depend on them, are the
    same: the workbook takes only those)."""
    meta = with_companies(tables, meta)
    msgs = Messages(lang, float(meta.get("confidence", 0.95)))
    fmt = Formatter(msgs)
    names = theme_names(tables, msgs)
    ranking = tables.get("theme_ranking")
    order: list[str] = []
    if ranking is not None and "theme" in ranking.columns:
        ranked = ranking.sort_values("rank", kind="stable") if "rank" in ranking.columns else ranking
        order = [str(t) for t in ranked["theme"]]
    recommended = recommended_themes(tables, meta, fmt, names)
    used_charts: set[str] = set()
    sections: list[Section] = []
    block_findings: list[str] = []
    for section in SECTIONS:
        blocks: list[Block] = []
        for spec in (b for b in BLOCKS if b.section == section):
            present = [t for t in block_tables(spec.key) if t in tables]
            if "workshop_register" in present and "workshops" in present:
                present.remove("workshops")  # the validated register supersedes the plain one
            charts = [chart(stem, figures[stem], tables, meta, fmt, names) for stem in block_charts(spec.key)
                      if stem in figures]
            used_charts.update(c.stem for c in charts)
            if spec.key == "recommended":
                if recommended:
                    blocks.append(Block(spec.key, msgs("report.block.recommended"),
                                        msgs(_recommended_intro(ranking),
                                             n=meta.get("companies", meta.get("respondents", ""))), [], [],
                                        recommended))
                continue
            if not present and not charts:
                continue
            if any(says_nothing(name, tables[name]) for name in present):
                used_charts.update(block_charts(spec.key))
                continue
            shown: list[Table] = []
            notes: list[str] = []
            for name in present:
                frame = tables[name]
                if frame.empty or not tables_too:
                    continue
                if name == "theme_by_segment" and {"segment_type", "segment", "theme", "share"} <= set(frame.columns):
                    shown.extend(segment_tables(frame, fmt, names, order))
                    notes += hidden_segment_types(frame, fmt) + pooled_municipalities(frame, fmt, meta.get("min_base"))
                    notes += segments_untested(frame, fmt, meta)
                else:
                    frame, caption = hidden_listed_last(frame, name, fmt)
                    view, dropped = _without_hidden_segments(viewed(frame, name))
                    if dropped:
                        notes.append(msgs("report.segment_rows_left_out", n=dropped, mark=fmt.mark))
                    notes += uncertain_interval_note(frame, fmt)
                    if not view.empty:
                        shown.append(display_table(view, caption, fmt, names, name))
            intro_key = f"report.intro.{spec.key}"
            rule = {"tier": meta.get("feedback_unmet_max_tier"), "min": meta.get("feedback_min_supply_workshops")}
            if spec.key == "coverage" and None not in rule.values():
                # what makes a theme's demand unmet is a setting: the block says which
                intro_key = "report.intro.coverage_rule"
            if spec.key == "impact" and meta.get("impact_survey") is False:
                # the Kirkpatrick table without an impact survey: what the feedback alone measures
                intro_key = "report.intro.impact_without_survey"
            if spec.key == "coding" and str(meta.get("edition", "steering")) == "public":
                # a public run writes no review workbook: the note says where it is
                intro_key = "report.intro.coding_public"
            if spec.key == "emerging":
                # the other topics of the taxonomy in use, or that it names none
                topics = [name[0].lower() + name[1:] if name[1:2].islower() else name
                          for name in (str(n.get(fmt.msgs.lang, "")) for n in (meta.get("other_topics") or {}).values())
                          if name]
                # "; " between names, as a name may hold a comma ("Lait, luvat ja hallinto")
                rule = {**rule, "topics": "; ".join(topics)}
                emerging = tables.get("emerging_themes")
                clustered = emerging is not None and "topic" in emerging.columns and bool(
                    (emerging["topic"].isna() | (emerging["topic"].astype(str) == "")).any())
                if not topics:
                    intro_key = "report.intro.emerging_no_topics"
                elif not clustered:
                    # no answer left in "other" to group: the intro does not promise groups (QA round 40)
                    intro_key = "report.intro.emerging_topics_only"
            if spec.key == "language" and str(meta.get("edition", "steering")) == "public":
                # the public edition publishes the Swedish company row alone and no only-one-language counts
                intro_key = "report.intro.language_public"
            intro = " ".join(([msgs(intro_key, mark=fmt.mark, **rule)] if intro_key in msgs else []) + notes)
            said = spec.headline_function()(tables, meta, fmt, names) if spec.headline and present else None
            if said:
                # a block without a chart gives its finding first in its intro, among the key findings and on a
                # slide of its own
                block_findings.append(str(said))
                said = str(said) if str(said).endswith((".", "!", "?")) else f"{said}."
                intro = f"{said} {intro}".strip()
            # a block may say why it is empty in its own words ("no emerging themes: …"); a block with nothing to
            # show and nothing to say of it (a survey without that question: the data warnings and the Data used
            # section say which roles were missing) is left out rather than printed as "no data"
            empty_key = f"report.empty.{spec.key}"
            if not shown and not charts and empty_key not in msgs and all(tables[n].empty for n in present):
                continue
            empty_text = msgs(empty_key) if empty_key in msgs else msgs("report.empty")
            blocks.append(Block(spec.key, msgs(f"report.block.{spec.key}"), intro, charts, shown, [],
                                empty_text if not shown and not charts else "", str(said or "")))
        if blocks:
            sections.append(Section(section, msgs(f"report.section.{section}"), blocks))
    extra = [chart(stem, figures[stem], tables, meta, fmt, names) for stem in sorted(figures) if stem not in used_charts]
    if extra:
        sections.append(Section("charts", msgs("report.section.charts"),
                                [Block("charts", msgs("report.section.charts"), "", extra, [], [])]))
    findings = [c.finding for s in sections for b in s.blocks for c in b.charts if c.is_headline] + block_findings
    warnings = data_warnings(tables, meta, fmt, names,
                             [c.finding for s in sections for b in s.blocks for c in b.charts if c.is_warning])
    answers = tables.get("open_answers")
    open_table = None
    # without a needs survey there are no needs answers to list ("No open answers" beside 47 coded comments)
    if tables_too and answers is not None and not (answers.empty and meta.get("respondents") is None):
        open_table = display_table(viewed(answers, "open_answers"), msgs("report.section.open_answers"), fmt,
                                   names, "open_answers")
    labels = {key: msgs(f"report.label.{key}") for key in
              ("contents", "findings", "recommended", "method", "open_answers", "no_answers", "chart_alt", "warnings")}
    return ReportContent(lang=lang, title=msgs("report.title"), meta_lines=meta_lines(meta, fmt), findings=findings,
                         sections=sections, recommended=recommended, method_title=msgs("report.section.method"),
                         method=method_paragraphs(meta, fmt), open_answers=open_table, labels=labels,
                         warnings=warnings, recommended_note=recommended_note(ranking, recommended, meta, fmt))


def recommended_note(ranking: pd.DataFrame | None, recommended: Sequence[Bullet], meta: Mapping[str, Any],
                     fmt: Formatter) -> str:
    """The caveat of the recommended-themes slide when the tests drew no tier boundary (every theme in tier 1:
    "recommended" does not make them equally wanted); "" otherwise. QA round 27: the summary's section said it,
    the slide listing 67 % … 28 % as recommended did not."""
    if not recommended or _recommended_intro(ranking) != "report.intro.recommended_all":
        return ""
    return fmt.msgs("report.recommended.no_tiers", n=meta.get("companies", meta.get("respondents", "")))


def data_warnings(tables: Mapping[str, pd.DataFrame], meta: Mapping[str, Any], fmt: Formatter,
                  names: Mapping[str, str], from_charts: Sequence[str] = ()) -> list[str]:
    """The data warnings of the report: the chart headlines the inputs contradict (``from_charts``), then the
    checks of ``pipeline.report.headlines.data_warnings`` (roles not found, shares contradicting answers), each
    once."""
    from pipeline.report.headlines import data_warnings as checks

    return list(dict.fromkeys([*from_charts, *checks(tables, meta, fmt, names)]))


def table_caption(msgs: Messages, name: str) -> str:
    """Localised caption (and sheet name) of a table; an unknown table is shown by its name."""
    key = f"report.table.{name}"
    return msgs(key) if key in msgs else name.replace("_", " ")
