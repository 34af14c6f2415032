"""A read-only SPARQL 1.1 Protocol endpoint over a kg store (``kg serve``).

Why not Oxigraph's own server (``oxigraph serve-read-only``, PyPI package ``oxigraph``)?
It has a time limit but no result-row limit, and when the limit strikes mid-stream it
has already answered ``200`` and cuts the body off, so a client sees broken JSON rather
than an error.  This module is a small standard-library HTTP server instead:

* queries run in a pool of worker *processes*, each holding a read-only pyoxigraph view
  of the store (``Store.read_only``, which works beside a writer's lock).  A query over
  the time limit gets its worker killed (pyoxigraph cannot cancel a query, and a thread
  would go on burning a core) and replaced; the client gets ``503`` with
  ``query exceeded the time limit of N s`` and the server goes on answering;
* a worker evaluates, applies the row limit and serialises the whole answer before the
  status line is written, so every error is a proper HTTP error;
* queries see the union of all graphs as the default graph (as ``kg query`` does) unless
  the request names ``default-graph-uri`` / ``named-graph-uri``;
* any update (``application/sparql-update``, an ``update=`` parameter, PUT/DELETE/PATCH)
  is refused with ``403``.
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import signal
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import islice
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.errors import KgError

_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
MAX_BODY = 1 << 20  # largest query body accepted, in bytes

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
_RESULT_NAMES = {"application/sparql-results+json": "json", "application/json": "json",
                 "json": "json", "application/sparql-results+xml": "xml", "xml": "xml",
                 "application/xml": "xml", "text/xml": "xml", "text/csv": "csv", "csv": "csv",
                 "text/tab-separated-values": "tsv", "tsv": "tsv"}
_GRAPH_NAMES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "turtle": "turtle",
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
        result = store.query(req.query, use_default_graph_as_union=not req.default_graphs,
                             **graphs)
    except SyntaxError as exc:
        return _text(400, f"query syntax error: {exc}")
    except ValueError as exc:
        return _text(400, f"bad request: {exc}")
    limit = req.max_rows
    headers: dict[str, str] = {}
    if isinstance(result, ox.QueryBoolean):
        key = negotiate(req.accept, req.fmt, _RESULT_NAMES, "json")
        fmt, media = RESULT_FORMATS[key]
        return 200, media, result.serialize(format=fmt), headers
    if isinstance(result, ox.QuerySolutions):
        key = negotiate(req.accept, req.fmt, _RESULT_NAMES, "json")
        names = [v.value for v in result.variables]
        rows = list(islice(result, limit + 1)) if limit is not None else list(result)
        if limit is not None and len(rows) > limit:
            rows = rows[:limit]
            headers["X-KG-Truncated"] = f"true; row limit {limit}"
        doc = {"head": {"vars": names}, "results": {"bindings": [
            {n: _term_json(row[n]) for n in names if row[n] is not None} for row in rows]}}
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
        fmt, media = RESULT_FORMATS[key]
        if key != "json":
            body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(
                format=fmt)
        return 200, media + ("; charset=utf-8" if key in ("csv", "tsv") else ""), body, headers
    key = negotiate(req.accept, req.fmt, _GRAPH_NAMES, "turtle")
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


def _text(status: int, message: str) -> Answer:
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
            answer = _text(500, f"query failed: {type(exc).__name__}: {exc}")
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
            return _text(503, f"server busy: every query worker was in use for {self.timeout:g} s")
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
            return _text(503, f"query exceeded the time limit of {self.timeout:g} s "
                              "(it was stopped; simplify it or add a LIMIT)")
        except (EOFError, OSError, BrokenPipeError) as exc:
            self._retire(worker)
            self._idle.put(self._spawn())
            return _text(500, f"query worker died ({type(exc).__name__}); it was restarted")

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.kill()


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: ``serve_forever()`` to run, ``close()`` to stop the workers."""

    daemon_threads = True

    def __init__(self, store_dir: str | Path, host: str = "127.0.0.1", port: int = 7878,
                 timeout: float = 30.0, max_rows: int | None = 10000, workers: int = 2,
                 cors: bool = False) -> None:
        from kg.mapping import PREFIXES
        from kg.store import open_store

        if timeout <= 0:
            raise KgError("the query time limit must be positive")
        if max_rows is not None and max_rows < 1:
            raise KgError("the row limit must be at least 1")
        probe = open_store(store_dir, read_only=True)  # InputError/GraphError if not a store
        self.triples = len(probe.inner)
        del probe
        self._guard = _hold_write_lock(Path(store_dir))
        self.store_dir, self.timeout, self.max_rows, self.cors = (
            str(store_dir), timeout, max_rows, cors)
        self.prefixes = {k: str(v) for k, v in PREFIXES.items()}
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            raise KgError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        self.pool = QueryPool(self.store_dir, workers, timeout)

    @property
    def url(self) -> str:
        """The endpoint's query URL."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def close(self) -> None:
        """Stop serving (if running), stop the workers, release the store."""
        self.server_close()
        self.pool.close()
        self._guard = None


def _hold_write_lock(path: Path) -> ox.Store | None:
    """Open the store for writing (and write nothing) so that no ``kg build`` changes it
    under the read-only workers, which Oxigraph does not support; None on read-only media."""
    try:
        return ox.Store(str(path))
    except OSError as exc:
        text = str(exc).lower()
        if "permission denied" in text or "read-only file system" in text:
            return None
        if "lock" in text:
            raise KgError(f"{path}: another process is writing this store (a kg build?); "
                          "serve it when that is done") from None
        raise KgError(f"{path}: cannot open the store: {str(exc).splitlines()[0]}") from None


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<link rel="icon" href="data:,">
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;max-width:70em}
textarea{width:100%;height:12em;font:13px monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #bbb;padding:2px 6px;
text-align:left;vertical-align:top}th{background:#eee}#msg{margin:.5em 0;color:#555}
pre{background:#f6f6f6;padding:.5em;overflow:auto}.err{color:#b00}
</style></head><body>
<h1>kg SPARQL endpoint</h1>
<p>@@INFO@@ Query URL: <code>/sparql</code> (SPARQL 1.1 Protocol, GET or POST).
The default graph is the union of all graphs.</p>
<form id="f"><textarea id="q" spellcheck="false">PREFIX kg: <https://w3id.org/kg/ontology#>
SELECT ?graph (COUNT(*) AS ?triples)
WHERE { GRAPH ?graph { ?s ?p ?o } }
GROUP BY ?graph ORDER BY DESC(?triples) LIMIT 20</textarea><br>
<label>Format <select id="fmt"><option value="">table</option><option>json</option>
<option>xml</option><option>csv</option><option>tsv</option><option>turtle</option>
<option>json-ld</option></select></label> <button type="submit">Run</button></form>
<div id="msg"></div><div id="out"></div>
<script>
const f=document.getElementById('f'),msg=document.getElementById('msg'),
out=document.getElementById('out');
f.addEventListener('submit',async e=>{e.preventDefault();
 const fmt=document.getElementById('fmt').value,t0=performance.now();
 msg.textContent='running\u2026';out.textContent='';msg.className='';
 let r;try{r=await fetch('/sparql'+(fmt?'?format='+encodeURIComponent(fmt):''),
  {method:'POST',headers:{'Content-Type':'application/sparql-query',
  'Accept':fmt?'*/*':'application/sparql-results+json, text/turtle;q=0.9'},
  body:document.getElementById('q').value});}
 catch(err){msg.className='err';msg.textContent=String(err);return;}
 const text=await r.text(),ms=Math.round(performance.now()-t0),
  cut=r.headers.get('X-KG-Truncated');
 if(!r.ok){msg.className='err';msg.textContent=r.status+': '+text;return;}
 const ct=r.headers.get('Content-Type')||'';
 if(fmt||!ct.includes('sparql-results+json')){const p=document.createElement('pre');
  p.textContent=text;out.appendChild(p);msg.textContent=ms+' ms'+(cut?' (truncated)':'');
  return;}
 const d=JSON.parse(text);if('boolean' in d){msg.textContent=ms+' ms';
  out.textContent=String(d.boolean);return;}
 const tb=document.createElement('table'),hr=tb.insertRow();
 for(const v of d.head.vars){const th=document.createElement('th');th.textContent=v;
  hr.appendChild(th);}
 for(const b of d.results.bindings){const tr=tb.insertRow();
  for(const v of d.head.vars){const c=tr.insertCell(),x=b[v];
   c.textContent=x?(x.type==='uri'?'<'+x.value+'>':x.value+(x['xml:lang']?
   '@'+x['xml:lang']:'')):'';}}
 out.appendChild(tb);msg.textContent=d.results.bindings.length+' row(s), '+ms+' ms'+
  (cut?' \u2014 cut at the row limit':'');});
</script></body></html>
"""


def _page(server: SparqlServer) -> bytes:
    limit = f"at most {server.max_rows} rows" if server.max_rows else "no row limit"
    info = f"{server.triples} triples; time limit {server.timeout:g} s; {limit}."
    return _PAGE.replace("@@INFO@@", info).encode()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def _send(self, answer: Answer) -> None:
        status, media, body, headers = answer
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Expose-Headers", "X-KG-Truncated")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _refuse_update(self) -> None:
        self._send(_text(403, "this endpoint is read-only: SPARQL updates and graph writes "
                              "are refused (use kg build --store to change the store)"))

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        parts = urlsplit(self.path)
        params = parse_qs(parts.query, keep_blank_values=True)
        if parts.path not in ("/", "/sparql", "/query"):
            return self._send(_text(404, f"no such resource {parts.path}; query at /sparql"))
        if "update" in params:
            return self._refuse_update()
        if "query" not in params:
            if parts.path == "/" or "text/html" in self.headers.get("Accept", ""):
                return self._send((200, "text/html; charset=utf-8", _page(self.server), {}))
            return self._send(_text(400, "missing query parameter"))
        self._query(params)

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        parts = urlsplit(self.path)
        params = parse_qs(parts.query, keep_blank_values=True)
        if parts.path not in ("/", "/sparql", "/query"):
            return self._refuse_update() if parts.path in ("/update", "/store") else \
                self._send(_text(404, f"no such resource {parts.path}; query at /sparql"))
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._send(_text(400, "bad Content-Length"))
        if length > MAX_BODY:
            self.close_connection = True
            return self._send(_text(413, f"request body over {MAX_BODY} bytes"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update" or "update" in params:
            return self._refuse_update()
        if media == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if "update" in form:
                return self._refuse_update()
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            params["query"] = [body]
        else:
            return self._send(_text(415, "POST a query as application/sparql-query or "
                                         "application/x-www-form-urlencoded"))
        if "query" not in params:
            return self._send(_text(400, "missing query parameter"))
        self._query(params)

    def _write(self) -> None:
        self._refuse_update()

    do_PUT = do_DELETE = do_PATCH = _write

    def do_OPTIONS(self) -> None:  # noqa: N802 - CORS preflight
        self.send_response(204)
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _query(self, params: dict[str, list[str]]) -> None:
        if len(params["query"]) != 1:
            return self._send(_text(400, "give exactly one query parameter"))
        fmt = next((params[k][0] for k in ("format", "output", "results") if k in params), None)
        known = fmt is None or fmt.strip().lower() in {*_RESULT_NAMES, *_GRAPH_NAMES}
        if not known:
            return self._send(_text(400, f"unknown format {fmt!r} (json, xml, csv, tsv, "
                                         "turtle, json-ld, ntriples, rdfxml)"))
        req = Request(params["query"][0], self.headers.get("Accept", ""), fmt,
                      params.get("default-graph-uri", []), params.get("named-graph-uri", []),
                      self.server.max_rows, self.server.prefixes)
        self._send(self.server.pool.run(req))
