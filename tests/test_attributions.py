"""Attributions: quotes, cues, sources, contents, certainty and chains."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from eventwire.analysis import ActorIndex, Analysis, Entity, Mention
from eventwire.attribution import attributed_to, attribution_at, certainty_at, extract
from eventwire.attribution.quotes import find_quotes
from eventwire.model import Attribution
from eventwire.options import Options


def analysis_of(nlp: Language, text: str, actors: ActorIndex | None = None) -> Analysis:
    analysis = Analysis(doc=nlp(text), published=None, options=Options())
    if actors is not None:
        analysis.actors = actors
    analysis.attributions = extract(analysis)
    return analysis


def attributions(nlp: Language, text: str) -> list[Attribution]:
    return analysis_of(nlp, text).attributions


def only(nlp: Language, text: str) -> Attribution:
    found = attributions(nlp, text)
    assert len(found) == 1, [a.content.text for a in found]
    return found[0]


def piece(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0] : span[1]] if span else None


# ---------------------------------------------------------------- quotation marks


@pytest.mark.parametrize(
    "text, quoted",
    [
        ('He said "we will win" today.', '"we will win"'),
        ("He said “we will win” today.", "“we will win”"),
        ("He said ‘we will win’ today.", "‘we will win’"),
        ("He said 'we will win' today.", "'we will win'"),
        ("Il a dit «nous gagnerons» hier.", "«nous gagnerons»"),
        ("He said ''we will win'' today.", "''we will win''"),
        ('He said "we will win” today.', '"we will win”'),
    ],
)
def test_every_quote_style_is_found(text: str, quoted: str) -> None:
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [quoted]


def test_nested_quote_stays_inside_the_outer_one() -> None:
    text = "“He told me ‘never again,’ and left,” she said."
    assert [text[q.start : q.end] for q in find_quotes(text)] == [
        "“He told me ‘never again,’ and left,”"
    ]


def test_apostrophes_are_not_quotes() -> None:
    text = "The senator’s aides don’t think the ’90s rules apply."
    assert find_quotes(text) == []


def test_quote_continued_in_next_paragraph() -> None:
    text = "“We will fight on.\n\n“And we will win,” she said."
    (quote,) = find_quotes(text)
    assert (quote.start, quote.end) == (0, text.index(" she"))


def test_unbalanced_quote_ends_with_its_paragraph() -> None:
    text = "He called it “a disgrace.\n\nThe rest of the story is plain."
    (quote,) = find_quotes(text)
    assert not quote.closed
    assert quote.end == text.index("\n")


# ---------------------------------------------------------------- constructions


def test_direct_quote_with_cue_after(nlp: Language) -> None:
    text = "“We will not surrender,” the minister said on Tuesday."
    a = only(nlp, text)
    assert a.kind == "direct"
    assert piece(text, a.source.span) == "the minister"
    assert a.cue.text == "said"
    assert a.content.text == "“We will not surrender,”"


def test_indirect_that_clause(nlp: Language) -> None:
    text = "The Miami Herald noted that there had been no further contact between the leaders."
    a = only(nlp, text)
    assert a.kind == "indirect"
    assert a.source.text == "The Miami Herald"
    assert a.cue.text == "noted"
    assert a.content.text.startswith("that there had been")
    assert a.content.text.endswith("between the leaders")


def test_mixed_content(nlp: Language) -> None:
    text = "Trump declared Venezuelan airspace “closed in its entirety” on Saturday."
    a = only(nlp, text)
    assert a.kind == "mixed"
    assert "Venezuelan airspace" in a.content.text
    assert "“closed in its entirety”" in a.content.text


def test_quote_introduced_by_colon(nlp: Language) -> None:
    text = "The senator told reporters: “The deal is dead. We are walking away.”"
    a = only(nlp, text)
    assert a.kind == "direct"
    assert a.content.text == "“The deal is dead. We are walking away.”"
    assert "reporters" not in a.content.text  # the addressee is not what was said


def test_addressee_is_left_out_of_indirect_content(nlp: Language) -> None:
    text = "Trump told Maduro that he must leave the country."
    a = only(nlp, text)
    assert a.content.text == "that he must leave the country"


def test_multi_span_quote_split_by_cue(nlp: Language) -> None:
    text = "“We are ready to talk,” the envoy said, “but not under threat.”"
    a = only(nlp, text)
    assert [piece(text, s) for s in a.content.spans] == [
        "“We are ready to talk,”",
        "“but not under threat.”",
    ]
    assert a.kind == "direct"


def test_quote_continuing_after_cue_sentence(nlp: Language) -> None:
    text = "“There are no excuses,” he said. “The governor knew. He did nothing.”"
    a = only(nlp, text)
    assert len(a.content.spans) == 2
    assert piece(text, a.content.spans[1]) == "“The governor knew. He did nothing.”"
    assert a.source.text == "he"


def test_parenthetical_cue(nlp: Language) -> None:
    text = "The bigger risk, he said, is a clash at sea."
    a = only(nlp, text)
    assert [piece(text, s) for s in a.content.spans] == ["The bigger risk", "is a clash at sea"]


def test_according_to(nlp: Language) -> None:
    text = "According to the health ministry, 40 people died in the floods."
    a = only(nlp, text)
    assert a.cue.text == "According to"
    assert a.source.text == "the health ministry"
    assert a.content.text == "40 people died in the floods"


def test_participle_cue_shares_the_subject(nlp: Language) -> None:
    text = (
        "The Journal urged the administration to keep up the pressure, asserting that "
        "talks would fail."
    )
    found = attributions(nlp, text)
    assert [a.cue.text for a in found] == ["urged", "asserting"]
    assert all(a.source.text == "The Journal" for a in found)
    assert found[0].content.text == "the administration to keep up the pressure"


def test_internal_states(nlp: Language) -> None:
    fears = only(nlp, "Opposition leaders fear that the vote will be rigged.")
    assert fears.cue.text == "fear"
    assert fears.content.text == "that the vote will be rigged"
    wants = only(nlp, "The president wants to hold new elections.")
    assert wants.content.text == "to hold new elections"


def test_pronoun_and_descriptive_sources(nlp: Language) -> None:
    text = "The talks stalled, he said. The source added that no date was set."
    found = attributions(nlp, text)
    assert [a.source.text for a in found] == ["he", "The source"]


def test_headline_with_speaker_and_colon(nlp: Language) -> None:
    text = "Graham: Trump’s rhetoric is destroying the party.\n\nThe senator spoke on Sunday."
    a = attributions(nlp, text)[0]
    assert a.source.text == "Graham"
    assert a.cue.text == ":"
    assert a.content.text == "Trump’s rhetoric is destroying the party."


def test_unbalanced_quote_does_not_swallow_the_article(nlp: Language) -> None:
    text = (
        "Protesters chanted “down with the regime as police moved in.\n\n"
        "The interior minister said that order had been restored.\n\n"
        "“We will not negotiate,” a protest leader said."
    )
    found = attributions(nlp, text)
    assert [a.cue.text for a in found] == ["said", "said"]
    assert found[0].content.text == "that order had been restored"
    assert found[1].content.text == "“We will not negotiate,”"


def test_no_cue_no_attribution(nlp: Language) -> None:
    assert attributions(nlp, "Heavy rain flooded the capital on Monday.") == []


def test_results_are_in_text_order(nlp: Language) -> None:
    text = "Smith said the plan failed. Jones said it worked. “Nonsense,” Brown said."
    found = attributions(nlp, text)
    starts = [a.content.spans[0][0] for a in found]
    assert starts == sorted(starts) and len(found) == 3


# ---------------------------------------------------------------- speakers and chains


def test_source_resolved_through_actors(nlp: Language) -> None:
    text = "Maduro said that the blockade was illegal."
    doc_start = text.index("Maduro")
    entity = Entity(
        key="Nicolás Maduro", name="Nicolás Maduro", code="VENGOV", country="VEN", sector="GOV"
    )
    analysis = Analysis(doc=nlp(text), published=None, options=Options())
    index = ActorIndex()
    index.add(
        Mention(start=doc_start, end=doc_start + 6, head=0, entity=entity, how="name"), analysis.doc
    )
    analysis.actors = index
    (a,) = extract(analysis)
    assert (a.source.code, a.source.name, a.source.text) == ("VENGOV", "Nicolás Maduro", "Maduro")


def test_source_without_actor_keeps_its_words(nlp: Language) -> None:
    a = only(nlp, "A local farmer said that the river had dried up.")
    assert a.source.text == "A local farmer"
    assert a.source.code is None


def test_chain_through_a_news_outlet(nlp: Language) -> None:
    text = (
        "Sources close to the situation revealed to the Miami Herald that Trump delivered "
        "a blunt message to Maduro."
    )
    analysis = analysis_of(nlp, text)
    (a,) = analysis.attributions
    assert a.chain == ["Sources close to the situation", "the Miami Herald"]
    assert a.certainty == "reported"
    start = text.index("delivered")
    assert attributed_to(analysis, start, start + 9) == a.chain
    assert attribution_at(analysis, start, start + 9) is a
    assert attributed_to(analysis, 0, 7) == []


def test_chain_of_nested_report(nlp: Language) -> None:
    text = "The Times reported that officials said that the talks had collapsed."
    analysis = analysis_of(nlp, text)
    start = text.index("collapsed")
    assert attributed_to(analysis, start, start + 9) == ["officials", "The Times"]


# ---------------------------------------------------------------- certainty of attributions


@pytest.mark.parametrize(
    "text, certainty",
    [
        ("The minister said that the border was open.", "asserted"),
        ("The ministry confirmed that the envoy had arrived.", "confirmed"),
        ("Officials reportedly said that the envoy had arrived.", "reported"),
        ("Sources said that the envoy had arrived.", "reported"),
        ("The rebels claimed that the army had fled.", "alleged"),
        ("Trump allegedly told Maduro that he must leave.", "alleged"),
        ("The government denied that troops had crossed the border.", "denied"),
        ("The board warned that the deal could collapse.", "hypothetical"),
        ("The ministry said that it will open the border.", "planned"),
    ],
)
def test_attribution_certainty(nlp: Language, text: str, certainty: str) -> None:
    assert only(nlp, text).certainty == certainty


# ---------------------------------------------------------------- certainty of facts


@pytest.mark.parametrize(
    "text, trigger, certainty",
    [
        ("Rebels attacked the convoy on Monday.", "attacked", "asserted"),
        ("The leader reportedly received an ultimatum.", "received", "reported"),
        ("Trump allegedly threatened Maduro.", "threatened", "alleged"),
        ("Maduro is said to have requested a second call.", "requested", "reported"),
        ("Both sides could suffer losses.", "suffer", "hypothetical"),
        ("He will resign if the court rules against him.", "rules", "hypothetical"),
        ("The envoy will visit Caracas next week.", "visit", "planned"),
        ("The government intends to expel the diplomats.", "expel", "planned"),
        ("President Trump confirmed the call.", "call", "confirmed"),
        ("The army denied the attack.", "attack", "denied"),
        ("Sources close to the talks said the army attacked the town.", "attacked", "reported"),
        ("The rebels claimed that the army attacked the town.", "attacked", "alleged"),
        (
            "Officials said the rebels claimed that the army attacked the town.",
            "attacked",
            "alleged",
        ),
        ("The mayor said that the army attacked the town.", "attacked", "asserted"),
        ("Witnesses claimed that the army's attack killed ten people.", "attack", "alleged"),
    ],
)
def test_certainty_at(nlp: Language, text: str, trigger: str, certainty: str) -> None:
    analysis = analysis_of(nlp, text)
    token = next(t for t in analysis.doc if t.text == trigger)
    assert certainty_at(analysis, token) == certainty


# ---------------------------------------------------------------- more constructions


def test_passive_cue_with_agent(nlp: Language) -> None:
    text = "His remarks were quickly condemned by the opposition."
    a = only(nlp, text)
    assert (a.source.text, a.cue.text, a.content.text) == (
        "the opposition",
        "condemned",
        "His remarks",
    )


def test_passive_reporting_verb_has_no_source(nlp: Language) -> None:
    text = "The president is expected to announce new sanctions on Friday."
    a = only(nlp, text)
    assert a.source is None
    assert a.cue.text == "is expected"
    assert piece(text, a.content.spans[0]) == "The president"
    assert a.certainty == "planned"


def test_according_to_reports_is_reported(nlp: Language) -> None:
    a = only(nlp, "According to media reports, the minister resigned on Sunday.")
    assert a.certainty == "reported"


def test_noun_cue_with_possessor(nlp: Language) -> None:
    a = only(nlp, "Trump's claim that the election was rigged has no basis.")
    assert (a.source.text, a.cue.text) == ("Trump's", "claim")
    assert a.content.text == "that the election was rigged"
    assert a.certainty == "alleged"


def test_negated_speech_act_without_content(nlp: Language) -> None:
    assert attributions(nlp, "The ministry has not disclosed further details.") == []


def test_cue_inside_a_condition_is_not_an_attribution(nlp: Language) -> None:
    text = "He offered safe passage, but only if the leader agreed to resign."
    assert all(a.cue.text != "agreed" for a in attributions(nlp, text))


def test_cue_inside_a_quote_is_part_of_the_quote(nlp: Language) -> None:
    a = only(nlp, "“I think they will lose,” the senator said.")
    assert a.cue.text == "said"


def test_nested_report_keeps_the_outer_attribution(nlp: Language) -> None:
    text = "The mayor said that residents believe the water is unsafe."
    a = only(nlp, text)
    assert (a.source.text, a.cue.text) == ("The mayor", "said")
    assert a.content.text == "that residents believe the water is unsafe"


def test_writer_aside_is_not_content(nlp: Language) -> None:
    text = "The minister said the plan would cut taxes, sparking protests across the country."
    a = only(nlp, text)
    assert a.content.text == "the plan would cut taxes"


# ---------------------------------------------------------------- the learned cue list


def test_learn_counts_cue_uses(nlp: Language, tmp_path) -> None:
    from eventwire.attribution import learn

    text = "Smith lamented that prices rose. Jones lamented the loss. Brown walked home."
    doc = nlp(text)
    cues = [(m.start(), m.end()) for m in re.finditer("lamented", text)]
    stats = {s.lemma: s for s in learn.count([(doc, cues[:1])]) if s.pos == "VERB"}
    assert (stats["lament"].uses, stats["lament"].cues) == (2, 1)
    assert stats["walk"].cues == 0
    path = tmp_path / "learned.tsv"
    learn.write([stats["lament"]], path)
    assert path.read_text().splitlines()[1].startswith("lament\tVERB\t2\t1\t0.50")


def test_learned_verbs_extend_the_lexicon() -> None:
    from eventwire.attribution.lexicon import lexicon

    verbs = lexicon().verbs
    assert "say" in verbs and verbs["deny"].certainty == "denied"
    assert "lament" in verbs  # from learned_cues.tsv, not the hand-written list


def test_learn_keeps_prepositions_of_cues(nlp: Language) -> None:
    from eventwire.attribution import learn

    text = "Smith railed against the tax. Jones railed against the deal."
    doc = nlp(text)
    cues = [(m.start(), m.end()) for m in re.finditer("railed against", text)]
    (stat,) = [s for s in learn.count([(doc, cues)]) if s.lemma == "rail" and s.pos == "VERB"]
    assert (stat.cues, stat.preps) == (2, ("against",))


def test_quote_goes_to_its_own_cue_not_the_previous_paragraph(nlp: Language) -> None:
    text = "“We will win,” Trump said.\n\n“You cannot run away from your party,” said Lichtman."
    found = attributions(nlp, text)
    assert [(a.source.text, a.content.text) for a in found] == [
        ("Trump", "“We will win,”"),
        ("Lichtman", "“You cannot run away from your party,”"),
    ]


def test_participle_modifying_a_noun_takes_it_as_source(nlp: Language) -> None:
    a = only(nlp, "Protesters demanding new elections blocked the main road.")
    assert (a.source.text, a.cue.text) == ("Protesters", "demanding")
    assert a.content.text == "new elections"


def test_indirect_question(nlp: Language) -> None:
    text = "Asked whether he would run again, the senator smiled."
    a = only(nlp, text)
    assert a.cue.text == "Asked"
    assert a.source is None
    assert a.content.text == "whether he would run again"


def test_coordinated_cues_are_separate_attributions(nlp: Language) -> None:
    text = "Rajoy said that he would form a government and insisted that his party was strong."
    found = attributions(nlp, text)
    assert [a.cue.text for a in found] == ["said", "insisted"]
    assert found[0].content.text == "that he would form a government"


def test_coordinated_clause_with_its_own_subject_stays_in_the_content(nlp: Language) -> None:
    text = "Sanders suggested that he will stay in the race and that he wants to lead the party."
    a = only(nlp, text)
    assert a.content.text == "that he will stay in the race and that he wants to lead the party"


def test_hard_wrapped_text_keeps_its_sentences(nlp: Language) -> None:
    text = (
        "The interior minister said on Monday that the\n"
        "border crossings would stay closed until\n"
        "further notice.\n\n"
        "“We have no choice,” the minister told\n"
        "reporters in the capital.\n"
    )
    found = attributions(nlp, text)
    assert found[0].content.text.replace("\n", " ") == (
        "that the border crossings would stay closed until further notice"
    )


# ---------------------------------------------------------------- further shapes and boundaries


def test_object_complement_belongs_to_the_content(nlp: Language) -> None:
    a = only(nlp, "The senator criticized them as anti-Latino.")
    assert (a.cue.text, a.content.text) == ("criticized", "them as anti-Latino")


def test_raising_verb_keeps_subject_and_complement(nlp: Language) -> None:
    a = only(nlp, "Voters appear fatigued by the campaign.")
    assert a.source is None
    assert a.content.text == "Voters … fatigued by the campaign"


def test_raising_verb_without_complement_says_nothing(nlp: Language) -> None:
    assert attributions(nlp, "This piece first appeared on Monday.") == []


def test_relative_clause_set_off_by_commas_is_left_out(nlp: Language) -> None:
    text = "She promised to put New York, which has not voted Republican in decades, in play."
    a = only(nlp, text)
    assert a.content.text == "to put New York … in play"


def test_clause_opened_by_the_cue_preposition(nlp: Language) -> None:
    a = only(nlp, "She also called for all candidates to lay out their plans.")
    assert (a.source.text, a.cue.text) == ("She", "called for")
    assert a.content.text == "all candidates to lay out their plans"


@pytest.mark.parametrize(
    "text, cue, content",
    [
        (
            "The governor is confident that the bill will pass.",
            "confident",
            "that the bill will pass",
        ),
        ("Republicans were critical of the deal.", "critical of", "the deal"),
    ],
)
def test_stance_adjective_with_a_speaker(nlp: Language, text: str, cue: str, content: str) -> None:
    a = only(nlp, text)
    assert (a.cue.text, a.content.text) == (cue, content)


def test_impersonal_adjective_is_no_cue(nlp: Language) -> None:
    assert attributions(nlp, "It is clear that the bill will pass.") == []


def test_cue_noun_takes_the_speaker_of_its_verb(nlp: Language) -> None:
    text = "The governor rebounded with a call for new elections."
    a = only(nlp, text)
    assert (a.source.text, a.cue.text) == ("The governor", "call for")
    assert a.content.text == "new elections"


def test_quote_lookups_use_sorted_quotes() -> None:
    from eventwire.attribution.quotes import first_from, last_before, overlapping, quote_at

    text = "“One,” he said. “Two,” she said. “Three,” they said."
    quotes = find_quotes(text)
    assert len(quotes) == 3
    second = quotes[1]
    assert quote_at(quotes, second.start + 2, second.start + 3) == second
    assert list(overlapping(quotes, 0, len(text))) == quotes
    assert first_from(quotes, quotes[0].end) == second
    assert last_before(quotes, second.start) == quotes[0]
    assert quote_at(quotes, quotes[0].end + 1, quotes[0].end + 3) is None


def test_span_index_finds_only_overlapping_spans() -> None:
    from eventwire.attribution.contents import SpanIndex

    index = SpanIndex([(0, 100, "long"), (10, 20, "a"), (30, 40, "b"), (50, 60, "c")])
    assert sorted(index.at(35)) == ["b", "long"]
    assert sorted(index.overlapping(15, 55)) == ["a", "b", "c", "long"]
    assert list(index.at(150)) == []


# ---------------------------------------------------------------- speed


def test_stage_time_grows_linearly_with_the_document(nlp: Language) -> None:
    """3,000 short sentences full of cues and quotes: every lookup of a quote, a content or
    a nested cue is a bisection, so the stage takes a second or so, not minutes."""
    import time

    from spacy.tokens import Doc

    from eventwire.stages.attributions import find_attributions

    paragraph = nlp(
        "Officials said the talks would resume. “We are ready,” the minister said. "
        "He added that the deal was close. The mayor told reporters: “It is over.” "
        "Critics claimed the vote was rigged, according to the paper.\n\n"
    )
    doc = Doc.from_docs([paragraph] * 600)
    assert sum(1 for _ in doc.sents) >= 3000
    analysis = Analysis(doc=doc, published=None, options=Options())
    started = time.perf_counter()
    found = find_attributions(analysis)
    elapsed = time.perf_counter() - started
    assert len(found) >= 3000
    assert elapsed < 8.0, f"{elapsed:.1f}s for {len(found)} attributions"
