"""SHACL validation of kg graphs against ontology/shapes.ttl (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Dataset, Graph, Namespace
from rdflib.namespace import RDF

from kg.graphio import ontology_file, union

SH = Namespace("http://www.w3.org/ns/shacl#")
KGSH = Namespace("https://w3id.org/kg/shapes#")


@dataclass
class Violation:
    """One failed constraint."""

    shape: str
    focus: str
    path: str
    message: str
    severity: str = "Violation"


@dataclass
class ValidationResult:
    """Outcome of validating a graph: conformance and every violation."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def summary(self) -> str:
        """Human-readable result: one line when it conforms, else one line per violation."""
        if self.conforms:
            return "Conforms: the graph satisfies kg's SHACL shapes."
        lines = [f"Does not conform: {len(self.violations)} violation(s)"]
        for v in self.violations:
            lines.append(f"  [{v.shape}] {v.focus} {v.path}: {v.message}")
        return "\n".join(lines)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ontology_file("kg.ttl"), format="turtle")


def _short(graph: Graph, node: object) -> str:
    if node is None:
        return ""
    try:
        return graph.namespace_manager.normalizeUri(node)  # type: ignore[arg-type]
    except Exception:
        return str(node)


def validate(data: Dataset | Graph) -> ValidationResult:
    """Validate a kg graph (all named graphs together) against the SHACL shapes."""
    import pyshacl

    graph = union(data) if isinstance(data, Dataset) else data
    graph.bind("kgsh", KGSH)
    conforms, report, _ = pyshacl.validate(
        graph, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none",
        advanced=False, allow_warnings=True)
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        parent = next(_shapes().subjects(SH.property, shape), None) if shape is not None else None
        violations.append(Violation(
            shape=_short(graph, parent if parent is not None else shape),
            focus=_short(graph, report.value(result, SH.focusNode)),
            path=_short(graph, report.value(result, SH.resultPath)),
            message=str(report.value(result, SH.resultMessage) or ""),
            severity=str(report.value(result, SH.resultSeverity) or "").rsplit("#", 1)[-1],
        ))
    violations.sort(key=lambda v: (v.shape, v.focus, v.path))
    return ValidationResult(bool(conforms), violations)
