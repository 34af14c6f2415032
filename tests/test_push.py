"""kg push: the Graph Store Protocol against a real Oxigraph server (PyPI package ``oxigraph``)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import cli
from kg.errors import KgError
from kg.push import graph_store_url, push
from kg.vocab import ONTOLOGY_IRI

EX = "http://example.org/"
ARTICLES = {f"{EX}article/a": 5, f"{EX}article/b": 12}
MANIFEST = "https://w3id.org/kg/id/build/manifest"


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _make_store(path: Path) -> None:
    """Two article graphs (a blank node, non-ASCII text), the ontology and a manifest."""
    store = ox.Store(str(path))
    for graph, size in ARTICLES.items():
        g = ox.NamedNode(graph)
        for i in range(size - 1):
            store.add(ox.Quad(ox.NamedNode(f"{graph}/s{i}"), ox.NamedNode(f"{EX}says"),
                              ox.Literal(f"Äußerung {i} «zitiert»", language="de"), g))
        store.add(ox.Quad(ox.BlankNode(), ox.NamedNode(f"{EX}about"), ox.NamedNode(graph), g))
    store.add(ox.Quad(ox.NamedNode(f"{EX}Meeting"), ox.NamedNode(f"{EX}label"),
                      ox.Literal("meeting"), ox.NamedNode(str(ONTOLOGY_IRI))))
    store.add(ox.Quad(ox.NamedNode(f"{EX}x"), ox.NamedNode(f"{EX}y"), ox.Literal("internal"),
                      ox.NamedNode(MANIFEST)))
    store.flush()
    del store


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory):
    """A real Oxigraph server on a free port; its base URL."""
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = _free_port()
    data = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen([binary, "serve", "--location", str(data), "--bind",
                             f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.skip("the oxigraph server did not start")
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "kg"
    _make_store(path)
    return path


def _remote_counts(base: str) -> dict[str, int]:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    req = urllib.request.Request(base + "/query?" + urllib.parse.urlencode({"query": query}),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        rows = json.loads(resp.read())["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def test_push_and_repush_replace(oxigraph: str, store: Path) -> None:
    expected = {**ARTICLES, str(ONTOLOGY_IRI): 1}  # the manifest stays home
    report = push(str(store), oxigraph + "/query")
    assert report.graph_store == oxigraph + "/store"
    assert (report.graphs, report.triples) == (3, sum(expected.values()))
    assert _remote_counts(oxigraph) == expected
    again = push(str(store), oxigraph + "/query", jobs=3)
    assert (again.graphs, again.triples) == (report.graphs, report.triples)
    assert _remote_counts(oxigraph) == expected  # replaced, not doubled
    # the pushed text arrived intact
    query = f"ASK {{ GRAPH <{EX}article/a> {{ ?s ?p \"Äußerung 0 «zitiert»\"@de }} }}"
    with urllib.request.urlopen(oxigraph + "/query?" + urllib.parse.urlencode(
            {"query": query}), timeout=10) as resp:
        assert json.loads(resp.read())["boolean"] is True
    # a smaller local graph replaces the remote one
    local = ox.Store(str(store))
    local.remove_graph(ox.NamedNode(f"{EX}article/b"))
    local.add(ox.Quad(ox.NamedNode(f"{EX}z"), ox.NamedNode(f"{EX}says"), ox.Literal("neu"),
                      ox.NamedNode(f"{EX}article/b")))
    local.flush()
    del local
    push(str(store), oxigraph + "/query", ontology=False)
    assert _remote_counts(oxigraph) == {**expected, f"{EX}article/b": 1}


def test_cli_push(oxigraph: str, store: Path, runner) -> None:
    result = runner.invoke(cli, ["push", "--store", str(store), "--endpoint",
                                 oxigraph + "/sparql", "--no-ontology"])
    assert result.exit_code == 0, result.output
    assert f"pushed 2 graph(s), {sum(ARTICLES.values())} triples to {oxigraph}/store" \
        in result.output


def test_push_errors(oxigraph: str, store: Path, runner) -> None:
    dead = f"http://127.0.0.1:{_free_port()}/query"
    with pytest.raises(KgError, match="cannot reach"):
        push(str(store), dead)
    with pytest.raises(KgError, match=r"answered 404"):
        push(str(store), oxigraph, graph_store=oxigraph + "/no-such-service")
    result = runner.invoke(cli, ["push", "--store", str(store), "--endpoint", dead])
    assert result.exit_code == 1 and result.output.startswith("Error: cannot reach")
    result = runner.invoke(cli, ["push", "--store", str(store.parent / "none"),
                                 "--endpoint", oxigraph])
    assert result.exit_code == 1 and "not a kg store" in result.output


@pytest.mark.parametrize(("endpoint", "expected"), [
    ("http://localhost:7878/query", "http://localhost:7878/store"),           # Oxigraph
    ("http://localhost:7878/sparql", "http://localhost:7878/store"),
    ("http://localhost:3030/ds/sparql", "http://localhost:3030/ds/data"),     # Fuseki
    ("http://localhost:3030/news/query", "http://localhost:3030/news/data"),
    ("http://localhost:7200/repositories/news",                               # GraphDB
     "http://localhost:7200/repositories/news/rdf-graphs/service"),
    ("https://db.example.org/repositories/news/",
     "https://db.example.org/repositories/news/rdf-graphs/service"),
    ("http://localhost:7001", "http://localhost:7001/"),                      # QLever
    ("http://localhost:7001/", "http://localhost:7001/"),
])
def test_graph_store_url(endpoint: str, expected: str) -> None:
    assert graph_store_url(endpoint) == expected


@pytest.mark.parametrize("endpoint", ["localhost:7878", "ftp://x/query", "/sparql", ""])
def test_graph_store_url_rejects(endpoint: str) -> None:
    with pytest.raises(KgError, match="not an http"):
        graph_store_url(endpoint)


def test_push_sends_auth_and_keeps_the_url_query(store: Path) -> None:
    """What a QLever-style target sees: its token, the URL's own query string, N-Triples."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[tuple[str, str | None, str | None, int]] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            seen.append((self.path, self.headers.get("Authorization"),
                         self.headers.get("Content-Type"), len(body.splitlines())))
            self.send_response(500 if "fail" in self.path else 204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        report = push(str(store), base, graph_store=base + "/?access-token=t0k",
                      token="secret", ontology=False)
        assert (report.graphs, report.triples) == (2, sum(ARTICLES.values()))
        assert sorted(seen) == sorted(
            (f"/?access-token=t0k&graph={urllib.parse.quote(g, safe='')}", "Bearer secret",
             "application/n-triples", n) for g, n in ARTICLES.items())
        seen.clear()
        push(str(store), base + "/ds/sparql", user="admin:pw", ontology=False, jobs=1)
        assert {(path.split("?")[0], auth) for path, auth, _, _ in seen} == {
            ("/ds/data", "Basic YWRtaW46cHc=")}
        with pytest.raises(KgError, match=r"answered 500 .* for graph <http://example.org/"):
            push(str(store), base, graph_store=base + "/fail")
    finally:
        server.shutdown()
        server.server_close()
