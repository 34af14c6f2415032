"""SPARQL on a kg :class:`~kg.store.Store` with Oxigraph's engine.

:func:`run` returns an :class:`OxResult` that :func:`kg.queries.rows` and
:func:`kg.queries.render` read exactly like an rdflib ``Result``: the same named ``.rq``
queries give the same rows on both backends.  Values are converted straight from
pyoxigraph terms to plain Python values (no rdflib terms in between), so kg's layer costs
little over bare pyoxigraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import QueryError

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.store import Store

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "nonPositiveInteger",
    "positiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte"))
_FLOATS = frozenset({_XSD + "double", _XSD + "float"})
_BOOLEAN = _XSD + "boolean"


class OxResult:
    """The result of a query on a store: ``type`` (SELECT, ASK, CONSTRUCT), ``vars``,
    rows of pyoxigraph terms (iterating gives tuples, as rdflib's ``Result`` does),
    ``askAnswer`` for ASK and ``graph`` (an rdflib Graph) for CONSTRUCT/DESCRIBE."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self._rows: list[tuple[Any, ...]] | None = None
        self.askAnswer: bool | None = None  # noqa: N815 - rdflib's name
        if isinstance(raw, ox.QueryBoolean):
            self.type, self.vars = "ASK", []
            self.askAnswer = bool(raw)
        elif isinstance(raw, ox.QuerySolutions):
            self.type = "SELECT"
            self.vars = [v.value for v in raw.variables]
        else:
            self.type, self.vars = "CONSTRUCT", []

    def solutions(self) -> list[tuple[Any, ...]]:
        """The SELECT rows as tuples of pyoxigraph terms (None where unbound)."""
        if self._rows is None:
            if self.type != "SELECT":
                raise QueryError(f"{self.type} queries return a graph, not rows")
            try:
                self._rows = [tuple(sol) for sol in self._raw]
            except (OSError, RuntimeError, ValueError) as exc:
                raise QueryError(f"query failed: {_first(exc)}") from None
        return self._rows

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.solutions())

    def __len__(self) -> int:
        return len(self.solutions())

    @property
    def graph(self) -> Graph:
        """CONSTRUCT/DESCRIBE triples as an rdflib Graph with kg's prefixes."""
        from rdflib import Graph

        from kg.mapping import bind_prefixes

        g = bind_prefixes(Graph())
        if self.type == "CONSTRUCT":
            data = ox.serialize(self._raw, format=ox.RdfFormat.N_TRIPLES)
            if data:
                g.parse(data=data.decode("utf-8"), format="nt")
            self._raw = iter(())
        return g


def run(store: Store, query: str, bindings: dict[str, str] | None = None,
        prefixes: dict[str, str] | None = None) -> OxResult:
    """Run SPARQL on the store's default graph (the set union of its graphs).

    ``bindings`` bind variables to plain literals, as rdflib's ``initBindings`` do:
    variables the query does not mention are ignored; projected variables are substituted
    (SEP-0007); others are bound by a ``VALUES`` block at the top of the WHERE clause.
    """
    used = {k: v for k, v in (bindings or {}).items()
            if re.search(rf"[?$]{re.escape(k)}(?!\w)", query)}
    subs = {ox.Variable(k): ox.Literal(v) for k, v in used.items()}
    try:
        try:
            raw = store.inner.query(query, prefixes=prefixes,
                                    substitutions=subs or None)
        except (SyntaxError, ValueError, RuntimeError) as exc:
            if not used or "projection" not in str(exc):
                raise
            raw = store.inner.query(with_values(query, used), prefixes=prefixes)
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL query: {_first(exc)}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {_first(exc)}") from None
    return OxResult(raw)


def with_values(query: str, bindings: dict[str, str]) -> str:
    """``query`` with ``VALUES (?a ?b) { ("x" "y") }`` opening its outermost group."""
    at = _first_brace(query)
    if at < 0:
        raise QueryError("invalid SPARQL query: no WHERE clause to bind variables in")
    names = " ".join(f"?{k}" for k in bindings)
    values = " ".join(str(ox.Literal(v)) for v in bindings.values())
    return f"{query[:at + 1]} VALUES ({names}) {{ ({values}) }} {query[at + 1:]}"


def _first_brace(query: str) -> int:
    """Index of the first ``{`` outside comments, strings and IRIs, or -1."""
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            nl = query.find("\n", i)
            i = n if nl < 0 else nl
        elif c in "\"'":
            i += 1
            while i < n and query[i] != c:
                i += 2 if query[i] == "\\" else 1
        elif c == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", query[i:]):
            i = query.index(">", i)
        elif c == "{":
            return i
        i += 1
    return -1


def plain(term: Any, short: bool, prefixes: dict[str, str]) -> object:
    """A pyoxigraph term as kg's rows give it (the same values as for rdflib terms)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        value = term.value
        try:
            if dt in _INTEGERS:
                return int(value)
            if dt in _FLOATS:
                return float(value)
            if dt == _BOOLEAN:
                return value in ("true", "1")
        except ValueError:
            return value
        return value
    if isinstance(term, ox.NamedNode):
        iri = term.value
        if short:
            for prefix, ns in prefixes.items():
                if iri.startswith(ns):
                    return f"{prefix}:{iri[len(ns):]}"
        return iri
    return term.value


def rows(result: OxResult, short: bool, prefixes: dict[str, str]) -> list[dict[str, object]]:
    """A SELECT result as dicts of plain values."""
    names = result.vars
    return [{n: plain(v, short, prefixes) for n, v in zip(names, row, strict=True)}
            for row in result.solutions()]


def _first(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
