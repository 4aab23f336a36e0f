"""The one exception type for bad input, and the warnings the loader may issue."""

from __future__ import annotations

import re

# Characters a terminal or a log cannot show as they are: control characters (a newline
# in a file name would split the one-line message) and the lone surrogates that stand
# for a file name's bytes that are not UTF-8 (os.fsdecode's surrogateescape).
_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def shown(name: object) -> str:
    r"""A name as one line of valid text: ``"a\nb"`` and ``"caf\udce9"`` written out as escapes.

    Args:
        name: A file name, URL or any object (its ``str``).

    Returns:
        ``str(name)`` with each control character and lone surrogate replaced by its
        Python escape (``\n``, ``\x07``, ``\udce9``), so it encodes as UTF-8.
    """
    return _UNSHOWABLE.sub(lambda match: match.group().encode("unicode_escape").decode(), str(name))


class ArticleError(ValueError):
    """An input cannot be read as an article.

    The message always names the source (file path, or ``<text>`` for a string)
    and the problem, e.g. ``"seeds/x.pdf: a PDF document, not text"``. The name is
    :func:`shown` there, so the message is one line of valid UTF-8 even for a file
    name with a newline or bytes that are not UTF-8.

    Attributes:
        source: The path or ``"<text>"`` that failed.
        problem: What is wrong with it, in words.
    """

    def __init__(self, source: object, problem: str) -> None:
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{shown(self.source)}: {problem}")


class NonEnglishWarning(UserWarning):
    """The article's text looks like a language other than English.

    It still loads, but the tokenizer, stop words, syllable counts and entity
    model are all tuned for English, so every later number is less reliable.
    """


class InvalidBytesWarning(UserWarning):
    """A UTF-8 file holds some bytes that are not valid UTF-8.

    They are shown as U+FFFD (the replacement character); the message gives how
    many bytes were bad. Everything else in the file decodes as written.
    """
