"""The ``kg`` command line: a thin skin over kg's importable functions.

Commands are grouped in modules: :mod:`kg.cli.annotate` (extract, check, eval),
:mod:`kg.cli.graphs` (build, query, network, viz, export, validate, demo).

Exit codes: 0 success; 1 an error kg reports as ``Error: …`` (bad input, invalid
query, a graph that does not conform, ``kg check`` problems); 2 usage errors (click).
Library errors become ``Error: …`` in exactly one place, :class:`_Group.invoke`.
"""

from __future__ import annotations

import os
import sys

import click

from kg import __version__
from kg.errors import KgError


class _Group(click.Group):
    """Turns kg's errors (and stray OS errors) into one ``Error: …`` line."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except RecursionError:
            raise click.ClickException("input too deeply nested") from None
        except Exception as exc:  # a bug: still one line, the traceback with KG_DEBUG=1
            if os.environ.get("KG_DEBUG"):
                raise
            raise click.ClickException(
                f"internal error ({type(exc).__name__}: {exc}); "
                "rerun with KG_DEBUG=1 for details") from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """kg: knowledge graphs of who met whom and who said what, from political news.

    \b
    Examples:
      kg demo                                  # the seed article, end to end
      kg extract article.txt -o article.yaml   # text -> annotation (FORMAT.md)
      kg build article.yaml -o graph.trig      # annotation(s) or text(s) -> RDF
      kg query graph.trig --name who-met-whom
      kg network graph.trig --view met --format graphml -o met.graphml
      kg viz graph.trig -o graph.html
      kg export graph.trig --format turtle -o graph.ttl
    """


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="kg")
    except KeyboardInterrupt:  # pragma: no cover - interactive
        click.echo("Aborted!", err=True)
        sys.exit(130)


# Commands live in submodules by theme; importing them registers them on ``cli``.
from kg.cli import annotate, corpus, graphs  # noqa: E402,F401
