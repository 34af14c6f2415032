"""Score a predicted annotation against a gold one (FORMAT.md, "Scoring").

Fields and how they are matched (choices FORMAT.md leaves open are marked *):

- **actors**: a predicted actor matches a gold actor when its name or an alias equals the
  gold name or an alias, ignoring case, diacritics and repeated blanks. Matching is one
  to one (a maximum matching that prefers named-to-named and equal names). Precision
  and recall count named actors only: a gold actor with ``named: false`` is not
  missed, and a predicted named actor matched to one is not wrong (*).
- The actor matching also translates every name a prediction uses (speaker, participant,
  ``of``) into the gold article's terms. A predicted actor left out of the one-to-one
  matching that still shares a name with a gold actor (a duplicate such as "Merkel"
  beside "Angela Merkel") is translated to that gold actor (*): the duplicate costs
  actor precision once, not every statement it speaks. A name that is no actor is
  compared with gold actor names/aliases, then with gold place names.
- **roles**: (person, role, of) triples; roles lower-cased and without diacritics, and a
  role matches another that ends with it ("Bundesaußenminister" ~ "Außenminister").
- **who-met-whom**: unordered pairs of distinct participants of ``held`` meetings.
- **statements**: same speaker and overlapping evidence spans in the article text (given
  ``start``/``end`` offsets are used when they hold the evidence, otherwise every
  occurrence of the evidence string counts (*)); one to one. **stance** and **kind**
  accuracy are over the matched pairs.
- **meetings** (*, extra): a predicted meeting matches a gold one when their evidence
  spans overlap, or they share two participants, or their labels are equal or one ends
  with the other ("G20-Gipfel" ~ "Gipfel"); one to one, preferring evidence over shared
  participants over labels.
- **reactions**: (speaker, meeting) pairs of statements whose ``about`` names a meeting,
  meetings translated through the meeting matching above.

Precision of nothing predicted is 1.0 when nothing was to be found (and 0.0 otherwise);
the same for recall, so an empty prediction for an empty gold article scores 1.0.

Reading prediction and gold files and printing the report are in ``kg.evaluate``, which
re-exports this module's API.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from kg.annotation import Actor, Annotation, Meeting, Statement

FIELDS = ("actors", "roles", "who-met-whom", "meetings", "statements", "reactions")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                         "\u2019": "'", "\u2018": "'", "\u00a0": " "})


# ------------------------------------------------------------------ results
@dataclass
class Score:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted and nothing was missed."""
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else float(self.fn == 0)

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was to be found and nothing was predicted."""
        wanted = self.tp + self.fn
        return self.tp / wanted if wanted else float(self.fp == 0)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float | int]:
        """p, r, f1 and the counts."""
        return {"p": self.precision, "r": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    """Share of matched pairs that agree on an attribute; None when nothing was matched."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        """correct / total, or None without any matched pair."""
        return self.correct / self.total if self.total else None

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict[str, float | int | None]:
        """accuracy and the counts."""
        return {"accuracy": self.value, "correct": self.correct, "total": self.total}


@dataclass
class Report:
    """Scores of one article, or micro-averaged (summed counts) over several."""

    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    stance: Accuracy = field(default_factory=Accuracy)
    kind: Accuracy = field(default_factory=Accuracy)
    articles: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    per_article: list[tuple[str, dict[str, Score]]] = field(default_factory=list)

    def __getitem__(self, name: str) -> Score:
        return self.scores[name]

    def __add__(self, other: Report) -> Report:
        return Report({f: self.scores[f] + other.scores[f] for f in FIELDS},
                      self.stance + other.stance, self.kind + other.kind,
                      self.articles + other.articles, self.missing + other.missing,
                      self.per_article + other.per_article)

    def to_dict(self) -> dict[str, object]:
        """Plain data: each field's scores, stance and kind accuracy, the articles."""
        data: dict[str, object] = {f: self.scores[f].to_dict() for f in FIELDS}
        data["stance"] = self.stance.to_dict()
        data["kind"] = self.kind.to_dict()
        data["articles"] = list(self.articles)
        if self.missing:
            data["missing"] = list(self.missing)
        return data


# ----------------------------------------------------------------- matching
def normalize(name: str) -> str:
    """Case-, diacritic- and blank-insensitive form of a name ("Erdoğan" → "erdogan")."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_DASHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def max_matching(edges: Iterable[tuple[int, int, float]]) -> dict[int, int]:
    """A maximum one-to-one matching {left: right} of weighted edges.

    Heavier edges are taken first (greedily), then augmenting paths raise the matching
    to maximum cardinality, so ties and weights only decide between equally large ones.
    """
    ordered = sorted(edges, key=lambda e: (-e[2], e[0], e[1]))
    adj: dict[int, list[int]] = {}
    for i, j, _ in ordered:
        adj.setdefault(i, []).append(j)
    left: dict[int, int] = {}
    right: dict[int, int] = {}
    for i, j, _ in ordered:
        if i not in left and j not in right:
            left[i], right[j] = j, i

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in right or augment(right[j], seen):
                left[i], right[j] = j, i
                return True
        return False

    for i in adj:
        if i not in left:
            augment(i, set())
    return left


def spans(evidence: str, text: str, start: int | None = None,
          end: int | None = None) -> list[tuple[int, int]]:
    """Where the evidence lies in the text: its offsets if they hold it, else every occurrence."""
    if start is not None and end is not None and text[start:end] == evidence and evidence:
        return [(start, end)]
    found, pos = [], text.find(evidence) if evidence else -1
    while pos >= 0:
        found.append((pos, pos + len(evidence)))
        pos = text.find(evidence, pos + 1)
    return found


def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Largest number of characters any span of ``a`` shares with any span of ``b``."""
    return max((min(e1, e2) - max(s1, s2) for s1, e1 in a for s2, e2 in b), default=0)


def _keys(actor: Actor) -> set[str]:
    return {k for k in (normalize(x) for x in [actor.name, *actor.aliases]) if k}


# ------------------------------------------------------------- translation
class _Names:
    """Translates names of the prediction into the gold article's terms."""

    def __init__(self, pred: Annotation, gold: Annotation) -> None:
        self.gold = gold
        self.gold_keys = [_keys(a) for a in gold.actors]
        pred_keys = [_keys(a) for a in pred.actors]
        edges = []
        for i, (pa, pk) in enumerate(zip(pred.actors, pred_keys, strict=True)):
            for j, (ga, gk) in enumerate(zip(gold.actors, self.gold_keys, strict=True)):
                if pk & gk:
                    weight = 4 * (pa.named and ga.named) + 2 * (
                        normalize(pa.name) == normalize(ga.name)) + 1
                    edges.append((i, j, weight))
        self.matching = max_matching(edges)
        self.actor_score = Score()
        matched_gold = set()
        for i, pa in enumerate(pred.actors):
            j = self.matching.get(i)
            if j is None:
                self.actor_score.fp += pa.named
            elif pa.named and gold.actors[j].named:
                self.actor_score.tp += 1
                matched_gold.add(j)
        self.actor_score.fn = sum(1 for j, ga in enumerate(gold.actors)
                                  if ga.named and j not in matched_gold)
        self.pred_actor: dict[str, tuple[str, str]] = {}
        for i, pa in enumerate(pred.actors):
            j = self.matching.get(i)
            if j is None:
                j = self._by_keys(pred_keys[i])
            if j is not None:
                self.pred_actor.setdefault(pa.name, ("a", gold.actors[j].name))
        self.gold_actor_names = {a.name for a in gold.actors}
        self.gold_places = {normalize(p.name) for p in gold.places}

    def _by_keys(self, keys: set[str]) -> int | None:
        hits = [j for j, gk in enumerate(self.gold_keys) if keys & gk]
        exact = [j for j in hits if normalize(self.gold.actors[j].name) in keys]
        return (exact or hits or [None])[0]

    def pred(self, name: str | None) -> tuple[str, str] | None:
        """Gold identity of a name used in the prediction."""
        if name is None:
            return None
        if name in self.pred_actor:
            return self.pred_actor[name]
        key = normalize(name)
        j = self._by_keys({key})
        if j is not None:
            return "a", self.gold.actors[j].name
        return ("p", key) if key in self.gold_places else ("x", key)

    def gold_ref(self, name: str | None) -> tuple[str, str] | None:
        """Identity of a name used in the gold annotation."""
        if name is None:
            return None
        return ("a", name) if name in self.gold_actor_names else ("p", normalize(name))


# ----------------------------------------------------------------- fields
def _set_score(pred: set, gold: set) -> Score:
    tp = len(pred & gold)
    return Score(tp, len(pred) - tp, len(gold) - tp)


def _role_matches(a: str, b: str) -> bool:
    return a.endswith(b) or b.endswith(a)


def _roles(pred: Annotation, gold: Annotation, names: _Names) -> Score:
    p = sorted({(names.pred(a.name), normalize(r.role), names.pred(r.of))
                for a in pred.actors for r in a.roles}, key=repr)
    g = sorted({(names.gold_ref(a.name), normalize(r.role), names.gold_ref(r.of))
                for a in gold.actors for r in a.roles}, key=repr)
    edges = [(i, j, 1 + (pt[1] == gt[1])) for i, pt in enumerate(p) for j, gt in enumerate(g)
             if pt[0] == gt[0] and pt[2] == gt[2] and _role_matches(pt[1], gt[1])]
    tp = len(max_matching(edges))
    return Score(tp, len(p) - tp, len(g) - tp)


def _pairs(meetings: list[Meeting], ref) -> set[frozenset]:
    out = set()
    for m in meetings:
        if m.status == "held":
            ids = {ref(x) for x in m.participants}
            out.update(frozenset(pair) for pair in combinations(sorted(ids, key=repr), 2))
    return out


def _meetings(pred: Annotation, gold: Annotation, names: _Names,
              text: str) -> dict[int, int]:
    edges = []
    for i, pm in enumerate(pred.meetings):
        p_sp = spans(pm.evidence, text, pm.start, pm.end)
        p_who = {names.pred(x) for x in pm.participants}
        p_label = normalize(pm.label)
        for j, gm in enumerate(gold.meetings):
            weight = 0
            if overlap(p_sp, spans(gm.evidence, text, gm.start, gm.end)) > 0:
                weight += 4
            if len(p_who & {names.gold_ref(x) for x in gm.participants}) >= 2:
                weight += 2
            if _role_matches(p_label, normalize(gm.label)):
                weight += 1
            if weight:
                edges.append((i, j, weight))
    return max_matching(edges)


def _statements(pred: list[Statement], gold: list[Statement], names: _Names,
                text: str) -> tuple[dict[int, int], Score]:
    g_sp = [spans(s.evidence, text, s.start, s.end) for s in gold]
    g_who = [names.gold_ref(s.speaker) for s in gold]
    edges = []
    for i, ps in enumerate(pred):
        p_sp = spans(ps.evidence, text, ps.start, ps.end)
        who = names.pred(ps.speaker)
        for j in range(len(gold)):
            if who == g_who[j]:
                shared = overlap(p_sp, g_sp[j])
                if shared > 0:
                    edges.append((i, j, shared))
    match = max_matching(edges)
    return match, Score(len(match), len(pred) - len(match), len(gold) - len(match))


def _reactions(ann: Annotation, speaker, meeting) -> set[tuple]:
    labels = {m.label: k for k, m in enumerate(ann.meetings)}
    return {(speaker(s.speaker), meeting(labels[x], x))
            for s in ann.statements for x in s.about if x in labels}


# -------------------------------------------------------------------- API
def evaluate(pred: Annotation, gold: Annotation, text: str) -> Report:
    """Score one predicted annotation against the gold one for the same article text."""
    names = _Names(pred, gold)
    report = Report(articles=[gold.article])
    report.scores["actors"] = names.actor_score
    report.scores["roles"] = _roles(pred, gold, names)
    report.scores["who-met-whom"] = _set_score(_pairs(pred.meetings, names.pred),
                                               _pairs(gold.meetings, names.gold_ref))
    meeting_map = _meetings(pred, gold, names, text)
    report.scores["meetings"] = Score(len(meeting_map), len(pred.meetings) - len(meeting_map),
                                      len(gold.meetings) - len(meeting_map))
    match, report.scores["statements"] = _statements(pred.statements, gold.statements,
                                                     names, text)
    for i, j in match.items():
        report.stance.total += 1
        report.stance.correct += pred.statements[i].stance == gold.statements[j].stance
        report.kind.total += 1
        report.kind.correct += pred.statements[i].kind == gold.statements[j].kind

    def pred_meeting(k: int, label: str) -> tuple[str, object]:
        return ("m", meeting_map[k]) if k in meeting_map else ("x", normalize(label))

    report.scores["reactions"] = _set_score(
        _reactions(pred, names.pred, pred_meeting),
        _reactions(gold, names.gold_ref, lambda k, _label: ("m", k)))
    report.per_article = [(gold.article, dict(report.scores))]
    return report


def evaluate_many(pairs: Iterable[tuple[Annotation, Annotation, str]]) -> Report:
    """Micro-average over articles: sum every count of (pred, gold, text) triples."""
    total = Report()
    for pred, gold, text in pairs:
        total = total + evaluate(pred, gold, text)
    return total
