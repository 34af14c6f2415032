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

Query evaluation and the worker pool are in ``kg.sparql_pool``; the query page is
package data (``kg/assets/serve/index.html``).
"""

from __future__ import annotations

import sys
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg import resources as kg_resources
from kg.errors import KgError
from kg.sparql_pool import GRAPH_NAMES as _GRAPH_NAMES
from kg.sparql_pool import RESULT_NAMES as _RESULT_NAMES
from kg.sparql_pool import Answer, QueryPool, Request, negotiate
from kg.sparql_pool import text_answer as _text

__all__ = ["MAX_BODY", "SparqlServer", "negotiate"]

MAX_BODY = 1 << 20  # largest query body accepted, in bytes


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: ``serve_forever()`` to run, ``close()`` to stop the workers.

    Workers are started with multiprocessing's *spawn*: a script that makes a server must
    do so under ``if __name__ == "__main__":`` (``kg serve`` and notebooks need nothing).
    The server holds the store's write lock (writing nothing) so no ``kg build`` can change
    the store under its read-only workers; a store being written is refused.
    """

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

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up is no error worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

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



@cache
def _page_template() -> str:
    """The query page (package data), with ``@@INFO@@`` where the store's figures go."""
    return kg_resources.asset_text("serve", "index.html")


def _page(server: SparqlServer) -> bytes:
    limit = f"at most {server.max_rows} rows" if server.max_rows else "no row limit"
    info = f"{server.triples} triples; time limit {server.timeout:g} s; {limit}."
    return _page_template().replace("@@INFO@@", info).encode()


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
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.close_connection = True
            return self._send(_text(400, "bad Content-Length"))
        if length > MAX_BODY:
            self.close_connection = True
            return self._send(_text(413, f"request body over {MAX_BODY} bytes"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        if parts.path not in ("/", "/sparql", "/query"):
            return self._refuse_update() if parts.path in ("/update", "/store") else \
                self._send(_text(404, f"no such resource {parts.path}; query at /sparql"))
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
        self.close_connection = True  # the body (if any) stays unread
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
