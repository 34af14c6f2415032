"""From inputs to graphs: annotation files or article texts → one dataset.

The CLI's ``build`` and ``demo`` commands are thin skins over these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg import annotation as ann_io
from kg import resources
from kg.annotation import Annotation
from kg.errors import InputError, KgError
from kg.mapping import add_annotation, new_dataset

ANNOTATION_SUFFIXES = (".yaml", ".yml", ".json")
TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
SEED = "alaska-gipfel-tokajew"


@dataclass
class BuildReport:
    """What a build did: articles added, triples written and per-input errors."""

    articles: int = 0
    triples: int = 0
    errors: list[str] = field(default_factory=list)


def read_input(path: str | Path) -> tuple[Annotation, str | None]:
    """An annotation and its article text from an annotation file or an article.

    Annotation files (YAML/JSON) are checked (references, evidence); their article text is
    looked up beside them.  Article texts (``.txt``, ``.html``, ``-`` for stdin) are run
    through :func:`kg.extract.extract`.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if str(path) != "-" and not p.exists():
        raise InputError(f"{p}: no such file")
    if suffix in ANNOTATION_SUFFIXES:
        annotation = ann_io.load(p, check=True)
        return annotation, ann_io.article_text(annotation, p.parent)
    if str(path) == "-" or suffix in TEXT_SUFFIXES or not suffix:
        return extract_file(p)
    raise InputError(f"{p}: unknown input kind {suffix!r} (expected an annotation "
                     f"{'/'.join(ANNOTATION_SUFFIXES)} or an article {'/'.join(TEXT_SUFFIXES)})")


def extract_file(path: str | Path) -> tuple[Annotation, str]:
    """Read an article (text, HTML or ``-`` for stdin) and extract its annotation."""
    from kg.extract import extract
    from kg.extract.reader import read_article

    text, name = read_article(path)
    return extract(text, article=name), text


def build(inputs: Iterable[str | Path], dataset: Dataset | None = None,
          on_error: Callable[[str], None] | None = None) -> tuple[Dataset, BuildReport]:
    """Add every input's named graph to ``dataset`` (new if None).

    A bad input is reported (``on_error``) and skipped; the others still go in.
    """
    ds = dataset if dataset is not None else new_dataset()
    report = BuildReport()
    for item in inputs:
        try:
            annotation, text = read_input(item)
            add_annotation(ds, annotation, text)
            report.articles += 1
        except KgError as exc:
            report.errors.append(str(exc))
            if on_error:
                on_error(str(exc))
    report.triples = sum(1 for _ in ds.quads((None, None, None, None)))
    return ds, report


def sample_dir() -> Path:
    """Folder of the bundled sample data (installed package or source checkout)."""
    try:
        return resources.sample_file(f"{SEED}.txt").parent
    except KgError as exc:
        raise InputError(str(exc)) from None
