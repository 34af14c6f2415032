"""Lexicons of the meeting and statement stages: access and verb-form expansion.

The YAML files (cues, meetings, stance, dates, grammar) live under
``kg/assets/lexicons/<lang>/``; their pydantic models are in :mod:`kg.resources`
(E2b's section at its end), which validates them on load and reports every problem at once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kg import resources
from kg.resources import VerbEntry

_INSEPARABLE = ("be", "ge", "er", "ver", "zer", "ent", "emp", "miss", "wider", "hinter",
                "über", "unter")


@lru_cache(maxsize=32)
def lexicon(lang: str, name: str) -> Any:
    """The validated lexicon ``name`` ("cues", "meetings", …) for ``lang`` (cached)."""
    return resources.lexicon(lang, name)


# ---------------------------------------------------------------------- verb forms
def weak_forms(verb: str) -> list[str]:
    """Finite forms and participle of a regular (weak) German verb, lower-case."""
    v = verb.lower()
    if v.endswith(("eln", "ern")):
        stem, inf = v[:-1], v
        e = ""
    elif v.endswith("en"):
        stem, inf = v[:-2], v
        e = "e" if (stem.endswith(("t", "d", "chn", "ffn", "tm", "dm", "gn")) or
                    (stem.endswith(("m", "n")) and len(stem) > 1 and
                     stem[-2] not in "aeiouäöülrhmn")) else ""
    else:
        stem, inf = v[:-1], v
        e = ""
    forms = {stem + "e", stem + e + "st", stem + e + "t", inf, stem + e + "te", stem + e + "ten",
             stem + e + "test", stem + e + "tet", stem + "est"}
    if stem.endswith(("ier",)) or v.startswith(_INSEPARABLE):
        forms.add(stem + e + "t")
    else:
        forms.add("ge" + stem + e + "t")
    return sorted(forms)


def expand(entry: VerbEntry) -> tuple[set[str], set[str]]:
    """(forms that need the separate particle in the clause, forms that already contain it)."""
    base = [f.lower() for f in entry.forms] if entry.forms else weak_forms(entry.verb)
    if not entry.particle:
        return set(base), set()
    p = entry.particle.lower()
    joined = {p + f for f in base}
    joined.add(p + "zu" + entry.verb.lower())
    joined.add(p + entry.verb.lower())
    return set(base), joined


# ---------------------------------------------------------------------- speaker nouns
@lru_cache(maxsize=4)
def role_words(lang: str) -> frozenset[str]:
    """Lower-case forms of the offices in roles.yaml ("sprecher", "außenministerin")."""
    try:
        roles = resources.lexicon(lang, "roles").roles
    except Exception:  # noqa: BLE001 - the roles lexicon is optional for this stage
        return frozenset()
    out = set()
    for r in roles:
        out.add(r.role.lower())
        out.update(f.lower() for f in r.forms)
    return frozenset(w for w in out if len(w) > 4)


@lru_cache(maxsize=4)
def _endings(lang: str, nouns: frozenset[str]) -> tuple[str, ...]:
    """Role words and long speaker nouns, as a tuple for ``str.endswith``."""
    return tuple(sorted(role_words(lang) | {n for n in nouns if len(n) > 4}))


@lru_cache(maxsize=16384)
def _speaker_word_cached(head: str, nouns: frozenset[str], suffixes: frozenset[str],
                         lang: str = "de") -> bool:
    if head in nouns or head.endswith(_endings(lang, nouns)):
        return True  # also compounds: "Regierungssprecher", "Bundesregierung"
    return any(head.endswith(s) and len(head) > len(s) + 2 for s in suffixes)


def speaker_word(g: Any, head: str) -> bool:
    """Whether a noun names a person or body ("Sprecher", "Bundesregierung", "Experten")."""
    return _speaker_word_cached(head, g.speaker_nouns, g.speaker_suffixes,
                                getattr(g, "lang", "de"))
