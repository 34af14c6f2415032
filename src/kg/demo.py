"""``kg demo``: the seed article from raw text to graph, networks and HTML view."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg import annotation as ann_io
from kg import graphio, network, queries
from kg.build import SEED, sample_dir
from kg.mapping import to_graph


@dataclass
class DemoResult:
    """Where the demo wrote what, and what it found."""

    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    who_met_whom: str = ""
    reactions: str = ""
    conforms: bool = False

    def summary(self) -> str:
        """What a person reads after ``kg demo``."""
        lines = [f"kg demo: seed article {SEED} → {self.folder}/"]
        lines.append("  " + ", ".join(f"{n} {k}" for k, n in self.counts.items()))
        lines.append(f"  SHACL: {'conforms' if self.conforms else 'DOES NOT CONFORM'}")
        for what, path in self.files.items():
            lines.append(f"  {what:<22}{path}")
        lines += ["", "Who met whom:", self.who_met_whom, "", "Reactions:", self.reactions]
        lines += ["", f"Open {self.files.get('view')} in a browser to explore the graph."]
        return "\n".join(lines)


def run_demo(folder: Path, from_gold: bool = False) -> DemoResult:
    """Extract (or load the gold annotation of) the seed article, build, write everything."""
    from kg.validate import validate

    src = sample_dir()
    text = ann_io.read_text(src / f"{SEED}.txt")
    if from_gold:
        annotation = ann_io.load(src / f"{SEED}.gold.yaml")
    else:
        from kg.extract import extract

        annotation = extract(text, article=f"{SEED}.txt")
    folder.mkdir(parents=True, exist_ok=True)
    result = DemoResult(folder)
    ann_path = folder / f"{SEED}.yaml"
    ann_io.dump(annotation, ann_path)
    result.files["annotation"] = ann_path
    ds = to_graph(annotation, text)
    result.files["graph (TriG)"] = graphio.save(ds, folder / "graph.trig")
    result.files["graph (Turtle)"] = graphio.save(ds, folder / "graph.ttl")
    for view in ("met", "reactions", "all"):
        g = network.to_networkx(ds, view)
        result.files[f"network {view}"] = network.write(g, folder / f"network-{view}.graphml")
    from kg.viz import write_html

    result.files["view"] = write_html(network.to_networkx(ds, "all"), folder / "graph.html",
                                      title=f"kg: {SEED}")
    result.counts = {"actors": len(annotation.actors), "places": len(annotation.places),
                     "meetings": len(annotation.meetings),
                     "statements": len(annotation.statements),
                     "triples": sum(1 for _ in ds.quads((None, None, None, None)))}
    result.conforms = validate(ds).conforms
    result.who_met_whom = queries.render(queries.run_named(ds, "who-met-whom"), "table")
    result.reactions = queries.render(queries.run_named(ds, "reactions"), "table")
    return result
