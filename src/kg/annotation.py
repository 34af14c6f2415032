"""The annotation document: typed models of ../shared/corpus/FORMAT.md.

An :class:`Annotation` is what ``kg extract`` writes, what a person edits as YAML and
what :mod:`kg.mapping` turns into RDF.  Loading validates the schema (unknown keys,
bad enums) and the cross-references and evidence, and reports *every* problem with its
place in one :class:`~kg.errors.AnnotationError`.

>>> a = Annotation(article="x.txt", language="de", actors=[Actor(name="Angela Merkel")])
>>> a.actors[0].type
'Person'
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kg.errors import AnnotationError, InputError

ActorType = Literal["Person", "Organization", "Country", "Group"]
PlaceType = Literal["Country", "Region", "City", "Facility"]
MeetingKind = Literal["in-person", "phone", "video", "unknown"]
MeetingStatus = Literal["held", "planned", "cancelled"]
StatementKind = Literal["direct", "indirect"]
Stance = Literal["positive", "negative", "neutral", "mixed"]

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
# Fields kg adds beyond FORMAT.md; written only when set.
_OPTIONAL_EXTRAS = ("confidence", "start", "end", "source")


def _iso_date(value: Any) -> str | None:
    """Accept a date object or an ISO ``YYYY-MM[-DD]`` string; return the string."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not _DATE.match(text):
        raise ValueError(f"date {text!r} is not YYYY-MM-DD or YYYY-MM")
    year, month, *day = (int(x) for x in text.split("-"))
    try:
        _dt.date(year, month, day[0] if day else 1)
    except ValueError as exc:
        raise ValueError(f"date {text!r}: {exc}") from None
    return text


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Role(_Model):
    """An office an actor holds: ``role`` as written, ``of`` the country/organisation."""

    role: str = Field(min_length=1)
    of: str | None = None


class Actor(_Model):
    """A person, organisation, country or group the article names."""

    name: str = Field(min_length=1)
    type: ActorType = "Person"
    aliases: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    named: bool = True
    confidence: float | None = Field(default=None, ge=0, le=1)

    @field_validator("aliases", "roles", mode="before")
    @classmethod
    def _none_is_empty(cls, v: Any) -> Any:
        return [] if v is None else v


class Place(_Model):
    """A location the article names, with the next larger named place."""

    name: str = Field(min_length=1)
    type: PlaceType = "City"
    part_of: str | None = None
    confidence: float | None = Field(default=None, ge=0, le=1)


class Meeting(_Model):
    """An encounter between two or more actors."""

    label: str = Field(min_length=1)
    participants: list[str] = Field(default_factory=list)
    kind: MeetingKind = "unknown"
    place: str | None = None
    date: str | None = None
    status: MeetingStatus = "held"
    evidence: str = Field(min_length=1)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    confidence: float | None = Field(default=None, ge=0, le=1)

    @field_validator("date", mode="before")
    @classmethod
    def _check_date(cls, v: Any) -> str | None:
        return _iso_date(v)


class Statement(_Model):
    """One reported speech act: one cue of one speaker."""

    speaker: str = Field(min_length=1)
    kind: StatementKind = "indirect"
    cue: str = ""
    content: str = ""
    about: list[str] = Field(default_factory=list)
    stance: Stance = "neutral"
    evidence: str = Field(min_length=1)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    confidence: float | None = Field(default=None, ge=0, le=1)

    @field_validator("about", mode="before")
    @classmethod
    def _none_is_empty(cls, v: Any) -> Any:
        return [] if v is None else v


class Annotation(_Model):
    """One article's annotation document (FORMAT.md)."""

    article: str = Field(min_length=1)
    language: str = Field(default="de", pattern=r"^[a-z]{2}$")
    date: str | None = None
    source: str | None = None
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)

    @field_validator("date", mode="before")
    @classmethod
    def _check_date(cls, v: Any) -> str | None:
        return _iso_date(v)

    @field_validator("actors", "places", "meetings", "statements", mode="before")
    @classmethod
    def _none_is_empty(cls, v: Any) -> Any:
        return [] if v is None else v

    # ------------------------------------------------------------------ lookups
    def actor(self, name: str) -> Actor | None:
        """The actor called ``name`` (exact name), or None."""
        return next((a for a in self.actors if a.name == name), None)

    def place(self, name: str) -> Place | None:
        """The place called ``name`` (exact name), or None."""
        return next((p for p in self.places if p.name == name), None)

    def meeting(self, label: str) -> Meeting | None:
        """The meeting labelled ``label``, or None."""
        return next((m for m in self.meetings if m.label == label), None)

    def to_dict(self) -> dict[str, Any]:
        """Plain data in FORMAT.md's key order; kg's optional extras only when set."""
        data = self.model_dump(mode="json")
        _drop_unset_extras(data)
        return data


def _drop_unset_extras(node: Any) -> None:
    if isinstance(node, dict):
        for key in _OPTIONAL_EXTRAS:
            if key in node and node[key] is None:
                del node[key]
        for value in node.values():
            _drop_unset_extras(value)
    elif isinstance(node, list):
        for value in node:
            _drop_unset_extras(value)


# ---------------------------------------------------------------------- checks
def problems(annotation: Annotation, text: str | None = None) -> list[str]:
    """Every cross-reference and evidence problem, each with its place.

    ``text`` is the article text; without it evidence is not checked.
    """
    out: list[str] = []
    actors = {a.name for a in annotation.actors}
    places = {p.name for p in annotation.places}
    labels = [m.label for m in annotation.meetings]
    for kind, names in (("actor", [a.name for a in annotation.actors]),
                        ("place", [p.name for p in annotation.places]),
                        ("meeting", labels)):
        seen: set[str] = set()
        for name in names:
            if name in seen:
                out.append(f"{kind}s: {name!r} is listed twice")
            seen.add(name)
    for i, a in enumerate(annotation.actors):
        for j, r in enumerate(a.roles):
            if r.of is not None and r.of not in actors | places:
                out.append(f"actors[{i}] ({a.name}).roles[{j}].of: unknown actor or place {r.of!r}")
    for i, p in enumerate(annotation.places):
        if p.part_of is not None and p.part_of not in places:
            out.append(f"places[{i}] ({p.name}).part_of: unknown place {p.part_of!r}")
    for i, m in enumerate(annotation.meetings):
        where = f"meetings[{i}] ({m.label})"
        for who in m.participants:
            if who not in actors:
                out.append(f"{where}.participants: unknown actor {who!r}")
        if m.place is not None and m.place not in places:
            out.append(f"{where}.place: unknown place {m.place!r}")
        out.extend(_evidence_problems(where, m.evidence, m.start, m.end, text))
    refs = actors | places | set(labels)
    for i, s in enumerate(annotation.statements):
        where = f"statements[{i}] ({s.speaker}: {s.cue})"
        if s.speaker not in actors:
            out.append(f"{where}.speaker: unknown actor {s.speaker!r}")
        for x in s.about:
            if x not in refs:
                out.append(f"{where}.about: unknown actor, place or meeting {x!r}")
        out.extend(_evidence_problems(where, s.evidence, s.start, s.end, text))
    return out


def _evidence_problems(where: str, evidence: str, start: int | None, end: int | None,
                       text: str | None) -> list[str]:
    if text is None:
        return []
    if start is not None and end is not None:
        if text[start:end] != evidence:
            return [f"{where}.evidence: offsets {start}-{end} do not hold the evidence text"]
        return []
    if evidence not in text:
        return [f"{where}.evidence: not found in the article: {evidence[:60]!r}"]
    return []


def evidence_span(evidence: str, text: str, start: int | None = None,
                  end: int | None = None) -> tuple[int, int] | None:
    """Character offsets of ``evidence`` in ``text`` (given offsets win when they fit)."""
    if start is not None and end is not None and text[start:end] == evidence:
        return start, end
    pos = text.find(evidence)
    return None if pos < 0 else (pos, pos + len(evidence))


# ----------------------------------------------------------------------- I/O
def from_data(data: Any, source: str | None = None) -> Annotation:
    """Validate plain data (parsed YAML/JSON) into an Annotation, or raise AnnotationError."""
    if not isinstance(data, dict):
        raise AnnotationError(["the document is not a mapping of FORMAT.md fields"], source)
    try:
        return Annotation.model_validate(data)
    except ValidationError as exc:
        raise AnnotationError([_format_error(e, data) for e in exc.errors()], source) from None


def _format_error(err: Any, data: Any) -> str:
    loc = err.get("loc", ())
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            label = ""
            if isinstance(node, list) and key < len(node) and isinstance(node[key], dict):
                item = node[key]
                label = item.get("name") or item.get("label") or item.get("speaker") or ""
            parts.append(f"[{key}]" + (f" ({label})" if label else ""))
            node = node[key] if isinstance(node, list) and key < len(node) else None
        else:
            parts.append(("." if parts else "") + str(key))
            node = node.get(key) if isinstance(node, dict) else None
    msg = err.get("msg", "invalid")
    if err.get("type") == "extra_forbidden":
        msg = "unknown field"
    return f"{''.join(parts) or 'document'}: {msg}"


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file, with one-line errors for missing or undecodable files."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder, not a file")
    raw = p.read_bytes()
    if b"\x00" in raw[:4096]:
        raise InputError(f"{p}: binary file, expected UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: not UTF-8 text (byte {exc.start})") from None


def parse(text: str, source: str = "<string>", fmt: str = "yaml") -> Annotation:
    """Parse YAML or JSON text into a validated Annotation (schema only)."""
    try:
        data = json.loads(text) if fmt == "json" else yaml.load(text, Loader=_YAML_LOADER)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        first = str(exc).strip().splitlines()
        raise AnnotationError([f"malformed {fmt.upper()}: {' '.join(first)[:200]}"],
                              source) from None
    return from_data(data, source)


def load(path: str | Path, check: bool = True) -> Annotation:
    """Load a YAML or JSON annotation; with ``check``, also references and evidence.

    The article text is looked up beside the file (``article`` is relative to it).
    """
    p = Path(path)
    fmt = "json" if p.suffix.lower() == ".json" else "yaml"
    ann = parse(read_text(p), str(p), fmt)
    if check:
        text = article_text(ann, p.parent)
        found = problems(ann, text)
        if found:
            raise AnnotationError(found, str(p))
    return ann


def article_text(annotation: Annotation, folder: str | Path) -> str | None:
    """The article's text if ``annotation.article`` exists in ``folder``, else None."""
    candidate = Path(folder) / annotation.article
    return read_text(candidate) if candidate.is_file() else None


def dumps(annotation: Annotation, fmt: str = "yaml") -> str:
    """Serialise to YAML (FORMAT.md key order, Unicode kept) or JSON."""
    data = annotation.to_dict()
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(data, Dumper=_YAML_DUMPER, allow_unicode=True, sort_keys=False, width=100)


def dump(annotation: Annotation, path: str | Path) -> None:
    """Write an annotation; ``.json`` gives JSON, anything else YAML."""
    p = Path(path)
    fmt = "json" if p.suffix.lower() == ".json" else "yaml"
    p.write_text(dumps(annotation, fmt), encoding="utf-8")
