"""Who speaks: the speaker(s) of a reporting cue.

Speakers come from the context's mentions by German word order
(:meth:`~kg.extract.stmt_text.Sheet.subjects`), with these refinements:

- compound tenses ("hat X gefordert", "X hatte berichtet"): the subject is sought around
  the finite auxiliary, not the participle at the clause end;
- passives ("wurde von X kritisiert", "ist begrüßt worden – auch von X"): the agent after
  "von" speaks; a passive without an agent has no speaker (cues marked
  ``passive_subject``, "wird mit den Worten zitiert", keep their subject);
- pronouns and demonstratives ("sagte er", "sagte dieser") stand for the last speaker
  when one spoke just before, else for the last person named;
- "die beiden" / "beide" stand for the last two persons named;
- an unnamed subject noun phrase ("ein Sprecher des Ministeriums", "die Wissenschaftler")
  becomes an actor (``named: false``) when its head names a person or body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.annotation import Actor
from kg.extract.context import Mention
from kg.extract.pipeline import word_tag
from kg.extract.stmt_cues import Cue
from kg.extract.stmt_lex import role_words as _role_words
from kg.extract.stmt_lex import speaker_word as _speaker_word
from kg.extract.stmt_text import Sheet, Tok

_QUOTES = set("„“”\"«»‚‘’›‹")
_STOP = {",", ".", ":", ";", "(", ")", "–", "—"}


@dataclass
class Recent:
    """What the statements before the current cue established."""

    speakers: list[str] = field(default_factory=list)
    sent: int = -10


def speakers(sheet: Sheet, cue: Cue, entry: Any, recent: Recent) -> list[str]:
    """Actor names of the cue's speaker(s); empty when none can be found."""
    ms: list[Mention] = []
    s0, s1 = sheet.sentence(cue.ti)
    names: list[str] = []
    if cue.mode == "subject":
        vi = cue.ti
        aux = _finite_aux(sheet, cue)
        if aux is not None:
            if _passive(sheet, cue, aux, entry) and not (entry is not None and
                                                        entry.passive_subject):
                agent = _agent(sheet, cue)
                return [agent.actor] if agent is not None else []
            vi = aux
        ms = sheet.subjects(vi, after_gap=6)
        ms = [m for m in ms if m.kind != "pronoun"] or ms
        if ms and _genitive_of_speaker(sheet, ms[0], vi):
            who = np_speaker(sheet, cue)
            if who:
                return [who]
        if ms and all(m.kind == "pronoun" for m in ms):
            who = _pronoun(sheet, cue, recent, ms[0].actor)
            ms, names = [], [who] if who else []
        if not ms and not names:
            names = _pair(sheet, vi) or _pronoun_near(sheet, cue, vi, recent)
    elif cue.mode == "after":
        end = cue.extra.get("end", cue.ti + 1)
        for k in range(end, min(end + 6, s1)):
            m = sheet.mention_at(k)
            if m is not None:
                ms = [m]
                break
            if sheet.toks[k].text in _STOP or sheet.toks[k].text in _QUOTES:
                break
        if not ms:
            ms = [m for _, m in sheet.mentions_between(cue.ti + 1, end)]
    elif cue.mode == "before":
        for k in range(cue.ti - 1, max(cue.ti - 5, s0 - 1), -1):
            m = sheet.mention_at(k)
            if m is not None:
                ms = [m]
                break
    elif cue.mode == "colon":
        m = sheet.mention_at(cue.extra["speaker_tok"])
        ms = [m] if m else []
    for m in ms:
        if m.actor not in names:
            names.append(m.actor)
    if not names and cue.mode in ("subject", "after"):
        who = np_speaker(sheet, cue)
        if who:
            names.append(who)
    return names


# ---------------------------------------------------------------- compound tenses
def passive_cue(sheet: Sheet, cue: Cue, entry: Any) -> bool:
    """Whether a verb cue stands in the passive ("wurde vorgeworfen", "berichtet wurde")."""
    if cue.mode != "subject":
        return False
    aux = _finite_aux(sheet, cue)
    if aux is None:
        a, b = sheet.segment(cue.ti)
        nxt = max(cue.toks) + 1
        return nxt < b and sheet.toks[nxt].lower in sheet.g.passive_auxiliaries
    return _passive(sheet, cue, aux, entry)


def _finite_aux(sheet: Sheet, cue: Cue) -> int | None:
    """The finite auxiliary of a participle/infinitive cue that closes its clause."""
    a, b = sheet.segment(cue.ti)
    last = max(cue.toks)
    if last < b - 1 and sheet.toks[last + 1].lower not in sheet.g.auxiliaries | {"worden"}:
        return None
    for k in range(cue.ti - 1, a - 1, -1):
        if sheet.toks[k].lower in sheet.g.auxiliaries:
            return k
    return None


def _passive(sheet: Sheet, cue: Cue, aux: int, entry: Any) -> bool:
    """Whether the cue participle is passive ("wurde kritisiert", "ist begrüßt worden")."""
    a, b = sheet.segment(cue.ti)
    if any(t.lower == "worden" for t in sheet.toks[a:min(b + 1, len(sheet.toks))]):
        return True
    aux_w = sheet.toks[aux].lower
    if aux_w not in sheet.g.passive_auxiliaries:
        return False
    if aux_w in ("wurde", "wurden"):
        return True
    w = sheet.toks[cue.ti].lower
    inf = entry.verb.lower() if entry is not None else ""
    return w not in (inf, (entry.particle or "").lower() + inf if entry is not None else "")


def _agent(sheet: Sheet, cue: Cue) -> Mention | None:
    """The mention after "von"/"vom" in the cue's sentence (the passive agent)."""
    s0, s1 = sheet.sentence(cue.ti)
    a, _ = sheet.segment(cue.ti)
    for k in range(a, s1):
        if sheet.toks[k].lower in ("von", "vom") and not sheet.toks[k].quoted:
            for j in range(k + 1, min(k + 5, s1)):
                m = sheet.mention_at(j)
                if m is not None:
                    return m
                if sheet.toks[j].text in _STOP:
                    break
    return None


def _genitive_of_speaker(sheet: Sheet, m: Mention, vi: int) -> bool:
    """Whether ``m`` is the genitive of a person noun opening the clause before the verb:
    "Ein Sprecher der US-Botschaft begründete …" (the spokesman speaks, unnamed)."""
    ti = sheet.tok_at(m.start)
    if ti is None or ti >= vi:
        return False
    a, _ = sheet.segment(vi)
    toks = sheet.toks
    k = ti - 1
    while k > a and toks[k].text[:1].islower() and toks[k].lower not in ("der", "des"):
        k -= 1  # adjectives of the genitive phrase
    if k <= a or toks[k].lower not in ("der", "des", "eines", "einer"):
        return False
    noun = toks[k - 1]
    if not noun.text[:1].isupper() or k - 1 > a + 1 or (k - 1 == a + 1 and toks[a].lower not in
                                                         ("ein", "eine", "der", "die")):
        return False
    head = noun.lower.split("-")[-1]
    return any(head.endswith(x) for x in sheet.g.speaker_suffixes if len(x) > 2) and \
        head not in sheet.g.speaker_nouns - {"sprecher", "sprecherin", "vertreter"}


# ---------------------------------------------------------------- pronouns, pairs
def _pronoun(sheet: Sheet, cue: Cue, recent: Recent, fallback: str | None) -> str | None:
    """A pronoun subject: the last speaker if one spoke in the last two sentences."""
    sent = sheet.toks[cue.ti].sent
    if recent.speakers and sent - recent.sent <= 2 and len(recent.speakers) == 1 and \
            _person(sheet, recent.speakers[0]):
        return recent.speakers[0]
    return fallback


def _person(sheet: Sheet, name: str) -> bool:
    """Whether ``name`` is a person, including unnamed ones the statement stage added."""
    if name in sheet.persons:
        return True
    actor = sheet.ctx.actor(name)
    return actor is not None and actor.type == "Person"


def _personal(lang: str) -> frozenset[str]:
    """Lower-case personal pronouns that stand for a person ("er", "sie"; words.yaml)."""
    from kg.extract.gazetteer import gazetteer

    return frozenset(p.lower() for p in gazetteer(lang).pronouns)


def _pronoun_near(sheet: Sheet, cue: Cue, vi: int, recent: Recent) -> list[str]:
    """A pronoun/demonstrative subject next to the verb ("sagte er", "Er betonte")."""
    a, _ = sheet.segment(vi)
    sent = sheet.toks[vi].sent
    near = [sheet.toks[k] for k in (vi - 1, vi + 1, vi + 2) if 0 <= k < len(sheet.toks)]
    near = [t for t in near if t.sent == sent and t.i >= a]
    g = sheet.g
    if any(t.lower in _personal(sheet.ctx.language) for t in near):
        who = _pronoun(sheet, cue, recent, sheet.last_person_before(sheet.toks[vi].start))
        if who is None and recent.speakers and sent - recent.sent <= 3:
            return list(recent.speakers)
        return [who] if who else []
    if any(t.lower in g.demonstratives and (t.i + 1 >= len(sheet.toks) or
                                            not sheet.toks[t.i + 1].text[:1].isupper())
           for t in near):
        who = sheet.last_person_before(sheet.toks[vi].start)
        return [who] if who else []
    return []


def _pair(sheet: Sheet, vi: int) -> list[str]:
    """ "die beiden" / "beide" as subject → the last two persons named."""
    a, b = sheet.segment(vi)
    toks = sheet.toks[a:vi] + sheet.toks[vi + 1:min(vi + 4, b)]
    if not any(t.lower in sheet.g.pair_words for t in toks):
        return []
    nxt = [t for t in toks if t.lower in sheet.g.pair_words][0]
    after = sheet.toks[nxt.i + 1] if nxt.i + 1 < len(sheet.toks) else None
    if after is not None and after.text[:1].isupper():
        return []  # "beide Seiten", "beide Länder": left to the actor stage
    out: list[str] = []
    for m in reversed(sheet.mentions):
        if m.start >= sheet.toks[vi].start:
            continue
        if m.actor in sheet.persons and m.actor not in out:
            out.append(m.actor)
            if len(out) == 2:
                break
    return out if len(out) == 2 else []


# ---------------------------------------------------------------- unnamed speakers
def np_speaker(sheet: Sheet, cue: Cue) -> str | None:
    """An unnamed speaker from the subject noun phrase ("ein Sprecher des Ministeriums").

    The phrase becomes an actor (``named: false``) of the context so the statement keeps it.
    """
    g = sheet.g
    s0, s1 = sheet.sentence(cue.ti)
    a, _ = sheet.segment(cue.ti)
    span = None
    if cue.mode == "after":
        k = cue.extra.get("end", cue.ti + 1)
        if k < s1 and sheet.toks[k].text[:1].islower() and \
                word_tag(sheet.toks[k].text).startswith("V"):
            return None  # "nach armenischen Angaben griffen …": no phrase follows
        span = _np_at(sheet, k, s1)
        if span is None:
            return None
        return _add_unnamed(sheet, cue, *span, check=False)
    else:
        start = a + 1 if a < cue.ti and sheet.toks[a].lower in g.subjunctions else a
        if start < cue.ti and sheet._np_word(sheet.toks[start]) and \
                sheet.toks[start].lower not in g.personal_pronouns | g.oblique_articles:
            span = _np_at(sheet, start, cue.ti)
            if span is not None and not _np_tail_ok(sheet, span[1], cue.ti):
                span = None
        if span is None:
            k = cue.ti + 1
            while k < s1 and k - cue.ti <= 4 and (sheet.toks[k].lower in g.reflexives or
                                                  _adverb(sheet, sheet.toks[k])):
                k += 1
            span = _np_at(sheet, k, s1)
    if span is None:
        return None
    return _add_unnamed(sheet, cue, *span)


def _add_unnamed(sheet: Sheet, cue: Cue, i: int, j: int, check: bool = True) -> str | None:
    """Make the phrase ``[i, j)`` an unnamed actor; its name, or None when it is no speaker."""
    g = sheet.g
    det = sheet.toks[i].lower
    while i < j and sheet.toks[i].lower in g.articles | {"von", "vom"}:
        i += 1
    if i >= j or (check and not _speaker_head(sheet, i, j)):
        return None
    if det in ("der", "die") and j - i == 1:
        who = anaphor(sheet, cue, sheet.toks[i])
        if who is not None:
            return who
    name = sheet.ctx.text[sheet.toks[i].start:sheet.toks[j - 1].end]
    if sheet.ctx.actor(name) is None:
        head = _head(sheet, i, j)
        plural = sheet.toks[cue.ti].lower.endswith("en") or head.lower.endswith("en")
        sheet.ctx.actors.append(Actor(name=name, type="Group" if plural else "Person",
                                      named=False))
    return name


def anaphor(sheet: Sheet, cue: Cue, head: Tok) -> str | None:
    """The person a definite role noun stands for ("so die Kanzlerin", "sagte der
    SPD-Politiker"): the last person named whose role it is, else the last person named
    when the noun names a person (an office or a "-politiker")."""
    word = head.lower
    last = cue.extra.get("end", cue.ti)
    if sheet.toks[cue.ti].lower.endswith("en"):
        return None  # a plural verb: "die Minister erklärten"
    limit = sheet.toks[last].start
    before = []
    for m in sheet.mentions:
        if m.start >= limit:
            break
        if m.actor in sheet.persons:
            before.append(m)
    if not before:
        return None
    base = word.split("-")[-1]
    order = list(dict.fromkeys(m.actor for m in reversed(before)))  # latest first
    roles = {a.name: [r.role.lower() for r in a.roles if len(r.role) > 3]
             for a in sheet.ctx.actors if a.name in sheet.persons}
    for exact in (True, False):
        # "der Bundespräsident" is first the Bundespräsident, only then any Präsident
        for name in order:
            if any(r.endswith(base) if exact else base.endswith(r)
                   for r in roles.get(name, ())):
                return name
    if base.endswith(("politiker", "politikerin")) or base in _role_words(sheet.ctx.language):
        return before[-1].actor
    return None


def _adverb(sheet: Sheet, t: Tok) -> bool:
    """A lower-case word that is not an article, preposition, pronoun or auxiliary."""
    g = sheet.g
    return (t.text.isalpha() and t.text.islower() and t.lower not in g.articles and
            t.lower not in g.prepositions and t.lower not in g.auxiliaries and
            t.lower not in g.personal_pronouns and t.lower not in g.subjunctions)


def _np_tail_ok(sheet: Sheet, a: int, b: int) -> bool:
    """Whether the words between a subject phrase and its verb may follow it.

    Adverbs ("hingegen", "gestern") or a prepositional attribute ("in Berlin").
    """
    rest = sheet.toks[a:b]
    if not rest:
        return True
    if rest[0].lower in sheet.g.prepositions:
        return all(t.text.isalnum() or t.text in "-" for t in rest)
    return all(_adverb(sheet, t) for t in rest)


def _head(sheet: Sheet, i: int, j: int) -> Tok:
    """The head noun of the phrase ``[i, j)``: its first capitalised word before a genitive."""
    for k in range(i, j):
        t = sheet.toks[k]
        if t.text[:1].isupper() and (k + 1 >= j or sheet.toks[k + 1].lower in
                                     ("des", "der", "eines", "einer") or
                                     not sheet.toks[k + 1].text[:1].isupper()):
            return t
    return sheet.toks[j - 1]


def _speaker_head(sheet: Sheet, i: int, j: int) -> bool:
    """Whether the phrase's head noun names a person or body ("Sprecher", "Regierung")."""
    g = sheet.g
    h = _head(sheet, i, j).i
    return any(_speaker_word(g, sheet.toks[k].lower.split("-")[-1])
               for k in range(i, h + 1) if sheet.toks[k].text[:1].isupper())


def _np_at(sheet: Sheet, k: int, limit: int) -> tuple[int, int] | None:
    """Token range of a noun phrase starting at ``k`` (article, adjectives, nouns, genitive)."""
    g = sheet.g
    toks = sheet.toks
    i = k
    if i < limit and toks[i].lower in ("von", "vom"):
        i += 1
    start = i
    nouns = 0
    while i < limit and i - start < 8:
        t = toks[i]
        if t.quoted or not t.text[:1].isalpha() or t.lower in g.prepositions - {"von"} or \
                t.lower in g.personal_pronouns or t.lower in g.auxiliaries:
            break
        if t.lower in g.articles and i > start and toks[i - 1].text[:1].isupper() and \
                t.lower not in ("des", "der", "eines", "einer"):
            break  # a second noun phrase begins ("der Bundeswahlleiter eine Wahlbeteiligung")
        if t.text[0].isupper() and t.lower not in g.articles:
            nouns += 1
        elif not (t.lower in g.articles or t.lower.endswith(("e", "en", "er", "es", "em"))):
            break
        i += 1
    while i > start and (not toks[i - 1].text[0].isupper() or toks[i - 1].lower in g.articles):
        i -= 1
    if nouns == 0 or i == start:
        return None
    return start, i
