"""kg.mapping and kg.ids: annotation → RDF, deterministic, one named graph per article,
provenance on every fact, stable IRIs, and a hand-checked snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from conftest import CASES
from kg import annotation as ann_io
from kg import ids
from kg.annotation import Actor, Annotation, Meeting, Statement
from kg.graphio import union
from kg.mapping import add_annotation, mention_spans, to_dataset, to_graph
from kg.vocab import KG, KGI, OA, RDF, RDFS, SKOS

SEED_GRAPH = KGI["article/alaska-gipfel-tokajew"]


def small(article: str, text: str, adviser: bool = True) -> tuple[Annotation, str]:
    """A tiny annotation naming Wladimir Putin (and an unnamed adviser)."""
    actors = [Actor(name="Wladimir Putin", aliases=["Putin"]), Actor(name="Olaf Scholz")]
    participants = ["Wladimir Putin", "Olaf Scholz"]
    if adviser:
        actors.append(Actor(name="Berater", named=False))
        participants.append("Berater")
    a = Annotation(article=article, actors=actors,
                   meetings=[Meeting(label="Telefonat", participants=participants,
                                     kind="phone", evidence="telefonierte")],
                   statements=[Statement(speaker="Olaf Scholz", cue="sagte",
                                         evidence="Scholz sagte", about=["Wladimir Putin"],
                                         stance="negative")])
    assert ann_io.problems(a, text) == []
    return a, text


A_TEXT = "Putin telefonierte mit Olaf Scholz und einem Berater. Scholz sagte etwas."
B_TEXT = "Olaf Scholz telefonierte mit Wladimir Putin; ein Berater hörte zu. Scholz sagte nichts."


def meeting_node(g: Graph, label: str) -> URIRef:
    (node,) = (m for m in g.subjects(RDF.type, KG.Meeting)
               if (m, RDFS.label, Literal(label)) in g)
    return node


def quads(ds: Dataset) -> set[tuple]:
    return set(ds.quads((None, None, None, None)))


def subjects_of(ds: Dataset, cls: URIRef) -> set:
    return set(union(ds).subjects(RDF.type, cls))


# ------------------------------------------------------------------ determinism
def test_same_input_gives_identical_quads(seed_annotation: Annotation, seed_text: str) -> None:
    first, second = to_graph(seed_annotation, seed_text), to_graph(seed_annotation, seed_text)
    assert quads(first) == quads(second)
    assert len(quads(first)) == 679


def test_no_blank_nodes(seed_dataset: Dataset) -> None:
    for quad in quads(seed_dataset):
        assert all(isinstance(t, URIRef | Literal) for t in quad[:3]), quad


def test_readding_an_article_replaces_its_graph(seed_annotation: Annotation,
                                                 seed_text: str) -> None:
    ds = to_graph(seed_annotation, seed_text)
    before = quads(ds)
    add_annotation(ds, seed_annotation, seed_text)
    assert quads(ds) == before
    seed_annotation.statements = seed_annotation.statements[:1]
    add_annotation(ds, seed_annotation, seed_text)
    assert len(subjects_of(ds, KG.Statement)) == 1


# ----------------------------------------------------------------------- IRIs
def test_actor_iris_are_stable_across_articles() -> None:
    ds = to_dataset([small("a.txt", A_TEXT), small("b.txt", B_TEXT)])
    putin = ids.actor_iri("Wladimir Putin", "Person")
    assert putin == URIRef("https://w3id.org/kg/id/actor/wladimir-putin")
    graphs = {g.identifier: g for g in ds.graphs() if len(g)}
    assert set(graphs) == {KGI["article/a"], KGI["article/b"]}
    for g in graphs.values():
        assert (putin, RDF.type, KG.Person) in g
        assert (None, KG.participant, putin) in g
    # the unnamed adviser is a different individual in each article
    advisers = {s for s in union(ds).subjects(KG.named, Literal(False))}
    assert advisers == {KGI["actor/a/berater"], KGI["actor/b/berater"]}
    # meetings and statements are article-scoped too
    assert len(subjects_of(ds, KG.Meeting)) == 2
    assert len(subjects_of(ds, KG.Statement)) == 2


@pytest.mark.parametrize(("name", "expected"), [
    ("Wladimir Putin", "wladimir-putin"),
    ("Außenminister Sergej Lawrow", "aussenminister-sergej-lawrow"),
    ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
    ("  Jean-Claude  Juncker ", "jean-claude-juncker"),
    ("Łukaszenka", "lukaszenka"),
    ("Kassym-Schomart Tokajew", "kassym-schomart-tokajew"),
    ("«»", "x"),
])
def test_key(name: str, expected: str) -> None:
    assert ids.key(name) == expected


@pytest.mark.parametrize(("article", "expected"), [
    ("alaska-gipfel-tokajew.txt", "alaska-gipfel-tokajew"),
    ("../corpus/de/alaska-gipfel-tokajew.gold.yaml", "alaska-gipfel-tokajew"),
    ("Bericht Über Graz.html", "bericht-uber-graz"),
])
def test_article_key(article: str, expected: str) -> None:
    assert ids.article_key(article) == expected


def test_countries_share_one_iri_as_actor_and_place(seed_dataset: Dataset) -> None:
    russia = ids.country_iri("Russland")
    assert ids.actor_iri("Russland", "Country") == ids.place_iri("Russland", "Country") == russia
    g = union(seed_dataset)
    assert (russia, RDF.type, KG.Country) in g
    assert set(g.objects(russia, RDFS.label)) == {Literal("Russland")}


# ---------------------------------------------------------------- named graphs
def test_one_named_graph_per_article(seed_annotation: Annotation, seed_text: str) -> None:
    ds = to_dataset([(seed_annotation, seed_text), small("a.txt", A_TEXT)])
    names = {ctx for *_, ctx in ds.quads((None, None, None, None))}
    assert names == {SEED_GRAPH, KGI["article/a"]}
    for name in names:
        g = ds.graph(name)
        assert (name, RDF.type, KG.Article) in g
        # every evidence span of a graph lies in that graph's article
        assert set(g.objects(None, KG.inArticle)) == {name}


# ----------------------------------------------------------------- provenance
@pytest.mark.parametrize("cls", [KG.Meeting, KG.Statement, KG.RoleAssignment])
def test_every_fact_has_evidence_with_exact_offsets(seed_dataset: Dataset, seed_text: str,
                                                    cls: URIRef) -> None:
    g = union(seed_dataset)
    facts = set(g.subjects(RDF.type, cls))
    assert facts
    for fact in facts:
        spans = list(g.objects(fact, KG.evidence))
        assert spans, fact
        for ev in spans:
            start, end = g.value(ev, OA.start).toPython(), g.value(ev, OA.end).toPython()
            assert str(g.value(ev, OA.exact)) == seed_text[start:end], (fact, ev)
            assert g.value(ev, KG.inArticle) == SEED_GRAPH


def test_every_actor_mention_is_a_name_or_alias(seed_dataset: Dataset, seed_text: str) -> None:
    g = union(seed_dataset)
    mentions = 0
    for cls in (KG.Person, KG.Organization, KG.Country, KG.Group):
        for actor in g.subjects(RDF.type, cls):
            forms = {str(x) for x in g.objects(actor, RDFS.label)}
            forms |= {str(x) for x in g.objects(actor, SKOS.altLabel)}
            for ev in g.objects(actor, KG.evidence):
                start, end = g.value(ev, OA.start).toPython(), g.value(ev, OA.end).toPython()
                exact = str(g.value(ev, OA.exact))
                assert exact == seed_text[start:end]
                base = exact[:-2] if exact.endswith(("'s", "’s")) else exact
                assert exact in forms or (exact.endswith("s") and exact[:-1] in forms) \
                    or base in forms, (actor, exact)
                mentions += 1
    assert mentions == 31  # 27 plain forms + 4 genitives (Kasachstans, Russlands, twice each)


def test_statement_evidence_matches_the_annotation(seed_dataset: Dataset,
                                                   seed_annotation: Annotation) -> None:
    g = union(seed_dataset)
    exact = {str(g.value(ev, OA.exact)) for st in g.subjects(RDF.type, KG.Statement)
             for ev in g.objects(st, KG.evidence)}
    assert exact == {s.evidence for s in seed_annotation.statements}


def test_without_text_evidence_has_no_offsets(seed_annotation: Annotation) -> None:
    g = union(to_graph(seed_annotation, None))
    spans = set(g.subjects(RDF.type, KG.Evidence))
    assert len(spans) == 16  # 2 meetings + 14 statements; no mentions without the text
    assert not list(g.triples((None, OA.start, None)))
    assert all(g.value(ev, OA.exact) is not None for ev in spans)


# ------------------------------------------------------------- seed's figures
def test_seed_counts(seed_dataset: Dataset) -> None:
    g = union(seed_dataset)

    def count(cls: URIRef) -> int:
        return len(set(g.subjects(RDF.type, cls)))

    assert count(KG.Meeting) == 2
    assert count(KG.Statement) == 14
    assert count(KG.Reaction) == 12
    assert count(KG.RoleAssignment) == 7
    assert count(KG.Person) == 7
    assert count(KG.Organization) == 1
    assert count(KG.Group) == 1
    assert count(KG.Country) == 4  # Kasachstan, Russland, USA (actors) + Ukraine (place)
    assert count(KG.City) == 2 and count(KG.Region) == 1 and count(KG.Facility) == 1
    assert count(KG.Post) == 7 and count(KG.Role) == 4
    assert count(KG.Article) == 1


def test_reactions_are_statements_about_meetings(seed_dataset: Dataset,
                                                 seed_annotation: Annotation) -> None:
    g = union(seed_dataset)
    gipfel = meeting_node(g, "Gipfel")
    reactions = set(g.subjects(RDF.type, KG.Reaction))
    assert reactions == set(g.subjects(KG.reactsTo, None))
    assert all((r, RDF.type, KG.Statement) in g for r in reactions)
    assert set(g.objects(None, KG.reactsTo)) == {gipfel}
    not_reactions = set(g.subjects(RDF.type, KG.Statement)) - reactions
    speakers = sorted(str(g.value(g.value(s, KG.speaker), RDFS.label)) for s in not_reactions)
    assert speakers == ["Beobachter", "Kassym-Schomart Tokajew"]
    tokajew = ids.actor_iri("Kassym-Schomart Tokajew", "Person")
    positive = {r for r in reactions if g.value(r, KG.speaker) == tokajew
                and g.value(r, KG.stance) == KG.Positive}
    assert len(positive) == 7


def test_roles_and_places(seed_dataset: Dataset) -> None:
    g = union(seed_dataset)
    lawrow = ids.actor_iri("Sergei Lawrow", "Person")
    post = ids.post_iri("Außenminister", "Russland")
    assert (lawrow, URIRef("http://www.w3.org/ns/org#holds"), post) in g
    assert (post, URIRef("http://www.w3.org/ns/org#postIn"), ids.country_iri("Russland")) in g
    base = ids.place_iri("Elmendorf-Richardson-Militärbasis", "Facility")
    chain = [base]
    while (nxt := g.value(chain[-1], KG.partOf)) is not None:
        chain.append(nxt)
    assert [str(g.value(p, RDFS.label)) for p in chain] == [
        "Elmendorf-Richardson-Militärbasis", "Anchorage", "Alaska", "USA"]


# ------------------------------------------------------------------ mentions
@pytest.mark.parametrize(("text", "forms", "expected"), [
    ("Putin traf Wladimir Putin.", ["Putin", "Wladimir Putin"], [(0, 5), (11, 25)]),
    ("Putins Berater", ["Putin"], [(0, 6)]),  # a genitive s belongs to the mention
    ("Putinismus", ["Putin"], []),  # whole words only
    ("Die US-Seite und die USA", ["USA", "US-Seite"], [(4, 12), (21, 24)]),
    ("nichts", ["Merkel"], []),
    ("Merkel", ["", "  "], []),
])
def test_mention_spans(text: str, forms: list[str], expected: list[tuple[int, int]]) -> None:
    assert mention_spans(text, forms) == expected


# ------------------------------------------------------------------- snapshot
def _ntriples(g: Graph) -> str:
    return "\n".join(sorted(g.serialize(format="nt").splitlines()))


def test_small_case_matches_snapshot(update_golden: bool) -> None:
    path = CASES / "putin-erdogan.yaml"
    a = ann_io.load(path)
    built = union(to_graph(a, ann_io.article_text(a, path.parent)))
    if update_golden:  # pytest --update-golden; review the diff before committing
        built.serialize(CASES / "putin-erdogan.ttl", format="turtle")
    expected = Graph().parse(CASES / "putin-erdogan.ttl", format="turtle")
    if not isomorphic(built, expected):
        _, only_built, only_expected = graph_diff(to_isomorphic(built), to_isomorphic(expected))
        pytest.fail("built graph differs from tests/cases/putin-erdogan.ttl\n"
                    f"--- only in built:\n{_ntriples(only_built)}\n"
                    f"--- only in snapshot:\n{_ntriples(only_expected)}")
    assert len(built) == len(expected)


def test_snapshot_case_files_exist() -> None:
    for suffix in (".yaml", ".txt", ".ttl"):
        assert Path(CASES / f"putin-erdogan{suffix}").is_file()
