"""kg.viz: networkx graph -> vis-network data -> one self-contained HTML page (no browser here)."""

from __future__ import annotations

import json
import re
import time
from html.parser import HTMLParser

import networkx as nx
import pytest
from rdflib import Literal

from kg.errors import GraphError
from kg.viz import graph_data, render_html, views, write_html

ACTORS = ["Trump", "Putin", "Rubio", "Witkoff", "Lawrow", "Tokajew"]
TOKAJEW_TIP = (
    "Tokajew begrüßte den Gipfel\ncue: begrüßte\n"
    "Evidence: »Kasachstans Präsident Tokajew begrüßte das Treffen.«\n2025-08-16"
)


def demo_graph() -> nx.MultiDiGraph:
    """Six actors, one meeting, one positive reaction (shared with test_browser.py)."""
    G = nx.MultiDiGraph()
    for name in ACTORS:
        G.add_node(name, label=name, type="Person", title=f"{name}\nPerson")
    G.add_node("Russland", label="Russland", type="Country", title="Russland\nCountry")
    G.add_node(
        "Gipfel", label="Gipfel", type="Meeting", title="Gipfel\nAnchorage", date="2025-08-15"
    )
    for name in ["Trump", "Putin", "Rubio", "Witkoff", "Lawrow"]:
        G.add_edge(name, "Gipfel", kind="participant", label="nahm teil")
    G.add_edge("Trump", "Putin", kind="met", label="traf", weight=1)
    G.add_edge("Trump", "Putin", kind="met", label="traf", weight=1)  # a second article
    G.add_edge("Lawrow", "Russland", kind="holds_role", label="Außenminister")
    G.add_edge(
        "Tokajew",
        "Gipfel",
        kind="reacted",
        label="begrüßte",
        stance="positive",
        weight=2,
        title=TOKAJEW_TIP,
    )
    return G


def _by_label(items: list[dict], label: str) -> dict:
    return next(i for i in items if i["label"] == label)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def _page_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "data block missing"
    return json.loads(m.group(1))


def test_counts_equal_graph_including_parallel_edges() -> None:
    G = demo_graph()
    data = graph_data(G)
    assert (len(data["nodes"]), len(data["edges"])) == (8, 9)
    assert len({n["id"] for n in data["nodes"]}) == 8
    assert len({e["id"] for e in data["edges"]}) == 9
    met = [e for e in data["edges"] if e["kind"] == "met"]
    assert "smooth" not in met[0] and met[1]["smooth"]["roundness"] == 0.2


@pytest.mark.parametrize(
    ("ntype", "shape", "colour"),
    [
        ("Person", "dot", "#4e79a7"),
        ("Organization", "square", "#f28e2b"),
        ("Country", "diamond", "#b07aa1"),
        ("Meeting", "star", "#edc948"),
        ("Statement", "hexagon", "#ff9da7"),
        ("City", "triangleDown", "#4a9a95"),
        ("Spaceship", "dot", "#9e9e9e"),  # unknown type: neutral default
        (None, "dot", "#9e9e9e"),
    ],
)
def test_node_shape_and_colour_by_type(ntype, shape, colour) -> None:
    G = nx.Graph()
    G.add_node("x", label="X", **({"type": ntype} if ntype else {}))
    node = graph_data(G)["nodes"][0]
    assert (node["shape"], node["color"]["background"]) == (shape, colour)


@pytest.mark.parametrize(
    ("attrs", "colour", "stance"),
    [
        ({"kind": "reacted", "stance": "positive"}, "#2e9e44", "positive"),
        ({"kind": "reacted", "stance": "negative"}, "#d62728", "negative"),
        ({"kind": "said_about", "stance": "neutral"}, "#8c8c8c", "neutral"),
        ({"kind": "reacted", "stance": "mixed"}, "#ff8c00", "mixed"),
        ({"kind": "reacted", "stance": "furious"}, "#8c8c8c", None),  # not a stance: ignored
        ({"kind": "met"}, "#4e79a7", None),
        ({"kind": "participant"}, "#c9a227", None),
        ({}, "#a0a0a0", None),
    ],
)
def test_edge_colour_by_stance_then_kind(attrs, colour, stance) -> None:
    G = nx.DiGraph()
    G.add_edge("a", "b", **attrs)
    edge = graph_data(G)["edges"][0]
    assert edge["color"]["color"] == colour
    assert edge.get("stance") == stance


@pytest.mark.parametrize(
    ("weight", "width"),
    [
        (2, 6.0),
        (1, 3.5),
        (0, 1.0),
        (-2, 6.0),
        ("1", 3.5),
        (Literal(1), 3.5),
        (None, 1.5),
        ("heavy", 1.5),
        (True, 1.5),
        (float("nan"), 1.5),
    ],
)
def test_edge_width_by_weight_relative_to_heaviest(weight, width) -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", kind="reacted", weight=2)
    G.add_edge("c", "d", kind="reacted", **({} if weight is None else {"weight": weight}))
    assert graph_data(G)["edges"][1]["width"] == width


def test_labels_and_tooltips() -> None:
    data = graph_data(demo_graph())
    reaction = next(e for e in data["edges"] if e["kind"] == "reacted")
    assert reaction["label"] == "begrüßte" and reaction["title"] == TOKAJEW_TIP
    assert reaction["arrows"] == "to"
    participant = next(e for e in data["edges"] if e["kind"] == "participant")
    assert participant["title"] == "nahm teil"  # no title: the label is the tooltip
    gipfel = _by_label(data["nodes"], "Gipfel")
    assert gipfel["title"] == "Gipfel\nAnchorage" and gipfel["date"] == "2025-08-15"
    assert "group" not in gipfel and "kgGroup" not in gipfel
    G = nx.Graph()
    G.add_node("p", label="P", type="Person", group="EU")
    assert graph_data(G)["nodes"][0]["kgGroup"] == "EU"
    assert "group" not in graph_data(G)["nodes"][0]
    G = nx.Graph()
    G.add_node("q", label="A very long organisation name that goes on and on", type="Group")
    node = graph_data(G)["nodes"][0]
    assert len(node["label"]) == 40 and node["label"].endswith("…")
    assert node["fullLabel"].endswith("on and on")
    assert node["title"] == "A very long organisation name that goes on and on\n(Group)"


def test_undirected_graph_has_no_arrows() -> None:
    G = nx.Graph()
    G.add_edge("Trump", "Putin", kind="reacted")
    assert graph_data(G)["edges"][0]["arrows"] == ""


@pytest.mark.parametrize(
    ("view", "n_nodes", "n_edges"),
    [("all", 8, 9), ("meetings", 6, 7), ("statements", 2, 1), ("roles", 2, 1)],
)
def test_views_keep_edge_kinds_and_their_ends(view, n_nodes, n_edges) -> None:
    data = graph_data(demo_graph(), view=view)
    assert (len(data["nodes"]), len(data["edges"])) == (n_nodes, n_edges)
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])


def test_unknown_view_is_an_error() -> None:
    assert views() == ["all", "meetings", "statements", "roles"]
    with pytest.raises(GraphError, match="unknown view 'people'"):
        graph_data(demo_graph(), view="people")


def test_legend_lists_present_types_and_stances() -> None:
    legend = graph_data(demo_graph())["legend"]
    assert [(t["type"], t["count"]) for t in legend["types"]] == [
        ("Person", 6),
        ("Country", 1),
        ("Meeting", 1),
    ]
    assert [s["stance"] for s in legend["stances"]] == ["positive"]


@pytest.mark.parametrize(
    ("n", "iterations", "improved"),
    [(8, 400, True), (300, 400, False), (2000, 120, False), (600, 200, False)],
)
def test_stabilisation_is_capped_by_size(n, iterations, improved) -> None:
    G = nx.path_graph(n)
    options = graph_data(G)["options"]
    assert options["physics"]["stabilization"]["iterations"] == iterations
    assert options["layout"]["improvedLayout"] is improved


def test_page_is_self_contained(tmp_path) -> None:
    out = write_html(demo_graph(), tmp_path / "sub" / "net.html", title="Gipfel & Co")
    assert out == tmp_path / "sub" / "net.html"
    page = out.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    linked = [(t, a) for t, a in parser.tags if "src" in a or "href" in a or t == "link"]
    assert linked == []
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert "<title>Gipfel &amp; Co</title>" in page
    assert "sourceMappingURL" not in page
    assert "vis-network" in page and "9.1.2" in page
    assert _page_data(page)["nodes"][0]["label"] == "Trump"


def test_markup_in_labels_cannot_break_out(tmp_path) -> None:
    G = nx.DiGraph()
    evil = '</script><script>alert("x")</script><!--'
    G.add_node("e", label=evil, type="Person", title="<b>bold?</b> & more")
    G.add_edge("e", "f", kind="said_about", title="</SCRIPT>")
    page = render_html(G, title="<i>t</i>")
    assert "</script><script>" not in page and "<!--" not in page
    assert page.lower().count("</script") == 3  # vis bundle, data block, app code
    data = _page_data(page)
    assert data["nodes"][0]["fullLabel"] == evil
    assert data["nodes"][0]["title"] == "<b>bold?</b> & more"
    assert data["edges"][0]["title"] == "</SCRIPT>"
    assert "<title>&lt;i&gt;t&lt;/i&gt;</title>" in page


def test_empty_graph_renders() -> None:
    data = _page_data(render_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == []


def test_two_thousand_nodes_render_fast(tmp_path) -> None:
    G = nx.gnm_random_graph(2000, 4000, seed=3, directed=True)
    for n in G:
        G.nodes[n].update(label=f"Actor {n}", type="Person", title=f"Actor {n}")
    for _u, _v, d in G.edges(data=True):
        d.update(kind="met", label="met", weight=1)
    start = time.perf_counter()
    out = write_html(G, tmp_path / "big.html")
    assert time.perf_counter() - start < 3.0
    data = _page_data(out.read_text(encoding="utf-8"))
    assert (len(data["nodes"]), len(data["edges"])) == (2000, 4000)
