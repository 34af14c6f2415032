"""Pydantic schemas of kg's lexicon files (``assets/lexicons/<lang>/*.yaml``).

:mod:`kg.resources` loads each file and validates it with the schema registered here under
the file's name; a linguist's typo becomes a ``[file:entry -> field] message`` line.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kg.annotation import PlaceType


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Country(_Entry):
    """A country: canonical short name, other names, prefixes, adjectives, capital."""

    name: str = Field(min_length=1)
    iso: str = Field(pattern=r"^[A-Z]{2}$")
    forms: list[str] = Field(default_factory=list)
    prefixes: list[str] = Field(default_factory=list)
    adjectives: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    capital: str | None = None


class Organization(_Entry):
    """A named organisation, with aliases and the country it belongs to."""

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    of: str | None = None


class RoleEntry(_Entry):
    """An office: base form, other forms, implied ``of``."""

    role: str = Field(min_length=1)
    forms: list[str] = Field(default_factory=list)
    of: str | None = None
    home: bool = False


class Roles(_Entry):
    """roles.yaml: offices plus the prefixes and modifiers that attach to them."""

    prefixes: list[str] = Field(default_factory=list)
    modifiers: list[str] = Field(default_factory=list)
    org_prefixes: dict[str, str] = Field(default_factory=dict)
    roles: list[RoleEntry]


class FirstNames(_Entry):
    """first_names.yaml: given names."""

    names: list[str]


class GroupEntry(_Entry):
    """A generic collective ("Beobachter")."""

    name: str = Field(min_length=1)
    forms: list[str] = Field(default_factory=list)


class PlaceEntry(_Entry):
    """A place with its type and the next larger place."""

    name: str = Field(min_length=1)
    type: PlaceType = "City"
    part_of: str | None = None
    forms: list[str] = Field(default_factory=list)


class Places(_Entry):
    """places.yaml: places plus facility cue words."""

    places: list[PlaceEntry]
    facility_suffixes: list[str] = Field(default_factory=list)
    facility_heads: list[str] = Field(default_factory=list)


class Words(_Entry):
    """words.yaml: function words used by actor extraction."""

    not_names: list[str] = Field(default_factory=list)
    honorifics: list[str] = Field(default_factory=list)
    name_particles: list[str] = Field(default_factory=list)
    pronouns: dict[str, list[str]] = Field(default_factory=dict)
    pair_words: list[str] = Field(default_factory=list)
    side_words: list[str] = Field(default_factory=list)
    credit_words: list[str] = Field(default_factory=list)
    female_endings: list[str] = Field(default_factory=list)
    place_prepositions: list[str] = Field(default_factory=list)
    list_words: list[str] = Field(default_factory=list)
    colleague_words: list[str] = Field(default_factory=list)
    clause_breaks: list[str] = Field(default_factory=list)
    agencies: dict[str, str] = Field(default_factory=dict)
    home_prefixes: list[str] = Field(default_factory=list)
    home_default: str | None = None
    media_nouns: list[str] = Field(default_factory=list)
    org_heads: dict[str, str] = Field(default_factory=dict)


class Institution(_Entry):
    """A state-institution noun with its grammatical gender (m, f, n, pl; "-": the
    adjective before it is not inflected, as in English)."""

    noun: str = Field(min_length=1)
    gender: str = Field(pattern=r"^(m|f|n|pl|-)$")


class People(_Entry):
    """people.yaml: full name (first and last name) of an office holder → country name."""

    people: dict[str, str]


#: lexicon file name -> schema (kg.resources.register adds more)
SCHEMAS: dict[str, Any] = {
    "people": People,
    "institutions": list[Institution],
    "countries": list[Country],
    "organizations": list[Organization],
    "roles": Roles,
    "first_names": FirstNames,
    "groups": list[GroupEntry],
    "places": Places,
    "words": Words,
}

# ------------------------------------- meeting and statement stages (cues … grammar)
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class VerbEntry(_Strict):
    """A verb (phrase): base verb, optional separable particle, co-occurring words."""

    verb: str = Field(min_length=2)
    forms: list[str] | None = None
    particle: str | None = None
    with_: list[str] = Field(default_factory=list, alias="with")
    reflexive: bool = False
    content: bool = False
    cue: str | None = None
    passive_subject: bool = False
    without: list[str] = Field(default_factory=list)
    label: str | None = None
    kind: Literal["in-person", "phone", "video", "unknown"] = "unknown"

    @model_validator(mode="after")
    def _forms_not_empty(self) -> VerbEntry:
        if self.forms is not None and not self.forms:
            raise ValueError("forms is empty; leave it out for a regular verb")
        return self


class SourceEntry(_Strict):
    """A prepositional attribution ("laut X", "nach Angaben von X", "X zufolge")."""

    words: list[str] = Field(min_length=1)
    speaker: Literal["after", "before", "inside"] = "after"
    after_quote: bool = False


class ImpersonalEntry(_Strict):
    """A cue without a speaker of its own ("hieß es")."""

    words: list[str] = Field(min_length=1)


def _check_verbs(verbs: list[VerbEntry]) -> None:
    """Raise one ValueError naming every duplicate verb entry or companion word."""
    seen: set[tuple[Any, ...]] = set()
    problems = []
    for i, v in enumerate(verbs):
        key = (v.verb, v.particle, tuple(sorted(v.with_)), v.reflexive, v.content)
        if key in seen:
            problems.append(f"verbs[{i}] ({v.verb}): duplicate entry")
        seen.add(key)
        if len(set(v.with_)) != len(v.with_):
            problems.append(f"verbs[{i}] ({v.verb}): duplicate word in with")
    if problems:
        raise ValueError("; ".join(problems))


class Cues(_Strict):
    """cues.yaml."""

    verbs: list[VerbEntry] = Field(min_length=1)
    sources: list[SourceEntry] = Field(default_factory=list)
    impersonal: list[ImpersonalEntry] = Field(default_factory=list)
    exclude: list[list[str]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _no_duplicates(self) -> Any:
        _check_verbs(self.verbs)
        return self


class MeetingNoun(_Strict):
    """A meeting noun with its inflected forms."""

    label: str = Field(min_length=2)
    forms: list[str] = Field(min_length=1)
    kind: Literal["in-person", "phone", "video", "unknown"] = "unknown"
    weak: bool = False


class MeetingStatus(_Strict):
    """Status words of meetings."""

    planned: list[str] = Field(default_factory=list)
    cancelled: list[str] = Field(default_factory=list)
    cancel_verbs: list[str] = Field(default_factory=list)
    cancel_particle: str = "ab"
    future_auxiliaries: list[str] = Field(default_factory=list)
    #: auxiliaries before a meeting verb that make it past, hence held ("hatte … getroffen")
    past_auxiliaries: list[str] = Field(default_factory=list)
    present: list[str] = Field(default_factory=list)


class MeetingJoin(_Strict):
    """Words that add participants to a meeting named nearby (meetings.yaml: join)."""

    words: list[str] = Field(default_factory=list)
    particle_verbs: dict[str, list[str]] = Field(default_factory=dict)
    companion: list[str] = Field(default_factory=list)
    arrival: list[str] = Field(default_factory=list)
    delegates: list[str] = Field(default_factory=list)
    bilateral: list[str] = Field(default_factory=list)
    open_labels: list[str] = Field(default_factory=list)
    sidelines: list[str] = Field(default_factory=list)
    together: list[str] = Field(default_factory=list)
    pair_words: list[str] = Field(default_factory=list)
    pair_not: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)


class Meetings(_Strict):
    """meetings.yaml."""

    nouns: list[MeetingNoun] = Field(min_length=1)
    exclude: list[str] = Field(default_factory=list)
    verbs: list[VerbEntry] = Field(default_factory=list)
    status: MeetingStatus = Field(default_factory=MeetingStatus)
    anaphora: list[str] = Field(default_factory=list)
    determiners_definite: list[str] = Field(default_factory=list)
    join: MeetingJoin = Field(default_factory=MeetingJoin)
    blockers: dict[str, list[str]] = Field(default_factory=dict)
    negators: list[str] = Field(default_factory=list)
    #: words before a meeting mention that date a statement before it ("vor dem Treffen")
    timing_before: list[str] = Field(default_factory=list)
    #: prepositions before a place name that make it the meeting's place ("in Berlin")
    locative_prepositions: list[str] = Field(default_factory=list)
    #: meeting nouns are written with a capital (German); False: any case (English)
    capitalized: bool = True

    @model_validator(mode="after")
    def _no_duplicates(self) -> Any:
        _check_verbs(self.verbs)
        return self


class Stance(_Strict):
    """stance.yaml."""

    positive: list[str] = Field(min_length=1)
    negative: list[str] = Field(min_length=1)
    negators: list[str] = Field(default_factory=list)
    intensifiers: list[str] = Field(default_factory=list)
    cue_positive: list[str] = Field(default_factory=list)
    cue_negative: list[str] = Field(default_factory=list)
    contrast: list[str] = Field(default_factory=list)


class Dates(_Strict):
    """dates.yaml."""

    months: dict[str, int]
    weekdays: dict[str, int]
    weekday_suffixes: list[str] = Field(default_factory=list)
    relative: dict[str, int] = Field(default_factory=dict)


class Grammar(_Strict):
    """grammar.yaml: closed-class words."""

    prepositions: list[str]
    particles: list[str]
    subjunctions: list[str]
    content_subjunctions: list[str]
    relative_pronouns: list[str]
    articles: list[str]
    coordinators: list[str]
    reflexives: list[str]
    personal_pronouns: list[str]
    auxiliaries: list[str]
    subjunctive: list[str]
    oblique_articles: list[str] = Field(default_factory=list)
    passive_auxiliaries: list[str] = Field(default_factory=list)
    speaker_nouns: list[str] = Field(default_factory=list)
    speaker_suffixes: list[str] = Field(default_factory=list)
    demonstratives: list[str] = Field(default_factory=list)
    pair_words: list[str] = Field(default_factory=list)
    unnamed_source: list[str] = Field(default_factory=list)
    source_heads: list[str] = Field(default_factory=list)
    #: conjunctions a statement's content drops ("betonte, dass es …" → "es …")
    meaningless_subjunctions: list[str] = Field(default_factory=list)
    #: coordinators that may end or start a content ("als" in "bezeichnete X als historisch")
    content_coordinators: list[str] = Field(default_factory=list)
    #: words that join the members of a list of actors ("X und Y", "X and Y")
    list_joiners: list[str] = Field(default_factory=list)
    #: prepositions that introduce a meeting partner ("mit X", "with X", "zwischen X und Y")
    partner_prepositions: list[str] = Field(default_factory=list)
    #: words that may stand between a meeting trigger and its participants
    meeting_links: list[str] = Field(default_factory=list)


SCHEMAS.update({"cues": Cues, "meetings": Meetings, "stance": Stance, "dates": Dates,
                "grammar": Grammar})
