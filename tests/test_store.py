"""The on-disk store: replace-per-article, manifest, read-only, exports, and the same named
queries giving the same rows on rdflib and on Oxigraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import graphio, network, queries
from kg.cli import cli
from kg.errors import GraphError, InputError
from kg.ids import article_iri
from kg.mapping import to_graph
from kg.store import Store

SEP = ("; ", " < ")


def _norm(rows: list[dict]) -> list[tuple]:
    """Rows without order, GROUP_CONCAT cells as sorted parts (engines order them freely)."""
    def cell(v: object) -> object:
        if isinstance(v, str):
            for sep in SEP:
                if sep in v:
                    return tuple(sorted(v.split(sep)))
        return v

    return sorted((tuple((k, cell(v)) for k, v in r.items()) for r in rows), key=repr)


def _quads(ds) -> set[tuple[str, str, str, str]]:  # noqa: ANN001
    return {(s.n3(), p.n3(), o.n3(), g.n3()) for s, p, o, g in ds.quads((None, None, None, None))
            if g is not None and "ontology" not in str(g)}


@pytest.fixture
def store(tmp_path: Path, seed_annotation, seed_text) -> Store:  # noqa: ANN001
    s = Store.open(tmp_path / "st")
    s.add(seed_annotation, seed_text, source="seed", digest="h")
    return s


def test_readding_an_article_keeps_the_triple_count(store: Store, seed_annotation,
                                                     seed_text) -> None:  # noqa: ANN001
    n = len(store)
    assert n == sum(1 for _ in to_graph(seed_annotation, seed_text).quads((None,) * 4))
    store.add(seed_annotation, seed_text, source="seed", digest="h")
    store.add(seed_annotation, seed_text, source="seed", digest="h2")
    assert len(store) == n
    assert store.article_graphs() == [str(article_iri(seed_annotation.article))]
    assert [e.content_hash for e in store.manifest().values()] == ["h2"]


def test_replacing_an_article_drops_its_old_triples(store: Store, seed_annotation,
                                                    seed_text) -> None:  # noqa: ANN001
    smaller = seed_annotation.model_copy(deep=True)
    smaller.statements = []
    expected = sum(1 for _ in to_graph(smaller, seed_text).quads((None, None, None, None)))
    store.add(smaller, seed_text)
    assert len(store) == expected
    assert store.counts()["statements"] == 0


def test_a_failed_update_leaves_the_old_graph(store: Store) -> None:
    before = len(store)
    graph = store.article_graphs()[0]
    with pytest.raises(GraphError, match="store update failed"):
        store.add_dataset_graph(graph, "<broken", source="bad.yaml", digest="x")
    assert len(store) == before
    assert store.manifest()[graph].content_hash == "h"


def test_store_quads_equal_the_rdflib_dataset(store: Store, seed_dataset) -> None:  # noqa: ANN001
    assert _quads(store.to_dataset()) == _quads(seed_dataset)


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "nt"])
def test_export_from_the_store_round_trips(store: Store, seed_dataset, tmp_path: Path,
                                           fmt: str) -> None:  # noqa: ANN001
    path = graphio.save_store(store, tmp_path / f"out{graphio.FORMATS[fmt][2]}")
    back = graphio.load(path)
    if graphio.FORMATS[fmt][1]:
        assert _quads(back) == _quads(seed_dataset)
    else:
        assert {(s, p, o) for s, p, o, _ in back.quads((None, None, None, None))} == \
            {(s, p, o) for s, p, o, _ in seed_dataset.quads((None, None, None, None))}


def test_read_only_store_refuses_writes(tmp_path: Path, seed_annotation,
                                        seed_text) -> None:  # noqa: ANN001
    writer = Store.open(tmp_path / "st")
    n = writer.add(seed_annotation, seed_text)
    del writer  # close it: a read-only view needs no writer running
    ro = Store.open(tmp_path / "st", read_only=True)
    assert len(ro) == n
    with pytest.raises(GraphError, match="read-only"):
        ro.add_dataset_graph("https://w3id.org/kg/id/article/x", "")
    with pytest.raises(InputError, match="not a kg store"):
        Store.open(tmp_path / "nothing", read_only=True)


@pytest.mark.parametrize("name", sorted(queries.library()))
def test_named_queries_give_the_same_rows_on_both_backends(name: str, store: Store,
                                                           seed_dataset) -> None:  # noqa: ANN001
    text = queries.named(name).text
    want = queries.rows(queries.run(seed_dataset, text))
    got = queries.rows(queries.run(store, text))
    assert want, f"{name} returns nothing on the seed graph"
    assert _norm(got) == _norm(want)


@pytest.mark.parametrize(("name", "bindings", "rows"), [
    ("statements-by-speaker", {"speaker": "Donald Trump"}, 2),
    ("reactions", {"meeting": "Gipfel"}, None),
    ("statements-by-speaker", {"speaker": "Nobody Here"}, 0),
    ("reactions", {"unused": "x"}, None),
])
def test_bindings_behave_alike(name: str, bindings: dict, rows: int | None, store: Store,
                               seed_dataset) -> None:  # noqa: ANN001
    text = queries.named(name).text
    want = queries.rows(queries.run(seed_dataset, text, bindings))
    got = queries.rows(queries.run(store, text, bindings))
    assert _norm(got) == _norm(want)
    if rows is not None:
        assert len(got) == rows


def test_binding_a_variable_that_is_not_projected(store: Store, seed_dataset) -> None:  # noqa: ANN001
    q = "SELECT ?l WHERE { ?m a kg:Meeting ; rdfs:label ?l ; kg:status/skos:notation ?st }"
    for value, n in (("held", 2), ("cancelled", 0)):
        got = queries.rows(queries.run(store, q, {"st": value}))
        assert _norm(got) == _norm(queries.rows(queries.run(seed_dataset, q, {"st": value})))
        assert len(got) == n


@pytest.mark.parametrize(("query", "fmt", "expected"), [
    ("ASK { ?m a kg:Meeting }", "table", "true"),
    ("ASK { ?m a kg:Nonsense }", "json", '{"boolean": false}'),
    ("SELECT (COUNT(?m) AS ?n) WHERE { ?m a kg:Meeting }", "csv", "n\n2"),
])
def test_render_ask_and_counts(store: Store, query: str, fmt: str, expected: str) -> None:
    assert queries.render(queries.run(store, query), fmt) == expected


def test_construct_and_errors(store: Store) -> None:
    out = queries.render(queries.run(store, "CONSTRUCT { ?m a kg:Meeting } WHERE "
                                            "{ ?m a kg:Meeting }"), "table")
    assert out.count("kg:Meeting") == 2
    with pytest.raises(queries.QueryError, match="invalid SPARQL"):
        queries.run(store, "SELECT ?x WHERE { ?x")
    with pytest.raises(queries.QueryError):
        queries.run(store, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")


@pytest.mark.parametrize("view", network.VIEWS)
def test_networks_are_the_same_on_both_backends(view: str, store: Store,
                                                seed_dataset) -> None:  # noqa: ANN001
    a, b = network.to_networkx(seed_dataset, view), network.to_networkx(store, view)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(map(repr, a.edges(data=True))) == sorted(map(repr, b.edges(data=True)))
    assert a.number_of_edges() > 0


def test_cli_store_commands(runner, tmp_path: Path, seed_dataset) -> None:  # noqa: ANN001
    from conftest import SEED_GOLD

    quads = sum(1 for _ in seed_dataset.quads((None, None, None, None)))
    triples = len({(s, p, o) for s, p, o, _ in seed_dataset.quads((None, None, None, None))})

    st = str(tmp_path / "st")
    bad = tmp_path / "bad.yaml"
    bad.write_text("article: x.txt\nlanguage: de\nactors: [{name: 3}]\n", encoding="utf-8")
    res = runner.invoke(cli, ["build", str(SEED_GOLD), str(bad), "--store", st])
    assert res.exit_code == 1
    assert f"Error: {bad}" in res.output
    assert "built 1 article(s), 0 unchanged (skipped), 1 error(s)" in res.output
    assert f"store: 1 articles, {quads} triples, 12 actors, 2 meetings, 14 statements" \
        in res.output
    res = runner.invoke(cli, ["build", str(SEED_GOLD), "--store", st])
    assert res.exit_code == 0 and "built 0 article(s), 1 unchanged" in res.output
    res = runner.invoke(cli, ["query", "--store", st, "--name", "who-met-whom", "-f", "csv"])
    assert res.exit_code == 0 and res.output.count("\n") == 12
    res = runner.invoke(cli, ["query", "--store", st, "SELECT ?m WHERE { ?m a kg:Meeting }"])
    assert "(2 rows)" in res.output
    res = runner.invoke(cli, ["network", "--store", st, "--view", "met", "-f", "csv"])
    assert res.exit_code == 0 and "Donald Trump" in res.output
    res = runner.invoke(cli, ["export", "--store", st, "-f", "nt"])
    assert res.exit_code == 0 and res.output.count("\n") == triples
    res = runner.invoke(cli, ["validate", "--store", st])
    assert res.exit_code == 0 and "Conforms" in res.output
    res = runner.invoke(cli, ["query", "--store", str(tmp_path / "none"), "--name", "actors"])
    assert res.exit_code == 1 and "not a kg store" in res.output
