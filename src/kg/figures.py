"""Static figures of kg networks (PNG, SVG, PDF) with matplotlib, for papers and reports.

The look follows the HTML view: node colour and shape by ``type`` and edge colour by
``stance`` / ``kind`` come from the same ``assets/viz/style.json``. Labels never overlap:
the layout is computed in inches (networkx's spring layout, seeded), each node is treated
as the box of its marker plus its label below it, and overlapping boxes are pushed apart
until none overlap. The figure is then sized to the layout, so a label's size on the page
does not depend on how many nodes there are.

matplotlib is imported only when a figure is drawn (the optional ``figures`` dependency).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import resources as kg_resources
from kg.errors import InputError

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure

FORMATS = ("png", "svg", "pdf")
#: vis-network shapes (style.json) → matplotlib markers
MARKERS = {"dot": "o", "square": "s", "diamond": "D", "triangle": "^", "triangleDown": "v",
           "star": "*", "hexagon": "h", "box": "s", "ellipse": "o"}
EDGE_NAMES = {"met": "met", "participant": "took part", "reacted": "reacted to",
              "said_about": "said about", "holds_role": "holds role", "part_of": "part of",
              "located_in": "located in", "spoke": "spoke"}
FONT_SIZE = 9.0
DPI = 150
MAX_LABELS = 120  # larger graphs: only the best-connected nodes are labelled
MAX_ARROWS = 400  # more edges: plain lines (curved arrows are slow to draw)
_PAD = 0.1  # inches of air between two nodes' boxes
_MARGIN = 0.3  # inches around the drawing
_LABEL_MAX = 40


@cache
def style() -> dict[str, Any]:
    """The view style shared with the HTML page (``kg/assets/viz/style.json``)."""
    path = kg_resources.asset_dir("viz") / "style.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _mpl() -> Any:
    try:
        import matplotlib
    except ImportError as exc:
        raise InputError("static figures need matplotlib",
                         hint="pip install 'kg[figures]' or pip install matplotlib") from exc
    return matplotlib


def _clip(text: str) -> str:
    return text if len(text) <= _LABEL_MAX else text[: _LABEL_MAX - 1].rstrip() + "…"


def _dashes(value: Any) -> Any:
    if value is True:
        return (0, (5, 3))
    if isinstance(value, list) and value:
        return (0, tuple(float(x) for x in value))
    return "solid"


def _edges(G: nx.Graph) -> list[tuple[Any, Any, dict[str, Any]]]:
    if G.is_multigraph():
        return [(u, v, d) for u, v, _k, d in G.edges(keys=True, data=True)]
    return [(u, v, d) for u, v, d in G.edges(data=True)]


@dataclass
class _Item:
    """One node as a box in inches: its centre and the extents of marker + label."""

    key: Any
    x: float
    y: float
    radius: float  # marker radius, inches
    label: str
    width: float = 0.0  # label width, inches
    height: float = 0.0  # label height, inches

    def box(self) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of marker and label together."""
        half = max(self.radius, self.width / 2)
        return (self.x - half, self.y - self.radius - _gap() - self.height,
                self.x + half, self.y + self.radius)


def _gap() -> float:
    return 2.0 / 72.0


def _measure(labels: list[str]) -> list[tuple[float, float]]:
    """Width and height in inches of each label at FONT_SIZE."""
    _mpl()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(dpi=DPI)
    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    out = []
    for text in labels:
        if not text:
            out.append((0.0, 0.0))
            continue
        artist = fig.text(0, 0, text, fontsize=FONT_SIZE)
        bb = artist.get_window_extent(renderer)
        out.append((bb.width / DPI, bb.height / DPI))
        artist.remove()
    return out


def remove_overlaps(boxes: list[tuple[float, float, float, float]],
                    centres: list[tuple[float, float]], pad: float = _PAD,
                    max_sweeps: int = 3000) -> list[tuple[float, float]]:
    """Move boxes (left, bottom, right, top) apart until no two overlap (with ``pad``).

    In each sweep every overlapping pair is pushed apart along its axis of least overlap,
    half each (all pairs at once, with numpy). Returns the new centres (the boxes move
    rigidly with them); boxes that do not overlap keep their centres exactly.
    """
    import numpy as np

    n = len(centres)
    if n < 2:
        return [(float(x), float(y)) for x, y in centres]
    c = np.array(centres, dtype=float)
    b = np.array(boxes, dtype=float)
    off = b - np.hstack([c, c])  # box edges relative to the centre
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    index = np.arange(n)
    before = index[:, None] < index[None, :]
    for sweep in range(max_sweeps):
        left, bottom = c[:, 0] + off[:, 0], c[:, 1] + off[:, 1]
        right, top = c[:, 0] + off[:, 2], c[:, 1] + off[:, 3]
        ox = np.minimum(right[:, None], right[None, :]) - np.maximum(left[:, None],
                                                                   left[None, :]) + pad
        oy = np.minimum(top[:, None], top[None, :]) - np.maximum(bottom[:, None],
                                                               bottom[None, :]) + pad
        tol = 0.25 * pad + 1e-9  # boxes closer than pad but not touching are good enough
        clash = upper & (ox > tol) & (oy > tol)
        if not clash.any():
            break
        mid_x, mid_y = left + right, bottom + top
        sx = np.where(mid_x[:, None] < mid_x[None, :], 1.0,
                      np.where(mid_x[:, None] > mid_x[None, :], -1.0,
                               np.where(before, 1.0, -1.0)))
        sy = np.where(mid_y[:, None] < mid_y[None, :], 1.0,
                      np.where(mid_y[:, None] > mid_y[None, :], -1.0,
                               np.where(before, 1.0, -1.0)))
        along_x = clash & (ox < oy)
        along_y = clash & ~(ox < oy)
        damp = 0.5 if sweep < 50 else 0.35  # < 1/2: several pushes on one box do not overshoot
        px = np.where(along_x, sx * ox * damp, 0.0)
        py = np.where(along_y, sy * oy * damp, 0.0)
        c[:, 0] += px.sum(axis=0) - px.sum(axis=1)
        c[:, 1] += py.sum(axis=0) - py.sum(axis=1)
    return [(float(x), float(y)) for x, y in c]


def layout(G: nx.Graph, seed: int = 7) -> dict[Any, _Item]:
    """Node boxes in inches: a seeded spring layout, scaled to the labels, overlaps removed."""
    import networkx as nx

    degree: Counter[Any] = Counter()
    for u, v, _ in _edges(G):
        degree[u] += 1
        degree[v] += 1
    keys = list(G.nodes)
    labelled = set(sorted(keys, key=lambda k: (-degree[k], str(k)))[:MAX_LABELS])
    texts = [_clip(str(G.nodes[k].get("label") or k)) if k in labelled else "" for k in keys]
    sizes = _measure(texts)
    simple = nx.Graph()
    simple.add_nodes_from(keys)
    simple.add_edges_from((u, v) for u, v, _ in _edges(G) if u != v)
    raw = _spring(simple, keys, degree, seed)
    items = {}
    for k, text, (w, h) in zip(keys, texts, sizes, strict=True):
        radius = (8.0 + 3.0 * math.sqrt(degree[k])) / 2 / 72.0
        radius = min(radius, 12.0 / 72.0)
        items[k] = _Item(k, 0.0, 0.0, radius, text, w, h)
    if not keys:
        return items
    # scale so a typical edge is about 1.5 inches long (dense clusters get room) but the
    # drawing stays within about 16 inches, or the area all boxes need when that is more
    area = sum((max(2 * i.radius, i.width) + _PAD) * (2 * i.radius + i.height + 0.1)
               for i in items.values())
    lengths = sorted(math.dist(raw[u], raw[v]) for u, v in simple.edges if u != v)
    extent = max((max(abs(float(c)) for c in raw[k]) for k in keys), default=1.0) or 1.0
    scale = max(1.0, math.sqrt(8.0 * area)) / 2.0
    if lengths and lengths[len(lengths) // 2] > 0:
        scale = max(scale, min(1.5 / lengths[len(lengths) // 2], 8.0 / extent))
    for k, item in items.items():
        item.x, item.y = (float(c) * scale for c in raw[k])
    # big graphs: only labelled nodes take part (pairwise overlap tests grow with n²)
    movable = [i for i in items.values() if i.label or len(items) <= MAX_LABELS]
    centres = remove_overlaps([i.box() for i in movable], [(i.x, i.y) for i in movable])
    for item, (x, y) in zip(movable, centres, strict=True):
        item.x, item.y = x, y
    return items


def _spring(simple: nx.Graph, keys: list[Any], degree: Counter[Any],
            seed: int) -> dict[Any, Any]:
    """networkx's seeded spring layout. Without scipy, networkx can only lay out graphs below
    500 nodes; then the best-connected 499 are laid out and every other node is put beside
    its placed neighbours (or on a ring when it has none)."""
    import networkx as nx
    import numpy as np

    if not keys:
        return {}
    try:
        return nx.spring_layout(simple, seed=seed, iterations=200 if len(keys) < 500 else 50)
    except ImportError:
        pass
    core = sorted(keys, key=lambda k: (-degree[k], str(k)))[:499]
    pos = {k: np.asarray(v) for k, v in
           nx.spring_layout(simple.subgraph(core), seed=seed, iterations=50).items()}
    rng = np.random.default_rng(seed)
    rest = [k for k in keys if k not in pos]
    for i, k in enumerate(rest):
        placed = [pos[n] for n in simple.neighbors(k) if n in pos]
        if placed:
            pos[k] = np.mean(placed, axis=0) + rng.normal(0.0, 0.03, 2)
        else:
            angle = 2 * math.pi * i / max(1, len(rest))
            pos[k] = np.array([1.1 * math.cos(angle), 1.1 * math.sin(angle)])
    return pos


def _legend_handles(G: nx.Graph, rows: list[tuple[Any, Any, dict[str, Any]]]) -> list[Any]:
    from matplotlib.lines import Line2D

    st = style()
    handles: list[Any] = []
    types = Counter(str(G.nodes[n].get("type") or "") for n in G)
    for t, count in sorted(types.items(), key=lambda tc: (-tc[1], tc[0])):
        look = st["types"].get(t, st["default_type"])
        handles.append(Line2D([], [], linestyle="none", marker=MARKERS.get(look["shape"], "o"),
                              markersize=11 if look["shape"] == "star" else 8,
                              markerfacecolor=look["color"],
                              markeredgecolor="white", label=f"{t or '(no type)'} ({count})"))
    kinds = sorted({str(d.get("kind") or "") for *_, d in rows})
    for kind in kinds:
        look = st["kinds"].get(kind, st["default_kind"])
        handles.append(Line2D([], [], color=look["color"], linestyle=_dashes(look["dashes"]),
                              linewidth=1.8, label=EDGE_NAMES.get(kind, kind or "edge")))
    stances = [s for s in st["stances"] if any(d.get("stance") == s for *_, d in rows)]
    for s in stances:
        handles.append(Line2D([], [], color=st["stances"][s], linewidth=3,
                              label=f"stance: {s}"))
    return handles


def draw(G: nx.Graph, *, title: str | None = None, seed: int = 7) -> Figure:
    """A matplotlib Figure of ``G``: typed, coloured nodes, labels below them that do not
    overlap, edges coloured by stance (else by kind) and sized by weight, and a legend.

    Each node label is a Text artist with gid ``label:<node key>``.
    """
    _mpl()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyArrowPatch

    st = style()
    items = layout(G, seed=seed)
    rows = _edges(G)
    if items:
        left = min(i.box()[0] for i in items.values()) - _MARGIN
        bottom = min(i.box()[1] for i in items.values()) - _MARGIN
        right = max(i.box()[2] for i in items.values()) + _MARGIN
        top = max(i.box()[3] for i in items.values()) + _MARGIN
    else:
        left, bottom, right, top = 0.0, 0.0, 2.0, 1.0
    width, height = max(right - left, 2.0), max(top - bottom, 1.5)
    head = 0.45 if title else 0.1

    fig = Figure(dpi=DPI)
    FigureCanvasAgg(fig)
    legend = fig.legend(handles=_legend_handles(G, rows), loc="upper left", fontsize=FONT_SIZE,
                        frameon=True, title="Legend", title_fontsize=FONT_SIZE)
    renderer = fig.canvas.get_renderer()
    lb = legend.get_window_extent(renderer)
    legend_w, legend_h = lb.width / DPI + 0.2, lb.height / DPI + 0.2
    fig_w, fig_h = width + legend_w, max(height, legend_h) + head
    fig.set_size_inches(fig_w, fig_h)
    legend.set_bbox_to_anchor((width / fig_w, 1 - head / fig_h), transform=fig.transFigure)
    ax = fig.add_axes((0, (fig_h - head - height) / fig_h, width / fig_w, height / fig_h))
    ax.set_xlim(left, left + width)
    ax.set_ylim(bottom, bottom + height)
    ax.set_axis_off()
    if title:
        fig.suptitle(title, x=0.02, y=1 - 0.08 / fig_h, ha="left", va="top",
                     fontsize=FONT_SIZE + 3, fontweight="bold")

    weights = [abs(float(d["weight"])) for *_, d in rows
               if isinstance(d.get("weight"), int | float)]
    max_w = max(weights, default=1.0)
    seen: Counter[frozenset[Any]] = Counter()
    plain: dict[tuple[str, Any, float], list[Any]] = {}  # big graphs: lines, no arrow heads
    for u, v, d in rows:
        if u not in items or v not in items or u == v:
            continue
        kind = str(d.get("kind") or "")
        look = st["kinds"].get(kind, st["default_kind"])
        stance = d.get("stance")
        colour = st["stances"].get(str(stance), look["color"]) if stance else look["color"]
        w = d.get("weight")
        lw = 1.0 + 3.0 * abs(float(w)) / max(max_w, 3.0) if isinstance(w, int | float) else 1.5
        pair = frozenset((u, v))
        nth = seen[pair]
        seen[pair] += 1
        rad = 0.0 if nth == 0 else (0.15 * ((nth + 1) // 2)) * (1 if nth % 2 else -1)
        a, b = items[u], items[v]
        if len(rows) > MAX_ARROWS:
            style_key = (colour, _dashes(look["dashes"]), round(lw, 1))
            plain.setdefault(style_key, []).append([(a.x, a.y), (b.x, b.y)])
            continue
        arrow = FancyArrowPatch(
            (a.x, a.y), (b.x, b.y), connectionstyle=f"arc3,rad={rad}",
            arrowstyle="-|>" if G.is_directed() and look["arrows"] else "-",
            mutation_scale=10, color=colour, linewidth=lw, linestyle=_dashes(look["dashes"]),
            shrinkA=a.radius * 72 + 1, shrinkB=b.radius * 72 + 1, alpha=0.85, zorder=1)
        arrow.set_gid(f"edge:{kind}")
        ax.add_patch(arrow)
    for (colour, dashes, lw), segments in plain.items():
        ax.add_collection(LineCollection(segments, colors=colour, linestyles=dashes,
                                         linewidths=lw, alpha=0.6, zorder=1))

    import networkx as nx

    by_type: dict[str, list[Any]] = {}
    for k in items:
        by_type.setdefault(str(G.nodes[k].get("type") or ""), []).append(k)
    pos = {k: (i.x, i.y) for k, i in items.items()}
    for t, keys in by_type.items():
        look = st["types"].get(t, st["default_type"])
        marker = MARKERS.get(look["shape"], "o")
        sizes = [(items[k].radius * 72 * 2) ** 2 * (1.6 if marker == "*" else 1.0) for k in keys]
        coll = nx.draw_networkx_nodes(G, pos, nodelist=keys, ax=ax, node_shape=marker,
                                      node_color=look["color"], node_size=sizes,
                                      edgecolors="white", linewidths=0.8)
        coll.set_zorder(2)
    for k, item in items.items():
        if not item.label:
            continue
        text = ax.text(item.x, item.y - item.radius - _gap(), item.label, ha="center",
                       va="top", fontsize=FONT_SIZE, zorder=3,
                       bbox={"boxstyle": "square,pad=0", "facecolor": "white", "alpha": 0.75,
                             "edgecolor": "none"})
        text.set_gid(f"label:{k}")
    return fig


def write_figure(G: nx.Graph, path: str | Path, fmt: str | None = None, *,
                 title: str | None = None) -> Path:
    """Draw ``G`` (see :func:`draw`) and save it as PNG, SVG or PDF (format from ``fmt`` or
    the suffix). Returns the path."""
    p = Path(path)
    fmt = (fmt or p.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown figure format {fmt!r} (choose from {', '.join(FORMATS)})")
    fig = draw(G, title=title)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        with _mpl().rc_context({"svg.hashsalt": "kg", "svg.fonttype": "path"}):
            fig.savefig(p, format=fmt, dpi=DPI, metadata=_metadata(fmt))
    except OSError as exc:
        raise InputError(f"cannot write {p}: {exc.strerror or exc}") from exc
    return p


def _metadata(fmt: str) -> dict[str, Any] | None:
    """Stable output: no creation date in SVG/PDF, so the same graph gives the same file."""
    if fmt == "svg":
        return {"Date": None}
    if fmt == "pdf":
        return {"CreationDate": None}
    return None
