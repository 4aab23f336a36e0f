"""How the repetition analysis scales: 10 KB, 100 KB and 1 MB of real BBC news.

Each text is built by concatenating BBC articles from the shared corpus (in
file order) until it reaches the size, then loaded once with ``load_article``
(the spaCy parse, timed separately) and run through every function of
:mod:`analysis.repetition`. The restatement search is the part that could grow
quadratically; it uses an inverted index over rare features, so its time per
sentence should stay roughly flat.

For the 10 KB and 100 KB texts it also counts the restatement pairs an
exhaustive all-pairs comparison finds that the candidate search skips (pairs
sharing only features used in more than ``CANDIDATE_MAX_DF`` sentences).

Run: ``.venv/bin/python benchmarks/repetition_scaling.py``. Prints a table and
returns the results as a dict; asserts nothing.
"""

from __future__ import annotations

import time

import numpy as np

from analysis.paths import PROJECT_DIR

BBC = PROJECT_DIR.parent / "shared" / "corpus" / "bbc"
SIZES = {"10KB": 10_000, "100KB": 100_000, "1MB": 1_000_000}
# Exhaustive comparison is only run up to this size (it is the quadratic baseline).
EXHAUSTIVE_MAX_BYTES = 100_000


def build_text(n_bytes: int) -> str:
    """Whole BBC articles, headline and body, joined by blank lines until ``n_bytes``."""
    parts, size = [], 0
    for path in sorted(BBC.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace").strip()
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
        if size >= n_bytes:
            break
    return "\n\n".join(parts)


def missed_pairs(article) -> dict:
    """Restatement pairs found by exhaustive comparison but not by the candidate search."""
    from analysis import repetition

    similarity = repetition.similarity_matrix(article, max_size=article.n_sentences).to_numpy()
    lemmas = [
        {f for f in features if " " not in f} for features in repetition.sentence_features(article)
    ]
    upper = np.triu(np.ones_like(similarity, dtype=bool), k=1)
    exhaustive = upper & (similarity >= repetition.RESTATEMENT_THRESHOLD)
    pairs = zip(*np.nonzero(exhaustive), strict=True)
    n_exhaustive = sum(len(lemmas[i] & lemmas[j]) >= repetition.MIN_SHARED_WORDS for i, j in pairs)
    found = repetition.restatement_pairs(article)
    return {"exhaustive_pairs": int(n_exhaustive), "candidate_pairs": len(found)}


def run(label: str, n_bytes: int) -> dict:
    """Load one text and time each analysis on it."""
    from analysis import load_article, repetition

    text = build_text(n_bytes)
    started = time.perf_counter()
    article = load_article(text, slug=f"scaling-{label.lower()}")
    parse_seconds = time.perf_counter() - started
    timings = {}
    for name, function in [
        ("restatements", repetition.sentence_restatements),
        ("restatement_pairs", repetition.restatement_pairs),
        ("repeated_phrases", repetition.repeated_phrases),
        ("redundancy_measures", repetition.redundancy_measures),
        ("novelty_curve", repetition.novelty_curve),
        ("similarity_matrix", repetition.similarity_matrix),
    ]:
        started = time.perf_counter()
        function(article)
        timings[name] = time.perf_counter() - started
    total = sum(timings.values())
    result = {
        "bytes": len(text.encode("utf-8")),
        "n_sentences": article.n_sentences,
        "n_words": article.n_words,
        "parse_seconds": round(parse_seconds, 2),
        "repetition_seconds": round(total, 3),
        "ms_per_sentence": round(1000 * total / article.n_sentences, 3),
        "n_candidate_pairs": len(
            repetition.restatement_pairs(article, threshold=0.0, min_shared=0)
        ),
        "restated_share": round(float(repetition.restated_share(article)), 4),
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }
    if result["bytes"] <= EXHAUSTIVE_MAX_BYTES * 1.1:
        result |= missed_pairs(article)
    return result


def main() -> dict:
    """Measure every size, print a table and return ``{label: result}``."""
    results = {label: run(label, n_bytes) for label, n_bytes in SIZES.items()}
    print(
        f"{'size':<7}{'bytes':>10}{'sents':>7}{'parse s':>9}{'repet. s':>10}"
        f"{'ms/sent':>9}{'cand.pairs':>12}{'restated':>10}{'missed':>8}"
    )
    for label, r in results.items():
        missed = (
            f"{r['exhaustive_pairs'] - r['candidate_pairs']}/{r['exhaustive_pairs']}"
            if "exhaustive_pairs" in r
            else "-"
        )
        print(
            f"{label:<7}{r['bytes']:>10,}{r['n_sentences']:>7}{r['parse_seconds']:>9.1f}"
            f"{r['repetition_seconds']:>10.2f}{r['ms_per_sentence']:>9.3f}"
            f"{r['n_candidate_pairs']:>12,}{r['restated_share']:>10.3f}{missed:>8}"
        )
    for label, r in results.items():
        print(label, r["timings"])
    return results


if __name__ == "__main__":
    main()
