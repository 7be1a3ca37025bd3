"""Mentions of named infrastructure projects in Vietnamese news text.

* :func:`find_mentions` (``finder``): every mention in one text, with its kind and entity;
* :func:`extract_mentions`, :func:`entities` (``tables``): the tables of a corpus;
* ``patterns``: the shapes of a mention; ``lexicon``: the word lists (data/mention_lexicon.csv);
  ``resolve``: which facility a mention names, one function per kind.
"""

from analysis.mentions.finder import KINDS, Mention, find_mentions
from analysis.mentions.tables import entities, extract_mentions, mentions_by_article

__all__ = [
    "KINDS",
    "Mention",
    "entities",
    "extract_mentions",
    "find_mentions",
    "mentions_by_article",
]
