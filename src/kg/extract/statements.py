"""Statements: who said what, from reporting cues and the speaker mentions near them.

``find_statements(ctx, meetings)`` turns every cue (:mod:`kg.extract.stmt_cues`) into one
statement per speaker (FORMAT.md: one statement per cue; a cue with several coordinated
speakers gives one each, with the same evidence). Speakers come from the context's
mentions by German word order (:meth:`~kg.extract.stmt_text.Sheet.subjects`); pronouns
are resolved by the actor stage or, failing that, to the last person mentioned.
Evidence is the cue's stretch of its sentence, cut where a further cue of the same
sentence begins; ``about`` lists the actors and meetings the evidence names.
"""

from __future__ import annotations

from kg.annotation import Meeting, Statement
from kg.extract.context import Context
from kg.extract.stance import stance_of
from kg.extract.stmt_cues import Cue, colon_cues, source_cues, verb_cues
from kg.extract.stmt_fallback import fallback_speaker
from kg.extract.stmt_speakers import Recent, passive_cue
from kg.extract.stmt_speakers import speakers as find_speakers
from kg.extract.stmt_text import Sheet, span_text

_QUOTES = set("„“”\"«»‚‘’›‹")
_TRAIL = ",;:–—-( "


def find_statements(ctx: Context, meetings: list[Meeting] | None = None,
                    sheet: Sheet | None = None) -> list[Statement]:
    """Every reported speech act of the article, in text order."""
    sheet = sheet or Sheet(ctx)
    lang = ctx.language if ctx.language == "de" else "de"
    cues: list[Cue] = []
    cue_sents: set[int] = set()
    for c, entry in verb_cues(sheet, lang):
        sent = sheet.toks[c.ti].sent
        if sheet.toks[c.ti].lower in sheet.g.subjunctive and sent in cue_sents:
            continue  # "…, sie sei zuversichtlich": part of the reported speech
        cue_sents.add(sent)
        c.extra["entry"] = entry
        cues.append(c)
    taken = {k for c in cues for k in c.toks}
    verb_sents = {sheet.toks[c.ti].sent for c in cues}
    for c in source_cues(sheet, lang) + colon_cues(sheet):
        if c.mode == "colon" and sheet.toks[c.ti].sent in verb_sents:
            continue
        if not taken & set(c.toks):
            cues.append(c)
            taken |= set(c.toks)
    cues.sort(key=lambda c: c.ti)
    regions = _regions(sheet, cues)
    out: list[Statement] = []
    recent = Recent()
    spans = getattr(ctx, "meeting_spans", {}) or {}
    for cue, (r0, r1) in zip(cues, regions, strict=True):
        speakers = find_speakers(sheet, cue, cue.extra.get("entry"), recent)
        sent = sheet.toks[cue.ti].sent
        if cue.mode == "previous":
            speakers = recent.speakers if sent - recent.sent <= 2 else []
        elif cue.mode == "subject" and sent == recent.sent and _opens_clause(sheet, cue.ti):
            # coordinated verb phrase sharing the subject: "sprach von …, betonte aber …"
            speakers = speakers if speakers and sheet.toks[cue.ti - 1].text != "," \
                else recent.speakers
        strength = cue.strength
        if not speakers and not (cue.mode == "previous" and sent - recent.sent <= 2):
            who = fallback_speaker(sheet, cue, passive_cue(sheet, cue, cue.extra.get("entry")))
            speakers, strength = ([who], strength * 0.6) if who else ([], strength)
        if not speakers:
            continue
        evidence, start, end = span_text(ctx.text, r0, r1)
        while evidence and evidence[-1] in _TRAIL:
            evidence, end = evidence[:-1], end - 1
        if not evidence:
            continue
        kind = _kind(sheet, cue)
        last = sheet.tok_at(end - 1)
        words = [t.text for t in sheet.toks[sheet.tok_at(start) or 0:
                                            (last + 1) if last is not None else 0]]
        about = _about(sheet, start, end, speakers, spans, meetings or [])
        stance = stance_of([w for w in words if w not in cue.text.split()[:1]], cue.text,
                           lang)
        for who in speakers:
            out.append(Statement(speaker=who, kind=kind, cue=cue.text,
                                 content=_content(sheet, cue, start, end),
                                 about=[x for x in about if x != who], stance=stance,
                                 evidence=evidence, start=start, end=end,
                                 confidence=round(strength, 2)))
        recent.speakers, recent.sent = speakers, sent
    return out


def _opens_clause(sheet: Sheet, ti: int) -> bool:
    """Whether the verb at ``ti`` opens its clause (after a comma or und/aber/sowie)."""
    a, _ = sheet.segment(ti)
    k = ti - 1
    while k >= a and sheet.toks[k].lower in ("und", "aber", "sowie", "doch"):
        k -= 1
    return k < a


def _regions(sheet: Sheet, cues: list[Cue]) -> list[tuple[int, int]]:
    """Character region of each cue: its sentence, cut between cues of one sentence."""
    out: list[tuple[int, int]] = []
    for n, cue in enumerate(cues):
        s0, s1 = sheet.sentence(cue.ti)
        start = sheet.toks[s0].start
        end = sheet.toks[s1 - 1].end
        prev = cues[n - 1] if n else None
        if prev is not None and sheet.toks[prev.ti].sent == sheet.toks[cue.ti].sent:
            cut = _cut_before(sheet, cue, prev)
            if cut is not None:
                start = sheet.toks[cut].start
        nxt = cues[n + 1] if n + 1 < len(cues) else None
        if nxt is not None and sheet.toks[nxt.ti].sent == sheet.toks[cue.ti].sent:
            cut = _cut_before(sheet, nxt, cue)
            if cut is not None:
                end = sheet.toks[cut - 1].end
        out.append((start, end))
    return out


def _cut_before(sheet: Sheet, cue: Cue, prev: Cue) -> int | None:
    """Token where ``cue``'s stretch begins when it follows ``prev`` in one sentence."""
    a, _ = sheet.segment(cue.ti)
    if a <= prev.ti:
        # same segment: "sprach von …, betonte aber" has a comma; "und" coordination
        k = cue.ti - 1
        while k > prev.ti and sheet.toks[k].lower not in ("und", "sowie", "aber"):
            k -= 1
        return k if k > prev.ti else None
    k = a
    if k - 1 > prev.ti and sheet.toks[k - 1].lower in ("und", "sowie", "aber"):
        k -= 1
    return k


def _kind(sheet: Sheet, cue: Cue) -> str:
    """direct when a full quotation (not a quoted phrase) carries the statement."""
    s0, s1 = sheet.sentence(cue.ti)
    toks = sheet.toks
    qlen = sum(1 for k in range(s0, s1) if toks[k].quoted)
    if qlen < 4:
        return "indirect"
    first = next(k for k in range(s0, s1) if toks[k].text not in _QUOTES or k == s1 - 1)
    starts_quoted = toks[s0].text in _QUOTES or toks[first].quoted
    colon_quote = any(toks[k].text == ":" and k + 1 < s1 and toks[k + 1].text in _QUOTES
                      for k in range(s0, s1))
    if starts_quoted or colon_quote or cue.mode == "colon":
        return "direct"
    # "…", sagte X directly after a quotation
    k = cue.ti - 1
    while k >= s0 and toks[k].text in (",",):
        k -= 1
    if k >= s0 and toks[k].text in _QUOTES and qlen >= 6:
        return "direct"
    return "indirect"


def _content(sheet: Sheet, cue: Cue, start: int, end: int) -> str:
    """The gist: the evidence without the cue words, trimmed."""
    text = sheet.ctx.text[start:end]
    for w in cue.text.split():
        text = text.replace(w, "", 1) if len(w) > 2 else text
    return " ".join(text.split()).strip(" ,.:;„“\"«»")[:300]


def _about(sheet: Sheet, start: int, end: int, speakers: list[str],
           spans: dict[str, list[tuple[int, int]]], meetings: list[Meeting]) -> list[str]:
    """Meetings the evidence mentions, then the other actors it names."""
    out: list[str] = []
    for label, ranges in spans.items():
        if any(a < end and start < b for a, b in ranges):
            out.append(label)
    for m in sheet.ctx.mentions_in(start, end):
        if m.actor not in speakers and m.actor not in out:
            out.append(m.actor)
    return out
