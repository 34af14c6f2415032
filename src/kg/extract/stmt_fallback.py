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
from kg.extract.stmt_lex import speaker_word
from kg.extract.stmt_text import Sheet, Tok

_QUOTES = set("„“”\"«»‚‘’›‹")
_NOMINATIVE = {"der", "die", "das", "ein", "eine", "einer", "eines", "dieser", "diese",
               "dieses", "jene", "jener", "beide", "viele", "mehrere", "einige", "alle"}
_POSSESSIVE = {"seiner", "ihrer", "deren", "dessen", "seinen", "ihren", "seines", "ihres"}
_OWN = {"eigenen", "eigener", "seinen", "seiner", "ihren", "ihrer", "deren", "dessen"}


def fallback_speaker(sheet: Sheet, cue: Cue, passive: bool,
                     recent_speakers: list[str] | None = None) -> str | None:
    """An unnamed speaker for a cue whose speaker no mention gives, or None."""
    span: tuple[int, int] | None = None
    if cue.mode == "before":
        prev = sheet.toks[cue.ti - 1].lower if cue.ti > 0 else ""
        if prev in _POSSESSIVE:
            # "Seiner Meinung nach": the one who spoke last, else the last person named
            if recent_speakers:
                return recent_speakers[0]
            return sheet.last_person_before(sheet.toks[cue.ti].start)
        span = _np_before(sheet, cue.ti)
        if span is None and cue.toks[0] < cue.ti:
            span = _strip_own(sheet, cue.toks[0], cue.ti)
        if span is not None and _anaphoric(sheet, *span) and recent_speakers:
            return recent_speakers[0]  # "den Angaben zufolge": the source just named
        if span is not None:
            return _source_owner(sheet, *span) or _add(sheet, *span)
    elif cue.mode == "after":
        end = cue.extra.get("end", cue.ti + 1)
        words = [t.lower for t in sheet.toks[cue.ti:end]]
        if any(w in _OWN for w in words):
            return _clause_subject(sheet, cue)
        span = _np_after(sheet, end)
        if span is None:
            span = _strip_own(sheet, cue.ti + 1, end)
            if span is not None:
                return _source_owner(sheet, *span) or _add(sheet, *span)
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
        if span is not None and not (_animate(sheet, *span) or _postposed(sheet, cue, span)):
            return None  # "militärische Ehren unterstrichen …": things do not speak
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
    if not t.text[:1].isupper() and t.lower not in sheet.g.prepositions:
        if t.text[:1].isdigit() and "-" in t.text:
            t2 = t.lower.split("-")[-1]  # "81-jährige", "20-jähriger"
            return t2.endswith(("e", "en", "er", "es", "em"))
        return word_tag(t.text).startswith(("ADJ(A)", "CARD"))
    return False


def _np_before(sheet: Sheet, ti: int) -> tuple[int, int] | None:
    """The noun phrase ending right before token ``ti`` ("dem Bericht", "ersten Angaben")."""
    s0, _ = sheet.sentence(ti)
    k = ti - 1
    toks = sheet.toks
    if k > s0 and toks[k].text == ",":
        k -= 1  # "eine Schätzung, wonach …"
        ti -= 1
    while k >= s0 and ti - k <= 8:
        t = toks[k]
        if t.quoted or t.text in _QUOTES:
            k -= 1
            continue
        if t.lower in sheet.g.articles or t.lower in _NOMINATIVE:
            genitive = t.lower in ("des", "der") and k > s0 and _nounish(toks[k - 1])
            if not genitive:
                k -= 1  # the article opens the phrase: "den Angaben", not "Telefonat den"
                break
        if _nounish(t) or _modifier(sheet, t):
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
            if j < limit and toks[j].text in _QUOTES and j - i <= 6 and j > i + 1 and \
                    toks[i + 1].text[:1].isupper():
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
                             (toks[i - 1].text[:1].isdigit() and "-" in toks[i - 1].text)):
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
    if a > s0 and sheet.toks[a - 1].text == "," and sheet.toks[a].lower in g.relative_pronouns:
        return None  # relative clause: its subject is the relative pronoun
    start = vi
    while start > s0 and sheet.toks[start - 1].text not in (",", ";", ":", "(", ")", "–"):
        start -= 1  # across quotation marks: Die „Süddeutsche Zeitung“ hatte berichtet
    if start < vi and sheet.toks[start].lower in g.subjunctions:
        start += 1  # "wie der Bundeswahlleiter mitteilte"
    if start == vi and vi > s0 and sheet.toks[vi - 1].text == ",":
        start = s0  # "X, der Polizeichef der Region, sagte"
    if sheet.toks[start].quoted:
        start = vi  # "„…“, schrieb „Die Zeit“": the quotation is no subject
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
    rest = sheet.toks[a:b]
    if len(rest) >= 3 and rest[0].text == "," and rest[-1].text == "," and \
            not any(t.text in _QUOTES or t.text in (":", ";") for t in rest):
        return True  # "Hans-Jürgen Papier, Präsident des Gerichts, sagte"
    for t in rest:
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


def _animate(sheet: Sheet, i: int, j: int) -> bool:
    """Whether the phrase can name a speaker: a person or body noun, a name, a quoted title
    ("Die „Zeit“") or a nominalised adjective ("der 81-jährige")."""
    toks = sheet.toks[i:j]
    if any(t.text in _QUOTES for t in toks):
        return True
    nouns = [t for t in toks if _nounish(t) and t.lower not in sheet.g.articles]
    if not nouns:
        return True  # article + adjective: "der 81-jährige"
    for t in nouns:
        if speaker_word(sheet.g, t.lower.split("-")[-1]) or word_tag(t.text) == "NE":
            return True
    # a name of two capitalised words without an article: "Oliver Zille"
    return toks[0] in nouns and len(toks) >= 2 and all(t in nouns for t in toks[:2])


def _postposed(sheet: Sheet, cue: Cue, span: tuple[int, int]) -> bool:
    """ "…“, sagte Mélenchon": the phrase right after a verb that follows the reported words
    (a comma or closing quotation mark) is its subject."""
    vi = cue.ti
    return span[0] == vi + 1 and vi > 0 and (sheet.toks[vi - 1].text == "," or
                                             sheet.toks[vi - 1].text in _QUOTES)


def _anaphoric(sheet: Sheet, i: int, j: int) -> bool:
    """ "den Angaben", "dem Bericht": a definite source noun alone points back."""
    return j - i == 2 and sheet.toks[i].lower in ("den", "dem", "diesen", "diesem")


def _source_owner(sheet: Sheet, i: int, j: int) -> str | None:
    """The owner a source phrase names in itself: a country adjective ("nach armenischen
    Angaben" → Armenien) or the first part of a compound ("Medienberichten" → Medien)."""
    from kg.extract.gazetteer import gazetteer

    toks = sheet.toks[i:j]
    adjectives = gazetteer(sheet.ctx.language).adjectives
    for t in toks:
        country = adjectives.get(t.text) or adjectives.get(t.lower)
        if country:
            if sheet.ctx.actor(country) is None:
                sheet.ctx.actors.append(Actor(name=country, type="Country"))
            return country
    if len(toks) != 1:
        return None
    word = toks[0].text
    for head in getattr(sheet.g, "source_heads", ()):
        if word.lower().endswith(head) and len(word) - len(head) >= 4:
            first = word[:len(word) - len(head)]
            if first.endswith(("ungs", "heits", "keits", "ions", "täts", "schafts")):
                first = first[:-1]  # linking -s: "Regierungskreisen" → Regierung
            if sheet.ctx.actor(first) is None:
                sheet.ctx.actors.append(Actor(name=first, type="Group", named=False))
            return first
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
    if j - i >= 3 and sheet.toks[i].text in _QUOTES and sheet.toks[j - 1].text in _QUOTES:
        i, j = i + 1, j - 1  # „Süddeutsche Zeitung“ → Süddeutsche Zeitung
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
