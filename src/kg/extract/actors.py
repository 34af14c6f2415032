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
from kg.extract.entities import scan_entities
from kg.extract.gazetteer import Gazetteer, RoleHit, gazetteer
from kg.extract.pipeline import sent_starts_of, word_tag, words_of
from kg.extract.role_of import complete_roles

_MAX_NAME = 4
_LOOKBACK = 50


@dataclass
class _Person:
    tokens: list[str]
    roles: list[Role] = field(default_factory=list)
    female: bool = False
    first: int = 0  # char offset of first mention
    defaults: dict[str, str | None] = field(default_factory=dict)  # role → lexicon's ``of``

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
        self.words = words_of(ctx.doc)
        self.sent_start = sent_starts_of(ctx.doc)
        self.of_tokens: set[int] = set()           # tokens spent as the ``of`` of a title
        self.persons: dict[str, _Person] = {}     # surname → person
        self.used: set[int] = set()                # tokens inside a person name
        self.mentions: list[Mention] = []
        self.others: dict[str, Actor] = {}         # org/country/group actors by name
        self.country_start: dict[int, str] = {}   # token index → country starting there
        self.country_end: dict[int, str] = {}     # end token index → country ending there

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
    scan_entities(st)
    _titled_persons(st)
    _name_sequences(st)
    _appositions(st)
    _surname_mentions(st)
    _title_and_pronoun_mentions(st)
    complete_roles(st)
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


# ---------------------------------------------------------------------- persons
def _titled_persons(st: _State) -> None:
    """Persons named right after a title (or "Amtskollege"), with the role and its ``of``."""
    words, g = st.words, st.g
    for i, w in enumerate(words):
        hit = g.role_of_token(w)
        if hit is None:
            if w in g.colleague_words:
                _colleague(st, i)
            continue
        j = i + 1
        phrase = " ".join(words[i:i + 3])
        if phrase in g.role_phrases:  # "Secretary of State Antony Blinken"
            j = i + 3
        name_end = _name_end(st, j)
        if name_end == j:
            continue
        role = phrase if j == i + 3 else _role_written(st, i, hit)
        names = _name_list(st, j, name_end, plural=hit.written != w and not hit.female)
        ofs = _coordinated_ofs(st, i, len(names))
        if ofs is None:
            of = _of_before(st, i)
            ofs = [of] * len(names)
        for (a, b), of in zip(names, ofs, strict=True):
            _add_person(st, a, b, Role(role=role, of=of), hit.female, default=hit.of)


def _name_list(st: _State, j: int, end: int, plural: bool) -> list[tuple[int, int]]:
    """The names after a title: one, or after a plural title "X, Y und Z"."""
    names = [(j, end)]
    words = st.words
    while plural and end + 1 < len(words) and words[end] in st.g.list_words:
        k = end + 1
        while k < len(words) and words[k] in st.g.list_words:
            k += 1
        nxt = _name_end(st, k)
        if nxt - k < 2:
            break
        names.append((k, nxt))
        end = nxt
    return names


def _coordinated_ofs(st: _State, i: int, n: int) -> list[str | None] | None:
    """"den französischen und russischen Präsidenten X und Y": one country per name."""
    words, adj = st.words, st.g.adjectives
    if n != 2 or i < 3 or words[i - 2] != "und" or words[i - 1] not in adj or \
            words[i - 3] not in adj:
        return None
    st.of_tokens.update((i - 3, i - 1))
    return [adj[words[i - 3]], adj[words[i - 1]]]


def _colleague(st: _State, i: int) -> None:
    """"sein russischer Amtskollege Wladimir Putin": the office of the person before."""
    j = i + 1
    end = _name_end(st, j)
    if end - j < 2:
        return
    sent = st.ctx.sentence_of(st.doc[i].idx)
    start = sent.start_char if sent is not None else 0
    before = [m for m in st.mentions if start <= m.start < st.doc[i].idx and
              m.actor in st.persons and st.persons[m.actor].roles]
    role = None
    if before:
        last = st.persons[before[-1].actor].roles[0].role.split()[-1]
        hit = st.g.role_of_token(last) or st.g.role_of_token(last.rpartition("-")[2])
        role = hit.base if hit else None
        female = st.words[i].endswith(st.g.female_endings)
        if role and female and st.g.role_of_token(role + "in") is not None:
            role += "in"
    if role is None:
        return
    _add_person(st, j, end, Role(role=role, of=_of_before(st, i)), False)


def _appositions(st: _State) -> None:
    """Roles in apposition after a name: "Heiko Maas, Außenminister der USA"."""
    words = st.words
    for i, w in enumerate(words):
        hit = st.g.role_of_token(w)
        if hit is None or _name_end(st, i + 1) > i + 1:
            continue
        k = i - 1
        while k >= 0 and words[k] in st.g.modifiers:
            k -= 1
        if k >= 1 and words[k] == "," and (k - 1) in st.used:
            p = _person_at(st, k - 1)
            if p is not None:
                role = Role(role=_role_written(st, i, hit), of=_of_after(st, i + 1))
                _add_role(p, role, hit.of)


def _name_end(st: _State, j: int) -> int:
    """End token of a person name starting at ``j`` (== j when there is none)."""
    words = st.words
    while j < len(words) and words[j] in st.g.honorifics:
        j += 1
    k = j
    while k < len(words) and k - j < _MAX_NAME:
        plain = st.is_name_word(k) and not (k > j and st.sent_start[k])
        particle = words[k] in st.g.particles and k > j and k + 1 < len(words) and \
            st.is_name_word(k + 1)
        if plain or particle:
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
    pair = f"{words[k - 1]} {words[k]}" if k > 0 else ""
    if pair in st.g.adjectives:  # "South Korean President"
        st.of_tokens.update((k - 1, k))
        return st.g.adjectives[pair]
    if words[k] in st.g.adjectives:
        st.of_tokens.add(k)
        return st.g.adjectives[words[k]]
    country = st.country_end.get(k + 1)
    if country and (words[k].endswith("s") or words[k].replace(".", "").isupper()):
        st.of_tokens.add(k)  # "Russlands Präsident", "U.S. President"
        return country
    country = st.country_end.get(k)
    if country and words[k] in ("'s", "’s"):
        st.of_tokens.add(k - 1)  # "Japan's Prime Minister"
        return country
    if words[k] in ("von", "unter") and k > 0 and "-" in words[k - 1]:
        # "die US-Administration von Präsident Donald Trump"
        country = st.g.country_prefixes.get(words[k - 1].partition("-")[0])
        if country:
            st.of_tokens.add(k - 1)
        return country
    return None


def _of_after(st: _State, j: int) -> str | None:
    """Country or organisation in the genitive after a title ("der USA", "Russlands")."""
    words = st.words
    k = j + 1 if j < len(words) and words[j] in ("der", "des") else j
    if k in st.country_start:
        st.of_tokens.add(k)
        return st.country_start[k]
    if k < len(words):
        hit = st.g.match(words, k)
        if hit is not None and hit[1].kind == "org":
            return hit[1].name
    return None


def _role_written(st: _State, i: int, hit: RoleHit) -> str:
    mods = []
    k = i - 1
    written = hit.written
    for n in (3, 2, 1):  # multi-word offices: "Prime Minister", "national security adviser"
        phrase = " ".join([*st.words[max(i - n, 0):i], hit.written])
        if i - n >= 0 and phrase in st.g.role_phrases:
            written, k = phrase, i - n - 1
            break
    while k >= 0 and st.words[k] in st.g.modifiers and st.words[k].startswith(("ehem", "früh",
                                                                             "einst", "former")):
        mods.insert(0, st.words[k].rstrip("n") if st.words[k].endswith("en") else st.words[k])
        k -= 1
    return " ".join([*mods, written])


def _name_sequences(st: _State) -> None:
    """Names without a title: first name + capitalised word, or two HanTa NE words."""
    words = st.words
    i = 0
    while i < len(words):
        if i in st.used or not st.is_name_word(i):
            i += 1
            continue
        end = _name_end(st, i)
        whole, end = end, _known_break(st, i, end)
        if end < whole and end - i == 1:
            i += 1  # a known surname alone: an alias mention (later)
            continue
        credit = _after_credit(st, i) or words[end - 1] in st.g.org_heads  # "Defence Forces"
        if end - i >= 2 and not credit and (words[i] in st.g.first_names or
                                            all(word_tag(w) == "NE" for w in words[i:end])):
            _add_person(st, i, end, None, False)
            i = end
            continue
        if end - i == 1 and not credit and _single_name(st, i):
            _add_person(st, i, end, None, False)
        i += 1


def _known_break(st: _State, i: int, end: int) -> int:
    """End of a name sequence cut between two adjacent known surnames of different
    persons ("übermittelte Tokajew Putin …" names two people, not one)."""
    for k in range(i, end - 1):
        a, b = st.persons.get(st.words[k]), st.persons.get(st.words[k + 1])
        if a is not None and b is not None and not set(a.tokens) & set(b.tokens):
            return k + 1
    return end


def _after_credit(st: _State, i: int) -> bool:
    """Whether token ``i`` follows a credit word and colon on its line ("Bild: X/Y")."""
    for k in range(i - 1, max(i - 6, 0), -1):
        if "\n" in st.words[k] or st.sent_start[k + 1] and k + 1 < i:
            return False
        if st.words[k] == ":" and st.words[k - 1] in st.g.credit_words:
            return True
    return i > 0 and st.words[i - 1] in st.g.credit_words


def _single_name(st: _State, i: int) -> bool:
    """A lone capitalised word that HanTa tags NE, acting as subject of a verb."""
    w = st.words[i]
    if len(w) < 4 or not w[1:].islower() or word_tag(w) != "NE" or w in st.g.places:
        return False
    if st.sent_start[i] and word_tag(w.lower()).startswith(("ADJ", "ADV")):
        return False
    if w.endswith("s") and w[:-1] in st.g.places:
        return False
    return i + 1 < len(st.words) and st.words[i + 1].islower() and \
        word_tag(st.words[i + 1]).startswith(("VV(FIN)", "VA(FIN)", "VM(FIN)"))


def _add_person(st: _State, start: int, end: int, role: Role | None, female: bool,
                default: str | None = None) -> None:
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
        _add_role(person, role, default)
    st.used.update(range(start, end))
    span = st.doc[start:end]
    st.mentions.append(Mention(span.start_char, span.end_char, surname, "name"))


def _add_role(person: _Person, role: Role, default: str | None = None) -> None:
    """Add a role as written (each distinct form once); ``default`` is the lexicon's ``of``."""
    for r in person.roles:
        if r.role.lower() == role.role.lower():
            if r.of is None and role.of is not None:
                r.of = role.of
            return
    person.roles.append(role)
    person.defaults[role.role] = default


def _person_at(st: _State, tok: int) -> _Person | None:
    char = st.doc[tok].idx
    for m in st.mentions[::-1][:_LOOKBACK]:
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
