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
    # excess tempers a polar word instead of turning it; the cue aims at the excess
    ("Wir wollen uns nicht zu früh freuen", "sagte", "mixed"),
    ("vor zu großem Optimismus", "warnt", "mixed"),
    ("die Erwartungen seien zu optimistisch", "sagte", "mixed"),
    # must not: the preposition "zu", a plain warning, plain negation
    ("das führe zu großen Erfolgen", "sagte", "positive"),
    ("vor einer Eskalation", "warnte", "negative"),
    ("wir wollen uns nicht freuen", "sagte", "negative"),
    # advocating for / against something
    ("Merkel sprach sich für einen Dialogprozess aus", "sprach sich aus", "positive"),
    ("Merkel sprach sich gegen den Plan aus", "sprach sich aus", "negative"),
    ("Merkel sprach über den Plan", "sprach", "neutral"),
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


def test_statement_stance_ignores_words_of_actor_names() -> None:
    import re

    from kg.annotation import Actor
    from kg.extract.context import Context, Mention
    from kg.extract.pipeline import make_nlp
    from kg.extract.statements import find_statements

    text = ("Steinmeier sagte, Russland solle in der Organisation für Sicherheit und "
            "Zusammenarbeit in Europa mitarbeiten.")
    names = {"Steinmeier": "Frank-Walter Steinmeier",
             "Organisation für Sicherheit und Zusammenarbeit in Europa": "OSZE"}
    mentions = sorted((Mention(m.start(), m.end(), actor, "name") for form, actor in names.items()
                       for m in re.finditer(re.escape(form), text)), key=lambda m: m.start)
    ctx = Context(text=text, doc=make_nlp("de")(text), date=None,
                  actors=[Actor(name=n, type="Person") for n in names.values()],
                  mentions=mentions)
    assert [(s.speaker, s.stance) for s in find_statements(ctx, [])] == [
        ("Frank-Walter Steinmeier", "neutral")]
    assert stance_of(text.split(), "sagte") == "positive"  # the name's words would count


@pytest.mark.parametrize("text, expected", [
    # a closing cue ("…, betonte Seibert") takes its stance from what precedes it
    ("Die beiden hätten den Wunsch nach enger Zusammenarbeit bekräftigt, betonte Seibert.",
     [("Seibert", "positive")]),
    # must not: a cue with a clause of its own keeps to its own words
    ("Trump sprach von einem produktiven Austausch, betonte aber zugleich, dass es noch "
     "keine Ergebnisse gebe.", [("Trump", "positive"), ("Trump", "neutral")]),
])
def test_statement_stance_of_closing_cues(text: str, expected: list[tuple[str, str]]) -> None:
    from kg.annotation import Actor
    from kg.extract.context import Context, Mention
    from kg.extract.pipeline import make_nlp
    from kg.extract.statements import find_statements

    who = expected[0][0]
    mentions = [Mention(text.index(who), text.index(who) + len(who), who, "name")]
    ctx = Context(text=text, doc=make_nlp("de")(text), date=None,
                  actors=[Actor(name=who, type="Person")], mentions=mentions)
    got = [(s.speaker, s.stance) for s in find_statements(ctx, []) if s.speaker == who]
    assert got[-len(expected):] == expected
