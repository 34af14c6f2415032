"""Statements: who said what, from reporting cues and the speaker mentions near them.

``find_statements(ctx, meetings)`` turns every cue (:mod:`kg.extract.stmt_cues`) into one
statement per speaker (FORMAT.md: one statement per cue; a cue with several coordinated
speakers gives one each, with the same evidence). Speakers come from the context's
mentions by German word order (:meth:`~kg.extract.stmt_text.Sheet.subjects`); pronouns
are resolved by the actor stage or, failing that, to the last person mentioned.
Evidence is the cue's stretch of its sentence, cut where a further cue of the same
sentence begins; content is the reported message in it (:mod:`kg.extract.stmt_content`);
``about`` lists the actors and meetings the evidence names.
"""

from __future__ import annotations

from kg.annotation import Meeting, Statement
from kg.extract.context import Context
from kg.extract.stance import negators as _negators
from kg.extract.stance import stance_of
from kg.extract.stmt_about import about_of
from kg.extract.stmt_content import content_of
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
    lang = ctx.language
    cues: list[Cue] = []
    cue_sents: set[int] = set()
    for c, entry in verb_cues(sheet, lang):
        sent = sheet.toks[c.ti].sent
        if _aside(sheet, c.ti):
            continue  # "(Wikinews berichtete)": a cross-reference, no speech act
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
        elif speakers and cue.mode == "subject" and sent == recent.sent and \
                _joined_verb(sheet, cue.ti):
            speakers = recent.speakers  # "X übermittelte … und betonte …": X again
        elif cue.mode == "subject" and sent == recent.sent and _opens_clause(sheet, cue.ti):
            # coordinated verb phrase sharing the subject: "sprach von …, betonte aber …"
            speakers = speakers if speakers and sheet.toks[cue.ti - 1].text != "," \
                else recent.speakers
        strength = cue.strength
        if not speakers and not (cue.mode == "previous" and sent - recent.sent <= 2):
            recent_ok = recent.speakers if sent - recent.sent <= 3 else []
            who = fallback_speaker(sheet, cue, passive_cue(sheet, cue, cue.extra.get("entry")),
                                   recent_ok)
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
        first = sheet.tok_at(start) or 0
        own = _negated_cue_words(sheet, cue)
        if _closing_cue(sheet, cue, first, last):
            first = sheet.sentence(cue.ti)[0]
        named = [(m.start, m.end) for m in ctx.mentions_in(sheet.toks[first].start, end)]
        words = [t.text for t in sheet.toks[first:(last + 1) if last is not None else 0]
                 if t.i != cue.ti and t.i not in own
                 and not any(a <= t.start and t.end <= b for a, b in named)]
        about = about_of(sheet, start, end, speakers, spans, meetings or [])
        names = {w for who in speakers for w in who.split()}
        stance = stance_of([w for w in words if w not in names], cue.text, lang)
        for who in speakers:
            out.append(Statement(speaker=who, kind=kind, cue=cue.text,
                                 content=content_of(sheet, cue, start, end, speakers, kind),
                                 about=[x for x in about if x != who], stance=stance,
                                 evidence=evidence, start=start, end=end,
                                 confidence=round(strength, 2)))
        recent.speakers, recent.sent = speakers, sent
    return out


def _closing_cue(sheet: Sheet, cue: Cue, first: int, last: int | None) -> bool:
    """Whether a verb cue only closes what its sentence said before it ("…, betonte
    Seibert."): its stretch starts with it after a comma and holds no clause of its own."""
    if last is None or not first or first < min(cue.toks) - 1 or \
            cue.extra.get("entry") is None or sheet.toks[first - 1].text != ",":
        return False
    return not any(t.text in _OPENERS or t.lower == "dass" for t in sheet.toks[first:last + 1])


_OPENERS = {",", ":", *_QUOTES}


def _negated_cue_words(sheet: Sheet, cue: Cue) -> set[int]:
    """Cue words with the negator before them ("ließ keinen Zweifel"): a fixed emphasis
    that says nothing about the stance."""
    out: set[int] = set()
    for k in cue.toks:
        if k != cue.ti and k > 0 and sheet.toks[k - 1].lower in _negators():
            out |= {k, k - 1}
    return out


def _aside(sheet: Sheet, ti: int) -> bool:
    """Whether the cue stands in a short parenthesis of its own ("(X berichtete)")."""
    toks = sheet.toks
    a = ti
    while a > 0 and ti - a < 4 and toks[a - 1].text not in ("(", ")", ".", ","):
        a -= 1
    b = ti
    while b + 1 < len(toks) and b - ti < 3 and toks[b + 1].text not in ("(", ")", ".", ","):
        b += 1
    return a > 0 and toks[a - 1].text == "(" and b + 1 < len(toks) and toks[b + 1].text == ")"


def _joined_verb(sheet: Sheet, ti: int) -> bool:
    """Whether the verb at ``ti`` follows "und"/"sowie" directly inside its clause: a
    coordinated verb phrase whose subject is the previous verb's."""
    a, _ = sheet.segment(ti)
    return ti - 1 > a and sheet.toks[ti - 1].lower in ("und", "sowie")


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
        colon = _colon_before(sheet, cue, s0)
        if colon is not None:
            start = sheet.toks[colon + 1].start  # "Angaben gibt es nicht: X zufolge …"
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


def _colon_before(sheet: Sheet, cue: Cue, s0: int) -> int | None:
    """A colon (outside quotations) that opens the cue's clause after another statement."""
    if cue.mode == "colon":
        return None
    for k in range(min(cue.toks) - 1, s0, -1):
        t = sheet.toks[k]
        if t.text == ":" and not t.quoted and k + 1 < len(sheet.toks) and \
                sheet.toks[k + 1].text not in _QUOTES:
            return k
    return None


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
