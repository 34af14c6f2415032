"""kg.figures and ``kg viz --format png|svg``: static figures whose labels never overlap."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

pytest.importorskip("matplotlib", reason="static figures need matplotlib (kg[figures])")
from matplotlib.colors import to_hex  # noqa: E402

from kg import network  # noqa: E402
from kg.cli import cli  # noqa: E402
from kg.errors import InputError  # noqa: E402
from kg.figures import MARKERS, draw, remove_overlaps, style, write_figure  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _label_boxes(fig) -> dict[str, tuple[float, float, float, float]]:
    """Each node label's box in pixels, as drawn (after a full render)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = {}
    for text in fig.axes[0].texts:
        gid = text.get_gid() or ""
        if gid.startswith("label:"):
            bb = text.get_window_extent(renderer)
            boxes[text.get_text()] = (bb.x0, bb.y0, bb.x1, bb.y1)
    return boxes


def _overlap(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


@pytest.mark.parametrize("view", network.VIEWS)
def test_seed_labels_do_not_overlap(seed_dataset, view) -> None:
    G = network.to_networkx(seed_dataset, view)
    fig = draw(G, title=f"seed {view}")
    boxes = _label_boxes(fig)
    assert sorted(boxes) == sorted(G.nodes[n]["label"] for n in G)  # every node is labelled
    clashes = [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes.items(), 2)
               if _overlap(ba, bb)]
    assert clashes == []
    # every label lies inside the figure and outside the legend
    width, height = fig.get_size_inches() * fig.dpi
    legend = fig.legends[0].get_window_extent(fig.canvas.get_renderer())
    legend_box = (legend.x0, legend.y0, legend.x1, legend.y1)
    for name, box in boxes.items():
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height, name
        assert not _overlap(box, legend_box), name


def test_node_markers_and_colours_follow_the_html_style(seed_dataset) -> None:
    G = network.to_networkx(seed_dataset, "full")
    fig = draw(G)
    st = style()
    colours = {}
    for coll in fig.axes[0].collections:
        rgba = coll.get_facecolor()[0]
        colours[tuple(round(float(c), 3) for c in rgba[:3])] = coll
    for t in {G.nodes[n]["type"] for n in G}:
        hexa = st["types"][t]["color"].lstrip("#")
        rgb = tuple(round(int(hexa[i:i + 2], 16) / 255, 3) for i in (0, 2, 4))
        assert rgb in colours, t
    legend_labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "Person (7)" in legend_labels and "Meeting (2)" in legend_labels
    assert "stance: positive" in legend_labels and "took part" in legend_labels
    assert all(st["types"][t]["shape"] in MARKERS for t in st["types"])


def test_reaction_edges_take_the_stance_colour(seed_dataset) -> None:
    G = network.to_networkx(seed_dataset, "reactions")
    fig = draw(G)
    st = style()
    edges = [p for p in fig.axes[0].patches if (p.get_gid() or "") == "edge:reacted"]
    assert len(edges) == G.number_of_edges() == 4
    hexes = sorted(
        to_hex(p.get_edgecolor(), keep_alpha=False) for p in edges
    )
    stances = sorted(st["stances"][d["stance"]] for *_, d in G.edges(data=True))
    assert hexes == stances
    assert hexes.count(st["stances"]["positive"]) == 3  # Tokajew, Trump, Putin → Gipfel


@pytest.mark.parametrize(
    ("boxes", "centres"),
    [
        ([(0, 0, 2, 1), (0, 0, 2, 1), (0, 0, 2, 1)], [(1, 0.5)] * 3),  # all on one spot
        ([(0, 0, 1, 1), (0.5, 0.2, 1.5, 1.2)], [(0.5, 0.5), (1, 0.7)]),
        ([(0, 0, 1, 1), (3, 3, 4, 4)], [(0.5, 0.5), (3.5, 3.5)]),  # nothing to do
    ],
)
def test_remove_overlaps(boxes, centres) -> None:
    moved = remove_overlaps(boxes, centres, pad=0.05)
    shifted = [(b[0] + m[0] - c[0], b[1] + m[1] - c[1], b[2] + m[0] - c[0], b[3] + m[1] - c[1])
               for b, c, m in zip(boxes, centres, moved, strict=True)]
    assert not any(_overlap(a, b) for a, b in itertools.combinations(shifted, 2))
    if not any(_overlap(a, b) for a, b in itertools.combinations(boxes, 2)):
        assert moved == centres


def test_write_png_svg_pdf(tmp_path: Path, seed_dataset) -> None:
    G = network.to_networkx(seed_dataset, "all")
    png = write_figure(G, tmp_path / "g.png", title="Gipfel")
    assert png.read_bytes()[:8] == PNG_MAGIC and png.stat().st_size > 20_000
    svg = write_figure(G, tmp_path / "g.svg")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    assert {f"label:{n}" for n in G} <= ids
    assert svg.read_bytes() == write_figure(G, tmp_path / "again.svg").read_bytes()  # stable
    pdf = write_figure(G, tmp_path / "g.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    with pytest.raises(InputError, match="unknown figure format 'gif'"):
        write_figure(G, tmp_path / "g.gif")


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs(n: int, tmp_path: Path) -> None:
    G = nx.path_graph(n)
    for k in G:
        G.nodes[k].update(label=f"Node {k}", type="Person")
    out = write_figure(G, tmp_path / "tiny.png")
    assert out.read_bytes()[:8] == PNG_MAGIC


def test_big_graph_labels_only_the_best_connected(tmp_path: Path) -> None:
    G = nx.barabasi_albert_graph(300, 2, seed=3)
    for k in G:
        G.nodes[k].update(label=f"Actor {k}", type="Person")
    fig = draw(G)
    boxes = _label_boxes(fig)
    assert len(boxes) == 120
    assert not any(_overlap(a, b) for a, b in itertools.combinations(boxes.values(), 2))


@pytest.mark.parametrize(
    ("args", "magic"),
    [
        (["--format", "png", "-o", "out.png"], PNG_MAGIC),
        (["-o", "out.svg", "--view", "reactions"], b"<?xml"),  # format from the suffix
        (["-f", "svg", "-o", "out.figure"], b"<?xml"),
        (["-o", "out.html"], b"<!DOCTYPE html>"),
    ],
)
def test_cli_viz_format(runner, seed_trig: Path, tmp_path: Path, args, magic) -> None:
    with runner.isolated_filesystem(temp_dir=tmp_path):
        result = runner.invoke(cli, ["viz", str(seed_trig), *args])
        assert result.exit_code == 0, result.output
        out = Path(args[args.index("-o") + 1])
        assert out.read_bytes().startswith(magic)
        assert f"wrote {out}" in result.output


def test_cli_viz_unknown_format(runner, seed_trig: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["viz", str(seed_trig), "-f", "gif", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and "'gif' is not one of" in result.output


# ------------------------------------------------------------- ontology diagram
def _ontology_classes() -> set[str]:
    from rdflib import OWL, RDF, Graph

    from kg.graphio import ontology_file

    g = Graph().parse(ontology_file("kg.ttl"))
    ns = "https://w3id.org/kg/ontology#"
    return {str(c)[len(ns):] for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(ns)}


def _svg_texts(path: Path) -> set[str]:
    root = ET.parse(path).getroot()
    return {"".join(el.itertext()).strip() for el in root.iter() if el.tag.endswith("text")}


def test_ontology_diagram_script(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    out = tmp_path / "ontology.svg"
    done = subprocess.run([sys.executable, str(root / "scripts" / "ontology_diagram.py"),
                           "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    classes = _ontology_classes()
    assert len(classes) >= 15
    texts = _svg_texts(out)
    assert classes <= texts, classes - texts  # every class is a box with its name
    assert {"participant", "speaker", "reactsTo", "partOf"} <= texts  # labelled properties


def test_committed_ontology_diagram_is_current() -> None:
    svg = Path(__file__).resolve().parents[1] / "docs" / "ontology.svg"
    missing = _ontology_classes() - _svg_texts(svg)
    assert not missing, f"docs/ontology.svg lacks {missing}: run scripts/ontology_diagram.py"
