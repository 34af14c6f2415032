"""Meeting extraction and date resolution on sentences with hand-made contexts."""

from __future__ import annotations

import re

import pytest

from kg.annotation import Actor
from kg.extract.context import Context, Mention
from kg.extract.meetings import find_meetings
from kg.extract.mtg_when import resolve_date
from kg.extract.pipeline import make_nlp


def context(text: str, names: dict[str, str]) -> Context:
    """A context whose mentions are the given surface forms (form → actor name)."""
    actors = [Actor(name=n, type="Person") for n in dict.fromkeys(names.values())]
    mentions = [Mention(m.start(), m.end(), actor, "name") for form, actor in names.items()
                for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
    return Context(text=text, doc=make_nlp("de")(text), actors=actors, mentions=mentions)

CASES = [
    # text, surface forms, expected (label, participants, kind, status)
    ("Beim Gipfel zwischen Trump und Putin in Alaska blieb ein Ergebnis aus.",
     {"Trump": "Donald Trump", "Putin": "Wladimir Putin"},
     [("Gipfel", ["Donald Trump", "Wladimir Putin"], "in-person", "held")]),
    ("Trump telefonierte mit Merkel. Das Telefonat dauerte eine Stunde.",
     {"Trump": "Donald Trump", "Merkel": "Angela Merkel"},
     [("Telefonat", ["Donald Trump", "Angela Merkel"], "phone", "held")]),
    ("Kurzfristig sagte Pompeo das Treffen mit Merkel ab.",
     {"Pompeo": "Mike Pompeo", "Merkel": "Angela Merkel"},
     [("Treffen", ["Mike Pompeo", "Angela Merkel"], "in-person", "cancelled")]),
    ("Für Oktober ist ein Syrien-Treffen mit Macron und Putin geplant.",
     {"Macron": "Emmanuel Macron", "Putin": "Wladimir Putin"},
     [("Syrien-Treffen", ["Emmanuel Macron", "Wladimir Putin"], "in-person", "planned")]),
    # nothing: one participant only, no trigger
    ("Merkel reiste nach Peking.", {"Merkel": "Angela Merkel"}, []),
    ("Die Gesprächsthemen waren vielfältig.", {}, []),
]


@pytest.mark.parametrize("text, names, expected", CASES)
def test_meetings(text: str, names: dict[str, str], expected: list[tuple]) -> None:
    got = find_meetings(context(text, names))
    assert [(m.label, m.participants, m.kind, m.status) for m in got] == expected
    for m in got:
        assert text[m.start:m.end] == m.evidence


@pytest.mark.parametrize("text, article, status, expected", [
    ("fand am 15. August 2025 statt", "2025-08-19", "held", "2025-08-15"),
    ("am Freitag (27.04.) nach Brüssel", "2018-04-27", "held", "2018-04-27"),
    ("traf er am Freitag", "2025-08-19", "held", "2025-08-15"),
    ("will er am Freitag treffen", "2025-08-19", "planned", "2025-08-22"),
    ("gestern in Berlin", "2020-01-10", "held", "2020-01-09"),
    ("im Oktober", "2018-09", "planned", "2018-10"),
    ("ohne Datum", "2018-09-01", "held", None),
])
def test_resolve_date(text: str, article: str, status: str, expected: str | None) -> None:
    assert resolve_date(text, article, status) == expected


def rich_context(text: str, people: dict[str, str], orgs: dict[str, str] | None = None,
                 countries: tuple[str, ...] = ()) -> Context:
    """A context with person and organisation mentions and country places."""
    from kg.annotation import Place

    orgs = orgs or {}
    actors = [Actor(name=n, type="Person") for n in dict.fromkeys(people.values())]
    actors += [Actor(name=n, type="Organization") for n in dict.fromkeys(orgs.values())]
    mentions = [Mention(m.start(), m.end(), actor, "name")
                for form, actor in {**people, **orgs}.items()
                for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
    places = [Place(name=c, type="Country") for c in countries]
    return Context(text=text, doc=make_nlp("de")(text), actors=actors, mentions=mentions,
                   places=places)


JOIN_CASES = [
    # participants gathered from sentences that only mention the meeting
    ("Bei der Libyen-Konferenz in Berlin wird beraten. Neben Gesandten der EU nehmen an der "
     "Libyen-Konferenz Vertreter von Frankreich und Ägypten teil. Auch Guterres ist zugegen.",
     {"Guterres": "António Guterres"}, {"EU": "Europäische Union"}, ("Frankreich", "Ägypten"),
     [("Libyen-Konferenz", ["Europäische Union", "Frankreich", "Ägypten", "António Guterres"],
       "held")]),
    # delegations: "nahmen … teil", "von … begleitet"
    ("Das Treffen zwischen Trump und Putin fand in Anchorage statt. Auf US-Seite nahmen neben "
     "Präsident Trump auch Außenminister Rubio teil, während Putin von Lawrow begleitet wurde.",
     {"Trump": "Donald Trump", "Putin": "Wladimir Putin", "Rubio": "Marco Rubio",
      "Lawrow": "Sergei Lawrow"}, {}, (),
     [("Treffen", ["Donald Trump", "Wladimir Putin", "Marco Rubio", "Sergei Lawrow"], "held")]),
    # bilateral talks: one meeting per partner
    ("Vorab kamen Merkel und Maas mit Sarradsch und Haftar zu bilateralen Gesprächen zusammen.",
     {"Merkel": "Angela Merkel", "Maas": "Heiko Maas", "Sarradsch": "Fajis Sarradsch",
      "Haftar": "Chalifa Haftar"}, {}, (),
     [("Gespräch mit Sarradsch", ["Angela Merkel", "Heiko Maas", "Fajis Sarradsch"], "held"),
      ("Gespräch mit Haftar", ["Angela Merkel", "Heiko Maas", "Chalifa Haftar"], "held")]),
    # a present-tense meeting verb in a body sentence announces the meeting
    ("Van der Bellen trifft Putin zu Mittag in Sotschi.",
     {"Van der Bellen": "Alexander Van der Bellen", "Putin": "Wladimir Putin"}, {}, (),
     [("Treffen", ["Alexander Van der Bellen", "Wladimir Putin"], "planned")]),
    # a source is no participant
    ("Nach Angaben des Weißen Hauses sprach Trump mit Macron.",
     {"Trump": "Donald Trump", "Macron": "Emmanuel Macron"}, {"Weißen Hauses": "Weißes Haus"},
     (), [("Gespräch", ["Donald Trump", "Emmanuel Macron"], "held")]),
    # a list split by commas still belongs to "zwischen … vermittelt"
    ("Zusammen mit Fabius hatte Steinmeier zwischen Janukowitsch und den Oppositionsführern "
     "Jazenjuk, Klitschko und Tiagnibok vermittelt.",
     {"Fabius": "Laurent Fabius", "Steinmeier": "Frank-Walter Steinmeier",
      "Janukowitsch": "Viktor Janukowitsch", "Jazenjuk": "Arseni Jazenjuk",
      "Klitschko": "Vitali Klitschko", "Tiagnibok": "Oleg Tiagnibok"}, {}, (),
     [("Vermittlung", ["Frank-Walter Steinmeier", "Laurent Fabius", "Viktor Janukowitsch",
                       "Arseni Jazenjuk", "Vitali Klitschko", "Oleg Tiagnibok"], "held")]),
    # nothing: a conference nobody is said to attend; participation without a meeting
    ("Die Konferenz war ein Erfolg. Auch Guterres ist zugegen.",
     {"Guterres": "António Guterres"}, {}, (), []),
    ("Guterres nahm an der Abstimmung teil.", {"Guterres": "António Guterres"}, {}, (), []),
]


@pytest.mark.parametrize("text, people, orgs, countries, expected", JOIN_CASES)
def test_participants_gathered(text: str, people: dict[str, str], orgs: dict[str, str],
                               countries: tuple[str, ...], expected: list[tuple]) -> None:
    got = find_meetings(rich_context(text, people, orgs, countries))
    assert [(m.label, sorted(m.participants), m.status) for m in got] == \
        [(label, sorted(who), status) for label, who, status in expected]


STATUS_CASES = [
    # the clause's cancel word belongs to another head when the meeting noun is in a PP
    ("Erdogan wolle die für nach dem Treffen mit Merkel angesetzte Pressekonferenz absagen.",
     {"Erdogan": "Recep Tayyip Erdogan", "Merkel": "Angela Merkel"}, "held"),
    ("Kurzfristig sagte Pompeo das Treffen mit Merkel ab.",
     {"Pompeo": "Mike Pompeo", "Merkel": "Angela Merkel"}, "cancelled"),
    ("Am Donnerstag wird Kurz von Steinmeier empfangen.",
     {"Kurz": "Sebastian Kurz", "Steinmeier": "Frank-Walter Steinmeier"}, "planned"),
    ("Im Kanzleramt wurde Kurz von Merkel empfangen.",
     {"Kurz": "Sebastian Kurz", "Merkel": "Angela Merkel"}, "held"),
    ("Wenige Stunden vor geplanten Gesprächen mit Merkel sagte Pompeo ab.",
     {"Pompeo": "Mike Pompeo", "Merkel": "Angela Merkel"}, "cancelled"),
    ("Für Oktober ist ein Treffen mit Macron und Putin geplant.",
     {"Macron": "Emmanuel Macron", "Putin": "Wladimir Putin"}, "planned"),
]


@pytest.mark.parametrize("text, names, status", STATUS_CASES)
def test_status(text: str, names: dict[str, str], status: str) -> None:
    got = find_meetings(context(text, names))
    assert [m.status for m in got] == [status]


@pytest.mark.parametrize("text, names", [
    # sports, decisions, negation and "sprach von" are no meetings
    ("Cleveland trifft am Montag auf Detroit.", {"Cleveland": "Cleveland", "Detroit": "Detroit"}),
    ("Merkel und Macron haben eine Entscheidung getroffen.",
     {"Merkel": "Angela Merkel", "Macron": "Emmanuel Macron"}),
    ("Die USA und Südkorea verhandeln nicht mehr miteinander.",
     {"USA": "USA", "Südkorea": "Südkorea"}),
    ("Es gab kein Treffen zwischen Trump und Putin.",
     {"Trump": "Donald Trump", "Putin": "Wladimir Putin"}),
])
def test_no_meeting(text: str, names: dict[str, str]) -> None:
    assert find_meetings(context(text, names)) == []


def test_title_resolves_to_office_holder() -> None:
    text = "Zwar empfing Steinmeier den türkischen Präsidenten mit militärischen Ehren."
    ctx = context(text, {"Steinmeier": "Frank-Walter Steinmeier"})
    ctx.actors.append(Actor(name="Recep Tayyip Erdogan", type="Person",
                            roles=[{"role": "Präsident", "of": "Türkei"}]))
    got = find_meetings(ctx)
    assert [(m.label, m.participants) for m in got] == \
        [("Empfang", ["Frank-Walter Steinmeier", "Recep Tayyip Erdogan"])]


def test_die_beiden_are_the_pair_just_met() -> None:
    text = ("Trump hat sich mit Putin getroffen. Die beiden sprachen beim Gipfel miteinander. "
            "Beide Seiten sprachen später mit Macron.")
    got = find_meetings(context(text, {"Trump": "Donald Trump", "Putin": "Wladimir Putin",
                                       "Macron": "Emmanuel Macron"}))
    assert [(m.participants, m.status) for m in got] == \
        [(["Donald Trump", "Wladimir Putin"], "held")]
