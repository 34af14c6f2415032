"""Commands on annotation documents: extract, check, eval."""

from __future__ import annotations

import click

from kg.cli import cli
from kg.errors import KgError


# ---------------------------------------------------------------- annotations
@cli.command()
@click.argument("article", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write here (.yaml or .json); default: YAML to standard output.")
def extract(article: str, output: str | None) -> None:
    """Extract actors, roles, places, meetings and statements from an article.

    ARTICLE is a UTF-8 text or HTML file, or - for standard input.

    \b
    Example:
      kg extract ../shared/corpus/de/alaska-gipfel-tokajew.txt -o tokajew.yaml
    """
    from kg import annotation as ann_io
    from kg.build import extract_file

    annotation, _ = extract_file(article)
    if output:
        ann_io.dump(annotation, output)
        click.echo(f"wrote {output}: {_counts(annotation)}", err=True)
    else:
        click.echo(ann_io.dumps(annotation), nl=False)


def _counts(a) -> str:  # noqa: ANN001
    return (f"{len(a.actors)} actors, {len(a.places)} places, {len(a.meetings)} meetings, "
            f"{len(a.statements)} statements")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def check(files: tuple[str, ...]) -> None:
    """Check annotation files: schema, references and evidence.

    Every problem is listed with its place; exit code 1 when any file has one.

    \b
    Example:
      kg check data/alaska-gipfel-tokajew.gold.yaml
    """
    from kg import annotation as ann_io
    from kg.errors import AnnotationError

    bad = 0
    for f in files:
        try:
            a = ann_io.load(f, check=True)
            click.echo(f"{f}: ok ({_counts(a)})")
        except AnnotationError as exc:
            bad += 1
            for problem in exc.problems:
                click.echo(f"{f}: {problem}", err=True)
        except KgError as exc:
            bad += 1
            click.echo(f"Error: {exc}", err=True)
    if bad:
        raise click.ClickException(f"{bad} of {len(files)} file(s) have problems")


@cli.command("eval")
@click.argument("pred", type=click.Path())
@click.argument("gold", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_(pred: str, gold: str, as_json: bool) -> None:
    """Score predicted annotations against gold ones (files or folders).

    Precision, recall and F1 per field as FORMAT.md's scoring section defines them.

    \b
    Example:
      kg eval predictions/ ../shared/corpus/de/
    """
    import json

    from kg.evaluate import evaluate_paths, format_report

    report = evaluate_paths(pred, gold)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(format_report(report))


