"""Repeated sentences: a later sentence that says an earlier one again word for word, or nearly.

A repeat is certain in a way a restatement in other words is not, so it is found by
rule, not by the pair scorer, and reported whatever its length (an interviewee saying
"I'm not making that point." four times). Two sentences are a repeat when their words,
compared lower-cased with punctuation left out, are the same (at least
:data:`MIN_REPEAT_WORDS` words), or the same up to:

- a speaker label opening the sentence ("MS PRELOGAR: ..."),
- a name for a pronoun ("He said ..." / "Smith said ..."), and
- a few words added or dropped (at most :data:`MAX_ADDED_WORDS`, and at most half as
  many as the words they share, which must be at least :data:`MIN_NEAR_WORDS`).

A replaced word other than a pronoun for a name is a different sentence ("the plan
failed" / "the plan worked"), and so is an added or dropped negation or number (a
different claim or figure).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from typing import NamedTuple

from analysis.vocabulary import read_word_list, straighten_apostrophes

# Most words one sentence may add to (or drop from) the other and still repeat it.
MAX_ADDED_WORDS = 3
# Fewest words a near (not word-for-word) repeat must share with the earlier sentence.
MIN_NEAR_WORDS = 3
# Fewest words a sentence needs to count as repeated at all, one of them with a letter:
# a lone "2" or "No?" repeats nothing worth reporting (BBC team sheets number their lines).
MIN_REPEAT_WORDS = 2
# Words that stand for a name: a repeat may swap one for a name (one to three capitalised words).
PRONOUNS = frozenset(
    {
        *("he", "she", "it", "they", "him", "her", "them", "his", "hers", "its"),
        *("their", "theirs", "we", "us", "our", "i", "me", "my", "you", "your"),
    }
)
# Words whose adding or dropping changes the claim: the scorer's negations.
NEGATIONS = frozenset(read_word_list("negations.txt")) | {"cannot"}
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NUMBER = re.compile(r"\d")
# A speaker label opening a transcript's turn ("MS PRELOGAR:", "Q:"): who speaks, not
# what is said, so two turns saying the same line are a word-for-word repeat.
_SPEAKER_LABEL = re.compile(r"^\s*(?:[A-Z][A-Z.'\- ]{0,40}[A-Z.]|Q|A)\s*:\s*")


class Repeat(NamedTuple):
    """A later sentence repeating an earlier one (sentence ids from 1)."""

    earlier: int
    later: int
    exact: bool


def sentence_words(text: str) -> list[str]:
    """The words of a sentence as written (case kept), punctuation and a speaker label left out."""
    return _WORD.findall(_SPEAKER_LABEL.sub("", straighten_apostrophes(text)))


def find_repeats(texts: list[str]) -> list[Repeat]:
    """Every (earlier, later) pair of sentences where the later repeats the earlier.

    Args:
        texts: The sentences in reading order (sentence ``i`` has id ``i + 1``).

    Returns:
        The repeats, ordered by later then earlier sentence. Candidates are pairs with
        the same words or sharing a run of three words, so the work grows with the
        number of such pairs, not with the square of the sentences.
    """
    words = [sentence_words(text) for text in texts]
    lowered = [tuple(w.lower() for w in sentence) for sentence in words]
    repeats = []
    for earlier, later in sorted(_candidates(lowered), key=lambda pair: (pair[1], pair[0])):
        if lowered[earlier] == lowered[later]:
            repeats.append(Repeat(earlier + 1, later + 1, True))
        elif _near_repeat(words[earlier], words[later]):
            repeats.append(Repeat(earlier + 1, later + 1, False))
    return repeats


def _candidates(lowered: list[tuple[str, ...]]) -> set[tuple[int, int]]:
    """Row pairs (earlier, later) with the same words or a shared run of three words."""
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for row, sentence in enumerate(lowered):
        if not _repeatable(sentence):
            continue
        keys = {sentence} | {sentence[k : k + 3] for k in range(len(sentence) - 2)}
        for key in keys:
            by_key[key].append(row)
    pairs = set()
    for rows in by_key.values():
        # A run shared by very many sentences ("said that the") is no evidence of a repeat;
        # their pairs come from the rarer runs they also share.
        if len(rows) > 50:
            continue
        pairs.update((a, b) for i, a in enumerate(rows) for b in rows[i + 1 :])
    return pairs


def _repeatable(words: tuple[str, ...]) -> bool:
    """Whether a sentence is long enough to report as a repeat (a label "Subs:" is not)."""
    return len(words) >= MIN_REPEAT_WORDS and any(w[:1].isalpha() for w in words)


def _near_repeat(first: list[str], second: list[str]) -> bool:
    """Whether two sentences' words are the same up to added words and a name for a pronoun."""
    a, b = [w.lower() for w in first], [w.lower() for w in second]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    shared, added = 0, []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            shared += i2 - i1
        elif tag == "replace" and _name_for_pronoun(first[i1:i2], second[j1:j2]):
            shared += 1
        elif tag == "replace":
            return False
        else:
            added.extend(a[i1:i2] + b[j1:j2])
    if any(w in NEGATIONS or w.endswith("n't") or _NUMBER.search(w) for w in added):
        return False
    return shared >= MIN_NEAR_WORDS and len(added) <= MAX_ADDED_WORDS and 2 * len(added) <= shared


def _name_for_pronoun(one: list[str], other: list[str]) -> bool:
    """Whether one side is a pronoun and the other a name of one to three capitalised words."""
    for pronoun, name in ((one, other), (other, one)):
        if (
            len(pronoun) == 1
            and pronoun[0].lower() in PRONOUNS
            and 1 <= len(name) <= 3
            and all(word[:1].isupper() and word.lower() not in PRONOUNS for word in name)
        ):
            return True
    return False
