"""Finding reporting cues in a :class:`~kg.extract.stmt_text.Sheet`.

A cue is a reporting verb (phrase) from ``cues.yaml`` — with its separable particle
("hob … hervor"), required companion word ("sprach von", "machte deutlich") or reflexive
("äußerte sich") — a prepositional source ("laut X", "nach Angaben von X", "X zufolge",
"…, so X"), an impersonal cue ("hieß es") or a headline colon ("Steinmeier: …").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kg.extract.stmt_lex import expand, lexicon
from kg.extract.stmt_text import Sheet, Tok

_QUOTES = set("„“”\"«»‚‘’›‹")


@dataclass
class Cue:
    """A reporting cue: its tokens, how it is written and where its speaker stands."""

    ti: int                      # main token (the verb, the preposition, "so", ":")
    toks: list[int]              # every token of the cue
    text: str                    # the cue as written ("hob hervor")
    mode: str = "subject"        # subject | after | before | previous | colon
    strength: float = 0.8
    extra: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=4)
def verb_index(lang: str, name: str = "cues") -> dict[str, list[tuple[Any, bool]]]:
    """Map lower-case word form → [(verb entry, form contains the particle)]."""
    idx: dict[str, list[tuple[Any, bool]]] = {}
    for entry in lexicon(lang, name).verbs:
        sep, joined = expand(entry)
        for f in sep:
            idx.setdefault(f, []).append((entry, False))
        for f in joined:
            idx.setdefault(f, []).append((entry, True))
    return idx


def has_content(sheet: Sheet, ti: int) -> bool:
    """Whether the cue at ``ti`` introduces reported content (quote, colon, clause)."""
    g = sheet.g
    s0, s1 = sheet.sentence(ti)
    toks = sheet.toks
    if any(toks[k].quoted for k in range(s0, s1)):
        return True
    a, b = sheet.segment(ti)
    if a == ti and a > s0 and toks[a - 1].text == ",":
        return True  # post-posed: "…, meinte er"
    k = b
    while k < s1 and toks[k].text in _QUOTES:
        k += 1
    if k < s1 and toks[k].text == ":":
        return True
    for n in range(ti + 1, min(s1, ti + 5)):  # "added that …", "told reporters that …"
        if toks[n].lower in g.meaningless_subjunctions:
            return True
        if not toks[n].text[:1].isalnum():
            break
    if k < s1 and toks[k].text == ",":
        nxt = toks[k + 1].lower if k + 1 < s1 else ""
        if nxt in g.content_subjunctions:
            return True
        a2, b2 = sheet.segment(k + 1) if k + 1 < s1 else (k, k)
        words = [t.lower for t in toks[a2:b2]]
        if any(w in g.subjunctive for w in words) or "zu" in words[-3:]:
            return True
        if any(_konjunktiv(t.text) for t in toks[a2 + 1:min(b2, a2 + 5)]):
            return True  # "meinte, es handle sich …"
    return False


def _clause(sheet: Sheet, ti: int) -> list[Tok]:
    """Tokens of the clause around ``ti`` between commas, colons and sentence ends
    (quotation marks and parentheses do not end it)."""
    s0, s1 = sheet.sentence(ti)
    stop = (",", ";", ":", ".", "!", "?", "–")
    a = ti
    while a > s0 and sheet.toks[a - 1].text not in stop:
        a -= 1
    b = ti
    while b + 1 < s1 and sheet.toks[b + 1].text not in stop:
        b += 1
    return sheet.toks[a:b + 1]


def _konjunktiv(word: str) -> bool:
    """A Konjunktiv I form out of the closed list ("handle", "gebe"): a lower-case verb in
    -e that is no weak past tense (-te)."""
    if not (word.islower() and word.isalpha() and word.endswith("e")) or word.endswith("te"):
        return False
    from kg.extract.pipeline import word_tag

    return word_tag(word).startswith("V")


def _particle_beyond(sheet: Sheet, ti: int, b: int, p: str) -> Tok | None:
    """The particle after an apposition or inserted phrase between commas
    ("teilte der Vorsitzende der Kommission, Magdalena Chu, mit")."""
    _, s1 = sheet.sentence(ti)
    g = sheet.g
    k = b
    while k < s1 and k - ti < 40:
        t = sheet.toks[k]
        if t.text in _QUOTES:
            # a short quoted name ("das „Space Telescope Science Institute“ (STSI)")
            j = k + 1
            while j < s1 and j - k <= 7 and sheet.toks[j].text not in _QUOTES:
                j += 1
            if j < s1 and j - k <= 7 and sheet.toks[j].text in _QUOTES:
                k = j + 1
                continue
            return None
        if t.text in (":", ";", ".", "!", "?") or t.quoted:
            return None
        if t.text == "," and k + 1 < s1 and (sheet.toks[k + 1].lower in g.subjunctions or
                                             sheet.toks[k + 1].lower in g.relative_pronouns):
            return None  # a subordinate clause begins: its words are not the main clause's
        if t.lower == p:
            a2, b2 = sheet.segment(k)
            if k == b2 - 1 and (k + 1 >= s1 or sheet.toks[k + 1].text in (",", ".", ":", "!")):
                return t
        k += 1
    return None


def _particle_clash(sheet: Sheet, ti: int, b: int, own: str | None) -> bool:
    """Whether the clause ends in another verb's separable particle ("sagte … ab",
    "findet das „Festival“ statt")."""
    ends = [sheet.toks[b - 1]] if b - 1 > ti else []
    clause = _clause(sheet, ti)
    if clause and clause[-1].i > ti:
        ends.append(clause[-1])
    return any(t.lower in sheet.g.particles and t.lower != (own or "") and not t.quoted
               for t in ends)


@lru_cache(maxsize=4)
def _exclusions(lang: str, name: str) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """word → [(its position, phrase)] for the phrases in which a cue word is no cue."""
    out: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for words in getattr(lexicon(lang, name), "exclude", []):
        phrase = tuple(w.lower() for w in words)
        for k, w in enumerate(phrase):
            out.setdefault(w, []).append((k, phrase))
    return out


def _excluded(sheet: Sheet, ti: int, excl: dict[str, list[tuple[int, tuple[str, ...]]]]) -> bool:
    """Whether the token at ``ti`` is part of a fixed non-reporting phrase ("genauer gesagt")."""
    for k, phrase in excl.get(sheet.toks[ti].lower, []):
        a = ti - k
        if a >= 0 and a + len(phrase) <= len(sheet.toks) and all(
                sheet.toks[a + n].lower == w for n, w in enumerate(phrase)):
            return True
    return False


def verb_cues(sheet: Sheet, lang: str, name: str = "cues") -> list[tuple[Cue, Any]]:
    """Every verb cue of the document with its lexicon entry."""
    idx = verb_index(lang, name)
    excl = _exclusions(lang, name)
    g = sheet.g
    out: list[tuple[Cue, Any]] = []
    for t in sheet.toks:
        if t.quoted or not t.text.isalpha():
            continue
        cands = idx.get(t.lower)
        if not cands:
            continue
        s0, _ = sheet.sentence(t.i)
        if t.text[0].isupper() and t.i != s0 and sheet.toks[t.i - 1].text not in _QUOTES:
            continue
        a, b = sheet.segment(t.i)
        seg = sheet.toks[a:b]
        if _excluded(sheet, t.i, excl):
            continue
        lows = {x.lower for x in seg}
        reflexive = "sich" in lows and "gegenseitig" not in lows
        best: tuple[float, Cue, Any] | None = None
        for entry, joined in cands:
            toks = [t.i]
            words = [t.text]
            score = 1.0
            if entry.particle and not joined:
                # the particle closes the clause ("teilte … mit"); "zu dem", "vor der" are
                # prepositions
                p = entry.particle.lower()
                hit = next((x for x in seg if x.i > t.i and x.lower == p and not x.quoted and (
                    x is seg[-1] or sheet.toks[x.i + 1].lower in g.coordinators)), None)
                if hit is None:
                    hit = _particle_beyond(sheet, t.i, b, p)
                if hit is None and t.i > a and sheet.toks[t.i - 1].lower == p:
                    hit = sheet.toks[t.i - 1]  # verb-final "bekannt gab"
                if hit is None:
                    continue
                toks.append(hit.i)
                words.append(hit.text)
                score += 1
            elif not entry.particle and _particle_clash(sheet, t.i, b, None):
                continue
            if entry.without and any(x.text in entry.without for x in seg) and \
                    not has_content(sheet, t.i):
                continue  # "forderte 100 Todesopfer", "erklärte das Tor für gültig"
            if entry.with_:
                wl = {w.lower() for w in entry.with_}
                hit = next((x for x in seg if x.i != t.i and x.lower in wl and not x.quoted),
                           None)
                if hit is None:
                    # across quotation marks: "Von einer „gezielten Indiskretion“ sprach X"
                    hit = next((x for x in _clause(sheet, t.i) if x.i != t.i and
                                x.lower in wl and not x.quoted), None)
                if hit is None:
                    continue
                toks.append(hit.i)
                words.append(hit.text)
                score += 1
            if not entry.reflexive and reflexive and not entry.with_:
                continue  # "stellte sich heraus", "bestätigt sich", "sah sich gezwungen"
            if entry.reflexive:
                refl = next((x for x in seg if x.lower in g.reflexives), None)
                if refl is None:
                    continue
                toks.append(refl.i)
                words.insert(1, refl.text)
                score += 0.5
            if entry.content and not has_content(sheet, t.i):
                continue
            text = entry.cue if entry.cue and not joined else " ".join(words)
            if entry.cue and entry.cue.split()[0].lower() == t.lower:
                text = entry.cue
            cue = Cue(t.i, sorted(toks), text, "subject", 0.6 if entry.content else 0.8)
            if best is None or score > best[0]:
                best = (score, cue, entry)
        if best is not None:
            out.append((best[1], best[2]))
    return out


def _match_words(sheet: Sheet, i: int, words: list[str], s1: int) -> int | None:
    """Token index after a match of ``words`` ("*" = up to two tokens) at ``i``, or None."""
    k = i
    for w in words:
        if w == "*":
            continue
        limit = k + 3 if words[max(0, words.index(w) - 1)] == "*" and k > i else k + 1
        found = None
        wl = w.lower()
        for j in range(k, min(limit, s1)):
            tl = sheet.toks[j].lower
            if (tl == wl or (w[0].isupper() and len(w) > 5 and tl.endswith(wl))) and \
                    not sheet.toks[j].quoted:
                found = j
                break
        if found is None:
            return None
        k = found + 1
    return k


@lru_cache(maxsize=4)
def _first_words(lang: str) -> frozenset[str]:
    """Lower-case first words of the source and impersonal cues."""
    lex = lexicon(lang, "cues")
    return frozenset(e.words[0].lower() for e in [*lex.sources, *lex.impersonal])


def source_cues(sheet: Sheet, lang: str) -> list[Cue]:
    """Prepositional, impersonal and "…, so X" cues."""
    lex = lexicon(lang, "cues")
    firsts = _first_words(lang)
    out: list[Cue] = []
    for t in sheet.toks:
        if t.quoted or t.lower not in firsts:
            continue
        s0, s1 = sheet.sentence(t.i)
        for src in lex.sources:
            if src.words[0].lower() != t.lower:
                continue
            end = _match_words(sheet, t.i, src.words, s1)
            if end is None:
                continue
            if src.after_quote and not (t.i > s0 and sheet.toks[t.i - 1].text == ","):
                continue
            text = " ".join(sheet.toks[k].text for k in range(t.i, end))
            out.append(Cue(t.i, list(range(t.i, end)), text, src.speaker, 0.7,
                           {"end": end}))
        for imp in lex.impersonal:
            if imp.words[0].lower() != t.lower:
                continue
            end = _match_words(sheet, t.i, imp.words, s1)
            if end is not None:
                text = " ".join(sheet.toks[k].text for k in range(t.i, end))
                out.append(Cue(t.i, list(range(t.i, end)), text, "previous", 0.5))
    return out


def colon_cues(sheet: Sheet) -> list[Cue]:
    """Headline attributions "Name: words" / "Name auf Staatsbesuch: «…»"."""
    out = []
    for s0, s1 in sheet.sents:
        for k in range(s0 + 1, min(s1, s0 + 9)):
            if sheet.toks[k].text != ":":
                continue
            pre = sheet.mentions_between(s0, k)
            if not pre or pre[0][0] > s0 + 2:
                break
            after_quote = k + 1 < s1 and sheet.toks[k + 1].text in _QUOTES
            headline = sheet.toks[s1 - 1].text not in (".", "!", "?", "…") and s1 - k > 2
            if after_quote or headline:
                out.append(Cue(k, [k], ":", "colon", 0.5, {"speaker_tok": pre[0][0]}))
            break
    return out
