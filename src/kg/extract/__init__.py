"""Extraction: article text → :class:`~kg.annotation.Annotation` (offline, deterministic).

``extract(text)`` runs the stages in one declared order: dateline → spaCy pipeline →
actors and places → meetings → statements, then drops any reference to a name that no
stage produced, so the result always passes :func:`kg.annotation.problems`.
"""

from __future__ import annotations

import re

from kg.annotation import Annotation, Meeting, Statement
from kg.extract.context import Context, Mention
from kg.extract.pipeline import make_nlp

__all__ = ["Context", "Mention", "build_context", "detect_language", "extract"]

_DATELINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*\n?")


def _dateline(text: str) -> tuple[str | None, int]:
    try:
        from kg.extract.dateline import parse_dateline
    except ImportError:
        m = _DATELINE.match(text)
        return (m.group(1), m.end()) if m else (None, 0)
    return parse_dateline(text)


_WORD = re.compile(r"[^\W\d_]+(?:'[a-z]+)?")


def _stopwords(lang: str) -> frozenset[str]:
    """Closed-class words of ``lang`` (articles, prepositions, pronouns, …: grammar.yaml)."""
    from kg.resources import lexicon

    g = lexicon(lang, "grammar")
    return frozenset(w for group in (g.articles, g.prepositions, g.coordinators,
                                     g.personal_pronouns, g.auxiliaries, g.subjunctions)
                     for w in group)


def detect_language(text: str, default: str = "de") -> str:
    """The language (``de`` or ``en``) whose closed-class words cover most of ``text``.

    Words found in both lists count for neither; ``default`` wins ties and empty text."""
    from kg.resources import LANGUAGES

    words = [w.lower() for w in _WORD.findall(text[:20000])]
    lists = {lang: _stopwords(lang) for lang in LANGUAGES}
    shared = frozenset.intersection(*lists.values())
    best, best_n = default, 0
    for lang, stop in lists.items():
        n = sum(1 for w in words if w in stop and w not in shared)
        if n > best_n or (n == best_n and lang == default):
            best, best_n = lang, n
    return best


def build_context(text: str, *, language: str | None = None,
                  date: str | None = None) -> Context:
    """Parse ``text`` and find actors and places; the shared input of the later stages.

    ``language`` None detects it (:func:`detect_language`)."""
    language = language or detect_language(text)
    found, body = _dateline(text)
    nlp = make_nlp(language)
    doc = nlp(text)
    if 0 < body < len(text):
        # the dateline is never part of the first sentence
        tok = doc.char_span(body, len(text), alignment_mode="expand")
        if tok is not None and tok.start > 0:
            doc[tok.start].is_sent_start = True
    ctx = Context(text=text, doc=doc, date=date or found, language=language, body_start=body)
    from kg.extract.actors import find_actors
    from kg.extract.places import find_places

    find_places(ctx)
    find_actors(ctx)
    ctx.reindex()
    return ctx


def extract(text: str, *, article: str = "article.txt", language: str | None = None,
            date: str | None = None) -> Annotation:
    """Extract actors, places, meetings and statements from one article's text.

    ``language`` None detects it from the text; an explicit language wins."""
    ctx = build_context(text, language=language, date=date)
    language = ctx.language
    meetings: list[Meeting] = []
    statements: list[Statement] = []
    try:
        from kg.extract.meetings import find_meetings
    except ImportError:
        find_meetings = None  # type: ignore[assignment]
    if find_meetings is not None:
        meetings = list(find_meetings(ctx))
    try:
        from kg.extract.statements import find_statements
    except ImportError:
        find_statements = None  # type: ignore[assignment]
    if find_statements is not None:
        statements = list(find_statements(ctx, meetings))
    return _consistent(Annotation(article=article, language=language, date=ctx.date,
                                  actors=ctx.actors, places=ctx.places,
                                  meetings=meetings, statements=statements), text)


def _consistent(ann: Annotation, text: str) -> Annotation:
    """Drop duplicates and references to unknown names, and evidence not in ``text``."""
    seen: set[str] = set()
    ann.actors = [a for a in ann.actors if not (a.name in seen or seen.add(a.name))]
    seen = set()
    ann.places = [p for p in ann.places if not (p.name in seen or seen.add(p.name))]
    actors = {a.name for a in ann.actors}
    places = {p.name for p in ann.places}
    for a in ann.actors:
        for r in a.roles:
            if r.of is not None and r.of not in actors | places:
                r.of = None
    for p in ann.places:
        if p.part_of is not None and (p.part_of not in places or p.part_of == p.name):
            p.part_of = None
    meetings = []
    seen = set()
    for m in ann.meetings:
        m.participants = [x for x in dict.fromkeys(m.participants) if x in actors]
        if m.place is not None and m.place not in places:
            m.place = None
        if m.label in seen or not _evidence_ok(m, text):
            continue
        seen.add(m.label)
        meetings.append(m)
    ann.meetings = meetings
    refs = actors | places | seen
    ann.statements = [s for s in ann.statements if s.speaker in actors and _evidence_ok(s, text)]
    for s in ann.statements:
        s.about = [x for x in dict.fromkeys(s.about) if x in refs]
    return ann


def _evidence_ok(rec: Meeting | Statement, text: str) -> bool:
    if rec.start is not None and rec.end is not None:
        if text[rec.start:rec.end] == rec.evidence:
            return True
        rec.start = rec.end = None
    return rec.evidence in text
