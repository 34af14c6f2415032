"""Interactive HTML view of a kg network: one self-contained file, no network access needed.

The page is rendered from kg's own template (``assets/viz/page.html``) rather than pyvis'
``Network.write_html``: pyvis 0.3.2 links vis-network, bootstrap and tom-select from CDNs even
with ``cdn_resources="in_line"`` (pyvis issues #228, #229). The vis-network bundle itself is
read at run time from the copy that ships inside the installed pyvis package
(``pyvis/lib/vis-9.1.2/vis-network.min.js``, Apache-2.0/MIT) and inlined, so nothing
third-party is committed here and the page opens with no http(s) request at all.

``graph_data`` turns a networkx graph into vis-network node/edge dicts (the displaCy split:
data first, then a renderer); ``render_html`` and ``write_html`` build the page from it.
"""

from __future__ import annotations

import html
import json
import math
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from kg import resources as kg_resources
from kg.errors import GraphError, InputError

if TYPE_CHECKING:
    import networkx as nx

VIS_VERSION = "9.1.2"
_LABEL_MAX = 40
_EDGE_LABEL_MAX = 30


@cache
def _asset(name: str) -> str:
    """Text of one file in ``kg/assets/viz``."""
    return kg_resources.asset_text("viz", name)


@cache
def _style() -> dict[str, Any]:
    return json.loads(_asset("style.json"))


@cache
def vis_network_js() -> str:
    """The vis-network bundle shipped in the installed pyvis package, source-map line removed."""
    lib = resources.files("pyvis") / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    try:
        text = lib.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:  # pragma: no cover - broken pyvis install
        raise GraphError(
            f"vis-network {VIS_VERSION} not found in the installed pyvis package",
            hint="reinstall pyvis>=0.3.2",
        ) from exc
    # split on "\n" only: str.splitlines would also cut at U+2028 etc. inside JS strings
    lines = [ln for ln in text.split("\n") if not ln.startswith("//# sourceMappingURL=")]
    return "\n".join(lines)


def views() -> list[str]:
    """Names accepted by ``write_html(view=...)``."""
    return list(_style()["views"])


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _number(value: Any) -> float | None:
    """A finite float from a number, numeric string or rdflib Literal; None otherwise."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _edge_rows(G: nx.Graph) -> list[tuple[Any, Any, dict[str, Any]]]:
    if G.is_multigraph():
        return [(u, v, d) for u, v, _k, d in G.edges(keys=True, data=True)]
    return [(u, v, d) for u, v, d in G.edges(data=True)]


def _select(G: nx.Graph, view: str) -> tuple[list[Any], list[tuple[Any, Any, dict[str, Any]]]]:
    """Nodes and edges that ``view`` keeps: all, or the edges of its kinds and their ends."""
    table = _style()["views"]
    if view not in table:
        raise GraphError(f"unknown view {view!r}", hint="one of " + ", ".join(table))
    rows = _edge_rows(G)
    kinds = table[view]
    if kinds is None:
        return list(G.nodes), rows
    rows = [r for r in rows if r[2].get("kind") in kinds]
    ends = {n for u, v, _ in rows for n in (u, v)}
    return [n for n in G.nodes if n in ends], rows


def _node_dict(idx: int, key: Any, attrs: dict[str, Any], degree: int) -> dict[str, Any]:
    style = _style()
    ntype = str(attrs.get("type") or "")
    look = style["types"].get(ntype, style["default_type"])
    label = str(attrs.get("label") or key)
    title = attrs.get("title")
    tooltip = str(title) if title not in (None, "") else f"{label}\n({ntype or 'no type'})"
    node: dict[str, Any] = {
        "id": idx,
        "key": str(key),
        "label": _clip(label, _LABEL_MAX),
        "fullLabel": label,
        "type": ntype,
        "title": tooltip,
        "shape": look["shape"],
        "color": {
            "background": look["color"],
            "border": look["color"],
            "highlight": {"background": look["color"], "border": "#222222"},
            "hover": {"background": look["color"], "border": "#222222"},
        },
        "size": round(min(40.0, 10.0 + 4.0 * math.sqrt(degree)), 1),
    }
    # "group" would mean a vis-network style group, so kg's own group travels as "kgGroup"
    for extra, field in (("date", "date"), ("group", "kgGroup")):
        if attrs.get(extra) not in (None, ""):
            node[field] = str(attrs[extra])
    return node


def _edge_dict(
    idx: int,
    ends: tuple[int, int],
    attrs: dict[str, Any],
    max_weight: float,
    nth: int,
    directed: bool,
) -> dict[str, Any]:
    style = _style()
    kind = str(attrs.get("kind") or "")
    look = style["kinds"].get(kind, style["default_kind"])
    stance = attrs.get("stance")
    stance = str(stance) if stance in style["stances"] else None
    colour = style["stances"][stance] if stance else look["color"]
    label = str(attrs.get("label") or kind)
    title = attrs.get("title")
    weight = _number(attrs.get("weight"))
    edge: dict[str, Any] = {
        "id": idx,
        "from": ends[0],
        "to": ends[1],
        "label": _clip(label, _EDGE_LABEL_MAX),
        "title": str(title) if title not in (None, "") else label,
        "kind": kind,
        "color": {"color": colour, "highlight": colour, "hover": colour},
        "width": 1.5 if weight is None else round(1.0 + 5.0 * abs(weight) / max_weight, 2),
        "arrows": "to" if directed and look["arrows"] else "",
        "dashes": look["dashes"],
    }
    if stance:
        edge["stance"] = stance
    if weight is not None:
        edge["weight"] = weight
    if nth:  # parallel edges: bend each one a little further so they do not overlap
        edge["smooth"] = {
            "enabled": True,
            "type": "curvedCW" if nth % 2 else "curvedCCW",
            "roundness": round(0.2 * ((nth + 1) // 2), 2),
        }
    return edge


def _options(n_nodes: int) -> dict[str, Any]:
    """vis-network options: forceAtlas2Based physics with a capped, size-aware stabilisation."""
    big = n_nodes > 1000
    return {
        "autoResize": True,
        "layout": {"improvedLayout": n_nodes <= 150, "randomSeed": 7},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "centralGravity": 0.01,
                "springLength": 110,
                "springConstant": 0.08,
                "damping": 0.5,
                "avoidOverlap": 0.2,
            },
            "minVelocity": 1.0,
            "timestep": 0.5,
            "adaptiveTimestep": True,
            "stabilization": {
                "enabled": True,
                "iterations": 400 if n_nodes <= 300 else max(120, 120_000 // n_nodes),
                "updateInterval": 20,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "navigationButtons": False,
        },
        "nodes": {"font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {
            "font": {"size": 11, "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "smooth": False if big else {"enabled": True, "type": "continuous"},
            "selectionWidth": 2,
        },
    }


def graph_data(G: nx.Graph, *, view: str = "all") -> dict[str, Any]:
    """vis-network nodes, edges, options and legend entries for ``G`` restricted to ``view``."""
    keys, rows = _select(G, view)
    index = {key: i for i, key in enumerate(keys)}
    degree: Counter[Any] = Counter()
    for u, v, _ in rows:
        degree[u] += 1
        degree[v] += 1
    nodes = [_node_dict(index[k], k, dict(G.nodes[k]), degree[k]) for k in keys]
    weights = [abs(w) for *_, d in rows if (w := _number(d.get("weight"))) is not None]
    max_weight = max(weights, default=0.0) or 1.0
    seen: Counter[frozenset[int]] = Counter()
    edges = []
    for i, (u, v, d) in enumerate(rows):
        ends = (index[u], index[v])
        pair = frozenset(ends)
        edges.append(_edge_dict(i, ends, d, max_weight, seen[pair], G.is_directed()))
        seen[pair] += 1
    style = _style()
    types = Counter(n["type"] for n in nodes)
    legend = {
        "types": [
            {
                "type": t or "(none)",
                "value": t,
                "count": c,
                **style["types"].get(t, style["default_type"]),
            }
            for t, c in sorted(types.items(), key=lambda tc: (-tc[1], tc[0]))
        ],
        "stances": [
            {"stance": s, "color": col}
            for s, col in style["stances"].items()
            if any(e.get("stance") == s for e in edges)
        ],
    }
    return {"nodes": nodes, "edges": edges, "options": _options(len(nodes)), "legend": legend}


def _script_json(obj: Any) -> str:
    """JSON safe to place inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(G: nx.Graph, *, title: str = "kg", view: str = "all") -> str:
    """The complete page as a string: every script and style inlined, no external URL loaded."""
    data = graph_data(G, view=view)
    page = Template(_asset("page.html"))
    return page.substitute(
        title=html.escape(title),
        view=html.escape(view),
        css=_asset("viz.css"),
        vis_js=vis_network_js(),
        app_js=_asset("viz.js"),
        data=_script_json(data),
    )


def write_html(
    G: nx.Graph | nx.MultiDiGraph, path: str | Path, *, title: str = "kg", view: str = "all"
) -> Path:
    """Write ``G`` as a self-contained interactive HTML page to ``path`` and return the path.

    Nodes are coloured and shaped by ``type``; edges carry their ``label``, reaction and
    statement edges are coloured by ``stance`` and sized by ``weight``; ``title`` attributes
    become tooltips (shown as plain text). ``view`` keeps all edges or one family of kinds
    (see ``views()``).
    """
    out = Path(path)
    text = render_html(G, title=title, view=view)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return out
