"""Restatements in tiers: repeated, restates, possibly restates; one score, two operating points.

Every pair of sentences the repetition analysis reports has a ``kind``:

- ``repeated``: the later sentence repeats the earlier word for word or nearly
  (:mod:`analysis.repetition.repeats`); always reported, whatever the score. Its
  similarity is 1.0 everywhere (table, heatmap), so every view agrees.
- ``restates``: the in-article score is at least the precision-oriented threshold
  (:data:`~analysis.repetition.restatements.RESTATEMENT_THRESHOLD`) and the two share
  :data:`~analysis.repetition.restatements.MIN_SHARED_WORDS` content lemmas, or the later
  sentence opens with a connective that announces a restatement of the one before
  ("In other words, ...", ``analysis/data/restatement_connectives.txt``).
- ``possibly``: the score is at least the recall-oriented :data:`POSSIBLY_THRESHOLD` and
  the pair shares :data:`POSSIBLY_MIN_SHARED` content lemmas: listed for a reader to
  check, never drawn as an arc, never counted in ``restated_share``.

``repeated`` and ``restates`` count as restatements. Each pair carries the reason it was
reported (the shared words, the quote-after-report pattern, the connective).
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from analysis.repetition.restatements import _BestEarlier, _Pairs
from analysis.vocabulary import read_word_list, straighten_apostrophes

# The recall-oriented operating point of the same score: a pair at or above it (and below
# the restates threshold) is listed as "possibly restates". Chosen on the dev split of the
# labelled pairs (benchmarks/restatements): see benchmarks/RESULTS.md.
POSSIBLY_THRESHOLD = 0.08
# ... when the two sentences share at least this many content lemmas.
POSSIBLY_MIN_SHARED = 1
# The kinds, weakest first; a sentence's best earlier match is its pair of the strongest kind.
KINDS = ("possibly", "restates", "repeated")
COUNTED_KINDS = ("restates", "repeated")
_CONNECTIVE = re.compile(
    r"^\W*("
    + "|".join(re.escape(c) for c in read_word_list("restatement_connectives.txt"))
    + r")\s*[,:\u2014\u2013-]",
    re.IGNORECASE,
)


class Tiered(NamedTuple):
    """Reported pairs as parallel arrays (sentence ids from 1), ordered by later then earlier."""

    earlier: np.ndarray
    later: np.ndarray
    similarity: np.ndarray
    n_shared: np.ndarray
    kind: np.ndarray  # object array of KINDS
    reason: np.ndarray  # object array of str


def connective(text: str) -> str | None:
    """The restating connective a sentence opens with ("in other words"), lower-case, or None."""
    match = _CONNECTIVE.match(straighten_apostrophes(text))
    return match.group(1).lower() if match else None


def tiered_pairs(
    candidates: _Pairs,
    repeats: list,
    connectives: list[str | None],
    reasons,
    threshold: float,
    min_shared: int,
) -> Tiered:
    """The pairs to report, each with its kind and reason.

    Args:
        candidates: Every candidate pair with its in-article score and shared lemmas.
        repeats: The article's :class:`~analysis.repetition.repeats.Repeat` pairs.
        connectives: Per sentence (in reading order), its restating connective or None.
        reasons: ``reasons(earlier, later) -> str``, why a scored pair was reported.
        threshold, min_shared: The ``restates`` operating point.
    """
    rows: dict[tuple[int, int], tuple[float, int, str, str]] = {}
    scores = {
        (int(e), int(later)): (float(s), int(n)) for e, later, s, n in zip(*candidates, strict=True)
    }
    possibly_at = min(POSSIBLY_THRESHOLD, threshold)
    for (e, later), (score, n) in scores.items():
        if score >= threshold and n >= min_shared:
            rows[(e, later)] = (score, n, "restates", reasons(e, later))
        elif score >= possibly_at and n >= POSSIBLY_MIN_SHARED:
            rows[(e, later)] = (score, n, "possibly", reasons(e, later))
    for row, phrase in enumerate(connectives):
        if phrase is not None and row > 0:
            score, n = scores.get((row, row + 1), (0.0, 0))
            rows[(row, row + 1)] = (score, n, "restates", f'opens with "{phrase}"')
    for repeat in repeats:
        _, n = scores.get((repeat.earlier, repeat.later), (0.0, 0))
        how = "word for word" if repeat.exact else "nearly word for word"
        rows[(repeat.earlier, repeat.later)] = (1.0, n, "repeated", f"repeats it {how}")
    keys = sorted(rows, key=lambda pair: (pair[1], pair[0]))
    values = [rows[k] for k in keys]
    return Tiered(
        earlier=np.array([k[0] for k in keys], dtype=np.int64),
        later=np.array([k[1] for k in keys], dtype=np.int64),
        similarity=np.array([v[0] for v in values], dtype=float),
        n_shared=np.array([v[1] for v in values], dtype=np.int64),
        kind=np.array([v[2] for v in values], dtype=object),
        reason=np.array([v[3] for v in values], dtype=object),
    )


def best_earlier(fallback: _BestEarlier, sentence_ids: list[int], pairs: Tiered) -> _BestEarlier:
    """Per sentence, its best earlier match: the strongest kind, then the highest score.

    ``is_restatement`` holds for the counted kinds (``repeated``, ``restates``); a
    sentence whose best match is ``possibly`` keeps that match's id and score with
    ``is_restatement`` False. Ties go to the earliest sentence. A sentence with no
    reported pair keeps ``fallback``'s best candidate score (below both thresholds).
    """
    rank = np.array([KINDS.index(k) for k in pairs.kind], dtype=np.int64)
    order = np.lexsort((pairs.earlier, -pairs.similarity, -rank, pairs.later))
    first = np.ones(len(order), dtype=bool)
    first[1:] = pairs.later[order][1:] != pairs.later[order][:-1]
    chosen = order[first]
    position = {sentence_id: i for i, sentence_id in enumerate(sentence_ids)}
    rows = np.array([position[i] for i in pairs.later[chosen].tolist()], dtype=np.int64)
    similarity, earlier = fallback.similarity.copy(), fallback.earlier.copy()
    similarity[rows] = pairs.similarity[chosen]
    earlier[rows] = pairs.earlier[chosen]
    kind = np.full(len(sentence_ids), None, dtype=object)
    kind[rows] = pairs.kind[chosen]
    reason = np.full(len(sentence_ids), "", dtype=object)
    reason[rows] = pairs.reason[chosen]
    return _BestEarlier(similarity, earlier, np.isin(kind, COUNTED_KINDS), kind, reason)
