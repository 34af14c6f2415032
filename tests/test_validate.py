"""kg.validate: built graphs conform to ontology/shapes.ttl; graphs broken on purpose are
reported with the failing shape."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Dataset, Graph, Literal

from kg import ids
from kg.graphio import union
from kg.validate import validate
from kg.vocab import KG, OA, RDF, RDFS, XSD


def gipfel(g: Graph):  # noqa: ANN201 - rdflib node
    (node,) = (m for m in g.subjects(RDF.type, KG.Meeting)
               if (m, RDFS.label, Literal("Gipfel")) in g)
    return node


def first_statement(g: Graph):  # noqa: ANN201 - rdflib node
    return sorted(g.subjects(RDF.type, KG.Statement))[0]


def test_seed_graph_conforms(seed_dataset: Dataset) -> None:
    result = validate(seed_dataset)
    assert result.conforms, result.summary()
    assert result.violations == []
    assert result.summary() == "Conforms: the graph satisfies kg's SHACL shapes."


def test_snapshot_case_conforms() -> None:
    from conftest import CASES

    g = Graph().parse(CASES / "putin-erdogan.ttl", format="turtle")
    assert validate(g).conforms


def _remove_status(g: Graph) -> None:
    g.remove((gipfel(g), KG.status, None))


def _second_stance(g: Graph) -> None:
    st = first_statement(g)
    g.add((st, KG.stance, KG.Negative if (st, KG.stance, KG.Positive) in g else KG.Positive))


def _literal_speaker(g: Graph) -> None:
    st = first_statement(g)
    g.remove((st, KG.speaker, None))
    g.add((st, KG.speaker, Literal("Donald Trump")))


def _no_evidence(g: Graph) -> None:
    g.remove((gipfel(g), KG.evidence, None))


def _bad_date(g: Graph) -> None:
    g.remove((gipfel(g), KG.date, None))
    g.add((gipfel(g), KG.date, Literal("15. August")))


def _backwards_span(g: Graph) -> None:
    ev = next(iter(g.objects(gipfel(g), KG.evidence)))
    g.remove((ev, OA.start, None))
    g.add((ev, OA.start, Literal(10**6, datatype=XSD.nonNegativeInteger)))


def _unlabelled_actor(g: Graph) -> None:
    g.remove((ids.actor_iri("Marco Rubio", "Person"), RDFS.label, None))


def _reaction_without_meeting(g: Graph) -> None:
    for st in list(g.subjects(RDF.type, KG.Reaction)):
        g.remove((st, KG.reactsTo, None))


def _participant_not_actor(g: Graph) -> None:
    g.add((gipfel(g), KG.participant, ids.place_iri("Anchorage", "City")))


BREAKS: dict[str, tuple[Callable[[Graph], None], str, str]] = {
    "meeting without status": (_remove_status, "kgsh:MeetingShape", "kg:status"),
    "second stance": (_second_stance, "kgsh:StatementShape", "kg:stance"),
    "speaker is a literal": (_literal_speaker, "kgsh:StatementShape", "kg:speaker"),
    "meeting without evidence": (_no_evidence, "kgsh:MeetingShape", "kg:evidence"),
    "date not a date": (_bad_date, "kgsh:MeetingShape", "kg:date"),
    "span ends before it starts": (_backwards_span, "kgsh:EvidenceShape", "oa:start"),
    "actor without label": (_unlabelled_actor, "kgsh:ActorShape", "rdfs:label"),
    "reaction without meeting": (_reaction_without_meeting, "kgsh:ReactionShape",
                                 "kg:reactsTo"),
    "participant is a place": (_participant_not_actor, "kgsh:MeetingShape", "kg:participant"),
}


@pytest.mark.parametrize("case", BREAKS)
def test_broken_graph_names_the_failing_shape(seed_dataset: Dataset, case: str) -> None:
    breaker, shape, path = BREAKS[case]
    g = union(seed_dataset)
    breaker(g)
    result = validate(g)
    assert not result.conforms
    assert {v.shape for v in result.violations} == {shape}, result.summary()
    assert path in {v.path for v in result.violations}
    summary = result.summary()
    assert summary.startswith(f"Does not conform: {len(result.violations)} violation(s)")
    assert f"[{shape}]" in summary


def test_meeting_without_status_message(seed_dataset: Dataset) -> None:
    g = union(seed_dataset)
    node = gipfel(g)
    _remove_status(g)
    (v,) = validate(g).violations
    assert v.focus == f"<{node}>"
    assert v.message.startswith("A meeting has a status: held, planned or cancelled")
    assert v.severity == "Violation"


def test_all_violations_are_reported(seed_dataset: Dataset) -> None:
    g = union(seed_dataset)
    for breaker in (_remove_status, _literal_speaker, _unlabelled_actor):
        breaker(g)
    shapes = {v.shape for v in validate(g).violations}
    assert shapes == {"kgsh:MeetingShape", "kgsh:StatementShape", "kgsh:ActorShape"}
