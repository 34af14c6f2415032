"""Reading article files: plain text, Markdown, HTML pages and standard input.

:func:`read_article` returns the article text and the file name an annotation's
``article`` field should carry. Text files are read exactly as stored (UTF-8, a byte
order mark dropped), so evidence offsets refer to the file's characters. HTML pages are
reduced to their main text with trafilatura (offline: it parses the page, nothing is
fetched); when the page's metadata gives a publication date the text starts with a
FORMAT.md dateline ``date YYYY-MM-DD``. The name returned for a page is ``NAME.txt``:
the file its extracted text should be saved as, since evidence must be a substring of it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from kg.annotation import read_text
from kg.errors import InputError

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
STDIN_NAME = "article.txt"
_LOOKS_HTML = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html[\s>])", re.I)


def read_article(source: str | Path) -> tuple[str, str]:
    """Return (text, article file name) for a .txt/.md/.html file, or ``"-"`` for stdin.

    Raises InputError for a missing file, a folder, binary or non-UTF-8 input, or an
    HTML page without recognisable main text. Standard input that starts like an HTML
    document is read as HTML.
    """
    if str(source) == "-":
        raw = sys.stdin.buffer.read()
        if _LOOKS_HTML.match(raw):
            return html_to_text(raw, "<stdin>"), STDIN_NAME
        return _decode(raw, "<stdin>"), STDIN_NAME
    path = Path(source)
    if path.suffix.lower() in HTML_SUFFIXES:
        if not path.is_file():
            raise InputError(f"{path}: no such file" if not path.exists()
                             else f"{path}: is a folder, not a file")
        return html_to_text(path.read_bytes(), str(path)), path.stem + ".txt"
    return read_text(path), path.name


def _decode(raw: bytes, where: str) -> str:
    if b"\x00" in raw[:4096]:
        raise InputError(f"{where}: binary input, expected UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text (byte {exc.start})") from None


def html_to_text(page: bytes | str, where: str = "<html>") -> str:
    """The main text of an HTML page (trafilatura), with a dateline when a date is known."""
    import trafilatura  # imported here: only HTML input needs it

    if isinstance(page, bytes) and b"\x00" in page[:4096]:
        raise InputError(f"{where}: binary input, expected an HTML page")
    doc = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        raise InputError(f"{where}: no article text found in the HTML page")
    date = getattr(doc, "date", None)
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return f"date {date}\n{text}\n"
    return text + "\n"
