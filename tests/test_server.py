"""kg serve: the SPARQL 1.1 Protocol endpoint, exercised with SPARQLWrapper as a real client."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from kg.cli import cli
from kg.errors import KgError
from kg.server import _GRAPH_NAMES, _RESULT_NAMES, SparqlServer, negotiate

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, XML  # noqa: E402
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed  # noqa: E402

EX = "http://example.org/"
A, B = f"{EX}article/a", f"{EX}article/b"
PEOPLE = [("putin", "Wladimir Putin", "de"), ("trump", "Donald Trump", None),
          ("tokajew", "Kassym-Schomart Tokajew", "de")]
NUMBERS = 200  # triples in graph B: a 4-way cross join of them (1.6e9 rows) never finishes
TIMEOUT = 1.5
MAX_ROWS = 100
PREFIX = f"PREFIX ex: <{EX}> "


def _make_store(path: Path) -> None:
    store = ox.Store(str(path))
    quads = [ox.Quad(ox.NamedNode(f"{EX}{key}"), ox.NamedNode(f"{EX}name"),
                     ox.Literal(name, language=lang) if lang else ox.Literal(name),
                     ox.NamedNode(A)) for key, name, lang in PEOPLE]
    quads.append(ox.Quad(ox.NamedNode(f"{EX}putin"), ox.NamedNode(f"{EX}met"),
                         ox.NamedNode(f"{EX}trump"), ox.NamedNode(A)))
    quads += [ox.Quad(ox.NamedNode(f"{EX}n{i}"), ox.NamedNode(f"{EX}value"), ox.Literal(i),
                      ox.NamedNode(B)) for i in range(NUMBERS)]
    # kg's store layout (kg.store): the default graph is the set union of the named graphs
    quads += [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in list(quads)]
    store.bulk_extend(quads)
    store.flush()
    del store


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory):
    """A running server (port chosen by the OS) over a small two-graph store."""
    path = tmp_path_factory.mktemp("store") / "kg"
    _make_store(path)
    server = SparqlServer(path, "127.0.0.1", 0, timeout=TIMEOUT, max_rows=MAX_ROWS, workers=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.close()
    thread.join(5)


def _client(server: SparqlServer, query: str, fmt: str = JSON):
    sw = SPARQLWrapper.SPARQLWrapper(server.url)
    sw.setQuery(PREFIX + query)
    sw.setReturnFormat(fmt)
    return sw


def _http(server: SparqlServer, query: str | None = None, accept: str = "*/*", method="GET",
          path: str = "/sparql", body: bytes | None = None, ctype: str | None = None,
          **params: str):
    base = server.url.rsplit("/", 1)[0]
    if query is not None:
        params["query"] = PREFIX + query
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    req = urllib.request.Request(url, data=body, method=method, headers={"Accept": accept})
    if ctype:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


# a 4-way cross join: NUMBERS**4 = 1.6e9 rows to count, far beyond the time limit
SLOW = "SELECT (COUNT(*) AS ?c) { ?a ex:value ?w . ?b ex:value ?x . ?c ex:value ?y . " \
       "?d ex:value ?z }"
NAMES_QUERY = "SELECT ?name WHERE { ?p ex:name ?name } ORDER BY ?name"
NAMES = sorted(name for _, name, _ in PEOPLE)


def test_json_results_with_sparqlwrapper(endpoint: SparqlServer) -> None:
    res = _client(endpoint, NAMES_QUERY).query().convert()
    assert res["head"]["vars"] == ["name"]
    got = [(b["name"]["value"], b["name"].get("xml:lang")) for b in res["results"]["bindings"]]
    assert got == [("Donald Trump", None), ("Kassym-Schomart Tokajew", "de"),
                   ("Wladimir Putin", "de")]


def test_xml_results_by_accept(endpoint: SparqlServer) -> None:
    doc = _client(endpoint, NAMES_QUERY, XML).query().convert()  # an xml.dom Document
    assert [n.firstChild.data for n in doc.getElementsByTagName("literal")] == NAMES
    status, headers, _ = _http(endpoint, NAMES_QUERY, accept="application/sparql-results+xml")
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+xml"


def test_csv_and_tsv_results(endpoint: SparqlServer) -> None:
    text = _client(endpoint, NAMES_QUERY, CSV).query().convert().decode()
    assert list(csv.reader(io.StringIO(text))) == [["name"]] + [[n] for n in NAMES]
    text = _client(endpoint, NAMES_QUERY, TSV).query().convert().decode()
    assert text.splitlines() == ["?name", '"Donald Trump"', '"Kassym-Schomart Tokajew"@de',
                                 '"Wladimir Putin"@de']


def test_ask(endpoint: SparqlServer) -> None:
    assert _client(endpoint, "ASK { ex:putin ex:met ex:trump }").query().convert()["boolean"]
    assert not _client(endpoint, "ASK { ex:trump ex:met ex:putin }").query().convert()["boolean"]


def test_bad_query_with_sparqlwrapper(endpoint: SparqlServer) -> None:
    with pytest.raises(QueryBadFormed, match="query syntax error"):
        _client(endpoint, "SELECT ?x WHERE { ?x ex:name }").query()


def test_construct_as_turtle_and_jsonld(endpoint: SparqlServer) -> None:
    query = "CONSTRUCT { ?a ex:met ?b . ?a ex:name ?n } WHERE { ?a ex:met ?b . ?a ex:name ?n }"
    expected = {(URIRef(f"{EX}putin"), URIRef(f"{EX}met"), URIRef(f"{EX}trump")),
                (URIRef(f"{EX}putin"), URIRef(f"{EX}name"), Literal("Wladimir Putin", lang="de"))}
    turtle = _client(endpoint, query, TURTLE).query().convert()
    assert set(Graph().parse(data=turtle, format="turtle")) == expected
    status, headers, body = _http(endpoint, query, accept="text/turtle")
    assert status == 200 and headers["Content-Type"] == "text/turtle"
    status, headers, body = _http(endpoint, query, accept="application/ld+json")
    assert headers["Content-Type"] == "application/ld+json"
    assert set(Graph().parse(data=body, format="json-ld")) == expected
    jsonld = _client(endpoint, query, JSONLD).query().convert()  # an rdflib graph
    assert set(jsonld) == expected


def test_insert_is_refused_with_403(endpoint: SparqlServer) -> None:
    sw = SPARQLWrapper.SPARQLWrapper(endpoint.url)
    sw.setMethod(POST)
    sw.setQuery(f"INSERT DATA {{ <{EX}x> <{EX}y> <{EX}z> }}")
    with pytest.raises(urllib.error.HTTPError) as info:
        sw.query()
    assert info.value.code == 403
    assert b"read-only" in info.value.read()
    count = _client(endpoint, "SELECT (COUNT(*) AS ?c) { ?s ?p ?o }").query().convert()
    assert count["results"]["bindings"][0]["c"]["value"] == str(NUMBERS + len(PEOPLE) + 1)


@pytest.mark.parametrize(("method", "path", "ctype", "body", "params", "status"), [
    ("POST", "/sparql", "application/sparql-update", b"CLEAR ALL", {}, 403),
    ("POST", "/sparql", "application/x-www-form-urlencoded", b"update=CLEAR%20ALL", {}, 403),
    ("GET", "/sparql", None, None, {"update": "CLEAR ALL"}, 403),
    ("POST", "/update", "application/sparql-update", b"CLEAR ALL", {}, 403),
    ("PUT", "/store", "application/n-triples", b"", {"graph": A}, 403),
    ("DELETE", "/store", None, None, {"graph": A}, 403),
    ("GET", "/sparql", None, None, {"query": "SELECT WHERE"}, 400),
    ("GET", "/sparql", None, None, {"query": "SELECT * {?s ?p ?o}", "format": "pdf"}, 400),
    ("GET", "/nothing", None, None, {}, 404),
    ("POST", "/sparql", "text/plain", b"SELECT * {?s ?p ?o}", {}, 415),
    ("GET", "/sparql", None, None, {}, 400),
])
def test_refusals_and_errors(endpoint: SparqlServer, method, path, ctype, body, params,
                             status) -> None:
    got, headers, text = _http(endpoint, method=method, path=path, ctype=ctype, body=body,
                               **params)
    assert got == status, text
    assert headers["Content-Type"].startswith("text/plain") and text.strip()


def test_slow_query_is_cut_and_server_recovers(endpoint: SparqlServer) -> None:
    start = time.perf_counter()
    with pytest.raises(urllib.error.HTTPError) as info:
        _client(endpoint, SLOW).query()
    took = time.perf_counter() - start
    assert info.value.code == 503
    assert b"query exceeded the time limit of 1.5 s" in info.value.read()
    assert TIMEOUT <= took < TIMEOUT + 5
    for _ in range(4):  # both workers (the replaced one included) answer
        res = _client(endpoint, "SELECT (COUNT(*) AS ?c) { ?s ex:value ?v }").query().convert()
        assert res["results"]["bindings"][0]["c"]["value"] == str(NUMBERS)


def test_fast_query_answers_while_a_slow_one_runs(endpoint: SparqlServer) -> None:
    statuses: list[int] = []
    thread = threading.Thread(target=lambda: statuses.append(_http(endpoint, SLOW)[0]))
    thread.start()
    time.sleep(0.3)
    start = time.perf_counter()
    status, _, body = _http(endpoint, NAMES_QUERY, accept="text/csv")
    assert status == 200 and body.decode().splitlines() == ["name", *NAMES]
    assert time.perf_counter() - start < TIMEOUT
    thread.join(30)
    assert statuses == [503]


def test_dead_worker_is_replaced(endpoint: SparqlServer) -> None:
    for worker in list(endpoint.pool._all):  # a worker killed from outside (OOM killer, …)
        worker.proc.kill()
        worker.proc.join(5)
    for _ in range(3):
        res = _client(endpoint, "SELECT (COUNT(*) AS ?c) { ?s ex:name ?v }").query().convert()
        assert res["results"]["bindings"][0]["c"]["value"] == str(len(PEOPLE))


@pytest.mark.parametrize(("query", "rows", "truncated"), [
    ("SELECT ?s { ?s ex:value ?v }", MAX_ROWS, True),
    ("SELECT ?s { ?s ex:value ?v } LIMIT 7", 7, False),
    (f"SELECT ?s {{ ?s ex:value ?v }} LIMIT {MAX_ROWS}", MAX_ROWS, False),
    ("SELECT ?s { ?s ex:value ?v FILTER(?v < 0) }", 0, False),
    ("CONSTRUCT WHERE { ?s ex:value ?v }", MAX_ROWS, True),
])
def test_row_limit(endpoint: SparqlServer, query: str, rows: int, truncated: bool) -> None:
    status, headers, body = _http(endpoint, query, accept="application/n-triples, "
                                  "application/sparql-results+json")
    assert status == 200
    if query.startswith("CONSTRUCT"):
        assert len(body.decode().splitlines()) == rows
    else:
        assert len(json.loads(body)["results"]["bindings"]) == rows
    assert ("X-KG-Truncated" in headers) is truncated


def test_default_graph_uri_and_form_post(endpoint: SparqlServer) -> None:
    query = "SELECT (COUNT(*) AS ?c) { ?s ?p ?o }"
    form = urllib.parse.urlencode({"query": query, "default-graph-uri": A}).encode()
    status, _, body = _http(endpoint, method="POST", body=form,
                            ctype="application/x-www-form-urlencoded")
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["c"]["value"] == str(len(PEOPLE) + 1)
    status, _, body = _http(endpoint, method="POST", body=query.encode(),
                            ctype="application/sparql-query", accept="text/csv")
    assert body.decode().splitlines() == ["c", str(NUMBERS + len(PEOPLE) + 1)]


def test_query_page_is_self_contained(endpoint: SparqlServer) -> None:
    status, headers, body = _http(endpoint, path="/", accept="text/html")
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<textarea" in page and "fetch('/sparql'" in page
    assert "src=" not in page and "<style>" in page  # inline JS/CSS, nothing fetched
    assert [h for h in re.findall(r'href="([^"]*)"', page) if not h.startswith("data:")] == []


@pytest.mark.parametrize(("accept", "fmt", "names", "expected"), [
    ("application/sparql-results+json", None, _RESULT_NAMES, "json"),
    ("text/csv;q=0.5, application/sparql-results+xml", None, _RESULT_NAMES, "xml"),
    ("text/csv;q=0.9, text/tab-separated-values", None, _RESULT_NAMES, "tsv"),
    ("text/html, */*;q=0.1", None, _RESULT_NAMES, "json"),
    ("text/csv;q=0", None, _RESULT_NAMES, "json"),
    ("", None, _RESULT_NAMES, "json"),
    ("application/sparql-results+json", "csv", _RESULT_NAMES, "csv"),
    ("application/ld+json", None, _GRAPH_NAMES, "json-ld"),
    ("application/sparql-results+json", None, _GRAPH_NAMES, "turtle"),
    ("*/*", "xml", _GRAPH_NAMES, "rdfxml"),
])
def test_negotiate(accept: str, fmt: str | None, names: dict, expected: str) -> None:
    default = "json" if names is _RESULT_NAMES else "turtle"
    assert negotiate(accept, fmt, names, default) == expected


def test_cli_serve_errors(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["serve", "--store", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "not a kg store" in result.output


def test_serve_refuses_a_store_being_written(endpoint: SparqlServer, tmp_path: Path) -> None:
    with pytest.raises(KgError, match="another process is writing this store"):
        SparqlServer(endpoint.store_dir, "127.0.0.1", 0)  # the endpoint holds its lock
    path = tmp_path / "kg"
    _make_store(path)
    writer = ox.Store(str(path))  # e.g. a kg build
    with pytest.raises(KgError, match="another process is writing this store"):
        SparqlServer(path, "127.0.0.1", 0)
    del writer


def test_cli_serve_subprocess(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    _make_store(store)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store",
                             str(store), "--port", str(port), "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode(
            {"query": PREFIX + NAMES_QUERY, "format": "csv"})
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:
                    body = resp.read().decode()
                break
            except urllib.error.URLError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        assert body.splitlines() == ["name"] + NAMES
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")
def test_query_page_in_headless_chromium(endpoint: SparqlServer, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright")
    base = endpoint.url.rsplit("/", 1)[0]
    requests, errors = [], []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                     args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(base + "/")
            page.fill("#q", PREFIX + NAMES_QUERY)
            page.click("button[type=submit]")
            page.wait_for_selector("#out table", timeout=20_000)
            cells = page.locator("#out td").all_inner_texts()
            assert cells == [f"{n}@de" if n != "Donald Trump" else n for n in NAMES]
            assert page.inner_text("#msg").startswith("3 row(s)")
            page.fill("#q", "SELECT WHERE")
            page.click("button[type=submit]")
            page.wait_for_function("document.getElementById('msg').className === 'err'")
            assert page.inner_text("#msg").startswith("400: query syntax error")
        finally:
            browser.close()
    assert requests and all(url.startswith(base + "/") for url in requests)
    assert [e for e in errors if "400" not in e] == []  # the failed fetch logs a 400, nothing else
