"""SPARQL over kg graphs: a library of named queries (``assets/queries/*.rq``) and any
query a user writes.

Two backends run the same queries: an rdflib ``Dataset`` (in memory, rdflib's engine) and
a :class:`kg.store.Store` (on disk, Oxigraph's engine, see :mod:`kg.oxsparql`).
:func:`run` takes either; :func:`rows`, :func:`render` and :func:`select` read both results.

Each ``.rq`` file starts with a ``#`` comment line saying what it returns.  The
ontology is visible to every query (as the graph ``<https://w3id.org/kg/ontology>``),
so queries can read labels and notations of kg's terms.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.query import Result

from kg import oxsparql, resources
from kg.errors import QueryError
from kg.graphio import ontology_file
from kg.mapping import PREFIXES
from kg.vocab import ONTOLOGY_IRI

OUTPUT_FORMATS = ("table", "csv", "json")
_PREFIX_IRIS = {p: str(ns) for p, ns in PREFIXES.items()}
#: Prefixes a query may use undeclared: rdflib's core ones (rdf, rdfs, owl, xsd, xml) + kg's.
_QUERY_PREFIXES = {**{p: str(ns) for p, ns in Graph(bind_namespaces="core").namespaces()},
                   **_PREFIX_IRIS}

if TYPE_CHECKING:
    from kg.store import Store

    #: What queries run on: an rdflib dataset or a kg store.
    Source = Dataset | Store


@dataclass(frozen=True)
class NamedQuery:
    """A query from the library: its name, one-line description and SPARQL text."""

    name: str
    description: str
    text: str


def _query_dir() -> Path:
    return resources.asset_dir("queries")


@lru_cache(maxsize=1)
def library() -> dict[str, NamedQuery]:
    """All named queries, by name (file stem)."""
    out = {}
    for path in sorted(_query_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.lstrip().splitlines()[0] if text.strip() else ""
        desc = first.lstrip("#").strip() if first.startswith("#") else ""
        out[path.stem] = NamedQuery(path.stem, desc, text)
    return out


def named(name: str) -> NamedQuery:
    """The named query ``name`` (``_`` and ``-`` are the same), or a QueryError."""
    lib = library()
    query = lib.get(name) or lib.get(name.replace("_", "-"))
    if query is None:
        raise QueryError(f"unknown query name {name!r} (known: {', '.join(lib)})")
    return query


@lru_cache(maxsize=1)
def _ontology_graph() -> Graph:
    return Graph().parse(ontology_file("kg.ttl"), format="turtle")


def with_ontology(ds: Dataset) -> Dataset:
    """Make the ontology a graph of ``ds`` (in memory only) and query the union."""
    ds.default_union = True
    onto = ds.graph(ONTOLOGY_IRI)
    if len(onto) == 0:
        for triple in _ontology_graph():
            onto.add(triple)
    return ds


def run(ds: Source, query: str,
        bindings: dict[str, str] | None = None) -> Result | oxsparql.OxResult:
    """Run SPARQL text on the dataset or store (union of all graphs plus the ontology).

    ``bindings`` bind variables to plain literals (e.g. ``{"speaker": "Donald Trump"}``).
    """
    if not isinstance(ds, Dataset | Graph):
        return oxsparql.run(ds, query, bindings, _QUERY_PREFIXES)
    init = {k: Literal(v) for k, v in (bindings or {}).items()}
    had_union, had_ontology = ds.default_union, (None, None, None, ONTOLOGY_IRI) in ds
    try:
        result = with_ontology(ds).query(query, initNs=PREFIXES, initBindings=init)
        if result.type == "SELECT":
            _ = result.bindings  # evaluate now, while the ontology is still there
        return result
    except Exception as exc:  # pyparsing / rdflib raise many error types
        msg = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise QueryError(f"invalid SPARQL query: {msg}") from None
    finally:  # leave the caller's dataset as it was (no ontology graph in exports)
        if not had_ontology:
            ds.remove_graph(ds.graph(ONTOLOGY_IRI))
        ds.default_union = had_union


def run_named(ds: Source, name: str,
              bindings: dict[str, str] | None = None) -> Result | oxsparql.OxResult:
    """Run a query of the library by name."""
    return run(ds, named(name).text, bindings)


def _plain(value: object, short: bool) -> object:
    if value is None:
        return None
    if isinstance(value, Literal):
        py = value.toPython()
        return py if isinstance(py, bool | int | float) else str(value)
    if isinstance(value, URIRef | BNode) and short:
        for prefix, ns in PREFIXES.items():
            if str(value).startswith(str(ns)):
                return f"{prefix}:{str(value)[len(str(ns)):]}"
    return str(value)


def rows(result: Result | oxsparql.OxResult, short: bool = False) -> list[dict[str, object]]:
    """A SELECT result as a list of dicts (unbound variables give None)."""
    if isinstance(result, oxsparql.OxResult):
        return oxsparql.rows(result, short, _PREFIX_IRIS)
    if result.type != "SELECT":
        raise QueryError(f"{result.type} queries return a graph, not rows")
    names = [str(v) for v in result.vars or []]
    return [{n: _plain(row[i], short) for i, n in enumerate(names)} for row in result]


def select(source: Source, query: str,
           bindings: dict[str, str] | None = None) -> tuple[list[str], list[dict[str, object]]]:
    """Run a SELECT query on either backend: (variable names, rows of plain values)."""
    result = run(source, query, bindings)
    data = rows(result)
    return [str(v) for v in result.vars or []], data


def render(result: Result | oxsparql.OxResult, fmt: str = "table") -> str:
    """A query result as an aligned table, CSV or JSON (graphs as Turtle)."""
    if fmt not in OUTPUT_FORMATS:
        raise QueryError(f"unknown output format {fmt!r} (choose from {', '.join(OUTPUT_FORMATS)})")
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        return json.dumps({"boolean": answer}) if fmt == "json" else str(answer).lower()
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        g = result.graph
        return g.serialize(format="json-ld" if fmt == "json" else "turtle")
    data = rows(result, short=(fmt == "table"))
    names = [str(v) for v in result.vars or []]
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(names)
        for row in data:
            writer.writerow(["" if row[n] is None else row[n] for n in names])
        return buf.getvalue().rstrip("\n")
    return _table(names, data)


def _table(names: list[str], data: list[dict[str, object]], width: int = 60) -> str:
    def cell(v: object) -> str:
        s = "" if v is None else str(v).replace("\n", " ")
        return s if len(s) <= width else s[: width - 1] + "…"

    cells = [[cell(row[n]) for n in names] for row in data]
    widths = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    count = f"({len(data)} row{'s' if len(data) != 1 else ''})"
    return "\n".join([line.rstrip(), rule, *body, count])
