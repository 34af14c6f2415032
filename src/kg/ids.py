"""Stable, readable IRIs for kg's instance data.

An IRI depends only on what names a thing: the same actor named the same way in two
articles (or two runs) gets the same IRI.  Things that only make sense inside one article
(its meetings, statements, evidence spans, unnamed individuals) are scoped by the
article's key.

>>> key("Außenminister Sergej Lawrow")
'aussenminister-sergej-lawrow'
>>> str(actor_iri("Wladimir Putin", "Person"))
'https://w3id.org/kg/id/actor/wladimir-putin'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath

from rdflib import URIRef

from kg.vocab import KGI

_SPECIAL = str.maketrans({"ß": "ss", "ẞ": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l",
                          "ı": "i", "œ": "oe", "þ": "th"})
_NON_WORD = re.compile(r"[^a-z0-9]+")


def key(name: str) -> str:
    """Normalised key of a name: lower case, no diacritics, words joined by '-'."""
    text = unicodedata.normalize("NFKD", name.casefold().translate(_SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_WORD.sub("-", text).strip("-") or "x"


def digest(*parts: str, size: int = 12) -> str:
    """Short stable hash of some strings (for IRIs of things without a name)."""
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8"))
    return h.hexdigest()[:size]


def article_key(article: str) -> str:
    """Key of an article from its file name (folder and suffix dropped)."""
    stem = PurePath(article).name
    for suffix in (".gold.yaml", ".yaml", ".yml", ".json", ".txt", ".html", ".htm"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return key(stem)


def article_iri(article: str) -> URIRef:
    """IRI of an article; it also names the article's graph."""
    return KGI[f"article/{article_key(article)}"]


def actor_iri(name: str, type_: str, named: bool = True, article: str | None = None) -> URIRef:
    """IRI of an actor. Countries share one IRI with the place of the same name;
    unnamed individuals are scoped to their article."""
    if type_ == "Country":
        return country_iri(name)
    if not named and article is not None:
        return KGI[f"actor/{article_key(article)}/{key(name)}"]
    return KGI[f"actor/{key(name)}"]


def country_iri(name: str) -> URIRef:
    """IRI of a country (actor and place at once)."""
    return KGI[f"country/{key(name)}"]


def place_iri(name: str, type_: str) -> URIRef:
    """IRI of a place; countries use :func:`country_iri`."""
    return country_iri(name) if type_ == "Country" else KGI[f"place/{key(name)}"]


def role_iri(role: str) -> URIRef:
    """IRI of a kind of office (e.g. Außenminister)."""
    return KGI[f"role/{key(role)}"]


def post_iri(role: str, of: str | None) -> URIRef:
    """IRI of one office of one country or organisation."""
    return KGI[f"post/{key(role)}" + (f"--{key(of)}" if of else "")]


def assignment_iri(article: str, holder: str, role: str, of: str | None) -> URIRef:
    """IRI of an article's claim that ``holder`` holds a post."""
    return KGI[f"role-assignment/{article_key(article)}/{digest(holder, role, of or '')}"]


def meeting_iri(article: str, label: str) -> URIRef:
    """IRI of a meeting as one article reports it."""
    return KGI[f"meeting/{article_key(article)}/{key(label)}"]


def statement_iri(article: str, speaker: str, cue: str, evidence: str, content: str) -> URIRef:
    """IRI of one statement of one article."""
    return KGI[f"statement/{article_key(article)}/{digest(speaker, cue, evidence, content)}"]


def evidence_iri(article: str, start: int | None, end: int | None, exact: str) -> URIRef:
    """IRI of a text span of an article."""
    where = f"{start}-{end}" if start is not None and end is not None else digest(exact)
    return KGI[f"evidence/{article_key(article)}/{where}"]
