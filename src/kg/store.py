"""kg's on-disk corpus store: an embedded Oxigraph (RocksDB) database, one graph per article.

On-disk layout (a folder ``DIR`` given as ``--store DIR``)::

    DIR/                     the pyoxigraph / RocksDB files (open with ``pyoxigraph.Store(DIR)``)
      named graph <article IRI>        one per article, name = kg.ids.article_iri(article);
                                       exactly the triples kg.mapping writes for that article
      named graph <https://w3id.org/kg/ontology>   the ontology (ontology/kg.ttl), loaded once
      named graph <https://w3id.org/kg/id/build/manifest>   build manifest: per article one node
                 <https://w3id.org/kg/id/build/article/KEY> (KEY as in the article IRI) with
                 kgb:graph <article IRI>; kgb:contentHash "sha256 hex of the input file";
                 kgb:source "input path"; kgb:triples N  (kgb: = https://w3id.org/kg/build#)
      default graph            the set union of all the graphs above but the manifest,
                               maintained by every write; queries run on it

Oxigraph stores datatypes derived from xsd:integer as xsd:integer; :meth:`Store.quads` and
:meth:`Store.triples` give the predicates that kg's SHACL shapes type as such (oa:start,
oa:end: xsd:nonNegativeInteger) their datatype back — read quads through them, not through
``store.inner``, when exporting or pushing.

Every article is written by one SPARQL update (``DROP SILENT GRAPH``, ``INSERT DATA``
of the graph and of its manifest entry), which Oxigraph applies as one transaction: a crash
or Ctrl-C never leaves half an article, and an article is in the manifest iff its graph is.
Re-adding an article replaces its graph.  :meth:`Store.article_graphs` lists the article
graphs (everything but the ontology and manifest graphs) — the graphs to export or push.

Why a materialised union: Oxigraph's ``use_default_graph_as_union`` has bag semantics (a
triple in 6 article graphs matches 6 times), so joins over nodes shared by many articles
(one actor, one merged meeting) multiply rows and time; the default graph is a set.

Reading: ``Store.open(DIR, read_only=True)`` (``pyoxigraph.Store.read_only(DIR)``) opens a
read-only view, safe for any number of readers while no writer runs; queries run on the
default graph (``store.query(q)``, no union flag), ``GRAPH ?g`` reaches single articles.
Only one process may open a store for writing at a time (RocksDB holds a lock file).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Dataset, Graph, Namespace, URIRef

from kg import ids
from kg.annotation import Annotation
from kg.errors import GraphError, InputError
from kg.vocab import KGI, ONTOLOGY_IRI

Q = TypeVar("Q", ox.Quad, ox.Triple)
#: Namespace of the build manifest's properties.
KGB = Namespace("https://w3id.org/kg/build#")
#: Name of the graph that holds the build manifest.
MANIFEST_IRI = KGI["build/manifest"]
_SPECIAL = (str(ONTOLOGY_IRI), str(MANIFEST_IRI))


@dataclass(frozen=True)
class Entry:
    """A manifest entry: which input an article's graph came from."""

    graph: str
    content_hash: str
    source: str
    triples: int


def content_hash(data: bytes) -> str:
    """SHA-256 of an input file's bytes (the manifest's resume key)."""
    return hashlib.sha256(data).hexdigest()


def _nt(term: object) -> str:
    """A pyoxigraph term in N-Triples / SPARQL syntax."""
    return str(term)


def _lit(value: str | int) -> str:
    return _nt(ox.Literal(value))


class Store:
    """An on-disk kg store (see the module docstring for its layout)."""

    def __init__(self, inner: ox.Store, path: Path | None, read_only: bool) -> None:
        self.inner, self.path, self.read_only = inner, path, read_only

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, path: str | Path | None, read_only: bool = False) -> Store:
        """Open (or, writable, create) the store in folder ``path``; None = in memory."""
        p = Path(path) if path is not None else None
        if read_only:
            if p is None or not (p / "CURRENT").is_file():
                raise InputError(f"{p}: not a kg store (no such store folder)")
            try:
                return cls(ox.Store.read_only(str(p)), p, True)
            except OSError as exc:
                raise GraphError(f"{p}: cannot open the store: {_first(exc)}") from None
        if p is not None and p.exists() and not p.is_dir():
            raise InputError(f"{p}: is a file, not a store folder")
        try:
            store = cls(ox.Store(str(p)) if p is not None else ox.Store(), p, False)
        except OSError as exc:
            raise GraphError(f"{p}: cannot open the store for writing "
                             f"(is another kg process using it?): {_first(exc)}") from None
        store.ensure_ontology()
        return store

    def ensure_ontology(self) -> None:
        """Load ontology/kg.ttl into its own named graph unless it is there already."""
        onto = ox.NamedNode(str(ONTOLOGY_IRI))
        if self.inner.contains_named_graph(onto):
            return
        from kg.graphio import ontology_file

        data = ontology_file("kg.ttl").read_bytes()
        quads = [ox.Quad(t.subject, t.predicate, t.object, g)
                 for t in ox.parse(data, format=ox.RdfFormat.TURTLE)
                 for g in (onto, ox.DefaultGraph())]
        self.inner.extend(quads)  # one transaction

    def flush(self) -> None:
        """Make sure everything written is on disk."""
        if not self.read_only and self.path is not None:
            self.inner.flush()

    # ------------------------------------------------------------------ writing
    def add(self, annotation: Annotation, text: str | None = None, source: str = "",
            digest: str = "") -> int:
        """Map ``annotation`` and write it as its article's graph (replacing an earlier
        one) in one transaction; returns the article graph's triple count."""
        from kg.mapping import to_graph

        ds = to_graph(annotation, text)
        name = ids.article_iri(annotation.article)
        return self.add_dataset_graph(str(name), ds.graph(name), source, digest)

    def add_dataset_graph(self, graph: str, triples: Graph | str, source: str = "",
                          digest: str = "") -> int:
        """Replace article graph ``graph`` with ``triples`` (an rdflib graph or N-Triples
        text) and record it in the manifest, all in one transaction."""
        if self.read_only:
            raise GraphError(f"{self.path}: the store is open read-only")
        if graph in _SPECIAL:
            raise GraphError(f"{graph} is reserved for kg's own data")
        body = triples if isinstance(triples, str) else triples.serialize(format="nt")
        count = sum(1 for line in body.splitlines() if line.strip())
        g, entry = f"<{graph}>", f"<{KGI['build/' + _graph_key(graph)]}>"
        m = f"<{MANIFEST_IRI}>"
        update = (
            # the default graph is the set union of all graphs: drop what only g held
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} FILTER NOT EXISTS "
            f"{{ GRAPH ?h {{ ?s ?p ?o }} FILTER (?h != {g}) }} }};\n"
            f"DROP SILENT GRAPH {g};\n"
            f"DELETE WHERE {{ GRAPH {m} {{ {entry} ?p ?o }} }};\n"
            f"INSERT DATA {{ {body}\nGRAPH {g} {{\n{body}\n}}\n"
            f"GRAPH {m} {{ {entry} <{KGB.graph}> {g} ; <{KGB.contentHash}> {_lit(digest)} ;"
            f" <{KGB.source}> {_lit(source)} ; <{KGB.triples}> {_lit(count)} . }} }}")
        try:
            self.inner.update(update)
        except (SyntaxError, OSError, RuntimeError) as exc:
            raise GraphError(f"{source or graph}: store update failed: {_first(exc)}") from None
        return count

    def remove(self, graph: str) -> None:
        """Drop an article's graph and its manifest entry (one transaction)."""
        entry, g = f"<{KGI['build/' + _graph_key(graph)]}>", f"<{graph}>"
        self.inner.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} FILTER NOT "
                          f"EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER (?h != {g}) }} }};\n"
                          f"DROP SILENT GRAPH {g};\n"
                          f"DELETE WHERE {{ GRAPH <{MANIFEST_IRI}> {{ {entry} ?p ?o }} }}")

    # ------------------------------------------------------------------ reading
    def manifest(self) -> dict[str, Entry]:
        """Manifest entries by article graph IRI."""
        q = (f"SELECT ?g ?h ?s ?n WHERE {{ GRAPH <{MANIFEST_IRI}> {{ ?e <{KGB.graph}> ?g ; "
             f"<{KGB.contentHash}> ?h ; <{KGB.source}> ?s ; <{KGB.triples}> ?n }} }}")
        out = {}
        for sol in self.inner.query(q):
            g = sol["g"].value
            out[g] = Entry(g, sol["h"].value, sol["s"].value, int(sol["n"].value))
        return out

    def hashes(self) -> set[str]:
        """Content hashes of every input already committed."""
        return {e.content_hash for e in self.manifest().values()}

    def article_graphs(self) -> list[str]:
        """IRIs of the article graphs (not the ontology or manifest), sorted."""
        return sorted(g.value for g in self.inner.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value not in _SPECIAL)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the article graphs (with the datatypes kg wrote, see
        :func:`restore`)."""
        fix = _derived_datatypes()
        for q in self.inner.quads_for_pattern(None, None, None, None):
            g = q.graph_name
            if isinstance(g, ox.NamedNode) and g.value not in _SPECIAL:
                yield restore(q, fix)

    def triples(self) -> Iterator[ox.Triple]:
        """Every distinct triple of the union of the article graphs."""
        q = ("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
             f"FILTER (?g NOT IN (<{ONTOLOGY_IRI}>, <{MANIFEST_IRI}>)) }}")
        fix = _derived_datatypes()
        for s, p, o in self.inner.query(q):
            yield restore(ox.Triple(s, p, o), fix)

    def __len__(self) -> int:
        """Number of quads in the article graphs."""
        q = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
             f"FILTER (?g NOT IN (<{ONTOLOGY_IRI}>, <{MANIFEST_IRI}>)) }}")
        return int(next(iter(self.inner.query(q)))["n"].value)

    def counts(self) -> dict[str, int]:
        """Articles, quads and distinct actors, meetings and statements in the store."""
        kg = "https://w3id.org/kg/ontology#"
        q = f"""SELECT (COUNT(DISTINCT ?a) AS ?actors) (COUNT(DISTINCT ?m) AS ?meetings)
                       (COUNT(DISTINCT ?s) AS ?statements) WHERE {{
          {{ VALUES ?c {{ <{kg}Person> <{kg}Organization> <{kg}Country> <{kg}Group> }}
             ?a a ?c . ?a <{kg}named> ?n }}
          UNION {{ ?m a <{kg}Meeting> }} UNION {{ ?s a <{kg}Statement> }} }}"""
        sol = next(iter(self.inner.query(q)))
        out = {"articles": len(self.article_graphs()), "triples": len(self)}
        out.update({k: int(sol[k].value) for k in ("actors", "meetings", "statements")})
        return out

    def to_dataset(self) -> Dataset:
        """The article graphs as an in-memory rdflib Dataset (for SHACL and rdflib tools)."""
        from kg.mapping import new_dataset

        ds = new_dataset()
        data = ox.serialize(self.quads(), format=ox.RdfFormat.N_QUADS)
        if data:
            ds.parse(data=data.decode("utf-8"), format="nquads")
        return ds

    def add_dataset(self, ds: Dataset, source: str = "") -> int:
        """Copy every named graph of an rdflib dataset into the store (one update each)."""
        total = 0
        for graph in ds.graphs():
            name = str(graph.identifier)
            if name in _SPECIAL or not len(graph) or name.startswith("urn:x-rdflib:"):
                continue
            total += self.add_dataset_graph(name, graph, source)
        return total


_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


@lru_cache(maxsize=1)
def _derived_datatypes() -> dict[str, ox.NamedNode]:
    """Predicates whose values kg's SHACL shapes type with a datatype derived from
    xsd:integer (e.g. oa:start: xsd:nonNegativeInteger), by predicate IRI."""
    from kg.oxsparql import _INTEGERS
    from kg.validate import _shapes

    sh = "http://www.w3.org/ns/shacl#"
    out = {}
    for shape in _shapes().subjects(predicate=None, object=None, unique=True):
        path = _shapes().value(shape, URIRef(sh + "path"))
        dt = _shapes().value(shape, URIRef(sh + "datatype"))
        if isinstance(path, URIRef) and dt is not None and str(dt) in _INTEGERS \
                and str(dt) != _INTEGER:
            out[str(path)] = ox.NamedNode(str(dt))
    return out


def restore(quad: Q, fix: dict[str, ox.NamedNode]) -> Q:
    """Oxigraph stores integer-derived datatypes as xsd:integer (``"5"^^xsd:nonNegativeInteger``
    comes back as ``"5"^^xsd:integer``); give the predicates in ``fix`` their datatype back."""
    o = quad.object
    if fix and isinstance(o, ox.Literal) and o.datatype.value == _INTEGER \
            and quad.predicate.value in fix:
        lit = ox.Literal(o.value, datatype=fix[quad.predicate.value])
        if isinstance(quad, ox.Quad):
            return ox.Quad(quad.subject, quad.predicate, lit, quad.graph_name)  # type: ignore
        return ox.Triple(quad.subject, quad.predicate, lit)  # type: ignore[return-value]
    return quad


def _graph_key(graph: str) -> str:
    base = str(KGI)
    return graph[len(base):] if graph.startswith(base) else "other/" + ids.digest(graph)


def _first(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def open_store(path: str | Path, read_only: bool = True) -> Store:
    """Open an existing store; read-only by default (for queries and exports)."""
    return Store.open(path, read_only=read_only)


def iter_entries(store: Store) -> Iterable[Entry]:
    """Manifest entries, sorted by graph IRI."""
    return [e for _, e in sorted(store.manifest().items())]
