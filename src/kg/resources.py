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
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from kg.errors import LexiconError
from kg.schemas import SCHEMAS, Cues, VerbEntry  # noqa: F401  (re-exported)

LANGUAGES = ("de", "en")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)




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
