"""Actors: persons (with roles), organisations, countries that act, and groups.

``find_actors(ctx)`` fills ``ctx.actors`` and ``ctx.mentions``.  The steps, all driven
by the lexicons compiled in :mod:`kg.extract.gazetteer`:

1. persons named after a title ("US-Außenminister Mike Pompeo", "Kasachstans Präsident
   Kassym-Schomart Tokajew", "der russische Außenminister Sergej Lawrow") or before an
   apposition ("Heiko Maas, Außenminister der Bundesrepublik"), and name sequences
   found by a first-name list or HanTa's NE tag;
2. every later use of a surname (also in the genitive) as an alias mention;
3. title-only mentions ("der Kremlchef", "die Kanzlerin"), subject pronouns and
   "beide Staatschefs" resolved to persons already seen;
4. organisations (lexicon, and "das kasachische Präsidialamt"), countries in subject
   position or as "US-Seite", and generic collectives in subject position.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.annotation import Actor, Role
from kg.extract.context import Context, Mention
from kg.extract.gazetteer import Gazetteer, RoleHit, gazetteer
from kg.extract.pipeline import word_tag
from kg.resources import lexicon

_MAX_NAME = 4
_ARTICLES = {"der", "die", "das", "des", "dem", "den", "Der", "Die", "Das", "Des", "Dem", "Den"}
_STRONG = {"m": "er", "f": "e", "n": "es", "pl": "e"}


@dataclass
class _Person:
    tokens: list[str]
    roles: list[Role] = field(default_factory=list)
    female: bool = False
    first: int = 0  # char offset of first mention

    @property
    def name(self) -> str:
        return " ".join(self.tokens)

    @property
    def surname(self) -> str:
        return self.tokens[-1]


class _State:
    """Working data of one run over a document."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.g: Gazetteer = gazetteer(ctx.language)
        self.doc = ctx.doc
        self.words = [t.text for t in ctx.doc]
        self.sent_start = [t.is_sent_start for t in ctx.doc]
        self.persons: dict[str, _Person] = {}     # surname → person
        self.used: set[int] = set()                # tokens inside a person name
        self.mentions: list[Mention] = []
        self.others: dict[str, Actor] = {}         # org/country/group actors by name
        self.country_spans: list[tuple[int, int, str]] = []  # (tok start, tok end, country)

    def is_name_word(self, i: int) -> bool:
        w = self.words[i]
        if not w[:1].isupper() or w in self.g.not_names or w in self.g.honorifics:
            return False
        if not any(c.isalpha() for c in w) or w.isupper() and len(w) > 1 and len(w) < 5:
            return False
        if self.g.role_of_token(w) is not None or w in self.g.adjectives:
            return False
        return self.g.match(self.words, i) is None


def find_actors(ctx: Context) -> None:
    """Fill ``ctx.actors`` and ``ctx.mentions`` from ``ctx.doc``."""
    st = _State(ctx)
    if not st.words:
        return
    _scan_entities(st)
    _titled_persons(st)
    _name_sequences(st)
    _surname_mentions(st)
    _title_and_pronoun_mentions(st)
    _complete_roles(st)
    alone = {m.actor for m in st.mentions if m.kind == "alias" and m.actor in st.persons}
    for m in st.mentions:
        if m.actor in st.persons:
            m.actor = st.persons[m.actor].name
    actors = [_person_actor(p, p.surname in alone)
              for p in sorted(st.persons.values(), key=lambda p: p.first)]
    names = {a.name for a in actors}
    actors += [a for a in st.others.values() if a.name not in names]
    ctx.actors = actors
    ctx.mentions = sorted(st.mentions, key=lambda m: (m.start, -m.end))
    ctx.reindex()


# --------------------------------------------------------------------- entities
def _scan_entities(st: _State) -> None:
    """Organisations, institutions, countries (acting) and groups (acting)."""
    g, words, doc = st.g, st.words, st.doc
    inst = {e.noun: e.gender for e in lexicon(st.ctx.language, "institutions")}
    i = 0
    while i < len(words):
        w = words[i]
        hit = g.match(words, i)
        if hit is not None:
            n, entry = hit
            span = doc[i:i + n]
            if entry.kind == "org":
                _add_other(st, entry.name, "Organization", span, "name")
            elif entry.kind == "country":
                st.country_spans.append((i, i + n, entry.name))
                if _acting(st, i, i + n):
                    _add_other(st, entry.name, "Country", span, "country", written=True)
            elif entry.kind == "group" and _acting(st, i, i + n):
                start = i - 1 if i > 0 and _is_adjective(st, i - 1) else i
                name = _group_name(st, start, i + n)
                _add_other(st, name, "Group", doc[start:i + n], "group")
            i += n
            continue
        if "-" in w and w[0].isupper():
            head, _, tail = w.rpartition("-")
            country = g.country_prefixes.get(head)
            if country and tail in inst:
                _add_other(st, w, "Organization", doc[i:i + 1], "name")
            elif country and tail in st.g.side_words:
                _add_other(st, country, "Country", doc[i:i + 1], "country", alias=w)
        if w in g.adjectives and i + 1 < len(words):
            country, nxt = g.adjectives[w], words[i + 1]
            if nxt in inst:
                gender = inst[nxt]
                stem = _adj_stem(w)
                adj = stem + _STRONG[gender]
                name = f"{adj} {nxt}"
                _add_other(st, name, "Organization", doc[i:i + 2], "name", alias=None)
                st.others[name].aliases = sorted(set(st.others[name].aliases) | {nxt})
            elif nxt in st.g.side_words:
                _add_other(st, country, "Country", doc[i:i + 2], "country",
                           alias=_detached(st, i, i + 2))
        i += 1


def _adj_stem(word: str) -> str:
    for end in ("en", "em", "er", "es", "e"):
        if word.endswith(end):
            return word[: -len(end)]
    return word


def _detached(st: _State, i: int, j: int) -> str:
    """Nominative form of 'adj Seite' as written (amerikanischen Seite → amerikanische Seite)."""
    adj = _adj_stem(st.words[i]) + "e"
    return f"{adj} {' '.join(st.words[i + 1:j])}"


def _is_adjective(st: _State, i: int) -> bool:
    w = st.words[i]
    return w.islower() and w.endswith(("e", "en")) and word_tag(w).startswith("ADJ")


def _group_name(st: _State, start: int, end: int) -> str:
    return " ".join(st.words[start:end])


def _acting(st: _State, i: int, j: int) -> bool:
    """Whether the phrase words[i:j] stands in subject position of a verb."""
    words = st.words
    if j < len(words):
        nxt = words[j]
        if nxt.islower() and word_tag(nxt).startswith(("VV(FIN)", "VA(FIN)", "VM(FIN)")):
            return True
    if i > 0 and words[i - 1].islower():
        prev = words[i - 1]
        if word_tag(prev).startswith(("VV(FIN)", "VA(FIN)", "VM(FIN)")) and i >= 2 and \
                not st.sent_start[i - 1] and words[i - 2][:1].isupper() is False:
            return False
    return False


def _add_other(st: _State, name: str, typ: str, span, kind: str, alias: str | None = None,
               written: bool = False) -> None:
    actor = st.others.get(name)
    if actor is None:
        actor = Actor(name=name, type=typ)
        st.others[name] = actor
    text = span.text
    for form in (alias, text):
        if form and form != name and form not in actor.aliases:
            actor.aliases.append(form)
    st.mentions.append(Mention(span.start_char, span.end_char, name, kind))


# ---------------------------------------------------------------------- persons
def _titled_persons(st: _State) -> None:
    """Persons named right after a title, and before an apposition with a title."""
    words = st.words
    for i, w in enumerate(words):
        hit = st.g.role_of_token(w)
        if hit is None:
            continue
        j = i + 1
        name_end = _name_end(st, j)
        if name_end > j:
            of = _of_before(st, i) or _of_after(st, i + 1) or hit.of
            role = _role_written(st, i, hit)
            _add_person(st, j, name_end, Role(role=role, of=of), hit.female)
            continue
        # apposition: "Heiko Maas, Außenminister der USA" — name before ", [mod] title"
        k = i - 1
        while k >= 0 and words[k] in st.g.modifiers:
            k -= 1
        if k >= 1 and words[k] == "," and (k - 1) in st.used:
            p = _person_at(st, k - 1)
            if p is not None:
                of = _of_after(st, i + 1) or hit.of
                _add_role(p, Role(role=_role_written(st, i, hit), of=of))


def _name_end(st: _State, j: int) -> int:
    """End token of a person name starting at ``j`` (== j when there is none)."""
    words = st.words
    while j < len(words) and words[j] in st.g.honorifics:
        j += 1
    k = j
    while k < len(words) and k - j < _MAX_NAME:
        if st.is_name_word(k) and not (k > j and st.sent_start[k]):
            k += 1
        elif words[k] in st.g.particles and k > j and k + 1 < len(words) and \
                st.is_name_word(k + 1):
            k += 1
        else:
            break
    if k > j and words[k - 1] in st.g.particles:
        k -= 1
    return k


def _of_before(st: _State, i: int) -> str | None:
    """Country/organisation given before a title: genitive, adjective or compound."""
    words = st.words
    k = i - 1
    while k >= 0 and words[k] in st.g.modifiers:
        k -= 1
    if k < 0:
        return None
    if words[k] in st.g.adjectives:
        return st.g.adjectives[words[k]]
    for s, e, country in st.country_spans:
        if e - 1 == k and words[k].endswith("s"):
            return country
    return None


def _of_after(st: _State, j: int) -> str | None:
    """Country or organisation in the genitive after a title ("der USA", "Russlands")."""
    words = st.words
    k = j + 1 if j < len(words) and words[j] in ("der", "des") else j
    for s, _e, country in st.country_spans:
        if s == k:
            return country
    if k < len(words):
        hit = st.g.match(words, k)
        if hit is not None and hit[1].kind == "org":
            return hit[1].name
    return None


def _role_written(st: _State, i: int, hit: RoleHit) -> str:
    mods = []
    k = i - 1
    while k >= 0 and st.words[k] in st.g.modifiers and st.words[k].startswith(("ehem", "früh",
                                                                             "einst")):
        mods.insert(0, st.words[k].rstrip("n") if st.words[k].endswith("en") else st.words[k])
        k -= 1
    return " ".join([*mods, hit.written])


def _name_sequences(st: _State) -> None:
    """Names without a title: first name + capitalised word, or two HanTa NE words."""
    words = st.words
    i = 0
    while i < len(words):
        if i in st.used or not st.is_name_word(i):
            i += 1
            continue
        end = _name_end(st, i)
        if end - i >= 2 and (words[i] in st.g.first_names or
                             all(word_tag(w) == "NE" for w in words[i:end])):
            _add_person(st, i, end, None, False)
            i = end
            continue
        i += 1


def _add_person(st: _State, start: int, end: int, role: Role | None, female: bool) -> None:
    tokens = st.words[start:end]
    if tokens[-1].endswith("s") and tokens[-1][:-1] in st.persons:
        tokens = [*tokens[:-1], tokens[-1][:-1]]
    surname = tokens[-1]
    person = st.persons.get(surname)
    if person is None:
        person = _Person(tokens, female=female, first=st.doc[start].idx)
        st.persons[surname] = person
    elif len(tokens) > len(person.tokens):
        person.tokens = tokens
    person.female = person.female or female
    if role is not None:
        _add_role(person, role)
    st.used.update(range(start, end))
    span = st.doc[start:end]
    st.mentions.append(Mention(span.start_char, span.end_char, surname, "name"))


def _add_role(person: _Person, role: Role) -> None:
    for r in person.roles:
        if r.role.lower().endswith(role.role.lower()) or role.role.lower().endswith(
                r.role.lower()):
            if r.of is None and role.of is not None:
                r.of = role.of
            return
    person.roles.append(role)


def _person_at(st: _State, tok: int) -> _Person | None:
    char = st.doc[tok].idx
    for m in reversed(st.mentions):
        if m.start <= char < m.end and m.actor in st.persons:
            return st.persons[m.actor]
    return None


def _surname_mentions(st: _State) -> None:
    """Every use of a known surname (or its genitive) outside the full-name mentions."""
    for i, w in enumerate(st.words):
        if i in st.used:
            continue
        key = w if w in st.persons else (w[:-1] if w.endswith("s") and w[:-1] in st.persons
                                         else None)
        if key is None:
            continue
        tok = st.doc[i]
        st.mentions.append(Mention(tok.idx, tok.idx + len(tok.text), key, "alias"))
        st.used.add(i)


def _title_and_pronoun_mentions(st: _State) -> None:
    """Title-only mentions, subject pronouns and 'beide Staatschefs' → persons seen before."""
    from kg.extract.coref import resolve

    resolve(st)


def _person_actor(p: _Person, surname_alone: bool) -> Actor:
    aliases = [p.surname] if len(p.tokens) > 1 and surname_alone else []
    return Actor(name=p.name, type="Person", aliases=aliases, roles=p.roles)


def _complete_roles(st: _State) -> None:
    """Fill missing ``of`` from the person's other roles or the people lexicon; make
    every ``of`` a known place or actor."""
    from kg.extract.places import ensure_place

    people = st.g.people
    for p in st.persons.values():
        known = [r.of for r in p.roles if r.of is not None]
        for r in p.roles:
            if r.of is None:
                r.of = known[0] if len(set(known)) == 1 else people.get(p.surname)
        for r in p.roles:
            if r.of in st.g.countries and r.of not in st.others:
                st.others[r.of] = Actor(name=r.of, type="Country")
            if r.of is None or r.of in st.others or ensure_place(st.ctx, r.of):
                continue
            entry = next((e for toks, e in st.g.phrases.get(r.of.split()[0], ())
                          if e.name == r.of and e.kind == "org"), None)
            if entry is not None:
                st.others[r.of] = Actor(name=r.of, type="Organization")
            else:
                r.of = None
