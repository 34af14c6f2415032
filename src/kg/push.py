"""Push a kg store to an external triple store by the SPARQL 1.1 Graph Store Protocol.

Every article graph (and the ontology graph) goes by one ``PUT GRAPH-STORE?graph=IRI``
with an N-Triples body, which *replaces* that graph at the target: pushing twice leaves
the same triples, not twice as many.  Graphs deleted locally are not deleted remotely.

Graph Store URLs, derived from the SPARQL endpoint URL when ``graph_store`` is not given:

=========  =======================================  ==========================================
server     SPARQL endpoint                          Graph Store Protocol URL
=========  =======================================  ==========================================
Oxigraph   http://HOST:7878/query (or /sparql)      http://HOST:7878/store
Fuseki     http://HOST:3030/DS/sparql (or /query)   http://HOST:3030/DS/data
GraphDB    http://HOST:7200/repositories/ID         http://HOST:7200/repositories/ID/rdf-graphs/service
QLever     http://HOST:PORT/                        the same URL (writes need its access token)
=========  =======================================  ==========================================

QLever has the Graph Store Protocol's PUT since mid-2025 (ad-freiburg/qlever PR #2117);
give its access token with ``token`` (sent as ``Authorization: Bearer``) or put
``?access-token=...`` into the Graph Store URL (its query string is kept).  Fuseki and
GraphDB with authentication: ``user="USER:PASSWORD"`` (HTTP basic).
"""

from __future__ import annotations

import base64
import http.client
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pyoxigraph as ox

from kg.errors import KgError


@dataclass(frozen=True)
class PushReport:
    """What a push sent."""

    graphs: int
    triples: int
    bytes: int
    seconds: float
    graph_store: str


def graph_store_url(endpoint: str) -> str:
    """The Graph Store Protocol URL of a known server, from its SPARQL endpoint URL."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise KgError(f"{endpoint!r} is not an http(s) URL")
    path = parts.path.rstrip("/")
    base = f"{parts.scheme}://{parts.netloc}"
    segments = path.split("/")
    if len(segments) >= 3 and segments[-2] == "repositories":  # GraphDB, RDF4J
        return f"{base}{path}/rdf-graphs/service"
    if segments[-1] in ("rdf-graphs", "service") and "repositories" in segments:
        return f"{base}{path}"
    if segments[-1] in ("query", "sparql", "update", "store", "data", "get"):
        head = "/".join(segments[:-1])
        if head:  # Fuseki: /DATASET/sparql -> /DATASET/data
            return f"{base}{head}/data"
        return f"{base}/store"  # Oxigraph: /query, /sparql -> /store
    return f"{base}{path}/" if path else f"{base}/"  # QLever: one URL for everything


class _Client:
    """A keep-alive HTTP connection to one Graph Store URL."""

    def __init__(self, url: str, user: str | None, token: str | None, timeout: float) -> None:
        parts = urlsplit(url)
        self.url, self.timeout = url, timeout
        self.https = parts.scheme == "https"
        self.netloc, self.path = parts.netloc, parts.path or "/"
        self.query = parts.query
        self.headers = {"Content-Type": "application/n-triples"}
        if user:
            cred = base64.b64encode(user.encode()).decode()
            self.headers["Authorization"] = f"Basic {cred}"
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        self.conn: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        if self.conn is None:
            cls = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
            self.conn = cls(self.netloc, timeout=self.timeout)
        return self.conn

    def put(self, graph: str | None, body: bytes) -> None:
        target = "default" if graph is None else "graph=" + quote(graph, safe="")
        path = f"{self.path}?{self.query + '&' if self.query else ''}{target}"
        for _ in range(2):  # a kept-alive connection the server has closed: retry once
            fresh = self.conn is None
            try:
                conn = self._connect()
                conn.request("PUT", path, body=body, headers=self.headers)
                resp = conn.getresponse()
                text = resp.read()
                break
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                if fresh:
                    reason = getattr(exc, "strerror", None) or exc
                    raise KgError(f"cannot reach {self.url}: {reason}") from None
        if resp.status >= 300:
            detail = " ".join(text.decode("utf-8", "replace").split())[:300]
            raise KgError(f"{self.url} answered {resp.status} {resp.reason} for graph "
                          f"<{graph}>: {detail or '(no message)'}")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def push(store_dir: str, endpoint: str, graph_store: str | None = None, *,
         user: str | None = None, token: str | None = None, ontology: bool = True,
         jobs: int = 1, timeout: float = 60.0,
         progress: Callable[[int, int], None] | None = None) -> PushReport:
    """PUT every article graph of the store at ``store_dir`` to the target; see the module doc.

    ``jobs`` requests run at once (one keep-alive connection each); the first error stops
    the push with a KgError (graphs already sent stay sent: pushing again is safe).
    """
    from kg.store import open_store
    from kg.vocab import ONTOLOGY_IRI

    url = graph_store or graph_store_url(endpoint)
    if urlsplit(url).scheme not in ("http", "https"):
        raise KgError(f"{url!r} is not an http(s) URL")
    store = open_store(store_dir, read_only=True)
    graphs = store.article_graphs()
    if ontology and store.inner.contains_named_graph(ox.NamedNode(str(ONTOLOGY_IRI))):
        graphs.append(str(ONTOLOGY_IRI))
    local = threading.local()
    clients: list[_Client] = []
    lock = threading.Lock()

    def send(iri: str) -> tuple[int, int]:
        if not hasattr(local, "client"):
            local.client = _Client(url, user, token, timeout)
            with lock:
                clients.append(local.client)
        # the quad iterator must be dropped in this thread (pyoxigraph objects are unsendable)
        triples = [q.triple for q in store.inner.quads_for_pattern(None, None, None,
                                                                   ox.NamedNode(iri))]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        local.client.put(iri, body)
        return len(triples), len(body)

    start, triples, sent = time.perf_counter(), 0, 0
    with ThreadPoolExecutor(max(1, jobs), thread_name_prefix="kg-push") as pool:
        futures = [pool.submit(send, iri) for iri in graphs]
        try:
            for done, future in enumerate(as_completed(futures), 1):
                n, size = future.result()
                triples, sent = triples + n, sent + size
                if progress:
                    progress(done, len(graphs))
        finally:
            for future in futures:
                future.cancel()
    for client in clients:
        client.close()
    return PushReport(len(graphs), triples, sent, time.perf_counter() - start, url)
