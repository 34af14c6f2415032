"""The one module that finds kg's package data (lexicons, queries).

``lexicon(lang, name)`` reads ``assets/lexicons/<lang>/<name>.yaml`` through
:mod:`importlib.resources`, validates it with the pydantic model registered for
``name`` and caches the result.  Every problem in a file is reported at once as one
:class:`~kg.errors.LexiconError` with ``[file:entry -> field] message`` lines.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from kg.annotation import PlaceType
from kg.errors import LexiconError

LANGUAGES = ("de", "en")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    """A state-institution noun with its grammatical gender (m, f, n, pl)."""

    noun: str = Field(min_length=1)
    gender: str = Field(pattern=r"^(m|f|n|pl)$")


class People(_Entry):
    """people.yaml: full name (first and last name) of an office holder → country name."""

    people: dict[str, str]


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


def register(name: str, schema: Any) -> None:
    """Register the pydantic model (or ``list[Model]``) that validates lexicon ``name``."""
    SCHEMAS[name] = schema
    lexicon.cache_clear()


def _path(lang: str, name: str) -> Any:
    return files("kg") / "assets" / "lexicons" / lang / f"{name}.yaml"


def lexicon_names(lang: str) -> list[str]:
    """Names of the lexicon files shipped for ``lang`` (without ``.yaml``)."""
    folder = files("kg") / "assets" / "lexicons" / lang
    if not folder.is_dir():
        return []
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@lru_cache(maxsize=64)
def lexicon(lang: str, name: str) -> Any:
    """The validated content of ``assets/lexicons/<lang>/<name>.yaml`` (cached)."""
    path = _path(lang, name)
    label = f"{lang}/{name}.yaml"
    if not path.is_file():
        raise LexiconError(f"[{label}] no such lexicon")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506
    except yaml.YAMLError as exc:
        first = " ".join(str(exc).split())[:200]
        raise LexiconError(f"[{label}] malformed YAML: {first}") from None
    schema = SCHEMAS.get(name)
    if schema is None:
        raise LexiconError(f"[{label}] no schema registered for this lexicon")
    return validate(data, schema, label)


def validate(data: Any, schema: Any, label: str) -> Any:
    """Validate ``data`` against ``schema``; raise one LexiconError listing every problem."""
    try:
        return TypeAdapter(schema).validate_python(data)
    except ValidationError as exc:
        lines = [_line(label, err, data) for err in exc.errors()]
        raise LexiconError("\n".join(lines)) from None


def _line(label: str, err: Any, data: Any) -> str:
    loc = list(err.get("loc", ()))
    entry = ""
    node = data
    fields: list[str] = []
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            name = node.get("name") or node.get("role") if isinstance(node, dict) else None
            entry = f"{key}" + (f" ({name})" if name else "")
        else:
            fields.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    msg = "unknown field" if err.get("type") == "extra_forbidden" else err.get("msg", "invalid")
    where = f"{label}:{entry}" if entry else label
    return f"[{where} -> {'.'.join(fields) or 'entry'}] {msg}"


def query(name: str) -> str:
    """The text of the SPARQL query ``assets/queries/<name>.rq``."""
    path = files("kg") / "assets" / "queries" / f"{name}.rq"
    if not path.is_file():
        from kg.errors import QueryError

        raise QueryError(f"unknown query {name!r}")
    return path.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------------------
# E2b: lexicons of the meeting and statement stages (cues, meetings, stance, dates, grammar)



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


SCHEMAS.update({"cues": Cues, "meetings": Meetings, "stance": Stance, "dates": Dates,
                "grammar": Grammar})


# ------------------------------------------------------------- other package data
def asset_text(*parts: str) -> str:
    """The text of ``assets/<parts...>`` (queries, viz templates, the server page)."""
    path = files("kg").joinpath("assets", *parts)
    if not path.is_file():
        raise LexiconError(f"[assets/{'/'.join(parts)}] missing from the kg package")
    return path.read_text(encoding="utf-8")


def asset_dir(*parts: str) -> Path:
    """The folder ``assets/<parts...>`` as a path."""
    return Path(str(files("kg").joinpath("assets", *parts)))


def _shipped_or_source(folder: str, name: str) -> Path | None:
    """``kg/<folder>/<name>`` in an installed wheel, or ``<repo>/<folder>/<name>`` in a
    source checkout (editable install): ontology/ and data/ live at the repository's top."""
    packaged = files("kg").joinpath(folder, name)
    if packaged.is_file():
        return Path(str(packaged))
    source = Path(__file__).resolve().parents[2] / folder / name
    return source if source.is_file() else None


def ontology_file(name: str = "kg.ttl") -> Path:
    """Path of an ontology file (``kg.ttl``, ``shapes.ttl``)."""
    path = _shipped_or_source("ontology", name)
    if path is None:
        raise LexiconError(f"[ontology/{name}] missing from the kg package")
    return path


def sample_file(name: str) -> Path:
    """Path of a bundled sample file (the seed article and its annotation)."""
    path = _shipped_or_source("data", name)
    if path is None:
        raise LexiconError(f"[data/{name}] the bundled sample is missing from this installation")
    return path
