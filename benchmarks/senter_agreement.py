"""Would spaCy's ``senter`` do instead of the parser? Sentence-boundary agreement and speed.

Usage: ``python -m benchmarks.senter_agreement [--bbc 200]``

The analyses read the dependency parse only for sentence boundaries, and the model
ships a small sentence recognizer (``senter``, disabled by default) that is much
cheaper than the parser. This compares the sentence starts of the package's pipeline
(parser) with those of the same pipeline with the parser excluded and ``senter``
enabled, both after the package's ``paragraph_starts`` component, on texts cleaned
by :func:`analysis.article.prepare`:

- BBC News (a round-robin sample over the five topics),
- the 15 HTML pages of ``../shared/corpus/html`` (extracted text),
- the 84 articles of ``../shared/corpus/polnear-dev/text``.

Reported per set: boundary precision and recall of senter against the parser (the
parser taken as reference, not as truth), the share of articles split identically,
and the time of each pipeline. The parser stays: the attributions analysis reads
the dependency tree itself (see benchmarks/RESULTS.md).
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

from analysis.paths import PROJECT_DIR

CORPUS = PROJECT_DIR.parent / "shared" / "corpus"


def texts_of(paths: list[Path]) -> list[str]:
    """Cleaned article bodies, as the package would parse them (unreadable files skipped)."""
    from analysis.article import prepare
    from analysis.errors import ArticleError

    texts = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in paths:
            try:
                texts.append(prepare(path).text)
            except ArticleError:
                continue
    return texts


def bbc_paths(n: int) -> list[Path]:
    topics = [
        sorted((CORPUS / "bbc" / t).glob("*.txt"))
        for t in sorted(p.name for p in (CORPUS / "bbc").iterdir() if p.is_dir())
    ]
    return [f for group in zip(*topics, strict=False) for f in group][:n]


def senter_pipeline():
    """The package's pipeline with the parser excluded and senter enabled."""
    import spacy

    from analysis.nlp import MAX_CHUNK_CHARS, get_nlp, model_package

    get_nlp()  # registers the paragraph_starts component
    nlp = spacy.load(model_package(), exclude=["parser"])
    nlp.enable_pipe("senter")
    nlp.add_pipe("paragraph_starts", before="senter")
    nlp.max_length = MAX_CHUNK_CHARS + 10
    return nlp


def sentence_starts(docs) -> list[set[int]]:
    return [{s.start_char for s in doc.sents if s.text.strip()} for doc in docs]


def compare_set(name: str, texts: list[str], parser_nlp, senter_nlp) -> dict:
    started = time.perf_counter()
    reference = sentence_starts(parser_nlp.pipe(texts))
    parser_seconds = time.perf_counter() - started
    started = time.perf_counter()
    candidate = sentence_starts(senter_nlp.pipe(texts))
    senter_seconds = time.perf_counter() - started
    agreed = sum(len(r & c) for r, c in zip(reference, candidate, strict=True))
    n_reference = sum(map(len, reference))
    n_candidate = sum(map(len, candidate))
    return {
        "set": name,
        "articles": len(texts),
        "parser_sentences": n_reference,
        "senter_sentences": n_candidate,
        "precision": agreed / n_candidate,
        "recall": agreed / n_reference,
        "identical_articles": sum(r == c for r, c in zip(reference, candidate, strict=True))
        / len(texts),
        "parser_s": parser_seconds,
        "senter_s": senter_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bbc", type=int, default=200, help="BBC articles to sample")
    args = parser.parse_args()
    from analysis.nlp import get_nlp

    parser_nlp, senter_nlp = get_nlp(), senter_pipeline()
    sets = {
        f"BBC ({args.bbc})": texts_of(bbc_paths(args.bbc)),
        "HTML pages": texts_of(sorted((CORPUS / "html").glob("*.html"))),
        "PolNeAR dev": texts_of(sorted((CORPUS / "polnear-dev" / "text").glob("*.txt"))),
    }
    print(
        "| set | articles | parser sentences | senter sentences | precision | recall "
        "| identical articles | parser s | senter s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, texts in sets.items():
        r = compare_set(name, texts, parser_nlp, senter_nlp)
        print(
            f"| {r['set']} | {r['articles']} | {r['parser_sentences']} | "
            f"{r['senter_sentences']} | {r['precision']:.3f} | {r['recall']:.3f} | "
            f"{r['identical_articles']:.0%} | {r['parser_s']:.1f} | {r['senter_s']:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
