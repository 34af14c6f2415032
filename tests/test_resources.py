"""Every lexicon file loads and validates; errors are reported with their place."""

from __future__ import annotations

import pytest

from kg import resources
from kg.errors import LexiconError
from kg.extract.gazetteer import gazetteer

DE_FILES = ["countries", "organizations", "roles", "first_names", "groups", "places", "words",
            "institutions", "people"]


@pytest.mark.parametrize("name", DE_FILES)
def test_de_lexicon_loads(name: str) -> None:
    assert resources.lexicon("de", name)


def test_countries_cover_the_world() -> None:
    countries = resources.lexicon("de", "countries")
    names = {c.name for c in countries}
    assert len(countries) >= 240
    assert {"USA", "Russland", "Kasachstan", "Deutschland", "Österreich"} <= names


def test_no_form_names_two_countries() -> None:
    seen: dict[str, str] = {}
    for c in resources.lexicon("de", "countries"):
        for form in [c.name, *c.forms]:
            assert seen.setdefault(form, c.name) == c.name, form


def test_no_duplicate_roles() -> None:
    roles = [r.role for r in resources.lexicon("de", "roles").roles]
    assert len(roles) == len(set(roles))


def test_invalid_file_lists_every_problem() -> None:
    bad = [{"name": "X", "iso": "xx"}, {"name": "", "iso": "DE", "colour": 1}]
    with pytest.raises(LexiconError) as info:
        resources.validate(bad, resources.SCHEMAS["countries"], "de/countries.yaml")
    lines = str(info.value).splitlines()
    assert len(lines) == 3
    assert any(line.startswith("[de/countries.yaml:0 (X) -> iso]") for line in lines)
    assert any("unknown field" in line for line in lines)


def test_unknown_lexicon_is_an_error() -> None:
    with pytest.raises(LexiconError, match="no such lexicon"):
        resources.lexicon("de", "nonexistent")


@pytest.mark.parametrize("word, written, of", [
    ("US-Außenminister", "US-Außenminister", "USA"),
    ("Bundesaußenminister", "Bundesaußenminister", "Deutschland"),
    ("Bundeskanzlerin", "Bundeskanzlerin", "Deutschland"),
    ("Präsidenten", "Präsident", None),
    ("Kremlchef", "Kremlchef", "Russland"),
    ("EU-Außenbeauftragte", "EU-Außenbeauftragte", "Europäische Union"),
    ("UNO-Generalsekretär", "UNO-Generalsekretär", "Vereinte Nationen"),
])
def test_role_analysis(word: str, written: str, of: str | None) -> None:
    hit = gazetteer("de").role_of_token(word)
    assert hit is not None and (hit.written, hit.of) == (written, of)


@pytest.mark.parametrize("word", ["Haus", "Berlin", "präsident", "Spitzen-Treffen", ""])
def test_not_a_role(word: str) -> None:
    assert gazetteer("de").role_of_token(word) is None


def test_adjectives_and_genitives() -> None:
    g = gazetteer("de")
    assert g.adjectives["russische"] == "Russland"
    assert g.adjectives["kasachischen"] == "Kasachstan"
    assert g.match(["Kasachstans"], 0)[1].name == "Kasachstan"
    assert g.match(["Vereinigte", "Staaten", "von", "Amerika"], 0) == (4, g.match(["USA"], 0)[1])
