"""Commands on a corpus store: serve (a SPARQL endpoint), push (to an external triple store)."""

from __future__ import annotations

import click

from kg.cli import cli


@cli.command()
@click.option("--store", "store_dir", required=True, type=click.Path(file_okay=False),
              help="The kg store folder (made by kg build --store).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.01),
              help="Query time limit in seconds; a query over it is stopped (HTTP 503).")
@click.option("--max-rows", default=10000, show_default=True, type=click.IntRange(min=0),
              help="Most result rows (or CONSTRUCT triples) per answer; 0 = no limit.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Query worker processes (queries that can run at once).")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (browser clients).")
def serve(store_dir: str, host: str, port: int, timeout: float, max_rows: int, workers: int,
          cors: bool) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint, with a query page at /.

    Query URL: http://HOST:PORT/sparql (GET ?query=..., or POST form / sparql-query).
    Results as JSON, XML, CSV or TSV (Accept header or format=json|xml|csv|tsv);
    CONSTRUCT/DESCRIBE as Turtle, JSON-LD, N-Triples or RDF/XML. Updates get 403.
    The default graph is the union of all graphs. Stop with Ctrl-C.

    \b
    Examples:
      kg serve --store corpus.kg
      kg serve --store corpus.kg --port 8890 --timeout 10 --max-rows 1000
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * {?s ?p ?o} LIMIT 5' \\
           http://127.0.0.1:7878/sparql
    """
    from kg.server import SparqlServer

    server = SparqlServer(store_dir, host, port, timeout, max_rows or None, workers, cors)
    click.echo(f"kg serve: {server.triples} triples from {store_dir} at {server.url} "
               f"(query page: {server.url[:-len('/sparql')]}/); Ctrl-C to stop", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.close()


@cli.command()
@click.option("--store", "store_dir", required=True, type=click.Path(file_okay=False),
              help="The kg store folder (made by kg build --store).")
@click.option("--endpoint", required=True,
              help="The target's SPARQL endpoint URL (its Graph Store URL is derived from it "
                   "for Oxigraph, Fuseki, GraphDB and QLever).")
@click.option("--graph-store", help="The target's SPARQL 1.1 Graph Store Protocol URL, when "
                                    "it cannot be derived from --endpoint.")
@click.option("--user", help="USER:PASSWORD for HTTP basic authentication.")
@click.option("--token", envvar="KG_PUSH_TOKEN",
              help="Bearer token (e.g. QLever's access token); or set KG_PUSH_TOKEN.")
@click.option("--no-ontology", is_flag=True, help="Push the article graphs only.")
@click.option("-j", "--jobs", default=4, show_default=True, type=click.IntRange(1, 64),
              help="PUT requests in flight at once.")
def push(store_dir: str, endpoint: str, graph_store: str | None, user: str | None,
         token: str | None, no_ontology: bool, jobs: int) -> None:
    """Send every article graph to an external triple store (Graph Store Protocol).

    Each named graph goes by one HTTP PUT to GRAPH-STORE?graph=IRI, so pushing again
    replaces the graphs rather than duplicating them. The ontology graph goes too.

    \b
    Examples:
      kg push --store corpus.kg --endpoint http://localhost:7878/query          # Oxigraph
      kg push --store corpus.kg --endpoint http://localhost:3030/ds/sparql      # Fuseki
      kg push --store corpus.kg --endpoint http://localhost:7200/repositories/news  # GraphDB
      kg push --store corpus.kg --endpoint http://localhost:7001 --token SECRET # QLever
    """
    from kg.push import push as run_push

    report = run_push(store_dir, endpoint, graph_store=graph_store, user=user, token=token,
                      ontology=not no_ontology, jobs=jobs,
                      progress=lambda done, total: click.echo(
                          f"\rpushed {done}/{total} graphs", nl=False, err=True))
    click.echo(f"\npushed {report.graphs} graph(s), {report.triples} triples to "
               f"{report.graph_store} in {report.seconds:.1f} s", err=True)
