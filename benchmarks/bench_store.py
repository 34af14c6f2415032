"""Benchmark kg's corpus store: build speed and SPARQL latency against rdflib.

Two parts, on the SYNTHETIC corpus of ``benchmarks/gen_corpus.py`` (generated if missing):

* build: ``kg build ARTICLES --store DIR --jobs J`` (extraction + mapping + store) for each J
  of ``--jobs``: wall time, articles/s, triples, store size on disk, merge report.
* query: the generator's annotations mapped until about ``--triples`` triples (one named
  graph per article), loaded into (1) ``kg``: a kg store in kg.store's layout (article
  graphs + their set union as default graph) queried through kg's query layer
  (``kg.queries.select``), (2) ``pyoxigraph``: the same store queried bare, (3) ``rdflib``:
  rdflib's in-memory ``Dataset`` (union default graph), (4) ``pyoxigraph-union``: the article
  graphs only, queried with ``use_default_graph_as_union``; each engine in its own process,
  cut after ``--timeout`` s; each query timed (median of ``--repeat`` runs; rdflib once)
  with its row count, to check the engines agree.

Why (4): Oxigraph 0.5's union default graph has bag semantics (oxigraph issue #1919, fixed
upstream in PR #1920 after 0.5.13): a node several article graphs describe — the point of
cross-article identity — is matched once per graph, so joins over shared nodes multiply
rows; kg.store therefore keeps the set union as the default graph.

    python benchmarks/bench_store.py [--articles 10000] [--jobs 1,2] [--triples 1000000]
        [--skip-build] [--skip-query] [--engines kg,rdflib] [--timeout S] [--work DIR]
        [--json OUT.json]

rdflib needs ~30 s to parse 1 M triples and up to a minute per query: scale down with
``--triples`` and run the full size in the background (``nice -n 10``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402

PREFIXES = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
#: the property-path query: meetings per country through the place hierarchy (kg:partOf+)
PATH_QUERY = PREFIXES + """# Meetings per country, found through the place hierarchy (kg:partOf+).
SELECT ?country (COUNT(DISTINCT ?m) AS ?meetings)
WHERE {
  ?m a kg:Meeting ; kg:place ?p .
  ?p kg:partOf+ ?c .
  ?c a kg:Country ; rdfs:label ?country .
}
GROUP BY ?country
ORDER BY DESC(?meetings)
"""
#: who-met-whom with the actors' labels looked up after grouping: same rows as the library
#: query, but shared nodes' labels (one per article graph in the union) are joined once
WHO_MET_WHOM_LATE_LABELS = PREFIXES + """
SELECT (MIN(?la) AS ?actor1) (MIN(?lb) AS ?actor2) ?meetings ?labels WHERE {
  { SELECT ?a ?b (COUNT(DISTINCT ?m) AS ?meetings)
           (GROUP_CONCAT(DISTINCT ?ml; separator="; ") AS ?labels)
    WHERE { ?m a kg:Meeting ; kg:status kg:Held ; kg:participant ?a, ?b ; rdfs:label ?ml .
            FILTER (STR(?a) < STR(?b))
            FILTER NOT EXISTS { ?a kg:named false }
            FILTER NOT EXISTS { ?b kg:named false } }
    GROUP BY ?a ?b }
  ?a rdfs:label ?la . ?b rdfs:label ?lb .
}
GROUP BY ?a ?b ?meetings ?labels
ORDER BY DESC(?meetings) ?actor1 ?actor2
"""


def machine() -> str:
    """One line describing this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 2**20:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def corpus(work: Path, n: int) -> list[Path]:
    """The synthetic corpus of ``n`` articles in ``work/corpus`` (generated if missing)."""
    folder = work / "corpus"
    texts = sorted(folder.glob("synth-*.txt"))
    if len(texts) < n:
        gen_corpus.generate(folder, n)
        texts = sorted(folder.glob("synth-*.txt"))
    return texts[:n]


def du(path: Path) -> int:
    """Bytes under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ------------------------------------------------------------------------- build
def bench_build(work: Path, texts: list[Path], jobs: int) -> dict:
    """Time ``kg build TEXTS --store DIR --jobs J`` from an empty store."""
    store = work / f"store-j{jobs}"
    shutil.rmtree(store, ignore_errors=True)
    kg = Path(sys.executable).with_name("kg")
    cmd = [str(kg), "build", *map(str, texts), "--store", str(store), "--jobs", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    from kg import identity
    from kg.store import Store

    st = Store.open(store, read_only=True)
    counts = st.counts()
    out = {"jobs": jobs, "articles": len(texts), "seconds": round(wall, 1),
           "articles_per_s": round(len(texts) / wall, 1), "store_bytes": du(store),
           "exit_code": proc.returncode, **counts, "merge": identity.merge_report(st),
           "summary": proc.stderr.strip().splitlines()[-3:]}
    del st
    return out


# ------------------------------------------------------------------------- query
def dataset_of(work: Path, target: int) -> tuple[Path, int, int]:
    """N-Quads file of the first synthetic annotations whose graphs hold ``target``
    triples: (path, triples, articles).  Cached in ``work``."""
    import pyoxigraph as ox

    from kg import annotation as ann_io
    from kg.mapping import add_annotation, new_dataset

    out = work / f"query-{target}.nq"
    meta = out.with_suffix(".json")
    if out.is_file() and meta.is_file():
        m = json.loads(meta.read_text())
        return out, m["triples"], m["articles"]
    folder = work / "corpus"
    store, n = ox.Store(), 0
    for path in sorted(folder.glob("synth-*.yaml")):
        ann = ann_io.load(path, check=False)
        ds = new_dataset()
        add_annotation(ds, ann, (folder / ann.article).read_text(encoding="utf-8"))
        store.load(ds.serialize(format="nquads").encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        n += 1
        if n % 100 == 0 and len(store) >= target:
            break
    store.dump(str(out), format=ox.RdfFormat.N_QUADS)
    meta.write_text(json.dumps({"triples": len(store), "articles": n}))
    return out, len(store), n


#: slowest last, so that an engine cut by the timeout still reports the others
QUERIES = {"places (library, kg:partOf+)": None, "path (kg:partOf+)": PATH_QUERY,
           "who-met-whom, labels after grouping": WHO_MET_WHOM_LATE_LABELS,
           "statements-by-speaker": None, "who-met-whom": None}


def _query_text(name: str) -> str:
    from kg import queries

    return QUERIES[name] or queries.named(name.split(" ")[0]).text


def _time(fn: Any, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), rows


def _engine(engine: str, data: Path, repeat: int, out: Any) -> None:
    """Child process: load ``data`` into one engine, time every query, put results on
    ``out`` one by one (so a timeout keeps what finished)."""
    import pyoxigraph as ox

    from kg import queries
    from kg.store import Store

    t0 = time.perf_counter()
    if engine == "rdflib":
        from rdflib import Dataset

        from kg.queries import _ontology_graph
        from kg.vocab import ONTOLOGY_IRI

        ds = Dataset()
        ds.parse(str(data), format="nquads")
        for triple in _ontology_graph():
            ds.graph(ONTOLOGY_IRI).add(triple)
        ds.default_union = True
        run = lambda t: len(list(ds.query(t)))  # noqa: E731
        repeat = 1
    elif engine == "pyoxigraph-union":           # bag-semantics union of the graphs
        st = ox.Store()
        st.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        run = lambda t: len([tuple(s) for s in st.query(  # noqa: E731
            t, use_default_graph_as_union=True)])
    else:
        # kg's store layout: one named graph per article, ontology graph, and the default
        # graph holding the set union of them all (what Store.add maintains per article)
        # on disk, as `kg build --store DIR` makes it: Oxigraph's in-memory store slows
        # default-graph patterns down by the number of named graphs, RocksDB does not
        import tempfile

        store = Store.open(Path(tempfile.mkdtemp(dir=data.parent)) / "store")
        store.inner.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        store.inner.extend(ox.Quad(q.subject, q.predicate, q.object)
                           for q in store.inner.quads_for_pattern(None, None, None, None)
                           if q.graph_name != ox.DefaultGraph())
        if engine == "kg":
            run = lambda t: len(queries.select(store, t)[1])  # noqa: E731
        else:
            run = lambda t: len([tuple(s) for s in store.inner.query(t)])  # noqa: E731
    out.put(("load", round(time.perf_counter() - t0, 2), 0))
    for name in QUERIES:
        seconds, rows = _time(lambda n=name: run(_query_text(n)), repeat)
        out.put((name, round(seconds, 4), rows))


ENGINES = ("kg", "pyoxigraph", "rdflib", "pyoxigraph-union")


def bench_queries(data: Path, repeat: int, engines: tuple[str, ...],
                  timeout: float) -> dict:
    """Latency of each query per engine on the same data (each engine in its own process,
    cut after ``timeout`` seconds)."""
    import multiprocessing as mp
    import queue

    res: dict = {e: {} for e in engines}
    for engine in engines:
        q: Any = mp.Queue()
        proc = mp.Process(target=_engine, args=(engine, data, repeat, q), daemon=True)
        proc.start()
        deadline = time.monotonic() + timeout
        while len(res[engine]) < len(QUERIES) + 1:
            try:
                name, seconds, rows = q.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            res[engine][name] = {"s": seconds, "rows": rows}
            print(f"  {engine}: {name}: {seconds} s ({rows} rows)", flush=True)
        proc.join(timeout=30)
        if proc.is_alive():
            proc.terminate()
            proc.join()
        if len(res[engine]) < len(QUERIES) + 1:
            print(f"  {engine}: cut after {timeout:.0f} s", flush=True)
    ratios: dict = {}
    for name in QUERIES:
        t = {e: res[e].get(name, {}).get("s") for e in engines}
        r: dict = {}
        if t.get("rdflib") and t.get("kg"):
            r["rdflib / kg"] = round(t["rdflib"] / t["kg"], 1)
        if t.get("pyoxigraph-union") and t.get("pyoxigraph"):
            r["union / default graph"] = round(t["pyoxigraph-union"] / t["pyoxigraph"], 1)
        if t.get("kg") and t.get("pyoxigraph"):
            r["kg / pyoxigraph"] = round(t["kg"] / t["pyoxigraph"], 2)
        ratios[name] = r
    return {"engines": res, "ratios": ratios}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000, help="articles to build")
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to time")
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the query graph")
    ap.add_argument("--repeat", type=int, default=5, help="runs per pyoxigraph query")
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--skip-query", action="store_true")
    ap.add_argument("--engines", default=",".join(ENGINES),
                    help=f"comma-separated, from: {', '.join(ENGINES)}")
    ap.add_argument("--timeout", type=float, default=600,
                    help="seconds per engine (load + all queries) before it is cut")
    ap.add_argument("--work", type=Path, default=Path("bench-work"))
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    result: dict = {"machine": machine()}
    print(result["machine"], flush=True)
    if not args.skip_build:
        texts = corpus(args.work, args.articles)
        result["build"] = []
        for j in (int(x) for x in args.jobs.split(",")):
            print(f"build: {len(texts)} articles, --jobs {j} …", flush=True)
            r = bench_build(args.work, texts, j)
            result["build"].append(r)
            print(f"  {r['seconds']} s, {r['articles_per_s']} articles/s, "
                  f"{r['triples']} triples, store {r['store_bytes'] / 2**20:.1f} MiB", flush=True)
    if not args.skip_query:
        per_article = 170
        corpus(args.work, max(args.articles, args.triples // per_article + 400))
        data, triples, n = dataset_of(args.work, args.triples)
        print(f"query graph: {triples} triples from {n} articles", flush=True)
        engines = tuple(e.strip() for e in args.engines.split(",") if e.strip())
        result["query"] = {"triples": triples, "articles": n,
                           **bench_queries(data, args.repeat, engines, args.timeout)}
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
