"""The leading dateline of an article file (FORMAT.md).

An article may begin with ``date YYYY-MM-DD`` or ``date YYYY-MM``, possibly after blanks
and possibly on the same line as the first sentence::

    >>> parse_dateline("  date 2025-08-19 Beim Gipfel ...")
    ('2025-08-19', 18)
    >>> parse_dateline("Kein Datum.")
    (None, 0)

Offsets always refer to the full text, so evidence found after the dateline keeps its
position in the article file.
"""

from __future__ import annotations

import datetime as _dt
import re

# "date", a blank (or a colon), the ISO date, then whitespace or the end of the text.
_DATELINE = re.compile(
    r"\A[\s\ufeff]*date[ \t]*[:\t ][ \t]*(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?=\s|\Z)",
    re.IGNORECASE,
)
_WHITESPACE = re.compile(r"\s*")


def parse_dateline(text: str) -> tuple[str | None, int]:
    """Return (ISO date or None, offset where the article body begins).

    Without a valid dateline the date is None and the body starts at 0 (leading blanks
    are then part of the body). A dateline with an impossible date (``2025-13-40``) is
    not a dateline. The offset skips the whitespace after the date.
    """
    m = _DATELINE.match(text)
    if not m:
        return None, 0
    year, month, day = int(m["y"]), int(m["m"]), m["d"]
    try:
        _dt.date(year, month, int(day) if day else 1)
    except ValueError:
        return None, 0
    iso = f"{m['y']}-{m['m']}" + (f"-{day}" if day else "")
    body = _WHITESPACE.match(text, m.end()).end()
    return iso, body
