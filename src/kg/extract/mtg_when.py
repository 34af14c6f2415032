"""Date and place of a meeting mention, from its sentence.

Dates: absolute ("15. August 2025", "27.04.", "am 1. Juli"), months ("im Oktober"),
weekdays ("am Freitag", "Mittwochabend") and relative words ("gestern", "heute") resolved
against the article date — held meetings look back from it, planned ones forward.
Places: the most specific place of the context named in the sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from kg.extract.stmt_lex import lexicon

_RANK = {"Facility": 0, "City": 1, "Region": 2, "Country": 3}


@lru_cache(maxsize=2)
def _dates(lang: str) -> Any:
    d = lexicon(lang, "dates")
    months = "|".join(sorted((re.escape(m) for m in d.months), key=len, reverse=True))
    days = "|".join(sorted(d.weekdays, key=len, reverse=True))
    suff = "|".join(d.weekday_suffixes)
    rel = "|".join(sorted(d.relative, key=len, reverse=True))
    return (d, re.compile(rf"\b(\d{{1,2}})\.\s*({months})(?:\s+(\d{{4}}))?", re.I),
            re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})?"),
            re.compile(rf"\b(?:im|für|ab|Anfang|Mitte|Ende)\s+({months})(?:\s+(\d{{4}}))?", re.I),
            re.compile(rf"\b({days})(?:{suff})?\b", re.I),
            re.compile(rf"\b({rel})\b", re.I))


def _article_date(date: str | None) -> dt.date | None:
    if date and len(date) == 10:
        try:
            return dt.date.fromisoformat(date)
        except ValueError:
            return None
    return None


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def resolve_date(text: str, article: str | None, status: str = "held",
                 lang: str = "de") -> str | None:
    """The ISO date (YYYY-MM-DD or YYYY-MM) that ``text`` gives, or None."""
    d, full, numeric, month_rx, day_rx, rel_rx = _dates(lang)
    year = _year(article)
    m = full.search(text)
    if m and _attributive(text, m.end()):
        m = None  # "der am 1. Juli beginnenden Ratspräsidentschaft": another thing's date
    if m:
        y = int(m.group(3)) if m.group(3) else year
        if y:
            try:
                return dt.date(y, d.months[m.group(2).lower()], int(m.group(1))).isoformat()
            except ValueError:
                pass
    m = numeric.search(text)
    if m:
        y = int(m.group(3)) if m.group(3) else year
        if y:
            try:
                return dt.date(y, int(m.group(2)), int(m.group(1))).isoformat()
            except ValueError:
                pass
    base = _article_date(article)
    if base is not None:
        m = rel_rx.search(text)
        if m and not text[m.start():m.start() + 1].isupper() or (m and m.start() == 0):
            return (base + dt.timedelta(days=d.relative[m.group(1).lower()])).isoformat()
        m = day_rx.search(text)
        if m:
            wd = d.weekdays[m.group(1).lower()]
            diff = (base.weekday() - wd) % 7
            if status == "planned":
                diff = -((wd - base.weekday()) % 7)
            return (base - dt.timedelta(days=diff)).isoformat()
    if base is None and article and len(article) == 7 and (
            rel_rx.search(text) or day_rx.search(text)):
        return article  # "am Mittwoch" in an article dated by month only
    m = month_rx.search(text)
    if m:
        y = int(m.group(2)) if m.group(2) else year
        if y:
            return f"{y:04d}-{d.months[m.group(1).lower()]:02d}"
    return None


def _attributive(text: str, end: int) -> bool:
    """Whether the date ending at ``end`` qualifies a participle ("am 1. Juli beginnenden")."""
    m = re.match(r"\s+([a-zäöüß]+)", text[end:])
    return bool(m) and m.group(1).endswith(("nden", "enden", "ndes", "ndem", "nder"))


def find_date(sheet: Any, tis: int | list[int], article: str | None,
              status: str) -> str | None:
    """The first date named in the sentences of the mention tokens ``tis``."""
    for ti in [tis] if isinstance(tis, int) else tis:
        s0, s1 = sheet.sentence(ti)
        text = sheet.ctx.text[sheet.toks[s0].start:sheet.toks[s1 - 1].end]
        date = resolve_date(text, article, status, sheet.ctx.language)
        if date is not None:
            return date
    return None




def find_place(sheet: Any, tis: int | list[int], ctx: Any) -> str | None:
    """The most specific place named after a locative preposition ("in Berlin", "auf Schloss
    Meseberg", "im Kanzleramt") in the sentences of the mention tokens ``tis``."""
    best = None
    locative = _locative(sheet.g.lang)
    for n, ti in enumerate([tis] if isinstance(tis, int) else tis):
        s0, s1 = sheet.sentence(ti)
        a, b = sheet.toks[s0].start, sheet.toks[s1 - 1].end
        for p in ctx.places:
            for m in re.finditer(rf"(?<!\w){re.escape(p.name)}(?!\w)", ctx.text[a:b]):
                k = sheet.tok_at(a + m.start())
                before = [sheet.toks[j].lower for j in range(max(s0, k - 3), k)]
                if not locative & set(before):
                    continue
                rank = (_RANK.get(p.type, 4), n)
                if best is None or rank < best[0]:
                    best = (rank, p.name)
    return best[1] if best else None


@lru_cache(maxsize=4)
def _locative(lang: str) -> frozenset[str]:
    """Prepositions that place a meeting at the place after them (meetings.yaml)."""
    return frozenset(lexicon(lang, "meetings").locative_prepositions)
