"""Emerging themes: candidate themes among the answers the coder left in ``other``.

``emerging_themes(texts, codes, params)`` takes the ``other`` answers, represents each by TF-IDF over its
content lemmas and compound parts (stop words out), and clusters them with k-means on the L2-normalised
vectors. k is chosen by stability, not fixed: for each k from 2 to ``emerging_max_clusters`` (and below the
number of distinct answers) k-means is refitted on ``emerging_runs`` resamples of ``emerging_sample_share`` of
the answers, each fit labels all answers, and the mean pairwise adjusted Rand index of those labellings is
the k's stability; the most stable k wins (ties: the smaller k) among the k whose clustering of all answers
puts at most ``emerging_max_small_share`` of them in clusters smaller than ``emerging_min_cluster_size``
(one group when no k qualifies). Fewer than ``emerging_min_answers``
distinct answers form one group without clustering; none give an empty table.

A cluster smaller than ``emerging_min_cluster_size``, or whose answers share no lemma, is scattered
leftovers and is left out. Each remaining cluster is named by its ``emerging_label_terms`` lemmas that most
of its answers share (ties by TF-IDF weight) and shown with up to ``emerging_examples`` answers nearest its
centre. Clusters are numbered by size (largest first), ties by
label.
"""
from __future__ import annotations

import re
from itertools import combinations
from typing import Mapping

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from pipeline import schemas
from pipeline.coding.coder import coding_params
from pipeline.coding.taxonomy import OTHER
from pipeline.privacy import PLACEHOLDERS
from pipeline.text.normalise import TextNormaliser


_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))


def _content(normaliser: TextNormaliser, text: str, lang: str) -> list[str]:
    """The content lemmas of ``text``; of an answer in none of fi/sv/en (``lang`` ""), read through its closest
    language, without the stop words of its own language (French "il, très, sont" labelled a theme)."""
    lemmas = normaliser.analyse(text, lang=lang or None).content_lemmas
    if lang:
        return lemmas
    own = normaliser.foreign_stop_words(text)
    return [w for w in lemmas if w not in own]


def _identity(tokens):
    return tokens


def _stable_k(matrix, params: Mapping) -> int:
    n = matrix.shape[0]
    k_max = min(int(params["emerging_max_clusters"]), n - 1)
    if k_max < 2:
        return 1
    runs = int(params["emerging_runs"])
    share = float(params["emerging_sample_share"])
    rng = np.random.default_rng(int(params["emerging_seed"]))
    samples = [np.sort(rng.choice(n, size=max(2, int(round(share * n))), replace=False)) for _ in range(runs)]
    best_k, best_stability = 1, -np.inf
    for k in range(2, k_max + 1):
        labellings = []
        for r, sample in enumerate(samples):
            if len(sample) <= k:
                continue
            model = KMeans(n_clusters=k, n_init=1, random_state=int(params["emerging_seed"]) + r)
            model.fit(matrix[sample])
            labellings.append(model.predict(matrix))
        if len(labellings) < 2:
            continue
        full = KMeans(n_clusters=k, n_init=1, random_state=int(params["emerging_seed"])).fit_predict(matrix)
        sizes = np.bincount(full, minlength=k)
        small = sizes[sizes < int(params["emerging_min_cluster_size"])].sum()
        if small > float(params["emerging_max_small_share"]) * n:
            continue  # a k that scatters answers into tiny clusters is splitting noise, however repeatably
        stability = float(np.mean([adjusted_rand_score(a, b) for a, b in combinations(labellings, 2)]))
        if stability > best_stability + 1e-9:
            best_k, best_stability = k, stability
    return best_k


def topic_codes(texts: pd.DataFrame, topics) -> pd.DataFrame:
    """The needs texts coded into the taxonomy's ``other_topics`` by ``topics`` (a ``ThemeCoder`` of them):
    ``text_id, theme, themes, confidence, evidence`` as ``ThemeCoder.code`` gives them; empty without a coder.
    A topic is one the answer's own words name: none is lent by similar answers (QA round 40 F1: "Verkkokaupan
    perustaminen." was given financing because two answers beginning with the same words went on to a bank
    loan; the words an answer with no topic seed shares with those are a workshop theme's)."""
    columns = ["text_id", "lang", "theme", "themes", "confidence", "evidence"]
    # option labels and grid statements are no answers: not coded (the readers leave them out anyway)
    answers = texts[~texts["source"].isin(("option", "item"))] if "source" in texts.columns else texts
    if topics is None or answers.empty:
        return pd.DataFrame(columns=columns)
    return topics.code(answers[["text_id", "text"]], similar=False)


def _named_topics(coded: pd.DataFrame) -> pd.Series:
    """text_id → the topic slugs its code names (``other`` aside)."""
    return coded.set_index("text_id")["themes"].fillna("").astype(str).map(
        lambda t: [s for s in t.split(";") if s and s != OTHER])


def company_topics(texts: pd.DataFrame, codes: pd.DataFrame, topic_codes: pd.DataFrame,
                   company_of: Mapping[str, str]) -> pd.DataFrame:
    """``company_id, theme`` (a topic slug): each company whose needs answers name the topic (``topic_codes``),
    once (schema ``company_topics``; the routing reads it)."""
    answers = _answers(texts, codes, company_of)
    if answers.empty or topic_codes.empty:
        return schemas.empty("company_topics")
    named = _named_topics(topic_codes)
    rows = {(company, slug) for tid, company in zip(answers["text_id"], answers["_company"])
            for slug in named.get(tid, [])}
    return schemas.conform(pd.DataFrame(sorted(rows), columns=["company_id", "theme"]), "company_topics")


def _answers(texts: pd.DataFrame, codes: pd.DataFrame, company_of: Mapping[str, str]) -> pd.DataFrame:
    """The answers (not option labels nor grid statements, nor empty) with their code's ``lang`` and ``theme`` and
    their company (``_company``; an answer of no known company counts as its respondent's, or as its own)."""
    answers = texts[["text_id", "text"] + [c for c in ("source", "respondent_id") if c in texts.columns]].merge(
        codes[["text_id", "lang", "theme"]], on="text_id", how="inner")
    who = answers["respondent_id"].astype("string") if "respondent_id" in answers.columns else answers["text_id"]
    answers = answers.assign(_company=[company_of.get(str(r), str(r)) if not pd.isna(r) else str(t)
                                       for r, t in zip(who, answers["text_id"])])
    if "source" in answers.columns:
        # option labels and grid statements are the questionnaire's words, not answers ("customer services", a
        # rating grid's statement, made an emerging theme with an answer that said it too; QA round 12)
        answers = answers[~answers["source"].isin(("option", "item"))]
    return answers[answers["text"].notna() & (answers["text"].astype(str).str.strip() != "")]


def _topic_rows(answers: pd.DataFrame, topic_codes: pd.DataFrame, taxonomy, lang: str,
                n_examples: int) -> tuple[list[dict], set[str]]:
    """One row per topic of ``taxonomy`` (the taxonomy's ``other_topics``) that an answer names (``topic_codes``),
    and the ids of the answers that named one. Examples: the answers left in ``other`` first, then by the topic
    coder's confidence."""
    coded = topic_codes.set_index("text_id")
    named = _named_topics(topic_codes)
    rows, found = [], set()
    # the answers' own codes: the texts coded hold option labels and grid statements too, which are no answers
    mine_ids = set(answers["text_id"].astype(str))
    for slug in taxonomy.slugs:
        ids = [tid for tid, slugs in named.items() if slug in slugs and str(tid) in mine_ids]
        if not ids:
            continue
        found.update(ids)
        mine = answers[answers["text_id"].isin(ids)].assign(
            _c=lambda f: f["text_id"].map(coded["confidence"]).astype(float),
            _o=lambda f: f["theme"] != OTHER)
        mine = mine.sort_values(["_o", "_c", "text"], ascending=[True, False, True], kind="stable")
        examples = list(dict.fromkeys(mine["text"].astype(str)))[:n_examples]
        rows.append({"topic": slug, "label": taxonomy.name(slug, lang), "answers": len(ids),
                     "companies": int(mine["_company"].nunique()), "examples": examples})
    return rows, found


def emerging_themes(texts: pd.DataFrame, codes: pd.DataFrame, params: Mapping,
                    *, normaliser: TextNormaliser | None = None, topics=None,
                    company_of: Mapping[str, str] | None = None, lang: str = "fi",
                    coded_topics: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the ``emerging_themes`` table: the taxonomy's named other needs and clusters of the answers coded
    ``other``, each with its answers and companies.

    ``texts`` has ``text_id`` and ``text``; ``codes`` has ``text_id``, ``lang`` and ``theme``. Option labels and
    grid statements (``source`` ``option`` and ``item``, when the column exists) are left out: they are not
    answers; so are the placeholders of removed contact details (``[email]``). ``topics`` (a ``ThemeCoder`` of the
    taxonomy's ``other_topics``, or None; ``coded_topics`` its codes of the texts, ``topic_codes``, when the
    caller has them) reads every answer, one coded to a theme too, for the needs named besides the themes: one row each (``topic`` its slug, ``label`` its name in ``lang``); the ``other`` answers
    that name none are clustered. Identical answers count once per row in ``answers`` but are clustered once.
    ``company_of`` maps a respondent to its company, so that ``companies`` counts a company once (its check-all
    "other" text and its open answer are two answers; QA round 33). ``normaliser`` lets the caller reuse the
    coder's (and its caches); otherwise one is made from ``params``.
    """
    answers = _answers(texts, codes, company_of or {})
    if answers.empty:
        return schemas.empty("emerging_themes")
    params = coding_params(params)
    if topics is not None and coded_topics is None:
        coded_topics = topic_codes(answers, topics)
    topic_rows, named = ([], set()) if topics is None else _topic_rows(
        answers, coded_topics, topics.taxonomy, lang, int(params["emerging_examples"]))
    merged = answers[(answers["theme"] == OTHER) & ~answers["text_id"].isin(named)]
    rows = _cluster_rows(merged, params, normaliser) if not merged.empty else []
    rows = topic_rows + rows
    if not rows:
        return schemas.empty("emerging_themes")
    rows.sort(key=lambda r: (-r["companies"], -r["answers"], r["label"]))
    frame = pd.DataFrame(rows, columns=["topic", "label", "answers", "companies", "examples"])
    frame.insert(0, "cluster_id", range(1, len(frame) + 1))
    # the share of the survey's companies is the caller's to add: it knows the survey's companies
    frame = frame.assign(base=pd.NA, share=float("nan"), ci_low=float("nan"), ci_high=float("nan"))
    return schemas.conform(frame, "emerging_themes")


def _cluster_rows(merged: pd.DataFrame, params: Mapping, normaliser: TextNormaliser | None) -> list[dict]:
    """The clusters of the ``other`` answers ``merged`` as rows (``topic`` ""), as the module docstring says."""
    normaliser = normaliser or TextNormaliser(params)
    counts = merged.groupby("text", sort=True).size()
    langs = merged.sort_values("text_id").groupby("text", sort=True)["lang"].first()
    unique = list(counts.index)
    # a text in none of fi/sv/en has lang "": it is read as its closest language again
    # the placeholders of removed contact details are no topic ("email, phone" was an emerging theme of 32
    # answers that gave their contact details; QA round 12)
    docs = [_content(normaliser, _PLACEHOLDER.sub(" ", t), langs[t]) for t in unique]
    keep = [i for i, d in enumerate(docs) if d]
    n_label = int(params["emerging_label_terms"])
    n_examples = int(params["emerging_examples"])
    if not keep:
        return []
    unique = [unique[i] for i in keep]
    docs = [docs[i] for i in keep]
    vectoriser = TfidfVectorizer(analyzer=_identity, lowercase=False, sublinear_tf=True, norm="l2")
    matrix = vectoriser.fit_transform(docs)
    terms = np.array(vectoriser.get_feature_names_out())
    if len(unique) < int(params["emerging_min_answers"]):
        labels = np.zeros(len(unique), dtype=int)
    else:
        k = _stable_k(matrix, params)
        if k == 1:
            labels = np.zeros(len(unique), dtype=int)
        else:
            model = KMeans(n_clusters=k, n_init=10, random_state=int(params["emerging_seed"]))
            labels = model.fit_predict(matrix)
    rows = []
    min_size = int(params["emerging_min_cluster_size"])
    for cluster in sorted(set(labels)):
        members = np.flatnonzero(labels == cluster)
        centre = np.asarray(matrix[members].mean(axis=0)).ravel()
        shared = np.asarray((matrix[members] > 0).sum(axis=0)).ravel()
        # a candidate theme is something several answers say: a group whose answers share no lemma (or
        # a lone answer) is scattered leftovers, not a theme, and is not offered to the steering group
        if len(members) < min_size or shared.max(initial=0) < min(2, len(members)):
            continue
        order = sorted(range(len(terms)), key=lambda j: (-shared[j], -centre[j], terms[j]))
        label = ", ".join(terms[j] for j in order[:n_label] if centre[j] > 0)
        closeness = np.asarray(matrix[members] @ centre).ravel()
        nearest = sorted(range(len(members)), key=lambda m: (-closeness[m], unique[members[m]]))
        examples = [unique[members[m]] for m in nearest[:n_examples]]
        answers = int(sum(counts[unique[m]] for m in members))
        texts_in = {unique[m] for m in members}
        companies = int(merged.loc[merged["text"].isin(texts_in), "_company"].nunique())
        rows.append({"topic": "", "label": label, "answers": answers, "companies": companies,
                     "examples": examples})
    return rows
