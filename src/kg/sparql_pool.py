"""Query evaluation for ``kg serve``: result formats, content negotiation, and a pool of
worker processes that run queries under a time limit.

Each worker holds a read-only pyoxigraph view of the store (``Store.read_only``, which
works beside a writer's lock).  A query over the time limit gets its worker killed
(pyoxigraph cannot cancel a query, and a thread would go on burning a core) and replaced.
A worker evaluates, applies the row limit and serialises the whole answer before it
returns, so the HTTP side (``kg.server``) can still send a proper error status.
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import signal
import threading
from dataclasses import dataclass, field
from itertools import islice

import pyoxigraph as ox

_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# key -> (pyoxigraph format, media type); what a SELECT/ASK and a CONSTRUCT/DESCRIBE can give
RESULT_FORMATS = {"json": (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
                  "xml": (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
                  "csv": (ox.QueryResultsFormat.CSV, "text/csv"),
                  "tsv": (ox.QueryResultsFormat.TSV, "text/tab-separated-values")}
GRAPH_FORMATS = {"turtle": (ox.RdfFormat.TURTLE, "text/turtle"),
                 "json-ld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
                 "ntriples": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
                 "rdfxml": (ox.RdfFormat.RDF_XML, "application/rdf+xml")}
# names a client may use (media type, `format=` value) -> key, per kind of answer
RESULT_NAMES = {"application/sparql-results+json": "json", "application/json": "json",
                "json": "json", "application/sparql-results+xml": "xml", "xml": "xml",
                "application/xml": "xml", "text/xml": "xml", "text/csv": "csv", "csv": "csv",
                "text/tab-separated-values": "tsv", "tsv": "tsv"}
GRAPH_NAMES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "turtle": "turtle",
               "ttl": "turtle", "n3": "turtle", "text/n3": "turtle",
               "application/ld+json": "json-ld", "json-ld": "json-ld", "jsonld": "json-ld",
               "json": "json-ld", "application/json": "json-ld",
               "application/n-triples": "ntriples", "text/plain": "ntriples", "nt": "ntriples",
               "ntriples": "ntriples", "n-triples": "ntriples",
               "application/rdf+xml": "rdfxml", "xml": "rdfxml", "rdf": "rdfxml",
               "rdfxml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml"}


@dataclass
class Request:
    """One query as a worker receives it."""

    query: str
    accept: str = ""
    fmt: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    max_rows: int | None = None
    prefixes: dict[str, str] = field(default_factory=dict)


Answer = tuple[int, str, bytes, dict[str, str]]  # status, content type, body, extra headers


def negotiate(accept: str, fmt: str | None, names: dict[str, str], default: str) -> str:
    """Pick a format key from a ``format=`` value, else the Accept header, else ``default``."""
    if fmt:
        key = names.get(fmt.strip().lower())
        if key:
            return key
    ranked = []
    for i, item in enumerate(accept.split(",")):
        media, *params = (p.strip().lower() for p in item.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, i, media))
    for _, _, media in sorted(ranked):
        if media in names:
            return names[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return default


def _term_json(term: object) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _term_json(term.subject),
                                            "predicate": _term_json(term.predicate),
                                            "object": _term_json(term.object)}}
    raise ValueError(f"unexpected term {term!r}")


def evaluate(store: ox.Store, req: Request) -> Answer:
    """Run one query on ``store`` and serialise the answer (row limit applied)."""
    graphs = {}
    if req.default_graphs:
        graphs["default_graph"] = [ox.NamedNode(g) for g in req.default_graphs]
    if req.named_graphs:
        graphs["named_graphs"] = [ox.NamedNode(g) for g in req.named_graphs]
    try:
        # kg's store keeps its default graph as the set union of all article graphs
        # (see kg.store), so no union flag: that would count shared triples once per article
        result = store.query(req.query, **graphs)
    except SyntaxError as exc:
        return text_answer(400, f"query syntax error: {exc}")
    except ValueError as exc:
        return text_answer(400, f"bad request: {exc}")
    limit = req.max_rows
    headers: dict[str, str] = {}
    if isinstance(result, ox.QueryBoolean):
        key = negotiate(req.accept, req.fmt, RESULT_NAMES, "json")
        fmt, media = RESULT_FORMATS[key]
        return 200, media, result.serialize(format=fmt), headers
    if isinstance(result, ox.QuerySolutions):
        key = negotiate(req.accept, req.fmt, RESULT_NAMES, "json")
        names = [v.value for v in result.variables]
        rows = list(islice(result, limit + 1)) if limit is not None else list(result)
        if limit is not None and len(rows) > limit:
            rows = rows[:limit]
            headers["X-KG-Truncated"] = f"true; row limit {limit}"
        seen: dict[object, dict] = {}  # terms repeat: encode each once
        bindings = []
        for row in rows:
            binding = {}
            for name, term in zip(names, row, strict=True):
                if term is not None:
                    binding[name] = seen.get(term) or seen.setdefault(term, _term_json(term))
            bindings.append(binding)
        doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
        fmt, media = RESULT_FORMATS[key]
        if key != "json":
            body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(
                format=fmt)
        return 200, media + ("; charset=utf-8" if key in ("csv", "tsv") else ""), body, headers
    key = negotiate(req.accept, req.fmt, GRAPH_NAMES, "turtle")
    triples = list(islice(result, limit + 1)) if limit is not None else list(result)
    if limit is not None and len(triples) > limit:
        triples = triples[:limit]
        headers["X-KG-Truncated"] = f"true; row limit {limit}"
    fmt, media = GRAPH_FORMATS[key]
    prefixes = None
    if key == "turtle":  # only the prefixes the answer uses
        iris = {t.value for tr in triples for t in (tr.subject, tr.predicate, tr.object)
                if isinstance(t, ox.NamedNode)}
        prefixes = {k: ns for k, ns in req.prefixes.items()
                    if any(i.startswith(ns) for i in iris)}
    return 200, media, ox.serialize(triples, format=fmt, prefixes=prefixes), headers


def text_answer(status: int, message: str) -> Answer:
    """A plain-text answer (an error message, as a rule) with the given status."""
    return status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode(), {}


def _worker_main(store_dir: str, conn: multiprocessing.connection.Connection) -> None:
    """A query worker: opens the store read-only, answers requests until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    store = ox.Store.read_only(store_dir)
    while True:
        try:
            req = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if req is None:
            return
        try:
            answer = evaluate(store, req)
        except Exception as exc:  # reported to the client, the worker lives on
            answer = text_answer(500, f"query failed: {type(exc).__name__}: {exc}")
        conn.send(answer)


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, store_dir: str, ctx: multiprocessing.context.BaseContext) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(store_dir, child), daemon=True,
                                name="kg-serve-worker")
        self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes that run queries with a time limit; a stuck one is killed."""

    def __init__(self, store_dir: str, workers: int = 2, timeout: float = 30.0) -> None:
        self.store_dir, self.timeout = store_dir, timeout
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        for _ in range(max(1, workers)):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self.store_dir, self._ctx)
        with self._lock:
            self._all.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)

    def run(self, req: Request) -> Answer:
        """Answer ``req``, or a 503 when it runs past the time limit (worker replaced)."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return text_answer(503, "server busy: every query worker was in use for "
                                    f"{self.timeout:g} s")
        if not worker.proc.is_alive():  # died while idle (killed, out of memory): replace
            self._retire(worker)
            worker = self._spawn()
        try:
            worker.conn.send(req)
            if worker.conn.poll(self.timeout):
                answer = worker.conn.recv()
                self._idle.put(worker)
                return answer
            self._retire(worker)
            self._idle.put(self._spawn())
            return text_answer(503, f"query exceeded the time limit of {self.timeout:g} s "
                                    "(it was stopped; simplify it or add a LIMIT)")
        except (EOFError, OSError, BrokenPipeError) as exc:
            self._retire(worker)
            self._idle.put(self._spawn())
            return text_answer(500, f"query worker died ({type(exc).__name__}); "
                                    "it was restarted")

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.kill()
