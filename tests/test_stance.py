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
    # whole-word entries: "Streit" is negative, "Streitkräfte" are not
    ("der Streit gehe weiter", "sagte", "negative"),
    ("die Streitkräfte seien verlegt worden", "sagte", "neutral"),
    # prefixes no longer catch unrelated words ("einige", "offenbar", "England")
    ("einige Punkte seien offenbar in England geklärt", "sagte", "neutral"),
    ("die Ukraine unterstütze die Rebellen", "werfen vor", "negative"),
])
def test_stance(text: str, cue: str, expected: str) -> None:
    assert stance_of(text.split(), cue) == expected


def test_statement_stance_ignores_negated_cue_words_and_speaker_names() -> None:
    import re

    from kg.annotation import Actor
    from kg.extract.context import Context, Mention
    from kg.extract.pipeline import make_nlp
    from kg.extract.statements import find_statements

    def context(text: str, names: dict[str, str]) -> Context:
        mentions = [Mention(m.start(), m.end(), actor, "name") for form, actor in names.items()
                    for m in re.finditer(re.escape(form), text)]
        return Context(text=text, doc=make_nlp("de")(text), date=None,
                       actors=[Actor(name=n, type="Person") for n in set(names.values())],
                       mentions=sorted(mentions, key=lambda m: m.start))

    text = ("May ließ keinen Zweifel daran, dass sie am Austritt festhält. "
            "Anführer der Proteste hatten um ein Treffen gebeten.")
    got = find_statements(context(text, {"May": "Theresa May",
                                         "Anführer der Proteste": "Anführer der Proteste"}), [])
    assert [(s.speaker, s.stance) for s in got] == [("Theresa May", "neutral"),
                                                   ("Anführer der Proteste", "neutral")]
