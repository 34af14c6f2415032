"""Speakers the article leaves unnamed: the last resort of the statement stage.

A reported speech act whose source no actor mention gives is still a statement; its
speaker becomes an unnamed actor (``named: false``) called by the article's own words:

- the noun phrase of a source cue ("ersten Angaben zufolge", "nach Expertenmeinung",
  "laut ai-Bericht") or, for a possessive ("nach eigenen Angaben"), the clause subject;
- a subject noun phrase without a name ("Der 81-jährige Besitzer eines Hauses",
  "Einer der 13 beteiligten Feuerwehrmänner", "Die „Süddeutsche Zeitung“");
- the place where impersonal words stand ("heißt es in dem Bericht" → "Bericht");
- an agentless passive or a bare "heißt es" gets the generic unnamed source of
  ``grammar.yaml`` (``unnamed_source``).
"""

from __future__ import annotations

from typing import Any

from kg.annotation import Actor
from kg.extract.pipeline import word_tag
from kg.extract.stmt_cues import Cue, has_content
from kg.extract.stmt_text import Sheet, Tok

_QUOTES = set("„“”\"«»‚‘’›‹")
_NOMINATIVE = {"der", "die", "das", "ein", "eine", "einer", "eines", "dieser", "diese",
               "dieses", "jene", "jener", "beide", "viele", "mehrere", "einige", "alle"}
_OWN = {"eigenen", "eigener", "seinen", "seiner", "ihren", "ihrer", "deren", "dessen"}


def fallback_speaker(sheet: Sheet, cue: Cue, passive: bool) -> str | None:
    """An unnamed speaker for a cue whose speaker no mention gives, or None."""
    span: tuple[int, int] | None = None
    if cue.mode == "before":
        span = _np_before(sheet, cue.ti)
        if span is None and cue.toks[0] < cue.ti:
            span = _strip_own(sheet, cue.toks[0], cue.ti)
    elif cue.mode == "after":
        end = cue.extra.get("end", cue.ti + 1)
        words = [t.lower for t in sheet.toks[cue.ti:end]]
        if any(w in _OWN for w in words):
            return _clause_subject(sheet, cue)
        span = _np_after(sheet, end) or _strip_own(sheet, cue.ti + 1, end)
    elif cue.mode == "previous":
        span = _place_np(sheet, cue)
        if span is None:
            return _generic(sheet)
    elif cue.mode == "subject":
        if passive:
            if not has_content(sheet, cue.ti):
                return None  # "wurde bestätigt.", "wird … genannt": no reported words
            span = _place_np(sheet, cue)
            return _add(sheet, *span) if span else _generic(sheet)
        span = _subject_np(sheet, cue)
    if span is None:
        return None
    return _add(sheet, *span)


# ----------------------------------------------------------------- noun phrases
def _nounish(t: Tok) -> bool:
    """A capitalised word (noun or name): at a sentence start, HanTa must call it one."""
    if not (t.text[:1].isupper() and t.text[:1].isalpha()):
        return False
    return word_tag(t.text).startswith(("N", "XY", "FM", "TRUNC"))


def _modifier(sheet: Sheet, t: Tok) -> bool:
    """An article, number or attributive adjective inside a noun phrase."""
    if t.lower in sheet.g.articles or t.lower in _NOMINATIVE or t.text.isdigit():
        return True
    if t.text[:1].islower() and t.lower not in sheet.g.prepositions:
        return word_tag(t.text).startswith(("ADJ(A)", "CARD")) or t.lower.endswith("-jährige")
    return False


def _np_before(sheet: Sheet, ti: int) -> tuple[int, int] | None:
    """The noun phrase ending right before token ``ti`` ("dem Bericht", "ersten Angaben")."""
    s0, _ = sheet.sentence(ti)
    k = ti - 1
    toks = sheet.toks
    while k >= s0 and ti - k <= 8:
        t = toks[k]
        if t.quoted or t.text in _QUOTES:
            k -= 1
            continue
        if _nounish(t) or _modifier(sheet, t) or (
                t.lower in ("des", "der") and k + 1 < ti):
            k -= 1
            continue
        break
    a = k + 1
    while a < ti and not (_nounish(toks[a]) or _modifier(sheet, toks[a])):
        a += 1
    if a >= ti or not any(_nounish(toks[j]) for j in range(a, ti)):
        return None
    if a == s0 and toks[a].text[:1].isupper() and ti - a == 1 and \
            word_tag(toks[a].text).startswith(("ADV", "V")):
        return None
    return a, ti


def _np_after(sheet: Sheet, k: int, limit: int | None = None) -> tuple[int, int] | None:
    """The noun phrase starting at token ``k`` (articles, numbers, adjectives, nouns,
    quoted titles, one genitive attribute)."""
    _, s1 = sheet.sentence(k) if k < len(sheet.toks) else (k, k)
    limit = s1 if limit is None else min(limit, s1)
    toks = sheet.toks
    i = k
    if i < limit and toks[i].lower in ("von", "vom"):
        i += 1
    start = i
    nouns = 0
    while i < limit and i - start < 10:
        t = toks[i]
        if t.text in _QUOTES:
            # a quoted title: „Süddeutsche Zeitung“
            j = i + 1
            while j < limit and toks[j].quoted:
                j += 1
            if j < limit and toks[j].text in _QUOTES and j - i <= 6 and j > i + 1:
                nouns += 1
                i = j + 1
                continue
            break
        if t.quoted:
            break
        if t.lower in sheet.g.prepositions or t.lower in sheet.g.personal_pronouns or \
                t.lower in sheet.g.auxiliaries or t.lower in sheet.g.reflexives:
            break
        if _nounish(t) and t.lower not in sheet.g.articles:
            nouns += 1
        elif t.lower in ("der", "des") and nouns and i + 1 < limit:
            pass  # genitive attribute ("Einer der 13 Feuerwehrmänner")
        elif not _modifier(sheet, t):
            break
        elif nouns and t.lower in sheet.g.articles and t.lower not in ("der", "des"):
            break  # a second noun phrase begins
        i += 1
    while i > start and not (_nounish(toks[i - 1]) or toks[i - 1].text in _QUOTES or
                             (toks[i - 1].lower.endswith("jährige"))):
        i -= 1
    if i == start:
        return None
    if nouns == 0 and not (toks[start].lower in _NOMINATIVE and i - start >= 2):
        return None
    return start, i


def _strip_own(sheet: Sheet, a: int, b: int) -> tuple[int, int] | None:
    """The cue's own noun words ("ersten Angaben" of "nach ersten Angaben")."""
    while a < b and sheet.toks[a].lower in sheet.g.prepositions:
        a += 1
    if a < b and any(_nounish(sheet.toks[j]) for j in range(a, b)):
        return a, b
    return None


def _subject_np(sheet: Sheet, cue: Cue) -> tuple[int, int] | None:
    """An unnamed subject noun phrase before or right after the cue verb."""
    g = sheet.g
    a, _ = sheet.segment(cue.ti)
    s0, s1 = sheet.sentence(cue.ti)
    vi = cue.ti
    for k in range(a, cue.ti):
        if sheet.toks[k].lower in g.auxiliaries:
            vi = k
            break
    start = a
    if a > s0 and sheet.toks[a - 1].text == "," and sheet.toks[a].lower in g.relative_pronouns:
        return None  # relative clause: its subject is the relative pronoun
    if start < vi and sheet.toks[start].lower in g.subjunctions:
        start += 1  # "wie der Bundeswahlleiter mitteilte"
    if start == vi and vi > s0 and sheet.toks[vi - 1].text == ",":
        start = sheet.sentence(vi)[0]  # "X, der Polizeichef der Region, sagte"
    if start < vi and sheet.toks[start].lower in _NOMINATIVE | {"zeitungen"} or \
            (start < vi and _nounish(sheet.toks[start])):
        span = _np_after(sheet, start, vi)
        if span is not None and _tail_ok(sheet, span[1], vi):
            return span
        if sheet.toks[start].lower in _NOMINATIVE or span is not None:
            return None  # the prefield holds a noun phrase we cannot read: no guessing
    k = vi + 1
    while k < s1 and k - vi <= 4 and sheet.toks[k].text[:1].islower() and \
            sheet.toks[k].lower not in sheet.g.articles and sheet.toks[k].lower not in _NOMINATIVE:
        if sheet.toks[k].lower in g.prepositions or sheet.toks[k].lower in g.personal_pronouns:
            return None
        k += 1
    if k < s1 and sheet.toks[k].lower in sheet.g.oblique_articles:
        return None
    return _np_after(sheet, k)


def _tail_ok(sheet: Sheet, a: int, b: int) -> bool:
    """Whether only adverbs, commas or an apposition stand between the phrase and the verb."""
    for t in sheet.toks[a:b]:
        if t.text[:1].isupper() or t.text in (",", "(", ")") or t.text in _QUOTES:
            continue
        if t.text.islower() and t.lower not in sheet.g.prepositions and \
                t.lower not in sheet.g.articles and t.lower not in sheet.g.personal_pronouns \
                and not word_tag(t.text).startswith(("V", "N", "AP")):
            continue
        return False
    return True


def _place_np(sheet: Sheet, cue: Cue) -> tuple[int, int] | None:
    """ "in dem Bericht" / "auf der Webseite" / "in einer Erklärung" next to the cue."""
    a, b = sheet.segment(cue.ti)
    s0, s1 = sheet.sentence(cue.ti)
    for k in [*range(cue.ti + 1, min(cue.ti + 5, s1)), *range(max(a, s0), cue.ti)]:
        if sheet.toks[k].lower in ("in", "im", "auf", "laut") and not sheet.toks[k].quoted:
            j = k + 1
            if sheet.toks[k].lower == "im":
                j = k + 1
            span = _np_after(sheet, j, s1)
            if span is not None and span[1] - span[0] <= 8:
                return span
    return None


def _clause_subject(sheet: Sheet, cue: Cue) -> str | None:
    """The subject of the clause holding a possessive source ("nach eigenen Angaben")."""
    s0, s1 = sheet.sentence(cue.ti)
    end = cue.extra.get("end", cue.ti + 1)
    for k in [*range(s0, cue.ti), *range(end, s1)]:
        m = sheet.mention_at(k)
        if m is not None and not sheet._governed(k, s0):
            return m.actor
    return None


# ----------------------------------------------------------------- actors
def _add(sheet: Sheet, i: int, j: int) -> str | None:
    """Make tokens ``[i, j)`` an unnamed actor (articles stripped); its name."""
    g = sheet.g
    while i < j and (sheet.toks[i].lower in g.articles or sheet.toks[i].lower in
                     ("von", "vom")) and sheet.toks[i].lower not in ("einer", "eines"):
        i += 1
    if i >= j:
        return None
    name = sheet.ctx.text[sheet.toks[i].start:sheet.toks[j - 1].end].strip()
    if not name or any(c in name for c in "\n"):
        return None
    if sheet.ctx.actor(name) is None:
        plural = _plural(sheet.toks[j - 1].lower)
        sheet.ctx.actors.append(Actor(name=name, type="Group" if plural else "Person",
                                      named=False))
    return name


def _plural(word: str) -> bool:
    return word.endswith(("en", "er", "e", "s")) and not word.endswith(("ei", "ie", "ee"))


def _generic(sheet: Sheet) -> str | None:
    """The generic unnamed source ("ungenannte Quelle")."""
    names: Any = getattr(sheet.g, "unnamed_source", None)
    if not names:
        return None
    name = sorted(names)[0]
    if sheet.ctx.actor(name) is None:
        sheet.ctx.actors.append(Actor(name=name, type="Group", named=False))
    return name
