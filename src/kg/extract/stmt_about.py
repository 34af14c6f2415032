"""About-linking: the meetings and actors a statement is about.

A statement is about a meeting when its evidence names it (trigger noun or label), unless the
mention only dates it before the meeting ("vor dem Gespräch mit Merkel"); when its words
refer back to one with a meeting noun or a definite anaphor ("das Ereignis"); when a
participant speaks within three sentences of a mention (anyone within one) — the smallest
meeting of the speaker's named there; or when an attendee of an open conference speaks in a
paragraph that names it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.annotation import Meeting
from kg.extract.stmt_text import Sheet


def about_of(sheet: Sheet, start: int, end: int, speakers: list[str],
             spans: dict[str, list[tuple[int, int]]], meetings: list[Meeting]) -> list[str]:
    """Meetings the evidence mentions, then the other actors it names."""
    out: list[str] = []
    index = _span_index(spans)
    lo = bisect_left(index.starts, start - index.longest)
    timing = False
    for k in range(lo, bisect_left(index.starts, end)):
        a, b, label = index.ranges[k]
        if start < b and label not in out:
            if _before_meeting(sheet, a):
                timing = True  # "sagte X vor dem Treffen": when, not what about
                continue
            out.append(label)
    if not out and spans and not timing:
        near = _nearest_meeting(sheet, start, end, speakers, index, meetings) or \
            _conference(sheet.ctx.text, start, speakers, spans, meetings)
        if near is not None:
            out.append(near)
    for m in sheet.ctx.mentions_in(start, end):
        if m.actor not in speakers and m.actor not in out:
            out.append(m.actor)
    return out


@dataclass
class _SpanIndex:
    """Meeting mention spans sorted by start and by end, for bisection."""

    ranges: list[tuple[int, int, str]]
    starts: list[int]
    ends: list[tuple[int, str]]
    longest: int


_INDEX: dict[int, tuple[Any, _SpanIndex]] = {}


def _span_index(spans: dict[str, list[tuple[int, int]]]) -> _SpanIndex:
    """The (cached) index of ``spans``."""
    got = _INDEX.get(id(spans))
    if got is not None and got[0] is spans:
        return got[1]
    ranges = sorted((a, b, label) for label, rs in spans.items() for a, b in rs)
    index = _SpanIndex(ranges, [r[0] for r in ranges], sorted((b, label) for _, b, label in ranges),
                       max((b - a for a, b, _ in ranges), default=0))
    _INDEX.clear()
    _INDEX[id(spans)] = (spans, index)
    return index


def _nearest_meeting(sheet: Sheet, start: int, end: int, speakers: list[str],
                     index: _SpanIndex, meetings: list[Meeting]) -> str | None:
    """The meeting a statement reacts to without naming it in its own words: the last one
    mentioned before it (the speaker's own, if any) when its words refer to a meeting ("des
    Treffens", "das Gespräch", "das Ereignis"), when a participant speaks within three
    sentences of a mention, anyone within one; none when that mention dates what follows
    before the meeting."""
    k = bisect_right(index.ends, (end, "\uffff")) - 1
    if k < 0:
        return None
    here = sheet.toks[sheet.tok_at(start) or 0].sent
    mentioned, label = _own_meeting(sheet, here, end, index.ends[k], speakers, index, meetings)
    k0 = bisect_left(index.starts, mentioned - index.longest)
    if any(b == mentioned and _before_meeting(sheet, a) for a, b, _ in index.ranges[k0:]
           if a < mentioned):
        return None  # the last mention dates what follows before the meeting
    words = [t.lower for t in sheet.toks[sheet.tok_at(start) or 0:(sheet.tok_at(end - 1) or 0) + 1]]
    forms = _meeting_forms()
    if any(w.endswith(forms) for w in words if len(w) > 4) or _anaphor(words):
        return label
    part = next((m.participants for m in meetings if m.label == label), [])
    then = sheet.toks[sheet.tok_at(max(mentioned - 1, 0)) or 0].sent
    gap = 3 if any(s in part for s in speakers) else 1  # participants react longer
    if 0 <= here - then <= gap:
        return label
    return None


@lru_cache(maxsize=1)
def _meeting_forms() -> tuple[str, ...]:
    """Inflected forms of the meeting nouns (``meetings.yaml``), for ``str.endswith``."""
    from kg.extract.stmt_lex import lexicon

    return tuple(sorted({f.lower() for n in lexicon("de", "meetings").nouns for f in n.forms
                         if len(f) > 4}))


def _conference(text: str, start: int, speakers: list[str],
                spans: dict[str, list[tuple[int, int]]], meetings: list[Meeting]) -> str | None:
    """An open conference or summit (meetings.yaml: join.open_labels) that the speaker
    attends and that the statement's paragraph names: what its attendees say there is
    said at it ("Pompeo forderte … Der EU-Außenbeauftragte erklärte, wenn die Konferenz …")."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", start)
    b = len(text) if b < 0 else b
    for m in meetings:
        if m.status == "held" and m.label.lower().endswith(_open_labels()) and \
                any(s in m.participants for s in speakers) and \
                any(a <= x < b for x, _ in spans.get(m.label, ())):
            return m.label
    return None


@lru_cache(maxsize=1)
def _open_labels() -> tuple[str, ...]:
    """Labels of meetings without a closed list of participants (conferences, summits)."""
    from kg.extract.stmt_lex import lexicon

    return tuple(w.lower() for w in lexicon("de", "meetings").join.open_labels)


def _own_meeting(sheet: Sheet, here: int, end: int, last: tuple[int, str],
                 speakers: list[str], index: _SpanIndex,
                 meetings: list[Meeting]) -> tuple[int, str]:
    """(end, label) of the mention a statement of sentence ``here`` refers back to: of the
    meetings named up to three sentences before, the smallest one the speaker took part in
    ("X traf Y zusammen, der zur Konferenz gereist war. »Wir hatten ein gutes Gespräch«,
    so X": the meeting with Y); else the ``last`` one named."""
    size = {m.label: len(m.participants) for m in meetings
            if any(s in m.participants for s in speakers)}
    if not size:
        return last
    best: tuple[int, int, str] | None = None
    for a, b, lab in index.ranges:
        if b > end or lab not in size:
            continue
        k = sheet.tok_at(a)
        if k is None or here - sheet.toks[k].sent > _REACH:
            continue
        if best is None or (size[lab], -b) <= (best[0], -best[1]):
            best = (size[lab], b, lab)
    return (best[1], best[2]) if best else last


_REACH = 3


def _anaphor(words: list[str]) -> bool:
    """Whether lower-case ``words`` refer back to a meeting with a definite noun phrase
    ("auf das Ereignis", "nach der Visite"; meetings.yaml: anaphora)."""
    nouns, dets = _anaphora()
    return any(w in nouns and k and words[k - 1] in dets for k, w in enumerate(words))


@lru_cache(maxsize=1)
def _anaphora() -> tuple[frozenset[str], frozenset[str]]:
    """(anaphoric meeting nouns, definite determiners) of meetings.yaml, lower-case."""
    from kg.extract.stmt_lex import lexicon

    lex = lexicon("de", "meetings")
    return (frozenset(w.lower() for w in lex.anaphora),
            frozenset(w.lower() for w in lex.determiners_definite))


def _before_meeting(sheet: Sheet, char: int) -> bool:
    """Whether the meeting mention at ``char`` only dates a statement before it ("vor dem
    Gespräch mit Merkel", "im Vorfeld des Gipfels"): said before, it cannot react to it."""
    k = sheet.tok_at(char)
    if k is None:
        return False
    words = _timing_words(sheet.g.lang)
    for j in range(k - 1, max(k - 4, -1), -1):
        t = sheet.toks[j]
        if t.lower in words:
            return True
        if not t.text[:1].isalpha():
            return False
    return False


@lru_cache(maxsize=4)
def _timing_words(lang: str) -> frozenset[str]:
    """Words before a meeting mention that place a statement before it (meetings.yaml)."""
    from kg.extract.stmt_lex import lexicon

    return frozenset(w.lower() for w in lexicon(lang, "meetings").timing_before)
