"""The kg ontology's terms, and the standard vocabularies kg writes.

Generated once from ontology/kg.ttl with ``python -m rdflib.tools.defined_namespace_creator
--fail`` and kept in step with it by tests/test_vocab.py.  This is the only module that
spells an ontology IRI; mapping code imports every term it writes from here.
"""

from rdflib.namespace import (
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

#: Namespace of kg's instance data (actors, meetings, articles, evidence, ...).
KGI = Namespace("https://w3id.org/kg/id/")
#: W3C Web Annotation vocabulary (text selectors for evidence spans).
OA = Namespace("http://www.w3.org/ns/oa#")
#: Simple Event Model.
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
#: The ontology document itself.
ONTOLOGY_IRI = URIRef("https://w3id.org/kg/ontology")

__all__ = ["KG", "KGI", "OA", "SEM", "ONTOLOGY_IRI", "ORG", "OWL", "PROV", "RDF", "RDFS", "SDO",
           "SKOS", "XSD"]


class KG(DefinedNamespace):
    """Closed namespace of the kg ontology (ontology/kg.ttl)."""

    _NS = Namespace("https://w3id.org/kg/ontology#")
    _fail = True


    # Classes
    Actor: URIRef  # Someone who acts in the news: a person, organisation, country or group.
    Article: URIRef  # A news article kg read; its facts live in the named graph of the same name.
    City: URIRef  # A city, town or village.
    Country: URIRef  # A sovereign state: an actor when it acts, a place when things happen in it...
    Evidence: URIRef  # A character span of an article (oa:start, oa:end, oa:exact) from which a...
    Facility: URIRef  # A building, base, palace or venue.
    Group: URIRef  # A generic collective such as observers, experts or a delegation.
    Meeting: URIRef  # An encounter between two or more actors, in person or remote.
    MeetingKind: URIRef  # How participants meet.
    MeetingStatus: URIRef  # Whether a meeting happened.
    Organization: URIRef  # A government body, party, ministry, company or international organisa...
    Person: URIRef  # A human individual, named or unnamed ("a close adviser").
    Place: URIRef  # A location the article names.
    Post: URIRef  # One office of one country or organisation (a role in an organisation), e.g. f...
    Reaction: URIRef  # A statement about a meeting.
    Region: URIRef  # A state, province or other area below or across countries.
    Role: URIRef  # A kind of office as the article writes it, e.g. Außenminister.
    RoleAssignment: URIRef  # An article's statement that an actor holds a post; carries the evid...
    SpeechKind: URIRef  # Direct or indirect speech.
    Stance: URIRef  # Polarity of a statement toward its subject.
    Statement: URIRef  # One reported speech act: one reporting cue of one speaker.

    # Properties
    about: URIRef  # An actor, place or meeting the statement is about.
    confidence: URIRef  # The extractor's confidence in a fact, between 0 and 1.
    content: URIRef  # The gist of what was said, in the article's words.
    cue: URIRef  # The reporting verb or phrase as written.
    date: URIRef  # Day (xsd:date) or month (xsd:gYearMonth) of the meeting.
    evidence: URIRef  # A text span that supports this fact (an actor mention, a role, a meeting,...
    holder: URIRef  # Who holds the post.
    inArticle: URIRef  # The article the span belongs to.
    meetingKind: URIRef  # In person, by phone or by video.
    named: URIRef  # False for individuals the article does not name ("a close adviser").
    partOf: URIRef  # The next larger named place.
    participant: URIRef  # An actor taking part in the meeting.
    place: URIRef  # Where the meeting takes place.
    polarity: URIRef  # Sign of a stance: 1, 0 or -1 (edge sign in the reaction network).
    post: URIRef  # The post that is held.
    reactsTo: URIRef  # The meeting a reaction is about.
    roleName: URIRef  # The office's name as written, nominative, no article.
    speaker: URIRef  # Who made the statement.
    speechKind: URIRef  # Direct (quoted words) or indirect (reported or paraphrased).
    stance: URIRef  # The speaker's stance toward what the statement is about.
    status: URIRef  # Whether the meeting was held, is planned or was cancelled.

    # Individuals
    Cancelled: URIRef  # The meeting was called off.
    Direct: URIRef  # Quoted words.
    Held: URIRef  # The meeting took place.
    InPerson: URIRef  # Participants meet face to face.
    Indirect: URIRef  # Reported or paraphrased words.
    Mixed: URIRef  # Both approving and critical.
    Negative: URIRef  # Critical.
    Neutral: URIRef  # Neither approving nor critical.
    Phone: URIRef  # Participants talk by telephone.
    Planned: URIRef  # The meeting is announced or planned.
    Positive: URIRef  # Approving.
    UnknownKind: URIRef  # The article does not say how they met.
    Video: URIRef  # Participants meet by video link.
