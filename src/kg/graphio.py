"""Reading and writing RDF in the standard formats, and finding the ontology files.

Formats are named as on the CLI (``turtle``, ``nt``, ``nquads``, ``trig``, ``json-ld``,
``xml``) or guessed from a file's suffix.  Quad formats keep one named graph per
article; triple formats hold the union of all articles' graphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph
from rdflib.exceptions import ParserError

from kg import resources
from kg.errors import GraphError, InputError, KgError
from kg.mapping import PREFIXES, bind_prefixes, new_dataset

if TYPE_CHECKING:
    from kg.store import Store

#: CLI name -> (rdflib format, keeps named graphs, usual suffix)
FORMATS: dict[str, tuple[str, bool, str]] = {
    "turtle": ("turtle", False, ".ttl"),
    "nt": ("nt", False, ".nt"),
    "nquads": ("nquads", True, ".nq"),
    "trig": ("trig", True, ".trig"),
    "json-ld": ("json-ld", True, ".jsonld"),
    "xml": ("xml", False, ".rdf"),
}
_SUFFIXES = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt",
             ".nq": "nquads", ".nquads": "nquads", ".trig": "trig", ".jsonld": "json-ld",
             ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml"}


def ontology_file(name: str = "kg.ttl") -> Path:
    """Path of an ontology file (see :func:`kg.resources.ontology_file`)."""
    try:
        return resources.ontology_file(name)
    except KgError as exc:
        raise GraphError(str(exc)) from None


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The CLI format name for ``fmt`` or, without it, for the file's suffix."""
    if fmt:
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise InputError(f"{path}: cannot tell the RDF format from suffix {suffix!r} "
                         f"(use one of {', '.join(sorted(_SUFFIXES))})")
    return _SUFFIXES[suffix]


def load(path: str | Path, fmt: str | None = None) -> Dataset:
    """Parse an RDF file into a dataset (triple formats go into the default graph)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    name = format_for(p, fmt)
    rdf_format, _, _ = FORMATS[name]
    ds = new_dataset()
    try:
        ds.parse(p, format=rdf_format)
    except (ParserError, SyntaxError, ValueError, UnicodeDecodeError) as exc:
        first = " ".join(str(exc).split())[:200]
        raise GraphError(f"{p}: not valid {name}: {first}") from None
    except Exception as exc:  # rdflib's parsers raise many kinds of errors
        first = " ".join(str(exc).split())[:200]
        raise GraphError(f"{p}: not valid {name}: {type(exc).__name__}: {first}") from None
    return ds


def union(ds: Dataset) -> Graph:
    """All triples of all graphs in one graph, with kg's prefixes."""
    g = bind_prefixes(Graph())
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def serialize(ds: Dataset, fmt: str) -> str:
    """The dataset in format ``fmt`` (CLI name); triple formats get the union graph."""
    name = format_for("", fmt)
    rdf_format, quads, _ = FORMATS[name]
    target: Graph = ds if quads else union(ds)
    if name == "json-ld":
        return target.serialize(format=rdf_format, auto_compact=True)
    return target.serialize(format=rdf_format)


def save(ds: Dataset, path: str | Path, fmt: str | None = None) -> Path:
    """Write the dataset to ``path`` in ``fmt`` or the format its suffix names."""
    p = Path(path)
    name = format_for(p, fmt)
    text = serialize(ds, name)
    if p.parent and not p.parent.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(p)  # never leave a half-written file behind
    return p


#: CLI format name -> pyoxigraph format, for the formats Oxigraph writes natively.
_OX_FORMATS = {"nquads": "N_QUADS", "trig": "TRIG", "nt": "N_TRIPLES", "turtle": "TURTLE"}


def serialize_store(store: Store, fmt: str) -> bytes:
    """The article graphs of a kg store in format ``fmt`` (CLI name); triple formats get
    the union graph.  N-Quads, TriG, N-Triples and Turtle are written by Oxigraph itself
    (fast on big stores); JSON-LD and RDF/XML go through rdflib."""
    import pyoxigraph as ox

    name = format_for("", fmt)
    if name not in _OX_FORMATS:
        return serialize(store.to_dataset(), name).encode("utf-8")
    rdf_format = getattr(ox.RdfFormat, _OX_FORMATS[name])
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    if FORMATS[name][1]:
        data: Iterable[object] = store.quads()
    else:
        data = store.triples()
    kwargs = {"prefixes": prefixes} if name in ("trig", "turtle") else {}
    return ox.serialize(data, format=rdf_format, **kwargs) or b""


def save_store(store: Store, path: str | Path, fmt: str | None = None) -> Path:
    """Write a store's article graphs to ``path`` in ``fmt`` or the format its suffix names."""
    p = Path(path)
    data = serialize_store(store, format_for(p, fmt))
    if p.parent and not p.parent.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(p)
    return p
