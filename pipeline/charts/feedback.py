"""WP3 charts: one function per chart, a table from ``pipeline.analysis.feedback`` in, a Figure out.

Every chart states its n and its question (or data source) in a footer (``style.annotate``); labels come from
the message catalogue (``feedback.*`` keys), so the same table draws in Finnish, Swedish or English.
Workshops with fewer responses than ``min_responses`` (``is_small_n``) are drawn hatched and pale, and the
footer says why. Nothing is saved here.
"""
from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from pipeline.charts.style import (GREY, LIGHT_GREY, OKABE_ITO, annotate, bar_figure, empty_chart, new_figure, percent,
                                   percent_range, scale_colours)
from pipeline.i18n import Messages

LABEL_WIDTH = 42          # characters of a workshop title shown beside a bar
SMALL_N_ALPHA = 0.45
SMALL_N_HATCH = "///"
IMPACT_ANSWERS = ("yes", "partly", "no")
IMPACT_MEASURES = ("impact", "contacts")


def _n(msgs: Messages, n) -> str:
    return msgs("chart.n", n=int(n))


def _question(msgs: Messages, key: str, **fields) -> str:
    return msgs("feedback.chart.question", question=msgs(key, **fields))


def _workshop_label(title, date, msgs: Messages, n: int | None = None) -> str:
    name = textwrap.shorten(str(title), LABEL_WIDTH, placeholder="…")
    # the date as the report's language writes it (8.2.2022, 2022-02-08), as the tables beside the chart
    when = "" if pd.isna(date) else msgs("report.fmt.date", day=pd.Timestamp(date).day,
                                        month=pd.Timestamp(date).month, year=pd.Timestamp(date).year)
    label = f"{name} ({when})" if when else name
    return f"{label}, n = {n}" if n is not None else label


def _small_n_note(msgs: Messages, flags) -> str:
    """The footer note explaining hatched bars, when any bar is hatched."""
    return msgs("feedback.chart.small_n") if bool(pd.Series(flags, dtype=bool).any()) else ""


def participation_timeline_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Two panels sharing the month axis: the cumulative participations (register attendances) as a line on
    top, the participations of each month as bars below ("?" where the month's workshops have no figure); the
    footer says how many workshops had no participant figure."""
    title = msgs("feedback.chart.timeline.title")
    if table.empty:
        return empty_chart(title, msgs("feedback.chart.empty"))
    frame = table.reset_index(drop=True)
    fig = new_figure(9, 5.6)
    grid = fig.add_gridspec(2, 1)
    ax = fig.add_subplot(grid[1])
    ax_c = fig.add_subplot(grid[0], sharex=ax)
    ax_c.tick_params(labelbottom=False)
    x = np.arange(len(frame))
    cumulative = frame["cumulative_participations"].astype(float)
    ax_c.plot(x, cumulative, color=OKABE_ITO[1], marker="o", lw=2)
    ax_c.set_ylim(0, max(1.0, float(cumulative.max())) * 1.15)
    ax_c.set_title(msgs("feedback.chart.timeline.cumulative"), fontsize=10, loc="left")
    ax_c.text(x[-1], float(cumulative.iloc[-1]), f" {int(cumulative.iloc[-1])}", va="bottom", fontsize=8)
    monthly = frame["participations"].astype(float)
    ax.bar(x, monthly, color=OKABE_ITO[0], width=0.7)
    for xi, value, count, unknown in zip(x, monthly, frame["workshops"], frame["workshops_participants_unknown"]):
        if int(count):
            label = "?" if int(unknown) == int(count) else str(int(value))
            ax.text(xi, value, label, ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, max(1.0, float(monthly.max())) * 1.2)
    ax.set_title(msgs("feedback.chart.timeline.bars"), fontsize=10, loc="left")
    ax.set_xticks(x, [f"{m:%m/%Y}" for m in frame["month"]], rotation=45, ha="right", fontsize=8)
    for a in (ax, ax_c):
        a.set_ylabel(msgs("feedback.chart.timeline.ylabel"), fontsize=8)
        a.spines[["top", "right"]].set_visible(False)
    unknown = int(frame["workshops_participants_unknown"].sum())
    note = msgs("feedback.chart.timeline.unknown", k=unknown) if unknown else ""
    n_text = msgs("feedback.chart.timeline.n", n=int(cumulative.iloc[-1]), workshops=int(frame["workshops"].sum()))
    return annotate(fig, title, msgs("feedback.chart.timeline.source"), n_text, note)


def response_rate_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Horizontal bars of responses / participants per workshop in date order, "responses/participants"
    beside each bar; workshops without a participant figure or without a feedback survey say so instead."""
    title = msgs("feedback.chart.response_rate.title")
    if table.empty:
        return empty_chart(title, msgs("feedback.chart.empty"))
    frame = table.reset_index(drop=True)
    fig = new_figure(9, 1.8 + 0.38 * len(frame))
    ax = fig.add_subplot()
    y = np.arange(len(frame))[::-1]
    rates = frame["response_rate"].astype(float)
    small = frame["is_small_n"].astype(bool)
    top = max(1.0, float(rates.max()) if rates.notna().any() else 1.0)
    for yi, rate, flag, (_, row) in zip(y, rates, small, frame.iterrows()):
        if np.isnan(rate):
            participants = pd.to_numeric(pd.Series([row.get("participants")]), errors="coerce").iloc[0]
            key = "not_surveyed" if not bool(row["is_surveyed"]) else "unknown" if pd.isna(participants) \
                or participants <= 0 else "over"   # more responses than the register's participants
            ax.text(1, yi, msgs(f"feedback.chart.response_rate.{key}"), va="center", fontsize=8, color=GREY)
            continue
        ax.barh(yi, 100 * rate, color=OKABE_ITO[0], height=0.7, alpha=SMALL_N_ALPHA if flag else 1.0,
                hatch=SMALL_N_HATCH if flag else None, edgecolor="white")
        ax.text(100 * rate + 1, yi, f"{int(row['responses'])}/{int(row['participants'])}", va="center", fontsize=8)
    ax.set_yticks(y, [_workshop_label(t, d, msgs) for t, d in zip(frame["title"], frame["date"])], fontsize=8)
    ax.set_ylim(-0.6, len(frame) - 0.4)
    ax.set_xlim(0, 100 * top + 15)
    ax.set_xlabel(msgs("feedback.chart.response_rate.xlabel") + " (%)")
    ax.spines[["top", "right"]].set_visible(False)
    note = _small_n_note(msgs, small & rates.notna())  # names the hatching only where a hatched bar is drawn
    return annotate(fig, title, _question(msgs, "feedback.chart.response_rate.question"),
                    _n(msgs, frame["responses"].sum()), note)


def satisfaction_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Diverging stacked bars per workshop (from ``feedback_distribution``): answers 1-2 to the left of zero,
    4-5 to the right, the neutral 3 split across zero; rows carry their n; small-n rows are hatched."""
    title = msgs("feedback.chart.satisfaction.title")
    if table.empty:
        return empty_chart(title, msgs("feedback.chart.empty"))
    frame = table.reset_index(drop=True)
    workshops = list(dict.fromkeys(frame["workshop_id"]))
    levels = sorted(int(v) for v in frame["level"].unique())
    colours = dict(zip(levels, scale_colours(len(levels))))
    centre = (levels[0] + levels[-1]) / 2
    fig = new_figure(10, 2.4 + 0.45 * len(workshops))
    ax = fig.add_subplot()
    y = np.arange(len(workshops))[::-1]
    labels, bases, flags = [], [], []
    for yi, workshop in zip(y, workshops):
        rows = frame[frame["workshop_id"] == workshop].sort_values("level", kind="stable")
        shares = 100 * rows["share"].astype(float).fillna(0).to_numpy()
        scores = rows["level"].astype(int).to_numpy()
        flag = bool(rows["is_small_n"].iloc[0])
        left = -(shares[scores < centre].sum() + shares[scores == centre].sum() / 2)
        for share, score in zip(shares, scores):
            ax.barh(yi, share, left=left, color=colours[score], height=0.7, edgecolor="white", lw=0.5,
                    alpha=SMALL_N_ALPHA if flag else 1.0, hatch=SMALL_N_HATCH if flag else None)
            if share >= 9:
                ax.text(left + share / 2, yi, percent(share / 100), ha="center", va="center", fontsize=7)
            elif share > 0:  # too narrow to hold its figure: written just above the segment, with its sign
                ax.text(left + share / 2, yi + 0.36, percent(share / 100), ha="center", va="bottom", fontsize=6)
            left += share
        base = int(rows["base"].iloc[0])
        labels.append(_workshop_label(rows["title"].iloc[0], rows["date"].iloc[0], msgs, base))
        bases.append(base)
        flags.append(flag)
    ax.axvline(0, color="#333333", lw=1)
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlim(-100, 100)
    ax.set_xticks([-100, -50, 0, 50, 100], ["100", "50", "0", "50", "100"])
    ax.set_xlabel(msgs("feedback.chart.satisfaction.xlabel"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(handles=[Patch(color=colours[lv], label=msgs(f"feedback.chart.satisfaction.level_{lv}"))
                       for lv in levels], loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(levels),
              fontsize=8, frameon=False)
    note = _small_n_note(msgs, flags)
    return annotate(fig, title, _question(msgs, "feedback.chart.satisfaction.question"), _n(msgs, sum(bases)),
                    note)


def feedback_themes_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Two panels of horizontal bars, overall over every workshop: the share of "what was good" comments and
    of "what should improve" comments that touch each feedback theme, with Wilson whiskers; each panel sorted
    by its own shares (largest on top, ``other`` last) and showing only the themes its comments touch. A survey
    with one general comment question (prompt ``all`` only) gets one panel of it (QA round 32: "no data" beside
    a table of 18 coded comments)."""
    title = msgs("feedback.chart.themes.title")
    overall = table[table["scope"] == "overall"] if not table.empty else table
    prompts = [p for p in ("good", "improve") if (overall["prompt"] == p).any()] if not overall.empty else []
    if not prompts and not overall.empty and (overall["prompt"] == "all").any():
        prompts = ["all"]
    elif prompts:
        prompts = ["good", "improve"]   # both panels side by side, an empty one saying so by its n
    overall = overall[overall["prompt"].isin(prompts)] if not overall.empty else overall
    if overall.empty:
        return empty_chart(title, msgs("feedback.chart.empty"))
    frame = overall.reset_index(drop=True)
    names = dict(zip(frame["theme"], frame["theme_name"]))
    longest = max(int((frame["prompt"] == p).sum()) for p in prompts)
    fig = new_figure(11 if len(prompts) > 1 else 7, 2.4 + 0.42 * max(1, longest))
    axes = np.atleast_1d(fig.subplots(1, len(prompts)))
    bases = []
    colours = {"good": OKABE_ITO[2], "improve": OKABE_ITO[5], "all": OKABE_ITO[0]}
    for ax, prompt in zip(axes, prompts):
        colour = colours[prompt]
        rows = frame[frame["prompt"] == prompt]
        rows = rows.assign(_other=rows["theme"] == "other", _share=rows["share"].astype(float).fillna(0))
        rows = rows.sort_values(["_other", "_share", "theme"], ascending=[True, False, True], kind="stable")
        base = int(rows["base"].iloc[0]) if len(rows) else 0
        bases.append(base)
        y = np.arange(len(rows))[::-1]
        share = rows["_share"].to_numpy()
        low = np.clip(share - rows["ci_low"].astype(float).fillna(0).to_numpy(), 0, None)
        high = np.clip(rows["ci_high"].astype(float).fillna(0).to_numpy() - share, 0, None)
        ax.barh(y, 100 * share, color=colour, height=0.7)
        ax.errorbar(100 * share, y, xerr=[100 * low, 100 * high], fmt="none", ecolor="#333333", capsize=3, lw=1)
        for yi, (_, row) in zip(y, rows.iterrows()):
            ax.text(100 * float(row["ci_high"]) + 1, yi, f"{int(row['comments'])}/{base}", va="center", fontsize=8)
        ax.set_yticks(y, [names.get(t, t) for t in rows["theme"]], fontsize=9)
        ax.set_ylim(-0.6, max(1, longest) - 0.4)
        ax.set_title(msgs(f"feedback.chart.themes.{prompt}", n=base), fontsize=10)
        ax.set_xlim(0, 115)
        ax.set_xlabel(msgs("feedback.chart.themes.xlabel"), fontsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    note = msgs("feedback.chart.ci")
    question = "feedback.chart.themes.question_all" if prompts == ["all"] else "feedback.chart.themes.question"
    return annotate(fig, title, _question(msgs, question), _n(msgs, sum(bases)), note)


def demand_supply_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Per needs theme in demand order: the WP1 demand share with Wilson whiskers (left panel) beside the
    number of workshops offered (right panel, participations written beside the bar); unmet needs marked."""
    title = msgs("feedback.chart.demand_supply.title")
    if table.empty:
        return empty_chart(title, msgs("feedback.chart.empty"))
    frame = table.reset_index(drop=True)
    fig = new_figure(10, 2.4 + 0.42 * len(frame))
    grid = fig.add_gridspec(1, 2, width_ratios=[3, 2])
    ax, ax_s = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
    y = np.arange(len(frame))[::-1]
    unmet = frame["is_unmet"].fillna(False).astype(bool).to_numpy()
    share = frame["demand_share"].astype(float).to_numpy()
    has = ~np.isnan(share)
    colours = [OKABE_ITO[5] if u else OKABE_ITO[0] for u in unmet]
    ax.barh(y[has], 100 * share[has], color=[c for c, h in zip(colours, has) if h], height=0.7)
    low = np.clip(share - frame["demand_ci_low"].astype(float).to_numpy(), 0, None)
    high = np.clip(frame["demand_ci_high"].astype(float).to_numpy() - share, 0, None)
    ax.errorbar(100 * share[has], y[has], xerr=[100 * low[has], 100 * high[has]], fmt="none", ecolor="#333333",
                capsize=3, lw=1)
    ax.set_xlim(0, 100)
    ax.set_xlabel(msgs("feedback.chart.demand_supply.demand"))
    ax.set_yticks(y, [str(name) for name in frame["theme_name"]], fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    workshops = frame["workshops"].astype(int).to_numpy()
    ax_s.barh(y, workshops, color=[LIGHT_GREY if u else OKABE_ITO[2] for u in unmet], height=0.7,
              edgecolor=[OKABE_ITO[5] if u else "none" for u in unmet])
    for yi, count, participations in zip(y, workshops, frame["participations"]):
        text = str(count) if pd.isna(participations) else msgs("feedback.chart.demand_supply.count",
                                                                 workshops=count, participations=int(participations))
        ax_s.text(count + 0.1, yi, text, va="center", fontsize=8)
    for yi, flag, count in zip(y, unmet, workshops):
        if flag:  # said in words too, not by colour alone
            ax_s.text(count + 0.1 + 0.12 * max(1, int(workshops.max())), yi,
                      msgs("feedback.chart.demand_supply.unmet"), va="center", fontsize=8, color=OKABE_ITO[5])
    ax_s.set_xlim(0, max(1, int(workshops.max())) * (1.9 if unmet.any() else 1.6) + 1)
    ax_s.xaxis.set_major_locator(MaxNLocator(integer=True))  # workshops are counted, never 2.5
    ax_s.set_yticks(y, [""] * len(y))
    ax_s.set_xlabel(msgs("feedback.chart.demand_supply.supply"))
    ax_s.spines[["top", "right"]].set_visible(False)
    if unmet.any():  # a legend only for what is drawn
        ax.legend(handles=[Patch(color=OKABE_ITO[5], label=msgs("feedback.chart.demand_supply.unmet"))],
                  loc="lower right", fontsize=8, frameon=False)
    bases = frame["demand_base"].dropna()
    n = int(bases.max()) if len(bases) else 0
    return annotate(fig, title, _question(msgs, "feedback.chart.demand_supply.question", n=n),
                    _n(msgs, n), msgs("feedback.chart.ci"))


def impact_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Stacked horizontal bars of yes / partly / no per impact question (share of companies), each row with
    its n; the combined "yes or partly" share and its Wilson interval are written beside the bar."""
    title = msgs("feedback.chart.impact.title")
    frame = table[table["measure"].isin(IMPACT_MEASURES)] if not table.empty else table
    if frame.empty or int(frame["base"].max()) == 0:
        return empty_chart(title, msgs("feedback.chart.empty"))
    measures = [m for m in IMPACT_MEASURES if m in set(frame["measure"])]
    colours = dict(zip(IMPACT_ANSWERS, [OKABE_ITO[0], OKABE_ITO[4], OKABE_ITO[5]]))
    fig = new_figure(9, 2.6 + 0.6 * len(measures))
    ax = fig.add_subplot()
    y = np.arange(len(measures))[::-1]
    labels, bases, any_hidden = [], [], False
    for yi, measure in zip(y, measures):
        rows = frame[frame["measure"] == measure].set_index("answer")
        base = int(rows["base"].iloc[0])
        bases.append(base)
        labels.append(f"{msgs(f'feedback.chart.impact.measure.{measure}')} (n = {base})")
        if base and rows["share"].isna().all():
            # the public edition hides every answer of a measure with a count of 1-2 companies: a grey ":c" bar
            any_hidden = True
            ax.barh(yi, 100, color=LIGHT_GREY, height=0.6, edgecolor="white", hatch="//")
            ax.text(50, yi, ":c", ha="center", va="center", fontsize=8)
            ax.text(101, yi, ":c", va="center", fontsize=8)
            continue
        left = 0.0
        for answer in IMPACT_ANSWERS:
            if answer not in rows.index or base == 0:
                continue
            share = 100 * float(rows.loc[answer, "share"])
            flag = bool(rows.loc[answer, "is_small_n"])
            ax.barh(yi, share, left=left, color=colours[answer], height=0.6, edgecolor="white",
                    alpha=SMALL_N_ALPHA if flag else 1.0, hatch=SMALL_N_HATCH if flag else None)
            if share >= 6:
                ax.text(left + share / 2, yi, bar_figure(share), ha="center", va="center", fontsize=8,
                        color="white" if answer != "partly" else "black")
            left += share
        positive = "yes_or_partly" if "yes_or_partly" in rows.index else "yes"
        if base:
            r = rows.loc[positive]
            ax.text(101, yi, f"{percent(float(r['share']))}\n"
                             f"({percent_range(float(r['ci_low']), float(r['ci_high']))})", va="center", fontsize=8)
    ax.set_yticks(y, labels, fontsize=9)
    ax.set_xlim(0, 125)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel(msgs("feedback.chart.impact.xlabel") + " (%)")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(handles=[Patch(color=colours[a], label=msgs(f"feedback.answer.{a}")) for a in IMPACT_ANSWERS],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8, frameon=False)
    note = " · ".join(t for t in (msgs("feedback.chart.ci"), _small_n_note(msgs, frame["is_small_n"]),
                                   msgs("needs.chart.suppressed_note") if any_hidden else "") if t)
    # the question of each measure drawn, not of both when the survey asked one (QA round 29: a contacts-only
    # chart was captioned with the development-measures question too)
    asked = "feedback.chart.impact.question" if len(measures) > 1 else f"feedback.chart.impact.question_{measures[0]}"
    return annotate(fig, title, _question(msgs, asked), _n(msgs, max(bases)), note)
