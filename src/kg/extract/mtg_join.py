"""Gathering a meeting's participants beyond the trigger's own phrase.

- participation sentences add everyone they name to the meeting they mention, or to the
  meeting mentioned just before them: "Auf US-Seite nahmen neben Präsident X auch Y teil,
  während Z von W begleitet wurde", "Auch UNO-Generalsekretär Guterres ist zugegen",
  "der … zur NATO-Konferenz gereist war" (``meetings.yaml: join``);
- delegates stand for their country: "Vertreter von Großbritannien, Frankreich und
  Ägypten", "Gesandte Ägyptens" make those countries participants (and actors);
- office holders: "zwischen den Präsidenten Russlands und der USA" resolves to the persons
  whose role the article gives with that country;
- meetings without a closed list of participants ("Bei der Libyen-Konferenz …") take the
  speakers reported in the paragraphs that mention them;
- "bilateral" meetings of a subject with several partners are split per partner.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from kg.annotation import Actor

_SEP = {",", "und", "sowie", "der", "des", "den", "dem", "die", "von", "aus", "oder"}


@dataclass
class Draft:
    """One meeting while its mentions are being collected."""

    label: str
    kind: str
    ti: int
    participants: list[str]
    status: str
    definite: bool
    strength: int = 0
    subj: list[str] = field(default_factory=list)
    sent: int = 0
    noun: bool = False
    head: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)
    tis: list[int] = field(default_factory=list)
    heads: set[str] = field(default_factory=set)
    open: bool = False
    bilateral: bool = False
    parent: Draft | None = None


def uniq(xs: list[str]) -> list[str]:
    """``xs`` without repeats, first occurrence kept."""
    return list(dict.fromkeys(xs))


def _sources(sheet: Any) -> frozenset[str]:
    from kg.extract.stmt_lex import lexicon

    return frozenset(lexicon(sheet.ctx.language, "meetings").join.sources)


def skip_mention(sheet: Any, i: int, m: Any) -> bool:
    """Whether the mention ``m`` at token ``i`` cannot be a participant.

    Not an actor of the article; a source ("nach Angaben des Weißen Hauses", "laut X",
    "Ein Sprecher der US-Botschaft"); a party in brackets ("Steinmeier (SPD)"); an
    organisation in a genitive attribute of another noun ("Gästehaus der Bundesregierung").
    """
    if m.actor not in sheet.types:
        return True
    toks = sheet.toks
    s0, _ = sheet.sentence(i)
    src = _sources(sheet)
    if any(toks[j].lower in src for j in range(max(s0, i - 3), i)):
        return True
    end = sheet.mention_end_tok(m)
    if end < len(toks) and toks[end].lower in src:
        return True
    if i > s0 and toks[i - 1].text == "(" and end < len(toks) and toks[end].text == ")":
        return True
    if sheet.types.get(m.actor) in ("Organization", "Country"):
        j = i - 1
        while j > s0 and not toks[j].text[:1].isupper() and toks[j].text.isalpha() \
                and toks[j].lower not in ("der", "des") and toks[j].lower not in sheet.g.articles:
            j -= 1
        if j > s0 and toks[j].lower in ("der", "des"):
            h = j - 1
            head = toks[h]
            if head.text[:1].isupper() and head.text.isalpha() and h not in sheet._tok_mentions \
                    and head.lower not in sheet.g.prepositions \
                    and head.lower not in _delegates(sheet.ctx.language):
                return True
    return False


def _delegates(lang: str = "de") -> frozenset[str]:
    from kg.extract.stmt_lex import lexicon

    return frozenset(lexicon(lang, "meetings").join.delegates)


def _countries(sheet: Any) -> dict[str, str]:
    """Surface form (name, genitive) → country name, from places and country actors."""
    names = {p.name for p in sheet.ctx.places if p.type == "Country"}
    names |= {a for a, t in sheet.types.items() if t == "Country"}
    out: dict[str, str] = {}
    for n in names:
        out[n] = n
        out[n + "s"] = n
        out[n + "es"] = n
    return out


def offices(sheet: Any, i: int, m: Any) -> tuple[list[str], int]:
    """Actors a mention stands for; a plural title with countries → the office holders.

    "den Präsidenten Russlands und der USA": each country's holder of that role (persons
    whose role the article gives with that country); the title's own resolution is dropped.
    """
    own = [x.actor for x in sheet._tok_all.get(i, [m])]
    k = sheet.mention_end_tok(m)
    if m.kind != "title":
        return own, k
    toks = sheet.toks
    _, s1 = sheet.sentence(i)
    word = sheet.ctx.text[m.start:m.end].lower()
    countries = _countries(sheet)
    found: list[str] = []
    while k < s1 and k - i < 8:
        t = toks[k]
        if t.text in countries:
            found.append(countries[t.text])
        elif k in sheet._tok_mentions and sheet.types.get(sheet._tok_mentions[k].actor) == \
                "Country":
            found.append(sheet._tok_mentions[k].actor)
        elif t.lower not in _SEP:
            break
        k += 1
    while k > i and toks[k - 1].lower in _SEP:
        k -= 1
    if not found:
        return own, sheet.mention_end_tok(m)
    holders: dict[str | None, list[str]] = {}
    for a in sheet.ctx.actors:
        for r in a.roles:
            stem = r.role.lower().split("-")[-1]
            if len(stem) > 3 and word.split("-")[-1].startswith(stem):
                holders.setdefault(r.of, []).append(a.name)
    out = []
    for c in found:
        if c in holders:
            out.extend(holders[c])
        elif len(holders.get(None, [])) == 1:  # the one holder the article gives no country
            out.extend(holders[None])
    return uniq(out), k


def title_holders(sheet: Any, a: int, b: int) -> list[str]:
    """Persons named only by country adjective + title in tokens ``[a, b)`` that no mention
    covers: "empfing den türkischen Präsidenten" → the article's Präsident of Türkei."""
    from kg.extract.gazetteer import gazetteer

    gaz = gazetteer(sheet.ctx.language)
    covered = {k for i, m in sheet.mentions_between(a, b)
               for k in range(i, sheet.mention_end_tok(m))}
    out: list[str] = []
    for k in range(a, b - 1):
        country = gaz.adjectives.get(sheet.toks[k].text)
        if country is None or k in covered or k + 1 in covered:
            continue
        hit = gaz.role_of_token(sheet.toks[k + 1].text)
        if hit is None:
            continue
        for actor in sheet.ctx.actors:
            if actor.type == "Person" and any(
                    r.of == country and r.role.lower().endswith(hit.base.lower())
                    for r in actor.roles):
                out.append(actor.name)
    return uniq(out)


def _cue(sheet: Any, s0: int, s1: int, join: Any) -> tuple[str, int] | None:
    """The participation cue of sentence ``[s0, s1)``: (kind, token) or None."""
    from kg.extract.meetings import noun_trigger

    toks = sheet.toks
    for k in range(s0, s1):
        t = toks[k]
        if t.quoted:
            continue
        nxt = toks[k + 1].text if k + 1 < s1 else "."
        if t.lower in join.words:
            return "words", k
        if t.text in join.particle_verbs and not nxt.isalnum():
            forms = set(join.particle_verbs[t.text])
            if any(toks[j].lower in forms for j in range(s0, k)):
                return "words", k
        if t.lower in join.companion and any(toks[j].lower == "von" for j in range(s0, k)):
            return "words", k
        if t.lower in join.together and nxt.lower() == "mit":
            return "together", k
        if t.lower in join.arrival:
            a, b = sheet.segment(k)
            for j in range(a, b - 1):
                if toks[j].lower in ("zu", "zum", "zur") and any(
                        noun_trigger(toks[x].text, sheet.ctx.language)
                        for x in range(j + 1, min(b, j + 4))):
                    return "arrival", k
    return None


def _phrase_end(sheet: Any, k: int, s1: int) -> int:
    """End of the noun phrases from token ``k``: the first comma or verb-like word."""
    while k < s1:
        t = sheet.toks[k]
        if t.text == "," or (t.text.isalpha() and not t.text[:1].isupper() and
                             t.lower not in _SEP and t.lower not in sheet.g.articles and
                             not t.lower.endswith(("e", "en", "er", "em", "es"))):
            return k
        k += 1
    return s1


def _delegate_countries(sheet: Any, s0: int, s1: int, join: Any) -> list[str]:
    """Countries named after delegate words: "Vertreter von X, Y und Z", "Gesandte Xs"."""
    countries = _countries(sheet)
    toks = sheet.toks
    out: list[str] = []
    for k in range(s0, s1):
        if toks[k].lower not in join.delegates:
            continue
        j = k + 1
        while j < s1:
            t = toks[j]
            if t.text in countries:
                out.append(countries[t.text])
            elif t.lower not in _SEP:
                break
            j += 1
    return uniq(out)


def _promote(sheet: Any, name: str) -> None:
    """Make the country ``name`` an actor (it takes part in a meeting)."""
    if sheet.types.get(name) is None:
        sheet.ctx.actors.append(Actor(name=name, type="Country"))
        sheet.types[name] = "Country"


def _aside(sheet: Any, s0: int, s1: int, join: Any) -> set[str]:
    """Actors named only in subordinate clauses without a participation cue of their own:
    "Merkel nahm teil, während Scholz in Berlin blieb" (but "…, während Putin von Lawrow
    begleitet wurde" keeps Putin and Lawrow)."""
    inside: set[str] = set()
    aside: set[str] = set()
    k = s0
    while k < s1:
        a, b = sheet.segment(k)
        b = max(b, k + 1)
        names = {m.actor for _, m in sheet.mentions_between(a, b)}
        sub = a > s0 and sheet.toks[a - 1].text == "," and sheet.toks[a].lower in \
            sheet.g.subjunctions
        if sub and _cue(sheet, a, b, join) is None:
            aside |= names
        else:
            inside |= names
        k = b + 1 if b > k else k + 1
    return aside - inside


def antecedent(sheet: Any, k: int) -> list[str]:
    """The person a relative clause holding token ``k`` is about: "Merkel, die X empfing"."""
    a, _ = sheet.segment(k)
    s0, _ = sheet.sentence(k)
    if a > s0 and sheet.toks[a - 1].text == "," and \
            sheet.toks[a].lower in sheet.g.relative_pronouns:
        before = [m for _, m in sheet.mentions_between(s0, a - 1)]
        if before and sheet.mention_end_tok(before[-1]) >= a - 2 and \
                sheet.types.get(before[-1].actor) == "Person":
            return [before[-1].actor]
    return []


def _people(sheet: Any, a: int, b: int) -> list[str]:
    out: list[str] = []
    for i, m in sheet.mentions_between(a, b):
        if skip_mention(sheet, i, m):
            continue
        out.extend(x for x in offices(sheet, i, m)[0] if sheet.types.get(x) != "Country")
    return out


def gather(ctx: Any, sheet: Any, merged: list[Draft], tok2: dict[int, Draft], lex: Any) -> None:
    """Add participants from participation sentences, delegates and speakers; split bilaterals."""
    join = lex.join
    keys = sorted(tok2)
    for s0, s1 in sheet.sents:
        cue = _cue(sheet, s0, s1, join)
        if cue is None:
            continue
        kind, k = cue
        inside = [x for x in keys if s0 <= x < s1]
        if inside:
            target = tok2[min(inside, key=lambda x: abs(x - k))]
        else:
            i = bisect_right(keys, s0 - 1) - 1
            if i < 0 or sheet.toks[keys[i]].sent < sheet.toks[s0].sent - 3:
                continue
            target = tok2[keys[i]]
        if kind == "together":
            # "Gemeinsam mit Johnson habe er gegenüber Pompeo … geworben": only right after
            # the meeting and naming one of its people; the partners after "mit" join
            if inside:
                continue
            named = {m.actor for _, m in sheet.mentions_between(s0, s1)}
            near = [tok2[x] for x in reversed(keys[:i + 1])
                    if sheet.toks[x].sent >= sheet.toks[s0].sent - 2]
            hits = [d for d in near if named & set(d.participants)]
            # the closest encounter: most of its people named, fewest people
            hit = min(hits, key=lambda d: (-len(named & set(d.participants)),
                                           len(d.participants)), default=None)
            if hit is None:
                continue
            target = hit
            who = _people(sheet, k + 2, _phrase_end(sheet, k + 2, s1))
        elif kind == "arrival":
            a, b = sheet.segment(k)
            who = _people(sheet, a, b) + antecedent(sheet, k)
        else:
            who = [x for x in _people(sheet, s0, s1) if x not in _aside(sheet, s0, s1, join)]
            for c in _delegate_countries(sheet, s0, s1, join):
                _promote(sheet, c)
                who.append(c)
        target.participants = uniq(target.participants + who)
    _speakers(ctx, sheet, merged, join)
    _fold(merged)
    for d in merged:
        for ti in d.tis:
            s0, s1 = sheet.sentence(ti)
            if any(sheet.toks[x].lower in join.bilateral
                   for x in range(max(s0, ti - 4), min(s1, ti + 4))):
                d.bilateral = True


def _paragraph(text: str, char: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, char) + 1
    b = text.find("\n", char)
    return a, len(text) if b < 0 else b


def _speakers(ctx: Any, sheet: Any, merged: list[Draft], join: Any) -> None:
    """Speakers in the paragraphs of an open, held conference attend it."""
    todo = [d for d in merged if d.open and d.status == "held" and len(d.participants) >= 2
            and any(d.label.lower().endswith(w) for w in join.open_labels)]
    if not todo:
        return
    from kg.extract.statements import find_statements

    stmts = find_statements(ctx, [], sheet)
    for d in todo:
        paras = {_paragraph(ctx.text, a) for a, _ in d.spans}
        for m in merged:
            if m is d or m.status != "held" or len(m.participants) < 2 or not m.subj:
                continue
            s0, s1 = sheet.sentence(m.ti)
            if _paragraph(ctx.text, sheet.toks[m.ti].start) in paras and any(
                    sheet.toks[k].lower in join.sidelines for k in range(s0, s1)):
                d.participants = uniq(d.participants + m.subj)
                m.parent = d
        for s in stmts:
            if s.start is None or sheet.types.get(s.speaker) != "Person":
                continue
            if any(a <= s.start < b for a, b in paras):
                d.participants = uniq(d.participants + [s.speaker])


def _fold(merged: list[Draft]) -> None:
    """A meeting first named without people that now shares two with an earlier one is it."""
    for d in list(merged):
        if not d.open or len(d.participants) < 2:
            continue
        for m in merged:
            if m is d or m.ti > d.ti:
                break
            if len(set(m.participants) & set(d.participants)) >= 2 and (
                    m.kind == d.kind or "unknown" in (m.kind, d.kind)) and m.status == d.status:
                m.participants = uniq(m.participants + d.participants)
                m.spans += d.spans
                m.tis += d.tis
                merged.remove(d)
                break
