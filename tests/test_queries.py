"""kg.queries: the named SPARQL library on the seed gold graph, bindings, renderings and
errors."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

import pytest
from rdflib import Dataset

from kg import queries
from kg.errors import QueryError

QUERY_DIR = Path(str(resources.files("kg") / "assets" / "queries"))
ALL_RQ = sorted(QUERY_DIR.rglob("*.rq"))
REQUIRED = {"who-met-whom", "meetings", "statements-by-speaker", "reactions", "roles",
            "timeline"}
GIPFEL_5 = ["Donald Trump", "Wladimir Putin", "Marco Rubio", "Steve Witkoff", "Sergei Lawrow"]
MET = {frozenset((a, b)) for i, a in enumerate(GIPFEL_5) for b in GIPFEL_5[i + 1:]}
MET.add(frozenset(("Kassym-Schomart Tokajew", "Wladimir Putin")))


def select(ds: Dataset, name: str, **bindings: str) -> list[dict[str, object]]:
    return queries.rows(queries.run_named(ds, name, bindings or None))


def test_library_holds_the_required_queries() -> None:
    lib = queries.library()
    assert set(lib) >= REQUIRED
    for q in lib.values():
        assert q.description, f"{q.name}.rq needs a first-line # description"
        assert "SELECT" in q.text.upper()


@pytest.mark.parametrize("path", ALL_RQ, ids=lambda p: str(p.relative_to(QUERY_DIR)))
def test_every_rq_prepares_and_runs(seed_dataset: Dataset, path: Path) -> None:
    from rdflib.plugins.sparql import prepareQuery

    text = path.read_text(encoding="utf-8")
    prepareQuery(text)
    data = queries.rows(queries.run(seed_dataset, text))
    assert data, f"{path.name} returns nothing on the seed graph"


def test_who_met_whom(seed_dataset: Dataset) -> None:
    data = select(seed_dataset, "who-met-whom")
    assert len(data) == 11
    assert {frozenset((r["actor1"], r["actor2"])) for r in data} == MET
    assert all(r["meetings"] == 1 for r in data)
    labels = {frozenset((r["actor1"], r["actor2"])): r["labels"] for r in data}
    assert labels[frozenset(("Kassym-Schomart Tokajew", "Wladimir Putin"))] == \
        "Nachfolgegespräch"
    assert labels[frozenset(("Donald Trump", "Wladimir Putin"))] == "Gipfel"
    # the unnamed adviser took part, but is nobody to have met
    assert not any("Berater" in str(r["actor1"]) + str(r["actor2"]) for r in data)


def test_who_met_whom_ignores_meetings_not_held(seed_dataset: Dataset,
                                                seed_annotation, seed_text) -> None:
    from kg.mapping import to_graph

    seed_annotation.meeting("Nachfolgegespräch").status = "planned"
    data = select(to_graph(seed_annotation, seed_text), "who-met-whom")
    assert {frozenset((r["actor1"], r["actor2"])) for r in data} == \
        MET - {frozenset(("Kassym-Schomart Tokajew", "Wladimir Putin"))}


def test_reactions(seed_dataset: Dataset) -> None:
    data = select(seed_dataset, "reactions")
    assert len(data) == 12
    assert {r["meeting"] for r in data} == {"Gipfel"}
    tokajew = [r for r in data if r["speaker"] == "Kassym-Schomart Tokajew"]
    assert len(tokajew) == 7 and {r["stance"] for r in tokajew} == {"positive"}
    first = tokajew[0]
    assert (first["cue"], first["content"]) == ("sprach von", "historischer Durchbruch")
    assert first["evidence"].startswith("doch Kasachstans Präsident Kassym-Schomart Tokajew")
    trump = {(r["cue"], r["stance"]) for r in data if r["speaker"] == "Donald Trump"}
    assert trump == {("sprach von", "positive"), ("betonte", "neutral")}


def test_roles(seed_dataset: Dataset) -> None:
    data = select(seed_dataset, "roles")
    triples = {(r["person"], r["role"], r["of"]) for r in data}
    assert ("Sergei Lawrow", "Außenminister", "Russland") in triples
    assert ("Marco Rubio", "Außenminister", "USA") in triples
    assert ("enger Berater Putins", "Berater", None) in triples
    assert len(triples) == 7
    lawrow = next(r for r in data if r["person"] == "Sergei Lawrow")
    assert lawrow["evidence"] == "Außenminister Sergei Lawrow"


def test_places(seed_dataset: Dataset) -> None:
    data = {r["place"]: r for r in select(seed_dataset, "places")}
    assert len(data) == 8
    base = data["Elmendorf-Richardson-Militärbasis"]
    assert base["type"] == "Facility"
    assert set(str(base["within"]).split(" < ")) == {"Anchorage", "Alaska", "USA"}
    assert set(str(data["Anchorage"]["within"]).split(" < ")) == {"Alaska", "USA"}
    assert data["USA"]["within"] == ""


def test_meetings(seed_dataset: Dataset) -> None:
    data = {r["label"]: r for r in select(seed_dataset, "meetings")}
    assert set(data) == {"Gipfel", "Nachfolgegespräch"}
    g = data["Gipfel"]
    assert (g["kind"], g["status"], g["date"], g["place"]) == (
        "in-person", "held", "2025-08-15", "Elmendorf-Richardson-Militärbasis")
    assert set(str(g["participants"]).split("; ")) == {*GIPFEL_5, "enger Berater Putins"}
    assert g["article"] == "alaska-gipfel-tokajew.txt"
    n = data["Nachfolgegespräch"]
    assert (n["kind"], n["date"], n["place"]) == ("unknown", None, None)


def test_statements_by_speaker_and_binding(seed_dataset: Dataset) -> None:
    everyone = select(seed_dataset, "statements-by-speaker")
    assert len(everyone) == 14
    trump = select(seed_dataset, "statements-by-speaker", speaker="Donald Trump")
    assert sorted(r["cue"] for r in trump) == ["betonte", "sprach von"]
    assert {r["speaker"] for r in trump} == {"Donald Trump"}
    assert select(seed_dataset, "statements-by-speaker", speaker="Nobody") == []
    tokajew = select(seed_dataset, "statements-by-speaker", speaker="Kassym-Schomart Tokajew")
    assert len(tokajew) == 8
    about = next(r["about"] for r in tokajew if r["cue"] == "machte deutlich")
    assert set(str(about).split("; ")) == {"Gipfel", "Donald Trump", "Wladimir Putin"}


def test_reactions_bound_to_a_meeting(seed_dataset: Dataset) -> None:
    assert len(select(seed_dataset, "reactions", meeting="Gipfel")) == 12
    assert select(seed_dataset, "reactions", meeting="Nachfolgegespräch") == []


def test_timeline(seed_dataset: Dataset) -> None:
    data = select(seed_dataset, "timeline")
    assert [(r["date"], r["what"], r["label"]) for r in data] == [
        ("2025-08-15", "meeting", "Gipfel"),
        ("2025-08-19", "article", "alaska-gipfel-tokajew.txt"),
    ]


def test_actors(seed_dataset: Dataset) -> None:
    data = {r["actor"]: r for r in select(seed_dataset, "actors")}
    assert len(data) == 12  # the gold file's 12 actors
    assert "Ukraine" not in data  # a country that is only a place is no actor
    assert data["Wladimir Putin"]["mentions"] == 5
    assert data["USA"]["type"] == "Country"


def test_querying_leaves_the_dataset_unchanged(seed_dataset: Dataset) -> None:
    before = set(seed_dataset.quads((None, None, None, None)))
    for name in queries.library():
        queries.run_named(seed_dataset, name)
    assert set(seed_dataset.quads((None, None, None, None))) == before


# -------------------------------------------------------------------- rendering
def test_render_csv(seed_dataset: Dataset) -> None:
    text = queries.render(queries.run_named(seed_dataset, "who-met-whom"), "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["actor1", "actor2", "meetings", "labels"]
    assert {frozenset(r[:2]) for r in rows[1:]} == MET
    assert rows[1][2] == "1"


def test_render_json(seed_dataset: Dataset) -> None:
    data = json.loads(queries.render(queries.run_named(seed_dataset, "roles"), "json"))
    assert {"person": "Sergei Lawrow", "role": "Außenminister", "of": "Russland",
            "evidence": "Außenminister Sergei Lawrow"} in data
    assert any(r["of"] is None for r in data)


def test_render_table(seed_dataset: Dataset) -> None:
    text = queries.render(queries.run_named(seed_dataset, "who-met-whom"), "table")
    lines = text.splitlines()
    assert lines[0].split() == ["actor1", "actor2", "meetings", "labels"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[-1] == "(11 rows)"
    assert "Sergei Lawrow" in text


def test_render_ask_and_construct(seed_dataset: Dataset) -> None:
    ask = queries.run(seed_dataset, "ASK { ?m a kg:Meeting }")
    assert queries.render(ask, "table") == "true"
    assert json.loads(queries.render(ask, "json")) == {"boolean": True}
    construct = queries.run(seed_dataset,
                            "CONSTRUCT { ?m a kg:Meeting } WHERE { ?m a kg:Meeting }")
    assert queries.render(construct, "table").count("https://w3id.org/kg/ontology#Meeting") == 2
    with pytest.raises(QueryError):
        queries.rows(ask)


def test_user_query_sees_ontology_labels(seed_dataset: Dataset) -> None:
    q = ("SELECT ?l WHERE { ?m a kg:Meeting ; kg:status ?s . ?s rdfs:label ?l "
         "FILTER (lang(?l) = 'de') }")
    assert [r["l"] for r in queries.rows(queries.run(seed_dataset, q))] == ["stattgefunden"] * 2


# ----------------------------------------------------------------------- errors
@pytest.mark.parametrize("text", ["SELEC ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE { ?x ?p }",
                                  "", "SELECT * WHERE { ?x undefined:p ?o }"])
def test_invalid_sparql(seed_dataset: Dataset, text: str) -> None:
    with pytest.raises(QueryError, match="^invalid SPARQL query: "):
        queries.run(seed_dataset, text)


def test_unknown_name_lists_known_names() -> None:
    with pytest.raises(QueryError) as err:
        queries.named("who-met-who")
    message = str(err.value)
    assert message.startswith("unknown query name 'who-met-who' (known: ")
    for name in REQUIRED:
        assert name in message


def test_underscore_names_work() -> None:
    assert queries.named("who_met_whom").name == "who-met-whom"


def test_unknown_output_format(seed_dataset: Dataset) -> None:
    with pytest.raises(QueryError, match="unknown output format 'xml'"):
        queries.render(queries.run_named(seed_dataset, "roles"), "xml")
