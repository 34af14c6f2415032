"""Places: countries, capitals, cities, regions and facilities, with ``part_of``.

``find_places(ctx)`` fills ``ctx.places`` from the gazetteer (countries.yaml with its
capitals, places.yaml), from facility compounds ("Elmendorf-Richardson-Militärbasis")
and facility heads ("Schloss Meseberg"), and from "X, Y" where Y is a known place
("Anchorage, Alaska").  ``part_of`` is the next larger place, kept only when the article
names that place too (the annotation format allows only named places there); a facility
takes the city the same sentence names right after it ("… in Anchorage").
"""

from __future__ import annotations

from kg.annotation import Place
from kg.extract.context import Context
from kg.extract.gazetteer import Entry, gazetteer
from kg.extract.pipeline import words_of

_IN = {"in", "In", "im", "nach", "aus", "bei"}


def find_places(ctx: Context) -> None:
    """Fill ``ctx.places`` (and remember place mentions on ``ctx.place_mentions``)."""
    g = gazetteer(ctx.language)
    words = words_of(ctx.doc)
    found: dict[str, Place] = {}
    order: list[tuple[int, str]] = []   # (token index, place name)
    parents: dict[str, str] = {}
    i = 0
    while i < len(words):
        hit = g.match(words, i)
        if hit is not None and hit[1].kind in ("country", "place"):
            n, entry = hit
            _add(found, entry.name, entry.type, entry.part_of)
            order.append((i, entry.name))
            # "Anchorage, Alaska": the place after the comma contains this one
            if i + n + 1 < len(words) and words[i + n] == ",":
                nxt = g.match(words, i + n + 1)
                if nxt is not None and nxt[1].kind in ("country", "place") and \
                        nxt[1].name != entry.name and entry.type != "Country":
                    parents[entry.name] = nxt[1].name
            i += n
            continue
        w = words[i]
        facility = _facility(g, words, i)
        if facility is not None:
            name, n = facility
            _add(found, name, "Facility", None)
            order.append((i, name))
            k = i + n
            if k + 1 < len(words) and words[k] in _IN:
                nxt = g.match(words, k + 1)
                if nxt is not None and nxt[1].kind == "place":
                    parents[name] = nxt[1].name
            i += n
            continue
        del w
        i += 1
    for name, parent in parents.items():
        if parent in found:
            found[name].part_of = parent
    _link_part_of(found, g)
    ctx.places = list(found.values())


def _add(found: dict[str, Place], name: str, typ: str, part_of: str | None) -> None:
    if name not in found:
        found[name] = Place(name=name, type=typ, part_of=part_of)


def _link_part_of(found: dict[str, Place], g) -> None:
    """Keep part_of only when the article names the larger place; walk up otherwise."""
    for p in found.values():
        parent = p.part_of
        seen = {p.name}
        while parent is not None and parent not in found and parent not in seen:
            seen.add(parent)
            entry: Entry | None = g.places.get(parent)
            parent = entry.part_of if entry is not None else None
        p.part_of = parent if parent in found and parent != p.name else None


def _facility(g, words: list[str], i: int) -> tuple[str, int] | None:
    """A facility at words[i]: a compound ending in a facility word, or head + name."""
    w = words[i]
    if not w[:1].isupper():
        return None
    if "-" in w:
        tail = w.rpartition("-")[2]
        if tail in g.facility_suffixes:
            return w, 1
    if w in g.facility_heads and i + 1 < len(words) and words[i + 1][:1].isupper() and \
            words[i + 1] not in g.not_names:
        return f"{w} {words[i + 1]}", 2
    return None


def ensure_place(ctx: Context, name: str) -> bool:
    """Add the country or known place ``name`` to ``ctx.places`` if missing; True if known."""
    if any(p.name == name for p in ctx.places):
        return True
    g = gazetteer(ctx.language)
    entry = g.countries.get(name) or g.places.get(name)
    if entry is None:
        return False
    ctx.places.append(Place(name=name, type=entry.type or "Country", part_of=None))
    return True
