"""Actors other than persons: organisations, institutions, acting countries, groups.

Used by :mod:`kg.extract.actors` (``scan_entities(st)`` on its working state).

- organisations from the lexicon (inflected adjective forms are matched too:
  "der Arabischen Liga"), "US-Botschaft" / "das kasachische Präsidialamt";
- countries are actors when at least one mention is not merely a location or topic:
  a country after "in", "nach", "aus", "über" … (words.yaml: ``place_prepositions``),
  also as later member of a list opened by such a word ("in Venezuela, Iran und
  Syrien"), or tied to an office ("Russlands Präsident", "Präsident Russlands") is a
  place; a country as subject, object, after "mit", "zwischen", "gegen" or in the
  genitive of another noun ("Rolle Österreichs") acts;
- groups from the lexicon in subject position ("Beobachter sehen …").
"""

from __future__ import annotations

from typing import Any

from kg.annotation import Actor
from kg.extract.context import Mention
from kg.extract.pipeline import word_tag
from kg.resources import lexicon

_STRONG = {"m": "er", "f": "e", "n": "es", "pl": "e", "-": ""}
_ARTICLES = frozenset({"der", "die", "das", "des", "dem", "den"})
_LIST_MAX = 4
_QUOTES = frozenset({"«", "»", "„", "“", "”", "\"", "‚", "‘", "’", "'"})


def scan_entities(st: Any) -> None:
    """Organisations, institutions, countries (acting) and groups (acting)."""
    g, words, doc = st.g, st.words, st.doc
    inst = _institutions(st.ctx.language)
    acting_countries: dict[str, list[tuple[int, int]]] = {}
    i = 0
    while i < len(words):
        w = words[i]
        hit = g.match(words, i)
        if hit is not None:
            n, entry = hit
            if entry.kind == "org":
                span = doc[i:i + n]
                if not _located(st, i):
                    add_other(st, entry.name, "Organization", span, "name",
                              alias=g.nominative.get(span.text))
                    if span.text in g.nominative:
                        _drop_alias(st, entry.name, span.text)
            elif entry.kind == "country":
                st.country_start[i] = entry.name
                st.country_end[i + n] = entry.name
                if _country_acts(st, i, i + n):
                    acting_countries.setdefault(entry.name, []).append((i, i + n))
            elif entry.kind == "group" and acting(st, i, i + n):
                start = i - 1 if i > 0 and _is_adjective(st, i - 1) else i
                name = " ".join(words[start:i + n])
                add_other(st, name, "Group", doc[start:i + n], "group")
            i += n
            continue
        if w in g.media_nouns or (w[:1].isupper() and w in g.org_heads):
            _named_org(st, i)
        if "-" in w and w[0].isupper():
            head, _, tail = w.rpartition("-")
            country = g.country_prefixes.get(head)
            base = _inst_base(tail, inst)
            if country and base:
                name = f"{head}-{base}"
                add_other(st, name, "Organization", doc[i:i + 1], "name")
            elif country and tail in g.side_words:
                add_other(st, country, "Country", doc[i:i + 1], "country", alias=w)
        if w in g.adjectives and i + 1 < len(words):
            country, nxt = g.adjectives[w], words[i + 1]
            base = _inst_base(nxt, inst)
            if base:
                stem = w if inst[base] == "-" else adj_stem(w)  # "-": English, uninflected
                name = f"{stem}{_STRONG[inst[base]]} {base}"
                add_other(st, name, "Organization", doc[i:i + 2], "name")
                actor = st.others[name]
                if base not in actor.aliases:
                    actor.aliases.append(base)
            elif nxt in g.side_words:
                add_other(st, country, "Country", doc[i:i + 2], "country",
                          alias=f"{adj_stem(w)}e {nxt}")
        i += 1
    for name, spans in acting_countries.items():
        for a, b in spans:
            if acting(st, a, b):  # other stages look for speakers among mentions
                add_other(st, name, "Country", doc[a:b], "country")
        if name not in st.others:
            st.others[name] = Actor(name=name, type="Country")
        actor = st.others[name]
        for a, b in spans:
            form = " ".join(words[a:b])
            if form != name and form not in actor.aliases:
                actor.aliases.append(form)


def _located(st: Any, i: int) -> bool:
    """Whether the phrase at ``i`` follows a place preposition ("im Kanzleramt")."""
    k = i - 1
    while k >= 0 and st.words[k].lower() in _ARTICLES:
        k -= 1
    return k >= 0 and st.words[k] in st.g.place_prepositions


def _drop_alias(st: Any, name: str, form: str) -> None:
    actor = st.others[name]
    actor.aliases = [a for a in actor.aliases if a != form]


def _named_org(st: Any, i: int) -> None:
    """"der Tageszeitung «Cumhuriyet»" (medium) and "des Arktischen Rats" (adjective + head)."""
    g, words, doc = st.g, st.words, st.doc
    w = words[i]
    if w in g.media_nouns:
        k = i + 1
        quoted = k < len(words) and words[k] in _QUOTES
        k += quoted
        if k < len(words) and words[k][:1].isupper() and words[k] not in g.not_names and \
                g.match(words, k) is None and any(c.isalpha() for c in words[k]):
            end = k + 1
            if quoted and (end >= len(words) or words[end] not in _QUOTES):
                return
            add_other(st, words[k], "Organization", doc[k:end], "name")
        return
    base = w if w in g.org_heads else None
    if i == 0 or base is None or st.sent_start[i - 1]:
        return
    adj = words[i - 1]
    if not adj[:1].isupper() or not adj.endswith(("e", "en", "er", "es", "em")) or \
            adj in g.adjectives or adj in g.not_names or not adj[1:].islower():
        return
    if not word_tag(adj.lower()).startswith("ADJ"):
        return
    name = f"{adj_stem(adj)}{_STRONG[g.org_heads[base]]} {base}"
    add_other(st, name, "Organization", doc[i - 1:i + 1], "name")
    _drop_alias(st, name, doc[i - 1:i + 1].text)


def _institutions(lang: str) -> dict[str, str]:
    return {e.noun: e.gender for e in lexicon(lang, "institutions")}


def _inst_base(word: str, inst: dict[str, str]) -> str | None:
    """The institution noun of ``word``, also in the genitive ("Geheimdienstes")."""
    if word in inst:
        return word
    for end in ("es", "s"):
        if word.endswith(end) and word[: -len(end)] in inst and \
                inst[word[: -len(end)]] in ("m", "n"):
            return word[: -len(end)]
    return None


def adj_stem(word: str) -> str:
    """An adjective without its inflection ending ("amerikanischen" → "amerikanisch")."""
    for end in ("en", "em", "er", "es", "e"):
        if word.endswith(end):
            return word[: -len(end)]
    return word


def _is_adjective(st: Any, i: int) -> bool:
    w = st.words[i]
    return w.islower() and w.endswith(("e", "en")) and word_tag(w).startswith("ADJ")


def _country_acts(st: Any, i: int, j: int) -> bool:
    """Whether the country mention words[i:j] is more than a location, topic or office tie."""
    g, words = st.g, st.words
    if j < len(words) and g.role_of_token(words[j]) is not None and words[j - 1].endswith("s"):
        return False                                        # "Russlands Präsident"
    k = i - 1
    while True:
        while k >= 0 and words[k].lower() in _ARTICLES:
            k -= 1
        if k < 0:
            return True
        prev = words[k]
        if prev in g.place_prepositions:
            return False
        if g.role_of_token(prev) is not None:
            return False                                    # "Präsident Russlands"
        if prev == "von" and k > 0 and g.role_of_token(words[k - 1]) is not None:
            return False                                    # "Kanzlerin von Deutschland"
        if prev not in g.list_words:
            return True
        # a list: walk back over the previous element to what opens the list
        k -= 1
        steps = 0
        while k >= 0 and steps < _LIST_MAX and words[k] not in g.list_words and \
                words[k] not in g.place_prepositions and (words[k][:1].isupper() or
                                                          words[k].lower() in _ARTICLES):
            k -= 1
            steps += 1
        if steps == 0:
            return True


def acting(st: Any, i: int, j: int) -> bool:
    """Whether the phrase words[i:j] stands before a finite verb (subject position)."""
    words = st.words
    if j < len(words):
        nxt = words[j]
        if nxt.islower() and _finite(nxt):
            return True
        if nxt == "und" and j + 2 < len(words) and words[j + 1][:1].isupper() and \
                words[j + 2].islower() and _finite(words[j + 2]):
            return True
    return False


def _finite(word: str) -> bool:
    """Whether HanTa reads ``word`` (out of context) as a finite or plural verb form."""
    return word_tag(word).startswith(("VV(FIN)", "VA(FIN)", "VM(FIN)", "VV(INF)", "VA(INF)",
                                      "VM(INF)"))


def add_other(st: Any, name: str, typ: str, span: Any, kind: str,
              alias: str | None = None) -> None:
    """Add (or extend) a non-person actor and record the mention ``span``."""
    actor = st.others.get(name)
    if actor is None:
        actor = Actor(name=name, type=typ)
        st.others[name] = actor
    for form in (alias, span.text):
        if form and form != name and form not in actor.aliases:
            actor.aliases.append(form)
    st.mentions.append(Mention(span.start_char, span.end_char, name, kind))
