"""The fallback actor table derived from the Phoenix dictionaries, and how the knowledge base
and the actors stage use it."""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.actors.dictionaries import (
    FALLBACK_FILE,
    FallbackTable,
    fallback_lines,
    read_fallback_lines,
)
from eventwire.actors.kb import KnowledgeBase, load_kb
from eventwire.analysis import ActorIndex
from eventwire.options import Options
from eventwire.pipeline import run_stages

ROOT = Path(__file__).resolve().parent.parent
COMMON = frozenset({"hope", "king", "young"})


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def code_on(kb: KnowledgeBase, name: str, day: date | None) -> str:
    entry = kb.lookup(name)
    assert entry is not None, name
    return kb.entity(entry, day).code


def small_table(items: list[dict]) -> KnowledgeBase:
    """A knowledge base with nothing but a fallback table built from these entries."""
    lines = fallback_lines(items, COMMON)
    return KnowledgeBase(fallback=FallbackTable(lambda: lines))


def person(name: str, *roles: dict, aliases: tuple[str, ...] = ()) -> dict:
    return {"name": name, "kind": "person", "aliases": list(aliases), "roles": list(roles)}


# ---------------------------------------------------------------- the shipped table


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("Yoweri Museveni", date(1996, 5, 1), "UGAGOV"),
        ("Yoweri Museveni", date(1970, 5, 1), "UGAELI"),
        ("Yoweri Kaguta Museveni", None, "UGAGOV"),
        ("Robert Mugabe", date(1985, 1, 1), "ZWEGOV"),
        ("Kofi Annan", date(1998, 2, 1), "IGO"),
        ("Kofi Annan", None, "IGO"),
        ("Jean-Bertrand Aristide", date(1992, 1, 1), "HTIELI"),
        ("Jean-Bertrand Aristide", date(2002, 1, 1), "HTIGOV"),
        ("Khmer Rouge", date(1990, 1, 1), "KHMREB"),
        ("Moro Islamic Liberation Front", None, "PHLREB"),
        ("Kosovo Liberation Army", None, "KSVREB"),  # a region's code made the named state's
    ],
)
def test_phoenix_only_actors_resolve_with_dated_roles(
    kb: KnowledgeBase, name: str, day: date | None, code: str
) -> None:
    assert kb.is_fallback(kb.lookup(name))
    assert code_on(kb, name, day) == code


def test_an_ended_role_codes_an_elite_of_the_state(kb: KnowledgeBase) -> None:
    assert code_on(kb, "Moody Awori", date(2005, 1, 1)) == "KENGOV"
    assert code_on(kb, "Moody Awori", date(2015, 1, 1)) == "KENELI"


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("Donald Trump", date(2025, 6, 1), "USAGOV"),
        ("Barack Obama", date(2018, 6, 1), "USAELI"),
        ("Gustavo Petro", date(2025, 6, 1), "COLGOV"),
        ("Nicolás Maduro", date(2025, 6, 1), "VENGOV"),
    ],
)
def test_builtin_facts_win_over_the_fallback(
    kb: KnowledgeBase, name: str, day: date, code: str
) -> None:
    assert not kb.is_fallback(kb.lookup(name))
    assert code_on(kb, name, day) == code


def test_a_fallback_name_of_a_builtin_actor_gives_the_builtin_entry(kb: KnowledgeBase) -> None:
    entry = kb.lookup("Nicolas Maduro Moros")  # an alias the Phoenix table adds
    assert entry.name == "Nicolás Maduro" and not kb.is_fallback(entry)
    assert kb.lookup_surname("Jinping") == []  # the built-in Xi Jinping is known as "Xi"
    assert [e.name for e in kb.lookup_surname("Maduro")] == ["Nicolás Maduro"]


def test_unique_surnames_resolve_shared_ones_do_not(kb: KnowledgeBase) -> None:
    assert [e.name for e in kb.lookup_surname("Mugabe")] == ["Robert Mugabe"]
    assert kb.lookup_surname("Museveni") == []  # Yoweri and Janet Museveni


def test_lower_case_and_ordinary_words_are_not_looked_up(kb: KnowledgeBase) -> None:
    assert kb.lookup("robert mugabe") is None and kb.lookup("Robert Mugabe") is not None
    assert kb.lookup_surname("mugabe") == []
    for word in ("Hope", "Young", "King", "Liberation", "Ministry"):
        assert kb.lookup(word) is None or not kb.is_fallback(kb.lookup(word)), word


def test_states_and_capitals_are_left_to_the_country_table(kb: KnowledgeBase) -> None:
    assert kb.lookup("Uganda").kind == "state"
    assert kb.lookup("Kampala") is None  # Phoenix lists cities among a state's names
    assert kb.lookup("Gulu") is None


def test_the_table_loads_fast_and_only_when_asked() -> None:
    start = time.perf_counter()
    table = FallbackTable(read_fallback_lines)
    assert not table._loaded
    assert len(table) > 20_000
    assert time.perf_counter() - start < 1.5
    size = (ROOT / "eventwire" / "data" / "actors" / FALLBACK_FILE).stat().st_size
    assert size < 3_000_000


def test_the_shipped_table_is_what_the_build_script_gives(shared_dir: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "build_phoenix_actors", ROOT / "scripts" / "build_phoenix_actors.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built, _ = module.build(shared_dir / "data" / "petrarch")
    shipped = (ROOT / "eventwire" / "data" / "actors" / FALLBACK_FILE).read_bytes()
    assert built == shipped, "rebuild with scripts/build_phoenix_actors.py"


# ---------------------------------------------------------------- building rows


def test_dated_and_undated_roles_are_kept() -> None:
    table = small_table(
        [
            person(
                "Ann Example",
                {"code": "ESPELI", "start": date(1950, 1, 1), "end": date(1990, 1, 1)},
                {"code": "ESPGOVAGR", "start": date(1990, 1, 2), "end": date(1999, 1, 1)},
                {"code": "ESPGOVLEG", "start": date(2001, 1, 1)},
                {"code": "ELI"},
            )
        ]
    )
    entry = table.lookup("Ann Example")
    assert table.entity(entry, date(1980, 1, 1)).code == "ESPELI"
    assert table.entity(entry, date(1995, 1, 1)).code == "ESPGOV"  # state and first sector
    assert table.entity(entry, date(2000, 1, 1)).code == "ESPELI"  # the undated role
    assert table.entity(entry, date(2005, 1, 1)).code == "ESPLEG"  # a legislator
    assert {r.code for r in entry.roles} == {"ESPELI", "ESPGOV", "ESPLEG"}  # "[ELI]": ESP


def test_shared_surnames_short_names_and_common_words_are_left_out() -> None:
    table = small_table(
        [
            person("Ann Kato", {"code": "JPNGOV"}, aliases=("Hope", "Kat", "Annie K")),
            person("Ben Kato", {"code": "JPNMIL"}),
            person("Cleo Young", {"code": "GHAGOV"}),
            person("Dan Quartermaine", {"code": "GBRGOV"}),
        ]
    )
    assert table.lookup_surname("Kato") == []
    assert table.lookup_surname("Young") == []  # an English word
    assert [e.name for e in table.lookup_surname("Quartermaine")] == ["Dan Quartermaine"]
    assert table.lookup("Hope") is None and table.lookup("Kat") is None
    assert table.lookup("Annie K").name == "Ann Kato"


def test_a_name_held_in_two_states_is_left_out() -> None:
    table = small_table(
        [
            {"name": "National Front", "kind": "organisation", "roles": [{"code": "FRAPTY"}]},
            {"name": "National Front", "kind": "organisation", "roles": [{"code": "GBRPTY"}]},
            {"name": "Unity Party", "kind": "organisation", "roles": [{"code": "LBRPTY"}]},
        ]
    )
    assert table.lookup("National Front") is None
    assert table.lookup("Unity Party") is not None


def test_states_places_and_region_codes() -> None:
    table = small_table(
        [
            {"name": "Ruritania", "kind": "state", "roles": [{"code": "RUR"}]},
            {"name": "Gibraltar", "kind": "person", "roles": [{"code": "GBRGIB"}]},
            {"name": "Eritrean Liberation Front", "kind": "group", "roles": [{"code": "EAFREB"}]},
        ]
    )
    assert table.lookup("Ruritania") is None
    assert table.lookup("Gibraltar") is not None and table.lookup("Gibraltar").kind == "state"
    front = table.lookup("Eritrean Liberation Front")
    assert table.entity(front, None).code == "ERIREB"


def test_an_empty_fallback_is_harmless() -> None:
    kb = KnowledgeBase(fallback=FallbackTable(list))
    assert kb.lookup("Anybody Atall") is None and kb.lookup_surname("Atall") == []


# ---------------------------------------------------------------- in the actors stage

ONLY_ACTORS = Options(stages=("places", "actors"))


@pytest.fixture(scope="module")
def actors(nlp: Language) -> Callable[..., tuple[str, ActorIndex]]:
    def run(text: str, published: str | None = "1998-02-01") -> tuple[str, ActorIndex]:
        day = date.fromisoformat(published) if published else None
        return text, run_stages(nlp(text), day, ONLY_ACTORS).actors

    return run


def codes(found: tuple[str, ActorIndex]) -> dict[str, str]:
    text, index = found
    return {text[m.start : m.end]: m.entity.code for m in index.mentions if not m.members}


def test_stage_codes_fallback_people_by_name_and_surname(actors) -> None:
    found = codes(
        actors(
            "Opposition groups in Zimbabwe are demanding that President Mugabe "
            "resign. President Yoweri Museveni banned rallies."
        )
    )
    assert found["President Mugabe"] == "ZWEGOV"
    assert found["President Yoweri Museveni"] == "UGAGOV"


def test_text_that_names_the_employer_outranks_the_fallback(actors) -> None:
    found = codes(
        actors("Afghan rebel leaders said they would meet U.N. mediator Diego Cordovez on Monday.")
    )  # later a minister of Ecuador in Phoenix
    assert found["U.N. mediator Diego Cordovez"] == "IGOUNO"


def test_a_stateless_title_does_not_take_the_state_of_the_story(actors) -> None:
    found = codes(
        actors(
            "Secretary-General Ama Kwesi Otoo said he would withdraw weapons inspectors from Iraq."
        )
    )
    assert not any(code.startswith("IRQ") and code != "IRQ" for code in found.values())
    assert found.get("Iraq") == "IRQ"
    found = codes(actors("Ama Kwesi Otoo, the secretary-general, said Iraqi troops must go."))
    assert not any(code == "IRQGOV" for code in found.values())  # no "secretary" of Iraq


def test_builtin_people_named_before_keep_their_surname(actors) -> None:
    found = actors(
        "Nicolás Maduro spoke on Monday. Later Maduro declined to step down.", "2025-12-01"
    )
    text, index = found
    names = {m.entity.name for m in index.mentions if text[m.start : m.end] == "Maduro"}
    assert names == {"Nicolás Maduro"}


def test_a_fallback_surname_alone_needs_a_title(actors) -> None:
    assert "Mugabe" not in codes(actors("Mugabe spoke on Monday."))
    assert codes(actors("Mr. Mugabe spoke on Monday."))["Mr. Mugabe"] == "ZWEGOV"


def test_a_title_held_now_fills_a_gap_of_the_table(actors) -> None:
    found = codes(actors("Second Prime Minister Hun Sen met the king.", "1998-02-19"))
    assert found["Second Prime Minister Hun Sen"] == "KHMGOV"  # the table has him ELI then
    found = codes(actors("Former prime minister Paul Keating spoke.", "1998-02-19"))
    assert found["Former prime minister Paul Keating"] == "AUSELI"
