"""Discourse: implicit participants and the episode an event belongs to, for dating.

Implicit participants:

- an anaphoric event noun ("this campaign", "the call") with no arguments of its own refers
  to the latest earlier event noun of the same kind and takes its participants; it is a
  reference, not a new event;
- an event noun that is the object of a clause whose subject is such a reference takes the
  referent's participants ("This campaign has included a naval deployment");
- an event noun used as an adjunct of a clause ("amid a pressure campaign") or as the object
  of an uncoded verb takes that clause's subject as its source;
- a frame that knows only one party of an exchange ("X received an ultimatum", "X requested
  a second call") takes the other party of the current episode.

Episodes: an exchange between two or more actors (a call, a meeting, talks) opens an episode.
Later references to it ("This conversation, which took place on November 21") date it. The
events of the episode (its opening sentence and following sentences sharing a participant,
until a sentence brings a new date or a new episode opens) take the episode's date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventwire.actors.resolve import vocabulary
from eventwire.analysis import Analysis
from eventwire.events.arguments import (
    TARGET_OWNER_PREPS,
    Participant,
    resolve,
    unresolved_participant,
)
from eventwire.events.domestic import (
    domestic_targets,
    home_state,
    local_sources,
    role_sector,
    without_own,
)
from eventwire.events.frames import Frame, children, claimed_by, governing_verb, occurs
from eventwire.events.lexicon import EventLexicon, load_lexicon
from eventwire.model import Timex
from eventwire.nlp import sentence_of
from eventwire.timex import event_date


@dataclass
class Episode:
    participants: dict[str, Participant]
    start: int  # sentence index
    lemma: str
    date: str | None = None
    closed: bool = False

    def shares(self, keys: set[str]) -> bool:
        return bool(keys & set(self.participants))

    def other_party(self, known: set[str]) -> Participant | None:
        if not self.shares(known):
            return None
        others = [p for k, p in self.participants.items() if k not in known]
        return others[0] if others else None


@dataclass
class Referent:
    """An event noun seen earlier, with the participants it was resolved to."""

    lemma: str
    token: int
    sources: list[Participant]
    targets: list[Participant]
    episode: Episode | None = None


@dataclass
class Resolved:
    """A frame with its participants, ready to become events."""

    frame: Frame
    sentence: int
    sources: list[Participant]
    targets: list[Participant]
    episode: Episode | None = None
    date: str | None = None
    certainty: str = "asserted"
    places: list[Participant] = field(default_factory=list)
    refused: bool = False  # a concession announced as not to be made ("will not lift")


@dataclass
class Discourse:
    analysis: Analysis
    lexicon: EventLexicon
    episodes: list[Episode] = field(default_factory=list)
    referents: list[Referent] = field(default_factory=list)
    by_token: dict[int, Referent] = field(default_factory=dict)

    # -------------------------------------------------------------- sentences and dates

    def start_sentence(self, index: int, sentence: Span) -> None:
        """A sentence with a date of its own closes the open episodes (unless it is about them);
        anaphoric event nouns ("this campaign") are linked to what they refer to."""
        if self.sentence_dates(sentence) and not self.refers_back(sentence):
            for episode in self.episodes:
                if episode.start < index:
                    episode.closed = True
        for token in sentence:
            if token.pos_ == "NOUN" and not self.has_own_parties(token):
                referent = self.antecedent(token)
                if referent is not None:
                    self.note_reference(token, referent)

    def has_own_parties(self, noun: Token) -> bool:
        return any(
            c.dep_ in ("prep", "poss")
            for c in noun.children
            if c.dep_ == "poss" or c.lower_ in ("between", "by", "with", "against")
        )

    def sentence_dates(self, sentence: Span) -> list[Timex]:
        return [
            t
            for t in self.analysis.timexes
            if t.type == "DATE"
            and sentence.start_char <= t.span[0] < sentence.end_char
            and date_value(t.value) is not None
        ]

    def refers_back(self, sentence: Span) -> bool:
        anaphors = self.lexicon.anaphors
        return any(
            t.lemma_.lower() in self.lexicon.episode_nouns
            and any(c.dep_ == "det" and c.lower_ in anaphors for c in t.children)
            for t in sentence
        )

    def date_near(self, token: Token, trigger: Token | None = None) -> str | None:
        """The date of the first time expression of the sentence that dates the event of this
        predicate (and trigger): see :func:`dates_event`."""
        anchors = {token.i} | ({trigger.i} if trigger is not None else set())
        preps = self.lexicon.cue_words("own_activity_preps")
        modals = frozenset(self.lexicon.cue_map("modals"))
        for timex in self.sentence_dates(sentence_of(token)):
            if dates_event(timex_head(token.doc, timex), token, anchors, preps, modals):
                return date_value(timex.value)
        return None

    # -------------------------------------------------------------- participants

    def resolve(self, frame: Frame, sentence: int) -> Resolved | None:
        """Participants of a frame, explicit or recovered; None for a reference to a known
        event (which may date an episode) or a frame with no actor at all."""
        if frame.symmetric:
            sources, targets = self.parties(frame)
        else:
            sources = resolve(self.analysis, frame.sources)
            frame.targets = without_own(self.analysis, frame.targets, sources)
            targets = resolve(
                self.analysis,
                frame.targets,
                states=False,
                owners=TARGET_OWNER_PREPS,
                exclude=keys_of(sources),
            )
        targets = [t for t in targets if t.key not in {s.key for s in sources}]
        if frame.noun is not None and frame.noun.i in self.by_token and not sources:
            return None  # a reference to an event already coded
        if not targets and frame.sense.code[:2] in self.lexicon.cue_words("exchange_roots"):
            parties = self.parties_in_scope(frame)
            targets = [p for p in parties if p.key not in {s.key for s in sources}]
        if not targets and not frame.symmetric:
            targets = resolve(
                self.analysis, frame.targets, owners=TARGET_OWNER_PREPS, exclude=keys_of(sources)
            )
        if frame.noun is not None and frame.role is None and not sources:
            implicit_sources, implicit_targets = self.implicit_for_noun(frame.noun)
            sources, targets = implicit_sources, targets or implicit_targets
        if not sources and frame.noun is None:
            sources = self.speaker_for_pronoun(frame) or self.nearest_left_actor(frame.predicate)
        if not sources and not frame.symmetric and (frame.noun is None or frame.role):
            sources = local_sources(self.analysis, frame.sources)
        if not sources and frame.sense.code[:2] in self.lexicon.cue_words("perpetrator_roots"):
            sources = self.perpetrator(frame)
        if not sources and frame.noun is None and not frame.symmetric:
            sources = self.unresolved_sources(frame)
        own = {s.key for s in sources}
        targets = [t for t in targets if t.key not in own and not self.forum(t)]
        item = Resolved(frame, sentence, sources, targets)
        if not targets:
            item.places = resolve(self.analysis, frame.places, exclude=keys_of(sources))
        if not targets and not frame.symmetric:
            item.targets = self.unnamed_targets(item)
        self.fill_from_episode(item)
        self.remember(item)
        protest = frame.sense.code[:2] in self.lexicon.cue_words("protest_roots")
        return item if item.sources or item.targets or protest or self.violence(frame) else None

    def violence(self, frame: Frame) -> bool:
        """Violence that happened, with no actor named: "gunmen attacked a village", "the
        attack in Mogadishu left four dead"; its author is coded from its place."""
        if frame.sense.code[:2] not in self.lexicon.cue_words("unknown_author_roots"):
            return False
        if frame.noun is not None:
            return occurs(frame.noun, self.lexicon)
        return frame.predicate.dep_ not in ("amod", "compound")  # not "Israeli-occupied land"

    def perpetrator(self, frame: Frame) -> list[Participant]:
        """The author of violence reported without one, named in its own sentence or the next
        by a clause of blame: "Al Shabaab suspected", "IS claimed responsibility", "blamed on
        Boko Haram", "X are believed to be responsible"."""
        words = self.lexicon.cue_words("perpetrator_words")
        sentence = frame.sentence
        doc = sentence.doc
        window = doc[sentence.start : next_sentence_end(sentence)]
        for token in window:
            if token.lower_ not in words and token.lemma_.lower() not in words:
                continue
            clause = governing_verb(token)
            while clause.dep_ in ("xcomp", "acomp", "attr") and clause.head is not clause:
                clause = clause.head
            heads = children(clause, "nsubj", "nsubjpass") + [
                o for p in children(clause, "prep") if p.lower_ in ("on", "by") for o in p.children
            ]
            found = resolve(self.analysis, [h for h in heads if h.i != frame.trigger.i])
            found = [p for p in found if p.entity.kind != "state"]
            if found:
                return found
        return []

    def forum(self, participant: Participant) -> bool:
        """ "denounced the strikes at the United Nations": an organisation after "at", beside a
        direct object, is where the act was done, not whom it was done to."""
        if participant.token < 0 or participant.entity.kind != "organisation":
            return False
        head = self.analysis.doc[participant.token]
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ not in ("at", "before") or prep.head is prep:
            return False
        owner = prep.head
        return owner.dep_ == "dobj" or any(c.dep_ == "dobj" for c in owner.children)

    def unnamed_targets(self, item: Resolved) -> list[Participant]:
        """Role-noun targets with no actor of their own: people of the state of the venue
        ("met opposition leaders in Caracas"), else of the sources' own state ("demanded the
        resignation of the prime minister")."""
        root = item.frame.sense.code[:2]
        heads = item.frame.targets
        if root in self.lexicon.cue_words("no_domestic_roots"):
            return []
        if not item.places:
            return domestic_targets(self.analysis, heads, home_state(item.sources))
        if root in self.lexicon.cue_words("venue_roots"):
            return domestic_targets(self.analysis, heads, item.places[0].entity.country)
        return []

    def parties(self, frame: Frame) -> tuple[list[Participant], list[Participant]]:
        """'between A and B': the first actor is the source, the others the targets."""
        found: dict[str, Participant] = {}
        for token in frame.sources + frame.targets:
            for participant in resolve(self.analysis, [token], modifiers=False):
                found.setdefault(participant.key, participant)
        parties = list(found.values())
        return parties[:1], parties[1:]

    def parties_in_scope(self, frame: Frame) -> list[Participant]:
        """'proposed Cartagena as a venue for talks between A and B': A and B."""
        for i in sorted(claimed_by(frame.predicate)):
            token = frame.trigger.doc[i]
            if token.lower_ in ("between", "among") and token.dep_ == "prep":
                words = [t for t in token.subtree if t is not token]
                found: dict[str, Participant] = {}
                for word in words:
                    for p in resolve(self.analysis, [word], modifiers=False):
                        found.setdefault(p.key, p)
                return list(found.values())
        return []

    def speaker_for_pronoun(self, frame: Frame) -> list[Participant]:
        """'The United States announced it would prohibit ...': an unresolved pronoun subject of
        a reported clause stands for the speaker."""
        pronouns = self.lexicon.cue_words("speaker_pronouns")
        if not any(t.lower_ in pronouns for t in frame.sources):
            return []
        verb = frame.predicate
        while verb.dep_ in ("xcomp", "conj", "acomp") and verb.head is not verb:
            verb = verb.head
        if verb.dep_ != "ccomp" or verb.head is verb:
            return []
        return resolve(self.analysis, children(verb.head, "nsubj"))

    def unresolved_sources(self, frame: Frame) -> list[Participant]:
        """The subject of a statement that names an actor no dictionary knows: "The California
        Farm Bureau Federation said it is skeptical" is coded with that source, uncoded."""
        if frame.sense.code[:2] not in self.lexicon.cue_words("unresolved_source_roots"):
            return []
        for head in frame.sources:
            if head.pos_ == "PRON":
                head = self.speaker_head(frame) or head
            if head.dep_ in ("nsubj", "nsubjpass") and names_an_actor(head):
                return [unresolved_participant(self.analysis, head)]
        return []

    def speaker_head(self, frame: Frame) -> Token | None:
        """The subject of the verb of saying whose clause the frame is."""
        verb = frame.predicate
        while verb.dep_ in ("xcomp", "conj", "acomp") and verb.head is not verb:
            verb = verb.head
        if verb.dep_ != "ccomp" or verb.head is verb:
            return None
        subjects = children(verb.head, "nsubj")
        return subjects[0] if subjects else None

    def nearest_left_actor(self, verb: Token) -> list[Participant]:
        """When the parse gives a finite verb no subject, the actor named just before it."""
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ not in ("ROOT", "conj"):
            return []
        for token in reversed(verb.doc[max(sentence_of(verb).start, verb.i - 8) : verb.i]):
            if token.pos_ in ("VERB", "AUX"):
                return []
            mention = self.analysis.actors.at(token)
            if mention is not None:
                return resolve(self.analysis, [token], modifiers=False)
        return []

    def antecedent(self, noun: Token) -> Referent | None:
        """The earlier event noun an anaphoric one ("this campaign", "the call") refers to."""
        lemma = noun.lemma_.lower()
        determiners = {c.lower_ for c in noun.children if c.dep_ == "det"}
        if not determiners & self.lexicon.anaphors:
            return None
        for referent in reversed(self.referents):
            same_kind = referent.lemma == lemma or (
                lemma in self.lexicon.episode_nouns and referent.episode is not None
            )
            if same_kind and referent.token < noun.i:
                return referent
        return None

    def note_reference(self, noun: Token, referent: Referent) -> None:
        self.by_token[noun.i] = referent
        episode = referent.episode
        if episode is not None and episode.date is None:
            episode.date = self.reference_date(noun)

    def reference_date(self, noun: Token) -> str | None:
        """'This conversation, which took place on November 21': a date in the noun's
        relative clause, else in its clause."""
        span = {t.idx for t in noun.subtree}
        for timex in self.sentence_dates(sentence_of(noun)):
            if timex.span[0] in span:
                return date_value(timex.value)
        return self.date_near(noun)

    def implicit_for_noun(self, noun: Token) -> tuple[list[Participant], list[Participant]]:
        head = noun.head
        if noun.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
            for subject in children(head, "nsubj"):
                referent = self.by_token.get(subject.i)
                if referent is None and subject.lower_ in self.lexicon.anaphors:
                    referent = self.latest_with_sources()  # "These included a request ..."
                if referent is not None:
                    return referent.sources, []
                found = resolve(self.analysis, [subject])
                if found:
                    return found, []
        if (
            noun.dep_ == "pobj"
            and head.dep_ == "prep"
            and head.lower_ in self.lexicon.cue_words("own_activity_preps")
        ):
            verb = head.head
            if verb.pos_ in ("VERB", "AUX"):
                subjects = resolve(self.analysis, children(verb, "nsubj"))
                if verb.lemma_.lower() in self.lexicon.harmed_in_verbs:
                    return [], subjects  # "three soldiers died in an ambush": its victims
                return subjects, []
        return [], []

    def latest_with_sources(self) -> Referent | None:
        for referent in reversed(self.referents):
            if referent.sources:
                return referent
        return None

    def fill_from_episode(self, item: Resolved) -> None:
        """The missing party of a two-party exchange, from the current episode."""
        episode = self.current_episode()
        if episode is None or episode.closed:
            return
        root = item.frame.sense.code[:2]
        if item.targets and not item.sources and item.frame.noun is not None:
            other = episode.other_party({p.key for p in item.targets})
            if other is not None:
                item.sources = [other]
        elif item.sources and not item.targets and root in self.lexicon.cue_words("exchange_roots"):
            other = episode.other_party({p.key for p in item.sources})
            if other is not None:
                item.targets = [other]

    def current_episode(self) -> Episode | None:
        open_ones = [e for e in self.episodes if not e.closed]
        return open_ones[-1] if open_ones else None

    def remember(self, item: Resolved) -> None:
        frame = item.frame
        keys = {p.key for p in item.sources + item.targets}
        episode = self.current_episode()
        lemma = (frame.noun or frame.trigger).lemma_.lower()
        opens = (
            frame.symmetric or lemma in self.lexicon.episode_nouns or frame.sense.code[:2] == "04"
        )
        if opens and len(keys) >= 2 and (episode is None or not keys <= set(episode.participants)):
            for other in self.episodes:
                other.closed = True
            episode = Episode({p.key: p for p in item.sources + item.targets}, item.sentence, lemma)
            self.episodes.append(episode)
        if episode is not None and not episode.closed and episode.shares(keys):
            item.episode = episode
        if frame.noun is not None:
            referent = Referent(lemma, frame.noun.i, item.sources, item.targets, item.episode)
            self.referents.append(referent)
            self.by_token[frame.noun.i] = referent


NEGATIVE_DETERMINERS = frozenset({"no", "neither", "nobody"})


def names_an_actor(head: Token) -> bool:
    """Whether a subject names someone who acts, though no dictionary knows them: a proper name
    ("the FLN", "Holcomb's office"), an agent noun of an institution ("officials", "lawmakers")
    or an organisation word ("the agency"); not "observers", "residents" or "the aid package"."""
    if any(c.dep_ == "det" and c.lower_ in NEGATIVE_DETERMINERS for c in head.children):
        return False  # "no group has claimed responsibility"
    if head.pos_ == "PROPN" or (head.is_upper and len(head) > 1):  # "the FLN", tagged a noun
        return True
    if head.pos_ != "NOUN":
        return False
    if any(c.pos_ == "PROPN" and c.dep_ in ("compound", "poss") for c in head.children):
        return True
    sectors = load_lexicon().cue_words("unresolved_speaker_sectors")
    sector = (role_sector(head) or "").lower()
    return sector in sectors or head.lower_ in vocabulary().organisation_words


def next_sentence_end(sentence: Span) -> int:
    """Where the sentence after this one ends (this one's end when it is the last)."""
    doc = sentence.doc
    return sentence_of(doc[sentence.end]).end if sentence.end < len(doc) else sentence.end


def keys_of(participants: list[Participant]) -> frozenset[str]:
    """What to leave out when looking for the other party: these actors, by key and identity."""
    return frozenset(k for p in participants for k in (p.key, p.identity))


def date_value(value: str | None) -> str | None:
    """The date an event can carry for a TIMEX3 value ("2025-11-21", "2025-11", "2013")."""
    if not value:
        return None
    return event_date(value)


def timex_head(doc: Doc, timex: Timex) -> Token | None:
    """The syntactic head of a time expression's words."""
    span = doc.char_span(timex.span[0], timex.span[1], alignment_mode="expand")
    return span.root if span is not None else None


def dates_event(
    head: Token | None,
    predicate: Token,
    anchors: set[int],
    preps: frozenset[str],
    modals: frozenset[str],
) -> bool:
    """Whether a time expression with this head dates the event of a predicate.

    It does when it hangs on the predicate or the event noun ("clashed on 2 July", "clashes on
    2 July"), on a noun of the event's own setting ("killed in strikes on 18 June"), or on a
    verb above the predicate ("said on Monday it had seized ..."; a conjoined verb only when
    the date comes first: "On Monday troops entered the town and burned it"). It does not
    when it modifies another noun ("condemned the November 2024 ceasefire", "protested the
    killing of a student the previous day") or lies in another clause.
    """
    if head is None:
        return False
    above = scoping_verbs(predicate, modals)
    current = head
    for _ in range(16):
        parent = current.head
        if parent.i == current.i:
            return False
        if parent.i in anchors:
            return True
        if parent.i in above:
            return above[parent.i] or head.i < parent.i
        if parent.pos_ in ("VERB", "AUX"):
            return False
        if parent.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and not own_setting(parent, preps):
            return False
        current = parent
    return False


OWN_TIME_DEPS = frozenset({"ccomp", "parataxis", "relcl", "acl"})  # clauses with their own time


def scoping_verbs(predicate: Token, modals: frozenset[str]) -> dict[int, bool]:
    """The verbs above a predicate whose dates may date it, each with whether any of its dates
    does (False: only a date before it, as for the first of conjoined verbs). A reported
    clause has a time of its own ("said on Sunday" does not date what was said), unless it
    is an announcement, coded as the saying ("said on Sunday it would send aid")."""
    found: dict[int, bool] = {}
    current, through_conj = predicate, False
    for _ in range(8):
        if current.head.i == current.i or (
            current.dep_ in OWN_TIME_DEPS and not announced(current, modals)
        ):
            break
        through_conj = through_conj or current.dep_ == "conj"
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            found[current.i] = not through_conj
    return found


def announced(verb: Token, modals: frozenset[str]) -> bool:
    """A clause with a modal ("it would send aid", "could strike"): an announcement."""
    return any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)


def own_setting(noun: Token, preps: frozenset[str]) -> bool:
    """A noun that sets the scene of the clause's event: the object of "in", "during", "amid"
    ... hanging on a verb ("were killed in air strikes")."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in preps
        and prep.head.pos_ in ("VERB", "AUX")
    )
