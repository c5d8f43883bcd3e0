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


def emerging_themes(texts: pd.DataFrame, codes: pd.DataFrame, params: Mapping,
                    *, normaliser: TextNormaliser | None = None) -> pd.DataFrame:
    """Return the ``emerging_themes`` table: clusters of the answers coded ``other``.

    ``texts`` has ``text_id`` and ``text``; ``codes`` has ``text_id``, ``lang`` and ``theme``. Option labels and
    grid statements (``source`` ``option`` and ``item``, when the column exists) are left out: they are not
    answers; so are the placeholders of removed contact details (``[email]``). Identical answers
    count once per row in ``answers`` but are clustered once. ``normaliser`` lets the caller reuse the
    coder's (and its caches); otherwise one is made from ``params``.
    """
    merged = texts[["text_id", "text"] + (["source"] if "source" in texts.columns else [])].merge(
        codes[["text_id", "lang", "theme"]], on="text_id", how="inner")
    merged = merged[merged["theme"] == OTHER]
    if "source" in merged.columns:
        # option labels and grid statements are the questionnaire's words, not answers ("customer services", a
        # rating grid's statement, made an emerging theme with an answer that said it too; QA round 12)
        merged = merged[~merged["source"].isin(("option", "item"))]
    merged = merged[merged["text"].notna() & (merged["text"].astype(str).str.strip() != "")]
    if merged.empty:
        return schemas.empty("emerging_themes")
    params = coding_params(params)
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
        return schemas.empty("emerging_themes")
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
        rows.append({"label": label, "answers": answers, "examples": examples})
    if not rows:
        return schemas.empty("emerging_themes")
    rows.sort(key=lambda r: (-r["answers"], r["label"]))
    frame = pd.DataFrame(rows)
    frame.insert(0, "cluster_id", range(1, len(frame) + 1))
    return schemas.conform(frame, "emerging_themes")
