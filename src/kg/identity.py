"""Cross-article identity: one node for one actor, place, office or meeting.

An IRI is a function of the name alone (no corpus-wide state), so articles can be mapped
in parallel and re-mapped one at a time, and still meet in the same nodes:

* persons (and cities, regions): titles stripped, then the letter correspondences of
  ``assets/lexicons/identity.yaml`` applied word by word — "Vladimir Putin", "Wladimir
  Putin" and "Präsident Wladimir Putin" are all ``actor/wladimir-putin``;
* countries: every German or English name, short form or prefix of ``<lang>/countries.yaml``
  → the German name (``country/usa`` for "US", "United States", "Vereinigte Staaten");
* organisations and places: ``<lang>/organizations.yaml``, ``<lang>/places.yaml``, the
  capitals of the country files and the ``equivalents`` of identity.yaml → one canonical name;
* offices: keyed by (canonical role, canonical ``of``);
* meetings: keyed by their named participants and their date (else the article's date), so
  two articles reporting one meeting write the same node, each with its own evidence.

>>> person_key("Vladimir Putin") == person_key("Präsident Wladimir Putin") == "wladimir-putin"
True
>>> country_name("United States"), country_name("Vereinigte Staaten"), country_name("Moskau")
('USA', 'USA', None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from rdflib import URIRef

from kg import resources
from kg.ids import digest, key
from kg.vocab import KGI

_WORD_SPLIT = re.compile(r"-+")


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    from_: str = Field(alias="from", min_length=1)
    to: str
    why: str = ""


class IdentityLexicon(BaseModel):
    """identity.yaml: letter rules, dropped words, extra titles, cross-language names."""

    model_config = ConfigDict(extra="forbid")
    person_rules: list[_Rule]
    drop_words: list[str] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)
    equivalents: list[list[str]] = Field(default_factory=list)


resources.register("identity", IdentityLexicon)


def _lexicon() -> IdentityLexicon:
    # identity.yaml lies beside the language folders: it belongs to no language
    return resources.lexicon(".", "identity")


def _optional(lang: str, name: str) -> Any:
    return resources.lexicon(lang, name) if name in resources.lexicon_names(lang) else None


@dataclass(frozen=True)
class _Tables:
    rules: tuple[tuple[re.Pattern[str], str], ...]
    drop: frozenset[str]
    titles: tuple[tuple[str, ...], ...]        # title word sequences (keys), longest first
    countries: dict[str, str]                  # key of any country name → canonical name
    names: dict[str, str]                      # key of an org / place name → canonical name
    skeletons: dict[str, str]                  # skeleton key of such a name → canonical name
    roles: dict[str, str]                      # key of a role form → base role


@lru_cache(maxsize=1)
def tables() -> _Tables:
    """The lookup tables built from the lexicons (cached)."""
    lex = _lexicon()
    rules = tuple((re.compile(r.from_), r.to) for r in lex.person_rules)
    titles: set[str] = set(lex.titles)
    roles: dict[str, str] = {}
    countries: dict[str, set[str]] = {}
    canonical_country: dict[str, str] = {}
    capitals: dict[str, dict[str, str]] = {}   # iso → lang → capital
    names: dict[str, str] = {}
    for lang in resources.LANGUAGES:
        if (words := _optional(lang, "words")) is not None:
            titles.update(words.honorifics)
        if (role_lex := _optional(lang, "roles")) is not None:
            for r in role_lex.roles:
                titles.update([r.role, *r.forms])
                for form in (r.role, *r.forms):
                    roles.setdefault(key(form), r.role)
        for c in _optional(lang, "countries") or []:
            canonical_country.setdefault(c.iso, c.name)   # first language (de) wins
            for form in (c.name, *c.forms, *c.prefixes):
                countries.setdefault(key(form), set()).add(c.iso)
            if c.capital:
                capitals.setdefault(c.iso, {})[lang] = c.capital
    for group in lex.equivalents:
        for name in group:
            names.setdefault(key(name), group[0])
    for per_lang in capitals.values():
        canon = next(iter(per_lang.values()))
        for cap in per_lang.values():
            names.setdefault(key(cap), canon)
    for lang in resources.LANGUAGES:
        for org in _optional(lang, "organizations") or []:
            canon = names.get(key(org.name), org.name)
            for form in (org.name, *org.aliases):
                names.setdefault(key(form), canon)
        places = _optional(lang, "places")
        for p in places.places if places is not None else []:
            canon = names.get(key(p.name), p.name)
            for form in (p.name, *p.forms):
                names.setdefault(key(form), canon)
    country_of = {k: canonical_country[next(iter(isos))]
                  for k, isos in countries.items() if len(isos) == 1}
    title_seqs = sorted({tuple(_words(t)) for t in titles if _words(t)}, key=len, reverse=True)
    skeletons: dict[str, set[str]] = {}
    for k, canon in names.items():
        skeletons.setdefault(_skeleton_key(k.split("-"), rules), set()).add(canon)
    unique = {k: next(iter(v)) for k, v in skeletons.items() if len(v) == 1}
    return _Tables(rules, frozenset(lex.drop_words), tuple(title_seqs), country_of, names,
                   unique, roles)


def _skeleton_key(words: list[str], rules: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    out = []
    for word in words:
        for pattern, repl in rules:
            word = pattern.sub(repl, word)
        out.append(word)
    return "-".join(out) or "x"


def _words(name: str) -> list[str]:
    k = key(name)
    return [w for w in _WORD_SPLIT.split(k) if w] if k != "x" else []


def skeleton(word: str) -> str:
    """One lower-case ASCII word with the letter rules of identity.yaml applied."""
    return _skeleton_key([word], tables().rules)


def strip_titles(words: list[str]) -> list[str]:
    """``words`` (keys) without leading titles, keeping at least one word."""
    seqs = tables().titles
    changed = True
    while changed:
        changed = False
        for seq in seqs:
            if len(words) > len(seq) and tuple(words[:len(seq)]) == seq:
                words, changed = words[len(seq):], True
                break
    return words


def person_key(name: str) -> str:
    """Identity key (and IRI slug) of a person's name: titles stripped, transliteration
    variants folded.  Different people get different keys unless their names are
    spellings of one another."""
    words = strip_titles(_words(name))
    drop = tables().drop
    kept = [w for w in words if w not in drop] or words
    return _skeleton_key(kept, tables().rules)


def country_name(name: str) -> str | None:
    """Canonical (German) name of a country named in any known language, or None."""
    return tables().countries.get(key(name))


def canonical_name(name: str) -> str:
    """Canonical name of an organisation or place from the gazetteers (else ``name``)."""
    k = key(name)
    return tables().names.get(k) or tables().countries.get(k) or name


def canonical_role(role: str) -> str:
    """Base form of an office ("Außenministerin" → "Außenminister"); else ``role``."""
    return tables().roles.get(key(role), role)


# -------------------------------------------------------------------------- IRIs
def country_iri(name: str) -> URIRef:
    """IRI of a country (actor and place at once): ``country/<German name>``."""
    return KGI[f"country/{key(country_name(name) or name)}"]


def actor_iri(name: str, type_: str, named: bool = True, article: str | None = None) -> URIRef:
    """IRI of an actor; unnamed individuals are scoped to their article."""
    from kg.ids import article_key

    if type_ == "Country":
        return country_iri(name)
    if not named and article is not None:
        return KGI[f"actor/{article_key(article)}/{key(name)}"]
    if type_ == "Person":
        return KGI[f"actor/{person_key(name)}"]
    return KGI[f"actor/{key(canonical_name(name))}"]


def place_iri(name: str, type_: str) -> URIRef:
    """IRI of a place: countries as :func:`country_iri`; gazetteer names canonical; cities
    and regions outside the gazetteers keyed like persons (Sotschi = Sochi)."""
    if type_ == "Country":
        return country_iri(name)
    t, k = tables(), key(name)
    canon = t.names.get(k)
    if canon is None and type_ in ("City", "Region"):
        skel = _skeleton_key(_words(name), t.rules)
        canon = t.skeletons.get(skel)
        if canon is None:
            return KGI[f"place/{skel}"]
    return KGI[f"place/{key(canon or name)}"]


def of_key(of: str) -> str:
    """Key of the country or organisation an office belongs to."""
    return key(country_name(of) or canonical_name(of))


def role_iri(role: str) -> URIRef:
    """IRI of a kind of office (base form)."""
    return KGI[f"role/{key(canonical_role(role))}"]


def post_iri(role: str, of: str | None) -> URIRef:
    """IRI of one office of one country or organisation, keyed by (role, canonical of)."""
    return KGI[f"post/{key(canonical_role(role))}" + (f"--{of_key(of)}" if of else "")]


def _slug(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def meeting_iri(article: str, label: str, participants: Sequence[URIRef] = (),
                date: str | None = None) -> URIRef:
    """IRI of a meeting: its named participants and its date when it has at least two of
    them and a date (``date``: the meeting's, else the article's); else scoped to the
    article.  Two articles reporting one meeting thus give it one node."""
    people = sorted({_slug(p) for p in participants})
    if len(people) < 2 or not date:
        from kg.ids import meeting_iri as article_meeting_iri

        return article_meeting_iri(article, label)
    who = "--".join(people) if len(people) <= 3 else \
        f"{people[0]}--{people[1]}--and-{len(people) - 2}-more-{digest(*people, size=8)}"
    return KGI[f"meeting/{date}/{who}"]


# ------------------------------------------------------------------------ report
_REPORT = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?what (COUNT(?x) AS ?nodes) (SUM(?multi) AS ?merged) (SUM(?spelt) AS ?respelled)
WHERE {
  SELECT ?what ?x (IF(COUNT(DISTINCT ?g) > 1, 1, 0) AS ?multi)
         (IF(COUNT(DISTINCT ?label) > 1, 1, 0) AS ?spelt)
  WHERE {
    VALUES (?c ?what) { (kg:Meeting "meetings") (kg:Person "actors") (kg:Organization "actors")
                        (kg:Country "actors") (kg:Group "actors") (kg:City "places")
                        (kg:Region "places") (kg:Facility "places") (kg:Post "posts") }
    GRAPH ?g { ?x a ?c . OPTIONAL { ?x rdfs:label ?label } }
    FILTER (STRSTARTS(STR(?g), "https://w3id.org/kg/id/article/"))
  }
  GROUP BY ?what ?x
}
GROUP BY ?what
"""


_UNDATED = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?m ?who ?article ?day WHERE {
  ?m a kg:Meeting ; kg:participant ?who ; prov:wasDerivedFrom ?article .
  ?article schema:datePublished ?day .
  FILTER NOT EXISTS { ?m kg:date ?d }
}
"""


def _select(source: Any, query: str) -> list[tuple[str, ...]]:
    inner = getattr(source, "inner", source)
    if hasattr(inner, "query") and type(inner).__module__.startswith("pyoxigraph"):
        # kg's store keeps its default graph as the set union of the article graphs
        # (kg.store); a bare pyoxigraph store needs the (bag) union flag instead
        union_flag = inner is source
        return [tuple(t.value for t in sol) for sol in inner.query(
            query, use_default_graph_as_union=union_flag)]
    union = getattr(source, "default_union", None)
    if union is not None:
        source.default_union = True
    try:
        return [tuple(str(v) for v in r) for r in source.query(query)]
    finally:
        if union is not None:
            source.default_union = union


def window_candidates(source: Any, days: int = 3) -> int:
    """Undated meetings (keyed by their article's dateline) that have a namesake — same
    named participants — reported by an article up to ``days`` days apart: meetings a
    dateline window would merge but the exact-day key keeps apart."""
    import datetime as dt

    people: dict[str, set[str]] = {}
    seen: dict[str, tuple[str, dt.date]] = {}     # meeting → (article, its dateline day)
    for m, who, article, published in _select(source, _UNDATED):
        if len(published) != 10:
            continue
        if str(who).count("/") == str(KGI).count("/") + 1:     # named: actor/<key>
            people.setdefault(m, set()).add(who)
        seen[m] = min(seen.get(m, (article, dt.date.max)), (article, dt.date.fromisoformat(
            published)), key=lambda x: x[1])
    groups: dict[frozenset[str], list[tuple[dt.date, str]]] = {}
    for m, who in people.items():
        if len(who) >= 2 and m in seen:
            article, day = seen[m]
            groups.setdefault(frozenset(who), []).append((day, article))
    found = 0
    for reports in groups.values():
        found += sum(1 for d, a in reports
                     if any(a2 != a and abs((d2 - d).days) <= days for d2, a2 in reports))
    return found


def merge_report(source: Any, window: int = 3) -> dict[str, int]:
    """How many nodes several articles share, per kind (meetings, actors, places, posts).

    ``source``: an rdflib Dataset, a :class:`kg.store.Store` or a ``pyoxigraph.Store``.
    For each kind K the result holds ``K`` (distinct nodes), ``K_merged`` (nodes asserted
    by more than one article) and ``K_respelled`` (nodes labelled in more than one
    spelling, e.g. "Wladimir Putin" and "Vladimir Putin"); ``meetings_window`` counts the
    undated meetings :func:`window_candidates` finds within ``window`` days.
    """
    out = {f"{k}{s}": 0 for k in ("meetings", "actors", "places", "posts")
           for s in ("", "_merged", "_respelled")}
    for what, nodes, merged, respelled in _select(source, _REPORT):
        out[what], out[f"{what}_merged"] = int(nodes), int(merged)
        out[f"{what}_respelled"] = int(respelled)
    out["meetings_window"] = window_candidates(source, window)
    return out
