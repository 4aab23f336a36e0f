"""The one exception type for bad input, and the warnings the loader may issue."""

from __future__ import annotations


class ArticleError(ValueError):
    """An input cannot be read as an article.

    The message always names the source (file path, or ``<text>`` for a string)
    and the problem, e.g. ``"seeds/x.pdf: a PDF document, not text"``.

    Attributes:
        source: The path or ``"<text>"`` that failed.
        problem: What is wrong with it, in words.
    """

    def __init__(self, source: object, problem: str) -> None:
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")


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
