"""Annotation → RDF: one named graph per article, provenance on every fact.

Every actor mention, role, meeting and statement points (``kg:evidence``) to a
``kg:Evidence`` span — a W3C Web Annotation text selector with ``oa:start``, ``oa:end``
and ``oa:exact`` — that lies ``kg:inArticle`` the article.  The graph of an article is
named by the article's IRI.  Mapping is deterministic: the same input gives the same
triples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Dataset, Graph, Literal, URIRef

from kg import identity, ids
from kg.annotation import Annotation, evidence_span
from kg.vocab import KG, KGI, OA, ORG, PROV, RDF, RDFS, SDO, SEM, SKOS, XSD

KINDS = {"in-person": KG.InPerson, "phone": KG.Phone, "video": KG.Video,
         "unknown": KG.UnknownKind}
STATUSES = {"held": KG.Held, "planned": KG.Planned, "cancelled": KG.Cancelled}
STANCES = {"positive": KG.Positive, "negative": KG.Negative, "neutral": KG.Neutral,
           "mixed": KG.Mixed}
SPEECH = {"direct": KG.Direct, "indirect": KG.Indirect}
ACTOR_CLASSES = {"Person": KG.Person, "Organization": KG.Organization,
                 "Country": KG.Country, "Group": KG.Group}
PLACE_CLASSES = {"Country": KG.Country, "Region": KG.Region, "City": KG.City,
                 "Facility": KG.Facility}
#: The prefixes every graph kg writes is bound to.
PREFIXES = {"kg": KG._NS, "kgi": KGI, "oa": OA, "sem": SEM, "org": ORG, "prov": PROV,
            "schema": SDO, "skos": SKOS}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind kg's prefixes on a graph or dataset (the one place prefixes are chosen)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def new_dataset() -> Dataset:
    """An empty dataset with kg's prefixes bound."""
    return bind_prefixes(Dataset())


def _date_literal(value: str) -> Literal:
    return Literal(value, datatype=XSD.date if len(value) == 10 else XSD.gYearMonth)


def mention_spans(text: str, forms: Iterable[str]) -> list[tuple[int, int]]:
    """Every whole-word occurrence of any of ``forms`` in ``text`` (a genitive ``s`` may
    follow: "Kasachstans"), longest forms first, without overlaps, sorted by position."""
    spans: list[tuple[int, int]] = []
    taken = [False] * (len(text) + 1)
    for form in sorted({f for f in forms if f.strip()}, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?:s|'s|’s)?(?!\w)", text):
            if not any(taken[m.start():m.end()]):
                spans.append((m.start(), m.end()))
                for i in range(m.start(), m.end()):
                    taken[i] = True
    return sorted(spans)


def _role_span(text: str, role: str, holder_spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The shortest span joining an occurrence of ``role`` (any inflection) to a mention
    of its holder, within 80 characters; else the first occurrence of the role."""
    occurrences = [(m.start(), m.end()) for m in
                   re.finditer(rf"(?<!\w){re.escape(role)}\w*", text, flags=re.IGNORECASE)]
    if not occurrences:
        occurrences = [(m.start(), m.end()) for m in
                       re.finditer(rf"{re.escape(role)}\w*", text, flags=re.IGNORECASE)]
    best: tuple[int, int] | None = None
    for rs, re_ in occurrences:
        for hs, he in holder_spans:
            start, end = min(rs, hs), max(re_, he)
            if end - start <= 80 and "\n" not in text[start:end] and \
                    (best is None or end - start < best[1] - best[0]):
                best = (start, end)
    return best or (occurrences[0] if occurrences else None)


class _Mapper:
    """Writes one annotation into one named graph."""

    def __init__(self, ann: Annotation, text: str | None, graph: Graph) -> None:
        self.ann, self.text, self.g = ann, text, graph
        self.article = ids.article_iri(ann.article)
        self.actor_names: dict[str, URIRef] = {}
        self.place_names: dict[str, URIRef] = {}
        self.meeting_names: dict[str, URIRef] = {}

    def ref(self, name: str) -> URIRef:
        """IRI of a name used in ``of`` or ``about``: actor, then meeting, then place."""
        for table in (self.actor_names, self.meeting_names, self.place_names):
            if name in table:
                return table[name]
        raise KeyError(name)

    # ------------------------------------------------------------ evidence
    def evidence(self, subject: URIRef, exact: str, start: int | None = None,
                 end: int | None = None) -> None:
        if self.text is not None:
            span = evidence_span(exact, self.text, start, end)
            start, end = span if span else (None, None)
        else:
            start = end = None
        node = ids.evidence_iri(self.ann.article, start, end, exact)
        g = self.g
        g.add((subject, KG.evidence, node))
        g.add((node, RDF.type, KG.Evidence))
        g.add((node, KG.inArticle, self.article))
        g.add((node, OA.exact, Literal(exact)))
        if start is not None and end is not None:
            g.add((node, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
            g.add((node, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))

    def mentions(self, subject: URIRef, forms: Iterable[str]) -> list[tuple[int, int]]:
        if self.text is None:
            return []
        spans = mention_spans(self.text, forms)
        for s, e in spans:
            self.evidence(subject, self.text[s:e], s, e)
        return spans

    # -------------------------------------------------------------- records
    def run(self) -> None:
        ann, g, a = self.ann, self.g, self.article
        g.add((a, RDF.type, KG.Article))
        g.add((a, SDO.name, Literal(ann.article)))
        g.add((a, SDO.inLanguage, Literal(ann.language)))
        if ann.date:
            g.add((a, SDO.datePublished, _date_literal(ann.date)))
        if ann.source:
            g.add((a, SDO.url, Literal(ann.source, datatype=XSD.anyURI)))
        for p in ann.places:
            self.place_names[p.name] = ids.place_iri(p.name, p.type)
        for actor in ann.actors:
            self.actor_names[actor.name] = ids.actor_iri(actor.name, actor.type, actor.named,
                                                         ann.article)
        self.mint_meetings()
        self.places()
        holder_spans = self.actors()
        self.roles(holder_spans)
        self.meetings()
        self.statements()

    def mint_meetings(self) -> None:
        """Meeting IRIs from named participants + date (the meeting's, else the article's day),
        so that articles reporting one meeting share its node; a second meeting of the same
        article with the same key keeps an article-scoped IRI."""
        ann, named = self.ann, {a.name for a in self.ann.actors if a.named}
        used: set[URIRef] = set()
        for m in ann.meetings:
            who = [self.actor_names[p] for p in m.participants if p in named]
            # an undated meeting is keyed by the article's dateline, if that names a day
            day = ann.date if ann.date and len(ann.date) == 10 else None
            node = identity.meeting_iri(ann.article, m.label, who, m.date or day)
            if node in used:
                node = ids.meeting_iri(ann.article, m.label)
            used.add(node)
            self.meeting_names[m.label] = node

    def places(self) -> None:
        g = self.g
        for p in self.ann.places:
            node = self.place_names[p.name]
            g.add((node, RDF.type, PLACE_CLASSES[p.type]))
            g.add((node, RDFS.label, Literal(p.name)))
            if p.part_of:
                g.add((node, KG.partOf, self.place_names[p.part_of]))
            if p.confidence is not None:
                g.add((node, KG.confidence, Literal(p.confidence, datatype=XSD.decimal)))
            if node not in self.actor_names.values():  # a country's mentions: once, as actor
                self.mentions(node, [p.name])

    def actors(self) -> dict[str, list[tuple[int, int]]]:
        g, spans = self.g, {}
        for actor in self.ann.actors:
            node = self.actor_names[actor.name]
            g.add((node, RDF.type, ACTOR_CLASSES[actor.type]))
            if actor.type == "Country":  # kg:Country is a place; this one also acts
                g.add((node, RDF.type, KG.Actor))
            g.add((node, RDFS.label, Literal(actor.name)))
            g.add((node, KG.named, Literal(actor.named)))
            for alias in actor.aliases:
                g.add((node, SKOS.altLabel, Literal(alias)))
            if actor.confidence is not None:
                g.add((node, KG.confidence, Literal(actor.confidence, datatype=XSD.decimal)))
            spans[actor.name] = self.mentions(node, [actor.name, *actor.aliases])
        return spans

    def roles(self, holder_spans: dict[str, list[tuple[int, int]]]) -> None:
        g, art = self.g, self.ann.article
        for actor in self.ann.actors:
            holder = self.actor_names[actor.name]
            for r in actor.roles:
                role, post = ids.role_iri(r.role), ids.post_iri(r.role, r.of)
                node = ids.assignment_iri(art, actor.name, r.role, r.of)
                g.add((role, RDF.type, KG.Role))
                g.add((role, SKOS.prefLabel, Literal(r.role)))
                g.add((post, RDF.type, KG.Post))
                g.add((post, KG.roleName, Literal(r.role)))
                g.add((post, ORG.role, role))
                label = f"{r.role} ({r.of})" if r.of else r.role
                g.add((post, RDFS.label, Literal(label)))
                if r.of:
                    g.add((post, ORG.postIn, self.ref(r.of)))
                g.add((holder, ORG.holds, post))
                g.add((node, RDF.type, KG.RoleAssignment))
                g.add((node, KG.holder, holder))
                g.add((node, KG.post, post))
                g.add((node, ORG.role, role))
                g.add((node, PROV.wasDerivedFrom, self.article))
                if self.text is not None:
                    span = _role_span(self.text, r.role, holder_spans.get(actor.name, []))
                    if span is None and holder_spans.get(actor.name):
                        span = holder_spans[actor.name][0]
                    if span is not None:
                        self.evidence(node, self.text[span[0]:span[1]], *span)

    def meetings(self) -> None:
        g = self.g
        for m in self.ann.meetings:
            node = self.meeting_names[m.label]
            g.add((node, RDF.type, KG.Meeting))
            g.add((node, RDFS.label, Literal(m.label)))
            for who in m.participants:
                g.add((node, KG.participant, self.actor_names[who]))
            if m.place:
                g.add((node, KG.place, self.place_names[m.place]))
            if m.date:
                g.add((node, KG.date, _date_literal(m.date)))
            g.add((node, KG.meetingKind, KINDS[m.kind]))
            g.add((node, KG.status, STATUSES[m.status]))
            g.add((node, PROV.wasDerivedFrom, self.article))
            if m.confidence is not None:
                g.add((node, KG.confidence, Literal(m.confidence, datatype=XSD.decimal)))
            self.evidence(node, m.evidence, m.start, m.end)

    def statements(self) -> None:
        g, art = self.g, self.ann.article
        labels = {m.label for m in self.ann.meetings}
        for s in self.ann.statements:
            node = ids.statement_iri(art, s.speaker, s.cue, s.evidence, s.content)
            g.add((node, RDF.type, KG.Statement))
            g.add((node, KG.speaker, self.actor_names[s.speaker]))
            g.add((node, KG.cue, Literal(s.cue)))
            g.add((node, KG.content, Literal(s.content)))
            g.add((node, KG.stance, STANCES[s.stance]))
            g.add((node, KG.speechKind, SPEECH[s.kind]))
            g.add((node, PROV.wasDerivedFrom, self.article))
            for x in s.about:
                g.add((node, KG.about, self.ref(x)))
                if x in labels:
                    g.add((node, RDF.type, KG.Reaction))
                    g.add((node, KG.reactsTo, self.meeting_names[x]))
            if s.confidence is not None:
                g.add((node, KG.confidence, Literal(s.confidence, datatype=XSD.decimal)))
            self.evidence(node, s.evidence, s.start, s.end)


def add_annotation(dataset: Dataset, annotation: Annotation, text: str | None = None) -> URIRef:
    """Write ``annotation`` into its own named graph of ``dataset`` (replacing any
    earlier graph of the same article) and return the graph's name."""
    name = ids.article_iri(annotation.article)
    dataset.remove_graph(dataset.graph(name))
    _Mapper(annotation, text, dataset.graph(name)).run()
    return name


def to_dataset(items: Iterable[tuple[Annotation, str | None]]) -> Dataset:
    """A dataset with one named graph per (annotation, article text) pair."""
    ds = new_dataset()
    for ann, text in items:
        add_annotation(ds, ann, text)
    return ds


def to_graph(annotation: Annotation, text: str | None = None) -> Dataset:
    """The dataset of one annotation (its article's named graph)."""
    return to_dataset([(annotation, text)])
