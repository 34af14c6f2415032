"""Draw kg's ontology (ontology/kg.ttl) as an SVG diagram: docs/ontology.svg.

Every owl:Class of the ontology is a box with its name, its enumerated individuals (stances,
meeting kinds, ...), its datatype properties and the external classes it is aligned to
(schema.org, SEM, ORG, PROV-O, Web Annotation, FOAF, SKOS). Subclass links are grey arrows
with a hollow head (UML generalisation); object properties are labelled blue arrows from
their domain to their range ("any" where the ontology leaves one open).

Drawn with matplotlib and networkx (no graphviz needed); the layout reuses kg.figures'
overlap removal, so boxes never overlap. Run after editing the ontology:

    .venv/bin/python scripts/ontology_diagram.py            # writes docs/ontology.svg
    .venv/bin/python scripts/ontology_diagram.py -o x.png   # any matplotlib format
"""

from __future__ import annotations

import argparse
import math
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.figures import remove_overlaps

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
OUTPUT = ROOT / "docs" / "ontology.svg"
FONT = 8.5
DPI = 100
ANY = "(any)"


@dataclass
class Box:
    """One class: its lines of text and, after layout, its centre and size in inches."""

    name: str
    lines: list[str] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0


def _short(graph: Graph, term: URIRef) -> str:
    prefix, _ns, local = graph.namespace_manager.compute_qname(term)
    return local if prefix == "kg" else f"{prefix}:{local}"


def read(path: Path) -> tuple[dict[str, Box], list[tuple[str, str]], list[tuple[str, str, str]]]:
    """Classes (as boxes), subclass links and object-property links of the ontology."""
    g = Graph().parse(path, format="turtle")
    kg_ns = dict(g.namespaces())["kg"]

    def own(t: object) -> bool:
        return isinstance(t, URIRef) and str(t).startswith(str(kg_ns))

    classes = sorted((c for c in g.subjects(RDF.type, OWL.Class) if own(c)), key=str)
    boxes = {_short(g, c): Box(_short(g, c)) for c in classes}
    subclass, props = [], []
    for c in classes:
        name = _short(g, c)
        box = boxes[name]
        members = sorted(_short(g, i) for i in g.subjects(RDF.type, c) if own(i))
        if members:
            box.lines.append("{" + ", ".join(members) + "}")
        for p in sorted(g.subjects(RDFS.domain, c), key=str):
            if (p, RDF.type, OWL.DatatypeProperty) in g:
                rng = g.value(p, RDFS.range)
                box.lines.append(f"{_short(g, p)}: {_short(g, rng) if rng else 'literal'}")
        external = []
        for sup in sorted(g.objects(c, RDFS.subClassOf), key=str):
            if own(sup):
                subclass.append((name, _short(g, sup)))
            elif isinstance(sup, URIRef):
                external.append(_short(g, sup))
        if external:
            box.lines.append("⊑ " + ", ".join(external))
    for p in sorted(g.subjects(RDF.type, OWL.ObjectProperty), key=str):
        dom, rng = g.value(p, RDFS.domain), g.value(p, RDFS.range)
        dom_name = _short(g, dom) if dom in classes else ANY
        rng_name = _short(g, rng) if rng in classes else ANY
        props.append((dom_name, _short(g, p), rng_name))
    if any(ANY in (d, r) for d, _, r in props):
        boxes[ANY] = Box(ANY, ["any resource"])
    return boxes, subclass, props


def _wrap(line: str, width: int = 34) -> list[str]:
    out, current = [], ""
    for word in line.split(" "):
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = "  " + word
        else:
            current = f"{current} {word}" if current else word
    return [*out, current]


def _component_layout(net: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Spring layout of the largest component; smaller components in a column to its right
    (spring layouts push separate components far apart)."""
    parts = sorted(nx.connected_components(net), key=lambda c: (-len(c), sorted(c)))
    main = net.subgraph(parts[0])
    pos = {n: (float(x), float(y)) for n, (x, y) in
           nx.spring_layout(main, seed=seed, iterations=500,
                            k=2.2 / math.sqrt(len(main))).items()}
    right = max((x for x, _ in pos.values()), default=0.0) + 0.35
    rest = sorted(n for part in parts[1:] for n in part)
    for i, n in enumerate(rest):
        pos[n] = (right, 1.0 - 2.0 * (i + 1) / (len(rest) + 1))
    return pos


def draw(boxes: dict[str, Box], subclass: list[tuple[str, str]],
         props: list[tuple[str, str, str]], seed: int = 3) -> Figure:
    """The diagram as a matplotlib Figure (boxes never overlap)."""
    fig = Figure(dpi=DPI)
    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    texts = {}
    for name, box in boxes.items():
        body = [line for raw in box.lines for line in _wrap(raw)]
        texts[name] = (name, "\n".join(body))
        t1 = fig.text(0, 0, name, fontsize=FONT + 1.5, fontweight="bold")
        t2 = fig.text(0, 0, texts[name][1] or " ", fontsize=FONT)
        b1, b2 = t1.get_window_extent(renderer), t2.get_window_extent(renderer)
        box.w = max(b1.width, b2.width if body else 0) / DPI + 0.2
        box.h = (b1.height + (b2.height if body else 0)) / DPI + 0.2
        t1.remove()
        t2.remove()

    net = nx.Graph()
    net.add_nodes_from(boxes)
    net.add_edges_from(subclass)
    net.add_edges_from((d, r) for d, _, r in props if d != r)
    names = list(boxes)
    raw = _component_layout(net, seed)

    def rects(scale: float) -> tuple[list[tuple[float, ...]], list[tuple[float, float]]]:
        cs = [(float(raw[n][0]) * scale * 1.8, float(raw[n][1]) * scale) for n in names]
        return ([(x - boxes[n].w / 2 - 0.3, y - boxes[n].h / 2 - 0.25,
                  x + boxes[n].w / 2 + 0.3, y + boxes[n].h / 2 + 0.25)
                 for n, (x, y) in zip(names, cs, strict=True)], cs)

    def clashes(rs: list[tuple[float, ...]]) -> int:
        return sum(1 for i, a in enumerate(rs) for b in rs[i + 1:]
                   if min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1]))

    # grow the spring layout evenly until few boxes overlap, then push the rest apart
    scale = 2.0
    while clashes(rects(scale)[0]) > len(names) // 4 and scale < 40:
        scale *= 1.1
    rs, centres = rects(scale)
    for n, (x, y) in zip(names, remove_overlaps(rs, centres, pad=0.0), strict=True):
        boxes[n].x, boxes[n].y = x, y

    margin = 0.4
    left = min(b.x - b.w / 2 for b in boxes.values()) - margin
    right = max(b.x + b.w / 2 for b in boxes.values()) + margin
    bottom = min(b.y - b.h / 2 for b in boxes.values()) - margin
    top = max(b.y + b.h / 2 for b in boxes.values()) + margin + 0.5
    fig.set_size_inches(right - left, top - bottom)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.set_axis_off()
    ax.text(left + 0.2, top - 0.15, "kg ontology — classes (boxes), subclass of (grey, hollow "
            "head), object properties (blue, domain → range)", fontsize=FONT + 2,
            fontweight="bold", va="top")

    def border(box: Box, towards: Box) -> tuple[float, float]:
        dx, dy = towards.x - box.x, towards.y - box.y
        if dx == dy == 0:
            return box.x, box.y
        t = min(box.w / 2 / abs(dx) if dx else math.inf, box.h / 2 / abs(dy) if dy else math.inf)
        return box.x + t * dx, box.y + t * dy

    def arrow(a: Box, b: Box, rad: float, **kw: object) -> FancyArrowPatch:
        return FancyArrowPatch(border(a, b), border(b, a), connectionstyle=f"arc3,rad={rad}",
                               shrinkA=1, shrinkB=1, mutation_scale=14, zorder=1, **kw)

    for sub, sup in subclass:
        ax.add_patch(arrow(boxes[sub], boxes[sup], 0.0, arrowstyle="-|>", edgecolor="#7f7f7f",
                           linewidth=1.3, facecolor="white"))
    seen: dict[frozenset[str], int] = {}
    for d, label, r in props:
        a, b = boxes[d], boxes[r]
        key = frozenset((d, r))
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        if d == r:  # a property from a class to itself: a loop over the box's right side
            x0, y0 = a.x + a.w / 2, a.y
            ax.add_patch(FancyArrowPatch((x0, y0 + 0.1), (x0, y0 - 0.1),
                                         connectionstyle="arc3,rad=-1.6", arrowstyle="-|>",
                                         color="#1f5fa8", mutation_scale=12, zorder=1))
            ax.text(x0 + 0.3, y0, label, fontsize=FONT, color="#1f5fa8", va="center",
                    zorder=4, bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"})
            continue
        rad = 0.12 * nth * (1 if nth % 2 else -1)
        ax.add_patch(arrow(a, b, rad, arrowstyle="-|>", color="#1f5fa8", linewidth=1.1))
        frac = 0.5 + 0.12 * ((nth + 1) // 2) * (1 if nth % 2 else -1)
        mx, my = a.x + (b.x - a.x) * frac, a.y + (b.y - a.y) * frac
        ax.text(mx, my, label, fontsize=FONT, color="#1f5fa8", ha="center", va="center",
                zorder=4, bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                                "alpha": 0.9})

    for name, box in boxes.items():
        head, body = texts[name]
        fill = "#f4f4f4" if name == ANY else "#fff8dc"
        ax.add_patch(matplotlib.patches.FancyBboxPatch(
            (box.x - box.w / 2, box.y - box.h / 2), box.w, box.h,
            boxstyle="round,pad=0,rounding_size=0.06", fc=fill, ec="#8a6d1f", lw=1.1, zorder=2))
        title = ax.text(box.x, box.y + box.h / 2 - 0.1, head, fontsize=FONT + 1.5,
                        fontweight="bold", ha="center", va="top", zorder=3)
        title.set_gid(f"class:{name}")
        if body:
            ax.text(box.x - box.w / 2 + 0.1, box.y + box.h / 2 - 0.1 - 0.2, body,
                    fontsize=FONT, ha="left", va="top", zorder=3, color="#333333")
    return fig


def main(argv: list[str] | None = None) -> Path:
    """Write the diagram; returns its path."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ontology", type=Path, default=ONTOLOGY, help="the Turtle file")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="the image to write")
    args = parser.parse_args(argv)
    fig = draw(*read(args.ontology))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    fmt = args.output.suffix.lstrip(".").lower() or "svg"
    with matplotlib.rc_context({"svg.hashsalt": "kg-ontology", "svg.fonttype": "none"}):
        fig.savefig(args.output, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    print(f"wrote {args.output}")
    return args.output


if __name__ == "__main__":
    main()
