"""WP1 charts: one function per chart, the table computed in ``pipeline.analysis.needs`` in, a Figure out.

Every chart states its n and its question in a footer (``style.annotate``); labels come from the message
catalogue (``needs.*`` keys), so the same table draws in Finnish, Swedish or English. Nothing is saved here.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from pipeline.charts.style import (GREY, LIGHT_GREY, OKABE_ITO, SEQUENTIAL, annotate, empty_chart, new_figure,
                                   percent, scale_colours)
from pipeline.i18n import Messages

SEGMENT_TYPES = ("municipality", "subregion", "sector", "size")


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
    """Heat map of theme (rows) × segment (columns, grouped by segment type) shares; suppressed cells are
    hatched and marked ``:c``; every column label carries its base."""
    title = msgs("needs.segment.title")
    if table.empty:
        return empty_chart(title, msgs("needs.chart.empty"))
    frame = table.reset_index(drop=True)
    themes = list(dict.fromkeys(frame["theme"]))
    names = dict(zip(frame["theme"], frame["theme_name"]))
    order = {t: i for i, t in enumerate(SEGMENT_TYPES)}
    columns = list(dict.fromkeys(zip(frame["segment_type"], frame["segment"])))
    columns.sort(key=lambda c: order.get(c[0], len(order)))  # stable: keeps segment order within a type
    bases = dict(zip(zip(frame["segment_type"], frame["segment"]), frame["base"]))
    col_index = {c: j for j, c in enumerate(columns)}
    row_index = {t: i for i, t in enumerate(themes)}
    values = np.full((len(themes), len(columns)), np.nan)
    hidden = np.zeros_like(values, dtype=bool)
    for _, cell in frame.iterrows():
        i, j = row_index[cell["theme"]], col_index[(cell["segment_type"], cell["segment"])]
        hidden[i, j] = bool(cell["suppressed"])
        values[i, j] = np.nan if hidden[i, j] or pd.isna(cell["share"]) else float(cell["share"])
    fig = new_figure(max(7.0, 2.5 + 0.75 * len(columns)), 2.8 + 0.42 * len(themes))
    ax = fig.add_subplot()
    image = ax.imshow(np.ma.masked_invalid(100 * values), cmap=SEQUENTIAL, vmin=0, vmax=100, aspect="auto")
    for i in range(len(themes)):
        for j in range(len(columns)):
            if hidden[i, j]:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=LIGHT_GREY, hatch="///",
                                       edgecolor="white", lw=0))
                ax.text(j, i, ":c", ha="center", va="center", fontsize=8, color="#333333")
            elif not np.isnan(values[i, j]):
                ax.text(j, i, percent(values[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if values[i, j] < 0.5 else "black")
    labels = [msgs("needs.segment.column", segment=s, base=_count(bases[(k, s)])) for k, s in columns]
    ax.set_xticks(range(len(columns)), labels, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(themes)), [_theme_label(t, names[t], msgs) for t in themes], fontsize=9)
    kinds = [k for k, _ in columns]
    for j in range(1, len(columns)):
        if kinds[j] != kinds[j - 1]:
            ax.axvline(j - 0.5, color="white", lw=3)
    for kind in dict.fromkeys(kinds):
        js = [j for j, k in enumerate(kinds) if k == kind]
        label = msgs(f"needs.segment_type.{kind}") if f"needs.segment_type.{kind}" in msgs else kind
        ax.text((js[0] + js[-1]) / 2, -0.7, label, ha="center", va="bottom", fontsize=9, fontweight="bold")
    fig.colorbar(image, ax=ax, label=msgs("needs.chart.percent_axis"), shrink=0.8)
    return annotate(fig, title, msgs("needs.chart.question", question=msgs("needs.ranking.question")),
                    _n_text(msgs, frame["base"]), msgs("needs.chart.suppressed_note"))


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
    row_labels, dk_shares = [], []
    for yi, (qid, item) in zip(y, statements):
        rows = scale[(scale["question_id"] == qid) & (scale["item"] == item)].sort_values("score")
        shares = 100 * rows["share"].astype(float).fillna(0).to_numpy()
        scores = rows["score"].to_numpy()
        left = -(shares[scores < centre].sum() + shares[scores == centre].sum() / 2)
        for share, score in zip(shares, scores):
            ax.barh(yi, share, left=left, color=colours[int(score) - 1], height=0.7, edgecolor="white", lw=0.5)
            if share >= 8:
                ax.text(left + share / 2, yi, f"{share:.0f}", ha="center", va="center", fontsize=7)
            left += share
        n = _count(rows["base"].iloc[0]) if len(rows) else 0
        row_labels.append(msgs("needs.likert.row", item=item, n=n))
        dk = frame[(frame["question_id"] == qid) & (frame["item"] == item) & frame["is_dont_know"]]
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
    for yi, share in zip(y, dk_shares):
        ax_dk.text(share + 1, yi, f"{share:.0f}", va="center", fontsize=7)
    ax_dk.set_yticks(y, [""] * len(y))
    ax_dk.set_xlim(0, 100)
    ax_dk.set_title(msgs("needs.likert.dont_know"), fontsize=9)
    ax_dk.spines[["top", "right"]].set_visible(False)
    question = frame["question"].iloc[0] if "question" in frame else ""
    return annotate(fig, title, msgs("needs.chart.question", question=question),
                    _n_text(msgs, scale["base"]))


def export_readiness_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Stacked bars of yes and maybe shares per segment (all companies first); suppressed segments show
    ``:c`` instead of bars."""
    title = msgs("needs.export.title")
    if table.empty:
        return empty_chart(title, msgs("needs.chart.empty"))
    frame = table.reset_index(drop=True)
    segments = list(dict.fromkeys(zip(frame["segment_type"], frame["segment"])))
    fig = new_figure(9, 2.2 + 0.45 * len(segments))
    ax = fig.add_subplot()
    y = np.arange(len(segments))[::-1]
    colours = {"yes": OKABE_ITO[0], "maybe": OKABE_ITO[4]}
    labels = []
    for yi, (kind, segment) in zip(y, segments):
        rows = frame[(frame["segment_type"] == kind) & (frame["segment"] == segment)].set_index("answer")
        name = msgs("needs.export.all") if kind == "all" else segment
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
                ax.text(left + share / 2, yi, f"{share:.0f}", ha="center", va="center", fontsize=7,
                        color="white" if answer == "yes" else "black")
            left += share
    ax.set_yticks(y, labels, fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_xlabel(msgs("needs.export.xlabel"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(handles=[Patch(color=colours[a], label=msgs(f"needs.export.{a}")) for a in ("yes", "maybe")],
              loc="lower right", fontsize=8, frameon=False)
    question = frame["question"].iloc[0] if "question" in frame else ""
    note = msgs("needs.chart.suppressed_note") if frame["suppressed"].any() else ""
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
    for xi, yi, name in zip(x, y, frame["theme_name"]):
        ax.annotate(name, (xi, yi), xytext=(5, 5), textcoords="offset points", fontsize=8)
    ax.plot([0, 100], [0, 100], color=LIGHT_GREY, lw=1, zorder=0)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xlabel(msgs("needs.nvc.xlabel"))
    ax.set_ylabel(msgs("needs.nvc.ylabel"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(handles=[Line2D([], [], color="none", label=msgs("needs.nvc.gap_note"))], loc="upper left",
              fontsize=8, frameon=False, handlelength=0)
    n_text = " · ".join([_n_text(msgs, frame["respondents"]), _n_text(msgs, frame["competence_n"])])
    return annotate(fig, title, msgs("needs.chart.question", question=msgs("needs.nvc.question")), n_text)
