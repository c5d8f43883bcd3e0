"""WP1 charts: one function per chart, the table computed in ``pipeline.analysis.needs`` in, a Figure out.

Every chart states its n and its question in a footer (``style.annotate``); labels come from the message
catalogue (``needs.*`` keys), so the same table draws in Finnish, Swedish or English. Nothing is saved here.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox
from matplotlib.patches import Patch, Rectangle

from pipeline.charts.style import (GREY, LIGHT_GREY, OKABE_ITO, annotate, bar_figure, empty_chart, new_figure, percent,
                                   scale_colours)
from pipeline.i18n import Messages
from pipeline.segments import distinct_segments, segment_label

SEGMENT_TYPES = ("municipality", "subregion", "sector", "size")
HEATMAP_CMAP = "Blues"            # sequential, 0 % light (white-blue), 100 % dark blue
HEATMAP_DARK_TEXT_BELOW = 0.6     # cell text is black on lighter cells, white from this share up
SLIDE_ASPECT = 16 / 9             # the heat map is drawn for a 16:9 slide as well as the page
LABEL_OFFSETS = [(6, 6), (6, -6), (-6, 6), (-6, -6), (0, 10), (0, -12), (10, 0), (-10, 0),
                 (12, 16), (12, -18), (-12, 16), (-12, -18), (0, 24), (0, -26), (24, 0), (-24, 0)]


def _theme_label(theme: str, name, msgs: Messages) -> str:
    """The theme's name; ``other`` always reads as the catalogue's word for it (the taxonomy has no name)."""
    return msgs("needs.theme.other") if theme == "other" else str(name)


def _count(value) -> str:
    """A count as text; a figure the edition hides (missing) reads ``:c``."""
    return ":c" if pd.isna(value) else str(int(value))


def _n_text(msgs: Messages, values) -> str:
    values = [int(v) for v in pd.Series(values).dropna()]
    if not values:
        return msgs("needs.chart.n", n=0)
    low, high = min(values), max(values)
    return msgs("needs.chart.n", n=low) if low == high else msgs("needs.chart.n_range", low=low, high=high)


def theme_ranking_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Horizontal bars of each theme's share of companies with Wilson whiskers, coloured by tier, in rank
    order (top first); "k/n" beside each bar; unranked themes (``other``) grey at the bottom."""
    title = msgs("needs.ranking.title")
    if table.empty:
        return empty_chart(title, msgs("needs.chart.empty"))
    rows = table.reset_index(drop=True)
    fig = new_figure(9, 1.6 + 0.42 * len(rows))
    ax = fig.add_subplot()
    y = np.arange(len(rows))[::-1]
    tiers = rows["tier"]
    tier_values = sorted(int(t) for t in tiers.dropna().unique())
    colour_of = {t: OKABE_ITO[i % len(OKABE_ITO)] for i, t in enumerate(tier_values)}
    colours = [colour_of[int(t)] if pd.notna(t) else GREY for t in tiers]
    share = rows["share"].astype(float).fillna(0).to_numpy()
    low = np.clip(share - rows["ci_low"].astype(float).fillna(0).to_numpy(), 0, None)
    high = np.clip(rows["ci_high"].astype(float).fillna(0).to_numpy() - share, 0, None)
    ax.barh(y, 100 * share, color=colours, height=0.7)
    ax.errorbar(100 * share, y, xerr=[100 * low, 100 * high], fmt="none", ecolor="#333333", capsize=3, lw=1)
    for yi, (_, row) in zip(y, rows.iterrows()):
        ax.text(100 * float(0 if pd.isna(row["ci_high"]) else row["ci_high"]) + 1, yi,
                f"{_count(row['companies'])}/{_count(row['respondents'])}",
                va="center", fontsize=8)
    ax.set_yticks(y, [_theme_label(t, n, msgs) for t, n in zip(rows["theme"], rows["theme_name"])])
    ax.set_xlim(0, 110)
    ax.set_xlabel(msgs("needs.ranking.xlabel"))
    ax.spines[["top", "right"]].set_visible(False)
    handles = [Patch(color=colour_of[t], label=msgs("needs.ranking.tier", tier=t)) for t in tier_values]
    if tiers.isna().any():
        handles.append(Patch(color=GREY, label=msgs("needs.ranking.unranked")))
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=False)
    return annotate(fig, title, msgs("needs.chart.question", question=msgs("needs.ranking.question")),
                    _n_text(msgs, rows["respondents"]))


def segment_heatmap_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Heat map of theme (rows) × segment (columns, grouped by segment type) shares, drawn for a 16:9 slide:
    only segments with at least one publishable cell (merged municipality blocks not repeated), a sequential
    palette from light (0 %) to dark (100 %); a hidden cell reads ``:c`` and the footer counts the hidden
    cells and the segments left out. Every column label carries its base."""
    title = msgs("needs.segment.title")
    if table.empty:
        return empty_chart(title, msgs("needs.chart.empty"))
    frame = distinct_segments(table.reset_index(drop=True))
    hidden_flag = frame["suppressed"].fillna(False).astype(bool) | frame["share"].isna()
    frame = frame.assign(hidden_cell=hidden_flag.to_numpy())
    shown_columns = frame.groupby(["segment_type", "segment"], sort=False)["hidden_cell"].transform("all")
    all_columns = list(dict.fromkeys(zip(frame["segment_type"], frame["segment"])))
    kept = frame[~shown_columns.to_numpy()]
    if kept.empty:
        return empty_chart(title, msgs("needs.segment.nothing_published"))
    themes = list(dict.fromkeys(kept["theme"]))
    names = dict(zip(kept["theme"], kept["theme_name"]))
    order = {t: i for i, t in enumerate(SEGMENT_TYPES)}
    columns = list(dict.fromkeys(zip(kept["segment_type"], kept["segment"])))
    bases = dict(zip(zip(kept["segment_type"], kept["segment"]), kept["base"]))
    columns.sort(key=lambda c: order.get(c[0], len(order)))  # stable: keeps segment order within a type
    col_index = {c: j for j, c in enumerate(columns)}
    row_index = {t: i for i, t in enumerate(themes)}
    values = np.full((len(themes), len(columns)), np.nan)
    hidden = np.zeros_like(values, dtype=bool)
    for cell in kept.itertuples(index=False):
        i, j = row_index[cell.theme], col_index[(cell.segment_type, cell.segment)]
        hidden[i, j] = bool(cell.hidden_cell)
        values[i, j] = np.nan if hidden[i, j] else float(cell.share)
    width = max(8.0, 3.8 + 0.95 * len(columns))
    fig = new_figure(width, max(width / SLIDE_ASPECT, 2.6 + 0.5 * len(themes)))
    ax = fig.add_subplot()
    image = ax.imshow(np.ma.masked_invalid(100 * values), cmap=HEATMAP_CMAP, vmin=0, vmax=100, aspect="auto")
    for i in range(len(themes)):
        for j in range(len(columns)):
            if hidden[i, j]:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="white", edgecolor=LIGHT_GREY, lw=0.5))
                ax.text(j, i, ":c", ha="center", va="center", fontsize=9, color=GREY)
            else:
                ax.text(j, i, percent(values[i, j]), ha="center", va="center", fontsize=10,
                        color="white" if values[i, j] >= HEATMAP_DARK_TEXT_BELOW else "black")
    labels = [msgs("needs.segment.column", segment=segment_label(k, s, frame, msgs), base=_count(bases[(k, s)]))
              for k, s in columns]
    ax.set_xticks(range(len(columns)), labels, rotation=30, ha="right", fontsize=10)
    ax.set_yticks(range(len(themes)), [_theme_label(t, names[t], msgs) for t in themes], fontsize=10)
    ax.tick_params(length=0)
    kinds = [k for k, _ in columns]
    for j in range(1, len(columns)):
        if kinds[j] != kinds[j - 1]:
            ax.axvline(j - 0.5, color="white", lw=4)
    for kind in dict.fromkeys(kinds):
        js = [j for j, k in enumerate(kinds) if k == kind]
        label = msgs(f"needs.segment_type.{kind}") if f"needs.segment_type.{kind}" in msgs else kind
        ax.text((js[0] + js[-1]) / 2, -0.7, label, ha="center", va="bottom", fontsize=10, fontweight="bold")
    fig.colorbar(image, ax=ax, label=msgs("needs.chart.percent_axis"), shrink=0.8)
    note = " · ".join([msgs("needs.segment.hidden_note", hidden=int(hidden_flag.sum()), cells=len(frame),
                             dropped=len(all_columns) - len(columns)), msgs("needs.chart.suppressed_note")])
    return annotate(fig, title, msgs("needs.chart.question", question=msgs("needs.ranking.question")),
                    _n_text(msgs, kept["base"]), note)


def likert_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Diverging stacked bars per statement (from ``likert_distribution``): answers below the neutral point
    to the left, above it to the right, the neutral answer split across zero; don't know in its own panel."""
    title = msgs("needs.likert.title")
    if table.empty:
        return empty_chart(title, msgs("needs.chart.empty"))
    frame = table.reset_index(drop=True)
    statements = list(dict.fromkeys(zip(frame["question_id"], frame["item"])))
    scale = frame[~frame["is_dont_know"]]
    labels = list(dict.fromkeys(scale.sort_values("score", kind="stable")["label"]))
    k = len(labels)
    colours = scale_colours(k)
    centre = (k + 1) / 2  # the neutral score; between two labels when k is even
    fig = new_figure(10, 2.2 + 0.5 * len(statements))
    grid = fig.add_gridspec(1, 2, width_ratios=[5, 1])
    ax, ax_dk = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
    y = np.arange(len(statements))[::-1]
    row_labels, dk_shares, dk_hidden, any_hidden = [], [], [], False
    for yi, (qid, item) in zip(y, statements):
        rows = scale[(scale["question_id"] == qid) & (scale["item"] == item)].sort_values("score")
        any_hidden |= _likert_bar(ax, yi, rows, centre, colours)
        n = _count(rows["base"].iloc[0]) if len(rows) else 0
        row_labels.append(msgs("needs.likert.row", item=item, n=n))
        dk = frame[(frame["question_id"] == qid) & (frame["item"] == item) & frame["is_dont_know"]]
        dk_hidden.append(bool(len(dk)) and pd.isna(dk["share"].iloc[0]))
        dk_shares.append(100 * float(dk["share"].iloc[0]) if len(dk) and pd.notna(dk["share"].iloc[0]) else 0.0)
    ax.axvline(0, color="#333333", lw=1)
    ax.set_yticks(y, row_labels, fontsize=9)
    ax.set_xlim(-100, 100)
    ax.set_xticks([-100, -50, 0, 50, 100], ["100", "50", "0", "50", "100"])
    ax.set_xlabel(msgs("needs.likert.xlabel"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(handles=[Patch(color=c, label=lab) for c, lab in zip(colours, labels)], loc="lower center",
              bbox_to_anchor=(0.5, 1.0), ncol=min(k, 6), fontsize=8, frameon=False)
    ax_dk.barh(y, dk_shares, color=GREY, height=0.7)
    for yi, share, hidden in zip(y, dk_shares, dk_hidden):
        # a hidden don't-know count is not none: it reads ":c" like every hidden figure
        ax_dk.text(share + 1, yi, ":c" if hidden else bar_figure(share), va="center", fontsize=7)
    any_hidden |= any(dk_hidden)
    ax_dk.set_yticks(y, [""] * len(y))
    ax_dk.set_xlim(0, 100)
    ax_dk.set_title(msgs("needs.likert.dont_know"), fontsize=9)
    ax_dk.spines[["top", "right"]].set_visible(False)
    question = frame["question"].iloc[0] if "question" in frame else ""
    return annotate(fig, title, msgs("needs.chart.question", question=question),
                    _n_text(msgs, scale["base"]), msgs("needs.chart.suppressed_note") if any_hidden else "")


def _likert_bar(ax, yi: float, rows: pd.DataFrame, centre: float, colours: Sequence[str]) -> bool:
    """Draw one statement's diverging bar (``rows``: its scale labels in score order); return whether the
    edition hides any of its answers. The hidden answers together (the base minus the shown counts, published
    anyway) are a grey ":c" block on the side where the hidden labels lie -- at the far left when all are below
    the neutral point, at the far right when all are above, across the middle otherwise -- so that a bar with
    hidden cells reads neither as all positive nor as empty."""
    shares = 100 * rows["share"].astype(float).fillna(0).to_numpy()
    scores = rows["score"].to_numpy(dtype=float)
    hidden_scores = scores[rows["share"].isna().to_numpy()]
    hidden = 100 - shares.sum() if len(hidden_scores) else 0.0
    if hidden <= 0.5:
        hidden, side = 0.0, None
    elif (hidden_scores < centre).all():
        side = "low"
    elif (hidden_scores > centre).all():
        side = "high"
    else:
        side = "middle"
    left = -(shares[scores < centre].sum() + shares[scores == centre].sum() / 2
             + {"low": hidden, "middle": hidden / 2}.get(side, 0.0))
    pieces = [(share, colours[int(score) - 1]) for share, score in zip(shares, scores)]
    if side is not None:
        at = {"low": 0, "high": len(pieces)}.get(side, int((scores < centre).sum()))
        pieces.insert(at, (hidden, None))
    for share, colour in pieces:
        if colour is None:
            ax.barh(yi, share, left=left, color=LIGHT_GREY, height=0.7, edgecolor="white", lw=0.5, hatch="//")
            ax.text(left + share / 2, yi, ":c", ha="center", va="center", fontsize=7)
        else:
            ax.barh(yi, share, left=left, color=colour, height=0.7, edgecolor="white", lw=0.5)
            if share >= 8:
                ax.text(left + share / 2, yi, bar_figure(share), ha="center", va="center", fontsize=7)
        left += share
    return side is not None


def _publishable(rows: pd.DataFrame) -> bool:
    """True when a segment's yes or maybe share is published (not suppressed, not missing)."""
    drawn = rows[rows["answer"].isin(["yes", "maybe"])]
    return bool((~drawn["suppressed"].fillna(False).astype(bool) & drawn["share"].notna()).any())


def export_readiness_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Stacked bars of yes and maybe shares (with %) per segment, all companies first; a suppressed share
    shows ``:c``; segments with nothing publishable are left out and counted in the footer."""
    title = msgs("needs.export.title")
    if table.empty:
        return empty_chart(title, msgs("needs.chart.empty"))
    frame = table.reset_index(drop=True)
    every = list(dict.fromkeys(zip(frame["segment_type"], frame["segment"])))
    segments = [(k, s) for k, s in every if k == "all" or
                _publishable(frame[(frame["segment_type"] == k) & (frame["segment"] == s)])]
    fig = new_figure(9, 2.2 + 0.45 * len(segments))
    ax = fig.add_subplot()
    y = np.arange(len(segments))[::-1]
    colours = {"yes": OKABE_ITO[0], "maybe": OKABE_ITO[4]}
    labels = []
    for yi, (kind, segment) in zip(y, segments):
        rows = frame[(frame["segment_type"] == kind) & (frame["segment"] == segment)].set_index("answer")
        name = msgs("needs.export.all") if kind == "all" else segment_label(kind, segment, frame, msgs)
        labels.append(msgs("needs.export.row", segment=name, base=_count(rows["base"].iloc[0])))
        left = 0.0
        for answer in ("yes", "maybe"):
            if answer not in rows.index:
                continue
            if bool(rows.loc[answer, "suppressed"]):
                ax.text(left + 1, yi, ":c", va="center", fontsize=9)
                left += 6
                continue
            share = 100 * float(rows.loc[answer, "share"])
            ax.barh(yi, share, left=left, color=colours[answer], height=0.7)
            if share >= 6:
                ax.text(left + share / 2, yi, percent(share / 100), ha="center", va="center", fontsize=8,
                        color="white" if answer == "yes" else "black")
            left += share
    ax.set_yticks(y, labels, fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_xlabel(msgs("needs.export.xlabel"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(handles=[Patch(color=colours[a], label=msgs(f"needs.export.{a}")) for a in ("yes", "maybe")],
              loc="lower right", fontsize=8, frameon=False)
    question = frame["question"].iloc[0] if "question" in frame else ""
    shown = frame[[(k, s) in set(segments) for k, s in zip(frame["segment_type"], frame["segment"])]]
    notes = [msgs("needs.export.hidden_note", dropped=len(every) - len(segments))] if len(every) > len(segments) \
        else []
    if shown["suppressed"].fillna(False).astype(bool).any() or notes:
        notes.append(msgs("needs.chart.suppressed_note"))
    note = " · ".join(notes)
    return annotate(fig, title, msgs("needs.chart.question", question=question),
                    _n_text(msgs, frame.loc[frame["segment_type"] == "all", "base"]), note)


def need_vs_competence_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Scatter of each theme's demand share (y) against the top-box competence share (x) of its statement,
    both with Wilson whiskers; the top-left corner is where the workshops are needed most."""
    title = msgs("needs.nvc.title")
    if table.empty:
        return empty_chart(title, msgs("needs.chart.empty"))
    frame = table.reset_index(drop=True)
    fig = new_figure(8, 6.5)
    ax = fig.add_subplot()
    x = 100 * frame["competence_share"].astype(float).to_numpy()
    y = 100 * frame["demand_share"].astype(float).to_numpy()
    xerr = [x - 100 * frame["competence_ci_low"].astype(float), 100 * frame["competence_ci_high"].astype(float) - x]
    yerr = [y - 100 * frame["demand_ci_low"].astype(float), 100 * frame["demand_ci_high"].astype(float) - y]
    ax.errorbar(x, y, xerr=np.clip(xerr, 0, None), yerr=np.clip(yerr, 0, None), fmt="o", color=OKABE_ITO[0],
                ecolor=GREY, capsize=3, lw=1)
    ax.plot([0, 100], [0, 100], color=LIGHT_GREY, lw=1, zorder=0)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xlabel(msgs("needs.nvc.xlabel"))
    ax.set_ylabel(msgs("needs.nvc.ylabel"))
    ax.spines[["top", "right"]].set_visible(False)
    n_text = " · ".join([_n_text(msgs, frame["respondents"]), _n_text(msgs, frame["competence_n"])])
    annotate(fig, title, msgs("needs.chart.question", question=msgs("needs.nvc.question")), n_text,
             msgs("needs.nvc.gap_note"))
    place_labels(fig, ax, x, y, [str(name) for name in frame["theme_name"]])
    return fig


def _overlap(a, b) -> float:
    """Area shared by two display-space boxes."""
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width * height if width > 0 and height > 0 else 0.0


def place_labels(fig: Figure, ax, x, y, labels: list[str], fontsize: float = 8) -> list:
    """Write ``labels`` beside the points (x, y) where they overlap neither each other nor a point nor the
    axes' edge: each label takes the first of ``LABEL_OFFSETS`` that is free (the least crowded one when none
    is), points placed top first. Deterministic: the same points give the same places. Returns the labels'
    Annotation artists."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # runs the layout, so display positions are the final ones
    renderer = canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    points = [ax.transData.transform((xi, yi)) for xi, yi in zip(x, y)]
    radius = 5
    obstacles = [Bbox.from_extents(px - radius, py - radius, px + radius, py + radius) for px, py in points]
    placed = []
    for index in sorted(range(len(labels)), key=lambda k: (-float(y[k]), float(x[k]))):
        best, best_cost = None, None
        for dx, dy in LABEL_OFFSETS:
            text = ax.annotate(labels[index], (x[index], y[index]), xytext=(dx, dy), textcoords="offset points",
                               fontsize=fontsize, ha="left" if dx > 0 else "right" if dx < 0 else "center",
                               va="bottom" if dy > 0 else "top" if dy < 0 else "center")
            text.set_in_layout(False)
            box = text.get_window_extent(renderer)
            outside = max(0.0, frame.x0 - box.x0) + max(0.0, box.x1 - frame.x1) + \
                max(0.0, frame.y0 - box.y0) + max(0.0, box.y1 - frame.y1)
            cost = sum(_overlap(box, other) for other in obstacles) + 100 * outside
            if best_cost is None or cost < best_cost:
                if best is not None:
                    best.remove()
                best, best_cost = text, cost
            else:
                text.remove()
            if cost == 0:
                break
        obstacles.append(best.get_window_extent(renderer))
        placed.append(best)
    return placed
