"""Places with type and part_of."""

from __future__ import annotations

import pytest

from kg.extract import extract


def _places(text: str) -> dict[str, tuple[str, str | None]]:
    return {p.name: (p.type, p.part_of) for p in extract(text).places}


def test_facility_city_region_country() -> None:
    places = _places("Das Treffen fand auf der Elmendorf-Richardson-Militärbasis in Anchorage, "
                     "Alaska, statt. Alaska grenzt an Russland. Die USA kauften es.")
    assert places["Elmendorf-Richardson-Militärbasis"] == ("Facility", "Anchorage")
    assert places["Anchorage"] == ("City", "Alaska")
    assert places["Alaska"] == ("Region", "USA")
    assert places["Russland"] == ("Country", None)


@pytest.mark.parametrize("text, name, expected", [
    ("Merkel reiste nach Peking. China begrüßte sie.", "Peking", ("City", "China")),
    ("Merkel reiste nach Peking.", "Peking", ("City", None)),    # China not named
    ("Gespräche in Moskau.", "Moskau", ("City", None)),
    ("Die Gäste kamen im Schloss Meseberg an.", "Schloss Meseberg", ("Facility", None)),
    ("Die Lage in der Ukraine bleibt angespannt.", "Ukraine", ("Country", None)),
])
def test_place_table(text: str, name: str, expected: tuple) -> None:
    assert _places(text)[name] == expected


@pytest.mark.parametrize("text", ["", "Niemand war da.", "Der Präsident sprach lange."])
def test_no_places(text: str) -> None:
    assert _places(text) == {}
