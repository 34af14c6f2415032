"""Actors, roles and coreference from German sentences (tables of input → expected)."""

from __future__ import annotations

import pytest

from kg.extract import build_context, extract


def _actors(text: str) -> dict[str, tuple[str, list[tuple[str, str | None]]]]:
    ann = extract(text)
    return {a.name: (a.type, [(r.role, r.of) for r in a.roles]) for a in ann.actors}


@pytest.mark.parametrize("text, name, roles", [
    ("Kasachstans Präsident Kassym-Schomart Tokajew sprach von einem Durchbruch.",
     "Kassym-Schomart Tokajew", [("Präsident", "Kasachstan")]),
    ("Der russische Außenminister Sergej Lawrow traf in Wien ein.",
     "Sergej Lawrow", [("Außenminister", "Russland")]),
    ("US-Außenminister Mike Pompeo sagte seinen Besuch ab.",
     "Mike Pompeo", [("US-Außenminister", "USA")]),
    ("Bundesaußenminister Heiko Maas reiste nach Brüssel.",
     "Heiko Maas", [("Bundesaußenminister", "Deutschland")]),
    ("Das sagte Bundeskanzlerin Angela Merkel am Montag.",
     "Angela Merkel", [("Bundeskanzlerin", "Deutschland")]),
    ("Das betonte der ehemalige Außenminister Joschka Fischer.",
     "Joschka Fischer", [("ehemalige Außenminister", "Deutschland")]),  # home office
])
def test_titled_person(text: str, name: str, roles: list) -> None:
    actors = _actors(text)
    assert name in actors
    assert actors[name] == ("Person", roles)


def test_apposition_role() -> None:
    actors = _actors("Das erklärte Heiko Maas, Außenminister der Bundesrepublik Deutschland.")
    assert actors["Heiko Maas"][1] == [("Außenminister", "Deutschland")]


def test_surname_alias_and_genitive() -> None:
    ann = extract("Präsident Wladimir Putin empfing die Gäste. Später lobte Putin den Gipfel. "
                  "Putins Sprecher schwieg.")
    putin = ann.actor("Wladimir Putin")
    assert putin is not None and putin.aliases == ["Putin"]
    assert [a.name for a in ann.actors if a.type == "Person"] == ["Wladimir Putin"]


def test_coreference_title_and_pronoun() -> None:
    text = ("Kremlchef Wladimir Putin traf Bundeskanzlerin Angela Merkel. Der Kremlchef lobte "
            "das Treffen. Sie sprach von Fortschritten. Er schwieg dazu.")
    ctx = build_context(text)
    kinds = {(text[m.start:m.end], m.actor, m.kind) for m in ctx.mentions}
    assert ("Kremlchef", "Wladimir Putin", "title") in kinds
    assert ("Sie", "Angela Merkel", "pronoun") in kinds
    assert ("Er", "Wladimir Putin", "pronoun") in kinds


def test_beide_staatschefs_is_both_persons() -> None:
    text = ("Präsident Donald Trump traf Präsident Wladimir Putin. Danach traten beide "
            "Staatschefs vor die Presse.")
    ctx = build_context(text)
    pair = {m.actor for m in ctx.mentions if m.kind == "group"}
    assert pair == {"Donald Trump", "Wladimir Putin"}


@pytest.mark.parametrize("text, name, typ", [
    ("Die NATO verstärkt ihre Präsenz.", "NATO", "Organization"),
    ("Das kasachische Präsidialamt reagierte rasch.", "kasachisches Präsidialamt",
     "Organization"),
    ("Kasachstan bemüht sich um Vermittlung.", "Kasachstan", "Country"),
    ("Beobachter sehen darin ein Signal.", "Beobachter", "Group"),
    ("Auf US-Seite nahm der Sondergesandte teil.", "USA", "Country"),
])
def test_other_actors(text: str, name: str, typ: str) -> None:
    actors = _actors(text)
    assert name in actors, actors
    assert actors[name][0] == typ


@pytest.mark.parametrize("text", [
    "",
    "Das Wetter war gestern schön und der Himmel blau.",
    "In Berlin und Wien regnete es.",                 # places only, nobody acts
    "Bild: Keystone/Clemens Bilan",                    # picture credit
])
def test_no_person(text: str) -> None:
    assert not [a for a in extract(text).actors if a.type == "Person"]


@pytest.mark.parametrize("text, acting, located", [
    ("Die USA, China und Russland zogen an einem Strang.", {"USA", "China", "Russland"}, set()),
    ("Es ging um die Lage in Venezuela, Iran und Syrien.", set(), {"Venezuela", "Iran", "Syrien"}),
    ("Der Minister reiste nach Syrien. Er zeigte Verständnis für Russland.", {"Russland"},
     {"Syrien"}),
    ("Das Abkommen mit dem Iran gilt als historisch.", {"Iran"}, set()),
    ("Russlands Präsident Wladimir Putin kam in die Ukraine.", set(), {"Russland", "Ukraine"}),
])
def test_countries_act_unless_only_located(text: str, acting: set, located: set) -> None:
    countries = {n for n, (t, _) in _actors(text).items() if t == "Country"}
    assert acting <= countries
    assert not located & countries


@pytest.mark.parametrize("text, name, roles", [
    # the clause's side, not the next sentence's
    ("Auf US-Seite nahmen Präsident Donald Trump und Sondergesandter Steve Witkoff teil, "
     "während Präsident Wladimir Putin allein kam.", "Steve Witkoff",
     [("Sondergesandter", "USA")]),
    # the reporting agency's country for an office with a home prefix
    ("Wien (APA) - Bundespräsident Alexander Van der Bellen reiste ab.",
     "Alexander Van der Bellen", [("Bundespräsident", "Österreich")]),
    # one country per name in a coordination
    ("Er traf die französischen und russischen Präsidenten Emmanuel Macron und Wladimir Putin.",
     "Emmanuel Macron", [("Präsident", "Frankreich")]),
    ("US-Präsident Donald Trump traf seinen russischen Amtskollegen Wladimir Putin.",
     "Wladimir Putin", [("Präsident", "Russland")]),
    # the people lexicon needs first and last name; a surname alone gives nothing
    ("Präsident Wladimir Putin empfing die Gäste.", "Wladimir Putin", [("Präsident", "Russland")]),
    ("Präsident Xaver Putin empfing die Gäste.", "Xaver Putin", [("Präsident", None)]),
    ("Die Organisation von Präsident Xaver Lukas wuchs.", "Xaver Lukas", [("Präsident", None)]),
])
def test_role_of_from_context(text: str, name: str, roles: list) -> None:
    actors = _actors(text)
    assert name in actors, actors
    assert actors[name][1] == roles


@pytest.mark.parametrize("text, name", [
    ("Ein Sprecher der Arabischen Liga sagte nichts.", "Arabische Liga"),
    ("Der Arktische Rat tagte in Finnland.", "Arktischer Rat"),
    ("Der Chefredakteur der Zeitung «Hürriyet» schwieg.", "Hürriyet"),
    ("Das Auswärtige Amt teilte mit, es sei besorgt.", "Auswärtiges Amt"),
])
def test_organisations(text: str, name: str) -> None:
    actors = _actors(text)
    assert actors.get(name, ("",))[0] == "Organization", actors


def test_building_only_as_place_is_no_actor() -> None:
    assert "Bundeskanzleramt" not in _actors("Im Kanzleramt gab es Kaffee und Kuchen.")
