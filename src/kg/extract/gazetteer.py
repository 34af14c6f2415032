"""Compiled lookups over the actor and place lexicons (built once per language).

Everything here is derived from the YAML files through :mod:`kg.resources`; no words are
spelled in this module.  ``gazetteer(lang)`` returns a :class:`Gazetteer` with

- ``phrases``: first token → list of (token tuple, Entry) for multi-word names,
- role analysis of one token (``role_of_token``: "US-Außenminister" → prefix US, base
  Außenminister, implied country USA),
- adjective and demonym lookups for countries ("russische" → Russland).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from kg.resources import lexicon

_ADJ_ENDINGS = ("", "e", "er", "en", "em", "es")


@dataclass(frozen=True)
class Entry:
    """What a phrase names: kind is country|org|place|group; ``name`` is canonical."""

    kind: str
    name: str
    type: str = ""          # place type or actor type
    part_of: str | None = None
    of: str | None = None   # organisations: owning country


@dataclass(frozen=True)
class RoleHit:
    """A role found in one token: as written (nominative), base role, implied ``of``."""

    written: str
    base: str
    of: str | None
    female: bool
    plural: bool


@dataclass
class Gazetteer:
    """The compiled lexicons of one language."""

    phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)      # "russische" → Russland
    demonyms: dict[str, str] = field(default_factory=dict)
    country_prefixes: dict[str, str] = field(default_factory=dict)  # "US" → USA
    org_prefixes: dict[str, str] = field(default_factory=dict)
    role_forms: dict[str, tuple[str, str | None, bool, bool]] = field(default_factory=dict)
    role_phrases: frozenset[str] = frozenset()  # multi-word offices ("Prime Minister")
    role_prefixes: tuple[str, ...] = ()
    modifiers: frozenset[str] = frozenset()
    first_names: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    pronouns: dict[str, str] = field(default_factory=dict)          # "Er" → male
    pair_words: frozenset[str] = frozenset()
    female_endings: tuple[str, ...] = ()
    facility_suffixes: tuple[str, ...] = ()
    facility_heads: frozenset[str] = frozenset()
    countries: dict[str, Entry] = field(default_factory=dict)
    places: dict[str, Entry] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)               # surname → country
    side_words: frozenset[str] = frozenset()
    credit_words: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    list_words: frozenset[str] = frozenset()
    colleague_words: frozenset[str] = frozenset()
    clause_breaks: frozenset[str] = frozenset()
    agencies: dict[str, str] = field(default_factory=dict)            # "dpa" → Deutschland
    home_prefixes: tuple[str, ...] = ()
    home_default: str | None = None
    home_roles: frozenset[str] = frozenset()                            # base roles
    media_nouns: frozenset[str] = frozenset()
    org_heads: dict[str, str] = field(default_factory=dict)            # "Rat" → m
    nominative: dict[str, str] = field(default_factory=dict)           # inflected → lexicon form
    full_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (first, last) → country
    _role_memo: dict[str, RoleHit | None] = field(default_factory=dict, repr=False)

    def add(self, text: str, entry: Entry, genitive: bool = True) -> None:
        """Register ``text`` (and its genitive in -s) as naming ``entry``."""
        forms = [text]
        if genitive and not text.endswith(("s", "x", "z", "ß")):
            forms.append(text + "s")
        for form in forms:
            toks = tuple(_split(form))
            if not toks:
                continue
            bucket = self.phrases.setdefault(toks[0], [])
            if all(t != toks for t, _ in bucket):
                bucket.append((toks, entry))
                bucket.sort(key=lambda x: -len(x[0]))

    def match(self, words: list[str], i: int) -> tuple[int, Entry] | None:
        """The longest phrase starting at ``words[i]``: (token count, entry), or None."""
        for toks, entry in self.phrases.get(words[i], ()):
            n = len(toks)
            if tuple(words[i:i + n]) == toks:
                return n, entry
        return None

    def role_of_token(self, word: str) -> RoleHit | None:
        """Analyse one token as a (possibly prefixed) role noun (memoised per word)."""
        if not word or not word[0].isupper():
            hit = self.role_forms.get(word)  # lower-case forms the lexicon lists ("minister")
            return RoleHit(word, *hit) if hit is not None else None
        try:
            return self._role_memo[word]
        except KeyError:
            pass
        if len(self._role_memo) > 200_000:
            self._role_memo.clear()
        hit = self._role_of_token(word)
        self._role_memo[word] = hit
        return hit

    def _role_of_token(self, word: str) -> RoleHit | None:
        hit = self.role_forms.get(word)
        if hit is not None:
            base, of, female, plural = hit
            return RoleHit(_nominative(word, hit), base, of, female, plural)
        if "-" in word:
            head, _, tail = word.rpartition("-")
            hit = self.role_forms.get(tail)
            if hit is None:
                return None
            base, of, female, plural = hit
            of = self.country_prefixes.get(head) or self.org_prefixes.get(head) or of
            if head not in self.country_prefixes and head not in self.org_prefixes and \
                    head + "-" not in self.role_prefixes and not of:
                return None
            return RoleHit(f"{head}-{_nominative(tail, hit)}", base, of, female, plural)
        for n in range(3, len(word) - 3):
            rest = word[n:]
            hit = self.role_forms.get(rest[0].upper() + rest[1:])
            if hit is None:
                continue
            head = word[:n]
            base, of, female, plural = hit
            if head in self.role_prefixes:
                of = of or (self.country_prefixes.get(head) if head != "Staats" else None)
            elif head in self.org_prefixes:
                of = self.org_prefixes[head]
            else:
                continue
            nom = _nominative(rest[0].upper() + rest[1:], hit)
            return RoleHit(head + nom[0].lower() + nom[1:], base, of, female, plural)
        return None


def _nominative(word: str, hit: tuple[str, str | None, bool, bool]) -> str:
    """The nominative of an inflected role form (genitive -s / weak -en dropped)."""
    base, _of, female, _plural = hit
    if word == base or female:
        return word
    if word.endswith("s") and word[:-1] == base:
        return base
    if word.endswith("en") and word[:-2] == base:
        return base
    if word.endswith("n") and word[:-1] == base:
        return base
    return word


def _split(text: str) -> list[str]:
    """Split a lexicon phrase like spaCy splits it (whitespace; trailing punctuation)."""
    return text.split()


@lru_cache(maxsize=4)
def gazetteer(lang: str = "de") -> Gazetteer:
    """Build (once) the gazetteer of ``lang`` from its lexicon files."""
    g = Gazetteer()
    for c in lexicon(lang, "countries"):
        entry = Entry("country", c.name, "Country")
        g.countries[c.name] = entry
        for form in [c.name, *c.forms]:
            g.add(form, entry)
        for p in c.prefixes:
            g.country_prefixes[p] = c.name
        for adj in c.adjectives:
            for ending in _ADJ_ENDINGS:
                g.adjectives[adj + ending] = c.name
                g.adjectives[adj[0].upper() + adj[1:] + ending] = c.name
        for d in c.demonyms:
            g.demonyms[d] = c.name
        if c.capital:
            cap = Entry("place", c.capital, "City", part_of=c.name)
            g.places.setdefault(c.capital, cap)
    places = lexicon(lang, "places")
    for p in places.places:
        entry = Entry("place", p.name, p.type, part_of=p.part_of)
        g.places[p.name] = entry
        for form in p.forms:
            g.add(form, entry)
    for entry in g.places.values():
        g.add(entry.name, entry)
    g.facility_suffixes = tuple(places.facility_suffixes)
    g.facility_heads = frozenset(places.facility_heads)
    for o in lexicon(lang, "organizations"):
        entry = Entry("org", o.name, "Organization", of=o.of)
        for form in [o.name, *o.aliases]:
            for variant in _inflected(form):
                g.add(variant, entry)
                if variant != form:
                    g.nominative.setdefault(variant, form)
                    g.nominative.setdefault(variant + "s", form)
    for grp in lexicon(lang, "groups"):
        entry = Entry("group", grp.name, "Group")
        for form in [grp.name, *grp.forms]:
            g.add(form, entry, genitive=False)
    roles = lexicon(lang, "roles")
    words = lexicon(lang, "words")
    g.female_endings = tuple(words.female_endings)
    g.home_roles = frozenset(r.role for r in roles.roles if r.home)
    for r in roles.roles:
        g.role_forms.setdefault(r.role, (r.role, r.of, False, False))
        for form in r.forms:
            female = any(form.endswith(e) and not r.role.endswith(e) for e in g.female_endings)
            plural = form.endswith("innen") or (form.endswith("en") and not female
                                                and form[:-2] == r.role) and False
            g.role_forms.setdefault(form, (r.role, r.of, female, plural))
        for suffix in ("s", "en", "n"):
            g.role_forms.setdefault(r.role + suffix, (r.role, r.of, False, False))
    g.role_phrases = frozenset(f for r in roles.roles for f in [r.role, *r.forms] if " " in f)
    g.role_prefixes = tuple(roles.prefixes) + tuple(g.country_prefixes)
    g.org_prefixes = dict(roles.org_prefixes)
    g.modifiers = frozenset(roles.modifiers)
    g.first_names = frozenset(lexicon(lang, "first_names").names)
    g.not_names = frozenset(words.not_names)
    g.honorifics = frozenset(words.honorifics)
    g.particles = frozenset(words.name_particles)
    for gender, forms in words.pronouns.items():
        for f in forms:
            g.pronouns[f] = gender
    g.pair_words = frozenset(words.pair_words)
    g.side_words = frozenset(words.side_words)
    g.credit_words = frozenset(words.credit_words)
    g.place_prepositions = frozenset(words.place_prepositions)
    g.list_words = frozenset(words.list_words)
    g.colleague_words = frozenset(words.colleague_words)
    g.clause_breaks = frozenset(words.clause_breaks)
    g.agencies = {k: v for k, v in words.agencies.items() if v in g.countries}
    g.home_prefixes = tuple(words.home_prefixes)
    g.home_default = words.home_default if words.home_default in g.countries else None
    g.media_nouns = frozenset(words.media_nouns)
    g.org_heads = dict(words.org_heads)
    for full, country in lexicon(lang, "people").people.items():
        parts = full.split()
        if len(parts) >= 2 and country in g.countries:
            g.full_names[(parts[0], parts[-1])] = country
    return g


def _inflected(name: str) -> list[str]:
    """A name with a leading adjective also in its weak forms ("Arabischen Liga")."""
    parts = name.split()
    out = [name]
    if len(parts) < 2 or not parts[0][:1].isupper() or not parts[1][:1].isupper():
        return out
    first = parts[0]
    for end in ("er", "es", "e"):
        if first.endswith(end) and len(first) > len(end) + 3:
            rest = " ".join(parts[1:])
            out.append(f"{first[: -len(end)]}en {rest}")
            out.append(f"{first[: -len(end)]}em {rest}")
            if end != "e":
                out.append(f"{first[: -len(end)]}e {rest}")
            if end in ("er", "es") and not rest.endswith(("s", "x", "z", "ß")):
                out.append(f"{first[: -len(end)]}en {rest}es")
            break
    return out
