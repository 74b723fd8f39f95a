"""Items from words the event coder left uncoded: "offered", "requested", "an ultimatum".

Only words whose parties the actors stage resolved open an item here: a verb with a resolved
subject, a noun presented by a verb such as "issued", "presented" or "received" (then the
subject is the receiver, and the sender is found among the other acts of the document), or a
noun first named as it is answered ("Maduro rejected Trump's offer of safe passage": an offer
from Trump to Maduro, which the answer then rejects).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.analysis import Analysis
from eventwire.ledger.items import Draft, Party
from eventwire.ledger.lexicon import LedgerLexicon
from eventwire.ledger.meanings import meanings_of
from eventwire.ledger.openings import NOUN_POS, make_draft, party_at
from eventwire.ledger.phrases import (
    NOUN_PARTS,
    apposed,
    is_conditional,
    is_idle,
    is_negated,
    phrase_after,
    subject_of,
)
from eventwire.nlp import sentence_of

OBJECT_DEPS = frozenset({"dobj", "attr"})


def addressee_of(analysis: Analysis, verb: Token) -> Party | None:
    """The actor an act is addressed to: indirect object, object, or "to X"."""
    for child in verb.children:
        if child.dep_ in {"dative", "dobj"} and (party := party_at(analysis, child)):
            return party
        if child.dep_ == "prep" and child.lower_ == "to":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if party := party_at(analysis, pobj):
                return party
    return None


def agent_of(analysis: Analysis, verb: Token) -> Party | None:
    """The actor of a passive verb ("was offered by X") or of "from X"."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if party := party_at(analysis, pobj):
                return party
    return None


def date_near(analysis: Analysis, token: Token) -> str | None:
    """The date of an event around the token, else of a date expression in its sentence."""
    for event in analysis.events:
        if event.date and event.span[0] <= token.idx < event.span[1]:
            return event.date
    sent: Span = sentence_of(token)
    for timex in analysis.timexes:
        if timex.type == "DATE" and sent.start_char <= timex.span[0] < sent.end_char:
            return timex.value
    return None


def governing_verb(noun: Token, lexicon: LedgerLexicon) -> Token | None:
    """The verb that presents a naming noun, through "a series of" and the like."""
    node = noun
    if node.dep_ == "pobj" and node.head.lower_ == "of":
        node = node.head.head
    verb_lemma = node.head.lemma_.lower()
    if node.dep_ in OBJECT_DEPS and (
        verb_lemma in lexicon.nominal_verbs or verb_lemma in lexicon.answer_lemmas
    ):
        return node.head
    return None


def possessor_of(analysis: Analysis, noun: Token) -> Party | None:
    """The actor whose act a noun names ("Trump's offer")."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    return party_at(analysis, poss)


def actor_before(analysis: Analysis, verb: Token) -> Token | None:
    """The actor mention right before a verb the parser gave no subject ("X, Y, proposed")."""
    node = verb.i - 1
    while node >= sentence_of(verb).start and analysis.doc[node].is_punct:
        node -= 1
    if node < sentence_of(verb).start or analysis.actors.at(analysis.doc[node]) is None:
        return None
    return analysis.doc[node]


def verb_kind(verb: Token, lexicon: LedgerLexicon) -> str | None:
    """The kind of act a verb opens by itself: a word of the ledger; a directive that governs
    an infinitive ("told Maduro to leave"); a verb of seeking whose object is something asked
    for ("sought a second call")."""
    lemma = verb.lemma_.lower()
    if lemma in lexicon.verb_words:
        return lexicon.words[lemma]
    if lemma in lexicon.directive_verbs:
        infinitive = any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children
        )
        return "demand" if infinitive else None
    if lemma in lexicon.seeking_verbs:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        asked = any(meanings_of(" ".join(t.text for t in o.subtree)) for o in objects)
        return "request" if asked else None
    return None


def verb_opening(
    analysis: Analysis, verb: Token, kind: str, lexicon: LedgerLexicon
) -> Draft | None:
    subject, passive = subject_of(verb)
    if subject is None:
        subject = actor_before(analysis, verb)
    if subject is None:
        return None
    if passive:
        parties = (agent_of(analysis, verb), party_at(analysis, subject))
    else:
        parties = (party_at(analysis, subject), addressee_of(analysis, verb))
    if parties[0] is None and parties[1] is None:
        return None
    return make_draft(analysis, kind, verb, None, parties, date_near(analysis, verb), lexicon)


STANDING_DEPS = frozenset({"nsubj", "nsubjpass"})


def maker_of(analysis: Analysis, noun: Token, lexicon: LedgerLexicon) -> Party | None:
    """Who made the act a noun names: its possessor, or "from X" / "by X" after it."""
    for prep in (c for c in noun.children if c.lower_ in lexicon.agent_prepositions):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if party := party_at(analysis, pobj):
            return party
    return possessor_of(analysis, noun)


def names_maker(noun: Token, lexicon: LedgerLexicon) -> bool:
    """Whether the text names who made the act a noun names ("a demand from Washington")."""
    agents = (c for c in noun.children if c.lower_ in lexicon.agent_prepositions)
    return any(c.dep_ == "poss" for c in noun.children) or any(
        g.dep_ == "pobj" and g.pos_ == "PROPN" for a in agents for g in a.children
    )


def addressee_in(analysis: Analysis, noun: Token) -> Party | None:
    """The actor the content of a naming noun asks to act ("the demand that Maduro leave")."""
    for clause in (c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl"}):
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.lower_ not in {"that", "which", "who"}:
            return party_at(analysis, subject)
    return None


def standing_opening(analysis: Analysis, noun: Token, lexicon: LedgerLexicon) -> Draft | None:
    """An act named by a noun that no verb presents, with content of its own: the subject of
    its clause ("The offer, safe passage for him, was rejected") or what comes "with" another
    ("delivered together with an offer of safe passage"). Parties it does not name are those
    of the earlier act it accompanies (see ``parties.inherit_parties``)."""
    with_object = noun.dep_ == "pobj" and noun.head.lower_ == "with"
    if noun.dep_ not in STANDING_DEPS and not with_object:
        return None
    if phrase_after(noun, NOUN_PARTS, with_head=False) is None and apposed(noun) is None:
        return None
    parties = (maker_of(analysis, noun, lexicon), addressee_in(analysis, noun))
    if with_object and parties[0] is None:
        parties = (answering_actor(analysis, noun), parties[1])
    if parties[0] is None and names_maker(noun, lexicon):
        return None  # its maker is named but not resolved: not to be guessed from other acts
    kind = lexicon.words[noun.lemma_.lower()]
    draft = make_draft(analysis, kind, noun, noun, parties, date_near(analysis, noun), lexicon)
    draft.inherits = True
    draft.companion = companion_of(noun) if with_object else None
    return draft


def answering_actor(analysis: Analysis, noun: Token) -> Party | None:
    """The actor who comes "with" an act ("Maduro answered it with counter-demands")."""
    subject, passive = subject_of(noun.head.head)
    return None if passive else party_at(analysis, subject)


def companion_of(noun: Token) -> int | None:
    """The act a noun comes "with": the subject of the verb it attaches to ("The demand ... was
    delivered together with an offer")."""
    verb = noun.head.head
    subject = next((c for c in verb.children if c.dep_ in STANDING_DEPS), None)
    return subject.i if subject is not None else None


def noun_opening(analysis: Analysis, noun: Token, lexicon: LedgerLexicon) -> Draft | None:
    verb = governing_verb(noun, lexicon)
    if verb is None:
        return standing_opening(analysis, noun, lexicon)
    subject, _ = subject_of(verb)
    actor = party_at(analysis, subject)
    if actor is None:
        return None
    role = lexicon.nominal_verbs.get(verb.lemma_.lower())
    if role == "source":
        parties = (actor, addressee_of(analysis, verb))
    elif role == "target":
        parties = (agent_of(analysis, verb), actor)
    else:  # answered as it is named: "Maduro rejected Trump's offer of safe passage"
        parties = (possessor_of(analysis, noun), actor)
        if parties[0] is None:
            return None
    kind = lexicon.words[noun.lemma_.lower()]
    return make_draft(analysis, kind, verb, noun, parties, date_near(analysis, verb), lexicon)


def opening_at(analysis: Analysis, token: Token, lexicon: LedgerLexicon) -> Draft | None:
    """The item a word opens by itself, if it names an act and its parties are known."""
    lemma = token.lemma_.lower()
    kind = verb_kind(token, lexicon) if token.pos_ == "VERB" else None
    noun = kind is None and token.pos_ in NOUN_POS and lemma in lexicon.noun_words
    if not (kind or noun) or is_negated(token) or is_conditional(token, lexicon):
        return None
    if kind is not None:
        return None if is_idle(token, lexicon) else verb_opening(analysis, token, kind, lexicon)
    return noun_opening(analysis, token, lexicon)


def drafts_from_parse(
    analysis: Analysis, lexicon: LedgerLexicon, taken: frozenset[int]
) -> list[Draft]:
    """Items opened by words that no coded event covers (tokens in ``taken`` are covered)."""
    drafts = []
    for token in analysis.doc:
        if token.i in taken:
            continue
        draft = opening_at(analysis, token, lexicon)
        if draft is not None and not draft.anchors & taken:
            drafts.append(draft)
    return drafts
