"""Accuracy of :mod:`analysis.attributions` on PolNeAR's development split.

Reads ``../shared/corpus/polnear-dev/`` (84 US political news articles, every
attribution marked in brat standoff; read from there, never copied) and prints:

- **recall**: gold attributions found; a gold one is found when one predicted
  attribution's content covers at least half of its content words;
- **precision**: predicted attributions that count; one counts when at least half of
  its content words lie in gold content (in any gold attribution, and, stricter,
  in a single one);
- **source accuracy**: among found gold attributions with an annotated source, the
  share whose best-matching prediction has a source or speaker sharing a word with it;

and the same for the baseline, textacy's ``direct_quotations`` when textacy is
installed (an optional dev tool, never a run-time dependency), else "quoted spans
only" (every quotation of four or more words, no source).

Content words are ``\\w+`` words that are not stop words
(:func:`analysis.vocabulary.stop_words`). Articles annotated twice are scored
against the first annotator's file (sorted by name). Predictions on the cleaned
article text are mapped back to the file's words by aligning the two word sequences.

    .venv/bin/python -m benchmarks.attributions [--limit N] [--verbose]
    .venv/bin/python -m benchmarks.attributions --cost 100   # CPU time against the parse
"""

from __future__ import annotations

import argparse
import difflib
import re
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from analysis.article import load_article
from analysis.attributions import MIN_QUOTE_WORDS, attribution_result, quote_spans
from analysis.paths import PROJECT_DIR
from analysis.vocabulary import stop_words

POLNEAR_DIR = PROJECT_DIR.parent / "shared" / "corpus" / "polnear-dev"
WORD = re.compile(r"\w+")
# Words that say nothing about who a source is ("the source" vs "a source").
SOURCE_FILLER = frozenset({"the", "a", "an", "of", "s", "its", "his", "her", "their"})


@dataclass
class Gold:
    content: set[int]  # content-word indices of the file
    source: set[str] = field(default_factory=set)  # lower-case source words


@dataclass
class Prediction:
    content: set[int]
    source: set[str]


def _spans(field_text: str) -> list[tuple[int, int]]:
    """``Label 1 5;7 9`` -> [(1, 5), (7, 9)]."""
    offsets = field_text.split(" ", 1)[1]
    return [tuple(int(x) for x in part.split()) for part in offsets.split(";")]


def read_gold(ann: Path, text: str, content_index: dict[int, int]) -> list[Gold]:
    """The attributions of one ``.ann`` file, as content-word index sets and source words."""
    spans, golds = {}, []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            spans[parts[0]] = _spans(parts[1])
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("E"):
            continue
        roles = [arg.split(":") for arg in line.split("\t")[1].split()]
        content, source = set(), set()
        for role, ref in roles:
            for start, end in spans.get(ref, []):
                if role.startswith("Content"):
                    content |= _words_in(content_index, start, end)
                elif role.startswith("Source"):
                    source |= _source_words(text[start:end])
        if content:
            golds.append(Gold(content, source))
    return golds


def _source_words(text: str | None) -> set[str]:
    return {w.lower() for w in WORD.findall(text or "")} - SOURCE_FILLER


def _words_in(content_index: dict[int, int], start: int, end: int) -> set[int]:
    """Indices of the content words whose first character lies in [start, end)."""
    return {i for offset, i in content_index.items() if start <= offset < end}


def _word_alignment(raw: str, cleaned: str) -> tuple[list[re.Match], dict[int, int]]:
    """Words of the cleaned text mapped to word numbers of the raw file."""
    raw_words = list(WORD.finditer(raw))
    clean_words = list(WORD.finditer(cleaned))
    matcher = difflib.SequenceMatcher(
        None,
        [m.group().lower() for m in raw_words],
        [m.group().lower() for m in clean_words],
        autojunk=False,
    )
    mapping = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.b + k] = block.a + k
    return clean_words, mapping


@dataclass
class ArticleWords:
    raw: str
    content_index: dict[int, int]  # char offset of a content word -> its word number
    clean_words: list[re.Match]
    to_raw: dict[int, int]

    def content_words(self, spans) -> set[int]:
        """Content-word numbers of the raw file covered by spans of the cleaned text."""
        covered = set()
        for number, match in enumerate(self.clean_words):
            if any(start <= match.start() < end for start, end in spans) and number in self.to_raw:
                covered.add(self.to_raw[number])
        return covered & set(self.content_index.values())


def article_words(raw: str, cleaned: str) -> ArticleWords:
    stops = stop_words()
    content_index = {
        m.start(): number
        for number, m in enumerate(WORD.finditer(raw))
        if m.group().lower() not in stops
    }
    clean_words, to_raw = _word_alignment(raw, cleaned)
    return ArticleWords(raw, content_index, clean_words, to_raw)


def ours(article, words: ArticleWords) -> list[Prediction]:
    return [
        Prediction(words.content_words(a.spans), _source_words(a.source) | _source_words(a.speaker))
        for a in attribution_result(article).attributions
    ]


def baseline(article, words: ArticleWords) -> list[Prediction]:
    """textacy's direct_quotations if installed, else every quotation of 4+ words."""
    try:
        from textacy.extract import direct_quotations
    except ImportError:
        text = article.text
        return [
            Prediction(words.content_words([q]), set())
            for q in quote_spans(text)
            if len(WORD.findall(text[q[0] : q[1]])) >= MIN_QUOTE_WORDS
        ]
    predictions = []
    try:
        triples = list(direct_quotations(article.doc))
    except ValueError:
        # textacy refuses a text with an odd number of quote marks ("it's safest to
        # bail out"): it finds nothing there, and so scores nothing.
        return []
    for triple in triples:
        spans = [(t.idx, t.idx + len(t.text)) for t in triple.content]
        source = " ".join(t.text for t in triple.speaker)
        predictions.append(Prediction(words.content_words(spans), _source_words(source)))
    return predictions


def baseline_name() -> str:
    try:
        import textacy
    except ImportError:
        return "quoted spans only (textacy not installed)"
    return f"textacy {textacy.__version__} direct_quotations"


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0  # at least half its words in gold content (any gold)
    correct_single: int = 0  # ... in one gold attribution
    sourced: int = 0  # found gold with an annotated source
    source_right: int = 0

    def add(self, golds: list[Gold], predictions: list[Prediction]) -> None:
        predictions = [p for p in predictions if p.content]
        all_gold = set().union(*(g.content for g in golds)) if golds else set()
        self.gold += len(golds)
        self.predicted += len(predictions)
        for p in predictions:
            self.correct += 2 * len(p.content & all_gold) >= len(p.content)
            self.correct_single += any(
                2 * len(p.content & g.content) >= len(p.content) for g in golds
            )
        for g in golds:
            covering = [p for p in predictions if 2 * len(p.content & g.content) >= len(g.content)]
            if not covering:
                continue
            self.found += 1
            if g.source:
                self.sourced += 1
                best = max(covering, key=lambda p: len(p.content & g.content))
                self.source_right += bool(best.source & g.source)

    def summary(self) -> dict:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else float("nan")

        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "recall": ratio(self.found, self.gold),
            "precision": ratio(self.correct, self.predicted),
            "precision_single_gold": ratio(self.correct_single, self.predicted),
            "source_accuracy": ratio(self.source_right, self.sourced),
        }


def annotation_files() -> list[tuple[Path, Path]]:
    """(text, first annotator's .ann) per article, in name order."""
    pairs = []
    for text in sorted((POLNEAR_DIR / "text").glob("*.txt")):
        anns = sorted((POLNEAR_DIR / "attributions").glob(f"{text.stem}_*.ann"))
        if anns:
            pairs.append((text, anns[0]))
    return pairs


def evaluate(limit: int | None = None, verbose: bool = False) -> dict:
    """Score the module and the baseline over the development split."""
    if not POLNEAR_DIR.is_dir():
        raise SystemExit(f"error: {POLNEAR_DIR}: PolNeAR development split not found")
    ours_tally, base_tally = Tally(), Tally()
    for text_path, ann in annotation_files()[:limit]:
        raw = text_path.read_text(encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            article = load_article(text_path)
        words = article_words(raw, article.text)
        golds = read_gold(ann, raw, words.content_index)
        ours_tally.add(golds, ours(article, words))
        base_tally.add(golds, baseline(article, words))
        if verbose:
            print(text_path.stem, Tally.summary(_one(golds, ours(article, words))))
    return {"ours": ours_tally.summary(), "baseline": base_tally.summary()}


def _one(golds, predictions) -> Tally:
    tally = Tally()
    tally.add(golds, predictions)
    return tally


def cost(n_articles: int = 100) -> dict:
    """CPU seconds of the attribution analysis against the spaCy parse of the same texts.

    The first ``n_articles`` BBC articles (every topic in turn) are loaded; for each, the
    parse is timed again on the cleaned text (the model's full pipeline, as
    ``load_article`` runs it), the entities are computed first (the full analysis needs
    them anyway), then :func:`~analysis.attributions.attribution_result` is timed alone.
    """
    from analysis import entities
    from analysis.attributions.pipeline import compute
    from analysis.nlp import get_nlp

    bbc = PROJECT_DIR.parent / "shared" / "corpus" / "bbc"
    topics = [sorted(folder.glob("*.txt")) for folder in sorted(bbc.iterdir()) if folder.is_dir()]
    paths = [p for group in zip(*topics, strict=False) for p in group][:n_articles]
    nlp, parse, attribution = get_nlp(), 0.0, 0.0
    for path in paths:
        article = load_article(path)
        entities.mentions(article)
        started = time.process_time()
        nlp(article.text)
        parse += time.process_time() - started
        started = time.process_time()
        compute(article)
        attribution += time.process_time() - started
    return {
        "articles": len(paths),
        "parse_s": round(parse, 2),
        "attributions_s": round(attribution, 2),
        "ratio": round(attribution / parse, 4),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--verbose", action="store_true", help="one line per article")
    parser.add_argument(
        "--cost", type=int, metavar="N", help="instead: time against the parse on N BBC articles"
    )
    args = parser.parse_args(argv)
    if args.cost:
        result = cost(args.cost)
        print(result)
        return result
    started = time.perf_counter()
    results = evaluate(args.limit, args.verbose)
    print(f"PolNeAR dev, {results['ours']['gold']} gold attributions")
    print(
        f"{'':34}{'recall':>8}{'precision':>11}{'(single)':>10}{'source acc':>12}{'predicted':>11}"
    )
    for label, name in (("analysis.attributions", "ours"), (baseline_name(), "baseline")):
        r = results[name]
        print(
            f"{label[:33]:34}{r['recall']:>8.3f}{r['precision']:>11.3f}"
            f"{r['precision_single_gold']:>10.3f}{r['source_accuracy']:>12.3f}{r['predicted']:>11}"
        )
    print(f"({time.perf_counter() - started:.0f} s)")
    return results


if __name__ == "__main__":
    main()
