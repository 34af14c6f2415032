"""read_article: text files as stored, HTML main text via trafilatura, stdin."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.extract.dateline import parse_dateline
from kg.extract.reader import read_article

BODY = ("Bundeskanzlerin Angela Merkel hat am Montag den französischen Präsidenten Emmanuel "
        "Macron in Berlin empfangen. Beide sprachen über die Zukunft der Europäischen Union "
        "und über die Lage in der Ukraine. „Wir sind uns einig“, sagte Merkel.")


def page(meta: str = "", charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Merkel trifft Macron'
            f"</title>{meta}</head><body><nav><a href='/'>Startseite</a> | Politik</nav>"
            f"<article><h1>Merkel trifft Macron</h1><p>{BODY}</p></article>"
            "<footer>Impressum · Datenschutz · Kontakt</footer></body></html>")


@pytest.mark.parametrize(("name", "data", "text"), [
    ("a.txt", "date 2020-06 Kanzlerin empfängt Macron.\r\n".encode(),
     "date 2020-06 Kanzlerin empfängt Macron.\r\n"),
    ("b.md", "# Titel\n\nMerkel sagte „ja“.\n".encode(), "# Titel\n\nMerkel sagte „ja“.\n"),
    ("bom.txt", b"\xef\xbb\xbfMerkel", "Merkel"),
    ("leer.txt", b"", ""),
    ("ohne_endung", b"Putin sagte", "Putin sagte"),
])
def test_text_files_are_read_as_stored(tmp_path: Path, name: str, data: bytes,
                                       text: str) -> None:
    (tmp_path / name).write_bytes(data)
    assert read_article(tmp_path / name) == (text, name)
    assert read_article(str(tmp_path / name)) == (text, name)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("latin1.txt", "Pr\xe4sident".encode("latin-1"), "not UTF-8 text"),
    ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("doc.html", b"\x00\x01\x02 binary", "binary"),
    ("leer.html", b"<html><head><title>x</title></head><body></body></html>", "no article text"),
])
def test_bad_input(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_article(tmp_path / name)


@pytest.mark.parametrize("name", ["fehlt.txt", "fehlt.html", "fehlt"])
def test_missing_file(tmp_path: Path, name: str) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / name)


def test_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "ordner.html").mkdir()
    for p in (tmp_path, tmp_path / "ordner.html"):
        with pytest.raises(InputError, match="folder"):
            read_article(p)


def test_html_main_text_with_dateline(tmp_path: Path) -> None:
    meta = '<meta property="article:published_time" content="2020-06-29T10:00:00+02:00">'
    (tmp_path / "seite.html").write_text(page(meta), encoding="utf-8")
    text, name = read_article(tmp_path / "seite.html")
    assert name == "seite.txt"
    assert parse_dateline(text)[0] == "2020-06-29"
    assert BODY in text
    for boilerplate in ("Startseite", "Impressum", "Datenschutz"):
        assert boilerplate not in text


def test_html_without_date_has_no_dateline(tmp_path: Path) -> None:
    (tmp_path / "seite.HTM").write_text(page(), encoding="utf-8")
    text, name = read_article(tmp_path / "seite.HTM")
    assert name == "seite.txt"
    assert parse_dateline(text) == (None, 0)
    assert BODY in text


def test_html_in_declared_legacy_charset(tmp_path: Path) -> None:
    html = page(charset="iso-8859-1").replace("„", '"').replace("“", '"')
    (tmp_path / "alt.html").write_bytes(html.encode("latin-1"))
    text, _ = read_article(tmp_path / "alt.html")
    assert "französischen Präsidenten" in text


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, "date 2019-05 Heute wollte Pompeo …".encode())
    assert read_article("-") == ("date 2019-05 Heute wollte Pompeo …", "article.txt")


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, page().encode())
    text, name = read_article("-")
    assert name == "article.txt" and BODY in text


def test_stdin_undecodable(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"Pr\xe4sident")
    with pytest.raises(InputError, match="<stdin>: not UTF-8"):
        read_article("-")
