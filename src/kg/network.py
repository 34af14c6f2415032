"""kg graphs as networkx networks: who met whom, who reacted how, and the typed graph.

Views:

- ``met``: actors; an undirected edge per pair that shared held meetings, ``weight`` =
  number of meetings.
- ``reactions``: actor → meeting edges, one per (speaker, meeting), signed by stance
  (``sign`` +1/0/-1, counts per stance, ``weight`` = number of statements).
- ``all``: both, plus ``said_about`` (speaker → actor, signed) and ``holds_role``
  (person → country/organisation, labelled with the role).
- ``full``: the typed graph: actors, meetings and places; participant, reacted,
  said_about, holds_role, located_in and part_of edges.

Every node carries ``label``, ``type`` and a plain-text ``title`` (tooltip); every edge
``kind``, ``label``, ``weight`` and ``title`` — only strings and numbers, so every
network format can store them.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset

from kg import resources
from kg.errors import InputError
from kg.queries import rows, run

if TYPE_CHECKING:
    from kg.store import Store

VIEWS = ("met", "reactions", "all", "full")
FORMATS = ("graphml", "gexf", "json", "csv")
POLARITY = {"positive": 1, "negative": -1, "neutral": 0, "mixed": 0}


def _network_query(name: str) -> str:
    return resources.asset_text("queries", "network", f"{name}.rq")


def _select(ds: Dataset | Store, name: str) -> list[dict[str, Any]]:
    """Rows of a network query, sorted: the same order on every engine (rdflib, Oxigraph)."""
    found = rows(run(ds, _network_query(name)))
    return sorted(found, key=lambda r: tuple("" if v is None else str(v) for v in r.values()))


def _stance_of(counts: dict[str, int]) -> str:
    """The stance of several statements: the only one, else mixed unless all neutral."""
    present = {s for s, n in counts.items() if n}
    if len(present) == 1:
        return present.pop()
    polar = present & {"positive", "negative"}
    if len(polar) == 1 and "mixed" not in present:
        return polar.pop()
    return "mixed" if present else "neutral"


class _Builder:
    def __init__(self, ds: Dataset | Store) -> None:
        self.nodes = {r["node"]: r for r in _select(ds, "nodes")}
        self.meetings = _select(ds, "meetings")
        self.statements = _select(ds, "statements")
        self.ds = ds

    def label(self, iri: str) -> str:
        node = self.nodes.get(iri)
        return str(node["label"]) if node else iri.rsplit("/", 1)[-1]

    def add_node(self, g: Any, iri: str, **extra: Any) -> None:
        if iri in g:
            return
        node = self.nodes.get(iri, {})
        kind = str(node.get("type") or "Actor")
        attrs = {"label": self.label(iri), "type": kind, "title": f"{self.label(iri)} ({kind})",
                 "iri": iri}
        attrs.update(extra)
        g.add_node(iri, **attrs)

    # ------------------------------------------------------------------ views
    def met(self, g: Any) -> None:
        held: dict[str, set[str]] = defaultdict(set)
        for r in self.meetings:
            if r["status"] == "held" and r["who"] and not self.nodes.get(r["who"], {}).get(
                    "unnamed"):
                held[r["meeting"]].add(r["who"])
        pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
        for meeting, people in held.items():
            ordered = sorted(people)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    pairs[(a, b)].append(self.label(meeting))
        for (a, b), labels in sorted(pairs.items()):
            self.add_node(g, a)
            self.add_node(g, b)
            names = "; ".join(sorted(set(labels)))
            g.add_edge(a, b, kind="met", label=f"met ({len(labels)})", weight=len(labels),
                       meetings=names,
                       title=f"{self.label(a)} met {self.label(b)}: {names}")

    def signed(self, g: Any, to_meetings: bool) -> None:
        groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        seen: set[tuple[str, str, str]] = set()
        for r in self.statements:
            if not r["about"] or bool(r["isMeeting"]) != to_meetings:
                continue
            if (r["st"], r["about"], r["speaker"]) in seen:
                continue
            seen.add((r["st"], r["about"], r["speaker"]))
            groups[(r["speaker"], r["about"])].append(r)
        kind = "reacted" if to_meetings else "said_about"
        for (speaker, target), items in sorted(groups.items()):
            if speaker == target:
                continue
            counts = {s: 0 for s in POLARITY}
            for r in items:
                counts[str(r["stance"])] += 1
            stance = _stance_of(counts)
            total = sum(POLARITY[s] * n for s, n in counts.items())
            self.add_node(g, speaker)
            self.add_node(g, target, **self._meeting_attrs(target) if to_meetings else {})
            lines = [f"{self.label(speaker)} → {self.label(target)}: {stance}"]
            for r in items:
                words = r["content"] or ""
                date = f" [{r['date']}]" if r.get("date") else ""
                lines.append(f"• {r['cue']}: {words} ({r['stance']}){date}\n  „{r['evidence']}“")
            g.add_edge(speaker, target, kind=kind, label=stance, stance=stance,
                       sign=(total > 0) - (total < 0), weight=len(items),
                       **{s: n for s, n in counts.items()}, title="\n".join(lines))

    def _meeting_attrs(self, iri: str) -> dict[str, Any]:
        info = [r for r in self.meetings if r["meeting"] == iri]
        if not info:
            return {}
        first = info[0]
        who = sorted({self.label(r["who"]) for r in info if r["who"]})
        parts = [f"{self.label(iri)} (Meeting, {first['kind']}, {first['status']})"]
        if first["date"]:
            parts.append(f"date: {first['date']}")
        if first["place"]:
            parts.append(f"place: {self.label(first['place'])}")
        if who:
            parts.append("participants: " + ", ".join(who))
        if first["evidence"]:
            parts.append(f"„{first['evidence']}“")
        return {"title": "\n".join(parts), "status": str(first["status"]),
                "date": str(first["date"] or "")}

    def roles(self, g: Any) -> None:
        for r in _select(self.ds, "roles"):
            if not r["of"] or r["holder"] == r["of"]:
                continue
            self.add_node(g, r["holder"])
            self.add_node(g, r["of"])
            g.add_edge(r["holder"], r["of"], kind="holds_role", label=str(r["role"]), weight=1,
                       title=f"{self.label(r['holder'])}: {r['role']} ({self.label(r['of'])})")

    def full(self, g: Any) -> None:
        for r in self.meetings:
            m = r["meeting"]
            self.add_node(g, m)
            g.nodes[m].update(self._meeting_attrs(m))
            if r["who"] and not _has_edge(g, r["who"], m, "participant"):
                self.add_node(g, r["who"])
                g.add_edge(r["who"], m, kind="participant", label="took part", weight=1,
                           title=f"{self.label(r['who'])} took part in {self.label(m)}")
            if r["place"] and not _has_edge(g, m, r["place"], "located_in"):
                self.add_node(g, r["place"])
                g.add_edge(m, r["place"], kind="located_in", label="in", weight=1,
                           title=f"{self.label(m)} in {self.label(r['place'])}")
        for r in _select(self.ds, "places"):
            self.add_node(g, r["inner"])
            self.add_node(g, r["outer"])
            g.add_edge(r["inner"], r["outer"], kind="part_of", label="part of", weight=1,
                       title=f"{self.label(r['inner'])} is part of {self.label(r['outer'])}")


def _has_edge(g: Any, a: str, b: str, kind: str) -> bool:
    """Whether ``g`` (a multigraph) has an edge a → b of this kind (a reaction edge to the
    same meeting must not hide the participant edge)."""
    return any(d.get("kind") == kind for d in (g.get_edge_data(a, b) or {}).values())


def to_networkx(ds: Dataset | Store, view: str = "all") -> Any:
    """The networkx graph of ``view`` (see the module docstring), from an rdflib dataset
    or a kg store."""
    import networkx as nx

    if view not in VIEWS:
        raise InputError(f"unknown view {view!r} (choose from {', '.join(VIEWS)})")
    b = _Builder(ds)
    if view == "met":
        g = nx.Graph(view=view)
        b.met(g)
    elif view == "reactions":
        g = nx.DiGraph(view=view)
        b.signed(g, to_meetings=True)
    else:
        g = nx.MultiDiGraph(view=view)
        if view == "all":
            b.met(g)
        b.signed(g, to_meetings=True)
        b.signed(g, to_meetings=False)
        b.roles(g)
        if view == "full":
            b.full(g)
    return g


def write(g: Any, path: str | Path, fmt: str | None = None) -> Path:
    """Write a network as GraphML, GEXF, node-link JSON or an edge-list CSV."""
    import networkx as nx

    p = Path(path)
    fmt = fmt or p.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown network format {fmt!r} (choose from {', '.join(FORMATS)})")
    tmp = p.with_name(p.name + ".tmp")
    if fmt == "graphml":
        nx.write_graphml(g, tmp)
    elif fmt == "gexf":
        nx.write_gexf(g, tmp)
    elif fmt == "json":
        data = nx.node_link_data(g, edges="links")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        tmp.write_text(edge_csv(g), encoding="utf-8")
    tmp.replace(p)
    return p


def edge_csv(g: Any) -> str:
    """One row per edge: source and target labels and IRIs, then the edge attributes."""
    keys = sorted({k for *_, d in g.edges(data=True) for k in d if k != "title"})
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["source", "target", *keys, "source_iri", "target_iri"])
    for a, b, d in g.edges(data=True):
        w.writerow([g.nodes[a]["label"], g.nodes[b]["label"], *(d.get(k, "") for k in keys), a, b])
    return buf.getvalue()
