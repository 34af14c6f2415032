"""The spaCy side of extraction: a blank pipeline with a rule-based sentence splitter.

``make_nlp(lang)`` returns ``spacy.blank(lang)`` plus the ``kg_sentences`` component,
cached per language.  Sentences end after ``. ! ? …`` (and any closing quotes or
brackets) when the next token opens a sentence, and always at blank lines, so headings
and datelines stay apart from the text after them.  spaCy's German tokenizer already
keeps ordinals ("15.") and abbreviations ("z.B.", "Dr.") whole, so they never end one.

``word_tags(words)`` gives HanTa part-of-speech tags for single words (cached), for the
few places where extraction needs to tell a proper noun from a common noun.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

_END = {".", "!", "?", "…", "?!", "!?", "..."}
_CLOSE = {"“", "”", "\"", "»", "«", "'", "’", ")", "]", "‘", "›", "‹"}
_OPEN = {"„", "“", "\"", "»", "«", "‚", "‘", "(", "[", "›", "‹", "-", "–", "—"}
_SUPPORTED = ("de", "en")


@Language.component("kg_sentences")
def kg_sentences(doc: Doc) -> Doc:
    """Set sentence starts by punctuation, capitalisation and paragraph breaks."""
    n = len(doc)
    if n == 0:
        return doc
    starts = [False] * n
    starts[0] = True
    i = 0
    while i < n:
        tok = doc[i]
        if tok.is_space or "\n" in tok.whitespace_:
            if "\n" in tok.text or "\n" in tok.whitespace_:
                j = i + 1
                while j < n and doc[j].is_space:
                    j += 1
                if j < n:
                    starts[j] = True
            i += 1
            continue
        if tok.text in _END or (len(tok.text) > 1 and tok.text[-1] in "!?" and
                                not tok.text[0].isalnum()):
            j = i + 1
            while j < n and doc[j].text in _CLOSE:
                j += 1
            while j < n and doc[j].is_space:
                j += 1
            if j < n and _opens_sentence(doc[j].text):
                starts[j] = True
            i = j
            continue
        i += 1
    for k, tok in enumerate(doc):
        tok.is_sent_start = starts[k]
    return doc


def _opens_sentence(word: str) -> bool:
    first = word[0]
    return first.isupper() or first.isdigit() or word in _OPEN or first in _OPEN


@lru_cache(maxsize=4)
def make_nlp(lang: str = "de") -> Language:
    """A blank spaCy pipeline for ``lang`` with kg's sentence splitter (cached)."""
    code = lang if lang in _SUPPORTED else "xx"
    nlp = spacy.blank(code)
    nlp.add_pipe("kg_sentences")
    nlp.max_length = 50_000_000
    return nlp


@lru_cache(maxsize=1)
def _tagger() -> Any:
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger("morphmodel_ger.pgz")


@lru_cache(maxsize=65536)
def word_tag(word: str) -> str:
    """HanTa's most likely tag for one German word out of context ("NE", "NN", "ADJA", …)."""
    try:
        tags = _tagger().tag_word(word)
    except Exception:  # noqa: BLE001 - HanTa raises on odd input; treat as unknown
        return "XY"
    return str(tags[0][0]) if tags else "XY"
