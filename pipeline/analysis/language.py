"""The language segment: which language companies use, which language the workshops were held in, how each
was rated, and the open answers asking for service in a language.

- ``company_languages``: per linked company the languages it uses, from the first of three signals that says
  any: (1) a business-language answer (role ``business_language`` in any survey: "Ruotsi", "Svenska",
  "Molemmat", "Suomi ja ruotsi" …); (2) the language copy of a bilingual questionnaire its rows answered (ingest's
  ``respondents.form_language``: the Swedish copy pasted under the Finnish header, told apart by its scale
  answers); (3) the languages of its open answers (the coder's ``lang`` per text). A bilingual company (its
  answer says both, or its rows answered both copies, or it wrote in both) counts for both languages.
- ``language_table`` (schema ``language``): ``companies`` per language (base: companies with a known language;
  ``value_only``: those of them that said in the language question they use no other language, whom only a
  workshop in that language, or a bilingual one, reaches; empty when no company answered the question; steering
  edition only);
  ``workshops`` and ``participations`` per register ``language`` (each workshop in one category, a bilingual
  one as ``fi+sv``; ``*_incl_bilingual`` counts a bilingual workshop for each of its languages);
  ``satisfaction`` (top-2 box of the satisfaction question, per workshop language category); and
  ``service_requests``: open answers (needs, feedback, impact) asking for service in a language, by meaning:
  the language named as the one to serve in and something asked for ("mer på svenska", "ruotsiksi jatkossa",
  "would like Swedish sessions"; not the praise "Allt på svenska!"), base every open answer read; the answers
  themselves in ``language_requests`` (the evidence the report shows).
"""
from __future__ import annotations

import re
from difflib import get_close_matches
from typing import Any, Callable, Collection, Mapping, Sequence

import numpy as np
import pandas as pd

from pipeline.analysis.linking import IMPACT, NEEDS, canonical_of, feedback_source
from pipeline.analysis.stats import wilson_interval
from pipeline.disclosure import disclosed
from pipeline.keys import fold
from pipeline.schemas import conform, empty, records
from pipeline.survey import Survey

LANGUAGES = ("fi", "sv", "en")
# the words a misspelt language label is compared with, for a "did you mean" ("ruotis" → ruotsi)
_LANGUAGE_WORDS = ("suomi", "ruotsi", "englanti", "suomeksi", "ruotsiksi", "englanniksi", "kaksikielinen",
                   "molemmat", "finska", "svenska", "engelska", "tvåspråkig", "båda", "finnish", "swedish",
                   "english", "bilingual", "both")
# a label (answer or register cell) names a language when one of these matches it (folded text)
_NAMES = {
    "fi": re.compile(r"\b(suom|finsk|finnish|fi\b|fin\b)"),
    "sv": re.compile(r"\b(ruots|svensk|swedish|sv\b|swe\b|se\b)"),
    "en": re.compile(r"\b(englan|engelsk|english|en\b|eng\b)"),
}
_BOTH = re.compile(r"\b(molemm|kaksikiel|tvåspråk|båda|bägge|bilingual|both)")
# open answers naming a language as the one to serve in ("på svenska", "ruotsiksi", "Swedish sessions")
MENTIONS = {
    "sv": re.compile(r"(på svenska|ruotsiksi|ruotsin kiel|ruotsinkiel|svenskspråkig|in swedish|swedish[- ]language"
                     r"|swedish (sessions?|workshops?|events?|services?|materials?|version)|på sitt modersmål svenska"
                     r"|svenska (tillfällen|workshoppar|evenemang|kurser|material)|svensk version)"),
    "fi": re.compile(r"(på finska|suomeksi|suomen kiel|suomenkiel|finskspråkig|in finnish|finnish[- ]language"
                     r"|finnish (sessions?|workshops?|events?|services?|materials?|version))"),
    "en": re.compile(r"(englanniksi|englannin kiel|englanninkiel|på engelska|engelskspråkig|in english"
                     r"|english[- ]language|english (sessions?|workshops?|events?|services?|materials?|version))"),
}
# ... and asking for it: more, again, in future, a wish, a need (fi/sv/en). Praise of what was ("Allt på
# svenska!", "Bra att det var på svenska", "Kiva että oli ruotsiksi") names the language and asks for nothing.
REQUEST_CUES = re.compile(
    r"\b(mer|mera|fler|flera|gärna|önska\w*|önskemål|skulle (vara|vilja|behöva)|borde|behöv\w*|vill ha|kan ni"
    r"|kunde ni|i framtiden|framöver|nästa gång|också|även|saknade|saknar"
    r"|lisää|enemmän|jatkossa|tulevaisuudessa|ensi kerralla|myös|toivo\w*|toive\w*|pitäisi|voisi\w*|olisi(pa)? (hyvä|kiva)"
    r"|tarvi\w*|tarvitaan|kaivat\w*|kaipaisi\w*|haluaisi\w*|puuttui"
    r"|more|again|would like|would love|'d like|wish\w*|please|should|could you|need\w*|future|next time|also"
    r"|missed|missing|lacked)\b")
_SENTENCE = re.compile(r"[.!?;\n]+")
# in an answer to "what does your company need", a service named in a language is asked for without a cue
# ("Exportrådgivning på svenska.", QA round 26): the language as the one to serve in, not an adjective, beside a
# word for a service ("Marknadsföring på finska, vi når inte de finskspråkiga kunderna" is the firm's own
# marketing, to Finnish customers: QA round 29)
_SERVICE = re.compile(r"(rådgiv|neuvon|neuvo|koulut|utbildn|valmenn|kurs|workshop|työpaj|verkst|tillfäll|tilaisuu"
                      r"|palvelu|service|tjänst|material|stöd|tuki|tukea|hjälp|apua|advice|advis|training|support"
                      r"|mentor|sparr|coach|webinar|webinaar|info)")
NEED_MENTIONS = {
    "sv": re.compile(r"(på svenska|ruotsiksi|in swedish)\b"),
    "fi": re.compile(r"(på finska|suomeksi|in finnish)\b"),
    "en": re.compile(r"(på engelska|englanniksi|in english)\b"),
}

# ... unless it says what was ("Bra att det var på svenska", "Allt på svenska!", "Kiva että oli ruotsiksi")
_PRAISE_CUES = re.compile(r"\b(var|oli|olivat|oltiin|was|were|allt|kaikki|everything|bra att|kiva että|hyvä että"
                          r"|good that|nice that)\b")


def asks_for(text: Any, need: bool = False) -> list[str]:
    """The languages an open answer asks service in: a sentence that names the language as the one to serve in
    and asks for something (more, in future, a wish or a need). "Mer på svenska, tack" and "ruotsiksi jatkossa"
    ask; "Allt på svenska!" praises and asks for nothing. In an answer to the needs or impact survey (``need``) a
    sentence naming a service in a language ("Exportrådgivning på svenska.") asks without a cue."""
    if not isinstance(text, str) or not text.strip():
        return []
    asked: set[str] = set()
    for sentence in (s for s in _SENTENCE.split(fold(text)) if s.strip()):
        named = [lang for lang, pattern in MENTIONS.items() if pattern.search(sentence)]
        if need and not REQUEST_CUES.search(sentence):
            if not _PRAISE_CUES.search(sentence) and _SERVICE.search(sentence):
                asked.update(lang for lang, pattern in NEED_MENTIONS.items() if pattern.search(sentence))
            continue
        if not named or not REQUEST_CUES.search(sentence):
            continue
        # two languages in one sentence: the one in the clause that asks ("Mer på svenska tack, allt var på
        # finska" asks for Swedish and says what it was: QA round 21); with no such clause, each
        clauses = [c for c in sentence.split(",") if REQUEST_CUES.search(c)]
        wanted = [lang for lang in named if any(MENTIONS[lang].search(c) for c in clauses)] if len(named) > 1 else []
        asked.update(wanted or named)
    return [lang for lang in MENTIONS if lang in asked]


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


def unread_language(label: Any) -> str | None:
    """None when ``label`` is empty or names a language (``languages_of``); else what it may mean, a language
    word it is a likely misspelling of ("Ruotis" → "ruotsi"), or "" when none is near."""
    if label is None or (not isinstance(label, str) and pd.isna(label)) or not str(label).strip():
        return None
    if languages_of(label):
        return None
    near = get_close_matches(fold(label), _LANGUAGE_WORDS, n=1, cutoff=0.7)
    return near[0] if near else ""


def unread_languages(surveys: Sequence[Survey | None] = (), register: pd.DataFrame | None = None) -> pd.DataFrame:
    """The language labels the language figures cannot read (schema ``input_problems``): an answer to a survey's
    language question that misspells a language word ("Ruotis", ``unread_language_answer``; an option such as
    "Muu" names no language on purpose and is not one), and a register language cell that names none of fi, sv
    and en (``unread_register_language``), each with its rows and the word it may mean. Either drops a company
    or a workshop from every language figure (QA round 18)."""
    from pipeline.privacy import scrub_text

    rows: list[dict[str, Any]] = []
    for survey in surveys:
        if survey is None:
            continue
        qids = survey.questions_with_role("business_language")["question_id"]
        answers = survey.answers[survey.answers["question_id"].isin(qids)]
        where = dict(zip(survey.respondents["respondent_id"].astype(str), survey.respondents["source_row"]))
        found: dict[str, tuple[list[int], str]] = {}
        for rid, value in zip(answers["respondent_id"].astype(str), answers["value"]):
            near = unread_language(value)
            if near:
                at = found.setdefault(str(value), ([], near))[0]
                if not pd.isna(where.get(rid)):
                    at.append(int(where[rid]))
        rows += [{"source": survey.source, "problem": "unread_language_answer", "rows": _rows_text(at),
                  "value": scrub_text(value), "meant": near, "workshop_id": ""}
                 for value, (at, near) in found.items()]
    if register is not None and not register.empty:
        at_rows = register["source_row"] if "source_row" in register.columns else pd.Series(pd.NA, register.index)
        for value, workshop, row in zip(register["language"], register["workshop_id"], at_rows):
            near = unread_language(value)
            if near is not None:
                rows.append({"source": "workshop register", "problem": "unread_register_language",
                             "rows": "" if pd.isna(row) else str(int(row)), "value": scrub_text(str(value)),
                             "meant": near, "workshop_id": str(workshop)})
    return records("input_problems", rows)


def _rows_text(rows: Sequence[int]) -> str:
    return ", ".join(str(r) for r in sorted(set(rows)))


def _category(langs: Sequence[str]) -> str:
    return "+".join(langs) if langs else ""


def company_languages(links: pd.DataFrame, needs: Survey | None = None,
                      feedback: Sequence[tuple[str | None, Survey]] = (), impact: Survey | None = None,
                      coded_texts: pd.DataFrame | None = None, coded_feedback: pd.DataFrame | None = None,
                      min_words: int = 1, written_in: Callable[[str, str], bool] | None = None) -> pd.DataFrame:
    """Each linked company with each language it uses (schema ``company_languages``, ``basis`` question | form |
    answers): the language question's answer; else the language copy its respondents answered (``form``:
    ``respondents.form_language`` of a survey in two language copies; QA round 38 F8: the companies that answered
    the Swedish copy had no language unless they wrote three words); else the language of its open answers of at
    least ``min_words`` words, when its answers coded in that language, read together, are written in it
    (``written_in``; a French survey's short answers, each given the survey's English or a look-alike Swedish,
    made 11 of 12 companies English-speaking and one Swedish-speaking, QA round 12)."""
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
    formed = form_languages(links, surveys)
    written: dict[str, dict[str, list[str]]] = {}
    for source, coded in ((NEEDS, coded_texts), ("feedback", coded_feedback)):
        if coded is None or coded.empty:
            continue
        texts = coded[coded["source"].isin(TEXT_SOURCES) & coded["respondent_id"].notna()]
        if min_words > 1:
            from pipeline.text.normalise import tokenise

            words = texts["text"].astype(str).map(lambda t: len(tokenise(t)))
            texts = texts[(words >= min_words).to_numpy()]
        if source == NEEDS:
            company = canonical_of(links, NEEDS)
        else:
            company = canonical_of(links[links["is_identified"] & links["source"].str.startswith("feedback:")])
        for rid, lang, text in zip(texts["respondent_id"].astype(str), texts["lang"].astype(str),
                                   texts["text"].astype(str)):
            if rid in company and lang in LANGUAGES:
                written.setdefault(company[rid], {}).setdefault(lang, []).append(text)
    rows = [(c, lang, "question") for c, langs in stated.items() if langs for lang in langs]
    rows += [(c, lang, "form") for c, langs in formed.items() if not stated.get(c) for lang in sorted(langs)]
    rows += [(c, lang, "answers") for c, langs in written.items() if not stated.get(c) and not formed.get(c)
             for lang, said in sorted(langs.items()) if written_in is None or written_in(". ".join(said), lang)]
    frame = pd.DataFrame(rows, columns=["company_id", "language", "basis"])
    frame = frame.sort_values(["company_id", "language"], kind="stable").reset_index(drop=True)
    return conform(frame, "company_languages")


def form_languages(links: pd.DataFrame, surveys: Sequence[tuple[str, Survey | None]]) -> dict[str, set[str]]:
    """Linked company → the languages of the questionnaire copies its respondents answered (``respondents``
    column ``form_language``, which ingest fills for a file holding two language copies; "" and a survey
    without the column say nothing). ``surveys``: (link source, survey) pairs; a respondent counts when its row
    links to a company as the business-language answers do (identified, or any needs row)."""
    formed: dict[str, set[str]] = {}
    for source, survey in surveys:
        if survey is None or "form_language" not in survey.respondents.columns:
            continue
        company = canonical_of(links[links["is_identified"] | (links["source"] == NEEDS)], source)
        for rid, lang in zip(survey.respondents["respondent_id"].astype(str),
                             survey.respondents["form_language"].fillna("").astype(str)):
            if rid in company and lang in LANGUAGES:
                formed.setdefault(company[rid], set()).add(lang)
    return formed


def _open_texts(coded_texts: pd.DataFrame | None, coded_feedback: pd.DataFrame | None,
                impact: Survey | None, withheld: Collection[str] = ()) -> list[tuple[str, str]]:
    """(survey kind, text) of every open answer read: needs, feedback (but the respondents ``withheld``), impact."""
    texts: list[tuple[str, str]] = []
    for kind, coded in ((NEEDS, coded_texts), ("feedback", coded_feedback)):
        if coded is not None and not coded.empty:
            read = coded["source"].isin(TEXT_SOURCES)
            if kind == "feedback" and withheld:
                read &= ~coded["respondent_id"].astype(str).isin(set(withheld))
            if "lang" in coded.columns:
                # an answer in none of fi/sv/en (lang "") asks for no service in them: it is no part of the base
                read &= coded["lang"].fillna("?").astype(str) != ""
            texts += [(kind, t) for t in coded.loc[read, "text"].dropna().astype(str)]
    if impact is not None:
        qids = impact.questions.loc[impact.questions["type"].isin(TEXT_SOURCES), "question_id"]
        texts += [(IMPACT, t) for t in impact.answers.loc[impact.answers["question_id"].isin(qids), "text"]
                  .dropna().astype(str)]
    return [(kind, t) for kind, t in texts if t.strip()]


def service_requests(coded_texts: pd.DataFrame | None = None, coded_feedback: pd.DataFrame | None = None,
                     impact: Survey | None = None, withheld: Collection[str] = ()) -> tuple[pd.DataFrame, int]:
    """(the open answers asking for service in a language, one row each (schema ``language_requests``,
    ``answers`` 1: the evidence behind the ``service_requests`` count), the number of open answers read),
    without the feedback comments of the respondents ``withheld`` (the public edition's withheld workshops). The
    texts were scrubbed at ingest."""
    texts = _open_texts(coded_texts, coded_feedback, impact, withheld)
    # the impact survey's open answers are wishes for what comes next as often as accounts of what was done
    rows = [(lang, kind, text) for kind, text in texts for lang in asks_for(text, need=kind in (NEEDS, IMPACT))]
    frame = pd.DataFrame(rows, columns=["language", "survey", "text"])
    frame = frame.assign(_l=frame["language"].map(LANGUAGES.index)).sort_values(
        ["_l", "survey", "text"], kind="stable").drop(columns="_l").reset_index(drop=True)
    return conform(frame.assign(answers=1), "language_requests"), len(texts)


def language_requests(params: Mapping[str, Any], requests: tuple[pd.DataFrame, int]) -> pd.DataFrame:
    """The evidence of ``service_requests`` (schema ``language_requests``) from ``requests`` (what
    ``service_requests`` returns): each wording once per language and survey, with how many answers use it.
    The public edition leaves out a language whose count it hides (1..min_count-1 answers), as the list would
    show that count."""
    from pipeline.disclosure import PUBLIC, edition_of

    frame, _ = requests
    if edition_of(params) == PUBLIC:
        counts = frame.groupby("language")["answers"].sum()
        small = set(counts[counts < int(params["min_count"])].index)
        frame = frame[~frame["language"].isin(small)].reset_index(drop=True)
    keys = ["language", "survey", "text"]
    grouped = frame.groupby(keys, sort=False, dropna=False)["answers"].sum().reset_index()
    return conform(grouped, "language_requests")


def _public_company_rows(ruled: pd.DataFrame, params: Mapping[str, Any]) -> pd.DataFrame:
    """The ruled company rows, in the public edition with the Swedish row alone published and no
    ``value_only`` at all: a bilingual company counts for both languages, so the rows beside their base bound
    the bilingual and the one-language companies, and a reader who knows the survey offered Finnish, Swedish,
    both or English pins them (QA round 16: 26 − 14 Finnish-only − 8 Swedish-only − 3 bilingual told the one
    English-only company; Finnish 22, Swedish 4, English 3 of 26 told 3 bilingual and so 1 Swedish-only one).
    The Swedish row is the block's question."""
    from pipeline.disclosure import PUBLIC, edition_of

    if edition_of(params) != PUBLIC:
        return ruled
    others = ((ruled["measure"] == "companies") & (ruled["language"] != "sv")).to_numpy()
    out = ruled.assign(value_only=pd.array([pd.NA] * len(ruled), dtype="Int64"))
    for column in ("value", "value_low", "share", "ci_low", "ci_high"):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("Float64").mask(others)
    out["suppressed"] = out["suppressed"].astype(bool) | others
    return out


def language_table(languages: pd.DataFrame, params: Mapping[str, Any], register: pd.DataFrame | None = None,
                   feedback_summary: pd.DataFrame | None = None,
                   requests: tuple[pd.DataFrame, int] | None = None) -> pd.DataFrame:
    """The language segment (schema ``language``); see the module docstring. ``requests``: what
    ``service_requests`` returns (None: no open answers read, no ``service_requests`` rows)."""
    rows: list[dict[str, Any]] = []
    known = languages["company_id"].nunique()
    # "only this language" is what a company said in the language question: one open answer written in Swedish
    # says nothing of the languages a company does not write in (QA round 21: without the question every company
    # read as Swedish-only by the language of its one answer); none said, no figure
    stated = languages[languages["basis"] == "question"] if "basis" in languages.columns else languages
    used = stated.groupby("company_id")["language"].agg(frozenset)
    for lang, count in languages.groupby("language")["company_id"].nunique().items():
        rows.append({"measure": "companies", "language": lang, "value": int(count), "base": int(known),
                     "value_only": int((used == frozenset({lang})).sum()) if len(stated) else pd.NA})
    if register is not None and not register.empty:
        cats = register["language"].map(lambda v: _category(languages_of(v)))
        has = cats != ""
        people = pd.to_numeric(register["participants"], errors="coerce")
        people_known = has & people.notna()
        # a participants range the register wrote (7-18): participants is its upper end, this its lower end
        people_low = pd.to_numeric(register["participants_low"], errors="coerce").fillna(people) \
            if "participants_low" in register.columns else people
        for cat in sorted(set(cats[has]), key=lambda c: (c.count("+"), c)):
            rows.append({"measure": "workshops", "language": cat, "value": int((cats == cat).sum()),
                         "base": int(has.sum())})
            rows.append({"measure": "participations", "language": cat,
                         "value": int(people[(cats == cat) & people_known].sum()),
                         "base": int(people[people_known].sum()),
                         "value_low": int(people_low[(cats == cat) & people_known].sum()),
                         "base_low": int(people_low[people_known].sum())})
        if any("+" in c for c in cats[has]):
            for lang in LANGUAGES:
                holds = cats.map(lambda c: lang in c.split("+"))
                if not holds.any():
                    continue
                rows.append({"measure": "workshops_incl_bilingual", "language": lang, "value": int(holds.sum()),
                             "base": int(has.sum())})
                rows.append({"measure": "participations_incl_bilingual", "language": lang,
                             "value": int(people[holds & people_known].sum()), "base": int(people[people_known].sum()),
                             "value_low": int(people_low[holds & people_known].sum()),
                             "base_low": int(people_low[people_known].sum())})
        if feedback_summary is not None and not feedback_summary.empty:
            by_id = dict(zip(register["workshop_id"].astype(str), cats))
            summary = feedback_summary.assign(category=feedback_summary["workshop_id"].astype(str).map(by_id))
            summary = summary[summary["category"].fillna("") != ""]
            for cat, part in summary.groupby("category", sort=True):
                n_4, n_5 = (pd.to_numeric(part[c], errors="coerce") for c in ("n_4", "n_5"))
                # a workshop whose counts the public edition hides (too few responses) is left out of the base
                # too: its respondents counted in the base but not among the satisfied made 10/11 read 6/11
                shown = (n_4.notna() & n_5.notna()).to_numpy()
                top = (n_4 + n_5)[shown]
                base = int(pd.to_numeric(part["satisfaction_n"], errors="coerce")[shown].fillna(0).sum())
                if base:
                    rows.append({"measure": "satisfaction", "language": cat, "value": int(top.sum()), "base": base})
    asking, read = requests if requests is not None else (empty("language_requests"), 0)
    for lang in LANGUAGES:
        count = int((asking["language"] == lang).sum())
        if count:
            rows.append({"measure": "service_requests", "language": lang, "value": count, "base": read})
    frame = pd.DataFrame(rows, columns=["measure", "language", "value", "base", "value_low", "base_low",
                                        "value_only"])
    if frame.empty:
        return empty("language")
    frame["value_low"] = frame["value_low"].fillna(frame["value"])
    frame["base_low"] = frame["base_low"].fillna(frame["base"])
    frame["share"] = np.where(frame["base"] > 0, frame["value"] / frame["base"].where(frame["base"] > 0, 1), np.nan)
    # with ranges the share lies between this language's low end among the others' high ends and the reverse;
    # the interval spans both (without ranges both ends are value / base)
    confidence = float(params["confidence"])
    others_low, others_high = frame["base_low"] - frame["value_low"], frame["base"] - frame["value"]
    frame["ci_low"] = wilson_interval(frame["value_low"], frame["value_low"] + others_high, confidence)[0]
    frame["ci_high"] = wilson_interval(frame["value"], frame["value"] + others_low, confidence)[1]
    # company counts follow the disclosure rules; register figures (workshops, participations) are public
    # facts, satisfaction is ruled like the feedback summary (min_responses)
    companies = frame["measure"].isin(("companies", "service_requests"))
    ruled = disclosed(frame[companies].reset_index(drop=True), params, counts=("value", "value_low"),
                      bases={"base": ("share", "ci_low", "ci_high")},
                      complement={"value": "base", "value_low": "base_low"})
    ruled = _public_company_rows(ruled, params)
    rest = frame[~companies].reset_index(drop=True).assign(suppressed=False)
    small = (rest["measure"] == "satisfaction") & (rest["base"] < int(params.get("min_responses", 5)))
    rest.loc[small.to_numpy(), ["share", "ci_low", "ci_high"]] = np.nan
    rest["suppressed"] = small
    order = {m: i for i, m in enumerate(("companies", "workshops", "workshops_incl_bilingual", "participations",
                                         "participations_incl_bilingual", "satisfaction", "service_requests"))}
    out = pd.concat([ruled, rest], ignore_index=True)
    out = out.assign(_o=out["measure"].map(order), _l=out["language"].map(
        lambda c: (c.count("+"), LANGUAGES.index(c) if c in LANGUAGES else 9, c)))
    out = out.sort_values(["_o", "_l"], kind="stable").drop(columns=["_o", "_l"]).reset_index(drop=True)
    return conform(out, "language")
