"""Stance from the polarity lexicon with negation and cue polarity."""

from __future__ import annotations

import pytest

from kg.extract.stance import stance_of


@pytest.mark.parametrize("text, cue, expected", [
    ("von einem historischen Durchbruch", "sprach von", "positive"),
    ("die konstruktive Atmosphäre", "hob hervor", "positive"),
    ("die Lage sei besorgniserregend", "sagte", "negative"),
    ("die Angriffe der Separatisten", "verurteilte", "negative"),
    ("ohne konkrete Fortschritte", "sagte", "negative"),
    ("das sei nicht gut", "sagte", "negative"),
    ("Steinmeier habe telefoniert", "hieß es", "neutral"),
])
def test_stance(text: str, cue: str, expected: str) -> None:
    assert stance_of(text.split(), cue) == expected
