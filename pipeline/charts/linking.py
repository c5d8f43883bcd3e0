"""The funnel chart (did the workshops reach the companies that asked) and its headline sentence."""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from pipeline.charts.style import OKABE_ITO, annotate, empty_chart, new_figure
from pipeline.i18n import Messages


def _share_bars(ax, y: np.ndarray, frame: pd.DataFrame, counts: list[str], hidden: str | list[str], colours: list,
                height: float) -> None:
    """Horizontal bars of ``frame``'s ``share`` (percent) at ``y`` with their ``ci_low``/``ci_high`` whiskers and
    each row's ``counts`` text beside the whisker; a row whose share is not published says ``hidden`` instead
    (one text for every row, or one per row)."""
    hidden = [hidden] * len(frame) if isinstance(hidden, str) else hidden
    share = pd.to_numeric(frame["share"], errors="coerce").to_numpy(dtype=float)
    has = ~np.isnan(share)
    ax.barh(y[has], 100 * share[has], color=[c for c, h in zip(colours, has) if h], height=height)
    low = np.clip(share - pd.to_numeric(frame["ci_low"], errors="coerce").to_numpy(dtype=float), 0, None)
    high = np.clip(pd.to_numeric(frame["ci_high"], errors="coerce").to_numpy(dtype=float) - share, 0, None)
    ax.errorbar(100 * share[has], y[has], xerr=[100 * low[has], 100 * high[has]], fmt="none", ecolor="#333333",
                capsize=3, lw=1)
    for yi, ok, s, hi, text, why in zip(y, has, share, high, counts, hidden):
        if ok:
            ax.text(min(100 * (s + hi) + 1.5, 101), yi, text, va="center", fontsize=8)
        else:
            ax.text(1, yi, why, va="center", fontsize=8, color="#555555")


def funnel_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Per needs theme (most asked first): the share of the askers whose attendance is known that attended a
    workshop on the theme, with the Wilson interval and "attended / traced" written beside the bar. A theme
    whose share is not published (too few traced companies) says so in words."""
    title = msgs("linking.chart.funnel.title")
    frame = table[pd.to_numeric(table["asked"], errors="coerce").fillna(0) > 0].reset_index(drop=True)
    if frame.empty:
        return empty_chart(title, msgs("linking.chart.funnel.empty"))
    fig = new_figure(9, 2.2 + 0.45 * len(frame))
    ax = fig.add_subplot()
    y = np.arange(len(frame))[::-1]
    counts = [msgs("linking.chart.funnel.count", attended=int(r.attended), traced=int(r.traced))
              if pd.notna(r.share) else "" for r in frame.itertuples(index=False)]
    # a theme the register holds no workshop on has no share for want of workshops, not of companies
    # a share hidden with its base published was hidden for its count (1-2 companies, or none or all of them),
    # not for want of companies
    why = [msgs("linking.chart.funnel.no_workshop") if pd.to_numeric(r.workshops, errors="coerce") == 0
           else msgs("linking.chart.funnel.suppressed") if pd.notna(r.traced) and pd.isna(r.attended)
           else msgs("linking.chart.funnel.hidden") for r in frame.itertuples(index=False)]
    _share_bars(ax, y, frame, counts, why, [OKABE_ITO[0]] * len(frame), 0.65)
    ax.set_xlim(0, 125)
    ax.set_ylim(-0.6, len(frame) - 0.4)  # the lowest row's words clear the axis
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel(msgs("linking.chart.funnel.axis"))
    ax.set_yticks(y, [str(n) for n in frame["theme_name"]], fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    traced = pd.to_numeric(frame["traced"], errors="coerce").fillna(0)
    return annotate(fig, title, msgs("linking.chart.funnel.question"),
                    msgs("linking.chart.funnel.n", n=int(traced.max()) if len(traced) else 0),
                    msgs("linking.chart.funnel.note"))


def funnel_headline(tables: Mapping[str, pd.DataFrame], meta: Mapping[str, Any], fmt: Any,
                    names: Mapping[str, str]) -> str | None:
    """The demanded theme that reached the smallest share of its traced askers, with the figures; what is
    missing when no company's attendance is known; None when no theme's share is published."""
    frame = tables.get("funnel")
    if frame is None or frame.empty or "share" not in frame.columns:
        return None
    shown = frame[pd.to_numeric(frame["share"], errors="coerce").notna()]
    if shown.empty:
        traced = pd.to_numeric(frame["traced"], errors="coerce")
        if len(traced) and traced.notna().all() and (traced == 0).all():
            # no company's attendance is known: the table's zeros say nothing of the workshops' reach
            return fmt.msgs("linking.finding.funnel_untraced")
        return None
    said = _funnel_sentence(shown, fmt)
    # a theme held but with no share published (too few traced companies, or hidden in the public edition) may
    # be the least reached: said, so that the sentence is not read as covering it (QA round 39: the public
    # sentence named another theme than the steering one, without a word)
    # (a theme of no workshop has no share by design; without the column nothing tells the two apart)
    held = pd.to_numeric(frame["workshops"], errors="coerce").fillna(0) > 0 if "workshops" in frame.columns \
        else pd.Series(False, index=frame.index)
    unpublished = int((held & pd.to_numeric(frame["share"], errors="coerce").isna()).sum())
    if not unpublished:
        return said
    stop = "." if said.endswith(".") else ""
    return said[:len(said) - len(stop)] + fmt.msgs("linking.finding.funnel_unpublished", n=unpublished) + stop


def _funnel_sentence(shown: pd.DataFrame, fmt: Any) -> str:
    """``funnel_headline``'s sentence over the themes whose share is published (``shown``)."""
    low = shown.sort_values(["share", "asked"], ascending=[True, False], kind="stable").iloc[0]
    figures = {"theme": str(low["theme_name"]), "attended": int(low["attended"]), "traced": int(low["traced"]),
               "interval": fmt.percent_range(low["ci_low"], low["ci_high"])}
    if len(shown) == 1:
        # one published theme (the public edition hides the rest): nothing to compare it with
        return fmt.msgs("linking.finding.funnel_one", **figures)
    shares = pd.to_numeric(shown["share"], errors="coerce")
    if shares.nunique() == 1:
        # every theme reached the same share (7 of 7, 6 of 6): no lowest and highest to set side by side (QA round
        # 37: "Digital marketing 7 of 7 …; for Digital marketing it was 7 of 7")
        ordered = shown.sort_values("asked", ascending=False, kind="stable")
        return fmt.msgs("linking.finding.funnel_same", themes=", ".join(
            fmt.msgs("linking.finding.funnel_theme", theme=str(r["theme_name"]), attended=int(r["attended"]),
                     traced=int(r["traced"]), interval=fmt.percent_range(r["ci_low"], r["ci_high"]))
            for _, r in ordered.iterrows()))
    high = shown.sort_values(["share", "asked"], ascending=[False, False], kind="stable").iloc[0]
    return fmt.msgs("linking.finding.funnel", **figures, best=str(high["theme_name"]),
                    best_attended=int(high["attended"]), best_traced=int(high["traced"]),
                    best_interval=fmt.percent_range(high["ci_low"], high["ci_high"]))


LANGUAGE_MEASURES = ("companies", "workshops", "participations", "satisfaction")


def language_chart(table: pd.DataFrame, msgs: Messages) -> Figure:
    """Swedish beside Finnish (and English where present) on the four measures of the language question:
    companies using the language, workshops and participations in it, and satisfied participants (4–5) of the
    workshops held in it — each share with its Wilson interval and "k/n" beside the bar; a hidden share says so."""
    title = msgs("linking.chart.language.title")
    # a bilingual workshop is a category of its own (fi+sv): drawn, or the chart would leave out what the
    # headline counts (QA round 17)
    frame = table[table["measure"].isin(LANGUAGE_MEASURES) & table["language"].isin(("fi", "sv", "en", "fi+sv"))]
    if frame.empty:
        return empty_chart(title, msgs("linking.chart.language.empty"))
    order = {m: i for i, m in enumerate(LANGUAGE_MEASURES)}
    frame = frame.assign(_m=frame["measure"].map(order),
                         _l=frame["language"].map({"sv": 0, "fi+sv": 1, "fi": 2, "en": 3}))
    frame = frame.sort_values(["_m", "_l"], kind="stable").reset_index(drop=True)
    fig = new_figure(9, 2.0 + 0.38 * len(frame))
    ax = fig.add_subplot()
    y = np.arange(len(frame))[::-1] - frame["_m"].to_numpy() * 0.6  # a gap between the measures
    colours = [OKABE_ITO[1] if lang == "sv" else OKABE_ITO[0] if lang == "fi" else OKABE_ITO[2]
               if lang == "fi+sv" else "#999999" for lang in frame["language"]]
    counts = [f"{int(r.value)}/{int(r.base)}" if pd.notna(r.share) else "" for r in frame.itertuples(index=False)]
    _share_bars(ax, y, frame, counts, msgs("linking.chart.language.hidden"), colours, 0.7)
    # the language table's own row names where it has them ("companies using the language"), as its table
    measure = {m: msgs(f"report.value.language.measure.{m}") if f"report.value.language.measure.{m}" in msgs
               else msgs(f"report.value.measure.{m}") for m in LANGUAGE_MEASURES}
    labels = [f"{measure[m]}: {msgs(f'report.value.language.{lang}')}"
              for m, lang in zip(frame["measure"], frame["language"])]
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlim(0, 125)
    ax.set_xticks([0, 25, 50, 75, 100], ["0 %", "25 %", "50 %", "75 %", "100 %"])
    ax.spines[["top", "right"]].set_visible(False)
    companies = frame.loc[frame["measure"] == "companies", "base"]
    hidden = pd.to_numeric(frame["share"], errors="coerce").isna().any()
    return annotate(fig, title, msgs("linking.chart.language.question"),
                    msgs("linking.chart.language.n", n=int(companies.max()) if len(companies) else 0),
                    msgs("linking.chart.language.note") if hidden else "")


def language_headline(tables: Mapping[str, pd.DataFrame], meta: Mapping[str, Any], fmt: Any,
                      names: Mapping[str, str]) -> str | None:
    """What the figures say about holding workshops in Swedish: the companies using Swedish, the workshops and
    participations in Swedish, and satisfaction in Swedish beside Finnish workshops, with intervals; None when
    no Swedish figure is published."""
    frame = tables.get("language")
    if frame is None or frame.empty:
        return None

    def row(measure: str, lang: str):
        hit = frame[(frame["measure"] == measure) & (frame["language"] == lang)]
        if hit.empty or pd.isna(pd.to_numeric(hit["share"], errors="coerce").iloc[0]):
            return None
        return hit.iloc[0]

    def part(key: str, r) -> str:
        return fmt.msgs(key, value=int(r["value"]), base=int(r["base"]), share=fmt.percent(r["share"]),
                        interval=fmt.percent_range(r["ci_low"], r["ci_high"]))

    def ends(r, column: str) -> tuple[int, int]:
        low = r.get(f"{column}_low")
        return (int(r[column]) if low is None or pd.isna(low) else int(low)), int(r[column])

    pieces = []
    for measure in ("companies", "workshops", "participations"):
        r = row(measure, "sv")
        if r is None:
            continue
        (value_low, value), (base_low, base) = ends(r, "value"), ends(r, "base")
        if measure == "participations" and (value_low, base_low) != (value, base) and base_low > 0:
            # the register wrote some participants as a range (7-18): the figures are ranges, and so is the share
            lowest = value_low / (value_low + base - value) if value_low + base - value else 0.0
            highest = value / (value + base_low - value_low) if value + base_low - value_low else 0.0
            pieces.append(fmt.msgs("linking.finding.language.participations",
                                   value=fmt.range(value_low, value) if value_low != value else value,
                                   base=fmt.range(base_low, base), share=fmt.percent_range(lowest, highest)))
        else:
            piece = part(f"linking.finding.language.{measure}", r)
            only = pd.to_numeric(r.get("value_only"), errors="coerce") if measure == "companies" else np.nan
            if pd.notna(only):
                piece += fmt.msgs("linking.finding.language.only", only=int(only))
            pieces.append(piece)
    # a bilingual workshop is in neither count above; say so, and what the Swedish figures are with it
    both = frame[(frame["measure"] == "workshops") & frame["language"].astype(str).str.contains(r"\+", regex=True)
                 & frame["language"].astype(str).str.contains("sv")]
    incl, incl_people = row("workshops_incl_bilingual", "sv"), row("participations_incl_bilingual", "sv")
    if not both.empty and incl is not None and incl_people is not None:
        # "not counted in these" needs a Swedish workshop figure before it
        alone = row("workshops", "sv") is None
        pieces.append(fmt.msgs("linking.finding.language.bilingual_alone" if alone else
                               "linking.finding.language.bilingual", bilingual=int(both["value"].sum()),
                               value=int(incl["value"]), base=int(incl["base"]),
                               participations=int(incl_people["value"])))
    sv, fi = row("satisfaction", "sv"), row("satisfaction", "fi")
    if sv is not None and fi is not None:
        pieces.append(fmt.msgs("linking.finding.language.satisfaction", sv=fmt.percent(sv["share"]),
                               sv_interval=fmt.percent_range(sv["ci_low"], sv["ci_high"]),
                               fi=fmt.percent(fi["share"]), fi_interval=fmt.percent_range(fi["ci_low"], fi["ci_high"])))
    requests = frame[(frame["measure"] == "service_requests") & (frame["language"] == "sv")]
    if not requests.empty and pd.notna(requests["value"].iloc[0]) and int(requests["value"].iloc[0]) > 0:
        value = int(requests["value"].iloc[0])
        pieces.append(fmt.msgs("linking.finding.language.requests_one" if value == 1 else
                               "linking.finding.language.requests", value=value))
    verdict = _swedish_verdict(frame, row("companies", "sv"), fmt)
    if verdict:
        pieces.append(verdict)
    if not pieces:
        return None
    return fmt.msgs("linking.finding.language.lead") + " " + "; ".join(pieces) + "."


def _swedish_verdict(frame: pd.DataFrame, companies: pd.Series | None, fmt: Any) -> str | None:
    """The answer to "should workshops be held in Swedish?" that the figures give: the share of workshops held
    in Swedish (bilingual ones included when there are any) below, within or above the interval of the share
    of companies using Swedish, or outside it by less than one workshop (no verdict); and, when no workshop was
    in Swedish, that the companies using only Swedish had none in their language. None without a published
    companies share or a register."""
    workshops = frame[frame["measure"] == "workshops"]
    if companies is None or workshops.empty:
        return None
    bilingual = frame[(frame["measure"] == "workshops_incl_bilingual") & (frame["language"] == "sv")]
    held = bilingual if not bilingual.empty else workshops[workshops["language"] == "sv"]
    value = int(held["value"].iloc[0]) if not held.empty else 0
    base = int(pd.to_numeric(workshops["base"], errors="coerce").max())
    if not base:
        return None
    share, low, high = value / base, float(companies["ci_low"]), float(companies["ci_high"])
    side = "below" if share < low else "above" if share > high else "within"
    which = fmt.msgs("linking.finding.language.which_bilingual" if not bilingual.empty
                     else "linking.finding.language.which")
    # the workshops are counted, not sampled, but they come in steps of 1/base: outside the interval by less than
    # one workshop is no verdict (QA round 27: 1 of 3 workshops, 33 %, read "above" 7-24 %; 0 of 3 reads "below")
    coarse = side == "above" and share - high < 1 / base or side == "below" and low - share < 1 / base
    said = fmt.msgs(f"linking.finding.language.verdict_{side}" + ("_coarse" if coarse else ""), which=which,
                    share=fmt.percent(share), interval=fmt.percent_range(low, high), value=value, base=base)
    only = pd.to_numeric(companies.get("value_only"), errors="coerce")
    if value == 0 and pd.notna(only) and only > 0:
        said += "; " + fmt.msgs("linking.finding.language.none_for_only")
    return said
