"""Predicate frames from the dependency parse: who does what to whom, before any actor lookup.

A frame is a trigger word with the lexicon sense that coded it and the heads of its source and
target phrases. Constructions:

- active verbs (subject -> object or prepositional object) and passives ("by" agent);
- control and complements ("declined to step down", "urged Y to ..."): the governing verb is
  the trigger, its complement refines the code and is not coded again;
- light verbs with an event noun ("delivered a message", "presented counter-demands"), and
  receive-type light verbs, whose subject is the target ("received an ultimatum");
- event nouns with their own arguments ("a call between A and B", "a US offer",
  "an attack on Y by X"), and as the subject of a verb of occurrence, which lends them its
  own arguments ("clashes erupted between A and B", "an attack on Y took place");
- relative clauses ("the army, which shelled ..."), conjoined verbs sharing a subject,
  participles and predicative adjectives ("is willing to", "are guilty of violating").

Frames are built from the top of each sentence down, so that a governing frame claims the
words of its own phrase (its object, complement, purpose clause) before they can start frames
of their own: one event per clause, not one per trigger word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventwire.events.lexicon import NO_CODE, EventLexicon, Sense
from eventwire.nlp import sentence_of

SUBJECTS = ("nsubj", "csubj", "expl")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
OBJECTS = ("dobj", "dative", "attr", "oprd")
# Prepositions whose object may be the target, in order of preference: after a verb, and
# after an event noun. Both lists open with the same nine.
FIRST_TARGET_PREPS = ("to", "with", "against", "on", "at", "toward", "towards", "into", "upon")
TARGET_PREPS = (*FIRST_TARGET_PREPS, "onto", "over", "from", "for")
NOUN_TARGET_PREPS = (*FIRST_TARGET_PREPS, "of", "for", "off", "over", "from")
PLACE_PREPS = ("in", "inside", "within")
RECIPIENT_PREPS = ("to",)  # with a direct object: whoever receives it is the target
STANCE_PREPS = ("about", "regarding", "concerning")  # "optimistic about talks with X"
LIGHT_TARGET_PREPS = ("to", "with", "against", "on")
OUT_OF_SCOPE = ("relcl", "parataxis", "appos")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
CLIMB = ("xcomp", "pcomp", "prep", "acomp", "conj", "advcl", "ccomp")


@dataclass
class Frame:
    """A coded predicate: trigger, sense and the heads of its argument phrases."""

    trigger: Token
    predicate: Token  # the verb whose clause carries tense, negation and modality
    sense: Sense
    rule: str
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    noun: Token | None = None  # the event noun of nominal and light-verb frames
    places: list[Token] = field(default_factory=list)  # "in X": where, or whom, when no target
    symmetric: bool = False
    role: str | None = None  # the light verb's role ("give", "receive") in light-verb frames
    scope: set[int] = field(default_factory=set)  # token indices of the frame's own phrase

    @property
    def sentence(self) -> Span:
        return sentence_of(self.trigger)


# ------------------------------------------------------------------ tree helpers


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the prepositions attached to a token, in the order of `preps`."""
    found: list[tuple[int, Token]] = []
    for prep in children(token, "prep", "agent", "dative"):
        word = prep.lower_
        if word not in preps:
            continue
        for obj in children(prep, "pobj", "pcomp"):
            found.append((preps.index(word), obj))
    return [obj for _, obj in sorted(found, key=lambda pair: pair[0])]


def phrase_scope(head: Token, skip: set[int] | None = None) -> set[int]:
    """Token indices of a predicate's own phrase: no subjects, relative or conditional clauses."""
    scope: set[int] = set()
    stack = [head]
    while stack:
        token = stack.pop()
        scope.add(token.i)
        for child in token.children:
            if child.dep_ in OUT_OF_SCOPE or child.dep_ in SUBJECTS:
                continue  # a passive subject is the verb's object and stays in scope
            if child.dep_ == "advcl" and any(c.dep_ == "mark" for c in child.children):
                continue
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                continue
            if skip and child.i in skip:
                continue
            stack.append(child)
    return scope


def joined(tokens: list[Token], lemmas: bool) -> str:
    """Words of the tokens as one string; hyphenated words stay whole ("cease-fire")."""
    parts: list[str] = [" "]
    for n, token in enumerate(tokens):
        parts.append(token.lemma_.lower() if lemmas else token.lower_)
        nxt = tokens[n + 1] if n + 1 < len(tokens) else None
        glued = (
            nxt is not None
            and nxt.i == token.i + 1
            and not token.whitespace_
            and (token.text == "-" or nxt.text == "-")
        )
        if not glued:
            parts.append(" ")
    return "".join(parts)


def texts_mention(texts: tuple[str, str], words: tuple[str, ...]) -> bool:
    """True when one of the words occurs in the lemma or word-form text of a phrase; "word*"
    matches a prefix."""
    lemmas, forms = texts
    for word in words:
        if word.endswith("*"):
            stem = " " + word[:-1]
            if stem in lemmas or stem in forms:
                return True
        elif f" {word} " in lemmas or f" {word} " in forms:
            return True
    return False


def particle(token: Token) -> str | None:
    prts = children(token, "prt")
    return prts[0].lower_ if prts else None


def through_quantifier(noun: Token, lexicon: EventLexicon) -> Token:
    """'a series of demands' -> 'demands'; other nouns are returned as they are."""
    if noun.lemma_.lower() in lexicon.quantifiers:
        objects = prep_objects(noun, ("of",))
        if objects:
            return through_quantifier(objects[-1], lexicon)
    return noun


# ------------------------------------------------------------------ arguments


def subject_of(
    verb: Token, control: frozenset[str] = frozenset(), depth: int = 0
) -> tuple[list[Token], bool]:
    """The subject heads of a verb and whether it is passive; follows shared subjects upward.
    `control` holds the verbs whose object is the subject of their complement ("urged Y to")."""
    own = children(verb, *SUBJECTS)
    if own:
        return own, False
    passive = children(verb, *PASSIVE_SUBJECTS)
    if passive:
        # "a newspaper called on Arabs ...": no auxiliary and no agent, so not a passive
        real = bool(children(verb, "auxpass") or agents_of(verb) or verb.dep_ in ("acl", "conj"))
        return passive, real
    if depth > 4 or verb.head is verb:
        return [], False
    if verb.dep_ == "relcl":
        return [misparsed_subject(verb.head) or verb.head], False
    if verb.dep_ == "xcomp":
        controller = children(verb.head, "dobj")
        if controller and verb.head.lemma_.lower() in control:
            return controller, False
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "the mediation offered by Brazil" is passive; a noun left as the root of its
        # sentence ("A newspaper called on Arabs ...") is the subject of a misparsed verb
        if agents_of(verb):
            return [verb.head], True
        root = misparsed_subject(verb.head)  # "Tens of women from groups protested ..."
        if root is not None:
            return [root], False
        return [verb.head], verb.head.dep_ != "ROOT"
    if verb.dep_ in CLIMB or verb.dep_ == "acl":
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
            return [], False
        subjects, passive = subject_of(verb.head, control, depth + 1)
        return subjects, passive and verb.dep_ == "conj"
    return [], False


NOUN_PHRASE_DEPS = frozenset({"appos", "conj", "pobj", "prep"})


def misparsed_subject(noun: Token) -> Token | None:
    """The noun left as the root of its sentence when the verb of a relative clause without a
    relative pronoun hangs inside its phrase: in "The Afghan government, a number of parties
    and the Taliban condemned ...", the parse makes "condemned" a relative clause of "number"."""
    token = noun
    while token.dep_ in NOUN_PHRASE_DEPS and token.head is not token:
        token = token.head
    if token is noun or token.dep_ != "ROOT" or token.pos_ not in ("NOUN", "PROPN"):
        return None
    return token


def document_authors(verb: Token, lexicon: EventLexicon) -> list[Token]:
    """The authors of a text whose -ing clause a verb heads: "Amnesty put out a report accusing
    the army", "a statement by the ministry condemning the attack"."""
    text = verb.head
    clause = verb.dep_ == "acl" and verb.tag_ == "VBG"
    if not clause or text.lemma_.lower() not in lexicon.document_nouns:
        return []
    authors = prep_objects(text, ("by", "from"))
    if authors or text.dep_ not in ("dobj", "nsubjpass"):
        return authors
    return subject_of(text.head)[0] if text.dep_ == "dobj" else agents_of(text.head)


def reduced_passive(verb: Token, lexicon: EventLexicon) -> bool:
    """ "Farmer killed in Selea", "One officer wounded": a verb of harm with a subject but no
    auxiliary and no object is a passive in report and headline style."""
    if verb.lemma_.lower() not in lexicon.reduced_passive_verbs:
        return False
    if children(verb, "aux", "auxpass", "dobj", "dative", "ccomp", "xcomp", "attr"):
        return False
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT":  # "One officer wounded in the head."
        return verb.tag_ == "VBN"
    return verb.tag_ in ("VBD", "VBN") and bool(children(verb, "nsubj"))


def agents_of(verb: Token) -> list[Token]:
    return prep_objects(verb, ("by",))


def distant_agents(verb: Token) -> list[Token]:
    """A 'by' agent the parse attached further down the clause ("accused of misusing funds,
    ..., by government officials")."""
    return [
        obj
        for token in verb.subtree
        if token.dep_ == "agent" and token.head is not verb
        for obj in children(token, "pobj")
    ]


def target_candidates(head: Token, lexicon: EventLexicon) -> list[Token]:
    """Phrase heads that may name the target of a verb frame, best first."""
    out: list[Token] = []
    out += children(head, "dative")
    objects = children(head, "dobj", "oprd")
    if objects:
        out += prep_objects(head, RECIPIENT_PREPS)  # "extradited a Russian hacker to the US"
    out += objects
    for obj in objects:
        for participle in children(through_quantifier(obj, lexicon), "acl"):
            out += agents_of(participle)  # "the mediation offered by Brazil"
    preps = TARGET_PREPS + (STANCE_PREPS if head.pos_ == "ADJ" else ())
    for obj in prep_objects(head, preps):
        out += [obj, *nested_targets(obj, lexicon)]
    for obj in objects:
        out += nested_targets(through_quantifier(obj, lexicon), lexicon)
        out += prep_objects(through_quantifier(obj, lexicon), ("by",))  # "mediation by the AU"
    comps = children(head, "xcomp", "ccomp", "advcl", "pcomp")
    comps += [c for comp in comps for c in children(comp, "conj") if c.pos_ == "VERB"]
    for comp in comps:
        if any(c.dep_ == "mark" for c in comp.children) and comp.dep_ == "advcl":
            continue  # "as battles raged in Baghdad": another event, not this one's target
        out += children(comp, *SUBJECTS, *PASSIVE_SUBJECTS)  # "that its airspace be closed"
        out += target_candidates(comp, lexicon)
    for prep in children(head, "prep"):
        for pcomp in children(prep, "pcomp"):
            out += target_candidates(pcomp, lexicon)
    if objects and head.pos_ == "VERB":
        out += agents_of(head)  # "accept mediation by Qatar", the "by" hung on the verb
    return out


def nested_targets(noun: Token, lexicon: EventLexicon, depth: int = 0) -> list[Token]:
    """Objects of a noun's target prepositions, and theirs in turn: "the chances of a deal
    with North Korea", "the release of prisoners from Evin prison"."""
    out: list[Token] = []
    for obj in prep_objects(noun, NOUN_TARGET_PREPS):
        out.append(obj)
        if depth < 2:
            out += nested_targets(through_quantifier(obj, lexicon), lexicon, depth + 1)
    return out


def place_candidates(head: Token, lexicon: EventLexicon) -> list[Token]:
    """'in X' phrases of a predicate and its object and complements: the place of the event,
    or its target when nothing else names one ("sought refuge in Germany")."""
    out: list[Token] = []
    for word in [head, *children(head, "dobj")]:
        for obj in prep_objects(through_quantifier(word, lexicon), PLACE_PREPS):
            out += [obj, *prep_objects(obj, (*NOUN_TARGET_PREPS, *PLACE_PREPS))]
    for obj in prep_objects(head, TARGET_PREPS):
        out += prep_objects(obj, PLACE_PREPS)
    for comp in children(head, "xcomp"):
        out += place_candidates(comp, lexicon)
    return out


def complement_heads(head: Token) -> list[Token]:
    """Complement verbs of a trigger: 'declined to resign', 'accused Y of attempting'."""
    out = children(head, "xcomp", "ccomp")
    out += [c for c in children(head, "advcl") if c.pos_ == "VERB" and to_infinitive(c)]
    for prep in children(head, "prep"):
        out += children(prep, "pcomp")
    for obj in children(head, "dobj"):
        out += [c for c in children(obj, "acl", "relcl") if c.pos_ == "VERB"]
    for comp in list(out):
        out += [c for c in children(comp, "conj") if c.pos_ == "VERB"]
    return out


def to_infinitive(verb: Token) -> bool:
    """ "to assure him": a purpose clause, which says what the act was for."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def between_pair(noun: Token) -> list[Token]:
    """'a call between A and B': every word under 'between' (or 'among'), in text order; the
    actors among them are the parties."""
    for prep in children(noun, "prep"):
        if prep.lower_ in ("between", "among"):
            return [t for t in prep.subtree if t is not prep and t.pos_ in ("PROPN", "NOUN", "ADJ")]
    return []


# ------------------------------------------------------------------ sense choice


def choose_sense(
    senses: tuple[Sense, ...], trigger: Token, scope_tokens: list[Token], lexicon: EventLexicon
) -> Sense | None:
    """The most specific sense whose conditions hold (ties: the first listed)."""
    best: Sense | None = None
    facts = TriggerFacts(trigger, scope_tokens, lexicon)
    for sense in senses:
        if not sense_holds(sense, facts):
            continue
        if best is None or rank(sense) > rank(best):
            best = sense
    return best


def rank(sense: Sense) -> tuple[int, int]:
    """More conditions first, then the finer CAMEO code ("0332" over "033")."""
    return sense.specificity, len(sense.code)


class TriggerFacts:
    """What the sense conditions ask of one trigger, each worked out once, when first asked:
    a verb may have hundreds of imported senses."""

    def __init__(self, trigger: Token, scope: list[Token], lexicon: EventLexicon) -> None:
        self.trigger, self.scope, self.lexicon = trigger, scope, lexicon
        self._particles: set[str] | None = None
        self._preps: set[str] | None = None
        self._objects: list[str] | None = None
        self._complements: list[Token] | None = None
        self._texts: tuple[str, str] | None = None

    @property
    def particles(self) -> set[str]:
        """The particle, and the prepositions that may stand for one ("drove them out of")."""
        if self._particles is None:
            self._particles = {p.lower_ for p in children(self.trigger, "prt", "prep")}
        return self._particles

    @property
    def preps(self) -> set[str]:
        """The prepositions of the trigger, but not those of a time ("called on Tuesday")."""
        if self._preps is None:
            self._preps = {
                p.lower_ for p in children(self.trigger, "prep", "prt") if not of_time(p)
            }
        return self._preps

    @property
    def objects(self) -> list[str]:
        """Lemmas of the object heads, through quantifier nouns ("a series of demands")."""
        if self._objects is None:
            heads = children(self.trigger, "dobj", "nsubjpass")
            self._objects = [through_quantifier(o, self.lexicon).lemma_.lower() for o in heads]
        return self._objects

    @property
    def complements(self) -> list[Token]:
        if self._complements is None:
            self._complements = complement_heads(self.trigger)
        return self._complements

    @property
    def texts(self) -> tuple[str, str]:
        """The phrase as lemmas and as word forms (see `joined`)."""
        if self._texts is None:
            self._texts = (joined(self.scope, lemmas=True), joined(self.scope, lemmas=False))
        return self._texts


def of_time(prep: Token) -> bool:
    """Whether a preposition's object is a date or a time ("on Tuesday", "in June")."""
    return any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in prep.children)


def sense_holds(sense: Sense, facts: TriggerFacts) -> bool:
    if sense.prt and not facts.particles.intersection(sense.prt):
        return False
    if sense.prep and not facts.preps.intersection(sense.prep):
        return False
    if sense.obj and not any(word_matches(o, sense.obj) for o in facts.objects):
        return False
    if sense.comp and not any(comp_matches(c, sense.comp) for c in facts.complements):
        return False
    if sense.about and not texts_mention(facts.texts, sense.about):
        return False
    return not (sense.content and not has_content(facts.trigger, sense.content))


def word_matches(lemma: str, wanted: tuple[str, ...]) -> bool:
    """A lemma among the wanted words; "*" is any word and "word*" a prefix."""
    return (
        "*" in wanted
        or lemma in wanted
        or any(w.endswith("*") and lemma.startswith(w[:-1]) for w in wanted)
    )


def comp_matches(comp: Token, wanted: tuple[str, ...]) -> bool:
    lemma = comp.lemma_.lower()
    prt = particle(comp)
    return "*" in wanted or lemma in wanted or (prt is not None and f"{lemma} {prt}" in wanted)


def has_content(trigger: Token, cue: str) -> bool:
    """A clausal complement holding the modal cue ("must", "should")."""
    for comp in children(trigger, "ccomp", "xcomp", "dobj", "acl", "relcl"):
        if any(t.lower_ == cue for t in comp.subtree):
            return True
    return False


# ------------------------------------------------------------------ frame building

ADJUNCT_PREPS = frozenset(
    {
        "amid",
        "amidst",
        "during",
        "in",
        "after",
        "before",
        "since",
        "despite",
        "following",
        "at",
        "until",
        "because",
        "without",
        "like",
        "near",
        "throughout",
        "within",
    }
)


def claimed_by(head: Token) -> set[int]:
    """The words a coded predicate answers for: its objects and complements, not adjuncts."""
    claimed = {head.i}
    for child in head.children:
        dep = child.dep_
        keep = dep in (*OBJECTS, "xcomp", "ccomp", "acomp", "prt", "nsubjpass")
        keep = keep or (dep == "advcl" and not any(c.dep_ == "mark" for c in child.children))
        keep = keep or (dep == "prep" and child.lower_ not in ADJUNCT_PREPS)
        if keep:
            claimed |= subtree_without_verb_conjuncts(child)
    return claimed


def subtree_without_verb_conjuncts(token: Token) -> set[int]:
    """A subtree, less the clauses conjoined to its verbs ("declined to X and presented Y")."""
    out: set[int] = set()
    stack = [token]
    while stack:
        current = stack.pop()
        out.add(current.i)
        for child in current.children:
            own_clause = child.pos_ in ("VERB", "AUX") and child.tag_ != current.tag_
            if child.dep_ == "conj" and own_clause:
                continue
            stack.append(child)
    return out


def noun_key(noun: Token, lexicon: EventLexicon) -> str | None:
    """The lexicon entry of an event noun, looked up by lemma and then by its word form, whole
    when the tokeniser split it at a hyphen ("cease-fire", "sit-in", "counter-offensive")."""
    keys = (noun.lemma_.lower(), noun.lower_)
    compounds = {f"{c.lower_} {keys[0]}" for c in noun.children if c.dep_ in ("compound", "amod")}
    if compounds & lexicon.cue_words("non_event_compounds"):
        return None  # "a heart attack", "a lightning strike"
    hyphen = noun.doc[noun.i - 1] if noun.i >= 2 else None
    if hyphen is not None and hyphen.text == "-" and not hyphen.whitespace_:
        left = noun.doc[noun.i - 2]
        if not left.whitespace_:
            for key in keys:
                if f"{left.lower_}-{key}" in lexicon.nouns:
                    return f"{left.lower_}-{key}"
    for key in keys:
        if key in lexicon.nouns:
            return key
    return None


def modifier_actors(noun: Token) -> list[Token]:
    """Modifiers that may name the doer of a nominal event: "a US offer", "Peru's ultimatum"."""
    return [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]


def noun_frame(
    noun: Token, lexicon: EventLexicon, rule_prefix: str = "noun", verb: Token | None = None
) -> Frame | None:
    key = noun_key(noun, lexicon)
    if key is None:
        return None
    scope = phrase_scope(noun)
    around = {verb.i} if verb is not None else set()
    first = noun.head if noun.dep_ == "conj" and noun.head.pos_ == "NOUN" else None
    if first is not None:  # "air and artillery strikes on X": the first conjunct holds "on X"
        around |= phrase_scope(first)
    if noun.dep_ == "pobj":
        around.add(noun.head.i)  # "went on strike"
    elif noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        around |= {noun.head.i, *(c.i for c in children(noun.head, "prt"))}  # "rolled back"
    tokens = [noun.doc[i] for i in sorted(scope | around)]
    senses = lexicon.nouns[key]
    if verb is None:  # some nouns are events only with a light verb ("reached a consensus")
        senses = tuple(s for s in senses if not s.light_only)
    sense = choose_sense(senses, noun, tokens, lexicon)
    if sense is None:
        return None
    frame = Frame(
        trigger=noun,
        predicate=governing_verb(noun),
        sense=sense,
        noun=noun,
        rule=f"{rule_prefix}:{key}:{sense.code}",
        scope=scope,
    )
    refine(frame, tokens, lexicon)
    pair = between_pair(noun)
    if pair:
        frame.sources, frame.targets, frame.symmetric = [pair[0]], pair[1:], True
    else:
        frame.sources = (
            prep_objects(noun, ("by",)) + modifier_actors(noun) + author_of_clause(noun, lexicon)
        )
        for head in [noun] if first is None else [noun, first]:
            for obj in prep_objects(head, NOUN_TARGET_PREPS + STANCE_PREPS):
                frame.targets += [obj, *nested_targets(obj, lexicon)]
        for clause in children(noun, "acl"):  # "readiness to resume cooperation with Japan"
            if clause.pos_ == "VERB":
                frame.targets += target_candidates(clause, lexicon)
    if verb is None and occurs(noun, lexicon):
        lend_occurrence_arguments(frame, noun.head, lexicon)
    return frame


def occurs(noun: Token, lexicon: EventLexicon) -> bool:
    """Whether the noun is the subject of a verb of occurrence ("clashes erupted", "an attack
    took place", "violence broke out", "a protest was held"), the "in" of a verb of harm
    ("wounds sustained in an attack"), or heads a report with no verb ("Protests against
    looting in El Fasher.")."""
    if noun.dep_ == "ROOT" and not any(t.pos_ in ("VERB", "AUX") for t in sentence_of(noun)):
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "during"):
        return noun.head.head.lemma_.lower() in lexicon.harmed_in_verbs  # "injured in an ambush"
    if died_of(noun, lexicon) or is_a_cause(noun, lexicon):
        return True
    if noun.dep_ not in ("nsubj", "nsubjpass") or noun.head is noun:
        return False
    verb = noun.head
    lemma = verb.lemma_.lower()
    words = [lemma, *(f"{lemma} {c.lower_}" for c in children(verb, "prt", "dobj", "prep"))]
    if noun.dep_ == "nsubjpass" and any(w in lexicon.passive_occurrence_verbs for w in words):
        return True
    return any(word in lexicon.occurrence_verbs for word in words)


def died_of(noun: Token, lexicon: EventLexicon) -> bool:
    """Whether the noun is what someone died of: "died of torture", "died after torture", "died
    as a result of the torture", "died due to torture"."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in lexicon.died_of_preps:
        return False
    current = noun.head.head
    for _ in range(3):  # through "as a result of", "due to", "because of"
        if current.pos_ in ("VERB", "AUX"):
            return current.lemma_.lower() in lexicon.died_of_verbs
        current = current.head.head if current.dep_ == "pobj" else current.head
    return False


def is_a_cause(noun: Token, lexicon: EventLexicon) -> bool:
    """Whether the noun is given as the cause of what happened: "cancelled because of the
    strike", "closed due to protests", "owing to the clashes"."""
    if noun.dep_ != "pobj":
        return False
    words = {noun.head.lower_, noun.head.head.lower_}
    return bool(words & lexicon.cause_words)


def author_of_clause(noun: Token, lexicon: EventLexicon) -> list[Token]:
    """The subject of "X is responsible for <noun>": the author of the event the noun names."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return []
    adjective = noun.head.head
    if adjective.lemma_.lower() not in lexicon.author_adjectives or adjective.dep_ != "acomp":
        return []
    return children(adjective.head, "nsubj")


def lend_occurrence_arguments(frame: Frame, verb: Token, lexicon: EventLexicon) -> None:
    """The parties a verb of occurrence names for its event noun: "between A and B", "by X",
    "against Y"; its "in X" is the event's place."""
    pair = between_pair(verb)
    if pair and not between_pair(frame.trigger):
        frame.sources, frame.targets, frame.symmetric = [pair[0]], pair[1:], True
    elif not frame.symmetric:
        frame.sources += agents_of(verb)
        for obj in prep_objects(verb, NOUN_TARGET_PREPS):
            frame.targets += [obj, *nested_targets(obj, lexicon)]
    frame.places = place_candidates(verb, lexicon)
    frame.scope |= phrase_scope(verb)


def governing_verb(token: Token) -> Token:
    """The nearest verb above a token (the token itself when it is one)."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") or current.head is current:
            return current
        current = current.head
    return current


def verb_frame(verb: Token, lexicon: EventLexicon) -> Frame | None:
    lemma = verb.lemma_.lower()
    scope = phrase_scope(verb)
    tokens = [verb.doc[i] for i in sorted(scope)]
    senses = lexicon.verbs.get(lemma, ())
    sense = choose_sense(senses, verb, tokens, lexicon) if senses else None
    if (sense is None or sense.specificity == 0) and lemma in lexicon.light_verbs:
        light = light_frame(verb, lexicon)
        if light is not None:
            return light
    if sense is None:
        sense = imported_sense(verb, tokens, lexicon)
    if sense is None or sense.code == NO_CODE:
        return None
    if any(occurs(s, lexicon) for s in subject_nouns(verb, lexicon)):
        return None
    frame = Frame(
        trigger=verb, predicate=verb, sense=sense, rule=f"verb:{lemma}:{sense.code}", scope=scope
    )
    if sense.origin:
        frame.rule += f":{sense.origin}"
    subjects, passive = subject_of(verb, lexicon.object_control)
    passive = passive or reduced_passive(verb, lexicon)
    subjects = [relative_antecedent(s) for s in subjects]
    subjects = document_authors(verb, lexicon) or subjects
    # "Clinton's proposals offer an alternative": an event noun is not a doer
    subjects = [s for s in subjects if passive or noun_key(s, lexicon) is None]
    stance = not children(verb, "dobj", "dative")  # "was offered safe passage" is no stance
    if passive and not agents_of(verb) and sense.code.startswith("03") and stance:
        # "Vietnam is committed to ...", "Iraq is prepared to ...": a stance, not a passive
        frame.sources, frame.targets = subjects, target_candidates(verb, lexicon)
    elif passive:
        frame.targets, frame.sources = subjects, agents_of(verb) or distant_agents(verb)
        frame.rule += ":passive"
    else:
        frame.sources, frame.targets = subjects, target_candidates(verb, lexicon)
    if sense.object_target:
        frame.targets = children(verb, "dobj", "dative")
    frame.places = place_candidates(verb, lexicon)
    if sense.content or sense.like:
        content_subjects = [s for c in children(verb, "ccomp") for s in children(c, *SUBJECTS)]
        frame.targets = content_subjects + frame.targets
    if sense.invert:
        frame.sources, frame.targets = frame.targets, frame.sources
    refine(frame, tokens, lexicon)
    return frame


def subject_nouns(verb: Token, lexicon: EventLexicon) -> list[Token]:
    """Event nouns that are the verb's own subject."""
    return [s for s in children(verb, *SUBJECTS, *PASSIVE_SUBJECTS) if noun_key(s, lexicon)]


def imported_sense(verb: Token, tokens: list[Token], lexicon: EventLexicon) -> Sense | None:
    """The imported sense of a verb that no hand-written sense codes; none where the best
    match is a "do not code" pattern."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in lexicon.imported:
        return None
    heads = children(verb, "dobj", "nsubjpass")
    objects = [through_quantifier(o, lexicon).lemma_.lower() for o in heads]
    senses = lexicon.imported_for(lemma, objects)
    sense = choose_sense(senses, verb, tokens, lexicon) if senses else None
    return None if sense is None or sense.code == NO_CODE else sense


def refine(frame: Frame, tokens: list[Token], lexicon: EventLexicon) -> None:
    """A sense with `like` takes the finer code of that verb's senses over the same words."""
    sense = frame.sense
    if not sense.like or sense.like not in lexicon.verbs:
        return
    finer = choose_sense(lexicon.verbs[sense.like], frame.trigger, tokens, lexicon)
    if finer is not None and finer.code.startswith(sense.code[:2]) and finer.specificity:
        frame.sense = Sense(
            code=finer.code, content=sense.content, like=sense.like, needs_target=sense.needs_target
        )
        frame.rule += f":like-{sense.like}:{finer.code}"


def relative_antecedent(token: Token) -> Token:
    """'who'/'which' as the subject of a relative clause stands for the noun it modifies."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return token.head.head
    return token


def light_frame(verb: Token, lexicon: EventLexicon) -> Frame | None:
    """'delivered a message to X', 'received an ultimatum': the noun codes, the verb lends roles."""
    light = lexicon.light_verbs[verb.lemma_.lower()]
    objects = children(verb, "dobj", "nsubjpass")
    objects += [c for obj in objects for c in children(obj, "conj")]  # "air and artillery strikes"
    for obj in objects:
        noun = through_quantifier(obj, lexicon)
        frame = noun_frame(noun, lexicon, rule_prefix=f"light:{light.lemma}", verb=verb)
        if frame is None:
            continue
        frame.predicate, frame.scope, frame.role = verb, phrase_scope(verb), light.role
        frame.places = place_candidates(verb, lexicon)
        subjects, passive = subject_of(verb, lexicon.object_control)
        subjects = [relative_antecedent(s) for s in subjects]
        if passive:
            frame.sources = agents_of(verb) + frame.sources
            return frame
        verb_targets = children(verb, "dative") + prep_objects(verb, LIGHT_TARGET_PREPS)
        if light.role == "receive":
            frame.targets = subjects
            frame.sources = prep_objects(verb, ("from",)) + prep_objects(noun, ("from",))
        else:
            frame.sources = subjects or frame.sources
            frame.targets = verb_targets + frame.targets + purpose_recipients(verb, frame, lexicon)
        frame.symmetric = False
        return frame
    return None


def purpose_recipients(verb: Token, frame: Frame, lexicon: EventLexicon) -> list[Token]:
    """For an action of the recipient roots (aid), the object of the purpose clause of its verb
    or noun: "announced assistance of €60 million to help people in Somalia"."""
    if frame.sense.code[:2] not in lexicon.cue_words("recipient_place_roots"):
        return []
    helps = lexicon.cue_words("recipient_purpose_verbs")
    clauses = children(verb, "advcl", "xcomp") + children(frame.trigger, "acl")
    return [
        obj
        for clause in clauses
        if clause.lemma_.lower() in helps and not children(clause, "mark")
        for obj in children(clause, "dobj")
    ]


def depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def build_frames(sentence: Span, lexicon: EventLexicon) -> list[Frame]:
    """Every coded frame of one sentence, governing predicates first."""
    claimed: set[int] = set()
    frames: list[Frame] = []
    candidates = [t for t in sentence if may_frame(t, lexicon)]
    for token in sorted(candidates, key=lambda t: (depth(t), t.i)):
        if token.i in claimed:
            continue
        frame = frame_at(token, lexicon)
        if frame is None:
            continue
        frames.append(frame)
        claimed |= claimed_by(frame.predicate if frame.noun is None else frame.trigger)
        if frame.noun is not None and frame.predicate is not frame.trigger:
            claimed |= claimed_by(frame.predicate)
    return sorted(frames, key=lambda f: f.trigger.i)


def may_frame(token: Token, lexicon: EventLexicon) -> bool:
    """Whether the lexicon has the token's word as a predicate of its part of speech."""
    if token.pos_ in ("VERB", "ADJ"):
        if prepositional(token):
            return False
        lemma = token.lemma_.lower()
        imported = token.pos_ == "VERB" and lemma in lexicon.imported
        return lemma in lexicon.verbs or lemma in lexicon.light_verbs or imported
    return token.pos_ in ("NOUN", "PROPN") and noun_key(token, lexicon) is not None


def prepositional(token: Token) -> bool:
    """A participle used as a preposition heads no clause: "the airspace above and surrounding
    Venezuela", "talks following the attack"."""
    if token.dep_ == "prep":
        return True
    return token.dep_ == "conj" and token.head.dep_ == "prep" and token.head.pos_ in ("ADP", "ADV")


def frame_at(token: Token, lexicon: EventLexicon) -> Frame | None:
    if not may_frame(token, lexicon):
        return None
    if token.pos_ in ("VERB", "ADJ"):
        return verb_frame(token, lexicon)
    return noun_frame(token, lexicon)
