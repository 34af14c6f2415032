"""kg.graphio: every export format re-parses with rdflib into a graph isomorphic to the
built one (per named graph for quad formats, the union for triple formats)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg import graphio
from kg.errors import GraphError, InputError
from kg.mapping import to_dataset

QUAD_FORMATS = [n for n, (_, quads, _) in graphio.FORMATS.items() if quads]
TRIPLE_FORMATS = [n for n, (_, quads, _) in graphio.FORMATS.items() if not quads]


def named_graphs(ds: Dataset) -> dict[str, Graph]:
    """The non-empty named graphs of a dataset, as plain graphs, by name."""
    out = {}
    for g in ds.graphs():
        if len(g) and g.identifier != ds.default_graph.identifier:
            plain = Graph()
            for t in g:
                plain.add(t)
            out[str(g.identifier)] = plain
    return out


@pytest.fixture
def two_articles(seed_annotation, seed_text) -> Dataset:
    """The seed article plus a small second article (two named graphs)."""
    from kg.annotation import Actor, Annotation, Meeting

    other = Annotation(article="zweiter.txt", actors=[Actor(name="Wladimir Putin"),
                                                      Actor(name="Olaf Scholz")],
                       meetings=[Meeting(label="Telefonat", kind="phone",
                                         participants=["Wladimir Putin", "Olaf Scholz"],
                                         evidence="Wladimir Putin telefonierte mit Olaf Scholz")])
    return to_dataset([(seed_annotation, seed_text),
                       (other, "Wladimir Putin telefonierte mit Olaf Scholz.")])


def test_format_table() -> None:
    assert set(graphio.FORMATS) == {"turtle", "nt", "nquads", "trig", "json-ld", "xml"}
    assert set(QUAD_FORMATS) == {"nquads", "trig", "json-ld"}


@pytest.mark.parametrize("fmt", QUAD_FORMATS)
def test_quad_formats_are_isomorphic_per_named_graph(two_articles: Dataset, fmt: str) -> None:
    text = graphio.serialize(two_articles, fmt)
    back = Dataset().parse(data=text, format=graphio.FORMATS[fmt][0])
    built, parsed = named_graphs(two_articles), named_graphs(back)
    assert set(parsed) == set(built) and len(built) == 2
    for name, g in built.items():
        assert isomorphic(parsed[name], g), f"{fmt}: graph {name} differs"
    assert isomorphic(graphio.union(back), graphio.union(two_articles))


@pytest.mark.parametrize("fmt", TRIPLE_FORMATS)
def test_triple_formats_are_isomorphic_to_the_union(two_articles: Dataset, fmt: str) -> None:
    text = graphio.serialize(two_articles, fmt)
    back = Graph().parse(data=text, format=graphio.FORMATS[fmt][0])
    union = graphio.union(two_articles)
    assert len(back) == len(union) > 600
    assert isomorphic(back, union)


@pytest.mark.parametrize("fmt", list(graphio.FORMATS))
def test_save_and_load_round_trip(seed_dataset: Dataset, tmp_path: Path, fmt: str) -> None:
    path = graphio.save(seed_dataset, tmp_path / f"g{graphio.FORMATS[fmt][2]}")
    assert graphio.format_for(path) == fmt
    assert not list(tmp_path.glob("*.tmp"))
    back = graphio.load(path)
    assert isomorphic(graphio.union(back), graphio.union(seed_dataset))
    assert len(graphio.union(back)) == 679


def test_save_creates_folders_and_explicit_format(seed_dataset: Dataset, tmp_path: Path) -> None:
    path = graphio.save(seed_dataset, tmp_path / "a" / "b" / "graph.out", "nt")
    assert path.read_text(encoding="utf-8").count(" .\n") == 679


@pytest.mark.parametrize(("name", "expected"), [
    ("g.ttl", "turtle"), ("g.TRIG", "trig"), ("g.nq", "nquads"), ("g.jsonld", "json-ld"),
    ("g.json", "json-ld"), ("g.rdf", "xml"), ("g.nt", "nt"),
])
def test_format_for_suffix(name: str, expected: str) -> None:
    assert graphio.format_for(name) == expected


def test_unknown_format_and_suffix() -> None:
    with pytest.raises(InputError, match="unknown format 'n3'"):
        graphio.format_for("g.ttl", "n3")
    with pytest.raises(InputError, match="cannot tell the RDF format from suffix '.txt'"):
        graphio.format_for("g.txt")


@pytest.mark.parametrize(("name", "content"), [
    ("bad.trig", "garbage <<\n"),
    ("bad.ttl", "@prefix : <x> .\n:a :b \n"),
    ("bad.nq", "<a> <b> .\n"),
    ("bad.jsonld", "{ not json"),
    ("bad.rdf", "<rdf:RDF><unclosed>"),
])
def test_malformed_graph_files(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphError, match=f"^{path}: not valid "):
        graphio.load(path)


def test_missing_graph_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        graphio.load(tmp_path / "none.trig")
    with pytest.raises(InputError, match="no such file"):
        graphio.load(tmp_path)


def test_ontology_files_are_found() -> None:
    for name in ("kg.ttl", "shapes.ttl"):
        assert len(Graph().parse(graphio.ontology_file(name), format="turtle")) > 100
    with pytest.raises(GraphError):
        graphio.ontology_file("nope.ttl")
