"""parse_dateline: the FORMAT.md dateline at the very start of an article."""

from __future__ import annotations

import pytest

from kg.extract.dateline import parse_dateline

CASES = [
    # text, expected date, text of the body start
    ("date 2025-08-19\nBeim Gipfel", "2025-08-19", "Beim Gipfel"),
    ("date 2016-04\nBundesaußenminister", "2016-04", "Bundesaußenminister"),
    ("  date 2025-08-19 Beim Gipfel", "2025-08-19", "Beim Gipfel"),
    ("  date 2017-06 BrüsselDonald Tusk", "2017-06", "BrüsselDonald Tusk"),
    ("\n\n\tdate 2018-03-27\n\nTrump telefonierte", "2018-03-27", "Trump telefonierte"),
    ("\ufeffdate 2019-05 Heute", "2019-05", "Heute"),
    ("date: 2020-01 Bei der", "2020-01", "Bei der"),
    ("Date 2020-01-31 Text", "2020-01-31", "Text"),
    ("date 2024-02-29", "2024-02-29", ""),
    ("date 2024-02-29   ", "2024-02-29", ""),
]

NO_DATELINE = [
    "",
    "   ",
    "Beim Gipfel zwischen Donald Trump und Wladimir Putin",
    "Am date 2025-08-19 traf",            # not at the start
    "Datum 2025-08-19 Text",
    "date 2025-13-01 Text",               # no month 13
    "date 2023-02-29 Text",               # not a leap year
    "date 2025-8-19 Text",                # not zero-padded ISO
    "date 25-08-19 Text",
    "date2025-08-19 Text",                # no blank after "date"
    "date 2025-08-19T10:00 Text",         # a timestamp, not a dateline
    "date 2025-08-190 Text",
    "update 2025-08-19 Text",
]


@pytest.mark.parametrize(("text", "date", "body"), CASES)
def test_dateline(text: str, date: str, body: str) -> None:
    found, offset = parse_dateline(text)
    assert found == date
    assert text[offset:] == body


@pytest.mark.parametrize("text", NO_DATELINE)
def test_no_dateline(text: str) -> None:
    assert parse_dateline(text) == (None, 0)


def test_offset_refers_to_full_text() -> None:
    text = "  date 2025-08-19 Beim Gipfel sagte Trump"
    _, offset = parse_dateline(text)
    assert offset == 18
    assert text.index("Beim") == offset
