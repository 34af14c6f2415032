"""kg.identity: one node per actor, place, office and meeting across articles."""

from __future__ import annotations

import csv
import io
import re

import pytest
from click.testing import CliRunner

from conftest import CASES
from kg import identity, ids
from kg.annotation import Actor, Annotation, Meeting
from kg.build import build
from kg.cli import cli
from kg.mapping import to_dataset

IDENTITY_CASES = sorted(str(p) for p in CASES.glob("identity_*.yaml"))


@pytest.mark.parametrize(("a", "b"), [
    ("Wladimir Putin", "Vladimir Putin"),
    ("Sergej Lawrow", "Sergei Lavrov"),
    ("Sergey Lavrov", "Sergej Lawrow"),
    ("Sergei Lawrow", "Sergej Lawrow"),
    ("Wolodymyr Selenskyj", "Volodymyr Zelensky"),
    ("Wolodymyr Selenskyj", "Volodymyr Zelenskyy"),
    ("Tokajew", "Tokayev"),
    ("Michail Gorbatschow", "Mikhail Gorbachev"),
    ("Nikita Chruschtschow", "Nikita Khrushchev"),
    ("Boris Jelzin", "Boris Yeltsin"),
    ("Dmitri Medwedew", "Dmitry Medvedev"),
    ("Dmitrij Medwedew", "Dmitry Medvedev"),
    ("Alexej Nawalny", "Alexei Navalny"),
    ("Maria Sacharowa", "Maria Zakharova"),
    ("Nursultan Nasarbajew", "Nursultan Nazarbayev"),
    ("Viktor Janukowitsch", "Viktor Yanukovych"),
    ("Arseni Jazenjuk", "Arseniy Yatsenyuk"),
    ("Julia Timoschenko", "Yulia Tymoshenko"),
    ("Petro Poroschenko", "Petro Poroshenko"),
    ("Sergej Schoigu", "Sergei Shoigu"),
    ("Ramsan Kadyrow", "Ramzan Kadyrov"),
    ("Ali Chamenei", "Ali Khamenei"),
    ("Hassan Ruhani", "Hassan Rouhani"),
    ("Baschar al-Assad", "Bashar al-Assad"),
    ("Baschar al-Assad", "Bashar Assad"),
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
    ("Kim Jong Un", "Kim Jong-un"),
    ("Präsident Wladimir Putin", "Vladimir Putin"),
    ("Außenminister Sergej Lawrow", "Foreign Minister Sergei Lavrov"),
    ("Bundeskanzlerin Angela Merkel", "Chancellor Angela Merkel"),
    ("Dr. Angela Merkel", "Angela Merkel"),
    ("Mr. Lavrov", "Lawrow"),
])
def test_spellings_of_one_person_share_a_key(a: str, b: str) -> None:
    assert identity.person_key(a) == identity.person_key(b)
    assert ids.actor_iri(a, "Person") == ids.actor_iri(b, "Person")


@pytest.mark.parametrize(("a", "b"), [
    ("Li Keqiang", "Li Qiang"),
    ("Donald Trump", "Donald Trump Jr."),
    ("Donald Trump", "Donald Jr."),
    ("Kim Jong Un", "Kim Jong Il"),
    ("Kim Jong Un", "Kim Yo Jong"),
    ("Boris Johnson", "Lyndon Johnson"),
    ("Joe Biden", "Hunter Biden"),
    ("Sergej Lawrow", "Sergej Skripal"),
    ("Wladimir Putin", "Wladimir Klitschko"),
    ("Viktor Klitschko", "Vitali Klitschko"),
    ("Raúl Castro", "Fidel Castro"),
    ("Mike Pence", "Mike Pompeo"),
    ("Ali Chamenei", "Ali Laridschani"),
    ("Putin", "Wladimir Putin"),        # a bare surname is not resolved across articles
    ("Angela Merkel", "Angela Merkels Berater"),
    ("Marco Rubio", "Marcos Rubio"),
])
def test_different_people_keep_different_keys(a: str, b: str) -> None:
    assert identity.person_key(a) != identity.person_key(b)


@pytest.mark.parametrize(("name", "slug"), [
    ("Wladimir Putin", "wladimir-putin"),
    ("Vladimir Putin", "wladimir-putin"),
    ("Sergei Lavrov", "sergej-lawrow"),
    ("Olaf Scholz", "olaf-scholz"),
    ("Frank-Walter Steinmeier", "frank-walter-steinmeier"),
    ("Xi Jinping", "xi-jinping"),
    ("Präsident", "prasident"),           # a title alone is kept: something must remain
])
def test_person_iris_stay_readable(name: str, slug: str) -> None:
    assert str(ids.actor_iri(name, "Person")).endswith(f"/actor/{slug}")


@pytest.mark.parametrize(("names", "slug"), [
    (["USA", "US", "United States", "Vereinigte Staaten", "United States of America"], "usa"),
    (["Russland", "Russia", "Russian Federation"], "russland"),
    (["Großbritannien", "Vereinigtes Königreich", "United Kingdom", "UK"], "grossbritannien"),
    (["Nordkorea", "North Korea"], "nordkorea"),
    (["Deutschland", "Germany"], "deutschland"),
    (["Türkei", "Turkey"], "turkei"),
])
def test_country_names_in_both_languages_are_one_node(names: list[str], slug: str) -> None:
    iris = {ids.actor_iri(n, "Country") for n in names} | {ids.place_iri(n, "Country")
                                                            for n in names}
    assert {str(i) for i in iris} == {f"https://w3id.org/kg/id/country/{slug}"}


@pytest.mark.parametrize(("kind", "names"), [
    ("Organization", ["Europäische Union", "EU", "European Union"]),
    ("Organization", ["Weißes Haus", "White House"]),
    ("Organization", ["Vereinte Nationen", "UNO", "United Nations"]),
    ("City", ["Moskau", "Moscow"]),
    ("City", ["Sotschi", "Sochi"]),
    ("City", ["Genf", "Geneva"]),
    ("City", ["Kiew", "Kyiv", "Kiev"]),
    ("City", ["Donezk", "Donetsk"]),
])
def test_gazetteer_and_rules_join_other_names(kind: str, names: list[str]) -> None:
    mint = ids.place_iri if kind == "City" else ids.actor_iri
    assert len({mint(n, kind) for n in names}) == 1


@pytest.mark.parametrize(("kind", "a", "b"), [
    ("City", "Moskau", "Minsk"),
    ("Organization", "Europäische Union", "Afrikanische Union"),
    ("Country", "Niger", "Nigeria"),
    ("Country", "Südkorea", "Nordkorea"),
    ("Organization", "Bundesregierung", "US-Regierung"),
])
def test_different_things_stay_apart(kind: str, a: str, b: str) -> None:
    mint = ids.place_iri if kind == "City" else ids.actor_iri
    assert mint(a, kind) != mint(b, kind)


def test_posts_are_keyed_by_role_and_canonical_of() -> None:
    post = ids.post_iri("Außenminister", "Russland")
    assert ids.post_iri("Außenministerin", "Russia") == post
    assert str(post).endswith("/post/aussenminister--russland")
    assert ids.post_iri("Außenminister", "Ukraine") != post


def test_meeting_iri_from_participants_and_date() -> None:
    putin, trump = (ids.actor_iri(n, "Person") for n in ("Wladimir Putin", "Donald Trump"))
    one = identity.meeting_iri("a.txt", "Gipfel", [putin, trump], "2025-08-15")
    assert one == identity.meeting_iri("b.txt", "summit", [trump, putin], "2025-08-15")
    assert str(one).endswith("/meeting/2025-08-15/donald-trump--wladimir-putin")
    assert identity.meeting_iri("a.txt", "Gipfel", [putin, trump], "2025-08-16") != one
    # without a date, or with fewer than two named participants: scoped to the article
    assert identity.meeting_iri("a.txt", "Gipfel", [putin, trump], None) == \
        ids.meeting_iri("a.txt", "Gipfel")
    assert identity.meeting_iri("a.txt", "Gipfel", [putin], "2025-08-15") == \
        ids.meeting_iri("a.txt", "Gipfel")


def _who_met_whom(runner: CliRunner, graph: str) -> list[dict[str, str]]:
    result = runner.invoke(cli, ["query", graph, "--name", "who-met-whom", "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_putin_from_german_and_english_articles_is_one_node(tmp_path) -> None:
    assert len(IDENTITY_CASES) == 3
    out = str(tmp_path / "g.trig")
    runner = CliRunner()
    built = runner.invoke(cli, ["build", *IDENTITY_CASES, "-o", out])
    assert built.exit_code == 0, built.output
    rows = _who_met_whom(runner, out)
    pairs = {frozenset((r["actor1"], r["actor2"])): r for r in rows}
    # Wladimir Putin (two German articles) and Vladimir Putin (English) are one node:
    # each partner appears in exactly one pair with him
    assert len(rows) == 2
    labels = {label for pair in pairs for label in pair}
    assert len(labels & {"Wladimir Putin", "Vladimir Putin"}) == 1
    trump = next(r for p, r in pairs.items() if "Donald Trump" in p)
    # the summit, reported by all three articles, is one meeting with every article's label
    assert trump["meetings"] == "1"
    assert set(re.split(r";\s*", trump["labels"])) == {"Treffen", "Gipfeltreffen", "summit"}
    # the undated phone call: merged through the two articles' common dateline
    erdogan = next(r for p, r in pairs.items() if any(n.startswith("Recep") for n in p))
    assert erdogan["meetings"] == "1"
    assert set(re.split(r";\s*", erdogan["labels"])) == {"Telefonat", "phone call"}


def test_putin_is_one_node_in_a_store_too(tmp_path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "store")
    built = runner.invoke(cli, ["build", *IDENTITY_CASES, "--store", store])
    assert built.exit_code == 0, built.output
    result = runner.invoke(cli, ["query", "--store", store, "--name", "who-met-whom",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert sorted(r["meetings"] for r in rows) == ["1", "1"]
    assert len({r["actor2"] for r in rows} & {"Wladimir Putin", "Vladimir Putin"}) == 1


def test_merge_report_counts_shared_nodes() -> None:
    ds, report = build(IDENTITY_CASES)
    assert report.errors == [] and report.articles == 3
    counts = identity.merge_report(ds)
    assert counts["meetings"] == 2 and counts["meetings_merged"] == 2
    # Putin, Trump, Lawrow/Lavrov, Erdoğan/Erdogan, Russland/Russia, USA/United States
    assert counts["actors_merged"] == 6
    assert counts["actors_respelled"] == 5      # all but Donald Trump are spelt differently
    assert counts["places_merged"] == 1         # Anchorage
    # Skripal, Li Qiang, Tokayev, the Kremlin, Kazakhstan, Turkey: one article each
    assert counts["actors"] == 12


def test_merge_report_on_a_single_article_merges_nothing() -> None:
    ds, _ = build(IDENTITY_CASES[:1])
    counts = identity.merge_report(ds)
    assert counts["meetings"] == 1
    assert counts["meetings_merged"] == counts["actors_merged"] == 0


def test_merge_report_reads_a_pyoxigraph_store() -> None:
    ox = pytest.importorskip("pyoxigraph")
    ds, _ = build(IDENTITY_CASES)
    store = ox.Store()
    store.load(ds.serialize(format="trig").encode("utf-8"), format=ox.RdfFormat.TRIG)
    assert identity.merge_report(store) == identity.merge_report(ds)


def test_identity_lexicon_rules_compile() -> None:
    t = identity.tables()
    assert len(t.rules) >= 10
    assert all(p.pattern for p, _ in t.rules)


def _call(article: str, date: str | None, partner: str = "Olaf Scholz") -> Annotation:
    text = f"Wladimir Putin telefonierte mit {partner}."
    return Annotation(article=article, date=date,
                      actors=[Actor(name="Wladimir Putin"), Actor(name=partner)],
                      meetings=[Meeting(label="Telefonat", kind="phone", evidence=text,
                                        participants=["Wladimir Putin", partner])])


@pytest.mark.parametrize(("dates", "merged", "window"), [
    (["2024-03-01", "2024-03-01"], 1, 0),      # same dateline: one node by construction
    (["2024-03-01", "2024-03-03"], 0, 2),      # two days apart: two nodes, both candidates
    (["2024-03-01", "2024-03-09"], 0, 0),      # a week apart: different calls
    ([None, None], 0, 0),                      # no dateline: article-scoped, never merged
])
def test_undated_meetings_merge_by_dateline(dates: list[str | None], merged: int,
                                            window: int) -> None:
    anns = [_call(f"call-{i}.txt", d) for i, d in enumerate(dates)]
    ds = to_dataset((a, f"Wladimir Putin telefonierte mit {a.actors[1].name}.") for a in anns)
    counts = identity.merge_report(ds, window=3)
    assert counts["meetings_merged"] == merged
    assert counts["meetings"] == 2 - merged
    assert counts["meetings_window"] == window


def test_window_ignores_other_participants() -> None:
    anns = [_call("a.txt", "2024-03-01"), _call("b.txt", "2024-03-02", "Emmanuel Macron")]
    ds = to_dataset((a, f"Wladimir Putin telefonierte mit {a.actors[1].name}.") for a in anns)
    assert identity.merge_report(ds)["meetings_window"] == 0
