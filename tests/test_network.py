"""kg.network: the networkx views of the seed gold graph, and every file format read back."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Dataset

from kg import ids, network
from kg.errors import InputError

TOKAJEW = str(ids.actor_iri("Kassym-Schomart Tokajew", "Person"))
# view -> (graph class, nodes, edges, edges by kind)
EXPECTED = {
    "met": (nx.Graph, 6, 11, {"met": 11}),
    "reactions": (nx.DiGraph, 5, 4, {"reacted": 4}),
    "all": (nx.MultiDiGraph, 12, 27,
            {"met": 11, "reacted": 4, "said_about": 6, "holds_role": 6}),
    "full": (nx.MultiDiGraph, 18, 29,
             {"participant": 8, "reacted": 4, "said_about": 6, "holds_role": 6,
              "part_of": 4, "located_in": 1}),
}


def node(g: Any, label: str) -> str:
    (found,) = (n for n, d in g.nodes(data=True) if d["label"] == label)
    return found


def labels(g: Any) -> set[str]:
    return {d["label"] for _, d in g.nodes(data=True)}


@pytest.mark.parametrize("view", network.VIEWS)
def test_counts_per_view(seed_dataset: Dataset, view: str) -> None:
    cls, nodes, edges, kinds = EXPECTED[view]
    g = network.to_networkx(seed_dataset, view)
    assert type(g) is cls
    assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges)
    assert Counter(d["kind"] for *_, d in g.edges(data=True)) == kinds
    for _, d in g.nodes(data=True):
        assert d["label"] and d["type"] and d["title"] and d["iri"]
    for *_, d in g.edges(data=True):
        assert d["label"] and d["title"] and d["weight"] >= 1


def test_met_view(seed_dataset: Dataset) -> None:
    g = network.to_networkx(seed_dataset, "met")
    assert labels(g) == {"Donald Trump", "Wladimir Putin", "Marco Rubio", "Steve Witkoff",
                         "Sergei Lawrow", "Kassym-Schomart Tokajew"}
    pairs = {frozenset((g.nodes[a]["label"], g.nodes[b]["label"])): d
             for a, b, d in g.edges(data=True)}
    d = pairs[frozenset(("Kassym-Schomart Tokajew", "Wladimir Putin"))]
    assert (d["weight"], d["meetings"], d["label"]) == (1, "Nachfolgegespräch", "met (1)")
    assert all(d["weight"] == 1 for d in pairs.values())


def test_met_weight_counts_shared_meetings(seed_annotation, seed_text) -> None:
    from kg.annotation import Meeting
    from kg.mapping import to_graph

    seed_annotation.meetings.append(Meeting(
        label="Telefonat", participants=["Donald Trump", "Wladimir Putin"], kind="phone",
        evidence=seed_annotation.meetings[0].evidence))
    seed_annotation.meetings.append(Meeting(
        label="Absage", participants=["Donald Trump", "Kassym-Schomart Tokajew"],
        status="cancelled", evidence=seed_annotation.meetings[1].evidence))
    g = network.to_networkx(to_graph(seed_annotation, seed_text), "met")
    trump, putin = (str(ids.actor_iri(n, "Person")) for n in ("Donald Trump", "Wladimir Putin"))
    assert g.edges[trump, putin]["weight"] == 2
    assert g.edges[trump, putin]["meetings"] == "Gipfel; Telefonat"
    assert not g.has_edge(trump, TOKAJEW)  # cancelled meetings are no encounter
    assert g.number_of_edges() == 11


def test_reactions_view(seed_dataset: Dataset) -> None:
    g = network.to_networkx(seed_dataset, "reactions")
    gipfel = node(g, "Gipfel")
    d = g.edges[TOKAJEW, gipfel]
    assert (d["kind"], d["stance"], d["sign"], d["weight"], d["positive"]) == (
        "reacted", "positive", 1, 7, 7)
    assert d["title"].startswith("Kassym-Schomart Tokajew → Gipfel: positive")
    assert "historischer Durchbruch" in d["title"]
    assert "sprach von einem historischen Durchbruch" in d["title"]
    signs = {g.nodes[a]["label"]: (d["stance"], d["sign"]) for a, _, d in g.edges(data=True)}
    assert signs == {"Kassym-Schomart Tokajew": ("positive", 1),
                     "Donald Trump": ("positive", 1),  # one positive, one neutral
                     "Wladimir Putin": ("positive", 1),
                     "Kasachisches Präsidialamt": ("neutral", 0)}
    meeting = g.nodes[gipfel]
    assert meeting["type"] == "Meeting" and meeting["date"] == "2025-08-15"
    assert "Elmendorf-Richardson-Militärbasis" in meeting["title"]


@pytest.mark.parametrize(("counts", "expected"), [
    ({"positive": 2}, "positive"),
    ({"positive": 1, "neutral": 3}, "positive"),
    ({"positive": 1, "negative": 1}, "mixed"),
    ({"negative": 1, "mixed": 1}, "mixed"),
    ({"neutral": 2}, "neutral"),
    ({}, "neutral"),
])
def test_stance_of_several_statements(counts: dict[str, int], expected: str) -> None:
    assert network._stance_of(counts) == expected


def test_all_view_roles(seed_dataset: Dataset) -> None:
    g = network.to_networkx(seed_dataset, "all")
    roles = {(g.nodes[a]["label"], d["label"], g.nodes[b]["label"])
             for a, b, d in g.edges(data=True) if d["kind"] == "holds_role"}
    assert ("Sergei Lawrow", "Außenminister", "Russland") in roles
    assert len(roles) == 6  # the adviser's post belongs to no one named


# --------------------------------------------------------------------- formats
def read_back(path: Path, fmt: str, directed: bool, multi: bool) -> tuple[int, int]:
    """(nodes, edges) of a written network file, read with networkx's readers."""
    if fmt == "graphml":
        h = nx.read_graphml(path)
    elif fmt == "gexf":
        h = nx.read_gexf(path)
    elif fmt == "json":
        h = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    else:
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        ends = {r["source_iri"] for r in rows} | {r["target_iri"] for r in rows}
        return len(ends), len(rows)
    assert h.is_directed() == directed
    return h.number_of_nodes(), h.number_of_edges()


@pytest.mark.parametrize("view", network.VIEWS)
def test_every_format_reads_back(seed_dataset: Dataset, tmp_path: Path, view: str) -> None:
    g = network.to_networkx(seed_dataset, view)
    isolated = sum(1 for n in g if g.degree(n) == 0)
    for fmt in network.FORMATS:
        path = network.write(g, tmp_path / f"{view}.{fmt}")
        assert path.is_file() and not (tmp_path / f"{view}.{fmt}.tmp").exists()
        nodes, edges = read_back(path, fmt, g.is_directed(), g.is_multigraph())
        expected_nodes = g.number_of_nodes() - (isolated if fmt == "csv" else 0)
        assert (nodes, edges) == (expected_nodes, g.number_of_edges()), fmt


def test_graphml_keeps_attributes(seed_dataset: Dataset, tmp_path: Path) -> None:
    g = network.to_networkx(seed_dataset, "reactions")
    h = nx.read_graphml(network.write(g, tmp_path / "r.graphml"))
    d = h.edges[TOKAJEW, node(g, "Gipfel")]
    assert (d["stance"], int(d["sign"]), int(d["weight"])) == ("positive", 1, 7)
    assert h.nodes[TOKAJEW]["label"] == "Kassym-Schomart Tokajew"


def test_csv_columns(seed_dataset: Dataset) -> None:
    text = network.edge_csv(network.to_networkx(seed_dataset, "met"))
    rows = list(csv.DictReader(text.splitlines()))
    assert list(rows[0])[:2] == ["source", "target"]
    assert list(rows[0])[-2:] == ["source_iri", "target_iri"]
    assert "title" not in rows[0]
    assert len(rows) == 11


def test_format_from_suffix_and_errors(seed_dataset: Dataset, tmp_path: Path) -> None:
    g = network.to_networkx(seed_dataset, "met")
    assert network.write(g, tmp_path / "x.gexf").read_text(encoding="utf-8").lstrip() \
        .startswith("<?xml")
    with pytest.raises(InputError, match="unknown network format 'dot'"):
        network.write(g, tmp_path / "x.dot")
    with pytest.raises(InputError, match="unknown view 'friends'"):
        network.to_networkx(seed_dataset, "friends")


def test_empty_dataset_gives_empty_networks() -> None:
    from kg.mapping import new_dataset

    for view in network.VIEWS:
        g = network.to_networkx(new_dataset(), view)
        assert (g.number_of_nodes(), g.number_of_edges()) == (0, 0)
