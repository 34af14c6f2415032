"""Commands on graphs: build, query, network, viz, export, validate, demo."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import cli


def _load_graph(path: str):  # noqa: ANN202 - rdflib Dataset
    from kg import graphio

    return graphio.load(path)


# ---------------------------------------------------------------------- graphs
_STORE_HELP = "Read the graph from a kg store folder (made by kg build --store) instead of a file."


def _source(graph: str | None, store: str | None):  # noqa: ANN202 - Dataset or Store
    """The graph to read: a kg store (read-only) or a graph file."""
    if store:
        if graph:
            raise click.UsageError("give either a GRAPH file or --store DIR, not both")
        from kg.store import open_store

        return open_store(store, read_only=True)
    if not graph:
        raise click.UsageError("give a GRAPH file or --store DIR")
    return _load_graph(graph)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Graph file; format from the suffix (.trig .nq .ttl .nt .jsonld .rdf).")
@click.option("--format", "fmt", type=click.Choice(["turtle", "nt", "nquads", "trig", "json-ld",
                                                    "xml"]), help="Override the format.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False),
              help="Add the articles to this on-disk store (created if missing).")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes for extraction.")
@click.option("--cluster", metavar="tcp://HOST:8786",
              help="Run extraction on this Dask distributed scheduler.")
@click.option("--resume/--no-resume", default=True, show_default=True,
              help="Skip inputs whose content is already in the store unchanged.")
def build(inputs: tuple[str, ...], output: str | None, fmt: str | None, store_dir: str | None,
          jobs: int, cluster: str | None, resume: bool) -> None:
    """Build an RDF graph from annotation files or article texts.

    Each article becomes one named graph; every fact carries its evidence span.
    A bad input is reported and skipped (exit code 1); the others are still written.
    With --store, each article is committed to the store as soon as it is built (an
    interrupted build resumes where it stopped); --jobs and --cluster build in parallel.

    \b
    Examples:
      kg build data/alaska-gipfel-tokajew.gold.yaml -o g.trig
      kg build ../shared/corpus/de/*.txt --store corpus.kg --jobs 2
      kg build articles/*.txt --store corpus.kg --cluster tcp://scheduler:8786
      kg query --store corpus.kg --name who-met-whom
    """
    from kg import graphio

    if not output and not store_dir:
        raise click.UsageError("give -o FILE, --store DIR or both")
    if output:
        graphio.format_for(output, fmt)  # fail on a bad format before any work
    if store_dir or jobs > 1 or cluster:
        _build_store(inputs, output, fmt, store_dir, jobs, cluster, resume)
        return
    from kg.build import build as run_build

    ds, report = run_build(inputs, on_error=lambda m: click.echo(f"Error: {m}", err=True))
    if report.articles:
        graphio.save(ds, output, fmt)
        click.echo(f"wrote {output}: {report.articles} article(s), {report.triples} triples",
                   err=True)
    if report.errors:
        raise click.ClickException(f"{len(report.errors)} of {len(inputs)} input(s) failed"
                                   + ("; nothing written" if not report.articles else ""))


def _build_store(inputs: tuple[str, ...], output: str | None, fmt: str | None,
                 store_dir: str | None, jobs: int, cluster: str | None, resume: bool) -> None:
    from kg import graphio
    from kg.parallel import build_store
    from kg.store import Store

    store = Store.open(store_dir)  # None: in memory, only to write -o
    report = build_store(inputs, store, jobs=jobs, cluster=cluster, resume=resume,
                         progress=True, on_error=lambda m: click.echo(f"Error: {m}", err=True))
    click.echo(report.summary(), err=True)
    if output and report.counts.get("articles"):
        graphio.save_store(store, output, fmt)
        click.echo(f"wrote {output}", err=True)
    del store  # release the store's lock now, not when a traceback lets go of this frame
    if report.interrupted:
        raise click.exceptions.Exit(130)
    if report.errors:
        raise click.ClickException(f"{len(report.errors)} of {len(inputs)} input(s) failed")


@cli.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False))
@click.argument("query", required=False)
@click.option("-n", "--name", help="Run a named query from kg's library (see --list).")
@click.option("--list", "list_", is_flag=True, help="List the named queries and exit.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json"]),
              default="table", show_default=True)
@click.option("-b", "--bind", "binds", multiple=True, metavar="VAR=VALUE",
              help="Bind a variable to a literal, e.g. -b speaker='Donald Trump'.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False), help=_STORE_HELP)
def query(graph: str | None, query: str | None, name: str | None, list_: bool, fmt: str,
          binds: tuple[str, ...], store_dir: str | None) -> None:
    """Run SPARQL on a graph: a named query or your own.

    QUERY is SPARQL text or a .rq file.

    \b
    Examples:
      kg query --list
      kg query g.trig --name who-met-whom --format csv
      kg query g.trig --name statements-by-speaker -b speaker='Donald Trump'
      kg query g.trig 'SELECT ?s WHERE { ?s a kg:Meeting }'
      kg query --store corpus.kg --name who-met-whom
    """
    from kg import queries

    if list_:
        for q in queries.library().values():
            click.echo(f"{q.name:<24}{q.description}")
        return
    if store_dir and graph and not query and not name:
        graph, query = None, graph  # with --store, the one argument is the query
    if graph is None and not store_dir:
        raise click.UsageError("give a GRAPH file or --store DIR (or --list)")
    if bool(query) == bool(name):
        raise click.UsageError("give either a QUERY or --name NAME")
    bindings = {}
    for b in binds:
        var, sep, value = b.partition("=")
        if not sep or not var.strip():
            raise click.UsageError(f"--bind expects VAR=VALUE, got {b!r}")
        bindings[var.strip().lstrip("?")] = value
    text = queries.named(name).text if name else _query_text(query or "")
    ds = _source(graph, store_dir)
    click.echo(queries.render(queries.run(ds, text, bindings), fmt))


def _query_text(query: str) -> str:
    if query.endswith(".rq") or (len(query) < 256 and Path(query).is_file()):
        from kg.annotation import read_text

        return read_text(query)
    return query


@cli.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False))
@click.option("--store", "store_dir", type=click.Path(file_okay=False), help=_STORE_HELP)
@click.option("--view", type=click.Choice(["met", "reactions", "all", "full"]), default="all",
              show_default=True, help="met: who met whom; reactions: actor → meeting by stance.")
@click.option("-f", "--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "csv"]),
              default=None, help="Default: from the output suffix, else json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Output file; default: standard output (json/csv only).")
def network(graph: str | None, store_dir: str | None, view: str, fmt: str | None,
            output: str | None) -> None:
    """Export a networkx network of who met whom and who reacted how.

    \b
    Examples:
      kg network g.trig --view met --format graphml -o met.graphml
      kg network g.trig --view reactions --format csv
    """
    import json

    import networkx as nx

    from kg import network as net

    g = net.to_networkx(_source(graph, store_dir), view)
    if output:
        net.write(g, output, fmt or (Path(output).suffix.lstrip(".") or "json"))
        click.echo(f"wrote {output}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges",
                   err=True)
        return
    fmt = fmt or "json"
    if fmt == "csv":
        click.echo(net.edge_csv(g), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(nx.node_link_data(g, edges="links"), ensure_ascii=False, indent=1))
    else:
        raise click.UsageError(f"--format {fmt} needs -o FILE")


@cli.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False))
@click.option("--store", "store_dir", type=click.Path(file_okay=False), help=_STORE_HELP)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The file to write (.html, or .png/.svg/.pdf for a figure).")
@click.option("--view", type=click.Choice(["all", "met", "reactions", "full"]), default="all",
              show_default=True)
@click.option("--title", default=None, help="Page title (default: the graph file's name).")
@click.option("-f", "--format", "fmt", type=click.Choice(["html", "png", "svg", "pdf"]),
              default=None, help="html: interactive page; png/svg/pdf: static figure "
              "(needs matplotlib). Default: from the output suffix, else html.")
def viz(graph: str | None, store_dir: str | None, output: str, view: str, title: str | None,
        fmt: str | None) -> None:
    """Draw the graph as an interactive HTML page (works offline, no CDN) or a figure.

    \b
    Examples:
      kg viz g.trig -o graph.html --view reactions
      kg viz g.trig -o met.svg --view met          # static figure, format from suffix
      kg viz g.trig -o graph.png --format png
    """
    from kg import network as net
    from kg.viz import write_html

    suffix = Path(output).suffix.lower().lstrip(".")
    fmt = fmt or (suffix if suffix in ("png", "svg", "pdf") else "html")
    g = net.to_networkx(_source(graph, store_dir), view)
    shown = Path(graph or store_dir or "").name
    if fmt == "html":
        write_html(g, output, title=title or f"kg: {shown}", view="all")
    else:
        from kg.figures import write_figure

        write_figure(g, output, fmt, title=title or f"kg: {shown} ({view})")
    click.echo(f"wrote {output}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges",
               err=True)


@cli.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False))
@click.option("--store", "store_dir", type=click.Path(file_okay=False), help=_STORE_HELP)
@click.option("-f", "--format", "fmt", default=None,
              type=click.Choice(["turtle", "nt", "nquads", "trig", "json-ld", "xml"]),
              help="Default: from the output suffix, else turtle.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Output file; default: standard output.")
def export(graph: str | None, store_dir: str | None, fmt: str | None,
           output: str | None) -> None:
    """Export the graph's triples in a standard RDF format.

    Quad formats (trig, nquads, json-ld) keep one named graph per article.
    With --store, Oxigraph writes N-Quads, TriG, N-Triples and Turtle directly.

    \b
    Examples:
      kg export g.trig --format turtle -o g.ttl
      kg export g.trig -o g.nq
    """
    from kg import graphio

    ds = _source(graph, store_dir)
    if store_dir:
        if output:
            graphio.save_store(ds, output, fmt)
            click.echo(f"wrote {output}", err=True)
        else:
            click.echo(graphio.serialize_store(ds, fmt or "turtle").decode("utf-8"), nl=False)
    elif output:
        graphio.save(ds, output, fmt)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(graphio.serialize(ds, fmt or "turtle"), nl=False)


@cli.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False))
@click.option("--store", "store_dir", type=click.Path(file_okay=False), help=_STORE_HELP)
def validate(graph: str | None, store_dir: str | None) -> None:
    """Validate a graph against kg's SHACL shapes (exit code 1 when it does not conform).

    \b
    Example:
      kg validate g.trig
    """
    from kg.validate import validate as run_validate

    ds = _source(graph, store_dir)
    result = run_validate(ds.to_dataset() if store_dir else ds)
    if result.conforms:
        click.echo(result.summary())
        return
    click.echo(result.summary(), err=True)
    raise click.ClickException(f"{graph or store_dir} does not conform to kg's shapes "
                               f"({len(result.violations)} violation(s))")


# ------------------------------------------------------------------------ demo
@cli.command()
@click.option("-o", "--output", "out_dir", default="kg-demo", show_default=True,
              type=click.Path(file_okay=False), help="Folder for the demo's files.")
@click.option("--from-gold", is_flag=True,
              help="Start from the seed article's gold annotation instead of its raw text.")
def demo(out_dir: str, from_gold: bool) -> None:
    """Run kg's main job on the bundled seed article, end to end, offline.

    Extracts the annotation from the article's text, builds the graph and writes it with
    the network files and the HTML view into a folder, then shows who met whom.

    \b
    Example:
      kg demo -o kg-demo && xdg-open kg-demo/graph.html
    """
    from kg.demo import run_demo

    result = run_demo(Path(out_dir), from_gold=from_gold)
    click.echo(result.summary())


