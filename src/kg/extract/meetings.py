"""Meetings: encounters between actors, from trigger nouns and verbs (``meetings.yaml``).

A trigger is a meeting noun or a compound ending in one ("Gipfeltreffen", "G20-Gipfel",
"Nachfolgegespräch") or a meeting verb ("traf", "empfing", "telefonierte", "kamen …
zusammen", "sprach mit"). Participants come from "zwischen X und Y", "X mit Y", genitive
and "von/bei" phrases next to the noun and the subject of the clause; kind from the
trigger; status from tense and planned/cancelled words in the clause (:mod:`kg.extract.mtg_status`);
date and place from the sentence (:mod:`kg.extract.mtg_when`). Later mentions of the same
meeting ("das Treffen", "der Gipfel", "die Konferenz") are merged into it, so each meeting is
listed once; sentences that only add people to it ("nahmen … teil", "ist zugegen",
"von X begleitet") are handled by :mod:`kg.extract.mtg_join`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kg.annotation import Meeting
from kg.extract.context import Context
from kg.extract.mtg_join import (
    Draft,
    antecedent,
    gather,
    offices,
    skip_mention,
    title_holders,
    uniq,
)
from kg.extract.mtg_status import status_of
from kg.extract.mtg_when import find_date, find_place
from kg.extract.stmt_cues import verb_cues, verb_index
from kg.extract.stmt_lex import lexicon
from kg.extract.stmt_text import Sheet, span_text


@lru_cache(maxsize=4)
def _nouns(lang: str) -> tuple[list[tuple[str, Any]], frozenset[str]]:
    lex = lexicon(lang, "meetings")
    forms = sorted(((f.lower(), n) for n in lex.nouns for f in n.forms), key=lambda x: -len(x[0]))
    return forms, frozenset(w.lower() for w in lex.exclude)


@lru_cache(maxsize=16384)
def noun_trigger(word: str, lang: str = "de") -> tuple[str, Any] | None:
    """(label as written, noun entry) when ``word`` is a meeting noun or a compound of one."""
    if not word[:1].isupper() and lexicon(lang, "meetings").capitalized:
        tail = word.rsplit("-", 1)[-1]
        if tail == word or not tail[:1].isupper():
            return None
        word = tail  # "„three-on-three“-Treffen"
    low = word.lower()
    forms, exclude = _nouns(lang)
    if low in exclude:
        return None
    for form, entry in forms:
        if low.endswith(form):
            prefix = word[:len(word) - len(form)]
            if prefix and len(prefix.rstrip("-")) < 2:
                continue
            base = entry.label if not prefix else prefix + entry.label.lower()
            if prefix.endswith("-"):
                base = prefix + entry.label
            return base, entry
    return None


def find_meetings(ctx: Context, sheet: Sheet | None = None) -> list[Meeting]:
    """Every meeting the article reports, each once."""
    sheet = sheet or Sheet(ctx)
    lang = ctx.language
    lex = lexicon(lang, "meetings")
    drafts: list[Draft] = []
    seen_tok: set[int] = set()
    for cue, entry in verb_cues(sheet, lang, "meetings"):
        if cue.ti in seen_tok:
            continue
        seen_tok.update(cue.toks)
        if _blocked(sheet, cue.ti, entry.verb, lex):
            continue
        subj = uniq([m.actor for m in sheet.subjects(cue.ti, after_gap=6)
                     if not skip_mention(sheet, sheet.tok_at(m.start) or 0, m)])
        obj = _objects(sheet, cue.ti, subj) + antecedent(sheet, cue.ti)
        status, strength = status_of(sheet, cue.ti, lex, verb=True)
        drafts.append(Draft(entry.label or "Treffen", entry.kind, cue.ti, uniq(subj + obj),
                            status, False, strength=strength, subj=subj,
                            sent=sheet.toks[cue.ti].sent))
    for ti, entry in _sentence_cues(sheet, lang, seen_tok):
        seen_tok.add(ti)
        if _blocked(sheet, ti, entry.verb, lex):
            continue
        s0, s1 = sheet.sentence(ti)
        subj = uniq([m.actor for m in sheet.subjects(ti, after_gap=6)
                     if not skip_mention(sheet, sheet.tok_at(m.start) or 0, m)])
        status, strength = status_of(sheet, ti, lex, verb=True)
        drafts.append(Draft(entry.label or "Treffen", entry.kind, ti,
                            uniq(subj + _objects(sheet, ti, subj, (s0, s1))), status, False,
                            strength=strength, subj=subj, sent=sheet.toks[ti].sent))
    for t in sheet.toks:
        if t.i in seen_tok or (t.quoted and not any(q + "-" in t.text for q in "“”\"«»‘’")):
            continue  # a compound with a quoted part stays: "„three-on-three“-Treffen"
        if not t.text[:1].isupper() and "-" not in t.text and lex.capitalized:
            continue
        hit = noun_trigger(t.text, lang)
        if hit is None:
            continue
        label, entry = hit
        prev = sheet.toks[t.i - 1].lower if t.i else ""
        if prev in lex.negators:
            continue  # "kein Treffen"
        definite = prev in lex.determiners_definite
        who = _noun_participants(sheet, t.i)
        subj: list[str] = []
        if len(who) < 2 and not entry.weak:
            subj = _clause_subjects(sheet, t.i)
            if who:
                who = uniq(subj + who)
            else:  # "Merkel und Macron führten ein Gespräch" — the trigger's own clause
                a, b = sheet.segment(t.i)
                subj = [x for x in subj if any(m.actor == x for _, m in
                                               sheet.mentions_between(a, b))]
                if len(subj) >= 2 and not definite:
                    who = subj
        if entry.weak and len(who) < 2:
            continue
        status, strength = status_of(sheet, t.i, lex)
        drafts.append(Draft(label, entry.kind, t.i, who, status, definite, strength=strength,
                            subj=[x for x in subj if x in who], sent=t.sent, noun=True,
                            head=entry.label.lower()))
    drafts.sort(key=lambda d: d.ti)
    _pairs(sheet, drafts, lex)
    merged, tok2 = _merge(sheet, drafts)
    gather(ctx, sheet, merged, tok2, lex)
    return _build(ctx, sheet, merged)


def _pairs(sheet: Sheet, drafts: list[Draft], lex: Any) -> None:
    """ "Die beiden sprachen miteinander": the two people of the meeting just before."""
    for n, d in enumerate(drafts):
        a, b = sheet.segment(d.ti)
        toks = sheet.toks
        if not any(toks[k].lower in lex.join.pair_words and (
                k + 1 >= b or toks[k + 1].lower not in lex.join.pair_not)
                and k not in sheet._tok_mentions for k in range(a, b)):
            continue
        prev = next((p for p in reversed(drafts[:n]) if len(p.participants) == 2 and
                     not set(p.participants) & set(d.participants) and
                     toks[p.ti].sent >= toks[d.ti].sent - 8), None)
        if prev is not None:
            d.participants = uniq(prev.participants + d.participants)
            d.subj = uniq(prev.participants + d.subj)


def _blocked(sheet: Sheet, vi: int, verb: str, lex: Any) -> bool:
    """Whether the verb at ``vi`` is no meeting here: a blocking word ("trifft auf",
    "Entscheidung treffen") or a negation ("verhandeln nicht mehr") in its clause."""
    a, b = sheet.segment(vi)
    words = {t.lower for t in sheet.toks[a:b]}
    return bool(words & set(lex.blockers.get(verb, ())) or words & set(lex.negators))


def _sentence_cues(sheet: Sheet, lang: str, seen: set[int]) -> list[tuple[int, Any]]:
    """Meeting verbs whose companion word stands beyond their comma-bounded clause.

    "Zusammen mit …, hatte Steinmeier zwischen dem Präsidenten X und den
    Oppositionsführern Y, Z und W vermittelt": the list's commas split the clause.
    """
    out = []
    for t in sheet.toks:
        if t.quoted or t.i in seen or t.text[:1].isupper():
            continue
        for entry, _joined in verb_index(lang, "meetings").get(t.lower, []):
            if not entry.with_ or entry.particle or entry.reflexive:
                continue
            s0, s1 = sheet.sentence(t.i)
            words = {w.lower() for w in entry.with_}
            if any(sheet.toks[j].lower in words for j in range(s0, t.i)):
                out.append((t.i, entry))
                break
    return out


def _objects(sheet: Sheet, vi: int, subj: list[str],
             span: tuple[int, int] | None = None) -> list[str]:
    """Other actors of the verb's clause: objects and "mit"/"zwischen" phrases."""
    a, b = span or sheet.segment(vi)
    out = []
    for i, m in sheet.mentions_between(a, b):
        if m.actor in subj or skip_mention(sheet, i, m):
            continue
        j = i - 1
        while j >= a and sheet.toks[j].lower not in sheet.g.meeting_links and \
                not sheet.toks[j].text[0].isupper() and sheet.toks[j].lower in sheet.g.articles:
            j -= 1
        prep = sheet.toks[j].lower if j >= a else ""
        if prep in sheet.g.prepositions and prep not in sheet.g.partner_prepositions:
            continue
        out.extend(offices(sheet, i, m)[0])
    out += [x for x in title_holders(sheet, a, b) if x not in subj]
    return out


def _noun_participants(sheet: Sheet, ti: int) -> list[str]:
    """Actors in the noun phrase of the trigger ("Gipfel zwischen X und Y", "Besuch bei Y")."""
    s0, s1 = sheet.sentence(ti)
    links = sheet.g.meeting_links
    out: list[str] = []
    k = ti + 1
    steps = 0
    while k < s1 and steps < 14:
        t = sheet.toks[k]
        m = sheet.mention_at(k)
        if m is not None:
            end = max(sheet.mention_end_tok(m), k + 1)
            if not skip_mention(sheet, k, m) and not _other_pp(sheet, k, ti):
                who, end = offices(sheet, k, m)
                out.extend(who)
            k = max(end, k + 1)
            continue
        if t.text in (".", ";", ":", "!", "?", "(", "–") or (
                t.text == "," and (sheet.toks[k + 1].lower not in links if k + 1 < s1 else True)):
            break
        if noun_trigger(t.text, sheet.ctx.language) is not None:
            break
        if t.text.isalpha() and not t.text[:1].isupper() and t.lower not in links and \
                t.lower not in sheet.g.articles and t.lower not in sheet.g.prepositions and \
                not t.lower.endswith(("e", "en", "er", "es", "em")):
            break  # "Verhandlungen mit der CDU weiterhin …": the noun phrase has ended
        if t.lower in sheet.g.auxiliaries or (t.lower.endswith(("te", "ten")) and
                                               not t.text[0].isupper() and t.lower not in
                                               sheet.g.articles):
            break
        k += 1
        steps += 1
    return uniq(out)


def _other_pp(sheet: Sheet, k: int, lo: int) -> bool:
    """Whether the mention at ``k`` follows a preposition that names no partner ("in X")."""
    j = k - 1
    while j > lo and sheet.toks[j].lower not in sheet.g.prepositions and (
            sheet.toks[j].lower in sheet.g.articles or (
                not sheet.toks[j].text[:1].isupper() and sheet.toks[j].text.isalpha() and
                sheet.toks[j].lower.endswith(("e", "en", "er", "es", "em")))):
        j -= 1
    w = sheet.toks[j].lower
    return w in sheet.g.prepositions and w not in sheet.g.meeting_links and \
        w not in ("vom", "beim", "unter")


def _clause_subjects(sheet: Sheet, ti: int) -> list[str]:
    """Persons the trigger's sentence names as acting: mentions outside other PPs."""
    s0, s1 = sheet.sentence(ti)
    out = []
    for i, m in sheet.mentions_between(s0, s1):
        if skip_mention(sheet, i, m):
            continue
        if _governed(sheet, i, s0):
            prev = [sheet.toks[j].lower for j in range(max(s0, i - 3), i)]
            if not (sheet.g.partner_prepositions & set(prev)):
                continue
        for x in sheet._tok_all.get(i, [m]):
            if sheet.types.get(x.actor) in ("Person", "Group"):
                out.append(x.actor)
    return uniq(out)


def _governed(sheet: Sheet, ti: int, lo: int) -> bool:
    """Whether the mention at ``ti`` stands in a prepositional phrase (not across a verb)."""
    j = ti - 1
    while j >= lo:
        t = sheet.toks[j]
        if t.lower in sheet.g.prepositions:
            return True
        if j in sheet._tok_mentions or not sheet._np_word(t) or t.lower in sheet.g.list_joiners:
            return False
        if not t.text[:1].isupper() and t.lower not in sheet.g.articles and (
                t.lower in sheet.g.auxiliaries or t.lower.endswith(("te", "ten"))):
            return False  # a finite verb: "in Hamburg forderte Steinmeier"
        j -= 1
    return False


def _target(merged: list[Draft], d: Draft) -> Draft | None:
    """The earlier meeting that draft ``d`` mentions again, or None."""
    for m in reversed(merged):
        same_people = len(set(d.participants) & set(m.participants)) >= 2 and (
            set(d.participants) <= set(m.participants) or
            set(m.participants) <= set(d.participants))
        compatible = d.kind == m.kind or "unknown" in (d.kind, m.kind)
        if compatible and same_people:
            return m
    if len(d.participants) >= 2 or not (d.definite or (d.participants and not d.noun)):
        return None
    if d.noun:  # "die Konferenz" → the last meeting of that name
        for m in reversed(merged):
            if d.head in m.heads or m.label.lower().endswith(d.head):
                return m
    for m in reversed(merged):
        if (d.kind == m.kind or "unknown" in (d.kind, m.kind)) and \
                (not d.participants or set(d.participants) & set(m.participants)):
            return m
    return None


def _merge(sheet: Sheet, drafts: list[Draft]) -> tuple[list[Draft], dict[int, Draft]]:
    """Merge mentions of one meeting; map each trigger token to its meeting."""
    merged: list[Draft] = []
    tok2: dict[int, Draft] = {}
    for d in drafts:
        t = sheet.toks[d.ti]
        d.spans = [(t.start, t.end)]
        d.tis = [d.ti]
        d.heads = {d.head} if d.head else set()
        d.open = len(d.participants) < 2
        target = _target(merged, d)
        if target is None:
            merged.append(d)
            tok2[d.ti] = d
            continue
        tok2[d.ti] = target
        target.spans += d.spans
        target.tis.append(d.ti)
        target.heads |= d.heads
        for p in d.participants:
            if p not in target.participants and len(d.participants) >= 2:
                target.participants.append(p)
        if target.kind == "unknown" and d.kind != "unknown":
            target.kind = d.kind
        if d.noun and not target.noun:  # the article's own word for it
            target.label, target.noun = d.label, True
        if d.strength > target.strength:
            target.status, target.strength = d.status, d.strength
    return merged, tok2


def _build(ctx: Context, sheet: Sheet, merged: list[Draft]) -> list[Meeting]:
    """Meeting records for the drafts with two or more participants."""
    out: list[Meeting] = []
    labels: set[str] = set()
    spans: dict[str, list[tuple[int, int]]] = {}
    for d in merged:
        if len(d.participants) < 2:
            continue
        groups = [d.participants]
        objs = [p for p in d.participants if p not in d.subj]
        if d.bilateral and d.subj and len(objs) >= 2:
            groups = [d.subj + [o] for o in objs]
        s0, s1 = sheet.sentence(d.ti)
        ev, start, end = span_text(ctx.text, sheet.toks[s0].start, sheet.toks[s1 - 1].end)
        date = find_date(sheet, d.tis, ctx.date, d.status)
        place = find_place(sheet, d.tis, ctx)
        if place is None and d.parent is not None:  # a meeting on the sidelines of another
            place = find_place(sheet, d.parent.tis, ctx)
        if d.kind in ("phone", "video"):
            place = None  # a call has no one place
        ptype = next((p.type for p in ctx.places if p.name == place), None)
        if d.kind == "unknown" and ptype in ("City", "Facility"):
            d.kind = "in-person"
        for who in groups:
            label = d.label
            if label in labels or len(groups) > 1:
                other = next((p for p in who[1:] if p not in d.subj), who[-1])
                label = f"{d.label} mit {other.split()[-1]}"
                n = 2
                while label in labels:
                    label = f"{d.label} {n}"
                    n += 1
            labels.add(label)
            spans[label] = d.spans
            out.append(Meeting(label=label, participants=who, kind=d.kind, place=place,
                               date=date, status=d.status, evidence=ev, start=start, end=end,
                               confidence=0.7))
    ctx.meeting_spans = spans  # type: ignore[attr-defined]
    return out
