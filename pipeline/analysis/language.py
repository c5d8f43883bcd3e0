"""The language segment: which language companies use, which language the workshops were held in, how each
was rated, and the open answers asking for service in a language.

- ``company_languages``: per linked company the languages it uses. A business-language answer (role
  ``business_language`` in any survey: "Ruotsi", "Svenska", "Molemmat", "Suomi ja ruotsi" …) decides; a company
  without one is placed by the languages of its open answers (the coder's ``lang`` per text). A bilingual
  company counts for both languages.
- ``language_table`` (schema ``language``): ``companies`` per language (base: companies with a known language);
  ``workshops`` and ``participations`` per register ``language`` (each workshop in one category, a bilingual
  one as ``fi+sv``; ``*_incl_bilingual`` counts a bilingual workshop for each of its languages);
  ``satisfaction`` (top-2 box of the satisfaction question, per workshop language category); and
  ``service_requests``: open answers (needs, feedback, impact) asking for service in a language ("mer på
  svenska", "ruotsiksi", "in English"), base every open answer read.
"""
from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from pipeline.analysis.linking import IMPACT, NEEDS, canonical_of, disclosed, feedback_source
from pipeline.analysis.stats import wilson_interval
from pipeline.keys import fold
from pipeline.schemas import conform, empty
from pipeline.survey import Survey

LANGUAGES = ("fi", "sv", "en")
# a label (answer or register cell) names a language when one of these matches it (folded text)
_NAMES = {
    "fi": re.compile(r"\b(suom|finsk|finnish|fi\b|fin\b)"),
    "sv": re.compile(r"\b(ruots|svensk|swedish|sv\b|swe\b|se\b)"),
    "en": re.compile(r"\b(englan|engelsk|english|en\b|eng\b)"),
}
_BOTH = re.compile(r"\b(molemm|kaksikiel|tvåspråk|båda|bägge|bilingual|both)")
# open answers asking for service in a language
REQUESTS = {
    "sv": re.compile(r"(på svenska|ruotsiksi|ruotsin kiel|ruotsinkiel|svenskspråkig|in swedish|swedish[- ]language"
                     r"|på sitt modersmål svenska|svenska tillfällen|svensk version)"),
    "fi": re.compile(r"(på finska|suomeksi|suomen kiel|suomenkiel|finskspråkig|in finnish|finnish[- ]language)"),
    "en": re.compile(r"(englanniksi|englannin kiel|på engelska|engelskspråkig|in english|english[- ]language)"),
}
TEXT_SOURCES = ("open", "other_text")


def languages_of(label: Any) -> list[str]:
    """The languages a label names, in ``LANGUAGES`` order ("Molemmat" / "båda" → fi and sv)."""
    if label is None or (not isinstance(label, str) and pd.isna(label)):
        return []
    text = fold(label)
    found = [lang for lang in LANGUAGES if _NAMES[lang].search(text)]
    if _BOTH.search(text):
        found = sorted(set(found) | {"fi", "sv"}, key=LANGUAGES.index)
    return found


def _category(langs: Sequence[str]) -> str:
    return "+".join(langs) if langs else ""


def company_languages(links: pd.DataFrame, needs: Survey | None = None,
                      feedback: Sequence[tuple[str | None, Survey]] = (), impact: Survey | None = None,
                      coded_texts: pd.DataFrame | None = None, coded_feedback: pd.DataFrame | None = None
                      ) -> pd.DataFrame:
    """Each linked company with each language it uses (schema ``company_languages``)."""
    surveys = [(NEEDS, needs), *((feedback_source(s), s) for _, s in feedback or ()), (IMPACT, impact)]
    stated: dict[str, set[str]] = {}
    for source, survey in surveys:
        if survey is None:
            continue
        company = canonical_of(links[links["is_identified"] | (links["source"] == NEEDS)], source)
        qids = survey.questions_with_role("business_language")["question_id"]
        answers = survey.answers[survey.answers["question_id"].isin(qids)]
        for rid, value in zip(answers["respondent_id"].astype(str), answers["value"]):
            if rid in company:
                stated.setdefault(company[rid], set()).update(languages_of(value))
    written: dict[str, set[str]] = {}
    for source, coded in ((NEEDS, coded_texts), ("feedback", coded_feedback)):
        if coded is None or coded.empty:
            continue
        texts = coded[coded["source"].isin(TEXT_SOURCES) & coded["respondent_id"].notna()]
        if source == NEEDS:
            company = canonical_of(links, NEEDS)
        else:
            company = canonical_of(links[links["is_identified"] & links["source"].str.startswith("feedback:")])
        for rid, lang in zip(texts["respondent_id"].astype(str), texts["lang"].astype(str)):
            if rid in company and lang in LANGUAGES:
                written.setdefault(company[rid], set()).add(lang)
    rows = [(c, lang, "question") for c, langs in stated.items() if langs for lang in langs]
    rows += [(c, lang, "answers") for c, langs in written.items() if not stated.get(c) for lang in langs]
    frame = pd.DataFrame(rows, columns=["company_id", "language", "basis"])
    frame = frame.sort_values(["company_id", "language"], kind="stable").reset_index(drop=True)
    return conform(frame, "company_languages")


def _open_texts(coded_texts: pd.DataFrame | None, coded_feedback: pd.DataFrame | None,
                impact: Survey | None) -> list[str]:
    texts: list[str] = []
    for coded in (coded_texts, coded_feedback):
        if coded is not None and not coded.empty:
            texts += coded.loc[coded["source"].isin(TEXT_SOURCES), "text"].dropna().astype(str).tolist()
    if impact is not None:
        qids = impact.questions.loc[impact.questions["type"].isin(TEXT_SOURCES), "question_id"]
        texts += impact.answers.loc[impact.answers["question_id"].isin(qids), "text"].dropna().astype(str).tolist()
    return [t for t in texts if t.strip()]


def language_table(languages: pd.DataFrame, params: Mapping[str, Any], register: pd.DataFrame | None = None,
                   feedback_summary: pd.DataFrame | None = None, coded_texts: pd.DataFrame | None = None,
                   coded_feedback: pd.DataFrame | None = None, impact: Survey | None = None) -> pd.DataFrame:
    """The language segment (schema ``language``); see the module docstring."""
    rows: list[dict[str, Any]] = []
    known = languages["company_id"].nunique()
    for lang, count in languages.groupby("language")["company_id"].nunique().items():
        rows.append({"measure": "companies", "language": lang, "value": int(count), "base": int(known)})
    if register is not None and not register.empty:
        cats = register["language"].map(lambda v: _category(languages_of(v)))
        has = cats != ""
        people = pd.to_numeric(register["participants"], errors="coerce")
        people_known = has & people.notna()
        for cat in sorted(set(cats[has]), key=lambda c: (c.count("+"), c)):
            rows.append({"measure": "workshops", "language": cat, "value": int((cats == cat).sum()),
                         "base": int(has.sum())})
            rows.append({"measure": "participations", "language": cat,
                         "value": int(people[(cats == cat) & people_known].sum()),
                         "base": int(people[people_known].sum())})
        if any("+" in c for c in cats[has]):
            for lang in LANGUAGES:
                holds = cats.map(lambda c: lang in c.split("+"))
                if not holds.any():
                    continue
                rows.append({"measure": "workshops_incl_bilingual", "language": lang, "value": int(holds.sum()),
                             "base": int(has.sum())})
                rows.append({"measure": "participations_incl_bilingual", "language": lang,
                             "value": int(people[holds & people_known].sum()), "base": int(people[people_known].sum())})
        if feedback_summary is not None and not feedback_summary.empty:
            by_id = dict(zip(register["workshop_id"].astype(str), cats))
            summary = feedback_summary.assign(category=feedback_summary["workshop_id"].astype(str).map(by_id))
            summary = summary[summary["category"].fillna("") != ""]
            for cat, part in summary.groupby("category", sort=True):
                top = pd.to_numeric(part["n_4"], errors="coerce").fillna(0) + pd.to_numeric(
                    part["n_5"], errors="coerce").fillna(0)
                base = int(pd.to_numeric(part["satisfaction_n"], errors="coerce").fillna(0).sum())
                if base:
                    rows.append({"measure": "satisfaction", "language": cat, "value": int(top.sum()), "base": base})
    texts = _open_texts(coded_texts, coded_feedback, impact)
    if texts:
        folded = [fold(t) for t in texts]
        for lang, pattern in REQUESTS.items():
            count = sum(bool(pattern.search(t)) for t in folded)
            if count:
                rows.append({"measure": "service_requests", "language": lang, "value": count, "base": len(texts)})
    frame = pd.DataFrame(rows, columns=["measure", "language", "value", "base"])
    if frame.empty:
        return empty("language")
    frame["share"] = np.where(frame["base"] > 0, frame["value"] / frame["base"].where(frame["base"] > 0, 1), np.nan)
    frame["ci_low"], frame["ci_high"] = wilson_interval(frame["value"], frame["base"], float(params["confidence"]))
    # company counts follow the disclosure rules; register figures (workshops, participations) are public
    # facts, satisfaction is ruled like the feedback summary (min_responses)
    companies = frame["measure"].isin(("companies", "service_requests"))
    ruled = disclosed(frame[companies].reset_index(drop=True), params, counts=("value",),
                      bases={"base": ("share", "ci_low", "ci_high")})
    rest = frame[~companies].reset_index(drop=True).assign(suppressed=False)
    small = (rest["measure"] == "satisfaction") & (rest["base"] < int(params.get("min_responses", 5)))
    rest.loc[small, ["share", "ci_low", "ci_high"]] = np.nan
    rest["suppressed"] = small
    order = {m: i for i, m in enumerate(("companies", "workshops", "workshops_incl_bilingual", "participations",
                                         "participations_incl_bilingual", "satisfaction", "service_requests"))}
    out = pd.concat([ruled, rest], ignore_index=True)
    out = out.assign(_o=out["measure"].map(order), _l=out["language"].map(
        lambda c: (c.count("+"), LANGUAGES.index(c) if c in LANGUAGES else 9, c)))
    out = out.sort_values(["_o", "_l"], kind="stable").drop(columns=["_o", "_l"]).reset_index(drop=True)
    return conform(out, "language")
