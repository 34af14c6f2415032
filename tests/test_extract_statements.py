"""Statement extraction on sentences with hand-made contexts (actors found by string)."""

from __future__ import annotations

import re

import pytest

from kg.annotation import Actor
from kg.extract.context import Context, Mention
from kg.extract.pipeline import make_nlp
from kg.extract.statements import find_statements
from kg.resources import Cues as CuesModel
from kg.resources import LexiconError, validate


def context(text: str, names: dict[str, str], date: str | None = None) -> Context:
    """A context whose mentions are the given surface forms (form → actor name)."""
    actors = {n: Actor(name=n, type="Person") for n in dict.fromkeys(names.values())}
    mentions = []
    for form, actor in names.items():
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            mentions.append(Mention(m.start(), m.end(), actor, "name"))
    return Context(text=text, doc=make_nlp("de")(text), date=date, actors=list(actors.values()),
                   mentions=mentions)


CASES = [
    # text, surface forms, expected (speaker, cue, kind) in order
    ("Trump sprach anschließend von einem „produktiven Austausch“, betonte aber zugleich, "
     "dass es noch keine konkreten Ergebnisse gebe.", {"Trump": "Donald Trump"},
     [("Donald Trump", "sprach von", "indirect"), ("Donald Trump", "betonte", "indirect")]),
    ("Putin seinerseits hob die konstruktive Atmosphäre hervor.", {"Putin": "Wladimir Putin"},
     [("Wladimir Putin", "hob hervor", "indirect")]),
    ("„Wir sind mehr als nur gute Nachbarn und arbeiten eng zusammen“, sagte Steinmeier in Bern.",
     {"Steinmeier": "Frank-Walter Steinmeier"}, [("Frank-Walter Steinmeier", "sagte", "direct")]),
    ("Merkel und Poroschenko begrüßten, dass die Wirtschaft wieder wachse.",
     {"Merkel": "Angela Merkel", "Poroschenko": "Petro Poroschenko"},
     [("Angela Merkel", "begrüßten", "indirect"), ("Petro Poroschenko", "begrüßten", "indirect")]),
    ("Laut Bundesregierung sprach sich Merkel für einen Dialog aus.",
     {"Bundesregierung": "Bundesregierung", "Merkel": "Angela Merkel"},
     [("Bundesregierung", "Laut", "indirect"), ("Angela Merkel", "sprach sich aus", "indirect")]),
    ("Es bringe nichts, so Van der Bellen.", {"Van der Bellen": "Alexander Van der Bellen"},
     [("Alexander Van der Bellen", "so", "indirect")]),
    ("Lawrow wehrte diese Avancen aber ab: „In Syrien braucht man nur eine Vermittlung.“",
     {"Lawrow": "Sergej Lawrow"}, [("Sergej Lawrow", "wehrte ab", "direct")]),
    ("Dann räumte Maas ein, dass Fehler gemacht worden seien.", {"Maas": "Heiko Maas"},
     [("Heiko Maas", "räumte ein", "indirect")]),
    # must yield nothing: no cue, a meeting verb, a cancellation, a nominal speech act
    ("Merkel traf Macron in Meseberg.", {"Merkel": "Angela Merkel", "Macron": "Emmanuel Macron"},
     []),
    ("Pompeo sagte das Treffen kurzfristig ab.", {"Pompeo": "Mike Pompeo"}, []),
    ("Die Delegationen sprachen drei Stunden miteinander.", {}, []),
    ("Die Bitte von Scholz blieb unbeantwortet.", {"Scholz": "Olaf Scholz"}, []),
    # the particle closes the clause: "zu dem", "vor der" are prepositions
    ("Er sei hocherfreut, sagte Putin zu dem US-Präsidenten.", {"Putin": "Wladimir Putin"},
     [("Wladimir Putin", "sagte", "indirect")]),
    ("Sie warf den Diskus weit und siegte vor der Russin Sadova.", {"Sadova": "Sadova"}, []),
    # reflexive use of a non-reflexive cue, fixed phrases, passive without agent
    ("Der Zünder stellte sich als Attrappe heraus.", {}, []),
    ("Die Polizei ermittelt, genauer gesagt ihr Sonderdezernat.", {}, []),
    # an agentless passive with reported content has an unnamed source; without content,
    # or in a fixed impersonal phrase, it reports nothing
    ("Die Männer werden beschuldigt, Mitglieder einer Vereinigung zu sein.", {},
     [("ungenannte Quelle", "beschuldigt", "indirect")]),
    ("Die Anzahl der Geiseln wurde noch nicht offiziell bestätigt.", {}, []),
    ("Es wird erwartet, dass der Amtsinhaber erneut antritt.", {}, []),
    # sources the article leaves unnamed speak in its own words
    ("Es handele sich ersten Angaben zufolge um vier Täter.", {},
     [("ersten Angaben", "zufolge", "indirect")]),
    ("Einer der 13 beteiligten Feuerwehrmänner sagte: „Ich habe so etwas noch nie gesehen.“",
     {}, [("Einer der 13 beteiligten Feuerwehrmänner", "sagte", "direct")]),
    ("Am Montag sagte der 81-jährige Besitzer in einem Interview, er habe nichts gesehen.", {},
     [("81-jährige Besitzer", "sagte", "indirect")]),
    ("Eine Heilung sei ausgeschlossen, heißt es in dem Bericht.", {},
     [("Bericht", "heißt es", "indirect")]),
    # a definite office noun stands for the person who holds it
    ("Merkel kam nach Paris. „Ein guter Tag für ganz Europa“, so die Kanzlerin.",
     {"Merkel": "Angela Merkel"},
     [("Angela Merkel", "so", "direct")]),
    # an apposition names the speaker; a spokesman of a body speaks, not the body
    ("Die Vorsitzende des Ausschusses des Bundestags, Jensen, rief die Kanzlerin auf, "
     "Aktivisten zu treffen.", {"Bundestags": "Bundestag", "Jensen": "Jensen"},
     [("Jensen", "rief auf", "indirect")]),
    ("Ein Sprecher der US-Botschaft begründete die Entscheidung mit dringenden Terminen.",
     {"US-Botschaft": "US-Botschaft"}, [("Sprecher der US-Botschaft", "begründete",
                                         "indirect")]),
    # a source phrase that names its owner: a country adjective, a compound's first part,
    # a possessive that points to the last speaker
    ("Nach armenischen Angaben griffen Einheiten an.", {}, [("Armenien", "Nach armenischen Angaben",
                                                            "indirect")]),
    ("Medienberichten zufolge sollen 30 Menschen gestorben sein.", {},
     [("Medien", "zufolge", "indirect")]),
    ("Spinetta weist die Vorwürfe zurück. Seiner Meinung nach hätte die Aufsicht handeln "
     "müssen.", {"Spinetta": "Jean-Cyril Spinetta"},
     [("Jean-Cyril Spinetta", "weist zurück", "indirect"),
      ("Jean-Cyril Spinetta", "Meinung nach", "indirect")]),
    # a cross-reference in parentheses and a verb in a non-reporting sense are no statements
    ("Der Streit geht weiter (Wikinews berichtete).", {"Wikinews": "Wikinews"}, []),
    ("Die Flut hat mehr als 100 Todesopfer gefordert.", {}, []),
    ("Das Gericht verurteilte Müller zu zwei Jahren Haft.", {"Müller": "Müller"}, []),
    # passive with agent: the agent speaks; compound tense: subject around the auxiliary
    ("Der Kompromiss ist international begrüßt worden - auch von Russland.",
     {"Russland": "Russland"}, [("Russland", "begrüßt", "indirect")]),
    ("Dazu hat Staatssekretär Berninger gefordert, dass Tankstellen Biosprit anbieten.",
     {"Berninger": "Matthias Berninger"}, [("Matthias Berninger", "gefordert", "indirect")]),
    # an object after the verb is no subject: the coordinated clause keeps its speaker
    ("Tusk lachte und zitierte dann den Briten Lennon: „You may say I am a "
     "dreamer.“", {"Tusk": "Donald Tusk", "Lennon": "John Lennon"},
     [("Donald Tusk", "zitierte", "direct")]),
]


@pytest.mark.parametrize("text, names, expected", CASES)
def test_statements(text: str, names: dict[str, str], expected: list[tuple[str, str, str]]
                    ) -> None:
    ctx = context(text, names)
    got = find_statements(ctx, [])
    assert [(s.speaker, s.cue, s.kind) for s in got] == expected
    for s in got:
        assert text[s.start:s.end] == s.evidence
        assert s.cue.split()[0] in s.evidence or s.cue == "Laut"


def test_pronoun_speaker_resolves_to_last_person() -> None:
    text = "Kneissl reiste nach Moskau. Sie sagte, sie sei zuversichtlich."
    got = find_statements(context(text, {"Kneissl": "Karin Kneissl"}), [])
    assert [(s.speaker, s.cue) for s in got] == [("Karin Kneissl", "sagte")]


def test_unnamed_speaker_becomes_unnamed_actor() -> None:
    text = "Ein Sprecher des Ministeriums sagte, die Lage sei ernst."
    ctx = context(text, {})
    got = find_statements(ctx, [])
    assert [s.speaker for s in got] == ["Sprecher des Ministeriums"]
    assert ctx.actor("Sprecher des Ministeriums").named is False


def test_cue_lexicon_is_large_and_validated() -> None:
    from kg.extract.stmt_lex import lexicon

    assert len(lexicon("de", "cues").verbs) >= 100
    with pytest.raises(LexiconError) as err:
        validate({"verbs": [{"verb": "x"}, {"verb": "sagen", "bogus": 1}]}, CuesModel, "c")
    assert "unknown field" in str(err.value) and "at least 2" in str(err.value)


@pytest.mark.parametrize(("text", "speaker"), [
    ("Die Vogelgrippe breitet sich aus. Das erklärte gestern ein Sprecher des Ministeriums.",
     "Sprecher des Ministeriums"),
    ("Die Kanadier hingegen sagen, der Pilot trage die Verantwortung.", "Kanadier"),
    ("Ein Regierungssprecher in Berlin sagte, dass die Lieferung angekommen sei.",
     "Regierungssprecher"),
])
def test_unnamed_subject_phrases(text: str, speaker: str) -> None:
    got = find_statements(context(text, {}), [])
    assert [s.speaker for s in got] == [speaker]


@pytest.mark.parametrize("text", [
    "Der Empfang war feierlich, militärische Ehren unterstrichen die Bedeutung des Treffens.",
    "Die Untersuchung stellte fest, dass nichts geschah.",
])
def test_inanimate_subjects_do_not_speak(text: str) -> None:
    assert find_statements(context(text, {}), []) == []


def test_die_beiden_speak_as_the_last_two_persons() -> None:
    text = ("Erdogan traf Merkel in Berlin. Auch kündigten die beiden für Oktober ein "
            "Treffen an.")
    got = find_statements(context(text, {"Erdogan": "Recep Tayyip Erdogan",
                                         "Merkel": "Angela Merkel"}), [])
    assert sorted(s.speaker for s in got) == ["Angela Merkel", "Recep Tayyip Erdogan"]


# content: the reported message in the article's words, not the evidence minus cue words
CONTENT_CASES = [
    ("Trump sprach anschließend von einem „produktiven Austausch“.", {"Trump": "Donald Trump"},
     ["produktiven Austausch"]),
    ("Trump betonte aber zugleich, dass es noch keine konkreten Ergebnisse gebe.",
     {"Trump": "Donald Trump"}, ["es noch keine konkreten Ergebnisse gebe"]),
    ("Putin seinerseits hob die konstruktive Atmosphäre hervor.", {"Putin": "Wladimir Putin"},
     ["konstruktive Atmosphäre"]),
    ("Präsident Tokajew bezeichnete den Gipfel als historisch.", {"Tokajew": "Tokajew"},
     ["Gipfel als historisch"]),
    ("„Wir sind mehr als nur gute Nachbarn“, sagte Steinmeier in Bern.",
     {"Steinmeier": "Steinmeier"}, ["Wir sind mehr als nur gute Nachbarn"]),
    ("Er sei hocherfreut, sagte Putin zu dem US-Präsidenten.", {"Putin": "Wladimir Putin"},
     ["Er sei hocherfreut"]),
    ("Es bringe nichts, so Van der Bellen.", {"Van der Bellen": "Van der Bellen"},
     ["Es bringe nichts"]),
    ("Lawrow sagte, er sei zuversichtlich.", {"Lawrow": "Sergej Lawrow"},
     ["er sei zuversichtlich"]),
    ("Merkel sprach sich für einen Dialog aus.", {"Merkel": "Angela Merkel"},
     ["für einen Dialog"]),
    ("Es handele sich ersten Angaben zufolge um vier Täter.", {},
     ["Es handele sich um vier Täter"]),
    ("Merkel betonte: „Europa ist unsere Zukunft.“", {"Merkel": "Angela Merkel"},
     ["Europa ist unsere Zukunft"]),
    ("Van der Bellen zeigte Verständnis für Russland.", {"Van der Bellen": "Van der Bellen"},
     ["Verständnis für Russland"]),
    ("Ein besonderes Lob sprach er dem Engagement vieler Schweizer aus.", {},
     ["Engagement vieler Schweizer"]),
    # verb second after an adverbial: the first name after the verb speaks; "und betonte"
    # continues the same subject
    ("Darüber hinaus übermittelte Tokajew Putin seine Glückwünsche zu den Ergebnissen des "
     "Treffens und betonte die Bedeutung der Zusammenarbeit.",
     {"Tokajew": "Tokajew", "Putin": "Wladimir Putin"},
     ["Glückwünsche zu den Ergebnissen des Treffens", "Bedeutung der Zusammenarbeit"]),
]


@pytest.mark.parametrize("text, names, expected", CONTENT_CASES)
def test_content(text: str, names: dict[str, str], expected: list[str]) -> None:
    ctx = context(text, names)
    if "Ein besonderes Lob" in text:
        ctx = context("Steinmeier kam nach Bern. " + text, {"Steinmeier": "Steinmeier"})
    got = find_statements(ctx, [])
    assert [s.content for s in got] == expected
    if "Tokajew Putin" in text:
        assert [s.speaker for s in got] == ["Tokajew", "Tokajew"]


_EDGE = set(",;:.!?–-„“\"«»()")


@pytest.mark.parametrize("text, names, expected", CASES + CONTENT_CASES)
def test_content_is_clean(text: str, names: dict[str, str], expected: object) -> None:
    for s in find_statements(context(text, names), []):
        assert s.content and s.content[0] not in _EDGE and s.content[-1] not in _EDGE
        assert s.content.split()[0].lower() not in ("und", "aber", "oder", "dass", "ob")
        assert s.content.split()[-1].lower() not in ("und", "aber", "oder", "dass", "ob")


def test_adjacent_surnames_of_two_persons_are_two_mentions() -> None:
    from kg.extract import extract

    text = ("Kasachstans Präsident Kassym-Schomart Tokajew rief Wladimir Putin an. Darüber "
            "hinaus übermittelte Tokajew Putin seine Glückwünsche zu den Ergebnissen des "
            "Treffens.")
    ann = extract(text)
    assert "Tokajew Putin" not in {a.name for a in ann.actors}
    said = [s for s in ann.statements if s.cue.startswith("übermittelte")]
    assert [s.speaker for s in said] == ["Kassym-Schomart Tokajew"]
    assert said[0].content == "Glückwünsche zu den Ergebnissen des Treffens"


# ------------------------------------------------------------------ about-linking
def _about_of(text: str, names: dict[str, str], meetings: list[tuple[str, list[str], str]]
              ) -> list[tuple[str, list[str]]]:
    """(speaker, meetings in about) of each statement; ``meetings`` are (label, participants,
    trigger word) with the trigger's every occurrence as the meeting's mention span."""
    from kg.annotation import Meeting

    ctx = context(text, names)
    ms, spans = [], {}
    for label, who, word in meetings:
        ms.append(Meeting(label=label, participants=who, kind="in-person", status="held",
                          evidence=word))
        spans[label] = [(m.start(), m.end()) for m in re.finditer(re.escape(word), text)]
    ctx.meeting_spans = spans  # type: ignore[attr-defined]
    labels = {m.label for m in ms}
    return [(s.speaker, [x for x in s.about if x in labels]) for s in find_statements(ctx, ms)]


_PEOPLE = {"Maas": "Heiko Maas", "Pompeo": "Mike Pompeo", "Lawrow": "Sergej Lawrow",
           "Putin": "Wladimir Putin", "Borrell": "Josep Borrell", "Merkel": "Angela Merkel",
           "Poroschenko": "Petro Poroschenko", "Macron": "Emmanuel Macron"}

ABOUT_CASES = [
    # names the meeting in its own words
    ("Nach dem Treffen mit Merkel sagte Poroschenko, die Sanktionen müssten bleiben.",
     [("Treffen", ["Angela Merkel", "Petro Poroschenko"], "Treffen")],
     [("Petro Poroschenko", ["Treffen"])]),
    # a statement dated before the meeting does not react to it, nor does the next one
    ("Merkel empfing Poroschenko in Berlin. Poroschenko forderte vor dem Treffen mit Merkel, "
     "die Sanktionen aufrechtzuerhalten. „Wir brauchen entschiedene Handlungen“, sagte er.",
     [("Treffen", ["Angela Merkel", "Petro Poroschenko"], "Treffen")],
     [("Petro Poroschenko", []), ("Petro Poroschenko", [])]),
    # a definite anaphor refers back to the meeting last named, however far
    ("Merkel traf Macron zum Treffen in Berlin. Beide sprachen über die Ukraine. Danach gab es "
     "ein Abendessen. Am Mittwoch äußerte sich Lawrow kritisch über das Ereignis.",
     [("Treffen", ["Angela Merkel", "Emmanuel Macron"], "Treffen")],
     [("Sergej Lawrow", ["Treffen"])]),
    # an indefinite one does not
    ("Merkel traf Macron zum Treffen in Berlin. Beide sprachen über die Ukraine. Danach gab es "
     "ein Abendessen. Am Mittwoch sagte Lawrow, ein solches Ereignis sei selten.",
     [("Treffen", ["Angela Merkel", "Emmanuel Macron"], "Treffen")],
     [("Sergej Lawrow", [])]),
    # a participant's "Gespräch" is the smallest meeting of his named just before
    ("Maas kam mit Pompeo zum Vieraugengespräch zusammen, der zur NATO-Konferenz gereist war. "
     "„Wir hatten ein sehr gutes Gespräch“, so Maas.",
     [("Vieraugengespräch", ["Heiko Maas", "Mike Pompeo"], "Vieraugengespräch"),
      ("NATO-Konferenz", ["Heiko Maas", "Mike Pompeo", "Sergej Lawrow", "Josep Borrell"],
       "NATO-Konferenz")],
     [("Heiko Maas", ["Vieraugengespräch"])]),
    # attendees of a conference speak at it in a paragraph that names it ...
    ("Pompeo forderte einen Überwachungsmechanismus. Putin äußerte sich zuversichtlich. "
     "Borrell erklärte, die Konferenz müsse Erfolg haben.",
     [("Libyen-Konferenz", ["Mike Pompeo", "Wladimir Putin", "Josep Borrell"], "Konferenz")],
     [("Mike Pompeo", ["Libyen-Konferenz"]), ("Wladimir Putin", ["Libyen-Konferenz"]),
      ("Josep Borrell", ["Libyen-Konferenz"])]),
    # ... but not those who do not attend it, nor in another paragraph
    ("Lawrow forderte einen Überwachungsmechanismus.\n\nPutin äußerte sich zuversichtlich. "
     "Weitere Staaten waren vertreten. Und noch mehr. Borrell erklärte, die Konferenz müsse "
     "Erfolg haben.",
     [("Libyen-Konferenz", ["Mike Pompeo", "Sergej Lawrow", "Josep Borrell"], "Konferenz")],
     [("Sergej Lawrow", []), ("Wladimir Putin", []), ("Josep Borrell", ["Libyen-Konferenz"])]),
]


@pytest.mark.parametrize("text, meetings, expected", ABOUT_CASES)
def test_about_meetings(text: str, meetings: list[tuple[str, list[str], str]],
                        expected: list[tuple[str, list[str]]]) -> None:
    names = {k: v for k, v in _PEOPLE.items() if k in text}
    assert _about_of(text, names, meetings) == expected
