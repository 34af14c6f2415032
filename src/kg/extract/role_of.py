"""The ``of`` of roles the text gives without a country ("Präsident Donald Trump").

``complete_roles(st)`` runs after persons and their mentions are known
(:mod:`kg.extract.actors`).  A role without ``of`` takes, in this order:

1. what the text says at the title (set by :mod:`kg.extract.actors`);
2. the side the clause puts the person on ("Auf US-Seite nahmen … Präsident Donald
   Trump … teil");
3. for offices with a home prefix ("Bundespräsident") the home country of the
   reporting agency named in the dateline ("Wien (APA) -"), else the office's default;
4. the one country/organisation of the person's other roles (after steps 2-3);
5. the people lexicon, only when first and last name both match;
6. the country the article most often names beside the person (in the sentences that
   mention them, not counting clues already spent on another person's title);
7. for offices marked ``home`` in roles.yaml, the home country of the report (agency,
   else words.yaml ``home_default``): German reports name foreign ministers with their
   country and their own without.

Every ``of`` is finally made a known actor or place, or dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from kg.annotation import Actor

_AGENCY = re.compile(r"\(([A-Za-z][\w-]{1,14})\)\s*[-–—]")
_SIDE_OPENERS = frozenset({"auf", "Auf"})
_MIN_SUPPORT = 2


def complete_roles(st: Any) -> None:
    """Fill missing ``of`` from the article's context, then the people lexicon."""
    from kg.extract.places import ensure_place

    home = _home_country(st)
    sides = _sides(st)
    support = _cooccurring_countries(st)
    fallback = home or st.g.home_default
    for key, p in st.persons.items():
        for r in p.roles:
            if r.of is not None:
                continue
            if key in sides:
                r.of = sides[key]
            elif home and r.role.startswith(st.g.home_prefixes):
                r.of = home
            else:
                r.of = p.defaults.get(r.role)
        known = {r.of for r in p.roles if r.of is not None}
        for r in p.roles:
            if r.of is not None:
                continue
            if len(known) == 1:
                r.of = next(iter(known))
            else:
                r.of = _lexicon_country(st, p.tokens) or support.get(key) or \
                    (fallback if _home_office(st, r.role) else None)
        for r in p.roles:
            if r.of is None or r.of in st.others or ensure_place(st.ctx, r.of):
                continue
            entry = next((e for toks, e in st.g.phrases.get(r.of.split()[0], ())
                          if e.name == r.of and e.kind == "org"), None)
            if entry is not None:
                st.others[r.of] = Actor(name=r.of, type="Organization")
            else:
                r.of = None


def _home_country(st: Any) -> str | None:
    """The country of the news agency in the dateline ("Wien (dpa) -"), if any."""
    head = st.ctx.text[st.ctx.body_start:st.ctx.body_start + 200]
    m = _AGENCY.search(head)
    return st.g.agencies.get(m.group(1)) if m else None


def _home_office(st: Any, role: str) -> bool:
    hit = st.g.role_of_token(role.split()[-1])
    return hit is not None and hit.base in st.g.home_roles


def _lexicon_country(st: Any, tokens: list[str]) -> str | None:
    if len(tokens) < 2:
        return None
    first = tokens[0].split("-")[0]
    return st.g.full_names.get((first, tokens[-1]))


def _person_tokens(st: Any) -> dict[int, str]:
    """Token index → person key for every name/alias mention."""
    out: dict[int, str] = {}
    for m in st.mentions:
        if m.kind in ("name", "alias") and m.actor in st.persons:
            span = st.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for t in range(span.start, span.end):
                    out[t] = m.actor
    return out


def _sides(st: Any) -> dict[str, str]:
    """Persons named in a clause opened by "Auf US-Seite" / "auf russischer Seite"."""
    g, words = st.g, st.words
    tokens = None
    out: dict[str, str] = {}
    for i, w in enumerate(words):
        country, start = None, i + 1
        if "-" in w and w.rpartition("-")[2] in g.side_words and i > 0 and \
                words[i - 1] in _SIDE_OPENERS:
            country = g.country_prefixes.get(w.rpartition("-")[0])
        elif w in g.adjectives and i + 1 < len(words) and words[i + 1] in g.side_words and \
                i > 0 and words[i - 1] in _SIDE_OPENERS:
            country, start = g.adjectives[w], i + 2
        if country is None:
            continue
        if tokens is None:
            tokens = _person_tokens(st)
        k = start
        while k < len(words) and words[k] not in g.clause_breaks and \
                not (k > start and st.sent_start[k]):
            key = tokens.get(k)
            if key is not None:
                out.setdefault(key, country)
            k += 1
    return out


def _cooccurring_countries(st: Any) -> dict[str, str]:
    """Person key → the country named most often in the sentences that mention them."""
    g, words = st.g, st.words
    sent_of: list[int] = []
    n = -1
    for s in st.sent_start:
        n += bool(s) or n < 0
        sent_of.append(n)
    clues: dict[int, Counter] = {}
    for i, w in enumerate(words):
        if i in st.of_tokens:
            continue
        country = st.country_start.get(i) or g.adjectives.get(w)
        if country is None and "-" in w:
            country = g.country_prefixes.get(w.partition("-")[0])
        if country is not None:
            clues.setdefault(sent_of[i], Counter())[country] += 1
    per_person: dict[str, Counter] = {}
    seen: set[tuple[str, int]] = set()
    for t, key in _person_tokens(st).items():
        s = sent_of[t]
        if (key, s) in seen or s not in clues:
            continue
        seen.add((key, s))
        per_person.setdefault(key, Counter()).update(set(clues[s]))
    out: dict[str, str] = {}
    for key, counts in per_person.items():
        ranked = counts.most_common(2)
        best, score = ranked[0]
        if score >= _MIN_SUPPORT and (len(ranked) == 1 or ranked[1][1] < score):
            out[key] = best
    return out
