"""Explore a news article as text: readability, word frequencies, repetition and entities.

Importing the package does no I/O and loads no model: the spaCy pipeline loads
lazily, once per process, the first time an article is parsed.
"""

from analysis.article import Article, Sentence, load_article
from analysis.errors import ArticleError, InvalidBytesWarning, NonEnglishWarning

__all__ = [
    "Article",
    "ArticleError",
    "InvalidBytesWarning",
    "NonEnglishWarning",
    "Sentence",
    "load_article",
]
__version__ = "0.1.0"
