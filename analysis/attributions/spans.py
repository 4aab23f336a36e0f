"""Character spans of token runs: from token indices to offsets in ``article.text``."""

from __future__ import annotations

from analysis.article import Article


def char_runs(table, indices: set[int]) -> list[tuple[int, int]]:
    """Contiguous runs of tokens as character spans, from the article's token table
    (cheaper than a spaCy ``Token`` object per index)."""
    runs: list[tuple[int, int]] = []
    for i in sorted(indices):
        start = table.idx[i]
        end = start + len(table.text[i])
        if runs and i - 1 in indices:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def merge_spans(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Overlapping or touching spans merged; edges without spaces, commas or dashes."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    trimmed = []
    for start, end in merged:
        while start < end and (text[start].isspace() or text[start] in ",;:.—–-"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-"):
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed


def overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether ``span`` shares a character with any of ``spans``."""
    return any(span[0] < end and start < span[1] for start, end in spans)


def sentence_ids(article: Article, spans: list[tuple[int, int]]) -> tuple[int, ...]:
    """Ids of every sentence the character spans touch, in order."""
    ids = set()
    for start, end in spans:
        first, last = article.sentence_at(start), article.sentence_at(max(end - 1, start))
        if first is not None and last is not None:
            ids.update(range(first.id, last.id + 1))
    return tuple(sorted(ids))
