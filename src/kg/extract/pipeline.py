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

import numpy
import spacy
from spacy.attrs import IDX, LENGTH, SENT_START
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
    values = numpy.array([1 if s else -1 for s in starts], dtype="int64")
    values = values.view("uint64").reshape(-1, 1)
    return doc.from_array([SENT_START], values)


def _opens_sentence(word: str) -> bool:
    first = word[0]
    return first.isupper() or first.isdigit() or word in _OPEN or first in _OPEN


@lru_cache(maxsize=4)
def make_nlp(lang: str = "de") -> Language:
    """A blank spaCy pipeline for ``lang`` with kg's sentence splitter (cached)."""
    code = lang if lang in _SUPPORTED else "xx"
    nlp = spacy.blank(code)
    if code == "en":
        _keep_hyphenated_words(nlp)
    nlp.add_pipe("kg_sentences")
    nlp.max_length = 50_000_000
    return nlp


def _keep_hyphenated_words(nlp: Language) -> None:
    """Keep "Jae-in", "Secretary-General", "U.S.-led" one token, as the German tokenizer
    does ("US-Außenminister"): drop the infix rule that splits at a hyphen between letters."""
    from spacy.util import compile_infix_regex

    rules = [r for r in nlp.Defaults.infixes if "-" not in r or "[0-9]" in r]
    nlp.tokenizer.infix_finditer = compile_infix_regex(rules).finditer


def words_of(doc: Doc) -> list[str]:
    """The token texts of ``doc`` (computed once per doc, without creating Token objects)."""
    words = doc.user_data.get("kg_words")
    if words is None:
        text = doc.text
        words = [text[a:a + n] for a, n in doc.to_array([IDX, LENGTH]).tolist()] \
            if len(doc) else []
        doc.user_data["kg_words"] = words
    return words


def sent_starts_of(doc: Doc) -> list[bool]:
    """Per token: whether it starts a sentence (once per doc)."""
    starts = doc.user_data.get("kg_sent_starts")
    if starts is None:
        starts = [v == 1 for v in doc.to_array([SENT_START]).tolist()] if len(doc) else []
        if starts:
            starts[0] = True
        doc.user_data["kg_sent_starts"] = starts
    return starts


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
