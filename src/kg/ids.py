"""Stable, readable IRIs for kg's instance data.

An IRI depends only on what names a thing: the same actor named in two articles (or two
runs), in any of its spellings, gets the same IRI (the rules are in :mod:`kg.identity`).
Things that only make sense inside one article (its statements, evidence spans, unnamed
individuals, undated meetings) are scoped by the article's key.

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
    """IRI of an actor (see :mod:`kg.identity`). Countries share one IRI with the place of
    the same name; unnamed individuals are scoped to their article."""
    from kg import identity

    return identity.actor_iri(name, type_, named, article)


def country_iri(name: str) -> URIRef:
    """IRI of a country (actor and place at once), whatever language names it."""
    from kg import identity

    return identity.country_iri(name)


def place_iri(name: str, type_: str) -> URIRef:
    """IRI of a place; countries use :func:`country_iri`."""
    from kg import identity

    return identity.place_iri(name, type_)


def role_iri(role: str) -> URIRef:
    """IRI of a kind of office (e.g. Außenminister)."""
    from kg import identity

    return identity.role_iri(role)


def post_iri(role: str, of: str | None) -> URIRef:
    """IRI of one office of one country or organisation."""
    from kg import identity

    return identity.post_iri(role, of)


def assignment_iri(article: str, holder: str, role: str, of: str | None) -> URIRef:
    """IRI of an article's claim that ``holder`` holds a post."""
    return KGI[f"role-assignment/{article_key(article)}/{digest(holder, role, of or '')}"]


def meeting_iri(article: str, label: str) -> URIRef:
    """IRI of a meeting as one article reports it (undated meetings and those with fewer
    than two named participants; others: :func:`kg.identity.meeting_iri`)."""
    return KGI[f"meeting/{article_key(article)}/{key(label)}"]


def statement_iri(article: str, speaker: str, cue: str, evidence: str, content: str) -> URIRef:
    """IRI of one statement of one article."""
    return KGI[f"statement/{article_key(article)}/{digest(speaker, cue, evidence, content)}"]


def evidence_iri(article: str, start: int | None, end: int | None, exact: str) -> URIRef:
    """IRI of a text span of an article."""
    where = f"{start}-{end}" if start is not None and end is not None else digest(exact)
    return KGI[f"evidence/{article_key(article)}/{where}"]
